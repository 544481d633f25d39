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

mod diagram {
    use super::common::{bind, net, snapshots};
    use netform::examples;
    use netform::network::Network;
    use netform::plot::diagram::{Diagram, Labels, Style};
    use netform::render::Format;
    use netform::rewrite::layered::Layered;

    /// A style with symbols in `format`, eliding beyond `max_width`.
    fn style(format: Format, max_width: usize) -> Style<'static> {
        Style {
            format,
            labels: Labels::Symbols,
            bindings: None,
            max_width,
        }
    }

    /// The nonzero weights and biases of a network's layers.
    fn nonzero(network: &Network) -> (usize, usize) {
        let layered = Layered::of(network).expect("layers");
        let weights = layered
            .layers
            .iter()
            .flat_map(|l| l.weights.iter().flatten());
        let biases = layered.layers.iter().flat_map(|l| l.bias.iter());
        (
            weights.filter(|w| !w.is_zero()).count(),
            biases.filter(|b| !b.is_zero()).count(),
        )
    }

    #[test]
    fn one_node_per_unit_and_one_edge_per_nonzero_weight() {
        for e in examples::EXAMPLES {
            let network = net(e.source);
            let (weights, biases) = nonzero(&network);
            let svg = Diagram::new(&network, &style(Format::Unicode, 6))
                .expect("a diagram")
                .svg();
            assert_eq!(
                svg.matches("<circle class=\"unit\"").count(),
                network.units.len(),
                "{}",
                e.name
            );
            assert_eq!(
                svg.matches("<circle class=\"input\"").count(),
                network.inputs.len()
            );
            assert_eq!(
                svg.matches("<line class=\"edge\"").count(),
                weights,
                "{}",
                e.name
            );
            assert_eq!(
                svg.matches("<line class=\"bias\"").count(),
                biases,
                "{}",
                e.name
            );
            let tikz = Diagram::new(&network, &style(Format::Latex, 6))
                .expect("a diagram")
                .tikz();
            assert_eq!(
                tikz.matches("; % unit node\n").count(),
                network.units.len(),
                "{}",
                e.name
            );
            assert_eq!(tikz.matches("; % weight\n").count(), weights, "{}", e.name);
            assert_eq!(tikz.matches("; % bias\n").count(), biases, "{}", e.name);
            assert!(tikz.is_ascii(), "{}", e.name);
        }
    }

    #[test]
    fn edges_carry_their_parameters_or_values() {
        let e = examples::find("compose-combined").expect("example");
        let network = net(e.source);
        let svg = Diagram::new(&network, &style(Format::Unicode, 6))
            .expect("diagram")
            .svg();
        for label in ["θ₁₁", "ψ₂₃", "φ′₃", "ψ₁₀"] {
            assert!(svg.contains(&format!("data-label=\"{label}\"")), "{label}");
        }
        let tikz = Diagram::new(&network, &style(Format::Latex, 6))
            .expect("diagram")
            .tikz();
        assert!(tikz.contains("{$\\psi_{23}$}") && tikz.contains("{$h'_{2}$}"));
        let e = examples::find("compose-first").expect("example");
        let network = net(e.source);
        let b = bind(&network, e.params);
        let values = Style {
            labels: Labels::Values,
            bindings: Some(&b),
            ..style(Format::Unicode, 6)
        };
        let svg = Diagram::new(&network, &values).expect("diagram").svg();
        for label in ["-1/5", "5/2", "-3", "1/10"] {
            assert!(svg.contains(&format!("data-label=\"{label}\"")), "{label}");
        }
    }

    #[test]
    fn wide_layers_are_elided() {
        let mut text = String::new();
        let mut out = String::from("y = phi_0");
        for i in 1..=9 {
            text.push_str(&format!("h_{i} = a[theta_{i}0 + theta_{i}1 x]\n"));
            out.push_str(&format!(" + phi_{i} h_{i}"));
        }
        text.push_str(&out);
        let network = net(&text);
        let d = Diagram::new(&network, &style(Format::Unicode, 5)).expect("diagram");
        let svg = d.svg();
        assert_eq!(svg.matches("<circle class=\"unit\"").count(), 5);
        assert!(svg.contains(">⋮</text>"));
        assert!(!svg.contains("data-label=\"θ"), "no labels on a wide layer");
        let tikz = Diagram::new(&network, &style(Format::Latex, 5))
            .expect("diagram")
            .tikz();
        assert!(tikz.contains("{$\\vdots$}; % ellipsis node"));
    }

    #[test]
    fn diagram_snapshots() {
        snapshots(|| {
            for name in ["compose-combined", "deep-3-layer"] {
                let network = net(examples::find(name).expect("example").source);
                let d = Diagram::new(&network, &style(Format::Unicode, 6)).expect("diagram");
                insta::assert_snapshot!(format!("diagram-{name}-svg"), d.svg());
                let d = Diagram::new(&network, &style(Format::Latex, 6)).expect("diagram");
                insta::assert_snapshot!(format!("diagram-{name}-tikz"), d.tikz());
            }
        });
    }
}

