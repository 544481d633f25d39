//! Is this network the same function as that one? Exact answers for tests.
//!
//! Two ReLU networks compute continuous piecewise-linear functions. They are
//! compared exactly, never by sampling floats:
//!
//! - **One input**: the breakpoints of both on the whole line (or a given
//!   interval) are found exactly ([`crate::analysis::regions`]); between two
//!   neighbouring breakpoints of either network both are affine, so they are
//!   the same function if and only if they agree at every breakpoint and one
//!   point beyond each end. The verdict is a proof either way.
//! - **Two inputs**: the exact linear regions of both on a box
//!   ([`crate::analysis::regions2d`], default `[-1, 1]²`) are overlaid; on
//!   every overlap of positive area the two affine functions are compared,
//!   and where they differ a point inside the overlap is the witness. Also a
//!   proof either way, on the box.
//! - **Three or more inputs**: each output is un-nested into one expression
//!   in the inputs, with the parameter values substituted and every
//!   activation in a canonical form (`a[λz] = λa[z]` for `λ > 0`,
//!   `a[−z] = a[z] − z`); equal expressions are a proof of the same
//!   function. Otherwise the networks are compared at a fixed set of exact
//!   points: a difference is a proof, agreement is reported as
//!   [`Verdict::Undecided`], never as the same.
//!
//! Inputs and outputs are matched by name, so the networks may list them in
//! different orders; different names are an error.
//!
//! ```
//! use netform::testing::{same_function, Verdict};
//! use netform::{compose, Network, Params};
//!
//! // The composition of the slides is the two-layer ψ network.
//! let first = Network::example("compose-first")?;
//! let second = Network::example("compose-second")?;
//! let params = Params::example("compose-first")?.join(&Params::example("compose-second")?)?;
//! let combined = Network::example("compose-combined")?;
//! let verdict = same_function(&compose(&[&first, &second])?, &params, &combined, &Params::example("compose-combined")?)?;
//! assert_eq!(verdict, Verdict::Same);
//!
//! // Change one weight and the first point where they differ comes back.
//! let changed = Params::parse("theta_10 = -1/5; theta_11 = 1; theta_20 = -1/2; theta_21 = 1; \
//!     theta_30 = -4/5; theta_31 = 1; phi_0 = 1/10; phi_1 = 2; phi_2 = -3; phi_3 = 3")?;
//! let Verdict::Differ(difference) = same_function(&first, &Params::example("compose-first")?, &first, &changed)? else {
//!     panic!("expected a difference")
//! };
//! assert_eq!(difference.to_string(), "at x = 9/5, y is 19/10 in the first network and 12/5 in the second");
//! # Ok::<(), netform::Error>(())
//! ```

use crate::analysis::regions2d::{area, regions_2d, Point, Regions2d};
use crate::api::{Error, Params};
use crate::eval::{Activation, Compiled};
use crate::network::Network;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::fmt;

mod symbolic;

/// At most this many pairs of polygons are overlaid when comparing two
/// networks of two inputs; more is refused before any is compared.
pub const MAX_PAIRS: usize = 4_000_000;

/// The outcome of [`same_function`].
///
/// ```
/// use netform::testing::{same_function, Verdict};
/// use netform::{Network, Params};
/// let plane = Network::parse("y = φ_0 + φ_1 x_1 + φ_2 x_2 + φ_3 x_3")?;
/// let p = Params::parse("φ_0 = 0; φ_1 = 1; φ_2 = 2; φ_3 = 3")?;
/// assert_eq!(same_function(&plane, &p, &plane, &p)?, Verdict::Same);
/// # Ok::<(), netform::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The same function on the whole domain compared (proven).
    Same,
    /// Not the same: the first point found where an output differs.
    Differ(Difference),
    /// Three or more inputs: not symbolically equal after un-nesting, and no
    /// difference at any of `points` exact points, which is not a proof.
    Undecided {
        /// How many points were compared.
        points: usize,
    },
}

