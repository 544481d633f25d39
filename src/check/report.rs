//! A [`Report`] as text (the rendered diagnostics and a summary line) and as
//! JSON (one object per finding: `code`, `severity`, `line`, `column`,
//! `message`, `fix`).

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
    pub fn render(&self, file_name: &str, source: &str, color: bool) -> String {
        let diagnostics: Vec<_> = self.findings.iter().map(with_fix).collect();
        let mut out = diagnostic::render(file_name, source, &diagnostics, color);
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The findings as JSON: an array of objects with `code`, `severity`,
    /// `line` and `column` (1-based; columns count characters; 0 for a
    /// finding about the whole input), `message` and `fix` (or null).
    pub fn to_json(&self, source: &str) -> serde_json::Value {
        let findings = self
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
                    "fix": f.fix,
                })
            })
            .collect();
        serde_json::Value::Array(findings)
    }
}

/// The diagnostic with the corrected text added to its hint.
fn with_fix(f: &Finding) -> diagnostic::Diagnostic {
    let mut d = f.diagnostic.clone();
    if let Some(fix) = &f.fix {
        d.help = Some(match d.help.take() {
            Some(help) => format!("{help}\ncorrected: {fix}"),
            None => format!("corrected: {fix}"),
        });
    }
    d
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
