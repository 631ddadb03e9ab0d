use crate::{
    constants::*,
    errors::*,
    events::EpochClosed,
    ops::{self, custody_accounts},
    state::*,
};
use alar_reserve::{
    constants::PAUSE_BACKSTOP, cpi::accounts::CoverSenior, program::AlarReserve, state::Reserve,
};
use amm_pool::{
    constants::PAUSE_SWAP,
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
    token_interface::{self, Burn, Mint, MintTo, TokenAccount},
};
use pst_math::{
    band, curve,
    tranche::{self, aym, Split},
    SafeMath, BPS_DENOMINATOR,
};
use pst_mint::{
    constants::{CONFIG_ADDRESS, METRICS_SEED},
    state::{Merchant, MerchantMetrics, MerchantStatus},
};
use revenue_distributor::program::RevenueDistributor;

/// A keeper closes the open epoch once it has lasted `epoch_secs`, in one transaction:
/// 1. **income**: harvests the dividends of the vault's PST (its custody position) and counts every USDC that
///    arrived since the last close;
/// 2. **valuation**: the PST at the pool's TWAP over `twap_window_secs` (never the spot price);
/// 3. **waterfall** (`pst_math::tranche`): senior is owed its value, its arrears and its target yield
///    (`value × APY × elapsed / year`); the assets pay that first and junior takes the rest, so income and gains pay
///    senior first and losses hit junior first; if the assets fall short, the reserve's senior backstop is drawn by
///    CPI (`alar_reserve::cover_senior`, signed by the vault) for senior's yield (never a principal loss), and what
///    is still missing is carried as arrears;
/// 4. **queues**, at the share prices the waterfall gives: senior redemptions, junior deposits (not while senior has
///    arrears), junior redemptions (down to the minimum subordination), senior deposits (up to it); redemptions are
///    paid from the USDC buffer and the junior deposits, then by selling PST into the pool no more than
///    `max_slippage_bps` below the TWAP on average, pro rata (senior first) when that is not enough; USDC above the
///    buffer target (net deposits, income) buys PST no more than `max_slippage_bps` above the TWAP; a trade's difference from the
///    TWAP is junior's (or pays arrears first);
/// 5. **AYM**: sets the next epoch's senior APY in [8%, 11%] from the queues, the subordination, the buffer, the
///    merchant's revenue volatility and coverage, and the backstop's capacity.
///
/// The epoch's record (`["epoch", tranches, index]`, paid by the keeper) is created here, so an epoch closes once.
/// Refuses before the epoch ends, an uncovered TWAP window, stale metrics (while the merchant is active) and frozen
/// exits, each by name.
#[derive(Accounts)]
pub struct CloseEpoch<'info> {
    #[account(mut)]
    pub keeper: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [TRANCHES_SEED, tranches.merchant.as_ref()], bump = tranches.bump)]
    pub tranches: Box<Account<'info, Tranches>>,
    /// CHECK: the open epoch's record, created here at its PDA.
    #[account(mut, seeds = [EPOCH_SEED, tranches.key().as_ref(), &tranches.epoch.to_le_bytes()], bump)]
    pub epoch: UncheckedAccount<'info>,
    #[account(address = tranches.merchant @ TrancheError::WrongTranches)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(seeds = [METRICS_SEED, tranches.merchant.as_ref()], bump = metrics.bump, seeds::program = pst_mint::ID)]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(address = tranches.pst_mint @ TrancheError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the USDC mint (checked by address).
    #[account(address = tranches.usdc_mint @ TrancheError::WrongMint)]
    pub usdc_mint: UncheckedAccount<'info>,
    #[account(mut, address = tranches.usdc_vault @ TrancheError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = tranches.pst_vault @ TrancheError::WrongVault)]
    pub pst_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = tranches.books[0].mint @ TrancheError::WrongMint)]
    pub senior_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = tranches.books[1].mint @ TrancheError::WrongMint)]
    pub junior_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = tranches.books[0].escrow @ TrancheError::WrongVault)]
    pub senior_escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = tranches.books[1].escrow @ TrancheError::WrongVault)]
    pub junior_escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the merchant's distributor (checked by address; `revenue_distributor` checks the rest).
    #[account(mut, address = tranches.distributor @ TrancheError::WrongDividendAccount)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: the vault's custody position (checked by address).
    #[account(mut, address = tranches.position @ TrancheError::WrongDividendAccount)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the merchant's dividend vault; `revenue_distributor` checks it against the distributor.
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    /// The merchant's pool (not written here: `amm_pool` writes it during a trade).
    #[account(mut, address = tranches.pool @ TrancheError::WrongPool)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.observations @ TrancheError::WrongPool)]
    pub observations: AccountLoader<'info, Observations>,
    /// CHECK: the pool's PST vault (checked by address).
    #[account(mut, address = pool.pst_vault @ TrancheError::WrongPool)]
    pub pool_pst_vault: UncheckedAccount<'info>,
    /// CHECK: the pool's USDC vault (checked by address).
    #[account(mut, address = pool.usdc_vault @ TrancheError::WrongPool)]
    pub pool_usdc_vault: UncheckedAccount<'info>,
    /// CHECK: the pool's custody position (checked by address).
    #[account(mut, address = pool.position @ TrancheError::WrongPool)]
    pub pool_position: UncheckedAccount<'info>,
    /// The merchant's reserve (not written here: `alar_reserve` writes it during a draw).
    #[account(mut, address = tranches.reserve @ TrancheError::WrongReserve)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: the reserve's authority (`alar_reserve` checks its seeds).
    pub reserve_authority: UncheckedAccount<'info>,
    /// CHECK: the reserve's USDC vault (checked by address).
    #[account(mut, address = reserve.usdc_vault @ TrancheError::WrongReserve)]
    pub reserve_usdc_vault: UncheckedAccount<'info>,
    pub amm_program: Program<'info, AmmPool>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub alar_program: Program<'info, AlarReserve>,
    pub token_program: Program<'info, Token>,
    pub token_2022_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

