//! A mock Shopify Admin REST server for tests (feature `mock`): std only, HTTP/1.1 on
//! `127.0.0.1:0` in a background thread, one request per connection (`Connection: close`).
//!
//! It serves a [`MockShop`] fixture the way Shopify does: `X-Shopify-Access-Token` checked
//! (401 otherwise); `/shop.json`; `/products.json`; `/inventory_items.json?ids=` (≤ 100 ids);
//! `/inventory_levels.json?inventory_item_ids=` (≤ 50 ids); `/orders.json` with `status`
//! (default `open`) and inclusive `created_at_min`/`created_at_max`. Every list is paginated at
//! `min(limit, page_size)` (default `limit` 50, at most 250) with `Link` headers carrying an
//! opaque `page_info`; a request with `page_info` may carry only `limit` and `fields` besides
//! (400 otherwise), as on Shopify. Responses carry `Date` and
//! `X-Shopify-Shop-Api-Call-Limit`. Faults can be scripted ([`MockServer::fail_next`],
//! [`MockServer::fail_orders_between`]) and every request is recorded ([`MockServer::requests`]).
//! The server stops when the [`MockServer`] is dropped.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::time::{format_http_date, now_unix, parse_rfc3339};

/// A scripted failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `Retry-After: {retry_after}` (seconds, e.g. `"0.05"`).
    RateLimited { retry_after: String },
    /// The given 5xx status.
    ServerError(u16),
    /// 200 with the real body cut in half.
    Malformed,
}

/// The shop the mock serves. Fixture objects are in Shopify's JSON shape.
#[derive(Debug, Clone)]
pub struct MockShop {
    pub access_token: String,
    pub api_version: String,
    /// The object `/shop.json` returns under `"shop"`.
    pub shop: Value,
    pub products: Vec<Value>,
    pub inventory_items: Vec<Value>,
    pub inventory_levels: Vec<Value>,
    pub orders: Vec<Value>,
    /// Largest page served, whatever `limit` asks (default 2, so tests paginate).
    pub page_size: usize,
    /// `X-Shopify-Shop-Api-Call-Limit` sent as `used/max` (default 1/40).
    pub call_limit: (u32, u32),
    /// Fixed `Date` header (unix seconds); the server clock if `None`.
    pub date: Option<i64>,
}

impl Default for MockShop {
    fn default() -> Self {
        Self {
            access_token: "shpat_mock".into(),
            api_version: "2024-10".into(),
            shop: json!({"id": 1, "name": "ACME", "currency": "USD", "iana_timezone": "UTC",
                         "created_at": "2024-01-05T10:00:00-05:00"}),
            products: Vec::new(),
            inventory_items: Vec::new(),
            inventory_levels: Vec::new(),
            orders: Vec::new(),
            page_size: 2,
            call_limit: (1, 40),
            date: None,
        }
    }
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Path and query as sent, e.g. `/admin/api/2024-10/orders.json?status=any&…`.
    pub target: String,
    /// When the request's headers had arrived.
    pub at: Instant,
    pub status: u16,
}

