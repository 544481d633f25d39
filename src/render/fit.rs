//! Fitting LaTeX on a page: how wide and how tall typeset math is, and the
//! page it has to fit.
//!
//! netform does not run TeX, so it estimates. A width is a sum over glyph
//! classes (a digit, a Latin letter, a Greek letter, a spaced operator, a
//! bracket, a subscript at script size…), each an em width measured once
//! with pdflatex in display style, in Beamer's default sans-serif math and
//! in the article's Computer Modern, taking the wider of the two and
//! rounding up, so that an estimate errs towards too wide. Widths are in
//! hundredths of an em, whole numbers, so that they add up exactly and can
//! be handed to `pretty` as text widths. Heights are in points of the page's
//! font and count rows of an `align*`.
//!
//! The tests at the end hold the estimates to the widths pdflatex measured
//! for a few equations.

use std::str::Chars;

/// Hundredths of an em.
pub(crate) type Width = usize;

/// The aspect ratio of a Beamer frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Aspect {
    /// 4:3, Beamer's default (128 mm × 96 mm).
    #[default]
    #[value(name = "43")]
    FourThree,
    /// 16:9 (`aspectratio=169`, 160 mm × 90 mm).
    #[value(name = "169")]
    SixteenNine,
}

/// The page LaTeX output is fitted to, and the size its math is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Page {
    /// The paper.
    pub(crate) paper: Paper,
    /// The type size.
    pub(crate) size: Size,
}

/// What LaTeX output is written on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Paper {
    /// An article's text width (10 pt, 345 pt wide); pages break between
    /// rows by themselves (`\allowdisplaybreaks`).
    Article,
    /// A Beamer frame with a title (11 pt), which holds a fixed height.
    Beamer(Aspect),
}

/// The type size of the math: the document's, or a step smaller to fit
/// wide matrices; never smaller than `\footnotesize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Size {
    /// The document's size.
    Normal,
    /// `\small`.
    Small,
    /// `\footnotesize`, the smallest netform uses.
    Footnote,
}

impl Page {
    /// The paper at its normal size.
    pub(crate) fn new(paper: Paper) -> Page {
        Page {
            paper,
            size: Size::Normal,
        }
    }

    /// The font size in points.
    fn font(self) -> f64 {
        match (self.paper, self.size) {
            (Paper::Article, Size::Normal) => 10.0,
            (Paper::Article, Size::Small) => 9.0,
            (Paper::Article, Size::Footnote) => 8.0,
            (Paper::Beamer(_), Size::Normal) => 10.95,
            (Paper::Beamer(_), Size::Small) => 10.0,
            (Paper::Beamer(_), Size::Footnote) => 9.0,
        }
    }

    /// The font size over the document's.
    fn scale(self) -> f64 {
        self.font() / Page::new(self.paper).font()
    }

    /// The width an equation may take, in hundredths of an em: the text
    /// width less 3% for the error of the estimate.
    pub(crate) fn width(self) -> Width {
        let points = match self.paper {
            Paper::Article => 345.0,
            Paper::Beamer(Aspect::FourThree) => 307.29,
            Paper::Beamer(Aspect::SixteenNine) => 398.34,
        };
        (points / self.font() * 97.0) as Width
    }

    /// The height a frame's `align*` may take, in points; `None` for an
    /// article, whose pages break by themselves. Measured: a frame with a
    /// title holds 221.6 pt of rows at 4:3 and 204.5 pt at 16:9; 4% is kept
    /// back for the error of the estimate.
    pub(crate) fn height(self) -> Option<f64> {
        match self.paper {
            Paper::Article => None,
            Paper::Beamer(Aspect::FourThree) => Some(212.0),
            Paper::Beamer(Aspect::SixteenNine) => Some(196.0),
        }
    }

    /// The height of a row of text, in points: the baseline skip and `\jot`
    /// (16.6 pt in a frame).
    pub(crate) fn row(self) -> f64 {
        let normal = match self.paper {
            Paper::Article => 15.0,
            Paper::Beamer(_) => 16.6,
        };
        normal * self.scale()
    }

    /// The height of a row holding matrices of up to `rows` rows: one
    /// baseline skip per matrix row and a little more.
    pub(crate) fn matrix_row(self, rows: usize) -> f64 {
        let skip = match self.paper {
            Paper::Article => 12.0,
            Paper::Beamer(_) => 13.6,
        };
        ((skip * rows as f64 + 4.0) * self.scale()).max(self.row())
    }

