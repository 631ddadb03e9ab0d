//! Random sequences of trades that push the price out of the band both ways, revenue periods with shortfalls,
//! covers, stake deposits, cranks, harvests, backstop draws and time, checked after every step: every reserve vault
//! equals the reserve's accounting, USDC and PST are conserved across all programs, a crank that traded left the
//! price on its side of the edge and within its slice, a cover never pays more than the period's shortfall, and
//! the stake only moves by deposits and covers. Refusals are allowed only where the action is legitimately
//! impossible, each by its named error.
use alar_reserve::{constants::*, errors::ReserveError};
use proptest::prelude::*;
use pst_tests::*;

#[derive(Debug, Clone)]
enum Action {
    /// PST in?, size (USDC or PST, whole units)
    Trade(bool, u64),
    Warp(i64),
    Crank,
    /// a period with this share of the revenue routed around settlement (bps)
    Period(u16),
    Cover,
    Stake(u64),
    Harvest,
    Draw(u64),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        5 => (any::<bool>(), 1u64..200_000).prop_map(|(p, s)| Action::Trade(p, s)),
        3 => (60i64..6 * 3_600).prop_map(Action::Warp),
        5 => Just(Action::Crank),
        1 => prop_oneof![Just(0u16), 1u16..9_000].prop_map(Action::Period),
        2 => Just(Action::Cover),
        1 => (1u64..20_000).prop_map(Action::Stake),
        1 => Just(Action::Harvest),
        1 => (1u64..50_000).prop_map(Action::Draw),
    ]
}

async fn run(actions: Vec<Action>) {
    let mut env = Env::with_backstop_stand_in().await;
    let (m, trader, reporters) = env.band_merchant().await;
    let staker = trader.wallet.insecure_clone();
    for a in actions {
        let before = env.reserve(&m).await;
        match a {
            Action::Trade(pst_in, size) => {
                let (dir, have) = if pst_in {
                    (PstToUsdc, env.balance(&trader.pst).await)
                } else {
                    (UsdcToPst, env.balance(&trader.usdc).await)
                };
                let amount = (size * 1_000_000).min(have / 2);
                if amount > 0 {
                    env.swap_in(&m, &trader, dir, amount, 0).await.expect("trade");
                }
            }
            Action::Warp(secs) => env.warp(secs),
            Action::Crank => {
                let res = env.crank_band(&m).await;
                use ReserveError::*;
                let traded = went_through(
                    res,
                    &[BandNotCrossed, CooldownActive, NothingToTrade, StaleMetrics, TwapWindowNotCovered],
                );
                let after = env.reserve(&m).await;
                let reading = env.band_reading(&m).await;
                if traded {
                    let spent = after.totals.usdc_spent - before.totals.usdc_spent;
                    let sold = after.totals.pst_sold - before.totals.pst_sold;
                    assert!((spent > 0) != (sold > 0), "one side per crank");
                    if spent > 0 {
                        assert!(reading.spot_cap <= reading.low_cap, "bought past the edge {reading:?}");
                        let capacity = before.usdc + (after.totals.absorbed - before.totals.absorbed);
                        assert!(spent as u128 * 10_000 <= capacity as u128 * DEFAULT_SLICE_BPS as u128);
                    } else {
                        assert!(reading.spot_cap >= reading.high_cap, "sold past the edge {reading:?}");
                        assert!(sold as u128 * 10_000 <= before.pst as u128 * DEFAULT_SLICE_BPS as u128);
                    }
                } else {
                    assert_eq!((after.pst, after.totals.usdc_spent), (before.pst, before.totals.usdc_spent));
                }
            }
            Action::Period(short_bps) => {
                let short_by = BAND_GROSS / 10_000 * short_bps as u64;
                env.run_periods(&m, &reporters, 1, BAND_GROSS, short_by).await;
            }
            Action::Cover => {
                let next = env.feed(&m).await.next_period;
                if next == 0 {
                    continue;
                }
                let period = next - 1;
                let res = env.cover(&m, period).await;
                use ReserveError::*;
                if went_through(res, &[PeriodNotShort, PeriodAlreadyCovered, StakeExhausted]) {
                    let c = env.cover_account(&m, period).await;
                    assert!(c.covered <= c.shortfall);
                    let after = env.reserve(&m).await;
                    assert_eq!(after.covered_total - before.covered_total, before.stake - after.stake);
                }
            }
            Action::Stake(usdc) => {
                let amount = (usdc * 1_000_000).min(env.balance(&trader.usdc).await);
                if amount > 0 {
                    env.deposit_stake_from(&m, &staker, &trader.usdc, amount).await.expect("deposit_stake");
                }
            }
            Action::Harvest => {
                // refused only when it would change nothing
                let res = env.harvest_reserve_now(&m).await;
                if res.is_err() {
                    res.expect_error(ReserveError::NothingToHarvest);
                    let r = env.reserve(&m).await;
                    assert_eq!(
                        (r.usdc, r.stake, r.totals.harvested),
                        (before.usdc, before.stake, before.totals.harvested)
                    );
                }
            }
            Action::Draw(usdc) => {
                env.draw_senior(&m, usdc * 1_000_000).await.expect("cover_senior");
                assert_eq!(env.reserve(&m).await.stake, before.stake, "the backstop never draws the stake");
            }
        }
        env.assert_all_conserved(&m).await;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn random_band_cover_and_backstop_sequences_keep_every_invariant(
        actions in proptest::collection::vec(action(), 6..24)
    ) {
        tokio::runtime::Runtime::new().unwrap().block_on(run(actions));
    }
}
