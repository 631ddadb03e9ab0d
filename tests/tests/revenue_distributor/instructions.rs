//! revenue_distributor: positions, streamed distributions, claims, push payouts, and every refusal.
use anchor_lang::error::ErrorCode as Anchor;
use anchor_spl::token_2022::spl_token_2022::{extension::StateWithExtensions, state::Account as RawAccount};
use pst_mint::errors::PstError;
use pst_tests::*;
use revenue_distributor::constants::{PAUSE_DISTRIBUTE, PAUSE_STAKE};
use revenue_distributor::{errors::DistributorError as E, instruction as ixd};

/// What holders receive of an inflow after the fixture's fees (2% + 5% + 0.1%, each rounded down).
fn net_of(inflow: u64) -> u64 {
    inflow - inflow * 200 / 10_000 - inflow * 500 / 10_000 - inflow * 10 / 10_000
}

#[tokio::test]
async fn an_underwriter_initialises_the_distributor() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    env.init_distributor(&m, WEEK).await.expect("init");
    let k = DistributorAddresses::of(&m);
    let d = env.distributor(&m).await;
    assert_eq!(
        (d.merchant, d.pst_mint, d.usdc_mint, d.distribution_secs),
        (m.merchant, m.pst_mint, env.usdc_mint, WEEK)
    );
    assert_eq!(
        (d.dividend_vault, d.stake_vault, d.alar_vault),
        (k.dividend_vault, k.stake_vault, k.alar_vault)
    );
    // the stake vault belongs to the distributor, the reserve vault to alar_reserve's PDA
    let alar_authority = Pubkey::find_program_address(
        &[pst_ids::alar_reserve::RESERVE_AUTHORITY_SEED, m.merchant.as_ref()],
        &pst_ids::alar_reserve::ID,
    )
    .0;
    for (vault, owner) in
        [(k.stake_vault, k.distributor), (k.alar_vault, alar_authority), (k.dividend_vault, k.distributor)]
    {
        let acc = env.raw_account(&vault).await.unwrap();
        assert_eq!(StateWithExtensions::<RawAccount>::unpack(&acc.data).unwrap().base.owner, owner);
    }
}

#[tokio::test]
async fn initialisation_refusals() {
    let mut env = Env::new().await;
    // before the merchant's revenue feed exists there is no dividend vault
    let issued = env.issued_merchant().await;
    env.init_distributor(&issued, WEEK).await.expect_error(Anchor::AccountNotInitialized);
    let (m, _) = env.merchant_with_feed().await;
    let outsider = env.wallet().await;
    let ix = rd_ix(
        env.initialize_distributor_accounts(&m, &outsider.pubkey()),
        ixd::InitializeDistributor { distribution_secs: WEEK },
    );
    env.send(&[ix], &[&outsider]).await.expect_error(E::NotUnderwriter);
    env.init_distributor(&m, 60).await.expect_error(E::InvalidDistributionPeriod);
    env.init_distributor(&m, 91 * 86_400).await.expect_error(E::InvalidDistributionPeriod);
    // another merchant's dividend vault
    let (other, _) = env.merchant_with_feed().await;
    let uw = env.underwriter.insecure_clone();
    let mut a = env.initialize_distributor_accounts(&m, &uw.pubkey());
    a.dividend_vault = other.dividend_vault;
    env.send(&[rd_ix(a, ixd::InitializeDistributor { distribution_secs: WEEK })], &[&uw])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // another merchant's PST mint
    let mut a = env.initialize_distributor_accounts(&m, &uw.pubkey());
    a.pst_mint = other.pst_mint;
    env.send(&[rd_ix(a, ixd::InitializeDistributor { distribution_secs: WEEK })], &[&uw])
        .await
        .expect_error(E::WrongMint);
    env.init_distributor(&m, WEEK).await.expect("init");
    env.init_distributor(&m, WEEK).await.expect_error(E::AlreadyInitialized);
}

