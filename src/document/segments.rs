//! Splitting math into equations, and deciding what each piece is.
//!
//! A block of math is cut into pieces at line breaks, `\\` and
//! `\begin{…}`/`\end{…}` of the equation environments, but never inside a
//! bracket or a matrix environment (a `bmatrix` keeps its rows). A piece is
//! cut again at `\qquad`, `\quad`, `\hspace{…}` and arrows (`\longrightarrow`,
//! `\Rightarrow`, …) when what follows is another equation: slides put
//! equations side by side.
//!
//! Each part is then classified ([`classify`]): a network equation (its left
//! side is one name netform reads), the continuation of the one before
//! (`+ φ_3h_3`), notation about the network that is read past with a note
//! (the model `f[x, φ]`, a parameter set, a template `h_d = …`, the
//! activation's definition), or something else (prose, `K = 3`).

use std::ops::Range;

/// What one part of a block of math is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Nothing but spacing, `&` and comments.
    Empty,
    /// A network equation: `h_1 &= a[…]`.
    Equation,
    /// The rest of the previous equation: `+ φ_3h_3`.
    Continuation,
    /// A left side and the model's name, `y = f[x, φ]`: the start of an
    /// equation if the next line goes on with `= φ_0 + …`, else notation.
    Heading,
    /// Notation about the network, read past: why.
    Notation(String),
    /// Anything else: prose math, `K = 3`.
    Other,
}

/// The equation environments whose boundaries separate equations.
const EQUATION_ENVIRONMENTS: &[&str] = &[
    "align",
    "align*",
    "aligned",
    "alignat",
    "alignat*",
    "alignedat",
    "equation",
    "equation*",
    "gather",
    "gather*",
    "gathered",
    "split",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "flalign",
    "flalign*",
    "displaymath",
    "math",
];

/// Commands that put equations side by side on one line.
const SIDE_BY_SIDE: &[&str] = &[
    "qquad",
    "quad",
    "hspace",
    "hskip",
    "longrightarrow",
    "Longrightarrow",
    "rightarrow",
    "Rightarrow",
    "implies",
    "to",
    "mapsto",
];

/// Spacing that may lead a line without meaning anything.
const LEADING_SPACE: &[&str] = &[
    "qquad",
    "quad",
    "hspace",
    "hskip",
    "nonumber",
    "notag",
    "displaystyle",
    "textstyle",
];

/// Splits `text[content]` into pieces at line breaks, `\\` and equation
/// environment boundaries at bracket depth 0, outside matrices, and each
/// piece into its parts as [`parts`] does, in one pass: the parts of every
/// piece, in order. The pieces cover the content except the separators and
/// the pieces of nothing but white space and `%` comments.
pub(crate) fn split(text: &str, content: Range<usize>) -> Vec<Part> {
    let bytes = text.as_bytes();
    let mut out = Pieces {
        text,
        parts: Vec::new(),
        first: 0,
        part: content.start,
        separator: None,
        again: false,
        letters: false,
        sums: false,
    };
    let mut depth = 0usize;
    let mut matrices = 0usize;
    let mut start = content.start;
    let mut i = content.start;
    // Whether the open piece holds more than white space and comments: a
    // piece without is not returned (100 MB of comment lines make none).
    let mut seen = false;
    while i < content.end {
        // Once the piece has content, only brackets, `%`, line breaks and
        // `\` matter: the other bytes go by in a tight loop.
        if seen {
            i = nest(bytes, i, content.end, &mut depth, &mut out.sums);
            if i == content.end {
                break;
            }
        }
        let b = bytes[i];
        let mut cut = 0;
        match b {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => depth = depth.saturating_sub(1),
            b'%' => {
                // A comment runs to the end of the line; `parts` reads
                // the brackets in it.
                out.again = true;
                i = memchr::memchr(b'\n', &bytes[i..content.end]).map_or(content.end, |n| i + n);
                continue;
            }
            b'\n' if depth == 0 && matrices == 0 => cut = 1,
            b'_' => match numbered_subscript(bytes, i + 1, content.end) {
                // Its braces balance and hold nothing that cuts.
                Some(end) => {
                    seen = true;
                    i = end;
                    continue;
                }
                None => out.letters = true,
            },
            b'\\' => {
                let next = bytes[i + 1..content.end].first().copied();
                // `\sum`, and `\\sum` (a JSON string's `\sum`).
                out.sums |= next == Some(b's')
                    || (next == Some(b'\\') && bytes[i + 2..content.end].first() == Some(&b's'));
                // An escaped `\_` is passed over below, unread.
                out.letters |= next == Some(b'_');
                let environment = match next {
                    Some(b'b' | b'e') => environment_at(&text[i..content.end]),
                    _ => None,
                };
                if next == Some(b'\\') {
                    if depth == 0 && matrices == 0 {
                        cut = 2;
                    } else {
                        seen = true;
                        i += 2;
                        continue;
                    }
                } else if let Some((begin, name, len)) = environment {
                    if EQUATION_ENVIRONMENTS.contains(&name) {
                        if depth == 0 && matrices == 0 {
                            cut = len;
                        }
                    } else if begin {
                        matrices += 1;
                    } else {
                        matrices = matrices.saturating_sub(1);
                    }
                    if cut == 0 {
                        seen = true;
                        i += len;
                        continue;
                    }
                } else {
                    // A command, or `\{`, `\[`, `\left(` and the like: the
                    // escaped character does not count as a bracket. Only a
                    // command at depth 0 may put parts side by side; the
                    // letters of the others are plain bytes.
                    seen = true;
                    let name = match depth {
                        0 => command_name(&text[i + 1..content.end]),
                        _ => "",
                    };
                    if name.is_empty() {
                        i += 1 + next.map_or(0, utf8_width);
                    } else {
                        i = out.command(i, name, depth);
                    }
                    continue;
                }
            }
            _ => {}
        }
        if cut > 0 {
            out.finish(start..i, seen);
            seen = false;
            i += cut;
            start = i;
            out.part = i;
        } else {
            seen |= !b.is_ascii_whitespace();
            i += 1;
        }
    }
    out.finish(start..content.end, seen);
    out.parts
}

