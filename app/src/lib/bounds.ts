// The programs' input bounds, checked before signing so that a form says in words what the program would refuse.
// The numeric bounds come from the programs' IDLs (`#[constant]`s, generated into src/generated/*/constants.ts);
// the three text-length limits are `usize` constants in pst_mint that the IDL cannot carry and are mirrored here.
import * as K from '../generated/pst_mint/constants';
import { MIN_DEPOSIT } from '../generated/yield_tranches/constants';
import { DEFAULT_PE_HIGH_BPS, DEFAULT_PE_LOW_BPS } from '../generated/alar_reserve/constants';
import { formatAmount, formatBps, formatDuration, usdc } from './amounts';
import { saleCost } from './curve';

/** pst_mint's `MAX_NAME_LEN`, `MAX_SYMBOL_LEN`, `MAX_URI_LEN` (bytes). */
export const MAX_NAME_LEN = 32;
export const MAX_SYMBOL_LEN = 10;
export const MAX_URI_LEN = 200;
const BPS = 10_000;
const utf8Len = (s: string): number => new TextEncoder().encode(s).length;

/** One problem with one field, in words. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProfileInput {
  name: string;
  symbol: string;
  tokenUri: string;
  evidenceUri: string;
  /** 64 hex characters. */
  evidenceHash: string;
  trailingRevenue: bigint;
  marginBps: number;
  growthBps: number;
  /** Current inventory at cost, USDC base units. */
  inventoryValue: bigint;
  /** Months the store has been trading. */
  historyMonths: number;
}

/** The protocol's eligibility thresholds (`MerchantRules` in the config). */
export interface Eligibility {
  minTrailingRevenue: bigint;
  minHistoryMonths: number;
}

/** `MerchantProfile::validate` and, given the config's rules, `MerchantRules::check_application`; plus the
 *  evidence hash's form. */
export function checkProfile(p: ProfileInput, rules?: Eligibility): FieldProblem[] {
  const out: FieldProblem[] = [];
  const n = utf8Len(p.name);
  if (n === 0 || n > MAX_NAME_LEN) out.push({ field: 'name', message: `The name must be 1 to ${MAX_NAME_LEN} bytes long.` });
  const s = utf8Len(p.symbol);
  if (s === 0 || s > MAX_SYMBOL_LEN) {
    out.push({ field: 'symbol', message: `The symbol must be 1 to ${MAX_SYMBOL_LEN} bytes long.` });
  }
  if (utf8Len(p.tokenUri) > MAX_URI_LEN) out.push({ field: 'tokenUri', message: `The token URI must be at most ${MAX_URI_LEN} bytes.` });
  if (utf8Len(p.evidenceUri) > MAX_URI_LEN) {
    out.push({ field: 'evidenceUri', message: `The evidence URI must be at most ${MAX_URI_LEN} bytes.` });
  }
  if (!/^[0-9a-fA-F]{64}$/.test(p.evidenceHash)) {
    out.push({ field: 'evidenceHash', message: 'The evidence hash must be 64 hexadecimal characters (a SHA-256).' });
  }
  if (p.trailingRevenue <= 0n) out.push({ field: 'trailingRevenue', message: 'Trailing revenue must be more than zero.' });
  if (!Number.isInteger(p.marginBps) || p.marginBps < 0 || p.marginBps > K.MAX_MARGIN_BPS) {
    out.push({ field: 'marginBps', message: `The net margin must be between 0% and ${formatBps(K.MAX_MARGIN_BPS)}.` });
  }
  if (!Number.isInteger(p.growthBps) || p.growthBps < K.MIN_GROWTH_BPS || p.growthBps > K.MAX_GROWTH_BPS) {
    out.push({
      field: 'growthBps',
      message: `Growth must be between ${formatBps(K.MIN_GROWTH_BPS)} and ${formatBps(K.MAX_GROWTH_BPS)}.`,
    });
  }
  if (p.inventoryValue < 0n) out.push({ field: 'inventoryValue', message: 'Inventory cannot be negative.' });
  if (!Number.isInteger(p.historyMonths) || p.historyMonths < 0 || p.historyMonths > K.MAX_HISTORY_MONTHS) {
    out.push({ field: 'historyMonths', message: `Operating history must be 0 to ${K.MAX_HISTORY_MONTHS} months.` });
  } else if (rules && p.historyMonths < rules.minHistoryMonths) {
    out.push({ field: 'historyMonths', message: `The protocol lists stores with at least ${rules.minHistoryMonths} months of operating history.` });
  }
  if (rules && p.trailingRevenue > 0n && p.trailingRevenue < rules.minTrailingRevenue) {
    out.push({
      field: 'trailingRevenue',
      message: `The protocol lists stores with at least ${usdc(rules.minTrailingRevenue)} USDC of trailing revenue.`,
    });
  }
  return out;
}

