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

const U64_MAX = (1n << 64n) - 1n;
const clampU64 = (v: bigint): bigint => (v > U64_MAX ? U64_MAX : v);
const YEAR_SECS = 365n * 86_400n;
const HISTORY = 24;

/** Periods in a year, rounded, at least 1 (`pst_math::ami::periods_per_year`). */
export function periodsPerYear(periodSecs: bigint): bigint {
  const p = periodSecs > 1n ? periodSecs : 1n;
  const n = (YEAR_SECS + p / 2n) / p;
  return n > 1n ? n : 1n;
}

/** How many of the newest periods make up the trailing year (`pst_math::ami::trailing_window`). */
export function trailingWindow(periodSecs: bigint, len: number): number {
  return Math.min(Number(periodsPerYear(periodSecs)), HISTORY, len);
}

/** Days of inventory in hundredths of a day: the closing inventory over a period's worth of revenue per day,
 *  rounded down; no revenue is no cover, 0 (`pst_math::ami::inventory_days_x100`). */
export function inventoryDaysX100(inventory: bigint, revenue: bigint, periodSecs: bigint): bigint {
  if (revenue === 0n) return 0n;
  const period = periodSecs > 1n ? periodSecs : 1n;
  return clampU64((inventory * period * 100n) / (revenue * 86_400n));
}

/** One accepted period, as far as inventory goes. */
export interface InventoryPoint {
  revenue: bigint;
  inventory: bigint;
}

/** Days of inventory of the newest period of `history` (oldest first): measured against the larger of its
 *  revenue and the trailing window's average, so a collapse of one period's sales cannot inflate the cover
 *  (`pst_math::ami::latest_inventory_days_x100`); null for no history. */
export function latestInventoryDays(history: readonly InventoryPoint[], periodSecs: bigint): bigint | null {
  const h = history.slice(Math.max(0, history.length - HISTORY));
  const last = h[h.length - 1];
  if (!last) return null;
  const window = h.slice(h.length - trailingWindow(periodSecs, h.length));
  const average = window.reduce((a, p) => a + p.revenue, 0n) / BigInt(Math.max(1, window.length));
  return inventoryDaysX100(last.inventory, last.revenue > average ? last.revenue : average, periodSecs);
}

/** The change of the days of inventory from the period before to the newest, bps, rounded toward zero; null
 *  without two periods or with a zero base (`pst_math::ami::Metrics::inventory_trend_bps`). */
export function inventoryTrendBps(history: readonly InventoryPoint[], periodSecs: bigint): bigint | null {
  const h = history.slice(Math.max(0, history.length - HISTORY)); // the chain keeps the newest 24
  const now = latestInventoryDays(h, periodSecs);
  const before = latestInventoryDays(h.slice(0, -1), periodSecs);
  if (now === null || before === null || before === 0n) return null;
  const g = ((now - before) * 10_000n) / before;
  const I64_MAX = (1n << 63n) - 1n;
  return g > I64_MAX ? I64_MAX : g;
}

/** A Watch merchant may withdraw this share of its approved limit, bps; the cover factor never goes below
 *  `MIN_COVER_FACTOR_BPS` (`pst_math::ami`). */
export const WATCH_LIMIT_BPS = 5_000n;
export const MIN_COVER_FACTOR_BPS = 2_500n;

/** The inventory-cover factor, bps: days of inventory over the floor, between 25% and 100% (100% with no floor
 *  or no history). */
export function coverFactorBps(daysX100: bigint | null, floorDays: number): bigint {
  if (daysX100 === null || floorDays <= 0) return 10_000n;
  const f = (daysX100 * 10_000n) / (BigInt(floorDays) * 100n);
  return f < MIN_COVER_FACTOR_BPS ? MIN_COVER_FACTOR_BPS : f > 10_000n ? 10_000n : f;
}

/** The per-period withdrawal limit (`pst_math::ami::withdrawal_limit`): Healthy the approved limit; Watch half
 *  of it times the cover factor; Default 0 (frozen). */
export function withdrawalLimit(approved: bigint, health: HealthStatus, daysX100: bigint | null, floorDays: number): bigint {
  if (health === HealthStatus.Healthy) return approved;
  if (health === HealthStatus.Default) return 0n;
  return (approved * WATCH_LIMIT_BPS * coverFactorBps(daysX100, floorDays)) / 100_000_000n;
}

/** The limit while the period just ended is not accepted yet: 12.5% of the approved limit
 *  (`pst_math::ami::unjudged_limit`). */
export function unjudgedLimit(approved: bigint): bigint {
  return (approved * WATCH_LIMIT_BPS * MIN_COVER_FACTOR_BPS) / 100_000_000n;
}

/** Days of inventory for people: "12.34 days". */
export function daysText(daysX100: bigint): string {
  return `${daysX100 / 100n}.${String(daysX100 % 100n).padStart(2, '0')} days`;
}