/// The parts [`split`] has found.
struct Pieces<'a> {
    text: &'a str,
    parts: Vec<Part>,
    /// Where the open piece's parts start in `parts`.
    first: usize,
    /// Where the open part starts.
    part: usize,
    /// The separator before the open part.
    separator: Option<Range<usize>>,
    /// The open piece has a comment or an `\hspace` between parts: its
    /// parts are found again by [`parts`], which reads them differently.
    again: bool,
    /// The open part has a `_` not followed by `{…}` of digits and commas.
    letters: bool,
    /// The open part has a `\s`.
    sums: bool,
}

impl Pieces<'_> {
    /// A command `name` at `at`, at bracket depth `depth` in its piece:
    /// the offset after its name.
    fn command(&mut self, at: usize, name: &str, depth: usize) -> usize {
        let end = at + 1 + name.len();
        if depth == 0 && side_by_side(name) {
            self.again |= matches!(name, "hspace" | "hskip");
            self.parts.push(Part {
                range: self.part..at,
                separator: self.separator.take(),
                numbered: !self.letters,
                maybe_sum: self.sums,
            });
            self.letters = false;
            self.sums = false;
            self.separator = Some(at..end);
            self.part = end;
        }
        end
    }

    /// Ends the piece `piece`, kept if `seen`.
    fn finish(&mut self, piece: Range<usize>, seen: bool) {
        let separator = self.separator.take();
        if !seen {
            self.parts.truncate(self.first);
        } else if self.again {
            self.parts.truncate(self.first);
            self.parts.extend(parts(self.text, piece));
        } else {
            self.parts.push(Part {
                range: self.part..piece.end,
                separator,
                numbered: !self.letters,
                maybe_sum: self.sums,
            });
        }
        self.again = false;
        self.letters = false;
        self.sums = false;
        self.first = self.parts.len();
    }
}

/// How [`nest`] reads a byte: the change it makes to the bracket depth
/// (`1` for `[`, `(` and `{`, `-1` for their closers, `0` for most bytes),
/// or [`STOP`].
const BYTES: [i8; 256] = {
    let mut table = [0; 256];
    table[b'[' as usize] = 1;
    table[b'(' as usize] = 1;
    table[b'{' as usize] = 1;
    table[b']' as usize] = -1;
    table[b')' as usize] = -1;
    table[b'}' as usize] = -1;
    table[b'%' as usize] = STOP;
    table[b'\n' as usize] = STOP;
    table[b'\\' as usize] = STOP;
    table[b'_' as usize] = STOP;
    table
};

