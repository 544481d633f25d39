//! Any form in: the vector/matrix and general forms, written as the slides
//! write them (LaTeX `bmatrix`, `pmatrix`, `\left[\begin{matrix}…\right]`,
//! ASCII `[a, b; c, d]`), read back as the very network of the scalar form.
//!
//! The writer here is the test's own: it follows the slides, so that the
//! reader is checked against the notation rather than against netform's
//! renderer.

mod common;

use common::net;
use netform::network::Network;
use netform::render::{symbol, Format};
use netform::rewrite::layered::{Layer, Layered};
use netform::symbol::{Letter, Sym, SymbolTable, VarLetter};
use proptest::prelude::*;

/// How a matrix form is written.
#[derive(Clone, Copy, Debug)]
enum Style {
    /// Bold names defined after `, \quad`: `\mathbf{h}_1 = \mathbf{a}[\boldsymbol{\beta}_0 + …]`.
    Named,
    /// Entries inline: `\mathbf{a}\left[\begin{bmatrix}…\end{bmatrix} + …\right]`.
    Inline,
    /// Units on the left, `pmatrix` on the right:
    /// `\begin{pmatrix}h_1\\h_2\end{pmatrix} = \mathbf{a}[…]`.
    Units,
    /// ASCII, names defined on their own lines: `beta_0 = [beta_{0,1}; beta_{0,2}]`.
    Ascii,
    /// ASCII as `netform convert` writes it: bold `bb(h)`, rows in brackets
    /// `Omega_1 = [[omega_{1,1,1}, omega_{1,1,2}], [...]]`.
    AsciiRows,
}

const STYLES: [Style; 5] = [
    Style::Named,
    Style::Inline,
    Style::Units,
    Style::Ascii,
    Style::AsciiRows,
];

/// Writes `network` in its matrix form.
fn matrix_form(network: &Network, style: Style) -> String {
    let layered = Layered::of(network).expect("a layered network");
    let writer = Writer {
        symbols: &network.symbols,
        style,
    };
    let mut input = layered.inputs.clone();
    let mut lines = Vec::new();
    for (k, layer) in layered.layers.iter().enumerate() {
        lines.push(writer.layer(k, layer, &input));
        input = layer.units.clone();
    }
    lines.join("\n")
}

/// Writes the parts of a matrix form.
struct Writer<'a> {
    symbols: &'a SymbolTable,
    style: Style,
}

