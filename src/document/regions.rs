//! Finding the math in a document: Markdown, LaTeX, plain text or JSON.
//!
//! Markdown and LaTeX put math between `$…$`, `$$…$$`, `\[…\]`, `\(…\)` or
//! in an equation environment (`equation`, `align`, `gather`, …, starred or
//! not). Markdown code (fenced blocks and `inline code`) and LaTeX `%`
//! comments are prose. A file with none of these delimiters is plain slide
//! text: every line may be math. A JSON network (as `convert --format json`
//! writes it) has its equations in the strings of its `equations` array.
//!
//! Outside math, `\begin`/`\end` must balance; an unclosed `$` is reported.
//! A damaged `egin{align*}` (a `\begin` that lost `\b`) still opens the
//! environment, and is reported as damage.

use super::damage::{self, Damage};
use super::Finding;
use crate::diagnostic::Diagnostic;
use crate::syntax::Span;
use std::ops::Range;

/// Environments that make display math on their own.
const MATH_ENVIRONMENTS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
];

/// One stretch of math in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The opening delimiter (`$`, `\begin{align*}`); empty in plain text.
    pub open: Range<usize>,
    /// The math itself.
    pub content: Range<usize>,
    /// The closing delimiter; empty in plain text.
    pub close: Range<usize>,
    /// Whether the author marked it as math (plain text lines are guesses).
    pub delimited: bool,
}

/// What a document holds.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// The math, in document order.
    pub regions: Vec<Region>,
    /// Damaged `\begin`/`\end` commands met while scanning.
    pub damage: Vec<Damage>,
    /// Unbalanced delimiters and environments.
    pub findings: Vec<Finding>,
    /// Replace these closing quotes of JSON strings with `;`.
    pub separators: Vec<usize>,
    /// Where sections start: a slide (`\\begin{frame}`), a `\\section`, a
    /// Markdown heading or a `---` slide break.
    pub sections: Vec<usize>,
}

/// Finds the math in `source`.
pub fn scan(source: &str) -> Scan {
    if let Some(scan) = json(source) {
        return scan;
    }
    let mut scanner = Scanner {
        src: source,
        pos: 0,
        // The kind of document only says how `%`, backticks and fences
        // read: without any, it is not looked for (six passes over a large
        // file of math).
        latex: memchr::memchr3(b'%', b'`', b'~', source.as_bytes()).is_some() && is_latex(source),
        stack: Vec::new(),
        raw_close: None,
        out: Scan::default(),
    };
    scanner.run();
    scanner.out.sections = sections(source);
    if scanner.out.regions.is_empty() && !has_delimiters(source) {
        scanner.out.regions.push(Region {
            open: 0..0,
            content: 0..source.len(),
            close: source.len()..source.len(),
            delimited: false,
        });
    }
    scanner.out
}

/// Whether `%` starts a comment: the document looks like LaTeX.
fn is_latex(source: &str) -> bool {
    let has = |needle: &str| memchr::memmem::find(source.as_bytes(), needle.as_bytes()).is_some();
    [
        "\\documentclass",
        "\\begin{document}",
        "\\begin{frame}",
        "\\section",
    ]
    .iter()
    .any(|m| has(m))
        || (!has("```") && (source.starts_with('%') || has("\n%")))
}

/// Whether the document has any math delimiter at all.
fn has_delimiters(source: &str) -> bool {
    source.contains('$') || source.contains("\\[") || source.contains("\\(")
}

/// The regions of a JSON network: the strings of its `equations` array.
fn json(source: &str) -> Option<Scan> {
    if !source.trim_start().starts_with('{') {
        return None;
    }
    let key = source.find("\"equations\"")?;
    let open = key + source[key..].find('[')?;
    let close = open + source[open..].find(']')?;
    let mut scan = Scan::default();
    let mut at = open + 1;
    while let Some(q) = source[at..close].find('"') {
        let start = at + q + 1;
        let end = start + source[start..close].find('"')?;
        scan.regions.push(Region {
            open: start..start,
            content: start..end,
            close: end..end + 1,
            delimited: true,
        });
        scan.separators.push(end);
        at = end + 1;
    }
    Some(scan)
}

