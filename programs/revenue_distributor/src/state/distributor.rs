use crate::errors::{DistributorError, OrOverflow};
use anchor_lang::prelude::*;
use pst_math::{
    dividends::{accrue, Schedule, SCHEDULE_SLOTS},
    SafeMath,
};

/// The release schedule: every distribution streams linearly over its own full period (see
/// `pst_math::dividends::Schedule`); a later distribution never re-spreads an earlier one.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct ScheduleState {
    /// Release rate in force, base units per second × 2^32.
    pub rate: u128,
    /// Released up to this time.
    pub last: i64,
    /// Released but not yet whole, × 2^32.
    pub frac: u64,
    /// Seconds between grid points (the period / 6, rounded up); every stream ends on one.
    pub grid: i64,
    /// The rate that stops at grid point `k × grid` is `drops[k % 8]`.
    pub drops: [u128; SCHEDULE_SLOTS],
    /// The latest end scheduled so far.
    pub end: i64,
    /// Everything ever scheduled, and released of it so far.
    pub scheduled: u64,
    pub released: u64,
}

impl From<ScheduleState> for Schedule {
    fn from(s: ScheduleState) -> Self {
        Schedule {
            rate: s.rate,
            last: s.last,
            frac: s.frac,
            grid: s.grid,
            drops: s.drops,
            end: s.end,
            scheduled: s.scheduled,
            released: s.released,
        }
    }
}

impl From<Schedule> for ScheduleState {
    fn from(s: Schedule) -> Self {
        ScheduleState {
            rate: s.rate,
            last: s.last,
            frac: s.frac,
            grid: s.grid,
            drops: s.drops,
            end: s.end,
            scheduled: s.scheduled,
            released: s.released,
        }
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
    pub schedule: ScheduleState,
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
    /// Release the schedule up to `now` into the accumulator (or into the carry when nothing is staked).
    pub fn update(&mut self, now: i64) -> Result<()> {
        let mut schedule: Schedule = self.schedule.into();
        let delta = schedule.release_to(now).or_overflow()?;
        self.schedule = schedule.into();
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

    /// Stream `amount` over a full distribution period from `now` (after [`Distributor::update`]). Returns the
    /// stream's end.
    pub fn schedule(&mut self, now: i64, amount: u64) -> Result<i64> {
        let mut schedule: Schedule = self.schedule.into();
        let end = schedule.add(now, self.distribution_secs, amount).or_overflow()?;
        self.schedule = schedule.into();
        Ok(end)
    }

    /// Bring a custody position's stake to `stake` at `now`: release the schedule, settle what the old stake
    /// earned, then move the stake and the totals. Returns the previous stake.
    pub fn sync_custody(&mut self, position: &mut super::Position, stake: u64, now: i64) -> Result<u64> {
        self.update(now)?;
        position.settle(self.reward_per_token)?;
        let previous = position.staked;
        self.total_staked =
            self.total_staked.safe_sub(previous).or_overflow()?.safe_add(stake).or_overflow()?;
        self.custody_staked =
            self.custody_staked.safe_sub(previous).or_overflow()?.safe_add(stake).or_overflow()?;
        position.staked = stake;
        Ok(previous)
    }

    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [crate::constants::DISTRIBUTOR_SEED, self.merchant.as_ref(), core::slice::from_ref(&self.bump)]
    }

    pub fn invariant(&self) -> Result<()> {
        let schedule: Schedule = self.schedule.into();
        require!(schedule.is_consistent(), DistributorError::InvariantViolated);
        require!(self.custody_staked <= self.total_staked, DistributorError::InvariantViolated);
        // what leaves the vault never exceeds what came in
        let out = self.total_protocol_fees as u128
            + self.total_alar as u128
            + self.total_tips as u128
            + self.total_claimed as u128
            + self.accounted as u128;
        require!(out == self.total_inflow as u128, DistributorError::InvariantViolated);
        // what is still to stream, and what was released to nobody, is part of what the vault holds for holders
        let future = schedule.remaining() as u128 + self.undistributed as u128;
        require!(future <= self.accounted as u128, DistributorError::InvariantViolated);
        Ok(())
    }
}
