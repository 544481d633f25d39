//! Reading inputs: bytes to text, and text (any netform output, including
//! JSON) to a [`Network`].

use crate::diagnostic::Diagnostic;
use crate::network::Network;
use crate::symbol::SymbolTable;
use crate::syntax::{self, Span};
use std::ops::Range;

/// Inputs larger than this are refused before parsing (1 GiB).
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// Why a network could not be read: the diagnostics, and the text their spans
/// point into when that is not the input itself (the equations of a JSON
/// network, joined by newlines).
#[derive(Clone, Debug)]
pub struct Failure {
    /// What went wrong.
    pub diagnostics: Vec<Diagnostic>,
    /// The text the spans point into, if it is not the input.
    pub text: Option<String>,
}

/// Reads a network from text: the scalar notation in any spelling, or the
/// JSON that `netform convert --format json` writes.
///
/// ```
/// let net = netform::read::network("h_1 = a[\\theta_{10} + \\theta_{11}x]\ny = \\phi_0 + \\phi_1 h_1").unwrap();
/// assert_eq!(net.units.len(), 2);
/// ```
pub fn network(source: &str) -> Result<Network, Failure> {
    network_with_notes(source).map(|(network, _)| network)
}

/// Like [`network`], and also returns the notes of the document reader:
/// notation read past (the model `f[x, φ]`, a parameter set, a template),
/// math blocks that hold no network equation. Their spans point into
/// `source`.
///
/// ```
/// let doc = "The model is $y = f[x, \\phi] = \\phi_0 + \\phi_1 h_1$ where\n\
///            $$h_1 = \\mbox{a}[\\theta_{10} + \\theta_{11}x].$$";
/// let (net, notes) = netform::read::network_with_notes(doc).unwrap();
/// assert_eq!(net.units.len(), 2);
/// assert!(notes[0].message.contains("the model's name"));
/// ```
pub fn network_with_notes(source: &str) -> Result<(Network, Vec<Diagnostic>), Failure> {
    network_in(source, None)
}

/// Like [`network_with_notes`], for a document that may hold several
/// networks: a book chapter shows a three-unit network, then a four-unit
/// one with the same names. A math block that contradicts the network
/// read so far (a unit defined again with a different right side) starts
/// the next network; `choice` (1-based) picks one. Without a choice, a
/// document with several networks is refused with the list of them.
///
/// ```
/// let doc = "$$h_1 = a[\\theta_{10} + \\theta_{11}x], y = \\phi_0 + \\phi_1 h_1$$\n\
///            Now with two units:\n\
///            $$h_1 = a[\\theta_{10} + \\theta_{11}x], h_2 = a[\\theta_{20} + \\theta_{21}x],\
///              y = \\phi_0 + \\phi_1 h_1 + \\phi_2 h_2$$";
/// assert!(netform::read::network(doc).is_err());
/// let (second, _) = netform::read::network_in(doc, Some(2)).unwrap();
/// assert_eq!(second.units.len(), 3);
/// ```
pub fn network_in(
    source: &str,
    choice: Option<usize>,
) -> Result<(Network, Vec<Diagnostic>), Failure> {
    if source.trim_start().starts_with('{') {
        return json_network(source).map(|n| (n, Vec::new()));
    }
    let mut reading = crate::document::read(source);
    // The parsed copy is not read again unless the document holds several
    // networks (read again below): a large input does not hold it while its
    // network is built.
    let text = std::mem::take(&mut reading.analysed.text);
    let notes = reading.reader_notes();
    let failed = |diagnostics: Vec<Diagnostic>| Failure {
        diagnostics: map_spans(diagnostics, &reading.analysed),
        text: None,
    };
    if reading.equations.is_empty() {
        let mut d = vec![Diagnostic::global("parse", "the input has no equations")];
        d.extend(notes);
        return Err(Failure {
            diagnostics: d,
            text: None,
        });
    }
    let mut notes = notes;
    // Scalar equations (the usual large input) are lowered as they are
    // read, each syntax tree freed at once; a vector or matrix equation
    // needs the whole document, read again below. When the reader blanked
    // nothing, the input itself is read and its copy freed first.
    let text = if text == source {
        drop(text);
        std::borrow::Cow::Borrowed(source)
    } else {
        std::borrow::Cow::Owned(text)
    };
    let lowered = match lower_scalar(&text).map_err(&failed)? {
        Some(lowered) => lowered,
        None => lower_whole(&text, &reading, &mut notes).map_err(&failed)?,
    };
    drop(text);
    match lowered {
        Ok((network, found)) if choice.is_none_or(|c| c == 1) => {
            notes.extend(found.into_iter().map(|mut d| {
                d.span = d.span.map(|s| reading.analysed.span(s));
                d
            }));
            Ok((network, notes))
        }
        Ok(_) => Err(failed(vec![Diagnostic::global(
            "network",
            "the document holds one network: `--network 1` is the only choice",
        )])),
        Err(errors) if errors.iter().any(|d| d.code == "redefined") => {
            let reading = crate::document::read(source);
            let mut symbols = SymbolTable::new();
            let document =
                syntax::parse_document(&reading.analysed.text, &mut symbols).map_err(&failed)?;
            let document = summary_vector_forms(&document, &symbols).unwrap_or(document);
            let networks = split_networks(document, &symbols, &reading);
            choose(source, &reading, networks, choice, errors)
                .map(|n| (n, notes))
                .map_err(&failed)
        }
        Err(errors) => Err(failed(errors)),
    }
}

