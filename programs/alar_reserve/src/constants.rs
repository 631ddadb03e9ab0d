//! Seeds (defined in `pst_ids`, listed here for the IDL), parameter bounds and defaults, and this program's pause
//! flags.
use anchor_lang::prelude::*;
use pst_ids::{alar_reserve as ids, pause::flag};

/// `["reserve", merchant]`: the merchant's reserve (its accounting and parameters).
#[constant]
pub const RESERVE_SEED: &[u8] = ids::RESERVE_SEED;
/// `["reserve_authority", merchant]`: token authority of the reserve's two vaults and owner of its custody
/// position in `revenue_distributor`.
#[constant]
pub const RESERVE_AUTHORITY_SEED: &[u8] = ids::RESERVE_AUTHORITY_SEED;
/// `["reserve_pst", merchant]`: the reserve's PST vault (Token-2022).
#[constant]
pub const RESERVE_PST_VAULT_SEED: &[u8] = ids::RESERVE_PST_VAULT_SEED;
/// `["cover", reserve, period (u32 LE)]`: what the reserve paid toward one short period.
#[constant]
pub const COVER_SEED: &[u8] = ids::COVER_SEED;
/// `["withdrawal", reserve, id (u64 LE)]`: a timelocked treasury withdrawal.
#[constant]
pub const WITHDRAWAL_SEED: &[u8] = ids::WITHDRAWAL_SEED;

/// PE band edges, bps of PE (8.0 = 80 000): defaults from the product (buy below 8, sell above 15); an edge may be
/// set between PE 1 and PE 100, and the band must be at least PE 1 wide.
#[constant]
pub const DEFAULT_PE_LOW_BPS: u32 = ids::DEFAULT_PE_LOW_BPS;
#[constant]
pub const DEFAULT_PE_HIGH_BPS: u32 = ids::DEFAULT_PE_HIGH_BPS;
pub const MIN_PE_BPS: u32 = 10_000;
pub const MAX_PE_BPS: u32 = 1_000_000;
pub const MIN_BAND_WIDTH_BPS: u32 = 10_000;
/// Most of its capacity one crank may trade (10% by default; 1% to 50%).
#[constant]
pub const DEFAULT_SLICE_BPS: u16 = 1_000;
pub const MIN_SLICE_BPS: u16 = 100;
pub const MAX_SLICE_BPS: u16 = 5_000;
/// Least time between two stabilising trades (1 hour by default; 10 minutes to 7 days).
#[constant]
pub const DEFAULT_COOLDOWN_SECS: i64 = 3_600;
pub const MIN_COOLDOWN_SECS: i64 = 600;
pub const MAX_COOLDOWN_SECS: i64 = 7 * 86_400;
/// The TWAP window the band reads (1 hour by default; `amm_pool`'s bounds, at most 1 day).
#[constant]
pub const DEFAULT_TWAP_WINDOW_SECS: i64 = 3_600;
pub const MIN_TWAP_WINDOW_SECS: i64 = amm_pool::constants::MIN_TWAP_WINDOW_SECS;
pub const MAX_TWAP_WINDOW_SECS: i64 = 86_400;
/// Share of the reserve's own USDC above the floor that one `cover_senior` may pay (25% by default; ≤ 50%).
#[constant]
pub const DEFAULT_SENIOR_CAP_BPS: u16 = 2_500;
pub const MAX_SENIOR_CAP_BPS: u16 = 5_000;
/// The senior backstop pays at most `senior_cap_bps` of the reserve's own USDC above the floor per window of this
/// length (7 days, the default tranche epoch), however many draws: a caller cannot drain it by repetition.
#[constant]
pub const SENIOR_WINDOW_SECS: i64 = 7 * 86_400;
/// Delay before a proposed treasury withdrawal can execute (48 hours by default; 24 hours to 30 days).
#[constant]
pub const DEFAULT_TIMELOCK_SECS: i64 = 48 * 3_600;
pub const MIN_TIMELOCK_SECS: i64 = 24 * 3_600;
pub const MAX_TIMELOCK_SECS: i64 = 30 * 86_400;
/// How far beyond an edge (bps of the edge's market cap) the TWAP and the spot price must both be before the band
/// trades: a price resting on the edge (where the last trade left it, within rounding) is inside, so no crank
/// trades dust there.
#[constant]
pub const MIN_EDGE_GAP_BPS: u16 = 10;
/// Accepted periods of history the band needs before it trades.
#[constant]
pub const MIN_HISTORY_PERIODS: u8 = 3;
/// The metrics are stale when no period was accepted within this many period lengths.
#[constant]
pub const MAX_METRICS_AGE_PERIODS: i64 = 2;

// This program's lane of the protocol config's pause word (`pst_ids::pause`), set by `pst_mint::set_pause`. No
// pause stops `release_stake` (the merchant's exit) or `harvest`.
const LANE: u32 = ids::PAUSE_LANE;
/// `deposit_stake`.
#[constant]
pub const PAUSE_STAKE: u64 = flag(LANE, 0);
/// `cover_shortfall`.
#[constant]
pub const PAUSE_COVER: u64 = flag(LANE, 1);
/// `stabilize`.
#[constant]
pub const PAUSE_STABILIZE: u64 = flag(LANE, 2);
/// `cover_senior`.
#[constant]
pub const PAUSE_BACKSTOP: u64 = flag(LANE, 3);
/// `execute_withdrawal`.
#[constant]
pub const PAUSE_TREASURY: u64 = flag(LANE, 4);
