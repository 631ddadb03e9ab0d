//! `amm_pool`: a merchant's pool addresses, and a builder for every instruction.
use crate::{
    amm_ix, ids::amm_pool as ids, pda, pst_mint::CONFIG, Client, DistributorAddresses, Instruction,
    MerchantAddresses, Pubkey, TOKEN_2022_PROGRAM, TOKEN_PROGRAM,
};
use ::amm_pool::{accounts as acc, instruction as ixd, instructions::Direction};
use anchor_lang::system_program;

/// A merchant's pool and its accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolAddresses {
    pub pool: Pubkey,
    /// `pst_mint`'s LP vault of the merchant, the pool's PST reserve.
    pub pst_vault: Pubkey,
    pub usdc_vault: Pubkey,
    pub lp_mint: Pubkey,
    pub seed_lp_vault: Pubkey,
    pub observations: Pubkey,
    /// The pool's custody position in `revenue_distributor`.
    pub position: Pubkey,
    pub distributor: Pubkey,
    pub dividend_vault: Pubkey,
}

impl PoolAddresses {
    pub fn of(m: &MerchantAddresses) -> Self {
        let pool = pda(&ids::ID, &[ids::POOL_SEED, m.merchant.as_ref()]);
        let p = pool.as_ref();
        let d = DistributorAddresses::of(m);
        PoolAddresses {
            pool,
            pst_vault: m.lp_vault,
            usdc_vault: pda(&ids::ID, &[ids::USDC_VAULT_SEED, p]),
            lp_mint: pda(&ids::ID, &[ids::LP_MINT_SEED, p]),
            seed_lp_vault: pda(&ids::ID, &[ids::SEED_LP_VAULT_SEED, p]),
            observations: pda(&ids::ID, &[ids::OBSERVATIONS_SEED, p]),
            position: d.position(&pool),
            distributor: d.distributor,
            dividend_vault: d.dividend_vault,
        }
    }
}

/// A user's three token accounts for a pool: PST, USDC and LP tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserTokens {
    pub owner: Pubkey,
    pub pst: Pubkey,
    pub usdc: Pubkey,
    pub lp: Pubkey,
}

