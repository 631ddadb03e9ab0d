//! `pst_mint` in the fixture: merchants, investors, reporters, sample parameters and whole flows (listing,
//! issuance, sale, vesting, the revenue feed and settlement), with the conservation checks of both. Every
//! instruction comes from `pst_client`.
use crate::env::{Env, TxResult, USDC};
use ::pst_mint::{
    instruction as ixd,
    oracle::{SB_PULL_FEED_DISCRIMINATOR, SB_PULL_FEED_LEN, SB_SUBMISSION_LEN},
    state::{
        ApprovalParams, FeeParams, FeedParams, FeedSource, Merchant, MerchantMetrics, MerchantProfile,
        MerchantRules, PeriodReport, ProtocolConfig, RevenueFeed, Role, Settlement,
    },
};
use anchor_lang::prelude::Pubkey;
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use pst_client::{pst_ix, MerchantAddresses};
use pst_migrations::BootstrapParams;
use solana_account::Account;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// The protocol config's address.
pub fn config_pda() -> Pubkey {
    pst_client::pst_mint::CONFIG
}

/// A merchant's wallet (which signs for it) and every `pst_mint` address derived from it (`m.feed`, ...).
pub struct MerchantKeys {
    pub authority: Keypair,
    pub addresses: MerchantAddresses,
}

impl MerchantKeys {
    pub fn new(authority: Keypair) -> Self {
        let addresses = MerchantAddresses::new(&authority.pubkey());
        MerchantKeys { authority, addresses }
    }
}

impl std::ops::Deref for MerchantKeys {
    type Target = MerchantAddresses;
    fn deref(&self) -> &MerchantAddresses {
        &self.addresses
    }
}

/// An investor: wallet, USDC account, PST account.
pub struct Investor {
    pub wallet: Keypair,
    pub usdc: Pubkey,
    pub pst: Pubkey,
}

/// Fees used by the fixture: 2% protocol fee, 5% to the reserve, 0.1% keeper tip.
pub fn default_fees() -> FeeParams {
    FeeParams { protocol_fee_bps: 200, alar_contribution_bps: 500, keeper_tip_bps: 10 }
}

/// A plausible store application.
pub fn sample_profile(name: &str, symbol: &str) -> MerchantProfile {
    MerchantProfile {
        name: name.to_string(),
        symbol: symbol.to_string(),
        token_uri: format!("https://pst.example/{symbol}.json"),
        evidence_hash: [7u8; 32],
        evidence_uri: format!("https://pst.example/evidence/{symbol}.zip"),
        // 1,000,000 PST at 1.00 with a 10% share of 1.0M a year: PE 10, inside the reserve's band [8, 15]
        trailing_revenue: 1_000_000 * USDC,
        margin_bps: 1_800,
        growth_bps: 2_500,
        inventory_value: 250_000 * USDC,
        history_months: 36,
    }
}

/// `profile` with the trailing revenue at which `params` start at PE 10: market cap at the issue price / (10 ×
/// the revenue share). The sample economics (1,000,000 PST at 1.00, 10%) give the sample profile's 1.0M.
pub fn profile_at_pe_10(profile: MerchantProfile, params: &ApprovalParams) -> MerchantProfile {
    let cap =
        pst_math::sale_cost(params.total_supply, params.issue_price).expect("a representable cap") as u128;
    let share_bps =
        params.revenue_share_bps.unwrap_or(::pst_mint::constants::DEFAULT_REVENUE_SHARE_BPS) as u128;
    let trailing_revenue = (cap * 10_000 / share_bps / 10).max(1) as u64;
    MerchantProfile { trailing_revenue, ..profile }
}

/// Economics used by the fixture: the local chain's demo merchant's (`pst_migrations::demo::approval`: defaults
/// for share and stake, 1,000,000 PST at 1 USDC, 20% merchant / 30% LP / 50% public, a 1-year vesting, 50,000
/// USDC per-period withdrawal limit) with a 90-day cliff and a 14-day sale.
pub fn sample_approval() -> ApprovalParams {
    ApprovalParams {
        vesting_cliff_secs: 90 * 86_400,
        sale_duration_secs: 14 * 86_400,
        ..pst_migrations::demo::approval()
    }
}

impl Env {
    /// [`Env::bare`] plus the protocol config (admin, guardian, USDC, [`default_fees`]), one underwriter and
    /// one oracle reporter, set up by the deployment bootstrap (`pst-migrations`).
    pub async fn new() -> Env {
        let mut env = Env::bare().await;
        let params = env.bootstrap_params();
        let deployer = env.deployer.insecure_clone();
        let init = pst_migrations::initialize_config_ix(&env.payer().pubkey(), &deployer.pubkey(), &params);
        env.send_ok(&[init], &[&deployer]).await;
        let admin = env.admin.insecure_clone();
        for ix in pst_migrations::role_instructions(&params) {
            env.send_ok(&[ix], &[&admin]).await;
        }
        env
    }

