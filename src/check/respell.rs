//! Writing a corrected symbol in the spelling the author used.
//!
//! A fix changes one symbol's indices or primes. Rather than re-render the
//! equation, `check` edits the author's own text: `\theta_{20}` becomes
//! `\theta_{10}`, `θ₂₀` becomes `θ₁₀`, `theta_20` becomes `theta_10`, and
//! `h_2'` becomes `h_2` — so the corrected equation reads like the slide.

use crate::symbol::Symbol;

/// Respells `text`, written for `old`, as `new` (same letter).
pub fn respell(text: &str, old: &Symbol, new: &Symbol) -> String {
    let mut out = text.to_string();
    if old.indices != new.indices {
        out = with_subscript(&out, &new.subscript_body());
    }
    if old.primes != new.primes {
        out = with_primes(&out, new.primes);
    }
    out
}

const SUBSCRIPT_DIGITS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/// Replaces the subscript's body, keeping its style (`_1`, `_{10}`, `₁₀`).
fn with_subscript(text: &str, body: &str) -> String {
    if let Some(u) = text.find('_') {
        let after = &text[u + 1..];
        let trimmed = after.trim_start();
        let lead = u + 1 + after.len() - trimmed.len();
        if let Some(inner) = trimmed.strip_prefix('{') {
            let close = inner.find('}').unwrap_or(inner.len());
            let end = (lead + 1 + close + 1).min(text.len());
            return format!("{}{{{body}}}{}", &text[..u + 1], &text[end..]);
        }
        let digits = trimmed
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b',')
            .count();
        let braced = body.len() > 1 && text.contains('\\');
        let body = if braced {
            format!("{{{body}}}")
        } else {
            body.to_string()
        };
        return format!("{}{body}{}", &text[..u + 1], &text[lead + digits..]);
    }
    let is_sub = |c: char| SUBSCRIPT_DIGITS.contains(&c) || c == ',';
    if let Some(start) = text.find(|c: char| SUBSCRIPT_DIGITS.contains(&c)) {
        let len: usize = text[start..]
            .chars()
            .take_while(|&c| is_sub(c))
            .map(char::len_utf8)
            .sum();
        return format!(
            "{}{}{}",
            &text[..start],
            unicode(body),
            &text[start + len..]
        );
    }
    if body.is_empty() {
        return text.to_string();
    }
    let at = prime_start(text).unwrap_or(text.len());
    let sub = if !text.is_ascii() {
        unicode(body)
    } else if text.contains('\\') {
        format!("_{{{body}}}")
    } else {
        format!("_{body}")
    };
    format!("{}{sub}{}", &text[..at], &text[at..])
}

fn unicode(body: &str) -> String {
    body.chars()
        .map(|c| c.to_digit(10).map_or(c, |d| SUBSCRIPT_DIGITS[d as usize]))
        .collect()
}

/// Where the primes start: a `'`, `′` or `^`.
fn prime_start(text: &str) -> Option<usize> {
    text.find(['\'', '′', '^'])
}

/// Sets the number of primes, writing them as the text does (or `'`).
fn with_primes(text: &str, primes: u8) -> String {
    let (rest, mark, at) = match prime_start(text) {
        Some(start) => {
            let tail = &text[start..];
            let len = prime_run(tail);
            let mark = if tail.starts_with('′') {
                "′"
            } else if tail.starts_with('^') {
                "^{\\prime}"
            } else {
                "'"
            };
            (
                format!("{}{}", &text[..start], &text[start + len..]),
                mark,
                start,
            )
        }
        None => {
            let mark = if text.is_ascii() { "'" } else { "′" };
            (text.to_string(), mark, name_end(text))
        }
    };
    let marks = mark.repeat(primes as usize);
    format!("{}{marks}{}", &rest[..at], &rest[at..])
}

/// The length of the primes at the start of `tail`: `''`, `′`, `^\prime`,
/// `^{\prime\prime}`.
fn prime_run(tail: &str) -> usize {
    if let Some(braced) = tail.strip_prefix("^{") {
        return braced.find('}').map_or(tail.len(), |n| n + 3);
    }
    if tail.starts_with("^\\prime") {
        return "^\\prime".len();
    }
    tail.chars()
        .take_while(|&c| c == '\'' || c == '′')
        .map(char::len_utf8)
        .sum()
}

/// Where a name without primes ends: before its subscript.
fn name_end(text: &str) -> usize {
    text.find(|c: char| c == '_' || SUBSCRIPT_DIGITS.contains(&c))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbol::{ParamLetter, VarLetter};

    fn theta(primes: u8, i: &[u32]) -> Symbol {
        Symbol::param(ParamLetter::Theta, primes, i)
    }

    #[test]
    fn keeps_the_spelling() {
        let (a, b) = (theta(0, &[2, 0]), theta(0, &[1, 0]));
        assert_eq!(respell("\\theta_{20}", &a, &b), "\\theta_{10}");
        assert_eq!(respell("θ₂₀", &a, &b), "θ₁₀");
        assert_eq!(respell("theta_20", &a, &b), "theta_10");
        assert_eq!(respell("theta'_20", &theta(1, &[2, 0]), &b), "theta_10");
        assert_eq!(respell("θ₂₀", &a, &theta(1, &[2, 0])), "θ′₂₀");
        let (h, h1) = (
            Symbol::var(VarLetter::H, 0, &[2]),
            Symbol::var(VarLetter::H, 1, &[2]),
        );
        assert_eq!(respell("h_{2}", &h, &h1), "h'_{2}");
        assert_eq!(respell("h_2^{\\prime}", &h1, &h), "h_2");
        let y = Symbol::var(VarLetter::Y, 0, &[]);
        assert_eq!(respell("y", &y, &Symbol::var(VarLetter::Y, 1, &[])), "y'");
    }
}
