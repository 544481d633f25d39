//! The exact linear regions of a network with one input.
//!
//! A ReLU network of one input computes a continuous piecewise-linear function
//! of `x`. [`regions_1d`] finds its breakpoints and its linear pieces exactly,
//! without sampling: every node's value is kept as a piecewise-linear function
//! on a common grid of breakpoints, and the network is evaluated layer by layer.
//!
//! - An affine combination adds the nodes' slopes and intercepts piece by
//!   piece.
//! - An activation first finds where its argument crosses zero inside a piece
//!   (the root `−c/s` of `s x + c`, an exact rational), inserts those points in
//!   the grid for every node still needed, then applies `a[·]` piece by piece.
//! - After each layer, a breakpoint where no node still needed changes its
//!   slope or intercept is removed, so joints switched off downstream, joints
//!   that coincide and slopes that happen to match leave no trace.
//!
//! Slopes and intercepts are big integers over one positive denominator per
//! node (`a[z/D] = a[z]/D`, so activations keep it), which keeps the inner loop
//! free of rational normalisation; only breakpoints are rationals.

use super::program::{Node, Program};
use crate::diagnostic::Diagnostic;
use crate::eval::{Activation, Bindings};
use crate::network::Network;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::fmt;

/// The linear regions of a network with one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regions1d {
    /// The input's name.
    pub input: String,
    /// The outputs' names, in [`Network::outputs`] order.
    pub outputs: Vec<String>,
    /// The interval looked at, if one was given (otherwise the whole line).
    pub domain: Option<(BigRational, BigRational)>,
    /// Breakpoints of the outputs jointly inside the domain (on the whole line
    /// without one), in increasing order.
    pub breakpoints: Vec<BigRational>,
    /// The number of linear regions in the domain: `breakpoints.len() + 1`.
    pub regions: usize,
    /// Breakpoints of the outputs jointly on the whole real line.
    pub breakpoints_real_line: Vec<BigRational>,
    /// The number of linear regions on the whole real line.
    pub regions_real_line: usize,
    /// The linear pieces in the domain, left to right.
    pub pieces: Vec<Piece>,
    /// The same counts for each output on its own.
    pub per_output: Vec<OutputRegions>,
}

/// One linear piece: on `from < x < to` output `k` is `slope[k] x + intercept[k]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The left end; `None` is −∞.
    pub from: Option<BigRational>,
    /// The right end; `None` is +∞.
    pub to: Option<BigRational>,
    /// Each output's slope.
    pub slope: Vec<BigRational>,
    /// Each output's intercept.
    pub intercept: Vec<BigRational>,
}

/// The breakpoints and regions of one output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputRegions {
    /// The output's name.
    pub output: String,
    /// Its breakpoints in the domain.
    pub breakpoints: Vec<BigRational>,
    /// Its number of linear regions in the domain.
    pub regions: usize,
    /// Its breakpoints on the whole real line.
    pub breakpoints_real_line: Vec<BigRational>,
    /// Its number of linear regions on the whole real line.
    pub regions_real_line: usize,
}

/// A piecewise-linear function on the whole line, with exact breakpoints.
///
/// Invariant: `points` is strictly increasing; piece `j` lies between
/// `points[j − 1]` and `points[j]` (−∞ and +∞ at the ends) and is
/// `(slope[j] x + intercept[j]) / den`, with `den > 0`.
struct Pl {
    points: Vec<BigRational>,
    den: BigInt,
    slope: Vec<BigInt>,
    intercept: Vec<BigInt>,
}

