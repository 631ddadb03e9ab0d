//! pst_mint governance: config initialisation, two-step admin, roles, fees, pause flags.
use anchor_lang::error::ErrorCode as Anchor;
use pst_ids::revenue_distributor::{
    MAX_ALAR_CONTRIBUTION_BPS, MAX_KEEPER_TIP_BPS, MAX_PROTOCOL_FEE_BPS, MAX_TOTAL_CARVE_OUT_BPS,
};
use pst_mint::{constants::*, errors::PstError, state::*};
use pst_tests::*;

#[tokio::test]
async fn initialize_config_sets_everything() {
    let mut env = Env::new().await;
    let c = env.config().await;
    assert_eq!(c.admin, env.admin.pubkey());
    assert_eq!(c.guardian, env.guardian.pubkey());
    assert_eq!(c.usdc_mint, env.usdc_mint);
    assert_eq!(c.fees, default_fees());
    assert_eq!(c.pending_admin, None);
    assert_eq!(c.paused, 0);
    assert_eq!(c.merchant_count, 0);
    assert_eq!(c.underwriters, vec![env.underwriter.pubkey()]);
    assert_eq!(c.oracle_reporters, vec![env.reporter.pubkey()]);
}

#[tokio::test]
async fn initialize_config_refuses_anyone_but_the_upgrade_authority() {
    let mut env = Env::bare().await;
    let outsider = env.wallet().await;
    let ix = env.initialize_config_ix(&outsider.pubkey(), default_fees());
    env.send(&[ix], &[&outsider]).await.expect_error(PstError::NotUpgradeAuthority);
}

#[tokio::test]
async fn initialize_config_refuses_a_spoofed_program_data() {
    // the attacker's own program names them upgrade authority; it is not our ProgramData PDA
    let mut env = Env::bare().await;
    let attacker = env.attacker.insecure_clone();
    let mut ix = env.initialize_config_ix(&attacker.pubkey(), default_fees());
    ix.accounts[2].pubkey = env.attacker_program_data;
    env.send(&[ix], &[&attacker]).await.expect_error(Anchor::ConstraintSeeds);
}

#[tokio::test]
async fn initialize_config_refuses_a_program_data_with_the_wrong_owner() {
    let mut env = Env::bare().await;
    let deployer = env.deployer.insecure_clone();
    let mut ix = env.initialize_config_ix(&deployer.pubkey(), default_fees());
    ix.accounts[2].pubkey = env.usdc_mint; // owned by SPL Token, not the upgradeable loader
    env.send(&[ix], &[&deployer]).await.expect_error(Anchor::AccountOwnedByWrongProgram);
}

#[tokio::test]
async fn initialize_config_refuses_reinitialisation() {
    let mut env = Env::new().await;
    let deployer = env.deployer.insecure_clone();
    let ix = env.initialize_config_ix(&deployer.pubkey(), default_fees());
    env.send(&[ix], &[&deployer]).await.expect_error(PstError::AlreadyInitialized);
}

#[tokio::test]
async fn initialize_config_refuses_a_wrong_usdc_mint() {
    let mut env = Env::bare().await;
    let deployer = env.deployer.insecure_clone();
    // 9 decimals is not USDC
    let nine = Keypair::new();
    let auth = env.payer().pubkey();
    env.create_mint(&nine, &auth, 9, &anchor_spl::token::ID).await;
    let mut ix = env.initialize_config_ix(&deployer.pubkey(), default_fees());
    ix.accounts[4].pubkey = nine.pubkey();
    env.send(&[ix], &[&deployer]).await.expect_error(Anchor::ConstraintMintDecimals);
    // a Token-2022 mint is not the classic USDC
    let t22 = Keypair::new();
    env.create_mint(&t22, &auth, 6, &anchor_spl::token_2022::ID).await;
    let mut ix = env.initialize_config_ix(&deployer.pubkey(), default_fees());
    ix.accounts[4].pubkey = t22.pubkey();
    env.send(&[ix], &[&deployer]).await.expect_error(Anchor::AccountOwnedByWrongProgram);
}

#[tokio::test]
async fn initialize_config_refuses_out_of_bounds_fees() {
    let mut env = Env::bare().await;
    let deployer = env.deployer.insecure_clone();
    let fees = FeeParams { protocol_fee_bps: MAX_PROTOCOL_FEE_BPS + 1, ..default_fees() };
    let ix = env.initialize_config_ix(&deployer.pubkey(), fees);
    env.send(&[ix], &[&deployer]).await.expect_error(PstError::FeeOutOfBounds);
}

