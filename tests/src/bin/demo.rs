//! The PST protocol demo on the embedded bank: `cargo run -p pst-tests --bin demo`.
//!
//! A merchant is listed, its PST issued, a public sale runs, and the merchant claims vested tokens. Every step
//! is a real transaction against the programs; every number printed is read back from the chain.
use pst_mint::{
    errors::PstError,
    state::{MerchantStatus, Role},
};
use pst_tests::*;
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

const DAY: i64 = 86_400;

fn usdc(v: u64) -> String {
    group(v, USDC, 2)
}

fn pst(v: u64) -> String {
    group(v, PST, 2)
}

/// A base-unit amount as a decimal with thousands separators.
fn group(v: u64, unit: u64, decimals: usize) -> String {
    let whole = (v / unit).to_string();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    let digits = unit.ilog10() as usize;
    let frac = format!("{:0digits$}", v % unit);
    format!("{out}.{}", &frac[..decimals.min(digits)])
}

fn bps(v: impl Into<i64>) -> String {
    let v: i64 = v.into();
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}%", v.abs() / 100, v.abs() % 100)
}

/// The demo shows refusals on purpose: check the error is the one expected, and name it.
fn refused(res: TxResult, expected: impl ExpectedError) -> String {
    match res {
        Err(TxFail {
            error: TransactionError::InstructionError(_, InstructionError::Custom(code)), ..
        }) if code == expected.code() => {
            format!("refused with {}", expected.name())
        }
        other => panic!("expected {}, got {other:?}", expected.name()),
    }
}

fn heading(s: &str) {
    println!("\n== {s} {}", "=".repeat(100usize.saturating_sub(s.len() + 4)));
}

fn day(env: &Env) -> i64 {
    (env.now - GENESIS_TIME) / DAY
}

#[tokio::main]
async fn main() {
    heading("1. Protocol bootstrap");
    let mut env = Env::new().await;
    env.mute_program_output = true;
    let config = env.config().await;
    println!("pst_mint program        {}", pst_mint::ID);
    println!("admin (multisig)        {}", config.admin);
    println!("guardian                {}", config.guardian);
    println!("underwriter             {}", env.underwriter.pubkey());
    println!("USDC mint               {}", config.usdc_mint);
    println!(
        "fees                    protocol {} · reserve {} · keeper tip {}",
        bps(config.fees.protocol_fee_bps),
        bps(config.fees.alar_contribution_bps),
        bps(config.fees.keeper_tip_bps)
    );
    assert!(config.is_underwriter(&env.underwriter.pubkey()));
    let _ = Role::Underwriter;

    heading("2. Listing: Acme Outdoor Gear applies, the underwriter approves");
    let profile = sample_profile("Acme Outdoor Gear", "ACME");
    let m = env.applied_merchant(profile.clone()).await;
    println!("merchant wallet         {}", m.authority.pubkey());
    println!("trailing-12m revenue    {} USDC", usdc(profile.trailing_revenue));
    println!("initial PE              10.0 (1,000,000 PST × 1.00 / 10% of 1.0M): inside the reserve's band [8, 15]");
    println!("net margin              {}", bps(profile.margin_bps));
    println!("growth (YoY)            {}", bps(profile.growth_bps));
    println!("evidence                {}", profile.evidence_uri);
    let uw = env.underwriter.insecure_clone();
    env.send_ok(&[env.approve_merchant(&m, &uw.pubkey(), sample_approval())], &[&uw]).await;
    let e = env.merchant(&m).await.economics;
    println!("status                  {:?}", env.merchant(&m).await.status);
    println!("revenue share           {} of gross revenue to holders", bps(e.revenue_share_bps));
    println!("reserve stake           {} of market cap", bps(e.stake_bps));
    println!("supply                  {} PST at {} USDC", pst(e.total_supply), usdc(e.issue_price));
    println!(
        "split                   merchant {} · liquidity pool {} · public sale {}",
        bps(e.merchant_bps),
        bps(e.lp_bps),
        bps(e.public_bps)
    );
    println!(
        "merchant vesting        {}-day cliff, linear over {} days",
        e.vesting_cliff_secs / DAY,
        e.vesting_duration_secs / DAY
    );
    println!("withdrawal limit        {} USDC per period", usdc(e.withdrawal_limit_per_period));

    heading("3. Issuance: Token-2022 PST with on-mint metadata, supply minted once");
    env.create_token(&m).await.expect("create_token");
    env.issue_supply(&m).await.expect("issue_supply");
    let meta = env.token_metadata(&m.pst_mint).await;
    let mint = env.mint_state(&m.pst_mint).await;
    println!("PST mint                {}", m.pst_mint);
    println!("metadata                {} ({}) {}", meta.name, meta.symbol, meta.uri);
    println!(
        "supply                  {} PST, {} decimals, mint authority: {}",
        pst(mint.supply),
        mint.decimals,
        if mint.mint_authority.is_some() { "present" } else { "removed (supply fixed)" }
    );
    println!("{:<24}{:>20}", "vault", "PST");
    for (name, vault) in
        [("merchant vesting", m.vesting_vault), ("liquidity pool", m.lp_vault), ("public sale", m.sale_vault)]
    {
        println!("  {:<22}{:>20}", name, pst(env.balance(&vault).await));
    }

    heading("4. Public sale at the issue price");
    let buys = [("Alice", 120_000), ("Bob", 80_000), ("Carol", 45_000), ("Dave", 30_000), ("Erin", 5_000)];
    println!("{:<8}{:>16}{:>18}{:>8}", "investor", "PST bought", "USDC paid", "day");
    let mut investors = Vec::new();
    for (i, (name, amount)) in buys.iter().enumerate() {
        env.warp(DAY * (i as i64 % 3 + 1));
        let inv = env.investor(&m, 200_000 * USDC).await;
        let before = env.balance(&inv.usdc).await;
        env.buy(&m, &inv, amount * PST).await.expect("buy");
        let paid = before - env.balance(&inv.usdc).await;
        println!("{:<8}{:>16}{:>18}{:>8}", name, pst(amount * PST), usdc(paid), day(&env));
        investors.push((name, inv));
    }
    // one buyer asks for more than is left, and is refused
    let late = env.investor(&m, 1_000_000 * USDC).await;
    let left = env.merchant(&m).await.sale;
    let ask = left.public_supply - left.sold + 1;
    let res = env.buy(&m, &late, ask).await;
    println!(
        "Frank asks for {} PST, one base unit more than is left: {}",
        group(ask, PST, 6),
        refused(res, PstError::InsufficientSaleSupply)
    );
    let sale = env.merchant(&m).await.sale;
    println!(
        "sold {} of {} PST, treasury holds {} USDC",
        pst(sale.sold),
        pst(sale.public_supply),
        usdc(env.balance(&m.treasury).await)
    );

    heading("5. The sale window closes");
    env.warp(sample_approval().sale_duration_secs);
    env.close_sale(&m).await.expect("close_sale");
    let merchant = env.merchant(&m).await;
    println!(
        "day {:<4} status {:?}; unsold {} PST burned: supply {} PST, the merchant keeps its {} PST",
        day(&env),
        merchant.status,
        pst(sale.public_supply - sale.sold),
        pst(env.supply(&m.pst_mint).await),
        pst(merchant.vesting.total)
    );
    assert_eq!(merchant.status, MerchantStatus::Active);

    heading("6. Merchant vesting claims");
    let dest = env.merchant_pst_account(&m).await;
    println!("{:<6}{:<44}{:>18}{:>18}", "day", "event", "claimed now", "claimed total");
    let start = merchant.vesting.start;
    for target_day in [30i64, 90, 180, 365] {
        env.now = start + target_day * DAY;
        let before = env.balance(&dest).await;
        let res = env.claim_vested(&m, &dest).await;
        let event = if target_day < 90 {
            format!("claim: {}", refused(res, PstError::VestingCliffNotReached))
        } else {
            res.expect("claim");
            "claim".to_string()
        };
        let now = env.balance(&dest).await - before;
        println!("{:<6}{:<44}{:>18}{:>18}", target_day, event, pst(now), pst(env.balance(&dest).await));
    }
    let res = env.claim_vested(&m, &dest).await;
    println!("a second claim on day 365: {}", refused(res, PstError::NothingToClaim));

    heading("7. Conservation");
    let supply = env.supply(&m.pst_mint).await;
    let mut rows: Vec<(String, u64)> = vec![
        ("merchant vesting vault".into(), env.balance(&m.vesting_vault).await),
        ("liquidity-pool vault".into(), env.balance(&m.lp_vault).await),
        ("public-sale vault".into(), env.balance(&m.sale_vault).await),
        ("merchant wallet".into(), env.balance(&dest).await),
    ];
    for (name, inv) in &investors {
        rows.push((name.to_string(), env.balance(&inv.pst).await));
    }
    let total: u64 = rows.iter().map(|r| r.1).sum();
    for (name, v) in &rows {
        println!("  {:<24}{:>20}", name, pst(*v));
    }
    println!("  {:<24}{:>20}", "total", pst(total));
    println!("  {:<24}{:>20}", "mint supply", pst(supply));
    env.assert_all_conserved(&m).await;
    println!(
        "PST conserved: vaults + holders = supply; treasury = sale proceeds ({} USDC).",
        usdc(env.balance(&m.treasury).await)
    );

    revenue(&mut env, &m).await;
    dividends(&mut env, &m, &investors).await;
    pool(&mut env, &m, &investors).await;
}

