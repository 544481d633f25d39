//! The `netform` command line: read, call the library, print.

/// mimalloc rather than the system allocator: netform allocates a small
/// object per term, and reading or converting a large network spends a third
/// of its time in `malloc` and `free` otherwise.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use netform::agreement::{disagreement, Agree, AllForms};
use netform::analysis::domain;
use netform::diagnostic::{self, Diagnostic};
use netform::eval::{Activation, Bindings, Compiled};
use netform::examples::{self, Example};
use netform::network::Network;
use netform::render::{self, Form, FormOptions, Format, WriteError};
use netform::rewrite::arch;
use netform::syntax::{self, Assignment};
use num_rational::BigRational;
use num_traits::ToPrimitive;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod cli;
use cli::check::{check, CheckArgs};
use cli::compose::{compose, ComposeArgs};
use cli::convert::{convert, ConvertArgs};
use cli::count::{bound, count, regions, BoundArgs, CountArgs, RegionsArgs};
use cli::eval::{eval, EvalArgs};
use cli::plot::{diagram, plot, DiagramArgs, PlotArgs};

/// Read, rewrite, evaluate and typeset deep-network notation as the book
/// *Understanding Deep Learning* and its slides write it.
#[derive(Parser)]
#[command(name = "netform", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The most digits of an exact number netform may make: products, sums, evaluation, regions
    #[arg(long, global = true, value_name = "N", default_value_t = netform::expr::Budget::DEFAULT.max_digits)]
    max_digits: u64,
    /// The largest polynomial a product may produce, counting terms and their factors
    #[arg(long, global = true, value_name = "N", default_value_t = netform::expr::Budget::DEFAULT.max_terms)]
    max_product_size: u64,
    /// The most linear pieces (one input) or cells (two inputs) regions and plot may find
    #[arg(long, global = true, value_name = "N", default_value_t = netform::expr::Budget::DEFAULT.max_pieces)]
    max_pieces: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite a network into a form, printed in a format
    Convert(ConvertArgs),
    /// Evaluate a network's outputs at given inputs, exactly (or in f64 with --float)
    Eval(EvalArgs),
    /// Compose networks: the outputs of each feed the inputs of the next; shows every step
    Compose(ComposeArgs),
    /// Count a network's parameters, per layer, with the formula
    Count(CountArgs),
    /// The maximum number of linear regions of an architecture, by every known formula
    Bound(BoundArgs),
    /// The exact linear regions of a network with one or two inputs
    Regions(RegionsArgs),
    /// Report notation mistakes in a network file or a whole document (Markdown, LaTeX, plain text)
    Check(CheckArgs),
    /// List the bundled examples that --example takes
    Examples,
    /// Draw a network's function exactly: curves for one input, regions and a heat map for two; or regions per parameter (SVG or PGFPlots)
    Plot(PlotArgs),
    /// Draw the network as neurons in layers with every connection (TikZ or SVG)
    Diagram(DiagramArgs),
}

/// Where the network comes from.
#[derive(Args)]
struct Input {
    /// The network: a file, or `-` for standard input
    #[arg(
        value_name = "IN",
        required_unless_present = "example",
        conflicts_with = "example"
    )]
    file: Option<PathBuf>,
    /// Use a bundled example instead of a file (see `netform examples`)
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(examples::EXAMPLES.iter().map(|e| e.name)))]
    example: Option<String>,
    /// Which network of a document that holds several (1-based; the error
    /// for such a document lists them)
    #[arg(long, value_name = "N")]
    network: Option<usize>,
}

/// The output formats.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// For terminals: `h₁ = a[θ₁₀ + θ₁₁x]`
    Unicode,
    /// For slides: `h_{1} &= \mathrm{a}[\theta_{10} + \theta_{11}x]` in align*
    Latex,
    /// Plain ASCII: `h_1 = a[theta_10 + theta_11 x]`
    Ascii,
    /// For scripts: the network as JSON (schema in README)
    Json,
}

