//! Evaluation, generic over the numbers: exact rationals or `f64`.
//!
//! [`Bindings`] checks a set of parameter values against a network (every free
//! parameter needs one; defined parameters are computed from their
//! definitions). [`Compiled`] turns a network and its bindings into a flat
//! program whose coefficients are numbers, so evaluating it at many points
//! costs one multiply–add per weight: in the numbers themselves ([`Plain`],
//! for `f64`), or for exact rationals in integers over common denominators
//! ([`Exact`]), which gives the same rationals without a gcd per weight.

use crate::diagnostic::Diagnostic;
use crate::expr::{Affine, Atom, Budget, Exceeded, Monomial, Poly};
use crate::network::{self, Network};
use crate::symbol::{Sym, SymbolTable};
use crate::syntax::Assignment;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::borrow::Cow;
use std::fmt;

mod exact;
mod integer;

pub use exact::Exact;

/// The numbers a network can be evaluated in.
///
/// Implemented for [`BigRational`] (exact) and `f64` (fast, approximate).
/// Another type implements the arithmetic below and takes
/// `type Program = Plain<Self>`.
pub trait Scalar: Clone + fmt::Debug {
    /// How a [`Compiled`] network computes in these numbers: [`Plain`] for a
    /// type with nothing better, [`Exact`] for [`BigRational`].
    type Program: Program<Self>;
    /// Converts an exact value. `f64` may round.
    fn from_rational(r: &BigRational) -> Self;
    /// Zero.
    fn zero() -> Self;
    /// `self + other`.
    fn add(&self, other: &Self) -> Self;
    /// `self · other`.
    fn mul(&self, other: &Self) -> Self;
    /// Whether `self < 0`.
    fn is_negative(&self) -> bool;
}

impl Scalar for BigRational {
    type Program = Exact;
    fn from_rational(r: &BigRational) -> Self {
        r.clone()
    }
    fn zero() -> Self {
        Zero::zero()
    }
    fn add(&self, other: &Self) -> Self {
        self + other
    }
    fn mul(&self, other: &Self) -> Self {
        self * other
    }
    fn is_negative(&self) -> bool {
        Signed::is_negative(self)
    }
}

impl Scalar for f64 {
    type Program = Plain<f64>;
    fn from_rational(r: &BigRational) -> Self {
        r.to_f64().unwrap_or(f64::NAN)
    }
    fn zero() -> Self {
        0.0
    }
    fn add(&self, other: &Self) -> Self {
        self + other
    }
    fn mul(&self, other: &Self) -> Self {
        self * other
    }
    fn is_negative(&self) -> bool {
        *self < 0.0
    }
}

/// The function `a[·]` stands for.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Activation {
    /// `a[z] = max(0, z)`: the book's choice, and the default.
    #[default]
    Relu,
    /// `a[z] = z`.
    Identity,
    /// `a[z] = z` for `z ≥ 0`, `slope · z` otherwise, with an exact slope.
    LeakyRelu(BigRational),
}

impl Activation {
    /// Applies the activation.
    pub fn apply<S: Scalar>(&self, z: S) -> S {
        if !z.is_negative() {
            return z;
        }
        match self {
            Activation::Relu => S::zero(),
            Activation::Identity => z,
            Activation::LeakyRelu(slope) => z.mul(&S::from_rational(slope)),
        }
    }
}

impl std::str::FromStr for Activation {
    type Err = String;

    /// Reads `relu`, `identity`, `leaky-relu` (slope 1/100) or
    /// `leaky-relu:SLOPE` with an exact slope such as `1/10` or `0.2`.
    fn from_str(s: &str) -> Result<Activation, String> {
        match s {
            "relu" => Ok(Activation::Relu),
            "identity" | "linear" => Ok(Activation::Identity),
            "leaky-relu" | "leaky" => Ok(Activation::LeakyRelu(BigRational::new(
                1.into(),
                100.into(),
            ))),
            _ => {
                let slope = s
                    .strip_prefix("leaky-relu:")
                    .or_else(|| s.strip_prefix("leaky:"))
                    .ok_or_else(|| format!("unknown activation `{s}`: expected relu, identity, leaky-relu or leaky-relu:SLOPE"))?;
                crate::syntax::parse_number(slope)
                    .map(Activation::LeakyRelu)
                    .map_err(|e| format!("bad slope `{slope}`: {}", e.message))
            }
        }
    }
}

