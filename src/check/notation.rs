//! Notation that is consistent in meaning but not in spelling: info only.
//!
//! Mixed activation spellings (`a[…]` and `ReLU[…]`), primes placed both
//! before and after the subscript (`h'_1`, `h_2'`), a letter written both in
//! bold and not (`\mathbf{x}`, `x`), and `\phi` with `\varphi` (or `\theta`
//! with `\vartheta`) are each noted once, at the first place the second
//! spelling appears.

use super::Finding;
use crate::diagnostic::{Diagnostic, Severity};
use crate::symbol::{Letter, ParamLetter, SymbolTable};
use crate::syntax::{ActivationSpelling, Equation, Expr, ExprKind, Span};
use std::collections::{BTreeMap, HashSet};

/// One kind of spelling choice, and the first span of each choice made.
#[derive(Default)]
struct Choices {
    seen: BTreeMap<(&'static str, String), Vec<(String, Span)>>,
    /// The choices [`Choices::note_once`] has noted: a document of a
    /// million symbols notes each spelling once, not once per symbol.
    noted: HashSet<(&'static str, &'static str, &'static str)>,
}

impl Choices {
    /// [`Choices::note`] of a key named by `id` (one key per id), made by
    /// `key` only the first time this choice is noted.
    fn note_once(
        &mut self,
        topic: &'static str,
        id: &'static str,
        key: impl FnOnce() -> String,
        choice: &'static str,
        span: Span,
    ) {
        if self.noted.insert((topic, id, choice)) {
            self.note(topic, key(), choice, span);
        }
    }

    fn note(&mut self, topic: &'static str, key: String, choice: &str, span: Span) {
        let list = self.seen.entry((topic, key)).or_default();
        if !list.iter().any(|(c, _)| c == choice) {
            list.push((choice.to_string(), span));
        }
    }
}

/// The notes about `equations`, whose spans point into `text`.
pub fn check<'e>(
    equations: impl IntoIterator<Item = &'e Equation>,
    symbols: &SymbolTable,
    text: &str,
) -> Vec<Finding> {
    let mut choices = Choices::default();
    for eq in equations {
        for side in &eq.sides {
            walk(side, symbols, text, &mut choices);
        }
    }
    let mut out = Vec::new();
    for ((topic, key), list) in &choices.seen {
        if let [(first, first_span), (second, span), ..] = list.as_slice() {
            let d = Diagnostic {
                severity: Severity::Info,
                ..Diagnostic::error(
                    "notation",
                    format!("{topic}{key} written both as {first} and as {second}"),
                    *span,
                )
                .with_label(format!("{second} here"))
                .with_secondary(*first_span, format!("{first} here"))
                .with_help("both mean the same; one spelling throughout reads better")
            };
            out.push(Finding::new(d));
        }
    }
    out
}

fn walk(expr: &Expr, symbols: &SymbolTable, text: &str, choices: &mut Choices) {
    match &expr.kind {
        ExprKind::Symbol {
            sym,
            bold,
            prime_after_subscript,
        } => {
            let s = &symbols[*sym];
            let letter = match s.letter {
                Letter::Param(p) => p.ascii(),
                Letter::Var(v) => v.ascii(),
            };
            let style = if *bold { "bold" } else { "plain" };
            let key = || format!("`{letter}`");
            choices.note_once("the letter ", letter, key, style, expr.span);
            if s.primes > 0 && !s.indices.is_empty() {
                let place = if *prime_after_subscript {
                    "`h_1'`"
                } else {
                    "`h'_1`"
                };
                choices.note_once("primes", "", String::new, place, expr.span);
            }
            let written = text.get(expr.span.range()).unwrap_or("");
            // Each spelling as written and as named in the note.
            const VARIANTS: [(&str, &str, &str, &str, &str); 2] = [
                ("\\phi", "`\\phi`", "\\varphi", "`\\varphi`", "φ"),
                ("\\theta", "`\\theta`", "\\vartheta", "`\\vartheta`", "θ"),
            ];
            let variants = match s.letter {
                Letter::Param(ParamLetter::Phi) => &VARIANTS[..1],
                Letter::Param(ParamLetter::Theta) => &VARIANTS[1..],
                _ => &[],
            };
            for &(plain, plain_named, variant, variant_named, key) in variants {
                let choice = if written.contains(variant) {
                    variant_named
                } else if written.contains(plain) {
                    plain_named
                } else {
                    continue;
                };
                let text = || key.to_string();
                choices.note_once("the letter ", key, text, choice, expr.span);
            }
        }
        ExprKind::Sum(xs) | ExprKind::Product(xs) => {
            xs.iter().for_each(|x| walk(x, symbols, text, choices))
        }
        ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => {
            walk(x, symbols, text, choices)
        }
        ExprKind::Matrix { rows, .. } => rows
            .iter()
            .flatten()
            .for_each(|x| walk(x, symbols, text, choices)),
        ExprKind::Quotient(a, b) => {
            walk(a, symbols, text, choices);
            walk(b, symbols, text, choices);
        }
        ExprKind::Activation { spelling, arg } => {
            let name = match spelling {
                ActivationSpelling::Plain => "`a[…]`",
                ActivationSpelling::Bold => "`\\mathbf{a}[…]`",
                ActivationSpelling::Relu => "`ReLU[…]`",
            };
            choices.note_once("the activation", "", String::new, name, expr.span);
            walk(arg, symbols, text, choices);
        }
        ExprKind::Number(_) => {}
    }
}
