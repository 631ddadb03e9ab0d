//! Seeds, bounds, defaults and pause bits. Every PDA in the program is derived from a seed constant here.
use anchor_lang::prelude::*;
use pst_ids::pause::{flag, lane_mask};

// ---- PDA seeds (defined in `pst_ids`, listed here for the IDL) -------------------------------------------
use pst_ids::pst_mint as ids;
/// `["config"]`: the protocol config (one per deployment).
#[constant]
pub const CONFIG_SEED: &[u8] = ids::CONFIG_SEED;
/// The config's address: a constant, so that every instruction checks it by comparing keys instead of
/// re-deriving the PDA (about 1,500 compute units each time). `pst_ids` tests it against the derivation.
pub const CONFIG_ADDRESS: Pubkey = ids::CONFIG_ADDRESS;
/// `["merchant", merchant_authority]`: one listing per merchant wallet.
#[constant]
pub const MERCHANT_SEED: &[u8] = ids::MERCHANT_SEED;
/// `["pst_mint", merchant]`: the merchant's PST mint (Token-2022, with on-mint metadata).
#[constant]
pub const PST_MINT_SEED: &[u8] = ids::PST_MINT_SEED;
/// `["vesting_vault", merchant]`: the merchant-reserved PST, released by the vesting schedule.
#[constant]
pub const VESTING_VAULT_SEED: &[u8] = ids::VESTING_VAULT_SEED;
/// `["lp_vault", merchant]`: the liquidity-pool allocation. Its token authority is `amm_pool`'s PDA
/// `["pool", merchant]`: from issuance on, only the merchant's pool can move it, and it becomes the pool's PST
/// reserve vault when the pool opens.
#[constant]
pub const LP_VAULT_SEED: &[u8] = ids::LP_VAULT_SEED;
/// `["sale_vault", merchant]`: the public allocation, sold at the issue price.
#[constant]
pub const SALE_VAULT_SEED: &[u8] = ids::SALE_VAULT_SEED;
/// `["treasury", merchant]`: the merchant's USDC treasury, where public-sale proceeds land.
#[constant]
pub const TREASURY_SEED: &[u8] = ids::TREASURY_SEED;

/// `["feed", merchant]`: the merchant's revenue feed (oracle rules, source, next period to accept).
#[constant]
pub const FEED_SEED: &[u8] = ids::FEED_SEED;
/// `["report", merchant, period (u32 LE)]`: the reporters' submissions for one period and its accepted value.
#[constant]
pub const REPORT_SEED: &[u8] = ids::REPORT_SEED;
/// `["metrics", merchant]`: on-chain market intelligence (AMI).
#[constant]
pub const METRICS_SEED: &[u8] = ids::METRICS_SEED;
/// `["settlement", merchant]`: the settlement ledger (what the merchant may withdraw, what was swept).
#[constant]
pub const SETTLEMENT_SEED: &[u8] = ids::SETTLEMENT_SEED;
/// `["settlement_vault", merchant]`: USDC account where the merchant's sales proceeds arrive (authority: the
/// merchant PDA).
#[constant]
pub const SETTLEMENT_VAULT_SEED: &[u8] = ids::SETTLEMENT_VAULT_SEED;
/// `["dividend_vault", merchant]`: USDC account receiving the revenue share; its token authority is the
/// `revenue_distributor` PDA `["dividend_authority", merchant]`.
#[constant]
pub const DIVIDEND_VAULT_SEED: &[u8] = ids::DIVIDEND_VAULT_SEED;

