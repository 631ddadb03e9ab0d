//! `revenue_distributor`: a merchant's distributor addresses, a builder for every instruction, and what a position
//! could claim at a given time.
use crate::{
    ids::revenue_distributor as ids, pda, pst_mint::CONFIG, rd_ix, Client, Instruction, MerchantAddresses,
    Pubkey, TOKEN_2022_PROGRAM, TOKEN_PROGRAM,
};
use ::revenue_distributor::{accounts as acc, instruction as ixd};
use anchor_lang::{solana_program::instruction::AccountMeta, system_program};

/// A merchant's distributor and its vaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DistributorAddresses {
    pub distributor: Pubkey,
    pub stake_vault: Pubkey,
    pub alar_vault: Pubkey,
    /// `pst_mint`'s dividend vault of the merchant (the distributor is its token authority).
    pub dividend_vault: Pubkey,
}

impl DistributorAddresses {
    pub fn of(m: &MerchantAddresses) -> Self {
        let k = m.merchant.as_ref();
        DistributorAddresses {
            distributor: pda(&ids::ID, &[ids::DISTRIBUTOR_SEED, k]),
            stake_vault: pda(&ids::ID, &[ids::STAKE_VAULT_SEED, k]),
            alar_vault: pda(&ids::ID, &[ids::ALAR_VAULT_SEED, k]),
            dividend_vault: m.dividend_vault,
        }
    }

    /// The earning position of `owner` (a wallet or a program's PDA).
    pub fn position(&self, owner: &Pubkey) -> Pubkey {
        pda(&ids::ID, &[ids::POSITION_SEED, self.distributor.as_ref(), owner.as_ref()])
    }
}

/// What `position` could claim at `now`: its pending dividends after the distributor's stream is brought up to
/// `now`, exactly as `claim` would compute them (the program's own `update` and `settle`, on copies).
pub fn claimable(
    distributor: &::revenue_distributor::state::Distributor,
    position: &::revenue_distributor::state::Position,
    now: i64,
) -> u64 {
    let (mut d, mut p) = (distributor.clone(), position.clone());
    if d.update(now).is_err() || p.settle(d.reward_per_token).is_err() {
        return p.pending;
    }
    p.pending
}

