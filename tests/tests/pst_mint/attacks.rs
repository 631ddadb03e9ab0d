//! Attacks on the revenue oracle and the settlement ledger, tried the way they would happen: an acceptance
//! delayed past many periods, submissions that go stale, a report filled by reporters who were removed, and a
//! merchant draining settlement while it runs its stock down.
use super::merchant_data::period;
use pst_mint::{
    errors::PstError,
    state::{HealthStatus, MerchantRules},
};
use pst_tests::*;

const K: u64 = 1_000 * USDC;

/// The old hole: the ledger kept the swept share of four periods only, so a period accepted later than that
/// (a divergent report, a slow admin) read as unpaid: a false shortfall, coverage 0, health Default, exactly
/// what the reserve would slash the merchant for. Now each period's share lives in its own report account:
/// seven periods fully settled and accepted only at the end are all paid, none short, health Healthy.
#[tokio::test]
async fn a_long_delayed_acceptance_records_no_false_shortfall() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    // seven periods of sales, each swept in full while the period was in progress
    for _ in 0..7 {
        env.warp(PERIOD / 2);
        env.sales_proceeds(&m, 100 * K).await;
        env.sweep(&m).await.expect("sweep");
        env.warp(PERIOD / 2);
    }
    // the reporters post every period only now (the feed was stuck), and each is accepted in order
    for period in 0..7 {
        env.submit(&m, &rep[0], period, 100 * K, 10 * K as i64).await.expect("submit");
        env.submit(&m, &rep[1], period, 100 * K, 10 * K as i64).await.expect("submit");
        env.accept(&m, period).await.expect("accept");
        assert_eq!(env.report(&m, period).await.swept_share, 10 * K, "period {period}'s share");
    }
    let s = env.settlement(&m).await;
    assert_eq!((s.shortfall_recorded, s.short_periods), (0, 0), "a settled period was recorded short");
    let metrics = env.metrics(&m).await;
    assert_eq!(metrics.coverage_bps, 10_000);
    assert_eq!(metrics.health, HealthStatus::Healthy);
    // and a period that really was short is still caught
    env.sales_proceeds(&m, 50 * K).await;
    env.sweep(&m).await.expect("sweep half");
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 7, 100 * K, 10 * K as i64).await.expect("submit");
    env.submit(&m, &rep[1], 7, 100 * K, 10 * K as i64).await.expect("submit");
    env.accept(&m, 7).await.expect("accept");
    let s = env.settlement(&m).await;
    assert_eq!((s.shortfall_recorded, s.short_periods), (5 * K, 1));
    env.assert_all_conserved(&m).await;
}

/// The old hole: past `max_staleness_slots` a period could not be accepted (`Stale`) and reporters could not
/// refresh (`DuplicateSubmission`), so a slow keeper locked the feed for good. Stale data is still refused, but
/// reporters refresh their submissions and the period is accepted on the fresh ones.
#[tokio::test]
async fn stale_submissions_are_refreshed_not_stuck() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.warp(PERIOD);
    env.submit(&m, &rep[0], 0, 100 * K, 10 * K as i64).await.expect("submit");
    env.submit(&m, &rep[1], 0, 101 * K, 10 * K as i64).await.expect("submit");
    // the keeper is late: the submissions are older than the feed allows
    env.warp_slots(1_100);
    env.accept(&m, 0).await.expect_error(PstError::Stale);
    // the reporters refresh (a new value and a new slot); stale data never drove anything
    env.submit(&m, &rep[0], 0, 100 * K, 10 * K as i64).await.expect("refresh");
    env.submit(&m, &rep[1], 0, 100 * K, 10 * K as i64).await.expect("refresh");
    let report = env.report(&m, 0).await;
    assert_eq!(report.submissions.len(), 2);
    env.accept(&m, 0).await.expect("accepted on fresh data");
    assert_eq!(env.report(&m, 0).await.accepted.unwrap().gross_revenue, 100 * K);
    env.assert_all_conserved(&m).await;
}

/// The old hole: with a full reporter set, the submissions of reporters the admin removed still filled the
/// report's slots, so no fresh submission fitted and the period (and every later one) could never be accepted.
/// Now a submission drops those of removed reporters: sixteen reporters submit divergent values, the admin
/// replaces fifteen of them, and the new ones' submissions fit and are accepted.
#[tokio::test]
async fn removed_reporters_cannot_brick_a_full_report() {
    let mut env = Env::new().await;
    let (m, mut rep) = env.merchant_with_feed().await;
    rep.extend(env.add_reporters(13).await);
    assert_eq!(env.config().await.oracle_reporters.len(), 16);
    env.warp(PERIOD);
    for (i, r) in rep.iter().enumerate() {
        env.submit(&m, r, 0, (100 + 5 * i as u64) * K, 0).await.expect("submit");
    }
    assert_eq!(env.report(&m, 0).await.submissions.len(), 16);
    env.accept(&m, 0).await.expect_error(PstError::ExcessiveVariance);
    // the admin removes fifteen of them and adds fifteen new ones
    let admin = env.admin.insecure_clone();
    for r in &rep[1..] {
        let ix = env.set_role(&admin.pubkey(), pst_mint::state::Role::OracleReporter, r.pubkey(), false);
        env.send_ok(&[ix], &[&admin]).await;
    }
    let fresh = env.add_reporters(15).await;
    for r in &fresh {
        env.submit(&m, r, 0, 100 * K, 0).await.expect("a new reporter's submission fits");
    }
    let report = env.report(&m, 0).await;
    assert_eq!(report.submissions.len(), 16, "the removed reporters' submissions were dropped");
    assert!(report.submissions.iter().all(|s| s.reporter == rep[0].pubkey() || s.gross_revenue == 100 * K));
    env.accept(&m, 0).await.expect("accepted");
    assert_eq!(env.report(&m, 0).await.accepted.unwrap().gross_revenue, 100 * K);
    env.assert_all_conserved(&m).await;
}

