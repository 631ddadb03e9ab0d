//! Client for `revenue_distributor`: PDAs, instructions and holders.
use crate::{
    env::{Env, TxResult, PST, USDC},
    pst::{config_pda, Investor, MerchantKeys},
    revenue::RevenueKeys,
};
use anchor_lang::{
    prelude::Pubkey,
    solana_program::instruction::{AccountMeta, Instruction},
    system_program, InstructionData, ToAccountMetas,
};
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use revenue_distributor::{
    accounts as acc,
    constants::*,
    instruction as ixd,
    state::{Distributor, Position},
};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// An instruction to `revenue_distributor`.
pub fn rd_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    Instruction {
        program_id: revenue_distributor::ID,
        accounts: accounts.to_account_metas(None),
        data: args.data(),
    }
}

pub fn rd_pda(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &revenue_distributor::ID).0
}

/// Addresses of a merchant's distributor.
#[derive(Clone, Copy, Debug)]
pub struct DistKeys {
    pub distributor: Pubkey,
    pub stake_vault: Pubkey,
    pub alar_vault: Pubkey,
    pub dividend_vault: Pubkey,
}

impl DistKeys {
    pub fn of(m: &MerchantKeys) -> Self {
        let k = m.merchant.as_ref();
        DistKeys {
            distributor: rd_pda(&[DISTRIBUTOR_SEED, k]),
            stake_vault: rd_pda(&[STAKE_VAULT_SEED, k]),
            alar_vault: rd_pda(&[ALAR_VAULT_SEED, k]),
            dividend_vault: RevenueKeys::of(m).dividend_vault,
        }
    }

    pub fn position(&self, owner: &Pubkey) -> Pubkey {
        rd_pda(&[POSITION_SEED, self.distributor.as_ref(), owner.as_ref()])
    }
}

/// One week.
pub const WEEK: i64 = 7 * 86_400;

impl Env {
    pub fn init_distributor_accounts(
        &self,
        m: &MerchantKeys,
        underwriter: &Pubkey,
    ) -> acc::InitializeDistributor {
        let d = DistKeys::of(m);
        acc::InitializeDistributor {
            underwriter: *underwriter,
            config: config_pda(),
            merchant: m.merchant,
            distributor: d.distributor,
            dividend_vault: d.dividend_vault,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            stake_vault: d.stake_vault,
            alar_vault: d.alar_vault,
            pst_token_program: spl_token_2022::ID,
            usdc_token_program: spl_token::ID,
            system_program: system_program::ID,
        }
    }

    pub async fn init_distributor(&mut self, m: &MerchantKeys, distribution_secs: i64) -> TxResult {
        let uw = self.underwriter.insecure_clone();
        let ix = rd_ix(
            self.init_distributor_accounts(m, &uw.pubkey()),
            ixd::InitializeDistributor { distribution_secs },
        );
        self.send(&[ix], &[&uw]).await
    }

    pub async fn open_position(&mut self, m: &MerchantKeys, owner: &Keypair) -> TxResult {
        let d = DistKeys::of(m);
        let ix = rd_ix(
            acc::OpenPosition {
                payer: self.payer().pubkey(),
                owner: owner.pubkey(),
                distributor: d.distributor,
                position: d.position(&owner.pubkey()),
                system_program: system_program::ID,
            },
            ixd::OpenPosition {},
        );
        self.send(&[ix], &[owner]).await
    }

    pub fn deposit_accounts(&self, m: &MerchantKeys, owner: &Pubkey, source: &Pubkey) -> acc::Deposit {
        let d = DistKeys::of(m);
        acc::Deposit {
            owner: *owner,
            config: config_pda(),
            distributor: d.distributor,
            position: d.position(owner),
            pst_mint: m.pst_mint,
            source: *source,
            stake_vault: d.stake_vault,
            token_program: spl_token_2022::ID,
        }
    }

    pub async fn stake(&mut self, m: &MerchantKeys, h: &Investor, amount: u64) -> TxResult {
        let ix = rd_ix(self.deposit_accounts(m, &h.wallet.pubkey(), &h.pst), ixd::Deposit { amount });
        self.send(&[ix], &[&h.wallet]).await
    }

    pub fn withdraw_stake_accounts(
        &self,
        m: &MerchantKeys,
        owner: &Pubkey,
        destination: &Pubkey,
    ) -> acc::Withdraw {
        let d = DistKeys::of(m);
        acc::Withdraw {
            owner: *owner,
            config: config_pda(),
            distributor: d.distributor,
            position: d.position(owner),
            pst_mint: m.pst_mint,
            destination: *destination,
            stake_vault: d.stake_vault,
            token_program: spl_token_2022::ID,
        }
    }