/// A byte [`nest`] stops at: `%`, a line break, `\` or `_`.
const STOP: i8 = 2;

/// If `bytes[at..end]` starts with `{…}` of digits and commas (the `{1,2}`
/// of `_{1,2}`), the offset after it.
fn numbered_subscript(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let inside = bytes[at..end].strip_prefix(b"{")?;
    let n = inside
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b',')
        .count();
    (inside.get(n) == Some(&b'}')).then_some(at + n + 2)
}

/// Goes from `i` to the next `%`, line break, `\` or `_` before `end` (or to
/// `end`), counting the brackets on the way into `depth`. Passed over on
/// the way, as [`split`] would pass them: a numbered subscript (`_{0,2,1}`),
/// and inside brackets the backslash of a command other than `\begin` and
/// `\end` (`\omega`), noting in `sums` one whose name starts with `s`.
fn nest(bytes: &[u8], mut i: usize, end: usize, depth: &mut usize, sums: &mut bool) -> usize {
    while i < end {
        let b = bytes[i];
        // Two tests and an addition rather than a jump table: a jump on
        // every byte is mispredicted at every bracket.
        let change = BYTES[b as usize];
        if change != STOP {
            *depth = depth.saturating_add_signed(isize::from(change));
            i += 1;
            continue;
        }
        if b == b'_' {
            match numbered_subscript(bytes, i + 1, end) {
                Some(after) => {
                    i = after;
                    continue;
                }
                None => return i,
            }
        }
        let command = b == b'\\'
            && *depth > 0
            && i + 1 < end
            && bytes[i + 1].is_ascii_alphabetic()
            && !matches!(bytes[i + 1], b'b' | b'e');
        if !command {
            return i;
        }
        *sums |= bytes[i + 1] == b's';
        i += 2;
    }
    end
}

/// The length of the UTF-8 character whose first byte is `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// `\begin{name}` or `\end{name}` at the start of `rest`: whether it begins,
/// the name, and the length.
pub(crate) fn environment_at(rest: &str) -> Option<(bool, &str, usize)> {
    let (begin, after) = if let Some(a) = rest.strip_prefix("\\begin") {
        (true, a)
    } else {
        (false, rest.strip_prefix("\\end")?)
    };
    let inner = after.strip_prefix('{')?;
    let close = inner.find('}')?;
    let name = &inner[..close];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'*') {
        return None;
    }
    Some((begin, name, rest.len() - after.len() + close + 2))
}

/// A part of a piece, and the side-by-side separator before it (a
/// `\qquad` or an arrow), if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Part {
    /// The part's text.
    pub range: Range<usize>,
    /// The separator that precedes it.
    pub separator: Option<Range<usize>>,
    /// Every `_` in the part is followed by `{…}` of digits and commas
    /// (`_{1,2}`): no subscript in it holds a letter.
    pub numbered: bool,
    /// A command whose name starts with `s` may be in the part (`\sum`);
    /// without one, it holds no sum.
    pub maybe_sum: bool,
}

