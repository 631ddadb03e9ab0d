//! `yield_tranches`: a merchant's tranche vault addresses, and a builder for every instruction.
use crate::{
    ids::yield_tranches as ids, pda, pst_mint::CONFIG, Client, DistributorAddresses, Instruction,
    MerchantAddresses, PoolAddresses, Pubkey, ReserveAddresses, TOKEN_2022_PROGRAM, TOKEN_PROGRAM,
};
use ::yield_tranches::{
    accounts as acc, instruction as ixd,
    state::{Tranche, TrancheParams},
};
use anchor_lang::{prelude::AccountMeta, system_program, InstructionData, ToAccountMetas};

pub use ::yield_tranches::state::Tranche as TrancheKind;

/// An instruction to `yield_tranches`.
pub fn yt_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    crate::anchor_ix(ids::ID, accounts, args)
}

/// A merchant's tranche vault and its accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrancheAddresses {
    pub tranches: Pubkey,
    pub usdc_vault: Pubkey,
    pub pst_vault: Pubkey,
    /// Senior (0) and junior (1) share mints and escrows.
    pub mints: [Pubkey; 2],
    pub escrows: [Pubkey; 2],
    /// The vault's custody position in `revenue_distributor`.
    pub position: Pubkey,
}

impl TrancheAddresses {
    pub fn of(m: &MerchantAddresses) -> Self {
        let k = m.merchant.as_ref();
        let tranches = pda(&ids::ID, &[ids::TRANCHES_SEED, k]);
        let per = |seed: &[u8], t: Tranche| pda(&ids::ID, &[seed, k, &t.seed()]);
        TrancheAddresses {
            tranches,
            usdc_vault: pda(&ids::ID, &[ids::TRANCHE_USDC_SEED, k]),
            pst_vault: pda(&ids::ID, &[ids::TRANCHE_PST_SEED, k]),
            mints: [per(ids::SHARE_MINT_SEED, Tranche::Senior), per(ids::SHARE_MINT_SEED, Tranche::Junior)],
            escrows: [
                per(ids::SHARE_ESCROW_SEED, Tranche::Senior),
                per(ids::SHARE_ESCROW_SEED, Tranche::Junior),
            ],
            position: DistributorAddresses::of(m).position(&tranches),
        }
    }

    pub fn mint(&self, t: Tranche) -> Pubkey {
        self.mints[t.index()]
    }

    pub fn escrow(&self, t: Tranche) -> Pubkey {
        self.escrows[t.index()]
    }

    /// `owner`'s request in `t`.
    pub fn request(&self, owner: &Pubkey, t: Tranche) -> Pubkey {
        pda(&ids::ID, &[ids::REQUEST_SEED, self.tranches.as_ref(), owner.as_ref(), &t.seed()])
    }

    /// The record of epoch `index`.
    pub fn epoch(&self, index: u32) -> Pubkey {
        pda(&ids::ID, &[ids::EPOCH_SEED, self.tranches.as_ref(), &index.to_le_bytes()])
    }

    /// `owner`'s associated share account in `t` (Token-2022).
    pub fn share_account(&self, owner: &Pubkey, t: Tranche) -> Pubkey {
        crate::associated_token_address(owner, &self.mint(t), &TOKEN_2022_PROGRAM)
    }
}

