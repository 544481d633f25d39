//! The two-dimensional matrices of netform's Unicode output, read back.
//!
//! The terminal form draws a matrix over several lines with `⎡ ⎢ ⎣` and
//! `⎤ ⎥ ⎦`, its entries in columns two spaces apart, and the rest of the
//! equation on the line of its `=` (the baseline):
//!
//! ```text
//!      ⎡θ₁₀⎤
//! 𝛃₀ = ⎢θ₂₀⎥
//!      ⎣θ₃₀⎦
//! ```
//!
//! Every bracket crosses the baseline, so walking the baseline finds each
//! bracket once: a bracket that holds other brackets is a grouping
//! (`𝐚⎡…⎤` is `𝐚[…]`), one that holds none is a matrix, written in the
//! one-line form netform reads (`[θ₁₀; θ₂₀; θ₃₀]`, `[[φ₁₁, φ₁₂], …]`). A
//! one-line row `[φ′₁  φ′₂  φ′₃]` is a matrix too.

use std::ops::Range;

const LEFT: [char; 3] = ['⎡', '⎢', '⎣'];
const RIGHT: [char; 3] = ['⎤', '⎥', '⎦'];
const BRACKETS: [char; 6] = ['⎡', '⎢', '⎣', '⎤', '⎥', '⎦'];

/// The drawings in `source[content]`: each block's byte range (whole lines)
/// and its one-line rewriting.
pub(crate) fn find(source: &str, content: Range<usize>) -> Vec<(Range<usize>, String)> {
    let text = &source[content.clone()];
    if !drawn(text, &LEFT) && memchr::memmem::find(text.as_bytes(), b"  ").is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    let ends = memchr::memchr_iter(b'\n', bytes).map(|n| n + 1);
    let mut from = 0;
    // The lines with their breaks, as `split_inclusive` gives them.
    for end in ends.chain(Some(text.len())) {
        if end == from {
            break;
        }
        let line = &text[from..end];
        let at = content.start + from;
        from = end;
        let body = at..at + line.trim_end_matches(['\n', '\r']).len();
        if drawn(line, &BRACKETS) {
            block.push(body);
            continue;
        }
        flush(source, &mut block, &mut out);
        if let Some(row) = one_line_row(&source[body.clone()]) {
            out.push((body, row));
        }
    }
    flush(source, &mut block, &mut out);
    out
}

/// Whether `text` holds one of `brackets`, all of which are encoded as
/// `E2 8E xx`: the search looks for the rare byte `8E`, not for characters.
fn drawn(text: &str, brackets: &[char]) -> bool {
    let bytes = text.as_bytes();
    let last = |c: &char| {
        let mut buf = [0; 4];
        c.encode_utf8(&mut buf);
        buf[2]
    };
    memchr::memchr_iter(0x8E, bytes).any(|i| {
        i > 0
            && bytes[i - 1] == 0xE2
            && bytes
                .get(i + 1)
                .is_some_and(|&b| brackets.iter().any(|c| last(c) == b))
    })
}

/// Rewrites the block of lines collected so far, if it is a drawing.
fn flush(source: &str, block: &mut Vec<Range<usize>>, out: &mut Vec<(Range<usize>, String)>) {
    if block.is_empty() {
        return;
    }
    let lines: Vec<&str> = block.iter().map(|r| &source[r.clone()]).collect();
    if let Some(text) = linearize(&lines) {
        out.push((block[0].start..block[block.len() - 1].end, text));
    }
    block.clear();
}

/// The one-line form of a drawing, or `None` if the brackets do not pair.
fn linearize(lines: &[&str]) -> Option<String> {
    let grid: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let baseline = grid
        .iter()
        .position(|row| row.contains(&'='))
        .unwrap_or(grid.len() / 2);
    let walker = Walker { grid: &grid };
    let row = &grid[baseline];
    let text = walker.walk(baseline, 0, row.len())?;
    Some(text.trim_end().to_string())
}

/// Walks the baseline of a drawing.
struct Walker<'a> {
    grid: &'a [Vec<char>],
}

