//! Two keepers at once: every due crank lands exactly once (the other keeper's attempt is refused by the
//! program and counted as already done, or not sent at all), and the on-chain effects are those of one keeper.
mod common;
use common::*;
use pst_client::DistributorAddresses;
use pst_mint::state::{Merchant, MerchantStatus, PeriodReport};
use serde_json::Value;
use std::collections::BTreeMap;

/// Both keepers run one pass at the same time; the confirmed cranks of both, and how many each sent.
fn both(n: &Net, a: &std::path::Path, b: &std::path::Path) -> (Vec<String>, Value, Value) {
    let (pa, pb) = std::thread::scope(|s| {
        let ha = s.spawn(|| n.keeper(a));
        let hb = s.spawn(|| n.keeper(b));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    let mut all = Net::cranks(&pa);
    all.extend(Net::cranks(&pb));
    all.sort();
    (all, pa, pb)
}

fn counts(cranks: &[String]) -> BTreeMap<String, usize> {
    let mut c = BTreeMap::new();
    for k in cranks {
        *c.entry(k.clone()).or_default() += 1;
    }
    c
}

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn two_keepers_at_once_do_each_crank_once() {
    let n = Net::start("keepers");
    let a = n.acme();
    let (k1, _) = n.wallet("keeper-1", 10);
    let (k2, _) = n.wallet("keeper-2", 10);

    n.ok(&a.investor_key, &["investor", "buy", "--merchant", "ACME", "--amount", "500000"]);
    let (done, p1, p2) = both(&n, &k1, &k2);
    assert_eq!(done, ["close_sale"], "{p1} {p2}");
    assert_eq!(n.account::<Merchant>(&a.m.merchant).status, MerchantStatus::Active);

    n.ok(&a.merchant_key, &["merchant", "release-proceeds"]);
    n.mint_usdc_to(&a.m.settlement_vault, 100_000 * USDC);
    let (done, p1, p2) = both(&n, &k1, &k2);
    assert_eq!(counts(&done), counts(&["harvest_reserve".into(), "sweep".into()]), "{p1} {p2}");
    assert_eq!(n.balance(&a.m.dividend_vault), 10_000 * USDC, "swept once");

    let (done, p1, p2) = both(&n, &k1, &k2);
    assert_eq!(done, ["distribute"], "{p1} {p2}");
    let d = n.account::<revenue_distributor::state::Distributor>(&DistributorAddresses::of(&a.m).distributor);
    assert_eq!(d.total_inflow, 10_000 * USDC, "distributed once");

    n.travel(86_400);
    n.report(0, "100000", "20000");
    let (done, p1, p2) = both(&n, &k1, &k2);
    assert_eq!(counts(&done).get("accept_period"), Some(&1), "{p1} {p2}");
    for (k, c) in counts(&done) {
        assert_eq!(c, 1, "{k} done {c} times: {p1} {p2}");
    }
    assert!(n.account::<PeriodReport>(&a.m.report(0)).accepted.is_some());
    // neither keeper paid for a failed transaction: whatever the other did first was refused in simulation
    // (not sent) or in preflight (no fee), and counted as already done, never as a failure
    for p in [&p1, &p2] {
        assert_eq!(p["failed"], 0, "{p}");
    }
    // and nothing is left: a further pass by either keeper confirms nothing, even with dust sent to the
    // settlement, dividend and reserve vaults (below the keepers' 1-USDC floor: no fee is spent on it)
    n.mint_usdc_to(&a.m.settlement_vault, 1);
    n.mint_usdc_to(&a.m.dividend_vault, 1);
    n.mint_usdc_to(&pst_client::ReserveAddresses::of(&a.m).usdc_vault, 1);
    let (done, p1, p2) = both(&n, &k1, &k2);
    assert!(done.is_empty(), "{p1} {p2}");
}