/// Computes the exact linear regions of a network with one input, on the
/// whole real line and on `domain` if given.
///
/// Fails if the network does not have exactly one input, if the domain is
/// empty, if a coefficient has no value, or if the function has more pieces
/// than [`crate::expr::Budget::max_pieces`] (checked before each layer
/// refines the grid).
pub fn regions_1d(
    network: &Network,
    bindings: &Bindings,
    activation: &Activation,
    domain: Option<(BigRational, BigRational)>,
) -> Result<Regions1d, Diagnostic> {
    if network.inputs.len() != 1 {
        let names: Vec<String> = network
            .inputs
            .iter()
            .map(|&s| network.symbols[s].to_string())
            .collect();
        return Err(Diagnostic::global(
            "regions-inputs",
            format!(
                "regions on a line need a network with one input; this one has {} ({})",
                names.len(),
                names.join(", ")
            ),
        )
        .with_help("for two inputs give a box: --domain \"x_1=-1,1; x_2=-1,1\""));
    }
    if network.outputs.is_empty() {
        return Err(Diagnostic::global(
            "regions-outputs",
            "the network has no output",
        ));
    }
    if let Some((a, b)) = &domain {
        if a >= b {
            return Err(Diagnostic::global(
                "domain",
                format!(
                    "the domain {a},{b} is empty: its left end must be less than its right end"
                ),
            ));
        }
    }
    let program = Program::new(network, bindings)?;
    let outputs = propagate(
        &program,
        activation,
        crate::expr::Budget::current().max_pieces,
    )?;
    let name = |s| network.symbols[s].to_string();
    Ok(summarise(
        name(network.inputs[0]),
        network.outputs.iter().map(|&o| name(o)).collect(),
        &outputs,
        domain,
    ))
}

/// The grid every node's function lives on, with each breakpoint as an
/// integer pair and one sample point inside each piece.
struct Grid {
    points: Vec<BigRational>,
    /// `points[i]` as `(numerator, denominator)`, denominator positive.
    ends: Vec<(BigInt, BigInt)>,
    /// A point inside each piece, as `(numerator, denominator)`.
    samples: Vec<(BigInt, BigInt)>,
}

impl Grid {
    fn new(points: Vec<BigRational>) -> Grid {
        let ends = points
            .iter()
            .map(|p| (p.numer().clone(), p.denom().clone()))
            .collect();
        let one = BigRational::one();
        let m = points.len();
        let samples = (0..=m)
            .map(|j| {
                let s = match (j.checked_sub(1).map(|i| &points[i]), points.get(j)) {
                    (None, None) => BigRational::zero(),
                    (None, Some(r)) => r - &one,
                    (Some(l), None) => l + &one,
                    (Some(l), Some(r)) => (l + r) / BigRational::from_integer(2.into()),
                };
                (s.numer().clone(), s.denom().clone())
            })
            .collect();
        Grid {
            points,
            ends,
            samples,
        }
    }

    fn pieces(&self) -> usize {
        self.points.len() + 1
    }
}

/// A node's value on the grid: `(slope[j] x + intercept[j]) / den` on piece `j`.
#[derive(Clone, Debug)]
struct Value {
    den: BigInt,
    slope: Vec<BigInt>,
    intercept: Vec<BigInt>,
}

