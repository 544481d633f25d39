//! One-line helpers shared by the integration tests.
#![allow(dead_code)]

use netform::eval::{Activation, Bindings, Compiled};
use netform::network::Network;
use num_rational::BigRational;

/// Reads a network, failing the test with the rendered diagnostics.
pub fn net(source: &str) -> Network {
    match netform::read::network(source) {
        Ok(n) => n,
        Err(f) => panic!(
            "expected a network, got:\n{}",
            netform::diagnostic::render(
                "test",
                f.text.as_deref().unwrap_or(source),
                &f.diagnostics,
                false
            )
        ),
    }
}

/// The rendered errors of an input that must fail to read.
pub fn errors(source: &str) -> String {
    match netform::read::network(source) {
        Ok(_) => panic!("expected errors for:\n{source}"),
        Err(f) => netform::diagnostic::render(
            "test",
            f.text.as_deref().unwrap_or(source),
            &f.diagnostics,
            false,
        ),
    }
}

/// An exact number: `q("-3/4")`.
pub fn q(text: &str) -> BigRational {
    netform::syntax::parse_number(text)
        .unwrap_or_else(|e| panic!("bad number {text}: {}", e.message))
}

/// Binds a parameter text to a network, failing the test on any error.
pub fn bind(network: &Network, params: &str) -> Bindings {
    let assignments =
        netform::syntax::parse_values(params).unwrap_or_else(|d| panic!("bad params: {d:?}"));
    Bindings::new(network, &assignments)
        .unwrap_or_else(|d| panic!("cannot bind: {d:?}"))
        .0
}

/// The exact outputs of `source` with `params` at the point `at` (`"x=1/2"`).
pub fn eval(source: &str, params: &str, at: &str) -> Vec<BigRational> {
    eval_with(source, params, at, Activation::Relu)
}

/// Like [`eval`] with another activation.
pub fn eval_with(source: &str, params: &str, at: &str, activation: Activation) -> Vec<BigRational> {
    let network = net(source);
    let bindings = bind(&network, params);
    let point = netform::syntax::parse_values(at).unwrap_or_else(|d| panic!("bad point: {d:?}"));
    let inputs = netform::eval::input_values(&network, &point)
        .unwrap_or_else(|d| panic!("bad point: {d:?}"));
    Compiled::<BigRational>::new(&network, &bindings, activation).outputs(&inputs)
}

/// Runs `f` with insta writing snapshots to the top-level `snapshots/` folder.
pub fn snapshots<R>(f: impl FnOnce() -> R) -> R {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f)
}

/// Binds parameter `k` of `network` to `values[k % len]`, shifted so that
/// neighbours differ: random rational parameters for property tests.
pub fn cycled_bindings(network: &Network, values: &[(i64, i64)]) -> Bindings {
    let assignments: Vec<netform::syntax::Assignment> = network
        .params
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let (a, b) = values[k % values.len()];
            netform::syntax::Assignment {
                symbol: network.symbols[p].clone(),
                name_span: netform::syntax::Span::default(),
                value: BigRational::new((a + (k as i64 % 5)).into(), b.into()),
                value_span: netform::syntax::Span::default(),
            }
        })
        .collect();
    Bindings::new(network, &assignments).unwrap().0
}