/// A point where two networks differ; `Display` says so in a sentence.
///
/// ```
/// use netform::testing::{same_function, Verdict};
/// use netform::{Network, Params};
/// let line = Network::parse("y = φ_0 + φ_1 x")?;
/// let (one, two) = (Params::parse("φ_0 = 0; φ_1 = 1")?, Params::parse("φ_0 = 0; φ_1 = 2")?);
/// let Verdict::Differ(d) = same_function(&line, &one, &line, &two)? else { panic!() };
/// assert_eq!(d.to_string(), "at x = -1, y is -1 in the first network and -2 in the second");
/// # Ok::<(), netform::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The inputs, by name, in the first network's order.
    pub point: Vec<(String, BigRational)>,
    /// The first output that differs there.
    pub output: String,
    /// Its value in the first network.
    pub left: BigRational,
    /// Its value in the second network.
    pub right: BigRational,
}

/// Whether `a` with `params_a` and `b` with `params_b` compute the same
/// function: on the whole line for one input, on `[-1, 1]²` for two, at
/// sample points for more (see the [module](self) documentation).
///
/// ```
/// use netform::testing::{same_function, Verdict};
/// use netform::{Network, Params};
/// // a[z] − a[−z] = z: a ReLU pair is the identity.
/// let pair = Network::parse("h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2")?;
/// let pair_params = Params::parse("θ_10 = 0; θ_11 = 1; θ_20 = 0; θ_21 = -1; φ_0 = 0; φ_1 = 1; φ_2 = -1")?;
/// let line = Network::parse("y = φ_0 + φ_1 x")?;
/// let identity = Params::parse("φ_0 = 0; φ_1 = 1")?;
/// assert_eq!(same_function(&pair, &pair_params, &line, &identity)?, Verdict::Same);
/// # Ok::<(), netform::Error>(())
/// ```
pub fn same_function(
    a: &Network,
    params_a: &Params,
    b: &Network,
    params_b: &Params,
) -> Result<Verdict, Error> {
    same_function_on(a, params_a, b, params_b, &[])
}

/// [`same_function`] on a domain: an interval for one input, a box (one
/// range per input, in `a`'s input order) for two; empty for the default.
///
/// ```
/// use netform::testing::{same_function_on, Verdict};
/// use netform::{Network, Params, Rational};
/// let relu = Network::parse("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1")?;
/// let relu_params = Params::parse("θ_10 = 0; θ_11 = 1; φ_0 = 0; φ_1 = 1")?;
/// let line = Network::parse("y = φ_0 + φ_1 x")?;
/// let identity = Params::parse("φ_0 = 0; φ_1 = 1")?;
/// let positive = [(Rational::from_integer(0.into()), Rational::from_integer(5.into()))];
/// assert_eq!(same_function_on(&relu, &relu_params, &line, &identity, &positive)?, Verdict::Same);
/// let Verdict::Differ(d) = same_function_on(&relu, &relu_params, &line, &identity, &[])? else { panic!() };
/// assert_eq!((d.point[0].1.to_string(), d.left.to_string(), d.right.to_string()), ("-1".into(), "0".into(), "-1".into()));
/// # Ok::<(), netform::Error>(())
/// ```
pub fn same_function_on(
    a: &Network,
    params_a: &Params,
    b: &Network,
    params_b: &Params,
    domain: &[(BigRational, BigRational)],
) -> Result<Verdict, Error> {
    let pair = Pair::new(a, params_a, b, params_b)?;
    match a.inputs.len() {
        1 => pair.one_input(domain.first().cloned()),
        2 => pair.two_inputs(domain),
        _ => pair.many_inputs(),
    }
}