impl Recorded {
    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
    /// Decoded query parameters.
    pub fn query(&self) -> Vec<(String, String)> {
        parse_query(self.target.split_once('?').map_or("", |(_, q)| q))
    }
    pub fn param(&self, key: &str) -> Option<String> {
        self.query().into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

struct Cursor {
    endpoint: String,
    query: Vec<(String, String)>,
    offset: usize,
}

struct State {
    shop: MockShop,
    base_url: String,
    faults: Vec<(String, Fault, u32)>,
    failing_orders: Vec<(i64, i64, u16)>,
    cursors: HashMap<String, Cursor>,
    next_cursor: u64,
    requests: Vec<Recorded>,
}

/// A running mock; stops on drop.
pub struct MockServer {
    pub base_url: String,
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl MockShop {
    /// Start serving this shop on `127.0.0.1:<free port>`.
    pub fn serve(self) -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let base_url = format!("http://{addr}");
        let state = Arc::new(Mutex::new(State {
            shop: self,
            base_url: base_url.clone(),
            faults: Vec::new(),
            failing_orders: Vec::new(),
            cursors: HashMap::new(),
            next_cursor: 0,
            requests: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, sp) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if sp.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(s) = stream {
                    let _ = serve_one(&st, s);
                }
            }
        });
        MockServer { base_url, addr, state, stop, thread: Some(thread) }
    }
}

impl MockServer {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }
    pub fn clear_requests(&self) {
        self.lock().requests.clear();
    }
    /// The next `times` requests whose target, after `/admin/api/{version}`, starts with
    /// `path_prefix` (e.g. `/orders.json`, `/orders.json?page_info`) get `fault`.
    pub fn fail_next(&self, path_prefix: &str, fault: Fault, times: u32) {
        self.lock().faults.push((path_prefix.into(), fault, times));
    }
    /// Every orders request whose created_at window meets `[start, end)` answers `status`.
    pub fn fail_orders_between(&self, start: i64, end: i64, status: u16) {
        self.lock().failing_orders.push((start, end, status));
    }
    /// Change the fixture while serving.
    pub fn update(&self, f: impl FnOnce(&mut MockShop)) {
        f(&mut self.lock().shop);
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let (mut out, mut i) = (Vec::with_capacity(b.len()), 0);
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

struct Reply {
    status: u16,
    body: String,
    headers: Vec<(String, String)>,
}

fn reply(status: u16, body: Value) -> Reply {
    Reply { status, body: body.to_string(), headers: Vec::new() }
}

fn serve_one(state: &Mutex<State>, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let at = Instant::now();
    let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
    let r = respond(&mut st, &method, &target, &headers);
    st.requests.push(Recorded { target, at, status: r.status });
    let (used, max) = st.shop.call_limit;
    let date = format_http_date(st.shop.date.unwrap_or_else(now_unix));
    drop(st);
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\nDate: {date}\r\nX-Shopify-Shop-Api-Call-Limit: {used}/{max}\r\n",
        r.status,
        match r.status {
            200 => "OK",
            400 => "Bad Request",
            401 => "Unauthorized",
            404 => "Not Found",
            405 => "Method Not Allowed",
            422 => "Unprocessable Entity",
            429 => "Too Many Requests",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            _ => "Internal Server Error",
        },
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&r.body);
    let mut stream = stream;
    stream.write_all(out.as_bytes())?;
    stream.flush()
}

fn respond(st: &mut State, method: &str, target: &str, headers: &HashMap<String, String>) -> Reply {
    if method != "GET" {
        return reply(405, json!({"errors": "Method Not Allowed"}));
    }
    if headers.get("x-shopify-access-token") != Some(&st.shop.access_token) {
        return reply(
            401,
            json!({"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}),
        );
    }
    let prefix = format!("/admin/api/{}", st.shop.api_version);
    let Some(rel) = target.strip_prefix(&prefix).filter(|r| r.starts_with('/')) else {
        return reply(404, json!({"errors": "Not Found"}));
    };
    let fault =
        st.faults.iter_mut().find(|(p, _, n)| *n > 0 && rel.starts_with(p.as_str())).map(|(_, f, n)| {
            *n -= 1;
            f.clone()
        });
    match fault {
        Some(Fault::RateLimited { retry_after }) => {
            let mut r = reply(
                429,
                json!({"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}),
            );
            r.headers.push(("Retry-After".into(), retry_after));
            return r;
        }
        Some(Fault::ServerError(s)) => return reply(s, json!({"errors": "Internal Server Error"})),
        _ => {}
    }
    let (endpoint, query) = rel.split_once('?').unwrap_or((rel, ""));
    let mut r = route(st, endpoint, &parse_query(query));
    if fault == Some(Fault::Malformed) && r.status == 200 {
        let cut = r.body.len() / 2;
        r.body.truncate(cut);
    }
    r
}

fn route(st: &mut State, endpoint: &str, query: &[(String, String)]) -> Reply {
    if endpoint == "/shop.json" {
        return reply(200, json!({"shop": st.shop.shop}));
    }
    let key = match endpoint {
        "/products.json" => "products",
        "/inventory_items.json" => "inventory_items",
        "/inventory_levels.json" => "inventory_levels",
        "/orders.json" => "orders",
        _ => return reply(404, json!({"errors": "Not Found"})),
    };
    let get = |k: &str| query.iter().find(|(q, _)| q == k).map(|(_, v)| v.as_str());
    let limit = match get("limit").map(str::parse::<usize>) {
        None => 50,
        Some(Ok(l)) if (1..=250).contains(&l) => l,
        _ => return reply(400, json!({"errors": {"limit": "Invalid value."}})),
    };
    // A page_info request carries its filters in the cursor and may only add limit and fields.
    let (filters, offset) = match get("page_info") {
        Some(p) => {
            if query.iter().any(|(k, _)| !matches!(k.as_str(), "page_info" | "limit" | "fields")) {
                return reply(400, json!({"errors": {"page_info": "Invalid value."}}));
            }
            match st.cursors.get(p) {
                Some(c) if c.endpoint == endpoint => (c.query.clone(), c.offset),
                _ => return reply(400, json!({"errors": {"page_info": "Invalid value."}})),
            }
        }
        None => (query.to_vec(), 0),
    };
    let items = match select(st, key, &filters) {
        Ok(items) => items,
        Err(r) => return r,
    };
    let size = limit.min(st.shop.page_size.max(1));
    let page: Vec<Value> = items.iter().skip(offset).take(size).cloned().collect();
    let mut links = Vec::new();
    let mut cursor = |st: &mut State, offset: usize, rel: &str| {
        st.next_cursor += 1;
        let id = format!("eyJ{:x}c{}", st.next_cursor * 7919, st.next_cursor);
        st.cursors.insert(id.clone(), Cursor { endpoint: endpoint.into(), query: filters.clone(), offset });
        links.push(format!(
            "<{}/admin/api/{}{endpoint}?page_info={id}&limit={limit}>; rel=\"{rel}\"",
            st.base_url, st.shop.api_version
        ));
    };
    if offset > 0 {
        cursor(st, offset.saturating_sub(size), "previous");
    }
    if offset + size < items.len() {
        cursor(st, offset + size, "next");
    }
    let mut r = reply(200, json!({ key: page }));
    if !links.is_empty() {
        r.headers.push(("Link".into(), links.join(", ")));
    }
    r
}

fn ids(v: Option<&str>) -> Option<HashSet<u64>> {
    v.map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
}

fn time_of(v: &Value, field: &str) -> Option<i64> {
    v.get(field).and_then(Value::as_str).and_then(|s| parse_rfc3339(s).ok())
}

/// The fixture's items matching the filters, or an error reply.
fn select(st: &State, key: &str, filters: &[(String, String)]) -> Result<Vec<Value>, Reply> {
    let get = |k: &str| filters.iter().find(|(q, _)| q == k).map(|(_, v)| v.as_str());
    let by_id = |list: &[Value], field: &str, wanted: &HashSet<u64>| -> Vec<Value> {
        list.iter()
            .filter(|v| v.get(field).and_then(Value::as_u64).is_some_and(|i| wanted.contains(&i)))
            .cloned()
            .collect()
    };
    let s = &st.shop;
    Ok(match key {
        "products" => s.products.clone(),
        "inventory_items" => match ids(get("ids")) {
            Some(w) if w.len() <= 100 => by_id(&s.inventory_items, "id", &w),
            _ => return Err(reply(422, json!({"errors": {"ids": "must be 1 to 100 ids"}}))),
        },
        "inventory_levels" => match ids(get("inventory_item_ids")) {
            Some(w) if w.len() <= 50 => by_id(&s.inventory_levels, "inventory_item_id", &w),
            _ => return Err(reply(422, json!({"errors": {"inventory_item_ids": "must be 1 to 50 ids"}}))),
        },
        _ => {
            let bound = |k: &str| match get(k).map(parse_rfc3339) {
                None => Ok(None),
                Some(Ok(t)) => Ok(Some(t)),
                Some(Err(_)) => Err(reply(400, json!({"errors": {k: "Invalid value."}}))),
            };
            let (min, max) = (bound("created_at_min")?, bound("created_at_max")?);
            let (lo, hi) = (min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX));
            if let Some((_, _, status)) = st.failing_orders.iter().find(|(a, b, _)| lo < *b && hi >= *a) {
                return Err(reply(*status, json!({"errors": "Internal Server Error"})));
            }
            let status = get("status").unwrap_or("open");
            s.orders
                .iter()
                .filter(|o| {
                    let (cancelled, closed) = (!o["cancelled_at"].is_null(), !o["closed_at"].is_null());
                    let t = time_of(o, "created_at").unwrap_or(i64::MIN);
                    let keep = match status {
                        "any" => true,
                        "open" => !cancelled && !closed,
                        "closed" => closed,
                        "cancelled" => cancelled,
                        _ => false,
                    };
                    keep && lo <= t && t <= hi
                })
                .cloned()
                .collect()
        }
    })
}
