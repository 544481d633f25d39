//! The matrix, general and nested forms: snapshots of every bundled example
//! in every form and format (in the top-level `snapshots/`), the golden
//! output of `convert --arch`, `--elide`, `--beamer` and `eval --all-forms`,
//! and property tests that every form computes the same numbers and that an
//! architecture's output has exactly its parameters.

mod common;

use netform::agreement::{disagreement, AllForms, EvaluatedForm};
use netform::eval::Activation;
use netform::examples::EXAMPLES;
use netform::network::Network;
use netform::render::{form, Form, FormError, FormOptions, Format, Options};
use netform::rewrite::arch;
use num_rational::BigRational;
use proptest::prelude::*;
use std::process::Command;

const FORMATS: [Format; 4] = [Format::Unicode, Format::Latex, Format::Ascii, Format::Json];

/// The forms snapshotted, with the name each snapshot carries.
const FORMS: [(&str, Form, bool); 5] = [
    ("scalar", Form::Scalar, false),
    ("matrix", Form::Matrix, false),
    ("matrix-explicit", Form::Matrix, true),
    ("general", Form::General, false),
    ("nested", Form::Nested, false),
];

/// Runs `f` with snapshots going to the top-level `snapshots/` folder.
fn in_snapshots(f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f);
}

/// A form in a format at width 80.
fn render(network: &Network, format: Format, form_: Form, explicit: bool) -> String {
    let options = Options {
        format,
        ..Options::default()
    };
    let forms = FormOptions {
        form: form_,
        explicit,
        ..FormOptions::default()
    };
    form(network, &options, &forms).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `netform` and returns its exit code, stdout and stderr.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .output()
        .expect("netform runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// Runs `netform` that must succeed, returning its output.
fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, Some(0), "netform {args:?}: {err}");
    out
}

/// What every output must satisfy: LaTeX is ASCII only with Greek in
/// `\boldsymbol`, never `\mathbf`; JSON parses; output is deterministic.
fn check(network: &Network, format: Format, form_: Form, explicit: bool, text: &str) {
    assert_eq!(
        text,
        render(network, format, form_, explicit),
        "deterministic"
    );
    match format {
        Format::Latex => {
            assert!(text.is_ascii(), "LaTeX must be ASCII:\n{text}");
            for greek in [
                "theta", "phi", "psi", "beta", "omega", "Omega", "Theta", "Psi", "Phi",
            ] {
                assert!(!text.contains(&format!("\\mathbf{{\\{greek}")), "{text}");
            }
        }
        Format::Json => {
            let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
            assert!(value["equations"].is_array());
        }
        Format::Unicode | Format::Ascii => assert!(!text.contains('\\')),
    }
}

#[test]
fn every_example_in_every_form_and_format() {
    in_snapshots(|| {
        for example in EXAMPLES {
            let network = common::net(example.source);
            for (name, form_, explicit) in FORMS {
                for format in FORMATS {
                    let text = render(&network, format, form_, explicit);
                    check(&network, format, form_, explicit, &text);
                    let snapshot = format!("forms-{}-{name}-{format}", example.name);
                    insta::assert_snapshot!(snapshot, text);
                }
            }
        }
    });
}

#[test]
fn architectures_without_a_file() {
    in_snapshots(|| {
        for to in ["scalar", "matrix", "general", "nested"] {
            let text = ok(&["convert", "--arch", "1,3,3,1", "--to", to]);
            insta::assert_snapshot!(format!("cli-arch-1-3-3-1-{to}"), text);
        }
        let text = ok(&[
            "convert", "--arch", "2,3,2", "--to", "matrix", "--format", "latex",
        ]);
        insta::assert_snapshot!("cli-arch-2-3-2-matrix-latex", text);
    });
}

#[test]
fn elided_matrices_and_sums() {
    in_snapshots(|| {
        for format in ["unicode", "latex", "ascii"] {
            let args = [
                "convert", "--arch", "6,6,6,2", "--elide", "--format", format,
            ];
            let general = ok(&[&args[..], &["--to", "general"]].concat());
            let explicit = ok(&[&args[..], &["--to", "matrix", "--explicit"]].concat());
            let scalar = ok(&[&args[..], &["--to", "scalar"]].concat());
            let all = format!("{general}\n{explicit}\n{scalar}");
            insta::assert_snapshot!(format!("cli-elide-6-6-6-2-{format}"), all);
        }
    });
}

