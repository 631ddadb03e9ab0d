use crate::{constants::*, errors::*, events::PoolFeesUpdated, state::*};
use anchor_lang::prelude::*;
use pst_mint::{constants::CONFIG_ADDRESS, state::ProtocolConfig};

/// The protocol admin sets the trade fee (≤ `MAX_FEE_BPS`) and the protocol's share of it
/// (≤ `MAX_PROTOCOL_SHARE_BPS`). Applies from the next trade.
#[derive(Accounts)]
pub struct UpdatePoolFees<'info> {
    pub admin: Signer<'info>,
    #[account(
        address = CONFIG_ADDRESS,
        has_one = admin @ AmmError::NotAdmin,
    )]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
}

pub fn handler(ctx: Context<UpdatePoolFees>, fee_bps: u16, protocol_share_bps: u16) -> Result<()> {
    require!(fee_bps <= MAX_FEE_BPS && protocol_share_bps <= MAX_PROTOCOL_SHARE_BPS, AmmError::InvalidFee);
    let pool = &mut ctx.accounts.pool;
    pool.fee_bps = fee_bps;
    pool.protocol_share_bps = protocol_share_bps;
    pool.invariant()?;
    emit!(PoolFeesUpdated { pool: pool.key(), fee_bps, protocol_share_bps });
    Ok(())
}
