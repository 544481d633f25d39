//! Text to syntax: the notation of the slides, read exactly as written.
//!
//! This module knows nothing about networks, and nothing outside it depends on
//! nom. [`parse_document`] reads equations; [`parse_values`] reads parameter
//! files and `--at` assignments; [`parse_number`] reads one number.
//!
//! Code map: `atoms` (nom recognisers for numbers, subscripts, primes,
//! names), `commands` (the LaTeX commands known), `lexer` (text to tokens,
//! trivia dropped, handed out a chunk of whole equations at a time),
//! `brackets` (pairs checked before each chunk is parsed), `parser` and
//! `cursor` (recursive descent over tokens, depth-limited), `matrix`
//! (`bmatrix` environments and ASCII `[a, b; c, d]`), `values` and `json`
//! (parameter files).
//!
//! Invariants: no input panics or overflows the stack (every recursion counts
//! towards [`MAX_DEPTH`]); the work is linear in the input; every error is a
//! [`Diagnostic`] with code `parse` and a span into the text; only one
//! chunk's tokens are held at a time, and reading in chunks gives what
//! reading all tokens at once would (a property test checks it).

// Diagnostics are returned by value as the public API promises; they are the
// cold path, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod ast;
mod span;

pub use ast::{ActivationSpelling, Document, Equation, Expr, ExprKind, MatrixSpelling};
pub use commands::ENVIRONMENTS;
pub use plain::{PlainEquation, PlainSymbol, PlainTerm};
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

mod atoms;
mod brackets;
mod commands;
mod cursor;
mod json;
mod lexer;
mod matrix;
mod parser;
mod plain;
mod token;
mod values;

pub use values::{parse_number, parse_values};

use lexer::Tok;
use parser::Parser;

/// Parses equations: one per line, or separated by `;`, `,` or `\\`, with
/// math delimiters, `align*` environments, `&` and spacing ignored. Interns
/// every symbol into `symbols`.
///
/// ```
/// use netform::symbol::SymbolTable;
/// let mut symbols = SymbolTable::new();
/// let doc = netform::syntax::parse_document("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1", &mut symbols).unwrap();
/// assert_eq!(doc.equations.len(), 2);
/// ```
pub fn parse_document(
    source: &str,
    symbols: &mut SymbolTable,
) -> Result<Document, Vec<Diagnostic>> {
    let mut equations = Vec::new();
    parse_each(source, symbols, |equation, _| {
        equations.push(equation);
        true
    })?;
    if equations.is_empty() {
        return Err(vec![Diagnostic::global(
            "parse",
            "the input has no equations",
        )]);
    }
    Ok(Document { equations })
}

/// [`parse_document`] an equation at a time: each equation is handed to
/// `each` as soon as it is read, with the symbols interned so far, so that
/// a large input never holds all its syntax trees. `each` returns whether
/// to go on; `Ok(false)` says it stopped the reading.
///
/// The errors are [`parse_document`]'s, and `each` may have seen equations
/// before them (an error can come after many good equations).
///
/// ```
/// use netform::symbol::SymbolTable;
/// let mut symbols = SymbolTable::new();
/// let mut seen = Vec::new();
/// let source = "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1";
/// let done = netform::syntax::parse_each(source, &mut symbols, |eq, symbols| {
///     // The symbols of this equation are interned by now.
///     seen.push((eq.sides.len(), symbols.len()));
///     true
/// });
/// assert_eq!(done, Ok(true));
/// assert_eq!(seen, [(2, 4), (2, 7)]);
/// ```
pub fn parse_each(
    source: &str,
    symbols: &mut SymbolTable,
    mut each: impl FnMut(Equation, &SymbolTable) -> bool,
) -> Result<bool, Vec<Diagnostic>> {
    read_each(source, symbols, false, |parsed, symbols| match parsed {
        Parsed::Tree(equation) => each(equation, symbols),
        Parsed::Plain(equation, terms) => each(equation.to_equation(terms), symbols),
    })
}

/// An equation as [`parse_each_plain`] hands it over.
pub enum Parsed<'a> {
    /// An equation of the plain shape (`h_{1,2} = \mathrm{a}[\beta_{0,2} +
    /// \omega_{0,2,1}x]`), read without a syntax tree, and its terms.
    Plain(&'a PlainEquation, &'a [PlainTerm]),
    /// Any other equation.
    Tree(Equation),
}

