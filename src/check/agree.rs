//! Restatements compared semantically.
//!
//! Lowering compares two statements of a unit with the units that have no
//! activation substituted. The nested single equation `y = φ_0 + φ_1
//! a[θ_10 + θ_11 x] + …` restates `y = φ_0 + φ_1 h_1 + …` only once the
//! hidden units are substituted too (the nested form un-nested), so a
//! disagreement lowering reports is compared again here with every unit of
//! the group substituted by its definition, parameter definitions (`ψ_10 =
//! θ'_10 + θ'_11 φ_0`) substituted, and both sides read as canonical
//! polynomials in the parameters. Only a disagreement that survives is
//! reported.
//!
//! Substitution copies definitions into the sides, so its size is bounded
//! ([`NODES`]): a side that would grow past it is not compared again, and
//! the disagreement stays (lowering could not prove them equal either).

use crate::diagnostic::Diagnostic;
use crate::network::Definition;
use crate::symbol::{Sym, SymbolTable};
use crate::syntax::{Equation, Expr, ExprKind, Span};
use std::collections::HashMap;

use super::terms;

/// The most expression nodes a side may grow to by substitution.
const NODES: usize = 20_000;

/// The most levels of substitution (a deeper chain is a cycle or a network
/// too deep to compare this way).
const DEPTH: usize = 64;

/// The diagnostics, without the `redefined` and `chain` disagreements whose
/// two sides agree once every definition in `equations` is substituted.
pub fn confirmed(
    errors: Vec<Diagnostic>,
    equations: &[&Equation],
    symbols: &SymbolTable,
) -> Vec<Diagnostic> {
    if !errors
        .iter()
        .any(|d| d.code == "redefined" || d.code == "chain")
    {
        return errors;
    }
    let mut units: HashMap<Sym, &Expr> = HashMap::new();
    let mut definitions: Vec<Definition> = Vec::new();
    for eq in equations {
        let Some(lhs) = eq.sides.first().and_then(terms::single) else {
            continue;
        };
        let Some(rhs) = eq.sides.get(1) else {
            continue;
        };
        if symbols[lhs.sym].is_var() {
            units.entry(lhs.sym).or_insert(rhs);
        } else if symbols[lhs.sym].is_param() {
            let value = crate::lower::affine(symbols, rhs)
                .ok()
                .and_then(|a| a.as_poly());
            if let Some(value) = value {
                if !definitions.iter().any(|d| d.name == lhs.sym) {
                    definitions.push(Definition {
                        name: lhs.sym,
                        value,
                    });
                }
            }
        }
    }
    let side = |span: Span| {
        equations
            .iter()
            .flat_map(|eq| eq.sides.iter().skip(1))
            .find(|s| s.span == span)
    };
    let context = crate::restate::Context::new(symbols, &[], &definitions);
    let canonical = |e: &Expr| {
        let mut nodes = 0;
        let expanded = substitute(e, &units, 0, &mut nodes)?;
        let affine = crate::lower::affine(symbols, &expanded).ok()?;
        context.affine(&affine)
    };
    errors
        .into_iter()
        .filter(|d| {
            if d.code != "redefined" && d.code != "chain" {
                return true;
            }
            let (Some(a), Some((b, _))) = (d.span, d.secondary.first()) else {
                return true;
            };
            let (Some(a), Some(b)) = (side(a), side(*b)) else {
                return true;
            };
            match (canonical(a), canonical(b)) {
                (Some(x), Some(y)) => x != y,
                _ => true,
            }
        })
        .collect()
}

/// `e` with every unit of `units` replaced by its definition, or `None`
/// past the size or depth bound.
pub(super) fn substitute(
    e: &Expr,
    units: &HashMap<Sym, &Expr>,
    depth: usize,
    nodes: &mut usize,
) -> Option<Expr> {
    *nodes += 1;
    if *nodes > NODES || depth > DEPTH {
        return None;
    }
    let go = |x: &Expr, nodes: &mut usize| substitute(x, units, depth, nodes);
    let kind = match &e.kind {
        ExprKind::Symbol { sym, .. } => match units.get(sym) {
            Some(def) => ExprKind::Group(Box::new(substitute(def, units, depth + 1, nodes)?)),
            None => return Some(e.clone()),
        },
        ExprKind::Number(_) => return Some(e.clone()),
        ExprKind::Sum(xs) => ExprKind::Sum(
            xs.iter()
                .map(|x| go(x, nodes))
                .collect::<Option<Vec<_>>>()?,
        ),
        ExprKind::Product(xs) => ExprKind::Product(
            xs.iter()
                .map(|x| go(x, nodes))
                .collect::<Option<Vec<_>>>()?,
        ),
        ExprKind::Neg(x) => ExprKind::Neg(Box::new(go(x, nodes)?)),
        ExprKind::Group(x) => ExprKind::Group(Box::new(go(x, nodes)?)),
        ExprKind::Transpose(x) => ExprKind::Transpose(Box::new(go(x, nodes)?)),
        ExprKind::Quotient(a, b) => {
            ExprKind::Quotient(Box::new(go(a, nodes)?), Box::new(go(b, nodes)?))
        }
        ExprKind::Activation { spelling, arg } => ExprKind::Activation {
            spelling: *spelling,
            arg: Box::new(go(arg, nodes)?),
        },
        ExprKind::Matrix { spelling, rows } => ExprKind::Matrix {
            spelling: *spelling,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|x| go(x, nodes)).collect::<Option<Vec<_>>>())
                .collect::<Option<Vec<_>>>()?,
        },
    };
    Some(Expr { kind, span: e.span })
}
