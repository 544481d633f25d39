//! Regions per parameter (the book's Fig. 4.7): the maximum number of linear
//! regions of fully connected networks against their number of parameters,
//! one curve per depth, on a log scale, from the exact formulas of
//! [`Bounds`] (the book's eq. 4.17, exact for one input) and
//! [`Count`].
//!
//! Each point carries its exact numbers: SVG `data-params`/`data-regions`
//! attributes, a PGFPlots comment `% width=… params=… regions=…`.

use super::axis::{coord, label, Axis};
use super::svg::{open, text, COLOURS};
use crate::analysis::bounds::Bounds;
use crate::analysis::params::Count;
use crate::diagnostic::Diagnostic;
use num_bigint::BigUint;
use num_traits::ToPrimitive;

/// The bound drawn: the book's eq. 4.17.
pub const KEY: &str = "udl_eq_4_17";

/// One architecture's point: `depth` hidden layers of `width` units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundPoint {
    /// Units per hidden layer.
    pub width: usize,
    /// The number of parameters (weights and biases).
    pub params: u64,
    /// The maximum number of linear regions.
    pub regions: BigUint,
}

/// The curves of the figure, one per depth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundsPlot {
    /// The number of inputs.
    pub inputs: usize,
    /// `(depth, points)` with points in increasing width.
    pub curves: Vec<(usize, Vec<BoundPoint>)>,
}

impl BoundsPlot {
    /// Computes every point: architecture `inputs, width × depth, 1`,
    /// leaving out widths for which eq. 4.17 gives no count (a width that is
    /// not a multiple of the number of inputs).
    pub fn new(
        inputs: usize,
        depths: &[usize],
        widths: &[usize],
    ) -> Result<BoundsPlot, Diagnostic> {
        let curves = depths
            .iter()
            .map(|&depth| {
                let points = widths
                    .iter()
                    .map(|&width| point(inputs, depth, width))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((depth, points.into_iter().flatten().collect::<Vec<_>>()))
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        if curves.iter().all(|(_, p)| p.is_empty()) {
            return Err(Diagnostic::global(
                "bound",
                format!("eq. 4.17 gives no count for these widths with {inputs} inputs"),
            )
            .with_help(format!(
                "give widths that are multiples of {inputs}, e.g. --widths {inputs},{}",
                2 * inputs
            )));
        }
        Ok(BoundsPlot { inputs, curves })
    }

    /// The ranges of parameters and of `log10` regions over all points.
    fn ranges(&self) -> (Axis, Axis) {
        let points = || self.curves.iter().flat_map(|(_, p)| p);
        let px = points().map(|p| p.params as f64);
        let ly = points().map(|p| log10(&p.regions));
        let fold = |it: &mut dyn Iterator<Item = f64>| {
            it.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            })
        };
        let (_, x1) = fold(&mut px.into_iter());
        let (y0, y1) = fold(&mut ly.into_iter());
        let x = Axis::exact(0.0, if x1.is_finite() { x1 } else { 1.0 });
        let y1 = if y1.is_finite() {
            y1.ceil().max(1.0)
        } else {
            1.0
        };
        let y0 = if y0.is_finite() {
            y0.floor().min(0.0)
        } else {
            0.0
        };
        let step = ((y1 - y0) / 6.0).ceil().max(1.0);
        let ticks = (0..=((y1 - y0) / step) as i64)
            .map(|i| y0 + i as f64 * step)
            .collect();
        (
            x,
            Axis {
                lo: y0,
                hi: y1,
                ticks,
            },
        )
    }
}

/// One architecture's parameters and bound, if eq. 4.17 gives one.
fn point(inputs: usize, depth: usize, width: usize) -> Result<Option<BoundPoint>, Diagnostic> {
    let mut arch = vec![inputs];
    arch.extend(std::iter::repeat_n(width, depth));
    arch.push(1);
    let params = Count::of_arch(&arch)?.parameters;
    let bounds = Bounds::of_arch(&arch)?;
    Ok(bounds.value(KEY).map(|regions| BoundPoint {
        width,
        params,
        regions: regions.clone(),
    }))
}

/// `log10` of a big number, for drawing.
fn log10(n: &BigUint) -> f64 {
    match n.to_f64() {
        Some(v) if v.is_finite() && v > 0.0 => v.log10(),
        _ => n.bits() as f64 * std::f64::consts::LOG10_2,
    }
}

