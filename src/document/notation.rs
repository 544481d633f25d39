//! What a part of the math is: an equation, or notation around the network.
//!
//! Authors write more than the network's equations in their math: the
//! model's name heading a chain (`y = f[x, φ] = φ_0 + …`), a parameter set
//! (`φ = \{φ_0, φ_1, …\}`), a template for every unit (`h_d = a[θ_{d0} +
//! θ_{d1}x]`), sums (`\sum_{d=1}^{3}φ_d h_d`), the activation's definition
//! (`a[z] = ReLU[z] = …`). A sum with numeric bounds is written out; the rest
//! is read past, and the reader says so in a note.

use super::offsets::Edit;
use super::segments::{self, Class};
use std::ops::Range;

/// The most terms one written-out sum may have; a longer one is read past.
pub(crate) const MAX_SUM_TERMS: usize = 10;

/// What classifying one part found, with ranges relative to the part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// What the part is.
    pub class: Class,
    /// Pieces of an equation to read past (the model `= f[x, φ]`).
    pub holes: Vec<Range<usize>>,
    /// Sums written out.
    pub edits: Vec<Edit>,
    /// Notes about what was read past inside a kept equation.
    pub notes: Vec<(Range<usize>, String)>,
    /// The part ends with an operator (`+`, `-`, `=`, `*`, `\cdot`), so
    /// the next line goes on with it.
    pub open: bool,
}

impl Outcome {
    fn class(class: Class) -> Outcome {
        Outcome {
            class,
            holes: Vec::new(),
            edits: Vec::new(),
            notes: Vec::new(),
            open: false,
        }
    }
}

/// Classifies one part of a block of math; `numbered` says that every
/// `_` in it is followed by `{…}` of digits and commas, and `maybe_sum` is
/// false only for a part without `\sum`.
pub(crate) fn classify(raw: &str, numbered: bool, maybe_sum: bool) -> Outcome {
    let t = segments::trimmed(raw);
    let open = t.ends_with(['+', '-', '=', '*']) || t.ends_with("\\cdot");
    Outcome {
        open,
        ..classify_trimmed(raw, t, numbered, maybe_sum)
    }
}

