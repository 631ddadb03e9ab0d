//! One run of a scenario on the embedded bank with all five programs: the agents act week by week through real
//! transactions, a keeper cranks everything on schedule, and one [`Row`] a week is read back from the accounts.
//!
//! The starting point (every scenario, every seed): a merchant with 1.0M USDC of revenue a year and a 10% share,
//! its 1,000,000 PST sold out at 1.00 (PE 10, inside the reserve's band [8, 15]), a pool of 400,000 PST and
//! 400,000 USDC, a reserve with its 5% stake and 100,000 USDC of its own, three months of accepted history, and a
//! tranche vault with 40,000 USDC of junior and 160,000 of senior deposits (20% subordination), weekly epochs.
use crate::scenario::Scenario;
use amm_pool::instructions::Direction::{PstToUsdc, UsdcToPst};
use pst_tests::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use yield_tranches::state::Tranche::{Junior, Senior};

const DAY: i64 = 86_400;

/// What the keeper and the agents may change (the parameters a closing note proposes).
#[derive(Clone, Copy, Debug, Default)]
pub struct Overrides {
    /// The reserve's band edges, PE × 10,000.
    pub pe_low_bps: Option<u32>,
    pub pe_high_bps: Option<u32>,
    /// The reserve's slice of its own USDC or PST per trade, bps.
    pub slice_bps: Option<u16>,
    /// The tranches' minimum subordination, bps.
    pub min_subordination_bps: Option<u16>,
    /// More stake the merchant deposits at the start, bps of its market cap at the issue price (the approved
    /// stake is 5%: 500 more makes it 10%).
    pub extra_stake_bps: Option<u16>,
}

/// One week, read back from the chain after its epoch closed.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub week: u32,
    /// The merchant's sales this week, what was reported for it and what went through settlement (USDC).
    pub gross: f64,
    pub settled: f64,
    /// The pool's spot price at the close and its 1-day TWAP (USDC per PST); the fair price agents trade to.
    pub price: f64,
    pub twap: f64,
    pub reference: f64,
    /// PE at the spot price and the band's edges.
    pub pe: f64,
    pub pe_low: f64,
    pub pe_high: f64,
    /// The reserve: its own USDC, its PST, the merchant's stake (USDC), shortfalls covered so far (USDC).
    pub reserve_usdc: f64,
    pub reserve_pst: f64,
    pub stake: f64,
    pub covered: f64,
    /// Shortfalls recorded so far (USDC).
    pub shortfall: f64,
    /// The tranches: senior APY set for the epoch and realised (annualised, %), NAVs, arrears, backstop draws.
    pub apy_set: f64,
    pub apy_realised: f64,
    pub senior_nav: f64,
    pub junior_nav: f64,
    pub arrears: f64,
    pub backstop: f64,
    /// Whether the epoch closed this week (an oracle outage leaves the metrics stale and the close refused).
    pub epoch_closed: bool,
    /// The revenue share that reached the distributor this week (USDC), and that per PST of supply.
    pub distributed: f64,
    pub dividends_per_pst: f64,
    /// A staked holder's dividends this week, annualised, as % of its PST's value at the spot price.
    pub holder_yield: f64,
}

/// A finished run.
#[derive(Clone, Debug)]
pub struct Run {
    pub scenario: Scenario,
    pub seed: u64,
    pub rows: Vec<Row>,
    /// Junior's NAV per share at the start and at the end (USDC per share).
    pub junior_share_start: f64,
    pub junior_share_end: f64,
    /// The first week the simulator's ledger differed from the agents' token accounts, and how.
    pub divergence: Option<(u32, String)>,
}

fn f(v: u64) -> f64 {
    v as f64 / USDC as f64
}

