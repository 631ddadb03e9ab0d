use crate::{constants::*, errors::*, state::Pool};
use anchor_lang::prelude::*;
use pst_math::twap;

/// One TWAP observation: the pool's log-price cumulative at `timestamp` (a u128 stored as two u64 halves so the
/// zero-copy layout is identical on every target), and the price that was in force just before it: `log_price`
/// held from `since` (the pool's previous update) until `timestamp`, so the cumulative is exact anywhere in
/// `[since, timestamp]`.
#[zero_copy]
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Observation {
    pub timestamp: i64,
    pub since: i64,
    pub cumulative_lo: u64,
    pub cumulative_hi: u64,
    pub log_price: u32,
    pub padding: u32,
}

impl Observation {
    pub fn cumulative(&self) -> u128 {
        (self.cumulative_hi as u128) << 64 | self.cumulative_lo as u128
    }

    /// The cumulative at `t` in `[since, timestamp]`, exactly (the price was `log_price` throughout).
    pub fn cumulative_before(&self, t: i64) -> u128 {
        let back = self.timestamp.saturating_sub(t).max(0) as u128;
        self.cumulative().wrapping_sub((self.log_price as u128).wrapping_mul(back))
    }
}

/// The pool's TWAP ring buffer. PDA `["observations", pool]`; zero-copy, so a trade touches only the entry it
/// writes. Every instruction that can move the price (swaps, deposits, withdrawals and the `harvest_dividends`
/// crank, through `dividends::begin_harvest`) records, before it changes the reserves, at most once every
/// `OBSERVATION_SPACING_SECS`. Since each record also keeps the price in force before it and when that price
/// began, the only stretch of the past the buffer cannot replay exactly is the under-`OBSERVATION_SPACING_SECS`
/// gap between an observation and the last price change before the next one.
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

    /// The oldest entry kept. A TWAP window can reach back to its `since`.
    pub fn oldest(&self) -> Option<&Observation> {
        (self.count > 0).then(|| self.back(self.count as usize - 1))
    }

    /// The `i`-th entry counting back from the newest (0 is the newest; `i < count`).
    fn back(&self, i: usize) -> &Observation {
        &self.entries[(self.head as usize + OBSERVATION_CAPACITY - i) % OBSERVATION_CAPACITY]
    }

    /// Record the cumulative `cumulative` at `now`, after the price `log_price` held since `since`, unless the
    /// newest entry is less than the spacing old. Returns whether it wrote.
    pub fn record(&mut self, now: i64, cumulative: u128, since: i64, log_price: u32) -> bool {
        if let Some(newest) = self.newest() {
            if now.saturating_sub(newest.timestamp) < OBSERVATION_SPACING_SECS {
                return false;
            }
        }
        let head = if self.count == 0 { 0 } else { (self.head as usize + 1) % OBSERVATION_CAPACITY };
        self.entries[head] = Observation {
            timestamp: now,
            since,
            cumulative_lo: cumulative as u64,
            cumulative_hi: (cumulative >> 64) as u64,
            log_price,
            padding: 0,
        };
        self.head = head as u64;
        self.count = (self.count + 1).min(OBSERVATION_CAPACITY as u64);
        true
    }

    /// The newest observation at or before `target`, and the next newer one if any (binary search: timestamps
    /// increase from the oldest entry to the newest).
    pub fn around(&self, target: i64) -> (Option<&Observation>, Option<&Observation>) {
        let count = self.count as usize;
        // the number of entries newer than `target`, in [0, count]: entries back(0..newer) are all > target
        let (mut lo, mut hi) = (0usize, count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.back(mid).timestamp > target {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let at = (lo < count).then(|| self.back(lo));
        let newer = (lo > 0).then(|| self.back(lo - 1));
        (at, newer)
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.count as usize <= OBSERVATION_CAPACITY, AmmError::InvariantViolated);
        require!((self.head as usize) < OBSERVATION_CAPACITY, AmmError::InvariantViolated);
        Ok(())
    }
}

/// Bring the pool's TWAP accumulator to `now` with the price in force until now and record an observation (with
/// that price and when it began). Call before anything changes the reserves.
pub fn observe(pool: &mut Pool, observations: &mut Observations, now: i64) -> Result<()> {
    // the cluster's clock does not run backwards; should it, the record keeps `since ≤ timestamp`
    let now = now.max(pool.last_update_ts);
    let since = pool.last_update_ts;
    let log_price = pool.log_price()?;
    pool.accumulate(now, log_price);
    observations.record(now, pool.price_cumulative, since, log_price);
    Ok(())
}

/// The pool's time-weighted **geometric-mean** price over the last `window` seconds before `now`, USDC base units
/// per PST base unit ×2^64 (see `pst_math::twap`: robust to a short extreme spell). Only prices that held inside
/// the window count, each exactly for the seconds it held.
///
/// The window's start `target = now − window` is taken exactly when the price has not changed since then (the
/// pool's own accumulator), when a record names the price there (from an observation's `since` to its
/// timestamp), or at an observation. Otherwise `target` lies in the one stretch the buffer cannot replay: the
/// gap of under `OBSERVATION_SPACING_SECS` between an observation and the last price change before the next
/// record. Then the mean starts at the end of that gap instead, the first point after `target` whose cumulative
/// is known: the window loses under `OBSERVATION_SPACING_SECS` at its start and never reads a price from before
/// it. Errors: `InvalidTwapWindow` outside [`MIN_TWAP_WINDOW_SECS`, `MAX_TWAP_WINDOW_SECS`] (the minimum is twice
/// the spacing, so at least half of any window is read); `TwapWindowNotCovered` when the buffer does not reach
/// back to `target` (a new pool, or a window longer than the buffer holds); `WrongObservations` for another
/// pool's buffer.
///
/// This is the one function other programs (`alar_reserve`, `yield_tranches`) read the price through.
pub fn twap_q64(
    pool: &Pool,
    pool_key: &Pubkey,
    observations: &Observations,
    now: i64,
    window: i64,
) -> Result<u128> {
    require!((MIN_TWAP_WINDOW_SECS..=MAX_TWAP_WINDOW_SECS).contains(&window), AmmError::InvalidTwapWindow);
    require_keys_eq!(observations.pool, *pool_key, AmmError::WrongObservations);
    let target = now.checked_sub(window).ok_or(AmmError::MathOverflow)?;
    let log_now = pool.log_price()?;
    let end = pool.cumulative_at(now, log_now);
    // where the mean starts and the cumulative there
    let (from, start) = if target >= pool.last_update_ts {
        // the price in force now has held since before the window began
        (target, end.wrapping_sub((log_now as u128).wrapping_mul(window as u128)))
    } else {
        let (at, newer) = observations.around(target);
        match newer {
            // the price the next record names held from its `since`
            Some(o) if target >= o.since => (target, o.cumulative_before(target)),
            _ => {
                let at = at.ok_or(AmmError::TwapWindowNotCovered)?;
                match newer {
                    _ if at.timestamp == target => (target, at.cumulative()),
                    // inside a gap: start where it ends
                    Some(o) => (o.since, o.cumulative_before(o.since)),
                    None => (pool.last_update_ts, pool.price_cumulative),
                }
            }
        }
    };
    let span = now.checked_sub(from).filter(|s| *s > 0).ok_or(AmmError::MathOverflow)?;
    twap::geometric_mean(start, end, span as u64).or_overflow()
}
