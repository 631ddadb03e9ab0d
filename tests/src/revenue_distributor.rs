//! `revenue_distributor` in the fixture: holders, keepers, flows and the dividend conservation check. Every
//! instruction comes from `pst_client`.
use crate::{
    env::{Env, TxResult, PST, USDC},
    pst_mint::{Investor, MerchantKeys},
};
use ::revenue_distributor::state::{Distributor, Position};
use anchor_lang::prelude::Pubkey;
use anchor_spl::token::spl_token;
use pst_client::DistributorAddresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// One week.
pub const WEEK: i64 = 7 * 86_400;

impl Env {
    pub async fn init_distributor(&mut self, m: &MerchantKeys, distribution_secs: i64) -> TxResult {
        let uw = self.underwriter.insecure_clone();
        let ix = self.initialize_distributor(m, &uw.pubkey(), distribution_secs);
        self.send(&[ix], &[&uw]).await
    }

    pub async fn open_position(&mut self, m: &MerchantKeys, owner: &Keypair) -> TxResult {
        let ix = self.client.open_position(m, &self.payer().pubkey(), &owner.pubkey());
        self.send(&[ix], &[owner]).await
    }

    pub async fn stake(&mut self, m: &MerchantKeys, h: &Investor, amount: u64) -> TxResult {
        let ix = self.deposit(m, &h.wallet.pubkey(), &h.pst, amount);
        self.send(&[ix], &[&h.wallet]).await
    }

    pub async fn unstake(&mut self, m: &MerchantKeys, h: &Investor, amount: u64) -> TxResult {
        let ix = self.client.withdraw(m, &h.wallet.pubkey(), &h.pst, amount);
        self.send(&[ix], &[&h.wallet]).await
    }

    /// The admin's USDC account (the protocol fee destination), created on first use.
    pub async fn admin_usdc(&mut self) -> Pubkey {
        let (admin, usdc) = (self.admin.pubkey(), self.usdc_mint);
        self.create_ata(&admin, &usdc, &spl_token::ID).await
    }

    /// A keeper's `distribute` accounts (the protocol fee to the admin's USDC account, created on first use).
    pub async fn distribute_accounts(
        &mut self,
        m: &MerchantKeys,
        keeper: &Pubkey,
        keeper_usdc: &Pubkey,
    ) -> ::revenue_distributor::accounts::Distribute {
        let fee_destination = self.admin_usdc().await;
        self.client.distribute_accounts(m, keeper, keeper_usdc, &fee_destination)
    }

    /// A keeper distributes (its tip goes to `keeper_usdc`).
    pub async fn distribute(&mut self, m: &MerchantKeys, keeper: &Keypair, keeper_usdc: &Pubkey) -> TxResult {
        let fee_destination = self.admin_usdc().await;
        let ix = self.client.distribute(m, &keeper.pubkey(), keeper_usdc, &fee_destination);
        self.send(&[ix], &[keeper]).await
    }

    pub async fn claim(&mut self, m: &MerchantKeys, h: &Investor) -> TxResult {
        let ix = self.client.claim(m, &h.wallet.pubkey(), &h.usdc);
        self.send(&[ix], &[&h.wallet]).await
    }

    pub async fn set_auto_payout(&mut self, m: &MerchantKeys, h: &Investor, enabled: bool) -> TxResult {
        let ix = self.client.set_auto_payout(m, &h.wallet.pubkey(), &h.usdc, enabled);
        self.send(&[ix], &[&h.wallet]).await
    }

    /// How long the distribution just made streams: from now to its end on the distributor's grid (a full
    /// period, and at most a grid step more).
    pub async fn stream_duration(&mut self, m: &MerchantKeys) -> i64 {
        self.distributor(m).await.schedule.end - self.now
    }

    pub async fn distributor(&mut self, m: &MerchantKeys) -> Distributor {
        self.account(&DistributorAddresses::of(m).distributor).await
    }

    pub async fn position(&mut self, m: &MerchantKeys, owner: &Pubkey) -> Position {
        self.account(&DistributorAddresses::of(m).position(owner)).await
    }

    /// A merchant with an open feed and distributor (1-week distributions), and `n` holders who each bought
    /// `pst` PST in the sale, opened a position and staked it all.
    pub async fn merchant_with_holders(&mut self, n: usize, pst: u64) -> (MerchantKeys, Vec<Investor>) {
        let (m, _) = self.merchant_with_feed().await;
        self.init_distributor(&m, WEEK).await.expect("initialize_distributor");
        let mut holders = Vec::new();
        for _ in 0..n {
            let h = self.investor(&m, pst / PST * USDC + USDC).await;
            self.buy(&m, &h, pst).await.expect("buy");
            self.open_position(&m, &h.wallet).await.expect("open_position");
            self.stake(&m, &h, pst).await.expect("deposit");
            holders.push(h);
        }
        (m, holders)
    }

    /// Revenue share arriving in the dividend vault: proceeds into settlement, then a sweep.
    pub async fn dividends_arrive(&mut self, m: &MerchantKeys, sales: u64) {
        self.sales_proceeds(m, sales).await;
        self.sweep(m).await.expect("sweep");
    }

    /// Dividend conservation: everything swept into the dividend vault is still there, or went out as a fee, a
    /// reserve contribution, a tip or a payout; and the distributor's accounting matches the vault.
    pub async fn assert_dividends_conserved(&mut self, m: &MerchantKeys) {
        let d = self.distributor(m).await;
        let vault = self.balance(&m.dividend_vault).await;
        let s = self.settlement(m).await;
        let out = d.total_protocol_fees as u128
            + d.total_alar as u128
            + d.total_tips as u128
            + d.total_claimed as u128;
        // donations, and what the reserve paid in to cover shortfalls
        let donated = self.dividend_donations.get(&m.merchant).copied().unwrap_or(0) as u128
            + self.covered_by_reserve(m).await as u128;
        assert_eq!(vault as u128 + out, s.total_share as u128 + donated, "vault + paid out != swept share");
        assert!(vault >= d.accounted, "vault holds less than the distributor registered");
        // the contribution vault is the reserve's USDC vault once the reserve exists (checked with the reserve)
        if self.raw_account(&pst_client::ReserveAddresses::of(m).reserve).await.is_none() {
            assert_eq!(self.balance(&DistributorAddresses::of(m).alar_vault).await, d.total_alar);
        }
        assert_eq!(
            self.balance(&DistributorAddresses::of(m).stake_vault).await,
            d.total_staked - d.custody_staked
        );
    }
}