/// A standard normal draw (Box-Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u1, u2): (f64, f64) = (rng.random::<f64>().max(1e-12), rng.random::<f64>());
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// The simulator's own accounting of each agent's tokens, kept from what it sends and from the curve, never read
/// from the agents' token accounts: [`Ledger::diverges`] compares the two.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    pub trader_usdc: u64,
    pub trader_pst: u64,
    /// The dividend holder's USDC and unstaked PST.
    pub holder_usdc: u64,
    pub holder_pst: u64,
    /// Junior's and senior's USDC and shares.
    pub usdc: [u64; 2],
    pub shares: [u64; 2],
}

impl Ledger {
    /// What the token accounts hold, in the ledger's shape.
    async fn read(env: &mut Env, m: &MerchantKeys, trader: &Investor, inv: [&Investor; 3]) -> Ledger {
        Ledger {
            trader_usdc: env.balance(&trader.usdc).await,
            trader_pst: env.balance(&trader.pst).await,
            holder_usdc: env.balance(&inv[2].usdc).await,
            holder_pst: env.balance(&inv[2].pst).await,
            usdc: [env.balance(&inv[0].usdc).await, env.balance(&inv[1].usdc).await],
            shares: [env.shares(m, inv[0], Junior).await, env.shares(m, inv[1], Senior).await],
        }
    }

    /// The first difference between the ledger and the token accounts, if any.
    pub async fn diverges(
        &self,
        env: &mut Env,
        m: &MerchantKeys,
        trader: &Investor,
        inv: [&Investor; 3],
    ) -> Option<String> {
        let chain = Ledger::read(env, m, trader, inv).await;
        (chain != *self).then(|| format!("ledger {self:?} != token accounts {chain:?}"))
    }
}

/// The trader swaps `amount_in`: the pool's dividends are harvested first (a keeper's crank), so the curve alone
/// gives the output, which the ledger books.
async fn swap(
    env: &mut Env,
    m: &MerchantKeys,
    trader: &Investor,
    ledger: &mut Ledger,
    buy: bool,
    amount_in: u64,
) {
    let _ = env.harvest(m).await;
    let pool = env.pool(m).await;
    let (r_in, r_out) =
        if buy { (pool.reserve_usdc, pool.reserve_pst) } else { (pool.reserve_pst, pool.reserve_usdc) };
    let Ok(q) = pst_math::curve::swap_exact_in(r_in, r_out, amount_in, pool.fee_bps, pool.protocol_share_bps)
    else {
        return;
    };
    let dir = if buy { UsdcToPst } else { PstToUsdc };
    if env.swap_in(m, trader, dir, amount_in, q.amount_out).await.is_ok() {
        if buy {
            ledger.trader_usdc -= amount_in;
            ledger.trader_pst += q.amount_out;
        } else {
            ledger.trader_pst -= amount_in;
            ledger.trader_usdc += q.amount_out;
        }
    }
}

/// Trade the pool to `target` (USDC per PST), as an arbitrageur against an external price would.
async fn trade_to(env: &mut Env, m: &MerchantKeys, trader: &Investor, ledger: &mut Ledger, target: f64) {
    let pool = env.pool(m).await;
    let (x, y) = (pool.reserve_pst as f64, pool.reserve_usdc as f64);
    let (k, spot) = (x * y, y / x);
    if spot > target * 1.005 {
        let amount = ((((k / target).sqrt() - x) * 1.003) as u64).min(ledger.trader_pst);
        if amount > 0 {
            swap(env, m, trader, ledger, false, amount).await;
        }
    } else if spot < target * 0.995 {
        let amount = ((((k * target).sqrt() - y) * 1.003) as u64).min(ledger.trader_usdc);
        if amount > 0 {
            swap(env, m, trader, ledger, true, amount).await;
        }
    }
}

/// `who` claims in `t`: the ledger books what its request says it received.
async fn claim(
    env: &mut Env,
    m: &MerchantKeys,
    who: &Investor,
    t: yield_tranches::state::Tranche,
    i: usize,
    ledger: &mut Ledger,
) {
    let owner = who.wallet.pubkey();
    let before = env.request(m, &owner, t).await;
    if env.claim_tranche(m, who, t).await.is_ok() {
        if let (Some(b), Some(a)) = (before, env.request(m, &owner, t).await) {
            ledger.usdc[i] += a.usdc_received - b.usdc_received;
            ledger.shares[i] += a.shares_received - b.shares_received;
        }
    }
}

