//! `pst underwriter`: applications, approval with economics, rejection, the revenue feed, the distributor.
use super::{amount6, usdc, Ctx};
use crate::{Error, Output};
use clap::{Subcommand, ValueEnum};
use pst_mint::state::{ApprovalParams, FeedParams, FeedSource, Merchant, MerchantStatus, RejectionReason};
use serde_json::json;

const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Reason {
    InsufficientRevenueHistory,
    InsufficientMargin,
    UnverifiableEvidence,
    ExcessiveRisk,
    Other,
}

#[derive(Subcommand, Debug)]
pub enum Underwriter {
    /// Merchants waiting for a decision
    Applications,
    /// Approve a merchant with its token economics
    Approve {
        /// The merchant: its account, wallet or symbol
        #[arg(long)]
        merchant: String,
        /// Total PST supply (whole tokens, decimals allowed)
        #[arg(long, value_parser = amount6, default_value = "1000000")]
        total_supply: u64,
        /// Issue price in USDC per PST
        #[arg(long, value_parser = amount6, default_value = "1")]
        issue_price: u64,
        /// Share of the supply vested to the merchant, bps
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=8_000), default_value_t = 2_000)]
        merchant_bps: u16,
        /// Share of the supply seeding the pool, bps
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=10_000), default_value_t = 3_000)]
        lp_bps: u16,
        /// Share of the supply sold to the public, bps
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=10_000), default_value_t = 5_000)]
        public_bps: u16,
        /// Share of gross revenue paid to holders, bps (the protocol default when omitted)
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=5_000))]
        revenue_share_bps: Option<u16>,
        /// Reserve stake, bps of the market cap (the protocol default when omitted)
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=2_000))]
        stake_bps: Option<u16>,
        #[arg(long, value_parser = clap::value_parser!(i64).range(0..=3650), default_value_t = 90)]
        cliff_days: i64,
        #[arg(long, value_parser = clap::value_parser!(i64).range(1..=3650), default_value_t = 365)]
        vesting_days: i64,
        /// USDC the merchant may withdraw from settlement per revenue period
        #[arg(long, value_parser = amount6, default_value = "50000")]
        withdrawal_limit: u64,
        /// Length of the public sale, seconds (1 hour to 90 days)
        #[arg(long, value_parser = clap::value_parser!(i64).range(3_600..=7_776_000), default_value_t = 14 * DAY)]
        sale_secs: i64,
    },
    /// Reject a merchant's application
    Reject {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        reason: Reason,
    },
    /// Open a merchant's native revenue feed (reports by the oracle reporters)
    OpenFeed {
        #[arg(long)]
        merchant: String,
        /// Length of a revenue period, seconds (1 to 92 days)
        #[arg(long, value_parser = clap::value_parser!(i64).range(86_400..=7_948_800), default_value_t = 30 * DAY)]
        period_secs: i64,
        /// Reports needed to accept a period
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=16), default_value_t = 2)]
        min_responses: u8,
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1_512_000), default_value_t = 1_000)]
        max_staleness_slots: u64,
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=5_000), default_value_t = 500)]
        max_variance_bps: u16,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000), default_value_t = 500)]
        shortfall_tolerance_bps: u16,
        /// When period 0 starts (unix time; default now)
        #[arg(long)]
        first_period_start: Option<i64>,
    },
    /// Open a merchant's dividend distributor
    OpenDistributor {
        #[arg(long)]
        merchant: String,
        /// Each distribution streams over this many seconds (1 hour to 90 days)
        #[arg(long, value_parser = clap::value_parser!(i64).range(3_600..=7_776_000), default_value_t = 7 * DAY)]
        distribution_secs: i64,
    },
}

pub fn application_json(k: &pst_client::Pubkey, m: &Merchant) -> serde_json::Value {
    json!({
        "merchant": k.to_string(),
        "authority": m.authority.to_string(),
        "name": m.profile.name,
        "symbol": m.profile.symbol,
        "status": format!("{:?}", m.status),
        "trailing_revenue": usdc(m.profile.trailing_revenue),
        "margin_bps": m.profile.margin_bps,
        "growth_bps": m.profile.growth_bps,
        "evidence_uri": m.profile.evidence_uri,
        "applied_at": m.applied_at,
    })
}

