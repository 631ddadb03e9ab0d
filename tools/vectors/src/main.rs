//! `cargo run -p pst-vectors`           writes `app/test/vectors.json`: cases computed by `pst_math` (the programs'
//!                                      own math) that the web app's unit tests check its TypeScript twin against.
//! `cargo run -p pst-vectors -- --check` fails if the committed file differs from what the math gives now.
//!
//! Inputs come from a fixed-seed generator spanning small, typical and extreme values; each case records the
//! result or that the math refused (`null`), so the app must refuse the same inputs.
use pst_math::{
    curve,
    dividends::{accrue, earned, Schedule},
    twap,
};
use serde_json::{json, Value};
use std::{fs, path::PathBuf, process::ExitCode};

/// A small deterministic generator (xorshift64*), so the vectors never change unless the math does.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// A value of a random magnitude (1 to 2^bits), sometimes an edge.
    fn amount(&mut self, bits: u32) -> u64 {
        match self.below(12) {
            0 => 0,
            1 => 1,
            2 => u64::MAX >> (64 - bits),
            _ => self.next() >> (64 - 1 - self.below(bits as u64) as u32),
        }
    }
}

fn s(v: u64) -> Value {
    Value::String(v.to_string())
}
fn s128(v: u128) -> Value {
    Value::String(v.to_string())
}

fn curve_cases(r: &mut Rng) -> Vec<Value> {
    let mut out = vec![];
    for _ in 0..400 {
        let (rin, rout, amt) = (r.amount(50), r.amount(50), r.amount(48));
        let fee = [0u16, 1, 30, 100, 9_999][r.below(5) as usize];
        let share = [0u16, 2_000, 5_000][r.below(3) as usize];
        let inn = curve::swap_exact_in(rin, rout, amt, fee, share)
            .ok()
            .map(|x| json!({ "out": s(x.amount_out), "fee": s(x.fee), "protocol_fee": s(x.protocol_fee) }));
        let outq = curve::swap_exact_out(rin, rout, amt, fee, share)
            .ok()
            .map(|x| json!({ "in": s(x.amount_in), "fee": s(x.fee), "protocol_fee": s(x.protocol_fee) }));
        out.push(json!({
            "reserve_in": s(rin), "reserve_out": s(rout), "amount": s(amt), "fee_bps": fee, "protocol_share_bps": share,
            "exact_in": inn, "exact_out": outq,
        }));
    }
    out
}

fn liquidity_cases(r: &mut Rng) -> Vec<Value> {
    (0..200)
        .map(|_| {
            let (lp, supply, x, y) = (r.amount(44), r.amount(46), r.amount(50), r.amount(50));
            let dep = curve::deposit_amounts(lp, supply, x, y).ok().map(|(a, b)| json!([s(a), s(b)]));
            let wd = curve::withdraw_amounts(lp, supply, x, y).ok().map(|(a, b)| json!([s(a), s(b)]));
            json!({ "lp": s(lp), "supply": s(supply), "reserve_x": s(x), "reserve_y": s(y), "deposit": dep, "withdraw": wd })
        })
        .collect()
}

fn sale_cases(r: &mut Rng) -> Vec<Value> {
    (0..200)
        .map(|_| {
            let (amount, price) = (r.amount(50), r.amount(40));
            let bps = r.below(10_001) as u16;
            json!({
                "amount": s(amount), "price": s(price), "stake_bps": bps,
                "cost": pst_math::sale_cost(amount, price).ok().map(s),
                "stake_requirement": pst_math::stake_requirement(amount, price, bps).ok().map(s),
            })
        })
        .collect()
}

