//! The plain scalar equation, read without a syntax tree.
//!
//! Nearly every equation of a large network has one shape: a unit, `=`, and
//! either a sum of terms or the activation of one, each term a weight, a
//! unit, or a weight times a unit (`h_{1,2} = \mathrm{a}[\beta_{0,2} +
//! \omega_{0,2,1}x]`). [`Parser::plain_equation`] recognises that shape from
//! the token kinds alone and reads it into a [`PlainEquation`] and a list of
//! [`PlainTerm`]s, with no allocation per term and no tree to free; lowering
//! reads these directly. Symbols may have primes before or after their
//! subscript (`h'_1`, `h_1'`). Anything else (a sign, a number, a second
//! `=`, a bold name, a bracket, primes on both sides of a subscript) is read
//! by the general parser, as is an equation whose symbol the general reading
//! would refuse.
//!
//! A plain equation is exactly the equation the general parser gives
//! ([`PlainEquation::to_equation`] builds it), which the tests check on
//! random equations.

use super::ast::{ActivationSpelling, Equation, Expr, ExprKind};
use super::atoms::Name;
use super::commands::Wrap;
use super::parser::Parser;
use super::token::{Delim, Tok};
use super::Span;
use crate::symbol::{mix, Letter, Sym, SymbolTable, VarLetter};
use std::ops::Range;

/// An equation of the plain shape: its left side, whether its right side
/// is an activation, and where its terms are.
#[derive(Clone, Debug, PartialEq)]
pub struct PlainEquation {
    /// The unit on the left: a symbol, not bold.
    pub lhs: Expr,
    /// The right side's activation (`a[…]`, `\mathrm{a}\left[…\right]`),
    /// from its name to its closing bracket, if it has one.
    pub activation: Option<Span>,
    /// The sum, from its first term to its last.
    pub sum: Span,
    /// The terms, in the list the parser keeps (see [`Parser::plain_terms`]).
    pub(crate) terms: Range<usize>,
}

/// A symbol of a plain equation: a letter with primes and a subscript, in
/// plain type (`\omega_{0,2,1}`, `h'_{1}`, `h_1'`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlainSymbol {
    /// The interned symbol.
    pub sym: Sym,
    /// Where it was written.
    pub span: Span,
    /// The primes were written after the subscript (`h_1'`).
    pub prime_after_subscript: bool,
}

impl PlainSymbol {
    /// The symbol as the general parser writes it.
    fn to_expr(self) -> Expr {
        let kind = ExprKind::Symbol {
            sym: self.sym,
            bold: false,
            prime_after_subscript: self.prime_after_subscript,
        };
        Expr::new(kind, self.span)
    }
}

/// A term of a plain sum: one or two symbol factors (`\beta_{0,2}`, `x`,
/// `\omega_{0,2,1}x`, `\omega_{0,2,1}\cdot x`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlainTerm {
    factors: [PlainSymbol; 2],
    two: bool,
    /// From the first factor to the last.
    pub span: Span,
}

impl PlainTerm {
    /// The factors, one or two of them: a symbol, or a parameter then a
    /// variable.
    pub fn factors(&self) -> &[PlainSymbol] {
        &self.factors[..1 + usize::from(self.two)]
    }

    /// The first factor.
    pub fn first(&self) -> PlainSymbol {
        self.factors[0]
    }

    /// The term as the general parser writes it: the symbol, or the product.
    fn to_expr(self) -> Expr {
        match self.factors() {
            [one] => one.to_expr(),
            factors => Expr::new(
                ExprKind::Product(factors.iter().map(|f| f.to_expr()).collect()),
                self.span,
            ),
        }
    }
}

impl PlainEquation {
    /// The right side's span.
    pub fn side(&self) -> Span {
        self.activation.unwrap_or(self.sum)
    }

    /// The equation as the general parser reads it; `terms` are this
    /// equation's.
    pub fn to_equation(&self, terms: &[PlainTerm]) -> Equation {
        let sum = Expr::new(
            ExprKind::Sum(terms.iter().map(|t| t.to_expr()).collect()),
            self.sum,
        );
        let rhs = match self.activation {
            Some(span) => Expr::new(
                ExprKind::Activation {
                    spelling: ActivationSpelling::Plain,
                    arg: Box::new(sum),
                },
                span,
            ),
            None => sum,
        };
        Equation {
            span: self.lhs.span.to(rhs.span),
            sides: vec![self.lhs.clone(), rhs],
        }
    }
}

