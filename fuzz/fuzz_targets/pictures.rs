//! Arbitrary bytes as a network drawn by `netform plot` and `netform
//! diagram`: the linear regions on an interval (one input) or a box (two
//! inputs) as SVG and PGFPlots, the panels of every hidden unit, and the
//! layered diagram as TikZ and SVG with each kind of label, through the
//! library functions the command line calls.
//!
//! Parameters, the domain and the activation's slope come from the same
//! bytes; networks and limits are kept small so that one input stays fast.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netform::analysis::{regions::regions_1d, regions2d::regions_2d};
use netform::eval::{Activation, Bindings};
use netform::network::Network;
use netform::plot::diagram::{Diagram, Labels, Style};
use netform::plot::{panels, pgfplots, plane, svg, Plot1d};
use netform::render::{self, Format};
use netform::syntax::{Assignment, Span};
use num_rational::BigRational;
use num_traits::{One, Signed};

/// Larger networks are not drawn.
const MAX_UNITS: usize = 24;

/// Two inputs cut a box into many more regions: only small networks.
const MAX_UNITS_2D: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = netform::read::decode(data) else {
        return;
    };
    let Ok(network) = netform::read::network(text) else {
        return;
    };
    if network.units.len() > MAX_UNITS {
        return;
    }
    let mut bytes = Bytes { data, at: 0 };
    diagrams(&network, &mut bytes);
    let assignments: Vec<Assignment> = network
        .params
        .iter()
        .map(|&p| Assignment {
            symbol: network.symbols[p].clone(),
            name_span: Span::new(0, 0),
            value: bytes.number(),
            value_span: Span::new(0, 0),
        })
        .collect();
    let Ok((bindings, _)) = Bindings::new(&network, &assignments) else {
        return;
    };
    let activation = match bytes.byte() % 3 {
        0 => Activation::Relu,
        1 => Activation::Identity,
        _ => Activation::LeakyRelu(bytes.number()),
    };
    let lo = bytes.number();
    let domain = (lo.clone(), lo + bytes.number().abs() + BigRational::one());
    match network.inputs.len() {
        1 => plots(&network, &bindings, &activation, domain),
        2 if network.units.len() <= MAX_UNITS_2D => {
            let one = BigRational::one();
            let second = (&domain.0 - &one, &domain.1 + &domain.1 + &one);
            if let Ok(r) = regions_2d(&network, &bindings, &activation, [domain, second]) {
                for format in [Format::Unicode, Format::Latex] {
                    let spell = |s| render::symbol(&network.symbols, s, format);
                    let inputs = [spell(network.inputs[0]), spell(network.inputs[1])];
                    let outputs: Vec<String> = network.outputs.iter().map(|&o| spell(o)).collect();
                    let _ = plane::svg(&r, &inputs, &outputs);
                    let _ = pgfplots::standalone(&plane::pgfplots(&r, &inputs, &outputs));
                }
            }
        }
        _ => {}
    }
    diagram(
        &network,
        Labels::Values,
        Some(&bindings),
        3 + data.len() % 6,
    );
});

/// `plot` of a network with one input: the regions, then every hidden unit's
/// panels, in SVG and PGFPlots.
fn plots(
    network: &Network,
    bindings: &Bindings,
    activation: &Activation,
    domain: (BigRational, BigRational),
) {
    if let Ok(r) = regions_1d(network, bindings, activation, Some(domain.clone())) {
        if let Some(p) = Plot1d::new(network, &r, Format::Unicode) {
            let _ = svg::plot_1d(&p);
        }
        if let Some(p) = Plot1d::new(network, &r, Format::Latex) {
            let _ = pgfplots::standalone(&pgfplots::plot_1d(&p));
        }
    }
    for format in [Format::Unicode, Format::Latex] {
        if let Ok(rows) = panels::units(network, bindings, activation, domain.clone(), format) {
            match format {
                Format::Latex => {
                    let _ = pgfplots::rows(&rows, 2.6, 1.8);
                }
                _ => {
                    let _ = svg::rows(&rows, 300.0, 220.0);
                }
            }
        }
    }
}

/// `diagram` with symbols and without labels, at a few widths.
fn diagrams(network: &Network, bytes: &mut Bytes) {
    let width = 3 + bytes.byte() as usize % 6;
    diagram(network, Labels::Symbols, None, width);
    diagram(network, Labels::None, None, 3);
}

/// One diagram as TikZ and as SVG.
fn diagram(network: &Network, labels: Labels, bindings: Option<&Bindings>, max_width: usize) {
    for format in [Format::Latex, Format::Unicode] {
        let style = Style {
            format,
            labels,
            bindings,
            max_width,
        };
        if let Ok(d) = Diagram::new(network, &style) {
            match format {
                Format::Latex => {
                    let _ = pgfplots::standalone(&d.tikz());
                }
                _ => {
                    let _ = d.svg();
                }
            }
        }
    }
}

/// Numbers taken from the fuzz bytes, read from the end.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        if self.data.is_empty() {
            return self.at as u8;
        }
        let i = self.data.len() - 1 - (self.at * 7 % self.data.len());
        self.data[i].wrapping_add(self.at as u8)
    }

    /// A small rational, sometimes zero or a large one.
    fn number(&mut self) -> BigRational {
        let kind = self.byte();
        let n = i64::from(self.byte() as i8);
        let d = i64::from(self.byte() % 9 + 1);
        match kind % 8 {
            0 => BigRational::from_integer(0.into()),
            1 => BigRational::new((n * 1_000_000_007).into(), d.into()),
            _ => BigRational::new(n.into(), d.into()),
        }
    }
}
