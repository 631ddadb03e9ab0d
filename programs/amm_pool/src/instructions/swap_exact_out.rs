use crate::{
    errors::*,
    instructions::swap_exact_in::{Direction, Swap},
};
use anchor_lang::prelude::*;
use pst_math::curve::swap_exact_out;

/// Swap for exactly `amount_out`, paying at most `max_in` (fee included). The input is the smallest the curve
/// accepts, rounded up. Accounts as `swap_exact_in`.
pub fn handler(ctx: Context<Swap>, direction: Direction, amount_out: u64, max_in: u64) -> Result<()> {
    require!(amount_out > 0, AmmError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let ((reserve_in, reserve_out), harvested) = a.begin(direction)?;
    require!(amount_out < reserve_out, AmmError::InsufficientLiquidity);
    let r = swap_exact_out(reserve_in, reserve_out, amount_out, a.pool.fee_bps, a.pool.protocol_share_bps)
        .or_overflow()?;
    require!(r.amount_in <= max_in, AmmError::SlippageExceeded);
    a.settle(direction, r, harvested)
}
