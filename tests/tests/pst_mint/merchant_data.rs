//! pst_mint merchant data: the eligibility thresholds at `apply_for_listing`, closing inventory through the
//! reports into the metrics (days of inventory, trend, the floor that puts a merchant on Watch), and the
//! withdrawal limit that scales with health and inventory cover, at the formula's boundaries.
use pst_mint::{constants::*, errors::PstError, state::*};
use pst_tests::*;

const K: u64 = 1_000 * USDC;

async fn set_rules(env: &mut Env, rules: MerchantRules) {
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_merchant_rules(&admin.pubkey(), rules)], &[&admin]).await;
}

async fn apply(env: &mut Env, profile: MerchantProfile) -> (MerchantKeys, TxResult) {
    let m = MerchantKeys::new(env.wallet().await);
    let ix = env.apply_for_listing(&m, profile);
    let res = env.send(&[ix], &[&m.authority]).await;
    (m, res)
}

#[tokio::test]
async fn eligibility_thresholds_refuse_at_their_boundaries() {
    let mut env = Env::new().await;
    assert_eq!(env.config().await.merchant_rules, MerchantRules::DEFAULT);
    let base = sample_profile("Acme", "ACME");
    let at = |revenue, months| MerchantProfile {
        trailing_revenue: revenue,
        history_months: months,
        ..base.clone()
    };
    let (min_rev, min_months) = (DEFAULT_MIN_TRAILING_REVENUE, DEFAULT_MIN_HISTORY_MONTHS);
    apply(&mut env, at(min_rev - 1, min_months)).await.1.expect_error(PstError::RevenueBelowMinimum);
    apply(&mut env, at(min_rev, min_months - 1)).await.1.expect_error(PstError::HistoryTooShort);
    apply(&mut env, at(0, min_months)).await.1.expect_error(PstError::InvalidMetrics);
    let (m, res) = apply(&mut env, at(min_rev, min_months)).await;
    res.expect("exactly at both thresholds");
    let stored = env.merchant(&m).await.profile;
    assert_eq!((stored.inventory_value, stored.history_months), (base.inventory_value, min_months));
    assert_eq!(env.config().await.merchant_count, 1);

    // the admin raises the bar: the sample store (1.0M a year, 36 months) no longer qualifies
    let strict =
        MerchantRules { min_trailing_revenue: 2_000 * K, min_history_months: 37, inventory_floor_days: 14 };
    set_rules(&mut env, strict).await;
    apply(&mut env, base.clone()).await.1.expect_error(PstError::RevenueBelowMinimum);
    apply(&mut env, MerchantProfile { trailing_revenue: 2_000 * K, ..base.clone() })
        .await
        .1
        .expect_error(PstError::HistoryTooShort);
    // and lowers it to nothing: the smallest store applies
    set_rules(
        &mut env,
        MerchantRules { min_trailing_revenue: 0, min_history_months: 0, inventory_floor_days: 0 },
    )
    .await;
    apply(&mut env, at(1, 0)).await.1.expect("no thresholds");
    // a history beyond the profile's bound is refused whatever the rules
    apply(&mut env, at(K, MAX_HISTORY_MONTHS + 1)).await.1.expect_error(PstError::InvalidMetrics);
}

#[tokio::test]
async fn merchant_rules_are_bounded_and_the_admins() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let max = MerchantRules {
        min_trailing_revenue: MAX_MIN_TRAILING_REVENUE,
        min_history_months: MAX_MIN_HISTORY_MONTHS,
        inventory_floor_days: MAX_INVENTORY_FLOOR_DAYS,
    };
    set_rules(&mut env, max).await;
    assert_eq!(env.config().await.merchant_rules, max);
    let bad = [
        MerchantRules { min_trailing_revenue: MAX_MIN_TRAILING_REVENUE + 1, ..max },
        MerchantRules { min_history_months: MAX_MIN_HISTORY_MONTHS + 1, ..max },
        MerchantRules { inventory_floor_days: MAX_INVENTORY_FLOOR_DAYS + 1, ..max },
    ];
    for rules in bad {
        env.send(&[env.set_merchant_rules(&admin.pubkey(), rules)], &[&admin])
            .await
            .expect_error(PstError::InvalidMerchantRules);
    }
    let outsider = env.wallet().await;
    env.send(&[env.set_merchant_rules(&outsider.pubkey(), MerchantRules::DEFAULT)], &[&outsider])
        .await
        .expect_error(PstError::NotAdmin);
    assert_eq!(env.config().await.merchant_rules, max);
}

