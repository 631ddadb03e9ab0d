use crate::{
    constants::*,
    errors::*,
    events::StakeReleased,
    ops::{self, custody_accounts},
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;
use pst_math::SafeMath;
use pst_mint::{
    constants::{CONFIG_ADDRESS, FEED_SEED, SETTLEMENT_SEED},
    state::{Merchant, MerchantStatus, RevenueFeed, Settlement},
};
use revenue_distributor::program::RevenueDistributor;

/// After delisting, the merchant takes back what is left of its stake and the reserve's PST, once the period in
/// progress at delisting is accepted (so its shortfall is recorded) and no recorded shortfall is uncovered while
/// stake remains (a keeper covers first). The reserve's own USDC (contributions, dividends) stays: only the admin
/// can move it, through the timelock. Never paused (it is the merchant's exit); refused while exits are frozen.
#[derive(Accounts)]
pub struct ReleaseStake<'info> {
    pub authority: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: the reserve authority PDA (checked by seeds); signs the payments and the sync.
    #[account(seeds = [RESERVE_AUTHORITY_SEED, reserve.merchant.as_ref()], bump = reserve.authority_bump)]
    pub reserve_authority: UncheckedAccount<'info>,
    #[account(
        address = reserve.merchant @ ReserveError::WrongReserve,
        has_one = authority @ ReserveError::NotMerchantAuthority,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(seeds = [SETTLEMENT_SEED, reserve.merchant.as_ref()], bump = settlement.bump, seeds::program = pst_mint::ID)]
    pub settlement: Box<Account<'info, Settlement>>,
    #[account(seeds = [FEED_SEED, reserve.merchant.as_ref()], bump = feed.bump, seeds::program = pst_mint::ID)]
    pub feed: Box<Account<'info, RevenueFeed>>,
    #[account(address = reserve.pst_mint @ ReserveError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = reserve.usdc_vault @ ReserveError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = reserve.pst_vault @ ReserveError::WrongVault)]
    pub pst_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the merchant's distributor (checked by address; `revenue_distributor` checks the rest).
    #[account(mut, address = reserve.distributor @ ReserveError::WrongDividendAccount)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: the reserve's custody position (checked by address).
    #[account(mut, address = reserve.position @ ReserveError::WrongDividendAccount)]
    pub reserve_position: UncheckedAccount<'info>,
    /// CHECK: the merchant's dividend vault; `revenue_distributor` checks it against the distributor.
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    /// Receives the stake.
    #[account(
        mut,
        constraint = destination_usdc.mint == reserve.usdc_mint @ ReserveError::WrongMint,
    )]
    pub destination_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the reserve's PST.
    #[account(
        mut,
        constraint = destination_pst.mint == reserve.pst_mint @ ReserveError::WrongMint,
    )]
    pub destination_pst: Box<InterfaceAccount<'info, TokenAccount>>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
    pub pst_token_program: Program<'info, Token2022>,
}

pub fn handler(ctx: Context<ReleaseStake>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.merchant.require_status(MerchantStatus::Delisted).map_err(|_| ReserveError::NotDelisted)?;
    require!(!a.reserve.released, ReserveError::AlreadyReleased);
    ops::exits_open(&a.config, Clock::get()?.unix_timestamp)?;
    // the period in progress at delisting must be accepted first, so its shortfall (if any) is recorded
    let final_period = a.feed.period_at(a.merchant.delisted_at);
    require!(a.feed.next_period > final_period, ReserveError::FinalPeriodNotAccepted);
    a.reserve.absorb(a.usdc_vault.amount, a.merchant.stake_funded)?;
    let uncovered = a.settlement.shortfall_recorded.saturating_sub(a.reserve.covered_total);
    require!(uncovered == 0 || a.reserve.stake == 0, ReserveError::ObligationsOutstanding);
    let (stake, pst) = (a.reserve.stake, a.reserve.pst);
    // the position stops earning first (its stake must never exceed what the vault holds)
    a.reserve.pst = 0;
    ops::sync_custody(&mut a.reserve, custody_accounts!(a))?;
    ops::pay(
        &a.reserve,
        Asset::Usdc,
        a.token_program.key(),
        a.usdc_vault.to_account_info(),
        a.destination_usdc.to_account_info(),
        a.reserve_authority.to_account_info(),
        stake,
    )?;
    ops::pay(
        &a.reserve,
        Asset::Pst { mint: a.pst_mint.to_account_info() },
        a.pst_token_program.key(),
        a.pst_vault.to_account_info(),
        a.destination_pst.to_account_info(),
        a.reserve_authority.to_account_info(),
        pst,
    )?;
    let r = &mut a.reserve;
    r.stake = 0;
    r.released = true;
    r.totals.stake_released = r.totals.stake_released.safe_add(stake).or_overflow()?;
    r.totals.pst_released = r.totals.pst_released.safe_add(pst).or_overflow()?;
    r.invariant()?;
    a.usdc_vault.reload()?;
    a.pst_vault.reload()?;
    a.reserve.check_vaults(a.usdc_vault.amount, a.pst_vault.amount)?;
    emit!(StakeReleased { reserve: a.reserve.key(), merchant: a.merchant.key(), stake, pst });
    Ok(())
}