/// Evaluates the program on piecewise-linear functions; returns each output's
/// function, or refuses once the grid would have more than `max_pieces`
/// pieces, before building it.
///
/// Each round visits only its own nodes and the values still live, so a
/// chain of 100,000 layers costs time linear in its length.
fn propagate(
    program: &Program,
    activation: &Activation,
    max_pieces: u64,
) -> Result<Vec<Pl>, Diagnostic> {
    let rounds = program.rounds();
    let mut by_depth: Vec<Vec<usize>> = vec![Vec::new(); rounds + 1];
    let mut acts_by_depth: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rounds + 1];
    for (i, node) in program.nodes.iter().enumerate() {
        by_depth[program.depth[i]].push(i);
        if let Node::Act(s) = node {
            acts_by_depth[program.depth[i]].push((i, *s));
        }
    }
    let mut grid = Grid::new(Vec::new());
    let mut values: Vec<Option<Value>> = vec![None; program.nodes.len()];
    let mut live: Vec<usize> = Vec::new();
    for round in 0..rounds {
        for &i in &by_depth[round] {
            match &program.nodes[i] {
                Node::Input(_) => values[i] = Some(input_value(grid.pieces())),
                Node::Affine { bias, terms } => {
                    values[i] = Some(affine(bias, terms, &values, grid.pieces()))
                }
                Node::Act(_) => continue,
            }
            live.push(i);
        }
        let acts = &acts_by_depth[round + 1];
        if *activation != Activation::Identity {
            let mut crossings = Vec::new();
            for &(_, s) in acts {
                if let Some(v) = &values[s] {
                    zero_crossings(v, &grid, &mut crossings);
                }
            }
            if !crossings.is_empty() {
                let pieces = grid.pieces() as u64 + crossings.len() as u64;
                if pieces > max_pieces {
                    return Err(too_many_pieces(pieces, max_pieces));
                }
                refine(&mut grid, &mut values, &live, crossings);
            }
        }
        for &(i, s) in acts {
            values[i] = values[s].as_ref().map(|v| activate(v, &grid, activation));
            live.push(i);
        }
        program.retire(&mut live, &mut values, round);
        simplify(&mut grid, &mut values, &live);
    }
    Ok(program
        .outputs
        .iter()
        .map(|&o| {
            let v = values[o]
                .clone()
                .unwrap_or_else(|| input_value(grid.pieces()));
            Pl {
                points: grid.points.clone(),
                den: v.den,
                slope: v.slope,
                intercept: v.intercept,
            }
        })
        .collect())
}

/// The refusal of a grid with too many pieces.
fn too_many_pieces(pieces: u64, max: u64) -> Diagnostic {
    Diagnostic::global(
        "too-many-pieces",
        format!(
            "the network's function has at least {pieces} linear pieces, more than the limit of {max}; raise it with --max-pieces {pieces}"
        ),
    )
    .with_help("a narrower --domain does not help: the pieces are found on the whole line")
}

fn input_value(pieces: usize) -> Value {
    Value {
        den: BigInt::one(),
        slope: vec![BigInt::one(); pieces],
        intercept: vec![BigInt::zero(); pieces],
    }
}

/// `bias + Σ coef · value`, over the least common denominator.
fn affine(
    bias: &BigRational,
    terms: &[(BigRational, usize)],
    values: &[Option<Value>],
    pieces: usize,
) -> Value {
    let mut den = bias.denom().clone();
    let mut scaled: Vec<(BigRational, &Value)> = Vec::with_capacity(terms.len());
    for (coef, s) in terms {
        if let Some(v) = &values[*s] {
            let r = coef / BigRational::from_integer(v.den.clone());
            den = den.lcm(r.denom());
            scaled.push((r, v));
        }
    }
    let bias_int = bias.numer() * (&den / bias.denom());
    let mut slope = vec![BigInt::zero(); pieces];
    let mut intercept = vec![bias_int; pieces];
    for (r, v) in scaled {
        let m = r.numer() * (&den / r.denom());
        for (acc, s) in slope.iter_mut().zip(&v.slope) {
            if !s.is_zero() {
                *acc += &m * s;
            }
        }
        for (acc, c) in intercept.iter_mut().zip(&v.intercept) {
            if !c.is_zero() {
                *acc += &m * c;
            }
        }
    }
    reduce(Value {
        den,
        slope,
        intercept,
    })
}

/// Divides numerators and denominator by their greatest common divisor.
fn reduce(mut v: Value) -> Value {
    let mut g = v.den.clone();
    for x in v.slope.iter().chain(&v.intercept) {
        if g.is_one() {
            return v;
        }
        if !x.is_zero() {
            g = g.gcd(x);
        }
    }
    if !g.is_one() {
        v.den /= &g;
        v.slope.iter_mut().for_each(|x| *x /= &g);
        v.intercept.iter_mut().for_each(|x| *x /= &g);
    }
    v
}

/// The sign of `s · n/d + c` for `d > 0`, as the sign of `s n + c d`.
fn sign_at(s: &BigInt, c: &BigInt, (n, d): &(BigInt, BigInt)) -> Sign {
    (s * n + c * d).sign()
}