export interface ApprovalInput {
  revenueShareBps: number;
  stakeBps: number;
  totalSupply: bigint;
  issuePrice: bigint;
  merchantBps: number;
  lpBps: number;
  publicBps: number;
  vestingCliffSecs: bigint;
  vestingDurationSecs: bigint;
  withdrawalLimitPerPeriod: bigint;
  saleDurationSecs: bigint;
}

/** The underwriter form's defaults: the protocol's revenue share and stake, a 70/10/20 split, a 14-day sale, a 90-day cliff. */
export function defaultApproval(trailingRevenue: bigint): ApprovalInput {
  const totalSupply = 1_000_000n * 1_000_000n;
  // price at PE 10 of the revenue share: cap = 10 × trailing × share
  const share = (trailingRevenue * BigInt(K.DEFAULT_REVENUE_SHARE_BPS)) / BigInt(BPS);
  let issuePrice = (share * 10n * 1_000_000n) / totalSupply;
  if (issuePrice < K.MIN_ISSUE_PRICE) issuePrice = K.MIN_ISSUE_PRICE;
  return {
    revenueShareBps: K.DEFAULT_REVENUE_SHARE_BPS,
    stakeBps: K.DEFAULT_STAKE_BPS,
    totalSupply,
    issuePrice,
    merchantBps: 2_000,
    lpBps: 3_000,
    publicBps: 5_000,
    vestingCliffSecs: 90n * 86_400n,
    vestingDurationSecs: 365n * 86_400n,
    withdrawalLimitPerPeriod: trailingRevenue / 12n > 0n ? trailingRevenue / 12n : 1n,
    saleDurationSecs: 14n * 86_400n,
  };
}

/** The initial PE (bps) of the economics against the application's trailing revenue, or null if no share. */
export function initialPeBps(a: ApprovalInput, trailingRevenue: bigint): bigint | null {
  const share = (trailingRevenue * BigInt(a.revenueShareBps)) / BigInt(BPS);
  if (share === 0n) return null;
  return (saleCost(a.totalSupply, a.issuePrice) * BigInt(BPS)) / share;
}

