//! Text to syntax: the notation of the slides, read exactly as written.
//!
//! This module knows nothing about networks, and nothing outside it depends on
//! nom. [`parse_document`] reads equations; [`parse_values`] reads parameter
//! files and `--at` assignments; [`parse_number`] reads one number.

pub mod ast;
mod span;

pub use ast::{ActivationSpelling, Document, Equation, Expr, ExprKind};
pub use span::Span;

use crate::diagnostic::Diagnostic;
use crate::symbol::{Symbol, SymbolTable};
use num_rational::BigRational;

/// The deepest nesting of brackets, parentheses and braces the parser accepts.
pub const MAX_DEPTH: usize = 256;

/// One `name = value` line of a parameter file, or one `--at` assignment.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// The parameter or variable named.
    pub symbol: Symbol,
    /// Where the name was written.
    pub name_span: Span,
    /// The exact value.
    pub value: BigRational,
    /// Where the value was written.
    pub value_span: Span,
}

/// Parses one whole number (temporary until the parser lands).
pub fn parse_number(text: &str) -> Result<BigRational, Diagnostic> {
    let _ = text;
    Err(Diagnostic::global("parse", "numbers are not read yet"))
}