#[tokio::test]
async fn admin_transfer_is_two_step() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let next = env.wallet().await;
    env.send_ok(&[env.propose_admin(&admin.pubkey(), next.pubkey())], &[&admin]).await;
    let c = env.config().await;
    assert_eq!((c.admin, c.pending_admin), (admin.pubkey(), Some(next.pubkey())));
    env.send_ok(&[env.accept_admin(&next.pubkey())], &[&next]).await;
    let c = env.config().await;
    assert_eq!((c.admin, c.pending_admin), (next.pubkey(), None));
    // the old admin has lost its powers
    let ix = env.set_role(&admin.pubkey(), Role::Underwriter, Pubkey::new_unique(), true);
    env.send(&[ix], &[&admin]).await.expect_error(PstError::NotAdmin);
}

#[tokio::test]
async fn admin_transfer_refusals() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let outsider = env.wallet().await;
    // accept with nothing pending
    env.send(&[env.accept_admin(&outsider.pubkey())], &[&outsider])
        .await
        .expect_error(PstError::NoPendingAdmin);
    // propose by a non-admin
    env.send(&[env.propose_admin(&outsider.pubkey(), outsider.pubkey())], &[&outsider])
        .await
        .expect_error(PstError::NotAdmin);
    // propose the default key
    env.send(&[env.propose_admin(&admin.pubkey(), Pubkey::default())], &[&admin])
        .await
        .expect_error(PstError::InvalidRoleMember);
    // accept by someone other than the proposed admin
    let next = env.wallet().await;
    env.send_ok(&[env.propose_admin(&admin.pubkey(), next.pubkey())], &[&admin]).await;
    env.send(&[env.accept_admin(&outsider.pubkey())], &[&outsider])
        .await
        .expect_error(PstError::NotPendingAdmin);
    // the admin's signature is required, not just its key
    let mut ix = env.propose_admin(&admin.pubkey(), outsider.pubkey());
    ix.accounts[0].is_signer = false;
    env.send(&[ix], &[]).await.expect_error(Anchor::AccountNotSigner);
}

#[tokio::test]
async fn roles_are_managed_by_the_admin() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let (a, b) = (Pubkey::new_unique(), Pubkey::new_unique());
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::Underwriter, a, true)], &[&admin]).await;
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::OracleReporter, b, true)], &[&admin]).await;
    let c = env.config().await;
    assert!(c.is_underwriter(&a) && c.is_oracle_reporter(&b));
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::Underwriter, a, false)], &[&admin]).await;
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::OracleReporter, b, false)], &[&admin]).await;
    let c = env.config().await;
    assert!(!c.is_underwriter(&a) && !c.is_oracle_reporter(&b));
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::Guardian, a, true)], &[&admin]).await;
    assert_eq!(env.config().await.guardian, a);
}

#[tokio::test]
async fn role_refusals() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let uw = env.underwriter.pubkey();
    let outsider = env.wallet().await;
    let cases: Vec<(Role, Pubkey, bool, PstError)> = vec![
        (Role::Underwriter, uw, true, PstError::RoleMemberExists),
        (Role::OracleReporter, Pubkey::new_unique(), false, PstError::RoleMemberMissing),
        (Role::Guardian, env.guardian.pubkey(), false, PstError::GuardianCannotBeRemoved),
        (Role::Underwriter, Pubkey::default(), true, PstError::InvalidRoleMember),
    ];
    for (role, member, enabled, err) in cases {
        env.send(&[env.set_role(&admin.pubkey(), role, member, enabled)], &[&admin]).await.expect_error(err);
    }
    env.send(&[env.set_role(&outsider.pubkey(), Role::Underwriter, outsider.pubkey(), true)], &[&outsider])
        .await
        .expect_error(PstError::NotAdmin);
    // the set is bounded
    for _ in 1..MAX_UNDERWRITERS {
        env.send_ok(
            &[env.set_role(&admin.pubkey(), Role::Underwriter, Pubkey::new_unique(), true)],
            &[&admin],
        )
        .await;
    }
    env.send(&[env.set_role(&admin.pubkey(), Role::Underwriter, Pubkey::new_unique(), true)], &[&admin])
        .await
        .expect_error(PstError::RoleSetFull);
}

