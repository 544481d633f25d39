//! The scalar nested equation: on random networks, its shared brackets expand
//! to the equation substituted directly; it is written, as printed, exactly as
//! the equation built whole and laid out in memory; it reads back with the
//! same values; and a large one streams through a writer, still refused above
//! the limit before anything is written.

mod common;

use netform::eval::{Activation, Compiled};
use netform::expr::{Affine, Atom};
use netform::network::{self, Network};
use netform::render::{self, Form, FormError, FormOptions, Format, Options, WriteError};
use netform::rewrite::{arch, nested};
use netform::symbol::Sym;
use num_rational::BigRational;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::io;

/// A random network, written in ASCII: layers of units, each hidden unit with
/// or without an activation, coefficients of every shape, units read twice,
/// inputs read past the first layer, and units copied from their neighbour
/// (so that equal brackets meet and merge).
#[derive(Clone, Debug)]
struct Case {
    inputs: usize,
    /// Per layer (the last is the outputs), per unit, its recipe.
    layers: Vec<Vec<Recipe>>,
}

/// How one unit is written.
#[derive(Clone, Debug)]
struct Recipe {
    activated: bool,
    /// The bias shape, or none.
    bias: Option<u8>,
    /// Per unit of the previous layer, a coefficient shape or none.
    weights: Vec<Option<u8>>,
    /// Read this unit of the previous layer a second time.
    again: Option<usize>,
    /// Read the first input too (a skip past the layers).
    skip: Option<u8>,
    /// Write the same right side as the unit before.
    copy: bool,
}

fn recipe(previous: usize, hidden: bool) -> impl Strategy<Value = Recipe> {
    (
        prop::bool::weighted(0.8),
        prop::option::of(0u8..8),
        prop::collection::vec(prop::option::weighted(0.85, 0u8..8), previous),
        prop::option::weighted(0.2, 0..previous),
        prop::option::weighted(0.15, 0u8..8),
        prop::bool::weighted(0.15),
    )
        .prop_map(
            move |(activated, bias, weights, again, skip, copy)| Recipe {
                activated: activated && hidden,
                bias,
                weights,
                again,
                skip,
                copy,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        1usize..=2,
        prop::collection::vec(1usize..=3, 1..=4),
        1usize..=2,
    )
        .prop_flat_map(|(inputs, hidden, outputs)| {
            let mut widths = vec![inputs];
            widths.extend(&hidden);
            widths.push(outputs);
            let last = widths.len() - 1;
            let layers: Vec<_> = (1..widths.len())
                .map(|l| prop::collection::vec(recipe(widths[l - 1], l < last), widths[l]))
                .collect();
            (Just(inputs), layers)
        })
        .prop_map(|(inputs, layers)| Case { inputs, layers })
}

impl Case {
    /// The name of unit `i` (from 1) of layer `l` (0: the inputs).
    fn var(&self, l: usize, i: usize) -> String {
        if l == 0 {
            format!("x_{i}")
        } else if l == self.layers.len() {
            format!("y_{i}")
        } else {
            format!("h_{{{l},{i}}}")
        }
    }

    /// The source text; parameters are numbered in order of appearance.
    fn source(&self) -> String {
        let mut out = String::new();
        let mut next = 0;
        let mut param = || {
            next += 1;
            format!("omega_{{{next}}}")
        };
        for (l, layer) in self.layers.iter().enumerate() {
            let l = l + 1;
            let mut previous_rhs = String::new();
            for (i, r) in layer.iter().enumerate() {
                let rhs = if r.copy && i > 0 {
                    previous_rhs.clone()
                } else {
                    let width = if l == 1 {
                        self.inputs
                    } else {
                        self.layers[l - 2].len()
                    };
                    let mut sum = Vec::new();
                    if let Some(shape) = r.bias {
                        sum.push(coefficient(shape, &mut param));
                    }
                    for (j, shape) in r.weights.iter().enumerate() {
                        if let Some(shape) = shape {
                            let (negative, c) = coefficient(*shape, &mut param);
                            sum.push((negative, format!("{c} {}", self.var(l - 1, j + 1))));
                        }
                    }
                    if let Some(j) = r.again.filter(|&j| j < width) {
                        let (negative, c) = coefficient(3, &mut param);
                        sum.push((negative, format!("{c} {}", self.var(l - 1, j + 1))));
                    }
                    if let Some(shape) = r.skip.filter(|_| l > 1) {
                        let (negative, c) = coefficient(shape, &mut param);
                        sum.push((negative, format!("{c} x_1")));
                    }
                    let sum = written_sum(&sum);
                    if r.activated {
                        format!("a[{sum}]")
                    } else {
                        sum
                    }
                };
                out.push_str(&format!("{} = {rhs}\n", self.var(l, i + 1)));
                previous_rhs = rhs;
            }
        }
        out
    }
}

/// A coefficient of a shape, and whether it is subtracted: a parameter, a
/// scaled parameter, a product, a number, or a difference in parentheses.
fn coefficient(shape: u8, param: &mut impl FnMut() -> String) -> (bool, String) {
    match shape {
        0 => (true, param()),
        1 => (false, format!("2 {}", param())),
        2 => (true, format!("1/2 {}", param())),
        3 => (false, format!("{} {}", param(), param())),
        4 => (true, "3/4".to_string()),
        5 => (false, format!("({} - {})", param(), param())),
        _ => (false, param()),
    }
}

/// Signed summands as a sum: `omega_1 - 2 omega_2 x_1`, `0`.
fn written_sum(summands: &[(bool, String)]) -> String {
    let mut out = String::new();
    for (n, (negative, text)) in summands.iter().enumerate() {
        out.push_str(match (n, negative) {
            (0, false) => "",
            (0, true) => "-",
            (_, false) => " + ",
            (_, true) => " - ",
        });
        out.push_str(text);
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}

/// Values for every parameter of `network`, by name, as a parameter file
/// (which names one parameter no network here has, never to be empty).
fn values(network: &Network, values: &[(i64, i64)]) -> String {
    let unused = "theta_99 = 0\n".to_string();
    unused
        + &network
            .params
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let (a, b) = values[k % values.len()];
                format!("{} = {}/{}\n", network.symbols[p], a + k as i64 % 5, b)
            })
            .collect::<String>()
}

