//! The Shopify adapter and `period_data` against the mock Shopify server.
//!
//! Expected figures are computed here directly over the fixture JSON with this file's own
//! decimal parsing and its own table of which day each order belongs to.

use std::time::{Duration, Instant};

use pst_commerce::mock::{Fault, MockServer, MockShop, Recorded};
use pst_commerce::shopify::{Shopify, ShopifyConfig};
use pst_commerce::{period_data, CommercePlatform, PeriodData, PlatformError, Refusal};
use serde_json::{json, Value};

const T0: i64 = 1_740_787_200; // 2025-03-01T00:00:00Z
const DAY: i64 = 86_400;
const END: i64 = T0 + 3 * DAY;

/// Test-local decimal → micro-units (independent of the crate's parser).
fn micros(s: &str) -> i64 {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (w, f) = s.split_once('.').unwrap_or((s, ""));
    let f = format!("{f:0<6}");
    let v = w.parse::<i64>().unwrap() * 1_000_000 + f.parse::<i64>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}

/// variant → (inventory item, cost) of the fixture catalog.
const VARIANTS: [(u64, u64, Option<&str>); 6] = [
    (11, 111, Some("8.50")),
    (12, 112, Some("10.25")),
    (21, 211, Some("20.125")),
    (31, 311, Some("3.333333")),
    (41, 411, None), // untracked (digital)
    (51, 511, None), // tracked, no cost, none available
];

fn cost_of(variant: &Value) -> i64 {
    let v = variant.as_u64();
    VARIANTS.iter().find(|(id, _, _)| Some(*id) == v).and_then(|(_, _, c)| *c).map_or(0, micros)
}

fn order(id: u64, created: &str, total: &str, tax: &str, lines: Value, refunds: Value) -> Value {
    json!({"id": id, "created_at": created, "cancelled_at": null, "closed_at": null, "test": false,
           "total_price": total, "total_tax": tax, "currency": "USD", "line_items": lines, "refunds": refunds})
}

fn refund(id: u64, txs: &[(&str, &str, &str)]) -> Value {
    let txs: Vec<Value> =
        txs.iter().map(|(k, s, a)| json!({"kind": k, "status": s, "amount": a, "currency": "USD"})).collect();
    json!({"id": id, "created_at": "2025-03-05T12:00:00Z", "transactions": txs})
}

