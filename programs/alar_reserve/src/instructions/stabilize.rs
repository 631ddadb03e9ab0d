use crate::{
    constants::*,
    errors::*,
    events::Stabilized,
    ops::{self, custody_accounts},
    state::*,
};
use amm_pool::{
    cpi::accounts::Swap,
    instructions::Direction,
    program::AmmPool,
    state::{twap_q64, Observations, Pool},
    trade,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_math::{
    band::{self, BandSide},
    curve, SafeMath,
};
use pst_mint::{
    constants::{CONFIG_ADDRESS, METRICS_SEED},
    state::{Merchant, MerchantMetrics, MerchantStatus},
};
use revenue_distributor::program::RevenueDistributor;

/// A keeper cranks the PE band. PE = price / annual revenue share per token (`share_bps` × the metrics' annualised
/// revenue / supply), i.e. market cap / annual share. When the pool's TWAP **and** its spot price are both below
/// the low edge (default PE 8), the reserve buys PST with its own USDC; both above the high edge (default 15), it
/// sells its PST. The trade is sized on the curve so the spot price lands on the edge and never past it
/// (`pst_math::band`; re-checked here on the pool after the trade), and is at most `slice_bps` of the capacity:
/// USDC above the floor (one period's expected revenue share, kept for shortfall cover) for a buy, the reserve's
/// PST for a sell. One trade per cooldown. "Outside" means beyond the edge by at least `MIN_EDGE_GAP_BPS`, so a
/// price the last trade left on the edge is inside and no crank trades dust there. Refuses stale metrics (no period accepted within two period lengths),
/// a history under three periods, an uncovered TWAP window and a band that is not crossed, each by name.
#[derive(Accounts)]
pub struct Stabilize<'info> {
    pub keeper: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: the reserve authority PDA (checked by seeds); trades and syncs as the reserve.
    #[account(seeds = [RESERVE_AUTHORITY_SEED, reserve.merchant.as_ref()], bump = reserve.authority_bump)]
    pub reserve_authority: UncheckedAccount<'info>,
    #[account(address = reserve.merchant @ ReserveError::WrongReserve)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(seeds = [METRICS_SEED, reserve.merchant.as_ref()], bump = metrics.bump, seeds::program = pst_mint::ID)]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(address = reserve.pst_mint @ ReserveError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the USDC mint (checked by address).
    #[account(address = reserve.usdc_mint @ ReserveError::WrongMint)]
    pub usdc_mint: UncheckedAccount<'info>,
    /// The merchant's pool (not written here: `amm_pool` writes it during the swap).
    #[account(mut, address = reserve.pool @ ReserveError::WrongPool)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's TWAP buffer (read before the swap; `amm_pool` records to it during the swap).
    #[account(mut, address = pool.observations @ ReserveError::WrongPool)]
    pub observations: AccountLoader<'info, Observations>,
    /// CHECK: the pool's PST vault (checked by address).
    #[account(mut, address = pool.pst_vault @ ReserveError::WrongPool)]
    pub pool_pst_vault: UncheckedAccount<'info>,
    /// CHECK: the pool's USDC vault (checked by address).
    #[account(mut, address = pool.usdc_vault @ ReserveError::WrongPool)]
    pub pool_usdc_vault: UncheckedAccount<'info>,
    /// CHECK: the pool's custody position (checked by address).
    #[account(mut, address = pool.position @ ReserveError::WrongPool)]
    pub pool_position: UncheckedAccount<'info>,
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
    pub amm_program: Program<'info, AmmPool>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
    pub pst_token_program: Program<'info, Token2022>,
}

/// The band as market caps, and where the TWAP and the spot price lie.
struct Reading {
    side: BandSide,
    edge_cap: u128,
    share: u128,
    twap: u128,
    spot: u128,
    /// The pool's reserves as the swap will price them (its pending dividends included).
    usdc: u64,
    pst: u64,
}

