//! The document reader: one way, shared by every command, to find a
//! network's equations in a document.
//!
//! A document is a `.tex` file (preamble, sections, Beamer frames, prose), a
//! Markdown file or notebook cell with `$…$` and `$$…$$`, or plain text of
//! bare equations. [`read`] finds the math (`regions`: delimiters, math
//! environments, `eqnarray`; prose, code, comments and preambles are not
//! math), splits it into equations (`segments`: line breaks, `\\`,
//! environment boundaries, and `\qquad`, `\quad`, `\hspace{…}` or an arrow
//! when another equation follows), decides what each piece is
//! (`notation`), and returns a copy of the document to parse in which
//! everything else is blanked. Blanking keeps every byte offset, and the
//! few rewrites (a sum with numeric bounds written out, a separator between
//! equations on one line) are recorded, so that every diagnostic points
//! into the document as written.
//!
//! A file without any math delimiter is plain slide text: every line is
//! math, except lines that read as prose.
//!
//! Invariants: the readers (`convert`, `eval`, …) and `check` read the same
//! equations from the same document; nothing is dropped silently — notation
//! read past gives a note, and every math block not read is listed in
//! [`Reading::skipped`] with the reason; the work is linear in the document.

mod damage;
mod drawing;
mod notation;
mod offsets;
mod regions;
mod segments;

pub use damage::{damaged, find as find_damage, Damage};
pub use offsets::{blank_outside, blank_range, Analysed, Edit};
pub use regions::{scan, Region, Scan};

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Span;
use segments::Class;
use std::ops::Range;

/// Fixes longer than this many bytes are shared between the findings that
/// correct the same line, and quoted around the finding in reports.
pub const LONG_FIX: usize = 240;

/// One finding about a document: a diagnostic and, where it is known, the
/// corrected text (an equation, a line or a command).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What, where, how serious.
    pub diagnostic: Diagnostic,
    /// The corrected equation, if known. Findings that correct the same
    /// long line share one copy of it.
    pub fix: Option<std::sync::Arc<str>>,
}

impl Finding {
    /// A finding without a fix.
    pub fn new(diagnostic: Diagnostic) -> Finding {
        Finding {
            diagnostic,
            fix: None,
        }
    }

    /// Attaches the corrected text. A long text equal to the one attached
    /// just before is shared rather than copied, so that thousands of
    /// findings on one long line hold it once.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Finding {
        thread_local! {
            static LAST: std::cell::RefCell<Option<std::sync::Arc<str>>> =
                const { std::cell::RefCell::new(None) };
        }
        let fix: String = fix.into();
        if fix.len() <= LONG_FIX {
            self.fix = Some(fix.into());
            return self;
        }
        self.fix = Some(LAST.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                Some(shared) if **shared == *fix => shared.clone(),
                _ => {
                    let shared: std::sync::Arc<str> = fix.into();
                    *last = Some(shared.clone());
                    shared
                }
            }
        }));
        self
    }
}

/// A block of math the reader did not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The block's math, in the document.
    pub span: Span,
    /// Why it was not read: `no network equation`, `a parameter set`, ….
    pub reason: String,
}

/// What the reader found in a document.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// The text to parse: everything but the equations blanked, sums written
    /// out; spans in it map back to the document.
    pub analysed: Analysed,
    /// Each equation found, as a span of the document (a continuation line
    /// belongs to its equation).
    pub equations: Vec<Span>,
    /// Notation read past inside the math, each with a located note.
    pub notes: Vec<Diagnostic>,
    /// Math blocks with no equation read, with the reason.
    pub skipped: Vec<Skipped>,
    /// Math blocks with at least one equation read.
    pub blocks_read: usize,
    /// The math of each block read, in document order.
    pub blocks: Vec<Span>,
    /// Unbalanced delimiters and environments met while finding the math.
    pub problems: Vec<Finding>,
    /// Where sections (slides, headings) start, as document offsets.
    pub sections: Vec<usize>,
}

