//! `alar_reserve`: a merchant's reserve addresses, and a builder for every instruction.
use crate::{
    alar_ix, ids::alar_reserve as ids, pda, pst_mint::CONFIG, Client, DistributorAddresses, Instruction,
    MerchantAddresses, PoolAddresses, Pubkey, TOKEN_2022_PROGRAM, TOKEN_PROGRAM,
};
use ::alar_reserve::{accounts as acc, instruction as ixd, state::ReserveParams};
use anchor_lang::system_program;

/// A merchant's reserve and its accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReserveAddresses {
    pub reserve: Pubkey,
    pub authority: Pubkey,
    /// `revenue_distributor`'s contribution vault: the reserve's USDC vault.
    pub usdc_vault: Pubkey,
    pub pst_vault: Pubkey,
    /// The reserve's custody position in `revenue_distributor`.
    pub position: Pubkey,
}

impl ReserveAddresses {
    pub fn of(m: &MerchantAddresses) -> Self {
        let k = m.merchant.as_ref();
        let authority = pda(&ids::ID, &[ids::RESERVE_AUTHORITY_SEED, k]);
        let d = DistributorAddresses::of(m);
        ReserveAddresses {
            reserve: pda(&ids::ID, &[ids::RESERVE_SEED, k]),
            authority,
            usdc_vault: d.alar_vault,
            pst_vault: pda(&ids::ID, &[ids::RESERVE_PST_VAULT_SEED, k]),
            position: d.position(&authority),
        }
    }

    /// The cover account of `period`.
    pub fn cover(&self, period: u32) -> Pubkey {
        pda(&ids::ID, &[ids::COVER_SEED, self.reserve.as_ref(), &period.to_le_bytes()])
    }

    /// The withdrawal proposal `id`.
    pub fn withdrawal(&self, id: u64) -> Pubkey {
        pda(&ids::ID, &[ids::WITHDRAWAL_SEED, self.reserve.as_ref(), &id.to_le_bytes()])
    }
}

/// The merchant's tranche vault PDA of `yield_tranches` (the only signer `cover_senior` accepts).
pub fn tranche_vault(m: &MerchantAddresses) -> Pubkey {
    pda(&crate::ids::yield_tranches::ID, &[crate::ids::yield_tranches::TRANCHES_SEED, m.merchant.as_ref()])
}

