//! The library's front door (`netform::api`, `netform::testing`): the same
//! values as the command line, located errors, and exact function comparison.

use netform::testing::{same_function, same_function_on, Verdict};
use netform::{compose, rational, Network, Params, Rational};
use std::process::Command;

const EXAMPLES: [&str; 5] = [
    "compose-first",
    "compose-second",
    "compose-combined",
    "shallow-1-4-2",
    "deep-3-layer",
];

const POINTS: [&str; 6] = ["-2", "-1/3", "0", "1/5", "1/2", "7/5"];

fn net(text: &str) -> Network {
    Network::parse(text).unwrap()
}

fn params(text: &str) -> Params {
    Params::parse(text).unwrap()
}

/// `netform eval --example NAME --at … --format json`, as exact strings per point and output.
fn cli_values(example: &str, input: &str) -> Vec<Vec<(String, String)>> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_netform"));
    command.args(["eval", "--example", example, "--format", "json"]);
    for p in POINTS {
        command.arg("--at").arg(format!("{input}={p}"));
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{:?}", output);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|point| {
            point["outputs"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn exact_values_are_those_of_the_command_line_for_every_example() {
    for example in EXAMPLES {
        let network = Network::example(example).unwrap();
        let params = Params::example(example).unwrap();
        let input = &network.input_names()[0];
        let cli = cli_values(example, input);
        for (p, expected) in POINTS.iter().zip(&cli) {
            let values = network
                .eval_exact(&params, &[rational(p).unwrap()])
                .unwrap();
            let got: Vec<(String, String)> = network
                .output_names()
                .into_iter()
                .zip(values.iter().map(|v| v.to_string()))
                .collect();
            assert_eq!(&got, expected, "{example} at {p}");
        }
    }
}

#[test]
fn errors_carry_the_location_code_and_rendered_source() {
    let error = Network::parse("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + + φ_1 h_1").unwrap_err();
    assert_eq!(error.code(), "parse");
    assert_eq!(error.line_column(), Some((2, 11)));
    let text = error.named("slide.tex").to_string();
    assert!(text.contains("slide.tex:2:11"), "{text}");
    assert!(text.contains("y = φ_0 + + φ_1 h_1"), "{text}");

    let network = Network::example("compose-first").unwrap();
    let missing = network
        .eval_exact(&params("theta_10 = 1"), &[rational("0").unwrap()])
        .unwrap_err();
    assert_eq!(missing.code(), "missing-parameter");
    assert_eq!(missing.line_column(), None);

    let arity = network
        .eval_f64(&Params::example("compose-first").unwrap(), &[1.0, 2.0])
        .unwrap_err();
    assert_eq!(arity.code(), "inputs");
    assert!(arity
        .to_string()
        .contains("1 input (x); 2 values were given"));
}

#[test]
fn the_composition_is_the_combined_psi_network() {
    let first = Network::example("compose-first").unwrap();
    let second = Network::example("compose-second").unwrap();
    let both = Params::example("compose-first")
        .unwrap()
        .join(&Params::example("compose-second").unwrap())
        .unwrap();
    let combined = Network::example("compose-combined").unwrap();
    let verdict = same_function(
        &compose(&[&first, &second]).unwrap(),
        &both,
        &combined,
        &Params::example("compose-combined").unwrap(),
    );
    assert_eq!(verdict.unwrap(), Verdict::Same);
}

#[test]
fn a_changed_weight_gives_the_first_point_of_difference() {
    let combined = Network::example("compose-combined").unwrap();
    let given = Params::example("compose-combined").unwrap();
    let text = netform::examples::find("compose-combined").unwrap().params;
    let changed = params(&text.replace("psi_11 = 2\n", "psi_11 = 3\n"));
    let Verdict::Differ(d) = same_function(&combined, &given, &combined, &changed).unwrap() else {
        panic!("a changed weight must show")
    };
    assert_eq!(d.output, "y'");
    assert_ne!(d.left, d.right);
    let at = [d.point[0].1.clone()];
    assert_eq!(combined.eval_exact(&given, &at).unwrap()[0], d.left);
    assert_eq!(combined.eval_exact(&changed, &at).unwrap()[0], d.right);
}

#[test]
fn one_input_is_compared_on_the_line_or_an_interval() {
    let relu = net("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1");
    let relu_params = params("θ_10 = 0; θ_11 = 1; φ_0 = 0; φ_1 = 1");
    let line = net("y = φ_0 + φ_1 x");
    let zero = params("φ_0 = 0; φ_1 = 0");
    let Verdict::Differ(d) = same_function(&relu, &relu_params, &line, &zero).unwrap() else {
        panic!("ReLU is not zero")
    };
    assert_eq!(d.point[0].1, rational("1").unwrap());
    let negative = [(rational("-3").unwrap(), rational("0").unwrap())];
    assert_eq!(
        same_function_on(&relu, &relu_params, &line, &zero, &negative).unwrap(),
        Verdict::Same
    );
}

const TWO_INPUTS: &str = "h_1 = a[θ_10 + θ_11 x_1 + θ_12 x_2]\nh_2 = a[θ_20 + θ_21 x_1 + θ_22 x_2]\ny = φ_0 + φ_1 h_1 + φ_2 h_2";

#[test]
fn two_inputs_are_compared_by_overlaying_regions() {
    let pair = net(TWO_INPUTS);
    // a[x₁ + x₂] − a[−x₁ − x₂] = x₁ + x₂.
    let pair_params = params(
        "θ_10 = 0; θ_11 = 1; θ_12 = 1; θ_20 = 0; θ_21 = -1; θ_22 = -1; φ_0 = 0; φ_1 = 1; φ_2 = -1",
    );
    // The same plane, written with the inputs in the other order.
    let plane = net("y = φ_0 + φ_2 x_2 + φ_1 x_1");
    let plane_params = params("φ_0 = 0; φ_1 = 1; φ_2 = 1");
    assert_eq!(
        same_function(&pair, &pair_params, &plane, &plane_params).unwrap(),
        Verdict::Same
    );
    // A kink only near the corner x₁ = x₂ = 1: different there and nowhere else.
    let kinked = params(
        "θ_10 = 0; θ_11 = 1; θ_12 = 1; θ_20 = -7/4; θ_21 = 1; θ_22 = 1; φ_0 = 0; φ_1 = 1; φ_2 = 1",
    );
    let flat = params(
        "θ_10 = 0; θ_11 = 1; θ_12 = 1; θ_20 = -7/4; θ_21 = 1; θ_22 = 1; φ_0 = 0; φ_1 = 1; φ_2 = 0",
    );
    let Verdict::Differ(d) = same_function(&pair, &kinked, &pair, &flat).unwrap() else {
        panic!("the kink must show")
    };
    let sum = &d.point[0].1 + &d.point[1].1;
    assert!(sum > rational("7/4").unwrap(), "{d}");
    let away = [
        (rational("-1").unwrap(), rational("1/2").unwrap()),
        (rational("-1").unwrap(), rational("1/2").unwrap()),
    ];
    assert_eq!(
        same_function_on(&pair, &kinked, &pair, &flat, &away).unwrap(),
        Verdict::Same
    );
}

const THREE_PAIR: &str = "h_1 = a[θ_10 + θ_11 x_1 + θ_12 x_2 + θ_13 x_3]\nh_2 = a[θ_20 + θ_21 x_1 + θ_22 x_2 + θ_23 x_3]\ny = φ_0 + φ_1 h_1 + φ_2 h_2";

#[test]
fn three_inputs_equal_after_un_nesting_are_the_same() {
    let pair = net(THREE_PAIR);
    // 2a[x₁ − x₂ + 3x₃] − 2a[−x₁ + x₂ − 3x₃] = 2x₁ − 2x₂ + 6x₃, with the
    // first argument scaled by 2 and the weights by 1/2 and −1.
    let pair_params = params(
        "θ_10 = 0; θ_11 = 2; θ_12 = -2; θ_13 = 6; θ_20 = 0; θ_21 = -1; θ_22 = 1; θ_23 = -3; φ_0 = 1/2; φ_1 = 1; φ_2 = -2",
    );
    let plane = net("y = φ_0 + φ_3 x_3 + φ_1 x_1 + φ_2 x_2");
    let plane_params = params("φ_0 = 1/2; φ_1 = 2; φ_2 = -2; φ_3 = 6");
    assert_eq!(
        same_function(&pair, &pair_params, &plane, &plane_params).unwrap(),
        Verdict::Same
    );
    let other_plane = params("φ_0 = 1/2; φ_1 = 2; φ_2 = -2; φ_3 = 5");
    let Verdict::Differ(d) = same_function(&pair, &pair_params, &plane, &other_plane).unwrap()
    else {
        panic!("different planes")
    };
    assert_ne!(d.point[2].1, rational("0").unwrap(), "{d}");
}

/// `max(max(x₁, x₂), x₃)` and `max(x₁, max(x₂, x₃))` with `max(u, v) = a[u − v] + v`.
const MAX_LEFT: &str =
    "h_1 = a[θ_11 x_1 + θ_12 x_2]\nh_2 = a[θ_21 h_1 + θ_22 x_2 + θ_23 x_3]\ny = φ_1 h_2 + φ_2 x_3";
const MAX_RIGHT: &str = "h_1 = a[θ_12 x_2 + θ_13 x_3]\nh_2 = a[θ_21 x_1 + θ_22 h_1 + θ_23 x_3]\ny = φ_1 h_2 + φ_2 h_1 + φ_3 x_3";

#[test]
fn three_inputs_not_equal_symbolically_are_sampled_and_never_called_the_same() {
    let left = net(MAX_LEFT);
    let left_params =
        params("θ_11 = 1; θ_12 = -1; θ_21 = 1; θ_22 = 1; θ_23 = -1; φ_1 = 1; φ_2 = 1");
    let right = net(MAX_RIGHT);
    let right_params =
        params("θ_12 = 1; θ_13 = -1; θ_21 = 1; θ_22 = -1; θ_23 = -1; φ_1 = 1; φ_2 = 1; φ_3 = 1");
    assert!(matches!(
        same_function(&left, &left_params, &right, &right_params).unwrap(),
        Verdict::Undecided { points } if points > 100
    ));
    let min_right =
        params("θ_12 = 1; θ_13 = -1; θ_21 = 1; θ_22 = -1; θ_23 = -1; φ_1 = 1; φ_2 = 1; φ_3 = 0");
    assert!(matches!(
        same_function(&left, &left_params, &right, &min_right).unwrap(),
        Verdict::Differ(_)
    ));
}

#[test]
fn networks_with_different_inputs_cannot_be_compared() {
    let a = net("y = φ_0 + φ_1 x");
    let b = net("y = φ_0 + φ_1 x_1 + φ_2 x_2");
    let p = params("φ_0 = 0; φ_1 = 1; φ_2 = 1");
    let error = same_function(&a, &p, &b, &p).unwrap_err();
    assert_eq!(error.code(), "mismatch");
    assert!(error
        .to_string()
        .contains("different inputs: x and x_1, x_2"));
}

#[test]
fn float_and_exact_agree_on_the_examples() {
    for example in EXAMPLES {
        let network = Network::example(example).unwrap();
        let params = Params::example(example).unwrap();
        for p in POINTS {
            let x: Rational = rational(p).unwrap();
            let exact = network
                .eval_exact(&params, std::slice::from_ref(&x))
                .unwrap();
            let float = network
                .eval_f64(
                    &params,
                    &[netform::num_traits::ToPrimitive::to_f64(&x).unwrap()],
                )
                .unwrap();
            for (e, f) in exact.iter().zip(float) {
                let e = netform::num_traits::ToPrimitive::to_f64(e).unwrap();
                assert!((e - f).abs() <= 1e-9 * (1.0 + e.abs()), "{example} at {p}");
            }
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A shallow network of three inputs and two hidden units.
    const SHALLOW: &str = "h_1 = a[θ_10 + θ_11 x_1 + θ_12 x_2 + θ_13 x_3]\nh_2 = a[θ_20 + θ_21 x_1 + θ_22 x_2 + θ_23 x_3]\ny = φ_0 + φ_1 h_1 + φ_2 h_2";

    fn shallow_params(theta: &[i64], phi: &[i64], scale: &Rational) -> Params {
        let mut pairs: Vec<(String, Rational)> = Vec::new();
        for (k, &t) in theta.iter().enumerate() {
            let (unit, input) = (k / 4 + 1, k % 4);
            let value = Rational::from_integer(t.into());
            let value = if unit == 1 { value * scale } else { value };
            pairs.push((format!("θ_{unit}{input}"), value));
        }
        for (j, &p) in phi.iter().enumerate() {
            let value = Rational::from_integer(p.into());
            let value = if j == 1 { value / scale } else { value };
            pairs.push((format!("φ_{j}"), value));
        }
        Params::from_pairs(pairs).unwrap()
    }

    proptest! {
        /// Scaling a unit's weights by λ > 0 and its outgoing weight by 1/λ
        /// keeps the function, and the comparison proves it; with λ < 0 a
        /// verdict of "same" must hold at every point tried, and a
        /// difference must be a real one.
        #[test]
        fn verdicts_hold_at_exact_points(
            theta in proptest::collection::vec(-3i64..=3, 8),
            phi in proptest::collection::vec(-3i64..=3, 3),
            numerator in prop_oneof![Just(-2i64), Just(-1), Just(1), Just(2), Just(3)],
            denominator in 1i64..=3,
            points in proptest::collection::vec(proptest::collection::vec(-6i64..=6, 3), 8),
        ) {
            let network = net(SHALLOW);
            let scale = Rational::new(numerator.into(), denominator.into());
            let given = shallow_params(&theta, &phi, &Rational::from_integer(1.into()));
            let scaled = shallow_params(&theta, &phi, &scale);
            let verdict = same_function(&network, &given, &network, &scaled).unwrap();
            if numerator > 0 {
                prop_assert_eq!(&verdict, &Verdict::Same);
            }
            match verdict {
                Verdict::Differ(d) => {
                    let at: Vec<Rational> = d.point.iter().map(|(_, v)| v.clone()).collect();
                    prop_assert_eq!(network.eval_exact(&given, &at).unwrap()[0].clone(), d.left.clone());
                    prop_assert_eq!(network.eval_exact(&scaled, &at).unwrap()[0].clone(), d.right.clone());
                    prop_assert_ne!(d.left, d.right);
                }
                _ => {
                    for p in points {
                        let at: Vec<Rational> = p.iter().map(|&v| Rational::new(v.into(), 2.into())).collect();
                        prop_assert_eq!(
                            network.eval_exact(&given, &at).unwrap(),
                            network.eval_exact(&scaled, &at).unwrap()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_deep_narrow_network_of_three_inputs_is_compared_without_overflowing() {
    let mut text = String::from("h_1 = a[θ_10 + θ_11 x_1 + θ_12 x_2 + θ_13 x_3]\n");
    let mut values = String::from("θ_10 = 1; θ_11 = 1; θ_12 = 1; θ_13 = 1\n");
    for k in 2..=3000 {
        text.push_str(&format!("h_{k} = a[β_{k} + ω_{k} h_{}]\n", k - 1));
        values.push_str(&format!("β_{k} = 0; ω_{k} = 1\n"));
    }
    text.push_str("y = φ_0 + φ_1 h_3000");
    values.push_str("φ_0 = 0; φ_1 = 1");
    let deep = net(&text);
    let p = params(&values);
    let shallow = net("h_1 = a[θ_10 + θ_11 x_1 + θ_12 x_2 + θ_13 x_3]\ny = φ_0 + φ_1 h_1");
    let q = params("θ_10 = 1; θ_11 = 1; θ_12 = 1; θ_13 = 1; φ_0 = 0; φ_1 = 1");
    // Too deep to compare symbolically: the points decide, and find no difference.
    assert!(matches!(
        same_function(&deep, &p, &shallow, &q).unwrap(),
        Verdict::Undecided { .. }
    ));
}
