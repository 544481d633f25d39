//! Arbitrary bytes as the small languages besides networks: a parameter file
//! (lines `name = value` or JSON) bound to the bundled examples and
//! evaluated, a point for `--at`, a `--domain`, a `--feed` and an `--arch`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netform::analysis::{bounds::Bounds, domain, params::Count};
use netform::eval::{input_values, Activation, Bindings, Compiled};
use netform::examples::EXAMPLES;
use num_rational::BigRational;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = netform::read::decode(data) else {
        return;
    };
    let example = &EXAMPLES[data.len() % EXAMPLES.len()];
    let network = netform::read::network(example.source).expect("bundled examples read");
    if let Ok(assignments) = netform::syntax::parse_values(text) {
        if let Ok((bindings, _)) = Bindings::new(&network, &assignments) {
            let exact = Compiled::<BigRational>::new(&network, &bindings, Activation::Relu);
            let x = vec![BigRational::new(1.into(), 3.into()); network.inputs.len()];
            let _ = exact.outputs(&x);
        }
        let _ = input_values(&network, &assignments);
    }
    let _ = domain::interval(text);
    let _ = domain::two_inputs(&network, text);
    let _ = netform::rewrite::compose::parse_feed(text);
    let _ = text.parse::<Activation>();
    let widths: Vec<usize> = text
        .split([',', 'x'])
        .filter_map(|w| w.trim().parse().ok())
        .collect();
    if !widths.is_empty() {
        let _ = Count::of_arch(&widths).map(|c| c.to_string());
        let _ = Bounds::of_arch(&widths).map(|b| b.to_string());
    }
});
