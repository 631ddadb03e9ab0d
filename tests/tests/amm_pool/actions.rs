//! Random sequences of trades (both directions, exact-in and exact-out), liquidity in and out, dividends,
//! harvests, fee changes, fee collection and time, checked after every step against the real balances: the
//! pool's accounting equals its vaults and mints, its dividend stake equals its PST reserve, dividends and USDC are
//! conserved, k never decreases across a swap, and no deposit or withdrawal lowers the reserves behind an LP
//! token. Refusals are allowed only where the action is legitimately impossible, each by its named error.
use amm_pool::errors::AmmError;
use proptest::prelude::*;
use pst_math::curve::{k_not_decreased, lp_value_not_decreased};
use pst_tests::*;

const TRADERS: usize = 2;
const LPS: usize = 2;

#[derive(Debug, Clone)]
enum Action {
    /// trader, PST in?, exact-out?, share of the balance (ppm)
    Swap(usize, bool, bool, u32),
    /// LP, LP tokens to mint as ppm of the supply
    Deposit(usize, u32),
    /// LP, share of its LP tokens (ppm)
    Withdraw(usize, u32),
    Dividends(u64),
    Warp(i64),
    Harvest,
    Collect,
    Fees(u16, u16),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => (0..TRADERS, any::<bool>(), any::<bool>(), 1u32..1_000_000).prop_map(|(t, p, o, f)| Action::Swap(t, p, o, f)),
        2 => (0..LPS, 1u32..50_000).prop_map(|(l, f)| Action::Deposit(l, f)),
        2 => (0..LPS, 1u32..=1_000_000).prop_map(|(l, f)| Action::Withdraw(l, f)),
        1 => (1u64..500_000 * USDC).prop_map(Action::Dividends),
        3 => (1i64..2 * 86_400).prop_map(Action::Warp),
        1 => Just(Action::Harvest),
        1 => Just(Action::Collect),
        1 => (0u16..=100, 0u16..=5_000).prop_map(|(f, s)| Action::Fees(f, s)),
    ]
}

async fn run(actions: Vec<Action>) {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let keeper = env.investor(&m, 0).await;
    // a holder stakes beside the pool, so the pool's share of dividends is a real fraction
    let staker = env.investor(&m, 50_001 * USDC).await;
    env.buy(&m, &staker, 50_000 * PST).await.expect("buy");
    env.open_position(&m, &staker.wallet).await.expect("open");
    env.stake(&m, &staker, 50_000 * PST).await.expect("stake");
    let mut traders = Vec::new();
    for _ in 0..TRADERS {
        let t = env.investor(&m, 100_000 * USDC).await;
        env.swap_in(&m, &t, UsdcToPst, 20_000 * USDC, 1).await.expect("trader buys PST");
        traders.push(t);
    }
    let mut lps = Vec::new();
    for _ in 0..LPS {
        let l = env.lp_investor(&m, 100_000 * USDC).await;
        env.swap_in(&m, &l.investor, UsdcToPst, 40_000 * USDC, 1).await.expect("LP buys PST");
        env.add_liquidity(&m, &l, 10_000 * PST, u64::MAX, u64::MAX).await.expect("LP deposits");
        lps.push(l);
    }
    let admin = env.admin.insecure_clone();
    for a in actions {
        let before = env.pool(&m).await;
        match a {
            Action::Swap(i, pst_in, exact_out, ppm) => {
                let t = &traders[i];
                let (dir, balance, reserve_out) = if pst_in {
                    (PstToUsdc, env.balance(&t.pst).await, before.reserve_usdc)
                } else {
                    (UsdcToPst, env.balance(&t.usdc).await, before.reserve_pst)
                };
                let amount = (balance as u128 * ppm as u128 / 1_000_000) as u64;
                let res = if exact_out {
                    // ask for a share of what that input would roughly buy, within the trader's means
                    let out = (reserve_out as u128 * ppm as u128 / 4_000_000) as u64;
                    env.swap_out(&m, t, dir, out, balance).await
                } else {
                    env.swap_in(&m, t, dir, amount, 0).await
                };
                let ok = went_through(
                    res,
                    &[AmmError::ZeroAmount, AmmError::ZeroOutput, AmmError::SlippageExceeded],
                );
                if ok {
                    let after = env.pool(&m).await;
                    assert!(k_not_decreased(
                        before.reserve_pst,
                        before.reserve_usdc,
                        after.reserve_pst,
                        after.reserve_usdc
                    ));
                }
            }
            Action::Deposit(i, ppm) => {
                let lp = (before.lp_supply as u128 * ppm as u128 / 1_000_000) as u64;
                let l = &lps[i];
                let (pst, usdc) = (env.balance(&l.investor.pst).await, env.balance(&l.investor.usdc).await);
                let res = env.add_liquidity(&m, l, lp, pst, usdc).await;
                // the LP may not hold enough of one side for that many LP tokens
                if went_through(res, &[AmmError::ZeroAmount, AmmError::SlippageExceeded]) {
                    assert_lp_value_kept(&before, &env.pool(&m).await);
                }
            }
            Action::Withdraw(i, ppm) => {
                let l = &lps[i];
                let lp = (env.balance(&l.lp).await as u128 * ppm as u128 / 1_000_000) as u64;
                let res = env.remove_liquidity(&m, l, lp, 0, 0).await;
                if went_through(res, &[AmmError::ZeroAmount, AmmError::ZeroOutput]) {
                    assert_lp_value_kept(&before, &env.pool(&m).await);
                }
            }
            Action::Dividends(amount) => {
                env.dividends_arrive(&m, amount).await;
                env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
            }
            Action::Warp(secs) => env.warp(secs),
            Action::Harvest => {
                let res = env.harvest(&m).await;
                if went_through(res, &[AmmError::NothingToHarvest]) {
                    assert!(env.pool(&m).await.reserve_usdc > before.reserve_usdc);
                }
            }
            Action::Collect => {
                went_through(env.collect_protocol_fees(&m).await, &[AmmError::NothingToCollect]);
            }
            Action::Fees(fee, share) => {
                env.update_pool_fees(&m, &admin, fee, share).await.expect("fees");
            }
        }
        env.assert_all_conserved(&m).await;
    }
}

/// A deposit or withdrawal (with the harvest before it) never lowers the reserves behind each LP token.
fn assert_lp_value_kept(before: &amm_pool::state::Pool, after: &amm_pool::state::Pool) {
    assert!(lp_value_not_decreased(before.reserve_pst, before.lp_supply, after.reserve_pst, after.lp_supply));
    assert!(lp_value_not_decreased(
        before.reserve_usdc,
        before.lp_supply,
        after.reserve_usdc,
        after.lp_supply
    ));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn random_pool_sequences(actions in proptest::collection::vec(action(), 1..25)) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run(actions));
    }
}