/// [`classify`] given the part trimmed, `t`.
fn classify_trimmed(
    raw: &str,
    t: std::borrow::Cow<'_, str>,
    numbered: bool,
    maybe_sum: bool,
) -> Outcome {
    if t.is_empty() {
        return Outcome::class(Class::Empty);
    }
    let found = match maybe_sum {
        true => sums(raw),
        false => Ok((Vec::new(), std::borrow::Cow::Borrowed(raw))),
    };
    let (edits, view) = match found {
        Ok(found) => found,
        Err(why) => return Outcome::class(Class::Notation(why)),
    };
    // Without a sum the view is the part itself, already trimmed.
    let t = match &view {
        std::borrow::Cow::Borrowed(_) => t,
        std::borrow::Cow::Owned(view) => segments::trimmed(view),
    };
    if t.starts_with(['+', '-', '=', '−']) || t.starts_with("\\cdot") {
        return Outcome {
            edits,
            ..Outcome::class(Class::Continuation)
        };
    }
    let Some(first) = segments::first_top_level_equals(&t) else {
        return Outcome::class(Class::Other);
    };
    let lhs = segments::left_of(&t, first);
    // Without a comment or a sum, `t` is a slice of the part, which has no
    // letter in a subscript when it is `numbered`.
    let sliced =
        matches!(view, std::borrow::Cow::Borrowed(_)) && matches!(t, std::borrow::Cow::Borrowed(_));
    let letter = if numbered && sliced {
        None
    } else {
        letter_subscript(&t)
    };
    if let Some(sub) = letter {
        return Outcome::class(Class::Notation(format!(
            "a template with the symbolic index `{sub}`: netform reads networks whose units are numbered"
        )));
    }
    if call_of(lhs, &["a", "ReLU", "relu"]).is_some() {
        return Outcome::class(Class::Notation("the activation's definition".into()));
    }
    if call_of(lhs, &["f"]).is_some() {
        return Outcome::class(Class::Notation("the model's name `f[…]`".into()));
    }
    let symbol = std::cell::OnceCell::new();
    let symbol = || symbol.get_or_init(|| crate::syntax::parse_symbol(lhs));
    // The usual left side (`h_{1,2}`) is a variable without being parsed.
    let plain = plain_variable_name(lhs);
    if !matrix_of_names(lhs) && (lhs.is_empty() || (!plain && symbol().is_err())) {
        return Outcome::class(Class::Other);
    }
    let rhs = t[first + 1..].trim_start_matches(|c: char| c.is_whitespace() || c == '&');
    if rhs.starts_with("\\{") || rhs.starts_with("\\lbrace") || rhs.starts_with("\\left\\{") {
        return Outcome::class(Class::Notation("a parameter set".into()));
    }
    if plain_variable(lhs, || plain || symbol().as_ref().is_ok_and(|s| s.is_var()))
        && lists_entries_of(lhs, rhs)
    {
        // `x = [x_1, x_2]^T` in prose: the inputs written as a vector under a
        // plain letter, not a bold name netform defines.
        return Outcome::class(Class::Notation(
            "a vector written with a plain letter (its entries are the inputs or units)".into(),
        ));
    }
    let bytes = raw.as_bytes();
    let names_model = memchr::memchr_iter(b'f', bytes)
        .any(|i| matches!(bytes.get(i + 1), Some(b'[' | b'(' | b'}' | b'\\')));
    let (holes, notes) = if names_model {
        model_members(raw)
    } else {
        (Vec::new(), Vec::new())
    };
    if !holes.is_empty() && holes.len() == segments::top_level_equals(raw).len() {
        // `y = f[x, φ]` alone: an equation only if the next line goes on
        // with `= φ_0 + …`.
        return Outcome {
            holes,
            notes,
            ..Outcome::class(Class::Heading)
        };
    }
    Outcome {
        class: Class::Equation,
        holes,
        edits,
        notes,
        open: false,
    }
}

/// Whether `rhs` opens a bracket whose first entry is `lhs` with an index:
/// `[x_1, x_2]^T` for `x`.
fn lists_entries_of(lhs: &str, rhs: &str) -> bool {
    let opened = ["\\left[", "\\begin{bmatrix}", "\\begin{pmatrix}", "["]
        .iter()
        .find_map(|o| rhs.strip_prefix(o));
    opened.is_some_and(|inner| {
        let inner = inner.trim_start();
        inner.starts_with(lhs) && inner[lhs.len()..].trim_start().starts_with('_')
    })
}

/// Whether a left side is written as netform writes a variable's name:
/// `h`, `x` or `y`, then nothing, one digit, or `_{…}` of groups of one to
/// nine digits between commas (`h_{1,2}`). Such a name is a variable, as
/// [`crate::syntax::parse_symbol`] would read it.
fn plain_variable_name(lhs: &str) -> bool {
    let Some((first, rest)) = lhs.as_bytes().split_first() else {
        return false;
    };
    if !matches!(first, b'h' | b'x' | b'y') {
        return false;
    }
    match rest {
        [] => true,
        [b'_', digit] => digit.is_ascii_digit(),
        [b'_', b'{', inner @ .., b'}'] => inner
            .split(|&b| b == b',')
            .all(|group| (1..=9).contains(&group.len()) && group.iter().all(u8::is_ascii_digit)),
        _ => false,
    }
}

