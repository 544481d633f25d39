//! PGFPlots for LaTeX documents and Beamer frames: ASCII only, one
//! coordinate per line with its exact rationals in a comment
//! (`(0.200000,-0.300000) % x=1/5 y=-3/10`).

use super::axis::{coord, label, value, Axis};
use super::{decimal, exact, Plot1d, Point, Series};

/// Colours of the outputs' curves, in order (then repeated), as xcolor
/// expressions.
pub const COLOURS: [&str; 6] = [
    "blue!70!black",
    "red!75!black",
    "green!50!black",
    "violet",
    "orange!90!black",
    "teal",
];

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
    out.push_str(&axis_1d(plot, "width=10cm, height=6.5cm", true));
    out.push_str("\\end{tikzpicture}\n");
    out
}

/// Rows of titled plots (small multiples) in one `tikzpicture`, each axis
/// box `w` × `h` centimetres (labels outside), placed with `at` (no library
/// needed). Three 2.6 cm columns fit a Beamer frame's width.
pub fn rows(rows: &[Vec<(String, Plot1d)>], w: f64, h: f64) -> String {
    let mut out = String::from("\\begin{tikzpicture}\n");
    for (r, plots) in rows.iter().enumerate() {
        for (c, (title, plot)) in plots.iter().enumerate() {
            let options = format!(
                "scale only axis, width={}cm, height={}cm, at={{({}cm,{}cm)}}, title={{{title}}}, \
                 title style={{font=\\footnotesize}}, tick label style={{font=\\tiny}}",
                coord(w),
                coord(h),
                coord(c as f64 * (w + 0.9)),
                coord(-(r as f64) * (h + 1.3))
            );
            out.push_str(&axis_1d(plot, &options, false));
        }
    }
    out.push_str("\\end{tikzpicture}\n");
    out
}

/// One `axis` environment with the given options (size, place, title); a
/// legend when there are several outputs, else the output's name on the y
/// axis when `ylabel` (panels have titles instead).
pub fn axis_1d(plot: &Plot1d, size: &str, ylabel: bool) -> String {
    let xa = Axis::exact(decimal(&plot.domain.0), decimal(&plot.domain.1));
    let (lo, hi) = plot.value_range();
    let ya = Axis::padded(lo, hi);
    let xticks: Vec<String> = xa.ticks.iter().map(|&t| label(t)).collect();
    let mut out = format!(
        "\\begin{{axis}}[{size}, xmin={}, xmax={}, ymin={}, ymax={}, xtick={{{}}},\n  \
         xlabel={{${}$}}, axis on top{}]\n",
        value(xa.lo),
        value(xa.hi),
        value(ya.lo),
        value(ya.hi),
        xticks.join(","),
        plot.input,
        match plot.series.as_slice() {
            [one] if ylabel => format!(", ylabel={{${}$}}", one.name),
            [_] => String::new(),
            _ => ", legend pos=outer north east, legend cell align=left".to_string(),
        }
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
        out.push_str(&series(
            s,
            COLOURS[k % COLOURS.len()],
            plot.series.len() > 1,
        ));
    }
    out.push_str("\\end{axis}\n");
    out
}

/// A curve through the exact vertices with its legend entry, then its
/// breakpoints as marks.
fn series(s: &Series, colour: &str, legend: bool) -> String {
    let mut out = format!(
        "\\addplot[{colour}, thick, mark=none] coordinates {{ % curve {}\n",
        s.name
    );
    out.push_str(&coordinates(&s.vertices));
    out.push_str("};\n");
    if legend {
        out.push_str(&format!("\\addlegendentry{{${}$}}\n", s.name));
    }
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
