//! The analysed text and its way back to the document.
//!
//! The readers and `check` parse a copy of the document in which prose is
//! blanked out, sums are written out and damaged commands are repaired (`heta` becomes `\theta`). Blanking keeps
//! every byte offset; a repair inserts bytes. [`Analysed`] keeps the copy and
//! the repairs, so that a span in the copy maps back to the document and the
//! diagnostics point at what the user wrote.

use crate::syntax::Span;
use std::ops::Range;

/// A repair: the document's bytes `range` are read as `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The damaged bytes in the document (empty when something was lost).
    pub range: Range<usize>,
    /// What they stand for: `\t` for a TAB that ate `\t`.
    pub text: String,
}

/// The text `check` parses, with the map back to the document.
///
/// Invariant: `pieces` are sorted and disjoint; outside them, byte `i` of the
/// copy is byte `i - shift` of the document, where `shift` is the bytes the
/// earlier pieces inserted.
#[derive(Clone, Debug, Default)]
pub struct Analysed {
    /// The copy: prose blanked, repairs applied.
    pub text: String,
    /// Each repair: its range in the copy and in the document.
    pieces: Vec<(Range<usize>, Range<usize>)>,
}

impl Analysed {
    /// Builds the copy from the blanked document and the repairs, which must
    /// be sorted, disjoint and fall on character boundaries.
    pub fn new(blanked: &str, edits: &[Edit]) -> Analysed {
        let mut text = String::with_capacity(blanked.len() + 16 * edits.len());
        let mut pieces = Vec::with_capacity(edits.len());
        let mut at = 0;
        for e in edits {
            if e.range.start < at || e.range.end > blanked.len() {
                continue;
            }
            text.push_str(&blanked[at..e.range.start]);
            let start = text.len();
            text.push_str(&e.text);
            pieces.push((start..text.len(), e.range.clone()));
            at = e.range.end;
        }
        text.push_str(&blanked[at..]);
        Analysed { text, pieces }
    }

    /// Like [`Analysed::new`], taking the blanked copy: without repairs it
    /// is the copy itself, not copied again.
    pub fn from_blanked(blanked: String, edits: &[Edit]) -> Analysed {
        if edits.is_empty() {
            return Analysed {
                text: blanked,
                pieces: Vec::new(),
            };
        }
        Analysed::new(&blanked, edits)
    }

    /// The document offset of a copy offset; inside a repair, its start.
    /// A binary search: mapping every span of a large document stays linear.
    pub fn to_document(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(copy, _)| copy.start <= offset);
        let Some((copy, doc)) = i.checked_sub(1).map(|i| &self.pieces[i]) else {
            return offset;
        };
        if offset < copy.end {
            return doc.start;
        }
        (offset as isize + (doc.end as isize - copy.end as isize)).max(0) as usize
    }

    /// The copy offset of a document offset; a repair starting there is
    /// included.
    pub fn to_copy(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|(_, doc)| doc.start < offset);
        let Some((copy, doc)) = i.checked_sub(1).map(|i| &self.pieces[i]) else {
            return offset;
        };
        if offset < doc.end {
            return copy.start;
        }
        (offset as isize + (copy.end as isize - doc.end as isize)).max(0) as usize
    }

    /// The same repairs over another copy of the same length: the copy with
    /// prose blanked.
    pub fn with_text(&self, text: String) -> Analysed {
        Analysed {
            text,
            pieces: self.pieces.clone(),
        }
    }

    /// A copy span as a document span.
    pub fn span(&self, span: Span) -> Span {
        let start = self.to_document(span.start as usize);
        let end = self.to_document(span.end as usize).max(start);
        Span::new(start, end)
    }
}

/// A same-length copy of `source` with every byte outside `keep` replaced by
/// a space, except line breaks; a multi-byte character becomes as many
/// spaces, so offsets stay valid and the copy is still UTF-8.
pub fn blank_outside(source: &str, keep: &[Range<usize>]) -> String {
    let fits = |r: &Range<usize>| {
        r.start <= r.end && source.is_char_boundary(r.start) && source.is_char_boundary(r.end)
    };
    let sorted = keep.windows(2).all(|w| w[0].end <= w[1].start);
    if sorted && keep.iter().all(fits) {
        // Sorted whole characters: the copy is built from the kept text and
        // blanks, with nothing to check again.
        let mut out = String::with_capacity(source.len());
        let mut at = 0;
        for r in keep {
            push_blank(&mut out, &source.as_bytes()[at..r.start]);
            out.push_str(&source[r.clone()]);
            at = r.end;
        }
        push_blank(&mut out, &source.as_bytes()[at..]);
        return out;
    }
    let mut bytes: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    for r in keep {
        let r = r.start.min(source.len())..r.end.min(source.len());
        bytes[r.clone()].copy_from_slice(&source.as_bytes()[r]);
    }
    // Ranges start and end on character boundaries, so this cannot fail;
    // the fallback only keeps the function total.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Appends `gap` blanked: a space for each byte, line breaks kept.
fn push_blank(out: &mut String, gap: &[u8]) {
    let mut at = 0;
    for line in memchr::memchr_iter(b'\n', gap) {
        push_spaces(out, line - at);
        out.push('\n');
        at = line + 1;
    }
    push_spaces(out, gap.len() - at);
}

/// Appends `n` spaces.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Blanks the bytes of `range` in `text` (line breaks kept), widening the
/// range to character boundaries.
pub fn blank_range(text: &mut String, range: Range<usize>) {
    let mut start = range.start.min(text.len());
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let replaced: String = text[start..end]
        .chars()
        .flat_map(|c| {
            let fill = if c == '\n' { '\n' } else { ' ' };
            std::iter::repeat_n(fill, c.len_utf8())
        })
        .collect();
    text.replace_range(start..end, &replaced);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_map_back() {
        let doc = "a heta b";
        let edits = [Edit {
            range: 2..2,
            text: "\\t".into(),
        }];
        let a = Analysed::new(doc, &edits);
        assert_eq!(a.text, "a \\theta b");
        assert_eq!(a.to_document(0), 0);
        assert_eq!(a.to_document(3), 2);
        assert_eq!(a.to_document(4), 2);
        assert_eq!(a.to_document(9), 7);
    }

    #[test]
    fn taking_the_copy_keeps_its_repairs() {
        let edits = [Edit {
            range: 2..2,
            text: "\\t".into(),
        }];
        let taken = Analysed::from_blanked("a heta b".into(), &edits);
        assert_eq!(taken.text, Analysed::new("a heta b", &edits).text);
        assert_eq!(taken.to_document(9), 7);
        let plain = Analysed::from_blanked("a  b".into(), &[]);
        assert_eq!(plain.text, "a  b");
        assert_eq!(plain.to_document(3), 3);
    }

    #[test]
    fn blanking_reads_the_ranges_in_any_order() {
        let s = "θ₁ = a[x]\ny = θ₂";
        let sorted = blank_outside(s, &[0..7, 15..22]);
        assert_eq!(sorted, "θ₁ =     \n  = θ₂");
        assert_eq!(blank_outside(s, &[15..22, 0..7]), sorted);
        assert_eq!(blank_outside(s, &[0..7, 2..5, 15..22]), sorted);
        assert_eq!(blank_outside(s, &[]), "            \n         ");
    }

    #[test]
    fn blanking_keeps_offsets() {
        let s = "θ $x$\nz";
        let keep = [3..6, 7..7];
        let b = blank_outside(s, &keep);
        assert_eq!(b.len(), s.len());
        assert_eq!(&b[3..6], "$x$");
        assert!(b.contains('\n'));
    }
}
