//! `netform plot` and `netform diagram`: pictures for slides.

use crate::*;

/// The picture formats of `plot`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PlotFormat {
    /// Self-contained SVG for browsers
    Svg,
    /// PGFPlots for LaTeX documents and Beamer frames
    Pgfplots,
}

#[derive(Args)]
pub(crate) struct PlotArgs {
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
pub(crate) struct Counts(Vec<usize>);

/// The most numbers `--depths` and `--widths` may give.
const MAX_COUNTS: usize = 1000;

/// Reads `1..50` (inclusive) or `1,2,3`, at most [`MAX_COUNTS`] numbers.
pub(crate) fn parse_counts(s: &str) -> Result<Counts, String> {
    let number = |p: &str| {
        p.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("`{p}` is not a positive whole number"))
    };
    let too_many = || format!("`{s}` should give between 1 and {MAX_COUNTS} numbers");
    let list: Vec<usize> = match s.split_once("..") {
        Some((a, b)) => {
            let (first, last) = (number(a)?, number(b)?);
            // Counted before collecting, so a range of 2^63 numbers is
            // refused without allocating it.
            if first > last || last - first >= MAX_COUNTS {
                return Err(too_many());
            }
            (first..=last).collect()
        }
        None => {
            if s.split(',').nth(MAX_COUNTS).is_some() {
                return Err(too_many());
            }
            s.split(',').map(number).collect::<Result<_, _>>()?
        }
    };
    if list.is_empty() {
        return Err(too_many());
    }
    Ok(Counts(list))
}

pub(crate) fn plot(args: PlotArgs) -> Result<String, Reported> {
    if args.standalone && matches!(args.format, PlotFormat::Svg) {
        super::usage("--standalone applies to --format pgfplots only");
    }
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
        network: None,
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
    if let Err(message) = p.drawable() {
        eprintln!("error: {message}");
        return Err(Reported);
    }
    Ok(match args.format {
        PlotFormat::Svg => netform::plot::svg::plot_1d(&p),
        PlotFormat::Pgfplots => {
            latex_picture(netform::plot::pgfplots::plot_1d(&p), args.standalone)
        }
    })
}

/// A LaTeX picture, wrapped in a document with `--standalone`.
pub(crate) fn latex_picture(picture: String, standalone: bool) -> String {
    if standalone {
        netform::plot::pgfplots::standalone(&picture)
    } else {
        picture
    }
}

/// The picture formats of `diagram`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagramFormat {
    /// TikZ for LaTeX documents and Beamer frames
    Tikz,
    /// Self-contained SVG for browsers
    Svg,
}

/// What labels the edges of a diagram.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LabelsArg {
    /// Each weight's parameter
    Symbols,
    /// Each weight's exact value (needs --params or --example)
    Values,
    /// No edge labels
    None,
}

#[derive(Args)]
pub(crate) struct DiagramArgs {
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

pub(crate) fn diagram(args: DiagramArgs) -> Result<String, Reported> {
    use netform::plot::diagram::{Diagram, Labels, Style};
    if args.standalone && matches!(args.format, DiagramFormat::Svg) {
        super::usage("--standalone applies to --format tikz only");
    }
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
pub(crate) fn plot_symbols(format: PlotFormat) -> Format {
    match format {
        PlotFormat::Svg => Format::Unicode,
        PlotFormat::Pgfplots => Format::Latex,
    }
}

/// Rows of panels in the chosen format.
pub(crate) fn plot_rows(args: &PlotArgs, rows: &[Vec<(String, netform::plot::Plot1d)>]) -> String {
    match args.format {
        PlotFormat::Svg => netform::plot::svg::rows(rows, 300.0, 220.0),
        PlotFormat::Pgfplots => latex_picture(
            netform::plot::pgfplots::rows(rows, 2.6, 1.8),
            args.standalone,
        ),
    }
}

/// `plot --units`: every hidden unit before and after a[·], then the outputs.
pub(crate) fn plot_units(args: &PlotArgs) -> Result<String, Reported> {
    let input = Input {
        file: args.file.clone(),
        example: args.example.clone(),
        network: None,
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
pub(crate) fn named_network(name: &str) -> Result<(Network, String), Reported> {
    let input = match examples::find(name) {
        Some(_) => Input {
            file: None,
            example: Some(name.to_string()),
            network: None,
        },
        None => Input {
            file: Some(PathBuf::from(name)),
            example: None,
            network: None,
        },
    };
    let params = examples::find(name).map_or(String::new(), |e| e.params.to_string());
    Ok((
        std::mem::ManuallyDrop::into_inner(load_network(&input)?),
        params,
    ))
}

/// Binds the values of `text` that name parameters of `network`.
pub(crate) fn bind_some(network: &Network, name: &str, text: &str) -> Result<Bindings, Reported> {
    let assignments: Vec<Assignment> = report(syntax::parse_values(text), name, text)?;
    Ok(report(Bindings::new(network, &assignments), name, text)?.0)
}

/// `plot --compose NET1 NET2`: the folding figure.
pub(crate) fn plot_compose(args: &PlotArgs, pair: &[String]) -> Result<String, Reported> {
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
pub(crate) fn plot_bounds(args: &PlotArgs) -> Result<String, Reported> {
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
pub(crate) fn plot_plane(
    args: &PlotArgs,
    network: &Network,
    bindings: &Bindings,
) -> Result<String, Reported> {
    let text = args.domain.as_str();
    let boxed = if text.contains('=') {
        refused(domain::two_inputs(network, text), "--domain", text)?
    } else {
        let range = refused(domain::interval(text), "--domain", text)?;
        [range.clone(), range]
    };
    for range in &boxed {
        let ends = [&range.0, &range.1];
        if let Err(message) =
            netform::plot::check_drawable(ends.into_iter(), std::iter::empty(), range)
        {
            eprintln!("error: {message}");
            return Err(Reported);
        }
    }
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