mod panels {
    use super::common::{bind, net, q, snapshots};
    use super::outputs;
    use netform::eval::Activation;
    use netform::examples;
    use netform::plot::{self, panels};
    use netform::render::Format;
    use num_traits::Zero;

    #[test]
    fn unit_panels_are_exact_pre_activations_and_activations() {
        let e = examples::find("compose-first").expect("example");
        let network = net(e.source);
        let b = bind(&network, e.params);
        let domain = (q("-1"), q("1"));
        let rows = panels::units(&network, &b, &Activation::Relu, domain, Format::Unicode)
            .expect("panels");
        assert_eq!(rows.len(), 2);
        let biases = [q("-1/5"), q("-1/2"), q("-4/5")];
        for (j, bias) in biases.iter().enumerate() {
            let pre = &rows[0][j].1.series[0];
            let act = &rows[1][j].1.series[0];
            for ((x, z), (x2, h)) in pre.vertices.iter().zip(&act.vertices) {
                assert_eq!(x, x2);
                assert_eq!(z, &(bias + x), "pre-activation of h_{} at {x}", j + 1);
                let relu = if z > &num_rational::BigRational::zero() {
                    z.clone()
                } else {
                    q("0")
                };
                assert_eq!(h, &relu);
            }
            assert_eq!(act.breakpoints, vec![(-bias.clone(), q("0"))]);
        }
    }

    #[test]
    fn the_composition_panel_is_network_2_after_network_1_exactly() {
        let (first, second) = ("compose-first", "compose-second");
        let n1 = net(examples::find(first).expect("example").source);
        let n2 = net(examples::find(second).expect("example").source);
        let values = format!(
            "{}\n{}",
            examples::find(first).expect("example").params,
            examples::find(second).expect("example").params
        );
        let n3 = netform::rewrite::compose::compose(&n1, &n2, &Vec::new())
            .expect("composable")
            .expanded;
        let (b1, b2, b3) = (bind(&n1, &values), bind(&n2, &values), bind(&n3, &values));
        let figure = panels::compose(
            [(&n1, &b1), (&n2, &b2), (&n3, &b3)],
            &Activation::Relu,
            (q("-1"), q("1")),
            Format::Unicode,
        )
        .expect("panels");
        let svg = plot::svg::rows(std::slice::from_ref(&figure), 300.0, 220.0);
        let curves: Vec<&str> = svg.split(" data-exact=\"").skip(1).collect();
        let composed = curves[2].split('"').next().expect("a list");
        for pair in composed.split(' ') {
            let (x, y) = pair.split_once(',').expect("x,y");
            let y1 = outputs(first, &q(x));
            assert_eq!(outputs(second, &y1[0])[0], q(y), "at {x}");
        }
        snapshots(|| {
            insta::assert_snapshot!("plot-compose-folding-svg", svg);
            let tex = plot::pgfplots::rows(&[figure], 2.6, 1.8);
            insta::assert_snapshot!("plot-compose-folding-pgfplots", tex);
        });
    }

