//! Numbers, parameter files and `--at` assignments.
//!
//! A parameter file is either lines `name = value` (separated by newlines,
//! `;` or `,`, with `%` and `#` comments) or one JSON object
//! `{"θ_10": "1/2", "phi_1": 3}`. Names are any spelling [`parse_symbol`]
//! reads; values any number [`parse_number`] reads.

use super::atoms;
use super::json::json_values;
use super::{parse_symbol, Assignment, Span};
use crate::diagnostic::Diagnostic;
use crate::symbol::Symbol;
use num_rational::BigRational;
use num_traits::Zero;
use std::collections::HashMap;

/// Parses one whole number: `2`, `-3/4`, `0.1` (exactly 1/10), `\frac{3}{4}`,
/// `-\frac{1}{2}`, `1e-3`, `+5`.
pub fn parse_number(text: &str) -> Result<BigRational, Diagnostic> {
    let at = skip_space(text, 0);
    let (negative, at) = sign(text, at);
    let (value, at) = if text[at..].starts_with('\\') {
        frac(text, at)?
    } else {
        quotient(text, at)?
    };
    let at = skip_space(text, at);
    if let Some(c) = text[at..].chars().next() {
        let span = Span::new(at, at + c.len_utf8());
        let diag = Diagnostic::error("parse", format!("unexpected `{c}` after the number"), span)
            .with_label("expected the end of the number");
        return Err(diag);
    }
    Ok(if negative { -value } else { value })
}

/// Parses a parameter file or `--at` text: items `name = value` separated by
/// newlines, `;` or `,`, with `%` and `#` comments and blank lines; or a JSON
/// object `{"θ_10": "1/2", "phi_1": 3, "x": "-0.5"}` (detected by its `{`).
pub fn parse_values(source: &str) -> Result<Vec<Assignment>, Vec<Diagnostic>> {
    let (assignments, mut diags) = if source.trim_start().starts_with('{') {
        json_values(source)?
    } else {
        text_values(source)
    };
    if diags.is_empty() && assignments.is_empty() {
        diags.push(Diagnostic::global("parse", "no values were given"));
    }
    diags.extend(duplicates(&assignments));
    if diags.is_empty() {
        Ok(assignments)
    } else {
        Err(diags)
    }
}

/// One assignment from a name and a value, each with its byte offset in the
/// source: parse errors are moved to those offsets.
fn assignment(name: (&str, usize), value: (&str, usize)) -> Result<Assignment, Vec<Diagnostic>> {
    let symbol = parse_symbol(name.0).map_err(|d| shift(d, name.1));
    let number = parse_number(value.0).map_err(|d| shift(d, value.1));
    match (symbol, number) {
        (Ok(symbol), Ok(value_number)) => Ok(Assignment {
            symbol,
            name_span: Span::new(name.1, name.1 + name.0.len()),
            value: value_number,
            value_span: Span::new(value.1, value.1 + value.0.len()),
        }),
        (symbol, number) => Err(symbol.err().into_iter().chain(number.err()).collect()),
    }
}

/// Moves a diagnostic's spans `by` bytes later.
pub(crate) fn shift(mut diag: Diagnostic, by: usize) -> Diagnostic {
    let move_span = |s: Span| Span::new(s.start as usize + by, s.end as usize + by);
    diag.span = diag.span.map(move_span);
    for (span, _) in &mut diag.secondary {
        *span = move_span(*span);
    }
    diag
}

/// Reads the text form: `θ_10 = 1/2; phi_1 = 3 % comment`.
fn text_values(source: &str) -> (Vec<Assignment>, Vec<Diagnostic>) {
    let mut assignments = Vec::new();
    let mut diags = Vec::new();
    for (start, end) in items(source) {
        let item = &source[start..end];
        if item.trim().is_empty() {
            continue;
        }
        match text_item(item, start) {
            Ok(a) => assignments.push(a),
            Err(d) => diags.extend(d),
        }
    }
    (assignments, diags)
}

/// Reads one item `name = value` that starts at byte `offset`.
fn text_item(item: &str, offset: usize) -> Result<Assignment, Vec<Diagnostic>> {
    let Some(eq) = item.find('=') else {
        let (whole, at) = trimmed(item, offset);
        let diag = Diagnostic::error("parse", "missing `=`", Span::new(at, at + whole.len()))
            .with_label("expected `name = value`")
            .with_help("write each value as `θ_10 = 1/2`");
        return Err(vec![diag]);
    };
    let eq_span = Span::new(offset + eq, offset + eq + 1);
    let name = trimmed(&item[..eq], offset);
    let value = trimmed(&item[eq + 1..], offset + eq + 1);
    let missing = |what: &str, label: &str| {
        vec![Diagnostic::error("parse", format!("missing {what}"), eq_span).with_label(label)]
    };
    if name.0.is_empty() {
        return Err(missing("name", "expected a name before `=`"));
    }
    if value.0.is_empty() {
        return Err(missing("value", "expected a value after `=`"));
    }
    assignment(name, value)
}

/// `text` without surrounding whitespace, with its byte offset.
fn trimmed(text: &str, offset: usize) -> (&str, usize) {
    let start = text.len() - text.trim_start().len();
    (text.trim(), offset + start)
}

