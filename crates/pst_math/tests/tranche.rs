//! Property tests for the tranche vault's math (`pst_math::tranche`): the AYM senior APY stays in its band and is
//! monotone in every input; the waterfall conserves the assets, pays senior first and lets junior absorb every
//! loss, and agrees with an independent step-by-step reference; share conversions never dilute and never return
//! more than was paid; pro-rata fills never hand out more than the queue executed; the subordination caps are
//! exact; trades sized against the TWAP replay exactly on the curve, respect the bound and are maximal; the
//! annualised return of the target yield is the APY.
use proptest::prelude::*;
use pst_math::{
    ami::YEAR_SECS,
    curve::{mul_wide, price_q64, swap_exact_in, swap_exact_out},
    tranche::{aym::*, *},
};

const BPS: u128 = 10_000;
const DAY: i64 = 86_400;
/// The largest USDC amounts the waterfall and share tests use (10^9 USDC).
const MAX_USDC: u64 = 1_000_000_000_000_000;

/// Proptest's default case count; no regression file (only this file is written by the test suite's author:
/// a failure prints its minimal input instead).
fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------------------------
// AYM
// ---------------------------------------------------------------------------------------------------------------

/// Every input over its whole type.
fn arbitrary_inputs() -> impl Strategy<Value = Inputs> {
    (
        any::<u64>(),
        any::<u64>(),
        any::<u16>(),
        any::<u16>(),
        any::<u16>(),
        any::<u16>(),
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(d, c, s, m, b, t, v, cov, bs)| Inputs {
            senior_demand: d,
            senior_capacity: c,
            subordination_bps: s,
            min_subordination_bps: m,
            buffer_bps: b,
            buffer_target_bps: t,
            volatility_bps: v,
            coverage_bps: cov,
            backstop_bps: bs,
        })
}

/// Inputs concentrated around the premiums' breakpoints (USDC amounts up to 10^10 USDC), with the extremes mixed in.
fn inputs() -> impl Strategy<Value = Inputs> {
    let usdc = || prop_oneof![Just(0u64), 0u64..10_000_000_000_000_000, 0u64..1_000_000];
    let bps16 = || prop_oneof![Just(0u16), 0u16..=10_000, 0u16..=1_000, any::<u16>()];
    let bps64 = |near: u64| prop_oneof![Just(0u64), 0u64..=near * 2, any::<u64>()];
    (usdc(), usdc(), bps16(), bps16(), bps16(), bps16(), bps64(5_000), bps64(10_000), bps64(1_000)).prop_map(
        |(d, c, s, m, b, t, v, cov, bs)| Inputs {
            senior_demand: d,
            senior_capacity: c,
            subordination_bps: s,
            min_subordination_bps: m,
            buffer_bps: b,
            buffer_target_bps: t,
            volatility_bps: v,
            coverage_bps: cov,
            backstop_bps: bs,
        },
    )
}

fn in_band(apy: u16) -> bool {
    (APY_MIN_BPS..=APY_MAX_BPS).contains(&apy)
}

/// `p = floor(num / den)`, checked by cross-multiplication.
fn is_floor(p: u64, num: u128, den: u128) -> bool {
    p as u128 * den <= num && num < (p as u128 + 1) * den
}