/// Whether a left side is a variable (`x`, `y`, `h'`) in plain type;
/// `is_var` says whether the left side reads as a variable's name.
fn plain_variable(lhs: &str, is_var: impl FnOnce() -> bool) -> bool {
    // Every bold spelling has a backslash, a `(` or a character past ASCII.
    let marked = lhs
        .bytes()
        .any(|b| b == b'\\' || b == b'(' || !b.is_ascii());
    let bold = marked
        && (["\\mathbf", "\\boldsymbol", "\\bm", "bb(", "\\bf"]
            .iter()
            .any(|b| lhs.contains(b))
            || lhs
                .chars()
                .any(|c| ('\u{1D400}'..='\u{1D7FF}').contains(&c)));
    !bold && is_var()
}

/// Whether a left side is a matrix of names, as the explicit matrix form
/// writes it: `\begin{bmatrix}h_1 \\ h_2\end{bmatrix}`, `[h_1; h_2]`.
fn matrix_of_names(lhs: &str) -> bool {
    let matrix = lhs.strip_prefix("\\begin{").is_some_and(|rest| {
        ["bmatrix", "pmatrix", "matrix", "smallmatrix", "vmatrix"]
            .iter()
            .any(|m| rest.strip_prefix(m).is_some_and(|r| r.starts_with('}')))
    });
    (matrix || lhs.starts_with('[') || lhs.starts_with("\\left[")) && lhs.contains(['h', 'y', 'x'])
}

/// The chain members of `raw` that name the model (`= f[x, \phi]`), each
/// with the `=` before it, and a note for each.
type Holes = (Vec<Range<usize>>, Vec<(Range<usize>, String)>);
fn model_members(raw: &str) -> Holes {
    let equals = segments::top_level_equals(raw);
    let mut holes = Vec::new();
    let mut notes = Vec::new();
    for (k, &eq) in equals.iter().enumerate() {
        let end = equals.get(k + 1).copied().unwrap_or(raw.len());
        let member = raw[eq + 1..end].trim_matches(|c: char| c.is_whitespace() || c == '&');
        if call_of(member, &["f"]).is_some_and(only_layout) {
            let stop = end.min(raw.len());
            holes.push(eq..stop);
            notes.push((eq..stop, "the model's name `f[…]`".to_string()));
        }
    }
    (holes, notes)
}

/// Whether `text` holds only layout: spacing, `\nonumber`, `\label{…}`,
/// `\tag{…}`, and the sentence's `,` or `.`.
fn only_layout(text: &str) -> bool {
    let mut rest =
        text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '&'));
    while let Some(after) = rest.strip_prefix('\\') {
        let name = segments::command_name(after);
        let mut next = &after[name.len()..];
        match name {
            "nonumber" | "notag" | "quad" | "qquad" => {}
            "label" | "tag" | "hspace" => {
                let Some(close) = next.find('}') else {
                    return false;
                };
                next = &next[close + 1..];
            }
            "" if after.starts_with([',', ';', ':', '!', ' ']) => next = &after[1..],
            _ => return false,
        }
        rest = next.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '&'));
    }
    rest.is_empty()
}

/// If `text` starts with one of `names` (plain or wrapped: `\mbox{a}`,
/// `\mathrm{f}`, `{\rm a}`, `\mbox{\bf a}`) applied to a bracket, the text
/// after the matching closing bracket.
pub(crate) fn call_of<'a>(text: &'a str, names: &[&str]) -> Option<&'a str> {
    // A call has its bracket: most left sides have none.
    memchr::memchr2(b'[', b'(', text.as_bytes())?;
    let (name, rest) = wrapped_name(text.trim_start())?;
    if !names.contains(&name) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = [
        "\\left", "\\bigl", "\\Bigl", "\\biggl", "\\big", "\\Big", "\\bigg",
    ]
    .iter()
    .find_map(|s| rest.strip_prefix(s))
    .unwrap_or(rest)
    .trim_start();
    let open = rest.chars().next()?;
    let close = match open {
        '[' => ']',
        '(' => ')',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(&rest[i + 1..]);
            }
        }
    }
    None
}

