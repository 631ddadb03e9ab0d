//! `cargo run -p pst-idl`           writes `idl/<program>.json` for every program in `programs/`.
//! `cargo run -p pst-idl -- --check` fails if a committed IDL differs from what the code generates.
//!
//! The IDL is built on the host with each program's `idl-build` feature (Anchor's `IdlBuilder`), in its own
//! cargo target directory (`target/idl`) so that its different compiler flags do not invalidate the main build.
use std::{fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    // anchor-lang-idl 0.1.4 passes `+{toolchain}` to cargo literally when RUSTUP_TOOLCHAIN is set (as it is
    // under `cargo run`); the toolchain in use is the right one anyway.
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    let check = std::env::args().any(|a| a == "--check");
    let root =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root");
    let target = root.join("target/idl");
    let out_dir = root.join("idl");
    fs::create_dir_all(&out_dir).expect("create idl/");

    let mut programs: Vec<PathBuf> = fs::read_dir(root.join("programs"))
        .expect("programs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    programs.sort();

    let mut stale = Vec::new();
    for program in programs {
        let name = program.file_name().unwrap().to_string_lossy().to_string();
        eprintln!("building IDL for {name}");
        let idl = anchor_lang_idl::build::IdlBuilder::new()
            .program_path(program.clone())
            .cargo_args(vec!["--target-dir".into(), target.display().to_string()])
            .build()
            .unwrap_or_else(|e| panic!("IDL build for {name} failed: {e}"));
        let json = serde_json::to_string_pretty(&idl).expect("serialize IDL") + "\n";
        let path = out_dir.join(format!("{name}.json"));
        if check {
            let committed = fs::read_to_string(&path).unwrap_or_default();
            if committed != json {
                stale.push(path.display().to_string());
            }
        } else {
            fs::write(&path, json).expect("write IDL");
            eprintln!("wrote {}", path.display());
        }
    }
    if !stale.is_empty() {
        eprintln!("stale IDL (run `cargo run -p pst-idl` and commit): {}", stale.join(", "));
        return ExitCode::FAILURE;
    }
    if check {
        eprintln!("IDL up to date");
    }
    ExitCode::SUCCESS
}