#[tokio::test]
async fn a_distribution_streams_over_the_period() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 1_000 * PST).await;
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await; // 10,000 USDC of revenue share
    let inflow = 10_000 * USDC;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    // fees off the top
    assert_eq!(env.balance(&keeper_usdc).await, inflow * 10 / 10_000);
    let admin_usdc = env.admin_usdc().await;
    assert_eq!(env.balance(&admin_usdc).await, inflow * 200 / 10_000);
    assert_eq!(env.balance(&DistributorAddresses::of(&m).alar_vault).await, inflow * 500 / 10_000);
    let net = net_of(inflow);
    // a full week, to the next point of the distributor's grid
    let dur = env.stream_duration(&m).await;
    assert!((WEEK..WEEK + WEEK / 6).contains(&dur), "{dur}");
    // half-way: each of the two equal holders earned a quarter
    env.warp(dur / 2);
    let before = env.balance(&h[0].usdc).await;
    env.claim(&m, &h[0]).await.expect("claim");
    let got = env.balance(&h[0].usdc).await - before;
    assert!(got <= net / 4 && net / 4 - got <= 2, "half-way claim {got} vs {}", net / 4);
    // the same slot again: nothing new
    env.claim(&m, &h[0]).await.expect_error(E::NothingToClaim);
    // after the period both have their half, within rounding dust, and never more
    env.warp(dur);
    env.claim(&m, &h[0]).await.expect("claim");
    env.claim(&m, &h[1]).await.expect("claim");
    let paid = env.position(&m, &h[0].wallet.pubkey()).await.claimed
        + env.position(&m, &h[1].wallet.pubkey()).await.claimed;
    assert!(paid <= net && net - paid <= 4, "paid {paid} of {net}");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_holder_who_joins_half_way_earns_half() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(1, 1_000 * PST).await;
    let late = env.investor(&m, 2_000 * USDC).await;
    env.buy(&m, &late, 1_000 * PST).await.expect("buy");
    env.open_position(&m, &late.wallet).await.expect("open");
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    let net = net_of(10_000 * USDC);
    let dur = env.stream_duration(&m).await;
    env.warp(dur / 2);
    env.stake(&m, &late, 1_000 * PST).await.expect("stake half-way");
    env.warp(dur);
    env.claim(&m, &h[0]).await.expect("claim");
    env.claim(&m, &late).await.expect("claim");
    let early_got = env.position(&m, &h[0].wallet.pubkey()).await.claimed;
    let late_got = env.position(&m, &late.wallet.pubkey()).await.claimed;
    // early: all of the first half and half of the second; late: half of the second half
    assert!(early_got.abs_diff(net * 3 / 4) <= 2, "{early_got} vs {}", net * 3 / 4);
    assert!(late_got.abs_diff(net / 4) <= 2, "{late_got} vs {}", net / 4);
    assert!(early_got + late_got <= net);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn dividends_arriving_while_nothing_is_staked_are_carried() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_feed().await;
    env.init_distributor(&m, WEEK).await.expect("init");
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    let h = env.investor(&m, 2_000 * USDC).await;
    env.buy(&m, &h, 1_000 * PST).await.expect("buy");
    env.open_position(&m, &h.wallet).await.expect("open");
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute with nobody staked");
    env.warp(2 * WEEK);
    env.stake(&m, &h, 1_000 * PST).await.expect("stake");
    // the released-but-unowned amount is carried into the next distribution
    assert_eq!(env.distributor(&m).await.undistributed, net_of(10_000 * USDC));
    env.dividends_arrive(&m, 10_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    let dur = env.stream_duration(&m).await;
    env.warp(dur);
    env.claim(&m, &h).await.expect("claim");
    let total_net = net_of(10_000 * USDC) + net_of(1_000 * USDC);
    let got = env.position(&m, &h.wallet.pubkey()).await.claimed;
    assert!(got <= total_net && total_net - got <= 2, "{got} of {total_net}");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn withdrawals_stop_earning_and_keep_what_was_earned() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 1_000 * PST).await;
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    env.unstake(&m, &h[0], 1_000 * PST + 1).await.expect_error(E::InsufficientStake);
    env.unstake(&m, &h[0], 0).await.expect_error(E::ZeroAmount);
    let dur = env.stream_duration(&m).await;
    env.warp(dur / 2);
    env.unstake(&m, &h[0], 1_000 * PST).await.expect("withdraw everything");
    assert_eq!(env.balance(&h[0].pst).await, 1_000 * PST);
    env.warp(dur);
    env.claim(&m, &h[0]).await.expect("claim what was earned");
    env.claim(&m, &h[1]).await.expect("claim");
    let net = net_of(10_000 * USDC);
    let (a, b) = (
        env.position(&m, &h[0].wallet.pubkey()).await.claimed,
        env.position(&m, &h[1].wallet.pubkey()).await.claimed,
    );
    assert!(a.abs_diff(net / 4) <= 2 && b.abs_diff(net * 3 / 4) <= 2, "{a} {b} of {net}");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn position_refusals() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(1, 100 * PST).await;
    let (other, _) = env.merchant_with_holders(1, 100 * PST).await;
    let attacker = env.investor(&m, 1_000 * USDC).await;
    env.buy(&m, &attacker, 10 * PST).await.expect("buy");
    // a second position for the same owner
    env.open_position(&m, &h[0].wallet).await.expect_error(E::AlreadyInitialized);
    // the attacker names the victim's position: the position names its owner
    let mut a = env.claim_accounts(&m, &attacker.wallet.pubkey(), &attacker.usdc);
    a.position = DistributorAddresses::of(&m).position(&h[0].wallet.pubkey());
    env.send(&[rd_ix(a, ixd::Claim {})], &[&attacker.wallet]).await.expect_error(E::NotPositionOwner);
    let mut a = env.withdraw_accounts(&m, &attacker.wallet.pubkey(), &attacker.pst);
    a.position = DistributorAddresses::of(&m).position(&h[0].wallet.pubkey());
    env.send(&[rd_ix(a, ixd::Withdraw { amount: 1 })], &[&attacker.wallet])
        .await
        .expect_error(E::NotPositionOwner);
    // the owner's key without its signature
    let mut ix =
        rd_ix(env.withdraw_accounts(&m, &h[0].wallet.pubkey(), &h[0].pst), ixd::Withdraw { amount: 1 });
    ix.accounts[0].is_signer = false;
    env.send(&[ix], &[]).await.expect_error(Anchor::AccountNotSigner);
    // a position that does not exist yet
    env.stake(&m, &attacker, PST).await.expect_error(Anchor::AccountNotInitialized);
    env.open_position(&m, &attacker.wallet).await.expect("open");
    // depositing someone else's PST
    let mut a = env.deposit_accounts(&m, &attacker.wallet.pubkey(), &h[0].pst);
    a.source = h[0].pst;
    env.send(&[rd_ix(a, ixd::Deposit { amount: 1 })], &[&attacker.wallet])
        .await
        .expect_error(Anchor::ConstraintTokenOwner);
    // another merchant's mint or stake vault
    let mut a = env.deposit_accounts(&m, &attacker.wallet.pubkey(), &attacker.pst);
    a.pst_mint = other.pst_mint;
    env.send(&[rd_ix(a, ixd::Deposit { amount: 1 })], &[&attacker.wallet]).await.expect_error(E::WrongMint);
    let mut a = env.deposit_accounts(&m, &attacker.wallet.pubkey(), &attacker.pst);
    a.stake_vault = DistributorAddresses::of(&other).stake_vault;
    env.send(&[rd_ix(a, ixd::Deposit { amount: 1 })], &[&attacker.wallet]).await.expect_error(E::WrongVault);
    // a position of another distributor
    let mut a = env.deposit_accounts(&m, &h[0].wallet.pubkey(), &h[0].pst);
    a.distributor = DistributorAddresses::of(&other).distributor;
    env.send(&[rd_ix(a, ixd::Deposit { amount: 1 })], &[&h[0].wallet])
        .await
        .expect_error(E::WrongDistributor);
    env.stake(&m, &attacker, 0).await.expect_error(E::ZeroAmount);
    env.stake(&m, &attacker, 11 * PST).await.expect_error(RuntimeError::TokenInsufficientFunds);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn distribution_refusals() {
    let mut env = Env::new().await;
    let (m, _) = env.merchant_with_holders(1, 100 * PST).await;
    let (other, _) = env.merchant_with_holders(1, 100 * PST).await;
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect_error(E::NothingToDistribute);
    env.dividends_arrive(&m, 10_000 * USDC).await;
    env.dividends_arrive(&other, 10_000 * USDC).await;
    // another merchant's dividend vault
    let mut a = env.distribute_accounts(&m, &keeper.pubkey(), &keeper_usdc).await;
    a.dividend_vault = other.dividend_vault;
    env.send(&[rd_ix(a, ixd::Distribute {})], &[&keeper]).await.expect_error(E::WrongVault);
    // the fee to someone other than the admin
    let (_, not_admin) = env.funded_wallet(0).await;
    let mut a = env.distribute_accounts(&m, &keeper.pubkey(), &keeper_usdc).await;
    a.fee_destination = not_admin;
    env.send(&[rd_ix(a, ixd::Distribute {})], &[&keeper]).await.expect_error(E::WrongFeeDestination);
    // a USDC look-alike
    let fake = Keypair::new();
    let payer = env.payer().pubkey();
    env.create_mint(&fake, &payer, 6, &anchor_spl::token::ID).await;
    let mut a = env.distribute_accounts(&m, &keeper.pubkey(), &keeper_usdc).await;
    a.usdc_mint = fake.pubkey();
    // the USDC accounts are checked against the mint passed in, which is not theirs
    env.send(&[rd_ix(a, ixd::Distribute {})], &[&keeper]).await.expect_error(Anchor::ConstraintTokenMint);
    // paused
    env.pause(PAUSE_DISTRIBUTE).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect_error(E::Paused);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    // twice in one slot for the same funds: the second finds nothing new
    let a1 = env.distribute_accounts(&m, &keeper.pubkey(), &keeper_usdc).await;
    let a2 = env.distribute_accounts(&m, &keeper.pubkey(), &keeper_usdc).await;
    let mut second = rd_ix(a2, ixd::Distribute {});
    second.accounts.push(anchor_lang::solana_program::instruction::AccountMeta::new_readonly(
        Pubkey::new_unique(),
        false,
    ));
    env.send(&[rd_ix(a1, ixd::Distribute {}), second], &[&keeper]).await.expect_error(E::NothingToDistribute);
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute once");
    env.distribute(&m, &keeper, &keeper_usdc).await.expect_error(E::NothingToDistribute);
    env.assert_all_conserved(&m).await;
}

