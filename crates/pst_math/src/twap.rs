//! Time-weighted average price from cumulative-price observations.
//!
//! The pool keeps `cumulative = Σ price_q64 × seconds`, where each term is the price in force *before* the trade
//! that ended it, so moving the price inside one timestamp and back adds nothing. The sum wraps modulo 2^128
//! like Uniswap v2's: only differences are meaningful, and a difference is exact while the true sum over the
//! window stays below 2^128 (a Q64 price below 2^96, i.e. under 2^32 USDC per PST base unit, over 2^32 seconds).
use crate::MathError;
use core::panic::Location;

/// The cumulative after `price_q64` has been in force for `elapsed` seconds (wrapping).
pub fn accumulate(cumulative: u128, price_q64: u128, elapsed: u64) -> u128 {
    cumulative.wrapping_add(price_q64.wrapping_mul(elapsed as u128))
}

/// The average Q64 price between two cumulatives taken `elapsed` (> 0) seconds apart, rounded down.
#[track_caller]
pub fn average(start: u128, end: u128, elapsed: u64) -> Result<u128, MathError> {
    if elapsed == 0 {
        let location = Location::caller();
        return Err(MathError { location });
    }
    Ok(end.wrapping_sub(start) / elapsed as u128)
}
