//! Printing a [`Network`] in its scalar form, in Unicode, LaTeX, ASCII or JSON.
//!
//! ```text
//! h₁ = a[θ₁₀ + θ₁₁x]                                  Unicode, for terminals
//! h_{1} &= \mathrm{a}[\theta_{10} + \theta_{11}x] \\  LaTeX, in align*, for slides
//! h_1 = a[theta_10 + theta_11 x]                      ASCII, and JSON's equations
//! ```
//!
//! One layout (`layout.rs`) decides where everything goes and where a long
//! equation breaks; a style (`unicode.rs`, `latex.rs`, `ascii.rs`) only spells
//! atoms. JSON ([`json`]) carries the structure and the ASCII equations.
//!
//! [`form`] returns any form as a string; [`write_form`] writes it to an
//! `io::Write` as it is made, which is how a nested equation of millions of
//! terms is printed without being built (`nested.rs`).
//!
//! Invariants: rendering cannot fail on a valid network; output is
//! deterministic; and every format parses back to the same network.

mod ascii;
mod breaking;
pub mod derivation;
mod document;
mod draw;
mod fit;
mod forms;
pub mod forms_json;
mod frames;
pub mod json;
mod latex;
mod layout;
mod matrix;
mod names;
mod nested;
mod sheet;
mod style;
mod unicode;

pub use fit::Aspect;

use crate::network::Network;
use crate::rewrite::layered::NotLayered;
use crate::rewrite::nested::{TooLarge, DEFAULT_MAX_TERMS};
use crate::symbol::{Sym, SymbolTable};
use layout::Layout;
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write as _};
use std::str::FromStr;
use style::Style;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Unicode for terminals: `h₁ = a[θ₁₀ + θ₁₁x]`.
    Unicode,
    /// LaTeX for slides, ASCII only, in `align*`: `h_{1} &= \mathrm{a}[\theta_{10} + \theta_{11}x]`.
    Latex,
    /// Plain ASCII: `h_1 = a[theta_10 + theta_11 x]`.
    Ascii,
    /// JSON for scripts; see [`json`] for the schema.
    Json,
}

/// How to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// The line width a long equation is broken to fit (ignored by JSON).
    pub width: usize,
    /// For LaTeX, wrap the equations in a complete document that compiles with
    /// pdflatex.
    pub standalone: bool,
}

/// The forms a network is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Form {
    /// One equation per unit: `h₁ = a[θ₁₀ + θ₁₁x]`, `y = φ₀ + φ₁h₁ + …`.
    Scalar,
    /// Vectors and matrices named after the author's letters:
    /// `𝐡 = 𝐚[𝛉₀ + 𝛉x]`, `𝐡′ = 𝐚[𝛙₀ + 𝚿𝐡]`, `y′ = φ′₀ + 𝛗′ᵀ𝐡′`.
    Matrix,
    /// The general form: `𝐡₁ = 𝐚[𝛃₀ + 𝛀₀𝐱]`, …, `𝐲 = 𝛃_K + 𝛀_K𝐡_K`.
    General,
    /// Every hidden unit substituted: one equation per output, and the
    /// general form's `𝐲 = 𝛃_K + 𝛀_K𝐚[… 𝐚[𝛃₀ + 𝛀₀𝐱]…]`.
    Nested,
}

/// What to write: the form and how, besides the format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormOptions {
    /// The form.
    pub form: Form,
    /// Matrix form: write every vector and matrix entry by entry, as the
    /// "Vector & Matrix Notation" slides do (`--explicit`).
    pub explicit: bool,
    /// Elide matrices and sums larger than four: the first two, `⋯` (`⋮`,
    /// `⋱`), and the last (`--elide`). JSON never elides.
    pub elide: bool,
    /// LaTeX: a Beamer frame (a whole Beamer document with
    /// [`Options::standalone`]).
    pub beamer: bool,
    /// Nested form: refuse a scalar nested equation estimated to have more
    /// terms than this (`--max-terms`).
    pub max_terms: u128,
}

/// Why a form cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// The matrix and general forms need full layers.
    NotLayered(NotLayered),
    /// The scalar nested equation would be larger than the limit.
    TooLarge(TooLarge),
}

/// Why [`write_form`] did not write a form.
#[derive(Debug)]
pub enum WriteError {
    /// The form cannot be written; nothing was.
    Form(FormError),
    /// Writing failed.
    Io(io::Error),
}

/// Displays a network's scalar form; made by [`Network::printer`].
pub struct Printer<'a> {
    network: &'a Network,
    options: &'a Options,
}

