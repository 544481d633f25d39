//! `netform check`: planted mistakes are found at the right place, and
//! correct networks, in every format, give no warning or error.

mod common;

use netform::check::{check, Report};
use netform::render::{self, Format, Options};
use netform::Severity;
use proptest::prelude::*;

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/check_docs");

/// Reads a test document.
fn doc(name: &str) -> String {
    std::fs::read_to_string(format!("{DOCS}/{name}")).unwrap()
}

/// The warnings and errors of a report, rendered against `source`.
fn alarms(report: &Report, source: &str) -> String {
    let loud = Report {
        findings: report
            .findings
            .iter()
            .filter(|f| f.diagnostic.severity > Severity::Info)
            .cloned()
            .collect(),
        ..report.clone()
    };
    loud.render("test", source, false)
}

/// Asserts that `source` gives no warning and no error.
fn assert_clean(source: &str) {
    let report = check(source);
    let loud = report.count(Severity::Warning) + report.count(Severity::Error);
    assert_eq!(
        loud,
        0,
        "false alarms:\n{}\nin:\n{source}",
        alarms(&report, source)
    );
}

const FORMATS: [Format; 4] = [Format::Unicode, Format::Latex, Format::Ascii, Format::Json];

fn rendered(network: &netform::Network, format: Format) -> String {
    render::scalar(
        network,
        &Options {
            format,
            ..Options::default()
        },
    )
}

#[test]
fn planted_mistakes_in_a_markdown_lecture_note() {
    let source = doc("lecture.md");
    let report = check(&source);
    common::snapshots(|| {
        insta::assert_snapshot!(
            "check-lecture-md",
            report.render("lecture.md", &source, false)
        )
    });
}

#[test]
fn planted_mistakes_in_beamer_slides() {
    let source = doc("slides.tex");
    let report = check(&source);
    common::snapshots(|| {
        insta::assert_snapshot!(
            "check-slides-tex",
            report.render("slides.tex", &source, false)
        )
    });
}

#[test]
fn planted_mistakes_in_plain_text_notes() {
    let source = doc("notes.txt");
    let report = check(&source);
    common::snapshots(|| {
        insta::assert_json_snapshot!("check-notes-txt-json", report.to_json(&source))
    });
}

#[test]
fn the_clean_documents_have_no_alarms() {
    for name in ["clean.md", "clean.tex"] {
        assert_clean(&doc(name));
    }
}

#[test]
fn every_bundled_example_in_every_format_is_clean() {
    for example in netform::examples::EXAMPLES {
        assert_clean(example.source);
        let network = common::net(example.source);
        for format in FORMATS {
            assert_clean(&rendered(&network, format));
        }
    }
}

