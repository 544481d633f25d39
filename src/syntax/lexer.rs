//! The lexer: source text to tokens with byte spans, trivia dropped.
//!
//! One pass over the bytes, no backtracking: each token is a kind and a span,
//! never a copied string. The tokens are handed out a chunk of whole
//! equations at a time ([`Lexer::next_chunk`]), so a large input's tokens
//! are never all held. Trivia (spaces, `$`, `&`, `\quad`, `%` comments,
//! `\begin{align*}`, …) is dropped; line breaks, `\\`, math delimiters and
//! environment boundaries become one [`Sep::Line`] token, except inside an open
//! bracket (where they are plain spacing) and before a line that starts with
//! `+`, `-` or `=` (which continues the equation). Inside a matrix environment
//! (`\begin{bmatrix}` … `\end{bmatrix}`), `&` and `\\` are not trivia but
//! [`Tok::Col`] and [`Tok::Row`]; the environment itself is a pair of brackets. Problems become an
//! [`Tok::Error`] token and a diagnostic, so the parser fails that equation
//! without reporting it twice.

use super::atoms::{self, Name, ACCEPTED_LETTERS};
use super::brackets::Brackets;
use super::commands::{self, Command, Wrap, ENVIRONMENTS};
pub(crate) use super::token::{subscript_text, Delim, MatrixEnv, Sep, Tok, Token};
use super::Span;
use crate::diagnostic::Diagnostic;

/// The most diagnostics one input produces; the rest are dropped.
pub(crate) const MAX_ERRORS: usize = 50;

/// Splits `src` into tokens, ending with [`Tok::End`], and reports what it
/// cannot read.
pub(crate) fn lex(src: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    let mut lexer = Lexer::new(src);
    let mut tokens = Vec::new();
    let mut chunk = Vec::new();
    while lexer.next_chunk(&mut chunk) {
        tokens.append(&mut chunk);
    }
    tokens.append(&mut chunk);
    (tokens, lexer.diags)
}

/// The state of one pass over the input.
///
/// The input is handed out a chunk at a time ([`Lexer::next_chunk`]): the
/// tokens up to a separator outside brackets that is known to end an
/// equation, so the tokens of a large input are never all held at once.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Open brackets, for deciding whether a line break separates equations.
    depth: u32,
    /// The tokens not yet handed out.
    tokens: Vec<Token>,
    /// Where in `tokens` a separator outside brackets stands last: the end
    /// of a chunk once a token follows that does not remove it (as `+`
    /// removes a line break).
    boundary: Option<usize>,
    /// What could not be read, in the order found.
    pub(crate) diags: Vec<Diagnostic>,
    /// Separators at depth 0 so far: which equation the lexer is in.
    seps: usize,
    /// The equation (by `seps`) whose first error was reported: later ones
    /// in the same equation are not, so errors never cascade.
    reported_at: Option<usize>,
    /// An unsupported `\begin{…}` was reported, so its `\end{…}` is not.
    bad_environment: bool,
    /// The bracket depth inside each open matrix environment, innermost last.
    matrices: Vec<u32>,
    /// The brackets still open, each checked against its closer as it is
    /// read.
    brackets: Brackets,
    /// The first bracket that does not pair up, and the number of its token
    /// in the whole input.
    bracket_error: Option<(usize, Diagnostic)>,
    /// The tokens handed out so far.
    handed: usize,
}

