//! Property tests of the geometric-mean TWAP: log2 and exp2 in fixed point, the accumulator, interpolation, and
//! robustness to a short extreme spell.
use proptest::prelude::*;
use pst_math::twap::*;

/// A raw Q64.64 price from a float (tests only).
fn q64(p: f64) -> u128 {
    (p * 18_446_744_073_709_551_616.0) as u128
}
fn to_f64(q: u128) -> f64 {
    q as f64 / 18_446_744_073_709_551_616.0
}

/// One step of the log scale: 2^(2^-16).
const STEP: f64 = 1.000_010_576_9;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// log2 is within one step of the true value, rounded down; exp2 inverts it to within two steps, rounded
    /// down.
    #[test]
    fn log_and_exp_are_accurate(x in 1u128..u128::MAX) {
        let l = log2_q16(x).unwrap();
        let exact = (x as f64).log2() * 65_536.0;
        prop_assert!((l as f64) <= exact + 1e-6 && exact - (l as f64) < 1.5, "log {l} vs {exact}");
        let back = exp2_q16(l);
        prop_assert!(back <= x);
        prop_assert!((x as f64) / (back.max(1) as f64) < STEP * STEP + 1e-9);
    }

    /// log2 is monotone.
    #[test]
    fn log_is_monotone(a in 1u128..u128::MAX, b in 1u128..u128::MAX) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(log2_q16(lo).unwrap() <= log2_q16(hi).unwrap());
    }

    /// The TWAP of a constant price is that price (to within two steps), whatever the start and the length.
    #[test]
    fn twap_of_a_constant_price_is_the_price(start in any::<u128>(), price in 1u128..1 << 100, dt in 1u64..1 << 27) {
        let l = log2_q16(price).unwrap();
        let end = accumulate(start, l, dt);
        let twap = geometric_mean(start, end, dt).unwrap();
        prop_assert_eq!(twap, exp2_q16(l));
        prop_assert!(twap <= price && price as f64 / twap.max(1) as f64 <= STEP * STEP + 1e-9);
    }

    /// A two-piece TWAP lies between the two prices, never above their arithmetic mean, and equals the geometric
    /// mean to within two steps.
    #[test]
    fn twap_is_the_geometric_mean(
        start in any::<u128>(),
        p1 in 1u128 << 40..1 << 100,
        p2 in 1u128 << 40..1 << 100,
        d1 in 1u64..1 << 24,
        d2 in 1u64..1 << 24,
    ) {
        let mid = accumulate(start, log2_q16(p1).unwrap(), d1);
        let end = accumulate(mid, log2_q16(p2).unwrap(), d2);
        let g = geometric_mean(start, end, d1 + d2).unwrap();
        let (lo, hi) = (p1.min(p2), p1.max(p2));
        prop_assert!(g as f64 >= lo as f64 / (STEP * STEP) - 1.0 && g <= hi);
        let arithmetic = (p1 as f64 * d1 as f64 + p2 as f64 * d2 as f64) / (d1 + d2) as f64;
        prop_assert!(g as f64 <= arithmetic * (1.0 + 1e-9));
        let w = d1 as f64 / (d1 + d2) as f64;
        let exact = ((p1 as f64).ln() * w + (p2 as f64).ln() * (1.0 - w)).exp();
        prop_assert!((g as f64 / exact - 1.0).abs() < 3e-5, "{g} vs {exact}");
    }

    /// A short spell at an extreme price moves the geometric TWAP by at most the spell's share of the window in
    /// log terms, and always less than the arithmetic mean moves: an hour at 1.00 with `spell` seconds at
    /// `factor` × the price.
    #[test]
    fn a_short_extreme_spell_barely_moves_it(spell in 1u64..600, factor in 2.0f64..1_000.0) {
        let (window, base) = (3_600u64, q64(1.0));
        let spike = q64(factor);
        let c = accumulate(0, log2_q16(base).unwrap(), window - spell);
        let c = accumulate(c, log2_q16(spike).unwrap(), spell);
        let g = to_f64(geometric_mean(0, c, window).unwrap());
        let bound = factor.powf(spell as f64 / window as f64) * STEP;
        prop_assert!(g <= bound, "geometric {g} above {bound}");
        let arithmetic = (window - spell) as f64 / window as f64 + factor * spell as f64 / window as f64;
        prop_assert!(g <= arithmetic);
        // a crash to near zero cannot drag it to zero either
        let c = accumulate(0, log2_q16(base).unwrap(), window - spell);
        let c = accumulate(c, log2_q16(1).unwrap(), spell);
        let g = to_f64(geometric_mean(0, c, window).unwrap());
        prop_assert!(g >= (2f64.powi(-64)).powf(spell as f64 / window as f64) / STEP);
    }
}

#[test]
fn ten_times_the_price_for_a_minute_of_an_hour() {
    // the figures the README quotes: +3.9% geometric, +15% arithmetic
    let c = accumulate(0, log2_q16(q64(1.0)).unwrap(), 3_540);
    let c = accumulate(c, log2_q16(q64(10.0)).unwrap(), 60);
    let g = to_f64(geometric_mean(0, c, 3_600).unwrap());
    assert!((g - 10f64.powf(1.0 / 60.0)).abs() < 1e-4, "{g}");
    assert!(g < 1.04);
}
