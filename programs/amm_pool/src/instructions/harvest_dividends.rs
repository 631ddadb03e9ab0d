use crate::{
    constants::*,
    dividends::{harvest, HarvestAccounts},
    errors::*,
    events::DividendsHarvested,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::token::Token;
use pst_mint::{constants::CONFIG_ADDRESS, state::ProtocolConfig};
use revenue_distributor::constants::PAUSE_DIVIDENDS;
use revenue_distributor::program::RevenueDistributor;

/// Keeper crank: claim what the pool's PST earned in `revenue_distributor` into the USDC reserve, where it
/// accrues to LPs. Permissionless; the claim goes nowhere but the pool's own vault.
#[derive(Accounts)]
pub struct HarvestDividends<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.observations @ AmmError::WrongObservations)]
    pub observations: AccountLoader<'info, Observations>,
    /// CHECK: checked by address.
    #[account(address = pool.usdc_mint @ AmmError::WrongMint)]
    pub usdc_mint: UncheckedAccount<'info>,
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

pub fn handler(ctx: Context<HarvestDividends>) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(a.config.paused & PAUSE_DIVIDENDS == 0, AmmError::Paused);
    let now = Clock::get()?.unix_timestamp;
    a.pool.accumulate(now)?;
    a.observations.load_mut()?.record(now, a.pool.price_cumulative);
    let accounts = HarvestAccounts {
        config: &a.config.to_account_info(),
        distributor: &a.distributor.to_account_info(),
        position: &a.position.to_account_info(),
        dividend_vault: &a.dividend_vault.to_account_info(),
        usdc_vault: &a.usdc_vault.to_account_info(),
        usdc_mint: &a.usdc_mint.to_account_info(),
        token_program: &a.token_program.to_account_info(),
        distributor_program: &a.distributor_program.to_account_info(),
    };
    let amount = harvest(&mut a.pool, accounts, now, false)?;
    require!(amount > 0, AmmError::NothingToHarvest);
    a.pool.invariant()?;
    emit!(DividendsHarvested { pool: a.pool.key(), amount, reserve_usdc: a.pool.reserve_usdc });
    Ok(())
}
