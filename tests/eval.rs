//! Exact evaluation against values computed by hand.

mod common;

use common::{bind, eval, eval_with, net, q};
use netform::eval::{Activation, Bindings, Compiled};
use netform::examples;
use num_rational::BigRational;

fn example(name: &str) -> &'static examples::Example {
    examples::find(name).unwrap()
}

#[test]
fn first_network_at_one_half() {
    // h₁ = a[-1/5 + 1/2] = 3/10, h₂ = a[-1/2 + 1/2] = 0, h₃ = a[-4/5 + 1/2] = 0;
    // y = 1/10 + 2·3/10 = 7/10.
    let e = example("compose-first");
    assert_eq!(eval(e.source, e.params, "x=1/2"), vec![q("7/10")]);
}

#[test]
fn second_network_at_seven_tenths() {
    // h′₁ = 7/10, h′₂ = a[-1/4 + 7/5] = 23/20, h′₃ = a[-1/2 - 7/10] = 0;
    // y′ = 7/10 - 3/2·23/20 = -41/40.
    let e = example("compose-second");
    assert_eq!(eval(e.source, e.params, "y=7/10"), vec![q("-41/40")]);
}

#[test]
fn combined_network_equals_the_composition_at_many_points() {
    let (first, second, combined) = (
        example("compose-first"),
        example("compose-second"),
        example("compose-combined"),
    );
    for n in -12..=12 {
        let x = BigRational::new(n.into(), 5.into());
        let y = &eval(first.source, first.params, &format!("x={x}"))[0];
        let y2 = &eval(second.source, second.params, &format!("y={y}"))[0];
        assert_eq!(
            &eval(combined.source, combined.params, &format!("x={x}"))[0],
            y2,
            "at x = {x}"
        );
    }
}

#[test]
fn shallow_network_has_two_outputs() {
    // x = 1: h = (a[-1/2], a[3/4], a[2], a[1/4]) = (0, 3/4, 2, 1/4);
    // y₁ = -3/4 + 1 + 1/2 = 3/4; y₂ = 1/3 + 3/4 - 1/8 = 23/24.
    let e = example("shallow-1-4-2");
    assert_eq!(eval(e.source, e.params, "x=1"), vec![q("3/4"), q("23/24")]);
}

#[test]
fn deep_network_by_hand() {
    // x = 1: h₁ = (a[1/2], a[-1/2]) = (1/2, 0); h₂ = (a[1/2], a[-1/4 + 1]) = (1/2, 3/4);
    // h₃ = (a[1/8 + 1/2 - 3/4], a[-1/4 + 9/4]) = (0, 2); y = 1/4 - 4 = -15/4.
    let e = example("deep-3-layer");
    assert_eq!(eval(e.source, e.params, "x=1"), vec![q("-15/4")]);
}

#[test]
fn decimals_are_exact() {
    let src = "y = \\phi_0 + \\phi_1 x";
    assert_eq!(
        eval(src, "phi_0 = 0.1\nphi_1 = 0.2", "x=0.1"),
        vec![q("3/25")]
    );
}

#[test]
fn activations_other_than_relu() {
    let src = "h = a[\\theta_0 + \\theta_1 x]\ny = h";
    let params = "theta_0 = 0\ntheta_1 = 1";
    assert_eq!(
        eval_with(src, params, "x=-2", Activation::Relu),
        vec![q("0")]
    );
    assert_eq!(
        eval_with(src, params, "x=-2", Activation::Identity),
        vec![q("-2")]
    );
    assert_eq!(
        eval_with(src, params, "x=-2", "leaky-relu:1/10".parse().unwrap()),
        vec![q("-1/5")]
    );
    assert_eq!(
        eval_with(src, params, "x=3", "leaky-relu:1/10".parse().unwrap()),
        vec![q("3")]
    );
}

#[test]
fn nested_activations_evaluate_before_unnesting() {
    let src = "y = \\phi_0 + \\phi_1 a[\\theta_{10} + \\theta_{11}x]";
    assert_eq!(
        eval(src, "phi_0=1; phi_1=2; theta_10=-1; theta_11=1", "x=3"),
        vec![q("5")]
    );
    assert_eq!(
        eval(src, "phi_0=1; phi_1=2; theta_10=-1; theta_11=1", "x=0"),
        vec![q("1")]
    );
}

#[test]
fn product_coefficients_and_parameter_definitions() {
    let src = "h'_1 = a[\\theta'_{10} + \\theta'_{11}\\phi_{0} + \\theta'_{11}\\phi_{1}h_{1}]\n\
               h_1 = a[x]\n\
               y' = \\psi_{10} h'_1\n\
               \\psi_{10} = \\theta'_{10} + 2\\phi_0";
    // h₁ = 3; h′₁ = a[1 + 2·5 + 2·(-1)·3] = 5; ψ₁₀ = 1 + 10 = 11; y′ = 55.
    assert_eq!(
        eval(
            src,
            "theta'_10 = 1; theta'_11 = 2; phi_0 = 5; phi_1 = -1",
            "x=3"
        ),
        vec![q("55")]
    );
}

#[test]
fn several_inputs() {
    let src = "y = \\phi_0 + \\phi_1 x_1 + \\phi_2 x_2";
    assert_eq!(
        eval(src, "phi_0=1, phi_1=2, phi_2=3", "x_1=1, x_2=-1/2"),
        vec![q("3/2")]
    );
}

#[test]
fn float_evaluation_is_close_to_exact() {
    let e = example("compose-combined");
    let network = net(e.source);
    let bindings = bind(&network, e.params);
    let compiled = Compiled::<f64>::new(&network, &bindings, Activation::Relu);
    let y = compiled.outputs(&[0.5])[0];
    assert!((y - (-41.0 / 40.0)).abs() < 1e-12, "{y}");
}

#[test]
fn every_missing_parameter_is_named() {
    let network = net("y = \\phi_0 + \\phi_1 x + \\phi_2 x_2");
    let assignments = netform::syntax::parse_values("phi_1 = 1").unwrap();
    let errors = Bindings::new(&network, &assignments).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("phi_0") && errors[0].message.contains("phi_2"),
        "{}",
        errors[0].message
    );
}

#[test]
fn unknown_parameters_are_warnings() {
    let network = net("y = \\phi_0");
    let assignments = netform::syntax::parse_values("phi_0 = 1\ntheta_1 = 2").unwrap();
    let (_, warnings) = Bindings::new(&network, &assignments).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("theta_1"));
}

#[test]
fn a_value_that_contradicts_a_definition_is_an_error() {
    let network = net("y = \\psi_1 x\n\\psi_1 = 2\\phi_1");
    let assignments = netform::syntax::parse_values("phi_1 = 1\npsi_1 = 3").unwrap();
    assert!(Bindings::new(&network, &assignments).is_err());
    let assignments = netform::syntax::parse_values("phi_1 = 1\npsi_1 = 2").unwrap();
    assert!(Bindings::new(&network, &assignments).is_ok());
}

#[test]
fn missing_and_unknown_inputs() {
    let network = net("y = \\phi_0 + \\phi_1 x_1 + \\phi_2 x_2");
    let point = netform::syntax::parse_values("x_1 = 1, x_3 = 2").unwrap();
    let errors = netform::eval::input_values(&network, &point).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
}
