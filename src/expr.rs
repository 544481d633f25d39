//! The symbolic core: polynomials in the parameters, and affine combinations of
//! variables and activations with polynomial coefficients.
//!
//! A unit's right side `a[θ'_10 + θ'_11 φ_0 + θ'_11 φ_1 h_1]` is an [`Affine`]
//! with one [`Term`] whose atom is an activation of another [`Affine`] with two
//! terms: the bias `θ'_10 + θ'_11 φ_0` (a [`Poly`] times [`Atom::One`]) and
//! `θ'_11 φ_1` times `h_1`.

use crate::symbol::Sym;
use hashbrown::HashTable;

mod budget;
mod coef;

pub use budget::{bits, product, sum, Budget, Exceeded, Limit};
pub use coef::Coef;
use num_rational::BigRational;
use num_traits::Zero;
use smallvec::{smallvec, SmallVec};
use std::hash::BuildHasher;

/// A product of parameters with a rational coefficient: `2 θ'_11 φ_1`, `-1/2`.
///
/// Factors are kept in the order written; a repeated factor is a power.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Monomial {
    /// The numeric coefficient; never zero inside a [`Poly`].
    pub coef: Coef,
    /// The parameters multiplied, in the order written.
    pub factors: Factors,
}

/// A monomial's factors: up to four are held without an allocation.
pub type Factors = SmallVec<[Sym; 4]>;

/// A polynomial's monomials: one is held without an allocation, which is
/// every coefficient a network's text writes as one parameter or a number.
pub type Monomials = SmallVec<[Monomial; 1]>;

/// A polynomial in the parameters: a sum of [`Monomial`]s.
///
/// Invariant: no two monomials have the same factors (as a multiset), and no
/// monomial has a zero coefficient; monomials keep the order in which they
/// first appeared. The zero polynomial has no monomials.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Poly {
    /// The monomials, in order of first appearance.
    pub monomials: Monomials,
}

/// What a [`Term`]'s coefficient multiplies.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Atom {
    /// Nothing: the term is a bias (`θ_10`).
    One,
    /// A variable: an input, hidden unit or output (`x`, `h'_2`).
    Var(Sym),
    /// An activation applied to an affine combination (`a[θ_10 + θ_11 x]`).
    Act(Box<Affine>),
}

/// One term of an [`Affine`]: a coefficient times an atom (`θ'_11 φ_1 h_1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// The coefficient; never the zero polynomial.
    pub coef: Poly,
    /// What it multiplies.
    pub atom: Atom,
}

/// A sum of terms, each a polynomial coefficient times an atom.
///
/// Invariant: no two terms have the same atom, and no coefficient is zero;
/// terms keep the order in which their atoms first appeared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Affine {
    /// The terms, in order of first appearance.
    pub terms: Vec<Term>,
}

impl Monomial {
    /// A monomial with coefficient 1 and one factor.
    pub fn param(p: Sym) -> Monomial {
        Monomial {
            coef: Coef::one(),
            factors: smallvec![p],
        }
    }

    /// The factors as a sorted list: two monomials are like terms when these agree.
    pub fn key(&self) -> Factors {
        let mut k = self.factors.clone();
        k.sort_unstable();
        k
    }

    /// Whether two monomials have the same factors as multisets.
    pub fn same_factors(&self, other: &Monomial) -> bool {
        match (self.factors.as_slice(), other.factors.as_slice()) {
            (a, b) if a.len() != b.len() => false,
            (a, b) if a == b => true,
            ([_], [_]) => false,
            ([a, b], [c, d]) => a == d && b == c,
            _ => self.key() == other.key(),
        }
    }
}

impl Poly {
    /// The zero polynomial.
    pub fn zero() -> Poly {
        Poly::default()
    }

    /// A constant.
    pub fn constant(c: BigRational) -> Poly {
        let mut p = Poly::zero();
        p.add_monomial(Monomial {
            coef: c.into(),
            factors: Factors::new(),
        });
        p
    }

    /// The polynomial `1`.
    pub fn one() -> Poly {
        Poly {
            monomials: smallvec![Monomial {
                coef: Coef::one(),
                factors: Factors::new(),
            }],
        }
    }

