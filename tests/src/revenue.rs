//! Client for the revenue side of `pst_mint`: feeds, reports, acceptance, settlement, and Switchboard feed
//! accounts laid out exactly as Switchboard On-Demand's `PullFeedAccountData`.
use crate::{
    env::{Env, TxResult},
    pst::{config_pda, pda, pst_ix, MerchantKeys},
};
use anchor_lang::{prelude::Pubkey, system_program};
use anchor_spl::token::spl_token;
use pst_mint::{
    accounts as acc,
    constants::*,
    instruction as ixd,
    oracle::{SB_PULL_FEED_DISCRIMINATOR, SB_PULL_FEED_LEN, SB_SUBMISSION_LEN},
    state::{FeedParams, FeedSource, MerchantMetrics, PeriodReport, RevenueFeed, Role, Settlement},
};
use solana_account::Account;
use solana_keypair::Keypair;
use solana_signer::Signer;

pub const DAY: i64 = 86_400;
/// The fixture's reporting period: 30 days.
pub const PERIOD: i64 = 30 * DAY;

/// Addresses of a merchant's revenue accounts.
#[derive(Clone, Copy, Debug)]
pub struct RevenueKeys {
    pub feed: Pubkey,
    pub metrics: Pubkey,
    pub settlement: Pubkey,
    pub settlement_vault: Pubkey,
    pub dividend_vault: Pubkey,
    /// The `revenue_distributor` PDA that owns the dividend vault.
    pub dividend_authority: Pubkey,
}

impl RevenueKeys {
    pub fn of(m: &MerchantKeys) -> Self {
        let k = m.merchant.as_ref();
        RevenueKeys {
            feed: pda(&[FEED_SEED, k]),
            metrics: pda(&[METRICS_SEED, k]),
            settlement: pda(&[SETTLEMENT_SEED, k]),
            settlement_vault: pda(&[SETTLEMENT_VAULT_SEED, k]),
            dividend_vault: pda(&[DIVIDEND_VAULT_SEED, k]),
            dividend_authority: Pubkey::find_program_address(
                &[DIVIDEND_AUTHORITY_SEED, k],
                &REVENUE_DISTRIBUTOR_ID,
            )
            .0,
        }
    }
}

pub fn report_pda(m: &MerchantKeys, period: u32) -> Pubkey {
    pda(&[REPORT_SEED, m.merchant.as_ref(), &period.to_le_bytes()])
}

/// Native feed, 2 responses, 1,000-slot staleness, 5% variance, 30-day periods from `start`, 5% tolerance.
pub fn sample_feed_params(start: i64) -> FeedParams {
    FeedParams {
        source: FeedSource::Native,
        min_responses: 2,
        max_staleness_slots: 1_000,
        max_variance_bps: 500,
        period_secs: PERIOD,
        first_period_start: start,
        shortfall_tolerance_bps: 500,
    }
}

/// A Switchboard On-Demand `PullFeedAccountData` account (discriminator + 3,200 bytes) with these submissions
/// `(oracle, slot, value with 18 decimals)`; everything else zero.
pub fn switchboard_feed_account(submissions: &[(Pubkey, u64, i128)], owner: Pubkey) -> Account {
    let mut data = vec![0u8; SB_PULL_FEED_LEN];
    data[..8].copy_from_slice(&SB_PULL_FEED_DISCRIMINATOR);
    for (i, (oracle, slot, value)) in submissions.iter().enumerate().take(32) {
        let at = 8 + i * SB_SUBMISSION_LEN;
        data[at..at + 32].copy_from_slice(oracle.as_ref());
        data[at + 32..at + 40].copy_from_slice(&slot.to_le_bytes());
        data[at + 40..at + 48].copy_from_slice(&slot.to_le_bytes()); // landed_at
        data[at + 48..at + 64].copy_from_slice(&value.to_le_bytes());
    }
    Account { lamports: 1_000_000_000, data, owner, executable: false, rent_epoch: 0 }
}

/// USDC base units as a Switchboard value (18 decimals).
pub fn sb_value(usdc_base_units: i128) -> i128 {
    usdc_base_units * 1_000_000_000_000
}