    #[test]
    fn unit_panel_snapshots() {
        let e = examples::find("deep-3-layer").expect("example");
        let network = net(e.source);
        let b = bind(&network, e.params);
        let domain = (q("-1"), q("1"));
        let svg_rows = panels::units(
            &network,
            &b,
            &Activation::Relu,
            domain.clone(),
            Format::Unicode,
        )
        .expect("panels");
        let tex_rows =
            panels::units(&network, &b, &Activation::Relu, domain, Format::Latex).expect("panels");
        assert_eq!(svg_rows.len(), 6);
        snapshots(|| {
            insta::assert_snapshot!(
                "plot-deep-3-layer-units-svg",
                plot::svg::rows(&svg_rows, 300.0, 220.0)
            );
            insta::assert_snapshot!(
                "plot-deep-3-layer-units-pgfplots",
                plot::pgfplots::rows(&tex_rows, 2.6, 1.8)
            );
        });
    }
}

mod bounds {
    use super::attributes;
    use super::common::snapshots;
    use netform::analysis::bounds::Bounds;
    use netform::analysis::params::Count;
    use netform::plot::bounds::{pgfplots, svg, BoundsPlot, KEY};

    /// The exact count and bound of `inputs, width × depth, 1`.
    fn exact(inputs: usize, depth: usize, width: usize) -> (String, String) {
        let mut arch = vec![inputs];
        arch.extend(std::iter::repeat_n(width, depth));
        arch.push(1);
        let params = Count::of_arch(&arch).expect("count").parameters;
        let bounds = Bounds::of_arch(&arch).expect("bounds");
        (
            params.to_string(),
            bounds.value(KEY).expect("eq. 4.17").to_string(),
        )
    }

    #[test]
    fn points_are_the_exact_counts_and_bounds() {
        for (inputs, widths) in [(1, vec![1, 2, 3, 10, 50]), (10, vec![10, 20, 50])] {
            let plot = BoundsPlot::new(inputs, &[1, 2, 3, 4, 5], &widths).expect("plot");
            let text = svg(&plot);
            let ws = attributes(&text, "data-width");
            let params = attributes(&text, "data-params");
            let regions = attributes(&text, "data-regions");
            assert_eq!(ws.len(), 5 * widths.len());
            for (i, ((w, p), r)) in ws.iter().zip(&params).zip(&regions).enumerate() {
                let depth = i / widths.len() + 1;
                let w: usize = w.parse().expect("a width");
                assert_eq!(exact(inputs, depth, w), (p.to_string(), r.to_string()));
            }
            let tex = pgfplots(&plot);
            for line in tex.lines().filter(|l| l.contains("% width=")) {
                let comment = line.split("% width=").nth(1).expect("comment");
                let mut parts = comment.split(' ');
                let w: usize = parts.next().expect("w").parse().expect("w");
                let p = parts.next().expect("p").trim_start_matches("params=");
                let r = parts.next().expect("r").trim_start_matches("regions=");
                let drawn: u64 = line
                    .trim_start_matches("  (")
                    .split(',')
                    .next()
                    .expect("x")
                    .parse()
                    .expect("x");
                assert_eq!(drawn.to_string(), p);
                assert!((1..=5).any(|d| exact(inputs, d, w) == (p.to_string(), r.to_string())));
            }
        }
    }

    #[test]
    fn widths_without_a_count_are_left_out() {
        let plot = BoundsPlot::new(10, &[2], &[5, 10, 15, 20]).expect("plot");
        let widths: Vec<usize> = plot.curves[0].1.iter().map(|p| p.width).collect();
        assert_eq!(widths, vec![10, 20]);
        assert!(BoundsPlot::new(10, &[2], &[5]).is_err());
    }

    #[test]
    fn bounds_snapshots() {
        let one = BoundsPlot::new(1, &[1, 2, 3], &[1, 2, 4, 8]).expect("plot");
        let ten = BoundsPlot::new(10, &[1, 2, 3, 4, 5], &[10, 20, 30]).expect("plot");
        snapshots(|| {
            insta::assert_snapshot!("plot-bounds-1-svg", svg(&one));
            insta::assert_snapshot!("plot-bounds-10-pgfplots", pgfplots(&ten));
        });
    }
}

mod plane {
    use super::common::{bind, net, q, snapshots};
    use netform::analysis::regions2d::regions_2d;
    use netform::eval::{Activation, Compiled};
    use netform::plot::plane;
    use num_rational::BigRational;