impl Walker<'_> {
    fn at(&self, row: usize, col: usize) -> char {
        self.grid
            .get(row)
            .and_then(|r| r.get(col))
            .copied()
            .unwrap_or(' ')
    }

    /// The text of the baseline between columns `from` and `to`.
    fn walk(&self, baseline: usize, from: usize, to: usize) -> Option<String> {
        let mut out = String::new();
        let mut col = from;
        while col < to {
            let c = self.at(baseline, col);
            if LEFT.contains(&c) {
                let close = self.matching(baseline, col, to)?;
                out.push_str(&self.bracket(baseline, col, close)?);
                col = close + 1;
            } else if let Some((row, next)) = self.row_vector(baseline, col, to) {
                out.push_str(&row);
                col = next;
            } else {
                out.push(c);
                col += 1;
            }
        }
        Some(out)
    }

    /// The column of the right bracket that closes the one at `col`.
    fn matching(&self, baseline: usize, col: usize, to: usize) -> Option<usize> {
        let mut depth = 0usize;
        for c in col..to {
            let ch = self.at(baseline, c);
            if LEFT.contains(&ch) {
                depth += 1;
            } else if RIGHT.contains(&ch) {
                depth -= 1;
                if depth == 0 {
                    return Some(c);
                }
            }
        }
        None
    }

    /// A one-line row `[φ₁  φ₂  φ₃]` starting at `col` of the baseline: its
    /// one-line form and the column after it.
    fn row_vector(&self, baseline: usize, col: usize, to: usize) -> Option<(String, usize)> {
        if self.at(baseline, col) != '[' {
            return None;
        }
        let close = (col + 1..to).find(|&c| self.at(baseline, c) == ']')?;
        let inside: String = (col + 1..close).map(|c| self.at(baseline, c)).collect();
        Some((row_vector(&inside)?, close + 1))
    }

    /// The rows a bracket at `col` spans: up to its `⎡`, down to its `⎣`.
    fn rows(&self, baseline: usize, col: usize) -> Option<(usize, usize)> {
        let mut top = baseline;
        while self.at(top, col) != '⎡' {
            if self.at(top, col) != '⎢' && self.at(top, col) != '⎣' || top == 0 {
                return None;
            }
            top -= 1;
        }
        let mut bottom = baseline;
        while self.at(bottom, col) != '⎣' {
            if !matches!(self.at(bottom, col), '⎢' | '⎡') || bottom + 1 >= self.grid.len() {
                return None;
            }
            bottom += 1;
        }
        Some((top, bottom))
    }

    /// A bracket: a grouping if it holds brackets, else a matrix.
    fn bracket(&self, baseline: usize, open: usize, close: usize) -> Option<String> {
        let (top, bottom) = self.rows(baseline, open)?;
        let holds_brackets =
            (top..=bottom).any(|r| (open + 1..close).any(|c| LEFT.contains(&self.at(r, c))));
        if holds_brackets {
            return Some(format!("[{}]", self.walk(baseline, open + 1, close)?));
        }
        let rows: Vec<Vec<String>> = (top..=bottom)
            .map(|r| {
                let text: String = (open + 1..close).map(|c| self.at(r, c)).collect();
                entries(&text)
            })
            .collect();
        Some(matrix(&rows))
    }
}

/// The entries of one drawn row: runs of text two or more spaces apart.
fn entries(row: &str) -> Vec<String> {
    row.split("  ")
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .collect()
}

/// A matrix in the one-line notation: `[a; b]` for a column, else
/// `[[a, b], [c, d]]`.
fn matrix(rows: &[Vec<String>]) -> String {
    if rows.iter().all(|r| r.len() == 1) {
        let column: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        return format!("[{}]", column.join("; "));
    }
    let rows: Vec<String> = rows.iter().map(|r| format!("[{}]", r.join(", "))).collect();
    format!("[{}]", rows.join(", "))
}

/// A line with one-line row vectors `[φ′₁  φ′₂  φ′₃]` (entries two spaces
/// apart, in an innermost bracket) in the one-line notation, or `None` when
/// it has none.
fn one_line_row(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len() + 8);
    let mut changed = false;
    let mut at = 0;
    while let Some(n) = memchr::memchr(b'[', &line.as_bytes()[at..]) {
        let open = at + n;
        let Some(m) = line[open + 1..].find(['[', ']']) else {
            break;
        };
        let close = open + 1 + m;
        if line.as_bytes()[close] == b'[' {
            out.push_str(&line[at..close]);
            at = close;
            continue;
        }
        out.push_str(&line[at..open]);
        match row_vector(&line[open + 1..close]) {
            Some(row) => {
                out.push_str(&row);
                changed = true;
            }
            None => out.push_str(&line[open..=close]),
        }
        at = close + 1;
    }
    out.push_str(&line[at..]);
    changed.then_some(out)
}

/// The inside of a bracket as a row vector `[[a, b, c]]`, when it holds two
/// or more entries two spaces apart and none is part of a sum.
fn row_vector(inside: &str) -> Option<String> {
    if !inside.contains("  ") || inside.contains('[') {
        return None;
    }
    let items = entries(inside);
    let operator = |e: &String| {
        e.starts_with(['+', '-', '=', '·', '−']) || e.ends_with(['+', '-', '=', '·', '−'])
    };
    if items.len() < 2 || items.iter().any(operator) {
        return None;
    }
    Some(format!("[[{}]]", items.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        find(text, 0..text.len())
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn a_column_vector() {
        let text = "     ⎡θ₁₀⎤\n𝛃₀ = ⎢θ₂₀⎥\n     ⎣θ₃₀⎦\n";
        assert_eq!(read(text), ["𝛃₀ = [θ₁₀; θ₂₀; θ₃₀]"]);
    }

    #[test]
    fn a_matrix_on_two_lines() {
        let text = "𝛀₁ = ⎡φ₁₁  φ₁₂⎤\n     ⎣φ₂₁  φ₂₂⎦";
        assert_eq!(read(text), ["𝛀₁ = [[φ₁₁, φ₁₂], [φ₂₁, φ₂₂]]"]);
    }

    #[test]
    fn nested_brackets_are_groupings() {
        let text = "⎡h₁⎤    ⎡⎡θ₁₀⎤   ⎡θ₁₁⎤ ⎤\n⎢h₂⎥ = 𝐚⎢⎢θ₂₀⎥ + ⎢θ₂₁⎥x⎥\n⎣h₃⎦    ⎣⎣θ₃₀⎦   ⎣θ₃₁⎦ ⎦";
        assert_eq!(
            read(text),
            ["[h₁; h₂; h₃] = 𝐚[[θ₁₀; θ₂₀; θ₃₀] + [θ₁₁; θ₂₁; θ₃₁]x]"]
        );
    }

    #[test]
    fn a_row_on_one_line() {
        assert_eq!(read("𝛗′ᵀ = [φ′₁  φ′₂  φ′₃]"), ["𝛗′ᵀ = [[φ′₁, φ′₂, φ′₃]]"]);
        assert!(read("h₁ = a[θ₁₀ + θ₁₁x]").is_empty());
    }
}
