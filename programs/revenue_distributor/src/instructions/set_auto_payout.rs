use crate::{constants::*, errors::DistributorError, events::AutoPayoutSet, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

/// The owner opts in to (or out of) keeper-pushed payouts, to one of its own USDC accounts.
#[derive(Accounts)]
pub struct SetAutoPayout<'info> {
    pub owner: Signer<'info>,
    #[account(seeds = [DISTRIBUTOR_SEED, distributor.merchant.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(
        mut,
        seeds = [POSITION_SEED, distributor.key().as_ref(), owner.key().as_ref()],
        bump = position.bump,
        has_one = owner @ DistributorError::NotPositionOwner,
        has_one = distributor @ DistributorError::WrongDistributor,
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(
        constraint = payout_account.mint == distributor.usdc_mint @ DistributorError::InvalidPayoutAccount,
        constraint = payout_account.owner == owner.key() @ DistributorError::InvalidPayoutAccount,
    )]
    pub payout_account: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handler(ctx: Context<SetAutoPayout>, enabled: bool) -> Result<()> {
    let payout_account = ctx.accounts.payout_account.key();
    let p = &mut ctx.accounts.position;
    p.auto_payout = enabled;
    p.payout_account = if enabled { payout_account } else { Pubkey::default() };
    p.invariant()?;
    emit!(AutoPayoutSet { position: p.key(), enabled, payout_account: p.payout_account });
    Ok(())
}
