//! Property tests of the dividend stream and the reward-per-token accumulator.
use proptest::prelude::*;
use pst_math::dividends::*;

fn stream() -> impl Strategy<Value = Stream> {
    (any::<u64>(), -1_000_000i64..1_000_000, 1i64..100_000_000).prop_map(|(amount, start, len)| Stream {
        amount,
        start,
        end: start + len,
        released: 0,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Released never exceeds the amount, never decreases, is 0 at the start and everything at the end.
    #[test]
    fn a_stream_releases_monotonically(s in stream(), t1 in any::<i64>(), t2 in any::<i64>()) {
        let (a, b) = if t1 <= t2 { (t1, t2) } else { (t2, t1) };
        let (ra, rb) = (s.released_at(a).unwrap(), s.released_at(b).unwrap());
        prop_assert!(ra <= rb && rb <= s.amount);
        prop_assert_eq!(s.released_at(s.start).unwrap(), 0);
        prop_assert_eq!(s.released_at(s.end).unwrap(), s.amount);
        prop_assert_eq!(s.remaining_at(b).unwrap(), s.amount - rb);
        // rounded down against the exact linear release
        if a > s.start && a < s.end {
            let exact_num = s.amount as u128 * (a - s.start) as u128;
            prop_assert!(ra as u128 * (s.end - s.start) as u128 <= exact_num);
        }
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
