//! The syntax tree, exactly as written.
//!
//! Nothing here knows about networks: a [`Document`] is a list of equations whose
//! sides are [`Expr`] trees. Names are already interned (`\theta_{10}`, `θ₁₀` and
//! `theta_10` are the same [`Sym`]), but how they were written is kept where a
//! later check needs it.

use super::Span;
use crate::symbol::Sym;
use num_rational::BigRational;

/// A parsed input: every equation in the order written.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The equations.
    pub equations: Vec<Equation>,
}

/// One equation, possibly chained: `h_1 = a[θ_10 + θ_11 x]`, or
/// `h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0 + …]`.
///
/// Invariant: `sides.len() >= 2`.
#[derive(Clone, Debug, PartialEq)]
pub struct Equation {
    /// The sides, left to right.
    pub sides: Vec<Expr>,
    /// The whole equation.
    pub span: Span,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// How an activation was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActivationSpelling {
    /// `a[…]`, `\mathrm{a}[…]`, `\text{a}[…]`.
    Plain,
    /// `\mathbf{a}[…]`, `\boldsymbol{a}[…]`, `\bm{a}[…]`.
    Bold,
    /// `ReLU[…]`, `\text{ReLU}[…]`, `\operatorname{ReLU}[…]`, `\mathrm{ReLU}[…]`.
    Relu,
}

/// How a matrix was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatrixSpelling {
    /// `\begin{bmatrix} a & b \\ c & d \end{bmatrix}`.
    Bmatrix,
    /// `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`.
    Pmatrix,
    /// `\begin{matrix} … \end{matrix}` or `\begin{smallmatrix} … \end{smallmatrix}`,
    /// alone or inside `\left[ … \right]`.
    Plain,
    /// ASCII: `[a, b; c, d]`, `[h_1; h_2]`: `,` between entries, `;` between rows.
    Brackets,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number: `2`, `0.1` (exactly 1/10), `1e-3`. Fractions are
    /// [`ExprKind::Quotient`]s of numbers.
    Number(Box<BigRational>),
    /// A parameter or variable: `\theta_{10}`, `θ′₁₀`, `theta'_10`, `h_1'`,
    /// `\boldsymbol{\theta}_0` (then `bold` is true), `\mathbf{x}`.
    Symbol {
        /// The interned symbol.
        sym: Sym,
        /// Written in bold (`\boldsymbol`, `\bm`, `\mathbf`).
        bold: bool,
        /// A prime was written after the subscript (`h_1'`) rather than before
        /// it (`h'_1`).
        prime_after_subscript: bool,
    },
    /// A sum: `θ_10 + θ_11 x - 2`. A subtracted term is a [`ExprKind::Neg`].
    ///
    /// Invariant: at least two terms.
    Sum(Vec<Expr>),
    /// A negation: unary minus, or a term after `-` in a sum.
    Neg(Box<Expr>),
    /// A product, by juxtaposition (`θ_11x`, `\phi'_1h'_1`) or by `*`, `·`,
    /// `\cdot`, `\times`.
    ///
    /// Invariant: at least two factors.
    Product(Vec<Expr>),
    /// A quotient: `3/4`, `\frac{3}{4}`, `x/2`.
    Quotient(Box<Expr>, Box<Expr>),
    /// An activation: `a[…]`, `\mathbf{a}[…]`, `ReLU[…]`, `a\left[…\right]`.
    Activation {
        /// How the activation's name was written.
        spelling: ActivationSpelling,
        /// The argument.
        arg: Box<Expr>,
    },
    /// A parenthesised or braced group: `(θ_1 + θ_2)`, `{x}`.
    Group(Box<Expr>),
    /// A matrix written entry by entry: `\begin{bmatrix}\theta_{10}\\\theta_{20}\end{bmatrix}`,
    /// `\left[\begin{matrix} a & b \end{matrix}\right]`, `[psi_11, psi_12; psi_21, psi_22]`.
    Matrix {
        /// How it was written.
        spelling: MatrixSpelling,
        /// The rows, top to bottom, each its entries left to right.
        ///
        /// Invariant: at least one row, and every row has the same number
        /// (at least one) of entries.
        rows: Vec<Vec<Expr>>,
    },
    /// A transpose: `\boldsymbol{\phi}'^T`, `\boldsymbol{\phi}^{\top}`,
    /// `φᵀ`, `phi^T`.
    Transpose(Box<Expr>),
}

impl Equation {
    /// Whether the equation is written with vectors or matrices: a bold
    /// name, a matrix or a transpose anywhere in it (`\mathbf{h} =
    /// \mathbf{a}[\boldsymbol\theta_0 + \boldsymbol\theta x]`).
    pub fn is_vector_form(&self) -> bool {
        self.sides.iter().any(Expr::has_vector_notation)
    }
}

impl Expr {
    /// Makes an expression.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// Whether the expression uses vector notation: a bold name, a matrix or
    /// a transpose anywhere in it.
    pub fn has_vector_notation(&self) -> bool {
        let mut stack: Vec<&Expr> = vec![self];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Symbol { bold: true, .. }
                | ExprKind::Matrix { .. }
                | ExprKind::Transpose(_) => return true,
                ExprKind::Symbol { .. } | ExprKind::Number(_) => {}
                ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
                ExprKind::Neg(x) | ExprKind::Group(x) => stack.push(x),
                ExprKind::Activation { arg, .. } => stack.push(arg),
                ExprKind::Quotient(a, b) => {
                    stack.push(a);
                    stack.push(b);
                }
            }
        }
        false
    }
}