impl Client {
    pub fn initialize_reserve_accounts(
        &self,
        m: &MerchantAddresses,
        payer: &Pubkey,
    ) -> acc::InitializeReserve {
        let r = ReserveAddresses::of(m);
        acc::InitializeReserve {
            payer: *payer,
            merchant: m.merchant,
            distributor: DistributorAddresses::of(m).distributor,
            reserve: r.reserve,
            reserve_authority: r.authority,
            usdc_vault: r.usdc_vault,
            pst_mint: m.pst_mint,
            pst_vault: r.pst_vault,
            reserve_position: r.position,
            distributor_program: crate::ids::revenue_distributor::ID,
            pst_token_program: TOKEN_2022_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn initialize_reserve(&self, m: &MerchantAddresses, payer: &Pubkey) -> Instruction {
        alar_ix(self.initialize_reserve_accounts(m, payer), ixd::InitializeReserve {})
    }

    /// `depositor` adds `amount` USDC from `source` to the merchant's stake.
    pub fn deposit_stake_accounts(
        &self,
        m: &MerchantAddresses,
        depositor: &Pubkey,
        source: &Pubkey,
    ) -> acc::DepositStake {
        let r = ReserveAddresses::of(m);
        acc::DepositStake {
            depositor: *depositor,
            config: CONFIG,
            reserve: r.reserve,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            usdc_vault: r.usdc_vault,
            depositor_usdc: *source,
            token_program: TOKEN_PROGRAM,
        }
    }

    pub fn deposit_stake(
        &self,
        m: &MerchantAddresses,
        depositor: &Pubkey,
        source: &Pubkey,
        amount: u64,
    ) -> Instruction {
        alar_ix(self.deposit_stake_accounts(m, depositor, source), ixd::DepositStake { amount })
    }

    pub fn cover_shortfall_accounts(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        period: u32,
    ) -> acc::CoverShortfall {
        let r = ReserveAddresses::of(m);
        acc::CoverShortfall {
            keeper: *keeper,
            config: CONFIG,
            reserve: r.reserve,
            reserve_authority: r.authority,
            merchant: m.merchant,
            metrics: m.metrics,
            settlement: m.settlement,
            pst_mint: m.pst_mint,
            cover: r.cover(period),
            usdc_vault: r.usdc_vault,
            dividend_vault: m.dividend_vault,
            token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn cover_shortfall(&self, m: &MerchantAddresses, keeper: &Pubkey, period: u32) -> Instruction {
        alar_ix(self.cover_shortfall_accounts(m, keeper, period), ixd::CoverShortfall { period })
    }

    pub fn stabilize_accounts(&self, m: &MerchantAddresses, keeper: &Pubkey) -> acc::Stabilize {
        let r = ReserveAddresses::of(m);
        let p = PoolAddresses::of(m);
        acc::Stabilize {
            keeper: *keeper,
            config: CONFIG,
            reserve: r.reserve,
            reserve_authority: r.authority,
            merchant: m.merchant,
            metrics: m.metrics,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            pool: p.pool,
            observations: p.observations,
            pool_pst_vault: p.pst_vault,
            pool_usdc_vault: p.usdc_vault,
            pool_position: p.position,
            usdc_vault: r.usdc_vault,
            pst_vault: r.pst_vault,
            distributor: p.distributor,
            reserve_position: r.position,
            dividend_vault: m.dividend_vault,
            amm_program: crate::ids::amm_pool::ID,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn stabilize(&self, m: &MerchantAddresses, keeper: &Pubkey) -> Instruction {
        alar_ix(self.stabilize_accounts(m, keeper), ixd::Stabilize {})
    }

    pub fn harvest_reserve_accounts(&self, m: &MerchantAddresses, keeper: &Pubkey) -> acc::Harvest {
        let r = ReserveAddresses::of(m);
        acc::Harvest {
            keeper: *keeper,
            config: CONFIG,
            reserve: r.reserve,
            reserve_authority: r.authority,
            merchant: m.merchant,
            usdc_vault: r.usdc_vault,
            pst_vault: r.pst_vault,
            distributor: DistributorAddresses::of(m).distributor,
            reserve_position: r.position,
            dividend_vault: m.dividend_vault,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
        }
    }

    /// `harvest` with no floor (refused only when it would change nothing).
    pub fn harvest_reserve(&self, m: &MerchantAddresses, keeper: &Pubkey) -> Instruction {
        self.harvest_reserve_with_floor(m, keeper, 0)
    }

    /// `harvest`, refused when it would collect and count less than `min_amount` (a keeper's floor).
    pub fn harvest_reserve_with_floor(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        min_amount: u64,
    ) -> Instruction {
        alar_ix(self.harvest_reserve_accounts(m, keeper), ixd::Harvest { min_amount })
    }

    /// `cover_senior` signed by `tranche_vault` (only `yield_tranches`' PDA, by CPI, is accepted), paying into
    /// `destination`.
    pub fn cover_senior_accounts(
        &self,
        m: &MerchantAddresses,
        tranche_vault: &Pubkey,
        destination: &Pubkey,
    ) -> acc::CoverSenior {
        let r = ReserveAddresses::of(m);
        acc::CoverSenior {
            tranche_vault: *tranche_vault,
            config: CONFIG,
            reserve: r.reserve,
            reserve_authority: r.authority,
            merchant: m.merchant,
            metrics: m.metrics,
            usdc_vault: r.usdc_vault,
            destination: *destination,
            token_program: TOKEN_PROGRAM,
        }
    }

    pub fn cover_senior(
        &self,
        m: &MerchantAddresses,
        tranche_vault: &Pubkey,
        destination: &Pubkey,
        amount: u64,
    ) -> Instruction {
        alar_ix(self.cover_senior_accounts(m, tranche_vault, destination), ixd::CoverSenior { amount })
    }

    /// The delisted merchant takes back its stake (to `usdc`) and the reserve's PST (to `pst`).
    pub fn release_stake_accounts(
        &self,
        m: &MerchantAddresses,
        usdc: &Pubkey,
        pst: &Pubkey,
    ) -> acc::ReleaseStake {
        let r = ReserveAddresses::of(m);
        acc::ReleaseStake {
            authority: m.authority,
            config: CONFIG,
            reserve: r.reserve,
            reserve_authority: r.authority,
            merchant: m.merchant,
            settlement: m.settlement,
            feed: m.feed,
            pst_mint: m.pst_mint,
            usdc_vault: r.usdc_vault,
            pst_vault: r.pst_vault,
            distributor: DistributorAddresses::of(m).distributor,
            reserve_position: r.position,
            dividend_vault: m.dividend_vault,
            destination_usdc: *usdc,
            destination_pst: *pst,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn release_stake(&self, m: &MerchantAddresses, usdc: &Pubkey, pst: &Pubkey) -> Instruction {
        alar_ix(self.release_stake_accounts(m, usdc, pst), ixd::ReleaseStake {})
    }

    pub fn set_reserve_params(
        &self,
        m: &MerchantAddresses,
        admin: &Pubkey,
        params: ReserveParams,
    ) -> Instruction {
        let accounts =
            acc::SetReserveParams { admin: *admin, config: CONFIG, reserve: ReserveAddresses::of(m).reserve };
        alar_ix(accounts, ixd::SetReserveParams { params })
    }

    /// The admin proposes withdrawal `id` (the reserve's `next_withdrawal_id`) of `amount` to `destination`,
    /// naming `destination_reserve` when it is another merchant's reserve vault.
    pub fn propose_withdrawal_accounts(
        &self,
        m: &MerchantAddresses,
        admin: &Pubkey,
        id: u64,
        destination: &Pubkey,
        destination_reserve: Option<Pubkey>,
    ) -> acc::ProposeWithdrawal {
        let r = ReserveAddresses::of(m);
        acc::ProposeWithdrawal {
            admin: *admin,
            config: CONFIG,
            reserve: r.reserve,
            withdrawal: r.withdrawal(id),
            destination: *destination,
            destination_reserve,
            system_program: system_program::ID,
        }
    }

    pub fn propose_withdrawal(
        &self,
        m: &MerchantAddresses,
        admin: &Pubkey,
        id: u64,
        destination: &Pubkey,
        destination_reserve: Option<Pubkey>,
        amount: u64,
    ) -> Instruction {
        let accounts = self.propose_withdrawal_accounts(m, admin, id, destination, destination_reserve);
        alar_ix(accounts, ixd::ProposeWithdrawal { amount })
    }

    pub fn execute_withdrawal(
        &self,
        m: &MerchantAddresses,
        admin: &Pubkey,
        id: u64,
        destination: &Pubkey,
    ) -> Instruction {
        let r = ReserveAddresses::of(m);
        let accounts = acc::ExecuteWithdrawal {
            admin: *admin,
            config: CONFIG,
            reserve: r.reserve,
            reserve_authority: r.authority,
            merchant: m.merchant,
            metrics: m.metrics,
            withdrawal: r.withdrawal(id),
            usdc_vault: r.usdc_vault,
            destination: *destination,
            token_program: TOKEN_PROGRAM,
        };
        alar_ix(accounts, ixd::ExecuteWithdrawal {})
    }

    pub fn cancel_withdrawal(&self, m: &MerchantAddresses, signer: &Pubkey, id: u64) -> Instruction {
        let accounts = acc::CancelWithdrawal {
            signer: *signer,
            config: CONFIG,
            withdrawal: ReserveAddresses::of(m).withdrawal(id),
        };
        alar_ix(accounts, ixd::CancelWithdrawal {})
    }
}
