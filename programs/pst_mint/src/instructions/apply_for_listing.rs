use crate::{constants::*, events::MerchantApplied, math::*, state::*};
use anchor_lang::prelude::*;

/// A merchant submits its store metrics and evidence for underwriting. One listing per merchant wallet.
#[derive(Accounts)]
pub struct ApplyForListing<'info> {
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Account<'info, ProtocolConfig>,
    #[account(
        init,
        payer = authority,
        space = 8 + Merchant::INIT_SPACE,
        seeds = [MERCHANT_SEED, authority.key().as_ref()],
        bump,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<ApplyForListing>, profile: MerchantProfile) -> Result<()> {
    let config = &mut ctx.accounts.config;
    config.require_not_paused(PAUSE_LISTING)?;
    profile.validate()?;
    let id = config.merchant_count;
    config.merchant_count = id.safe_add(1).or_overflow()?;

    let merchant = &mut ctx.accounts.merchant;
    merchant.set_inner(Merchant {
        authority: ctx.accounts.authority.key(),
        id,
        status: MerchantStatus::Applied,
        profile,
        applied_at: Clock::get()?.unix_timestamp,
        underwriter: Pubkey::default(),
        decided_at: 0,
        rejection_reason: None,
        economics: TokenEconomics::default(),
        pst_mint: Pubkey::default(),
        sale: SaleState::default(),
        vesting: VestingState::default(),
        bump: ctx.bumps.merchant,
        bumps: MerchantBumps::default(),
    });
    merchant.invariant()?;
    config.invariant()?;
    let p = &merchant.profile;
    emit!(MerchantApplied {
        merchant: merchant.key(),
        authority: merchant.authority,
        id,
        name: p.name.clone(),
        symbol: p.symbol.clone(),
        evidence_hash: p.evidence_hash,
        trailing_revenue: p.trailing_revenue,
        margin_bps: p.margin_bps,
        growth_bps: p.growth_bps,
    });
    Ok(())
}