proptest! {
    #![proptest_config(config())]

    /// The APY is in [800, 1100] bps for every input whatsoever (and computing it never panics).
    #[test]
    fn apy_is_always_in_the_band(i in arbitrary_inputs()) {
        let apy = senior_apy_bps(&i);
        prop_assert!(in_band(apy), "apy {} for {:?}", apy, i);
    }

    /// Each premium is the table's formula rounded down, within [0, full]; the APY is 800 + min(300, Σ).
    #[test]
    fn premiums_follow_the_table(i in inputs()) {
        let p = premiums(&i);
        // demand: 100 × (1 − min(1, demand / capacity)); no capacity, nothing to attract
        if i.senior_capacity == 0 {
            prop_assert_eq!(p[0], 0);
        } else {
            let c = i.senior_capacity as u128;
            let num = DEMAND_PREMIUM_BPS as u128 * (c - (i.senior_demand as u128).min(c));
            prop_assert!(is_floor(p[0], num, c), "demand premium {} for {:?}", p[0], i);
        }
        // subordination: 60 × clamp((2m − sub) / m, 0, 1)
        let m = i.min_subordination_bps as i128;
        if m == 0 {
            prop_assert_eq!(p[1], 0);
        } else {
            let excess = (2 * m - i.subordination_bps as i128).clamp(0, m);
            let num = SUBORDINATION_PREMIUM_BPS as u128 * excess as u128;
            prop_assert!(is_floor(p[1], num, m as u128), "subordination premium {} for {:?}", p[1], i);
        }
        // buffer: 20 × (1 − min(1, buffer / target))
        let t = i.buffer_target_bps as u128;
        if t == 0 {
            prop_assert_eq!(p[2], 0);
        } else {
            let num = BUFFER_PREMIUM_BPS as u128 * (t - (i.buffer_bps as u128).min(t));
            prop_assert!(is_floor(p[2], num, t), "buffer premium {} for {:?}", p[2], i);
        }
        // volatility: 80 × min(1, vol / 50%)
        let full = VOLATILITY_FULL_BPS as u128;
        let num = VOLATILITY_PREMIUM_BPS as u128 * (i.volatility_bps as u128).min(full);
        prop_assert!(is_floor(p[3], num, full), "volatility premium {} for {:?}", p[3], i);
        // coverage: 60 × (1 − min(1, coverage))
        let num = COVERAGE_PREMIUM_BPS as u128 * (BPS - (i.coverage_bps as u128).min(BPS));
        prop_assert!(is_floor(p[4], num, BPS), "coverage premium {} for {:?}", p[4], i);
        // backstop: 40 × (1 − min(1, ratio / 10%))
        let full = BACKSTOP_FULL_BPS as u128;
        let num = BACKSTOP_PREMIUM_BPS as u128 * (full - (i.backstop_bps as u128).min(full));
        prop_assert!(is_floor(p[5], num, full), "backstop premium {} for {:?}", p[5], i);

        let sum: u64 = p.iter().sum();
        let apy = senior_apy_bps(&i);
        prop_assert!(in_band(apy));
        prop_assert_eq!(apy as u64, APY_MIN_BPS as u64 + sum.min((APY_MAX_BPS - APY_MIN_BPS) as u64));
    }

    /// More risk never lowers the APY: higher revenue volatility, lower coverage.
    #[test]
    fn more_risk_never_lowers_the_apy(i in inputs(), dv in any::<u64>(), dc in any::<u64>(), small in 0u64..20_000) {
        let apy = senior_apy_bps(&i);
        prop_assert!(in_band(apy));
        for dv in [dv, small] {
            let riskier = Inputs { volatility_bps: i.volatility_bps.saturating_add(dv), ..i };
            prop_assert!(senior_apy_bps(&riskier) >= apy, "volatility +{} for {:?}", dv, i);
        }
        for dc in [dc, small] {
            let riskier = Inputs { coverage_bps: i.coverage_bps.saturating_sub(dc), ..i };
            prop_assert!(senior_apy_bps(&riskier) >= apy, "coverage -{} for {:?}", dc, i);
        }
    }

    /// More cushion never raises the APY: more subordination, a deeper backstop, a larger USDC buffer.
    #[test]
    fn more_cushion_never_raises_the_apy(i in inputs(), d16 in any::<u16>(), d64 in any::<u64>(), small in 0u16..2_000) {
        let apy = senior_apy_bps(&i);
        for d in [d16, small] {
            let safer = Inputs { subordination_bps: i.subordination_bps.saturating_add(d), ..i };
            prop_assert!(senior_apy_bps(&safer) <= apy, "subordination +{} for {:?}", d, i);
            let safer = Inputs { buffer_bps: i.buffer_bps.saturating_add(d), ..i };
            prop_assert!(senior_apy_bps(&safer) <= apy, "buffer +{} for {:?}", d, i);
        }
        for d in [d64, small as u64] {
            let safer = Inputs { backstop_bps: i.backstop_bps.saturating_add(d), ..i };
            prop_assert!(senior_apy_bps(&safer) <= apy, "backstop +{} for {:?}", d, i);
        }
    }

    /// More excess senior demand never raises the APY (no premium is needed to attract senior money).
    #[test]
    fn more_senior_demand_never_raises_the_apy(i in inputs(), d in 0u64..10_000_000_000_000_000, small in 0u64..1_000_000) {
        let apy = senior_apy_bps(&i);
        for d in [d, small] {
            let more = Inputs { senior_demand: i.senior_demand.saturating_add(d), ..i };
            prop_assert!(senior_apy_bps(&more) <= apy, "demand +{} for {:?}", d, i);
        }
    }
}

/// A vault where every premium of the table is zero: demand fills the capacity, subordination at twice its
/// minimum, the buffer at its target, no volatility, full coverage, a backstop of 10% of senior value.
fn all_safe() -> Inputs {
    Inputs {
        senior_demand: 5_000_000,
        senior_capacity: 5_000_000,
        subordination_bps: 4_000,
        min_subordination_bps: 2_000,
        buffer_bps: 500,
        buffer_target_bps: 500,
        volatility_bps: 0,
        coverage_bps: 10_000,
        backstop_bps: BACKSTOP_FULL_BPS,
    }
}

