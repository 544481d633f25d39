//! Diagnostics: errors, warnings and notes that point into the source text.
//!
//! Every stage that reads text reports problems as [`Diagnostic`] values (plain
//! data: what, where, what was expected); [`render`] is the one place that
//! turns them into text with the source line and a caret.

use crate::syntax::Span;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term;
use std::ops::Range;

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
    let visible = visible(source);
    let source = visible.as_ref();
    if source.split('\n').any(|line| line.len() > LONG_LINE) {
        let excerpt = Excerpt::new(file_name, source, diagnostics);
        return render_in(&excerpt, diagnostics, color, |s| excerpt.shown(s));
    }
    render_in(
        &SimpleFile::new(file_name, source),
        diagnostics,
        color,
        |s| {
            let len = source.len();
            (s.start as usize).min(len)..(s.end as usize).min(len)
        },
    )
}

/// The source with every invisible character (zero-width spaces and joiners,
/// direction marks and overrides, the byte-order mark) shown as `�`: each is
/// three bytes in UTF-8, as `�` is, so every offset stays the same, and a
/// caret under one has a column to stand in.
fn visible(source: &str) -> std::borrow::Cow<'_, str> {
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    // Every invisible character starts with byte 0xE2 or 0xEF: a fast
    // look at the bytes spares decoding a long source that has none.
    if !source.bytes().any(|b| b == 0xE2 || b == 0xEF) || !source.contains(invisible) {
        return source.into();
    }
    source.replace(invisible, "\u{FFFD}").into()
}

/// Source lines longer than this many bytes are shown as a window around
/// each label, so that a 100 MB line gives a short message.
pub const LONG_LINE: usize = 240;

/// Characters shown on each side of a label in a long line, and the most
/// characters of a label shown.
const CONTEXT: usize = 60;

/// Renders against `files`, with `range` placing a span in its source.
fn render_in<'f, F>(
    files: &'f F,
    diagnostics: &[Diagnostic],
    color: bool,
    range: impl Fn(Span) -> Range<usize>,
) -> String
where
    F: Files<'f, FileId = ()>,
{
    let config = term::Config {
        chars: term::Chars::box_drawing(),
        ..term::Config::default()
    };
    let mut out = String::new();
    for d in diagnostics {
        let report = to_report(d, &range);
        if color {
            let mut buf = term::termcolor::Buffer::ansi();
            let _ = term::emit_to_write_style(&mut buf, &config, files, &report);
            out.push_str(&String::from_utf8_lossy(buf.as_slice()));
        } else {
            match term::emit_into_string(&config, files, &report) {
                Ok(s) => out.push_str(&s),
                Err(e) => out.push_str(&format!("error: {}\n", e)),
            }
        }
    }
    out
}

/// The source as diagnostics show it when some lines are long: short lines
/// whole, long lines cut to windows around the labels, joined by `…`. Line
/// numbers are kept, and locations are those of the original text.
struct Excerpt<'a> {
    original: &'a str,
    original_lines: Vec<usize>,
    shown: SimpleFile<&'a str, String>,
    /// Kept pieces, in order: (start in the shown text, start in the original, length).
    pieces: Vec<(usize, usize, usize)>,
}

impl<'a> Excerpt<'a> {
    fn new(name: &'a str, original: &'a str, diagnostics: &[Diagnostic]) -> Excerpt<'a> {
        let mut marks: Vec<(usize, usize)> = diagnostics
            .iter()
            .flat_map(|d| d.span.iter().chain(d.secondary.iter().map(|(s, _)| s)))
            .map(|s| {
                let start = (s.start as usize).min(original.len());
                (start, (s.end as usize).clamp(start, original.len()))
            })
            .collect();
        marks.sort_unstable();
        let mut text = String::new();
        let mut pieces = Vec::new();
        let mut at = 0;
        for line in original.split_inclusive('\n') {
            let end = at + line.len();
            if line.len() <= LONG_LINE {
                pieces.push((text.len(), at, line.len()));
                text.push_str(line);
            } else {
                let windows = windows(original, at, end, &marks);
                for (i, &(from, to)) in windows.iter().enumerate() {
                    if from > at || i > 0 {
                        text.push('…');
                    }
                    pieces.push((text.len(), from, to - from));
                    text.push_str(&original[from..to]);
                }
                if windows.last().is_some_and(|w| w.1 < end) {
                    text.push('…');
                }
                if line.ends_with('\n') {
                    text.push('\n');
                }
            }
            at = end;
        }
        Excerpt {
            original,
            original_lines: codespan_reporting::files::line_starts(original).collect(),
            shown: SimpleFile::new(name, text),
            pieces,
        }
    }

    /// Where an original span is in the shown text; a label longer than the
    /// window is cut at the window's end.
    fn shown(&self, span: Span) -> Range<usize> {
        let start = self.to_shown(span.start as usize, false);
        start..self.to_shown(span.end as usize, true).max(start)
    }

    fn to_shown(&self, offset: usize, end: bool) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.1 <= offset)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(shown, from, len)) if offset <= from + len || end => {
                shown + (offset - from).min(len)
            }
            Some(&(shown, _, len)) => shown + len,
            None => 0,
        }
    }

    fn to_original(&self, shown: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.0 <= shown)
            .saturating_sub(1);
        self.pieces
            .get(i)
            .map_or(0, |&(at, from, len)| from + (shown - at).min(len))
    }
}

/// The windows of the long line `start..end` to show: around each mark on
/// it, merged, on character boundaries; the line's beginning if none.
fn windows(text: &str, start: usize, end: usize, marks: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let back = |i: usize| floor(i.saturating_sub(CONTEXT).max(start));
    let ahead = |i: usize| floor((i + CONTEXT).min(end));
    let mut out: Vec<(usize, usize)> = Vec::new();
    let first = marks.partition_point(|m| m.1 < start);
    for &(from, to) in marks[first..].iter().take_while(|m| m.0 <= end) {
        let from = from.max(start);
        let window = (back(from), ahead(to.min(from + CONTEXT).max(from)));
        match out.last_mut() {
            Some(last) if window.0 <= last.1 => last.1 = last.1.max(window.1),
            _ => out.push(window),
        }
    }
    if out.is_empty() {
        out.push((start, ahead(start + CONTEXT)));
    }
    out
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.shown.name())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.shown.source())
    }

    fn line_index(&'a self, (): (), byte: usize) -> Result<usize, files::Error> {
        self.shown.line_index((), byte)
    }

    fn line_range(&'a self, (): (), line: usize) -> Result<Range<usize>, files::Error> {
        self.shown.line_range((), line)
    }

    /// The location in the original text, whatever was cut before it.
    fn location(&'a self, (): (), byte: usize) -> Result<files::Location, files::Error> {
        let at = self.to_original(byte);
        let line = self
            .original_lines
            .partition_point(|&s| s <= at)
            .saturating_sub(1);
        let start = self.original_lines[line];
        let column = self.original.as_bytes()[start..at]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        Ok(files::Location {
            line_number: line + 1,
            column_number: column + 1,
        })
    }
}

fn to_report(d: &Diagnostic, range: &impl Fn(Span) -> Range<usize>) -> Report<()> {
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
        Severity::Info => Report::note(),
    };
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        labels.push(Label::primary((), range(span)).with_message(d.label.clone()));
    }
    for (span, text) in &d.secondary {
        labels.push(Label::secondary((), range(*span)).with_message(text.clone()));
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