/// Where the parts of a plain equation start in the token list.
struct Shape {
    /// The first token of the right side.
    rhs: usize,
    /// Whether the right side is an activation, and the token of its `[`.
    open: Option<usize>,
    /// Whether a symbol has primes.
    primed: bool,
}

impl Parser<'_> {
    /// The kind of token `i`, or [`Tok::End`] past the last.
    fn kind_at(&self, i: usize) -> Tok {
        self.tokens.get(i).map_or(Tok::End, |t| t.tok)
    }

    /// Reads the equation at the current token if it has the plain shape,
    /// appending its terms to [`Parser::plain_terms`]; `None`, with nothing
    /// read, for any other equation.
    pub(crate) fn plain_equation(&mut self, symbols: &mut SymbolTable) -> Option<PlainEquation> {
        let shape = self.plain_shape()?;
        let (start, reported, mark) = (self.pos, self.diags.len(), self.plain_terms.len());
        let read = self.read_plain(symbols, &shape, mark);
        if read.is_none() {
            // A symbol the general reading refuses (an index out of
            // range): it reads the equation again and reports it. The
            // symbols interned so far are the ones it interns first.
            self.pos = start;
            self.diags.truncate(reported);
            self.plain_terms.truncate(mark);
        }
        read
    }

    /// Whether the tokens from the current one on make a plain equation,
    /// judged by their kinds alone.
    fn plain_shape(&self) -> Option<Shape> {
        let tok = |i: usize| self.kind_at(i);
        let mut primed = false;
        let mut i = self.plain_symbol_end(self.pos, false, &mut primed)?;
        if !matches!(tok(i), Tok::Eq) {
            return None;
        }
        i += 1;
        let rhs = i;
        let open = match (tok(i), tok(i + 1)) {
            (Tok::Name(Name::Activation), Tok::Open(Delim::Square)) => Some(i + 1),
            (Tok::Wrap(Wrap::Upright), Tok::Open(Delim::Brace))
                if matches!(
                    (tok(i + 2), tok(i + 3), tok(i + 4)),
                    (
                        Tok::Name(Name::Activation),
                        Tok::Close(Delim::Brace),
                        Tok::Open(Delim::Square)
                    )
                ) =>
            {
                Some(i + 4)
            }
            _ => None,
        };
        if let Some(open) = open {
            i = open + 1;
        }
        let mut terms = 0;
        loop {
            i = match tok(i) {
                Tok::Name(Name::Param(_)) => {
                    let after = self.plain_symbol_end(i, true, &mut primed)?;
                    match tok(after) {
                        Tok::Times => self.plain_symbol_end(after + 1, false, &mut primed)?,
                        Tok::Name(Name::Var(_)) => {
                            self.plain_symbol_end(after, false, &mut primed)?
                        }
                        _ => after,
                    }
                }
                _ => self.plain_symbol_end(i, false, &mut primed)?,
            };
            terms += 1;
            if !matches!(tok(i), Tok::Plus) {
                break;
            }
            i += 1;
        }
        if open.is_some() {
            if !matches!(tok(i), Tok::Close(Delim::Square)) {
                return None;
            }
            i += 1;
        }
        let ends = matches!(tok(i), Tok::Sep(_) | Tok::End);
        (terms >= 2 && ends).then_some(Shape { rhs, open, primed })
    }

    /// The token after the symbol at `i` if the general parser reads it
    /// as a plain symbol (a letter with a subscript, primes before or after
    /// it, or both or neither): a parameter if `param`, else a variable.
    /// Sets `primed` if it has primes.
    fn plain_symbol_end(&self, i: usize, param: bool, primed: &mut bool) -> Option<usize> {
        let tok = |i: usize| self.kind_at(i);
        match (tok(i), param) {
            (Tok::Name(Name::Param(_)), true) | (Tok::Name(Name::Var(_)), false) => {}
            _ => return None,
        }
        // One run of primes, before the subscript or after it.
        let mut end = i + 1;
        match tok(end) {
            Tok::Sub => {
                end += 1;
                if matches!(tok(end), Tok::Prime(_)) {
                    *primed = true;
                    end += 1;
                }
            }
            Tok::Prime(_) => {
                *primed = true;
                end += 1;
                end += usize::from(matches!(tok(end), Tok::Sub));
            }
            _ => {}
        }
        (!matches!(tok(end), Tok::Sub | Tok::Prime(_))).then_some(end)
    }

    /// Reads a plain equation whose shape is `shape`; `None` if a symbol
    /// is refused (reported on [`Parser::diags`]).
    fn read_plain(
        &mut self,
        symbols: &mut SymbolTable,
        shape: &Shape,
        mark: usize,
    ) -> Option<PlainEquation> {
        let lhs = self.plain_factor(symbols, shape.primed)?.to_expr();
        self.pos = shape.open.map_or(shape.rhs, |open| open + 1);
        loop {
            let first = self.plain_factor(symbols, shape.primed)?;
            let second = match self.peek().tok {
                Tok::Times => {
                    self.pos += 1;
                    Some(self.plain_factor(symbols, shape.primed)?)
                }
                Tok::Name(_) => Some(self.plain_factor(symbols, shape.primed)?),
                _ => None,
            };
            let span = first.span.to(second.map_or(first.span, |s| s.span));
            let two = second.is_some();
            let second = second.unwrap_or(first);
            self.plain_terms.push(PlainTerm {
                factors: [first, second],
                two,
                span,
            });
            if !self.eat(Tok::Plus) {
                break;
            }
        }
        let terms = &self.plain_terms[mark..];
        let sum = terms[0].span.to(terms[terms.len() - 1].span);
        let activation = shape.open.map(|_| {
            let close = self.next();
            self.tokens[shape.rhs].span().to(close.span())
        });
        // As the general parser leaves them after an equation of this shape.
        self.bare_matrix_at = None;
        self.alias_at = None;
        if activation.is_some() {
            self.peak = self.peak.max(1);
        }
        Some(PlainEquation {
            lhs,
            activation,
            sum,
            terms: mark..self.plain_terms.len(),
        })
    }

    /// Reads one symbol of a plain equation, as the general parser does;
    /// `primed` if the equation has primes anywhere.
    #[inline(always)]
    fn plain_factor(&mut self, symbols: &mut SymbolTable, primed: bool) -> Option<PlainSymbol> {
        let letter = match self.peek().tok {
            Tok::Name(Name::Param(letter)) => Letter::Param(letter),
            Tok::Name(Name::Var(letter)) => Letter::Var(letter),
            _ => return None,
        };
        if primed
            && matches!(
                (self.peek_at(1).tok, self.peek_at(2).tok),
                (Tok::Prime(_), _) | (Tok::Sub, Tok::Prime(_))
            )
        {
            return self.primed_factor(symbols, letter);
        }
        let name = self.next().span();
        let sub = self.peek();
        let spelling = match (letter, sub.tok) {
            (Letter::Var(v), Tok::Sub) => {
                spelling_key(v, self.src.as_bytes(), sub.start as usize, sub.end as usize)
            }
            (Letter::Var(v), _) => spelling_key(v, b"", 0, 0),
            (Letter::Param(_), _) => None,
        };
        let Some(key) = spelling else {
            let (sym, span) = self.plain_sym(symbols, letter, 0, name).ok()?;
            return Some(PlainSymbol {
                sym,
                span,
                prime_after_subscript: false,
            });
        };
        let hash = spelling_hash(key);
        let (sym, span) = match self.spelled.find(hash, |&(k, _)| k == key) {
            Some(&(_, sym)) if sub.tok == Tok::Sub => {
                self.pos += 1;
                (sym, name.to(sub.span()))
            }
            Some(&(_, sym)) => (sym, name),
            None => {
                let (sym, span) = self.plain_sym(symbols, letter, 0, name).ok()?;
                self.spelled
                    .insert_unique(hash, (key, sym), |&(k, _)| spelling_hash(k));
                (sym, span)
            }
        };
        Some(PlainSymbol {
            sym,
            span,
            prime_after_subscript: false,
        })
    }

    /// [`Parser::plain_factor`] of a symbol with primes: `h'_1`, the
    /// primes before the subscript, or `h_1'`, after it.
    #[cold]
    fn primed_factor(&mut self, symbols: &mut SymbolTable, letter: Letter) -> Option<PlainSymbol> {
        let name = self.next().span();
        if let Tok::Prime(n) = self.peek().tok {
            let primes = self.next().span();
            let (sym, span) = self.plain_sym(symbols, letter, n, name.to(primes)).ok()?;
            return Some(PlainSymbol {
                sym,
                span,
                prime_after_subscript: false,
            });
        }
        let Tok::Prime(n) = self.peek_at(1).tok else {
            return None;
        };
        let (sym, _) = self.plain_sym(symbols, letter, n, name).ok()?;
        let prime = self.next().span();
        Some(PlainSymbol {
            sym,
            span: name.to(prime),
            prime_after_subscript: true,
        })
    }
}

