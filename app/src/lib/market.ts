// Market figures from the pool's observation buffer and the reserve's band: the price path, the TWAP, the PE
// and the band's price edges. Prices are USDC base units per whole PST (6 decimals), as in the programs.

export interface Obs {
  timestamp: bigint;
  cumulativeLo: bigint;
  cumulativeHi: bigint;
}

const Q64 = 1n << 64n;
const cumulative = (o: Obs): bigint => (o.cumulativeHi << 64n) | o.cumulativeLo;

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

/** The average price between consecutive observations: [time, price] per interval. */
export function pricePath(obs: readonly Obs[]): { t: number; price: bigint }[] {
  const out: { t: number; price: bigint }[] = [];
  for (let i = 1; i < obs.length; i++) {
    const a = obs[i - 1]!;
    const b = obs[i]!;
    const dt = b.timestamp - a.timestamp;
    if (dt <= 0n) continue;
    const q = (cumulative(b) - cumulative(a)) / dt; // price × 2^64
    out.push({ t: Number(b.timestamp), price: (q * 1_000_000n) / Q64 });
  }
  return out;
}

/** The time-weighted average price over the last `window` seconds of observations, or null if they do not cover it. */
export function twap(obs: readonly Obs[], window: bigint): bigint | null {
  const last = obs[obs.length - 1];
  if (!last) return null;
  const from = last.timestamp - window;
  const start = [...obs].reverse().find((o) => o.timestamp <= from);
  if (!start || start.timestamp === last.timestamp) return null;
  const q = (cumulative(last) - cumulative(start)) / (last.timestamp - start.timestamp);
  return (q * 1_000_000n) / Q64;
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
