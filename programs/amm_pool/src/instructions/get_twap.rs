use crate::{constants::*, errors::*, state::*};
use anchor_lang::prelude::*;

/// Read-only: the pool's TWAP over `window_secs` (USDC base units per PST base unit ×2^64), as return data,
/// for clients that simulate it. Programs call [`crate::state::twap_q64`] on the accounts directly.
#[derive(Accounts)]
pub struct GetTwap<'info> {
    #[account(seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(address = pool.observations @ AmmError::WrongObservations)]
    pub observations: AccountLoader<'info, Observations>,
}

pub fn handler(ctx: Context<GetTwap>, window_secs: i64) -> Result<u128> {
    let now = Clock::get()?.unix_timestamp;
    let observations = ctx.accounts.observations.load()?;
    twap_q64(&ctx.accounts.pool, &ctx.accounts.pool.key(), &observations, now, window_secs)
}
