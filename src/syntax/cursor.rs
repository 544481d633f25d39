//! The parser's cursor over tokens, the helpers that report errors, and
//! small pieces the grammar functions share.

use super::ast::{Expr, ExprKind};
use super::brackets::closer;
use super::lexer::{Delim, Tok, Token};
use super::parser::{Failed, PResult, Parser};
use super::{Span, MAX_DEPTH};
use crate::diagnostic::Diagnostic;

impl<'a> Parser<'a> {
    /// The current token; [`Tok::End`] once the input is used up.
    pub(crate) fn peek(&self) -> Token {
        self.peek_at(0)
    }

    /// The token `n` places ahead.
    pub(crate) fn peek_at(&self, n: usize) -> Token {
        let last = self.tokens.len().saturating_sub(1);
        self.tokens[(self.pos + n).min(last)]
    }

    /// Takes the current token.
    pub(crate) fn next(&mut self) -> Token {
        let t = self.peek();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    /// Takes the current token if it is `tok`.
    pub(crate) fn eat(&mut self, tok: Tok) -> bool {
        let found = self.peek().tok == tok;
        if found {
            self.pos += 1;
        }
        found
    }

    /// The span of the token just taken.
    pub(crate) fn prev_span(&self) -> Span {
        self.tokens[self.pos.saturating_sub(1)].span()
    }

    /// Where the current token is; at the end of the input, the point just
    /// after the last token, so a caret lands next to what is incomplete.
    pub(crate) fn here(&self) -> Span {
        let t = self.peek();
        if t.tok != Tok::End {
            return t.span();
        }
        let end = self
            .pos
            .checked_sub(1)
            .map_or(t.start, |i| self.tokens[i].end);
        Span { start: end, end }
    }

    /// The text of a token.
    pub(crate) fn text(&self, t: Token) -> &'a str {
        self.src.get(t.span().range()).unwrap_or("")
    }

    /// A token as a message names it: `` `+` ``, `the end of the line`.
    fn describe(&self, t: Token) -> String {
        match (t.tok, self.text(t)) {
            (Tok::End, _) => "end of input".to_string(),
            (_, "\n") => "end of line".to_string(),
            (_, text) => format!("`{text}`"),
        }
    }

    /// Records a diagnostic and fails.
    pub(crate) fn report<T>(&mut self, diag: Diagnostic) -> PResult<T> {
        self.diags.push(diag);
        Err(Failed)
    }

    /// Reports the current token as unexpected, saying what was expected.
    pub(crate) fn unexpected<T>(&mut self, expected: &str) -> PResult<T> {
        self.unexpected_with(expected, None)
    }

    /// Reports the current token as unexpected, with a hint. An error token
    /// was reported by the lexer already, so it fails silently.
    pub(crate) fn unexpected_with<T>(
        &mut self,
        expected: &str,
        help: Option<String>,
    ) -> PResult<T> {
        let t = self.peek();
        if t.tok == Tok::Error {
            return Err(Failed);
        }
        let message = format!("unexpected {}", self.describe(t));
        let mut diag = Diagnostic::error("parse", message, self.here())
            .with_label(format!("expected {expected} here"));
        diag.help = help;
        self.report(diag)
    }

    /// Takes the closing token `tok` that matches `open`, or reports what
    /// stands in its place.
    pub(crate) fn expect(&mut self, tok: Tok, open: Token) -> PResult<Token> {
        if self.peek().tok == tok {
            return Ok(self.next());
        }
        let t = self.peek();
        if t.tok == Tok::Error {
            return Err(Failed);
        }
        let open_text = self.text(open);
        let message = format!("unexpected {}", self.describe(t));
        let diag = Diagnostic::error("parse", message, t.span())
            .with_label(format!(
                "expected `{}` to close the `{open_text}`",
                closer(open.tok)
            ))
            .with_secondary(open.span(), format!("`{open_text}` opened here"));
        self.report(diag)
    }

    /// Runs `f` one level deeper, refusing to go past [`MAX_DEPTH`].
    pub(crate) fn nested<T>(
        &mut self,
        at: Span,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            return self.too_deep(at);
        }
        self.depth += 1;
        self.peak = self.peak.max(self.depth);
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Counts one more level on the expression being read (a transpose or a
    /// division wrapping what came before), refusing to go past [`MAX_DEPTH`].
    pub(crate) fn deeper(&mut self, at: Span) -> PResult<()> {
        if self.peak.max(self.depth) >= MAX_DEPTH {
            return self.too_deep(at);
        }
        self.peak = self.peak.max(self.depth) + 1;
        Ok(())
    }

    /// Reports nesting deeper than [`MAX_DEPTH`].
    pub(crate) fn too_deep<T>(&mut self, at: Span) -> PResult<T> {
        let diag = Diagnostic::error(
            "parse",
            format!("nesting deeper than {MAX_DEPTH} levels"),
            at,
        )
        .with_label("too deeply nested from here on")
        .with_help(
            "brackets, parentheses, braces, signs, transposes and divisions count as one level each",
        );
        self.report(diag)
    }

    /// Whether the current token touches the end of a name or subscript,
    /// as the `1` in `h1` does.
    pub(crate) fn glued_to_letter(&self) -> bool {
        let Some(prev) = self.pos.checked_sub(1).map(|i| self.tokens[i]) else {
            return false;
        };
        matches!(prev.tok, Tok::Name(_) | Tok::Sub | Tok::Prime(_)) && prev.end == self.peek().start
    }

    /// Reports a number written right after a letter: `h1`.
    pub(crate) fn number_after_letter<T>(&mut self, t: Token) -> PResult<T> {
        let diag = Diagnostic::error("parse", "a number directly after a name", t.span())
            .with_label("a subscript needs `_`")
            .with_help("write `h_1` for a subscript, or put a space or `\\cdot` between factors");
        self.report(diag)
    }

    /// Takes the items from `mark` on: one as itself, several as a sum or
    /// product spanning them all, in a `Vec` of their number. After a
    /// failure they are dropped.
    pub(crate) fn finish_items(
        &mut self,
        mark: usize,
        read: PResult<()>,
        kind: fn(Vec<Expr>) -> ExprKind,
    ) -> PResult<Expr> {
        if read.is_err() {
            self.items.truncate(mark);
            return Err(Failed);
        }
        if self.items.len() == mark + 1 {
            if let Some(one) = self.items.pop() {
                return Ok(one);
            }
        }
        let span = self.items[mark]
            .span
            .to(self.items[self.items.len() - 1].span);
        // `split_off` copies the items out in one piece, but from 0 it
        // would hand over the whole buffer.
        let items = match mark {
            0 => self.items.drain(..).collect(),
            _ => self.items.split_off(mark),
        };
        Ok(Expr::new(kind(items), span))
    }
}

/// Whether a token can begin a factor.
pub(crate) fn starts_factor(tok: Tok) -> bool {
    matches!(
        tok,
        Tok::Number | Tok::Name(_) | Tok::Wrap(_) | Tok::Open(_) | Tok::Frac | Tok::Error
    )
}

/// The delimiter of an opening token.
pub(crate) fn delim_of(tok: Tok) -> Delim {
    match tok {
        Tok::Open(d) | Tok::Close(d) => d,
        _ => Delim::Paren,
    }
}

/// Negates `term`, spanning from the sign.
pub(crate) fn neg(sign: Span, term: Expr) -> Expr {
    let span = sign.to(term.span);
    Expr::new(ExprKind::Neg(Box::new(term)), span)
}
