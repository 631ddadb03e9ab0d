//! The vault's life: deposits and redemptions executing at closes, the waterfall paying senior first, the
//! subordination limits, trades against the TWAP, pro-rata fills, and losses reaching junior, then the reserve's
//! backstop, then senior as arrears repaid first.
use pst_math::tranche;
use pst_tests::*;
use yield_tranches::{
    errors::TrancheError,
    state::{
        Tranche::{Junior, Senior},
        TrancheParams,
    },
};

/// A vault with `junior` and `senior` USDC executed at the first close (and claimed), under `params`.
async fn vault(
    env: &mut Env,
    params: TrancheParams,
    junior_usdc: u64,
    senior_usdc: u64,
) -> (MerchantKeys, Investor, Investor, Investor, Vec<Keypair>) {
    let (m, trader, reporters) = env.tranche_merchant().await;
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_tranche_params(&m, &admin.pubkey(), params)], &[&admin]).await;
    let junior = env.tranche_investor(&m, junior_usdc).await;
    let senior = env.tranche_investor(&m, senior_usdc).await;
    env.deposit_request(&m, &junior, Junior, junior_usdc).await.expect("junior deposit");
    env.deposit_request(&m, &senior, Senior, senior_usdc).await.expect("senior deposit");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close_epoch");
    env.claim_tranche(&m, &junior, Junior).await.expect("claim");
    env.claim_tranche(&m, &senior, Senior).await.expect("claim");
    (m, trader, junior, senior, reporters)
}

/// The subordination right after a close's queues executed, at its prices (before its own trade's difference from
/// the TWAP, which is a price move like any other).
fn sub_at_fill(e: &yield_tranches::state::Epoch) -> u16 {
    let junior = e.values[1] + e.fills[2].executed - e.fills[3].output;
    let senior = e.values[0] + e.fills[0].executed - e.fills[1].output;
    tranche::subordination_bps(junior, senior)
}

/// A vault that invests everything it can: no buffer, 5% slippage.
fn invested() -> TrancheParams {
    TrancheParams { buffer_bps: 0, max_slippage_bps: 500, ..TrancheParams::default() }
}