/// The orders, each with the period day (0..3) it belongs to, or None outside the period.
fn orders() -> Vec<(Option<i64>, Value)> {
    let mut test = order(
        1004,
        "2025-03-01T12:00:00Z",
        "500.00",
        "0.00",
        json!([{"variant_id": 21, "quantity": 10, "price": "50.00"}]),
        json!([]),
    );
    test["test"] = json!(true);
    let mut cancelled = order(
        1005,
        "2025-03-01T13:00:00Z",
        "80.00",
        "0.00",
        json!([{"variant_id": 12, "quantity": 2, "price": "40.00"}]),
        json!([refund(9, &[("refund", "success", "80.00")])]),
    );
    cancelled["cancelled_at"] = json!("2025-03-01T14:00:00Z");
    cancelled["closed_at"] = json!("2025-03-01T14:00:00Z");
    let mut closed = order(
        1007,
        "2025-03-02T12:00:00+01:00",
        "200.00",
        "16.00",
        json!([{"variant_id": 21, "quantity": 3, "price": "60.00"}]),
        json!([
            refund(7, &[("refund", "success", "30.00")]),
            refund(8, &[("refund", "pending", "10.00"), ("void", "success", "5.00")])
        ]),
    );
    closed["closed_at"] = json!("2025-03-04T00:00:00Z");
    vec![
        (
            None,
            order(
                1000,
                "2025-02-28T23:59:59Z",
                "33.00",
                "0.00",
                json!([{"variant_id": 11, "quantity": 1, "price": "33.00"}]),
                json!([]),
            ),
        ),
        // Day 0. Shipping 10 on top of 2 × 50, tax 10.
        (
            Some(0),
            order(
                1001,
                "2025-03-01T00:00:00Z",
                "120.00",
                "10.00",
                json!([{"variant_id": 11, "quantity": 2, "price": "50.00"}]),
                json!([]),
            ),
        ),
        // A 7.50 discount on 75 of goods, tax 5.40; refunded 20 (a failed attempt does not count).
        (
            Some(0),
            order(
                1002,
                "2025-03-01T09:30:00-05:00",
                "72.90",
                "5.40",
                json!([{"variant_id": 21, "quantity": 1, "price": "50.00"}, {"variant_id": 12, "quantity": 1, "price": "25.00"}]),
                json!([refund(5, &[("refund", "success", "20.00"), ("refund", "failure", "20.00")])]),
            ),
        ),
        // The last second of day 0, written in +09:00.
        (
            Some(0),
            order(
                1003,
                "2025-03-02T08:59:59+09:00",
                "9.99",
                "0.00",
                json!([{"variant_id": 31, "quantity": 1, "price": "9.99"}]),
                json!([]),
            ),
        ),
        (Some(0), test),
        (Some(0), cancelled),
        // Day 1: the first second, written in -05:00; a custom line without variant.
        (
            Some(1),
            order(
                1006,
                "2025-03-01T19:00:00-05:00",
                "45.00",
                "0.00",
                json!([{"variant_id": 12, "quantity": 1, "price": "25.00"}, {"variant_id": null, "quantity": 1, "price": "20.00"}]),
                json!([]),
            ),
        ),
        (Some(1), closed),
        (
            Some(1),
            order(
                1008,
                "2025-03-02T23:59:59Z",
                "1.00",
                "0.00",
                json!([{"variant_id": 11, "quantity": 1, "price": "1.00"}]),
                json!([]),
            ),
        ),
        // Day 2: shipping 15 and no tax; an order with tax and a discount.
        (
            Some(2),
            order(
                1009,
                "2025-03-03T05:00:00Z",
                "300.00",
                "0.00",
                json!([{"variant_id": 21, "quantity": 5, "price": "57.00"}]),
                json!([]),
            ),
        ),
        (
            Some(2),
            order(
                1010,
                "2025-03-03T10:00:00-05:00",
                "60.00",
                "4.80",
                json!([{"variant_id": 11, "quantity": 3, "price": "20.00"}]),
                json!([]),
            ),
        ),
        (
            Some(2),
            order(
                1013,
                "2025-03-03T23:59:59Z",
                "12.50",
                "1.00",
                json!([{"variant_id": 31, "quantity": 2, "price": "5.75"}]),
                json!([]),
            ),
        ),
        // After the period: the first second of 2025-03-04 written in -01:00, and one later.
        (
            None,
            order(
                1011,
                "2025-03-03T23:00:00-01:00",
                "70.00",
                "0.00",
                json!([{"variant_id": 11, "quantity": 1, "price": "70.00"}]),
                json!([]),
            ),
        ),
        (
            None,
            order(
                1012,
                "2025-03-04T00:00:01Z",
                "80.00",
                "0.00",
                json!([{"variant_id": 11, "quantity": 1, "price": "80.00"}]),
                json!([]),
            ),
        ),
    ]
}

fn levels() -> Vec<Value> {
    [(111, 9, json!(40)), (111, 10, json!(5)), (112, 9, json!(0)), (211, 9, json!(7)), (211, 10, json!(null)), (311, 9, json!(12)), (511, 9, json!(0)), (411, 9, json!(100))]
        .into_iter()
        .map(|(i, l, a)| json!({"inventory_item_id": i, "location_id": l, "available": a, "updated_at": "2025-03-04T00:00:00Z"}))
        .collect()
}

fn fixture() -> MockShop {
    let products = vec![
        json!({"id": 1, "title": "Tee", "variants": [{"id": 11, "inventory_item_id": 111, "price": "20.00"}, {"id": 12, "inventory_item_id": 112, "price": "25.00"}]}),
        json!({"id": 2, "title": "Hoodie", "variants": [{"id": 21, "inventory_item_id": 211, "price": "50.00"}]}),
        json!({"id": 3, "title": "Sticker", "variants": [{"id": 31, "inventory_item_id": 311, "price": "9.99"}]}),
        json!({"id": 4, "title": "E-book", "variants": [{"id": 41, "inventory_item_id": 411, "price": "5.00"}]}),
        json!({"id": 5, "title": "Mug", "variants": [{"id": 51, "inventory_item_id": 511, "price": "12.00"}]}),
    ];
    let items = VARIANTS
        .iter()
        .map(|(_, i, c)| json!({"id": i, "cost": c, "tracked": *i != 411, "sku": format!("SKU{i}")}))
        .collect();
    MockShop {
        products,
        inventory_items: items,
        inventory_levels: levels(),
        orders: orders().into_iter().map(|(_, o)| o).collect(),
        ..MockShop::default()
    }
}

