//! One event for every state change.
use crate::state::{Role, TokenEconomics};
use anchor_lang::prelude::*;

#[event]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub usdc_mint: Pubkey,
    pub protocol_fee_bps: u16,
    pub alar_contribution_bps: u16,
    pub keeper_tip_bps: u16,
    pub min_trailing_revenue: u64,
    pub min_history_months: u16,
    pub inventory_floor_days: u16,
}

#[event]
pub struct AdminProposed {
    pub admin: Pubkey,
    pub pending_admin: Pubkey,
}

#[event]
pub struct AdminAccepted {
    pub previous_admin: Pubkey,
    pub new_admin: Pubkey,
}

#[event]
pub struct RoleUpdated {
    pub role: Role,
    pub member: Pubkey,
    pub enabled: bool,
}

#[event]
pub struct FeesUpdated {
    pub protocol_fee_bps: u16,
    pub alar_contribution_bps: u16,
    pub keeper_tip_bps: u16,
}

#[event]
pub struct MerchantRulesUpdated {
    pub previous: crate::state::MerchantRules,
    pub min_trailing_revenue: u64,
    pub min_history_months: u16,
    pub inventory_floor_days: u16,
}

#[event]
pub struct PauseUpdated {
    pub by: Pubkey,
    pub previous: u64,
    pub paused: u64,
}

#[event]
pub struct ExitFreezeUpdated {
    pub by: Pubkey,
    /// Exits are frozen until this time (≤ now: open).
    pub until: i64,
}

#[event]
pub struct MerchantApplied {
    pub merchant: Pubkey,
    pub authority: Pubkey,
    pub id: u64,
    pub name: String,
    pub symbol: String,
    pub evidence_hash: [u8; 32],
    pub trailing_revenue: u64,
    pub margin_bps: u16,
    pub growth_bps: i32,
    pub inventory_value: u64,
    pub history_months: u16,
}

#[event]
pub struct MerchantApproved {
    pub merchant: Pubkey,
    pub underwriter: Pubkey,
    pub economics: TokenEconomics,
}

#[event]
pub struct MerchantRejected {
    pub merchant: Pubkey,
    pub underwriter: Pubkey,
    pub reason: crate::state::RejectionReason,
}

#[event]
pub struct TokenCreated {
    pub merchant: Pubkey,
    pub mint: Pubkey,
    pub name: String,
    pub symbol: String,
    pub uri: String,
}

#[event]
pub struct SupplyIssued {
    pub merchant: Pubkey,
    pub mint: Pubkey,
    pub total_supply: u64,
    pub merchant_amount: u64,
    pub lp_amount: u64,
    pub public_amount: u64,
    pub sale_start: i64,
    pub sale_end: i64,
}

#[event]
pub struct TokensPurchased {
    pub merchant: Pubkey,
    pub buyer: Pubkey,
    pub pst_amount: u64,
    pub usdc_cost: u64,
    pub sold_total: u64,
}

#[event]
pub struct SaleClosed {
    pub merchant: Pubkey,
    pub sold: u64,
    /// Unsold public PST, burned: the supply shrinks by it.
    pub unsold_burned: u64,
    /// The PST supply after the burn.
    pub supply: u64,
    pub proceeds: u64,
}

#[event]
pub struct VestedClaimed {
    pub merchant: Pubkey,
    pub amount: u64,
    pub claimed_total: u64,
    pub vesting_total: u64,
}

#[event]
pub struct RevenueFeedOpened {
    pub merchant: Pubkey,
    pub source: crate::state::FeedSource,
    pub min_responses: u8,
    pub max_staleness_slots: u64,
    pub max_variance_bps: u16,
    pub period_secs: i64,
    pub first_period_start: i64,
    pub settlement_vault: Pubkey,
    pub dividend_vault: Pubkey,
    pub dividend_authority: Pubkey,
}

#[event]
pub struct ReportSubmitted {
    pub merchant: Pubkey,
    pub period: u32,
    pub reporter: Pubkey,
    pub slot: u64,
    pub gross_revenue: u64,
    pub net_earnings: i64,
    pub inventory_value: u64,
    pub submissions: u8,
    /// Whether this replaced the reporter's earlier submission.
    pub replaced: bool,
}

#[event]
pub struct PeriodAccepted {
    pub merchant: Pubkey,
    pub period: u32,
    pub gross_revenue: u64,
    pub net_earnings: i64,
    pub inventory_value: u64,
    pub responses: u8,
    pub share_due: u64,
    pub share_paid: u64,
    pub coverage_bps: u64,
    /// Days of inventory of the period, hundredths of a day.
    pub inventory_days_x100: u64,
    pub health: crate::state::HealthStatus,
}

#[event]
pub struct ShortfallRecorded {
    pub merchant: Pubkey,
    pub period: u32,
    pub share_due: u64,
    pub share_paid: u64,
    pub shortfall: u64,
    /// All shortfall recorded for the merchant so far (what `alar_reserve` has covered is in its reserve).
    pub recorded_total: u64,
}

#[event]
pub struct Swept {
    pub merchant: Pubkey,
    pub period: u32,
    pub inflow: u64,
    pub share: u64,
    pub merchant_part: u64,
    pub available: u64,
}

#[event]
pub struct SettlementWithdrawn {
    pub merchant: Pubkey,
    pub period: u32,
    pub amount: u64,
    pub withdrawn_in_period: u64,
    /// The period's limit under the merchant's health and inventory cover.
    pub limit: u64,
    pub available: u64,
}

#[event]
pub struct ProceedsReleased {
    pub merchant: Pubkey,
    pub proceeds: u64,
    /// Sent to the reserve's USDC vault to bring the stake up to the requirement.
    pub to_stake: u64,
    /// Paid to the merchant.
    pub to_merchant: u64,
    pub stake_requirement: u64,
    /// The stake before the release.
    pub stake_before: u64,
}

#[event]
pub struct MerchantDelisted {
    pub merchant: Pubkey,
    pub admin: Pubkey,
    /// Whether the merchant asked for it (signed); otherwise the admin delisted a Default.
    pub on_request: bool,
    pub health: crate::state::HealthStatus,
    /// Shortfall recorded and not covered when delisted.
    pub uncovered_shortfall: u64,
}
