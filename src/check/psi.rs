//! The new parameters of a composition: `ψ_i0 = θ'_i0 + θ'_i1 φ_0` and
//! `ψ_ij = θ'_i1 φ_j` (the second network reads the scalar output `y =
//! φ_0 + Σ_j φ_j h_j` of the first). Each `θ'` must belong to row `i`,
//! read `y` (column 1), and multiply the `φ` of the same `j` (`φ_0` for
//! the bias).

use super::conventions::Conventions;
use super::terms::{self, Written};
use super::Finding;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::{Affine, Atom, Poly};
use crate::symbol::{Letter, ParamLetter, Sym, Symbol, SymbolTable};
use crate::syntax::{Document, Equation, Expr, Span};
use num_traits::{One, Signed};
use std::collections::{BTreeSet, HashMap, HashSet};

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

/// The most ψ definitions the reparameterisation note lists.
const LISTED: usize = 36;

/// The reparameterisation note: a unit of a composed network written with
/// `ψ` weights that no equation defines (the book defines them in prose),
/// after the `θ′`/`φ` form it comes from. The two are not a contradiction:
/// one info-level note, at the first such `ψ` equation, lists the `ψ`
/// definitions that make them equal, computed from the substitution.
///
/// A `ψ` equation is explained when an earlier equation defines the same
/// unit without `ψ`, and, once the units it reads and the `ψ` form does
/// not (the first network's `y`) are replaced by their definitions, has
/// the same terms, each `ψ` standing alone where the earlier form has a
/// polynomial in the parameters.
pub fn reparameterisation(document: &Document, symbols: &SymbolTable) -> Option<Finding> {
    let equations = &document.equations;
    let defined_params: BTreeSet<Sym> = equations
        .iter()
        .filter_map(|eq| eq.sides.first().and_then(terms::single))
        .map(|w| w.sym)
        .filter(|&s| symbols[s].is_param())
        .collect();
    let is_psi = |s: Sym| symbols[s].letter == Letter::Param(ParamLetter::Psi);
    let undefined_psi = |s: Sym| is_psi(s) && !defined_params.contains(&s);
    // One pass: each equation's unit and whether it reads an undefined ψ,
    // and every definition of each unit, in order (so each look-up below
    // is a hash and a binary search, never a scan of the document).
    let mut unit_of: Vec<Option<Sym>> = Vec::with_capacity(equations.len());
    let mut reads_psi: Vec<bool> = Vec::with_capacity(equations.len());
    let mut definitions: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (k, eq) in equations.iter().enumerate() {
        let unit = (eq.sides.len() >= 2)
            .then(|| terms::unit(eq, symbols))
            .flatten()
            .map(|w| w.sym);
        if let Some(u) = unit {
            definitions.entry(u).or_default().push(k);
        }
        unit_of.push(unit);
        reads_psi.push(names(eq).into_iter().any(undefined_psi));
    }
    let before = |u: Sym, k: usize, plain: bool| -> Option<usize> {
        let list = definitions.get(&u)?;
        let n = list.partition_point(|&d| d < k);
        list[..n]
            .iter()
            .rev()
            .copied()
            .find(|&d| !plain || !reads_psi[d])
    };
    let mut found: Vec<(Sym, Poly)> = Vec::new();
    let mut listed: HashSet<Sym> = HashSet::new();
    let mut at: Option<Span> = None;
    for (k, eq) in equations.iter().enumerate() {
        let Some(unit) = unit_of[k] else {
            continue;
        };
        if !reads_psi[k] {
            continue;
        }
        let Some(psi_side) = eq.sides.last() else {
            continue;
        };
        let Ok(psi_form) = crate::lower::affine(symbols, psi_side) else {
            continue;
        };
        let psi_vars: BTreeSet<Sym> = names(eq)
            .into_iter()
            .filter(|&s| symbols[s].is_var())
            .collect();
        // The latest earlier statement of the unit without an undefined ψ.
        let Some(o) = before(unit, k, true) else {
            continue;
        };
        let origin = &equations[o];
        let Some(side) = origin.sides.last() else {
            continue;
        };
        // Units the origin reads and the ψ form does not: their latest
        // definitions before the origin.
        let mut replace: HashMap<Sym, &Expr> = HashMap::new();
        for s in names(origin) {
            if !symbols[s].is_var() || psi_vars.contains(&s) || s == unit {
                continue;
            }
            if let Some(rhs) = before(s, o, false).and_then(|d| equations[d].sides.last()) {
                replace.insert(s, rhs);
            }
        }
        let mut nodes = 0;
        let Some(expanded) = super::agree::substitute(side, &replace, 0, &mut nodes) else {
            continue;
        };
        let Ok(theta_form) = crate::lower::affine(symbols, &expanded) else {
            continue;
        };
        let mut here = HashMap::new();
        let mut order = Vec::new();
        if matched(
            &psi_form,
            &theta_form,
            &is_psi,
            &undefined_psi,
            &mut here,
            &mut order,
        ) && !order.is_empty()
        {
            at.get_or_insert(eq.span);
            for psi in order {
                if listed.insert(psi) {
                    found.push((psi, here[&psi].clone()));
                }
            }
        }
    }
    let at = at?;
    let mut list: Vec<String> = found
        .iter()
        .take(LISTED)
        .map(|(psi, value)| format!("{} = {}", symbols[*psi], poly_text(value, symbols)))
        .collect();
    if found.len() > LISTED {
        list.push(format!("and {} more", found.len() - LISTED));
    }
    let d = Diagnostic {
        severity: Severity::Info,
        ..Diagnostic::error(
            "reparameterisation",
            "the ψ form of the composed network is the θ′φ substitution before it, reparameterised",
            at,
        )
        .with_label("ψ defined nowhere in the math")
        .with_help(format!("equal when {}", list.join(", ")))
    };
    Some(Finding::new(d))
}

