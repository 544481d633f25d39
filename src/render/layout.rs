//! The layout of the scalar form, shared by every text format.
//!
//! An equation is a left side and a right side; the right side is a sum of
//! signed summands. Only that top-level sum may break across lines (for a
//! hidden unit `h = a[…]`, the sum inside its outermost bracket), so each
//! summand is built as flat text by one function per construct and `pretty`
//! decides only where the sum breaks. Continuation lines begin with their
//! operator, which is what lets a reader join them back to their equation.

use super::breaking::{self, operator, Frame};
use super::fit;
use super::sheet::Sheet;
use super::style::{spell_symbol, Dots, Style};
use super::Format;
use crate::expr::{Affine, Atom, Coef, Monomial, Poly, Term};
use crate::network::{Definition, Unit};
use crate::symbol::{Sym, SymbolTable};
use num_bigint::Sign;
use num_rational::BigRational;
use num_traits::{One, Signed};
use pretty::{Doc, RcDoc};
use std::fmt;

/// Lays out equations in one style.
pub(crate) struct Layout<'a> {
    symbols: &'a SymbolTable,
    style: &'a dyn Style,
    latex: bool,
    /// Whether sums of more than four summands are elided (`--elide`).
    elide: bool,
    /// Whether LaTeX is measured as typeset, in hundredths of an em
    /// ([`fit::width`]), for a page it must fit, rather than in columns.
    fitting: bool,
}

/// One equation, its right side split into the summands a line may break between.
pub(crate) struct Equation {
    /// The left side, spelled: `h₁`, `\psi_{10}`.
    lhs: String,
    /// Text between `=` and the sum: an activation's opening `a[`, or nothing.
    open: &'static str,
    /// The top-level summands; empty for zero.
    summands: Vec<Summand>,
    /// Text after the sum: the activation's closing `]`, or nothing.
    close: &'static str,
}

impl Equation {
    /// The same right side continuing a chained equality: the left side
    /// becomes blank padding as wide as `lhs` (so the `=` signs line up in
    /// text), or nothing in LaTeX, where `&=` aligns them.
    pub(crate) fn continuing(mut self, lhs: &str, latex: bool) -> Equation {
        self.lhs = if latex {
            String::new()
        } else {
            " ".repeat(lhs.chars().count())
        };
        self
    }

    /// The left side as spelled.
    pub(crate) fn lhs(&self) -> &str {
        &self.lhs
    }

    /// The typeset width of the widest summand with its operator, the
    /// narrowest row the equation can be broken into (in hundredths of an
    /// em, [`fit::width`]).
    pub(crate) fn widest_summand(&self) -> fit::Width {
        self.summands
            .iter()
            .map(|s| fit::width(&s.text) + fit::width("+"))
            .max()
            .unwrap_or(0)
    }
}

/// One signed summand of a sum, its text without the sign: `θ₁₁x`, `3/4 x`.
pub(crate) struct Summand {
    /// Whether it is subtracted.
    pub(crate) negative: bool,
    /// Its text without the sign.
    pub(crate) text: String,
}

/// Appends factors to a product, separating neighbours as the style requires.
struct Product<'o> {
    out: &'o mut String,
    previous: Option<usize>,
}

impl<'a> Layout<'a> {
    /// A layout for `format`; JSON is spelled in ASCII.
    pub(crate) fn new(symbols: &'a SymbolTable, format: Format) -> Layout<'a> {
        Layout {
            symbols,
            style: super::style_for(format),
            latex: format == Format::Latex,
            elide: false,
            fitting: false,
        }
    }

    /// The same layout measuring LaTeX as typeset, in hundredths of an em,
    /// when `fitting` holds and the format is LaTeX; and spelling the
    /// activation in `style` (Beamer's, whose `a` is in the theme's font).
    pub(crate) fn fitting(mut self, fitting: bool, style: &'a dyn Style) -> Layout<'a> {
        self.fitting = fitting && self.latex;
        if self.latex {
            self.style = style;
        }
        self
    }

    /// The same layout, eliding long sums when `elide` holds: the first two
    /// summands, `⋯`, and the last, as the general-form slide writes them.
    pub(crate) fn eliding(mut self, elide: bool) -> Layout<'a> {
        self.elide = elide;
        self
    }

    /// Whether the layout is LaTeX's.
    pub(crate) fn is_latex(&self) -> bool {
        self.latex
    }

    /// The style atoms are spelled in.
    pub(crate) fn style(&self) -> &'a dyn Style {
        self.style
    }