impl<'a> Lexer<'a> {
    /// Starts reading `src`.
    pub(crate) fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            depth: 0,
            tokens: Vec::new(),
            boundary: None,
            diags: Vec::new(),
            seps: 0,
            reported_at: None,
            bad_environment: false,
            matrices: Vec::new(),
            brackets: Brackets::default(),
            bracket_error: None,
            handed: 0,
        }
    }

    /// The first bracket that does not pair up, once its token has been
    /// handed out.
    pub(crate) fn bracket_error(&self) -> Option<Diagnostic> {
        let (at, diag) = self.bracket_error.as_ref()?;
        (*at < self.handed).then(|| diag.clone())
    }

    /// At the end of the input, the first bracket never closed, unless a
    /// bracket did not pair up.
    pub(crate) fn unclosed(&self) -> Option<Diagnostic> {
        match self.bracket_error {
            Some(_) => None,
            None => self.brackets.unclosed(self.src),
        }
    }

    /// Replaces `out` with the next tokens: up to and including a separator
    /// outside brackets (then returns `true`), or the rest of the input and
    /// [`Tok::End`] (then returns `false`).
    ///
    /// A chunk never ends inside brackets or inside an equation that goes on
    /// (a line break before `+`, `-` or `=`), so an equation's tokens are
    /// all in one chunk, with the separator that ends it.
    pub(crate) fn next_chunk(&mut self, out: &mut Vec<Token>) -> bool {
        out.clear();
        while self.pos < self.src.len() {
            self.step();
            if let Some(at) = self.boundary.filter(|&at| at + 1 < self.tokens.len()) {
                self.boundary = None;
                std::mem::swap(out, &mut self.tokens);
                self.tokens.extend(out.drain(at + 1..));
                self.handed += out.len();
                return true;
            }
        }
        let end = self.src.len() as u32;
        self.tokens.push(Token {
            tok: Tok::End,
            start: end,
            end,
        });
        std::mem::swap(out, &mut self.tokens);
        self.handed += out.len();
        self.boundary = None;
        false
    }

    /// Reads one token or one piece of trivia at `self.pos`.
    #[inline(always)]
    fn step(&mut self) {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let next = bytes.get(start + 1).copied();
        match bytes[start] {
            b'&' if self.in_matrix() => self.push(Tok::Col, start, start + 1),
            b'&' => self.pos += 1,
            b' ' | b'\t' | b'\r' => {
                // A run of blanks at once: the document reader blanks
                // everything outside the math, which can be most of a file.
                let blanks = bytes[start..]
                    .iter()
                    .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r'))
                    .count();
                self.pos += blanks;
            }
            b'\n' => self.line_break(start, start + 1),
            b'%' => {
                self.pos = self.src[start..]
                    .find('\n')
                    .map_or(self.src.len(), |n| start + n)
            }
            b'$' => self.line_break(start, start + if next == Some(b'$') { 2 } else { 1 }),
            b'+' => self.push(Tok::Plus, start, start + 1),
            b'-' => self.push(Tok::Minus, start, start + 1),
            b'*' => self.push(Tok::Times, start, start + 1),
            b'/' => self.push(Tok::Slash, start, start + 1),
            b'=' => self.push(Tok::Eq, start, start + 1),
            b';' => self.push(Tok::Sep(Sep::Semicolon), start, start + 1),
            b',' => self.push(Tok::Sep(Sep::Comma), start, start + 1),
            b'.' if !next.is_some_and(|b| b.is_ascii_digit()) => {
                self.push(Tok::Sep(Sep::Period), start, start + 1)
            }
            b'0'..=b'9' | b'.' => self.number(start),
            b'\'' => self.primes(start),
            b'^' => self.superscript(start),
            b'_' => self.subscript(start),
            b'[' => self.push(Tok::Open(Delim::Square), start, start + 1),
            b']' => self.push(Tok::Close(Delim::Square), start, start + 1),
            b'(' => self.push(Tok::Open(Delim::Paren), start, start + 1),
            b')' => self.push(Tok::Close(Delim::Paren), start, start + 1),
            b'{' => self.brace(start),
            b'}' => self.push(Tok::Close(Delim::Brace), start, start + 1),
            b'\\' => self.command(start),
            b if b.is_ascii_alphabetic() => self.word(start),
            b if b.is_ascii() => self.stray(start, start + 1),
            _ => self.unicode(start),
        }
    }

    /// Adds a token ending at `end` and moves past it. A `+`, `-` or `=`
    /// right after a line break continues the equation, so the break goes.
    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        match tok {
            Tok::Plus | Tok::Minus | Tok::Eq if self.last() == Some(Tok::Sep(Sep::Line)) => {
                self.tokens.pop();
                self.seps -= 1;
                self.boundary = None;
            }
            Tok::Sep(_) if self.depth == 0 => {
                self.seps += 1;
                self.boundary = Some(self.tokens.len());
            }
            Tok::Open(_) => {
                self.depth += 1;
                self.bracket(tok, start, end);
            }
            Tok::Close(_) => {
                self.depth = self.depth.saturating_sub(1);
                self.bracket(tok, start, end);
            }
            _ => {}
        }
        self.add(tok, start, end);
    }

    /// Checks the bracket about to be added at `start..end`, unless one
    /// did not pair up already.
    fn bracket(&mut self, tok: Tok, start: usize, end: usize) {
        if self.bracket_error.is_none() {
            let t = Token {
                tok,
                start: start as u32,
                end: end as u32,
            };
            if let Some(diag) = self.brackets.token(self.src, t) {
                self.bracket_error = Some((self.handed + self.tokens.len(), diag));
            }
        }
    }

    /// Adds a token that changes no bracket depth and no separator (a
    /// name, a subscript, a number) and moves past it: [`Lexer::push`]
    /// without its cases.
    #[inline]
    fn add(&mut self, tok: Tok, start: usize, end: usize) {
        self.tokens.push(Token {
            tok,
            start: start as u32,
            end: end as u32,
        });
        // A blank after a token makes none: passed over here rather than
        // in a step of its own.
        let bytes = self.src.as_bytes();
        let mut pos = end;
        while bytes.get(pos) == Some(&b' ') {
            pos += 1;
        }
        self.pos = pos;
    }

    /// Whether the innermost open bracket is a matrix environment, where `&`
    /// and `\\` separate entries and rows.
    fn in_matrix(&self) -> bool {
        self.matrices.last() == Some(&self.depth)
    }

    /// The kind of the last token, if any.
    fn last(&self) -> Option<Tok> {
        self.tokens.last().map(|t| t.tok)
    }

    /// Handles a line break (or `\\`, `$`, `\[`, `\end{…}`): a separator at
    /// bracket depth 0, unless the equation plainly goes on (it is empty so
    /// far or ends with an operator).
    fn line_break(&mut self, start: usize, end: usize) {
        self.pos = end;
        let continues = matches!(
            self.last(),
            None | Some(Tok::Sep(_) | Tok::Plus | Tok::Minus | Tok::Eq | Tok::Times | Tok::Slash)
        );
        if self.depth == 0 && !continues {
            self.seps += 1;
            self.boundary = Some(self.tokens.len());
            self.tokens.push(Token {
                tok: Tok::Sep(Sep::Line),
                start: start as u32,
                end: end as u32,
            });
        }
    }

    /// Reports an error, unless this equation has one already, and covers
    /// `start..end` with an error token.
    fn error(&mut self, start: usize, end: usize, diag: Diagnostic) {
        if self.diags.len() < MAX_ERRORS && self.reported_at != Some(self.seps) {
            self.diags.push(diag);
            self.reported_at = Some(self.seps);
        }
        self.push(Tok::Error, start, end);
    }

    /// Reports `start..end` as a parse error with a message and label.
    fn fail(&mut self, start: usize, end: usize, message: String, label: &str) -> Option<()> {
        let diag = Diagnostic::error("parse", message, Span::new(start, end)).with_label(label);
        self.error(start, end, diag);
        None
    }

    /// Lexes a number: `2`, `0.1`, `.5`, `1e-3`.
    fn number(&mut self, start: usize) {
        let len = atoms::number(&self.src[start..]).map_or(1, |(_, text)| text.len());
        self.add(Tok::Number, start, start + len);
    }

    /// Lexes a run of ASCII primes: `'`, `''`.
    fn primes(&mut self, start: usize) {
        let count = self.src.as_bytes()[start..]
            .iter()
            .take_while(|&&b| b == b'\'')
            .count();
        self.prime_token(start, start + count, count);
    }

    /// Adds a prime token for `count` primes, or reports too many.
    fn prime_token(&mut self, start: usize, end: usize, count: usize) {
        match u8::try_from(count) {
            Ok(n) => self.push(Tok::Prime(n), start, end),
            Err(_) => {
                self.fail(start, end, "too many primes".into(), "at most 255 primes");
            }
        }
    }

    /// Lexes a superscript, which must be primes (`^\prime`, `^{\prime}`,
    /// `^{\prime\prime}`, `^{'}`, `^'`) or a transpose (`^T`, `^{\top}`, …).
    fn superscript(&mut self, start: usize) {
        let after = &self.src[start + 1..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        let at = start + 1 + (after.len() - trimmed.len());
        if let Ok((rest, count)) = atoms::prime_superscript(trimmed) {
            let end = self.src.len() - rest.len();
            return self.prime_token(start, end, count);
        }
        if let Some(len) = atoms::transpose_superscript(trimmed) {
            return self.push(Tok::Transpose, start, at + len);
        }
        let end = at + superscript_extent(trimmed);
        let diag = Diagnostic::error("parse", "powers are not supported", Span::new(start, end))
            .with_label("only primes and transposes may be written as a superscript")
            .with_help("write a prime as `'`, `^\\prime` or `^{\\prime}`, a transpose as `^T`");
        self.error(start, end.max(start + 1), diag);
    }

    /// Lexes a subscript: `_1`, `_10`, `_{10}`, `_{0,12,3}`, `_₁`.
    fn subscript(&mut self, start: usize) {
        if let Some(end) = atoms::plain_subscript_end(&self.src.as_bytes()[start + 1..]) {
            return self.add(Tok::Sub, start, start + 1 + end);
        }
        let after = &self.src[start + 1..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        let at = start + 1 + (after.len() - trimmed.len());
        let help = "write a subscript as `_1`, `_{10}`, `_{0,12,3}` or `₁₀`";
        if let Some(inner) = trimmed.strip_prefix('{') {
            return self.braced_subscript(start, at + 1, inner);
        }
        let digits = nom::character::complete::digit1::<_, ()>(trimmed)
            .or_else(|_| atoms::unicode_subscript(trimmed).map_err(|_| ()));
        match digits {
            Ok((_, text)) => self.push(Tok::Sub, start, at + text.len()),
            Err(()) => {
                let end = at + trimmed.chars().next().map_or(0, char::len_utf8);
                let span = Span::new(start, end);
                let diag = Diagnostic::error("parse", "missing subscript after `_`", span)
                    .with_label("expected digits here")
                    .with_help(help);
                self.error(start, start + 1, diag);
            }
        }
    }

    /// Lexes a braced subscript whose `{` ends at `inner_start`.
    fn braced_subscript(&mut self, start: usize, inner_start: usize, inner: &str) {
        let help = "a subscript holds digits, with commas between multi-digit indices: \
                    `_{10}`, `_{0,12,3}`";
        if let Ok((rest, _)) = atoms::index_list(inner) {
            if rest.starts_with('}') {
                let end = self.src.len() - rest.len() + 1;
                return self.push(Tok::Sub, start, end);
            }
        }
        let line_end = inner.find(['}', '\n']).unwrap_or(inner.len());
        let closed = inner[line_end..].starts_with('}');
        let end = inner_start + line_end + usize::from(closed);
        let (message, label) = if !closed {
            ("unclosed subscript", "expected `}` to close this subscript")
        } else if inner[..line_end].trim().is_empty() {
            ("empty subscript", "expected digits here")
        } else {
            (
                "a subscript holds only digits and commas",
                "expected digits here",
            )
        };
        let diag = Diagnostic::error("parse", message, Span::new(start, end))
            .with_label(label)
            .with_help(help);
        self.error(start, end, diag);
    }

    /// Lexes what follows a backslash.
    fn command(&mut self, start: usize) {
        let after = &self.src[start + 1..];
        let Some(c) = after.chars().next() else {
            self.fail(
                start,
                start + 1,
                "a lone `\\` at the end".into(),
                "expected a command",
            );
            return;
        };
        match c {
            'a'..='z' | 'A'..='Z' => {
                let len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
                self.named_command(start, &after[..len]);
            }
            '\\' if self.in_matrix() => self.push(Tok::Row, start, start + 2),
            '\\' | '[' | ']' | '(' | ')' => self.line_break(start, start + 2),
            ',' | ';' | ':' | '!' | ' ' => self.pos = start + 2,
            '\t' | '\r' | '\n' => self.pos = start + 1,
            '{' => self.push(Tok::Open(Delim::Brace), start, start + 2),
            '}' => self.push(Tok::Close(Delim::Brace), start, start + 2),
            _ => self.unknown_command(start, &after[..c.len_utf8()]),
        }
    }

    /// Lexes a command spelled with letters: `\theta`, `\frac`, `\left`.
    fn named_command(&mut self, start: usize, name: &str) {
        let end = start + 1 + name.len();
        match commands::command(name) {
            Command::Name(n) => self.add(Tok::Name(n), start, end),
            Command::Wrap(_) if is_text(name) && !self.names_activation(end) => {
                self.skip_argument(end)
            }
            Command::Wrap(w) => {
                let w = if is_text(name) {
                    self.switch_inside(end).unwrap_or(w)
                } else {
                    w
                };
                self.push(Tok::Wrap(w), start, end)
            }
            Command::Switch(_) => self.pos = end,
            Command::Frac => self.push(Tok::Frac, start, end),
            Command::Times => self.push(Tok::Times, start, end),
            Command::Sizing => self.sizing(start, end, name),
            Command::Ignore => self.pos = end,
            Command::IgnoreWithArgument => self.skip_argument(end),
            Command::Begin | Command::End => self.environment(start, end, name),
            Command::Elision => self.elision(start, end),
            Command::Prime => {
                let message = "`\\prime` outside a superscript".to_string();
                self.fail(start, end, message, "write `^\\prime` or `'`");
            }
            Command::OtherGreek => self.unknown_letter(start, end),
            Command::Unknown => self.unknown_command(start, name),
        }
    }

    /// Lexes the delimiter after a size command: `\left[`, `\bigr)`,
    /// `\Bigl\{`; `\left.` and `\right.` are dropped.
    fn sizing(&mut self, start: usize, end: usize, name: &str) {
        let rest = &self.src[end..];
        let trimmed = rest.trim_start();
        let at = end + (rest.len() - trimmed.len());
        let delim = match trimmed.as_bytes() {
            [b'.', ..] => return self.pos = at + 1,
            [b'[', ..] => (Tok::Open(Delim::Square), 1),
            [b']', ..] => (Tok::Close(Delim::Square), 1),
            [b'(', ..] => (Tok::Open(Delim::Paren), 1),
            [b')', ..] => (Tok::Close(Delim::Paren), 1),
            [b'\\', b'{', ..] => (Tok::Open(Delim::Brace), 2),
            [b'\\', b'}', ..] => (Tok::Close(Delim::Brace), 2),
            _ => {
                let message = format!("expected a delimiter after `\\{name}`");
                self.fail(
                    start,
                    end,
                    message,
                    "expected `[`, `]`, `(`, `)` or `.` next",
                );
                return;
            }
        };
        self.push(delim.0, start, at + delim.1);
    }

    /// Whether the `\text{…}` (or `\mbox{…}`) whose argument starts at
    /// `end` names the activation (`\text{a}`, `\mbox{\bf a}`,
    /// `\text{ReLU}`) rather than holding prose.
    fn names_activation(&self, end: usize) -> bool {
        let rest = self.src[end..].trim_start_matches([' ', '\t']);
        let Some(body) = rest.strip_prefix('{') else {
            return true;
        };
        let inner = body.split('}').next().unwrap_or("").trim();
        let inner = strip_switch(inner).map_or(inner, |(_, rest)| rest.trim());
        matches!(inner, "a" | "ReLU" | "relu")
    }

    /// The font a switch at the start of the braced argument at `end` sets:
    /// `\mbox{\bf a}` is a bold `a`.
    fn switch_inside(&self, end: usize) -> Option<Wrap> {
        let rest = self.src[end..].trim_start_matches([' ', '\t']);
        let inner = rest.strip_prefix('{')?.trim_start();
        strip_switch(inner).map(|(w, _)| w)
    }

    /// Lexes `{`; a group that starts with a font switch, `{\rm a}` or
    /// `{\bf h}`, reads as `\mathrm{a}` or `\mathbf{h}` would.
    fn brace(&mut self, start: usize) {
        let after_wrap = matches!(self.last(), Some(Tok::Wrap(_)));
        let rest = &self.src[start + 1..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        match strip_switch(trimmed) {
            Some((w, after)) if !after_wrap => {
                self.push(Tok::Wrap(w), start, start + 1);
                let switch = start + 1 + (rest.len() - trimmed.len());
                let end = self.src.len() - after.len();
                self.push(Tok::Open(Delim::Brace), switch, end);
            }
            _ => self.push(Tok::Open(Delim::Brace), start, start + 1),
        }
    }

    /// Skips a command's braced argument: `\label{eq:1}`, and the prose of
    /// `\text{with } K = 2` (a `\text` that names no activation).
    fn skip_argument(&mut self, end: usize) {
        let rest = &self.src[end..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let at = end + (rest.len() - trimmed.len());
        if !trimmed.starts_with('{') {
            return self.pos = end;
        }
        let mut depth = 0usize;
        for (i, b) in trimmed.bytes().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' if depth == 1 => return self.pos = at + i + 1,
                b'}' => depth -= 1,
                _ => {}
            }
        }
        self.fail(
            at,
            at + 1,
            "unclosed `{`".into(),
            "this `{` is never closed",
        );
    }

    /// Skips `\begin{align*}` or `\end{align*}`, which separate equations.
    fn environment(&mut self, start: usize, end: usize, command: &str) {
        let rest = &self.src[end..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let at = end + (rest.len() - trimmed.len());
        let name_len = trimmed
            .bytes()
            .skip(1)
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'*')
            .count();
        let close = 1 + name_len;
        if !trimmed.starts_with('{') || trimmed.as_bytes().get(close) != Some(&b'}') {
            let message = format!("expected `{{environment}}` after `\\{command}`");
            self.fail(start, end, message, "expected `{align*}`, say");
            return;
        }
        let name = &trimmed[1..close];
        if let Some(env) = MatrixEnv::named(name) {
            return self.matrix_boundary(start, at + close + 1, command, env);
        }
        if !ENVIRONMENTS.contains(&name) {
            if command == "end" && self.bad_environment {
                return self.push(Tok::Error, start, at + close + 1);
            }
            self.bad_environment = true;
            let span = Span::new(start, at + close + 1);
            let diag =
                Diagnostic::error("parse", format!("unsupported environment `{name}`"), span)
                    .with_label("not an equation or matrix environment")
                    .with_help(format!(
                        "the environments netform reads are {}, and the matrices bmatrix, \
                         pmatrix, matrix, smallmatrix",
                        ENVIRONMENTS.join(", ")
                    ));
            return self.error(start, at + close + 1, diag);
        }
        self.line_break(start, at + close + 1);
    }

    /// Lexes `\begin{bmatrix}` or `\end{bmatrix}` (and the other matrix
    /// environments) as an opening or closing bracket.
    fn matrix_boundary(&mut self, start: usize, end: usize, command: &str, env: MatrixEnv) {
        if command == "begin" {
            self.push(Tok::Open(Delim::Matrix(env)), start, end);
            self.matrices.push(self.depth);
        } else {
            if self.in_matrix() {
                self.matrices.pop();
            }
            self.push(Tok::Close(Delim::Matrix(env)), start, end);
        }
    }

    /// Reports `\cdots`, `…` and the like.
    fn elision(&mut self, start: usize, end: usize) {
        let diag = Diagnostic::error(
            "parse",
            "elided terms cannot be evaluated; write every term",
            Span::new(start, end),
        )
        .with_label("terms left out here");
        self.error(start, end, diag);
    }

    /// Reports an unknown command, with known commands close to it.
    fn unknown_command(&mut self, start: usize, name: &str) {
        let end = start + 1 + name.len();
        let span = Span::new(start, end);
        let mut diag = Diagnostic::error("parse", format!("unknown command `\\{name}`"), span)
            .with_label("unknown command");
        let close = commands::suggestions(name);
        if !close.is_empty() {
            let list: Vec<String> = close.iter().map(|c| format!("`\\{c}`")).collect();
            diag = diag.with_help(format!("did you mean {}?", list.join(" or ")));
        }
        self.error(start, end, diag);
    }

    /// Reports a letter netform does not read: `z`, `\alpha`, `α`.
    fn unknown_letter(&mut self, start: usize, end: usize) {
        let text = &self.src[start..end];
        let what = if text.chars().count() == 1 || text.starts_with('\\') {
            "letter"
        } else {
            "name"
        };
        let diag = Diagnostic::error(
            "parse",
            format!("unknown {what} `{text}`"),
            Span::new(start, end),
        )
        .with_label("not a letter netform reads")
        .with_help(ACCEPTED_LETTERS);
        self.error(start, end, diag);
    }

    /// Lexes a run of ASCII letters as names: `theta`, `x`, `phix`, `ReLU`;
    /// `bb` right before `(` is ASCII bold, `bb(h)`.
    fn word(&mut self, start: usize) {
        let len = self.src.as_bytes()[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if len == 1 {
            // One letter, the common case (`x`, `h_1`): no word to split.
            return match atoms::letter_name(self.src.as_bytes()[start]) {
                Some(name) => self.add(Tok::Name(name), start, start + 1),
                None => self.unknown_letter(start, start + 1),
            };
        }
        let run = &self.src[start..start + len];
        if run == "bb" && self.src[start + len..].starts_with('(') {
            return self.push(Tok::Wrap(Wrap::Bold), start, start + len);
        }
        let mut at = 0;
        while at < len {
            match atoms::word_prefix(&run[at..]) {
                Some((n, _)) => at += n,
                None => return self.unknown_letter(start, start + len),
            }
        }
        let mut at = 0;
        while let Some((n, name)) = atoms::word_prefix(&run[at..]) {
            self.push(Tok::Name(name), start + at, start + at + n);
            at += n;
        }
    }

    /// Lexes a non-ASCII character: Greek letters, `₁₀`, `′`, `·`, `−`, `…`.
    fn unicode(&mut self, start: usize) {
        let Some(c) = self.src[start..].chars().next() else {
            return self.pos = self.src.len();
        };
        let end = start + c.len_utf8();
        if let Some(letter) = atoms::greek_char(c) {
            return self.push(Tok::Name(Name::Param(letter)), start, end);
        }
        if let Some(name) = atoms::bold_char(c) {
            // A mathematical bold letter, `𝐡` or `𝛃`, reads as `\mathbf{h}`
            // or `\boldsymbol{\beta}`: an empty wrap, then the letter.
            self.push(Tok::Wrap(Wrap::Bold), start, start);
            return self.push(Tok::Name(name), start, end);
        }
        if let Some(n) = atoms::prime_char(c) {
            return self.push(Tok::Prime(n), start, end);
        }
        if let Ok((_, run)) = atoms::unicode_subscript(&self.src[start..]) {
            return self.push(Tok::Sub, start, start + run.len());
        }
        match c {
            '·' | '⋅' | '×' => self.push(Tok::Times, start, end),
            '−' => self.push(Tok::Minus, start, end),
            '…' | '⋯' | '⋮' | '⋱' => self.elision(start, end),
            'ᵀ' => self.push(Tok::Transpose, start, end),
            c if c.is_whitespace() => self.pos = end,
            c if atoms::is_other_greek(c) => self.unknown_letter(start, end),
            _ => self.stray(start, end),
        }
    }

    /// Reports a character that is no part of the notation: `@`, `?`, `#`.
    fn stray(&mut self, start: usize, end: usize) {
        let text = &self.src[start..end];
        let span = Span::new(start, end);
        let mut diag = Diagnostic::error("parse", format!("unexpected character `{text}`"), span)
            .with_label("not part of the notation");
        if text == "#" {
            diag = diag.with_help("comments start with `%`");
        }
        self.error(start, end, diag);
    }
}

/// Whether a wrapper command holds text (`\text`, `\mbox`): one that names
/// no activation is prose, skipped.
fn is_text(name: &str) -> bool {
    matches!(name, "text" | "mbox" | "textrm" | "textnormal")
}

/// A font switch (`\bf`, `\rm`) at the start of `text`, with what it sets
/// and the text after it.
fn strip_switch(text: &str) -> Option<(Wrap, &str)> {
    let rest = text.strip_prefix('\\')?;
    let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    match commands::command(&rest[..name]) {
        Command::Switch(w) => Some((w, &rest[name..])),
        _ => None,
    }
}

/// How far a bad superscript reaches: `{…}` on its line, a command, or one
/// character.
fn superscript_extent(text: &str) -> usize {
    if text.starts_with('{') {
        return text.find(['}', '\n']).map_or(1, |n| n + 1);
    }
    if let Some(rest) = text.strip_prefix('\\') {
        let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let first = rest.chars().next().map_or(0, char::len_utf8);
        return 1 + if name > 0 { name } else { first };
    }
    text.chars().next().map_or(0, char::len_utf8)
}
