//! Compute units of every user-facing instruction, in a representative scenario (`pst_tests::cu`).
//!
//! `PST_SBF=1 cargo run -p pst-tests --bin bench_cu` (after `../shared/sbf/build .`) runs the programs as SBF and
//! prints a table: instruction, compute units in all, the program's own share (without the SPL Token CPIs),
//! accounts the transaction references, and its size in bytes. `-- --write` also writes
//! `docs/compute-units.md`; `-- --ceilings` prints ceilings (measured + 2%) in the format of
//! `tests/cu_ceilings.txt`. Natively only the SPL programs are metered, so the table says which mode it ran in.
//! The compute units come from the shared SBF toolchain (rustc + sbpf-linker); `cargo build-sbf` output
//! differs somewhat: use them to compare builds with each other.
use pst_tests::cu;

#[tokio::main]
async fn main() {
    let write = std::env::args().any(|a| a == "--write");
    let (rows, mode) = cu::measure().await;
    if std::env::args().any(|a| a == "--ceilings") {
        print!("{}", cu::proposed_ceilings(&rows));
        return;
    }
    let out = cu::markdown(&rows, mode);
    for r in &rows {
        assert!(r.bytes <= 1_232, "{} does not fit a transaction", r.name);
    }
    print!("{out}");
    if write {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/compute-units.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &out).unwrap();
        eprintln!("wrote {}", path.display());
    }
}
