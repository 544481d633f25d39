//! The JSON of the matrix, general and nested forms, for scripts.
//!
//! Pretty-printed with two-space indentation, ending with a newline; every
//! name and entry is spelled in ASCII as `--format ascii` spells it, numbers
//! are exact strings, keys appear in this order, and nothing is elided:
//!
//! ```text
//! {
//!   "netform": 1,
//!   "form": "matrix",                  // or "general", "nested"
//!   "widths": [1, 3, 3, 1],            // D_0 (inputs), D_1, …, D_{K+1} (outputs)
//!   "layers": [                        // first hidden layer first
//!     {
//!       "output":  Block,              // the units it defines
//!       "activation": true,            // false for the output layer
//!       "bias":    Block,
//!       "weights": Block,              // one row per unit, one column per input
//!       "input":   Block               // the units it reads
//!     }
//!   ],
//!   "equations": ["bb(h) = a[theta_0 + theta x]", …],
//!   "definitions": ["theta_0 = [theta_10; theta_20; theta_30]", …]
//! }
//!
//! Block = {"name": "theta_0",          // null when written entry by entry
//!          "rows": 3, "columns": 1,
//!          "entries": [["theta_10"], ["theta_20"], ["theta_30"]]}
//! ```
//!
//! For the nested form, `layers` are those of the general form, and
//! `equations` holds each output's scalar nested equation, then the general
//! form's nested equation. `equations` and `definitions` are the lines of
//! `--format ascii`, one string each.
//!
//! A scalar nested equation can be millions of terms long, so it is not held
//! as a string: the document is serialized with a stand-in for each, and each
//! stand-in is replaced by its equation, written as it is printed.

use super::document::FormLines;
use super::draw::Math;
use super::forms::{self, Line, Speller};
use super::matrix::{Block, LayerForm};
use super::nested::NestedLines;
use super::FormOptions;
use serde::Serialize;
use std::fmt;

/// The whole document.
#[derive(Serialize)]
struct FormDocument {
    netform: u32,
    form: &'static str,
    widths: Vec<usize>,
    layers: Vec<LayerJson>,
    equations: Vec<String>,
    definitions: Vec<String>,
}

/// One layer.
#[derive(Serialize)]
struct LayerJson {
    output: BlockJson,
    activation: bool,
    bias: BlockJson,
    weights: BlockJson,
    input: BlockJson,
}

/// One vector or matrix.
#[derive(Serialize)]
struct BlockJson {
    name: Option<String>,
    rows: usize,
    columns: usize,
    entries: Vec<Vec<String>>,
}

/// Writes the JSON document of a matrix, general or nested form from its
/// lines, spelled by a [`Speller`] for JSON.
pub(crate) fn write(
    speller: &Speller<'_>,
    lines: &FormLines,
    form: &FormOptions,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    let layers = lines.form.as_ref().map_or(Vec::new(), |f| {
        f.layers.iter().map(|l| layer(speller, l)).collect()
    });
    let document = FormDocument {
        netform: 1,
        form: form.form.name(),
        widths: lines.form.as_ref().map_or(Vec::new(), |f| f.widths.clone()),
        layers,
        equations: lines
            .equations
            .iter()
            .flatten()
            .map(|l| ascii(speller, l))
            .collect(),
        definitions: lines
            .definitions
            .iter()
            .map(|l| ascii(speller, l))
            .collect(),
    };
    let text = serde_json::to_string_pretty(&document)
        .expect("serializing plain structs of strings and numbers cannot fail");
    let mut rest = text.as_str();
    for n in 0..lines.nested.as_ref().map_or(0, NestedLines::len) {
        let quoted = serde_json::to_string(&stand_in(n)).expect("a string serializes");
        let (before, after) = rest
            .split_once(&quoted)
            .expect("every nested equation has its stand-in");
        out.write_str(before)?;
        out.write_char('"')?;
        let nested = forms::nested_lines(lines.nested.as_ref());
        nested.write_flat(&speller.layout, n, &mut Escaped(out))?;
        out.write_char('"')?;
        rest = after;
    }
    out.write_str(rest)?;
    out.write_char('\n')
}

/// One layer's blocks.
fn layer(speller: &Speller<'_>, layer: &LayerForm) -> LayerJson {
    LayerJson {
        output: block(speller, &layer.output),
        activation: layer.activation,
        bias: block(speller, &layer.bias),
        weights: block(speller, &layer.weights),
        input: block(speller, &layer.input),
    }
}

/// One block: its name and every entry.
fn block(speller: &Speller<'_>, block: &Block) -> BlockJson {
    let (rows, columns) = block.shape();
    let entries = match speller.matrix(block) {
        Math::Matrix(entries) => entries.to_rows(),
        _ => Vec::new(),
    };
    BlockJson {
        name: block.name.as_ref().map(|n| speller.name(n)),
        rows,
        columns,
        entries,
    }
}

/// A line in ASCII, on one line.
fn ascii(speller: &Speller<'_>, line: &Line) -> String {
    match line {
        Line::Math(lhs, rhs) => {
            let mut out = String::new();
            lhs.ascii(&mut out);
            out.push_str(" = ");
            rhs.ascii(&mut out);
            out
        }
        Line::Scalar(equation) => speller.layout.flat(equation),
        Line::Nested(n) => stand_in(*n),
        Line::Note(text) => format!("% {text}"),
    }
}

/// The string standing for nested equation `n` until it is written: a NUL,
/// which no equation holds, and the number.
fn stand_in(n: usize) -> String {
    format!("\0{n}")
}

/// Writes text as the inside of a JSON string, escaped as `serde_json`
/// escapes it.
struct Escaped<'o>(&'o mut dyn fmt::Write);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // By bytes: the characters JSON escapes are all ASCII.
        if !s.bytes().any(|b| b == b'"' || b == b'\\' || b < b' ') {
            return self.0.write_str(s);
        }
        let quoted = serde_json::to_string(s).expect("a string serializes");
        self.0.write_str(&quoted[1..quoted.len() - 1])
    }
}
