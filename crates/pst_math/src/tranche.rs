//! `yield_tranches` math: the senior target yield, the waterfall, share conversions, pro-rata queue fills, trade
//! sizing against the TWAP, and the Adaptive Yield Mechanism ([`aym`]).
//!
//! Units: USDC and values in USDC base units; shares in share base units (9 decimals: one USDC base unit buys
//! [`VIRTUAL_SHARES`] share units in an empty tranche); prices raw Q64.64 USDC base units per PST base unit (as
//! the pool's TWAP); rates in bps.
//!
//! **The waterfall** (Tinlake's senior-asset model, with a backstop): the senior tranche is owed its value at the
//! last close, plus arrears, plus its target yield for the epoch (`value × APY × elapsed / year`, rounded up: the
//! promise is a floor). The vault's assets at the new valuation go to senior first, up to that claim; junior takes
//! the residual. So every income and every price gain pays senior's target (and arrears) before junior, and every
//! loss hits junior until it is zero, then senior. When the assets fall short of the claim the vault asks the
//! reserve's backstop for the difference; what is still missing is senior's arrears, carried into the next
//! epoch's claim (and so paid first).
use crate::{ami::YEAR_SECS, curve, curve::mul_wide, BPS_DENOMINATOR};

/// Senior APY bounds, bps.
pub const APY_MIN_BPS: u16 = 800;
pub const APY_MAX_BPS: u16 = 1_100;
/// Share units one USDC base unit buys in an empty tranche (shares have 9 decimals, USDC 6).
pub const VIRTUAL_SHARES: u64 = 1_000;
/// USDC base units of virtual value beside [`VIRTUAL_SHARES`] virtual shares: with them a donation to an empty
/// or near-empty tranche is mostly captured by the virtual shares, so inflating the share price to round later
/// depositors down costs the attacker far more than it can take (ERC-4626's decimals offset).
pub const VIRTUAL_USDC: u64 = 1;

/// The value of `pst` base units at `price_q64`, rounded down, saturating at `u128::MAX`.
pub fn pst_value(pst: u64, price_q64: u128) -> u128 {
    let (high, low) = mul_wide(pst as u128, price_q64);
    if high >> 64 != 0 {
        return u128::MAX;
    }
    (high << 64) | (low >> 64)
}

/// Senior's target yield for `elapsed` seconds at `apy_bps` on `senior_value`, rounded up (the promise is a floor).
pub fn target_yield(senior_value: u64, apy_bps: u16, elapsed: i64) -> Option<u64> {
    let num = (senior_value as u128).checked_mul(apy_bps as u128)?.checked_mul(elapsed.max(0) as u128)?;
    u64::try_from(num.div_ceil(BPS_DENOMINATOR as u128 * YEAR_SECS as u128)).ok()
}

/// One epoch's waterfall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Split {
    /// What senior is owed: its last value, arrears and this epoch's target yield.
    pub claim: u64,
    pub senior: u64,
    pub junior: u64,
    /// `claim − senior`: carried into the next epoch.
    pub arrears: u64,
}

/// Senior's claim at a close: `senior_value + arrears + target_yield`.
pub fn senior_claim(senior_value: u64, arrears: u64, apy_bps: u16, elapsed: i64) -> Option<u64> {
    senior_value.checked_add(arrears)?.checked_add(target_yield(senior_value, apy_bps, elapsed)?)
}

/// What the backstop is asked for: how far the assets fall short of senior's claim, but never more than senior's
/// yield due (`yield_due`: this epoch's target and the yield still in arrears). The backstop tops up senior's
/// yield; a loss of senior principal is carried as arrears and recovered from later gains, never from the reserve.
pub fn backstop_request(assets: u64, claim: u64, yield_due: u64) -> u64 {
    claim.saturating_sub(assets).min(yield_due)
}

/// Of `arrears` (what senior is still owed after a close whose yield due was `yield_due`, of which the backstop
/// paid `backstop_paid`), the part that is yield: the assets pay senior's principal first and the backstop pays
/// yield, so what is unpaid is the yield the backstop did not pay first.
pub fn yield_arrears(arrears: u64, yield_due: u64, backstop_paid: u64) -> u64 {
    arrears.min(yield_due.saturating_sub(backstop_paid))
}

/// `amount × remaining / total`, rounded down (what stays of a tranche-wide amount when `total − remaining` of its
/// `total` shares leave); `amount` when `total` is 0.
pub fn scale(amount: u64, remaining: u64, total: u64) -> u64 {
    if total == 0 {
        return amount;
    }
    (amount as u128 * remaining.min(total) as u128 / total as u128) as u64
}

