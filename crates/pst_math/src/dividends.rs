//! Dividend accounting: a release schedule and a reward-per-token accumulator, both O(1) in the number of
//! holders.
//!
//! **Schedule.** Every distribution streams linearly over its own full period, ending on a grid point (the
//! period divided by [`GRID_DIVISOR`], rounded up), so it lasts between one period and one period plus one grid
//! step. A later distribution never re-spreads an earlier one: the schedule is a sum of linear streams kept as
//! one release rate and, per grid point, the rate that stops there ([`SCHEDULE_SLOTS`] of them, enough for every
//! end that can be pending). Releasing up to a time walks at most that many grid points. The rate is in base units
//! per second × 2^32, rounded down per stream; the fractions are carried, and what rounding kept back is released
//! when the last stream ends, so everything scheduled is released exactly.
//!
//! **Accumulator.** Released rewards raise `reward_per_token` by `released × SCALE / total_staked` (rounded down:
//! holders can only be paid less, never more, than was released; the rounding dust stays in the vault). A
//! position earns `staked × (reward_per_token − checkpoint) / SCALE` (rounded down).
use crate::{MathError, SafeMath};
use core::panic::Location;

/// Fixed-point scale of the accumulator.
pub const REWARD_SCALE: u128 = 1_000_000_000_000_000_000;
/// A distribution ends on a multiple of `period / GRID_DIVISOR` (rounded up).
pub const GRID_DIVISOR: u64 = 6;
/// Grid points a schedule keeps rates for: every end that can be pending lies within `GRID_DIVISOR + 1` grid
/// steps of now, so ends never share a slot.
pub const SCHEDULE_SLOTS: usize = 8;
/// Fraction bits of a release rate.
pub const RATE_SHIFT: u32 = 32;
const FRAC_MASK: u128 = (1 << RATE_SHIFT) - 1;

/// A release schedule: the sum of the linear streams of every distribution still releasing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Release rate in force since `last`, base units per second × 2^32.
    pub rate: u128,
    /// Released up to this time (unix seconds).
    pub last: i64,
    /// Released but not yet whole, × 2^32 (< 2^32).
    pub frac: u64,
    /// Seconds between grid points (every stream ends on a multiple).
    pub grid: i64,
    /// The rate that stops at grid point `k × grid` is `drops[k % SCHEDULE_SLOTS]`.
    pub drops: [u128; SCHEDULE_SLOTS],
    /// The latest end scheduled so far.
    pub end: i64,
    /// Everything ever scheduled, and released of it so far.
    pub scheduled: u64,
    pub released: u64,
}

impl Schedule {
    /// An empty schedule for distributions over `period` seconds (> 0).
    #[track_caller]
    pub fn new(period: i64) -> Result<Schedule, MathError> {
        let location = Location::caller();
        if period <= 0 {
            return Err(MathError { location });
        }
        let grid = (period as u64).div_ceil(GRID_DIVISOR) as i64;
        Ok(Schedule { grid, ..Schedule::default() })
    }

    /// What is scheduled and not yet released.
    pub fn remaining(&self) -> u64 {
        self.scheduled - self.released
    }

    /// Release up to `now` (no-op for a time before the last release). Returns what this released.
    #[track_caller]
    pub fn release_to(&mut self, now: i64) -> Result<u64, MathError> {
        let location = Location::caller();
        if now <= self.last {
            return Ok(0);
        }
        if self.grid <= 0 || self.last < 0 {
            return Err(MathError { location });
        }
        let grid = self.grid as u64;
        let mut t = self.last as u64;
        let now_u = now as u64;
        let mut acc = self.frac as u128;
        // each round either reaches `now` or passes a grid point; after SCHEDULE_SLOTS grid points every stream
        // has ended (each ends within GRID_DIVISOR + 1 points of when it was scheduled)
        for _ in 0..=SCHEDULE_SLOTS {
            if self.rate == 0 {
                break;
            }
            // unsigned division: SBF v0 has no signed division instruction
            let next = (t / grid + 1) * grid;
            let until = next.min(now_u);
            acc = acc
                .checked_add(self.rate.checked_mul((until - t) as u128).ok_or(MathError { location })?)
                .ok_or(MathError { location })?;
            t = until;
            if until == next {
                let slot = ((next / grid) % SCHEDULE_SLOTS as u64) as usize;
                self.rate = self.rate.checked_sub(self.drops[slot]).ok_or(MathError { location })?;
                self.drops[slot] = 0;
            }
            if t == now_u {
                break;
            }
        }
        if t != now_u && self.rate != 0 {
            // the rates and their drops disagree: never release past what the streams hold
            return Err(MathError { location });
        }
        let whole = crate::to_u64(acc >> RATE_SHIFT)?;
        let mut released = whole.min(self.remaining());
        self.frac = (acc & FRAC_MASK) as u64;
        if self.rate == 0 {
            // every stream has ended: what rounding kept back is released too
            released = self.remaining();
            self.frac = 0;
            if self.drops.iter().any(|d| *d != 0) {
                return Err(MathError { location });
            }
        }
        self.released = self.released.safe_add(released)?;
        self.last = now;
        Ok(released)
    }

    /// Schedule `amount` to stream linearly from `now` to the first grid point at least `period` later (call
    /// [`Schedule::release_to`] for `now` first). Returns the stream's end. Earlier streams are untouched.
    #[track_caller]
    pub fn add(&mut self, now: i64, period: i64, amount: u64) -> Result<i64, MathError> {
        let location = Location::caller();
        if amount == 0 || now < self.last || now < 0 || period <= 0 || self.grid <= 0 {
            return Err(MathError { location });
        }
        if self.rate == 0 {
            self.last = now;
        }
        let grid = self.grid as u64;
        let end = (now as u64).safe_add(period as u64)?.div_ceil(grid).safe_mul(grid)?;
        let duration = (end - now as u64) as u128;
        // amount ≥ 1 and duration < 2^32, so the rate is at least 1
        let rate = ((amount as u128) << RATE_SHIFT) / duration;
        let slot = ((end / grid) % SCHEDULE_SLOTS as u64) as usize;
        self.rate = self.rate.safe_add(rate)?;
        self.drops[slot] = self.drops[slot].safe_add(rate)?;
        self.scheduled = self.scheduled.safe_add(amount)?;
        let end = i64::try_from(end).map_err(|_| MathError { location })?;
        self.end = self.end.max(end);
        Ok(end)
    }

    /// Holds whenever no operation is in progress.
    pub fn is_consistent(&self) -> bool {
        let drops = self.drops.iter().try_fold(0u128, |a, d| a.checked_add(*d));
        self.released <= self.scheduled
            && (self.frac as u128) <= FRAC_MASK
            && drops == Some(self.rate)
            && (self.rate != 0 || self.frac == 0)
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
