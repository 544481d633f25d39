//! The scalar nested equations, written without being built.
//!
//! A nested equation can run to millions of terms, but it is made of few
//! distinct brackets: the sums of a [`NestedForm`]. Each sum is spelled once,
//! piece by piece, and measured once, its brackets before it; an equation is
//! then laid out by the same [`Layout::broken`] as every other equation, its
//! top-level summands standing in the document as their measured widths
//! only, and each is written out, bracket inside bracket, when the layout
//! reaches it. Memory follows the network, not the output.

use super::breaking::{self, operator, Frame};
use super::layout::Layout;
use super::sheet::Sheet;
use super::style::Dots;
use crate::rewrite::nested::{NestedAtom, NestedForm, NestedTerm};
use crate::symbol::Sym;
use pretty::{Doc, RcDoc};
use smallvec::SmallVec;
use std::fmt;
use std::ops::Range;

/// The scalar nested equations of a network, spelled piece by piece in one
/// format.
pub(crate) struct NestedLines {
    /// Each output's equation.
    equations: Vec<NestedEquation>,
    /// Each sum of the nested form, spelled; a sum's brackets come before it.
    sums: Vec<SpelledSum>,
    /// Every sum's summands, one sum's after another's (a vector per sum
    /// would cost an allocation each).
    pieces: Vec<Piece>,
    /// The text of every summand as written inside a bracket, one after
    /// another (a string per summand would cost an allocation each).
    text: String,
    /// What opens an activation: `a[`, `\mathrm{a}[`.
    activation: &'static str,
    /// The widths of the text every equation repeats.
    widths: Widths,
}

/// One output's equation: `lhs = open sum close`.
struct NestedEquation {
    lhs: String,
    /// An activation's opening when the right side is exactly one activation
    /// (the equation breaks inside its bracket, as a unit's does), or nothing.
    open: &'static str,
    /// The sum written between `open` and `close`.
    sum: usize,
    close: &'static str,
}

/// A sum's summands as written (elided when the layout elides), and the
/// width of the whole sum on one line.
struct SpelledSum {
    /// Where its summands are in [`NestedLines::pieces`].
    pieces: Range<usize>,
    width: usize,
}

/// One summand: its text, followed, for an activation, by the bracket of
/// another sum.
struct Piece {
    negative: bool,
    /// Where in [`NestedLines::text`] the whole summand is, or for an
    /// activation its coefficient and the separator before the bracket
    /// (`φ₁`, `3/4 `).
    text: Range<usize>,
    /// Where in [`NestedLines::text`] the summand is as a sum on one line
    /// writes it: its operator (` + `, or its sign if it comes first), its
    /// text and, for an activation, what opens the bracket. A nested
    /// equation of millions of terms is written a piece at a time.
    flat: Range<usize>,
    /// The sum inside the activation's bracket.
    bracket: Option<usize>,
    /// The width of the summand on one line, bracket included.
    width: usize,
}

/// Which summand of which sum a document stands for.
#[derive(Clone, Copy, Debug)]
struct Stand {
    sum: usize,
    piece: usize,
}

impl NestedLines {
    /// Spells and measures every sum of `form` once, in order, so that a
    /// bracket's width is known before the sums that hold it.
    pub(crate) fn new(layout: &Layout<'_>, form: &NestedForm) -> NestedLines {
        let widths = Widths::of(layout);
        let mut sums: Vec<SpelledSum> = Vec::with_capacity(form.sums.len());
        let mut text = String::with_capacity(32 * form.sums.len());
        let terms = form.sums.iter().map(|sum| sum.terms.len()).sum();
        let mut pieces = Vec::with_capacity(terms);
        for sum in &form.sums {
            let start = pieces.len();
            for term in &sum.terms {
                Piece::of(layout, &widths, term, &sums, &mut text, &mut pieces, start);
            }
            elided(layout, &mut pieces, start, &mut text);
            sums.push(SpelledSum::new(&widths, &pieces, start..pieces.len()));
        }
        let equations = form
            .outputs
            .iter()
            .map(|&(output, sum)| NestedEquation::new(layout, form, output, sum))
            .collect();
        NestedLines {
            equations,
            sums,
            pieces,
            text,
            activation: layout.style().activation(),
            widths,
        }
    }

    /// The left side of equation `n`, spelled.
    pub(crate) fn lhs(&self, n: usize) -> &str {
        &self.equations[n].lhs
    }

    /// The summands of sum `sum`.
    fn pieces(&self, sum: usize) -> &[Piece] {
        &self.pieces[self.sums[sum].pieces.clone()]
    }

