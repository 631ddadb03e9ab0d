//! Random sequences of sales proceeds, sweeps, withdrawals and time, checked after every step against an
//! independent model of the settlement ledger and against the real USDC balances.
use proptest::prelude::*;
use pst_tests::*;

#[derive(Debug, Clone)]
enum Action {
    Proceeds(u64),
    Sweep,
    Withdraw(u64),
    Warp(i64),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => prop_oneof![1u64..100, 1u64..100_000 * USDC].prop_map(Action::Proceeds),
        3 => Just(Action::Sweep),
        3 => prop_oneof![1u64..1_000, 1u64..60_000 * USDC].prop_map(Action::Withdraw),
        1 => (1i64..40 * DAY).prop_map(Action::Warp),
    ]
}

#[derive(Debug, Default)]
struct Model {
    unswept: u64,
    available: u64,
    share: u64,
    withdrawn: u64,
    withdrawn_in_period: (u32, u64),
}

async fn run(actions: Vec<Action>) {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    let start = env.now;
    let dest = env.merchant_usdc_account(&m).await;
    let limit = sample_approval().withdrawal_limit_per_period;
    let mut model = Model::default();
    for a in actions {
        let period = ((env.now - start) / PERIOD) as u32;
        match a {
            Action::Proceeds(amount) => {
                env.sales_proceeds(&m, amount).await;
                model.unswept += amount;
            }
            Action::Sweep => {
                let res = env.sweep(&m).await;
                assert_eq!(res.is_ok(), model.unswept > 0, "sweep: {res:?}");
                if model.unswept > 0 {
                    // reference split: holders get ceil(10%)
                    let share = (model.unswept as u128 * 1_000).div_ceil(10_000) as u64;
                    model.share += share;
                    model.available += model.unswept - share;
                    model.unswept = 0;
                }
            }
            Action::Withdraw(amount) => {
                let used =
                    if model.withdrawn_in_period.0 == period { model.withdrawn_in_period.1 } else { 0 };
                // no period is ever accepted here: after the first, the limit is the unjudged 12.5% (50,000 / 8)
                let limit_now = if period == 0 { limit } else { limit / 8 };
                let ok = amount <= model.available && used + amount <= limit_now;
                let res = env.withdraw(&m, &dest, amount).await;
                assert_eq!(res.is_ok(), ok, "withdraw {amount}: {res:?} ({model:?})");
                if ok {
                    model.available -= amount;
                    model.withdrawn += amount;
                    model.withdrawn_in_period = (period, used + amount);
                }
            }
            Action::Warp(secs) => env.warp(secs),
        }
        let s = env.settlement(&m).await;
        assert_eq!(
            (s.available, s.total_share, s.total_withdrawn),
            (model.available, model.share, model.withdrawn)
        );
        let r = &m;
        assert_eq!(env.balance(&r.settlement_vault).await, model.available + model.unswept);
        assert_eq!(env.balance(&r.dividend_vault).await, model.share);
        assert_eq!(env.balance(&dest).await, model.withdrawn);
        env.assert_all_conserved(&m).await;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn random_settlement_sequences_conserve_usdc(actions in proptest::collection::vec(action(), 1..30)) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run(actions));
    }
}
