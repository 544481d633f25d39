//! Bracket matching over the whole token stream, before parsing.
//!
//! An unbalanced bracket is reported once, at its root (the unclosed `[`, the
//! unmatched `)`), instead of as whatever confuses the parser later; the
//! parser then runs only on balanced input.

use super::lexer::{Delim, Tok, Token};
use crate::diagnostic::Diagnostic;

/// Checks that brackets, parentheses and braces pair up, and reports the
/// first that does not: an unclosed `[`, an unmatched `)`, a `]` closing `(`.
pub(crate) fn check_brackets(src: &str, tokens: &[Token]) -> Option<Diagnostic> {
    let text = |t: &Token| &src[t.span().range()];
    let mut open: Vec<&Token> = Vec::new();
    for t in tokens {
        match t.tok {
            Tok::Open(_) => open.push(t),
            Tok::Close(d) => match open.pop() {
                Some(o) if o.tok == Tok::Open(d) => {}
                Some(o) => {
                    let closer = closer(o.tok);
                    let message = format!("`{}` does not close `{}`", text(t), text(o));
                    let diag = Diagnostic::error("parse", message, t.span())
                        .with_label(format!("expected `{closer}` here"))
                        .with_secondary(o.span(), format!("this `{}` is still open", text(o)));
                    return Some(diag);
                }
                None => {
                    let message = format!("unmatched `{}`", text(t));
                    let label = format!("no open bracket matches this `{}`", text(t));
                    return Some(Diagnostic::error("parse", message, t.span()).with_label(label));
                }
            },
            _ => {}
        }
    }
    let o = open.first()?;
    let message = format!("unclosed `{}`", text(o));
    let mut diag = Diagnostic::error("parse", message, o.span())
        .with_label(format!("this `{}` is never closed", text(o)));
    if open.len() > 1 {
        diag = diag.with_help(format!(
            "{} more brackets after it are not closed either",
            open.len() - 1
        ));
    }
    Some(diag)
}

/// The plain closing delimiter for an opening token.
pub(crate) fn closer(tok: Tok) -> &'static str {
    match tok {
        Tok::Open(Delim::Square) => "]",
        Tok::Open(Delim::Paren) => ")",
        Tok::Open(Delim::Matrix(env)) => env.end(),
        _ => "}",
    }
}