    /// A summand's text (an activation's without its bracket).
    fn text(&self, piece: &Piece) -> &str {
        &self.text[piece.text.clone()]
    }

    /// The number of equations, one per output.
    pub(crate) fn len(&self) -> usize {
        self.equations.len()
    }

    /// Equation `n` broken to fit `width`, exactly as [`Layout::doc`] breaks
    /// the same equation built in memory.
    pub(crate) fn write(
        &self,
        layout: &Layout<'_>,
        n: usize,
        width: usize,
        out: &mut dyn fmt::Write,
    ) -> fmt::Result {
        let equation = &self.equations[n];
        let sum = equation.sum;
        let pieces = self.pieces(sum);
        if layout.is_latex() {
            let frame = Frame {
                lhs: &equation.lhs,
                open: equation.open,
                close: equation.close,
            };
            return breaking::write_latex(
                layout,
                &frame,
                pieces.len().max(1),
                |n| match pieces.get(n) {
                    None => self.widths.zero,
                    Some(p) => self.widths.operator(n, p.negative) + p.width,
                },
                |n, out| match pieces.get(n) {
                    None => out.write_char('0'),
                    Some(p) => {
                        out.write_str(operator(n, p.negative))?;
                        self.write_piece(p, out)
                    }
                },
                width,
                out,
            );
        }
        let first = Stand { sum, piece: 0 };
        let first = match pieces.first() {
            None => layout.text("0".to_string()),
            Some(p) if p.negative => layout
                .text("-".to_string())
                .append(self.stand_in(layout, first)),
            Some(_) => self.stand_in(layout, first),
        };
        let rest = pieces.iter().enumerate().skip(1).map(|(piece, p)| {
            layout
                .text(if p.negative { "- " } else { "+ " }.to_string())
                .append(self.stand_in(layout, Stand { sum, piece }))
        });
        let doc = layout.broken(&equation.lhs, equation.open, first, rest, equation.close);
        doc.render_raw(width, &mut Streamer { lines: self, out })
    }

    /// Equation `n` written on a sheet, breaking between summands at any
    /// depth: a summand that fits the row is written whole; a summand wider
    /// than a row is opened, and its own summands placed one by one inside
    /// its bracket. A stack of the brackets open replaces recursion.
    pub(crate) fn write_on(
        &self,
        layout: &Layout<'_>,
        n: usize,
        sheet: &mut Sheet<'_>,
    ) -> fmt::Result {
        let equation = &self.equations[n];
        sheet.row(&equation.lhs, sheet.page().row())?;
        sheet.text(equation.open, layout.measure(equation.open))?;
        // Each open sum and the number of its summands written.
        let mut open: OpenSums = smallvec::smallvec![(equation.sum, 0)];
        while let Some(&mut (sum, written)) = open.last_mut() {
            let pieces = self.pieces(sum);
            let Some(piece) = pieces.get(written) else {
                if pieces.is_empty() {
                    sheet.text("0", layout.measure("0"))?;
                }
                open.pop();
                if !open.is_empty() {
                    sheet.text("]", layout.measure("]"))?;
                }
                continue;
            };
            if let Some(top) = open.last_mut() {
                top.1 += 1;
            }
            let sign = match (written, piece.negative) {
                (0, false) => "",
                (0, true) => "-",
                (_, false) => "+ ",
                (_, true) => "- ",
            };
            let closing = self.closing(&open) * layout.measure("]");
            let sign_width = layout.measure(sign);
            let depth = open.len() - 1;
            let whole = sheet.place(sign_width + piece.width + closing, depth)?;
            if written > 0 && !sheet.fresh() {
                sheet.text(" ", 0)?;
            }
            sheet.text(sign, sign_width)?;
            match piece.bracket {
                Some(inner) if !whole => {
                    let text = self.text(piece);
                    sheet.text(text, layout.measure(text))?;
                    sheet.text(self.activation, layout.measure(self.activation))?;
                    open.push((inner, 0));
                }
                _ => sheet.write_with(piece.width, |out| self.write_piece(piece, out))?,
            }
        }
        sheet.text(equation.close, layout.measure(equation.close))
    }

    /// How many brackets close right after the summand just taken: one for
    /// each open sum, innermost first, whose last summand it is.
    fn closing(&self, open: &[(usize, usize)]) -> usize {
        open.iter()
            .skip(1)
            .rev()
            .take_while(|&&(sum, written)| written == self.pieces(sum).len())
            .count()
    }