/// Independent expectation: (orders, gross, refunds, cogs) per day.
fn expected_days(orders: &[(Option<i64>, Value)]) -> [(u32, i64, i64, i64); 3] {
    let mut days = [(0, 0, 0, 0); 3];
    for (day, o) in orders {
        let Some(d) = day else { continue };
        if o["test"] == json!(true) || !o["cancelled_at"].is_null() {
            continue;
        }
        let e = &mut days[*d as usize];
        e.0 += 1;
        e.1 += micros(o["total_price"].as_str().unwrap()) - micros(o["total_tax"].as_str().unwrap());
        for r in o["refunds"].as_array().unwrap() {
            for t in r["transactions"].as_array().unwrap() {
                if t["kind"] == "refund" && t["status"] == "success" {
                    e.2 += micros(t["amount"].as_str().unwrap());
                }
            }
        }
        for l in o["line_items"].as_array().unwrap() {
            e.3 += l["quantity"].as_i64().unwrap() * cost_of(&l["variant_id"]);
        }
    }
    days
}

fn expected_period(orders: &[(Option<i64>, Value)], inventory: i64) -> PeriodData {
    let d = expected_days(orders);
    let (gross, refunds, cogs) = d.iter().fold((0, 0, 0), |a, x| (a.0 + x.1, a.1 + x.2, a.2 + x.3));
    PeriodData {
        start: T0,
        end: END,
        gross_revenue: gross as u64,
        net_earnings: gross - refunds - cogs,
        inventory_value: inventory as u64,
        orders: d.iter().map(|x| x.0).sum(),
        refunds: refunds as u64,
        cogs: cogs as u64,
        days: 3,
    }
}

fn expected_inventory(levels: &[Value]) -> i64 {
    levels
        .iter()
        .filter(|l| l["inventory_item_id"] != 411)
        .map(|l| {
            let item = l["inventory_item_id"].as_u64().unwrap();
            let cost = VARIANTS.iter().find(|v| v.1 == item).and_then(|v| v.2).map_or(0, micros);
            l["available"].as_i64().unwrap_or(0) * cost
        })
        .sum()
}

fn client(server: &MockServer) -> Shopify {
    Shopify::new(ShopifyConfig {
        max_attempts: 3,
        backoff_ms: 10,
        max_wait_ms: 1_000,
        timeout_ms: 5_000,
        ..ShopifyConfig::new(server.base_url.clone(), "shpat_mock")
    })
    .unwrap()
}

fn on<'a>(reqs: &'a [Recorded], endpoint: &str) -> Vec<&'a Recorded> {
    reqs.iter().filter(|r| r.path().ends_with(endpoint)).collect()
}

