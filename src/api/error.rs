//! The one error type of the library: located diagnostics and the text they
//! point into.

use crate::diagnostic::{self, Diagnostic};
use std::fmt;

/// Why netform could not do what it was asked: the same located diagnostics
/// the command line prints, with the text they point into.
///
/// `Display` renders them as the command line does (source name, line,
/// column, the source line and a caret), without colour:
///
/// ```
/// let error = netform::Network::parse("h_1 = a[θ_10 + + θ_11 x]").unwrap_err();
/// assert_eq!(error.code(), "parse");
/// assert_eq!(error.line_column(), Some((1, 16)));
/// let text = error.named("slide.tex").to_string();
/// assert!(text.contains("slide.tex:1:16"), "{text}");
/// ```
#[derive(Clone, Debug)]
pub struct Error {
    name: String,
    source: String,
    diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error made of diagnostics whose spans point into `source`.
    ///
    /// ```
    /// use netform::diagnostic::Diagnostic;
    /// let error = netform::Error::new("", vec![Diagnostic::global("domain", "the domain is empty")]);
    /// assert_eq!(error.to_string(), "error[domain]: the domain is empty\n\n");
    /// ```
    pub fn new(source: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Error {
        Error {
            name: "<input>".into(),
            source: source.into(),
            diagnostics,
        }
    }

    /// An error about no text in particular: a message with a short code.
    ///
    /// ```
    /// let error = netform::Error::message("compose", "composing needs at least two networks");
    /// assert_eq!(error.code(), "compose");
    /// ```
    pub fn message(code: &'static str, message: impl Into<String>) -> Error {
        Error::new("", vec![Diagnostic::global(code, message)])
    }

    /// Names the source in the rendered text (`slide.tex:3:14`); the default
    /// is `<input>`.
    ///
    /// ```
    /// let error = netform::Network::parse("y = ").unwrap_err().named("notes.md");
    /// assert!(error.to_string().contains("notes.md:1:"));
    /// ```
    pub fn named(mut self, name: impl Into<String>) -> Error {
        self.name = name.into();
        self
    }

    /// Every diagnostic, errors and warnings, in the order found.
    ///
    /// ```
    /// let error = netform::Network::parse("y = h_1 +").unwrap_err();
    /// assert!(error.diagnostics().iter().any(|d| d.is_error()));
    /// ```
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The code of the first error (`parse`, `missing-parameter`, …).
    ///
    /// ```
    /// let network = netform::Network::parse("y = phi_0 + phi_1 x")?;
    /// let params = netform::Params::parse("phi_0 = 1")?;
    /// let error = network.eval_exact(&params, &[netform::rational("0")?]).unwrap_err();
    /// assert_eq!(error.code(), "missing-parameter");
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn code(&self) -> &'static str {
        self.first().map_or("error", |d| d.code)
    }

    /// The 1-based line and column (in characters) of the first error, if it
    /// points at a place in the text.
    ///
    /// ```
    /// let error = netform::Params::parse("theta_10 = 1\nphi_1 = 2/0").unwrap_err();
    /// assert_eq!(error.line_column().map(|(line, _)| line), Some(2));
    /// ```
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let span = self.first()?.span?;
        Some(line_column(&self.source, span.start as usize))
    }

    /// The text the diagnostics point into.
    ///
    /// ```
    /// let error = netform::Network::parse("y = ").unwrap_err();
    /// assert_eq!(error.source_text(), "y = ");
    /// ```
    pub fn source_text(&self) -> &str {
        &self.source
    }

    /// The diagnostics rendered as the command line prints them, optionally
    /// with ANSI colours.
    ///
    /// ```
    /// let error = netform::Network::parse("y = ").unwrap_err();
    /// assert_eq!(error.render(false), error.to_string());
    /// ```
    pub fn render(&self, color: bool) -> String {
        diagnostic::render(&self.name, &self.source, &self.diagnostics, color)
    }

    fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics
            .iter()
            .find(|d| d.is_error())
            .or(self.diagnostics.first())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Error {}

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