/// One finding's code and 1-based line.
fn codes(source: &str) -> Vec<(String, usize)> {
    let report = check(source);
    let json = report.to_json(source);
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

#[test]
fn each_kind_of_mistake_has_its_code() {
    let cases: &[(&str, &str, usize)] = &[
        ("h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2", "index", 2),
        ("h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_2 + φ_2 h_2", "index", 3),
        ("h_1 = a[θ_10 + θ_11 x]\nh_4 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_4", "left-side", 2),
        ("h'_1 = a[θ'_10 + θ'_11 y]\ny = φ'_0 + φ'_1 h'_1", "prime", 2),
        ("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2", "undefined", 2),
        ("h_1 = a[θ_10 + θ_11 x]\nh_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1", "repeated", 2),
        ("h_1 = a[θ_10 + θ_11 x]\nh_1 = a[θ_10 + θ_12 x]\ny = φ_0 + φ_1 h_1", "redefined", 1),
        ("y = φ_0 + φ_1 x = φ_0 + φ_1 φ_1 x", "chain", 1),
        ("$$\\begin{aligned} h_1 &= a[\\theta_{10} + \\theta_{11}x] \\end{align}$$", "environment", 1),
        ("$h_1 = a\\left[\\theta_{10} + \\theta_{11}x]$", "left-right", 1),
        ("$$\x08egin{aligned} h_1 &= a[\\theta_{10} + \\theta_{11}x] \\end{aligned}$$", "damaged", 1),
        ("$y = \\phi_0 + \\phi_1h_1$ with $h_1 = a[\\theta_{10} + \\theta_{11}x]$ and $h_1 = \\text{ReLU}[\\theta_{10} + \\theta_{11}x]$", "notation", 1),
        ("$$h_1 = a(\\theta_{10} + \\theta_{11}x)$$", "activation-brackets", 1),
        ("$$h_1 = \\mbox{a}\\left(\\theta_{10} + \\theta_{11}x\\right)$$", "activation-brackets", 1),
        ("y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_2 a[θ_20 + θ_21 x] + φ_2 a[θ_20 + θ_21 x]", "duplicate-term", 1),
        ("\\begin{align*}\nh_1 &= a[\\theta_{10} + \\theta_{11}x]\n\\end{aligned}\n", "environment", 3),
        ("\\begin{align*}\n\\mathbf{h}_1 &= \\mathbf{a}[\\boldsymbol\\beta_0 + \\boldsymbol\\Omega_0\\mathbf{x}] \\\\\n\\mathbf{h}_2 &= \\mathbf{a}[\\boldsymbol\\beta_1 + \\boldsymbol\\Omega_2\\mathbf{h}_1]\n\\end{align*}\n", "index", 3),
        ("h_1 = a[θ_10 + θ_11 x_1]\nh_2 = a[θ_20 + θ_22 x_2]\nh_3 = a[θ_30 + θ_31 x_1 + θ_32 x_2]\ny = φ_0 + φ_1 h_1 + φ_2 h_2 + φ_3 h_3", "missing-term", 2),
        ("$$\\mathbf{h} = \\begin{bmatrix}h_1 \\\\ h_2\\end{bmatrix}, \\boldsymbol\\theta_0 = \\begin{bmatrix}\\boldsymbol{\\theta}_{10} \\\\ \\theta_{20}\\end{bmatrix}$$", "bold-entry", 1),
        ("h_1 = a[z_1], h_2 = a[z_2], h_3 = a[z_3]\ny = φ_0 + φ_2 h_2 + φ_3 h_3", "missing-term", 2),
        ("$$\\begin{bmatrix}h_1\\\\h_2\\end{bmatrix} = \\mathbf{a}\\left[\\begin{bmatrix}\\theta_{10}\\\\\\theta_{20}\\end{bmatrix} + \\begin{bmatrix}\\theta_{11} & \\theta_{12}\\\\ \\theta_{21} & \\theta_{22}\\end{bmatrix}\\begin{bmatrix}x_1\\\\x_2\\\\x_3\\end{bmatrix}\\right]$$", "size", 1),
    ];
    for (source, code, line) in cases {
        let found = codes(source);
        assert!(
            found.iter().any(|(c, l)| c == code && l == line),
            "expected `{code}` on line {line} in:\n{source}\nfound {found:?}"
        );
    }
}

#[test]
fn a_broken_equation_does_not_hide_the_others() {
    let found = codes("h_1 = a[θ_10 + + θ_11 x]\nh_2 = a[θ_20 + θ_12 x]\ny = φ_0 + φ_2 h_2");
    assert!(found.contains(&("parse".into(), 1)), "{found:?}");
    assert!(found.contains(&("index".into(), 2)), "{found:?}");
}

#[test]
fn no_math_is_a_note_not_an_error() {
    let report = check("# Notes\n\nNothing to see here: $K = 3$ layers.\n");
    assert!(!report.has_errors());
    assert_eq!(report.findings.len(), 1);
}

/// A random architecture: inputs, hidden widths, outputs.
fn widths() -> impl Strategy<Value = Vec<usize>> {
    (
        1usize..=2,
        prop::collection::vec(1usize..=3, 0..=4),
        1usize..=2,
    )
        .prop_map(|(i, h, o)| {
            let mut w = vec![i];
            w.extend(h);
            w.push(o);
            w
        })
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(FORMATS.to_vec())
}

/// The formats that are text to mutate (JSON escapes its equations).
fn text_format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![Format::Unicode, Format::Latex, Format::Ascii])
}

