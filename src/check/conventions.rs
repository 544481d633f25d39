//! The book's index and prime conventions, checked equation by equation.
//!
//! Only `check` reads meaning into letters. In a unit's equation:
//!
//! - θ_ij feeds h_i from input j (x_j; `x` alone is j = 1; a primed network's
//!   θ′ reads `y`), j = 0 is the bias;
//! - ψ_ij feeds h′_i from h_j;
//! - φ_j feeds `y` from h_j, φ_kj feeds y_k; j = 0 is the bias;
//! - β_{k,i} and ω_{k,i,j} feed h_{k+1,i} (from h_{k,j}, or x_j when k = 0);
//!   into the output, β_K/ω_{K,j} (one output) or β_{K,i}/ω_{K,i,j};
//! - a network's parameters carry its primes: θ′ and φ′ in h′ and y′, and ψ
//!   (between h and h′) one prime fewer than its unit.
//!
//! The row (the unit fed), the layer and the primes are decided by a
//! majority of the left side and the parameters, so a single wrong symbol
//! is the one reported; a weight's last index and the variable it multiplies
//! are compared pairwise, and the culprit is the variable when the one the
//! weight expects is not read anywhere else in the side.

use super::respell::respell;
use super::slots::{lhs_slots, network_primes, param_slots, set, var_slots};
use super::terms::{self, Spanned, Term, Written};
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, ParamLetter, Symbol, SymbolTable, VarLetter};
use crate::syntax::{Equation, Span};
use std::borrow::Cow;

/// Checks the equations of one document.
pub struct Conventions<'a> {
    /// The symbols of the document.
    pub symbols: &'a SymbolTable,
    /// The parsed text (spans point into it).
    pub text: &'a str,
}

/// What most of an equation's side says: the unit fed, the layer of the
/// weights, the primes of the network.
#[derive(Clone, Copy, Debug, Default)]
struct Majority {
    row: Option<u32>,
    layer: Option<u32>,
    primes: Option<u32>,
}

/// The value with a strict majority among at least two, if any.
///
/// The values are counted once sorted, so a sum of thousands of terms costs
/// `n log n`, not `n²`.
fn strict_majority(values: &[u32]) -> Option<u32> {
    if values.len() < 2 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    // The most frequent value (the largest among equals), and whether
    // another value is as frequent.
    let (mut best, mut best_count, mut tied) = (0, 0, false);
    for run in sorted.chunk_by(|a, b| a == b) {
        if run.len() >= best_count {
            tied = run.len() == best_count;
            (best, best_count) = (run[0], run.len());
        }
    }
    (!tied).then_some(best)
}

