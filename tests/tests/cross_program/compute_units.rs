//! Compute-unit ceilings, in the manner of SPL Token's instruction-count tests: every user-facing instruction,
//! run in the benchmark's scenario on the SBF build, must stay at or under the ceiling committed in
//! `tests/cu_ceilings.txt` (measured + 2%), so a regression fails CI. Raising a ceiling is a reviewed change.
//! It also checks that `docs/compute-units.md` is what the benchmark prints, and that every transaction fits.
//!
//! Compute units are metered on the SBF build only: natively this test says so and passes; CI runs the suite
//! in both modes (`PST_SBF=1` after `../shared/sbf/build .`).
use pst_tests::{cu, sbf_mode};

#[tokio::test]
async fn every_instruction_stays_under_its_ceiling() {
    if !sbf_mode() {
        eprintln!("compute units are metered on the SBF build only: run with PST_SBF=1 (scripts/test does)");
        return;
    }
    let (rows, mode) = cu::measure().await;
    let ceilings = cu::ceilings();
    let mut problems = Vec::new();
    for r in &rows {
        if r.bytes > 1_232 {
            problems.push(format!("{} {}: {} bytes do not fit a transaction", r.program, r.name, r.bytes));
        }
        match ceilings.iter().find(|(p, n, _)| p == r.program && *n == r.name) {
            Some((_, _, ceiling)) if r.total > *ceiling => {
                problems.push(format!("{} {}: {} CU > ceiling {ceiling}", r.program, r.name, r.total))
            }
            Some(_) => {}
            None => problems.push(format!("{} {}: no ceiling in tests/cu_ceilings.txt", r.program, r.name)),
        }
    }
    for (p, n, _) in &ceilings {
        if !rows.iter().any(|r| r.program == p && r.name == *n) {
            problems.push(format!("{p} {n}: a ceiling for an instruction the benchmark no longer runs"));
        }
    }
    assert!(problems.is_empty(), "compute-unit ceilings:\n{}", problems.join("\n"));
    let doc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/compute-units.md");
    let committed = std::fs::read_to_string(&doc).unwrap_or_default();
    assert!(
        committed == cu::markdown(&rows, mode),
        "docs/compute-units.md is stale: regenerate it with `PST_SBF=1 cargo run -p pst-tests --bin bench_cu -- --write`"
    );
}