// ---- PDAs of other programs that pst_mint reads or pays into (it calls none of them) -----------------------
/// `alar_reserve`'s id: `release_proceeds` and `withdraw_settlement` read the merchant's reserve head.
pub const ALAR_RESERVE_ID: Pubkey = pst_ids::alar_reserve::ID;
/// `revenue_distributor`'s id: the reserve's USDC vault is its PDA.
pub const REVENUE_DISTRIBUTOR_ID: Pubkey = pst_ids::revenue_distributor::ID;
/// `["reserve", merchant]` of `alar_reserve`.
pub const RESERVE_SEED: &[u8] = pst_ids::alar_reserve::RESERVE_SEED;
/// `["alar_contribution", merchant]` of `revenue_distributor`: the reserve's USDC vault, where
/// `release_proceeds` sends the stake.
pub const ALAR_VAULT_SEED: &[u8] = pst_ids::revenue_distributor::ALAR_VAULT_SEED;
/// The PE band edges an approval must respect (`alar_reserve` starts each reserve with them), bps.
pub const DEFAULT_PE_LOW_BPS: u32 = pst_ids::alar_reserve::DEFAULT_PE_LOW_BPS;
pub const DEFAULT_PE_HIGH_BPS: u32 = pst_ids::alar_reserve::DEFAULT_PE_HIGH_BPS;
/// Switchboard On-Demand program ids (mainnet, devnet): a Switchboard feed must be owned by one of them.
pub const SWITCHBOARD_ON_DEMAND_IDS: [Pubkey; 2] = [
    pubkey!("SBondMDrcV3K4kxZR1HNVT7osZxAHVHgYXL5Ze1oMUv"),
    pubkey!("Aio4gaXjXzJNVLtzwtNVmSqGKpANtXhybbkhtAC94ji2"),
];

// ---- Token ----------------------------------------------------------------------------------------------
/// PST decimals (like USDC).
#[constant]
pub const PST_DECIMALS: u8 = pst_common::PST_DECIMALS;

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
#[constant]
pub const MIN_REVENUE_SHARE_BPS: u16 = 100;
#[constant]
pub const MAX_REVENUE_SHARE_BPS: u16 = 5_000;
/// Reserve stake: 1% to 20% of market cap.
#[constant]
pub const MIN_STAKE_BPS: u16 = 100;
#[constant]
pub const MAX_STAKE_BPS: u16 = 2_000;
/// Total supply: 1,000 to 1,000,000,000 whole PST (in base units).
#[constant]
pub const MIN_TOTAL_SUPPLY: u64 = 1_000 * 1_000_000;
#[constant]
pub const MAX_TOTAL_SUPPLY: u64 = 1_000_000_000_000_000u64; // 1e9 whole PST
/// Issue price, USDC base units per whole PST: 0.0001 to 1,000,000 USDC.
#[constant]
pub const MIN_ISSUE_PRICE: u64 = 100;
#[constant]
pub const MAX_ISSUE_PRICE: u64 = 1_000_000_000_000u64; // 1e6 USDC
/// The public and LP allocations must each be at least 1% of supply; the merchant keeps at most 80%.
#[constant]
pub const MIN_PUBLIC_BPS: u16 = 100;
#[constant]
pub const MIN_LP_BPS: u16 = 100;
#[constant]
pub const MAX_MERCHANT_BPS: u16 = 8_000;
/// Vesting: the whole schedule lasts 1 day to 10 years; the cliff is within it.
#[constant]
pub const MIN_VESTING_DURATION: i64 = 86_400;
#[constant]
pub const MAX_VESTING_DURATION: i64 = 10 * 365 * 86_400;
/// Public sale window: 1 hour to 90 days.
#[constant]
pub const MIN_SALE_DURATION: i64 = 3_600;
#[constant]
pub const MAX_SALE_DURATION: i64 = 90 * 86_400;
/// Merchant rules (`MerchantRules`): the defaults a deployment starts with and the bounds the admin may set.
/// Eligibility: at least 50,000 USDC of trailing-12-month revenue and 12 months of operating history.
#[constant]
pub const DEFAULT_MIN_TRAILING_REVENUE: u64 = 50_000_000_000u64; // 50,000 USDC
#[constant]
pub const DEFAULT_MIN_HISTORY_MONTHS: u16 = 12;
/// Below 14 days of inventory a merchant goes on Watch.
#[constant]
pub const DEFAULT_INVENTORY_FLOOR_DAYS: u16 = 14;
/// The admin may require at most 100,000,000 USDC of trailing revenue, 10 years of history, a 365-day floor.
#[constant]
pub const MAX_MIN_TRAILING_REVENUE: u64 = 100_000_000_000_000u64; // 100,000,000 USDC
#[constant]
pub const MAX_MIN_HISTORY_MONTHS: u16 = 120;
#[constant]
pub const MAX_INVENTORY_FLOOR_DAYS: u16 = 365;
/// An application's months of history: at most 100 years.
#[constant]
pub const MAX_HISTORY_MONTHS: u16 = 1_200;
/// Profile fields.
pub const MAX_NAME_LEN: usize = 32;
pub const MAX_SYMBOL_LEN: usize = 10;
pub const MAX_URI_LEN: usize = 200;
#[constant]
pub const MAX_MARGIN_BPS: u16 = 10_000;
#[constant]
pub const MIN_GROWTH_BPS: i32 = -10_000;
#[constant]
pub const MAX_GROWTH_BPS: i32 = 100_000;
/// Revenue feed rules.
#[constant]
pub const MAX_STALENESS_SLOTS: u64 = 7 * 216_000; // about a week of slots
#[constant]
pub const MAX_VARIANCE_BPS: u16 = 5_000;
#[constant]
pub const MIN_PERIOD_SECS: i64 = 86_400;
#[constant]
pub const MAX_PERIOD_SECS: i64 = 92 * 86_400;
#[constant]
pub const MAX_SHORTFALL_TOLERANCE_BPS: u16 = 5_000;
/// A feed's first period starts at most a year after its opening (a start far in the future could never be
/// fixed: a feed cannot be reopened) and at most one period before it (the first period may be under way, but a
/// backdated calendar would let reports for periods that closed before the feed existed arrive at once).
pub const MAX_FIRST_PERIOD_OFFSET_SECS: i64 = 365 * 86_400;
/// Role set sizes.
pub const MAX_UNDERWRITERS: usize = 8;
pub const MAX_ORACLE_REPORTERS: usize = 16;
// ---- The admin's exit freeze ------------------------------------------------------------------------------
/// Longest emergency freeze of exits: 3 days.
#[constant]
pub const MAX_EXIT_FREEZE_SECS: i64 = 3 * 86_400;
/// Exits stay open at least this long after a freeze ends before the next may start: 1 day.
#[constant]
pub const EXIT_FREEZE_COOLDOWN_SECS: i64 = 86_400;

