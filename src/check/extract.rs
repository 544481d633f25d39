//! From a document to the text `check` parses, keeping offsets.
//!
//! Damaged commands are repaired first (see [`crate::document::damage`]):
//! `oldsymbol{eta}` is read as `\boldsymbol{\beta}`. The repaired copy is
//! then read by the document reader that every command uses
//! ([`crate::document::read`]), so that `check` reads exactly the equations
//! `convert` reads. Damage is reported in every delimited region, and in
//! plain text only on the lines read as equations, so that the word "eta"
//! in prose is left alone.

use crate::diagnostic::Diagnostic;
use crate::document::{self, Analysed, Damage, Edit, Finding, Reading};
use crate::syntax::Span;
use std::ops::Range;

/// The text to parse and what extraction found on the way.
#[derive(Clone, Debug)]
pub struct Extraction {
    /// The map between the document and its repaired copy. The copy's text
    /// is freed once extraction has read it: only the map is kept.
    repaired: Analysed,
    /// What the document reader read from the repaired copy; its text is the
    /// one to parse.
    pub reading: Reading,
    /// Damage, unbalanced delimiters and environments.
    pub findings: Vec<Finding>,
    /// Where sections (slides, headings) start, as offsets into the text to
    /// parse.
    pub sections: Vec<u32>,
}

impl Extraction {
    /// The text to parse.
    pub fn text(&self) -> &str {
        &self.reading.analysed.text
    }

    /// A span of the text to parse as a span of the document.
    pub fn span(&self, span: Span) -> Span {
        self.repaired.span(self.reading.analysed.span(span))
    }

    /// A document offset as an offset of the text to parse.
    pub fn to_parsed(&self, at: usize) -> u32 {
        let copy = self.repaired.to_copy(at);
        self.reading.analysed.to_copy(copy) as u32
    }

    /// A span of the repaired copy as a span of the document.
    pub fn repaired_to_document(&self, span: Span) -> Span {
        self.repaired.span(span)
    }

    /// A document span as a span of the repaired copy.
    fn repaired_span(&self, span: Span) -> Span {
        Span::new(
            self.repaired.to_copy(span.start as usize),
            self.repaired.to_copy(span.end as usize),
        )
    }

    /// Whether a document offset falls in an equation the reader read.
    fn in_equation(&self, at: usize) -> bool {
        let at = self.repaired.to_copy(at) as u32;
        let eqs = &self.reading.equations;
        let i = eqs.partition_point(|e| e.end <= at);
        eqs.get(i).is_some_and(|e| e.start <= at)
    }
}

/// Extracts the equations of `source`.
pub fn extract(source: &str) -> Extraction {
    let scan = document::scan(source);
    let mut damage = scan.damage;
    for r in &scan.regions {
        damage.extend(document::find_damage(source, r.content.clone()));
    }
    damage.sort_by_key(|d| d.range.start);
    damage.dedup_by_key(|d| d.range.start);
    let respelled: Vec<super::brackets::Respelled> = scan
        .regions
        .iter()
        .flat_map(|r| super::brackets::find(source, r.content.clone()))
        .filter(|r| {
            !damage.iter().any(|d| {
                r.edits
                    .iter()
                    .any(|e| e.range.start < d.range.end && d.range.start < e.range.end)
            })
        })
        .collect();
    let mut edits: Vec<Edit> = damage.iter().map(|d| d.edit.clone()).collect();
    edits.extend(respelled.iter().flat_map(|r| r.edits.iter().cloned()));
    edits.sort_by_key(|e| e.range.start);
    // Nothing repaired (the usual case), the document is read as it is,
    // not copied: the map is the identity.
    let repaired = if edits.is_empty() {
        Analysed::default()
    } else {
        Analysed::new(source, &edits)
    };
    let reading = document::read(if edits.is_empty() {
        source
    } else {
        &repaired.text
    });
    let mut extraction = Extraction {
        repaired,
        reading,
        findings: Vec::new(),
        sections: Vec::new(),
    };
    let text = if edits.is_empty() {
        source
    } else {
        &extraction.repaired.text
    };
    let mut findings = scan.findings;
    findings.extend(respelled.into_iter().map(|r| r.finding));
    for r in &scan.regions {
        let content = extraction.repaired_span(Span::new(r.content.start, r.content.end));
        // An environment never closed runs to the end of the document; the
        // `\end{…}` of another name inside it is where it went wrong.
        let unclosed = (r.close.is_empty() && !r.open.is_empty())
            .then(|| environment_name(&source[r.open.clone()]))
            .flatten()
            .map(|name| {
                (
                    name,
                    extraction.repaired_span(Span::new(r.open.start, r.open.end)),
                )
            });
        let found = balance(
            text,
            &extraction.repaired,
            content.start as usize..content.end as usize,
            unclosed,
        );
        findings.extend(found);
    }
    for d in &damage {
        let in_region = |r: &document::Region| r.delimited && r.content.contains(&d.range.start);
        let in_math = scan.regions.iter().any(in_region) || extraction.in_equation(d.range.start);
        let is_environment = d.original == "\\begin" || d.original == "\\end";
        if in_math || is_environment {
            findings.push(damage_finding(source, text, &extraction.repaired, d));
        }
    }
    extraction.findings = findings;
    extraction.sections = scan
        .sections
        .iter()
        .map(|&s| {
            let copy = extraction.repaired.to_copy(s);
            extraction.reading.analysed.to_copy(copy) as u32
        })
        .collect();
    extraction.repaired.text = String::new();
    extraction
}

/// The name in `\begin{name}` or `\end{name}`.
fn environment_name(token: &str) -> Option<&str> {
    let open = token.find('{')?;
    token[open + 1..].strip_suffix('}')
}

/// Unbalanced `\begin`/`\end` and `\left`/`\right` inside one region of the
/// repaired text `repaired` (`full` maps it to the document). `unclosed` is
/// the region's own `\begin{…}` (name and span in the repaired text) when
/// nothing closes it: the first `\end{…}` of another name that closes
/// nothing opened inside is reported as closing it.
fn balance(
    repaired: &str,
    full: &Analysed,
    content: Range<usize>,
    mut unclosed: Option<(&str, Span)>,
) -> Vec<Finding> {
    let text = &repaired[content.clone()];
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
                } else if envs.is_empty() {
                    let Some((open, opened)) = unclosed.take_if(|(open, _)| *open != env_name)
                    else {
                        continue;
                    };
                    let d = Diagnostic::error(
                        "environment",
                        format!("`\\end{{{env_name}}}` closes `\\begin{{{open}}}`"),
                        span(i, at + close + 1),
                    )
                    .with_label(format!("expected `\\end{{{open}}}`"))
                    .with_secondary(full.span(opened), "opened here");
                    found.push(Finding::new(d).with_fix(format!("\\end{{{open}}}")));
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

/// The finding for one damaged command: what it was, and the repaired line
/// (in `repaired`, which `full` maps to the document).
fn damage_finding(source: &str, repaired: &str, full: &Analysed, d: &Damage) -> Finding {
    let found = source[d.range.clone()].trim_start_matches(|c: char| c.is_control());
    let why = match d.escape {
        Some(escape) => format!(
            "`{escape}` in `{}` was read as an escape sequence",
            d.original
        ),
        None => format!("`{}` lost its backslash and first letter", d.original),
    };
    let at = full.to_copy(d.range.start);
    let line_start = repaired[..at].rfind('\n').map_or(0, |n| n + 1);
    let line_end = repaired[at..].find('\n').map_or(repaired.len(), |n| at + n);
    let line = repaired[line_start..line_end].trim();
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