/// A name, possibly in a font command, at the start of `text`, and the text
/// after it: `a`, `\mbox{a}`, `\mathrm{ReLU}`, `{\rm a}`, `\mbox{\bf a}`.
fn wrapped_name(text: &str) -> Option<(&str, &str)> {
    const WRAPPERS: &[&str] = &[
        "\\mbox",
        "\\mathrm",
        "\\text",
        "\\textrm",
        "\\textnormal",
        "\\operatorname",
        "\\mathbf",
        "\\boldsymbol",
        "\\bm",
        "\\mathit",
        "\\textbf",
    ];
    fn word(s: &str) -> Option<(&str, &str)> {
        let n = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        (n > 0).then(|| (&s[..n], &s[n..]))
    }
    for w in WRAPPERS {
        let Some(after) = text.strip_prefix(w) else {
            continue;
        };
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let inner = after.trim_start().strip_prefix('{')?;
        let inner = strip_switch(inner.trim_start());
        let (name, rest) = word(inner.trim_start())?;
        return Some((name, rest.trim_start().strip_prefix('}')?));
    }
    if let Some(inner) = text.strip_prefix('{') {
        let inner = strip_switch(inner.trim_start());
        let (name, rest) = word(inner.trim_start())?;
        return Some((name, rest.trim_start().strip_prefix('}')?));
    }
    word(text)
}

/// Drops a font switch (`\bf `, `\rm `) at the start of a group.
fn strip_switch(text: &str) -> &str {
    for s in ["\\bf", "\\rm", "\\it", "\\mathrm", "\\sf"] {
        if let Some(rest) = text.strip_prefix(s) {
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return rest;
            }
        }
    }
    text
}

/// The first subscript holding a letter (`h_d`, `\theta_{d0}`), if any.
fn letter_subscript(text: &str) -> Option<String> {
    memchr::memchr_iter(b'_', text.as_bytes())
        .find_map(|at| {
            let letter = subscript_letter(&text[at + 1..])?;
            let before = &text[..at];
            let bound = before.ends_with("\\sum") || before.ends_with("\\limits");
            (!bound).then_some(letter)
        })
        .map(str::to_string)
}

