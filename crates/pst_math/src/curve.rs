//! Constant-product curve (x·y = k) for the PST/USDC pool. Every rounding favours the pool: fees and amounts
//! paid in round up, amounts paid out round down, so k never decreases and no sequence of trades, deposits and
//! withdrawals extracts value from the remaining liquidity providers.
use crate::{to_u64, MathError, SafeMath, BPS_DENOMINATOR};
use core::panic::Location;

/// LP tokens locked forever at pool creation (so the pool can never be drained to zero supply).
pub const MINIMUM_LIQUIDITY: u64 = 1_000;

#[track_caller]
fn err<T>() -> Result<T, MathError> {
    let location = Location::caller();
    Err(MathError { location })
}

/// `a × b` as a 256-bit value `(high, low)`; compares exactly where u128 would overflow.
pub fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const M: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & M);
    let (b1, b0) = (b >> 64, b & M);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & M) + (p10 & M);
    let low = (p00 & M) | (mid << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (high, low)
}

/// The result of a swap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SwapResult {
    /// Paid in by the trader, fee included.
    pub amount_in: u64,
    /// Paid out to the trader.
    pub amount_out: u64,
    /// The whole trade fee (rounded up).
    pub fee: u64,
    /// The protocol's part of the fee (rounded down); it leaves the pool. The rest stays with LPs.
    pub protocol_fee: u64,
}

/// Trade fee on `amount_in`: `ceil(amount_in × fee_bps / 10 000)`.
#[track_caller]
pub fn trade_fee(amount_in: u64, fee_bps: u16) -> Result<u64, MathError> {
    if u64::from(fee_bps) >= BPS_DENOMINATOR {
        return err();
    }
    Ok((amount_in as u128 * fee_bps as u128).div_ceil(BPS_DENOMINATOR as u128) as u64)
}

fn protocol_part(fee: u64, protocol_share_bps: u16) -> Result<u64, MathError> {
    crate::bps_of(fee, protocol_share_bps)
}

/// Swap exactly `amount_in` for as much as the curve gives: `out = floor(r_out × a / (r_in + a))` where `a` is
/// `amount_in` less the fee. Errors when the reserves are empty or the result would empty the pool.
#[track_caller]
pub fn swap_exact_in(
    reserve_in: u64,
    reserve_out: u64,
    amount_in: u64,
    fee_bps: u16,
    protocol_share_bps: u16,
) -> Result<SwapResult, MathError> {
    if reserve_in == 0 || reserve_out == 0 {
        return err();
    }
    let fee = trade_fee(amount_in, fee_bps)?;
    let after_fee = (amount_in - fee) as u128; // fee ≤ amount_in
    let out =
        (reserve_out as u128).safe_mul(after_fee)?.safe_div((reserve_in as u128).safe_add(after_fee)?)?;
    let amount_out = to_u64(out)?; // < reserve_out
    let protocol_fee = protocol_part(fee, protocol_share_bps)?;
    Ok(SwapResult { amount_in, amount_out, fee, protocol_fee })
}

/// Swap for exactly `amount_out`, paying as little as the curve allows (rounded up; the smallest input for which
/// [`swap_exact_in`] yields at least `amount_out`). Errors if `amount_out` would empty the pool.
#[track_caller]
pub fn swap_exact_out(
    reserve_in: u64,
    reserve_out: u64,
    amount_out: u64,
    fee_bps: u16,
    protocol_share_bps: u16,
) -> Result<SwapResult, MathError> {
    if reserve_in == 0 || amount_out >= reserve_out || u64::from(fee_bps) >= BPS_DENOMINATOR {
        return err();
    }
    // the input after fee that the curve needs: ceil(r_in × out / (r_out − out))
    let after_fee =
        (reserve_in as u128).safe_mul(amount_out as u128)?.div_ceil((reserve_out - amount_out) as u128);
    // gross up for the fee, then step up past the double rounding (at most a couple of steps)
    let mut amount_in = to_u64(
        after_fee.safe_mul(BPS_DENOMINATOR as u128)?.div_ceil((BPS_DENOMINATOR - fee_bps as u64) as u128),
    )?;
    for _ in 0..4 {
        let r = swap_exact_in(reserve_in, reserve_out, amount_in, fee_bps, protocol_share_bps)?;
        if r.amount_out >= amount_out {
            return Ok(SwapResult { amount_in, amount_out, fee: r.fee, protocol_fee: r.protocol_fee });
        }
        amount_in = amount_in.safe_add(1)?;
    }
    err()
}

/// Whether the pool's k did not decrease: `(x1 × y1) ≥ (x0 × y0)`, compared in 256 bits.
pub fn k_not_decreased(x0: u64, y0: u64, x1: u64, y1: u64) -> bool {
    mul_wide(x1 as u128, y1 as u128) >= mul_wide(x0 as u128, y0 as u128)
}

/// LP tokens for the first deposit: `floor(sqrt(x × y))`, of which [`MINIMUM_LIQUIDITY`] are locked.
/// Returns (total minted, to the depositor).
#[track_caller]
pub fn initial_liquidity(x: u64, y: u64) -> Result<(u64, u64), MathError> {
    let lp = to_u64((x as u128 * y as u128).isqrt())?;
    if lp <= MINIMUM_LIQUIDITY {
        return err();
    }
    Ok((lp, lp - MINIMUM_LIQUIDITY))
}

/// Tokens a depositor must add to mint `lp` LP tokens: `ceil(lp × reserve / supply)` of each side.
#[track_caller]
pub fn deposit_amounts(
    lp: u64,
    supply: u64,
    reserve_x: u64,
    reserve_y: u64,
) -> Result<(u64, u64), MathError> {
    if supply == 0 {
        return err();
    }
    let x = (lp as u128).safe_mul(reserve_x as u128)?.div_ceil(supply as u128);
    let y = (lp as u128).safe_mul(reserve_y as u128)?.div_ceil(supply as u128);
    Ok((to_u64(x)?, to_u64(y)?))
}

/// Tokens returned for burning `lp` LP tokens: `floor(lp × reserve / supply)` of each side.
#[track_caller]
pub fn withdraw_amounts(
    lp: u64,
    supply: u64,
    reserve_x: u64,
    reserve_y: u64,
) -> Result<(u64, u64), MathError> {
    if supply == 0 || lp > supply {
        return err();
    }
    let x = (lp as u128).safe_mul(reserve_x as u128)?.safe_div(supply as u128)?;
    let y = (lp as u128).safe_mul(reserve_y as u128)?.safe_div(supply as u128)?;
    Ok((to_u64(x)?, to_u64(y)?))
}

/// Spot price of `x` in `y` units, scaled by 2^64 (for TWAP accumulators): `y × 2^64 / x`.
#[track_caller]
pub fn price_q64(reserve_x: u64, reserve_y: u64) -> Result<u128, MathError> {
    if reserve_x == 0 {
        return err();
    }
    ((reserve_y as u128) << 64).safe_div(reserve_x as u128)
}

/// Whether each LP token's claim on a reserve did not shrink when the reserve went from `r0` to `r1` and the LP
/// supply from `s0` to `s1`: `r1 / s1 ≥ r0 / s0`, compared as `r1 × s0 ≥ r0 × s1` (exact in u128).
pub fn lp_value_not_decreased(r0: u64, s0: u64, r1: u64, s1: u64) -> bool {
    r1 as u128 * s0 as u128 >= r0 as u128 * s1 as u128
}
