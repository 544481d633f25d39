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
//! Invariants: rendering cannot fail on a valid network; output is
//! deterministic; and every format parses back to the same network.

mod ascii;
pub mod derivation;
pub mod json;
mod latex;
mod layout;
mod style;
mod unicode;

use crate::network::Network;
use crate::symbol::{Sym, SymbolTable};
use layout::Layout;
use std::fmt;
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
                    layout.doc(&equation).render_fmt(self.options.width, f)?;
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
            layout.doc(&equation).render_fmt(self.options.width, f)
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
