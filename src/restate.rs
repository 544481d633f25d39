//! Restatements: the same unit or parameter written more than once, as a
//! derivation does (`h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0 + …]`, or
//! the combined network restating a unit of the networks as given).
//!
//! Two statements agree when their canonical forms are equal: parameter
//! definitions substituted (`ψ_10` becomes `θ'_10 + θ'_11 φ_0`), units
//! without an activation substituted (`y` becomes `φ_0 + φ_1 h_1 + …`), and
//! terms sorted, so that neither order nor collection matters.
//!
//! Substituting multiplies polynomials, so every product is checked against
//! the [`Budget`] before it is formed; a statement whose canonical form would
//! exceed it cannot be compared, and [`Context::exceeded`] says why.

use crate::expr::{bits, Affine, Atom, Budget, Exceeded, Poly};
use crate::network::{self, Definition, Unit};
use crate::symbol::{Letter, Sym, SymbolTable, VarLetter};
use num_rational::BigRational;
use num_traits::Zero;
use std::cell::Cell;
use std::collections::BTreeMap;

/// A polynomial with its monomials keyed by their sorted factors.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CanonPoly(BTreeMap<Vec<Sym>, BigRational>);

/// What a canonical term multiplies.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CanonAtom {
    /// A bias.
    One,
    /// A variable that is not substituted.
    Var(Sym),
    /// An activation of a canonical combination.
    Act(Box<CanonAffine>),
}

/// An affine combination in canonical form: atoms sorted, no zero terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CanonAffine(BTreeMap<CanonAtom, CanonPoly>);

/// What canonical forms are taken relative to.
pub struct Context<'a> {
    symbols: &'a SymbolTable,
    /// Defined parameters, expanded, by symbol id.
    params: Vec<Option<CanonPoly>>,
    /// Defined parameters whose expansion exceeds the budget, by symbol id.
    oversized: Vec<bool>,
    /// The limits products must stay within.
    budget: Budget,
    /// The first product refused, if any.
    exceeded: Cell<Option<Exceeded>>,
    /// Units without an activation, expanded, by symbol id.
    linear: Vec<Option<CanonAffine>>,
    /// Whether each symbol is defined by some unit.
    defined: Vec<bool>,
}

impl CanonPoly {
    /// Adds `other · scale`, refused before any work when the product would
    /// exceed `budget`.
    fn add(
        &mut self,
        other: &CanonPoly,
        scale: &CanonPoly,
        budget: Budget,
    ) -> Result<(), Exceeded> {
        let degree = |p: &CanonPoly| p.0.keys().map(Vec::len).max().unwrap_or(0) as u128;
        let term = 1 + degree(other) + degree(scale);
        budget.terms(other.0.len() as u128 * scale.0.len() as u128 * term)?;
        let digits = |p: &CanonPoly| p.0.values().map(bits).max().unwrap_or(0);
        budget.bits(digits(other).saturating_add(digits(scale)))?;
        for (fa, ca) in &other.0 {
            for (fb, cb) in &scale.0 {
                let mut key = fa.clone();
                key.extend_from_slice(fb);
                key.sort_unstable();
                let entry = self.0.entry(key).or_insert_with(BigRational::zero);
                *entry = crate::expr::sum(entry, &crate::expr::product(ca, cb));
            }
        }
        self.0.retain(|_, c| !c.is_zero());
        Ok(())
    }

    fn one() -> CanonPoly {
        CanonPoly(BTreeMap::from([(
            Vec::new(),
            BigRational::from_integer(1.into()),
        )]))
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
}

impl CanonAffine {
    fn add_term(
        &mut self,
        atom: CanonAtom,
        coef: &CanonPoly,
        scale: &CanonPoly,
        budget: Budget,
    ) -> Result<(), Exceeded> {
        let entry = self.0.entry(atom.clone()).or_default();
        let added = entry.add(coef, scale, budget);
        if entry.is_zero() {
            self.0.remove(&atom);
        }
        added
    }

