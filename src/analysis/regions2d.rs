//! The exact linear regions of a network with two inputs, on a box.
//!
//! The box is cut into convex cells on which every node is affine, layer by
//! layer as in [`regions`](super::regions): an activation cuts each cell along
//! the line where its argument is zero (when that line crosses the cell's
//! interior), then applies `a[·]` cell by cell. Cells are convex polygons with
//! exact rational vertices.
//!
//! At the end, neighbouring cells (sharing a stretch of edge) on which the
//! outputs have the same affine functions are joined into one linear region.
//! A region whose cells make up a convex polygon (the convex hull of their
//! vertices has the same area as the cells together, exactly) is reported as
//! that one polygon; a region that is not convex keeps its convex cells.

use super::program::{Node, Program};
use crate::diagnostic::Diagnostic;
use crate::eval::{Activation, Bindings};
use crate::network::Network;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::collections::HashMap;
use std::fmt;

/// A point of the plane, `[x_1, x_2]`.
pub type Point = [BigRational; 2];

/// An affine function of the two inputs: `g_1 x_1 + g_2 x_2 + c` as `[g_1, g_2, c]`.
pub type Affine2 = [BigRational; 3];

/// Polygon cuts allowed per cell of [`crate::expr::Budget::max_pieces`]:
/// cutting the box costs one cut per line and piece of a cell, and the
/// numbers grow with each cut, so the cuts are bounded as well as the cells.
pub const CUTS_PER_CELL: u64 = 1;

/// The linear regions of a network with two inputs on a box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regions2d {
    /// The two inputs' names.
    pub inputs: [String; 2],
    /// The outputs' names.
    pub outputs: Vec<String>,
    /// The box: the range of each input.
    pub domain: [(BigRational, BigRational); 2],
    /// The linear regions, in the order their first cells were cut.
    pub regions: Vec<Region>,
    /// How many convex cells the box was cut into before joining.
    pub cells: usize,
}

/// One linear region: where every output is one affine function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// Convex polygons that tile the region, vertices counter-clockwise; one
    /// polygon when the region is convex.
    pub polygons: Vec<Vec<Point>>,
    /// Whether the region is convex.
    pub convex: bool,
    /// Its area.
    pub area: BigRational,
    /// Each output's function on it.
    pub functions: Vec<Affine2>,
}

/// Computes the exact partition of `domain` (the range of each input, in
/// [`Network::inputs`] order) into linear regions.
///
/// Fails if the network does not have two inputs, if the box is empty, or if
/// the partition has more cells than [`crate::expr::Budget::max_pieces`]
/// or needs more than [`CUTS_PER_CELL`] times as many polygon cuts, both
/// checked as the cells are cut.
pub fn regions_2d(
    network: &Network,
    bindings: &Bindings,
    activation: &Activation,
    domain: [(BigRational, BigRational); 2],
) -> Result<Regions2d, Diagnostic> {
    if network.inputs.len() != 2 {
        return Err(Diagnostic::global(
            "regions-inputs",
            format!(
                "regions on a box need a network with two inputs; this one has {}",
                network.inputs.len()
            ),
        ));
    }
    if network.outputs.is_empty() {
        return Err(Diagnostic::global(
            "regions-outputs",
            "the network has no output",
        ));
    }
    for (lo, hi) in &domain {
        if lo >= hi {
            return Err(Diagnostic::global(
                "domain",
                format!(
                    "the range {lo},{hi} is empty: its left end must be less than its right end"
                ),
            ));
        }
    }
    let program = Program::new(network, bindings)?;
    let (cells, functions) = propagate(&program, activation, &domain)?;
    let name = |s| network.symbols[s].to_string();
    Ok(Regions2d {
        inputs: [name(network.inputs[0]), name(network.inputs[1])],
        outputs: network.outputs.iter().map(|&o| name(o)).collect(),
        domain,
        cells: cells.len(),
        regions: join(cells, functions),
    })
}

