//! PGFPlots for LaTeX documents and Beamer frames: ASCII only, one
//! coordinate per line with its exact rationals in a comment
//! (`(0.200000,-0.300000) % x=1/5 y=-3/10`).

use super::axis::{label, value, Axis};
use super::{decimal, exact, Plot1d, Point, Series};

/// Colours of the outputs' curves, in order (then repeated), as xcolor
/// expressions.
pub const COLOURS: [&str; 4] = ["blue!70!black", "red!75!black", "green!50!black", "violet"];

/// The preamble `--standalone` writes: an article with PGFPlots.
pub const PREAMBLE: &str =
    "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.18}\n\\begin{document}\n";

/// Wraps a picture in a document that compiles on its own.
pub fn standalone(picture: &str) -> String {
    format!("{PREAMBLE}{picture}\\end{{document}}\n")
}

/// One plot as a `tikzpicture` holding an `axis`.
pub fn plot_1d(plot: &Plot1d) -> String {
    let mut out = String::from("\\begin{tikzpicture}\n");
    out.push_str(&axis_1d(plot, "width=10cm, height=6.5cm"));
    out.push_str("\\end{tikzpicture}\n");
    out
}

/// One `axis` environment with the given size options.
pub fn axis_1d(plot: &Plot1d, size: &str) -> String {
    let xa = Axis::exact(decimal(&plot.domain.0), decimal(&plot.domain.1));
    let (lo, hi) = plot.value_range();
    let ya = Axis::padded(lo, hi);
    let xticks: Vec<String> = xa.ticks.iter().map(|&t| label(t)).collect();
    let mut out = format!(
        "\\begin{{axis}}[{size}, xmin={}, xmax={}, ymin={}, ymax={}, xtick={{{}}},\n  \
         xlabel={{${}$}}, axis on top, legend pos=outer north east, legend cell align=left]\n",
        value(xa.lo),
        value(xa.hi),
        value(ya.lo),
        value(ya.hi),
        xticks.join(","),
        plot.input
    );
    for (i, w) in plot
        .edges
        .windows(2)
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
    {
        out.push_str(&format!(
            "\\fill[blue!8] ({},{}) rectangle ({},{}); % region {}: {} < x < {}\n",
            value(decimal(&w[0])),
            value(ya.lo),
            value(decimal(&w[1])),
            value(ya.hi),
            i + 1,
            exact(&w[0]),
            exact(&w[1])
        ));
    }
    for (k, s) in plot.series.iter().enumerate() {
        out.push_str(&series(s, COLOURS[k % COLOURS.len()]));
    }
    out.push_str("\\end{axis}\n");
    out
}

/// A curve through the exact vertices with its legend entry, then its
/// breakpoints as marks.
fn series(s: &Series, colour: &str) -> String {
    let mut out = format!(
        "\\addplot[{colour}, thick, mark=none] coordinates {{ % curve {}\n",
        s.name
    );
    out.push_str(&coordinates(&s.vertices));
    out.push_str(&format!("}};\n\\addlegendentry{{${}$}}\n", s.name));
    if !s.breakpoints.is_empty() {
        out.push_str(&format!(
            "\\addplot[{colour}, only marks, mark=*, mark size=1.8pt, forget plot] coordinates {{ % breakpoints {}\n",
            s.name
        ));
        out.push_str(&coordinates(&s.breakpoints));
        out.push_str("};\n");
    }
    out
}

/// One coordinate per line, each with its exact values in a comment.
fn coordinates(points: &[Point]) -> String {
    points
        .iter()
        .map(|(x, y)| {
            format!(
                "  ({},{}) % x={} y={}\n",
                value(decimal(x)),
                value(decimal(y)),
                exact(x),
                exact(y)
            )
        })
        .collect()
}