/// The subscript at the start of `after` (what follows a `_`) if it holds
/// a letter outside commands: `d` in `_d`, `d0` in `_{d0}`. A braced
/// subscript ends at its first `}`.
fn subscript_letter(after: &str) -> Option<&str> {
    let rest = if after.starts_with('{') {
        after
    } else {
        after.trim_start()
    };
    let Some(inner) = rest.strip_prefix('{') else {
        let letter = rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
        return letter.then(|| &rest[..1]);
    };
    let ib = inner.as_bytes();
    let mut k = 0;
    loop {
        match ib.get(k) {
            None | Some(b'}') => return None,
            Some(b'\\') => {
                let name = ib[k + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                if name == 0 && ib.get(k + 1) == Some(&b'}') {
                    return None;
                }
                k += 1 + name.max(1);
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let close = memchr::memchr(b'}', &ib[k..]).map_or(ib.len(), |n| k + n);
                return Some(&inner[..close]);
            }
            Some(_) => k += 1,
        }
    }
}

/// Writes out every sum with numeric bounds in `raw`: the edits, and the
/// text with them applied. A sum with symbolic bounds, or too many terms,
/// is the reason to read the part past.
fn sums(raw: &str) -> Result<(Vec<Edit>, std::borrow::Cow<'_, str>), String> {
    // One searcher for every part: making one costs more than searching
    // a short part.
    static SUM: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\\sum"));
    if SUM.find(raw.as_bytes()).is_none() {
        return Ok((Vec::new(), std::borrow::Cow::Borrowed(raw)));
    }
    let mut edits = Vec::new();
    let mut view = String::new();
    let mut at = 0;
    while let Some(n) = raw[at..].find("\\sum") {
        let start = at + n;
        let Some(sum) = parse_sum(raw, start) else {
            let shown: String = raw[start..].chars().take(24).collect();
            return Err(format!(
                "a sum over a symbolic range (`{}…`): netform reads sums with numeric bounds up to {}",
                shown.trim_end(),
                MAX_SUM_TERMS - 1
            ));
        };
        let text = sum.written_out(&raw[sum.body.clone()]);
        view.push_str(&raw[at..start]);
        view.push_str(&text);
        edits.push(Edit {
            range: start..sum.body.end,
            text,
        });
        at = sum.body.end;
    }
    view.push_str(&raw[at..]);
    Ok((edits, std::borrow::Cow::Owned(view)))
}

/// A sum with numeric bounds: `\sum_{d=1}^{3}` and the term it sums.
struct Sum {
    var: u8,
    low: u32,
    high: u32,
    body: Range<usize>,
}

impl Sum {
    /// `(t_1 + t_2 + …)`, each term the body with the index written in.
    fn written_out(&self, body: &str) -> String {
        let terms: Vec<String> = (self.low..=self.high)
            .map(|v| substitute(body, self.var, v))
            .collect();
        format!("({})", terms.join(" + "))
    }
}

/// Reads `\sum_{d=1}^{3} body` at `start`; `None` unless the bounds are
/// numbers, the index a letter and the sum short.
fn parse_sum(raw: &str, start: usize) -> Option<Sum> {
    let mut rest = raw[start + 4..].trim_start();
    rest = rest.strip_prefix("\\limits").unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix('_')?.trim_start();
    let (lower, rest) = braced_or_char(rest)?;
    let (var, low) = lower.split_once('=')?;
    let var = var.trim();
    if var.len() != 1 || !var.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let low: u32 = low.trim().parse().ok()?;
    let rest = rest.trim_start().strip_prefix('^')?.trim_start();
    let (upper, rest) = braced_or_char(rest)?;
    let high: u32 = upper.trim().parse().ok()?;
    if high < low || high as usize >= MAX_SUM_TERMS {
        return None;
    }
    let body_start = raw.len() - rest.len();
    Some(Sum {
        var: var.as_bytes()[0],
        low,
        high,
        body: body_start..body_end(raw, body_start),
    })
}

/// `{…}` or one character at the start of `text`: its content and the rest.
fn braced_or_char(text: &str) -> Option<(&str, &str)> {
    if let Some(inner) = text.strip_prefix('{') {
        let close = inner.find('}')?;
        return Some((&inner[..close], &inner[close + 1..]));
    }
    let c = text.chars().next()?;
    Some((&text[..c.len_utf8()], &text[c.len_utf8()..]))
}

/// Where the summed term starting at `from` ends: at the next `+`, `-` or
/// `=` at its bracket depth, or the bracket that closes around the sum.
fn body_end(raw: &str, from: usize) -> usize {
    let bytes = raw.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let name = segments::command_name(&raw[i + 1..]);
                if depth == 0 && name == "right" {
                    return i;
                }
                i += 1 + name.len().max(1);
                continue;
            }
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' if depth == 0 => return i,
            b']' | b')' | b'}' => depth -= 1,
            b'+' | b'-' | b'=' | b'&' if depth == 0 => return i,
            b'\n' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    trim_end_at(raw, from, bytes.len())
}

/// `end`, moved back over trailing spaces, `,` and `.`.
fn trim_end_at(raw: &str, from: usize, end: usize) -> usize {
    from + raw[from..end].trim_end_matches([' ', ',', '.', '\t']).len()
}

