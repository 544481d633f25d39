//! Recursive descent over tokens: equations, sums, products and factors.
//!
//! Every recursion (a bracket, a parenthesis, a brace, a unary sign) and
//! every postfix level (a transpose, a division) counts towards
//! [`MAX_DEPTH`], so no input can build a tree deep enough to overflow the
//! stack of whatever walks it later. A failed
//! equation is reported once and skipped up to the next separator at bracket
//! depth 0; the next equation is then read normally.

use super::ast::{ActivationSpelling, Equation, Expr, ExprKind};
use super::atoms::{self, Name};
use super::commands::Wrap;
use super::cursor::{delim_of, neg, starts_factor};
use super::lexer::{subscript_text, Delim, Tok, Token, MAX_ERRORS};
use super::plain::{PlainEquation, PlainTerm};
use super::{Span, MAX_DEPTH};
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, Sym, Symbol, SymbolTable};
use hashbrown::HashTable;
use num_traits::Zero;

/// Marks a failed parse whose diagnostic has already been recorded.
#[derive(Debug)]
pub(crate) struct Failed;

/// The result of a parse step.
pub(crate) type PResult<T> = Result<T, Failed>;

/// A symbol as written: its letter and primes (its indices are in
/// `Parser::indices` until the next symbol is read), its spelling flags and
/// its span.
pub(crate) struct SymbolAtom {
    /// The letter.
    pub letter: Letter,
    /// The number of primes.
    pub primes: u8,
    /// Written in bold.
    pub bold: bool,
    /// A prime was written after the subscript.
    pub prime_after_subscript: bool,
    /// Where it was written.
    pub span: Span,
}

/// A name being read, with the primes and subscript written so far.
struct Decorated {
    name: Name,
    primes: usize,
    primes_before: bool,
    primes_after: bool,
    sub: Option<Token>,
}

/// The parser's state: the tokens, where it is, how deep, and what went wrong.
pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    /// The tokens being read: one chunk of the input at a time (see
    /// [`Parser::document`]), ending with a separator or [`Tok::End`].
    pub(crate) tokens: Vec<Token>,
    pub(crate) pos: usize,
    pub(crate) depth: usize,
    /// The deepest level the expression being read reaches so far, counting
    /// postfix transposes and division chains, which build a tree as deep as
    /// they are long without opening a bracket.
    pub(crate) peak: usize,
    pub(crate) diags: Vec<Diagnostic>,
    /// The byte ranges of equations the parser reported an error in.
    pub(crate) failed: Vec<Span>,
    /// Reused for each symbol's indices, to save an allocation per symbol.
    indices: Vec<u32>,
    /// The terms of the sums and the factors of the products being read,
    /// innermost last: each is moved into a `Vec` of its own size once
    /// complete, so no list grows step by step.
    pub(crate) items: Vec<Expr>,
    /// The token at which a bare `[` reads as a matrix even without `,` or
    /// `;` inside: the start of an equation (`[h_1] = a[…]`) or of a
    /// parameter's definition (`theta_0 = [theta_10]`).
    pub(crate) bare_matrix_at: Option<usize>,
    /// The token at which a bare `[` holding one name reads as a matrix: the
    /// start of a bold vector's alias, `bb(x) = [x]` (but `y = [x]` is a
    /// forgotten activation).
    pub(crate) alias_at: Option<usize>,
    /// The terms of the plain equations read from the current chunk (see
    /// [`Parser::plain_equation`]).
    pub(crate) plain_terms: Vec<PlainTerm>,
    /// The variables of plain equations read so far, by their spelling
    /// (see [`Parser::plain_factor`]): a unit is read once per unit of the
    /// next layer, and found here without reading its indices again.
    pub(crate) spelled: HashTable<(u128, Sym)>,
}

/// An equation as [`Parser::items`] reads it: a plain equation (its terms
/// in [`Parser::plain_terms`]) or a syntax tree.
pub(crate) enum Item {
    Plain(PlainEquation),
    Tree(Equation),
}