impl Client {
    pub fn initialize_distributor_accounts(
        &self,
        m: &MerchantAddresses,
        underwriter: &Pubkey,
    ) -> acc::InitializeDistributor {
        let d = DistributorAddresses::of(m);
        acc::InitializeDistributor {
            underwriter: *underwriter,
            config: CONFIG,
            merchant: m.merchant,
            distributor: d.distributor,
            dividend_vault: d.dividend_vault,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            stake_vault: d.stake_vault,
            alar_vault: d.alar_vault,
            pst_token_program: TOKEN_2022_PROGRAM,
            usdc_token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn initialize_distributor(
        &self,
        m: &MerchantAddresses,
        underwriter: &Pubkey,
        distribution_secs: i64,
    ) -> Instruction {
        rd_ix(
            self.initialize_distributor_accounts(m, underwriter),
            ixd::InitializeDistributor { distribution_secs },
        )
    }

    /// `owner`'s position, paid for by `payer`.
    pub fn open_position(&self, m: &MerchantAddresses, payer: &Pubkey, owner: &Pubkey) -> Instruction {
        let d = DistributorAddresses::of(m);
        rd_ix(
            acc::OpenPosition {
                payer: *payer,
                owner: *owner,
                distributor: d.distributor,
                position: d.position(owner),
                system_program: system_program::ID,
            },
            ixd::OpenPosition {},
        )
    }

    /// Stake PST from `source` into `owner`'s position.
    pub fn deposit_accounts(&self, m: &MerchantAddresses, owner: &Pubkey, source: &Pubkey) -> acc::Deposit {
        let d = DistributorAddresses::of(m);
        acc::Deposit {
            owner: *owner,
            config: CONFIG,
            distributor: d.distributor,
            position: d.position(owner),
            pst_mint: m.pst_mint,
            source: *source,
            stake_vault: d.stake_vault,
            token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn deposit(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        source: &Pubkey,
        amount: u64,
    ) -> Instruction {
        rd_ix(self.deposit_accounts(m, owner, source), ixd::Deposit { amount })
    }

    /// Unstake PST from `owner`'s position to `destination`.
    pub fn withdraw_accounts(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        destination: &Pubkey,
    ) -> acc::Withdraw {
        let d = DistributorAddresses::of(m);
        acc::Withdraw {
            owner: *owner,
            config: CONFIG,
            distributor: d.distributor,
            position: d.position(owner),
            pst_mint: m.pst_mint,
            destination: *destination,
            stake_vault: d.stake_vault,
            token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn withdraw(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        destination: &Pubkey,
        amount: u64,
    ) -> Instruction {
        rd_ix(self.withdraw_accounts(m, owner, destination), ixd::Withdraw { amount })
    }

    /// A keeper's `distribute`: the protocol fee goes to `fee_destination` (a USDC account of the admin), the
    /// tip to `keeper_usdc`.
    pub fn distribute_accounts(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        keeper_usdc: &Pubkey,
        fee_destination: &Pubkey,
    ) -> acc::Distribute {
        let d = DistributorAddresses::of(m);
        acc::Distribute {
            keeper: *keeper,
            config: CONFIG,
            distributor: d.distributor,
            dividend_vault: d.dividend_vault,
            alar_vault: d.alar_vault,
            fee_destination: *fee_destination,
            keeper_usdc: *keeper_usdc,
            usdc_mint: self.usdc_mint,
            token_program: TOKEN_PROGRAM,
        }
    }

    pub fn distribute(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        keeper_usdc: &Pubkey,
        fee_destination: &Pubkey,
    ) -> Instruction {
        rd_ix(self.distribute_accounts(m, keeper, keeper_usdc, fee_destination), ixd::Distribute {})
    }

    /// `owner` claims its position's dividends to `destination`.
    pub fn claim_accounts(&self, m: &MerchantAddresses, owner: &Pubkey, destination: &Pubkey) -> acc::Claim {
        let d = DistributorAddresses::of(m);
        acc::Claim {
            owner: *owner,
            config: CONFIG,
            distributor: d.distributor,
            position: d.position(owner),
            dividend_vault: d.dividend_vault,
            destination: *destination,
            usdc_mint: self.usdc_mint,
            token_program: TOKEN_PROGRAM,
        }
    }

    pub fn claim(&self, m: &MerchantAddresses, owner: &Pubkey, destination: &Pubkey) -> Instruction {
        rd_ix(self.claim_accounts(m, owner, destination), ixd::Claim {})
    }

    /// `owner` opts in to (or out of) keeper pushes to `payout_account`.
    pub fn set_auto_payout(
        &self,
        m: &MerchantAddresses,
        owner: &Pubkey,
        payout_account: &Pubkey,
        enabled: bool,
    ) -> Instruction {
        let d = DistributorAddresses::of(m);
        rd_ix(
            acc::SetAutoPayout {
                owner: *owner,
                distributor: d.distributor,
                position: d.position(owner),
                payout_account: *payout_account,
            },
            ixd::SetAutoPayout { enabled },
        )
    }

    /// `push_payouts` for these (position, payout account) pairs with no floor; the keeper's tip goes to
    /// `keeper_usdc`.
    pub fn push_payouts(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        keeper_usdc: &Pubkey,
        pairs: &[(Pubkey, Pubkey)],
    ) -> Instruction {
        self.push_payouts_with_floor(m, keeper, keeper_usdc, pairs, 0)
    }

    /// `push_payouts` paying only positions owed at least `min_payout` (a keeper's floor).
    pub fn push_payouts_with_floor(
        &self,
        m: &MerchantAddresses,
        keeper: &Pubkey,
        keeper_usdc: &Pubkey,
        pairs: &[(Pubkey, Pubkey)],
        min_payout: u64,
    ) -> Instruction {
        let d = DistributorAddresses::of(m);
        let mut ix = rd_ix(
            acc::PushPayouts {
                keeper: *keeper,
                config: CONFIG,
                distributor: d.distributor,
                dividend_vault: d.dividend_vault,
                usdc_mint: self.usdc_mint,
                keeper_usdc: *keeper_usdc,
                token_program: TOKEN_PROGRAM,
            },
            ixd::PushPayouts { min_payout },
        );
        for (position, payout) in pairs {
            ix.accounts.push(AccountMeta::new(*position, false));
            ix.accounts.push(AccountMeta::new(*payout, false));
        }
        ix
    }

    /// `open_pool_position` (only the pool PDA can sign it, by CPI from `amm_pool::initialize_pool`): built
    /// here for completeness and for tests that show everyone else is refused.
    pub fn open_pool_position(
        &self,
        m: &MerchantAddresses,
        payer: &Pubkey,
        pool: &Pubkey,
        harvest_destination: &Pubkey,
    ) -> Instruction {
        let d = DistributorAddresses::of(m);
        rd_ix(
            acc::OpenPoolPosition {
                payer: *payer,
                distributor: d.distributor,
                pool: *pool,
                position: d.position(pool),
                custody: m.lp_vault,
                harvest_destination: *harvest_destination,
                system_program: system_program::ID,
            },
            ixd::OpenPoolPosition {},
        )
    }

    /// `open_reserve_position` signed by `reserve_authority` (only the reserve authority PDA can sign it, by CPI
    /// from `alar_reserve::initialize_reserve`): built here for tests that show everyone else is refused.
    pub fn open_reserve_position(
        &self,
        m: &MerchantAddresses,
        payer: &Pubkey,
        reserve_authority: &Pubkey,
    ) -> Instruction {
        let d = DistributorAddresses::of(m);
        let r = crate::ReserveAddresses::of(m);
        rd_ix(
            acc::OpenReservePosition {
                payer: *payer,
                distributor: d.distributor,
                reserve_authority: *reserve_authority,
                position: d.position(reserve_authority),
                custody: r.pst_vault,
                harvest_destination: d.alar_vault,
                system_program: system_program::ID,
            },
            ixd::OpenReservePosition {},
        )
    }

    /// `open_tranche_position` signed by `tranches` (only the tranche vault PDA can sign it, by CPI from
    /// `yield_tranches::initialize_tranches`): built here for tests that show everyone else is refused.
    pub fn open_tranche_position(
        &self,
        m: &MerchantAddresses,
        payer: &Pubkey,
        tranches: &Pubkey,
    ) -> Instruction {
        let d = DistributorAddresses::of(m);
        let t = crate::TrancheAddresses::of(m);
        rd_ix(
            acc::OpenTranchePosition {
                payer: *payer,
                distributor: d.distributor,
                tranches: *tranches,
                position: d.position(tranches),
                custody: t.pst_vault,
                harvest_destination: t.usdc_vault,
                system_program: system_program::ID,
            },
            ixd::OpenTranchePosition {},
        )
    }

    /// `sync_pool_stake(stake)` of `position` signed by `pool`, paying what it earned to `destination` (only the
    /// pool PDA can sign it, by CPI): built here for tests that show everyone else is refused.
    pub fn sync_pool_stake(
        &self,
        m: &MerchantAddresses,
        pool: &Pubkey,
        position: &Pubkey,
        custody: &Pubkey,
        destination: &Pubkey,
        stake: u64,
    ) -> Instruction {
        let d = DistributorAddresses::of(m);
        let accounts = acc::SyncPoolStake {
            pool: *pool,
            distributor: d.distributor,
            position: *position,
            custody: *custody,
            dividend_vault: d.dividend_vault,
            destination: *destination,
            token_program: TOKEN_PROGRAM,
        };
        rd_ix(accounts, ixd::SyncPoolStake { stake })
    }
}