impl Writer<'_> {
    fn latex(&self) -> bool {
        !matches!(self.style, Style::Ascii | Style::AsciiRows)
    }

    fn name(&self, sym: Sym) -> String {
        let format = if self.latex() {
            Format::Latex
        } else {
            Format::Ascii
        };
        symbol(self.symbols, sym, format)
    }

    /// One layer's equation, with the definitions of its matrices.
    fn layer(&self, k: usize, layer: &Layer, input: &[Sym]) -> String {
        let entries = |row: &[netform::expr::Poly]| -> Vec<String> {
            row.iter()
                .map(|p| self.name(p.as_param().expect("a single parameter")))
                .collect()
        };
        let bias: Vec<Vec<String>> = layer
            .bias
            .iter()
            .map(|p| entries(std::slice::from_ref(p)))
            .collect();
        let weights: Vec<Vec<String>> = layer.weights.iter().map(|r| entries(r)).collect();
        let mut definitions = Vec::new();
        let bias = self.matrix_term(&format!("beta_{{{k}}}"), bias, false, &mut definitions);
        let single_row = weights.len() == 1 && weights[0].len() > 1;
        let weights = if single_row && matches!(self.style, Style::Named | Style::Ascii) {
            let column = weights[0].iter().map(|w| vec![w.clone()]).collect();
            let name = self.matrix_term(&format!("omega_{{{k}}}"), column, true, &mut definitions);
            format!("{name}^T")
        } else {
            self.matrix_term(&format!("Omega_{{{k}}}"), weights, true, &mut definitions)
        };
        let mut rhs = format!("{bias} + {weights} {}", self.vector(input, false));
        if layer.activation {
            rhs = if self.latex() {
                format!("\\mathbf{{a}}\\left[{rhs}\\right]")
            } else {
                format!("a[{rhs}]")
            };
        }
        let mut line = format!("{} = {rhs}", self.vector(&layer.units, true));
        for d in definitions {
            line.push_str(if self.latex() { ", \\quad " } else { "\n" });
            line.push_str(&d);
        }
        line
    }

    /// A bias or weight matrix: a scalar written as itself, else a bold name
    /// with its definition, or the entries inline.
    fn matrix_term(
        &self,
        ascii: &str,
        rows: Vec<Vec<String>>,
        weight: bool,
        defs: &mut Vec<String>,
    ) -> String {
        if rows.len() == 1 && rows[0].len() == 1 && !weight {
            return rows[0][0].clone();
        }
        let literal = self.literal(&rows);
        match self.style {
            Style::Inline | Style::Units => literal,
            Style::Named => {
                let (letter, index) = ascii.split_once('_').expect("a subscripted name");
                let name = format!("\\boldsymbol{{\\{letter}}}_{index}");
                defs.push(format!("{name} = {literal}"));
                name
            }
            Style::Ascii | Style::AsciiRows => {
                defs.push(format!("{ascii} = {literal}"));
                ascii.to_string()
            }
        }
    }

    /// A matrix literal in this style.
    fn literal(&self, rows: &[Vec<String>]) -> String {
        let (entry, row, open, close) = match self.style {
            Style::AsciiRows if rows[0].len() > 1 => {
                let rows: Vec<String> =
                    rows.iter().map(|r| format!("[{}]", r.join(", "))).collect();
                return format!("[{}]", rows.join(", "));
            }
            Style::Ascii | Style::AsciiRows => (", ", "; ", "[", "]"),
            Style::Units => (" & ", " \\\\ ", "\\begin{pmatrix}", "\\end{pmatrix}"),
            _ => (" & ", " \\\\ ", "\\begin{bmatrix}", "\\end{bmatrix}"),
        };
        let rows: Vec<String> = rows.iter().map(|r| r.join(entry)).collect();
        format!("{open}{}{close}", rows.join(row))
    }

    /// A vector of units: its bold name when the reader's naming gives back
    /// these units, else its entries (or the one unit itself).
    fn vector(&self, units: &[Sym], left: bool) -> String {
        if let Some(name) = self
            .vector_name(units)
            .filter(|_| !matches!(self.style, Style::Units))
        {
            return name;
        }
        if units.len() == 1 && !left {
            return self.name(units[0]);
        }
        let column: Vec<Vec<String>> = units.iter().map(|&u| vec![self.name(u)]).collect();
        self.literal(&column)
    }

    /// `\mathbf{h}'` for h'_1…h'_n, `\mathbf{h}_{2}` for h_{2,1}…, `x` for x.
    fn vector_name(&self, units: &[Sym]) -> Option<String> {
        let first = &self.symbols[units[0]];
        let Letter::Var(letter) = first.letter else {
            return None;
        };
        let bare = first.indices.is_empty() && letter != VarLetter::H;
        if units.len() == 1 && bare {
            return Some(self.name(units[0]));
        }
        let layer = match *first.indices {
            [_] => None,
            [k, _] => Some(k),
            _ => return None,
        };
        let regular = units.iter().enumerate().all(|(i, &u)| {
            let s = &self.symbols[u];
            let i = i as u32 + 1;
            s.letter == first.letter
                && s.primes == first.primes
                && *s.indices == *layer.map_or(vec![i], |k| vec![k, i])
        });
        let ascii_ambiguous =
            matches!(self.style, Style::Ascii) && layer.is_some() && units.len() == 1;
        if !regular
            || ascii_ambiguous
            || (units.len() == 1 && letter != VarLetter::H && layer.is_none())
        {
            return None;
        }
        let primes = "'".repeat(first.primes.into());
        let letter = match letter {
            VarLetter::X => "x",
            VarLetter::Y => "y",
            VarLetter::H => "h",
        };
        let base = if matches!(self.style, Style::AsciiRows) {
            format!("bb({letter}){primes}")
        } else if self.latex() {
            format!("\\mathbf{{{letter}}}{primes}")
        } else {
            format!("{letter}{primes}")
        };
        Some(match layer {
            Some(k) => format!("{base}_{{{k}}}"),
            None => base,
        })
    }
}

/// Reads `text`, reporting it with the error.
fn read(text: &str) -> Network {
    eprintln!("--- reading ---\n{text}");
    net(text)
}

#[test]
fn every_example_reads_back_from_its_matrix_forms() {
    for example in netform::examples::EXAMPLES {
        let scalar = net(example.source);
        for style in STYLES {
            let text = matrix_form(&scalar, style);
            assert_eq!(
                read(&text),
                scalar,
                "{} in {style:?}:\n{text}",
                example.name
            );
        }
    }
}

