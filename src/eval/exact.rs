//! Exact evaluation in integers: [`Exact`], the [`Program`] of
//! `Compiled<BigRational>`.
//!
//! Rational arithmetic normalises after every operation, so a multiply–add
//! per weight costs a gcd per weight, and those gcds are nearly all the work.
//! Here every value is an unreduced fraction `n / d`, and each right side's
//! coefficients are scaled once, when compiling, to integers over one
//! denominator; the units of a layer get the same one. So the values a unit
//! reads from a layer share a denominator, and adding them is one integer
//! multiply–add per weight, with no gcd. When the denominators a sum meets
//! differ (skip connections, inputs, nested activations), its own grows to
//! their lcm, and the factor for each denominator already met is remembered.
//! Only the values asked for are reduced, once, at the end.
//!
//! The integers are `i128` with checked arithmetic, so the usual case never
//! allocates. A unit whose value would overflow is computed again in
//! `BigInt`, and so is every unit that reads it.
//!
//! Invariants: every denominator is positive (0 marks an `i128` slot whose
//! value is held in `BigInt`), and every fraction equals the value plain
//! [`BigRational`] arithmetic gives, so the reduced results are the same
//! `BigRational`s.

use super::integer::{lcm, Int};
use super::{Activation, CompiledAffine, CompiledAtom, Plan, Program};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A right side of a [`Plan`].
type Coefficients<'a> = CompiledAffine<Cow<'a, BigRational>>;

/// The program of `Compiled<BigRational>`: exact values computed with
/// integers over common denominators, `i128` when it suffices.
///
/// It gives exactly what [`Plain`](super::Plain)`<BigRational>` gives, much
/// faster:
///
/// ```
/// use netform::eval::{Activation, Bindings, Exact, Plain, Plan, Program};
/// use num_rational::BigRational;
///
/// let network = netform::read::network("h = a[theta_0 + theta_1 x]\ny = phi_0 + phi_1 h").unwrap();
/// // θ₁ is large enough that h overflows i128: h and y are computed in BigInt.
/// let values = netform::syntax::parse_values(
///     "theta_0 = -1/3; theta_1 = 1000000000000000000000000000000000000000/7; phi_0 = 1/2; phi_1 = -3",
/// ).unwrap();
/// let (bindings, _) = Bindings::new(&network, &values).unwrap();
/// let plan = Plan::new(&network, &bindings, Activation::Relu);
/// for x in ["2/5", "-1", "0"] {
///     let x = [netform::syntax::parse_number(x).unwrap()];
///     let exact: Vec<BigRational> = Exact::new(&plan).slots(&x);
///     assert_eq!(exact, Plain::<BigRational>::new(&plan).slots(&x));
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Exact {
    /// `None` when some coefficient does not fit in `i128`.
    small: Option<Integers<i128>>,
    /// Built when first needed: at the first point that overflows `i128`.
    big: OnceLock<Integers<BigInt>>,
}

impl Program<BigRational> for Exact {
    fn new(plan: &Plan<'_>) -> Exact {
        match Integers::new(plan) {
            Some(small) => Exact {
                small: Some(small),
                big: OnceLock::new(),
            },
            None => Exact {
                small: None,
                big: OnceLock::from(Integers::new(plan).expect(BIG_INT_NEVER_OVERFLOWS)),
            },
        }
    }

    fn slots(&self, inputs: &[BigRational]) -> Vec<BigRational> {
        self.reduced(inputs, None)
    }

    fn values(&self, inputs: &[BigRational], wanted: &[usize]) -> Vec<BigRational> {
        self.reduced(inputs, Some(wanted))
    }
}

/// Why a `BigInt` program never returns `None`.
const BIG_INT_NEVER_OVERFLOWS: &str = "BigInt arithmetic has no overflow";

