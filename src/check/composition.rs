//! The composition rule: the second network reads the first one's output.
//!
//! When a document composes two networks, the units of the second (primed:
//! `h'_1 = a[θ'_10 + θ'_11 y]`) read the output `y` of the first. A primed
//! hidden unit that reads the input `x` while the document defines `y` is
//! an error, fixed by reading `y` (the book's convention: one prime more
//! for each network along the chain, so `h''_k` reads `y'`).

use super::conventions::Conventions;
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, Sym, VarLetter};
use crate::syntax::{Equation, Expr, ExprKind};

/// The findings of the composition rule in `eq`; `outputs` are the
/// outputs the document defines (`y`, `y'`, …), by their number of primes.
pub fn check(c: &Conventions, eq: &Equation, outputs: &[(u8, Sym)]) -> Vec<Finding> {
    let Some(unit) = super::terms::unit(eq, c.symbols) else {
        return Vec::new();
    };
    let lhs = &c.symbols[unit.sym];
    if lhs.letter != Letter::Var(VarLetter::H) || lhs.primes == 0 {
        return Vec::new();
    }
    let Some(&(_, output)) = outputs.iter().find(|(p, _)| *p + 1 == lhs.primes) else {
        return Vec::new();
    };
    let output_name = c.symbols[output].to_string();
    let mut out = Vec::new();
    let mut stack: Vec<&Expr> = eq.sides.iter().skip(1).collect();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Symbol { sym, .. } => {
                let s = &c.symbols[*sym];
                if s.letter != Letter::Var(VarLetter::X) || !s.indices.is_empty() {
                    continue;
                }
                let d = Diagnostic::error(
                    "composition",
                    format!(
                        "`{}` is a unit of the composed network, which reads `{output_name}`, not the input `{s}`",
                        lhs
                    ),
                    e.span,
                )
                .with_label(format!("should be `{output_name}`"))
                .with_help("the second network of a composition reads the first network's output");
                let (start, end) = (eq.span.start as usize, eq.span.end as usize);
                let (ws, we) = (e.span.start as usize, e.span.end as usize);
                let fix = match (c.text.get(start..ws), c.text.get(we..end)) {
                    (Some(before), Some(after)) if end - start <= super::report::LONG_FIX => {
                        let y = if c.text.get(ws..we) == Some("x") {
                            "y".to_string()
                        } else {
                            output_name.clone()
                        };
                        let y = if s.primes == 0 && c.symbols[output].primes > 0 {
                            output_name.clone()
                        } else {
                            y
                        };
                        Some(format!("{before}{y}{after}").trim().to_string())
                    }
                    _ => None,
                };
                let f = Finding::new(d);
                out.push(match fix {
                    Some(fix) => f.with_fix(fix),
                    None => f,
                });
            }
            ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
            ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
            ExprKind::Activation { arg, .. } => stack.push(arg),
            ExprKind::Quotient(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            ExprKind::Matrix { rows, .. } => stack.extend(rows.iter().flatten()),
            ExprKind::Number(_) => {}
        }
    }
    out
}
