//! pst_mint listing: applications, underwriter approval (bounded economics) and rejection.
use anchor_lang::error::ErrorCode as Anchor;
use pst_mint::{constants::*, errors::PstError, state::*};
use pst_tests::*;

#[tokio::test]
async fn a_merchant_applies() {
    let mut env = Env::new().await;
    let profile = sample_profile("Acme Outdoor Gear", "ACME");
    let m = env.applied_merchant(profile.clone()).await;
    let merchant = env.merchant(&m).await;
    assert_eq!(merchant.authority, m.authority.pubkey());
    assert_eq!(merchant.status, MerchantStatus::Applied);
    assert_eq!(merchant.profile, profile);
    assert_eq!(merchant.id, 0);
    assert_eq!(merchant.applied_at, env.now);
    let second = env.applied_merchant(sample_profile("Bolt Bikes", "BOLT")).await;
    assert_eq!(env.merchant(&second).await.id, 1);
    assert_eq!(env.config().await.merchant_count, 2);
}

#[tokio::test]
async fn applying_twice_is_refused() {
    let mut env = Env::new().await;
    let m = env.applied_merchant(sample_profile("Acme", "ACME")).await;
    let ix = env.apply_for_listing(&m, sample_profile("Acme again", "ACME2"));
    env.send(&[ix], &[&m.authority]).await.expect_error(PstError::AlreadyInitialized);
}

#[tokio::test]
async fn a_prefunded_merchant_address_does_not_block_the_application() {
    let mut env = Env::new().await;
    let m = MerchantKeys::new(env.wallet().await);
    env.airdrop(&m.merchant, 1_000_000).await;
    let ix = env.apply_for_listing(&m, sample_profile("Acme", "ACME"));
    env.send_ok(&[ix], &[&m.authority]).await;
    assert_eq!(env.merchant(&m).await.status, MerchantStatus::Applied);
}

#[tokio::test]
async fn applications_with_bad_metrics_are_refused() {
    let mut env = Env::new().await;
    let base = sample_profile("Acme", "ACME");
    let long = "x".repeat(MAX_URI_LEN + 1);
    let cases: Vec<(MerchantProfile, PstError)> = vec![
        (MerchantProfile { name: String::new(), ..base.clone() }, PstError::InvalidName),
        (MerchantProfile { name: "n".repeat(MAX_NAME_LEN + 1), ..base.clone() }, PstError::InvalidName),
        (MerchantProfile { symbol: String::new(), ..base.clone() }, PstError::InvalidSymbol),
        (MerchantProfile { symbol: "S".repeat(MAX_SYMBOL_LEN + 1), ..base.clone() }, PstError::InvalidSymbol),
        (MerchantProfile { token_uri: long.clone(), ..base.clone() }, PstError::InvalidUri),
        (MerchantProfile { evidence_uri: long, ..base.clone() }, PstError::InvalidUri),
        (MerchantProfile { trailing_revenue: 0, ..base.clone() }, PstError::InvalidMetrics),
        (MerchantProfile { margin_bps: MAX_MARGIN_BPS + 1, ..base.clone() }, PstError::InvalidMetrics),
        (MerchantProfile { growth_bps: MIN_GROWTH_BPS - 1, ..base.clone() }, PstError::InvalidMetrics),
        (MerchantProfile { growth_bps: MAX_GROWTH_BPS + 1, ..base.clone() }, PstError::InvalidMetrics),
    ];
    let m = MerchantKeys::new(env.wallet().await);
    for (profile, err) in cases {
        let ix = env.apply_for_listing(&m, profile);
        env.send(&[ix], &[&m.authority]).await.expect_error(err);
    }
}

#[tokio::test]
async fn applications_are_refused_while_listing_is_paused() {
    let mut env = Env::new().await;
    env.pause(PAUSE_LISTING).await;
    let m = MerchantKeys::new(env.wallet().await);
    let ix = env.apply_for_listing(&m, sample_profile("Acme", "ACME"));
    env.send(&[ix], &[&m.authority]).await.expect_error(PstError::Paused);
}

