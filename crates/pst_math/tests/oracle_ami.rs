//! Property tests for oracle aggregation, settlement splits and market-intelligence metrics.
use proptest::prelude::*;
use pst_math::{ami::*, oracle::*, split_inflow};

/// The reference: filter, sort, take the middle, compare the spread, all with plain Vec and u128 arithmetic.
fn reference(samples: &[Sample], rules: &AggregationRules, now: u64) -> Result<u64, AggregateError> {
    let min = rules.min_responses.max(1) as usize;
    if samples.len() < min {
        return Err(AggregateError::InsufficientResponses);
    }
    let mut fresh: Vec<u128> = samples
        .iter()
        .filter(|s| s.slot >= now || now - s.slot <= rules.max_staleness_slots)
        .map(|s| s.value as u128)
        .collect();
    if fresh.len() < min {
        return Err(AggregateError::Stale);
    }
    fresh.sort();
    let k = fresh.len();
    let med = if k % 2 == 1 { fresh[k / 2] } else { (fresh[k / 2 - 1] + fresh[k / 2]) / 2 };
    let spread = fresh[k - 1] - fresh[0];
    if spread * 10_000 > rules.max_variance_bps as u128 * med {
        return Err(AggregateError::ExcessiveVariance);
    }
    Ok(med as u64)
}

