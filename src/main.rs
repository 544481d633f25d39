//! The `netform` command line: read, call the library, print.

use clap::{Args, Parser, Subcommand, ValueEnum};
use netform::agreement::{disagreement, Agree, AllForms};
use netform::analysis::domain;
use netform::diagnostic::{self, Diagnostic};
use netform::eval::{Activation, Bindings, Compiled};
use netform::examples::{self, Example};
use netform::network::Network;
use netform::render::{self, Form, FormOptions, Format};
use netform::rewrite::arch;
use netform::syntax::{self, Assignment};
use num_rational::BigRational;
use num_traits::ToPrimitive;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Read, rewrite, evaluate and typeset deep-network notation as the book
/// *Understanding Deep Learning* and its slides write it.
#[derive(Parser)]
#[command(name = "netform", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

/// Where `convert` takes the network from: a file, an example, or an
/// architecture.
#[derive(Args)]
#[group(required = true, multiple = false)]
struct ConvertSource {
    /// The network: a file, or `-` for standard input
    #[arg(value_name = "IN")]
    file: Option<PathBuf>,
    /// Use a bundled example instead of a file (see `netform examples`)
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(examples::EXAMPLES.iter().map(|e| e.name)))]
    example: Option<String>,
    /// The fully connected network of an architecture: inputs, hidden widths…, outputs, e.g. 1,3,3,1
    #[arg(long, value_name = "WIDTHS", value_delimiter = ',', num_args = 1..)]
    arch: Option<Vec<usize>>,
}

#[derive(Args)]
struct ConvertArgs {
    #[command(flatten)]
    source: ConvertSource,
    /// The form to write: scalar, matrix (vectors named after the letters), general (β/Ω) or nested
    #[arg(long, value_enum, default_value = "scalar")]
    to: Form,
    /// With --to matrix: write every vector and matrix entry by entry
    #[arg(long)]
    explicit: bool,
    /// Elide matrices and sums of more than four entries with ⋯ ⋮ ⋱ (not JSON)
    #[arg(long)]
    elide: bool,
    /// With --format latex: a Beamer frame (with --standalone, a whole Beamer document)
    #[arg(long)]
    beamer: bool,
    /// With --to nested: refuse a nested equation estimated to have more terms than this
    #[arg(long, value_name = "N", default_value_t = netform::rewrite::nested::DEFAULT_MAX_TERMS)]
    max_terms: u128,
    /// The output format
    #[arg(long, value_enum, default_value = "unicode")]
    format: FormatArg,
    /// Break equations longer than this many characters at a top-level `+`
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
    width: u16,
    /// With --format latex: a complete document that compiles with pdflatex
    #[arg(long)]
    standalone: bool,
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

/// The output formats of `eval`.
#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    /// One line per point
    Text,
    /// An array with one object per point; exact values as strings
    Json,
}

#[derive(Args)]
struct EvalArgs {
    #[command(flatten)]
    input: Input,
    /// Parameter values: lines `name = value` or a JSON object (default with --example: its bundled values)
    #[arg(long, value_name = "P")]
    params: Option<PathBuf>,
    /// A point to evaluate at, e.g. `x=1/2` or "x_1=1, x_2=-1/2"; repeat for more points
    #[arg(long, value_name = "POINT", required = true)]
    at: Vec<String>,
    /// Evaluate in f64 instead of exact rationals (results are labelled as approximate)
    #[arg(long)]
    float: bool,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
    /// What a[·] computes: relu, identity, leaky-relu (slope 1/100) or leaky-relu:SLOPE (exact, e.g. 1/10)
    #[arg(long, default_value = "relu", value_parser = parse_activation)]
    activation: Activation,
    /// Evaluate the scalar, matrix and nested forms independently; exit 1 if any two disagree
    #[arg(long)]
    all_forms: bool,
    /// With --all-forms: refuse a nested equation estimated to have more terms than this
    #[arg(long, value_name = "N", default_value_t = netform::rewrite::nested::DEFAULT_MAX_TERMS)]
    max_terms: u128,
}

fn parse_activation(s: &str) -> Result<Activation, String> {
    s.parse()
}

/// A failure already reported on stderr.
struct Reported;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(args) => convert(args),
        Command::Eval(args) => eval(args),
        Command::Compose(args) => compose(args),
        Command::Count(args) => count(args),
        Command::Bound(args) => bound(args),
        Command::Regions(args) => regions(args),
        Command::Check(args) => check(args),
        Command::Examples => list_examples(),
        Command::Plot(args) => plot(args),
        Command::Diagram(args) => diagram(args),
    };
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(Reported) => ExitCode::from(1),
    }
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

