//! The activation's argument in the wrong brackets: `a(θ_10 + θ_11x)`,
//! `a\left(…\right)` and `a\begin{bmatrix}…\end{bmatrix}` for the book's
//! `a[θ_10 + θ_11x]`.
//!
//! The parser cannot read these spellings, so each is reported once, as a
//! spelling with its fix, and the text is repaired (the brackets replaced,
//! offsets kept by [`crate::document::Analysed`]) so that the rest of the
//! equation is checked as if it had been written `a[…]`. Only an argument
//! that names a parameter is repaired: the activation's own definition
//! `a(z) = \max(0, z)` is notation, not a mistake.

use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::document::Edit;
use crate::syntax::Span;
use std::ops::Range;

/// One activation written with the wrong brackets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Respelled {
    /// The repairs: the opening and the closing bracket.
    pub edits: [Edit; 2],
    /// The finding, spans in the document.
    pub finding: Finding,
}

/// The spellings of the activation's name before its argument; each ends
/// with `a}`.
const NAMES: &[&str] = &[
    "\\mbox{a}",
    "\\text{a}",
    "\\textrm{a}",
    "\\mathrm{a}",
    "\\operatorname{a}",
    "\\mbox{\\bf a}",
    "\\mathbf{a}",
    "\\textbf{a}",
    "\\boldsymbol{a}",
    "\\bm{a}",
];

/// The wrong opening brackets, what closes each, and the repairs.
const BRACKETS: &[(&str, &str, &str, &str)] = &[
    ("\\left(", "\\right)", "\\left[", "\\right]"),
    ("\\begin{bmatrix}", "\\end{bmatrix}", "[", "]"),
    ("\\begin{pmatrix}", "\\end{pmatrix}", "[", "]"),
    ("(", ")", "[", "]"),
];

/// The parameter names an activation's argument holds.
const PARAMETERS: &[&str] = &[
    "\\theta", "\\phi", "\\psi", "\\omega", "\\Omega", "\\beta", "θ", "φ", "ψ", "ω", "Ω", "β",
];

/// Finds the activations in `source[range]` written with the wrong
/// brackets.
pub fn find(source: &str, range: Range<usize>) -> Vec<Respelled> {
    let mut out = Vec::new();
    let text = &source[range.clone()];
    let mut from = 0;
    while let Some(n) = text[from..].find('a') {
        let at = from + n;
        from = at + 1;
        let Some(name) = activation_at(text, at) else {
            continue;
        };
        let after = name.end + (text[name.end..].len() - text[name.end..].trim_start().len());
        let Some(found) = BRACKETS.iter().find(|b| text[after..].starts_with(b.0)) else {
            continue;
        };
        let (open, close, new_open, new_close) = *found;
        if open == "(" && after != name.end {
            continue;
        }
        let inner = after + open.len();
        let Some(end) = closing(&text[inner..], open, close).map(|e| inner + e) else {
            continue;
        };
        let argument = &text[inner..end];
        if !PARAMETERS.iter().any(|p| argument.contains(p)) || !one_entry(argument) {
            continue;
        }
        let base = range.start;
        let edits = [
            Edit {
                range: base + after..base + inner,
                text: new_open.to_string(),
            },
            Edit {
                range: base + end..base + end + close.len(),
                text: new_close.to_string(),
            },
        ];
        let fixed = format!(
            "{}{new_open}{}{new_close}",
            &text[name.start..name.end],
            argument.trim()
        );
        let span = Span::new(base + name.start, base + end + close.len());
        let d = Diagnostic::warning(
            "activation-brackets",
            format!("the activation's argument is written in `{open}…{close}`"),
            span,
        )
        .with_label("expected `a[…]`")
        .with_help(
            "the book writes the activation's argument in square brackets: `a[θ_10 + θ_11 x]`",
        );
        out.push(Respelled {
            edits,
            finding: Finding::new(d).with_fix(fixed),
        });
        from = end + close.len();
    }
    out
}

/// The activation's name ending at or starting at `at` (the byte of `a`):
/// a lone `a`, or `a` in one of the [`NAMES`].
fn activation_at(text: &str, at: usize) -> Option<Range<usize>> {
    for name in NAMES {
        // Every name ends with the `a}` at `at`.
        let a = name.len() - 2;
        let starts = at.checked_sub(a).and_then(|s| text.get(s..));
        if starts.is_some_and(|t| t.starts_with(name)) {
            return Some(at - a..at - a + name.len());
        }
    }
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    let lone = before.is_none_or(|c| !c.is_alphanumeric() && c != '\\' && c != '{')
        && after.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '^');
    lone.then_some(at..at + 1)
}

/// Where the bracket opened before `text` closes: the offset of `close`,
/// with nested `open`/`close` pairs skipped.
fn closing(text: &str, open: &str, close: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with(close) {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
            at += close.len();
        } else if rest.starts_with(open) {
            depth += 1;
            at += open.len();
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// Whether an argument written in a matrix environment is one entry (no
/// `&` or `\\` outside a nested environment): a matrix of several entries
/// is a vector, not an argument in the wrong brackets.
fn one_entry(argument: &str) -> bool {
    let mut depth = 0usize;
    let mut at = 0;
    while at < argument.len() {
        let rest = &argument[at..];
        if rest.starts_with("\\begin{") {
            depth += 1;
        } else if rest.starts_with("\\end{") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && (rest.starts_with('&') || rest.starts_with("\\\\")) {
            return false;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_ends_with_the_letter_and_a_brace() {
        assert!(NAMES.iter().all(|n| n.ends_with("a}")));
    }

    fn fixes(text: &str) -> Vec<String> {
        find(text, 0..text.len())
            .into_iter()
            .map(|r| r.finding.fix.as_deref().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn round_and_matrix_brackets_are_respelled() {
        assert_eq!(
            fixes(r"h_1 = a(\theta_{10} + \theta_{11}x)"),
            [r"a[\theta_{10} + \theta_{11}x]"]
        );
        assert_eq!(
            fixes(r"h_1 = \mbox{a}\left(\theta_{10} + \theta_{11}x\right)"),
            [r"\mbox{a}\left[\theta_{10} + \theta_{11}x\right]"]
        );
        assert_eq!(
            fixes("\\mathbf{h} = a\\begin{bmatrix}\\begin{bmatrix}\\theta_{10}\\\\ \\theta_{20}\\end{bmatrix} + \\boldsymbol\\theta x\\end{bmatrix}"),
            ["a[\\begin{bmatrix}\\theta_{10}\\\\ \\theta_{20}\\end{bmatrix} + \\boldsymbol\\theta x]"]
        );
    }

    #[test]
    fn definitions_vectors_and_words_are_left_alone() {
        assert!(fixes(r"a(z) = \max(0, z)").is_empty());
        assert!(fixes(r"h_1 = a[\theta_{10} + \theta_{11}x]").is_empty());
        assert!(
            fixes(r"\mathbf{v} = a\begin{bmatrix}\theta_1 \\ \theta_2\end{bmatrix}").is_empty()
        );
        assert!(fixes(r"a formula (\theta_{10})").is_empty());
        assert!(fixes(r"\alpha(\theta)").is_empty());
    }
}
