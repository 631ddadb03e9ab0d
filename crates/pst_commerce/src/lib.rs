//! The e-commerce platform side of the PST reporter.
//!
//! `pst reporter run` reads a merchant's orders and inventory from a platform and submits, for
//! each ended reporting period, `(gross_revenue: u64, net_earnings: i64, inventory_value: u64)`
//! on chain. This crate provides:
//!
//! * [`CommercePlatform`], the small trait a platform adapter implements (Shopify now; Amazon
//!   SP-API or a CSV export can follow);
//! * [`shopify::Shopify`], the Shopify Admin REST adapter (its module doc defines gross, refunds,
//!   COGS and inventory for Shopify data);
//! * [`period_data`], the aggregation of a period with its consistency checks, returning a
//!   [`Refusal`] instead of numbers whenever the period must not be submitted;
//! * `mock` (feature `mock`), a std-only mock Shopify server for tests.
//!
//! # Money
//! Every amount is an integer in USDC base units (6 decimals): `"199.9"` is `199_900_000`.
//! Platform decimal strings are parsed exactly by [`parse_amount`]; no floats touch money.
//!
//! # Periods and days
//! A period `[start, end)` (unix seconds, UTC) is read as consecutive day slices of 86 400 s from
//! `start` (the last may be shorter). A *missing day* is a slice whose fetch failed after the
//! adapter's retries, or that starts before the platform's [`CommercePlatform::data_start`] (the
//! platform cannot vouch for sales before it had data). Any missing day refuses the whole period:
//! a period is never submitted with a hole.
//!
//! For the period: gross = Σ day gross; refunds = Σ day refunds; COGS = Σ day COGS;
//! net = gross − refunds − COGS (may be negative); inventory = the snapshot the caller took at the
//! period's close. Refused: net > gross (refunds or COGS summed negative: inconsistent data), a
//! negative refunds or COGS total, a negative inventory level or total, a period that has not
//! ended (or whose snapshot predates its end), and any overflow of the on-chain integer types.

pub mod shopify;
pub mod time;

#[cfg(any(test, feature = "mock"))]
pub mod mock;

use std::fmt;

use time::{format_rfc3339, now_unix, DAY};

/// USDC base units per whole unit of currency.
pub const UNIT: i128 = 1_000_000;

/// Why the platform could not be read. `Display` is one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlatformError {
    /// A non-success HTTP status that is not retried (4xx other than 429), or a 5xx that
    /// persisted through every attempt.
    Http { status: u16, path: String, detail: String },
    /// HTTP 429 on every attempt.
    RateLimited { path: String, attempts: u32 },
    /// A body that is not JSON, misses fields, or carries amounts or times that do not parse
    /// (after retries, since a proxy may truncate a body).
    Malformed { path: String, what: String },
    /// Connection, TLS or timeout failure on every attempt.
    Transport { path: String, detail: String },
    /// The shop's currency is not USD (conversion is out of scope).
    Currency { currency: String },
    /// The adapter's configuration or the merchant's platform setup prevents a correct reading.
    Config(String),
}

impl fmt::Display for PlatformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Http { status: s @ (401 | 403), path, .. } => write!(
                f,
                "the access token was refused (HTTP {s}) on {path}: check the token and that the app has the read_orders, read_products and read_inventory scopes"
            ),
            Self::Http { status, path, detail } => write!(f, "the platform answered HTTP {status} on {path}: {detail}"),
            Self::RateLimited { path, attempts } => {
                write!(f, "the platform kept rate-limiting {path} (HTTP 429) through {attempts} attempts")
            }
            Self::Malformed { path, what } => write!(f, "the platform's answer on {path} is malformed: {what}"),
            Self::Transport { path, detail } => write!(f, "the platform could not be reached on {path}: {detail}"),
            Self::Currency { currency } => write!(
                f,
                "the shop's currency is {currency}, not USD, and currency conversion is not supported"
            ),
            Self::Config(what) => write!(f, "the platform cannot be read correctly: {what}"),
        }
    }
}

impl std::error::Error for PlatformError {}

fn bad_amount(s: &str, why: &str) -> PlatformError {
    PlatformError::Malformed { path: String::new(), what: format!("amount {s:?} {why}") }
}

