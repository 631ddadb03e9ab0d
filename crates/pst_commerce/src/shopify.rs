//! Shopify Admin REST API adapter.
//!
//! # Definitions (all amounts in the shop's currency, which must be USD, as base units)
//! * **Orders of a day**: orders whose `created_at` lies in `[start, end)`, fetched with
//!   `status=any` (open, closed and cancelled) and `created_at_min=start`,
//!   `created_at_max=end−1s` (Shopify's max is inclusive), then filtered again on the parsed
//!   `created_at`. Test orders (`test: true`) and cancelled orders (`cancelled_at` set) are
//!   skipped entirely, refunds included.
//! * **Gross** of an order = `total_price − total_tax`: sales excluding tax, after discounts,
//!   including shipping (with tax-inclusive prices `total_tax` is the included tax, so this holds
//!   too). A negative result (tax above total) is [`PlatformError::Malformed`].
//! * **Refunds** = Σ `amount` of the refund transactions (`kind == "refund"`,
//!   `status == "success"`) of the day's orders, as known when reporting: a refund counts on the
//!   day its order was created, not the day it was issued. Amounts are passed through signed, so
//!   a negative refund reaches [`crate::period_data`]'s consistency checks.
//! * **COGS** = Σ over line items of `quantity × cost` of the line's variant's inventory item
//!   (the original quantity; restocks are not deducted). A line without `variant_id`, or whose
//!   variant or cost is unknown, costs 0 and logs a warning.
//! * **Inventory** = Σ over inventory levels (every location) of `available × cost` of the
//!   tracked inventory items of every product variant. `available: null` counts as 0; a negative
//!   `available` is listed in [`InventorySnapshot::negative_items`] (and refused downstream);
//!   an item with `available > 0` and no cost cannot be valued: [`PlatformError::Config`].
//!   Untracked items (`tracked: false`) are not inventory. The snapshot's time is the `Date`
//!   header of the last inventory response (else the client clock).
//! * **Data start** = the shop's `created_at`.
//!
//! # Transport
//! Every request is a GET on `{base}/admin/api/{version}/…` with `X-Shopify-Access-Token`.
//! Lists use `limit=250` and follow the `Link: <…>; rel="next"` URL verbatim (same origin only).
//! HTTP 429 waits `Retry-After` seconds (capped by `max_wait_ms`); 5xx, transport errors and
//! malformed bodies are retried with exponential backoff from `backoff_ms`, up to
//! `max_attempts` attempts in all; other 4xx fail at once. When `X-Shopify-Shop-Api-Call-Limit`
//! shows the bucket within 2 of full, the next call waits `min(1000, 2 × backoff_ms)` ms.
//! The catalog (variant → inventory item → cost) is fetched once per adapter.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::time::Duration;

use reqwest::blocking::{Client, Response};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};

use crate::time::{format_rfc3339, now_unix, parse_http_date, parse_rfc3339, DAY};
use crate::{format_amount, parse_amount, CommercePlatform, DaySales, InventorySnapshot, PlatformError};

/// The most pages one list may span (250 items each: 2.5 million orders in a day, or products).
const MAX_PAGES: u32 = 10_000;

const ORDER_FIELDS: &str = "id,created_at,cancelled_at,test,total_price,total_tax,line_items,refunds";

/// How to reach one shop.
#[derive(Clone)]
pub struct ShopifyConfig {
    /// `https://acme.myshopify.com` (or the mock's `http://127.0.0.1:PORT`).
    pub base_url: String,
    pub access_token: String,
    /// Admin API version, default `2024-10`.
    pub api_version: String,
    /// Attempts per request in all, default 5.
    pub max_attempts: u32,
    /// First retry delay in ms (doubles per retry), default 500.
    pub backoff_ms: u64,
    /// Cap on any single wait, `Retry-After` included, default 30 000 ms.
    pub max_wait_ms: u64,
    /// Per-request timeout, default 30 000 ms.
    pub timeout_ms: u64,
}

impl ShopifyConfig {
    pub fn new(base_url: impl Into<String>, access_token: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            access_token: access_token.into(),
            api_version: "2024-10".into(),
            max_attempts: 5,
            backoff_ms: 500,
            max_wait_ms: 30_000,
            timeout_ms: 30_000,
        }
    }
}

