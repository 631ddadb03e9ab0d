//! `pst reporter run` against a mock of Shopify's Admin REST API (`pst_commerce::mock`: Shopify's documented
//! shapes, `Link` pagination, a rate limit with `Retry-After`, server errors, a malformed body), submitting to
//! the local chain. What lands on chain equals an independent computation from the same fixture; a repeated
//! pass sends nothing; inconsistent or incomplete data is refused and nothing is sent.
mod common;
use common::*;
use pst_commerce::{
    mock::{Fault, MockServer, MockShop},
    time::format_rfc3339,
};
use pst_mint::state::{MerchantMetrics, PeriodReport, RevenueFeed};
use serde_json::{json, Value};

const DAY: i64 = 86_400;
const CENT: i64 = 10_000; // USDC base units

/// Variant, its inventory item, unit cost in cents.
const CATALOG: [(u64, u64, i64); 3] = [(11, 111, 850), (12, 112, 1_200), (21, 211, 2_000)];
/// Inventory item, location, available.
const LEVELS: [(u64, u64, i64); 4] = [(111, 1, 40), (111, 2, 10), (112, 1, 7), (211, 1, 15)];

/// One fixture order: created `at` seconds into the period, total and tax in cents, line items
/// (variant, quantity), successful refunds in cents, cancelled, test.
struct Order {
    at: i64,
    total: i64,
    tax: i64,
    lines: &'static [(u64, i64)],
    refund: i64,
    cancelled: bool,
    test: bool,
}

const ORDERS: [Order; 7] = [
    Order {
        at: 3_600,
        total: 12_000,
        tax: 1_000,
        lines: &[(11, 2), (21, 1)],
        refund: 0,
        cancelled: false,
        test: false,
    },
    Order {
        at: 7_200,
        total: 5_050,
        tax: 450,
        lines: &[(12, 1)],
        refund: 2_000,
        cancelled: false,
        test: false,
    },
    Order { at: 20_000, total: 9_999, tax: 0, lines: &[(11, 3)], refund: 0, cancelled: true, test: false },
    Order { at: 30_000, total: 4_000, tax: 300, lines: &[(21, 1)], refund: 0, cancelled: false, test: true },
    Order {
        at: 43_200,
        total: 30_000,
        tax: 2_500,
        lines: &[(21, 5), (12, 2)],
        refund: 0,
        cancelled: false,
        test: false,
    },
    Order {
        at: 80_000,
        total: 1_999,
        tax: 150,
        lines: &[(11, 1)],
        refund: 1_999,
        cancelled: false,
        test: false,
    },
    // the last second of the period
    Order {
        at: DAY - 1,
        total: 2_500,
        tax: 200,
        lines: &[(12, 1)],
        refund: 0,
        cancelled: false,
        test: false,
    },
];
/// An order of period 2 (ten seconds into it).
const LATER_ORDER: Order = Order {
    at: 2 * DAY + 10,
    total: 77_700,
    tax: 0,
    lines: &[(21, 1)],
    refund: 0,
    cancelled: false,
    test: false,
};

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn order_json(id: u64, start: i64, o: &Order) -> Value {
    let lines: Vec<Value> =
        o.lines.iter().map(|(v, q)| json!({ "variant_id": v, "quantity": q, "price": "1.00" })).collect();
    let refunds: Vec<Value> = if o.refund > 0 {
        vec![json!({ "id": id * 10, "transactions": [
            { "kind": "refund", "status": "failure", "amount": money(o.refund) },
            { "kind": "refund", "status": "success", "amount": money(o.refund) },
        ]})]
    } else {
        vec![]
    };
    json!({
        "id": id,
        // Shopify writes the shop's offset: a -05:00 time for a UTC instant
        "created_at": format_rfc3339(start + o.at),
        "cancelled_at": if o.cancelled { Value::String(format_rfc3339(start + o.at + 60)) } else { Value::Null },
        "test": o.test,
        "total_price": money(o.total),
        "total_tax": money(o.tax),
        "line_items": lines,
        "refunds": refunds,
    })
}

fn shop(start: i64) -> MockShop {
    let mut orders: Vec<Value> =
        ORDERS.iter().enumerate().map(|(i, o)| order_json(i as u64 + 1, start, o)).collect();
    orders.push(order_json(99, start, &LATER_ORDER));
    MockShop {
        products: vec![
            json!({ "id": 1, "variants": [
                { "id": 11, "inventory_item_id": 111, "price": "20.00" },
                { "id": 12, "inventory_item_id": 112, "price": "30.00" },
            ]}),
            json!({ "id": 2, "variants": [{ "id": 21, "inventory_item_id": 211, "price": "60.00" }] }),
        ],
        inventory_items: CATALOG
            .iter()
            .map(|(_, item, cost)| json!({ "id": item, "cost": money(*cost), "tracked": true }))
            .collect(),
        inventory_levels: LEVELS
            .iter()
            .map(|(item, loc, n)| json!({ "inventory_item_id": item, "location_id": loc, "available": n }))
            .collect(),
        orders,
        ..MockShop::default()
    }
}

