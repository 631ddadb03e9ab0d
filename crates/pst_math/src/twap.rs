//! Time-weighted average price as a **geometric** mean, from a log-price accumulator.
//!
//! The pool keeps `cumulative = Σ log2(price_q64) × seconds` (log2 in fixed point with [`LOG_FRAC_BITS`]
//! fraction bits), where each term is the log of the price in force *before* the change that ended it, so moving
//! the price inside one timestamp and back adds nothing. The average of the log over a window is the log of the
//! geometric mean price: a short spell at an extreme price moves it by the spell's share of the window *in
//! log terms* (ten times the price for 1 minute of an hour moves it by 10^(1/60) ≈ +3.9%, where an arithmetic mean
//! would move +15%), and a crash to near zero cannot drag it to zero.
//!
//! The sum wraps modulo 2^128 like Uniswap's: only differences are meaningful, and a difference is exact while
//! the true sum over the window stays below 2^128 (always: a log is below 2^23, a window below 2^32 seconds).
use crate::MathError;
use core::panic::Location;

/// Fraction bits of a log2 value: one step is a price ratio of 2^(2^-16) ≈ 1.0000106.
pub const LOG_FRAC_BITS: u32 = 16;

/// `log2(x)` in fixed point with [`LOG_FRAC_BITS`] fraction bits, rounded down (to within one step), for
/// `x > 0`; `x` is a raw Q64.64 price, so the result lies in `[0, 128 × 2^16)`. `None` for `x == 0`.
///
/// Integer part from the highest set bit; fraction bits by repeated squaring of a 32-bit mantissa (u64
/// arithmetic only: cheap on SBF).
pub fn log2_q16(x: u128) -> Option<u32> {
    if x == 0 {
        return None;
    }
    // a u64 argument (the reserves) stays in 64-bit arithmetic
    let msb = if x >> 64 == 0 { 63 - (x as u64).leading_zeros() } else { 127 - x.leading_zeros() };
    // mantissa in [2^31, 2^32): x / 2^msb in Q1.31
    let mut m: u64 = if msb >= 31 { (x >> (msb - 31)) as u64 } else { (x << (31 - msb)) as u64 };
    let mut frac = 0u32;
    for bit in (0..LOG_FRAC_BITS).rev() {
        // m < 2^32, so m² < 2^64; the square of a value in [1, 2) is in [1, 4)
        m = (m * m) >> 31;
        if m >= 1 << 32 {
            m >>= 1;
            frac |= 1 << bit;
        }
    }
    Some((msb << LOG_FRAC_BITS) | frac)
}

/// `2^(2^(k − 16))` in Q2.62 for `k` = 0..16: the factor of fraction bit `k`.
const EXP2_FACTORS: [u128; 16] = [
    4611734794581956353,
    4611783571252412754,
    4611881126141011236,
    4612076242109103707,
    4612466498810092975,
    4613247111281068008,
    4614808732577250068,
    4617933561212708776,
    4624189567668517720,
    4636727017470743990,
    4661903986662671290,
    4712668792719003884,
    4815862801830788490,
    5029079263719320435,
    5484249825272419512,
    6521908912666391106,
];
const ONE_Q62: u128 = 1 << 62;

/// `2^(log / 2^16)` as a raw value: the inverse of [`log2_q16`] (a Q64.64 price for a price log), rounded down.
/// Saturates at `u128::MAX` (a log of 128 or more).
pub fn exp2_q16(log: u32) -> u128 {
    let int = log >> LOG_FRAC_BITS;
    let frac = log & ((1 << LOG_FRAC_BITS) - 1);
    // factor in Q2.62, in [1, 2): products of two stay below 2^126
    let mut factor = ONE_Q62;
    for (bit, f) in EXP2_FACTORS.iter().enumerate() {
        if frac & (1 << bit) != 0 {
            factor = (factor * f) >> 62;
        }
    }
    if int >= 62 {
        factor.checked_shl(int - 62).filter(|v| v >> (int - 62) == factor).unwrap_or(u128::MAX)
    } else {
        factor >> (62 - int)
    }
}

/// The cumulative after the log price `log` has been in force for `elapsed` seconds (wrapping).
pub fn accumulate(cumulative: u128, log: u32, elapsed: u64) -> u128 {
    cumulative.wrapping_add((log as u128).wrapping_mul(elapsed as u128))
}

/// The geometric-mean price (a raw Q64.64 value) between two cumulatives taken `elapsed` (> 0) seconds apart.
#[track_caller]
pub fn geometric_mean(start: u128, end: u128, elapsed: u64) -> Result<u128, MathError> {
    let location = Location::caller();
    if elapsed == 0 {
        return Err(MathError { location });
    }
    let mean_log = end.wrapping_sub(start) / elapsed as u128;
    let mean_log = u32::try_from(mean_log).map_err(|_| MathError { location })?;
    Ok(exp2_q16(mean_log))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_of_powers_of_two_are_exact() {
        for k in 0..128u32 {
            assert_eq!(log2_q16(1u128 << k), Some(k << 16));
            assert_eq!(exp2_q16(k << 16), 1u128 << k);
        }
        assert_eq!(log2_q16(0), None);
        // √2: half a step up in the integer part
        assert_eq!(log2_q16(3 << 63).map(|l| l >> 16), Some(64));
        assert_eq!(exp2_q16(u32::MAX), u128::MAX);
    }
}