/// The exact outputs of `network` at `x` (`x_k` is `x[k - 1]`), by name.
fn outputs(network: &Network, params: &str, x: &[BigRational]) -> BTreeMap<String, BigRational> {
    let bindings = common::bind(network, params);
    let inputs: Vec<BigRational> = network
        .inputs
        .iter()
        .map(|&i| {
            let name = network.symbols[i].to_string();
            let k: usize = name.trim_start_matches("x_").parse().unwrap();
            x[k - 1].clone()
        })
        .collect();
    let values =
        Compiled::<BigRational>::new(network, &bindings, Activation::Relu).outputs(&inputs);
    let names = network
        .outputs
        .iter()
        .map(|&o| network.symbols[o].to_string());
    names.zip(values).collect()
}

/// The nested equations substituted directly, term by term, as netform did
/// before the nested form shared its brackets: the oracle for
/// [`nested::NestedForm`].
fn substituted(network: &Network) -> Vec<(Sym, Affine)> {
    let index = network::unit_index(&network.units, network.symbols.len());
    let deps = network::unit_dependencies(&network.units, network.symbols.len());
    let order = network::topological_order(deps.len(), &deps).unwrap();
    let mut done: Vec<Option<Affine>> = vec![None; network.units.len()];
    for i in order {
        done[i] = Some(substitute(&network.units[i].rhs, &index, &done));
    }
    let output = |o: &Sym| index[o.0 as usize].map(|i| (*o, done[i].clone().unwrap()));
    network.outputs.iter().filter_map(output).collect()
}

fn substitute(a: &Affine, index: &[Option<usize>], done: &[Option<Affine>]) -> Affine {
    let mut out = Affine::zero();
    for t in &a.terms {
        match &t.atom {
            Atom::Var(v) => match index[v.0 as usize].and_then(|u| done[u].as_ref()) {
                Some(rhs) => out.add(rhs.mul_poly(&t.coef)),
                None => out.add_term(t.coef.clone(), t.atom.clone()),
            },
            Atom::Act(inner) => out.add_term(
                t.coef.clone(),
                Atom::Act(Box::new(substitute(inner, index, done))),
            ),
            Atom::One => out.add_term(t.coef.clone(), Atom::One),
        }
    }
    out
}

/// The nested form in a format, elided or not, at a width, by `render::form`.
fn nested_form(network: &Network, format: Format, width: usize, elide: bool) -> String {
    let options = Options {
        format,
        width,
        standalone: false,
    };
    let form = FormOptions {
        form: Form::Nested,
        elide,
        max_terms: u128::MAX,
        ..FormOptions::default()
    };
    render::form(network, &options, &form).unwrap()
}