    /// Equation `n` on one line, for JSON: `y = phi_0 + phi_1 a[…] + …`.
    pub(crate) fn write_flat(
        &self,
        layout: &Layout<'_>,
        n: usize,
        out: &mut dyn fmt::Write,
    ) -> fmt::Result {
        let equation = &self.equations[n];
        out.write_str(&equation.lhs)?;
        out.write_str(layout.equals())?;
        out.write_str(equation.open)?;
        self.write_sum(equation.sum, out)?;
        out.write_str(equation.close)
    }

    /// A document standing for a summand: its spelled text when it has no
    /// bracket, or its width and which summand it is, written by [`Streamer`].
    fn stand_in(&self, layout: &Layout<'_>, stand: Stand) -> RcDoc<'static, Stand> {
        let piece = &self.pieces(stand.sum)[stand.piece];
        match piece.bracket {
            None => layout.text(self.text(piece).to_string()),
            Some(_) => RcDoc::from(Doc::RenderLen(
                piece.width,
                RcDoc::from(Doc::BorrowedText("")),
            ))
            .annotate(stand),
        }
    }

    /// One summand, without its sign, bracket included.
    fn write_piece(&self, piece: &Piece, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(&self.text[piece.text.start..piece.flat.end])?;
        if let Some(inner) = piece.bracket {
            self.write_sum(inner, out)?;
            out.write_char(']')?;
        }
        Ok(())
    }

    /// A sum on one line, brackets inside brackets, with a stack of the
    /// brackets open rather than recursion, however deep the network.
    fn write_sum(&self, sum: usize, out: &mut dyn fmt::Write) -> fmt::Result {
        // The summands of each open sum not written yet, as a range of
        // `self.pieces`; an empty sum is written `0` as it opens.
        let mut open: SmallVec<[Range<usize>; 8]> = SmallVec::new();
        self.open(sum, &mut open, out)?;
        while let Some(top) = open.last_mut() {
            let Some(n) = top.next() else {
                open.pop();
                if !open.is_empty() {
                    out.write_char(']')?;
                }
                continue;
            };
            let piece = &self.pieces[n];
            out.write_str(&self.text[piece.flat.clone()])?;
            if let Some(inner) = piece.bracket {
                self.open(inner, &mut open, out)?;
            }
        }
        Ok(())
    }

    /// Opens sum `sum` for [`NestedLines::write_sum`].
    fn open(
        &self,
        sum: usize,
        open: &mut SmallVec<[Range<usize>; 8]>,
        out: &mut dyn fmt::Write,
    ) -> fmt::Result {
        let pieces = self.sums[sum].pieces.clone();
        if pieces.is_empty() {
            out.write_char('0')?;
        }
        open.push(pieces);
        Ok(())
    }
}

impl NestedEquation {
    /// The equation of `output`, whose right side is sum `sum`; laid out as
    /// [`Layout::equation`] lays out a unit's.
    fn new(layout: &Layout<'_>, form: &NestedForm, output: Sym, sum: usize) -> NestedEquation {
        let lhs = layout.symbol(output);
        match form.sums[sum].terms.as_slice() {
            [NestedTerm {
                coef,
                atom: NestedAtom::Act(inner),
            }] if coef.is_one() => NestedEquation {
                lhs,
                open: layout.style().activation(),
                sum: *inner,
                close: "]",
            },
            _ => NestedEquation {
                lhs,
                open: "",
                sum,
                close: "",
            },
        }
    }
}

/// The widths of the text a nested equation repeats, measured once.
struct Widths {
    /// `0`, an empty sum.
    zero: usize,
    /// `-`, before a first summand subtracted.
    minus: usize,
    /// ` + ` (as wide as ` - `), between summands.
    plus: usize,
    /// What opens an activation, `a[`.
    open: usize,
    /// `]`.
    close: usize,
    /// What goes before a summand of an equation that may break
    /// ([`operator`]): nothing or `-` before the first, `+ ` or `- ` before
    /// the others.
    operators: [[usize; 2]; 2],
}

impl Widths {
    fn of(layout: &Layout<'_>) -> Widths {
        Widths {
            zero: layout.measure("0"),
            minus: layout.measure("-"),
            plus: layout.measure(" + "),
            open: layout.measure(layout.style().activation()),
            close: layout.measure("]"),
            operators: [0, 1].map(|n| [false, true].map(|neg| layout.measure(operator(n, neg)))),
        }
    }

