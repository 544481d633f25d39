//! Self-contained SVG: no scripts, no external fonts (generic `serif`), fixed
//! number formatting.
//!
//! Every exact value travels with its picture: breakpoint markers carry
//! `data-x`/`data-y`, each curve a `data-exact` list of `x,y` rationals, each
//! shaded region `data-from`/`data-to`.

use super::axis::{coord, label, Axis};
use super::{decimal, exact, Plot1d, Series};

/// Colours of the outputs' curves, in order (then repeated).
pub const COLOURS: [&str; 6] = [
    "#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#17a589",
];

/// The fill of every other linear region.
const SHADE: &str = "#e8ecf3";

/// A rectangle of the picture: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// One plot in a 480 × 320 picture.
pub fn plot_1d(plot: &Plot1d) -> String {
    let title = String::new();
    rows(&[vec![(title, plot.clone())]], 480.0, 320.0)
}

/// Rows of titled plots (small multiples), each in a `w` × `h` cell.
pub fn rows(rows: &[Vec<(String, Plot1d)>], w: f64, h: f64) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut out = open(w * columns as f64, h * rows.len() as f64);
    for (row, plots) in rows.iter().enumerate() {
        for (col, (title, plot)) in plots.iter().enumerate() {
            let frame = Frame {
                x: col as f64 * w + 56.0,
                y: row as f64 * h + 28.0,
                w: w - 76.0,
                h: h - 72.0,
            };
            out.push_str(&panel(plot, frame, title));
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The opening of an SVG document of the given size, with a white background.
pub fn open(w: f64, h: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"serif\" font-size=\"13\">\n\
         <rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>\n",
        w = coord(w),
        h = coord(h)
    )
}

/// One plot in `frame`: shaded regions, axes, curves, breakpoints, labels.
pub fn panel(plot: &Plot1d, frame: Frame, title: &str) -> String {
    let xa = Axis::exact(decimal(&plot.domain.0), decimal(&plot.domain.1));
    let (lo, hi) = plot.value_range();
    let ya = Axis::padded(lo, hi);
    let to = |x: f64, y: f64| {
        (
            xa.map(x, frame.x, frame.x + frame.w),
            ya.map(y, frame.y + frame.h, frame.y),
        )
    };
    let mut out = String::from("<g class=\"panel\">\n");
    out.push_str(&regions(plot, frame, &to));
    out.push_str(&axes(&xa, &ya, frame, &to));
    for (k, s) in plot.series.iter().enumerate() {
        out.push_str(&curve(s, COLOURS[k % COLOURS.len()], &to));
    }
    out.push_str(&labels(plot, frame, title));
    out.push_str("</g>\n");
    out
}

/// Every other linear region shaded, each carrying its exact ends.
fn regions(plot: &Plot1d, frame: Frame, to: &impl Fn(f64, f64) -> (f64, f64)) -> String {
    let mut out = String::new();
    for (i, w) in plot.edges.windows(2).enumerate() {
        let (a, _) = to(decimal(&w[0]), 0.0);
        let (b, _) = to(decimal(&w[1]), 0.0);
        let fill = if i % 2 == 0 { SHADE } else { "none" };
        out.push_str(&format!(
            "<rect class=\"region\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" \
             data-from=\"{}\" data-to=\"{}\"/>\n",
            coord(a),
            coord(frame.y),
            coord(b - a),
            coord(frame.h),
            exact(&w[0]),
            exact(&w[1])
        ));
    }
    out
}

/// The frame, the zero line, tick marks and tick labels.
fn axes(xa: &Axis, ya: &Axis, f: Frame, to: &impl Fn(f64, f64) -> (f64, f64)) -> String {
    let mut out = String::new();
    if ya.lo < 0.0 && ya.hi > 0.0 {
        let (_, y0) = to(0.0, 0.0);
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#999999\" stroke-dasharray=\"3 3\"/>\n",
            coord(f.x),
            coord(f.x + f.w),
            y = coord(y0)
        ));
    }
    for &t in &xa.ticks {
        let (x, _) = to(t, 0.0);
        let (x, y) = (coord(x), f.y + f.h);
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"black\"/>\n\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            coord(y),
            coord(y + 4.0),
            coord(y + 17.0),
            text(&label(t))
        ));
    }
    for &t in &ya.ticks {
        let (_, y) = to(0.0, t);
        let y = coord(y);
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"black\"/>\n\
             <text x=\"{}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\">{}</text>\n",
            coord(f.x - 4.0),
            coord(f.x),
            coord(f.x - 7.0),
            text(&label(t))
        ));
    }
    out.push_str(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"black\"/>\n",
        coord(f.x),
        coord(f.y),
        coord(f.w),
        coord(f.h)
    ));
    out
}

/// The polyline through the exact vertices, and a dot at each breakpoint.
fn curve(s: &Series, colour: &str, to: &impl Fn(f64, f64) -> (f64, f64)) -> String {
    let pixels: Vec<String> = s
        .vertices
        .iter()
        .map(|(x, y)| {
            let (px, py) = to(decimal(x), decimal(y));
            format!("{},{}", coord(px), coord(py))
        })
        .collect();
    let exacts: Vec<String> = s
        .vertices
        .iter()
        .map(|(x, y)| format!("{},{}", exact(x), exact(y)))
        .collect();
    let mut out = format!(
        "<polyline class=\"curve\" data-output=\"{}\" fill=\"none\" stroke=\"{colour}\" \
         stroke-width=\"2\" points=\"{}\" data-exact=\"{}\"/>\n",
        text(&s.name),
        pixels.join(" "),
        exacts.join(" ")
    );
    for (x, y) in &s.breakpoints {
        let (px, py) = to(decimal(x), decimal(y));
        out.push_str(&format!(
            "<circle class=\"breakpoint\" cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{colour}\" \
             data-output=\"{}\" data-x=\"{}\" data-y=\"{}\"/>\n",
            coord(px),
            coord(py),
            text(&s.name),
            exact(x),
            exact(y)
        ));
    }
    out
}

/// The title, the input's name under the x axis and a legend of outputs.
fn labels(plot: &Plot1d, f: Frame, title: &str) -> String {
    let mut out = format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-style=\"italic\">{}</text>\n",
        coord(f.x + f.w / 2.0),
        coord(f.y + f.h + 34.0),
        text(&plot.input)
    );
    if !title.is_empty() {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            coord(f.x + f.w / 2.0),
            coord(f.y - 9.0),
            text(title)
        ));
    }
    for (k, s) in plot.series.iter().enumerate() {
        let y = f.y + 16.0 + 16.0 * k as f64;
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-style=\"italic\" fill=\"{}\">{}</text>\n",
            coord(f.x + f.w - 8.0),
            coord(y),
            COLOURS[k % COLOURS.len()],
            text(&s.name)
        ));
    }
    out
}

/// Text escaped for XML.
pub fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
