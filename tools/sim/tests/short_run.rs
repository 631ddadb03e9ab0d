//! A short run of every scenario (a few epochs, conservation checked after each): the simulator's own ledger of
//! the agents' tokens equals their token accounts, every week closes its epoch with the vault conserved, and
//! the report's pieces (CSV, plots, verdicts) come out of it.
use pst_sim::{engine, report, scenario::Scenario};

#[tokio::test]
async fn a_short_run_keeps_the_books_and_conservation() {
    for s in [Scenario::Baseline, Scenario::UnderSettle] {
        // `check`: `assert_all_conserved` after every epoch (it panics on any break)
        let run = engine::run(s, 7, 6, engine::Overrides::default(), true).await;
        assert_eq!(run.rows.len(), 6);
        assert_eq!(run.divergence, None, "{}: the ledger diverged from the token accounts", s.name());
        assert!(run.rows.iter().all(|r| r.epoch_closed), "{}: an epoch did not close", s.name());
        assert!(run.rows.iter().all(|r| r.senior_nav > 0.0 && r.price > 0.0));
        let csv = report::csv(&run);
        assert_eq!(csv.lines().count(), 7, "a header and one line a week");
        let v = report::verdicts(&run);
        assert_eq!(v.len(), 4);
        let dir = std::env::temp_dir().join(format!("pst-sim-test-{}-{}", s.name(), std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let files = report::plots(&run, &dir).expect("plots");
        for f in files {
            let svg = std::fs::read_to_string(dir.join(&f)).unwrap();
            assert!(svg.starts_with("<svg") && svg.contains("polyline"), "{f} is a chart");
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_run() {
    let a = engine::run(Scenario::Crash, 3, 3, engine::Overrides::default(), false).await;
    let b = engine::run(Scenario::Crash, 3, 3, engine::Overrides::default(), false).await;
    assert_eq!(report::csv(&a), report::csv(&b));
    let c = engine::run(Scenario::Crash, 4, 3, engine::Overrides::default(), false).await;
    assert_ne!(report::csv(&a), report::csv(&c), "another seed, another revenue path");
}