/// The attack the controls exist for: a merchant sells its stock down and tries to take the cash out in the
/// same periods. Each period it runs the stock down it can take less, however it splits its withdrawals; an
/// admin floor change applies from the next accepted period, never to one already judged.
#[tokio::test]
async fn running_the_stock_down_cannot_drain_settlement() {
    let mut env = Env::new().await;
    let (m, reps) = env.merchant_with_feed().await;
    let reps = &reps[..2];
    let dest = env.merchant_usdc_account(&m).await;
    let gross = 300 * K;
    let mut taken = Vec::new();
    for inventory in [300 * K, 120 * K, 60 * K, 20 * K] {
        period(&mut env, &m, reps, gross, inventory).await;
        // many small withdrawals take no more than one large one
        let before = env.balance(&dest).await;
        loop {
            if env.withdraw(&m, &dest, 1_000 * USDC).await.is_err() {
                break;
            }
        }
        let mut step = 1_000 * USDC;
        while step > 0 {
            step /= 2;
            if step > 0 && env.withdraw(&m, &dest, step).await.is_err() {
                continue;
            }
        }
        taken.push(env.balance(&dest).await - before);
    }
    // 30 days, 12, 6, 2 of inventory: the full 50k, then 50k × ½ × 8,571/10,000 (12/14), × ½ × 4,285/10,000
    // (6/14), the 12.5% minimum; splitting the withdrawals gets within a dollar of each, never past it
    let limits = [50 * K, 21_427_500_000, 10_712_500_000, 6_250 * USDC];
    for (t, l) in taken.iter().zip(limits) {
        assert!(*t <= l && *t + USDC > l, "took {t} of {l}");
    }
    // the admin lifts the floor: the period already judged keeps its limit; the next period is judged anew
    let admin = env.admin.insecure_clone();
    let rules = MerchantRules { inventory_floor_days: 0, ..MerchantRules::DEFAULT };
    env.send_ok(&[env.set_merchant_rules(&admin.pubkey(), rules)], &[&admin]).await;
    let judged = env.metrics(&m).await;
    assert_eq!((judged.health, judged.inventory_floor_days), (HealthStatus::Watch, 14));
    period(&mut env, &m, reps, gross, 0).await;
    assert_eq!(env.metrics(&m).await.health, HealthStatus::Healthy);
    env.withdraw(&m, &dest, 50 * K).await.expect("no floor: the whole limit");
    env.assert_all_conserved(&m).await;
}

/// The same merchant, faster: it runs its stock down during a period and, the moment the period ends, withdraws
/// before the reporters' figures are accepted (the metrics still judge the well-stocked period before). Until the
/// period is accepted the limit is the lowest one short of a Default; once it is, the formula applies.
#[tokio::test]
async fn withdrawing_before_the_period_is_judged_gains_nothing() {
    let mut env = Env::new().await;
    let (m, reps) = env.merchant_with_feed().await;
    let reps = &reps[..2];
    let dest = env.merchant_usdc_account(&m).await;
    let gross = 300 * K;
    period(&mut env, &m, reps, gross, 600 * K).await; // 60 days of stock: Healthy
    assert_eq!(env.metrics(&m).await.health, HealthStatus::Healthy);
    // period 1: the stock goes (reported after it ends), the sales are swept
    env.sales_proceeds(&m, gross).await;
    env.sweep(&m).await.expect("sweep");
    env.warp(PERIOD);
    // period 2 has begun and period 1 is not accepted: 12.5% of the 50k approved, not the Healthy 50k
    env.withdraw(&m, &dest, 6_250 * USDC + 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    env.withdraw(&m, &dest, 6_250 * USDC).await.expect("the unjudged limit");
    for r in reps {
        env.submit_with_inventory(&m, r, 1, gross, 0, 35 * K).await.expect("submit");
    }
    env.accept(&m, 1).await.expect("accept");
    // judged: 3.5 days of stock, Watch at the 12.5% minimum; already taken
    assert_eq!(env.metrics(&m).await.health, HealthStatus::Watch);
    env.withdraw(&m, &dest, 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    assert_eq!(env.settlement(&m).await.withdrawn_in_period, 6_250 * USDC);
    env.assert_all_conserved(&m).await;
}
