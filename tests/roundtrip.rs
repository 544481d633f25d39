//! Property tests: random networks written in random spellings read back as
//! the same network, and every output format parses back to the same network
//! with the same exact values.

mod common;

use netform::eval::{Activation, Compiled};
use netform::network::Network;
use netform::render::{self, Format, Options};
use num_rational::BigRational;
use proptest::prelude::*;

/// How a generated network is spelled.
#[derive(Clone, Copy, Debug)]
enum Spelling {
    Latex,
    Unicode,
    Ascii,
}

/// A random fully connected network with random coefficient shapes.
#[derive(Clone, Debug)]
struct Case {
    inputs: usize,
    hidden: Vec<usize>,
    outputs: usize,
    spelling: Spelling,
    /// Per term, a coefficient shape (cycled through).
    shapes: Vec<u8>,
    /// Parameter values as (numerator, denominator), cycled through.
    values: Vec<(i64, i64)>,
    /// Input values.
    point: Vec<(i64, i64)>,
    width: usize,
}

fn case() -> impl Strategy<Value = Case> {
    (
        1usize..=3,
        prop::collection::vec(1usize..=6, 0..=3),
        1usize..=3,
        prop_oneof![
            Just(Spelling::Latex),
            Just(Spelling::Unicode),
            Just(Spelling::Ascii)
        ],
        prop::collection::vec(0u8..8, 1..16),
        prop::collection::vec((-20i64..=20, 1i64..=9), 1..40),
        prop::collection::vec((-20i64..=20, 1i64..=9), 3),
        20usize..=120,
    )
        .prop_map(
            |(inputs, hidden, outputs, spelling, shapes, values, point, width)| Case {
                inputs,
                hidden,
                outputs,
                spelling,
                shapes,
                values,
                point,
                width,
            },
        )
}

impl Case {
    fn var(&self, layer: usize, i: usize) -> String {
        let last = self.hidden.len() + 1;
        let (letter, count) = match layer {
            0 => ("x", self.inputs),
            l if l == last => ("y", self.outputs),
            _ => ("h", usize::MAX),
        };
        let sub: String = if letter == "h" && self.hidden.len() > 1 {
            format!("{layer},{i}")
        } else if count == 1 {
            return letter.to_string();
        } else {
            i.to_string()
        };
        match self.spelling {
            Spelling::Latex => format!("{letter}_{{{sub}}}"),
            Spelling::Unicode => {
                format!("{letter}{}", sub.chars().map(subscript).collect::<String>())
            }
            Spelling::Ascii if sub.contains(',') => format!("{letter}_{{{sub}}}"),
            Spelling::Ascii => format!("{letter}_{sub}"),
        }
    }

    fn param(&self, greek: usize, indices: &[usize]) -> String {
        let digits: String = indices.iter().map(|i| i.to_string()).collect();
        let (latex, unicode, ascii) = [
            ("\\beta", "β", "beta"),
            ("\\omega", "ω", "omega"),
            ("\\theta", "θ", "theta"),
        ][greek];
        match self.spelling {
            Spelling::Latex => format!("{latex}_{{{digits}}}"),
            Spelling::Unicode => format!(
                "{unicode}{}",
                digits.chars().map(subscript).collect::<String>()
            ),
            Spelling::Ascii => format!("{ascii}_{digits}"),
        }
    }

    /// A weight term `coefficient · variable` in the shape chosen for term `n`.
    fn term(&self, n: usize, weight: &str, var: &str) -> String {
        let times = match self.spelling {
            Spelling::Latex => ["", " \\cdot ", " "][n % 3],
            Spelling::Unicode => ["", " · ", "*"][n % 3],
            Spelling::Ascii => [" ", " * ", " "][n % 3],
        };
        let frac = match self.spelling {
            Spelling::Latex => "\\frac{1}{2}",
            _ => "1/2 ",
        };
        let theta = self.param(2, &[n % 10]);
        match self.shapes[n % self.shapes.len()] {
            0 => format!(" - {weight}{times}{var}"),
            1 => format!(" + 2{weight}{times}{var}"),
            2 => format!(" + {frac}{weight}{times}{var}"),
            3 => format!(" + {weight}{times}{theta}{times}{var}"),
            _ => format!(" + {weight}{times}{var}"),
        }
    }

    fn source(&self) -> String {
        let mut widths = vec![self.inputs];
        widths.extend(&self.hidden);
        widths.push(self.outputs);
        let (open, close) = match self.spelling {
            Spelling::Latex => [
                ("a[", "]"),
                ("\\mathrm{a}[", "]"),
                ("\\text{ReLU}[", "]"),
                ("a\\left[", "\\right]"),
            ][self.shapes[0] as usize % 4],
            Spelling::Unicode => ("a[", "]"),
            Spelling::Ascii => ("ReLU[", "]"),
        };
        let mut out = String::new();
        let mut n = 0;
        for layer in 1..widths.len() {
            let hidden = layer < widths.len() - 1;
            for i in 1..=widths[layer] {
                let mut rhs = self.param(0, &[layer - 1, i]);
                for j in 1..=widths[layer - 1] {
                    rhs.push_str(&self.term(
                        n,
                        &self.param(1, &[layer - 1, i, j]),
                        &self.var(layer - 1, j),
                    ));
                    n += 1;
                }
                let rhs = if hidden {
                    format!("{open}{rhs}{close}")
                } else {
                    rhs
                };
                out.push_str(&format!("{} = {rhs}\n", self.var(layer, i)));
            }
        }
        out
    }

    fn params(&self, network: &Network) -> String {
        network
            .params
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let (a, b) = self.values[k % self.values.len()];
                format!("{} = {}/{}\n", network.symbols[p], a + k as i64 % 3, b)
            })
            .collect()
    }

    fn point(&self, network: &Network) -> Vec<BigRational> {
        network
            .inputs
            .iter()
            .enumerate()
            .map(|(k, _)| BigRational::new(self.point[k].0.into(), self.point[k].1.into()))
            .collect()
    }
}

fn subscript(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(0x2080 + c.to_digit(10).unwrap()).unwrap(),
        other => other,
    }
}

fn exact(network: &Network, params: &str, point: &[BigRational]) -> Vec<BigRational> {
    let bindings = common::bind(network, params);
    Compiled::<BigRational>::new(network, &bindings, Activation::Relu).outputs(point)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_format_reads_back_as_the_same_network(c in case()) {
        let source = c.source();
        let network = common::net(&source);
        let params = c.params(&network);
        let point = c.point(&network);
        let values = exact(&network, &params, &point);
        for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
            let options = Options { format, width: c.width, standalone: false };
            let text = render::scalar(&network, &options);
            let again = common::net(&text);
            prop_assert_eq!(&again, &network, "{:?} output:\n{}\nfrom:\n{}", format, text, source);
            prop_assert_eq!(exact(&again, &params, &point), values.clone());
        }
    }

    #[test]
    fn every_spelling_reads_as_the_same_network(c in case()) {
        let base = common::net(&c.source());
        for spelling in [Spelling::Latex, Spelling::Unicode, Spelling::Ascii] {
            let other = Case { spelling, ..c.clone() };
            prop_assert_eq!(&common::net(&other.source()), &base, "{}", other.source());
        }
    }
}