/// Parse a decimal amount string exactly into USDC base units: `-?digits(.digits{1,6})?`.
/// `"199.9"` → `199_900_000`. More than 6 decimals, an exponent, a sign other than a leading
/// `-`, whitespace, or anything else is an error. Negative values are returned as such; callers
/// decide where they are allowed.
pub fn parse_amount(s: &str) -> Result<i128, PlatformError> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(bad_amount(s, "is not a decimal number"));
    }
    let frac = frac.unwrap_or("");
    if frac.len() > 6 {
        return Err(bad_amount(s, "has more than 6 decimals"));
    }
    let int = int.trim_start_matches('0');
    if int.len() > 24 {
        return Err(bad_amount(s, "is too large"));
    }
    let whole: i128 =
        if int.is_empty() { 0 } else { int.parse().map_err(|_| bad_amount(s, "is too large"))? };
    let f: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| bad_amount(s, "is not a decimal number"))?
    };
    let v = whole * UNIT + f * 10i128.pow(6 - frac.len() as u32);
    Ok(if neg { -v } else { v })
}

/// Format base units as a decimal with 6 places (`199_900_000` → `"199.900000"`), for messages.
pub fn format_amount(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{:06}", a / UNIT as u128, a % UNIT as u128)
}

/// One day slice's sales, in base units. `refunds` and `cogs` are signed only so that
/// inconsistent platform data (a negative refund) reaches [`period_data`]'s checks instead of
/// being silently clamped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaySales {
    pub day_start: i64,
    pub orders: u32,
    pub gross: u64,
    pub refunds: i64,
    pub cogs: i64,
}

/// The value of the inventory on hand at one instant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InventorySnapshot {
    /// Unix seconds, from the platform's `Date` header or else the client clock.
    pub taken_at: i64,
    /// Σ available × unit cost; negative levels count negatively (and are refused).
    pub value: i128,
    /// Inventory items counted.
    pub items: u32,
    /// One description per (item, location) whose available quantity is negative.
    pub negative_items: Vec<String>,
}

/// A source of a merchant's sales and inventory.
pub trait CommercePlatform {
    fn name(&self) -> &'static str;
    /// Earliest instant the platform has data for (Shopify: the shop's `created_at`).
    fn data_start(&mut self) -> Result<i64, PlatformError>;
    /// Sales of the orders created in `[start, end)` (unix seconds, UTC), `end − start ≤ 86_400`.
    fn day_sales(&mut self, start: i64, end: i64) -> Result<DaySales, PlatformError>;
    /// Inventory value now.
    fn inventory(&mut self) -> Result<InventorySnapshot, PlatformError>;
}

/// A period's report and the figures behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodData {
    pub start: i64,
    pub end: i64,
    pub gross_revenue: u64,
    pub net_earnings: i64,
    pub inventory_value: u64,
    pub orders: u32,
    pub refunds: u64,
    pub cogs: u64,
    pub days: u32,
}

/// Why a period is not submitted. `Display` is one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `start >= end`.
    EmptyPeriod { start: i64, end: i64 },
    /// The period ends after now, or the inventory snapshot was taken before the period ended.
    PeriodNotEnded { end: i64, now: i64 },
    /// The platform's data start could not be read.
    Platform(PlatformError),
    /// Days that could not be read (day start, why).
    MissingDays { days: Vec<(i64, String)> },
    /// Net above gross: refunds or COGS summed negative.
    NetAboveGross { gross: u64, net: i64, refunds: i64, cogs: i64 },
    /// Refunds or COGS summed negative while net stays ≤ gross: still inconsistent data.
    NegativeTotal { what: &'static str, amount: i64 },
    /// Negative inventory levels (or a negative total, then `items` may be empty).
    NegativeInventory { items: Vec<String>, value: i128 },
    /// A sum does not fit the report's integer types.
    Overflow { what: &'static str },
}

fn day_name(t: i64) -> String {
    format!("the day starting {}", format_rfc3339(t))
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyPeriod { start, end } => write!(
                f,
                "the period {}–{} is empty, so there is nothing to report",
                format_rfc3339(*start),
                format_rfc3339(*end)
            ),
            Self::PeriodNotEnded { end, now } => write!(
                f,
                "the period ends at {} but the data is as of {}, so it cannot be reported yet",
                format_rfc3339(*end),
                format_rfc3339(*now)
            ),
            Self::Platform(e) => write!(f, "the period cannot be reported because {e}"),
            Self::MissingDays { days } => {
                let list: Vec<String> = days.iter().map(|(d, why)| format!("{} ({why})", day_name(*d))).collect();
                write!(
                    f,
                    "the period is not submitted because {} of its days could not be read: {}",
                    days.len(),
                    list.join("; ")
                )
            }
            Self::NetAboveGross { gross, net, refunds, cogs } => write!(
                f,
                "net earnings {} would exceed gross revenue {} (refunds {}, COGS {}), which only inconsistent platform data can produce",
                format_amount(*net as i128),
                format_amount(*gross as i128),
                format_amount(*refunds as i128),
                format_amount(*cogs as i128)
            ),
            Self::NegativeTotal { what, amount } => write!(
                f,
                "the period's {what} total is negative ({}), which only inconsistent platform data can produce",
                format_amount(*amount as i128)
            ),
            Self::NegativeInventory { items, value } if items.is_empty() => {
                write!(f, "the inventory value is negative ({})", format_amount(*value))
            }
            Self::NegativeInventory { items, .. } => write!(
                f,
                "the inventory has negative available quantities, so it cannot be valued: {}",
                items.join("; ")
            ),
            Self::Overflow { what } => write!(f, "the period's {what} does not fit the report's integer type"),
        }
    }
}

