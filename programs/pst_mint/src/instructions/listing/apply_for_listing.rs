use crate::{constants::*, errors::PstError, events::MerchantApplied, math::*, state::*};
use anchor_lang::prelude::*;
use pst_common::{create_anchor_account, is_uninitialized};

/// A merchant submits its store metrics (trailing revenue, margin, growth, current inventory, months of
/// operating history) and evidence for underwriting. The protocol's eligibility thresholds
/// (`MerchantRules`) are checked here: revenue below the minimum fails with `RevenueBelowMinimum`, a shorter
/// history with `HistoryTooShort`. One listing per merchant wallet: a second application fails with
/// `AlreadyInitialized`.
#[derive(Accounts)]
pub struct ApplyForListing<'info> {
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Account<'info, ProtocolConfig>,
    /// CHECK: created here at its PDA (see `pst_common::create_anchor_account`).
    #[account(mut, seeds = [MERCHANT_SEED, authority.key().as_ref()], bump)]
    pub merchant: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<ApplyForListing>, profile: MerchantProfile) -> Result<()> {
    let a = &ctx.accounts;
    require!(is_uninitialized(&a.merchant), PstError::AlreadyInitialized);
    a.config.require_not_paused(PAUSE_LISTING)?;
    profile.validate()?;
    a.config.merchant_rules.check_application(profile.trailing_revenue, profile.history_months)?;
    let id = a.config.merchant_count;

    let authority = a.authority.key();
    let merchant = Box::new(Merchant {
        authority,
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
        proceeds_released: false,
        stake_funded: 0,
        delisted_at: 0,
        bump: ctx.bumps.merchant,
        bumps: MerchantBumps::default(),
    });
    merchant.invariant()?;
    create_anchor_account(
        &a.authority,
        &a.merchant,
        &a.system_program,
        8 + Merchant::INIT_SPACE,
        &[MERCHANT_SEED, authority.as_ref(), &[merchant.bump]],
        merchant.as_ref(),
    )?;

    let config = &mut ctx.accounts.config;
    config.merchant_count = id.safe_add(1).or_overflow()?;
    config.invariant()?;
    let p = &merchant.profile;
    emit!(MerchantApplied {
        merchant: ctx.accounts.merchant.key(),
        authority,
        id,
        name: p.name.clone(),
        symbol: p.symbol.clone(),
        evidence_hash: p.evidence_hash,
        trailing_revenue: p.trailing_revenue,
        margin_bps: p.margin_bps,
        growth_bps: p.growth_bps,
        inventory_value: p.inventory_value,
        history_months: p.history_months,
    });
    Ok(())
}
