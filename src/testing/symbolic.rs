//! Symbolic comparison after un-nesting: each output as one expression in the
//! inputs, with the parameter values substituted and every activation in a
//! canonical form, so that equal forms prove equal functions.
//!
//! The rewrites are identities of the ReLU, `a[z] = max(0, z)`:
//!
//! - `a[λz] = λ a[z]` for `λ > 0`: every argument is scaled so that its
//!   leading coefficient (the first input's, else the first activation's) is
//!   `±1`;
//! - `a[−z] = a[z] − z`: an argument led by `−1` is negated;
//! - `a[c] = max(0, c)` for a constant; `a[z] = z` when `z` is a constant
//!   `≥ 0` plus activations with coefficients `≥ 0`, and `a[z] = 0` when all
//!   of those are `≤ 0`;
//! - like terms are collected and zero terms dropped.
//!
//! Equal canonical forms mean the same function; different forms do not mean
//! different functions (the rewrites are not complete), so a caller that
//! finds them different must look for a point where the values differ.

use crate::eval::Bindings;
use crate::expr::{Affine, Atom, Poly};
use crate::network::{self, Network};
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::collections::BTreeMap;

/// A piecewise-linear expression with exact coefficients:
/// `constant + Σ inputs[i] x_i + Σ w a[z]`.
///
/// Invariant (canonical form): no zero input coefficients at the end of
/// `inputs` matter (all inputs have a slot), no activation has a zero weight,
/// and every activation's argument is itself canonical, not constant, and
/// led by the coefficient `+1`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Lin {
    constant: BigRational,
    inputs: Vec<BigRational>,
    acts: BTreeMap<Lin, BigRational>,
}

impl Lin {
    fn zero(inputs: usize) -> Lin {
        Lin {
            constant: BigRational::zero(),
            inputs: vec![BigRational::zero(); inputs],
            acts: BTreeMap::new(),
        }
    }

    /// Adds `w · other`.
    fn add_scaled(&mut self, other: &Lin, w: &BigRational) {
        self.constant += &other.constant * w;
        for (mine, theirs) in self.inputs.iter_mut().zip(&other.inputs) {
            *mine += theirs * w;
        }
        for (z, v) in &other.acts {
            self.add_act_canonical(z.clone(), v * w);
        }
    }

    /// Adds `w · a[z]` for a canonical `z` led by `+1`.
    fn add_act_canonical(&mut self, z: Lin, w: BigRational) {
        let entry = self.acts.entry(z).or_insert_with(BigRational::zero);
        *entry += w;
        if entry.is_zero() {
            self.acts.retain(|_, v| !v.is_zero());
        }
    }

    /// The leading coefficient: the first nonzero input coefficient, else the
    /// weight of the first activation; `None` for a constant.
    fn leading(&self) -> Option<&BigRational> {
        self.inputs
            .iter()
            .find(|c| !c.is_zero())
            .or_else(|| self.acts.values().next())
    }

    /// Adds `w · a[z]` for any `z`, rewriting it to the canonical form.
    fn add_act(&mut self, z: Lin, w: BigRational) {
        if w.is_zero() {
            return;
        }
        let Some(lead) = z.leading().cloned() else {
            if z.constant.is_positive() {
                self.constant += &z.constant * &w;
            }
            return;
        };
        let no_inputs = z.inputs.iter().all(Zero::is_zero);
        if no_inputs && !z.constant.is_negative() && z.acts.values().all(|v| !v.is_negative()) {
            self.add_scaled(&z, &w);
            return;
        }
        if no_inputs && !z.constant.is_positive() && z.acts.values().all(|v| !v.is_positive()) {
            return;
        }
        let scale = lead.abs();
        let mut unit = Lin::zero(z.inputs.len());
        unit.add_scaled(&z, &scale.recip());
        let w = w * &scale;
        if lead.is_positive() {
            self.add_act_canonical(unit, w);
        } else {
            // a[−u] = a[u] − u, with u = −unit led by +1.
            let mut negated = Lin::zero(unit.inputs.len());
            negated.add_scaled(&unit, &-BigRational::one());
            self.add_scaled(&negated, &-w.clone());
            self.add_act_canonical(negated, w);
        }
    }
}