    /// What the page is called in a note: `a 4:3 Beamer frame`.
    pub(crate) fn name(self) -> &'static str {
        match self.paper {
            Paper::Article => "an article's text width",
            Paper::Beamer(Aspect::FourThree) => "a 4:3 Beamer frame",
            Paper::Beamer(Aspect::SixteenNine) => "a 16:9 Beamer frame",
        }
    }

    /// The options of `\documentclass{beamer}` for the aspect.
    pub(crate) fn class_options(self) -> &'static str {
        match self.paper {
            Paper::Beamer(Aspect::SixteenNine) => "[aspectratio=169]",
            _ => "",
        }
    }

    /// The command that sets the size, if it is not the document's.
    pub(crate) fn size_command(self) -> Option<&'static str> {
        match self.size {
            Size::Normal => None,
            Size::Small => Some("\\small"),
            Size::Footnote => Some("\\footnotesize"),
        }
    }

    /// Whether the page is a Beamer frame.
    pub(crate) fn is_beamer(self) -> bool {
        matches!(self.paper, Paper::Beamer(_))
    }
}

/// Em widths of the glyph classes, in hundredths.
mod em {
    use super::Width;
    /// `0`…`9`.
    pub(super) const DIGIT: Width = 50;
    /// `x`, `h`, `a`.
    pub(super) const LETTER: Width = 58;
    /// `T`, `K`, `D`, `R`.
    pub(super) const CAPITAL: Width = 80;
    /// `\theta`, `\psi`.
    pub(super) const GREEK: Width = 66;
    /// `\Omega`, `\Psi`.
    pub(super) const CAPITAL_GREEK: Width = 78;
    /// What `\boldsymbol` adds to a letter.
    pub(super) const BOLD: Width = 15;
    /// A binary operator with its medium spaces: ` + `, ` - `, `\times`.
    pub(super) const BINARY: Width = 123;
    /// A relation with its thick spaces: ` = `, `\in`.
    pub(super) const RELATION: Width = 134;
    /// A unary minus.
    pub(super) const MINUS: Width = 78;
    /// `[`, `]`.
    pub(super) const BRACKET: Width = 29;
    /// `(`, `)`.
    pub(super) const PAREN: Width = 39;
    /// `,` and the thin space after it.
    pub(super) const COMMA: Width = 45;
    /// A comma in a subscript, at script size.
    pub(super) const SCRIPT_COMMA: Width = 25;
    /// A prime.
    pub(super) const PRIME: Width = 25;
    /// `\cdots` between two terms, with its spaces.
    pub(super) const DOTS: Width = 160;
    /// Script size over text size, in percent.
    pub(super) const SCRIPT: Width = 73;
    /// `\scriptspace` after a subscript.
    pub(super) const SCRIPT_SPACE: Width = 5;
    /// What `\frac` adds to its wider part (null delimiters).
    pub(super) const FRACTION: Width = 24;
    /// A `bmatrix`'s brackets and outer padding.
    pub(super) const MATRIX: Width = 125;
    /// Between two columns of a `bmatrix`.
    pub(super) const COLUMN_GAP: Width = 130;
}

/// The estimated width of LaTeX math, as typeset in display style.
///
/// ```text
/// h_{1} &= \mathrm{a}[\theta_{10} + \theta_{11}x]   ≈ 8 em (pdflatex: 7.7–7.8)
/// ```
pub(crate) fn width(latex: &str) -> Width {
    Measure {
        chars: latex.chars(),
        previous: None,
    }
    .run()
}

/// The estimated width of a `bmatrix` whose columns are `columns` wide.
pub(crate) fn matrix_width(columns: impl Iterator<Item = Width>) -> Width {
    let mut total = em::MATRIX;
    for (j, column) in columns.enumerate() {
        if j > 0 {
            total += em::COLUMN_GAP;
        }
        total += column;
    }
    total
}

/// A pass over LaTeX math, adding up widths.
struct Measure<'a> {
    chars: Chars<'a>,
    /// The last character that was not a space, to tell a unary minus.
    previous: Option<char>,
}

