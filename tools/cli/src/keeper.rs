//! `pst keeper run`: the keeper daemon.
//!
//! Each pass finds every listed merchant by `getProgramAccounts` (the `Merchant` discriminator), reads its
//! accounts, and works out which cranks are due from their state: the close of a sale that ended, the next
//! revenue period once it ended with enough reports, a sweep of settled revenue, the reserve's cover of a short
//! period, a distribution of new dividends, pushes to opted-in holders, the pool's and the reserve's dividend
//! harvests, the reserve's stabilisation, the tranches' epoch close. A due crank is simulated first and sent
//! only if the program would accept it now (a refusal for a known reason sends nothing), with a compute-unit
//! limit from the compute-unit table and the priority fee. A crank another keeper did first is refused by the
//! program (the programs make every crank idempotent) and counted as `already_done`, not as a failure.
//! RPC failures back off exponentially and the daemon resumes when the RPC answers again.
use crate::{
    chain::{is_unreachable, Simulated},
    cmd::{usdc, Ctx},
    units, Error, Output,
};
use alar_reserve::state::Reserve;
use amm_pool::state::Pool;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use clap::{Args, Subcommand};
use pst_client::{
    revenue_distributor::claimable, DistributorAddresses, Instruction, MerchantAddresses, PoolAddresses,
    Pubkey, ReserveAddresses, TrancheAddresses, TOKEN_PROGRAM,
};
use pst_mint::state::{Merchant, MerchantStatus, PeriodReport, ProtocolConfig, RevenueFeed};
use revenue_distributor::state::{Distributor, Position};
use serde_json::json;
use std::{
    collections::BTreeMap,
    io::{Read, Write},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};
use tracing::{debug, info, warn};
use yield_tranches::state::Tranches;

#[derive(Subcommand, Debug)]
pub enum KeeperCmd {
    /// Run the keeper: find due cranks and send them, every --interval-secs
    Run(RunArgs),
}

#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// One pass, then exit (for scripts and tests)
    #[arg(long)]
    pub once: bool,
    /// Seconds between passes
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=3_600), default_value_t = 10)]
    pub interval_secs: u64,
    /// Prometheus text endpoint on 127.0.0.1 (0: none; default 9464, none with --once)
    #[arg(long, value_parser = clap::value_parser!(u16))]
    pub metrics_port: Option<u16>,
    /// Longest wait between retries while the RPC is unreachable, seconds
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=3_600), default_value_t = 60)]
    pub max_backoff_secs: u64,
    /// Push dividends to an opted-in holder only once it is owed at least this much USDC (the program skips one
    /// owed less, so a racing keeper's late copy is refused)
    #[arg(long, value_parser = crate::cmd::amount6, default_value = "1")]
    pub min_push: u64,
    /// Sweep, distribute or harvest only once at least this much USDC is due (harvests pass it to the program
    /// as their floor): dust sent to a vault does not make the keeper pay fees
    #[arg(long, value_parser = crate::cmd::amount6, default_value = "1")]
    pub min_crank: u64,
}

/// Where a `Position`'s `auto_payout` flag sits: the discriminator, the distributor, the owner, `staked`,
/// `checkpoint` (u128), `pending`, `claimed`.
const POSITION_AUTO_PAYOUT_OFFSET: usize = 8 + 32 + 32 + 8 + 16 + 8 + 8;

/// The keeper's counters (what the Prometheus endpoint serves).
#[derive(Default)]
pub struct Metrics {
    pub passes: AtomicU64,
    pub sent: AtomicU64,
    pub succeeded: AtomicU64,
    pub failed: AtomicU64,
    pub already_done: AtomicU64,
    pub skipped: AtomicU64,
    pub rpc_errors: AtomicU64,
    pub tips_earned: AtomicU64,
    pub by_crank: Mutex<BTreeMap<String, u64>>,
}

