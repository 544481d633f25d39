//! Matrices written entry by entry: the LaTeX environments
//! (`\begin{bmatrix} a & b \\ c & d \end{bmatrix}`, `pmatrix`, `matrix`
//! inside `\left[ … \right]`) and the ASCII brackets `[a, b; c, d]`.
//!
//! Each entry is a whole sum, read one level deeper than the matrix (so the
//! depth limit holds), and every row must have as many entries as the first.

use super::ast::{Expr, ExprKind, MatrixSpelling};
use super::lexer::{Delim, MatrixEnv, Sep, Tok};
use super::parser::{PResult, Parser};
use super::Span;
use crate::diagnostic::Diagnostic;
use crate::symbol::SymbolTable;

/// What ends an entry, a row and the matrix in one spelling.
struct Separators {
    entry: Tok,
    row: Tok,
    close: Tok,
    expected: &'static str,
}

impl Parser<'_> {
    /// Parses a matrix environment: `\begin{bmatrix}\theta_{10}\\\theta_{20}\end{bmatrix}`,
    /// `\begin{pmatrix} a & b \end{pmatrix}`; a `\\` before `\end{…}` is allowed.
    pub(crate) fn environment_matrix(
        &mut self,
        symbols: &mut SymbolTable,
        env: MatrixEnv,
    ) -> PResult<Expr> {
        let spelling = match env {
            MatrixEnv::Bmatrix => MatrixSpelling::Bmatrix,
            MatrixEnv::Pmatrix => MatrixSpelling::Pmatrix,
            MatrixEnv::Matrix | MatrixEnv::Smallmatrix => MatrixSpelling::Plain,
        };
        let separators = Separators {
            entry: Tok::Col,
            row: Tok::Row,
            close: Tok::Close(Delim::Matrix(env)),
            expected: "`&`, `\\\\` or `\\end{…}`",
        };
        self.matrix(symbols, spelling, &separators)
    }

    /// Parses what starts with a bare `[` (not an activation's): the ASCII
    /// matrix `[a, b; c, d]` or `[h_1; h_2]`, or `\left[\begin{matrix} … \end{matrix}\right]`.
    ///
    /// Rows may be brackets themselves, `[[a, b], [c, d]]`, `[[phi_1, phi_2]]`.
    ///
    /// A bracket without `,` or `;` inside is a matrix only at the start of
    /// an equation (`[h_1] = a[…]`), of a parameter's definition
    /// (`theta_0 = [theta_10]`), or of an entry; holding one name, at the
    /// start of a bold vector's alias (`bb(x) = [x]`); elsewhere it is reported as
    /// a forgotten activation.
    pub(crate) fn square(&mut self, symbols: &mut SymbolTable) -> PResult<Expr> {
        let open = self.peek();
        let (close, listed) = self.scan_bracket(self.pos);
        if let Tok::Open(Delim::Matrix(env)) = self.peek_at(1).tok {
            if self.scan_bracket(self.pos + 1).0 + 1 == close {
                self.pos += 1;
                let inner = self.nested(open.span(), |p| p.environment_matrix(symbols, env))?;
                let close = self.expect(Tok::Close(Delim::Square), open)?;
                return Ok(Expr::new(inner.kind, open.span().to(close.span())));
            }
        }
        let rows_inside = self.peek_at(1).tok == Tok::Open(Delim::Square);
        let alias = self.alias_at == Some(self.pos);
        if listed || rows_inside || alias || self.bare_matrix_at == Some(self.pos) {
            let separators = Separators {
                entry: Tok::Sep(Sep::Comma),
                row: Tok::Sep(Sep::Semicolon),
                close: Tok::Close(Delim::Square),
                expected: "`,`, `;` or `]`",
            };
            let matrix = self.matrix(symbols, MatrixSpelling::Brackets, &separators)?;
            if !alias || listed || rows_inside || one_name(&matrix) {
                return Ok(matrix);
            }
        }
        let diag = Diagnostic::error(
            "parse",
            "square brackets belong to an activation",
            open.span(),
        )
        .with_label("expected `a` or `ReLU` before `[`")
        .with_help(
            "write `a[…]` for the activation, `( … )` to group, or `[a, b; c, d]` for a matrix",
        );
        self.report(diag)
    }

    /// Parses the rows of a matrix after its opening token, up to and
    /// including its closing one.
    fn matrix(
        &mut self,
        symbols: &mut SymbolTable,
        spelling: MatrixSpelling,
        separators: &Separators,
    ) -> PResult<Expr> {
        let open = self.next();
        if self.peek().tok == separators.close {
            let span = open.span().to(self.peek().span());
            let diag = Diagnostic::error("parse", "empty matrix", span)
                .with_label("expected entries inside")
                .with_help("write the entries with `&` between them and `\\\\` between rows");
            return self.report(diag);
        }
        let rows = self.nested(open.span(), |p| p.rows(symbols, separators))?;
        let close = self.expect(separators.close, open)?;
        let rows = match spelling {
            MatrixSpelling::Brackets => bracketed_rows(rows),
            _ => rows,
        };
        rectangular(self, &rows)?;
        let kind = ExprKind::Matrix { spelling, rows };
        Ok(Expr::new(kind, open.span().to(close.span())))
    }

    /// Parses entries and rows up to the closing token, which it leaves.
    fn rows(&mut self, symbols: &mut SymbolTable, s: &Separators) -> PResult<Vec<Vec<Expr>>> {
        let mut rows = vec![Vec::new()];
        loop {
            self.bare_matrix_at = Some(self.pos);
            let entry = self.sum(symbols)?;
            if let Some(row) = rows.last_mut() {
                row.push(entry);
            }
            let t = self.peek().tok;
            if t == s.entry {
                self.pos += 1;
            } else if t == s.row {
                self.pos += 1;
                if self.peek().tok == s.close {
                    return Ok(rows);
                }
                rows.push(Vec::new());
            } else if t == s.close {
                return Ok(rows);
            } else {
                return self.unexpected(s.expected);
            }
        }
    }

    /// The index of the token that closes the bracket opened at `open`, and
    /// whether a `,` or `;` stands directly inside it. Without a match (only
    /// possible when brackets were not checked), the end of the input.
    fn scan_bracket(&self, open: usize) -> (usize, bool) {
        let mut depth = 0usize;
        let mut listed = false;
        for (i, t) in self.tokens.iter().enumerate().skip(open) {
            match t.tok {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) if depth == 1 => return (i, listed),
                Tok::Close(_) => depth = depth.saturating_sub(1),
                Tok::Sep(Sep::Comma | Sep::Semicolon) if depth == 1 => listed = true,
                Tok::End => return (i, listed),
                _ => {}
            }
        }
        (self.tokens.len().saturating_sub(1), listed)
    }
}

