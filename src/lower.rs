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
use crate::network::{Definition, Network, Unit};
use crate::symbol::{Letter, Sym, SymbolTable, VarLetter};
use crate::syntax::{Document, Equation, Expr, ExprKind, Span};
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::collections::HashMap;

/// A map keyed by symbols, hashed with foldhash (one lookup per variable read).
type SymMap<V> = HashMap<Sym, V, foldhash::fast::FixedState>;

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

    /// [`Lowering::equation`], and whether the equation is scalar: `false`
    /// for one written with vectors or matrices
    /// ([`Equation::is_vector_form`]), which needs the whole document.
    pub(crate) fn scalar_equation(&mut self, equation: &Equation, symbols: &SymbolTable) -> bool {
        self.builder.equation(equation, symbols)
    }

    /// The network, from the symbols the equations were read with.
    pub fn finish(
        self,
        symbols: SymbolTable,
    ) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.builder.finish(symbols)
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
                let grown = |e: Exceeded, t: &Expr| {
                    Diagnostic::error(
                        "too-large",
                        e.to_string().replacen("this product", "this sum", 1),
                        t.span,
                    )
                    .with_label("the sum grows too large here")
                };
                for t in terms {
                    // The usual term, a weight times a unit, goes into the
                    // sum as it is built, with no sum of its own.
                    if let Some((term, c)) = self.simple_term(t) {
                        constant &= c;
                        if let Some(term) = term {
                            sum.push_checked(term, budget).map_err(|e| grown(e, t))?;
                        }
                        continue;
                    }
                    let (a, c) = self.affine(t)?;
                    constant &= c;
                    for term in a.terms {
                        sum.push_checked(term, budget).map_err(|e| grown(e, t))?;
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

fn single(coef: Poly, atom: Atom) -> Affine {
    let mut out = Affine::zero();
    out.add_term(coef, atom);
    out
}

/// One right side written for a unit or a parameter.
#[derive(Clone, Debug)]
struct Statement {
    rhs: Affine,
    /// The left side it was written for.
    lhs: Span,
    /// The right side itself.
    side: Span,
    /// Whether it is one side of a chained equality `A = B = C`.
    chained: bool,
    /// The variables `rhs` reads, in order, repeats included: choosing
    /// definitions and finding layers reads these instead of walking every
    /// right side again.
    reads: Box<[Sym]>,
}

/// Every statement of one name, in the order written.
type Statements = (Sym, Vec<Statement>);

/// A place in a list of statements, or none: four bytes (a large input has
/// a slot for every symbol).
#[derive(Clone, Copy, Default)]
struct Slot(Option<std::num::NonZeroU32>);

impl Slot {
    const NONE: Slot = Slot(None);

    /// The slot of place `i`.
    fn at(i: usize) -> Slot {
        Slot(
            u32::try_from(i + 1)
                .ok()
                .and_then(std::num::NonZeroU32::new),
        )
    }

    /// The place, if any.
    fn get(self) -> Option<usize> {
        self.0.map(|s| s.get() as usize - 1)
    }
}

/// What choosing the definitions gives: the units with their layers, the
/// definitions, inputs and outputs, each unit's span (for notes) and the
/// notes so far.
struct Parts {
    units: Vec<Unit>,
    definitions: Vec<Definition>,
    inputs: Vec<Sym>,
    outputs: Vec<Sym>,
    spans: Vec<(Sym, Span)>,
    notes: Vec<Diagnostic>,
}

/// A symbol's ASCII name, for messages.
fn name(symbols: &SymbolTable, sym: Sym) -> String {
    crate::symbol::ascii_name(&symbols[sym])
}

/// Collects statements, then chooses definitions and validates them as a whole.
///
/// A unit may be stated several times (a derivation restates it); its
/// definition is the last statement that reads only defined units and inputs,
/// and every other statement must agree with it ([`crate::restate`]). A unit
/// that only superseded statements read (`y` once it has been substituted) is
/// an intermediate step: checked, not kept.
#[derive(Default)]
struct Builder {
    units: Vec<Statements>,
    /// Each symbol's place in `units`, if it names one (`u32`: a large
    /// input has a slot for every parameter).
    unit_slot: Vec<Slot>,
    params: Vec<Statements>,
    /// Each symbol's place in `params`, if it names a defined parameter.
    param_slot: Vec<Slot>,
    /// The first place each variable was read, for the error about a
    /// hidden unit never defined (parameters, nearly every symbol of a
    /// large network, need none).
    first_use: SymMap<Span>,
    /// The variables the equation being lowered reads, with their places.
    uses: Vec<(Sym, Span)>,
    errors: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
}

impl Builder {
    /// Lowers one equation: every right side becomes a statement of the name
    /// on the left. Returns whether the equation is scalar (see
    /// [`Lowering::scalar_equation`]).
    fn equation(&mut self, equation: &Equation, symbols: &SymbolTable) -> bool {
        let vector = self.scan(equation, symbols);
        self.lower_equation(equation, symbols);
        !vector
    }

    /// Lowers one equation whose uses [`Builder::scan`] has gathered.
    fn lower_equation(&mut self, equation: &Equation, symbols: &SymbolTable) {
        // A slot for every symbol read so far (the vectors' capacity grows
        // by doubling, untouched until used).
        let n = symbols.len();
        if self.unit_slot.len() < n {
            self.unit_slot.resize(n, Slot::NONE);
            self.param_slot.resize(n, Slot::NONE);
        }
        let lowerer = Lowerer { symbols };
        let mut sides = Vec::with_capacity(equation.sides.len() - 1);
        for side in &equation.sides[1..] {
            match lowerer.affine(side) {
                Ok((a, _)) => sides.push((a, side.span)),
                Err(e) => {
                    self.errors.push(e);
                    return;
                }
            }
        }
        self.note_uses();
        let lhs = &equation.sides[0];
        let chained = sides.len() > 1;
        let Some(name) = left_symbol(lhs) else {
            self.errors.push(
                Diagnostic::error(
                    "left-side",
                    "the left side must name one unit or parameter",
                    lhs.span,
                )
                .with_label("not a single name")
                .with_help(
                    "write one equation per unit, e.g. `h_1 = a[\\theta_{10} + \\theta_{11}x]`",
                ),
            );
            return;
        };
        let is_param = symbols[name].is_param();
        for (rhs, side) in sides {
            if is_param && rhs.as_poly().is_none() {
                let n = crate::symbol::ascii_name(&symbols[name]);
                self.errors.push(
                    Diagnostic::error(
                        "definition",
                        format!(
                            "the parameter `{n}` is defined by an expression that reads variables"
                        ),
                        side,
                    )
                    .with_label(
                        "a parameter's definition may only use numbers and other parameters",
                    )
                    .with_help("a unit's equation has a variable on its left side, e.g. `h_1 = …`"),
                );
                return;
            }
            let mut reads = Vec::new();
            rhs.for_each_var(&mut |v| reads.push(v));
            let statement = Statement {
                rhs,
                lhs: lhs.span,
                side,
                chained,
                reads: reads.into_boxed_slice(),
            };
            let (list, slots) = if is_param {
                (&mut self.params, &mut self.param_slot)
            } else {
                (&mut self.units, &mut self.unit_slot)
            };
            let slot = match slots[name.0 as usize].get() {
                Some(slot) => slot,
                None => {
                    list.push((name, Vec::new()));
                    slots[name.0 as usize] = Slot::at(list.len() - 1);
                    list.len() - 1
                }
            };
            list[slot].1.push(statement);
        }
    }

    /// Gathers the variables the right sides read, with their places, into
    /// [`Builder::uses`], in one walk that also says whether the equation
    /// uses vector notation (a bold name, a matrix or a transpose).
    fn scan(&mut self, equation: &Equation, symbols: &SymbolTable) -> bool {
        self.uses.clear();
        let mut vector = equation.sides[0].has_vector_notation();
        let mut stack: Vec<&Expr> = equation.sides[1..].iter().collect();
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Number(_) => {}
                ExprKind::Symbol { sym, bold, .. } => {
                    vector |= *bold;
                    if !symbols[*sym].is_param() {
                        self.uses.push((*sym, e.span));
                    }
                }
                ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
                ExprKind::Neg(x) | ExprKind::Group(x) => stack.push(x),
                ExprKind::Transpose(x) => {
                    vector = true;
                    stack.push(x);
                }
                ExprKind::Matrix { rows, .. } => {
                    vector = true;
                    stack.extend(rows.iter().flatten());
                }
                ExprKind::Activation { arg, .. } => stack.push(arg),
                ExprKind::Quotient(a, b) => {
                    stack.push(a);
                    stack.push(b);
                }
            }
        }
        vector
    }

    /// Records the first span at which each variable [`Builder::scan`] found
    /// is read.
    fn note_uses(&mut self) {
        for &(sym, span) in &self.uses {
            let first = self.first_use.entry(sym).or_insert(span);
            if first.start > span.start {
                *first = span;
            }
        }
    }

    /// The network from the symbols the equations were read with, and the
    /// notes.
    fn finish(self, symbols: SymbolTable) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
        let parts = self.finish_parts(&symbols)?;
        let network = Network::layered_reading(
            symbols,
            parts.units,
            parts.definitions,
            parts.inputs,
            parts.outputs,
        );
        let mut notes = parts.notes;
        notes.extend(unread_units(
            &network.symbols,
            &network.units,
            &network.outputs,
            &parts.spans,
        ));
        Ok((network, notes))
    }

    /// [`Builder::finish`]'s notes alone, with the symbols borrowed: no
    /// network is made.
    fn notes(self, symbols: &SymbolTable) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let parts = self.finish_parts(symbols)?;
        let mut notes = parts.notes;
        notes.extend(unread_units(
            symbols,
            &parts.units,
            &parts.outputs,
            &parts.spans,
        ));
        Ok(notes)
    }

    /// Chooses and checks the definitions: the network's parts, or the
    /// errors.
    fn finish_parts(mut self, symbols: &SymbolTable) -> Result<Parts, Vec<Diagnostic>> {
        let n = symbols.len();
        self.unit_slot.resize(n, Slot::NONE);
        self.param_slot.resize(n, Slot::NONE);
        if self.units.is_empty() && self.errors.is_empty() {
            self.errors.push(Diagnostic::global(
                "no-units",
                "the input defines no unit: write at least one equation such as `y = \\phi_0 + \\phi_1 x`",
            ));
        }
        let chosen = self.choose_definitions(symbols);
        let kept = self.kept_units(symbols, &chosen);
        let definitions: Vec<Definition> = self
            .params
            .iter()
            .map(|(name, statements)| Definition {
                name: *name,
                value: statements[0].rhs.as_poly().unwrap_or_default(),
            })
            .collect();
        // With one statement per name there is nothing to restate, and the
        // right sides move into the network instead of being copied.
        let restated =
            self.units.iter().any(|u| u.1.len() > 1) || self.params.iter().any(|p| p.1.len() > 1);
        let all_units: Vec<Unit> = self
            .units
            .iter_mut()
            .zip(&chosen)
            .map(|((name, statements), &c)| Unit {
                name: *name,
                layer: 0,
                rhs: if restated {
                    statements[c].rhs.clone()
                } else {
                    std::mem::take(&mut statements[c].rhs)
                },
            })
            .collect();
        let kept_reads: Vec<&[Sym]> = (self.units.iter().zip(&chosen).zip(&kept))
            .filter(|(_, &k)| k)
            .map(|(((_, statements), &c), _)| &*statements[c].reads)
            .collect();
        let units: Vec<Unit> = if restated {
            all_units
                .iter()
                .zip(&kept)
                .filter(|(_, &k)| k)
                .map(|(u, _)| u.clone())
                .collect()
        } else {
            all_units
                .into_iter()
                .zip(&kept)
                .filter(|(_, &k)| k)
                .map(|(u, _)| u)
                .collect()
        };
        let reads = |i: usize, f: &mut dyn FnMut(Sym)| kept_reads[i].iter().for_each(|&v| f(v));
        let inputs = crate::network::inputs_reading(&units, n, &reads);
        let outputs = crate::network::outputs_reading(&units, n, &reads);
        let layers = crate::network::layers_reading(&units, n, &reads);
        drop(kept_reads);
        self.find_undefined_units(symbols, &inputs);
        self.check_definition_cycles(symbols, &definitions);
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let layers = match layers {
            Ok(layers) => layers,
            Err(cycle) => {
                let chosen_of =
                    |i: usize| self.unit_slot[units[i].name.0 as usize].get().unwrap_or(0);
                return Err(vec![self.cycle_error(
                    symbols,
                    &cycle.iter().map(|&i| chosen_of(i)).collect::<Vec<_>>(),
                )]);
            }
        };
        if restated {
            self.check_restatements(symbols, &chosen, &definitions);
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let spans: Vec<(Sym, Span)> = self
            .units
            .iter()
            .zip(&chosen)
            .map(|((name, statements), &c)| (*name, statements[c].lhs.to(statements[c].side)))
            .collect();
        let mut units = units;
        for (unit, layer) in units.iter_mut().zip(layers) {
            unit.layer = layer;
        }
        Ok(Parts {
            units,
            definitions,
            inputs,
            outputs,
            spans,
            notes: self.notes,
        })
    }

    /// Each unit's defining statement: the last one that reads only defined
    /// units and inputs, or the first when none does.
    fn choose_definitions(&self, symbols: &SymbolTable) -> Vec<usize> {
        let defined = |v: Sym| {
            self.unit_slot[v.0 as usize].get().is_some()
                || symbols[v].letter != Letter::Var(VarLetter::H)
        };
        self.units
            .iter()
            .map(|(_, statements)| {
                statements
                    .iter()
                    .rposition(|s| s.reads.iter().all(|&v| defined(v)))
                    .unwrap_or(0)
            })
            .collect()
    }

    /// Which units to keep: those reachable from the units no statement reads,
    /// following each unit's chosen statement.
    fn kept_units(&self, symbols: &SymbolTable, chosen: &[usize]) -> Vec<bool> {
        let n = symbols.len();
        let mut read = vec![false; n];
        for (_, statements) in &self.units {
            for &v in statements.iter().flat_map(|s| &*s.reads) {
                read[v.0 as usize] = true;
            }
        }
        let units = &self.units;
        let mut kept = vec![false; units.len()];
        let mut stack: Vec<usize> = (0..units.len())
            .filter(|&i| !read[units[i].0 .0 as usize])
            .collect();
        if stack.is_empty() {
            return vec![true; units.len()];
        }
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut kept[i], true) {
                continue;
            }
            let reads = &units[i].1[chosen[i]].reads;
            stack.extend(
                reads
                    .iter()
                    .filter_map(|v| self.unit_slot[v.0 as usize].get()),
            );
        }
        kept
    }

    fn cycle_error(&self, symbols: &SymbolTable, cycle: &[usize]) -> Diagnostic {
        let names: Vec<String> = cycle
            .iter()
            .map(|&i| name(symbols, self.units[i].0))
            .collect();
        let span = self.units[cycle[0]]
            .1
            .first()
            .map(|s| s.lhs)
            .unwrap_or_default();
        Diagnostic::error(
            "cycle",
            format!("cyclic definition: {} → {}", names.join(" → "), names[0]),
            span,
        )
        .with_label("this unit depends on itself")
        .with_help("every unit must read only inputs and units of earlier layers")
    }

    /// A hidden unit `h…` read but never defined is an error rather than an
    /// input: inputs are `x` (or `y` for a network that reads another's output).
    fn find_undefined_units(&mut self, symbols: &SymbolTable, inputs: &[Sym]) {
        let undefined: Vec<Sym> = inputs
            .iter()
            .copied()
            .filter(|&v| symbols[v].letter == Letter::Var(VarLetter::H))
            .collect();
        for v in undefined {
            let n = name(symbols, v);
            let span = self.first_use.get(&v).copied().unwrap_or_default();
            self.errors.push(
                Diagnostic::error(
                    "undefined",
                    format!("the hidden unit `{n}` is used but never defined"),
                    span,
                )
                .with_label("no equation defines this unit")
                .with_help(format!(
                    "add an equation `{n} = a[…]`, or call the input `x`"
                )),
            );
        }
    }

    /// Definitions must not depend on themselves (`ψ_1 = φ_1`, `φ_1 = ψ_1`).
    fn check_definition_cycles(&mut self, symbols: &SymbolTable, definitions: &[Definition]) {
        let deps: Vec<Vec<usize>> = definitions
            .iter()
            .map(|d| {
                d.value
                    .params()
                    .filter_map(|p| self.param_slot[p.0 as usize].get())
                    .collect()
            })
            .collect();
        if let Err(cycle) = crate::network::topological_order(definitions.len(), &deps) {
            let names: Vec<String> = cycle
                .iter()
                .map(|&i| name(symbols, definitions[i].name))
                .collect();
            let span = self.params[cycle[0]].1[0].lhs;
            self.errors.push(
                Diagnostic::error("cycle", format!("cyclic definition: {} → {}", names.join(" → "), names[0]), span)
                    .with_label("this definition depends on itself")
                    .with_help("a parameter's definition may only use parameters defined before it or given values"),
            );
        }
    }

    /// Every statement must agree with the one chosen as its name's
    /// definition; one that cannot be decided is noted.
    fn check_restatements(
        &mut self,
        symbols: &SymbolTable,
        chosen: &[usize],
        definitions: &[Definition],
    ) {
        let units: Vec<Unit> = self
            .units
            .iter()
            .zip(chosen)
            .map(|((name, statements), &c)| Unit {
                name: *name,
                layer: 0,
                rhs: statements[c].rhs.clone(),
            })
            .collect();
        let context = crate::restate::Context::new(symbols, &units, definitions);
        let mut found = Vec::new();
        for ((name, statements), &c) in self.units.iter().zip(chosen) {
            let reference = context.affine(&statements[c].rhs);
            for (i, s) in statements.iter().enumerate().filter(|&(i, _)| i != c) {
                match (&reference, context.affine(&s.rhs)) {
                    (Some(r), Some(other)) if *r == other => {}
                    (Some(_), Some(_)) => {
                        found.push(self.disagreement(symbols, *name, s, &statements[c]))
                    }
                    _ => match context.exceeded() {
                        Some(e) => found.push(too_large(e, s.side)),
                        None => found.push(undecided(s, i)),
                    },
                }
            }
        }
        for (name, statements) in &self.params {
            let canon = |s: &Statement| context.poly(&s.rhs.as_poly().unwrap_or_default());
            let reference = canon(&statements[0]);
            for s in &statements[1..] {
                match (&reference, canon(s)) {
                    (Some(r), Some(other)) if *r == other => {}
                    (Some(_), Some(_)) => {
                        found.push(self.disagreement(symbols, *name, s, &statements[0]))
                    }
                    _ => found.extend(context.exceeded().map(|e| too_large(e, s.side))),
                }
            }
        }
        for d in found {
            if d.is_error() {
                self.errors.push(d);
            } else {
                self.notes.push(d);
            }
        }
    }

    fn disagreement(
        &self,
        symbols: &SymbolTable,
        unit: Sym,
        s: &Statement,
        reference: &Statement,
    ) -> Diagnostic {
        let n = name(symbols, unit);
        if s.chained && reference.lhs == s.lhs {
            Diagnostic::error("chain", format!("the sides of this chained equality for `{n}` are not equal"), s.side)
                .with_label("this side")
                .with_secondary(reference.side, "differs from this side")
                .with_help("substituting every definition in this input gives different values on the two sides")
        } else {
            Diagnostic::error("redefined", format!("`{n}` is defined twice with different right sides"), s.side)
                .with_label("this right side")
                .with_secondary(reference.side, "disagrees with this one")
                .with_help("restating a unit is fine when both right sides agree once definitions are substituted")
        }
    }
}