/// Panics with the point where `a` and `b` differ, or with the error that
/// kept them from being compared; passes when they are the same (or, with
/// three or more inputs, when no sample point tells them apart).
///
/// ```
/// use netform::{Network, Params};
/// let combined = Network::example("compose-combined")?;
/// let params = Params::example("compose-combined")?;
/// netform::testing::assert_same_function(&combined, &params, &combined, &params);
/// # Ok::<(), netform::Error>(())
/// ```
pub fn assert_same_function(a: &Network, params_a: &Params, b: &Network, params_b: &Params) {
    match same_function(a, params_a, b, params_b) {
        Ok(Verdict::Differ(d)) => panic!("the networks are not the same function: {d}"),
        Err(e) => panic!("the networks could not be compared:\n{e}"),
        Ok(_) => {}
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at: Vec<String> = self
            .point
            .iter()
            .map(|(name, v)| format!("{name} = {v}"))
            .collect();
        write!(
            f,
            "at {}, {} is {} in the first network and {} in the second",
            at.join(", "),
            self.output,
            self.left,
            self.right
        )
    }
}

/// Two networks, bound and compiled, with `b`'s inputs and outputs matched
/// to `a`'s by name.
struct Pair<'n> {
    a: &'n Network,
    b: &'n Network,
    params_a: &'n Params,
    params_b: &'n Params,
    exact_a: Compiled<BigRational>,
    exact_b: Compiled<BigRational>,
    /// `b_inputs[i]`: the position in `b` of `a`'s input `i`.
    b_inputs: Vec<usize>,
    /// `b_outputs[k]`: the position in `b` of `a`'s output `k`.
    b_outputs: Vec<usize>,
}