impl<'a> Parser<'a> {
    /// Makes a parser over `tokens`, which end with [`Tok::End`] or a
    /// separator.
    pub(crate) fn new(src: &'a str, tokens: Vec<Token>) -> Parser<'a> {
        Parser {
            src,
            tokens,
            pos: 0,
            depth: 0,
            peak: 0,
            diags: Vec::new(),
            failed: Vec::new(),
            indices: Vec::new(),
            items: Vec::new(),
            bare_matrix_at: None,
            alias_at: None,
            plain_terms: Vec::new(),
            spelled: HashTable::new(),
        }
    }

    /// Parses every equation in [`Parser::tokens`] onto `equations`,
    /// reporting at most one error per equation.
    ///
    /// The tokens are one chunk of the input from [`super::lexer::Lexer::next_chunk`]
    /// (nothing is read past the separator that ends it), or all of it.
    #[cfg(test)]
    pub(crate) fn document(&mut self, symbols: &mut SymbolTable, equations: &mut Vec<Equation>) {
        self.read_equations(symbols, false, |item| {
            if let Item::Tree(equation) = item {
                equations.push(equation);
            }
        });
    }

    /// [`Parser::document`], with `plain` reading each equation of the
    /// plain shape without a syntax tree ([`Parser::plain_equation`]); the
    /// terms of the chunk's plain equations are in [`Parser::plain_terms`].
    pub(crate) fn items(&mut self, symbols: &mut SymbolTable, plain: bool, items: &mut Vec<Item>) {
        self.plain_terms.clear();
        self.read_equations(symbols, plain, |item| items.push(item));
    }

    /// Reads every equation of the chunk, handing each to `push`; with
    /// `plain`, an equation of the plain shape as an [`Item::Plain`].
    fn read_equations(
        &mut self,
        symbols: &mut SymbolTable,
        plain: bool,
        mut push: impl FnMut(Item),
    ) {
        self.pos = 0;
        // Token positions from an earlier chunk mean nothing in this one.
        self.bare_matrix_at = None;
        self.alias_at = None;
        let last = self.tokens.len().saturating_sub(1);
        loop {
            while matches!(self.peek().tok, Tok::Sep(_)) && self.pos < last {
                self.pos += 1;
            }
            if matches!(self.peek().tok, Tok::End | Tok::Sep(_)) || self.diags.len() >= MAX_ERRORS {
                return;
            }
            if plain {
                if let Some(equation) = self.plain_equation(symbols) {
                    push(Item::Plain(equation));
                    continue;
                }
            }
            let (start, reported) = (self.pos, self.diags.len());
            match self.equation(symbols) {
                Ok(equation) => push(Item::Tree(equation)),
                Err(Failed) => {
                    self.recover(start);
                    if self.diags.len() > reported {
                        let range = self.tokens[start].span().to(self.prev_span());
                        self.failed.push(range);
                    }
                }
            }
        }
    }

    /// Skips the equation that starts at token `start`, up to the next
    /// separator outside brackets.
    fn recover(&mut self, start: usize) {
        self.depth = 0;
        self.peak = 0;
        let mut depth = 0usize;
        let mut i = start;
        loop {
            match self.tokens.get(i).map_or(Tok::End, |t| t.tok) {
                Tok::End => break,
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => depth = depth.saturating_sub(1),
                Tok::Sep(_) if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        self.pos = i.max(start + 1).min(self.tokens.len() - 1);
    }

    /// Parses an equation: `h_1 = a[θ_10 + θ_11 x]`, or a chain `A = B = C`.
    fn equation(&mut self, symbols: &mut SymbolTable) -> PResult<Equation> {
        self.bare_matrix_at = Some(self.pos);
        let mut sides = Vec::with_capacity(2);
        sides.push(self.sum(symbols)?);
        let left = match &sides[0].kind {
            ExprKind::Transpose(inner) => &inner.kind,
            kind => kind,
        };
        let defines = match left {
            ExprKind::Symbol { sym, bold, .. } if *bold || symbols[*sym].is_param() => {
                Some(symbols[*sym].is_param())
            }
            _ => None,
        };
        while self.eat(Tok::Eq) {
            self.bare_matrix_at = (defines == Some(true)).then_some(self.pos);
            self.alias_at = (defines == Some(false)).then_some(self.pos);
            sides.push(self.sum(symbols)?);
        }
        if sides.len() == 1 {
            let diag =
                Diagnostic::error("parse", "expected `=` after the left side", sides[0].span)
                    .with_label("expected `=` after this")
                    .with_help("write an equation such as `h_1 = a[θ_10 + θ_11 x]`");
            return self.report(diag);
        }
        match self.peek().tok {
            Tok::Sep(_) | Tok::End => {}
            _ => return self.unexpected("an operator, `=` or the end of the equation"),
        }
        let span = sides[0].span.to(sides[sides.len() - 1].span);
        Ok(Equation { sides, span })
    }

    /// Parses a sum: `θ_10 + θ_11 x - 2`, `-x`, `+ - x`.
    pub(crate) fn sum(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let first = self.signed_term(symbols)?;
        let mark = self.items.len();
        self.items.push(first);
        let terms = self.terms(symbols);
        self.finish_items(mark, terms, ExprKind::Sum)
    }

    /// Reads the terms after a sum's first onto [`Parser::items`].
    fn terms(&mut self, symbols: &mut SymbolTable) -> PResult<()> {
        loop {
            let op = self.peek();
            if !matches!(op.tok, Tok::Plus | Tok::Minus) {
                break;
            }
            self.pos += 1;
            let next = self.peek();
            if !starts_factor(next.tok) {
                let sign = self.text(op);
                let help = format!("an operand must follow `{sign}`, e.g. `θ₁₁x`");
                return self.unexpected_with("an operand", Some(help));
            }
            let term = self.product(symbols)?;
            self.items.push(match op.tok {
                Tok::Minus => neg(op.span(), term),
                _ => term,
            });
        }
        Ok(())
    }

    /// Parses a term with leading signs: `-x`, `+2`, `- -θ_0`. Each sign
    /// counts as one level of nesting.
    fn signed_term(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let mut signs = Vec::new();
        while matches!(self.peek().tok, Tok::Plus | Tok::Minus) {
            let sign = self.peek();
            if self.depth + signs.len() + 1 > MAX_DEPTH {
                return self.too_deep(sign.span());
            }
            signs.push(sign);
            self.pos += 1;
        }
        self.depth += signs.len();
        let term = self.product(symbols);
        self.depth -= signs.len();
        let mut term = term?;
        for sign in signs.into_iter().rev() {
            term = match sign.tok {
                Tok::Minus => neg(sign.span(), term),
                _ => Expr::new(term.kind, sign.span().to(term.span)),
            };
        }
        Ok(term)
    }

    /// Parses a product: `θ_11x`, `2 * x`, `θ'_{11} \cdot φ_1 h_1`, `x/2`.
    /// Division is left-associative at the same level as multiplication.
    fn product(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let first = self.factor(symbols, true)?;
        let mark = self.items.len();
        self.items.push(first);
        let factors = self.factors(symbols, mark);
        self.finish_items(mark, factors, ExprKind::Product)
    }

    /// Reads the factors after a product's first onto [`Parser::items`]
    /// from `mark` on; a division makes what is there its numerator.
    fn factors(&mut self, symbols: &mut SymbolTable, mark: usize) -> PResult<()> {
        loop {
            let t = self.peek();
            match t.tok {
                Tok::Times | Tok::Slash => {
                    self.pos += 1;
                    if !starts_factor(self.peek().tok) && t.tok == Tok::Slash {
                        let diag = Diagnostic::error("parse", "incomplete fraction", self.here())
                            .with_label("expected a denominator after `/`");
                        return self.report(diag);
                    }
                    if !starts_factor(self.peek().tok) {
                        return self.unexpected(&format!("a factor after `{}`", self.text(t)));
                    }
                    let factor = self.factor(symbols, t.tok == Tok::Times)?;
                    if t.tok == Tok::Slash {
                        self.deeper(t.span())?;
                        let numerator = self.finish_items(mark, Ok(()), ExprKind::Product)?;
                        let quotient = self.quotient(numerator, factor)?;
                        self.items.push(quotient);
                    } else {
                        self.items.push(factor);
                    }
                }
                Tok::Sub | Tok::Prime(_) => return self.unexpected("an operator"),
                Tok::Number if self.glued_to_letter() => return self.number_after_letter(t),
                tok if starts_factor(tok) => {
                    let factor = self.factor(symbols, true)?;
                    self.items.push(factor);
                }
                _ => return Ok(()),
            }
        }
    }

    /// Parses a factor: an operand with any transposes after it:
    /// `\boldsymbol{\phi}'^T`, `(x)^{\top}`, `φᵀ`. Each transpose counts as
    /// one level of nesting on top of the operand's own depth.
    fn factor(&mut self, symbols: &mut SymbolTable, fraction: bool) -> PResult<Expr> {
        let outer = self.peak;
        self.peak = self.depth;
        let mut operand = self.operand(symbols, fraction)?;
        while self.peek().tok == Tok::Transpose {
            let t = self.next();
            self.deeper(t.span())?;
            let span = operand.span.to(t.span());
            operand = Expr::new(ExprKind::Transpose(Box::new(operand)), span);
        }
        self.peak = self.peak.max(outer);
        Ok(operand)
    }

    /// Parses an operand: a number or fraction literal (`3/4` when
    /// `fraction` allows), a symbol, an activation, a group `( … )` or
    /// `{ … }`, `\frac{…}{…}`, or a matrix (`\begin{bmatrix} … \end{bmatrix}`,
    /// `[a, b; c, d]`).
    fn operand(&mut self, symbols: &mut SymbolTable, fraction: bool) -> PResult<Expr> {
        let t = self.peek();
        match t.tok {
            Tok::Number => self.number(fraction),
            Tok::Name(Name::Param(letter)) => self.plain_symbol(symbols, Letter::Param(letter)),
            Tok::Name(Name::Var(letter)) => self.plain_symbol(symbols, Letter::Var(letter)),
            Tok::Name(_) | Tok::Wrap(_) => self.named(symbols),
            Tok::Open(Delim::Paren | Delim::Brace) => self.group(symbols),
            Tok::Open(Delim::Square) => self.square(symbols),
            Tok::Open(Delim::Matrix(env)) => self.environment_matrix(symbols, env),
            Tok::Frac => self.frac(symbols),
            Tok::Error => Err(Failed),
            _ => self.unexpected("an operand"),
        }
    }

    /// Parses a number, or a fraction literal `3/4`, `0.5/2` that binds
    /// tighter than juxtaposition (`3/4x` is `(3/4)·x`).
    fn number(&mut self, fraction: bool) -> PResult<Expr> {
        let numerator = self.number_atom()?;
        let is_integer = |p: &Self, t: Token| {
            t.tok == Tok::Number && p.text(t).bytes().all(|b| b.is_ascii_digit())
        };
        if fraction && self.peek().tok == Tok::Slash && is_integer(self, self.peek_at(1)) {
            self.pos += 1;
            let denominator = self.number_atom()?;
            return self.quotient(numerator, denominator);
        }
        Ok(numerator)
    }

    /// Parses one number token: `2`, `0.1`, `1e-3`.
    fn number_atom(&mut self) -> PResult<Expr> {
        let t = self.next();
        match atoms::number_value(self.text(t)) {
            Ok(value) => Ok(Expr::new(ExprKind::Number(Box::new(value)), t.span())),
            Err(message) => {
                let diag =
                    Diagnostic::error("parse", "number out of range", t.span()).with_label(message);
                self.report(diag)
            }
        }
    }

    /// Builds `numerator / denominator`, refusing a literal zero denominator.
    fn quotient(&mut self, numerator: Expr, denominator: Expr) -> PResult<Expr> {
        if matches!(&denominator.kind, ExprKind::Number(n) if n.is_zero()) {
            let diag = Diagnostic::error("parse", "division by zero", denominator.span)
                .with_label("this denominator is zero");
            return self.report(diag);
        }
        let span = numerator.span.to(denominator.span);
        Ok(Expr::new(
            ExprKind::Quotient(Box::new(numerator), Box::new(denominator)),
            span,
        ))
    }

    /// Parses a letter with at most a subscript after it, `\omega_{1,2,3}`,
    /// `h_{1,3}`, `x`, as [`Parser::named`] would: almost every symbol of a
    /// large network is written so. A letter with primes or a second
    /// subscript goes to [`Parser::named`].
    fn plain_symbol(&mut self, symbols: &mut SymbolTable, letter: Letter) -> PResult<Expr> {
        let sub = usize::from(self.peek_at(1).tok == Tok::Sub);
        let after = self.tokens.get(self.pos + 1 + sub);
        if after.is_some_and(|t| matches!(t.tok, Tok::Sub | Tok::Prime(_))) {
            return self.named(symbols);
        }
        let name = self.next();
        let (sym, span) = self.plain_sym(symbols, letter, 0, name.span())?;
        let kind = ExprKind::Symbol {
            sym,
            bold: false,
            prime_after_subscript: false,
        };
        Ok(Expr::new(kind, span))
    }

    /// Reads the subscript at the current token, if one is there, and
    /// interns the symbol of `letter` with `primes`, whose name (and primes)
    /// `start` covers: [`Parser::plain_symbol`] once it knows no second
    /// subscript or prime follows. The span runs from `start` to the
    /// subscript.
    #[inline(always)]
    pub(crate) fn plain_sym(
        &mut self,
        symbols: &mut SymbolTable,
        letter: Letter,
        primes: u8,
        start: Span,
    ) -> PResult<(Sym, Span)> {
        let sub = (self.peek().tok == Tok::Sub).then(|| self.next());
        self.indices.clear();
        if let Some(sub) = sub {
            let per_digit = matches!(letter, Letter::Param(_));
            // `_{0,12,3}`, as nearly every subscript of a large input is
            // written: its inside read as bytes, with no text to slice.
            let raw = &self.src.as_bytes()[sub.start as usize..sub.end as usize];
            let read = match raw {
                [b'_', b'{', inner @ .., b'}'] => {
                    atoms::ascii_indices(inner, per_digit, &mut self.indices)
                }
                _ => None,
            };
            let read = read.unwrap_or_else(|| {
                atoms::indices(subscript_text(self.text(sub)), per_digit, &mut self.indices)
            });
            if let Err(message) = read {
                let diag = Diagnostic::error("parse", "index out of range", sub.span())
                    .with_label(message);
                return self.report(diag);
            }
        }
        let sym = symbols.intern_parts(letter, primes, &self.indices);
        Ok((sym, sub.map_or(start, |s| start.to(s.span()))))
    }

    /// Parses a symbol or an activation, plain or wrapped: `θ_10`, `h'_1`,
    /// `\mathbf{x}`, `\boldsymbol{\theta}_0`, `a[…]`, `\text{ReLU}[…]`.
    fn named(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let start = self.peek().span();
        let (name, wrap) = self.name_and_wrap()?;
        match name.name {
            Name::Activation | Name::Relu if name.primes > 0 || name.sub.is_some() => {
                let span = start.to(self.prev_span());
                let diag =
                    Diagnostic::error("parse", "an activation takes no subscript or prime", span)
                        .with_label("expected `[` right after the activation's name");
                self.report(diag)
            }
            Name::Activation | Name::Relu => {
                let spelling = match (name.name, wrap) {
                    (Name::Relu, _) => ActivationSpelling::Relu,
                    (_, Some(Wrap::Bold)) => ActivationSpelling::Bold,
                    _ => ActivationSpelling::Plain,
                };
                self.activation(symbols, start, spelling)
            }
            _ => {
                let atom = self.finish_symbol(name, wrap, start)?;
                let sym = symbols.intern_parts(atom.letter, atom.primes, &self.indices);
                let kind = ExprKind::Symbol {
                    sym,
                    bold: atom.bold,
                    prime_after_subscript: atom.prime_after_subscript,
                };
                Ok(Expr::new(kind, atom.span))
            }
        }
    }

    /// The symbol an atom just read names.
    pub(crate) fn atom_symbol(&self, atom: &SymbolAtom) -> Symbol {
        Symbol {
            letter: atom.letter,
            primes: atom.primes,
            indices: crate::symbol::Indices::from_slice(&self.indices),
        }
    }

    /// Parses a whole symbol (`θ′₁₀`, `\mathbf{h}_1`), for [`super::parse_symbol`].
    pub(crate) fn symbol_atom(&mut self) -> PResult<SymbolAtom> {
        let start = self.peek().span();
        if !matches!(self.peek().tok, Tok::Name(_) | Tok::Wrap(_)) {
            return self.unexpected("a parameter or variable name");
        }
        let (name, wrap) = self.name_and_wrap()?;
        if matches!(name.name, Name::Activation | Name::Relu) {
            let diag = Diagnostic::error(
                "parse",
                "the activation is not a symbol",
                start.to(self.prev_span()),
            )
            .with_label("expected a parameter or variable name");
            return self.report(diag);
        }
        self.finish_symbol(name, wrap, start)
    }

    /// Reads a name with its decorations, unwrapping `\mathbf{…}` and the
    /// like, and the ASCII bold `bb(h)`.
    fn name_and_wrap(&mut self) -> PResult<(Decorated, Option<Wrap>)> {
        let t = self.next();
        let wrap = match t.tok {
            Tok::Wrap(w) => w,
            Tok::Name(name) => return Ok((self.decorations(name)?, None)),
            _ => return Err(Failed),
        };
        let open = self.peek();
        let delim = match open.tok {
            Tok::Open(Delim::Paren) if self.text(t) == "bb" => Some(Delim::Paren),
            Tok::Open(Delim::Brace) => Some(Delim::Brace),
            _ => None,
        };
        if delim.is_some() {
            self.pos += 1;
        }
        let inner = self.next();
        let Tok::Name(name) = inner.tok else {
            self.pos -= 1;
            if inner.tok == Tok::Error {
                return Err(Failed);
            }
            let label = format!("expected a letter inside `{}`", self.text(t));
            return self.unexpected_with(&label, None);
        };
        let mut decorated = self.decorations(name)?;
        if let Some(delim) = delim {
            self.expect(Tok::Close(delim), open)?;
            self.more_decorations(&mut decorated)?;
        }
        Ok((decorated, Some(wrap)))
    }

    /// Reads the primes and subscript that follow a name.
    fn decorations(&mut self, name: Name) -> PResult<Decorated> {
        let mut decorated = Decorated {
            name,
            primes: 0,
            primes_before: false,
            primes_after: false,
            sub: None,
        };
        self.more_decorations(&mut decorated)?;
        Ok(decorated)
    }

    /// Reads primes and a subscript, in any order: `'_1`, `_1'`, `′₁`.
    fn more_decorations(&mut self, d: &mut Decorated) -> PResult<()> {
        loop {
            let t = self.peek();
            match t.tok {
                Tok::Prime(n) => {
                    d.primes += usize::from(n);
                    *(if d.sub.is_some() {
                        &mut d.primes_after
                    } else {
                        &mut d.primes_before
                    }) = true;
                }
                Tok::Sub if d.sub.is_some() => {
                    let diag = Diagnostic::error("parse", "a second subscript", t.span())
                        .with_label("this name already has a subscript");
                    return self.report(diag);
                }
                Tok::Sub => d.sub = Some(t),
                _ => return Ok(()),
            }
            self.pos += 1;
        }
    }

    /// Turns a decorated name into a symbol, checking its primes and indices.
    fn finish_symbol(
        &mut self,
        d: Decorated,
        wrap: Option<Wrap>,
        start: Span,
    ) -> PResult<SymbolAtom> {
        let span = start.to(self.prev_span());
        if d.primes_before && d.primes_after {
            let diag = Diagnostic::error("parse", "primes on both sides of the subscript", span)
                .with_label("write the primes before or after the subscript, not both");
            return self.report(diag);
        }
        let Ok(primes) = u8::try_from(d.primes) else {
            let diag = Diagnostic::error("parse", "too many primes", span)
                .with_label("at most 255 primes");
            return self.report(diag);
        };
        let letter = match d.name {
            Name::Param(letter) => Letter::Param(letter),
            Name::Var(letter) => Letter::Var(letter),
            Name::Activation | Name::Relu => return Err(Failed),
        };
        let per_digit = matches!(d.name, Name::Param(_));
        let mut indices = std::mem::take(&mut self.indices);
        indices.clear();
        if let Some(sub) = d.sub {
            let text = subscript_text(self.text(sub));
            if let Err(message) = atoms::indices(text, per_digit, &mut indices) {
                let diag = Diagnostic::error("parse", "index out of range", sub.span())
                    .with_label(message);
                return self.report(diag);
            }
        }
        self.indices = indices;
        Ok(SymbolAtom {
            letter,
            primes,
            // `\boldsymbol{\theta}_{10}` is the scalar θ₁₀ in bold type: a
            // parameter with two or more indices is never a vector's name.
            bold: wrap == Some(Wrap::Bold) && !(per_digit && self.indices.len() >= 2),
            prime_after_subscript: d.primes_after,
            span,
        })
    }

    /// Parses an activation's bracketed argument after its name: `[θ_10 + θ_11 x]`,
    /// `\left[ … \right]`, `\bigl[ … \bigr]`.
    fn activation(
        &mut self,
        symbols: &mut SymbolTable,
        start: Span,
        spelling: ActivationSpelling,
    ) -> PResult<Expr> {
        let name_span = start.to(self.prev_span());
        let name = &self.src[name_span.range()];
        let open = self.peek();
        if open.tok != Tok::Open(Delim::Square) {
            return self.missing_bracket(name, name_span);
        }
        self.pos += 1;
        if matches!(self.peek().tok, Tok::Close(Delim::Square)) {
            let span = name_span.to(self.peek().span());
            let diag = Diagnostic::error("parse", "an activation needs an argument", span)
                .with_label("nothing between the brackets")
                .with_help("write the pre-activation inside, e.g. `a[θ_10 + θ_11 x]`");
            return self.report(diag);
        }
        let arg = self.nested(open.span(), |p| p.sum(symbols))?;
        let close = self.expect(Tok::Close(Delim::Square), open)?;
        let kind = ExprKind::Activation {
            spelling,
            arg: Box::new(arg),
        };
        Ok(Expr::new(kind, name_span.to(close.span())))
    }

    /// Reports an activation name without its `[`.
    fn missing_bracket(&mut self, name: &str, name_span: Span) -> PResult<Expr> {
        let (message, help) = if name == "a" {
            (
                "the letter `a` is only used for the activation".to_string(),
                "write `a[…]` to apply the activation to an expression; the letters netform \
                 reads are θ φ ψ β ω Ω and x, y, h"
                    .to_string(),
            )
        } else {
            (
                format!("expected `[` after `{name}`"),
                "write the activation's argument in square brackets: `a[θ_10 + θ_11 x]`"
                    .to_string(),
            )
        };
        let diag = Diagnostic::error("parse", message, name_span)
            .with_label("expected `[` after this")
            .with_help(help);
        self.report(diag)
    }

    /// Parses a group: `(θ_1 + θ_2)`, `{x}`.
    fn group(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let open = self.next();
        if matches!(self.peek().tok, Tok::Close(_)) {
            let span = open.span().to(self.peek().span());
            let diag = Diagnostic::error("parse", "empty group", span)
                .with_label("expected an expression inside");
            return self.report(diag);
        }
        let inner = self.nested(open.span(), |p| p.sum(symbols))?;
        let close = self.expect(Tok::Close(delim_of(open.tok)), open)?;
        Ok(Expr::new(
            ExprKind::Group(Box::new(inner)),
            open.span().to(close.span()),
        ))
    }

    /// Parses a LaTeX fraction: `\frac{3}{4}`, `\dfrac{θ_1}{2}`, `\tfrac{1}{2}`.
    fn frac(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let command = self.next();
        let numerator = self.frac_part(symbols, command, "numerator")?;
        let denominator = self.frac_part(symbols, command, "denominator")?;
        let quotient = self.quotient(numerator, denominator)?;
        let span = command.span().to(quotient.span);
        Ok(Expr::new(quotient.kind, span))
    }

    /// Parses one braced part of a fraction: `{3}`.
    fn frac_part(
        &mut self,
        symbols: &mut SymbolTable,
        command: Token,
        part: &str,
    ) -> PResult<Expr> {
        let open = self.peek();
        if open.tok != Tok::Open(Delim::Brace) {
            let name = self.text(command);
            let diag = Diagnostic::error("parse", "incomplete fraction", self.here())
                .with_label(format!("expected the {part} `{{…}}` of `{name}` here"))
                .with_secondary(command.span(), "this fraction")
                .with_help(format!("write `{name}{{3}}{{4}}`"));
            return self.report(diag);
        }
        self.pos += 1;
        let inner = self.nested(open.span(), |p| p.sum(symbols))?;
        self.expect(Tok::Close(Delim::Brace), open)?;
        Ok(inner)
    }
}
