//! The fully nested single equation: every hidden unit substituted into the
//! outputs, as on the "two-layer network as one equation" slide:
//! `y' = φ'_0 + φ'_1 a[ψ_10 + ψ_11 a[θ_10 + θ_11 x] + …] + …`.
//!
//! Its size grows as the product of the widths, so [`size`] estimates it from
//! the network before anything is built, and [`NestedForm::of`] and [`nested`]
//! refuse an equation above a limit. [`NestedForm`] keeps every bracket once,
//! so that the equation can be printed without being built.

use super::layered::copy;
use crate::expr::{Affine, Atom, Poly, Term};
use crate::network::{self, Network};
use crate::symbol::Sym;
use hashbrown::hash_table::{Entry, HashTable};
use std::hash::BuildHasher;

/// The default limit on the number of terms of a nested equation.
pub const DEFAULT_MAX_TERMS: u128 = 100_000;

/// The nested equations of a network with every distinct bracket stored once.
///
/// Substituting hidden units copies each unit's bracket into every unit that
/// reads it, so the written equation grows as the product of the widths; this
/// form keeps each bracket once, as a [`NestedSum`] that later sums refer to
/// by number, and is as large as the network. Printing it
/// (`crate::render`) and expanding it ([`NestedForm::expand`]) walk the
/// references.
///
/// Invariants: a sum refers only to sums before it, so they can be measured
/// in order; and no two sums are equal, so two activations are the same
/// written bracket exactly when they refer to the same sum, which is how like
/// terms are found and merged.
///
/// ```
/// use netform::rewrite::nested::{nested, NestedForm};
///
/// let network = netform::read::network(r"
///     h_1 = a[\theta_{10} + \theta_{11}x]
///     y = \phi_0 + \phi_1h_1 + \phi_2h_1
/// ").unwrap();
/// let form = NestedForm::of(&network, 100).unwrap();
/// // The bracket of h₁ once, and the output's sum: φ₀ + (φ₁ + φ₂)a[…].
/// assert_eq!(form.sums.len(), 2);
/// let (y, rhs) = &nested(&network, 100).unwrap()[0];
/// assert_eq!(form.outputs, vec![(*y, 1)]);
/// assert_eq!(&form.expand(1), rhs);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NestedForm {
    /// Every bracket and every output's right side, each once, a sum before
    /// every sum that refers to it.
    pub sums: Vec<NestedSum>,
    /// Each output and the number of the sum that is its right side, in the
    /// order of [`Network::outputs`].
    pub outputs: Vec<(Sym, usize)>,
}

/// A sum of the nested form: an [`Affine`] whose activations are references.
///
/// Invariant, as on [`Affine`]: no two terms have the same atom, no
/// coefficient is zero, and terms keep the order in which their atoms first
/// appeared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NestedSum {
    /// The terms, in order of first appearance.
    pub terms: Vec<NestedTerm>,
}

/// One term of a [`NestedSum`]: a coefficient times an atom.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NestedTerm {
    /// The coefficient; never the zero polynomial.
    pub coef: Poly,
    /// What it multiplies.
    pub atom: NestedAtom,
}

/// What a [`NestedTerm`]'s coefficient multiplies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NestedAtom {
    /// Nothing: the term is a bias.
    One,
    /// A variable that is not substituted: an input (`x`).
    Var(Sym),
    /// The activation of the sum with this number (`a[θ₁₀ + θ₁₁x]`).
    Act(usize),
}

/// A nested equation that would be larger than allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// The estimated number of terms.
    pub terms: u128,
    /// The limit in force.
    pub limit: u128,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A saturated estimate is only a lower bound, and no limit lets it
        // through: say so rather than suggest u128::MAX.
        if self.terms == u128::MAX {
            return write!(
                f,
                "the nested equation would have more than {} terms (more than 10^38), far more than the limit of {}; print a smaller network, or the matrix or general form",
                u128::MAX,
                self.limit
            );
        }
        write!(
            f,
            "the nested equation would have about {} terms, more than the limit of {}; raise it with --max-terms {}",
            self.terms, self.limit, self.terms
        )
    }
}