    /// A polynomial on one line: `θ′₁₀ + θ′₁₁φ₀`, `-1/2`, `0`.
    pub(crate) fn poly(&self, poly: &Poly) -> String {
        let mut out = String::new();
        self.write_poly(&mut out, poly);
        out
    }

    /// Appends a polynomial on one line, as [`Layout::poly`] spells it.
    pub(crate) fn write_poly(&self, out: &mut String, poly: &Poly) {
        if let [m] = poly.monomials.as_slice() {
            // The common entry, a single monomial, written straight out.
            if negative(&m.coef) {
                out.push('-');
            }
            self.monomial(&mut Product::new(out), m, true);
            return;
        }
        let mut summands = Vec::with_capacity(poly.monomials.len());
        self.poly_summands(poly, &mut summands);
        write_sum(out, &self.elided(summands));
    }

    /// A coefficient written as a factor: whether it is negative, and its
    /// magnitude (`2θ₁₁`, `θ′₁₁φ₁`, `(θ₁ - φ₁)`; empty for 1).
    pub(crate) fn factor(&self, coef: &Poly) -> (bool, String) {
        let summand = self.coefficient(coef, &Atom::One);
        (summand.negative, summand.text)
    }

    /// A unit's equation. A right side that is exactly one activation
    /// (`h₁ = a[θ₁₀ + θ₁₁x]`) breaks inside its bracket.
    pub(crate) fn unit(&self, unit: &Unit) -> Equation {
        self.equation(unit.name, &unit.rhs)
    }

    /// The equation `name = rhs`, laid out as a unit's (the nested form's
    /// outputs are written this way).
    pub(crate) fn equation(&self, name: Sym, rhs: &Affine) -> Equation {
        let lhs = self.symbol(name);
        if let [Term {
            coef,
            atom: Atom::Act(inner),
        }] = rhs.terms.as_slice()
        {
            if coef.is_one() {
                return Equation {
                    lhs,
                    open: self.style.activation(),
                    summands: self.sum(inner),
                    close: "]",
                };
            }
        }
        Equation {
            lhs,
            open: "",
            summands: self.sum(rhs),
            close: "",
        }
    }

    /// A definition's equation: `ψ₁₀ = θ′₁₀ + θ′₁₁φ₀`.
    pub(crate) fn definition(&self, definition: &Definition) -> Equation {
        let mut summands = Vec::new();
        self.poly_summands(&definition.value, &mut summands);
        Equation {
            lhs: self.symbol(definition.name),
            open: "",
            summands: self.elided(summands),
            close: "",
        }
    }

    /// A symbol, spelled.
    pub(crate) fn symbol(&self, sym: Sym) -> String {
        let mut out = String::new();
        self.write_symbol(&mut out, sym);
        out
    }

    /// Appends a symbol, spelled.
    pub(crate) fn write_symbol(&self, out: &mut String, sym: Sym) {
        spell_symbol(self.style, out, &self.symbols[sym]);
    }

    /// The equation on one line, never broken: `h_1 = a[theta_10 + theta_11 x]`.
    pub(crate) fn flat(&self, equation: &Equation) -> String {
        let mut out = String::with_capacity(equation.lhs.len() + 16);
        out.push_str(&equation.lhs);
        out.push_str(self.equals());
        out.push_str(equation.open);
        write_sum(&mut out, &equation.summands);
        out.push_str(equation.close);
        out
    }

    /// Writes the equation on a sheet: its left side, then its summands
    /// left to right, each on a new row when it does not fit the current one.
    pub(crate) fn write_on(&self, equation: &Equation, sheet: &mut Sheet<'_>) -> fmt::Result {
        sheet.row(&equation.lhs, sheet.page().row())?;
        sheet.text(equation.open, fit::width(equation.open))?;
        let first = first_summand(&equation.summands);
        sheet.text(&first, fit::width(&first))?;
        for summand in equation.summands.iter().skip(1) {
            let text = format!(
                "{} {}",
                if summand.negative { "-" } else { "+" },
                summand.text
            );
            let width = fit::width(&text);
            sheet.place(width, 0)?;
            if !sheet.fresh() {
                sheet.text(" ", 0)?;
            }
            sheet.text(&text, width)?;
        }
        sheet.text(equation.close, fit::width(equation.close))
    }