#[test]
fn the_slides_matrix_form_is_the_combined_network() {
    let slides = r"
        \mathbf{h} = \mathbf{a}\left[\begin{bmatrix}\theta_{10}\\\theta_{20}\\\theta_{30}\end{bmatrix} + \begin{bmatrix}\theta_{11}\\\theta_{21}\\\theta_{31}\end{bmatrix} x\right]
        \mathbf{h}' = \mathbf{a}\left[\boldsymbol{\psi}_0 + \boldsymbol{\Psi}\mathbf{h}\right], \quad \boldsymbol{\psi}_0 = \begin{bmatrix}\psi_{10}\\\psi_{20}\\\psi_{30}\end{bmatrix}, \quad \boldsymbol{\Psi} = \begin{bmatrix}\psi_{11} & \psi_{12} & \psi_{13}\\ \psi_{21} & \psi_{22} & \psi_{23}\\ \psi_{31} & \psi_{32} & \psi_{33}\end{bmatrix}
        y' = \phi'_0 + \boldsymbol{\phi}'^T\mathbf{h}', \quad \boldsymbol{\phi}' = \begin{bmatrix}\phi'_1\\\phi'_2\\\phi'_3\end{bmatrix}
    ";
    let combined = net(netform::examples::find("compose-combined").unwrap().source);
    assert_eq!(net(slides), combined);
    for transpose in [
        "^{\\top}",
        "^{T}",
        "^\\mathsf{T}",
        "ᵀ",
        "^\\intercal",
        "^{\\mathsf{T}}",
    ] {
        assert_eq!(
            net(&slides.replace("^T", transpose)),
            combined,
            "{transpose}"
        );
    }
}

#[test]
fn left_sides_name_units_by_entries_or_by_an_alias() {
    let combined = net(netform::examples::find("compose-combined").unwrap().source);
    let text = r"
        \mathbf{h} = \mathbf{a}[\boldsymbol{\theta}_0 + \boldsymbol{\theta}x], \boldsymbol{\theta}_0 = \begin{bmatrix}\theta_{10}\\\theta_{20}\\\theta_{30}\end{bmatrix}, \boldsymbol{\theta} = \begin{bmatrix}\theta_{11}\\\theta_{21}\\\theta_{31}\end{bmatrix}
        \begin{bmatrix}h'_1\\h'_2\\h'_3\end{bmatrix} = \mathbf{a}\left[\begin{pmatrix}\psi_{10}\\\psi_{20}\\\psi_{30}\end{pmatrix} + \left[\begin{matrix}\psi_{11} & \psi_{12} & \psi_{13}\\ \psi_{21} & \psi_{22} & \psi_{23}\\ \psi_{31} & \psi_{32} & \psi_{33}\end{matrix}\right]\mathbf{h}\right]
        y' = \phi'_0 + \begin{bmatrix}\phi'_1 & \phi'_2 & \phi'_3\end{bmatrix}\begin{bmatrix}h'_1\\h'_2\\h'_3\end{bmatrix}
    ";
    assert_eq!(net(text), combined);
    let alias = r"\mathbf{h} = \begin{bmatrix}h_1\\h_2\\h_3\end{bmatrix}";
    assert_eq!(net(&format!("{alias}\n{text}")), combined);
}

#[test]
fn the_nested_matrix_form_reads_as_the_nested_scalar_equation() {
    let nested = r"y = \beta_1 + \boldsymbol{\Omega}_1\mathbf{a}[\boldsymbol{\beta}_0 + \boldsymbol{\Omega}_0 x],
        \boldsymbol{\Omega}_1 = \begin{bmatrix}\omega_{1,1} & \omega_{1,2}\end{bmatrix},
        \boldsymbol{\beta}_0 = \begin{bmatrix}\beta_{0,1}\\\beta_{0,2}\end{bmatrix},
        \boldsymbol{\Omega}_0 = \begin{bmatrix}\omega_{0,1}\\\omega_{0,2}\end{bmatrix}";
    let scalar = r"y = \beta_1 + \omega_{1,1} a[\beta_{0,1} + \omega_{0,1} x] + \omega_{1,2} a[\beta_{0,2} + \omega_{0,2} x]";
    assert_eq!(net(nested), net(scalar));
}

fn widths() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..=4, 2..=6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_architectures_read_back_from_every_matrix_form(widths in widths(), pick in 0usize..5) {
        let network = netform::rewrite::arch::network(&widths).unwrap();
        let style = STYLES[pick];
        let text = matrix_form(&network, style);
        let read = netform::read::network(&text);
        prop_assert!(read.is_ok(), "{widths:?} in {style:?} fails:\n{text}\n{:?}", read.err());
        prop_assert_eq!(read.unwrap(), network, "{:?} in {:?}:\n{}", widths, style, text);
    }
}

