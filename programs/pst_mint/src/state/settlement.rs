use crate::{constants::*, errors::PstError};
use anchor_lang::prelude::*;

/// Revenue share swept during one period.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct PeriodShare {
    pub period: u32,
    pub share: u64,
}

/// The settlement ledger of a merchant. PDA `["settlement", merchant]`.
///
/// The settlement vault holds `available` (the merchant's, withdrawable within the limit) plus whatever arrived
/// since the last sweep. A sweep sends `share_bps` of the new inflow to the dividend vault first.
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
    /// Share swept in recent periods (a small ring keyed by period).
    pub period_share: [PeriodShare; SHARE_BUCKETS],
    /// Shortfall recorded for `alar_reserve` to cover, not yet covered.
    pub shortfall_outstanding: u64,
    /// Periods that were short beyond the tolerance.
    pub short_periods: u32,
    pub bump: u8,
    pub vault_bump: u8,
    pub dividend_vault_bump: u8,
}

impl Settlement {
    /// Share swept during `period` (0 if none or forgotten).
    pub fn share_for(&self, period: u32) -> u64 {
        self.period_share.iter().find(|b| b.period == period && b.share > 0).map_or(0, |b| b.share)
    }

    /// Credit `share` to `period`'s bucket, reusing the bucket of the oldest period when full.
    pub fn credit_share(&mut self, period: u32, share: u64) -> Result<()> {
        let idx = match self.period_share.iter().position(|b| b.period == period && b.share > 0) {
            Some(i) => i,
            None => {
                // an empty bucket, else the oldest
                let (i, _) = self
                    .period_share
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, b)| if b.share == 0 { (0, 0) } else { (1, b.period) })
                    .ok_or(PstError::InvariantViolated)?;
                self.period_share[i] = PeriodShare { period, share: 0 };
                i
            }
        };
        let b = &mut self.period_share[idx];
        b.share = b.share.checked_add(share).ok_or(PstError::MathOverflow)?;
        Ok(())
    }

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