/// Whether the vault may take deposits and trade for this merchant (its sale is open or it is live).
pub fn listed(status: MerchantStatus) -> bool {
    matches!(status, MerchantStatus::Sale | MerchantStatus::Active)
}

/// Income, valuation and waterfall.
struct Valuation {
    twap: u128,
    elapsed: i64,
    income: u64,
    assets: u64,
    requested: u64,
    paid: u64,
    split: Split,
    /// The tranches' values at the last close.
    before: [u64; 2],
}

/// The queues' execution and the trades.
#[derive(Default)]
struct Execution {
    /// Senior deposits, senior redemptions, junior deposits, junior redemptions (as `Epoch::fills`).
    fills: [Fill; 4],
    pst_sold: u64,
    usdc_from_sales: u64,
    usdc_spent: u64,
    pst_bought: u64,
}

impl<'info> CloseEpoch<'info> {
    /// Every refusal that does not depend on the balances.
    fn check(&self, now: i64) -> Result<()> {
        ops::config_not_paused(&self.config, PAUSE_EPOCHS)?;
        ops::exits_open(&self.config, now)?;
        let t = &self.tranches;
        require!(now >= t.epoch_start.saturating_add(t.params.epoch_secs), TrancheError::EpochNotEnded);
        // (a merchant with no period accepted yet has no metrics to be stale: the valuation is the pool's TWAP)
        if listed(self.merchant.status) && self.metrics.len > 0 {
            let m = &self.metrics;
            let max_age = m.period_secs.saturating_mul(MAX_METRICS_AGE_PERIODS);
            require!(now.saturating_sub(m.last_report_ts) <= max_age, TrancheError::StaleMetrics);
        }
        Ok(())
    }

    fn twap(&self, now: i64) -> Result<u128> {
        let observations = self.observations.load()?;
        twap_q64(&self.pool, &self.pool.key(), &observations, now, self.tranches.params.twap_window_secs)
            .map_err(|_| TrancheError::TwapWindowNotCovered.into())
    }

