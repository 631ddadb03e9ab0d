//! `pst investor`: buy in the sale, stake for dividends, claim, trade, provide liquidity, tranches, portfolio.
use super::{amount6, amount9, fmt_units, usdc, Ctx};
use crate::{Error, Output};
use amm_pool::{instructions::Direction, state::Pool};
use clap::{Subcommand, ValueEnum};
use pst_client::{
    amm_pool::UserTokens, DistributorAddresses, MerchantAddresses, PoolAddresses, Pubkey, TrancheAddresses,
    TOKEN_2022_PROGRAM, TOKEN_PROGRAM,
};
use pst_mint::state::Merchant;
use revenue_distributor::state::Position;
use serde_json::json;
use yield_tranches::state::{Request, Tranche, Tranches};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Side {
    /// Pay USDC, receive PST
    Buy,
    /// Pay PST, receive USDC
    Sell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrancheName {
    Senior,
    Junior,
}

impl TrancheName {
    fn tranche(self) -> Tranche {
        match self {
            TrancheName::Senior => Tranche::Senior,
            TrancheName::Junior => Tranche::Junior,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Investor {
    /// Buy PST in a merchant's public sale at the issue price
    Buy {
        #[arg(long)]
        merchant: String,
        /// PST to buy
        #[arg(long, value_parser = amount6)]
        amount: u64,
        /// Pay at most this much USDC (default: the amount at the issue price)
        #[arg(long, value_parser = amount6)]
        max_cost: Option<u64>,
    },
    /// Stake PST to earn dividends (opens the position on first use)
    Stake {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = amount6)]
        amount: u64,
    },
    /// Unstake PST (dividends earned so far stay claimable)
    Unstake {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = amount6)]
        amount: u64,
    },
    /// Claim the dividends earned into the USDC account
    Claim {
        #[arg(long)]
        merchant: String,
    },
    /// Have keepers push dividends to the USDC account (or stop with --disable)
    AutoPayout {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        disable: bool,
    },
    /// What a trade would give at the pool's current reserves
    Quote {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        side: Side,
        /// What is paid: USDC to buy, PST to sell
        #[arg(long, value_parser = amount6)]
        amount: u64,
    },
    /// Trade on the pool, refusing less than the quote less the slippage (or, with --exact-out, paying at most
    /// the quote plus the slippage)
    Swap {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        side: Side,
        /// What is paid: USDC to buy, PST to sell (with --exact-out: what is received)
        #[arg(long, value_parser = amount6)]
        amount: u64,
        /// --amount is what to receive, exactly
        #[arg(long)]
        exact_out: bool,
        /// Accept at most this much less than the quote, bps
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000), default_value_t = 50)]
        slippage_bps: u16,
    },
    /// Add liquidity worth this much USDC (and the matching PST) to the pool
    AddLiquidity {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = amount6)]
        usdc: u64,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000), default_value_t = 50)]
        slippage_bps: u16,
    },
    /// Remove liquidity: burn LP tokens for PST and USDC
    RemoveLiquidity {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = amount6)]
        lp: u64,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000), default_value_t = 50)]
        slippage_bps: u16,
    },
    /// Queue a USDC deposit into a tranche for the next epoch close
    TrancheDeposit {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        tranche: TrancheName,
        #[arg(long, value_parser = amount6)]
        usdc: u64,
    },
    /// Queue tranche shares for redemption at the next epoch close
    TrancheRedeem {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        tranche: TrancheName,
        #[arg(long, value_parser = amount9)]
        shares: u64,
    },
    /// Cancel what is still queued in a tranche request
    TrancheCancel {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        tranche: TrancheName,
    },
    /// Claim the shares or USDC of executed tranche requests
    TrancheClaim {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_enum)]
        tranche: TrancheName,
    },
    /// Every holding of a wallet (default the signer's) in every merchant
    Portfolio {
        #[arg(long, value_parser = super::pubkey)]
        owner: Option<Pubkey>,
    },
}

fn apply_slippage(v: u64, bps: u16) -> u64 {
    (v as u128 * (10_000 - bps as u128) / 10_000) as u64
}