impl Exact {
    /// The `wanted` slots (all when `None`) at one point, reduced.
    ///
    /// Units are computed in `i128` while they fit; a unit that overflows
    /// (or reads a value that did) is computed in `BigInt`, and its `i128`
    /// slot is marked with the denominator 0, which no sum accepts.
    fn reduced(&self, inputs: &[BigRational], wanted: Option<&[usize]>) -> Vec<BigRational> {
        let Some(small) = &self.small else {
            let big = self.big();
            let mut slots = big.inputs(inputs);
            for u in &big.units {
                slots[u.slot] = big.unit(u, &slots).expect(BIG_INT_NEVER_OVERFLOWS);
            }
            return pick(slots.len(), wanted, |s| reduce(&slots[s]));
        };
        let mut slots = small.inputs(inputs);
        let mut wide: Vec<(BigInt, BigInt)> = Vec::new();
        for (k, u) in small.units.iter().enumerate() {
            if let Some(value) = small.unit(u, &slots) {
                slots[u.slot] = value;
                continue;
            }
            let big = self.big();
            if wide.is_empty() {
                wide = big.inputs(inputs);
            }
            let u = &big.units[k];
            u.rhs.for_each_slot(&mut |s| {
                if wide[s].1.is_zero() {
                    wide[s] = (BigInt::from(slots[s].0), BigInt::from(slots[s].1));
                }
            });
            wide[u.slot] = big.unit(u, &wide).expect(BIG_INT_NEVER_OVERFLOWS);
            slots[u.slot] = (0, 0);
        }
        pick(slots.len(), wanted, |s| match slots[s] {
            (_, 0) if s < small.n_inputs => inputs[s].clone(),
            (_, 0) => reduce(&wide[s]),
            small => reduce(&small),
        })
    }

    /// The program in `BigInt`, built from the `i128` one when first needed.
    fn big(&self) -> &Integers<BigInt> {
        self.big.get_or_init(|| {
            self.small
                .as_ref()
                .map(Integers::widen)
                .expect("a program without an i128 form is built in BigInt")
        })
    }
}

/// A [`Plan`] with integer coefficients.
#[derive(Clone, Debug)]
struct Integers<I> {
    n_inputs: usize,
    /// Units in evaluation order.
    units: Vec<IntUnit<I>>,
    activation: IntActivation<I>,
}

/// A unit: `rhs`, or `a[rhs]` when `activated` (a hidden unit's usual
/// `1 · a[…]` right side, without the outer sum).
#[derive(Clone, Debug)]
struct IntUnit<I> {
    slot: usize,
    rhs: Scaled<I>,
    activated: bool,
}

/// `(bias + Σ coefficient · slot + Σ coefficient · a[…]) / den`: a right
/// side whose coefficients are integers over one denominator `den > 0`, a
/// multiple of theirs. No coefficient is zero.
#[derive(Clone, Debug)]
struct Scaled<I> {
    bias: I,
    /// The weights of slots, apart from the slots so that the loop over them
    /// reads two dense arrays.
    weights: Vec<I>,
    slots: Vec<usize>,
    /// Activations inside the right side, with their coefficients.
    acts: Vec<(I, Scaled<I>)>,
    den: I,
}

/// The activation on fractions.
#[derive(Clone, Debug)]
enum IntActivation<I> {
    Relu,
    Identity,
    /// Slope `num / den`. Both branches give denominator `d · den`, so that
    /// the units of a layer keep sharing one denominator whatever their sign
    /// (ReLU keeps `d` for the same reason: its zero is `0 / d`).
    LeakyRelu {
        num: I,
        den: I,
    },
}

/// A sum `num / den` of fractions, its denominator grown as needed.
struct Sum<I> {
    num: I,
    den: I,
    /// Denominators met that differ from `den`, each with `den / it`.
    met: Vec<(I, I)>,
}

/// How many denominators a [`Sum`] remembers; beyond them it recomputes.
const REMEMBERED: usize = 8;

