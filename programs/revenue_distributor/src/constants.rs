//! Seeds (defined in `pst_ids`, listed here for the IDL), bounds and this program's pause flags.
use anchor_lang::prelude::*;
use pst_ids::{pause::flag, revenue_distributor as ids};

/// `["dividend_authority", merchant]`: the `Distributor` of a merchant. It is also the token authority of the
/// merchant's dividend vault (created by `pst_mint` with this PDA as owner) and of the stake vault.
#[constant]
pub const DISTRIBUTOR_SEED: &[u8] = ids::DISTRIBUTOR_SEED;
/// `["stake_vault", merchant]`: PST deposited into earning positions.
#[constant]
pub const STAKE_VAULT_SEED: &[u8] = ids::STAKE_VAULT_SEED;
/// `["alar_contribution", merchant]`: USDC contributed to the reserve by each distribution; its token authority
/// is `alar_reserve`'s PDA `["reserve_authority", merchant]`.
#[constant]
pub const ALAR_VAULT_SEED: &[u8] = ids::ALAR_VAULT_SEED;
/// `["position", distributor, owner]`: an earning position. The owner may be a wallet or a PDA of another
/// program (the AMM pool, a tranche vault), which signs by CPI.
#[constant]
pub const POSITION_SEED: &[u8] = ids::POSITION_SEED;

/// Distribution period bounds (each distribution streams linearly over it): 1 hour to 90 days.
pub const MIN_DISTRIBUTION_SECS: i64 = 3_600;
pub const MAX_DISTRIBUTION_SECS: i64 = 90 * 86_400;
/// Most positions one `push_payouts` may pay (two accounts each), so a batch always fits a transaction and the
/// compute budget.
#[constant]
pub const MAX_PUSH_BATCH: u8 = 10;

// This program's lane of the protocol config's pause word (`pst_ids::pause`), set by `pst_mint`'s `set_pause`.
// A pause stops entries and new distributions, never exits: unstaking, claims and payouts stay open under every
// pause and stop only under the admin's exit freeze (`ProtocolConfig::exits_frozen_until`).
/// New stake (`deposit`).
#[constant]
pub const PAUSE_STAKE: u64 = flag(ids::PAUSE_LANE, 0);
/// New distributions (`distribute`): inflow waits in the dividend vault.
#[constant]
pub const PAUSE_DISTRIBUTE: u64 = flag(ids::PAUSE_LANE, 1);
