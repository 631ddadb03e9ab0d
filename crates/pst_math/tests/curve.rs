//! Property tests of the constant-product curve over the full input range, and a differential check against an
//! independent derivation.
use proptest::prelude::*;
use pst_math::curve::*;

fn fee_bps() -> impl Strategy<Value = u16> {
    prop_oneof![Just(0u16), 1u16..100, Just(30), 100u16..2_000]
}

/// Independent derivation of the exact-in output: the pool keeps k, so the new output reserve is
/// `ceil(x × y / (x + a))` and the trader gets `y` minus that (x, y < 2^63 so x × y fits in u128).
fn reference_out(x: u64, y: u64, amount_in: u64, fee_bps: u16) -> u64 {
    let fee = (amount_in as u128 * fee_bps as u128).div_ceil(10_000);
    let a = amount_in as u128 - fee;
    let k = x as u128 * y as u128;
    let new_y = k.div_ceil(x as u128 + a);
    (y as u128 - new_y) as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn wide_multiplication_is_exact(a in any::<u128>(), b in any::<u128>(), c in any::<u64>(), d in any::<u64>()) {
        prop_assert_eq!(mul_wide(a, b), mul_wide(b, a));
        prop_assert_eq!(mul_wide(c as u128, d as u128), (0, c as u128 * d as u128));
        prop_assert_eq!(mul_wide(a, 1 << 64), (a >> 64, a << 64));
    }

    /// k never decreases on an exact-in swap, whatever the reserves, amount, fee and protocol share.
    #[test]
    fn k_never_decreases_exact_in(x in 1u64.., y in 1u64.., amount in any::<u64>(), fee in fee_bps(), share in 0u16..=10_000) {
        if let Ok(r) = swap_exact_in(x, y, amount, fee, share) {
            prop_assert!(r.amount_out < y);
            prop_assert!(r.protocol_fee <= r.fee && r.fee <= amount);
            if let Some(x1) = x.checked_add(amount - r.protocol_fee) {
                prop_assert!(k_not_decreased(x, y, x1, y - r.amount_out));
            }
        }
    }

    /// k never decreases on an exact-out swap either; exact-out charges at least what exact-in needs for the
    /// same output, and is the smallest such input.
    #[test]
    fn exact_out_is_minimal_and_never_cheaper(x in 1u64..1 << 62, y in 2u64..1 << 62, frac in 1u64..1_000_000, fee in fee_bps(), share in 0u16..=10_000) {
        let out = ((y as u128 * frac as u128) / 1_000_001).max(1) as u64;
        prop_assume!(out < y);
        if let Ok(r) = swap_exact_out(x, y, out, fee, share) {
            let via_in = swap_exact_in(x, y, r.amount_in, fee, share).unwrap();
            prop_assert!(via_in.amount_out >= out);
            if r.amount_in > 0 {
                let less = swap_exact_in(x, y, r.amount_in - 1, fee, share).unwrap();
                prop_assert!(less.amount_out < out, "one unit less would also do");
            }
            if let Some(x1) = x.checked_add(r.amount_in - r.protocol_fee) {
                prop_assert!(k_not_decreased(x, y, x1, y - out));
            }
        }
    }

    /// Differential: the output agrees to the unit with the independent derivation.
    #[test]
    fn exact_in_matches_the_reference(x in 1u64..1 << 63, y in 1u64..1 << 63, amount in any::<u64>(), fee in fee_bps()) {
        if let Ok(r) = swap_exact_in(x, y, amount, fee, 0) {
            prop_assert_eq!(r.amount_out, reference_out(x, y, amount, fee));
        }
    }

    /// Differential for exact-out: the input is the smallest for which the reference exact-in output reaches the
    /// requested amount, found independently by bisection over the reference.
    #[test]
    fn exact_out_matches_a_reference_bisection(x in 1u64..1 << 62, y in 2u64..1 << 62, frac in 1u64..1_000_000, fee in fee_bps()) {
        let out = ((y as u128 * frac as u128) / 1_000_001).max(1) as u64;
        prop_assume!(out < y);
        if let Ok(r) = swap_exact_out(x, y, out, fee, 0) {
            let (mut lo, mut hi) = (0u64, u64::MAX);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let enough = reference_out(x, y, mid, fee) >= out;
                if enough { hi = mid } else { lo = mid + 1 }
            }
            prop_assert_eq!(r.amount_in, lo);
        }
    }

    /// The program's LP-value check agrees with exact rational comparison, and deposits always pass it.
    #[test]
    fn lp_value_check_is_exact(r0 in any::<u64>(), s0 in 1u64.., r1 in any::<u64>(), s1 in 1u64..) {
        let exact = (r1 as u128) * (s0 as u128) >= (r0 as u128) * (s1 as u128);
        prop_assert_eq!(lp_value_not_decreased(r0, s0, r1, s1), exact);
    }

    /// Depositing and withdrawing the same LP amount never returns more than was put in, and never lowers the
    /// reserves backing each remaining LP token.
    #[test]
    fn deposit_then_withdraw_never_profits(x in 1u64..1 << 60, y in 1u64..1 << 60, supply in 1u64..1 << 60, lp in 1u64..1 << 40) {
        let (dx, dy) = deposit_amounts(lp, supply, x, y).unwrap();
        let (x1, y1, s1) = (x + dx, y + dy, supply + lp);
        // value per LP token did not fall: x1 / s1 ≥ x / supply (the program's own check)
        prop_assert!(lp_value_not_decreased(x, supply, x1, s1));
        prop_assert!(lp_value_not_decreased(y, supply, y1, s1));
        let (wx, wy) = withdraw_amounts(lp, s1, x1, y1).unwrap();
        prop_assert!(wx <= dx && wy <= dy);
        // and after the withdrawal the remaining LPs are no worse off
        let (x2, y2) = (x1 - wx, y1 - wy);
        prop_assert!(x2 >= x && y2 >= y);
        prop_assert!(lp_value_not_decreased(x1, s1, x2, supply) && lp_value_not_decreased(y1, s1, y2, supply));
    }

    /// A withdrawal gives each side pro rata, rounded down, and never more than the reserves.
    #[test]
    fn withdrawals_are_pro_rata(x in any::<u64>(), y in any::<u64>(), supply in 1u64.., frac in 0u64..=1_000) {
        let lp = (supply as u128 * frac as u128 / 1_000) as u64;
        let (wx, wy) = withdraw_amounts(lp, supply, x, y).unwrap();
        prop_assert!(wx as u128 * supply as u128 <= lp as u128 * x as u128);
        prop_assert!(wy as u128 * supply as u128 <= lp as u128 * y as u128);
        prop_assert!(wx <= x && wy <= y);
    }

    /// The first deposit mints floor(sqrt(x·y)) and locks MINIMUM_LIQUIDITY of it.
    #[test]
    fn initial_liquidity_is_the_geometric_mean(x in any::<u64>(), y in any::<u64>()) {
        match initial_liquidity(x, y) {
            Ok((total, user)) => {
                prop_assert_eq!(total - user, MINIMUM_LIQUIDITY);
                let t = total as u128;
                prop_assert!(t * t <= x as u128 * y as u128 && (t + 1) * (t + 1) > x as u128 * y as u128);
            }
            Err(_) => prop_assert!(((x as u128 * y as u128).isqrt() as u64) <= MINIMUM_LIQUIDITY),
        }
    }
}

#[test]
fn examples() {
    // 1,000 in at 0.3% on 1e6/1e6: after-fee 997, out = floor(1e6 × 997 / 1_000_997) = 996
    let r = swap_exact_in(1_000_000, 1_000_000, 1_000, 30, 2_000).unwrap();
    assert_eq!((r.amount_out, r.fee, r.protocol_fee), (996, 3, 0));
    let r = swap_exact_out(1_000_000, 1_000_000, 996, 30, 2_000).unwrap();
    assert!(r.amount_in <= 1_000);
    assert!(swap_exact_out(10, 10, 10, 30, 0).is_err(), "cannot empty the pool");
    assert!(swap_exact_in(0, 10, 5, 30, 0).is_err());
    assert!(pst_math::twap::geometric_mean(0, 10, 0).is_err(), "an empty span has no average");
}