    /// The equation as a document that breaks between top-level summands when
    /// it does not fit.
    pub(crate) fn doc(&self, equation: &Equation) -> RcDoc<'static> {
        let rest = equation.summands.iter().skip(1).map(|summand| {
            let sign = if summand.negative { "- " } else { "+ " };
            self.text(format!("{sign}{}", summand.text))
        });
        self.broken(
            &equation.lhs,
            equation.open,
            self.text(first_summand(&equation.summands)),
            rest,
            equation.close,
        )
    }

    /// Writes the equation broken to fit `width`: exactly the text of
    /// [`Layout::doc`] rendered at `width`.
    pub(crate) fn write(
        &self,
        equation: &Equation,
        width: usize,
        out: &mut dyn fmt::Write,
    ) -> fmt::Result {
        if !self.latex {
            return self.doc(equation).render_fmt(width, out);
        }
        let summands = &equation.summands;
        let frame = Frame {
            lhs: &equation.lhs,
            open: equation.open,
            close: equation.close,
        };
        breaking::write_latex(
            self,
            &frame,
            summands.len().max(1),
            |n| match summands.get(n) {
                None => self.measure("0"),
                Some(s) => self.measure(operator(n, s.negative)) + self.measure(&s.text),
            },
            |n, out| match summands.get(n) {
                None => out.write_char('0'),
                Some(s) => {
                    out.write_str(operator(n, s.negative))?;
                    out.write_str(&s.text)
                }
            },
            width,
            out,
        )
    }

    /// Every equation's layout: `lhs = open`, the `first` summand (its sign
    /// attached), then each of the `rest` (its operator in front) after a
    /// space, or on a new line when it does not fit, then `close`.
    ///
    /// In text, continuation lines are indented under the first summand and
    /// begin with their operator. In LaTeX, a break ends the `align*` line with
    /// `\\` and continues with `&\quad` and the operator. The summands may
    /// carry annotations (`A`), which the nested form's printer uses to write
    /// a summand it measured but never built.
    pub(crate) fn broken<A: Clone + 'static>(
        &self,
        lhs: &str,
        open: &str,
        first: RcDoc<'static, A>,
        rest: impl Iterator<Item = RcDoc<'static, A>>,
        close: &'static str,
    ) -> RcDoc<'static, A> {
        let mut head = String::with_capacity(lhs.len() + 16);
        head.push_str(lhs);
        head.push_str(self.equals());
        head.push_str(open);
        let mut parts = vec![first];
        parts.extend(rest.map(|summand| self.line_break().append(summand).group()));
        let sum = concat(parts);
        let sum = if self.latex { sum } else { align(sum) };
        self.text(head).append(sum).append(RcDoc::text(close))
    }

    /// Text measured by how wide the style says it looks. `pretty` measures
    /// non-ASCII text itself and cannot take a second measure of it, so a
    /// style's measure applies to ASCII text only (all LaTeX is ASCII).
    pub(crate) fn text<A>(&self, text: String) -> RcDoc<'static, A> {
        if self.fitting {
            return RcDoc::from(Doc::RenderLen(fit::width(&text), RcDoc::text(text)));
        }
        match self.style.display_width(&text) {
            Some(width) if text.is_ascii() => RcDoc::from(Doc::RenderLen(width, RcDoc::text(text))),
            _ => RcDoc::text(text),
        }
    }

    /// How wide [`Layout::text`] measures `text`: by the style's measure, or
    /// as `pretty` measures it (its length if ASCII, else its Unicode width).
    /// Widths add up: the width of a concatenation of spelled pieces is the
    /// sum of theirs.
    pub(crate) fn measure(&self, text: &str) -> usize {
        if self.fitting {
            return fit::width(text);
        }
        match self.style.display_width(text) {
            Some(width) if text.is_ascii() => width,
            _ if text.is_ascii() => text.len(),
            _ => unicode_width::UnicodeWidthStr::width(text),
        }
    }

    /// The equals sign with its spaces: ` = `, or ` &= ` in `align*`.
    pub(crate) fn equals(&self) -> &'static str {
        if self.latex {
            " &= "
        } else {
            " = "
        }
    }

    /// A space when the sum fits, otherwise a new line.
    fn line_break<A>(&self) -> RcDoc<'static, A> {
        if self.latex {
            self.text(" \\\\".to_string())
                .append(RcDoc::hardline())
                .append(self.text("&\\quad ".to_string()))
                .flat_alt(RcDoc::text(" "))
        } else {
            RcDoc::line()
        }
    }

    /// The summands of an affine combination, in order. A bias contributes one
    /// summand per monomial; every other term contributes one.
    fn sum(&self, affine: &Affine) -> Vec<Summand> {
        let mut summands = Vec::with_capacity(affine.terms.len());
        for term in &affine.terms {
            self.term(term, &mut summands);
        }
        self.elided(summands)
    }

    /// The summands, elided to the first two, `⋯` and the last when the
    /// layout elides and there are more than four.
    fn elided(&self, mut summands: Vec<Summand>) -> Vec<Summand> {
        if !self.elides(summands.len()) {
            return summands;
        }
        let last = summands.pop();
        summands.truncate(2);
        summands.push(Summand {
            negative: false,
            text: self.style.dots(Dots::Horizontal).to_string(),
        });
        summands.extend(last);
        summands
    }

    /// Whether a sum of `n` summands is elided: when the layout elides and
    /// there are more than four.
    pub(crate) fn elides(&self, n: usize) -> bool {
        self.elide && n > 4
    }

    /// A coefficient times a variable (`θ₁₁x`, `-(θ₁ - φ₁)x`) without its
    /// sign, appended to `out`; whether it is subtracted.
    pub(crate) fn write_times_var(&self, out: &mut String, coef: &Poly, var: Sym) -> bool {
        self.write_coefficient(out, coef, &Atom::Var(var))
    }

    /// A coefficient as it stands before an activation, followed by the
    /// separator the activation needs: `φ₁`, `3/4 `, `theta_11 `; empty for 1.
    /// Appended to `out`; whether it is subtracted.
    pub(crate) fn write_before_activation(&self, out: &mut String, coef: &Poly) -> bool {
        let mut product = Product::new(out);
        let negative = self.coefficient_factor(&mut product, coef);
        product.next(self.style);
        negative
    }

    /// One term: a bias spreads into its monomials, anything else is a
    /// coefficient times its atom.
    fn term(&self, term: &Term, summands: &mut Vec<Summand>) {
        if term.atom == Atom::One {
            self.poly_summands(&term.coef, summands);
        } else {
            summands.push(self.coefficient(&term.coef, &term.atom));
        }
    }

    /// Each monomial of a polynomial as its own summand.
    fn poly_summands(&self, poly: &Poly, summands: &mut Vec<Summand>) {
        summands.extend(poly.monomials.iter().map(|m| self.monomial_summand(m)));
    }

    /// A monomial as a summand of a sum: `θ₁₀`, `-1/2`.
    pub(crate) fn monomial_summand(&self, m: &Monomial) -> Summand {
        let mut text = String::new();
        let negative = self.write_monomial(&mut text, m);
        Summand { negative, text }
    }

    /// A monomial as a summand, without its sign, appended to `out`; whether
    /// it is subtracted.
    pub(crate) fn write_monomial(&self, out: &mut String, m: &Monomial) -> bool {
        self.monomial(&mut Product::new(out), m, true);
        negative(&m.coef)
    }

    /// A coefficient times a variable or activation. This is where parentheses
    /// are decided: a coefficient of several monomials is parenthesised
    /// (`(θ₁ + 2φ₁)x`), with a leading minus taken outside (`-(θ₁ - φ₁)x`);
    /// a single monomial is juxtaposed (`2θ₁₁x`), and `1` is left out.
    fn coefficient(&self, coef: &Poly, atom: &Atom) -> Summand {
        let mut text = String::new();
        let negative = self.write_coefficient(&mut text, coef, atom);
        Summand { negative, text }
    }

    /// [`Layout::coefficient`]'s text appended to `out`; whether it is
    /// subtracted.
    fn write_coefficient(&self, out: &mut String, coef: &Poly, atom: &Atom) -> bool {
        let mut product = Product::new(out);
        let negative = self.coefficient_factor(&mut product, coef);
        self.atom(&mut product, atom);
        negative
    }

    /// A coefficient's magnitude as the first factor of a product, and
    /// whether it is negative.
    fn coefficient_factor(&self, product: &mut Product<'_>, coef: &Poly) -> bool {
        match coef.monomials.as_slice() {
            [m] => {
                self.monomial(product, m, false);
                negative(&m.coef)
            }
            monomials => {
                let negative = monomials.first().is_some_and(|m| negative(&m.coef));
                let mut inner = Vec::with_capacity(monomials.len());
                let mut flipped = coef.clone();
                if negative {
                    flipped.scale(&-BigRational::one());
                }
                self.poly_summands(&flipped, &mut inner);
                let out = product.next(self.style);
                out.push('(');
                write_sum(out, &inner);
                out.push(')');
                negative
            }
        }
    }

    /// A monomial's magnitude: the number unless it is 1 (kept when `alone` and
    /// there are no factors), then the parameters in the order written.
    fn monomial(&self, product: &mut Product<'_>, m: &Monomial, alone: bool) {
        let unit = m.coef.is_one() || (m.coef.denom().bits() == 1 && m.coef.numer().bits() == 1);
        if !unit || (alone && m.factors.is_empty()) {
            self.number(product.next(self.style), &m.coef.abs());
        }
        for &factor in &m.factors {
            spell_symbol(self.style, product.next(self.style), &self.symbols[factor]);
        }
    }

    /// What a coefficient multiplies: a variable or an activation.
    fn atom(&self, product: &mut Product<'_>, atom: &Atom) {
        match atom {
            Atom::One => {}
            Atom::Var(v) => spell_symbol(self.style, product.next(self.style), &self.symbols[*v]),
            Atom::Act(inner) => self.activation(product.next(self.style), inner),
        }
    }

    /// An activation, flat: `a[θ₁₀ + θ₁₁x]`, `\mathrm{a}[0]`.
    fn activation(&self, out: &mut String, inner: &Affine) {
        out.push_str(self.style.activation());
        write_sum(out, &self.sum(inner));
        out.push(']');
    }

    /// A non-negative number, exactly: `2`, `3/4`, `\frac{3}{4}`.
    fn number(&self, out: &mut String, n: &BigRational) {
        if n.is_integer() {
            out.push_str(&n.numer().to_string());
        } else {
            self.style.fraction(out, n.numer(), n.denom());
        }
    }
}