    /// The bootstrap this fixture deploys with.
    pub fn bootstrap_params(&self) -> BootstrapParams {
        BootstrapParams {
            usdc_mint: self.usdc_mint,
            admin: self.admin.pubkey(),
            guardian: self.guardian.pubkey(),
            fees: default_fees(),
            merchant_rules: MerchantRules::DEFAULT,
            underwriters: vec![self.underwriter.pubkey()],
            oracle_reporters: vec![self.reporter.pubkey()],
        }
    }

    pub fn initialize_config_ix(
        &self,
        upgrade_authority: &Pubkey,
        fees: FeeParams,
    ) -> anchor_lang::solana_program::instruction::Instruction {
        let params = BootstrapParams { fees, ..self.bootstrap_params() };
        pst_migrations::initialize_config_ix(&self.payer().pubkey(), upgrade_authority, &params)
    }

    /// Pause `flags` as the guardian.
    pub async fn pause(&mut self, flags: u64) {
        let guardian = self.guardian.insecure_clone();
        self.send_ok(&[self.set_pause(&guardian.pubkey(), flags)], &[&guardian]).await;
    }

    pub async fn config(&mut self) -> ProtocolConfig {
        self.account(&config_pda()).await
    }

    pub async fn merchant(&mut self, m: &MerchantKeys) -> Merchant {
        self.account(&m.merchant).await
    }

    // ---- flows -------------------------------------------------------------------------------------------

    /// A new merchant wallet that has applied with `profile`.
    pub async fn applied_merchant(&mut self, profile: MerchantProfile) -> MerchantKeys {
        let m = MerchantKeys::new(self.wallet().await);
        let ix = self.apply_for_listing(&m, profile);
        self.send_ok(&[ix], &[&m.authority]).await;
        m
    }

    /// Applied (with a trailing revenue that puts the initial PE of `params` at 10, inside the reserve's band)
    /// and approved with `params`.
    pub async fn approved_merchant(&mut self, params: ApprovalParams) -> MerchantKeys {
        let profile = profile_at_pe_10(sample_profile("Acme Outdoor Gear", "ACME"), &params);
        let m = self.applied_merchant(profile).await;
        let uw = self.underwriter.insecure_clone();
        self.send_ok(&[self.approve_merchant(&m, &uw.pubkey(), params)], &[&uw]).await;
        m
    }

    pub async fn create_token(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.client.create_token(m);
        self.send(&[ix], &[&m.authority]).await
    }

    pub async fn issue_supply(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.client.issue_supply(m);
        self.send(&[ix], &[&m.authority]).await
    }

    /// Approved with `params`, token created, supply issued: the public sale is open.
    pub async fn issued_merchant_with(&mut self, params: ApprovalParams) -> MerchantKeys {
        let m = self.approved_merchant(params).await;
        self.create_token(&m).await.expect("create_token");
        self.issue_supply(&m).await.expect("issue_supply");
        m
    }

    /// The admin drops the eligibility revenue threshold (for tests of stores smaller than the default 50,000
    /// USDC a year, such as the smallest supply at PE 10).
    pub async fn admit_small_stores(&mut self) {
        let admin = self.admin.insecure_clone();
        let rules = MerchantRules { min_trailing_revenue: 0, ..MerchantRules::DEFAULT };
        let ix = self.set_merchant_rules(&admin.pubkey(), rules);
        self.send_ok(&[ix], &[&admin]).await;
    }

    /// [`Env::issued_merchant_with`] the [`sample_approval`].
    pub async fn issued_merchant(&mut self) -> MerchantKeys {
        self.issued_merchant_with(sample_approval()).await
    }

    /// A wallet with `usdc` USDC and an (empty) PST account for `m`'s token.
    pub async fn investor(&mut self, m: &MerchantKeys, usdc: u64) -> Investor {
        let (wallet, usdc_acc) = self.funded_wallet(usdc).await;
        let pst = self.create_ata(&wallet.pubkey(), &m.pst_mint, &spl_token_2022::ID).await;
        Investor { wallet, usdc: usdc_acc, pst }
    }

    /// `investor`'s accounts for a purchase in the public sale.
    pub fn buy_accounts(&self, m: &MerchantKeys, investor: &Investor) -> ::pst_mint::accounts::BuyPublic {
        self.buy_public_accounts(m, &investor.wallet.pubkey(), &investor.usdc, &investor.pst)
    }