/// The number of terms (weights times a variable or an activation, and bias
/// terms) the nested equations of all outputs have together, saturating at
/// `u128::MAX`.
pub fn size(network: &Network) -> u128 {
    let index = network::unit_index(&network.units, network.symbols.len());
    sized_order(network, &index).0
}

/// The units of `network` in an order where every unit comes after the
/// units it reads, and the size of the nested equations ([`size`]), computed
/// unit by unit in that order.
///
/// The order is the units' layers (invariant 2 of [`Network`]), checked as
/// the sizes are computed; should a unit come before a unit it reads, the
/// order is worked out from the dependencies instead (index order on a
/// cycle, which a valid network has not).
fn sized_order(network: &Network, index: &[Option<usize>]) -> (u128, Vec<usize>) {
    let mut order: Vec<usize> = (0..network.units.len()).collect();
    order.sort_by_key(|&i| network.units[i].layer);
    if let Some(size) = size_in_order(network, index, &order, true) {
        return (size, order);
    }
    let deps = network::unit_dependencies(&network.units, network.symbols.len());
    let order =
        network::topological_order(deps.len(), &deps).unwrap_or_else(|_| (0..deps.len()).collect());
    let size = size_in_order(network, index, &order, false).unwrap_or(u128::MAX);
    (size, order)
}

/// [`size`], each unit's nested size computed from those of the units it
/// reads, units in `order`. A unit read before its size is known counts as
/// no terms, or when `strict` makes the answer `None`.
fn size_in_order(
    network: &Network,
    index: &[Option<usize>],
    order: &[usize],
    strict: bool,
) -> Option<u128> {
    let mut sizes: Vec<Option<u128>> = vec![None; network.units.len()];
    for &i in order {
        let size = affine_size(&network.units[i].rhs, index, &sizes);
        sizes[i] = Some(match size {
            Some(size) => size,
            None if strict => return None,
            None => lenient_size(&network.units[i].rhs, index, &sizes),
        });
    }
    Some(
        network
            .outputs
            .iter()
            .filter_map(|o| index[o.0 as usize])
            .fold(0u128, |sum, i| sum.saturating_add(sizes[i].unwrap_or(0))),
    )
}

/// The size of `a` with every unit substituted; `None` when it reads a unit
/// whose size is not known yet.
fn affine_size(a: &Affine, index: &[Option<usize>], sizes: &[Option<u128>]) -> Option<u128> {
    a.terms.iter().try_fold(0u128, |sum, t| {
        let inner = match &t.atom {
            Atom::One => 1,
            Atom::Var(v) => match index[v.0 as usize] {
                Some(u) => sizes[u]?,
                None => 1,
            },
            Atom::Act(inner) => affine_size(inner, index, sizes)?,
        };
        Some(sum.saturating_add(inner.saturating_mul(t.coef.monomials.len().max(1) as u128)))
    })
}

/// The size of `a`, a unit whose size is not known yet counting as none.
fn lenient_size(a: &Affine, index: &[Option<usize>], sizes: &[Option<u128>]) -> u128 {
    a.terms.iter().fold(0u128, |sum, t| {
        let inner = match &t.atom {
            Atom::One => 1,
            Atom::Var(v) => index[v.0 as usize].map_or(1, |u| sizes[u].unwrap_or(0)),
            Atom::Act(inner) => lenient_size(inner, index, sizes),
        };
        sum.saturating_add(inner.saturating_mul(t.coef.monomials.len().max(1) as u128))
    })
}

/// The nested equation of every output, `(output, right side)`, with every
/// hidden unit substituted; refused when [`size`] exceeds `max_terms`.
pub fn nested(network: &Network, max_terms: u128) -> Result<Vec<(Sym, Affine)>, TooLarge> {
    let form = NestedForm::of(network, max_terms)?;
    Ok(form
        .outputs
        .iter()
        .map(|&(output, sum)| (output, form.expand(sum)))
        .collect())
}

