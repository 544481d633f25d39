//! One weight per unit in the nested single equation.
//!
//! In `y = φ_0 + φ_1 a[θ_10 + θ_11 x] + φ_2 a[θ_20 + θ_21 x] + φ_1
//! a[θ_30 + θ_31 x]` the weight `φ_1` multiplies two different hidden
//! units: the nested form has no unit names to check indices against, so
//! the terms of each sum are compared with each other. A weight that
//! multiplies two different activations is an `index` error; when the
//! other weights of the sum are numbered by their position, the fix gives
//! the repeated one its position's index.

use super::conventions::Conventions;
use super::terms::Written;
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::syntax::{Equation, Expr, ExprKind};

/// The repeated weights of the nested sums in `eq`'s right sides.
pub fn check(c: &Conventions, eq: &Equation) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut stack: Vec<&Expr> = eq.sides.iter().skip(1).collect();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Sum(terms) => {
                out.extend(in_sum(c, eq, terms));
                stack.extend(terms);
            }
            ExprKind::Product(xs) => stack.extend(xs),
            ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
            ExprKind::Activation { arg, .. } => stack.push(arg),
            ExprKind::Quotient(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            ExprKind::Matrix { .. } | ExprKind::Symbol { .. } | ExprKind::Number(_) => {}
        }
    }
    out
}

/// A term `w a[…]`: its weight and the activation's argument.
fn weighted_activation<'e>(c: &Conventions, term: &'e Expr) -> Option<(Written, &'e Expr)> {
    let term = match &term.kind {
        ExprKind::Neg(x) => x,
        _ => term,
    };
    let ExprKind::Product(factors) = &term.kind else {
        return None;
    };
    let [w, act] = factors.as_slice() else {
        return None;
    };
    let written = super::terms::single(w)?;
    if !c.symbols[written.sym].is_param() {
        return None;
    }
    match &act.kind {
        ExprKind::Activation { arg, .. } => Some((written, arg)),
        _ => None,
    }
}

fn in_sum(c: &Conventions, eq: &Equation, terms: &[Expr]) -> Vec<Finding> {
    let weighted: Vec<(Written, &Expr)> = terms
        .iter()
        .filter_map(|t| weighted_activation(c, t))
        .collect();
    if weighted.len() < 2 {
        return Vec::new();
    }
    let mut out = rows(c, eq, &weighted);
    let affine = |e: &Expr| crate::lower::affine(c.symbols, e).ok();
    // Weights numbered by position: the k-th weighted activation's weight
    // ends in k (φ_1, φ_2, …; φ_11, φ_12, … for the units of output 1).
    let last = |w: &Written| c.symbols[w.sym].indices.last().copied();
    for (k, (w, arg)) in weighted.iter().enumerate() {
        let first = weighted[..k].iter().find(|(v, _)| v.sym == w.sym);
        let Some((_, first_arg)) = first else {
            continue;
        };
        let (a, b) = (affine(first_arg), affine(arg));
        if a.is_some() && a == b {
            out.extend(repeated_term(c, eq, terms, w, first.map(|f| f.0)));
            continue;
        }
        if a.is_none() {
            continue;
        }
        let old = c.symbols[w.sym].clone();
        let name = old.to_string();
        let d = Diagnostic::error(
            "index",
            format!("`{name}` weights two different hidden units in this sum"),
            w.span,
        )
        .with_label("already the weight of an earlier unit")
        .with_help("each hidden unit has its own weight");
        let offset = weighted
            .iter()
            .enumerate()
            .filter(|(j, (v, _))| *j != k && v.sym != w.sym)
            .filter_map(|(j, (v, _))| last(v).map(|l| i64::from(l) - j as i64))
            .next();
        let numbered = offset.is_some_and(|o| {
            weighted
                .iter()
                .enumerate()
                .filter(|(j, (v, _))| *j != k && v.sym != w.sym)
                .all(|(j, (v, _))| last(v).map(|l| i64::from(l) - j as i64) == Some(o))
        });
        // With no other weight to go by, the first use of the repeated
        // weight sets the numbering (φ_1 on the first unit: φ_k on the k-th).
        let first_at = weighted.iter().position(|(v, _)| v.sym == w.sym);
        let (offset, numbered) = match offset {
            Some(_) => (offset, numbered),
            None => (
                first_at.and_then(|j| last(w).map(|l| i64::from(l) - j as i64)),
                true,
            ),
        };
        let fixed = offset
            .filter(|_| numbered)
            .and_then(|o| u32::try_from(o + k as i64).ok())
            .filter(|_| !old.indices.is_empty())
            .map(|index| {
                let mut fixed = old.clone();
                if let Some(l) = fixed.indices.last_mut() {
                    *l = index;
                }
                fixed
            });
        out.push(match fixed {
            Some(fixed) if fixed != old => c.fix(eq, d, *w, &old, &fixed),
            _ => Finding::new(d),
        });
    }
    out
}

