//! The demo merchant: what the local chain seeds (`pst-localnet --demo`) so that a newcomer has a listed store, a
//! sold-out sale waiting for its close, a pool, a reserve, tranches and a staked holder to look at and crank.
//!
//! Each [`Step`] is a transaction's instructions and who signs it; the caller sends them in order (over RPC) and
//! funds the wallets first: the merchant needs 300,000 USDC for the pool's USDC side, the investor 500,000 USDC
//! for the whole public sale.
use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
use anchor_spl::associated_token::{
    get_associated_token_address_with_program_id as ata,
    spl_associated_token_account::instruction::create_associated_token_account_idempotent,
};
use pst_client::{Client, MerchantAddresses, TOKEN_2022_PROGRAM, TOKEN_PROGRAM};
use pst_mint::state::{ApprovalParams, FeedParams, FeedSource, MerchantProfile};

const USDC: u64 = 1_000_000;
const PST: u64 = 1_000_000;
const DAY: i64 = 86_400;

/// Who signs a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    Merchant,
    Underwriter,
    Investor,
}

/// One transaction of the demo.
#[derive(Debug, Clone)]
pub struct Step {
    pub what: &'static str,
    pub ixs: Vec<Instruction>,
    pub signer: Signer,
}

/// The demo store's application: 1,000,000 PST at 1.00 with a 10% revenue share of 1.0M a year (PE 10, inside
/// the reserve's band).
pub fn profile() -> MerchantProfile {
    MerchantProfile {
        name: "Acme Outdoor Gear".into(),
        symbol: "ACME".into(),
        token_uri: "https://pst.example/ACME.json".into(),
        evidence_hash: [7u8; 32],
        evidence_uri: "https://pst.example/evidence/ACME.zip".into(),
        trailing_revenue: 1_000_000 * USDC,
        margin_bps: 1_800,
        growth_bps: 2_500,
        // about 110 days of its 1.0M a year in stock, at cost
        inventory_value: 300_000 * USDC,
        history_months: 48,
    }
}

/// The demo's economics: 20% to the merchant (no cliff, a year's vesting), 30% seeding the pool, 50% sold in a
/// one-hour public sale at 1.00.
pub fn approval() -> ApprovalParams {
    ApprovalParams {
        revenue_share_bps: None,
        stake_bps: None,
        total_supply: 1_000_000 * PST,
        issue_price: USDC,
        merchant_bps: 2_000,
        lp_bps: 3_000,
        public_bps: 5_000,
        vesting_cliff_secs: 0,
        vesting_duration_secs: 365 * DAY,
        withdrawal_limit_per_period: 50_000 * USDC,
        sale_duration_secs: 3_600,
    }
}

/// The steps, from the application to a staked holder. `now` is the chain's time (the feed's first period
/// starts then; periods last a day, distributions stream over a day).
pub fn steps(
    client: &Client,
    merchant: &Pubkey,
    underwriter: &Pubkey,
    investor: &Pubkey,
    now: i64,
) -> Vec<Step> {
    let m = MerchantAddresses::new(merchant);
    let step = |what, ixs, signer| Step { what, ixs, signer };
    let feed = FeedParams {
        source: FeedSource::Native,
        min_responses: 2,
        max_staleness_slots: 1_000,
        max_variance_bps: 500,
        period_secs: DAY,
        first_period_start: now,
        shortfall_tolerance_bps: 500,
    };
    let merchant_usdc = ata(merchant, &client.usdc_mint, &TOKEN_PROGRAM);
    let investor_usdc = ata(investor, &client.usdc_mint, &TOKEN_PROGRAM);
    let investor_pst = ata(investor, &m.pst_mint, &TOKEN_2022_PROGRAM);
    let sale = 500_000 * PST;
    vec![
        step("apply_for_listing", vec![client.apply_for_listing(&m, profile())], Signer::Merchant),
        step(
            "approve_merchant",
            vec![client.approve_merchant(&m, underwriter, approval())],
            Signer::Underwriter,
        ),
        step("create_token", vec![client.create_token(&m)], Signer::Merchant),
        step("issue_supply", vec![client.issue_supply(&m)], Signer::Merchant),
        step("open_revenue_feed", vec![client.open_revenue_feed(&m, underwriter, feed)], Signer::Underwriter),
        step(
            "initialize_distributor",
            vec![client.initialize_distributor(&m, underwriter, DAY)],
            Signer::Underwriter,
        ),
        step(
            "initialize_pool",
            vec![client.initialize_pool(&m, &merchant_usdc, 300_000 * USDC)],
            Signer::Merchant,
        ),
        step("initialize_reserve", vec![client.initialize_reserve(&m, merchant)], Signer::Merchant),
        step("initialize_tranches", vec![client.initialize_tranches(&m, merchant)], Signer::Merchant),
        step(
            "buy_public",
            vec![
                create_associated_token_account_idempotent(
                    investor,
                    investor,
                    &m.pst_mint,
                    &TOKEN_2022_PROGRAM,
                ),
                client.buy_public(&m, investor, &investor_usdc, &investor_pst, sale, sale),
            ],
            Signer::Investor,
        ),
        step(
            "stake",
            vec![
                client.open_position(&m, investor, investor),
                client.deposit(&m, investor, &investor_pst, 100_000 * PST),
            ],
            Signer::Investor,
        ),
    ]
}
