//! Each `alar_reserve` instruction: its happy path and every refusal, with the exact error.
use alar_reserve::{constants::*, errors::ReserveError, instruction as ixd, state::WithdrawalStatus};
use anchor_lang::error::ErrorCode as Anchor;
use pst_tests::*;
use revenue_distributor::errors::DistributorError;

#[tokio::test]
async fn initialize_reserve_opens_the_accounting_vault_and_position() {
    let mut env = Env::new().await;
    // before the distributor exists there is no contribution vault to adopt
    let m = env.issued_merchant().await;
    env.init_reserve(&m).await.expect_error(Anchor::AccountNotInitialized);
    let m = env.merchant_with_pool().await;
    env.init_reserve(&m).await.expect("initialize_reserve");
    let r = env.reserve(&m).await;
    let k = ReserveAddresses::of(&m);
    assert_eq!(
        (r.merchant, r.usdc_vault, r.pst_vault, r.position),
        (m.merchant, k.usdc_vault, k.pst_vault, k.position)
    );
    assert_eq!((r.stake, r.usdc, r.pst), (0, 0, 0));
    assert_eq!(r.params.pe_low_bps, 80_000);
    assert_eq!(r.pool, PoolAddresses::of(&m).pool);
    assert_eq!(env.position(&m, &k.authority).await.custody, k.pst_vault);
    // reinitialisation
    env.init_reserve(&m).await.expect_error(ReserveError::AlreadyInitialized);
    // nobody but the reserve authority (by CPI) opens its custody position
    let fresh = env.wallet().await;
    let ix = env.open_reserve_position(&m, &env.payer().pubkey(), &fresh.pubkey());
    env.send(&[ix], &[&fresh]).await.expect_error(DistributorError::NotReserve);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn deposit_stake_refusals() {
    let mut env = Env::new().await;
    let (m, buyer, _) = env.financed_merchant(500_000 * PST).await;
    let (other, _, _) = env.financed_merchant(500_000 * PST).await;
    let w = buyer.wallet.insecure_clone();
    env.deposit_stake_from(&m, &w, &buyer.usdc, 0).await.expect_error(ReserveError::ZeroAmount);
    // a source of the wrong mint
    env.deposit_stake_from(&m, &w, &buyer.pst, 1).await.expect_error(ReserveError::WrongMint);
    // someone else's USDC account
    let (_, theirs) = env.funded_wallet(USDC).await;
    env.deposit_stake_from(&m, &w, &theirs, 1).await.expect_error(Anchor::ConstraintTokenOwner);
    // another merchant's reserve with this merchant's account
    let mut a = env.deposit_stake_accounts(&m, &w.pubkey(), &buyer.usdc);
    a.reserve = ReserveAddresses::of(&other).reserve;
    env.send(&[alar_ix(a, ixd::DepositStake { amount: 1 })], &[&w])
        .await
        .expect_error(ReserveError::WrongReserve);
    let mut a = env.deposit_stake_accounts(&m, &w.pubkey(), &buyer.usdc);
    a.usdc_vault = ReserveAddresses::of(&other).usdc_vault;
    env.send(&[alar_ix(a, ixd::DepositStake { amount: 1 })], &[&w])
        .await
        .expect_error(ReserveError::WrongVault);
    env.pause(PAUSE_STAKE).await;
    env.deposit_stake_from(&m, &w, &buyer.usdc, 1).await.expect_error(ReserveError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn cover_shortfall_pays_each_period_at_most_its_shortfall() {
    let mut env = Env::new().await;
    // no release: the stake is empty
    let (m, buyer, reporters) = env.sale_closed_merchant(500_000 * PST).await;
    // period 0 paid in full, period 1 short by 9,000
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 0).await;
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    env.cover(&m, 0).await.expect_error(ReserveError::PeriodNotShort);
    env.cover(&m, 7).await.expect_error(ReserveError::PeriodNotInHistory);
    env.cover(&m, 1).await.expect_error(ReserveError::StakeExhausted);
    // a 5,000 stake covers part; the rest stays recorded
    let w = buyer.wallet.insecure_clone();
    env.mint_usdc(&buyer.usdc, 15_000 * USDC).await;
    env.deposit_stake_from(&m, &w, &buyer.usdc, 5_000 * USDC).await.expect("deposit");
    env.cover(&m, 1).await.expect("partial cover");
    let c = env.cover_account(&m, 1).await;
    assert_eq!((c.shortfall, c.covered), (9_000 * USDC, 5_000 * USDC));
    assert_eq!(env.reserve(&m).await.stake, 0);
    env.cover(&m, 1).await.expect_error(ReserveError::StakeExhausted);
    // topped up: the rest, and never more
    env.deposit_stake_from(&m, &w, &buyer.usdc, 10_000 * USDC).await.expect("deposit");
    env.cover(&m, 1).await.expect("the rest");
    let c = env.cover_account(&m, 1).await;
    assert_eq!(c.covered, 9_000 * USDC);
    let r = env.reserve(&m).await;
    assert_eq!((r.stake, r.covered_total), (6_000 * USDC, 9_000 * USDC));
    env.cover(&m, 1).await.expect_error(ReserveError::PeriodAlreadyCovered);
    env.assert_all_conserved(&m).await;
}

/// A short period that ages out of the 24-period history uncovered (nobody covered it while the stake was empty)
/// is still covered by naming it: it pays toward the total uncovered shortfall, never more, so it cannot block the
/// merchant's withdrawals or the stake's release for good.
#[tokio::test]
async fn a_shortfall_that_aged_out_of_the_history_is_still_covered() {
    let mut env = Env::new().await;
    let (m, buyer, reporters) = env.sale_closed_merchant(500_000 * PST).await;
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    env.cover(&m, 0).await.expect_error(ReserveError::StakeExhausted);
    env.run_periods(&m, &reporters, 24, 10_000 * USDC, 0).await;
    assert_eq!(env.metrics(&m).await.history[0].period, 1, "period 0 aged out");
    // a period that never existed is not aged out
    env.cover(&m, 30).await.expect_error(ReserveError::PeriodNotInHistory);
    let w = buyer.wallet.insecure_clone();
    env.mint_usdc(&buyer.usdc, 20_000 * USDC).await;
    env.deposit_stake_from(&m, &w, &buyer.usdc, 20_000 * USDC).await.expect("deposit");
    env.cover(&m, 0).await.expect("the aged-out period is covered");
    let r = env.reserve(&m).await;
    assert_eq!(r.covered_total, 9_000 * USDC, "exactly the recorded shortfall");
    assert_eq!(env.settlement(&m).await.shortfall_recorded, r.covered_total);
    env.cover(&m, 0).await.expect_error(ReserveError::PeriodAlreadyCovered);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn cover_shortfall_refusals() {
    let mut env = Env::new().await;
    let (m, _, reporters) = env.financed_merchant(500_000 * PST).await;
    let (other, _, _) = env.financed_merchant(500_000 * PST).await;
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    let payer = env.payer().pubkey();
    let mut a = env.cover_shortfall_accounts(&m, &payer, 0);
    a.metrics = other.metrics;
    env.send(&[alar_ix(a, ixd::CoverShortfall { period: 0 })], &[])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    let mut a = env.cover_shortfall_accounts(&m, &payer, 0);
    a.dividend_vault = other.dividend_vault;
    env.send(&[alar_ix(a, ixd::CoverShortfall { period: 0 })], &[])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    let mut a = env.cover_shortfall_accounts(&m, &payer, 0);
    a.cover = ReserveAddresses::of(&m).cover(1);
    env.send(&[alar_ix(a, ixd::CoverShortfall { period: 0 })], &[])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    let mut a = env.cover_shortfall_accounts(&m, &payer, 0);
    a.usdc_vault = ReserveAddresses::of(&other).usdc_vault;
    env.send(&[alar_ix(a, ixd::CoverShortfall { period: 0 })], &[])
        .await
        .expect_error(ReserveError::WrongVault);
    env.pause(PAUSE_COVER).await;
    env.cover(&m, 0).await.expect_error(ReserveError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_reserve_harvests_what_its_pst_earned() {
    let mut env = Env::new().await;
    let (m, trader, _) = env.band_merchant().await;
    // the reserve buys PST in a crash, then a distribution streams
    env.swap_in(&m, &trader, PstToUsdc, 150_000 * PST, 0).await.expect("dump");
    env.warp(DEFAULT_COOLDOWN_SECS);
    env.crank_band(&m).await.expect("buy");
    assert!(env.reserve(&m).await.pst > 0);
    env.dividends_arrive(&m, 100_000 * USDC).await;
    let (keeper, keeper_usdc) = env.funded_wallet(0).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    env.warp(WEEK);
    let before = env.reserve(&m).await;
    env.harvest_reserve_now(&m).await.expect("harvest");
    let after = env.reserve(&m).await;
    let harvested = after.totals.harvested - before.totals.harvested;
    assert!(harvested > 0, "the reserve's PST earned dividends");
    // idempotent: nothing more in the same second, and a harvest that changes nothing is refused (a second
    // keeper racing the first pays no fee for it)
    env.harvest_reserve_now(&m).await.expect_error(ReserveError::NothingToHarvest);
    assert_eq!(env.reserve(&m).await.totals.harvested, after.totals.harvested);
    // dust sent to the reserve's vault is below a keeper's floor: refused, so it costs the keeper nothing
    env.donate_to_reserve(&m, 1).await;
    let keeper = env.payer().pubkey();
    let ix = env.harvest_reserve_with_floor(&m, &keeper, USDC);
    env.send(&[ix], &[]).await.expect_error(ReserveError::NothingToHarvest);
    let ix = env.harvest_reserve_with_floor(&m, &keeper, 1);
    env.send_ok(&[ix], &[]).await;
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn only_the_tranche_vault_draws_on_the_senior_backstop() {
    let mut env = Env::with_backstop_stand_in().await;
    let (m, _, _) = env.band_merchant().await;
    // a wallet calling directly, whatever it signs
    let attacker = env.attacker.insecure_clone();
    let destination =
        env.create_ata(&attacker.pubkey(), &env.usdc_mint.clone(), &pst_client::TOKEN_PROGRAM).await;
    let ix = env.cover_senior(&m, &attacker.pubkey(), &destination, USDC);
    env.send(&[ix], &[&attacker]).await.expect_error(ReserveError::NotTrancheVault);
    // yield_tranches (its stand-in at its id) draws: capacity is 25% of the reserve's own USDC above the floor
    env.harvest_reserve_now(&m).await.expect("count what arrived");
    let r = env.reserve(&m).await;
    let tranche_usdc = env.tranche_usdc(&m).await;
    env.draw_senior(&m, 1_000_000 * USDC).await.expect("cover_senior");
    let paid = env.balance(&tranche_usdc).await;
    let after = env.reserve(&m).await;
    let own = r.usdc + (after.totals.absorbed - r.totals.absorbed);
    assert!(
        paid > 0 && paid as u128 * 10_000 <= own as u128 * DEFAULT_SENIOR_CAP_BPS as u128,
        "paid {paid} of {own}"
    );
    assert_eq!(after.stake, r.stake, "the merchant's stake is never drawn");
    assert_eq!(after.totals.senior_paid, paid);
    // the week's capacity is spent: a second draw pays nothing, however many times it is asked
    env.draw_senior(&m, 10 * USDC).await.expect("cover_senior");
    assert_eq!(env.balance(&tranche_usdc).await, paid);
    // a week later a small request is paid in full
    env.warp(SENIOR_WINDOW_SECS);
    env.draw_senior(&m, 10 * USDC).await.expect("cover_senior");
    assert_eq!(env.balance(&tranche_usdc).await, paid + 10 * USDC);
    env.draw_senior(&m, 0).await.expect_error(ReserveError::ZeroAmount);
    env.pause(PAUSE_BACKSTOP).await;
    env.draw_senior(&m, USDC).await.expect_error(ReserveError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn release_stake_refusals() {
    let mut env = Env::new().await;
    let (m, _, reporters) = env.financed_merchant(500_000 * PST).await;
    let (usdc, pst) = env.merchant_accounts(&m).await;
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(ReserveError::NotDelisted);
    // a Default, delisted with its shortfall not yet covered while stake remains
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 90_000 * USDC).await;
    let admin = env.admin.insecure_clone();
    let ix = env.delist(&m, &admin.pubkey(), false);
    env.send(&[ix], &[&admin]).await.expect("delist");
    // the period in progress at delisting is not accepted yet: its shortfall may still come
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(ReserveError::FinalPeriodNotAccepted);
    env.run_periods(&m, &reporters, 1, 100_000 * USDC, 0).await;
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(ReserveError::ObligationsOutstanding);
    // someone else
    let attacker = env.attacker.insecure_clone();
    let mut a = env.release_stake_accounts(&m, &usdc, &pst);
    a.authority = attacker.pubkey();
    env.send(&[alar_ix(a, ixd::ReleaseStake {})], &[&attacker])
        .await
        .expect_error(ReserveError::NotMerchantAuthority);
    // the band stops trading for a delisted merchant
    env.crank_band(&m).await.expect_error(ReserveError::MerchantNotActive);
    // covered: the rest of the stake goes back
    env.cover(&m, 0).await.expect("cover");
    // not while the admin has frozen exits
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 3_600)], &[&admin]).await;
    let ix = env.release_stake(&m, &usdc, &pst);
    env.send(&[ix], &[&m.authority]).await.expect_error(ReserveError::ExitsFrozen);
    env.harvest_reserve_now(&m).await.expect_error(ReserveError::ExitsFrozen);
    env.warp(3_600);
    let ix = env.release_stake(&m, &usdc, &pst);
    let before = env.balance(&usdc).await;
    env.send(&[ix], &[&m.authority]).await.expect("release_stake");
    assert_eq!(env.balance(&usdc).await, before + 50_000 * USDC - 9_000 * USDC);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn treasury_withdrawals_need_the_admin_and_the_timelock() {
    let mut env = Env::new().await;
    let (m, _, _) = env.band_merchant().await;
    let (other, _, _) = env.financed_merchant(500_000 * PST).await;
    let admin = env.admin.insecure_clone();
    let guardian = env.guardian.insecure_clone();
    let admin_usdc = env.admin_usdc().await;
    let outsider = env.wallet().await;
    // only the admin proposes, a positive amount, to the admin's account or another reserve
    let ix = env.propose_withdrawal(&m, &outsider.pubkey(), 0, &admin_usdc, None, USDC);
    env.send(&[ix], &[&outsider]).await.expect_error(ReserveError::NotAdmin);
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc, None, 0);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::ZeroAmount);
    let attacker_usdc =
        env.create_ata(&env.attacker.pubkey(), &env.usdc_mint.clone(), &pst_client::TOKEN_PROGRAM).await;
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 0, &attacker_usdc, None, USDC);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::InvalidDestination);
    let self_vault = ReserveAddresses::of(&m).usdc_vault;
    let ix = env.propose_withdrawal(
        &m,
        &admin.pubkey(),
        0,
        &self_vault,
        Some(ReserveAddresses::of(&m).reserve),
        USDC,
    );
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::InvalidDestination);

    // proposal 0: 10,000 back to the protocol
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc, None, 10_000 * USDC);
    env.send(&[ix], &[&admin]).await.expect("propose");
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::TimelockNotElapsed);
    env.warp(DEFAULT_TIMELOCK_SECS);
    let ix = env.execute_withdrawal(&m, &outsider.pubkey(), 0, &admin_usdc);
    env.send(&[ix], &[&outsider]).await.expect_error(ReserveError::NotAdmin);
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 0, &attacker_usdc);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::InvalidDestination);
    let before = env.balance(&admin_usdc).await;
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc);
    env.send(&[ix], &[&admin]).await.expect("execute");
    assert_eq!(env.balance(&admin_usdc).await, before + 10_000 * USDC);
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::ProposalExecuted);

    // proposal 1: cancelled by the guardian (an outsider cannot)
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 1, &admin_usdc, None, USDC);
    env.send(&[ix], &[&admin]).await.expect("propose");
    let ix = env.cancel_withdrawal(&m, &outsider.pubkey(), 1);
    env.send(&[ix], &[&outsider]).await.expect_error(ReserveError::NotGuardian);
    let ix = env.cancel_withdrawal(&m, &guardian.pubkey(), 1);
    env.send(&[ix], &[&guardian]).await.expect("cancel");
    env.warp(DEFAULT_TIMELOCK_SECS);
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 1, &admin_usdc);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::ProposalCancelled);
    let ix = env.cancel_withdrawal(&m, &admin.pubkey(), 1);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::ProposalCancelled);

    // proposal 2: more than the reserve's own USDC above the floor (the stake is never withdrawable)
    let r = env.reserve(&m).await;
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 2, &admin_usdc, None, r.usdc + r.stake);
    env.send(&[ix], &[&admin]).await.expect("propose");
    env.warp(DEFAULT_TIMELOCK_SECS);
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 2, &admin_usdc);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::InsufficientReserveUsdc);

    // proposal 3: to another merchant's reserve, which counts it as its own USDC
    let other_vault = ReserveAddresses::of(&other).usdc_vault;
    let other_reserve = ReserveAddresses::of(&other).reserve;
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 3, &other_vault, Some(other_reserve), 5_000 * USDC);
    env.send(&[ix], &[&admin]).await.expect("propose");
    env.warp(DEFAULT_TIMELOCK_SECS);
    env.pause(PAUSE_TREASURY).await;
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 3, &other_vault);
    env.send(&[ix], &[&admin]).await.expect_error(ReserveError::Paused);
    let ix = env.set_pause(&admin.pubkey(), 0);
    env.send(&[ix], &[&admin]).await.expect("unpause");
    let ix = env.execute_withdrawal(&m, &admin.pubkey(), 3, &other_vault);
    env.send(&[ix], &[&admin]).await.expect("execute");
    *env.reserve_donations.entry(other.merchant).or_default() += 5_000 * USDC;
    env.harvest_reserve_now(&other).await.expect("the other reserve absorbs it");
    assert!(env.reserve(&other).await.usdc >= 5_000 * USDC);
    let w: alar_reserve::state::Withdrawal = env.account(&ReserveAddresses::of(&m).withdrawal(3)).await;
    assert_eq!(w.status, WithdrawalStatus::Executed);
    env.assert_all_conserved(&m).await;
    env.assert_all_conserved(&other).await;
}
