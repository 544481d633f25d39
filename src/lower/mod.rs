//! Lowering: from the syntax tree to a validated [`Network`].
//!
//! This is the last stage that reports errors pointing into the text. It turns
//! every right side into an [`Affine`] combination (products of parameters are
//! first-class coefficients), sorts equations into unit definitions and
//! parameter definitions, finds the inputs, infers layers and outputs, and
//! rejects what cannot be a network: a product of two variables, a hidden
//! unit read but never defined, a cycle, a name defined twice with different
//! right sides.

use crate::diagnostic::Diagnostic;
use crate::expr::{Affine, Atom, Budget, Coef, Collector, Exceeded, Factors, Monomial, Poly, Term};
use crate::network::Network;
use crate::symbol::{Sym, SymbolTable};
use crate::syntax::{Document, Equation, Expr, ExprKind, Parsed, PlainEquation, PlainTerm, Span};
use num_rational::BigRational;
use num_traits::{One, Zero};

mod builder;

use builder::Builder;
pub use builder::MAX_UNREAD_WARNINGS;

/// Lowers a parsed document whose symbols were interned into `symbols`.
///
/// Errors are collected: every equation is lowered before errors are
/// returned, so one run reports every bad equation.
///
/// Vector and matrix equations are first rewritten as scalar equations, one
/// per row (see [`crate::matrix_lower`]).
pub fn lower(document: &Document, symbols: SymbolTable) -> Result<Network, Vec<Diagnostic>> {
    lower_with_notes(document, symbols).map(|(network, _)| network)
}

/// Like [`lower`], and also returns the notes that are not errors (a chained
/// equality that cannot be checked because the input does not define what one
/// side reads).
pub fn lower_with_notes(
    document: &Document,
    mut symbols: SymbolTable,
) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
    match crate::matrix_lower::expand_with_notes(document, &mut symbols)? {
        Some((expanded, notes)) => with_notes(lower_equations(expanded.equations, symbols), notes),
        None => lower_equations(&document.equations, symbols),
    }
}

/// [`lower_with_notes`] of equations held elsewhere, without copying them
/// into a document of their own unless a vector equation must be rewritten.
pub fn lower_refs_with_notes(
    equations: &[&Equation],
    symbols: SymbolTable,
) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
    if equations.iter().any(|e| e.is_vector_form()) {
        let document = Document {
            equations: equations.iter().map(|&e| e.clone()).collect(),
        };
        return lower_with_notes(&document, symbols);
    }
    lower_equations(equations.iter().copied(), symbols)
}

/// The notes and warnings [`lower_refs_with_notes`] gives, or its errors,
/// with the symbols borrowed: no network is made, and the symbols are not
/// copied unless a vector equation must be rewritten.
pub fn lower_refs_notes(
    equations: &[&Equation],
    symbols: &SymbolTable,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    if equations.iter().any(|e| e.is_vector_form()) {
        return lower_refs_with_notes(equations, symbols.clone()).map(|(_, notes)| notes);
    }
    let mut builder = Builder::default();
    for &equation in equations {
        builder.equation(equation, symbols);
    }
    builder.notes(symbols)
}

/// Like [`lower`], consuming the document: each equation's syntax tree is
/// freed as soon as it is lowered, so that a large input never holds its
/// whole tree and its whole network at once.
pub fn lower_owned(document: Document, symbols: SymbolTable) -> Result<Network, Vec<Diagnostic>> {
    lower_owned_with_notes(document, symbols).map(|(network, _)| network)
}

/// Like [`lower_owned`], and also returns the notes and warnings that are
/// not errors (see [`lower_with_notes`]).
pub fn lower_owned_with_notes(
    document: Document,
    mut symbols: SymbolTable,
) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
    match crate::matrix_lower::expand_with_notes(&document, &mut symbols)? {
        Some((expanded, notes)) => with_notes(lower_equations(expanded.equations, symbols), notes),
        None => lower_equations(document.equations, symbols),
    }
}

/// Puts the notes of expanding the matrices before those of lowering.
fn with_notes(
    lowered: Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>>,
    mut notes: Vec<Diagnostic>,
) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (network, more) = lowered?;
    notes.extend(more);
    Ok((network, notes))
}

/// Lowers equations in order, then chooses and checks the definitions.
fn lower_equations<E: std::borrow::Borrow<Equation>>(
    equations: impl IntoIterator<Item = E>,
    symbols: SymbolTable,
) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut builder = Builder::default();
    for equation in equations {
        builder.equation(equation.borrow(), &symbols);
    }
    builder.finish(symbols)
}

