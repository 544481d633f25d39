//! Tokens: what the lexer hands the parser. Each is a kind and a byte span,
//! never a copied string.

use super::atoms::Name;
use super::commands::Wrap;
use super::Span;

/// An opening or closing delimiter's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delim {
    /// `[`, `\left[`, `\bigl[`.
    Square,
    /// `(`, `\left(`.
    Paren,
    /// `{`, `\{`.
    Brace,
    /// `\begin{bmatrix}` … `\end{bmatrix}` and the other matrix environments.
    Matrix(MatrixEnv),
}

/// A matrix environment: `bmatrix`, `pmatrix`, `matrix`, `smallmatrix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MatrixEnv {
    /// `\begin{bmatrix}`: square brackets.
    Bmatrix,
    /// `\begin{pmatrix}`: parentheses.
    Pmatrix,
    /// `\begin{matrix}`: no delimiters (usually inside `\left[ … \right]`).
    Matrix,
    /// `\begin{smallmatrix}`: no delimiters, small type.
    Smallmatrix,
}

impl MatrixEnv {
    /// The environment named `name`, if it is a matrix.
    pub(crate) fn named(name: &str) -> Option<MatrixEnv> {
        Some(match name {
            "bmatrix" => MatrixEnv::Bmatrix,
            "pmatrix" => MatrixEnv::Pmatrix,
            "matrix" => MatrixEnv::Matrix,
            "smallmatrix" => MatrixEnv::Smallmatrix,
            _ => return None,
        })
    }

    /// The command that closes it: `\end{bmatrix}`.
    pub(crate) fn end(self) -> &'static str {
        match self {
            MatrixEnv::Bmatrix => "\\end{bmatrix}",
            MatrixEnv::Pmatrix => "\\end{pmatrix}",
            MatrixEnv::Matrix => "\\end{matrix}",
            MatrixEnv::Smallmatrix => "\\end{smallmatrix}",
        }
    }
}

/// What separates equations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sep {
    /// A line break, `\\`, `$`, `\[`, `\]`, `\begin{…}` or `\end{…}`.
    Line,
    /// `;`.
    Semicolon,
    /// `,`.
    Comma,
    /// `.` (not followed by a digit).
    Period,
}

/// The kinds of token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// `2`, `0.1`, `.5`, `1e-3`.
    Number,
    /// A letter or activation name: `θ`, `\theta`, `theta`, `x`, `a`, `ReLU`.
    Name(Name),
    /// A subscript: `_1`, `_{10}`, `_{0,12,3}`, `₁₀`, `₀,₁₂,₃`.
    Sub,
    /// Primes: `'`, `''`, `′`, `″`, `‴`, `^\prime`, `^{\prime\prime}`, `^{'}`.
    Prime(u8),
    /// `+`.
    Plus,
    /// `-`, `−`.
    Minus,
    /// `*`, `·`, `⋅`, `×`, `\cdot`, `\times`.
    Times,
    /// `/`.
    Slash,
    /// `=`.
    Eq,
    /// A transpose: `^T`, `^{T}`, `^\top`, `^{\top}`, `^\intercal`, `^\mathsf{T}`,
    /// `^{\mathsf{T}}`, `ᵀ`.
    Transpose,
    /// `&` inside a matrix environment: the next entry of a row.
    Col,
    /// `\\` inside a matrix environment: the next row.
    Row,
    /// `[`, `(`, `{`, with or without a size: `\left[`, `\bigl(`, `\{`.
    Open(Delim),
    /// `]`, `)`, `}`, with or without a size: `\right]`, `\bigr)`, `\}`.
    Close(Delim),
    /// `\boldsymbol`, `\bm`, `\mathbf`, `\mathrm`, `\text`, `\operatorname`.
    Wrap(Wrap),
    /// `\frac`, `\dfrac`, `\tfrac`.
    Frac,
    /// A separator between equations.
    Sep(Sep),
    /// Text already reported as an error.
    Error,
    /// The end of the input.
    End,
}

/// A token and where it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub tok: Tok,
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Token {
    /// Where the token was written.
    pub(crate) fn span(self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// The inside of a subscript token: `10` for `_{10}`, `₁₀` for `₁₀`.
pub(crate) fn subscript_text(text: &str) -> &str {
    if let Some(inner) = text.strip_prefix("_{").and_then(|t| t.strip_suffix('}')) {
        return inner;
    }
    if text.as_bytes().starts_with(&[0xE2, 0x82]) {
        // Subscript digits (`₁₀`): the text itself.
        return text;
    }
    let text = text.strip_prefix('_').unwrap_or(text).trim_start();
    let text = text.strip_prefix('{').unwrap_or(text);
    text.strip_suffix('}').unwrap_or(text)
}
