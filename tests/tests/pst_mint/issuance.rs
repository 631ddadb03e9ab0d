//! pst_mint issuance: the Token-2022 PST mint with metadata, and the one-time supply into three vaults.
use anchor_lang::error::ErrorCode as Anchor;
use anchor_spl::{
    token_2022::spl_token_2022::{
        extension::{metadata_pointer::MetadataPointer, BaseStateWithExtensions, StateWithExtensions},
        state::{Account as RawAccount, Mint as RawMint},
    },
    token_interface::spl_token_metadata_interface::state::TokenMetadata,
};
use pst_mint::{constants::*, errors::PstError, state::*};
use pst_tests::*;

#[tokio::test]
async fn create_token_makes_a_token_2022_mint_with_metadata() {
    let mut env = Env::new().await;
    let m = env.approved_merchant(sample_approval()).await;
    env.create_token(&m).await.expect("create_token");

    let acc = env.raw_account(&m.pst_mint).await.unwrap();
    assert_eq!(acc.owner, anchor_spl::token_2022::ID);
    let mint = StateWithExtensions::<RawMint>::unpack(&acc.data).unwrap();
    assert_eq!(mint.base.decimals, 6);
    assert_eq!(mint.base.supply, 0);
    assert_eq!(mint.base.mint_authority, Some(m.merchant).into());
    assert_eq!(mint.base.freeze_authority, None.into());
    let pointer = mint.get_extension::<MetadataPointer>().unwrap();
    assert_eq!(Option::<Pubkey>::from(pointer.metadata_address), Some(m.pst_mint));
    assert_eq!(Option::<Pubkey>::from(pointer.authority), Some(m.merchant));
    let meta = mint.get_variable_len_extension::<TokenMetadata>().unwrap();
    assert_eq!((meta.name.as_str(), meta.symbol.as_str()), ("Acme Outdoor Gear", "ACME"));
    assert_eq!(meta.uri, "https://pst.example/ACME.json");
    assert_eq!(meta.mint, m.pst_mint);
    assert_eq!(Option::<Pubkey>::from(meta.update_authority), Some(m.merchant));

    let merchant = env.merchant(&m).await;
    assert_eq!(merchant.status, MerchantStatus::TokenCreated);
    assert_eq!(merchant.pst_mint, m.pst_mint);
}

#[tokio::test]
async fn create_token_refusals() {
    let mut env = Env::new().await;
    // before approval
    let applied = env.applied_merchant(sample_profile("Early", "ERLY")).await;
    env.create_token(&applied).await.expect_error(PstError::InvalidMerchantStatus);

    let m = env.approved_merchant(sample_approval()).await;
    // someone other than the merchant
    let attacker = env.attacker.insecure_clone();
    let mut accounts = env.create_token_accounts(&m);
    accounts.authority = attacker.pubkey();
    let ix = pst_ix(accounts, pst_mint::instruction::CreateToken {});
    env.send(&[ix], &[&attacker]).await.expect_error(PstError::NotMerchantAuthority);
    // a mint address that is not the merchant's PDA
    let fake = Keypair::new();
    let mut accounts = env.create_token_accounts(&m);
    accounts.pst_mint = fake.pubkey();
    let ix = pst_ix(accounts, pst_mint::instruction::CreateToken {});
    env.send(&[ix], &[&m.authority]).await.expect_error(Anchor::ConstraintSeeds);
    // the classic token program instead of Token-2022
    let mut accounts = env.create_token_accounts(&m);
    accounts.token_program = anchor_spl::token::ID;
    let ix = pst_ix(accounts, pst_mint::instruction::CreateToken {});
    env.send(&[ix], &[&m.authority]).await.expect_error(Anchor::InvalidProgramId);
    // paused
    env.pause(PAUSE_ISSUANCE).await;
    env.create_token(&m).await.expect_error(PstError::Paused);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    // once only
    env.create_token(&m).await.expect("create_token");
    env.create_token(&m).await.expect_error(PstError::InvalidMerchantStatus);
}

