//! Attacks on the reserve that try to profit from its trades, covers and backstop, each with the attacker's and
//! the reserve's balances checked: a spot dump just before the crank, holding the price down for the whole TWAP
//! window to sell into the reserve, a pump to make it sell, tiny repeated cranks, donations, and repeated
//! backstop draws.
use alar_reserve::{constants::*, errors::ReserveError};
use pst_tests::*;

const HOUR: i64 = 3_600;

/// The attacker's USDC and PST.
async fn holdings(env: &mut Env, who: &Investor) -> (u64, u64) {
    (env.balance(&who.usdc).await, env.balance(&who.pst).await)
}

/// A dump right before the crank: the spot is below the band but the TWAP is not, so the reserve does not buy;
/// the attacker's round trip only pays fees.
#[tokio::test]
async fn a_spot_dump_before_the_crank_moves_no_reserve_money() {
    let mut env = Env::new().await;
    let (m, attacker, _) = env.band_merchant().await;
    let (usdc0, pst0) = holdings(&mut env, &attacker).await;
    let reserve0 = env.reserve(&m).await;
    env.swap_in(&m, &attacker, PstToUsdc, 150_000 * PST, 0).await.expect("dump");
    assert!(env.band_reading(&m).await.spot_cap < env.band_reading(&m).await.low_cap);
    env.crank_band(&m).await.expect_error(ReserveError::BandNotCrossed);
    env.swap_out(&m, &attacker, UsdcToPst, 150_000 * PST, u64::MAX).await.expect("buy back");
    let (usdc1, pst1) = holdings(&mut env, &attacker).await;
    assert_eq!(pst1, pst0);
    assert!(usdc1 < usdc0, "the round trip costs the attacker its fees");
    let reserve1 = env.reserve(&m).await;
    assert_eq!((reserve1.usdc, reserve1.pst), (reserve0.usdc, reserve0.pst), "the reserve did not trade");
    env.assert_all_conserved(&m).await;
}

/// Holding the price below the band for the whole TWAP window makes the reserve buy, but the reserve's buying
/// lifts the price the attacker must buy back at: dump, wait, crank, buy back loses money.
#[tokio::test]
async fn holding_the_price_down_to_sell_into_the_reserve_loses_money() {
    let mut env = Env::new().await;
    let (m, attacker, _) = env.band_merchant().await;
    let (usdc0, pst0) = holdings(&mut env, &attacker).await;
    env.swap_in(&m, &attacker, PstToUsdc, 150_000 * PST, 0).await.expect("dump");
    env.warp(DEFAULT_TWAP_WINDOW_SECS);
    env.crank_band(&m).await.expect("the reserve buys a slice");
    assert!(env.reserve(&m).await.pst > 0);
    env.swap_out(&m, &attacker, UsdcToPst, 150_000 * PST, u64::MAX).await.expect("buy back");
    let (usdc1, pst1) = holdings(&mut env, &attacker).await;
    assert_eq!(pst1, pst0);
    assert!(usdc1 < usdc0, "lost {} USDC", (usdc0 - usdc1) as f64 / 1e6);
    env.assert_all_conserved(&m).await;
}

/// A pump above the band for the window makes the reserve sell, which lowers the price the attacker sells back
/// at: pump, wait, crank, sell back loses money.
#[tokio::test]
async fn pumping_the_price_to_make_the_reserve_sell_loses_money() {
    let mut env = Env::new().await;
    let (m, attacker, _) = env.band_merchant().await;
    // the reserve holds PST from an earlier crash it bought back
    env.swap_in(&m, &attacker, PstToUsdc, 150_000 * PST, 0).await.expect("crash");
    for _ in 0..12 {
        env.warp(HOUR);
        if env.crank_band(&m).await.is_err() {
            break;
        }
    }
    let (usdc0, pst0) = holdings(&mut env, &attacker).await;
    env.swap_in(&m, &attacker, UsdcToPst, 250_000 * USDC, 0).await.expect("pump");
    let bought = env.balance(&attacker.pst).await - pst0;
    env.warp(DEFAULT_TWAP_WINDOW_SECS);
    env.crank_band(&m).await.expect("the reserve sells a slice");
    env.swap_in(&m, &attacker, PstToUsdc, bought, 0).await.expect("sell back");
    let (usdc1, pst1) = holdings(&mut env, &attacker).await;
    assert_eq!(pst1, pst0);
    assert!(usdc1 < usdc0, "lost {} USDC", (usdc0 - usdc1) as f64 / 1e6);
    env.assert_all_conserved(&m).await;
}