/// The byte offsets of the subscript digits of `text`.
fn digits(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|&(_, c)| c.is_ascii_digit() || ('₀'..='₉').contains(&c))
        .collect()
}

/// Changes the digit at `at` to another one.
fn change_digit(text: &str, at: usize, c: char, by: u32) -> String {
    let (base, value) = match c.to_digit(10) {
        Some(d) => ('0', d),
        None => ('₀', c as u32 - '₀' as u32),
    };
    let next = (value + 1 + by % 9) % 10;
    let replacement = char::from_u32(base as u32 + next).unwrap();
    format!(
        "{}{}{}",
        &text[..at],
        replacement,
        &text[at + c.len_utf8()..]
    )
}

/// Where symbols start, for adding a prime after their letter: the end of
/// the letter (or command), in any spelling.
fn letter_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let words = [
        "\\theta", "\\phi", "\\psi", "\\beta", "\\omega", "theta", "phi", "psi", "beta", "omega",
    ];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let before_ok = i == 0 || !(bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'\\');
        if let Some(w) = words
            .iter()
            .find(|w| rest.starts_with(**w) && (before_ok || w.starts_with('\\')))
        {
            out.push(i + w.len());
            i += w.len();
            continue;
        }
        let c = rest.chars().next().unwrap();
        if "θφψβωhxy".contains(c)
            && before_ok
            && !rest[c.len_utf8()..].starts_with(|n: char| n.is_ascii_alphabetic())
        {
            out.push(i + c.len_utf8());
        }
        i += c.len_utf8();
    }
    out
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// Asserts that `mutated` has an error on `line`.
fn assert_error_on(mutated: &str, line: usize) -> Result<(), TestCaseError> {
    let report = check(mutated);
    let json = report.to_json(mutated);
    let hit = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error" && f["line"] == line as u64);
    prop_assert!(
        hit,
        "no error on line {}:\n{}\n{}",
        line,
        mutated,
        report.render("test", mutated, false)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn correct_networks_give_no_alarm(widths in widths(), format in format()) {
        let network = netform::rewrite::arch::network(&widths).unwrap();
        let text = rendered(&network, format);
        let report = check(&text);
        let loud = report.count(Severity::Warning) + report.count(Severity::Error);
        prop_assert_eq!(loud, 0, "{}\n{}", text, alarms(&report, &text));
    }

    #[test]
    fn a_changed_index_is_an_error_on_its_line(widths in widths(), format in text_format(), pick in any::<prop::sample::Index>(), by in 0u32..9) {
        let network = netform::rewrite::arch::network(&widths).unwrap();
        let text = rendered(&network, format);
        let found = digits(&text);
        let (at, c) = found[pick.index(found.len())];
        let mutated = change_digit(&text, at, c, by);
        assert_error_on(&mutated, line_of(&text, at))?;
    }

    #[test]
    fn a_changed_prime_is_an_error_on_its_line(widths in widths(), format in text_format(), pick in any::<prop::sample::Index>()) {
        let network = netform::rewrite::arch::network(&widths).unwrap();
        let text = rendered(&network, format);
        let ends = letter_ends(&text);
        let primes: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| c == '\'' || c == '′').collect();
        let choice = pick.index(ends.len() + primes.len());
        let (mutated, at) = if choice < ends.len() {
            let at = ends[choice];
            (format!("{}'{}", &text[..at], &text[at..]), at)
        } else {
            let (at, c) = primes[choice - ends.len()];
            (format!("{}{}", &text[..at], &text[at + c.len_utf8()..]), at)
        };
        assert_error_on(&mutated, line_of(&text, at))?;
    }

    #[test]
    fn a_changed_left_side_is_an_error_on_its_line(widths in widths().prop_filter("a hidden layer", |w| w.len() > 2), format in text_format(), pick in any::<prop::sample::Index>(), by in 0u32..9) {
        let network = netform::rewrite::arch::network(&widths).unwrap();
        let text = rendered(&network, format);
        let lhs_digits: Vec<(usize, char)> = digits(&text)
            .into_iter()
            .filter(|&(at, _)| {
                let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
                !text[line_start..at].contains('=') && !text[line_start..at].trim_start().starts_with('+')
            })
            .collect();
        prop_assume!(!lhs_digits.is_empty());
        let (at, c) = lhs_digits[pick.index(lhs_digits.len())];
        let mutated = change_digit(&text, at, c, by);
        assert_error_on(&mutated, line_of(&text, at))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_checked_without_panicking(text in "[ -~\n\t\u{8}\u{c}θφψ′₀₁ωβ$\\\\{}\\[\\]]{0,200}") {
        let report = check(&text);
        let _ = report.render("fuzz", &text, false);
        let _ = report.to_json(&text);
    }

    #[test]
    fn mangled_documents_are_checked_without_panicking(cut in 0usize..2000, junk in "[$\\\\{}\\[\\]&=+'_0-9a-z\u{8}\t]{0,12}") {
        let source = doc("slides.tex");
        let mut at = cut.min(source.len());
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{}{}", &source[..at], junk, &source[at..]);
        let _ = check(&text).render("fuzz", &text, false);
    }
}

/// Runs the binary.
fn netform(args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_command_line_exits_with_one_on_errors() {
    let (code, out) = netform(&["check", "--example", "compose-combined"]);
    assert!(out.starts_with("no findings\nanalysed "), "{out}");
    assert_eq!(code, 0);
    let path = format!("{DOCS}/slides.tex");
    let (code, out) = netform(&["check", &path]);
    assert_eq!(code, 1);
    assert!(
        out.contains("\n7 errors, 1 warning, 2 info\nanalysed "),
        "{out}"
    );
    let (code, out) = netform(&["check", &path, "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &json["findings"][0];
    assert_eq!(first["code"], "missing-term");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(13), Some(9))
    );
}

#[test]
fn the_coverage_line_lists_each_block_skipped_with_its_reason() {
    let doc = "The parameters are $\\boldsymbol\\phi = \\{\\phi_0, \\phi_1\\}$.\n\n\
               $$h_1 = a[\\theta_{10} + \\theta_{11}x]$$\n\n$$y = \\phi_0 + \\phi_1 h_1$$\n";
    let report = check(doc);
    assert_eq!(report.analysed, 2);
    let json = report.to_json(doc);
    assert_eq!(json["analysed"], 2);
    assert_eq!(json["skipped"][0]["line"], 1);
    assert_eq!(json["skipped"][0]["reason"], "a parameter set");
    let text = report.render("notes.md", doc, false);
    assert_eq!(
        text,
        "no findings\nanalysed 2 math blocks; skipped 1: line 1 (a parameter set)\n"
    );
}

#[test]
fn an_ignore_comment_silences_one_finding_on_the_next_equation() {
    let mistakes = "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_11 x]\nh_3 = a[θ_30 + θ_11 x]\n\
                    y = φ_0 + φ_1 h_1 + φ_2 h_2 + φ_3 h_3\n";
    assert_eq!(
        codes(mistakes),
        [("index".to_string(), 2), ("index".to_string(), 3)]
    );
    let silenced = mistakes.replacen("h_2", "% netform-ignore index\nh_2", 1);
    let report = check(&silenced);
    assert_eq!(report.silenced, 1);
    assert_eq!(codes(&silenced), [("index".to_string(), 4)]);
    // The comment names a code: another code on that equation stays.
    let other = mistakes.replacen("h_2", "% netform-ignore prime\nh_2", 1);
    assert_eq!(check(&other).silenced, 0);
    // In Markdown, an HTML comment.
    let md = "$$h_1 = a[\\theta_{10} + \\theta_{21}x]$$\n<!-- netform-ignore index -->\n\
              $$h_2 = a[\\theta_{20} + \\theta_{11}x]$$\n$$y = \\phi_0 + \\phi_1 h_1 + \\phi_2 h_2$$\n";
    let report = check(md);
    assert_eq!(report.silenced, 1, "{:?}", report.findings);
    assert_eq!(report.count(Severity::Error), 1);
}

#[test]
fn an_ignored_code_is_silenced_and_counted() {
    let path = format!("{DOCS}/slides.tex");
    let (code, out) = netform(&[
        "check",
        &path,
        "--ignore",
        "index",
        "--ignore",
        "missing-term",
    ]);
    let (_, all) = netform(&["check", &path, "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let ignored = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "index" || f["code"] == "missing-term")
        .count();
    assert!(ignored > 0);
    assert!(
        !out.contains("error[index]") && !out.contains("error[missing-term]"),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with(&format!("; {ignored} findings silenced")),
        "{out}"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_weight_repeated_in_the_nested_equation_is_an_index_error_with_the_fix() {
    let doc = "y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_2 a[θ_20 + θ_21 x] + φ_1 a[θ_30 + θ_31 x]\n";
    let report = check(doc);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.is_error())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].diagnostic.code, "index");
    assert_eq!(
        found[0].fix.as_deref(),
        Some("y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_2 a[θ_20 + θ_21 x] + φ_3 a[θ_30 + θ_31 x]")
    );
    // The same weight on the same unit twice is a duplicated term, not this.
    let twice = "y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_1 a[θ_10 + θ_11 x]\n";
    assert!(
        codes(twice).iter().all(|(c, _)| c != "index"),
        "{:?}",
        codes(twice)
    );
}

#[test]
fn rows_run_together_and_sums_from_zero_are_found_with_the_fix() {
    let doc = "\\begin{align}\nh_1 &= a[\\theta_{10} + \\theta_{11}x] \\\\\nh_2 &= a[\\theta_{20} + \\theta_{21}x]\n\
               h_3 &= a[\\theta_{30} + \\theta_{31}x]\n\\end{align}\n\
               $$y = \\phi_0 + \\sum_{d=0}^{3}\\phi_d h_d$$\n\
               $$\\begin{bmatrix}h_1\\\\h_2\\end{bmatrix} = \\begin{bmatrix}\\theta_{10}\\\\theta_{20}\\end{bmatrix}$$\n";
    let report = check(doc);
    let found: Vec<(&str, Option<&str>)> = report
        .findings
        .iter()
        .filter(|f| matches!(f.diagnostic.code, "lost-row-break" | "sum-from-zero"))
        .map(|f| (f.diagnostic.code, f.fix.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "lost-row-break",
                Some("h_2 &= a[\\theta_{20} + \\theta_{21}x] \\\\")
            ),
            (
                "sum-from-zero",
                Some("$$y = \\phi_0 + \\sum_{d=1}^{3}\\phi_d h_d$$")
            ),
            (
                "lost-row-break",
                Some("$$\\begin{bmatrix}h_1\\\\h_2\\end{bmatrix} = \\begin{bmatrix}\\theta_{10}\\\\ \\theta_{20}\\end{bmatrix}$$")
            ),
        ]
    );
    // Without a bias before it, a sum from 0 is the whole output.
    assert!(check("$$y = \\sum_{d=0}^{3}\\phi_d h_d$$")
        .findings
        .iter()
        .all(|f| f.diagnostic.code != "sum-from-zero"));
}

#[test]
fn a_composed_network_reading_x_is_an_error_with_the_fix() {
    let doc = "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1\n\
               h'_1 = a[θ'_10 + θ'_11 y]\nh'_2 = a[θ'_20 + θ'_21 x]\ny' = φ'_0 + φ'_1 h'_1 + φ'_2 h'_2\n";
    let report = check(doc);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == "composition")
        .collect();
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(found[0].fix.as_deref(), Some("h'_2 = a[θ'_20 + θ'_21 y]"));
    assert!(report.has_errors());
    // A single network reading x is not a composition.
    assert!(!check("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1\n").has_errors());
}

#[test]
fn a_parameter_of_another_unit_inside_a_nested_activation_is_an_index_error() {
    let doc = "y_1 = φ_10 + φ_11 a[θ_10 + θ_11 x] + φ_12 a[θ_10 + θ_21 x]\n";
    let report = check(doc);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == "index")
        .collect();
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(
        found[0].fix.as_deref(),
        Some("y_1 = φ_10 + φ_11 a[θ_10 + θ_11 x] + φ_12 a[θ_20 + θ_21 x]")
    );
}

