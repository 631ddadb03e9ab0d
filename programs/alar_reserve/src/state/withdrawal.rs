use crate::errors::ReserveError;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum WithdrawalStatus {
    Pending,
    Executed,
    Cancelled,
}

/// A timelocked move of the reserve's own USDC (never the stake) to the admin's USDC account or another
/// merchant's reserve. PDA `["withdrawal", reserve, id (u64 LE)]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Withdrawal {
    pub reserve: Pubkey,
    pub id: u64,
    pub amount: u64,
    /// The USDC account that will receive it.
    pub destination: Pubkey,
    pub proposed_at: i64,
    /// Executable from this time.
    pub eta: i64,
    pub status: WithdrawalStatus,
    pub bump: u8,
}

impl Withdrawal {
    pub fn invariant(&self) -> Result<()> {
        require!(self.amount > 0 && self.eta >= self.proposed_at, ReserveError::InvariantViolated);
        Ok(())
    }
}