impl Client {
    pub fn initialize_tranches_accounts(
        &self,
        m: &MerchantAddresses,
        payer: &Pubkey,
    ) -> acc::InitializeTranches {
        let t = TrancheAddresses::of(m);
        acc::InitializeTranches {
            payer: *payer,
            merchant: m.merchant,
            distributor: DistributorAddresses::of(m).distributor,
            pool: PoolAddresses::of(m).pool,
            reserve: ReserveAddresses::of(m).reserve,
            tranches: t.tranches,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            usdc_vault: t.usdc_vault,
            pst_vault: t.pst_vault,
            senior_mint: t.mints[0],
            junior_mint: t.mints[1],
            senior_escrow: t.escrows[0],
            junior_escrow: t.escrows[1],
            position: t.position,
            distributor_program: crate::ids::revenue_distributor::ID,
            token_program: TOKEN_PROGRAM,
            token_2022_program: TOKEN_2022_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn initialize_tranches(&self, m: &MerchantAddresses, payer: &Pubkey) -> Instruction {
        yt_ix(self.initialize_tranches_accounts(m, payer), ixd::InitializeTranches {})
    }

    /// `owner` queues `amount` USDC from `owner_usdc` into tranche `t`.
    pub fn request_deposit_accounts(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        owner_usdc: &Pubkey,
        t: Tranche,
    ) -> acc::RequestDeposit {
        let a = TrancheAddresses::of(m);
        acc::RequestDeposit {
            owner: *owner,
            config: CONFIG,
            tranches: a.tranches,
            merchant: m.merchant,
            request: a.request(owner, t),
            owner_usdc: *owner_usdc,
            usdc_vault: a.usdc_vault,
            token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn request_deposit(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        owner_usdc: &Pubkey,
        t: Tranche,
        amount: u64,
    ) -> Instruction {
        yt_ix(
            self.request_deposit_accounts(m, owner, owner_usdc, t),
            ixd::RequestDeposit { tranche: t, amount },
        )
    }

    /// `owner` queues `shares` of tranche `t` from its associated share account for redemption.
    pub fn request_redeem_accounts(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        t: Tranche,
    ) -> acc::RequestRedeem {
        let a = TrancheAddresses::of(m);
        acc::RequestRedeem {
            owner: *owner,
            tranches: a.tranches,
            request: a.request(owner, t),
            share_mint: a.mint(t),
            owner_shares: a.share_account(owner, t),
            share_escrow: a.escrow(t),
            token_2022_program: TOKEN_2022_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn request_redeem(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        t: Tranche,
        shares: u64,
    ) -> Instruction {
        yt_ix(self.request_redeem_accounts(m, owner, t), ixd::RequestRedeem { tranche: t, shares })
    }

    /// The accounts of `cancel_request` and `claim_request`: `owner`'s request in `t`, paying to `owner_usdc` and
    /// its associated share account.
    pub fn settle_request_accounts(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        owner_usdc: &Pubkey,
        t: Tranche,
    ) -> acc::SettleRequest {
        let a = TrancheAddresses::of(m);
        acc::SettleRequest {
            owner: *owner,
            config: CONFIG,
            tranches: a.tranches,
            request: a.request(owner, t),
            usdc_vault: a.usdc_vault,
            owner_usdc: *owner_usdc,
            share_mint: a.mint(t),
            share_escrow: a.escrow(t),
            owner_shares: a.share_account(owner, t),
            token_program: TOKEN_PROGRAM,
            token_2022_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn cancel_request(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        owner_usdc: &Pubkey,
        t: Tranche,
    ) -> Instruction {
        yt_ix(self.settle_request_accounts(m, owner, owner_usdc, t), ixd::CancelRequest { tranche: t })
    }

    /// `claim_request` applying the records of epochs `epochs` (the request's cursor up to the open epoch, at most
    /// `MAX_EPOCHS_PER_CLAIM`).
    pub fn claim_request(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        owner_usdc: &Pubkey,
        t: Tranche,
        epochs: std::ops::Range<u32>,
    ) -> Instruction {
        let a = TrancheAddresses::of(m);
        let mut ix =
            yt_ix(self.settle_request_accounts(m, owner, owner_usdc, t), ixd::ClaimRequest { tranche: t });
        ix.accounts.extend(epochs.map(|i| AccountMeta::new_readonly(a.epoch(i), false)));
        ix
    }

    pub fn close_epoch_accounts(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        epoch: u32,
    ) -> acc::CloseEpoch {
        let a = TrancheAddresses::of(m);
        let p = PoolAddresses::of(m);
        let r = ReserveAddresses::of(m);
        acc::CloseEpoch {
            keeper: *keeper,
            config: CONFIG,
            tranches: a.tranches,
            epoch: a.epoch(epoch),
            merchant: m.merchant,
            metrics: m.metrics,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            usdc_vault: a.usdc_vault,
            pst_vault: a.pst_vault,
            senior_mint: a.mints[0],
            junior_mint: a.mints[1],
            senior_escrow: a.escrows[0],
            junior_escrow: a.escrows[1],
            distributor: p.distributor,
            position: a.position,
            dividend_vault: m.dividend_vault,
            pool: p.pool,
            observations: p.observations,
            pool_pst_vault: p.pst_vault,
            pool_usdc_vault: p.usdc_vault,
            pool_position: p.position,
            reserve: r.reserve,
            reserve_authority: r.authority,
            reserve_usdc_vault: r.usdc_vault,
            amm_program: crate::ids::amm_pool::ID,
            distributor_program: crate::ids::revenue_distributor::ID,
            alar_program: crate::ids::alar_reserve::ID,
            token_program: TOKEN_PROGRAM,
            token_2022_program: TOKEN_2022_PROGRAM,
            system_program: system_program::ID,
        }
    }

    /// Close epoch `epoch` (the vault's open epoch).
    pub fn close_epoch(&self, m: &MerchantAddresses, keeper: &Pubkey, epoch: u32) -> Instruction {
        yt_ix(self.close_epoch_accounts(m, keeper, epoch), ixd::CloseEpoch {})
    }

    pub fn set_tranche_params(
        &self,
        m: &MerchantAddresses,
        admin: &Pubkey,
        params: TrancheParams,
    ) -> Instruction {
        let accounts = acc::SetTrancheParams {
            admin: *admin,
            config: CONFIG,
            tranches: TrancheAddresses::of(m).tranches,
        };
        yt_ix(accounts, ixd::SetTrancheParams { params })
    }
}