/// A statement that reads a hidden unit this input does not define.
fn undecided(s: &Statement, _index: usize) -> Diagnostic {
    Diagnostic {
        severity: crate::diagnostic::Severity::Info,
        ..Diagnostic::error("undecided", "this equality cannot be checked: it reads a hidden unit that this input does not define", s.side)
            .with_label("not checked")
            .with_help("add the equations of the units it reads to check it")
    }
}

/// The symbol on an equation's left side, if it is a single name (possibly
/// in a group).
fn left_symbol(expr: &Expr) -> Option<Sym> {
    match &expr.kind {
        ExprKind::Symbol { sym, .. } => Some(*sym),
        ExprKind::Group(inner) => left_symbol(inner),
        _ => None,
    }
}

/// A product refused by the [`Budget`], located at the factor that makes it
/// too large.
fn too_large(e: Exceeded, at: Span) -> Diagnostic {
    Diagnostic::error("too-large", e.to_string(), at).with_label("the product grows too large here")
}

/// A hidden unit that nothing reads, in a layer whose other units are read,
/// most likely lost its term in the next layer's equations: it would become
/// an output without a word. One warning per equation that reads the unit's
/// siblings but not the unit, at that equation (at most
/// [`MAX_UNREAD_WARNINGS`]). Linear in the network.
fn unread_units(
    symbols: &SymbolTable,
    units: &[Unit],
    outputs: &[Sym],
    spans: &[(Sym, Span)],
) -> Vec<Diagnostic> {
    let n = symbols.len();
    let hidden = |s: Sym| symbols[s].letter == Letter::Var(VarLetter::H);
    let mut output = vec![false; n];
    for &o in outputs {
        output[o.0 as usize] = true;
    }
    let mut layer_of = vec![u32::MAX; n];
    let mut read_layers = std::collections::BTreeSet::new();
    let mut unread: std::collections::BTreeMap<u32, Vec<Sym>> = Default::default();
    for u in units.iter().filter(|u| hidden(u.name)) {
        layer_of[u.name.0 as usize] = u.layer;
        if output[u.name.0 as usize] {
            unread.entry(u.layer).or_default().push(u.name);
        } else {
            read_layers.insert(u.layer);
        }
    }
    unread.retain(|layer, _| read_layers.contains(layer));
    if unread.is_empty() {
        return Vec::new();
    }
    let span_of: std::collections::HashMap<Sym, Span> = spans.iter().copied().collect();
    let mut warnings = Vec::new();
    for reader in units {
        let mut layers = Vec::new();
        let mut reads = Vec::new();
        reader.rhs.for_each_var(&mut |v| {
            let layer = layer_of[v.0 as usize];
            if layer != u32::MAX && !output[v.0 as usize] && unread.contains_key(&layer) {
                layers.push(layer);
            }
            reads.push(v);
        });
        layers.sort_unstable();
        layers.dedup();
        reads.sort_unstable();
        for layer in layers {
            for &missing in &unread[&layer] {
                if warnings.len() >= MAX_UNREAD_WARNINGS {
                    return warnings;
                }
                if reads.binary_search(&missing).is_ok() {
                    continue;
                }
                let Some(&span) = span_of.get(&reader.name) else {
                    continue;
                };
                warnings.push(unread_warning(symbols, reader.name, missing, span));
            }
        }
    }
    warnings
}

/// The most warnings about unread units one network gives.
pub const MAX_UNREAD_WARNINGS: usize = 20;

fn unread_warning(symbols: &SymbolTable, reader: Sym, missing: Sym, span: Span) -> Diagnostic {
    let name = &symbols[missing];
    Diagnostic::warning(
        "unread",
        format!(
            "the equation of `{}` has no term in `{name}`, which no equation reads, so `{name}` becomes an output",
            symbols[reader]
        ),
        span,
    )
    .with_label(format!("`{name}` is missing here?"))
    .with_help(format!(
        "the other units of `{name}`'s layer are read here; add its term if it was left out"
    ))
}