/// The unknown parameters warned about one by one; the rest are counted.
pub const MAX_WARNINGS: usize = 20;

/// Exact values for every parameter of a network, free and defined.
#[derive(Clone, Debug)]
pub struct Bindings {
    /// Indexed by symbol id; `None` for symbols that are not parameters.
    values: Vec<Option<BigRational>>,
}

/// The result of binding values: the bindings and any warnings (values for
/// parameters the network does not have).
pub type Bound = (Bindings, Vec<Diagnostic>);

/// The values a parameter file gives, checked: every free parameter has one
/// (one error names all that are missing), values for unknown names are
/// warnings (the first [`MAX_WARNINGS`] one by one).
struct Given<'a> {
    /// The given values, by symbol id.
    values: Vec<Option<BigRational>>,
    /// Each given parameter with its assignment, to check defined ones.
    given: Vec<(Sym, &'a Assignment)>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Given<'a> {
    fn new(network: &Network, assignments: &'a [Assignment]) -> Result<Given<'a>, Vec<Diagnostic>> {
        let symbols = &network.symbols;
        let mut values: Vec<Option<BigRational>> = vec![None; symbols.len()];
        let mut warnings = Vec::new();
        let mut unknown = 0usize;
        let mut given = Vec::new();
        for a in assignments {
            match symbols.get(&a.symbol).filter(|&s| symbols[s].is_param()) {
                Some(s) => {
                    values[s.0 as usize] = Some(a.value.clone());
                    given.push((s, a));
                }
                None if {
                    unknown += 1;
                    unknown > MAX_WARNINGS
                } => {}
                None => warnings.push(
                    Diagnostic::warning(
                        "unknown-parameter",
                        format!("the network has no parameter `{}`", a.symbol),
                        a.name_span,
                    )
                    .with_label("this value is not used"),
                ),
            }
        }
        if unknown > MAX_WARNINGS {
            warnings.push(Diagnostic {
                severity: crate::diagnostic::Severity::Warning,
                ..Diagnostic::global(
                    "unknown-parameter",
                    format!(
                        "and {} more values for parameters the network does not have",
                        unknown - MAX_WARNINGS
                    ),
                )
            });
        }
        let missing: Vec<String> = network
            .params
            .iter()
            .filter(|p| values[p.0 as usize].is_none())
            .map(|&p| symbols[p].to_string())
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            return Err(vec![Diagnostic::global(
                "missing-parameter",
                format!(
                    "no value for {} parameter{}: {list}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            )
            .with_help(format!(
                "add a line `{} = …` for each to the parameter file",
                missing[0]
            ))]);
        }
        Ok(Given {
            values,
            given,
            warnings,
        })
    }
}

impl Bindings {
    /// Checks `assignments` (from a parameter file) against `network`: every free
    /// parameter needs a value (one error names all that are missing), values
    /// for unknown names are warnings, a value for a defined parameter must
    /// equal its definition.
    pub fn new(network: &Network, assignments: &[Assignment]) -> Result<Bound, Vec<Diagnostic>> {
        let symbols = &network.symbols;
        let Given {
            mut values,
            given,
            warnings,
        } = Given::new(network, assignments)?;
        let mut errors = Vec::new();
        let budget = Budget::current();
        for d in definition_order(network) {
            let value = match checked_poly_value(&d.value, &values, budget) {
                Ok(value) => value,
                Err(e) => {
                    let name = &symbols[d.name];
                    let message = format!("the value of `{name}` is too large to compute: {e}");
                    return Err(vec![Diagnostic::global("too-large", message)]);
                }
            };
            if let Some((_, a)) = given.iter().find(|(s, _)| *s == d.name) {
                if a.value != value {
                    errors.push(inconsistent(a, &value.to_string()));
                }
            }
            values[d.name.0 as usize] = Some(value);
        }
        if errors.is_empty() {
            Ok((Bindings { values }, warnings))
        } else {
            Err(errors)
        }
    }

    /// The value of a parameter, if it is one.
    pub fn get(&self, p: Sym) -> Option<&BigRational> {
        self.values.get(p.0 as usize).and_then(|v| v.as_ref())
    }
}

/// A value given for a defined parameter that its definition (giving
/// `defined`) contradicts.
fn inconsistent(a: &Assignment, defined: &str) -> Diagnostic {
    Diagnostic::error(
        "inconsistent-parameter",
        format!(
            "`{}` is given the value {} but its definition gives {defined}",
            a.symbol, a.value
        ),
        a.value_span,
    )
    .with_label("disagrees with the definition in the network")
}

/// Parameter values in `f64`, free and defined, for evaluating with
/// `--float`: each definition is computed in `f64` from the values it reads,
/// so no exact value is ever made (a chain of definitions that square each
/// other costs one multiplication each, not numbers of millions of digits).
///
/// ```
/// use netform::eval::{Activation, Approximate, Compiled};
/// let network = netform::read::network(
///     "y = \\psi_0 + \\psi_1 x\n\\psi_1 = \\phi_1\\phi_1",
/// ).unwrap();
/// let values = netform::syntax::parse_values("psi_0 = 1\nphi_1 = 3").unwrap();
/// let (approx, _) = Approximate::new(&network, &values).unwrap();
/// let compiled = Compiled::approximate(&network, &approx, Activation::Relu);
/// assert!((compiled.outputs(&[2.0])[0] - 19.0).abs() < 1e-12);
/// ```
#[derive(Clone, Debug)]
pub struct Approximate {
    /// Indexed by symbol id; `None` for symbols that are not parameters.
    values: Vec<Option<f64>>,
}

impl Approximate {
    /// Checks `assignments` against `network` as [`Bindings::new`] does; a
    /// value given for a defined parameter must agree with its definition
    /// to a relative 1e-9, and every value must be finite in `f64`.
    pub fn new(
        network: &Network,
        assignments: &[Assignment],
    ) -> Result<(Approximate, Vec<Diagnostic>), Vec<Diagnostic>> {
        let symbols = &network.symbols;
        let Given {
            values: exact,
            given,
            warnings,
        } = Given::new(network, assignments)?;
        let mut values: Vec<Option<f64>> = exact
            .iter()
            .map(|v| v.as_ref().map(f64::from_rational))
            .collect();
        let mut errors = Vec::new();
        for d in definition_order(network) {
            let value = approximate_poly(&d.value, &values);
            let name = &symbols[d.name];
            if !value.is_finite() {
                let message = format!(
                    "the value of `{name}` is beyond what f64 holds (about ±1.8e308); evaluate exactly, without --float"
                );
                return Err(vec![Diagnostic::global("too-large", message)]);
            }
            if let Some((_, a)) = given.iter().find(|(s, _)| *s == d.name) {
                let stated = f64::from_rational(&a.value);
                if (stated - value).abs() > 1e-9 * stated.abs().max(value.abs()).max(1.0) {
                    errors.push(inconsistent(a, &format!("about {value:e}")));
                }
            }
            values[d.name.0 as usize] = Some(value);
        }
        if errors.is_empty() {
            Ok((Approximate { values }, warnings))
        } else {
            Err(errors)
        }
    }

    /// The value of a parameter, if it is one.
    pub fn get(&self, p: Sym) -> Option<f64> {
        self.values.get(p.0 as usize).copied().flatten()
    }

    /// The value of a polynomial in the parameters.
    pub fn poly(&self, p: &Poly) -> f64 {
        approximate_poly(p, &self.values)
    }
}

/// A polynomial's value in `f64`; parameters without values count as zero.
fn approximate_poly(p: &Poly, values: &[Option<f64>]) -> f64 {
    p.monomials
        .iter()
        .map(|m| {
            m.factors
                .iter()
                .fold(f64::from_rational(&m.coef), |product, f| {
                    product * values[f.0 as usize].unwrap_or(0.0)
                })
        })
        .sum()
}

/// Checks, before any coefficient is computed, that every coefficient of
/// `network` with the values in `bindings` fits `budget`'s digits.
///
/// A coefficient is a polynomial in the parameters (`θ'_11 φ_1 + θ'_12 φ_2`
/// after a composition); its value holds the denominators of all its
/// monomials. The estimate counts each distinct denominator once (at the
/// highest power a monomial has it), so the usual weights (k/d, a few
/// denominators) cost little, while fractions over distinct large
/// denominators are refused before a quadratic gcd is spent on each.
pub fn check_coefficients(
    network: &Network,
    bindings: &Bindings,
    budget: Budget,
) -> Result<(), Exceeded> {
    let mut largest = 0u64;
    for unit in &network.units {
        affine_coefficient_bits(&unit.rhs, bindings, &mut largest);
    }
    budget.bits(largest)
}

/// The largest estimated coefficient size of `a` and its brackets.
fn affine_coefficient_bits(a: &Affine, bindings: &Bindings, largest: &mut u64) {
    for t in &a.terms {
        *largest = (*largest).max(poly_bits(&t.coef, bindings));
        if let Atom::Act(inner) = &t.atom {
            affine_coefficient_bits(inner, bindings, largest);
        }
    }
}

/// A monomial's coefficient and the values of its parameters.
fn factor_values<'a>(
    m: &'a Monomial,
    bindings: &'a Bindings,
    one: &'a BigRational,
) -> impl Iterator<Item = &'a BigRational> + 'a {
    let values = m
        .factors
        .iter()
        .map(move |f| bindings.get(*f).unwrap_or(one));
    std::iter::once(&*m.coef).chain(values)
}

/// The estimated bits (numerator and denominator) of a polynomial's value.
fn poly_bits(p: &Poly, bindings: &Bindings) -> u64 {
    let one = BigRational::one();
    let factors = |m| factor_values(m, bindings, &one);
    if let [m] = p.monomials.as_slice() {
        return factors(m).fold(0u64, |bits, v| bits.saturating_add(crate::expr::bits(v)));
    }
    let mut power: std::collections::HashMap<&num_bigint::BigInt, u64> = Default::default();
    let mut numerator = 0u64;
    for m in &p.monomials {
        let mut here: std::collections::HashMap<&num_bigint::BigInt, u64> = Default::default();
        let mut bits = 0u64;
        for v in factors(m) {
            bits = bits.saturating_add(v.numer().bits());
            if !v.denom().is_one() {
                *here.entry(v.denom()).or_default() += 1;
            }
        }
        numerator = numerator.max(bits);
        for (d, k) in here {
            let p = power.entry(d).or_default();
            *p = (*p).max(k);
        }
    }
    let denominator = power.iter().fold(0u64, |bits, (d, k)| {
        bits.saturating_add(d.bits().saturating_mul(*k))
    });
    let carries = u64::from(usize::BITS - p.monomials.len().leading_zeros());
    numerator
        .saturating_add(carries)
        .saturating_add(denominator.saturating_mul(2))
}

/// Definitions in an order where each comes after those it uses (lowering has
/// rejected cycles).
fn definition_order(network: &Network) -> Vec<&network::Definition> {
    let n = network.definitions.len();
    let order = network::definition_order(&network.definitions, network.symbols.len())
        .unwrap_or_else(|_| (0..n).collect());
    order.into_iter().map(|i| &network.definitions[i]).collect()
}

/// The exact value of a polynomial; parameters without values count as zero
/// (callers bind every parameter first).
fn poly_value(p: &Poly, values: &[Option<BigRational>]) -> BigRational {
    let mut terms = p.monomials.iter().map(|m| monomial_value(m, values));
    let first = terms.next().unwrap_or_else(Zero::zero);
    terms.fold(first, |sum, term| sum + term)
}

/// [`poly_value`], refusing before any product that would exceed `budget`.
fn checked_poly_value(
    p: &Poly,
    values: &[Option<BigRational>],
    budget: Budget,
) -> Result<BigRational, Exceeded> {
    let zero: BigRational = Zero::zero();
    let mut sum: BigRational = Zero::zero();
    for m in &p.monomials {
        let mut product = m.coef.to_rational();
        for f in &m.factors {
            let v = values[f.0 as usize].as_ref().unwrap_or(&zero);
            budget.product(&product, v)?;
            product = crate::expr::product(&product, v);
        }
        sum = crate::expr::sum(&sum, &product);
        // A sum of fractions holds their denominators: checked as it grows,
        // each addition being of numbers within the budget.
        budget.bits(crate::expr::bits(&sum))?;
    }
    Ok(sum)
}

/// The exact value of a monomial. A lone parameter (the usual weight) is its
/// value, with no multiplication to normalise.
fn monomial_value(m: &Monomial, values: &[Option<BigRational>]) -> BigRational {
    let mut product = (!m.coef.is_one()).then(|| m.coef.to_rational());
    for f in &m.factors {
        let Some(v) = &values[f.0 as usize] else {
            return Zero::zero();
        };
        product = Some(match product {
            None => v.clone(),
            Some(p) => p * v,
        });
    }
    product.unwrap_or_else(One::one)
}

/// A network with numeric coefficients, ready to evaluate at many points.
///
/// Slots `0..inputs.len()` hold the inputs in [`Network::inputs`] order; the
/// slots after them, one per unit in [`Network::units`] order.
///
/// The arithmetic is the scalar type's own [`Program`]: `f64` runs [`Plain`]
/// (one multiply–add per weight), [`BigRational`] runs [`Exact`] (integer
/// multiply–adds over common denominators, each value asked for reduced
/// once); both give the values of `S`'s own `+` and `·`.
#[derive(Clone, Debug)]
pub struct Compiled<S: Scalar> {
    program: S::Program,
    outputs: Vec<usize>,
}

/// A network's units in evaluation order with exact coefficients: what every
/// [`Program`] is built from.
///
/// A coefficient that is a single parameter (the usual weight) borrows its
/// value from the [`Bindings`].
#[derive(Clone, Debug)]
pub struct Plan<'a> {
    n_inputs: usize,
    /// Units in an order where each comes after what it reads: (slot, right side).
    units: Vec<(usize, CompiledAffine<Cow<'a, BigRational>>)>,
    /// The layer of each unit, in `units` order.
    layers: Vec<u32>,
    outputs: Vec<usize>,
    activation: Activation,
}

/// How a [`Compiled`] network computes in the numbers `S`.
///
/// A type supplies its program through [`Scalar::Program`]; this is how
/// `Compiled<BigRational>` gets its integer arithmetic without a second
/// evaluator type.
pub trait Program<S: Clone>: Clone + fmt::Debug {
    /// Builds the program; coefficients become numbers of `S` here, once.
    fn new(plan: &Plan<'_>) -> Self;
    /// Every slot's value at one point: the inputs, then each unit.
    fn slots(&self, inputs: &[S]) -> Vec<S>;
    /// The values of `wanted` slots at one point. Programs that can skip work
    /// for the other slots (such as normalising them) override this.
    fn values(&self, inputs: &[S], wanted: &[usize]) -> Vec<S> {
        let slots = self.slots(inputs);
        wanted.iter().map(|&s| slots[s].clone()).collect()
    }
}

/// The straightforward program: one [`Scalar::mul`] and one [`Scalar::add`]
/// per weight, in the numbers `S` themselves.
#[derive(Clone, Debug)]
pub struct Plain<S> {
    n_inputs: usize,
    units: Vec<(usize, CompiledAffine<S>)>,
    activation: Activation,
}

#[derive(Clone, Debug)]
struct CompiledAffine<S> {
    bias: S,
    terms: Vec<(S, CompiledAtom<S>)>,
}

#[derive(Clone, Debug)]
enum CompiledAtom<S> {
    Slot(usize),
    Act(Box<CompiledAffine<S>>),
}

impl<S: Scalar> Compiled<S> {
    /// Compiles `network` with the parameter values in `bindings`.
    pub fn new(network: &Network, bindings: &Bindings, activation: Activation) -> Compiled<S> {
        let plan = Plan::new(network, bindings, activation);
        Compiled {
            program: S::Program::new(&plan),
            outputs: plan.outputs,
        }
    }

    /// Every slot's value at one point: the inputs, then each unit.
    ///
    /// `inputs` must be in [`Network::inputs`] order.
    pub fn slots(&self, inputs: &[S]) -> Vec<S> {
        self.program.slots(inputs)
    }

    /// The outputs at one point, in [`Network::outputs`] order.
    pub fn outputs(&self, inputs: &[S]) -> Vec<S> {
        self.program.values(inputs, &self.outputs)
    }
}

impl<'a> Plan<'a> {
    /// Orders the units of `network` and evaluates every coefficient with
    /// the values in `bindings`.
    pub fn new(network: &Network, bindings: &'a Bindings, activation: Activation) -> Plan<'a> {
        let n_inputs = network.inputs.len();
        let (slot, order) = slots_and_order(network);
        let units = order
            .iter()
            .map(|&i| {
                (
                    n_inputs + i,
                    compile(&network.units[i].rhs, &slot, bindings),
                )
            })
            .collect();
        let outputs = network.outputs.iter().map(|o| slot[o.0 as usize]).collect();
        Plan {
            n_inputs,
            units,
            layers: order.iter().map(|&i| network.units[i].layer).collect(),
            outputs,
            activation,
        }
    }
}

/// The slot of every input and unit (by symbol id), and the units in an
/// order where each comes after what it reads.
fn slots_and_order(network: &Network) -> (Vec<usize>, Vec<usize>) {
    let n_inputs = network.inputs.len();
    let mut slot = vec![usize::MAX; network.symbols.len()];
    for (i, s) in network.inputs.iter().enumerate() {
        slot[s.0 as usize] = i;
    }
    for (i, u) in network.units.iter().enumerate() {
        slot[u.name.0 as usize] = n_inputs + i;
    }
    let deps = network::unit_dependencies(&network.units, network.symbols.len());
    let order =
        network::topological_order(deps.len(), &deps).unwrap_or_else(|_| (0..deps.len()).collect());
    (slot, order)
}

impl Compiled<f64> {
    /// Compiles `network` in `f64` with the values in `values`, every
    /// coefficient computed in `f64`: no exact number is made.
    pub fn approximate(
        network: &Network,
        values: &Approximate,
        activation: Activation,
    ) -> Compiled<f64> {
        let n_inputs = network.inputs.len();
        let (slot, order) = slots_and_order(network);
        let units = order
            .iter()
            .map(|&i| {
                (
                    n_inputs + i,
                    compile_approximate(&network.units[i].rhs, &slot, values),
                )
            })
            .collect();
        Compiled {
            program: Plain {
                n_inputs,
                units,
                activation,
            },
            outputs: network.outputs.iter().map(|o| slot[o.0 as usize]).collect(),
        }
    }
}

/// [`compile`] in `f64`.
fn compile_approximate(a: &Affine, slot: &[usize], values: &Approximate) -> CompiledAffine<f64> {
    let mut bias = 0.0;
    let mut terms = Vec::with_capacity(a.terms.len());
    for t in &a.terms {
        let coef = values.poly(&t.coef);
        match &t.atom {
            Atom::One => bias += coef,
            Atom::Var(v) => terms.push((coef, CompiledAtom::Slot(slot[v.0 as usize]))),
            Atom::Act(inner) => terms.push((
                coef,
                CompiledAtom::Act(Box::new(compile_approximate(inner, slot, values))),
            )),
        }
    }
    CompiledAffine { bias, terms }
}

impl Plan<'_> {
    /// Checks, before evaluating exactly at `inputs`, that no value would
    /// need more digits than `budget` allows: exact values grow by the size
    /// of the weights at every layer (1,000 layers of weights `1e10000`
    /// make numbers of ten million digits).
    ///
    /// The estimate follows the evaluation, in bits (log2) of a value's
    /// numerator and denominator: a product adds its factors' bits; a sum
    /// brings its terms to the largest denominator and adds their numerators
    /// (log2 of the sum of their powers of two, so that a bias added at each
    /// of 100,000 layers counts as the 17 bits it is, not as one bit a
    /// layer). Denominators are taken to be shared, as the weights' usually
    /// are; distinct ones make a sum's denominator larger by a factor at
    /// most its number of terms.
    pub fn check_growth(&self, inputs: &[BigRational], budget: Budget) -> Result<(), Exceeded> {
        let mut sizes = vec![Size::ZERO; self.n_inputs + self.units.len()];
        for (size, x) in sizes.iter_mut().zip(inputs) {
            *size = Size::of(x);
        }
        // Every unit is estimated, so that the figure a refusal gives (and
        // the limit it suggests) is the largest, not the first past the limit.
        let mut largest = 0.0f64;
        for (slot, rhs) in &self.units {
            let size = affine_size(rhs, &sizes);
            largest = largest.max(size.bits());
            sizes[*slot] = size;
        }
        budget.bits(largest.ceil() as u64)
    }
}

/// Everything to check before evaluating `network` exactly at `points`:
/// its coefficients ([`check_coefficients`]), then the values at each point
/// ([`Plan::check_growth`]). What the command line, `regions` and `plot` run
/// first; a caller evaluating untrusted networks runs it too.
pub fn check_exact(
    network: &Network,
    bindings: &Bindings,
    points: &[Vec<BigRational>],
    budget: Budget,
) -> Result<(), Exceeded> {
    check_coefficients(network, bindings, budget)?;
    let plan = Plan::new(network, bindings, Activation::Relu);
    points.iter().try_for_each(|p| plan.check_growth(p, budget))
}

/// The estimated size of an exact value: log2 of its numerator's and its
/// denominator's magnitude (see [`Plan::check_growth`]).
#[derive(Clone, Copy, Debug)]
struct Size {
    numerator: f64,
    denominator: f64,
}

impl Size {
    const ZERO: Size = Size {
        numerator: f64::NEG_INFINITY,
        denominator: 0.0,
    };

    fn of(r: &BigRational) -> Size {
        if r.is_zero() {
            return Size::ZERO;
        }
        Size {
            numerator: log2_magnitude(r.numer()),
            denominator: log2_magnitude(r.denom()),
        }
    }

    /// Bits of numerator and denominator together, as `Budget::bits` counts.
    fn bits(self) -> f64 {
        self.numerator.max(0.0) + self.denominator + 2.0
    }
}

/// log2 of a non-zero integer's magnitude, from its leading 64 bits.
fn log2_magnitude(n: &num_bigint::BigInt) -> f64 {
    let bits = n.bits();
    let shift = bits.saturating_sub(64);
    let top = (n.magnitude() >> shift).to_u64().unwrap_or(u64::MAX);
    (top as f64).log2() + shift as f64
}

/// The estimated size of an affine combination's value.
fn affine_size(a: &CompiledAffine<Cow<'_, BigRational>>, sizes: &[Size]) -> Size {
    let terms: Vec<Size> = std::iter::once(Size::of(&a.bias))
        .chain(a.terms.iter().map(|(c, atom)| {
            let inner = match atom {
                CompiledAtom::Slot(s) => sizes[*s],
                CompiledAtom::Act(inner) => affine_size(inner, sizes),
            };
            let c = Size::of(c);
            Size {
                numerator: c.numerator + inner.numerator,
                denominator: c.denominator + inner.denominator,
            }
        }))
        .collect();
    let denominator = terms.iter().map(|t| t.denominator).fold(0.0, f64::max);
    let scaled = terms
        .iter()
        .map(|t| t.numerator + (denominator - t.denominator))
        .filter(|n| n.is_finite());
    let top = scaled.clone().fold(f64::NEG_INFINITY, f64::max);
    let numerator = if top.is_finite() {
        top + scaled.map(|n| (n - top).exp2()).sum::<f64>().log2()
    } else {
        f64::NEG_INFINITY
    };
    Size {
        numerator,
        denominator,
    }
}

impl<S: Scalar> Program<S> for Plain<S> {
    fn new(plan: &Plan<'_>) -> Plain<S> {
        Plain {
            n_inputs: plan.n_inputs,
            units: plan
                .units
                .iter()
                .map(|(slot, rhs)| {
                    (
                        *slot,
                        rhs.map(&|c: &Cow<'_, BigRational>| S::from_rational(c)),
                    )
                })
                .collect(),
            activation: plan.activation.clone(),
        }
    }

    fn slots(&self, inputs: &[S]) -> Vec<S> {
        let mut slots: Vec<S> = Vec::with_capacity(self.n_inputs + self.units.len());
        slots.extend(inputs.iter().take(self.n_inputs).cloned());
        slots.resize(self.n_inputs + self.units.len(), S::zero());
        for (slot, rhs) in &self.units {
            let v = self.affine(rhs, &slots);
            slots[*slot] = v;
        }
        slots
    }
}

impl<S: Scalar> Plain<S> {
    fn affine(&self, a: &CompiledAffine<S>, slots: &[S]) -> S {
        let mut sum = a.bias.clone();
        for (coef, atom) in &a.terms {
            let v = match atom {
                CompiledAtom::Slot(s) => coef.mul(&slots[*s]),
                CompiledAtom::Act(inner) => {
                    coef.mul(&self.activation.apply(self.affine(inner, slots)))
                }
            };
            sum = sum.add(&v);
        }
        sum
    }
}

impl<S> CompiledAffine<S> {
    /// The same combination with every coefficient converted by `f`.
    fn map<T>(&self, f: &impl Fn(&S) -> T) -> CompiledAffine<T> {
        CompiledAffine {
            bias: f(&self.bias),
            terms: self
                .terms
                .iter()
                .map(|(c, atom)| {
                    let atom = match atom {
                        CompiledAtom::Slot(s) => CompiledAtom::Slot(*s),
                        CompiledAtom::Act(inner) => CompiledAtom::Act(Box::new(inner.map(f))),
                    };
                    (f(c), atom)
                })
                .collect(),
        }
    }
}

fn compile<'a>(
    a: &Affine,
    slot: &[usize],
    bindings: &'a Bindings,
) -> CompiledAffine<Cow<'a, BigRational>> {
    let mut bias: Cow<BigRational> = Cow::Owned(Zero::zero());
    let mut terms = Vec::with_capacity(a.terms.len());
    for t in &a.terms {
        let coef = coefficient(&t.coef, bindings);
        match &t.atom {
            Atom::One if bias.is_zero() => bias = coef,
            Atom::One => bias = Cow::Owned(bias.into_owned() + &*coef),
            Atom::Var(v) => terms.push((coef, CompiledAtom::Slot(slot[v.0 as usize]))),
            Atom::Act(inner) => terms.push((
                coef,
                CompiledAtom::Act(Box::new(compile(inner, slot, bindings))),
            )),
        }
    }
    CompiledAffine { bias, terms }
}

/// The value of a coefficient, borrowed when it is a lone bound parameter.
fn coefficient<'a>(p: &Poly, bindings: &'a Bindings) -> Cow<'a, BigRational> {
    match p.monomials.as_slice() {
        [m] if m.coef.is_one() && m.factors.len() == 1 => match bindings.get(m.factors[0]) {
            Some(v) => Cow::Borrowed(v),
            None => Cow::Owned(Zero::zero()),
        },
        _ => Cow::Owned(poly_value(p, &bindings.values)),
    }
}