/// The pool as the next trade or deposit will price it: every one harvests the pool's dividends into its USDC
/// reserve first (`amm_pool`'s `begin_harvest`), so what its position could claim now is added to the reserve
/// (a quote on the stored reserves is optimistic for buyers and would fail its own slippage bound).
fn pool(ctx: &Ctx, m: &MerchantAddresses) -> Result<Pool, Error> {
    let k = PoolAddresses::of(m);
    let mut p: Pool = ctx.chain.anchor(&k.pool, "a pool (the merchant has not opened one)")?;
    let dist: Option<revenue_distributor::state::Distributor> = ctx.chain.anchor_opt(&k.distributor)?;
    let position: Option<Position> = ctx.chain.anchor_opt(&k.position)?;
    if let (Some(d), Some(pos)) = (dist, position) {
        let harvest = pst_client::revenue_distributor::claimable(&d, &pos, ctx.chain.now()?);
        p.reserve_usdc = p.reserve_usdc.saturating_add(harvest);
    }
    Ok(p)
}

/// The quote: (paid, received, fee).
fn quote(p: &Pool, side: Side, amount: u64) -> Result<(u64, u64, u64), Error> {
    let (r_in, r_out) = match side {
        Side::Buy => (p.reserve_usdc, p.reserve_pst),
        Side::Sell => (p.reserve_pst, p.reserve_usdc),
    };
    let r = pst_math::curve::swap_exact_in(r_in, r_out, amount, p.fee_bps, p.protocol_share_bps).map_err(
        |_| Error::Input("the pool cannot take that trade (empty, or the amount is too large)".into()),
    )?;
    Ok((amount, r.amount_out, r.fee))
}

