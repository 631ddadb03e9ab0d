use pst_tests::*;
use yield_tranches::state::Tranche::{Junior, Senior};

/// Junior and senior deposits execute at the first close at one share per USDC (1,000 share units per USDC base
/// unit), claims pay the shares, and the next closes pay senior its target yield while junior takes the rest.
#[tokio::test]
async fn deposits_execute_at_the_close_and_senior_earns_its_target() {
    let mut env = Env::new().await;
    let (m, _, _) = env.tranche_merchant().await;
    let a = TrancheAddresses::of(&m);
    let junior = env.tranche_investor(&m, 100_000 * USDC).await;
    let senior = env.tranche_investor(&m, 300_000 * USDC).await;
    env.deposit_request(&m, &junior, Junior, 100_000 * USDC).await.expect("junior deposit");
    env.deposit_request(&m, &senior, Senior, 300_000 * USDC).await.expect("senior deposit");
    env.assert_all_conserved(&m).await;
    env.close_epoch_now(&m).await.expect_error(yield_tranches::errors::TrancheError::EpochNotEnded);
    env.warp(EPOCH);
    let ok = env.close_epoch_now(&m).await.expect("close_epoch");
    println!(
        "close_epoch: {} CU, {} bytes, {} accounts",
        ok.compute_units, env.last_tx_size, env.last_tx_accounts
    );
    let e = env.epoch_record(&m, 0).await;
    println!("{e:#?}");
    env.assert_all_conserved(&m).await;
    env.claim_tranche(&m, &junior, Junior).await.expect("claim junior");
    env.claim_tranche(&m, &senior, Senior).await.expect("claim senior");
    assert_eq!(env.shares(&m, &junior, Junior).await, 100_000 * SHARE);
    assert_eq!(env.shares(&m, &senior, Senior).await, 300_000 * SHARE);
    env.assert_all_conserved(&m).await;
    let t = env.tranches(&m).await;
    println!("{t:#?}");
    assert_eq!(env.supply(&a.mints[0]).await, 300_000 * SHARE);
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close_epoch 1");
    let e = env.epoch_record(&m, 1).await;
    println!("{e:#?}");
    env.assert_all_conserved(&m).await;
}
