//! Golden tests that run the real binary.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `netform` with `args` and optional standard input.
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("netform runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed and returns its output.
fn ok(args: &[&str]) -> String {
    let o = run(args, None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "netform {args:?} failed:\n{}",
        stderr(&o)
    );
    stdout(&o)
}

/// Runs a command that must fail with `code` and returns its error output.
fn fails(args: &[&str], stdin: Option<&[u8]>, code: i32) -> String {
    let o = run(args, stdin);
    assert_eq!(
        o.status.code(),
        Some(code),
        "netform {args:?}: stdout {}\nstderr {}",
        stdout(&o),
        stderr(&o)
    );
    stderr(&o)
}

const EXAMPLES: [&str; 5] = [
    "compose-first",
    "compose-second",
    "compose-combined",
    "shallow-1-4-2",
    "deep-3-layer",
];
const FORMATS: [&str; 4] = ["unicode", "latex", "ascii", "json"];

#[test]
fn every_example_in_every_format() {
    common::snapshots(|| {
        for example in EXAMPLES {
            for format in FORMATS {
                let out = ok(&[
                    "convert",
                    "--example",
                    example,
                    "--to",
                    "scalar",
                    "--format",
                    format,
                ]);
                insta::assert_snapshot!(format!("cli-convert-{example}-{format}"), out);
            }
        }
    });
}

#[test]
fn converted_output_reads_back_as_the_same_network() {
    for example in EXAMPLES {
        let original = common::net(netform::examples::find(example).unwrap().source);
        for format in FORMATS {
            let out = ok(&["convert", "--example", example, "--format", format]);
            let o = run(&["convert", "-", "--format", "ascii"], Some(out.as_bytes()));
            assert_eq!(
                o.status.code(),
                Some(0),
                "{example} {format}: {}",
                stderr(&o)
            );
            assert_eq!(common::net(&out), original, "{example} in {format}:\n{out}");
        }
    }
}

#[test]
fn standalone_latex_is_a_document() {
    let out = ok(&[
        "convert",
        "--example",
        "compose-first",
        "--format",
        "latex",
        "--standalone",
    ]);
    assert!(out.starts_with("\\documentclass"), "{out}");
    assert!(out.contains("\\begin{document}") && out.trim_end().ends_with("\\end{document}"));
    assert!(out.is_ascii(), "LaTeX output must be ASCII");
}

#[test]
fn eval_text_and_json() {
    common::snapshots(|| {
        let text = ok(&[
            "eval",
            "--example",
            "compose-combined",
            "--at",
            "x=1/2",
            "--at",
            "x=-1",
        ]);
        insta::assert_snapshot!("cli-eval-text", text);
        let json = ok(&[
            "eval",
            "--example",
            "shallow-1-4-2",
            "--at",
            "x=1",
            "--format",
            "json",
        ]);
        insta::assert_snapshot!("cli-eval-json", json);
        let float = ok(&[
            "eval",
            "--example",
            "compose-combined",
            "--at",
            "x=1/2",
            "--float",
        ]);
        insta::assert_snapshot!("cli-eval-float", float);
    });
}

#[test]
fn eval_json_uses_exact_strings_and_ascii_keys() {
    let json = ok(&[
        "eval",
        "--example",
        "compose-second",
        "--at",
        "y=7/10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["inputs"]["y"], "7/10");
    assert_eq!(v[0]["outputs"]["y'"], "-41/40");
}

#[test]
fn eval_with_a_params_file_from_stdin_network() {
    let dir = std::env::temp_dir().join(format!("netform-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let params = dir.join("p.txt");
    std::fs::write(&params, "# weights\nphi_0 = 1/2\nphi_1 = \\frac{3}{4}\n").unwrap();
    let o = run(
        &[
            "eval",
            "-",
            "--params",
            params.to_str().unwrap(),
            "--at",
            "x=2",
            "--format",
            "json",
        ],
        Some(b"y = \\phi_0 + \\phi_1 x"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"y\": \"2\""), "{}", stdout(&o));
}

#[test]
fn examples_are_listed() {
    let out = ok(&["examples"]);
    for e in EXAMPLES {
        assert!(out.contains(e), "{out}");
    }
}

#[test]
fn bad_input_exits_1_with_a_located_message() {
    let err = fails(
        &["convert", "-"],
        Some(b"h_1 = a[\\theta_{10} + + \\theta_{11}x]\ny = h_1"),
        1,
    );
    assert!(err.contains("<stdin>:1:"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn files_that_cannot_be_read() {
    let err = fails(&["convert", "/nonexistent/net.tex"], None, 1);
    assert!(err.contains("cannot read"), "{err}");
    let err = fails(&["convert", "/"], None, 1);
    assert!(err.contains("directory"), "{err}");
    let err = fails(&["convert", "-"], Some(b"h_1 = a[\xff]"), 1);
    assert!(err.contains("not UTF-8"), "{err}");
    let err = fails(&["convert", "-"], Some(b"y = x\0"), 1);
    assert!(err.contains("NUL"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    fails(&["convert"], None, 2);
    fails(&["convert", "--example", "no-such-example"], None, 2);
    fails(&["eval", "--example", "compose-first"], None, 2);
    fails(&["frobnicate"], None, 2);
}

#[test]
fn missing_parameters_are_named() {
    let err = fails(
        &["eval", "-", "--at", "x=1"],
        Some(b"y = \\phi_0 + \\phi_1 x"),
        1,
    );
    assert!(err.contains("--params"), "{err}");
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        "convert", "eval", "compose", "count", "bound", "regions", "examples",
    ] {
        let out = ok(&[sub, "--help"]);
        assert!(out.contains("Usage"), "{out}");
    }
}

#[test]
fn count_bound_and_regions() {
    common::snapshots(|| {
        insta::assert_snapshot!(
            "cli-count-arch",
            ok(&["count", "--arch", "1,10,10,10,10,10,1"])
        );
        insta::assert_snapshot!(
            "cli-count-example-json",
            ok(&["count", "--example", "shallow-1-4-2", "--format", "json"])
        );
        insta::assert_snapshot!("cli-bound", ok(&["bound", "--arch", "1,10,10,10,10,10,1"]));
        insta::assert_snapshot!(
            "cli-regions",
            ok(&[
                "regions",
                "--example",
                "compose-combined",
                "--domain",
                "-1,1"
            ])
        );
        insta::assert_snapshot!(
            "cli-regions-json",
            ok(&["regions", "--example", "shallow-1-4-2", "--format", "json"])
        );
    });
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["count", "--arch", "40,298,10", "--format", "json"])).unwrap();
    assert_eq!(json["parameters"], 15_208);
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "bound",
        "--arch",
        "1,10,10,10,10,10,1",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["one_input_exact_max"], "161051");
}

#[test]
fn counting_usage_errors() {
    fails(&["count", "--arch", "1,a,1"], None, 2);
    fails(&["bound"], None, 2);
    let err = fails(
        &["regions", "--example", "compose-first", "--domain", "1,-1"],
        None,
        1,
    );
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn compose_shows_every_step_and_reads_back() {
    let pair = [
        "compose",
        "--example",
        "compose-first",
        "--example",
        "compose-second",
    ];
    common::snapshots(|| {
        insta::assert_snapshot!("cli-compose-unicode", ok(&pair));
        let latex: Vec<&str> = pair.iter().copied().chain(["--format", "latex"]).collect();
        insta::assert_snapshot!("cli-compose-latex", ok(&latex));
        let products: Vec<&str> = pair
            .iter()
            .copied()
            .chain(["--no-collect", "--steps", "combined", "--format", "ascii"])
            .collect();
        insta::assert_snapshot!("cli-compose-no-collect", ok(&products));
        let matrix: Vec<&str> = pair
            .iter()
            .copied()
            .chain(["--to", "matrix", "--format", "latex"])
            .collect();
        insta::assert_snapshot!("cli-compose-matrix-latex", ok(&matrix));
        let general: Vec<&str> = pair
            .iter()
            .copied()
            .chain(["--to", "general", "--format", "json"])
            .collect();
        let json: serde_json::Value = serde_json::from_str(&ok(&general)).unwrap();
        assert_eq!(json["steps"].as_array().map(Vec::len), Some(5));
    });
    let dir = std::env::temp_dir().join(format!("netform-compose-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let params = dir.join("p.txt");
    let first = netform::examples::find("compose-first").unwrap().params;
    let second = netform::examples::find("compose-second").unwrap().params;
    std::fs::write(&params, format!("{first}\n{second}")).unwrap();
    for format in FORMATS {
        let args: Vec<&str> = pair.iter().copied().chain(["--format", format]).collect();
        let text = ok(&args);
        let o = run(
            &[
                "eval",
                "-",
                "--params",
                params.to_str().unwrap(),
                "--at",
                "x=1/2",
                "--format",
                "json",
            ],
            Some(text.as_bytes()),
        );
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("\"y'\": \"-41/40\""),
            "{format}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn compose_three_networks_and_feed() {
    let third = "h''_1 = a[\\theta''_{10} + \\theta''_{11}y']\ny'' = \\phi''_0 + \\phi''_1h''_1";
    let dir = std::env::temp_dir().join(format!("netform-compose3-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("third.tex");
    std::fs::write(&path, third).unwrap();
    let out = ok(&[
        "compose",
        "--example",
        "compose-first",
        "--example",
        "compose-second",
        path.to_str().unwrap(),
        "--format",
        "ascii",
    ]);
    assert!(out.contains("composition 2"), "{out}");
    assert!(
        out.contains("beta_{2,1}") || out.contains("omega_{2,1,1}"),
        "{out}"
    );
    let err = fails(
        &[
            "compose",
            "--example",
            "compose-first",
            "--example",
            "compose-first",
        ],
        None,
        1,
    );
    assert!(err.contains("both networks use"), "{err}");
    let err = fails(
        &[
            "compose",
            "--example",
            "compose-first",
            "--example",
            "compose-second",
            "--feed",
            "y=q",
        ],
        None,
        1,
    );
    assert!(err.contains("q"), "{err}");
}

/// `eval --all-forms` evaluates the nested form bracket by bracket, so a
/// network whose written nested equation is past `--max-terms` (about
/// 211,111 terms here) is evaluated all the same.
#[test]
fn all_forms_evaluate_a_nested_form_too_large_to_write() {
    let network = netform::rewrite::arch::network(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    let dir = std::env::temp_dir().join(format!("netform-allforms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = netform::render::scalar(&network, &netform::Options::default());
    let params: String = network
        .params
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let value = (k % 5) as i64 - 2;
            format!(
                "{} = {value}/7\n",
                netform::symbol::ascii_name(&network.symbols[p])
            )
        })
        .collect();
    std::fs::write(dir.join("net.txt"), text).unwrap();
    std::fs::write(dir.join("p.txt"), params).unwrap();
    let net = dir.join("net.txt");
    let p = dir.join("p.txt");
    let refused = fails(
        &["convert", net.to_str().unwrap(), "--to", "nested"],
        None,
        1,
    );
    assert!(refused.contains("--max-terms"), "{refused}");
    let out = ok(&[
        "eval",
        net.to_str().unwrap(),
        "--params",
        p.to_str().unwrap(),
        "--at",
        "x=1/2",
        "--all-forms",
    ]);
    assert!(out.contains("nested"), "{out}");
}

/// An error in a JSON network points at the string in the file, not into
/// the equations joined for reading.
#[test]
fn json_errors_point_into_the_file() {
    let json = ok(&["convert", "--example", "compose-first", "--format", "json"]);
    let broken = json.replace("theta_21 x]\"", "theta_21 + + x]\"");
    let line = broken.lines().position(|l| l.contains("+ + x")).unwrap() + 1;
    let err = fails(&["convert", "-"], Some(broken.as_bytes()), 1);
    assert!(err.contains(&format!("<stdin>:{line}:")), "{err}");
    assert!(err.contains("+ + x"), "{err}");
}