/// Days of inventory and the withdrawal limit (automated withdrawal controls) at random and edge inputs.
fn inventory_cases(r: &mut Rng) -> Vec<Value> {
    use pst_math::ami::{
        compute, inventory_days_x100, unjudged_limit, withdrawal_limit, Health, PeriodPoint,
    };
    (0..300)
        .map(|i| {
            let (inventory, revenue) = (r.amount(50), r.amount(50));
            let period_secs = [86_400u64, 7 * 86_400, 30 * 86_400, 92 * 86_400][r.below(4) as usize];
            let approved = r.amount(50);
            let floor = [0u16, 1, 14, 30, 365, u16::MAX][r.below(6) as usize];
            let days = match i % 5 {
                0 => None,
                1 => Some(floor as u64 * 100),
                2 => Some((floor as u64 * 100).saturating_sub(1)),
                _ => Some(inventory_days_x100(inventory, revenue, period_secs)),
            };
            let limits: Vec<Value> = [Health::Healthy, Health::Watch, Health::Default]
                .iter()
                .map(|h| s(withdrawal_limit(approved, *h, days, floor)))
                .collect();
            // a history ending with this period: the days are measured against the trailing average too
            let len = 1 + r.below(30) as usize;
            let mut history: Vec<PeriodPoint> = (0..len - 1)
                .map(|k| PeriodPoint {
                    period: k as u32,
                    revenue: r.amount(50),
                    inventory: r.amount(50),
                    ..Default::default()
                })
                .collect();
            history.push(PeriodPoint { period: len as u32, revenue, inventory, ..Default::default() });
            let m = compute(&history, false, period_secs, floor);
            json!({
                "inventory": s(inventory), "revenue": s(revenue), "period_secs": period_secs.to_string(),
                "days_x100": s(inventory_days_x100(inventory, revenue, period_secs)),
                "approved": s(approved), "days": days.map(s), "floor_days": floor,
                "limits": limits, "unjudged": s(unjudged_limit(approved)),
                "history": history.iter().map(|p| json!([s(p.revenue), s(p.inventory)])).collect::<Vec<_>>(),
                "history_days": m.inventory_days_x100.map(s),
                "history_trend": m.inventory_trend_bps.map(|t| t.to_string()),
            })
        })
        .collect()
}

fn schedule_json(x: &Schedule) -> Value {
    json!({
        "rate": s128(x.rate), "last": x.last.to_string(), "frac": s(x.frac), "grid": x.grid.to_string(),
        "drops": x.drops.iter().map(|d| s128(*d)).collect::<Vec<_>>(), "end": x.end.to_string(),
        "scheduled": s(x.scheduled), "released": s(x.released),
    })
}

/// Streams built by random sequences of `add` and `release_to`; each case is a distributor's schedule,
/// accumulator and stake with a position, and what the position could claim at a later time (the program's
/// `update` then `settle`).
fn dividend_cases(r: &mut Rng) -> Vec<Value> {
    let mut out = vec![];
    for _ in 0..150 {
        let period = [3_600i64, 86_400, 7 * 86_400, 7][r.below(4) as usize];
        let mut sched = Schedule::new(period).unwrap();
        let mut now = 1_700_000_000i64 + r.below(1_000_000) as i64;
        let total_staked = r.amount(50).max(1);
        let mut rpt = 0u128;
        for _ in 0..r.below(6) {
            now += r.below(period as u64 * 2) as i64;
            if let Ok(d) = sched.release_to(now) {
                if d > 0 {
                    rpt = accrue(rpt, d, total_staked).unwrap_or(rpt);
                }
            }
            let amount = r.amount(45).max(1);
            let _ = sched.add(now, period, amount);
        }
        let staked = r.below(total_staked).max(1);
        let checkpoint = rpt / (1 + r.below(3) as u128);
        let pending = r.amount(30);
        let at = now + r.below(period as u64 * 3) as i64;
        let before = schedule_json(&sched);
        let mut copy = sched;
        let claim = copy.release_to(at).ok().and_then(|d| {
            let rpt2 = if d > 0 { accrue(rpt, d, total_staked).ok()? } else { rpt };
            let e = earned(staked, rpt2, checkpoint).ok()?;
            pending.checked_add(e)
        });
        out.push(json!({
            "schedule": before, "total_staked": s(total_staked), "reward_per_token": s128(rpt),
            "staked": s(staked), "checkpoint": s128(checkpoint), "pending": s(pending), "now": at.to_string(),
            "claimable": claim.map(s),
        }));
    }
    out
}