impl<I: Int> Integers<I> {
    /// Scales every coefficient of `plan`; `None` if one does not fit in `I`.
    ///
    /// The units of one layer are scaled to the same denominator, the lcm of
    /// all their coefficients' denominators, so that their values share one
    /// denominator and the next layer's sums need no common-denominator
    /// work. When that lcm is large (beyond 62 bits), each unit keeps its
    /// own, lest every value of the layer grow for the sake of a few units.
    fn new(plan: &Plan<'_>) -> Option<Integers<I>> {
        let rhs: Vec<(&Coefficients, bool)> = plan
            .units
            .iter()
            .map(|(_, rhs)| without_activation(rhs))
            .collect();
        let depth = plan.layers.iter().max().map_or(0, |&l| l as usize + 1);
        let mut common: Vec<Option<I>> = vec![Some(I::one()); depth];
        for ((a, _), &layer) in rhs.iter().zip(&plan.layers) {
            let c = &mut common[layer as usize];
            *c = c.take().and_then(|c| lcm(&c, &denominator(a)?));
        }
        let common: Vec<Option<I>> = common
            .into_iter()
            .map(|c| c.filter(|c| c.bits() <= 62))
            .collect();
        let units = rhs
            .iter()
            .zip(&plan.units)
            .zip(&plan.layers)
            .map(|(((a, activated), (slot, _)), &layer)| {
                Some(IntUnit {
                    slot: *slot,
                    rhs: Scaled::new(a, common[layer as usize].as_ref())?,
                    activated: *activated,
                })
            })
            .collect::<Option<_>>()?;
        let activation = match &plan.activation {
            Activation::Relu => IntActivation::Relu,
            Activation::Identity => IntActivation::Identity,
            Activation::LeakyRelu(slope) => IntActivation::LeakyRelu {
                num: I::from_big(slope.numer())?,
                den: I::from_big(slope.denom())?,
            },
        };
        Some(Integers {
            n_inputs: plan.n_inputs,
            units,
            activation,
        })
    }

    /// The slots at one point before any unit is computed: the inputs (an
    /// input that does not fit in `I` gets the denominator 0), then units
    /// marked with the denominator 0. Missing inputs count as zero.
    fn inputs(&self, inputs: &[BigRational]) -> Vec<(I, I)> {
        let mut slots = Vec::with_capacity(self.n_inputs + self.units.len());
        for x in inputs.iter().take(self.n_inputs) {
            let fraction = I::from_big(x.numer()).zip(I::from_big(x.denom()));
            slots.push(fraction.unwrap_or_else(|| (I::zero(), I::zero())));
        }
        slots.resize(self.n_inputs, (I::zero(), I::one()));
        slots.resize(self.n_inputs + self.units.len(), (I::zero(), I::zero()));
        slots
    }

    /// The value of one unit, unreduced; `None` if a step overflows `I` or a
    /// slot it reads is marked.
    fn unit(&self, u: &IntUnit<I>, slots: &[(I, I)]) -> Option<(I, I)> {
        let value = self.affine(&u.rhs, slots)?;
        if u.activated {
            self.activate(value)
        } else {
            Some(value)
        }
    }

    /// The value of a right side, unreduced. The loop over the weights is
    /// the inner loop of the whole evaluation: when a value shares the sum's
    /// denominator, it costs one multiply–add.
    fn affine(&self, a: &Scaled<I>, slots: &[(I, I)]) -> Option<(I, I)> {
        let mut sum = Sum::new(a.bias.clone());
        for (w, &s) in a.weights.iter().zip(&a.slots) {
            let (n, d) = &slots[s];
            if *d == sum.den {
                sum.num.add_product(w, n)?;
            } else {
                sum.add(w, n, d)?;
            }
        }
        for (w, inner) in &a.acts {
            let (n, d) = self.activate(self.affine(inner, slots)?)?;
            sum.add(w, &n, &d)?;
        }
        Some((sum.num, sum.den.product(&a.den)?))
    }

    fn activate(&self, (n, d): (I, I)) -> Option<(I, I)> {
        Some(match &self.activation {
            IntActivation::Relu if n.is_negative() => (I::zero(), d),
            IntActivation::Relu | IntActivation::Identity => (n, d),
            IntActivation::LeakyRelu { num, den } => {
                let scale = if n.is_negative() { num } else { den };
                (n.product(scale)?, d.product(den)?)
            }
        })
    }
}