impl Measure<'_> {
    /// The width of everything left.
    fn run(&mut self) -> Width {
        let mut total = 0;
        while let Some(c) = self.chars.next() {
            total += self.glyph(c);
            if c != ' ' {
                self.previous = Some(c);
            }
        }
        total
    }

    /// The width of one character and whatever it opens.
    fn glyph(&mut self, c: char) -> Width {
        match c {
            '0'..='9' => em::DIGIT,
            'a'..='z' => em::LETTER,
            'A'..='Z' => em::CAPITAL,
            '+' | '*' => em::BINARY,
            '-' => match self.previous {
                Some('[' | '(' | '{' | '=' | '&') => em::MINUS,
                _ => em::BINARY,
            },
            '=' | '<' | '>' => em::RELATION,
            '[' | ']' => em::BRACKET,
            '(' | ')' | '/' | '|' => em::PAREN,
            ',' => em::COMMA,
            '.' => em::BRACKET,
            // A prime over a subscript takes no width of its own.
            '\'' if self.chars.as_str().starts_with('_') => 0,
            '\'' => em::PRIME,
            '_' => self.script() * em::SCRIPT / 100 + em::SCRIPT_SPACE,
            '^' => self.script() * em::SCRIPT / 100,
            '\\' => self.command(),
            _ => 0,
        }
    }

    /// A subscript or superscript's body, at text size: `{10}`, `T`, `k`.
    fn script(&mut self) -> Width {
        match self.chars.next() {
            Some('{') => width_in_script(&self.group()),
            Some('\\') => self.command(),
            Some(c) => width_in_script(&c.to_string()),
            None => 0,
        }
    }

    /// The text of a braced group whose `{` was read, without its braces.
    fn group(&mut self) -> String {
        let mut depth = 1;
        let mut text = String::new();
        for c in self.chars.by_ref() {
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => break,
                '}' => depth -= 1,
                _ => {}
            }
            text.push(c);
        }
        text
    }

    /// The next braced group, measured.
    fn argument(&mut self) -> String {
        let rest = self.chars.as_str();
        let skipped = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with('{') {
            for _ in 0..=skipped {
                self.chars.next();
            }
            self.group()
        } else {
            String::new()
        }
    }

    /// A command after `\`.
    fn command(&mut self) -> Width {
        let rest = self.chars.as_str();
        let len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..len];
        if word.is_empty() {
            // `\\`, `\,`, `\;`, `\!`, `\ `.
            return match self.chars.next() {
                Some(',') => 17,
                Some(';') => 28,
                Some(' ') => 33,
                _ => 0,
            };
        }
        let word = word.to_string();
        for _ in 0..len {
            self.chars.next();
        }
        match word.as_str() {
            "theta" | "vartheta" | "phi" | "varphi" | "psi" | "beta" | "omega" => em::GREEK,
            "Theta" | "Phi" | "Psi" | "Omega" => em::CAPITAL_GREEK,
            "boldsymbol" | "bm" => em::BOLD + width(&self.argument()),
            "frac" | "dfrac" => {
                let numerator = width(&self.argument());
                let denominator = width(&self.argument());
                numerator.max(denominator) + em::FRACTION
            }
            "quad" => 100,
            "qquad" => 200,
            "cdots" | "ldots" | "dots" | "ddots" => em::DOTS,
            "vdots" => em::BRACKET,
            "in" => em::RELATION,
            "times" | "cdot" => em::BINARY,
            "begin" | "end" | "label" | "tag" => {
                self.argument();
                0
            }
            _ => 0,
        }
    }
}

/// The width of a script's body: its text-size width scaled down.
fn width_in_script(body: &str) -> Width {
    body.chars()
        .map(|c| match c {
            ',' => em::SCRIPT_COMMA * 100 / em::SCRIPT,
            _ => 0,
        })
        .sum::<Width>()
        + width(&body.replace(',', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths pdflatex measured (`\settowidth` in display style), in
    /// hundredths of an em: the wider of Beamer's sans-serif math and the
    /// article's, and netform's estimate may be at most 8% wider and never
    /// narrower by more than 2%.
    const MEASURED: &[(&str, Width)] = &[
        (r"h_{1} = \mathrm{a}[\theta_{10} + \theta_{11}x]", 784),
        (
            r"y' = \phi'_{0} + \phi'_{1}h'_{1} + \phi'_{2}h'_{2} + \phi'_{3}h'_{3}",
            1306,
        ),
        (
            r"\omega_{3,1}\mathrm{a}[\beta_{2,1} + \omega_{2,1,1}\mathrm{a}[\beta_{1,1} + \omega_{1,1,1}\mathrm{a}[\beta_{0,1} + \omega_{0,1,1}x]]]",
            2109,
        ),
        (r"\theta'_{10} + \theta'_{11}\phi_{0}", 490),
        (r"\frac{123}{4}", 174),
        (r"\boldsymbol{\phi}^T", 139),
        (r"x \cdots x", 264),
    ];

    #[test]
    fn estimates_are_close_to_pdflatex_and_err_towards_too_wide() {
        for &(latex, measured) in MEASURED {
            let estimate = width(latex);
            assert!(
                estimate * 100 >= measured * 98 && estimate * 100 <= measured * 108,
                "{latex}: estimated {estimate}, pdflatex {measured}"
            );
        }
    }

    #[test]
    fn a_matrix_is_its_columns_and_gaps() {
        let psi = width(r"\psi_{11}");
        assert_eq!(
            matrix_width([psi, psi, psi].into_iter()),
            em::MATRIX + 2 * em::COLUMN_GAP + 3 * psi
        );
    }

    #[test]
    fn a_beamer_frame_is_narrower_than_an_article() {
        let beamer = Page::new(Paper::Beamer(Aspect::FourThree));
        assert!(beamer.width() < Page::new(Paper::Article).width());
        assert!(beamer.width() < Page::new(Paper::Beamer(Aspect::SixteenNine)).width());
        let footnote = Page {
            size: Size::Footnote,
            ..beamer
        };
        assert!(footnote.width() > beamer.width());
        assert!(footnote.row() < beamer.row());
    }
}