#[test]
fn deeply_nested_matrices_are_refused_not_overflowed() {
    let depth = 50_000;
    let text = format!(
        "y = {}x{}",
        "\\begin{bmatrix}".repeat(depth),
        "\\end{bmatrix}".repeat(depth)
    );
    assert!(common::errors(&text).contains("nesting deeper than"));
    let ascii = format!("y = {}x{}", "[1, ".repeat(depth), "]".repeat(depth));
    assert!(common::errors(&ascii).contains("nesting deeper than"));
}

#[test]
fn a_huge_product_is_refused_with_its_size() {
    let n = 200;
    let row = vec!["1"; n].join(" & ");
    let square = format!(
        "\\begin{{bmatrix}}{}\\end{{bmatrix}}",
        vec![row; n].join(" \\\\ ")
    );
    let text = format!("\\mathbf{{y}} = {square}{square}{square}\\mathbf{{x}}");
    assert!(common::errors(&text).contains("the matrices expand to more than"));
}

/// The text of a file in `tests/forms/`.
fn rendered(name: &str) -> String {
    let path = format!("{}/tests/forms/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An example's network.
fn example(name: &str) -> Network {
    net(netform::examples::find(name).unwrap().source)
}

#[test]
fn the_renderers_matrix_and_general_forms_read_back() {
    let cases = [
        ("compose-combined-matrix-latex", "compose-combined"),
        ("compose-combined-matrix-ascii", "compose-combined"),
        ("compose-combined-matrix-explicit-ascii", "compose-combined"),
        ("compose-second-matrix-latex", "compose-second"),
        ("deep-3-layer-general-latex", "deep-3-layer"),
    ];
    for (file, name) in cases {
        assert_eq!(read(&rendered(file)), example(name), "{file}");
    }
    let arch = netform::rewrite::arch::network(&[2, 3, 2]).unwrap();
    assert_eq!(read(&rendered("cli-arch-2-3-2-matrix-latex")), arch);
}

/// The nested form holds the scalar nested equation and its matrix
/// counterpart, `bb(y) = beta_2 + Omega_2 a[…]` with `bb(y) = [y']`: both
/// define `y'`, so reading succeeds only if they agree term by term.
#[test]
fn the_renderers_nested_matrix_equation_agrees_with_the_scalar_one() {
    let text = rendered("compose-combined-nested-ascii");
    let scalar = text.split("\n\n").next().unwrap();
    let nested = read(&text);
    assert_eq!(nested, net(scalar));
    let (unnested, combined) = (
        netform::rewrite::unnest::unnest(&nested),
        example("compose-combined"),
    );
    assert_eq!(
        (unnested.units.len(), unnested.params.len()),
        (combined.units.len(), combined.params.len())
    );
}

#[test]
fn json_definitions_give_the_entries_of_bold_names() {
    let json = r#"{"equations": ["bb(h) = a[theta_0 + theta x]", "y = phi_0 + phi^T bb(h)"],
        "definitions": ["theta_0 = [theta_10; theta_20]", "theta = [theta_11; theta_21]", "phi^T = [[phi_1, phi_2]]"]}"#;
    let scalar = "h_1 = a[theta_10 + theta_11 x]\nh_2 = a[theta_20 + theta_21 x]\ny = phi_0 + phi_1 h_1 + phi_2 h_2";
    assert_eq!(netform::read::network(json).unwrap(), net(scalar));
}

/// Pieces that random matrix documents are glued from.
const PIECES: &[&str] = &[
    "h",
    "x",
    "y",
    "a[",
    "]",
    "[",
    "(",
    ")",
    "{",
    "}",
    "'",
    "_1",
    "_{2,1}",
    "_0",
    "\\theta",
    "\\Psi",
    "\\boldsymbol{\\psi}",
    "\\mathbf{h}",
    "\\mathbf{x}",
    "bb(h)",
    "bb(y)",
    "\\begin{bmatrix}",
    "\\end{bmatrix}",
    "\\begin{pmatrix}",
    "\\end{pmatrix}",
    "\\left[\\begin{matrix}",
    "\\end{matrix}\\right]",
    "&",
    "\\\\",
    ";",
    ",",
    "=",
    "+",
    "-",
    "/",
    "2",
    "^T",
    "ᵀ",
    "\n",
    " ",
    "\\mathbf{a}[",
    "psi_11",
    "Psi",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn reading_matrix_documents_never_panics(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
    ) {
        let src = pieces.concat();
        if let Err(failure) = netform::read::network(&src) {
            prop_assert!(!failure.diagnostics.is_empty() || failure.text.is_some());
            for d in failure.diagnostics {
                if let Some(span) = d.span {
                    prop_assert!(span.start <= span.end && span.end as usize <= src.len());
                }
            }
        }
    }
}