pub fn run(ctx: &Ctx, c: &Investor) -> Result<Output, Error> {
    let me = ctx.me();
    let cl = &ctx.client;
    let usdc_mint = ctx.config.usdc_mint;
    match c {
        Investor::Buy { merchant, amount, max_cost } => {
            let (m, x) = ctx.merchant(merchant)?;
            let cost = pst_math::sale_cost(*amount, x.economics.issue_price)
                .map_err(|_| Error::Input("that amount is too large".into()))?;
            let max = max_cost.unwrap_or(cost);
            let source = ctx.my_usdc()?;
            let (pst, create) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
            let ixs: Vec<_> =
                create.into_iter().chain([cl.buy_public(&m, &me, &source, &pst, *amount, max)]).collect();
            ctx.send(
                "buy_public",
                &ixs,
                &[("pst_mint", "buy_public")],
                json!({ "merchant": m.merchant.to_string(), "pst": usdc(*amount), "cost": usdc(cost) }),
            )
        }
        Investor::Stake { merchant, amount } => {
            let (m, _) = ctx.merchant(merchant)?;
            let d = DistributorAddresses::of(&m);
            let pst = pst_client::associated_token_address(&me, &m.pst_mint, &TOKEN_2022_PROGRAM);
            let mut ixs = vec![];
            let mut cu = vec![];
            if ctx.chain.data(&d.position(&me))?.is_none() {
                ixs.push(cl.open_position(&m, &me, &me));
                cu.push(("revenue_distributor", "open_position"));
            }
            ixs.push(cl.deposit(&m, &me, &pst, *amount));
            cu.push(("revenue_distributor", "deposit"));
            ctx.send("stake", &ixs, &cu, json!({ "merchant": m.merchant.to_string(), "pst": usdc(*amount) }))
        }
        Investor::Unstake { merchant, amount } => {
            let (m, _) = ctx.merchant(merchant)?;
            let (pst, create) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
            let ixs: Vec<_> = create.into_iter().chain([cl.withdraw(&m, &me, &pst, *amount)]).collect();
            ctx.send(
                "unstake",
                &ixs,
                &[("revenue_distributor", "withdraw")],
                json!({ "merchant": m.merchant.to_string(), "pst": usdc(*amount) }),
            )
        }
        Investor::Claim { merchant } => {
            let (m, _) = ctx.merchant(merchant)?;
            let (dest, create) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
            let before = ctx.chain.token_balance(&dest)?;
            let ixs: Vec<_> = create.into_iter().chain([cl.claim(&m, &me, &dest)]).collect();
            let mut out = ctx.send("claim", &ixs, &[("revenue_distributor", "claim")], json!({}))?;
            let got = ctx.chain.token_balance(&dest)?.saturating_sub(before);
            out.json["claimed"] = json!(usdc(got));
            out.text = format!("claimed {} USDC\n{}", usdc(got), out.text);
            Ok(out)
        }
        Investor::AutoPayout { merchant, disable } => {
            let (m, _) = ctx.merchant(merchant)?;
            let (dest, create) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
            let ixs: Vec<_> =
                create.into_iter().chain([cl.set_auto_payout(&m, &me, &dest, !disable)]).collect();
            ctx.send(
                "set_auto_payout",
                &ixs,
                &[("revenue_distributor", "set_auto_payout")],
                json!({ "enabled": !disable, "payout_account": dest.to_string() }),
            )
        }
        Investor::Quote { merchant, side, amount } => {
            let (m, _) = ctx.merchant(merchant)?;
            let p = pool(ctx, &m)?;
            let (paid, got, fee) = quote(&p, *side, *amount)?;
            let (pay, get) = if *side == Side::Buy { ("USDC", "PST") } else { ("PST", "USDC") };
            Ok(Output::new(
                json!({ "side": format!("{side:?}").to_lowercase(), "pay": usdc(paid), "receive": usdc(got), "fee": usdc(fee) }),
                format!("pay {} {pay}, receive {} {get} (fee {} {pay})", usdc(paid), usdc(got), usdc(fee)),
            ))
        }
        Investor::Swap { merchant, side, amount, exact_out, slippage_bps } => {
            let (m, _) = ctx.merchant(merchant)?;
            let p = pool(ctx, &m)?;
            let dir = match side {
                Side::Buy => Direction::UsdcToPst,
                Side::Sell => Direction::PstToUsdc,
            };
            if *exact_out {
                let (r_in, r_out) = match side {
                    Side::Buy => (p.reserve_usdc, p.reserve_pst),
                    Side::Sell => (p.reserve_pst, p.reserve_usdc),
                };
                let r =
                    pst_math::curve::swap_exact_out(r_in, r_out, *amount, p.fee_bps, p.protocol_share_bps)
                        .map_err(|_| Error::Input("the pool cannot give that much".into()))?;
                let max_in = u64::try_from(r.amount_in as u128 * (10_000 + *slippage_bps as u128) / 10_000)
                    .unwrap_or(u64::MAX);
                let (pst, create_pst) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
                let (usdc_acc, create_usdc) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
                let ixs: Vec<_> = create_pst
                    .into_iter()
                    .chain(create_usdc)
                    .chain([cl.swap_exact_out(&m, &me, &pst, &usdc_acc, dir, *amount, max_in)])
                    .collect();
                return ctx.send(
                    "swap",
                    &ixs,
                    &[("amm_pool", "swap_exact_out")],
                    json!({ "side": format!("{side:?}").to_lowercase(), "received": usdc(*amount), "quoted_in": usdc(r.amount_in), "max_in": usdc(max_in) }),
                );
            }
            let (_, expected, _) = quote(&p, *side, *amount)?;
            let min_out = apply_slippage(expected, *slippage_bps).max(1);
            let (pst, create_pst) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
            let (usdc_acc, create_usdc) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
            let ixs: Vec<_> = create_pst
                .into_iter()
                .chain(create_usdc)
                .chain([cl.swap_exact_in(&m, &me, &pst, &usdc_acc, dir, *amount, min_out)])
                .collect();
            let out_account = if *side == Side::Buy { pst } else { usdc_acc };
            let before = ctx.chain.token_balance(&out_account)?;
            let mut out = ctx.send(
                "swap",
                &ixs,
                &[("amm_pool", "swap_exact_in")],
                json!({ "side": format!("{side:?}").to_lowercase(), "paid": usdc(*amount), "quoted": usdc(expected), "min_out": usdc(min_out) }),
            )?;
            let got = ctx.chain.token_balance(&out_account)?.saturating_sub(before);
            let (pay, get) = if *side == Side::Buy { ("USDC", "PST") } else { ("PST", "USDC") };
            out.json["received"] = json!(usdc(got));
            out.text = format!("paid {} {pay}, received {} {get}\n{}", usdc(*amount), usdc(got), out.text);
            Ok(out)
        }
        Investor::AddLiquidity { merchant, usdc: want, slippage_bps } => {
            let (m, _) = ctx.merchant(merchant)?;
            let p = pool(ctx, &m)?;
            if p.reserve_usdc == 0 {
                return Err(Error::Input("the pool is empty".into()));
            }
            let lp = u64::try_from(*want as u128 * p.lp_supply as u128 / p.reserve_usdc as u128)
                .map_err(|_| Error::Input("that deposit is too large".into()))?;
            if lp == 0 {
                return Err(Error::Input("that is too little USDC to mint an LP token".into()));
            }
            let (x, y) = pst_math::curve::deposit_amounts(lp, p.lp_supply, p.reserve_pst, p.reserve_usdc)
                .map_err(|_| Error::Input("that deposit is too large".into()))?;
            let grow = |v: u64| {
                u64::try_from(v as u128 * (10_000 + *slippage_bps as u128) / 10_000).unwrap_or(u64::MAX)
            };
            let k = PoolAddresses::of(&m);
            let (lp_acc, create_lp) = ctx.ata(&me, &k.lp_mint, &TOKEN_PROGRAM)?;
            let user = UserTokens {
                owner: me,
                pst: pst_client::associated_token_address(&me, &m.pst_mint, &TOKEN_2022_PROGRAM),
                usdc: ctx.my_usdc()?,
                lp: lp_acc,
            };
            let ixs: Vec<_> =
                create_lp.into_iter().chain([cl.add_liquidity(&m, &user, lp, grow(x), grow(y))]).collect();
            ctx.send(
                "add_liquidity",
                &ixs,
                &[("amm_pool", "deposit")],
                json!({ "lp": usdc(lp), "pst": usdc(x), "usdc": usdc(y) }),
            )
        }
        Investor::RemoveLiquidity { merchant, lp, slippage_bps } => {
            let (m, _) = ctx.merchant(merchant)?;
            let p = pool(ctx, &m)?;
            let (x, y) = pst_math::curve::withdraw_amounts(*lp, p.lp_supply, p.reserve_pst, p.reserve_usdc)
                .map_err(|_| Error::Input("that is more LP than the pool has".into()))?;
            let k = PoolAddresses::of(&m);
            let (pst, create_pst) = ctx.ata(&me, &m.pst_mint, &TOKEN_2022_PROGRAM)?;
            let (usdc_acc, create_usdc) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
            let user = UserTokens {
                owner: me,
                pst,
                usdc: usdc_acc,
                lp: pst_client::associated_token_address(&me, &k.lp_mint, &TOKEN_PROGRAM),
            };
            let ix = cl.remove_liquidity(
                &m,
                &user,
                *lp,
                apply_slippage(x, *slippage_bps),
                apply_slippage(y, *slippage_bps),
            );
            let ixs: Vec<_> = create_pst.into_iter().chain(create_usdc).chain([ix]).collect();
            ctx.send(
                "remove_liquidity",
                &ixs,
                &[("amm_pool", "withdraw")],
                json!({ "lp": usdc(*lp), "pst": usdc(x), "usdc": usdc(y) }),
            )
        }
        Investor::TrancheDeposit { merchant, tranche, usdc: amount } => {
            let (m, _) = ctx.merchant(merchant)?;
            let t = tranche.tranche();
            let ix = cl.request_deposit(&m, &me, &ctx.my_usdc()?, t, *amount);
            ctx.send(
                "request_deposit",
                &[ix],
                &[("yield_tranches", "request_deposit")],
                json!({ "tranche": format!("{tranche:?}").to_lowercase(), "usdc": usdc(*amount) }),
            )
        }
        Investor::TrancheRedeem { merchant, tranche, shares } => {
            let (m, _) = ctx.merchant(merchant)?;
            let ix = cl.request_redeem(&m, &me, tranche.tranche(), *shares);
            ctx.send(
                "request_redeem",
                &[ix],
                &[("yield_tranches", "request_redeem")],
                json!({ "tranche": format!("{tranche:?}").to_lowercase(), "shares": fmt_units(*shares, 9) }),
            )
        }
        Investor::TrancheCancel { merchant, tranche } => {
            let (m, _) = ctx.merchant(merchant)?;
            let t = tranche.tranche();
            let (usdc_acc, create) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
            let (_, create_shares) = ctx.ata(&me, &TrancheAddresses::of(&m).mint(t), &TOKEN_2022_PROGRAM)?;
            let ixs: Vec<_> = create
                .into_iter()
                .chain(create_shares)
                .chain([cl.cancel_request(&m, &me, &usdc_acc, t)])
                .collect();
            ctx.send("cancel_request", &ixs, &[("yield_tranches", "cancel_request")], json!({}))
        }
        Investor::TrancheClaim { merchant, tranche } => {
            let (m, _) = ctx.merchant(merchant)?;
            let t = tranche.tranche();
            let a = TrancheAddresses::of(&m);
            let vault: Tranches = ctx.chain.anchor(&a.tranches, "a tranche vault (the merchant has none)")?;
            let request: Request =
                ctx.chain.anchor(&a.request(&me, t), "a request of this wallet in that tranche")?;
            let end = vault.epoch.min(request.next_epoch.saturating_add(16));
            let (usdc_acc, create) = ctx.ata(&me, &usdc_mint, &TOKEN_PROGRAM)?;
            let (_, create_shares) = ctx.ata(&me, &a.mint(t), &TOKEN_2022_PROGRAM)?;
            let ix = cl.claim_request(&m, &me, &usdc_acc, t, request.next_epoch..end);
            let ixs: Vec<_> = create.into_iter().chain(create_shares).chain([ix]).collect();
            ctx.send(
                "claim_request",
                &ixs,
                &[("yield_tranches", "claim_request")],
                json!({ "epochs": [request.next_epoch, end] }),
            )
        }
        Investor::Portfolio { owner } => portfolio(ctx, owner.unwrap_or(me)),
    }
}