/** `ApprovalParams::into_economics` and `require_initial_pe_in_band`. */
export function checkApproval(a: ApprovalInput, trailingRevenue: bigint): FieldProblem[] {
  const out: FieldProblem[] = [];
  const range = (field: string, v: bigint | number, lo: bigint | number, hi: bigint | number, what: string): void => {
    if (BigInt(v) < BigInt(lo) || BigInt(v) > BigInt(hi)) out.push({ field, message: what });
  };
  range('revenueShareBps', a.revenueShareBps, K.MIN_REVENUE_SHARE_BPS, K.MAX_REVENUE_SHARE_BPS,
    `The revenue share must be between ${formatBps(K.MIN_REVENUE_SHARE_BPS)} and ${formatBps(K.MAX_REVENUE_SHARE_BPS)}.`);
  range('stakeBps', a.stakeBps, K.MIN_STAKE_BPS, K.MAX_STAKE_BPS,
    `The stake must be between ${formatBps(K.MIN_STAKE_BPS)} and ${formatBps(K.MAX_STAKE_BPS)} of the market cap.`);
  range('totalSupply', a.totalSupply, K.MIN_TOTAL_SUPPLY, K.MAX_TOTAL_SUPPLY,
    `The supply must be between ${formatAmount(K.MIN_TOTAL_SUPPLY, 6)} and ${formatAmount(K.MAX_TOTAL_SUPPLY, 6)} PST.`);
  range('issuePrice', a.issuePrice, K.MIN_ISSUE_PRICE, K.MAX_ISSUE_PRICE,
    `The issue price must be between ${formatAmount(K.MIN_ISSUE_PRICE, 6)} and ${formatAmount(K.MAX_ISSUE_PRICE, 6)} USDC.`);
  try {
    saleCost(a.totalSupply, a.issuePrice);
  } catch {
    out.push({ field: 'issuePrice', message: 'The market cap (supply × price) is too large to represent.' });
  }
  if (a.merchantBps + a.lpBps + a.publicBps !== BPS) {
    out.push({ field: 'split', message: 'The merchant, pool and public shares must add up to 100%.' });
  } else if (a.publicBps < K.MIN_PUBLIC_BPS || a.lpBps < K.MIN_LP_BPS || a.merchantBps > K.MAX_MERCHANT_BPS) {
    out.push({
      field: 'split',
      message: `The public and pool shares must each be at least ${formatBps(K.MIN_PUBLIC_BPS)}, and the merchant may keep at most ${formatBps(K.MAX_MERCHANT_BPS)}.`,
    });
  }
  if (
    a.vestingDurationSecs < K.MIN_VESTING_DURATION ||
    a.vestingDurationSecs > K.MAX_VESTING_DURATION ||
    a.vestingCliffSecs < 0n ||
    a.vestingCliffSecs > a.vestingDurationSecs
  ) {
    out.push({
      field: 'vesting',
      message: `Vesting must last ${formatDuration(K.MIN_VESTING_DURATION)} to ${formatDuration(K.MAX_VESTING_DURATION)}, with the cliff within it.`,
    });
  }
  if (a.withdrawalLimitPerPeriod <= 0n) {
    out.push({ field: 'withdrawalLimitPerPeriod', message: 'The withdrawal limit must be more than zero.' });
  }
  range('saleDurationSecs', a.saleDurationSecs, K.MIN_SALE_DURATION, K.MAX_SALE_DURATION,
    `The sale must last ${formatDuration(K.MIN_SALE_DURATION)} to ${formatDuration(K.MAX_SALE_DURATION)}.`);
  if (out.length === 0) {
    const pe = initialPeBps(a, trailingRevenue);
    const lo = BigInt(DEFAULT_PE_LOW_BPS);
    const hi = BigInt(DEFAULT_PE_HIGH_BPS);
    if (pe === null || pe < lo || pe > hi) {
      out.push({
        field: 'issuePrice',
        message: `At this supply and price the initial PE would be ${pe === null ? 'undefined' : formatAmount(pe, 4)}: it must lie in the band ${formatAmount(lo, 4)} to ${formatAmount(hi, 4)} (market cap ÷ a year's revenue share).`,
      });
    }
  }
  return out;
}

/** A tranche deposit request's minimum (yield_tranches `MIN_DEPOSIT`). */
export function checkTrancheDeposit(amount: bigint): FieldProblem[] {
  return amount < MIN_DEPOSIT ? [{ field: 'amount', message: `A tranche deposit is at least ${usdc(MIN_DEPOSIT)} USDC.` }] : [];
}

/** An amount the user wants to spend against what the wallet holds. */
export function checkSpend(amount: bigint, balance: bigint, token: string, decimals = 6): FieldProblem[] {
  if (amount <= 0n) return [{ field: 'amount', message: 'The amount must be above zero.' }];
  if (amount > balance) {
    return [{ field: 'amount', message: `You have ${formatAmount(balance, decimals)} ${token}; that is less than ${formatAmount(amount, decimals)} ${token}.` }];
  }
  return [];
}