    const NET: &str = "h_1 = a[theta_10 + theta_11 x_1 + theta_12 x_2]
h_2 = a[theta_20 + theta_21 x_1 + theta_22 x_2]
h_3 = a[theta_30 + theta_31 x_1 + theta_32 x_2]
y = phi_0 + phi_1 h_1 + phi_2 h_2 + phi_3 h_3";
    const PARAMS: &str = "theta_10 = 1/5\ntheta_11 = 1\ntheta_12 = -1\ntheta_20 = -1/2\n\
theta_21 = 1/2\ntheta_22 = 1\ntheta_30 = 0\ntheta_31 = -1\ntheta_32 = -1/3\n\
phi_0 = 1/10\nphi_1 = 1\nphi_2 = -2\nphi_3 = 3/2";

    /// The exact output at `(x_1, x_2)`.
    fn eval(x1: &BigRational, x2: &BigRational) -> BigRational {
        let network = net(NET);
        let b = bind(&network, PARAMS);
        Compiled::<BigRational>::new(&network, &b, Activation::Relu)
            .outputs(&[x1.clone(), x2.clone()])[0]
            .clone()
    }

    /// The network's regions on the unit box and its two pictures.
    fn pictures() -> (netform::analysis::regions2d::Regions2d, String, String) {
        let network = net(NET);
        let b = bind(&network, PARAMS);
        let boxed = [(q("-1"), q("1")), (q("-1"), q("1"))];
        let r = regions_2d(&network, &b, &Activation::Relu, boxed).expect("regions");
        let inputs = ["x₁".to_string(), "x₂".to_string()];
        let svg = plane::svg(&r, &inputs, &["y".to_string()]);
        let inputs = ["x_{1}".to_string(), "x_{2}".to_string()];
        let tex = plane::pgfplots(&r, &inputs, &["y".to_string()]);
        (r, svg, tex)
    }

    #[test]
    fn svg_polygons_are_the_exact_regions_with_exact_values() {
        let (r, svg, _) = pictures();
        let vertices = super::attributes(&svg, "data-vertices");
        let functions = super::attributes(&svg, "data-function");
        let polygons: Vec<_> = r
            .regions
            .iter()
            .flat_map(|g| g.polygons.iter().map(move |p| (g, p)))
            .collect();
        assert_eq!(
            vertices.len(),
            2 * polygons.len(),
            "both panels draw every polygon"
        );
        for (i, (v, f)) in vertices.iter().zip(&functions).enumerate() {
            let (region, polygon) = polygons[i % polygons.len()];
            let points: Vec<[BigRational; 2]> = v
                .split(' ')
                .map(|p| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    [q(x), q(y)]
                })
                .collect();
            assert_eq!(&points, polygon);
            let g: Vec<BigRational> = f.split(',').map(q).collect();
            assert_eq!(g[..], region.functions[0][..]);
            for p in &points {
                assert_eq!(plane::at(&region.functions[0], p), eval(&p[0], &p[1]));
            }
        }
    }

    #[test]
    fn pgfplots_heat_map_values_are_eval_exactly() {
        let (_, _, tex) = pictures();
        let mut n = 0;
        for line in tex.lines().filter(|l| l.contains("% x=")) {
            let comment = line.split("% x=").nth(1).expect("comment");
            let (x, rest) = comment.split_once(" y=").expect("y");
            let (y, v) = rest.split_once(" value=").expect("value");
            assert_eq!(eval(&q(x), &q(y)), q(v), "at {x},{y}");
            n += 1;
        }
        assert!(n >= 3 && n % 3 == 0, "whole triangles");
        assert!(tex.is_ascii());
    }

    #[test]
    fn cli_draws_two_inputs() {
        let dir = std::env::temp_dir().join(format!("netform-plane-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir");
        std::fs::write(dir.join("n.txt"), NET).expect("written");
        std::fs::write(dir.join("p.txt"), PARAMS).expect("written");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
            .args([
                "plot",
                "n.txt",
                "--params",
                "p.txt",
                "--domain",
                "x_1=0,1; x_2=-1,1",
            ])
            .current_dir(&dir)
            .output()
            .expect("the binary runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(svg.contains("class=\"region\"") && svg.contains("linearGradient"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn plane_snapshots() {
        let (_, svg, tex) = pictures();
        snapshots(|| {
            insta::assert_snapshot!("plot-two-inputs-svg", svg);
            insta::assert_snapshot!("plot-two-inputs-pgfplots", tex);
        });
    }
}
