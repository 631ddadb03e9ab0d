use crate::{constants::*, errors::*, events::SeniorCovered, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_interface::TokenAccount};
use pst_common::Asset;
use pst_ids::yield_tranches::{ID as YIELD_TRANCHES_ID, TRANCHES_SEED};
use pst_math::{band, SafeMath};
use pst_mint::{
    constants::{CONFIG_ADDRESS, METRICS_SEED},
    state::{Merchant, MerchantMetrics},
};

/// The senior backstop: `yield_tranches` (its tranche vault PDA `["tranches", merchant]` signing by CPI) draws
/// `min(amount, capacity)` USDC for a senior yield shortfall, where capacity is `senior_cap_bps` of the reserve's
/// own USDC above the floor (one period's expected revenue share; the merchant's stake is never drawn) per 7-day
/// window, however many draws. Pays what it can and succeeds (possibly with 0): the caller carries the rest
/// forward.
#[derive(Accounts)]
pub struct CoverSenior<'info> {
    /// The merchant's tranche vault PDA of `yield_tranches`.
    pub tranche_vault: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: the reserve authority PDA (checked by seeds); signs the payment.
    #[account(seeds = [RESERVE_AUTHORITY_SEED, reserve.merchant.as_ref()], bump = reserve.authority_bump)]
    pub reserve_authority: UncheckedAccount<'info>,
    #[account(address = reserve.merchant @ ReserveError::WrongReserve)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(seeds = [METRICS_SEED, reserve.merchant.as_ref()], bump = metrics.bump, seeds::program = pst_mint::ID)]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(mut, address = reserve.usdc_vault @ ReserveError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The tranche vault's USDC account.
    #[account(
        mut,
        token::authority = tranche_vault,
        constraint = destination.mint == reserve.usdc_mint @ ReserveError::WrongMint,
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<CoverSenior>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    let expected =
        Pubkey::find_program_address(&[TRANCHES_SEED, a.reserve.merchant.as_ref()], &YIELD_TRANCHES_ID).0;
    require_keys_eq!(a.tranche_vault.key(), expected, ReserveError::NotTrancheVault);
    ops::config_not_paused(&a.config, PAUSE_BACKSTOP)?;
    require!(amount > 0, ReserveError::ZeroAmount);
    let share = band::annual_share(a.metrics.annual_revenue, a.merchant.economics.revenue_share_bps);
    let floor = Reserve::floor(share, a.metrics.period_secs);
    let balance = a.usdc_vault.amount;
    let stake_funded = a.merchant.stake_funded;
    let r = &mut ctx.accounts.reserve;
    r.absorb(balance, stake_funded)?;
    let capacity = r.senior_capacity(floor, Clock::get()?.unix_timestamp);
    let paid = amount.min(capacity);
    let a = &ctx.accounts;
    ops::pay(
        &a.reserve,
        Asset::Usdc,
        a.token_program.key(),
        a.usdc_vault.to_account_info(),
        a.destination.to_account_info(),
        a.reserve_authority.to_account_info(),
        paid,
    )?;
    let r = &mut ctx.accounts.reserve;
    r.usdc -= paid; // paid ≤ capacity ≤ usdc
    r.totals.senior_paid = r.totals.senior_paid.safe_add(paid).or_overflow()?;
    r.senior_paid_in_window = r.senior_paid_in_window.safe_add(paid).or_overflow()?;
    r.invariant()?;
    r.check_vaults(balance - paid, r.pst)?;
    emit!(SeniorCovered { reserve: r.key(), requested: amount, paid, capacity, usdc: r.usdc });
    Ok(())
}
