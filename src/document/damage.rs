//! Text damaged by copy–paste or extraction.
//!
//! A LaTeX command pasted through a string literal loses its backslash and
//! first letter to an escape sequence: `\theta` becomes a TAB and `heta`,
//! `\beta` a backspace and `eta`, `\frac` a form feed and `rac`, `\right` a
//! carriage return and `ight`, `\nonumber` a line break and `onumber`. Text
//! extracted from a PDF often drops the control character too, leaving
//! `oldsymbol{eta}` for `\boldsymbol{\beta}` and `egin{aligned}` for
//! `\begin{aligned}`. This module finds such words and says what they were;
//! `check` then reads the repaired text, so the damage is reported once, as
//! damage, rather than as a cryptic parse error.

use super::offsets::Edit;
use std::ops::Range;

/// What may follow a damaged word for it to count as damage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Follow {
    /// Anything but a letter: `heta_{10}`, `eta`.
    Any,
    /// A braced argument: `egin{`, `rac{`, `oldsymbol{`.
    Brace,
    /// A subscript or prime, for short words: `hi_1`, `si'_{11}`.
    Script,
    /// A delimiter, for `\left` and `\right`: `ight]`, `eft(`.
    Delimiter,
}

/// The commands whose damaged spelling is recognised, with what must follow.
const COMMANDS: &[(&str, Follow)] = &[
    ("theta", Follow::Any),
    ("vartheta", Follow::Any),
    ("beta", Follow::Any),
    ("omega", Follow::Any),
    ("varphi", Follow::Any),
    ("times", Follow::Any),
    ("nonumber", Follow::Any),
    ("phi", Follow::Script),
    ("psi", Follow::Script),
    ("begin", Follow::Brace),
    ("end", Follow::Brace),
    ("frac", Follow::Brace),
    ("text", Follow::Brace),
    ("mathbf", Follow::Brace),
    ("mathrm", Follow::Brace),
    ("boldsymbol", Follow::Brace),
    ("operatorname", Follow::Brace),
    ("right", Follow::Delimiter),
    ("left", Follow::Delimiter),
];

/// One damaged command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// The damaged text in the document, control character included.
    pub range: Range<usize>,
    /// The command it was: `\theta`.
    pub original: String,
    /// The repair that restores it.
    pub edit: Edit,
    /// The escape sequence that ate the letters (`\t`), if a control
    /// character is left.
    pub escape: Option<&'static str>,
}

/// The control character an escape sequence `\c` turns into.
fn control(letter: u8) -> Option<(u8, &'static str)> {
    Some(match letter {
        b't' => (b'\t', "\\t"),
        b'b' => (0x08, "\\b"),
        b'f' => (0x0c, "\\f"),
        b'r' => (b'\r', "\\r"),
        b'n' => (b'\n', "\\n"),
        b'v' => (0x0b, "\\v"),
        b'a' => (0x07, "\\a"),
        b'e' => (0x1b, "\\e"),
        _ => return None,
    })
}

/// Finds damaged commands in `source[range]`.
pub fn find(source: &str, range: Range<usize>) -> Vec<Damage> {
    let bytes = source.as_bytes();
    let end = range.end.min(bytes.len());
    let mut found = Vec::new();
    let mut i = range.start;
    while i < end {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let run = bytes[i..end]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let before = i.checked_sub(1).map(|p| bytes[p]);
        if before.is_none_or(|b| b != b'\\' && !b.is_ascii_alphabetic()) {
            if let Some(d) = damaged(source, i, i + run) {
                found.push(d);
            }
        }
        i += run;
    }
    found
}

/// The damage at the word `source[start..end]`, if it is a known command
/// without its first letter.
pub fn damaged(source: &str, start: usize, end: usize) -> Option<Damage> {
    let word = &source[start..end];
    let rest = &source[end..];
    let (command, _) = COMMANDS
        .iter()
        .find(|(c, follow)| &c[1..] == word && follows(*follow, rest))?;
    let letter = command.as_bytes()[0];
    let ate = start
        .checked_sub(1)
        .and_then(|p| control(letter).filter(|(c, _)| source.as_bytes()[p] == *c));
    let (from, escape) = match ate {
        Some((_, escape)) => (start - 1, Some(escape)),
        None => (start, None),
    };
    Some(Damage {
        range: from..end,
        original: format!("\\{command}"),
        edit: Edit {
            range: from..start,
            text: format!("\\{}", letter as char),
        },
        escape,
    })
}

/// Whether `rest`, the text after a damaged word, fits what must follow it.
fn follows(follow: Follow, rest: &str) -> bool {
    match follow {
        Follow::Any => true,
        Follow::Brace => rest.starts_with('{'),
        Follow::Script => rest.starts_with(['_', '\'', '^']),
        Follow::Delimiter => rest
            .trim_start_matches(' ')
            .starts_with(['[', ']', '(', ')', '.', '\\', '|']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn originals(s: &str) -> Vec<String> {
        find(s, 0..s.len())
            .into_iter()
            .map(|d| d.original)
            .collect()
    }

    #[test]
    fn finds_lost_letters() {
        assert_eq!(
            originals("oldsymbol{eta}_0 + \theta_{11}x"),
            ["\\boldsymbol", "\\beta", "\\theta"]
        );
        assert_eq!(originals("egin{aligned} a\right]"), ["\\begin", "\\right"]);
    }

    #[test]
    fn leaves_good_text_alone() {
        assert!(originals("\\theta_{10} + beta_0 + theta_1 + \\eta + right").is_empty());
    }
}
