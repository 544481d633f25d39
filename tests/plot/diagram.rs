//! The diagram: one node per unit, one edge per nonzero weight, labels and elision.

use crate::common::{bind, net, snapshots};
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

/// Found by fuzzing (`pictures`): the diagram of a nested network spelled
/// the units that un-nesting adds from a symbol table without them, and
/// panicked. It is the diagram of the un-nested network.
#[test]
fn nested_networks_are_drawn_un_nested() {
    for source in [
        "h=a[x]3",
        "y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_2 a[θ_20 + θ_21 x]",
    ] {
        let network = net(source);
        let unnested = netform::rewrite::unnest::unnest(&network);
        for format in [Format::Latex, Format::Unicode] {
            let d = Diagram::new(&network, &style(format, 6)).expect("a diagram");
            assert_eq!(d, Diagram::new(&unnested, &style(format, 6)).unwrap());
        }
    }
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
