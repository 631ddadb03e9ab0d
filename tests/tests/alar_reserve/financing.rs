//! The merchant's financing through `pst_mint` and the reserve: the sale's proceeds released with the stake
//! locked first, shortfall cover, what Watch and Default change, delisting and the stake's release.
use alar_reserve::errors::ReserveError;
use anchor_lang::error::ErrorCode as Anchor;
use pst_mint::{
    constants::PAUSE_SALE,
    errors::PstError,
    state::{HealthStatus, MerchantStatus},
};
use pst_tests::*;

/// The acceptance path: sale closes → unsold burned → proceeds released with the stake locked → a short period
/// covered from the stake → Default freezes withdrawals → stake topped up → withdrawals resume; the delisted
/// merchant gets its remaining stake back.
#[tokio::test]
async fn a_merchant_goes_through_the_whole_financing_path() {
    let mut env = Env::new().await;
    // 300,000 of the 500,000 public PST sell; the sale closes at its end and the rest is burned
    let (m, _buyer, reporters) = env.sale_closed_merchant(300_000 * PST).await;
    assert_eq!(env.supply(&m.pst_mint).await, 800_000 * PST);
    assert_eq!(
        env.merchant(&m).await.vesting.total,
        200_000 * PST,
        "the merchant keeps its approved share only"
    );
    env.assert_all_conserved(&m).await;

    // the proceeds (300,000 USDC) fund the stake first: 5% × 800,000 PST × 1.00 = 40,000; the rest is the
    // merchant's financing
    let (res, merchant_usdc) = env.release(&m).await;
    res.expect("release_proceeds");
    assert_eq!(env.balance(&merchant_usdc).await, 260_000 * USDC);
    assert_eq!(env.balance(&m.treasury).await, 0);
    let merchant = env.merchant(&m).await;
    assert_eq!((merchant.proceeds_released, merchant.stake_funded), (true, 40_000 * USDC));
    env.release(&m).await.0.expect_error(PstError::ProceedsAlreadyReleased);
    env.harvest_reserve_now(&m).await.expect("the reserve counts the stake");
    assert_eq!(env.reserve(&m).await.stake, 40_000 * USDC);
    env.assert_all_conserved(&m).await;

    // period 0: 100,000 of revenue reported, only 10,000 routed through settlement: 1,000 of the 10,000 due
    // swept, 9,000 short, coverage 10%: Default
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    let metrics = env.metrics(&m).await;
    assert_eq!(metrics.health, HealthStatus::Default);
    assert_eq!(env.settlement(&m).await.shortfall_recorded, 9_000 * USDC);
    assert_eq!(metrics.history[0].shortfall, 9_000 * USDC);
    env.withdraw(&m, &merchant_usdc, USDC).await.expect_error(PstError::ShortfallUncovered);

    // a keeper covers it from the stake: holders get what was due
    let dividend_before = env.balance(&m.dividend_vault).await;
    env.cover(&m, 0).await.expect("cover_shortfall");
    assert_eq!(env.balance(&m.dividend_vault).await, dividend_before + 9_000 * USDC);
    let cover = env.cover_account(&m, 0).await;
    assert_eq!((cover.shortfall, cover.covered), (9_000 * USDC, 9_000 * USDC));
    let r = env.reserve(&m).await;
    assert_eq!((r.stake, r.covered_total), (31_000 * USDC, 9_000 * USDC));
    env.cover(&m, 0).await.expect_error(ReserveError::PeriodAlreadyCovered);
    env.assert_all_conserved(&m).await;

    // covered, but the stake is 9,000 below its requirement: still frozen
    env.withdraw(&m, &merchant_usdc, USDC).await.expect_error(PstError::StakeBelowRequirement);
    // the merchant tops it up; withdrawals resume (at half the limit while the health is not Healthy)
    let authority = m.authority.insecure_clone();
    env.deposit_stake_from(&m, &authority, &merchant_usdc, 9_000 * USDC).await.expect("deposit_stake");
    assert_eq!(env.reserve(&m).await.stake, 40_000 * USDC);
    env.withdraw(&m, &merchant_usdc, USDC).await.expect("withdrawals resume");
    env.assert_all_conserved(&m).await;

    // the admin delists the defaulted merchant; it takes back what is left of its stake
    let admin = env.admin.insecure_clone();
    let ix = env.delist(&m, &admin.pubkey(), false);
    env.send(&[ix], &[&admin]).await.expect("delist");
    assert_eq!(env.merchant(&m).await.status, MerchantStatus::Delisted);
    let (usdc, pst) = env.merchant_accounts(&m).await;
    // the period in progress at delisting must be accepted first: its shortfall, if any, is still coming
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(ReserveError::FinalPeriodNotAccepted);
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 0).await;
    let before = env.balance(&usdc).await;
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect("release_stake");
    assert_eq!(env.balance(&usdc).await, before + 40_000 * USDC);
    let r = env.reserve(&m).await;
    assert!(r.released && r.stake == 0);
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(ReserveError::AlreadyReleased);
    env.assert_all_conserved(&m).await;
}

