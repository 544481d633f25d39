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
use crate::expr::{Affine, Atom, Poly};
use crate::network::{Definition, Network, Unit};
use crate::symbol::{Letter, Sym, SymbolTable, VarLetter};
use crate::syntax::{Document, Equation, Expr, ExprKind, Span};
use num_rational::BigRational;
use num_traits::One;

/// Lowers a parsed document whose symbols were interned into `symbols`.
///
/// Errors are collected: every equation is lowered before errors are
/// returned, so one run reports every bad equation.
///
/// Vector and matrix equations are first rewritten as scalar equations, one
/// per row (see [`crate::matrix_lower`]).
pub fn lower(document: &Document, mut symbols: SymbolTable) -> Result<Network, Vec<Diagnostic>> {
    let expanded = crate::matrix_lower::expand(document, &mut symbols)?;
    let document = expanded.as_ref().unwrap_or(document);
    let mut builder = Builder::new(symbols);
    for equation in &document.equations {
        builder.equation(equation);
    }
    builder.finish()
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
            ExprKind::Number(n) => (bias(Poly::constant(n.clone())), true),
            ExprKind::Symbol { sym, .. } if self.symbols[*sym].is_param() => {
                (bias(Poly::param(*sym)), true)
            }
            ExprKind::Symbol { sym, .. } => (single(Poly::one(), Atom::Var(*sym)), false),
            ExprKind::Sum(terms) => {
                let mut sum = Affine::zero();
                let mut constant = true;
                for t in terms {
                    let (a, c) = self.affine(t)?;
                    constant &= c;
                    sum.add(a);
                }
                (sum, constant)
            }
            ExprKind::Neg(inner) => {
                let (a, c) = self.affine(inner)?;
                (a.mul_poly(&Poly::constant(-BigRational::one())), c)
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
        let mut coef = Poly::one();
        let mut varying: Option<(Affine, Span)> = None;
        for f in factors {
            let (a, constant) = self.affine(f)?;
            if constant {
                coef = coef.mul(&a.as_poly().unwrap_or_default());
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
        Ok(match varying {
            Some((a, _)) => (a.mul_poly(&coef), false),
            None => (bias(coef), true),
        })
    }

    /// A quotient must divide by a non-zero number: `x/2`, `\frac{\theta_1}{3}`.
    fn quotient(&self, num: &Expr, den: &Expr) -> Result<(Affine, bool), Diagnostic> {
        let (n, constant) = self.affine(num)?;
        let (d, _) = self.affine(den)?;
        let divisor = d.as_poly().and_then(|p| p.as_constant());
        match divisor {
            Some(c) if c != BigRational::from_integer(0.into()) => {
                Ok((n.mul_poly(&Poly::constant(c.recip())), constant))
            }
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

/// Where a name was defined, for errors that point at both definitions.
#[derive(Clone, Copy)]
struct Site {
    index: usize,
    span: Span,
}

/// Collects units and definitions, then validates them as a whole.
struct Builder {
    symbols: SymbolTable,
    units: Vec<Unit>,
    unit_sites: Vec<Option<Site>>,
    definitions: Vec<Definition>,
    definition_sites: Vec<Option<Site>>,
    /// The first place each symbol was read, for errors about it.
    first_use: Vec<Option<Span>>,
    errors: Vec<Diagnostic>,
}

impl Builder {
    fn new(symbols: SymbolTable) -> Builder {
        let n = symbols.len();
        Builder {
            symbols,
            units: Vec::new(),
            unit_sites: vec![None; n],
            definitions: Vec::new(),
            definition_sites: vec![None; n],
            first_use: vec![None; n],
            errors: Vec::new(),
        }
    }

    /// Lowers one equation. The first right side is the definition; the other
    /// sides of a chained equality are lowered for their errors only.
    fn equation(&mut self, equation: &Equation) {
        let lowerer = Lowerer {
            symbols: &self.symbols,
        };
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
        self.note_uses(&equation.sides[1..]);
        let lhs = &equation.sides[0];
        let (rhs, rhs_span) = sides.swap_remove(0);
        match left_symbol(lhs) {
            Some(name) if self.symbols[name].is_param() => {
                self.define_param(name, lhs.span, rhs, rhs_span)
            }
            Some(name) => self.define_unit(name, lhs.span, rhs),
            None => self.errors.push(
                Diagnostic::error(
                    "left-side",
                    "the left side must name one unit or parameter",
                    lhs.span,
                )
                .with_label("not a single name")
                .with_help(
                    "write one equation per unit, e.g. `h_1 = a[\\theta_{10} + \\theta_{11}x]`",
                ),
            ),
        }
    }

    /// Records the first span at which each symbol is read.
    fn note_uses(&mut self, sides: &[Expr]) {
        let mut stack: Vec<&Expr> = sides.iter().collect();
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Number(_) => {}
                ExprKind::Symbol { sym, .. } => {
                    let slot = &mut self.first_use[sym.0 as usize];
                    if slot.is_none_or(|s| s.start > e.span.start) {
                        *slot = Some(e.span);
                    }
                }
                ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
                ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
                ExprKind::Matrix { rows, .. } => stack.extend(rows.iter().flatten()),
                ExprKind::Activation { arg, .. } => stack.push(arg),
                ExprKind::Quotient(a, b) => {
                    stack.push(a);
                    stack.push(b);
                }
            }
        }
    }

    fn define_unit(&mut self, name: Sym, span: Span, rhs: Affine) {
        if let Some(first) = self.unit_sites[name.0 as usize] {
            if self.units[first.index].rhs != rhs {
                let n = self.name(name);
                self.errors.push(
                    Diagnostic::error(
                        "redefined",
                        format!("`{n}` is defined twice with different right sides"),
                        span,
                    )
                    .with_label("second definition")
                    .with_secondary(first.span, "first definition")
                    .with_help("remove one of them, or rename one unit"),
                );
            }
            return;
        }
        self.unit_sites[name.0 as usize] = Some(Site {
            index: self.units.len(),
            span,
        });
        self.units.push(Unit {
            name,
            layer: 0,
            rhs,
        });
    }

    fn define_param(&mut self, name: Sym, span: Span, rhs: Affine, rhs_span: Span) {
        let Some(value) = rhs.as_poly() else {
            let n = self.name(name);
            self.errors.push(
                Diagnostic::error(
                    "definition",
                    format!("the parameter `{n}` is defined by an expression that reads variables"),
                    rhs_span,
                )
                .with_label("a parameter's definition may only use numbers and other parameters")
                .with_help("a unit's equation has a variable on its left side, e.g. `h_1 = …`"),
            );
            return;
        };
        if let Some(first) = self.definition_sites[name.0 as usize] {
            if self.definitions[first.index].value != value {
                let n = self.name(name);
                self.errors.push(
                    Diagnostic::error(
                        "redefined",
                        format!("the parameter `{n}` is defined twice with different values"),
                        span,
                    )
                    .with_label("second definition")
                    .with_secondary(first.span, "first definition"),
                );
            }
            return;
        }
        self.definition_sites[name.0 as usize] = Some(Site {
            index: self.definitions.len(),
            span,
        });
        self.definitions.push(Definition { name, value });
    }

    fn name(&self, sym: Sym) -> String {
        crate::symbol::ascii_name(&self.symbols[sym])
    }

    fn finish(mut self) -> Result<Network, Vec<Diagnostic>> {
        if self.units.is_empty() && self.errors.is_empty() {
            self.errors.push(Diagnostic::global(
                "no-units",
                "the input defines no unit: write at least one equation such as `y = \\phi_0 + \\phi_1 x`",
            ));
        }
        self.find_undefined_units();
        self.check_definition_cycles();
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        if let Err(cycle) = crate::network::layers(&self.units, &self.symbols) {
            return Err(vec![self.cycle_error(&cycle)]);
        }
        Network::assemble(self.symbols, self.units, self.definitions).map_err(|_| Vec::new())
    }

    fn cycle_error(&self, cycle: &[usize]) -> Diagnostic {
        let names: Vec<String> = cycle
            .iter()
            .map(|&i| self.name(self.units[i].name))
            .collect();
        let span = self.unit_sites[self.units[cycle[0]].name.0 as usize]
            .map(|s| s.span)
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
    fn find_undefined_units(&mut self) {
        let n = self.symbols.len();
        let undefined: Vec<Sym> = crate::network::inputs(&self.units, n)
            .into_iter()
            .filter(|&v| self.symbols[v].letter == Letter::Var(VarLetter::H))
            .collect();
        for v in undefined {
            let n = self.name(v);
            let span = self.first_use[v.0 as usize].unwrap_or_default();
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
    fn check_definition_cycles(&mut self) {
        let n = self.definitions.len();
        let deps: Vec<Vec<usize>> = self
            .definitions
            .iter()
            .map(|d| {
                d.value
                    .params()
                    .filter_map(|p| self.definition_sites[p.0 as usize].map(|s| s.index))
                    .collect()
            })
            .collect();
        if let Err(cycle) = crate::network::topological_order(n, &deps) {
            let names: Vec<String> = cycle
                .iter()
                .map(|&i| self.name(self.definitions[i].name))
                .collect();
            let first = self.definitions[cycle[0]].name;
            let span = self.definition_sites[first.0 as usize]
                .map(|s| s.span)
                .unwrap_or_default();
            self.errors.push(
                Diagnostic::error("cycle", format!("cyclic definition: {} → {}", names.join(" → "), names[0]), span)
                    .with_label("this definition depends on itself")
                    .with_help("a parameter's definition may only use parameters defined before it or given values"),
            );
        }
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
