//! Data-driven parser tests, as rust-analyzer keeps them: every file in
//! `tests/cases/ok/` must parse with no error, every file in
//! `tests/cases/err/` must give at least one when read into a network (from
//! the parser, or from lowering: an undefined matrix, sizes that do not
//! agree), and its rendered diagnostics are
//! snapshotted together with its source in `snapshots/<file name>.snap`.
//! Files named `values_*` are parameter files, read with `parse_values`.

use netform::diagnostic::{render, Diagnostic};
use netform::symbol::SymbolTable;
use netform::syntax::{parse_document, parse_values};
use std::fs;
use std::path::{Path, PathBuf};

/// The `.txt` files of one case folder, sorted by name.
fn cases(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
}

/// A case's name (its file stem) and source.
fn read(path: &Path) -> (String, String) {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 file name");
    let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name.to_string(), source)
}

/// Parses a case as a document or, for `values_*` files, a parameter file.
fn parse(name: &str, source: &str) -> Result<(), Vec<Diagnostic>> {
    if name.starts_with("values_") {
        parse_values(source).map(drop)
    } else {
        parse_document(source, &mut SymbolTable::new()).map(drop)
    }
}

/// Reads a case into a network or, for `values_*` files, a parameter file.
fn read_network(name: &str, source: &str) -> Result<(), Vec<Diagnostic>> {
    if name.starts_with("values_") {
        parse_values(source).map(drop)
    } else {
        netform::read::text_network(source).map(drop)
    }
}

#[test]
fn ok_cases_parse_without_errors() {
    let mut failures = String::new();
    let files = cases("ok");
    assert!(!files.is_empty());
    for path in files {
        let (name, source) = read(&path);
        if let Err(diags) = parse(&name, &source) {
            failures.push_str(&render(&format!("{name}.txt"), &source, &diags, false));
        }
    }
    assert!(failures.is_empty(), "ok cases failed:\n{failures}");
}

#[test]
fn err_cases_match_their_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for path in cases("err") {
            let (name, source) = read(&path);
            let file = format!("{name}.txt");
            let diags = match read_network(&name, &source) {
                Ok(()) => panic!("{file} was read without an error"),
                Err(diags) => diags,
            };
            let rendered = render(&file, &source, &diags, false);
            let snapshot = format!("--- source ---\n{source}--- diagnostics ---\n{rendered}");
            insta::assert_snapshot!(name, snapshot);
        }
    });
}