/// The period's report computed directly from the fixture's numbers (not from its JSON): gross = total − tax
/// of the orders that are neither cancelled nor tests, net = gross − successful refunds − cost of the goods
/// sold, inventory = Σ available × cost.
fn expected() -> (u64, i64, u64) {
    let cost = |variant: u64| CATALOG.iter().find(|c| c.0 == variant).unwrap().2;
    let counted = ORDERS.iter().filter(|o| !o.cancelled && !o.test);
    let gross: i64 = counted.clone().map(|o| o.total - o.tax).sum();
    let refunds: i64 = counted.clone().map(|o| o.refund).sum();
    let cogs: i64 = counted.flat_map(|o| o.lines.iter()).map(|(v, q)| q * cost(*v)).sum();
    let stock: i64 =
        LEVELS.iter().map(|(item, _, n)| n * CATALOG.iter().find(|c| c.1 == *item).unwrap().2).sum();
    ((gross * CENT) as u64, (gross - refunds - cogs) * CENT, (stock * CENT) as u64)
}

fn run(n: &Net, server: &MockServer, reporter: &str, token: &std::path::Path) -> Value {
    let args = [
        "reporter",
        "run",
        "--merchant",
        "ACME",
        "--shop-url",
        &server.base_url,
        "--access-token-file",
        token.to_str().unwrap(),
        "--once",
        "--backoff-ms",
        "20",
        "--max-attempts",
        "4",
    ];
    n.ok(&n.key(reporter), &args)
}

