//! What a run shows: a CSV time series, SVG plots, and each promise of the protocol judged on the run.
use crate::engine::{Row, Run};
use plotters::prelude::*;
use std::{fmt::Write as _, path::Path};

/// A promise of the product documents, judged on one run.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub promise: &'static str,
    /// Weeks it was judged on, and the weeks it missed.
    pub weeks: usize,
    pub missed: usize,
    /// The worst miss, in the promise's own unit (described in `unit`), and the first week it missed.
    pub worst: f64,
    pub unit: &'static str,
    pub first_miss: Option<u32>,
}

impl Verdict {
    pub fn held(&self) -> bool {
        self.missed == 0
    }
}

/// The promises: senior's 8-11% APY while junior stands in front of it; the price inside the PE band [8, 15]
/// at each week's close; holders paid the 10% revenue share of what the merchant reports (less the protocol's
/// fees); every recorded shortfall covered from the 5% stake.
pub fn verdicts(run: &Run) -> Vec<Verdict> {
    let rows = &run.rows;
    let mut out = vec![];
    // senior APY: epochs that closed with junior above zero and no arrears carried in
    let mut v = Verdict {
        promise: "senior APY within [8%, 11%] while junior is above zero",
        weeks: 0,
        missed: 0,
        worst: 0.0,
        unit: "percentage points outside the band",
        first_miss: None,
    };
    for (i, r) in rows.iter().enumerate() {
        let prior_arrears = if i > 0 { rows[i - 1].arrears } else { 0.0 };
        if !r.epoch_closed || r.junior_nav <= 0.0 || prior_arrears > 0.0 || i == 0 {
            continue;
        }
        v.weeks += 1;
        let off = (8.0 - r.apy_realised).max(r.apy_realised - 11.0);
        if off > 0.01 {
            v.missed += 1;
            v.worst = v.worst.max(off);
            v.first_miss.get_or_insert(r.week);
        }
    }
    out.push(v);
    // the band, once the history is there
    let mut v = Verdict {
        promise: "price inside the reserve's PE band (within 1% of an edge) at each week's close",
        weeks: 0,
        missed: 0,
        worst: 0.0,
        unit: "PE points beyond the edge's 1%",
        first_miss: None,
    };
    for r in rows.iter().filter(|r| r.pe > 0.0) {
        v.weeks += 1;
        // the reserve trades toward an edge and stops on it: within 1% of the edge counts as on it
        let off = (r.pe_low * 0.99 - r.pe).max(r.pe - r.pe_high * 1.01);
        if off > 0.0 {
            v.missed += 1;
            v.worst = v.worst.max(off);
            v.first_miss.get_or_insert(r.week);
        }
    }
    out.push(v);
    // the revenue share: what reached the distributor over the run (swept from settlement, and the reserve's
    // covers) against 10% of the reported revenue (holders get it less the protocol's 2%, the reserve's 5% and
    // the keeper's 0.1%)
    let reported: f64 = rows.iter().map(|r| r.gross).sum();
    let reached: f64 = rows.iter().map(|r| r.distributed).sum();
    let due = reported * 0.10;
    let short = ((due - reached) / due).max(0.0);
    out.push(Verdict {
        promise: "the 10% revenue share of reported revenue reaches the holders' distributor",
        weeks: rows.len(),
        missed: usize::from(short > 0.02),
        worst: short * 100.0,
        unit: "% of the share not distributed by the run's end",
        first_miss: (short > 0.02).then(|| rows.first().map(|r| r.week).unwrap_or(0)),
    });
    // the stake: every recorded shortfall covered
    let mut v = Verdict {
        promise: "every recorded shortfall is covered from the stake",
        weeks: rows.len(),
        missed: 0,
        worst: 0.0,
        unit: "USDC of shortfall uncovered",
        first_miss: None,
    };
    for r in rows {
        let gap = r.shortfall - r.covered;
        if gap > 1.0 {
            v.missed += 1;
            v.worst = v.worst.max(gap);
            v.first_miss.get_or_insert(r.week);
        }
    }
    out.push(v);
    out
}

/// The time series as CSV.
pub fn csv(run: &Run) -> String {
    let mut s = String::from(
        "week,gross,settled,price,twap,reference,pe,pe_low,pe_high,reserve_usdc,reserve_pst,stake,covered,shortfall,\
         apy_set,apy_realised,senior_nav,junior_nav,arrears,backstop,epoch_closed,dividends_per_pst,holder_yield\n",
    );
    for r in &run.rows {
        let _ = writeln!(
            s,
            "{},{:.2},{:.2},{:.6},{:.6},{:.6},{:.3},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{},{:.6},{:.2}",
            r.week,
            r.gross,
            r.settled,
            r.price,
            r.twap,
            r.reference,
            r.pe,
            r.pe_low,
            r.pe_high,
            r.reserve_usdc,
            r.reserve_pst,
            r.stake,
            r.covered,
            r.shortfall,
            r.apy_set,
            r.apy_realised,
            r.senior_nav,
            r.junior_nav,
            r.arrears,
            r.backstop,
            r.epoch_closed,
            r.dividends_per_pst,
            r.holder_yield
        );
    }
    s
}

type Series<'a> = (&'a str, RGBColor, Box<dyn Fn(&Row) -> f64 + 'a>);