#[test]
fn all_safe_inputs_give_the_floor() {
    assert_eq!(premiums(&all_safe()), [0; 6]);
    assert_eq!(senior_apy_bps(&all_safe()), APY_MIN_BPS);
    // even safer is still the floor
    let safer =
        Inputs { senior_demand: u64::MAX, subordination_bps: 10_000, coverage_bps: u64::MAX, ..all_safe() };
    assert_eq!(senior_apy_bps(&safer), APY_MIN_BPS);
}

#[test]
fn all_risky_inputs_give_the_cap() {
    // no demand for the capacity, subordination at its minimum, no buffer, volatility at 50%, nothing paid, no
    // backstop: every premium is full, and their sum (100 + 60 + 20 + 80 + 60 + 40 = 360) is clamped to 300
    let risky = Inputs {
        senior_demand: 0,
        senior_capacity: 5_000_000,
        subordination_bps: 2_000,
        min_subordination_bps: 2_000,
        buffer_bps: 0,
        buffer_target_bps: 500,
        volatility_bps: VOLATILITY_FULL_BPS,
        coverage_bps: 0,
        backstop_bps: 0,
    };
    let full = [
        DEMAND_PREMIUM_BPS,
        SUBORDINATION_PREMIUM_BPS,
        BUFFER_PREMIUM_BPS,
        VOLATILITY_PREMIUM_BPS,
        COVERAGE_PREMIUM_BPS,
        BACKSTOP_PREMIUM_BPS,
    ];
    assert_eq!(premiums(&risky), full);
    assert!(full.iter().sum::<u64>() > (APY_MAX_BPS - APY_MIN_BPS) as u64);
    assert_eq!(senior_apy_bps(&risky), APY_MAX_BPS);
}

#[test]
fn half_the_volatility_premium_alone() {
    // from the all-safe vault, revenue volatility at 25% (half of the 50% that earns the full premium)
    let i = Inputs { volatility_bps: VOLATILITY_FULL_BPS / 2, ..all_safe() };
    assert_eq!(senior_apy_bps(&i) as u64, APY_MIN_BPS as u64 + VOLATILITY_PREMIUM_BPS / 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Waterfall
// ---------------------------------------------------------------------------------------------------------------

/// A USDC amount up to 10^9 USDC, with zero and small amounts mixed in.
fn usdc() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0u64), 0u64..=MAX_USDC, 0u64..1_000_000]
}

/// A reference target yield: `value × apy × elapsed / year`, rounded up.
fn ref_target(value: u64, apy: u16, elapsed: i64) -> u128 {
    let num = value as u128 * apy as u128 * elapsed.max(0) as u128;
    let den = BPS * YEAR_SECS as u128;
    num / den + u128::from(!num.is_multiple_of(den))
}

/// The outcome of the reference waterfall.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    claim: u128,
    senior: u128,
    junior: u128,
    arrears: u128,
    backstop: u128,
}

/// An epoch, step by step: income pays senior's due (this epoch's target plus the arrears) first and junior the
/// rest; a price change (`gain` or `loss`, the loss at most the assets) hits junior first, then senior; the due
/// still unpaid is paid out of junior's capital down to zero; the backstop pays what is still missing, up to its
/// capacity; the rest is carried as arrears.
#[allow(clippy::too_many_arguments)]
fn reference(
    senior0: u64,
    junior0: u64,
    arrears0: u64,
    apy: u16,
    elapsed: i64,
    income: u64,
    gain: u64,
    loss: u64,
    capacity: u64,
) -> Outcome {
    let claim = senior0 as u128 + arrears0 as u128 + ref_target(senior0, apy, elapsed);
    let (mut senior, mut junior) = (senior0 as u128, junior0 as u128);
    // what senior is still owed on top of what it holds
    let mut due = claim - senior;
    // 1. income: senior's due first, then junior
    let to_senior = (income as u128).min(due);
    senior += to_senior;
    due -= to_senior;
    junior += income as u128 - to_senior;
    // 2. the price change: junior first, then senior
    junior += gain as u128;
    let junior_loss = (loss as u128).min(junior);
    junior -= junior_loss;
    let senior_loss = loss as u128 - junior_loss;
    assert!(senior_loss <= senior, "the loss exceeds the assets");
    senior -= senior_loss;
    due += senior_loss;
    // 3. junior's capital pays senior's remaining due
    let from_junior = junior.min(due);
    junior -= from_junior;
    senior += from_junior;
    due -= from_junior;
    // 4. the backstop, up to its capacity
    let backstop = due.min(capacity as u128);
    senior += backstop;
    due -= backstop;
    // 5. what is still missing is carried
    Outcome { claim, senior, junior, arrears: due, backstop }
}