/// The error for a format name that is not `unicode`, `latex`, `ascii` or `json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

/// The scalar form: one equation per unit in network order, then one per
/// parameter definition.
///
/// ```
/// use netform::expr::{Affine, Atom, Poly};
/// use netform::network::{Network, Unit};
/// use netform::render::{scalar, Format, Options};
/// use netform::symbol::{ParamLetter, Symbol, SymbolTable, VarLetter};
///
/// let mut symbols = SymbolTable::new();
/// let x = symbols.intern(Symbol::var(VarLetter::X, 0, &[]));
/// let h = symbols.intern(Symbol::var(VarLetter::H, 0, &[1]));
/// let bias = symbols.intern(Symbol::param(ParamLetter::Theta, 0, &[1, 0]));
/// let weight = symbols.intern(Symbol::param(ParamLetter::Theta, 0, &[1, 1]));
/// let mut inner = Affine::zero();
/// inner.add_term(Poly::param(bias), Atom::One);
/// inner.add_term(Poly::param(weight), Atom::Var(x));
/// let mut rhs = Affine::zero();
/// rhs.add_term(Poly::one(), Atom::Act(Box::new(inner)));
/// let network = Network {
///     symbols,
///     inputs: vec![x],
///     units: vec![Unit { name: h, layer: 1, rhs }],
///     outputs: vec![h],
///     params: vec![bias, weight],
///     definitions: vec![],
/// };
///
/// assert_eq!(scalar(&network, &Options::default()), "h₁ = a[θ₁₀ + θ₁₁x]\n");
/// let ascii = Options { format: Format::Ascii, ..Options::default() };
/// assert_eq!(scalar(&network, &ascii), "h_1 = a[theta_10 + theta_11 x]\n");
/// ```
pub fn scalar(network: &Network, options: &Options) -> String {
    network.printer(options).to_string()
}

/// A network written in any form and format.
///
/// The matrix and general forms print the equations, then the definition of
/// every vector and matrix they name, entry by entry, so that the output is
/// self-contained and every entry can be read back:
///
/// ```
/// use netform::render::{form, Form, FormOptions, Format, Options};
///
/// let network = netform::read::network(r"
///     h_1 = a[\theta_{10} + \theta_{11}x]
///     h_2 = a[\theta_{20} + \theta_{21}x]
///     y = \phi_0 + \phi_1h_1 + \phi_2h_2
/// ").unwrap();
/// let ascii = Options { format: Format::Ascii, ..Options::default() };
/// let matrix = FormOptions { form: Form::Matrix, ..FormOptions::default() };
/// assert_eq!(
///     form(&network, &ascii, &matrix).unwrap(),
///     "bb(h) = a[theta_0 + theta x]\n\
///      y = phi_0 + phi^T bb(h)\n\
///      \n\
///      theta_0 = [theta_10; theta_20]\n\
///      theta = [theta_11; theta_21]\n\
///      phi^T = [[phi_1, phi_2]]\n\
///      bb(h) = [h_1; h_2]\n",
/// );
/// ```
pub fn form(network: &Network, options: &Options, form: &FormOptions) -> Result<String, FormError> {
    let network = written(network, form);
    let document = document::Document::new(&network, options, form, Aspect::default())?;
    // Room for a slide's worth at once, rather than growing from nothing.
    let mut out = String::with_capacity(2048);
    document
        .write(&mut out)
        .expect("writing to a String cannot fail");
    Ok(out)
}

/// Writes a network in any form and format to `out`: the same text as
/// [`form`], written as it is made rather than held in memory. A nested
/// equation of millions of terms is written in memory that follows the
/// network, not the output.
///
/// A form that cannot be written (too large a nested equation, a matrix form
/// of a network without layers) is refused before anything is written.
/// Writes go through a buffer, flushed at the end.
///
/// ```
/// use netform::render::{write_form, Form, FormOptions, Format, Options, WriteError};
/// use netform::rewrite::arch;
///
/// let network = arch::network(&[1, 2, 1]).unwrap();
/// let ascii = Options { format: Format::Ascii, ..Options::default() };
/// let nested = FormOptions { form: Form::Nested, ..FormOptions::default() };
/// let mut out = Vec::new();
/// write_form(&network, &ascii, &nested, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("y = phi_0 + phi_1 a[theta_10 + theta_11 x] + phi_2 a[theta_20 + theta_21 x]\n"));
///
/// let small = FormOptions { max_terms: 3, ..nested };
/// let mut out = Vec::new();
/// let refused = write_form(&network, &ascii, &small, &mut out);
/// assert!(matches!(refused, Err(WriteError::Form(_))));
/// assert!(out.is_empty());
/// ```
pub fn write_form(
    network: &Network,
    options: &Options,
    form: &FormOptions,
    out: impl io::Write,
) -> Result<(), WriteError> {
    write_form_fitted(network, options, form, Aspect::default(), out).map(drop)
}

