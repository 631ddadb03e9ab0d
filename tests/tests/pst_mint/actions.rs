//! Random action sequences against pst_mint (buy, warp, claim, close), checked after every step against an
//! independent model and against the real token balances.
use proptest::prelude::*;
use pst_mint::state::ApprovalParams;
use pst_tests::*;

/// USDC each investor starts with.
const FUNDS: u128 = 150_000 * USDC as u128;

#[derive(Debug, Clone)]
enum Action {
    Buy { investor: usize, amount: u64 },
    Warp { secs: i64 },
    Claim,
    Close,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0usize..3, prop_oneof![1u64..1_000, 1_000u64..50_000 * PST, Just(200_000 * PST)])
            .prop_map(|(investor, amount)| Action::Buy { investor, amount }),
        2 => (1i64..60 * 86_400).prop_map(|secs| Action::Warp { secs }),
        2 => Just(Action::Claim),
        1 => Just(Action::Close),
    ]
}

/// What the program must have done, computed independently of it.
#[derive(Default, Debug)]
struct Model {
    bought: [u64; 3],
    spent: [u64; 3],
    sold: u64,
    proceeds: u64,
    claimed: u64,
    closed: bool,
}

async fn run(price: u64, actions: Vec<Action>) {
    let mut env = Env::new().await;
    env.admit_small_stores().await;
    let params = ApprovalParams { issue_price: price, ..sample_approval() };
    let m = env.issued_merchant_with(params).await;
    let start = env.now;
    let mut investors = Vec::new();
    for _ in 0..3 {
        investors.push(env.investor(&m, FUNDS as u64).await);
    }
    let dest = env.merchant_pst_account(&m).await;
    let public = 500_000 * PST;
    let vest_total = 200_000 * PST;
    let mut model = Model::default();

    for a in actions {
        match a {
            Action::Buy { investor, amount } => {
                // reference cost: ceil(amount × price / 10^6) in big integers
                let cost = (amount as u128 * price as u128).div_ceil(PST as u128);
                let res = env.buy(&m, &investors[investor], amount).await;
                let ended = env.now >= start + params.sale_duration_secs;
                let ok = !model.closed
                    && !ended
                    && amount <= public - model.sold
                    && cost <= FUNDS - model.spent[investor] as u128;
                assert_eq!(res.is_ok(), ok, "buy {amount} by #{investor}: {res:?} (model {model:?})");
                if ok {
                    model.bought[investor] += amount;
                    model.spent[investor] += cost as u64;
                    model.sold += amount;
                    model.proceeds += cost as u64;
                }
            }
            Action::Warp { secs } => env.warp(secs),
            Action::Claim => {
                let vested = pst_math::vested_amount(
                    &pst_math::VestingSchedule {
                        total: vest_total,
                        start,
                        cliff: params.vesting_cliff_secs,
                        duration: params.vesting_duration_secs,
                    },
                    env.now,
                )
                .unwrap();
                let res = env.claim_vested(&m, &dest).await;
                assert_eq!(res.is_ok(), vested > model.claimed, "claim at {}: {res:?}", env.now - start);
                if res.is_ok() {
                    model.claimed = vested;
                }
            }
            Action::Close => {
                let res = env.close_sale(&m).await;
                let ok =
                    !model.closed && (env.now >= start + params.sale_duration_secs || model.sold == public);
                assert_eq!(res.is_ok(), ok, "close: {res:?}");
                if ok {
                    // the unsold public PST is burned: the merchant's vesting does not grow
                    model.closed = true;
                    assert_eq!(env.supply(&m.pst_mint).await, 1_000_000 * PST - (public - model.sold));
                }
            }
        }
        // after every step: the model, the program's accounting and the real balances agree
        for (i, inv) in investors.iter().enumerate() {
            assert_eq!(env.balance(&inv.pst).await, model.bought[i]);
            assert_eq!(env.balance(&inv.usdc).await, (FUNDS as u64) - model.spent[i]);
        }
        assert_eq!(env.balance(&m.treasury).await, model.proceeds);
        assert_eq!(env.balance(&dest).await, model.claimed);
        let merchant = env.merchant(&m).await;
        assert_eq!((merchant.sale.sold, merchant.sale.proceeds), (model.sold, model.proceeds));
        assert_eq!((merchant.vesting.total, merchant.vesting.claimed), (vest_total, model.claimed));
        env.assert_all_conserved(&m).await;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_sale_and_vesting_sequences_conserve_tokens(
        price in prop_oneof![Just(USDC), 100u64..2 * USDC],
        actions in proptest::collection::vec(action(), 1..25),
    ) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run(price, actions));
    }
}