fn convert(args: ConvertArgs) -> Result<String, Reported> {
    let network = match &args.source.arch {
        Some(widths) => arch::network(widths).map_err(|e| {
            eprintln!("error: bad --arch: {e}");
            Reported
        })?,
        None => load_network(&Input {
            file: args.source.file.clone(),
            example: args.source.example.clone(),
        })?,
    };
    let options = render::Options {
        format: format_of(args.format),
        width: args.width as usize,
        standalone: args.standalone,
    };
    let form = FormOptions {
        form: args.to,
        explicit: args.explicit,
        elide: args.elide,
        beamer: args.beamer,
        max_terms: args.max_terms,
    };
    render::form(&network, &options, &form).map_err(|e| {
        eprintln!("error: {e}");
        Reported
    })
}

fn format_of(f: FormatArg) -> Format {
    match f {
        FormatArg::Unicode => Format::Unicode,
        FormatArg::Latex => Format::Latex,
        FormatArg::Ascii => Format::Ascii,
        FormatArg::Json => Format::Json,
    }
}

fn eval(args: EvalArgs) -> Result<String, Reported> {
    let network = load_network(&args.input)?;
    let bindings = load_bindings(&network, &args.input, args.params.as_ref())?;
    let mut points = Vec::with_capacity(args.at.len());
    for at in &args.at {
        let assignments = report(syntax::parse_values(at), "--at", at)?;
        points.push(report(
            netform::eval::input_values(&network, &assignments),
            "--at",
            at,
        )?);
    }
    if args.all_forms {
        return if args.float {
            let points: Vec<Vec<f64>> = points
                .iter()
                .map(|p| p.iter().map(|v| v.to_f64().unwrap_or(f64::NAN)).collect())
                .collect();
            all_forms(&network, &bindings, &points, &args)
        } else {
            all_forms(&network, &bindings, &points, &args)
        };
    }
    let results: Vec<Vec<String>> = if args.float {
        let compiled = Compiled::<f64>::new(&network, &bindings, args.activation.clone());
        points
            .iter()
            .map(|p| {
                let xs: Vec<f64> = p.iter().map(|v| v.to_f64().unwrap_or(f64::NAN)).collect();
                compiled
                    .outputs(&xs)
                    .iter()
                    .map(|v| format!("{v}"))
                    .collect()
            })
            .collect()
    } else {
        let compiled = Compiled::<BigRational>::new(&network, &bindings, args.activation.clone());
        points
            .iter()
            .map(|p| compiled.outputs(p).iter().map(|v| v.to_string()).collect())
            .collect()
    };
    Ok(match args.format {
        EvalFormat::Text => eval_text(&network, &points, &results, args.float),
        EvalFormat::Json => eval_json(&network, &points, &results, args.float),
    })
}

