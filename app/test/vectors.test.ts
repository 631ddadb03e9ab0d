// The app's math against cases computed by the programs' own (pst_math, via `cargo run -p pst-vectors`): every
// quote, liquidity amount, sale cost, stake requirement and claimable dividend equal, and refused where the
// program's math refuses.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { swapExactIn, swapExactOut, depositAmounts, withdrawAmounts, saleCost } from '../src/lib/curve';
import { inventoryDaysX100, inventoryTrendBps, latestInventoryDays, stakeRequirement, unjudgedLimit, withdrawalLimit } from '../src/lib/merchant';
import { HealthStatus } from '../src/generated/pst_mint';
import { claimable } from '../src/lib/dividends';
import { exp2Q16, geometricMean } from '../src/lib/market';
import { COVER_DISCRIMINATOR, decodeCover, decodeEpoch, decodeRequest, EPOCH_DISCRIMINATOR, REQUEST_DISCRIMINATOR } from '../src/chain/extraAccounts';
import { getAddressDecoder } from '@solana/kit';

type S = string;
const v = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as {
  curve: { reserve_in: S; reserve_out: S; amount: S; fee_bps: number; protocol_share_bps: number; exact_in: { out: S; fee: S; protocol_fee: S } | null; exact_out: { in: S; fee: S; protocol_fee: S } | null }[];
  liquidity: { lp: S; supply: S; reserve_x: S; reserve_y: S; deposit: [S, S] | null; withdraw: [S, S] | null }[];
  sale: { amount: S; price: S; stake_bps: number; cost: S | null; stake_requirement: S | null }[];
  dividends: {
    schedule: { rate: S; last: S; frac: S; grid: S; drops: S[]; end: S; scheduled: S; released: S };
    total_staked: S;
    reward_per_token: S;
    staked: S;
    checkpoint: S;
    pending: S;
    now: S;
    claimable: S | null;
  }[];
  twap: { log: number; exp2: S; start: S; end: S; elapsed: S; mean: S | null }[];
  inventory: {
    inventory: S;
    revenue: S;
    period_secs: S;
    days_x100: S;
    approved: S;
    days: S | null;
    floor_days: number;
    limits: [S, S, S];
    unjudged: S;
    history: [S, S][];
    history_days: S | null;
    history_trend: S | null;
  }[];
};
const B = BigInt;
const attempt = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

describe('curve quotes equal pst_math::curve', () => {
  it(`swap exact in: ${v.curve.length} cases`, () => {
    for (const c of v.curve) {
      const r = attempt(() => swapExactIn(B(c.reserve_in), B(c.reserve_out), B(c.amount), c.fee_bps, c.protocol_share_bps));
      const got = r && { out: String(r.amountOut), fee: String(r.fee), protocol_fee: String(r.protocolFee) };
      expect(got, JSON.stringify(c)).toEqual(c.exact_in);
    }
  });
  it('swap exact out', () => {
    for (const c of v.curve) {
      const r = attempt(() => swapExactOut(B(c.reserve_in), B(c.reserve_out), B(c.amount), c.fee_bps, c.protocol_share_bps));
      const got = r && { in: String(r.amountIn), fee: String(r.fee), protocol_fee: String(r.protocolFee) };
      expect(got, JSON.stringify(c)).toEqual(c.exact_out);
    }
  });
  it('the vectors exercise both outcomes', () => {
    expect(v.curve.filter((c) => c.exact_in).length).toBeGreaterThan(100);
    expect(v.curve.filter((c) => !c.exact_in).length).toBeGreaterThan(10);
    expect(v.curve.filter((c) => c.exact_out).length).toBeGreaterThan(100);
  });
});

describe('liquidity amounts equal pst_math::curve', () => {
  it(`deposit and withdraw: ${v.liquidity.length} cases`, () => {
    for (const c of v.liquidity) {
      const d = attempt(() => depositAmounts(B(c.lp), B(c.supply), B(c.reserve_x), B(c.reserve_y)));
      expect(d && d.map(String), JSON.stringify(c)).toEqual(c.deposit);
      const w = attempt(() => withdrawAmounts(B(c.lp), B(c.supply), B(c.reserve_x), B(c.reserve_y)));
      expect(w && w.map(String), JSON.stringify(c)).toEqual(c.withdraw);
    }
  });
});

describe('sale cost and stake requirement equal pst_math', () => {
  it(`${v.sale.length} cases`, () => {
    for (const c of v.sale) {
      expect(attempt(() => String(saleCost(B(c.amount), B(c.price)))), JSON.stringify(c)).toEqual(c.cost);
      const req = stakeRequirement(B(c.amount), B(c.price), c.stake_bps);
      expect(req === null ? null : String(req), JSON.stringify(c)).toEqual(c.stake_requirement);
    }
  });
});