/// The same weighted activation written twice in one sum
/// (`φ_3 a[θ_30 + θ_31 x]` twice): one hidden unit counted twice. The fix
/// drops the second term.
fn repeated_term(
    c: &Conventions,
    eq: &Equation,
    terms: &[Expr],
    w: &Written,
    first: Option<Written>,
) -> Option<Finding> {
    let inside = |t: &Expr, w: &Written| t.span.start <= w.span.start && w.span.end <= t.span.end;
    let k = terms.iter().position(|t| inside(t, w))?;
    let first = terms
        .iter()
        .find(|t| first.is_some_and(|f| inside(t, &f)))?;
    let term = &terms[k];
    let d = Diagnostic::error(
        "duplicate-term",
        format!(
            "the term of `{}` appears twice in this sum",
            c.symbols[w.sym]
        ),
        term.span,
    )
    .with_label("second term")
    .with_secondary(first.span, "first term")
    .with_help("each hidden unit has one term in the sum; remove the repeated one");
    let cut = k
        .checked_sub(1)
        .map_or(term.span.start, |p| terms[p].span.end) as usize;
    let (start, end) = (eq.span.start as usize, eq.span.end as usize);
    let fixed = c
        .text
        .get(start..cut)
        .zip(c.text.get(term.span.end as usize..end))
        .map(|(a, b)| {
            format!("{a}{b}")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|f| f.len() <= super::report::LONG_FIX);
    Some(match fixed {
        Some(f) => Finding::new(d).with_fix(f),
        None => Finding::new(d),
    })
}

/// Inside `w a[…]`, the parameters of the activation belong to the unit
/// `w` weights: `φ_14 a[θ_40 + θ_41 x]`. A parameter whose row (first
/// index) is not that unit's, while another parameter of the same
/// activation has it, is an `index` error (`φ_14 a[θ_30 + θ_41 x]`).
fn rows(c: &Conventions, eq: &Equation, weighted: &[(Written, &Expr)]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (w, arg) in weighted {
        let Some(&row) = c.symbols[w.sym].indices.last() else {
            continue;
        };
        let ExprKind::Sum(terms) = &arg.kind else {
            continue;
        };
        let params: Vec<Written> = terms
            .iter()
            .filter_map(|t| {
                let t = match &t.kind {
                    ExprKind::Neg(x) => x,
                    _ => t,
                };
                match &t.kind {
                    ExprKind::Product(fs) => fs.first().and_then(super::terms::single),
                    _ => super::terms::single(t),
                }
            })
            .filter(|p| {
                let s = &c.symbols[p.sym];
                s.is_param() && s.indices.len() == 2
            })
            .collect();
        let first = |p: &Written| c.symbols[p.sym].indices[0];
        if !params.iter().any(|p| first(p) == row) {
            continue;
        }
        for p in params.iter().filter(|p| first(p) != row) {
            let old = c.symbols[p.sym].clone();
            let mut fixed = old.clone();
            fixed.indices[0] = row;
            let d = Diagnostic::error(
                "index",
                format!(
                    "`{old}` in the activation weighted by `{}`: its row index should be {row}, as the other parameters of this unit have",
                    c.symbols[w.sym]
                ),
                p.span,
            )
            .with_label(format!("row {} in a unit of row {row}", old.indices[0]))
            .with_help("the parameters inside one activation belong to one hidden unit");
            out.push(c.fix(eq, d, *p, &old, &fixed));
        }
    }
    out
}