    fn add_scaled(
        &mut self,
        other: &CanonAffine,
        scale: &CanonPoly,
        budget: Budget,
    ) -> Result<(), Exceeded> {
        for (atom, coef) in &other.0 {
            self.add_term(atom.clone(), coef, scale, budget)?;
        }
        Ok(())
    }
}

impl<'a> Context<'a> {
    /// Builds the context from every unit's chosen right side (kept or not)
    /// and every parameter definition.
    pub fn new(
        symbols: &'a SymbolTable,
        units: &[Unit],
        definitions: &[Definition],
    ) -> Context<'a> {
        let n = symbols.len();
        let mut defined = vec![false; n];
        for u in units {
            defined[u.name.0 as usize] = true;
        }
        let mut context = Context {
            symbols,
            params: vec![None; n],
            oversized: vec![false; n],
            budget: Budget::current(),
            exceeded: Cell::new(None),
            linear: vec![None; n],
            defined,
        };
        context.expand_params(definitions);
        context.expand_linear_units(units);
        context
    }

    fn expand_params(&mut self, definitions: &[Definition]) {
        let Ok(order) = network::definition_order(definitions, self.symbols.len()) else {
            return;
        };
        for i in order {
            let name = definitions[i].name.0 as usize;
            match self.poly(&definitions[i].value) {
                Some(value) => self.params[name] = Some(value),
                None => self.oversized[name] = true,
            }
        }
    }

    fn expand_linear_units(&mut self, units: &[Unit]) {
        let deps = network::unit_dependencies(units, self.symbols.len());
        let Ok(order) = network::topological_order(deps.len(), &deps) else {
            return;
        };
        for i in order {
            if !has_top_activation(&units[i].rhs) {
                if let Some(c) = self.affine(&units[i].rhs) {
                    self.linear[units[i].name.0 as usize] = Some(c);
                }
            }
        }
    }

    /// The first product refused by the budget, which made [`Context::poly`]
    /// or [`Context::affine`] return `None`.
    pub fn exceeded(&self) -> Option<Exceeded> {
        self.exceeded.get()
    }

    /// Records a refused product and gives up on the statement.
    fn refuse<T>(&self, e: Exceeded) -> Option<T> {
        if self.exceeded.get().is_none() {
            self.exceeded.set(Some(e));
        }
        None
    }

    /// A polynomial with defined parameters substituted, or `None` when it
    /// would exceed the budget (see [`Context::exceeded`]).
    pub fn poly(&self, p: &Poly) -> Option<CanonPoly> {
        let mut out = CanonPoly::default();
        for m in &p.monomials {
            let mut term = CanonPoly(BTreeMap::from([(Vec::new(), m.coef.to_rational())]));
            for f in &m.factors {
                if self.oversized[f.0 as usize] {
                    return None;
                }
                let factor = self.params[f.0 as usize].clone().unwrap_or_else(|| {
                    CanonPoly(BTreeMap::from([(
                        vec![*f],
                        BigRational::from_integer(1.into()),
                    )]))
                });
                let mut product = CanonPoly::default();
                if let Err(e) = product.add(&term, &factor, self.budget) {
                    return self.refuse(e);
                }
                term = product;
            }
            if let Err(e) = out.add(&term, &CanonPoly::one(), self.budget) {
                return self.refuse(e);
            }
        }
        Some(out)
    }

    /// The canonical form of a right side, or `None` when it reads a hidden
    /// unit that nothing defines (the equality cannot be decided) or would
    /// exceed the budget ([`Context::exceeded`] says so).
    pub fn affine(&self, a: &Affine) -> Option<CanonAffine> {
        let mut out = CanonAffine::default();
        let one = CanonPoly::one();
        for t in &a.terms {
            let coef = self.poly(&t.coef)?;
            let added = match &t.atom {
                Atom::One => out.add_term(CanonAtom::One, &coef, &one, self.budget),
                Atom::Var(v) => match &self.linear[v.0 as usize] {
                    Some(expanded) => out.add_scaled(expanded, &coef, self.budget),
                    None if self.undefined_hidden(*v) => return None,
                    None => out.add_term(CanonAtom::Var(*v), &coef, &one, self.budget),
                },
                Atom::Act(inner) => out.add_term(
                    CanonAtom::Act(Box::new(self.affine(inner)?)),
                    &coef,
                    &one,
                    self.budget,
                ),
            };
            if let Err(e) = added {
                return self.refuse(e);
            }
        }
        Some(out)
    }

    fn undefined_hidden(&self, v: Sym) -> bool {
        !self.defined[v.0 as usize] && self.symbols[v].letter == Letter::Var(VarLetter::H)
    }
}

/// Whether a right side is one activation with coefficient 1 (`a[…]`).
pub fn has_top_activation(a: &Affine) -> bool {
    crate::rewrite::unnest::top_activation(a).is_some()
}
