//! Spelling the matrix, general and nested forms as lines in one format.
//!
//! A form is written as sections: its equations, then (general and nested
//! forms) the sizes, then the definition of every name it used, each written
//! out entry by entry, then the network's own parameter definitions. The
//! definitions make the output self-contained: `𝛉₀` on its own says nothing
//! about which scalar parameters stand in it, and a reader of the output
//! (a person, or netform reading it back) finds every entry spelled out.

use super::draw::{Entries, Math};
use super::layout::{Equation, Layout};
use super::matrix::{Block, Entry, LayerForm, MatrixForm};
use super::names::Name;
use super::nested::NestedLines;
use super::style::{Dots, Style};
use super::{Format, Options};
use crate::expr::Poly;
use crate::network::Network;
use crate::symbol::{Letter, SymbolTable};
use std::fmt;

/// The most layers the general nested equation is written out in full for.
pub(crate) const MAX_NESTED_LAYERS: usize = 16;

/// One line of a form.
pub(crate) enum Line {
    /// `lhs = rhs`, drawn with its matrices.
    Math(Math, Math),
    /// A scalar equation, broken at its top-level `+` to fit the width.
    Scalar(Equation),
    /// A scalar nested equation, numbered among [`NestedLines`]: laid out as
    /// [`Line::Scalar`], but written out only as it is printed.
    Nested(usize),
    /// A statement that is not an equation of the network (the sizes of the
    /// general form): a `%` comment in text, `\text{$…$}` in LaTeX, so that
    /// readers skip it.
    Note(String),
}

/// Spells blocks and equations in one format.
pub(crate) struct Speller<'a> {
    pub(crate) layout: Layout<'a>,
    format: Format,
    /// Write every block entry by entry, even when it has a name.
    explicit: bool,
    /// Elide rows and columns of matrices larger than four.
    elide: bool,
}

