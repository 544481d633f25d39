//! Drawing a [`Diagram`] as SVG or TikZ, with the same layout: columns left
//! to right, each column's nodes centred vertically, and each edge label
//! placed along its edge where it overlaps no label placed before it and no
//! node: labels are placed edge by edge, each trying the fractions of its
//! edge from the middle outwards and keeping the first that is clear (or the
//! least crowded), so labels do not pile up where edges converge on a unit.

use super::axis::coord;
use super::diagram::{Diagram, Edge, Kind};
use super::svg::text;

/// Horizontal distance between columns in SVG pixels.
const GAP: f64 = 170.0;
/// Vertical distance between nodes in SVG pixels.
const ROW: f64 = 78.0;
/// The node radius in SVG pixels.
const RADIUS: f64 = 17.0;

impl Diagram {
    /// The tallest column's number of nodes.
    fn height(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(1)
    }

    /// The centre of node `(column, row)` in units of columns and rows.
    fn place(&self, (c, r): (usize, usize)) -> (f64, f64) {
        let n = self.columns[c].len() as f64;
        let offset = (self.height() as f64 - n) / 2.0;
        (c as f64, offset + r as f64)
    }

    /// The centre of node `(column, row)` in SVG pixels.
    fn at(&self, p: (usize, usize)) -> (f64, f64) {
        let (c, r) = self.place(p);
        (40.0 + c * GAP, 36.0 + r * ROW)
    }

    /// Where along each edge its label goes (a fraction of the edge from its
    /// source; `None` for an edge without a label), measured in the SVG's
    /// pixels and used by both drawings. Each label tries the fractions in
    /// [`POSITIONS`] in turn and takes the first whose box overlaps no label
    /// placed before it, no node and no other edge (a label on a crossing
    /// could belong to either edge), else the least crowded.
    fn label_positions(&self) -> Vec<Option<f64>> {
        let nodes: Vec<Box2> = self
            .columns
            .iter()
            .enumerate()
            .flat_map(|(c, column)| (0..column.len()).map(move |r| (c, r)))
            .map(|p| {
                let (x, y) = self.at(p);
                Box2::around(x, y, 2.0 * RADIUS, 2.0 * RADIUS)
            })
            .collect();
        let segments: Vec<(&Edge, Pixel, Pixel)> = self
            .edges
            .iter()
            .map(|e| (e, self.at(e.from), self.at(e.to)))
            .collect();
        let mut placed: Vec<Box2> = Vec::new();
        self.edges
            .iter()
            .map(|e| {
                let label = e.label.as_ref()?;
                let ((x1, y1), (x2, y2)) = (self.at(e.from), self.at(e.to));
                let box_at = |t: f64| {
                    Box2::around(
                        x1 + t * (x2 - x1),
                        y1 + t * (y2 - y1),
                        label_width(label),
                        13.0,
                    )
                };
                let crowding = |b: &Box2| -> f64 {
                    let boxes: f64 = placed.iter().chain(&nodes).map(|o| b.overlap(o)).sum();
                    let crossed = segments
                        .iter()
                        .filter(|(other, ..)| !std::ptr::eq(*other, e))
                        .filter(|(_, p, q)| b.crossed_by(*p, *q))
                        .count();
                    boxes + 100.0 * crossed as f64
                };
                let mut best = (f64::INFINITY, POSITIONS[0]);
                for &t in &POSITIONS {
                    let c = crowding(&box_at(t));
                    if c < best.0 {
                        best = (c, t);
                    }
                    if c == 0.0 {
                        break;
                    }
                }
                placed.push(box_at(best.1));
                Some(best.1)
            })
            .collect()
    }

    /// Self-contained SVG: `circle.unit`/`.input`/`.bias` nodes with
    /// `data-name`, `line.edge`/`.bias` connections with `data-label`.
    pub fn svg(&self) -> String {
        let w = GAP * (self.columns.len().max(1) - 1) as f64 + 2.0 * 40.0;
        let h = ROW * (self.height() - 1) as f64 + 2.0 * 36.0;
        let at = |p| self.at(p);
        let mut out = super::svg::open(w, h);
        out.push_str("<g stroke=\"#555555\" stroke-width=\"1.2\">\n");
        for e in &self.edges {
            out.push_str(&svg_edge(e, at(e.from), at(e.to)));
        }
        out.push_str("</g>\n");
        for (e, t) in self.edges.iter().zip(self.label_positions()) {
            if let (Some(l), Some(t)) = (&e.label, t) {
                let ((x1, y1), (x2, y2)) = (at(e.from), at(e.to));
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" dy=\"4\" font-size=\"11\" text-anchor=\"middle\" \
                     stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>\n",
                    coord(x1 + t * (x2 - x1)),
                    coord(y1 + t * (y2 - y1)),
                    svg_label(l)
                ));
            }
        }
        for (c, column) in self.columns.iter().enumerate() {
            for (r, node) in column.iter().enumerate() {
                out.push_str(&svg_node(node.kind, &node.label, at((c, r))));
            }
        }
        out.push_str("</svg>\n");
        out
    }

    /// A `tikzpicture` (ASCII only) scaled to fit a Beamer frame: nodes
    /// `n-c-r`, one `\draw` per edge with a comment saying whether it is a
    /// weight or a bias.
    pub fn tikz(&self) -> String {
        let cols = self.columns.len().max(2) - 1;
        let rows = self.height().max(2) - 1;
        let dx = (10.0 / cols as f64).min(3.0);
        let dy = (5.5 / rows as f64).min(1.5);
        let mut out = String::from(
            "\\begin{tikzpicture}[unit/.style={circle, draw, minimum size=7mm, inner sep=0pt},\n  \
             bias/.style={circle, draw, gray, minimum size=5mm, inner sep=0pt},\n  \
             lbl/.style={fill=white, inner sep=1pt, font=\\scriptsize}]\n",
        );
        for (c, column) in self.columns.iter().enumerate() {
            for (r, node) in column.iter().enumerate() {
                let (x, y) = self.place((c, r));
                let style = match node.kind {
                    Kind::Bias => "bias",
                    Kind::Ellipsis => "inner sep=0pt",
                    Kind::Input | Kind::Unit => "unit",
                };
                out.push_str(&format!(
                    "\\node[{style}] (n-{c}-{r}) at ({},{}) {{${}$}}; % {} node\n",
                    coord(x * dx),
                    coord(-y * dy),
                    node.label,
                    kind_name(node.kind)
                ));
            }
        }
        for (e, t) in self.edges.iter().zip(self.label_positions()) {
            let label = match (&e.label, t) {
                (Some(l), Some(t)) => format!(" node[lbl, pos={}] {{${l}$}}", coord(t)),
                _ => String::new(),
            };
            out.push_str(&format!(
                "\\draw[->] (n-{}-{}) --{label} (n-{}-{}); % {}\n",
                e.from.0,
                e.from.1,
                e.to.0,
                e.to.1,
                if e.bias { "bias" } else { "weight" }
            ));
        }
        out.push_str("\\end{tikzpicture}\n");
        out
    }
}