const FORMATS: [Format; 4] = [Format::Unicode, Format::Latex, Format::Ascii, Format::Json];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Sharing brackets changes nothing: the nested form expands to the
    /// equations substituted term by term, merged in the same order.
    #[test]
    fn shared_brackets_expand_to_the_direct_substitution(c in case()) {
        let network = common::net(&c.source());
        prop_assert_eq!(nested::nested(&network, u128::MAX).unwrap(), substituted(&network));
    }

    /// The nested form follows the units' dependencies, not their layer
    /// fields: with every layer wrong (reversed), it is sized and built as
    /// from the right ones.
    #[test]
    fn wrong_layer_fields_change_nothing(c in case()) {
        let network = common::net(&c.source());
        let mut wrong = network.clone();
        let depth = wrong.depth();
        for unit in &mut wrong.units {
            unit.layer = depth + 1 - unit.layer;
        }
        prop_assert_eq!(nested::size(&wrong), nested::size(&network));
        prop_assert_eq!(nested::nested(&wrong, u128::MAX).unwrap(), substituted(&network));
    }

    /// Written as printed, the nested form is byte for byte the equation
    /// built whole and laid out in memory, in every format, width and
    /// elision, through `render::form` and `render::write_form` alike.
    #[test]
    fn written_as_printed_is_the_equation_built_whole(
        c in case(),
        width in 20usize..=120,
        elide in any::<bool>(),
    ) {
        let network = common::net(&c.source());
        for format in FORMATS {
            let options = Options { format, width, standalone: false };
            let form = FormOptions { form: Form::Nested, elide, max_terms: u128::MAX, ..FormOptions::default() };
            let text = render::form(&network, &options, &form).unwrap();
            let reference = render::form_built_in_memory(&network, &options, &form).unwrap();
            prop_assert_eq!(&text, &reference, "{:?} of:\n{}", format, c.source());
            let mut written = Vec::new();
            render::write_form(&network, &options, &form, &mut written).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), text);
        }
    }

    /// The nested equations read back and compute the network's exact values.
    #[test]
    fn nested_equations_read_back_with_the_same_values(
        c in case(),
        width in 20usize..=120,
        values_ in prop::collection::vec((-9i64..=9, 1i64..=6), 1..20),
        point in prop::collection::vec((-9i64..=9, 1i64..=4), 2),
    ) {
        let network = common::net(&c.source());
        let params = values(&network, &values_);
        let x: Vec<BigRational> = point.iter().map(|&(a, b)| BigRational::new(a.into(), b.into())).collect();
        let expected = outputs(&network, &params, &x);
        for format in [Format::Unicode, Format::Ascii] {
            let text = nested_form(&network, format, width, false);
            let equations = text.split("\n\n").next().unwrap();
            let read = common::net(equations);
            prop_assert_eq!(outputs(&read, &params, &x), expected.clone(), "{}", equations);
        }
    }
}

/// Counts what is written, and in how many writes.
#[derive(Default)]
struct Counter {
    bytes: usize,
    writes: usize,
    lines: usize,
}

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len();
        self.writes += 1;
        self.lines += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_large_nested_equation_streams_through_a_writer() {
    let network = arch::network(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    let terms = nested::size(&network);
    assert!(terms > 200_000, "{terms}");
    let latex = Options {
        format: Format::Latex,
        ..Options::default()
    };
    let form = FormOptions {
        form: Form::Nested,
        max_terms: terms,
        ..FormOptions::default()
    };
    let mut counter = Counter::default();
    render::write_form(&network, &latex, &form, &mut counter).unwrap();
    let text = render::form(&network, &latex, &form).unwrap();
    assert_eq!(counter.bytes, text.len());
    assert_eq!(counter.lines, text.lines().count());
    assert!(counter.bytes > 6_000_000, "{}", counter.bytes);
    // Written a buffer at a time as it is made, not as one string at the end.
    assert!(
        counter.writes > counter.bytes / 10_000,
        "{}",
        counter.writes
    );

    let limited = FormOptions {
        max_terms: terms - 1,
        ..form
    };
    let mut counter = Counter::default();
    match render::write_form(&network, &latex, &limited, &mut counter) {
        Err(WriteError::Form(FormError::TooLarge(e))) => {
            assert_eq!((e.terms, e.limit), (terms, terms - 1));
            assert!(e.to_string().contains("--max-terms"), "{e}");
        }
        other => panic!("expected the limit to refuse, got {other:?}"),
    }
    assert_eq!((counter.bytes, counter.writes), (0, 0));
}

#[test]
fn a_failing_writer_is_reported() {
    struct Full;
    impl io::Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::StorageFull, "full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let network = arch::network(&[1, 10, 10, 10, 1]).unwrap();
    let form = FormOptions {
        form: Form::Nested,
        ..FormOptions::default()
    };
    match render::write_form(&network, &Options::default(), &form, Full) {
        Err(WriteError::Io(e)) => assert_eq!(e.kind(), io::ErrorKind::StorageFull),
        other => panic!("expected the write to fail, got {other:?}"),
    }
}

#[test]
fn convert_streams_a_large_nested_equation_to_stdout() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let args = [
        "convert",
        "--arch",
        "1,10,10,10,10,10,1",
        "--to",
        "nested",
        "--max-terms",
        "1000000",
        "--format",
        "ascii",
    ];
    let out = Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let network = arch::network(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    let expected = nested_form(&network, Format::Ascii, 80, false);
    assert!(out.stdout == expected.as_bytes());

    // A reader that stops early ends the output quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_netform"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut start = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut start).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(start.starts_with(b"y = beta_{5,1}\n    + omega_{5,1,1} a["));
}
