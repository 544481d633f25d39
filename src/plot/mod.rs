//! Pictures of networks: the function of a one-input network drawn exactly,
//! and the network itself as neurons and connections.
//!
//! The math lives in [`crate::analysis`]; this module only draws it. A
//! [`Plot1d`] is built from [`regions_1d`](crate::analysis::regions::regions_1d):
//! its polylines pass through the exact breakpoints (no sampling), and the
//! writers ([`svg`], [`pgfplots`]) print decimal coordinates for drawing
//! beside the exact rationals (SVG `data-x`/`data-y` attributes, a PGFPlots
//! comment per coordinate), so a test can read the picture back and compare
//! it with `regions` and `eval` exactly.
//!
//! Invariant: output is deterministic; every number is printed with a fixed
//! number of decimals.
//!
//! ```
//! use netform::analysis::regions::regions_1d;
//! use netform::eval::{Activation, Bindings};
//! use netform::plot::{svg, Plot1d};
//! use netform::render::Format;
//! use num_rational::BigRational;
//!
//! let network = netform::read::network("h_1 = a[theta_10 + theta_11 x]; y = phi_0 + phi_1 h_1").unwrap();
//! let values = netform::syntax::parse_values("theta_10 = -1/5; theta_11 = 1; phi_0 = 0; phi_1 = 2").unwrap();
//! let (bindings, _) = Bindings::new(&network, &values).unwrap();
//! let domain = (BigRational::from_integer((-1).into()), BigRational::from_integer(1.into()));
//! let regions = regions_1d(&network, &bindings, &Activation::Relu, Some(domain)).unwrap();
//! let plot = Plot1d::new(&network, &regions, Format::Unicode).unwrap();
//! let picture = svg::plot_1d(&plot);
//! // The breakpoint x = 1/5, where y = 0, is marked with its exact value.
//! assert!(picture.contains(r#"data-x="1/5" data-y="0""#));
//! ```

pub mod axis;
pub mod bounds;
pub mod diagram;
mod diagram_draw;
pub mod panels;
pub mod pgfplots;
pub mod plane;
pub mod svg;

use crate::analysis::regions::Regions1d;
use crate::network::Network;
use crate::render::{self, Format};
use num_rational::BigRational;
use num_traits::ToPrimitive;

/// A point with exact coordinates.
pub type Point = (BigRational, BigRational);

/// The function of a one-input network on an interval, ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plot1d {
    /// The input's name, spelled for the picture.
    pub input: String,
    /// The interval drawn.
    pub domain: (BigRational, BigRational),
    /// Ends of the linear regions: the domain's ends and the joint
    /// breakpoints inside it, in increasing order.
    pub edges: Vec<BigRational>,
    /// One curve per output.
    pub series: Vec<Series>,
}

/// One output's curve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// The output's name, spelled for the picture.
    pub name: String,
    /// The polyline's vertices: the output at every entry of
    /// [`Plot1d::edges`], exactly.
    pub vertices: Vec<Point>,
    /// The output's own breakpoints with its values there.
    pub breakpoints: Vec<Point>,
}

impl Plot1d {
    /// Builds the curves of every output from exact regions computed on a
    /// domain, spelling names in `format` (Unicode for SVG, LaTeX for
    /// PGFPlots).
    ///
    /// Returns `None` when the regions were computed without a domain.
    pub fn new(network: &Network, regions: &Regions1d, format: Format) -> Option<Plot1d> {
        let domain = regions.domain.clone()?;
        let mut edges = vec![domain.0.clone()];
        edges.extend(regions.breakpoints.iter().cloned());
        edges.push(domain.1.clone());
        let spell = |s| render::symbol(&network.symbols, s, format);
        let series = network
            .outputs
            .iter()
            .enumerate()
            .map(|(k, &o)| Series {
                name: spell(o),
                vertices: edges
                    .iter()
                    .map(|x| (x.clone(), value(regions, k, x)))
                    .collect(),
                breakpoints: regions.per_output[k]
                    .breakpoints
                    .iter()
                    .map(|x| (x.clone(), value(regions, k, x)))
                    .collect(),
            })
            .collect();
        Some(Plot1d {
            input: spell(network.inputs[0]),
            domain,
            edges,
            series,
        })
    }