impl Metrics {
    pub fn prometheus(&self) -> String {
        let mut s = String::new();
        let mut counter = |name: &str, help: &str, v: u64| {
            s.push_str(&format!("# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}\n"));
        };
        counter(
            "pst_keeper_passes_total",
            "Passes over every merchant.",
            self.passes.load(Ordering::Relaxed),
        );
        counter("pst_keeper_cranks_sent_total", "Cranks sent.", self.sent.load(Ordering::Relaxed));
        counter(
            "pst_keeper_cranks_succeeded_total",
            "Cranks confirmed.",
            self.succeeded.load(Ordering::Relaxed),
        );
        counter("pst_keeper_cranks_failed_total", "Cranks that failed.", self.failed.load(Ordering::Relaxed));
        counter(
            "pst_keeper_cranks_already_done_total",
            "Cranks refused because another keeper did them first.",
            self.already_done.load(Ordering::Relaxed),
        );
        counter(
            "pst_keeper_cranks_skipped_total",
            "Due cranks the simulation said the program would refuse (not sent).",
            self.skipped.load(Ordering::Relaxed),
        );
        counter("pst_keeper_rpc_errors_total", "RPC failures.", self.rpc_errors.load(Ordering::Relaxed));
        counter(
            "pst_keeper_tips_earned_usdc_base_units_total",
            "Keeper tips received, USDC base units.",
            self.tips_earned.load(Ordering::Relaxed),
        );
        s.push_str("# HELP pst_keeper_cranks_by_kind_total Cranks confirmed, by kind.\n# TYPE pst_keeper_cranks_by_kind_total counter\n");
        for (k, v) in self.by_crank.lock().map(|m| m.clone()).unwrap_or_default() {
            s.push_str(&format!("pst_keeper_cranks_by_kind_total{{crank=\"{k}\"}} {v}\n"));
        }
        s
    }
}

/// One due crank: what it is, for which merchant, its instructions and compute-unit limit.
pub struct Crank {
    pub kind: &'static str,
    pub merchant: Pubkey,
    pub ixs: Vec<Instruction>,
    pub units: u32,
}

/// What one pass did.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    pub merchants: usize,
    pub due: usize,
    pub sent: usize,
    pub succeeded: usize,
    pub already_done: usize,
    pub skipped: usize,
    pub failed: usize,
    pub tips: u64,
    /// (kind, merchant) of each confirmed crank.
    pub done: Vec<(String, String)>,
    /// (kind, merchant, reason) of each crank that failed.
    pub failures: Vec<(String, String, String)>,
}

/// Refusals that mean the work is already done (by another keeper, or by a user's own transaction). Any other
/// refusal of a crank that simulated well counts as already done when a new simulation refuses it too.
const ALREADY_DONE: &[&str] = &[
    "PeriodAlreadyAccepted",
    "OutOfOrderPeriod",
    "NothingToSweep",
    "NothingToDistribute",
    "NothingToHarvest",
    "NothingToClaim",
    "PeriodAlreadyCovered",
    "StakeExhausted",
    "CooldownActive",
    "EpochNotEnded",
    "InvalidMerchantStatus",
    "AccountAlreadyInUse",
];

pub struct Keeper<'a> {
    pub ctx: &'a Ctx,
    pub metrics: Arc<Metrics>,
    pub min_push: u64,
    pub min_crank: u64,
    /// Set by SIGINT/SIGTERM: the pass stops after the crank in flight.
    pub stop: Arc<AtomicBool>,
}

