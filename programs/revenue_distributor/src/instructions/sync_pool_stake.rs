use crate::{constants::*, errors::DistributorError, events::PoolStakeSynced, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

/// The pool (signing by CPI after every change of its PST vault) brings its custody position's stake to the
/// vault's balance. What the old stake earned until now is settled first, so the position earns exactly on
/// what the pool held over time. Moves no tokens; not paused with dividends, so trading never stops for it.
#[derive(Accounts)]
pub struct SyncPoolStake<'info> {
    pub pool: Signer<'info>,
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.merchant.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(
        mut,
        seeds = [POSITION_SEED, distributor.key().as_ref(), pool.key().as_ref()],
        bump = position.bump,
        constraint = position.owner == pool.key() @ DistributorError::NotPositionOwner,
        has_one = distributor @ DistributorError::WrongDistributor,
        has_one = custody @ DistributorError::WrongVault,
    )]
    pub position: Box<Account<'info, Position>>,
    pub custody: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handler(ctx: Context<SyncPoolStake>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let balance = ctx.accounts.custody.amount;
    let a = &mut *ctx.accounts;
    let previous = a.distributor.sync_custody(&mut a.position, balance, now)?;
    a.distributor.invariant()?;
    a.position.invariant()?;
    emit!(PoolStakeSynced {
        position: a.position.key(),
        previous,
        staked: balance,
        total_staked: a.distributor.total_staked,
    });
    Ok(())
}
