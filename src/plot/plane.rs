//! Networks of two inputs: the partition of the box into linear regions
//! (each region a polygon, coloured by region) and a heat map of each output.
//!
//! The heat map is exact: each output is affine on each polygon, so a linear
//! colour gradient along the output's gradient, spanning the output's range,
//! colours every point by its exact value (SVG: one `linearGradient` per
//! polygon, drawn in data coordinates; PGFPlots: each polygon cut into
//! triangles, a `patch` plot with `shader=interp`, whose colour interpolation
//! is linear). Polygons carry their exact vertices (`data-vertices`) and
//! functions (`data-function`); PGFPlots comments carry them too.

use super::axis::{coord, label, value as dec, Axis};
use super::decimal;
use super::svg::{open, text};
use crate::analysis::regions2d::{Affine2, Point, Regions2d};
use num_rational::BigRational;

/// Fills of the partition panel, one per region in turn.
const PALETTE: [&str; 8] = [
    "#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99", "#8dd3c7", "#bebada",
];

/// The heat map's colours at the lowest, middle and highest value.
const HEAT: [(u8, u8, u8); 3] = [(59, 76, 192), (221, 221, 221), (180, 4, 38)];

/// The side of a panel's square frame in SVG pixels.
const SIDE: f64 = 300.0;

/// The exact value of an affine function at a point.
pub fn at(f: &Affine2, p: &Point) -> BigRational {
    &f[0] * &p[0] + &f[1] * &p[1] + &f[2]
}

/// The smallest and largest value of output `k` over every vertex.
fn range(r: &Regions2d, k: usize) -> (f64, f64) {
    let values = r.regions.iter().flat_map(|g| {
        g.polygons
            .iter()
            .flatten()
            .map(move |p| decimal(&at(&g.functions[k], p)))
    });
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if hi - lo > 1e-12 {
        (lo, hi)
    } else {
        (lo - 0.5, lo + 0.5)
    }
}

/// The heat colour of `t` in `0..=1`, as `#rrggbb`.
fn heat(t: f64) -> String {
    let t = t.clamp(0.0, 1.0) * 2.0;
    let (a, b, s) = if t <= 1.0 {
        (HEAT[0], HEAT[1], t)
    } else {
        (HEAT[1], HEAT[2], t - 1.0)
    };
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * s).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

/// The partition panel, then one heat-map panel per output, side by side.
/// `inputs` and `outputs` are the names spelled for SVG.
pub fn svg(r: &Regions2d, inputs: &[String; 2], outputs: &[String]) -> String {
    // Each panel leaves room right of its colour bar for the bar's widest
    // label, at about 6 px a character, so that the last is not clipped.
    let widest = (0..outputs.len())
        .map(|k| {
            let (lo, hi) = range(r, k);
            label(lo).len().max(label(hi).len())
        })
        .max()
        .unwrap_or(0);
    let cell = SIDE + 90.0 + (6.0 * widest as f64 - 3.0).max(0.0);
    let mut out = open(cell * (1 + outputs.len()) as f64, SIDE + 80.0);
    out.push_str(&panel(r, inputs, 0.0, "linear regions", None));
    for (k, name) in outputs.iter().enumerate() {
        out.push_str(&panel(r, inputs, cell * (k + 1) as f64, name, Some(k)));
    }
    out.push_str("</svg>\n");
    out
}

/// One square panel at horizontal offset `left`: regions coloured by region
/// (`heat` none) or by output `k`'s value.
fn panel(
    r: &Regions2d,
    inputs: &[String; 2],
    left: f64,
    title: &str,
    heat_of: Option<usize>,
) -> String {
    let xa = Axis::exact(decimal(&r.domain[0].0), decimal(&r.domain[0].1));
    let ya = Axis::exact(decimal(&r.domain[1].0), decimal(&r.domain[1].1));
    let (fx, fy) = (left + 60.0, 30.0);
    let (sx, sy) = (SIDE / (xa.hi - xa.lo), SIDE / (ya.hi - ya.lo));
    let mut out = format!(
        "<g class=\"panel\">\n<g transform=\"matrix({} 0 0 {} {} {})\">\n",
        dec(sx),
        dec(-sy),
        dec(fx - xa.lo * sx),
        dec(fy + SIDE + ya.lo * sy)
    );
    let mut id = 0;
    for (i, region) in r.regions.iter().enumerate() {
        for polygon in &region.polygons {
            let fill = match heat_of {
                None => PALETTE[i % PALETTE.len()].to_string(),
                Some(k) => {
                    id += 1;
                    let (def, fill) =
                        gradient(&region.functions[k], polygon, range(r, k), left, id);
                    out.push_str(&def);
                    fill
                }
            };
            out.push_str(&polygon_svg(polygon, &fill, i, &region.functions));
        }
    }
    out.push_str("</g>\n");
    out.push_str(&frame(&xa, &ya, fx, fy, inputs, title));
    if let Some(k) = heat_of {
        out.push_str(&colour_bar(range(r, k), fx + SIDE + 10.0, fy));
    }
    out.push_str("</g>\n");
    out
}