/// `eval --all-forms`: every form's outputs at every point; on a
/// disagreement, the values on stdout, a report on stderr, and exit 1.
fn all_forms<S: Agree + std::fmt::Display>(
    network: &Network,
    bindings: &Bindings,
    points: &[Vec<S>],
    args: &EvalArgs,
) -> Result<String, Reported> {
    let forms = AllForms::<S>::new(network, bindings, args.activation.clone(), args.max_terms)
        .map_err(|e| {
            eprintln!("error: {e}");
            Reported
        })?;
    if !forms.has_matrix_form() {
        eprintln!("note: the network has no matrix form (a unit reads a layer other than the one just before it); comparing the scalar and nested forms");
    }
    let show = |v: &S| {
        if args.float {
            format!("≈ {v} (f64)")
        } else {
            format!("= {}", with_decimal(&v.to_string()))
        }
    };
    let name = |s| render::symbol(&network.symbols, s, Format::Unicode);
    let mut text = String::new();
    let mut json = Vec::with_capacity(points.len());
    let mut failure = None;
    for point in points {
        let values = forms.evaluate(point);
        let at = network
            .inputs
            .iter()
            .zip(point)
            .map(|(&x, v)| format!("{} = {v}", name(x)))
            .collect::<Vec<_>>()
            .join(", ");
        text.push_str(&format!("{at}:\n"));
        let mut by_form = serde_json::Map::new();
        for (form, outputs) in &values {
            let shown: Vec<String> = network
                .outputs
                .iter()
                .zip(outputs)
                .map(|(&o, v)| format!("{} {}", name(o), show(v)))
                .collect();
            text.push_str(&format!("  {:<7} {}\n", form.name(), shown.join(", ")));
            let object: serde_json::Map<String, serde_json::Value> = network
                .outputs
                .iter()
                .zip(outputs)
                .map(|(&o, v)| (network.symbols[o].to_string(), v.to_string().into()))
                .collect();
            by_form.insert(form.name().into(), object.into());
        }
        let disagreement = disagreement(&values);
        let mut object = serde_json::Map::new();
        object.insert("inputs".into(), json_inputs(network, point).into());
        object.insert("forms".into(), by_form.into());
        object.insert("agree".into(), disagreement.is_none().into());
        if args.float {
            object.insert("float".into(), true.into());
        }
        json.push(serde_json::Value::from(object));
        if failure.is_none() {
            failure = disagreement.map(|d| {
                let output = name(network.outputs[d.output]);
                format!(
                    "the forms disagree at {at}: {output} {} in the {} form but {} in the {} form",
                    show(&d.first.1),
                    d.first.0.name(),
                    show(&d.second.1),
                    d.second.0.name()
                )
            });
        }
    }
    let out = match args.format {
        EvalFormat::Text => text,
        EvalFormat::Json => serde_json::to_string_pretty(&json).unwrap_or_default() + "\n",
    };
    match failure {
        None => Ok(out),
        Some(report) => {
            print!("{out}");
            eprintln!("error: {report}");
            Err(Reported)
        }
    }
}

/// A point's inputs as a JSON object of exact strings (or f64 text).
fn json_inputs<S: std::fmt::Display>(
    network: &Network,
    point: &[S],
) -> serde_json::Map<String, serde_json::Value> {
    network
        .inputs
        .iter()
        .zip(point)
        .map(|(&x, v)| (network.symbols[x].to_string(), v.to_string().into()))
        .collect()
}

fn eval_text(
    network: &Network,
    points: &[Vec<BigRational>],
    results: &[Vec<String>],
    float: bool,
) -> String {
    let name = |s| render::symbol(&network.symbols, s, Format::Unicode);
    let mut out = String::new();
    for (point, values) in points.iter().zip(results) {
        let inputs: Vec<String> = network
            .inputs
            .iter()
            .zip(point)
            .map(|(&s, v)| format!("{} = {}", name(s), v))
            .collect();
        let outputs: Vec<String> = network
            .outputs
            .iter()
            .zip(values)
            .map(|(&s, v)| {
                if float {
                    format!("{} ≈ {} (f64)", name(s), v)
                } else {
                    format!("{} = {}", name(s), with_decimal(v))
                }
            })
            .collect();
        out.push_str(&format!("{}:  {}\n", inputs.join(", "), outputs.join(", ")));
    }
    out
}

/// `7/12` becomes `7/12 ≈ 0.5833333333`; integers stay as they are.
fn with_decimal(exact: &str) -> String {
    match syntax::parse_number(exact).ok().filter(|r| !r.is_integer()) {
        Some(r) => format!(
            "{exact} ≈ {}",
            r.to_f64().map_or("?".into(), |f| format!("{f:.10}")
                .trim_end_matches('0')
                .to_string())
        ),
        None => exact.to_string(),
    }
}