impl NestedForm {
    /// The nested form of `network`; refused, before anything is built, when
    /// [`size`] exceeds `max_terms`.
    ///
    /// Each unit's right side has the right sides of the units it reads
    /// substituted, units in dependency order, exactly as the written
    /// equation is built: a unit read times a coefficient adds that unit's
    /// terms, each multiplied by the coefficient, merging like terms.
    pub fn of(network: &Network, max_terms: u128) -> Result<NestedForm, TooLarge> {
        let index = network::unit_index(&network.units, network.symbols.len());
        let (terms, order) = sized_order(network, &index);
        if terms > max_terms {
            return Err(TooLarge {
                terms,
                limit: max_terms,
            });
        }
        // About one sum per unit: a hidden unit's bracket, an output's sum.
        let sums = network.units.len();
        let mut builder = Builder {
            index: &index,
            done: std::iter::repeat_with(|| None)
                .take(network.units.len())
                .collect(),
            form: NestedForm {
                sums: Vec::with_capacity(sums),
                outputs: Vec::with_capacity(network.outputs.len()),
            },
            numbers: HashTable::with_capacity(sums),
            hasher: foldhash::fast::FixedState::default(),
        };
        for i in order {
            builder.done[i] = Some(builder.unit(&network.units[i].rhs));
        }
        // An output's sum is interned once: its right side moves into the
        // form (no unit reads an output), and an output listed again finds
        // the number it was given.
        let mut numbers: Vec<Option<usize>> = vec![None; network.units.len()];
        for &output in &network.outputs {
            if let Some(i) = index[output.0 as usize] {
                let sum = match numbers[i] {
                    Some(sum) => sum,
                    None => {
                        let rhs = builder.done[i]
                            .take()
                            .map_or_else(NestedSum::default, Done::into_sum);
                        builder.intern(rhs)
                    }
                };
                numbers[i] = Some(sum);
                builder.form.outputs.push((output, sum));
            }
        }
        Ok(builder.form)
    }

    /// Sum `sum` written out: every reference replaced by the sum it names.
    /// As large as the written equation; recursive, as deep as the network.
    pub fn expand(&self, sum: usize) -> Affine {
        let terms = self.sums[sum].terms.iter().map(|t| Term {
            coef: t.coef.clone(),
            atom: match t.atom {
                NestedAtom::One => Atom::One,
                NestedAtom::Var(v) => Atom::Var(v),
                NestedAtom::Act(inner) => Atom::Act(Box::new(self.expand(inner))),
            },
        });
        Affine {
            terms: terms.collect(),
        }
    }
}

/// The state of [`NestedForm::of`].
struct Builder<'n> {
    /// The unit each symbol names, if any.
    index: &'n [Option<usize>],
    /// Each unit's right side with its units substituted, once built.
    done: Vec<Option<Done>>,
    form: NestedForm,
    /// The number of every sum in `form` by its hash, to store each only
    /// once (the sums themselves are kept in `form` alone).
    numbers: HashTable<usize>,
    hasher: foldhash::fast::FixedState,
}

/// A unit's right side with its units substituted.
enum Done {
    /// Exactly `1 · a[sum]`, as a hidden unit's usually is: its bracket's
    /// number, without a sum of one term around it.
    Bracket(usize),
    /// Any other right side.
    Sum(NestedSum),
}

impl Done {
    /// The right side as a sum.
    fn into_sum(self) -> NestedSum {
        match self {
            Done::Bracket(inner) => NestedSum {
                terms: vec![NestedTerm {
                    coef: Poly::one(),
                    atom: NestedAtom::Act(inner),
                }],
            },
            Done::Sum(sum) => sum,
        }
    }
}

