//! Formulas that hold matrices, and how each format draws them.
//!
//! The matrix forms are built once as [`Math`] (text already spelled in the
//! output's style, matrices as rows of spelled entries) and drawn by one
//! function per format:
//!
//! ```text
//! Unicode  ⎡h′₁⎤    ⎡⎡ψ₁₀⎤   ⎡ψ₁₁  ψ₁₂  ψ₁₃⎤⎡h₁⎤⎤    two dimensions, the
//!          ⎢h′₂⎥ = a⎢⎢ψ₂₀⎥ + ⎢ψ₂₁  ψ₂₂  ψ₂₃⎥⎢h₂⎥⎥    activation's bracket
//!          ⎣h′₃⎦    ⎣⎣ψ₃₀⎦   ⎣ψ₃₁  ψ₃₂  ψ₃₃⎦⎣h₃⎦⎦    spanning its argument
//! LaTeX    \begin{bmatrix}h'_{1} \\ h'_{2} \\ h'_{3}\end{bmatrix} &= \mathbf{a}\left[…\right]
//! ASCII    [h'_1; h'_2; h'_3] = a[[psi_10; psi_20; psi_30] + [[psi_11, psi_12, psi_13], …] [h_1; h_2; h_3]]
//! ```
//!
//! Every matrix is written entry by entry (`bmatrix` in LaTeX, nested lists
//! in ASCII), so that an explicit form can be read back.

use smallvec::SmallVec;
use std::borrow::Cow;

/// A formula of a matrix form, its atoms already spelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Math {
    /// Spelled text: `𝛙₀`, ` + `, `\boldsymbol{\Psi}`; the fixed text
    /// between spelled pieces is borrowed rather than allocated.
    Text(Cow<'static, str>),
    /// A matrix written entry by entry; a column vector has one entry per
    /// row.
    Matrix(Entries),
    /// Formulas side by side.
    Row(Vec<Math>),
    /// The activation applied to a formula: its spelled letter (`𝐚`,
    /// `\mathbf{a}`), then the formula in brackets.
    Act(&'static str, Box<Math>),
}

/// A matrix's spelled entries, row by row, in one buffer: entry `n` (row
/// `n / columns`, column `n % columns`) is the text between the end of entry
/// `n - 1` and its own end. One buffer rather than a string per entry, since
/// a matrix form spells every entry of every matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entries {
    text: String,
    /// Where each entry ends in `text`; a vector of up to four entries
    /// (most of a small network's) is held without an allocation.
    ends: SmallVec<[usize; 4]>,
    rows: usize,
    columns: usize,
}

/// A drawing in two dimensions: lines of equal width and the line that holds
/// the formula's baseline (where `=` and `+` go).
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The lines, each padded to `width` characters.
    pub(crate) lines: Vec<String>,
    /// The baseline's index in `lines`.
    base: usize,
    /// The width in characters.
    width: usize,
}

impl Math {
    /// Text, as a formula.
    pub(crate) fn text(s: impl Into<Cow<'static, str>>) -> Math {
        Math::Text(s.into())
    }

    /// Whether a matrix occurs anywhere in the formula.
    fn has_matrix(&self) -> bool {
        match self {
            Math::Text(_) => false,
            Math::Matrix(_) => true,
            Math::Row(parts) => parts.iter().any(Math::has_matrix),
            Math::Act(_, inner) => inner.has_matrix(),
        }
    }

    /// Appends the LaTeX: `bmatrix` for matrices, and `\left[ \right]` around
    /// an activation's argument when it holds a matrix (plain brackets
    /// otherwise, as the scalar form writes them).
    pub(crate) fn latex(&self, out: &mut String) {
        match self {
            Math::Text(s) => out.push_str(s),
            Math::Matrix(entries) => {
                out.push_str("\\begin{bmatrix}");
                entries.write(out, " \\\\ ", " & ", ["", ""]);
                out.push_str("\\end{bmatrix}");
            }
            Math::Row(parts) => parts.iter().for_each(|p| p.latex(out)),
            Math::Act(letter, inner) => {
                let (open, close) = if inner.has_matrix() {
                    ("\\left[", "\\right]")
                } else {
                    ("[", "]")
                };
                out.push_str(letter);
                out.push_str(open);
                inner.latex(out);
                out.push_str(close);
            }
        }
    }

    /// Appends the ASCII, on one line: a column vector `[a; b; c]` (a single
    /// entry `[a]`), any other matrix as its rows `[[a, b], [c, d]]`.
    pub(crate) fn ascii(&self, out: &mut String) {
        match self {
            Math::Text(s) => out.push_str(s),
            Math::Matrix(entries) => {
                out.push('[');
                if entries.columns() == 1 {
                    entries.write(out, "; ", "", ["", ""]);
                } else {
                    entries.write(out, ", ", ", ", ["[", "]"]);
                }
                out.push(']');
            }
            Math::Row(parts) => parts.iter().for_each(|p| p.ascii(out)),
            Math::Act(letter, inner) => {
                out.push_str(letter);
                out.push('[');
                inner.ascii(out);
                out.push(']');
            }
        }
    }

    /// The Unicode drawing in two dimensions.
    pub(crate) fn unicode(&self) -> Block {
        match self {
            Math::Text(s) => Block::text(s),
            Math::Matrix(entries) => Block::matrix(entries),
            Math::Row(parts) => Block::beside(parts.iter().map(Math::unicode).collect()),
            Math::Act(letter, inner) => Block::activation(letter, inner.unicode()),
        }
    }
}

impl Block {
    /// One line of text.
    fn text(s: &str) -> Block {
        Block {
            lines: vec![s.to_string()],
            base: 0,
            width: width(s),
        }
    }