/// One chart of several series over the weeks, as SVG.
fn chart(path: &Path, title: &str, rows: &[Row], series: Vec<Series>) -> Result<(), String> {
    let root = SVGBackend::new(path, (900, 420)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for (_, _, f) in &series {
        for r in rows {
            let v = f(r);
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.08).max(1e-6);
    let weeks = rows.len().max(2) as u32;
    let mut c = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(70)
        .build_cartesian_2d(0u32..weeks, (lo - pad)..(hi + pad))
        .map_err(|e| e.to_string())?;
    c.configure_mesh().x_desc("week").draw().map_err(|e| e.to_string())?;
    for (name, color, f) in series {
        c.draw_series(LineSeries::new(rows.iter().map(|r| (r.week, f(r))), color.stroke_width(2)))
            .map_err(|e| e.to_string())?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
    }
    c.configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// The run's four charts under `dir`: price and band, senior APY, tranche NAVs and arrears, the reserve.
pub fn plots(run: &Run, dir: &Path) -> Result<Vec<String>, String> {
    let name = run.scenario.name();
    let rows = &run.rows;
    let files = [
        format!("{name}-price.svg"),
        format!("{name}-senior-apy.svg"),
        format!("{name}-tranches.svg"),
        format!("{name}-reserve.svg"),
    ];
    chart(
        &dir.join(&files[0]),
        &format!("{name}: price, TWAP, fair price and the PE band (USDC per PST)"),
        rows,
        vec![
            ("spot", BLUE, Box::new(|r: &Row| r.price)),
            ("1-day TWAP", CYAN, Box::new(|r: &Row| r.twap)),
            ("fair (agents)", BLACK, Box::new(|r: &Row| r.reference)),
            (
                "band low",
                RED,
                Box::new(|r: &Row| if r.pe > 0.0 { r.price * r.pe_low / r.pe } else { f64::NAN }),
            ),
            (
                "band high",
                GREEN,
                Box::new(|r: &Row| if r.pe > 0.0 { r.price * r.pe_high / r.pe } else { f64::NAN }),
            ),
        ],
    )?;
    chart(
        &dir.join(&files[1]),
        &format!("{name}: senior APY set and realised, a staked holder's dividend yield (%)"),
        rows,
        vec![
            ("set by the AYM", BLUE, Box::new(|r: &Row| r.apy_set)),
            ("realised", RED, Box::new(|r: &Row| r.apy_realised)),
            ("a staked holder's dividend yield", GREEN, Box::new(|r: &Row| r.holder_yield)),
            ("8%", BLACK, Box::new(|_: &Row| 8.0)),
            ("11%", BLACK, Box::new(|_: &Row| 11.0)),
        ],
    )?;
    chart(
        &dir.join(&files[2]),
        &format!("{name}: tranche NAVs, arrears and backstop draws (USDC)"),
        rows,
        vec![
            ("senior NAV", BLUE, Box::new(|r: &Row| r.senior_nav)),
            ("junior NAV", GREEN, Box::new(|r: &Row| r.junior_nav)),
            ("arrears", RED, Box::new(|r: &Row| r.arrears)),
            ("backstop draw", MAGENTA, Box::new(|r: &Row| r.backstop)),
        ],
    )?;
    chart(
        &dir.join(&files[3]),
        &format!("{name}: the reserve (USDC; PST at the spot price) and shortfalls"),
        rows,
        vec![
            ("own USDC", BLUE, Box::new(|r: &Row| r.reserve_usdc)),
            ("PST value", GREEN, Box::new(|r: &Row| r.reserve_pst * r.price)),
            ("stake", BLACK, Box::new(|r: &Row| r.stake)),
            ("shortfall recorded", RED, Box::new(|r: &Row| r.shortfall)),
            ("covered", MAGENTA, Box::new(|r: &Row| r.covered)),
        ],
    )?;
    Ok(files.to_vec())
}

/// The `p`-th percentile (0-100) of `v`, nearest rank.
pub fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * (s.len() - 1) as f64).round() as usize;
    s[rank.min(s.len() - 1)]
}

/// A run's headline numbers for the matrix: mean realised senior APY (%), junior's annualised return (%), the
/// week the reserve's own USDC first fell below a tenth of its start (none: the run's length), the mean PE
/// distance outside the band.
pub fn headline(run: &Run) -> [f64; 4] {
    let closed: Vec<f64> = run.rows.iter().filter(|r| r.epoch_closed).map(|r| r.apy_realised).collect();
    let apy = closed.iter().sum::<f64>() / closed.len().max(1) as f64;
    let years = run.rows.len() as f64 / 52.0;
    let junior = if run.junior_share_start > 0.0 {
        ((run.junior_share_end / run.junior_share_start).powf(1.0 / years.max(1.0 / 52.0)) - 1.0) * 100.0
    } else {
        f64::NAN
    };
    let start = run.rows.first().map(|r| r.reserve_usdc).unwrap_or(0.0);
    let depleted = run
        .rows
        .iter()
        .find(|r| r.reserve_usdc < start * 0.1)
        .map(|r| r.week as f64)
        .unwrap_or(run.rows.len() as f64);
    let outside = run.rows.iter().map(|r| (r.pe_low - r.pe).max(r.pe - r.pe_high).max(0.0)).sum::<f64>()
        / run.rows.len().max(1) as f64;
    [apy, junior, depleted, outside]
}