fn sample() -> impl Strategy<Value = Sample> {
    (prop_oneof![any::<u64>(), 900_000u64..1_100_000], 0u64..2_000)
        .prop_map(|(value, slot)| Sample { value, slot })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// The program's aggregation agrees with the reference on every input, error kind included.
    #[test]
    fn aggregation_matches_the_reference(
        samples in proptest::collection::vec(sample(), 0..20),
        min_responses in 1u8..6,
        max_staleness_slots in 0u64..1_500,
        max_variance_bps in 0u16..3_000,
        now in 0u64..3_000,
    ) {
        let rules = AggregationRules { min_responses, max_staleness_slots, max_variance_bps };
        let got = aggregate(&samples, &rules, now).map(|(v, _)| v);
        prop_assert_eq!(got, reference(&samples, &rules, now));
    }

    /// The accepted value lies between the smallest and largest fresh submission.
    #[test]
    fn the_median_is_inside_the_fresh_range(samples in proptest::collection::vec(sample(), 1..20), now in 0u64..3_000) {
        let rules = AggregationRules { min_responses: 1, max_staleness_slots: 500, max_variance_bps: 10_000 };
        if let Ok((v, n)) = aggregate(&samples, &rules, now) {
            let fresh: Vec<u64> = samples.iter().filter(|s| is_fresh(s.slot, now, 500)).map(|s| s.value).collect();
            prop_assert_eq!(n, fresh.len());
            prop_assert!(*fresh.iter().min().unwrap() <= v && v <= *fresh.iter().max().unwrap());
        }
    }

    /// The signed median (net earnings) agrees with a reference in i128.
    #[test]
    fn signed_median_matches_the_reference(mut values in proptest::collection::vec(any::<i64>(), 0..20)) {
        let mut r: Vec<i128> = values.iter().map(|v| *v as i128).collect();
        r.sort();
        let expected = match r.len() {
            0 => None,
            n if n % 2 == 1 => Some(r[n / 2] as i64),
            n => Some((r[n / 2 - 1] + r[n / 2]).div_euclid(2) as i64),
        };
        prop_assert_eq!(median_signed(&mut values), expected);
    }

    /// A sweep split conserves USDC exactly and never gives holders less than their share.
    #[test]
    fn sweep_splits_conserve(inflow in any::<u64>(), bps in 0u16..=10_000) {
        let (share, rest) = split_inflow(inflow, bps).unwrap();
        prop_assert_eq!(share as u128 + rest as u128, inflow as u128);
        prop_assert!(share as u128 * 10_000 >= inflow as u128 * bps as u128);
        prop_assert!((share as u128).saturating_sub(1) * 10_000 < inflow as u128 * bps as u128 || share == 0);
    }

    /// Metrics are defined for every value the types admit: no overflow, no panic, ratios within their types.
    #[test]
    fn metrics_never_overflow(
        points in proptest::collection::vec((any::<u64>(), any::<i64>(), any::<u64>(), any::<u64>(), any::<u64>()), 0..=HISTORY),
        short in any::<bool>(),
        period_secs in 86_400u64..=92 * 86_400,
        floor in any::<u16>(),
    ) {
        let history: Vec<PeriodPoint> = points
            .iter()
            .enumerate()
            .map(|(i, &(revenue, earnings, share_due, share_paid, inventory))| PeriodPoint { period: i as u32, revenue, earnings, share_due, share_paid, inventory })
            .collect();
        let m = compute(&history, short, period_secs, floor);
        prop_assert_eq!(m.inventory_days_x100.is_some(), !history.is_empty());
        if below_inventory_floor(m.inventory_days_x100, floor) { prop_assert_ne!(m.health, Health::Healthy); }
        let w = trailing_window(period_secs, history.len());
        let window = &history[history.len() - w..];
        let span = (w as u128 * period_secs as u128).max(1);
        let revenue: u128 = window.iter().map(|p| p.revenue as u128).sum();
        let earnings: i128 = window.iter().map(|p| p.earnings as i128).sum();
        prop_assert_eq!(m.annual_revenue, if w == 0 { 0 } else { revenue * YEAR_SECS as u128 / span });
        prop_assert_eq!(m.annual_earnings, if w == 0 { 0 } else { earnings * YEAR_SECS as i128 / span as i128 });
        if short { prop_assert_ne!(m.health, Health::Healthy); }
    }

    /// Extreme values at the ends of the range are handled too.
    #[test]
    fn metrics_at_the_extremes(n in 0usize..=HISTORY, revenue in prop_oneof![Just(0u64), Just(1u64), Just(u64::MAX)]) {
        let history: Vec<PeriodPoint> = (0..n)
            .map(|i| PeriodPoint { period: i as u32, revenue: if i % 2 == 0 { revenue } else { u64::MAX - revenue }, earnings: i64::MIN, share_due: u64::MAX, share_paid: u64::MAX, inventory: u64::MAX })
            .collect();
        let m = compute(&history, false, 30 * 86_400, u16::MAX);
        prop_assert!(m.coverage_bps == 10_000);
    }

    /// Annualisation comes from the period length, never from an assumed count of periods per year: a merchant
    /// earning the same revenue per second shows the same annual revenue (within rounding) whether its feed has
    /// daily, weekly, monthly or quarterly periods, and year-over-year growth compares with the period a year back.
    #[test]
    fn annualisation_follows_the_period_length(per_day in 1u64..10_000_000, days in 1u64..=92, n in 1usize..=HISTORY) {
        let period_secs = days * 86_400;
        let history: Vec<PeriodPoint> = (0..n)
            .map(|i| PeriodPoint { period: i as u32, revenue: per_day * days, earnings: (per_day * days / 10) as i64, share_due: 0, share_paid: 0, inventory: 0 })
            .collect();
        let m = compute(&history, false, period_secs, 0);
        let exact = per_day as u128 * 365;
        prop_assert!(m.annual_revenue <= exact && exact - m.annual_revenue <= 1, "{} vs {}", m.annual_revenue, exact);
        let lag = periods_per_year(period_secs) as usize;
        prop_assert_eq!(m.growth_yoy_bps.is_some(), lag < n);
        prop_assert_eq!(m.volatility_bps, 0);
    }

    /// A constant series has no volatility; scaling a series leaves its coefficient of variation (almost) unchanged.
    #[test]
    fn volatility_is_scale_free(base in proptest::collection::vec(1u64..1_000_000, 2..12), k in 1u64..1_000) {
        let constant = vec![base[0]; base.len()];
        prop_assert_eq!(coefficient_of_variation_bps(&constant), 0);
        let scaled: Vec<u64> = base.iter().map(|v| v * k).collect();
        let a = coefficient_of_variation_bps(&base) as i64;
        let b = coefficient_of_variation_bps(&scaled) as i64;
        prop_assert!((a - b).abs() <= 1, "{} vs {}", a, b);
    }

    /// Days of inventory are exact (rounded down) against a reference in wide integers.
    #[test]
    fn inventory_days_match_reference(inventory in any::<u64>(), revenue in any::<u64>(), period_secs in 86_400u64..=92 * 86_400) {
        let d = inventory_days_x100(inventory, revenue, period_secs);
        if revenue == 0 {
            prop_assert_eq!(d, 0);
        } else {
            // d ≤ inventory / (revenue / period days) < d + 1 hundredth, in exact rationals
            let lhs = |v: u128| v * revenue as u128 * 86_400;
            let exact = inventory as u128 * period_secs as u128 * 100;
            if d < u64::MAX {
                prop_assert!(lhs(d as u128) <= exact && exact < lhs(d as u128 + 1));
            } else {
                prop_assert!(lhs(u64::MAX as u128) <= exact);
            }
        }
    }

    /// The newest period's stock is measured against the larger of its own revenue and the trailing average: a
    /// period whose sales fall (to nothing, even) never shows more days of cover than the usual sales give, and
    /// the days equal the reference against that basis.
    #[test]
    fn a_sales_collapse_does_not_inflate_the_days_of_inventory(
        revenues in proptest::collection::vec(any::<u64>(), 0..HISTORY),
        last in any::<u64>(),
        inventory in any::<u64>(),
        days in 1u64..=92,
    ) {
        let period_secs = days * 86_400;
        let mut history: Vec<PeriodPoint> = revenues
            .iter()
            .enumerate()
            .map(|(i, &revenue)| PeriodPoint { period: i as u32, revenue, inventory, ..Default::default() })
            .collect();
        history.push(PeriodPoint { period: history.len() as u32, revenue: last, inventory, ..Default::default() });
        let w = trailing_window(period_secs, history.len());
        let window = &history[history.len() - w..];
        let average = (window.iter().map(|p| p.revenue as u128).sum::<u128>() / w as u128) as u64;
        let d = compute(&history, false, period_secs, 14).inventory_days_x100.unwrap();
        prop_assert_eq!(d, inventory_days_x100(inventory, last.max(average), period_secs));
        if average > 0 {
            prop_assert!(d <= inventory_days_x100(inventory, average, period_secs), "never more than the usual sales give");
        }
    }

    /// The withdrawal limit is bounded by the approved limit, full when Healthy, zero in a Default, at most half
    /// and at least an eighth of it on Watch, and never rises as the days of inventory fall.
    #[test]
    fn withdrawal_limit_is_bounded_and_monotone(
        approved in any::<u64>(),
        days in any::<u64>(),
        less in any::<u64>(),
        floor in any::<u16>(),
    ) {
        prop_assert_eq!(withdrawal_limit(approved, Health::Healthy, Some(days), floor), approved);
        prop_assert_eq!(withdrawal_limit(approved, Health::Default, Some(days), floor), 0);
        let watch = withdrawal_limit(approved, Health::Watch, Some(days), floor);
        prop_assert!(watch <= approved / 2);
        prop_assert!(watch >= (approved as u128 / 8) as u64);
        let fewer = days.saturating_sub(less);
        prop_assert!(withdrawal_limit(approved, Health::Watch, Some(fewer), floor) <= watch);
        // the exact formula
        let cover = if floor == 0 { 10_000 } else { (days as u128 * 10_000 / (floor as u128 * 100)).clamp(2_500, 10_000) };
        prop_assert_eq!(watch as u128, approved as u128 * 5_000 * cover / 100_000_000);
        // with no floor, or before any period, inventory does not matter
        prop_assert_eq!(withdrawal_limit(approved, Health::Watch, Some(days), 0), approved / 2);
        prop_assert_eq!(withdrawal_limit(approved, Health::Watch, None, floor), approved / 2);
    }

    /// Growth is exact in bps (rounded toward zero) and `None` on a zero base.
    #[test]
    fn growth_matches_reference(current in any::<u64>(), base in any::<u64>()) {
        let g = growth_bps(current, base);
        if base == 0 { prop_assert_eq!(g, None); } else {
            let exact = (current as i128 - base as i128) * 10_000 / base as i128;
            prop_assert_eq!(g, Some(exact.clamp(i64::MIN as i128, i64::MAX as i128) as i64));
        }
    }
}