impl<'info> Stabilize<'info> {
    /// Every refusal that does not depend on the reserve's balances, and the reading of the band.
    fn read(&self, now: i64) -> Result<Reading> {
        ops::config_not_paused(&self.config, PAUSE_STABILIZE)?;
        // a delisted merchant's reserve stops trading: its USDC must not buy PST that will leave with the merchant
        require!(self.merchant.status == MerchantStatus::Active, ReserveError::MerchantNotActive);
        let r = &self.reserve;
        let params = r.params;
        require!(
            r.last_stabilize_ts == 0 || now >= r.last_stabilize_ts.saturating_add(params.cooldown_secs),
            ReserveError::CooldownActive
        );
        let m = &self.metrics;
        require!(m.len >= MIN_HISTORY_PERIODS, ReserveError::HistoryTooShort);
        let max_age = m.period_secs.saturating_mul(MAX_METRICS_AGE_PERIODS);
        require!(now.saturating_sub(m.last_report_ts) <= max_age, ReserveError::StaleMetrics);
        let share = band::annual_share(m.annual_revenue, self.merchant.economics.revenue_share_bps);
        require!(share > 0, ReserveError::NoEarnings);
        let supply = self.pst_mint.supply;
        let (low, high) = (
            band::edge_market_cap(share, params.pe_low_bps),
            band::edge_market_cap(share, params.pe_high_bps),
        );

        let twap = {
            let observations = self.observations.load()?;
            twap_q64(&self.pool, &self.pool.key(), &observations, now, params.twap_window_secs)
                .map_err(|_| ReserveError::TwapWindowNotCovered)?
        };
        let pending = amm_pool::dividends::pending(&self.distributor, &self.pool_position, now)?;
        let usdc = self.pool.reserve_usdc.safe_add(pending).or_overflow()?;
        let pst = self.pool.reserve_pst;
        let spot = curve::price_q64(pst, usdc).or_overflow()?;
        // crossed means beyond an edge by at least MIN_EDGE_GAP_BPS; the trade still aims at the edge itself
        let gap = MIN_EDGE_GAP_BPS as u128;
        let low_trigger = low.saturating_mul(10_000 - gap) / 10_000;
        let high_trigger = high.saturating_mul(10_000 + gap) / 10_000;
        let twap_side = band::side(band::market_cap(twap, supply), low_trigger, high_trigger);
        let spot_side = band::side(band::market_cap(spot, supply), low_trigger, high_trigger);
        require!(twap_side == spot_side && twap_side != BandSide::Inside, ReserveError::BandNotCrossed);
        let edge_cap = if twap_side == BandSide::Below { low } else { high };
        Ok(Reading { side: twap_side, edge_cap, share, twap, spot, usdc, pst })
    }

    /// Swap `amount_in` for exactly the `min_out` the curve gives on the reserves just read, by CPI signed by the
    /// reserve authority. Returns what arrived in the reserve's vault.
    fn swap(&self, direction: Direction, amount_in: u64, min_out: u64) -> Result<u64> {
        let seeds = self.reserve.signer_seeds();
        let accounts = Swap {
            trader: self.reserve_authority.to_account_info(),
            config: self.config.to_account_info(),
            pool: self.pool.to_account_info(),
            observations: self.observations.to_account_info(),
            pst_mint: self.pst_mint.to_account_info(),
            usdc_mint: self.usdc_mint.to_account_info(),
            pst_vault: self.pool_pst_vault.to_account_info(),
            usdc_vault: self.pool_usdc_vault.to_account_info(),
            trader_pst: self.pst_vault.to_account_info(),
            trader_usdc: self.usdc_vault.to_account_info(),
            distributor: self.distributor.to_account_info(),
            position: self.pool_position.to_account_info(),
            dividend_vault: self.dividend_vault.to_account_info(),
            distributor_program: self.distributor_program.to_account_info(),
            token_program: self.token_program.to_account_info(),
            pst_token_program: self.pst_token_program.to_account_info(),
        };
        let received =
            trade::swap_exact_in(self.amm_program.key(), accounts, &seeds, direction, amount_in, min_out)?;
        received.ok_or_else(|| ReserveError::InvariantViolated.into())
    }
}

