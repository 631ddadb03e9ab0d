//! The PE band (`stabilize`): the reserve buys a crash back in slices and stops at the low edge, sells into a
//! spike and stops at the high edge, and refuses by name whenever the inputs cannot be trusted.
use alar_reserve::{constants::*, errors::ReserveError, state::ReserveParams};
use anchor_lang::error::ErrorCode as Anchor;
use pst_tests::*;

/// The trader dumps `pst` PST into the pool.
async fn dump(env: &mut Env, m: &MerchantKeys, trader: &Investor, pst: u64) {
    env.swap_in(m, trader, PstToUsdc, pst, 0).await.expect("dump");
}

/// The trader buys with `usdc` USDC.
async fn pump(env: &mut Env, m: &MerchantKeys, trader: &Investor, usdc: u64) {
    env.swap_in(m, trader, UsdcToPst, usdc, 0).await.expect("pump");
}

/// Crank once an hour until the band refuses; check every trade against the slice and the edge. Returns the
/// number of trades and the refusal that ended them.
async fn crank_until_done(env: &mut Env, m: &MerchantKeys, buying: bool) -> (usize, TxResult) {
    for trades in 0..40 {
        env.warp(DEFAULT_COOLDOWN_SECS);
        let before = env.reserve(m).await;
        let res = env.crank_band(m).await;
        if res.is_err() {
            return (trades, res);
        }
        let after = env.reserve(m).await;
        let reading = env.band_reading(m).await;
        if buying {
            let spent = after.totals.usdc_spent - before.totals.usdc_spent;
            assert!(spent > 0, "a buy spends USDC");
            // at most the slice of the reserve's own USDC, counting what arrived since the last crank (the floor
            // is far below it here)
            let capacity = before.usdc + (after.totals.absorbed - before.totals.absorbed);
            assert!(spent as u128 * 10_000 <= capacity as u128 * DEFAULT_SLICE_BPS as u128);
            assert!(reading.spot_cap <= reading.low_cap, "bought past the low edge: {reading:?}");
        } else {
            let sold = after.totals.pst_sold - before.totals.pst_sold;
            assert!(sold > 0, "a sell spends PST");
            assert!(sold as u128 * 10_000 <= before.pst as u128 * DEFAULT_SLICE_BPS as u128);
            assert!(reading.spot_cap >= reading.high_cap, "sold past the high edge: {reading:?}");
        }
        env.assert_all_conserved(m).await;
    }
    panic!("the band never stopped trading");
}

