//! `netform check`: notation mistakes in a document.

use crate::*;

/// `netform check`: the findings go to stdout, since they are the output.
#[derive(Args)]
#[command(
    after_help = "Reads the math of a Markdown, LaTeX or plain-text document (between $…$, $$…$$, \\[…\\], \\(…\\) or in \
equation environments; a file without delimiters is all equations) and reports, with line, column and a caret: \
indices and primes against the book's convention, missing, extra and duplicated terms, left sides that do not match \
their row, undefined and redefined units, chained equalities that do not hold, unbalanced environments and \
\\left/\\right, text damaged by copy-paste (`oldsymbol{eta}`), and mixed spellings (info). \
A document's equations are checked network by network: a block restating a unit in another section, or \
with a right side that disagrees once definitions are substituted, starts the next network; a ψ form whose ψ \
only the prose defines, after the θ′φ substitution it renames, is a note listing the ψ definitions. \
The last line says how many math blocks were analysed and lists each block skipped, with the reason. \
Exit code 1 when there is an error-level finding."
)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    input: Input,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// Silence every finding with this code (repeatable); a `% netform-ignore CODE` comment silences one
    /// finding on the next equation. Silenced findings are counted in the coverage line
    #[arg(long, value_name = "CODE")]
    ignore: Vec<String>,
    /// Settings from this TOML file (`ignore = ["CODE", …]`) instead of the `netform.toml` in the
    /// document's directory, which is read when present (never for standard input)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// The output formats of `check`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum CheckFormat {
    /// The findings with their source lines and carets, then a summary line
    Text,
    /// An object: findings (code, severity, line, column, message, fix), analysed, skipped ({line, reason}), silenced
    Json,
}

pub(crate) fn check(args: CheckArgs) -> Result<String, Reported> {
    let (name, text) = input_text(&args.input)?;
    let mut ignore = Vec::new();
    for code in &args.ignore {
        if let Some(d) = netform::check::config::unknown_code(code) {
            emit("--ignore", "", &[d]);
            return Err(Reported);
        }
        ignore.push(code.clone());
    }
    if let Some(config) = config(&args)? {
        ignore.extend(config.ignore);
    }
    let options = netform::check::Options { ignore };
    let report = netform::check::check_with(&text, &options);
    let out = match args.format {
        CheckFormat::Text => report.render(&name, &text, std::io::stdout().is_terminal()),
        CheckFormat::Json => format!("{:#}\n", report.to_json(&text)),
    };
    if !report.has_errors() {
        return Ok(out);
    }
    // The findings are written here because the exit code is 1 either way;
    // a failed write is still said, as `main` says it for other commands.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
        }
        _ => {}
    }
    Err(Reported)
}

/// The settings of `--config FILE`, or of the `netform.toml` beside a
/// document read from a file; `None` when there are none.
fn config(args: &CheckArgs) -> Result<Option<netform::check::config::Config>, Reported> {
    use netform::check::config;
    let path = match (&args.config, &args.input.file) {
        (Some(path), _) => path.clone(),
        (None, Some(file)) if args.input.example.is_none() && file.as_os_str() != "-" => {
            let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
            let beside = dir
                .unwrap_or(std::path::Path::new("."))
                .join(config::FILE_NAME);
            if !beside.is_file() {
                return Ok(None);
            }
            beside
        }
        _ => return Ok(None),
    };
    let (name, text) = read_text(&path)?;
    report(config::parse(&text).map_err(|d| vec![d]), &name, &text).map(Some)
}