/// What lowering a document gives: the network and its notes, or errors.
type Lowered = Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads and lowers `text` an equation at a time; `None` when an equation
/// is a vector or matrix equation, which needs [`lower_whole`]. The errors
/// are the parser's.
fn lower_scalar(text: &str) -> Result<Option<Lowered>, Vec<Diagnostic>> {
    let mut symbols = SymbolTable::new();
    let mut lowering = crate::lower::Lowering::default();
    let mut read = 0usize;
    let scalar = syntax::parse_each_plain(text, &mut symbols, |equation, symbols| {
        // An equation with a bold name, a matrix or a transpose stops the
        // reading (what it was lowered to is dropped with the rest).
        let scalar = lowering.parsed(equation, symbols);
        read += usize::from(scalar);
        scalar
    })?;
    if !scalar {
        return Ok(None);
    }
    if read == 0 {
        return Err(vec![Diagnostic::global(
            "parse",
            "the input has no equations",
        )]);
    }
    Ok(Some(lowering.finish(symbols)))
}

/// Reads and lowers `text` as one document: vector and matrix equations
/// rewritten as scalar ones, and a vector form given without its entries
/// read past (with a note added to `notes`). The errors are the parser's.
fn lower_whole(
    text: &str,
    reading: &crate::document::Reading,
    notes: &mut Vec<Diagnostic>,
) -> Result<Lowered, Vec<Diagnostic>> {
    let mut symbols = SymbolTable::new();
    let document = syntax::parse_document(text, &mut symbols)?;
    let document = match summary_vector_forms(&document, &symbols) {
        Some(kept) => {
            let vector = document.equations.iter().find(|e| e.is_vector_form());
            if let Some(eq) = vector {
                let span = reading.analysed.span(eq.span);
                notes.push(Diagnostic {
                    severity: crate::diagnostic::Severity::Info,
                    ..Diagnostic::error(
                        "vector-form",
                        "read past a vector form without its entries: the scalar equations define the network",
                        span,
                    )
                    .with_label("no equation gives the entries of its bold names")
                });
            }
            kept
        }
        None => document,
    };
    Ok(crate::lower::lower_owned_with_notes(document, symbols))
}

/// One network of a document: where it is in the parsed text, and what
/// lowering it gave.
type Candidate = (Range<usize>, Result<Network, Vec<Diagnostic>>);