#[test]
fn three_day_period_matches_independent_sums() {
    let server = fixture().serve();
    let mut shop = client(&server);
    let inventory = shop.inventory().unwrap();
    assert_eq!(inventory.value, expected_inventory(&levels()) as i128);
    assert_eq!(inventory.value, 563_374_996, "40×8.5 + 5×8.5 + 7×20.125 + 12×3.333333");
    assert_eq!(inventory.items, 5, "the untracked item is not inventory");
    assert!(inventory.taken_at >= END);
    let data = period_data(&mut shop, T0, END, &inventory).unwrap();
    assert_eq!(data, expected_period(&orders(), 563_374_996));
    assert_eq!(
        (data.orders, data.gross_revenue),
        (
            9,
            110_000_000
                + 67_500_000
                + 9_990_000
                + 45_000_000
                + 184_000_000
                + 1_000_000
                + 300_000_000
                + 55_200_000
                + 11_500_000
        )
    );
    assert_eq!(data.refunds, 50_000_000);

    let reqs = server.requests();
    assert!(reqs.iter().all(|r| r.status == 200), "{reqs:?}");
    assert_eq!(on(&reqs, "/shop.json").len(), 1, "shop info cached");
    // Catalog fetched once (first pages without page_info), over several pages.
    let products = on(&reqs, "/products.json");
    assert_eq!(products.iter().filter(|r| r.param("page_info").is_none()).count(), 1);
    assert_eq!(products.len(), 3, "5 products at 2 a page");
    assert_eq!(
        on(&reqs, "/inventory_items.json").iter().filter(|r| r.param("page_info").is_none()).count(),
        1
    );
    assert!(on(&reqs, "/inventory_levels.json")
        .iter()
        .all(|r| !r.param("inventory_item_ids").unwrap_or_default().contains("411")));
    // Orders: one query per day with exact bounds (inclusive max = end − 1 s), then page_info pages.
    let orders = on(&reqs, "/orders.json");
    let firsts: Vec<_> = orders.iter().filter(|r| r.param("page_info").is_none()).collect();
    let bounds: Vec<_> = firsts
        .iter()
        .map(|r| (r.param("created_at_min").unwrap(), r.param("created_at_max").unwrap()))
        .collect();
    assert_eq!(
        bounds,
        [
            ("2025-03-01T00:00:00Z", "2025-03-01T23:59:59Z"),
            ("2025-03-02T00:00:00Z", "2025-03-02T23:59:59Z"),
            ("2025-03-03T00:00:00Z", "2025-03-03T23:59:59Z")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    for r in &firsts {
        assert_eq!((r.param("status").as_deref(), r.param("limit").as_deref()), (Some("any"), Some("250")));
        assert!(r.param("fields").unwrap().contains("refunds"));
    }
    let paged: Vec<_> = orders.iter().filter(|r| r.param("page_info").is_some()).collect();
    assert_eq!(paged.len(), 2 + 1 + 1, "day 0 has 5 orders, days 1 and 2 have 3: pages of 2");
    assert!(paged.iter().all(|r| r.query().iter().all(|(k, _)| k == "limit" || k == "page_info")));
}

fn one_day(shop: &mut Shopify, day: i64) -> (u32, i64, i64, i64) {
    let s = shop.day_sales(T0 + day * DAY, T0 + (day + 1) * DAY).unwrap();
    (s.orders, s.gross as i64, s.refunds, s.cogs)
}

#[test]
fn rate_limit_waits_retry_after_then_succeeds() {
    let server = fixture().serve();
    let mut shop = client(&server);
    shop.data_start().unwrap();
    server.fail_next("/orders.json", Fault::RateLimited { retry_after: "0.05".into() }, 1);
    assert_eq!(one_day(&mut shop, 0), expected_days(&orders())[0]);
    let reqs = server.requests();
    let i = reqs.iter().position(|r| r.status == 429).expect("a 429");
    let retry = &reqs[i + 1];
    assert_eq!((retry.target.as_str(), retry.status), (reqs[i].target.as_str(), 200));
    assert!(retry.at - reqs[i].at >= Duration::from_millis(50), "waited {:?}", retry.at - reqs[i].at);
}

#[test]
fn retry_after_is_capped_by_max_wait() {
    let server = fixture().serve();
    let mut shop = Shopify::new(ShopifyConfig {
        max_wait_ms: 60,
        backoff_ms: 10,
        ..ShopifyConfig::new(server.base_url.clone(), "shpat_mock")
    })
    .unwrap();
    server.fail_next("/shop.json", Fault::RateLimited { retry_after: "30.0".into() }, 1);
    let t = Instant::now();
    shop.data_start().unwrap();
    assert!(t.elapsed() < Duration::from_secs(2));
    let reqs = server.requests();
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(60));
}

#[test]
fn rate_limit_exhausted_fails_after_max_attempts() {
    let server = fixture().serve();
    let mut shop = client(&server);
    server.fail_next("/shop.json", Fault::RateLimited { retry_after: "0.01".into() }, 10);
    let e = shop.data_start().unwrap_err();
    assert!(matches!(e, PlatformError::RateLimited { attempts: 3, .. }), "{e:?}");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn server_error_then_success() {
    let server = fixture().serve();
    let mut shop = client(&server);
    server.fail_next("/orders.json", Fault::ServerError(502), 1);
    server.fail_next("/products.json?page_info", Fault::ServerError(500), 1);
    assert_eq!(one_day(&mut shop, 1), expected_days(&orders())[1]);
    let statuses: Vec<u16> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s >= 500).count(), 2, "{statuses:?}");
}

#[test]
fn malformed_body_then_success() {
    let server = fixture().serve();
    let mut shop = client(&server);
    shop.data_start().unwrap();
    server.fail_next("/orders.json?page_info", Fault::Malformed, 1);
    assert_eq!(one_day(&mut shop, 0), expected_days(&orders())[0]);
    let reqs = server.requests();
    let paged: Vec<_> =
        on(&reqs, "/orders.json").into_iter().filter(|r| r.param("page_info").is_some()).collect();
    assert_eq!(paged[0].target, paged[1].target, "the truncated page is fetched again");
}