    /// Blocks side by side, their baselines on one line.
    fn beside(blocks: Vec<Block>) -> Block {
        let above = blocks.iter().map(|b| b.base).max().unwrap_or(0);
        let below = blocks
            .iter()
            .map(|b| b.lines.len() - b.base - 1)
            .max()
            .unwrap_or(0);
        let mut lines = vec![String::new(); above + below + 1];
        for block in &blocks {
            let top = above - block.base;
            for (n, line) in lines.iter_mut().enumerate() {
                match n.checked_sub(top).and_then(|i| block.lines.get(i)) {
                    Some(text) => line.push_str(text),
                    None => line.push_str(&" ".repeat(block.width)),
                }
            }
        }
        Block {
            lines,
            base: above,
            width: blocks.iter().map(|b| b.width).sum(),
        }
    }

    /// A matrix: columns centred and two spaces apart, in `⎡ ⎤ ⎢ ⎥ ⎣ ⎦`; a
    /// single row in plain brackets `[a  b  c]`. The baseline is the middle
    /// row (the upper of the two middle rows). No rows at all is `[]`.
    fn matrix(entries: &Entries) -> Block {
        if entries.rows() == 0 {
            return Block::text("[]");
        }
        let widths: Vec<usize> = (0..entries.columns())
            .map(|j| {
                (0..entries.rows())
                    .map(|i| width(entries.get(i, j)))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let body: Vec<String> = (0..entries.rows())
            .map(|i| {
                let cells: Vec<String> = entries
                    .row(i)
                    .zip(&widths)
                    .map(|(entry, &w)| centre(entry, w))
                    .collect();
                cells.join("  ")
            })
            .collect();
        let last = body.len().saturating_sub(1);
        let lines: Vec<String> = body
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let (open, close) = brackets(i, last);
                format!("{open}{line}{close}")
            })
            .collect();
        Block {
            width: lines.first().map_or(0, |l| width(l)),
            base: last / 2,
            lines,
        }
    }

    /// The activation's letter and brackets spanning `inner`: `a[θ₁₀]` on one
    /// line, or tall brackets with the letter on the baseline.
    fn activation(letter: &str, inner: Block) -> Block {
        let height = inner.lines.len();
        let last = height.saturating_sub(1);
        let pad = " ".repeat(width(letter));
        let lines = inner
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let (open, close) = brackets(i, last);
                let open = if height == 1 { "[" } else { open };
                let close = if height == 1 { "]" } else { close };
                let letter = if i == inner.base { letter } else { &pad };
                format!("{letter}{open}{line}{close}")
            })
            .collect();
        Block {
            lines,
            base: inner.base,
            width: inner.width + width(letter) + 2,
        }
    }

    /// The lines joined, trailing spaces removed, each ending in a newline.
    pub(crate) fn write(&self, out: &mut String) {
        for line in &self.lines {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

impl Entries {
    /// No entries yet, for a matrix of `rows` rows and `columns` columns
    /// whose entries are then spelled with [`Entries::push`], row by row.
    pub(crate) fn new(rows: usize, columns: usize) -> Entries {
        // About twelve bytes an entry (`\theta_{10}`), and room for the
        // last entry's spelling to reserve without growing the buffer.
        Entries {
            text: String::with_capacity(rows * columns * 12 + 16),
            ends: SmallVec::with_capacity(rows * columns),
            rows,
            columns,
        }
    }

    /// Spells the next entry into the buffer with `spell`.
    pub(crate) fn push(&mut self, spell: impl FnOnce(&mut String)) {
        spell(&mut self.text);
        self.ends.push(self.text.len());
    }

    /// The number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    /// The number of columns.
    pub(crate) fn columns(&self) -> usize {
        self.columns
    }

    /// Entry `(i, j)`, spelled.
    pub(crate) fn get(&self, i: usize, j: usize) -> &str {
        let n = i * self.columns + j;
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        &self.text[start..self.ends[n]]
    }

    /// Row `i`'s entries, spelled.
    pub(crate) fn row(&self, i: usize) -> impl Iterator<Item = &str> {
        (0..self.columns).map(move |j| self.get(i, j))
    }

    /// Writes the entries row by row: each row inside `around`, rows
    /// separated by `between_rows` and a row's entries by `between_entries`.
    pub(crate) fn write(
        &self,
        out: &mut String,
        between_rows: &str,
        between_entries: &str,
        [open, close]: [&str; 2],
    ) {
        for i in 0..self.rows {
            if i > 0 {
                out.push_str(between_rows);
            }
            out.push_str(open);
            for (j, entry) in self.row(i).enumerate() {
                if j > 0 {
                    out.push_str(between_entries);
                }
                out.push_str(entry);
            }
            out.push_str(close);
        }
    }

    /// Every entry as a string of its own, row by row.
    pub(crate) fn to_rows(&self) -> Vec<Vec<String>> {
        (0..self.rows)
            .map(|i| self.row(i).map(str::to_string).collect())
            .collect()
    }
}

/// The brackets of line `i` of `0..=last`: `[ ]` for a single line, else
/// `⎡ ⎤`, `⎢ ⎥`, `⎣ ⎦`.
fn brackets(i: usize, last: usize) -> (&'static str, &'static str) {
    match (i, last) {
        (_, 0) => ("[", "]"),
        (0, _) => ("⎡", "⎤"),
        (i, l) if i == l => ("⎣", "⎦"),
        _ => ("⎢", "⎥"),
    }
}

/// `text` centred in `width` columns (an odd space goes to the right).
fn centre(text: &str, width: usize) -> String {
    let room = width.saturating_sub(self::width(text));
    let left = room / 2;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(room - left))
}

/// How many columns text takes in a terminal: one per character (subscripts,
/// primes and mathematical bold letters are one column wide).
fn width(text: &str) -> usize {
    text.chars().count()
}
