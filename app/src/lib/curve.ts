// The pool's constant-product math, integer for integer the same as `pst_math::curve` (the program's): quotes,
// price impact, slippage bounds and liquidity amounts. `test/vectors/curve.json` holds cases computed by the Rust
// crate; the unit tests check these functions against them.

export const BPS = 10_000n;
export const MINIMUM_LIQUIDITY = 1_000n;
const U64_MAX = (1n << 64n) - 1n;

/** Why the pool cannot take a trade. */
export class CurveError extends Error {}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
const u64 = (v: bigint): bigint => {
  if (v < 0n || v > U64_MAX) throw new CurveError('That amount is out of range.');
  return v;
};

export interface SwapResult {
  amountIn: bigint;
  amountOut: bigint;
  /** The whole trade fee, in the input token. */
  fee: bigint;
  /** The protocol's part of the fee. */
  protocolFee: bigint;
}

/** `ceil(amountIn × feeBps / 10 000)`. */
export function tradeFee(amountIn: bigint, feeBps: number): bigint {
  if (BigInt(feeBps) >= BPS) throw new CurveError('The fee is out of range.');
  return ceilDiv(amountIn * BigInt(feeBps), BPS);
}

/** Swap exactly `amountIn`: `out = floor(rOut × a / (rIn + a))` with `a` the input less the fee. */
export function swapExactIn(
  reserveIn: bigint,
  reserveOut: bigint,
  amountIn: bigint,
  feeBps: number,
  protocolShareBps: number,
): SwapResult {
  if (reserveIn === 0n || reserveOut === 0n) throw new CurveError('The pool is empty.');
  u64(amountIn);
  const fee = tradeFee(amountIn, feeBps);
  const afterFee = amountIn - fee;
  const amountOut = u64((reserveOut * afterFee) / (reserveIn + afterFee));
  return { amountIn, amountOut, fee, protocolFee: (fee * BigInt(protocolShareBps)) / BPS };
}

/** Swap for exactly `amountOut`, paying the least input the curve allows (rounded up). */
export function swapExactOut(
  reserveIn: bigint,
  reserveOut: bigint,
  amountOut: bigint,
  feeBps: number,
  protocolShareBps: number,
): SwapResult {
  if (reserveIn === 0n || amountOut >= reserveOut || BigInt(feeBps) >= BPS) {
    throw new CurveError('The pool cannot give that much.');
  }
  const afterFee = ceilDiv(reserveIn * amountOut, reserveOut - amountOut);
  let amountIn = u64(ceilDiv(afterFee * BPS, BPS - BigInt(feeBps)));
  for (let i = 0; i < 4; i++) {
    const r = swapExactIn(reserveIn, reserveOut, amountIn, feeBps, protocolShareBps);
    if (r.amountOut >= amountOut) return { amountIn, amountOut, fee: r.fee, protocolFee: r.protocolFee };
    amountIn = u64(amountIn + 1n);
  }
  throw new CurveError('The pool cannot give that much.');
}

/**
 * Price impact of a trade, bps: how much worse the trade's average price is than the spot price before it
 * (`1 − (out / in) / (rOut / rIn)`), fee included. Rounded up: never understated.
 */
export function priceImpactBps(reserveIn: bigint, reserveOut: bigint, r: SwapResult): number {
  if (r.amountIn === 0n || reserveOut === 0n) return 0;
  // out/in vs rOut/rIn  ->  1 - out·rIn / (in·rOut)
  const num = r.amountOut * reserveIn * BPS;
  const den = r.amountIn * reserveOut;
  const kept = num / den; // floor: impact rounds up
  return Number(kept >= BPS ? 0n : BPS - kept);
}

/** The least output to accept: the quote less `slippageBps`, rounded down, at least 1. */
export function minOut(quoted: bigint, slippageBps: number): bigint {
  const v = (quoted * (BPS - BigInt(slippageBps))) / BPS;
  return v > 0n ? v : 1n;
}

/** The least to accept from a withdrawal: the quote less `slippageBps`, rounded down (0 stays 0). */
export function minReturned(quoted: bigint, slippageBps: number): bigint {
  return (quoted * (BPS - BigInt(slippageBps))) / BPS;
}

/** The most input to pay: the quote plus `slippageBps`, rounded up. */
export function maxIn(quoted: bigint, slippageBps: number): bigint {
  return ceilDiv(quoted * (BPS + BigInt(slippageBps)), BPS);
}

/** Tokens a depositor must add to mint `lp` LP tokens: `ceil(lp × reserve / supply)` of each side. */
export function depositAmounts(lp: bigint, supply: bigint, reserveX: bigint, reserveY: bigint): [bigint, bigint] {
  if (supply === 0n) throw new CurveError('The pool has no liquidity yet.');
  return [u64(ceilDiv(lp * reserveX, supply)), u64(ceilDiv(lp * reserveY, supply))];
}

/** Tokens returned for burning `lp` LP tokens: `floor(lp × reserve / supply)` of each side. */
export function withdrawAmounts(lp: bigint, supply: bigint, reserveX: bigint, reserveY: bigint): [bigint, bigint] {
  if (supply === 0n || lp > supply) throw new CurveError('That is more LP than the pool has.');
  return [(lp * reserveX) / supply, (lp * reserveY) / supply];
}

/** LP tokens a USDC amount buys into the pool (rounded down) and the two sides it then takes. */
export function lpForUsdc(
  usdc: bigint,
  supply: bigint,
  reservePst: bigint,
  reserveUsdc: bigint,
): { lp: bigint; pst: bigint; usdc: bigint } {
  if (reserveUsdc === 0n || supply === 0n) throw new CurveError('The pool has no liquidity yet.');
  const lp = (usdc * supply) / reserveUsdc;
  if (lp === 0n) throw new CurveError('That is too little USDC to mint an LP token.');
  const [x, y] = depositAmounts(lp, supply, reservePst, reserveUsdc);
  return { lp, pst: x, usdc: y };
}

/** Spot price in USDC base units per whole PST (6 decimals): `reserveUsdc × 10^6 / reservePst`, rounded down. */
export function spotPrice(reservePst: bigint, reserveUsdc: bigint): bigint {
  return reservePst === 0n ? 0n : (reserveUsdc * 1_000_000n) / reservePst;
}

/** The public sale's cost of `pstAmount` at `price` USDC base units per whole PST, rounded up (the program's);
 *  refuses a cost beyond a u64, as the program does. */
export function saleCost(pstAmount: bigint, price: bigint): bigint {
  return u64(ceilDiv(pstAmount * price, 1_000_000n));
}
