use crate::{constants::*, errors::PstError, events::MerchantApproved, state::*};
use anchor_lang::prelude::*;

/// An underwriter decides an application (shared by `approve_merchant` and `reject_merchant`).
#[derive(Accounts)]
pub struct Underwrite<'info> {
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

impl Underwrite<'_> {
    /// Check that listing is not paused and the application is waiting, and record who decided it and when.
    pub fn decide(&mut self) -> Result<&mut Merchant> {
        self.config.require_not_paused(PAUSE_LISTING)?;
        let merchant = &mut self.merchant;
        merchant.require_status(MerchantStatus::Applied)?;
        merchant.underwriter = self.underwriter.key();
        merchant.decided_at = Clock::get()?.unix_timestamp;
        Ok(merchant)
    }
}

/// An underwriter approves an application with its token economics (each bounded). The initial PE (market cap
/// at the issue price over the annual revenue share from the application's trailing revenue) must lie inside
/// the reserve's default band: outside it, the reserve would trade against the market from day one.
pub fn handler(ctx: Context<Underwrite>, params: ApprovalParams) -> Result<()> {
    let key = ctx.accounts.merchant.key();
    let merchant = ctx.accounts.decide()?;
    let economics = params.into_economics()?;
    economics.require_initial_pe_in_band(merchant.profile.trailing_revenue)?;
    merchant.economics = economics;
    merchant.status = MerchantStatus::Approved;
    merchant.invariant()?;
    emit!(MerchantApproved { merchant: key, underwriter: merchant.underwriter, economics });
    Ok(())
}
