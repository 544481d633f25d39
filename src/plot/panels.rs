//! Small multiples: every hidden unit before and after the activation (the
//! book's panels), and two networks beside their composition (the folding
//! figure).
//!
//! Hidden units are drawn from the exact regions of the same network with the
//! hidden units as its outputs: between two of their joint breakpoints every
//! activation is linear, so every pre-activation, an affine combination of
//! the layer before, is linear there too and is computed exactly at the
//! breakpoints from the layer's weights.

use super::diagram::value;
use super::{Plot1d, Point, Series};
use crate::analysis::regions::regions_1d;
use crate::diagnostic::Diagnostic;
use crate::eval::{Activation, Bindings};
use crate::network::Network;
use crate::render::{self, Format};
use crate::rewrite::layered::Layered;
use crate::rewrite::unnest::unnest;
use num_rational::BigRational;

/// A panel: its title, spelled for the format, and its plot.
pub type Panel = (String, Plot1d);

/// The pre-activation and activation of every hidden unit, layer by layer:
/// one row of pre-activations, then one row of activations, per layer; then
/// a last row with the network's outputs, each an affine combination of the
/// last hidden layer, exact on the same grid.
pub fn units(
    network: &Network,
    bindings: &Bindings,
    activation: &Activation,
    domain: (BigRational, BigRational),
    format: Format,
) -> Result<Vec<Vec<Panel>>, Diagnostic> {
    // The un-nested network names the units that un-nesting adds, which
    // `Layered::of` lists among the hidden ones.
    let mut all = unnest(network);
    let layered = Layered::of(&all)
        .map_err(|e| Diagnostic::global("layers", format!("no panels: {}", e.reason)))?;
    let hidden: Vec<_> = layered.layers.iter().filter(|l| l.activation).collect();
    let output = layered.layers.last().filter(|l| !l.activation);
    all.outputs = hidden
        .iter()
        .flat_map(|l| l.units.iter().copied())
        .collect();
    if all.outputs.is_empty() {
        return Err(Diagnostic::global("layers", "no hidden units to draw"));
    }
    let r = regions_1d(&all, bindings, activation, Some(domain))?;
    let acts = Plot1d::new(&all, &r, format)
        .ok_or_else(|| Diagnostic::global("domain", "no domain to draw"))?;
    let mut previous: Vec<Vec<BigRational>> = vec![acts.edges.clone()];
    let mut rows = Vec::new();
    let mut next = acts.series.iter();
    for layer in hidden {
        let mut pre_row = Vec::new();
        let mut act_row = Vec::new();
        let mut values = Vec::new();
        for (i, &u) in layer.units.iter().enumerate() {
            let pre = pre_activation(&layer.bias[i], &layer.weights[i], &previous, bindings)
                .ok_or_else(|| Diagnostic::global("params", "a weight has no value"))?;
            let name = render::symbol(&all.symbols, u, format);
            let title = format!("pre-activation of {}", math(&name, format));
            pre_row.push(panel(&acts, title, series(&name, &acts.edges, pre)));
            let act = next.next().cloned().unwrap_or_else(|| Series {
                name: name.clone(),
                vertices: Vec::new(),
                breakpoints: Vec::new(),
            });
            values.push(act.vertices.iter().map(|(_, y)| y.clone()).collect());
            act_row.push(panel(&acts, math(&name, format), act));
        }
        previous = values;
        rows.push(pre_row);
        rows.push(act_row);
    }
    if let Some(layer) = output {
        let mut row = Vec::new();
        for (i, &u) in layer.units.iter().enumerate() {
            let ys = pre_activation(&layer.bias[i], &layer.weights[i], &previous, bindings)
                .ok_or_else(|| Diagnostic::global("params", "a weight has no value"))?;
            let name = render::symbol(&all.symbols, u, format);
            row.push(panel(
                &acts,
                math(&name, format),
                series(&name, &acts.edges, ys),
            ));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// A name as it appears in running text: in `$…$` for LaTeX.
fn math(name: &str, format: Format) -> String {
    match format {
        Format::Latex => format!("${name}$"),
        _ => name.to_string(),
    }
}

/// A one-curve plot on the grid of `acts`.
fn panel(acts: &Plot1d, title: String, s: Series) -> Panel {
    let plot = Plot1d {
        input: acts.input.clone(),
        domain: acts.domain.clone(),
        edges: acts.edges.clone(),
        series: vec![s],
    };
    (title, plot)
}

/// `bias + Σ w_j · previous_j` at every grid point, exactly.
fn pre_activation(
    bias: &crate::expr::Poly,
    weights: &[crate::expr::Poly],
    previous: &[Vec<BigRational>],
    bindings: &Bindings,
) -> Option<Vec<BigRational>> {
    let b = value(bias, bindings)?;
    let w: Vec<BigRational> = weights
        .iter()
        .map(|p| value(p, bindings))
        .collect::<Option<_>>()?;
    let n = previous.first().map_or(0, Vec::len);
    Some(
        (0..n)
            .map(|e| {
                w.iter()
                    .zip(previous)
                    .fold(b.clone(), |sum, (wj, pj)| sum + wj * &pj[e])
            })
            .collect(),
    )
}

/// A curve through `(edges[e], ys[e])`, its breakpoints where the slope
/// changes.
fn series(name: &str, edges: &[BigRational], ys: Vec<BigRational>) -> Series {
    let vertices: Vec<Point> = edges.iter().cloned().zip(ys).collect();
    let slope = |a: &Point, b: &Point| (&b.1 - &a.1) / (&b.0 - &a.0);
    let breakpoints = vertices
        .windows(3)
        .filter(|w| slope(&w[0], &w[1]) != slope(&w[1], &w[2]))
        .map(|w| w[1].clone())
        .collect();
    Series {
        name: name.to_string(),
        vertices,
        breakpoints,
    }
}

/// The folding figure: network 1, network 2 and their composition, each on
/// `domain`. `parts` are the three networks with their bindings.
pub fn compose(
    parts: [(&Network, &Bindings); 3],
    activation: &Activation,
    domain: (BigRational, BigRational),
    format: Format,
) -> Result<Vec<Panel>, Diagnostic> {
    let titles = ["network 1", "network 2", "composition"];
    parts
        .iter()
        .zip(titles)
        .map(|((n, b), title)| {
            let r = regions_1d(n, b, activation, Some(domain.clone()))?;
            let p = Plot1d::new(n, &r, format)
                .ok_or_else(|| Diagnostic::global("domain", "no domain to draw"))?;
            Ok((title.to_string(), p))
        })
        .collect()
}