pub fn handler(ctx: Context<Stabilize>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let reading = ctx.accounts.read(now)?;
    let a = &mut *ctx.accounts;
    let supply = a.pst_mint.supply;
    let (fee_bps, protocol_share_bps) = (a.pool.fee_bps, a.pool.protocol_share_bps);
    a.reserve.absorb(a.usdc_vault.amount, a.merchant.stake_funded)?;
    let floor = Reserve::floor(reading.share, a.metrics.period_secs);
    let slice_bps = a.reserve.params.slice_bps;
    let bought = reading.side == BandSide::Below;
    let (to_edge, amount_in, amount_out) = if bought {
        let to_edge = band::buy_to_edge(reading.usdc, reading.pst, supply, reading.edge_cap);
        let amount = band::slice(to_edge, a.reserve.buy_capacity(floor), slice_bps);
        require!(amount > 0, ReserveError::NothingToTrade);
        let expected = curve::swap_exact_in(reading.usdc, reading.pst, amount, fee_bps, protocol_share_bps)
            .or_overflow()?
            .amount_out;
        require!(expected > 0, ReserveError::NothingToTrade);
        let received = a.swap(Direction::UsdcToPst, amount, expected)?;
        let r = &mut a.reserve;
        r.usdc = r.usdc.safe_sub(amount).or_overflow()?;
        r.pst = r.pst.safe_add(received).or_overflow()?;
        r.totals.usdc_spent = r.totals.usdc_spent.safe_add(amount).or_overflow()?;
        r.totals.pst_bought = r.totals.pst_bought.safe_add(received).or_overflow()?;
        // the new PST earns from now
        ops::sync_custody(&mut a.reserve, custody_accounts!(a))?;
        (to_edge, amount, received)
    } else {
        let to_edge = band::sell_to_edge(reading.usdc, reading.pst, supply, reading.edge_cap);
        let amount = band::slice(to_edge, a.reserve.pst, slice_bps);
        require!(amount > 0, ReserveError::NothingToTrade);
        let expected = curve::swap_exact_in(reading.pst, reading.usdc, amount, fee_bps, protocol_share_bps)
            .or_overflow()?
            .amount_out;
        require!(expected > 0, ReserveError::NothingToTrade);
        // the PST sold stops earning first (the stake must never exceed what the vault holds)
        a.reserve.pst = a.reserve.pst.safe_sub(amount).or_overflow()?;
        ops::sync_custody(&mut a.reserve, custody_accounts!(a))?;
        let received = a.swap(Direction::PstToUsdc, amount, expected)?;
        let r = &mut a.reserve;
        r.usdc = r.usdc.safe_add(received).or_overflow()?;
        r.totals.pst_sold = r.totals.pst_sold.safe_add(amount).or_overflow()?;
        r.totals.usdc_received = r.totals.usdc_received.safe_add(received).or_overflow()?;
        (to_edge, amount, received)
    };

    // the program re-checks the band's promise on the pool itself: never past the edge
    a.pool.reload()?;
    let spot_after = a.pool.price_q64()?;
    let cap_after = band::market_cap(spot_after, supply);
    let within = if bought { cap_after <= reading.edge_cap } else { cap_after >= reading.edge_cap };
    require!(within, ReserveError::PastBandEdge);

    a.usdc_vault.reload()?;
    a.pst_vault.reload()?;
    let r = &mut a.reserve;
    r.last_stabilize_ts = now;
    r.invariant()?;
    r.check_vaults(a.usdc_vault.amount, a.pst_vault.amount)?;
    let pe = |cap: u128| band::pe_bps(cap, reading.share).unwrap_or(0).min(u64::MAX as u128) as u64;
    emit!(Stabilized {
        reserve: r.key(),
        bought,
        twap_q64: reading.twap,
        spot_before_q64: reading.spot,
        spot_after_q64: spot_after,
        pe_twap_bps: pe(band::market_cap(reading.twap, supply)),
        pe_spot_after_bps: pe(cap_after),
        to_edge,
        amount_in,
        amount_out,
        usdc: r.usdc,
        pst: r.pst,
    });
    Ok(())
}
