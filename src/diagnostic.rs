//! Diagnostics: errors, warnings and notes that point into the source text.
//!
//! Every stage that reads text reports problems as [`Diagnostic`] values (plain
//! data: what, where, what was expected); [`render`] is the one place that
//! turns them into text with the source line and a caret.

use crate::syntax::Span;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably a mistake, but the input still means something.
    Warning,
    /// The input cannot be used.
    Error,
}

/// One finding about the input: a short code, a message, where, and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A short stable code such as `parse` or `undefined`.
    pub code: &'static str,
    /// The title, without a trailing period: ``unexpected `+` ``.
    pub message: String,
    /// Where in the source; `None` when the finding is about the input as a whole.
    pub span: Option<Span>,
    /// The text under the caret: `expected an operand here`.
    pub label: String,
    /// Further spans with their own labels (the first definition of a name, say).
    pub secondary: Vec<(Span, String)>,
    /// A hint on how to fix it, if one helps.
    pub help: Option<String>,
}

impl Diagnostic {
    /// Makes an error at `span`.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: Some(span),
            label: String::new(),
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Makes a warning at `span`.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }

    /// Makes an error about the input as a whole (an empty file, say).
    pub fn global(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span: None,
            ..Diagnostic::error(code, message, Span::default())
        }
    }

    /// Sets the label under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    /// Adds a secondary span with its label.
    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary.push((span, label.into()));
        self
    }

    /// Sets the hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Renders diagnostics against their source, as a terminal shows them:
///
/// ```text
/// error[parse]: unexpected `+`
///   ┌─ slide.tex:1:14
///   │
/// 1 │ h₁ = a[θ₁₀ + + θ₁₁x]
///   │              ^ expected an operand here
/// ```
///
/// `color` chooses ANSI colours; pass `false` for files and tests.
pub fn render(file_name: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let file = SimpleFile::new(file_name, source);
    let config = term::Config {
        chars: term::Chars::box_drawing(),
        ..term::Config::default()
    };
    let mut out = String::new();
    for d in diagnostics {
        let report = to_report(d, source.len());
        if color {
            let mut buf = term::termcolor::Buffer::ansi();
            let _ = term::emit_to_write_style(&mut buf, &config, &file, &report);
            out.push_str(&String::from_utf8_lossy(buf.as_slice()));
        } else {
            match term::emit_into_string(&config, &file, &report) {
                Ok(s) => out.push_str(&s),
                Err(e) => out.push_str(&format!("error: {}\n", e)),
            }
        }
    }
    out
}

fn to_report(d: &Diagnostic, len: usize) -> Report<()> {
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
        Severity::Info => Report::note(),
    };
    let clamp = |s: Span| (s.start as usize).min(len)..(s.end as usize).min(len);
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        labels.push(Label::primary((), clamp(span)).with_message(d.label.clone()));
    }
    for (span, text) in &d.secondary {
        labels.push(Label::secondary((), clamp(*span)).with_message(text.clone()));
    }
    let mut report = report
        .with_code(d.code)
        .with_message(d.message.clone())
        .with_labels(labels);
    if let Some(help) = &d.help {
        report = report.with_notes(vec![format!("help: {help}")]);
    }
    report
}
