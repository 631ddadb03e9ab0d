//! `amm_pool` in the fixture: liquidity providers, traders, flows, the TWAP read and the pool's conservation
//! check. Every instruction comes from `pst_client`.
use crate::{
    env::{Env, TxResult},
    pst_mint::{Investor, MerchantKeys},
};
use ::amm_pool::{
    instructions::Direction,
    state::{twap_q64, Observations, Pool},
};
use anchor_lang::prelude::Pubkey;
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use pst_client::{amm_pool::UserTokens, PoolAddresses};
use solana_keypair::Keypair;
use solana_signer::Signer;

pub use ::amm_pool::instructions::Direction::{PstToUsdc, UsdcToPst};

/// A trader or liquidity provider: an investor with an LP token account too.
pub struct Lp {
    pub investor: Investor,
    pub lp: Pubkey,
}

impl Lp {
    /// The three token accounts, as the client's liquidity builders take them.
    pub fn tokens(&self) -> UserTokens {
        let i = &self.investor;
        UserTokens { owner: i.wallet.pubkey(), pst: i.pst, usdc: i.usdc, lp: self.lp }
    }
}

/// Q64 price as USDC per PST (for display and approximate comparisons only).
pub fn q64_to_f64(q: u128) -> f64 {
    q as f64 / 18_446_744_073_709_551_616.0
}

impl Env {
    /// The merchant opens its pool, funding the USDC side from its own wallet (minted to it here).
    pub async fn init_pool(&mut self, m: &MerchantKeys) -> TxResult {
        let usdc = self.merchant_usdc_account(m).await;
        let lp_allocation = self.balance(&m.lp_vault).await;
        let issue_price = self.merchant(m).await.economics.issue_price;
        let needed = (lp_allocation as u128 * issue_price as u128).div_ceil(1_000_000) as u64;
        self.mint_usdc(&usdc, needed).await;
        let ix = self.initialize_pool(m, &usdc, needed);
        self.send(&[ix], &[&m.authority]).await
    }

    pub fn swap_in_ix(
        &self,
        m: &MerchantKeys,
        h: &Investor,
        d: Direction,
        amount_in: u64,
        min_out: u64,
    ) -> pst_client::Instruction {
        self.swap_exact_in(m, &h.wallet.pubkey(), &h.pst, &h.usdc, d, amount_in, min_out)
    }

    pub fn swap_out_ix(
        &self,
        m: &MerchantKeys,
        h: &Investor,
        d: Direction,
        amount_out: u64,
        max_in: u64,
    ) -> pst_client::Instruction {
        self.swap_exact_out(m, &h.wallet.pubkey(), &h.pst, &h.usdc, d, amount_out, max_in)
    }

    pub async fn swap_in(
        &mut self,
        m: &MerchantKeys,
        h: &Investor,
        d: Direction,
        amount_in: u64,
        min_out: u64,
    ) -> TxResult {
        let ix = self.swap_in_ix(m, h, d, amount_in, min_out);
        self.send(&[ix], &[&h.wallet]).await
    }

    pub async fn swap_out(
        &mut self,
        m: &MerchantKeys,
        h: &Investor,
        d: Direction,
        amount_out: u64,
        max_in: u64,
    ) -> TxResult {
        let ix = self.swap_out_ix(m, h, d, amount_out, max_in);
        self.send(&[ix], &[&h.wallet]).await
    }

    pub async fn add_liquidity(
        &mut self,
        m: &MerchantKeys,
        lp: &Lp,
        amount: u64,
        max_pst: u64,
        max_usdc: u64,
    ) -> TxResult {
        let ix = self.client.add_liquidity(m, &lp.tokens(), amount, max_pst, max_usdc);
        self.send(&[ix], &[&lp.investor.wallet]).await
    }

    pub async fn remove_liquidity(
        &mut self,
        m: &MerchantKeys,
        lp: &Lp,
        amount: u64,
        min_pst: u64,
        min_usdc: u64,
    ) -> TxResult {
        let ix = self.client.remove_liquidity(m, &lp.tokens(), amount, min_pst, min_usdc);
        self.send(&[ix], &[&lp.investor.wallet]).await
    }

    /// A keeper harvests the pool's dividends (no signer beyond the fee payer).
    pub async fn harvest(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.harvest_dividends(m);
        self.send(&[ix], &[]).await
    }

    pub async fn update_pool_fees(
        &mut self,
        m: &MerchantKeys,
        signer: &Keypair,
        fee_bps: u16,
        share: u16,
    ) -> TxResult {
        let ix = self.client.update_pool_fees(m, &signer.pubkey(), fee_bps, share);
        self.send(&[ix], &[signer]).await
    }

    pub async fn set_pool_pause(&mut self, m: &MerchantKeys, signer: &Keypair, paused: u8) -> TxResult {
        let ix = self.client.set_pool_pause(m, &signer.pubkey(), paused);
        self.send(&[ix], &[signer]).await
    }

    /// The admin's PST and USDC accounts (created on first use), where the protocol's fee share goes.
    pub async fn admin_fee_accounts(&mut self, m: &MerchantKeys) -> (Pubkey, Pubkey) {
        let (admin, pst, usdc) = (self.admin.pubkey(), m.pst_mint, self.usdc_mint);
        (
            self.create_ata(&admin, &pst, &spl_token_2022::ID).await,
            self.create_ata(&admin, &usdc, &spl_token::ID).await,
        )
    }

    pub async fn collect_accounts(&mut self, m: &MerchantKeys) -> ::amm_pool::accounts::CollectProtocolFees {
        let (pst, usdc) = self.admin_fee_accounts(m).await;
        self.collect_protocol_fees_accounts(m, &pst, &usdc)
    }

