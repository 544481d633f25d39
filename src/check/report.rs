//! A [`Report`] as text (the rendered diagnostics, a summary line and the
//! coverage line) and as JSON (`findings`, one object per finding: `code`,
//! `severity`, `line`, `column`, `message`, `fix`; `analysed`, `skipped`,
//! `silenced`).

use super::{Finding, Report};
use crate::diagnostic::{self, Severity};

impl Report {
    /// Whether any finding is an error (`check` then exits with 1).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.diagnostic.is_error())
    }

    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.diagnostic.severity == severity)
            .count()
    }

    /// The summary line: `2 errors, 1 warning, 1 info`, or `no findings`.
    pub fn summary(&self) -> String {
        if self.findings.is_empty() {
            return "no findings".into();
        }
        let plural = |n: usize, word: &str| {
            format!(
                "{n} {word}{}",
                if n == 1 || word == "info" { "" } else { "s" }
            )
        };
        [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "info"),
        ]
        .iter()
        .map(|&(s, word)| plural(self.count(s), word))
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// The findings rendered against `source` (file:line:col, the source
    /// line, a caret, the corrected equation), then the summary line.
    ///
    /// At most `SHOWN_PER_CODE` findings of each code are rendered, then
    /// one line says how many more there are (JSON has them all), so the
    /// text stays about as long as the document however many findings it has.
    pub fn render(&self, file_name: &str, source: &str, color: bool) -> String {
        let mut shown: Vec<(&str, usize)> = Vec::new();
        let mut diagnostics = Vec::new();
        for f in &self.findings {
            let code = f.diagnostic.code;
            let i = shown
                .iter()
                .position(|(c, _)| *c == code)
                .unwrap_or_else(|| {
                    shown.push((code, 0));
                    shown.len() - 1
                });
            shown[i].1 += 1;
            if shown[i].1 <= SHOWN_PER_CODE {
                diagnostics.push(with_fix(f, source));
            }
        }
        let mut out = diagnostic::render(file_name, source, &diagnostics, color);
        for (code, n) in shown.iter().filter(|(_, n)| *n > SHOWN_PER_CODE) {
            out.push_str(&format!(
                "… and {} more `{code}` findings (--format json lists them all)\n\n",
                n - SHOWN_PER_CODE
            ));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out.push_str(&self.coverage(source));
        out.push('\n');
        out
    }

    /// The coverage line: how many math blocks were analysed, each block
    /// skipped with its line and reason, and how many findings were
    /// silenced: `analysed 4 math blocks; skipped 2: line 3 (no network
    /// equation), line 9 (a parameter set)`.
    pub fn coverage(&self, source: &str) -> String {
        let blocks = |n: usize| format!("{n} math block{}", if n == 1 { "" } else { "s" });
        let mut out = format!("analysed {}", blocks(self.analysed));
        if self.skipped.is_empty() {
            out.push_str("; skipped none");
        } else {
            let list: Vec<String> = self
                .skipped
                .iter()
                .map(|s| {
                    let (line, _) = line_column(source, s.span.start as usize);
                    format!("line {line} ({})", s.reason)
                })
                .collect();
            out.push_str(&format!(
                "; skipped {}: {}",
                self.skipped.len(),
                list.join(", ")
            ));
        }
        if self.silenced > 0 {
            out.push_str(&format!(
                "; {} finding{} silenced",
                self.silenced,
                if self.silenced == 1 { "" } else { "s" }
            ));
        }
        out
    }

    /// The report as JSON: `findings`, an array of objects with `code`,
    /// `severity`, `line` and `column` (1-based; columns count characters;
    /// 0 for a finding about the whole input), `message` and `fix` (or
    /// null); `analysed`, the number of math blocks analysed; `skipped`,
    /// each block not analysed as `{line, reason}`; `silenced`, the number
    /// of findings silenced.
    pub fn to_json(&self, source: &str) -> serde_json::Value {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                let (line, column) = d
                    .span
                    .map_or((0, 0), |s| line_column(source, s.start as usize));
                serde_json::json!({
                    "code": d.code,
                    "severity": d.severity,
                    "line": line,
                    "column": column,
                    "message": d.message,
                    "fix": f.fix.as_deref().map(|fix| quoted_fix(source, d.span, fix)),
                })
            })
            .collect();
        let skipped: Vec<serde_json::Value> = self
            .skipped
            .iter()
            .map(|s| {
                let (line, _) = line_column(source, s.span.start as usize);
                serde_json::json!({ "line": line, "reason": s.reason })
            })
            .collect();
        serde_json::json!({
            "findings": findings,
            "analysed": self.analysed,
            "skipped": skipped,
            "silenced": self.silenced,
        })
    }
}

/// The diagnostic with the corrected text added to its hint.
fn with_fix(f: &Finding, source: &str) -> diagnostic::Diagnostic {
    let mut d = f.diagnostic.clone();
    if let Some(fix) = &f.fix {
        let fix = quoted_fix(source, d.span, fix);
        d.help = Some(match d.help.take() {
            Some(help) => format!("{help}\ncorrected: {fix}"),
            None => format!("corrected: {fix}"),
        });
    }
    d
}

/// The rendered findings of one code before the rest are only counted.
pub const SHOWN_PER_CODE: usize = 50;

/// Corrected text longer than this many bytes is quoted around the finding
/// only, so that findings on one long line do not each repeat all of it.
pub const LONG_FIX: usize = crate::document::LONG_FIX;

/// Characters of corrected text quoted on each side of the finding's place.
const FIX_CONTEXT: usize = 60;

/// The corrected text as a finding quotes it: whole when short; when long,
/// a window around the place that corresponds to the finding's span, with
/// `…` where it is cut. The place is found from the common beginning of the
/// source line and the corrected text when the correction starts at the
/// finding, else in proportion to the lengths (earlier corrections on the
/// line shift it).
fn quoted_fix<'a>(
    source: &str,
    span: Option<crate::syntax::Span>,
    fix: &'a str,
) -> std::borrow::Cow<'a, str> {
    if fix.len() <= LONG_FIX {
        return fix.into();
    }
    let at = span.map_or(0, |s| (s.start as usize).min(source.len()));
    let line_start = source[..floor(source, at)].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let line = &source[line_start..line_end];
    let offset = at - line_start;
    let common = line
        .bytes()
        .zip(fix.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let centre = if common >= offset {
        offset
    } else {
        (offset as u128 * fix.len() as u128 / line.len().max(1) as u128) as usize
    };
    let from = floor(fix, centre.saturating_sub(FIX_CONTEXT));
    let to = floor(fix, centre.saturating_add(FIX_CONTEXT).min(fix.len()));
    let mut out = String::with_capacity(to - from + 8);
    if from > 0 {
        out.push('…');
    }
    out.push_str(&fix[from..to]);
    if to < fix.len() {
        out.push('…');
    }
    out.into()
}

/// The nearest character boundary at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The 1-based line and character column of a byte offset.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, source[start..offset].chars().count() + 1)
}