    /// Settle the vault's custody position (its dividends arrive in the USDC vault) on its PST.
    fn sync(&mut self) -> Result<u64> {
        let accounts = custody_accounts!(self);
        ops::sync_custody(&mut self.tranches, accounts)
    }

    /// Count what arrived in the USDC vault since the last close (dividends, donations) as the vault's own.
    fn absorb(&mut self) -> Result<u64> {
        self.usdc_vault.reload()?;
        let t = &mut self.tranches;
        let arrived =
            self.usdc_vault.amount.checked_sub(t.usdc_accounted()?).ok_or(TrancheError::InvariantViolated)?;
        t.usdc = t.usdc.safe_add(arrived).or_overflow()?;
        Ok(arrived)
    }

    /// Ask the reserve's senior backstop for `amount` (skipped while it is paused); returns what arrived.
    fn draw_backstop(&mut self, amount: u64) -> Result<u64> {
        if amount == 0 || ops::config_not_paused(&self.config, PAUSE_BACKSTOP).is_err() {
            return Ok(0);
        }
        let before = self.usdc_vault.amount;
        let seeds = self.tranches.signer_seeds();
        alar_reserve::cpi::cover_senior(
            CpiContext::new_with_signer(
                self.alar_program.key(),
                CoverSenior {
                    tranche_vault: self.tranches.to_account_info(),
                    config: self.config.to_account_info(),
                    reserve: self.reserve.to_account_info(),
                    reserve_authority: self.reserve_authority.to_account_info(),
                    merchant: self.merchant.to_account_info(),
                    metrics: self.metrics.to_account_info(),
                    usdc_vault: self.reserve_usdc_vault.to_account_info(),
                    destination: self.usdc_vault.to_account_info(),
                    token_program: self.token_program.to_account_info(),
                },
                &[&seeds[..]],
            ),
            amount,
        )?;
        self.usdc_vault.reload()?;
        self.reserve.reload()?;
        let paid = self.usdc_vault.amount.checked_sub(before).ok_or(TrancheError::InvariantViolated)?;
        let t = &mut self.tranches;
        t.usdc = t.usdc.safe_add(paid).or_overflow()?;
        t.totals.backstop_paid = t.totals.backstop_paid.safe_add(paid).or_overflow()?;
        Ok(paid)
    }

    /// The pool's reserves as a trade prices them (its pending dividends join the USDC reserve first), if the
    /// vault may trade now: the pool's swaps are open, the merchant is listed, and the spot price is on the TWAP's
    /// side of the trade (at most `SPOT_TOLERANCE_BPS` above it to buy, below it to sell), so a price pushed
    /// against the vault just before the close makes it trade nothing.
    fn pool_reserves(&self, now: i64, twap: u128, buy: bool) -> Result<Option<(u64, u64)>> {
        if self.pool.paused & PAUSE_SWAP != 0 || !listed(self.merchant.status) {
            return Ok(None);
        }
        let pending = amm_pool::dividends::pending(&self.distributor, &self.pool_position, now)?;
        let (pst, usdc) = (self.pool.reserve_pst, self.pool.reserve_usdc.safe_add(pending).or_overflow()?);
        let spot = curve::price_q64(pst, usdc).or_overflow()?;
        let tolerance = twap / BPS_DENOMINATOR as u128 * SPOT_TOLERANCE_BPS as u128;
        let sided = if buy { spot <= twap.saturating_add(tolerance) } else { spot >= twap - tolerance };
        Ok(sided.then_some((pst, usdc)))
    }

    /// Swap `amount_in` for exactly `min_out` by CPI signed by the vault; returns what arrived.
    fn swap(&self, direction: Direction, amount_in: u64, min_out: u64) -> Result<u64> {
        let seeds = self.tranches.signer_seeds();
        let accounts = Swap {
            trader: self.tranches.to_account_info(),
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
            pst_token_program: self.token_2022_program.to_account_info(),
        };
        let received =
            trade::swap_exact_in(self.amm_program.key(), accounts, &seeds, direction, amount_in, min_out)?;
        received.ok_or_else(|| TrancheError::InvariantViolated.into())
    }

