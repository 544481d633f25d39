//! Figures for the counting commands: exact regions of random networks with one
//! and two inputs, and the bounds of a very deep, wide architecture.
//!
//! A plain program (`harness = false`): `cargo bench --bench analysis` prints
//! one line per case with the time taken and what was found.

/// The allocator the `netform` binary uses, so that the figures are the
/// command line's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use netform::analysis::bounds::Bounds;
use netform::analysis::regions::regions_1d;
use netform::analysis::regions2d::regions_2d;
use netform::eval::{Activation, Bindings};
use netform::network::Network;
use netform::rewrite::arch;
use netform::syntax::{Assignment, Span};
use num_rational::BigRational;
use std::time::Instant;

/// A small deterministic generator (64-bit LCG), so every run sees the same
/// network.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as i64
    }

    /// A rational `k / den` with `|k| ≤ span`.
    fn rational(&mut self, span: i64, den: i64) -> BigRational {
        let k = self.next() % (2 * span + 1) - span;
        BigRational::new(k.into(), den.into())
    }
}

/// The network of `widths` with random weights of size about `1/√width`
/// (eighths of that), so that units switch on and off across the input range.
fn random_network(widths: &[usize], seed: u64) -> (Network, Bindings) {
    let net = arch::network(widths).expect("valid architecture");
    let mut rng = Lcg(seed);
    let den = 8
        * (widths.iter().copied().max().unwrap_or(1) as f64)
            .sqrt()
            .ceil() as i64;
    let assignments: Vec<Assignment> = net
        .params
        .iter()
        .map(|&p| Assignment {
            symbol: net.symbols[p].clone(),
            name_span: Span::new(0, 0),
            value: rng.rational(16, den),
            value_span: Span::new(0, 0),
        })
        .collect();
    let bindings = Bindings::new(&net, &assignments).expect("all bound").0;
    (net, bindings)
}

fn widths(inputs: usize, layers: usize, width: usize) -> Vec<usize> {
    let mut w = vec![inputs];
    w.extend(std::iter::repeat_n(width, layers));
    w.push(1);
    w
}

fn main() {
    let domain = Some((
        BigRational::from_integer((-1).into()),
        BigRational::from_integer(1.into()),
    ));
    for (layers, width) in [(5, 10), (20, 64)] {
        let (net, b) = random_network(&widths(1, layers, width), 7);
        let start = Instant::now();
        let rs = regions_1d(&net, &b, &Activation::Relu, domain.clone()).expect("one input");
        println!(
            "regions, 1 input, {layers} layers of {width}: {:.3} s; {} regions on [-1, 1], {} on the line",
            start.elapsed().as_secs_f64(),
            rs.regions,
            rs.regions_real_line
        );
    }
    let start = Instant::now();
    let b = Bounds::of_arch(&widths(1, 100, 1000)).expect("valid");
    let digits = b
        .value("serra_2018_upper")
        .map_or(0, |n| n.to_str_radix(10).len());
    let json = b.to_json().to_string();
    println!(
        "bound, 100 layers of 1000: {:.3} s (with JSON of {} bytes); Serra upper bound has {digits} digits",
        start.elapsed().as_secs_f64(),
        json.len()
    );
    let (net, b) = random_network(&widths(2, 3, 16), 11);
    let one = BigRational::from_integer(1.into());
    let square = [(-one.clone(), one.clone()), (-one.clone(), one)];
    let start = Instant::now();
    let rs = regions_2d(&net, &b, &Activation::Relu, square).expect("two inputs");
    println!(
        "regions, 2 inputs, 3 layers of 16 on [-1, 1]²: {:.3} s; {} regions from {} cells",
        start.elapsed().as_secs_f64(),
        rs.regions.len(),
        rs.cells
    );
}