#[tokio::test]
async fn a_prefunded_mint_address_does_not_block_token_creation() {
    let mut env = Env::new().await;
    let m = env.approved_merchant(sample_approval()).await;
    env.airdrop(&m.pst_mint, 5_000_000).await;
    env.airdrop(&m.sale_vault, 5_000_000).await;
    env.create_token(&m).await.expect("create_token");
    env.issue_supply(&m).await.expect("issue_supply");
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn issue_supply_mints_once_into_three_vaults() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let merchant = env.merchant(&m).await;
    let split = merchant.economics.split().unwrap();
    assert_eq!((split.merchant, split.lp, split.public), (200_000 * PST, 300_000 * PST, 500_000 * PST));
    assert_eq!(env.balance(&m.vesting_vault).await, split.merchant);
    assert_eq!(env.balance(&m.lp_vault).await, split.lp);
    assert_eq!(env.balance(&m.sale_vault).await, split.public);
    assert_eq!(env.balance(&m.treasury).await, 0);
    // the vaults belong to the merchant PDA, except the LP allocation, which only the merchant's amm_pool
    // pool can move; the treasury holds USDC
    let pool = PoolAddresses::of(&m).pool;
    for (vault, mint, owner) in [
        (m.vesting_vault, m.pst_mint, m.merchant),
        (m.lp_vault, m.pst_mint, pool),
        (m.sale_vault, m.pst_mint, m.merchant),
        (m.treasury, env.usdc_mint, m.merchant),
    ] {
        let acc = env.raw_account(&vault).await.unwrap();
        let state = StateWithExtensions::<RawAccount>::unpack(&acc.data).unwrap();
        assert_eq!((state.base.mint, state.base.owner), (mint, owner));
    }
    assert_eq!(env.raw_account(&m.treasury).await.unwrap().owner, anchor_spl::token::ID);
    // supply fixed: the mint authority is gone
    let acc = env.raw_account(&m.pst_mint).await.unwrap();
    let mint = StateWithExtensions::<RawMint>::unpack(&acc.data).unwrap();
    assert_eq!(mint.base.supply, sample_approval().total_supply);
    assert_eq!(mint.base.mint_authority, None.into());
    // the sale and vesting are set up
    assert_eq!(merchant.status, MerchantStatus::Sale);
    assert_eq!(merchant.sale.start, env.now);
    assert_eq!(merchant.sale.end, env.now + sample_approval().sale_duration_secs);
    assert_eq!(merchant.sale.public_supply, split.public);
    assert_eq!(merchant.vesting.total, split.merchant);
    assert_eq!(merchant.vesting.start, env.now);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn issue_supply_refusals() {
    let mut env = Env::new().await;
    let other = env.issued_merchant().await;
    let m = env.approved_merchant(sample_approval()).await;
    // before the token exists: there is no mint account to issue from
    env.issue_supply(&m).await.expect_error(Anchor::AccountNotInitialized);
    env.create_token(&m).await.expect("create_token");

    let attacker = env.attacker.insecure_clone();
    let mut a = env.issue_supply_accounts(&m);
    a.authority = attacker.pubkey();
    env.send(&[pst_ix(a, pst_mint::instruction::IssueSupply {})], &[&attacker])
        .await
        .expect_error(PstError::NotMerchantAuthority);
    // another merchant's mint
    let mut a = env.issue_supply_accounts(&m);
    a.pst_mint = other.pst_mint;
    env.send(&[pst_ix(a, pst_mint::instruction::IssueSupply {})], &[&m.authority])
        .await
        .expect_error(PstError::WrongPstMint);
    // a USDC look-alike
    let fake_usdc = Keypair::new();
    let payer = env.payer().pubkey();
    env.create_mint(&fake_usdc, &payer, 6, &anchor_spl::token::ID).await;
    let mut a = env.issue_supply_accounts(&m);
    a.usdc_mint = fake_usdc.pubkey();
    env.send(&[pst_ix(a, pst_mint::instruction::IssueSupply {})], &[&m.authority])
        .await
        .expect_error(PstError::WrongUsdcMint);
    // a vault that is not the merchant's PDA
    let mut a = env.issue_supply_accounts(&m);
    a.sale_vault = Keypair::new().pubkey();
    env.send(&[pst_ix(a, pst_mint::instruction::IssueSupply {})], &[&m.authority])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // the same vault twice: its address is not the second vault's PDA
    let mut a = env.issue_supply_accounts(&m);
    a.lp_vault = m.vesting_vault;
    env.send(&[pst_ix(a, pst_mint::instruction::IssueSupply {})], &[&m.authority])
        .await
        .expect_error(Anchor::ConstraintSeeds);
    // paused
    env.pause(PAUSE_ISSUANCE).await;
    env.issue_supply(&m).await.expect_error(PstError::Paused);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    // once only
    env.issue_supply(&m).await.expect("issue_supply");
    env.issue_supply(&m).await.expect_error(PstError::InvalidMerchantStatus);
    env.assert_all_conserved(&m).await;
    env.assert_all_conserved(&other).await;
}

#[tokio::test]
async fn the_split_rounds_into_the_merchant_allocation() {
    let mut env = Env::new().await;
    // a store this small (1,000 USDC of revenue at PE 10) is below the default eligibility threshold
    env.admit_small_stores().await;
    // 1,000.000007 PST: LP and public round down, the merchant takes the remainder
    let params = ApprovalParams {
        total_supply: MIN_TOTAL_SUPPLY + 7,
        merchant_bps: 3_333,
        lp_bps: 3_333,
        public_bps: 3_334,
        ..sample_approval()
    };
    let m = env.issued_merchant_with(params).await;
    let total = params.total_supply as u128;
    let lp = env.balance(&m.lp_vault).await;
    let public = env.balance(&m.sale_vault).await;
    let merchant = env.balance(&m.vesting_vault).await;
    assert_eq!(lp as u128, total * 3_333 / 10_000);
    assert_eq!(public as u128, total * 3_334 / 10_000);
    assert_eq!(merchant as u128 + lp as u128 + public as u128, total);
    env.assert_all_conserved(&m).await;
}