// ---- Pause flags: pst_mint's lane of the config's pause word (see `pst_ids::pause`) ---------------------
/// Applications, approvals and rejections.
#[constant]
pub const PAUSE_LISTING: u64 = flag(ids::PAUSE_LANE, 0);
/// Token creation and supply issuance.
#[constant]
pub const PAUSE_ISSUANCE: u64 = flag(ids::PAUSE_LANE, 1);
/// Public-sale purchases.
#[constant]
pub const PAUSE_SALE: u64 = flag(ids::PAUSE_LANE, 2);
/// Vesting claims.
#[constant]
pub const PAUSE_VESTING: u64 = flag(ids::PAUSE_LANE, 3);
/// Oracle submissions and period acceptance.
#[constant]
pub const PAUSE_ORACLE: u64 = flag(ids::PAUSE_LANE, 4);
/// Settlement sweeps and merchant withdrawals.
#[constant]
pub const PAUSE_SETTLEMENT: u64 = flag(ids::PAUSE_LANE, 5);
/// Every flag `pst_mint` defines; other bits of its lane are refused. The other lanes belong to the programs
/// they govern (each defines its flags in its own `constants`), and `set_pause` accepts any of their bits.
#[constant]
pub const PAUSE_ALL: u64 =
    PAUSE_LISTING | PAUSE_ISSUANCE | PAUSE_SALE | PAUSE_VESTING | PAUSE_ORACLE | PAUSE_SETTLEMENT;
/// The bits of the pause word `pst_mint` owns.
pub const PAUSE_LANE_MASK: u64 = lane_mask(ids::PAUSE_LANE);
