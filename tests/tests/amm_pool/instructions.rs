//! amm_pool: seeding, trading both ways, liquidity, TWAP, dividends for LPs, governance, and every refusal
//! with its exact error. Every test that changes the pool ends with `assert_pool_conserved`.
use amm_pool::{
    constants::*,
    errors::AmmError as E,
    instruction as ixd,
    state::{twap_q64, Pool},
};
use anchor_lang::error::ErrorCode as Anchor;
use pst_tests::*;
use revenue_distributor::{errors::DistributorError, instruction as rd_ixd};

const HOUR: i64 = 3_600;

/// A pool with a liquidity provider (`usdc` USDC, and PST bought from the pool with half of it) and a trader.
async fn pool_with_lp(env: &mut Env, usdc: u64) -> (MerchantKeys, Lp, Investor) {
    let m = env.merchant_with_pool().await;
    let lp = env.lp_investor(&m, usdc).await;
    env.swap_in(&m, &lp.investor, UsdcToPst, usdc / 2, 0).await.expect("LP buys PST");
    let trader = env.investor(&m, 50_000 * USDC).await;
    (m, lp, trader)
}

/// Value of one LP token in USDC base units ×10^12, the PST side valued at the pool's own price (so it is
/// worth as much as the USDC side), for comparisons.
fn lp_value(p: &Pool) -> u128 {
    2 * p.reserve_usdc as u128 * 1_000_000_000_000 / p.lp_supply as u128
}