    /// Sell PST for up to `usdc_wanted` within the slippage bound. Returns (PST sold, USDC received).
    fn sell(&mut self, now: i64, twap: u128, usdc_wanted: u64) -> Result<(u64, u64)> {
        let Some((pool_pst, pool_usdc)) = self.pool_reserves(now, twap, false)? else { return Ok((0, 0)) };
        let slippage = self.tranches.params.max_slippage_bps;
        let (pst_in, out) =
            tranche::sell_for(pool_pst, pool_usdc, usdc_wanted, self.pool.fee_bps, twap, slippage);
        let pst_in = pst_in.min(self.tranches.pst);
        if pst_in == 0 {
            return Ok((0, 0));
        }
        let expected = curve::swap_exact_in(
            pool_pst,
            pool_usdc,
            pst_in,
            self.pool.fee_bps,
            self.pool.protocol_share_bps,
        )
        .or_overflow()?
        .amount_out;
        if expected == 0 || out == 0 {
            return Ok((0, 0));
        }
        // the PST sold stops earning first (the stake must never exceed what the vault holds)
        self.tranches.pst -= pst_in;
        self.sync()?;
        let received = self.swap(Direction::PstToUsdc, pst_in, expected)?;
        Ok((pst_in, received))
    }

    /// Buy PST with up to `usdc` within the slippage bound. Returns (USDC spent, PST received).
    fn buy(&mut self, now: i64, twap: u128, usdc: u64) -> Result<(u64, u64)> {
        if usdc == 0 {
            return Ok((0, 0));
        }
        let Some((pool_pst, pool_usdc)) = self.pool_reserves(now, twap, true)? else { return Ok((0, 0)) };
        let slippage = self.tranches.params.max_slippage_bps;
        let (spend, _) = tranche::buy_with(pool_usdc, pool_pst, usdc, self.pool.fee_bps, twap, slippage);
        if spend == 0 {
            return Ok((0, 0));
        }
        let expected =
            curve::swap_exact_in(pool_usdc, pool_pst, spend, self.pool.fee_bps, self.pool.protocol_share_bps)
                .or_overflow()?
                .amount_out;
        if expected == 0 {
            return Ok((0, 0));
        }
        let received = self.swap(Direction::UsdcToPst, spend, expected)?;
        // the new PST earns from now
        self.tranches.pst = self.tranches.pst.safe_add(received).or_overflow()?;
        self.sync()?;
        Ok((spend, received))
    }

