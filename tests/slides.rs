//! LaTeX that fits its page: Beamer frames (4:3 and 16:9) and articles,
//! broken across rows and continued on the next frame, reading back as the
//! same network. Whether the rows really fit is for pdflatex to say: CI
//! compiles every output below and fails on any overfull box
//! (`.ci/check-latex`).

mod common;

use netform::examples::EXAMPLES;
use netform::network::Network;
use netform::render::{self, write_form_fitted, Aspect, Form, FormOptions, Format, Options};
use netform::rewrite::arch;

const FORMS: [(Form, bool); 5] = [
    (Form::Scalar, false),
    (Form::Matrix, false),
    (Form::Matrix, true),
    (Form::General, false),
    (Form::Nested, false),
];

/// The pages: a 4:3 frame, a 16:9 frame, an article.
const PAGES: [(bool, Aspect); 3] = [
    (true, Aspect::FourThree),
    (true, Aspect::SixteenNine),
    (false, Aspect::FourThree),
];

/// The fitted LaTeX of a form as a whole document, and its notes.
fn fitted(
    network: &Network,
    form: Form,
    explicit: bool,
    beamer: bool,
    aspect: Aspect,
) -> (String, Vec<String>) {
    let options = Options {
        format: Format::Latex,
        width: 80,
        standalone: true,
    };
    let form = FormOptions {
        form,
        explicit,
        beamer,
        ..FormOptions::default()
    };
    let mut out = Vec::new();
    let notes = write_form_fitted(network, &options, &form, aspect, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), notes)
}

/// The math of a document: its `align*` environments, without the preamble,
/// the frames and the size commands around them.
fn math(document: &str) -> String {
    let mut inside = false;
    let mut kept = String::new();
    for line in document.lines() {
        if line == "\\begin{align*}" {
            inside = true;
        }
        if inside {
            kept.push_str(line);
            kept.push('\n');
        }
        if line == "\\end{align*}" {
            inside = false;
        }
    }
    kept
}

fn networks() -> Vec<(String, Network)> {
    let mut networks: Vec<(String, Network)> = EXAMPLES
        .iter()
        .map(|e| (e.name.to_string(), common::net(e.source)))
        .collect();
    for widths in [[1, 4, 4, 1].as_slice(), &[2, 5, 5, 2], &[1, 6, 6, 6, 1]] {
        networks.push((format!("{widths:?}"), arch::network(widths).unwrap()));
    }
    networks
}

#[test]
fn every_fitted_form_reads_back_as_the_same_network() {
    for (name, network) in networks() {
        for (form, explicit) in FORMS {
            // The nested form reads back as its own network (hidden units
            // substituted); it must read as the unfitted nested form does.
            let reference = {
                let options = Options {
                    format: Format::Latex,
                    ..Options::default()
                };
                let plain = FormOptions {
                    form,
                    explicit,
                    ..FormOptions::default()
                };
                common::net(&render::form(&network, &options, &plain).unwrap())
            };
            for (beamer, aspect) in PAGES {
                let (document, _) = fitted(&network, form, explicit, beamer, aspect);
                let read = common::net(&math(&document));
                assert_eq!(
                    read, reference,
                    "{name} {form:?} {beamer} {aspect:?}:\n{document}"
                );
            }
        }
    }
}

#[test]
fn frames_are_balanced_and_continue_with_cont() {
    for (name, network) in networks() {
        for (form, explicit) in FORMS {
            for aspect in [Aspect::FourThree, Aspect::SixteenNine] {
                let (document, _) = fitted(&network, form, explicit, true, aspect);
                let begun = document.matches("\\begin{frame}").count();
                assert_eq!(begun, document.matches("\\end{frame}").count(), "{name}");
                assert_eq!(
                    document.matches("\\begin{align*}").count(),
                    document.matches("\\end{align*}").count()
                );
                let continued = document.matches(" (cont.)}").count();
                assert_eq!(continued, begun - 1, "{name} {form:?}:\n{document}");
                assert!(!document.contains("\\resizebox") && !document.contains("\\tiny"));
            }
        }
    }
}

#[test]
fn a_tall_matrix_form_continues_on_the_next_frame() {
    let network = arch::network(&[1, 4, 4, 1]).unwrap();
    let (document, notes) = fitted(&network, Form::Matrix, false, true, Aspect::FourThree);
    assert!(notes.is_empty());
    assert!(document.contains("\\begin{frame}{Vector and matrix form (cont.)}"));
    common::snapshots(|| insta::assert_snapshot!("slides-1-4-4-1-matrix-beamer", document));
}