/// The names a form used, in order of first use: parameter blocks, then
/// vectors of units.
#[derive(Default)]
pub(crate) struct Uses<'f> {
    params: Vec<(String, &'f Block)>,
    units: Vec<(String, &'f Block)>,
}

impl<'a> Speller<'a> {
    /// A speller for `network`'s symbols in `format`.
    pub(crate) fn new(
        symbols: &'a SymbolTable,
        format: Format,
        explicit: bool,
        elide: bool,
    ) -> Self {
        Speller {
            layout: Layout::new(symbols, format).eliding(elide),
            format,
            explicit,
            elide,
        }
    }

    /// The same speller measuring LaTeX for a page when `fitting` holds,
    /// spelling the activation in Beamer's font when `beamer` does.
    pub(crate) fn fitting(mut self, fitting: bool, beamer: bool) -> Self {
        let style: &'static dyn Style = if beamer {
            &super::latex::BeamerLatex
        } else {
            &super::latex::Latex
        };
        self.layout = self.layout.fitting(fitting, style);
        self
    }

    fn style(&self) -> &'a dyn Style {
        self.layout.style()
    }

    /// The lines of a matrix or general form's equations, one per layer.
    pub(crate) fn equations<'f>(&self, form: &'f MatrixForm, uses: &mut Uses<'f>) -> Vec<Line> {
        form.layers
            .iter()
            .map(|layer| {
                let input = self.operand(&layer.input, uses);
                let lhs = self.operand(&layer.output, uses);
                let vector = form.general || !layer.output.is_scalar();
                Line::Math(lhs, self.right_side(layer, input, vector, uses))
            })
            .collect()
    }

    /// The general form's single nested equation,
    /// `𝐲 = 𝛃_K + 𝛀_K𝐚[… 𝐚[𝛃₀ + 𝛀₀𝐱]…]`; `None` for a network without layers.
    ///
    /// With `--elide`, or beyond [`MAX_NESTED_LAYERS`] layers (which also
    /// bounds the depth of the drawing), only the two outermost layers and
    /// the innermost are written: `𝐲 = 𝛃₉ + 𝛀₉𝐚[𝛃₈ + 𝛀₈𝐚[⋯ 𝐚[𝛃₀ + 𝛀₀𝐱] ⋯]]`.
    pub(crate) fn nested<'f>(&self, form: &'f MatrixForm, uses: &mut Uses<'f>) -> Option<Line> {
        let first = form.layers.first()?;
        let last = form.layers.last()?;
        let n = form.layers.len();
        let elide = n > MAX_NESTED_LAYERS || (self.elide && n > 3);
        let mut inner = self.operand(&first.input, uses);
        for (k, layer) in form.layers.iter().enumerate() {
            if elide && k > 0 && k + 2 < n {
                continue;
            }
            inner = self.right_side(layer, inner, true, uses);
            if elide && k == 0 {
                let dots = self.style().dots(Dots::Horizontal);
                let middle = Math::Row(vec![
                    Math::text(format!("{dots} ")),
                    inner,
                    Math::text(format!(" {dots}")),
                ]);
                inner = Math::Act(self.style().activation_letter(true), Box::new(middle));
            }
        }
        Some(Line::Math(self.operand(&last.output, uses), inner))
    }

    /// `a[bias + weights · input]`, or without the activation.
    fn right_side<'f>(
        &self,
        layer: &'f LayerForm,
        input: Math,
        vector: bool,
        uses: &mut Uses<'f>,
    ) -> Math {
        let sum = self.sum(layer, input, uses);
        if layer.activation {
            Math::Act(self.style().activation_letter(vector), Box::new(sum))
        } else {
            sum
        }
    }

    /// `bias + weights · input`. A scalar bias or weight that is zero is left
    /// out (as are the weights of a layer that reads nothing), and a negative
    /// scalar weight is subtracted (`θ₁₀ - 2θ₁₁x`).
    fn sum<'f>(&self, layer: &'f LayerForm, input: Math, uses: &mut Uses<'f>) -> Math {
        let mut parts = Vec::new();
        match self.scalar(&layer.bias) {
            Some(b) if b.is_zero() => {}
            Some(b) => parts.push(Math::text(self.layout.poly(b))),
            None => parts.push(self.operand(&layer.bias, uses)),
        }
        let (negative, weights) = match self.scalar(&layer.weights) {
            _ if layer.input.shape().0 == 0 => (false, None),
            Some(w) if w.is_zero() => (false, None),
            Some(w) => {
                let (negative, text) = self.layout.factor(w);
                (negative, Some(Math::text(text)))
            }
            None => (false, Some(self.operand(&layer.weights, uses))),
        };
        if let Some(weights) = weights {
            let sign = match (parts.is_empty(), negative) {
                (true, false) => "",
                (true, true) => "-",
                (false, false) => " + ",
                (false, true) => " - ",
            };
            parts.push(Math::text(sign));
            parts.push(self.product(weights, input));
        }
        if parts.is_empty() {
            parts.push(Math::text("0"));
        }
        Math::Row(parts)
    }

    /// Two factors side by side, separated as the style requires.
    fn product(&self, left: Math, right: Math) -> Math {
        let separator = match &left {
            Math::Text(s) if s.is_empty() => return right,
            Math::Text(s) => self.style().juxtapose(s),
            _ if self.format == Format::Ascii || self.format == Format::Json => " ",
            _ => "",
        };
        Math::Row(vec![left, Math::text(separator), right])
    }

    /// The polynomial of a block written as a scalar: one entry, not named.
    fn scalar<'b>(&self, block: &'b Block) -> Option<&'b Poly> {
        let named = block.name.is_some() && !self.explicit;
        if named || !block.is_scalar() {
            return None;
        }
        match block.entry(0, 0) {
            Entry::Poly(p) => Some(p),
            Entry::Var(_) => None,
        }
    }

    /// A block as an operand: its name (recorded in `uses`), its only entry,
    /// or its entries.
    pub(crate) fn operand<'f>(&self, block: &'f Block, uses: &mut Uses<'f>) -> Math {
        match &block.name {
            Some(name) if !self.explicit => {
                let text = self.name(name);
                uses.record(&text, block);
                Math::text(text)
            }
            _ if block.is_scalar() => {
                let mut text = String::new();
                self.entry(&mut text, block.entry(0, 0));
                Math::text(text)
            }
            _ => self.matrix(block),
        }
    }

    /// A block written entry by entry, elided when asked: the first two rows
    /// (columns), `⋮` (`⋯`), and the last, when there are more than four.
    pub(crate) fn matrix(&self, block: &Block) -> Math {
        let (rows, columns) = block.shape();
        let (kept_rows, kept_columns) = (self.kept(rows), self.kept(columns));
        let mut spelled = Entries::new(kept_rows.len(), kept_columns.len());
        for i in kept_rows.indices() {
            for j in kept_columns.indices() {
                spelled.push(|out| match (i, j) {
                    (None, None) => out.push_str(self.style().dots(Dots::Diagonal)),
                    (None, _) => out.push_str(self.style().dots(Dots::Vertical)),
                    (_, None) => out.push_str(self.style().dots(Dots::Horizontal)),
                    (Some(i), Some(j)) => self.entry(out, block.entry(i, j)),
                });
            }
        }
        Math::Matrix(spelled)
    }

    /// The indices kept of `0..n`: all, or the first two, the elided ones
    /// and the last.
    fn kept(&self, n: usize) -> Kept {
        if self.elide && n > 4 {
            Kept::Elided(n)
        } else {
            Kept::All(n)
        }
    }

    /// Appends an entry, spelled: `θ′₁₀ + θ′₁₁φ₀`, `h′₁`.
    fn entry(&self, out: &mut String, entry: &Entry) {
        match entry {
            Entry::Poly(p) => self.layout.write_poly(out, p),
            Entry::Var(v) => self.layout.write_symbol(out, *v),
        }
    }

    /// A name, spelled: `𝛗′ᵀ`, `\boldsymbol{\Omega}_{2}`, `bb(h)'`.
    pub(crate) fn name(&self, name: &Name) -> String {
        let style = self.style();
        let letter = match name.letter {
            Letter::Param(p) => style.bold_param(p, name.upper),
            Letter::Var(v) => style.bold_var(v),
        };
        // Room for the primes, subscript and transpose that follow.
        let mut out = String::with_capacity(letter.len() + 16);
        out.push_str(letter);
        for _ in 0..name.primes {
            out.push_str(style.prime());
        }
        if let Some(index) = name.index {
            style.subscript(&mut out, itoa::Buffer::new().format(index));
        }
        if name.transposed {
            out.push_str(style.transpose());
        }
        out
    }

    /// The definitions of every name used: `𝛉₀ = [θ₁₀ θ₂₀ θ₃₀]ᵀ` drawn as a
    /// column, parameter blocks first.
    pub(crate) fn definitions(&self, uses: Uses<'_>) -> Vec<Line> {
        uses.params
            .into_iter()
            .chain(uses.units)
            .map(|(name, block)| Line::Math(Math::text(name), self.matrix(block)))
            .collect()
    }

    /// The sizes of the general form: `K = 2, D₀ = 1, …, 𝛀ₖ ∈ ℝ^(Dₖ₊₁×Dₖ)`.
    pub(crate) fn sizes(&self, widths: &[usize]) -> Line {
        let style = self.style();
        let mut text = String::with_capacity(64 + 16 * widths.len());
        text.push_str("K = ");
        text.push_str(itoa::Buffer::new().format(widths.len().saturating_sub(2)));
        text.push_str(", ");
        if self.format == Format::Latex {
            text.push_str("\\quad ");
        }
        for (k, w) in widths.iter().enumerate() {
            if k > 0 {
                text.push_str(", ");
            }
            text.push('D');
            style.subscript(&mut text, itoa::Buffer::new().format(k));
            text.push_str(" = ");
            text.push_str(itoa::Buffer::new().format(*w));
        }
        text.push_str(match self.format {
            Format::Unicode => ",  𝛀ₖ ∈ ℝ^(Dₖ₊₁×Dₖ)",
            Format::Latex => {
                ", \\quad \\boldsymbol{\\Omega}_k \\in \\mathbb{R}^{D_{k+1} \\times D_k}"
            }
            Format::Ascii | Format::Json => ", Omega_k in R^(D_{k+1} x D_k)",
        });
        Line::Note(text)
    }

    /// The network's own parameter definitions (`ψ₁₀ = θ′₁₀ + θ′₁₁φ₀`).
    pub(crate) fn parameter_definitions(&self, network: &Network) -> Vec<Line> {
        network
            .definitions
            .iter()
            .map(|d| Line::Scalar(self.layout.definition(d)))
            .collect()
    }
}