/// One period of a live merchant: `gross` of sales arrive and are swept while it runs, then every reporter
/// reports it with closing inventory `inventory` and a keeper accepts it.
pub(crate) async fn period(
    env: &mut Env,
    m: &MerchantKeys,
    reporters: &[Keypair],
    gross: u64,
    inventory: u64,
) {
    let p = env.period_now(m).await;
    env.sales_proceeds(m, gross).await;
    env.sweep(m).await.expect("sweep");
    env.warp(PERIOD);
    for r in reporters {
        env.submit_with_inventory(m, r, p, gross, (gross / 10) as i64, inventory).await.expect("submit");
    }
    env.accept(m, p).await.expect("accept");
}

#[tokio::test]
async fn closing_inventory_is_aggregated_into_the_metrics() {
    let mut env = Env::new().await;
    let (m, reps) = env.merchant_with_feed().await;
    // the share is swept in full each period (coverage 100%): health follows the inventory alone
    env.sales_proceeds(&m, 300 * K).await;
    env.sweep(&m).await.expect("sweep");
    env.warp(PERIOD);
    // three reporters: the median inventory within the variance rule
    for (r, inventory) in reps.iter().zip([100 * K, 104 * K, 102 * K]) {
        env.submit_with_inventory(&m, r, 0, 300 * K, 30 * K as i64, inventory).await.expect("submit");
    }
    env.accept(&m, 0).await.expect("accept");
    let metrics = env.metrics(&m).await;
    assert_eq!(metrics.history[0].inventory, 102 * K);
    // 102k of stock against 10k a day (300k over 30 days): 10.20 days, below the 14-day floor
    assert_eq!(metrics.inventory_days_x100, Some(1_020));
    assert_eq!((metrics.inventory_trend_bps, metrics.inventory_floor_days), (None, 14));
    assert_eq!(metrics.health, HealthStatus::Watch);
    let report = env.report(&m, 0).await;
    assert_eq!(report.accepted.map(|a| a.inventory_value), Some(102 * K));

    // divergent inventories are refused like divergent revenue
    env.sales_proceeds(&m, 300 * K).await;
    env.sweep(&m).await.expect("sweep");
    env.warp(PERIOD);
    for (r, inventory) in reps.iter().zip([100 * K, 200 * K, 300 * K]) {
        env.submit_with_inventory(&m, r, 1, 300 * K, 0, inventory).await.expect("submit");
    }
    env.accept(&m, 1).await.expect_error(PstError::ExcessiveVariance);
    // a reporter corrects its figure; the period is accepted and the trend follows the days of inventory
    env.submit_with_inventory(&m, &reps[1], 1, 300 * K, 0, 306 * K).await.expect("refresh");
    env.submit_with_inventory(&m, &reps[0], 1, 300 * K, 0, 306 * K).await.expect("refresh");
    env.accept(&m, 1).await.expect("accept");
    let metrics = env.metrics(&m).await;
    assert_eq!(metrics.inventory_days_x100, Some(3_060));
    assert_eq!(metrics.inventory_trend_bps, Some(20_000)); // 10.20 → 30.60 days: +200%
    assert_eq!(metrics.health, HealthStatus::Healthy);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn health_and_the_withdrawal_limit_follow_the_inventory_formula() {
    let mut env = Env::new().await;
    let (m, reps) = env.merchant_with_feed().await;
    let reps = &reps[..2];
    let dest = env.merchant_usdc_account(&m).await;
    // 300k a period of 30 days: 10k a day; the floor is 14 days, 140k of stock; the approved limit is 50k
    let gross = 300 * K;
    let cases: [(u64, HealthStatus, u64); 6] = [
        // exactly at the floor: Healthy, the approved limit
        (140 * K, HealthStatus::Healthy, 50 * K),
        // 10 USDC below it (13.99 days): Watch, half the limit × 9,992/10,000
        (140 * K - 10 * USDC, HealthStatus::Watch, 24_980 * USDC),
        // half the floor: a quarter of the limit
        (70 * K, HealthStatus::Watch, 12_500 * USDC),
        // a quarter of the floor, and nothing: the 12.5% minimum
        (35 * K, HealthStatus::Watch, 6_250 * USDC),
        (0, HealthStatus::Watch, 6_250 * USDC),
        // restocked: Healthy again, the whole limit
        (600 * K, HealthStatus::Healthy, 50 * K),
    ];
    for (inventory, health, limit) in cases {
        period(&mut env, &m, reps, gross, inventory).await;
        let metrics = env.metrics(&m).await;
        assert_eq!(metrics.health, health, "inventory {inventory}");
        assert_eq!(metrics.coverage_bps, 10_000);
        env.withdraw(&m, &dest, limit + 1).await.expect_error(PstError::WithdrawalLimitExceeded);
        env.withdraw(&m, &dest, limit).await.expect("withdraw the limit");
        env.withdraw(&m, &dest, 1).await.expect_error(PstError::WithdrawalLimitExceeded);
        env.assert_all_conserved(&m).await;
    }
}
