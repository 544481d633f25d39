//! Mistakes in the text of the math that the parser reads past: rows run
//! together and sums that count the bias twice.
//!
//! - `lost-row-break`: a row of an alignment (`h_2 &= a[…]`) that does not
//!   end with `\\` while the next line starts another row; an entry of a
//!   column vector written one per line whose `\\` was lost; `\\theta`
//!   (a row break run into the next command, whose backslash it took).
//! - `sum-from-zero`: `φ_0 + \sum_{d=0}^{D} φ_d h_d`: the bias is written
//!   before the sum and the sum starts at 0, so the bias is counted twice
//!   (the book sums from 1).
//!
//! Only the math blocks are scanned (spans of the document), so prose is
//! never read; each rule works line by line, in time linear in the text.

use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::syntax::Span;

/// Commands whose backslash a lost row break takes (`\\theta` for
/// `\\ \theta`).
const COMMANDS: [&str; 16] = [
    "theta",
    "phi",
    "psi",
    "beta",
    "omega",
    "Omega",
    "Psi",
    "Phi",
    "Theta",
    "mathbf",
    "boldsymbol",
    "mbox",
    "mathrm",
    "text",
    "bm",
    "varphi",
];

/// The findings in the math of `source`; `math` are the blocks' spans.
pub fn check(source: &str, math: &[Span]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut lines = lines_in(source, math).peekable();
    while let Some((start, end)) = lines.next() {
        let line = &source[start..end];
        out.extend(run_into_command(line, start));
        out.extend(sum_from_zero(line, start));
        let next = lines
            .peek()
            .filter(|&&(s, _)| source[end..s].trim().is_empty())
            .map(|&(s, e)| &source[s..e]);
        if let Some(next) = next {
            out.extend(unbroken_row(line, next, start));
        }
    }
    out
}

/// The lines (start, end without the newline) that overlap a math block,
/// each once, in order (a line is taken only after the lines before it),
/// found as they are read rather than gathered: a large document has a
/// line per term.
fn lines_in<'a>(source: &'a str, math: &'a [Span]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut last: Option<usize> = None;
    math.iter()
        .flat_map(move |block| block_lines(source, *block))
        .filter(move |&(at, _)| {
            let new = last.is_none_or(|s| s < at);
            if new {
                last = Some(at);
            }
            new
        })
}

/// The lines of `source` from the one `block` starts in to the one it ends
/// in.
fn block_lines(source: &str, block: Span) -> impl Iterator<Item = (usize, usize)> + '_ {
    let (from, to) = (
        (block.start as usize).min(source.len()),
        (block.end as usize).min(source.len()),
    );
    let mut at = source[..from].rfind('\n').map_or(0, |n| n + 1);
    std::iter::from_fn(move || {
        if at > to || at >= source.len() {
            return None;
        }
        let end = source[at..].find('\n').map_or(source.len(), |n| at + n);
        let line = (at, end);
        at = end + 1;
        Some(line)
    })
}

/// A line's content without a trailing comment, `\nonumber`, `\notag`,
/// `\label{…}` and spaces.
fn content(line: &str) -> &str {
    let mut t = line;
    if let Some(p) = t.find('%').filter(|&p| p == 0 || !t[..p].ends_with('\\')) {
        t = &t[..p];
    }
    loop {
        let before = t;
        t = t.trim_end();
        for tail in ["\\nonumber", "\\notag"] {
            t = t.strip_suffix(tail).unwrap_or(t);
        }
        if t.ends_with('}') {
            if let Some(p) = t.rfind("\\label{") {
                t = &t[..p];
            }
        }
        if t.len() == before.len() {
            return t;
        }
    }
}

/// Whether a line starts a row of an alignment: a left side, then `&=`.
fn starts_row(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['&', '+', '-', '=', '\\']) && !t.starts_with("\\mathbf") {
        return false;
    }
    t.find("&=").is_some_and(|p| {
        let lhs = t[..p].trim();
        !lhs.is_empty() && !lhs.contains(['=', '$'])
    })
}

