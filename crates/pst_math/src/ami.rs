//! Automated Market Intelligence: per-merchant metrics recomputed from the history of accepted periods.
//!
//! Every function takes any values the types admit and never overflows: sums are kept in 128 bits, ratios are
//! computed in 128 bits and clamped to their 64-bit result type, and the volatility works on values scaled down
//! so that squares cannot overflow (the coefficient of variation does not depend on the scale).

/// Periods of history kept on chain.
pub const HISTORY: usize = 24;
/// Seconds in a year (365 days): everything annualised is scaled to it from the feed's period length.
pub const YEAR_SECS: u64 = 365 * 86_400;

/// Periods in a year for a feed whose periods last `period_secs`, rounded to the nearest whole period (at least 1):
/// 12 for 30-day periods, 52 for weekly, 365 for daily, 4 for 91-day quarters.
pub fn periods_per_year(period_secs: u64) -> u64 {
    let p = period_secs.max(1);
    ((YEAR_SECS + p / 2) / p).max(1)
}

/// How many of the newest periods make up the trailing year: a year's worth, or all the history holds when a
/// year has more periods than [`HISTORY`] (daily feeds), and never more than `len`.
pub fn trailing_window(period_secs: u64, len: usize) -> usize {
    (periods_per_year(period_secs).min(HISTORY as u64) as usize).min(len)
}

/// Scale a sum over `periods` periods of `period_secs` each to a year: `sum × YEAR_SECS / (periods × period_secs)`,
/// rounded toward zero. 0 for no periods.
pub fn annualise(sum: i128, periods: usize, period_secs: u64) -> i128 {
    let span = periods as i128 * period_secs.max(1) as i128;
    if span == 0 {
        return 0;
    }
    // |sum| < 2^64 × 24 < 2^69, × 2^25 < 2^94: no overflow
    sum * YEAR_SECS as i128 / span
}

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
    /// Closing inventory value of the period (at cost), USDC base units.
    pub inventory: u64,
}

/// Health thresholds: coverage below `WATCH_COVERAGE_BPS`, a short latest period, or days of inventory below the
/// protocol's floor puts a merchant on Watch; coverage below `DEFAULT_COVERAGE_BPS` is a Default.
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
    /// Revenue of the trailing window ([`trailing_window`]) scaled to a year ([`annualise`]).
    pub annual_revenue: u128,
    /// Earnings of the trailing window scaled to a year.
    pub annual_earnings: i128,
    /// Latest period over the one before, bps; `None` without two periods or with a zero base.
    pub growth_pop_bps: Option<i64>,
    /// Latest period over the period one year (`periods_per_year`) before, bps; `None` without that history
    /// (a year back must lie within [`HISTORY`]) or with a zero base.
    pub growth_yoy_bps: Option<i64>,
    /// Coefficient of variation of the trailing window's revenue (standard deviation / mean), bps.
    pub volatility_bps: u64,
    /// Share paid / share due over the trailing window, bps (10 000 when nothing was due).
    pub coverage_bps: u64,
    /// Days of inventory of the latest period, hundredths of a day ([`latest_inventory_days_x100`]: against the
    /// larger of its revenue and the trailing average); `None` without history.
    pub inventory_days_x100: Option<u64>,
    /// Change of the days of inventory from the period before to the latest, bps (`None` without two periods
    /// or with a zero base).
    pub inventory_trend_bps: Option<i64>,
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

/// Hundredths of a day in a day: days of inventory are kept as `days × 100`.
pub const DAYS_X100: u64 = 100;

/// Days of inventory: the closing inventory over a daily revenue (`revenue × 86 400 / period_secs`, `revenue`
/// being a period's worth: see [`days_basis`]), in hundredths of a day, rounded down (a merchant never looks
/// better stocked than it is). No revenue is no evidence of cover: 0.
pub fn inventory_days_x100(inventory: u64, revenue: u64, period_secs: u64) -> u64 {
    if revenue == 0 {
        return 0;
    }
    // inventory × period_secs × 100 < 2^64 × 2^23 × 2^7 = 2^94: no overflow
    let num = inventory as u128 * period_secs.max(1) as u128 * DAYS_X100 as u128;
    clamp_u64(num / (revenue as u128 * 86_400))
}

