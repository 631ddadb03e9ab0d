use crate::{errors::DistributorError, events::PoolStakeSynced, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token::Token;

/// A custody position's owner (the merchant's pool, its reserve's authority or its tranche vault; signing by CPI in
/// every instruction that changes the PST it holds or harvests its dividends) settles the position and sets its
/// stake to `stake`:
/// 1. the schedule is released to now and the position settled on its old stake, so the owner earns exactly on
///    what it held over time;
/// 2. what the position has earned is paid into the owner's USDC vault (the position's registered
///    `payout_account`): the pool adds it to its USDC reserve at every trade, so no harvest ever moves the price by
///    more than what accrued since the last touch; the reserve adds it to its own USDC;
/// 3. the stake becomes `stake`, which must not exceed the PST the custody vault holds (PST in the vault outside
///    what the owner accounts for, such as donations or uncollected protocol fees, earns nothing).
///
/// Only the position's owner can call it (it signs as its PDA; the account keeps the name `pool`), and both owners
/// refuse every instruction that harvests while the admin has frozen exits. It runs in every swap, so it checks by
/// relation rather than by re-deriving PDAs: a `Distributor` and a `Position` can only exist where this program
/// created them, and the position names its owner (the signer), its distributor, its custody vault and its payout
/// account. Callers use `revenue_distributor::custody::sync`.
#[derive(Accounts)]
pub struct SyncPoolStake<'info> {
    pub pool: Signer<'info>,
    #[account(mut, has_one = dividend_vault @ DistributorError::WrongVault)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(
        mut,
        constraint = position.owner == pool.key() @ DistributorError::NotPositionOwner,
        constraint = position.is_custody() @ DistributorError::CustodyPosition,
        constraint = position.payout_account == destination.key() @ DistributorError::WrongPayoutAccount,
        has_one = distributor @ DistributorError::WrongDistributor,
        has_one = custody @ DistributorError::WrongVault,
    )]
    pub position: Box<Account<'info, Position>>,
    /// CHECK: the position's custody vault (checked by address above); its balance is read from the data.
    pub custody: UncheckedAccount<'info>,
    /// CHECK: the distributor's dividend vault (checked by address above).
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    /// CHECK: the pool's USDC vault, the position's registered payout account (checked above).
    #[account(mut)]
    pub destination: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<SyncPoolStake>, stake: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let held = pst_common::token_amount(&ctx.accounts.custody).ok_or(DistributorError::WrongVault)?;
    require!(stake <= held, DistributorError::StakeExceedsCustody);
    let a = &mut *ctx.accounts;
    let previous = a.distributor.sync_custody(&mut a.position, stake, now)?;
    let harvested = a.position.pending;
    if harvested > 0 {
        // checks both invariants
        crate::payout::pay(
            &mut a.distributor,
            &mut a.position,
            &a.dividend_vault.to_account_info(),
            &a.destination.to_account_info(),
            &a.token_program.to_account_info(),
            0,
        )?;
    } else {
        a.distributor.invariant()?;
        a.position.invariant()?;
    }
    emit!(PoolStakeSynced {
        position: a.position.key(),
        previous,
        staked: stake,
        total_staked: a.distributor.total_staked,
        harvested,
    });
    Ok(())
}
