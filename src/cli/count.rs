//! `netform count`, `bound` and `regions`: the counting commands.

use crate::*;

/// A network given as a file, an example, or an architecture.
#[derive(Args)]
pub(crate) struct CountArgs {
    /// The network: a file, or `-` for standard input
    #[arg(value_name = "IN", conflicts_with_all = ["example", "arch"])]
    file: Option<PathBuf>,
    /// Use a bundled example instead of a file (see `netform examples`)
    #[arg(long, value_name = "NAME", conflicts_with = "arch", value_parser = clap::builder::PossibleValuesParser::new(examples::EXAMPLES.iter().map(|e| e.name)))]
    example: Option<String>,
    /// Which network of a document that holds several (1-based)
    #[arg(long, value_name = "N")]
    network: Option<usize>,
    /// A fully connected architecture instead: input size, hidden widths, output size (e.g. 1,10,10,1)
    #[arg(long, value_name = "WIDTHS", value_parser = parse_arch)]
    arch: Option<Arch>,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

#[derive(Args)]
pub(crate) struct BoundArgs {
    /// The architecture: input size, hidden widths, output size (e.g. 1,10,10,10,10,10,1)
    #[arg(long, value_name = "WIDTHS", value_parser = parse_arch, required = true)]
    arch: Arch,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

#[derive(Args)]
pub(crate) struct RegionsArgs {
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

pub(crate) fn count(args: CountArgs) -> Result<String, Reported> {
    use netform::analysis::params::Count;
    let count = match &args.arch {
        Some(arch) => refused(Count::of_arch(&arch.0), "--arch", "")?,
        None => {
            let input = Input {
                file: args.file.clone(),
                example: args.example.clone(),
                network: args.network,
            };
            let network = load_network(&input)?;
            Count::of_network(&network)
        }
    };
    Ok(report_text(
        args.format,
        || count.to_string(),
        || count.to_json(),
    ))
}

pub(crate) fn bound(args: BoundArgs) -> Result<String, Reported> {
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

pub(crate) fn regions(args: RegionsArgs) -> Result<String, Reported> {
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