    /// A single parameter.
    pub fn param(p: Sym) -> Poly {
        Poly {
            monomials: smallvec![Monomial::param(p)],
        }
    }

    /// Whether this is the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.monomials.is_empty()
    }

    /// Whether this is the polynomial `1`.
    pub fn is_one(&self) -> bool {
        matches!(self.monomials.as_slice(), [m] if m.factors.is_empty() && m.coef.is_one())
    }

    /// The constant value, if the polynomial has no parameters.
    pub fn as_constant(&self) -> Option<BigRational> {
        match self.monomials.as_slice() {
            [] => Some(BigRational::zero()),
            [m] if m.factors.is_empty() => Some(m.coef.to_rational()),
            _ => None,
        }
    }

    /// The single parameter, if the polynomial is exactly `1 · p`.
    pub fn as_param(&self) -> Option<Sym> {
        match self.monomials.as_slice() {
            [m] if m.factors.len() == 1 && m.coef.is_one() => Some(m.factors[0]),
            _ => None,
        }
    }

    /// Adds a monomial, merging it with a like term.
    pub fn add_monomial(&mut self, m: Monomial) {
        if m.coef.is_zero() {
            return;
        }
        if let Some(i) = self.monomials.iter().position(|n| n.same_factors(&m)) {
            let sum = sum(&self.monomials[i].coef, &m.coef);
            if sum.is_zero() {
                self.monomials.remove(i);
            } else {
                self.monomials[i].coef = sum.into();
            }
        } else {
            self.monomials.push(m);
        }
    }

    /// Adds another polynomial.
    pub fn add(&mut self, other: Poly) {
        for m in other.monomials {
            self.add_monomial(m);
        }
    }

    /// The product of two polynomials, monomials in order (self's first).
    pub fn mul(&self, other: &Poly) -> Poly {
        if self.is_one() {
            return other.clone();
        }
        if other.is_one() {
            return self.clone();
        }
        let products = self.monomials.len() * other.monomials.len();
        let mut out = Poly::zero();
        if products <= Collector::SHORT {
            for a in &self.monomials {
                for b in &other.monomials {
                    let mut factors = a.factors.clone();
                    factors.extend_from_slice(&b.factors);
                    out.add_monomial(Monomial {
                        coef: product(&a.coef, &b.coef).into(),
                        factors,
                    });
                }
            }
            return out;
        }
        // Like terms found through an index of their sorted factors, so the
        // product costs time linear in its number of products; the result is
        // what `add_monomial` one product at a time gives.
        let mut index: std::collections::HashMap<Factors, usize> =
            std::collections::HashMap::with_capacity(products);
        for a in &self.monomials {
            for b in &other.monomials {
                let mut factors = a.factors.clone();
                factors.extend_from_slice(&b.factors);
                let coef = product(&a.coef, &b.coef);
                let mut key = factors.clone();
                key.sort_unstable();
                match index.get(&key) {
                    Some(&i) => {
                        let m = &mut out.monomials[i];
                        m.coef = sum(&m.coef, &coef).into();
                        if m.coef.is_zero() {
                            index.remove(&key);
                        }
                    }
                    None if coef.is_zero() => {}
                    None => {
                        index.insert(key, out.monomials.len());
                        out.monomials.push(Monomial {
                            coef: coef.into(),
                            factors,
                        });
                    }
                }
            }
        }
        out.monomials.retain(|m| !m.coef.is_zero());
        out
    }

    /// The product, refused before any work when it could be larger (terms
    /// and factors) or have more digits in one coefficient than `budget`
    /// allows.
    pub fn try_mul(&self, other: &Poly, budget: Budget) -> Result<Poly, Exceeded> {
        self.check_product(other, budget)?;
        Ok(self.mul(other))
    }

    /// Checks that the product of `self` and `other` fits `budget`, from the
    /// sizes of the factors alone.
    pub fn check_product(&self, other: &Poly, budget: Budget) -> Result<(), Exceeded> {
        let (a, b) = (&self.monomials, &other.monomials);
        let degree = |p: &[Monomial]| p.iter().map(|m| m.factors.len()).max().unwrap_or(0);
        let term = 1 + degree(a) as u128 + degree(b) as u128;
        budget.terms(a.len() as u128 * b.len() as u128 * term)?;
        let digits = |p: &[Monomial]| p.iter().map(|m| bits(&m.coef)).max().unwrap_or(0);
        budget.bits(digits(a).saturating_add(digits(b)))
    }

    /// Multiplies by a rational constant.
    pub fn scale(&mut self, c: &BigRational) {
        if c.is_zero() {
            self.monomials.clear();
            return;
        }
        for m in &mut self.monomials {
            m.coef = (&*m.coef * c).into();
        }
    }

    /// The parameters that occur, in order, with repetitions.
    pub fn params(&self) -> impl Iterator<Item = Sym> + '_ {
        self.monomials
            .iter()
            .flat_map(|m| m.factors.iter().copied())
    }
}