/// Section 8: a year of revenue through the oracle, the settlement vault and market intelligence.
async fn revenue(env: &mut Env, m: &MerchantKeys) {
    heading("8. Revenue: reporters, sweeps, withdrawals and market intelligence over 12 months");
    let now = env.now;
    env.open_feed(m, sample_feed_params(now)).await.expect("open_revenue_feed");
    let mut reporters = vec![env.reporter.insecure_clone()];
    reporters.extend(env.add_reporters(2).await);
    let p = sample_feed_params(now);
    println!(
        "feed: {} reporters, median of ≥ {} fresh reports (≤ {} slots old) within {} of each other; 30-day periods",
        reporters.len(),
        p.min_responses,
        p.max_staleness_slots,
        bps(p.max_variance_bps)
    );
    println!(
        "dividend vault {} is owned by the revenue_distributor PDA {}",
        m.dividend_vault,
        DistributorAddresses::of(m).distributor
    );
    let dest = env.merchant_usdc_account(m).await;
    let admin = env.admin.insecure_clone();
    println!();
    println!(
        "closing inventory is reported with each month; below {} days of sales in stock the merchant goes on Watch \
         and its withdrawal limit (approved: {} USDC) scales with the days of inventory",
        env.config().await.merchant_rules.inventory_floor_days,
        usdc(sample_approval().withdrawal_limit_per_period)
    );
    println!(
        "{:<6}{:>14}{:>14}{:>7}{:>13}{:>13}{:>13}{:>13}{:>10}{:>9}{:>15}{:>10}  notes",
        "month",
        "revenue",
        "inventory",
        "days",
        "share due",
        "share paid",
        "limit",
        "withdrawn",
        "coverage",
        "health",
        "annual rev",
        "growth"
    );
    for month in 0u32..12 {
        // monthly gross revenue grows 2% a month from 80,000 USDC (about the 1.0M a year of the application),
        // with a seasonal bump in month 10
        let mut gross = (80_000 * USDC as u128 * 102u128.pow(month) / 100u128.pow(month)) as u64;
        if month == 10 {
            gross = gross * 13 / 10;
        }
        let mut notes = Vec::new();
        // in month 8 the merchant routes only half its sales through the settlement vault
        let settled = if month == 8 { gross / 2 } else { gross };
        if month == 8 {
            notes.push("only half the sales settled".to_string());
        }
        // proceeds arrive in two halves; a keeper sweeps after each
        for part in [settled / 2, settled - settled / 2] {
            env.warp(10 * DAY);
            env.sales_proceeds(m, part).await;
            env.sweep(m).await.expect("sweep");
        }
        let before = env.balance(&dest).await;
        // the limit follows health and inventory cover (the last accepted month's): the merchant takes all of it
        let available = env.settlement(m).await.available;
        let judged = env.feed(m).await.next_period >= month; // the month before is accepted
        let limit = env.metrics(m).await.withdrawal_limit(
            sample_approval().withdrawal_limit_per_period,
            judged,
            false,
        );
        if available.min(limit) > 0 {
            env.withdraw(m, &dest, available.min(limit)).await.expect("withdraw");
            let res = env.withdraw(m, &dest, 1).await;
            if limit < available {
                assert!(res.is_err(), "the limit holds");
            }
        }
        let withdrawn = env.balance(&dest).await - before;
        // closing stock: about 45 days of sales, run down to 10 and 5 days in months 4 and 5, restocked after
        let inventory = match month {
            4 => gross / 3,
            5 => gross / 6,
            _ => gross * 3 / 2,
        };
        if month == 4 {
            notes.push("stock run down below the floor".to_string());
        }
        env.warp(PERIOD - 20 * DAY);

        // reporters post the month's figures (net earnings at an 18% margin)
        let net = (gross / 100 * 18) as i64;
        let third = if month == 6 { gross * 3 } else { gross + gross / 200 };
        for (i, rep) in reporters.iter().enumerate() {
            let g = match i {
                0 => gross,
                1 => gross - gross / 200,
                _ => third,
            };
            if month == 3 && i == 2 {
                continue; // this one is late: it arrives after the period is accepted
            }
            env.submit_with_inventory(m, rep, month, g, net, inventory).await.expect("submit");
        }
        if month == 6 {
            let res = env.accept(m, month).await;
            notes.push(format!(
                "a reporter posted 3x: acceptance {}",
                refused(res, PstError::ExcessiveVariance)
            ));
            env.send_ok(
                &[env.set_role(&admin.pubkey(), Role::OracleReporter, reporters[2].pubkey(), false)],
                &[&admin],
            )
            .await;
            notes.push("admin removed that reporter; accepted from the other two".to_string());
        }
        env.accept(m, month).await.expect("accept");
        if month == 3 {
            let res = env.submit_with_inventory(m, &reporters[2], month, gross, net, inventory).await;
            notes.push(format!("a late report: {}", refused(res, PstError::PeriodAlreadyAccepted)));
        }
        if month == 6 {
            env.send_ok(
                &[env.set_role(&admin.pubkey(), Role::OracleReporter, reporters[2].pubkey(), true)],
                &[&admin],
            )
            .await;
        }
        let metrics = env.metrics(m).await;
        let rec = metrics.records().last().copied().unwrap();
        if rec.share_paid < rec.share_due * 95 / 100 {
            notes.push(format!(
                "short: {} USDC recorded for the reserve",
                usdc(rec.share_due - rec.share_paid)
            ));
        }
        println!(
            "{:<6}{:>14}{:>14}{:>7}{:>13}{:>13}{:>13}{:>13}{:>10}{:>9}{:>15}{:>10}  {}",
            month,
            usdc(rec.revenue),
            usdc(rec.inventory),
            metrics.inventory_days_x100.map_or("-".into(), |d| format!("{}.{:01}", d / 100, d % 100 / 10)),
            usdc(rec.share_due),
            usdc(rec.share_paid),
            usdc(limit),
            usdc(withdrawn),
            bps(metrics.coverage_bps as i64),
            format!("{:?}", metrics.health),
            usdc(metrics.annual_revenue as u64),
            metrics.growth_pop_bps.map(bps).unwrap_or_else(|| "-".into()),
            notes.join("; ")
        );
    }

    let metrics = env.metrics(m).await;
    let s = env.settlement(m).await;
    println!();
    println!("market intelligence (on chain, account {})", m.metrics);
    println!("  annualised revenue        {} USDC", usdc(metrics.annual_revenue as u64));
    println!("  annualised earnings       {} USDC", usdc(metrics.annual_earnings as u64));
    println!("  growth, month over month  {}", metrics.growth_pop_bps.map(bps).unwrap_or_else(|| "-".into()));
    println!(
        "  growth, year over year    {}",
        metrics.growth_yoy_bps.map(bps).unwrap_or_else(|| "- (needs 13 months)".into())
    );
    println!("  volatility (CV)           {}", bps(metrics.volatility_bps as i64));
    println!("  coverage (paid / due)     {}", bps(metrics.coverage_bps as i64));
    println!("  health                    {:?}", metrics.health);
    println!(
        "  days of inventory         {} (floor {} days; trend {})",
        metrics.inventory_days_x100.map_or("-".into(), |d| format!("{}.{:02}", d / 100, d % 100)),
        metrics.inventory_floor_days,
        metrics.inventory_trend_bps.map(bps).unwrap_or_else(|| "-".into())
    );
    env.warp(2 * DAY);
    println!("  days since last report    {}", metrics.days_since_last_report(env.now));
    println!(
        "  shortfall for the reserve {} USDC in {} short period(s)",
        usdc(s.shortfall_recorded),
        s.short_periods
    );
    env.assert_all_conserved(m).await;
    let deposited = env.settlement_deposits[&m.merchant];
    println!(
        "USDC conserved: {} arrived = {} settlement vault + {} dividend vault + {} withdrawn",
        usdc(deposited),
        usdc(env.balance(&m.settlement_vault).await),
        usdc(env.balance(&m.dividend_vault).await),
        usdc(s.total_withdrawn)
    );
}