/// Writes a network in any form and format to `out`, as [`write_form`] does,
/// with Beamer frames in `aspect`, and returns the notes a reader should
/// see (that the form was elided to fit the page).
///
/// LaTeX for a page (`beamer`, or a `standalone` article) is fitted to it:
/// equations break between summands and inside brackets to fit the width,
/// and a frame too full continues on the next, titled `(cont.)`.
///
/// ```
/// use netform::render::{write_form_fitted, Aspect, Form, FormOptions, Format, Options};
/// use netform::rewrite::arch;
///
/// let network = arch::network(&[1, 4, 4, 1]).unwrap();
/// let latex = Options { format: Format::Latex, ..Options::default() };
/// let frames = FormOptions { form: Form::Matrix, beamer: true, ..FormOptions::default() };
/// let mut out = Vec::new();
/// let notes = write_form_fitted(&network, &latex, &frames, Aspect::FourThree, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("\\begin{frame}{Vector and matrix form (cont.)}"));
/// assert!(notes.is_empty());
/// ```
pub fn write_form_fitted(
    network: &Network,
    options: &Options,
    form: &FormOptions,
    aspect: Aspect,
    out: impl io::Write,
) -> Result<Vec<String>, WriteError> {
    let network = written(network, form);
    let document = document::Document::new(&network, options, form, aspect)?;
    let mut out = IoWriter {
        out: io::BufWriter::new(out),
        error: None,
    };
    if document.write(&mut out).is_err() {
        let error = out.error.take();
        return Err(WriteError::Io(
            error.unwrap_or_else(|| io::Error::other("formatting failed")),
        ));
    }
    out.out.flush().map_err(WriteError::Io)?;
    Ok(document.notes().to_vec())
}

/// The same text as [`form`], with the scalar nested equations built in
/// memory and laid out whole, as before they were written as printed: the
/// reference the tests hold [`form`] to. Not for use; it may go away.
#[doc(hidden)]
pub fn form_built_in_memory(
    network: &Network,
    options: &Options,
    form: &FormOptions,
) -> Result<String, FormError> {
    let network = written(network, form);
    let document =
        document::Document::new(&network, options, form, Aspect::default())?.built_in_memory();
    let mut out = String::new();
    document
        .write(&mut out)
        .expect("writing to a String cannot fail");
    Ok(out)
}

/// The network a form is written from. The matrix forms show the units that
/// un-nesting adds, so they are written from the un-nested network, whose
/// symbol table names them.
fn written<'n>(network: &'n Network, form: &FormOptions) -> Cow<'n, Network> {
    match form.form {
        Form::Matrix | Form::General | Form::Nested
            if crate::rewrite::unnest::is_nested(network) =>
        {
            Cow::Owned(crate::rewrite::unnest::unnest(network))
        }
        _ => Cow::Borrowed(network),
    }
}

/// An [`io::Write`] as a [`fmt::Write`], keeping the error a write met.
struct IoWriter<W: io::Write> {
    out: io::BufWriter<W>,
    error: Option<io::Error>,
}

impl<W: io::Write> fmt::Write for IoWriter<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

/// One symbol spelled in a format (JSON uses the ASCII spelling): `θ′₁₀`,
/// `\theta'_{10}`, `theta'_10`.
///
/// ```
/// use netform::render::{symbol, Format};
/// use netform::symbol::{ParamLetter, Symbol, SymbolTable, VarLetter};
///
/// let mut symbols = SymbolTable::new();
/// let theta = symbols.intern(Symbol::param(ParamLetter::Theta, 1, &[1, 0]));
/// assert_eq!(symbol(&symbols, theta, Format::Unicode), "θ′₁₀");
/// assert_eq!(symbol(&symbols, theta, Format::Latex), "\\theta'_{10}");
/// assert_eq!(symbol(&symbols, theta, Format::Ascii), "theta'_10");
/// let omega = symbols.intern(Symbol::param(ParamLetter::Omega, 0, &[0, 12, 3]));
/// assert_eq!(symbol(&symbols, omega, Format::Unicode), "ω₀,₁₂,₃");
/// let h = symbols.intern(Symbol::var(VarLetter::H, 0, &[12]));
/// assert_eq!(symbol(&symbols, h, Format::Ascii), "h_12");
/// ```
pub fn symbol(symbols: &SymbolTable, sym: Sym, format: Format) -> String {
    Layout::new(symbols, format).symbol(sym)
}