/// Cuts a piece at the side-by-side separators at bracket depth 0.
pub(crate) fn parts(text: &str, piece: Range<usize>) -> Vec<Part> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = piece.start;
    let mut separator = None;
    let mut i = piece.start;
    while i < piece.end {
        match bytes[i] {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => depth = depth.saturating_sub(1),
            b'\\' => {
                let name = command_name(&text[i + 1..piece.end]);
                if name.is_empty() {
                    let next = text[i + 1..].chars().next().map_or(0, char::len_utf8);
                    i += 1 + next;
                    continue;
                }
                let mut end = i + 1 + name.len();
                if depth == 0 && side_by_side(name) {
                    if matches!(name, "hspace" | "hskip") {
                        end = skip_argument(text, end, piece.end);
                    }
                    out.push(Part {
                        range: start..i,
                        separator: separator.take(),
                        numbered: false,
                        maybe_sum: true,
                    });
                    separator = Some(i..end);
                    start = end;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(Part {
        range: start..piece.end,
        separator,
        numbered: false,
        maybe_sum: true,
    });
    out
}

/// Whether a command puts equations side by side ([`SIDE_BY_SIDE`]).
fn side_by_side(name: &str) -> bool {
    // Every such command starts with one of these letters.
    matches!(
        name.as_bytes()[0],
        b'q' | b'h' | b'l' | b'L' | b'r' | b'R' | b'i' | b't' | b'm'
    ) && SIDE_BY_SIDE.contains(&name)
}

/// The ASCII letters of a command name at the start of `rest`.
pub(crate) fn command_name(rest: &str) -> &str {
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    &rest[..len]
}

/// The offset after a braced argument (`{1em}`) starting at or after `at`,
/// or `at` when there is none.
fn skip_argument(text: &str, at: usize, end: usize) -> usize {
    let rest = &text[at..end];
    let trimmed = rest.trim_start_matches([' ', '*']);
    let open = at + (rest.len() - trimmed.len());
    if !trimmed.starts_with('{') {
        // `\hskip 1em`: a dimension up to the next space.
        return at;
    }
    match trimmed.find('}') {
        Some(n) => open + n + 1,
        None => at,
    }
}

/// `text` without `%` comments, and without the spacing, `&` and spacing
/// commands that lead or end it; borrowed unless it has a comment.
pub(crate) fn trimmed(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let code: Cow<'_, str> = if memchr::memchr(b'%', text.as_bytes()).is_some() {
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let code = match line.find('%') {
                Some(n) if n == 0 || line.as_bytes()[n - 1] != b'\\' => &line[..n],
                _ => line,
            };
            out.push_str(code);
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    let blank = |c: char| c.is_whitespace() || c == '&';
    let (start, len) = {
        let mut s = code.trim_matches(blank);
        while let Some(rest) = s.strip_prefix('\\') {
            let name = command_name(rest);
            if LEADING_SPACE.contains(&name) {
                let mut after = &rest[name.len()..];
                if matches!(name, "hspace" | "hskip") {
                    let t = after.trim_start_matches([' ', '*']);
                    if let Some(close) = t.strip_prefix('{').and_then(|x| x.find('}')) {
                        after = &t[close + 2..];
                    }
                }
                s = after.trim_start_matches(blank);
            } else if matches!(rest.chars().next(), Some(',' | ';' | ':' | '!' | ' ')) {
                s = rest[1..].trim_start_matches(blank);
            } else {
                break;
            }
        }
        // Where what is left lies within `code`.
        (s.as_ptr() as usize - code.as_ptr() as usize, s.len())
    };
    match code {
        Cow::Borrowed(b) => Cow::Borrowed(&b[start..start + len]),
        Cow::Owned(o) => Cow::Owned(o[start..start + len].to_string()),
    }
}

/// The byte offsets of the `=` signs of `text` at bracket depth 0 (a chain
/// `A = B = C` has two).
pub(crate) fn top_level_equals(text: &str) -> Vec<usize> {
    equals_at_depth_zero(text).collect()
}

/// The first `=` of `text` at bracket depth 0: the scan stops there, so a
/// long right side costs nothing.
pub(crate) fn first_top_level_equals(text: &str) -> Option<usize> {
    equals_at_depth_zero(text).next()
}

/// The `=` signs of `text` at bracket depth 0, found as they are asked for.
fn equals_at_depth_zero(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let at = i;
            i += 1;
            match bytes[at] {
                // The escaped byte is skipped; a multi-byte character's other
                // bytes are never ASCII, so skipping into it is harmless.
                b'\\' => i += 1,
                b'[' | b'(' | b'{' => depth += 1,
                b']' | b')' | b'}' => depth = depth.saturating_sub(1),
                b'=' if depth == 0 => return Some(at),
                _ => {}
            }
        }
        None
    })
}

