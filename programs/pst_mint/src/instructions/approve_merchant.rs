use crate::{constants::*, errors::PstError, events::MerchantApproved, state::*};
use anchor_lang::prelude::*;

/// An underwriter approves an application with its token economics (each bounded).
#[derive(Accounts)]
pub struct ApproveMerchant<'info> {
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

pub fn handler(ctx: Context<ApproveMerchant>, params: ApprovalParams) -> Result<()> {
    ctx.accounts.config.require_not_paused(PAUSE_LISTING)?;
    let merchant = &mut ctx.accounts.merchant;
    merchant.require_status(MerchantStatus::Applied)?;
    let economics = params.into_economics()?;
    merchant.economics = economics;
    merchant.underwriter = ctx.accounts.underwriter.key();
    merchant.decided_at = Clock::get()?.unix_timestamp;
    merchant.status = MerchantStatus::Approved;
    merchant.invariant()?;
    emit!(MerchantApproved { merchant: merchant.key(), underwriter: merchant.underwriter, economics });
    Ok(())
}