impl Env {
    pub fn open_feed_accounts(&self, m: &MerchantKeys, underwriter: &Pubkey) -> acc::OpenRevenueFeed {
        let r = RevenueKeys::of(m);
        acc::OpenRevenueFeed {
            underwriter: *underwriter,
            config: config_pda(),
            merchant: m.merchant,
            feed: r.feed,
            metrics: r.metrics,
            settlement: r.settlement,
            settlement_vault: r.settlement_vault,
            dividend_vault: r.dividend_vault,
            usdc_mint: self.usdc_mint,
            usdc_token_program: spl_token::ID,
            system_program: system_program::ID,
        }
    }

    /// The underwriter opens `m`'s revenue feed with `params`.
    pub async fn open_feed(&mut self, m: &MerchantKeys, params: FeedParams) -> TxResult {
        let uw = self.underwriter.insecure_clone();
        let ix = pst_ix(self.open_feed_accounts(m, &uw.pubkey()), ixd::OpenRevenueFeed { params });
        self.send(&[ix], &[&uw]).await
    }

    /// `n` more oracle reporters (besides [`Env::reporter`]).
    pub async fn add_reporters(&mut self, n: usize) -> Vec<Keypair> {
        let admin = self.admin.insecure_clone();
        let mut out = Vec::new();
        for _ in 0..n {
            let r = self.wallet().await;
            self.send_ok(
                &[self.set_role_ix(&admin.pubkey(), Role::OracleReporter, r.pubkey(), true)],
                &[&admin],
            )
            .await;
            out.push(r);
        }
        out
    }

    pub fn submit_ix(
        &self,
        m: &MerchantKeys,
        reporter: &Pubkey,
        period: u32,
        gross: u64,
        net: i64,
    ) -> anchor_lang::solana_program::instruction::Instruction {
        pst_ix(
            acc::SubmitReport {
                reporter: *reporter,
                config: config_pda(),
                feed: RevenueKeys::of(m).feed,
                report: report_pda(m, period),
                system_program: system_program::ID,
            },
            ixd::SubmitReport { period, gross_revenue: gross, net_earnings: net },
        )
    }

    pub async fn submit(
        &mut self,
        m: &MerchantKeys,
        reporter: &Keypair,
        period: u32,
        gross: u64,
        net: i64,
    ) -> TxResult {
        let ix = self.submit_ix(m, &reporter.pubkey(), period, gross, net);
        self.send(&[ix], &[reporter]).await
    }

    pub fn accept_accounts(&self, m: &MerchantKeys, period: u32) -> acc::AcceptPeriod {
        let r = RevenueKeys::of(m);
        acc::AcceptPeriod {
            config: config_pda(),
            merchant: m.merchant,
            feed: r.feed,
            metrics: r.metrics,
            settlement: r.settlement,
            report: Some(report_pda(m, period)),
            switchboard_gross: None,
            switchboard_net: None,
        }
    }

    /// A keeper accepts `period` of a native feed.
    pub async fn accept(&mut self, m: &MerchantKeys, period: u32) -> TxResult {
        let ix = pst_ix(self.accept_accounts(m, period), ixd::AcceptPeriod { period });
        self.send(&[ix], &[]).await
    }

    /// A keeper accepts `period` of a Switchboard feed from these two feed accounts.
    pub async fn accept_switchboard(
        &mut self,
        m: &MerchantKeys,
        period: u32,
        gross: Pubkey,
        net: Pubkey,
    ) -> TxResult {
        let mut a = self.accept_accounts(m, period);
        a.report = None;
        a.switchboard_gross = Some(gross);
        a.switchboard_net = Some(net);
        let ix = pst_ix(a, ixd::AcceptPeriod { period });
        self.send(&[ix], &[]).await
    }

    pub fn sweep_accounts(&self, m: &MerchantKeys) -> acc::Sweep {
        let r = RevenueKeys::of(m);
        acc::Sweep {
            config: config_pda(),
            merchant: m.merchant,
            feed: r.feed,
            settlement: r.settlement,
            settlement_vault: r.settlement_vault,
            dividend_vault: r.dividend_vault,
            usdc_mint: self.usdc_mint,
            usdc_token_program: spl_token::ID,
        }
    }

    pub async fn sweep(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = pst_ix(self.sweep_accounts(m), ixd::Sweep {});
        self.send(&[ix], &[]).await
    }