/// One pass over a Markdown or LaTeX document.
struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    /// `%` starts a comment.
    latex: bool,
    /// Open non-math environments: name and the `\begin{…}` span.
    stack: Vec<(String, Range<usize>)>,
    /// Where the closing fence of the raw LaTeX block being read starts.
    raw_close: Option<usize>,
    out: Scan,
}

impl Scanner<'_> {
    fn run(&mut self) {
        while self.pos < self.src.len() {
            self.step();
        }
        for (name, range) in std::mem::take(&mut self.stack) {
            self.error(
                "environment",
                format!("`\\begin{{{name}}}` is never closed"),
                range,
                "opened here",
            );
        }
    }

    fn step(&mut self) {
        let bytes = self.src.as_bytes();
        let i = self.pos;
        let at_line_start = i == 0 || bytes[i - 1] == b'\n';
        let rest = &self.src[i..];
        match bytes[i] {
            _ if at_line_start && !self.latex && is_fence(rest) => self.skip_fence(),
            b'`' if !self.latex => self.skip_code(),
            b'%' if self.latex => self.pos = self.line_end(i),
            b'$' => self.dollar(),
            b'\\' => self.backslash(),
            b if b.is_ascii_alphabetic() => self.word(),
            // The next line's start may open a fence.
            b'\n' => self.pos += 1,
            // Up to the next byte that can matter, at once: prose is most of
            // a document.
            _ => self.pos = prose(bytes, i + 1),
        }
    }

    fn line_end(&self, from: usize) -> usize {
        self.src[from..]
            .find('\n')
            .map_or(self.src.len(), |n| from + n)
    }

    /// Skips a fenced code block: from a line starting with three backticks
    /// or tildes to the next such line.
    fn skip_fence(&mut self) {
        if self.raw_close == Some(self.pos) {
            self.raw_close = None;
            self.pos = self.line_end(self.pos);
            return;
        }
        let indent =
            self.src[self.pos..].len() - self.src[self.pos..].trim_start_matches(' ').len();
        let fence = &self.src[self.pos + indent..self.pos + indent + 3];
        let body = self.line_end(self.pos);
        let info = self.src[self.pos + indent + 3..body].trim();
        // The closing fence may be indented up to three spaces, as the
        // opening one (a fence inside a YAML list item of the front matter).
        let close = self.src[body..].match_indices(fence).find(|(n, _)| {
            let before = &self.src[body..body + n];
            let lead = before.len() - before.trim_end_matches(' ').len();
            lead <= 3 && before[..before.len() - lead].ends_with('\n')
        });
        // A Pandoc raw LaTeX block (```` ```{=latex} ````) is LaTeX, read
        // as the rest of the document is; only its fences are skipped.
        if info == "{=latex}" || info == "{=tex}" {
            if let Some((n, _)) = close {
                let line = self.src[..body + n].rfind('\n').map_or(0, |l| l + 1);
                self.raw_close = Some(line);
                self.pos = body;
                return;
            }
        }
        self.pos = close.map_or(self.src.len(), |(n, _)| self.line_end(body + n));
    }

    /// Skips `inline code`.
    fn skip_code(&mut self) {
        let run = self.src[self.pos..]
            .bytes()
            .take_while(|&b| b == b'`')
            .count();
        let ticks = &self.src[self.pos..self.pos + run];
        let after = self.pos + run;
        self.pos = self.src[after..]
            .find(ticks)
            .map_or(after, |n| after + n + run);
    }

    /// `$…$` or `$$…$$`.
    fn dollar(&mut self) {
        let i = self.pos;
        let width = if self.src[i..].starts_with("$$") {
            2
        } else {
            1
        };
        let delim = &self.src[i..i + width];
        let from = i + width;
        match find_unescaped(self.src, from, delim) {
            Some(end) => self.region(i..from, end..end + width),
            None => {
                self.error(
                    "delimiter",
                    format!("`{delim}` is never closed"),
                    i..from,
                    "math opened here",
                );
                // The rest of the document is read as the math it opened.
                let end = self.src.len();
                self.region(i..from, end..end);
            }
        }
    }

    /// Adds a region and moves past it.
    fn region(&mut self, open: Range<usize>, close: Range<usize>) {
        self.pos = close.end;
        self.out.regions.push(Region {
            content: open.end..close.start,
            open,
            close,
            delimited: true,
        });
    }

    fn backslash(&mut self) {
        let i = self.pos;
        let next = self.src.as_bytes().get(i + 1).copied();
        let (close, width) = match next {
            Some(b'[') => ("\\]", 2),
            Some(b'(') => ("\\)", 2),
            Some(b) if b.is_ascii_alphabetic() => {
                let run = self.src[i + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_alphabetic)
                    .count();
                let name = &self.src[i + 1..i + 1 + run];
                if name == "begin" || name == "end" {
                    return self.environment(i, i + 1 + run, name == "begin");
                }
                self.pos = i + 1 + run;
                return;
            }
            _ => {
                self.pos = i + 1 + self.src[i + 1..].chars().next().map_or(0, char::len_utf8);
                return;
            }
        };
        match self.src[i + width..].find(close) {
            Some(n) => self.region(i..i + width, i + width + n..i + width + n + 2),
            None => {
                self.error(
                    "delimiter",
                    format!("`{}` is never closed", &self.src[i..i + width]),
                    i..i + width,
                    "math opened here",
                );
                self.pos = self.src.len();
            }
        }
    }

    /// A word in prose: a damaged `egin{…}` or `nd{…}` still counts.
    fn word(&mut self) {
        let i = self.pos;
        let run = self.src[i..]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let before = i.checked_sub(1).map(|p| self.src.as_bytes()[p]);
        let word = &self.src[i..i + run];
        let loose = before.is_none_or(|b| !b.is_ascii_alphabetic() && b != b'\\');
        if loose && (word == "egin" || word == "nd") {
            if let Some(d) = damage::damaged(self.src, i, i + run) {
                let start = d.range.start;
                self.out.damage.push(d);
                return self.environment(start, i + run, word == "egin");
            }
        }
        self.pos = i + run;
    }

    /// `\begin{name}` or `\end{name}` whose command spans `start..end`.
    fn environment(&mut self, start: usize, end: usize, begin: bool) {
        let Some((name, after)) = braced_name(self.src, end) else {
            self.pos = end;
            return;
        };
        self.pos = after;
        let name = name.to_string();
        if !begin {
            return self.close_environment(&name, start..after);
        }
        if !MATH_ENVIRONMENTS.contains(&name.as_str()) {
            self.stack.push((name, start..after));
            return;
        }
        match find_end(self.src, after, &name) {
            Some((close, damage)) => {
                self.out.damage.extend(damage);
                self.region(start..after, close);
            }
            None => {
                self.error(
                    "environment",
                    format!("`\\begin{{{name}}}` is never closed"),
                    start..after,
                    "opened here",
                );
                self.region(start..after, self.src.len()..self.src.len());
            }
        }
    }

    /// Closes an environment; one closed out of order closes those opened
    /// inside it, each reported as not closed.
    fn close_environment(&mut self, name: &str, range: Range<usize>) {
        let Some(depth) = self.stack.iter().rposition(|(open, _)| open == name) else {
            return self.error(
                "environment",
                format!("`\\end{{{name}}}` without `\\begin{{{name}}}`"),
                range,
                "nothing to close",
            );
        };
        for (open, open_range) in self.stack.split_off(depth + 1).into_iter().rev() {
            let d = Diagnostic::error(
                "environment",
                format!("`\\begin{{{open}}}` is not closed before `\\end{{{name}}}`"),
                Span::new(range.start, range.end),
            )
            .with_label(format!("expected `\\end{{{open}}}` before this"))
            .with_secondary(Span::new(open_range.start, open_range.end), "opened here");
            self.out
                .findings
                .push(Finding::new(d).with_fix(format!("\\end{{{open}}}")));
        }
        self.stack.pop();
    }

    fn error(&mut self, code: &'static str, message: String, range: Range<usize>, label: &str) {
        let d =
            Diagnostic::error(code, message, Span::new(range.start, range.end)).with_label(label);
        self.out.findings.push(Finding::new(d));
    }
}