/// Cranking again and again in the cooldown changes nothing (and pays the cranker nothing).
#[tokio::test]
async fn tiny_repeated_cranks_change_nothing() {
    let mut env = Env::new().await;
    let (m, attacker, _) = env.band_merchant().await;
    env.swap_in(&m, &attacker, PstToUsdc, 150_000 * PST, 0).await.expect("crash");
    env.warp(HOUR);
    env.crank_band(&m).await.expect("one slice");
    let after_one = env.reserve(&m).await;
    for _ in 0..10 {
        env.warp(60);
        env.crank_band(&m).await.expect_error(ReserveError::CooldownActive);
    }
    let r = env.reserve(&m).await;
    assert_eq!(
        (r.usdc, r.pst, r.last_stabilize_ts),
        (after_one.usdc, after_one.pst, after_one.last_stabilize_ts)
    );
    env.assert_all_conserved(&m).await;
}

/// USDC sent to the reserve becomes its own USDC (the protocol's, never the donor's); PST sent to its PST vault
/// earns nothing and is never counted as the reserve's. Neither breaks a check nor unlocks the stake.
#[tokio::test]
async fn donations_to_the_reserve_are_counted_safely() {
    let mut env = Env::new().await;
    let (m, donor, _) = env.band_merchant().await;
    env.harvest_reserve_now(&m).await.expect("harvest");
    let before = env.reserve(&m).await;
    env.donate_to_reserve(&m, 1_234 * USDC).await;
    let k = ReserveAddresses::of(&m);
    let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &pst_client::TOKEN_2022_PROGRAM,
        &donor.pst,
        &m.pst_mint,
        &k.pst_vault,
        &donor.wallet.pubkey(),
        &[],
        5 * PST,
        6,
    )
    .unwrap();
    env.send_ok(&[ix], &[&donor.wallet]).await;
    *env.reserve_pst_donations.entry(m.merchant).or_default() += 5 * PST;
    env.harvest_reserve_now(&m).await.expect("harvest");
    let after = env.reserve(&m).await;
    assert_eq!(after.stake, before.stake, "a donation is not stake");
    assert!(after.usdc >= before.usdc + 1_234 * USDC);
    assert_eq!(after.pst, before.pst, "donated PST is not the reserve's");
    assert_eq!(env.position(&m, &k.authority).await.staked, after.pst, "and earns nothing");
    // the PST vault holds the donation beside the reserve's PST; the conservation check allows exactly that
    assert_eq!(env.balance(&k.pst_vault).await, after.pst + 5 * PST);
    env.assert_all_conserved(&m).await;
}

/// Repeated backstop draws pay at most 25% of the reserve's own USDC above the floor per week, however many there
/// are, and never reach the merchant's stake or the floor kept for shortfall cover.
#[tokio::test]
async fn repeated_backstop_draws_never_reach_the_stake_or_the_floor() {
    let mut env = Env::with_backstop_stand_in().await;
    let (m, _, _) = env.band_merchant().await;
    env.harvest_reserve_now(&m).await.expect("harvest");
    let start = env.reserve(&m).await;
    let metrics = env.metrics(&m).await;
    let share = pst_math::band::annual_share(metrics.annual_revenue, 1_000);
    let floor = alar_reserve::state::Reserve::floor(share, metrics.period_secs);
    for _ in 0..30 {
        env.draw_senior(&m, u64::MAX).await.expect("cover_senior");
    }
    let r = env.reserve(&m).await;
    let week = r.totals.senior_paid;
    assert!(week > 0);
    assert!(
        week as u128 * 10_000 <= (start.usdc - floor) as u128 * DEFAULT_SENIOR_CAP_BPS as u128,
        "paid {week}"
    );
    assert_eq!(r.stake, start.stake);
    // a year of weekly draws: the floor and the stake are never reached
    for _ in 0..52 {
        env.warp(SENIOR_WINDOW_SECS);
        env.draw_senior(&m, u64::MAX).await.expect("cover_senior");
    }
    let r = env.reserve(&m).await;
    assert_eq!(r.stake, start.stake);
    assert!(r.usdc >= floor, "usdc {} below the floor {floor}", r.usdc);
    env.assert_all_conserved(&m).await;
}