fn parse_activation(s: &str) -> Result<Activation, String> {
    s.parse()
}

/// A failure already reported on stderr.
struct Reported;

fn main() -> ExitCode {
    let cli = Cli::parse();
    netform::expr::Budget {
        max_terms: cli.max_product_size,
        max_digits: cli.max_digits,
        max_pieces: cli.max_pieces,
    }
    .set();
    let mut stdout = io::stdout().lock();
    match run(cli.command, &mut stdout).map(|w| w.and_then(|()| stdout.flush())) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
        Err(Reported) => ExitCode::from(1),
    }
}

/// Runs a command, writing its output to `stdout`. The outer result is the
/// command's failure (already reported), the inner one the failure to write.
fn run(command: Command, stdout: &mut dyn Write) -> Result<io::Result<()>, Reported> {
    let out = match command {
        // `convert` writes as it goes: its output can be too large to hold.
        Command::Convert(args) => return convert(args, stdout),
        Command::Eval(args) => eval(args),
        Command::Compose(args) => compose(args),
        Command::Count(args) => count(args),
        Command::Bound(args) => bound(args),
        Command::Regions(args) => regions(args),
        Command::Check(args) => check(args),
        Command::Examples => list_examples(),
        Command::Plot(args) => plot(args),
        Command::Diagram(args) => diagram(args),
    }?;
    Ok(stdout.write_all(out.as_bytes()))
}

fn list_examples() -> Result<String, Reported> {
    let width = examples::EXAMPLES
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(0);
    Ok(examples::EXAMPLES
        .iter()
        .map(|e| format!("{:width$}  {}\n", e.name, e.summary))
        .collect())
}

fn format_of(f: FormatArg) -> Format {
    match f {
        FormatArg::Unicode => Format::Unicode,
        FormatArg::Latex => Format::Latex,
        FormatArg::Ascii => Format::Ascii,
        FormatArg::Json => Format::Json,
    }
}

/// Reads the network named on the command line.
/// Reads the network of an input.
///
/// The network is never freed: the process ends soon after the command that
/// reads it, and freeing a large network piece by piece takes as long as a
/// tenth of reading it.
fn load_network(input: &Input) -> Result<std::mem::ManuallyDrop<Network>, Reported> {
    let (name, text) = input_text(input)?;
    match netform::read::network_in(&text, input.network) {
        Ok((network, notes)) => {
            emit(&name, &text, &notes);
            Ok(std::mem::ManuallyDrop::new(network))
        }
        Err(failure) => {
            let source = failure.text.as_deref().unwrap_or(&text);
            emit(&name, source, &failure.diagnostics);
            Err(Reported)
        }
    }
}

/// The name and text of the input: a file, stdin or a bundled example.
fn input_text(input: &Input) -> Result<(String, String), Reported> {
    if let Some(e) = input.example.as_deref().and_then(examples::find) {
        return Ok((format!("example {}", e.name), e.source.to_string()));
    }
    let path = input.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    read_text(&path)
}

/// Reads a file (or stdin for `-`) as UTF-8 text, reporting why it cannot.
fn read_text(path: &PathBuf) -> Result<(String, String), Reported> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let limit = netform::read::MAX_INPUT_BYTES;
    let bytes = if path.as_os_str() == "-" {
        cli::read_limited(&mut std::io::stdin().lock(), limit, None)
    } else if path.is_dir() {
        eprintln!("error: cannot read `{name}`: it is a directory, not a file");
        return Err(Reported);
    } else {
        std::fs::File::open(path).and_then(|mut f| {
            let expected = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            cli::read_limited(&mut f, limit, expected)
        })
    };
    let bytes = bytes.map_err(|e| {
        eprintln!("error: cannot read `{name}`: {e}");
        Reported
    })?;
    // The text is the bytes, after any byte-order mark: kept in their
    // buffer, not copied (a 100 MB input stays 100 MB), and checked once.
    match netform::read::decode_owned(bytes) {
        Ok(text) => Ok((name, text)),
        Err(failed) => {
            emit(
                &name,
                &String::from_utf8_lossy(&failed.bytes),
                &[failed.diagnostic],
            );
            Err(Reported)
        }
    }
}

