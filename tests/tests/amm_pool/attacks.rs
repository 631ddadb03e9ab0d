//! Attacks on the pool that move value, each tried the way an attacker would, with the attacker's and the
//! victims' balances checked: the harvest sandwich, joining the LPs while dividends cannot be harvested, PST
//! parked in the vault outside the reserves, and manipulating the TWAP (a short extreme spell, and the cost of
//! holding it 10% up for an hour against an arbitrageur).
use amm_pool::{constants::OBSERVATION_SPACING_SECS, errors::AmmError as E};
use pst_tests::*;

const HOUR: i64 = 3_600;

/// The fixture of the issue: the pool's 300k PST / 300k USDC, a holder staking 100k PST beside it, a week of
/// dividends (100k USDC of revenue share) streamed to the end.
async fn pool_with_a_week_of_dividends(env: &mut Env) -> (MerchantKeys, Investor) {
    let m = env.merchant_with_pool().await;
    let holder = env.investor(&m, 100_001 * USDC).await;
    env.buy(&m, &holder, 100_000 * PST).await.expect("buy");
    env.open_position(&m, &holder.wallet).await.expect("open");
    env.stake(&m, &holder, 100_000 * PST).await.expect("stake");
    env.dividends_arrive(&m, 1_000_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let dur = env.stream_duration(&m).await;
    env.warp(dur);
    (m, holder)
}

/// What the pool's position has earned and not yet received.
async fn pool_pending(env: &mut Env, m: &MerchantKeys) -> u64 {
    let k = PoolAddresses::of(m);
    let (d, p) =
        (env.raw_account(&k.distributor).await.unwrap(), env.raw_account(&k.position).await.unwrap());
    let mut d: revenue_distributor::state::Distributor = pst_client::read::anchor_account(&d.data).unwrap();
    let mut p: revenue_distributor::state::Position = pst_client::read::anchor_account(&p.data).unwrap();
    d.update(env.now).unwrap();
    p.settle(d.reward_per_token).unwrap();
    p.pending
}

/// Buy PST, harvest, sell it back, in one transaction, after a week of dividends accrued to the pool: the buy
/// harvests first (its price already includes the dividends), so the harvest finds nothing and the transaction
/// fails; buying and selling back alone loses the fees. The LPs keep every unit of their dividends.
#[tokio::test]
async fn a_harvest_sandwich_gains_nothing() {
    let mut env = Env::new().await;
    let (m, _) = pool_with_a_week_of_dividends(&mut env).await;
    let attacker = env.investor(&m, 200_000 * USDC).await;
    let owed = pool_pending(&mut env, &m).await;
    assert!(owed > 50_000 * USDC, "the pool earned a week of dividends: {owed}");
    let (usdc0, pst0) = (env.balance(&attacker.usdc).await, env.balance(&attacker.pst).await);
    let k0 = env.pool(&m).await;
    let buy = env.swap_out_ix(&m, &attacker, UsdcToPst, 50_000 * PST, u64::MAX);
    let sell = env.swap_in_ix(&m, &attacker, PstToUsdc, 50_000 * PST, 0);
    let harvest = env.harvest_dividends(&m);
    env.send(&[buy.clone(), harvest, sell.clone()], &[&attacker.wallet])
        .await
        .expect_error(E::NothingToHarvest);
    // the sandwich without the crank: the buy itself harvested
    env.send_ok(&[buy, sell], &[&attacker.wallet]).await;
    let (usdc1, pst1) = (env.balance(&attacker.usdc).await, env.balance(&attacker.pst).await);
    assert_eq!(pst1, pst0);
    assert!(usdc1 < usdc0, "the attacker gained {} USDC", usdc1 - usdc0);
    // every unit the pool earned reached its USDC reserve, for the LPs
    let p = env.pool(&m).await;
    assert_eq!(p.totals.dividends - k0.totals.dividends, owed);
    assert_eq!(pool_pending(&mut env, &m).await, 0);
    assert!(p.reserve_usdc >= k0.reserve_usdc + owed, "the LPs lost part of their dividends");
    env.assert_all_conserved(&m).await;
}

/// Joining the LPs while every pause flag a guardian can set is on (the old hole: a paused dividends flag
/// skipped the harvest, so a new LP bought in below value), then leaving once they clear: the deposit harvested
/// first, so the attacker gets back no more than it put in. An LP who leaves during the pauses is paid its share
/// of the dividends earned while it was an LP.
#[tokio::test]
async fn an_lp_who_joins_during_a_pause_gains_nothing() {
    let mut env = Env::new().await;
    let (m, _) = pool_with_a_week_of_dividends(&mut env).await;
    // the attacker buys PST in the sale while it is open
    let attacker = env.lp_investor(&m, 100_000 * USDC).await;
    env.buy(&m, &attacker.investor, 40_000 * PST).await.expect("the attacker buys PST");
    // an earlier LP, in before the next dividends accrue
    let carol = env.lp_investor(&m, 40_000 * USDC).await;
    env.swap_in(&m, &carol.investor, UsdcToPst, 20_000 * USDC, 0).await.expect("Carol buys PST");
    let carol_lp = 10_000 * PST;
    env.add_liquidity(&m, &carol, carol_lp, u64::MAX, u64::MAX).await.expect("Carol joins");
    // more dividends accrue to the pool while Carol is an LP
    env.dividends_arrive(&m, 500_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let dur = env.stream_duration(&m).await;
    env.warp(dur);
    let owed = pool_pending(&mut env, &m).await;
    assert!(owed > 10_000 * USDC, "{owed}");
    // every flag of every program's lane, and the pool's own swap pause
    let guardian = env.guardian.insecure_clone();
    let all = !(pst_mint::constants::PAUSE_LANE_MASK & !pst_mint::constants::PAUSE_ALL);
    env.pause(all).await;
    env.set_pool_pause(&m, &guardian, amm_pool::constants::PAUSE_SWAP).await.expect("pause swaps");
    // the attacker joins: the deposit harvests first
    let (pst0, usdc0) =
        (env.balance(&attacker.investor.pst).await, env.balance(&attacker.investor.usdc).await);
    let before = env.pool(&m).await;
    let lp = 20_000 * PST;
    env.add_liquidity(&m, &attacker, lp, u64::MAX, u64::MAX).await.expect("deposit during the pauses");
    let after = env.pool(&m).await;
    assert_eq!(after.totals.dividends - before.totals.dividends, owed, "the deposit harvested first");
    // Carol leaves during every pause: an exit, priced with the dividends she earned
    let carol_usdc = env.balance(&carol.investor.usdc).await;
    let carol_share = carol_lp as u128 * after.reserve_usdc as u128 / after.lp_supply as u128;
    env.remove_liquidity(&m, &carol, carol_lp, 0, 0).await.expect("Carol leaves under every pause");
    let carol_got = (env.balance(&carol.investor.usdc).await - carol_usdc) as u128;
    assert!(carol_got.abs_diff(carol_share) <= 1, "Carol got {carol_got}, her share is {carol_share}");
    // the pauses clear; the attacker leaves with no more than it brought
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    env.set_pool_pause(&m, &admin, 0).await.expect("admin unpauses the pool");
    env.remove_liquidity(&m, &attacker, lp, 0, 0).await.expect("the attacker leaves");
    let (pst1, usdc1) =
        (env.balance(&attacker.investor.pst).await, env.balance(&attacker.investor.usdc).await);
    assert!(pst1 <= pst0 && usdc1 <= usdc0, "attacker: PST {pst0} -> {pst1}, USDC {usdc0} -> {usdc1}");
    env.assert_all_conserved(&m).await;
}

/// PST sent straight to the pool's vault (a donation) and the protocol's uncollected PST fees sit outside the
/// reserve: the pool's stake is its reserve, so they earn no dividends, and the holders' share is not diluted
/// by them.
#[tokio::test]
async fn stray_pst_in_the_pool_vault_earns_nothing() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let holder = env.investor(&m, 200_001 * USDC).await;
    env.buy(&m, &holder, 200_000 * PST).await.expect("buy");
    env.open_position(&m, &holder.wallet).await.expect("open");
    env.stake(&m, &holder, 100_000 * PST).await.expect("stake");
    // protocol fees in PST from a sale into the pool, and a donation of 50k PST to the vault
    env.swap_in(&m, &holder, PstToUsdc, 10_000 * PST, 0).await.expect("sell");
    env.donate_pst_to_pool(&m, &holder, 50_000 * PST).await;
    let p = env.pool(&m).await;
    assert!(p.protocol_fees_pst > 0);
    let vault = env.balance(&m.lp_vault).await;
    assert_eq!(vault, p.reserve_pst + p.protocol_fees_pst + 50_000 * PST);
    let pos = env.position(&m, &PoolAddresses::of(&m).pool).await;
    assert_eq!(pos.staked, p.reserve_pst, "the stake is the reserve, not the vault");
    // a week of dividends splits between the reserve and the holder's 100k only
    env.dividends_arrive(&m, 1_000_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let streamed = env.distributor(&m).await.schedule.scheduled as u128;
    let dur = env.stream_duration(&m).await;
    env.warp(dur);
    env.harvest(&m).await.expect("harvest");
    env.claim(&m, &holder).await.expect("claim");
    let pool_got = env.pool(&m).await.totals.dividends as u128;
    let holder_got = env.position(&m, &holder.wallet.pubkey()).await.claimed as u128;
    let (r, h) = (p.reserve_pst as u128, 100_000 * PST as u128);
    assert!((streamed * r / (r + h)).abs_diff(pool_got) <= 2, "pool {pool_got}");
    assert!((streamed * h / (r + h)).abs_diff(holder_got) <= 2, "holder {holder_got}");
    env.assert_all_conserved(&m).await;
}

/// A short extreme spell barely moves the geometric TWAP: the price pushed about ten times up for one minute
/// of the hour moves the 1-hour TWAP by less than 4%, where an arithmetic mean of the same path moves more
/// than 13%.
#[tokio::test]
async fn a_short_extreme_spell_barely_moves_the_twap() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let whale = env.investor(&m, 1_000_000 * USDC).await;
    let trader = env.investor(&m, 1_000 * USDC).await;
    // an hour and more of history at the opening price
    for _ in 0..3 {
        env.warp(1_800);
        env.swap_in(&m, &trader, UsdcToPst, USDC, 0).await.expect("small trade");
    }
    let p0 = env.pool(&m).await.price_q64().unwrap();
    env.warp(HOUR - 60);
    // ten times the price: pay in (√10 − 1) × the USDC reserve
    let reserve = env.pool(&m).await.reserve_usdc;
    let push = (reserve as f64 * (10f64.sqrt() - 1.0)) as u64;
    env.swap_in(&m, &whale, UsdcToPst, push, 0).await.expect("pump");
    let p1 = env.pool(&m).await.price_q64().unwrap();
    assert!(q64_to_f64(p1) / q64_to_f64(p0) > 9.5);
    env.warp(60);
    let bought = env.balance(&whale.pst).await;
    env.swap_in(&m, &whale, PstToUsdc, bought, 0).await.expect("dump");
    let twap = q64_to_f64(env.twap(&m, HOUR).await.unwrap());
    let base = q64_to_f64(p0);
    let arithmetic = (base * (HOUR - 60) as f64 + q64_to_f64(p1) * 60.0) / HOUR as f64;
    assert!(twap / base < 1.04, "geometric TWAP moved {:.2}%", (twap / base - 1.0) * 100.0);
    assert!(arithmetic / base > 1.13, "arithmetic would move {:.2}%", (arithmetic / base - 1.0) * 100.0);
    env.assert_all_conserved(&m).await;
}

/// What it costs to hold the 1-hour TWAP 10% above the market on the fixture pool (300k PST / 300k USDC)
/// against an arbitrageur who brings the price back to the market every five minutes: the attacker must push
/// it up again twelve times, buying PST above its value each time. The test measures the attacker's loss (its
/// USDC spent less the market value of the PST it holds) and extrapolates to faster arbitrage.
#[tokio::test]
async fn holding_the_twap_ten_percent_up_for_an_hour_costs_thousands() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let attacker = env.investor(&m, 1_000_000 * USDC).await;
    let arb = env.investor(&m, 0).await;
    let market = {
        // the market price: the pool's opening price, which the arbitrageur restores
        let p = env.pool(&m).await;
        p.reserve_usdc as f64 / p.reserve_pst as f64
    };
    // give the arbitrageur PST to sell (bought in the sale at the market price)
    let arb_funds = env.investor(&m, 200_001 * USDC).await;
    env.buy(&m, &arb_funds, 200_000 * PST).await.expect("buy");
    let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &anchor_spl::token_2022::ID,
        &arb_funds.pst,
        &m.pst_mint,
        &arb.pst,
        &arb_funds.wallet.pubkey(),
        &[],
        200_000 * PST,
        6,
    )
    .unwrap();
    env.send_ok(&[ix], &[&arb_funds.wallet]).await;
    // history before the hour
    env.warp(2 * HOUR);
    env.swap_in(&m, &arb, PstToUsdc, PST, 0).await.expect("a trade to record the history");
    env.warp(1_800);
    let usdc0 = env.balance(&attacker.usdc).await;
    let rounds = 12;
    for _ in 0..rounds {
        // push the pool's price to 1.1 × the market
        let p = env.pool(&m).await;
        let target = ((p.reserve_usdc as f64 * p.reserve_pst as f64 * 1.1 * market).sqrt()) as u64;
        let pay = ((target - p.reserve_usdc) as f64 / 0.997) as u64;
        env.swap_in(&m, &attacker, UsdcToPst, pay, 0).await.expect("push");
        env.warp(300);
        // the arbitrageur sells PST back to the market price
        let p = env.pool(&m).await;
        let target_pst = ((p.reserve_usdc as f64 * p.reserve_pst as f64 / market).sqrt()) as u64;
        let sell = ((target_pst - p.reserve_pst) as f64 / 0.997) as u64;
        env.swap_in(&m, &arb, PstToUsdc, sell, 0).await.expect("arbitrage");
    }
    // the hour's TWAP: 10% up, the price back at the market at its end
    let p = env.pool(&m).await;
    let twap = q64_to_f64(env.twap(&m, HOUR).await.unwrap());
    assert!(twap / market > 1.095, "the TWAP moved only {:.2}%", (twap / market - 1.0) * 100.0);
    let spot = p.reserve_usdc as f64 / p.reserve_pst as f64;
    assert!((spot / market - 1.0).abs() < 0.001);
    let spent = (usdc0 - env.balance(&attacker.usdc).await) as f64;
    let held = env.balance(&attacker.pst).await as f64 * market;
    let cost = (spent - held) / USDC as f64;
    println!(
        "holding the 1-hour TWAP +10% on a 300k/300k pool: {cost:.0} USDC against arbitrage every 5 minutes; \
         about {:.0} USDC every minute, {:.0} USDC every slot (0.4 s)",
        cost / rounds as f64 * 60.0,
        cost / rounds as f64 * 9_000.0
    );
    assert!(cost > 3_000.0, "it cost only {cost:.0} USDC");
    env.assert_all_conserved(&m).await;
}

