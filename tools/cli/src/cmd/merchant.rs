//! `pst merchant`: a merchant's own listing, signed by its wallet.
use super::{amount6, usdc, Ctx};
use crate::{Error, Output};
use clap::Subcommand;
use pst_client::{TOKEN_2022_PROGRAM, TOKEN_PROGRAM};
use pst_mint::state::{Merchant, MerchantMetrics, MerchantProfile, RevenueFeed, Settlement};
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum MerchantCmd {
    /// Apply for a listing
    Apply {
        #[arg(long)]
        name: String,
        #[arg(long)]
        symbol: String,
        /// The token's metadata URI
        #[arg(long, default_value = "")]
        uri: String,
        /// Where the underwriter finds the evidence (statements, store exports)
        #[arg(long)]
        evidence_uri: String,
        /// SHA-256 of the evidence, 64 hex digits
        #[arg(long, value_parser = hash32)]
        evidence_hash: [u8; 32],
        /// Gross revenue over the last twelve months, USDC
        #[arg(long, value_parser = amount6)]
        trailing_revenue: u64,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=10_000))]
        margin_bps: u16,
        #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i32).range(-10_000..=100_000))]
        growth_bps: i32,
        /// Current inventory at cost, USDC
        #[arg(long, value_parser = amount6)]
        inventory_value: u64,
        /// Months the store has been trading
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=1_200))]
        history_months: u16,
    },
    /// Create the approved token (Token-2022 with its metadata)
    CreateToken,
    /// Mint the supply into its vaults and open the public sale
    Issue,
    /// Open the pool with its seed PST and this much USDC at most (at the issue price)
    OpenPool {
        #[arg(long, value_parser = amount6)]
        max_usdc: u64,
    },
    /// Open the reserve (anyone may; the merchant usually does)
    OpenReserve,
    /// Open the senior and junior tranches (anyone may)
    OpenTranches,
    /// Release the sale's proceeds (the stake goes to the reserve, the rest to the merchant's USDC account)
    ReleaseProceeds,
    /// Claim vested PST into the merchant's PST account
    ClaimVested,
    /// Withdraw USDC from settlement, within the per-period limit
    WithdrawSettlement {
        #[arg(long, value_parser = amount6)]
        amount: u64,
    },
    /// Top up the reserve stake from the merchant's USDC account
    DepositStake {
        #[arg(long, value_parser = amount6)]
        amount: u64,
    },
    /// Take the stake (and the reserve's PST) back once delisted with nothing uncovered
    ReleaseStake,
    /// Claim the pool's seed LP tokens once their lock has ended
    ClaimSeedLiquidity,
    /// The merchant's listing, sale, vesting and settlement
    Status,
}