impl Builder<'_> {
    /// A unit's right side with every unit it reads substituted.
    fn unit(&mut self, rhs: &Affine) -> Done {
        match rhs.terms.as_slice() {
            [Term {
                coef,
                atom: Atom::Act(inner),
            }] if coef.is_one() => {
                let inner = self.substitute(inner);
                Done::Bracket(self.intern(inner))
            }
            _ => Done::Sum(self.substitute(rhs)),
        }
    }

    /// Replaces every unit read by its (already nested) right side.
    fn substitute(&mut self, a: &Affine) -> NestedSum {
        let mut out = NestedSum {
            terms: Vec::with_capacity(a.terms.len()),
        };
        for t in &a.terms {
            match &t.atom {
                Atom::Var(v) => {
                    match self.index[v.0 as usize].and_then(|u| self.done[u].as_ref()) {
                        // A unit read is usually `1 · a[…]`: the product is
                        // the coefficient times the same bracket.
                        Some(Done::Bracket(inner)) => {
                            out.add_term(copy(&t.coef), NestedAtom::Act(*inner))
                        }
                        Some(Done::Sum(rhs)) => out.add_times(rhs, &t.coef),
                        None => out.add_term(copy(&t.coef), NestedAtom::Var(*v)),
                    }
                }
                Atom::Act(inner) => {
                    let inner = self.substitute(inner);
                    let inner = self.intern(inner);
                    out.add_term(copy(&t.coef), NestedAtom::Act(inner));
                }
                Atom::One => out.add_term(copy(&t.coef), NestedAtom::One),
            }
        }
        out
    }

    /// The number of `sum`, stored if it is new.
    fn intern(&mut self, sum: NestedSum) -> usize {
        let (hasher, sums) = (&self.hasher, &mut self.form.sums);
        let hash = fingerprint(hasher, &sum);
        match self.numbers.entry(
            hash,
            |&n| sums[n] == sum,
            |&n| fingerprint(hasher, &sums[n]),
        ) {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(slot) => {
                let n = sums.len();
                sums.push(sum);
                slot.insert(n);
                n
            }
        }
    }
}

/// The hash a sum is stored under: its atoms, each monomial's factors and
/// every coefficient other than 1, mixed in as plain integers. Equal sums
/// hash alike, as with the derived `Hash`, which costs more: it walks every
/// small vector generically and hashes the big integers of every
/// coefficient, 1 included.
fn fingerprint(hasher: &foldhash::fast::FixedState, sum: &NestedSum) -> u64 {
    let mut mix = Mix(sum.terms.len() as u64);
    for t in &sum.terms {
        mix.add(match t.atom {
            NestedAtom::One => 0,
            NestedAtom::Var(v) => 1 | u64::from(v.0) << 2,
            NestedAtom::Act(n) => 2 | (n as u64) << 2,
        });
        mix.add(t.coef.monomials.len() as u64);
        for m in &t.coef.monomials {
            mix.add(m.factors.len() as u64);
            for f in &m.factors {
                mix.add(u64::from(f.0));
            }
            if !m.coef.is_one() {
                mix.add(hasher.hash_one(&m.coef));
            }
        }
    }
    mix.0
}

/// A running hash of integers, one multiplication each (the mixing of
/// rustc's `FxHasher`), which is enough to spread sums over a hash table.
struct Mix(u64);

impl Mix {
    fn add(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl NestedSum {
    /// Adds `coef · atom`, merging it with a term on the same atom, as
    /// [`Affine::add_term`] does.
    fn add_term(&mut self, coef: Poly, atom: NestedAtom) {
        crate::expr::add_like_term(
            &mut self.terms,
            coef,
            atom,
            |t| (&mut t.coef, &t.atom),
            |coef, atom| NestedTerm { coef, atom },
        );
    }

    /// Adds another sum with every coefficient multiplied by a polynomial
    /// (on the left), term by term, as adding the product sum would: its
    /// terms have distinct atoms and none is zero, so the product's terms
    /// are the products of its terms.
    fn add_times(&mut self, other: &NestedSum, p: &Poly) {
        for t in &other.terms {
            // A unit read is usually `1 · a[…]`: its product is a copy.
            let product = if t.coef.is_one() {
                copy(p)
            } else {
                p.mul(&t.coef)
            };
            self.add_term(product, t.atom);
        }
    }
}
