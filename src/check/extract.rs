//! From a document to the text `check` parses, keeping offsets.
//!
//! The math regions ([`super::regions`]) are split into segments at line
//! breaks, `\\` and `\begin`/`\end`. A segment is kept when it is a network
//! equation — its left side (before the first `=`) is one name netform
//! reads, not in bold — or when it continues a kept one (it starts with `+`,
//! `-` or `=`, or the kept one ends with an operator; this also joins
//! `$y = φ_0 + φ_1h_1$` and a following `$+ φ_2h_2$`). Everything else —
//! prose, `$K = 3$`, `$a[z] = \max(0, z)$`, vector and matrix forms — is
//! blanked. Delimiters of regions with a kept segment stay, since the parser
//! reads `$`, `\[` and `\begin{align*}` as equation breaks.
//!
//! Damaged commands are repaired before anything else (see
//! [`super::damage`]); damage is reported in every delimited region, and in
//! plain text only on kept lines, so that the word "eta" in prose is left
//! alone.

use super::damage::{self, Damage};
use super::offsets::{blank_outside, Analysed, Edit};
use super::regions::{self, Region};
use super::Finding;
use crate::diagnostic::Diagnostic;
use std::ops::Range;

/// The text to parse and what extraction found on the way.
#[derive(Clone, Debug)]
pub struct Extraction {
    /// Prose blanked, damage repaired.
    pub analysed: Analysed,
    /// Damage, unbalanced delimiters and environments.
    pub findings: Vec<Finding>,
    /// Where sections (slides, headings) start, as offsets into the copy.
    pub sections: Vec<u32>,
}

/// Extracts the equations of `source`.
pub fn extract(source: &str) -> Extraction {
    let scan = regions::scan(source);
    let mut damage = scan.damage;
    for r in &scan.regions {
        damage.extend(damage::find(source, r.content.clone()));
    }
    damage.sort_by_key(|d| d.range.start);
    damage.dedup_by_key(|d| d.range.start);
    let mut edits: Vec<Edit> = damage.iter().map(|d| d.edit.clone()).collect();
    edits.extend(scan.separators.iter().map(|&at| Edit {
        range: at..at + 1,
        text: ";".into(),
    }));
    edits.sort_by_key(|e| e.range.start);
    let full = Analysed::new(source, &edits);
    let mut keep = Vec::new();
    let mut findings = scan.findings;
    let mut previous = false;
    for r in &scan.regions {
        let copy = |x: usize| full.to_copy(x);
        let content = copy(r.content.start)..copy(r.content.end);
        let kept = kept_segments(&full.text, content.clone(), &mut previous);
        if !kept.is_empty() {
            keep.push(copy(r.open.start)..copy(r.open.end));
            keep.push(copy(r.close.start)..copy(r.close.end));
        }
        findings.extend(balance(&full, content));
        keep.extend(kept);
    }
    for d in &damage {
        let at = full.to_copy(d.range.start);
        let in_region = |r: &Region| r.delimited && r.content.contains(&d.range.start);
        let in_math = scan.regions.iter().any(in_region) || keep.iter().any(|k| k.contains(&at));
        let is_environment = d.original == "\\begin" || d.original == "\\end";
        if in_math || is_environment {
            findings.push(damage_finding(source, &full, d));
        }
    }
    let blanked = blank_outside(&full.text, &keep);
    let sections = scan
        .sections
        .iter()
        .map(|&s| full.to_copy(s) as u32)
        .collect();
    Extraction {
        analysed: full.with_text(blanked),
        findings,
        sections,
    }
}

/// What a segment of math is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Nothing but spaces and `&`.
    Empty,
    /// A network equation: `h_1 &= a[…]`.
    Equation,
    /// The rest of the previous equation: `+ φ_3h_3`.
    Continuation,
    /// Anything else: prose math, vector forms.
    Other,
}

/// The kept segments of `text[content]`; `previous` says whether the last
/// non-empty segment before was kept, and is updated.
fn kept_segments(text: &str, content: Range<usize>, previous: &mut bool) -> Vec<Range<usize>> {
    let mut kept = Vec::new();
    let mut last_text = "";
    for (range, separator) in segments(text, content) {
        if separator {
            let env = environment_name(&text[range.clone()]);
            if env.is_some_and(|e| crate::syntax::ENVIRONMENTS.contains(&e)) {
                kept.push(range);
            }
            continue;
        }
        let segment = &text[range.clone()];
        let class = classify(segment);
        let open_end = last_text.trim_end().ends_with(['+', '-', '=', '*']);
        let keep = match class {
            Class::Empty => continue,
            Class::Equation => true,
            Class::Continuation => *previous,
            Class::Other => *previous && open_end,
        };
        if keep {
            kept.push(range);
            last_text = segment;
        } else {
            last_text = "";
        }
        *previous = keep;
    }
    kept
}