fn eval_json(
    network: &Network,
    points: &[Vec<BigRational>],
    results: &[Vec<String>],
    float: bool,
) -> String {
    let name = |s: netform::symbol::Sym| network.symbols[s].to_string();
    let array: Vec<serde_json::Value> = points
        .iter()
        .zip(results)
        .map(|(point, values)| {
            let inputs: serde_json::Map<String, serde_json::Value> = network
                .inputs
                .iter()
                .zip(point)
                .map(|(&s, v)| (name(s), v.to_string().into()))
                .collect();
            let outputs: serde_json::Map<String, serde_json::Value> = network
                .outputs
                .iter()
                .zip(values)
                .map(|(&s, v)| {
                    let value = if float {
                        v.parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                            .map_or(serde_json::Value::Null, Into::into)
                    } else {
                        v.clone().into()
                    };
                    (name(s), value)
                })
                .collect();
            let mut object = serde_json::Map::new();
            object.insert("inputs".into(), inputs.into());
            object.insert("outputs".into(), outputs.into());
            if float {
                object.insert("float".into(), true.into());
            }
            object.into()
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&array).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads the network named on the command line.
fn load_network(input: &Input) -> Result<Network, Reported> {
    let (name, text) = input_text(input)?;
    netform::read::network(&text).map_err(|failure| {
        let source = failure.text.as_deref().unwrap_or(&text);
        emit(&name, source, &failure.diagnostics);
        Reported
    })
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
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else if path.is_dir() {
        eprintln!("error: cannot read `{name}`: it is a directory, not a file");
        return Err(Reported);
    } else {
        std::fs::read(path)
    };
    let bytes = bytes.map_err(|e| {
        eprintln!("error: cannot read `{name}`: {e}");
        Reported
    })?;
    match netform::read::decode(&bytes) {
        Ok(text) => Ok((name, text.to_string())),
        Err(d) => {
            emit(&name, &String::from_utf8_lossy(&bytes), &[d]);
            Err(Reported)
        }
    }
}

fn load_bindings(
    network: &Network,
    input: &Input,
    params: Option<&PathBuf>,
) -> Result<Bindings, Reported> {
    let example: Option<&Example> = input.example.as_deref().and_then(examples::find);
    let (name, text) = match (params, example) {
        (Some(path), _) => read_text(path)?,
        (None, Some(e)) => (
            format!("example {} parameters", e.name),
            e.params.to_string(),
        ),
        (None, None) => {
            eprintln!("error: no parameter values: give --params FILE (lines `name = value`, or a JSON object)");
            return Err(Reported);
        }
    };
    let assignments: Vec<Assignment> = report(syntax::parse_values(&text), &name, &text)?;
    let (bindings, warnings) = report(Bindings::new(network, &assignments), &name, &text)?;
    emit(&name, &text, &warnings);
    Ok(bindings)
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

/// A network given as a file, an example, or an architecture.
#[derive(Args)]
struct CountArgs {
    /// The network: a file, or `-` for standard input
    #[arg(value_name = "IN", conflicts_with_all = ["example", "arch"])]
    file: Option<PathBuf>,
    /// Use a bundled example instead of a file (see `netform examples`)
    #[arg(long, value_name = "NAME", conflicts_with = "arch", value_parser = clap::builder::PossibleValuesParser::new(examples::EXAMPLES.iter().map(|e| e.name)))]
    example: Option<String>,
    /// A fully connected architecture instead: input size, hidden widths, output size (e.g. 1,10,10,1)
    #[arg(long, value_name = "WIDTHS", value_parser = parse_arch)]
    arch: Option<Arch>,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

#[derive(Args)]
struct BoundArgs {
    /// The architecture: input size, hidden widths, output size (e.g. 1,10,10,10,10,10,1)
    #[arg(long, value_name = "WIDTHS", value_parser = parse_arch, required = true)]
    arch: Arch,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

#[derive(Args)]
struct RegionsArgs {
    #[command(flatten)]
    input: Input,
    /// Parameter values: lines `name = value` or a JSON object (default with --example: its bundled values)
    #[arg(long, value_name = "P")]
    params: Option<PathBuf>,
    /// The interval of the input, `-1,1`; for two inputs the box, "x_1=-1,1; x_2=-1,1" (default: -1,1 for each)
    #[arg(long, value_name = "DOMAIN", allow_hyphen_values = true)]
    domain: Option<String>,
    /// What a[·] computes: relu, identity, leaky-relu (slope 1/100) or leaky-relu:SLOPE
    #[arg(long, default_value = "relu", value_parser = parse_activation)]
    activation: Activation,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
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
        .map(Arch)
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

fn count(args: CountArgs) -> Result<String, Reported> {
    use netform::analysis::params::Count;
    let count = match &args.arch {
        Some(arch) => refused(Count::of_arch(&arch.0), "--arch", "")?,
        None => {
            let input = Input {
                file: args.file.clone(),
                example: args.example.clone(),
            };
            Count::of_network(&load_network(&input)?)
        }
    };
    Ok(report_text(
        args.format,
        || count.to_string(),
        || count.to_json(),
    ))
}

fn bound(args: BoundArgs) -> Result<String, Reported> {
    let bounds = refused(
        netform::analysis::bounds::Bounds::of_arch(&args.arch.0),
        "--arch",
        "",
    )?;
    Ok(report_text(
        args.format,
        || bounds.to_string(),
        || bounds.to_json(),
    ))
}

fn regions(args: RegionsArgs) -> Result<String, Reported> {
    let network = load_network(&args.input)?;
    let bindings = load_bindings(&network, &args.input, args.params.as_ref())?;
    let domain = args.domain.as_deref().unwrap_or("");
    if network.inputs.len() == 2 {
        let boxed = refused(domain::two_inputs(&network, domain), "--domain", domain)?;
        let r = refused(
            netform::analysis::regions2d::regions_2d(&network, &bindings, &args.activation, boxed),
            "--domain",
            domain,
        )?;
        return Ok(report_text(args.format, || r.to_string(), || r.to_json()));
    }
    let interval = if domain.is_empty() {
        None
    } else {
        Some(refused(domain::interval(domain), "--domain", domain)?)
    };
    let r = refused(
        netform::analysis::regions::regions_1d(&network, &bindings, &args.activation, interval),
        "--domain",
        domain,
    )?;
    Ok(report_text(args.format, || r.to_string(), || r.to_json()))
}

#[derive(Args)]
struct ComposeArgs {
    /// The networks, first to last: files, or `-` for standard input (once)
    #[arg(value_name = "NET", required_unless_present = "example")]
    files: Vec<PathBuf>,
    /// A bundled example as one of the networks, in order; repeat it (e.g. --example compose-first --example compose-second)
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(examples::EXAMPLES.iter().map(|e| e.name)))]
    example: Vec<String>,
    /// Which outputs feed which inputs, e.g. `y=y` or "y_1=x_1, y_2=x_2"; repeat for each composition (default: by name)
    #[arg(long, value_name = "OUT=IN")]
    feed: Vec<String>,
    /// Keep products of parameters as coefficients instead of naming them (ψ, or β/ω)
    #[arg(long)]
    no_collect: bool,
    /// The form of the networks as given and of the combined network (the substitution and the new parameters stay scalar)
    #[arg(long, value_enum, default_value = "scalar")]
    to: render::Form,
    /// With --to matrix: write every vector and matrix entry by entry
    #[arg(long)]
    explicit: bool,
    /// The steps to show, comma-separated: given, substitution, definitions, combined
    #[arg(long, value_name = "STEPS", default_value = "given,substitution,definitions,combined", value_parser = parse_steps)]
    steps: netform::rewrite::compose::Shown,
    /// The output format
    #[arg(long, value_enum, default_value = "unicode")]
    format: FormatArg,
    /// Break equations longer than this many characters at a top-level `+`
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
    width: u16,
    /// With --format latex: a complete document that compiles with pdflatex
    #[arg(long)]
    standalone: bool,
}

fn parse_steps(s: &str) -> Result<netform::rewrite::compose::Shown, String> {
    let mut shown = netform::rewrite::compose::Shown {
        given: false,
        substitution: false,
        definitions: false,
        combined: false,
    };
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "given" => shown.given = true,
            "substitution" => shown.substitution = true,
            "definitions" => shown.definitions = true,
            "combined" => shown.combined = true,
            "all" => shown = netform::rewrite::compose::Shown::default(),
            other => return Err(format!("unknown step `{other}`: expected given, substitution, definitions, combined or all")),
        }
    }
    Ok(shown)
}

fn compose(args: ComposeArgs) -> Result<String, Reported> {
    use netform::rewrite::compose::compose_chain;
    let mut networks = Vec::new();
    for name in &args.example {
        networks.push(load_network(&Input {
            file: None,
            example: Some(name.clone()),
        })?);
    }
    for file in &args.files {
        networks.push(load_network(&Input {
            file: Some(file.clone()),
            example: None,
        })?);
    }
    let feeds: Vec<Vec<(String, String)>> = args
        .feed
        .iter()
        .map(|f| netform::rewrite::compose::parse_feed(f))
        .collect::<Result<_, _>>()
        .map_err(|e| {
            eprintln!("error: {e}");
            Reported
        })?;
    let collect = !args.no_collect;
    let chain = compose_chain(&networks, &feeds, collect).map_err(|e| {
        eprintln!("error: {e}");
        Reported
    })?;
    let options = render::Options {
        format: format_of(args.format),
        width: args.width as usize,
        standalone: args.standalone,
    };
    let form = FormOptions {
        form: args.to,
        explicit: args.explicit,
        elide: false,
        beamer: false,
        max_terms: netform::rewrite::nested::DEFAULT_MAX_TERMS,
    };
    netform::rewrite::compose::print(&chain, args.steps, collect, &options, &form).map_err(|e| {
        eprintln!("error: {e}");
        Reported
    })
}

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
struct CheckArgs {
    #[command(flatten)]
    input: Input,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
}

/// The output formats of `check`.
#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// The findings with their source lines and carets, then a summary line
    Text,
    /// An array of findings: code, severity, line, column, message, fix
    Json,
}

fn check(args: CheckArgs) -> Result<String, Reported> {
    let (name, text) = input_text(&args.input)?;
    let report = netform::check::check(&text);
    let out = match args.format {
        CheckFormat::Text => report.render(&name, &text, std::io::stdout().is_terminal()),
        CheckFormat::Json => format!("{:#}\n", report.to_json(&text)),
    };
    if !report.has_errors() {
        return Ok(out);
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush());
    Err(Reported)
}

/// The picture formats of `plot`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PlotFormat {
    /// Self-contained SVG for browsers
    Svg,
    /// PGFPlots for LaTeX documents and Beamer frames
    Pgfplots,
}

