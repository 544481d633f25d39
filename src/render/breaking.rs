//! Breaking an equation across `align*` lines in LaTeX without building a
//! `pretty` document.
//!
//! [`Layout::broken`] lays every equation out as a document that `pretty`
//! renders; in LaTeX that document is a head, then summands each in a group
//! that either stays on the line after a space or ends the line with ` \\`
//! and continues on a new `&\quad ` line. For that shape `pretty`'s decision
//! is simple enough to make directly, and making it directly spares building
//! and dropping a document for every equation: [`write_latex`] writes the
//! same text, and a test holds it to `pretty`'s.

use super::layout::Layout;
use std::fmt;

/// What ends an `align*` line before a summand that does not fit.
const BREAK: &str = " \\\\";

/// What begins the continuation line.
const CONTINUE: &str = "&\\quad ";

/// An equation's text around its sum: `lhs &= open`, the summands, `close`.
pub(crate) struct Frame<'t> {
    /// The left side, spelled.
    pub(crate) lhs: &'t str,
    /// What opens the right side: an activation's `\mathrm{a}[`, or nothing.
    pub(crate) open: &'t str,
    /// What closes it: `]`, or nothing.
    pub(crate) close: &'t str,
}

/// What goes before summand `n` of a broken sum: its sign on the first,
/// its operator (`+ `, `- `) on the others.
pub(crate) fn operator(n: usize, negative: bool) -> &'static str {
    match (n, negative) {
        (0, false) => "",
        (0, true) => "-",
        (_, false) => "+ ",
        (_, true) => "- ",
    }
}

/// Writes an equation in LaTeX exactly as `pretty` renders
/// [`Layout::broken`]'s document at `width`: `lhs &= open`, summand 0, then
/// each further summand after a space when it fits on the line together
/// with what must follow it there (the ` \\` that would end the line before
/// the next summand, or `close` after the last), and otherwise on a new
/// `&\quad ` line; then `close`. There are `summands` summands (at least
/// one); summand `n` is `width_of(n)` wide, its operator included, as the
/// layout measures it, and is written by `write`.
pub(crate) fn write_latex(
    layout: &Layout<'_>,
    frame: &Frame<'_>,
    summands: usize,
    width_of: impl Fn(usize) -> usize,
    mut write: impl FnMut(usize, &mut dyn fmt::Write) -> fmt::Result,
    width: usize,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    let mut head = String::with_capacity(frame.lhs.len() + 16);
    head.push_str(frame.lhs);
    head.push_str(layout.equals());
    head.push_str(frame.open);
    out.write_str(&head)?;
    let mut pos = layout.measure(&head);
    // Measured once: every line but the last ends in a break, and every
    // continuation begins alike.
    let (break_width, continue_width) = (layout.measure(BREAK), layout.measure(CONTINUE));
    for n in 0..summands {
        let summand = width_of(n);
        if n > 0 {
            // `pretty` measures the space and the closing text by their length.
            let after = if n + 1 < summands {
                break_width
            } else {
                frame.close.len()
            };
            if pos.saturating_add(1 + after).saturating_add(summand) <= width {
                out.write_char(' ')?;
                pos += 1;
            } else {
                out.write_str(BREAK)?;
                out.write_char('\n')?;
                out.write_str(CONTINUE)?;
                pos = continue_width;
            }
        }
        write(n, out)?;
        pos = pos.saturating_add(summand);
    }
    out.write_str(frame.close)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Format;
    use crate::symbol::SymbolTable;
    use proptest::prelude::*;

    /// Summands as LaTeX spells them, of various widths.
    const SUMMANDS: [&str; 6] = [
        "\\theta_{10}",
        "\\psi_{12}\\mathrm{a}[\\theta_{20} + \\theta_{21}x]",
        "\\phi'_{3}h'_{3}",
        "\\frac{3}{4}x",
        "\\cdots",
        "\\omega_{2,12,3}\\mathrm{a}[\\beta_{1,4} + \\omega_{1,4,1}h_{1,1} + \\omega_{1,4,2}h_{1,2}]",
    ];

    /// The equation `lhs = open summands close` rendered by `pretty`, and
    /// written by [`write_latex`].
    fn both(summands: &[(usize, bool)], activation: bool, width: usize) -> (String, String) {
        let symbols = SymbolTable::new();
        let layout = Layout::new(&symbols, Format::Latex);
        let (open, close) = if activation {
            ("\\mathrm{a}[", "]")
        } else {
            ("", "")
        };
        let frame = Frame {
            lhs: "h'_{12}",
            open,
            close,
        };
        let text = |n: usize| {
            let (k, negative) = summands[n];
            format!("{}{}", operator(n, negative), SUMMANDS[k])
        };
        let first = layout.text(text(0));
        let rest = (1..summands.len()).map(|n| layout.text(text(n)));
        let mut expected = String::new();
        layout
            .broken::<()>(frame.lhs, open, first, rest, close)
            .render_fmt(width, &mut expected)
            .unwrap();
        let mut written = String::new();
        write_latex(
            &layout,
            &frame,
            summands.len(),
            |n| layout.measure(&text(n)),
            |n, out| out.write_str(&text(n)),
            width,
            &mut written,
        )
        .unwrap();
        (expected, written)
    }

    proptest! {
        /// Every break falls where `pretty` puts it.
        #[test]
        fn breaks_where_pretty_breaks(
            summands in prop::collection::vec((0..SUMMANDS.len(), any::<bool>()), 1..12),
            activation in any::<bool>(),
            width in 0usize..140,
        ) {
            let (expected, written) = both(&summands, activation, width);
            prop_assert_eq!(written, expected);
        }
    }

    #[test]
    fn breaks_before_a_summand_that_does_not_fit() {
        let (expected, written) = both(&[(1, false), (1, true), (0, false)], true, 25);
        assert_eq!(written, expected);
        assert_eq!(written.lines().count(), 3, "{written}");
    }
}
