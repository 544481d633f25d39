//! `netform check`: notation mistakes in a document, with line, column, a
//! caret and, where it can, the corrected equation.
//!
//! The pipeline:
//!
//! 1. **Extraction** (`extract`): the math of a Markdown, LaTeX, plain-text
//!    or JSON document is found, prose is blanked (offsets kept), damaged
//!    commands (`oldsymbol{eta}`, TAB + `heta`) are repaired and reported.
//! 2. **Parsing**: the blanked text is parsed with
//!    [`crate::syntax::parse_document`]; an equation that does not parse is
//!    reported and blanked, and the rest is parsed again, so one bad equation
//!    does not hide the others.
//! 3. **Grouping**: equations are grouped into networks by the symbols they
//!    share (connected components): units of network 2 read `y` of network
//!    1, `ψ` definitions read θ′ and φ, so the composition slides form one
//!    group, while an unrelated network with other names is lowered on its
//!    own and cannot clash with the first.
//! 4. **Lowering** each group (`lowering`, with [`crate::lower`]): undefined
//!    hidden units, cycles, units defined twice with different right sides,
//!    chained equalities that do not hold. It runs before the trees are
//!    built (the whole document, lowered as it is parsed) or after every
//!    other check (freeing the trees as it goes), so that a large document
//!    never holds its syntax trees and lowering's terms at once.
//! 5. **Conventions** (`conventions`, `layers`): indices and primes by the
//!    book's rules, missing, extra and duplicated terms; a unit defined twice
//!    with the same right side (a warning); mixed spellings (`notation`,
//!    info only).
//!
//! Invariants: every finding's span points into the document as given;
//! nothing here panics on any input; a correct network rendered by netform
//! in any format gives no warning and no error (property-tested).
//!
//! Not yet checked: vector and matrix forms (`bmatrix`), which are blanked
//! until the parser reads them.
//!
//! ```
//! let report = netform::check::check("h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2");
//! assert!(report.has_errors());
//! assert_eq!(report.findings[0].diagnostic.code, "index");
//! assert_eq!(report.findings[0].fix.as_deref(), Some("h_2 = a[θ_20 + θ_21 x]"));
//! ```

mod agree;
mod brackets;
mod composition;
pub mod config;
mod conventions;
mod entries;
mod extract;
mod general;
mod itself;
mod layers;
mod lowering;
mod matrices;
mod notation;
mod psi;
mod report;
mod respell;
mod rows;
mod scopes;
mod slots;
mod suppress;
mod terms;
mod weights;

use crate::diagnostic::{Diagnostic, Severity};
use crate::symbol::SymbolTable;
use crate::syntax::{Document, Equation, Span};

pub use crate::document::Finding;

/// Everything `check` found in one document, in source order, and what it
/// read: "no findings" means every block listed as analysed was read and
/// nothing was found; the blocks it did not read are in `skipped`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// How many math blocks were analysed (at least one equation read).
    pub analysed: usize,
    /// The math blocks not analysed, with the reason, spans in the
    /// document.
    pub skipped: Vec<crate::document::Skipped>,
    /// How many findings a `netform-ignore` comment or an ignored code
    /// silenced.
    pub silenced: usize,
}

/// Every finding code `check` reports: the codes `--ignore`, `netform.toml`
/// and `% netform-ignore` may name.
pub const CODES: &[&str] = &[
    "activation-brackets",
    "bold-entry",
    "chain",
    "composition",
    "cycle",
    "damaged",
    "definition",
    "delimiter",
    "division",
    "duplicate-term",
    "encoding",
    "environment",
    "extra-term",
    "index",
    "input-size",
    "input-vector",
    "json",
    "left-right",
    "left-side",
    "lost-row-break",
    "matrix",
    "matrix-pattern",
    "matrix-repeated",
    "missing-term",
    "network",
    "no-entries",
    "no-equations",
    "no-units",
    "notation",
    "parse",
    "prime",
    "primes",
    "product",
    "redefined",
    "reparameterisation",
    "repeated",
    "size",
    "skipped",
    "sum-from-zero",
    "template",
    "too-large",
    "undecided",
    "undefined",
    "unread",
    "unreadable",
    "vector-form",
    "vector-name",
];

/// What a run of `check` leaves out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Finding codes silenced for the whole document (`--ignore CODE`).
    pub ignore: Vec<String>,
}

/// Maps a finding's spans from the parsed text back to the document.
fn into_document(mut finding: Finding, extraction: &extract::Extraction) -> Finding {
    let d = &mut finding.diagnostic;
    d.span = d.span.map(|s| extraction.span(s));
    for (s, _) in &mut d.secondary {
        *s = extraction.span(*s);
    }
    finding
}

