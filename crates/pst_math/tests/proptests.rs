//! Property tests for the shared math: invariants over random inputs, rounding in the protocol's favour.
use proptest::prelude::*;
use pst_math::*;

fn schedule() -> impl Strategy<Value = VestingSchedule> {
    (any::<u64>(), -1_000_000_000i64..4_000_000_000i64, 1i64..400_000_000i64)
        .prop_flat_map(|(total, start, duration)| (Just(total), Just(start), 0..=duration, Just(duration)))
        .prop_map(|(total, start, cliff, duration)| VestingSchedule { total, start, cliff, duration })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Vested never exceeds the total, is 0 before the cliff, is the total at the end, and never decreases.
    #[test]
    fn vesting_is_bounded_and_monotone(s in schedule(), t1 in any::<i64>(), t2 in any::<i64>()) {
        let (a, b) = if t1 <= t2 { (t1, t2) } else { (t2, t1) };
        let va = vested_amount(&s, a).unwrap();
        let vb = vested_amount(&s, b).unwrap();
        prop_assert!(va <= vb);
        prop_assert!(vb <= s.total);
        if (a as i128) < s.start as i128 + s.cliff as i128 { prop_assert_eq!(va, 0); }
        if (b as i128) >= s.start as i128 + s.duration as i128 { prop_assert_eq!(vb, s.total); }
    }

    /// Vesting rounds down: vested × duration ≤ total × elapsed (the merchant never gets a unit early).
    #[test]
    fn vesting_rounds_down(s in schedule(), offset in 0i64..400_000_000i64) {
        let now = s.start.saturating_add(offset);
        let v = vested_amount(&s, now).unwrap() as u128;
        let elapsed = (now - s.start) as u128;
        if (elapsed as i64) >= s.cliff && (elapsed as i64) < s.duration {
            prop_assert!(v * s.duration as u128 <= s.total as u128 * elapsed);
            prop_assert!((v + 1) * s.duration as u128 > s.total as u128 * elapsed);
        }
    }

    /// Claiming at any sequence of times releases exactly what has vested by the last claim: never more than
    /// the total, and never the same units twice.
    #[test]
    fn claims_never_over_release(s in schedule(), mut times in proptest::collection::vec(any::<i64>(), 1..20)) {
        times.sort();
        let mut claimed: u64 = 0;
        for t in &times {
            let c = claimable(&s, claimed, *t).unwrap();
            claimed = claimed.checked_add(c).unwrap();
            prop_assert!(claimed <= s.total);
            // an immediate second claim yields nothing
            prop_assert_eq!(claimable(&s, claimed, *t).unwrap(), 0);
        }
        prop_assert_eq!(claimed, vested_amount(&s, *times.last().unwrap()).unwrap());
    }

    /// The buyer always pays at least the exact price and less than one base unit more.
    #[test]
    fn sale_cost_rounds_in_protocols_favour(amount in any::<u64>(), price in any::<u64>()) {
        let exact = amount as u128 * price as u128;
        match sale_cost(amount, price) {
            Ok(cost) => {
                let paid = cost as u128 * PST_UNIT as u128;
                prop_assert!(paid >= exact);
                prop_assert!(paid < exact + PST_UNIT as u128);
                if amount > 0 && price > 0 { prop_assert!(cost > 0); }
            }
            // only when the cost itself does not fit in u64
            Err(_) => prop_assert!(exact.div_ceil(PST_UNIT as u128) > u64::MAX as u128),
        }
    }

    /// The stake requirement is at least `stake_bps` of the exact market cap, and less than one base unit (plus
    /// the market cap's own rounding) above it: never in the merchant's favour.
    #[test]
    fn stake_requirement_rounds_up(supply in 0u64..1u64 << 44, price in 0u64..1u64 << 38, bps in 0u16..=10_000) {
        let req = stake_requirement(supply, price, bps).unwrap() as u128;
        let exact_num = supply as u128 * price as u128 * bps as u128; // requirement × 10^6 × 10^4
        prop_assert!(req * PST_UNIT as u128 * 10_000 >= exact_num);
        prop_assert!(req <= (exact_num / (PST_UNIT as u128 * 10_000)) + 2);
    }

    /// Buying in pieces never costs less than buying at once (no rounding arbitrage against the sale).
    #[test]
    fn split_purchases_cost_no_less(a in 0u64..1u64 << 40, b in 0u64..1u64 << 40, price in 0u64..1u64 << 40) {
        let whole = sale_cost(a + b, price).unwrap();
        let parts = sale_cost(a, price).unwrap() + sale_cost(b, price).unwrap();
        prop_assert!(parts >= whole);
    }

    /// The three allocations always sum to the supply exactly, and LP/public get no more than their bps.
    #[test]
    fn supply_split_conserves(
        total in any::<u64>(),
        (lp, public_share) in (0u16..=10_000).prop_flat_map(|lp| (Just(lp), 0..=10_000 - lp)),
    ) {
        let s = split_supply(total, lp, public_share).unwrap();
        prop_assert_eq!(s.merchant as u128 + s.lp as u128 + s.public as u128, total as u128);
        prop_assert!(s.lp as u128 * 10_000 <= total as u128 * lp as u128);
        prop_assert!(s.public as u128 * 10_000 <= total as u128 * public_share as u128);
    }

    /// Splits whose LP and public parts exceed 100% are refused, never wrapped.
    #[test]
    fn oversized_splits_are_refused(total in any::<u64>(), lp in 0u16..=u16::MAX, public_share in 0u16..=u16::MAX) {
        prop_assume!(lp as u32 + public_share as u32 > 10_000);
        prop_assert!(split_supply(total, lp, public_share).is_err());
    }

    /// bps_of never exceeds the amount and matches the u128 reference exactly.
    #[test]
    fn bps_of_matches_reference(amount in any::<u64>(), bps in 0u16..=10_000) {
        let r = bps_of(amount, bps).unwrap();
        prop_assert!(r <= amount);
        prop_assert_eq!(r as u128, amount as u128 * bps as u128 / 10_000);
    }
}
