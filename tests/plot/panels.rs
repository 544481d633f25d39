//! Small multiples: hidden units and the folding figure, exact.

use super::outputs;
use crate::common::{bind, net, q, snapshots};
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
    let rows =
        panels::units(&network, &b, &Activation::Relu, domain, Format::Unicode).expect("panels");
    assert_eq!(rows.len(), 3);
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

/// Found by fuzzing (`pictures`), as in the diagram: the panels of a nested
/// network named the units that un-nesting adds from a symbol table without
/// them, and panicked. They are the panels of the un-nested network.
#[test]
fn nested_networks_have_the_panels_of_their_units() {
    let network = net("y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_2 a[θ_20 + θ_21 x]");
    let params = "φ_0 = 1; φ_1 = 2; φ_2 = -1; θ_10 = 1/2; θ_11 = 1; θ_20 = -1/3; θ_21 = 2";
    let unnested = netform::rewrite::unnest::unnest(&network);
    let b = bind(&network, params);
    let units = |n| {
        panels::units(n, &b, &Activation::Relu, (q("-1"), q("1")), Format::Unicode).expect("panels")
    };
    let (rows, expected) = (units(&network), units(&unnested));
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0].0, "h₁");
    assert_eq!(rows, expected);
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
    assert_eq!(svg_rows.len(), 7);
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