/// The equations `check` reads in a document, as spans of the document:
/// the document reader's equations (see [`crate::document::read`]), read
/// after damaged commands are repaired. On a document without damage they
/// are exactly the equations every other command reads.
///
/// ```
/// let doc = "Two units: $h_1 = a[\\theta_{10} + \\theta_{11}x]$ and $y = \\phi_0 + \\phi_1 h_1$.";
/// assert_eq!(netform::check::equations(doc), netform::document::read(doc).equations);
/// ```
pub fn equations(source: &str) -> Vec<Span> {
    let extraction = extract::extract(source);
    extraction
        .reading
        .equations
        .iter()
        .map(|&s| extraction.repaired_to_document(s))
        .collect()
}

/// Checks a document: Markdown, LaTeX, plain text or a JSON network.
pub fn check(source: &str) -> Report {
    check_with(source, &Options::default())
}

/// Checks a document, leaving out what `options` silences: the codes it
/// ignores, and each finding named by a `% netform-ignore CODE` comment
/// (or `<!-- netform-ignore CODE -->` in Markdown) on the equation after
/// the comment.
///
/// ```
/// use netform::check::{check_with, Options};
/// let doc = "% netform-ignore index\nh_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2";
/// let report = check_with(doc, &Options::default());
/// assert!(report.has_errors()); // the comment names the equation of h_1, not h_2
/// let doc = "h_1 = a[θ_10 + θ_11 x]\n% netform-ignore index\nh_2 = a[θ_20 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2";
/// let report = check_with(doc, &Options::default());
/// assert!(!report.has_errors());
/// assert_eq!(report.silenced, 1);
/// let options = Options { ignore: vec!["index".into()] };
/// let report = check_with("h_1 = a[θ_10 + θ_21 x]\ny = φ_0 + φ_1 h_1", &options);
/// assert_eq!((report.has_errors(), report.silenced), (false, 1));
/// ```
pub fn check_with(source: &str, options: &Options) -> Report {
    if u32::try_from(source.len()).is_err() {
        let d = Diagnostic::global("too-large", "the input is larger than 4 GiB");
        return Report {
            findings: vec![Finding::new(d)],
            ..Report::default()
        };
    }
    let mut extraction = extract::extract(source);
    let mut findings = std::mem::take(&mut extraction.findings);
    findings.extend(matrices::check(source));
    let mut math: Vec<Span> = extraction
        .reading
        .blocks
        .iter()
        .chain(extraction.reading.skipped.iter().map(|s| &s.span))
        .map(|&s| extraction.repaired_to_document(s))
        .collect();
    math.sort_by_key(|s| (s.start, s.end));
    findings.extend(rows::check(source, &math));
    let (text, cut, spans) = parse_input(&extraction);
    let whole = lowering::whole(&text);
    let (parsed, mut found, unreadable) = parse(&text, &spans);
    drop(text);
    if let Some((mut document, mut symbols)) = parsed {
        found.extend(psi::reparameterisation(&document, &symbols));
        let sections = Sections(extraction.sections.clone());
        let blocks = &extraction.reading.blocks;
        // Math blocks, and comment lines (`% network 2`) between the parts
        // of a plain-text derivation, start the spans a unit may not be
        // stated twice in.
        let mut starts: Vec<u32> = blocks
            .iter()
            .map(|b| extraction.reading.analysed.to_copy(b.start as usize) as u32)
            .collect();
        let mut at = 0;
        for line in source.split_inclusive('\n') {
            if line.trim_start().starts_with('%') {
                starts.push(extraction.to_parsed(at));
            }
            at += line.len();
        }
        starts.sort_unstable();
        let block_starts = Sections(starts);
        let block: Vec<usize> = document
            .equations
            .iter()
            .map(|eq| {
                let at = extraction
                    .reading
                    .analysed
                    .to_document(eq.span.start as usize) as u32;
                blocks.partition_point(|b| b.end <= at)
            })
            .collect();
        let after_failure = unread_after_failure(&document, &symbols, &unreadable);
        let template = hidden_template(&extraction, source);
        // Lowering frees the trees as it goes, unless the template's units
        // are looked up in them after it.
        let reparse = (!template).then_some(|| {
            let extraction = extract::extract(source);
            let (text, _, spans) = parse_input(&extraction);
            parse(&text, &spans).0
        });
        found.extend(network_findings(
            &mut document,
            &mut symbols,
            std::mem::take(&mut extraction.reading.analysed.text),
            &sections,
            &block,
            &block_starts,
            lowering::Plan { reparse, whole },
        ));
        unreadable_units(&mut found, &unreadable);
        found.extend(after_failure);
        if template {
            templated_units(&mut found, &document, &symbols, &sections);
        }
    } else if found.is_empty() && findings.is_empty() {
        let d = Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::global("no-equations", "no network equations found")
        };
        found.push(Finding::new(d));
    }
    findings.extend(found.into_iter().map(|f| into_document(f, &extraction)));
    findings.sort_by_key(|f| {
        let d = &f.diagnostic;
        (
            d.span.map(|s| (s.start, s.end)),
            std::cmp::Reverse(d.severity),
        )
    });
    findings.dedup_by(|a, b| {
        a.diagnostic.code == b.diagnostic.code && a.diagnostic.span == b.diagnostic.span
    });
    let equations: Vec<Span> = extraction
        .reading
        .equations
        .iter()
        .map(|&s| extraction.repaired_to_document(s))
        .collect();
    let (findings, silenced) = suppress::apply(findings, source, &equations, &options.ignore);
    let skipped = extraction
        .reading
        .skipped
        .iter()
        .map(|s| crate::document::Skipped {
            span: extraction.repaired_to_document(s.span),
            reason: s.reason.clone(),
        })
        .chain(cut)
        .collect::<Vec<_>>();
    let mut skipped = skipped;
    skipped.sort_by_key(|s| s.span.start);
    Report {
        findings,
        analysed: extraction.reading.blocks_read,
        skipped,
        silenced,
    }
}