fn outcomes(out: &Value) -> Vec<(u64, String)> {
    out["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["period"].as_u64().unwrap(), p["outcome"].as_str().unwrap().to_string()))
        .collect()
}

fn submission(n: &Net, a: &Acme, period: u32, reporter: &str) -> Option<(u64, i64, u64)> {
    let key = pst_cli::chain::read_keypair(n.key(reporter).to_str().unwrap()).unwrap();
    let report: Option<PeriodReport> =
        n.rpc.get_account_data(&a.m.report(period)).ok().map(|d| {
            <PeriodReport as anchor_lang::AccountDeserialize>::try_deserialize(&mut &d[..]).unwrap()
        });
    use solana_signer::Signer;
    report?
        .submissions
        .iter()
        .find(|s| s.reporter == key.pubkey())
        .map(|s| (s.gross_revenue, s.net_earnings, s.inventory_value))
}

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn the_reporter_submits_what_the_shop_says() {
    let n = Net::start("reporter");
    let a = n.acme();
    let feed: RevenueFeed = n.account(&a.m.feed);
    let start = feed.params.first_period_start;
    assert_eq!(feed.params.period_secs, DAY);
    let server = shop(start).serve();
    let token = n.dir.join("shop-token");
    std::fs::write(&token, "shpat_mock\n").unwrap();

    // nothing has ended yet: nothing to do, nothing asked of the shop beyond its catalog-free setup
    assert!(outcomes(&run(&n, &server, "reporter-0", &token)).is_empty());

    // period 0 ends; the shop rate-limits the first orders page, fails one inventory call and truncates one
    // product page: each is retried, and the values submitted are the independent computation's
    n.travel(DAY + 60);
    server.clear_requests();
    server.fail_next("/orders.json", Fault::RateLimited { retry_after: "0.3".into() }, 1);
    server.fail_next("/inventory_levels.json", Fault::ServerError(500), 1);
    server.fail_next("/products.json", Fault::Malformed, 1);
    let out = run(&n, &server, "reporter-0", &token);
    assert_eq!(outcomes(&out), vec![(0, "submitted".to_string())], "{out}");
    let want = expected();
    assert_eq!(submission(&n, &a, 0, "reporter-0"), Some(want));
    assert_eq!(out["periods"][0]["orders"], 5);
    let reqs = server.requests();
    let orders: Vec<_> = reqs.iter().filter(|r| r.path().ends_with("/orders.json")).collect();
    assert_eq!(orders[0].status, 429);
    assert!(orders[1].at.duration_since(orders[0].at).as_millis() >= 300, "Retry-After was respected");
    assert!(orders.iter().any(|r| r.param("page_info").is_some()), "the orders were paginated");
    for path in ["/inventory_levels.json", "/products.json"] {
        let statuses: Vec<u16> = reqs.iter().filter(|r| r.path().ends_with(path)).map(|r| r.status).collect();
        assert!(statuses.len() >= 2 && statuses.contains(&200), "{path} retried: {statuses:?}");
    }
    assert!(reqs.iter().any(|r| r.status == 500) && reqs.iter().any(|r| r.status == 429));

    // idempotent: a second pass skips the period and asks the shop nothing
    server.clear_requests();
    let again = run(&n, &server, "reporter-0", &token);
    assert_eq!(outcomes(&again), vec![(0, "skipped".to_string())]);
    assert!(server.requests().is_empty(), "the skipped period read nothing");

    // an hour later reporter-0's submission is stale (the chain's slots moved with its clock) and the merchant
    // has marked its stock up in the shop: the refresh resubmits the closing inventory it already carried
    n.travel(3_600);
    server.update(|s| s.inventory_levels[0]["available"] = json!(4_000));
    let refreshed = run(&n, &server, "reporter-0", &token);
    assert_eq!(outcomes(&refreshed), vec![(0, "submitted".to_string())], "{refreshed}");
    assert_eq!(submission(&n, &a, 0, "reporter-0"), Some(want));
    server.update(|s| s.inventory_levels[0]["available"] = json!(40));

    // a second reporter submits the same; a keeper accepts the period and the inventory reaches the metrics
    run(&n, &server, "reporter-1", &token);
    assert_eq!(submission(&n, &a, 0, "reporter-1"), Some(want));
    let (keeper, _) = n.wallet("keeper", 10);
    n.keeper(&keeper);
    let report: PeriodReport = n.account(&a.m.report(0));
    let accepted = report.accepted.expect("period 0 accepted");
    assert_eq!((accepted.gross_revenue, accepted.net_earnings, accepted.inventory_value), want);
    let metrics: MerchantMetrics = n.account(&a.m.metrics);
    assert_eq!(metrics.records().last().unwrap().inventory, want.2);
    assert_eq!(
        metrics.inventory_days_x100,
        Some(pst_math::ami::inventory_days_x100(want.2, want.0, DAY as u64))
    );

    // period 1: one of its days cannot be read (the shop keeps failing): refused, nothing sent
    n.travel(DAY);
    server.fail_orders_between(start + DAY, start + 2 * DAY, 503);
    let out = run(&n, &server, "reporter-0", &token);
    assert_eq!(outcomes(&out), vec![(1, "refused".to_string())], "{out}");
    assert!(out["periods"][0]["reason"].as_str().unwrap().contains("could not be read"), "{out}");
    assert_eq!(submission(&n, &a, 1, "reporter-0"), None);

    // period 2: a negative stock level: refused; period 1 is now too old for its closing inventory
    n.travel(DAY);
    server.update(|s| s.inventory_levels[2]["available"] = json!(-3));
    let out = run(&n, &server, "reporter-0", &token);
    assert_eq!(outcomes(&out), vec![(1, "refused".to_string()), (2, "refused".to_string())], "{out}");
    assert!(out["periods"][0]["reason"].as_str().unwrap().contains("can no longer be read"), "{out}");
    assert!(out["periods"][1]["reason"].as_str().unwrap().contains("negative"), "{out}");
    // inconsistent refunds (a negative refund makes net exceed gross): refused too
    server.update(|s| {
        s.inventory_levels[2]["available"] = json!(7);
        let o = s.orders.iter_mut().find(|o| o["id"] == 99).unwrap();
        o["refunds"] = json!([{ "id": 1, "transactions": [{ "kind": "refund", "status": "success", "amount": "-900000.00" }] }]);
    });
    let out = run(&n, &server, "reporter-0", &token);
    assert!(out["periods"][1]["reason"].as_str().unwrap().contains("exceed gross revenue"), "{out}");
    assert_eq!(submission(&n, &a, 2, "reporter-0"), None);
    // with the data consistent again, period 2 is submitted: one order of 777.00 with 20.00 of goods
    server.update(|s| {
        let o = s.orders.iter_mut().find(|o| o["id"] == 99).unwrap();
        o["refunds"] = json!([]);
    });
    let out = run(&n, &server, "reporter-0", &token);
    assert_eq!(out["periods"][1]["outcome"], "submitted", "{out}");
    assert_eq!(submission(&n, &a, 2, "reporter-0"), Some((777_000_000, 757_000_000, want.2)));
    // a key without the reporter role: the program's refusal is that period's outcome, the pass goes on
    n.wallet("stranger", 1);
    let out = n.ok(
        &n.dir.join("stranger.json"),
        &[
            "reporter",
            "run",
            "--merchant",
            "ACME",
            "--shop-url",
            &server.base_url,
            "--access-token-file",
            token.to_str().unwrap(),
            "--once",
            "--backoff-ms",
            "20",
        ],
    );
    assert_eq!(outcomes(&out), vec![(1, "refused".to_string()), (2, "refused".to_string())], "{out}");
    assert!(out["periods"][1]["reason"].as_str().unwrap().contains("NotOracleReporter"), "{out}");
}
