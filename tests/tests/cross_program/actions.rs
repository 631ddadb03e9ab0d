//! Random sequences of actions by every actor against every program on main: the merchant's sales, sweeps and
//! withdrawals; reporters' submissions (agreeing, divergent, or left to go stale) and keepers' acceptances,
//! distributions, pushes and harvests; holders staking, unstaking and claiming; traders swapping both ways; LPs
//! adding and removing liquidity; the guardian pausing any flag, the admin unpausing and freezing exits; time and
//! slots passing. After every step: every conservation check (`assert_all_conserved`) and the `invariant()` of
//! every account of every program. Exits are never refused while exits are not frozen, whatever is paused.
//!
//! CI runs a few cases (`CASES`, about 40 steps each); `PROPTEST_CASES=200 cargo test -p pst-tests
//! cross_program::actions` runs more on demand.
use amm_pool::errors::AmmError;
use proptest::prelude::*;
use pst_mint::errors::PstError;
use pst_tests::*;
use revenue_distributor::errors::DistributorError;
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

/// Cases CI runs when `PROPTEST_CASES` is not set.
const CASES: u32 = 6;
const HOLDERS: usize = 3;
const TRADERS: usize = 2;
const LPS: usize = 2;
const K: u64 = 1_000 * USDC;

#[derive(Debug, Clone)]
enum Action {
    /// Customers pay the merchant (USDC into the settlement vault).
    Sales(u64),
    Sweep,
    /// The merchant withdraws this share (ppm) of what is available.
    WithdrawSettlement(u32),
    /// Reporter `i` submits the next ended period's revenue: agreeing, or off by `skew` percent.
    Submit(usize, u8),
    Accept,
    /// Slots pass without time (submissions go stale).
    Slots(u64),
    Distribute,
    Stake(usize, u32),
    Unstake(usize, u32),
    Claim(usize),
    Push,
    /// Trader, PST in?, share of its balance (ppm).
    Swap(usize, bool, u32),
    AddLiquidity(usize, u32),
    RemoveLiquidity(usize, u32),
    Harvest,
    Collect,
    /// The guardian sets one flag (index into `FLAGS`), or the pool's swap or deposit pause.
    Pause(usize),
    Unpause,
    /// The admin freezes exits for this many seconds (0 lifts).
    Freeze(i64),
    Warp(i64),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (1u64..200 * K).prop_map(Action::Sales),
        2 => Just(Action::Sweep),
        1 => (1u32..=1_000_000).prop_map(Action::WithdrawSettlement),
        3 => (0usize..3, prop_oneof![3 => Just(0u8), 1 => 1u8..200]).prop_map(|(i, s)| Action::Submit(i, s)),
        2 => Just(Action::Accept),
        1 => (1u64..2_000).prop_map(Action::Slots),
        2 => Just(Action::Distribute),
        2 => (0..HOLDERS, 1u32..=1_000_000).prop_map(|(h, f)| Action::Stake(h, f)),
        2 => (0..HOLDERS, 1u32..=1_000_000).prop_map(|(h, f)| Action::Unstake(h, f)),
        2 => (0..HOLDERS).prop_map(Action::Claim),
        1 => Just(Action::Push),
        4 => (0..TRADERS, any::<bool>(), 1u32..500_000).prop_map(|(t, p, f)| Action::Swap(t, p, f)),
        2 => (0..LPS, 1u32..20_000).prop_map(|(l, f)| Action::AddLiquidity(l, f)),
        2 => (0..LPS, 1u32..=1_000_000).prop_map(|(l, f)| Action::RemoveLiquidity(l, f)),
        1 => Just(Action::Harvest),
        1 => Just(Action::Collect),
        1 => (0..FLAGS.len() + 2).prop_map(Action::Pause),
        1 => Just(Action::Unpause),
        1 => prop_oneof![Just(0i64), 60i64..3 * 86_400].prop_map(Action::Freeze),
        4 => (1i64..20 * 86_400).prop_map(Action::Warp),
    ]
}