/// Section 9: 100 holders stake; six weekly distributions stream to them.
async fn dividends(env: &mut Env, m: &MerchantKeys, sale_investors: &[(&&str, Investor)]) {
    let alice = &sale_investors[0].1;
    heading("9. Dividends: 100 holders, six weekly distributions, late joiners, leavers, pushed payouts");
    env.init_distributor(m, WEEK).await.expect("initialize_distributor");
    let k = DistributorAddresses::of(m);
    println!("distributor {} (streams each distribution over 7 days)", k.distributor);
    // 100 holders get 1,000 PST each from Alice, as if bought on the secondary market
    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Class {
        Early,
        Late,
        Leaver,
        Auto,
    }
    let classes: Vec<Class> = (0..100)
        .map(|i| match i {
            0..40 => Class::Early,
            40..70 => Class::Late,
            70..90 => Class::Leaver,
            _ => Class::Auto,
        })
        .collect();
    let stake = 1_000 * PST;
    let mut holders = Vec::new();
    for class in &classes {
        let h = env.investor(m, 0).await;
        let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
            &anchor_spl::token_2022::ID,
            &alice.pst,
            &m.pst_mint,
            &h.pst,
            &alice.wallet.pubkey(),
            &[],
            stake,
            6,
        )
        .unwrap();
        env.send_ok(&[ix], &[&alice.wallet]).await;
        env.open_position(m, &h.wallet).await.expect("open_position");
        if *class == Class::Auto {
            env.set_auto_payout(m, &h, true).await.expect("auto-payout");
        }
        holders.push(h);
    }
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;

    // the share swept during the revenue year goes to the sale investors, who held all year
    for (_, inv) in sale_investors {
        env.open_position(m, &inv.wallet).await.expect("open_position");
        let all = env.balance(&inv.pst).await;
        env.stake(m, inv, all).await.expect("stake");
    }
    let backlog = env.balance(&k.dividend_vault).await;
    env.distribute(m, &keeper, &keeper_usdc).await.expect("distribute the backlog");
    env.warp(WEEK);
    print!("the year's accumulated share ({} USDC) streams for a week to the five sale investors, who held all year:", usdc(backlog));
    for (name, inv) in sale_investors {
        env.claim(m, inv).await.expect("claim");
        print!(" {} {}", name, usdc(env.position(m, &inv.wallet.pubkey()).await.claimed));
    }
    println!(" USDC");
    for (h, class) in holders.iter().zip(&classes) {
        if *class != Class::Late {
            env.stake(m, h, stake).await.expect("stake");
        }
    }
    println!("40 early holders and 20 leavers stake 1,000 PST each at week 0; 10 opt in to pushed payouts; 30 join at week 3; the leavers withdraw at week 3");
    println!();
    println!(
        "{:<6}{:>16}{:>14}{:>14}{:>14}{:>16}{:>14}",
        "week", "new share", "protocol fee", "reserve", "keeper tip", "streamed", "total staked"
    );
    let admin_usdc = env.admin_usdc().await;
    // the (position, payout account) pairs keepers push to
    let pushed: Vec<(Pubkey, Pubkey)> = holders
        .iter()
        .zip(&classes)
        .filter(|(_, c)| **c == Class::Auto)
        .map(|(h, _)| (k.position(&h.wallet.pubkey()), h.usdc))
        .collect();
    for week in 0..6 {
        if week == 3 {
            for (h, class) in holders.iter().zip(&classes) {
                match class {
                    Class::Late => env.stake(m, h, stake).await.expect("late stake"),
                    Class::Leaver => env.unstake(m, h, stake).await.expect("leave"),
                    _ => continue,
                };
            }
        }
        // a week of sales: ~60,000 USDC, 10% of which is the holders' share
        env.dividends_arrive(m, 60_000 * USDC + week as u64 * 1_000 * USDC).await;
        let before = (
            env.balance(&admin_usdc).await,
            env.balance(&k.alar_vault).await,
            env.balance(&keeper_usdc).await,
        );
        let d0 = env.distributor(m).await;
        env.distribute(m, &keeper, &keeper_usdc).await.expect("distribute");
        let d = env.distributor(m).await;
        println!(
            "{:<6}{:>16}{:>14}{:>14}{:>14}{:>16}{:>14}",
            week,
            usdc(d.total_inflow - d0.total_inflow),
            usdc(env.balance(&admin_usdc).await - before.0),
            usdc(env.balance(&k.alar_vault).await - before.1),
            usdc(env.balance(&keeper_usdc).await - before.2),
            usdc(d.schedule.scheduled - d0.schedule.scheduled),
            pst(d.total_staked)
        );
        env.warp(WEEK);
        // keepers push to the opted-in positions, in batches of 10
        for batch in pushed.chunks(10) {
            let ix = env.push_payouts(m, &keeper.pubkey(), &keeper_usdc, batch);
            env.send_ok(&[ix], &[&keeper]).await;
        }
    }
    env.warp(WEEK);
    for (h, class) in holders.iter().zip(&classes) {
        if *class != Class::Auto {
            let _ = env.claim(m, h).await;
        }
    }
    for (_, inv) in sale_investors {
        let _ = env.claim(m, inv).await;
    }
    let ix = env.push_payouts(m, &keeper.pubkey(), &keeper_usdc, &pushed);
    env.send_ok(&[ix], &[&keeper]).await;

    println!();
    println!(
        "{:<26}{:>8}{:>16}{:>14}{:>22}",
        "class", "holders", "USDC each", "weeks staked", "yield on 1 USDC/PST"
    );
    for (class, name, weeks) in [
        (Class::Early, "early (claim at the end)", 7.0),
        (Class::Auto, "early, pushed payouts", 7.0),
        (Class::Late, "joined at week 3", 4.0),
        (Class::Leaver, "left at week 3", 3.0),
    ] {
        let mut total = 0u64;
        let mut n = 0u64;
        for (h, c) in holders.iter().zip(&classes) {
            if *c == class {
                total += env.position(m, &h.wallet.pubkey()).await.claimed;
                n += 1;
            }
        }
        let each = total / n;
        // annualised: paid / principal × 52 / weeks (a display figure, computed off chain)
        let apy = each as f64 / stake as f64 * 52.0 / weeks * 100.0;
        println!("{:<26}{:>8}{:>16}{:>14}{:>21.1}%", name, n, usdc(each), weeks, apy);
    }
    let d = env.distributor(m).await;
    env.assert_all_conserved(m).await;
    env.assert_all_conserved(m).await;
    println!(
        "paid to holders {} of {} distributed; {} USDC still streaming or rounding dust in the vault",
        usdc(d.total_claimed),
        usdc(d.total_inflow - d.total_protocol_fees - d.total_alar - d.total_tips),
        usdc(env.balance(&k.dividend_vault).await)
    );
}