/// The text to parse: the extraction's, in which an equation the reader
/// cut after its `=` (the rest of the row was not read) is blanked, so that
/// the parser does not run it into the next row; the equations so cut,
/// listed as skipped; and each equation's range in the text.
fn parse_input(
    extraction: &extract::Extraction,
) -> (
    std::borrow::Cow<'_, str>,
    Vec<crate::document::Skipped>,
    Vec<std::ops::Range<usize>>,
) {
    // Copied only if an equation is blanked (a large input is not copied
    // whole for nothing).
    let mut text = std::borrow::Cow::Borrowed(extraction.text());
    let mut cut = Vec::new();
    let analysed = &extraction.reading.analysed;
    let mut spans = Vec::with_capacity(extraction.reading.equations.len());
    for &eq in &extraction.reading.equations {
        let (a, b) = (
            analysed.to_copy(eq.start as usize),
            analysed.to_copy(eq.end as usize),
        );
        spans.push(a..b);
        let body = text.get(a..b).unwrap_or_default();
        if body.trim_end().ends_with('=') {
            crate::document::blank_range(text.to_mut(), a..b);
            cut.push(crate::document::Skipped {
                span: extraction.repaired_to_document(eq),
                reason: "the right side of this equation was not read".into(),
            });
        }
    }
    (text, cut, spans)
}

/// The most rounds of parsing after blanking equations that failed.
const PARSE_ROUNDS: usize = 8;

/// What parsing gave: the document when some of it parsed, the findings
/// about equations that did not, and the text of those equations.
type Parsed = (Option<(Document, SymbolTable)>, Vec<Finding>, Vec<String>);

/// Parses the analysed text; an equation that fails is reported, blanked,
/// and the rest parsed again. An equation `check` cannot read is a warning:
/// it may be a mistake (an unbalanced bracket) or notation netform does not
/// read (`a(z)`, a `cases` environment); either way it was not analysed.
/// The equation blanked is the reader's (`equations`, ranges of `text`)
/// that holds the failure, so that the rest of a matrix equation over
/// several lines does not fail again piece by piece.
fn parse(text: &str, equations: &[std::ops::Range<usize>]) -> Parsed {
    // Copied when the first failing equation is blanked.
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for _ in 0..PARSE_ROUNDS {
        let mut symbols = SymbolTable::new();
        let diags = match crate::syntax::parse_document(&text, &mut symbols) {
            Ok(document) => return (Some((document, symbols)), found, unreadable),
            Err(diags) => diags,
        };
        let spans: Vec<Span> = diags.iter().filter_map(|d| d.span).collect();
        found.extend(diags.into_iter().filter(|d| d.span.is_some()).map(|d| {
            // A limit reached (nesting, digits, primes) stays an error:
            // the input is refused, not merely unread.
            let limit = ["deeper than", "more than", "too many", "larger than"]
                .iter()
                .any(|w| d.message.contains(w));
            let severity = if limit { d.severity } else { Severity::Warning };
            Finding::new(Diagnostic { severity, ..d })
        }));
        if spans.is_empty() {
            break;
        }
        for s in spans {
            let (a, b) = (s.start as usize, s.end as usize);
            let read = equations
                .iter()
                .find(|r| r.start <= a && b <= r.end.max(r.start + 1));
            unreadable.push(match read {
                Some(r) if multiline_matrix(&text[r.start..r.end.min(text.len())]) => {
                    let r = r.start..r.end.min(text.len());
                    let blanked = text[r.clone()].to_string();
                    crate::document::blank_range(text.to_mut(), r);
                    blanked
                }
                _ => blank_equation(text.to_mut(), s),
            });
        }
    }
    (None, found, unreadable)
}

/// Whether an equation's text runs over several lines and holds a matrix
/// environment (`\begin{bmatrix}` on a line of its own): its lines are not
/// equations of their own, so a failure blanks all of them.
fn multiline_matrix(text: &str) -> bool {
    text.contains('\n') && text.contains("matrix}")
}