impl Affine {
    /// The empty sum (zero).
    pub fn zero() -> Affine {
        Affine::default()
    }

    /// Adds `coef · atom`, merging it with a term on the same atom.
    pub fn add_term(&mut self, coef: Poly, atom: Atom) {
        self.add_term_at(coef, atom);
    }

    /// [`Affine::add_term`], returning where the term is now (`None` when
    /// it cancelled).
    fn add_term_at(&mut self, coef: Poly, atom: Atom) -> Option<usize> {
        add_like_term(
            &mut self.terms,
            coef,
            atom,
            |t| (&mut t.coef, &t.atom),
            |coef, atom| Term { coef, atom },
        )
    }

    /// Adds another affine combination.
    pub fn add(&mut self, other: Affine) {
        self.extend_terms(other.terms);
    }

    /// Adds many terms, exactly as [`Affine::add_term`] one after the other
    /// would, in time linear in the number of terms (see [`Collector`]).
    pub fn extend_terms(&mut self, terms: impl IntoIterator<Item = Term>) {
        let mut collector = Collector::from(std::mem::take(self));
        for t in terms {
            collector.push(t);
        }
        *self = collector.finish();
    }

    /// Multiplies every coefficient by a polynomial.
    pub fn mul_poly(&self, p: &Poly) -> Affine {
        let mut out = Affine::zero();
        for t in &self.terms {
            out.add_term(p.mul(&t.coef), t.atom.clone());
        }
        out
    }

    /// Multiplies every coefficient by a polynomial, consuming both.
    pub fn into_mul_poly(mut self, p: Poly) -> Affine {
        if p.is_one() {
            return self;
        }
        if let [t] = self.terms.as_mut_slice() {
            if t.coef.is_one() {
                t.coef = p;
                return self;
            }
        }
        if p.is_zero() {
            return Affine::zero();
        }
        // The product of two non-zero polynomials is not zero, and the atoms
        // stay distinct: no term merges or vanishes.
        for t in &mut self.terms {
            t.coef = p.mul(&t.coef);
        }
        self
    }

    /// [`Affine::into_mul_poly`], refused before any work when one of the
    /// products would exceed `budget`.
    pub fn try_into_mul_poly(self, p: Poly, budget: Budget) -> Result<Affine, Exceeded> {
        if !p.is_one() {
            for t in &self.terms {
                p.check_product(&t.coef, budget)?;
            }
        }
        Ok(self.into_mul_poly(p))
    }

    /// Like [`Affine::as_poly`], consuming the combination.
    pub fn into_poly(mut self) -> Option<Poly> {
        match self.terms.as_slice() {
            [] => Some(Poly::zero()),
            [t] if t.atom == Atom::One => self.terms.pop().map(|t| t.coef),
            _ => None,
        }
    }

    /// If the combination is a bare constant polynomial (only [`Atom::One`]),
    /// returns it.
    pub fn as_poly(&self) -> Option<Poly> {
        match self.terms.as_slice() {
            [] => Some(Poly::zero()),
            [t] if t.atom == Atom::One => Some(t.coef.clone()),
            _ => None,
        }
    }

    /// Calls `f` on every variable read, including those inside activations.
    pub fn for_each_var(&self, f: &mut impl FnMut(Sym)) {
        for t in &self.terms {
            match &t.atom {
                Atom::One => {}
                Atom::Var(v) => f(*v),
                Atom::Act(inner) => inner.for_each_var(f),
            }
        }
    }

