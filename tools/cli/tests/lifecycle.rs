//! The whole lifecycle on the local chain with the `pst` CLI, each role with its own keypair file, the keeper
//! run `--once` between steps, time moved with the engine's time travel; every crank's on-chain effect is read
//! back over RPC. Needs the SBF builds (`../shared/sbf/build .`): `scripts/test` runs these in its SBF half.
mod common;
use anchor_spl::associated_token::get_associated_token_address_with_program_id as ata;
use common::*;
use pst_client::{
    DistributorAddresses, PoolAddresses, ReserveAddresses, TrancheAddresses, TOKEN_2022_PROGRAM,
};
use pst_mint::state::{Merchant, MerchantMetrics, MerchantStatus, PeriodReport, RevenueFeed};
use solana_signer::Signer;

const DAY: i64 = 86_400;

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn every_role_through_the_cli_and_the_keeper_cranks_what_is_due() {
    let n = Net::start("lifecycle");
    let a = n.apply_acme();
    let (merchant_key, investor_key) = (a.merchant_key.clone(), a.investor_key.clone());
    let (merchant, investor, m) = (a.merchant, a.investor, a.m);
    let (keeper_key, keeper) = n.wallet("keeper", 10);
    let uw = n.key("underwriter");
    let admin = n.key("admin");

    // ---- merchant applied; the underwriter sees it, approves with economics; the merchant issues ----------
    let apps = n.ok(&uw, &["underwriter", "applications"]);
    assert_eq!(apps.as_array().unwrap().len(), 1);
    assert_eq!(apps[0]["symbol"], "ACME");
    n.list_acme(&a);
    let x = n.account::<Merchant>(&m.merchant);
    assert_eq!((x.status, x.economics.total_supply), (MerchantStatus::Sale, 1_000_000 * USDC));

    // ---- the keeper has nothing to do while the sale runs -------------------------------------------------
    let pass = n.keeper(&keeper_key);
    assert_eq!(Net::cranks(&pass), Vec::<String>::new(), "{pass}");

    // ---- an investor buys the whole public sale: the keeper closes it ------------------------------------
    n.ok(&investor_key, &["investor", "buy", "--merchant", "ACME", "--amount", "500000"]);
    let pass = n.keeper(&keeper_key);
    assert_eq!(Net::cranks(&pass), ["close_sale"], "{pass}");
    let x = n.account::<Merchant>(&m.merchant);
    assert_eq!(x.status, MerchantStatus::Active);
    assert_eq!(x.sale.sold, 500_000 * USDC);

    // ---- the merchant releases the proceeds (the stake funds the reserve): the keeper harvests it ---------
    n.ok(&merchant_key, &["merchant", "release-proceeds"]);
    let r = ReserveAddresses::of(&m);
    let stake_before = n.account::<alar_reserve::state::Reserve>(&r.reserve).stake;
    let pass = n.keeper(&keeper_key);
    assert_eq!(Net::cranks(&pass), ["harvest_reserve"], "{pass}");
    assert!(
        n.account::<alar_reserve::state::Reserve>(&r.reserve).stake > stake_before,
        "the stake is counted"
    );
    n.ok(&merchant_key, &["merchant", "claim-vested"]);
    assert!(n.balance(&ata(&merchant, &m.pst_mint, &TOKEN_2022_PROGRAM)) > 0, "vested PST claimed");

    // ---- the investor stakes; customers pay; the keeper sweeps the revenue share --------------------------
    n.ok(&investor_key, &["investor", "stake", "--merchant", "ACME", "--amount", "100000"]);
    let d = DistributorAddresses::of(&m);
    assert_eq!(
        n.account::<revenue_distributor::state::Position>(&d.position(&investor)).staked,
        100_000 * USDC
    );
    n.mint_usdc_to(&m.settlement_vault, 100_000 * USDC);
    let pass = n.keeper(&keeper_key);
    assert_eq!(Net::cranks(&pass), ["sweep"], "{pass}");
    assert_eq!(n.balance(&m.dividend_vault), 10_000 * USDC, "10% of the payments swept");

    // ---- next pass: the keeper distributes (and earns its tip) --------------------------------------------
    let tips_before = n.usdc_of(&keeper);
    let pass = n.keeper(&keeper_key);
    assert_eq!(Net::cranks(&pass), ["distribute"], "{pass}");
    let dist = n.account::<revenue_distributor::state::Distributor>(&d.distributor);
    assert_eq!(dist.total_inflow, 10_000 * USDC);
    assert_eq!(n.usdc_of(&keeper) - tips_before, dist.total_tips);
    assert!(dist.total_tips > 0, "the keeper's tip");
    assert_eq!(pass["tips"], pst_cli::cmd::usdc(dist.total_tips));

    // ---- a day later: reporters report period 0, the keeper accepts it; the stream has paid out -----------
    n.travel(DAY);
    n.report(0, "100000", "20000");
    let pass = n.keeper(&keeper_key);
    let cranks = Net::cranks(&pass);
    assert!(cranks.contains(&"accept_period".to_string()), "{pass}");
    assert!(cranks.contains(&"harvest_dividends".to_string()), "{pass}");
    assert!(cranks.contains(&"harvest_reserve".to_string()), "{pass}");
    let report = n.account::<PeriodReport>(&m.report(0));
    assert_eq!(report.accepted.map(|a| a.gross_revenue), Some(100_000 * USDC));
    let pool = n.account::<amm_pool::state::Pool>(&PoolAddresses::of(&m).pool);
    assert!(pool.totals.dividends > 0, "the pool harvested its dividends");

    // ---- the investor claims, then opts in to pushes -------------------------------------------------------
    let claimed = n.ok(&investor_key, &["investor", "claim", "--merchant", "ACME"]);
    assert_ne!(claimed["claimed"], "0.000000", "{claimed}");
    n.ok(&investor_key, &["investor", "auto-payout", "--merchant", "ACME"]);

    // ---- period 1 is short: less arrives than the reported revenue's share; the reserve covers it ---------
    n.mint_usdc_to(&m.settlement_vault, 50_000 * USDC);
    let pass = n.keeper(&keeper_key);
    assert!(Net::cranks(&pass).contains(&"sweep".to_string()), "{pass}");
    let pass = n.keeper(&keeper_key);
    assert!(Net::cranks(&pass).contains(&"distribute".to_string()), "{pass}");
    n.travel(DAY);
    n.report(1, "100000", "20000");
    let pass = n.keeper(&keeper_key);
    let cranks = Net::cranks(&pass);
    assert!(cranks.contains(&"accept_period".to_string()), "{pass}");
    assert!(cranks.contains(&"push_payouts".to_string()), "the stream paid the opted-in investor: {pass}");
    let metrics = n.account::<MerchantMetrics>(&m.metrics);
    let shortfall = metrics.record(1).map(|r| r.shortfall).unwrap_or(0);
    assert!(shortfall > 0, "period 1 is short");
    let pass = n.keeper(&keeper_key);
    assert!(Net::cranks(&pass).contains(&"cover_shortfall".to_string()), "{pass}");
    let cover = n.account::<alar_reserve::state::Cover>(&r.cover(1));
    assert_eq!(cover.covered, cover.shortfall.min(shortfall));
    assert!(cover.covered > 0);
    // nothing is due twice: the next pass has no cover, no accept, no sweep
    let pass = n.keeper(&keeper_key);
    for c in ["cover_shortfall", "accept_period", "sweep", "close_sale"] {
        assert!(!Net::cranks(&pass).contains(&c.to_string()), "{c} again: {pass}");
    }

    // ---- trading: quote, swap, liquidity ------------------------------------------------------------------
    let q = n
        .ok(&investor_key, &["investor", "quote", "--merchant", "ACME", "--side", "buy", "--amount", "1000"]);
    let pst_before = n.balance(&ata(&investor, &m.pst_mint, &TOKEN_2022_PROGRAM));
    n.ok(&investor_key, &["investor", "swap", "--merchant", "ACME", "--side", "buy", "--amount", "1000"]);
    let got = n.balance(&ata(&investor, &m.pst_mint, &TOKEN_2022_PROGRAM)) - pst_before;
    let quoted = pst_cli::cmd::parse_units(q["receive"].as_str().unwrap(), 6).unwrap();
    // the quote prices the pool after the harvest the swap does first: only the seconds of dividends streamed
    // between the two can make the swap give less
    assert!(
        got <= quoted && got >= quoted * 9_995 / 10_000 && got > 0,
        "received {got} for a quote of {quoted}"
    );
    n.ok(&investor_key, &["investor", "swap", "--merchant", "ACME", "--side", "sell", "--amount", "500"]);
    n.ok(&investor_key, &["investor", "add-liquidity", "--merchant", "ACME", "--usdc", "1000"]);
    let lp = n.balance(&ata(&investor, &PoolAddresses::of(&m).lp_mint, &pst_client::TOKEN_PROGRAM));
    assert!(lp > 0);
    n.ok(
        &investor_key,
        &["investor", "remove-liquidity", "--merchant", "ACME", "--lp", &pst_cli::cmd::usdc(lp / 2)],
    );
    let pool_view = n.ok(&investor_key, &["view", "pool", "ACME"]);
    assert!(
        pool_view["spot_price"].as_str().unwrap().starts_with("1.0")
            || pool_view["spot_price"].as_str().unwrap().starts_with("0.9"),
        "{pool_view}"
    );

    // ---- the merchant withdraws from settlement and reads its status ---------------------------------------
    let before = n.usdc_of(&merchant);
    n.ok(&merchant_key, &["merchant", "withdraw-settlement", "--amount", "1000"]);
    assert_eq!(n.usdc_of(&merchant) - before, 1_000 * USDC);
    let status = n.ok(&merchant_key, &["merchant", "status"]);
    assert_eq!(status["status"], "Active");

    // ---- tranches: deposits queue, the keeper closes the epoch when it ends --------------------------------
    n.ok(&merchant_key, &["merchant", "open-tranches"]);
    n.ok(
        &investor_key,
        &["investor", "tranche-deposit", "--merchant", "ACME", "--tranche", "junior", "--usdc", "10000"],
    );
    let t = TrancheAddresses::of(&m);
    let tranches = n.account::<yield_tranches::state::Tranches>(&t.tranches);
    assert_eq!(tranches.books[1].pending_deposits, 10_000 * USDC);
    let view = n.ok(&investor_key, &["view", "tranches", "ACME"]);
    assert_eq!(view["epoch"], 0);
    n.ok(
        &admin,
        &[
            "admin",
            "set-tranche-params",
            "--merchant",
            "ACME",
            "--epoch-secs",
            "86400",
            "--twap-window-secs",
            "3600",
        ],
    );

    // ---- period 2: three periods of history put the price far below the reserve's band (PE ≈ 0.3): the
    // keeper stabilises (the reserve buys PST); the epoch has ended: the keeper closes it -------------------
    n.mint_usdc_to(&m.settlement_vault, 100_000 * USDC);
    assert!(Net::cranks(&n.keeper(&keeper_key)).contains(&"sweep".to_string()));
    n.travel(DAY);
    n.report(2, "100000", "20000");
    let pass = n.keeper(&keeper_key);
    let cranks = Net::cranks(&pass);
    assert!(cranks.contains(&"accept_period".to_string()), "{pass}");
    assert!(cranks.contains(&"stabilize".to_string()), "{pass}");
    assert!(cranks.contains(&"close_epoch".to_string()), "{pass}");
    let reserve = n.account::<alar_reserve::state::Reserve>(&r.reserve);
    assert!(reserve.totals.pst_bought > 0, "the reserve bought PST below its band");
    let tranches = n.account::<yield_tranches::state::Tranches>(&t.tranches);
    assert_eq!(tranches.epoch, 1, "epoch 0 closed");
    assert_eq!(tranches.books[1].value, 10_000 * USDC, "the junior deposit executed at its value");
    n.ok(&investor_key, &["investor", "tranche-claim", "--merchant", "ACME", "--tranche", "junior"]);
    let shares = n.balance(&t.share_account(&investor, yield_tranches::state::Tranche::Junior));
    assert_eq!(shares, tranches.books[1].supply, "the investor holds every junior share");
    // the keeper does not close the next epoch early, nor stabilise again inside the cooldown
    let pass = n.keeper(&keeper_key);
    for c in ["close_epoch", "stabilize", "accept_period"] {
        assert!(!Net::cranks(&pass).contains(&c.to_string()), "{c} again: {pass}");
    }

    // ---- views, portfolio, admin ----------------------------------------------------------------------------
    let p = n.ok(&investor_key, &["investor", "portfolio"]);
    assert_eq!(p["holdings"][0]["symbol"], "ACME");
    assert_eq!(p["holdings"][0]["staked"], "100000.000000");
    n.ok(&investor_key, &["view", "merchant", "ACME"]);
    n.ok(&investor_key, &["view", "reserve", "ACME"]);
    let merchants = n.ok(&investor_key, &["view", "merchants"]);
    assert_eq!(merchants.as_array().unwrap().len(), 1);
    n.ok(
        &admin,
        &["admin", "update-fees", "--protocol-bps", "250", "--reserve-bps", "500", "--tip-bps", "10"],
    );
    let config = n.ok(&admin, &["view", "config"]);
    assert_eq!(config["fees"]["protocol_bps"], 250);

    // ---- the rest of the admin's, the merchant's and the investor's instructions ---------------------------
    let pst_before = n.balance(&ata(&investor, &m.pst_mint, &TOKEN_2022_PROGRAM));
    n.ok(
        &investor_key,
        &["investor", "swap", "--merchant", "ACME", "--side", "buy", "--amount", "100", "--exact-out"],
    );
    assert_eq!(n.balance(&ata(&investor, &m.pst_mint, &TOKEN_2022_PROGRAM)) - pst_before, 100 * USDC);
    n.ok(
        &admin,
        &[
            "admin",
            "update-pool-fees",
            "--merchant",
            "ACME",
            "--fee-bps",
            "30",
            "--protocol-share-bps",
            "2000",
        ],
    );
    n.ok(&investor_key, &["investor", "swap", "--merchant", "ACME", "--side", "buy", "--amount", "10000"]);
    let admin_key = solana_keypair::read_keypair_file(&admin).unwrap().pubkey();
    let fees = n.usdc_of(&admin_key);
    n.ok(&admin, &["admin", "collect-protocol-fees", "--merchant", "ACME"]);
    assert!(n.usdc_of(&admin_key) > fees, "the protocol's share of the fees collected");
    let stake = n.account::<alar_reserve::state::Reserve>(&r.reserve).stake;
    n.ok(&merchant_key, &["merchant", "deposit-stake", "--amount", "1000"]);
    assert_eq!(n.account::<alar_reserve::state::Reserve>(&r.reserve).stake, stake + 1_000 * USDC);
    let w = n.ok(&admin, &["admin", "propose-withdrawal", "--merchant", "ACME", "--amount", "10"]);
    n.ok(&admin, &["admin", "cancel-withdrawal", "--merchant", "ACME", "--id", &w["id"].to_string()]);
    let w = n.ok(&admin, &["admin", "propose-withdrawal", "--merchant", "ACME", "--amount", "10"]);
    n.travel(2 * DAY + 60);
    // the reserve's own USDC above its floor (one period's expected share) pays it: the protocol tops it up
    n.mint_usdc_to(&r.usdc_vault, 1_000_000 * USDC);
    let before = n.usdc_of(&admin_key);
    n.ok(&admin, &["admin", "execute-withdrawal", "--merchant", "ACME", "--id", &w["id"].to_string()]);
    assert_eq!(n.usdc_of(&admin_key) - before, 10 * USDC);
    n.ok(
        &admin,
        &["admin", "delist", "--merchant", "ACME", "--merchant-keypair", merchant_key.to_str().unwrap()],
    );
    assert_eq!(n.account::<Merchant>(&m.merchant).status, MerchantStatus::Delisted);
    // the stake comes back once the period in progress at delisting is accepted (reporters report every period
    // up to it; the keeper accepts them and covers what is short from the stake)
    let last = n.account::<RevenueFeed>(&m.feed).period_at(n.now());
    loop {
        let f = n.account::<RevenueFeed>(&m.feed);
        if f.next_period > last {
            break;
        }
        let p = f.next_period;
        let end = f.period_end(p).unwrap();
        if n.now() < end {
            n.travel(end - n.now() + 1);
        }
        n.report(p, "10", "1");
        n.keeper(&keeper_key);
    }
    n.keeper(&keeper_key); // the last period's cover
    let before = n.usdc_of(&merchant);
    n.ok(&merchant_key, &["merchant", "release-stake"]);
    assert!(n.usdc_of(&merchant) > before, "the stake came back");
    n.travel(366 * DAY);
    n.ok(&merchant_key, &["merchant", "claim-seed-liquidity"]);
    let seed = n.balance(&ata(&merchant, &PoolAddresses::of(&m).lp_mint, &pst_client::TOKEN_PROGRAM));
    assert!(seed > 0, "the seed LP tokens claimed");
    let _ = keeper;
}