impl fmt::Debug for ShopifyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShopifyConfig")
            .field("base_url", &self.base_url)
            .field("access_token", &"<redacted>")
            .field("api_version", &self.api_version)
            .field("max_attempts", &self.max_attempts)
            .field("backoff_ms", &self.backoff_ms)
            .field("max_wait_ms", &self.max_wait_ms)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// What `/shop.json` says about the shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopInfo {
    pub id: u64,
    pub name: String,
    pub currency: String,
    pub iana_timezone: Option<String>,
    pub created_at: i64,
}

struct Item {
    cost: Option<i128>,
    tracked: bool,
}

struct Catalog {
    variant_item: HashMap<u64, u64>,
    items: BTreeMap<u64, Item>,
}

/// The Shopify adapter. Blocking; one instance per reporter run (it caches shop and catalog).
pub struct Shopify {
    cfg: ShopifyConfig,
    base: String,
    http: Client,
    shop: Option<ShopInfo>,
    catalog: Option<Catalog>,
    pace: bool,
    last_date: Option<i64>,
}

// ---- response shapes (only the fields used; unknown fields are ignored) ----

/// A decimal string parsed exactly by [`parse_amount`].
struct Amount(i128);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_amount(&s).map(Amount).map_err(|_| {
            D::Error::custom(format!("amount {s:?} is not an exact decimal with at most 6 places"))
        })
    }
}

/// An RFC 3339 timestamp, as unix seconds.
struct Time(i64);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_rfc3339(&s).map(Time).map_err(D::Error::custom)
    }
}

#[derive(Deserialize)]
struct ShopResp {
    shop: RawShop,
}
#[derive(Deserialize)]
struct RawShop {
    id: u64,
    name: String,
    currency: String,
    iana_timezone: Option<String>,
    created_at: Time,
}
#[derive(Deserialize)]
struct ProductsResp {
    products: Vec<RawProduct>,
}
#[derive(Deserialize)]
struct RawProduct {
    variants: Vec<RawVariant>,
}
#[derive(Deserialize)]
struct RawVariant {
    id: u64,
    inventory_item_id: Option<u64>,
}
#[derive(Deserialize)]
struct ItemsResp {
    inventory_items: Vec<RawItem>,
}
#[derive(Deserialize)]
struct RawItem {
    id: u64,
    cost: Option<Amount>,
    #[serde(default = "yes")]
    tracked: bool,
}
fn yes() -> bool {
    true
}
#[derive(Deserialize)]
struct LevelsResp {
    inventory_levels: Vec<RawLevel>,
}
#[derive(Deserialize)]
struct RawLevel {
    inventory_item_id: u64,
    location_id: u64,
    available: Option<i64>,
}
#[derive(Deserialize)]
struct OrdersResp {
    orders: Vec<RawOrder>,
}
#[derive(Deserialize)]
struct RawOrder {
    id: u64,
    created_at: Time,
    cancelled_at: Option<String>,
    #[serde(default)]
    test: bool,
    total_price: Amount,
    total_tax: Amount,
    line_items: Vec<RawLine>,
    #[serde(default)]
    refunds: Vec<RawRefund>,
}
#[derive(Deserialize)]
struct RawLine {
    variant_id: Option<u64>,
    quantity: u64,
}
#[derive(Deserialize)]
struct RawRefund {
    #[serde(default)]
    transactions: Vec<RawTransaction>,
}
#[derive(Deserialize)]
struct RawTransaction {
    kind: String,
    status: String,
    amount: Amount,
}

/// One attempt's failure: retry (with a server-requested wait) or give up.
enum Failure {
    Retry(PlatformError, Option<Duration>),
    Fatal(PlatformError),
}

/// Percent-encode a query value (keeping `,` and `:` readable, as Shopify's docs write them).
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b':' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `rel="next"` URL of a `Link` header.
pub fn next_link(link: &str) -> Option<&str> {
    let mut rest = link;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let url = &rest[open + 1..close];
        rest = &rest[close + 1..];
        let params = &rest[..rest.find('<').unwrap_or(rest.len())];
        if params
            .split(';')
            .any(|p| matches!(p.trim().trim_end_matches(',').trim(), "rel=\"next\"" | "rel=next"))
        {
            return Some(url);
        }
    }
    None
}

