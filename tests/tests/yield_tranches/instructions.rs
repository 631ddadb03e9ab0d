//! Each instruction's happy path and every refusal that is not an account substitution (those are swept across
//! every program in `cross_program::sweeps`), each asserting the exact error, with conservation after each test.
use pst_tests::*;
use yield_tranches::{
    constants::*,
    errors::TrancheError,
    state::{
        Tranche::{Junior, Senior},
        TrancheParams,
    },
};

/// A vault with 100,000 USDC of junior and 300,000 of senior executed at the first close and claimed.
async fn funded(env: &mut Env) -> (MerchantKeys, Investor, Investor, Vec<Keypair>) {
    let (m, _, reporters) = env.tranche_merchant().await;
    let junior = env.tranche_investor(&m, 100_000 * USDC).await;
    let senior = env.tranche_investor(&m, 300_000 * USDC).await;
    env.deposit_request(&m, &junior, Junior, 100_000 * USDC).await.expect("junior deposit");
    env.deposit_request(&m, &senior, Senior, 300_000 * USDC).await.expect("senior deposit");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close_epoch");
    env.claim_tranche(&m, &junior, Junior).await.expect("claim");
    env.claim_tranche(&m, &senior, Senior).await.expect("claim");
    (m, junior, senior, reporters)
}