#[test]
fn deep_general_nested_equations_are_elided() {
    let widths = vec!["1"; 42].join(",");
    let text = ok(&[
        "convert", "--arch", &widths, "--to", "nested", "--format", "ascii",
    ]);
    assert!(
        text.contains("\nbb(y) = beta_40 + Omega_40 a[beta_39 + Omega_39 a[... a[beta_0 + Omega_0 bb(x)] ...]]\n"),
        "{text}"
    );
    let text = ok(&[
        "convert",
        "--arch",
        "1,2,2,2,2,1",
        "--to",
        "nested",
        "--elide",
    ]);
    assert!(
        text.contains("\n𝐲 = 𝛃₄ + 𝛀₄𝐚[𝛃₃ + 𝛀₃𝐚[⋯ 𝐚[𝛃₀ + 𝛀₀𝐱] ⋯]]\n"),
        "{text}"
    );
}

#[test]
fn beamer_frames_and_documents() {
    in_snapshots(|| {
        let args = [
            "convert",
            "--example",
            "compose-combined",
            "--format",
            "latex",
        ];
        let frame = ok(&[&args[..], &["--to", "matrix", "--beamer"]].concat());
        assert!(frame.starts_with("\\begin{frame}{Vector and matrix form}\n"));
        assert!(frame.ends_with("\\end{frame}\n"));
        insta::assert_snapshot!("cli-beamer-frame", frame);
        let document = ok(&[&args[..], &["--to", "general", "--beamer", "--standalone"]].concat());
        assert!(document.starts_with("\\documentclass{beamer}\n"));
        assert!(document.ends_with("\\end{frame}\n\\end{document}\n"));
    });
}