/// The networks of a document: runs of equations, cut where a math block
/// contradicts what was read before it.
fn split_networks(
    document: syntax::Document,
    symbols: &SymbolTable,
    reading: &crate::document::Reading,
) -> Vec<Candidate> {
    let equations = document.equations;
    let block_of = |at: u32| {
        let doc = reading.analysed.to_document(at as usize) as u32;
        reading.blocks.partition_point(|b| b.end <= doc)
    };
    let lower = |range: Range<usize>| {
        let part = syntax::Document {
            equations: equations[range].to_vec(),
        };
        crate::lower::lower(&part, symbols.clone())
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut end = equations.len();
    // The longest run from `start` that reads, or that no contradiction cuts.
    while start < equations.len() {
        let result = lower(start..end);
        let cut = match &result {
            Err(errors) => errors
                .iter()
                .filter(|d| d.code == "redefined")
                .filter_map(|d| {
                    // The later of the two statements starts the next network.
                    let spans = d
                        .span
                        .into_iter()
                        .chain(d.secondary.iter().map(|(s, _)| *s));
                    let block = spans.map(|s| block_of(s.start)).max()?;
                    Some(equations.partition_point(|e| block_of(e.span.start) < block))
                })
                .filter(|&cut| cut > start && cut < end)
                .min(),
            Ok(_) => None,
        };
        match cut {
            Some(cut) => end = cut,
            None => {
                out.push((start..end, result));
                start = end;
                end = equations.len();
            }
        }
    }
    let spans: Vec<Span> = equations.iter().map(|e| e.span).collect();
    out.into_iter()
        .map(|(range, result)| {
            let span = spans[range.start].to(spans[range.end - 1]);
            (span.start as usize..span.end as usize, result)
        })
        .collect()
}

/// The network `choice` names, or a refusal that lists the networks.
fn choose(
    source: &str,
    reading: &crate::document::Reading,
    networks: Vec<Candidate>,
    choice: Option<usize>,
    errors: Vec<Diagnostic>,
) -> Result<Network, Vec<Diagnostic>> {
    if networks.len() < 2 {
        return Err(errors);
    }
    let line = |at: usize| source[..at.min(source.len())].matches('\n').count() + 1;
    let describe = |(i, (range, result)): (usize, &(Range<usize>, Result<Network, _>))| {
        let start = reading.analysed.to_document(range.start);
        let end = reading.analysed.to_document(range.end);
        let what = match result {
            Ok(n) => format!("{} units", n.units.len()),
            Err(_) => "does not read".to_string(),
        };
        format!("{}: lines {}–{} ({what})", i + 1, line(start), line(end))
    };
    let list: Vec<String> = networks.iter().enumerate().map(describe).collect();
    match choice {
        Some(k) if (1..=networks.len()).contains(&k) => networks
            .into_iter()
            .nth(k - 1)
            .map_or(Err(errors), |(_, r)| r),
        Some(k) => Err(vec![Diagnostic::global(
            "network",
            format!(
                "there is no network {k}: the document holds {} networks ({})",
                networks.len(),
                list.join("; ")
            ),
        )]),
        None => Err(vec![Diagnostic::global(
            "network",
            format!(
                "the document holds {} networks: {}",
                networks.len(),
                list.join("; ")
            ),
        )
        .with_help("choose one with `--network N`")]),
    }
}

/// When a document states its network in scalar equations and also in a
/// vector form whose bold names have no entries anywhere (a summary, as
/// the book writes `\mathbf{h} = \mathbf{a}[\boldsymbol\theta_0 +
/// \boldsymbol\theta x]` next to the units), the scalar equations alone.
fn summary_vector_forms(
    document: &syntax::Document,
    symbols: &SymbolTable,
) -> Option<syntax::Document> {
    let vector = document
        .equations
        .iter()
        .filter(|e| e.is_vector_form())
        .count();
    if vector == 0 || vector == document.equations.len() {
        return None;
    }
    let mut scratch = symbols.clone();
    let errors = match crate::matrix_lower::expand(document, &mut scratch) {
        Err(errors) => errors,
        Ok(_) => return None,
    };
    if !errors.iter().all(|d| d.code == "no-entries") {
        return None;
    }
    Some(syntax::Document {
        equations: document
            .equations
            .iter()
            .filter(|e| !e.is_vector_form())
            .cloned()
            .collect(),
    })
}

/// Maps every span of `diagnostics` from the parsed copy to the document.
fn map_spans(
    mut diagnostics: Vec<Diagnostic>,
    analysed: &crate::document::Analysed,
) -> Vec<Diagnostic> {
    for d in &mut diagnostics {
        d.span = d.span.map(|s| analysed.span(s));
        for (s, _) in &mut d.secondary {
            *s = analysed.span(*s);
        }
    }
    diagnostics
}

/// Parses and lowers netform's text notation: bare equations, without the
/// document reader (JSON networks hold their equations this way).
pub fn text_network(source: &str) -> Result<Network, Vec<Diagnostic>> {
    let mut symbols = SymbolTable::new();
    let document = syntax::parse_document(source, &mut symbols)?;
    crate::lower::lower_owned(document, symbols)
}

/// Reads the `equations` of a JSON network, and its `definitions` when they
/// are strings (the entries of the matrix form's bold names). The scalar
/// form's `definitions` are objects that restate equations already in
/// `equations`, and are skipped.
fn json_network(source: &str) -> Result<Network, Failure> {
    let fail = |d: Diagnostic| Failure {
        diagnostics: vec![d],
        text: None,
    };
    let value: serde_json::Value = serde_json::from_str(source).map_err(|e| {
        let at = offset_of(source, e.line(), e.column());
        fail(
            Diagnostic::error("json", format!("invalid JSON: {e}"), Span::new(at, at))
                .with_label("here"),
        )
    })?;
    let mut text = String::new();
    if !json_equations(&value, &mut text).map_err(fail)? {
        return Err(fail(Diagnostic::global("json", "a JSON network needs an `equations` array of strings, as `netform convert --format json` writes")));
    }
    text_network(&text).map_err(|diagnostics| match JsonLines::new(source, &text) {
        Some(lines) => Failure {
            diagnostics: diagnostics
                .into_iter()
                .map(|mut d| {
                    d.span = d.span.map(|s| lines.span(s));
                    for (s, _) in &mut d.secondary {
                        *s = lines.span(*s);
                    }
                    d
                })
                .collect(),
            text: None,
        },
        None => Failure {
            diagnostics,
            text: Some(text),
        },
    })
}

/// The equations of a JSON network found again in its source, so that an
/// error in the joined equations points at the string the file holds.
struct JsonLines {
    /// Where each line starts in the joined text.
    starts: Vec<usize>,
    /// For each line, the source offset of each of its bytes (and its end).
    offsets: Vec<Vec<usize>>,
}

impl JsonLines {
    /// Finds each line of `joined` as a string literal of `source`, in
    /// order; `None` if one cannot be found.
    fn new(source: &str, joined: &str) -> Option<JsonLines> {
        let literals = json_literals(source);
        let mut next = 0;
        let mut starts = Vec::new();
        let mut offsets = Vec::new();
        let mut at = 0;
        for line in joined.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let found = (next..literals.len())
                .chain(0..next)
                .find(|&i| literals[i].0 == body)?;
            next = found + 1;
            starts.push(at);
            offsets.push(literals[found].1.clone());
            at += line.len();
        }
        Some(JsonLines { starts, offsets })
    }

    fn offset(&self, at: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let within = at - self.starts[line];
        let table = &self.offsets[line];
        table[within.min(table.len() - 1)]
    }

    /// A span of the joined text as a span of the source.
    fn span(&self, span: Span) -> Span {
        let start = self.offset(span.start as usize);
        Span::new(start, self.offset(span.end as usize).max(start))
    }
}

