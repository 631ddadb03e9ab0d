use crate::{constants::*, errors::PstError};
use anchor_lang::prelude::*;
use pst_ids::revenue_distributor::{
    MAX_ALAR_CONTRIBUTION_BPS, MAX_KEEPER_TIP_BPS, MAX_PROTOCOL_FEE_BPS, MAX_TOTAL_CARVE_OUT_BPS,
};

/// Protocol-wide configuration and roles. PDA `["config"]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct ProtocolConfig {
    /// Governs parameters and roles; expected to be a multisig vault. Changes by propose/accept.
    pub admin: Pubkey,
    /// Proposed next admin, until it accepts.
    pub pending_admin: Option<Pubkey>,
    /// May set pause flags (never clear them).
    pub guardian: Pubkey,
    /// The USDC mint every sale and distribution settles in.
    pub usdc_mint: Pubkey,
    /// Approve or reject merchant applications.
    #[max_len(MAX_UNDERWRITERS)]
    pub underwriters: Vec<Pubkey>,
    /// Submit revenue reports to merchants' feeds.
    #[max_len(MAX_ORACLE_REPORTERS)]
    pub oracle_reporters: Vec<Pubkey>,
    pub fees: FeeParams,
    /// The pause word: one 8-bit lane per program (`pst_ids::pause`); this program's flags are `PAUSE_*`, the
    /// other programs define theirs in their own lanes.
    pub paused: u64,
    /// Exits (unstaking, claims, LP withdrawals, swaps) are frozen until this time: set only by the admin, for at
    /// most `MAX_EXIT_FREEZE_SECS`, never extended, and not again within `EXIT_FREEZE_COOLDOWN_SECS` of the last
    /// freeze's end (0: never frozen).
    pub exits_frozen_until: i64,
    /// Listings so far; the next merchant's id.
    pub merchant_count: u64,
    pub bump: u8,
}

/// Carve-outs applied by `revenue_distributor` to each revenue deposit. The bounds are `revenue_distributor`'s
/// (`pst_ids::revenue_distributor`); the config stores the values and checks them when they are set.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct FeeParams {
    /// Protocol fee, bps of each revenue deposit (≤ 10%).
    pub protocol_fee_bps: u16,
    /// Contribution to the ALAR reserve, bps of each revenue deposit (≤ 20%).
    pub alar_contribution_bps: u16,
    /// Tip paid to the keeper that cranks a distribution or a payout batch, bps (≤ 1%).
    pub keeper_tip_bps: u16,
}

impl FeeParams {
    pub fn validate(&self) -> Result<()> {
        require!(self.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS, PstError::FeeOutOfBounds);
        require!(self.alar_contribution_bps <= MAX_ALAR_CONTRIBUTION_BPS, PstError::FeeOutOfBounds);
        require!(
            self.protocol_fee_bps as u32 + self.alar_contribution_bps as u32
                <= MAX_TOTAL_CARVE_OUT_BPS as u32,
            PstError::FeeOutOfBounds
        );
        require!(self.keeper_tip_bps <= MAX_KEEPER_TIP_BPS, PstError::FeeOutOfBounds);
        Ok(())
    }
}

/// The role sets `set_role` manages.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Underwriter,
    OracleReporter,
    /// One key; `set_role(Guardian, key, true)` replaces it.
    Guardian,
}

impl ProtocolConfig {
    pub fn is_underwriter(&self, key: &Pubkey) -> bool {
        self.underwriters.contains(key)
    }

    pub fn is_oracle_reporter(&self, key: &Pubkey) -> bool {
        self.oracle_reporters.contains(key)
    }

    /// Whether exits are frozen at `now` (the admin's emergency freeze; every program refuses its exits then).
    pub fn exits_frozen(&self, now: i64) -> bool {
        now < self.exits_frozen_until
    }

    /// Refuse with `Paused` if any of `flags` is set.
    pub fn require_not_paused(&self, flags: u64) -> Result<()> {
        require!(self.paused & flags == 0, PstError::Paused);
        Ok(())
    }

    /// Holds after every instruction that mutates the config.
    pub fn invariant(&self) -> Result<()> {
        self.fees.validate().map_err(|_| PstError::InvariantViolated)?;
        require!(self.paused & PAUSE_LANE_MASK & !PAUSE_ALL == 0, PstError::InvariantViolated);
        require!(self.underwriters.len() <= MAX_UNDERWRITERS, PstError::InvariantViolated);
        require!(self.oracle_reporters.len() <= MAX_ORACLE_REPORTERS, PstError::InvariantViolated);
        require!(self.admin != Pubkey::default(), PstError::InvariantViolated);
        require!(self.guardian != Pubkey::default(), PstError::InvariantViolated);
        require!(self.exits_frozen_until >= 0, PstError::InvariantViolated);
        Ok(())
    }
}