pub fn run(ctx: &Ctx, c: &Underwriter) -> Result<Output, Error> {
    let me = ctx.me();
    let cl = &ctx.client;
    match c {
        Underwriter::Applications => {
            let all = ctx.chain.all::<Merchant>(&pst_ids::pst_mint::ID, &[])?;
            let waiting: Vec<_> = all.iter().filter(|(_, m)| m.status == MerchantStatus::Applied).collect();
            let mut text = format!("{} application(s) waiting", waiting.len());
            for (k, m) in &waiting {
                text.push_str(&format!(
                    "\n{k}  {:<10} {:<32} trailing revenue {} USDC, margin {} bps, growth {} bps",
                    m.profile.symbol,
                    m.profile.name,
                    usdc(m.profile.trailing_revenue),
                    m.profile.margin_bps,
                    m.profile.growth_bps
                ));
            }
            let json = json!(waiting.iter().map(|(k, m)| application_json(k, m)).collect::<Vec<_>>());
            Ok(Output::new(json, text))
        }
        Underwriter::Approve {
            merchant,
            total_supply,
            issue_price,
            merchant_bps,
            lp_bps,
            public_bps,
            revenue_share_bps,
            stake_bps,
            cliff_days,
            vesting_days,
            withdrawal_limit,
            sale_secs,
        } => {
            if *merchant_bps as u32 + *lp_bps as u32 + *public_bps as u32 != 10_000 {
                return Err(Error::Input(format!(
                    "the merchant, pool and public shares must add up to 10000 bps, not {}",
                    *merchant_bps as u32 + *lp_bps as u32 + *public_bps as u32
                )));
            }
            if cliff_days > vesting_days {
                return Err(Error::Input("the vesting cliff cannot be longer than the vesting".into()));
            }
            let (m, _) = ctx.merchant(merchant)?;
            let params = ApprovalParams {
                revenue_share_bps: *revenue_share_bps,
                stake_bps: *stake_bps,
                total_supply: *total_supply,
                issue_price: *issue_price,
                merchant_bps: *merchant_bps,
                lp_bps: *lp_bps,
                public_bps: *public_bps,
                vesting_cliff_secs: cliff_days * DAY,
                vesting_duration_secs: vesting_days * DAY,
                withdrawal_limit_per_period: *withdrawal_limit,
                sale_duration_secs: *sale_secs,
            };
            ctx.send(
                "approve_merchant",
                &[cl.approve_merchant(&m, &me, params)],
                &[("pst_mint", "approve_merchant")],
                json!({ "merchant": m.merchant.to_string() }),
            )
        }
        Underwriter::Reject { merchant, reason } => {
            let (m, _) = ctx.merchant(merchant)?;
            let r = match reason {
                Reason::InsufficientRevenueHistory => RejectionReason::InsufficientRevenueHistory,
                Reason::InsufficientMargin => RejectionReason::InsufficientMargin,
                Reason::UnverifiableEvidence => RejectionReason::UnverifiableEvidence,
                Reason::ExcessiveRisk => RejectionReason::ExcessiveRisk,
                Reason::Other => RejectionReason::Other,
            };
            ctx.send(
                "reject_merchant",
                &[cl.reject_merchant(&m, &me, r)],
                &[("pst_mint", "reject_merchant")],
                json!({ "merchant": m.merchant.to_string(), "reason": format!("{reason:?}") }),
            )
        }
        Underwriter::OpenFeed {
            merchant,
            period_secs,
            min_responses,
            max_staleness_slots,
            max_variance_bps,
            shortfall_tolerance_bps,
            first_period_start,
        } => {
            let (m, _) = ctx.merchant(merchant)?;
            let start = match first_period_start {
                Some(s) => *s,
                None => ctx.chain.now()?,
            };
            let params = FeedParams {
                source: FeedSource::Native,
                min_responses: *min_responses,
                max_staleness_slots: *max_staleness_slots,
                max_variance_bps: *max_variance_bps,
                period_secs: *period_secs,
                first_period_start: start,
                shortfall_tolerance_bps: *shortfall_tolerance_bps,
            };
            ctx.send(
                "open_revenue_feed",
                &[cl.open_revenue_feed(&m, &me, params)],
                &[("pst_mint", "open_revenue_feed")],
                json!({ "merchant": m.merchant.to_string(), "feed": m.feed.to_string(), "first_period_start": start }),
            )
        }
        Underwriter::OpenDistributor { merchant, distribution_secs } => {
            let (m, _) = ctx.merchant(merchant)?;
            ctx.send(
                "initialize_distributor",
                &[cl.initialize_distributor(&m, &me, *distribution_secs)],
                &[("revenue_distributor", "initialize_distributor")],
                json!({ "merchant": m.merchant.to_string() }),
            )
        }
    }
}