/// Lowers a document's equations one at a time, as they are read (see
/// [`crate::syntax::parse_each`]), so that a large input's syntax trees are
/// freed as soon as each is lowered; the result is [`lower_with_notes`]'s
/// for a document of scalar equations (without vector or matrix
/// equations, which are rewritten as a whole document).
#[derive(Default)]
pub struct Lowering {
    builder: Builder,
}

impl Lowering {
    /// Lowers `equation`, whose symbols are in `symbols`.
    pub fn equation(&mut self, equation: &Equation, symbols: &SymbolTable) {
        self.builder.equation(equation, symbols);
    }

    /// Lowers an equation [`crate::syntax::parse_each_plain`] read, as
    /// [`Lowering::equation`] lowers the tree of either form, and says
    /// whether the equation is scalar: `false` for one written with vectors
    /// or matrices ([`Equation::is_vector_form`]), which needs the whole
    /// document.
    ///
    /// ```
    /// use netform::lower::Lowering;
    /// use netform::symbol::SymbolTable;
    /// let mut symbols = SymbolTable::new();
    /// let mut lowering = Lowering::default();
    /// let text = "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1";
    /// netform::syntax::parse_each_plain(text, &mut symbols, |eq, symbols| lowering.parsed(eq, symbols))
    ///     .unwrap();
    /// let (network, _) = lowering.finish(symbols).unwrap();
    /// assert_eq!(network.units.len(), 2);
    /// ```
    pub fn parsed(&mut self, parsed: Parsed<'_>, symbols: &SymbolTable) -> bool {
        match parsed {
            Parsed::Plain(equation, terms) => {
                self.builder.plain(equation, terms, symbols);
                true
            }
            Parsed::Tree(equation) => self.builder.equation(&equation, symbols),
        }
    }

    /// The network, from the symbols the equations were read with.
    pub fn finish(
        self,
        symbols: SymbolTable,
    ) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.builder.finish(symbols)
    }

    /// [`Lowering::finish`]'s notes and warnings, or its errors, with the
    /// symbols borrowed: no network is made.
    pub fn notes(self, symbols: &SymbolTable) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        self.builder.notes(symbols)
    }
}

/// Lowers one expression to an affine combination of atoms, reading which
/// symbols are parameters from `symbols`.
///
/// Fails on a product of two non-constant factors (`x h_1`, `h_1 a[x]`) and on
/// division by anything but a non-zero number.
pub fn affine(symbols: &SymbolTable, expr: &Expr) -> Result<Affine, Diagnostic> {
    Ok(Lowerer { symbols }.affine(expr)?.0)
}

/// The symbols one equation has read so far: a stamp per symbol, which is
/// the equation's number once the symbol is read in it (no clearing
/// between equations).
#[derive(Default)]
struct Marks {
    stamps: Vec<u32>,
    equation: u32,
}

impl Marks {
    /// Starts the next equation, over `n` symbols.
    fn start(&mut self, n: usize) {
        if self.stamps.len() < n {
            self.stamps.resize(n, 0);
        }
        self.equation = self.equation.wrapping_add(1);
        if self.equation == 0 {
            self.stamps.fill(0);
            self.equation = 1;
        }
    }

    /// Marks `sym` as read; `false` if it was read before in this equation.
    fn mark(&mut self, sym: Sym) -> bool {
        let stamp = &mut self.stamps[sym.0 as usize];
        let new = *stamp != self.equation;
        *stamp = self.equation;
        new
    }
}

/// Lowers expressions; remembers nothing but the symbol table.
struct Lowerer<'a> {
    symbols: &'a SymbolTable,
}