#[derive(Args)]
struct PlotArgs {
    /// The network: a file, or `-` for standard input
    #[arg(value_name = "IN", conflicts_with = "example")]
    file: Option<PathBuf>,
    /// Use a bundled example instead of a file (see `netform examples`)
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(examples::EXAMPLES.iter().map(|e| e.name)))]
    example: Option<String>,
    /// Parameter values: lines `name = value` or a JSON object (default with --example: its bundled values)
    #[arg(long, value_name = "P")]
    params: Option<PathBuf>,
    /// The interval of the input drawn
    #[arg(
        long,
        value_name = "DOMAIN",
        default_value = "-1,1",
        allow_hyphen_values = true
    )]
    domain: String,
    /// What a[·] computes: relu, identity, leaky-relu (slope 1/100) or leaky-relu:SLOPE
    #[arg(long, default_value = "relu", value_parser = parse_activation)]
    activation: Activation,
    /// The picture format
    #[arg(long, value_enum, default_value = "svg")]
    format: PlotFormat,
    /// Wrap PGFPlots in a LaTeX document that compiles on its own
    #[arg(long)]
    standalone: bool,
    /// Add small multiples of every hidden unit, before and after the activation
    #[arg(long)]
    units: bool,
    /// Show NET1, NET2 and their composition side by side (files or example names; --params holds both networks' values)
    #[arg(long, num_args = 2, value_names = ["NET1", "NET2"], conflicts_with_all = ["file", "example", "units"])]
    compose: Option<Vec<String>>,
    /// Draw the maximum number of linear regions against the number of parameters (UDL Fig. 4.7) instead of a network
    #[arg(long, conflicts_with_all = ["file", "example", "units", "compose"])]
    bounds: bool,
    /// With --bounds: the number of inputs
    #[arg(long, value_name = "N", default_value_t = 1, requires = "bounds")]
    inputs: usize,
    /// With --bounds: the depths drawn, one curve each (e.g. 1,2,3,4,5)
    #[arg(long, value_name = "LIST", default_value = "1,2,3,4,5", value_parser = parse_counts, requires = "bounds")]
    depths: Counts,
    /// With --bounds: the widths of the hidden layers, a range 1..50 or a list 1,2,5
    #[arg(long, value_name = "RANGE", default_value = "1..50", value_parser = parse_counts, requires = "bounds")]
    widths: Counts,
}

