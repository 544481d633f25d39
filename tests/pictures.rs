//! Pictures drawn with care: colour-bar labels inside the SVG, the outputs
//! among the unit panels, diagram labels clear of each other and of other
//! edges, upright primes, and two-input regions written as one-input ones.

mod common;

use common::{bind, net, q};
use netform::analysis::regions2d::regions_2d;
use netform::eval::{Activation, Compiled};
use netform::examples;
use netform::plot::{diagram, panels, plane};
use netform::render::Format;

/// A two-input network whose output runs from 1.525 to 3.525 on the unit box.
const TWO_INPUTS: &str = "h_1 = a[theta_10 + theta_11 x_1 + theta_12 x_2]
y = phi_0 + phi_1 h_1";
const TWO_INPUT_PARAMS: &str = "theta_10 = 0\ntheta_11 = 1\ntheta_12 = 1\nphi_0 = 1.525\nphi_1 = 1";

/// Every `<text …>label</text>` of an SVG with its attribute `name`.
fn texts<'s>(svg: &'s str, name: &str) -> Vec<(f64, &'s str)> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (attributes, rest) = t.split_once('>')?;
            let value = attributes.split(&format!("{name}=\"")).nth(1)?;
            let value: f64 = value.split('"').next()?.parse().ok()?;
            Some((value, rest.split("</text>").next()?))
        })
        .collect()
}

/// What opens a prime in an SVG label.
const PRIME_OPEN: &str =
    "<tspan font-style=\"normal\" font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"110%\">";

/// The `width="…"` of an SVG.
fn svg_width(svg: &str) -> f64 {
    let value = svg.split("width=\"").nth(1).expect("a width");
    value.split('"').next().unwrap().parse().unwrap()
}

#[test]
fn colour_bar_labels_fit_inside_the_svg() {
    let network = net(TWO_INPUTS);
    let b = bind(&network, TWO_INPUT_PARAMS);
    let unit_box = [(q("0"), q("1")), (q("0"), q("1"))];
    let regions = regions_2d(&network, &b, &Activation::Relu, unit_box).unwrap();
    let inputs = ["x₁".to_string(), "x₂".to_string()];
    let svg = plane::svg(&regions, &inputs, &["y".to_string()]);
    let width = svg_width(&svg);
    let bar: Vec<(f64, &str)> = svg
        .lines()
        .filter(|l| l.contains("font-size=\"10\""))
        .flat_map(|l| texts(l, "x"))
        .collect();
    assert!(bar.iter().any(|&(_, label)| label == "3.525"), "{bar:?}");
    for (x, label) in bar {
        assert!(
            x + 6.0 * label.len() as f64 <= width,
            "`{label}` at {x} runs past the width {width}"
        );
    }
}

#[test]
fn unit_panels_end_with_the_exact_outputs() {
    let e = examples::find("shallow-1-4-2").expect("example");
    let network = net(e.source);
    let b = bind(&network, e.params);
    let rows = panels::units(
        &network,
        &b,
        &Activation::Relu,
        (q("-1"), q("1")),
        Format::Unicode,
    )
    .unwrap();
    let outputs = rows.last().expect("a row of outputs");
    let titles: Vec<&str> = outputs.iter().map(|(title, _)| title.as_str()).collect();
    assert_eq!(titles, ["y₁", "y₂"]);
    let compiled = Compiled::new(&network, &b, Activation::Relu);
    for (k, (_, plot)) in outputs.iter().enumerate() {
        for (x, y) in &plot.series[0].vertices {
            assert_eq!(
                y,
                &compiled.outputs(std::slice::from_ref(x))[k],
                "y_{} at {x}",
                k + 1
            );
        }
    }
}

/// The label boxes of an SVG diagram (about 6.5 px a character, less for
/// subscripts) and its edges.
type Label = (f64, f64, f64, f64, String);
type Segment = (f64, f64, f64, f64);