    /// Checks that the picture can be drawn in f64 coordinates: every end,
    /// breakpoint and value finite, and the domain wide enough for f64 to
    /// tell its ends apart, so that no NaN or infinity reaches a coordinate
    /// or a label and the curve does not collapse to a point.
    pub fn drawable(&self) -> Result<(), String> {
        let xs = self.edges.iter();
        let ys = self
            .series
            .iter()
            .flat_map(|s| s.vertices.iter().map(|(_, y)| y));
        check_drawable(xs, ys, &self.domain)
    }

    /// The smallest and largest value of any output, as decimals.
    pub fn value_range(&self) -> (f64, f64) {
        let ys = self
            .series
            .iter()
            .flat_map(|s| s.vertices.iter().map(|(_, y)| decimal(y)));
        let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
            (lo.min(y), hi.max(y))
        });
        if lo.is_finite() {
            (lo, hi)
        } else {
            (0.0, 1.0)
        }
    }
}

/// Output `k` at `x`, from the linear piece whose closure holds `x`.
fn value(regions: &Regions1d, k: usize, x: &BigRational) -> BigRational {
    let holds = |p: &&crate::analysis::regions::Piece| {
        p.from.as_ref().is_none_or(|a| a <= x) && p.to.as_ref().is_none_or(|b| x <= b)
    };
    regions
        .pieces
        .iter()
        .find(holds)
        .map(|p| &p.slope[k] * x + &p.intercept[k])
        .unwrap_or_default()
}

/// A rational as a decimal for drawing.
pub fn decimal(q: &BigRational) -> f64 {
    q.to_f64().unwrap_or(0.0)
}

/// The largest coordinate a picture draws: far from f64's limit, so that
/// differences, scales and tick steps computed from it stay finite.
pub const MAX_COORDINATE: f64 = 1e100;

/// The check behind [`Plot1d::drawable`] and the plane's: `xs` and `ys`
/// finite in f64 and the interval `domain` resolved by it.
pub fn check_drawable<'a>(
    xs: impl Iterator<Item = &'a BigRational>,
    ys: impl Iterator<Item = &'a BigRational>,
    domain: &(BigRational, BigRational),
) -> Result<(), String> {
    let finite = |q: &BigRational| q.to_f64().is_some_and(|f| f.abs() <= MAX_COORDINATE);
    if let Some(x) = xs.into_iter().find(|x| !finite(x)) {
        return Err(format!(
            "the domain reaches {}, beyond what a picture's coordinates hold (±1e100); choose a --domain within it",
            short(x)
        ));
    }
    if let Some(y) = ys.into_iter().find(|y| !finite(y)) {
        return Err(format!(
            "the network's value reaches {}, beyond what a picture's coordinates hold (±1e100); choose a smaller --domain",
            short(y)
        ));
    }
    let (a, b) = (decimal(&domain.0), decimal(&domain.1));
    let scale = a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
    if b - a <= scale * 1e-12 {
        return Err(format!(
            "the domain is only {:e} wide at {}: a picture's f64 coordinates cannot tell its points apart; widen --domain (regions gives the exact pieces)",
            decimal(&(&domain.1 - &domain.0)),
            short(&domain.0)
        ));
    }
    Ok(())
}

/// A number as a message quotes it: exactly when short, else in f64 or by
/// its number of digits.
fn short(q: &BigRational) -> String {
    let exact = q.to_string();
    if exact.len() <= 40 {
        return exact;
    }
    match q.to_f64().filter(|f| f.is_finite()) {
        Some(f) => format!("{f:e}"),
        None => format!("a number of {} digits", q.numer().to_string().len()),
    }
}

/// A rational written exactly: `3`, `-3/10`.
pub fn exact(q: &BigRational) -> String {
    q.to_string()
}
