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
with a right side that disagrees once definitions are substituted, starts the next network. \
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
    let options = netform::check::Options {
        ignore: args.ignore.clone(),
    };
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
