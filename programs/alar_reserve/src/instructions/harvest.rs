use crate::{
    constants::*,
    errors::*,
    events::ReserveHarvested,
    ops::{self, custody_accounts},
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_interface::TokenAccount};
use pst_mint::{constants::CONFIG_ADDRESS, state::Merchant};
use revenue_distributor::program::RevenueDistributor;

/// A keeper harvests the dividends the reserve's PST earned (its custody position in `revenue_distributor`) into
/// the reserve's USDC vault, where they join the reserve's own USDC, and counts USDC that arrived (the stake from
/// released proceeds, contributions). Refused with `NothingToHarvest` when that comes to nothing or to less than
/// `min_amount` (a keeper's floor: a racing keeper's late copy, or dust sent to the vault, costs it nothing).
/// Refused while the admin has frozen exits (a harvest is a claim).
#[derive(Accounts)]
pub struct Harvest<'info> {
    pub keeper: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: the reserve authority PDA (checked by seeds); signs the sync.
    #[account(seeds = [RESERVE_AUTHORITY_SEED, reserve.merchant.as_ref()], bump = reserve.authority_bump)]
    pub reserve_authority: UncheckedAccount<'info>,
    #[account(address = reserve.merchant @ ReserveError::WrongReserve)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(mut, address = reserve.usdc_vault @ ReserveError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the reserve's PST vault (checked by address).
    #[account(address = reserve.pst_vault @ ReserveError::WrongVault)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: the merchant's distributor (checked by address; `revenue_distributor` checks the rest).
    #[account(mut, address = reserve.distributor @ ReserveError::WrongDividendAccount)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: the reserve's custody position (checked by address).
    #[account(mut, address = reserve.position @ ReserveError::WrongDividendAccount)]
    pub reserve_position: UncheckedAccount<'info>,
    /// CHECK: the merchant's dividend vault; `revenue_distributor` checks it against the distributor.
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<Harvest>, min_amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    ops::exits_open(&a.config, Clock::get()?.unix_timestamp)?;
    let absorbed = a.reserve.absorb(a.usdc_vault.amount, a.merchant.stake_funded)?;
    let amount = ops::sync_custody(&mut a.reserve, custody_accounts!(a))?;
    // a harvest that changes nothing, or less than the keeper's floor, is refused, so that a keeper racing
    // another one pays no fee for a late copy
    let total = absorbed.saturating_add(amount);
    require!(total > 0 && total >= min_amount, ReserveError::NothingToHarvest);
    a.usdc_vault.reload()?;
    let r = &a.reserve;
    r.invariant()?;
    r.check_vaults(a.usdc_vault.amount, ops::balance(&a.pst_vault)?)?;
    emit!(ReserveHarvested { reserve: r.key(), amount, usdc: r.usdc });
    Ok(())
}
