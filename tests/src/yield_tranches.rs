//! `yield_tranches` in the fixture: the vault's set-up, investors' requests and claims, the keeper's close, and
//! the vault's conservation check. Every instruction comes from `pst_client`.
use crate::{
    env::{Env, TxResult},
    pst_mint::{Investor, MerchantKeys},
};
use ::yield_tranches::state::{Epoch, Request, Tranche, Tranches};
use anchor_lang::prelude::Pubkey;
use anchor_spl::{
    token_2022::spl_token_2022::{
        self,
        extension::{BaseStateWithExtensions, StateWithExtensions},
        state::Mint as RawMint,
    },
    token_interface::spl_token_metadata_interface::state::TokenMetadata,
};
use pst_client::TrancheAddresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// The default epoch: 7 days.
pub const EPOCH: i64 = ::yield_tranches::constants::DEFAULT_EPOCH_SECS;
/// One share of a tranche (9 decimals).
pub const SHARE: u64 = 1_000_000_000;

impl Env {
    /// Anyone (the fee payer) opens `m`'s tranche vault.
    pub async fn init_tranches(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.initialize_tranches(m, &self.payer().pubkey());
        self.send(&[ix], &[]).await
    }

    pub async fn tranches(&mut self, m: &MerchantKeys) -> Tranches {
        self.account(&TrancheAddresses::of(m).tranches).await
    }

    pub async fn epoch_record(&mut self, m: &MerchantKeys, index: u32) -> Epoch {
        self.account(&TrancheAddresses::of(m).epoch(index)).await
    }

    pub async fn request(&mut self, m: &MerchantKeys, owner: &Pubkey, t: Tranche) -> Option<Request> {
        let k = TrancheAddresses::of(m).request(owner, t);
        match self.raw_account(&k).await {
            Some(_) => Some(self.account(&k).await),
            None => None,
        }
    }

    /// A wallet with `usdc` USDC and a share account in each tranche (its `pst` account is its PST ATA).
    pub async fn tranche_investor(&mut self, m: &MerchantKeys, usdc: u64) -> Investor {
        let investor = self.investor(m, usdc).await;
        let a = TrancheAddresses::of(m);
        for mint in a.mints {
            self.create_ata(&investor.wallet.pubkey(), &mint, &spl_token_2022::ID).await;
        }
        investor
    }

    /// The on-mint metadata of a Token-2022 mint.
    pub async fn token_metadata(&mut self, mint: &Pubkey) -> TokenMetadata {
        let acc = self.raw_account(mint).await.expect("a mint");
        let state = StateWithExtensions::<RawMint>::unpack(&acc.data).expect("a Token-2022 mint");
        state.get_variable_len_extension::<TokenMetadata>().expect("metadata")
    }

    /// The base state of a mint.
    pub async fn mint_state(&mut self, mint: &Pubkey) -> RawMint {
        let acc = self.raw_account(mint).await.expect("a mint");
        StateWithExtensions::<RawMint>::unpack(&acc.data).expect("a mint").base
    }

    /// `who`'s shares of `t`.
    pub async fn shares(&mut self, m: &MerchantKeys, who: &Investor, t: Tranche) -> u64 {
        let k = TrancheAddresses::of(m).share_account(&who.wallet.pubkey(), t);
        self.balance(&k).await
    }

    pub async fn deposit_request(
        &mut self,
        m: &MerchantKeys,
        who: &Investor,
        t: Tranche,
        usdc: u64,
    ) -> TxResult {
        let ix = self.request_deposit(m, &who.wallet.pubkey(), &who.usdc, t, usdc);
        self.send(&[ix], &[&who.wallet]).await
    }

    pub async fn redeem_request(
        &mut self,
        m: &MerchantKeys,
        who: &Investor,
        t: Tranche,
        shares: u64,
    ) -> TxResult {
        let ix = self.request_redeem(m, &who.wallet.pubkey(), t, shares);
        self.send(&[ix], &[&who.wallet]).await
    }

    pub async fn cancel_tranche(&mut self, m: &MerchantKeys, who: &Investor, t: Tranche) -> TxResult {
        let ix = self.cancel_request(m, &who.wallet.pubkey(), &who.usdc, t);
        self.send(&[ix], &[&who.wallet]).await
    }

    /// `who` claims its request in `t`, passing the records of every epoch closed since its cursor (as a client
    /// does: none when nothing is queued).
    pub async fn claim_tranche(&mut self, m: &MerchantKeys, who: &Investor, t: Tranche) -> TxResult {
        let owner = who.wallet.pubkey();
        let open = self.tranches(m).await.epoch;
        let epochs = match self.request(m, &owner, t).await {
            Some(r) if r.deposit > 0 || r.redeem > 0 => r.next_epoch..open,
            _ => open..open,
        };
        let ix = self.claim_request(m, &owner, &who.usdc, t, epochs);
        self.send(&[ix], &[&who.wallet]).await
    }