/// Every flag of the config's pause word a guardian can set.
const FLAGS: [u64; 8] = [
    pst_mint::constants::PAUSE_LISTING,
    pst_mint::constants::PAUSE_ISSUANCE,
    pst_mint::constants::PAUSE_SALE,
    pst_mint::constants::PAUSE_VESTING,
    pst_mint::constants::PAUSE_ORACLE,
    pst_mint::constants::PAUSE_SETTLEMENT,
    revenue_distributor::constants::PAUSE_STAKE,
    revenue_distributor::constants::PAUSE_DISTRIBUTE,
];

/// Accept a refusal only if its code is one of `allowed` (each action lists the programs' named errors it may
/// legitimately meet); anything else fails the run with the logs.
fn allow(res: TxResult, allowed: &[u32]) -> bool {
    match res {
        Ok(_) => true,
        Err(TxFail {
            error: TransactionError::InstructionError(_, InstructionError::Custom(code)), ..
        }) if allowed.contains(&code) => false,
        Err(f) => panic!("unexpected refusal {:?} ({})\n{}", f.error, describe(&f.error), f.logs.join("\n")),
    }
}

fn describe(e: &TransactionError) -> String {
    match e {
        TransactionError::InstructionError(_, InstructionError::Custom(c)) => describe_code(*c),
        other => format!("{other:?}"),
    }
}

fn codes<E: Into<u32> + Copy>(errors: &[E]) -> Vec<u32> {
    errors.iter().map(|e| (*e).into()).collect()
}

/// Deserialize every account of every program the merchant has and check its invariant.
async fn assert_every_invariant(env: &mut Env, m: &MerchantKeys, owners: &[Pubkey]) {
    let config: pst_mint::state::ProtocolConfig = env.account(&pst_client::pst_mint::CONFIG).await;
    config.invariant().expect("config invariant");
    let merchant: pst_mint::state::Merchant = env.account(&m.merchant).await;
    merchant.invariant().expect("merchant invariant");
    let feed: pst_mint::state::RevenueFeed = env.account(&m.feed).await;
    feed.invariant().expect("feed invariant");
    let metrics: pst_mint::state::MerchantMetrics = env.account(&m.metrics).await;
    metrics.invariant().expect("metrics invariant");
    let settlement: pst_mint::state::Settlement = env.account(&m.settlement).await;
    settlement.invariant().expect("settlement invariant");
    for period in 0..=feed.next_period {
        if env.raw_account(&m.report(period)).await.is_some() {
            let report: pst_mint::state::PeriodReport = env.account(&m.report(period)).await;
            report.invariant().expect("report invariant");
        }
    }
    let d = DistributorAddresses::of(m);
    let distributor: revenue_distributor::state::Distributor = env.account(&d.distributor).await;
    distributor.invariant().expect("distributor invariant");
    for owner in owners {
        let position: revenue_distributor::state::Position = env.account(&d.position(owner)).await;
        position.invariant().expect("position invariant");
    }
    let pool = env.pool(m).await;
    pool.invariant().expect("pool invariant");
    env.observations(m).await.invariant().expect("observations invariant");
}

