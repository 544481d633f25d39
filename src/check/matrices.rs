//! Matrices written entry by entry (`\begin{bmatrix} … \end{bmatrix}`): a
//! repeated entry (`ψ_32 & ψ_32 & ψ_33`, `[h'_1; h'_2; h'_2]`) and an entry
//! that breaks the matrix's own row/column pattern are errors.
//!
//! The pattern is the book's: entry (i, j) of a weight matrix is ψ_ij, a
//! column vector's i-th entry has first index i (θ_i0, θ_i1, h_i), a row
//! vector's j-th entry has last index j (φ_j). A pattern counts when most
//! entries follow it, so the one entry that does not is the one reported.
//! Whether the entries agree with the scalar equations of the same document
//! is checked by lowering (a vector equation restates its units).

use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, Symbol};
use crate::syntax::{parse_symbol, Span};

/// One entry of a matrix: its symbol, where, and its position.
struct Entry {
    symbol: Symbol,
    span: Span,
    row: usize,
    column: usize,
}

/// Checks every `bmatrix`, `pmatrix` and `matrix` environment in `source`.
pub(super) fn check(source: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = source[from..].find("\\begin{").map(|i| from + i) {
        let name_end = source[at + 7..]
            .find('}')
            .map_or(source.len(), |i| at + 7 + i);
        let name = &source[at + 7..name_end];
        from = name_end.min(source.len());
        if !matches!(name, "bmatrix" | "pmatrix" | "matrix" | "smallmatrix") {
            continue;
        }
        let end_tag = format!("\\end{{{name}}}");
        let Some(end) = source[from..].find(&end_tag).map(|i| from + i) else {
            continue;
        };
        let body_start = name_end + 1;
        out.extend(matrix(source, body_start, end));
        from = end;
    }
    out
}

/// The findings of one matrix whose body is `source[start..end]`.
fn matrix(source: &str, start: usize, end: usize) -> Vec<Finding> {
    let entries = entries(source, start, end);
    let rows = entries.iter().map(|e| e.row + 1).max().unwrap_or(0);
    let columns = entries.iter().map(|e| e.column + 1).max().unwrap_or(0);
    let mut out = pattern(&entries, rows, columns);
    out.extend(entries.iter().filter_map(|e| bold_entry(source, e)));
    let reported: Vec<Span> = out.iter().filter_map(|f| f.diagnostic.span).collect();
    out.extend(
        repeated(&entries)
            .into_iter()
            .filter(|f| f.diagnostic.span.is_none_or(|s| !reported.contains(&s))),
    );
    out
}

/// The entries that are single symbols, with their spans.
fn entries(source: &str, start: usize, end: usize) -> Vec<Entry> {
    let mut found = Vec::new();
    let body = &source[start..end];
    let mut offset = start;
    for (row, line) in body.split("\\\\").enumerate() {
        let mut cell_offset = offset;
        for (column, cell) in line.split('&').enumerate() {
            let trimmed = cell.trim();
            if let Ok(symbol) = parse_symbol(trimmed) {
                let lead = cell.len() - cell.trim_start().len();
                let s = cell_offset + lead;
                found.push(Entry {
                    symbol,
                    span: Span::new(s, s + trimmed.len()),
                    row,
                    column,
                });
            }
            cell_offset += cell.len() + 1;
        }
        offset += line.len() + 2;
    }
    found
}

/// The bold commands an entry may be wrapped in by mistake.
const BOLD: &[&str] = &["\\boldsymbol", "\\mathbf", "\\bm", "\\pmb"];