#[test]
fn too_large_nested_forms_are_refused_with_the_option_that_raises_the_limit() {
    let (code, out, err) = run(&["convert", "--arch", "1,60,60,60,1", "--to", "nested"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(
        err.contains("terms, more than the limit of 100000; raise it with --max-terms "),
        "{err}"
    );
    let (code, _, err) = run(&[
        "convert",
        "--arch",
        "1,3,3,1",
        "--to",
        "nested",
        "--max-terms",
        "10",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(ok(&[
        "convert",
        "--arch",
        "1,3,3,1",
        "--to",
        "nested",
        "--max-terms",
        "100"
    ])
    .contains("y′ = "));
}

#[test]
fn networks_without_full_layers_have_no_matrix_form() {
    let skip = common::net("h_1 = a[theta_10 + theta_11 x]\ny = phi_0 + phi_1 h_1 + phi_2 x");
    let options = FormOptions {
        form: Form::Matrix,
        ..FormOptions::default()
    };
    match form(&skip, &Options::default(), &options) {
        Err(e @ FormError::NotLayered(_)) => {
            assert!(e.to_string().contains("`y` reads `x`"), "{e}")
        }
        other => panic!("expected NotLayered, got {other:?}"),
    }
    let nested = render(&skip, Format::Unicode, Form::Nested, false);
    assert_eq!(nested, "y = φ₀ + φ₁a[θ₁₀ + θ₁₁x] + φ₂x\n");
}

#[test]
fn odd_networks_render_in_every_form_and_format() {
    let networks = [
        r"y = \phi_0",
        r"y = \phi_0 + \phi_1",
        "y = 0 x",
        "h_1 = a[x]\ny = h_1",
        "h_1 = a[-1/2 - 3/4 x_1 + x_2]\nh_2 = a[theta_20]\ny_1 = h_1 - 2 h_2\ny_2 = phi_2 h_2",
        "h_3 = a[theta_30 + theta_31 x]\nh_1 = a[theta_10 + theta_11 x]\ny = phi_1 h_1 + phi_3 h_3",
    ];
    for source in networks {
        let network = common::net(source);
        for (_, form_, explicit) in FORMS {
            for format in FORMATS {
                let text = render(&network, format, form_, explicit);
                check(&network, format, form_, explicit, &text);
            }
        }
    }
}

#[test]
fn composed_entries_are_written_entry_by_entry() {
    let composed = common::net(
        r"h_1 = a[\theta_{10} + \theta_{11}x]
          h_2 = a[\theta_{20} + \theta_{21}x]
          h'_1 = a[\theta'_{10} + \theta'_{11}\phi_0 + \theta'_{11}\phi_1h_1 + \theta'_{11}\phi_2h_2]
          h'_2 = a[\theta'_{20} + \theta'_{21}\phi_0 + \theta'_{21}\phi_1h_1 - 2\theta'_{21}\phi_2h_2]
          y' = \phi'_0 + \phi'_1h'_1 + \phi'_2h'_2",
    );
    in_snapshots(|| {
        for format in FORMATS {
            let text = render(&composed, format, Form::Matrix, false);
            insta::assert_snapshot!(format!("forms-composed-matrix-{format}"), text);
        }
    });
}

#[test]
fn eval_all_forms_prints_every_form() {
    in_snapshots(|| {
        let args = [
            "eval",
            "--example",
            "compose-combined",
            "--at",
            "x=1/2",
            "--at",
            "x=-1",
        ];
        insta::assert_snapshot!(
            "cli-eval-all-forms",
            ok(&[&args[..], &["--all-forms"]].concat())
        );
        let float = ok(&[&args[..], &["--all-forms", "--float", "--format", "json"]].concat());
        insta::assert_snapshot!("cli-eval-all-forms-float-json", float);
    });
}

#[test]
fn a_disagreement_names_the_forms_and_the_output() {
    let values = vec![
        (
            EvaluatedForm::Scalar,
            vec![common::q("1"), common::q("1/2")],
        ),
        (
            EvaluatedForm::Matrix,
            vec![common::q("1"), common::q("1/2")],
        ),
        (
            EvaluatedForm::Nested,
            vec![common::q("1"), common::q("1/3")],
        ),
    ];
    let d = disagreement(&values).expect("a disagreement");
    assert_eq!(d.output, 1);
    assert_eq!(d.first, (EvaluatedForm::Scalar, common::q("1/2")));
    assert_eq!(d.second, (EvaluatedForm::Nested, common::q("1/3")));
    assert!(disagreement(&values[..2]).is_none());
    assert!(disagreement(&[
        (EvaluatedForm::Scalar, vec![1.0]),
        (EvaluatedForm::Matrix, vec![1.0 + 1e-12])
    ])
    .is_none());
}

// ---------------------------------------------------------------- properties

fn arch_strategy() -> impl Strategy<Value = Vec<usize>> {
    (
        1usize..=3,
        prop::collection::vec(1usize..=4, 0..=3),
        1usize..=3,
    )
        .prop_map(|(i, h, o)| {
            let mut w = vec![i];
            w.extend(h);
            w.push(o);
            w
        })
}

/// The number of weights and biases of a fully connected architecture.
fn parameter_count(widths: &[usize]) -> usize {
    widths.windows(2).map(|w| (w[0] + 1) * w[1]).sum()
}

/// The distinct bias and weight entries of a matrix-form JSON document,
/// each checked to be one parameter.
fn json_entries(json: &str) -> std::collections::BTreeSet<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut entries = std::collections::BTreeSet::new();
    for layer in value["layers"].as_array().unwrap() {
        for block in ["bias", "weights"] {
            for row in layer[block]["entries"].as_array().unwrap() {
                for entry in row.as_array().unwrap() {
                    let entry = entry.as_str().unwrap();
                    assert!(!entry.contains(' '), "not a single parameter: {entry}");
                    entries.insert(entry.to_string());
                }
            }
        }
    }
    entries
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The scalar, matrix and nested forms agree exactly (and in f64 to
    /// 1e-9) on random architectures, parameters, inputs and activations.
    #[test]
    fn every_form_evaluates_to_the_same_values(
        widths in arch_strategy(),
        values in prop::collection::vec((-9i64..=9, 1i64..=6), 1..30),
        point in prop::collection::vec((-9i64..=9, 1i64..=4), 3),
        leaky in any::<bool>(),
    ) {
        let network = arch::network(&widths).unwrap();
        let b = common::cycled_bindings(&network, &values);
        let activation = if leaky { Activation::LeakyRelu(common::q("1/10")) } else { Activation::Relu };
        let x: Vec<BigRational> = (0..widths[0]).map(|k| BigRational::new(point[k].0.into(), point[k].1.into())).collect();
        let exact = AllForms::<BigRational>::new(&network, &b, activation.clone(), u128::MAX).unwrap();
        let values = exact.evaluate(&x);
        prop_assert_eq!(values.len(), 3);
        prop_assert!(disagreement(&values).is_none(), "{:?}", values);
        let float = AllForms::<f64>::new(&network, &b, activation, u128::MAX).unwrap();
        let xf: Vec<f64> = x.iter().map(|v| num_traits::ToPrimitive::to_f64(v).unwrap()).collect();
        prop_assert!(disagreement(&float.evaluate(&xf)).is_none());
    }

    /// `--arch` writes exactly the architecture's parameters in every form.
    #[test]
    fn architectures_have_exactly_their_parameters(widths in arch_strategy()) {
        let network = arch::network(&widths).unwrap();
        let count = parameter_count(&widths);
        prop_assert_eq!(network.params.len(), count);
        let scalar = render(&network, Format::Ascii, Form::Scalar, false);
        prop_assert_eq!(common::net(&scalar).params.len(), count);
        for form_ in [Form::Matrix, Form::General] {
            let json = render(&network, Format::Json, form_, false);
            prop_assert_eq!(json_entries(&json).len(), count);
        }
        let nested = render(&network, Format::Ascii, Form::Nested, false);
        let scalar_nested: String = nested.split("\n\n").next().unwrap().to_string();
        prop_assert_eq!(common::net(&scalar_nested).params.len(), count);
    }
}
