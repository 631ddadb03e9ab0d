//! `pst reporter run`: the reporter service.
//!
//! Each pass reads the merchant's revenue feed and, for every period that has ended (by the chain's clock) and
//! is not accepted yet, works out whether this reporter has a current submission for it; where it has none, it
//! reads the period from the merchant's e-commerce platform ([`pst_commerce::CommercePlatform`]; the first
//! adapter is Shopify's Admin REST API) day by day, checks it ([`pst_commerce::period_data`]: no missing day,
//! net not above gross, no negative inventory), and submits `(gross revenue, net earnings, closing inventory)`
//! with the reporter's key. It is idempotent: a period this reporter already submitted (with a submission that
//! is still fresh) or that is accepted is skipped, so a pass can be repeated or run by a restarted service at no
//! cost. A period that cannot be read or fails a check is not submitted and the reason is logged; the next pass
//! tries again.
//!
//! The closing inventory is the platform's inventory when the pass runs (the chain's clock dates it: the period
//! calendar is on chain), so a first submission is made only for the latest ended period and only within
//! `--max-inventory-lag-secs` of its end; an older period still waiting (the service was down) is refused with
//! that reason, for a reporter to submit by hand (`pst reporter submit --inventory`) from its records. A
//! submission that went stale before the period was accepted is refreshed with the inventory it carried (read
//! back from the chain, never read again from the shop), so a refresh cannot move the closing figure.
use crate::{
    cmd::{usdc, Ctx},
    Error, Output,
};
use clap::{Args, ValueEnum};
use pst_client::MerchantAddresses;
use pst_commerce::{
    period_data_at,
    shopify::{Shopify, ShopifyConfig},
    CommercePlatform, InventorySnapshot, PeriodData,
};
use pst_mint::state::{PeriodReport, RevenueFeed};
use serde_json::{json, Value};
use std::sync::{atomic::AtomicBool, Arc};
use tracing::{info, warn};

/// The platforms the service can read.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Shopify's Admin REST API (orders, refunds, products, inventory items and levels)
    Shopify,
}

#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// The merchant (its account, wallet or token symbol)
    #[arg(long)]
    pub merchant: String,
    #[arg(long, value_enum, default_value_t = Platform::Shopify)]
    pub platform: Platform,
    /// The shop's base URL, e.g. https://acme.myshopify.com
    #[arg(long)]
    pub shop_url: String,
    /// A file holding the Admin API access token (else the PST_SHOPIFY_ACCESS_TOKEN environment variable)
    #[arg(long)]
    pub access_token_file: Option<String>,
    /// Admin API version
    #[arg(long, default_value = "2024-10")]
    pub api_version: String,
    /// One pass, then exit (for cron, scripts and tests)
    #[arg(long)]
    pub once: bool,
    /// Seconds between passes
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=86_400), default_value_t = 300)]
    pub interval_secs: u64,
    /// Attempts per platform request (429, 5xx, transport errors and malformed bodies are retried)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20), default_value_t = 5)]
    pub max_attempts: u32,
    /// First retry delay, milliseconds (doubles per retry)
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=60_000), default_value_t = 500)]
    pub backoff_ms: u64,
    /// The inventory read when a pass runs is the closing inventory of the latest ended period only this long
    /// after its end, seconds
    #[arg(long, value_parser = clap::value_parser!(i64).range(60..=7 * 86_400), default_value_t = 86_400)]
    pub max_inventory_lag_secs: i64,
}

/// What a pass did with one period.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Submitted {
        data: PeriodData,
        signature: String,
    },
    /// Accepted already, or this reporter's submission is there and fresh.
    Skipped(&'static str),
    /// Not submitted, and why (one sentence).
    Refused(String),
}

fn platform(args: &RunArgs) -> Result<Box<dyn CommercePlatform>, Error> {
    let token = match &args.access_token_file {
        Some(path) => std::fs::read_to_string(crate::chain::expand(path))
            .map_err(|e| Error::Input(format!("cannot read the access token file {path}: {e}")))?,
        None => std::env::var("PST_SHOPIFY_ACCESS_TOKEN").map_err(|_| {
            Error::Input("no access token: pass --access-token-file or set PST_SHOPIFY_ACCESS_TOKEN".into())
        })?,
    };
    let cfg = ShopifyConfig {
        api_version: args.api_version.clone(),
        max_attempts: args.max_attempts,
        backoff_ms: args.backoff_ms,
        ..ShopifyConfig::new(args.shop_url.clone(), token.trim().to_string())
    };
    match args.platform {
        Platform::Shopify => {
            Ok(Box::new(Shopify::new(cfg).map_err(|e| Error::Input(format!("the shop: {e}")))?))
        }
    }
}