/// A spike hidden between records does not leak into a later window. The attacker pumps the price ten times
/// just after an observation and dumps it before the next one could be written, so neither trade is recorded;
/// an LP's deposit (which records, as every instruction that can move the price does) then names the price in
/// force before it and since when. A 1-hour TWAP read just after, whose window starts at the dump, reads exactly
/// the prices that held in it, where interpolating the cumulative across the whole quiet stretch (the reading
/// before records named their price) reads the spike in at more than 1.3 × the price.
#[tokio::test]
async fn a_spike_between_records_does_not_leak_into_a_later_window() {
    use pst_math::twap::{exp2_q16, log2_q16};
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let whale = env.investor(&m, 1_000_000 * USDC).await;
    let lp = env.lp_investor(&m, 20_000 * USDC).await;
    env.warp(HOUR);
    env.swap_in(&m, &lp.investor, UsdcToPst, 10_000 * USDC, 0).await.expect("a trade records an observation");
    let (t_obs, p0) = (env.now, env.pool(&m).await.price_q64().unwrap());
    assert_eq!(env.observations(&m).await.newest().unwrap().timestamp, t_obs);
    env.warp(1);
    let reserve = env.pool(&m).await.reserve_usdc;
    let push = (reserve as f64 * (10f64.sqrt() - 1.0)) as u64;
    env.swap_in(&m, &whale, UsdcToPst, push, 0).await.expect("pump");
    let p1 = env.pool(&m).await.price_q64().unwrap();
    env.warp(OBSERVATION_SPACING_SECS - 2);
    let bought = env.balance(&whale.pst).await;
    env.swap_in(&m, &whale, PstToUsdc, bought, 0).await.expect("dump");
    let (t_dump, p_back) = (env.now, env.pool(&m).await.price_q64().unwrap());
    assert_eq!(env.observations(&m).await.newest().unwrap().timestamp, t_obs, "neither trade recorded");
    // nothing happens for 59 minutes; then an LP deposits
    env.warp(HOUR - 60);
    env.add_liquidity(&m, &lp, 1_000 * PST, u64::MAX, u64::MAX).await.expect("deposit");
    let (t_dep, p_dep) = (env.now, env.pool(&m).await.price_q64().unwrap());
    let newest = *env.observations(&m).await.newest().unwrap();
    assert_eq!(
        (newest.timestamp, newest.since),
        (t_dep, t_dump),
        "the deposit recorded the price since the dump"
    );
    env.warp(60);
    let l = |p: u128| log2_q16(p).unwrap() as u128;
    let mean = |sum: u128, secs: u128| exp2_q16((sum / secs) as u32);
    let twap = env.twap(&m, HOUR).await.unwrap();
    assert_eq!(twap, mean(l(p_back) * (HOUR as u128 - 60) + l(p_dep) * 60, HOUR as u128));
    // the cumulatives relative to the observation, and the reading that interpolates across the quiet stretch
    let spacing = OBSERVATION_SPACING_SECS as u128;
    let c_dep = l(p0) + l(p1) * (spacing - 2) + l(p_back) * (t_dep - t_dump) as u128;
    let end = c_dep + l(p_dep) * 60;
    let leaky_start = c_dep * (env.now - HOUR - t_obs) as u128 / (t_dep - t_obs) as u128;
    let leaky = mean(end - leaky_start, HOUR as u128);
    let (read, leaked) = (q64_to_f64(twap) / q64_to_f64(p_back), q64_to_f64(leaky) / q64_to_f64(p_back));
    assert!((read - 1.0).abs() < 1e-3, "the TWAP read {read:.4} × the price");
    assert!(leaked > 1.3, "interpolating across the stretch would read {leaked:.3} ×");
    println!("a spike outside the window: the 1-hour TWAP reads {read:.4} × the price (interpolating: {leaked:.3} ×)");
    env.assert_all_conserved(&m).await;
}