impl Reading {
    /// The notes a reader prints: each piece of notation read past, and one
    /// line for the math blocks that hold no network equation.
    pub fn reader_notes(&self) -> Vec<Diagnostic> {
        let mut out = self.notes.clone();
        let plain: Vec<&Skipped> = self
            .skipped
            .iter()
            .filter(|s| s.reason == NO_EQUATION)
            .collect();
        if let Some(first) = plain.first() {
            let n = plain.len();
            let d = Diagnostic {
                severity: Severity::Info,
                ..Diagnostic::error(
                    "skipped",
                    format!(
                        "read {} equation{} from {} math block{}; {n} math block{} with no network equation {} skipped",
                        self.equations.len(),
                        plural(self.equations.len()),
                        self.blocks_read,
                        plural(self.blocks_read),
                        plural(n),
                        if n == 1 { "was" } else { "were" },
                    ),
                    first.span,
                )
                .with_label(if n == 1 { "this one" } else { "the first" })
            };
            out.push(d);
        }
        out.extend(self.problems.iter().map(|p| Diagnostic {
            severity: Severity::Warning,
            ..p.diagnostic.clone()
        }));
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The reason given for a block that holds no network equation.
pub const NO_EQUATION: &str = "no network equation";

/// Reads a document: finds its equations and returns the text to parse.
///
/// ```
/// let doc = "\\documentclass{article}\n\\begin{document}\nThe network is\n\
///            \\begin{eqnarray}\n h_1 &=& \\mbox{a}[\\theta_{10} + \\theta_{11}x], \\nonumber\\\\\n\
///            y &=& \\phi_0 + \\phi_1 h_1.\n\\end{eqnarray}\nwhere $x$ is the input.\n\\end{document}\n";
/// let reading = netform::document::read(doc);
/// assert_eq!(reading.equations.len(), 2);
/// assert_eq!(reading.skipped.len(), 1); // `$x$`
/// let network = netform::read::network(doc).unwrap();
/// assert_eq!(network.units.len(), 2);
/// ```
pub fn read(source: &str) -> Reading {
    let scan = regions::scan(source);
    let undelimited = scan.regions.len() == 1 && !scan.regions[0].delimited;
    let mut reader = Reader {
        heading: None,
        source,
        undelimited,
        kept: Vec::new(),
        holes: Vec::new(),
        edits: Vec::new(),
        out: Reading {
            problems: scan.findings,
            sections: scan.sections,
            ..Reading::default()
        },
        previous: false,
        last_open: false,
    };
    for region in &scan.regions {
        reader.region(region);
    }
    reader.finish(&scan.separators)
}

/// A kept part of the document.
#[derive(Clone, Debug)]
struct Kept {
    range: Range<usize>,
    /// It starts an equation (rather than continuing the one before).
    starts: bool,
}

/// A heading `y = f[x, φ]` kept until the next line says whether an
/// equation goes on from it.
struct Heading {
    kept: usize,
    holes: usize,
    notes: usize,
    range: Range<usize>,
}

/// The state of one reading.
struct Reader<'a> {
    heading: Option<Heading>,
    source: &'a str,
    /// The document has no math delimiters: every line may be math.
    undelimited: bool,
    kept: Vec<Kept>,
    holes: Vec<Range<usize>>,
    edits: Vec<Edit>,
    out: Reading,
    /// The last part with content was kept.
    previous: bool,
    /// The last kept part ends with an operator, so the next line goes on.
    last_open: bool,
}

impl Reader<'_> {
    /// Reads one block of math.
    fn region(&mut self, region: &Region) {
        let before = self.kept.len();
        let mut reason: Option<String> = None;
        let content = region.content.clone();
        let mut at = content.start;
        for (range, text) in drawing::find(self.source, content.clone()) {
            self.text(at..range.start, &mut reason);
            self.keep(range.clone(), true);
            self.edits.push(Edit { range, text });
            self.previous = true;
            self.last_open = false;
            at = self.kept.last().map_or(at, |k| k.range.end);
        }
        self.text(at..content.end, &mut reason);
        if self.kept.len() > before {
            self.out.blocks_read += 1;
            self.out.blocks.push(Span::new(content.start, content.end));
        } else if !segments::trimmed(&self.source[content.clone()]).is_empty() {
            self.out.skipped.push(Skipped {
                span: trimmed_span(self.source, content.clone()),
                reason: reason.unwrap_or_else(|| NO_EQUATION.to_string()),
            });
        }
    }

    /// Reads the pieces of `range`, text of one block.
    fn text(&mut self, range: Range<usize>, reason: &mut Option<String>) {
        if range.is_empty() {
            return;
        }
        for part in segments::split(self.source, range) {
            self.part(part, reason);
        }
    }

