//! Automated Market Intelligence: per-merchant metrics recomputed from the history of accepted periods.
//!
//! Every function takes any values the types admit and never overflows: sums are kept in 128 bits, ratios are
//! computed in 128 bits and clamped to their 64-bit result type, and the volatility works on values scaled down
//! so that squares cannot overflow (the coefficient of variation does not depend on the scale).

/// Periods of history kept on chain.
pub const HISTORY: usize = 24;
/// Periods in a year (periods are months).
pub const PERIODS_PER_YEAR: usize = 12;

/// One accepted period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodPoint {
    pub period: u32,
    /// Gross revenue, USDC base units.
    pub revenue: u64,
    /// Net earnings, USDC base units (negative for a loss).
    pub earnings: i64,
    /// Revenue share due to holders for the period: `share_bps × revenue`.
    pub share_due: u64,
    /// Revenue share actually swept to holders for the period.
    pub share_paid: u64,
}

/// Health thresholds: coverage below `WATCH_COVERAGE_BPS` or a short latest period puts a merchant on Watch;
/// coverage below `DEFAULT_COVERAGE_BPS` is a Default.
pub const WATCH_COVERAGE_BPS: u64 = 9_500;
pub const DEFAULT_COVERAGE_BPS: u64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Healthy,
    Watch,
    Default,
}

/// Metrics derived from the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metrics {
    /// Sum of the last 12 periods' revenue.
    pub trailing_revenue: u128,
    /// Sum of the last 12 periods' earnings.
    pub trailing_earnings: i128,
    /// Latest period over the one before, bps; `None` without two periods or with a zero base.
    pub growth_pop_bps: Option<i64>,
    /// Latest period over the same period a year before, bps; `None` without 13 periods or with a zero base.
    pub growth_yoy_bps: Option<i64>,
    /// Coefficient of variation of the last 12 periods' revenue (standard deviation / mean), bps.
    pub volatility_bps: u64,
    /// Share paid / share due over the last 12 periods, bps (10 000 when nothing was due).
    pub coverage_bps: u64,
    pub health: Health,
}

fn clamp_i64(v: i128) -> i64 {
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

fn clamp_u64(v: u128) -> u64 {
    v.min(u64::MAX as u128) as u64
}

/// Growth of `current` over `base` in bps (rounded toward zero), `None` for a zero base.
pub fn growth_bps(current: u64, base: u64) -> Option<i64> {
    if base == 0 {
        return None;
    }
    // |current − base| × 10 000 < 2^64 × 2^14 fits in i128
    Some(clamp_i64((current as i128 - base as i128) * 10_000 / base as i128))
}

/// Coefficient of variation (population standard deviation / mean) of `values`, in bps; 0 for fewer than two
/// values or a zero mean. At most [`HISTORY`] values.
pub fn coefficient_of_variation_bps(values: &[u64]) -> u64 {
    let values = &values[..values.len().min(HISTORY)];
    let n = values.len() as u128;
    if n < 2 {
        return 0;
    }
    // scale down so every value < 2^56: squares < 2^112, and 24 of them (times n ≤ 24) < 2^122
    let max = values.iter().copied().max().unwrap_or(0);
    let shift = (64 - max.leading_zeros()).saturating_sub(56);
    let sum: u128 = values.iter().map(|v| (v >> shift) as u128).sum();
    if sum == 0 {
        return 0;
    }
    // variance × n² = n·Σx² − (Σx)², exact in integers
    let sum_sq: u128 = values.iter().map(|v| ((v >> shift) as u128).pow(2)).sum();
    let var_n2 = (n * sum_sq).saturating_sub(sum * sum);
    // cv = std / mean = sqrt(variance × n²) / Σx
    clamp_u64(var_n2.isqrt() * 10_000 / sum)
}

/// Health from the coverage ratio and whether the latest period was short beyond the tolerance.
pub fn health(coverage_bps: u64, latest_short: bool) -> Health {
    if coverage_bps < DEFAULT_COVERAGE_BPS {
        Health::Default
    } else if coverage_bps < WATCH_COVERAGE_BPS || latest_short {
        Health::Watch
    } else {
        Health::Healthy
    }
}

/// Recompute every metric from `history` (oldest first, at most [`HISTORY`] points are read: the newest).
/// `latest_short` says whether the newest period's share fell short of what was due beyond the tolerance.
pub fn compute(history: &[PeriodPoint], latest_short: bool) -> Metrics {
    let history = &history[history.len().saturating_sub(HISTORY)..];
    let n = history.len();
    let last12 = &history[n.saturating_sub(PERIODS_PER_YEAR)..];
    let trailing_revenue: u128 = last12.iter().map(|p| p.revenue as u128).sum();
    let trailing_earnings: i128 = last12.iter().map(|p| p.earnings as i128).sum();
    let growth_pop_bps =
        if n >= 2 { growth_bps(history[n - 1].revenue, history[n - 2].revenue) } else { None };
    let growth_yoy_bps = if n > PERIODS_PER_YEAR {
        growth_bps(history[n - 1].revenue, history[n - 1 - PERIODS_PER_YEAR].revenue)
    } else {
        None
    };
    let mut revenues = [0u64; PERIODS_PER_YEAR];
    for (slot, p) in revenues.iter_mut().zip(last12) {
        *slot = p.revenue;
    }
    let volatility_bps = coefficient_of_variation_bps(&revenues[..last12.len()]);
    let due: u128 = last12.iter().map(|p| p.share_due as u128).sum();
    let paid: u128 = last12.iter().map(|p| p.share_paid as u128).sum();
    // 12 × 2^64 × 10^4 < 2^83: no overflow
    let coverage_bps = (paid * 10_000).checked_div(due).map_or(10_000, clamp_u64);
    Metrics {
        trailing_revenue,
        trailing_earnings,
        growth_pop_bps,
        growth_yoy_bps,
        volatility_bps,
        coverage_bps,
        health: health(coverage_bps, latest_short),
    }
}

/// Whole days from `last_report_ts` to `now` (0 if `now` is earlier).
pub fn days_since(last_report_ts: i64, now: i64) -> u64 {
    (now as i128 - last_report_ts as i128).max(0) as u64 / 86_400
}