/// Run `scenario` for `weeks` weekly epochs from `seed`. `check` asserts conservation after every epoch.
pub async fn run(scenario: Scenario, seed: u64, weeks: u32, o: Overrides, check: bool) -> Run {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (scenario as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut env = Env::new().await;
    env.mute_program_output = true;
    let (m, trader, reporters) = env.tranche_merchant().await;
    env.mint_usdc(&trader.usdc, 5_000_000 * USDC).await;
    let admin = env.admin.insecure_clone();
    // the vault may trade within 2% of the TWAP (the demo's setting), and the overrides
    let mut tp = yield_tranches::state::TrancheParams { max_slippage_bps: 200, ..Default::default() };
    if let Some(s) = o.min_subordination_bps {
        tp.min_subordination_bps = s;
    }
    env.send_ok(&[env.set_tranche_params(&m, &admin.pubkey(), tp)], &[&admin]).await;
    let mut rp = env.reserve(&m).await.params;
    rp.pe_low_bps = o.pe_low_bps.unwrap_or(rp.pe_low_bps);
    rp.pe_high_bps = o.pe_high_bps.unwrap_or(rp.pe_high_bps);
    rp.slice_bps = o.slice_bps.unwrap_or(rp.slice_bps);
    env.send_ok(&[env.set_reserve_params(&m, &admin.pubkey(), rp)], &[&admin]).await;
    if let Some(bps) = o.extra_stake_bps {
        let amount = 1_000_000 * USDC * bps as u64 / 10_000;
        let merchant = m.authority.insecure_clone();
        let usdc = env.merchant_usdc_account(&m).await;
        env.mint_usdc(&usdc, amount).await;
        env.deposit_stake_from(&m, &merchant, &usdc, amount).await.expect("a stake top-up");
    }
    // an LP deepens the pool to 400,000 PST at 1.00
    let lp_mint = PoolAddresses::of(&m).lp_mint;
    let lp_account = env.create_ata(&trader.wallet.pubkey(), &lp_mint, &anchor_spl::token::ID).await;
    let wallet = trader.wallet.insecure_clone();
    let lp = Lp { investor: Investor { wallet, usdc: trader.usdc, pst: trader.pst }, lp: lp_account };
    env.add_liquidity(&m, &lp, 100_000 * PST, u64::MAX, u64::MAX).await.expect("liquidity");
    let junior = env.tranche_investor(&m, 200_000 * USDC).await;
    let senior = env.tranche_investor(&m, 800_000 * USDC).await;
    env.deposit_request(&m, &junior, Junior, 40_000 * USDC).await.expect("junior deposit");
    env.deposit_request(&m, &senior, Senior, 160_000 * USDC).await.expect("senior deposit");
    // a holder buys 50,000 USDC of PST on the pool and stakes it for dividends
    let holder = env.investor(&m, 0).await;
    env.mint_usdc(&holder.usdc, 50_000 * USDC).await;
    let _ = env.harvest(&m).await;
    let pool = env.pool(&m).await;
    let q =
        pst_math::curve::swap_exact_in(pool.reserve_usdc, pool.reserve_pst, 50_000 * USDC, pool.fee_bps, 0)
            .expect("a quote");
    env.swap_in(&m, &holder, UsdcToPst, 50_000 * USDC, q.amount_out).await.expect("the holder buys");
    env.open_position(&m, &holder.wallet).await.expect("a position");
    env.stake(&m, &holder, q.amount_out).await.expect("the holder stakes");
    let staked = q.amount_out;
    // from here on, the ledger books every movement of the agents' tokens
    let mut ledger = Ledger::read(&mut env, &m, &trader, [&junior, &senior, &holder]).await;
    let mut divergence = None;

    let base_week = f(BAND_GROSS) * 7.0 / 30.0; // 1.0M a year
    let supply = f(env.supply(&m.pst_mint).await);
    let mut grosses: Vec<f64> = vec![base_week; 8];
    let mut rows = Vec::new();
    let mut junior_share_start = 0.0;
    for week in 0..weeks {
        // ---- the week's events ------------------------------------------------------------------------
        if week == 11 && env.deposit_request(&m, &junior, Junior, 15_000 * USDC).await.is_ok() {
            ledger.usdc[0] -= 15_000 * USDC;
        }
        if week == 12 && env.deposit_request(&m, &senior, Senior, 60_000 * USDC).await.is_ok() {
            ledger.usdc[1] -= 60_000 * USDC;
        }
        if Some(week) == scenario.senior_run_week() {
            let run = ledger.shares[1] * 8 / 10;
            if env.redeem_request(&m, &senior, Senior, run).await.is_ok() {
                ledger.shares[1] -= run;
            }
        }
        // ---- the merchant's sales: trend 10% a year, seasonality, noise, the scenario's shock -----------
        let trend = 1.10f64.powf(week as f64 / 52.0);
        let season = 1.0 + 0.15 * (2.0 * std::f64::consts::PI * week as f64 / 52.0).sin();
        let noise = (0.10 * normal(&mut rng) - 0.005).exp();
        let gross = base_week * trend * season * noise * scenario.revenue_factor(week);
        let settled = gross * scenario.settled_share();
        grosses.push(gross);
        env.sales_proceeds(&m, (settled * USDC as f64) as u64).await;
        let _ = env.sweep(&m).await;
        let dist_before = env.distributor(&m).await.total_inflow;
        let (keeper, keeper_usdc) = (env.payer(), env.keeper_usdc().await);
        let _ = env.distribute(&m, &keeper, &keeper_usdc).await;
        let distributed = f(env.distributor(&m).await.total_inflow - dist_before);
        // ---- seven days of trading: the arbitrageur to the fair price (PE 10 of the trailing two months'
        // revenue), noise traders, and the keeper cranking the band once a day ----------------------------
        let trailing: f64 = grosses[grosses.len() - 8..].iter().sum::<f64>() / 8.0;
        let fair = trailing / base_week;
        let reference = fair * scenario.price_factor(week).unwrap_or(1.0);
        for day in 0..7 {
            env.warp(DAY);
            // a shock trader sets the price on the window's first day; the arbitrageur stays away from it
            let shock_window = scenario.price_factor(week).is_some();
            if !shock_window || (day == 0 && scenario.price_factor(week.saturating_sub(1)).is_none()) {
                trade_to(&mut env, &m, &trader, &mut ledger, reference).await;
            }
            let pool = env.pool(&m).await;
            let size = (pool.reserve_pst as f64 * 0.01 * rng.random::<f64>()) as u64;
            if rng.random::<bool>() {
                let amount = size.clamp(PST, ledger.trader_pst.max(PST));
                swap(&mut env, &m, &trader, &mut ledger, false, amount).await;
            } else {
                let usdc = (size as f64 * pool.reserve_usdc as f64 / pool.reserve_pst as f64) as u64;
                let amount = usdc.clamp(USDC, ledger.trader_usdc.max(USDC));
                swap(&mut env, &m, &trader, &mut ledger, true, amount).await;
            }
            let _ = env.crank_band(&m).await;
        }
        // ---- reporters report every period that ended (unless the oracle is out); the keeper accepts and
        // covers what is short -----------------------------------------------------------------------------
        if !scenario.oracle_out(week) {
            loop {
                let feed = env.feed(&m).await;
                let next = feed.next_period;
                if env.now < feed.period_end(next).expect("period end") {
                    break;
                }
                let period_gross = (trailing * 30.0 / 7.0 * USDC as f64) as u64;
                for r in &reporters {
                    let r = r.insecure_clone();
                    let _ = env.submit(&m, &r, next, period_gross, (period_gross / 5) as i64).await;
                }
                if env.accept(&m, next).await.is_err() {
                    break;
                }
                let _ = env.cover(&m, next).await;
            }
        }
        let _ = env.harvest_reserve_now(&m).await;
        // ---- the epoch closes; investors claim ----------------------------------------------------------
        let before = env.tranches(&m).await;
        let closed = env.close_epoch_now(&m).await.is_ok();
        // the holder claims its dividends: the ledger books what its position says it was paid
        let paid_before = env.position(&m, &holder.wallet.pubkey()).await.claimed;
        let mut holder_claimed = 0;
        if env.claim(&m, &holder).await.is_ok() {
            holder_claimed = env.position(&m, &holder.wallet.pubkey()).await.claimed - paid_before;
            ledger.holder_usdc += holder_claimed;
        }
        claim(&mut env, &m, &junior, Junior, 0, &mut ledger).await;
        claim(&mut env, &m, &senior, Senior, 1, &mut ledger).await;
        if check {
            env.assert_all_conserved(&m).await;
        }
        if divergence.is_none() {
            if let Some(why) = ledger.diverges(&mut env, &m, &trader, [&junior, &senior, &holder]).await {
                divergence = Some((week, why));
            }
        }
        // ---- the week's row ------------------------------------------------------------------------------
        let band = env.band_reading(&m).await;
        let reserve = env.reserve(&m).await;
        let settlement = env.settlement(&m).await;
        let t = env.tranches(&m).await;
        let pool = env.pool(&m).await;
        let k = PoolAddresses::of(&m);
        let twap = match (env.raw_account(&k.observations).await, env.now) {
            (Some(acc), now) => pst_client::read::observations(&acc.data)
                .ok()
                .and_then(|obs| amm_pool::state::twap_q64(&pool, &k.pool, &obs, now, DAY).ok())
                .map(q64_to_f64)
                .map(|p| p * PST as f64 / USDC as f64)
                .unwrap_or(0.0),
            _ => 0.0,
        };
        let mut row = Row {
            week,
            gross,
            settled,
            price: band.spot * PST as f64 / USDC as f64,
            twap,
            reference,
            pe: band.spot_pe_bps as f64 / 10_000.0,
            pe_low: reserve.params.pe_low_bps as f64 / 10_000.0,
            pe_high: reserve.params.pe_high_bps as f64 / 10_000.0,
            reserve_usdc: f(reserve.usdc),
            reserve_pst: f(reserve.pst),
            stake: f(reserve.stake),
            covered: f(reserve.covered_total),
            shortfall: f(settlement.shortfall_recorded),
            senior_nav: f(t.books[0].value),
            junior_nav: f(t.books[1].value),
            arrears: f(t.arrears),
            epoch_closed: closed,
            distributed,
            dividends_per_pst: distributed / supply,
            holder_yield: f(holder_claimed) * 52.0 / (f(staked) * band.spot * PST as f64 / USDC as f64)
                * 100.0,
            ..Row::default()
        };
        if closed {
            let e = env.epoch_record(&m, before.epoch).await;
            row.apy_set = e.apy_bps as f64 / 100.0;
            row.apy_realised = e.senior_realised_bps as f64 / 100.0;
            row.backstop = f(e.backstop_paid);
            if junior_share_start == 0.0 && e.supplies[1] > 0 {
                junior_share_start = e.values[1] as f64 / e.supplies[1] as f64;
            }
        }
        rows.push(row);
    }
    let t = env.tranches(&m).await;
    let junior_share_end =
        if t.books[1].supply > 0 { t.books[1].value as f64 / t.books[1].supply as f64 } else { 0.0 };
    Run { scenario, seed, rows, junior_share_start, junior_share_end, divergence }
}