#[tokio::test]
async fn fees_are_bounded() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let max = FeeParams {
        protocol_fee_bps: MAX_PROTOCOL_FEE_BPS,
        alar_contribution_bps: MAX_TOTAL_CARVE_OUT_BPS - MAX_PROTOCOL_FEE_BPS,
        keeper_tip_bps: MAX_KEEPER_TIP_BPS,
    };
    env.send_ok(&[env.update_fees(&admin.pubkey(), max)], &[&admin]).await;
    assert_eq!(env.config().await.fees, max);
    let bad = [
        FeeParams { protocol_fee_bps: MAX_PROTOCOL_FEE_BPS + 1, alar_contribution_bps: 0, keeper_tip_bps: 0 },
        FeeParams {
            protocol_fee_bps: 0,
            alar_contribution_bps: MAX_ALAR_CONTRIBUTION_BPS + 1,
            keeper_tip_bps: 0,
        },
        FeeParams { protocol_fee_bps: 1_000, alar_contribution_bps: 1_501, keeper_tip_bps: 0 },
        FeeParams { protocol_fee_bps: 0, alar_contribution_bps: 0, keeper_tip_bps: MAX_KEEPER_TIP_BPS + 1 },
    ];
    for fees in bad {
        env.send(&[env.update_fees(&admin.pubkey(), fees)], &[&admin])
            .await
            .expect_error(PstError::FeeOutOfBounds);
    }
    let outsider = env.wallet().await;
    env.send(&[env.update_fees(&outsider.pubkey(), default_fees())], &[&outsider])
        .await
        .expect_error(PstError::NotAdmin);
    assert_eq!(env.config().await.fees, max);
}

#[tokio::test]
async fn guardian_pauses_and_only_admin_unpauses() {
    let mut env = Env::new().await;
    let (admin, guardian) = (env.admin.insecure_clone(), env.guardian.insecure_clone());
    let outsider = env.wallet().await;
    env.send_ok(&[env.set_pause(&guardian.pubkey(), PAUSE_SALE | PAUSE_VESTING)], &[&guardian]).await;
    assert_eq!(env.config().await.paused, PAUSE_SALE | PAUSE_VESTING);
    // the guardian cannot clear a flag
    env.send(&[env.set_pause(&guardian.pubkey(), PAUSE_SALE)], &[&guardian])
        .await
        .expect_error(PstError::UnpauseRequiresAdmin);
    // nobody else can pause
    env.send(&[env.set_pause(&outsider.pubkey(), PAUSE_ALL)], &[&outsider])
        .await
        .expect_error(PstError::NotGuardian);
    // nor unpause
    env.send(&[env.set_pause(&outsider.pubkey(), 0)], &[&outsider])
        .await
        .expect_error(PstError::UnpauseRequiresAdmin);
    // unknown bits of pst_mint's own lane are refused
    for unknown in [1 << 6, 1 << 7] {
        env.send(&[env.set_pause(&admin.pubkey(), PAUSE_SALE | PAUSE_VESTING | unknown)], &[&admin])
            .await
            .expect_error(PstError::InvalidPauseFlags);
    }
    // the other lanes belong to the programs they govern: revenue_distributor's flag, and a bit of a lane no
    // program uses yet, are accepted without a change to pst_mint
    let others = revenue_distributor::constants::PAUSE_STAKE | pst_ids::pause::flag(5, 3);
    env.send_ok(&[env.set_pause(&guardian.pubkey(), PAUSE_SALE | PAUSE_VESTING | others)], &[&guardian])
        .await;
    assert_eq!(env.config().await.paused, PAUSE_SALE | PAUSE_VESTING | others);
    // the admin clears
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    assert_eq!(env.config().await.paused, 0);
    // and may pause too
    env.send_ok(&[env.set_pause(&admin.pubkey(), PAUSE_ALL)], &[&admin]).await;
    assert_eq!(env.config().await.paused, PAUSE_ALL);
}

#[tokio::test]
async fn a_spoofed_config_account_is_refused() {
    let mut env = Env::new().await;
    let m = env.applied_merchant(sample_profile("Spoof", "SPF")).await;
    let admin = env.admin.insecure_clone();
    // a pst_mint-owned account of another type in the config slot
    let mut ix = env.set_pause(&admin.pubkey(), PAUSE_ALL);
    ix.accounts[1].pubkey = m.merchant;
    env.send(&[ix], &[&admin]).await.expect_error(Anchor::AccountDiscriminatorMismatch);
}

#[tokio::test]
async fn a_prefunded_config_address_does_not_block_initialisation() {
    // anyone can send lamports to a predictable PDA; creation must still work
    let mut env = Env::bare().await;
    env.airdrop(&config_pda(), 1_000_000).await;
    let deployer = env.deployer.insecure_clone();
    let ix = env.initialize_config_ix(&deployer.pubkey(), default_fees());
    env.send_ok(&[ix], &[&deployer]).await;
    assert_eq!(env.config().await.admin, env.admin.pubkey());
}
