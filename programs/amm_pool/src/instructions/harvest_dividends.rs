use crate::{
    constants::*,
    dividends::{begin_harvest, sync, sync_accounts},
    errors::*,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::token::Token;
use pst_mint::constants::CONFIG_ADDRESS;
use revenue_distributor::program::RevenueDistributor;

/// Keeper crank: pay what the pool's PST earned in `revenue_distributor` into the USDC reserve, where it accrues
/// to LPs. Permissionless; the dividends go nowhere but the pool's own vault. Every trade and every change of
/// liquidity harvests first anyway, so this moves the price only by what accrued since the last of them: there is
/// nothing a trader can sandwich. An exit of the pool's dividends: no pause stops it, only the admin's exit freeze.
/// Refused with `NothingToHarvest` when less than `min_amount` (at least 1 base unit) is due: a keeper passes its
/// floor, so a copy sent by a racing keeper a second later, which would harvest dust, costs it nothing.
#[derive(Accounts)]
pub struct HarvestDividends<'info> {
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.observations @ AmmError::WrongObservations)]
    pub observations: AccountLoader<'info, Observations>,
    /// CHECK: checked by address (the pool's custody vault: the sync checks the stake against it).
    #[account(address = pool.pst_vault @ AmmError::WrongVault)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.usdc_vault @ AmmError::WrongVault)]
    pub usdc_vault: UncheckedAccount<'info>,
    /// CHECK: checked by address; `revenue_distributor` checks the rest.
    #[account(mut, address = pool.distributor @ AmmError::WrongDividendAccount)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.position @ AmmError::WrongDividendAccount)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the merchant's dividend vault; `revenue_distributor` checks it against the distributor.
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<HarvestDividends>, min_amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    Pool::require_exits_open(&a.config, now)?;
    let harvested = begin_harvest(&mut a.pool, &a.observations, &a.distributor, &a.position, now)?;
    require!(harvested > 0 && harvested >= min_amount, AmmError::NothingToHarvest);
    a.pool.invariant()?;
    let accounts = sync_accounts!(a);
    sync(&a.pool, accounts, harvested)
}