#[test]
fn coefficient_of_variation_example() {
    // values 90, 110: mean 100, population std 10 → 10% = 1,000 bps
    assert_eq!(coefficient_of_variation_bps(&[90, 110]), 1_000);
    // growth
    assert_eq!(growth_bps(110, 100), Some(1_000));
    assert_eq!(growth_bps(90, 100), Some(-1_000));
    assert_eq!(days_since(0, 86_400 * 3 + 5), 3);
}

/// The inventory floor at its boundary: exactly the floor is Healthy with the full limit; a hundredth of a day
/// below it is Watch, at just under half the limit; a quarter of the floor or less is the 12.5% minimum.
#[test]
fn inventory_floor_boundaries() {
    let day = 86_400u64;
    let period = 30 * day;
    // 3,000 a period = 100 a day; 1,400 of stock = 14.00 days
    assert_eq!(inventory_days_x100(1_400, 3_000, period), 1_400);
    assert_eq!(inventory_days_x100(1_399, 3_000, period), 1_399);
    let point = |inventory| PeriodPoint {
        period: 0,
        revenue: 3_000,
        earnings: 0,
        share_due: 300,
        share_paid: 300,
        inventory,
    };
    assert_eq!(compute(&[point(1_400)], false, period, 14).health, Health::Healthy);
    assert_eq!(compute(&[point(1_399)], false, period, 14).health, Health::Watch);
    assert_eq!(compute(&[point(0)], false, period, 0).health, Health::Healthy, "floor 0 disables the rule");
    // sales collapse to nothing in the second period, stock unchanged: measured against the average (1,500 a
    // period), 28 days, not unlimited; a store that never sold has no cover
    let collapsed = PeriodPoint { period: 1, revenue: 0, ..point(1_400) };
    assert_eq!(compute(&[point(1_400), collapsed], false, period, 14).inventory_days_x100, Some(2_800));
    let never = PeriodPoint { revenue: 0, ..point(1_400) };
    assert_eq!(compute(&[never], false, period, 14).health, Health::Watch);
    let m = compute(&[point(2_800), point(1_400)], false, period, 14);
    assert_eq!(m.inventory_trend_bps, Some(-5_000));
    let approved = 1_000_000;
    assert_eq!(withdrawal_limit(approved, Health::Healthy, Some(1_400), 14), approved);
    assert_eq!(withdrawal_limit(approved, Health::Watch, Some(1_400), 14), 500_000);
    assert_eq!(withdrawal_limit(approved, Health::Watch, Some(1_399), 14), 499_600);
    assert_eq!(withdrawal_limit(approved, Health::Watch, Some(700), 14), 250_000);
    assert_eq!(withdrawal_limit(approved, Health::Watch, Some(350), 14), 125_000);
    assert_eq!(withdrawal_limit(approved, Health::Watch, Some(0), 14), 125_000);
    assert_eq!(withdrawal_limit(approved, Health::Default, Some(u64::MAX), 14), 0);
}