/// `body` with the index `var` in every subscript replaced by `value`:
/// `\phi_d h_d` gives `\phi_{2} h_{2}`, `\theta_{d0}` gives `\theta_{20}`.
fn substitute(body: &str, var: u8, value: u32) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(body.len() + 8);
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let rest = &body[i + 1..];
            let trimmed = rest.trim_start();
            let skip = rest.len() - trimmed.len();
            if trimmed.as_bytes().first() == Some(&var) {
                out.push_str("_{");
                out.push_str(&digits);
                out.push('}');
                i += 2 + skip;
                continue;
            }
            if let Some(inner) = trimmed.strip_prefix('{') {
                if let Some(close) = inner.find('}') {
                    out.push_str("_{");
                    for b in inner[..close].bytes() {
                        if b == var {
                            out.push_str(&digits);
                        } else {
                            out.push(b as char);
                        }
                    }
                    out.push('}');
                    i += 1 + skip + 1 + close + 1;
                    continue;
                }
            }
        }
        let c = body[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_with_numeric_bounds_are_written_out() {
        let (edits, view) = sums(r"y = \phi_0 + \sum_{d=1}^{3}\phi_d h_d").unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(
            view,
            r"y = \phi_0 + (\phi_{1} h_{1} + \phi_{2} h_{2} + \phi_{3} h_{3})"
        );
    }

    #[test]
    fn symbolic_sums_are_notation() {
        let out = classify(r"y = \phi_0 + \sum_{d=1}^{D}\phi_d h_d", false, true);
        assert!(matches!(out.class, Class::Notation(_)));
    }

    #[test]
    fn plain_variable_names_are_the_variables_parse_symbol_reads() {
        for name in [
            "h",
            "x",
            "y",
            "h_1",
            "y_3",
            "h_{1,2}",
            "h_{12,345678901}",
            "x_{0}",
        ] {
            assert!(plain_variable_name(name), "{name}");
            let symbol = crate::syntax::parse_symbol(name).unwrap();
            assert!(symbol.is_var(), "{name}");
        }
        for name in [
            "",
            "a",
            "h'",
            "h_{}",
            "h_{1,}",
            "h_{1a}",
            "h_{1234567890}",
            "h_12",
            "h_{1",
            "\\theta_1",
            "hh",
            "h_{ 1}",
        ] {
            assert!(!plain_variable_name(name), "{name}");
        }
    }

    #[test]
    fn what_parts_are() {
        let class = |s: &str| classify(s, false, true).class;
        assert_eq!(
            class(r"h_1 &=& \mbox{a}[\theta_{10} + \theta_{11}x]"),
            Class::Equation
        );
        assert_eq!(class(r"&+ \phi_2 h_2"), Class::Continuation);
        assert_eq!(class(r"\quad + \phi_2 h_2"), Class::Continuation);
        assert!(matches!(
            class(r"\mbox{a}[z] = \mbox{ReLU}[z]"),
            Class::Notation(_)
        ));
        assert!(matches!(
            class(r"{\rm a}[z] = \max(0, z)"),
            Class::Notation(_)
        ));
        assert!(matches!(
            class(r"\boldsymbol\phi = \{\phi_0, \phi_1\}"),
            Class::Notation(_)
        ));
        assert!(matches!(
            class(r"h_d = \mbox{a}[\theta_{d0} + \theta_{d1}x]"),
            Class::Notation(_)
        ));
        assert_eq!(class(r"y = f[x, \boldsymbol\phi]"), Class::Heading);
        assert_eq!(class(r"K = 3"), Class::Other);
        assert_eq!(class(r"where"), Class::Other);
        assert_eq!(
            class(r"\boldsymbol{\phi}'^T = \begin{bmatrix}\phi'_1\end{bmatrix}"),
            Class::Equation
        );
    }

    #[test]
    fn the_model_heading_a_chain_is_a_hole() {
        let raw = r"y = f[x, \boldsymbol\phi] = \phi_0 + \phi_1 h_1";
        let out = classify(raw, false, true);
        assert_eq!(out.class, Class::Equation);
        assert_eq!(out.holes.len(), 1);
        assert_eq!(&raw[out.holes[0].clone()], r"= f[x, \boldsymbol\phi] ");
    }
}