/// The offset of the next byte from `from` that can matter to the scan: a
/// `` ` ``, `%`, `$`, `\\` or line break, or a word `egin` or `nd` (the
/// damaged `\begin` and `\end`). Other words are passed whole.
fn prose(bytes: &[u8], from: usize) -> usize {
    /// 1 for the bytes that stop the scan, 2 for ASCII letters.
    const KIND: [u8; 256] = {
        let mut kind = [0; 256];
        let mut b = 0;
        while b < 256 {
            kind[b] = match b as u8 {
                b'`' | b'%' | b'$' | b'\\' | b'\n' => 1,
                b'a'..=b'z' | b'A'..=b'Z' => 2,
                _ => 0,
            };
            b += 1;
        }
        kind
    };
    let mut i = from;
    while i < bytes.len() {
        match KIND[bytes[i] as usize] {
            0 => i += 1,
            1 => return i,
            _ => {
                let run = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                if matches!(&bytes[i..i + run], b"egin" | b"nd") {
                    return i;
                }
                i += run;
            }
        }
    }
    bytes.len()
}

/// Whether a line starts a Markdown code fence.
fn is_fence(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
}

/// The next `delim` at or after `from` that is not escaped by `\`.
fn find_unescaped(src: &str, from: usize, delim: &str) -> Option<usize> {
    let mut at = from;
    while let Some(n) = src[at..].find(delim) {
        let found = at + n;
        if found == 0 || src.as_bytes()[found - 1] != b'\\' {
            return Some(found);
        }
        at = found + delim.len();
    }
    None
}

