//! `netform eval`: outputs at given points, exact or in f64, in one form or all.

use crate::*;

/// The output formats of `eval`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum EvalFormat {
    /// One line per point
    Text,
    /// An array with one object per point; exact values as strings
    Json,
}

#[derive(Args)]
pub(crate) struct EvalArgs {
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
}

pub(crate) fn eval(args: EvalArgs) -> Result<String, Reported> {
    let network = load_network(&args.input)?;
    let mut points = Vec::with_capacity(args.at.len());
    for at in &args.at {
        let assignments = report(syntax::parse_values(at), "--at", at)?;
        points.push(report(
            netform::eval::input_values(&network, &assignments),
            "--at",
            at,
        )?);
    }
    // The nested form is evaluated bracket by bracket, each distinct bracket
    // once, so its written size is no limit here (that is `convert`'s).
    let activation = args.activation.clone();
    if args.all_forms {
        return if args.float {
            let values = load_approximate(&network, &args.input, args.params.as_ref())?;
            let points: Vec<Vec<f64>> = points
                .iter()
                .map(|p| p.iter().map(|v| v.to_f64().unwrap_or(f64::NAN)).collect())
                .collect();
            let forms = AllForms::approximate(&network, &values, activation, u128::MAX);
            all_forms(&network, forms, &points, &args)
        } else {
            let bindings = load_bindings(&network, &args.input, args.params.as_ref())?;
            check_growth(&network, &bindings, &points)?;
            let forms = AllForms::<BigRational>::new(&network, &bindings, activation, u128::MAX);
            all_forms(&network, forms, &points, &args)
        };
    }
    let results: Vec<Vec<String>> = if args.float {
        let values = load_approximate(&network, &args.input, args.params.as_ref())?;
        let compiled = Compiled::approximate(&network, &values, activation);
        let mut results = Vec::with_capacity(points.len());
        for p in &points {
            let xs: Vec<f64> = p.iter().map(|v| v.to_f64().unwrap_or(f64::NAN)).collect();
            let values = compiled.outputs(&xs);
            if let Some(k) = values.iter().position(|v| !v.is_finite()) {
                let name = render::symbol(&network.symbols, network.outputs[k], Format::Unicode);
                eprintln!("error: {name} is beyond what f64 holds (about ±1.8e308) at this point; evaluate it exactly, without --float");
                return Err(Reported);
            }
            results.push(values.iter().map(|v| format!("{v}")).collect());
        }
        results
    } else {
        let bindings = load_bindings(&network, &args.input, args.params.as_ref())?;
        check_growth(&network, &bindings, &points)?;
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

/// Refuses, before evaluating exactly, points whose values would outgrow
/// `--max-digits`.
fn check_growth(
    network: &Network,
    bindings: &Bindings,
    points: &[Vec<BigRational>],
) -> Result<(), Reported> {
    if let Err(e) =
        netform::eval::check_coefficients(network, bindings, netform::expr::Budget::current())
    {
        eprintln!(
            "error: the network's coefficients would be numbers of about {} digits, more than the limit of {}; raise it with --max-digits {}, or evaluate in f64 with --float",
            e.estimate, e.max, e.estimate
        );
        return Err(Reported);
    }
    let plan = netform::eval::Plan::new(network, bindings, Activation::Relu);
    for p in points {
        if let Err(e) = plan.check_growth(p, netform::expr::Budget::current()) {
            eprintln!(
                "error: exact evaluation would make numbers of about {} digits, more than the limit of {}; raise it with --max-digits {}, or evaluate in f64 with --float",
                e.estimate, e.max, e.estimate
            );
            return Err(Reported);
        }
    }
    Ok(())
}

/// `eval --all-forms`: every form's outputs at every point; on a
/// disagreement, the values on stdout, a report on stderr, and exit 1.
pub(crate) fn all_forms<S: Agree + std::fmt::Display>(
    network: &Network,
    forms: Result<AllForms<S>, netform::rewrite::nested::TooLarge>,
    points: &[Vec<S>],
    args: &EvalArgs,
) -> Result<String, Reported> {
    let forms = forms.map_err(|e| {
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
        if let Some(form) = values
            .iter()
            .find(|(_, outputs)| outputs.iter().any(|v| !v.is_finite()))
        {
            eprintln!(
                "error: an output of the {} form is beyond what f64 holds (about ±1.8e308) at this point; evaluate it exactly, without --float",
                form.0.name()
            );
            return Err(Reported);
        }
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
pub(crate) fn json_inputs<S: std::fmt::Display>(
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

pub(crate) fn eval_text(
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

/// `7/12` becomes `7/12 ≈ 0.5833333333`; integers stay as they are, and so
/// does a value f64 cannot hold (beyond about 10^308).
pub(crate) fn with_decimal(exact: &str) -> String {
    let approx = syntax::parse_number(exact)
        .ok()
        .filter(|r| !r.is_integer())
        .and_then(|r| r.to_f64())
        .and_then(decimal);
    match approx {
        Some(d) => format!("{exact} ≈ {d}"),
        None => exact.to_string(),
    }
}

/// A finite non-integer as ten decimals without trailing zeros (`0.75`), or
/// in scientific notation when that would show no digit of it (`-1.2e-12`,
/// rather than `-0.`) or more digits than it has (`3.5e20`).
fn decimal(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let fixed = format!("{f:.10}");
    let fixed = fixed.trim_end_matches('0').trim_end_matches('.');
    let tiny = fixed == "0" || fixed == "-0";
    Some(if tiny || f.abs() >= 1e15 {
        format!("{f:.4e}")
    } else {
        fixed.to_string()
    })
}

pub(crate) fn eval_json(
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

#[cfg(test)]
mod tests {
    use super::with_decimal;

    #[test]
    fn approximations_never_end_in_a_point_nor_read_minus_zero() {
        assert_eq!(with_decimal("7/12"), "7/12 ≈ 0.5833333333");
        assert_eq!(with_decimal("3/4"), "3/4 ≈ 0.75");
        assert_eq!(
            with_decimal("99999999999/100000000000"),
            "99999999999/100000000000 ≈ 1"
        );
        assert_eq!(
            with_decimal("-1/1000000000000"),
            "-1/1000000000000 ≈ -1.0000e-12"
        );
        assert_eq!(with_decimal("5"), "5");
        let huge = format!("1{}/3", "0".repeat(400));
        assert_eq!(with_decimal(&huge), huge);
    }
}