/// The byte ranges of the items of a text parameter file. A `,` inside
/// braces (`\omega_{0,12,3}`) or before a subscript digit (`ω₀,₁₂`) is part
/// of a name, not a separator.
fn items(source: &str) -> Vec<(usize, usize)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut depth, mut i) = (0, 0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'%' | b'#' => {
                out.push((start, i));
                i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                start = i;
                continue;
            }
            b'\n' | b';' => {
                out.push((start, i));
                start = i + 1;
            }
            b',' if depth == 0
                && !source[i + 1..].starts_with(|c| atoms::subscript_digit(c).is_some()) =>
            {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, bytes.len()));
    out
}

/// Reports names given twice.
fn duplicates(assignments: &[Assignment]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&Symbol, Span> = HashMap::new();
    let mut diags = Vec::new();
    for a in assignments {
        if let Some(&first) = seen.get(&a.symbol) {
            let diag = Diagnostic::error("parse", "a value is given twice", a.name_span)
                .with_label("given again here")
                .with_secondary(first, "first given here");
            diags.push(diag);
        } else {
            seen.insert(&a.symbol, a.name_span);
        }
    }
    diags
}

/// The byte offset after any whitespace at `at`.
fn skip_space(text: &str, at: usize) -> usize {
    at + (text[at..].len() - text[at..].trim_start().len())
}

/// Reads an optional sign (`+`, `-`, `−`) and the whitespace after it.
fn sign(text: &str, at: usize) -> (bool, usize) {
    let rest = &text[at..];
    for (s, negative) in [("-", true), ("−", true), ("+", false)] {
        if rest.starts_with(s) {
            return (negative, skip_space(text, at + s.len()));
        }
    }
    (false, at)
}

/// Reads an unsigned decimal: `2`, `0.5`, `1e-3`.
fn decimal(text: &str, at: usize) -> Result<(BigRational, usize), Diagnostic> {
    let rest = &text[at..];
    let Ok((_, digits)) = atoms::number(rest) else {
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = if word == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            word
        };
        let label = if word == 0 {
            "expected a number here"
        } else {
            "not a number"
        };
        return Err(
            Diagnostic::error("parse", "expected a number", Span::new(at, at + word))
                .with_label(label),
        );
    };
    let end = at + digits.len();
    let value = atoms::number_value(digits).map_err(|m| {
        Diagnostic::error("parse", "number out of range", Span::new(at, end)).with_label(m)
    })?;
    Ok((value, end))
}

/// Reads `a` or `a/b` with decimals `a` and `b`: `3/4`, `-0.5`, `1 / 3`.
fn quotient(text: &str, at: usize) -> Result<(BigRational, usize), Diagnostic> {
    let (numerator, end) = decimal(text, at)?;
    let slash = skip_space(text, end);
    if !text[slash..].starts_with('/') {
        return Ok((numerator, end));
    }
    let next = skip_space(text, slash + 1);
    if next == text.len() {
        let diag = Diagnostic::error("parse", "incomplete fraction", Span::new(slash, slash + 1))
            .with_label("expected a denominator after `/`");
        return Err(diag);
    }
    let (denominator, end) = decimal(text, next)?;
    divide(numerator, denominator, Span::new(next, end)).map(|v| (v, end))
}

/// Divides, refusing a zero denominator written at `span`.
fn divide(
    numerator: BigRational,
    denominator: BigRational,
    span: Span,
) -> Result<BigRational, Diagnostic> {
    if denominator.is_zero() {
        return Err(Diagnostic::error("parse", "division by zero", span)
            .with_label("this denominator is zero"));
    }
    let numer = numerator.numer() * denominator.denom();
    let denom = numerator.denom() * denominator.numer();
    Ok(atoms::ratio(numer, denom))
}

/// Reads `\frac{3}{4}`, `\dfrac{-1}{2}`, `\tfrac{1}{3}`.
fn frac(text: &str, at: usize) -> Result<(BigRational, usize), Diagnostic> {
    let name_len = text[at + 1..]
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let name = &text[at..at + 1 + name_len];
    if !matches!(name, "\\frac" | "\\dfrac" | "\\tfrac") {
        let span = Span::new(at, at + name.len().max(1));
        return Err(
            Diagnostic::error("parse", "expected a number", span).with_label("not a number")
        );
    }
    let (numerator, end) = frac_part(text, at + name.len(), name)?;
    let den_start = skip_space(text, end) + 1;
    let (denominator, end) = frac_part(text, end, name)?;
    divide(numerator, denominator, Span::new(den_start, end - 1)).map(|v| (v, end))
}

/// Reads one braced part of a fraction: `{3}`, `{-0.5}`.
fn frac_part(text: &str, at: usize, name: &str) -> Result<(BigRational, usize), Diagnostic> {
    let open = skip_space(text, at);
    if !text[open..].starts_with('{') {
        let diag = Diagnostic::error("parse", "incomplete fraction", Span::new(open, open))
            .with_label("expected `{…}` here")
            .with_help(format!("write `{name}{{3}}{{4}}`"));
        return Err(diag);
    }
    let (negative, at) = sign(text, skip_space(text, open + 1));
    let (value, end) = decimal(text, at)?;
    let value = if negative { -value } else { value };
    let close = skip_space(text, end);
    if !text[close..].starts_with('}') {
        let diag = Diagnostic::error("parse", "expected `}`", Span::new(close, close))
            .with_label("expected `}` here");
        return Err(diag);
    }
    Ok((value, close + 1))
}