#[tokio::test]
async fn deposits_execute_at_one_share_per_usdc_and_income_pays_senior_first() {
    let mut env = Env::new().await;
    let (m, _, junior, senior, _) =
        vault(&mut env, TrancheParams::default(), 100_000 * USDC, 300_000 * USDC).await;
    let a = TrancheAddresses::of(&m);
    assert_eq!(env.shares(&m, &junior, Junior).await, 100_000 * SHARE);
    assert_eq!(env.shares(&m, &senior, Senior).await, 300_000 * SHARE);
    assert_eq!(env.supply(&a.mints[0]).await, 300_000 * SHARE);
    let e0 = env.epoch_record(&m, 0).await;
    assert_eq!((e0.fills[0].executed, e0.fills[2].executed), (300_000 * USDC, 100_000 * USDC));
    // the vault bought PST within 1% of the TWAP with what is above its 10% buffer
    let t = env.tranches(&m).await;
    assert!(t.pst > 0 && e0.usdc_spent > 0);
    assert!(tranche::pst_value(t.pst, e0.twap_q64) * 10_000 >= e0.usdc_spent as u128 * 9_900);
    env.assert_all_conserved(&m).await;

    // an epoch with 5,000 USDC of income: senior gets exactly its target yield, junior the rest
    env.donate_to_tranches(&m, 5_000 * USDC).await;
    let before = env.tranches(&m).await;
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close 1");
    let e = env.epoch_record(&m, 1).await;
    let elapsed = e.end - e.start;
    assert_eq!(elapsed, EPOCH);
    let claim = tranche::senior_claim(before.books[0].value, 0, before.apy_bps, elapsed).unwrap();
    assert_eq!(e.senior_claim, claim);
    assert_eq!(e.income, 5_000 * USDC);
    assert_eq!(e.assets, before.usdc + 5_000 * USDC + tranche::pst_value(before.pst, e.twap_q64) as u64);
    assert_eq!(e.values, [claim, e.assets - claim]);
    assert_eq!((e.backstop_requested, e.backstop_paid, e.arrears), (0, 0, 0));
    // senior's realised APY is the one set; junior earned the residual
    assert!(
        e.senior_realised_bps >= before.apy_bps as i64 && e.senior_realised_bps <= before.apy_bps as i64 + 1
    );
    assert!(e.values[1] > before.books[1].value, "junior gained the residual income");
    assert!((800..=1_100).contains(&e.next_apy_bps));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn senior_deposits_fill_up_to_the_minimum_subordination_and_the_rest_waits() {
    let mut env = Env::new().await;
    let (m, _, _) = env.tranche_merchant().await;
    let junior = env.tranche_investor(&m, 200_000 * USDC).await;
    let senior = env.tranche_investor(&m, 600_000 * USDC).await;
    env.deposit_request(&m, &junior, Junior, 100_000 * USDC).await.expect("junior");
    env.deposit_request(&m, &senior, Senior, 600_000 * USDC).await.expect("senior, beyond the room");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    let e = env.epoch_record(&m, 0).await;
    // 20% subordination: at most 4 × junior of senior
    assert_eq!(
        e.fills[0],
        yield_tranches::state::Fill {
            queued: 600_000 * USDC,
            executed: 400_000 * USDC,
            output: 400_000 * SHARE
        }
    );
    env.claim_tranche(&m, &senior, Senior).await.expect("claim the part that filled");
    assert_eq!(env.shares(&m, &senior, Senior).await, 400_000 * SHARE);
    let r = env.request(&m, &senior.wallet.pubkey(), Senior).await.unwrap();
    assert_eq!(r.deposit, 200_000 * USDC, "the rest stays queued");
    assert!(sub_at_fill(&e) >= 2_000);
    // more junior makes room: the rest fills at the next close
    env.claim_tranche(&m, &junior, Junior).await.expect("claim");
    env.deposit_request(&m, &junior, Junior, 60_000 * USDC).await.expect("more junior");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close 1");
    env.claim_tranche(&m, &senior, Senior).await.expect("claim the rest");
    let r = env.request(&m, &senior.wallet.pubkey(), Senior).await.unwrap();
    assert_eq!(r.deposit, 0);
    assert_eq!(r.shares_received, env.shares(&m, &senior, Senior).await);
    assert!(sub_at_fill(&env.epoch_record(&m, 1).await) >= 2_000);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn junior_redemptions_stop_at_the_minimum_subordination() {
    let mut env = Env::new().await;
    let (m, _, junior, _, _) =
        vault(&mut env, TrancheParams::default(), 100_000 * USDC, 300_000 * USDC).await;
    env.redeem_request(&m, &junior, Junior, 100_000 * SHARE).await.expect("redeem everything");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    let e = env.epoch_record(&m, 1).await;
    let f = e.fills[3];
    assert!(f.executed > 0 && f.executed < f.queued, "part of it: {f:?}");
    // at the close's prices, junior left exactly down to the minimum (a trade's cost afterwards is a price move)
    let sub = tranche::subordination_bps(e.values[1] - f.output, e.values[0]);
    assert!((2_000..2_002).contains(&sub), "junior left exactly down to the minimum: {sub}");
    let usdc = env.balance(&junior.usdc).await;
    env.claim_tranche(&m, &junior, Junior).await.expect("claim");
    assert_eq!(env.balance(&junior.usdc).await - usdc, f.output);
    let r = env.request(&m, &junior.wallet.pubkey(), Junior).await.unwrap();
    assert_eq!(r.redeem, f.queued - f.executed, "the rest stays queued");
    env.assert_all_conserved(&m).await;
}

/// Close `n` epochs with the merchant's business running: a week of sales swept and distributed, each period
/// reported as it ends, and a small trade (the market) a day before each close, which brings the pool's
/// dividends into its price and so into the TWAP.
async fn run_epochs(env: &mut Env, m: &MerchantKeys, trader: &Investor, reporters: &[Keypair], n: u32) {
    for _ in 0..n {
        env.business_week(m, reporters, BAND_GROSS * 7 / 30).await;
        env.swap_in(m, trader, UsdcToPst, USDC, 0).await.expect("a trade");
        env.warp(DAY);
        env.close_epoch_now(m).await.expect("close");
    }
}

#[tokio::test]
async fn redemptions_sell_pst_within_the_slippage_bound_and_fill_pro_rata_when_short() {
    let mut env = Env::new().await;
    let (m, trader, _, senior, reporters) = vault(&mut env, invested(), 20_000 * USDC, 60_000 * USDC).await;
    run_epochs(&mut env, &m, &trader, &reporters, 4).await;
    let t = env.tranches(&m).await;
    let invested = tranche::pst_value(t.pst, t.last_price_q64);
    assert!(invested > 3 * t.usdc as u128, "mostly PST: {invested} of PST, {} USDC", t.usdc);
    // every senior share asks to leave: more than the buffer holds
    let shares = env.shares(&m, &senior, Senior).await;
    env.redeem_request(&m, &senior, Senior, shares).await.expect("redeem");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    let index = env.tranches(&m).await.epoch - 1;
    let e = env.epoch_record(&m, index).await;
    assert!(e.pst_sold > 0 && e.usdc_from_sales > 0);
    // the sale priced within 5% of the TWAP on average
    assert!(
        e.usdc_from_sales as u128 * 10_000 >= tranche::pst_value(e.pst_sold, e.twap_q64) * 9_500,
        "sold {} PST for {}",
        e.pst_sold,
        e.usdc_from_sales
    );
    let f = e.fills[1];
    assert!(f.executed < f.queued, "liquidity was short: pro rata {f:?}");
    assert_eq!(e.usdc_spent, 0, "no buy after a sale");
    env.claim_tranche(&m, &senior, Senior).await.expect("claim");
    let r = env.request(&m, &senior.wallet.pubkey(), Senior).await.unwrap();
    assert_eq!(r.redeem, f.queued - f.executed);
    assert_eq!(r.usdc_received, f.output);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_crash_hits_junior_first_then_the_backstop_then_senior_as_arrears_repaid_first() {
    let mut env = Env::new().await;
    let params = TrancheParams { min_subordination_bps: 1_000, ..invested() };
    let (m, trader, _, senior, reporters) = vault(&mut env, params, 10_000 * USDC, 90_000 * USDC).await;
    run_epochs(&mut env, &m, &trader, &reporters, 3).await;
    // the price crashes: the trader dumps PST, and the TWAP follows over the day before the close
    env.swap_in(&m, &trader, PstToUsdc, 400_000 * PST, 0).await.expect("dump");
    // a third of senior asks to leave at this close
    let third = env.shares(&m, &senior, Senior).await / 3;
    env.redeem_request(&m, &senior, Senior, third).await.expect("redeem");
    let before = env.tranches(&m).await;
    let reserve_before = env.reserve(&m).await;
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close after the crash");
    let e = env.epoch_record(&m, before.epoch).await;
    assert!(e.assets < e.senior_claim, "the loss exceeds junior: {} < {}", e.assets, e.senior_claim);
    assert_eq!(e.values[1], 0, "junior absorbed the loss first, to zero");
    // the reserve's backstop topped up senior's yield (never its lost principal)
    let target = tranche::target_yield(before.books[0].value, before.apy_bps, e.end - e.start).unwrap();
    assert!(e.backstop_paid > 0, "the reserve's backstop topped senior up");
    assert_eq!(e.backstop_requested, (e.senior_claim - e.assets).min(target + before.yield_arrears));
    let reserve = env.reserve(&m).await;
    assert_eq!(reserve.totals.senior_paid - reserve_before.totals.senior_paid, e.backstop_paid);
    assert_eq!(reserve.stake, reserve_before.stake, "never the merchant's stake");
    assert_eq!(e.arrears, e.senior_claim - e.assets - e.backstop_paid, "what is missing is carried");
    assert!(e.arrears > 0, "senior's lost principal is carried, to be recovered from later gains");
    let after = env.tranches(&m).await;
    assert!(after.yield_arrears <= after.arrears);
    // the redeemed part of senior leaves with its part of the arrears (it was paid at the value)
    let (supply, left) = (e.supplies[0], e.supplies[0] - e.fills[1].executed);
    assert!(e.fills[1].executed > 0 && e.pst_sold == 0 && e.usdc_spent == 0);
    assert_eq!(after.arrears, tranche::scale(e.arrears, left, supply), "arrears follow the shares");
    assert!(after.yield_arrears <= tranche::scale(e.yield_arrears, left, supply));
    assert_eq!(e.values[0], e.assets + e.backstop_paid);
    env.assert_all_conserved(&m).await;

    // the price recovers: the gain pays senior's arrears before junior gets anything
    env.swap_in(&m, &trader, UsdcToPst, 350_000 * USDC, 0).await.expect("buy back");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close after the recovery");
    let r = env.epoch_record(&m, before.epoch + 1).await;
    assert!(r.senior_claim >= after.books[0].value + after.arrears, "the claim carries the arrears");
    assert!(r.arrears < after.arrears, "arrears repaid first: {} -> {}", after.arrears, r.arrears);
    assert!(r.arrears == 0 || r.values[1] == 0, "junior gets nothing while arrears remain");
    env.assert_all_conserved(&m).await;
    // while senior has arrears, junior deposits wait (they would only pay them)
    let late = env.tranche_investor(&m, 10_000 * USDC).await;
    if r.arrears > 0 {
        env.deposit_request(&m, &late, Junior, 10_000 * USDC).await.expect("queue");
        env.warp(EPOCH);
        env.close_epoch_now(&m).await.expect("close");
        let x = env.epoch_record(&m, before.epoch + 2).await;
        assert!(x.arrears > 0 || x.fills[2].executed == 0);
    }
    let _ = TrancheError::NothingToClaim;
    env.assert_all_conserved(&m).await;
}

/// `close_epoch` at its heaviest (deposits executing and minting shares, a buy with its custody syncs; then a crash
/// with the backstop's CPI and redemptions burning shares) fits one legacy transaction beside a compute-unit limit
/// and a priority fee: under the 1,232-byte limit (1,220 bytes: a keeper adding more instructions needs an address
/// lookup table), within 400,000 compute units on the SBF VM, its CPIs (a swap whose custody sync calls
/// `revenue_distributor`, which calls SPL Token) within the runtime's five invoke levels.
#[tokio::test]
async fn close_epoch_fits_one_transaction() {
    let mut env = Env::new().await;
    let params = TrancheParams { min_subordination_bps: 1_000, ..invested() };
    let (m, trader, _) = env.tranche_merchant().await;
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_tranche_params(&m, &admin.pubkey(), params)], &[&admin]).await;
    let (junior, senior) =
        (env.tranche_investor(&m, 10_000 * USDC).await, env.tranche_investor(&m, 90_000 * USDC).await);
    env.deposit_request(&m, &junior, Junior, 10_000 * USDC).await.expect("junior");
    env.deposit_request(&m, &senior, Senior, 90_000 * USDC).await.expect("senior");
    let keeper = env.payer().pubkey();
    let budget = pst_client::compute_budget(400_000, 1_000);
    for crash in [false, true] {
        if crash {
            env.claim_tranche(&m, &senior, Senior).await.expect("claim");
            env.redeem_request(&m, &senior, Senior, 30_000 * SHARE).await.expect("redeem");
            env.swap_in(&m, &trader, PstToUsdc, 400_000 * PST, 0).await.expect("crash");
        }
        env.warp(EPOCH);
        let epoch = env.tranches(&m).await.epoch;
        let ix = env.close_epoch(&m, &keeper, epoch);
        let ok = env.send_ok(&[budget[0].clone(), budget[1].clone(), ix], &[]).await;
        assert!(env.last_tx_size <= 1_232, "{} bytes", env.last_tx_size);
        let depth = ok
            .logs
            .iter()
            .filter_map(|l| l.split(" invoke [").nth(1))
            .filter_map(|d| d.trim_end_matches(']').parse::<u32>().ok())
            .max()
            .unwrap_or(1);
        assert!(depth <= 5, "invoke depth {depth}");
        if env.sbf {
            assert!(ok.compute_units <= 400_000, "{} CU", ok.compute_units);
            assert!(depth >= 3, "the swap's custody sync ran by CPI: depth {depth}");
        }
        let e = env.epoch_record(&m, epoch).await;
        if crash {
            assert!(e.backstop_paid > 0 && e.fills[1].executed > 0, "{e:?}");
        } else {
            assert!(e.pst_bought > 0 && e.fills[0].output > 0 && e.fills[2].output > 0);
        }
        println!(
            "close_epoch (crash: {crash}): {} CU, {} bytes, depth {depth}",
            ok.compute_units, env.last_tx_size
        );
    }
    env.assert_all_conserved(&m).await;
}
