//! Matrices of scalar expressions and their arithmetic: sums, products,
//! transposes, and functions applied entry by entry.
//!
//! A scalar is a 1×1 matrix, and multiplying by a 1×1 matrix scales every
//! entry, so `\boldsymbol{\theta} x` and `\phi_0 + \boldsymbol{\phi}^T\mathbf{h}`
//! need no special case. Entries keep the order in which the scalar form
//! writes its terms (`ψ_i0 + ψ_i1 h_1 + ψ_i2 h_2 + …`), so the network read
//! from a matrix form equals the one read from the scalar form.

use crate::diagnostic::Diagnostic;
use crate::syntax::{Expr, ExprKind, Span};

/// A matrix of scalar expressions, with where it was written.
///
/// Invariant: `entries.len() == rows * cols` (row-major), `rows, cols >= 1`.
#[derive(Clone, Debug)]
pub(super) struct Mat {
    /// The number of rows.
    pub rows: usize,
    /// The number of columns.
    pub cols: usize,
    /// The entries, row by row.
    pub entries: Vec<Expr>,
    /// Where the expression it is the value of was written.
    pub span: Span,
    /// The number of syntax nodes in all entries: what copying it costs.
    pub weight: usize,
}

impl Mat {
    /// A 1×1 matrix.
    pub(super) fn scalar(entry: Expr) -> Mat {
        let weight = nodes(&entry);
        let span = entry.span;
        Mat {
            rows: 1,
            cols: 1,
            entries: vec![entry],
            span,
            weight,
        }
    }

    /// A matrix from its entries; the weight is counted.
    pub(super) fn new(rows: usize, cols: usize, entries: Vec<Expr>, span: Span) -> Mat {
        let weight = entries.iter().map(nodes).sum();
        Mat {
            rows,
            cols,
            entries,
            span,
            weight,
        }
    }

    /// Whether it is 1×1.
    pub(super) fn is_scalar(&self) -> bool {
        self.rows == 1 && self.cols == 1
    }

    /// Its size as messages write it: `3×1`.
    pub(super) fn size(&self) -> String {
        format!("{}×{}", self.rows, self.cols)
    }

    /// Applies `f` to every entry; the result spans `span`.
    pub(super) fn map(self, span: Span, f: impl Fn(Expr) -> ExprKind) -> Mat {
        let entries = self
            .entries
            .into_iter()
            .map(|e| Expr::new(f(e), span))
            .collect();
        Mat {
            entries,
            span,
            weight: self.weight + self.rows * self.cols,
            ..self
        }
    }

    /// The transpose.
    pub(super) fn transpose(self, span: Span) -> Mat {
        let (rows, cols) = (self.rows, self.cols);
        let mut cells: Vec<Option<Expr>> = self.entries.into_iter().map(Some).collect();
        let mut entries = Vec::with_capacity(cells.len());
        for j in 0..cols {
            for i in 0..rows {
                entries.extend(cells[i * cols + j].take());
            }
        }
        Mat {
            rows: cols,
            cols: rows,
            entries,
            span,
            weight: self.weight,
        }
    }

    /// The entry-by-entry sum; both must have the same size.
    pub(super) fn add(self, other: Mat, span: Span) -> Result<Mat, Diagnostic> {
        if (self.rows, self.cols) != (other.rows, other.cols) {
            return Err(Diagnostic::error(
                "size",
                format!(
                    "cannot add a {} matrix and a {} matrix",
                    self.size(),
                    other.size()
                ),
                other.span,
            )
            .with_label(format!("this is {}", other.size()))
            .with_secondary(self.span, format!("this is {}", self.size()))
            .with_help(
                "a sum adds entry by entry, so its terms need the same number of rows and columns",
            ));
        }
        let entries = self
            .entries
            .into_iter()
            .zip(other.entries)
            .map(|(a, b)| join(ExprKind::Sum, a, b, span))
            .collect();
        Ok(Mat {
            entries,
            span,
            weight: self.weight + other.weight + self.rows * self.cols,
            ..self
        })
    }

