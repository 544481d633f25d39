//! The network as neurons in layers with every connection, the way the book
//! draws it: inputs on the left, one column per layer, a `1` node above each
//! column for the biases of the next, and each edge labelled with its
//! parameter (`θ₁₁`, `ψ₂₃`) or, given values, its exact value.
//!
//! A layer wider than the chosen width shows its first units, a `⋯` node and
//! its last unit; edge labels are left out between columns of more than
//! [`MAX_LABELLED`] nodes, where they could not be placed without overlap.
//! [`svg`](Diagram::svg) and [`tikz`](Diagram::tikz) draw the same layout.

use crate::eval::Bindings;
use crate::expr::Poly;
use crate::network::Network;
use crate::render::{self, Format};
use crate::rewrite::layered::{Layered, NotLayered};
use crate::rewrite::unnest::unnest;
use num_rational::BigRational;
use num_traits::{One, Zero};

/// Columns with more nodes than this get no edge labels.
pub const MAX_LABELLED: usize = 5;

/// What labels the edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    /// The parameter of each weight (`θ₁₁`).
    Symbols,
    /// The exact value of each weight (`-3/10`).
    Values,
    /// No edge labels.
    None,
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An input `x`.
    Input,
    /// A hidden unit or an output.
    Unit,
    /// The constant `1` whose edges carry the biases of the next column.
    Bias,
    /// Units left out of a wide layer.
    Ellipsis,
}

/// One drawn node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// What it stands for.
    pub kind: Kind,
    /// Its label, spelled in the diagram's format.
    pub label: String,
}

/// One drawn connection between nodes `(column, row)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The source node.
    pub from: (usize, usize),
    /// The target node.
    pub to: (usize, usize),
    /// Its label, if drawn.
    pub label: Option<String>,
    /// Whether it carries a bias (from a `1` node).
    pub bias: bool,
}

/// The layout of a network diagram: columns of nodes and the edges between
/// them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    /// Column 0 holds the inputs, column `k + 1` layer `k`; a column with a
    /// next layer starts with its `1` node.
    pub columns: Vec<Vec<Node>>,
    /// Every connection with a nonzero weight or bias between drawn nodes.
    pub edges: Vec<Edge>,
}

/// How to spell and label a diagram.
#[derive(Clone, Copy, Debug)]
pub struct Style<'a> {
    /// Unicode for SVG, LaTeX for TikZ.
    pub format: Format,
    /// What labels the edges.
    pub labels: Labels,
    /// Parameter values, for [`Labels::Values`].
    pub bindings: Option<&'a Bindings>,
    /// The most units a layer shows before eliding (at least 3).
    pub max_width: usize,
}

impl Diagram {
    /// Lays out `network`; fails when it is not a stack of full layers.
    pub fn new(network: &Network, style: &Style) -> Result<Diagram, NotLayered> {
        // Drawn from the un-nested network, whose symbol table names the
        // units that un-nesting adds (`Layered::of` un-nests too).
        let network = &unnest(network);
        let layered = Layered::of(network)?;
        let spell = |s| render::symbol(&network.symbols, s, style.format);
        let mut columns = Vec::new();
        let mut shown = Vec::new();
        let count = layered.layers.len() + 1;
        for c in 0..count {
            let syms = if c == 0 {
                &layered.inputs
            } else {
                &layered.layers[c - 1].units
            };
            let kind = if c == 0 { Kind::Input } else { Kind::Unit };
            let (nodes, rows) = column(syms, kind, c + 1 < count, style, &spell);
            columns.push(nodes);
            shown.push(rows);
        }
        let mut diagram = Diagram {
            columns,
            edges: Vec::new(),
        };
        for (k, layer) in layered.layers.iter().enumerate() {
            diagram.connect(k, layer, &shown, network, style);
        }
        Ok(diagram)
    }

    /// The edges into column `k + 1` from column `k`.
    fn connect(
        &mut self,
        k: usize,
        layer: &crate::rewrite::layered::Layer,
        shown: &[Vec<Option<usize>>],
        network: &Network,
        style: &Style,
    ) {
        let labelled = style.labels != Labels::None
            && self.columns[k].len() <= MAX_LABELLED
            && self.columns[k + 1].len() <= MAX_LABELLED;
        for (i, row) in layer.weights.iter().enumerate() {
            let Some(to) = shown[k + 1][i] else { continue };
            let sources = std::iter::once((Some(0), &layer.bias[i], true))
                .chain(row.iter().enumerate().map(|(j, w)| (shown[k][j], w, false)));
            for (from, weight, bias) in sources {
                let Some(from) = from else { continue };
                if weight.is_zero() || is_zero_value(weight, style) {
                    continue;
                }
                let label = labelled
                    .then(|| weight_label(weight, network, style))
                    .flatten();
                self.edges.push(Edge {
                    from: (k, from),
                    to: (k + 1, to),
                    label,
                    bias,
                });
            }
        }
    }
}

/// A column's nodes and, for each unit, the row it is drawn in (`None` when
/// elided). Row 0 is the `1` node when the column feeds another.
fn column(
    syms: &[crate::symbol::Sym],
    kind: Kind,
    feeds: bool,
    style: &Style,
    spell: &impl Fn(crate::symbol::Sym) -> String,
) -> (Vec<Node>, Vec<Option<usize>>) {
    let mut nodes = Vec::new();
    if feeds {
        nodes.push(Node {
            kind: Kind::Bias,
            label: "1".to_string(),
        });
    }
    let width = style.max_width.max(3);
    let elide = syms.len() > width;
    let mut rows = Vec::new();
    for (i, &s) in syms.iter().enumerate() {
        let keep = !elide || i + 2 < width || i + 1 == syms.len();
        if elide && i + 1 == syms.len() {
            nodes.push(Node {
                kind: Kind::Ellipsis,
                label: ellipsis(style.format).to_string(),
            });
        }
        rows.push(keep.then_some(nodes.len()));
        if keep {
            nodes.push(Node {
                kind,
                label: spell(s),
            });
        }
    }
    (nodes, rows)
}

/// The vertical ellipsis, spelled for the format.
fn ellipsis(format: Format) -> &'static str {
    match format {
        Format::Latex => "\\vdots",
        _ => "⋮",
    }
}

/// The label of a weight: its parameter or its exact value.
fn weight_label(weight: &Poly, network: &Network, style: &Style) -> Option<String> {
    match style.labels {
        Labels::None => None,
        Labels::Symbols => match (weight.as_param(), weight.as_constant()) {
            (Some(p), _) => Some(render::symbol(&network.symbols, p, style.format)),
            (None, Some(c)) => Some(c.to_string()),
            _ => None,
        },
        Labels::Values => style
            .bindings
            .and_then(|b| value(weight, b))
            .map(|v| v.to_string()),
    }
}

/// Whether, with values shown, the weight's value is zero (its edge is
/// left out).
fn is_zero_value(weight: &Poly, style: &Style) -> bool {
    style.labels == Labels::Values
        && style
            .bindings
            .and_then(|b| value(weight, b))
            .is_some_and(|v| v.is_zero())
}

/// The exact value of a polynomial in the parameters, if all are bound.
pub fn value(poly: &Poly, bindings: &Bindings) -> Option<BigRational> {
    poly.monomials
        .iter()
        .try_fold(BigRational::zero(), |sum, m| {
            let product = m
                .factors
                .iter()
                .try_fold(BigRational::one(), |p, &f| bindings.get(f).map(|v| p * v))?;
            Some(sum + &*m.coef * product)
        })
}