#[test]
fn persistent_malformed_body_names_the_problem() {
    let server = fixture().serve();
    let mut shop = client(&server);
    server.fail_next("/shop.json", Fault::Malformed, 10);
    let e = shop.data_start().unwrap_err();
    assert!(matches!(&e, PlatformError::Malformed { path, .. } if path.contains("/shop.json")), "{e:?}");
    assert!(e.to_string().contains("EOF"), "{e}");
    assert_eq!(server.requests().len(), 3);

    // A field that does not parse as an exact amount.
    let mut bad = fixture();
    bad.orders[0]["total_price"] = json!("12.3456789");
    let server = bad.serve();
    let e = client(&server).day_sales(T0 - DAY, T0).unwrap_err();
    assert!(e.to_string().contains("12.3456789"), "{e}");
}

#[test]
fn persistent_server_error_is_a_missing_day() {
    let server = fixture().serve();
    let mut shop = client(&server);
    let inventory = shop.inventory().unwrap();
    server.fail_orders_between(T0 + DAY, T0 + 2 * DAY, 500);
    let r = period_data(&mut shop, T0, END, &inventory).unwrap_err();
    match &r {
        Refusal::MissingDays { days } => {
            assert_eq!(days.len(), 1);
            assert_eq!(days[0].0, T0 + DAY);
            assert!(days[0].1.contains("HTTP 500"), "{}", days[0].1);
        }
        other => panic!("{other:?}"),
    }
    assert!(r.to_string().contains("2025-03-02T00:00:00Z"), "{r}");
    let failed = server.requests().iter().filter(|r| r.status == 500).count();
    assert_eq!(failed, 3, "max_attempts");
}

#[test]
fn days_before_shop_creation_are_missing() {
    let mut f = fixture();
    f.shop["created_at"] = json!("2025-03-02T10:00:00-05:00");
    let server = f.serve();
    let mut shop = client(&server);
    assert_eq!(shop.data_start().unwrap(), T0 + DAY + 15 * 3600);
    let inventory = shop.inventory().unwrap();
    match period_data(&mut shop, T0, END, &inventory) {
        Err(r @ Refusal::MissingDays { .. }) => {
            let Refusal::MissingDays { days } = &r else { unreachable!() };
            assert_eq!(days.iter().map(|d| d.0).collect::<Vec<_>>(), [T0, T0 + DAY]);
            assert!(r.to_string().contains("no data before 2025-03-02T15:00:00Z"), "{r}");
        }
        other => panic!("{other:?}"),
    }
    let orders = server
        .requests()
        .iter()
        .filter(|r| r.path().ends_with("/orders.json") && r.param("page_info").is_none())
        .count();
    assert_eq!(orders, 1, "only the day after creation is read");
}