/// Pushes `(piece, root)` for every piece inside which `v` crosses zero.
fn zero_crossings(v: &Value, grid: &Grid, out: &mut Vec<(usize, BigRational)>) {
    let m = grid.points.len();
    for j in 0..=m {
        let (s, c) = (&v.slope[j], &v.intercept[j]);
        if s.is_zero() {
            continue;
        }
        let left = if j == 0 {
            -s.sign()
        } else {
            sign_at(s, c, &grid.ends[j - 1])
        };
        let right = if j == m {
            s.sign()
        } else {
            sign_at(s, c, &grid.ends[j])
        };
        if left != Sign::NoSign && right != Sign::NoSign && left != right {
            out.push((j, BigRational::new(-c, s.clone())));
        }
    }
}

/// Inserts the crossings into the grid and copies every live value onto the
/// finer grid.
fn refine(
    grid: &mut Grid,
    values: &mut [Option<Value>],
    live: &[usize],
    mut crossings: Vec<(usize, BigRational)>,
) {
    crossings.sort();
    crossings.dedup();
    let old = std::mem::take(&mut grid.points);
    let mut points = Vec::with_capacity(old.len() + crossings.len());
    let mut from = Vec::with_capacity(old.len() + crossings.len() + 1);
    let mut next = crossings.into_iter().peekable();
    for j in 0..=old.len() {
        while let Some((_, root)) = next.next_if(|(piece, _)| *piece == j) {
            points.push(root);
            from.push(j);
        }
        from.push(j);
        if let Some(p) = old.get(j) {
            points.push(p.clone());
        }
    }
    for &i in live {
        let Some(v) = values[i].as_mut() else {
            continue;
        };
        v.slope = from.iter().map(|&j| v.slope[j].clone()).collect();
        v.intercept = from.iter().map(|&j| v.intercept[j].clone()).collect();
    }
    *grid = Grid::new(points);
}

/// Applies the activation piece by piece; no piece of `v` crosses zero inside.
fn activate(v: &Value, grid: &Grid, activation: &Activation) -> Value {
    let (neg, pos) = match activation {
        Activation::Relu => (BigInt::zero(), BigInt::one()),
        Activation::Identity => return v.clone(),
        Activation::LeakyRelu(a) => (a.numer().clone(), a.denom().clone()),
    };
    let mut out = Value {
        den: &v.den * &pos,
        slope: Vec::with_capacity(v.slope.len()),
        intercept: Vec::with_capacity(v.slope.len()),
    };
    for (j, sample) in grid.samples.iter().enumerate() {
        let factor = if sign_at(&v.slope[j], &v.intercept[j], sample) == Sign::Minus {
            &neg
        } else {
            &pos
        };
        out.slope.push(&v.slope[j] * factor);
        out.intercept.push(&v.intercept[j] * factor);
    }
    reduce(out)
}

/// Removes every breakpoint at which no live value changes.
fn simplify(grid: &mut Grid, values: &mut [Option<Value>], live_nodes: &[usize]) {
    let m = grid.points.len();
    if m == 0 {
        return;
    }
    let live: Vec<&Value> = live_nodes
        .iter()
        .filter_map(|&i| values[i].as_ref())
        .collect();
    let keep_piece: Vec<bool> = (0..=m)
        .map(|j| {
            j == 0
                || live
                    .iter()
                    .any(|v| v.slope[j] != v.slope[j - 1] || v.intercept[j] != v.intercept[j - 1])
        })
        .collect();
    if keep_piece.iter().all(|&k| k) {
        return;
    }
    let points = grid
        .points
        .iter()
        .enumerate()
        .filter(|(i, _)| keep_piece[i + 1])
        .map(|(_, p)| p.clone())
        .collect();
    for &i in live_nodes {
        let Some(v) = values[i].as_mut() else {
            continue;
        };
        let mut j = 0;
        v.slope.retain(|_| (keep_piece[j], j += 1).0);
        j = 0;
        v.intercept.retain(|_| (keep_piece[j], j += 1).0);
    }
    *grid = Grid::new(points);
}