fn load_bindings(
    network: &Network,
    input: &Input,
    params: Option<&PathBuf>,
) -> Result<Bindings, Reported> {
    let (name, text) = parameter_text(input, params)?;
    let assignments: Vec<Assignment> = report(syntax::parse_values(&text), &name, &text)?;
    let (bindings, warnings) = report(Bindings::new(network, &assignments), &name, &text)?;
    emit(&name, &text, &warnings);
    Ok(bindings)
}

/// [`load_bindings`] in `f64`: defined parameters are computed in `f64`, so
/// `--float` never makes an exact number.
fn load_approximate(
    network: &Network,
    input: &Input,
    params: Option<&PathBuf>,
) -> Result<netform::eval::Approximate, Reported> {
    let (name, text) = parameter_text(input, params)?;
    let assignments: Vec<Assignment> = report(syntax::parse_values(&text), &name, &text)?;
    let (values, warnings) = report(
        netform::eval::Approximate::new(network, &assignments),
        &name,
        &text,
    )?;
    emit(&name, &text, &warnings);
    Ok(values)
}

/// The parameter file's name and text: `--params`, or the example's values.
fn parameter_text(input: &Input, params: Option<&PathBuf>) -> Result<(String, String), Reported> {
    let example: Option<&Example> = input.example.as_deref().and_then(examples::find);
    match (params, example) {
        (Some(path), _) => read_text(path),
        (None, Some(e)) => Ok((
            format!("example {} parameters", e.name),
            e.params.to_string(),
        )),
        (None, None) => {
            eprintln!("error: no parameter values: give --params FILE (lines `name = value`, or a JSON object)");
            Err(Reported)
        }
    }
}

/// Prints the diagnostics of a failed step and turns the failure into [`Reported`].
fn report<T>(result: Result<T, Vec<Diagnostic>>, name: &str, source: &str) -> Result<T, Reported> {
    result.map_err(|diagnostics| {
        emit(name, source, &diagnostics);
        Reported
    })
}

fn emit(name: &str, source: &str, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal();
    eprint!("{}", diagnostic::render(name, source, diagnostics, color));
}

/// The output formats of the counting commands.
#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// A report for terminals
    Text,
    /// JSON for scripts (exact numbers as decimal strings)
    Json,
}

/// A fully connected architecture: input size, hidden widths, output size.
#[derive(Clone, Debug)]
struct Arch(Vec<usize>);

/// Reads `1,10,10,1` (commas or `x` between widths).
fn parse_arch(s: &str) -> Result<Arch, String> {
    s.split([',', 'x', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.trim().parse::<usize>().map_err(|_| {
                format!("`{p}` is not a width: write the widths as whole numbers, e.g. 1,10,10,1")
            })
        })
        .collect::<Result<Vec<usize>, String>>()
        .and_then(|widths| match widths.iter().position(|&w| w == 0) {
            Some(i) => Err(format!(
                "size {} is 0: every layer needs at least one unit",
                i + 1
            )),
            None if widths.len() < 2 => Err(
                "an architecture needs at least an input size and an output size, e.g. 1,3,1"
                    .into(),
            ),
            None => Ok(Arch(widths)),
        })
}

/// Prints a report in text or pretty JSON.
fn report_text(
    format: ReportFormat,
    text: impl FnOnce() -> String,
    json: impl FnOnce() -> serde_json::Value,
) -> String {
    match format {
        ReportFormat::Text => text(),
        ReportFormat::Json => {
            let mut out = serde_json::to_string_pretty(&json()).unwrap_or_default();
            out.push('\n');
            out
        }
    }
}

/// Prints a refusal from the analysis library.
fn refused<T>(result: Result<T, Diagnostic>, name: &str, source: &str) -> Result<T, Reported> {
    result.map_err(|d| {
        emit(name, source, &[d]);
        Reported
    })
}