#[test]
fn a_wide_nested_equation_breaks_inside_its_brackets() {
    let network = common::net(
        EXAMPLES
            .iter()
            .find(|e| e.name == "deep-3-layer")
            .unwrap()
            .source,
    );
    let (document, _) = fitted(&network, Form::Nested, false, true, Aspect::FourThree);
    // Continuation rows inside two brackets are indented three quads.
    assert!(document.contains("\n&\\quad\\quad\\quad + "));
    common::snapshots(|| insta::assert_snapshot!("slides-deep-3-layer-nested-beamer", document));
    let (article, _) = fitted(&network, Form::Nested, false, false, Aspect::FourThree);
    assert!(article.starts_with(
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb,bm}\n\\allowdisplaybreaks\n"
    ));
    assert!(!article.contains("\\begin{frame}"));
}

#[test]
fn a_wide_matrix_equation_is_set_in_an_aligned_block_or_a_size_smaller() {
    let network = arch::network(&[1, 6, 6, 6, 1]).unwrap();
    let (article, notes) = fitted(&network, Form::Matrix, true, false, Aspect::FourThree);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(article.contains("\\mathbf{a}\\left[\\begin{aligned}&"));
    common::snapshots(|| insta::assert_snapshot!("slides-1-6-6-6-1-explicit-article", article));
    let (wide, notes) = fitted(&network, Form::Matrix, true, true, Aspect::SixteenNine);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(!wide.contains("\\footnotesize"));
    let (narrow, notes) = fitted(&network, Form::Matrix, true, true, Aspect::FourThree);
    assert_eq!(
        notes,
        ["note: the matrix form is set in \\footnotesize to fit a 4:3 Beamer frame"]
    );
    assert!(narrow.contains("\\begin{frame}{Vector and matrix form}\n\\footnotesize\n"));
    common::snapshots(|| insta::assert_snapshot!("slides-1-6-6-6-1-explicit-beamer", narrow));
}

#[test]
fn elision_is_the_last_resort_and_is_noted() {
    let network = arch::network(&[1, 12, 12, 1]).unwrap();
    let (document, notes) = fitted(&network, Form::Matrix, true, true, Aspect::FourThree);
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("elided"), "{notes:?}");
    assert!(document.contains("\\cdots") && document.contains("\\vdots"));
    let network = arch::network(&[1, 6, 6, 6, 1]).unwrap();
    let (unelided, notes) = fitted(&network, Form::Matrix, false, true, Aspect::FourThree);
    assert!(notes.is_empty());
    assert!(!unelided.contains("\\cdots"));
}

#[test]
fn beamer_spells_the_activation_in_the_theme_font() {
    let network = arch::network(&[1, 2, 1]).unwrap();
    let (slides, _) = fitted(&network, Form::Scalar, false, true, Aspect::SixteenNine);
    assert!(slides.starts_with("\\documentclass[aspectratio=169]{beamer}\n"));
    assert!(slides.contains("h_{1} &= \\text{a}[\\theta_{10} + \\theta_{11}x]"));
    let (article, _) = fitted(&network, Form::Scalar, false, false, Aspect::FourThree);
    assert!(article.contains("h_{1} &= \\mathrm{a}[\\theta_{10} + \\theta_{11}x]"));
}

/// The derivation of the composition slides: network 1 fed into network 2.
fn composition() -> (
    netform::symbol::SymbolTable,
    Vec<netform::render::derivation::Step>,
) {
    use netform::rewrite::compose::{compose_chain, derivation, Shown};
    let source = |name: &str| EXAMPLES.iter().find(|e| e.name == name).unwrap().source;
    let first = common::net(source("compose-first"));
    let second = common::net(source("compose-second"));
    let chain = compose_chain(&[first, second], &[], true).unwrap();
    derivation(&chain, Shown::default(), true)
}