/// The indices `k` at which piece `k + 1` differs from piece `k` for any of `fs`.
fn changes(fs: &[&Pl]) -> Vec<usize> {
    let m = fs.first().map_or(0, |f| f.points.len());
    (0..m)
        .filter(|&k| {
            fs.iter()
                .any(|f| f.slope[k] != f.slope[k + 1] || f.intercept[k] != f.intercept[k + 1])
        })
        .collect()
}

fn inside(p: &BigRational, domain: &Option<(BigRational, BigRational)>) -> bool {
    domain.as_ref().is_none_or(|(a, b)| a < p && p < b)
}

fn summarise(
    input: String,
    names: Vec<String>,
    outputs: &[Pl],
    domain: Option<(BigRational, BigRational)>,
) -> Regions1d {
    let all: Vec<&Pl> = outputs.iter().collect();
    let points = &outputs[0].points;
    let joint = changes(&all);
    let real: Vec<BigRational> = joint.iter().map(|&k| points[k].clone()).collect();
    let in_domain: Vec<BigRational> = real
        .iter()
        .filter(|p| inside(p, &domain))
        .cloned()
        .collect();
    let mut pieces = Vec::with_capacity(joint.len() + 1);
    let starts = std::iter::once(0).chain(joint.iter().map(|&k| k + 1));
    let ends = joint
        .iter()
        .map(|&k| Some(points[k].clone()))
        .chain(std::iter::once(None));
    let mut from: Option<BigRational> = None;
    for (start, to) in starts.zip(ends) {
        let piece = Piece {
            from: from.clone(),
            to: to.clone(),
            slope: outputs
                .iter()
                .map(|f| BigRational::new(f.slope[start].clone(), f.den.clone()))
                .collect(),
            intercept: outputs
                .iter()
                .map(|f| BigRational::new(f.intercept[start].clone(), f.den.clone()))
                .collect(),
        };
        from = to;
        if let Some(clipped) = clip(piece, &domain) {
            pieces.push(clipped);
        }
    }
    let per_output = outputs
        .iter()
        .zip(&names)
        .map(|(f, name)| {
            let real: Vec<BigRational> = changes(&[f])
                .into_iter()
                .map(|k| points[k].clone())
                .collect();
            let breakpoints: Vec<BigRational> = real
                .iter()
                .filter(|p| inside(p, &domain))
                .cloned()
                .collect();
            OutputRegions {
                output: name.clone(),
                regions: breakpoints.len() + 1,
                breakpoints,
                regions_real_line: real.len() + 1,
                breakpoints_real_line: real,
            }
        })
        .collect();
    Regions1d {
        input,
        outputs: names,
        domain,
        regions: in_domain.len() + 1,
        breakpoints: in_domain,
        regions_real_line: real.len() + 1,
        breakpoints_real_line: real,
        pieces,
        per_output,
    }
}

/// The part of a piece inside the domain, if it has positive length.
fn clip(mut piece: Piece, domain: &Option<(BigRational, BigRational)>) -> Option<Piece> {
    let Some((a, b)) = domain else {
        return Some(piece);
    };
    if piece.to.as_ref().is_some_and(|t| t <= a) || piece.from.as_ref().is_some_and(|f| f >= b) {
        return None;
    }
    if piece.from.as_ref().is_none_or(|f| f < a) {
        piece.from = Some(a.clone());
    }
    if piece.to.as_ref().is_none_or(|t| t > b) {
        piece.to = Some(b.clone());
    }
    Some(piece)
}

fn strings(v: &[BigRational]) -> serde_json::Value {
    v.iter()
        .map(|r| serde_json::Value::String(r.to_string()))
        .collect()
}

fn end(r: &Option<BigRational>) -> serde_json::Value {
    r.as_ref()
        .map_or(serde_json::Value::Null, |r| r.to_string().into())
}

