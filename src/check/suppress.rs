//! Silencing findings, as every linter people keep using allows.
//!
//! - `% netform-ignore CODE` (LaTeX) or `<!-- netform-ignore CODE -->`
//!   (Markdown) silences one finding of that code on the next equation
//!   after the comment (several codes may follow, separated by spaces or
//!   commas);
//! - `--ignore CODE` silences every finding of that code.
//!
//! Silenced findings are counted, and the count is shown in the coverage
//! line, so a silenced mistake is never invisible.

use super::Finding;
use crate::syntax::Span;

/// The marker that starts a suppression comment.
const MARKER: &str = "netform-ignore";

/// One suppression comment: where it ends and the codes it names.
struct Comment {
    end: usize,
    codes: Vec<String>,
}

/// The findings left once `ignore` and the comments in `source` are
/// applied, and how many were silenced. `equations` are the equations read,
/// as spans of the document, in order.
pub fn apply(
    findings: Vec<Finding>,
    source: &str,
    equations: &[Span],
    ignore: &[String],
) -> (Vec<Finding>, usize) {
    let comments = comments(source);
    // For each comment, the equation it names, and the codes not yet used.
    let mut pending: Vec<(Span, Vec<String>)> = comments
        .into_iter()
        .filter_map(|c| {
            let i = equations.partition_point(|e| (e.start as usize) < c.end);
            equations.get(i).map(|&e| (e, c.codes))
        })
        .collect();
    let mut silenced = 0;
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let code = f.diagnostic.code;
        if ignore.iter().any(|c| c == code) {
            silenced += 1;
            continue;
        }
        let on = |e: &Span| {
            f.diagnostic
                .span
                .is_some_and(|s| e.start <= s.start && s.start < e.end.max(e.start + 1))
        };
        let named = pending
            .iter_mut()
            .find(|(e, codes)| on(e) && codes.iter().any(|c| c == code));
        if let Some((_, codes)) = named {
            if let Some(at) = codes.iter().position(|c| c == code) {
                codes.remove(at);
            }
            silenced += 1;
            continue;
        }
        kept.push(f);
    }
    (kept, silenced)
}

/// The suppression comments of a document: a `%` comment or an HTML
/// comment whose text starts with the marker.
fn comments(source: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    for (at, _) in source.match_indices(MARKER) {
        let line_start = source[..at].rfind('\n').map_or(0, |n| n + 1);
        let before = source[line_start..at].trim_end();
        let latex = before.ends_with('%') && !before.ends_with("\\%");
        let html = before.ends_with("<!--");
        if !latex && !html {
            continue;
        }
        let line_end = source[at..].find('\n').map_or(source.len(), |n| at + n);
        let mut text = &source[at + MARKER.len()..line_end];
        if html {
            text = text.split("-->").next().unwrap_or_default();
        }
        let codes: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if !codes.is_empty() {
            out.push(Comment {
                end: line_end,
                codes,
            });
        }
    }
    out
}