/// The period's worth of revenue that the newest period's stock is measured against: the larger of that
/// period's own revenue and the average per period over the trailing window ending with it. A period whose sales
/// collapse (or are kept off the books) then cannot make the same stock look like more days of cover than the
/// store's usual sales give; a period selling more than usual is measured against what it sold.
pub fn days_basis(history: &[PeriodPoint], period_secs: u64) -> u64 {
    let n = history.len();
    let Some(last) = history.last() else { return 0 };
    let window = &history[n - trailing_window(period_secs, n)..];
    let sum: u128 = window.iter().map(|p| p.revenue as u128).sum();
    let average = sum / window.len().max(1) as u128;
    (last.revenue as u128).max(average) as u64 // the average of u64s fits a u64
}

/// Days of inventory of the newest period of `history` (at most [`HISTORY`] points are read: the newest), or
/// `None` for no history.
pub fn latest_inventory_days_x100(history: &[PeriodPoint], period_secs: u64) -> Option<u64> {
    let history = &history[history.len().saturating_sub(HISTORY)..];
    let last = history.last()?;
    Some(inventory_days_x100(last.inventory, days_basis(history, period_secs), period_secs))
}

/// Whether the days of inventory lie below the floor (`floor_days` whole days; 0 disables the rule).
pub fn below_inventory_floor(days_x100: Option<u64>, floor_days: u16) -> bool {
    match days_x100 {
        Some(days) => floor_days > 0 && days < floor_days as u64 * DAYS_X100,
        None => false,
    }
}

/// Health from the coverage ratio, whether the latest period was short beyond the tolerance, and whether its
/// days of inventory lie below the floor.
pub fn health(coverage_bps: u64, latest_short: bool, below_floor: bool) -> Health {
    if coverage_bps < DEFAULT_COVERAGE_BPS {
        Health::Default
    } else if coverage_bps < WATCH_COVERAGE_BPS || latest_short || below_floor {
        Health::Watch
    } else {
        Health::Healthy
    }
}

/// A Watch merchant may withdraw at most this share of its approved per-period limit, bps.
pub const WATCH_LIMIT_BPS: u64 = 5_000;
/// The inventory-cover factor never goes below this, bps: the lowest limit short of a Default is
/// `WATCH_LIMIT_BPS × MIN_COVER_FACTOR_BPS` (12.5% of the approved limit).
pub const MIN_COVER_FACTOR_BPS: u64 = 2_500;

/// The inventory-cover factor, bps: days of inventory over the floor, between [`MIN_COVER_FACTOR_BPS`] and
/// 10 000 (10 000 with no floor or no history yet).
pub fn cover_factor_bps(days_x100: Option<u64>, floor_days: u16) -> u64 {
    match days_x100 {
        Some(days) if floor_days > 0 => {
            let floor = floor_days as u128 * DAYS_X100 as u128;
            clamp_u64(days as u128 * 10_000 / floor).clamp(MIN_COVER_FACTOR_BPS, 10_000)
        }
        _ => 10_000,
    }
}

/// The limit while the period just ended is not accepted yet: the metrics then still judge an older period (a
/// merchant that ran its stock down in it must not withdraw in full before it is judged), so at most the lowest
/// limit short of a Default, `approved × WATCH_LIMIT_BPS × MIN_COVER_FACTOR_BPS / 10⁸` (12.5%), rounded down.
pub fn unjudged_limit(approved: u64) -> u64 {
    clamp_u64(approved as u128 * WATCH_LIMIT_BPS as u128 * MIN_COVER_FACTOR_BPS as u128 / 100_000_000)
}