#[tokio::test]
async fn pool_opens_from_the_lp_allocation_at_the_issue_price() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let p = env.pool(&m).await;
    let lp_allocation = 300_000 * PST;
    assert_eq!(p.reserve_pst, lp_allocation);
    assert_eq!(p.reserve_usdc, 300_000 * USDC, "seeded at the issue price (1 USDC)");
    assert_eq!(p.lp_supply, 300_000 * PST, "sqrt(x*y)");
    assert_eq!(p.seed_lp_locked, p.lp_supply - pst_math::curve::MINIMUM_LIQUIDITY);
    assert_eq!((p.fee_bps, p.protocol_share_bps, p.paused), (DEFAULT_FEE_BPS, DEFAULT_PROTOCOL_SHARE_BPS, 0));
    let merchant = env.merchant(&m).await;
    assert_eq!(p.seed_unlock_ts, merchant.vesting.start + merchant.vesting.duration_secs);
    assert_eq!(p.seed_beneficiary, m.authority.pubkey());
    // the LP allocation earns in place
    let position = env.position(&m, &PoolAddresses::of(&m).pool).await;
    assert_eq!(position.staked, lp_allocation);
    assert_eq!(position.custody, m.lp_vault);
    assert_eq!(env.distributor(&m).await.total_staked, lp_allocation);
    assert_eq!(p.price_q64().unwrap(), 1u128 << 64);
    let obs = env.observations(&m).await;
    assert_eq!((obs.count, obs.entries[0].timestamp), (1, env.now));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn initialisation_refusals() {
    let mut env = Env::new().await;
    // no distributor yet: the custody position cannot be opened
    let (m, _) = env.merchant_with_feed().await;
    env.init_pool(&m).await.expect_error(Anchor::AccountNotInitialized);
    env.init_distributor(&m, WEEK).await.expect("distributor");
    // not the merchant's authority
    let outsider = env.wallet().await;
    let (_, outsider_usdc) = env.funded_wallet(0).await;
    let mut a = env.initialize_pool_accounts(&m, &outsider_usdc);
    a.authority = outsider.pubkey();
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: u64::MAX })], &[&outsider])
        .await
        .expect_error(E::NotMerchantAuthority);
    // the USDC side is priced at the issue price: a lower cap is refused
    let usdc = env.merchant_usdc_account(&m).await;
    env.mint_usdc(&usdc, 300_000 * USDC).await;
    let a = env.initialize_pool_accounts(&m, &usdc);
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: 299_999 * USDC })], &[&m.authority])
        .await
        .expect_error(E::SlippageExceeded);
    // another merchant's PST mint, another merchant's LP vault
    let (other, _) = env.merchant_with_feed().await;
    let mut a = env.initialize_pool_accounts(&m, &usdc);
    a.pst_mint = other.pst_mint;
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: u64::MAX })], &[&m.authority])
        .await
        .expect_error(E::WrongMint);
    let mut a = env.initialize_pool_accounts(&m, &usdc);
    a.pst_vault = other.lp_vault;
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: u64::MAX })], &[&m.authority])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // a wrong USDC mint
    let mut a = env.initialize_pool_accounts(&m, &usdc);
    a.usdc_mint = m.pst_mint;
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: u64::MAX })], &[&m.authority])
        .await
        .expect_error(E::WrongMint);
    // opens once
    let a = env.initialize_pool_accounts(&m, &usdc);
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: 300_000 * USDC })], &[&m.authority])
        .await
        .expect("initialize_pool");
    env.mint_usdc(&usdc, 300_000 * USDC).await;
    env.warp(1);
    let a = env.initialize_pool_accounts(&m, &usdc);
    env.send(&[amm_ix(a, ixd::InitializePool { max_usdc: 300_000 * USDC })], &[&m.authority])
        .await
        .expect_error(E::AlreadyInitialized);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn trades_both_ways_and_exact_out() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 10_000 * USDC).await;
    env.swap_in(&m, &h, UsdcToPst, 1_000 * USDC, 0).await.expect("buy PST");
    let got = env.balance(&h.pst).await;
    // 1000 USDC less 0.3% into a 300k/300k pool
    let after_fee = 1_000 * USDC - 3 * USDC;
    let expected =
        (300_000u128 * PST as u128 * after_fee as u128 / (300_000 * USDC + after_fee) as u128) as u64;
    assert_eq!(got, expected);
    let p = env.pool(&m).await;
    assert_eq!(p.protocol_fees_usdc, 3 * USDC * 2_000 / 10_000, "20% of the fee to the protocol");
    assert_eq!(p.reserve_usdc, 300_000 * USDC + 1_000 * USDC - p.protocol_fees_usdc);
    env.swap_in(&m, &h, PstToUsdc, got, 0).await.expect("sell PST");
    assert!(env.balance(&h.usdc).await < 10_000 * USDC, "a round trip costs fees");
    env.swap_out(&m, &h, UsdcToPst, 100 * PST, 200 * USDC).await.expect("buy exactly 100 PST");
    assert_eq!(env.balance(&h.pst).await, 100 * PST);
    let usdc = env.balance(&h.usdc).await;
    env.swap_out(&m, &h, PstToUsdc, 50 * USDC, 100 * PST).await.expect("sell for exactly 50 USDC");
    assert_eq!(env.balance(&h.usdc).await, usdc + 50 * USDC);
    let p = env.pool(&m).await;
    assert_eq!((p.totals.usdc_in > 0, p.totals.pst_in > 0), (true, true));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn swap_refusals() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 10_000 * USDC).await;
    // slippage, both kinds
    env.swap_in(&m, &h, UsdcToPst, 1_000 * USDC, 1_000 * PST).await.expect_error(E::SlippageExceeded);
    env.swap_out(&m, &h, UsdcToPst, 1_000 * PST, 1_000 * USDC).await.expect_error(E::SlippageExceeded);
    // zero amounts, a trade too small to pay out, more than the pool holds
    env.swap_in(&m, &h, UsdcToPst, 0, 0).await.expect_error(E::ZeroAmount);
    env.swap_out(&m, &h, UsdcToPst, 0, u64::MAX).await.expect_error(E::ZeroAmount);
    env.swap_in(&m, &h, UsdcToPst, 1, 0).await.expect_error(E::ZeroOutput);
    env.swap_out(&m, &h, UsdcToPst, 300_000 * PST, u64::MAX).await.expect_error(E::InsufficientLiquidity);
    // paying more than the trader has
    env.swap_in(&m, &h, UsdcToPst, 20_000 * USDC, 0).await.expect_error(RuntimeError::TokenInsufficientFunds);
    // a wrong vault: another PST account as the pool's PST vault
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.pst_vault = m.sale_vault;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::WrongVault);
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.usdc_vault = h.usdc;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::WrongVault);
    // a wrong mint: the trader's USDC account where its PST account goes, a wrong mint account
    let (_, someone_usdc) = env.funded_wallet(0).await;
    let a = env.swap_accounts(&m, &h.wallet.pubkey(), &someone_usdc, &h.usdc);
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::WrongMint);
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.pst_mint = env.usdc_mint;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::WrongMint);
    // a wrong signer: someone else's tokens
    let thief = env.investor(&m, 0).await;
    let a = env.swap_accounts(&m, &thief.wallet.pubkey(), &thief.pst, &h.usdc);
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&thief.wallet]).await.expect_error(RuntimeError::TokenOwnerMismatch);
    // a spoofed pool: a copy of the pool's state at an address that is not its PDA
    let fake = Pubkey::new_unique();
    let real = env.raw_account(&PoolAddresses::of(&m).pool).await.unwrap();
    env.set_account(&fake, real);
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.pool = fake;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(Anchor::ConstraintSeeds);
    // a wrong owner: the merchant account (pst_mint's) as the pool
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.pool = m.merchant;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(Anchor::AccountOwnedByWrongProgram);
    // another pool's observations and dividend accounts
    let other = env.merchant_with_pool().await;
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.observations = PoolAddresses::of(&other).observations;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::WrongObservations);
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.position = PoolAddresses::of(&other).position;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::WrongDividendAccount);
    // a duplicated account: the pool's USDC vault as the trader's USDC account
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.trader_usdc = PoolAddresses::of(&m).usdc_vault;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: PstToUsdc, amount_in: PST, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::DuplicateAccount);
    let mut a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.usdc);
    a.trader_pst = m.lp_vault;
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(E::DuplicateAccount);
    // the same account twice among the typed accounts
    let a = env.swap_accounts(&m, &h.wallet.pubkey(), &h.pst, &h.pst);
    let ix = amm_ix(a, ixd::SwapExactIn { direction: UsdcToPst, amount_in: USDC, min_out: 0 });
    env.send(&[ix], &[&h.wallet]).await.expect_error(Anchor::ConstraintDuplicateMutableAccount);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn liquidity_in_and_out_never_costs_the_other_lps() {
    let mut env = Env::new().await;
    let (m, lp, trader) = pool_with_lp(&mut env, 20_000 * USDC).await;
    let (pst0, usdc0) = (env.balance(&lp.investor.pst).await, env.balance(&lp.investor.usdc).await);
    let before = env.pool(&m).await;
    let amount = 5_000 * PST;
    env.add_liquidity(&m, &lp, amount, pst0, usdc0).await.expect("deposit");
    assert_eq!(env.balance(&lp.lp).await, amount);
    let after = env.pool(&m).await;
    assert!(lp_value(&after) >= lp_value(&before));
    let (paid_pst, paid_usdc) =
        (pst0 - env.balance(&lp.investor.pst).await, usdc0 - env.balance(&lp.investor.usdc).await);
    assert_eq!(
        paid_pst,
        (amount as u128 * before.reserve_pst as u128).div_ceil(before.lp_supply as u128) as u64
    );
    assert_eq!(
        paid_usdc,
        (amount as u128 * before.reserve_usdc as u128).div_ceil(before.lp_supply as u128) as u64
    );
    // a trade in between earns the LPs the fee
    env.swap_in(&m, &trader, UsdcToPst, 10_000 * USDC, 0).await.expect("trade");
    assert!(lp_value(&env.pool(&m).await) > lp_value(&after));
    // slippage on both sides of a withdrawal; more LP than held; zero
    env.remove_liquidity(&m, &lp, amount, u64::MAX, 0).await.expect_error(E::SlippageExceeded);
    env.remove_liquidity(&m, &lp, amount + 1, 0, 0).await.expect_error(E::InsufficientLpBalance);
    env.remove_liquidity(&m, &lp, 0, 0, 0).await.expect_error(E::ZeroAmount);
    let before = env.pool(&m).await;
    env.remove_liquidity(&m, &lp, amount, 0, 0).await.expect("withdraw");
    assert_eq!(env.balance(&lp.lp).await, 0);
    assert!(lp_value(&env.pool(&m).await) >= lp_value(&before), "a withdrawal never lowers LP value");
    // deposit refusals
    env.add_liquidity(&m, &lp, 0, u64::MAX, u64::MAX).await.expect_error(E::ZeroAmount);
    env.add_liquidity(&m, &lp, PST, 0, u64::MAX).await.expect_error(E::SlippageExceeded);
    env.add_liquidity(&m, &lp, PST, u64::MAX, 0).await.expect_error(E::SlippageExceeded);
    let mut a = env.liquidity_accounts(&m, &lp.tokens());
    let (_, someone_usdc) = env.funded_wallet(0).await;
    a.owner_lp = someone_usdc;
    let ix = amm_ix(a, ixd::Deposit { lp: PST, max_pst: u64::MAX, max_usdc: u64::MAX });
    env.send(&[ix], &[&lp.investor.wallet]).await.expect_error(E::WrongMint);
    let mut a = env.liquidity_accounts(&m, &lp.tokens());
    a.lp_mint = m.pst_mint;
    let ix = amm_ix(a, ixd::Deposit { lp: PST, max_pst: u64::MAX, max_usdc: u64::MAX });
    env.send(&[ix], &[&lp.investor.wallet]).await.expect_error(E::WrongMint);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_seed_liquidity_stays_until_the_merchants_vesting_ends() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    env.claim_seed_liquidity(&m).await.expect_error(E::SeedLiquidityLocked);
    let outsider = env.wallet().await;
    let a = env.claim_seed_accounts(&m, &outsider.pubkey()).await;
    env.send(&[amm_ix(a, ixd::ClaimSeedLiquidity {})], &[&outsider])
        .await
        .expect_error(E::NotMerchantAuthority);
    let unlock = env.pool(&m).await.seed_unlock_ts;
    env.warp(unlock - env.now);
    let locked = env.pool(&m).await.seed_lp_locked;
    env.claim_seed_liquidity(&m).await.expect("claim seed LP");
    let dest = env.claim_seed_accounts(&m, &m.authority.pubkey()).await.destination;
    assert_eq!(env.balance(&dest).await, locked);
    env.claim_seed_liquidity(&m).await.expect_error(E::NothingToClaim);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn twap_follows_the_pre_trade_price_over_time() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 100_000 * USDC).await;
    let t0 = env.now;
    let p0 = env.pool(&m).await.price_q64().unwrap();
    env.twap(&m, HOUR).await.expect_error(E::TwapWindowNotCovered);
    env.warp(1_800);
    env.swap_in(&m, &h, UsdcToPst, 30_000 * USDC, 0).await.expect("buy");
    let p1 = env.pool(&m).await.price_q64().unwrap();
    // swaps less than the spacing later do not record an observation
    env.warp(60);
    env.swap_in(&m, &h, UsdcToPst, USDC, 0).await.expect("small buy");
    let p1b = env.pool(&m).await.price_q64().unwrap();
    env.warp(40);
    env.swap_in(&m, &h, UsdcToPst, USDC, 0).await.expect("small buy");
    let p1c = env.pool(&m).await.price_q64().unwrap();
    assert_eq!(env.observations(&m).await.count, 2);
    env.warp(1_700);
    env.swap_in(&m, &h, PstToUsdc, 10_000 * PST, 0).await.expect("sell");
    let p2 = env.pool(&m).await.price_q64().unwrap();
    let obs = env.observations(&m).await;
    assert_eq!(obs.count, 3);
    // the record names the price in force before it and since when
    let newest = obs.newest().unwrap();
    assert_eq!((newest.timestamp, newest.since), (t0 + 3_600, t0 + 1_900));
    env.warp(1_800);
    assert_eq!(env.now, t0 + 5_400);
    // the geometric mean, by hand: the log of each price weighted by the seconds it held
    use pst_math::twap::{exp2_q16, log2_q16};
    let l = |p: u128| log2_q16(p).unwrap() as u128;
    let mean = |sum: u128, secs: u128| exp2_q16((sum / secs) as u32);
    let c1800 = l(p0) * 1_800;
    let c3600 = c1800 + l(p1) * 60 + l(p1b) * 40 + l(p1c) * 1_700;
    let end = c3600 + l(p2) * 1_800;
    // the last hour: exactly from the observation at t0 + 1800
    assert_eq!(env.twap(&m, HOUR).await.unwrap(), mean(end - c1800, 3_600));
    // the whole life of the pool
    assert_eq!(env.twap(&m, 5_400).await.unwrap(), mean(end, 5_400));
    env.twap(&m, 5_401).await.expect_error(E::TwapWindowNotCovered);
    // exactly the requested window, not from the observation before it: a start where one price held until the
    // next record is exact
    let expected = mean(l(p0) * 400 + (end - c1800), 4_000);
    assert_eq!(env.twap(&m, 4_000).await.unwrap(), expected);
    // a start after the last unrecorded trade before a record (t0 + 1900): exact too, from that record
    assert_eq!(env.twap(&m, 3_000).await.unwrap(), mean(l(p1c) * 1_200 + l(p2) * 1_800, 3_000));
    // a start between an observation and that trade, with another trade between them (a gap the buffer cannot
    // replay): the mean starts where the gap ends, at t0 + 1900, and reads nothing from before the window
    let c1900 = c1800 + l(p1) * 60 + l(p1b) * 40;
    assert_eq!(env.twap(&m, 3_560).await.unwrap(), mean(end - c1900, 3_500));
    // a window inside the time since the last trade: the current price, exactly
    assert_eq!(env.twap(&m, MIN_TWAP_WINDOW_SECS).await.unwrap(), exp2_q16(l(p2) as u32));
    env.twap(&m, MIN_TWAP_WINDOW_SECS - 1).await.expect_error(E::InvalidTwapWindow);
    env.twap(&m, 31 * 86_400).await.expect_error(E::InvalidTwapWindow);
    // moving the price and back within one timestamp leaves the TWAP where it was
    let before = env.twap(&m, HOUR).await.unwrap();
    env.swap_in(&m, &h, UsdcToPst, 50_000 * USDC, 0).await.expect("pump");
    let pst = env.balance(&h.pst).await;
    env.swap_in(&m, &h, PstToUsdc, pst, 0).await.expect("dump");
    assert_eq!(env.twap(&m, HOUR).await.unwrap(), before);
    // a gap after the newest record, with no record after it: a window starting inside it starts where the pool
    // last changed; one starting at the record is exact
    let p3 = env.pool(&m).await.price_q64().unwrap();
    env.warp(100);
    env.swap_in(&m, &h, UsdcToPst, 1_000 * USDC, 0).await.expect("a buy, not recorded");
    let p4 = env.pool(&m).await.price_q64().unwrap();
    env.warp(1_300);
    assert_eq!(env.twap(&m, 1_350).await.unwrap(), exp2_q16(l(p4) as u32));
    assert_eq!(env.twap(&m, 1_400).await.unwrap(), mean(l(p3) * 100 + l(p4) * 1_300, 1_400));
    // the on-chain read (return data) agrees
    let before = env.twap(&m, HOUR).await.unwrap();
    let ix = env.get_twap(&m, HOUR);
    let ok = env.send(&[ix], &[]).await.expect("get_twap");
    if env.sbf {
        // natively built programs' return data does not reach the transaction metadata
        assert_eq!(ok.return_data.map(|d| u128::from_le_bytes(d.try_into().unwrap())), Some(before));
    }
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_ring_buffer_wraps_and_keeps_the_newest() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 100_000 * USDC).await;
    for i in 0..(OBSERVATION_CAPACITY as u64 + 6) {
        env.warp(OBSERVATION_SPACING_SECS);
        let d = if i % 2 == 0 { UsdcToPst } else { PstToUsdc };
        let amount = if i % 2 == 0 { 100 * USDC } else { 50 * PST };
        env.swap_in(&m, &h, d, amount, 0).await.expect("swap");
    }
    let obs = env.observations(&m).await;
    assert_eq!(obs.count, OBSERVATION_CAPACITY as u64);
    assert_eq!(obs.newest().unwrap().timestamp, env.now);
    let oldest = env.now - (OBSERVATION_CAPACITY as i64 - 1) * OBSERVATION_SPACING_SECS;
    assert!(obs.entries.iter().all(|o| o.timestamp >= oldest));
    // a window reaches back to when the oldest record's price began (the swap one spacing before it)
    assert_eq!(obs.oldest().unwrap().timestamp, oldest);
    let reach = env.now - obs.oldest().unwrap().since;
    assert_eq!(reach, env.now - oldest + OBSERVATION_SPACING_SECS);
    env.twap(&m, reach).await.expect("covered to the oldest record's price");
    env.twap(&m, reach + 1).await.expect_error(E::TwapWindowNotCovered);
    // the read function refuses another pool's buffer
    let other = env.merchant_with_pool().await;
    let (pool, obs) = (env.pool(&m).await, env.observations(&other).await);
    twap_q64(&pool, &PoolAddresses::of(&m).pool, &obs, env.now, HOUR).expect_error(E::WrongObservations);
}