/// Whether the document gives its hidden units by a template (`h_d =
/// a[θ_{d0} + θ_{d1}x]`), which the reader reads past.
fn hidden_template(extraction: &extract::Extraction, source: &str) -> bool {
    let written = [
        "h_d", "h_{d}", "h_k", "h_{k}", "h_j", "h_{j}", "h_i", "h_{i}",
    ]
    .iter()
    .any(|t| {
        source.match_indices(t).any(|(at, _)| {
            let rest = source[at + t.len()..].trim_start_matches([' ', '&']);
            rest.starts_with('=') && !rest.starts_with("==")
        })
    });
    let reading = &extraction.reading;
    written
        || reading
            .notes
            .iter()
            .any(|n| n.message.starts_with("a template"))
        || reading
            .skipped
            .iter()
            .any(|s| s.reason.starts_with("a template"))
}

/// Hidden units read but defined only by a template: noted, not errors.
/// That is the reading when an equation reads several hidden units none of
/// which is defined readably (`y_1 = φ_10 + φ_11 h_1 + … + φ_14 h_4` after
/// `h_d = a[θ_d0 + θ_d1 x]`); one undefined unit among defined ones is a
/// mistake all the same. A unit defined only in another section (a later
/// slide's two-input network) is not a definition the equation sees.
fn templated_units(
    found: &mut [Finding],
    document: &Document,
    symbols: &SymbolTable,
    sections: &Sections,
) {
    let equation_of = |f: &Finding| {
        let s = f.diagnostic.span?;
        document
            .equations
            .iter()
            .position(|e| e.span.start <= s.start && s.end <= e.span.end)
    };
    let mut unread: std::collections::HashMap<usize, usize> = Default::default();
    for f in found.iter() {
        if matches!(f.diagnostic.code, "undefined" | "unreadable") {
            if let Some(i) = equation_of(f) {
                *unread.entry(i).or_default() += 1;
            }
        }
    }
    let mut defined_in: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for eq in &document.equations {
        if let Some(w) = terms::unit(eq, symbols) {
            let at = sections.of(eq.span);
            defined_in.entry(w.sym.0 as usize).or_default().push(at);
        }
    }
    for (&i, count) in unread.iter_mut() {
        let eq = &document.equations[i];
        let own = terms::unit(eq, symbols).map(|w| w.sym.0 as usize);
        let mut read = names(eq);
        read.sort_unstable();
        read.dedup();
        let section = sections.of(eq.span);
        *count += read
            .iter()
            .filter(|&&n| Some(n) != own)
            .filter(|n| {
                defined_in
                    .get(n)
                    .is_some_and(|at| at.iter().all(|&s| s != section))
            })
            .count();
    }
    for f in found.iter_mut() {
        let several = equation_of(f).is_some_and(|i| unread.get(&i).is_some_and(|&n| n >= 2));
        let d = &mut f.diagnostic;
        if d.code == "undefined" && several {
            d.severity = Severity::Info;
            d.code = "template";
            d.message = d.message.replace(
                "is used but never defined",
                "is defined only by the document's template",
            );
            d.label = "given by the template".into();
            d.help = None;
        }
    }
}

/// A hidden unit whose equation did not parse is defined, though
/// unreadable: its uses are not reported as undefined (the parse failure
/// already is), only noted.
fn unreadable_units(found: &mut [Finding], unreadable: &[String]) {
    let key = |s: &str| -> String {
        s.replace("^\\prime", "")
            .replace("\\prime", "")
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}' | '&' | '\'' | '$'))
            .collect()
    };
    let defined: Vec<String> = unreadable.iter().map(|t| key(t)).collect();
    for f in found.iter_mut() {
        let d = &mut f.diagnostic;
        if d.code != "undefined" {
            continue;
        }
        let Some(name) = d.message.split('`').nth(1) else {
            continue;
        };
        let name = key(name);
        let defines = |t: &String| {
            t.match_indices(&name).any(|(at, _)| {
                let before = t[..at].chars().next_back();
                let starts = before.is_none_or(|c| !c.is_alphanumeric() && c != '_');
                starts && t[at + name.len()..].starts_with('=')
            })
        };
        if defined.iter().any(defines) {
            d.severity = Severity::Info;
            d.code = "unreadable";
            d.message = format!("`{name}` is defined by an equation that could not be read");
            d.label = "defined, unreadable".into();
            d.help = None;
        }
    }
}

