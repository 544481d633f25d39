//! Grammar-aware inputs: the fuzzer's bytes choose a document through
//! `arbitrary` (equations with nested brackets, activations, postfix
//! transposes and divisions, products of numbers and sums, parameter
//! definitions that square each other, restated units, chains of layers),
//! which is printed as text and run through reading, every form, exact and
//! f64 evaluation, regions, composition with a primed copy and `check`.
//!
//! Random bytes rarely spell `\omega_{3} = \omega_{2}\omega_{2}` or a
//! thousand `^T`; these inputs reach the budgets (nesting, product size,
//! digits, pieces, composition size) on nearly every run. The invariant is
//! the one netform promises for any input: no panic, no stack overflow, no
//! allocation past the fuzzer's memory limit, no run past its time limit.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use netform::eval::{Activation, Bindings, Compiled};
use netform::render::{self, Form, FormOptions, Format, Options};
use num_rational::BigRational;
use std::fmt::Write as _;

/// A document: parameter definitions, layers of units, an output, and
/// optionally a restated unit and hostile extra lines.
#[derive(Debug, Arbitrary)]
struct Doc {
    definitions: Vec<Definition>,
    layers: Vec<Layer>,
    output: Vec<Term>,
    restate_first: bool,
    extras: Vec<Expr>,
}

/// `\omega_{k} = …`: a number, a sum of parameters, or the square of the
/// previous definition.
#[derive(Debug, Arbitrary)]
enum Definition {
    Number(Number),
    Sum(u8, u8),
    SquareOfPrevious,
}

/// One layer: the units' widths (capped) and their terms.
#[derive(Debug, Arbitrary)]
struct Layer {
    width: u8,
    bias: Expr,
    weight: Expr,
}

/// A term of the output: a coefficient times the `k`-th unit of the last layer.
#[derive(Debug, Arbitrary)]
struct Term {
    coefficient: Expr,
    unit: u8,
}

/// A coefficient expression.
#[derive(Debug, Arbitrary)]
enum Expr {
    Param(u8, u8),
    Defined(u8),
    Number(Number),
    /// `(a)(b)…`: a product, possibly of sums.
    Product(Vec<Expr>),
    /// `(a + b + …)`.
    Sum(Vec<Expr>),
    /// `(e)` repeated `n` times.
    Nested(Box<Expr>, u16),
    /// `e^T` repeated `n` times.
    Transposed(Box<Expr>, u16),
    /// `e/2` repeated `n` times.
    Divided(Box<Expr>, u16),
    /// `-e` repeated `n` times.
    Negated(Box<Expr>, u16),
    /// `\frac{e}{d}`.
    Fraction(Box<Expr>, Number),
}

/// A number: small, a decimal, or a power of ten up to `1e10000`.
#[derive(Debug, Arbitrary)]
enum Number {
    Small(i8),
    Decimal(u16, u16),
    Power(u16),
}

impl Number {
    fn write(&self, out: &mut String) {
        match self {
            Number::Small(n) => write!(out, "{n}"),
            Number::Decimal(a, b) => write!(out, "{a}.{b}"),
            Number::Power(e) => write!(out, "1e{}", e % 10_001),
        }
        .unwrap();
    }
}

/// Caps a repetition so one input stays under a few hundred kilobytes.
fn times(n: u16) -> usize {
    usize::from(n % 4_000)
}

impl Expr {
    fn write(&self, out: &mut String, depth: usize) {
        if out.len() > 200_000 || depth > 40 {
            out.push('1');
            return;
        }
        match self {
            Expr::Param(i, j) => write!(out, "\\theta_{{{},{}}}", i % 8, j % 8).unwrap(),
            Expr::Defined(k) => write!(out, "\\omega_{{{}}}", k % 40 + 1).unwrap(),
            Expr::Number(n) => n.write(out),
            Expr::Product(factors) => {
                for f in factors.iter().take(12) {
                    out.push('(');
                    f.write(out, depth + 1);
                    out.push(')');
                }
                if factors.is_empty() {
                    out.push('2');
                }
            }
            Expr::Sum(terms) => {
                out.push('(');
                for (i, t) in terms.iter().take(12).enumerate() {
                    if i > 0 {
                        out.push_str(" + ");
                    }
                    t.write(out, depth + 1);
                }
                if terms.is_empty() {
                    out.push('0');
                }
                out.push(')');
            }
            Expr::Nested(e, n) => {
                out.push_str(&"(".repeat(times(*n)));
                e.write(out, depth + 1);
                out.push_str(&")".repeat(times(*n)));
            }
            Expr::Transposed(e, n) => {
                e.write(out, depth + 1);
                let mark = ["^T", "^{\\top}", "ᵀ"][usize::from(*n) % 3];
                out.push_str(&mark.repeat(times(*n)));
            }
            Expr::Divided(e, n) => {
                e.write(out, depth + 1);
                out.push_str(&"/2".repeat(times(*n)));
            }
            Expr::Negated(e, n) => {
                out.push_str(&"-".repeat(times(*n)));
                e.write(out, depth + 1);
            }
            Expr::Fraction(e, d) => {
                out.push_str("\\frac{");
                e.write(out, depth + 1);
                out.push_str("}{");
                d.write(out);
                out.push('}');
            }
        }
    }
}

