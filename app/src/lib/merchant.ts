// Merchant status and health in words, and the figures derived from a merchant's state.
import { MerchantStatus, HealthStatus, RejectionReason } from '../generated/pst_mint';
import { saleCost } from './curve';

export const STATUS_STEPS = ['Applied', 'Approved', 'Token created', 'Sale', 'Active'] as const;

/** Where the merchant is on the timeline: the step's index, and whether it stopped there (rejected, delisted). */
export function statusStep(s: MerchantStatus): { index: number; label: string; stopped: boolean } {
  switch (s) {
    case MerchantStatus.Applied:
      return { index: 0, label: 'Applied: awaiting an underwriter', stopped: false };
    case MerchantStatus.Approved:
      return { index: 1, label: 'Approved: create the token', stopped: false };
    case MerchantStatus.Rejected:
      return { index: 1, label: 'Rejected', stopped: true };
    case MerchantStatus.TokenCreated:
      return { index: 2, label: 'Token created: issue the supply', stopped: false };
    case MerchantStatus.Sale:
      return { index: 3, label: 'Public sale', stopped: false };
    case MerchantStatus.Active:
      return { index: 4, label: 'Active', stopped: false };
    case MerchantStatus.Delisted:
      return { index: 4, label: 'Delisted', stopped: true };
  }
}

export function healthText(h: HealthStatus): string {
  return h === HealthStatus.Healthy ? 'Healthy' : h === HealthStatus.Watch ? 'Watch' : 'Default';
}

export const REJECTION_REASONS: readonly { value: RejectionReason; label: string }[] = [
  { value: RejectionReason.InsufficientRevenueHistory, label: 'Insufficient revenue history' },
  { value: RejectionReason.InsufficientMargin, label: 'Insufficient margin' },
  { value: RejectionReason.UnverifiableEvidence, label: 'Unverifiable evidence' },
  { value: RejectionReason.ExcessiveRisk, label: 'Excessive risk' },
  { value: RejectionReason.Other, label: 'Other' },
];

export function rejectionText(r: RejectionReason): string {
  return REJECTION_REASONS.find((x) => x.value === r)?.label ?? 'Other';
}

/** The stake a merchant must keep: `stake_bps` of the market cap at the issue price, both rounded up
 *  (`pst_math::stake_requirement`); null where the program's math refuses. */
export function stakeRequirement(supply: bigint, price: bigint, stakeBps: number): bigint | null {
  if (stakeBps > 10_000 || stakeBps < 0) return null;
  let cap: bigint;
  try {
    cap = saleCost(supply, price);
  } catch {
    return null;
  }
  return (cap * BigInt(stakeBps) + 9_999n) / 10_000n;
}