/// Hidden units `h_k` that an equation which could not be read defines
/// and no equation reads, while an equation reads their siblings: `y = φ_0
/// + φ_2 h_2 + φ_3 h_3` after `h_1 = a[z_1], h_2 = a[z_2], h_3 = a[z_3]`
/// has no term in `h_1`.
fn unread_after_failure(
    document: &Document,
    symbols: &SymbolTable,
    unreadable: &[String],
) -> Vec<Finding> {
    use crate::symbol::{Letter, VarLetter};
    let mut defined: std::collections::BTreeSet<u32> = Default::default();
    for text in unreadable {
        let key: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}' | '&' | '$'))
            .collect();
        for (at, _) in key.match_indices("h_") {
            let before = key[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\\') {
                continue;
            }
            let digits: String = key[at + 2..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let rest = &key[at + 2 + digits.len()..];
            if let (Ok(k), true) = (digits.parse::<u32>(), rest.starts_with('=')) {
                defined.insert(k);
            }
        }
    }
    if defined.is_empty() {
        return Vec::new();
    }
    let hidden = |sym: usize| {
        let s = &symbols[crate::symbol::Sym(sym as u32)];
        (s.letter == Letter::Var(VarLetter::H) && s.primes == 0 && s.indices.len() == 1)
            .then(|| s.indices[0])
    };
    let reads: Vec<std::collections::BTreeSet<u32>> = document
        .equations
        .iter()
        .map(|eq| {
            let right = Equation {
                sides: eq.sides.iter().skip(1).cloned().collect(),
                ..eq.clone()
            };
            names(&right).into_iter().filter_map(hidden).collect()
        })
        .collect();
    let read_anywhere: std::collections::BTreeSet<u32> = reads.iter().flatten().copied().collect();
    let mut out = Vec::new();
    for (eq, read) in document.equations.iter().zip(&reads) {
        let Some(unit) = terms::unit(eq, symbols) else {
            continue;
        };
        if eq.sides.len() != 2 || eq.is_vector_form() || !read.iter().any(|k| defined.contains(k)) {
            continue;
        }
        let missing: Vec<String> = defined
            .iter()
            .filter(|k| !read_anywhere.contains(k) && hidden(unit.sym.0 as usize) != Some(**k))
            .map(|k| format!("`h_{k}`"))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let d = Diagnostic::error(
            "missing-term",
            format!(
                "the equation of `{}` has no term in {}, defined by an equation that could not be read and read by no equation",
                symbols[unit.sym],
                missing.join(", ")
            ),
            eq.sides[1].span,
        )
        .with_label("a term is missing here")
        .with_help("every hidden unit must be read by the next layer; add its term");
        out.push(Finding::new(d));
    }
    out
}

/// Blanks the lines of the equation around `span`: its line, and the lines
/// before and after that continue it (they start with `+`, `-` or `=`).
/// Returns the text blanked.
fn blank_equation(text: &mut String, span: Span) -> String {
    let continues = |line: &str| {
        line.trim_start_matches([' ', '\t', '&'])
            .starts_with(['+', '-', '='])
    };
    let at = (span.start as usize).min(text.len());
    let mut start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    while start > 0 && continues(&text[start..]) {
        start = text[..start - 1].rfind('\n').map_or(0, |n| n + 1);
    }
    let mut end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    while end < text.len() && continues(&text[end + 1..]) {
        end = text[end + 1..]
            .find('\n')
            .map_or(text.len(), |n| end + 1 + n);
    }
    let end = end.max(span.end as usize).min(text.len());
    let blanked = text.get(start..end).unwrap_or_default().to_string();
    crate::document::blank_range(text, start..end);
    blanked
}

/// The findings about a parsed document, spans in `text`.
///
/// The book's conventions apply to the scalar equations. An equation in
/// vector form (bold names, matrices, transposes) is lowered with its group,
/// so that sizes and entries are checked against the scalar equations; a
/// vector form whose names have no entries anywhere in the document is a
/// schematic statement (`$\mathbf{h} = \mathbf{a}[\boldsymbol\theta_0 +
/// \boldsymbol\theta x]$` in prose), noted and not checked further.
///
/// With the plan's `reparse` (which parses the document again), lowering
/// frees the syntax trees as it goes (see [`lowering`]): the equations'
/// sides are empty afterwards. The text is freed before lowering.
fn network_findings<F>(
    document: &mut Document,
    symbols: &mut SymbolTable,
    text: String,
    sections: &Sections,
    block: &[usize],
    block_starts: &Sections,
    plan: lowering::Plan<F>,
) -> Vec<Finding>
where
    F: FnOnce() -> Option<(Document, SymbolTable)>,
{
    let mut out = reading_findings(document, symbols, &text, sections, block, block_starts);
    // Lowering reads the trees alone.
    drop(text);
    let (scopes, notation) = (out.scopes, out.notation);
    let groups: Vec<&[usize]> = scopes
        .iter()
        .flat_map(|s| s.groups.iter().map(|(g, _)| g.as_slice()))
        .collect();
    let lowered = lowering::groups(document, symbols, &out.scalar, &groups, plan);
    let mut lowered = lowered.into_iter();
    for scope in scopes {
        out.findings.extend(scope.notes);
        let in_context = |f: &Finding| {
            f.diagnostic.span.is_some_and(|s| {
                scope.context.iter().any(|&i| {
                    let e = document.equations[i].span;
                    e.start <= s.start && s.start < e.end.max(e.start + 1)
                })
            })
        };
        for (_, layers) in scope.groups {
            let found = lowered.next().unwrap_or_default().into_iter().chain(layers);
            out.findings.extend(found.filter(|f| !in_context(f)));
        }
    }
    out.findings.extend(notation);
    out.findings
}

