//! One event for every state change.
use anchor_lang::prelude::*;

#[event]
pub struct PoolInitialized {
    pub pool: Pubkey,
    pub merchant: Pubkey,
    pub lp_mint: Pubkey,
    pub reserve_pst: u64,
    pub reserve_usdc: u64,
    pub lp_supply: u64,
    /// LP tokens of the seeding deposit, locked until `seed_unlock_ts`.
    pub seed_lp: u64,
    pub seed_unlock_ts: i64,
}

#[event]
pub struct LiquidityAdded {
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub lp: u64,
    pub pst: u64,
    pub usdc: u64,
    pub lp_supply: u64,
}

#[event]
pub struct LiquidityRemoved {
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub lp: u64,
    pub pst: u64,
    pub usdc: u64,
    pub lp_supply: u64,
}

#[event]
pub struct Swapped {
    pub pool: Pubkey,
    pub trader: Pubkey,
    /// True when the trader paid PST and received USDC.
    pub pst_in: bool,
    pub amount_in: u64,
    pub amount_out: u64,
    pub fee: u64,
    pub protocol_fee: u64,
    pub reserve_pst: u64,
    pub reserve_usdc: u64,
}

#[event]
pub struct DividendsHarvested {
    pub pool: Pubkey,
    pub amount: u64,
    pub reserve_usdc: u64,
}

#[event]
pub struct PoolFeesUpdated {
    pub pool: Pubkey,
    pub fee_bps: u16,
    pub protocol_share_bps: u16,
}

#[event]
pub struct PoolPauseUpdated {
    pub pool: Pubkey,
    pub by: Pubkey,
    pub previous: u8,
    pub paused: u8,
}

#[event]
pub struct ProtocolFeesCollected {
    pub pool: Pubkey,
    pub pst: u64,
    pub usdc: u64,
}

#[event]
pub struct SeedLiquidityClaimed {
    pub pool: Pubkey,
    pub beneficiary: Pubkey,
    pub lp: u64,
}