/// A variable's letter and subscript as written (`h`, `_{1,2}`) in one
/// number, for [`Parser::spelled`]: the subscript's bytes (`src[start..end]`,
/// the first in the lowest byte), its length and the letter; `None` for a
/// subscript longer than 14 bytes.
///
/// The bytes are loaded from the text as one number, not copied through a
/// buffer: reading a buffer back right after filling it byte by byte stalls
/// the processor.
fn spelling_key(v: VarLetter, src: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 14 {
        return None;
    }
    let text = match src.get(start..start + 16) {
        Some(sixteen) => u128::from_le_bytes(sixteen.try_into().expect("sixteen bytes")),
        None => src[start..end]
            .iter()
            .rev()
            .fold(0, |k, &b| k << 8 | u128::from(b)),
    };
    let mask = (1u128 << (8 * len)) - 1;
    Some(text & mask | (len as u128) << 112 | u128::from(v as u8 + 1) << 120)
}

/// The hash of a [`spelling_key`]: its halves mixed as the symbol table
/// mixes a symbol's parts.
fn spelling_hash(key: u128) -> u64 {
    let (low, high) = (key as u64, (key >> 64) as u64);
    mix(0x243f_6a88_85a3_08d3, low ^ high.rotate_left(29))
}

#[cfg(test)]
mod tests {
    use super::super::{parse_document, parse_each_plain, Parsed};
    use crate::lower::Lowering;
    use crate::symbol::SymbolTable;
    use proptest::prelude::*;