#[tokio::test]
async fn the_reserve_buys_a_crash_back_in_slices_and_stops_at_pe_8() {
    let mut env = Env::new().await;
    let (m, trader, _) = env.band_merchant().await;
    let start = env.band_reading(&m).await;
    assert!(start.spot_cap > start.low_cap && start.spot_cap < start.high_cap, "inside the band: {start:?}");
    env.crank_band(&m).await.expect_error(ReserveError::BandNotCrossed);

    dump(&mut env, &m, &trader, 150_000 * PST).await;
    let crashed = env.band_reading(&m).await;
    assert!(crashed.spot_pe_bps < 60_000, "PE below 6: {crashed:?}");
    // the spot price alone is not enough: the hour's TWAP still says PE 10
    env.crank_band(&m).await.expect_error(ReserveError::BandNotCrossed);

    env.warp(DEFAULT_COOLDOWN_SECS);
    env.crank_band(&m).await.expect("the first slice");
    env.crank_band(&m).await.expect_error(ReserveError::CooldownActive);
    let (trades, end) = crank_until_done(&mut env, &m, true).await;
    assert!(trades >= 5, "a crash is bought back over several cranks, not at once ({trades})");
    // it stopped at the edge: PE 8 (never past it)
    let last = env.band_reading(&m).await;
    assert!(last.spot_cap <= last.low_cap && last.spot_cap * 1_001 >= last.low_cap * 1_000, "{last:?}");
    assert!(end.is_err(), "the band stopped by refusing");
    let r = env.reserve(&m).await;
    assert!(r.pst > 0 && r.totals.pst_bought == r.pst);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_reserve_sells_into_a_spike_and_stops_at_pe_15() {
    let mut env = Env::new().await;
    let (m, trader, _) = env.band_merchant().await;
    // the reserve first buys a crash back, so it holds PST
    dump(&mut env, &m, &trader, 150_000 * PST).await;
    let (bought, _) = crank_until_done(&mut env, &m, true).await;
    assert!(bought > 0);
    let held = env.reserve(&m).await.pst;
    assert!(held > 0);
    // a speculative spike to PE ≈ 17
    pump(&mut env, &m, &trader, 140_000 * USDC).await;
    let spiked = env.band_reading(&m).await;
    assert!(spiked.spot_cap > spiked.high_cap, "above the band: {spiked:?}");
    let (trades, _) = crank_until_done(&mut env, &m, false).await;
    assert!(trades >= 1);
    let last = env.band_reading(&m).await;
    assert!(last.spot_cap >= last.high_cap, "never past the high edge: {last:?}");
    let r = env.reserve(&m).await;
    assert!(r.pst < held && r.totals.pst_sold == held - r.pst);
    assert!(r.totals.usdc_received > 0);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_band_refuses_untrustworthy_inputs() {
    let mut env = Env::new().await;
    // too short a history: two accepted periods
    let (m, trader, reporters) = env.financed_merchant(500_000 * PST).await;
    env.run_periods(&m, &reporters, 2, BAND_GROSS, 0).await;
    env.donate_to_reserve(&m, 100_000 * USDC).await;
    let usdc = trader.usdc;
    env.mint_usdc(&usdc, 1_000_000 * USDC).await;
    env.crank_band(&m).await.expect_error(ReserveError::HistoryTooShort);
    env.run_periods(&m, &reporters, 1, BAND_GROSS, 0).await;
    // stale: no period accepted within two period lengths
    dump(&mut env, &m, &trader, 150_000 * PST).await;
    env.warp(2 * PERIOD + 1);
    env.crank_band(&m).await.expect_error(ReserveError::StaleMetrics);
    // fresh again: the crank trades
    for r in &reporters {
        let period = env.feed(&m).await.next_period;
        let r = r.insecure_clone();
        env.submit(&m, &r, period, BAND_GROSS, 0).await.expect("late report");
    }
    let period = env.feed(&m).await.next_period;
    env.accept(&m, period).await.expect("accept");
    env.crank_band(&m).await.expect("fresh metrics");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn an_uncovered_twap_window_is_refused() {
    let mut env = Env::new().await;
    // a merchant whose pool opens only after three periods: the hour before it opened has no price
    let (m, reporters) = env.merchant_with_feed().await;
    env.init_distributor(&m, WEEK).await.expect("distributor");
    let buyer = env.investor(&m, 500_000 * USDC).await;
    env.buy(&m, &buyer, 500_000 * PST).await.expect("sold out");
    env.close_sale(&m).await.expect("close_sale");
    env.run_periods(&m, &reporters, BAND_PERIODS, BAND_GROSS, 0).await;
    env.init_pool(&m).await.expect("pool");
    env.init_reserve(&m).await.expect("reserve");
    env.crank_band(&m).await.expect_error(ReserveError::TwapWindowNotCovered);
    env.warp(DEFAULT_TWAP_WINDOW_SECS);
    env.crank_band(&m).await.expect_error(ReserveError::BandNotCrossed);
}

#[tokio::test]
async fn stabilize_refusals() {
    let mut env = Env::new().await;
    let (other, _, _) = env.sale_closed_merchant(500_000 * PST).await;
    let (m, trader, _) = env.band_merchant().await;
    // above the band with no PST to sell
    pump(&mut env, &m, &trader, 200_000 * USDC).await;
    env.warp(DEFAULT_TWAP_WINDOW_SECS);
    assert!(env.band_reading(&m).await.spot_cap > env.band_reading(&m).await.high_cap);
    env.crank_band(&m).await.expect_error(ReserveError::NothingToTrade);
    // another merchant's pool or reserve vault
    let payer = env.payer().pubkey();
    let mut a = env.stabilize_accounts(&m, &payer);
    a.pool = PoolAddresses::of(&other).pool;
    env.send(&[alar_ix(a, alar_reserve::instruction::Stabilize {})], &[])
        .await
        .expect_error(ReserveError::WrongPool);
    let mut a = env.stabilize_accounts(&m, &payer);
    a.usdc_vault = ReserveAddresses::of(&other).usdc_vault;
    env.send(&[alar_ix(a, alar_reserve::instruction::Stabilize {})], &[])
        .await
        .expect_error(ReserveError::WrongVault);
    let mut a = env.stabilize_accounts(&m, &payer);
    a.metrics = other.metrics;
    env.send(&[alar_ix(a, alar_reserve::instruction::Stabilize {})], &[])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    let mut a = env.stabilize_accounts(&m, &payer);
    a.reserve = ReserveAddresses::of(&other).reserve;
    // the reserve authority is derived from the reserve's merchant: the other one's authority is not ours
    env.send(&[alar_ix(a, alar_reserve::instruction::Stabilize {})], &[])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // paused
    env.pause(PAUSE_STABILIZE).await;
    env.crank_band(&m).await.expect_error(ReserveError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn reserve_params_are_bounded_and_admin_only() {
    let mut env = Env::new().await;
    let (m, _, _) = env.financed_merchant(500_000 * PST).await;
    let admin = env.admin.insecure_clone();
    let p = ReserveParams::default();
    let outsider = env.wallet().await;
    let ix = env.set_reserve_params(&m, &outsider.pubkey(), p);
    env.send(&[ix], &[&outsider]).await.expect_error(ReserveError::NotAdmin);
    let bad = [
        ReserveParams { pe_low_bps: MIN_PE_BPS - 1, ..p },
        ReserveParams { pe_high_bps: MAX_PE_BPS + 1, ..p },
        ReserveParams { pe_high_bps: p.pe_low_bps + MIN_BAND_WIDTH_BPS - 1, ..p },
        ReserveParams { slice_bps: MIN_SLICE_BPS - 1, ..p },
        ReserveParams { slice_bps: MAX_SLICE_BPS + 1, ..p },
        ReserveParams { cooldown_secs: MIN_COOLDOWN_SECS - 1, ..p },
        ReserveParams { cooldown_secs: MAX_COOLDOWN_SECS + 1, ..p },
        ReserveParams { twap_window_secs: MIN_TWAP_WINDOW_SECS - 1, ..p },
        ReserveParams { twap_window_secs: MAX_TWAP_WINDOW_SECS + 1, ..p },
        ReserveParams { senior_cap_bps: MAX_SENIOR_CAP_BPS + 1, ..p },
        ReserveParams { timelock_secs: MIN_TIMELOCK_SECS - 1, ..p },
        ReserveParams { timelock_secs: MAX_TIMELOCK_SECS + 1, ..p },
    ];
    for params in bad {
        let ix = env.set_reserve_params(&m, &admin.pubkey(), params);
        env.send(&[ix], &[&admin]).await.expect_error(ReserveError::InvalidParams);
    }
    let good = ReserveParams { pe_low_bps: 70_000, pe_high_bps: 200_000, slice_bps: 500, ..p };
    let ix = env.set_reserve_params(&m, &admin.pubkey(), good);
    env.send(&[ix], &[&admin]).await.expect("set_reserve_params");
    assert_eq!(env.reserve(&m).await.params, good);
}