async fn run(actions: Vec<Action>) {
    let mut env = Env::new().await;
    let (m, reporters) = env.merchant_with_feed().await;
    env.init_distributor(&m, WEEK).await.expect("initialize_distributor");
    env.init_pool(&m).await.expect("initialize_pool");
    let (admin, guardian) = (env.admin.insecure_clone(), env.guardian.insecure_clone());
    let keeper = env.investor(&m, 0).await;
    let mut holders = Vec::new();
    for i in 0..HOLDERS {
        let h = env.investor(&m, 20_001 * USDC).await;
        env.buy(&m, &h, 20_000 * PST).await.expect("buy");
        env.open_position(&m, &h.wallet).await.expect("open");
        env.stake(&m, &h, 10_000 * PST).await.expect("stake");
        if i == 0 {
            env.set_auto_payout(&m, &h, true).await.expect("opt in");
        }
        holders.push(h);
    }
    let mut traders = Vec::new();
    for _ in 0..TRADERS {
        let t = env.investor(&m, 100_001 * USDC).await;
        env.buy(&m, &t, 50_000 * PST).await.expect("buy");
        traders.push(t);
    }
    let mut lps = Vec::new();
    for _ in 0..LPS {
        let l = env.lp_investor(&m, 100_001 * USDC).await;
        env.buy(&m, &l.investor, 50_000 * PST).await.expect("buy");
        env.add_liquidity(&m, &l, 10_000 * PST, u64::MAX, u64::MAX).await.expect("add liquidity");
        lps.push(l);
    }
    let merchant_usdc = env.merchant_usdc_account(&m).await;
    let mut owners: Vec<Pubkey> = holders.iter().map(|h| h.wallet.pubkey()).collect();
    owners.push(PoolAddresses::of(&m).pool);
    let pushed = (DistributorAddresses::of(&m).position(&holders[0].wallet.pubkey()), holders[0].usdc);

    for a in actions {
        let frozen = env.config().await.exits_frozen(env.now);
        match a {
            Action::Sales(amount) => env.sales_proceeds(&m, amount).await,
            Action::Sweep => {
                let res = env.sweep(&m).await;
                allow(res, &codes(&[PstError::NothingToSweep, PstError::Paused]));
            }
            Action::WithdrawSettlement(ppm) => {
                let available = env.settlement(&m).await.available;
                let amount = (available as u128 * ppm as u128 / 1_000_000) as u64;
                let res = env.withdraw(&m, &merchant_usdc, amount).await;
                // a merchant whose health fell to Watch (or Default) withdraws only against its reserve, which this
                // world does not open
                let allowed = [
                    PstError::ZeroAmount,
                    PstError::WithdrawalLimitExceeded,
                    PstError::Paused,
                    PstError::ReserveNotInitialized,
                ];
                allow(res, &codes(&allowed));
            }
            Action::Submit(i, skew) => {
                let period = env.feed(&m).await.next_period;
                let gross = 100 * K + 100 * K * skew as u64 / 100;
                let res = env.submit(&m, &reporters[i], period, gross, (gross / 10) as i64).await;
                allow(res, &codes(&[PstError::PeriodNotEnded, PstError::Paused]));
            }
            Action::Accept => {
                let period = env.feed(&m).await.next_period;
                let res = env.accept(&m, period).await;
                let allowed = [
                    PstError::PeriodNotEnded,
                    PstError::UnknownPeriod,
                    PstError::InsufficientResponses,
                    PstError::Stale,
                    PstError::ExcessiveVariance,
                    PstError::Paused,
                ];
                allow(res, &codes(&allowed));
            }
            Action::Slots(n) => env.warp_slots(n),
            Action::Distribute => {
                let res = env.distribute(&m, &keeper.wallet, &keeper.usdc).await;
                allow(res, &codes(&[DistributorError::NothingToDistribute, DistributorError::Paused]));
            }
            Action::Stake(i, ppm) => {
                let free = env.balance(&holders[i].pst).await;
                let amount = (free as u128 * ppm as u128 / 1_000_000) as u64;
                let res = env.stake(&m, &holders[i], amount).await;
                allow(res, &codes(&[DistributorError::ZeroAmount, DistributorError::Paused]));
            }
            Action::Unstake(i, ppm) => {
                let staked = env.position(&m, &holders[i].wallet.pubkey()).await.staked;
                let amount = (staked as u128 * ppm as u128 / 1_000_000) as u64;
                let res = env.unstake(&m, &holders[i], amount).await;
                if amount > 0 && !frozen {
                    res.expect("unstaking is never refused while exits are open");
                } else {
                    allow(res, &codes(&[DistributorError::ZeroAmount, DistributorError::ExitsFrozen]));
                }
            }
            Action::Claim(i) => {
                let res = env.claim(&m, &holders[i]).await;
                let ok =
                    allow(res, &codes(&[DistributorError::NothingToClaim, DistributorError::ExitsFrozen]));
                assert!(ok || frozen || env.position(&m, &holders[i].wallet.pubkey()).await.pending == 0);
            }
            Action::Push => {
                let ix = env.push_payouts(&m, &keeper.wallet.pubkey(), &keeper.usdc, &[pushed]);
                let res = env.send(&[ix], &[&keeper.wallet]).await;
                if !frozen {
                    // refused only when the position is owed nothing (already paid, or nothing earned yet)
                    allow(res, &codes(&[DistributorError::NothingToClaim]));
                } else {
                    allow(res, &codes(&[DistributorError::ExitsFrozen]));
                }
            }
            Action::Swap(t, pst_in, ppm) => {
                let trader = &traders[t];
                let (direction, from) =
                    if pst_in { (PstToUsdc, trader.pst) } else { (UsdcToPst, trader.usdc) };
                let amount = (env.balance(&from).await as u128 * ppm as u128 / 1_000_000) as u64;
                let k0 = env.pool(&m).await;
                let res = env.swap_in(&m, trader, direction, amount, 0).await;
                let allowed =
                    [AmmError::ZeroAmount, AmmError::ZeroOutput, AmmError::Paused, AmmError::ExitsFrozen];
                if allow(res, &codes(&allowed)) {
                    let k1 = env.pool(&m).await;
                    // k never decreases across a swap (after the harvest it starts with)
                    let y0 = k0.reserve_usdc + (k1.totals.dividends - k0.totals.dividends);
                    assert!(pst_math::curve::k_not_decreased(
                        k0.reserve_pst,
                        y0,
                        k1.reserve_pst,
                        k1.reserve_usdc
                    ));
                }
            }
            Action::AddLiquidity(l, ppm) => {
                let supply = env.pool(&m).await.lp_supply;
                let lp = (supply as u128 * ppm as u128 / 1_000_000) as u64;
                let res = env.add_liquidity(&m, &lps[l], lp, u64::MAX, u64::MAX).await;
                allow(res, &codes(&[AmmError::ZeroAmount, AmmError::Paused, AmmError::ExitsFrozen]));
            }
            Action::RemoveLiquidity(l, ppm) => {
                let held = env.balance(&lps[l].lp).await;
                let lp = (held as u128 * ppm as u128 / 1_000_000) as u64;
                let res = env.remove_liquidity(&m, &lps[l], lp, 0, 0).await;
                if lp > 0 && !frozen {
                    res.expect("LP withdrawals are never refused while exits are open");
                } else {
                    allow(res, &codes(&[AmmError::ZeroAmount, AmmError::ExitsFrozen]));
                }
            }
            Action::Harvest => {
                let res = env.harvest(&m).await;
                allow(res, &codes(&[AmmError::NothingToHarvest, AmmError::ExitsFrozen]));
            }
            Action::Collect => {
                let res = env.collect_protocol_fees(&m).await;
                allow(res, &codes(&[AmmError::NothingToCollect]));
            }
            Action::Pause(i) => match FLAGS.get(i) {
                Some(flag) => {
                    // the guardian adds a flag to those already set (clearing one takes the admin)
                    let paused = env.config().await.paused | flag;
                    env.pause(paused).await
                }
                None => {
                    let flag = if i == FLAGS.len() {
                        amm_pool::constants::PAUSE_SWAP
                    } else {
                        amm_pool::constants::PAUSE_DEPOSIT
                    };
                    let paused = env.pool(&m).await.paused | flag;
                    env.set_pool_pause(&m, &guardian, paused).await.expect("pause the pool");
                }
            },
            Action::Unpause => {
                env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
                env.set_pool_pause(&m, &admin, 0).await.expect("unpause the pool");
            }
            Action::Freeze(secs) => {
                let res = env.send(&[env.freeze_exits(&admin.pubkey(), secs)], &[&admin]).await;
                allow(res, &codes(&[PstError::ExitFreezeActive, PstError::ExitFreezeCooldown]));
            }
            Action::Warp(secs) => env.warp(secs),
        }
        continue_checks(&mut env, &m, &owners).await;
    }
}

/// After every step: every conservation check and every invariant.
async fn continue_checks(env: &mut Env, m: &MerchantKeys, owners: &[Pubkey]) {
    env.assert_all_conserved(m).await;
    assert_every_invariant(env, m, owners).await;
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(CASES)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_cross_program_sequences(actions in proptest::collection::vec(action(), 20..60)) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run(actions));
    }
}
