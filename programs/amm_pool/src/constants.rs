//! Seeds (defined in `pst_ids`, listed here for the IDL), bounds, defaults and the pool's pause bits.
use anchor_lang::prelude::*;
use pst_ids::amm_pool as ids;

/// `["pool", merchant]`: the merchant's pool. Token authority of both reserve vaults (the PST one is
/// `pst_mint`'s LP vault, created with this PDA as owner at issuance), mint authority of the LP mint, and owner
/// of the pool's custody position in `revenue_distributor`.
#[constant]
pub const POOL_SEED: &[u8] = ids::POOL_SEED;
/// `["pool_usdc", pool]`: the USDC reserve vault.
#[constant]
pub const USDC_VAULT_SEED: &[u8] = ids::USDC_VAULT_SEED;
/// `["lp_mint", pool]`: the LP token mint (classic SPL Token, 6 decimals).
#[constant]
pub const LP_MINT_SEED: &[u8] = ids::LP_MINT_SEED;
/// `["seed_lp", pool]`: the LP tokens of the seeding deposit, locked until the merchant's vesting ends.
#[constant]
pub const SEED_LP_VAULT_SEED: &[u8] = ids::SEED_LP_VAULT_SEED;
/// `["observations", pool]`: the TWAP ring buffer.
#[constant]
pub const OBSERVATIONS_SEED: &[u8] = ids::OBSERVATIONS_SEED;

/// LP token decimals.
#[constant]
pub const LP_DECIMALS: u8 = 6;
/// Trade fee at pool creation (0.30%), all of it paid in by the trader.
#[constant]
pub const DEFAULT_FEE_BPS: u16 = 30;
/// Most trade fee the admin may set (1%).
#[constant]
pub const MAX_FEE_BPS: u16 = 100;
/// Protocol share of the trade fee at pool creation (20% of the fee); the rest stays with LPs.
#[constant]
pub const DEFAULT_PROTOCOL_SHARE_BPS: u16 = 2_000;
/// Most protocol share of the fee the admin may set (50%).
#[constant]
pub const MAX_PROTOCOL_SHARE_BPS: u16 = 5_000;

/// Pause bits (the pool's own bitmask): the entries, swaps and deposits. The guardian (or the admin) may set
/// bits; only the admin may clear them. There is no pause of withdrawals: LPs can always leave, unless the admin
/// freezes every exit of the protocol for a bounded time (`pst_mint::freeze_exits`).
#[constant]
pub const PAUSE_SWAP: u8 = 1 << 0;
#[constant]
pub const PAUSE_DEPOSIT: u8 = 1 << 1;
pub const PAUSE_ALL: u8 = PAUSE_SWAP | PAUSE_DEPOSIT;

/// TWAP ring buffer: this many observations, at least `OBSERVATION_SPACING_SECS` apart, so a window of up to
/// about `(OBSERVATION_CAPACITY − 1) × OBSERVATION_SPACING_SECS` (39.8 hours) can be covered. 40 bytes each: the
/// account (9,656 bytes) stays under the 10 KiB an instruction may create.
pub const OBSERVATION_CAPACITY: usize = 240;
#[constant]
pub const OBSERVATION_SPACING_SECS: i64 = 600;
/// TWAP windows a reader may ask for: 20 minutes (twice the spacing: a window that starts inside an unrecorded
/// gap loses under one spacing) to 30 days (the buffer reaches back 239 records: about 40 hours of busy trading,
/// longer in a quiet pool).
pub const MIN_TWAP_WINDOW_SECS: i64 = 2 * OBSERVATION_SPACING_SECS;
pub const MAX_TWAP_WINDOW_SECS: i64 = 30 * 86_400;
