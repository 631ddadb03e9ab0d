//! pst_mint public sale: purchases at the issue price, the window, closing the sale.
use anchor_lang::error::ErrorCode as Anchor;
use pst_mint::{constants::*, errors::PstError, instruction as ixd, state::*};
use pst_tests::*;

#[tokio::test]
async fn an_investor_buys_at_the_issue_price() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 10_000 * USDC).await;
    env.buy(&m, &inv, 2_500 * PST).await.expect("buy");
    assert_eq!(env.balance(&inv.pst).await, 2_500 * PST);
    assert_eq!(env.balance(&inv.usdc).await, 7_500 * USDC);
    assert_eq!(env.balance(&m.treasury).await, 2_500 * USDC);
    assert_eq!(env.balance(&m.sale_vault).await, 497_500 * PST);
    let sale = env.merchant(&m).await.sale;
    assert_eq!((sale.sold, sale.proceeds), (2_500 * PST, 2_500 * USDC));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_cost_rounds_up_in_the_protocols_favour() {
    let mut env = Env::new().await;
    // 1.000001 USDC per PST
    let m = env.issued_merchant_with(ApprovalParams { issue_price: USDC + 1, ..sample_approval() }).await;
    let inv = env.investor(&m, 100 * USDC).await;
    // 1 base unit of PST costs 1.000001 base units of USDC: the buyer pays 2
    env.buy(&m, &inv, 1).await.expect("buy");
    assert_eq!(env.balance(&m.treasury).await, 2);
    // one whole PST costs exactly 1.000001 USDC
    env.buy(&m, &inv, PST).await.expect("buy");
    assert_eq!(env.balance(&m.treasury).await, 2 + USDC + 1);
    assert_eq!(env.merchant(&m).await.sale.proceeds, 2 + USDC + 1);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_buyer_caps_the_cost() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 100 * USDC).await;
    let buy =
        |max| pst_ix(env.buy_accounts(&m, &inv), ixd::BuyPublic { pst_amount: 10 * PST, max_usdc_cost: max });
    let (too_low, exact) = (buy(10 * USDC - 1), buy(10 * USDC));
    env.send(&[too_low], &[&inv.wallet]).await.expect_error(PstError::SlippageExceeded);
    env.send_ok(&[exact], &[&inv.wallet]).await;
    assert_eq!(env.balance(&inv.pst).await, 10 * PST);
}

#[tokio::test]
async fn purchases_are_limited_to_the_public_allocation() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let whale = env.investor(&m, 1_000_000 * USDC).await;
    env.buy(&m, &whale, 0).await.expect_error(PstError::ZeroAmount);
    env.buy(&m, &whale, 500_000 * PST + 1).await.expect_error(PstError::InsufficientSaleSupply);
    env.buy(&m, &whale, 499_999 * PST).await.expect("buy");
    env.buy(&m, &whale, PST + 1).await.expect_error(PstError::InsufficientSaleSupply);
    env.buy(&m, &whale, PST).await.expect("buy the last one");
    env.buy(&m, &whale, 1).await.expect_error(PstError::InsufficientSaleSupply);
    assert_eq!(env.balance(&m.sale_vault).await, 0);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn an_investor_cannot_pay_with_usdc_it_does_not_have() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 5 * USDC).await;
    env.buy(&m, &inv, 6 * PST).await.expect_error(RuntimeError::TokenInsufficientFunds);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn the_sale_window_closes() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 100 * USDC).await;
    env.warp(sample_approval().sale_duration_secs - 1);
    env.buy(&m, &inv, PST).await.expect("last second");
    env.warp(1);
    env.buy(&m, &inv, PST).await.expect_error(PstError::SaleEnded);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn purchases_are_refused_while_the_sale_is_paused() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 100 * USDC).await;
    env.pause(PAUSE_SALE).await;
    env.buy(&m, &inv, PST).await.expect_error(PstError::Paused);
}