/// The one stretch the buffer cannot replay: between an observation and the last trade before the next record
/// (under `OBSERVATION_SPACING_SECS`). The attacker uses all of it: a ten-times spike just after an observation,
/// the dump in the middle of the gap, and a tiny trade just before the spacing ends, then a window that starts
/// at the dump, inside the gap. The read starts where the gap ends and counts only what held after it, exactly:
/// the spike, outside the window, moves it by nothing (interpolating across the gap would have read about half
/// the spike in, +9% on this window).
#[tokio::test]
async fn a_window_starting_inside_an_unrecorded_gap_reads_only_what_followed_it() {
    use pst_math::twap::{exp2_q16, log2_q16};
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let whale = env.investor(&m, 1_000_000 * USDC).await;
    let trader = env.investor(&m, 10_000 * USDC).await;
    env.warp(HOUR);
    env.swap_in(&m, &trader, UsdcToPst, USDC, 0).await.expect("a trade records an observation");
    let (t_obs, p0) = (env.now, env.pool(&m).await.price_q64().unwrap());
    env.warp(1);
    let reserve = env.pool(&m).await.reserve_usdc;
    let push = (reserve as f64 * (10f64.sqrt() - 1.0)) as u64;
    env.swap_in(&m, &whale, UsdcToPst, push, 0).await.expect("pump");
    let p1 = env.pool(&m).await.price_q64().unwrap();
    let half = OBSERVATION_SPACING_SECS / 2;
    env.warp(half - 1);
    let bought = env.balance(&whale.pst).await;
    env.swap_in(&m, &whale, PstToUsdc, bought, 0).await.expect("dump");
    let (t_dump, p_back) = (env.now, env.pool(&m).await.price_q64().unwrap());
    env.warp(OBSERVATION_SPACING_SECS - half - 1);
    env.swap_in(&m, &trader, UsdcToPst, USDC, 0).await.expect("a tiny trade closes the gap, unrecorded");
    let (t_gap, p2) = (env.now, env.pool(&m).await.price_q64().unwrap());
    // an hour later a trade records; the window starts at the dump
    env.warp(HOUR);
    env.swap_in(&m, &trader, UsdcToPst, USDC, 0).await.expect("a recorded trade");
    let p3 = env.pool(&m).await.price_q64().unwrap();
    let newest = *env.observations(&m).await.newest().unwrap();
    assert_eq!((newest.since, newest.timestamp - t_gap), (t_gap, HOUR));
    env.warp(60);
    let window = env.now - t_dump;
    let twap = env.twap(&m, window).await.unwrap();
    let l = |p: u128| log2_q16(p).unwrap() as u128;
    let after_gap = (l(p2) * HOUR as u128 + l(p3) * 60) / (HOUR as u128 + 60);
    assert_eq!(twap, exp2_q16(after_gap as u32), "only what held after the gap");
    // what the whole window held (the dump's price until the gap's end) differs from that by one tiny trade
    let whole = (l(p_back) * (t_gap - t_dump) as u128 + l(p2) * HOUR as u128 + l(p3) * 60) / window as u128;
    let moved = |log: u128| ((log as f64 - whole as f64) / 65_536.0).exp2() - 1.0;
    assert!(
        moved(after_gap).abs() < 1e-4,
        "the read differs from the window's own prices by {:.4}%",
        moved(after_gap) * 100.0
    );
    // interpolating across the gap would have read the spike's half in
    let c_gap = l(p0) + l(p1) * (t_dump - t_obs - 1) as u128 + l(p_back) * (t_gap - t_dump) as u128;
    let c_start = c_gap * (t_dump - t_obs) as u128 / (t_gap - t_obs) as u128;
    let leaky = (c_gap - c_start + l(p2) * HOUR as u128 + l(p3) * 60) / window as u128;
    assert!(moved(leaky) > 0.05, "interpolation would read {:.2}% more", moved(leaky) * 100.0);
    println!(
        "a window starting inside a gap after a 10× spike: the read moves {:.4}% (interpolating: {:.2}%)",
        moved(after_gap) * 100.0,
        moved(leaky) * 100.0
    );
    env.assert_all_conserved(&m).await;
}