/// Every string literal of a JSON source, decoded, with the source offset of
/// each byte of the decoded text (and one past its end).
fn json_literals(source: &str) -> Vec<(String, Vec<usize>)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let mut text = String::new();
        let mut offsets = Vec::new();
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            let (decoded, width) = match bytes[i] {
                b'\\' => {
                    let escaped = match bytes.get(i + 1) {
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        Some(b'r') => '\r',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'u') => source
                            .get(i + 2..i + 6)
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32)
                            .unwrap_or('\u{fffd}'),
                        Some(&c) => c as char,
                        None => break,
                    };
                    (
                        escaped,
                        if bytes.get(i + 1) == Some(&b'u') {
                            6
                        } else {
                            2
                        },
                    )
                }
                _ => {
                    let c = source[i..].chars().next().unwrap_or('\u{fffd}');
                    (c, c.len_utf8())
                }
            };
            for _ in 0..decoded.len_utf8() {
                offsets.push(i);
            }
            text.push(decoded);
            i += width;
        }
        offsets.push(i);
        out.push((text, offsets));
        i += 1;
    }
    out
}

/// Appends the equations of a JSON network (and its string `definitions`)
/// to `text`, one per line. A derivation (`compose --format json`) without
/// top-level `equations` gives the equations of each of its `steps`, as its
/// text form does. Returns whether any `equations` array was found.
fn json_equations(value: &serde_json::Value, text: &mut String) -> Result<bool, Diagnostic> {
    let lines = |key: &str| value.get(key).and_then(|v| v.as_array());
    if let Some(equations) = lines("equations") {
        let definitions = lines("definitions")
            .into_iter()
            .flatten()
            .filter(|e| e.is_string());
        for e in equations.iter().chain(definitions) {
            let line = e.as_str().ok_or_else(|| {
                Diagnostic::global("json", "every entry of `equations` must be a string")
            })?;
            text.push_str(line);
            text.push('\n');
        }
        return Ok(true);
    }
    let mut found = false;
    for step in lines("steps").into_iter().flatten() {
        let inner = step.get("content").unwrap_or(step);
        found |= json_equations(inner, text)?;
    }
    Ok(found)
}

