//! The JSON form of a network, for scripts.
//!
//! The document is pretty-printed with two-space indentation and ends with a
//! newline. Every name is spelled in ASCII (`theta'_10`, `omega_{0,12,3}`,
//! `h_12`) and every number is an exact rational written as a string (`"1"`,
//! `"-3/2"`), never a JSON number. Keys appear in the order below.
//!
//! ```text
//! {
//!   "netform": 1,                      // schema version
//!   "inputs": ["x"],                   // variables read but never defined
//!   "outputs": ["y"],                  // units no other unit reads
//!   "parameters": ["theta_10", …],     // free parameters, in order of first use
//!   "units": [                         // in network order
//!     {
//!       "name": "h_1",
//!       "layer": 1,                    // inputs are layer 0
//!       "role": "hidden",              // or "output"
//!       "equation": "h_1 = a[theta_10 + theta_11 x]",
//!       "terms": [Term, …]             // the right side
//!     }
//!   ],
//!   "definitions": [                   // parameters defined by others
//!     {
//!       "name": "psi_10",
//!       "equation": "psi_10 = theta'_10 + theta'_11 phi_0",
//!       "value": [Monomial, …]
//!     }
//!   ],
//!   "equations": ["h_1 = a[theta_10 + theta_11 x]", …]
//! }
//!
//! Term     = {"coefficient": [Monomial, …], "variable": null}         a bias
//!          | {"coefficient": [Monomial, …], "variable": "x"}          times a variable
//!          | {"coefficient": [Monomial, …], "activation": {"terms": [Term, …]}}
//! Monomial = {"factor": "-3/2", "parameters": ["theta'_11", "phi_1"]} // factor × parameters
//! ```
//!
//! A coefficient is a sum of monomials; a monomial with no parameters is a
//! number. `equations` holds every equation of the scalar form in ASCII, one
//! line each (units, then definitions): it alone is enough to read the network
//! back.

use super::layout::Layout;
use super::Format;
use crate::expr::{Affine, Atom, Poly};
use crate::network::Network;
use serde::Serialize;
use std::collections::HashSet;

/// The whole document.
#[derive(Serialize)]
struct Document {
    netform: u32,
    inputs: Vec<String>,
    outputs: Vec<String>,
    parameters: Vec<String>,
    units: Vec<UnitJson>,
    definitions: Vec<DefinitionJson>,
    equations: Vec<String>,
}

/// One unit.
#[derive(Serialize)]
struct UnitJson {
    name: String,
    layer: u32,
    role: &'static str,
    equation: String,
    terms: Vec<TermJson>,
}

/// One parameter definition.
#[derive(Serialize)]
struct DefinitionJson {
    name: String,
    equation: String,
    value: Vec<MonomialJson>,
}

/// One term: a coefficient and what it multiplies.
#[derive(Serialize)]
struct TermJson {
    coefficient: Vec<MonomialJson>,
    #[serde(flatten)]
    atom: AtomJson,
}

/// What a term's coefficient multiplies, as a key of the term.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum AtomJson {
    /// `null` for a bias, or the variable's name.
    Variable(Option<String>),
    /// An activation of an affine combination.
    Activation(ActivationJson),
}

/// The inside of an activation.
#[derive(Serialize)]
struct ActivationJson {
    terms: Vec<TermJson>,
}

/// A number times parameters.
#[derive(Serialize)]
struct MonomialJson {
    factor: String,
    parameters: Vec<String>,
}

/// The JSON document for `network`, pretty-printed, ending with a newline.
pub(crate) fn document(network: &Network) -> String {
    let layout = Layout::new(&network.symbols, Format::Json);
    let outputs: HashSet<_> = network.outputs.iter().copied().collect();
    let mut equations = Vec::with_capacity(network.units.len() + network.definitions.len());
    let units = network
        .units
        .iter()
        .map(|unit| {
            let equation = layout.flat(&layout.unit(unit));
            equations.push(equation.clone());
            UnitJson {
                name: layout.symbol(unit.name),
                layer: unit.layer,
                role: if outputs.contains(&unit.name) {
                    "output"
                } else {
                    "hidden"
                },
                equation,
                terms: terms(&layout, &unit.rhs),
            }
        })
        .collect();
    let definitions = network
        .definitions
        .iter()
        .map(|definition| {
            let equation = layout.flat(&layout.definition(definition));
            equations.push(equation.clone());
            DefinitionJson {
                name: layout.symbol(definition.name),
                equation,
                value: monomials(&layout, &definition.value),
            }
        })
        .collect();
    let names = |syms: &[crate::symbol::Sym]| syms.iter().map(|&s| layout.symbol(s)).collect();
    let document = Document {
        netform: 1,
        inputs: names(&network.inputs),
        outputs: names(&network.outputs),
        parameters: names(&network.params),
        units,
        definitions,
        equations,
    };
    let mut text = serde_json::to_string_pretty(&document)
        .expect("serializing plain structs of strings and numbers cannot fail");
    text.push('\n');
    text
}

/// The terms of an affine combination.
fn terms(layout: &Layout<'_>, affine: &Affine) -> Vec<TermJson> {
    affine
        .terms
        .iter()
        .map(|term| TermJson {
            coefficient: monomials(layout, &term.coef),
            atom: match &term.atom {
                Atom::One => AtomJson::Variable(None),
                Atom::Var(v) => AtomJson::Variable(Some(layout.symbol(*v))),
                Atom::Act(inner) => AtomJson::Activation(ActivationJson {
                    terms: terms(layout, inner),
                }),
            },
        })
        .collect()
}

/// The monomials of a polynomial.
fn monomials(layout: &Layout<'_>, poly: &Poly) -> Vec<MonomialJson> {
    poly.monomials
        .iter()
        .map(|m| MonomialJson {
            factor: m.coef.to_string(),
            parameters: m.factors.iter().map(|&p| layout.symbol(p)).collect(),
        })
        .collect()
}