#[test]
fn a_psi_definition_against_the_substitution_is_an_index_error() {
    let doc = "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1\nh'_1 = a[θ'_10 + θ'_11 y]\ny' = φ'_0 + φ'_1 h'_1\n\
               ψ_10 = θ'_10 + θ'_11 φ_1\nψ_11 = θ'_12 φ_1\n";
    let found: Vec<(String, usize)> = codes(doc)
        .into_iter()
        .filter(|(c, _)| c == "index")
        .collect();
    assert_eq!(found, [("index".to_string(), 5), ("index".to_string(), 6)]);
    let right = doc.replace("θ'_11 φ_1\nψ_11 = θ'_12", "θ'_11 φ_0\nψ_11 = θ'_11");
    assert!(
        codes(&right).iter().all(|(c, _)| c != "index"),
        "{:?}",
        codes(&right)
    );
}

#[test]
fn a_layer_defined_from_itself_is_a_cycle_with_the_fix() {
    let doc = "$$\\mathbf{h}_1 = \\mathbf{a}[\\boldsymbol\\beta_0 + \\boldsymbol\\Omega_0 \\mathbf{x}]$$\n\
               $$\\mathbf{h}_2 = \\mathbf{a}[\\boldsymbol\\beta_1 + \\boldsymbol\\Omega_1 \\mathbf{h}_2]$$\n";
    let report = check(doc);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == "cycle")
        .collect();
    assert!(!found.is_empty(), "{:?}", report.findings);
    assert_eq!(
        found[0].fix.as_deref(),
        Some("\\mathbf{h}_2 = \\mathbf{a}[\\boldsymbol\\beta_1 + \\boldsymbol\\Omega_1 \\mathbf{h}_1]")
    );
}

