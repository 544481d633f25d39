//! Everything netform writes reads back as the same network: for random
//! fully connected networks and random compositions, every form × format ×
//! option, read again by the document reader that every command uses,
//! gives exactly the values of the original at a random point.

mod common;

use common::{bind, net};
use netform::eval::{input_values, Activation, Compiled};
use netform::network::Network;
use netform::render::{self, Aspect, Form, FormOptions, Format, Options};
use netform::rewrite::{arch, compose};
use netform::symbol::ascii_name;
use num_rational::BigRational;
use proptest::prelude::*;

/// `name = value` lines for every parameter of `network`, cycling `values`.
fn params(network: &Network, values: &[(i64, i64)]) -> String {
    network
        .params
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let (a, b) = values[k % values.len()];
            format!(
                "{} = {}/{}\n",
                ascii_name(&network.symbols[p]),
                a + k as i64 % 5,
                b
            )
        })
        .collect()
}

/// `x_1 = …` for every input of `network`.
fn point(network: &Network, xs: &[(i64, i64)]) -> String {
    network
        .inputs
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let (a, b) = xs[k % xs.len()];
            format!("{} = {a}/{b}\n", ascii_name(&network.symbols[i]))
        })
        .collect()
}

/// The exact outputs of `network`, by name.
fn outputs(network: &Network, params: &str, at: &str) -> Vec<(String, BigRational)> {
    let bindings = bind(network, params);
    let at = netform::syntax::parse_values(at).unwrap();
    let inputs = input_values(network, &at).unwrap();
    let values =
        Compiled::<BigRational>::new(network, &bindings, Activation::Relu).outputs(&inputs);
    let mut named: Vec<(String, BigRational)> = network
        .outputs
        .iter()
        .map(|&o| ascii_name(&network.symbols[o]))
        .zip(values)
        .collect();
    named.sort();
    named
}

/// Every way netform writes one form: each format, and for LaTeX an
/// article, a standalone document and Beamer frames in both aspects.
fn writings(network: &Network, form: FormOptions) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for format in [Format::Unicode, Format::Ascii, Format::Json] {
        let options = Options {
            format,
            width: 60,
            standalone: false,
        };
        let text = render::form(network, &options, &form).unwrap();
        out.push((format!("{format:?}"), text));
    }
    for (standalone, beamer) in [(false, false), (true, false), (false, true), (true, true)] {
        for aspect in [Aspect::FourThree, Aspect::SixteenNine] {
            if !beamer && aspect == Aspect::SixteenNine {
                continue;
            }
            let options = Options {
                format: Format::Latex,
                width: 80,
                standalone,
            };
            let form = FormOptions {
                beamer,
                ..form.clone()
            };
            let mut bytes = Vec::new();
            render::write_form_fitted(network, &options, &form, aspect, &mut bytes).unwrap();
            let name = format!("latex standalone={standalone} beamer={beamer} {aspect:?}");
            out.push((name, String::from_utf8(bytes).unwrap()));
        }
    }
    out
}

/// The forms, with `--explicit` for the matrix form.
fn forms() -> Vec<FormOptions> {
    let mut out: Vec<FormOptions> = [Form::Scalar, Form::Matrix, Form::General, Form::Nested]
        .into_iter()
        .map(|form| FormOptions {
            form,
            ..FormOptions::default()
        })
        .collect();
    out.push(FormOptions {
        form: Form::Matrix,
        explicit: true,
        ..FormOptions::default()
    });
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_form_format_and_option_reads_back(
        inputs in 1usize..=2,
        hidden in prop::collection::vec(1usize..=3, 1..=2),
        outs in 1usize..=2,
        values in prop::collection::vec((-9i64..=9, 1i64..=5), 1..12),
        xs in prop::collection::vec((-9i64..=9, 1i64..=4), 2),
    ) {
        let mut widths = vec![inputs];
        widths.extend(&hidden);
        widths.push(outs);
        let network = arch::network(&widths).unwrap();
        let (p, at) = (params(&network, &values), point(&network, &xs));
        let want = outputs(&network, &p, &at);
        for form in forms() {
            for (how, text) in writings(&network, form.clone()) {
                let read = net(&text);
                prop_assert_eq!(outputs(&read, &p, &at), want.clone(), "{:?} {}:\n{}", form.form, how, text);
            }
        }
    }

    #[test]
    fn every_composition_output_reads_back(
        hidden_a in prop::collection::vec(1usize..=3, 1..=2),
        hidden_b in 1usize..=3,
        values in prop::collection::vec((-9i64..=9, 1i64..=5), 1..12),
        x in (-9i64..=9, 1i64..=4),
    ) {
        let mut wa = vec![1];
        wa.extend(&hidden_a);
        wa.push(1);
        let a = arch::network(&wa).unwrap();
        // The second network reads `y`, its names primed twice (a first
        // network of two hidden layers uses `h` and `h′`).
        let b = net(&(1..=hidden_b).map(|i| format!("h''_{i} = a[theta''_{i}0 + theta''_{i}1 y]\n")).chain(
            std::iter::once(format!("y'' = phi''_0 {}\n", (1..=hidden_b).map(|i| format!("+ phi''_{i} h''_{i}")).collect::<String>()))
        ).collect::<String>());
        let (pa, pb) = (params(&a, &values), params(&b, &values));
        let all = format!("{pa}{pb}");
        let at = format!("x = {}/{}", x.0, x.1);
        let y = outputs(&a, &pa, &at);
        let want = outputs(&b, &pb, &format!("y = {}", y[0].1));
        for collect in [true, false] {
            // Fed by name when the first network's output is `y`, else
            // (`y′` after two hidden layers) with `--feed y′=y`.
            let out = ascii_name(&a.symbols[a.outputs[0]]);
            let feed = if out == "y" { Vec::new() } else { compose::parse_feed(&format!("{out}=y")).unwrap() };
            let chain = compose::compose_chain(&[a.clone(), b.clone()], &[feed], collect).unwrap();
            for form in forms() {
                for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
                    for standalone in [false, true] {
                        if standalone && format != Format::Latex {
                            continue;
                        }
                        let options = Options { format, width: 60, standalone };
                        let text = compose::print(&chain, Default::default(), collect, &options, &form).unwrap();
                        let read = net(&text);
                        // The nested and vector derivations name the second
                        // network's units only in the substitution step, so
                        // they read back as outputs beside `y′`.
                        let got: Vec<_> = outputs(&read, &all, &at)
                            .into_iter()
                            .filter(|(name, _)| want.iter().any(|(w, _)| w == name))
                            .collect();
                        prop_assert_eq!(got, want.clone(), "{:?} {:?} collect={}:\n{}", form.form, format, collect, text);
                    }
                }
            }
        }
    }
}