    pub async fn collect_protocol_fees(&mut self, m: &MerchantKeys) -> TxResult {
        let (pst, usdc) = self.admin_fee_accounts(m).await;
        let ix = self.client.collect_protocol_fees(m, &pst, &usdc);
        self.send(&[ix], &[]).await
    }

    /// `signer`'s accounts for claiming the seed LP tokens (its LP token account created on first use).
    pub async fn claim_seed_accounts(
        &mut self,
        m: &MerchantKeys,
        signer: &Pubkey,
    ) -> ::amm_pool::accounts::ClaimSeedLiquidity {
        let destination = self.create_ata(signer, &PoolAddresses::of(m).lp_mint, &spl_token::ID).await;
        self.claim_seed_liquidity_accounts(m, signer, &destination)
    }

    pub async fn claim_seed_liquidity(&mut self, m: &MerchantKeys) -> TxResult {
        let a = self.claim_seed_accounts(m, &m.authority.pubkey()).await;
        self.send(&[pst_client::amm_ix(a, ::amm_pool::instruction::ClaimSeedLiquidity {})], &[&m.authority])
            .await
    }

    pub async fn pool(&mut self, m: &MerchantKeys) -> Pool {
        self.account(&PoolAddresses::of(m).pool).await
    }

    pub async fn observations(&mut self, m: &MerchantKeys) -> Observations {
        let acc = self.raw_account(&PoolAddresses::of(m).observations).await.expect("observations");
        pst_client::read::observations(&acc.data).expect("the pool's observations")
    }

    /// The pool's TWAP over `window` seconds at the bank's clock, through the program's own read function.
    pub async fn twap(&mut self, m: &MerchantKeys, window: i64) -> anchor_lang::Result<u128> {
        let pool = self.pool(m).await;
        let obs = self.observations(m).await;
        twap_q64(&pool, &PoolAddresses::of(m).pool, &obs, self.now, window)
    }

    /// `from` sends `pst` PST straight to the pool's PST vault (a donation, outside the reserve).
    pub async fn donate_pst_to_pool(&mut self, m: &MerchantKeys, from: &Investor, pst: u64) {
        let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
            &spl_token_2022::ID,
            &from.pst,
            &m.pst_mint,
            &m.lp_vault,
            &from.wallet.pubkey(),
            &[],
            pst,
            6,
        )
        .expect("transfer_checked");
        self.send_ok(&[ix], &[&from.wallet]).await;
        self.pool_donations.entry(PoolAddresses::of(m).pool).or_default().0 += pst;
    }

    /// A wallet with `usdc` USDC, a PST account and an LP token account.
    pub async fn lp_investor(&mut self, m: &MerchantKeys, usdc: u64) -> Lp {
        let investor = self.investor(m, usdc).await;
        let lp_mint = PoolAddresses::of(m).lp_mint;
        let lp = self.create_ata(&investor.wallet.pubkey(), &lp_mint, &spl_token::ID).await;
        Lp { investor, lp }
    }

    /// A merchant with a feed, a distributor (1-week distributions) and an open pool (sale still open).
    pub async fn merchant_with_pool(&mut self) -> MerchantKeys {
        let (m, _) = self.merchant_with_feed().await;
        self.init_distributor(&m, crate::revenue_distributor::WEEK).await.expect("initialize_distributor");
        self.init_pool(&m).await.expect("initialize_pool");
        m
    }

    /// The pool's accounting matches its vaults and mints: each vault holds its reserve plus the protocol's
    /// uncollected fees plus whatever was donated to it (`pool_donations`: tokens sent straight to a vault,
    /// which nobody can take out); the LP supply is the mint's plus the locked minimum; the seed vault holds
    /// what is still locked; and the custody position's stake is the PST reserve. Needs an open pool.
    pub async fn assert_pool_conserved(&mut self, m: &MerchantKeys) {
        let k = PoolAddresses::of(m);
        let p = self.pool(m).await;
        let (donated_pst, donated_usdc) = self.pool_donations.get(&k.pool).copied().unwrap_or_default();
        assert_eq!(
            self.balance(&k.pst_vault).await,
            p.reserve_pst + p.protocol_fees_pst + donated_pst,
            "PST vault != reserve + fees + donations"
        );
        assert_eq!(
            self.balance(&k.usdc_vault).await,
            p.reserve_usdc + p.protocol_fees_usdc + donated_usdc,
            "USDC vault != reserve + fees + donations"
        );
        assert_eq!(
            self.supply(&k.lp_mint).await + pst_math::curve::MINIMUM_LIQUIDITY,
            p.lp_supply,
            "LP mint supply + locked minimum != pool LP supply"
        );
        assert_eq!(self.balance(&k.seed_lp_vault).await, p.seed_lp_locked, "seed LP vault != locked seed");
        let position = self.position(m, &k.pool).await;
        assert_eq!(position.staked, p.reserve_pst, "pool stake != its PST reserve");
        let d = self.distributor(m).await;
        // the custody positions are the pool's and, once they exist, the reserve's and the tranche vault's
        let reserve = pst_client::ReserveAddresses::of(m);
        let reserve_stake = match self.raw_account(&reserve.position).await {
            Some(_) => self.position(m, &reserve.authority).await.staked,
            None => 0,
        };
        let tranches = pst_client::TrancheAddresses::of(m);
        let tranche_stake = match self.raw_account(&tranches.position).await {
            Some(_) => self.position(m, &tranches.tranches).await.staked,
            None => 0,
        };
        assert_eq!(
            d.custody_staked,
            position.staked + reserve_stake + tranche_stake,
            "custody stake != the pool's + the reserve's + the tranche vault's"
        );
    }
}