/// Orders the values of a point (`--at "x_1=1, x_2=-1/2"`) as the network's
/// inputs. Every input needs a value; a value for anything else is an error.
pub fn input_values(
    network: &Network,
    assignments: &[Assignment],
) -> Result<Vec<BigRational>, Vec<Diagnostic>> {
    let symbols: &SymbolTable = &network.symbols;
    let mut values: Vec<Option<BigRational>> = vec![None; network.inputs.len()];
    let mut errors = Vec::new();
    for a in assignments {
        let position = symbols
            .get(&a.symbol)
            .and_then(|s| network.inputs.iter().position(|&i| i == s));
        match position {
            Some(i) => values[i] = Some(a.value.clone()),
            None => {
                let inputs: Vec<String> = network
                    .inputs
                    .iter()
                    .map(|&i| symbols[i].to_string())
                    .collect();
                errors.push(
                    Diagnostic::error(
                        "unknown-input",
                        format!("`{}` is not an input of this network", a.symbol),
                        a.name_span,
                    )
                    .with_label("not an input")
                    .with_help(if inputs.is_empty() {
                        "this network reads no input: its outputs are constants, and eval needs a network with at least one input"
                            .to_string()
                    } else {
                        format!("the inputs are: {}", inputs.join(", "))
                    }),
                );
            }
        }
    }
    let missing: Vec<String> = network
        .inputs
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(&i, _)| symbols[i].to_string())
        .collect();
    if !missing.is_empty() {
        errors.push(
            Diagnostic::global(
                "missing-input",
                format!("no value for input {}", missing.join(", ")),
            )
            .with_help(format!(
                "give every input a value, e.g. --at \"{}=1/2\"",
                missing[0]
            )),
        );
    }
    if errors.is_empty() {
        Ok(values.into_iter().map(|v| v.unwrap_or_default()).collect())
    } else {
        Err(errors)
    }
}