/// The `{name}` at `at`: the name and the offset after `}`.
fn braced_name(src: &str, at: usize) -> Option<(&str, usize)> {
    let rest = src[at..].strip_prefix('{')?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'*')
        .count();
    rest[len..]
        .starts_with('}')
        .then(|| (&rest[..len], at + len + 2))
}

/// The `\end{name}` closing an environment opened before `from`, or its
/// damaged spelling `nd{name}`.
fn find_end(src: &str, from: usize, name: &str) -> Option<(Range<usize>, Option<Damage>)> {
    let needle = format!("nd{{{name}}}");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut at = from;
    while let Some(n) = finder.find(&src.as_bytes()[at..]) {
        let found = at + n;
        let end = found + needle.len();
        if src[..found].ends_with("\\e") {
            return Some((found - 2..end, None));
        }
        let before = found.checked_sub(1).map(|p| src.as_bytes()[p]);
        if before.is_none_or(|b| !b.is_ascii_alphabetic()) {
            let d = damage::damaged(src, found, found + 2)?;
            return Some((d.range.start..end, Some(d)));
        }
        at = end;
    }
    None
}

/// Where sections start (document offsets, sorted).
fn sections(source: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|n| n + 1));
    starts
        .filter(|&at| at < bytes.len())
        .filter(|&at| {
            // A line whose first byte after ASCII spacing is any other
            // printable ASCII byte, or a line break, starts no section:
            // trimming stops there.
            let lead = bytes[at..]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0B' | b'\x0C'))
                .count();
            let first = bytes.get(at + lead).copied().unwrap_or(b'\n');
            let other = first.is_ascii_graphic() && !matches!(first, b'#' | b'-' | b'\\');
            if other || first == b'\n' {
                return false;
            }
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
            section_line(&source[at..end])
        })
        .collect()
}

/// Whether a line starts a section: a Markdown heading or slide break, a
/// `\section`, `\subsection` or `\begin{frame}`.
fn section_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('#')
        || t == "---"
        || t.starts_with("\\section")
        || t.starts_with("\\subsection")
        || t.starts_with("\\begin{frame}")
}