impl Client {
    /// The merchant opens its pool, paying the USDC side from `source_usdc`.
    pub fn initialize_pool_accounts(
        &self,
        m: &MerchantAddresses,
        source_usdc: &Pubkey,
    ) -> acc::InitializePool {
        let k = PoolAddresses::of(m);
        acc::InitializePool {
            authority: m.authority,
            config: CONFIG,
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
            distributor: k.distributor,
            position: k.position,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn initialize_pool(&self, m: &MerchantAddresses, source_usdc: &Pubkey, max_usdc: u64) -> Instruction {
        amm_ix(self.initialize_pool_accounts(m, source_usdc), ixd::InitializePool { max_usdc })
    }

    /// A trade by `trader` with its PST and USDC accounts (which one pays depends on the direction).
    pub fn swap_accounts(
        &self,
        m: &MerchantAddresses,
        trader: &Pubkey,
        pst: &Pubkey,
        usdc: &Pubkey,
    ) -> acc::Swap {
        let k = PoolAddresses::of(m);
        acc::Swap {
            trader: *trader,
            config: CONFIG,
            pool: k.pool,
            observations: k.observations,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            trader_pst: *pst,
            trader_usdc: *usdc,
            distributor: k.distributor,
            position: k.position,
            dividend_vault: k.dividend_vault,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn swap_exact_in(
        &self,
        m: &MerchantAddresses,
        trader: &Pubkey,
        pst: &Pubkey,
        usdc: &Pubkey,
        direction: Direction,
        amount_in: u64,
        min_out: u64,
    ) -> Instruction {
        amm_ix(self.swap_accounts(m, trader, pst, usdc), ixd::SwapExactIn { direction, amount_in, min_out })
    }

    #[allow(clippy::too_many_arguments)]
    pub fn swap_exact_out(
        &self,
        m: &MerchantAddresses,
        trader: &Pubkey,
        pst: &Pubkey,
        usdc: &Pubkey,
        direction: Direction,
        amount_out: u64,
        max_in: u64,
    ) -> Instruction {
        amm_ix(self.swap_accounts(m, trader, pst, usdc), ixd::SwapExactOut { direction, amount_out, max_in })
    }

    /// Adding or removing liquidity (`deposit` / `withdraw` share the accounts).
    pub fn liquidity_accounts(&self, m: &MerchantAddresses, user: &UserTokens) -> acc::Liquidity {
        let k = PoolAddresses::of(m);
        acc::Liquidity {
            owner: user.owner,
            config: CONFIG,
            pool: k.pool,
            observations: k.observations,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            lp_mint: k.lp_mint,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            owner_pst: user.pst,
            owner_usdc: user.usdc,
            owner_lp: user.lp,
            distributor: k.distributor,
            position: k.position,
            dividend_vault: k.dividend_vault,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    /// Mint `lp` LP tokens for at most `max_pst` PST and `max_usdc` USDC.
    pub fn add_liquidity(
        &self,
        m: &MerchantAddresses,
        user: &UserTokens,
        lp: u64,
        max_pst: u64,
        max_usdc: u64,
    ) -> Instruction {
        amm_ix(self.liquidity_accounts(m, user), ixd::Deposit { lp, max_pst, max_usdc })
    }

    /// Burn `lp` LP tokens for at least `min_pst` PST and `min_usdc` USDC.
    pub fn remove_liquidity(
        &self,
        m: &MerchantAddresses,
        user: &UserTokens,
        lp: u64,
        min_pst: u64,
        min_usdc: u64,
    ) -> Instruction {
        amm_ix(self.liquidity_accounts(m, user), ixd::Withdraw { lp, min_pst, min_usdc })
    }

    pub fn harvest_dividends_accounts(&self, m: &MerchantAddresses) -> acc::HarvestDividends {
        let k = PoolAddresses::of(m);
        acc::HarvestDividends {
            config: CONFIG,
            pool: k.pool,
            observations: k.observations,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            distributor: k.distributor,
            position: k.position,
            dividend_vault: k.dividend_vault,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
        }
    }

    /// `harvest_dividends` with no floor (refused only when nothing is due).
    pub fn harvest_dividends(&self, m: &MerchantAddresses) -> Instruction {
        self.harvest_dividends_with_floor(m, 0)
    }

    /// `harvest_dividends`, refused when less than `min_amount` is due (a keeper's floor).
    pub fn harvest_dividends_with_floor(&self, m: &MerchantAddresses, min_amount: u64) -> Instruction {
        amm_ix(self.harvest_dividends_accounts(m), ixd::HarvestDividends { min_amount })
    }

    pub fn update_pool_fees(
        &self,
        m: &MerchantAddresses,
        admin: &Pubkey,
        fee_bps: u16,
        protocol_share_bps: u16,
    ) -> Instruction {
        amm_ix(
            acc::UpdatePoolFees { admin: *admin, config: CONFIG, pool: PoolAddresses::of(m).pool },
            ixd::UpdatePoolFees { fee_bps, protocol_share_bps },
        )
    }

    pub fn set_pool_pause(&self, m: &MerchantAddresses, authority: &Pubkey, paused: u8) -> Instruction {
        amm_ix(
            acc::SetPoolPause { authority: *authority, config: CONFIG, pool: PoolAddresses::of(m).pool },
            ixd::SetPoolPause { paused },
        )
    }

    /// The protocol's fee share to the admin's PST and USDC accounts.
    pub fn collect_protocol_fees_accounts(
        &self,
        m: &MerchantAddresses,
        admin_pst: &Pubkey,
        admin_usdc: &Pubkey,
    ) -> acc::CollectProtocolFees {
        let k = PoolAddresses::of(m);
        acc::CollectProtocolFees {
            config: CONFIG,
            pool: k.pool,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            pst_vault: k.pst_vault,
            usdc_vault: k.usdc_vault,
            admin_pst: *admin_pst,
            admin_usdc: *admin_usdc,
            token_program: TOKEN_PROGRAM,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn collect_protocol_fees(
        &self,
        m: &MerchantAddresses,
        admin_pst: &Pubkey,
        admin_usdc: &Pubkey,
    ) -> Instruction {
        amm_ix(self.collect_protocol_fees_accounts(m, admin_pst, admin_usdc), ixd::CollectProtocolFees {})
    }

    /// The seed LP tokens to `destination`, signed by the beneficiary (the merchant's wallet).
    pub fn claim_seed_liquidity_accounts(
        &self,
        m: &MerchantAddresses,
        beneficiary: &Pubkey,
        destination: &Pubkey,
    ) -> acc::ClaimSeedLiquidity {
        let k = PoolAddresses::of(m);
        acc::ClaimSeedLiquidity {
            beneficiary: *beneficiary,
            pool: k.pool,
            lp_mint: k.lp_mint,
            seed_lp_vault: k.seed_lp_vault,
            destination: *destination,
            token_program: TOKEN_PROGRAM,
        }
    }

    pub fn claim_seed_liquidity(
        &self,
        m: &MerchantAddresses,
        beneficiary: &Pubkey,
        destination: &Pubkey,
    ) -> Instruction {
        amm_ix(self.claim_seed_liquidity_accounts(m, beneficiary, destination), ixd::ClaimSeedLiquidity {})
    }

    /// Read-only: the TWAP over `window_secs` as return data (simulate it).
    pub fn get_twap(&self, m: &MerchantAddresses, window_secs: i64) -> Instruction {
        let k = PoolAddresses::of(m);
        amm_ix(acc::GetTwap { pool: k.pool, observations: k.observations }, ixd::GetTwap { window_secs })
    }
}