impl Lowerer<'_> {
    /// Returns the combination and whether it is constant (parameters and
    /// numbers only).
    fn affine(&self, expr: &Expr) -> Result<(Affine, bool), Diagnostic> {
        Ok(match &expr.kind {
            ExprKind::Number(n) => (bias(Poly::constant((**n).clone())), true),
            ExprKind::Symbol { sym, .. } => {
                let (term, constant) = self.symbol_term(*sym);
                (Affine { terms: vec![term] }, constant)
            }
            ExprKind::Sum(terms) => {
                let mut sum = Collector::with_capacity(terms.len());
                let mut constant = true;
                let budget = Budget::current();
                for t in terms {
                    // The usual term, a weight times a unit, goes into the
                    // sum as it is built, with no sum of its own.
                    if let Some((term, c)) = self.simple_term(t) {
                        constant &= c;
                        if let Some(term) = term {
                            sum.push_checked(term, budget)
                                .map_err(|e| grown(e, t.span))?;
                        }
                        continue;
                    }
                    let (a, c) = self.affine(t)?;
                    constant &= c;
                    for term in a.terms {
                        sum.push_checked(term, budget)
                            .map_err(|e| grown(e, t.span))?;
                    }
                }
                (sum.finish(), constant)
            }
            ExprKind::Neg(inner) => {
                let (a, c) = self.affine(inner)?;
                (a.into_mul_poly(Poly::constant(-BigRational::one())), c)
            }
            ExprKind::Product(factors) => self.product(factors)?,
            ExprKind::Quotient(num, den) => self.quotient(num, den)?,
            ExprKind::Activation { arg, .. } => {
                let (inner, _) = self.affine(arg)?;
                (single(Poly::one(), Atom::Act(Box::new(inner))), false)
            }
            ExprKind::Group(inner) => self.affine(inner)?,
            ExprKind::Matrix { .. } | ExprKind::Transpose(_) => {
                return Err(Diagnostic::error(
                    "matrix",
                    "a matrix where a scalar is expected",
                    expr.span,
                )
                .with_label("not a scalar"))
            }
        })
    }

    /// A product may have any number of constant factors and at most one
    /// factor that reads a variable or an activation.
    fn product(&self, factors: &[Expr]) -> Result<(Affine, bool), Diagnostic> {
        if let Some((term, constant)) = self.simple_product(factors) {
            let mut out = Affine::zero();
            out.terms.extend(term);
            return Ok((out, constant));
        }
        let budget = Budget::current();
        let mut coef: Option<Poly> = None;
        let mut varying: Option<(Affine, Span)> = None;
        for f in factors {
            let (a, constant) = self.affine(f)?;
            if constant {
                let p = a.into_poly().unwrap_or_default();
                coef = Some(match coef {
                    Some(c) => c.try_mul(&p, budget).map_err(|e| too_large(e, f.span))?,
                    None => p,
                });
            } else if let Some((_, first)) = &varying {
                return Err(Diagnostic::error(
                    "product",
                    "a product of two variables is not a network",
                    f.span,
                )
                .with_label("second factor that reads a variable or an activation")
                .with_secondary(*first, "first one")
                .with_help("each term is a weight times one variable, e.g. `θ₁₁x` or `φ₁h₁`"));
            } else {
                varying = Some((a, f.span));
            }
        }
        let coef = coef.unwrap_or_else(Poly::one);
        Ok(match varying {
            Some((a, span)) => (
                a.try_into_mul_poly(coef, budget)
                    .map_err(|e| too_large(e, span))?,
                false,
            ),
            None => (bias(coef), true),
        })
    }

    /// The common product of numbers, parameters and at most one variable
    /// (`\omega_{0,1,2}h_{1,2}`, `2\theta_{11}x`), built as one monomial
    /// without intermediate combinations; `None` for anything else.
    fn simple_product(&self, factors: &[Expr]) -> Option<(Option<Term>, bool)> {
        let mut number: Option<BigRational> = None;
        let mut params = Factors::new();
        let mut var = None;
        for f in factors {
            match &f.kind {
                ExprKind::Symbol { sym, .. } if self.symbols[*sym].is_param() => params.push(*sym),
                ExprKind::Symbol { sym, .. } if var.is_none() => var = Some(*sym),
                ExprKind::Number(n) => {
                    number = Some(match number {
                        // A product too large to compute is left to
                        // `product`, which refuses it with its place.
                        Some(c) if Budget::current().product(&c, n).is_err() => return None,
                        Some(c) => crate::expr::product(&c, n),
                        None => (**n).clone(),
                    })
                }
                _ => return None,
            }
        }
        let coef = Poly {
            monomials: smallvec::smallvec![Monomial {
                coef: number.map_or_else(Coef::one, Coef::from),
                factors: params,
            }],
        };
        let atom = var.map_or(Atom::One, Atom::Var);
        let term = (!coef.monomials[0].coef.is_zero()).then_some(Term { coef, atom });
        Some((term, var.is_none()))
    }

    /// A term of a sum that is one term, built without a sum of its own: a
    /// symbol or a [`Lowerer::simple_product`]; `None` for anything else.
    /// The term is `None` when it is zero; the flag says it is constant.
    fn simple_term(&self, expr: &Expr) -> Option<(Option<Term>, bool)> {
        match &expr.kind {
            ExprKind::Product(factors) => self.simple_product(factors),
            ExprKind::Symbol { sym, .. } => {
                let (term, constant) = self.symbol_term(*sym);
                Some((Some(term), constant))
            }
            _ => None,
        }
    }

    /// The sum of a plain equation's terms, as [`Lowerer::affine`] lowers
    /// the sum [`PlainEquation::to_equation`] writes.
    fn plain_sum(&self, terms: &[PlainTerm], marks: &mut Marks) -> Result<Affine, Diagnostic> {
        // The term the general lowering makes of a weight, a unit, or a
        // weight (a parameter, by the shape) times a unit, made at once;
        // never zero.
        let term = |t: &PlainTerm| match t.factors() {
            [weight, unit] => Term {
                coef: Poly::param(weight.sym),
                atom: Atom::Var(unit.sym),
            },
            _ => self.symbol_term(t.first().sym).0,
        };
        // With no two terms on one atom (every variable read once, at most
        // one bias), nothing merges: the sum is its terms in order, as the
        // collector would leave them, without looking each one up.
        if self.distinct_atoms(terms, marks) {
            return Ok(Affine {
                terms: terms.iter().map(term).collect(),
            });
        }
        let mut sum = Collector::with_capacity(terms.len());
        let budget = Budget::current();
        for t in terms {
            sum.push_checked(term(t), budget)
                .map_err(|e| grown(e, t.span))?;
        }
        Ok(sum.finish())
    }

    /// Whether no two plain terms have the same atom: each reads a variable
    /// of its own (its last factor), or is the one bias.
    fn distinct_atoms(&self, terms: &[PlainTerm], marks: &mut Marks) -> bool {
        marks.start(self.symbols.len());
        let mut bias = false;
        terms.iter().all(|t| {
            let last = t.factors()[t.factors().len() - 1].sym;
            if self.symbols[last].is_param() {
                !std::mem::replace(&mut bias, true)
            } else {
                marks.mark(last)
            }
        })
    }

    /// A plain equation's right side, as [`Lowerer::affine`] lowers the one
    /// [`PlainEquation::to_equation`] writes (see [`Lowerer::plain_sum`]).
    fn plain_side(
        &self,
        equation: &PlainEquation,
        terms: &[PlainTerm],
        marks: &mut Marks,
    ) -> Result<Affine, Diagnostic> {
        let sum = self.plain_sum(terms, marks)?;
        Ok(match equation.activation {
            Some(_) => single(Poly::one(), Atom::Act(Box::new(sum))),
            None => sum,
        })
    }

    /// A symbol as a term: a parameter is a bias, a variable itself times
    /// 1; the flag says it is constant.
    fn symbol_term(&self, sym: Sym) -> (Term, bool) {
        if self.symbols[sym].is_param() {
            let coef = Poly::param(sym);
            (
                Term {
                    coef,
                    atom: Atom::One,
                },
                true,
            )
        } else {
            let coef = Poly::one();
            (
                Term {
                    coef,
                    atom: Atom::Var(sym),
                },
                false,
            )
        }
    }

    /// A quotient must divide by a non-zero number: `x/2`, `\frac{\theta_1}{3}`.
    fn quotient(&self, num: &Expr, den: &Expr) -> Result<(Affine, bool), Diagnostic> {
        let (n, constant) = self.affine(num)?;
        let (d, _) = self.affine(den)?;
        let divisor = d.as_poly().and_then(|p| p.as_constant());
        match divisor {
            Some(c) if c != BigRational::from_integer(0.into()) => Ok((
                n.try_into_mul_poly(Poly::constant(c.recip()), Budget::current())
                    .map_err(|e| too_large(e, den.span))?,
                constant,
            )),
            Some(_) => Err(Diagnostic::error("division", "division by zero", den.span)
                .with_label("this is zero")),
            None => Err(Diagnostic::error(
                "division",
                "netform can only divide by a number",
                den.span,
            )
            .with_label("not a number")
            .with_help("write the coefficient as a product, e.g. `\\frac{1}{2}\\theta_{11}x`")),
        }
    }
}

fn bias(p: Poly) -> Affine {
    single(p, Atom::One)
}

/// A sum refused by the [`Budget`], located at the term that makes it too
/// large.
fn grown(e: Exceeded, at: Span) -> Diagnostic {
    Diagnostic::error(
        "too-large",
        e.to_string().replacen("this product", "this sum", 1),
        at,
    )
    .with_label("the sum grows too large here")
}

fn single(coef: Poly, atom: Atom) -> Affine {
    let mut out = Affine::zero();
    out.add_term(coef, atom);
    out
}

/// A product refused by the [`Budget`], located at the factor that makes it
/// too large.
fn too_large(e: Exceeded, at: Span) -> Diagnostic {
    Diagnostic::error("too-large", e.to_string(), at).with_label("the product grows too large here")
}
