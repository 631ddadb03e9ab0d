use crate::{constants::*, errors::*, events::WithdrawalExecuted, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_interface::TokenAccount};
use pst_common::Asset;
use pst_math::{band, SafeMath};
use pst_mint::{
    constants::{CONFIG_ADDRESS, METRICS_SEED},
    state::{Merchant, MerchantMetrics},
};

/// The admin executes a proposed withdrawal once its timelock has elapsed: at most the reserve's own USDC above
/// the floor (one period's expected revenue share), never the stake.
#[derive(Accounts)]
pub struct ExecuteWithdrawal<'info> {
    pub admin: Signer<'info>,
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
    #[account(mut, has_one = reserve @ ReserveError::WrongReserve)]
    pub withdrawal: Box<Account<'info, Withdrawal>>,
    #[account(mut, address = reserve.usdc_vault @ ReserveError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the destination recorded in the proposal (checked by address).
    #[account(mut, address = withdrawal.destination @ ReserveError::InvalidDestination)]
    pub destination: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<ExecuteWithdrawal>) -> Result<()> {
    let a = &ctx.accounts;
    let config = ops::config_not_paused(&a.config, PAUSE_TREASURY)?;
    require_keys_eq!(a.admin.key(), config.admin, ReserveError::NotAdmin);
    match a.withdrawal.status {
        WithdrawalStatus::Pending => {}
        WithdrawalStatus::Cancelled => return err!(ReserveError::ProposalCancelled),
        WithdrawalStatus::Executed => return err!(ReserveError::ProposalExecuted),
    }
    require!(Clock::get()?.unix_timestamp >= a.withdrawal.eta, ReserveError::TimelockNotElapsed);
    let amount = a.withdrawal.amount;
    let share = band::annual_share(a.metrics.annual_revenue, a.merchant.economics.revenue_share_bps);
    let floor = Reserve::floor(share, a.metrics.period_secs);
    let balance = a.usdc_vault.amount;
    let stake_funded = a.merchant.stake_funded;
    let r = &mut ctx.accounts.reserve;
    r.absorb(balance, stake_funded)?;
    require!(amount <= r.usdc.saturating_sub(floor), ReserveError::InsufficientReserveUsdc);
    let a = &ctx.accounts;
    ops::pay(
        &a.reserve,
        Asset::Usdc,
        a.token_program.key(),
        a.usdc_vault.to_account_info(),
        a.destination.to_account_info(),
        a.reserve_authority.to_account_info(),
        amount,
    )?;
    let r = &mut ctx.accounts.reserve;
    r.usdc -= amount; // checked above
    r.totals.withdrawn = r.totals.withdrawn.safe_add(amount).or_overflow()?;
    r.invariant()?;
    r.check_vaults(balance - amount, r.pst)?;
    let w = &mut ctx.accounts.withdrawal;
    w.status = WithdrawalStatus::Executed;
    w.invariant()?;
    emit!(WithdrawalExecuted {
        reserve: r.key(),
        withdrawal: w.key(),
        amount,
        destination: w.destination,
        usdc: r.usdc
    });
    Ok(())
}