    /// Classifies one part and keeps it or reads past it.
    fn part(&mut self, part: segments::Part, reason: &mut Option<String>) {
        let raw = &self.source[part.range.clone()];
        let outcome = notation::classify(raw, part.numbered, part.maybe_sum);
        let base = part.range.start;
        let shift = |r: &Range<usize>| base + r.start..base + r.end;
        if let Some(pending) = self.heading.take() {
            if outcome.class != Class::Continuation && outcome.class != Class::Empty {
                self.retract(pending);
            } else if outcome.class == Class::Empty {
                self.heading = Some(pending);
            }
        }
        // What follows an equation left open (`h'_1 &= \quad a[…] &=`)
        // goes on with it, whatever it looks like on its own.
        let goes_on = self.previous
            && self.last_open
            && !matches!(outcome.class, Class::Empty | Class::Equation);
        let class = if goes_on {
            Class::Continuation
        } else {
            outcome.class.clone()
        };
        let (keep, starts) = match &class {
            Class::Empty => return,
            Class::Equation => (true, true),
            Class::Heading => {
                self.heading = Some(Heading {
                    kept: self.kept.len(),
                    holes: self.holes.len(),
                    notes: self.out.notes.len(),
                    range: part.range.clone(),
                });
                (true, true)
            }
            Class::Continuation => (self.previous || self.undelimited, !self.previous),
            Class::Other if self.previous && self.last_open => (true, false),
            Class::Other => (self.undelimited && !prose(raw), true),
            Class::Notation(why) => {
                let span = trimmed_span(self.source, part.range.clone());
                let note = Diagnostic {
                    severity: Severity::Info,
                    ..Diagnostic::error("notation", format!("read past {why}"), span)
                        .with_label("not part of the network")
                };
                self.out.notes.push(note);
                reason.get_or_insert_with(|| why.clone());
                (false, false)
            }
        };
        if keep {
            self.keep(part.range.clone(), starts);
            self.holes.extend(outcome.holes.iter().map(shift));
            for (range, why) in &outcome.notes {
                let r = shift(range);
                let span = trimmed_span(self.source, r);
                let note = Diagnostic {
                    severity: Severity::Info,
                    ..Diagnostic::error("notation", format!("read past {why}"), span)
                        .with_label("not part of the network")
                };
                self.out.notes.push(note);
            }
            self.edits.extend(outcome.edits.into_iter().map(|e| Edit {
                range: shift(&e.range),
                text: e.text,
            }));
            self.last_open = outcome.open;
        }
        self.previous = keep;
    }

    /// Reads past a heading `y = f[x, φ]` that no line continued.
    fn retract(&mut self, heading: Heading) {
        self.kept.truncate(heading.kept);
        self.holes.truncate(heading.holes);
        self.out.notes.truncate(heading.notes);
        let span = trimmed_span(self.source, heading.range);
        self.out.notes.push(Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error("notation", "read past the model's name `f[…]`", span)
                .with_label("not part of the network")
        });
        self.previous = false;
    }

    fn keep(&mut self, range: Range<usize>, starts: bool) {
        self.kept.push(Kept { range, starts });
    }

    /// Builds the text to parse.
    fn finish(mut self, json_separators: &[usize]) -> Reading {
        if let Some(pending) = self.heading.take() {
            self.retract(pending);
        }
        let ranges: Vec<Range<usize>> = self.kept.iter().map(|k| k.range.clone()).collect();
        let mut blanked = blank_outside(self.source, &ranges);
        for hole in &self.holes {
            blank_range(&mut blanked, hole.clone());
        }
        // A `;` written over part of a character would leave no text: the
        // copy is then empty.
        let mut broken = false;
        let mut equations: Vec<Span> = Vec::new();
        for (i, k) in self.kept.iter().enumerate() {
            let span = Span::new(k.range.start, k.range.end);
            match equations.last_mut() {
                Some(last) if !k.starts => last.end = span.end,
                _ => equations.push(span),
            }
            if i == 0 || !k.starts {
                continue;
            }
            let gap = self.kept[i - 1].range.end..k.range.start;
            if gap.is_empty() {
                self.edits.push(Edit {
                    range: gap,
                    text: ";".into(),
                });
            } else if memchr::memchr(b'\n', self.source[gap.clone()].as_bytes()).is_none() {
                broken |= !semicolon(&mut blanked, gap.start);
            }
        }
        for &at in json_separators {
            if blanked.as_bytes().get(at) == Some(&b' ') {
                semicolon(&mut blanked, at);
            }
        }
        let blanked = if broken { String::new() } else { blanked };
        self.edits.sort_by_key(|e| (e.range.start, e.range.end));
        self.out.analysed = Analysed::from_blanked(blanked, &self.edits);
        self.out.equations = equations;
        self.out
    }
}

/// Writes `;` over the byte at `at` of `text` if it is ASCII, and says
/// whether it was.
fn semicolon(text: &mut String, at: usize) -> bool {
    let ascii = text.as_bytes()[at].is_ascii();
    if ascii {
        text.replace_range(at..at + 1, ";");
    }
    ascii
}

/// The span of `range` without surrounding spaces and `&`.
fn trimmed_span(source: &str, range: Range<usize>) -> Span {
    let text = &source[range.clone()];
    let lead = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || c == '&')
            .len();
    let body = text.trim_matches(|c: char| c.is_whitespace() || c == '&');
    let start = range.start + lead;
    Span::new(start, start + body.len())
}

/// Whether a line of plain text reads as prose rather than math: a word of
/// three or more letters that is not a name netform reads, outside a
/// command (`where`, `The network`), or a LaTeX command netform does not
/// know (`\maketitle`).
fn prose(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "theta", "vartheta", "phi", "varphi", "psi", "beta", "omega", "Omega", "Theta", "Phi",
        "Psi", "ReLU", "relu",
    ];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = &text[start..i];
        let command = start > 0 && bytes[start - 1] == b'\\';
        if command {
            if crate::syntax::is_unknown_command(word) {
                return true;
            }
            continue;
        }
        if word.len() >= 3 && !NAMES.iter().any(|n| word.split(n).all(str::is_empty)) {
            return true;
        }
    }
    false
}
