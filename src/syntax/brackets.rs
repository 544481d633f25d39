//! Bracket matching over the token stream, before each chunk is parsed.
//!
//! An unbalanced bracket is reported once, at its root (the unclosed `[`, the
//! unmatched `)`), instead of as whatever confuses the parser later; the
//! parser then runs only on balanced input.

use super::lexer::{Delim, Tok, Token};
use crate::diagnostic::Diagnostic;

/// The brackets, parentheses and braces still open, checked a chunk of
/// tokens at a time: each must be closed by its own kind, in order.
#[derive(Default)]
pub(crate) struct Brackets {
    open: Vec<Token>,
}

impl Brackets {
    /// Checks the next `tokens` and reports the first bracket that does not
    /// pair up: an unmatched `)`, a `]` closing `(`.
    #[cfg(test)]
    pub(crate) fn check(&mut self, src: &str, tokens: &[Token]) -> Option<Diagnostic> {
        tokens.iter().find_map(|t| self.token(src, *t))
    }

    /// Checks the next token: [`Brackets::check`] one token at a time, as
    /// the lexer makes them.
    #[inline]
    pub(crate) fn token(&mut self, src: &str, t: Token) -> Option<Diagnostic> {
        match t.tok {
            Tok::Open(_) => {
                self.open.push(t);
                None
            }
            Tok::Close(d) => match self.open.pop() {
                Some(o) if o.tok == Tok::Open(d) => None,
                o => Some(mismatch(src, t, o)),
            },
            _ => None,
        }
    }

    /// At the end of the input, reports the first bracket never closed.
    pub(crate) fn unclosed(&self, src: &str) -> Option<Diagnostic> {
        let o = self.open.first()?;
        let text = &src[o.span().range()];
        let message = format!("unclosed `{text}`");
        let mut diag = Diagnostic::error("parse", message, o.span())
            .with_label(format!("this `{text}` is never closed"));
        if self.open.len() > 1 {
            diag = diag.with_help(format!(
                "{} more brackets after it are not closed either",
                self.open.len() - 1
            ));
        }
        Some(diag)
    }
}

/// The error for a closing bracket `t` that does not close `open`, the
/// bracket open before it, if any.
#[cold]
fn mismatch(src: &str, t: Token, open: Option<Token>) -> Diagnostic {
    let text = |t: &Token| &src[t.span().range()];
    match open {
        Some(o) => {
            let closer = closer(o.tok);
            let message = format!("`{}` does not close `{}`", text(&t), text(&o));
            Diagnostic::error("parse", message, t.span())
                .with_label(format!("expected `{closer}` here"))
                .with_secondary(o.span(), format!("this `{}` is still open", text(&o)))
        }
        None => {
            let message = format!("unmatched `{}`", text(&t));
            let label = format!("no open bracket matches this `{}`", text(&t));
            Diagnostic::error("parse", message, t.span()).with_label(label)
        }
    }
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