/// The figure as self-contained SVG, 560 × 380.
pub fn svg(plot: &BoundsPlot) -> String {
    let (xa, ya) = plot.ranges();
    let (fx, fy, fw, fh) = (70.0, 30.0, 400.0, 300.0);
    let to = |x: f64, y: f64| (xa.map(x, fx, fx + fw), ya.map(y, fy + fh, fy));
    let mut out = open(560.0, 380.0);
    out.push_str("<g class=\"panel\">\n");
    for &t in &xa.ticks {
        let (x, y) = (coord(to(t, 0.0).0), fy + fh);
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"black\"/>\n\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            coord(y),
            coord(y + 4.0),
            coord(y + 17.0),
            label(t)
        ));
    }
    for &t in &ya.ticks {
        let y = coord(to(0.0, t).1);
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#dddddd\"/>\n\
             <text x=\"{}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\">10<tspan dy=\"-6\" font-size=\"9\">{}</tspan></text>\n",
            coord(fx),
            coord(fx + fw),
            coord(fx - 6.0),
            label(t)
        ));
    }
    out.push_str(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"black\"/>\n",
        coord(fx),
        coord(fy),
        coord(fw),
        coord(fh)
    ));
    for (k, (depth, points)) in plot.curves.iter().enumerate() {
        out.push_str(&svg_curve(
            *depth,
            points,
            COLOURS[k % COLOURS.len()],
            k,
            &to,
        ));
    }
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">number of parameters</text>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n</g>\n</svg>\n",
        coord(fx + fw / 2.0),
        coord(fy + fh + 36.0),
        coord(fx + fw / 2.0),
        coord(fy - 10.0),
        text(&format!(
            "maximum number of linear regions, {} input{}",
            plot.inputs,
            if plot.inputs == 1 { "" } else { "s" }
        ))
    ));
    out
}

/// One depth's polyline, a marker per architecture and its legend entry.
fn svg_curve(
    depth: usize,
    points: &[BoundPoint],
    colour: &str,
    k: usize,
    to: &impl Fn(f64, f64) -> (f64, f64),
) -> String {
    let at = |p: &BoundPoint| to(p.params as f64, log10(&p.regions));
    let line: Vec<String> = points
        .iter()
        .map(|p| {
            let (x, y) = at(p);
            format!("{},{}", coord(x), coord(y))
        })
        .collect();
    let mut out = format!(
        "<polyline class=\"curve\" data-depth=\"{depth}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" points=\"{}\"/>\n",
        line.join(" ")
    );
    for p in points {
        let (x, y) = at(p);
        out.push_str(&format!(
            "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"2\" fill=\"{colour}\" data-depth=\"{depth}\" \
             data-width=\"{}\" data-params=\"{}\" data-regions=\"{}\"/>\n",
            coord(x),
            coord(y),
            p.width,
            p.params,
            p.regions
        ));
    }
    let y = 40.0 + 18.0 * k as f64;
    out.push_str(&format!(
        "<line x1=\"480\" y1=\"{y}\" x2=\"500\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n\
         <text x=\"506\" y=\"{}\">{}</text>\n",
        coord(y + 4.0),
        text(&format!("K = {depth}"))
    ));
    out
}

/// The figure as PGFPlots: `ymode=log`, one `\addplot` per depth, each
/// coordinate with its exact numbers in a comment.
pub fn pgfplots(plot: &BoundsPlot) -> String {
    let mut out = format!(
        "\\begin{{tikzpicture}}\n\\begin{{axis}}[width=7.8cm, height=6cm, ymode=log, \
         xlabel={{number of parameters}}, ylabel={{maximum number of regions}},\n  \
         title={{{} input{}}}, legend pos=outer north east, legend cell align=left, \
         scaled x ticks=false, xticklabel style={{/pgf/number format/fixed}}]\n",
        plot.inputs,
        if plot.inputs == 1 { "" } else { "s" }
    );
    for (k, (depth, points)) in plot.curves.iter().enumerate() {
        out.push_str(&format!(
            "\\addplot[{}, thick, mark=*, mark size=0.8pt] coordinates {{ % depth {depth}\n",
            super::pgfplots::COLOURS[k % super::pgfplots::COLOURS.len()]
        ));
        for p in points {
            out.push_str(&format!(
                "  ({},{}) % width={} params={} regions={}\n",
                p.params,
                scientific(&p.regions),
                p.width,
                p.params,
                p.regions
            ));
        }
        out.push_str(&format!("}};\n\\addlegendentry{{$K={depth}$}}\n"));
    }
    out.push_str("\\end{axis}\n\\end{tikzpicture}\n");
    out
}

/// A big number in the form PGFPlots reads: `1.234567e40`.
fn scientific(n: &BigUint) -> String {
    let l = log10(n);
    let e = l.floor();
    let m = 10f64.powf(l - e);
    format!("{m:.6}e{e}")
}