    /// Execute the four queues at the waterfall's prices, trading as needed. Updates the books and the vault's USDC
    /// and PST; mints and burns nothing yet.
    fn execute(&mut self, now: i64, v: &Valuation) -> Result<Execution> {
        let t = &self.tranches;
        let m = t.params.min_subordination_bps;
        let (sv, ss) = (v.split.senior, t.books[0].supply);
        let (jv, js) = (v.split.junior, t.books[1].supply);
        let (q_sd, q_sr) = (t.books[0].pending_deposits, t.books[0].pending_redeems);
        let (q_jd, q_jr) = (t.books[1].pending_deposits, t.books[1].pending_redeems);

        // a deposit buys shares at these prices, as far as they fit beside the supply (the rest waits)
        let deposit = |q: u64, value: u64, supply: u64| -> (u64, u64) {
            let q = q.min(tranche::max_deposit(value, supply));
            match tranche::shares_for(q, value, supply) {
                Some(s) if s > 0 && supply.checked_add(s).is_some() => (q, s),
                _ => (0, 0),
            }
        };
        // junior deposits (not while senior is owed arrears: new junior money would pay them at once)
        let (exec_jd, shares_jd) = if v.split.arrears == 0 { deposit(q_jd, jv, js) } else { (0, 0) };
        // what the redemptions want at these prices; junior only down to the minimum subordination
        let want_sr = tranche::usdc_for(q_sr, sv, ss);
        let junior_room = (jv.safe_add(exec_jd).or_overflow()?)
            .saturating_sub(tranche::junior_floor(sv - want_sr, m))
            .min(jv);
        let full_jr = tranche::usdc_for(q_jr, jv, js);
        let shares_jr = if full_jr <= junior_room { q_jr } else { tranche::fill(q_jr, junior_room, full_jr) };
        let want_jr = tranche::usdc_for(shares_jr, jv, js);
        // senior deposits up to the minimum subordination, if every redemption is paid in full
        let room_if_paid = tranche::senior_cap(jv + exec_jd - want_jr, m).saturating_sub(sv - want_sr);
        let senior_if_paid = deposit(q_sd.min(room_if_paid), sv, ss);

        // liquidity: the buffer and the deposits (senior deposits only when they complete the payment, so that the
        // subordination they were sized on holds), then PST sold within the slippage bound
        let mut x = Execution::default();
        let mut have = t.usdc.safe_add(exec_jd).or_overflow()?;
        let need = want_sr.safe_add(want_jr).or_overflow()?;
        let mut netted = need <= have.safe_add(senior_if_paid.0).or_overflow()?;
        if !netted {
            // sell what the buffer and the deposits cannot pay
            let (sold, got) = self.sell(now, v.twap, need - have - senior_if_paid.0)?;
            x.pst_sold = sold;
            x.usdc_from_sales = got;
            have = have.safe_add(got).or_overflow()?;
            netted = need <= have.safe_add(senior_if_paid.0).or_overflow()?;
        }
        if netted {
            have += senior_if_paid.0;
        }
        // senior first, then junior, each pro rata within its queue; a redemption worth nothing waits
        let mut pay = |q: u64, want: u64, value: u64, supply: u64| -> (u64, u64) {
            let shares = if want <= have { q } else { tranche::fill(q, have, want) };
            let usdc = tranche::usdc_for(shares, value, supply);
            if usdc == 0 {
                return (0, 0);
            }
            have -= usdc; // usdc ≤ have: a pro-rata part of what is wanted, rounded down
            (shares, usdc)
        };
        let (exec_sr, pay_sr) = pay(q_sr, want_sr, sv, ss);
        let (exec_jr, pay_jr) = pay(shares_jr, want_jr, jv, js);

        // senior deposits, up to the minimum subordination on the values after the redemptions
        let senior_after = sv - pay_sr;
        let junior_after = jv + exec_jd - pay_jr;
        let (exec_sd, shares_sd) = if netted {
            senior_if_paid // every redemption was paid as wanted: the values are those it was sized on
        } else {
            let room = tranche::senior_cap(junior_after, m).saturating_sub(senior_after);
            let d = deposit(q_sd.min(room), sv, ss);
            have = have.safe_add(d.0).or_overflow()?;
            d
        };
        x.fills = [
            Fill { queued: q_sd, executed: exec_sd, output: shares_sd },
            Fill { queued: q_sr, executed: exec_sr, output: pay_sr },
            Fill { queued: q_jd, executed: exec_jd, output: shares_jd },
            Fill { queued: q_jr, executed: exec_jr, output: pay_jr },
        ];

        // the books at the new prices
        let t = &mut self.tranches;
        t.usdc = have; // buffer + deposits + sales − redemptions
        t.usdc_to_claim = t.usdc_to_claim.safe_add(pay_sr + pay_jr).or_overflow()?;
        let s = &mut t.books[0];
        s.value = senior_after.safe_add(exec_sd).or_overflow()?;
        s.supply = (ss - exec_sr).safe_add(shares_sd).or_overflow()?;
        s.pending_deposits -= exec_sd;
        s.pending_redeems -= exec_sr;
        s.shares_to_claim = s.shares_to_claim.safe_add(shares_sd).or_overflow()?;
        let j = &mut t.books[1];
        j.value = junior_after;
        j.supply = (js - exec_jr).safe_add(shares_jd).or_overflow()?;
        j.pending_deposits -= exec_jd;
        j.pending_redeems -= exec_jr;
        j.shares_to_claim = j.shares_to_claim.safe_add(shares_jd).or_overflow()?;
        // senior's arrears belong to its shares: those redeemed leave with their part (they were paid at the value)
        t.arrears = tranche::scale(t.arrears, ss - exec_sr, ss);
        t.yield_arrears = tranche::scale(t.yield_arrears, ss - exec_sr, ss).min(t.arrears);
        let totals = &mut t.totals;
        totals.deposits_executed = totals.deposits_executed.safe_add(exec_sd + exec_jd).or_overflow()?;
        totals.redemptions_paid = totals.redemptions_paid.safe_add(pay_sr + pay_jr).or_overflow()?;
        totals.pst_sold = totals.pst_sold.safe_add(x.pst_sold).or_overflow()?;
        totals.usdc_received = totals.usdc_received.safe_add(x.usdc_from_sales).or_overflow()?;

        // USDC above the buffer target (net deposits, income) buys PST, within the slippage bound: a vault
        // invests over a few closes rather than moving the price at once (not after a sale: it needed USDC; not
        // while redemptions wait for USDC; not while senior has arrears: a trade's cost would be senior's)
        let paid_in_full = pay_sr == want_sr && pay_jr == want_jr;
        if x.pst_sold == 0 && self.tranches.arrears == 0 && paid_in_full {
            let t = &self.tranches;
            let assets = t.assets_at(v.twap)?;
            let target = (assets as u128 * t.params.buffer_bps as u128 / BPS_DENOMINATOR as u128) as u64;
            let spend = t.usdc.saturating_sub(target);
            let (spent, bought) = self.buy(now, v.twap, spend)?;
            let t = &mut self.tranches;
            t.usdc -= spent; // spent ≤ usdc − target
            t.totals.usdc_spent = t.totals.usdc_spent.safe_add(spent).or_overflow()?;
            t.totals.pst_bought = t.totals.pst_bought.safe_add(bought).or_overflow()?;
            x.usdc_spent = spent;
            x.pst_bought = bought;
        }
        Ok(x)
    }

