use crate::{constants::*, errors::*};
use anchor_lang::prelude::*;
use pst_math::twap;

/// One TWAP observation: the pool's cumulative price at a timestamp (u128 stored as two u64 halves so the
/// zero-copy layout is identical on every target).
#[zero_copy]
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Observation {
    pub timestamp: i64,
    pub cumulative_lo: u64,
    pub cumulative_hi: u64,
}

impl Observation {
    pub fn cumulative(&self) -> u128 {
        (self.cumulative_hi as u128) << 64 | self.cumulative_lo as u128
    }
}

/// The pool's TWAP ring buffer. PDA `["observations", pool]`; zero-copy, so a swap touches only the entry it
/// writes. Swaps and the `harvest_dividends` crank (a harvest moves the price) record the cumulative at most once every
/// `OBSERVATION_SPACING_SECS`.
#[account(zero_copy)]
#[derive(Debug)]
pub struct Observations {
    pub pool: Pubkey,
    /// Index of the newest entry.
    pub head: u64,
    /// Entries written so far (up to the capacity).
    pub count: u64,
    pub entries: [Observation; OBSERVATION_CAPACITY],
}

impl Observations {
    pub const SPACE: usize = 8 + core::mem::size_of::<Observations>();

    pub fn newest(&self) -> Option<&Observation> {
        (self.count > 0).then(|| &self.entries[self.head as usize % OBSERVATION_CAPACITY])
    }

    /// Record `cumulative` at `now` unless the newest entry is less than the spacing old. Returns whether it
    /// wrote.
    pub fn record(&mut self, now: i64, cumulative: u128) -> bool {
        if let Some(newest) = self.newest() {
            if now.saturating_sub(newest.timestamp) < OBSERVATION_SPACING_SECS {
                return false;
            }
        }
        let head = if self.count == 0 { 0 } else { (self.head as usize + 1) % OBSERVATION_CAPACITY };
        self.entries[head] = Observation {
            timestamp: now,
            cumulative_lo: cumulative as u64,
            cumulative_hi: (cumulative >> 64) as u64,
        };
        self.head = head as u64;
        self.count = (self.count + 1).min(OBSERVATION_CAPACITY as u64);
        true
    }

    /// The newest observation at least `window` seconds before `now`, if the buffer reaches that far back.
    pub fn at_or_before(&self, target: i64) -> Option<&Observation> {
        (0..self.count as usize)
            .map(|i| &self.entries[(self.head as usize + OBSERVATION_CAPACITY - i) % OBSERVATION_CAPACITY])
            .find(|o| o.timestamp <= target)
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.count as usize <= OBSERVATION_CAPACITY, AmmError::InvariantViolated);
        require!((self.head as usize) < OBSERVATION_CAPACITY, AmmError::InvariantViolated);
        Ok(())
    }
}

/// The pool's time-weighted average price over (at least) the last `window` seconds before `now`, USDC base
/// units per PST base unit ×2^64. The average runs from the newest observation at or before `now − window` to
/// `now`, so it covers `window` plus at most the spacing between observations. Errors:
/// `InvalidTwapWindow` outside [`MIN_TWAP_WINDOW_SECS`, `MAX_TWAP_WINDOW_SECS`]; `TwapWindowNotCovered` when
/// no observation is that old (a new pool, or swaps too sparse to have been recorded); `WrongObservations` for
/// another pool's buffer.
///
/// This is the one function other programs (`alar_reserve`) read the price through.
pub fn twap_q64(
    pool: &crate::state::Pool,
    pool_key: &Pubkey,
    observations: &Observations,
    now: i64,
    window: i64,
) -> Result<u128> {
    require!((MIN_TWAP_WINDOW_SECS..=MAX_TWAP_WINDOW_SECS).contains(&window), AmmError::InvalidTwapWindow);
    require_keys_eq!(observations.pool, *pool_key, AmmError::WrongObservations);
    let target = now.checked_sub(window).ok_or(AmmError::MathOverflow)?;
    let start = observations.at_or_before(target).ok_or(AmmError::TwapWindowNotCovered)?;
    let elapsed = now.saturating_sub(start.timestamp) as u64; // ≥ window > 0
    twap::average(start.cumulative(), pool.cumulative_at(now)?, elapsed).or_overflow()
}
