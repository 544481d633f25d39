//! Drawing a [`Diagram`] as SVG or TikZ, with the same layout: columns left
//! to right, each column's nodes centred vertically, edge labels placed at a
//! fraction of the edge that depends on the source row, so labels from
//! different sources sit at different heights and distances.

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

    /// Where along an edge its label goes: each source of a column gets its
    /// own distance, nearer the source for low rows, the `1` node furthest,
    /// where its edges have spread apart.
    fn label_pos(&self, e: &Edge) -> f64 {
        let n = self.columns[e.from.0].len();
        let has_bias = self.columns[e.from.0].first().map(|n| n.kind) == Some(Kind::Bias);
        let rank = match (e.bias, has_bias) {
            (true, _) => n - 1,
            (false, true) => e.from.1 - 1,
            (false, false) => e.from.1,
        };
        0.2 + 0.55 * rank as f64 / (n.max(2) - 1) as f64
    }

    /// Self-contained SVG: `circle.unit`/`.input`/`.bias` nodes with
    /// `data-name`, `line.edge`/`.bias` connections with `data-label`.
    pub fn svg(&self) -> String {
        let w = GAP * (self.columns.len().max(1) - 1) as f64 + 2.0 * 40.0;
        let h = ROW * (self.height() - 1) as f64 + 2.0 * 36.0;
        let at = |p| {
            let (c, r) = self.place(p);
            (40.0 + c * GAP, 36.0 + r * ROW)
        };
        let mut out = super::svg::open(w, h);
        out.push_str("<g stroke=\"#555555\" stroke-width=\"1.2\">\n");
        for e in &self.edges {
            out.push_str(&svg_edge(e, at(e.from), at(e.to)));
        }
        out.push_str("</g>\n");
        for e in &self.edges {
            if let Some(l) = &e.label {
                let t = self.label_pos(e);
                let ((x1, y1), (x2, y2)) = (at(e.from), at(e.to));
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" dy=\"4\" font-size=\"11\" text-anchor=\"middle\" \
                     stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>\n",
                    coord(x1 + t * (x2 - x1)),
                    coord(y1 + t * (y2 - y1)),
                    text(l)
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
        for e in &self.edges {
            let label = e.label.as_ref().map_or(String::new(), |l| {
                format!(" node[lbl, pos={}] {{${l}$}}", coord(self.label_pos(e)))
            });
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
        text(label)
    )
}