/// A list of positive whole numbers.
#[derive(Clone, Debug)]
struct Counts(Vec<usize>);

/// Reads `1..50` (inclusive) or `1,2,3`.
fn parse_counts(s: &str) -> Result<Counts, String> {
    let number = |p: &str| {
        p.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("`{p}` is not a positive whole number"))
    };
    let list: Vec<usize> = match s.split_once("..") {
        Some((a, b)) => (number(a)?..=number(b)?).collect(),
        None => s.split(',').map(number).collect::<Result<_, _>>()?,
    };
    if list.is_empty() || list.len() > 1000 {
        return Err(format!("`{s}` should give between 1 and 1000 numbers"));
    }
    Ok(Counts(list))
}

fn plot(args: PlotArgs) -> Result<String, Reported> {
    if args.bounds {
        return plot_bounds(&args);
    }
    if let Some(pair) = &args.compose {
        return plot_compose(&args, pair);
    }
    if args.units {
        return plot_units(&args);
    }
    let input = Input {
        file: args.file.clone(),
        example: args.example.clone(),
    };
    let network = load_network(&input)?;
    let bindings = load_bindings(&network, &input, args.params.as_ref())?;
    if network.inputs.len() == 2 {
        return plot_plane(&args, &network, &bindings);
    }
    let domain = refused(domain::interval(&args.domain), "--domain", &args.domain)?;
    let r = refused(
        netform::analysis::regions::regions_1d(&network, &bindings, &args.activation, Some(domain)),
        "--domain",
        &args.domain,
    )?;
    let format = match args.format {
        PlotFormat::Svg => Format::Unicode,
        PlotFormat::Pgfplots => Format::Latex,
    };
    let Some(p) = netform::plot::Plot1d::new(&network, &r, format) else {
        eprintln!("error: no domain to draw");
        return Err(Reported);
    };
    Ok(match args.format {
        PlotFormat::Svg => netform::plot::svg::plot_1d(&p),
        PlotFormat::Pgfplots => {
            latex_picture(netform::plot::pgfplots::plot_1d(&p), args.standalone)
        }
    })
}