/// Section 10: the merchant's PST/USDC pool.
async fn pool(env: &mut Env, m: &MerchantKeys, sale_investors: &[(&&str, Investor)]) {
    use amm_pool::{constants::PAUSE_SWAP, errors::AmmError, instructions::Direction};
    heading("10. The PST/USDC pool: trading, liquidity, TWAP, dividends for LPs");
    let k = PoolAddresses::of(m);
    env.init_pool(m).await.expect("initialize_pool");
    let p = env.pool(m).await;
    println!(
        "pool {} opened from the LP allocation: {} PST + {} USDC (at the 1 USDC issue price), {} LP tokens",
        k.pool,
        pst(p.reserve_pst),
        usdc(p.reserve_usdc),
        pst(p.lp_supply)
    );
    println!(
        "the merchant's seed LP ({}) is locked until day {}; the pool's PST earns dividends as a custody position",
        pst(p.seed_lp_locked),
        (p.seed_unlock_ts - GENESIS_TIME) / DAY
    );
    let (dave, bob, carol) = (&sale_investors[3].1, &sale_investors[1].1, &sale_investors[2].1);
    env.mint_usdc(&bob.usdc, 50_000 * USDC).await;
    // Dave and Carol take PST out of their dividend positions to trade and to provide liquidity
    env.unstake(m, dave, 25_000 * PST).await.expect("Dave unstakes");
    env.unstake(m, carol, 15_000 * PST).await.expect("Carol unstakes");
    println!("Dave unstakes 25,000 PST to sell; Carol unstakes 15,000 PST to provide liquidity");
    let lp = {
        let lp_mint = k.lp_mint;
        let ata = env.create_ata(&carol.wallet.pubkey(), &lp_mint, &anchor_spl::token::ID).await;
        env.mint_usdc(&carol.usdc, 20_000 * USDC).await;
        Lp {
            investor: Investor { wallet: carol.wallet.insecure_clone(), usdc: carol.usdc, pst: carol.pst },
            lp: ata,
        }
    };
    println!(
        "\n{:<6}{:<52}{:>14}{:>16}{:>16}{:>14}{:>14}",
        "hour", "event", "price", "TWAP 1h", "LP value", "fees USDC", "fees PST"
    );
    let start = env.now;
    let lp_value = |p: &amm_pool::state::Pool| {
        let price = p.reserve_usdc as f64 / p.reserve_pst as f64;
        (p.reserve_usdc as f64 + p.reserve_pst as f64 * price) / p.lp_supply as f64
    };
    let row = |env: &Env, event: String, p: &amm_pool::state::Pool, twap: Option<u128>| {
        let price = q64_to_f64(p.price_q64().unwrap());
        let twap = twap.map(|t| format!("{:.4}", q64_to_f64(t))).unwrap_or_else(|| "not covered".into());
        println!(
            "{:<6}{:<52}{:>14.4}{:>16}{:>16.4}{:>14}{:>14}",
            (env.now - start) / 3_600,
            event,
            price,
            twap,
            lp_value(p),
            usdc(p.totals.fees_usdc),
            pst(p.totals.fees_pst)
        );
    };
    let p = env.pool(m).await;
    let t = env.twap(m, 3_600).await.ok();
    row(env, "pool opens".into(), &p, t);
    let trades: [(&str, &Investor, Direction, u64); 6] = [
        ("Bob buys PST with 20,000 USDC", bob, UsdcToPst, 20_000 * USDC),
        ("Dave sells 12,000 PST", dave, PstToUsdc, 12_000 * PST),
        ("Bob buys PST with 10,000 USDC", bob, UsdcToPst, 10_000 * USDC),
        ("Dave sells 8,000 PST", dave, PstToUsdc, 8_000 * PST),
        ("Bob buys PST with 5,000 USDC", bob, UsdcToPst, 5_000 * USDC),
        ("Dave sells 5,000 PST", dave, PstToUsdc, 5_000 * PST),
    ];
    for (event, who, direction, amount) in trades {
        env.warp(3_600);
        env.swap_in(m, who, direction, amount, 1).await.expect("swap");
        let p = env.pool(m).await;
        let t = env.twap(m, 3_600).await.ok();
        row(env, event.to_string(), &p, t);
    }
    env.warp(1_800);
    let before = env.balance(&bob.pst).await;
    env.swap_out(m, bob, UsdcToPst, 1_000 * PST, 1_200 * USDC).await.expect("exact out");
    let p = env.pool(m).await;
    let t = env.twap(m, 3_600).await.ok();
    let bought = env.balance(&bob.pst).await - before;
    row(env, format!("Bob buys exactly {} PST", pst(bought)), &p, t);
    let res = env.swap_in(m, bob, UsdcToPst, 1_000 * USDC, 1_000 * PST).await;
    println!(
        "      Bob asks 1,000 PST for 1,000 USDC at minimum: {}",
        refused(res, AmmError::SlippageExceeded)
    );

    // a liquidity provider
    let (pst0, usdc0) = (env.balance(&lp.investor.pst).await, env.balance(&lp.investor.usdc).await);
    let p = env.pool(m).await;
    let want = (p.lp_supply as u128 * 10_000 * USDC as u128 / p.reserve_usdc as u128) as u64;
    env.warp(1_800);
    env.add_liquidity(m, &lp, want, pst0, usdc0).await.expect("add liquidity");
    let paid = (pst0 - env.balance(&lp.investor.pst).await, usdc0 - env.balance(&lp.investor.usdc).await);
    let p = env.pool(m).await;
    let t = env.twap(m, 3_600).await.ok();
    row(env, format!("Carol adds {} PST + {} USDC", pst(paid.0), usdc(paid.1)), &p, t);
    let guardian = env.guardian.insecure_clone();
    env.set_pool_pause(m, &guardian, PAUSE_SWAP).await.expect("pause");
    let res = env.swap_in(m, bob, UsdcToPst, USDC, 0).await;
    println!("      the guardian pauses swaps; a trade is {}", refused(res, AmmError::Paused));
    let admin = env.admin.insecure_clone();
    env.set_pool_pause(m, &admin, 0).await.expect("unpause");
    println!("      the admin reopens them");

    // a month of revenue flows to holders, the pool included
    env.warp(DAY);
    env.dividends_arrive(m, 2_000_000 * USDC).await;
    let keeper = env.investor(m, 0).await;
    env.distribute(m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let stake = env.position(m, &k.pool).await.staked;
    let total = env.distributor(m).await.total_staked;
    let dur = env.stream_duration(m).await;
    env.warp(dur);
    // Bob tries to sandwich the harvest: buy PST, harvest, sell it back, in one transaction
    let sandwich = [
        env.swap_out_ix(m, bob, UsdcToPst, 5_000 * PST, u64::MAX),
        env.harvest_dividends(m),
        env.swap_in_ix(m, bob, PstToUsdc, 5_000 * PST, 0),
    ];
    let res = env.send(&sandwich, &[&bob.wallet]).await;
    println!(
        "      Bob's buy–harvest–sell sandwich is {}: his buy harvests first and pays the price with the dividends in",
        refused(res, AmmError::NothingToHarvest)
    );
    let before = env.pool(m).await;
    env.harvest(m).await.expect("harvest");
    let p = env.pool(m).await;
    let t = env.twap(m, 3_600).await.ok();
    row(env, format!("harvest: {} USDC of dividends", usdc(p.reserve_usdc - before.reserve_usdc)), &p, t);
    println!(
        "      the pool held {} of {} staked PST ({:.1}%) through the week's stream",
        pst(stake),
        pst(total),
        stake as f64 / total as f64 * 100.0
    );
    let lp_tokens = env.balance(&lp.lp).await;
    env.remove_liquidity(m, &lp, lp_tokens, 0, 0).await.expect("remove liquidity");
    let got = (
        env.balance(&lp.investor.pst).await + paid.0 - pst0,
        env.balance(&lp.investor.usdc).await + paid.1 - usdc0,
    );
    let p = env.pool(m).await;
    let t = env.twap(m, 3_600).await.ok();
    row(env, format!("Carol removes: {} PST + {} USDC", pst(got.0), usdc(got.1)), &p, t);
    let price = q64_to_f64(p.price_q64().unwrap());
    let value = |(a, b): (u64, u64)| a as f64 / PST as f64 * price + b as f64 / USDC as f64;
    println!(
        "Carol put in {:.2} USDC of value and took out {:.2} at today's price: her share of fees and dividends",
        value(paid),
        value(got)
    );
    env.collect_protocol_fees(m).await.expect("collect");
    println!(
        "fees charged: {} USDC and {} PST (20% of each to the protocol, collected to the admin); dividends to LPs: {} USDC",
        usdc(p.totals.fees_usdc),
        pst(p.totals.fees_pst),
        usdc(p.totals.dividends)
    );
    env.assert_all_conserved(m).await;
    println!(
        "pool conserved: vaults = reserves + protocol fees; LP supply = minted + locked; pool stake = PST reserve"
    );
    pauses(env, m, sale_investors).await;
    reserve(env).await;
    tranches(env).await;
}

/// Section 11: a guardian pause stops entries, never exits; only the admin freezes exits, for a bounded time.
async fn pauses(env: &mut Env, m: &MerchantKeys, sale_investors: &[(&&str, Investor)]) {
    use amm_pool::errors::AmmError;
    use revenue_distributor::errors::DistributorError;
    heading("11. Pauses stop entries, never exits; the admin's bounded exit freeze");
    let (bob, dave) = (&sale_investors[1].1, &sale_investors[3].1);
    let guardian = env.guardian.insecure_clone();
    let every_flag = !(pst_mint::constants::PAUSE_LANE_MASK & !pst_mint::constants::PAUSE_ALL);
    env.pause(every_flag).await;
    env.set_pool_pause(m, &guardian, amm_pool::constants::PAUSE_ALL).await.expect("pause the pool");
    println!("the guardian sets every pause flag of every program and of the pool");
    let res = env.swap_in(m, bob, UsdcToPst, USDC, 0).await;
    println!("      Bob's trade (an entry) is {}", refused(res, AmmError::Paused));
    let res = env.stake(m, dave, PST).await;
    println!("      Dave's new stake (an entry) is {}", refused(res, DistributorError::Paused));
    env.unstake(m, dave, 1_000 * PST).await.expect("unstake under every pause");
    println!("      Dave unstakes 1,000 PST: exits stay open under every pause");
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    env.set_pool_pause(m, &admin, 0).await.expect("unpause");
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), DAY)], &[&admin]).await;
    let res = env.unstake(m, dave, 1_000 * PST).await;
    println!(
        "the admin freezes exits for a day (3 days at most): Dave's unstake is {}",
        refused(res, DistributorError::ExitsFrozen)
    );
    env.warp(DAY);
    env.unstake(m, dave, 1_000 * PST).await.expect("unstake after the freeze");
    println!(
        "a day later the freeze has ended by itself and Dave unstakes; the next freeze may start a day after"
    );
    env.assert_all_conserved(m).await;
}