/// The byte offset of a 1-based line and column (columns count characters).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &source[start.min(source.len())..];
    let col = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    start + col
}

/// Checks that input bytes are UTF-8 text without NUL bytes and within
/// [`MAX_INPUT_BYTES`], with an error located at the first bad byte; a
/// leading byte-order mark is dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    too_large(bytes)?;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(not_utf8(bytes, e)),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    no_nul(text)?;
    Ok(text)
}

/// [`decode`] of bytes the caller owns, kept in their buffer: the text is
/// checked once, and neither the bytes nor the text is copied. On failure
/// the bytes come back with the error, for its report.
///
/// ```
/// let text = netform::read::decode_owned(b"\xef\xbb\xbfy = x".to_vec()).unwrap();
/// assert_eq!(text, "y = x");
/// let bad = netform::read::decode_owned(vec![b'y', 0xff]).unwrap_err();
/// assert_eq!(bad.diagnostic.message, "the input is not UTF-8 text");
/// assert_eq!(bad.bytes, [b'y', 0xff]);
/// ```
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, Undecoded> {
    if let Err(diagnostic) = too_large(&bytes) {
        return Err(Undecoded { diagnostic, bytes });
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let diagnostic = not_utf8(e.as_bytes(), e.utf8_error());
            let bytes = e.into_bytes();
            return Err(Undecoded { diagnostic, bytes });
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    match no_nul(&text) {
        Ok(()) => Ok(text),
        Err(diagnostic) => Err(Undecoded {
            diagnostic,
            bytes: text.into_bytes(),
        }),
    }
}

/// Bytes [`decode_owned`] refused, and why.
#[derive(Debug)]
pub struct Undecoded {
    /// Why, located in `bytes`.
    pub diagnostic: Diagnostic,
    /// The bytes, as given (after a byte-order mark when the text was UTF-8).
    pub bytes: Vec<u8>,
}

fn too_large(bytes: &[u8]) -> Result<(), Diagnostic> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Diagnostic::global(
            "too-large",
            format!(
                "the input has {} bytes; netform reads at most {} bytes",
                bytes.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    Ok(())
}

fn not_utf8(bytes: &[u8], e: std::str::Utf8Error) -> Diagnostic {
    let at = e.valid_up_to();
    Diagnostic::error("encoding", "the input is not UTF-8 text", Span::new(at, at))
        .with_label(format!("invalid byte 0x{:02x} here", bytes[at]))
        .with_help("save the file as UTF-8")
}

fn no_nul(text: &str) -> Result<(), Diagnostic> {
    match memchr::memchr(0, text.as_bytes()) {
        Some(at) => Err(Diagnostic::error(
            "encoding",
            "the input contains a NUL byte; it looks like a binary file",
            Span::new(at, at + 1),
        )
        .with_label("NUL byte")),
        None => Ok(()),
    }
}