    /// Left sides, of the plain shape and not.
    const LEFT: &[&str] = &[
        "h_1",
        "h_{1,2}",
        "y",
        "x",
        "h'_1",
        "\\theta_1",
        "h_{99999999999}",
        "\\mathbf{h}_1",
    ];
    /// What opens the right side.
    const OPEN: &[&str] = &[
        "",
        "",
        "a[",
        "\\mathrm{a}[",
        "\\mathrm{a}\\left[",
        "\\text{a}[",
        "\\mathbf{a}[",
        "ReLU[",
        "a'[",
    ];
    /// Terms, of the plain shape and not.
    const TERMS: &[&str] = &[
        "\\beta_{0,1}",
        "\\omega_{0,1,1}x",
        "\\omega_{0,1,2} \\cdot h_{1,2}",
        "\\theta_{10}",
        "\\theta_{11}x",
        "θ₁₂h₁",
        "x",
        "h_1",
        "2",
        "\\phi_1 h_1 x",
        "\\omega_{0,1,99999999999}h_1",
        "\\phi'_1h_1",
        "\\psi'_{1,2}h'_{2}",
        "h_1'",
        "h'_1'",
        "\\phi_1 h_1^\\prime",
        "x\\theta_1",
        "\\theta_1\\theta_2",
        "\\phi_1 \\cdot",
        "\\theta_1 h_1'",
        "(x)",
    ];
    const BETWEEN: &[&str] = &[" + ", "+", " + ", " - ", " "];
    const CLOSE: &[&str] = &["]", "\\right]", "", ")"];
    const END: &[&str] = &["\n", " \\\\\n", ", ", "", " = y\n"];