/// Split `assets` (after income and any backstop draw) between the tranches: senior up to `claim`, junior the rest.
pub fn split(assets: u64, claim: u64) -> Split {
    let senior = assets.min(claim);
    Split { claim, senior, junior: assets - senior, arrears: claim - senior }
}

/// Shares a deposit of `usdc` buys in a tranche worth `value` with `supply` shares, rounded down:
/// `usdc × (supply + VIRTUAL_SHARES) / (value + VIRTUAL_USDC)`. `None` if that does not fit (a wiped tranche
/// with a large supply: the deposit waits).
pub fn shares_for(usdc: u64, value: u64, supply: u64) -> Option<u64> {
    let num = (usdc as u128).checked_mul(supply as u128 + VIRTUAL_SHARES as u128)?;
    u64::try_from(num / (value as u128 + VIRTUAL_USDC as u128)).ok()
}

/// The largest deposit whose shares still fit beside `supply` in a u64 (the rest of a queue waits).
pub fn max_deposit(value: u64, supply: u64) -> u64 {
    let room = (u64::MAX - supply) as u128;
    let v = room * (value as u128 + VIRTUAL_USDC as u128) / (supply as u128 + VIRTUAL_SHARES as u128);
    v.min(u64::MAX as u128) as u64
}

/// USDC that `shares` redeem in a tranche worth `value` with `supply` shares, rounded down:
/// `shares × (value + VIRTUAL_USDC) / (supply + VIRTUAL_SHARES)`, never more than `value`.
pub fn usdc_for(shares: u64, value: u64, supply: u64) -> u64 {
    let v =
        shares as u128 * (value as u128 + VIRTUAL_USDC as u128) / (supply as u128 + VIRTUAL_SHARES as u128);
    (v.min(value as u128)) as u64
}

/// A request's part of one queue's execution: of its `remaining` input, what stays queued (rounded down, so the
/// requests' remainders never exceed the queue's), what executed (the rest), and its output (rounded down, so the
/// outputs never exceed the queue's). `queued`, `executed` and `output` are the queue's totals at the close.
pub fn pro_rata(remaining: u64, queued: u64, executed: u64, output: u64) -> (u64, u64, u64) {
    if queued == 0 || remaining == 0 {
        return (remaining, 0, 0);
    }
    let r = remaining.min(queued) as u128;
    let rest = (remaining - r as u64) as u128 + r * (queued - executed.min(queued)) as u128 / queued as u128;
    let out = r * output as u128 / queued as u128;
    (rest as u64, remaining - rest as u64, out as u64)
}

/// `amount × num / den`, rounded down (`den > 0`, `num ≤ den`): a pro-rata fill.
pub fn fill(amount: u64, num: u64, den: u64) -> u64 {
    if den == 0 {
        return 0;
    }
    (amount as u128 * num.min(den) as u128 / den as u128) as u64
}

/// The most senior value the tranche may hold beside `junior` for the subordination `junior / (junior + senior)`
/// to stay at or above `min_sub_bps`: `junior × (1 − m) / m`, rounded down.
pub fn senior_cap(junior: u64, min_sub_bps: u16) -> u64 {
    if min_sub_bps == 0 {
        return u64::MAX;
    }
    let m = min_sub_bps.min(BPS_DENOMINATOR as u16) as u128;
    let v = junior as u128 * (BPS_DENOMINATOR as u128 - m) / m;
    v.min(u64::MAX as u128) as u64
}

/// The least junior value that keeps the subordination at or above `min_sub_bps` beside `senior`:
/// `senior × m / (1 − m)`, rounded up.
pub fn junior_floor(senior: u64, min_sub_bps: u16) -> u64 {
    let m = min_sub_bps.min(BPS_DENOMINATOR as u16 - 1) as u128;
    let v = (senior as u128 * m).div_ceil(BPS_DENOMINATOR as u128 - m);
    v.min(u64::MAX as u128) as u64
}

/// `junior / (junior + senior)`, bps (10 000 when both are zero).
pub fn subordination_bps(junior: u64, senior: u64) -> u16 {
    let total = junior as u128 + senior as u128;
    if total == 0 {
        return BPS_DENOMINATOR as u16;
    }
    (junior as u128 * BPS_DENOMINATOR as u128 / total) as u16
}