    /// The width of [`operator`]`(n, negative)`.
    fn operator(&self, n: usize, negative: bool) -> usize {
        self.operators[usize::from(n > 0)][usize::from(negative)]
    }
}

impl SpelledSum {
    /// The sum of `all[pieces]`, measured as written on one line:
    /// `θ₁₀ - θ₁₁x`, `0`.
    fn new(widths: &Widths, all: &[Piece], pieces: Range<usize>) -> SpelledSum {
        let in_sum = &all[pieces.clone()];
        let width = match in_sum.first() {
            None => widths.zero,
            Some(first) => in_sum.iter().skip(1).fold(
                first
                    .width
                    .saturating_add(if first.negative { widths.minus } else { 0 }),
                |width, p| width.saturating_add(p.width).saturating_add(widths.plus),
            ),
        };
        SpelledSum { pieces, width }
    }
}

impl Piece {
    /// Appends the summands a term contributes to `pieces`, whose summands
    /// from `start` on are its sum's: a bias one per monomial, anything else
    /// one; `sums` are those spelled so far, which hold its bracket.
    /// They are spelled at the end of `text` (see [`Piece::flat`]).
    fn of(
        layout: &Layout<'_>,
        widths: &Widths,
        term: &NestedTerm,
        sums: &[SpelledSum],
        text: &mut String,
        pieces: &mut Vec<Piece>,
        start: usize,
    ) {
        match term.atom {
            NestedAtom::One => {
                for m in &term.coef.monomials {
                    let first = pieces.len() == start;
                    pieces.push(Piece::spelled(layout, text, first, |out| {
                        layout.write_monomial(out, m)
                    }));
                }
            }
            NestedAtom::Var(v) => {
                let first = pieces.len() == start;
                pieces.push(Piece::spelled(layout, text, first, |out| {
                    layout.write_times_var(out, &term.coef, v)
                }));
            }
            NestedAtom::Act(inner) => {
                let first = pieces.len() == start;
                let mut piece = Piece::spelled(layout, text, first, |out| {
                    layout.write_before_activation(out, &term.coef)
                });
                text.push_str(layout.style().activation());
                piece.flat.end = text.len();
                piece.bracket = Some(inner);
                piece.width = (piece.width + widths.open)
                    .saturating_add(sums[inner].width)
                    .saturating_add(widths.close);
                pieces.push(piece);
            }
        }
    }

    /// A summand without a bracket, spelled by `spell` (which says whether
    /// it is subtracted) at the end of `text` after its operator: its sign
    /// when it is the `first` of its sum, else ` + ` or ` - `. Elision keeps
    /// the first summand first and the others after it, so the operator
    /// written stays right.
    fn spelled(
        layout: &Layout<'_>,
        text: &mut String,
        first: bool,
        spell: impl FnOnce(&mut String) -> bool,
    ) -> Piece {
        let start = text.len();
        if !first {
            text.push_str(" + ");
        }
        let mut own = text.len();
        let negative = spell(text);
        if negative && first {
            text.insert(start, '-');
            own += 1;
        } else if negative {
            text.replace_range(start + 1..start + 2, "-");
        }
        Piece {
            negative,
            width: layout.measure(&text[own..]),
            text: own..text.len(),
            flat: start..text.len(),
            bracket: None,
        }
    }
}

/// Elides the summands from `start` on as [`Layout`] elides a sum: the first
/// two, `⋯`, and the last.
fn elided(layout: &Layout<'_>, pieces: &mut Vec<Piece>, start: usize, text: &mut String) {
    if !layout.elides(pieces.len() - start) {
        return;
    }
    let last = pieces.pop();
    pieces.truncate(start + 2);
    pieces.push(Piece::spelled(layout, text, false, |out| {
        out.push_str(layout.style().dots(Dots::Horizontal));
        false
    }));
    pieces.extend(last);
}

/// The sums open while a bracket inside a bracket is written, each with the
/// number of its summands written; a few levels are held without an
/// allocation.
type OpenSums = smallvec::SmallVec<[(usize, usize); 8]>;

/// Writes a laid-out equation, each summand that stands in the document as
/// its width written out in full where the layout put it.
struct Streamer<'l, 'o> {
    lines: &'l NestedLines,
    out: &'o mut dyn fmt::Write,
}

impl pretty::Render for Streamer<'_, '_> {
    type Error = fmt::Error;

    fn write_str(&mut self, s: &str) -> Result<usize, fmt::Error> {
        self.out.write_str(s)?;
        Ok(s.len())
    }

    fn fail_doc(&self) -> fmt::Error {
        fmt::Error
    }
}

impl<'a> pretty::RenderAnnotated<'a, Stand> for Streamer<'_, '_> {
    fn push_annotation(&mut self, stand: &'a Stand) -> Result<(), fmt::Error> {
        let piece = &self.lines.pieces(stand.sum)[stand.piece];
        self.lines.write_piece(piece, self.out)
    }

    fn pop_annotation(&mut self) -> Result<(), fmt::Error> {
        Ok(())
    }
}
