//! The pool's TWAP read (`amm_pool::state::{observe, twap_q64}`) against a brute-force model, on random price
//! paths: prices changing at random times (several in one second, many within the observation spacing, long
//! quiet stretches, enough changes to wrap the ring buffer) and reads of random windows at random times.
//!
//! The model keeps every price segment, so it knows the true log-price cumulative at any second. The read must
//! equal the true geometric mean over the window exactly wherever the records name the price at its start (from
//! a record's `since` to its timestamp, at an observation, or since the pool's last update); anywhere else the
//! window starts inside one unrecorded gap (an observation to the last change before the next record, shorter
//! than the spacing) and the read must equal the true geometric mean from the end of that gap to now. A window
//! the buffer does not reach is refused with `TwapWindowNotCovered`, and only such a window.
use amm_pool::{
    constants::{MAX_TWAP_WINDOW_SECS, MIN_TWAP_WINDOW_SECS, OBSERVATION_CAPACITY, OBSERVATION_SPACING_SECS},
    errors::AmmError,
    state::{observe, twap_q64, Observation, Observations, Pool},
};
use anchor_lang::{prelude::Pubkey, AccountDeserialize};
use proptest::prelude::*;
use pst_math::twap::geometric_mean;

const HOUR: i64 = 3_600;

const T0: i64 = 1_700_000_000;
const RESERVE_PST: u64 = 1_000_000_000_000;

/// A pool at `T0` with `usdc` in its USDC reserve, and its buffer as `initialize_pool` leaves them.
fn new_pool(key: &Pubkey, usdc: u64) -> (Pool, Box<Observations>) {
    let zeros = vec![0u8; 8 + 1_024];
    let mut pool = Pool::try_deserialize_unchecked(&mut &zeros[..]).expect("a zeroed pool");
    pool.reserve_pst = RESERVE_PST;
    pool.reserve_usdc = usdc;
    pool.last_update_ts = T0;
    let mut obs: Box<Observations> = Box::new(bytemuck::Zeroable::zeroed());
    obs.pool = *key;
    obs.record(T0, 0, T0, pool.log_price().unwrap());
    (pool, obs)
}

/// The price path: `(from, log price)` segments in time order (a later segment at the same second replaces the
/// price without holding it).
struct Path(Vec<(i64, u32)>);

impl Path {
    /// The true cumulative at `t`: Σ log × seconds held, from `T0`.
    fn cumulative(&self, t: i64) -> u128 {
        let mut c = 0u128;
        for (i, &(from, log)) in self.0.iter().enumerate() {
            let to = self.0.get(i + 1).map_or(i64::MAX, |s| s.0).min(t);
            if to > from {
                c += log as u128 * (to - from) as u128;
            }
        }
        c
    }
}

/// The entries the buffer holds, by a linear scan (independent of the read's binary search).
fn entries(obs: &Observations) -> Vec<Observation> {
    let mut all: Vec<Observation> = obs.entries[..obs.count as usize].to_vec();
    all.sort_by_key(|o| o.timestamp);
    all
}

fn event() -> impl Strategy<Value = (i64, u64)> {
    let dt = prop_oneof![2 => Just(0i64), 5 => 1i64..OBSERVATION_SPACING_SECS, 5 => 1i64..4 * HOUR];
    // prices from 0.01 to 100 USDC per PST
    (dt, 10_000_000_000u64..100_000_000_000_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_read_counts_exactly_the_prices_that_held_in_the_window(
        usdc0 in 10_000_000_000u64..100_000_000_000_000,
        events in prop::collection::vec(event(), 1..1_000),
        extra in 0i64..3 * HOUR,
        window_ppm in 0u64..1_100_000,
        start_in_a_gap in any::<bool>(),
        record in any::<prop::sample::Index>(),
        offset in 1i64..OBSERVATION_SPACING_SECS,
    ) {
        let key = Pubkey::new_unique();
        let (mut pool, mut obs) = new_pool(&key, usdc0);
        let mut path = Path(vec![(T0, pool.log_price().unwrap())]);
        let mut t = T0;
        for (dt, usdc) in events {
            t += dt;
            observe(&mut pool, &mut obs, t).unwrap();
            pool.reserve_usdc = usdc;
            path.0.push((t, pool.log_price().unwrap()));
            obs.invariant().unwrap();
        }
        // the accumulator is the true cumulative at the pool's last update
        prop_assert_eq!(pool.last_update_ts, t);
        prop_assert_eq!(pool.price_cumulative, path.cumulative(t));
        let all = entries(&obs);
        // a window that starts anywhere in the pool's life (and before it), or just after a record, where a gap
        // the buffer cannot replay may begin (the newest record's gap runs to the pool's last update)
        let last_gap = start_in_a_gap && record.index(3) == 0;
        let now = t + extra;
        let wanted = if start_in_a_gap {
            let chosen = if last_gap { all.last().unwrap() } else { record.get(&all) };
            now - (chosen.timestamp + offset)
        } else {
            (now - T0) * window_ppm as i64 / 1_000_000
        };
        let window = wanted.clamp(MIN_TWAP_WINDOW_SECS, MAX_TWAP_WINDOW_SECS);
        let target = now - window;
        let read = twap_q64(&pool, &key, &obs, now, window);
        let reach = all[0].since;
        if (obs.count as usize) < OBSERVATION_CAPACITY {
            prop_assert_eq!(reach, T0, "an unwrapped buffer reaches back to the pool's opening");
        }
        if target < reach {
            prop_assert_eq!(read.unwrap_err(), anchor_lang::error::Error::from(AmmError::TwapWindowNotCovered));
            return Ok(());
        }
        let read = read.unwrap();
        let at = all.iter().rev().find(|o| o.timestamp <= target);
        let next = all.iter().find(|o| o.timestamp > target);
        let named = target >= pool.last_update_ts
            || next.is_some_and(|n| target >= n.since)
            || at.is_some_and(|a| a.timestamp == target);
        // where the read must start: the window's start, or the end of the gap it falls in
        let from = if named {
            target
        } else {
            let a = at.unwrap().timestamp;
            let b = next.map_or(pool.last_update_ts, |n| n.since);
            prop_assert!(a < target && target < b && b - a < OBSERVATION_SPACING_SECS, "a gap [{a}, {b}]");
            b
        };
        let exact = geometric_mean(path.cumulative(from), path.cumulative(now), (now - from) as u64).unwrap();
        prop_assert_eq!(read, exact);
    }
}