proptest! {
    #![proptest_config(config())]

    /// The split conserves the assets, gives senior at most its claim, junior only once senior's claim is met.
    #[test]
    fn split_conserves(assets in any::<u64>(), claim in any::<u64>()) {
        let s = split(assets, claim);
        prop_assert_eq!(s.claim, claim);
        prop_assert_eq!(s.senior as u128 + s.junior as u128, assets as u128);
        prop_assert!(s.senior <= claim);
        prop_assert_eq!(s.arrears, claim - s.senior);
        if s.junior > 0 {
            prop_assert_eq!(s.arrears, 0);
        }
        // the backstop is asked for the arrears the split would leave, up to the yield due
        prop_assert_eq!(backstop_request(assets, claim, u64::MAX), s.arrears);
        let yield_due = claim / 7;
        prop_assert_eq!(backstop_request(assets, claim, yield_due), s.arrears.min(yield_due));
        prop_assert!(yield_arrears(s.arrears, yield_due, 0) <= s.arrears.min(yield_due));
        prop_assert!(yield_arrears(s.arrears, yield_due, yield_due / 2) <= yield_due - yield_due / 2);
    }

    /// Junior absorbs every loss before senior: with the same claim, fewer assets never leave either tranche with
    /// more, and senior falls short of its claim only once junior is wiped out.
    #[test]
    fn junior_absorbs_losses_first(a in any::<u64>(), b in any::<u64>(), claim in any::<u64>()) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (s_lo, s_hi) = (split(lo, claim), split(hi, claim));
        prop_assert!(s_lo.junior <= s_hi.junior);
        prop_assert!(s_lo.senior <= s_hi.senior);
        prop_assert!(s_lo.arrears >= s_hi.arrears);
        // a loss of `hi − lo` costs junior first
        let junior_loss = s_hi.junior - s_lo.junior;
        let senior_loss = s_hi.senior - s_lo.senior;
        prop_assert_eq!(junior_loss as u128 + senior_loss as u128, (hi - lo) as u128);
        if senior_loss > 0 {
            prop_assert_eq!(s_lo.junior, 0);
            prop_assert_eq!(junior_loss, s_hi.junior);
        }
        for s in [s_lo, s_hi] {
            if s.senior < claim {
                prop_assert_eq!(s.junior, 0);
            }
        }
    }

    /// The target yield is `value × apy × elapsed / year` rounded up, exactly; nothing for no (or negative) time.
    #[test]
    fn target_yield_rounds_up(value in any::<u64>(), apy in any::<u16>(), elapsed in -(10 * YEAR_SECS as i64)..=10 * YEAR_SECS as i64) {
        let exact = value as u128 * apy as u128 * elapsed.max(0) as u128;
        let den = BPS * YEAR_SECS as u128;
        let Some(t) = target_yield(value, apy, elapsed) else {
            // only a target that does not fit in u64 is refused
            prop_assert!(exact.div_ceil(den) > u64::MAX as u128);
            return Ok(());
        };
        if elapsed <= 0 {
            prop_assert_eq!(t, 0);
        }
        prop_assert!(t as u128 * den >= exact);
        if t > 0 {
            prop_assert!((t as u128 - 1) * den < exact);
        }
        // and the claim is value + arrears + target
        let arrears = value / 3;
        if let Some(c) = senior_claim(value, arrears, apy, elapsed) {
            prop_assert_eq!(c as u128, value as u128 + arrears as u128 + t as u128);
        } else {
            prop_assert!(value as u128 + arrears as u128 + t as u128 > u64::MAX as u128);
        }
    }

    /// Differential: the vault's waterfall (claim, split after income, price change and the backstop's draw)
    /// agrees with the step-by-step reference.
    #[test]
    fn waterfall_matches_the_reference(
        senior0 in usdc(),
        junior0 in usdc(),
        arrears0 in usdc(),
        apy in prop_oneof![APY_MIN_BPS..=APY_MAX_BPS, any::<u16>()],
        elapsed in prop_oneof![0i64..=30 * DAY, Just(30 * DAY), 0i64..600],
        income in usdc(),
        gain in usdc(),
        loss_permille in prop_oneof![Just(0u64), Just(1_000u64), 0u64..=1_000],
        is_gain in any::<bool>(),
        capacity in prop_oneof![Just(0u64), Just(u64::MAX), usdc()],
        yield_arrears_permille in 0u64..=1_000,
    ) {
        // the yield part of the arrears; the backstop pays at most the yield due (never a principal loss)
        let yield_due = arrears0 / 1_000 * yield_arrears_permille + ref_target(senior0, apy, elapsed) as u64;
        let before = senior0 + junior0 + income;
        let (gain, loss) = if is_gain { (gain, 0) } else { (0, (before as u128 * loss_permille as u128 / 1_000) as u64) };
        let want = reference(senior0, junior0, arrears0, apy, elapsed, income, gain, loss, capacity.min(yield_due));

        let claim = senior_claim(senior0, arrears0, apy, elapsed).expect("fits");
        let assets = before + gain - loss;
        let paid = capacity.min(backstop_request(assets, claim, yield_due));
        let s = split(assets + paid, claim);
        let got = Outcome {
            claim: s.claim as u128,
            senior: s.senior as u128,
            junior: s.junior as u128,
            arrears: s.arrears as u128,
            backstop: paid as u128,
        };
        prop_assert_eq!(got, want);
    }

    /// Arrears carried into the next epoch are paid before junior sees any of the next epoch's assets.
    #[test]
    fn arrears_are_paid_first_next_epoch(
        senior0 in usdc(), assets0 in usdc(), apy in APY_MIN_BPS..=APY_MAX_BPS, elapsed in 0i64..=30 * DAY,
        income in usdc(),
    ) {
        let first = split(assets0, senior_claim(senior0, 0, apy, elapsed).unwrap());
        let claim = senior_claim(first.senior, first.arrears, apy, elapsed).unwrap();
        let second = split(first.senior + first.junior + income, claim);
        if second.junior > 0 {
            // senior got its value, all the arrears and the target before junior got anything
            prop_assert!(second.senior as u128 >= first.senior as u128 + first.arrears as u128 + ref_target(first.senior, apy, elapsed));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Shares
// ---------------------------------------------------------------------------------------------------------------

/// A tranche value, a share supply and a deposit: realistic (about `VIRTUAL_SHARES` shares per USDC unit), far
/// off (a wiped or inflated tranche), and whole-range.
fn tranche() -> impl Strategy<Value = (u64, u64, u64)> {
    let realistic = (0u64..=MAX_USDC, 1u64..=2_000, usdc())
        .prop_map(|(v, per, d)| (v, v.saturating_mul(per).saturating_add(per), d));
    let far = (usdc(), prop_oneof![Just(0u64), 0u64..=MAX_USDC * 1_000, any::<u64>()], usdc());
    let whole = (any::<u64>(), any::<u64>(), any::<u64>());
    prop_oneof![4 => realistic, 4 => far, 1 => whole]
}

/// `a / b ≥ c / d`, compared exactly (`a × d ≥ c × b` in 256 bits).
fn ratio_ge(a: u128, b: u128, c: u128, d: u128) -> bool {
    mul_wide(a, d) >= mul_wide(c, b)
}

proptest! {
    #![proptest_config(config())]

    /// Depositing and redeeming at once never gives back more than was deposited.
    #[test]
    fn a_round_trip_never_profits((value, supply, d) in tranche()) {
        if let Some(shares) = shares_for(d, value, supply) {
            if let (Some(v1), Some(s1)) = (value.checked_add(d), supply.checked_add(shares)) {
                let back = usdc_for(shares, v1, s1);
                prop_assert!(back <= d, "deposit {} shares {} back {}", d, shares, back);
            }
        }
    }

    /// A deposit never dilutes the holders: the value per share (virtual parts included) never falls.
    #[test]
    fn a_deposit_never_dilutes((value, supply, d) in tranche()) {
        if let Some(shares) = shares_for(d, value, supply) {
            let (vu, vs) = (VIRTUAL_USDC as u128, VIRTUAL_SHARES as u128);
            let (v0, s0) = (value as u128 + vu, supply as u128 + vs);
            let (v1, s1) = (v0 + d as u128, s0 + shares as u128);
            prop_assert!(ratio_ge(v1, s1, v0, s0), "value {} supply {} deposit {} shares {}", value, supply, d, shares);
            // and the shares are `d × (supply + VIRTUAL_SHARES) / (value + VIRTUAL_USDC)` rounded down
            prop_assert!(mul_wide(shares as u128, v0) <= mul_wide(d as u128, s0));
            prop_assert!(mul_wide(shares as u128 + 1, v0) > mul_wide(d as u128, s0));
        }
    }

    /// A redemption never takes more than its share: the remaining holders' value per share never falls, and the
    /// tranche never pays more than it holds.
    #[test]
    fn a_redemption_never_dilutes((value, supply, _d) in tranche(), part in 0u64..=1_000_000, any_shares in any::<u64>()) {
        let shares = (supply as u128 * part as u128 / 1_000_000) as u64;
        let paid = usdc_for(shares, value, supply);
        prop_assert!(paid <= value);
        let (vu, vs) = (VIRTUAL_USDC as u128, VIRTUAL_SHARES as u128);
        let (v0, s0) = (value as u128 + vu, supply as u128 + vs);
        let (v1, s1) = (v0 - paid as u128, s0 - shares as u128);
        prop_assert!(ratio_ge(v1, s1, v0, s0), "value {} supply {} redeem {} paid {}", value, supply, shares, paid);
        // whatever the shares, never more than the value
        prop_assert!(usdc_for(any_shares, value, supply) <= value);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Pro-rata fills
// ---------------------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Over a queue's requests, the remainders never exceed what the queue did not execute, the outputs never
    /// exceed the queue's output (each by less than a unit per request), every request's input is accounted for,
    /// and a full fill leaves nothing queued.
    #[test]
    fn pro_rata_never_overpays(
        remaining in prop::collection::vec(prop_oneof![Just(0u64), 0u64..=MAX_USDC, 0u64..1_000], 1..20),
        executed_permille in prop_oneof![Just(0u64), Just(1_000u64), 0u64..=1_000],
        executed_off in 0u64..3,
        output in prop_oneof![Just(0u64), usdc(), any::<u64>()],
    ) {
        let queued: u64 = remaining.iter().sum();
        let executed = ((queued as u128 * executed_permille as u128 / 1_000) as u64).saturating_sub(executed_off);
        let n = remaining.len() as u128;
        let (mut rests, mut outs) = (0u128, 0u128);
        for &r in &remaining {
            let (rest, exec, out) = pro_rata(r, queued, executed, output);
            prop_assert_eq!(rest as u128 + exec as u128, r as u128);
            rests += rest as u128;
            outs += out as u128;

            let (rest, exec, _) = pro_rata(r, queued, queued, output);
            prop_assert_eq!(rest, 0);
            prop_assert_eq!(exec, r);
        }
        prop_assert!(rests <= (queued - executed) as u128, "rests {} queued {} executed {}", rests, queued, executed);
        prop_assert!(outs <= output as u128, "outputs {} output {}", outs, output);
        // the rounding loses less than a unit per request
        prop_assert!(rests + n > (queued - executed) as u128);
        if queued > 0 {
            prop_assert!(outs + n > output as u128);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Subordination
// ---------------------------------------------------------------------------------------------------------------

/// `junior / (junior + senior) ≥ m / 10 000`, exactly.
fn subordinated(junior: u64, senior: u64, m: u16) -> bool {
    junior as u128 * BPS >= m as u128 * (junior as u128 + senior as u128)
}

proptest! {
    #![proptest_config(config())]

    /// Any senior value up to the cap keeps the subordination at or above the minimum; one unit more breaks it.
    #[test]
    fn senior_cap_is_exact(
        junior in prop_oneof![Just(0u64), usdc(), any::<u64>()],
        m in prop_oneof![Just(0u16), Just(10_000u16), 0u16..=10_000, 1u16..100],
        below in prop_oneof![Just(0u64), 0u64..1_000, any::<u64>()],
    ) {
        let cap = senior_cap(junior, m);
        for senior in [cap, cap.saturating_sub(below), below.min(cap)] {
            prop_assert!(subordinated(junior, senior, m), "junior {} senior {} m {} cap {}", junior, senior, m, cap);
            prop_assert!(subordination_bps(junior, senior) >= m);
        }
        if cap < u64::MAX {
            prop_assert!(!subordinated(junior, cap + 1, m), "junior {} m {}: cap {} is not the largest", junior, m, cap);
            prop_assert!(subordination_bps(junior, cap + 1) < m);
        } else {
            // the cap saturates only when the exact cap does not fit, or there is no minimum
            prop_assert!(m == 0 || junior as u128 * (BPS - m as u128) / m as u128 >= u64::MAX as u128);
        }
    }

    /// Any junior value from the floor up keeps the subordination at or above the minimum; one unit less breaks it.
    #[test]
    fn junior_floor_is_exact(
        senior in prop_oneof![Just(0u64), usdc(), any::<u64>()],
        m in prop_oneof![Just(0u16), Just(9_999u16), 0u16..10_000, 1u16..100],
        above in prop_oneof![Just(0u64), 0u64..1_000, any::<u64>()],
    ) {
        let floor = junior_floor(senior, m);
        if floor < u64::MAX {
            for junior in [floor, floor.saturating_add(above)] {
                prop_assert!(subordinated(junior, senior, m), "junior {} senior {} m {} floor {}", junior, senior, m, floor);
                prop_assert!(subordination_bps(junior, senior) >= m);
            }
            if floor > 0 {
                prop_assert!(!subordinated(floor - 1, senior, m), "senior {} m {}: floor {} is not the least", senior, m, floor);
                prop_assert!(subordination_bps(floor - 1, senior) < m);
            }
        } else {
            // the floor saturates only when no smaller junior value would do
            prop_assert!(!subordinated(u64::MAX - 1, senior, m));
        }
    }

    /// `subordination_bps` is `junior / (junior + senior)` rounded down.
    #[test]
    fn subordination_rounds_down(junior in any::<u64>(), senior in any::<u64>()) {
        let s = subordination_bps(junior, senior);
        prop_assert!(s as u128 <= BPS);
        let total = junior as u128 + senior as u128;
        if total == 0 {
            prop_assert_eq!(s as u128, BPS);
        } else {
            prop_assert!(is_floor(s as u64, junior as u128 * BPS, total));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Trades against the TWAP
// ---------------------------------------------------------------------------------------------------------------

/// A pool `(reserve_pst, reserve_usdc)`, a fee, a TWAP of PST in USDC (Q64) within a factor 2 of the spot price,
/// and a slippage.
fn market() -> impl Strategy<Value = (u64, u64, u16, u128, u16)> {
    let reserve = || prop_oneof![1_000_000u64..=MAX_USDC, 1_000_000u64..1_000_000_000];
    (
        reserve(),
        reserve(),
        prop_oneof![Just(0u16), 0u16..=1_000],
        500u128..=2_000,
        prop_oneof![Just(0u16), 0u16..=3_000],
    )
        .prop_map(|(pst, usdc, fee, permille, slippage)| {
            let spot = price_q64(pst, usdc).unwrap();
            (pst, usdc, fee, spot * permille / 1_000, slippage)
        })
}

/// Selling `pst_in` gives an average price of at least `twap × (1 − slippage)`:
/// `out × 2^64 × 10 000 ≥ in × twap × (10 000 − slippage)`, exactly.
fn sell_ok(pst: u64, usdc: u64, pst_in: u64, fee: u16, twap: u128, slippage: u16) -> bool {
    let Ok(r) = swap_exact_in(pst, usdc, pst_in, fee, 0) else { return false };
    mul_wide((r.amount_out as u128) << 64, BPS) >= mul_wide(pst_in as u128 * (BPS - slippage as u128), twap)
}

/// Buying with `usdc_in` gives PST worth at least `usdc_in` at `twap × (1 + slippage)`:
/// `out × twap × (10 000 + slippage) ≥ in × 10 000 × 2^64`, exactly.
fn buy_ok(usdc: u64, pst: u64, usdc_in: u64, fee: u16, twap: u128, slippage: u16) -> bool {
    let Ok(r) = swap_exact_in(usdc, pst, usdc_in, fee, 0) else { return false };
    mul_wide(r.amount_out as u128 * (BPS + slippage as u128), twap) >= mul_wide((usdc_in as u128) << 64, BPS)
}

proptest! {
    #![proptest_config(config())]

    /// A sale sized by `sell_for` replays exactly on the curve, sells at no less than the TWAP less the slippage,
    /// is no larger than what the wanted USDC needs, and is the largest such: one unit more would breach the bound
    /// unless the want is already met.
    #[test]
    fn sales_respect_the_twap(
        (pst, usdc, fee, twap, slippage) in market(),
        want_permille in prop_oneof![0u64..=100, 0u64..=2_000],
        want_small in prop_oneof![Just(0u64), 0u64..1_000_000],
        big in any::<bool>(),
    ) {
        let want = if big { (usdc as u128 * want_permille as u128 / 1_000) as u64 } else { want_small };
        let (pst_in, out) = sell_for(pst, usdc, want, fee, twap, slippage);
        prop_assert_eq!(pst_in == 0, out == 0);
        if pst_in > 0 {
            prop_assert_eq!(swap_exact_in(pst, usdc, pst_in, fee, 0).unwrap().amount_out, out);
            prop_assert!(sell_ok(pst, usdc, pst_in, fee, twap, slippage),
                "sold {} for {}: below twap {} less {} bps", pst_in, out, twap, slippage);
        }
        if let Ok(need) = swap_exact_out(pst, usdc, want, fee, 0) {
            prop_assert!(pst_in <= need.amount_in, "sold {} where {} buys the {} wanted", pst_in, need.amount_in, want);
        }
        // maximal: the want is met (as far as the pool can pay), or one unit more breaches the bound
        let met = out >= want.min(usdc - 1);
        prop_assert!(met || !sell_ok(pst, usdc, pst_in + 1, fee, twap, slippage),
            "sold {} for {} of {} wanted, but {} is still within the bound", pst_in, out, want, pst_in + 1);
    }

    /// A buy sized by `buy_with` replays exactly on the curve, pays no more than the TWAP plus the slippage, spends
    /// at most what it was given, and is the largest such: one unit more would breach the bound or the budget.
    #[test]
    fn buys_respect_the_twap(
        (pst, usdc, fee, twap, slippage) in market(),
        budget_permille in prop_oneof![0u64..=100, 0u64..=2_000],
        budget_small in prop_oneof![Just(0u64), 0u64..1_000_000],
        big in any::<bool>(),
    ) {
        let budget = if big { (usdc as u128 * budget_permille as u128 / 1_000) as u64 } else { budget_small };
        let (usdc_in, out) = buy_with(usdc, pst, budget, fee, twap, slippage);
        prop_assert_eq!(usdc_in == 0, out == 0);
        prop_assert!(usdc_in <= budget);
        if usdc_in > 0 {
            prop_assert_eq!(swap_exact_in(usdc, pst, usdc_in, fee, 0).unwrap().amount_out, out);
            prop_assert!(buy_ok(usdc, pst, usdc_in, fee, twap, slippage),
                "paid {} for {}: above twap {} plus {} bps", usdc_in, out, twap, slippage);
        }
        prop_assert!(usdc_in == budget || !buy_ok(usdc, pst, usdc_in + 1, fee, twap, slippage),
            "paid {} of {}, but {} is still within the bound", usdc_in, budget, usdc_in + 1);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Annualised return
// ---------------------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// The annualised return has the sign of the change and is `change × 10 000 × year / (before × elapsed)`
    /// rounded toward zero.
    #[test]
    fn annualised_follows_the_change(
        before in prop_oneof![1u64..=MAX_USDC, 1u64..1_000],
        after in prop_oneof![0u64..=2 * MAX_USDC, 0u64..1_000],
        elapsed in prop_oneof![1i64..=DAY, 1i64..=10 * YEAR_SECS as i64],
    ) {
        let r = annualised_bps(before, after, elapsed);
        let diff = after as i128 - before as i128;
        prop_assert!(r.signum() * diff.signum() as i64 >= 0);
        if diff == 0 {
            prop_assert_eq!(r, 0);
        }
        let num = diff.unsigned_abs() * BPS * YEAR_SECS as u128;
        let den = before as u128 * elapsed as u128;
        if num / den > i64::MAX as u128 {
            // a gain too large for i64 saturates
            prop_assert_eq!(r, i64::MAX);
        } else {
            prop_assert!(is_floor(r.unsigned_abs(), num, den), "{} -> {} over {}s: {}", before, after, elapsed, r);
        }
        // nothing before, or no time: 0
        prop_assert_eq!(annualised_bps(0, after, elapsed), 0);
        prop_assert_eq!(annualised_bps(before, after, 1 - elapsed), 0);
    }

    /// Paying senior its target yield returns at least its APY, annualised; the excess is only the target's
    /// rounding up (less than one USDC unit), so it is the APY exactly once `value × elapsed ≥ 10 000 × year`.
    #[test]
    fn target_yield_annualises_to_the_apy(
        value in prop_oneof![1_000_000u64..=MAX_USDC, 1_000_000u64..100_000_000],
        apy in prop_oneof![APY_MIN_BPS..=APY_MAX_BPS, 0u16..=10_000],
        elapsed in prop_oneof![DAY..=30 * DAY, DAY..=YEAR_SECS as i64],
    ) {
        let target = target_yield(value, apy, elapsed).unwrap();
        let r = annualised_bps(value, value + target, elapsed);
        prop_assert!(r >= apy as i64, "value {} apy {} elapsed {}: target {} annualises to {}", value, apy, elapsed, target, r);
        let (v, e) = (value as u128, elapsed as u128);
        prop_assert!(((r - apy as i64) as u128) * v * e < BPS * YEAR_SECS as u128,
            "value {} apy {} elapsed {}: target {} annualises to {}", value, apy, elapsed, target, r);
        if v * e >= BPS * YEAR_SECS as u128 {
            prop_assert_eq!(r, apy as i64);
        }
    }
}
