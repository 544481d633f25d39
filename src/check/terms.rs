//! The terms of an equation's right side, as the conventions see them.
//!
//! A right side is read through one activation (`a[…]`) and groups, then
//! split at top-level `+` and `-`: `θ_10` is a bias, `θ_11x` a weight times a
//! variable, `h_1` a bare variable. Anything else (a product of parameters
//! such as `θ'_11φ_1h_1`, a nested activation, a number) is `Other`, and
//! only counts for which variables the side reads.

use crate::symbol::{Sym, SymbolTable};
use crate::syntax::{Equation, Expr, ExprKind, Span};

/// A symbol where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The symbol.
    pub sym: Sym,
    /// Its text in the source.
    pub span: Span,
}

/// One term of a right side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A parameter alone: `θ_10`.
    Bias(Written),
    /// A parameter times a variable: `θ_11x`, `φ'_2h'_2`.
    Weight(Written, Written),
    /// A variable alone: `h_1`.
    Var(Written),
    /// Anything else, with the variables it reads.
    Other(Vec<Written>),
}

/// A term and its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned {
    /// The term.
    pub term: Term,
    /// Where it is written (without its sign).
    pub span: Span,
}

impl Spanned {
    /// The variables the term reads.
    pub fn vars(&self) -> Vec<Written> {
        match &self.term {
            Term::Bias(_) => Vec::new(),
            Term::Weight(_, v) | Term::Var(v) => vec![*v],
            Term::Other(vs) => vs.clone(),
        }
    }
}

/// The left side of a unit's equation, if it is one variable.
pub fn unit(equation: &Equation, symbols: &SymbolTable) -> Option<Written> {
    let written = single(&equation.sides[0])?;
    symbols[written.sym].is_var().then_some(written)
}

/// The name on a left side (through groups).
pub fn single(expr: &Expr) -> Option<Written> {
    match &expr.kind {
        ExprKind::Symbol { sym, .. } => Some(Written {
            sym: *sym,
            span: expr.span,
        }),
        ExprKind::Group(inner) => single(inner),
        _ => None,
    }
}

/// The terms of one right side.
pub fn terms(side: &Expr, symbols: &SymbolTable) -> Vec<Spanned> {
    let mut inner = side;
    loop {
        match &inner.kind {
            ExprKind::Activation { arg, .. } => inner = arg,
            ExprKind::Group(g) => inner = g,
            _ => break,
        }
    }
    let mut flat = Vec::new();
    flatten(inner, &mut flat);
    flat.into_iter().map(|e| classify(e, symbols)).collect()
}

fn flatten<'a>(expr: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &expr.kind {
        ExprKind::Sum(terms) => terms.iter().for_each(|t| flatten(t, out)),
        ExprKind::Neg(inner) => flatten(inner, out),
        _ => out.push(expr),
    }
}

fn classify(expr: &Expr, symbols: &SymbolTable) -> Spanned {
    let mut params = Vec::new();
    let mut vars = Vec::new();
    let mut other = false;
    factors(expr, symbols, &mut params, &mut vars, &mut other);
    let term = match (params.as_slice(), vars.as_slice(), other) {
        ([p], [], false) => Term::Bias(*p),
        ([p], [v], false) => Term::Weight(*p, *v),
        ([], [v], false) => Term::Var(*v),
        _ => Term::Other(vars),
    };
    Spanned {
        term,
        span: expr.span,
    }
}

/// Collects the factors of a product: parameters, variables, and whether
/// anything else (an activation, a sum, a quotient) appears.
fn factors(
    expr: &Expr,
    symbols: &SymbolTable,
    params: &mut Vec<Written>,
    vars: &mut Vec<Written>,
    other: &mut bool,
) {
    match &expr.kind {
        ExprKind::Symbol { sym, .. } => {
            let w = Written {
                sym: *sym,
                span: expr.span,
            };
            if symbols[*sym].is_param() {
                params.push(w);
            } else {
                vars.push(w);
            }
        }
        ExprKind::Product(fs) => fs
            .iter()
            .for_each(|f| factors(f, symbols, params, vars, other)),
        ExprKind::Group(inner) => factors(inner, symbols, params, vars, other),
        ExprKind::Number(_) => *other = true,
        _ => {
            *other = true;
            collect_vars(expr, symbols, vars);
        }
    }
}

/// Every variable read anywhere inside `expr`.
fn collect_vars(expr: &Expr, symbols: &SymbolTable, vars: &mut Vec<Written>) {
    match &expr.kind {
        ExprKind::Symbol { sym, .. } if symbols[*sym].is_var() => vars.push(Written {
            sym: *sym,
            span: expr.span,
        }),
        ExprKind::Symbol { .. } | ExprKind::Number(_) => {}
        ExprKind::Sum(xs) | ExprKind::Product(xs) => {
            xs.iter().for_each(|x| collect_vars(x, symbols, vars))
        }
        ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => {
            collect_vars(x, symbols, vars)
        }
        ExprKind::Matrix { rows, .. } => rows
            .iter()
            .flatten()
            .for_each(|x| collect_vars(x, symbols, vars)),
        ExprKind::Activation { arg, .. } => collect_vars(arg, symbols, vars),
        ExprKind::Quotient(a, b) => {
            collect_vars(a, symbols, vars);
            collect_vars(b, symbols, vars);
        }
    }
}
