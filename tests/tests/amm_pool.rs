//! amm_pool: seeding, trading both ways, liquidity, TWAP, dividends for LPs, governance, and every refusal
//! with its exact error. Every test that changes the pool ends with `assert_pool_conserved`.
use amm_pool::{constants::*, errors::AmmError};
use pst_tests::*;

#[tokio::test]
async fn pool_opens_from_the_lp_allocation_at_the_issue_price() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let p = env.pool(&m).await;
    let lp_allocation = 300_000 * PST;
    assert_eq!(p.reserve_pst, lp_allocation);
    assert_eq!(p.reserve_usdc, 300_000 * USDC, "seeded at the issue price (1 USDC)");
    assert_eq!(p.lp_supply, 300_000 * PST, "sqrt(x*y)");
    assert_eq!(p.seed_lp_locked, p.lp_supply - pst_math::curve::MINIMUM_LIQUIDITY);
    assert_eq!((p.fee_bps, p.protocol_share_bps, p.paused), (DEFAULT_FEE_BPS, DEFAULT_PROTOCOL_SHARE_BPS, 0));
    let merchant = env.merchant(&m).await;
    assert_eq!(p.seed_unlock_ts, merchant.vesting.start + merchant.vesting.duration_secs);
    // the LP allocation earns in place
    let position = env.position(&m, &PoolKeys::of(&m).pool).await;
    assert_eq!(position.staked, lp_allocation);
    assert_eq!(position.custody, m.lp_vault);
    assert_eq!(env.distributor(&m).await.total_staked, lp_allocation);
    assert_eq!(q64_to_f64(p.price_q64().unwrap()), 1.0);
    env.assert_pool_conserved(&m).await;
}

#[tokio::test]
async fn trades_both_ways_and_exact_out() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 10_000 * USDC).await;
    env.swap_in(&m, &h, UsdcToPst, 1_000 * USDC, 0).await.expect("buy PST");
    let got = env.balance(&h.pst).await;
    assert!(got > 990 * PST && got < 1_000 * PST, "{got}");
    env.swap_in(&m, &h, PstToUsdc, got, 0).await.expect("sell PST");
    assert!(env.balance(&h.usdc).await < 10_000 * USDC, "a round trip costs fees");
    env.swap_out(&m, &h, UsdcToPst, 100 * PST, 200 * USDC).await.expect("buy exactly 100 PST");
    assert_eq!(env.balance(&h.pst).await, 100 * PST);
    let usdc = env.balance(&h.usdc).await;
    env.swap_out(&m, &h, PstToUsdc, 50 * USDC, 100 * PST).await.expect("sell for exactly 50 USDC");
    assert_eq!(env.balance(&h.usdc).await, usdc + 50 * USDC);
    env.assert_pool_conserved(&m).await;
}