/// Evaluates the program cell by cell; returns the cells and each output's
/// function on each cell.
#[allow(clippy::type_complexity)]
fn propagate(
    program: &Program,
    activation: &Activation,
    domain: &[(BigRational, BigRational); 2],
) -> Result<(Vec<Vec<Point>>, Vec<Vec<Affine2>>), Diagnostic> {
    let [(x0, x1), (y0, y1)] = domain;
    let mut cells: Vec<Vec<Point>> = vec![vec![
        [x0.clone(), y0.clone()],
        [x1.clone(), y0.clone()],
        [x1.clone(), y1.clone()],
        [x0.clone(), y1.clone()],
    ]];
    let mut values: Vec<Option<Vec<Affine2>>> = vec![None; program.nodes.len()];
    // Each round visits its own nodes and the values still live, so a deep
    // chain costs time linear in its depth.
    let rounds = program.rounds();
    let mut by_depth: Vec<Vec<usize>> = vec![Vec::new(); rounds + 1];
    let mut acts_by_depth: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rounds + 1];
    for (i, node) in program.nodes.iter().enumerate() {
        by_depth[program.depth[i]].push(i);
        if let Node::Act(s) = node {
            acts_by_depth[program.depth[i]].push((i, *s));
        }
    }
    let mut live: Vec<usize> = Vec::new();
    for round in 0..rounds {
        for &i in &by_depth[round] {
            let node = &program.nodes[i];
            if !matches!(node, Node::Act(_)) {
                live.push(i);
            }
            match node {
                Node::Input(k) => {
                    let mut f = [
                        BigRational::zero(),
                        BigRational::zero(),
                        BigRational::zero(),
                    ];
                    f[*k] = BigRational::one();
                    values[i] = Some(vec![f; cells.len()]);
                }
                Node::Affine { bias, terms } => {
                    values[i] = Some(affine(bias, terms, &values, cells.len()))
                }
                Node::Act(_) => {}
            }
        }
        let acts = &acts_by_depth[round + 1];
        if *activation != Activation::Identity && !acts.is_empty() {
            let lines: Vec<&Vec<Affine2>> = acts
                .iter()
                .filter_map(|&(_, s)| values[s].as_ref())
                .collect();
            let (split, from) = cut(&cells, &lines)?;
            if from.len() != cells.len() {
                for &i in &live {
                    if let Some(v) = values[i].as_mut() {
                        *v = from.iter().map(|&c| v[c].clone()).collect();
                    }
                }
            }
            cells = split;
        }
        let centres: Vec<Point> = cells.iter().map(|c| centre(c)).collect();
        for &(i, s) in acts {
            values[i] = values[s].as_ref().map(|v| {
                v.iter()
                    .zip(&centres)
                    .map(|(f, p)| activate(f, p, activation))
                    .collect()
            });
            live.push(i);
        }
        program.retire(&mut live, &mut values, round);
    }
    let functions = (0..cells.len())
        .map(|c| {
            program
                .outputs
                .iter()
                .map(|&o| values[o].as_ref().map_or_else(zero, |v| v[c].clone()))
                .collect()
        })
        .collect();
    Ok((cells, functions))
}

fn zero() -> Affine2 {
    [
        BigRational::zero(),
        BigRational::zero(),
        BigRational::zero(),
    ]
}

/// `bias + Σ coef · value`, cell by cell.
fn affine(
    bias: &BigRational,
    terms: &[(BigRational, usize)],
    values: &[Option<Vec<Affine2>>],
    cells: usize,
) -> Vec<Affine2> {
    let mut out = vec![[BigRational::zero(), BigRational::zero(), bias.clone()]; cells];
    for (coef, s) in terms {
        let Some(v) = &values[*s] else { continue };
        for (acc, f) in out.iter_mut().zip(v) {
            for k in 0..3 {
                if !f[k].is_zero() {
                    acc[k] += coef * &f[k];
                }
            }
        }
    }
    out
}

