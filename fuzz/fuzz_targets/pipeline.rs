//! Arbitrary bytes through the whole pipeline: decode → parse → lower → every
//! rewrite (layers, nested, unnest, composition with itself) → every form in
//! every format → parse again, then exact and f64 evaluation of every form
//! and the counting commands.
//!
//! Besides "never panic", it checks the invariants the README states:
//! the scalar form in every format reads back as the same network, every
//! form evaluates to the same numbers, the streamed nested form
//! ([`render::write_form`]) is byte for byte the one built in memory, and
//! exact evaluation over common denominators ([`Exact`]) gives the values of
//! plain rational arithmetic ([`Plain`]) for parameters and inputs taken
//! from the same bytes, huge ones included. With `FUZZ_STRICT=1` the matrix and
//! general forms must read back as the same network, the nested form at all.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netform::agreement::{disagreement, AllForms};
use netform::eval::{Activation, Bindings, Compiled, Exact, Plain, Plan, Program};
use netform::network::Network;
use netform::render::{self, Form, FormOptions, Format, Options};
use netform::syntax::{Assignment, Span};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Pow, ToPrimitive};
use std::sync::OnceLock;

/// The nested form's term limit here: enough for small networks, small
/// enough that one input stays fast.
const MAX_TERMS: u128 = 2_000;

/// The nested form's term limit when comparing the streamed output with the
/// one built in memory.
const STREAM_MAX_TERMS: u128 = 300;

/// Larger networks are only parsed and printed in scalar form, so that one
/// input never takes long.
const MAX_UNITS: usize = 40;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = netform::read::decode(data) else {
        return;
    };
    let Ok(network) = netform::read::network(text) else {
        return;
    };
    for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
        let options = Options {
            format,
            width: 20 + data.len() % 80,
            standalone: data.len().is_multiple_of(2),
        };
        let scalar = render::scalar(&network, &options);
        // Known: JSON with parameter definitions does not read back (README).
        let known = format == Format::Json && !network.definitions.is_empty() && !strict();
        if !options.standalone && !known {
            let again = netform::read::network(&scalar).unwrap_or_else(|e| {
                panic!("scalar {format:?} does not read back: {e:?}\n{scalar}")
            });
            assert_eq!(again, network, "scalar {format:?}:\n{scalar}");
        }
    }
    if network.units.len() > MAX_UNITS {
        return;
    }
    forms(&network);
    streamed(&network, data);
    let _ = netform::rewrite::layered::Layered::of(&network);
    let _ = netform::rewrite::unnest::unnest(&network);
    let _ = netform::analysis::params::Count::of_network(&network).to_string();
    if let Ok(feed) = netform::rewrite::compose::parse_feed("y=y") {
        let _ = netform::rewrite::compose::compose(&network, &network, &feed);
    }
    evaluate(&network);
    exact_is_plain(&network, data);
});

/// Every form in every format; the readable ones must read back.
fn forms(network: &Network) {
    let kinds = [
        (Form::Scalar, false, false),
        (Form::Matrix, false, false),
        (Form::Matrix, true, false),
        (Form::Matrix, false, true),
        (Form::General, false, false),
        (Form::General, true, true),
        (Form::Nested, false, false),
    ];
    for (form, explicit, elide) in kinds {
        for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
            let options = Options {
                format,
                width: 80,
                standalone: false,
            };
            let fo = FormOptions {
                form,
                explicit,
                elide,
                beamer: false,
                max_terms: MAX_TERMS,
            };
            let Ok(text) = render::form(network, &options, &fo) else {
                continue;
            };
            if elide || format == Format::Unicode {
                continue;
            }
            let again = netform::read::network(&text);
            if !strict() {
                continue;
            }
            let again = again.unwrap_or_else(|e| {
                panic!("{form:?} explicit={explicit} {format:?} does not read back: {e:?}\n{text}")
            });
            if form != Form::Nested {
                assert_eq!(
                    &again, network,
                    "{form:?} explicit={explicit} {format:?}:\n{text}"
                );
            }
        }
    }
}

/// With `FUZZ_STRICT=1`, the matrix, general and nested forms must read back
/// too; without, their output is only parsed again (known failures are listed
/// in the README's "Fuzzing" section).
fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("FUZZ_STRICT").is_some_and(|v| v == "1"))
}

