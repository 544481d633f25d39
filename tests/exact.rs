//! Property tests: the integer evaluator behind `Compiled<BigRational>`
//! ([`Exact`]) gives exactly the values of plain rational arithmetic
//! ([`Plain`]), on random networks (any DAG, several inputs and outputs,
//! activations nested in right sides, every activation) with random
//! parameters, some large enough to leave `i128`; and the nested form,
//! evaluated on its own, agrees.

mod common;

use netform::agreement::{disagreement, AllForms};
use netform::eval::{Activation, Bindings, Compiled, Exact, Plain, Plan, Program};
use netform::network::Network;
use netform::syntax::{Assignment, Span};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

/// A random network. Each unit reads some of the inputs and the hidden
/// units before it (`reads`, taken modulo what exists), and may add an
/// activation of an affine combination of its own (`nested`). The last
/// output also reads every hidden unit nobody else reads.
#[derive(Clone, Debug)]
struct Dag {
    inputs: usize,
    hidden: Vec<UnitShape>,
    outputs: Vec<UnitShape>,
}

#[derive(Clone, Debug)]
struct UnitShape {
    reads: Vec<usize>,
    nested: Option<Vec<usize>>,
    /// How each weight is written, cycled through: a parameter, a product of
    /// two parameters, or a number times a parameter.
    shapes: Vec<u8>,
}

fn unit_shape() -> impl Strategy<Value = UnitShape> {
    (
        prop::collection::vec(0usize..100, 1..4),
        prop::option::of(prop::collection::vec(0usize..100, 1..3)),
        prop::collection::vec(0u8..5, 1..4),
    )
        .prop_map(|(reads, nested, shapes)| UnitShape {
            reads,
            nested,
            shapes,
        })
}

fn dag() -> impl Strategy<Value = Dag> {
    (
        1usize..=3,
        prop::collection::vec(unit_shape(), 0..=6),
        prop::collection::vec(unit_shape(), 1..=3),
    )
        .prop_map(|(inputs, hidden, outputs)| Dag {
            inputs,
            hidden,
            outputs,
        })
}

impl Dag {
    /// `x_1`…, then `h_1`….
    fn var(&self, v: usize) -> String {
        if v < self.inputs {
            format!("x_{}", v + 1)
        } else {
            format!("h_{}", v - self.inputs + 1)
        }
    }

    /// `bias + Σ weight · var` over the distinct `reads` (modulo `available`).
    fn affine(
        &self,
        greek: &str,
        unit: usize,
        shape: &UnitShape,
        reads: &[usize],
        available: usize,
    ) -> String {
        let mut vars: Vec<usize> = Vec::new();
        for r in reads {
            if !vars.contains(&(r % available)) {
                vars.push(r % available);
            }
        }
        let mut text = format!("{greek}_{{{unit},0}}");
        for (k, &v) in vars.iter().enumerate() {
            let weight = format!("{greek}_{{{unit},{}}}", k + 1);
            let weight = match shape.shapes[k % shape.shapes.len()] {
                0 => format!("{weight} omega_{{{unit},{}}}", k + 1),
                1 => format!("3/4 {weight}"),
                _ => weight,
            };
            text.push_str(&format!(" + {weight} {}", self.var(v)));
        }
        text
    }

    /// One unit's right side: the affine combination of its reads and of
    /// `also` (all below `available`), and its nested activation.
    fn rhs(&self, unit: usize, shape: &UnitShape, available: usize, also: &[usize]) -> String {
        let mut reads = shape.reads.clone();
        reads.extend(also);
        let mut text = self.affine("theta", unit, shape, &reads, available);
        if let Some(nested) = &shape.nested {
            let inner = self.affine("psi", unit, shape, nested, available);
            text.push_str(&format!(" + phi_{unit} a[{inner}]"));
        }
        text
    }

    fn source(&self) -> String {
        let mut out = String::new();
        let mut read = vec![false; self.inputs + self.hidden.len()];
        for (i, shape) in self.hidden.iter().enumerate() {
            let available = self.inputs + i;
            shape.reads.iter().for_each(|r| read[r % available] = true);
            let rhs = self.rhs(i + 1, shape, available, &[]);
            out.push_str(&format!("h_{} = a[{rhs}]\n", i + 1));
        }
        let available = self.inputs + self.hidden.len();
        for (j, shape) in self.outputs.iter().enumerate() {
            shape.reads.iter().for_each(|r| read[r % available] = true);
            let unread: Vec<usize> = if j + 1 == self.outputs.len() {
                (self.inputs..available).filter(|&v| !read[v]).collect()
            } else {
                Vec::new()
            };
            let rhs = self.rhs(100 + j, shape, available, &unread);
            out.push_str(&format!("y_{} = {rhs}\n", j + 1));
        }
        out
    }
}

