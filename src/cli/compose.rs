//! `netform compose`: the derivation of a composition, step by step.

use crate::*;

#[derive(Args)]
pub(crate) struct ComposeArgs {
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
    /// With --format latex: a complete document that compiles with pdflatex (an article titling each step)
    #[arg(long)]
    standalone: bool,
    /// With --format latex: the derivation as Beamer frames, one or more per step, titled and fitted to the slide
    #[arg(long)]
    beamer: bool,
    /// With --beamer: the slides' aspect ratio, 43 (4:3) or 169 (16:9)
    #[arg(long, value_enum, default_value = "43", requires = "beamer")]
    aspect: render::Aspect,
    /// With --beamer: reveal the substitutions one equation at a time (\pause)
    #[arg(long, requires = "beamer")]
    overlays: bool,
}

pub(crate) fn parse_steps(s: &str) -> Result<netform::rewrite::compose::Shown, String> {
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

pub(crate) fn compose(args: ComposeArgs) -> Result<String, Reported> {
    use netform::rewrite::compose::compose_chain;
    let mut networks = Vec::new();
    for name in &args.example {
        networks.push(std::mem::ManuallyDrop::into_inner(load_network(&Input {
            file: None,
            example: Some(name.clone()),
            network: None,
        })?));
    }
    for file in &args.files {
        networks.push(std::mem::ManuallyDrop::into_inner(load_network(&Input {
            file: Some(file.clone()),
            example: None,
            network: None,
        })?));
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
    if feeds.len() >= networks.len().max(1) {
        super::usage(&format!(
            "{} --feed values for {} networks: give at most one per composition ({})",
            feeds.len(),
            networks.len(),
            networks.len().saturating_sub(1)
        ));
    }
    super::latex_only(
        matches!(args.format, FormatArg::Latex),
        &[("--standalone", args.standalone)],
    );
    if args.explicit && args.to != Form::Matrix {
        super::usage("--explicit applies to --to matrix only");
    }
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
    if args.beamer && options.format != render::Format::Latex {
        eprintln!("error: --beamer writes LaTeX: add --format latex");
        return Err(Reported);
    }
    if args.beamer && args.to != render::Form::Scalar {
        eprintln!("error: --beamer writes the scalar derivation; the other forms are one `convert --beamer` each");
        return Err(Reported);
    }
    if args.beamer
        || (args.standalone
            && options.format == render::Format::Latex
            && args.to == render::Form::Scalar)
    {
        let (symbols, steps) = netform::rewrite::compose::derivation(&chain, args.steps, collect);
        let slides = netform::render::derivation::Slides {
            beamer: args.beamer,
            aspect: args.aspect,
            overlays: args.overlays,
        };
        return Ok(netform::render::derivation::slides(
            &symbols, &steps, &options, slides,
        ));
    }
    let printed = netform::rewrite::compose::print(&chain, args.steps, collect, &options, &form)
        .map_err(|e| {
            eprintln!("error: {e}");
            Reported
        })?;
    if options.standalone && options.format == render::Format::Latex {
        return Ok(netform::render::derivation::titled_in_text(&printed));
    }
    Ok(printed)
}
