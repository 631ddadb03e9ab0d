//! Client for `amm_pool`: PDAs, instructions, liquidity providers and traders, and the pool's conservation
//! check.
use crate::{
    dividends::DistKeys,
    env::{Env, TxResult},
    pst::{config_pda, Investor, MerchantKeys},
};
use amm_pool::{
    accounts as acc,
    constants::*,
    instruction as ixd,
    instructions::Direction,
    state::{twap_q64, Observations, Pool},
};
use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, system_program, InstructionData,
    ToAccountMetas,
};
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use solana_keypair::Keypair;
use solana_signer::Signer;

pub use amm_pool::instructions::Direction::{PstToUsdc, UsdcToPst};

/// An instruction to `amm_pool`.
pub fn amm_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    Instruction { program_id: amm_pool::ID, accounts: accounts.to_account_metas(None), data: args.data() }
}

pub fn amm_pda(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &amm_pool::ID).0
}

/// Addresses of a merchant's pool.
#[derive(Clone, Copy, Debug)]
pub struct PoolKeys {
    pub pool: Pubkey,
    pub pst_vault: Pubkey,
    pub usdc_vault: Pubkey,
    pub lp_mint: Pubkey,
    pub seed_lp_vault: Pubkey,
    pub observations: Pubkey,
    pub position: Pubkey,
}

impl PoolKeys {
    pub fn of(m: &MerchantKeys) -> Self {
        let pool = amm_pda(&[POOL_SEED, m.merchant.as_ref()]);
        let p = pool.as_ref();
        PoolKeys {
            pool,
            pst_vault: m.lp_vault,
            usdc_vault: amm_pda(&[USDC_VAULT_SEED, p]),
            lp_mint: amm_pda(&[LP_MINT_SEED, p]),
            seed_lp_vault: amm_pda(&[SEED_LP_VAULT_SEED, p]),
            observations: amm_pda(&[OBSERVATIONS_SEED, p]),
            position: DistKeys::of(m).position(&pool),
        }
    }
}

/// A trader or liquidity provider: an investor with an LP token account too.
pub struct Lp {
    pub investor: Investor,
    pub lp: Pubkey,
}

/// Q64 price as USDC per PST (for display and approximate comparisons only).
pub fn q64_to_f64(q: u128) -> f64 {
    q as f64 / 18_446_744_073_709_551_616.0
}

impl Env {
    pub fn init_pool_accounts(&self, m: &MerchantKeys, source_usdc: &Pubkey) -> acc::InitializePool {
        let k = PoolKeys::of(m);
        acc::InitializePool {
            authority: m.authority.pubkey(),
            config: config_pda(),
            merchant: m.merchant,
            pool: k.pool,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            lp_mint: k.lp_mint,
            seed_lp_vault: k.seed_lp_vault,
            observations: k.observations,
            source_usdc: *source_usdc,
            distributor: DistKeys::of(m).distributor,
            position: k.position,
            distributor_program: revenue_distributor::ID,
            token_program: spl_token::ID,
            system_program: system_program::ID,
        }
    }

    /// The merchant opens its pool, funding the USDC side from its own wallet (minted to it here).
    pub async fn init_pool(&mut self, m: &MerchantKeys) -> TxResult {
        let usdc = self.merchant_usdc_account(m).await;
        let lp_allocation = self.balance(&m.lp_vault).await;
        let issue_price = self.merchant(m).await.economics.issue_price;
        let needed = (lp_allocation as u128 * issue_price as u128).div_ceil(1_000_000) as u64;
        self.mint_usdc(&usdc, needed).await;
        let ix = amm_ix(self.init_pool_accounts(m, &usdc), ixd::InitializePool { max_usdc: needed });
        self.send(&[ix], &[&m.authority]).await
    }

    pub fn swap_accounts(&self, m: &MerchantKeys, trader: &Pubkey, pst: &Pubkey, usdc: &Pubkey) -> acc::Swap {
        let k = PoolKeys::of(m);
        acc::Swap {
            trader: *trader,
            pool: k.pool,
            observations: k.observations,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            trader_pst: *pst,
            trader_usdc: *usdc,
            distributor: DistKeys::of(m).distributor,
            position: k.position,
            distributor_program: revenue_distributor::ID,
            token_program: spl_token::ID,
            pst_token_program: spl_token_2022::ID,
        }
    }