/// A LaTeX picture, wrapped in a document with `--standalone`.
fn latex_picture(picture: String, standalone: bool) -> String {
    if standalone {
        netform::plot::pgfplots::standalone(&picture)
    } else {
        picture
    }
}

/// The picture formats of `diagram`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagramFormat {
    /// TikZ for LaTeX documents and Beamer frames
    Tikz,
    /// Self-contained SVG for browsers
    Svg,
}

/// What labels the edges of a diagram.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LabelsArg {
    /// Each weight's parameter
    Symbols,
    /// Each weight's exact value (needs --params or --example)
    Values,
    /// No edge labels
    None,
}

#[derive(Args)]
struct DiagramArgs {
    #[command(flatten)]
    input: Input,
    /// Parameter values for --labels values: lines `name = value` or a JSON object
    #[arg(long, value_name = "P")]
    params: Option<PathBuf>,
    /// The picture format
    #[arg(long, value_enum, default_value = "tikz")]
    format: DiagramFormat,
    /// What labels the edges (default: values with --params, else symbols)
    #[arg(long, value_enum)]
    labels: Option<LabelsArg>,
    /// The most units a layer shows; wider layers are elided with a dots node
    #[arg(long, value_name = "N", default_value_t = 6)]
    max_width: usize,
    /// Wrap TikZ in a LaTeX document that compiles on its own
    #[arg(long)]
    standalone: bool,
}

fn diagram(args: DiagramArgs) -> Result<String, Reported> {
    use netform::plot::diagram::{Diagram, Labels, Style};
    let network = load_network(&args.input)?;
    let labels = match (args.labels, &args.params) {
        (Some(LabelsArg::Symbols), _) | (None, None) => Labels::Symbols,
        (Some(LabelsArg::Values), _) | (None, Some(_)) => Labels::Values,
        (Some(LabelsArg::None), _) => Labels::None,
    };
    let bindings = match labels {
        Labels::Values => Some(load_bindings(&network, &args.input, args.params.as_ref())?),
        _ => None,
    };
    let style = Style {
        format: match args.format {
            DiagramFormat::Tikz => Format::Latex,
            DiagramFormat::Svg => Format::Unicode,
        },
        labels,
        bindings: bindings.as_ref(),
        max_width: args.max_width,
    };
    let d = Diagram::new(&network, &style).map_err(|e| {
        eprintln!("error: cannot draw the network in layers: {}", e.reason);
        Reported
    })?;
    Ok(match args.format {
        DiagramFormat::Svg => d.svg(),
        DiagramFormat::Tikz => latex_picture(d.tikz(), args.standalone),
    })
}

/// The picture format's spelling of symbols.
fn plot_symbols(format: PlotFormat) -> Format {
    match format {
        PlotFormat::Svg => Format::Unicode,
        PlotFormat::Pgfplots => Format::Latex,
    }
}

/// Rows of panels in the chosen format.
fn plot_rows(args: &PlotArgs, rows: &[Vec<(String, netform::plot::Plot1d)>]) -> String {
    match args.format {
        PlotFormat::Svg => netform::plot::svg::rows(rows, 300.0, 220.0),
        PlotFormat::Pgfplots => latex_picture(
            netform::plot::pgfplots::rows(rows, 2.6, 1.8),
            args.standalone,
        ),
    }
}

