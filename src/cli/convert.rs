//! `netform convert`: a network (or an architecture) in any form and format.

use crate::*;

/// Where `convert` takes the network from: a file, an example, or an
/// architecture.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub(crate) struct ConvertSource {
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
pub(crate) struct ConvertArgs {
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
    /// With --format latex: Beamer frames that fit the slide (with --standalone, a whole Beamer document)
    #[arg(long)]
    beamer: bool,
    /// With --beamer: the slides' aspect ratio, 43 (4:3) or 169 (16:9)
    #[arg(long, value_enum, default_value = "43", requires = "beamer")]
    aspect: render::Aspect,
    /// With --to nested: refuse a nested equation estimated to have more terms than this
    #[arg(long, value_name = "N", default_value_t = netform::rewrite::nested::DEFAULT_MAX_TERMS)]
    max_terms: u128,
    /// The output format
    #[arg(long, value_enum, default_value = "unicode")]
    format: FormatArg,
    /// Break equations longer than this many characters at a top-level `+` (default 80; LaTeX with --beamer or --standalone fits the page instead)
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// With --format latex: a complete document that compiles with pdflatex
    #[arg(long)]
    standalone: bool,
    /// Which network of a document that holds several (1-based)
    #[arg(long, value_name = "N")]
    network: Option<usize>,
    /// With --arch: refuse an architecture with more weights and biases than this
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_WEIGHTS)]
    max_weights: u128,
}

/// The default of `--max-weights`: a network of a million weights and biases
/// (`--arch 1,1000,1000,1`) prints in a few seconds.
pub(crate) const DEFAULT_MAX_WEIGHTS: u128 = 1_000_000;

/// Refuses an architecture too large to build, or whose nested form is too
/// large to print, from its widths alone: nothing is built.
fn refuse_large_arch(widths: &[usize], args: &ConvertArgs) -> Result<(), Reported> {
    let weights = widths
        .windows(2)
        .map(|w| (w[0] as u128 + 1).saturating_mul(w[1] as u128))
        .fold(0u128, u128::saturating_add);
    if weights > args.max_weights {
        eprintln!(
            "error: --arch {} has {weights} weights and biases, more than the limit of {}; raise it with --max-weights {weights}",
            widths.iter().map(|w| w.to_string()).collect::<Vec<_>>().join(","),
            args.max_weights
        );
        return Err(Reported);
    }
    if args.to == Form::Nested {
        // A unit of the first hidden layer has its bias and one term per
        // input; one of layer k a bias and one bracket of layer k − 1 per
        // unit of that layer; the outputs, as many of the last.
        let (first, rest) = widths.split_first().unwrap_or((&0, &[]));
        let mut size = *first as u128 + 1;
        let last = rest.len().saturating_sub(1);
        for (i, &w) in rest.iter().enumerate() {
            size = size.saturating_mul(w as u128);
            if i != last {
                size = size.saturating_add(1);
            }
        }
        if size > args.max_terms {
            let e = netform::rewrite::nested::TooLarge {
                terms: size,
                limit: args.max_terms,
            };
            eprintln!("error: {e}");
            return Err(Reported);
        }
    }
    Ok(())
}

/// Writes the form to `out` as it is made: a nested equation of millions of
/// terms never sits in memory whole. The outer result is the failure to make
/// the form (reported), the inner one the failure to write it.
pub(crate) fn convert(args: ConvertArgs, out: &mut dyn Write) -> Result<io::Result<()>, Reported> {
    super::latex_only(
        matches!(args.format, FormatArg::Latex),
        &[("--standalone", args.standalone), ("--beamer", args.beamer)],
    );
    if args.explicit && args.to != Form::Matrix {
        super::usage("--explicit applies to --to matrix only");
    }
    if args.max_weights != DEFAULT_MAX_WEIGHTS && args.source.arch.is_none() {
        super::usage("--max-weights applies to --arch only");
    }
    if args.elide && matches!(args.format, FormatArg::Json) {
        super::usage("--elide does not apply to --format json");
    }
    if let Some(widths) = &args.source.arch {
        refuse_large_arch(widths, &args)?;
    }
    let network = match &args.source.arch {
        Some(widths) => std::mem::ManuallyDrop::new(
            arch::network(widths).unwrap_or_else(|e| super::usage(&format!("bad --arch: {e}"))),
        ),
        None => load_network(&Input {
            file: args.source.file.clone(),
            example: args.source.example.clone(),
            network: args.network,
        })?,
    };
    let options = render::Options {
        format: format_of(args.format),
        width: args.width.map_or(80, usize::from),
        standalone: args.standalone,
    };
    let form = FormOptions {
        form: args.to,
        explicit: args.explicit,
        elide: args.elide,
        beamer: args.beamer,
        max_terms: args.max_terms,
    };
    let fitted = options.format == render::Format::Latex && (args.beamer || args.standalone);
    if fitted && args.width.is_some() {
        eprintln!("note: --width does not apply to LaTeX with --beamer or --standalone, which fits the page");
    }
    match render::write_form_fitted(&network, &options, &form, args.aspect, out) {
        Ok(notes) => {
            notes.iter().for_each(|note| eprintln!("{note}"));
            Ok(Ok(()))
        }
        Err(WriteError::Io(e)) => Ok(Err(e)),
        Err(WriteError::Form(e)) => {
            eprintln!("error: {e}");
            Err(Reported)
        }
    }
}
