//! Property tests of the release schedule and the reward-per-token accumulator.
use proptest::prelude::*;
use pst_math::dividends::*;

const T0: i64 = 1_750_000_000;

/// A distribution: (seconds after the previous one, amount).
fn distributions() -> impl Strategy<Value = Vec<(i64, u64)>> {
    proptest::collection::vec((0i64..20 * 86_400, 1u64..1 << 45), 1..12)
}

/// What the distributions should have released by `t` if each streamed exactly linearly from its time to its
/// end: the continuous reference (ends from the schedule itself, checked separately).
fn reference(ds: &[(i64, u64, i64)], t: i64) -> f64 {
    ds.iter()
        .map(|(at, amount, end)| {
            let f = ((t - at) as f64 / (end - at) as f64).clamp(0.0, 1.0);
            *amount as f64 * f
        })
        .sum()
}

/// Schedule `ds` with a period of `period`, releasing at every distribution; returns the schedule and
/// (time, amount, end) of each.
fn run(period: i64, ds: &[(i64, u64)]) -> (Schedule, Vec<(i64, u64, i64)>) {
    let mut s = Schedule::new(period).unwrap();
    let mut t = T0;
    let mut out = Vec::new();
    for (gap, amount) in ds {
        t += gap;
        s.release_to(t).unwrap();
        let end = s.add(t, period, *amount).unwrap();
        out.push((t, *amount, end));
        assert!(s.is_consistent());
    }
    (s, out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Every distribution ends on a grid point at least one period, and less than a period plus a grid step,
    /// after it; released never decreases, never exceeds what was scheduled, and everything is released once the
    /// last stream has ended.
    #[test]
    fn a_schedule_releases_everything_monotonically(
        period in 3_600i64..90 * 86_400,
        ds in distributions(),
        probes in proptest::collection::vec(0i64..200 * 86_400, 1..20),
    ) {
        let (s, out) = run(period, &ds);
        for (at, _, end) in &out {
            prop_assert!(*end >= at + period && *end < at + period + s.grid);
            prop_assert_eq!(end % s.grid, 0);
        }
        let mut probes: Vec<i64> = probes.iter().map(|p| out.last().unwrap().0 + p).collect();
        probes.sort();
        let mut s2 = s;
        let mut last = s2.released;
        for p in probes {
            s2.release_to(p).unwrap();
            prop_assert!(s2.released >= last && s2.released <= s2.scheduled);
            prop_assert!(s2.is_consistent());
            last = s2.released;
        }
        s2.release_to(s.end).unwrap();
        prop_assert_eq!(s2.released, s2.scheduled);
        prop_assert_eq!(s2.rate, 0);
    }

    /// At every time the schedule has released what the continuous reference says, rounded down, to within one
    /// unit per stream.
    #[test]
    fn releases_follow_each_streams_own_line(
        period in 3_600i64..30 * 86_400,
        ds in distributions(),
        probe in 0i64..60 * 86_400,
    ) {
        let (mut s, out) = run(period, &ds);
        let t = out.last().unwrap().0 + probe;
        s.release_to(t).unwrap();
        let want = reference(&out, t);
        let got = s.released as f64;
        prop_assert!(got <= want + 1e-6 * want.max(1.0), "released {got} > reference {want}");
        if t < s.end {
            prop_assert!(want - got <= out.len() as f64 + 1.0, "released {got} << reference {want}");
        } else {
            prop_assert_eq!(s.released, s.scheduled);
        }
    }

    /// A later distribution never slows an earlier one: with an extra distribution (even of 1 unit) at any time,
    /// at least as much has been released by every time as without it (the fix for stream stretching).
    #[test]
    fn a_new_distribution_never_stretches_the_old_ones(
        period in 3_600i64..30 * 86_400,
        ds in distributions(),
        extra_at in 0i64..40 * 86_400,
        extra in 1u64..1 << 40,
        probe in 0i64..80 * 86_400,
    ) {
        let (base, out) = run(period, &ds);
        let last = out.last().unwrap().0;
        let (t_extra, t) = (last + extra_at, last + probe);
        let mut without = base;
        without.release_to(t).unwrap();
        let mut with = base;
        let with_released = if t_extra <= t {
            with.release_to(t_extra).unwrap();
            with.add(t_extra, period, extra).unwrap();
            with.release_to(t).unwrap();
            with.released
        } else {
            with.release_to(t).unwrap();
            with.released
        };
        prop_assert!(with_released >= without.released, "{with_released} < {}", without.released);
    }

    /// Releasing in many small steps releases the same as releasing at once (to within the carried fraction).
    #[test]
    fn stepwise_release_equals_one_release(
        period in 3_600i64..30 * 86_400,
        ds in distributions(),
        steps in proptest::collection::vec(1i64..86_400, 1..40),
    ) {
        let (base, out) = run(period, &ds);
        let mut stepwise = base;
        let mut t = out.last().unwrap().0;
        for st in &steps {
            t += st;
            stepwise.release_to(t).unwrap();
        }
        let mut once = base;
        once.release_to(t).unwrap();
        prop_assert!(stepwise.released.abs_diff(once.released) <= 1);
    }

    /// Spreading `released` over holders never pays them more than was released, and each within one unit of
    /// its exact share (plus the accumulator's rounding).
    #[test]
    fn holders_never_get_more_than_released(
        stakes in proptest::collection::vec(0u64..1 << 50, 1..20),
        released in 0u64..1 << 50,
    ) {
        let total: u64 = stakes.iter().sum();
        prop_assume!(total > 0);
        let rpt = accrue(0, released, total).unwrap();
        let mut paid: u128 = 0;
        for s in &stakes {
            let e = earned(*s, rpt, 0).unwrap();
            let exact = released as u128 * *s as u128 / total as u128;
            prop_assert!(e as u128 <= exact);
            prop_assert!(exact - e as u128 <= 1);
            paid += e as u128;
        }
        prop_assert!(paid <= released as u128);
        prop_assert_eq!(earned(0, rpt, 0).unwrap(), 0);
    }

    /// Accruing in several steps never pays more than accruing at once.
    #[test]
    fn stepwise_accrual_never_overpays(
        parts in proptest::collection::vec(0u64..1 << 40, 1..10),
        (staked, mine) in (1u64..1 << 50).prop_flat_map(|s| (Just(s), 0..=s)),
    ) {
        let mut rpt = 0u128;
        for p in &parts {
            rpt = accrue(rpt, *p, staked).unwrap();
        }
        let once = accrue(0, parts.iter().sum(), staked).unwrap();
        prop_assert!(rpt <= once);
        prop_assert!(earned(mine, rpt, 0).unwrap() <= earned(mine, once, 0).unwrap());
    }
}

#[test]
fn nothing_accrues_to_nobody() {
    assert!(accrue(0, 5, 0).is_err());
}

#[test]
fn a_dust_distribution_does_not_move_a_weeks_stream() {
    let week = 7 * 86_400;
    let mut s = Schedule::new(week).unwrap();
    let end = s.add(T0, week, 1_000_000).unwrap();
    // one unit every hour for the whole week: the first stream still ends where it did
    let mut alone = s;
    for h in 1..24 * 7 {
        s.release_to(T0 + h * 3_600).unwrap();
        s.add(T0 + h * 3_600, week, 1).unwrap();
    }
    s.release_to(end).unwrap();
    alone.release_to(end).unwrap();
    assert_eq!(alone.released, 1_000_000);
    assert!(s.released >= 1_000_000, "the dust delayed the week's stream: {}", s.released);
}