impl Conventions<'_> {
    /// The findings about one equation.
    pub fn equation(&self, equation: &Equation) -> Vec<Finding> {
        let Some(lhs) = terms::unit(equation, self.symbols) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for side in &equation.sides[1..] {
            let terms = terms::terms(side, self.symbols);
            let m = self.majority(lhs, &terms);
            out.extend(self.left_side(equation, lhs, &m));
            for t in &terms {
                match t.term {
                    Term::Bias(p) => out.extend(self.param(equation, lhs, p, None, &m)),
                    Term::Weight(p, v) => {
                        let blame_var = self.var_is_wrong(&terms, t.span, p, v, &m);
                        match blame_var {
                            Some(expected) => {
                                out.push(self.wrong_var(equation, t.span, p, v, &expected))
                            }
                            None => out.extend(self.param(equation, lhs, p, Some(v), &m)),
                        }
                        out.extend(self.var_primes(equation, p, v));
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn sym(&self, w: Written) -> &Symbol {
        &self.symbols[w.sym]
    }

    fn majority(&self, lhs: Written, terms: &[Spanned]) -> Majority {
        let params: Vec<&Symbol> = terms
            .iter()
            .filter_map(|t| match t.term {
                Term::Bias(p) | Term::Weight(p, _) => Some(self.sym(p)),
                _ => None,
            })
            .collect();
        let unit = self.sym(lhs);
        let (ls, ps): (_, Vec<_>) = (
            lhs_slots(unit),
            params.iter().map(|p| param_slots(p)).collect(),
        );
        let rows: Vec<u32> = ls
            .row
            .iter()
            .chain(ps.iter().filter_map(|s| s.row.as_ref()))
            .map(|s| s.value)
            .collect();
        let vars = terms.iter().filter_map(|t| match t.term {
            Term::Weight(_, v) => var_slots(self.sym(v)).layer,
            _ => None,
        });
        let layers: Vec<u32> = ls
            .layer
            .into_iter()
            .chain(ps.iter().filter_map(|s| s.layer))
            .chain(vars)
            .map(|s| s.value)
            .collect();
        let mut primes: Vec<u32> = params.iter().map(|p| network_primes(p)).collect();
        primes.push(unit.primes as u32);
        Majority {
            row: strict_majority(&rows),
            layer: strict_majority(&layers),
            primes: strict_majority(&primes),
        }
    }

    /// The left side against the majority of its parameters.
    fn left_side(&self, eq: &Equation, lhs: Written, m: &Majority) -> Option<Finding> {
        let s = self.sym(lhs);
        let slots = lhs_slots(s);
        let mut fixed = s.clone();
        let mut reasons = Vec::new();
        for (slot, want, what) in [(slots.row, m.row, "row"), (slots.layer, m.layer, "layer")] {
            if let (Some(slot), Some(want)) = (slot, want) {
                if slot.value != want {
                    fixed = set(&fixed, slot, want)?;
                    reasons.push(format!("its weights are for {what} {}", want + slot.offset));
                }
            }
        }
        let primes_only = reasons.is_empty();
        if let Some(want) = m.primes.filter(|&p| p != s.primes as u32) {
            fixed.primes = u8::try_from(want).ok()?;
            reasons.push("its weights carry other primes".into());
        }
        if reasons.is_empty() {
            return None;
        }
        let code = if primes_only { "prime" } else { "left-side" };
        let message = format!(
            "the left side `{s}` does not match its equation: {}",
            reasons.join(", ")
        );
        let d = Diagnostic::error(code, message, lhs.span)
            .with_label(format!("expected `{fixed}`"))
            .with_help(convention(s));
        Some(self.fix(eq, d, lhs, s, &fixed))
    }

    /// A parameter against the majority and, for a weight, its variable.
    fn param(
        &self,
        eq: &Equation,
        lhs: Written,
        p: Written,
        var: Option<Written>,
        m: &Majority,
    ) -> Option<Finding> {
        let s = self.sym(p);
        let slots = param_slots(s);
        let unit = self.sym(lhs);
        // Copied only when something is wrong: most parameters are right.
        let mut fixed = Cow::Borrowed(s);
        let mut reasons = Vec::new();
        if let (Some(slot), Some(want)) = (slots.row, m.row) {
            if slot.value != want {
                fixed = Cow::Owned(set(&fixed, slot, want)?);
                reasons.push(format!(
                    "its row index should be {want}, as it feeds `{unit}`"
                ));
            }
        }
        if let (Some(slot), Some(want)) = (slots.layer, m.layer) {
            if slot.value != want {
                fixed = Cow::Owned(set(&fixed, slot, want)?);
                reasons.push(format!("its layer index should be {want}"));
            }
        }
        if let Some(col) = slots.col {
            let want = match var {
                None => Some(0),
                Some(v) => var_slots(self.sym(v)).col.map(|c| c.value),
            };
            if let Some(want) = want.filter(|&w| w != col.value) {
                fixed = Cow::Owned(set(&fixed, col, want)?);
                reasons.push(match var {
                    None => "a bias's last index is 0".to_string(),
                    Some(v) => format!(
                        "its last index should be {want}, as it multiplies `{}`",
                        self.sym(v)
                    ),
                });
            }
        }
        let primes_only = reasons.is_empty();
        if let Some(want) = m.primes.filter(|&w| w != network_primes(s)) {
            let psi = network_primes(s) - s.primes as u32;
            fixed.to_mut().primes = u8::try_from(want.checked_sub(psi)?).ok()?;
            reasons.push("it should carry the primes of its network".into());
        }
        if reasons.is_empty() {
            return None;
        }
        let code = if primes_only { "prime" } else { "index" };
        let message = format!("`{s}` in the equation of `{unit}`: {}", reasons.join("; "));
        let d = Diagnostic::error(code, message, p.span)
            .with_label(format!("expected `{fixed}`"))
            .with_help(convention(s));
        Some(self.fix(eq, d, p, s, &fixed))
    }

    /// When a weight's last index (or layer) disagrees with its variable,
    /// the variable is the culprit if the one the weight expects exists and
    /// is not read elsewhere in the side; returns that variable.
    fn var_is_wrong(
        &self,
        terms: &[Spanned],
        span: Span,
        p: Written,
        v: Written,
        m: &Majority,
    ) -> Option<Symbol> {
        let (ps, vs) = (self.sym(p), self.sym(v));
        let (pslots, vslots) = (param_slots(ps), var_slots(vs));
        let (pc, vc) = (pslots.col?, vslots.col?);
        let player = pslots.layer.map(|l| m.layer.unwrap_or(l.value));
        let layer = player.zip(vslots.layer);
        if pc.value == vc.value && layer.is_none_or(|(a, b)| a == b.value) {
            return None;
        }
        let mut expected = set(vs, vc, pc.value)?;
        if let Some((want, slot)) = layer {
            expected = set(&expected, slot, want)?;
        }
        let e = self.symbols.get(&expected)?;
        let elsewhere = terms
            .iter()
            .any(|t| t.span != span && t.vars().iter().any(|w| w.sym == e));
        (!elsewhere).then_some(expected)
    }

    fn wrong_var(
        &self,
        eq: &Equation,
        span: Span,
        p: Written,
        v: Written,
        expected: &Symbol,
    ) -> Finding {
        let (ps, vs) = (self.sym(p), self.sym(v));
        let d = Diagnostic::error(
            "index",
            format!(
                "`{ps}` multiplies `{vs}`; by the book's convention it multiplies `{expected}`"
            ),
            span,
        )
        .with_label(format!("expected `{expected}` here"))
        .with_help(convention(ps));
        self.fix(eq, d, v, vs, expected)
    }

    /// The primes of the variable a weight multiplies.
    fn var_primes(&self, eq: &Equation, p: Written, v: Written) -> Option<Finding> {
        let (ps, vs) = (self.sym(p), self.sym(v));
        let Letter::Param(letter) = ps.letter else {
            return None;
        };
        let primes = ps.primes;
        let ok: Vec<u8> = match (letter, vs.letter) {
            (ParamLetter::Theta, Letter::Var(VarLetter::H)) => return None,
            (ParamLetter::Theta, Letter::Var(VarLetter::Y)) => vec![primes.checked_sub(1)?],
            (_, Letter::Var(VarLetter::X)) => vec![0, primes],
            (_, Letter::Var(VarLetter::H)) => vec![primes],
            _ => return None,
        };
        if ok.contains(&vs.primes) {
            return None;
        }
        let mut fixed = vs.clone();
        fixed.primes = ok[0];
        let d = Diagnostic::error(
            "prime",
            format!("`{vs}` is multiplied by `{ps}`, a weight of another network"),
            v.span,
        )
        .with_label(format!("expected `{fixed}`"))
        .with_help(convention(ps));
        Some(self.fix(eq, d, v, vs, &fixed))
    }

    /// Attaches the corrected equation: the equation's text with `w`
    /// respelled as `fixed`.
    pub(super) fn fix(
        &self,
        eq: &Equation,
        d: Diagnostic,
        w: Written,
        old: &Symbol,
        fixed: &Symbol,
    ) -> Finding {
        let Some(text) = self.text.get(w.span.range()) else {
            return Finding::new(d);
        };
        let (start, end) = (eq.span.start as usize, eq.span.end as usize);
        let (ws, we) = (w.span.start as usize, w.span.end as usize);
        // A long equation is quoted around the correction only, so that
        // many findings in one equation do not each repeat all of it.
        let context = super::report::LONG_FIX / 4;
        let (from, to) = if end - start > super::report::LONG_FIX {
            (
                floor(self.text, ws.saturating_sub(context).max(start)),
                floor(self.text, (we + context).min(end)),
            )
        } else {
            (start, end)
        };
        let corrected = format!(
            "{}{}{}{}{}",
            if from > start { "…" } else { "" },
            self.text.get(from..ws).unwrap_or(""),
            respell(text, old, fixed),
            self.text.get(we..to).unwrap_or(""),
            if to < end { "…" } else { "" },
        );
        Finding::new(d).with_fix(one_line(&corrected))
    }
}

/// The nearest character boundary of `text` at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The convention of a symbol's letter, as a hint.
fn convention(s: &Symbol) -> &'static str {
    match s.letter {
        Letter::Param(ParamLetter::Theta) => "by the book's convention θ_ij feeds h_i from x_j (x alone is j = 1); j = 0 is the bias",
        Letter::Param(ParamLetter::Psi) => "by the book's convention ψ_ij feeds h'_i from h_j; j = 0 is the bias",
        Letter::Param(ParamLetter::Phi) => "by the book's convention φ_j feeds y from h_j, and φ_kj feeds y_k; j = 0 is the bias",
        Letter::Param(_) => "by the book's convention β_{k,i} and ω_{k,i,j} feed h_{k+1,i} from h_{k,j} (x_j when k = 0)",
        Letter::Var(_) => "by the book's convention a unit's weights carry its index and its primes: h_i = a[θ_i0 + θ_i1 x], h'_i = a[ψ_i0 + ψ_i1 h_1 + …]",
    }
}

/// An equation's text on one line: alignment `&` dropped, spaces collapsed.
pub fn one_line(text: &str) -> String {
    text.replace(['&', '$'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::strict_majority;

    /// The definition: the most frequent value (the largest among equals)
    /// when no other value is as frequent, among at least two.
    fn by_definition(values: &[u32]) -> Option<u32> {
        let count = |v: u32| values.iter().filter(|&&x| x == v).count();
        let best = *values.iter().max_by_key(|&&v| (count(v), v))?;
        let strict = values.iter().all(|&v| v == best || count(v) < count(best));
        (values.len() >= 2 && strict).then_some(best)
    }

    #[test]
    fn strict_majority_is_the_definition_on_every_short_list() {
        for len in 0..=7u32 {
            for code in 0..3u32.pow(len) {
                let values: Vec<u32> = (0..len).map(|i| code / 3u32.pow(i) % 3).collect();
                assert_eq!(
                    strict_majority(&values),
                    by_definition(&values),
                    "{values:?}"
                );
            }
        }
    }
}