    /// What [`Mat::mul`] would build, in syntax nodes, before building it.
    pub(super) fn mul_cost(&self, other: &Mat) -> usize {
        if self.is_scalar() || other.is_scalar() {
            let n = (self.entries.len()).max(other.entries.len());
            return n
                .saturating_mul(self.weight.max(1))
                .saturating_add(other.weight)
                .saturating_add(self.weight);
        }
        other
            .cols
            .saturating_mul(self.weight)
            .saturating_add(self.rows.saturating_mul(other.weight))
            .saturating_add(
                self.rows
                    .saturating_mul(other.cols)
                    .saturating_mul(self.cols + 1),
            )
    }

    /// The product: scaling when either side is 1×1, else the matrix
    /// product, which needs as many columns on the left as rows on the right.
    pub(super) fn mul(self, other: Mat, span: Span) -> Result<Mat, Diagnostic> {
        if self.is_scalar() || other.is_scalar() {
            return Ok(self.scale(other, span));
        }
        if self.cols != other.rows {
            return Err(Diagnostic::error(
                "size",
                format!(
                    "cannot multiply a {} matrix by a {} matrix",
                    self.size(),
                    other.size()
                ),
                other.span,
            )
            .with_label(format!("this is {}: {} rows", other.size(), other.rows))
            .with_secondary(
                self.span,
                format!("this is {}: {} columns", self.size(), self.cols),
            )
            .with_help(
                "in a product the left factor needs as many columns as the right one has rows",
            ));
        }
        let mut entries = Vec::with_capacity(self.rows * other.cols);
        for i in 0..self.rows {
            for j in 0..other.cols {
                let terms: Vec<Expr> = (0..self.cols)
                    .map(|k| {
                        let a = self.entries[i * self.cols + k].clone();
                        let b = other.entries[k * other.cols + j].clone();
                        join(ExprKind::Product, a, b, span)
                    })
                    .collect();
                entries.push(match <[Expr; 1]>::try_from(terms) {
                    Ok([single]) => single,
                    Err(terms) => Expr::new(ExprKind::Sum(terms), span),
                });
            }
        }
        Ok(Mat::new(self.rows, other.cols, entries, span))
    }

    /// The product when one side is 1×1: every entry of the other side,
    /// multiplied in the order written.
    fn scale(self, other: Mat, span: Span) -> Mat {
        let (rows, cols) = if self.is_scalar() {
            (other.rows, other.cols)
        } else {
            (self.rows, self.cols)
        };
        let n = rows * cols;
        let pick = |m: &Mat, i: usize| m.entries[if m.is_scalar() { 0 } else { i }].clone();
        let entries = (0..n)
            .map(|i| join(ExprKind::Product, pick(&self, i), pick(&other, i), span))
            .collect();
        Mat::new(rows, cols, entries, span)
    }
}

/// `a + b` or `a b` as one flat sum or product: the items of `a` (when it
/// already is a sum or product of that kind) followed by `b`. Flat, so that
/// a long sum of vectors cannot nest deeply.
fn join(kind: fn(Vec<Expr>) -> ExprKind, a: Expr, b: Expr, span: Span) -> Expr {
    let items = match (kind(Vec::new()), a.kind) {
        (ExprKind::Sum(_), ExprKind::Sum(mut items))
        | (ExprKind::Product(_), ExprKind::Product(mut items)) => {
            items.push(b);
            items
        }
        (_, kind_a) => vec![Expr::new(kind_a, a.span), b],
    };
    Expr::new(kind(items), span)
}

/// The number of syntax nodes in an expression.
pub(super) fn nodes(expr: &Expr) -> usize {
    let mut n = 0;
    super::classify::walk(expr, &mut |_| n += 1);
    n
}