/// Every parameter bound to a small rational; every form evaluated exactly
/// and in f64 at a few points, and the exact forms must agree.
fn evaluate(network: &Network) {
    let assignments: Vec<Assignment> = network
        .params
        .iter()
        .enumerate()
        .map(|(i, &p)| Assignment {
            symbol: network.symbols[p].clone(),
            name_span: Span::new(0, 0),
            value: BigRational::new(((i * 7 % 11) as i64 - 5).into(), 3.into()),
            value_span: Span::new(0, 0),
        })
        .collect();
    let Ok((bindings, _)) = Bindings::new(network, &assignments) else {
        return;
    };
    let points: Vec<Vec<BigRational>> = [(-3i64, 2i64), (1, 3), (5, 1)]
        .iter()
        .map(|&(n, d)| {
            network
                .inputs
                .iter()
                .enumerate()
                .map(|(k, _)| BigRational::new((n + k as i64).into(), d.into()))
                .collect()
        })
        .collect();
    if let Ok(exact) = AllForms::<BigRational>::new(network, &bindings, Activation::Relu, MAX_TERMS)
    {
        for p in &points {
            let values = exact.evaluate(p);
            assert!(
                disagreement(&values).is_none(),
                "the forms disagree at {p:?}: {values:?}"
            );
        }
    }
    let float = Compiled::<f64>::new(
        network,
        &bindings,
        Activation::LeakyRelu(BigRational::new(1.into(), 10.into())),
    );
    for p in &points {
        let xs: Vec<f64> = p.iter().map(|v| v.to_f64().unwrap_or(0.0)).collect();
        let _ = float.outputs(&xs);
    }
    if network.inputs.len() == 1 && network.units.len() <= 12 {
        let _ = netform::analysis::regions::regions_1d(network, &bindings, &Activation::Relu, None);
    }
}

/// The nested form written to an `io::Write` is byte for byte the nested
/// form built in memory, in every format, elided or not.
fn streamed(network: &Network, data: &[u8]) {
    for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
        for elide in [false, true] {
            let options = Options {
                format,
                width: 20 + data.len() % 80,
                // A standalone article is fitted to the page, as frames are.
                standalone: false,
            };
            let fo = FormOptions {
                form: Form::Nested,
                explicit: false,
                elide,
                // Beamer frames are fitted to the slide (checked by the
                // LaTeX CI and tests/slides.rs), not laid out in memory.
                beamer: false,
                max_terms: STREAM_MAX_TERMS,
            };
            let reference = render::form_built_in_memory(network, &options, &fo);
            let mut out = Vec::new();
            let written = render::write_form(network, &options, &fo, &mut out);
            match (reference, written) {
                (Ok(reference), Ok(())) => {
                    let out = String::from_utf8(out).expect("write_form writes UTF-8");
                    assert!(
                        out == reference,
                        "streamed nested {format:?} elide={elide} differs:\n{out}\n-- in memory:\n{reference}"
                    );
                }
                (Err(_), Err(render::WriteError::Form(_))) => assert!(out.is_empty()),
                (reference, written) => {
                    panic!("nested {format:?} elide={elide}: in memory {reference:?}, streamed {written:?}")
                }
            }
        }
    }
}

/// Rational numbers taken from the fuzz bytes: mostly small, some huge in
/// numerator or denominator (beyond `i128`), some zero.
struct Numbers<'a> {
    data: &'a [u8],
    at: usize,
}

impl Numbers<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        if self.data.is_empty() {
            return self.at as u8;
        }
        let i = self.data.len() - 1 - (self.at * 7 % self.data.len());
        self.data[i].wrapping_add(self.at as u8)
    }

    fn next(&mut self) -> BigRational {
        let kind = self.byte();
        let n = BigInt::from(self.byte() as i8);
        let d = BigInt::from(self.byte() % 9 + 1);
        let big = || BigInt::from(10u32).pow(20 + u32::from(kind % 32));
        match kind % 8 {
            0 => BigRational::from_integer(BigInt::from(0)),
            1 => BigRational::new(n * big() + 1, d),
            2 => BigRational::new(n + 1, big() + 3),
            3 => BigRational::new(n * big(), big() - 7),
            _ => BigRational::new(n, d),
        }
    }
}

/// `Exact` and `Plain<BigRational>` give the same value in every slot, for
/// parameters and inputs from the bytes, with each activation.
fn exact_is_plain(network: &Network, data: &[u8]) {
    let mut numbers = Numbers { data, at: 0 };
    let assignments: Vec<Assignment> = network
        .params
        .iter()
        .map(|&p| Assignment {
            symbol: network.symbols[p].clone(),
            name_span: Span::new(0, 0),
            value: numbers.next(),
            value_span: Span::new(0, 0),
        })
        .collect();
    let Ok((bindings, _)) = Bindings::new(network, &assignments) else {
        return;
    };
    let slope = numbers.next();
    for activation in [
        Activation::Relu,
        Activation::Identity,
        Activation::LeakyRelu(slope),
    ] {
        let plan = Plan::new(network, &bindings, activation.clone());
        let exact = Exact::new(&plan);
        let plain = Plain::<BigRational>::new(&plan);
        let compiled = Compiled::<BigRational>::new(network, &bindings, activation.clone());
        for _ in 0..3 {
            let x: Vec<BigRational> = network.inputs.iter().map(|_| numbers.next()).collect();
            let want = plain.slots(&x);
            let got = exact.slots(&x);
            assert_eq!(
                got, want,
                "Exact and Plain differ ({activation:?}) at {x:?}"
            );
            let outputs = compiled.outputs(&x);
            let n = network.inputs.len();
            let expected: Vec<BigRational> = network
                .outputs
                .iter()
                .map(|o| {
                    let k = network.units.iter().position(|u| u.name == *o);
                    want[n + k.expect("an output is a unit")].clone()
                })
                .collect();
            assert_eq!(
                outputs, expected,
                "outputs differ ({activation:?}) at {x:?}"
            );
        }
    }
}