/// What the checks that read the syntax trees found, in the order they are
/// reported, with each group's lowering left out (it comes last, see
/// [`lowering`]).
struct Read {
    /// The findings before the scopes'.
    findings: Vec<Finding>,
    /// Each scope's.
    scopes: Vec<ScopeFindings>,
    /// The spelling notes, reported after the scopes'.
    notation: Vec<Finding>,
    /// Whether each equation is scalar.
    scalar: Vec<bool>,
}

/// One scope's findings before lowering.
struct ScopeFindings {
    /// The notes about equations that only name a vector's entries.
    notes: Vec<Finding>,
    /// The context equations: nothing is reported about them.
    context: Vec<usize>,
    /// Each group, and its findings to report after its lowering's.
    groups: Vec<(Vec<usize>, Vec<Finding>)>,
}

/// [`network_findings`] but lowering: every check that reads the trees.
fn reading_findings(
    document: &Document,
    symbols: &SymbolTable,
    text: &str,
    sections: &Sections,
    block: &[usize],
    block_starts: &Sections,
) -> Read {
    let conventions = conventions::Conventions { symbols, text };
    // The outputs the document defines (`y`, `y'`), by their primes.
    let mut outputs: Vec<(u8, crate::symbol::Sym)> = document
        .equations
        .iter()
        .filter_map(|eq| terms::unit(eq, symbols))
        .map(|w| w.sym)
        .filter(|&s| {
            symbols[s].letter == crate::symbol::Letter::Var(crate::symbol::VarLetter::Y)
                && symbols[s].indices.is_empty()
        })
        .map(|s| (symbols[s].primes, s))
        .collect();
    outputs.sort_unstable();
    outputs.dedup_by_key(|o| o.0);
    let scalar: Vec<bool> = document
        .equations
        .iter()
        .map(|eq| !eq.is_vector_form())
        .collect();
    let mut out: Vec<Finding> = document
        .equations
        .iter()
        .zip(&scalar)
        .filter(|(_, &s)| s)
        .flat_map(|(eq, _)| {
            let mut found = conventions.equation(eq);
            found.extend(weights::check(&conventions, eq));
            found
        })
        .collect();
    let scalar_output = outputs.iter().any(|&(p, _)| p == 0)
        && !document.equations.iter().any(|eq| {
            terms::unit(eq, symbols).is_some_and(|w| {
                let s = &symbols[w.sym];
                s.letter == crate::symbol::Letter::Var(crate::symbol::VarLetter::Y)
                    && s.primes == 0
                    && !s.indices.is_empty()
            })
        });
    for eq in &document.equations {
        out.extend(composition::check(&conventions, eq, &outputs));
        out.extend(psi::check(&conventions, eq, scalar_output));
        out.extend(itself::check(&conventions, eq));
        out.extend(entries::check(&conventions, eq));
        out.extend(general::check(&conventions, eq));
    }
    out.extend(sizes(document, symbols, &scalar, text));
    let reported: Vec<Span> = out.iter().filter_map(|f| f.diagnostic.span).collect();
    let mut found = Vec::new();
    for (scope, context) in scopes::scopes(document, symbols, block, sections) {
        let mut members: Vec<usize> = scope.iter().chain(&context).copied().collect();
        members.sort_unstable();
        let naming = vector_names(document, &members);
        let notes = naming
            .iter()
            .map(|&i| {
                Finding::new(Diagnostic {
                    severity: Severity::Info,
                    ..Diagnostic::error(
                        "vector-name",
                        "names the entries of a vector no equation of this network uses in bold; not checked",
                        document.equations[i].span,
                    )
                    .with_label("read as notation")
                })
            })
            .collect();
        members.retain(|i| !naming.contains(i));
        let groups = groups(document, symbols, &members)
            .into_iter()
            .map(|group| {
                let found = layer_findings(
                    document,
                    symbols,
                    &scalar,
                    &group,
                    &reported,
                    sections,
                    block_starts,
                );
                (group, found)
            })
            .collect();
        found.push(ScopeFindings {
            notes,
            context,
            groups,
        });
    }
    let scalars = document
        .equations
        .iter()
        .zip(&scalar)
        .filter(|(_, &s)| s)
        .map(|(eq, _)| eq);
    Read {
        findings: out,
        scopes: found,
        notation: notation::check(scalars, symbols, text),
        scalar,
    }
}