fn eval(f: &Affine2, p: &Point) -> BigRational {
    &f[0] * &p[0] + &f[1] * &p[1] + &f[2]
}

fn activate(f: &Affine2, p: &Point, activation: &Activation) -> Affine2 {
    if !eval(f, p).is_negative() {
        return f.clone();
    }
    match activation {
        Activation::Relu => zero(),
        Activation::Identity => f.clone(),
        Activation::LeakyRelu(a) => [&f[0] * a, &f[1] * a, &f[2] * a],
    }
}

/// The average of a polygon's vertices: inside it, as it is convex.
fn centre(polygon: &[Point]) -> Point {
    let n = BigRational::from_integer(polygon.len().into());
    let mut sum = [BigRational::zero(), BigRational::zero()];
    for p in polygon {
        sum[0] += &p[0];
        sum[1] += &p[1];
    }
    [&sum[0] / &n, &sum[1] / &n]
}

/// Cuts every cell by the zero line of each function (on that cell) that
/// crosses its interior; returns the new cells and the old cell of each.
#[allow(clippy::type_complexity)]
fn cut(
    cells: &[Vec<Point>],
    lines: &[&Vec<Affine2>],
) -> Result<(Vec<Vec<Point>>, Vec<usize>), Diagnostic> {
    let max_cells = crate::expr::Budget::current().max_pieces;
    let max_cuts = max_cells.saturating_mul(CUTS_PER_CELL);
    let mut cuts = 0u64;
    let mut out = Vec::with_capacity(cells.len());
    let mut from = Vec::with_capacity(cells.len());
    for (c, cell) in cells.iter().enumerate() {
        let mut pieces = vec![cell.clone()];
        for line in lines {
            let f = &line[c];
            if f[0].is_zero() && f[1].is_zero() {
                continue;
            }
            cuts += pieces.len() as u64;
            if cuts > max_cuts {
                return Err(Diagnostic::global(
                    "too-many-pieces",
                    format!(
                        "cutting the box into regions takes more than {max_cuts} polygon cuts (as many as the limit of {max_cells} cells); raise it with --max-pieces {}",
                        max_cells.saturating_mul(2)
                    ),
                ));
            }
            pieces = pieces.into_iter().flat_map(|p| split(p, f)).collect();
        }
        if (out.len() + pieces.len()) as u64 > max_cells {
            return Err(Diagnostic::global(
                "too-many-pieces",
                format!(
                    "the box is cut into more than {max_cells} cells, the limit; raise it with --max-pieces {}",
                    max_cells.saturating_mul(2)
                ),
            ));
        }
        from.extend(std::iter::repeat_n(c, pieces.len()));
        out.extend(pieces);
    }
    Ok((out, from))
}

/// Splits a convex polygon along `f = 0`, if the line crosses its interior.
fn split(polygon: Vec<Point>, f: &Affine2) -> Vec<Vec<Point>> {
    let values: Vec<BigRational> = polygon.iter().map(|p| eval(f, p)).collect();
    if !values.iter().any(|v| v.is_positive()) || !values.iter().any(|v| v.is_negative()) {
        return vec![polygon];
    }
    let (mut pos, mut neg) = (Vec::new(), Vec::new());
    let n = polygon.len();
    for i in 0..n {
        let (p, q) = (&polygon[i], &polygon[(i + 1) % n]);
        let (vp, vq) = (&values[i], &values[(i + 1) % n]);
        if !vp.is_negative() {
            pos.push(p.clone());
        }
        if !vp.is_positive() {
            neg.push(p.clone());
        }
        if (vp.is_positive() && vq.is_negative()) || (vp.is_negative() && vq.is_positive()) {
            let t = vp / (vp - vq);
            let x = [&p[0] + (&q[0] - &p[0]) * &t, &p[1] + (&q[1] - &p[1]) * &t];
            pos.push(x.clone());
            neg.push(x);
        }
    }
    vec![pos, neg]
}

