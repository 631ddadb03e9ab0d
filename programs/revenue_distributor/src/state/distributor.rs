use crate::errors::DistributorError;
use crate::errors::OrOverflow;
use anchor_lang::prelude::*;
use pst_math::{
    dividends::{accrue, Stream},
    SafeMath,
};

/// The live reward stream.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct StreamState {
    pub amount: u64,
    pub start: i64,
    pub end: i64,
    pub released: u64,
}

impl From<StreamState> for Stream {
    fn from(s: StreamState) -> Self {
        Stream { amount: s.amount, start: s.start, end: s.end, released: s.released }
    }
}

/// A merchant's dividend distributor. PDA `["dividend_authority", merchant]`; token authority of the merchant's
/// dividend vault and of its stake vault.
#[account]
#[derive(InitSpace, Debug)]
pub struct Distributor {
    pub merchant: Pubkey,
    pub pst_mint: Pubkey,
    pub usdc_mint: Pubkey,
    /// `pst_mint`'s `["dividend_vault", merchant]`.
    pub dividend_vault: Pubkey,
    pub stake_vault: Pubkey,
    pub alar_vault: Pubkey,
    /// Each distribution streams over this many seconds.
    pub distribution_secs: i64,
    /// Stake of every position, the pool's included.
    pub total_staked: u64,
    /// The part of `total_staked` held in the pool's custody rather than the stake vault: the stake vault holds
    /// `total_staked − custody_staked`.
    pub custody_staked: u64,
    /// Reward per staked base unit, scaled by `REWARD_SCALE`.
    pub reward_per_token: u128,
    pub stream: StreamState,
    /// Released while nothing was staked: carried into the next distribution.
    pub undistributed: u64,
    /// USDC in the dividend vault this distributor has registered: owed to positions, still streaming, carried,
    /// or rounding dust. New inflow is whatever the vault holds beyond it.
    pub accounted: u64,
    /// Totals, for accounting and audits.
    pub total_inflow: u64,
    pub total_protocol_fees: u64,
    pub total_alar: u64,
    pub total_tips: u64,
    pub total_claimed: u64,
    pub bump: u8,
    pub dividend_vault_bump: u8,
    pub stake_vault_bump: u8,
    pub alar_vault_bump: u8,
}

impl Distributor {
    /// Release the stream up to `now` into the accumulator (or into the carry when nothing is staked).
    pub fn update(&mut self, now: i64) -> Result<()> {
        let stream: Stream = self.stream.into();
        let released = stream.released_at(now).or_overflow()?;
        let delta = released.safe_sub(self.stream.released).or_overflow()?;
        self.stream.released = released;
        if delta > 0 {
            if self.total_staked > 0 {
                self.reward_per_token =
                    accrue(self.reward_per_token, delta, self.total_staked).or_overflow()?;
            } else {
                self.undistributed = self.undistributed.safe_add(delta).or_overflow()?;
            }
        }
        Ok(())
    }

    /// Bring a custody position's stake to `balance` (its vault's balance) at `now`: release the stream, settle
    /// what the old stake earned, then move the stake and the totals. Returns the previous stake.
    pub fn sync_custody(&mut self, position: &mut super::Position, balance: u64, now: i64) -> Result<u64> {
        self.update(now)?;
        position.settle(self.reward_per_token)?;
        let previous = position.staked;
        self.total_staked =
            self.total_staked.safe_sub(previous).or_overflow()?.safe_add(balance).or_overflow()?;
        self.custody_staked =
            self.custody_staked.safe_sub(previous).or_overflow()?.safe_add(balance).or_overflow()?;
        position.staked = balance;
        Ok(previous)
    }

    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [crate::constants::DISTRIBUTOR_SEED, self.merchant.as_ref(), core::slice::from_ref(&self.bump)]
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.stream.released <= self.stream.amount, DistributorError::InvariantViolated);
        require!(self.stream.end >= self.stream.start, DistributorError::InvariantViolated);
        require!(self.custody_staked <= self.total_staked, DistributorError::InvariantViolated);
        // what leaves the vault never exceeds what came in
        let out = self.total_protocol_fees as u128
            + self.total_alar as u128
            + self.total_tips as u128
            + self.total_claimed as u128
            + self.accounted as u128;
        require!(out == self.total_inflow as u128, DistributorError::InvariantViolated);
        Ok(())
    }
}