/// Every guardian pause stops entries (new stake, new distributions) and never exits: with every flag of the
/// protocol set, holders still unstake, claim and are pushed their payouts. Only the admin's exit freeze stops
/// exits, for a bounded time, and they reopen by themselves.
#[tokio::test]
async fn pauses_stop_entries_never_exits_and_only_the_admin_freezes_exits() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 100 * PST).await;
    env.set_auto_payout(&m, &h[1], true).await.expect("opt in");
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 30_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    env.warp(WEEK / 2);
    env.dividends_arrive(&m, 10_000 * USDC).await;
    // every pause flag there is, in every lane
    env.pause(!(pst_mint::constants::PAUSE_LANE_MASK & !pst_mint::constants::PAUSE_ALL)).await;
    // entries refused, each by its own flag
    env.stake(&m, &h[0], 1).await.expect_error(E::Paused);
    env.distribute(&m, &keeper, &keeper_usdc).await.expect_error(E::Paused);
    // exits open
    env.claim(&m, &h[0]).await.expect("claim under every pause");
    env.unstake(&m, &h[0], 50 * PST).await.expect("unstake under every pause");
    let pos = DistributorAddresses::of(&m).position(&h[1].wallet.pubkey());
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos, h[1].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect("push under every pause");
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    // each flag alone stops its own entry only
    env.pause(PAUSE_STAKE).await;
    env.stake(&m, &h[0], 1).await.expect_error(E::Paused);
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute with staking paused");
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    env.dividends_arrive(&m, 1_000 * USDC).await;
    env.pause(PAUSE_DISTRIBUTE).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect_error(E::Paused);
    env.stake(&m, &h[0], 1).await.expect("stake with distributions paused");
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    // the guardian cannot freeze exits
    let guardian = env.guardian.insecure_clone();
    env.send(&[env.freeze_exits(&guardian.pubkey(), 3_600)], &[&guardian])
        .await
        .expect_error(PstError::NotAdmin);
    // the admin freezes them for at most 3 days, and cannot stretch a freeze
    env.send(&[env.freeze_exits(&admin.pubkey(), 3 * 86_400 + 1)], &[&admin])
        .await
        .expect_error(PstError::InvalidExitFreeze);
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 86_400)], &[&admin]).await;
    env.send(&[env.freeze_exits(&admin.pubkey(), 86_400)], &[&admin])
        .await
        .expect_error(PstError::ExitFreezeActive);
    env.warp(3_600);
    env.claim(&m, &h[0]).await.expect_error(E::ExitsFrozen);
    env.unstake(&m, &h[0], 1).await.expect_error(E::ExitsFrozen);
    env.send(&[env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos, h[1].usdc)])], &[&keeper])
        .await
        .expect_error(E::ExitsFrozen);
    // entries are not exits: staking goes on
    env.stake(&m, &h[0], 1).await.expect("stake during a freeze");
    // the freeze ends by itself; exits reopen
    env.warp(86_400);
    env.claim(&m, &h[0]).await.expect("claim after the freeze");
    env.unstake(&m, &h[0], 1).await.expect("unstake after the freeze");
    // and a new freeze must wait a day after the last one ended
    env.send(&[env.freeze_exits(&admin.pubkey(), 3_600)], &[&admin])
        .await
        .expect_error(PstError::ExitFreezeCooldown);
    env.warp(86_400);
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 3_600)], &[&admin]).await;
    env.unstake(&m, &h[0], 1).await.expect_error(E::ExitsFrozen);
    // the admin may lift it early
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 0)], &[&admin]).await;
    env.unstake(&m, &h[0], 1).await.expect("unstake after the lift");
    assert!(!env.config().await.exits_frozen(env.now));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn keepers_push_payouts_to_opted_in_positions() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(3, 100 * PST).await;
    env.set_auto_payout(&m, &h[0], true).await.expect("opt in");
    env.set_auto_payout(&m, &h[1], true).await.expect("opt in");
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 30_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    let dur = env.stream_duration(&m).await;
    env.warp(dur);
    let k = DistributorAddresses::of(&m);
    let pos = |i: usize| k.position(&h[i].wallet.pubkey());
    // not opted in
    let ix =
        env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(0), h[0].usdc), (pos(2), h[2].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect_error(E::PositionNotOptedIn);
    // to an account the position did not register
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(0), h[1].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect_error(E::WrongPayoutAccount);
    // malformed batches
    let mut ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(0), h[0].usdc)]);
    ix.accounts.pop();
    env.send(&[ix], &[&keeper]).await.expect_error(E::InvalidBatch);
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[]);
    env.send(&[ix], &[&keeper]).await.expect_error(E::InvalidBatch);
    let too_many: Vec<(Pubkey, Pubkey)> =
        (0..=revenue_distributor::constants::MAX_PUSH_BATCH).map(|_| (pos(0), h[0].usdc)).collect();
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &too_many);
    env.send(&[ix], &[&keeper]).await.expect_error(E::InvalidBatch);
    // not a position at all
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(k.distributor, h[0].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect_error(Anchor::AccountDiscriminatorMismatch);
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(m.merchant, h[0].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect_error(Anchor::AccountOwnedByWrongProgram);
    // a wrong vault for the batch
    let mut ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(0), h[0].usdc)]);
    ix.accounts[3].pubkey = k.alar_vault;
    env.send(&[ix], &[&keeper]).await.expect_error(E::WrongVault);
    // a keeper's floor above what each is owed (about 1,000 USDC): nobody is paid, refused
    let pairs = [(pos(0), h[0].usdc), (pos(1), h[1].usdc)];
    let ix = env.push_payouts_with_floor(&m, &keeper.pubkey(), &keeper_usdc, &pairs, 2_000 * USDC);
    env.send(&[ix], &[&keeper]).await.expect_error(E::NothingToClaim);
    // the good batch
    let ix =
        env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(0), h[0].usdc), (pos(1), h[1].usdc)]);
    env.send_ok(&[ix], &[&keeper]).await;
    // the same positions again in the same second (a second keeper racing the first) pay nobody: refused, so
    // the late keeper pays no fee for a no-op
    let ix =
        env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(1), h[1].usdc), (pos(0), h[0].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect_error(E::NothingToClaim);
    let net = net_of(3_000 * USDC);
    // each got its third less the keeper's tip (0.1% of each payout, rounded down), which the keeper got
    let tip = |x: u64| x * 10 / 10_000;
    for holder in &h[..2] {
        let p = env.position(&m, &holder.wallet.pubkey()).await;
        let earned = p.claimed + tip(net / 3);
        assert!(earned.abs_diff(net / 3) <= 2 && p.pending == 0, "{} of {}", p.claimed, net / 3);
    }
    // the distribution's tip, then the push's two tips
    let keeper_got = env.balance(&keeper_usdc).await - tip(3_000 * USDC);
    assert!(keeper_got.abs_diff(2 * tip(net / 3)) <= 2, "keeper {keeper_got} vs {}", 2 * tip(net / 3));
    // opting out stops pushes; claiming still works
    env.set_auto_payout(&m, &h[0], false).await.expect("opt out");
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos(0), h[0].usdc)]);
    env.send(&[ix], &[&keeper]).await.expect_error(E::PositionNotOptedIn);
    env.claim(&m, &h[2]).await.expect("claim");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn auto_payout_must_go_to_the_owners_usdc_account() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 100 * PST).await;
    for (payout, err) in [(h[1].usdc, E::InvalidPayoutAccount), (h[0].pst, E::InvalidPayoutAccount)] {
        let ix = env.client.set_auto_payout(&m, &h[0].wallet.pubkey(), &payout, true);
        env.send(&[ix], &[&h[0].wallet]).await.expect_error(err);
    }
}