#[tokio::test]
async fn initialize_tranches_opens_the_vault_with_two_share_mints_once() {
    let mut env = Env::new().await;
    let (m, _, _) = env.band_merchant().await;
    env.init_tranches(&m).await.expect("initialize_tranches");
    let a = TrancheAddresses::of(&m);
    let t = env.tranches(&m).await;
    assert_eq!((t.merchant, t.pst_mint, t.usdc_mint), (m.merchant, m.pst_mint, env.usdc_mint));
    assert_eq!((t.epoch, t.apy_bps, t.params), (0, INITIAL_APY_BPS, TrancheParams::default()));
    assert_eq!([t.books[0].mint, t.books[1].mint], a.mints);
    // Token-2022 share mints with on-mint metadata: "<name> Senior" / "<SYMBOL>-SR", 9 decimals, the vault as
    // mint authority, no freeze authority
    for (i, (label, suffix)) in [("Senior", "SR"), ("Junior", "JR")].into_iter().enumerate() {
        let md = env.token_metadata(&a.mints[i]).await;
        assert!(md.name.ends_with(label) && md.symbol.ends_with(suffix), "{md:?}");
        let mint = env.mint_state(&a.mints[i]).await;
        assert_eq!(mint.decimals, 9);
        assert_eq!(mint.mint_authority, Some(a.tranches).into());
        assert!(mint.freeze_authority.is_none());
    }
    // its PST earns as a custody position in revenue_distributor
    let position = env.position(&m, &a.tranches).await;
    assert_eq!((position.staked, position.payout_account), (0, a.usdc_vault));
    // once
    env.warp(1);
    env.init_tranches(&m).await.expect_error(TrancheError::AlreadyInitialized);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn deposit_requests_escrow_usdc_and_refuse_by_name() {
    let mut env = Env::new().await;
    let (m, _, _) = env.tranche_merchant().await;
    let a = TrancheAddresses::of(&m);
    let inv = env.tranche_investor(&m, 1_000_000 * USDC).await;
    env.deposit_request(&m, &inv, Junior, 0).await.expect_error(TrancheError::ZeroAmount);
    env.deposit_request(&m, &inv, Junior, USDC - 1).await.expect_error(TrancheError::BelowMinimum);
    // no junior yet: no room for senior money
    env.deposit_request(&m, &inv, Senior, 1_000 * USDC).await.expect_error(TrancheError::SubordinationBreach);
    env.deposit_request(&m, &inv, Junior, 1_000 * USDC).await.expect("junior deposit");
    env.deposit_request(&m, &inv, Junior, 500 * USDC).await.expect("adds to the request");
    let r = env.request(&m, &inv.wallet.pubkey(), Junior).await.expect("request");
    assert_eq!((r.deposit, r.deposited, r.next_epoch), (1_500 * USDC, 1_500 * USDC, 0));
    assert_eq!(env.balance(&a.usdc_vault).await, 1_500 * USDC);
    // queued junior counts toward senior's room
    env.deposit_request(&m, &inv, Senior, 1_000 * USDC).await.expect("senior deposit");
    env.pause(PAUSE_DEPOSITS).await;
    env.warp(1);
    env.deposit_request(&m, &inv, Junior, USDC).await.expect_error(TrancheError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_request_must_be_claimed_after_a_close_before_it_changes() {
    let mut env = Env::new().await;
    let (m, junior, senior, _) = funded(&mut env).await;
    // a new request, executed at the next close: it must be claimed before it can grow or be cancelled
    env.deposit_request(&m, &junior, Junior, 1_000 * USDC).await.expect_error(TOKEN_INSUFFICIENT);
    let more = env.tranche_investor(&m, 10_000 * USDC).await;
    env.deposit_request(&m, &more, Junior, 5_000 * USDC).await.expect("deposit");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    env.deposit_request(&m, &more, Junior, 1_000 * USDC).await.expect_error(TrancheError::ClaimFirst);
    env.cancel_tranche(&m, &more, Junior).await.expect_error(TrancheError::ClaimFirst);
    env.redeem_request(&m, &senior, Senior, SHARE).await.expect("a settled request may redeem");
    env.claim_tranche(&m, &more, Junior).await.expect("claim");
    env.claim_tranche(&m, &more, Junior).await.expect_error(TrancheError::NothingToClaim);
    env.cancel_tranche(&m, &more, Junior).await.expect_error(TrancheError::NothingQueued);
    env.deposit_request(&m, &more, Junior, 1_000 * USDC).await.expect("then it may");
    env.assert_all_conserved(&m).await;
}

const TOKEN_INSUFFICIENT: RuntimeError = RuntimeError::TokenInsufficientFunds;

#[tokio::test]
async fn cancel_returns_what_is_queued_before_the_close() {
    let mut env = Env::new().await;
    let (m, junior, senior, _) = funded(&mut env).await;
    let usdc_before = env.balance(&junior.usdc).await;
    let more = env.tranche_investor(&m, 10_000 * USDC).await;
    env.deposit_request(&m, &more, Junior, 4_000 * USDC).await.expect("deposit");
    env.redeem_request(&m, &senior, Senior, 1_000 * SHARE).await.expect("redeem");
    let shares = env.shares(&m, &senior, Senior).await;
    env.cancel_tranche(&m, &more, Junior).await.expect("cancel deposit");
    env.cancel_tranche(&m, &senior, Senior).await.expect("cancel redemption");
    assert_eq!(env.balance(&more.usdc).await, 10_000 * USDC);
    assert_eq!(env.shares(&m, &senior, Senior).await, shares + 1_000 * SHARE);
    assert_eq!(env.balance(&junior.usdc).await, usdc_before);
    let t = env.tranches(&m).await;
    assert_eq!((t.books[0].pending_redeems, t.books[1].pending_deposits), (0, 0));
    env.cancel_tranche(&m, &more, Junior).await.expect_error(TrancheError::NothingQueued);
    // the admin's exit freeze stops cancels and claims
    env.deposit_request(&m, &more, Junior, 4_000 * USDC).await.expect("deposit");
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 3_600)], &[&admin]).await;
    env.cancel_tranche(&m, &more, Junior).await.expect_error(TrancheError::ExitsFrozen);
    env.claim_tranche(&m, &senior, Senior).await.expect_error(TrancheError::ExitsFrozen);
    env.warp(EPOCH);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn redeem_requests_escrow_shares_and_are_never_paused() {
    let mut env = Env::new().await;
    let (m, junior, senior, _) = funded(&mut env).await;
    let a = TrancheAddresses::of(&m);
    env.redeem_request(&m, &senior, Senior, 0).await.expect_error(TrancheError::ZeroAmount);
    env.pause(PAUSE_DEPOSITS | PAUSE_EPOCHS).await;
    env.redeem_request(&m, &senior, Senior, 10_000 * SHARE).await.expect("redeem while paused");
    assert_eq!(env.balance(&a.escrows[0]).await, 10_000 * SHARE);
    // more than it holds: the token program refuses
    env.redeem_request(&m, &junior, Junior, 100_001 * SHARE).await.expect_error(TOKEN_INSUFFICIENT);
    // a paused close refuses by name
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect_error(TrancheError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn close_epoch_refuses_an_early_close_stale_metrics_and_frozen_exits() {
    let mut env = Env::new().await;
    let (m, _, _, _) = funded(&mut env).await;
    env.close_epoch_now(&m).await.expect_error(TrancheError::EpochNotEnded);
    env.warp(EPOCH - 1);
    env.close_epoch_now(&m).await.expect_error(TrancheError::EpochNotEnded);
    env.warp(1);
    let admin = env.admin.insecure_clone();
    // exits frozen: a close pays redemptions and trades
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 3_600)], &[&admin]).await;
    env.close_epoch_now(&m).await.expect_error(TrancheError::ExitsFrozen);
    env.warp(3_600);
    env.close_epoch_now(&m).await.expect("close");
    // once per epoch: the next one has not ended
    env.close_epoch_now(&m).await.expect_error(TrancheError::EpochNotEnded);
    // no period accepted within two period lengths: stale
    env.warp(2 * PERIOD);
    env.close_epoch_now(&m).await.expect_error(TrancheError::StaleMetrics);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn claims_take_the_epoch_records_in_order_and_only_their_own() {
    let mut env = Env::new().await;
    let (m, _, senior, _) = funded(&mut env).await;
    let a = TrancheAddresses::of(&m);
    let more = env.tranche_investor(&m, 10_000 * USDC).await;
    env.deposit_request(&m, &more, Junior, 5_000 * USDC).await.expect("deposit");
    env.redeem_request(&m, &senior, Senior, 1_000 * SHARE).await.expect("redeem");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close 1");
    let owner = more.wallet.pubkey();
    // no record, the wrong record, a record twice, another vault's record
    let claim = |env: &Env, epochs: Vec<Pubkey>| {
        let mut ix = env.claim_request(&m, &owner, &more.usdc, Junior, 0..0);
        ix.accounts
            .extend(epochs.into_iter().map(|k| anchor_lang::prelude::AccountMeta::new_readonly(k, false)));
        ix
    };
    let ix = claim(&env, vec![]);
    env.send(&[ix], &[&more.wallet]).await.expect_error(TrancheError::WrongEpochRecord);
    let ix = claim(&env, vec![a.epoch(0)]);
    env.send(&[ix], &[&more.wallet]).await.expect_error(TrancheError::WrongEpochRecord);
    let ix = claim(&env, vec![a.epoch(1), a.epoch(1)]);
    env.send(&[ix], &[&more.wallet]).await.expect_error(TrancheError::WrongEpochRecord);
    let ix = claim(&env, vec![a.tranches]);
    env.send(&[ix], &[&more.wallet]).await.expect_error(TrancheError::WrongEpochRecord);
    let ix = claim(&env, vec![a.epoch(1); MAX_EPOCHS_PER_CLAIM as usize + 1]);
    env.send(&[ix], &[&more.wallet]).await.expect_error(TrancheError::TooManyEpochs);
    let ix = claim(&env, vec![a.epoch(1)]);
    env.send(&[ix], &[&more.wallet]).await.expect("claim");
    assert_eq!(env.shares(&m, &more, Junior).await, env.epoch_record(&m, 1).await.fills[2].output);
    // another owner cannot claim it: the request's address names its owner
    let ix = env.claim_request(&m, &senior.wallet.pubkey(), &senior.usdc, Junior, 1..2);
    env.send(&[ix], &[&senior.wallet]).await.expect_error(TrancheError::NoRequest);
    // the senior redemption was paid in USDC
    let usdc = env.balance(&senior.usdc).await;
    env.claim_tranche(&m, &senior, Senior).await.expect("claim the redemption");
    assert_eq!(env.balance(&senior.usdc).await - usdc, env.epoch_record(&m, 1).await.fills[1].output);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn set_tranche_params_is_the_admins_and_bounded() {
    let mut env = Env::new().await;
    let (m, _, _) = env.tranche_merchant().await;
    let admin = env.admin.insecure_clone();
    let guardian = env.guardian.insecure_clone();
    let ok =
        TrancheParams { epoch_secs: 14 * 86_400, min_subordination_bps: 2_500, ..TrancheParams::default() };
    env.send(&[env.set_tranche_params(&m, &guardian.pubkey(), ok)], &[&guardian])
        .await
        .expect_error(TrancheError::NotAdmin);
    let d = TrancheParams::default();
    let bad = [
        TrancheParams { epoch_secs: MIN_EPOCH_SECS - 1, ..d },
        TrancheParams { epoch_secs: MAX_EPOCH_SECS + 1, ..d },
        TrancheParams { min_subordination_bps: MIN_MIN_SUBORDINATION_BPS - 1, ..d },
        TrancheParams { min_subordination_bps: MAX_MIN_SUBORDINATION_BPS + 1, ..d },
        TrancheParams { buffer_bps: MAX_BUFFER_BPS + 1, ..d },
        TrancheParams { max_slippage_bps: MIN_MAX_SLIPPAGE_BPS - 1, ..d },
        TrancheParams { max_slippage_bps: MAX_MAX_SLIPPAGE_BPS + 1, ..d },
        TrancheParams { twap_window_secs: MIN_TWAP_WINDOW_SECS - 1, ..d },
        TrancheParams { twap_window_secs: MAX_TWAP_WINDOW_SECS + 1, ..d },
        // requests must stay open for half of every epoch
        TrancheParams { epoch_secs: MIN_EPOCH_SECS, twap_window_secs: MIN_EPOCH_SECS / 2 + 1, ..d },
    ];
    for p in bad {
        env.warp(1);
        env.send(&[env.set_tranche_params(&m, &admin.pubkey(), p)], &[&admin])
            .await
            .expect_error(TrancheError::InvalidParams);
    }
    env.send_ok(&[env.set_tranche_params(&m, &admin.pubkey(), ok)], &[&admin]).await;
    assert_eq!(env.tranches(&m).await.params, ok);
    env.assert_all_conserved(&m).await;
}

/// No honest history leaves the window uncovered: the window is at most what the pool's observation buffer always
/// reaches (239 spacings) and at most half an epoch, and the vault opens only after its pool. The refusal is shown
/// on a forged bank state: a pool whose price history starts a minute before the close.
#[tokio::test]
async fn close_epoch_refuses_a_twap_window_the_pool_cannot_cover() {
    use anchor_lang::AccountSerialize;
    let mut env = Env::new().await;
    let (m, _, _) = env.tranche_merchant().await;
    env.warp(EPOCH);
    let k = PoolAddresses::of(&m);
    let mut pool = env.pool(&m).await;
    pool.last_update_ts = env.now - 60;
    let mut account = env.raw_account(&k.pool).await.unwrap();
    let mut data = Vec::new();
    pool.try_serialize(&mut data).unwrap();
    account.data[..data.len()].copy_from_slice(&data);
    env.set_account(&k.pool, account);
    let mut observations = env.raw_account(&k.observations).await.unwrap();
    observations.data[48..56].fill(0); // no record
    env.set_account(&k.observations, observations);
    env.close_epoch_now(&m).await.expect_error(TrancheError::TwapWindowNotCovered);
}

#[tokio::test]
async fn requests_and_cancels_close_one_twap_window_before_the_epoch_ends() {
    let mut env = Env::new().await;
    let (m, junior, senior, _) = funded(&mut env).await;
    let more = env.tranche_investor(&m, 10_000 * USDC).await;
    env.deposit_request(&m, &more, Junior, 5_000 * USDC).await.expect("deposit");
    let other = env.tranche_investor(&m, 10_000 * USDC).await;
    env.deposit_request(&m, &other, Junior, 2_000 * USDC).await.expect("deposit");
    env.warp(EPOCH - DEFAULT_TWAP_WINDOW_SECS - 1);
    env.deposit_request(&m, &more, Junior, 1_000 * USDC).await.expect("the last second");
    env.warp(1);
    // committed for the whole window that values them
    env.deposit_request(&m, &more, Junior, 1_000 * USDC)
        .await
        .expect_error(TrancheError::RequestWindowClosed);
    env.cancel_tranche(&m, &more, Junior).await.expect_error(TrancheError::RequestWindowClosed);
    env.redeem_request(&m, &senior, Senior, SHARE).await.expect_error(TrancheError::RequestWindowClosed);
    // requests stay closed until the epoch is closed (claims are not requests); cancels reopen once the close is
    // overdue by a window (a paused close, or one waiting for the oracle, never locks what is queued)
    env.warp(DEFAULT_TWAP_WINDOW_SECS);
    env.cancel_tranche(&m, &more, Junior).await.expect_error(TrancheError::RequestWindowClosed);
    env.warp(DEFAULT_TWAP_WINDOW_SECS);
    env.deposit_request(&m, &junior, Junior, USDC).await.expect_error(TrancheError::RequestWindowClosed);
    env.cancel_tranche(&m, &other, Junior).await.expect("the close is overdue: cancels reopen");
    assert_eq!(env.balance(&other.usdc).await, 10_000 * USDC);
    env.close_epoch_now(&m).await.expect("close");
    env.claim_tranche(&m, &more, Junior).await.expect("claim");
    env.deposit_request(&m, &more, Junior, 1_000 * USDC).await.expect("open again");
    env.assert_all_conserved(&m).await;
}
