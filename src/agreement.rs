//! Every form evaluated on its own, and the check that they agree
//! (`netform eval --all-forms`).
//!
//! - the **scalar** form, unit by unit, by [`Compiled`];
//! - the **matrix** form, by real matrix–vector products over the layers of
//!   [`Layered`]: `h = a[β + Ω·x]`, layer after layer;
//! - the **nested** form, by walking each output's single nested equation
//!   from [`NestedForm`], each distinct bracket evaluated once.
//!
//! The three share nothing but the parameter values, so an error in any
//! rewrite shows up as a disagreement. Exact values must be equal; `f64`
//! values must agree to a relative 1e-9.
//!
//! ```
//! use netform::agreement::{AllForms, disagreement};
//! use netform::eval::{Activation, Bindings};
//! use num_rational::BigRational;
//!
//! let example = netform::examples::find("compose-combined").unwrap();
//! let network = netform::read::network(example.source).unwrap();
//! let values = netform::syntax::parse_values(example.params).unwrap();
//! let (bindings, _) = Bindings::new(&network, &values).unwrap();
//! let forms = AllForms::<BigRational>::new(&network, &bindings, Activation::Relu, 1000).unwrap();
//! let x = [BigRational::new(1.into(), 2.into())];
//! let values = forms.evaluate(&x);
//! assert_eq!(values.len(), 3);
//! assert!(disagreement(&values).is_none());
//! ```

use crate::eval::{Activation, Approximate, Bindings, Compiled, Scalar};
use crate::expr::Poly;
use crate::network::Network;
use crate::rewrite::layered::Layered;
use crate::rewrite::nested::{NestedAtom, NestedForm, TooLarge};
use crate::symbol::Sym;
use num_rational::BigRational;
use num_traits::Zero;

/// The forms `--all-forms` evaluates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvaluatedForm {
    /// Unit by unit.
    Scalar,
    /// Layer by layer, by matrix–vector products.
    Matrix,
    /// Each output's nested equation.
    Nested,
}

/// A network compiled three times, once per form.
#[derive(Clone, Debug)]
pub struct AllForms<S: Scalar> {
    scalar: Compiled<S>,
    /// `None` when the network has no matrix form (a skip connection).
    matrix: Option<MatrixProgram<S>>,
    nested: NumericNested<S>,
    activation: Activation,
}

/// Two forms that give different values.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement<S> {
    /// The output, as an index into [`Network::outputs`].
    pub output: usize,
    /// The first form and its value.
    pub first: (EvaluatedForm, S),
    /// The form that disagrees with it, and its value.
    pub second: (EvaluatedForm, S),
}

/// Numbers whose agreement can be judged: exactly, or to a tolerance.
pub trait Agree: Scalar {
    /// Whether two values of the same output agree.
    fn agrees(&self, other: &Self) -> bool;
    /// Whether the value is a number (`f64`: finite; exact values always are).
    fn is_finite(&self) -> bool {
        true
    }
}

/// The layers with numeric entries, and where each output sits in the last.
#[derive(Clone, Debug)]
struct MatrixProgram<S> {
    layers: Vec<(bool, Vec<S>, Vec<Vec<S>>)>,
    outputs: Vec<usize>,
}

/// The sums of a [`NestedForm`] with numeric coefficients, and the sum each
/// output is.
#[derive(Clone, Debug)]
struct NumericNested<S> {
    sums: Vec<NumericSum<S>>,
    outputs: Vec<usize>,
}

/// A sum with numeric coefficients: a bias, and terms on inputs or on the
/// activation of an earlier sum.
#[derive(Clone, Debug)]
struct NumericSum<S> {
    bias: S,
    terms: Vec<(S, NumericAtom)>,
}

#[derive(Clone, Copy, Debug)]
enum NumericAtom {
    /// An input, by its place in [`Network::inputs`] (`usize::MAX`: none).
    Input(usize),
    /// The activation of an earlier sum.
    Act(usize),
}