impl<'o> Product<'o> {
    fn new(out: &'o mut String) -> Product<'o> {
        let previous = None;
        Product { out, previous }
    }

    /// Where the next factor goes, after the separator the previous one needs.
    fn next(&mut self, style: &dyn Style) -> &mut String {
        if let Some(start) = self.previous {
            let separator = style.juxtapose(&self.out[start..]);
            self.out.push_str(separator);
        }
        self.previous = Some(self.out.len());
        self.out
    }
}

/// The first summand with its sign attached (`-θ₁₀`), or `0` for an empty sum.
fn first_summand(summands: &[Summand]) -> String {
    match summands.first() {
        None => "0".to_string(),
        Some(s) if s.negative => format!("-{}", s.text),
        Some(s) => s.text.clone(),
    }
}

/// Writes a sum on one line: `θ₁₀ - θ₁₁x`, `-1/2`, `0`.
fn write_sum(out: &mut String, summands: &[Summand]) {
    if summands.is_empty() {
        out.push('0');
    }
    for (n, s) in summands.iter().enumerate() {
        match (n, s.negative) {
            (0, false) => {}
            (0, true) => out.push('-'),
            (_, false) => out.push_str(" + "),
            (_, true) => out.push_str(" - "),
        }
        out.push_str(&s.text);
    }
}

/// Concatenates documents as a balanced tree, so that dropping a sum of
/// 50,000 summands does not recurse 50,000 deep.
fn concat<A>(mut parts: Vec<RcDoc<'static, A>>) -> RcDoc<'static, A> {
    if parts.len() <= 8 {
        return parts
            .into_iter()
            .fold(RcDoc::nil(), |sum, part| sum.append(part));
    }
    let right = parts.split_off(parts.len() / 2);
    concat(parts).append(concat(right))
}

/// Indents the lines after the first of `doc` to the column where it starts.
fn align<A: Clone + 'static>(doc: RcDoc<'static, A>) -> RcDoc<'static, A> {
    RcDoc::column(move |column| {
        let doc = doc.clone();
        RcDoc::nesting(move |nesting| doc.clone().nest(column as isize - nesting as isize))
    })
}

/// Whether a coefficient is below zero: by its numerator's sign, since
/// netform's rationals keep a positive denominator (and comparing with zero
/// as `Signed::is_negative` does costs a rational comparison).
fn negative(coef: &Coef) -> bool {
    coef.numer().sign() == Sign::Minus
}
