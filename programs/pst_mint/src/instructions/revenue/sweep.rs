use crate::{constants::*, errors::PstError, events::Swept, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;

/// Anyone sweeps the settlement vault: of the inflow since the last sweep, `share_bps` (rounded up, in holders'
/// favour) goes to the dividend vault before the merchant can touch the rest, which becomes withdrawable.
/// The share is credited to the period in progress, `period`, in that period's report account (created here,
/// paid by `payer`, if this is the period's first sweep or submission): a period's swept share is never
/// forgotten, however late the period is accepted. A transaction that lands after the period it names has ended
/// is refused (`WrongPeriod`); the keeper sends it again for the new period.
#[derive(Accounts)]
#[instruction(period: u32)]
pub struct Sweep<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(seeds = [FEED_SEED, merchant.key().as_ref()], bump = feed.bump)]
    pub feed: Box<Account<'info, RevenueFeed>>,
    #[account(mut, seeds = [SETTLEMENT_SEED, merchant.key().as_ref()], bump = settlement.bump)]
    pub settlement: Box<Account<'info, Settlement>>,
    #[account(mut, seeds = [SETTLEMENT_VAULT_SEED, merchant.key().as_ref()], bump = settlement.vault_bump)]
    pub settlement_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, seeds = [DIVIDEND_VAULT_SEED, merchant.key().as_ref()], bump = settlement.dividend_vault_bump)]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = config.usdc_mint @ PstError::WrongUsdcMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    pub usdc_token_program: Program<'info, Token>,
    /// Pays the report account's rent when this sweep creates it.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// CHECK: the period's report PDA; created here if it does not exist, verified by its seeds.
    #[account(mut, seeds = [REPORT_SEED, merchant.key().as_ref(), &period.to_le_bytes()], bump)]
    pub report: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<Sweep>, period: u32) -> Result<()> {
    let bump = ctx.bumps.report;
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_SETTLEMENT)?;
    require!(period == a.feed.period_at(Clock::get()?.unix_timestamp), PstError::WrongPeriod);
    let inflow = a.settlement_vault.amount.safe_sub(a.settlement.available).or_overflow()?;
    require!(inflow > 0, PstError::NothingToSweep);
    let (share, rest) = split_inflow(inflow, a.merchant.economics.revenue_share_bps).or_overflow()?;
    if share > 0 {
        pay_from_merchant_vault(
            &a.merchant,
            Asset::Usdc,
            a.usdc_token_program.key(),
            a.settlement_vault.to_account_info(),
            a.dividend_vault.to_account_info(),
            share,
        )?;
    }
    let merchant = a.merchant.key();
    let mut report =
        PeriodReport::load_or_create(&a.report, &a.payer, &a.system_program, merchant, period, bump)?;
    report.swept_share = report.swept_share.safe_add(share).or_overflow()?;
    report.store(&a.report)?;
    let s = &mut ctx.accounts.settlement;
    s.available = s.available.safe_add(rest).or_overflow()?;
    s.total_inflow = s.total_inflow.safe_add(inflow).or_overflow()?;
    s.total_share = s.total_share.safe_add(share).or_overflow()?;
    s.invariant()?;
    emit!(Swept { merchant, period, inflow, share, merchant_part: rest, available: s.available });
    Ok(())
}