impl Network {
    /// A [`Display`](fmt::Display) adapter printing the scalar form, the same
    /// text as [`scalar`], written equation by equation.
    pub fn printer<'a>(&'a self, options: &'a Options) -> Printer<'a> {
        Printer {
            network: self,
            options,
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: Format::Unicode,
            width: 80,
            standalone: false,
        }
    }
}

impl Default for FormOptions {
    fn default() -> FormOptions {
        FormOptions {
            form: Form::Scalar,
            explicit: false,
            elide: false,
            beamer: false,
            max_terms: DEFAULT_MAX_TERMS,
        }
    }
}

impl Form {
    /// The name used on the command line: `scalar`, `matrix`, `general`, `nested`.
    pub fn name(self) -> &'static str {
        match self {
            Form::Scalar => "scalar",
            Form::Matrix => "matrix",
            Form::General => "general",
            Form::Nested => "nested",
        }
    }

    /// The title of a Beamer frame showing the form.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Form::Scalar => "Scalar form",
            Form::Matrix => "Vector and matrix form",
            Form::General => "General form",
            Form::Nested => "Nested form",
        }
    }
}

impl From<NotLayered> for FormError {
    fn from(e: NotLayered) -> FormError {
        FormError::NotLayered(e)
    }
}

impl From<TooLarge> for FormError {
    fn from(e: TooLarge) -> FormError {
        FormError::TooLarge(e)
    }
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::NotLayered(e) => write!(
                f,
                "the network has no matrix form: {}; every unit must read only the layer just before it",
                e.reason
            ),
            FormError::TooLarge(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FormError {}

impl From<FormError> for WriteError {
    fn from(e: FormError) -> WriteError {
        WriteError::Form(e)
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Form(e) => e.fmt(f),
            WriteError::Io(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl Format {
    /// The name used on the command line: `unicode`, `latex`, `ascii`, `json`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Unicode => "unicode",
            Format::Latex => "latex",
            Format::Ascii => "ascii",
            Format::Json => "json",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        match s {
            "unicode" => Ok(Format::Unicode),
            "latex" => Ok(Format::Latex),
            "ascii" => Ok(Format::Ascii),
            "json" => Ok(Format::Json),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format `{}`: expected unicode, latex, ascii or json",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl fmt::Display for Printer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.options.format {
            Format::Json => f.write_str(&json::document(self.network)),
            Format::Latex => self.latex(f),
            Format::Unicode | Format::Ascii => {
                for_each_equation(self.network, self.options, |layout, equation| {
                    layout.write(&equation, self.options.width, f)?;
                    f.write_str("\n")
                })
            }
        }
    }
}

impl Printer<'_> {
    /// The equations in one `align*`, optionally inside a whole document.
    fn latex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.options.standalone {
            f.write_str(
                "\\documentclass{article}\n\\usepackage{amsmath,amssymb,bm}\n\\begin{document}\n",
            )?;
        }
        let mut first = true;
        for_each_equation(self.network, self.options, |layout, equation| {
            f.write_str(if first {
                "\\begin{align*}\n"
            } else {
                " \\\\\n"
            })?;
            first = false;
            layout.write(&equation, self.options.width, f)
        })?;
        if !first {
            f.write_str("\n\\end{align*}\n")?;
        }
        if self.options.standalone {
            f.write_str("\\end{document}\n")?;
        }
        Ok(())
    }
}

/// Calls `f` on every equation of the scalar form: the units in network
/// order, then the definitions.
fn for_each_equation(
    network: &Network,
    options: &Options,
    mut f: impl FnMut(&Layout<'_>, layout::Equation) -> fmt::Result,
) -> fmt::Result {
    let layout = Layout::new(&network.symbols, options.format);
    for unit in &network.units {
        f(&layout, layout.unit(unit))?;
    }
    for definition in &network.definitions {
        f(&layout, layout.definition(definition))?;
    }
    Ok(())
}

/// The style that spells atoms in `format`; JSON uses ASCII.
fn style_for(format: Format) -> &'static dyn Style {
    match format {
        Format::Unicode => &unicode::Unicode,
        Format::Latex => &latex::Latex,
        Format::Ascii | Format::Json => &ascii::Ascii,
    }
}