    /// A document of equations, most of the plain shape, some a token away.
    fn documents() -> impl Strategy<Value = String> {
        let equation = (
            prop::sample::select(LEFT),
            prop::sample::select(OPEN),
            prop::collection::vec(
                (prop::sample::select(BETWEEN), prop::sample::select(TERMS)),
                1..5,
            ),
            prop::sample::select(CLOSE),
            prop::sample::select(END),
            any::<bool>(),
        )
            .prop_map(|(lhs, open, terms, close, end, matched)| {
                let mut s = format!("{lhs} &= {open}");
                for (k, (between, term)) in terms.iter().enumerate() {
                    if k > 0 {
                        s.push_str(between);
                    }
                    s.push_str(term);
                }
                let close = match (open, matched) {
                    ("", true) => "",
                    (o, true) if o.ends_with("\\left[") => "\\right]",
                    (_, true) => "]",
                    _ => close,
                };
                s.push_str(close);
                s.push_str(end);
                s
            });
        prop::collection::vec(equation, 1..5).prop_map(|eqs| eqs.concat())
    }

    /// The document through [`parse_each_plain`], trees made of its plain
    /// equations, and how many were plain.
    fn read_plain(text: &str) -> (String, String, usize) {
        let mut symbols = SymbolTable::new();
        let mut equations = Vec::new();
        let mut plain = 0;
        let done = parse_each_plain(text, &mut symbols, |parsed, _| {
            equations.push(match parsed {
                Parsed::Plain(equation, terms) => {
                    plain += 1;
                    equation.to_equation(terms)
                }
                Parsed::Tree(equation) => equation,
            });
            true
        });
        let result = done.map(|_| equations);
        (format!("{result:?}"), format!("{symbols:?}"), plain)
    }

    /// The same through the general parser alone.
    fn read_general(text: &str) -> (String, String) {
        let mut symbols = SymbolTable::new();
        let result = parse_document(text, &mut symbols).map(|d| d.equations);
        (format!("{result:?}"), format!("{symbols:?}"))
    }