#[test]
fn compose_as_beamer_frames_titles_each_step_and_reveals_each_substitution() {
    use netform::render::derivation::{derivation, slides, Slides};
    let (symbols, steps) = composition();
    let options = Options {
        format: Format::Latex,
        width: 80,
        standalone: true,
    };
    let beamer = Slides {
        beamer: true,
        aspect: Aspect::FourThree,
        overlays: true,
    };
    let frames = slides(&symbols, &steps, &options, beamer);
    let titles: Vec<&str> = frames
        .lines()
        .filter_map(|l| l.strip_prefix("\\begin{frame}{"))
        .collect();
    assert_eq!(
        titles,
        [
            "Network 1}",
            "Network 2}",
            "Substituting the first network's outputs}",
            "New parameters}",
            "The combined network}"
        ]
    );
    // Three substitutions, revealed one after another.
    assert_eq!(frames.matches("\\pause\n").count(), 2);
    common::snapshots(|| insta::assert_snapshot!("slides-compose-beamer-overlays", frames));
    let plain = Options {
        standalone: false,
        ..options.clone()
    };
    let reference = common::net(&derivation(&symbols, &steps, &plain));
    assert_eq!(common::net(&math(&frames)), reference);

    let without = slides(
        &symbols,
        &steps,
        &options,
        Slides {
            overlays: false,
            ..beamer
        },
    );
    assert!(!without.contains("\\pause"));
}

#[test]
fn compose_as_an_article_titles_each_step_in_its_text() {
    use netform::render::derivation::{slides, Slides};
    let (symbols, steps) = composition();
    let options = Options {
        format: Format::Latex,
        width: 80,
        standalone: true,
    };
    let article = slides(&symbols, &steps, &options, Slides::default());
    assert!(article.contains("\\subsection*{Network 1}\n\\begin{align*}\n"));
    assert!(article.contains("\\subsection*{The combined network}\n"));
    assert!(!article.contains("\n% "));
    assert!(!article.contains("\\begin{frame}"));
}

/// Runs the binary: its exit code, standard output and standard error.
fn netform(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_writes_slides_and_says_what_does_not_apply() {
    let compose = [
        "compose",
        "--example",
        "compose-first",
        "--example",
        "compose-second",
        "--format",
        "latex",
    ];
    let (code, out, _) = netform(&[&compose[..], &["--beamer", "--aspect", "169"]].concat());
    assert_eq!(code, Some(0));
    assert!(out.starts_with("\\begin{frame}{Network 1}\n"));
    let (code, out, _) = netform(&[&compose[..], &["--to", "matrix", "--standalone"]].concat());
    assert_eq!(code, Some(0));
    assert!(out.contains("\\subsection*{New parameters}\n") && !out.contains("\n% "));
    let (code, _, err) = netform(&[&compose[..], &["--to", "matrix", "--beamer"]].concat());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("--beamer writes the scalar derivation"),
        "{err}"
    );
    let (code, _, _) = netform(&[&compose[..], &["--overlays"]].concat());
    assert_eq!(code, Some(2), "--overlays needs --beamer");

    let convert = ["convert", "--arch", "1,6,6,6,1", "--format", "latex"];
    let (code, out, err) = netform(
        &[
            &convert[..],
            &["--to", "matrix", "--explicit", "--beamer", "--width", "40"],
        ]
        .concat(),
    );
    assert_eq!(code, Some(0));
    assert!(out.contains("\\footnotesize"));
    assert!(err.contains("--width does not apply"), "{err}");
    assert!(err.contains("set in \\footnotesize"), "{err}");
    let (code, _, _) = netform(&[&convert[..], &["--aspect", "169"]].concat());
    assert_eq!(code, Some(2), "--aspect needs --beamer");
}

#[test]
fn a_deep_general_nested_equation_flows_across_rows_inside_its_brackets() {
    let network = arch::network(&[1, 2, 2, 2, 2, 2, 2, 2, 1]).unwrap();
    let (document, notes) = fitted(&network, Form::Nested, false, true, Aspect::FourThree);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(document.contains("\\mathbf{y} &= \\boldsymbol{\\beta}_{7}"));
    assert!(document
        .contains("\n&\\quad + \\boldsymbol{\\Omega}_{7}\\mathbf{a}[\\boldsymbol{\\beta}_{6}"));
    assert!(document.contains("\n&\\quad\\quad + \\boldsymbol{\\Omega}_{6}\\mathbf{a}["));
    assert!(!document.contains("\\cdots"));
    let options = Options {
        format: Format::Latex,
        ..Options::default()
    };
    let plain = FormOptions {
        form: Form::Nested,
        ..FormOptions::default()
    };
    let reference = common::net(&render::form(&network, &options, &plain).unwrap());
    assert_eq!(common::net(&math(&document)), reference);
}