/// One line of the band's progress: TWAP, spot, PE, band and the reserve's holdings.
async fn band_line(env: &mut Env, m: &MerchantKeys, step: &str) {
    let r = env.band_reading(m).await;
    let twap =
        env.twap(m, alar_reserve::constants::DEFAULT_TWAP_WINDOW_SECS).await.map(q64_to_f64).unwrap_or(0.0);
    let reserve = env.reserve(m).await;
    let pe = r.spot_pe_bps as f64 / 10_000.0;
    let twap_pe = if r.spot > 0.0 { pe * twap / r.spot } else { 0.0 };
    let (low, high) =
        (r.low_cap as f64 / r.spot_cap as f64 * r.spot, r.high_cap as f64 / r.spot_cap as f64 * r.spot);
    println!(
        "{:<34}{:>8.4}{:>8.4}{:>8.2}{:>8.2}   [{:.4}, {:.4}]{:>14}{:>14}",
        step,
        twap,
        r.spot,
        twap_pe,
        pe,
        low,
        high,
        usdc(reserve.usdc),
        pst(reserve.pst)
    );
}

/// A keeper cranks the band once an hour until it refuses, printing each trade.
async fn crank_hourly(env: &mut Env, m: &MerchantKeys, verb: &str) {
    for hour in 1.. {
        env.warp(alar_reserve::constants::DEFAULT_COOLDOWN_SECS);
        if env.crank_band(m).await.is_err() {
            break;
        }
        band_line(env, m, &format!("hour {hour}: the reserve {verb}")).await;
    }
}

