//! `pst view`: read-only views (no signer needed).
use super::{fmt_units, usdc, Ctx};
use crate::{Error, Output};
use alar_reserve::state::Reserve;
use amm_pool::state::Pool;
use clap::Subcommand;
use pst_client::{PoolAddresses, ReserveAddresses, TrancheAddresses};
use pst_mint::state::{Merchant, MerchantMetrics, RevenueFeed};
use serde_json::json;
use yield_tranches::state::Tranches;

#[derive(Subcommand, Debug)]
pub enum View {
    /// The protocol config: admin, guardian, USDC mint, fees, roles, pauses
    Config,
    /// Every merchant
    Merchants,
    /// One merchant: listing, sale, revenue feed and metrics
    Merchant {
        /// Its account, wallet or symbol
        merchant: String,
    },
    /// A merchant's pool: reserves, spot price and TWAP
    Pool {
        merchant: String,
        /// TWAP window, seconds
        #[arg(long, value_parser = clap::value_parser!(i64).range(1..=2_592_000), default_value_t = 3_600)]
        window: i64,
    },
    /// A merchant's reserve: stake, USDC, PST, band
    Reserve { merchant: String },
    /// A merchant's tranches: values, supplies, queues, APY, epoch
    Tranches { merchant: String },
}

/// A Q64 price (USDC base units per PST base unit × 2^64) in USDC per PST, six decimals.
pub fn price(q64: u128) -> String {
    let micro = q64.checked_mul(1_000_000).map(|v| v >> 64).unwrap_or((q64 >> 64).saturating_mul(1_000_000));
    usdc(u64::try_from(micro).unwrap_or(u64::MAX))
}

