//! The corpus of real documents (`tests/corpus/`): lecture notes, blog
//! posts, slides and the book's own LaTeX, by authors other than netform's,
//! each with its source in a header comment and what it holds in
//! `tests/corpus/manifest.json`.
//!
//! What must hold on every document: reading it never panics; `check` and
//! the readers read the same equations. And every network the manifest
//! gives values for evaluates, from its lines as written, to the exact
//! values computed by hand from the text (or from the book's notebooks).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn corpus() -> (Vec<Value>, &'static Path) {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"));
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let docs = manifest["documents"].as_array().unwrap().clone();
    (docs, dir)
}

#[test]
fn the_corpus_has_fifteen_documents_or_more() {
    let (docs, dir) = corpus();
    assert!(docs.len() >= 15, "{} documents", docs.len());
    for doc in &docs {
        let file = dir.join(doc["file"].as_str().unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.lines().take(3).any(|l| l.contains("Source")),
            "{} names no source",
            file.display()
        );
    }
}

#[test]
fn check_and_the_readers_read_the_same_equations() {
    let (docs, dir) = corpus();
    for doc in &docs {
        let text = std::fs::read_to_string(dir.join(doc["file"].as_str().unwrap())).unwrap();
        let reading = netform::document::read(&text);
        assert_eq!(
            netform::check::equations(&text),
            reading.equations,
            "{}",
            doc["file"]
        );
        // Whatever the document, reading ends in a network or in errors.
        let _ = netform::read::network(&text);
        let _ = netform::check::check(&text);
    }
}

/// The outputs of `netform eval` on a whole document, for its network
/// `choice`, at one point; `None` if it does not read.
fn eval(document: &Path, values: &Path, choice: Option<usize>, point: &str) -> Option<Value> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_netform"));
    command
        .arg("eval")
        .arg(document)
        .arg("--params")
        .arg(values)
        .arg("--at")
        .arg(point)
        .args(["--format", "json"]);
    if let Some(n) = choice {
        command.args(["--network", &n.to_string()]);
    }
    let out = command.output().ok()?;
    let got: Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(got[0]["outputs"].clone())
}

/// Networks the manifest lists on their own that their document composes:
/// the book's chapter 4 writes network 1 (`y`) and network 2 (reading `y`)
/// and then the derivation that joins them, so the document reads as the
/// composed network, whose values (`y′` at `x`) its `deep-1-3-3-1` entry
/// checks. Read on its own, each is a fragment of that derivation.
const PARTS_OF_A_COMPOSITION: &[(&str, &str)] = &[
    ("02-book-ch4-deep-eqnarray.md", "net1"),
    ("02-book-ch4-deep-eqnarray.md", "net2"),
];

/// The networks the manifest gives exact values for are read from their
/// whole document, verbatim: the document's only network, or one of the
/// networks it holds (`--network N`), evaluates to every value.
#[test]
fn networks_with_values_evaluate_exactly() {
    let (docs, dir) = corpus();
    let tmp = std::env::temp_dir().join(format!("netform-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for doc in &docs {
        let file = doc["file"].as_str().unwrap();
        let path = dir.join(file);
        for (k, net) in doc["networks"].as_array().unwrap().iter().enumerate() {
            let (Some(params), Some(expected)) = (net.get("params"), net.get("expected")) else {
                continue;
            };
            let values: String = params
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, v)| format!("{name} = {}\n", v.as_str().unwrap()))
                .collect();
            let values_file = tmp.join(format!("{file}-{k}.params"));
            std::fs::write(&values_file, values).unwrap();
            let points: Vec<(String, &Value)> = net["at"]
                .as_array()
                .unwrap()
                .iter()
                .zip(expected.as_array().unwrap())
                .map(|(at, want)| {
                    let point: Vec<String> = at
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(n, v)| format!("{n}={}", v.as_str().unwrap()))
                        .collect();
                    (point.join(", "), want)
                })
                .collect();
            let matches = |choice: Option<usize>| {
                points.iter().all(|(point, want)| {
                    let outputs = eval(&path, &values_file, choice, point);
                    want.as_object().unwrap().iter().all(|(name, value)| {
                        outputs.as_ref().and_then(|o| o.get(name.as_str())) == Some(value)
                    })
                })
            };
            checked += points.len();
            let found = std::iter::once(None).chain((1..=12).map(Some)).any(matches);
            let id = net["id"].as_str().unwrap_or("");
            let known = PARTS_OF_A_COMPOSITION.contains(&(file, id));
            if found == known {
                failures.push(format!(
                    "{file}: network {id} (lines {}) {}",
                    net["lines"],
                    if known {
                        "now reads on its own: remove it from PARTS_OF_A_COMPOSITION"
                    } else {
                        "gives other values"
                    }
                ));
            }
        }
    }
    assert!(checked >= 10, "only {checked} values checked");
    assert!(
        failures.is_empty(),
        "no network of the document gives the values:\n{}",
        failures.join("\n")
    );
}