impl AllForms<f64> {
    /// Every form of `network` in `f64` with the values in `values`, every
    /// coefficient computed in `f64` (see [`Approximate`]).
    pub fn approximate(
        network: &Network,
        values: &Approximate,
        activation: Activation,
        max_terms: u128,
    ) -> Result<AllForms<f64>, TooLarge> {
        let scalar = Compiled::approximate(network, values, activation.clone());
        AllForms::with(
            network,
            scalar,
            &|p: &Poly| values.poly(p),
            activation,
            max_terms,
        )
    }
}

impl<S: Scalar> AllForms<S> {
    /// Compiles every form of `network` with the values in `bindings`;
    /// refused when the nested equations would have more than `max_terms`
    /// terms.
    pub fn new(
        network: &Network,
        bindings: &Bindings,
        activation: Activation,
        max_terms: u128,
    ) -> Result<AllForms<S>, TooLarge> {
        let scalar = Compiled::new(network, bindings, activation.clone());
        let number = |p: &Poly| S::from_rational(&poly_value(p, bindings));
        AllForms::with(network, scalar, &number, activation, max_terms)
    }

    /// The matrix and nested forms beside the compiled scalar form, their
    /// coefficients computed by `number`.
    fn with(
        network: &Network,
        scalar: Compiled<S>,
        number: &dyn Fn(&Poly) -> S,
        activation: Activation,
        max_terms: u128,
    ) -> Result<AllForms<S>, TooLarge> {
        let form = NestedForm::of(network, max_terms)?;
        let mut input_slot = vec![usize::MAX; network.symbols.len()];
        for (i, x) in network.inputs.iter().enumerate() {
            input_slot[x.0 as usize] = i;
        }
        Ok(AllForms {
            scalar,
            matrix: Layered::of(network)
                .ok()
                .map(|l| MatrixProgram::new(&l, &network.outputs, number)),
            nested: NumericNested::new(&form, &input_slot, number),
            activation,
        })
    }

    /// Whether the network has a matrix form to evaluate.
    pub fn has_matrix_form(&self) -> bool {
        self.matrix.is_some()
    }

    /// Every form's outputs at one point (inputs in [`Network::inputs`]
    /// order), in the order scalar, matrix (if there is one), nested.
    pub fn evaluate(&self, inputs: &[S]) -> Vec<(EvaluatedForm, Vec<S>)> {
        let mut values = vec![(EvaluatedForm::Scalar, self.scalar.outputs(inputs))];
        if let Some(matrix) = &self.matrix {
            values.push((
                EvaluatedForm::Matrix,
                matrix.outputs(inputs, &self.activation),
            ));
        }
        let nested = self.nested.outputs(inputs, &self.activation);
        values.push((EvaluatedForm::Nested, nested));
        values
    }
}

/// The first output on which some form disagrees with the scalar form.
pub fn disagreement<S: Agree>(values: &[(EvaluatedForm, Vec<S>)]) -> Option<Disagreement<S>> {
    let (first, reference) = values.first()?;
    values[1..].iter().find_map(|(form, outputs)| {
        let k = (0..reference.len().max(outputs.len())).find(|&k| {
            match (reference.get(k), outputs.get(k)) {
                (Some(a), Some(b)) => !a.agrees(b),
                _ => true,
            }
        })?;
        let at = |v: &[S]| v.get(k).cloned().unwrap_or_else(S::zero);
        Some(Disagreement {
            output: k,
            first: (*first, at(reference)),
            second: (*form, at(outputs)),
        })
    })
}

impl EvaluatedForm {
    /// `scalar`, `matrix`, `nested`.
    pub fn name(self) -> &'static str {
        match self {
            EvaluatedForm::Scalar => "scalar",
            EvaluatedForm::Matrix => "matrix",
            EvaluatedForm::Nested => "nested",
        }
    }
}

impl Agree for BigRational {
    /// Exact values agree only when equal.
    fn agrees(&self, other: &Self) -> bool {
        self == other
    }
}

impl Agree for f64 {
    /// Within a relative 1e-9 (absolute near zero): the forms add in
    /// different orders, so their roundings differ.
    fn agrees(&self, other: &Self) -> bool {
        let scale = self.abs().max(other.abs()).max(1.0);
        (self - other).abs() <= 1e-9 * scale || (self.is_nan() && other.is_nan())
    }

