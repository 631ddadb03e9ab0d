//! Unit tests of amounts and of the period aggregation over an in-memory platform.

use super::*;

#[test]
fn parse_amount_exact_cases() {
    for (s, v) in [
        ("0", 0),
        ("0.0", 0),
        ("1", 1_000_000),
        ("199.9", 199_900_000),
        ("199.90", 199_900_000),
        ("20.00", 20_000_000),
        ("0.000001", 1),
        ("0.1", 100_000),
        ("-0.01", -10_000),
        ("-20.5", -20_500_000),
        ("007.5", 7_500_000),
        ("123456789012.345678", 123_456_789_012_345_678),
        ("18446744073709.551615", u64::MAX as i128),
    ] {
        assert_eq!(parse_amount(s), Ok(v), "{s}");
    }
}

#[test]
fn parse_amount_rejections() {
    for s in [
        "",
        "-",
        ".",
        "1.",
        ".5",
        "-.5",
        "+1",
        "1.0000001",
        "0.1234567",
        "1e3",
        "1E-2",
        "1,000.00",
        " 1",
        "1 ",
        "1.2.3",
        "--1",
        "abc",
        "0x10",
        "NaN",
        "inf",
        "１",
        "1_000",
        "99999999999999999999999999999",
    ] {
        assert!(parse_amount(s).is_err(), "{s:?} accepted");
    }
    let msg = parse_amount("1.0000001").unwrap_err().to_string();
    assert!(msg.contains("more than 6 decimals"), "{msg}");
}

#[test]
fn parse_amount_round_trips_generated_values() {
    // Deterministic LCG: integers of many magnitudes, written with 0-6 decimals, signed.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..20_000u32 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let magnitude = (x >> 33) % 10u64.pow(1 + i % 15);
        let decimals = i % 7;
        let neg = x & 1 == 1;
        let scale = 10u64.pow(decimals);
        let text = if decimals == 0 {
            magnitude.to_string()
        } else {
            format!("{}.{:0w$}", magnitude / scale, magnitude % scale, w = decimals as usize)
        };
        let text = if neg { format!("-{text}") } else { text };
        let expected = magnitude as i128 * 10i128.pow(6 - decimals) * if neg { -1 } else { 1 };
        assert_eq!(parse_amount(&text), Ok(expected), "{text}");
        if expected < 0 {
            assert_eq!(format_amount(expected), format!("-{}", format_amount(-expected)));
        }
        assert_eq!(parse_amount(&format_amount(expected)), Ok(expected));
    }
}

/// An in-memory platform: fixed day results, keyed by day start.
struct Fake {
    data_start: i64,
    days: Vec<(i64, Result<DaySales, PlatformError>)>,
    calls: Vec<(i64, i64)>,
}

impl Fake {
    fn new(days: Vec<(i64, Result<DaySales, PlatformError>)>) -> Self {
        Self { data_start: 0, days, calls: Vec::new() }
    }
}

impl CommercePlatform for Fake {
    fn name(&self) -> &'static str {
        "Fake"
    }
    fn data_start(&mut self) -> Result<i64, PlatformError> {
        Ok(self.data_start)
    }
    fn day_sales(&mut self, start: i64, end: i64) -> Result<DaySales, PlatformError> {
        self.calls.push((start, end));
        self.days
            .iter()
            .find(|(d, _)| *d == start)
            .map(|(_, r)| r.clone())
            .unwrap_or(Ok(DaySales { day_start: start, ..Default::default() }))
    }
    fn inventory(&mut self) -> Result<InventorySnapshot, PlatformError> {
        unreachable!()
    }
}

const T0: i64 = 1_740_787_200; // 2025-03-01T00:00:00Z
const NOW: i64 = T0 + 30 * DAY;

fn sales(day: i64, gross: u64, refunds: i64, cogs: i64) -> (i64, Result<DaySales, PlatformError>) {
    (day, Ok(DaySales { day_start: day, orders: 1, gross, refunds, cogs }))
}

fn inv(value: i128) -> InventorySnapshot {
    InventorySnapshot { taken_at: NOW, value, items: 1, negative_items: Vec::new() }
}

