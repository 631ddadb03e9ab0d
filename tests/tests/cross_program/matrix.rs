//! The attack matrix (`docs/security.md`) is complete and every test it names exists: one row per
//! instruction of every program's IDL, fourteen class cells per row, each a test reference or
//! `n/a: <reason>`, and every attack test of `*/attacks.rs` and `cross_program/pauses.rs` listed under
//! "Economic attacks".
use std::{collections::BTreeSet, path::PathBuf};

/// The table header, exactly.
const HEADER: &str = "| program | instruction | missing signer | wrong signer | wrong owner | type cosplay | spoofed PDA | another merchant | wrong mint | fake program | duplicate mutable | reinitialisation | overflow | paused | oracle | economic |";
const CLASSES: usize = 14;
const PROGRAMS: [&str; 5] = ["pst_mint", "revenue_distributor", "amm_pool", "alar_reserve", "yield_tranches"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `(program, instruction)` the IDLs declare.
fn idl_instructions() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for program in PROGRAMS {
        let idl: serde_json::Value =
            serde_json::from_str(&read(&root().join(format!("../idl/{program}.json")))).expect("IDL JSON");
        for ix in idl["instructions"].as_array().expect("an instructions array") {
            out.insert((program.to_string(), ix["name"].as_str().expect("a name").to_string()));
        }
    }
    out
}

/// Whether a test reference names an existing test function: `a::b::c` is `fn c(` in `tests/tests/a/b.rs` (or
/// `tests/tests/a/b/mod.rs`); `pst_math::x::c` is `fn c(` in `crates/pst_math/tests/x.rs`.
fn resolve(reference: &str) -> Result<(), String> {
    let parts: Vec<&str> = reference.split("::").collect();
    if parts.len() < 3
        || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return Err(format!("`{reference}` is not a path `module::file::test_fn`"));
    }
    let (function, modules) = parts.split_last().unwrap();
    let candidates: Vec<PathBuf> = if modules[0] == "pst_math" {
        vec![root().join("../crates/pst_math/tests").join(format!("{}.rs", modules[1..].join("/")))]
    } else {
        let dir = root().join("tests").join(modules.join("/"));
        vec![dir.with_extension("rs"), dir.join("mod.rs")]
    };
    let needle = format!("fn {function}(");
    match candidates.iter().find(|p| p.exists()) {
        None => Err(format!("`{reference}`: no file {}", candidates[0].display())),
        Some(file) if read(file).contains(&needle) => Ok(()),
        Some(file) => Err(format!("`{reference}`: {} has no `{needle}`", file.display())),
    }
}

/// What is wrong with one class cell, if anything.
fn check_cell(cell: &str) -> Vec<String> {
    if let Some(reason) = cell.strip_prefix("n/a: ") {
        return if reason.trim().is_empty() { vec!["`n/a:` without a reason".into()] } else { vec![] };
    }
    if cell.is_empty() {
        return vec!["an empty cell".into()];
    }
    let mut problems = Vec::new();
    for part in cell.split("<br>") {
        let part = part.trim();
        match part.strip_prefix('`').and_then(|p| p.strip_suffix('`')) {
            Some(reference) => {
                if let Err(e) = resolve(reference) {
                    problems.push(e);
                }
            }
            None => {
                problems.push(format!("`{part}` is neither a test reference in backticks nor `n/a: reason`"))
            }
        }
    }
    problems
}

/// The table rows after the header: `(line number, cells)`.
fn table(doc: &str) -> Vec<(usize, Vec<String>)> {
    let lines: Vec<&str> = doc.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == HEADER)
        .expect("docs/security.md has the matrix header, exactly");
    let separator = lines.get(start + 1).copied().unwrap_or_default();
    assert!(separator.starts_with("|---") || separator.starts_with("| ---"), "no separator under the header");
    lines[start + 2..]
        .iter()
        .enumerate()
        .take_while(|(_, l)| l.trim_start().starts_with('|'))
        .map(|(i, l)| {
            let cells: Vec<String> =
                l.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            (start + 3 + i, cells)
        })
        .collect()
}

#[test]
fn the_attack_matrix_covers_every_instruction_with_existing_tests() {
    let doc = read(&root().join("../docs/security.md"));
    let idl = idl_instructions();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (line, cells) in table(&doc) {
        if cells.len() != 2 + CLASSES {
            problems
                .push(format!("line {line}: {} class cells, not {CLASSES}", cells.len().saturating_sub(2)));
            continue;
        }
        let row = (cells[0].clone(), cells[1].trim_matches('`').to_string());
        if !idl.contains(&row) {
            problems.push(format!("line {line}: {}::{} is not an instruction of any IDL", row.0, row.1));
        }
        if !seen.insert(row.clone()) {
            problems.push(format!("line {line}: {}::{} has a second row", row.0, row.1));
        }
        for cell in &cells[2..] {
            for p in check_cell(cell) {
                problems.push(format!("line {line} ({}::{}): {p}", row.0, row.1));
            }
        }
    }
    for (program, name) in idl.difference(&seen) {
        problems.push(format!("{program}::{name} has no row"));
    }
    assert!(problems.is_empty(), "docs/security.md:\n{}", problems.join("\n"));
}

#[test]
fn every_economic_attack_test_is_listed() {
    let doc = read(&root().join("../docs/security.md"));
    let section = doc.split("## Economic attacks").nth(1).expect("an \"Economic attacks\" section");
    let mut files: Vec<(String, PathBuf)> = PROGRAMS
        .iter()
        .map(|m| (format!("{m}::attacks"), root().join(format!("tests/{m}/attacks.rs"))))
        .collect();
    files.push(("cross_program::pauses".into(), root().join("tests/cross_program/pauses.rs")));
    let mut missing = Vec::new();
    for (module, path) in files {
        let text = read(&path);
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "#[tokio::test]" {
                continue;
            }
            let name = lines[i + 1..]
                .iter()
                .find_map(|l| l.split("fn ").nth(1))
                .and_then(|rest| rest.split('(').next())
                .expect("a test function after #[tokio::test]");
            let reference = format!("`{module}::{name}`");
            if !section.contains(&reference) {
                missing.push(reference);
            }
        }
    }
    assert!(missing.is_empty(), "not listed under \"Economic attacks\": {}", missing.join(", "));
}
