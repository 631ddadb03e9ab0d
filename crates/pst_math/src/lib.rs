//! Integer math shared by the PST protocol programs.
//!
//! Everything here is pure, `no_std`-friendly integer arithmetic: no floats, no panics on any input.
//! Every function returns `Result<_, MathError>` (or a value that cannot overflow by construction) so that a
//! program maps an overflow to its own named error. [`SafeMath`] records the caller's source line with
//! `#[track_caller]`, so an overflow in a program names the line that caused it.
//!
//! Rounding rules (the protocol's side always wins):
//! - what a user **pays** rounds **up** ([`sale_cost`]);
//! - what a user **receives** rounds **down** ([`vested_amount`], [`bps_of`]).
#![cfg_attr(not(test), no_std)]

use core::panic::Location;

pub mod ami;
pub mod band;
pub mod curve;
pub mod dividends;
pub mod oracle;
pub mod tranche;
pub mod twap;

/// Basis points in one whole (100%).
pub const BPS_DENOMINATOR: u64 = 10_000;
/// Base units in one whole PST (the mint has 6 decimals).
pub const PST_UNIT: u64 = 1_000_000;

/// An arithmetic operation overflowed, underflowed or divided by zero. `location` is the caller's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MathError {
    pub location: &'static Location<'static>,
}

impl MathError {
    #[track_caller]
    #[inline]
    pub fn here() -> Self {
        MathError { location: Location::caller() }
    }
}

/// Checked arithmetic that reports where it failed (drift's `SafeMath` idea).
pub trait SafeMath: Sized {
    fn safe_add(self, rhs: Self) -> Result<Self, MathError>;
    fn safe_sub(self, rhs: Self) -> Result<Self, MathError>;
    fn safe_mul(self, rhs: Self) -> Result<Self, MathError>;
    fn safe_div(self, rhs: Self) -> Result<Self, MathError>;
}

/// One checked operation of [`SafeMath`]: `$checked`, with the caller's line on failure.
macro_rules! safe_op {
    ($name:ident, $checked:ident) => {
        #[track_caller]
        #[inline]
        fn $name(self, rhs: Self) -> Result<Self, MathError> {
            // the location is taken here, in the #[track_caller] body: inside a closure it would be core's
            let location = Location::caller();
            self.$checked(rhs).ok_or(MathError { location })
        }
    };
}

macro_rules! impl_safe_math {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            safe_op!(safe_add, checked_add);
            safe_op!(safe_sub, checked_sub);
            safe_op!(safe_mul, checked_mul);
            safe_op!(safe_div, checked_div);
        }
    )*};
}
impl_safe_math!(u16, u32, u64, u128, i64, i128);

/// Narrow a `u128` to `u64`, reporting the caller's line if it does not fit.
#[track_caller]
#[inline]
pub fn to_u64(v: u128) -> Result<u64, MathError> {
    let location = Location::caller();
    u64::try_from(v).map_err(|_| MathError { location })
}

/// `amount × bps / 10 000`, rounded down. Cannot overflow for `bps ≤ 10 000` (the result is ≤ `amount`);
/// a larger `bps` is an error.
#[track_caller]
pub fn bps_of(amount: u64, bps: u16) -> Result<u64, MathError> {
    if u64::from(bps) > BPS_DENOMINATOR {
        return Err(MathError::here());
    }
    // ≤ amount, so it always fits in u64
    Ok(((amount as u128 * bps as u128) / BPS_DENOMINATOR as u128) as u64)
}

/// Split a settled revenue inflow: `share = ceil(inflow × share_bps / 10 000)` goes to holders (rounded in their
/// favour), the rest to the merchant. `share + rest == inflow` exactly. `share_bps` must be ≤ 10 000.
#[track_caller]
pub fn split_inflow(inflow: u64, share_bps: u16) -> Result<(u64, u64), MathError> {
    if u64::from(share_bps) > BPS_DENOMINATOR {
        return Err(MathError::here());
    }
    // ≤ inflow, so it fits in u64
    let share = (inflow as u128 * share_bps as u128).div_ceil(BPS_DENOMINATOR as u128) as u64;
    Ok((share, inflow - share))
}

/// How an issued supply is split between the merchant's vesting vault, the liquidity-pool vault and the public
/// sale vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupplySplit {
    pub merchant: u64,
    pub lp: u64,
    pub public: u64,
}

/// Split `total` by basis points. The LP and public parts round down; the merchant part takes the remainder,
/// so the three parts always sum to `total` exactly. `lp_bps + public_bps` must be ≤ 10 000.
#[track_caller]
pub fn split_supply(total: u64, lp_bps: u16, public_bps: u16) -> Result<SupplySplit, MathError> {
    let lp_and_public = (lp_bps as u64).safe_add(public_bps as u64)?;
    if lp_and_public > BPS_DENOMINATOR {
        return Err(MathError::here());
    }
    let lp = bps_of(total, lp_bps)?;
    let public = bps_of(total, public_bps)?;
    // lp + public ≤ total × (lp_bps + public_bps) / 10 000 ≤ total
    let merchant = total.safe_sub(lp)?.safe_sub(public)?;
    Ok(SupplySplit { merchant, lp, public })
}

