use crate::errors::ReserveError;
use anchor_lang::prelude::*;

/// What the reserve has paid toward one short period. PDA `["cover", reserve, period (u32 LE)]`, created by the
/// period's first cover. Never more than the period's recorded shortfall is paid in all, so a period is covered
/// once; if the stake ran out first, the rest stays recorded and a later cover (after a top-up) pays it.
#[account]
#[derive(InitSpace, Debug)]
pub struct Cover {
    pub reserve: Pubkey,
    pub period: u32,
    /// The period's recorded shortfall (`pst_mint`'s metrics).
    pub shortfall: u64,
    /// Paid so far into the dividend vault.
    pub covered: u64,
    pub bump: u8,
}

impl Cover {
    pub fn invariant(&self) -> Result<()> {
        require!(self.covered <= self.shortfall, ReserveError::InvariantViolated);
        Ok(())
    }
}
