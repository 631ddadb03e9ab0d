//! Random sequences of deposits, redemptions, cancels, claims, trades that move the price, revenue shocks and
//! epoch closes, with every invariant checked after each step (conservation across all programs, the vault's
//! values equal to its assets, junior wiped before senior owes arrears, escrows and mint supplies equal to the
//! books, no request holding more than its queue), and each close checked against an independent, step-by-step
//! reference waterfall (income pays senior's due first, a price change hits junior first, junior capital pays the
//! rest, then the backstop, then arrears) and against the subordination and share-price rules of its fills.
use proptest::prelude::*;
use pst_math::tranche;
use pst_tests::*;
use yield_tranches::{
    errors::TrancheError::*,
    state::{Epoch, Tranche, Tranches},
};

#[derive(Debug, Clone)]
enum Action {
    /// investor, senior?, whole USDC
    Deposit(usize, bool, u64),
    /// investor, senior?, bps of its shares
    Redeem(usize, bool, u16),
    Cancel(usize, bool),
    Claim(usize, bool),
    /// PST in?, whole units
    Trade(bool, u64),
    /// a business week with this share of the usual revenue (bps), then the close
    Close(u16),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0usize..3, any::<bool>(), 1u64..150_000).prop_map(|(i, s, a)| Action::Deposit(i, s, a)),
        2 => (0usize..3, any::<bool>(), 1u16..=10_000).prop_map(|(i, s, b)| Action::Redeem(i, s, b)),
        1 => (0usize..3, any::<bool>()).prop_map(|(i, s)| Action::Cancel(i, s)),
        3 => (0usize..3, any::<bool>()).prop_map(|(i, s)| Action::Claim(i, s)),
        2 => (any::<bool>(), 1u64..250_000).prop_map(|(p, s)| Action::Trade(p, s)),
        4 => prop_oneof![Just(10_000u16), 0u16..20_000].prop_map(Action::Close),
    ]
}

fn kind(senior: bool) -> Tranche {
    if senior {
        Tranche::Senior
    } else {
        Tranche::Junior
    }
}

/// The waterfall, step by step and independently of `pst_math::tranche::split`: (senior, junior, what the backstop
/// is asked for, arrears, the yield part of the arrears).
fn reference(before: &Tranches, e: &Epoch) -> (u64, u64, u64, u64, u64) {
    let elapsed = (e.end - e.start) as u128;
    let (mut s, mut j) = (before.books[0].value as i128, before.books[1].value as i128);
    let (mut arrears, mut yield_arrears) = (before.arrears as i128, before.yield_arrears as i128);
    if before.books[0].supply == 0 {
        // nobody holds senior: it is owed nothing, and what is left of it is junior's
        j += s;
        s = 0;
        arrears = 0;
        yield_arrears = 0;
    }
    // senior's due: its target yield (rounded up) and its arrears
    let target = (s as u128 * before.apy_bps as u128 * elapsed).div_ceil(10_000 * 365 * 86_400);
    let mut due = target as i128 + arrears;
    // 1. income pays senior's due first, the rest is junior's
    let income = e.income as i128;
    let pay = income.min(due);
    s += pay;
    due -= pay;
    j += income - pay;
    // 2. the price change of the PST held: a gain pays what senior is still due, then junior; a loss hits junior
    // first, then senior (whose claim stays: the loss becomes due)
    let then = tranche::pst_value(before.pst, before.last_price_q64) as i128;
    let now = tranche::pst_value(before.pst, e.twap_q64) as i128;
    let change = now - then;
    if change >= 0 {
        let pay = change.min(due);
        s += pay;
        due -= pay;
        j += change - pay;
    } else {
        let loss = -change;
        let from_junior = loss.min(j);
        j -= from_junior;
        s -= loss - from_junior;
        due += loss - from_junior;
    }
    // 3. junior capital pays the rest of the due, down to zero
    let pay = due.min(j);
    j -= pay;
    s += pay;
    due -= pay;
    // 4. the backstop (for senior's yield only: this target and the yield in arrears), then arrears, unpaid yield
    // first (the assets paid principal first, the backstop yield)
    let yield_due = target as i128 + yield_arrears;
    let asked = due.min(yield_due);
    s += e.backstop_paid as i128;
    due -= e.backstop_paid as i128;
    let yield_left = due.min(yield_due - e.backstop_paid as i128);
    (s as u64, j as u64, asked as u64, due as u64, yield_left as u64)
}

