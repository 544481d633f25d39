//! A unit defined from itself: `h_2 = a[β_1 + Ω_1 h_2]` or `h' = a[ψ_0 +
//! Ψ h']` in bold. Checked on every form (lowering
//! finds cycles among scalar units; a vector form is checked here too),
//! with the fix reading the layer before: `h_1` for `h_2`, `h` for `h'`.

use super::conventions::Conventions;
use super::terms::{self, Written};
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::syntax::{Equation, Expr, ExprKind};

/// The finding when `eq`'s right side reads its own left side.
pub fn check(c: &Conventions, eq: &Equation) -> Option<Finding> {
    let lhs = eq.sides.first().and_then(terms::single)?;
    if !c.symbols[lhs.sym].is_var() {
        return None;
    }
    let bold = bold_name(&eq.sides[0]);
    let read = eq.sides.iter().skip(1).find_map(|s| find(s, lhs, bold))?;
    let old = c.symbols[lhs.sym].clone();
    let mut fixed = old.clone();
    if old.primes > 0 && old.indices.is_empty() {
        fixed.primes -= 1;
    } else if let Some(last) = fixed.indices.last_mut().filter(|l| **l > 1) {
        *last -= 1;
    } else if old.primes > 0 {
        fixed.primes -= 1;
    }
    let d = Diagnostic::error(
        "cycle",
        format!("`{old}` is defined from itself"),
        read.span,
    )
    .with_label("the unit being defined")
    .with_secondary(lhs.span, "defined here")
    .with_help("a layer reads the layer before it");
    Some(if fixed != old {
        c.fix(eq, d, read, &old, &fixed)
    } else {
        Finding::new(d)
    })
}

/// Whether the left side is written in bold.
fn bold_name(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Symbol { bold, .. } => *bold,
        ExprKind::Group(x) => bold_name(x),
        _ => false,
    }
}

/// The first use of the left side's name, written as it is (bold or not),
/// outside matrices (a bold name's entries are its scalar names:
/// `\mathbf{y} = [y]`).
fn find(e: &Expr, lhs: Written, bold: bool) -> Option<Written> {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Symbol { sym, bold: b, .. } if *sym == lhs.sym && *b == bold => {
                return Some(Written {
                    sym: *sym,
                    span: e.span,
                })
            }
            ExprKind::Symbol { .. } | ExprKind::Number(_) => {}
            ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
            ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
            ExprKind::Activation { arg, .. } => stack.push(arg),
            ExprKind::Quotient(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            ExprKind::Matrix { .. } => {}
        }
    }
    None
}