    /// Buy `pst_amount` at the issue price with no cost cap.
    pub async fn buy(&mut self, m: &MerchantKeys, investor: &Investor, pst_amount: u64) -> TxResult {
        let ix =
            pst_ix(self.buy_accounts(m, investor), ixd::BuyPublic { pst_amount, max_usdc_cost: u64::MAX });
        self.send(&[ix], &[&investor.wallet]).await
    }

    pub async fn close_sale(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.client.close_sale(m);
        self.send(&[ix], &[]).await
    }

    /// The merchant claims vested PST into `destination`.
    pub async fn claim_vested(&mut self, m: &MerchantKeys, destination: &Pubkey) -> TxResult {
        let ix = self.client.claim_vested(m, destination);
        self.send(&[ix], &[&m.authority]).await
    }

    /// The merchant's own PST account (created on first use).
    pub async fn merchant_pst_account(&mut self, m: &MerchantKeys) -> Pubkey {
        self.create_ata(&m.authority.pubkey(), &m.pst_mint, &spl_token_2022::ID).await
    }

    /// PST conservation: the mint's supply equals the approved total supply less the unsold public PST burned
    /// at the close, and the three vaults, the dividend stake vault, the reserve's and the tranches' PST and every other PST
    /// account this fixture knows of hold exactly that supply; the program's accounting (unsold sale supply,
    /// unclaimed vesting, proceeds) equals the vaults.
    pub async fn assert_pst_conserved(&mut self, m: &MerchantKeys) {
        let merchant = self.merchant(m).await;
        let supply = self.supply(&m.pst_mint).await;
        let burned =
            if merchant.sale_closed() { merchant.sale.public_supply - merchant.sale.sold } else { 0 };
        assert_eq!(
            supply,
            merchant.economics.total_supply - burned,
            "mint supply differs from the approved supply less the burned unsold PST"
        );
        let mut held: u128 = 0;
        // the three vaults, the dividend stake vault once a distributor exists, the reserve's and the tranche
        // vault's PST accounts once they exist (0 before)
        let stake_vault = pst_client::DistributorAddresses::of(m).stake_vault;
        let reserve_vault = pst_client::ReserveAddresses::of(m).pst_vault;
        let tranche_vault = pst_client::TrancheAddresses::of(m).pst_vault;
        for v in m.pst_vaults().into_iter().chain([stake_vault, reserve_vault, tranche_vault]) {
            held += self.balance(&v).await as u128;
        }
        for a in self.token_accounts.clone() {
            if self.token_mint_of(&a).await == Some(m.pst_mint) {
                held += self.balance(&a).await as u128;
            }
        }
        assert_eq!(held, supply as u128, "PST held by the vaults and known accounts differs from the supply");
        // and the program's own accounting matches the vaults
        let sale_left = merchant.sale.public_supply - merchant.sale.sold;
        if merchant.status == ::pst_mint::state::MerchantStatus::Sale {
            assert_eq!(self.balance(&m.sale_vault).await, sale_left, "sale vault != unsold public supply");
        }
        assert_eq!(
            self.balance(&m.vesting_vault).await,
            merchant.vesting.total - merchant.vesting.claimed,
            "vesting vault != unclaimed vesting"
        );
        let unreleased = if merchant.proceeds_released { 0 } else { merchant.sale.proceeds };
        assert_eq!(self.balance(&m.treasury).await, unreleased, "treasury != unreleased sale proceeds");
    }
}

// ---- revenue and settlement ---------------------------------------------------------------------------

pub const DAY: i64 = 86_400;
/// The fixture's reporting period: 30 days.
pub const PERIOD: i64 = 30 * DAY;

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

