//! JSON parameter files: `{"θ_10": "1/2", "phi_1": 3, "x": "-0.5"}`.
//!
//! serde_json checks the syntax (its line and column become a byte offset);
//! a small scanner then finds each key and value with its span, so that a
//! bad name or number is reported where it was written. Numbers are read
//! from their text, never through `f64`, so `0.1` stays exactly 1/10.

use super::values::shift;
use super::{parse_number, parse_symbol, Assignment, Span};
use crate::diagnostic::Diagnostic;
use std::borrow::Cow;

/// A key or value as written: its text (unescaped) and where it was written.
struct Piece<'a> {
    text: Cow<'a, str>,
    span: Span,
}

/// Reads a JSON object of names and values.
pub(crate) fn json_values(
    source: &str,
) -> Result<(Vec<Assignment>, Vec<Diagnostic>), Vec<Diagnostic>> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(source) {
        return Err(vec![syntax_error(source, &e)]);
    }
    let mut scan = Scan {
        src: source,
        pos: 0,
    };
    let entries = scan.object().map_err(|d| vec![d])?;
    let mut assignments = Vec::new();
    let mut diags = Vec::new();
    for (key, value) in entries {
        let symbol = parse_symbol(&key.text).map_err(|d| locate(d, &key));
        let number = parse_number(&value.text).map_err(|d| locate(d, &value));
        match (symbol, number) {
            (Ok(symbol), Ok(number)) => assignments.push(Assignment {
                symbol,
                name_span: key.span,
                value: number,
                value_span: value.span,
            }),
            (symbol, number) => diags.extend(symbol.err().into_iter().chain(number.err())),
        }
    }
    Ok((assignments, diags))
}

/// Moves a diagnostic about a piece's text into the source: by the piece's
/// offset when it was written without escapes, else onto the whole piece.
fn locate(diag: Diagnostic, piece: &Piece) -> Diagnostic {
    let raw = (piece.span.end - piece.span.start) as usize == piece.text.len();
    if raw {
        return shift(diag, piece.span.start as usize);
    }
    Diagnostic {
        span: Some(piece.span),
        secondary: Vec::new(),
        ..diag
    }
}

/// Turns a serde_json error into a diagnostic at its byte offset.
fn syntax_error(source: &str, e: &serde_json::Error) -> Diagnostic {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + e.column().saturating_sub(1)).min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let end = source[at..]
        .chars()
        .next()
        .map_or(at, |c| at + c.len_utf8());
    let text = e.to_string();
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |n| &text[..n]);
    Diagnostic::error(
        "parse",
        format!("invalid JSON: {message}"),
        Span::new(at, end),
    )
    .with_label("here")
}

/// A cursor over JSON text that serde_json has already checked.
struct Scan<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    /// Reads `{ "key": value, … }` into its entries.
    fn object(&mut self) -> Result<Vec<(Piece<'a>, Piece<'a>)>, Diagnostic> {
        let mut entries = Vec::new();
        self.space();
        self.expect(b'{')?;
        self.space();
        if self.eat(b'}') {
            return Ok(entries);
        }
        loop {
            self.space();
            let key = self.string()?;
            self.space();
            self.expect(b':')?;
            self.space();
            let value = self.value()?;
            entries.push((key, value));
            self.space();
            if self.eat(b'}') {
                return Ok(entries);
            }
            self.expect(b',')?;
        }
    }

    /// Reads a value, which must be a string or a number: `"1/2"`, `-0.5`.
    fn value(&mut self) -> Result<Piece<'a>, Diagnostic> {
        if self.peek() == Some(b'"') {
            return self.string();
        }
        let start = self.pos;
        let len = self.src.as_bytes()[start..]
            .iter()
            .take_while(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        self.pos += len;
        let text = &self.src[start..self.pos];
        if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            let span = Span::new(start, start + len.max(1));
            let diag = Diagnostic::error("parse", "expected a number or a string", span)
                .with_label("a value must be a number such as `0.5` or a string such as `\"1/2\"`");
            return Err(diag);
        }
        Ok(Piece {
            text: Cow::Borrowed(text),
            span: Span::new(start, self.pos),
        })
    }

    /// Reads a string; the piece's span is inside the quotes.
    fn string(&mut self) -> Result<Piece<'a>, Diagnostic> {
        let start = self.pos;
        self.expect(b'"')?;
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let end = i.min(bytes.len());
        self.pos = (end + 1).min(bytes.len());
        let inner = self.src.get(start + 1..end).unwrap_or("");
        let text = if inner.contains('\\') {
            let quoted = self.src.get(start..self.pos).unwrap_or("\"\"");
            Cow::Owned(serde_json::from_str::<String>(quoted).unwrap_or_default())
        } else {
            Cow::Borrowed(inner)
        };
        Ok(Piece {
            text,
            span: Span::new(start + 1, end),
        })
    }

    /// The current byte.
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    /// Takes byte `b` if it comes next.
    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.pos += usize::from(found);
        found
    }

    /// Takes byte `b`, or reports that it is missing.
    fn expect(&mut self, b: u8) -> Result<(), Diagnostic> {
        if self.eat(b) {
            return Ok(());
        }
        let span = Span::new(self.pos, (self.pos + 1).min(self.src.len()));
        let message = format!("invalid JSON: expected `{}`", b as char);
        Err(Diagnostic::error("parse", message, span).with_label("here"))
    }

    /// Skips whitespace.
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }
}
