//! pst_mint merchant vesting: cliff, linear release, never more than vested, never twice.
use anchor_lang::error::ErrorCode as Anchor;
use pst_mint::{constants::*, errors::PstError, instruction as ixd};
use pst_tests::*;

const DAY: i64 = 86_400;

#[tokio::test]
async fn nothing_before_the_cliff_then_linear() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await; // 200,000 PST, 90-day cliff, 365-day vesting
    let dest = env.merchant_pst_account(&m).await;
    env.warp(90 * DAY - 1);
    env.claim_vested(&m, &dest).await.expect_error(PstError::VestingCliffNotReached);
    env.warp(1);
    env.claim_vested(&m, &dest).await.expect("claim at the cliff");
    let at_cliff = 200_000 * PST as u128 * 90 / 365;
    assert_eq!(env.balance(&dest).await as u128, at_cliff);
    // the same moment again: nothing new has vested
    env.claim_vested(&m, &dest).await.expect_error(PstError::NothingToClaim);
    env.warp(90 * DAY);
    env.claim_vested(&m, &dest).await.expect("claim at 180 days");
    assert_eq!(env.balance(&dest).await as u128, 200_000 * PST as u128 * 180 / 365);
    env.warp(10 * 365 * DAY);
    env.claim_vested(&m, &dest).await.expect("claim the rest");
    assert_eq!(env.balance(&dest).await, 200_000 * PST);
    assert_eq!(env.balance(&m.vesting_vault).await, 0);
    env.claim_vested(&m, &dest).await.expect_error(PstError::NothingToClaim);
    let v = env.merchant(&m).await.vesting;
    assert_eq!((v.claimed, v.total), (200_000 * PST, 200_000 * PST));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn unsold_public_pst_never_reaches_the_merchant() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 300_000 * USDC).await;
    env.buy(&m, &inv, 300_000 * PST).await.expect("buy");
    env.warp(14 * DAY);
    env.close_sale(&m).await.expect("close");
    let dest = env.merchant_pst_account(&m).await;
    env.warp(365 * DAY);
    env.claim_vested(&m, &dest).await.expect("claim");
    // only the approved 20%: the 200,000 unsold public PST were burned at the close
    assert_eq!(env.balance(&dest).await, 200_000 * PST);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn claim_refusals() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let other = env.issued_merchant().await;
    let dest = env.merchant_pst_account(&m).await;
    env.warp(200 * DAY);
    // someone else
    let attacker = env.attacker.insecure_clone();
    let attacker_dest = env.create_ata(&attacker.pubkey(), &m.pst_mint, &anchor_spl::token_2022::ID).await;
    let mut a = env.claim_vested_accounts(&m, &attacker_dest);
    a.authority = attacker.pubkey();
    env.send(&[pst_ix(a, ixd::ClaimVested {})], &[&attacker])
        .await
        .expect_error(PstError::NotMerchantAuthority);
    // another merchant's vesting vault
    let mut a = env.claim_vested_accounts(&m, &dest);
    a.vesting_vault = other.vesting_vault;
    env.send(&[pst_ix(a, ixd::ClaimVested {})], &[&m.authority]).await.expect_error(Anchor::ConstraintSeeds);
    // another mint
    let mut a = env.claim_vested_accounts(&m, &dest);
    a.pst_mint = other.pst_mint;
    env.send(&[pst_ix(a, ixd::ClaimVested {})], &[&m.authority]).await.expect_error(PstError::WrongPstMint);
    // a destination of another mint
    let wrong_dest =
        env.create_ata(&m.authority.pubkey(), &other.pst_mint, &anchor_spl::token_2022::ID).await;
    env.claim_vested(&m, &wrong_dest).await.expect_error(Anchor::ConstraintTokenMint);
    // the vault itself as destination
    env.claim_vested(&m, &m.vesting_vault).await.expect_error(Anchor::ConstraintDuplicateMutableAccount);
    // paused
    env.pause(PAUSE_VESTING).await;
    env.claim_vested(&m, &dest).await.expect_error(PstError::Paused);
    assert_eq!(env.balance(&dest).await, 0);
    assert_eq!(env.balance(&attacker_dest).await, 0);
    env.assert_all_conserved(&m).await;
    env.assert_all_conserved(&other).await;
}

#[tokio::test]
async fn no_claims_before_issuance() {
    let mut env = Env::new().await;
    let m = env.approved_merchant(sample_approval()).await;
    env.create_token(&m).await.expect("create_token");
    let dest = env.merchant_pst_account(&m).await;
    env.warp(400 * DAY);
    // the vesting vault does not exist yet
    env.claim_vested(&m, &dest).await.expect_error(Anchor::AccountNotInitialized);
}
