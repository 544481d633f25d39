//! Index conventions of the general form: `h_k = a[β_{k-1} + Ω_{k-1}
//! h_{k-1}]`, `y = β_K + Ω_K h_K`.
//!
//! In one layer's equation the bias, the weight matrix and the vector it
//! multiplies carry the same index (`x` counts as `h_0`), one less than the
//! left side's `h_k`. A bias or weight matrix whose index disagrees with
//! the others (`h_2 = a[β_1 + Ω_2 h_1]`: Ω_2 belongs to the next layer) is
//! an `index` error with the fix.

use super::conventions::Conventions;
use super::terms::{single, Written};
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, ParamLetter, VarLetter};
use crate::syntax::{Equation, Expr, ExprKind};

/// The index mistakes of one general-form equation.
pub fn check(c: &Conventions, eq: &Equation) -> Vec<Finding> {
    let Some(layer) = layer(c, eq) else {
        return Vec::new();
    };
    // Each witness says which layer the equation belongs to: the left
    // side's index less one, and the index of the vector read.
    let mut votes: Vec<u32> = layer.params.iter().map(|(_, k)| *k).collect();
    votes.extend(layer.read);
    votes.extend(layer.left.and_then(|k| k.checked_sub(1)));
    let count = |k: u32| votes.iter().filter(|&&v| v == k).count();
    let Some(&expected) = votes
        .iter()
        .max_by_key(|&&k| (count(k), std::cmp::Reverse(k)))
    else {
        return Vec::new();
    };
    if count(expected) * 2 <= votes.len()
        || votes
            .iter()
            .any(|&v| v != expected && count(v) == count(expected))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (w, k) in &layer.params {
        if *k == expected {
            continue;
        }
        let old = c.symbols[w.sym].clone();
        let mut fixed = old.clone();
        fixed.indices = vec![expected].into();
        let d = Diagnostic::error(
            "index",
            format!("`{old}` in the layer of index {expected}: the bias and the weight matrix of a layer carry the index of the vector it reads"),
            w.span,
        )
        .with_label(format!("expected `{fixed}`"))
        .with_help("by the book's convention h_k = a[β_{k-1} + Ω_{k-1} h_{k-1}], with x as h_0, and y = β_K + Ω_K h_K");
        out.push(c.fix(eq, d, *w, &old, &fixed));
    }
    out
}

/// What one general-form equation says about its layer.
struct Layer {
    /// The bias and the weight matrix, each with its index.
    params: Vec<(Written, u32)>,
    /// The index of the vector read (`x` is 0).
    read: Option<u32>,
    /// The index of the left side, when it is a hidden layer `h_k`.
    left: Option<u32>,
}

/// The layer an equation `v = a[β + Ω u]` or `y = β + Ω u` states, when it
/// has that shape with one index on each name.
fn layer(c: &Conventions, eq: &Equation) -> Option<Layer> {
    let [lhs, rhs] = eq.sides.as_slice() else {
        return None;
    };
    let left = single(lhs)?;
    let left_symbol = &c.symbols[left.sym];
    let left = match (left_symbol.letter, left_symbol.indices.as_ref()) {
        (Letter::Var(VarLetter::H), [k]) => Some(*k),
        (Letter::Var(VarLetter::Y), []) => None,
        _ => return None,
    };
    let mut side = rhs;
    while let ExprKind::Activation { arg, .. } | ExprKind::Group(arg) = &side.kind {
        side = arg;
    }
    let ExprKind::Sum(terms) = &side.kind else {
        return None;
    };
    let [bias, product] = terms.as_slice() else {
        return None;
    };
    let ExprKind::Product(factors) = &product.kind else {
        return None;
    };
    let [matrix, vector] = factors.as_slice() else {
        return None;
    };
    let (bias, matrix) = (
        indexed(c, bias, ParamLetter::Beta)?,
        indexed(c, matrix, ParamLetter::CapitalOmega)?,
    );
    let vector = single(strip(vector))?;
    let v = &c.symbols[vector.sym];
    let read = match (v.letter, v.indices.as_ref()) {
        (Letter::Var(VarLetter::X), []) => Some(0),
        (Letter::Var(VarLetter::H), [k]) => Some(*k),
        _ => return None,
    };
    Some(Layer {
        params: vec![bias, matrix],
        read,
        left,
    })
}

/// A parameter of the given letter with one index, and the index.
fn indexed(c: &Conventions, e: &Expr, letter: ParamLetter) -> Option<(Written, u32)> {
    let w = single(strip(e))?;
    let s = &c.symbols[w.sym];
    match (s.letter, s.indices.as_ref()) {
        (Letter::Param(l), [k]) if l == letter => Some((w, *k)),
        _ => None,
    }
}

/// Through groups.
fn strip(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Group(x) => strip(x),
        _ => e,
    }
}