/// Every holding of `owner`: per merchant, PST held and staked, dividends pending, LP tokens, tranche shares
/// and requests; and USDC.
pub fn portfolio(ctx: &Ctx, owner: Pubkey) -> Result<Output, Error> {
    let usdc_acc = pst_client::associated_token_address(&owner, &ctx.config.usdc_mint, &TOKEN_PROGRAM);
    let usdc_balance = ctx.chain.token_balance(&usdc_acc)?;
    let now = ctx.chain.now()?;
    let mut rows = vec![];
    let mut text = format!("{owner}\nUSDC {}", usdc(usdc_balance));
    for (_, x) in ctx.chain.all::<Merchant>(&pst_ids::pst_mint::ID, &[])? {
        let m = MerchantAddresses::new(&x.authority);
        let pst = ctx.chain.token_balance(&pst_client::associated_token_address(
            &owner,
            &m.pst_mint,
            &TOKEN_2022_PROGRAM,
        ))?;
        let position: Option<Position> =
            ctx.chain.anchor_opt(&DistributorAddresses::of(&m).position(&owner))?;
        // what the position could claim now (its pending dividends with the stream brought up to date)
        let owed = match &position {
            Some(p) => {
                let d: Option<revenue_distributor::state::Distributor> =
                    ctx.chain.anchor_opt(&DistributorAddresses::of(&m).distributor)?;
                d.map(|d| pst_client::revenue_distributor::claimable(&d, p, now)).unwrap_or(p.pending)
            }
            None => 0,
        };
        let lp = ctx.chain.token_balance(&pst_client::associated_token_address(
            &owner,
            &PoolAddresses::of(&m).lp_mint,
            &TOKEN_PROGRAM,
        ))?;
        let a = TrancheAddresses::of(&m);
        let mut tranches = vec![];
        for t in [Tranche::Senior, Tranche::Junior] {
            let shares = ctx.chain.token_balance(&a.share_account(&owner, t))?;
            let request: Option<Request> = ctx.chain.anchor_opt(&a.request(&owner, t))?;
            if shares > 0 || request.is_some() {
                tranches.push(json!({
                    "tranche": format!("{t:?}").to_lowercase(),
                    "shares": fmt_units(shares, 9),
                    "queued_deposit": request.as_ref().map(|r| usdc(r.deposit)),
                    "queued_redeem": request.as_ref().map(|r| fmt_units(r.redeem, 9)),
                }));
            }
        }
        let staked = position.as_ref().map(|p| p.staked).unwrap_or(0);
        if pst == 0 && position.is_none() && lp == 0 && tranches.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n{:<10} PST {} staked {} pending dividends {} LP {}{}",
            x.profile.symbol,
            usdc(pst),
            usdc(staked),
            usdc(owed),
            usdc(lp),
            if tranches.is_empty() { String::new() } else { format!(" tranches {}", tranches.len()) }
        ));
        rows.push(json!({
            "merchant": m.merchant.to_string(),
            "symbol": x.profile.symbol,
            "pst": usdc(pst),
            "staked": usdc(staked),
            "pending_dividends": usdc(owed),
            "auto_payout": position.as_ref().map(|p| p.auto_payout),
            "lp": usdc(lp),
            "tranches": tranches,
        }));
    }
    Ok(Output::new(json!({ "owner": owner.to_string(), "usdc": usdc(usdc_balance), "holdings": rows }), text))
}