/// USDC (base units) that a buyer pays for `pst_amount` PST base units at `price` USDC base units per whole
/// PST: `ceil(pst_amount × price / 10^6)`. Rounds up, in the protocol's favour; a non-zero purchase at a
/// non-zero price always costs at least one base unit.
#[track_caller]
pub fn sale_cost(pst_amount: u64, price: u64) -> Result<u64, MathError> {
    let num = (pst_amount as u128).safe_mul(price as u128)?;
    let cost = num.div_ceil(PST_UNIT as u128);
    to_u64(cost)
}

/// The stake a merchant must keep in its reserve: `stake_bps` of the market cap of `supply` at the issue
/// `price` (`sale_cost`, rounded up), itself rounded up: the requirement never rounds in the merchant's favour.
#[track_caller]
pub fn stake_requirement(supply: u64, price: u64, stake_bps: u16) -> Result<u64, MathError> {
    if u64::from(stake_bps) > BPS_DENOMINATOR {
        return Err(MathError::here());
    }
    let cap = sale_cost(supply, price)?;
    // ≤ cap, so it fits
    Ok((cap as u128 * stake_bps as u128).div_ceil(BPS_DENOMINATOR as u128) as u64)
}

/// A cliff-plus-linear vesting schedule, in unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VestingSchedule {
    /// Total amount that vests.
    pub total: u64,
    /// When vesting starts (linear accrual counts from here).
    pub start: i64,
    /// Seconds after `start` before anything can be claimed.
    pub cliff: i64,
    /// Seconds after `start` when everything has vested; `duration ≥ cliff`, `duration > 0`.
    pub duration: i64,
}

/// Amount vested at `now`: 0 before `start + cliff`; `total` from `start + duration` on; in between
/// `total × (now − start) / duration`, rounded down. Never exceeds `total`; non-decreasing in `now`.
#[track_caller]
pub fn vested_amount(s: &VestingSchedule, now: i64) -> Result<u64, MathError> {
    if s.duration <= 0 || s.cliff < 0 || s.cliff > s.duration {
        return Err(MathError::here());
    }
    let elapsed = (now as i128).safe_sub(s.start as i128)?;
    if elapsed < s.cliff as i128 {
        return Ok(0);
    }
    if elapsed >= s.duration as i128 {
        return Ok(s.total);
    }
    // 0 ≤ elapsed < duration: the quotient is < total, so it fits in u64
    let vested = (s.total as u128).safe_mul(elapsed as u128)?.safe_div(s.duration as u128)?;
    to_u64(vested)
}

/// What may be claimed now, given what was already claimed. Zero when nothing new has vested.
#[track_caller]
pub fn claimable(s: &VestingSchedule, claimed: u64, now: i64) -> Result<u64, MathError> {
    vested_amount(s, now)?.safe_sub(claimed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_math_names_the_line() {
        let err = u64::MAX.safe_add(1).unwrap_err();
        assert_eq!(err.location.file(), file!());
        assert_eq!(err.location.line(), line!() - 2);
    }

    #[test]
    fn sale_cost_rounds_up() {
        // 1.5 PST at 2.000001 USDC = 3.0000015 USDC -> 3.000002
        assert_eq!(sale_cost(1_500_000, 2_000_001).unwrap(), 3_000_002);
        assert_eq!(sale_cost(1, 1).unwrap(), 1);
        assert_eq!(sale_cost(0, 5).unwrap(), 0);
    }

    #[test]
    fn vesting_edges() {
        let s = VestingSchedule { total: 1_000, start: 100, cliff: 10, duration: 100 };
        assert_eq!(vested_amount(&s, 0).unwrap(), 0);
        assert_eq!(vested_amount(&s, 109).unwrap(), 0);
        assert_eq!(vested_amount(&s, 110).unwrap(), 100);
        assert_eq!(vested_amount(&s, 150).unwrap(), 500);
        assert_eq!(vested_amount(&s, 200).unwrap(), 1_000);
        assert_eq!(vested_amount(&s, i64::MAX).unwrap(), 1_000);
        assert!(vested_amount(&VestingSchedule { duration: 0, ..s }, 150).is_err());
    }

    #[test]
    fn split_edges() {
        assert_eq!(
            split_supply(1_000_001, 2_000, 5_000).unwrap(),
            SupplySplit { merchant: 300_001, lp: 200_000, public: 500_000 }
        );
        assert!(split_supply(1, 6_000, 5_000).is_err());
    }
}