#[tokio::test]
async fn purchase_account_refusals() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let other = env.issued_merchant().await;
    let inv = env.investor(&m, 100 * USDC).await;
    let victim = env.investor(&m, 100 * USDC).await;
    fn buy_with(
        env: &Env,
        m: &MerchantKeys,
        inv: &Investor,
        f: &dyn Fn(&mut pst_mint::accounts::BuyPublic),
    ) -> Instruction {
        let mut a = env.buy_accounts(m, inv);
        f(&mut a);
        pst_ix(a, ixd::BuyPublic { pst_amount: PST, max_usdc_cost: u64::MAX })
    }
    // another merchant's mint
    let ix = buy_with(&env, &m, &inv, &|a| a.pst_mint = other.pst_mint);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(PstError::WrongPstMint);
    // a USDC look-alike
    let fake = Keypair::new();
    let payer = env.payer().pubkey();
    env.create_mint(&fake, &payer, 6, &anchor_spl::token::ID).await;
    let ix = buy_with(&env, &m, &inv, &|a| a.usdc_mint = fake.pubkey());
    env.send(&[ix], &[&inv.wallet]).await.expect_error(PstError::WrongUsdcMint);
    // a sale vault that is not the merchant's (another merchant's sale vault)
    let ix = buy_with(&env, &m, &inv, &|a| a.sale_vault = other.sale_vault);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::ConstraintSeeds);
    // proceeds diverted to a treasury that is not the merchant's
    let ix = buy_with(&env, &m, &inv, &|a| a.treasury = victim.usdc);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::ConstraintSeeds);
    // paying from someone else's USDC account
    let ix = buy_with(&env, &m, &inv, &|a| a.buyer_usdc = victim.usdc);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::ConstraintTokenOwner);
    // receiving into an account of another mint
    let ix = buy_with(&env, &m, &inv, &|a| a.buyer_pst = victim.usdc);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::ConstraintTokenMint);
    let other_pst = env.create_ata(&inv.wallet.pubkey(), &other.pst_mint, &anchor_spl::token_2022::ID).await;
    let ix = buy_with(&env, &m, &inv, &|a| a.buyer_pst = other_pst);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::ConstraintTokenMint);
    // the sale vault passed again as the destination
    let ix = buy_with(&env, &m, &inv, &|a| a.buyer_pst = m.sale_vault);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::ConstraintDuplicateMutableAccount);
    // the buyer's key without its signature
    let mut ix = buy_with(&env, &m, &inv, &|_| {});
    ix.accounts[0].is_signer = false;
    env.send(&[ix], &[]).await.expect_error(Anchor::AccountNotSigner);
    // the wrong token program for USDC
    let ix = buy_with(&env, &m, &inv, &|a| a.usdc_token_program = anchor_spl::token_2022::ID);
    env.send(&[ix], &[&inv.wallet]).await.expect_error(Anchor::InvalidProgramId);
    // nothing moved
    assert_eq!(env.balance(&inv.usdc).await, 100 * USDC);
    assert_eq!(env.balance(&victim.usdc).await, 100 * USDC);
    env.assert_all_conserved(&m).await;
    env.assert_all_conserved(&other).await;
}

#[tokio::test]
async fn closing_the_sale_burns_the_unsold_pst() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 100_000 * USDC).await;
    env.buy(&m, &inv, 100_000 * PST).await.expect("buy");
    env.close_sale(&m).await.expect_error(PstError::SaleStillOpen);
    env.warp(sample_approval().sale_duration_secs);
    let logs = env.close_sale(&m).await.expect("close").logs;
    let merchant = env.merchant(&m).await;
    assert_eq!(merchant.status, MerchantStatus::Active);
    // the merchant keeps exactly its approved allocation: the 400,000 unsold are burned, not vested
    assert_eq!(merchant.vesting.total, 200_000 * PST);
    assert_eq!(env.balance(&m.sale_vault).await, 0);
    assert_eq!(env.balance(&m.vesting_vault).await, 200_000 * PST);
    assert_eq!(env.supply(&m.pst_mint).await, 600_000 * PST, "the supply shrank by the unsold PST");
    // events are in the logs on the SBF VM (natively built programs print them elsewhere)
    if env.sbf {
        let event: ::pst_mint::events::SaleClosed = event_of(&logs).expect("SaleClosed");
        assert_eq!(
            (event.unsold_burned, event.supply, event.sold),
            (400_000 * PST, 600_000 * PST, 100_000 * PST)
        );
    }
    env.close_sale(&m).await.expect_error(PstError::InvalidMerchantStatus);
    env.buy(&m, &inv, PST).await.expect_error(PstError::InvalidMerchantStatus);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_sold_out_sale_closes_early() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 500_000 * USDC).await;
    env.buy(&m, &inv, 500_000 * PST).await.expect("buy everything");
    env.close_sale(&m).await.expect("close early");
    let merchant = env.merchant(&m).await;
    assert_eq!((merchant.status, merchant.vesting.total), (MerchantStatus::Active, 200_000 * PST));
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn close_sale_refusals() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let other = env.issued_merchant().await;
    env.warp(sample_approval().sale_duration_secs);
    // vaults of another merchant
    let mut a = env.close_sale_accounts(&m);
    a.sale_vault = other.sale_vault;
    env.send(&[pst_ix(a, ixd::CloseSale {})], &[]).await.expect_error(Anchor::ConstraintSeeds);
    let mut a = env.close_sale_accounts(&m);
    a.pst_mint = other.pst_mint;
    env.send(&[pst_ix(a, ixd::CloseSale {})], &[]).await.expect_error(PstError::WrongPstMint);
    env.pause(PAUSE_SALE).await;
    env.close_sale(&m).await.expect_error(PstError::Paused);
    env.assert_all_conserved(&m).await;
}

#[tokio::test]
async fn a_donation_to_the_sale_vault_does_not_block_the_close() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 1_000 * USDC).await;
    env.buy(&m, &inv, 10 * PST).await.expect("buy");
    // the investor sends one unit back into the sale vault
    let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &anchor_spl::token_2022::ID,
        &inv.pst,
        &m.pst_mint,
        &m.sale_vault,
        &inv.wallet.pubkey(),
        &[],
        1,
        6,
    )
    .unwrap();
    env.send_ok(&[ix], &[&inv.wallet]).await;
    env.warp(sample_approval().sale_duration_secs);
    env.close_sale(&m).await.expect("close despite the donation");
    let merchant = env.merchant(&m).await;
    assert_eq!(merchant.vesting.total, 200_000 * PST);
    assert_eq!(env.supply(&m.pst_mint).await, 1_000_000 * PST - (500_000 * PST - 10 * PST));
    assert_eq!(env.balance(&m.sale_vault).await, 1, "the donation stays where it was sent");
    env.assert_all_conserved(&m).await;
}