/// Watch halves the per-period limit: a period 10% short (beyond the 5% tolerance) puts the merchant on Watch.
#[tokio::test]
async fn watch_halves_the_withdrawal_limit() {
    let mut env = Env::new().await;
    let (m, _buyer, reporters) = env.financed_merchant(500_000 * PST).await;
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 10_000 * USDC).await;
    assert_eq!(env.metrics(&m).await.health, HealthStatus::Watch);
    let usdc = env.merchant_usdc_account(&m).await;
    // the approved limit is 50,000 a period: 25,000 on Watch
    env.withdraw(&m, &usdc, 25_000 * USDC + 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    env.withdraw(&m, &usdc, 25_000 * USDC).await.expect("half the limit");
    env.withdraw(&m, &usdc, 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    env.assert_all_conserved(&m).await;
}

/// A Healthy merchant withdraws up to the full limit; the reserve is not even read.
#[tokio::test]
async fn healthy_merchants_keep_the_full_limit() {
    let mut env = Env::new().await;
    let (m, _buyer, reporters) = env.financed_merchant(500_000 * PST).await;
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 0).await;
    assert_eq!(env.metrics(&m).await.health, HealthStatus::Healthy);
    let usdc = env.merchant_usdc_account(&m).await;
    env.withdraw(&m, &usdc, 50_000 * USDC).await.expect("the full limit");
    env.withdraw(&m, &usdc, 1).await.expect_error(PstError::WithdrawalLimitExceeded);
    env.assert_all_conserved(&m).await;
}

/// Unsold PST cannot be bought back into the stake's requirement: the requirement follows the burned supply, and
/// proceeds smaller than the requirement all go to the stake (the deficit stays visible).
#[tokio::test]
async fn small_proceeds_all_go_to_the_stake() {
    let mut env = Env::new().await;
    // 20,000 PST sold: supply 520,000, requirement 26,000, proceeds 20,000 → all to the stake, 6,000 short
    let (m, _buyer, _) = env.sale_closed_merchant(20_000 * PST).await;
    let (res, usdc) = env.release(&m).await;
    res.expect("release_proceeds");
    assert_eq!(env.balance(&usdc).await, 0);
    assert_eq!(env.merchant(&m).await.stake_funded, 20_000 * USDC);
    // anyone tops it up; the event reports the deficit
    let (friend, friend_usdc) = env.funded_wallet(6_000 * USDC).await;
    env.deposit_stake_from(&m, &friend, &friend_usdc, 6_000 * USDC).await.expect("deposit_stake");
    assert_eq!(env.reserve(&m).await.stake, 26_000 * USDC);
    env.assert_all_conserved(&m).await;
}

/// A merchant in Default cannot take the proceeds past its obligations: the release funds the requirement plus the
/// uncovered shortfall, which a keeper then covers, and the merchant gets the rest.
#[tokio::test]
async fn proceeds_released_in_default_cover_the_shortfall_first() {
    let mut env = Env::new().await;
    let (m, _buyer, reporters) = env.sale_closed_merchant(500_000 * PST).await;
    // before releasing, a period only 10% routed: 9,000 short, Default
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    assert_eq!(env.metrics(&m).await.health, HealthStatus::Default);
    let (res, usdc) = env.release(&m).await;
    res.expect("release_proceeds");
    // 50,000 requirement + 9,000 uncovered to the stake; 441,000 to the merchant
    assert_eq!(env.merchant(&m).await.stake_funded, 59_000 * USDC);
    assert_eq!(env.balance(&usdc).await, 441_000 * USDC);
    env.cover(&m, 0).await.expect("cover");
    assert_eq!(env.reserve(&m).await.stake, 50_000 * USDC, "covered, and the stake is at its requirement");
    env.withdraw(&m, &usdc, USDC).await.expect("withdrawals open at half the limit");
    env.assert_all_conserved(&m).await;
}

