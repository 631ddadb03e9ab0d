// Token amounts as exact integers (bigint base units); parsing what a person types and formatting for display.
// USDC, PST and LP tokens have 6 decimals; tranche shares have 9.

export const USDC_DECIMALS = 6;
export const PST_DECIMALS = 6;
export const SHARE_DECIMALS = 9;

/** Why a typed amount is not one. */
export class AmountError extends Error {}

/**
 * Parses a decimal amount typed by a person ("1,234.5", " 10 ") into base units. Refuses what it cannot represent
 * exactly: more decimals than the token has, signs, exponents, or nothing at all.
 */
export function parseAmount(text: string, decimals: number): bigint {
  const raw = text.trim().replace(/[_\s]/g, '');
  if (raw === '') throw new AmountError('Enter an amount.');
  // commas only as thousands separators: "1,5" is refused rather than read as 15
  if (raw.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(raw)) {
    throw new AmountError('Use a point for decimals (1.5), and commas only between thousands (1,000).');
  }
  const t = raw.replace(/,/g, '');
  if (!/^\d*\.?\d*$/.test(t) || t === '.') throw new AmountError(`"${text.trim()}" is not a number.`);
  const [whole = '', frac = ''] = t.split('.');
  if (frac.length > decimals) throw new AmountError(`At most ${decimals} decimal places.`);
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

/** Base units as a decimal string with thousands separators, trailing zeros trimmed (at least `minDecimals`). */
export function formatAmount(units: bigint, decimals: number, minDecimals = 0): string {
  const neg = units < 0n;
  const v = neg ? -units : units;
  const scale = 10n ** BigInt(decimals);
  const whole = (v / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let frac = (v % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

export const usdc = (units: bigint): string => formatAmount(units, USDC_DECIMALS, 2);
export const pst = (units: bigint): string => formatAmount(units, PST_DECIMALS);

/** Basis points as a percentage ("12.5%"). */
export function formatBps(bps: number | bigint): string {
  return `${formatAmount(BigInt(bps), 2)}%`;
}

/** Parses a percentage typed by a person ("12.5") into basis points. */
export function parsePercentToBps(text: string): number {
  const v = parseAmount(text, 2);
  if (v > 1_000_000n) throw new AmountError('That percentage is too large.');
  return Number(v);
}

/** A duration in seconds as words ("3 days 4 h", "45 min"). */
export function formatDuration(secs: bigint | number): string {
  let s = Number(secs);
  if (s <= 0) return 'now';
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3_600);
  s -= h * 3_600;
  const m = Math.ceil(s / 60);
  const parts: string[] = [];
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} h`);
  if (m && d === 0) parts.push(`${m} min`);
  return parts.slice(0, 2).join(' ') || 'under a minute';
}

/** A unix timestamp as an ISO-like UTC date and time. */
export function formatTime(unix: bigint | number): string {
  const n = Number(unix);
  if (n <= 0) return '—';
  return new Date(n * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** A short form of an address for display ("Abcd…wxyz"). */
export function shortAddress(a: string): string {
  return a.length > 10 ? `${a.slice(0, 4)}…${a.slice(-4)}` : a;
}

/** Parses an amount for a form: the value, or the problem in words (empty input gives neither). */
export function tryParse(text: string, decimals: number): { value: bigint | null; error?: string } {
  if (text.trim() === '') return { value: null };
  try {
    return { value: parseAmount(text, decimals) };
  } catch (e) {
    return { value: null, error: (e as Error).message };
  }
}