/// Section 12: the merchant's financing through its reserve, and the PE band at work.
async fn reserve(env: &mut Env) {
    use alar_reserve::errors::ReserveError;
    heading("12. The reserve: financing, shortfall cover, health, and the PE band");
    let (m, trader, reporters) = env.sale_closed_merchant(400_000 * PST).await;
    println!(
        "a second merchant sold 400,000 of 500,000 public PST; 100,000 unsold burned: supply {} PST",
        pst(env.supply(&m.pst_mint).await)
    );
    let (res, merchant_usdc) = env.release(&m).await;
    res.expect("release_proceeds");
    env.harvest_reserve_now(&m).await.expect("harvest");
    println!(
        "proceeds 400,000 USDC released: {} USDC locked as stake (5% of 900,000 PST × 1.00), {} USDC to the merchant",
        usdc(env.reserve(&m).await.stake),
        usdc(env.balance(&merchant_usdc).await)
    );
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    let metrics = env.metrics(&m).await;
    println!(
        "period 0: 100,000 USDC of sales reported, 10,000 routed through settlement: {} USDC short, health {:?}",
        usdc(env.settlement(&m).await.shortfall_recorded),
        metrics.health
    );
    let res = env.withdraw(&m, &merchant_usdc, USDC).await;
    println!("      the merchant's withdrawal is {}", refused(res, PstError::ShortfallUncovered));
    env.cover(&m, 0).await.expect("cover_shortfall");
    println!(
        "a keeper covers period 0 from the stake into the dividend vault: stake now {} USDC",
        usdc(env.reserve(&m).await.stake)
    );
    let res = env.withdraw(&m, &merchant_usdc, USDC).await;
    println!("      the withdrawal is {}", refused(res, PstError::StakeBelowRequirement));
    let authority = m.authority.insecure_clone();
    env.deposit_stake_from(&m, &authority, &merchant_usdc, 9_000 * USDC).await.expect("deposit_stake");
    env.withdraw(&m, &merchant_usdc, USDC).await.expect("withdraw");
    println!(
        "the merchant tops the stake up to 45,000 USDC: withdrawals resume, at the Watch limit (half, less with thin stock) until Healthy"
    );
    env.assert_all_conserved(&m).await;

    println!();
    println!("the PE band on a third merchant: 1,000,000 PST, 1.0M revenue a year, PE 10 at 1.00; the reserve holds");
    println!("100,000 USDC of its own; it trades at most 10% of its capacity an hour, only when the hour's TWAP and");
    println!("the spot price are both outside [PE 8, PE 15], and never past the edge.");
    let (m, trader2, _) = env.band_merchant().await;
    let _ = trader;
    println!(
        "{:<34}{:>8}{:>8}{:>8}{:>8}   {:<18}{:>14}{:>14}",
        "step", "TWAP", "spot", "PE twap", "PE spot", "band (price)", "reserve USDC", "reserve PST"
    );
    env.harvest_reserve_now(&m).await.expect("harvest");
    band_line(env, &m, "start").await;
    env.swap_in(&m, &trader2, PstToUsdc, 150_000 * PST, 0).await.expect("crash");
    band_line(env, &m, "a holder dumps 150,000 PST").await;
    let res = env.crank_band(&m).await;
    println!("      crank at once: {}", refused(res, ReserveError::BandNotCrossed));
    crank_hourly(env, &m, "buys").await;
    println!("      the price sits on the PE-8 edge: the next crank finds nothing to do");
    env.swap_in(&m, &trader2, UsdcToPst, 130_000 * USDC, 0).await.expect("spike");
    band_line(env, &m, "speculators buy 130,000 USDC").await;
    crank_hourly(env, &m, "sells").await;
    println!("      the price sits on the PE-15 edge: the next crank finds nothing to do");
    env.assert_all_conserved(&m).await;
    println!(
        "every reserve vault equals the reserve's accounting; USDC and PST conserved across all programs."
    );
}

