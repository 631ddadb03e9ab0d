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

    /// The newest observation at or before `target`, and the next newer one if any.
    pub fn around(&self, target: i64) -> (Option<&Observation>, Option<&Observation>) {
        let mut newer = None;
        for i in 0..self.count as usize {
            let o = &self.entries[(self.head as usize + OBSERVATION_CAPACITY - i) % OBSERVATION_CAPACITY];
            if o.timestamp <= target {
                return (Some(o), newer);
            }
            newer = Some(o);
        }
        (None, newer)
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.count as usize <= OBSERVATION_CAPACITY, AmmError::InvariantViolated);
        require!((self.head as usize) < OBSERVATION_CAPACITY, AmmError::InvariantViolated);
        Ok(())
    }
}

/// The pool's time-weighted **geometric-mean** price over exactly the last `window` seconds before `now`, USDC
/// base units per PST base unit ×2^64 (see `pst_math::twap`: robust to a short extreme spell).
///
/// The log-price cumulative at `now − window` is exact when the price has not changed since then (the pool's own
/// accumulator); otherwise it is interpolated between the two recorded points around it (the observations, and
/// the pool's latest update), which is exact when the price did not change between them and otherwise spreads
/// their average linearly. Errors: `InvalidTwapWindow` outside [`MIN_TWAP_WINDOW_SECS`,
/// `MAX_TWAP_WINDOW_SECS`]; `TwapWindowNotCovered` when no observation is that old (a new pool, or a window
/// longer than the buffer holds); `WrongObservations` for another pool's buffer.
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
    let end = pool.cumulative_at(now)?;
    let start = if target >= pool.last_update_ts {
        // the price in force now has held since before the window began
        let before = (now - target) as u64;
        end.wrapping_sub((pool.log_price()? as u128).wrapping_mul(before as u128))
    } else {
        let (at, newer) = observations.around(target);
        let at = at.ok_or(AmmError::TwapWindowNotCovered)?;
        // the next recorded point: a newer observation, or the pool's latest update
        let (t1, c1) = match newer {
            Some(o) if o.timestamp < pool.last_update_ts => (o.timestamp, o.cumulative()),
            _ => (pool.last_update_ts, pool.price_cumulative),
        };
        if at.timestamp == target {
            at.cumulative()
        } else {
            twap::interpolate(at.timestamp, at.cumulative(), t1, c1, target).or_overflow()?
        }
    };
    twap::geometric_mean(start, end, window as u64).or_overflow()
}