/// The rows or columns of a block kept when it is written.
#[derive(Clone, Copy)]
enum Kept {
    /// All `n`.
    All(usize),
    /// The first two, then the elided ones (`None`), then the last of `n`.
    Elided(usize),
}

impl Kept {
    /// How many are written, the elided ones counting as one.
    fn len(self) -> usize {
        match self {
            Kept::All(n) => n,
            Kept::Elided(_) => 4,
        }
    }

    /// The indices written, `None` standing for the elided ones.
    fn indices(self) -> impl Iterator<Item = Option<usize>> {
        let elided = matches!(self, Kept::Elided(_));
        let last = match self {
            Kept::All(n) | Kept::Elided(n) => n.saturating_sub(1),
        };
        (0..self.len()).map(move |k| match (elided, k) {
            (false, k) | (true, k @ (0 | 1)) => Some(k),
            (true, 2) => None,
            (true, _) => Some(last),
        })
    }
}

impl<'f> Uses<'f> {
    /// Records a name the first time it is used.
    fn record(&mut self, name: &str, block: &'f Block) {
        let list = match block.entries().first() {
            Some(Entry::Var(_)) | None => &mut self.units,
            _ => &mut self.params,
        };
        if !list.iter().any(|(n, _)| n == name) {
            list.push((name.to_string(), block));
        }
    }
}