/// Trade `m`'s pool back toward `target` USDC per PST (an arbitrageur against an outside price), if it is more
/// than 0.5% away.
async fn arbitrage(env: &mut Env, m: &MerchantKeys, trader: &Investor, target: f64) {
    let pool = env.pool(m).await;
    let (x, y) = (pool.reserve_pst as f64, pool.reserve_usdc as f64);
    let (k, spot) = (x * y, y / x);
    if spot > target * 1.005 {
        let amount = (((k / target).sqrt() - x) * 1.003) as u64;
        env.swap_in(m, trader, PstToUsdc, amount, 0).await.expect("arbitrage sells PST");
    } else if spot < target * 0.995 {
        let amount = (((k * target).sqrt() - y) * 1.003) as u64;
        env.swap_in(m, trader, UsdcToPst, amount, 0).await.expect("arbitrage buys PST");
    } else {
        env.swap_in(m, trader, UsdcToPst, USDC, 0).await.expect("a trade");
    }
}

/// Section 13: a year of weekly epochs of the senior and junior tranches, through a revenue shock and a crash.
async fn tranches(env: &mut Env) {
    use yield_tranches::state::Tranche::{Junior, Senior};
    heading("13. Tranches: a year of weekly epochs, a -60% revenue shock and a price crash");
    let (m, trader, reporters) = env.tranche_merchant().await;
    env.mint_usdc(&trader.usdc, 3_000_000 * USDC).await;
    let admin = env.admin.insecure_clone();
    let params = yield_tranches::state::TrancheParams { max_slippage_bps: 200, ..Default::default() };
    env.send_ok(&[env.set_tranche_params(&m, &admin.pubkey(), params)], &[&admin]).await;
    let a = TrancheAddresses::of(&m);
    println!(
        "a fourth merchant (1.0M revenue a year, PE 10 at 1.00) opens its tranche vault: {} and {}",
        env.token_metadata(&a.mints[0]).await.symbol,
        env.token_metadata(&a.mints[1]).await.symbol
    );
    // the trader adds 100,000 PST and USDC of liquidity (the pool: 400,000 PST at 1.00)
    let lp_mint = PoolAddresses::of(&m).lp_mint;
    let lp_account = env.create_ata(&trader.wallet.pubkey(), &lp_mint, &anchor_spl::token::ID).await;
    let wallet = trader.wallet.insecure_clone();
    let lp = Lp { investor: Investor { wallet, usdc: trader.usdc, pst: trader.pst }, lp: lp_account };
    env.add_liquidity(&m, &lp, 100_000 * PST, u64::MAX, u64::MAX).await.expect("liquidity");
    println!(
        "junior deposits 40,000 USDC, senior 160,000 (the most 20% subordination allows); the vault buys PST"
    );
    println!(
        "within 2% of the TWAP with what is above its 10% buffer; an arbitrageur keeps the pool at its fair"
    );
    println!("price, except in weeks 30-37 (a crash: -50%, no arbitrage); revenue falls 60% in weeks 26-38.");
    let junior = env.tranche_investor(&m, 100_000 * USDC).await;
    let senior = env.tranche_investor(&m, 300_000 * USDC).await;
    env.deposit_request(&m, &junior, Junior, 40_000 * USDC).await.expect("junior");
    env.deposit_request(&m, &senior, Senior, 160_000 * USDC).await.expect("senior");
    println!("columns: the APY the AYM set for the epoch, senior's realised return (annualised), both NAVs after the");
    println!(
        "waterfall, the epoch's income, the backstop's draw, senior's arrears, and what the queues executed"
    );
    println!("(SD/JD: senior/junior deposits in USDC; SR/JR: redemptions paid in USDC).");
    println!();
    println!(
        "{:>4} {:>7} {:>9} {:>14} {:>13} {:>10} {:>10} {:>12}  {:<22}",
        "week",
        "APY set",
        "realised",
        "senior NAV",
        "junior NAV",
        "income",
        "backstop",
        "arrears",
        "queue fills"
    );
    let (mut normal_weeks, mut normal_in_band, mut backstop_weeks, mut max_arrears) = (0, 0, 0, 0u64);
    let mut junior_wiped = false;
    for week in 0..52u32 {
        let shock = (26..39).contains(&week);
        let crash = (30..38).contains(&week);
        let gross = BAND_GROSS * 7 / 30 * if shock { 4 } else { 10 } / 10;
        // queue activity at the start of the week: more senior, more junior, a senior redemption
        let res = match week {
            11 => Some(env.deposit_request(&m, &junior, Junior, 15_000 * USDC).await),
            12 => Some(env.deposit_request(&m, &senior, Senior, 80_000 * USDC).await),
            20 => Some(env.redeem_request(&m, &senior, Senior, 25_000 * SHARE).await),
            30 => {
                // a crash: the spot price halves (selling 41% of the pool's PST)
                let dump = (env.pool(&m).await.reserve_pst * 414 / 1_000).min(env.balance(&trader.pst).await);
                Some(env.swap_in(&m, &trader, PstToUsdc, dump, 0).await)
            }
            _ => None,
        };
        if let Some(res) = res {
            res.expect("the week's event");
        }
        env.business_week(&m, &reporters, gross).await;
        if !crash {
            arbitrage(env, &m, &trader, 1.0).await;
        }
        env.warp(DAY);
        let before = env.tranches(&m).await;
        env.close_epoch_now(&m).await.expect("close_epoch");
        let e = env.epoch_record(&m, before.epoch).await;
        for (who, t) in [(&junior, Junior), (&senior, Senior)] {
            let _ = env.claim_tranche(&m, who, t).await;
        }
        let f = &e.fills;
        let fills = [("SD", f[0].executed), ("SR", f[1].output), ("JD", f[2].executed), ("JR", f[3].output)]
            .iter()
            .filter(|(_, v)| *v > 0)
            .map(|(k, v)| format!("{k} {:.1}k", *v as f64 / (1_000 * USDC) as f64))
            .collect::<Vec<_>>()
            .join(" ");
        println!(
            "{:>4} {:>7} {:>9} {:>14} {:>13} {:>10} {:>10} {:>12}  {:<22}",
            week,
            bps(e.apy_bps),
            bps(e.senior_realised_bps),
            usdc(e.values[0]),
            usdc(e.values[1]),
            usdc(e.income),
            usdc(e.backstop_paid),
            usdc(e.senior_claim - e.values[0]),
            fills
        );
        if week > 0 && e.values[1] > 0 && before.arrears == 0 {
            normal_weeks += 1;
            normal_in_band += (800..=1_100).contains(&e.senior_realised_bps) as u32;
        }
        backstop_weeks += (e.backstop_paid > 0) as u32;
        max_arrears = max_arrears.max(e.senior_claim - e.values[0]);
        junior_wiped |= e.values[1] == 0 && week > 0;
        env.assert_all_conserved(&m).await;
    }
    let t = env.tranches(&m).await;
    println!();
    println!(
        "senior's realised APY was within [8%, 11%] in {normal_in_band} of the {normal_weeks} weeks junior stood in front of it"
    );
    println!(
        "the crash wiped junior first ({}); the reserve's backstop topped up senior's yield in {backstop_weeks} weeks;",
        if junior_wiped { "to zero" } else { "not to zero" }
    );
    println!(
        "arrears peaked at {} USDC and stand at {} USDC: carried forward and repaid first from the recovery",
        usdc(max_arrears),
        usdc(t.arrears)
    );
    assert_eq!(normal_in_band, normal_weeks, "senior's APY left the band while junior covered it");
    assert!(junior_wiped && backstop_weeks > 0 && max_arrears > 0, "the stress did not reach the backstop");
    assert!(t.arrears < max_arrears, "arrears were not repaid");
    env.assert_all_conserved(&m).await;
    println!("senior + junior = the vault's assets at every close; shares = the mints' supplies; conserved everywhere.");
}