/// The rows of `[[a, b], [c, d]]` (or `[[a, b]; [c, d]]`): when every
/// entry is a one-row bracket and they stand in one row or one column, each
/// is a row; otherwise the rows as written.
fn bracketed_rows(rows: Vec<Vec<Expr>>) -> Vec<Vec<Expr>> {
    let one_row = |e: &Expr| matches!(&e.kind, ExprKind::Matrix { spelling: MatrixSpelling::Brackets, rows } if rows.len() == 1);
    let line = rows.len() == 1 || rows.iter().all(|r| r.len() == 1);
    if !line || !rows.iter().flatten().all(one_row) {
        return rows;
    }
    rows.into_iter()
        .flatten()
        .filter_map(|e| match e.kind {
            ExprKind::Matrix { mut rows, .. } => rows.pop(),
            _ => None,
        })
        .collect()
}

/// Whether a matrix is `[name]`: one entry, a symbol.
fn one_name(matrix: &Expr) -> bool {
    matches!(&matrix.kind, ExprKind::Matrix { rows, .. }
        if matches!(rows.as_slice(), [row] if matches!(row.as_slice(), [e] if matches!(e.kind, ExprKind::Symbol { .. }))))
}

/// Reports the first row whose number of entries differs from the first
/// row's.
fn rectangular(parser: &mut Parser, rows: &[Vec<Expr>]) -> PResult<()> {
    let width = rows[0].len();
    let Some((i, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != width) else {
        return Ok(());
    };
    let diag = Diagnostic::error(
        "parse",
        format!(
            "row {} of the matrix has {} but row 1 has {}",
            i + 1,
            entries(row.len()),
            entries(width)
        ),
        row_span(row),
    )
    .with_label(format!("{} here", entries(row.len())))
    .with_secondary(row_span(&rows[0]), format!("{} here", entries(width)))
    .with_help("every row of a matrix needs the same number of entries");
    parser.report(diag)
}

/// `1 entry`, `3 entries`.
fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{n} entries")
    }
}

/// The span from a row's first entry to its last.
fn row_span(row: &[Expr]) -> Span {
    match (row.first(), row.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => Span::default(),
    }
}
