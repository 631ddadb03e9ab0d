//! One event per state change.
use crate::state::{Tranche, TrancheParams};
use anchor_lang::prelude::*;

#[event]
pub struct TranchesInitialized {
    pub tranches: Pubkey,
    pub merchant: Pubkey,
    pub senior_mint: Pubkey,
    pub junior_mint: Pubkey,
    pub usdc_vault: Pubkey,
    pub pst_vault: Pubkey,
    pub params: TrancheParams,
    pub apy_bps: u16,
}

#[event]
pub struct DepositRequested {
    pub tranches: Pubkey,
    pub owner: Pubkey,
    pub tranche: Tranche,
    pub epoch: u32,
    pub amount: u64,
    /// The request's queued USDC after it.
    pub queued: u64,
}

#[event]
pub struct RedeemRequested {
    pub tranches: Pubkey,
    pub owner: Pubkey,
    pub tranche: Tranche,
    pub epoch: u32,
    pub shares: u64,
    pub queued: u64,
}

#[event]
pub struct RequestCancelled {
    pub tranches: Pubkey,
    pub owner: Pubkey,
    pub tranche: Tranche,
    pub usdc_returned: u64,
    pub shares_returned: u64,
}

#[event]
pub struct RequestClaimed {
    pub tranches: Pubkey,
    pub owner: Pubkey,
    pub tranche: Tranche,
    /// Epochs applied by this claim: `[from, to)`.
    pub from_epoch: u32,
    pub to_epoch: u32,
    pub shares: u64,
    pub usdc: u64,
    /// Still queued after it.
    pub deposit_queued: u64,
    pub redeem_queued: u64,
}

#[event]
pub struct EpochClosed {
    pub tranches: Pubkey,
    pub epoch: u32,
    pub elapsed: i64,
    pub apy_bps: u16,
    pub next_apy_bps: u16,
    pub twap_q64: u128,
    pub income: u64,
    pub backstop_requested: u64,
    pub backstop_paid: u64,
    pub arrears: u64,
    pub senior_value: u64,
    pub junior_value: u64,
    pub senior_realised_bps: i64,
    pub junior_return_bps: i64,
    pub pst_sold: u64,
    pub pst_bought: u64,
}

#[event]
pub struct TrancheParamsUpdated {
    pub tranches: Pubkey,
    pub params: TrancheParams,
}