pub fn run(ctx: &Ctx, c: &View) -> Result<Output, Error> {
    match c {
        View::Config => {
            let x = &ctx.config;
            let j = json!({
                "config": pst_client::pst_mint::CONFIG.to_string(),
                "admin": x.admin.to_string(),
                "guardian": x.guardian.to_string(),
                "usdc_mint": x.usdc_mint.to_string(),
                "paused": format!("{:#x}", x.paused),
                "exits_frozen_until": x.exits_frozen_until,
                "fees": { "protocol_bps": x.fees.protocol_fee_bps, "reserve_bps": x.fees.alar_contribution_bps, "tip_bps": x.fees.keeper_tip_bps },
                "underwriters": x.underwriters.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
                "oracle_reporters": x.oracle_reporters.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
                "merchants": x.merchant_count,
            });
            let text = format!(
                "admin {}\nguardian {}\nUSDC mint {}\npaused {:#x}\nfees: protocol {} bps, reserve {} bps, keeper tip {} bps\n{} underwriter(s), {} reporter(s), {} merchant(s)",
                x.admin, x.guardian, x.usdc_mint, x.paused, x.fees.protocol_fee_bps, x.fees.alar_contribution_bps,
                x.fees.keeper_tip_bps, x.underwriters.len(), x.oracle_reporters.len(), x.merchant_count
            );
            Ok(Output::new(j, text))
        }
        View::Merchants => {
            let all = ctx.chain.all::<Merchant>(&pst_ids::pst_mint::ID, &[])?;
            let mut text = format!("{} merchant(s)", all.len());
            for (k, m) in &all {
                text.push_str(&format!(
                    "\n{k}  {:<10} {:<12} {}",
                    m.profile.symbol,
                    format!("{:?}", m.status),
                    m.profile.name
                ));
            }
            let j = json!(all
                .iter()
                .map(|(k, m)| super::underwriter::application_json(k, m))
                .collect::<Vec<_>>());
            Ok(Output::new(j, text))
        }
        View::Merchant { merchant } => {
            let (m, x) = ctx.merchant(merchant)?;
            let mut j = super::merchant::status_json(ctx, &m, &x)?;
            let feed: Option<RevenueFeed> = ctx.chain.anchor_opt(&m.feed)?;
            let metrics: Option<MerchantMetrics> = ctx.chain.anchor_opt(&m.metrics)?;
            j["feed"] = json!(feed.as_ref().map(|f| json!({ "next_period": f.next_period, "period_secs": f.params.period_secs, "first_period_start": f.params.first_period_start, "min_responses": f.params.min_responses })));
            j["metrics"] = json!(metrics.as_ref().map(|x| json!({
                "periods": x.len,
                "annual_revenue": usdc(x.annual_revenue.min(u64::MAX as u128) as u64),
                "health": format!("{:?}", x.health),
                "coverage_bps": x.coverage_bps,
                "volatility_bps": x.volatility_bps,
                "inventory": x.records().last().map(|r| usdc(r.inventory)),
                "inventory_days": x.inventory_days_x100.map(super::merchant::days),
                "inventory_trend_bps": x.inventory_trend_bps,
                "inventory_floor_days": x.inventory_floor_days,
            })));
            let feed_line = match &feed {
                Some(f) => format!(
                    "revenue feed: next period {} ({}-second periods)",
                    f.next_period, f.params.period_secs
                ),
                None => "revenue feed: not open".into(),
            };
            let metrics_line = match &metrics {
                Some(x) => format!(
                    "metrics: {} period(s), annual revenue {} USDC, health {:?}, {} days of inventory (floor {})",
                    x.len,
                    usdc(x.annual_revenue.min(u64::MAX as u128) as u64),
                    x.health,
                    x.inventory_days_x100.map_or("no".into(), super::merchant::days),
                    x.inventory_floor_days,
                ),
                None => "metrics: none".into(),
            };
            let text = format!(
                "{} ({}) {}\nstatus {}\nsold {} of {} PST\n{feed_line}\n{metrics_line}",
                x.profile.name,
                x.profile.symbol,
                m.merchant,
                j["status"].as_str().unwrap_or_default(),
                usdc(x.sale.sold),
                usdc(x.sale.public_supply),
            );
            Ok(Output::new(j, text))
        }
        View::Pool { merchant, window } => {
            let (m, _) = ctx.merchant(merchant)?;
            let k = PoolAddresses::of(&m);
            let p: Pool = ctx.chain.anchor(&k.pool, "a pool (the merchant has not opened one)")?;
            let spot = pst_math::curve::price_q64(p.reserve_pst, p.reserve_usdc).unwrap_or(0);
            let now = ctx.chain.now()?;
            let twap = match ctx.chain.data(&k.observations)? {
                Some(d) => pst_client::read::observations(&d)
                    .ok()
                    .and_then(|o| amm_pool::state::twap_q64(&p, &k.pool, &o, now, *window).ok()),
                None => None,
            };
            let j = json!({
                "pool": k.pool.to_string(),
                "reserve_pst": usdc(p.reserve_pst),
                "reserve_usdc": usdc(p.reserve_usdc),
                "lp_supply": usdc(p.lp_supply),
                "fee_bps": p.fee_bps,
                "spot_price": price(spot),
                "twap_window_secs": window,
                "twap_price": twap.map(price),
                "paused": p.paused,
            });
            let text = format!(
                "pool {}\nreserves {} PST / {} USDC, LP supply {}\nspot {} USDC per PST, TWAP ({window}s) {}\nfee {} bps",
                k.pool,
                usdc(p.reserve_pst),
                usdc(p.reserve_usdc),
                usdc(p.lp_supply),
                price(spot),
                twap.map(price).unwrap_or_else(|| "not available (the window is not covered)".into()),
                p.fee_bps
            );
            Ok(Output::new(j, text))
        }
        View::Reserve { merchant } => {
            let (m, _) = ctx.merchant(merchant)?;
            let k = ReserveAddresses::of(&m);
            let r: Reserve = ctx.chain.anchor(&k.reserve, "a reserve (the merchant has none)")?;
            let j = json!({
                "reserve": k.reserve.to_string(),
                "stake": usdc(r.stake),
                "usdc": usdc(r.usdc),
                "pst": usdc(r.pst),
                "covered_total": usdc(r.covered_total),
                "pe_band_bps": [r.params.pe_low_bps, r.params.pe_high_bps],
                "last_stabilize_ts": r.last_stabilize_ts,
                "senior_paid": usdc(r.totals.senior_paid),
                "released": r.released,
            });
            let text = format!(
                "reserve {}\nstake {} USDC, own USDC {}, PST {}\ncovered {} USDC of shortfalls, paid {} USDC to senior\nPE band {}–{} bps",
                k.reserve,
                usdc(r.stake),
                usdc(r.usdc),
                usdc(r.pst),
                usdc(r.covered_total),
                usdc(r.totals.senior_paid),
                r.params.pe_low_bps,
                r.params.pe_high_bps
            );
            Ok(Output::new(j, text))
        }
        View::Tranches { merchant } => {
            let (m, _) = ctx.merchant(merchant)?;
            let k = TrancheAddresses::of(&m);
            let t: Tranches = ctx.chain.anchor(&k.tranches, "a tranche vault (the merchant has none)")?;
            let book = |i: usize| {
                let b = &t.books[i];
                json!({ "value": usdc(b.value), "supply": fmt_units(b.supply, 9), "pending_deposits": usdc(b.pending_deposits), "pending_redeems": fmt_units(b.pending_redeems, 9) })
            };
            let j = json!({
                "tranches": k.tranches.to_string(),
                "epoch": t.epoch,
                "epoch_start": t.epoch_start,
                "epoch_ends": t.epoch_start + t.params.epoch_secs,
                "apy_bps": t.apy_bps,
                "usdc": usdc(t.usdc),
                "pst": usdc(t.pst),
                "arrears": usdc(t.arrears),
                "senior": book(0),
                "junior": book(1),
            });
            let text = format!(
                "tranches {}\nepoch {} ends at {}\nsenior APY {} bps\nsenior value {} USDC ({} shares), junior value {} USDC ({} shares)\nqueued deposits: senior {} junior {} USDC\narrears {} USDC",
                k.tranches,
                t.epoch,
                t.epoch_start + t.params.epoch_secs,
                t.apy_bps,
                usdc(t.books[0].value),
                fmt_units(t.books[0].supply, 9),
                usdc(t.books[1].value),
                fmt_units(t.books[1].supply, 9),
                usdc(t.books[0].pending_deposits),
                usdc(t.books[1].pending_deposits),
                usdc(t.arrears)
            );
            Ok(Output::new(j, text))
        }
    }
}