fn hash32(s: &str) -> Result<[u8; 32], String> {
    let bad = || format!("{s} is not a SHA-256 hash (64 hex digits)");
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

pub fn status_json(
    ctx: &Ctx,
    m: &pst_client::MerchantAddresses,
    x: &Merchant,
) -> Result<serde_json::Value, Error> {
    let s: Option<Settlement> = ctx.chain.anchor_opt(&m.settlement)?;
    let now = ctx.chain.now()?;
    let withdrawal = withdrawal_json(ctx, m, x, s.as_ref(), now)?;
    Ok(json!({
        "merchant": m.merchant.to_string(),
        "authority": m.authority.to_string(),
        "name": x.profile.name,
        "symbol": x.profile.symbol,
        "status": format!("{:?}", x.status),
        "pst_mint": m.pst_mint.to_string(),
        "total_supply": usdc(x.economics.total_supply),
        "issue_price": usdc(x.economics.issue_price),
        "revenue_share_bps": x.economics.revenue_share_bps,
        "sale": { "start": x.sale.start, "end": x.sale.end, "public_supply": usdc(x.sale.public_supply),
                  "sold": usdc(x.sale.sold), "proceeds": usdc(x.sale.proceeds) },
        "vesting": { "total": usdc(x.vesting.total), "claimed": usdc(x.vesting.claimed),
                     "claimable": usdc(x.vesting.claimable(now).unwrap_or(0)) },
        "settlement_vault": usdc(ctx.chain.token_balance(&m.settlement_vault)?),
        "settlement": s.map(|s| json!({ "available": usdc(s.available), "total_inflow": usdc(s.total_inflow), "total_share": usdc(s.total_share), "total_withdrawn": usdc(s.total_withdrawn) })),
        "inventory_value_at_application": usdc(x.profile.inventory_value),
        "history_months": x.profile.history_months,
        "withdrawal": withdrawal,
    }))
}

/// This period's withdrawal limit (automated withdrawal controls: the approved limit scaled by health and
/// inventory cover, `pst_math::ami::withdrawal_limit`, at most 12.5% until the period before is accepted), what
/// was withdrawn in it and what is left; `null` until the revenue feed is open. A Default shows 0: the program lifts the freeze only once the reserve covered every
/// shortfall and the stake is restored.
fn withdrawal_json(
    ctx: &Ctx,
    m: &pst_client::MerchantAddresses,
    x: &Merchant,
    s: Option<&Settlement>,
    now: i64,
) -> Result<serde_json::Value, Error> {
    let (Some(s), Some(feed), Some(metrics)) = (
        s,
        ctx.chain.anchor_opt::<RevenueFeed>(&m.feed)?,
        ctx.chain.anchor_opt::<MerchantMetrics>(&m.metrics)?,
    ) else {
        return Ok(serde_json::Value::Null);
    };
    let approved = x.economics.withdrawal_limit_per_period;
    let period = feed.period_at(now);
    let judged = feed.next_period >= period;
    let limit = metrics.withdrawal_limit(approved, judged, false);
    let used = if s.withdraw_period == period { s.withdrawn_in_period } else { 0 };
    Ok(json!({
        "period": period,
        "approved_limit": usdc(approved),
        "health": format!("{:?}", metrics.health),
        "inventory_days": metrics.inventory_days_x100.map(days),
        "inventory_floor_days": metrics.inventory_floor_days,
        "previous_period_accepted": judged,
        "limit": usdc(limit),
        "withdrawn": usdc(used),
        "left": usdc(limit.saturating_sub(used).min(s.available)),
    }))
}

/// Days of inventory from hundredths, as a decimal string.
pub fn days(x100: u64) -> String {
    format!("{}.{:02}", x100 / 100, x100 % 100)
}

pub fn run(ctx: &Ctx, c: &MerchantCmd) -> Result<Output, Error> {
    let me = ctx.me();
    let cl = &ctx.client;
    if let MerchantCmd::Apply {
        name,
        symbol,
        uri,
        evidence_uri,
        evidence_hash,
        trailing_revenue,
        margin_bps,
        growth_bps,
        inventory_value,
        history_months,
    } = c
    {
        if name.is_empty() || name.len() > 32 {
            return Err(Error::Input("the name must have 1 to 32 bytes".into()));
        }
        if symbol.is_empty() || symbol.len() > 10 {
            return Err(Error::Input("the symbol must have 1 to 10 bytes".into()));
        }
        if uri.len() > 200 || evidence_uri.len() > 200 {
            return Err(Error::Input("a URI must have at most 200 bytes".into()));
        }
        // the protocol's eligibility thresholds, checked here too so the refusal names the numbers
        let rules = ctx.config.merchant_rules;
        if *trailing_revenue < rules.min_trailing_revenue {
            return Err(Error::Input(format!(
                "the protocol lists stores with at least {} USDC of trailing revenue; this one has {}",
                usdc(rules.min_trailing_revenue),
                usdc(*trailing_revenue)
            )));
        }
        if *history_months < rules.min_history_months {
            return Err(Error::Input(format!(
                "the protocol lists stores with at least {} months of operating history; this one has {history_months}",
                rules.min_history_months
            )));
        }
        let m = pst_client::MerchantAddresses::new(&me);
        let profile = MerchantProfile {
            name: name.clone(),
            symbol: symbol.clone(),
            token_uri: uri.clone(),
            evidence_hash: *evidence_hash,
            evidence_uri: evidence_uri.clone(),
            trailing_revenue: *trailing_revenue,
            margin_bps: *margin_bps,
            growth_bps: *growth_bps,
            inventory_value: *inventory_value,
            history_months: *history_months,
        };
        return ctx.send(
            "apply_for_listing",
            &[cl.apply_for_listing(&m, profile)],
            &[("pst_mint", "apply_for_listing")],
            json!({ "merchant": m.merchant.to_string() }),
        );
    }
    let (m, merchant) = ctx.my_merchant()?;
    let out = json!({ "merchant": m.merchant.to_string() });
    match c {
        MerchantCmd::Apply { .. } => unreachable!("handled above"),
        MerchantCmd::CreateToken => ctx.send(
            "create_token",
            &[cl.create_token(&m)],
            &[("pst_mint", "create_token")],
            json!({ "merchant": m.merchant.to_string(), "pst_mint": m.pst_mint.to_string() }),
        ),
        MerchantCmd::Issue => {
            ctx.send("issue_supply", &[cl.issue_supply(&m)], &[("pst_mint", "issue_supply")], out)
        }
        MerchantCmd::OpenPool { max_usdc } => {
            let source = ctx.my_usdc()?;
            let pool = pst_client::PoolAddresses::of(&m).pool;
            ctx.send(
                "initialize_pool",
                &[cl.initialize_pool(&m, &source, *max_usdc)],
                &[("amm_pool", "initialize_pool")],
                json!({ "merchant": m.merchant.to_string(), "pool": pool.to_string() }),
            )
        }
        MerchantCmd::OpenReserve => ctx.send(
            "initialize_reserve",
            &[cl.initialize_reserve(&m, &me)],
            &[("alar_reserve", "initialize_reserve")],
            out,
        ),
        MerchantCmd::OpenTranches => ctx.send(
            "initialize_tranches",
            &[cl.initialize_tranches(&m, &me)],
            &[("yield_tranches", "initialize_tranches")],
            out,
        ),
        MerchantCmd::ReleaseProceeds => {
            let (dest, create) = ctx.ata(&me, &ctx.config.usdc_mint, &TOKEN_PROGRAM)?;
            let ixs: Vec<_> = create.into_iter().chain([cl.release_proceeds(&m, &dest)]).collect();
            let proceeds = merchant.sale.proceeds;
            ctx.send(
                "release_proceeds",
                &ixs,
                &[("pst_mint", "release_proceeds")],
                json!({ "merchant": m.merchant.to_string(), "proceeds": usdc(proceeds) }),
            )
        }
        MerchantCmd::ClaimVested => {
            let (dest, create) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
            let ixs: Vec<_> = create.into_iter().chain([cl.claim_vested(&m, &dest)]).collect();
            ctx.send("claim_vested", &ixs, &[("pst_mint", "claim_vested")], out)
        }
        MerchantCmd::WithdrawSettlement { amount } => {
            let (dest, create) = ctx.ata(&me, &ctx.config.usdc_mint, &TOKEN_PROGRAM)?;
            let ixs: Vec<_> =
                create.into_iter().chain([cl.withdraw_settlement(&m, &dest, *amount)]).collect();
            ctx.send(
                "withdraw_settlement",
                &ixs,
                &[("pst_mint", "withdraw_settlement")],
                json!({ "merchant": m.merchant.to_string(), "amount": usdc(*amount) }),
            )
        }
        MerchantCmd::DepositStake { amount } => ctx.send(
            "deposit_stake",
            &[cl.deposit_stake(&m, &me, &ctx.my_usdc()?, *amount)],
            &[("alar_reserve", "deposit_stake")],
            json!({ "merchant": m.merchant.to_string(), "amount": usdc(*amount) }),
        ),
        MerchantCmd::ReleaseStake => {
            let (usdc_acc, create_usdc) = ctx.ata(&me, &ctx.config.usdc_mint, &TOKEN_PROGRAM)?;
            let (pst, create_pst) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
            let ixs: Vec<_> = create_usdc
                .into_iter()
                .chain(create_pst)
                .chain([cl.release_stake(&m, &usdc_acc, &pst)])
                .collect();
            ctx.send("release_stake", &ixs, &[("alar_reserve", "release_stake")], out)
        }
        MerchantCmd::ClaimSeedLiquidity => {
            let lp_mint = pst_client::PoolAddresses::of(&m).lp_mint;
            let (dest, create) = ctx.ata(&me, &lp_mint, &TOKEN_PROGRAM)?;
            let ixs: Vec<_> = create.into_iter().chain([cl.claim_seed_liquidity(&m, &me, &dest)]).collect();
            ctx.send("claim_seed_liquidity", &ixs, &[("amm_pool", "claim_seed_liquidity")], out)
        }
        MerchantCmd::Status => {
            let j = status_json(ctx, &m, &merchant)?;
            let text = format!(
                "{} ({}) {}\nstatus {:?}\nsale: sold {} of {} PST, proceeds {} USDC\nvesting: claimed {} of {} PST\nsettlement vault: {}",
                merchant.profile.name,
                merchant.profile.symbol,
                m.merchant,
                merchant.status,
                usdc(merchant.sale.sold),
                usdc(merchant.sale.public_supply),
                usdc(merchant.sale.proceeds),
                usdc(merchant.vesting.claimed),
                usdc(merchant.vesting.total),
                j["settlement_vault"].as_str().unwrap_or_default(),
            );
            Ok(Output::new(j, text))
        }
    }
}