impl Integers<i128> {
    /// The same program in `BigInt`.
    fn widen(&self) -> Integers<BigInt> {
        let activation = match &self.activation {
            IntActivation::Relu => IntActivation::Relu,
            IntActivation::Identity => IntActivation::Identity,
            IntActivation::LeakyRelu { num, den } => IntActivation::LeakyRelu {
                num: BigInt::from(*num),
                den: BigInt::from(*den),
            },
        };
        Integers {
            n_inputs: self.n_inputs,
            units: self
                .units
                .iter()
                .map(|u| IntUnit {
                    slot: u.slot,
                    rhs: u.rhs.widen(),
                    activated: u.activated,
                })
                .collect(),
            activation,
        }
    }
}

impl<I: Int> Scaled<I> {
    /// Brings the coefficients of `a` over `den` (a multiple of their
    /// denominators) or else over their lcm; `None` if a number does not fit
    /// in `I`.
    fn new(a: &Coefficients, den: Option<&I>) -> Option<Scaled<I>> {
        let den = match den {
            Some(den) => den.clone(),
            None => denominator(a)?,
        };
        let scaled = |c: &BigRational| {
            I::from_big(c.numer())?.product(&den.div_exact(&I::from_big(c.denom())?))
        };
        let mut weights = Vec::with_capacity(a.terms.len());
        let mut slots = Vec::with_capacity(a.terms.len());
        let mut acts = Vec::new();
        for (c, atom) in a.terms.iter().filter(|(c, _)| !c.is_zero()) {
            match atom {
                CompiledAtom::Slot(s) => {
                    weights.push(scaled(c)?);
                    slots.push(*s);
                }
                CompiledAtom::Act(inner) => acts.push((scaled(c)?, Scaled::new(inner, None)?)),
            }
        }
        Some(Scaled {
            bias: scaled(&a.bias)?,
            weights,
            slots,
            acts,
            den,
        })
    }
}

impl<I> Scaled<I> {
    /// Calls `f` on every slot read, including inside activations.
    fn for_each_slot(&self, f: &mut impl FnMut(usize)) {
        self.slots.iter().for_each(|&s| f(s));
        for (_, inner) in &self.acts {
            inner.for_each_slot(f);
        }
    }
}

impl Scaled<i128> {
    /// The same right side in `BigInt`.
    fn widen(&self) -> Scaled<BigInt> {
        Scaled {
            bias: BigInt::from(self.bias),
            weights: self.weights.iter().map(|&w| BigInt::from(w)).collect(),
            slots: self.slots.clone(),
            acts: self
                .acts
                .iter()
                .map(|(w, inner)| (BigInt::from(*w), inner.widen()))
                .collect(),
            den: BigInt::from(self.den),
        }
    }
}

/// `a[inner]` for a right side `1 · a[inner]`; otherwise the right side.
fn without_activation<'p, 'a>(a: &'p Coefficients<'a>) -> (&'p Coefficients<'a>, bool) {
    match a.terms.as_slice() {
        [(c, CompiledAtom::Act(inner))] if a.bias.is_zero() && c.is_one() => (inner, true),
        _ => (a, false),
    }
}

/// The lcm of the denominators of the coefficients of `a` (not of those
/// nested in its activations).
fn denominator<I: Int>(a: &Coefficients) -> Option<I> {
    let mut den = I::from_big(a.bias.denom())?;
    for (c, _) in &a.terms {
        den = lcm(&den, &I::from_big(c.denom())?)?;
    }
    Some(den)
}

impl<I: Int> Sum<I> {
    /// The sum `bias / 1`.
    fn new(bias: I) -> Sum<I> {
        Sum {
            num: bias,
            den: I::one(),
            met: Vec::new(),
        }
    }

    /// `self += coef · n / d` for any `d`; `None` on overflow or for a
    /// marked value (`d = 0`).
    fn add(&mut self, coef: &I, n: &I, d: &I) -> Option<()> {
        if d.is_zero() {
            return None;
        }
        if n.is_zero() {
            return Some(());
        }
        if *d == self.den {
            return self.num.add_product(coef, n);
        }
        let factor = self.factor(d)?;
        self.num.add_product(&coef.product(n)?, &factor)
    }

