//! Property tests for the rewrites: on random architectures with random
//! rational parameters, the nested equation, the un-nested network and the
//! layered view compute exactly what the scalar network computes.

mod common;

use netform::eval::{Activation, Bindings, Compiled};
use netform::network::{Network, Unit};
use netform::rewrite::{arch, layered::Layered, nested, unnest::unnest};
use num_rational::BigRational;
use proptest::prelude::*;

fn outputs(network: &Network, b: &Bindings, x: &[BigRational]) -> Vec<BigRational> {
    Compiled::<BigRational>::new(network, b, Activation::Relu).outputs(x)
}

/// The network whose units are the nested equations of `network`'s outputs.
fn nested_network(network: &Network) -> Network {
    let equations = nested::nested(network, u128::MAX).unwrap();
    let mut out = network.clone();
    out.units = equations
        .into_iter()
        .map(|(name, rhs)| Unit {
            name,
            layer: 1,
            rhs,
        })
        .collect();
    out
}

fn arch_strategy() -> impl Strategy<Value = Vec<usize>> {
    (
        1usize..=3,
        prop::collection::vec(1usize..=4, 0..=3),
        1usize..=3,
    )
        .prop_map(|(i, h, o)| {
            let mut w = vec![i];
            w.extend(h);
            w.push(o);
            w
        })
}

fn point_strategy() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((-9i64..=9, 1i64..=4), 3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nested_and_unnested_forms_agree(
        widths in arch_strategy(),
        values in prop::collection::vec((-9i64..=9, 1i64..=6), 1..30),
        point in point_strategy(),
    ) {
        let network = arch::network(&widths).unwrap();
        let b = common::cycled_bindings(&network, &values);
        let x: Vec<BigRational> = (0..widths[0]).map(|k| BigRational::new(point[k].0.into(), point[k].1.into())).collect();
        let expected = outputs(&network, &b, &x);
        let nested = nested_network(&network);
        prop_assert_eq!(outputs(&nested, &b, &x), expected.clone());
        let unnested = unnest(&nested);
        prop_assert_eq!(outputs(&unnested, &b, &x), expected);
        prop_assert_eq!(unnested.depth(), network.depth());
        let layered = Layered::of(&unnested).unwrap();
        prop_assert_eq!(layered.widths(), widths);
    }

    #[test]
    fn arch_networks_have_the_architecture_parameter_count(widths in arch_strategy()) {
        let network = arch::network(&widths).unwrap();
        let count: usize = widths.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
        prop_assert_eq!(network.params.len(), count);
        let layered = Layered::of(&network).unwrap();
        prop_assert_eq!(layered.widths(), widths);
    }
}

#[test]
fn nested_size_is_estimated_and_refused_above_the_limit() {
    let network = arch::network(&[1, 3, 3, 1]).unwrap();
    // Each h′ has a bias and three terms of two each (θ_i0, θ_i1 x): 1 + 3·2 = 7;
    // y′ has a bias and three terms of 7: 22.
    assert_eq!(nested::size(&network), 22);
    let err = nested::nested(&network, 10).unwrap_err();
    assert_eq!(err.terms, 22);
    assert!(err.to_string().contains("--max-terms"), "{err}");
    let wide = arch::network(&[1, 64, 64, 64, 1]).unwrap();
    assert!(nested::size(&wide) > nested::DEFAULT_MAX_TERMS);
}

#[test]
fn book_names_for_one_and_two_hidden_layers() {
    let names = |w: &[usize]| -> Vec<String> {
        let n = arch::network(w).unwrap();
        n.params.iter().map(|&p| n.symbols[p].to_string()).collect()
    };
    assert_eq!(
        names(&[1, 3, 1]),
        [
            "theta_10", "theta_11", "theta_20", "theta_21", "theta_30", "theta_31", "phi_0",
            "phi_1", "phi_2", "phi_3"
        ]
    );
    let two = names(&[1, 2, 2, 1]);
    assert!(
        two.contains(&"psi_21".to_string()) && two.contains(&"phi'_2".to_string()),
        "{two:?}"
    );
    let deep = names(&[1, 2, 2, 2, 1]);
    assert!(
        deep.contains(&"omega_{2,1,2}".to_string()) || deep.contains(&"omega_212".to_string()),
        "{deep:?}"
    );
    let wide = names(&[1, 12, 1]);
    assert!(
        wide.contains(&"phi_{1,12}".to_string()) && wide.contains(&"theta_{12,0}".to_string()),
        "{wide:?}"
    );
}

#[test]
fn skip_connections_have_no_matrix_form() {
    let mut network = arch::network(&[1, 2, 2, 1]).unwrap();
    let x = network.inputs[0];
    let last = network.units.len() - 1;
    network.units[last]
        .rhs
        .add_term(netform::expr::Poly::one(), netform::expr::Atom::Var(x));
    assert!(Layered::of(&network).is_err());
}

#[test]
fn architectures_that_cannot_be_built() {
    assert!(arch::network(&[1]).is_err());
    assert!(arch::network(&[1, 0, 1]).is_err());
    assert!(arch::network(&[100_000, 100_000, 1]).is_err());
}