/// [`parse_each`], handing each equation of the plain shape over as a
/// [`PlainEquation`] and its [`PlainTerm`]s rather than a syntax tree: no
/// allocation per term and no tree to free. [`PlainEquation::to_equation`]
/// gives the tree [`parse_each`] would.
///
/// ```
/// use netform::symbol::SymbolTable;
/// use netform::syntax::{parse_each_plain, Parsed};
/// let mut symbols = SymbolTable::new();
/// let mut kinds = Vec::new();
/// let source = "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + 2 h_1";
/// let done = parse_each_plain(source, &mut symbols, |eq, _| {
///     kinds.push(match eq {
///         Parsed::Plain(_, terms) => terms.len(),
///         Parsed::Tree(_) => 0, // a number: the general reading
///     });
///     true
/// });
/// assert_eq!(done, Ok(true));
/// assert_eq!(kinds, [2, 0]);
/// ```
pub fn parse_each_plain(
    source: &str,
    symbols: &mut SymbolTable,
    each: impl FnMut(Parsed<'_>, &SymbolTable) -> bool,
) -> Result<bool, Vec<Diagnostic>> {
    read_each(source, symbols, true, each)
}

/// [`parse_each`] and [`parse_each_plain`]: with `plain`, equations of the
/// plain shape are read without a syntax tree.
fn read_each(
    source: &str,
    symbols: &mut SymbolTable,
    plain: bool,
    mut each: impl FnMut(Parsed<'_>, &SymbolTable) -> bool,
) -> Result<bool, Vec<Diagnostic>> {
    if u32::try_from(source.len()).is_err() {
        return Err(vec![Diagnostic::global(
            "parse",
            "the input is larger than 4 GiB",
        )]);
    }
    // Each distinct symbol of a large network is a parameter written once
    // with what it multiplies, about twenty bytes (`+ \omega_{1,2,3}h_{1,3}`):
    // room for the index up front spares its regrowth, and a denser input
    // grows it once or twice. (Every bucket of the index is touched, so room
    // for twice the symbols would be resident memory, unlike unused room
    // at the end of a vector.)
    symbols.reserve(source.len() / 20);
    // The input is lexed, checked and parsed a chunk of whole equations at
    // a time, so only one chunk's tokens are ever held. A bracket error
    // anywhere means the parser's findings are not reported (the brackets
    // come first), so parsing stops at the first.
    let mut lexer = lexer::Lexer::new(source);
    let mut parser = Parser::new(source, Vec::new());
    let mut items = Vec::new();
    let mut bracket_error = None;
    loop {
        let more = lexer.next_chunk(&mut parser.tokens);
        if bracket_error.is_none() {
            bracket_error = lexer.bracket_error();
        }
        if bracket_error.is_none() && !more {
            bracket_error = lexer.unclosed();
        }
        if bracket_error.is_none() {
            parser.items(symbols, plain, &mut items);
            for item in items.drain(..) {
                let parsed = match item {
                    parser::Item::Plain(equation) => {
                        let terms = &parser.plain_terms[equation.terms.clone()];
                        // Borrowed from the parser until the next chunk.
                        if !each(Parsed::Plain(&equation, terms), symbols) {
                            return Ok(false);
                        }
                        continue;
                    }
                    parser::Item::Tree(equation) => Parsed::Tree(equation),
                };
                if !each(parsed, symbols) {
                    return Ok(false);
                }
            }
        }
        if !more {
            break;
        }
    }
    let mut diags = std::mem::take(&mut lexer.diags);
    if let Some(diag) = bracket_error {
        diags.push(diag);
        return Err(sorted(diags));
    }
    diags.retain(|d| !in_failed_equation(d, &parser.failed));
    diags.append(&mut parser.diags);
    if !diags.is_empty() {
        return Err(sorted(diags));
    }
    Ok(true)
}

/// Whether `name` (without its `\\`) is a LaTeX command netform does not
/// know: `maketitle`, `usepackage`. The document reader takes a line of
/// plain text made of such commands for prose.
pub fn is_unknown_command(name: &str) -> bool {
    commands::command(name) == commands::Command::Unknown
}

/// Parses one whole symbol name in any spelling: `y`, `y'`, `x_1`,
/// `\theta_{10}`, `theta'_11`, `h′₁`, `\boldsymbol{\beta}_0`.
pub fn parse_symbol(text: &str) -> Result<Symbol, Diagnostic> {
    if u32::try_from(text.len()).is_err() {
        return Err(Diagnostic::global("parse", "the name is larger than 4 GiB"));
    }
    let (tokens, diags) = lexer::lex(text);
    if let Some(diag) = diags.into_iter().next() {
        return Err(diag);
    }
    let mut parser = Parser::new(text, tokens);
    let first_error = |p: &mut Parser| {
        p.diags
            .pop()
            .unwrap_or_else(|| Diagnostic::global("parse", "invalid name"))
    };
    let atom = match parser.symbol_atom() {
        Ok(atom) => atom,
        Err(_) => return Err(first_error(&mut parser)),
    };
    while parser.peek().tok == Tok::Sep(lexer::Sep::Line) {
        parser.pos += 1;
    }
    if parser.peek().tok != Tok::End {
        let _ = parser.unexpected::<()>("the end of the name");
        return Err(first_error(&mut parser));
    }
    Ok(parser.atom_symbol(&atom))
}

/// Whether a lexer diagnostic falls in an equation the parser already
/// reported an error in (earlier, since the parser stops at the first
/// error token): one error per equation, never a cascade.
fn in_failed_equation(diag: &Diagnostic, failed: &[Span]) -> bool {
    let Some(span) = diag.span else {
        return false;
    };
    let i = failed.partition_point(|f| f.end <= span.start);
    failed.get(i).is_some_and(|f| f.start <= span.start)
}

/// Diagnostics in source order (global ones first), at most
/// [`lexer::MAX_ERRORS`] of them.
fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by_key(|d| d.span.map(|s| (s.start, s.end)));
    diags.truncate(lexer::MAX_ERRORS);
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that documents are glued from: equations, separators,
    /// brackets, matrices, and text the lexer or parser refuses.
    const PIECES: &[&str] = &[
        "h_1 = a[θ_10 + θ_11 x]",
        "y = φ_0 + φ_1 h_1",
        "h_{1,2}",
        "\\omega_{0,1,2}",
        "x",
        "=",
        "+",
        "-",
        "/",
        "2",
        "a[",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "\n",
        "\\\\",
        ";",
        ",",
        " ",
        "'",
        "_3",
        "\\begin{bmatrix}",
        "\\end{bmatrix}",
        "&",
        "z",
        "\\cdots",
        "^2",
    ];

    /// The input read the way `parse_document` read it before chunks: all
    /// tokens first, every bracket checked, then one parse over them all.
    fn parse_whole(source: &str, symbols: &mut SymbolTable) -> Result<Document, Vec<Diagnostic>> {
        let (tokens, mut diags) = lexer::lex(source);
        let mut brackets = brackets::Brackets::default();
        let bracket_error = brackets
            .check(source, &tokens)
            .or_else(|| brackets.unclosed(source));
        if let Some(diag) = bracket_error {
            diags.push(diag);
            return Err(sorted(diags));
        }
        let mut parser = Parser::new(source, tokens);
        let mut equations = Vec::new();
        parser.document(symbols, &mut equations);
        diags.retain(|d| !in_failed_equation(d, &parser.failed));
        diags.append(&mut parser.diags);
        if !diags.is_empty() {
            return Err(sorted(diags));
        }
        if equations.is_empty() {
            return Err(vec![Diagnostic::global(
                "parse",
                "the input has no equations",
            )]);
        }
        Ok(Document { equations })
    }

    proptest! {
        #[test]
        fn reading_in_chunks_is_reading_whole(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40),
        ) {
            let source = pieces.concat();
            let chunked = parse_document(&source, &mut SymbolTable::new());
            let whole = parse_whole(&source, &mut SymbolTable::new());
            prop_assert_eq!(chunked, whole, "{}", source);
        }

        #[test]
        fn plain_symbols_read_as_any_symbol_does(
            name in r"(\\theta|\\omega|θ|h|x)(_\{[0-9]{1,3}(, ?[0-9]{1,11}){0,2}\}|_[0-9]{1,12})?",
        ) {
            // In an equation a name with at most a subscript takes the
            // parser's short path; `parse_symbol` takes the general one.
            let mut symbols = SymbolTable::new();
            let read = parse_document(&format!("y = {name}"), &mut symbols).map(|doc| {
                match &doc.equations[0].sides[1].kind {
                    ExprKind::Symbol { sym, bold, prime_after_subscript } => {
                        (symbols[*sym].clone(), *bold, *prime_after_subscript)
                    }
                    other => panic!("not a symbol: {other:?}"),
                }
            });
            let general = parse_symbol(&name).map(|s| (s, false, false));
            match (read, general) {
                (Ok(read), Ok(general)) => prop_assert_eq!(read, general),
                (Err(read), Err(general)) => {
                    prop_assert_eq!(&read[0].message, &general.message);
                    prop_assert_eq!(&read[0].label, &general.label);
                }
                (read, general) => prop_assert!(false, "{name}: {read:?} but {general:?}"),
            }
        }
    }
}
