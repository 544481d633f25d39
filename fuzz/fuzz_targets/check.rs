//! Arbitrary bytes as a document for `netform check`: Markdown, LaTeX, plain
//! text or JSON, through extraction, repair, parsing, lowering and every
//! convention check, then both renderings of the report.
//!
//! Besides "never panic", it checks the invariant `check` states: every
//! finding's span (and secondary span) lies within the document and on
//! character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netform::syntax::Span;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = netform::read::decode(data) else {
        return;
    };
    let report = netform::check::check(text);
    for finding in &report.findings {
        let d = &finding.diagnostic;
        let spans = d.span.iter().chain(d.secondary.iter().map(|(s, _)| s));
        for &span in spans {
            within(text, span, d.code);
        }
    }
    let _ = report.render("fuzz.md", text, data.len().is_multiple_of(2));
    let _ = report.to_json(text).to_string();
    let _ = report.has_errors();
});

/// A span lies in `text`, in order, on character boundaries.
fn within(text: &str, span: Span, code: &str) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "`{code}` span {start}..{end} outside a document of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "`{code}` span {start}..{end} splits a character"
    );
}