/// Splits `text[content]` at line breaks, `\\` and `\begin{…}`/`\end{…}`;
/// the latter come back as separators (`true`).
fn segments(text: &str, content: Range<usize>) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = content.start;
    let mut i = content.start;
    while i < content.end {
        let rest = &bytes[i..content.end];
        let sep = if bytes[i] == b'\n' {
            Some((1, false))
        } else if rest.starts_with(b"\\\\") {
            Some((2, false))
        } else if rest.starts_with(b"\\begin{") || rest.starts_with(b"\\end{") {
            rest.iter().position(|&b| b == b'}').map(|n| (n + 1, true))
        } else {
            None
        };
        match sep {
            Some((len, token)) => {
                out.push((start..i, false));
                if token {
                    out.push((i..i + len, true));
                }
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.push((start..content.end, false));
    out
}

/// The name in `\begin{name}` or `\end{name}`.
fn environment_name(token: &str) -> Option<&str> {
    let open = token.find('{')?;
    token[open + 1..].strip_suffix('}')
}

/// Classifies one segment.
fn classify(segment: &str) -> Class {
    let trimmed = segment.trim_matches(|c: char| c.is_whitespace() || c == '&');
    if trimmed.is_empty() || trimmed.starts_with('%') {
        return Class::Empty;
    }
    if trimmed.starts_with(['+', '-', '=', '−']) {
        return Class::Continuation;
    }
    let Some(eq) = segment.find('=') else {
        return Class::Other;
    };
    let lhs: String = segment[..eq].chars().filter(|&c| c != '&').collect();
    let lhs = lhs.trim();
    let bold = ["\\mathbf", "\\boldsymbol", "\\bm"]
        .iter()
        .any(|b| lhs.contains(b));
    if !bold
        && !vector_notation(segment)
        && !lhs.is_empty()
        && crate::syntax::parse_symbol(lhs).is_ok()
    {
        Class::Equation
    } else {
        Class::Other
    }
}

/// Whether a segment is written with vectors and matrices (bold names,
/// transposes, matrices, the 2-D drawings of the Unicode matrix form):
/// `check` reads the scalar notation, and leaves these to lowering.
fn vector_notation(segment: &str) -> bool {
    const MARKS: [&str; 10] = [
        "\\mathbf",
        "\\boldsymbol",
        "\\bm",
        "bb(",
        "matrix}",
        "^T",
        "^{T}",
        "^\\top",
        "ᵀ",
        "[[",
    ];
    MARKS.iter().any(|m| segment.contains(m))
        || segment.chars().any(|c| {
            ('\u{1D400}'..='\u{1D7FF}').contains(&c) || ('\u{23A1}'..='\u{23A6}').contains(&c)
        })
}

/// Unbalanced `\begin`/`\end` and `\left`/`\right` inside one region of the
/// repaired text.
fn balance(full: &Analysed, content: Range<usize>) -> Vec<Finding> {
    let text = &full.text[content.clone()];
    let mut found = Vec::new();
    let mut lefts: Vec<usize> = Vec::new();
    let mut envs: Vec<(&str, Range<usize>)> = Vec::new();
    let mut at = 0;
    while let Some(n) = text[at..].find('\\') {
        let i = at + n;
        let run = text[i + 1..]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let name = &text[i + 1..i + 1 + run];
        at = i + 1 + run;
        let span = |a: usize, b: usize| {
            full.span(crate::syntax::Span::new(
                content.start + a,
                content.start + b,
            ))
        };
        match name {
            "left" => lefts.push(i),
            "right" if lefts.pop().is_none() => found.push(Finding::new(
                Diagnostic::error("left-right", "`\\right` without `\\left`", span(i, i + 6))
                    .with_label("nothing to close"),
            )),
            "begin" | "end" => {
                let Some(close) = text[at..].find('}') else {
                    continue;
                };
                let env = &text[i..at + close + 1];
                let env_name = environment_name(env).unwrap_or("");
                if name == "begin" {
                    envs.push((env_name, i..at + close + 1));
                } else if let Some((open, r)) = envs.pop() {
                    if open != env_name {
                        let d = Diagnostic::error(
                            "environment",
                            format!("`\\end{{{env_name}}}` closes `\\begin{{{open}}}`"),
                            span(i, at + close + 1),
                        )
                        .with_label(format!("expected `\\end{{{open}}}`"))
                        .with_secondary(span(r.start, r.end), "opened here");
                        found.push(Finding::new(d).with_fix(format!("\\end{{{open}}}")));
                    }
                }
            }
            _ => {}
        }
    }
    for i in lefts {
        let d = Diagnostic::error(
            "left-right",
            "`\\left` without `\\right`",
            full.span(crate::syntax::Span::new(
                content.start + i,
                content.start + i + 5,
            )),
        )
        .with_label("never closed")
        .with_help("every `\\left` needs a `\\right` in the same equation");
        found.push(Finding::new(d));
    }
    for (name, r) in envs {
        let d = Diagnostic::error(
            "environment",
            format!("`\\begin{{{name}}}` is never closed"),
            full.span(crate::syntax::Span::new(
                content.start + r.start,
                content.start + r.end,
            )),
        )
        .with_label("opened here");
        found.push(Finding::new(d));
    }
    found
}

/// The finding for one damaged command: what it was, and the repaired line.
fn damage_finding(source: &str, full: &Analysed, d: &Damage) -> Finding {
    let found = source[d.range.clone()].trim_start_matches(|c: char| c.is_control());
    let why = match d.escape {
        Some(escape) => format!(
            "`{escape}` in `{}` was read as an escape sequence",
            d.original
        ),
        None => format!("`{}` lost its backslash and first letter", d.original),
    };
    let at = full.to_copy(d.range.start);
    let line_start = full.text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line_end = full.text[at..]
        .find('\n')
        .map_or(full.text.len(), |n| at + n);
    let line = full.text[line_start..line_end].trim();
    let diag = Diagnostic::error(
        "damaged",
        format!(
            "`{found}` looks like `{}` damaged by copy–paste",
            d.original
        ),
        crate::syntax::Span::new(d.range.start, d.range.end),
    )
    .with_label(format!("probably `{}`", d.original))
    .with_help(format!(
        "{why}; check how the text was copied (a raw string keeps backslashes)"
    ));
    Finding::new(diag).with_fix(line.to_string())
}