impl<'n> Pair<'n> {
    fn new(
        a: &'n Network,
        params_a: &'n Params,
        b: &'n Network,
        params_b: &'n Params,
    ) -> Result<Pair<'n>, Error> {
        let b_inputs = matching("inputs", &a.input_names(), &b.input_names())?;
        let b_outputs = matching("outputs", &a.output_names(), &b.output_names())?;
        Ok(Pair {
            exact_a: a.evaluator(params_a, Activation::Relu)?,
            exact_b: b.evaluator(params_b, Activation::Relu)?,
            a,
            b,
            params_a,
            params_b,
            b_inputs,
            b_outputs,
        })
    }

    /// The difference at `point` (in `a`'s input order), if any.
    fn differ_at(&self, point: &[BigRational]) -> Option<Difference> {
        let left = self.exact_a.outputs(point);
        let mut in_b_order = vec![BigRational::zero(); point.len()];
        for (i, &j) in self.b_inputs.iter().enumerate() {
            in_b_order[j] = point[i].clone();
        }
        let right = self.exact_b.outputs(&in_b_order);
        let k = (0..left.len()).find(|&k| left[k] != right[self.b_outputs[k]])?;
        Some(Difference {
            point: self
                .a
                .input_names()
                .into_iter()
                .zip(point.to_vec())
                .collect(),
            output: self.a.output_names()[k].clone(),
            left: left[k].clone(),
            right: right[self.b_outputs[k]].clone(),
        })
    }

    /// The first of `points` where the networks differ.
    fn first_difference(&self, points: impl IntoIterator<Item = Vec<BigRational>>) -> Verdict {
        let mut count = 0;
        for point in points {
            count += 1;
            if let Some(d) = self.differ_at(&point) {
                return Verdict::Differ(d);
            }
        }
        Verdict::Undecided { points: count }
    }

    /// One input: agreement at every breakpoint of either network and one
    /// point beyond each end (or at the ends of the interval) is equality.
    fn one_input(&self, domain: Option<(BigRational, BigRational)>) -> Result<Verdict, Error> {
        let breakpoints = |n: &Network, p: &Params| -> Result<Vec<BigRational>, Error> {
            let r = n.regions(p, domain.clone())?;
            Ok(if domain.is_some() {
                r.breakpoints
            } else {
                r.breakpoints_real_line
            })
        };
        let mut points = breakpoints(self.a, self.params_a)?;
        points.extend(breakpoints(self.b, self.params_b)?);
        match &domain {
            Some((lo, hi)) => points.extend([lo.clone(), hi.clone()]),
            None => {
                let one = BigRational::one();
                let lo = points
                    .iter()
                    .min()
                    .cloned()
                    .unwrap_or_else(BigRational::zero);
                let hi = points
                    .iter()
                    .max()
                    .cloned()
                    .unwrap_or_else(BigRational::zero);
                points.extend([&lo - &one, &hi + &one]);
            }
        }
        points.sort();
        points.dedup();
        Ok(
            match self.first_difference(points.into_iter().map(|x| vec![x])) {
                Verdict::Undecided { .. } => Verdict::Same,
                verdict => verdict,
            },
        )
    }

    /// Two inputs: overlays the linear regions of both networks on the box
    /// and compares their affine functions wherever two regions overlap.
    fn two_inputs(&self, domain: &[(BigRational, BigRational)]) -> Result<Verdict, Error> {
        let unit = || (BigRational::from_integer((-1).into()), BigRational::one());
        let range = |i: usize| domain.get(i).cloned().unwrap_or_else(unit);
        let boxed = [range(0), range(1)];
        let in_b = if self.b_inputs == [0, 1] {
            boxed.clone()
        } else {
            [boxed[1].clone(), boxed[0].clone()]
        };
        let ra = self.regions_2d(self.a, self.params_a, boxed)?;
        let rb = self.regions_2d(self.b, self.params_b, in_b)?;
        let polygons = |r: &Regions2d| r.regions.iter().map(|g| g.polygons.len()).sum::<usize>();
        let pairs = polygons(&ra).saturating_mul(polygons(&rb));
        if pairs > MAX_PAIRS {
            return Err(Error::message(
                "too-large",
                format!("comparing the two networks means overlaying {pairs} pairs of polygons; netform overlays at most {MAX_PAIRS} (netform::testing::MAX_PAIRS): compare them on a smaller box"),
            ));
        }
        let swapped = self.b_inputs != [0, 1];
        for ga in &ra.regions {
            for gb in &rb.regions {
                if same_functions(&ga.functions, &gb.functions, &self.b_outputs, swapped) {
                    continue;
                }
                for pa in &ga.polygons {
                    for pb in &gb.polygons {
                        let pb: Vec<Point> = pb.iter().map(|p| in_a_order(p, swapped)).collect();
                        let overlap = clip(pa, &pb);
                        if overlap.len() < 3 || area(&overlap).is_zero() {
                            continue;
                        }
                        if let Some(d) = self.differ_at(&centroid(&overlap)) {
                            return Ok(Verdict::Differ(d));
                        }
                    }
                }
            }
        }
        Ok(Verdict::Same)
    }

    fn regions_2d(
        &self,
        n: &Network,
        p: &Params,
        boxed: [(BigRational, BigRational); 2],
    ) -> Result<Regions2d, Error> {
        regions_2d(n, &p.bind(n)?, &Activation::Relu, boxed).map_err(|d| Error::new("", vec![d]))
    }

    /// Three or more inputs: equal canonical un-nested forms, or else the
    /// first difference at the sample points.
    fn many_inputs(&self) -> Result<Verdict, Error> {
        let identity: Vec<usize> = (0..self.a.inputs.len()).collect();
        let mut in_a = vec![0; self.b_inputs.len()];
        for (i, &j) in self.b_inputs.iter().enumerate() {
            in_a[j] = i;
        }
        let limit = crate::rewrite::nested::DEFAULT_MAX_TERMS;
        let forms_a = symbolic::outputs(self.a, &self.params_a.bind(self.a)?, &identity, limit);
        let forms_b = symbolic::outputs(self.b, &self.params_b.bind(self.b)?, &in_a, limit);
        if let (Some(fa), Some(fb)) = (forms_a, forms_b) {
            if fa.iter().zip(&self.b_outputs).all(|(f, &k)| *f == fb[k]) {
                return Ok(Verdict::Same);
            }
        }
        Ok(self.sampled())
    }

    /// Three or more inputs: every point whose coordinates are among
    /// −1, −1/3, 0, 1/2 and 1, up to 4096 points, then a fixed pseudo-random
    /// sequence of exact points with small denominators.
    fn sampled(&self) -> Verdict {
        let values: Vec<BigRational> = [(-1, 1), (-1, 3), (0, 1), (1, 2), (1, 1)]
            .iter()
            .map(|&(n, d)| BigRational::new(n.into(), d.into()))
            .collect();
        let dims = self.a.inputs.len();
        let grid = (0..values.len().pow(dims.min(5) as u32)).map(move |mut k| {
            (0..dims)
                .map(|_| {
                    let v = values[k % values.len()].clone();
                    k /= values.len();
                    v
                })
                .collect::<Vec<_>>()
        });
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let random = (0..1024).map(move |_| {
            (0..dims)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let numerator = ((state >> 33) % 401) as i64 - 200;
                    let denominator = ((state >> 20) % 97) as i64 + 1;
                    BigRational::new(numerator.into(), (denominator * 10).into())
                })
                .collect::<Vec<_>>()
        });
        self.first_difference(grid.chain(random))
    }
}