/// `Retry-After` in (possibly fractional) seconds, as Shopify sends it.
pub fn retry_after(v: &str) -> Option<Duration> {
    let secs: f64 = v.trim().parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)))
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s = format!("{s}: {c}");
        src = c.source();
    }
    s
}

fn snippet(body: &str) -> String {
    let t: String = body.chars().take(200).collect();
    if t.len() < body.len() {
        format!("{t}…")
    } else {
        t
    }
}

fn header<'a>(r: &'a Response, name: &str) -> Option<&'a str> {
    r.headers().get(name).and_then(|v| v.to_str().ok())
}

fn join_ids(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

impl Shopify {
    pub fn new(cfg: ShopifyConfig) -> Result<Self, PlatformError> {
        let base = cfg.base_url.trim_end_matches('/').to_string();
        // the access token travels with every request: plain HTTP only to this machine (tests, a local proxy)
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
            .iter()
            .any(|h| base == *h || base.starts_with(&format!("{h}:")) || base.starts_with(&format!("{h}/")));
        if !(base.starts_with("https://") || loopback) || base.contains(['?', '#']) {
            return Err(PlatformError::Config(format!(
                "base URL {:?} must be https://host[:port] (plain http only to 127.0.0.1 or localhost)",
                cfg.base_url
            )));
        }
        if cfg.access_token.is_empty() || cfg.max_attempts == 0 || cfg.api_version.is_empty() {
            return Err(PlatformError::Config(
                "the access token and API version must be set and max_attempts must be at least 1".into(),
            ));
        }
        let http = Client::builder()
            .timeout(Duration::from_millis(cfg.timeout_ms))
            .user_agent(concat!("pst-reporter/", env!("CARGO_PKG_VERSION")))
            // a redirect would carry X-Shopify-Access-Token to wherever it points: follow none
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                PlatformError::Config(format!("the HTTP client could not be built: {}", error_chain(&e)))
            })?;
        Ok(Self { cfg, base, http, shop: None, catalog: None, pace: false, last_date: None })
    }

    fn url(&self, endpoint: &str, params: &[(&str, &str)]) -> String {
        let q: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        format!("{}/admin/api/{}/{endpoint}?{}", self.base, self.cfg.api_version, q.join("&"))
    }

    /// One GET with retries, decoding the body as `T`; returns it and the next page's URL.
    fn get<T: DeserializeOwned>(&mut self, url: &str) -> Result<(T, Option<String>), PlatformError> {
        let path = url.strip_prefix(&self.base).unwrap_or(url).to_string();
        let mut attempt = 0;
        loop {
            attempt += 1;
            if std::mem::take(&mut self.pace) {
                let ms = self.cfg.backoff_ms.saturating_mul(2).min(1000);
                tracing::warn!(path = %path, wait_ms = ms, "API call bucket nearly full, pacing");
                std::thread::sleep(Duration::from_millis(ms));
            }
            let (err, asked) = match self.attempt::<T>(url, &path) {
                Ok(v) => return Ok(v),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Retry(e, asked)) => (e, asked),
            };
            if attempt >= self.cfg.max_attempts {
                return Err(match err {
                    PlatformError::RateLimited { .. } => {
                        PlatformError::RateLimited { path, attempts: attempt }
                    }
                    e => e,
                });
            }
            let backoff =
                Duration::from_millis(self.cfg.backoff_ms.saturating_mul(1 << (attempt - 1).min(20)));
            let wait = asked.unwrap_or(backoff).min(Duration::from_millis(self.cfg.max_wait_ms));
            let status = match &err {
                PlatformError::Http { status, .. } => Some(*status),
                PlatformError::RateLimited { .. } => Some(429),
                _ => None,
            };
            tracing::warn!(path = %path, ?status, attempt, max_attempts = self.cfg.max_attempts, wait_ms = wait.as_millis() as u64, error = %err, "retrying");
            std::thread::sleep(wait);
        }
    }

    fn attempt<T: DeserializeOwned>(
        &mut self,
        url: &str,
        path: &str,
    ) -> Result<(T, Option<String>), Failure> {
        let transport = |e: reqwest::Error| {
            Failure::Retry(PlatformError::Transport { path: path.into(), detail: error_chain(&e) }, None)
        };
        let resp = self
            .http
            .get(url)
            .header("X-Shopify-Access-Token", &self.cfg.access_token)
            .header("Accept", "application/json")
            .send()
            .map_err(transport)?;
        let status = resp.status().as_u16();
        if let Some((used, max)) =
            header(&resp, "X-Shopify-Shop-Api-Call-Limit").and_then(|v| v.split_once('/'))
        {
            if let (Ok(used), Ok(max)) = (used.trim().parse::<u32>(), max.trim().parse::<u32>()) {
                self.pace = used.saturating_add(2) >= max;
            }
        }
        if let Some(t) = header(&resp, "Date").and_then(parse_http_date) {
            self.last_date = Some(t);
        }
        if status == 429 {
            let asked = header(&resp, "Retry-After").and_then(retry_after);
            return Err(Failure::Retry(PlatformError::RateLimited { path: path.into(), attempts: 1 }, asked));
        }
        let next = header(&resp, "Link").and_then(next_link).map(str::to_string);
        let body = resp.text().map_err(transport)?;
        let http = PlatformError::Http { status, path: path.into(), detail: snippet(&body) };
        match status {
            200..=299 => {}
            500..=599 => return Err(Failure::Retry(http, None)),
            _ => return Err(Failure::Fatal(http)),
        }
        let value = serde_json::from_str(&body).map_err(|e| {
            Failure::Retry(PlatformError::Malformed { path: path.into(), what: e.to_string() }, None)
        })?;
        if let Some(n) = &next {
            if !n.starts_with(&format!("{}/", self.base)) || n == url {
                let what = format!("the next-page link {n:?} leaves the shop or repeats the page");
                return Err(Failure::Fatal(PlatformError::Malformed { path: path.into(), what }));
            }
        }
        Ok((value, next))
    }

    /// Every page of a list.
    fn get_all<T: DeserializeOwned, I>(
        &mut self,
        first: String,
        items: fn(T) -> Vec<I>,
    ) -> Result<Vec<I>, PlatformError> {
        let (mut out, mut url) = (Vec::new(), Some(first));
        let mut pages = 0u32;
        while let Some(u) = url {
            pages += 1;
            if pages > MAX_PAGES {
                // a cursor cycle (A → B → A) or a runaway list: stop rather than loop for ever
                let what = format!("the list did not end within {MAX_PAGES} pages");
                return Err(PlatformError::Malformed { path: u, what });
            }
            let (page, next) = self.get::<T>(&u)?;
            out.extend(items(page));
            url = next;
        }
        Ok(out)
    }

    /// The shop's details (fetched once); refuses a shop whose currency is not USD.
    pub fn shop(&mut self) -> Result<&ShopInfo, PlatformError> {
        if self.shop.is_none() {
            let (r, _) = self.get::<ShopResp>(&self.url("shop.json", &[]))?;
            let s = r.shop;
            self.shop = Some(ShopInfo {
                id: s.id,
                name: s.name,
                currency: s.currency,
                iana_timezone: s.iana_timezone,
                created_at: s.created_at.0,
            });
        }
        let shop = self.shop.as_ref().expect("just loaded");
        if shop.currency != "USD" {
            return Err(PlatformError::Currency { currency: shop.currency.clone() });
        }
        Ok(shop)
    }

    fn load_catalog(&mut self) -> Result<(), PlatformError> {
        if self.catalog.is_some() {
            return Ok(());
        }
        let url = self.url("products.json", &[("limit", "250"), ("fields", "id,variants")]);
        let products = self.get_all(url, |r: ProductsResp| r.products)?;
        let variant_item: HashMap<u64, u64> = products
            .into_iter()
            .flat_map(|p| p.variants)
            .filter_map(|v| Some((v.id, v.inventory_item_id?)))
            .collect();
        let mut ids: Vec<u64> = variant_item.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut items = BTreeMap::new();
        for chunk in ids.chunks(100) {
            let url = self.url("inventory_items.json", &[("ids", &join_ids(chunk)), ("limit", "250")]);
            for it in self.get_all(url, |r: ItemsResp| r.inventory_items)? {
                let cost = it.cost.map(|c| c.0);
                if cost.is_some_and(|c| c < 0) {
                    return Err(PlatformError::Malformed {
                        path: "/inventory_items.json".into(),
                        what: format!("inventory item {} has a negative cost", it.id),
                    });
                }
                items.insert(it.id, Item { cost, tracked: it.tracked });
            }
        }
        tracing::debug!(variants = variant_item.len(), items = items.len(), "Shopify catalog loaded");
        self.catalog = Some(Catalog { variant_item, items });
        Ok(())
    }

    fn catalog(&self) -> &Catalog {
        self.catalog.as_ref().expect("catalog loaded")
    }
}