/// A polygon in data coordinates with its exact vertices and functions.
fn polygon_svg(polygon: &[Point], fill: &str, region: usize, functions: &[Affine2]) -> String {
    let points: Vec<String> = polygon
        .iter()
        .map(|p| format!("{},{}", dec(decimal(&p[0])), dec(decimal(&p[1]))))
        .collect();
    let exact: Vec<String> = polygon
        .iter()
        .map(|p| format!("{},{}", p[0], p[1]))
        .collect();
    let f: Vec<String> = functions
        .iter()
        .map(|f| format!("{},{},{}", f[0], f[1], f[2]))
        .collect();
    format!(
        "<polygon class=\"region\" data-region=\"{}\" points=\"{}\" fill=\"{fill}\" stroke=\"white\" \
         stroke-width=\"1\" vector-effect=\"non-scaling-stroke\" data-vertices=\"{}\" data-function=\"{}\"/>\n",
        region + 1,
        points.join(" "),
        exact.join(" "),
        f.join(" ")
    )
}

/// A linear gradient (in data coordinates) colouring `f` over the value
/// range `lo..hi`, and the fill that uses it; a solid colour where `f` is
/// constant.
fn gradient(
    f: &Affine2,
    polygon: &[Point],
    (lo, hi): (f64, f64),
    left: f64,
    id: usize,
) -> (String, String) {
    let (g1, g2) = (decimal(&f[0]), decimal(&f[1]));
    let p0 = polygon
        .first()
        .map_or((0.0, 0.0), |p| (decimal(&p[0]), decimal(&p[1])));
    let v0 = g1 * p0.0 + g2 * p0.1 + decimal(&f[2]);
    let norm = g1 * g1 + g2 * g2;
    if norm < 1e-18 {
        return (String::new(), heat((v0 - lo) / (hi - lo)));
    }
    let point = |v: f64| {
        let t = (v - v0) / norm;
        (p0.0 + t * g1, p0.1 + t * g2)
    };
    let (a, b, m) = (point(lo), point(hi), heat(0.5));
    let name = format!("h{}-{id}", coord(left).replace('.', "-"));
    let def = format!(
        "<linearGradient id=\"{name}\" gradientUnits=\"userSpaceOnUse\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\">\
         <stop offset=\"0\" stop-color=\"{}\"/><stop offset=\"0.5\" stop-color=\"{m}\"/>\
         <stop offset=\"1\" stop-color=\"{}\"/></linearGradient>\n",
        dec(a.0),
        dec(a.1),
        dec(b.0),
        dec(b.1),
        heat(0.0),
        heat(1.0)
    );
    (def, format!("url(#{name})"))
}

/// The frame, ticks and labels of a panel.
fn frame(xa: &Axis, ya: &Axis, fx: f64, fy: f64, inputs: &[String; 2], title: &str) -> String {
    let mut out = format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{s}\" height=\"{s}\" fill=\"none\" stroke=\"black\"/>\n",
        coord(fx),
        coord(fy),
        s = coord(SIDE)
    );
    for &t in &xa.ticks {
        let x = coord(xa.map(t, fx, fx + SIDE));
        out.push_str(&format!(
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            coord(fy + SIDE + 16.0),
            label(t)
        ));
    }
    for &t in &ya.ticks {
        let y = coord(ya.map(t, fy + SIDE, fy));
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\">{}</text>\n",
            coord(fx - 5.0),
            label(t)
        ));
    }
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-style=\"italic\">{}</text>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-style=\"italic\">{}</text>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
        coord(fx + SIDE / 2.0),
        coord(fy + SIDE + 34.0),
        text(&inputs[0]),
        coord(fx - 40.0),
        coord(fy + SIDE / 2.0),
        text(&inputs[1]),
        coord(fx + SIDE / 2.0),
        coord(fy - 10.0),
        text(title)
    ));
    out
}