#[test]
fn an_entry_without_the_primes_of_the_others_is_a_prime_error() {
    let doc = "$$\\mathbf{h}' = \\begin{bmatrix}h'_1\\\\ h_2\\\\ h'_3\\end{bmatrix}$$\n";
    let report = check(doc);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == "prime")
        .collect();
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(
        found[0].fix.as_deref(),
        Some("\\mathbf{h}' = \\begin{bmatrix}h'_1\\\\ h'_2\\\\ h'_3\\end{bmatrix}")
    );
}

/// A row that ends in a multi-byte character before the next row: the
/// finding's span covers the whole character (found by fuzzing).
#[test]
fn a_lost_row_break_after_a_multibyte_character_has_a_whole_span() {
    let doc = "$$\n\\begin{aligned}\nh_1 &= a[\\theta_{10} + \\theta_{11}x] ₀\nh_2 &= a[\\theta_{20} + \\theta_{21}x]\n\\end{aligned}\n$$\n";
    let report = netform::check::check(doc);
    for f in &report.findings {
        if let Some(s) = f.diagnostic.span {
            assert!(doc.is_char_boundary(s.start as usize) && doc.is_char_boundary(s.end as usize));
        }
    }
}

/// The rest of an equation whose activation is written `a(…)` is checked
/// as if it were `a[…]`: the index mistake after it is still found.
#[test]
fn an_equation_with_round_brackets_is_checked_as_repaired() {
    let found = codes("$$h_2 = a(\\theta_{20} + \\theta_{11}x)$$");
    assert!(
        found.contains(&("activation-brackets".into(), 1)),
        "{found:?}"
    );
    assert!(found.contains(&("index".into(), 1)), "{found:?}");
    let definition = codes("$$a(z) = \\max(0, z)$$");
    assert!(
        definition.iter().all(|(c, _)| c != "activation-brackets"),
        "{definition:?}"
    );
}