    /// Settle the trades' difference from the TWAP: the assets at the TWAP now, against the tranches' values. A
    /// gain pays senior's arrears first, then junior; a loss hits junior first, then senior (as arrears).
    fn settle_trades(&mut self, twap: u128) -> Result<()> {
        let t = &mut self.tranches;
        let assets = t.assets_at(twap)?;
        let values = t.books[0].value.safe_add(t.books[1].value).or_overflow()?;
        if assets >= values {
            let gain = assets - values;
            let to_senior = gain.min(t.arrears);
            t.arrears -= to_senior;
            t.yield_arrears = t.yield_arrears.min(t.arrears);
            t.books[0].value += to_senior;
            t.books[1].value += gain - to_senior;
        } else {
            let loss = values - assets;
            let junior_cut = loss.min(t.books[1].value);
            t.books[1].value -= junior_cut;
            let senior_cut = loss - junior_cut;
            t.books[0].value -= senior_cut; // values − assets ≤ values
            t.arrears = t.arrears.safe_add(senior_cut).or_overflow()?;
        }
        Ok(())
    }

    /// Mint the shares of the executed deposits into the escrows, burn the executed redemptions' shares.
    fn mint_and_burn(&self, x: &Execution) -> Result<()> {
        let seeds = self.tranches.signer_seeds();
        let signer: &[&[&[u8]]] = &[&seeds[..]];
        let program = self.token_2022_program.key();
        let authority = self.tranches.to_account_info();
        let parts = [
            (
                self.senior_mint.to_account_info(),
                self.senior_escrow.to_account_info(),
                x.fills[0].output,
                x.fills[1].executed,
            ),
            (
                self.junior_mint.to_account_info(),
                self.junior_escrow.to_account_info(),
                x.fills[2].output,
                x.fills[3].executed,
            ),
        ];
        for (mint, escrow, minted, burned) in parts {
            if minted > 0 {
                let accounts =
                    MintTo { mint: mint.clone(), to: escrow.clone(), authority: authority.clone() };
                token_interface::mint_to(CpiContext::new_with_signer(program, accounts, signer), minted)?;
            }
            if burned > 0 {
                let accounts = Burn { mint, from: escrow, authority: authority.clone() };
                token_interface::burn(CpiContext::new_with_signer(program, accounts, signer), burned)?;
            }
        }
        Ok(())
    }

