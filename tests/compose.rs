//! Composition: the combined network computes exactly the second network
//! applied to the first, in new parameters or with products kept.

mod common;

use common::{bind, net, q};
use netform::eval::{Activation, Compiled};
use netform::examples::find;
use netform::network::Network;
use netform::rewrite::compose::compose;
use num_rational::BigRational;

fn exact(network: &Network, params: &str, x: &BigRational) -> Vec<BigRational> {
    Compiled::<BigRational>::new(network, &bind(network, params), Activation::Relu)
        .outputs(std::slice::from_ref(x))
}

#[test]
fn the_slides_two_networks() {
    let (a, b) = (
        find("compose-first").unwrap(),
        find("compose-second").unwrap(),
    );
    let c = compose(&net(a.source), &net(b.source), &Vec::new()).unwrap();
    let params = format!("{}\n{}", a.params, b.params);
    assert_eq!(c.collected.params.len(), 20, "free parameters");
    assert_eq!(c.collected.definitions.len(), 12, "ψ definitions");
    let names: Vec<String> = c
        .collected
        .definitions
        .iter()
        .map(|d| c.collected.symbols[d.name].to_string())
        .collect();
    assert_eq!(names[0], "psi_10");
    assert_eq!(names[11], "psi_33");
    for n in -10..=10 {
        let x = BigRational::new(n.into(), 4.into());
        let y = exact(&net(a.source), a.params, &x);
        let y2 = exact(&net(b.source), b.params, &y[0]);
        assert_eq!(exact(&c.collected, &params, &x), y2, "collected at {x}");
        assert_eq!(exact(&c.expanded, &params, &x), y2, "expanded at {x}");
    }
    assert_eq!(exact(&c.collected, &params, &q("1/2")), vec![q("-41/40")]);
}

#[test]
fn shared_names_are_refused() {
    let a = find("compose-first").unwrap();
    let err = compose(
        &net(a.source),
        &net("h_1 = a[\\theta_{10} + \\theta_{11}y]\nz = h_1"
            .replace('z', "y'")
            .as_str()),
        &Vec::new(),
    )
    .unwrap_err();
    assert!(err.0.contains("both networks use"), "{err}");
}

#[test]
fn nothing_to_feed() {
    let a = find("compose-first").unwrap();
    let err = compose(
        &net(a.source),
        &net("y' = \\phi'_0 + \\phi'_1 x'"),
        &Vec::new(),
    )
    .unwrap_err();
    assert!(err.0.contains("--feed"), "{err}");
    let ok = compose(
        &net(a.source),
        &net("y' = \\phi'_0 + \\phi'_1 x'"),
        &vec![("y".into(), "x'".into())],
    );
    assert!(ok.is_ok());
}

mod random {
    use super::*;
    use netform::render::{derivation::derivation, Format, Options};
    use netform::rewrite::arch;
    use netform::symbol::{Letter, Symbol, SymbolTable, VarLetter};
    use proptest::prelude::*;

    /// The same network with every name primed twice (a two-layer first network
    /// uses `h` and `h′`), and inputs renamed
    /// after the first network's outputs.
    fn second(network: &Network, first: &Network) -> Network {
        let mut symbols = SymbolTable::new();
        for (_, s) in network.symbols.iter() {
            let renamed = match s.letter {
                Letter::Var(VarLetter::X) => {
                    let k = s.indices.first().map_or(0, |&i| i as usize - 1);
                    first.symbols[first.outputs[k]].clone()
                }
                _ => Symbol {
                    primes: s.primes + 2,
                    ..s.clone()
                },
            };
            symbols.intern(renamed);
        }
        Network {
            symbols,
            ..network.clone()
        }
    }

    fn params(network: &Network, values: &[(i64, i64)]) -> String {
        network
            .params
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let (a, b) = values[k % values.len()];
                format!("{} = {}/{}\n", network.symbols[p], a + k as i64 % 3, b)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn composing_equals_chaining(
            hidden_a in prop::collection::vec(1usize..=4, 1..=2),
            hidden_b in prop::collection::vec(1usize..=4, 1..=2),
            inner in 1usize..=2,
            values in prop::collection::vec((-9i64..=9, 1i64..=5), 1..20),
            x in (-12i64..=12, 1i64..=4),
        ) {
            let mut wa = vec![1];
            wa.extend(&hidden_a);
            wa.push(inner);
            let mut wb = vec![inner];
            wb.extend(&hidden_b);
            wb.push(1);
            let a = arch::network(&wa).unwrap();
            let b = second(&arch::network(&wb).unwrap(), &a);
            let c = compose(&a, &b, &Vec::new()).unwrap();
            let (pa, pb) = (params(&a, &values), params(&b, &values[1..].iter().chain(&values[..1]).copied().collect::<Vec<_>>()));
            let all = format!("{pa}{pb}");
            let x = BigRational::new(x.0.into(), x.1.into());
            let y = exact(&a, &pa, &x);
            let bound = bind(&b, &pb);
            let y2 = Compiled::<BigRational>::new(&b, &bound, Activation::Relu).outputs(&y);
            prop_assert_eq!(exact(&c.collected, &all, &x), y2.clone());
            prop_assert_eq!(exact(&c.expanded, &all, &x), y2.clone());
            prop_assert_eq!(c.collected.depth() as usize, hidden_a.len() + hidden_b.len() + 1);
            for collect in [true, false] {
                let chain = netform::rewrite::compose::compose_chain(&[a.clone(), b.clone()], &[], collect).unwrap();
                let (symbols, steps) = netform::rewrite::compose::derivation(&chain, Default::default(), collect);
                for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
                    let text = derivation(&symbols, &steps, &Options { format, width: 60, standalone: false });
                    let read = net(&text);
                    prop_assert_eq!(exact(&read, &all, &x), y2.clone(), "{:?}:\n{}", format, text);
                }
            }
        }
    }
}
