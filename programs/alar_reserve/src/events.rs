//! One event per state change.
use crate::state::ReserveParams;
use anchor_lang::prelude::*;

#[event]
pub struct ReserveInitialized {
    pub reserve: Pubkey,
    pub merchant: Pubkey,
    pub usdc_vault: Pubkey,
    pub pst_vault: Pubkey,
    pub position: Pubkey,
    pub params: ReserveParams,
}

#[event]
pub struct StakeDeposited {
    pub reserve: Pubkey,
    pub depositor: Pubkey,
    pub amount: u64,
    pub stake: u64,
    pub stake_requirement: u64,
    pub stake_deficit: u64,
}

#[event]
pub struct ShortfallCovered {
    pub reserve: Pubkey,
    pub period: u32,
    pub shortfall: u64,
    pub paid: u64,
    /// Paid toward this period in all.
    pub covered: u64,
    /// Of this period's shortfall, still uncovered.
    pub uncovered: u64,
    pub stake: u64,
    pub stake_deficit: u64,
}

#[event]
pub struct Stabilized {
    pub reserve: Pubkey,
    /// true: PE was below the band and the reserve bought PST; false: above, and it sold.
    pub bought: bool,
    pub twap_q64: u128,
    pub spot_before_q64: u128,
    pub spot_after_q64: u128,
    pub pe_twap_bps: u64,
    pub pe_spot_after_bps: u64,
    /// What reached the edge, and what the slice allowed (the trade).
    pub to_edge: u64,
    pub amount_in: u64,
    pub amount_out: u64,
    pub usdc: u64,
    pub pst: u64,
}

#[event]
pub struct ReserveHarvested {
    pub reserve: Pubkey,
    pub amount: u64,
    pub usdc: u64,
}

#[event]
pub struct SeniorCovered {
    pub reserve: Pubkey,
    pub requested: u64,
    pub paid: u64,
    pub capacity: u64,
    pub usdc: u64,
}

#[event]
pub struct StakeReleased {
    pub reserve: Pubkey,
    pub merchant: Pubkey,
    pub stake: u64,
    pub pst: u64,
}

#[event]
pub struct ReserveParamsUpdated {
    pub reserve: Pubkey,
    pub params: ReserveParams,
}

#[event]
pub struct WithdrawalProposed {
    pub reserve: Pubkey,
    pub withdrawal: Pubkey,
    pub id: u64,
    pub amount: u64,
    pub destination: Pubkey,
    pub eta: i64,
}

#[event]
pub struct WithdrawalExecuted {
    pub reserve: Pubkey,
    pub withdrawal: Pubkey,
    pub amount: u64,
    pub destination: Pubkey,
    pub usdc: u64,
}

#[event]
pub struct WithdrawalCancelled {
    pub reserve: Pubkey,
    pub withdrawal: Pubkey,
    pub by: Pubkey,
}