/// Sizes that do not fit inside one vector-form equation (a 3×3 weight
/// matrix times a 2×1 vector): the equation is expanded on its own, so that
/// a mistake elsewhere in its network does not hide it, and only its size
/// errors are kept (what its names mean is the network's business).
///
/// A product of weights and a vector of units that do not fit is reported
/// at the weights: the units are the network's, the weights were typed for
/// it (`[φ'_1 φ'_2]` times `[h'_1; h'_2; h'_3]` lacks `φ'_3`).
fn sizes(document: &Document, symbols: &SymbolTable, scalar: &[bool], text: &str) -> Vec<Finding> {
    let vector: Vec<&Equation> = document
        .equations
        .iter()
        .zip(scalar)
        .filter(|(_, &s)| !s)
        .map(|(eq, _)| eq)
        .collect();
    let mut out = Vec::new();
    if vector.is_empty() {
        return out;
    }
    // One scratch table for all: expanding interns the units' names, the
    // same for every equation, so the work is linear in the equations.
    let mut scratch = symbols.clone();
    for eq in vector {
        let one = Document {
            equations: vec![eq.clone()],
        };
        if let Err(errors) = crate::matrix_lower::expand(&one, &mut scratch) {
            out.extend(
                errors
                    .into_iter()
                    .filter(|d| d.code == "size" && d.span.is_some())
                    .map(|d| Finding::new(at_the_weights(d, text))),
            );
        }
    }
    out
}

/// A product's size error moved to its left factor when that holds
/// parameters and the right factor holds none.
fn at_the_weights(mut d: Diagnostic, text: &str) -> Diagnostic {
    const PARAMETERS: &[&str] = &[
        "\\theta", "\\phi", "\\psi", "\\omega", "\\Omega", "\\beta", "\\Psi", "\\Theta", "θ", "φ",
        "ψ", "ω", "Ω", "β", "Ψ", "Θ", "theta", "phi", "psi",
    ];
    let holds = |s: Span| {
        text.get(s.range())
            .is_some_and(|t| PARAMETERS.iter().any(|p| t.contains(p)))
    };
    let (Some(right), [(left, _)]) = (d.span, d.secondary.as_slice()) else {
        return d;
    };
    let left = entries_of(*left, text);
    if d.message.starts_with("cannot multiply") && holds(left) && !holds(right) {
        let (label, other) = (d.label.clone(), d.secondary[0].1.clone());
        d.span = Some(left);
        d.label = other;
        d.secondary = vec![(right, label)];
    }
    d
}

/// The entries of a matrix written `\begin{bmatrix} … \end{bmatrix}` at
/// `span`, without the environment's commands: the caret goes on the
/// entries (a row that lacks one), not on the line of `\begin`.
fn entries_of(span: Span, text: &str) -> Span {
    let Some(t) = text.get(span.range()) else {
        return span;
    };
    let (Some(open), Some(close)) = (t.find('}'), t.rfind("\\end{")) else {
        return span;
    };
    if !t.starts_with("\\begin{") || open + 1 > close {
        return span;
    }
    let body = &t[open + 1..close];
    let lead = body.len() - body.trim_start().len();
    let start = span.start as usize + open + 1 + lead;
    let end = span.start as usize + open + 1 + body.trim_end().len();
    if start >= end {
        return span;
    }
    Span::new(start, end)
}