/// Whether `amount_in` swapped on the curve prices within `slippage_bps` of the TWAP on average, compared exactly
/// in 256 bits: a sale of PST (`sell`) gets at least `in × twap × (1 − s)`, i.e. `out × 2^64 × 10 000 ≥ in × twap ×
/// (10 000 − s)`; a buy of PST pays at most `out × twap × (1 + s)`, i.e. `out × twap × (10 000 + s) ≥ in × 10 000 ×
/// 2^64`.
fn within(
    reserve_in: u64,
    reserve_out: u64,
    amount_in: u64,
    fee_bps: u16,
    twap_q64: u128,
    slippage_bps: u16,
    sell: bool,
) -> bool {
    let Ok(r) = curve::swap_exact_in(reserve_in, reserve_out, amount_in, fee_bps, 0) else {
        return false;
    };
    let bps = BPS_DENOMINATOR as u128;
    if sell {
        let s = slippage_bps.min(9_999) as u128;
        mul_wide((r.amount_out as u128) << 64, bps) >= mul_wide(amount_in as u128 * (bps - s), twap_q64)
    } else {
        mul_wide(r.amount_out as u128 * (bps + slippage_bps as u128), twap_q64)
            >= mul_wide((amount_in as u128) << 64, bps)
    }
}

/// The largest trade of at most `want` within the bound (see [`within`]); 0 if none. Binary search: the average
/// price of a constant-product trade only worsens with its size.
fn largest_within(
    reserve_in: u64,
    reserve_out: u64,
    want: u64,
    fee_bps: u16,
    twap_q64: u128,
    slippage_bps: u16,
    sell: bool,
) -> u64 {
    if want == 0 || reserve_in == 0 || reserve_out == 0 {
        return 0;
    }
    let ok = |x: u64| within(reserve_in, reserve_out, x, fee_bps, twap_q64, slippage_bps, sell);
    if ok(want) {
        return want;
    }
    let (mut lo, mut hi) = (0u64, want); // ok(lo) (vacuously for 0), !ok(hi)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ok(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// PST to sell into a pool `(reserve_pst, reserve_usdc)` for at least `usdc_wanted`, or less: the largest sale
/// whose average price is at least `twap × (1 − slippage)`. Returns `(pst_in, usdc_out)` by the curve.
pub fn sell_for(
    reserve_pst: u64,
    reserve_usdc: u64,
    usdc_wanted: u64,
    fee_bps: u16,
    twap_q64: u128,
    slippage_bps: u16,
) -> (u64, u64) {
    if usdc_wanted == 0 || reserve_pst == 0 || reserve_usdc < 2 {
        return (0, 0);
    }
    let need =
        curve::swap_exact_out(reserve_pst, reserve_usdc, usdc_wanted.min(reserve_usdc - 1), fee_bps, 0)
            .map(|r| r.amount_in)
            .unwrap_or(u64::MAX / 2);
    let x = largest_within(reserve_pst, reserve_usdc, need, fee_bps, twap_q64, slippage_bps, true);
    let out =
        curve::swap_exact_in(reserve_pst, reserve_usdc, x, fee_bps, 0).map(|r| r.amount_out).unwrap_or(0);
    if out == 0 {
        return (0, 0);
    }
    (x, out)
}

/// USDC to spend (at most `usdc`) buying PST from a pool `(reserve_usdc, reserve_pst)`: the largest buy whose
/// average price is at most `twap × (1 + slippage)`. Returns `(usdc_in, pst_out)` by the curve.
pub fn buy_with(
    reserve_usdc: u64,
    reserve_pst: u64,
    usdc: u64,
    fee_bps: u16,
    twap_q64: u128,
    slippage_bps: u16,
) -> (u64, u64) {
    let x = largest_within(reserve_usdc, reserve_pst, usdc, fee_bps, twap_q64, slippage_bps, false);
    let out =
        curve::swap_exact_in(reserve_usdc, reserve_pst, x, fee_bps, 0).map(|r| r.amount_out).unwrap_or(0);
    if out == 0 {
        return (0, 0);
    }
    (x, out)
}

/// Annualised return of `before → after` over `elapsed` seconds, bps (rounded toward zero; negative for a loss; 0 when
/// there was nothing or no time).
pub fn annualised_bps(before: u64, after: u64, elapsed: i64) -> i64 {
    if before == 0 || elapsed <= 0 {
        return 0;
    }
    let diff = after as i128 - before as i128;
    let v = diff * BPS_DENOMINATOR as i128 * YEAR_SECS as i128 / (before as i128 * elapsed as i128);
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// The Adaptive Yield Mechanism: the senior APY for the next epoch.
///
/// `APY = 800 bps + min(300, Σ premiums)`, each premium a monotone function of one on-chain input:
///
/// | input | premium (bps) | effect |
/// |---|---|---|
/// | queued senior demand ÷ senior capacity | `100 × (1 − min(1, demand/capacity))` | demand filling the capacity lowers it (no premium needed to attract senior money) |
/// | subordination (junior ÷ both) vs its minimum `m` | `60 × clamp((2m − sub)/m, 0, 1)` | more junior cushion lowers it |
/// | USDC buffer ÷ assets vs its target | `20 × (1 − min(1, buffer/target))` | more liquidity lowers it |
/// | revenue volatility (coefficient of variation) | `80 × min(1, vol / 50%)` | more volatile revenue raises it |
/// | coverage (share paid ÷ share due) | `60 × (1 − min(1, coverage))` | a merchant paying less than it owes raises it |
/// | backstop capacity ÷ senior value | `40 × (1 − min(1, ratio / 10%))` | a deeper reserve lowers it |
///
/// Every premium is monotone in its input and the sum is clamped, so the APY is always in [800, 1100] bps and
/// monotone in each input.
pub mod aym {
    use super::{APY_MAX_BPS, APY_MIN_BPS};

    /// Every input of the AYM (all read on-chain at the close).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Inputs {
        /// Senior deposits still queued after the close, USDC.
        pub senior_demand: u64,
        /// Senior value the subordination still allows beside the junior value, USDC.
        pub senior_capacity: u64,
        /// `junior / (junior + senior)`, bps.
        pub subordination_bps: u16,
        /// The minimum subordination, bps.
        pub min_subordination_bps: u16,
        /// The vault's USDC ÷ its assets, bps.
        pub buffer_bps: u16,
        /// The buffer target, bps of assets.
        pub buffer_target_bps: u16,
        /// Coefficient of variation of the merchant's trailing revenue, bps (`MerchantMetrics::volatility_bps`).
        pub volatility_bps: u64,
        /// Share paid ÷ share due over the trailing year, bps (`MerchantMetrics::coverage_bps`).
        pub coverage_bps: u64,
        /// What the reserve's senior backstop could pay ÷ senior value, bps.
        pub backstop_bps: u64,
    }

    pub const DEMAND_PREMIUM_BPS: u64 = 100;
    pub const SUBORDINATION_PREMIUM_BPS: u64 = 60;
    pub const BUFFER_PREMIUM_BPS: u64 = 20;
    pub const VOLATILITY_PREMIUM_BPS: u64 = 80;
    /// Volatility at which the volatility premium is full (coefficient of variation 50%).
    pub const VOLATILITY_FULL_BPS: u64 = 5_000;
    pub const COVERAGE_PREMIUM_BPS: u64 = 60;
    pub const BACKSTOP_PREMIUM_BPS: u64 = 40;
    /// Backstop capacity (relative to senior value) at which the backstop premium is zero (10%).
    pub const BACKSTOP_FULL_BPS: u64 = 1_000;

    /// `full × (1 − min(1, x / target))`, rounded down (the full premium with a zero target).
    fn shortfall_premium(full: u64, x: u64, target: u64) -> u64 {
        if target == 0 {
            return 0;
        }
        (full as u128 * (target - x.min(target)) as u128 / target as u128) as u64
        // ≤ full
    }

    /// The premiums, in the table's order.
    pub fn premiums(i: &Inputs) -> [u64; 6] {
        let demand = if i.senior_capacity == 0 {
            0 // no room for senior money: no premium to attract it
        } else {
            shortfall_premium(DEMAND_PREMIUM_BPS, i.senior_demand, i.senior_capacity)
        };
        let m = i.min_subordination_bps as u64;
        let sub = if m == 0 {
            0
        } else {
            // full at the minimum, zero at twice the minimum
            let over = (i.subordination_bps as u64).saturating_sub(m).min(m);
            SUBORDINATION_PREMIUM_BPS * (m - over) / m
        };
        let buffer = shortfall_premium(BUFFER_PREMIUM_BPS, i.buffer_bps as u64, i.buffer_target_bps as u64);
        let vol = VOLATILITY_PREMIUM_BPS * i.volatility_bps.min(VOLATILITY_FULL_BPS) / VOLATILITY_FULL_BPS;
        let coverage = shortfall_premium(COVERAGE_PREMIUM_BPS, i.coverage_bps, 10_000);
        let backstop = shortfall_premium(BACKSTOP_PREMIUM_BPS, i.backstop_bps, BACKSTOP_FULL_BPS);
        [demand, sub, buffer, vol, coverage, backstop]
    }

    /// The senior APY for the next epoch, bps, in [800, 1100].
    pub fn senior_apy_bps(i: &Inputs) -> u16 {
        let sum: u64 = premiums(i).iter().sum();
        let span = (APY_MAX_BPS - APY_MIN_BPS) as u64;
        APY_MIN_BPS + sum.min(span) as u16
    }
}