    pub async fn unstake(&mut self, m: &MerchantKeys, h: &Investor, amount: u64) -> TxResult {
        let ix = rd_ix(self.withdraw_stake_accounts(m, &h.wallet.pubkey(), &h.pst), ixd::Withdraw { amount });
        self.send(&[ix], &[&h.wallet]).await
    }

    /// The admin's USDC account (the protocol fee destination), created on first use.
    pub async fn admin_usdc(&mut self) -> Pubkey {
        let (admin, usdc) = (self.admin.pubkey(), self.usdc_mint);
        self.create_ata(&admin, &usdc, &spl_token::ID).await
    }

    pub async fn distribute_accounts(
        &mut self,
        m: &MerchantKeys,
        keeper: &Pubkey,
        keeper_usdc: &Pubkey,
    ) -> acc::Distribute {
        let d = DistKeys::of(m);
        acc::Distribute {
            keeper: *keeper,
            config: config_pda(),
            distributor: d.distributor,
            dividend_vault: d.dividend_vault,
            alar_vault: d.alar_vault,
            fee_destination: self.admin_usdc().await,
            keeper_usdc: *keeper_usdc,
            usdc_mint: self.usdc_mint,
            token_program: spl_token::ID,
        }
    }

    /// A keeper distributes (its tip goes to `keeper_usdc`).
    pub async fn distribute(&mut self, m: &MerchantKeys, keeper: &Keypair, keeper_usdc: &Pubkey) -> TxResult {
        let a = self.distribute_accounts(m, &keeper.pubkey(), keeper_usdc).await;
        self.send(&[rd_ix(a, ixd::Distribute {})], &[keeper]).await
    }

    pub fn claim_dividends_accounts(
        &self,
        m: &MerchantKeys,
        owner: &Pubkey,
        destination: &Pubkey,
    ) -> acc::Claim {
        let d = DistKeys::of(m);
        acc::Claim {
            owner: *owner,
            config: config_pda(),
            distributor: d.distributor,
            position: d.position(owner),
            dividend_vault: d.dividend_vault,
            destination: *destination,
            usdc_mint: self.usdc_mint,
            token_program: spl_token::ID,
        }
    }

    pub async fn claim(&mut self, m: &MerchantKeys, h: &Investor) -> TxResult {
        let ix = rd_ix(self.claim_dividends_accounts(m, &h.wallet.pubkey(), &h.usdc), ixd::Claim {});
        self.send(&[ix], &[&h.wallet]).await
    }

    pub async fn set_auto_payout(&mut self, m: &MerchantKeys, h: &Investor, enabled: bool) -> TxResult {
        let d = DistKeys::of(m);
        let ix = rd_ix(
            acc::SetAutoPayout {
                owner: h.wallet.pubkey(),
                distributor: d.distributor,
                position: d.position(&h.wallet.pubkey()),
                payout_account: h.usdc,
            },
            ixd::SetAutoPayout { enabled },
        );
        self.send(&[ix], &[&h.wallet]).await
    }

    /// `push_payouts` for these (position, payout account) pairs.
    pub fn push_ix(&self, m: &MerchantKeys, keeper: &Pubkey, pairs: &[(Pubkey, Pubkey)]) -> Instruction {
        let d = DistKeys::of(m);
        let mut ix = rd_ix(
            acc::PushPayouts {
                keeper: *keeper,
                config: config_pda(),
                distributor: d.distributor,
                dividend_vault: d.dividend_vault,
                usdc_mint: self.usdc_mint,
                token_program: spl_token::ID,
            },
            ixd::PushPayouts {},
        );
        for (position, payout) in pairs {
            ix.accounts.push(AccountMeta::new(*position, false));
            ix.accounts.push(AccountMeta::new(*payout, false));
        }
        ix
    }

    pub async fn distributor(&mut self, m: &MerchantKeys) -> Distributor {
        self.account(&DistKeys::of(m).distributor).await
    }

    pub async fn position(&mut self, m: &MerchantKeys, owner: &Pubkey) -> Position {
        self.account(&DistKeys::of(m).position(owner)).await
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
        let vault = self.balance(&DistKeys::of(m).dividend_vault).await;
        let s = self.settlement(m).await;
        let out = d.total_protocol_fees as u128
            + d.total_alar as u128
            + d.total_tips as u128
            + d.total_claimed as u128;
        assert_eq!(vault as u128 + out, s.total_share as u128, "vault + paid out != swept share");
        assert!(vault >= d.accounted, "vault holds less than the distributor registered");
        assert_eq!(self.balance(&DistKeys::of(m).alar_vault).await, d.total_alar);
        assert_eq!(self.balance(&DistKeys::of(m).stake_vault).await, d.total_staked - d.custody_staked);
        self.assert_pst_conserved(m).await;
    }
}
