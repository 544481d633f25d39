//! The entries of a matrix against each other: in `[h'_1; h_2; h'_3]` every
//! entry but one carries a prime, so the odd one is a `prime` error, fixed
//! to carry the primes of the others.

use super::conventions::Conventions;
use super::terms::{self, Written};
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::syntax::{Equation, Expr, ExprKind};

/// The findings about the matrices written in `eq`.
pub fn check(c: &Conventions, eq: &Equation) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut stack: Vec<&Expr> = eq.sides.iter().collect();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Matrix { rows, .. } => {
                out.extend(odd_prime(c, eq, rows));
                stack.extend(rows.iter().flatten());
            }
            ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
            ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
            ExprKind::Activation { arg, .. } => stack.push(arg),
            ExprKind::Quotient(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            ExprKind::Symbol { .. } | ExprKind::Number(_) => {}
        }
    }
    out
}

fn odd_prime(c: &Conventions, eq: &Equation, rows: &[Vec<Expr>]) -> Option<Finding> {
    let entries: Vec<Written> = rows.iter().flatten().filter_map(terms::single).collect();
    let all = rows.iter().map(Vec::len).sum::<usize>();
    if entries.len() < 3 || entries.len() != all {
        return None;
    }
    let letter = c.symbols[entries[0].sym].letter;
    if entries.iter().any(|w| c.symbols[w.sym].letter != letter) {
        return None;
    }
    let primes = |w: &Written| c.symbols[w.sym].primes;
    let odd: Vec<&Written> = entries
        .iter()
        .filter(|w| primes(w) != primes(&entries[0]))
        .collect();
    // The odd entry is the one alone: the first, or the only other one.
    let (odd, usual) = match odd.as_slice() {
        [] => return None,
        [one] if entries.len() > 2 => (*one, primes(&entries[0])),
        many if many.len() == entries.len() - 1
            && many.iter().all(|w| primes(w) == primes(many[0])) =>
        {
            (&entries[0], primes(many[0]))
        }
        _ => return None,
    };
    let old = c.symbols[odd.sym].clone();
    let mut fixed = old.clone();
    fixed.primes = usual;
    let d = Diagnostic::error(
        "prime",
        format!(
            "`{old}` among entries that all carry {usual} prime{}",
            if usual == 1 { "" } else { "s" }
        ),
        odd.span,
    )
    .with_label(format!("should be `{fixed}`"))
    .with_help("the entries of one vector or matrix belong to one network");
    Some(c.fix(eq, d, *odd, &old, &fixed))
}
