use crate::{errors::DistributorError, events::PoolStakeSynced, state::*};
use anchor_lang::prelude::*;

/// The pool (signing by CPI after every change of its PST vault) brings its custody position's stake to the
/// vault's balance. What the old stake earned until now is settled first, so the position earns exactly on
/// what the pool held over time. Moves no tokens; not paused with dividends, so trading never stops for it.
///
/// It runs in every swap, so it checks by relation rather than by re-deriving PDAs: a `Distributor` and a
/// `Position` can only exist where this program created them, the position names its owner (the signing
/// pool), its distributor and its custody vault, and the vault was checked when the position was opened.
#[derive(Accounts)]
pub struct SyncPoolStake<'info> {
    pub pool: Signer<'info>,
    #[account(mut)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(
        mut,
        constraint = position.owner == pool.key() @ DistributorError::NotPositionOwner,
        constraint = position.is_custody() @ DistributorError::CustodyPosition,
        has_one = distributor @ DistributorError::WrongDistributor,
        has_one = custody @ DistributorError::WrongVault,
    )]
    pub position: Box<Account<'info, Position>>,
    /// CHECK: the position's custody vault (checked by address above); its balance is read from the data.
    pub custody: UncheckedAccount<'info>,
}

pub fn handler(ctx: Context<SyncPoolStake>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let balance = pst_common::token_amount(&ctx.accounts.custody).ok_or(DistributorError::WrongVault)?;
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