describe('days of inventory and the withdrawal limit equal pst_math::ami', () => {
  it(`${v.inventory.length} cases`, () => {
    const healths = [HealthStatus.Healthy, HealthStatus.Watch, HealthStatus.Default];
    let scaled = 0;
    for (const c of v.inventory) {
      expect(String(inventoryDaysX100(B(c.inventory), B(c.revenue), B(c.period_secs))), JSON.stringify(c)).toEqual(c.days_x100);
      const days = c.days === null ? null : B(c.days);
      healths.forEach((h, i) => expect(String(withdrawalLimit(B(c.approved), h, days, c.floor_days)), JSON.stringify(c)).toEqual(c.limits[i]));
      if (c.limits[1] !== String(B(c.approved) / 2n)) scaled += 1;
      expect(String(unjudgedLimit(B(c.approved))), JSON.stringify(c)).toEqual(c.unjudged);
      const history = c.history.map(([revenue, inventory]) => ({ revenue: B(revenue), inventory: B(inventory) }));
      const latest = latestInventoryDays(history, B(c.period_secs));
      expect(latest === null ? null : String(latest), JSON.stringify(c)).toEqual(c.history_days);
      const trend = inventoryTrendBps(history, B(c.period_secs));
      expect(trend === null ? null : String(trend), JSON.stringify(c)).toEqual(c.history_trend);
    }
    // the cases reach the inventory-cover scaling, not only the plain halving
    expect(scaled).toBeGreaterThan(20);
  });
});

describe("claimable dividends equal the program's update and settle", () => {
  it(`${v.dividends.length} streams`, () => {
    let nonZero = 0;
    for (const c of v.dividends) {
      if (c.claimable === null) continue; // the program would refuse; the app shows the stored pending then
      const s = c.schedule;
      const got = claimable(
        {
          totalStaked: B(c.total_staked),
          rewardPerToken: B(c.reward_per_token),
          schedule: { rate: B(s.rate), last: B(s.last), frac: B(s.frac), grid: B(s.grid), drops: s.drops.map(B), end: B(s.end), scheduled: B(s.scheduled), released: B(s.released) },
        },
        { staked: B(c.staked), checkpoint: B(c.checkpoint), pending: B(c.pending) },
        B(c.now),
      );
      expect(String(got), JSON.stringify(c)).toBe(c.claimable);
      if (got > B(c.pending)) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(50);
  });
});

describe('the TWAP\'s fixed-point logs equal pst_math::twap', () => {
  it(`exp2_q16 and geometric_mean: ${v.twap.length} cases`, () => {
    for (const c of v.twap) {
      expect(String(exp2Q16(c.log)), JSON.stringify(c)).toBe(c.exp2);
      const m = geometricMean(B(c.start), B(c.end), B(c.elapsed));
      expect(m === null ? null : String(m), JSON.stringify(c)).toBe(c.mean);
    }
  });
});

describe("the decoders of Request, Epoch and Cover read what the programs' types serialize", () => {
  const acc = (JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as {
    hand_made_accounts: Record<'request' | 'epoch' | 'cover', { data: string; discriminator: string }>;
  }).hand_made_accounts;
  const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
  const key = (b: number) => getAddressDecoder().decode(new Uint8Array(32).fill(b));
  it('Request', () => {
    expect(Buffer.from(REQUEST_DISCRIMINATOR).toString('hex')).toBe(acc.request.discriminator);
    expect(decodeRequest(bytes(acc.request.data))).toEqual({
      tranches: key(1), owner: key(2), tranche: 1, nextEpoch: 7, deposit: 11n, redeem: 12n, sharesToClaim: 13n, usdcToClaim: 14n,
      deposited: 15n, sharesReceived: 16n, redeemed: 17n, usdcReceived: 18n, bump: 254,
    });
    expect(decodeRequest(bytes(acc.epoch.data))).toBeNull();
  });
  it('Epoch', () => {
    expect(Buffer.from(EPOCH_DISCRIMINATOR).toString('hex')).toBe(acc.epoch.discriminator);
    const fill = (k: bigint) => ({ queued: k, executed: k + 1n, output: k + 2n });
    expect(decodeEpoch(bytes(acc.epoch.data))).toEqual({
      tranches: key(3), index: 9, start: 1_700_000_000n, end: 1_700_604_800n, apyBps: 1_000, nextApyBps: 950,
      twapQ64: (1n << 64n) + 12_345n, income: 21n, assets: 22n, seniorClaim: 23n, backstopRequested: 24n, backstopPaid: 25n,
      arrears: 26n, yieldArrears: 27n, values: [28n, 29n], supplies: [30n, 31n], seniorRealisedBps: 870n, juniorReturnBps: -2_200n,
      fills: [fill(40n), fill(50n), fill(60n), fill(70n)], pstSold: 32n, usdcFromSales: 33n, usdcSpent: 34n, pstBought: 35n,
      valuesAfter: [36n, 37n], bump: 253,
    });
    expect(decodeEpoch(bytes(acc.request.data))).toBeNull();
  });
  it('Cover', () => {
    expect(Buffer.from(COVER_DISCRIMINATOR).toString('hex')).toBe(acc.cover.discriminator);
    expect(decodeCover(bytes(acc.cover.data))).toEqual({ reserve: key(4), period: 5, shortfall: 6_000_000n, covered: 2_500_000n, bump: 252 });
    expect(decodeCover(bytes(acc.epoch.data))).toBeNull();
  });
});