/// Twice the signed area of a polygon (shoelace formula).
fn double_area(polygon: &[Point]) -> BigRational {
    let n = polygon.len();
    (0..n)
        .map(|i| {
            let (p, q) = (&polygon[i], &polygon[(i + 1) % n]);
            &p[0] * &q[1] - &q[0] * &p[1]
        })
        .fold(BigRational::zero(), |a, b| a + b)
}

/// The area of a polygon whose vertices are counter-clockwise.
pub fn area(polygon: &[Point]) -> BigRational {
    double_area(polygon).abs() / BigRational::from_integer(2.into())
}

/// Joins neighbouring cells with the same functions into regions.
fn join(cells: Vec<Vec<Point>>, functions: Vec<Vec<Affine2>>) -> Vec<Region> {
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, b) in neighbours(&cells) {
        if functions[a] == functions[b] {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
    for c in 0..cells.len() {
        let r = root(&mut parent, c);
        members[r].push(c);
    }
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| {
            let polygons: Vec<Vec<Point>> = m.iter().map(|&c| cells[c].clone()).collect();
            let area = polygons
                .iter()
                .map(|p| area(p))
                .fold(BigRational::zero(), |a, b| a + b);
            let hull = convex_hull(polygons.iter().flatten().cloned().collect());
            let convex = self::area(&hull) == area;
            Region {
                polygons: if convex { vec![hull] } else { polygons },
                convex,
                area,
                functions: functions[m[0]].clone(),
            }
        })
        .collect()
}

