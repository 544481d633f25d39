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
Exit code 1 when there is an error-level finding."
)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    input: Input,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
}

/// The output formats of `check`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum CheckFormat {
    /// The findings with their source lines and carets, then a summary line
    Text,
    /// An array of findings: code, severity, line, column, message, fix
    Json,
}

pub(crate) fn check(args: CheckArgs) -> Result<String, Reported> {
    let (name, text) = input_text(&args.input)?;
    let report = netform::check::check(&text);
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