/// The deepest nesting of activations an expression may have: comparing,
/// cloning and dropping a [`Lin`] recurse through its nesting, so deeper
/// networks are not compared symbolically.
pub(crate) const MAX_DEPTH: usize = 64;

/// Each output of `network` as a canonical expression in the inputs, with
/// `position[i]` the slot of the network's input `i`; `None` when the nested
/// form is larger than `max_terms` or deeper than [`MAX_DEPTH`] (it is then
/// not built).
pub(crate) fn outputs(
    network: &Network,
    bindings: &Bindings,
    position: &[usize],
    max_terms: u128,
) -> Option<Vec<Lin>> {
    if crate::rewrite::nested::size(network) > max_terms {
        return None;
    }
    let n_symbols = network.symbols.len();
    let deps = network::unit_dependencies(&network.units, n_symbols);
    let order = network::topological_order(deps.len(), &deps).ok()?;
    let index = network::unit_index(&network.units, n_symbols);
    let mut slot: Vec<Option<usize>> = vec![None; n_symbols];
    for (i, s) in network.inputs.iter().enumerate() {
        slot[s.0 as usize] = Some(position[i]);
    }
    let context = Context {
        bindings,
        slot: &slot,
        index: &index,
        inputs: network.inputs.len(),
    };
    let mut units: Vec<Option<Lin>> = vec![None; network.units.len()];
    let mut depths = vec![0usize; network.units.len()];
    for i in order {
        depths[i] = context.depth(&network.units[i].rhs, &depths);
        if depths[i] > MAX_DEPTH {
            return None;
        }
        let value = context.affine(&network.units[i].rhs, &units)?;
        units[i] = Some(value);
    }
    network
        .outputs
        .iter()
        .map(|o| index[o.0 as usize].and_then(|u| units[u].clone()))
        .collect()
}

/// What turns a unit's right side into a [`Lin`].
struct Context<'a> {
    bindings: &'a Bindings,
    /// The input slot of each symbol that is an input.
    slot: &'a [Option<usize>],
    /// The unit each symbol defines.
    index: &'a [Option<usize>],
    inputs: usize,
}

impl Context<'_> {
    fn affine(&self, a: &Affine, units: &[Option<Lin>]) -> Option<Lin> {
        let mut out = Lin::zero(self.inputs);
        for term in &a.terms {
            let w = self.value(&term.coef);
            match &term.atom {
                Atom::One => out.constant += w,
                Atom::Var(v) => match (self.slot[v.0 as usize], self.index[v.0 as usize]) {
                    (Some(i), _) => out.inputs[i] += w,
                    (None, Some(u)) => out.add_scaled(units[u].as_ref()?, &w),
                    (None, None) => return None,
                },
                Atom::Act(inner) => {
                    let z = self.affine(inner, units)?;
                    out.add_act(z, w);
                }
            }
        }
        Some(out)
    }

    /// How deeply activations nest in `a` once the units it reads are
    /// substituted (`depths` holds theirs), saturating past [`MAX_DEPTH`].
    fn depth(&self, a: &Affine, depths: &[usize]) -> usize {
        a.terms
            .iter()
            .map(|t| match &t.atom {
                Atom::One => 0,
                Atom::Var(v) => self.index[v.0 as usize].map_or(0, |u| depths[u]),
                Atom::Act(inner) => (1 + self.depth(inner, depths)).min(MAX_DEPTH + 1),
            })
            .max()
            .unwrap_or(0)
    }

    /// The exact value of a coefficient.
    fn value(&self, p: &Poly) -> BigRational {
        p.monomials
            .iter()
            .map(|m| {
                m.factors.iter().fold(m.coef.to_rational(), |product, f| {
                    product
                        * self
                            .bindings
                            .get(*f)
                            .cloned()
                            .unwrap_or_else(BigRational::zero)
                })
            })
            .sum()
    }
}