/// An entry of a matrix of scalars written in bold
/// (`\begin{bmatrix}\boldsymbol{\theta}_{10} \\ …`): the reader takes it
/// as the scalar, but the page shows a vector. A warning, with the entry
/// unbolded as the fix.
fn bold_entry(source: &str, e: &Entry) -> Option<Finding> {
    let text = source.get(e.span.start as usize..e.span.end as usize)?;
    let command = BOLD.iter().find(|b| {
        text.strip_prefix(**b)
            .is_some_and(|r| r.starts_with(['{', '\\', ' ']))
    })?;
    let rest = text[command.len()..].trim_start();
    let (inner, after) = if let Some(braced) = rest.strip_prefix('{') {
        let close = braced.find('}')?;
        (&braced[..close], &braced[close + 1..])
    } else if let Some(cmd) = rest.strip_prefix('\\') {
        let n = 1 + cmd.bytes().take_while(u8::is_ascii_alphabetic).count();
        (&rest[..n], &rest[n..])
    } else {
        return None;
    };
    let fixed = format!("{}{}", inner.trim(), after);
    Some(
        Finding::new(
            Diagnostic::warning(
                "bold-entry",
                format!("the entry `{text}` of this matrix is written in bold"),
                e.span,
            )
            .with_label(format!("expected `{fixed}`"))
            .with_help("the entries of a vector or matrix are scalars: bold names the whole vector or matrix"),
        )
        .with_fix(fixed),
    )
}

/// A symbol written twice in one matrix.
fn repeated(entries: &[Entry]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, e) in entries.iter().enumerate() {
        if let Some(first) = entries[..k].iter().find(|f| f.symbol == e.symbol) {
            out.push(Finding::new(
                Diagnostic::error("matrix-repeated", format!("`{}` appears twice in this matrix", e.symbol), e.span)
                    .with_label("repeated entry")
                    .with_secondary(first.span, "first here")
                    .with_help("each entry of a weight matrix or a vector of units names a different parameter or unit"),
            ));
        }
    }
    out
}

/// The index a position expects at `slot` of a symbol's indices, for the
/// book's pattern, or `None` when the shape does not fix it.
fn expected(e: &Entry, slot: usize, n_indices: usize, rows: usize, columns: usize) -> Option<u32> {
    let (row, column) = (e.row as u32 + 1, e.column as u32 + 1);
    match (n_indices, slot) {
        (1, 0) if columns == 1 => Some(row),
        (1, 0) if rows == 1 => Some(column),
        (2, 0) => Some(row),
        (2, 1) if columns > 1 => Some(column),
        _ => None,
    }
}

/// Entries that break the pattern most entries of the matrix follow.
fn pattern(entries: &[Entry], rows: usize, columns: usize) -> Vec<Finding> {
    let Some(first) = entries.first() else {
        return Vec::new();
    };
    let same_kind = |e: &Entry| {
        e.symbol.letter == first.symbol.letter
            && e.symbol.primes == first.symbol.primes
            && e.symbol.indices.len() == first.symbol.indices.len()
    };
    let is_per_digit = matches!(first.symbol.letter, Letter::Param(_) | Letter::Var(_));
    if entries.len() < 3
        || !entries.iter().all(same_kind)
        || !is_per_digit
        || first.symbol.indices.is_empty()
    {
        return Vec::new();
    }
    let n = first.symbol.indices.len();
    let mut out = Vec::new();
    for slot in 0..n {
        let fits = |e: &Entry| {
            expected(e, slot, n, rows, columns).is_none_or(|x| e.symbol.indices[slot] == x)
        };
        let good = entries.iter().filter(|e| fits(e)).count();
        if good * 2 <= entries.len() {
            continue;
        }
        for e in entries.iter().filter(|e| !fits(e)) {
            let mut fixed = e.symbol.clone();
            let mut indices = fixed.indices.to_vec();
            indices[slot] = expected(e, slot, n, rows, columns).unwrap_or(indices[slot]);
            fixed.indices = indices.into();
            out.push(
                Finding::new(
                    Diagnostic::error(
                        "matrix-pattern",
                        format!("`{}` in row {}, column {} breaks this matrix's pattern", e.symbol, e.row + 1, e.column + 1),
                        e.span,
                    )
                    .with_label(format!("expected `{fixed}`"))
                    .with_help("entry (i, j) of a weight matrix is ψ_ij; the i-th entry of a column vector has first index i"),
                )
                .with_fix(fixed.to_string()),
            );
        }
    }
    out
}
