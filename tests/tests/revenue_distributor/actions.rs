//! Random sequences of deposits, withdrawals, distributions, time, claims and pushes over several holders,
//! checked after every step against a reference model (continuous pro-rata accrual in f64) and the real
//! balances: total paid ≤ total distributed to holders, each holder is paid what it earned within rounding
//! dust (a unit per release step: the fraction one release rounds away is released at the next), and a holder
//! is never paid for time it was not staked.
use proptest::prelude::*;
use pst_tests::*;

const HOLDERS: usize = 4;
const BOUGHT: u64 = 10_000 * PST;

#[derive(Debug, Clone)]
enum Action {
    Deposit(usize, u64),
    Withdraw(usize, u64),
    Distribute(u64),
    Warp(i64),
    Claim(usize),
    Push,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (0..HOLDERS, 1u64..5_000 * PST).prop_map(|(i, a)| Action::Deposit(i, a)),
        2 => (0..HOLDERS, 1u64..5_000 * PST).prop_map(|(i, a)| Action::Withdraw(i, a)),
        2 => (1u64..50_000 * USDC).prop_map(Action::Distribute),
        3 => (1i64..WEEK).prop_map(Action::Warp),
        2 => (0..HOLDERS).prop_map(Action::Claim),
        1 => Just(Action::Push),
    ]
}

/// The reference: every distribution streaming linearly from its time to its own end, accrued continuously in
/// floating point.
#[derive(Debug, Default)]
struct Model {
    stake: [u64; HOLDERS],
    earned: [f64; HOLDERS],
    streams: Vec<(f64, i64, i64)>, // amount, start, end
    released: f64,
    carry: f64,
    now: i64,
    net_total: u64,
}

impl Model {
    fn released_at(&self, t: i64) -> f64 {
        self.streams
            .iter()
            .map(|(amount, start, end)| {
                if t >= *end {
                    *amount
                } else if t <= *start {
                    0.0
                } else {
                    amount * (t - start) as f64 / (end - start) as f64
                }
            })
            .sum()
    }

    fn advance(&mut self, to: i64) {
        let released = self.released_at(to);
        let delta = released - self.released;
        self.released = released;
        let total: u64 = self.stake.iter().sum();
        if total == 0 {
            self.carry += delta;
        } else {
            for i in 0..HOLDERS {
                self.earned[i] += delta * self.stake[i] as f64 / total as f64;
            }
        }
        self.now = to;
    }
}

fn fee_free(inflow: u64) -> u64 {
    inflow - inflow * 200 / 10_000 - inflow * 500 / 10_000 - inflow * 10 / 10_000
}

async fn run(actions: Vec<Action>) {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    env.init_distributor(&m, WEEK).await.expect("init");
    let mut holders = Vec::new();
    for i in 0..HOLDERS {
        let h = env.investor(&m, BOUGHT / PST * USDC).await;
        env.buy(&m, &h, BOUGHT).await.expect("buy");
        env.open_position(&m, &h.wallet).await.expect("open");
        if i % 2 == 0 {
            env.set_auto_payout(&m, &h, true).await.expect("opt in");
        }
        holders.push(h);
    }
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    let mut model = Model { now: env.now, ..Model::default() };
    let mut ops = 0u64;

    for a in actions {
        match a {
            Action::Deposit(i, amount) => {
                let ok = amount <= BOUGHT - model.stake[i];
                let res = env.stake(&m, &holders[i], amount).await;
                assert_eq!(res.is_ok(), ok, "deposit {amount}: {res:?}");
                if ok {
                    model.advance(env.now);
                    model.stake[i] += amount;
                }
            }
            Action::Withdraw(i, amount) => {
                let ok = amount <= model.stake[i];
                let res = env.unstake(&m, &holders[i], amount).await;
                assert_eq!(res.is_ok(), ok, "withdraw {amount}: {res:?}");
                if ok {
                    model.advance(env.now);
                    model.stake[i] -= amount;
                }
            }
            Action::Distribute(share) => {
                // share_bps is 10%: sales of 10 × share bring `share` to the dividend vault
                env.dividends_arrive(&m, share * 10).await;
                env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
                model.advance(env.now);
                let net = fee_free(share);
                model.net_total += net;
                // a new stream of its own (with what was released to nobody); the older ones run on unchanged
                let end = env.distributor(&m).await.schedule.end;
                assert!(end >= env.now + WEEK && end < env.now + WEEK + WEEK / 6 + 1);
                model.streams.push((net as f64 + model.carry, env.now, end));
                model.carry = 0.0;
            }
            Action::Warp(secs) => env.warp(secs),
            Action::Claim(i) => {
                let _ = env.claim(&m, &holders[i]).await;
                model.advance(env.now);
            }
            Action::Push => {
                let pairs: Vec<(Pubkey, Pubkey)> = (0..HOLDERS)
                    .step_by(2)
                    .map(|i| {
                        (DistributorAddresses::of(&m).position(&holders[i].wallet.pubkey()), holders[i].usdc)
                    })
                    .collect();
                let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &pairs);
                // refused only when nobody in the batch is owed anything
                let res = env.send(&[ix], &[&keeper]).await;
                if res.is_err() {
                    res.expect_error(revenue_distributor::errors::DistributorError::NothingToClaim);
                }
                model.advance(env.now);
            }
        }
        ops += 1;
        // after every step
        let mut paid = 0u64;
        for (i, h) in holders.iter().enumerate() {
            let p = env.position(&m, &h.wallet.pubkey()).await;
            assert_eq!(p.staked, model.stake[i]);
            let got = p.claimed as f64;
            // Never more than earned, up to rounding moved across time: each release rounds the released amount
            // down, so the fraction of a unit it leaves behind is released at the next step to whoever is staked
            // then, which can put a later holder up to one unit per step above the continuous model (the total
            // paid stays within what was distributed, checked below).
            let shift = (ops + 1) as f64;
            assert!(got <= model.earned[i] + shift, "holder {i} paid {got} > earned {}", model.earned[i]);
            if model.earned[i] == 0.0 {
                assert_eq!(p.claimed + p.pending, 0, "holder {i} was paid for time not staked");
            }
            let settled = (p.claimed + p.pending) as f64;
            assert!(
                settled <= model.earned[i] + shift,
                "holder {i} credited {settled} > earned {}",
                model.earned[i]
            );
            paid += p.claimed;
        }
        assert!(paid <= model.net_total, "paid {paid} > distributed {}", model.net_total);
        env.assert_all_conserved(&m).await;
    }
    // settle everyone at the end: each holder ends within dust of its entitlement (less the keepers' tips of
    // pushed payouts, 0.1% of each, rounded down)
    env.warp(2 * WEEK);
    model.advance(env.now);
    for (i, h) in holders.iter().enumerate() {
        let _ = env.claim(&m, h).await;
        let got = env.position(&m, &h.wallet.pubkey()).await.claimed as f64;
        let tips = if i % 2 == 0 { model.earned[i] * 10.0 / 10_000.0 } else { 0.0 };
        // dust: ≤ 1 unit per accrual step and per settlement, over the whole run
        let dust = (2 * ops + 4) as f64;
        assert!(model.earned[i] - got <= dust + tips, "holder {i}: {got} of {}", model.earned[i]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_dividend_sequences(actions in proptest::collection::vec(action(), 1..30)) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run(actions));
    }
}