#[tokio::test]
async fn an_application_at_someone_elses_address_is_refused() {
    let mut env = Env::new().await;
    let victim = MerchantKeys::new(env.wallet().await);
    let attacker = env.attacker.insecure_clone();
    let mut ix =
        env.apply_for_listing(&MerchantKeys::new(attacker.insecure_clone()), sample_profile("Fake", "FAKE"));
    ix.accounts[2].pubkey = victim.merchant; // not the PDA of the signer
    env.send(&[ix], &[&attacker]).await.expect_error(Anchor::ConstraintSeeds);
}

#[tokio::test]
async fn an_underwriter_approves_with_defaults() {
    let mut env = Env::new().await;
    let m = env.approved_merchant(sample_approval()).await;
    let merchant = env.merchant(&m).await;
    assert_eq!(merchant.status, MerchantStatus::Approved);
    assert_eq!(merchant.underwriter, env.underwriter.pubkey());
    assert_eq!(merchant.economics.revenue_share_bps, DEFAULT_REVENUE_SHARE_BPS);
    assert_eq!(merchant.economics.stake_bps, DEFAULT_STAKE_BPS);
    assert_eq!(merchant.economics.total_supply, sample_approval().total_supply);
    // explicit values are kept
    let m2 = env
        .approved_merchant(ApprovalParams {
            revenue_share_bps: Some(2_500),
            stake_bps: Some(800),
            ..sample_approval()
        })
        .await;
    let e = env.merchant(&m2).await.economics;
    assert_eq!((e.revenue_share_bps, e.stake_bps), (2_500, 800));
}

async fn expect_approval_error(env: &mut Env, m: &MerchantKeys, params: ApprovalParams, err: PstError) {
    let uw = env.underwriter.insecure_clone();
    let ix = env.approve_merchant(m, &uw.pubkey(), params);
    env.send(&[ix], &[&uw]).await.expect_error(err);
}

