use crate::{errors::*, events::WithdrawalCancelled, state::*};
use anchor_lang::prelude::*;
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The guardian or the admin cancels a pending withdrawal.
#[derive(Accounts)]
pub struct CancelWithdrawal<'info> {
    pub signer: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut)]
    pub withdrawal: Box<Account<'info, Withdrawal>>,
}

pub fn handler(ctx: Context<CancelWithdrawal>) -> Result<()> {
    let config = ConfigView::read(&ctx.accounts.config)?;
    let by = ctx.accounts.signer.key();
    require!(by == config.admin || by == config.guardian, ReserveError::NotGuardian);
    let w = &mut ctx.accounts.withdrawal;
    match w.status {
        WithdrawalStatus::Pending => {}
        WithdrawalStatus::Cancelled => return err!(ReserveError::ProposalCancelled),
        WithdrawalStatus::Executed => return err!(ReserveError::ProposalExecuted),
    }
    w.status = WithdrawalStatus::Cancelled;
    w.invariant()?;
    emit!(WithdrawalCancelled { reserve: w.reserve, withdrawal: w.key(), by });
    Ok(())
}