#[test]
fn period_sums_days_and_slices_the_last_day_short() {
    let mut p =
        Fake::new(vec![sales(T0, 100, 10, 30), sales(T0 + DAY, 50, 0, 70), sales(T0 + 2 * DAY, 7, 0, 0)]);
    let end = T0 + 2 * DAY + 3600;
    let d = period_data_at(&mut p, T0, end, &inv(5), NOW).unwrap();
    assert_eq!(
        d,
        PeriodData {
            start: T0,
            end,
            gross_revenue: 157,
            net_earnings: 157 - 10 - 100,
            inventory_value: 5,
            orders: 3,
            refunds: 10,
            cogs: 100,
            days: 3
        }
    );
    assert_eq!(p.calls, vec![(T0, T0 + DAY), (T0 + DAY, T0 + 2 * DAY), (T0 + 2 * DAY, end)]);
    // Net may be negative.
    let mut p = Fake::new(vec![sales(T0, 10, 0, 50)]);
    assert_eq!(period_data_at(&mut p, T0, T0 + DAY, &inv(0), NOW).unwrap().net_earnings, -40);
}

#[test]
fn period_refusals() {
    let end = T0 + 3 * DAY;
    let mut p = Fake::new(vec![(
        T0 + DAY,
        Err(PlatformError::Http { status: 500, path: "/x".into(), detail: "boom".into() }),
    )]);
    match period_data_at(&mut p, T0, end, &inv(0), NOW) {
        Err(r @ Refusal::MissingDays { .. }) => {
            assert!(matches!(&r, Refusal::MissingDays { days } if days.len() == 1 && days[0].0 == T0 + DAY));
            assert!(r.to_string().contains("2025-03-02T00:00:00Z"), "{r}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.calls.len(), 3, "every day is still read, so the refusal lists all holes");

    let mut p = Fake::new(vec![]);
    p.data_start = T0 + DAY + 5;
    match period_data_at(&mut p, T0, end, &inv(0), NOW) {
        Err(Refusal::MissingDays { days }) => {
            assert_eq!(days.iter().map(|d| d.0).collect::<Vec<_>>(), vec![T0, T0 + DAY])
        }
        other => panic!("{other:?}"),
    }

    let mut p = Fake::new(vec![sales(T0, 100, -30, 10)]);
    assert!(matches!(
        period_data_at(&mut p, T0, end, &inv(0), NOW),
        Err(Refusal::NetAboveGross { gross: 100, net: 120, .. })
    ));
    let mut p = Fake::new(vec![sales(T0, 100, -30, 40)]);
    assert!(matches!(
        period_data_at(&mut p, T0, end, &inv(0), NOW),
        Err(Refusal::NegativeTotal { what: "refunds", amount: -30 })
    ));

    let mut p = Fake::new(vec![]);
    let neg =
        InventorySnapshot { negative_items: vec!["item 1 at location 2 has -3 available".into()], ..inv(10) };
    let r = period_data_at(&mut p, T0, end, &neg, NOW).unwrap_err();
    assert!(matches!(r, Refusal::NegativeInventory { .. }) && r.to_string().contains("item 1"), "{r}");
    assert!(matches!(period_data_at(&mut p, T0, end, &inv(-1), NOW), Err(Refusal::NegativeInventory { .. })));
    assert_eq!(
        period_data_at(&mut p, T0, end, &inv(u64::MAX as i128 + 1), NOW),
        Err(Refusal::Overflow { what: "inventory value" })
    );

    let mut p = Fake::new(vec![sales(T0, u64::MAX, 0, 0), sales(T0 + DAY, 1, 0, 0)]);
    assert_eq!(
        period_data_at(&mut p, T0, end, &inv(0), NOW),
        Err(Refusal::Overflow { what: "gross revenue" })
    );
    let mut p = Fake::new(vec![sales(T0, u64::MAX, 0, 0)]);
    assert_eq!(
        period_data_at(&mut p, T0, end, &inv(0), NOW),
        Err(Refusal::Overflow { what: "net earnings" })
    );

    let mut p = Fake::new(vec![]);
    assert!(matches!(period_data_at(&mut p, T0, end, &inv(0), end - 1), Err(Refusal::PeriodNotEnded { .. })));
    let early = InventorySnapshot { taken_at: end - 60, ..inv(0) };
    let r = period_data_at(&mut p, T0, end, &early, NOW).unwrap_err();
    assert!(
        matches!(r, Refusal::PeriodNotEnded { .. }) && r.to_string().contains("2025-03-04T00:00:00Z"),
        "{r}"
    );
    assert!(matches!(period_data_at(&mut p, end, end, &inv(0), NOW), Err(Refusal::EmptyPeriod { .. })));
    assert!(p.calls.is_empty());
}