    pub fn withdraw_accounts(&self, m: &MerchantKeys, destination: &Pubkey) -> acc::WithdrawSettlement {
        let r = RevenueKeys::of(m);
        acc::WithdrawSettlement {
            authority: m.authority.pubkey(),
            config: config_pda(),
            merchant: m.merchant,
            feed: r.feed,
            settlement: r.settlement,
            settlement_vault: r.settlement_vault,
            usdc_mint: self.usdc_mint,
            destination: *destination,
            usdc_token_program: spl_token::ID,
        }
    }

    pub async fn withdraw(&mut self, m: &MerchantKeys, destination: &Pubkey, amount: u64) -> TxResult {
        let ix = pst_ix(self.withdraw_accounts(m, destination), ixd::WithdrawSettlement { amount });
        self.send(&[ix], &[&m.authority]).await
    }

    /// Customers' payments for the merchant's sales arriving in the settlement vault (the fixture mints the
    /// USDC, as the payment processor would transfer it). Returns the running total deposited.
    pub async fn sales_proceeds(&mut self, m: &MerchantKeys, amount: u64) {
        let vault = RevenueKeys::of(m).settlement_vault;
        self.mint_usdc(&vault, amount).await;
        *self.settlement_deposits.entry(m.merchant).or_default() += amount;
    }

    /// The merchant's own USDC account (created on first use).
    pub async fn merchant_usdc_account(&mut self, m: &MerchantKeys) -> Pubkey {
        let usdc = self.usdc_mint;
        self.create_ata(&m.authority.pubkey(), &usdc, &spl_token::ID).await
    }

    pub async fn feed(&mut self, m: &MerchantKeys) -> RevenueFeed {
        self.account(&RevenueKeys::of(m).feed).await
    }

    pub async fn metrics(&mut self, m: &MerchantKeys) -> MerchantMetrics {
        self.account(&RevenueKeys::of(m).metrics).await
    }

    pub async fn settlement(&mut self, m: &MerchantKeys) -> Settlement {
        self.account(&RevenueKeys::of(m).settlement).await
    }

    pub async fn report(&mut self, m: &MerchantKeys, period: u32) -> PeriodReport {
        self.account(&report_pda(m, period)).await
    }

    /// An issued merchant with an open native feed whose period 0 starts now, and two more reporters (three in
    /// all: [`Env::reporter`] first).
    pub async fn merchant_with_feed(&mut self) -> (MerchantKeys, Vec<Keypair>) {
        let m = self.issued_merchant().await;
        let now = self.now;
        self.open_feed(&m, sample_feed_params(now)).await.expect("open_revenue_feed");
        let mut reporters = vec![self.reporter.insecure_clone()];
        reporters.extend(self.add_reporters(2).await);
        (m, reporters)
    }

    /// USDC conservation for `m`'s settlement: everything that arrived is in the settlement vault or the dividend
    /// vault, was withdrawn by the merchant, or left the dividend vault through the distributor (fees, reserve
    /// contribution, tips, payouts); and the ledger matches the vaults.
    pub async fn assert_usdc_conserved(&mut self, m: &MerchantKeys) {
        let r = RevenueKeys::of(m);
        let deposited = self.settlement_deposits.get(&m.merchant).copied().unwrap_or(0);
        let s = self.settlement(m).await;
        let settlement = self.balance(&r.settlement_vault).await;
        let dividend = self.balance(&r.dividend_vault).await;
        let distributed_out = match self.raw_account(&crate::dividends::DistKeys::of(m).distributor).await {
            Some(_) => {
                let d = self.distributor(m).await;
                d.total_protocol_fees as u128
                    + d.total_alar as u128
                    + d.total_tips as u128
                    + d.total_claimed as u128
            }
            None => 0,
        };
        assert_eq!(
            settlement as u128 + dividend as u128 + s.total_withdrawn as u128 + distributed_out,
            deposited as u128,
            "settlement + dividend vault + withdrawn + paid out of the dividend vault != deposited"
        );
        assert_eq!(
            dividend as u128 + distributed_out,
            s.total_share as u128,
            "dividend vault + paid out != share swept"
        );
        assert!(
            settlement >= s.available,
            "settlement vault holds less than the merchant's available balance"
        );
        assert_eq!(
            s.total_inflow as u128,
            s.total_share as u128 + s.available as u128 + s.total_withdrawn as u128,
            "ledger does not add up"
        );
        self.assert_pst_conserved(m).await;
    }
}