    /// `den / d`, after growing `den` to a multiple of `d`.
    fn factor(&mut self, d: &I) -> Option<I> {
        if let Some((_, f)) = self.met.iter().find(|(m, _)| m == d) {
            return Some(f.clone());
        }
        let grow = d.div_exact(&self.den.gcd_with(d));
        if !grow.is_one() {
            self.num = self.num.product(&grow)?;
            self.den = self.den.product(&grow)?;
            for (_, f) in &mut self.met {
                *f = f.product(&grow)?;
            }
        }
        let f = self.den.div_exact(d);
        if !f.is_one() && self.met.len() < REMEMBERED {
            self.met.push((d.clone(), f.clone()));
        }
        Some(f)
    }
}

/// The `wanted` slots (all `0..n` when `None`), each reduced by `value`.
fn pick(
    n: usize,
    wanted: Option<&[usize]>,
    value: impl Fn(usize) -> BigRational,
) -> Vec<BigRational> {
    match wanted {
        Some(wanted) => wanted.iter().map(|&s| value(s)).collect(),
        None => (0..n).map(value).collect(),
    }
}

/// `n / d` in lowest terms (`d > 0`), as [`BigRational`] normalises it.
fn reduce<I: Int>((n, d): &(I, I)) -> BigRational {
    let g = n.gcd_with(d);
    BigRational::new_raw(n.div_exact(&g).into_big(), d.div_exact(&g).into_big())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{Bindings, Plain};

    /// The plan of `source` with `params`, and a point.
    fn plan_at(source: &str, params: &str) -> (crate::Network, Bindings) {
        let network = crate::read::network(source).unwrap();
        let values = crate::syntax::parse_values(params).unwrap();
        let bindings = Bindings::new(&network, &values).unwrap().0;
        (network, bindings)
    }

    fn q(text: &str) -> BigRational {
        crate::syntax::parse_number(text).unwrap()
    }

    /// Both programs, every slot.
    fn both(plan: &Plan<'_>, x: &[BigRational]) -> (Vec<BigRational>, Vec<BigRational>) {
        (
            Exact::new(plan).slots(x),
            Plain::<BigRational>::new(plan).slots(x),
        )
    }

    #[test]
    fn a_unit_that_overflows_i128_is_computed_in_big_int() {
        // h₁ = 10²⁰/7 · x with x = 10¹⁹ + 1/3 needs about 130 bits; h₂ stays
        // small; y reads both, so it mixes a BigInt value with an i128 one.
        let (network, bindings) = plan_at(
            "h_1 = a[theta_10 + theta_11 x]\nh_2 = a[theta_20 + theta_21 x]\ny = phi_0 + phi_1 h_1 + phi_2 h_2",
            "theta_10 = 1/3; theta_11 = 100000000000000000000/7; theta_20 = -1/5; theta_21 = 2/9; \
             phi_0 = 1/2; phi_1 = -3/4; phi_2 = 5",
        );
        let plan = Plan::new(&network, &bindings, Activation::Relu);
        let small = Integers::<i128>::new(&plan).expect("every coefficient fits in i128");
        let x = [q("10000000000000000001/3")];
        let slots = small.inputs(&x);
        let h1 = small.units.iter().position(|u| u.slot == 1).unwrap();
        let h2 = small.units.iter().position(|u| u.slot == 2).unwrap();
        assert!(
            small.unit(&small.units[h1], &slots).is_none(),
            "h₁ overflows i128"
        );
        assert!(
            small.unit(&small.units[h2], &slots).is_some(),
            "h₂ fits in i128"
        );
        let (exact, plain) = both(&plan, &x);
        assert_eq!(exact, plain);
        // y = 1/2 - 3/4 · (1/3 + 10²⁰/7 · x) + 5 · (-1/5 + 2/9 · x), x = (10¹⁹ + 1/3).
        let x = &x[0];
        let h1 = q("1/3") + q("100000000000000000000/7") * x;
        let h2 = q("-1/5") + q("2/9") * x;
        assert_eq!(exact[3], q("1/2") - q("3/4") * h1 + q("5") * h2);
    }

    #[test]
    fn coefficients_beyond_i128_use_big_int_from_the_start() {
        let (network, bindings) = plan_at(
            "h = a[theta_0 + theta_1 x]\ny = phi_0 + phi_1 h",
            "theta_0 = 1/1000000000000000000000000000000000000000001; theta_1 = -2/3; \
             phi_0 = 7; phi_1 = 1000000000000000000000000000000000000000000000",
        );
        let plan = Plan::new(&network, &bindings, Activation::LeakyRelu(q("1/10")));
        assert!(Exact::new(&plan).small.is_none());
        for x in ["-5/2", "0", "3"] {
            let (exact, plain) = both(&plan, &[q(x)]);
            assert_eq!(exact, plain, "at x = {x}");
        }
    }

    #[test]
    fn an_input_beyond_i128_is_read_in_big_int() {
        let (network, bindings) = plan_at(
            "h = a[theta_0 + theta_1 x_1 + theta_2 x_2]\ny = phi_0 + phi_1 h + phi_2 x_2",
            "theta_0 = 1/3; theta_1 = -2/3; theta_2 = 1/2; phi_0 = 7; phi_1 = 5/6; phi_2 = -1/9",
        );
        let plan = Plan::new(&network, &bindings, Activation::Identity);
        let x = [
            q("1/2"),
            q("-1000000000000000000000000000000000000000001/7"),
        ];
        let (exact, plain) = both(&plan, &x);
        assert_eq!(exact, plain);
        // Read by no weight, the input still has its slot.
        let (network, bindings) = plan_at(
            "y = phi_0 + phi_1 x_1 + phi_2 x_2",
            "phi_0 = 1; phi_1 = 2; phi_2 = 0",
        );
        let plan = Plan::new(&network, &bindings, Activation::Relu);
        let slots = Exact::new(&plan).slots(&x);
        assert_eq!(slots, vec![x[0].clone(), x[1].clone(), q("2")]);
    }

    #[test]
    fn sums_over_different_denominators() {
        // y reads x (denominator 7), h₁ (over 3·7·…) and h₂ (ReLU zero or
        // not), and an activation nested in its right side.
        let (network, bindings) = plan_at(
            "h_1 = a[theta_10 + theta_11 x]\nh_2 = a[theta_20 + theta_21 h_1]\n\
             y = phi_0 + phi_1 x + phi_2 h_2 + phi_3 h_1 + phi_4 a[psi_0 + psi_1 h_1 + psi_2 x]",
            "theta_10 = 1/3; theta_11 = 2/5; theta_20 = -1/4; theta_21 = 3/8; phi_0 = 1/6; \
             phi_1 = -5/7; phi_2 = 9/2; phi_3 = 1/11; phi_4 = -2/13; psi_0 = 1/17; psi_1 = -1; psi_2 = 4/19",
        );
        for activation in [
            Activation::Relu,
            Activation::Identity,
            Activation::LeakyRelu(q("-3/7")),
        ] {
            let plan = Plan::new(&network, &bindings, activation);
            for x in ["-20/7", "-1/7", "0", "3/7", "40/7"] {
                let (exact, plain) = both(&plan, &[q(x)]);
                assert_eq!(exact, plain, "at x = {x}");
            }
        }
    }

    #[test]
    fn a_sum_grows_its_denominator_to_the_lcm() {
        let mut sum = Sum::new(1i128);
        sum.add(&1, &1, &6).unwrap();
        sum.add(&1, &1, &4).unwrap();
        sum.add(&2, &1, &6).unwrap();
        // 1 + 1/6 + 1/4 + 2/6 = 7/4 = 21/12.
        assert_eq!((sum.num, sum.den), (21, 12));
        assert!(sum.add(&1, &1, &0).is_none(), "a marked value is refused");
    }
}