    /// Calls `f` on every parameter occurrence, including inside activations.
    pub fn for_each_param(&self, f: &mut impl FnMut(Sym)) {
        for t in &self.terms {
            // Loops rather than `params()`: every parameter of a large
            // network is visited here.
            for m in t.coef.monomials.iter() {
                for &p in m.factors.as_slice() {
                    f(p);
                }
            }
            if let Atom::Act(inner) = &t.atom {
                inner.for_each_param(f);
            }
        }
    }
}

/// Adds `coef · atom` to terms kept in order of first appearance: merged
/// with the term on the same atom, which goes when it cancels. The rule of
/// every sum of terms ([`Affine`], the nested form's shared sums).
pub fn add_like_term<T, A: PartialEq>(
    terms: &mut Vec<T>,
    coef: Poly,
    atom: A,
    parts: fn(&mut T) -> (&mut Poly, &A),
    make: fn(Poly, A) -> T,
) -> Option<usize> {
    if coef.is_zero() {
        return None;
    }
    match terms.iter_mut().position(|t| *parts(t).1 == atom) {
        Some(i) => {
            let sum = parts(&mut terms[i]).0;
            sum.add(coef);
            if sum.is_zero() {
                terms.remove(i);
                return None;
            }
            Some(i)
        }
        None => {
            terms.push(make(coef, atom));
            Some(terms.len() - 1)
        }
    }
}

/// Builds a sum term by term, exactly as [`Affine::add_term`] would, in
/// constant time per term: past a few terms, like terms are found through a
/// hash index of the atoms instead of a search.
#[derive(Default)]
pub struct Collector {
    sum: Affine,
    /// Positions in `sum` by the hash of their atom, once `sum` is long.
    index: Option<HashTable<usize>>,
    hasher: foldhash::fast::FixedState,
}

impl From<Affine> for Collector {
    fn from(sum: Affine) -> Collector {
        let mut collector = Collector {
            sum,
            ..Collector::default()
        };
        collector.index_if_long();
        collector
    }
}

impl Collector {
    /// Sums shorter than this are searched term by term.
    const SHORT: usize = 16;

    /// An empty sum with room for `terms` terms: a sum written with that
    /// many terms is held in an allocation of its size, not the doubling's
    /// (a unit of a large network keeps its sum for as long as the network).
    pub fn with_capacity(terms: usize) -> Collector {
        Collector {
            sum: Affine {
                terms: Vec::with_capacity(terms),
            },
            ..Collector::default()
        }
    }

    /// Adds `coef · atom`, merging it with a term on the same atom.
    pub fn push(&mut self, t: Term) {
        self.push_at(t);
    }

    /// [`Collector::push`], then refuses a coefficient grown past `budget`'s
    /// digits: a sum of fractions holds all their denominators (over
    /// distinct primes, their product), and each addition costs a gcd
    /// quadratic in the size. Each addition is of numbers within the
    /// budget, so its cost is bounded.
    pub fn push_checked(&mut self, t: Term, budget: Budget) -> Result<(), Exceeded> {
        // A term that starts a new one keeps its coefficient: only an
        // addition can grow one.
        let before = self.sum.terms.len();
        if let Some(i) = self.push_at(t).filter(|&i| i < before) {
            let coef = &self.sum.terms[i].coef;
            budget.bits(
                coef.monomials
                    .iter()
                    .map(|m| bits(&m.coef))
                    .max()
                    .unwrap_or(0),
            )?;
        }
        Ok(())
    }

    /// [`Collector::push`], returning where the term is now (`None` when it
    /// cancelled or was zero).
    fn push_at(&mut self, t: Term) -> Option<usize> {
        let Some(index) = &mut self.index else {
            let at = self.sum.add_term_at(t.coef, t.atom);
            self.index_if_long();
            return at;
        };
        if t.coef.is_zero() {
            return None;
        }
        let hasher = &self.hasher;
        let terms = &mut self.sum.terms;
        let h = hasher.hash_one(&t.atom);
        match index.find_entry(h, |&j| terms[j].atom == t.atom) {
            Ok(entry) => {
                let i = *entry.get();
                terms[i].coef.add(t.coef);
                if terms[i].coef.is_zero() {
                    // Gone, as `add_term` removes it: a later term on the
                    // same atom starts a new one at the end.
                    entry.remove();
                    return None;
                }
                Some(i)
            }
            Err(_) => {
                terms.push(t);
                let i = terms.len() - 1;
                index.insert_unique(h, i, |&j| hasher.hash_one(&terms[j].atom));
                Some(i)
            }
        }
    }

