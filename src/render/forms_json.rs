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

use super::document::{self, FormLines};
use super::draw::Math;
use super::forms::{Line, Speller};
use super::matrix::{Block, LayerForm};
use super::{Form, FormError, FormOptions, Format};
use crate::network::Network;
use serde::Serialize;

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

/// The JSON document of a matrix, general or nested form.
pub(crate) fn document(network: &Network, form: &FormOptions) -> Result<String, FormError> {
    let explicit = form.explicit && form.form == Form::Matrix;
    let speller = Speller::new(&network.symbols, Format::Json, explicit, false);
    let lines: FormLines = document::lines(network, &speller, form)?;
    let layers = lines.form.as_ref().map_or(Vec::new(), |f| {
        f.layers.iter().map(|l| layer(&speller, l)).collect()
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
            .map(|l| ascii(&speller, l))
            .collect(),
        definitions: lines
            .definitions
            .iter()
            .map(|l| ascii(&speller, l))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document)
        .expect("serializing plain structs of strings and numbers cannot fail");
    text.push('\n');
    Ok(text)
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
        Math::Matrix(entries) => entries,
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
        Line::Note(text) => format!("% {text}"),
    }
}