/// The per-period withdrawal limit (automated withdrawal controls), from the approved limit:
/// - **Healthy**: `approved`;
/// - **Watch**: `approved × WATCH_LIMIT_BPS × cover / 10⁸`, where `cover` is [`cover_factor_bps`]: half the
///   approved limit with inventory at or above the floor, falling in proportion to the days of inventory below
///   it, to 12.5% at a quarter of the floor or less;
/// - **Default**: 0 (frozen; `pst_mint::withdraw_settlement` treats a Default whose shortfalls are covered and
///   stake restored as Watch).
///
/// Rounded down; never above `approved`.
pub fn withdrawal_limit(approved: u64, health: Health, days_x100: Option<u64>, floor_days: u16) -> u64 {
    match health {
        Health::Healthy => approved,
        Health::Default => 0,
        Health::Watch => {
            let factor = WATCH_LIMIT_BPS as u128 * cover_factor_bps(days_x100, floor_days) as u128;
            // approved × factor < 2^64 × 2^27: no overflow
            clamp_u64(approved as u128 * factor / 100_000_000)
        }
    }
}

/// Recompute every metric from `history` (oldest first, at most [`HISTORY`] points are read: the newest) of a
/// feed whose periods last `period_secs`. `latest_short` says whether the newest period's share fell short of
/// what was due beyond the tolerance; `inventory_floor_days` is the protocol's floor of days of inventory (0:
/// none). Nothing assumes a number of periods per year: the trailing window, the
/// year-over-year lag and the annualisation all come from `period_secs`.
pub fn compute(
    history: &[PeriodPoint],
    latest_short: bool,
    period_secs: u64,
    inventory_floor_days: u16,
) -> Metrics {
    let history = &history[history.len().saturating_sub(HISTORY)..];
    let n = history.len();
    let window = &history[n - trailing_window(period_secs, n)..];
    let revenue_sum: u128 = window.iter().map(|p| p.revenue as u128).sum();
    let earnings_sum: i128 = window.iter().map(|p| p.earnings as i128).sum();
    let annual_revenue = annualise(revenue_sum as i128, window.len(), period_secs) as u128;
    let annual_earnings = annualise(earnings_sum, window.len(), period_secs);
    let growth_pop_bps =
        if n >= 2 { growth_bps(history[n - 1].revenue, history[n - 2].revenue) } else { None };
    let lag = periods_per_year(period_secs);
    let growth_yoy_bps = if (lag as usize) < n {
        growth_bps(history[n - 1].revenue, history[n - 1 - lag as usize].revenue)
    } else {
        None
    };
    let mut revenues = [0u64; HISTORY];
    for (slot, p) in revenues.iter_mut().zip(window) {
        *slot = p.revenue;
    }
    let volatility_bps = coefficient_of_variation_bps(&revenues[..window.len()]);
    let due: u128 = window.iter().map(|p| p.share_due as u128).sum();
    let paid: u128 = window.iter().map(|p| p.share_paid as u128).sum();
    // 24 × 2^64 × 10^4 < 2^84: no overflow
    let coverage_bps = (paid * 10_000).checked_div(due).map_or(10_000, clamp_u64);
    let inventory_days = latest_inventory_days_x100(history, period_secs);
    let before = latest_inventory_days_x100(&history[..n.saturating_sub(1)], period_secs);
    let inventory_trend_bps = match (inventory_days, before) {
        (Some(now), Some(before)) => growth_bps(now, before),
        _ => None,
    };
    let below_floor = below_inventory_floor(inventory_days, inventory_floor_days);
    Metrics {
        annual_revenue,
        annual_earnings,
        growth_pop_bps,
        growth_yoy_bps,
        volatility_bps,
        coverage_bps,
        inventory_days_x100: inventory_days,
        inventory_trend_bps,
        health: health(coverage_bps, latest_short, below_floor),
    }
}

/// Whole days from `last_report_ts` to `now` (0 if `now` is earlier).
pub fn days_since(last_report_ts: i64, now: i64) -> u64 {
    (now as i128 - last_report_ts as i128).max(0) as u64 / 86_400
}
