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
    // a time, so the tokens of a few chunks at most are ever held. A large
    // input is lexed on a second thread while this one parses and hands on
    // the equations; a small one in turn, as starting a thread would cost
    // more than it saves.
    let (read, lexer_diags) = if source.len() >= PIPELINE_BYTES {
        lex_beside(source, |next| read_chunks(source, symbols, &mut each, next))
    } else {
        let mut lexer = lexer::Lexer::new(source);
        let read = read_chunks(source, symbols, &mut each, |out| lexer.next_chunk(out));
        (read, lexer.diags)
    };
    let Some((mut parser, bracket_error)) = read else {
        return Ok(false);
    };
    let mut diags = lexer_diags;
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

/// Inputs from this size on are lexed on a second thread
/// ([`parse_each`]).
const PIPELINE_BYTES: usize = 1 << 20;

/// Checks and parses the chunks `next` hands out (it fills the tokens and
/// says whether more follow), passing each equation to `each`. Returns the
/// parser and the first bracket error, or `None` when `each` asked to stop.
/// After a bracket error the chunks are still taken, for the lexer's
/// diagnostics, but no longer parsed.
fn read_chunks<'s>(
    source: &'s str,
    symbols: &mut SymbolTable,
    each: &mut impl FnMut(Equation, &SymbolTable) -> bool,
    mut next: impl FnMut(&mut Vec<lexer::Token>) -> bool,
) -> Option<(Parser<'s>, Option<Diagnostic>)> {
    let mut brackets = brackets::Brackets::default();
    let mut parser = Parser::new(source, Vec::new());
    let mut equations = Vec::new();
    let mut bracket_error = None;
    loop {
        let more = next(&mut parser.tokens);
        if bracket_error.is_none() {
            bracket_error = brackets.check(source, &parser.tokens);
        }
        if bracket_error.is_none() && !more {
            bracket_error = brackets.unclosed(source);
        }
        if bracket_error.is_none() {
            parser.document(symbols, &mut equations);
            for equation in equations.drain(..) {
                if !each(equation, symbols) {
                    return None;
                }
            }
        }
        if !more {
            return Some((parser, bracket_error));
        }
    }
}

/// Runs `read` on the chunks of `source` lexed on a second thread, a few
/// chunks ahead; returns what `read` gives and the lexer's diagnostics.
/// When `read` returns early the lexer stops at its next chunk.
fn lex_beside<R>(
    source: &str,
    read: impl FnOnce(&mut dyn FnMut(&mut Vec<lexer::Token>) -> bool) -> R,
) -> (R, Vec<Diagnostic>) {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(Vec<lexer::Token>, bool)>(16);
        let lexing = scope.spawn(move || {
            let mut lexer = lexer::Lexer::new(source);
            loop {
                let mut chunk = Vec::new();
                let more = lexer.next_chunk(&mut chunk);
                if send.send((chunk, more)).is_err() || !more {
                    return lexer.diags;
                }
            }
        });
        let read = read(
            &mut move |out: &mut Vec<lexer::Token>| match receive.recv() {
                Ok((chunk, more)) => {
                    *out = chunk;
                    more
                }
                // The lexer stopped without its last chunk: it panicked, which
                // `join` below passes on.
                Err(_) => {
                    out.clear();
                    let end = source.len() as u32;
                    out.push(lexer::Token {
                        tok: Tok::End,
                        start: end,
                        end,
                    });
                    false
                }
            },
        );
        let diags = lexing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, diags)
    })
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

    /// An input large enough to be lexed on a second thread reads as it
    /// reads whole: equations, lexer and parser errors, bracket errors.
    #[test]
    fn a_large_input_lexed_beside_the_parser_reads_as_whole() {
        let block = "h_{1} = a[\\theta_{10} + \\theta_{11}x]\n";
        let body = block.repeat(PIPELINE_BYTES / block.len() + 1);
        for (head, tail) in [
            ("", "y = \\phi_0 + \\phi_1 h_1\n"),
            ("y = x_\n", ""),
            ("", "y = \\foo x + 2 +\n"),
            ("h_2 = a[x\n", ""),
            ("", "y = (x\n"),
            ("", "\\end{bmatrix}"),
        ] {
            let source = format!("{head}{body}{tail}");
            assert!(source.len() >= PIPELINE_BYTES);
            let beside = parse_document(&source, &mut SymbolTable::new());
            let whole = parse_whole(&source, &mut SymbolTable::new());
            assert_eq!(beside, whole, "{head} … {tail}");
        }
        // Stopping early stops the lexer too.
        let mut seen = 0;
        let done = parse_each(&body, &mut SymbolTable::new(), |_, _| {
            seen += 1;
            seen < 3
        });
        assert_eq!((done, seen), (Ok(false), 3));
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
