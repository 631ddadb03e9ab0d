use crate::{constants::*, errors::PstError, events::MerchantRejected, state::*};
use anchor_lang::prelude::*;

/// An underwriter refuses an application, with a reason code. Rejection is final for this listing.
#[derive(Accounts)]
pub struct RejectMerchant<'info> {
    pub underwriter: Signer<'info>,
    #[account(
        address = CONFIG_ADDRESS,
        constraint = config.is_underwriter(&underwriter.key()) @ PstError::NotUnderwriter,
    )]
    pub config: Account<'info, ProtocolConfig>,
    #[account(
        mut,
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        constraint = merchant.authority != underwriter.key() @ PstError::SelfUnderwriting,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
}

pub fn handler(ctx: Context<RejectMerchant>, reason: RejectionReason) -> Result<()> {
    ctx.accounts.config.require_not_paused(PAUSE_LISTING)?;
    let merchant = &mut ctx.accounts.merchant;
    merchant.require_status(MerchantStatus::Applied)?;
    merchant.underwriter = ctx.accounts.underwriter.key();
    merchant.decided_at = Clock::get()?.unix_timestamp;
    merchant.rejection_reason = Some(reason);
    merchant.status = MerchantStatus::Rejected;
    merchant.invariant()?;
    emit!(MerchantRejected { merchant: merchant.key(), underwriter: merchant.underwriter, reason });
    Ok(())
}