impl Keeper<'_> {
    fn me(&self) -> Pubkey {
        self.ctx.me()
    }

    fn keeper_usdc(&self) -> Pubkey {
        pst_client::associated_token_address(&self.me(), &self.ctx.config.usdc_mint, &TOKEN_PROGRAM)
    }

    /// Every crank due now for one merchant, in the order they should land.
    pub fn due(
        &self,
        m: &MerchantAddresses,
        x: &Merchant,
        config: &ProtocolConfig,
        now: i64,
    ) -> Result<Vec<Crank>, Error> {
        let c = &self.ctx.chain;
        let cl = &self.ctx.client;
        let me = self.me();
        let mut out = vec![];
        let mut push = |kind, ixs: Vec<Instruction>, cu: &[(&str, &str)]| {
            let units = units::for_transaction(ixs.len(), cu);
            out.push(Crank { kind, merchant: m.merchant, ixs, units });
        };
        if x.status == MerchantStatus::Sale && (now >= x.sale.end || x.sale.sold >= x.sale.public_supply) {
            push("close_sale", vec![cl.close_sale(m)], &[("pst_mint", "close_sale")]);
        }
        let feed: Option<RevenueFeed> = c.anchor_opt(&m.feed)?;
        if let Some(f) = &feed {
            let p = f.next_period;
            let ended = f.period_end(p).map(|end| now >= end).unwrap_or(false);
            if ended {
                let report: Option<PeriodReport> = c.anchor_opt(&m.report(p))?;
                if let Some(r) = report {
                    if r.accepted.is_none() && r.submissions.len() >= f.params.min_responses as usize {
                        push("accept_period", vec![cl.accept_period(m, p)], &[("pst_mint", "accept_period")]);
                    }
                }
            }
            // customers' payments not swept yet: the vault above what settlement already accounts for
            let balance = c.token_balance(&m.settlement_vault)?;
            let settlement: Option<pst_mint::state::Settlement> = c.anchor_opt(&m.settlement)?;
            let unswept = balance.saturating_sub(settlement.map(|s| s.available).unwrap_or(0));
            if unswept >= self.min_crank.max(1) {
                push("sweep", vec![cl.sweep(m, f.period_at(now), &me)], &[("pst_mint", "sweep")]);
            }
        }
        let r = ReserveAddresses::of(m);
        let reserve: Option<Reserve> = c.anchor_opt(&r.reserve)?;
        if reserve.is_some() {
            // each short period in the metrics' history the reserve has not covered in full
            if let Some(metrics) = c.anchor_opt::<pst_mint::state::MerchantMetrics>(&m.metrics)? {
                for record in metrics.records().iter().filter(|r| r.shortfall > 0) {
                    let cover: Option<alar_reserve::state::Cover> = c.anchor_opt(&r.cover(record.period))?;
                    if cover.is_none_or(|cv| cv.covered < cv.shortfall) {
                        push(
                            "cover_shortfall",
                            vec![cl.cover_shortfall(m, &me, record.period)],
                            &[("alar_reserve", "cover_shortfall")],
                        );
                    }
                }
            }
        }
        let d = DistributorAddresses::of(m);
        let distributor: Option<Distributor> = c.anchor_opt(&d.distributor)?;
        if let Some(dist) = &distributor {
            if c.token_balance(&d.dividend_vault)?.saturating_sub(dist.accounted) >= self.min_crank.max(1) {
                // the protocol fee goes to the admin's USDC account (read each pass: the admin may change)
                let admin_usdc =
                    pst_client::associated_token_address(&config.admin, &config.usdc_mint, &TOKEN_PROGRAM);
                let mut ixs = vec![];
                if c.data(&admin_usdc)?.is_none() {
                    ixs.push(create_associated_token_account_idempotent(
                        &me,
                        &config.admin,
                        &config.usdc_mint,
                        &TOKEN_PROGRAM,
                    ));
                }
                ixs.push(cl.distribute(m, &me, &self.keeper_usdc(), &admin_usdc));
                push("distribute", ixs, &[("revenue_distributor", "distribute")]);
            }
            // pushes to opted-in holders owed at least `min_push` (only the opted-in positions of this
            // distributor are fetched: `auto_payout` is the byte after the fixed fields), whose payout account is
            // still a USDC account (a closed one would fail the whole batch)
            let positions = c.all::<Position>(
                &pst_ids::revenue_distributor::ID,
                &[(8, d.distributor.as_ref()), (POSITION_AUTO_PAYOUT_OFFSET, &[1])],
            )?;
            let mut owed: Vec<(Pubkey, Pubkey)> = vec![];
            for (k, p) in positions {
                if claimable(dist, &p, now) < self.min_push.max(1) {
                    continue;
                }
                let payable = c.account(&p.payout_account)?.is_some_and(|(owner, data)| {
                    owner == TOKEN_PROGRAM
                        && pst_client::read::token_mint(&data).ok() == Some(config.usdc_mint)
                });
                if payable {
                    owed.push((k, p.payout_account));
                }
            }
            for batch in owed.chunks(revenue_distributor::constants::MAX_PUSH_BATCH as usize) {
                push(
                    "push_payouts",
                    vec![cl.push_payouts_with_floor(
                        m,
                        &me,
                        &self.keeper_usdc(),
                        batch,
                        self.min_push.max(1),
                    )],
                    &[("revenue_distributor", "push_payouts")],
                );
            }
        }
        let floor = self.min_crank.max(1);
        let p = PoolAddresses::of(m);
        let pool: Option<Pool> = c.anchor_opt(&p.pool)?;
        if let (Some(_), Some(dist)) = (&pool, &distributor) {
            if owed_to(c, &p.position, dist, now)? >= floor {
                let ix = cl.harvest_dividends_with_floor(m, floor);
                push("harvest_dividends", vec![ix], &[("amm_pool", "harvest_dividends")]);
            }
        }
        if let (Some(res), Some(dist)) = (&reserve, &distributor) {
            let unabsorbed =
                c.token_balance(&r.usdc_vault)?.saturating_sub(res.stake.saturating_add(res.usdc));
            if owed_to(c, &r.position, dist, now)?.saturating_add(unabsorbed) >= floor {
                let ix = cl.harvest_reserve_with_floor(m, &me, floor);
                push("harvest_reserve", vec![ix], &[("alar_reserve", "harvest")]);
            }
            if x.status == MerchantStatus::Active && pool.is_some() {
                push("stabilize", vec![cl.stabilize(m, &me)], &[("alar_reserve", "stabilize")]);
            }
        }
        let t = TrancheAddresses::of(m);
        if let Some(tr) = c.anchor_opt::<Tranches>(&t.tranches)? {
            if now >= tr.epoch_start.saturating_add(tr.params.epoch_secs) {
                push(
                    "close_epoch",
                    vec![cl.close_epoch(m, &me, tr.epoch)],
                    &[("yield_tranches", "close_epoch")],
                );
            }
        }
        Ok(out)
    }

    /// One pass over every merchant.
    pub fn pass(&self) -> Result<Pass, Error> {
        let c = &self.ctx.chain;
        let me = self.me();
        let mut pass = Pass::default();
        // the keeper's USDC account, for its tips
        if c.data(&self.keeper_usdc())?.is_none() {
            let ix = create_associated_token_account_idempotent(
                &me,
                &me,
                &self.ctx.config.usdc_mint,
                &TOKEN_PROGRAM,
            );
            c.send(&[ix], &[], 30_000)?;
        }
        let tips_before = c.token_balance(&self.keeper_usdc())?;
        let now = c.now()?;
        let config: ProtocolConfig = c.anchor(&pst_client::pst_mint::CONFIG, "the protocol config")?;
        let merchants = c.all::<Merchant>(&pst_ids::pst_mint::ID, &[])?;
        for (key, x) in merchants {
            // a delisted merchant still has shortfalls to cover and holders to pay
            if !matches!(x.status, MerchantStatus::Sale | MerchantStatus::Active | MerchantStatus::Delisted) {
                continue;
            }
            let m = MerchantAddresses::new(&x.authority);
            if m.merchant != key {
                continue; // not at its own address: not a merchant of pst_mint
            }
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
            pass.merchants += 1;
            // one merchant's trouble does not stop the others (an unreachable RPC stops the pass)
            let due = match self.due(&m, &x, &config, now) {
                Ok(due) => due,
                Err(e) if is_unreachable(&e) => return Err(e),
                Err(e) => {
                    warn!(merchant = %m.merchant, error = %e, "cannot work out what is due");
                    pass.failures.push(("due".into(), m.merchant.to_string(), e.to_string()));
                    pass.failed += 1;
                    continue;
                }
            };
            for crank in due {
                if self.stop.load(Ordering::Relaxed) {
                    break;
                }
                pass.due += 1;
                match self.run_crank(&crank, &mut pass) {
                    Ok(()) => {}
                    Err(e) if is_unreachable(&e) => return Err(e),
                    Err(e) => {
                        warn!(crank = crank.kind, merchant = %m.merchant, error = %e, "crank failed");
                        pass.failures.push((crank.kind.to_string(), m.merchant.to_string(), e.to_string()));
                        pass.failed += 1;
                    }
                }
            }
        }
        pass.tips = c.token_balance(&self.keeper_usdc())?.saturating_sub(tips_before);
        self.metrics.tips_earned.fetch_add(pass.tips, Ordering::Relaxed);
        self.metrics.passes.fetch_add(1, Ordering::Relaxed);
        Ok(pass)
    }

    fn run_crank(&self, crank: &Crank, pass: &mut Pass) -> Result<(), Error> {
        let c = &self.ctx.chain;
        let m = &self.metrics;
        let units = match c.simulate(&crank.ixs, &[], crate::chain::MAX_UNITS)? {
            Simulated::Refused(why) => {
                debug!(crank = crank.kind, merchant = %crank.merchant, reason = %why, "not due: the program would refuse it");
                pass.skipped += 1;
                m.skipped.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            Simulated::Ok(used) => crate::chain::fit(crank.units, used),
        };
        let mut backoff = Duration::from_millis(250);
        for attempt in 1..=3 {
            pass.sent += 1;
            m.sent.fetch_add(1, Ordering::Relaxed);
            match c.send_unchecked(&crank.ixs, &[], units) {
                Ok(sig) => {
                    info!(crank = crank.kind, merchant = %crank.merchant, signature = %sig, "crank confirmed");
                    pass.succeeded += 1;
                    pass.done.push((crank.kind.to_string(), crank.merchant.to_string()));
                    m.succeeded.fetch_add(1, Ordering::Relaxed);
                    if let Ok(mut by) = m.by_crank.lock() {
                        *by.entry(crank.kind.to_string()).or_default() += 1;
                    }
                    return Ok(());
                }
                Err(Error::Refused(why))
                    if ALREADY_DONE.iter().any(|n| why.contains(n)) || self.no_longer_due(crank) =>
                {
                    info!(crank = crank.kind, merchant = %crank.merchant, reason = %why, "already done by another keeper");
                    pass.already_done += 1;
                    m.already_done.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                Err(Error::Refused(why)) => {
                    warn!(crank = crank.kind, merchant = %crank.merchant, reason = %why, "crank refused");
                    pass.failures.push((crank.kind.to_string(), crank.merchant.to_string(), why));
                    pass.failed += 1;
                    m.failed.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                Err(e) if is_unreachable(&e) => return Err(e),
                Err(e) => {
                    m.rpc_errors.fetch_add(1, Ordering::Relaxed);
                    warn!(crank = crank.kind, merchant = %crank.merchant, attempt, error = %e, "send failed; retrying");
                    std::thread::sleep(backoff);
                    backoff *= 2;
                }
            }
        }
        pass.failed += 1;
        m.failed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

impl Keeper<'_> {
    /// Whether a crank that simulated well and was then refused is refused by a simulation now too: the state
    /// moved on between the two (another keeper's transaction landed first), so the work is done.
    fn no_longer_due(&self, crank: &Crank) -> bool {
        matches!(self.ctx.chain.simulate(&crank.ixs, &[], crate::chain::MAX_UNITS), Ok(Simulated::Refused(_)))
    }
}

/// Dividends a custody position (the pool's, the reserve's) would harvest now.
fn owed_to(c: &crate::chain::Chain, position: &Pubkey, dist: &Distributor, now: i64) -> Result<u64, Error> {
    Ok(c.anchor_opt::<Position>(position)?.map(|p| claimable(dist, &p, now)).unwrap_or(0))
}

/// Serve the counters as Prometheus text on 127.0.0.1:`port` until the process exits.
pub fn serve_metrics(port: u16, metrics: Arc<Metrics>) -> Result<u16, Error> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Error::Input(format!("cannot serve metrics on 127.0.0.1:{port}: {e}")))?;
    let bound = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 1024];
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let _ = stream.read(&mut buf);
            let body = metrics.prometheus();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Ok(bound)
}

