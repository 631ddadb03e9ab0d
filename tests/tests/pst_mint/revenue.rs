//! pst_mint revenue: the feed, reporter submissions, acceptance (median, staleness, variance), the
//! consumer function, the Switchboard adapter, settlement sweeps and withdrawals, shortfalls and AMI metrics.
use anchor_lang::error::ErrorCode as Anchor;
use anchor_spl::token_2022::spl_token_2022::{extension::StateWithExtensions, state::Account as RawAccount};
use pst_mint::{
    constants::*,
    errors::PstError,
    instruction as ixd,
    state::{FeedParams, FeedSource, HealthStatus, Role},
};
use pst_tests::*;

const K: u64 = 1_000 * USDC; // a thousand dollars
const KI: i64 = K as i64;

#[tokio::test]
async fn an_underwriter_opens_the_revenue_feed() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    let r = &m;
    let feed = env.feed(&m).await;
    assert_eq!((feed.merchant, feed.next_period), (m.merchant, 0));
    assert_eq!(feed.params, sample_feed_params(GENESIS_TIME));
    let metrics = env.metrics(&m).await;
    assert_eq!((metrics.len, metrics.coverage_bps, metrics.health), (0, 10_000, HealthStatus::Healthy));
    for (vault, owner) in
        [(r.settlement_vault, m.merchant), (r.dividend_vault, DistributorAddresses::of(&m).distributor)]
    {
        let acc = env.raw_account(&vault).await.unwrap();
        let state = StateWithExtensions::<RawAccount>::unpack(&acc.data).unwrap();
        assert_eq!((state.base.mint, state.base.owner), (env.usdc_mint, owner));
    }
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn open_revenue_feed_refusals() {
    let mut env = Env::new().await;
    let approved = env.approved_merchant(sample_approval()).await;
    env.open_feed(&approved, sample_feed_params(env.now)).await.expect_error(PstError::InvalidMerchantStatus);
    let m = env.issued_merchant().await;
    let now = env.now;
    let bad = [
        FeedParams { min_responses: 0, ..sample_feed_params(now) },
        FeedParams { min_responses: 17, ..sample_feed_params(now) },
        FeedParams { max_staleness_slots: 0, ..sample_feed_params(now) },
        FeedParams { max_variance_bps: 0, ..sample_feed_params(now) },
        FeedParams { max_variance_bps: MAX_VARIANCE_BPS + 1, ..sample_feed_params(now) },
        FeedParams { period_secs: MIN_PERIOD_SECS - 1, ..sample_feed_params(now) },
        FeedParams { shortfall_tolerance_bps: MAX_SHORTFALL_TOLERANCE_BPS + 1, ..sample_feed_params(now) },
        // a calendar that starts more than a year ahead (a feed cannot be reopened to fix it), or more than one
        // period back (periods that closed before the feed existed)
        FeedParams { first_period_start: now + MAX_FIRST_PERIOD_OFFSET_SECS + 1, ..sample_feed_params(now) },
        FeedParams { first_period_start: now - PERIOD - 1, ..sample_feed_params(now) },
        FeedParams { first_period_start: i64::MIN, ..sample_feed_params(now) },
        FeedParams { first_period_start: i64::MAX, ..sample_feed_params(now) },
    ];
    for params in bad {
        env.open_feed(&m, params).await.expect_error(PstError::InvalidFeedRules);
    }
    let outsider = env.wallet().await;
    let ix = pst_ix(
        env.open_revenue_feed_accounts(&m, &outsider.pubkey()),
        ixd::OpenRevenueFeed { params: sample_feed_params(now) },
    );
    env.send(&[ix], &[&outsider]).await.expect_error(PstError::NotUnderwriter);
    let uw = env.underwriter.insecure_clone();
    let mut a = env.open_revenue_feed_accounts(&m, &uw.pubkey());
    a.dividend_vault = Keypair::new().pubkey();
    env.send(&[pst_ix(a, ixd::OpenRevenueFeed { params: sample_feed_params(now) })], &[&uw])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    env.pause(PAUSE_ORACLE).await;
    env.open_feed(&m, sample_feed_params(now)).await.expect_error(PstError::Paused);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    // the first period may be under way: it started up to one period ago
    env.open_feed(&m, sample_feed_params(now - PERIOD)).await.expect("open");
    env.open_feed(&m, sample_feed_params(now)).await.expect_error(PstError::AlreadyInitialized);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn reporters_submit_and_a_keeper_accepts_the_median() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.submit(&m, &rep[0], 0, 100 * K, 20 * KI).await.expect_error(PstError::PeriodNotEnded);
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 0, 100 * K, 20 * KI).await.expect("submit");
    env.submit(&m, &rep[1], 0, 102 * K, 21 * KI).await.expect("submit");
    env.submit(&m, &rep[2], 0, 101 * K, 19 * KI).await.expect("submit");
    assert_eq!(env.report(&m, 0).await.submissions.len(), 3);
    env.accept(&m, 0).await.expect("accept");
    let accepted = env.report(&m, 0).await.accepted.unwrap();
    assert_eq!((accepted.gross_revenue, accepted.net_earnings, accepted.responses), (101 * K, 20 * KI, 3));
    let feed = env.feed(&m).await;
    assert_eq!(feed.next_period, 1);
    assert_eq!(env.metrics(&m).await.last_report_ts, env.now);
    let metrics = env.metrics(&m).await;
    // one 30-day period, annualised by its length (×365/30), not by an assumed twelve periods a year
    assert_eq!((metrics.len, metrics.annual_revenue), (1, 101 * K as u128 * 365 / 30));
    // nothing was swept for period 0: the whole share is short
    let s = env.settlement(&m).await;
    assert_eq!(s.shortfall_recorded, 10_100 * USDC);
    assert_eq!(metrics.health, HealthStatus::Default);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn submission_refusals() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.warp(PERIOD);
    let outsider = env.wallet().await;
    env.submit(&m, &outsider, 0, K, 0).await.expect_error(PstError::NotOracleReporter);
    env.submit(&m, &rep[0], 0, K, 0).await.expect("submit");
    // a second submission replaces the first (a refresh): still one per reporter
    env.submit(&m, &rep[0], 0, 2 * K, 0).await.expect("refresh");
    let report = env.report(&m, 0).await;
    assert_eq!(report.submissions.len(), 1);
    assert_eq!(report.submissions[0].gross_revenue, 2 * K);
    env.submit(&m, &rep[0], 0, K, 0).await.expect("refresh again");
    env.submit(&m, &rep[1], 0, K, KI + 1).await.expect_error(PstError::InvalidOracleValue);
    env.submit(&m, &rep[1], 1, K, 0).await.expect_error(PstError::PeriodNotEnded);
    // a report account at another period's address
    let mut ix = env.submit_report(&m, &rep[1].pubkey(), 0, K, 0, K);
    ix.accounts[3].pubkey = m.report(5);
    env.send(&[ix], &[&rep[1]]).await.expect_error(Anchor::ConstraintSeeds);
    env.pause(PAUSE_ORACLE).await;
    env.submit(&m, &rep[1], 0, K, 0).await.expect_error(PstError::Paused);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    env.submit(&m, &rep[1], 0, K, 0).await.expect("submit");
    env.accept(&m, 0).await.expect("accept");
    // a late report, after acceptance
    env.submit(&m, &rep[2], 0, K, 0).await.expect_error(PstError::PeriodAlreadyAccepted);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn too_few_responses_are_refused() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 0, 100 * K, 0).await.expect("submit");
    env.accept(&m, 0).await.expect_error(PstError::InsufficientResponses);
    // a reporter that lost its role no longer counts
    env.submit(&m, &rep[1], 0, 100 * K, 0).await.expect("submit");
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::OracleReporter, rep[1].pubkey(), false)], &[&admin])
        .await;
    env.accept(&m, 0).await.expect_error(PstError::InsufficientResponses);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn stale_submissions_are_refused() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 0, 100 * K, 0).await.expect("submit");
    env.submit(&m, &rep[1], 0, 100 * K, 0).await.expect("submit");
    env.warp_slots(1_001);
    env.accept(&m, 0).await.expect_error(PstError::Stale);
    // a late but fresh third report is not enough alone; with min_responses 2 the period stays stale
    env.submit(&m, &rep[2], 0, 100 * K, 0).await.expect("submit");
    env.accept(&m, 0).await.expect_error(PstError::Stale);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn divergent_submissions_are_refused_until_the_bad_reporter_is_removed() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 0, 100 * K, 10 * KI).await.expect("submit");
    env.submit(&m, &rep[1], 0, 104 * K, 10 * KI).await.expect("submit");
    env.submit(&m, &rep[2], 0, 300 * K, 10 * KI).await.expect("submit");
    env.accept(&m, 0).await.expect_error(PstError::ExcessiveVariance);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::OracleReporter, rep[2].pubkey(), false)], &[&admin])
        .await;
    env.accept(&m, 0).await.expect("accept without the divergent reporter");
    assert_eq!(env.report(&m, 0).await.accepted.unwrap().gross_revenue, 102 * K);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn periods_are_accepted_in_order() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.warp(2 * PERIOD);
    for p in 0..2 {
        env.submit(&m, &rep[0], p, 100 * K, 0).await.expect("submit");
        env.submit(&m, &rep[1], p, 100 * K, 0).await.expect("submit");
    }
    let ix = pst_ix(env.accept_period_accounts(&m, 0), ixd::AcceptPeriod { period: 1 });
    env.send(&[ix], &[]).await.expect_error(PstError::OutOfOrderPeriod);
    // a report account of another period
    let mut a = env.accept_period_accounts(&m, 0);
    a.report = m.report(1);
    env.send(&[pst_ix(a, ixd::AcceptPeriod { period: 0 })], &[]).await.expect_error(Anchor::ConstraintSeeds);
    env.accept(&m, 0).await.expect("accept 0");
    // period 0 again, with the report account the feed now expects (period 1's)
    let ix = pst_ix(env.accept_period_accounts(&m, 1), ixd::AcceptPeriod { period: 0 });
    env.send(&[ix], &[]).await.expect_error(PstError::OutOfOrderPeriod);
    // and period 0's report account no longer matches the feed's next period
    env.accept(&m, 0).await.expect_error(Anchor::ConstraintSeeds);
    env.pause(PAUSE_ORACLE).await;
    env.accept(&m, 1).await.expect_error(PstError::Paused);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    env.accept(&m, 1).await.expect("accept 1");
    // period 2 has not ended
    env.accept(&m, 2).await.expect_error(PstError::PeriodNotEnded);
    // once it has, a native period nobody reported has no report account: nothing to accept
    env.warp(PERIOD);
    env.accept(&m, 2).await.expect_error(PstError::UnknownPeriod);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn consumers_read_through_accepted_revenue() {
    use anchor_lang::prelude::AccountInfo;
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    let other = env.issued_merchant().await;
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 0, 100 * K, 5 * KI).await.expect("submit");
    env.submit(&m, &rep[1], 0, 100 * K, 5 * KI).await.expect("submit");
    let feed = env.feed(&m).await;
    let read = |env_acc: &solana_account::Account, key: Pubkey, period: u32, merchant: Pubkey| {
        let mut lamports = env_acc.lamports;
        let mut data = env_acc.data.clone();
        let info = AccountInfo::new(&key, false, false, &mut lamports, &mut data, &env_acc.owner, false);
        pst_mint::oracle::accepted_revenue(&feed, &info, &merchant, period)
    };
    let report_key = m.report(0);
    let before = env.raw_account(&report_key).await.unwrap();
    let err = |r: anchor_lang::Result<_>| match r {
        Err(anchor_lang::error::Error::AnchorError(e)) => e.error_code_number,
        other => panic!("expected an error, got {other:?}"),
    };
    assert_eq!(
        err(read(&before, report_key, 0, m.merchant)),
        u32::from(PstError::UnknownPeriod),
        "not accepted yet"
    );
    env.accept(&m, 0).await.expect("accept");
    let after = env.raw_account(&report_key).await.unwrap();
    let ok = read(&after, report_key, 0, m.merchant).expect("accepted");
    assert_eq!((ok.gross_revenue, ok.net_earnings), (100 * K, 5 * KI));
    assert_eq!(err(read(&after, report_key, 1, m.merchant)), u32::from(PstError::UnknownPeriod));
    assert_eq!(err(read(&after, report_key, 0, other.merchant)), u32::from(PstError::WrongFeed));
    // the same bytes under another owner, or at another address
    let mut foreign = after.clone();
    foreign.owner = Pubkey::new_unique();
    assert_eq!(err(read(&foreign, report_key, 0, m.merchant)), u32::from(PstError::WrongFeed));
    assert_eq!(err(read(&after, m.report(1), 0, m.merchant)), u32::from(PstError::WrongFeed));
    // another account type
    let feed_acc = env.raw_account(&m.feed).await.unwrap();
    assert_eq!(err(read(&feed_acc, m.feed, 0, m.merchant)), u32::from(PstError::WrongFeed));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn sweeps_send_the_share_first_and_never_double_count() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    let r = &m;
    env.sweep(&m).await.expect_error(PstError::NothingToSweep);
    env.sales_proceeds(&m, 10_000 * USDC + 3).await;
    env.sweep(&m).await.expect("sweep");
    // 10% of 10,000.000003 rounds up to 1,000.000001 for holders
    assert_eq!(env.balance(&r.dividend_vault).await, 1_000 * USDC + 1);
    let s = env.settlement(&m).await;
    assert_eq!(
        (s.available, s.total_inflow, s.total_share),
        (9_000 * USDC + 2, 10_000 * USDC + 3, 1_000 * USDC + 1)
    );
    // credited to the period in progress, in its report account
    assert_eq!(env.report(&m, 0).await.swept_share, 1_000 * USDC + 1);
    // the same funds are not swept twice
    env.sweep(&m).await.expect_error(PstError::NothingToSweep);
    env.sales_proceeds(&m, 500 * USDC).await;
    env.sweep(&m).await.expect("sweep");
    assert_eq!(env.settlement(&m).await.total_inflow, 10_500 * USDC + 3);
    assert_eq!(env.balance(&r.dividend_vault).await, 1_050 * USDC + 1);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn sweep_refusals() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    let (other, _) = env.merchant_with_feed().await;
    env.sales_proceeds(&m, 1_000 * USDC).await;
    let payer = env.payer().pubkey();
    let mut a = env.sweep_accounts(&m, 0, &payer);
    a.dividend_vault = other.dividend_vault;
    env.send(&[pst_ix(a, ixd::Sweep { period: 0 })], &[]).await.expect_error(Anchor::ConstraintSeeds);
    let fake = Keypair::new();
    env.create_mint(&fake, &payer, 6, &anchor_spl::token::ID).await;
    let mut a = env.sweep_accounts(&m, 0, &payer);
    a.usdc_mint = fake.pubkey();
    env.send(&[pst_ix(a, ixd::Sweep { period: 0 })], &[]).await.expect_error(PstError::WrongUsdcMint);
    // credited to a period that is not in progress (a transaction that lands after its period ended), or to
    // another period's report account, or another merchant's
    env.send(&[env.client.sweep(&m, 1, &payer)], &[]).await.expect_error(PstError::WrongPeriod);
    let mut a = env.sweep_accounts(&m, 0, &payer);
    a.report = m.report(1);
    env.send(&[pst_ix(a, ixd::Sweep { period: 0 })], &[]).await.expect_error(Anchor::ConstraintSeeds);
    let mut a = env.sweep_accounts(&m, 0, &payer);
    a.report = other.report(0);
    env.send(&[pst_ix(a, ixd::Sweep { period: 0 })], &[]).await.expect_error(Anchor::ConstraintSeeds);
    env.pause(PAUSE_SETTLEMENT).await;
    env.sweep(&m).await.expect_error(PstError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_merchant_withdraws_within_its_limit() {
    let mut env = Env::new().await;
    let (m, reps) = env.merchant_with_feed().await;
    let dest = env.merchant_usdc_account(&m).await;
    env.sales_proceeds(&m, 100_000 * USDC).await;
    // nothing is withdrawable before a sweep
    env.withdraw(&m, &dest, 1).await.expect_error(PstError::InsufficientSettlementBalance);
    env.sweep(&m).await.expect("sweep");
    env.withdraw(&m, &dest, 0).await.expect_error(PstError::ZeroAmount);
    env.withdraw(&m, &dest, 40_000 * USDC).await.expect("withdraw");
    // the limit is 50,000 per period
    env.withdraw(&m, &dest, 10_000 * USDC + 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    env.withdraw(&m, &dest, 10_000 * USDC).await.expect("withdraw up to the limit");
    env.withdraw(&m, &dest, 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    // a new period, a new limit: 12.5% of it (6,250) until the period just ended is accepted, then the whole
    // limit; but never more than is available
    env.warp(PERIOD);
    env.withdraw(&m, &dest, 6_250 * USDC + 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    env.withdraw(&m, &dest, 6_250 * USDC).await.expect("withdraw the unjudged limit");
    for r in &reps[..2] {
        env.submit(&m, r, 0, 100_000 * USDC, 18_000 * USDC as i64).await.expect("submit");
    }
    env.accept(&m, 0).await.expect("accept");
    env.withdraw(&m, &dest, 33_750 * USDC + 1).await.expect_error(PstError::InsufficientSettlementBalance);
    env.withdraw(&m, &dest, 33_750 * USDC).await.expect("withdraw the rest");
    assert_eq!(env.balance(&dest).await, 90_000 * USDC);
    assert_eq!(env.settlement(&m).await.available, 0);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn withdrawal_refusals() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    env.sales_proceeds(&m, 1_000 * USDC).await;
    env.sweep(&m).await.expect("sweep");
    let attacker = env.attacker.insecure_clone();
    let (_, attacker_usdc) = env.funded_wallet(0).await;
    let mut a = env.withdraw_settlement_accounts(&m, &attacker_usdc);
    a.authority = attacker.pubkey();
    env.send(&[pst_ix(a, ixd::WithdrawSettlement { amount: 1 })], &[&attacker])
        .await
        .expect_error(PstError::NotMerchantAuthority);
    let dest = env.merchant_usdc_account(&m).await;
    let mut a = env.withdraw_settlement_accounts(&m, &dest);
    a.settlement_vault = m.dividend_vault;
    env.send(&[pst_ix(a, ixd::WithdrawSettlement { amount: 1 })], &[&m.authority])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // a PST account as destination
    let pst_dest = env.merchant_pst_account(&m).await;
    env.withdraw(&m, &pst_dest, 1).await.expect_error(Anchor::ConstraintTokenMint);
    // the settlement vault itself as destination
    env.withdraw(&m, &m.settlement_vault, 1).await.expect_error(Anchor::ConstraintDuplicateMutableAccount);
    env.pause(PAUSE_SETTLEMENT).await;
    env.withdraw(&m, &dest, 1).await.expect_error(PstError::Paused);
    assert_eq!(env.balance(&attacker_usdc).await, 0);
    env.assert_all_conserved(&m).await;
}

/// Run one period: proceeds arrive and are swept during it, reporters agree on `gross`, a keeper accepts.
async fn run_period(env: &mut Env, m: &MerchantKeys, rep: &[Keypair], period: u32, gross: u64, settled: u64) {
    if settled > 0 {
        env.sales_proceeds(m, settled).await;
        env.sweep(m).await.expect("sweep");
    }
    env.warp(PERIOD);
    for r in &rep[..2] {
        env.submit(m, r, period, gross, gross as i64 / 5).await.expect("submit");
    }
    env.accept(m, period).await.expect("accept");
}

#[tokio::test]
async fn a_short_period_is_recorded_and_flags_the_merchant() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    // fully settled: healthy
    run_period(&mut env, &m, &rep, 0, 100 * K, 100 * K).await;
    let metrics = env.metrics(&m).await;
    assert_eq!((metrics.coverage_bps, metrics.health), (10_000, HealthStatus::Healthy));
    // 96% settled: within the 5% tolerance, but coverage below 100%
    run_period(&mut env, &m, &rep, 1, 100 * K, 96 * K).await;
    assert_eq!(env.settlement(&m).await.shortfall_recorded, 0);
    // 60% settled: short beyond the tolerance
    run_period(&mut env, &m, &rep, 2, 100 * K, 60 * K).await;
    let s = env.settlement(&m).await;
    assert_eq!((s.shortfall_recorded, s.short_periods), (4_000 * USDC, 1));
    let metrics = env.metrics(&m).await;
    assert_eq!(metrics.health, HealthStatus::Watch);
    // coverage = (10,000 + 9,600 + 6,000) / 30,000
    assert_eq!(metrics.coverage_bps, 25_600 * 10_000 / 30_000);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn metrics_follow_the_accepted_history() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    let revenues: Vec<u64> = (0..14).map(|i| (100 + 5 * i) * K).collect();
    for (p, rev) in revenues.iter().enumerate() {
        run_period(&mut env, &m, &rep, p as u32, *rev, *rev).await;
    }
    let metrics = env.metrics(&m).await;
    assert_eq!(metrics.len, 14);
    // 30-day periods: a year is 12 of them (365/30 rounded), annualised by 365 days / (12 × 30 days)
    let last12 = &revenues[2..];
    assert_eq!(metrics.annual_revenue, last12.iter().map(|v| *v as u128).sum::<u128>() * 365 / 360);
    assert_eq!(metrics.annual_earnings, last12.iter().map(|v| (*v / 5) as i128).sum::<i128>() * 365 / 360);
    assert_eq!(metrics.growth_pop_bps, Some(((165 - 160) * 10_000 / 160) as i64));
    assert_eq!(metrics.growth_yoy_bps, Some(((165 - 105) * 10_000 / 105) as i64));
    assert_eq!(metrics.volatility_bps, pst_math::ami::coefficient_of_variation_bps(last12));
    assert_eq!((metrics.coverage_bps, metrics.health), (10_000, HealthStatus::Healthy));
    assert_eq!(metrics.days_since_last_report(env.now + 3 * DAY), 3);
    env.assert_all_conserved(&m).await;
}

// ---- Switchboard On-Demand -------------------------------------------------------------------------------

/// The layout the adapter decodes, checked against a mirror of Switchboard's `repr(C)` definition.
#[test]
fn the_switchboard_layout_matches_the_definition() {
    #[allow(dead_code)]
    #[repr(C)]
    struct OracleSubmission {
        oracle: [u8; 32],
        slot: u64,
        landed_at: u64,
        value: i128,
    }
    #[allow(dead_code)]
    #[repr(C)]
    struct CurrentResult {
        value: i128,
        std_dev: i128,
        mean: i128,
        range: i128,
        min_value: i128,
        max_value: i128,
        num_samples: u8,
        submission_idx: u8,
        padding1: [u8; 6],
        slot: u64,
        min_slot: u64,
        max_slot: u64,
    }
    #[allow(dead_code)]
    #[repr(C)]
    struct CompactResult {
        std_dev: f32,
        mean: f32,
        slot: u64,
    }
    #[allow(dead_code)]
    #[repr(C)]
    struct PullFeedAccountData {
        submissions: [OracleSubmission; 32],
        authority: [u8; 32],
        queue: [u8; 32],
        feed_hash: [u8; 32],
        initialized_at: i64,
        permissions: u64,
        max_variance: u64,
        min_responses: u32,
        name: [u8; 32],
        padding1: [u8; 1],
        permit_write_by_authority: u8,
        historical_result_idx: u8,
        min_sample_size: u8,
        last_update_timestamp: i64,
        lut_slot: u64,
        reserved1: [u8; 32],
        result: CurrentResult,
        max_staleness: u32,
        padding2: [u8; 12],
        historical_results: [CompactResult; 32],
        ebuf4: [u8; 8],
        ebuf3: [u8; 24],
        submission_timestamps: [i64; 32],
    }
    use core::mem::{offset_of, size_of};
    assert_eq!(8 + size_of::<PullFeedAccountData>(), pst_mint::oracle::SB_PULL_FEED_LEN);
    assert_eq!(size_of::<OracleSubmission>(), pst_mint::oracle::SB_SUBMISSION_LEN);
    assert_eq!(offset_of!(OracleSubmission, slot), 32);
    assert_eq!(offset_of!(OracleSubmission, value), 48);
    assert_eq!(offset_of!(PullFeedAccountData, submissions), 0);
    // and the fixture writes a submission where the definition puts it
    let acc = switchboard_feed_account(&[(Pubkey::new_unique(), 77, 5)], SWITCHBOARD_ON_DEMAND_IDS[0]);
    let at = 8 + size_of::<OracleSubmission>();
    assert_eq!(u64::from_le_bytes(acc.data[8 + 32..8 + 40].try_into().unwrap()), 77);
    assert_eq!(i128::from_le_bytes(acc.data[8 + 48..8 + 64].try_into().unwrap()), 5);
    assert!(acc.data[at..].iter().all(|b| *b == 0));
}

async fn switchboard_merchant(env: &mut Env) -> (MerchantKeys, [Pubkey; 3]) {
    let m = env.issued_merchant().await;
    let feeds = [Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique()];
    let [gross_feed, net_feed, inventory_feed] = feeds;
    let params = FeedParams {
        source: FeedSource::Switchboard { gross_feed, net_feed, inventory_feed },
        ..sample_feed_params(env.now)
    };
    env.open_feed(&m, params).await.expect("open");
    (m, feeds)
}

fn sb(env: &mut Env, key: Pubkey, values: &[(u64, i128)], owner: Pubkey) {
    let subs: Vec<(Pubkey, u64, i128)> =
        values.iter().map(|(slot, v)| (Pubkey::new_unique(), *slot, sb_value(*v))).collect();
    env.set_account(&key, switchboard_feed_account(&subs, owner));
}

#[tokio::test]
async fn a_switchboard_feed_is_decoded_and_aggregated_by_our_rules() {
    let mut env = Env::new().await;
    let (m, feeds) = switchboard_merchant(&mut env).await;
    let [gross, net, inventory] = feeds;
    env.warp(PERIOD);
    let slot = env.next_slot();
    let owner = SWITCHBOARD_ON_DEMAND_IDS[0];
    sb(&mut env, gross, &[(slot, 100 * K as i128), (slot, 103 * K as i128), (slot, 101 * K as i128)], owner);
    sb(&mut env, net, &[(slot, -(5 * K as i128)), (slot, 2 * K as i128), (slot, -(K as i128))], owner);
    sb(&mut env, inventory, &[(slot, 40 * K as i128), (slot, 41 * K as i128), (slot, 42 * K as i128)], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect("accept");
    let metrics = env.metrics(&m).await;
    let r = metrics.history[0];
    assert_eq!((r.revenue, r.earnings, r.inventory), (101 * K, -(K as i64), 41 * K));
    // 41 of stock over 101 a period of 30 days: 12.17 days
    assert_eq!(metrics.inventory_days_x100, Some(1_217));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn switchboard_refusals() {
    let mut env = Env::new().await;
    let (m, feeds) = switchboard_merchant(&mut env).await;
    let [gross, net, inventory] = feeds;
    let owner = SWITCHBOARD_ON_DEMAND_IDS[1];
    let slot = env.next_slot();
    sb(&mut env, gross, &[(slot, 100 * K as i128), (slot, 101 * K as i128)], owner);
    sb(&mut env, net, &[(slot, KI as i128), (slot, KI as i128)], owner);
    sb(&mut env, inventory, &[(slot, 100 * K as i128), (slot, 100 * K as i128)], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::PeriodNotEnded);
    env.warp(PERIOD);
    let slot = env.next_slot() + 20;
    let good = [(slot, 100 * K as i128), (slot, 101 * K as i128)];
    sb(&mut env, net, &good, owner);
    sb(&mut env, inventory, &good, owner);
    // wrong owner: a look-alike account owned by another program
    sb(&mut env, gross, &good, Pubkey::new_unique());
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::WrongFeedOwner);
    // too few samples
    sb(&mut env, gross, &good[..1], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::InsufficientResponses);
    // divergent
    sb(&mut env, gross, &[(slot, 100 * K as i128), (slot, 200 * K as i128)], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::ExcessiveVariance);
    // negative revenue
    sb(&mut env, gross, &[(slot, -(K as i128)), (slot, -(K as i128))], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::InvalidOracleValue);
    // not a pull feed
    let mut acc = switchboard_feed_account(&[], owner);
    acc.data[0] ^= 1;
    env.set_account(&gross, acc);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::InvalidFeedData);
    sb(&mut env, gross, &good, owner);
    // the inventory feed under the same rules: negative, divergent, another owner
    sb(&mut env, inventory, &[(slot, -(K as i128)), (slot, -(K as i128))], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::InvalidOracleValue);
    sb(&mut env, inventory, &[(slot, 100 * K as i128), (slot, 200 * K as i128)], owner);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::ExcessiveVariance);
    sb(&mut env, inventory, &good, Pubkey::new_unique());
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::WrongFeedOwner);
    sb(&mut env, inventory, &good, owner);
    // not the feed this merchant configured (each of the three)
    let stranger = Pubkey::new_unique();
    sb(&mut env, stranger, &good, owner);
    for i in 0..3 {
        let mut spoofed = feeds;
        spoofed[i] = stranger;
        env.accept_switchboard(&m, 0, spoofed).await.expect_error(PstError::WrongFeed);
    }
    // missing feed accounts (the native accounts of a Switchboard feed)
    let a = env.accept_period_accounts(&m, 0);
    env.send(&[pst_ix(a, ixd::AcceptPeriod { period: 0 })], &[]).await.expect_error(PstError::WrongFeed);
    // stale
    env.warp_slots(1_050);
    env.accept_switchboard(&m, 0, feeds).await.expect_error(PstError::Stale);
    assert_eq!(env.feed(&m).await.next_period, 0);
    env.assert_all_conserved(&m).await;
}

/// A Switchboard feed names three distinct accounts: one account read as two figures (revenue as the inventory,
/// say) would make them equal, a month of cover always, and switch the inventory control off.
#[tokio::test]
async fn a_switchboard_feed_needs_three_distinct_accounts() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let (a, b) = (Pubkey::new_unique(), Pubkey::new_unique());
    for (gross_feed, net_feed, inventory_feed) in [(a, b, a), (a, a, b), (a, b, b)] {
        let params = FeedParams {
            source: FeedSource::Switchboard { gross_feed, net_feed, inventory_feed },
            ..sample_feed_params(env.now)
        };
        env.open_feed(&m, params).await.expect_error(PstError::InvalidFeedRules);
    }
}