/// One pass over `m`'s ended, unaccepted periods.
pub fn pass(
    ctx: &Ctx,
    m: &MerchantAddresses,
    p: &mut dyn CommercePlatform,
    max_inventory_lag_secs: i64,
) -> Result<Vec<(u32, Outcome)>, Error> {
    let feed: RevenueFeed = ctx.chain.anchor(&m.feed, "the merchant's revenue feed")?;
    let (slot, now) = ctx.chain.clock()?;
    let current = feed.period_at(now);
    let me = ctx.me();
    // the inventory is read once a pass, and only if a period needs it
    let mut snapshot: Option<Result<InventorySnapshot, String>> = None;
    let mut out = Vec::new();
    for period in feed.next_period..current {
        let report: Option<PeriodReport> = ctx.chain.anchor_opt(&m.report(period))?;
        if report.as_ref().is_some_and(|r| r.accepted.is_some()) {
            out.push((period, Outcome::Skipped("accepted")));
            continue;
        }
        let mine = report.as_ref().and_then(|r| r.submissions.iter().find(|s| s.reporter == me));
        if mine.is_some_and(|s| slot.saturating_sub(s.slot) <= feed.params.max_staleness_slots) {
            out.push((period, Outcome::Skipped("already submitted")));
            continue;
        }
        // a stale submission is refreshed with the closing inventory it already carries
        let refresh = mine.map(|s| s.inventory_value);
        let start =
            feed.period_end(period).map_err(|e| Error::Input(e.to_string()))? - feed.params.period_secs;
        let end = start + feed.params.period_secs;
        if refresh.is_none() && (period + 1 != current || now - end > max_inventory_lag_secs) {
            out.push((
                period,
                Outcome::Refused(format!(
                    "the closing inventory of period {period} can no longer be read (it ended {} s ago and the \
                     platform only shows today's inventory); submit it by hand with pst reporter submit",
                    now - end
                )),
            ));
            continue;
        }
        let inventory = match refresh {
            Some(value) => InventorySnapshot { taken_at: now, value: value as i128, ..Default::default() },
            None => match snapshot.get_or_insert_with(|| p.inventory().map_err(|e| e.to_string())) {
                Ok(s) => InventorySnapshot { taken_at: now, ..s.clone() },
                Err(e) => {
                    out.push((period, Outcome::Refused(format!("the inventory could not be read: {e}"))));
                    continue;
                }
            },
        };
        match period_data_at(p, start, end, &inventory, now) {
            Ok(data) => {
                let ix = ctx.client.submit_report(
                    m,
                    &me,
                    period,
                    data.gross_revenue,
                    data.net_earnings,
                    data.inventory_value,
                );
                // a refusal (the period accepted meanwhile, a pause) or an RPC failure is this period's outcome:
                // the pass goes on, and the next pass tries again
                match ctx.send("submit_report", &[ix], &[("pst_mint", "submit_report")], json!({})) {
                    Ok(sent) => {
                        let signature = sent.json["signature"].as_str().unwrap_or_default().to_string();
                        out.push((period, Outcome::Submitted { data, signature }));
                    }
                    Err(e) => out.push((period, Outcome::Refused(format!("the report was not sent: {e}")))),
                }
            }
            Err(refusal) => out.push((period, Outcome::Refused(refusal.to_string()))),
        }
    }
    for (period, o) in &out {
        match o {
            Outcome::Submitted { data, signature } => info!(
                period,
                gross = %usdc(data.gross_revenue),
                net = data.net_earnings,
                inventory = %usdc(data.inventory_value),
                orders = data.orders,
                %signature,
                "period submitted"
            ),
            Outcome::Skipped(why) => info!(period, why, "period skipped"),
            Outcome::Refused(why) => warn!(period, why, "period not submitted"),
        }
    }
    Ok(out)
}

fn outcome_json(period: u32, o: &Outcome) -> Value {
    match o {
        Outcome::Submitted { data, signature } => json!({
            "period": period,
            "outcome": "submitted",
            "signature": signature,
            "gross_revenue": usdc(data.gross_revenue),
            "net_earnings": data.net_earnings,
            "inventory_value": usdc(data.inventory_value),
            "orders": data.orders,
            "refunds": usdc(data.refunds),
            "cogs": usdc(data.cogs),
            "days": data.days,
        }),
        Outcome::Skipped(why) => json!({ "period": period, "outcome": "skipped", "reason": why }),
        Outcome::Refused(why) => json!({ "period": period, "outcome": "refused", "reason": why }),
    }
}

fn signed_usdc(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{}", usdc(v.unsigned_abs()))
}

fn summary(out: &[(u32, Outcome)]) -> String {
    if out.is_empty() {
        return "no ended period waits for a report".into();
    }
    let lines: Vec<String> = out
        .iter()
        .map(|(period, o)| match o {
            Outcome::Submitted { data, .. } => format!(
                "period {period}: submitted gross {} USDC, net {} USDC, inventory {} USDC",
                usdc(data.gross_revenue),
                signed_usdc(data.net_earnings),
                usdc(data.inventory_value)
            ),
            Outcome::Skipped(why) => format!("period {period}: skipped ({why})"),
            Outcome::Refused(why) => format!("period {period}: not submitted: {why}"),
        })
        .collect();
    lines.join("\n")
}

/// `pst reporter run`.
pub fn run(ctx: &Ctx, args: &RunArgs) -> Result<Output, Error> {
    let (m, _) = ctx.merchant(&args.merchant)?;
    let mut p = platform(args)?;
    if args.once {
        let out = pass(ctx, &m, p.as_mut(), args.max_inventory_lag_secs)?;
        let periods: Vec<Value> = out.iter().map(|(period, o)| outcome_json(*period, o)).collect();
        return Ok(Output::new(
            json!({ "merchant": m.merchant.to_string(), "periods": periods }),
            summary(&out),
        ));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, stop.clone())
            .map_err(|e| Error::Input(format!("cannot handle signals: {e}")))?;
    }
    info!(merchant = %m.merchant, reporter = %ctx.me(), shop = %args.shop_url, "reporter started");
    let mut submitted = 0u64;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        match pass(ctx, &m, p.as_mut(), args.max_inventory_lag_secs) {
            Ok(out) => {
                submitted += out.iter().filter(|(_, o)| matches!(o, Outcome::Submitted { .. })).count() as u64
            }
            Err(e) => warn!(error = %e, "pass failed; trying again next pass"),
        }
        crate::keeper::wait(args.interval_secs, &stop);
        // a new pass reads a fresh catalog and inventory
        p = platform(args)?;
    }
    info!(submitted, "reporter stopped");
    Ok(Output::new(
        json!({ "stopped": true, "submitted": submitted }),
        format!("reporter stopped: {submitted} period(s) submitted"),
    ))
}
