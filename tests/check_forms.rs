//! `check` on the vector and matrix forms: no false alarms on any form netform
//! writes, and the mistakes hand-typed matrices carry are found.

mod common;

use netform::check::check;
use netform::examples::EXAMPLES;
use netform::render::{self, Form, FormOptions, Format, Options};
use netform::Severity;

fn alarms(source: &str) -> Vec<String> {
    check(source)
        .findings
        .iter()
        .filter(|f| f.diagnostic.severity >= Severity::Warning)
        .map(|f| format!("{}: {}", f.diagnostic.code, f.diagnostic.message))
        .collect()
}

#[test]
fn every_example_in_every_form_and_format_is_clean() {
    for example in EXAMPLES {
        let network = common::net(example.source);
        for (form, explicit) in [
            (Form::Scalar, false),
            (Form::Matrix, false),
            (Form::Matrix, true),
            (Form::General, false),
            (Form::Nested, false),
        ] {
            for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
                let options = Options {
                    format,
                    width: 80,
                    standalone: false,
                };
                let fo = FormOptions {
                    form,
                    explicit,
                    elide: false,
                    beamer: false,
                    max_terms: 100_000,
                };
                let text = render::form(&network, &options, &fo).unwrap();
                assert_eq!(
                    alarms(&text),
                    Vec::<String>::new(),
                    "{} {form:?} {format:?}:\n{text}",
                    example.name
                );
            }
        }
    }
}

#[test]
fn repeated_and_misplaced_matrix_entries() {
    let source = "$$\\boldsymbol{\\Psi} = \\begin{bmatrix}\\psi_{11} & \\psi_{12} & \\psi_{13} \\\\ \\psi_{21} & \\psi_{22} & \\psi_{23} \\\\ \\psi_{32} & \\psi_{32} & \\psi_{33}\\end{bmatrix}$$\n\
                  and $\\mathbf{h}' = \\begin{bmatrix} h'_1 \\\\ h'_2 \\\\ h'_2 \\end{bmatrix}$\n";
    let report = check(source);
    let rendered = netform::diagnostic::render(
        "matrices.md",
        source,
        &report
            .findings
            .iter()
            .map(|f| f.diagnostic.clone())
            .collect::<Vec<_>>(),
        false,
    );
    assert!(rendered.contains("expected `psi_31`"), "{rendered}");
    assert!(rendered.contains("`psi_32` appears twice"), "{rendered}");
    assert!(rendered.contains("expected `h'_3`"), "{rendered}");
    let fixes: Vec<&str> = report
        .findings
        .iter()
        .filter_map(|f| f.fix.as_deref())
        .collect();
    assert!(fixes.contains(&"psi_31"), "{fixes:?}");
}

/// Runs the command line and returns its standard output.
fn netform_out(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "netform {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_compose_derivation_and_document_netform_writes_checks_clean() {
    let forms = ["scalar", "matrix", "general", "nested"];
    let layouts: [&[&str]; 4] = [
        &[],
        &["--standalone"],
        &["--beamer"],
        &["--beamer", "--overlays"],
    ];
    for to in forms {
        for layout in layouts {
            for format in ["latex", "unicode", "ascii"] {
                let beamer = layout.contains(&"--beamer");
                if (format != "latex" && !layout.is_empty()) || (beamer && to != "scalar") {
                    continue;
                }
                let mut args = vec![
                    "compose",
                    "--example",
                    "compose-first",
                    "--example",
                    "compose-second",
                    "--to",
                    to,
                    "--format",
                    format,
                ];
                args.extend(layout);
                let text = netform_out(&args);
                assert_eq!(alarms(&text), Vec::<String>::new(), "{args:?}:\n{text}");
            }
        }
    }
    for example in EXAMPLES {
        for to in forms {
            for layout in [&["--standalone"][..], &["--beamer"][..]] {
                let mut args = vec![
                    "convert",
                    "--example",
                    example.name,
                    "--to",
                    to,
                    "--format",
                    "latex",
                ];
                args.extend(layout);
                let text = netform_out(&args);
                assert_eq!(alarms(&text), Vec::<String>::new(), "{args:?}:\n{text}");
            }
        }
    }
}