/// Pandoc's raw LaTeX blocks (```` ```{=latex} ````) hold math that is
/// read, and a fence indented in the YAML front matter closes where its
/// indented closing fence is.
#[test]
fn raw_latex_blocks_are_read_and_indented_fences_close() {
    let doc = "---\nheader-includes:\n- |\n  ```{=latex}\n  \\usepackage{xcolor}\n  ```\n---\n\n\
               $$h_1 = a[\\theta_{10} + \\theta_{21}x]$$\n\n\
               ```{=latex}\n\\begin{align*}\nh_2 &= a[\\theta_{20} + \\theta_{11}x]\n\\end{align*}\n```\n\n\
               ```python\nh_3 = a[theta_30]\n```\n";
    let found = codes(doc);
    assert!(found.contains(&("index".into(), 9)), "{found:?}");
    assert!(found.contains(&("index".into(), 13)), "{found:?}");
    assert_eq!(check(doc).analysed, 2);
}

/// Runs the binary in `dir` with `stdin`: exit code, stdout, stderr.
fn netform_in(dir: &std::path::Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh directory holding `doc.txt` with an index mistake on line 1.
fn config_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("netform-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("doc.txt"),
        "h_1 = a[θ_10 + θ_21 x]\ny = φ_0 + φ_1 h_1\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_netform_toml_beside_the_document_silences_codes_like_ignore() {
    let dir = config_dir("beside");
    let (code, out, _) = netform_in(&dir, &["check", "doc.txt"], "");
    assert_eq!(code, 1, "{out}");
    std::fs::write(
        dir.join("netform.toml"),
        "# silenced for this course\nignore = [\"index\"]\n",
    )
    .unwrap();
    let (code, out, err) = netform_in(&dir, &["check", "doc.txt"], "");
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.ends_with("skipped none; 1 finding silenced\n"), "{out}");
    // Found from another directory too: beside the document, not the caller.
    let doc = dir.join("doc.txt");
    let (code, out, _) = netform_in(&std::env::temp_dir(), &["check", doc.to_str().unwrap()], "");
    assert_eq!(code, 0, "{out}");
    // Standard input has no directory: no config unless `--config`.
    let text = std::fs::read_to_string(&doc).unwrap();
    let (code, _, _) = netform_in(&dir, &["check", "-"], &text);
    assert_eq!(code, 1);
    let (code, out, _) = netform_in(&dir, &["check", "--config", "netform.toml", "-"], &text);
    assert_eq!(code, 0, "{out}");
    // `--config` replaces the file beside the document.
    std::fs::write(dir.join("other.toml"), "ignore = []\n").unwrap();
    let (code, _, _) = netform_in(&dir, &["check", "--config", "other.toml", "doc.txt"], "");
    assert_eq!(code, 1);
    // A missing netform.toml is no config; a missing `--config` file is an error.
    std::fs::remove_file(dir.join("netform.toml")).unwrap();
    let (code, _, err) = netform_in(&dir, &["check", "--config", "missing.toml", "doc.txt"], "");
    assert_eq!(code, 1);
    assert!(err.contains("cannot read `missing.toml`"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_netform_toml_is_an_error_located_in_it() {
    let dir = config_dir("bad");
    let cases = [
        (
            "ignore = [\"index\"]\ncolour = true\n",
            "netform.toml:2:1",
            "unknown field `colour`",
        ),
        (
            "ignore = \"index\"\n",
            "netform.toml:1:10",
            "expected a sequence",
        ),
        (
            "ignore = [\"index\"\n",
            "netform.toml:1:18",
            "unclosed array",
        ),
        (
            "ignore = [\"index\", \"indx\"]\n",
            "netform.toml:1:20",
            "`indx` is not a code",
        ),
    ];
    for (toml, at, message) in cases {
        std::fs::write(dir.join("netform.toml"), toml).unwrap();
        let (code, out, err) = netform_in(&dir, &["check", "doc.txt"], "");
        assert_eq!((code, out.as_str()), (1, ""), "{toml}");
        assert!(err.contains(at) && err.contains(message), "{toml}:\n{err}");
        assert!(err.contains('^'), "{err}");
    }
    // An unknown code names the known ones, in the file and after `--ignore`.
    let (_, _, err) = netform_in(&dir, &["check", "doc.txt"], "");
    assert!(
        err.contains("the codes are ") && err.contains("missing-term"),
        "{err}"
    );
    std::fs::remove_file(dir.join("netform.toml")).unwrap();
    let (code, _, err) = netform_in(&dir, &["check", "--ignore", "indx", "doc.txt"], "");
    assert_eq!(code, 1);
    assert!(
        err.contains("`indx` is not a code") && err.contains("missing-term"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
