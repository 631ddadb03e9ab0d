//! Dividend accounting: a linearly released stream and a reward-per-token accumulator, both O(1) in the number
//! of holders.
//!
//! A distribution of `amount` releases linearly from `start` to `end`. Released rewards raise the accumulator
//! `reward_per_token` by `released × SCALE / total_staked` (rounded down: holders can only be paid less, never
//! more, than was released; the rounding dust stays in the vault). A position earns
//! `staked × (reward_per_token − checkpoint) / SCALE` (rounded down).
use crate::{MathError, SafeMath};
use core::panic::Location;

/// Fixed-point scale of the accumulator.
pub const REWARD_SCALE: u128 = 1_000_000_000_000_000_000;

/// A reward stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stream {
    /// Total to release.
    pub amount: u64,
    pub start: i64,
    pub end: i64,
    /// Released so far.
    pub released: u64,
}

impl Stream {
    /// What the stream has released by `now`: `amount × elapsed / duration`, rounded down; all of it at `end`.
    #[track_caller]
    pub fn released_at(&self, now: i64) -> Result<u64, MathError> {
        if now >= self.end || self.end <= self.start {
            return Ok(self.amount);
        }
        if now <= self.start {
            return Ok(0);
        }
        let elapsed = (now as i128 - self.start as i128) as u128;
        let duration = (self.end as i128 - self.start as i128) as u128;
        // < amount, fits in u64
        Ok((self.amount as u128).safe_mul(elapsed)?.safe_div(duration)? as u64)
    }

    /// What is still to be released at `now` (after [`Stream::released_at`]).
    #[track_caller]
    pub fn remaining_at(&self, now: i64) -> Result<u64, MathError> {
        self.amount.safe_sub(self.released_at(now)?)
    }
}

/// The accumulator after `released` is spread over `total_staked` (> 0).
#[track_caller]
pub fn accrue(reward_per_token: u128, released: u64, total_staked: u64) -> Result<u128, MathError> {
    if total_staked == 0 {
        let location = Location::caller();
        return Err(MathError { location });
    }
    let inc = (released as u128).safe_mul(REWARD_SCALE)?.safe_div(total_staked as u128)?;
    reward_per_token.safe_add(inc)
}

/// What `staked` earned as the accumulator moved from `checkpoint` to `reward_per_token`.
#[track_caller]
pub fn earned(staked: u64, reward_per_token: u128, checkpoint: u128) -> Result<u64, MathError> {
    let diff = reward_per_token.safe_sub(checkpoint)?;
    let v = (staked as u128).safe_mul(diff)?.safe_div(REWARD_SCALE)?;
    crate::to_u64(v)
}
