//! `check` measured on the corpus (tests/corpus): real documents nobody
//! here wrote, and documents with planted mistakes.
//!
//! - Precision: no error-level finding on a correct document (one whose
//!   manifest entry lists no real mistakes). Documents with real mistakes
//!   are reported with how many of those mistakes check finds.
//! - Recall: a planted mistake is found when check reports an error or a
//!   warning on its line (tests/corpus/planted/manifest.json).
//!
//! The test prints precision and recall per finding code and recall per
//! kind of mistake (`cargo test --test check_corpus -- --nocapture`);
//! tests/corpus/score.py prints the same figures from the command line.

use netform::check::check;
use netform::diagnostic::Severity;
use std::collections::{BTreeMap, BTreeSet};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// The share of planted mistakes check must find at their line.
const RECALL_FLOOR: f64 = 0.95;

fn manifest(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The error- and warning-level findings of a document: (line, code,
/// severity).
fn alarms(path: &str) -> Vec<(u64, &'static str, Severity)> {
    let source = std::fs::read_to_string(path).unwrap();
    let report = check(&source);
    report
        .findings
        .iter()
        .filter(|f| f.diagnostic.severity >= Severity::Warning)
        .map(|f| {
            let line = f.diagnostic.span.map_or(0, |s| {
                source[..s.start as usize].matches('\n').count() as u64 + 1
            });
            (line, f.diagnostic.code, f.diagnostic.severity)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    /// Findings on a planted line.
    true_positive: usize,
    /// Findings on a line with no planted mistake, or errors on a correct
    /// document.
    false_positive: usize,
}

#[test]
fn check_finds_planted_mistakes_and_raises_no_false_alarm() {
    let corpus = manifest(&format!("{CORPUS}/manifest.json"));
    let planted = manifest(&format!("{CORPUS}/planted/manifest.json"));
    let mut per_code: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut false_alarms = Vec::new();
    let mut real_found = (0, 0);
    for doc in corpus["documents"].as_array().unwrap() {
        let file = doc["file"].as_str().unwrap();
        let found = alarms(&format!("{CORPUS}/{file}"));
        match doc["real_mistakes"].as_array() {
            Some(real) if !real.is_empty() => {
                let lines: BTreeSet<u64> = found.iter().map(|f| f.0).collect();
                let hit = real
                    .iter()
                    .filter(|m| lines.contains(&m["line"].as_u64().unwrap()))
                    .count();
                println!(
                    "{file:45} real mistakes found at their line: {hit}/{}",
                    real.len()
                );
                real_found.0 += hit;
                real_found.1 += real.len();
            }
            _ => {
                for (line, code, severity) in found {
                    if severity == Severity::Error {
                        per_code.entry(code).or_default().false_positive += 1;
                        false_alarms.push(format!("{file}:{line}: {code}"));
                    }
                }
            }
        }
    }
    let mut per_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut hit, mut total) = (0, 0);
    let mut misses = Vec::new();
    for doc in planted["files"].as_array().unwrap() {
        let file = doc["file"].as_str().unwrap();
        let found = alarms(&format!("{CORPUS}/planted/{file}"));
        let mistakes = doc["mistakes"].as_array().unwrap();
        let planted_lines: BTreeSet<u64> = mistakes
            .iter()
            .map(|m| m["line"].as_u64().unwrap())
            .collect();
        for &(line, code, _) in &found {
            let tally = per_code.entry(code).or_default();
            if planted_lines.contains(&line) {
                tally.true_positive += 1;
            } else {
                tally.false_positive += 1;
            }
        }
        let lines: BTreeSet<u64> = found.iter().map(|f| f.0).collect();
        for m in mistakes {
            let found = lines.contains(&m["line"].as_u64().unwrap());
            if !found {
                misses.push(format!(
                    "{file}:{}: {} ({})",
                    m["line"],
                    m["kind"].as_str().unwrap(),
                    m["description"].as_str().unwrap_or_default()
                ));
            }
            let kind = per_kind
                .entry(m["kind"].as_str().unwrap().to_string())
                .or_default();
            kind.0 += usize::from(found);
            kind.1 += 1;
            hit += usize::from(found);
            total += 1;
        }
    }
    println!("\nprecision per code (findings on a planted line / all findings; errors on correct documents count against):");
    for (code, t) in &per_code {
        let all = t.true_positive + t.false_positive;
        println!(
            "  {code:24} {}/{all} = {:.0}%",
            t.true_positive,
            100.0 * t.true_positive as f64 / all as f64
        );
    }
    println!("\nrecall per kind (found at their line / planted):");
    for (kind, (a, b)) in &per_kind {
        println!("  {kind:24} {a}/{b}");
    }
    println!("\nplanted mistakes not found at their line:");
    for miss in &misses {
        println!("  {miss}");
    }
    let recall = hit as f64 / total as f64;
    println!("\nrecall: {hit}/{total} = {:.1}%", 100.0 * recall);
    println!(
        "real mistakes found in the documents that have them: {}/{}",
        real_found.0, real_found.1
    );
    println!(
        "error-level findings on correct documents: {}",
        false_alarms.len()
    );
    assert!(
        false_alarms.is_empty(),
        "false alarms on correct documents:\n{}",
        false_alarms.join("\n")
    );
    assert!(total >= 100, "the planted corpus holds {total} mistakes");
    assert!(
        recall >= RECALL_FLOOR,
        "recall {hit}/{total} fell below {RECALL_FLOOR}"
    );
}

/// The documents under `dir`, recursively.
fn documents(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            documents(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "tex" || e == "txt")
        {
            out.push(path);
        }
    }
}

#[test]
fn every_code_reported_on_the_corpus_can_be_ignored() {
    let mut paths = Vec::new();
    documents(std::path::Path::new(CORPUS), &mut paths);
    documents(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/check_docs")),
        &mut paths,
    );
    assert!(paths.len() > 20);
    for path in paths {
        let source = std::fs::read_to_string(&path).unwrap();
        for f in check(&source).findings {
            let code = f.diagnostic.code;
            assert!(
                netform::check::CODES.contains(&code),
                "{}: `{code}` is missing from netform::check::CODES",
                path.display()
            );
        }
    }
}

/// The `reparameterisation` notes of a corpus document: (line, help).
fn reparameterisations(name: &str) -> Vec<(usize, String)> {
    let source = std::fs::read_to_string(format!("{CORPUS}/{name}")).unwrap();
    check(&source)
        .findings
        .into_iter()
        .filter(|f| f.diagnostic.code == "reparameterisation")
        .map(|f| {
            assert_eq!(f.diagnostic.severity, Severity::Info);
            let start = f.diagnostic.span.unwrap().start as usize;
            let line = source[..start].matches('\n').count() + 1;
            (line, f.diagnostic.help.unwrap_or_default())
        })
        .collect()
}

#[test]
fn the_psi_form_defined_in_prose_is_a_reparameterisation_note() {
    // The book's chapter 4: ψ defined only in prose after the θ′φ
    // substitution; one note, at the first ψ equation, with all twelve.
    let notes = reparameterisations("02-book-ch4-deep-eqnarray.md");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (line, help) = &notes[0];
    assert_eq!(*line, 48);
    for definition in [
        "psi_10 = theta'_10 + theta'_11 phi_0",
        "psi_11 = theta'_11 phi_1",
        "psi_23 = theta'_21 phi_3",
        "psi_33 = theta'_31 phi_3",
    ] {
        assert!(help.contains(definition), "{help}");
    }
    assert_eq!(help.matches(" = ").count(), 12, "{help}");
    // A retelling that defines ψ_10, ψ_11, ψ_12 in the math and the rest
    // "and so on": only the others are listed.
    let notes = reparameterisations("03-k78ma-composing-networks.md");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (line, help) = &notes[0];
    assert_eq!(*line, 71);
    assert!(
        help.starts_with("equal when psi_13 = theta'_11 phi_3, psi_20 = "),
        "{help}"
    );
    assert!(
        !help.contains("psi_10") && !help.contains("psi_12 ="),
        "{help}"
    );
    // A one-network document has none.
    assert!(reparameterisations("01-book-ch3-shallow-eqnarray.md").is_empty());
}
