//! Seeds, bounds, defaults and pause bits. Every PDA in the program is derived from a seed constant here.
use anchor_lang::prelude::*;

// ---- PDA seeds -------------------------------------------------------------------------------------------
/// `["config"]`: the protocol config (one per deployment).
#[constant]
pub const CONFIG_SEED: &[u8] = b"config";
/// The config's address, `["config"]` under this program: a constant, so that every instruction checks it by
/// comparing keys instead of re-deriving the PDA (about 1,500 compute units each time). A test checks it against
/// the derivation.
pub const CONFIG_ADDRESS: Pubkey = pubkey!("BgjH7qgrESgdeh84U763D2D3Lj7heFLAsWVVDCHCD9sh");
/// `["merchant", merchant_authority]`: one listing per merchant wallet.
#[constant]
pub const MERCHANT_SEED: &[u8] = b"merchant";
/// `["pst_mint", merchant]`: the merchant's PST mint (Token-2022, with on-mint metadata).
#[constant]
pub const PST_MINT_SEED: &[u8] = b"pst_mint";
/// `["vesting_vault", merchant]`: the merchant-reserved PST, released by the vesting schedule.
#[constant]
pub const VESTING_VAULT_SEED: &[u8] = b"vesting_vault";
/// `["lp_vault", merchant]`: the liquidity-pool allocation. Its token authority is `amm_pool`'s PDA
/// `["pool", merchant]`: from issuance on, only the merchant's pool can move it, and it becomes the pool's PST
/// reserve vault when the pool opens.
#[constant]
pub const LP_VAULT_SEED: &[u8] = b"lp_vault";
/// `["sale_vault", merchant]`: the public allocation, sold at the issue price.
#[constant]
pub const SALE_VAULT_SEED: &[u8] = b"sale_vault";
/// `["treasury", merchant]`: the merchant's USDC treasury, where public-sale proceeds land.
#[constant]
pub const TREASURY_SEED: &[u8] = b"treasury";

/// `["feed", merchant]`: the merchant's revenue feed (oracle rules, source, next period to accept).
#[constant]
pub const FEED_SEED: &[u8] = b"feed";
/// `["report", merchant, period (u32 LE)]`: the reporters' submissions for one period and its accepted value.
#[constant]
pub const REPORT_SEED: &[u8] = b"report";
/// `["metrics", merchant]`: on-chain market intelligence (AMI).
#[constant]
pub const METRICS_SEED: &[u8] = b"metrics";
/// `["settlement", merchant]`: the settlement ledger (what the merchant may withdraw, what was swept).
#[constant]
pub const SETTLEMENT_SEED: &[u8] = b"settlement";
/// `["settlement_vault", merchant]`: USDC account where the merchant's sales proceeds arrive (authority: the
/// merchant PDA).
#[constant]
pub const SETTLEMENT_VAULT_SEED: &[u8] = b"settlement_vault";
/// `["dividend_vault", merchant]`: USDC account receiving the revenue share; its token authority is the
/// `revenue_distributor` PDA `["dividend_authority", merchant]`.
#[constant]
pub const DIVIDEND_VAULT_SEED: &[u8] = b"dividend_vault";
/// Seed of the `revenue_distributor` PDA that owns each merchant's dividend vault.
#[constant]
pub const DIVIDEND_AUTHORITY_SEED: &[u8] = b"dividend_authority";
/// The `revenue_distributor` program (owner of the dividend vaults' authority PDA).
pub const REVENUE_DISTRIBUTOR_ID: Pubkey = pubkey!("9qaNBygLjDyk3zks46gw2H88U3RtuwUEWo384dit1VS9");
/// Seed of the `amm_pool` PDA `["pool", merchant]` (the merchant's pool, token authority of the LP vault).
#[constant]
pub const POOL_SEED: &[u8] = b"pool";
/// The `amm_pool` program (owner of the pool PDA that holds the LP allocation).
pub const AMM_POOL_ID: Pubkey = pubkey!("9NJqMa1uzjF8uYPghxd669xdDgikJykjMtZFWNisF5Vx");
/// Switchboard On-Demand program ids (mainnet, devnet): a Switchboard feed must be owned by one of them.
pub const SWITCHBOARD_ON_DEMAND_IDS: [Pubkey; 2] = [
    pubkey!("SBondMDrcV3K4kxZR1HNVT7osZxAHVHgYXL5Ze1oMUv"),
    pubkey!("Aio4gaXjXzJNVLtzwtNVmSqGKpANtXhybbkhtAC94ji2"),
];

// ---- Token ----------------------------------------------------------------------------------------------
/// PST decimals (like USDC).
#[constant]
pub const PST_DECIMALS: u8 = 6;

// ---- Defaults from the product brief --------------------------------------------------------------------
/// Revenue share when the underwriter does not set one: 10% of gross revenue.
#[constant]
pub const DEFAULT_REVENUE_SHARE_BPS: u16 = 1_000;
/// Stake locked in the reserve when the underwriter does not set one: 5% of market cap.
#[constant]
pub const DEFAULT_STAKE_BPS: u16 = 500;

