// Market figures from the pool's observation buffer and the reserve's band: the price path, the TWAP, the PE
// and the band's price edges. Prices are USDC base units per whole PST (6 decimals), as in the programs.

export interface Obs {
  timestamp: bigint;
  cumulativeLo: bigint;
  cumulativeHi: bigint;
}

const Q64 = 1n << 64n;
const U128 = 1n << 128n;
const cumulative = (o: Obs): bigint => (o.cumulativeHi << 64n) | o.cumulativeLo;

// The pool's TWAP is a geometric mean: its accumulator sums log2(price_q64) (16 fraction bits) × seconds
// (`pst_math::twap`). These are that module's `exp2_q16` and `geometric_mean`, integer for integer.
const EXP2_FACTORS: readonly bigint[] = [
  4611734794581956353n, 4611783571252412754n, 4611881126141011236n, 4612076242109103707n,
  4612466498810092975n, 4613247111281068008n, 4614808732577250068n, 4617933561212708776n,
  4624189567668517720n, 4636727017470743990n, 4661903986662671290n, 4712668792719003884n,
  4815862801830788490n, 5029079263719320435n, 5484249825272419512n, 6521908912666391106n,
];
const ONE_Q62 = 1n << 62n;

/** `2^(log / 2^16)` as a raw Q64.64 value, rounded down; saturates at u128::MAX. */
export function exp2Q16(log: number): bigint {
  const int = BigInt(log >>> 16);
  const frac = log & 0xffff;
  let factor = ONE_Q62;
  EXP2_FACTORS.forEach((f, bit) => {
    if (frac & (1 << bit)) factor = (factor * f) >> 62n;
  });
  if (int >= 62n) {
    const v = factor << (int - 62n);
    return v >= U128 ? U128 - 1n : v;
  }
  return factor >> (62n - int);
}

/** The geometric-mean Q64.64 price between two cumulatives `elapsed` seconds apart (wrapping), or null. */
export function geometricMean(start: bigint, end: bigint, elapsed: bigint): bigint | null {
  if (elapsed <= 0n) return null;
  const meanLog = (((end - start) % U128) + U128) % U128 / elapsed;
  if (meanLog > 0xffffffffn) return null;
  return exp2Q16(Number(meanLog));
}

/** A Q64.64 price as USDC base units per whole PST (both tokens have 6 decimals), rounded down. */
export const q64ToPrice = (q: bigint): bigint => (q * 1_000_000n) / Q64;

/** Observations in time order (the ring buffer from its oldest entry), skipping empty slots. */
export function ordered(entries: readonly Obs[], head: bigint, count: bigint): Obs[] {
  const n = entries.length;
  if (n === 0 || count === 0n) return [];
  const c = Number(count < BigInt(n) ? count : BigInt(n));
  const h = Number(head);
  const out: Obs[] = [];
  for (let i = c - 1; i >= 0; i--) {
    const e = entries[(h - i + n * 2) % n];
    if (e) out.push(e);
  }
  return out;
}

/** The mean price between consecutive observations: [time, price] per interval. */
export function pricePath(obs: readonly Obs[]): { t: number; price: bigint }[] {
  const out: { t: number; price: bigint }[] = [];
  for (let i = 1; i < obs.length; i++) {
    const a = obs[i - 1]!;
    const b = obs[i]!;
    const q = geometricMean(cumulative(a), cumulative(b), b.timestamp - a.timestamp);
    if (q !== null) out.push({ t: Number(b.timestamp), price: q64ToPrice(q) });
  }
  return out;
}

/** `get_twap`'s return data (a little-endian u128 Q64.64 price) as USDC base units per PST. */
export function twapFromReturnData(bytes: Uint8Array): bigint | null {
  if (bytes.length !== 16) return null;
  let q = 0n;
  for (let i = 15; i >= 0; i--) q = (q << 8n) | BigInt(bytes[i]!);
  return q64ToPrice(q);
}

/** The price (USDC base units per PST) at which the PE equals `peBps`, for `supply` and a year's revenue share. */
export function bandPrice(annualShare: bigint, peBps: number, supply: bigint): bigint {
  if (supply === 0n) return 0n;
  return (((annualShare * BigInt(peBps)) / 10_000n) * 1_000_000n) / supply;
}

/** The PE (bps) at `price` for `supply` and a year's revenue share, or null without revenue. */
export function peAt(price: bigint, supply: bigint, annualShare: bigint): bigint | null {
  if (annualShare === 0n) return null;
  return (((price * supply) / 1_000_000n) * 10_000n) / annualShare;
}