    /// The AYM's inputs after the close.
    fn aym_inputs(&self) -> aym::Inputs {
        let t = &self.tranches;
        let (senior, junior) = (t.books[0].value, t.books[1].value);
        let m = t.params.min_subordination_bps;
        let assets = senior as u128 + junior as u128;
        let buffer_bps = (t.usdc as u128 * 10_000).checked_div(assets).map_or(BPS_DENOMINATOR, |v| v as u64);
        let share =
            band::annual_share(self.metrics.annual_revenue, self.merchant.economics.revenue_share_bps);
        let floor = Reserve::floor(share, self.metrics.period_secs);
        let backstop = band::slice(
            u64::MAX,
            self.reserve.usdc.saturating_sub(floor),
            self.reserve.params.senior_cap_bps,
        );
        let backstop_bps = if senior == 0 {
            u64::MAX
        } else {
            (backstop as u128 * 10_000 / senior as u128).min(u64::MAX as u128) as u64
        };
        aym::Inputs {
            senior_demand: t.books[0].pending_deposits,
            senior_capacity: tranche::senior_cap(junior, m).saturating_sub(senior),
            subordination_bps: tranche::subordination_bps(junior, senior),
            min_subordination_bps: m,
            buffer_bps: buffer_bps.min(BPS_DENOMINATOR) as u16,
            buffer_target_bps: t.params.buffer_bps,
            volatility_bps: self.metrics.volatility_bps,
            coverage_bps: self.metrics.coverage_bps,
            backstop_bps,
        }
    }
}