/// A point in SVG pixels.
type Pixel = (f64, f64);

/// The fractions of an edge its label tries, from the middle outwards.
const POSITIONS: [f64; 9] = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.45, 0.55];

/// An axis-aligned box in SVG pixels.
#[derive(Clone, Copy, Debug)]
struct Box2 {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Box2 {
    /// The box of size `w` × `h` centred on `(x, y)`.
    fn around(x: f64, y: f64, w: f64, h: f64) -> Box2 {
        Box2 {
            left: x - w / 2.0,
            top: y - h / 2.0,
            right: x + w / 2.0,
            bottom: y + h / 2.0,
        }
    }

    /// Whether the segment from `p` to `q` passes through the box (tested at
    /// 64 points along it, a fraction of a label's width apart).
    fn crossed_by(&self, p: Pixel, q: Pixel) -> bool {
        (0..=64).any(|i| {
            let t = f64::from(i) / 64.0;
            let (x, y) = (p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1));
            x > self.left && x < self.right && y > self.top && y < self.bottom
        })
    }

    /// The area the two boxes share.
    fn overlap(&self, other: &Box2) -> f64 {
        let w = self.right.min(other.right) - self.left.max(other.left);
        let h = self.bottom.min(other.bottom) - self.top.max(other.top);
        w.max(0.0) * h.max(0.0)
    }
}

/// About how wide a label is at 11 px: 6.5 px a character, subscripts and
/// primes narrower, and a margin.
fn label_width(label: &str) -> f64 {
    let width: f64 = label
        .chars()
        .map(|c| match c {
            '₀'..='₉' | '′' | ',' => 4.5,
            _ => 6.5,
        })
        .sum();
    width + 4.0
}

/// A label or a node's name for SVG: escaped, and a prime upright, bold and
/// sans-serif, so that `h′₁` does not read as the tiny accent a serif
/// italic `′` looks like.
fn svg_label(label: &str) -> String {
    text(label).replace(
        '′',
        "<tspan font-style=\"normal\" font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"110%\">′</tspan>",
    )
}

/// The class name of a node kind.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Input => "input",
        Kind::Unit => "unit",
        Kind::Bias => "bias",
        Kind::Ellipsis => "ellipsis",
    }
}

/// An SVG line between two node centres, stopping at the circles.
fn svg_edge(e: &Edge, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) -> String {
    let len = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(1.0);
    let (ux, uy) = ((x2 - x1) / len, (y2 - y1) / len);
    let class = if e.bias { "bias" } else { "edge" };
    let dash = if e.bias {
        " stroke-dasharray=\"4 3\""
    } else {
        ""
    };
    format!(
        "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{dash} data-label=\"{}\"/>\n",
        coord(x1 + ux * RADIUS),
        coord(y1 + uy * RADIUS),
        coord(x2 - ux * RADIUS),
        coord(y2 - uy * RADIUS),
        text(e.label.as_deref().unwrap_or(""))
    )
}

/// An SVG node: a circle with its label, or a bare ellipsis.
fn svg_node(kind: Kind, label: &str, (x, y): (f64, f64)) -> String {
    let (x, y) = (coord(x), coord(y));
    let circle = match kind {
        Kind::Ellipsis => String::new(),
        Kind::Bias => format!(
            "<circle class=\"bias\" cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"#f2f2f2\" stroke=\"#888888\" data-name=\"1\"/>\n",
            coord(RADIUS * 0.7)
        ),
        _ => format!(
            "<circle class=\"{}\" cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"white\" stroke=\"black\" stroke-width=\"1.5\" data-name=\"{}\"/>\n",
            kind_name(kind),
            coord(RADIUS),
            text(label)
        ),
    };
    let style = if kind == Kind::Bias {
        ""
    } else {
        " font-style=\"italic\""
    };
    format!(
        "{circle}<text x=\"{x}\" y=\"{y}\" dy=\"5\" text-anchor=\"middle\"{style}>{}</text>\n",
        svg_label(label)
    )
}