/// Whether `psi` has the terms of `theta`, each coefficient of `psi` a
/// lone ψ; the undefined ψ and their values go to `values`, in the order
/// first met to `order`.
fn matched(
    psi: &Affine,
    theta: &Affine,
    is_psi: &dyn Fn(Sym) -> bool,
    undefined_psi: &dyn Fn(Sym) -> bool,
    values: &mut HashMap<Sym, Poly>,
    order: &mut Vec<Sym>,
) -> bool {
    if psi.terms.len() != theta.terms.len() {
        return false;
    }
    // The terms of `theta` by atom, activations by coefficient.
    let mut plain: HashMap<&Atom, &Poly> = HashMap::new();
    let mut activations: HashMap<&Poly, &Affine> = HashMap::new();
    for u in &theta.terms {
        match &u.atom {
            Atom::Act(x) => {
                activations.entry(&u.coef).or_insert(x);
            }
            atom => {
                plain.insert(atom, &u.coef);
            }
        }
    }
    for t in &psi.terms {
        match &t.atom {
            Atom::Act(inner) => {
                let Some(other) = activations.get(&t.coef) else {
                    return false;
                };
                if !matched(inner, other, is_psi, undefined_psi, values, order) {
                    return false;
                }
            }
            atom => {
                let Some(&other) = plain.get(atom) else {
                    return false;
                };
                if t.coef == *other {
                    continue;
                }
                let [m] = t.coef.monomials.as_slice() else {
                    return false;
                };
                let lone = m.coef.is_one() && m.factors.len() == 1 && is_psi(m.factors[0]);
                if !lone {
                    return false;
                }
                let p = m.factors[0];
                // A ψ the math defines is compared with the substitution
                // by `check` above, not listed here.
                if !undefined_psi(p) {
                    continue;
                }
                match values.get(&p) {
                    Some(v) if v != other => return false,
                    Some(_) => {}
                    None => {
                        values.insert(p, other.clone());
                        order.push(p);
                    }
                }
            }
        }
    }
    true
}

/// A polynomial as `θ'_10 + θ'_11 φ_0`.
fn poly_text(p: &Poly, symbols: &SymbolTable) -> String {
    let mut out = String::new();
    for (i, m) in p.monomials.iter().enumerate() {
        let negative = m.coef.is_negative();
        let magnitude = m.coef.abs();
        match (i, negative) {
            (0, true) => out.push('-'),
            (0, false) => {}
            (_, true) => out.push_str(" - "),
            (_, false) => out.push_str(" + "),
        }
        let mut parts: Vec<String> = Vec::new();
        if !magnitude.is_one() || m.factors.is_empty() {
            parts.push(magnitude.to_string());
        }
        parts.extend(m.factors.iter().map(|&f| symbols[f].to_string()));
        out.push_str(&parts.join(" "));
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}

/// The symbols an equation names.
fn names(eq: &Equation) -> Vec<Sym> {
    super::names(eq)
        .into_iter()
        .filter_map(|n| u32::try_from(n).ok().map(Sym))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The note's help text for a plain-text document, if any.
    fn note(text: &str) -> Option<String> {
        let mut symbols = SymbolTable::new();
        let document = crate::syntax::parse_document(text, &mut symbols).unwrap();
        let f = reparameterisation(&document, &symbols)?;
        assert_eq!(f.diagnostic.severity, Severity::Info);
        f.diagnostic.help
    }

    const FIRST: &str =
        "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2\n";

    #[test]
    fn the_psi_form_after_the_substitution_lists_the_psi_definitions() {
        let text =
            format!("{FIRST}h'_1 = a[θ'_10 + θ'_11 y]\nh'_1 = a[ψ_10 + ψ_11 h_1 + ψ_12 h_2]\n");
        assert_eq!(
            note(&text).unwrap(),
            "equal when psi_10 = theta'_10 + theta'_11 phi_0, psi_11 = theta'_11 phi_1, psi_12 = theta'_11 phi_2"
        );
    }

    #[test]
    fn no_note_when_the_two_forms_differ_or_psi_is_defined() {
        // ψ_12 multiplies h_1 a second time: the ψ form is not the substitution.
        let wrong =
            format!("{FIRST}h'_1 = a[θ'_10 + θ'_11 y]\nh'_1 = a[ψ_10 + ψ_11 h_1 + ψ_12 h_1]\n");
        assert_eq!(note(&wrong), None);
        // A product of two ψ is not a renaming.
        let product = format!(
            "{FIRST}h'_1 = a[θ'_10 + θ'_11 y]\nh'_1 = a[ψ_10 + ψ_11 ψ_12 h_1 + ψ_12 h_2]\n"
        );
        assert_eq!(note(&product), None);
        // No θ′φ form before it.
        let alone = format!("{FIRST}h'_1 = a[ψ_10 + ψ_11 h_1 + ψ_12 h_2]\n");
        assert_eq!(note(&alone), None);
        // Every ψ defined in the math: nothing to say.
        let defined = format!(
            "{FIRST}h'_1 = a[θ'_10 + θ'_11 y]\nψ_10 = θ'_10 + θ'_11 φ_0\nψ_11 = θ'_11 φ_1\nψ_12 = θ'_11 φ_2\n\
             h'_1 = a[ψ_10 + ψ_11 h_1 + ψ_12 h_2]\n"
        );
        assert_eq!(note(&defined), None);
    }
}