/// Every rule a close's record must satisfy against the vault before it.
fn check_close(before: &Tranches, e: &Epoch) {
    let (s, j, asked, arrears, yield_left) = reference(before, e);
    assert_eq!(e.yield_arrears, yield_left, "yield arrears != reference");
    assert_eq!(e.backstop_requested, asked, "the backstop was asked for what the reference says is missing");
    assert!(e.backstop_paid <= asked);
    assert_eq!((e.values[0], e.values[1]), (s, j), "waterfall != reference");
    assert_eq!(e.senior_claim - e.values[0], arrears, "arrears != reference");
    assert!(arrears == 0 || e.values[1] == 0, "junior absorbs every loss before senior");
    let m = before.params.min_subordination_bps;
    // fills at the close's prices
    let f = &e.fills;
    assert_eq!(
        f[1].output,
        if f[1].executed == 0 { 0 } else { tranche::usdc_for(f[1].executed, s, e.supplies[0]) }
    );
    assert_eq!(
        f[3].output,
        if f[3].executed == 0 { 0 } else { tranche::usdc_for(f[3].executed, j, e.supplies[1]) }
    );
    if f[2].executed > 0 {
        assert_eq!(Some(f[2].output), tranche::shares_for(f[2].executed, j, e.supplies[1]));
    }
    if f[0].executed > 0 {
        assert_eq!(Some(f[0].output), tranche::shares_for(f[0].executed, s, e.supplies[0]));
        let junior = j + f[2].executed - f[3].output;
        let senior = s - f[1].output + f[0].executed;
        assert!(
            junior as u128 * 10_000 >= m as u128 * (junior as u128 + senior as u128),
            "senior filled below the minimum subordination"
        );
    }
    if f[3].executed > 0 {
        // junior left only down to the minimum beside senior after its redemptions
        let junior = j + f[2].executed - f[3].output;
        let senior = s - f[1].output;
        assert!(junior >= tranche::junior_floor(senior, m), "junior redeemed below the minimum");
    }
    for q in f {
        assert!(q.executed <= q.queued);
    }
    // a senior redemption short of USDC is never left waiting while the vault buys PST
    if f[1].executed > 0 && f[1].executed < f[1].queued {
        assert_eq!(e.usdc_spent, 0, "bought PST while senior redemptions waited");
    }
    assert!((800..=1_100).contains(&e.next_apy_bps));
}

async fn run(actions: Vec<Action>) {
    let mut env = Env::new().await;
    let (m, trader, reporters) = env.tranche_merchant().await;
    let mut investors = Vec::new();
    for _ in 0..3 {
        investors.push(env.tranche_investor(&m, 2_000_000 * USDC).await);
    }
    // junior first, so that senior has room
    env.deposit_request(&m, &investors[0], Tranche::Junior, 100_000 * USDC).await.expect("seed junior");
    for a in actions {
        match a {
            Action::Deposit(i, senior, usdc) => {
                let res = env.deposit_request(&m, &investors[i], kind(senior), usdc * USDC).await;
                went_through(res, &[ClaimFirst, SubordinationBreach]);
            }
            Action::Redeem(i, senior, bps) => {
                let shares = env.shares(&m, &investors[i], kind(senior)).await * bps as u64 / 10_000;
                if shares > 0 {
                    let res = env.redeem_request(&m, &investors[i], kind(senior), shares).await;
                    went_through(res, &[ClaimFirst]);
                }
            }
            Action::Cancel(i, senior) => {
                let res = env.cancel_tranche(&m, &investors[i], kind(senior)).await;
                went_through(res, &[ClaimFirst, NothingQueued, NoRequest]);
            }
            Action::Claim(i, senior) => {
                let res = env.claim_tranche(&m, &investors[i], kind(senior)).await;
                went_through(res, &[NothingToClaim, NoRequest]);
            }
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
            Action::Close(revenue_bps) => {
                let gross = BAND_GROSS * 7 / 30 * revenue_bps as u64 / 10_000;
                env.business_week(&m, &reporters, gross.max(USDC)).await;
                env.swap_in(&m, &trader, UsdcToPst, USDC, 0).await.expect("a trade");
                env.warp(DAY);
                let before = env.tranches(&m).await;
                env.close_epoch_now(&m).await.expect("close");
                let e = env.epoch_record(&m, before.epoch).await;
                check_close(&before, &e);
            }
        }
        env.assert_all_conserved(&m).await;
        // no request holds more than its queue
        let t = env.tranches(&m).await;
        for (b, tr) in [(0, Tranche::Senior), (1, Tranche::Junior)] {
            let (mut deposits, mut redeems) = (0, 0);
            for inv in &investors {
                if let Some(r) = env.request(&m, &inv.wallet.pubkey(), tr).await {
                    assert!(r.next_epoch <= t.epoch);
                    if r.next_epoch == t.epoch {
                        deposits += r.deposit;
                        redeems += r.redeem;
                    }
                }
            }
            assert!(deposits <= t.books[b].pending_deposits && redeems <= t.books[b].pending_redeems);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn random_request_trade_shock_and_close_sequences_keep_every_invariant(
        actions in proptest::collection::vec(action(), 8..28)
    ) {
        tokio::runtime::Runtime::new().unwrap().block_on(run(actions));
    }
}