/// Pairs of cells that share a stretch of edge of positive length.
fn neighbours(cells: &[Vec<Point>]) -> Vec<(usize, usize)> {
    let mut by_line: HashMap<Affine2, Vec<(BigRational, BigRational, usize)>> = HashMap::new();
    for (c, cell) in cells.iter().enumerate() {
        let n = cell.len();
        for i in 0..n {
            let (p, q) = (&cell[i], &cell[(i + 1) % n]);
            let (a, b) = (&q[1] - &p[1], &p[0] - &q[0]);
            if a.is_zero() && b.is_zero() {
                continue;
            }
            let scale = if a.is_zero() { b.clone() } else { a.clone() };
            let key = [
                &a / &scale,
                &b / &scale,
                -(&a * &p[0] + &b * &p[1]) / &scale,
            ];
            let axis = if b.is_zero() { 1 } else { 0 };
            let (s, t) = (p[axis].clone(), q[axis].clone());
            let (lo, hi) = if s < t { (s, t) } else { (t, s) };
            by_line.entry(key).or_default().push((lo, hi, c));
        }
    }
    let mut pairs = Vec::new();
    for (_, mut edges) in by_line {
        edges.sort();
        for i in 0..edges.len() {
            for j in i + 1..edges.len() {
                if edges[j].0 >= edges[i].1 {
                    break;
                }
                if edges[i].2 != edges[j].2 {
                    pairs.push((edges[i].2.min(edges[j].2), edges[i].2.max(edges[j].2)));
                }
            }
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

/// The convex hull, counter-clockwise from the lowest-leftmost point, without
/// collinear points (Andrew's monotone chain).
fn convex_hull(mut points: Vec<Point>) -> Vec<Point> {
    points.sort();
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: &Point, a: &Point, b: &Point| {
        (&a[0] - &o[0]) * (&b[1] - &o[1]) - (&a[1] - &o[1]) * (&b[0] - &o[0])
    };
    let mut hull: Vec<Point> = Vec::with_capacity(points.len() * 2);
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &Point>> = if pass == 0 {
            Box::new(points.iter())
        } else {
            Box::new(points.iter().rev())
        };
        for p in iter {
            while hull.len() >= start + 2
                && !cross(&hull[hull.len() - 2], &hull[hull.len() - 1], p).is_positive()
            {
                hull.pop();
            }
            hull.push(p.clone());
        }
        hull.pop();
    }
    hull
}

fn point_json(p: &Point) -> serde_json::Value {
    serde_json::json!([p[0].to_string(), p[1].to_string()])
}

impl Regions2d {
    /// The regions as JSON: `{"inputs": ["x_1", "x_2"], "outputs": […],
    /// "domain": {"x_1": ["-1", "1"], …}, "regions": 12, "cells": 20,
    /// "polygons": [{"region": 0, "vertices": [["-1", "-1"], …], "gradient":
    /// [["1", "0"], …], "intercept": ["1/2", …]}, …]}`: one entry per convex
    /// polygon (a region that is not convex has several, with the same
    /// `region`), gradient and intercept per output.
    pub fn to_json(&self) -> serde_json::Value {
        let mut domain = serde_json::Map::new();
        for (name, (lo, hi)) in self.inputs.iter().zip(&self.domain) {
            domain.insert(
                name.clone(),
                serde_json::json!([lo.to_string(), hi.to_string()]),
            );
        }
        let mut polygons = Vec::new();
        for (k, r) in self.regions.iter().enumerate() {
            for p in &r.polygons {
                polygons.push(serde_json::json!({
                    "region": k,
                    "vertices": p.iter().map(point_json).collect::<Vec<_>>(),
                    "gradient": r.functions.iter().map(|f| serde_json::json!([f[0].to_string(), f[1].to_string()])).collect::<Vec<_>>(),
                    "intercept": r.functions.iter().map(|f| f[2].to_string()).collect::<Vec<_>>(),
                }));
            }
        }
        serde_json::json!({
            "inputs": self.inputs,
            "outputs": self.outputs,
            "domain": domain,
            "regions": self.regions.len(),
            "cells": self.cells,
            "polygons": polygons,
        })
    }
}

impl fmt::Display for Regions2d {
    /// The count, then one line per region: its polygon and each output's
    /// function.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [x, y] = &self.inputs;
        let [(x0, x1), (y0, y1)] = &self.domain;
        writeln!(
            f,
            "linear regions on {x0} ≤ {x} ≤ {x1}, {y0} ≤ {y} ≤ {y1}: {}",
            self.regions.len()
        )?;
        for (k, r) in self.regions.iter().enumerate() {
            let polygons: Vec<String> = r
                .polygons
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|v| format!("({}, {})", v[0], v[1]))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let shape = if r.convex { "" } else { " (not convex)" };
            writeln!(
                f,
                "region {}{shape}, area {}: {}",
                k + 1,
                r.area,
                polygons.join(" ∪ ")
            )?;
            for (name, g) in self.outputs.iter().zip(&r.functions) {
                writeln!(f, "  {name} = {}", affine_text(g, [x, y]))?;
            }
        }
        Ok(())
    }
}

/// An affine function of the two inputs as the one-input regions write
/// theirs: terms that are zero left out, a coefficient of 1 left out, the
/// constant last, minus signs as `−`: `5/4 x_1 + 4 x_2 − 69/40`, `11/40`,
/// `−x_2`, `0`.
fn affine_text(g: &Affine2, inputs: [&str; 2]) -> String {
    let mut out = String::new();
    let terms = [(&g[0], inputs[0]), (&g[1], inputs[1]), (&g[2], "")];
    for (coef, name) in terms {
        if coef.is_zero() {
            continue;
        }
        let magnitude = coef.abs();
        match (out.is_empty(), coef.is_negative()) {
            (true, false) => {}
            (true, true) => out.push('−'),
            (false, false) => out.push_str(" + "),
            (false, true) => out.push_str(" − "),
        }
        match (magnitude.is_one(), name.is_empty()) {
            (true, false) => out.push_str(name),
            (_, true) => out.push_str(&magnitude.to_string()),
            (false, false) => out.push_str(&format!("{magnitude} {name}")),
        }
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}