/// `plot --units`: the outputs, then every hidden unit before and after a[·].
fn plot_units(args: &PlotArgs) -> Result<String, Reported> {
    let input = Input {
        file: args.file.clone(),
        example: args.example.clone(),
    };
    let network = load_network(&input)?;
    let bindings = load_bindings(&network, &input, args.params.as_ref())?;
    let domain = refused(domain::interval(&args.domain), "--domain", &args.domain)?;
    let format = plot_symbols(args.format);
    let rows = refused(
        netform::plot::panels::units(&network, &bindings, &args.activation, domain, format),
        "--units",
        "",
    )?;
    Ok(plot_rows(args, &rows))
}

/// Reads a network named by a file or an example, with the example's values.
fn named_network(name: &str) -> Result<(Network, String), Reported> {
    let input = match examples::find(name) {
        Some(_) => Input {
            file: None,
            example: Some(name.to_string()),
        },
        None => Input {
            file: Some(PathBuf::from(name)),
            example: None,
        },
    };
    let params = examples::find(name).map_or(String::new(), |e| e.params.to_string());
    Ok((load_network(&input)?, params))
}

/// Binds the values of `text` that name parameters of `network`.
fn bind_some(network: &Network, name: &str, text: &str) -> Result<Bindings, Reported> {
    let assignments: Vec<Assignment> = report(syntax::parse_values(text), name, text)?;
    Ok(report(Bindings::new(network, &assignments), name, text)?.0)
}

/// `plot --compose NET1 NET2`: the folding figure.
fn plot_compose(args: &PlotArgs, pair: &[String]) -> Result<String, Reported> {
    let [first, second] = pair else {
        eprintln!("error: --compose takes two networks");
        return Err(Reported);
    };
    let (n1, p1) = named_network(first)?;
    let (n2, p2) = named_network(second)?;
    let (name, values) = match &args.params {
        Some(path) => read_text(path)?,
        None => ("bundled parameters".to_string(), format!("{p1}\n{p2}")),
    };
    let composed = netform::rewrite::compose::compose(&n1, &n2, &Vec::new()).map_err(|e| {
        eprintln!("error: cannot compose: {e}");
        Reported
    })?;
    let n3 = composed.expanded;
    let b1 = bind_some(&n1, &name, &values)?;
    let b2 = bind_some(&n2, &name, &values)?;
    let b3 = bind_some(&n3, &name, &values)?;
    let domain = refused(domain::interval(&args.domain), "--domain", &args.domain)?;
    let panels = refused(
        netform::plot::panels::compose(
            [(&n1, &b1), (&n2, &b2), (&n3, &b3)],
            &args.activation,
            domain,
            plot_symbols(args.format),
        ),
        "--compose",
        "",
    )?;
    Ok(plot_rows(args, &[panels]))
}

/// `plot --bounds`: regions per parameter, one curve per depth.
fn plot_bounds(args: &PlotArgs) -> Result<String, Reported> {
    use netform::plot::bounds::{self, BoundsPlot};
    let figure = refused(
        BoundsPlot::new(args.inputs, &args.depths.0, &args.widths.0),
        "--bounds",
        "",
    )?;
    Ok(match args.format {
        PlotFormat::Svg => bounds::svg(&figure),
        PlotFormat::Pgfplots => latex_picture(bounds::pgfplots(&figure), args.standalone),
    })
}

/// `plot` for two inputs: the partition of the box and a heat map per output.
fn plot_plane(args: &PlotArgs, network: &Network, bindings: &Bindings) -> Result<String, Reported> {
    let text = args.domain.as_str();
    let boxed = if text.contains('=') {
        refused(domain::two_inputs(network, text), "--domain", text)?
    } else {
        let range = refused(domain::interval(text), "--domain", text)?;
        [range.clone(), range]
    };
    let r = refused(
        netform::analysis::regions2d::regions_2d(network, bindings, &args.activation, boxed),
        "--domain",
        text,
    )?;
    let format = plot_symbols(args.format);
    let spell = |s| render::symbol(&network.symbols, s, format);
    let inputs = [spell(network.inputs[0]), spell(network.inputs[1])];
    let outputs: Vec<String> = network.outputs.iter().map(|&o| spell(o)).collect();
    Ok(match args.format {
        PlotFormat::Svg => netform::plot::plane::svg(&r, &inputs, &outputs),
        PlotFormat::Pgfplots => latex_picture(
            netform::plot::plane::pgfplots(&r, &inputs, &outputs),
            args.standalone,
        ),
    })
}
