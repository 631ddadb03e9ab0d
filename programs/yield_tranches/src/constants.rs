//! Seeds (defined in `pst_ids`, listed here for the IDL), parameter bounds and defaults, and this program's pause
//! flags.
use anchor_lang::prelude::*;
use pst_ids::{pause::flag, yield_tranches as ids};

/// `["tranches", merchant]`: the merchant's tranche vault; authority of its token accounts and share mints, owner
/// of its custody position, signer of `alar_reserve::cover_senior`.
#[constant]
pub const TRANCHES_SEED: &[u8] = ids::TRANCHES_SEED;
/// `["tranche_usdc", merchant]`: the vault's USDC.
#[constant]
pub const TRANCHE_USDC_SEED: &[u8] = ids::TRANCHE_USDC_SEED;
/// `["tranche_pst", merchant]`: the vault's PST (Token-2022), earning as a custody position.
#[constant]
pub const TRANCHE_PST_SEED: &[u8] = ids::TRANCHE_PST_SEED;
/// `["share_mint", merchant, [tranche]]`: a tranche's share mint (0 senior, 1 junior).
#[constant]
pub const SHARE_MINT_SEED: &[u8] = ids::SHARE_MINT_SEED;
/// `["share_escrow", merchant, [tranche]]`: a tranche's escrowed shares.
#[constant]
pub const SHARE_ESCROW_SEED: &[u8] = ids::SHARE_ESCROW_SEED;
/// `["request", tranches, owner, [tranche]]`: an investor's request in one tranche.
#[constant]
pub const REQUEST_SEED: &[u8] = ids::REQUEST_SEED;
/// `["epoch", tranches, index (u32 LE)]`: a closed epoch's record.
#[constant]
pub const EPOCH_SEED: &[u8] = ids::EPOCH_SEED;

/// Epoch length: 7 days by default; 1 to 30 days.
#[constant]
pub const DEFAULT_EPOCH_SECS: i64 = 7 * 86_400;
pub const MIN_EPOCH_SECS: i64 = 86_400;
pub const MAX_EPOCH_SECS: i64 = 30 * 86_400;
/// Minimum subordination `junior / (junior + senior)`: 20% by default; 10% to 50%.
#[constant]
pub const DEFAULT_MIN_SUBORDINATION_BPS: u16 = 2_000;
pub const MIN_MIN_SUBORDINATION_BPS: u16 = 1_000;
pub const MAX_MIN_SUBORDINATION_BPS: u16 = 5_000;
/// The USDC the vault keeps for redemptions, bps of its assets: net deposits buy PST only above it (10% by
/// default; 0 to 50%).
#[constant]
pub const DEFAULT_BUFFER_BPS: u16 = 1_000;
pub const MAX_BUFFER_BPS: u16 = 5_000;
/// How far from the TWAP the vault's trades may price on average: 1% by default; 0.1% to 5%.
#[constant]
pub const DEFAULT_MAX_SLIPPAGE_BPS: u16 = 100;
pub const MIN_MAX_SLIPPAGE_BPS: u16 = 10;
pub const MAX_MAX_SLIPPAGE_BPS: u16 = 500;
/// The TWAP window that values the PST: 1 day by default; from `amm_pool`'s least window (20 minutes) to what its
/// observation buffer always covers (239 spacings, about 39.8 hours), so that no burst of trades can leave the
/// window uncovered. Requests and cancellations close this long before an epoch ends.
#[constant]
pub const DEFAULT_TWAP_WINDOW_SECS: i64 = 86_400;
pub const MIN_TWAP_WINDOW_SECS: i64 = amm_pool::constants::MIN_TWAP_WINDOW_SECS;
pub const MAX_TWAP_WINDOW_SECS: i64 =
    (amm_pool::constants::OBSERVATION_CAPACITY as i64 - 1) * amm_pool::constants::OBSERVATION_SPACING_SECS;
/// The vault trades only when the pool's spot price is on the TWAP's side of its trade (at or below it to buy, at
/// or above it to sell), within this tolerance (the TWAP's log-price rounding): a price pushed against the vault
/// before a close makes it trade nothing.
#[constant]
pub const SPOT_TOLERANCE_BPS: u16 = 10;
/// The smallest deposit request, USDC base units (1 USDC).
#[constant]
pub const MIN_DEPOSIT: u64 = 1_000_000;
/// The senior APY of the first epoch, bps.
#[constant]
pub const INITIAL_APY_BPS: u16 = 1_000;
/// Epoch records one `claim_request` may apply (the rest in a later call).
#[constant]
pub const MAX_EPOCHS_PER_CLAIM: u8 = 16;
/// The metrics are stale when no period was accepted within this many period lengths.
#[constant]
pub const MAX_METRICS_AGE_PERIODS: i64 = 2;

// This program's lane of the protocol config's pause word (`pst_ids::pause`), set by `pst_mint::set_pause`. No
// pause stops a redemption request, a cancellation or a claim (exits), only the admin's exit freeze does.
const LANE: u32 = ids::PAUSE_LANE;
/// `request_deposit`.
#[constant]
pub const PAUSE_DEPOSITS: u64 = flag(LANE, 0);
/// `close_epoch`.
#[constant]
pub const PAUSE_EPOCHS: u64 = flag(LANE, 1);