impl Regions1d {
    /// The regions as JSON: `{"domain": ["-1","1"], "breakpoints": […],
    /// "regions": 9, "breakpoints_real_line": […], "regions_real_line": 10,
    /// "pieces": [{"from": …, "to": …, "slope": […], "intercept": […]}],
    /// "per_output": […]}`. Numbers are exact rationals as strings (`"-1/2"`);
    /// an infinite end of a piece is `null`.
    pub fn to_json(&self) -> serde_json::Value {
        let domain = match &self.domain {
            Some((a, b)) => serde_json::json!([a.to_string(), b.to_string()]),
            None => serde_json::Value::Null,
        };
        let pieces: Vec<serde_json::Value> = self
            .pieces
            .iter()
            .map(|p| serde_json::json!({"from": end(&p.from), "to": end(&p.to), "slope": strings(&p.slope), "intercept": strings(&p.intercept)}))
            .collect();
        let per_output: Vec<serde_json::Value> = self
            .per_output
            .iter()
            .map(|o| {
                serde_json::json!({
                    "output": o.output,
                    "breakpoints": strings(&o.breakpoints),
                    "regions": o.regions,
                    "breakpoints_real_line": strings(&o.breakpoints_real_line),
                    "regions_real_line": o.regions_real_line,
                })
            })
            .collect();
        serde_json::json!({
            "input": self.input,
            "outputs": self.outputs,
            "domain": domain,
            "breakpoints": strings(&self.breakpoints),
            "regions": self.regions,
            "breakpoints_real_line": strings(&self.breakpoints_real_line),
            "regions_real_line": self.regions_real_line,
            "pieces": pieces,
            "per_output": per_output,
        })
    }
}

impl fmt::Display for Regions1d {
    /// The counts, the breakpoints, and one line per piece with each output's
    /// affine function.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[BigRational]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let x = &self.input;
        match &self.domain {
            Some((a, b)) => {
                writeln!(f, "linear regions on {a} ≤ {x} ≤ {b}: {}", self.regions)?;
                writeln!(f, "breakpoints: {}", list(&self.breakpoints))?;
                writeln!(
                    f,
                    "linear regions on the whole line: {}",
                    self.regions_real_line
                )?;
                writeln!(
                    f,
                    "breakpoints on the whole line: {}",
                    list(&self.breakpoints_real_line)
                )?;
            }
            None => {
                writeln!(
                    f,
                    "linear regions on the whole line: {}",
                    self.regions_real_line
                )?;
                writeln!(f, "breakpoints: {}", list(&self.breakpoints_real_line))?;
            }
        }
        writeln!(f, "pieces:")?;
        for p in &self.pieces {
            let from = p.from.as_ref().map_or("−∞".to_string(), |r| r.to_string());
            let to = p.to.as_ref().map_or("+∞".to_string(), |r| r.to_string());
            let fns: Vec<String> = self
                .outputs
                .iter()
                .zip(p.slope.iter().zip(&p.intercept))
                .map(|(y, (s, c))| format!("{y} = {}", affine_text(s, c, x)))
                .collect();
            writeln!(f, "  {from} < {x} < {to}: {}", fns.join(", "))?;
        }
        if self.per_output.len() > 1 {
            writeln!(f, "per output:")?;
            for o in &self.per_output {
                let here = if self.domain.is_some() {
                    format!("{} in the domain, ", o.regions)
                } else {
                    String::new()
                };
                writeln!(
                    f,
                    "  {}: {here}{} on the whole line",
                    o.output, o.regions_real_line
                )?;
            }
        }
        Ok(())
    }
}

/// `3/2 x − 1/4`, `−x`, `0`.
fn affine_text(s: &BigRational, c: &BigRational, x: &str) -> String {
    let slope = if s.is_zero() {
        String::new()
    } else if s.is_one() {
        x.to_string()
    } else if *s == -BigRational::one() {
        format!("−{x}")
    } else {
        format!("{} {x}", s.to_string().replace('-', "−"))
    };
    match (slope.is_empty(), c.is_zero()) {
        (true, _) => c.to_string().replace('-', "−"),
        (false, true) => slope,
        (false, false) => {
            let sign = if c.is_negative() { "−" } else { "+" };
            format!("{slope} {sign} {}", c.abs())
        }
    }
}