/// One entry of a column vector on its own line: `\theta_{20}`.
fn lone_entry(line: &str) -> bool {
    let t = content(line).trim();
    !t.is_empty()
        && !t.contains(['&', '=', '$', '[', ']'])
        && !t.contains("\\begin")
        && !t.contains("\\end")
        && !t.contains("\\\\")
        && t.starts_with('\\')
        && t.contains('_')
}

fn unbroken_row(line: &str, next: &str, start: usize) -> Option<Finding> {
    let body = content(line);
    if body.trim_end().ends_with("\\\\") {
        return None;
    }
    let rows = starts_row(line) && starts_row(next);
    let entries = lone_entry(line) && lone_entry(next);
    if !rows && !entries {
        return None;
    }
    let end = start + body.trim_end().len();
    let last = body.trim_end().chars().last().map_or(0, char::len_utf8);
    let d = Diagnostic::error(
        "lost-row-break",
        "this row does not end with `\\\\`: the next row runs into it",
        Span::new(end - last, end),
    )
    .with_label("`\\\\` missing after this")
    .with_help("end the row with `\\\\`");
    Some(Finding::new(d).with_fix(format!("{} \\\\", body.trim())))
}

fn run_into_command(line: &str, start: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices("\\\\") {
        if line[..at].ends_with('\\') {
            continue;
        }
        let rest = &line[at + 2..];
        let Some(command) = COMMANDS.iter().find(|c| {
            rest.starts_with(**c)
                && !rest[c.len()..].starts_with(|ch: char| ch.is_ascii_alphabetic())
        }) else {
            continue;
        };
        let span = Span::new(start + at, start + at + 2 + command.len());
        let d = Diagnostic::error(
            "lost-row-break",
            format!("`\\\\{command}` is a row break run into `\\{command}`: LaTeX reads the word `{command}`"),
            span,
        )
        .with_label("a row break that took the command's backslash")
        .with_help(format!("write `\\\\ \\{command}`"));
        let fixed = format!("{}\\\\ \\{}", &line[..at], &line[at + 2..]);
        out.push(Finding::new(d).with_fix(fixed.trim().to_string()));
    }
    out
}

fn sum_from_zero(line: &str, start: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices("\\sum") {
        let mut rest = &line[at + 4..];
        for limits in ["\\limits", "\\nolimits"] {
            rest = rest.strip_prefix(limits).unwrap_or(rest);
        }
        let Some(sub) = rest.trim_start().strip_prefix('_') else {
            continue;
        };
        let sub = sub.trim_start();
        let body = match sub.strip_prefix('{') {
            Some(b) => b.split('}').next().unwrap_or_default(),
            None => continue,
        };
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(index) = compact.strip_suffix("=0") else {
            continue;
        };
        if index.len() != 1 || !index.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        // The bias before the sum, on the same side: a subscript ending in 0.
        let side = &line[..at];
        let side = &side[side.rfind('=').map_or(0, |p| p + 1)..];
        if !has_bias(side) {
            continue;
        }
        let zero = at + line[at..].find("=0").unwrap_or(0);
        let eq0 = line[at..].find('=').map_or(zero, |p| at + p);
        let digit = line[eq0..].find('0').map_or(eq0, |p| eq0 + p);
        let span = Span::new(start + at, start + digit + 1);
        let d = Diagnostic::error(
            "sum-from-zero",
            "the sum starts at 0 and the bias is written before it: the bias is counted twice",
            span,
        )
        .with_label("starts at 0")
        .with_help("start the sum at 1, as the book does");
        let fixed = format!("{}1{}", &line[..digit], &line[digit + 1..]);
        out.push(Finding::new(d).with_fix(fixed.trim().to_string()));
    }
    out
}

/// Whether `side` holds a bias: a parameter whose subscript ends in 0
/// (`\phi_0`, `\phi_{0}`, `\theta_{d0}`, `\phi_{j0}`).
fn has_bias(side: &str) -> bool {
    side.match_indices('_').any(|(p, _)| {
        let after = &side[p + 1..];
        let body = match after.strip_prefix('{') {
            Some(b) => b.split('}').next().unwrap_or_default(),
            None => after.get(..1).unwrap_or_default(),
        };
        body.ends_with('0') && body.len() <= 3
    })
}