    /// The sum.
    pub fn finish(mut self) -> Affine {
        if self.index.is_some() {
            self.sum.terms.retain(|t| !t.coef.is_zero());
        }
        self.sum
    }

    fn index_if_long(&mut self) {
        if self.index.is_some() || self.sum.terms.len() < Self::SHORT {
            return;
        }
        let hasher = &self.hasher;
        let terms = &self.sum.terms;
        // Room for every term the sum was made for, so a long sum built
        // term by term never rehashes.
        let mut index = HashTable::with_capacity(terms.capacity().max(terms.len() * 2));
        for (i, t) in terms.iter().enumerate() {
            index.insert_unique(hasher.hash_one(&t.atom), i, |&j: &usize| {
                hasher.hash_one(&terms[j].atom)
            });
        }
        self.index = Some(index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The product one monomial at a time, as [`Poly::add_monomial`] defines it.
    fn naive(a: &Poly, b: &Poly) -> Poly {
        let mut out = Poly::zero();
        for x in &a.monomials {
            for y in &b.monomials {
                let mut factors = x.factors.clone();
                factors.extend_from_slice(&y.factors);
                out.add_monomial(Monomial {
                    coef: (&*x.coef * &*y.coef).into(),
                    factors,
                });
            }
        }
        out
    }

    fn poly(terms: &[(i64, &[u32])]) -> Poly {
        let mut p = Poly::zero();
        for (c, f) in terms {
            p.add_monomial(Monomial {
                coef: BigRational::from_integer((*c).into()).into(),
                factors: f.iter().map(|&i| Sym(i)).collect(),
            });
        }
        p
    }

    #[test]
    fn a_long_product_merges_and_cancels_as_one_monomial_at_a_time_does() {
        // (1 + p1 + p2 + p3 - p4)(1 - p1 + p2 + 2 p4 + p1p2): like terms in
        // both orders, and terms that cancel (p1 - p1) then come back.
        let a = poly(&[(1, &[]), (1, &[1]), (1, &[2]), (1, &[3]), (-1, &[4])]);
        let b = poly(&[(1, &[]), (-1, &[1]), (1, &[2]), (2, &[4]), (1, &[1, 2])]);
        assert!(a.monomials.len() * b.monomials.len() > Collector::SHORT);
        assert_eq!(a.mul(&b), naive(&a, &b));
        assert_eq!(b.mul(&a), naive(&b, &a));
        let squared = a.mul(&a);
        assert_eq!(squared, naive(&a, &a));
        assert_eq!(squared.mul(&b), naive(&squared, &b));
    }

    #[test]
    fn sums_and_products_with_cheap_gcds_equal_rational_ones() {
        let q = |s: &str| crate::syntax::parse_number(s).unwrap();
        let numbers = [
            "0", "1", "-1", "2/3", "-7/12", "1e40", "3/1e40", "-1e-30", "6/35", "35/6",
        ];
        for a in numbers {
            for b in numbers {
                let (a, b) = (q(a), q(b));
                assert_eq!(product(&a, &b), &a * &b, "{a} · {b}");
                assert_eq!(sum(&a, &b), &a + &b, "{a} + {b}");
            }
        }
    }

    #[test]
    fn a_product_over_budget_is_refused_before_it_is_formed() {
        let a = poly(&[(1, &[1]), (1, &[2]), (1, &[3])]);
        let tight = Budget {
            max_terms: 26,
            max_digits: 100,
            ..Budget::DEFAULT
        };
        // 3 × 3 products of 2 factors each: size 9 · 3 = 27.
        let refused = a.try_mul(&a, tight).unwrap_err();
        assert_eq!(
            (refused.limit, refused.estimate, refused.max),
            (Limit::Terms, 27, 26)
        );
        let roomy = Budget {
            max_terms: 27,
            ..tight
        };
        assert_eq!(a.try_mul(&a, roomy).unwrap(), a.mul(&a));
    }
}