/// Writes sections of lines in a format (not JSON): sections apart by a blank
/// line in text (and drawings of several lines apart from their neighbours),
/// all in one `align*` in LaTeX. `nested` prints the [`Line::Nested`] lines.
pub(crate) fn write(
    speller: &Speller<'_>,
    sections: &[&[Line]],
    nested: Option<&NestedLines>,
    options: &Options,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    let lines = sections.iter().filter(|s| !s.is_empty());
    if options.format == Format::Latex {
        let mut first = true;
        // One buffer for every drawn line, with room for a small
        // network's longest at once rather than grown line by line.
        let mut buffer = String::with_capacity(512);
        for line in lines.flat_map(|s| s.iter()) {
            out.write_str(if first {
                "\\begin{align*}\n"
            } else {
                " \\\\\n"
            })?;
            first = false;
            latex_line(speller, line, nested, options.width, &mut buffer, out)?;
        }
        if !first {
            out.write_str("\n\\end{align*}\n")?;
        }
        return Ok(());
    }
    for (n, section) in lines.enumerate() {
        if n > 0 {
            out.write_char('\n')?;
        }
        let mut tall_before = false;
        for (i, line) in section.iter().enumerate() {
            let drawn = match line {
                Line::Math(lhs, rhs) => Some(text_math(lhs, rhs, options)),
                _ => None,
            };
            let tall = drawn.as_ref().is_some_and(|text| text.lines().count() > 1);
            if i > 0 && (tall || tall_before) {
                out.write_char('\n')?;
            }
            tall_before = tall;
            match drawn {
                Some(text) => out.write_str(&text)?,
                None => text_line(speller, line, nested, options, out)?,
            }
        }
    }
    Ok(())
}

/// One line in LaTeX, `lhs &= rhs`; a drawn line is spelled in `buffer`
/// first.
fn latex_line(
    speller: &Speller<'_>,
    line: &Line,
    nested: Option<&NestedLines>,
    width: usize,
    buffer: &mut String,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    match line {
        Line::Math(lhs, rhs) => {
            buffer.clear();
            lhs.latex(buffer);
            buffer.push_str(" &= ");
            rhs.latex(buffer);
            out.write_str(buffer)
        }
        Line::Scalar(equation) => speller.layout.write(equation, width, out),
        Line::Nested(n) => nested_lines(nested).write(&speller.layout, *n, width, out),
        Line::Note(text) => {
            out.write_str("&\\text{$")?;
            out.write_str(text)?;
            out.write_str("$}")
        }
    }
}

/// A drawn equation in Unicode (in two dimensions) or ASCII, ending in a newline.
fn text_math(lhs: &Math, rhs: &Math, options: &Options) -> String {
    let mut out = String::new();
    if options.format == Format::Unicode {
        let row = Math::Row(vec![lhs.clone(), Math::text(" = "), rhs.clone()]);
        row.unicode().write(&mut out);
    } else {
        lhs.ascii(&mut out);
        out.push_str(" = ");
        rhs.ascii(&mut out);
        out.push('\n');
    }
    out
}

/// Any other line in Unicode or ASCII, ending in a newline.
fn text_line(
    speller: &Speller<'_>,
    line: &Line,
    nested: Option<&NestedLines>,
    options: &Options,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    match line {
        Line::Math(lhs, rhs) => out.write_str(&text_math(lhs, rhs, options)),
        Line::Scalar(equation) => {
            speller.layout.write(equation, options.width, out)?;
            out.write_char('\n')
        }
        Line::Nested(n) => {
            nested_lines(nested).write(&speller.layout, *n, options.width, out)?;
            out.write_char('\n')
        }
        Line::Note(text) => {
            out.write_str("% ")?;
            out.write_str(text)?;
            out.write_char('\n')
        }
    }
}

/// The nested equations a [`Line::Nested`] is numbered among.
pub(crate) fn nested_lines(nested: Option<&NestedLines>) -> &NestedLines {
    nested.expect("a nested line comes with its nested equations")
}
