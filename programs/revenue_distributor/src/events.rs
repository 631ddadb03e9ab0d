//! One event for every state change.
use anchor_lang::prelude::*;

#[event]
pub struct DistributorInitialized {
    pub distributor: Pubkey,
    pub merchant: Pubkey,
    pub distribution_secs: i64,
}

#[event]
pub struct PositionOpened {
    pub distributor: Pubkey,
    pub position: Pubkey,
    pub owner: Pubkey,
}

#[event]
pub struct Staked {
    pub position: Pubkey,
    pub amount: u64,
    pub staked: u64,
    pub total_staked: u64,
}

#[event]
pub struct Unstaked {
    pub position: Pubkey,
    pub amount: u64,
    pub staked: u64,
    pub total_staked: u64,
}

#[event]
pub struct Distributed {
    pub distributor: Pubkey,
    pub inflow: u64,
    pub protocol_fee: u64,
    pub alar_contribution: u64,
    pub keeper_tip: u64,
    pub streamed: u64,
    pub stream_end: i64,
}

#[event]
pub struct Claimed {
    pub position: Pubkey,
    /// What the holder received.
    pub amount: u64,
    /// The keeper's tip out of it (pushed payouts only).
    pub tip: u64,
    pub pushed: bool,
}

#[event]
pub struct AutoPayoutSet {
    pub position: Pubkey,
    pub enabled: bool,
    pub payout_account: Pubkey,
}

/// The merchant's pool or reserve opened its custody position: its PST vault earns without leaving it.
#[event]
pub struct CustodyPositionOpened {
    pub distributor: Pubkey,
    pub position: Pubkey,
    /// The AMM pool's or the reserve's PDA.
    pub owner: Pubkey,
    pub custody: Pubkey,
    pub staked: u64,
    pub total_staked: u64,
}

/// The pool's stake was set to its PST reserve, and what it had earned paid into its USDC vault.
#[event]
pub struct PoolStakeSynced {
    pub position: Pubkey,
    pub previous: u64,
    pub staked: u64,
    pub total_staked: u64,
    pub harvested: u64,
}