impl Catalog {
    /// Unit cost of a variant, 0 (with a warning) if unknown.
    fn unit_cost(&self, variant: Option<u64>, order: u64) -> i128 {
        let Some(v) = variant else {
            tracing::warn!(order, "line item without variant_id: cost 0");
            return 0;
        };
        match self.variant_item.get(&v).and_then(|i| self.items.get(i)).and_then(|i| i.cost) {
            Some(c) => c,
            None => {
                tracing::warn!(order, variant = v, "line item's variant has no known cost: cost 0");
                0
            }
        }
    }
}

fn too_large(what: &str) -> PlatformError {
    PlatformError::Malformed {
        path: "/orders.json".into(),
        what: format!("the day's {what} does not fit 64 bits"),
    }
}

impl CommercePlatform for Shopify {
    fn name(&self) -> &'static str {
        "Shopify"
    }

    fn data_start(&mut self) -> Result<i64, PlatformError> {
        Ok(self.shop()?.created_at)
    }

    fn day_sales(&mut self, start: i64, end: i64) -> Result<DaySales, PlatformError> {
        if end <= start || end - start > DAY {
            return Err(PlatformError::Config(format!(
                "a day slice must be 1 to 86400 s long, not {} s",
                end - start
            )));
        }
        self.shop()?;
        self.load_catalog()?;
        let url = self.url(
            "orders.json",
            &[
                ("status", "any"),
                ("created_at_min", &format_rfc3339(start)),
                ("created_at_max", &format_rfc3339(end - 1)),
                ("limit", "250"),
                ("fields", ORDER_FIELDS),
            ],
        );
        let orders = self.get_all(url, |r: OrdersResp| r.orders)?;
        let cat = self.catalog();
        let (mut seen, mut count) = (HashSet::new(), 0u32);
        let (mut gross, mut refunds, mut cogs) = (0i128, 0i128, 0i128);
        for o in orders {
            let t = o.created_at.0;
            if t < start || t >= end || o.test || o.cancelled_at.is_some() || !seen.insert(o.id) {
                continue;
            }
            if o.total_price.0 < 0 || o.total_tax.0 < 0 || o.total_tax.0 > o.total_price.0 {
                return Err(PlatformError::Malformed {
                    path: "/orders.json".into(),
                    what: format!(
                        "order {} has total_price {} and total_tax {}, which leave a negative or inflated net sale",
                        o.id,
                        format_amount(o.total_price.0),
                        format_amount(o.total_tax.0)
                    ),
                });
            }
            count += 1;
            gross += o.total_price.0 - o.total_tax.0;
            refunds += o
                .refunds
                .iter()
                .flat_map(|r| &r.transactions)
                .filter(|t| t.kind == "refund" && t.status == "success")
                .map(|t| t.amount.0)
                .sum::<i128>();
            cogs += o
                .line_items
                .iter()
                .map(|l| l.quantity as i128 * cat.unit_cost(l.variant_id, o.id))
                .sum::<i128>();
        }
        Ok(DaySales {
            day_start: start,
            orders: count,
            gross: u64::try_from(gross).map_err(|_| too_large("gross"))?,
            refunds: i64::try_from(refunds).map_err(|_| too_large("refunds"))?,
            cogs: i64::try_from(cogs).map_err(|_| too_large("COGS"))?,
        })
    }

    fn inventory(&mut self) -> Result<InventorySnapshot, PlatformError> {
        self.shop()?;
        self.load_catalog()?;
        self.last_date = None;
        let tracked: Vec<u64> =
            self.catalog().items.iter().filter(|(_, i)| i.tracked).map(|(id, _)| *id).collect();
        let mut snap = InventorySnapshot { items: tracked.len() as u32, ..Default::default() };
        for chunk in tracked.chunks(50) {
            let url = self
                .url("inventory_levels.json", &[("inventory_item_ids", &join_ids(chunk)), ("limit", "250")]);
            for l in self.get_all(url, |r: LevelsResp| r.inventory_levels)? {
                let available = l.available.unwrap_or(0);
                if available == 0 {
                    continue;
                }
                if available < 0 {
                    snap.negative_items.push(format!(
                        "inventory item {} at location {} has {available} available",
                        l.inventory_item_id, l.location_id
                    ));
                }
                match self.catalog().items.get(&l.inventory_item_id).and_then(|i| i.cost) {
                    Some(cost) => snap.value += available as i128 * cost,
                    None if available > 0 => {
                        return Err(PlatformError::Config(format!(
                            "inventory item {} has {available} available at location {} but no cost per item in Shopify, so the inventory cannot be valued",
                            l.inventory_item_id, l.location_id
                        )))
                    }
                    None => {}
                }
            }
        }
        snap.taken_at = self.last_date.unwrap_or_else(now_unix);
        Ok(snap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header() {
        let both = r#"<https://a.myshopify.com/admin/api/2024-10/orders.json?page_info=p1&limit=250>; rel="previous", <https://a.myshopify.com/admin/api/2024-10/orders.json?page_info=n2&limit=250>; rel="next""#;
        assert_eq!(
            next_link(both),
            Some("https://a.myshopify.com/admin/api/2024-10/orders.json?page_info=n2&limit=250")
        );
        let next_only = r#"<https://a.myshopify.com/admin/api/2024-10/products.json?limit=250&fields=id,variants&page_info=abc>; rel="next""#;
        assert_eq!(next_link(next_only), Some("https://a.myshopify.com/admin/api/2024-10/products.json?limit=250&fields=id,variants&page_info=abc"));
        assert_eq!(next_link(r#"<https://a/x?page_info=p>; rel="previous""#), None);
        assert_eq!(next_link(""), None);
    }

    #[test]
    fn retry_after_values() {
        assert_eq!(retry_after("2.0"), Some(Duration::from_secs(2)));
        assert_eq!(retry_after("0.05"), Some(Duration::from_millis(50)));
        assert_eq!(retry_after(" 1 "), Some(Duration::from_secs(1)));
        assert_eq!(retry_after("-1"), None);
        assert_eq!(retry_after("NaN"), None);
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn query_encoding() {
        assert_eq!(encode("2025-03-01T00:00:00Z"), "2025-03-01T00:00:00Z");
        assert_eq!(encode("a b+c&d"), "a%20b%2Bc%26d");
        assert_eq!(encode("id,variants"), "id,variants");
    }

    #[test]
    fn config_is_checked_and_token_redacted() {
        assert!(matches!(
            Shopify::new(ShopifyConfig::new("acme.myshopify.com", "t")),
            Err(PlatformError::Config(_))
        ));
        assert!(matches!(
            Shopify::new(ShopifyConfig::new("https://acme.myshopify.com", "")),
            Err(PlatformError::Config(_))
        ));
        // the token never travels in clear beyond this machine
        for bad in ["http://acme.myshopify.com", "http://127.0.0.1.evil.com", "http://localhost.evil.com:80"]
        {
            assert!(
                matches!(Shopify::new(ShopifyConfig::new(bad, "t")), Err(PlatformError::Config(_))),
                "{bad}"
            );
        }
        for ok in ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9"] {
            assert!(Shopify::new(ShopifyConfig::new(ok, "t")).is_ok(), "{ok}");
        }
        let cfg = ShopifyConfig::new("https://acme.myshopify.com/", "shpat_secret");
        assert!(!format!("{cfg:?}").contains("shpat_secret"));
        assert_eq!(Shopify::new(cfg).unwrap().base, "https://acme.myshopify.com");
    }
}
