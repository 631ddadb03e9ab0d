//! Aggregation of oracle submissions, in the manner of a Switchboard On-Demand pull feed: the accepted value is
//! the median of at least `min_responses` submissions no older than `max_staleness` slots, refused when their
//! relative spread `(max − min) / median` exceeds `max_variance_bps`.

/// At most this many submissions are aggregated at once (Switchboard keeps 32).
pub const MAX_SAMPLES: usize = 32;

/// One submission: the value and the slot it was made at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub value: u64,
    pub slot: u64,
}

/// Why no value can be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateError {
    /// Fewer than `min_responses` submissions at all.
    InsufficientResponses,
    /// Enough submissions, but fewer than `min_responses` of them are fresh.
    Stale,
    /// The fresh submissions disagree by more than `max_variance_bps` of their median.
    ExcessiveVariance,
}

/// The rules a feed applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AggregationRules {
    pub min_responses: u8,
    pub max_staleness_slots: u64,
    pub max_variance_bps: u16,
}

/// Whether a submission at `slot` is fresh at `now_slot` (a future slot counts as fresh).
pub fn is_fresh(slot: u64, now_slot: u64, max_staleness_slots: u64) -> bool {
    now_slot.saturating_sub(slot) <= max_staleness_slots
}

/// Median of `values` (sorted in place); for an even count, `mean_of_two` of the middle values. `None` if empty.
fn median_with<T: Ord + Copy>(values: &mut [T], mean_of_two: impl Fn(T, T) -> T) -> Option<T> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { mean_of_two(values[n / 2 - 1], values[n / 2]) })
}

/// Median of `values` (sorted in place); the mean of the two middle values, rounded down, for an even count.
/// `None` for an empty slice.
pub fn median(values: &mut [u64]) -> Option<u64> {
    median_with(values, |a, b| ((a as u128 + b as u128) / 2) as u64)
}

/// Median of signed values (sorted in place), the two middles' mean rounded toward negative infinity.
pub fn median_signed(values: &mut [i64]) -> Option<i64> {
    median_with(values, |a, b| (a as i128 + b as i128).div_euclid(2) as i64)
}

/// Whether `(max − min) / median ≤ max_variance_bps / 10 000` (exact, in u128; a zero median allows no spread).
pub fn within_variance(min: u64, max: u64, median: u64, max_variance_bps: u16) -> bool {
    (max - min) as u128 * 10_000 <= max_variance_bps as u128 * median as u128
}

/// The accepted value of `samples` under `rules` at `now_slot`, and how many fresh samples it used.
/// Only the first [`MAX_SAMPLES`] samples are considered.
pub fn aggregate(
    samples: &[Sample],
    rules: &AggregationRules,
    now_slot: u64,
) -> Result<(u64, usize), AggregateError> {
    let samples = &samples[..samples.len().min(MAX_SAMPLES)];
    let min = rules.min_responses.max(1) as usize;
    if samples.len() < min {
        return Err(AggregateError::InsufficientResponses);
    }
    let mut fresh = [0u64; MAX_SAMPLES];
    let mut n = 0;
    for s in samples {
        if is_fresh(s.slot, now_slot, rules.max_staleness_slots) {
            fresh[n] = s.value;
            n += 1;
        }
    }
    if n < min {
        return Err(AggregateError::Stale);
    }
    let fresh = &mut fresh[..n];
    let med = median(fresh).ok_or(AggregateError::InsufficientResponses)?; // sorted now
    if !within_variance(fresh[0], fresh[n - 1], med, rules.max_variance_bps) {
        return Err(AggregateError::ExcessiveVariance);
    }
    Ok((med, n))
}