/// The equations among `members` that only name a vector's entries
/// (`{\bf y} = [y_1, y_2]^\top` in the prose of notes) while no other
/// equation of the scope writes that name in bold: notation, not part of
/// the network (lowering them would give the scalar `x` the vector's size).
fn vector_names(document: &Document, members: &[usize]) -> Vec<usize> {
    use crate::syntax::{Expr, ExprKind};
    fn bold_name(e: &Expr) -> Option<crate::symbol::Sym> {
        match &e.kind {
            ExprKind::Symbol {
                sym, bold: true, ..
            } => Some(*sym),
            ExprKind::Group(x) => bold_name(x),
            _ => None,
        }
    }
    fn entries(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Transpose(x) | ExprKind::Group(x) => entries(x),
            ExprKind::Matrix { rows, .. } => rows
                .iter()
                .flatten()
                .all(|x| matches!(x.kind, ExprKind::Symbol { bold: false, .. })),
            _ => false,
        }
    }
    fn bold_uses(e: &Expr, out: &mut Vec<crate::symbol::Sym>) {
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Symbol {
                    sym, bold: true, ..
                } => out.push(*sym),
                ExprKind::Symbol { .. } | ExprKind::Number(_) => {}
                ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
                ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
                ExprKind::Matrix { rows, .. } => stack.extend(rows.iter().flatten()),
                ExprKind::Activation { arg, .. } => stack.push(arg),
                ExprKind::Quotient(a, b) => {
                    stack.push(a);
                    stack.push(b);
                }
            }
        }
    }
    let naming: Vec<(usize, crate::symbol::Sym)> = members
        .iter()
        .filter_map(|&i| {
            let eq = &document.equations[i];
            let name = eq.sides.first().and_then(bold_name)?;
            (eq.sides.len() == 2 && entries(&eq.sides[1])).then_some((i, name))
        })
        .collect();
    naming
        .into_iter()
        .filter(|&(i, name)| {
            !members.iter().any(|&k| {
                let mut used = Vec::new();
                for side in &document.equations[k].sides {
                    bold_uses(side, &mut used);
                }
                k != i && used.contains(&name)
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// The findings of checking the layers of one group of a scope (its
/// lowering is [`lowering::groups`]'s).
fn layer_findings(
    document: &Document,
    symbols: &SymbolTable,
    scalar: &[bool],
    group: &[usize],
    reported: &[Span],
    sections: &Sections,
    block_starts: &Sections,
) -> Vec<Finding> {
    let scalars: Vec<&Equation> = group
        .iter()
        .filter(|&&i| scalar[i])
        .map(|&i| &document.equations[i])
        .collect();
    let mut out = layers::check(&scalars, symbols, reported, sections);
    out.extend(repeated(&scalars, symbols, block_starts));
    out
}

/// Where sections start (slides, headings), as offsets into the parsed
/// text. A slide that restates a network shown on an earlier slide is not
/// repeating itself, so some checks stay within a section.
#[derive(Clone, Debug, Default)]
pub struct Sections(Vec<u32>);

impl Sections {
    /// The section a span is in.
    pub fn of(&self, span: Span) -> usize {
        self.0.partition_point(|&s| s <= span.start)
    }
}

/// A unit stated twice in one math block with the same right side: a
/// warning (a later block restating it is a derivation or a summary).
fn repeated(equations: &[&Equation], symbols: &SymbolTable, sections: &Sections) -> Vec<Finding> {
    type Key = (crate::symbol::Sym, usize);
    let key = |eq: &Equation| -> Option<Key> {
        let unit = terms::unit(eq, symbols)?;
        Some((unit.sym, sections.of(eq.span)))
    };
    let stated = equations.iter().filter(|eq| eq.sides.len() == 2);
    // Only a unit stated twice in a section can repeat itself: the right
    // sides of the others are not lowered (nor kept).
    let mut statements: std::collections::HashMap<Key, usize> = Default::default();
    for k in stated.clone().filter_map(|eq| key(eq)) {
        *statements.entry(k).or_default() += 1;
    }
    // The statements seen so far, by unit and section; a unit is rarely
    // stated more than a few times, so each list is short.
    let mut seen: std::collections::HashMap<Key, Vec<(crate::expr::Affine, Span)>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for eq in stated {
        let Some(k) = key(eq).filter(|k| statements[k] >= 2) else {
            continue;
        };
        let Ok(rhs) = crate::lower::affine(symbols, &eq.sides[1]) else {
            continue;
        };
        let statements = seen.entry(k).or_default();
        if let Some((_, first)) = statements.iter().find(|(r, _)| *r == rhs) {
            let d = Diagnostic::warning(
                "repeated",
                format!(
                    "`{}` is defined twice with the same right side",
                    symbols[k.0]
                ),
                eq.span,
            )
            .with_label("second definition")
            .with_secondary(*first, "first definition")
            .with_help("remove one of them");
            out.push(Finding::new(d));
        } else {
            statements.push((rhs, eq.span));
        }
    }
    out
}

/// The equations grouped into networks: connected components of the graph
/// in which an equation joins every symbol it names.
fn groups(document: &Document, symbols: &SymbolTable, members: &[usize]) -> Vec<Vec<usize>> {
    // Symbols are `u32`: a large network's table holds a million.
    let mut parent: Vec<u32> = (0..symbols.len() as u32).collect();
    fn find(parent: &mut [u32], mut x: usize) -> usize {
        while parent[x] as usize != x {
            parent[x] = parent[parent[x] as usize];
            x = parent[x] as usize;
        }
        x
    }
    // Each equation's first name: the names themselves are joined and
    // not kept (a large network names a million symbols).
    let first: Vec<Option<usize>> = members
        .iter()
        .map(|&i| {
            let list = names(&document.equations[i]);
            for w in list.windows(2) {
                let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                parent[a] = b as u32;
            }
            list.first().copied()
        })
        .collect();
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (&i, name) in members.iter().zip(first) {
        let root = name.map_or(usize::MAX, |s| find(&mut parent, s));
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Every symbol an equation names, as indices into the symbol table.
pub(crate) fn names(equation: &Equation) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<&crate::syntax::Expr> = equation.sides.iter().collect();
    while let Some(e) = stack.pop() {
        use crate::syntax::ExprKind::*;
        match &e.kind {
            Symbol { sym, .. } => out.push(sym.0 as usize),
            Number(_) => {}
            Sum(xs) | Product(xs) => stack.extend(xs),
            Neg(x) | Group(x) | Transpose(x) => stack.push(x),
            Matrix { rows, .. } => stack.extend(rows.iter().flatten()),
            Activation { arg, .. } => stack.push(arg),
            Quotient(a, b) => {
                stack.push(a);
                stack.push(b);
            }
        }
    }
    out
}