impl std::error::Error for Refusal {}

/// Aggregate `[start, end)` day by day and check it; see the crate doc for the definitions.
/// `inventory` is the snapshot the caller took at the period's close.
pub fn period_data(
    p: &mut dyn CommercePlatform,
    start: i64,
    end: i64,
    inventory: &InventorySnapshot,
) -> Result<PeriodData, Refusal> {
    period_data_at(p, start, end, inventory, now_unix())
}

/// [`period_data`] with an explicit "now" (unix seconds).
pub fn period_data_at(
    p: &mut dyn CommercePlatform,
    start: i64,
    end: i64,
    inventory: &InventorySnapshot,
    now: i64,
) -> Result<PeriodData, Refusal> {
    if start >= end {
        return Err(Refusal::EmptyPeriod { start, end });
    }
    if now < end || inventory.taken_at < end {
        return Err(Refusal::PeriodNotEnded { end, now: now.min(inventory.taken_at) });
    }
    let data_start = p.data_start().map_err(Refusal::Platform)?;

    let (mut gross, mut refunds, mut cogs, mut orders, mut days) = (0i128, 0i128, 0i128, 0u64, 0u32);
    let mut missing = Vec::new();
    let mut day = start;
    while day < end {
        let day_end = day.saturating_add(DAY).min(end);
        days += 1;
        if day < data_start {
            missing.push((day, format!("{} has no data before {}", p.name(), format_rfc3339(data_start))));
        } else {
            match p.day_sales(day, day_end) {
                Ok(s) => {
                    gross += s.gross as i128;
                    refunds += s.refunds as i128;
                    cogs += s.cogs as i128;
                    orders += s.orders as u64;
                }
                Err(e) => {
                    tracing::warn!(platform = p.name(), day = %format_rfc3339(day), error = %e, "day could not be read");
                    missing.push((day, e.to_string()));
                }
            }
        }
        day = day_end;
    }
    if !missing.is_empty() {
        return Err(Refusal::MissingDays { days: missing });
    }

    let net = gross - refunds - cogs;
    let gross_revenue = u64::try_from(gross).map_err(|_| Refusal::Overflow { what: "gross revenue" })?;
    let net_earnings = i64::try_from(net).map_err(|_| Refusal::Overflow { what: "net earnings" })?;
    let refunds = i64::try_from(refunds).map_err(|_| Refusal::Overflow { what: "refunds" })?;
    let cogs = i64::try_from(cogs).map_err(|_| Refusal::Overflow { what: "COGS" })?;
    if net > gross {
        return Err(Refusal::NetAboveGross { gross: gross_revenue, net: net_earnings, refunds, cogs });
    }
    for (what, amount) in [("refunds", refunds), ("COGS", cogs)] {
        if amount < 0 {
            return Err(Refusal::NegativeTotal { what, amount });
        }
    }
    if !inventory.negative_items.is_empty() || inventory.value < 0 {
        return Err(Refusal::NegativeInventory {
            items: inventory.negative_items.clone(),
            value: inventory.value,
        });
    }
    Ok(PeriodData {
        start,
        end,
        gross_revenue,
        net_earnings,
        inventory_value: u64::try_from(inventory.value)
            .map_err(|_| Refusal::Overflow { what: "inventory value" })?,
        orders: u32::try_from(orders).map_err(|_| Refusal::Overflow { what: "order count" })?,
        refunds: refunds as u64,
        cogs: cogs as u64,
        days,
    })
}

#[cfg(test)]
mod tests;