#[tokio::test]
async fn pool_held_pst_earns_dividends_for_lps() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    // a holder stakes 100k PST beside the pool's 300k
    let h = env.investor(&m, 100_001 * USDC).await;
    env.buy(&m, &h, 100_000 * PST).await.expect("buy");
    env.open_position(&m, &h.wallet).await.expect("open");
    env.stake(&m, &h, 100_000 * PST).await.expect("stake");
    env.dividends_arrive(&m, 1_000_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let d = env.distributor(&m).await;
    let streamed = d.schedule.scheduled;
    // to the end of the stream (a full week, ending on the distributor's grid)
    env.warp(d.schedule.end - env.now);
    let before = env.pool(&m).await;
    // a keeper's floor above what is due refuses the harvest (what a racing keeper's late copy meets)
    let due = streamed / 4 * 3;
    let ix = env.harvest_dividends_with_floor(&m, due + 1_000);
    env.send(&[ix], &[]).await.expect_error(E::NothingToHarvest);
    let ix = env.harvest_dividends_with_floor(&m, due - 1_000);
    env.send_ok(&[ix], &[]).await;
    let after = env.pool(&m).await;
    let harvested = after.reserve_usdc - before.reserve_usdc;
    assert_eq!(after.totals.dividends, harvested);
    // three quarters of the stream, to the unit (rounding down)
    let expected = streamed as u128 * 300_000 / 400_000;
    assert!(expected - harvested as u128 <= 1, "pool got {harvested}, expected {expected}");
    assert!(lp_value(&after) > lp_value(&before), "dividends raise the LP token's value");
    let usdc = env.balance(&h.usdc).await;
    env.claim(&m, &h).await.expect("holder claims");
    let claimed = env.balance(&h.usdc).await - usdc;
    assert!(streamed as u128 * 100_000 / 400_000 - claimed as u128 <= 1);
    assert!(claimed as u128 + harvested as u128 <= streamed as u128, "never more than was streamed");
    // nothing left to harvest
    env.harvest(&m).await.expect_error(E::NothingToHarvest);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_pools_stake_follows_its_vault_through_the_stream() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 400_001 * USDC).await;
    env.buy(&m, &h, 100_000 * PST).await.expect("buy");
    env.open_position(&m, &h.wallet).await.expect("open");
    env.stake(&m, &h, 100_000 * PST).await.expect("stake");
    let trader = env.investor(&m, 200_000 * USDC).await;
    env.dividends_arrive(&m, 1_000_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let d = env.distributor(&m).await;
    let (streamed, end) = (d.schedule.scheduled as u128, d.schedule.end);
    // half the stream with 300k in the pool, then a buy takes PST out of it (harvesting the first half first)
    env.warp((end - env.now) / 2);
    env.swap_in(&m, &trader, UsdcToPst, 150_000 * USDC, 0).await.expect("big buy");
    let first = env.distributor(&m).await.schedule.released as u128;
    let pool_pst = env.pool(&m).await.reserve_pst as u128;
    assert_eq!(env.position(&m, &PoolAddresses::of(&m).pool).await.staked as u128, pool_pst);
    env.warp(end - env.now);
    env.harvest(&m).await.expect("harvest");
    let harvested = env.pool(&m).await.totals.dividends as u128;
    let expected =
        first * 300_000 / 400_000 + (streamed - first) * pool_pst / (pool_pst + 100_000 * PST as u128);
    assert!(harvested <= expected && expected - harvested <= 2, "pool got {harvested}, expected {expected}");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_late_lp_does_not_share_dividends_earned_before_it_joined() {
    let mut env = Env::new().await;
    let (m, lp, _) = pool_with_lp(&mut env, 20_000 * USDC).await;
    env.dividends_arrive(&m, 1_000_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    env.warp(WEEK);
    // the deposit harvests first, so the LP pays the price with the dividends in it
    let (pst0, usdc0) = (env.balance(&lp.investor.pst).await, env.balance(&lp.investor.usdc).await);
    env.add_liquidity(&m, &lp, 5_000 * PST, u64::MAX, u64::MAX).await.expect("deposit");
    let p = env.pool(&m).await;
    assert!(p.totals.dividends > 0, "harvested on deposit");
    env.remove_liquidity(&m, &lp, 5_000 * PST, 0, 0).await.expect("withdraw");
    assert!(env.balance(&lp.investor.pst).await <= pst0);
    assert!(env.balance(&lp.investor.usdc).await <= usdc0, "in and out returns no more than was put in");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_fake_pool_cannot_take_the_pools_dividends() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let other = env.merchant_with_pool().await;
    env.dividends_arrive(&m, 1_000_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    env.warp(WEEK);
    let k = PoolAddresses::of(&m);
    let d = DistributorAddresses::of(&m);
    // another merchant's pool harvesting this merchant's position
    let mut a = env.harvest_dividends_accounts(&m);
    a.pool = PoolAddresses::of(&other).pool;
    a.observations = PoolAddresses::of(&other).observations;
    a.pst_vault = PoolAddresses::of(&other).pst_vault;
    a.usdc_vault = PoolAddresses::of(&other).usdc_vault;
    env.send(&[amm_ix(a, ixd::HarvestDividends { min_amount: 0 })], &[])
        .await
        .expect_error(E::WrongDividendAccount);
    // a forged pool account (the real pool's data at an address that is not the PDA)
    let fake = Pubkey::new_unique();
    let real = env.raw_account(&k.pool).await.unwrap();
    env.set_account(&fake, real);
    let mut a = env.harvest_dividends_accounts(&m);
    a.pool = fake;
    env.send(&[amm_ix(a, ixd::HarvestDividends { min_amount: 0 })], &[])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // the harvest paid into an attacker's USDC account
    let attacker = env.investor(&m, 0).await;
    let mut a = env.harvest_dividends_accounts(&m);
    a.usdc_vault = attacker.usdc;
    env.send(&[amm_ix(a, ixd::HarvestDividends { min_amount: 0 })], &[]).await.expect_error(E::WrongVault);
    // straight to revenue_distributor: a wallet posing as the pool
    let open = env.open_pool_position(&m, &env.payer().pubkey(), &attacker.wallet.pubkey(), &attacker.usdc);
    env.send(&[open], &[&attacker.wallet]).await.expect_error(DistributorError::NotPool);
    // claiming or syncing the pool's position without the pool's signature
    let mut a = env.claim_accounts(&m, &attacker.wallet.pubkey(), &attacker.usdc);
    a.position = k.position;
    env.send(&[rd_ix(a, rd_ixd::Claim {})], &[&attacker.wallet])
        .await
        .expect_error(DistributorError::NotPositionOwner);
    let sync =
        env.sync_pool_stake(&m, &attacker.wallet.pubkey(), &k.position, &m.lp_vault, &attacker.usdc, 0);
    env.send(&[sync], &[&attacker.wallet]).await.expect_error(DistributorError::NotPositionOwner);
    // a holder cannot turn its own stake-vault position into one that follows some account's balance: not the
    // pool's vault, nor the empty custody (Pubkey::default(), the System program) its position records
    let holder = env.investor(&m, 0).await;
    env.open_position(&m, &holder.wallet).await.expect("open");
    for (custody, error) in [
        (m.lp_vault, DistributorError::WrongVault),
        (anchor_lang::system_program::ID, DistributorError::CustodyPosition),
    ] {
        let position = d.position(&holder.wallet.pubkey());
        let sync = env.sync_pool_stake(&m, &holder.wallet.pubkey(), &position, &custody, &holder.usdc, 1);
        env.send(&[sync], &[&holder.wallet]).await.expect_error(error);
    }
    assert_eq!(env.balance(&attacker.usdc).await, 0);
    env.harvest(&m).await.expect("the real crank");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn governance_fees_pause_and_protocol_fee_collection() {
    let mut env = Env::new().await;
    let (m, lp, trader) = pool_with_lp(&mut env, 20_000 * USDC).await;
    let admin = env.admin.insecure_clone();
    let guardian = env.guardian.insecure_clone();
    // fees: admin only, bounded
    env.update_pool_fees(&m, &guardian, 50, 1_000).await.expect_error(E::NotAdmin);
    env.update_pool_fees(&m, &admin, MAX_FEE_BPS + 1, 0).await.expect_error(E::InvalidFee);
    env.update_pool_fees(&m, &admin, 0, MAX_PROTOCOL_SHARE_BPS + 1).await.expect_error(E::InvalidFee);
    env.update_pool_fees(&m, &admin, 100, 5_000).await.expect("fees");
    let p = env.pool(&m).await;
    let (fees_pst0, fees_usdc0) = (p.protocol_fees_pst, p.protocol_fees_usdc);
    assert_eq!((p.fee_bps, p.protocol_share_bps), (100, 5_000));
    env.swap_in(&m, &trader, UsdcToPst, 10_000 * USDC, 0).await.expect("buy");
    let pst = env.balance(&trader.pst).await / 2;
    env.swap_in(&m, &trader, PstToUsdc, pst, 0).await.expect("sell");
    let p = env.pool(&m).await;
    assert_eq!(p.protocol_fees_usdc - fees_usdc0, 10_000 * USDC / 100 / 2);
    assert_eq!(p.protocol_fees_pst - fees_pst0, pst.div_ceil(100) / 2);
    // pause: the guardian sets flags, only the admin clears them; each direction separately
    let outsider = env.wallet().await;
    env.set_pool_pause(&m, &outsider, PAUSE_SWAP).await.expect_error(E::NotGuardian);
    // there is no withdrawal pause: bit 2 is as unknown as bit 3
    env.set_pool_pause(&m, &guardian, 1 << 2).await.expect_error(E::InvalidPauseFlags);
    env.set_pool_pause(&m, &guardian, 1 << 3).await.expect_error(E::InvalidPauseFlags);
    env.set_pool_pause(&m, &guardian, PAUSE_SWAP).await.expect("pause swaps");
    env.swap_in(&m, &trader, UsdcToPst, USDC, 0).await.expect_error(E::Paused);
    env.swap_out(&m, &trader, UsdcToPst, PST, u64::MAX).await.expect_error(E::Paused);
    env.add_liquidity(&m, &lp, PST, u64::MAX, u64::MAX).await.expect("deposits still open");
    env.set_pool_pause(&m, &guardian, PAUSE_SWAP | PAUSE_DEPOSIT).await.expect("pause all");
    env.add_liquidity(&m, &lp, PST, u64::MAX, u64::MAX).await.expect_error(E::Paused);
    // an exit: withdrawals stay open under every pause
    env.remove_liquidity(&m, &lp, PST, 0, 0).await.expect("withdrawals stay open");
    env.set_pool_pause(&m, &guardian, PAUSE_SWAP).await.expect_error(E::UnpauseRequiresAdmin);
    env.set_pool_pause(&m, &admin, 0).await.expect("admin unpauses");
    // protocol fees go to the admin's accounts only
    let mut a = env.collect_accounts(&m).await;
    a.admin_usdc = trader.usdc;
    env.send(&[amm_ix(a, ixd::CollectProtocolFees {})], &[]).await.expect_error(E::WrongFeeDestination);
    let a = env.collect_accounts(&m).await;
    let (admin_pst, admin_usdc) = (a.admin_pst, a.admin_usdc);
    let p = env.pool(&m).await;
    env.collect_protocol_fees(&m).await.expect("collect");
    assert_eq!(env.balance(&admin_pst).await, p.protocol_fees_pst);
    assert_eq!(env.balance(&admin_usdc).await, p.protocol_fees_usdc);
    env.collect_protocol_fees(&m).await.expect_error(E::NothingToCollect);
    env.assert_all_conserved(&m).await;
}