    fn is_finite(&self) -> bool {
        f64::is_finite(*self)
    }
}

impl<S: Scalar> MatrixProgram<S> {
    /// Evaluates every entry; `outputs` says which unit of the last layer
    /// each network output is.
    fn new(layered: &Layered, outputs: &[Sym], number: &dyn Fn(&Poly) -> S) -> MatrixProgram<S> {
        let layers = layered
            .layers
            .iter()
            .map(|l| {
                let bias = l.bias.iter().map(number).collect();
                let weights = l
                    .weights
                    .iter()
                    .map(|r| r.iter().map(number).collect())
                    .collect();
                (l.activation, bias, weights)
            })
            .collect();
        let last: &[Sym] = layered.layers.last().map_or(&[], |l| l.units.as_slice());
        let outputs = outputs
            .iter()
            .map(|o| last.iter().position(|u| u == o).unwrap_or(usize::MAX))
            .collect();
        MatrixProgram { layers, outputs }
    }

    /// `v ← a[β + Ω·v]` for each layer, then the outputs.
    fn outputs(&self, inputs: &[S], activation: &Activation) -> Vec<S> {
        let mut v: Vec<S> = inputs.to_vec();
        for (act, bias, weights) in &self.layers {
            v = bias
                .iter()
                .zip(weights)
                .map(|(b, row)| {
                    let z = row
                        .iter()
                        .zip(&v)
                        .fold(b.clone(), |sum, (w, x)| sum.add(&w.mul(x)));
                    if *act {
                        activation.apply(z)
                    } else {
                        z
                    }
                })
                .collect();
        }
        self.outputs
            .iter()
            .map(|&i| v.get(i).cloned().unwrap_or_else(S::zero))
            .collect()
    }
}

impl<S: Scalar> NumericNested<S> {
    /// Every sum of `form` with its coefficients evaluated.
    fn new(
        form: &NestedForm,
        input_slot: &[usize],
        number: &dyn Fn(&Poly) -> S,
    ) -> NumericNested<S> {
        let sums = form
            .sums
            .iter()
            .map(|sum| {
                let mut bias = S::zero();
                let mut terms = Vec::with_capacity(sum.terms.len());
                for t in &sum.terms {
                    let c = number(&t.coef);
                    match t.atom {
                        NestedAtom::One => bias = bias.add(&c),
                        NestedAtom::Var(v) => {
                            terms.push((c, NumericAtom::Input(input_slot[v.0 as usize])))
                        }
                        NestedAtom::Act(inner) => terms.push((c, NumericAtom::Act(inner))),
                    }
                }
                NumericSum { bias, terms }
            })
            .collect();
        let outputs = form.outputs.iter().map(|&(_, sum)| sum).collect();
        NumericNested { sums, outputs }
    }

    /// The outputs at a point: every sum's value in order, so that each
    /// bracket is evaluated once, before the sums that hold it.
    fn outputs(&self, inputs: &[S], activation: &Activation) -> Vec<S> {
        let mut values: Vec<S> = Vec::with_capacity(self.sums.len());
        for sum in &self.sums {
            let value = sum.terms.iter().fold(sum.bias.clone(), |total, (c, atom)| {
                let v = match *atom {
                    NumericAtom::Input(i) => inputs.get(i).cloned().unwrap_or_else(S::zero),
                    NumericAtom::Act(inner) => activation.apply(values[inner].clone()),
                };
                total.add(&c.mul(&v))
            });
            values.push(value);
        }
        self.outputs.iter().map(|&o| values[o].clone()).collect()
    }
}

/// The exact value of a polynomial in bound parameters.
fn poly_value(p: &Poly, bindings: &Bindings) -> BigRational {
    p.monomials
        .iter()
        .fold(<BigRational as Zero>::zero(), |sum, m| {
            let product = m.factors.iter().fold(m.coef.to_rational(), |acc, f| {
                acc * bindings
                    .get(*f)
                    .cloned()
                    .unwrap_or_else(<BigRational as Zero>::zero)
            });
            sum + product
        })
}
