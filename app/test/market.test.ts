import { describe, expect, it } from 'vitest';
import { bandPrice, exp2Q16, geometricMean, ordered, peAt, pricePath, twapFromReturnData, type Obs } from '../src/lib/market';
import { minOut, maxIn, priceImpactBps, swapExactIn, lpForUsdc, spotPrice } from '../src/lib/curve';

const Q64 = 1n << 64n;
function obs(t: bigint, cum: bigint): Obs {
  return { timestamp: t, cumulativeLo: cum & (Q64 - 1n), cumulativeHi: cum >> 64n };
}
// log2 of a Q64.64 price with 16 fraction bits: price 1.0 is 2^64 (log 64 << 16), price 2.0 is 2^65
const LOG1 = 64n << 16n;
const LOG2 = 65n << 16n;

describe('the observation buffer', () => {
  // price 1.0 for 600 s, then 2.0 for 600 s
  const a = obs(1_000n, 0n);
  const b = obs(1_600n, 600n * LOG1);
  const c = obs(2_200n, 600n * LOG1 + 600n * LOG2);
  it('orders a ring buffer from its oldest entry', () => {
    expect(ordered([c, a, b], 0n, 3n)).toEqual([a, b, c]);
    expect(ordered([a, b, c, obs(0n, 0n)], 2n, 3n)).toEqual([a, b, c]);
    expect(ordered([], 0n, 0n)).toEqual([]);
  });
  it('geometric-mean prices between observations', () => {
    expect(pricePath([a, b, c])).toEqual([
      { t: 1_600, price: 1_000_000n },
      { t: 2_200, price: 2_000_000n },
    ]);
    // over both: the geometric mean of 1 and 2 is √2
    expect(geometricMean(0n, 600n * LOG1 + 600n * LOG2, 1_200n)).toBe(exp2Q16(Number(LOG1 + (1n << 15n))));
    expect(geometricMean(0n, 1n, 0n)).toBeNull();
  });
  it("get_twap's return data", () => {
    const bytes = new Uint8Array(16);
    bytes[8] = 1; // 2^64 little-endian: price 1.0
    expect(twapFromReturnData(bytes)).toBe(1_000_000n);
    expect(twapFromReturnData(new Uint8Array(3))).toBeNull();
  });
});

describe('the PE band', () => {
  it('band edges and the PE at a price', () => {
    // a year's share 100,000 USDC, 1,000,000 PST: PE 10 at 1 USDC
    const share = 100_000_000_000n;
    const supply = 1_000_000_000_000n;
    expect(bandPrice(share, 80_000, supply)).toBe(800_000n);
    expect(bandPrice(share, 150_000, supply)).toBe(1_500_000n);
    expect(peAt(1_000_000n, supply, share)).toBe(100_000n);
    expect(peAt(1_000_000n, supply, 0n)).toBeNull();
  });
});

describe('quotes', () => {
  it('price impact grows with size and includes the fee', () => {
    const small = swapExactIn(1_000_000_000_000n, 1_000_000_000_000n, 1_000_000n, 30, 0);
    const big = swapExactIn(1_000_000_000_000n, 1_000_000_000_000n, 100_000_000_000n, 30, 0);
    expect(priceImpactBps(1_000_000_000_000n, 1_000_000_000_000n, small)).toBe(31); // the 0.3% fee, rounded up
    expect(priceImpactBps(1_000_000_000_000n, 1_000_000_000_000n, big)).toBeGreaterThan(900);
  });
  it('slippage bounds round against the trader', () => {
    expect(minOut(1_000n, 50)).toBe(995n);
    expect(minOut(1n, 50)).toBe(1n);
    expect(maxIn(1_001n, 50)).toBe(1_007n); // 1,006.005 up
  });
  it('liquidity for a USDC amount and the spot price', () => {
    const q = lpForUsdc(100_000_000n, 1_000_000_000n, 2_000_000_000n, 1_000_000_000n);
    expect(q).toEqual({ lp: 100_000_000n, pst: 200_000_000n, usdc: 100_000_000n });
    expect(() => lpForUsdc(1n, 1_000n, 2_000_000_000n, 1_000_000_000n)).toThrow('too little USDC');
    expect(spotPrice(2_000_000n, 1_000_000n)).toBe(500_000n);
  });
});