#[test]
fn refused_token_fails_at_once() {
    let server = fixture().serve();
    let mut shop = Shopify::new(ShopifyConfig {
        backoff_ms: 10,
        ..ShopifyConfig::new(server.base_url.clone(), "wrong")
    })
    .unwrap();
    let e = shop.data_start().unwrap_err();
    assert!(matches!(e, PlatformError::Http { status: 401, .. }), "{e:?}");
    assert!(e.to_string().starts_with("the access token was refused (HTTP 401)"), "{e}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn negative_inventory_level_is_refused() {
    let server = fixture().serve();
    server.update(|s| s.inventory_levels[2]["available"] = json!(-3));
    let mut shop = client(&server);
    let inventory = shop.inventory().unwrap();
    assert_eq!(inventory.negative_items.len(), 1);
    assert_eq!(inventory.value, 563_374_996 - 3 * 10_250_000);
    match period_data(&mut shop, T0, END, &inventory) {
        Err(r @ Refusal::NegativeInventory { .. }) => {
            assert!(r.to_string().contains("inventory item 112 at location 9 has -3"), "{r}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn negative_refund_makes_net_above_gross() {
    let mut f = fixture();
    let mut orders = orders();
    orders.push((
        Some(2),
        order(
            1020,
            "2025-03-03T08:00:00Z",
            "10.00",
            "0.00",
            json!([]),
            json!([refund(11, &[("refund", "success", "-500.00")])]),
        ),
    ));
    f.orders = orders.iter().map(|(_, o)| o.clone()).collect();
    let server = f.serve();
    let mut shop = client(&server);
    let inventory = shop.inventory().unwrap();
    let want = expected_period(&orders, 0);
    assert!(want.net_earnings as i128 > want.gross_revenue as i128, "the fixture is inconsistent");
    match period_data(&mut shop, T0, END, &inventory) {
        Err(Refusal::NetAboveGross { gross, net, .. }) => {
            assert_eq!((gross, net), (want.gross_revenue, want.net_earnings))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn non_usd_shop_is_refused() {
    let mut f = fixture();
    f.shop["currency"] = json!("EUR");
    let server = f.serve();
    let mut shop = client(&server);
    let e = shop.day_sales(T0, T0 + DAY).unwrap_err();
    assert_eq!(e, PlatformError::Currency { currency: "EUR".into() });
    assert!(shop.inventory().is_err());
    let inventory = pst_commerce::InventorySnapshot { taken_at: END, ..Default::default() };
    let r = period_data(&mut shop, T0, END, &inventory).unwrap_err();
    assert!(
        matches!(r, Refusal::Platform(PlatformError::Currency { .. })) && r.to_string().contains("EUR"),
        "{r}"
    );
    assert!(server.requests().iter().all(|r| r.path().ends_with("/shop.json")));
}

#[test]
fn uncosted_stock_cannot_be_valued() {
    let server = fixture().serve();
    server.update(|s| s.inventory_levels[6]["available"] = json!(3));
    let e = client(&server).inventory().unwrap_err();
    assert!(matches!(&e, PlatformError::Config(m) if m.contains("inventory item 511")), "{e:?}");
}

#[test]
fn nearly_full_call_bucket_paces_requests() {
    let mut f = fixture();
    f.call_limit = (39, 40);
    let server = f.serve();
    let mut shop = client(&server);
    shop.inventory().unwrap();
    let reqs = server.requests();
    assert!(reqs.len() >= 5);
    for w in reqs.windows(2) {
        assert!(w[1].at - w[0].at >= Duration::from_millis(20), "{:?}", w[1].at - w[0].at);
    }
}

#[test]
fn client_error_is_not_retried() {
    let mut f = fixture();
    f.api_version = "2099-01".into();
    let server = f.serve();
    let e = client(&server).data_start().unwrap_err();
    assert!(matches!(e, PlatformError::Http { status: 404, .. }), "{e:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn large_catalog_is_chunked() {
    let mut f = MockShop { page_size: 100, ..MockShop::default() };
    for i in 0..130u64 {
        f.products.push(
            json!({"id": i, "variants": [{"id": 1000 + i, "inventory_item_id": 5000 + i, "price": "1.00"}]}),
        );
        f.inventory_items.push(json!({"id": 5000 + i, "cost": format!("{}.01", i), "tracked": true}));
        f.inventory_levels.push(json!({"inventory_item_id": 5000 + i, "location_id": 1, "available": 2}));
    }
    let server = f.serve();
    let inv = client(&server).inventory().unwrap();
    let want: i64 = (0..130).map(|i| 2 * micros(&format!("{i}.01"))).sum();
    assert_eq!((inv.value, inv.items), (want as i128, 130));
    let reqs = server.requests();
    let items = on(&reqs, "/inventory_items.json");
    let levels = on(&reqs, "/inventory_levels.json");
    assert_eq!((items.len(), levels.len()), (2, 3));
    assert!(items.iter().all(|r| r.param("ids").unwrap().split(',').count() <= 100));
    assert!(levels.iter().all(|r| r.param("inventory_item_ids").unwrap().split(',').count() <= 50));
}

#[test]
fn unreachable_shop_is_a_transport_error_after_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cfg = ShopifyConfig {
        max_attempts: 3,
        backoff_ms: 10,
        timeout_ms: 2_000,
        ..ShopifyConfig::new(format!("http://127.0.0.1:{port}"), "t")
    };
    let t = Instant::now();
    let e = Shopify::new(cfg).unwrap().data_start().unwrap_err();
    assert!(matches!(&e, PlatformError::Transport { path, .. } if path.contains("/shop.json")), "{e:?}");
    assert!(t.elapsed() >= Duration::from_millis(30), "backed off 10 + 20 ms");
}
