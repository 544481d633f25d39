//! No input makes the parser panic: random strings over the characters the
//! notation uses (and a few it does not), including multi-byte ones next to
//! every construct that slices text.

use netform::symbol::SymbolTable;
use netform::syntax::{parse_document, parse_number, parse_symbol, parse_values};
use proptest::prelude::*;

/// Pieces that random inputs are glued from.
const PIECES: &[&str] = &[
    "h",
    "x",
    "y",
    "a",
    "θ",
    "φ",
    "ψ",
    "Ω",
    "α",
    "z",
    "_",
    "_{",
    "}",
    "{",
    "[",
    "]",
    "(",
    ")",
    "'",
    "′",
    "″",
    "^",
    "^{",
    "\\prime",
    "\\",
    "\\theta",
    "\\frac",
    "\\left",
    "\\right",
    ".",
    "\\mathbf",
    "\\text",
    "\\begin{",
    "\\end{",
    "align*",
    "bmatrix",
    "\\label{",
    "\\%",
    "%",
    "#",
    "$",
    "&",
    "\\\\",
    "\n",
    " ",
    "+",
    "-",
    "−",
    "*",
    "·",
    "/",
    "=",
    ",",
    ";",
    "0",
    "1",
    "12",
    "0.5",
    "1e-3",
    "e",
    "₁",
    "₀",
    ",₂",
    "…",
    "\\cdots",
    "é",
    "ᵀ",
    "T",
    "ReLU",
    "\"",
    ":",
    "1/0",
    "\\big",
    "\\{",
    "\\}",
    "@",
    "\u{0}",
    "\\begin{bmatrix}",
    "\\end{bmatrix}",
    "\\begin{matrix}",
    "\\end{pmatrix}",
    "^T",
    "^{\\top}",
    "\\mathbf{h}",
    "\\boldsymbol{\\Psi}",
];

fn input() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn documents_never_panic(src in input()) {
        if let Err(diags) = parse_document(&src, &mut SymbolTable::new()) {
            prop_assert!(!diags.is_empty());
            for d in diags {
                if let Some(span) = d.span {
                    prop_assert!(span.start <= span.end && span.end as usize <= src.len());
                    prop_assert!(src.is_char_boundary(span.start as usize));
                    prop_assert!(src.is_char_boundary(span.end as usize));
                }
            }
        }
    }

    #[test]
    fn values_numbers_and_symbols_never_panic(src in input()) {
        let _ = parse_values(&src);
        let _ = parse_values(&format!("{{\"{src}\": \"{src}\"}}"));
        let _ = parse_number(&src);
        let _ = parse_symbol(&src);
    }
}

#[test]
fn diagnostics_have_spans_inside_the_input() {
    let inputs = [
        "y = ",
        "h_1 = a[",
        "\\frac{",
        "x^",
        "y = 3/",
        "θ_10 = ",
        "{\"a\": 1",
    ];
    for src in inputs {
        let diags = parse_document(src, &mut SymbolTable::new())
            .err()
            .into_iter()
            .chain(parse_values(src).err())
            .flatten();
        for d in diags {
            if let Some(span) = d.span {
                assert!(
                    span.start <= span.end && span.end as usize <= src.len(),
                    "{src:?}: {d:?}"
                );
                assert!(src.is_char_boundary(span.start as usize), "{src:?}: {d:?}");
            }
        }
    }
}