#[tokio::test]
async fn approval_bounds_are_enforced() {
    let mut env = Env::new().await;
    let m = env.applied_merchant(sample_profile("Acme", "ACME")).await;
    let p = sample_approval();
    let cases: Vec<(ApprovalParams, PstError)> = vec![
        (
            ApprovalParams { revenue_share_bps: Some(MIN_REVENUE_SHARE_BPS - 1), ..p },
            PstError::InvalidRevenueShare,
        ),
        (
            ApprovalParams { revenue_share_bps: Some(MAX_REVENUE_SHARE_BPS + 1), ..p },
            PstError::InvalidRevenueShare,
        ),
        (ApprovalParams { stake_bps: Some(0), ..p }, PstError::InvalidStake),
        (ApprovalParams { stake_bps: Some(MAX_STAKE_BPS + 1), ..p }, PstError::InvalidStake),
        (ApprovalParams { total_supply: MIN_TOTAL_SUPPLY - 1, ..p }, PstError::InvalidSupply),
        (ApprovalParams { total_supply: MAX_TOTAL_SUPPLY + 1, ..p }, PstError::InvalidSupply),
        (ApprovalParams { issue_price: 0, ..p }, PstError::InvalidPrice),
        (ApprovalParams { issue_price: MAX_ISSUE_PRICE + 1, ..p }, PstError::InvalidPrice),
        // supply × price overflows u64 USDC: refused up front so no purchase can overflow
        (
            ApprovalParams { total_supply: MAX_TOTAL_SUPPLY, issue_price: MAX_ISSUE_PRICE, ..p },
            PstError::InvalidPrice,
        ),
        (ApprovalParams { merchant_bps: 2_001, ..p }, PstError::InvalidSplit),
        (
            ApprovalParams { merchant_bps: 2_500, lp_bps: 2_500, public_bps: 4_999, ..p },
            PstError::InvalidSplit,
        ),
        (ApprovalParams { merchant_bps: 5_000, lp_bps: 5_000, public_bps: 0, ..p }, PstError::InvalidSplit),
        (ApprovalParams { merchant_bps: 5_000, lp_bps: 0, public_bps: 5_000, ..p }, PstError::InvalidSplit),
        (ApprovalParams { merchant_bps: 9_000, lp_bps: 500, public_bps: 500, ..p }, PstError::InvalidSplit),
        // a sum that would wrap in u16 arithmetic
        (
            ApprovalParams { merchant_bps: u16::MAX, lp_bps: 1, public_bps: 10_000, ..p },
            PstError::InvalidSplit,
        ),
        (ApprovalParams { vesting_cliff_secs: p.vesting_duration_secs + 1, ..p }, PstError::InvalidVesting),
        (ApprovalParams { vesting_cliff_secs: -1, ..p }, PstError::InvalidVesting),
        (
            ApprovalParams { vesting_duration_secs: MIN_VESTING_DURATION - 1, vesting_cliff_secs: 0, ..p },
            PstError::InvalidVesting,
        ),
        (ApprovalParams { vesting_duration_secs: MAX_VESTING_DURATION + 1, ..p }, PstError::InvalidVesting),
        (ApprovalParams { withdrawal_limit_per_period: 0, ..p }, PstError::InvalidWithdrawalLimit),
        (ApprovalParams { sale_duration_secs: MIN_SALE_DURATION - 1, ..p }, PstError::InvalidSaleDuration),
        (ApprovalParams { sale_duration_secs: MAX_SALE_DURATION + 1, ..p }, PstError::InvalidSaleDuration),
    ];
    for (params, err) in cases {
        expect_approval_error(&mut env, &m, params, err).await;
    }
    // nothing changed
    assert_eq!(env.merchant(&m).await.status, MerchantStatus::Applied);
}

/// The demo merchant of the product documents (2.4M revenue, 10% share, 1M PST at 1.00) would start at PE 4.2,
/// far below the band: the reserve would buy from day one. Approval refuses economics whose initial PE (from
/// the application's trailing revenue) lies outside [8, 15], and accepts the edges themselves.
#[tokio::test]
async fn approval_refuses_an_initial_pe_outside_the_band() {
    let mut env = Env::new().await;
    let p = sample_approval();
    // (trailing revenue, issue price) → PE = 1M PST × price / (10% × revenue)
    let cases: Vec<(u64, u64, Option<PstError>)> = vec![
        (2_400_000 * USDC, USDC, Some(PstError::InitialPeOutsideBand)), // PE 4.17
        (1_250_000 * USDC, USDC, None),                                 // PE 8.0, the low edge
        (1_250_001 * USDC, USDC, Some(PstError::InitialPeOutsideBand)), // just below 8
        (1_000_000 * USDC, 3 * USDC / 2, None),                         // PE 15.0, the high edge
        (1_000_000 * USDC, 3 * USDC / 2 + 100, Some(PstError::InitialPeOutsideBand)), // PE 15.0001
        (2_400_000 * USDC, 5 * USDC / 2, None),                         // the demo merchant at 2.50: PE 10.4
    ];
    for (revenue, price, want) in cases {
        let m = env
            .applied_merchant(MerchantProfile { trailing_revenue: revenue, ..sample_profile("Band", "BND") })
            .await;
        let params = ApprovalParams { issue_price: price, ..p };
        match want {
            Some(err) => expect_approval_error(&mut env, &m, params, err).await,
            None => {
                let uw = env.underwriter.insecure_clone();
                let ix = env.approve_merchant(&m, &uw.pubkey(), params);
                env.send(&[ix], &[&uw]).await.expect("inside the band");
            }
        }
    }
}

