use crate::{constants::*, errors::*, events::PoolPauseUpdated, state::*};
use anchor_lang::prelude::*;
use pst_mint::{constants::CONFIG_ADDRESS, state::ProtocolConfig};

/// Set the pool's pause bitmask (`PAUSE_SWAP`, `PAUSE_DEPOSIT`: entries only; withdrawals have no pause). The
/// protocol's guardian (or the admin) may set flags; only the admin may clear them.
#[derive(Accounts)]
pub struct SetPoolPause<'info> {
    pub authority: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
}

pub fn handler(ctx: Context<SetPoolPause>, paused: u8) -> Result<()> {
    require!(paused & !PAUSE_ALL == 0, AmmError::InvalidPauseFlags);
    let signer = ctx.accounts.authority.key();
    let config = &ctx.accounts.config;
    let is_admin = signer == config.admin;
    let pool = &mut ctx.accounts.pool;
    let previous = pool.paused;
    let clearing = previous & !paused != 0;
    if clearing {
        require!(is_admin, AmmError::UnpauseRequiresAdmin);
    } else {
        require!(is_admin || signer == config.guardian, AmmError::NotGuardian);
    }
    pool.paused = paused;
    pool.invariant()?;
    emit!(PoolPauseUpdated { pool: pool.key(), by: signer, previous, paused });
    Ok(())
}