    pub fn swap_in_ix(
        &self,
        m: &MerchantKeys,
        h: &Investor,
        d: Direction,
        amount_in: u64,
        min_out: u64,
    ) -> Instruction {
        amm_ix(
            self.swap_accounts(m, &h.wallet.pubkey(), &h.pst, &h.usdc),
            ixd::SwapExactIn { direction: d, amount_in, min_out },
        )
    }

    pub fn swap_out_ix(
        &self,
        m: &MerchantKeys,
        h: &Investor,
        d: Direction,
        amount_out: u64,
        max_in: u64,
    ) -> Instruction {
        amm_ix(
            self.swap_accounts(m, &h.wallet.pubkey(), &h.pst, &h.usdc),
            ixd::SwapExactOut { direction: d, amount_out, max_in },
        )
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

    pub fn liquidity_accounts(&self, m: &MerchantKeys, lp: &Lp) -> acc::Liquidity {
        let k = PoolKeys::of(m);
        acc::Liquidity {
            owner: lp.investor.wallet.pubkey(),
            config: config_pda(),
            pool: k.pool,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            lp_mint: k.lp_mint,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            owner_pst: lp.investor.pst,
            owner_usdc: lp.investor.usdc,
            owner_lp: lp.lp,
            distributor: DistKeys::of(m).distributor,
            position: k.position,
            dividend_vault: DistKeys::of(m).dividend_vault,
            distributor_program: revenue_distributor::ID,
            token_program: spl_token::ID,
            pst_token_program: spl_token_2022::ID,
        }
    }

    pub async fn add_liquidity(
        &mut self,
        m: &MerchantKeys,
        lp: &Lp,
        amount: u64,
        max_pst: u64,
        max_usdc: u64,
    ) -> TxResult {
        let ix = amm_ix(self.liquidity_accounts(m, lp), ixd::Deposit { lp: amount, max_pst, max_usdc });
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
        let ix = amm_ix(self.liquidity_accounts(m, lp), ixd::Withdraw { lp: amount, min_pst, min_usdc });
        self.send(&[ix], &[&lp.investor.wallet]).await
    }

    pub fn harvest_accounts(&self, m: &MerchantKeys) -> acc::HarvestDividends {
        let k = PoolKeys::of(m);
        acc::HarvestDividends {
            config: config_pda(),
            pool: k.pool,
            observations: k.observations,
            usdc_mint: self.usdc_mint,
            usdc_vault: k.usdc_vault,
            distributor: DistKeys::of(m).distributor,
            position: k.position,
            dividend_vault: DistKeys::of(m).dividend_vault,
            distributor_program: revenue_distributor::ID,
            token_program: spl_token::ID,
        }
    }

    /// A keeper harvests the pool's dividends (no signer beyond the fee payer).
    pub async fn harvest(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = amm_ix(self.harvest_accounts(m), ixd::HarvestDividends {});
        self.send(&[ix], &[]).await
    }

    pub async fn update_pool_fees(
        &mut self,
        m: &MerchantKeys,
        signer: &Keypair,
        fee_bps: u16,
        share: u16,
    ) -> TxResult {
        let ix = amm_ix(
            acc::UpdatePoolFees { admin: signer.pubkey(), config: config_pda(), pool: PoolKeys::of(m).pool },
            ixd::UpdatePoolFees { fee_bps, protocol_share_bps: share },
        );
        self.send(&[ix], &[signer]).await
    }

    pub async fn set_pool_pause(&mut self, m: &MerchantKeys, signer: &Keypair, paused: u8) -> TxResult {
        let ix = amm_ix(
            acc::SetPoolPause {
                authority: signer.pubkey(),
                config: config_pda(),
                pool: PoolKeys::of(m).pool,
            },
            ixd::SetPoolPause { paused },
        );
        self.send(&[ix], &[signer]).await
    }

    pub async fn collect_accounts(&mut self, m: &MerchantKeys) -> acc::CollectProtocolFees {
        let k = PoolKeys::of(m);
        let admin = self.admin.pubkey();
        let (pst, usdc) = (m.pst_mint, self.usdc_mint);
        acc::CollectProtocolFees {
            config: config_pda(),
            pool: k.pool,
            pst_mint: pst,
            usdc_mint: usdc,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            admin_pst: self.create_ata(&admin, &pst, &spl_token_2022::ID).await,
            admin_usdc: self.create_ata(&admin, &usdc, &spl_token::ID).await,
            distributor: DistKeys::of(m).distributor,
            position: k.position,
            distributor_program: revenue_distributor::ID,
            token_program: spl_token::ID,
            pst_token_program: spl_token_2022::ID,
        }
    }

    pub async fn collect_protocol_fees(&mut self, m: &MerchantKeys) -> TxResult {
        let a = self.collect_accounts(m).await;
        self.send(&[amm_ix(a, ixd::CollectProtocolFees {})], &[]).await
    }

    pub async fn claim_seed_accounts(
        &mut self,
        m: &MerchantKeys,
        signer: &Pubkey,
    ) -> acc::ClaimSeedLiquidity {
        let k = PoolKeys::of(m);
        let destination = self.create_ata(signer, &k.lp_mint, &spl_token::ID).await;
        acc::ClaimSeedLiquidity {
            beneficiary: *signer,
            pool: k.pool,
            lp_mint: k.lp_mint,
            seed_lp_vault: k.seed_lp_vault,
            destination,
            token_program: spl_token::ID,
        }
    }

    pub async fn claim_seed_liquidity(&mut self, m: &MerchantKeys) -> TxResult {
        let a = self.claim_seed_accounts(m, &m.authority.pubkey()).await;
        self.send(&[amm_ix(a, ixd::ClaimSeedLiquidity {})], &[&m.authority]).await
    }

    pub async fn pool(&mut self, m: &MerchantKeys) -> Pool {
        self.account(&PoolKeys::of(m).pool).await
    }

    pub async fn observations(&mut self, m: &MerchantKeys) -> Observations {
        let acc = self.raw_account(&PoolKeys::of(m).observations).await.expect("observations");
        *bytemuck::from_bytes::<Observations>(&acc.data[8..Observations::SPACE])
    }

    /// The pool's TWAP over `window` seconds at the bank's clock, through the program's own read function.
    pub async fn twap(&mut self, m: &MerchantKeys, window: i64) -> anchor_lang::Result<u128> {
        let pool = self.pool(m).await;
        let obs = self.observations(m).await;
        twap_q64(&pool, &PoolKeys::of(m).pool, &obs, self.now, window)
    }

    /// A wallet with `usdc` USDC, a PST account and an LP token account.
    pub async fn lp_investor(&mut self, m: &MerchantKeys, usdc: u64) -> Lp {
        let investor = self.investor(m, usdc).await;
        let lp_mint = PoolKeys::of(m).lp_mint;
        let lp = self.create_ata(&investor.wallet.pubkey(), &lp_mint, &spl_token::ID).await;
        Lp { investor, lp }
    }

    /// A merchant with a feed, a distributor (1-week distributions) and an open pool (sale still open).
    pub async fn merchant_with_pool(&mut self) -> crate::MerchantKeys {
        let (m, _) = self.merchant_with_feed().await;
        self.init_distributor(&m, crate::WEEK).await.expect("initialize_distributor");
        self.init_pool(&m).await.expect("initialize_pool");
        m
    }

    /// The pool's accounting matches its vaults and mints: each vault holds its reserve plus the protocol's
    /// uncollected fees; the LP supply is the mint's plus the locked minimum; the seed vault holds what is
    /// still locked; and the custody position's stake is the PST vault's balance.
    pub async fn assert_pool_conserved(&mut self, m: &MerchantKeys) {
        let k = PoolKeys::of(m);
        let p = self.pool(m).await;
        assert_eq!(
            self.balance(&k.pst_vault).await,
            p.reserve_pst + p.protocol_fees_pst,
            "PST vault != reserve + fees"
        );
        assert_eq!(
            self.balance(&k.usdc_vault).await,
            p.reserve_usdc + p.protocol_fees_usdc,
            "USDC vault != reserve + fees"
        );
        assert_eq!(
            self.supply(&k.lp_mint).await + pst_math::curve::MINIMUM_LIQUIDITY,
            p.lp_supply,
            "LP mint supply + locked minimum != pool LP supply"
        );
        assert_eq!(self.balance(&k.seed_lp_vault).await, p.seed_lp_locked, "seed LP vault != locked seed");
        let position = self.position(m, &k.pool).await;
        assert_eq!(position.staked, self.balance(&k.pst_vault).await, "pool stake != PST vault");
        let d = self.distributor(m).await;
        assert_eq!(d.custody_staked, position.staked, "custody stake != the pool's stake");
        self.assert_dividends_conserved(m).await;
        self.assert_usdc_conserved(m).await;
    }
}