#[tokio::test]
async fn a_program_owns_a_position_through_its_pda() {
    use pst_client::anchor_ix;
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(1, 1_000 * PST).await;
    let k = DistributorAddresses::of(&m);
    let owner = Pubkey::find_program_address(&[cpi_owner::OWNER_SEED], &cpi_owner::ID).0;
    let pda_pst = env.create_ata(&owner, &m.pst_mint, &anchor_spl::token_2022::ID).await;
    let usdc = env.usdc_mint;
    let pda_usdc = env.create_ata(&owner, &usdc, &anchor_spl::token::ID).await;
    // a holder gives the program 1,000 PST
    let seller = env.investor(&m, 1_000 * USDC).await;
    env.buy(&m, &seller, 1_000 * PST).await.expect("buy");
    let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &anchor_spl::token_2022::ID,
        &seller.pst,
        &m.pst_mint,
        &pda_pst,
        &seller.wallet.pubkey(),
        &[],
        1_000 * PST,
        6,
    )
    .unwrap();
    env.send_ok(&[ix], &[&seller.wallet]).await;
    // nobody outside the program can sign for its PDA
    let mut direct = rd_ix(env.deposit_accounts(&m, &owner, &pda_pst), ixd::Deposit { amount: 1 });
    direct.accounts[0].is_signer = false;
    env.send(&[direct], &[]).await.expect_error(Anchor::AccountNotSigner);
    // the program opens, deposits and claims by CPI, signing as its PDA
    let open = cpi_owner::accounts::OpenPosition {
        payer: env.payer().pubkey(),
        owner,
        distributor: k.distributor,
        position: k.position(&owner),
        system_program: anchor_lang::system_program::ID,
        revenue_distributor: revenue_distributor::ID,
    };
    env.send_ok(&[anchor_ix(cpi_owner::ID, open, cpi_owner::instruction::OpenPosition {})], &[]).await;
    let d = env.deposit_accounts(&m, &owner, &pda_pst);
    let deposit = cpi_owner::accounts::Deposit {
        owner,
        config: d.config,
        distributor: d.distributor,
        position: d.position,
        pst_mint: d.pst_mint,
        source: d.source,
        stake_vault: d.stake_vault,
        token_program: d.token_program,
        revenue_distributor: revenue_distributor::ID,
    };
    let ix = anchor_ix(cpi_owner::ID, deposit, cpi_owner::instruction::Deposit { amount: 1_000 * PST });
    env.send_ok(&[ix], &[]).await;
    assert_eq!(env.position(&m, &owner).await.staked, 1_000 * PST);
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    let dur = env.stream_duration(&m).await;
    env.warp(dur);
    let c = env.claim_accounts(&m, &owner, &pda_usdc);
    let claim = cpi_owner::accounts::Claim {
        owner,
        config: c.config,
        distributor: c.distributor,
        position: c.position,
        dividend_vault: c.dividend_vault,
        destination: c.destination,
        usdc_mint: c.usdc_mint,
        token_program: c.token_program,
        revenue_distributor: revenue_distributor::ID,
    };
    env.send_ok(&[anchor_ix(cpi_owner::ID, claim, cpi_owner::instruction::Claim {})], &[]).await;
    // the program's PDA held half the stake for the whole week: half of the net, less dust
    let net = net_of(10_000 * USDC);
    let got = env.balance(&pda_usdc).await;
    assert!(got.abs_diff(net / 2) <= 2, "{got} vs {}", net / 2);
    env.claim(&m, &h[0]).await.expect("the other holder claims its half");
    env.assert_all_conserved(&m).await;
}
