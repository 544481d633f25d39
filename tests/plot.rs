//! Pictures: the plotted points equal `regions` and `eval` exactly (read back
//! out of the SVG attributes and PGFPlots comments), and snapshots of the
//! pictures' text.

mod common;

use common::{bind, net, q, snapshots};
use netform::analysis::regions::{regions_1d, Regions1d};
use netform::eval::{Activation, Compiled};
use netform::examples;
use netform::network::Network;
use netform::plot::{self, Plot1d};
use netform::render::Format;
use num_rational::BigRational;

/// An example's network, its exact regions on `-1,1` and its plot.
fn example(name: &str, format: Format) -> (Network, Regions1d, Plot1d) {
    let e = examples::find(name).expect("a bundled example");
    let network = net(e.source);
    let b = bind(&network, e.params);
    let r = regions_1d(&network, &b, &Activation::Relu, Some((q("-1"), q("1")))).expect("regions");
    let p = Plot1d::new(&network, &r, format).expect("a domain");
    (network, r, p)
}

/// The exact outputs of an example at `x`.
fn outputs(name: &str, x: &BigRational) -> Vec<BigRational> {
    let e = examples::find(name).expect("a bundled example");
    let network = net(e.source);
    let b = bind(&network, e.params);
    Compiled::<BigRational>::new(&network, &b, Activation::Relu).outputs(std::slice::from_ref(x))
}

/// Every value of attribute `name` in `text`, in order.
fn attributes<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    text.split(&key)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or(""))
        .collect()
}

/// The exact `(x, y)` pairs written in PGFPlots comments `% x=… y=…` after
/// the line holding `marker`, up to the end of that coordinate list.
fn pgf_points(text: &str, marker: &str) -> Vec<(BigRational, BigRational)> {
    text.lines()
        .skip_while(|l| !l.ends_with(marker))
        .skip(1)
        .take_while(|l| !l.starts_with("};"))
        .map(|l| {
            let comment = l.split("% x=").nth(1).expect("an exact comment");
            let (x, y) = comment.split_once(" y=").expect("x and y");
            (q(x), q(y))
        })
        .collect()
}

const ONE_INPUT: [&str; 4] = [
    "compose-first",
    "compose-second",
    "shallow-1-4-2",
    "deep-3-layer",
];

#[test]
fn svg_breakpoints_and_vertices_are_regions_and_eval_exactly() {
    for name in ONE_INPUT {
        let (network, r, p) = example(name, Format::Unicode);
        let svg = plot::svg::plot_1d(&p);
        let curves = attributes(&svg, "data-exact");
        assert_eq!(curves.len(), network.outputs.len(), "{name}");
        for (k, curve) in curves.iter().enumerate() {
            let xs: Vec<BigRational> = curve
                .split(' ')
                .map(|pair| {
                    let (x, y) = pair.split_once(',').expect("x,y");
                    let (x, y) = (q(x), q(y));
                    assert_eq!(outputs(name, &x)[k], y, "{name} output {k} at {x}");
                    x
                })
                .collect();
            assert_eq!(xs[1..xs.len() - 1], r.breakpoints[..], "{name}");
        }
        let xs = attributes(&svg, "data-x");
        let ys = attributes(&svg, "data-y");
        let expected: Vec<(usize, &BigRational)> = r
            .per_output
            .iter()
            .enumerate()
            .flat_map(|(k, o)| o.breakpoints.iter().map(move |x| (k, x)))
            .collect();
        assert_eq!(xs.len(), expected.len(), "{name}");
        for ((x, y), (k, e)) in xs.iter().zip(&ys).zip(expected) {
            assert_eq!(&q(x), e, "{name}");
            assert_eq!(outputs(name, e)[k], q(y), "{name} output {k} at {x}");
        }
    }
}

#[test]
fn pgfplots_coordinates_are_regions_and_eval_exactly() {
    for name in ONE_INPUT {
        let (_, r, p) = example(name, Format::Latex);
        let tex = plot::pgfplots::plot_1d(&p);
        for (k, s) in p.series.iter().enumerate() {
            let curve = pgf_points(&tex, &format!("% curve {}", s.name));
            assert_eq!(curve.len(), r.breakpoints.len() + 2, "{name}");
            for (x, y) in &curve {
                assert_eq!(&outputs(name, x)[k], y, "{name} output {k} at {x}");
            }
            let marks = pgf_points(&tex, &format!("% breakpoints {}", s.name));
            let xs: Vec<BigRational> = marks.into_iter().map(|(x, _)| x).collect();
            assert_eq!(xs, r.per_output[k].breakpoints, "{name}");
        }
        assert!(tex.is_ascii(), "{name}");
    }
}

#[test]
fn svg_is_self_contained() {
    for name in ONE_INPUT {
        let svg = plot::svg::plot_1d(&example(name, Format::Unicode).2);
        assert!(!svg.contains("<script"), "{name}");
        assert!(!svg.contains("href"), "{name}");
        assert!(
            !svg.contains("@font-face") && !svg.contains("url("),
            "{name}"
        );
        assert_eq!(svg.matches("<svg").count(), 1);
    }
}

#[test]
fn plot_snapshots() {
    snapshots(|| {
        let p = example("compose-first", Format::Unicode).2;
        insta::assert_snapshot!("plot-compose-first-svg", plot::svg::plot_1d(&p));
        let p = example("shallow-1-4-2", Format::Unicode).2;
        insta::assert_snapshot!("plot-shallow-1-4-2-svg", plot::svg::plot_1d(&p));
        let p = example("compose-first", Format::Latex).2;
        insta::assert_snapshot!("plot-compose-first-pgfplots", plot::pgfplots::plot_1d(&p));
        let p = example("shallow-1-4-2", Format::Latex).2;
        insta::assert_snapshot!("plot-shallow-1-4-2-pgfplots", plot::pgfplots::plot_1d(&p));
    });
}

#[test]
fn cli_plot_writes_svg_and_standalone_pgfplots() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
            .args(args)
            .output()
            .expect("the binary runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let svg = run(&["plot", "--example", "compose-first", "--domain", "0,1"]);
    assert!(svg.starts_with("<svg") && svg.contains("data-x=\"1/5\""));
    let tex = run(&[
        "plot",
        "--example",
        "deep-3-layer",
        "--format",
        "pgfplots",
        "--standalone",
    ]);
    assert!(tex.starts_with("\\documentclass{article}") && tex.ends_with("\\end{document}\n"));
    let tikz = run(&[
        "diagram",
        "--example",
        "compose-first",
        "--params",
        "examples/compose-first.params",
    ]);
    assert!(tikz.contains("{$-1/5$}") && tikz.starts_with("\\begin{tikzpicture}"));
    let svg = run(&[
        "diagram",
        "--example",
        "compose-first",
        "--format",
        "svg",
        "--labels",
        "none",
    ]);
    assert!(svg.contains("data-label=\"\"") && !svg.contains("data-label=\"θ"));
}

#[path = "plot/diagram.rs"]
mod diagram;

#[path = "plot/panels.rs"]
mod panels;

#[path = "plot/bounds.rs"]
mod bounds;

#[path = "plot/plane.rs"]
mod plane;