/// Where each of `a`'s names is in `b`; an error unless they are the same names.
fn matching(what: &str, a: &[String], b: &[String]) -> Result<Vec<usize>, Error> {
    let positions: Option<Vec<usize>> = a
        .iter()
        .map(|name| b.iter().position(|other| other == name))
        .collect();
    match positions {
        Some(p) if a.len() == b.len() => Ok(p),
        _ => Err(Error::message(
            "mismatch",
            format!(
                "the networks have different {what}: {} and {}",
                a.join(", "),
                b.join(", ")
            ),
        )),
    }
}

/// Whether two regions' functions are the same for every output, with `b`'s
/// outputs matched to `a`'s and its two inputs swapped if needed.
fn same_functions(
    fa: &[[BigRational; 3]],
    fb: &[[BigRational; 3]],
    b_outputs: &[usize],
    swapped: bool,
) -> bool {
    fa.iter().zip(b_outputs).all(|(f, &k)| {
        let g = &fb[k];
        let g = if swapped {
            [g[1].clone(), g[0].clone(), g[2].clone()]
        } else {
            g.clone()
        };
        *f == g
    })
}

fn in_a_order(p: &Point, swapped: bool) -> Point {
    if swapped {
        [p[1].clone(), p[0].clone()]
    } else {
        p.clone()
    }
}

/// The intersection of two convex polygons (vertices counter-clockwise), by
/// cutting `subject` with each edge of `window` in turn.
fn clip(subject: &[Point], window: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = subject.to_vec();
    for (i, p) in window.iter().enumerate() {
        let q = &window[(i + 1) % window.len()];
        let side =
            |v: &Point| (&q[0] - &p[0]) * (&v[1] - &p[1]) - (&q[1] - &p[1]) * (&v[0] - &p[0]);
        let input = std::mem::take(&mut out);
        for (j, s) in input.iter().enumerate() {
            let e = &input[(j + 1) % input.len()];
            let (ds, de) = (side(s), side(e));
            let negative = |d: &BigRational| *d < BigRational::zero();
            if negative(&ds) != negative(&de) {
                let t = &ds / (&ds - &de);
                out.push([&s[0] + (&e[0] - &s[0]) * &t, &s[1] + (&e[1] - &s[1]) * &t]);
            }
            if !negative(&de) {
                out.push(e.clone());
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

/// The average of a polygon's vertices: inside a convex polygon of positive area.
fn centroid(polygon: &[Point]) -> Vec<BigRational> {
    let n = BigRational::from_integer(polygon.len().into());
    (0..2)
        .map(|c| polygon.iter().map(|p| &p[c]).sum::<BigRational>() / &n)
        .collect()
}