/// A rational: usually small (`k/d`, |k|, d ≤ 9), sometimes with a
/// numerator or a denominator beyond `i64` (`k·10^e + 1 / d`, `k / 10^e + 3`).
fn rational() -> impl Strategy<Value = BigRational> {
    let ten = |e: u32| BigInt::from(10).pow(e);
    prop_oneof![
        6 => (-9i64..=9, 1i64..=9).prop_map(|(n, d)| BigRational::new(n.into(), d.into())),
        1 => (-9i64..=9, 12u32..=40, 1i64..=9)
            .prop_map(move |(k, e, d)| BigRational::new(BigInt::from(k) * ten(e) + 1, d.into())),
        1 => (-9i64..=9, 12u32..=40)
            .prop_map(move |(k, e)| BigRational::new(k.into(), ten(e) + 3)),
    ]
}

fn activation() -> impl Strategy<Value = Activation> {
    prop_oneof![
        Just(Activation::Relu),
        Just(Activation::Identity),
        rational().prop_map(Activation::LeakyRelu),
    ]
}

/// Binds parameter `k` of `network` to `values[k % len]`.
fn bind(network: &Network, values: &[BigRational]) -> Bindings {
    let assignments: Vec<Assignment> = network
        .params
        .iter()
        .enumerate()
        .map(|(k, &p)| Assignment {
            symbol: network.symbols[p].clone(),
            name_span: Span::default(),
            value: values[k % values.len()].clone(),
            value_span: Span::default(),
        })
        .collect();
    Bindings::new(network, &assignments).unwrap().0
}

/// Every slot agrees with plain arithmetic, and the outputs of
/// `Compiled<BigRational>` are plain arithmetic's outputs.
fn same_values(
    network: &Network,
    bindings: &Bindings,
    activation: &Activation,
    points: &[Vec<BigRational>],
) -> Result<(), TestCaseError> {
    let plan = Plan::new(network, bindings, activation.clone());
    let (exact, plain) = (Exact::new(&plan), Plain::<BigRational>::new(&plan));
    let compiled = Compiled::<BigRational>::new(network, bindings, activation.clone());
    let output_slots: Vec<usize> = network
        .outputs
        .iter()
        .map(|&o| network.inputs.len() + network.units.iter().position(|u| u.name == o).unwrap())
        .collect();
    for point in points {
        let x = &point[..network.inputs.len()];
        let expected = plain.slots(x);
        prop_assert_eq!(&exact.slots(x), &expected, "at {:?}", x);
        let outputs: Vec<BigRational> = output_slots.iter().map(|&s| expected[s].clone()).collect();
        prop_assert_eq!(compiled.outputs(x), outputs, "at {:?}", x);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn exact_evaluation_of_any_dag_is_plain_rational_arithmetic(
        d in dag(),
        values in prop::collection::vec(rational(), 1..12),
        activation in activation(),
        points in prop::collection::vec(prop::collection::vec(rational(), 3), 1..4),
    ) {
        let network = common::net(&d.source());
        let bindings = bind(&network, &values);
        same_values(&network, &bindings, &activation, &points)?;
        // The nested form shares no arithmetic with the scalar form.
        if let Ok(forms) = AllForms::<BigRational>::new(&network, &bindings, activation, 20_000) {
            for point in &points {
                let values = forms.evaluate(&point[..network.inputs.len()]);
                prop_assert!(disagreement(&values).is_none(), "{:?}", values);
            }
        }
    }

    #[test]
    fn exact_evaluation_of_layered_networks_is_plain_rational_arithmetic(
        widths in prop::collection::vec(1usize..=12, 3..=6),
        values in prop::collection::vec(rational(), 1..40),
        activation in activation(),
        points in prop::collection::vec(prop::collection::vec(rational(), 12), 1..4),
    ) {
        let network = netform::rewrite::arch::network(&widths).unwrap();
        let bindings = bind(&network, &values);
        same_values(&network, &bindings, &activation, &points)?;
    }
}