/// The left side of `text`, before `eq`, its first `=` at bracket depth 0
/// ([`first_top_level_equals`]), with a transpose dropped:
/// `\boldsymbol{\phi}'^T` reads as `\boldsymbol{\phi}'`.
pub(crate) fn left_of(text: &str, eq: usize) -> &str {
    let mut lhs = text[..eq].trim_matches(|c: char| c.is_whitespace() || c == '&');
    for t in ["^{T}", "^T", "^{\\top}", "^\\top", "ᵀ", "^{\\intercal}"] {
        if let Some(s) = lhs.strip_suffix(t) {
            lhs = s.trim_end();
        }
    }
    lhs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cutting into pieces as two passes did before [`split`]: the oracle
    /// the one-pass split must agree with.
    fn pieces_reference(text: &str, content: Range<usize>) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let (mut depth, mut matrices) = (0usize, 0usize);
        let mut start = content.start;
        let mut i = content.start;
        let mut seen = false;
        while i < content.end {
            let b = bytes[i];
            let mut cut = 0;
            match b {
                b'[' | b'(' | b'{' => depth += 1,
                b']' | b')' | b'}' => depth = depth.saturating_sub(1),
                b'%' => {
                    i = text[i..content.end]
                        .find('\n')
                        .map_or(content.end, |n| i + n);
                    continue;
                }
                b'\n' if depth == 0 && matrices == 0 => cut = 1,
                b'\\' => {
                    let rest = &text[i..content.end];
                    if rest.starts_with("\\\\") {
                        if depth == 0 && matrices == 0 {
                            cut = 2;
                        } else {
                            seen = true;
                            i += 2;
                            continue;
                        }
                    } else if let Some((begin, name, len)) = environment_at(rest) {
                        if EQUATION_ENVIRONMENTS.contains(&name) {
                            if depth == 0 && matrices == 0 {
                                cut = len;
                            }
                        } else if begin {
                            matrices += 1;
                        } else {
                            matrices = matrices.saturating_sub(1);
                        }
                        if cut == 0 {
                            seen = true;
                            i += len;
                            continue;
                        }
                    } else {
                        seen = true;
                        i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                        continue;
                    }
                }
                _ => {}
            }
            if cut > 0 {
                if seen {
                    out.push(start..i);
                }
                seen = false;
                i += cut;
                start = i;
            } else {
                seen |= !b.is_ascii_whitespace();
                i += 1;
            }
        }
        if seen {
            out.push(start..content.end);
        }
        out
    }

    const TOKENS: &[&str] = &[
        "h",
        "x",
        "a",
        "θ₁",
        "⎡",
        " ",
        "  ",
        "\n",
        "&",
        "=",
        "+",
        ",",
        "0",
        "12",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "%",
        "_",
        "_{1,2}",
        "_{d}",
        "_{1a}",
        "\\_",
        "\\\\",
        "\\{",
        "\\quad",
        "\\qquad",
        "\\sum",
        "\\sum_{d=1}^{2}",
        "\\sigma",
        "sum",
        "\\hspace{1em}",
        "\\hspace{\\x{1}}",
        "\\hskip",
        "\\to",
        "\\omega",
        "\\begin{bmatrix}",
        "\\end{bmatrix}",
        "\\begin{align}",
        "\\end{align}",
        "\\beta",
        "\\end",
        "\\",
        "é",
    ];

    proptest! {
        #[test]
        fn split_agrees_with_pieces_then_parts(
            tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..40),
        ) {
            let text: String = tokens.concat();
            let strip = |p: Part| (p.range, p.separator);
            let fast: Vec<_> = split(&text, 0..text.len()).into_iter().map(strip).collect();
            let reference: Vec<_> = pieces_reference(&text, 0..text.len())
                .into_iter()
                .flat_map(|piece| parts(&text, piece))
                .map(strip)
                .collect();
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn parts_with_a_sum_are_marked(
            tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..40),
        ) {
            let text: String = tokens.concat();
            // Also after an opening bracket, so that `\\` does not cut the part.
            let inside = format!("y = a[{}]", tokens[..tokens.len().min(12)].concat());
            for text in [text, inside] {
                for part in split(&text, 0..text.len()) {
                    if text[part.range.clone()].contains("\\sum") {
                        prop_assert!(part.maybe_sum, "{:?} in {:?}", part.range, text);
                    }
                }
            }
        }

        #[test]
        fn numbered_parts_have_only_number_subscripts(
            tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..40),
        ) {
            let text: String = tokens.concat();
            for part in split(&text, 0..text.len()).into_iter().filter(|p| p.numbered) {
                let bytes = &text.as_bytes()[part.range.clone()];
                for at in memchr::memchr_iter(b'_', bytes) {
                    let after = &bytes[at + 1..];
                    let n = after.iter().skip(1).take_while(|b| b.is_ascii_digit() || **b == b',').count();
                    let numbered = after.first() == Some(&b'{') && after.get(n + 1) == Some(&b'}');
                    prop_assert!(numbered, "`_` at {} of {:?}", at, text);
                }
            }
        }
    }
}