/// The TWAP's fixed-point logs: `exp2_q16` over logs across the whole range, and geometric means between two
/// cumulatives.
fn twap_cases(r: &mut Rng) -> Vec<Value> {
    (0..200)
        .map(|i| {
            let log = match i % 4 {
                0 => (r.below(128) as u32) << 16,
                _ => r.below(128u64 << 16) as u32,
            };
            let elapsed = 1 + r.below(100_000);
            let start = (r.next() as u128) << 32 | r.next() as u128;
            let end = start.wrapping_add(log as u128 * elapsed as u128);
            json!({
                "log": log, "exp2": s128(twap::exp2_q16(log)),
                "start": s128(start), "end": s128(end), "elapsed": s(elapsed),
                "mean": twap::geometric_mean(start, end, elapsed).ok().map(s128),
            })
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Request` and `Epoch` of `yield_tranches` and `Cover` of `alar_reserve` (created by hand in the programs, so
/// not in their IDLs): serialized by Anchor with distinct field values, for the app's decoders.
fn tranche_account_cases() -> Value {
    use anchor_lang::{prelude::Pubkey, AccountSerialize, Discriminator};
    use yield_tranches::state::{Epoch, Fill, Request, Tranche};
    let key = |b: u8| Pubkey::new_from_array([b; 32]);
    let request = Request {
        tranches: key(1),
        owner: key(2),
        tranche: Tranche::Junior,
        next_epoch: 7,
        deposit: 11,
        redeem: 12,
        shares_to_claim: 13,
        usdc_to_claim: 14,
        deposited: 15,
        shares_received: 16,
        redeemed: 17,
        usdc_received: 18,
        bump: 254,
    };
    let fill = |k: u64| Fill { queued: k, executed: k + 1, output: k + 2 };
    let epoch = Epoch {
        tranches: key(3),
        index: 9,
        start: 1_700_000_000,
        end: 1_700_604_800,
        apy_bps: 1_000,
        next_apy_bps: 950,
        twap_q64: (1u128 << 64) + 12_345,
        income: 21,
        assets: 22,
        senior_claim: 23,
        backstop_requested: 24,
        backstop_paid: 25,
        arrears: 26,
        yield_arrears: 27,
        values: [28, 29],
        supplies: [30, 31],
        senior_realised_bps: 870,
        junior_return_bps: -2_200,
        fills: [fill(40), fill(50), fill(60), fill(70)],
        pst_sold: 32,
        usdc_from_sales: 33,
        usdc_spent: 34,
        pst_bought: 35,
        values_after: [36, 37],
        bump: 253,
    };
    let mut r = vec![];
    request.try_serialize(&mut r).expect("serialize a request");
    let mut e = vec![];
    epoch.try_serialize(&mut e).expect("serialize an epoch");
    let cover = alar_reserve::state::Cover {
        reserve: key(4),
        period: 5,
        shortfall: 6_000_000,
        covered: 2_500_000,
        bump: 252,
    };
    let mut c = vec![];
    cover.try_serialize(&mut c).expect("serialize a cover");
    json!({
        "request": { "data": hex(&r), "discriminator": hex(Request::DISCRIMINATOR) },
        "epoch": { "data": hex(&e), "discriminator": hex(Epoch::DISCRIMINATOR) },
        "cover": { "data": hex(&c), "discriminator": hex(alar_reserve::state::Cover::DISCRIMINATOR) },
    })
}

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let doc = json!({
        "about": "Cases computed by pst_math (the programs' math) for app/src/lib: regenerate with `cargo run -p pst-vectors`. null: the math refused.",
        "curve": curve_cases(&mut r),
        "liquidity": liquidity_cases(&mut r),
        "sale": sale_cases(&mut r),
        "dividends": dividend_cases(&mut r),
        "twap": twap_cases(&mut r),
        "hand_made_accounts": tranche_account_cases(),
        "inventory": inventory_cases(&mut r),
    });
    let text = serde_json::to_string_pretty(&doc).expect("serialize") + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../app/test/vectors.json");
    if check {
        if fs::read_to_string(&path).unwrap_or_default() != text {
            eprintln!("{} is out of date with pst_math: run `cargo run -p pst-vectors`", path.display());
            return ExitCode::FAILURE;
        }
        println!("app/test/vectors.json matches pst_math");
    } else {
        fs::create_dir_all(path.parent().unwrap()).expect("app/test/");
        fs::write(&path, text).expect("write the vectors");
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