/// The closing inventory `submit` reports beside `gross`: a period's revenue in stock (30 days of cover on the
/// fixture's 30-day periods, above the default 14-day floor), and 1 USDC when nothing was sold (unlimited cover).
pub fn default_inventory(gross: u64) -> u64 {
    gross.max(USDC)
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
    /// The underwriter opens `m`'s revenue feed with `params`.
    pub async fn open_feed(&mut self, m: &MerchantKeys, params: FeedParams) -> TxResult {
        let uw = self.underwriter.insecure_clone();
        let ix = self.open_revenue_feed(m, &uw.pubkey(), params);
        self.send(&[ix], &[&uw]).await
    }

    /// `n` more oracle reporters (besides [`Env::reporter`]).
    pub async fn add_reporters(&mut self, n: usize) -> Vec<Keypair> {
        let admin = self.admin.insecure_clone();
        let mut out = Vec::new();
        for _ in 0..n {
            let r = self.wallet().await;
            self.send_ok(
                &[self.set_role(&admin.pubkey(), Role::OracleReporter, r.pubkey(), true)],
                &[&admin],
            )
            .await;
            out.push(r);
        }
        out
    }

    pub async fn submit(
        &mut self,
        m: &MerchantKeys,
        reporter: &Keypair,
        period: u32,
        gross: u64,
        net: i64,
    ) -> TxResult {
        self.submit_with_inventory(m, reporter, period, gross, net, default_inventory(gross)).await
    }

    /// A reporter submits `period`'s values with this closing inventory.
    pub async fn submit_with_inventory(
        &mut self,
        m: &MerchantKeys,
        reporter: &Keypair,
        period: u32,
        gross: u64,
        net: i64,
        inventory: u64,
    ) -> TxResult {
        let ix = self.submit_report(m, &reporter.pubkey(), period, gross, net, inventory);
        self.send(&[ix], &[reporter]).await
    }

    /// A keeper accepts `period` of a native feed.
    pub async fn accept(&mut self, m: &MerchantKeys, period: u32) -> TxResult {
        let ix = self.accept_period(m, period);
        self.send(&[ix], &[]).await
    }

    /// A keeper accepts `period` of a Switchboard feed from these three feed accounts (gross, net, inventory).
    pub async fn accept_switchboard(
        &mut self,
        m: &MerchantKeys,
        period: u32,
        feeds: [Pubkey; 3],
    ) -> TxResult {
        let ix = self.accept_period_switchboard(m, period, feeds);
        self.send(&[ix], &[]).await
    }

    /// The period in progress at the bank's clock.
    pub async fn period_now(&mut self, m: &MerchantKeys) -> u32 {
        let now = self.now;
        self.feed(m).await.period_at(now)
    }

    /// A keeper sweeps, credited to the period in progress (the fee payer pays a new report account).
    pub async fn sweep(&mut self, m: &MerchantKeys) -> TxResult {
        let period = self.period_now(m).await;
        let ix = self.client.sweep(m, period, &self.payer().pubkey());
        self.send(&[ix], &[]).await
    }

    pub async fn withdraw(&mut self, m: &MerchantKeys, destination: &Pubkey, amount: u64) -> TxResult {
        let ix = self.withdraw_settlement(m, destination, amount);
        self.send(&[ix], &[&m.authority]).await
    }

    /// Customers' payments for the merchant's sales arriving in the settlement vault (the fixture mints the
    /// USDC, as the payment processor would transfer it). Returns the running total deposited.
    pub async fn sales_proceeds(&mut self, m: &MerchantKeys, amount: u64) {
        let vault = m.settlement_vault;
        self.mint_usdc(&vault, amount).await;
        *self.settlement_deposits.entry(m.merchant).or_default() += amount;
    }

    /// The merchant's own USDC account (created on first use).
    pub async fn merchant_usdc_account(&mut self, m: &MerchantKeys) -> Pubkey {
        let usdc = self.usdc_mint;
        self.create_ata(&m.authority.pubkey(), &usdc, &spl_token::ID).await
    }

    pub async fn feed(&mut self, m: &MerchantKeys) -> RevenueFeed {
        self.account(&m.feed).await
    }

    pub async fn metrics(&mut self, m: &MerchantKeys) -> MerchantMetrics {
        self.account(&m.metrics).await
    }

    pub async fn settlement(&mut self, m: &MerchantKeys) -> Settlement {
        self.account(&m.settlement).await
    }

    pub async fn report(&mut self, m: &MerchantKeys, period: u32) -> PeriodReport {
        self.account(&m.report(period)).await
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

    /// USDC conservation of `m`'s settlement: everything that arrived is in the settlement vault or the dividend
    /// vault, was withdrawn by the merchant, or left the dividend vault through the distributor (fees, reserve
    /// contribution, tips, payouts); and the ledger matches the vaults. Needs an open revenue feed.
    pub async fn assert_usdc_conserved(&mut self, m: &MerchantKeys) {
        let r = m;
        let deposited = self.settlement_deposits.get(&m.merchant).copied().unwrap_or(0);
        // USDC sent straight to the dividend vault (a donation, distributed like revenue share), and what the
        // reserve paid in to cover shortfalls
        let donated = self.dividend_donations.get(&m.merchant).copied().unwrap_or(0) as u128
            + self.covered_by_reserve(m).await as u128;
        let s = self.settlement(m).await;
        let settlement = self.balance(&r.settlement_vault).await;
        let dividend = self.balance(&r.dividend_vault).await;
        let distributed_out =
            match self.raw_account(&pst_client::DistributorAddresses::of(m).distributor).await {
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
            deposited as u128 + donated,
            "settlement + dividend vault + withdrawn + paid out of the dividend vault != deposited"
        );
        assert_eq!(
            dividend as u128 + distributed_out,
            s.total_share as u128 + donated,
            "dividend vault + paid out != share swept + donations"
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
    }
}
