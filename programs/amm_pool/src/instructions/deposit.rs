use crate::{
    constants::*,
    dividends::{begin_harvest, sync, sync_accounts},
    errors::*,
    events::LiquidityAdded,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::Token2022,
    token_interface::{mint_to, MintTo, TokenAccount},
};
use pst_math::{
    curve::{deposit_amounts, lp_value_not_decreased},
    SafeMath,
};
use pst_mint::constants::CONFIG_ADDRESS;
use revenue_distributor::program::RevenueDistributor;

/// Adding or removing liquidity (shared by `deposit` and `withdraw`). Before either, the pool harvests the
/// dividends its PST earned, so LP tokens change hands at a price that includes them; no pause stops the harvest
/// (it is the pool's own exit of dividends), only the admin's exit freeze, which stops both.
#[derive(Accounts)]
pub struct Liquidity<'info> {
    pub owner: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.observations @ AmmError::WrongObservations)]
    pub observations: AccountLoader<'info, Observations>,
    /// CHECK: checked by address.
    #[account(address = pool.pst_mint @ AmmError::WrongMint)]
    pub pst_mint: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(address = pool.usdc_mint @ AmmError::WrongMint)]
    pub usdc_mint: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.lp_mint @ AmmError::WrongMint)]
    pub lp_mint: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.pst_vault @ AmmError::WrongVault)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.usdc_vault @ AmmError::WrongVault)]
    pub usdc_vault: UncheckedAccount<'info>,
    #[account(
        mut,
        constraint = owner_pst.mint == pool.pst_mint @ AmmError::WrongMint,
        constraint = owner_pst.key() != pool.pst_vault @ AmmError::DuplicateAccount,
    )]
    pub owner_pst: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        mut,
        constraint = owner_usdc.mint == pool.usdc_mint @ AmmError::WrongMint,
        constraint = owner_usdc.key() != pool.usdc_vault @ AmmError::DuplicateAccount,
    )]
    pub owner_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        mut,
        constraint = owner_lp.mint == pool.lp_mint @ AmmError::WrongMint,
        constraint = owner_lp.key() != pool.seed_lp_vault @ AmmError::DuplicateAccount,
    )]
    pub owner_lp: Box<InterfaceAccount<'info, TokenAccount>>,
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
    pub pst_token_program: Program<'info, Token2022>,
}

impl<'info> Liquidity<'info> {
    /// Check the exit freeze (and `pause_flag`, for deposits), bring the TWAP accumulator to now, record an
    /// observation and harvest the pool's dividends into the USDC reserve. Returns the harvested amount.
    pub fn begin(&mut self, pause_flag: Option<u8>) -> Result<u64> {
        if let Some(flag) = pause_flag {
            self.pool.require_not_paused(flag)?;
        }
        let now = Clock::get()?.unix_timestamp;
        Pool::require_exits_open(&self.config, now)?;
        begin_harvest(&mut self.pool, &self.observations, &self.distributor, &self.position, now)
    }

    /// Check that no LP token lost value, then pay the harvested dividends in and set the pool's stake.
    pub fn finish(&mut self, before: (u64, u64, u64), harvested: u64) -> Result<()> {
        let (x0, y0, s0) = before;
        let p = &self.pool;
        require!(
            lp_value_not_decreased(x0, s0, p.reserve_pst, p.lp_supply)
                && lp_value_not_decreased(y0, s0, p.reserve_usdc, p.lp_supply),
            AmmError::LpValueDecreased
        );
        p.invariant()?;
        let accounts = sync_accounts!(self);
        sync(&self.pool, accounts, harvested)
    }

    /// The pool's vaults and token programs, for its transfers.
    pub fn vaults(&self) -> PoolVaults<'_, 'info> {
        pool_vaults!(self)
    }

    /// The owner's token account of `side`.
    pub fn owner_account(&self, side: Side) -> AccountInfo<'info> {
        match side {
            Side::Pst => self.owner_pst.to_account_info(),
            Side::Usdc => self.owner_usdc.to_account_info(),
        }
    }
}

/// Mint `lp` LP tokens for at most `max_pst` PST and `max_usdc` USDC: each side is `ceil(lp × reserve /
/// supply)`, so the depositor pays the rounding.
pub fn handler(ctx: Context<Liquidity>, lp: u64, max_pst: u64, max_usdc: u64) -> Result<()> {
    require!(lp > 0, AmmError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let harvested = a.begin(Some(PAUSE_DEPOSIT))?;
    let p = &a.pool;
    let before = (p.reserve_pst, p.reserve_usdc, p.lp_supply);
    let (pst, usdc) = deposit_amounts(lp, p.lp_supply, p.reserve_pst, p.reserve_usdc).or_overflow()?;
    require!(pst <= max_pst && usdc <= max_usdc, AmmError::SlippageExceeded);
    let (vaults, owner) = (a.vaults(), a.owner.to_account_info());
    vaults.receive(Side::Pst, a.owner_account(Side::Pst), owner.clone(), pst)?;
    vaults.receive(Side::Usdc, a.owner_account(Side::Usdc), owner, usdc)?;
    let seeds = a.pool.signer_seeds();
    mint_to(
        CpiContext::new_with_signer(
            a.token_program.key(),
            MintTo {
                mint: a.lp_mint.to_account_info(),
                to: a.owner_lp.to_account_info(),
                authority: a.pool.to_account_info(),
            },
            &[&seeds[..]],
        ),
        lp,
    )?;
    let p = &mut a.pool;
    p.reserve_pst = p.reserve_pst.safe_add(pst).or_overflow()?;
    p.reserve_usdc = p.reserve_usdc.safe_add(usdc).or_overflow()?;
    p.lp_supply = p.lp_supply.safe_add(lp).or_overflow()?;
    a.finish(before, harvested)?;
    emit!(LiquidityAdded {
        pool: a.pool.key(),
        owner: a.owner.key(),
        lp,
        pst,
        usdc,
        lp_supply: a.pool.lp_supply,
    });
    Ok(())
}