// ---- Bounds ---------------------------------------------------------------------------------------------
pub const BPS_DENOMINATOR: u16 = 10_000;
/// Revenue share: 1% to 50% of gross revenue.
pub const MIN_REVENUE_SHARE_BPS: u16 = 100;
pub const MAX_REVENUE_SHARE_BPS: u16 = 5_000;
/// Reserve stake: 1% to 20% of market cap.
pub const MIN_STAKE_BPS: u16 = 100;
pub const MAX_STAKE_BPS: u16 = 2_000;
/// Total supply: 1,000 to 1,000,000,000 whole PST (in base units).
pub const MIN_TOTAL_SUPPLY: u64 = 1_000 * 1_000_000;
pub const MAX_TOTAL_SUPPLY: u64 = 1_000_000_000 * 1_000_000;
/// Issue price, USDC base units per whole PST: 0.0001 to 1,000,000 USDC.
pub const MIN_ISSUE_PRICE: u64 = 100;
pub const MAX_ISSUE_PRICE: u64 = 1_000_000 * 1_000_000;
/// The public and LP allocations must each be at least 1% of supply; the merchant keeps at most 80%.
pub const MIN_PUBLIC_BPS: u16 = 100;
pub const MIN_LP_BPS: u16 = 100;
pub const MAX_MERCHANT_BPS: u16 = 8_000;
/// Vesting: the whole schedule lasts 1 day to 10 years; the cliff is within it.
pub const MIN_VESTING_DURATION: i64 = 86_400;
pub const MAX_VESTING_DURATION: i64 = 10 * 365 * 86_400;
/// Public sale window: 1 hour to 90 days.
pub const MIN_SALE_DURATION: i64 = 3_600;
pub const MAX_SALE_DURATION: i64 = 90 * 86_400;
/// Profile fields.
pub const MAX_NAME_LEN: usize = 32;
pub const MAX_SYMBOL_LEN: usize = 10;
pub const MAX_URI_LEN: usize = 200;
pub const MAX_MARGIN_BPS: u16 = 10_000;
pub const MIN_GROWTH_BPS: i32 = -10_000;
pub const MAX_GROWTH_BPS: i32 = 100_000;
/// Revenue feed rules.
pub const MAX_STALENESS_SLOTS: u64 = 7 * 216_000; // about a week of slots
pub const MAX_VARIANCE_BPS: u16 = 5_000;
pub const MIN_PERIOD_SECS: i64 = 86_400;
pub const MAX_PERIOD_SECS: i64 = 92 * 86_400;
pub const MAX_SHORTFALL_TOLERANCE_BPS: u16 = 5_000;
/// Recent periods whose swept share the settlement ledger remembers.
pub const SHARE_BUCKETS: usize = 4;
/// Role set sizes.
pub const MAX_UNDERWRITERS: usize = 8;
pub const MAX_ORACLE_REPORTERS: usize = 16;
/// Fee bounds (used by `revenue_distributor`): protocol fee ≤ 10%, reserve contribution ≤ 20%,
/// together ≤ 25%; keeper tip ≤ 1%.
pub const MAX_PROTOCOL_FEE_BPS: u16 = 1_000;
pub const MAX_ALAR_CONTRIBUTION_BPS: u16 = 2_000;
pub const MAX_TOTAL_CARVE_OUT_BPS: u16 = 2_500;
pub const MAX_KEEPER_TIP_BPS: u16 = 100;

// ---- Pause bits (ProtocolConfig::paused) ---------------------------------------------------------------
/// Applications, approvals and rejections.
#[constant]
pub const PAUSE_LISTING: u32 = 1 << 0;
/// Token creation and supply issuance.
#[constant]
pub const PAUSE_ISSUANCE: u32 = 1 << 1;
/// Public-sale purchases.
#[constant]
pub const PAUSE_SALE: u32 = 1 << 2;
/// Vesting claims.
#[constant]
pub const PAUSE_VESTING: u32 = 1 << 3;
/// Oracle submissions and period acceptance.
#[constant]
pub const PAUSE_ORACLE: u32 = 1 << 4;
/// Settlement sweeps and merchant withdrawals.
#[constant]
pub const PAUSE_SETTLEMENT: u32 = 1 << 5;
/// `revenue_distributor`: staking, distributions, claims and payouts (one guardian pauses the whole protocol).
#[constant]
pub const PAUSE_DIVIDENDS: u32 = 1 << 6;
/// Every bit the protocol knows; others are rejected.
#[constant]
pub const PAUSE_ALL: u32 = PAUSE_LISTING
    | PAUSE_ISSUANCE
    | PAUSE_SALE
    | PAUSE_VESTING
    | PAUSE_ORACLE
    | PAUSE_SETTLEMENT
    | PAUSE_DIVIDENDS;
