use crate::{
    constants::*,
    dividends::{begin_harvest, sync, sync_accounts},
    errors::*,
    events::Swapped,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_2022::Token2022, token_interface::TokenAccount};
use pst_math::{
    curve::{k_not_decreased, swap_exact_in, SwapResult},
    SafeMath,
};
use pst_mint::constants::CONFIG_ADDRESS;
use revenue_distributor::program::RevenueDistributor;

/// Which way a trade goes.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The trader pays PST and receives USDC.
    PstToUsdc,
    /// The trader pays USDC and receives PST.
    UsdcToPst,
}

/// A trade against the pool (shared by `swap_exact_in` and `swap_exact_out`). The trader's two token accounts
/// are named by mint; which one pays depends on the direction. The pool harvests its dividends first, so the
/// trade is priced on reserves that include them.
#[derive(Accounts)]
pub struct Swap<'info> {
    pub trader: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.observations @ AmmError::WrongObservations)]
    pub observations: AccountLoader<'info, Observations>,
    /// CHECK: the pool's PST mint (checked by address; the token program checks it against the accounts).
    #[account(address = pool.pst_mint @ AmmError::WrongMint)]
    pub pst_mint: UncheckedAccount<'info>,
    /// CHECK: the pool's USDC mint (checked by address).
    #[account(address = pool.usdc_mint @ AmmError::WrongMint)]
    pub usdc_mint: UncheckedAccount<'info>,
    /// CHECK: the pool's PST vault (checked by address).
    #[account(mut, address = pool.pst_vault @ AmmError::WrongVault)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: the pool's USDC vault (checked by address).
    #[account(mut, address = pool.usdc_vault @ AmmError::WrongVault)]
    pub usdc_vault: UncheckedAccount<'info>,
    #[account(
        mut,
        constraint = trader_pst.mint == pool.pst_mint @ AmmError::WrongMint,
        constraint = trader_pst.key() != pool.pst_vault @ AmmError::DuplicateAccount,
    )]
    pub trader_pst: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        mut,
        constraint = trader_usdc.mint == pool.usdc_mint @ AmmError::WrongMint,
        constraint = trader_usdc.key() != pool.usdc_vault @ AmmError::DuplicateAccount,
    )]
    pub trader_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the merchant's distributor (checked by address; `revenue_distributor` checks the rest).
    #[account(mut, address = pool.distributor @ AmmError::WrongDividendAccount)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: the pool's custody position (checked by address).
    #[account(mut, address = pool.position @ AmmError::WrongDividendAccount)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the merchant's dividend vault; `revenue_distributor` checks it against the distributor.
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
    pub pst_token_program: Program<'info, Token2022>,
}

impl<'info> Swap<'info> {
    /// Check the pause flag and the exit freeze, bring the TWAP accumulator to now (pre-trade price), record an
    /// observation and harvest the pool's dividends into the USDC reserve. Returns the reserves (in, out) for
    /// `direction` and the harvested amount.
    pub fn begin(&mut self, direction: Direction) -> Result<((u64, u64), u64)> {
        self.pool.require_not_paused(PAUSE_SWAP)?;
        let now = Clock::get()?.unix_timestamp;
        Pool::require_exits_open(&self.config, now)?;
        let harvested =
            begin_harvest(&mut self.pool, &self.observations, &self.distributor, &self.position, now)?;
        let reserves = match direction {
            Direction::PstToUsdc => (self.pool.reserve_pst, self.pool.reserve_usdc),
            Direction::UsdcToPst => (self.pool.reserve_usdc, self.pool.reserve_pst),
        };
        Ok((reserves, harvested))
    }

    /// The pool's vaults and token programs, for its transfers.
    pub fn vaults(&self) -> PoolVaults<'_, 'info> {
        pool_vaults!(self)
    }

    /// Take the trader's input, update the reserves, pay the harvested dividends in and set the pool's stake
    /// (one CPI), pay the trader's output, and re-check k against the reserves the trade was priced on.
    pub fn settle(&mut self, direction: Direction, r: SwapResult, harvested: u64) -> Result<()> {
        let pst_in = direction == Direction::PstToUsdc;
        let (side_in, side_out) = if pst_in { (Side::Pst, Side::Usdc) } else { (Side::Usdc, Side::Pst) };
        let (trader_in, trader_out) = if pst_in {
            (self.trader_pst.to_account_info(), self.trader_usdc.to_account_info())
        } else {
            (self.trader_usdc.to_account_info(), self.trader_pst.to_account_info())
        };
        self.vaults().receive(side_in, trader_in, self.trader.to_account_info(), r.amount_in)?;

        let pool = &mut self.pool;
        let (x0, y0) = (pool.reserve_pst, pool.reserve_usdc);
        let to_reserve = r.amount_in.safe_sub(r.protocol_fee).or_overflow()?;
        if pst_in {
            pool.reserve_pst = pool.reserve_pst.safe_add(to_reserve).or_overflow()?;
            pool.reserve_usdc = pool.reserve_usdc.safe_sub(r.amount_out).or_overflow()?;
            pool.protocol_fees_pst = pool.protocol_fees_pst.safe_add(r.protocol_fee).or_overflow()?;
            pool.totals.pst_in = pool.totals.pst_in.safe_add(r.amount_in).or_overflow()?;
            pool.totals.fees_pst = pool.totals.fees_pst.safe_add(r.fee).or_overflow()?;
        } else {
            pool.reserve_usdc = pool.reserve_usdc.safe_add(to_reserve).or_overflow()?;
            pool.reserve_pst = pool.reserve_pst.safe_sub(r.amount_out).or_overflow()?;
            pool.protocol_fees_usdc = pool.protocol_fees_usdc.safe_add(r.protocol_fee).or_overflow()?;
            pool.totals.usdc_in = pool.totals.usdc_in.safe_add(r.amount_in).or_overflow()?;
            pool.totals.fees_usdc = pool.totals.fees_usdc.safe_add(r.fee).or_overflow()?;
        }
        // the program re-checks the curve's promise, whatever the math module computed
        require!(k_not_decreased(x0, y0, pool.reserve_pst, pool.reserve_usdc), AmmError::KDecreased);
        pool.invariant()?;

        sync(&self.pool, sync_accounts!(self), harvested)?;
        self.vaults().pay(side_out, trader_out, r.amount_out)?;
        emit!(Swapped {
            pool: self.pool.key(),
            trader: self.trader.key(),
            pst_in,
            amount_in: r.amount_in,
            amount_out: r.amount_out,
            fee: r.fee,
            protocol_fee: r.protocol_fee,
            reserve_pst: self.pool.reserve_pst,
            reserve_usdc: self.pool.reserve_usdc,
        });
        Ok(())
    }
}

/// Swap exactly `amount_in` (fee included) for at least `min_out`.
pub fn handler(ctx: Context<Swap>, direction: Direction, amount_in: u64, min_out: u64) -> Result<()> {
    require!(amount_in > 0, AmmError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let ((reserve_in, reserve_out), harvested) = a.begin(direction)?;
    let r = swap_exact_in(reserve_in, reserve_out, amount_in, a.pool.fee_bps, a.pool.protocol_share_bps)
        .or_overflow()?;
    require!(r.amount_out > 0, AmmError::ZeroOutput);
    require!(r.amount_out >= min_out, AmmError::SlippageExceeded);
    a.settle(direction, r, harvested)
}