fn diagram_parts(svg: &str) -> (Vec<Label>, Vec<Segment>) {
    let attribute = |t: &str, name: &str| -> f64 {
        let value = t.split(&format!(" {name}=\"")).nth(1).unwrap();
        value.split('"').next().unwrap().parse().unwrap()
    };
    let labels = svg
        .lines()
        .filter(|l| l.starts_with("<text") && l.contains("font-size=\"11\""))
        .map(|l| {
            let body = l.split_once('>').unwrap().1;
            let text: String = body
                .trim_end_matches("</text>")
                .replace(PRIME_OPEN, "")
                .replace("</tspan>", "");
            let width: f64 = text
                .chars()
                .map(|c| {
                    if ('₀'..='₉').contains(&c) || c == '′' || c == ',' {
                        4.5
                    } else {
                        6.5
                    }
                })
                .sum::<f64>()
                + 4.0;
            let (x, y) = (attribute(l, "x"), attribute(l, "y"));
            (x - width / 2.0, y - 6.5, x + width / 2.0, y + 6.5, text)
        })
        .collect();
    let edges = svg
        .lines()
        .filter(|l| l.starts_with("<line"))
        .map(|l| {
            (
                attribute(l, "x1"),
                attribute(l, "y1"),
                attribute(l, "x2"),
                attribute(l, "y2"),
            )
        })
        .collect();
    (labels, edges)
}

/// A Unicode diagram labelled with the parameters.
fn symbols() -> diagram::Style<'static> {
    diagram::Style {
        format: Format::Unicode,
        labels: diagram::Labels::Symbols,
        bindings: None,
        max_width: 6,
    }
}

#[test]
fn diagram_labels_do_not_pile_up_or_sit_on_crossings() {
    for name in ["compose-combined", "shallow-1-4-2", "deep-3-layer"] {
        let e = examples::find(name).expect("example");
        let network = net(e.source);
        let style = symbols();
        let svg = diagram::Diagram::new(&network, &style).unwrap().svg();
        let (labels, edges) = diagram_parts(&svg);
        assert!(!labels.is_empty());
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{name}: {} and {} overlap", a.4, b.4);
            }
            let through = edges
                .iter()
                .filter(|(x1, y1, x2, y2)| {
                    (0..=64).any(|k| {
                        let t = f64::from(k) / 64.0;
                        let (x, y) = (x1 + t * (x2 - x1), y1 + t * (y2 - y1));
                        x > a.0 && x < a.2 && y > a.1 && y < a.3
                    })
                })
                .count();
            assert!(
                through <= 1,
                "{name}: {} is crossed by {through} edges",
                a.4
            );
        }
    }
}

#[test]
fn primes_in_svg_diagrams_are_upright_and_full_size() {
    let e = examples::find("compose-combined").expect("example");
    let network = net(e.source);
    let style = symbols();
    let svg = diagram::Diagram::new(&network, &style).unwrap().svg();
    assert!(svg.contains(&format!(">h{PRIME_OPEN}′</tspan>₁</text>")));
    assert!(!svg.contains("h′₁</text>"));
}

#[test]
fn two_input_regions_write_their_functions_as_one_input_regions_do() {
    let network = net("h_1 = a[theta_10 + theta_11 x_1 + theta_12 x_2]
         y = phi_0 + phi_1 h_1");
    let b = bind(
        &network,
        "theta_10 = 0\ntheta_11 = 5/4\ntheta_12 = 4\nphi_0 = -69/40\nphi_1 = 1",
    );
    let unit_box = [(q("-1"), q("1")), (q("-1"), q("1"))];
    let text = regions_2d(&network, &b, &Activation::Relu, unit_box)
        .unwrap()
        .to_string();
    assert!(text.contains("  y = 5/4 x_1 + 4 x_2 − 69/40\n"), "{text}");
    assert!(text.contains("  y = −69/40\n"), "{text}");
    assert!(!text.contains("+ -") && !text.contains(" 0 x_"), "{text}");
}
