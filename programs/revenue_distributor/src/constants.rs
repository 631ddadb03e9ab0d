//! Seeds, bounds and the addresses of the programs this one trusts.
use anchor_lang::prelude::*;

/// `["dividend_authority", merchant]`: the `Distributor` of a merchant. It is also the token authority of the
/// merchant's dividend vault (created by `pst_mint` with this PDA as owner) and of the stake vault.
#[constant]
pub const DISTRIBUTOR_SEED: &[u8] = pst_mint::constants::DIVIDEND_AUTHORITY_SEED;
/// `["stake_vault", merchant]`: PST deposited into earning positions.
#[constant]
pub const STAKE_VAULT_SEED: &[u8] = b"stake_vault";
/// `["alar_contribution", merchant]`: USDC contributed to the reserve by each distribution; its token authority
/// is `alar_reserve`'s PDA `["reserve_authority", merchant]`.
#[constant]
pub const ALAR_VAULT_SEED: &[u8] = b"alar_contribution";
/// `["position", distributor, owner]`: an earning position. The owner may be a wallet or a PDA of another
/// program (the AMM pool, a tranche vault), which signs by CPI.
#[constant]
pub const POSITION_SEED: &[u8] = b"position";
/// Seed of the `alar_reserve` PDA that owns the reserve-contribution vaults.
#[constant]
pub const ALAR_AUTHORITY_SEED: &[u8] = b"reserve_authority";
/// Seed of the `amm_pool` PDA `["pool", merchant]`, the only owner a custody position may have.
#[constant]
pub const POOL_SEED: &[u8] = pst_mint::constants::POOL_SEED;
/// The `alar_reserve` program.
pub const ALAR_RESERVE_ID: Pubkey = pubkey!("ALVCBZgWAutwzW4WtX9e2twiVW9YzMtKxSeFr76NFyAE");

/// Distribution period bounds (each distribution streams linearly over it): 1 hour to 90 days.
pub const MIN_DISTRIBUTION_SECS: i64 = 3_600;
pub const MAX_DISTRIBUTION_SECS: i64 = 90 * 86_400;
/// Most positions one `push_payouts` may pay (two accounts each), so a batch always fits a transaction and the
/// compute budget.
#[constant]
pub const MAX_PUSH_BATCH: u8 = 10;