/// A stake the merchant deposited before the release counts: the proceeds only top it up to the requirement.
#[tokio::test]
async fn release_tops_up_an_existing_stake() {
    let mut env = Env::new().await;
    let (m, _buyer, _) = env.sale_closed_merchant(500_000 * PST).await;
    let (friend, friend_usdc) = env.funded_wallet(30_000 * USDC).await;
    env.deposit_stake_from(&m, &friend, &friend_usdc, 30_000 * USDC).await.expect("deposit_stake");
    let (res, usdc) = env.release(&m).await;
    res.expect("release_proceeds");
    // requirement 50,000: 20,000 from the proceeds, 480,000 to the merchant
    assert_eq!(env.balance(&usdc).await, 480_000 * USDC);
    env.harvest_reserve_now(&m).await.expect("harvest");
    assert_eq!(env.reserve(&m).await.stake, 50_000 * USDC);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn release_proceeds_refusals() {
    let mut env = Env::new().await;
    // before the sale closes
    let m = env.merchant_with_pool().await;
    env.init_reserve(&m).await.expect("initialize_reserve");
    env.release(&m).await.0.expect_error(PstError::InvalidMerchantStatus);
    // without a reserve
    let (n, _, _) = {
        let (n, reporters) = env.merchant_with_feed().await;
        env.init_distributor(&n, WEEK).await.expect("distributor");
        let inv = env.investor(&n, 500_000 * USDC).await;
        env.buy(&n, &inv, 500_000 * PST).await.expect("buy");
        env.close_sale(&n).await.expect("close");
        (n, inv, reporters)
    };
    env.release(&n).await.0.expect_error(PstError::ReserveNotInitialized);

    let (m, _buyer, _) = env.sale_closed_merchant(500_000 * PST).await;
    let usdc = env.merchant_usdc_account(&m).await;
    // someone else
    let attacker = env.attacker.insecure_clone();
    let mut a = env.release_proceeds_accounts(&m, &usdc);
    a.authority = attacker.pubkey();
    env.send(&[pst_ix(a, pst_mint::instruction::ReleaseProceeds {})], &[&attacker])
        .await
        .expect_error(PstError::NotMerchantAuthority);
    // another merchant's reserve or reserve vault
    let mut a = env.release_proceeds_accounts(&m, &usdc);
    a.reserve = ReserveAddresses::of(&n).reserve;
    env.send(&[pst_ix(a, pst_mint::instruction::ReleaseProceeds {})], &[&m.authority])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    let mut a = env.release_proceeds_accounts(&m, &usdc);
    a.reserve_vault = ReserveAddresses::of(&n).usdc_vault;
    env.send(&[pst_ix(a, pst_mint::instruction::ReleaseProceeds {})], &[&m.authority])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // the destination is the reserve vault itself
    let reserve_vault = ReserveAddresses::of(&m).usdc_vault;
    let ix = env.release_proceeds(&m, &reserve_vault);
    env.send(&[ix], &[&m.authority]).await.expect_error(Anchor::ConstraintDuplicateMutableAccount);
    // a destination of another mint
    let pst = env.merchant_pst_account(&m).await;
    let ix = env.release_proceeds(&m, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(Anchor::ConstraintTokenMint);
    // paused
    env.pause(PAUSE_SALE).await;
    env.release(&m).await.0.expect_error(PstError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn delist_refusals() {
    let mut env = Env::new().await;
    let (m, _buyer, reporters) = env.financed_merchant(500_000 * PST).await;
    let admin = env.admin.insecure_clone();
    // not the admin
    let outsider = env.wallet().await;
    let ix = env.delist(&m, &outsider.pubkey(), false);
    env.send(&[ix], &[&outsider]).await.expect_error(PstError::NotAdmin);
    // a healthy merchant that did not ask
    let ix = env.delist(&m, &admin.pubkey(), false);
    env.send(&[ix], &[&admin]).await.expect_error(PstError::DelistNotAllowed);
    // a request signed by someone else than the merchant
    let mut a = env.delist_accounts(&m, &admin.pubkey(), true);
    a.merchant_authority = Some(outsider.pubkey());
    env.send(&[pst_ix(a, pst_mint::instruction::Delist {})], &[&admin, &outsider])
        .await
        .expect_error(PstError::NotMerchantAuthority);
    // a request with a shortfall uncovered
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 10_000 * USDC).await;
    let ix = env.delist(&m, &admin.pubkey(), true);
    env.send(&[ix], &[&admin, &m.authority]).await.expect_error(PstError::DelistNotAllowed);
    // covered: the request is granted
    env.cover(&m, 0).await.expect("cover");
    let ix = env.delist(&m, &admin.pubkey(), true);
    env.send(&[ix], &[&admin, &m.authority]).await.expect("delist at the merchant's request");
    let ix = env.delist(&m, &admin.pubkey(), true);
    env.send(&[ix], &[&admin, &m.authority]).await.expect_error(PstError::InvalidMerchantStatus);
    env.assert_all_conserved(&m).await;
}