fn summary(p: &Pass) -> String {
    format!(
        "pass: {} merchant(s), {} due, {} sent, {} confirmed, {} already done, {} not due, {} failed, tips {} USDC",
        p.merchants,
        p.due,
        p.sent,
        p.succeeded,
        p.already_done,
        p.skipped,
        p.failed,
        usdc(p.tips)
    )
}

fn pass_json(p: &Pass) -> serde_json::Value {
    json!({
        "merchants": p.merchants, "due": p.due, "sent": p.sent, "succeeded": p.succeeded,
        "already_done": p.already_done, "skipped": p.skipped, "failed": p.failed, "tips": usdc(p.tips),
        "done": p.done.iter().map(|(k, m)| json!({ "crank": k, "merchant": m })).collect::<Vec<_>>(),
        "failures": p.failures.iter().map(|(k, m, why)| json!({ "crank": k, "merchant": m, "reason": why })).collect::<Vec<_>>(),
    })
}

/// Sleep `secs` in small steps, returning early once `stop` is set.
pub(crate) fn wait(secs: u64, stop: &AtomicBool) {
    for _ in 0..secs * 10 {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `pst keeper run`.
pub fn run(cli: &crate::Cli, c: &KeeperCmd) -> Result<Output, Error> {
    let KeeperCmd::Run(args) = c;
    let metrics = Arc::new(Metrics::default());
    let port = args.metrics_port.unwrap_or(if args.once { 0 } else { 9464 });
    if port != 0 {
        let port = serve_metrics(port, metrics.clone())?;
        info!(port, "metrics on http://127.0.0.1:{port}/metrics");
    }
    let stop = Arc::new(AtomicBool::new(false));
    let keeper_for = |ctx| Keeper {
        ctx,
        metrics: metrics.clone(),
        min_push: args.min_push,
        min_crank: args.min_crank,
        stop: stop.clone(),
    };
    if args.once {
        let ctx = Ctx::open(cli, true)?;
        let keeper = keeper_for(&ctx);
        let p = keeper.pass()?;
        info!("{}", summary(&p));
        return Ok(Output::new(pass_json(&p), summary(&p)));
    }
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, stop.clone())
            .map_err(|e| Error::Input(format!("cannot handle signals: {e}")))?;
    }
    // the daemon waits for an RPC that is not up yet (bad input still fails at once)
    let mut backoff = 1u64;
    let ctx = loop {
        match Ctx::open(cli, true) {
            Ok(ctx) => break ctx,
            Err(e) if is_unreachable(&e) && !stop.load(Ordering::Relaxed) => {
                metrics.rpc_errors.fetch_add(1, Ordering::Relaxed);
                warn!(error = %e, retry_in_secs = backoff, "RPC unreachable; backing off");
                wait(backoff, &stop);
                backoff = (backoff * 2).min(args.max_backoff_secs);
            }
            Err(e) => return Err(e),
        }
    };
    let keeper = keeper_for(&ctx);
    info!(url = %ctx.chain.url, keeper = %ctx.me(), "keeper started");
    backoff = 1;
    let mut total = Pass::default();
    while !stop.load(Ordering::Relaxed) {
        let wait_secs = match keeper.pass() {
            Ok(p) => {
                info!("{}", summary(&p));
                total.succeeded += p.succeeded;
                total.sent += p.sent;
                total.tips += p.tips;
                backoff = 1;
                args.interval_secs
            }
            Err(e) => {
                metrics.rpc_errors.fetch_add(1, Ordering::Relaxed);
                warn!(error = %e, retry_in_secs = backoff, "pass failed; backing off");
                let w = backoff;
                backoff = (backoff * 2).min(args.max_backoff_secs);
                w
            }
        };
        wait(wait_secs, &stop);
    }
    info!("keeper stopped");
    Ok(Output::new(
        json!({ "stopped": true, "sent": total.sent, "succeeded": total.succeeded, "tips": usdc(total.tips) }),
        format!("keeper stopped: {} crank(s) confirmed, tips {} USDC", total.succeeded, usdc(total.tips)),
    ))
}
