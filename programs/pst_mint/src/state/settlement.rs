use crate::errors::PstError;
use anchor_lang::prelude::*;

/// The settlement ledger of a merchant. PDA `["settlement", merchant]`.
///
/// The settlement vault holds `available` (the merchant's, withdrawable within the limit) plus whatever arrived
/// since the last sweep. A sweep sends `share_bps` of the new inflow to the dividend vault first; the share swept
/// in each period is recorded in that period's `PeriodReport`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Settlement {
    pub merchant: Pubkey,
    /// USDC in the settlement vault that the merchant may withdraw.
    pub available: u64,
    /// All inflow swept so far.
    pub total_inflow: u64,
    /// All revenue share sent to the dividend vault.
    pub total_share: u64,
    /// All the merchant has withdrawn.
    pub total_withdrawn: u64,
    /// The period of `withdrawn_in_period`.
    pub withdraw_period: u32,
    pub withdrawn_in_period: u64,
    /// All shortfall recorded so far (the sum of the short periods' `shortfall`); `alar_reserve` covers it, and
    /// what is still uncovered is this less the reserve's `covered_total`.
    pub shortfall_recorded: u64,
    /// Periods that were short beyond the tolerance.
    pub short_periods: u32,
    pub bump: u8,
    pub vault_bump: u8,
    pub dividend_vault_bump: u8,
}

impl Settlement {
    pub fn invariant(&self) -> Result<()> {
        // inflow = share + merchant part; the merchant part is what is available plus what was withdrawn
        let merchant_part = (self.available as u128) + (self.total_withdrawn as u128);
        require!(
            self.total_inflow as u128 == self.total_share as u128 + merchant_part,
            PstError::InvariantViolated
        );
        Ok(())
    }
}