    /// A keeper (the fee payer) closes the open epoch.
    pub async fn close_epoch_now(&mut self, m: &MerchantKeys) -> TxResult {
        let epoch = self.tranches(m).await.epoch;
        let ix = self.close_epoch(m, &self.payer().pubkey(), epoch);
        self.send(&[ix], &[]).await
    }

    /// Send `amount` USDC straight to `m`'s tranche vault (a donation): income at the next close.
    pub async fn donate_to_tranches(&mut self, m: &MerchantKeys, amount: u64) {
        let vault = TrancheAddresses::of(m).usdc_vault;
        self.mint_usdc(&vault, amount).await;
        *self.tranche_donations.entry(m.merchant).or_default() += amount;
    }

    /// A week of the merchant's business: `gross` of sales through settlement, swept and distributed to holders
    /// (the vault's PST earns its part), then a week passes and every period that ended is reported by
    /// `reporters` (with `gross × 30 / 7` of revenue a period) and accepted.
    pub async fn business_week(&mut self, m: &MerchantKeys, reporters: &[Keypair], gross: u64) {
        self.sales_proceeds(m, gross).await;
        self.sweep(m).await.expect("sweep");
        let (keeper, keeper_usdc) = (self.payer(), self.keeper_usdc().await);
        self.distribute(m, &keeper, &keeper_usdc).await.expect("distribute");
        self.warp(EPOCH);
        let period_gross = gross * 30 / 7;
        loop {
            let feed = self.feed(m).await;
            let next = feed.next_period;
            if self.now < feed.period_end(next).expect("period end") {
                break;
            }
            for r in reporters {
                let r = r.insecure_clone();
                self.submit(m, &r, next, period_gross, (period_gross / 5) as i64)
                    .await
                    .expect("submit_report");
            }
            self.accept(m, next).await.expect("accept_period");
        }
    }

    /// The fee payer's USDC account (a keeper's tip account), created on first use.
    pub async fn keeper_usdc(&mut self) -> Pubkey {
        let (payer, usdc) = (self.payer().pubkey(), self.usdc_mint);
        self.create_ata(&payer, &usdc, &anchor_spl::token::spl_token::ID).await
    }

    /// A merchant for the tranches: [`Env::band_merchant`] (sold out, pool at 1.00, three periods of 1.0M a year,
    /// a reserve with 100,000 USDC of its own) with its tranche vault open. Returns the trader and the reporters.
    pub async fn tranche_merchant(&mut self) -> (MerchantKeys, Investor, Vec<Keypair>) {
        let (m, trader, reporters) = self.band_merchant().await;
        self.init_tranches(&m).await.expect("initialize_tranches");
        (m, trader, reporters)
    }

    /// The vault's conservation: its USDC account holds exactly what came in (deposits requested less cancelled,
    /// dividends, backstop draws, sales of PST, donations) less what went out (PST bought, redemptions claimed),
    /// and its accounting (`usdc + pending deposits + USDC to claim`) agrees once the donations not yet counted
    /// are added; its PST account holds its PST and its custody stake equals it; each escrow holds exactly its
    /// queued redemptions and unclaimed shares, and each mint's supply is the tranche's shares; the tranches'
    /// values add up to the assets at the last valuation.
    pub async fn assert_tranches_conserved(&mut self, m: &MerchantKeys) {
        let k = TrancheAddresses::of(m);
        if self.raw_account(&k.tranches).await.is_none() {
            return;
        }
        let t = self.tranches(m).await;
        let x = t.totals;
        let donated = self.tranche_donations.get(&m.merchant).copied().unwrap_or(0) as i128;
        let vault = self.balance(&k.usdc_vault).await as i128;
        let moved = x.deposits_requested as i128 - x.deposits_cancelled as i128
            + x.harvested as i128
            + x.backstop_paid as i128
            + x.usdc_received as i128
            - x.usdc_spent as i128
            - x.usdc_claimed as i128;
        assert_eq!(vault, moved + donated, "tranche USDC vault != everything in − everything out");
        let accounted = t.usdc as i128
            + t.usdc_to_claim as i128
            + t.books[0].pending_deposits as i128
            + t.books[1].pending_deposits as i128;
        assert_eq!(accounted, moved + x.absorbed as i128, "the vault's USDC accounting != its totals");
        assert_eq!(self.balance(&k.pst_vault).await, t.pst, "tranche PST vault != its PST");
        assert_eq!(self.position(m, &k.tranches).await.staked, t.pst, "tranche custody stake != its PST");
        for (i, b) in t.books.iter().enumerate() {
            assert_eq!(
                self.balance(&k.escrows[i]).await,
                b.pending_redeems + b.shares_to_claim,
                "escrow {i}"
            );
            assert_eq!(self.supply(&k.mints[i]).await, b.supply, "shares outstanding {i} != mint supply");
        }
        let assets = t.usdc as u128 + pst_math::tranche::pst_value(t.pst, t.last_price_q64);
        assert_eq!(t.books[0].value as u128 + t.books[1].value as u128, assets, "senior + junior != assets");
        assert!(
            t.arrears == 0 || t.books[1].value == 0,
            "senior has arrears while junior is worth something"
        );
    }
}