#[tokio::test]
async fn only_underwriters_decide() {
    let mut env = Env::new().await;
    let m = env.applied_merchant(sample_profile("Acme", "ACME")).await;
    let outsider = env.wallet().await;
    let ix = env.approve_merchant(&m, &outsider.pubkey(), sample_approval());
    env.send(&[ix], &[&outsider]).await.expect_error(PstError::NotUnderwriter);
    let ix = env.reject_merchant(&m, &outsider.pubkey(), RejectionReason::Other);
    env.send(&[ix], &[&outsider]).await.expect_error(PstError::NotUnderwriter);
    // an underwriter that was removed has lost the role
    let admin = env.admin.insecure_clone();
    let uw = env.underwriter.insecure_clone();
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::Underwriter, uw.pubkey(), false)], &[&admin]).await;
    expect_approval_error(&mut env, &m, sample_approval(), PstError::NotUnderwriter).await;
    // naming an underwriter without its signature does not work either
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::Underwriter, uw.pubkey(), true)], &[&admin]).await;
    let mut ix = env.approve_merchant(&m, &uw.pubkey(), sample_approval());
    ix.accounts[0].is_signer = false;
    env.send(&[ix], &[]).await.expect_error(Anchor::AccountNotSigner);
}

#[tokio::test]
async fn an_underwriter_cannot_decide_its_own_application() {
    let mut env = Env::new().await;
    let uw = env.underwriter.insecure_clone();
    let m = MerchantKeys::new(uw.insecure_clone());
    let ix = env.apply_for_listing(&m, sample_profile("Self Dealing", "SELF"));
    env.send_ok(&[ix], &[&uw]).await;
    expect_approval_error(&mut env, &m, sample_approval(), PstError::SelfUnderwriting).await;
    let ix = env.reject_merchant(&m, &uw.pubkey(), RejectionReason::Other);
    env.send(&[ix], &[&uw]).await.expect_error(PstError::SelfUnderwriting);
}

#[tokio::test]
async fn a_decision_is_final() {
    let mut env = Env::new().await;
    let uw = env.underwriter.insecure_clone();
    // approved: no second approval, no rejection
    let m = env.approved_merchant(sample_approval()).await;
    expect_approval_error(&mut env, &m, sample_approval(), PstError::InvalidMerchantStatus).await;
    let ix = env.reject_merchant(&m, &uw.pubkey(), RejectionReason::ExcessiveRisk);
    env.send(&[ix], &[&uw]).await.expect_error(PstError::InvalidMerchantStatus);
    // rejected: recorded with its reason, then no approval
    let r = env.applied_merchant(sample_profile("Risky", "RSK")).await;
    env.send_ok(&[env.reject_merchant(&r, &uw.pubkey(), RejectionReason::InsufficientMargin)], &[&uw]).await;
    let merchant = env.merchant(&r).await;
    assert_eq!(merchant.status, MerchantStatus::Rejected);
    assert_eq!(merchant.rejection_reason, Some(RejectionReason::InsufficientMargin));
    assert_eq!(merchant.underwriter, uw.pubkey());
    expect_approval_error(&mut env, &r, sample_approval(), PstError::InvalidMerchantStatus).await;
    // and a rejected merchant cannot create a token
    env.create_token(&r).await.expect_error(PstError::InvalidMerchantStatus);
}

#[tokio::test]
async fn decisions_are_refused_while_listing_is_paused() {
    let mut env = Env::new().await;
    let m = env.applied_merchant(sample_profile("Acme", "ACME")).await;
    env.pause(PAUSE_LISTING).await;
    expect_approval_error(&mut env, &m, sample_approval(), PstError::Paused).await;
    let uw = env.underwriter.insecure_clone();
    let ix = env.reject_merchant(&m, &uw.pubkey(), RejectionReason::Other);
    env.send(&[ix], &[&uw]).await.expect_error(PstError::Paused);
}