pub fn handler(ctx: Context<CloseEpoch>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let a = &mut *ctx.accounts;
    a.check(now)?;
    let twap = a.twap(now)?;

    // 1. income: the dividends of the vault's PST, and whatever else arrived
    let harvested = a.sync()?;
    let income = a.absorb()?;
    let t = &mut a.tranches;
    t.totals.absorbed = t.totals.absorbed.safe_add(income.saturating_sub(harvested)).or_overflow()?;

    // the shares outstanding are the mints' supplies (a holder may have burned some: their value stays with the
    // other holders of the tranche)
    let supplies_now = [a.senior_mint.supply, a.junior_mint.supply];
    let t = &mut a.tranches;
    for (book, supply) in t.books.iter_mut().zip(supplies_now) {
        require!(supply <= book.supply, TrancheError::InvariantViolated);
        book.supply = supply;
    }
    // a senior tranche nobody holds is owed nothing: what is left of it is junior's
    if t.books[0].supply == 0 {
        t.books[1].value = t.books[1].value.safe_add(t.books[0].value).or_overflow()?;
        t.books[0].value = 0;
        t.arrears = 0;
        t.yield_arrears = 0;
    }

    // 2–3. valuation at the TWAP and the waterfall, with the backstop (for senior's yield only)
    let t = &a.tranches;
    let elapsed = now - t.epoch_start;
    let before = [t.books[0].value, t.books[1].value];
    let assets = t.assets_at(twap)?;
    let target = tranche::target_yield(before[0], t.apy_bps, elapsed).ok_or(TrancheError::MathOverflow)?;
    let yield_due = t.yield_arrears.safe_add(target).or_overflow()?;
    let claim = before[0].safe_add(t.arrears).and_then(|c| c.safe_add(target)).or_overflow()?;
    let requested = tranche::backstop_request(assets, claim, yield_due);
    let paid = a.draw_backstop(requested)?;
    let split = tranche::split(assets.safe_add(paid).or_overflow()?, claim);
    let t = &mut a.tranches;
    t.books[0].value = split.senior;
    t.books[1].value = split.junior;
    t.arrears = split.arrears;
    t.yield_arrears = tranche::yield_arrears(split.arrears, yield_due, paid);
    t.last_price_q64 = twap;
    let supplies = [t.books[0].supply, t.books[1].supply];
    let yield_arrears = t.yield_arrears;
    let v = Valuation { twap, elapsed, income, assets, requested, paid, split, before };

    // 4. the queues at those prices, and the trades
    let x = a.execute(now, &v)?;
    a.settle_trades(twap)?;
    a.mint_and_burn(&x)?;

    // 5. the next epoch's senior APY
    let next_apy = aym::senior_apy_bps(&a.aym_inputs());
    let t = &mut a.tranches;
    let apy = t.apy_bps;
    let index = t.epoch;
    t.apy_bps = next_apy;
    t.epoch = index.safe_add(1).or_overflow()?;
    let start = t.epoch_start;
    t.epoch_start = now;

    // every invariant, every balance
    a.usdc_vault.reload()?;
    a.pst_vault.reload()?;
    a.senior_escrow.reload()?;
    a.junior_escrow.reload()?;
    a.senior_mint.reload()?;
    a.junior_mint.reload()?;
    let t = &a.tranches;
    t.invariant()?;
    require!(
        a.senior_mint.supply == t.books[0].supply && a.junior_mint.supply == t.books[1].supply,
        TrancheError::InvariantViolated
    );
    t.check_vaults(a.usdc_vault.amount, a.pst_vault.amount)?;
    t.check_shares(Tranche::Senior, a.senior_escrow.amount, a.senior_mint.supply)?;
    t.check_shares(Tranche::Junior, a.junior_escrow.amount, a.junior_mint.supply)?;

    let record = Box::new(Epoch {
        tranches: t.key(),
        index,
        start,
        end: now,
        apy_bps: apy,
        next_apy_bps: next_apy,
        twap_q64: twap,
        income: v.income,
        assets: v.assets,
        senior_claim: v.split.claim,
        backstop_requested: v.requested,
        backstop_paid: v.paid,
        arrears: v.split.arrears,
        yield_arrears,
        values: [v.split.senior, v.split.junior],
        supplies,
        senior_realised_bps: tranche::annualised_bps(v.before[0], v.split.senior, v.elapsed),
        junior_return_bps: tranche::annualised_bps(v.before[1], v.split.junior, v.elapsed),
        fills: x.fills,
        pst_sold: x.pst_sold,
        usdc_from_sales: x.usdc_from_sales,
        usdc_spent: x.usdc_spent,
        pst_bought: x.pst_bought,
        values_after: [t.books[0].value, t.books[1].value],
        bump: ctx.bumps.epoch,
    });
    let tranches_key = t.key();
    pst_common::create_anchor_account(
        &a.keeper.to_account_info(),
        &a.epoch.to_account_info(),
        &a.system_program.to_account_info(),
        8 + Epoch::INIT_SPACE,
        &[EPOCH_SEED, tranches_key.as_ref(), &index.to_le_bytes(), &[ctx.bumps.epoch]],
        record.as_ref(),
    )?;
    emit!(EpochClosed {
        tranches: tranches_key,
        epoch: index,
        elapsed: v.elapsed,
        apy_bps: apy,
        next_apy_bps: next_apy,
        twap_q64: twap,
        income: v.income,
        backstop_requested: v.requested,
        backstop_paid: v.paid,
        arrears: record.arrears,
        senior_value: record.values_after[0],
        junior_value: record.values_after[1],
        senior_realised_bps: record.senior_realised_bps,
        junior_return_bps: record.junior_return_bps,
        pst_sold: x.pst_sold,
        pst_bought: x.pst_bought,
    });
    Ok(())
}