impl Doc {
    /// The document as text, and a parameter file giving every θ a value.
    fn text(&self) -> (String, String) {
        let mut out = String::new();
        for (k, d) in self.definitions.iter().take(40).enumerate() {
            write!(out, "\\omega_{{{}}} = ", k + 1).unwrap();
            match d {
                Definition::Number(n) => n.write(&mut out),
                Definition::Sum(i, j) => write!(
                    out,
                    "\\theta_{{{},{}}} + \\theta_{{{},{}}}",
                    i % 8,
                    j % 8,
                    j % 8,
                    i % 8
                )
                .unwrap(),
                Definition::SquareOfPrevious if k > 0 => {
                    write!(out, "\\omega_{{{k}}}\\omega_{{{k}}}").unwrap()
                }
                Definition::SquareOfPrevious => out.push('3'),
            }
            out.push('\n');
        }
        let mut previous: Vec<String> = vec!["x".into()];
        let mut first_unit = None;
        for (l, layer) in self.layers.iter().take(30).enumerate() {
            let width = usize::from(layer.width % 6) + 1;
            let mut names = Vec::new();
            for i in 1..=width {
                let name = format!("h_{{{},{}}}", l + 1, i);
                let start = out.len();
                write!(out, "{name} = a[").unwrap();
                layer.bias.write(&mut out, 0);
                for p in &previous {
                    out.push_str(" + ");
                    layer.weight.write(&mut out, 0);
                    write!(out, " {p}").unwrap();
                }
                out.push_str("]\n");
                if first_unit.is_none() {
                    first_unit = Some(out[start..].to_string());
                }
                names.push(name);
            }
            previous = names;
        }
        out.push_str("y = 0");
        for t in self.output.iter().take(12) {
            out.push_str(" + ");
            t.coefficient.write(&mut out, 0);
            let unit = &previous[usize::from(t.unit) % previous.len()];
            write!(out, " {unit}").unwrap();
        }
        out.push('\n');
        if self.restate_first {
            if let Some(unit) = first_unit {
                out.push_str(&unit);
            }
        }
        for e in self.extras.iter().take(4) {
            out.push_str("y = ");
            e.write(&mut out, 0);
            out.push('\n');
        }
        let mut params = String::new();
        for i in 0..8 {
            for j in 0..8 {
                writeln!(params, "theta_{{{i},{j}}} = {}/{}", i + 1, j + 2).unwrap();
            }
        }
        (out, params)
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(doc) = Doc::arbitrary(&mut u) else {
        return;
    };
    let (text, params) = doc.text();
    if std::env::var_os("GRAMMAR_PRINT").is_some() {
        eprintln!("{text}");
    }
    let _ = netform::check::check(&text);
    let Ok(network) = netform::read::network(&text) else {
        return;
    };
    for form in [Form::Scalar, Form::Matrix, Form::General, Form::Nested] {
        let options = Options {
            format: Format::Unicode,
            width: 80,
            standalone: false,
        };
        let form = FormOptions {
            form,
            explicit: form == Form::Matrix,
            elide: false,
            beamer: false,
            max_terms: 2_000,
        };
        let _ = render::write_form(&network, &options, &form, &mut std::io::sink());
    }
    let Ok(values) = netform::syntax::parse_values(&params) else {
        return;
    };
    let Ok((bindings, _)) = Bindings::new(&network, &values) else {
        return;
    };
    if network.units.len() <= 60 {
        let point: Vec<BigRational> = network
            .inputs
            .iter()
            .map(|_| BigRational::new(1.into(), 3.into()))
            .collect();
        let _ = Compiled::<BigRational>::new(&network, &bindings, Activation::Relu).outputs(&point);
        let floats: Vec<f64> = point.iter().map(|_| 1.0 / 3.0).collect();
        let _ = Compiled::<f64>::new(&network, &bindings, Activation::Relu).outputs(&floats);
        if network.inputs.len() == 1 {
            let _ = netform::analysis::regions::regions_1d(&network, &bindings, &Activation::Relu, None);
        }
    }
    let primed = text
        .replace("h_", "h'_")
        .replace("\\theta", "\\theta'")
        .replace("\\omega", "\\omega'")
        .replace('y', "y'")
        .replace(" x", " y");
    if let Ok(second) = netform::read::network(&primed) {
        let _ = netform::rewrite::compose::compose(&network, &second, &Vec::new());
    }
});