/// A vertical colour bar with the lowest and highest value.
fn colour_bar((lo, hi): (f64, f64), x: f64, y: f64) -> String {
    let step = SIDE / 10.0;
    let stops: String = (0..10)
        .map(|i| {
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"{}\" fill=\"{}\"/>\n",
                coord(x),
                coord(y + SIDE - (i + 1) as f64 * step),
                coord(step),
                heat((i as f64 + 0.5) / 10.0)
            )
        })
        .collect();
    format!(
        "{stops}<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>\n<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>\n",
        coord(x + 13.0),
        coord(y + SIDE),
        label(lo),
        coord(x + 13.0),
        coord(y + 8.0),
        label(hi)
    )
}

/// The partition and a heat map per output as PGFPlots axes side by side:
/// regions as `\fill` polygons, heat maps as `patch` triangles with
/// `shader=interp` (exact for an affine function); every polygon and vertex
/// with its exact numbers in a comment.
pub fn pgfplots(r: &Regions2d, inputs: &[String; 2], outputs: &[String]) -> String {
    let mut out = String::from("\\begin{tikzpicture}\n");
    out.push_str(&pgf_axis(r, inputs, 0, "linear regions", ""));
    out.push_str(&pgf_regions(r));
    out.push_str("\\end{axis}\n");
    for (k, name) in outputs.iter().enumerate() {
        let (lo, hi) = range(r, k);
        let extra = format!(
            ", colorbar, colormap={{heat}}{{rgb255=(59,76,192) rgb255=(221,221,221) rgb255=(180,4,38)}}, \
             point meta min={}, point meta max={}, colorbar style={{width=0.2cm, font=\\tiny}}",
            dec(lo),
            dec(hi)
        );
        out.push_str(&pgf_axis(r, inputs, k + 1, &format!("${name}$"), &extra));
        out.push_str(&pgf_heat(r, k));
        out.push_str("\\end{axis}\n");
    }
    out.push_str("\\end{tikzpicture}\n");
    out
}

/// The opening of panel `i`'s axis.
fn pgf_axis(r: &Regions2d, inputs: &[String; 2], i: usize, title: &str, extra: &str) -> String {
    format!(
        "\\begin{{axis}}[scale only axis, width=3.2cm, height=3.2cm, at={{({}cm,0cm)}}, \
         xmin={}, xmax={}, ymin={}, ymax={}, xlabel={{${}$}}, ylabel={{${}$}}, title={{{title}}}, \
         axis on top, tick label style={{font=\\tiny}}{extra}]\n",
        coord(i as f64 * 4.9),
        dec(decimal(&r.domain[0].0)),
        dec(decimal(&r.domain[0].1)),
        dec(decimal(&r.domain[1].0)),
        dec(decimal(&r.domain[1].1)),
        inputs[0],
        inputs[1]
    )
}

/// Every polygon filled with its region's colour.
fn pgf_regions(r: &Regions2d) -> String {
    let mut out = String::new();
    for (i, region) in r.regions.iter().enumerate() {
        let colour = rgb(PALETTE[i % PALETTE.len()]);
        for polygon in &region.polygons {
            let path: Vec<String> = polygon
                .iter()
                .map(|p| format!("({},{})", dec(decimal(&p[0])), dec(decimal(&p[1]))))
                .collect();
            let exact: Vec<String> = polygon
                .iter()
                .map(|p| format!("{},{}", p[0], p[1]))
                .collect();
            out.push_str(&format!(
                "\\fill[fill={colour}, draw=white] {} -- cycle; % region {}: {}\n",
                path.join(" -- "),
                i + 1,
                exact.join(" ")
            ));
        }
    }
    out
}

/// Output `k` as triangles (a fan of each convex polygon) with the exact
/// value at each vertex.
fn pgf_heat(r: &Regions2d, k: usize) -> String {
    let mut out =
        String::from("\\addplot[patch, shader=interp, point meta=explicit] coordinates {\n");
    for region in &r.regions {
        let f = &region.functions[k];
        for polygon in &region.polygons {
            for w in 1..polygon.len().saturating_sub(1) {
                for p in [&polygon[0], &polygon[w], &polygon[w + 1]] {
                    let v = at(f, p);
                    out.push_str(&format!(
                        "  ({},{}) [{}] % x={} y={} value={}\n",
                        dec(decimal(&p[0])),
                        dec(decimal(&p[1])),
                        dec(decimal(&v)),
                        p[0],
                        p[1],
                        v
                    ));
                }
            }
        }
    }
    out.push_str("};\n");
    out
}

/// A `#rrggbb` colour as an xcolor expression.
fn rgb(hex: &str) -> String {
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    format!(
        "{{rgb,255:red,{};green,{};blue,{}}}",
        byte(1),
        byte(3),
        byte(5)
    )
}