    /// The network and notes (or errors) from lowering the document read
    /// with plain equations, or as trees only.
    fn lowered(text: &str, plain: bool) -> String {
        let mut symbols = SymbolTable::new();
        let mut lowering = Lowering::default();
        let read = if plain {
            parse_each_plain(text, &mut symbols, |parsed, symbols| {
                lowering.parsed(parsed, symbols);
                true
            })
        } else {
            super::super::parse_each(text, &mut symbols, |equation, symbols| {
                lowering.equation(&equation, symbols);
                true
            })
        };
        match read {
            Ok(_) => format!("{:?}", lowering.finish(symbols)),
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn the_usual_equations_are_plain_and_others_are_not() {
        let plain = |s: &str| read_plain(s).2;
        assert_eq!(
            plain("h_{1,1} &= \\mathrm{a}[\\beta_{0,1} + \\omega_{0,1,1}x] \\\\"),
            1
        );
        assert_eq!(plain("h₁ = a[θ₁₀ + θ₁₁x]\ny = φ_0 + φ_1 \\cdot h_1"), 2);
        assert_eq!(
            plain("h_1 = a\\left[\\theta_{10} + \\theta_{11}x\\right]"),
            1
        );
        // A sign, a number, a prime, a single term, a chain, a bold
        // activation: the general reading.
        for other in [
            "h_1 = a[\\theta_{10} - \\theta_{11}x]",
            "h_1 = a[2 + \\theta_{11}x]",
            "h'_1' = a[\\theta_{10} + \\theta_{11}x]",
            "h_1 = a[\\theta_{10} + \\theta'_{11}'x]",
            "y = \\phi_1 h_1",
            "y = \\phi_0 + \\phi_1 h_1 = z",
            "h_1 = \\mathbf{a}[\\theta_{10} + \\theta_{11}x]",
            "h_{99999999999} = a[\\theta_{10} + \\theta_{11}x]",
        ] {
            assert_eq!(plain(other), 0, "{other}");
        }
    }

    #[test]
    fn a_refused_index_is_reported_once_by_the_general_reading() {
        let text = "h_1 = a[\\theta_{10} + \\omega_{0,1,99999999999}x]";
        assert_eq!(read_plain(text).0, read_general(text).0);
        assert!(read_plain(text).0.contains("index out of range"));
    }

    #[test]
    fn like_terms_of_a_plain_sum_merge() {
        let text = "h_1 = a[\\theta_{10} + \\theta_{11}x + \\omega_{0,1,1}x + \\theta_{12}]\ny = \\phi_0 + \\phi_1 h_1";
        assert_eq!(read_plain(text).2, 2);
        let lowered = lowered(text, true);
        assert_eq!(lowered, self::lowered(text, false));
        // (θ_11 + ω_011) x, and one bias θ_10 + θ_12.
        assert_eq!(lowered.matches("atom: Var(Sym(3))").count(), 1, "{lowered}");
    }

    /// A network of `layers` hidden layers, each term a weight times a unit
    /// of the layer before (drawn, so a unit may be read twice) or a bias,
    /// in one of the spellings of the plain shape.
    fn networks() -> impl Strategy<Value = String> {
        let term = (
            0usize..4,
            0usize..3,
            prop::sample::select(&[" + ", "+"][..]),
        );
        let unit = prop::collection::vec(term, 2..6);
        let layer = prop::collection::vec(unit, 1..4);
        (
            prop::collection::vec(layer, 1..4),
            prop::sample::select(&["a[", "\\mathrm{a}[", "\\mathrm{a}\\left[", "a["][..]),
            prop::sample::select(&["", "\\cdot "][..]),
            any::<bool>(),
        )
            .prop_map(|(layers, open, times, primed)| {
                let close = if open.ends_with("\\left[") {
                    "\\right]"
                } else {
                    "]"
                };
                let mut text = String::new();
                let mut before = vec!["x".to_string()];
                for (k, layer) in layers.iter().enumerate() {
                    let mut names = Vec::new();
                    for (i, unit) in layer.iter().enumerate() {
                        // Layers told apart by primes, as the book names
                        // them, or by a first index.
                        let name = match primed {
                            true => format!("h{}_{{{}}}", "'".repeat(k), i + 1),
                            false => format!("h_{{{},{}}}", k + 1, i + 1),
                        };
                        text.push_str(&format!("{name} &= {open}"));
                        for (n, &(kind, read, plus)) in unit.iter().enumerate() {
                            if n > 0 {
                                text.push_str(plus);
                            }
                            let weight = format!("\\omega_{{{k},{},{n}}}", i + 1);
                            match kind {
                                0 => text.push_str(&weight),
                                _ => text.push_str(&format!(
                                    "{weight}{times}{}",
                                    before[read % before.len()]
                                )),
                            }
                        }
                        text.push_str(close);
                        text.push_str(" \\\\\n");
                        names.push(name);
                    }
                    before = names;
                }
                text.push_str("y &= \\beta_0");
                for (i, h) in before.iter().enumerate() {
                    text.push_str(&format!(" + \\omega_{{9,{i}}}{h}"));
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Networks whose equations are all plain, some reading a unit
        /// twice or adding two biases, lower as their trees do.
        #[test]
        fn plain_networks_lower_as_their_trees_do(text in networks()) {
            let (_, _, plain) = read_plain(&text);
            prop_assert!(plain >= 2, "{}", text);
            prop_assert_eq!(lowered(&text, true), lowered(&text, false));
        }

        /// Reading plain equations without a tree gives the trees, the
        /// symbols (in the same order) and the errors of the general parser.
        #[test]
        fn plain_equations_read_as_the_general_parser_reads_them(text in documents()) {
            let (equations, symbols, _) = read_plain(&text);
            let (general, general_symbols) = read_general(&text);
            prop_assert_eq!(equations, general);
            prop_assert_eq!(symbols, general_symbols);
        }

        /// Lowering plain equations without a tree gives the network, notes
        /// and errors that lowering their trees gives.
        #[test]
        fn plain_equations_lower_as_their_trees_do(text in documents()) {
            prop_assert_eq!(lowered(&text, true), lowered(&text, false));
        }
    }
}
