//! The new parameters of a composition: `ψ_i0 = θ'_i0 + θ'_i1 φ_0` and
//! `ψ_ij = θ'_i1 φ_j` (the second network reads the scalar output `y =
//! φ_0 + Σ_j φ_j h_j` of the first). Each `θ'` must belong to row `i`,
//! read `y` (column 1), and multiply the `φ` of the same `j` (`φ_0` for
//! the bias).

use super::conventions::Conventions;
use super::terms::{self, Written};
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, ParamLetter, Symbol};
use crate::syntax::Equation;

/// The findings about one definition `ψ_ij = …`; `scalar_output` is
/// whether the first network has the single output `y`.
pub fn check(c: &Conventions, eq: &Equation, scalar_output: bool) -> Vec<Finding> {
    let Some(lhs) = eq.sides.first().and_then(terms::single) else {
        return Vec::new();
    };
    let psi = &c.symbols[lhs.sym];
    if !scalar_output
        || psi.letter != Letter::Param(ParamLetter::Psi)
        || psi.primes != 0
        || psi.indices.len() != 2
        || eq.sides.len() != 2
    {
        return Vec::new();
    }
    let (i, j) = (psi.indices[0], psi.indices[1]);
    let mut out = Vec::new();
    let side = &eq.sides[1];
    let summands: Vec<&crate::syntax::Expr> = match &side.kind {
        crate::syntax::ExprKind::Sum(xs) => xs.iter().collect(),
        _ => vec![side],
    };
    for t in summands {
        let factors = product_params(c, t, t.span);
        let Some(theta) = factors
            .iter()
            .copied()
            .find(|w| is_theta_prime(&c.symbols[w.sym]))
        else {
            continue;
        };
        let phi = factors
            .iter()
            .copied()
            .find(|w| c.symbols[w.sym].letter == Letter::Param(ParamLetter::Phi));
        let th = &c.symbols[theta.sym];
        if !is_theta_prime(th) {
            continue;
        }
        let product = phi.is_some();
        let want_column = if product { 1 } else { 0 };
        let mut fixed = th.clone();
        fixed.indices[0] = i;
        fixed.indices[1] = want_column;
        if fixed != *th {
            out.push(wrong(c, eq, theta, th, &fixed, lhs, "its indices"));
        }
        if let Some(phi) = phi {
            let ph = &c.symbols[phi.sym];
            if ph.indices.len() == 1 && ph.indices[0] != j {
                let mut fixed = ph.clone();
                fixed.indices[0] = j;
                out.push(wrong(c, eq, phi, ph, &fixed, lhs, "its index"));
            }
        }
    }
    out
}

fn is_theta_prime(s: &Symbol) -> bool {
    s.letter == Letter::Param(ParamLetter::Theta) && s.primes >= 1 && s.indices.len() == 2
}

/// The parameters multiplied in the term of `side` at `span`.
fn product_params(
    c: &Conventions,
    side: &crate::syntax::Expr,
    span: crate::syntax::Span,
) -> Vec<Written> {
    use crate::syntax::ExprKind;
    let mut out = Vec::new();
    let mut stack = vec![side];
    while let Some(e) = stack.pop() {
        if e.span.end <= span.start || span.end <= e.span.start {
            continue;
        }
        match &e.kind {
            ExprKind::Symbol { sym, .. } if c.symbols[*sym].is_param() => out.push(Written {
                sym: *sym,
                span: e.span,
            }),
            ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
            ExprKind::Neg(x) | ExprKind::Group(x) => stack.push(x),
            _ => {}
        }
    }
    out.sort_by_key(|w| w.span.start);
    out
}

fn wrong(
    c: &Conventions,
    eq: &Equation,
    w: Written,
    old: &Symbol,
    fixed: &Symbol,
    lhs: Written,
    what: &str,
) -> Finding {
    let d = Diagnostic::error(
        "index",
        format!(
            "`{old}` in the definition of `{}`: {what} should make it `{fixed}`",
            c.symbols[lhs.sym]
        ),
        w.span,
    )
    .with_label(format!("should be `{fixed}`"))
    .with_help(
        "ψ_i0 = θ'_i0 + θ'_i1 φ_0 and ψ_ij = θ'_i1 φ_j when the first network's output is y",
    );
    c.fix(eq, d, w, old, fixed)
}
