//! Hostile input as data: every line of `tests/hostile/*.cases` is one run
//! of the real binary on an input generated from a short recipe, under a
//! 2 GiB address-space cap and a ten-second guard, asserting its exit code,
//! a piece of its message, and no panic or signal.
//!
//! A case line has five fields separated by ` ¦ `:
//!
//! ```text
//! name ¦ exit code ¦ text the output must contain ¦ command line ¦ input recipe
//! ```
//!
//! The command line is split at spaces; `{in}` stands for the generated
//! input's file name, and a last word `<FILE` sends a file (`<{in}`, or
//! `</dev/zero`) to standard input, `>FILE` standard output to a file
//! (`>/dev/full`: a full disk). The recipe is the input's text, where
//! `⏎` is a line break and `{*N:TEXT*}` is TEXT repeated N times, with `#`
//! in TEXT standing for the repetition's number (from 1) and `@` for the
//! next number; repetitions do not nest. A recipe with `§` makes two
//! inputs: the text after it is `{in2}` (a parameter file, say). The text to find is looked for in
//! standard error and standard output together (`check` writes its findings
//! to standard output). The output of `check` must also stay within
//! [`OUTPUT_PER_INPUT_BYTE`] bytes per input byte (plus 64 KiB): output
//! linear in the input.
//!
//! Lines that are empty or start with `#` are comments.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The wall-clock guard: a run still going after this is killed and fails.
const GUARD: Duration = Duration::from_secs(10);

/// The address-space cap of every run (2 GiB), in KiB for `ulimit -v`.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;

/// How much output one byte of input may cause, at most.
const OUTPUT_PER_INPUT_BYTE: u64 = 32;

/// One case line.
struct Case {
    name: String,
    code: i32,
    expect: String,
    args: Vec<String>,
    stdin: Option<String>,
    stdout: Option<String>,
    input: String,
}

/// Expands a recipe: `⏎` and `{*N:TEXT*}`.
fn expand(recipe: &str) -> String {
    let mut out = String::new();
    let mut rest = recipe;
    while let Some(open) = rest.find("{*") {
        out.push_str(&rest[..open]);
        let body = &rest[open + 2..];
        let colon = body.find(':').expect("`{*N:` needs a colon");
        let n: usize = body[..colon].parse().expect("a repetition count");
        let close = body[colon..]
            .find("*}")
            .map(|i| colon + i)
            .unwrap_or_else(|| panic!("`{{*{n}:` needs a closing `*}}`"));
        let text = &body[colon + 1..close];
        for i in 1..=n {
            out.push_str(
                &text
                    .replace('#', &i.to_string())
                    .replace('@', &(i + 1).to_string()),
            );
        }
        rest = &body[close + 2..];
    }
    out.push_str(rest);
    out.replace('⏎', "\n")
}

/// Reads the cases of every `.cases` file in `tests/hostile/`.
fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cases"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split(" ¦ ").collect();
            let [name, code, expect, command, recipe] = fields[..] else {
                panic!(
                    "{}:{}: expected 5 fields, got {}",
                    file.display(),
                    i + 1,
                    fields.len()
                );
            };
            let mut args: Vec<String> = command.split(' ').map(str::to_string).collect();
            let stdout = match args.last() {
                Some(a) if a.starts_with('>') => args.pop().map(|a| a[1..].to_string()),
                _ => None,
            };
            let stdin = match args.last() {
                Some(a) if a.starts_with('<') => args.pop().map(|a| a[1..].to_string()),
                _ => None,
            };
            out.push(Case {
                name: name.trim().to_string(),
                code: code.trim().parse().expect("an exit code"),
                expect: expect.to_string(),
                args,
                stdin,
                stdout,
                input: expand(recipe),
            });
        }
    }
    out
}

/// What one run did.
struct Run {
    code: i32,
    output: String,
    output_bytes: u64,
    elapsed: Duration,
}

/// Runs one case in `dir` under the memory cap and the guard.
fn run(case: &Case, dir: &Path) -> Run {
    let file = format!("{}.in", case.name);
    let second = format!("{}.in2", case.name);
    let (first_text, second_text) = case.input.split_once('§').unwrap_or((&case.input, ""));
    std::fs::write(dir.join(&file), first_text).unwrap();
    std::fs::write(dir.join(&second), second_text).unwrap();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{in2}", &second).replace("{in}", &file))
        .collect();
    let stdin = match case.stdin.as_deref().map(|s| s.replace("{in}", &file)) {
        Some(path) => Stdio::from(File::open(dir.join(path)).unwrap()),
        None => Stdio::null(),
    };
    let (out_path, err_path) = (
        dir.join(format!("{}.out", case.name)),
        dir.join(format!("{}.err", case.name)),
    );
    let start = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_netform"))
        .args(&args)
        .current_dir(dir)
        .stdin(stdin)
        .stdout(match &case.stdout {
            Some(path) => std::fs::OpenOptions::new().write(true).open(path).unwrap(),
            None => File::create(&out_path).unwrap(),
        })
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("netform runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > GUARD {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "{}: netform {args:?} ran for more than {GUARD:?}",
                case.name
            );
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = start.elapsed();
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let output_bytes = size(&out_path) + size(&err_path);
    let head = |path: &Path| {
        let bytes = std::fs::read(path).unwrap_or_default();
        String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 20)]).into_owned()
    };
    let output = format!("{}{}", head(&err_path), head(&out_path));
    for path in [&out_path, &err_path, &dir.join(&file), &dir.join(&second)] {
        let _ = std::fs::remove_file(path);
    }
    let code = status.code().unwrap_or_else(|| {
        panic!(
            "{}: netform {args:?} was killed by a signal ({status}):\n{}",
            case.name,
            short(&output)
        )
    });
    Run {
        code,
        output,
        output_bytes,
        elapsed,
    }
}

/// The first lines of an output, for failure messages.
fn short(text: &str) -> String {
    text.lines()
        .take(20)
        .map(|l| l.chars().take(200).collect::<String>() + "\n")
        .collect()
}

#[test]
fn hostile_cases() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-cases");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = cases();
    let files = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile"))
        .unwrap()
        .count();
    assert!(
        cases.len() + files >= 150,
        "the hostile corpus has only {} cases and {files} files",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut times = Vec::new();
    for case in &cases {
        let r = run(case, &dir);
        let limit = match case.args.first().map(String::as_str) {
            Some("check") => OUTPUT_PER_INPUT_BYTE * case.input.len() as u64 + (64 << 10),
            _ => u64::MAX,
        };
        if r.code != case.code || !r.output.contains(&case.expect) || r.output_bytes > limit {
            failures.push(format!(
                "{}: netform {} exited with {} (expected {}), wrote {} bytes (at most {limit}), expected to find {:?} in:\n{}",
                case.name,
                case.args.join(" "),
                r.code,
                case.code,
                r.output_bytes,
                case.expect,
                short(&r.output)
            ));
        }
        times.push((r.elapsed, case.name.as_str()));
    }
    times.sort_by(|a, b| b.cmp(a));
    for (t, name) in times.iter().take(5) {
        eprintln!("{:>8.3} s  {name}", t.as_secs_f64());
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn recipes_expand() {
    assert_eq!(expand("y = x{*3:^T*}⏎"), "y = x^T^T^T\n");
    assert_eq!(expand("{*2:w_@ = w_#⏎*}end"), "w_2 = w_1\nw_3 = w_2\nend");
}
