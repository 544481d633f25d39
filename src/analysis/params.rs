//! The number of parameters: weights and biases per layer, and in total.
//!
//! For an architecture `D_0, D_1, …, D_{K+1}` (input size, hidden widths,
//! output size) layer `k` has `D_k·D_{k+1}` weights (the matrix `Ω_k`) and
//! `D_{k+1}` biases (the vector `β_k`), so the total is
//! `Σ_{k=0}^{K} (D_k·D_{k+1} + D_{k+1})`: 471 for `1,10,10,10,10,10,1`,
//! 15,208 for `40,298,10`.
//!
//! For a [`Network`] read from text, every coefficient that is not a plain
//! number is a parameter slot, counted in the layer of the affine combination
//! it belongs to. A network that came from `compose` has more slots than free
//! parameters: two composed 1-3-1 networks give one network with 22
//! coefficients (the ψ among them are defined by `ψ_10 = θ'_10 + θ'_11 φ_0`
//! and so on) but only the 20 parameters of the two originals are free.

use crate::diagnostic::Diagnostic;
use crate::expr::{Affine, Atom};
use crate::network::{self, Network};
use crate::symbol::Sym;
use std::fmt;

/// The parameters of one layer: the weights and biases that compute it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LayerCount {
    /// Coefficients that multiply a variable or an activation (`Ω_k`).
    pub weights: u64,
    /// Coefficients of the constant term (`β_k`).
    pub biases: u64,
}

/// A parameter count with the formula that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    /// The architecture, when counted from one (`--arch 1,10,1`).
    pub arch: Option<Vec<usize>>,
    /// Per layer `k`: the weights and biases of `Ω_k` and `β_k`, from the
    /// input side.
    pub layers: Vec<LayerCount>,
    /// The total number of weights and biases.
    pub parameters: u64,
    /// The number of distinct parameter names among the coefficients (a name
    /// used twice counts once). Equals `parameters` for an architecture.
    pub distinct: u64,
    /// How many parameters are free: those that need a value, after every
    /// defined parameter (`ψ_10 = θ'_10 + θ'_11 φ_0`) is expanded.
    pub free: u64,
    /// The formula with the numbers put in:
    /// `1·10+10 + 4×(10·10+10) + 10·1+1 = 471`.
    pub formula: String,
}

impl Count {
    /// Counts the parameters of an architecture: input size, hidden widths,
    /// output size.
    ///
    /// ```
    /// use netform::analysis::params::Count;
    /// let c = Count::of_arch(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    /// assert_eq!(c.parameters, 471);
    /// assert_eq!(Count::of_arch(&[40, 298, 10]).unwrap().parameters, 15_208);
    /// ```
    pub fn of_arch(arch: &[usize]) -> Result<Count, Diagnostic> {
        check_arch(arch, 0)?;
        let too_many = || {
            Diagnostic::global(
                "too-large",
                "the architecture has more than 2^64 parameters",
            )
        };
        let mut layers = Vec::with_capacity(arch.len() - 1);
        let mut total: u64 = 0;
        for pair in arch.windows(2) {
            let (from, to) = (pair[0] as u64, pair[1] as u64);
            let weights = from.checked_mul(to).ok_or_else(too_many)?;
            total = total
                .checked_add(weights)
                .and_then(|t| t.checked_add(to))
                .ok_or_else(too_many)?;
            layers.push(LayerCount {
                weights,
                biases: to,
            });
        }
        Ok(Count {
            arch: Some(arch.to_vec()),
            formula: arch_formula(arch, total),
            layers,
            parameters: total,
            distinct: total,
            free: total,
        })
    }

    /// Counts the parameter slots of a network, per layer, and how many
    /// parameters are free.
    pub fn of_network(network: &Network) -> Count {
        let depths = unit_depths(network);
        let index = network::unit_index(&network.units, network.symbols.len());
        let of_var = |v: Sym| index[v.0 as usize].map_or(0, |u| depths[u]);
        let mut layers: Vec<LayerCount> = Vec::new();
        let mut names = vec![false; network.symbols.len()];
        for unit in &network.units {
            count_affine(&unit.rhs, &of_var, &mut layers, &mut names);
        }
        let parameters = layers.iter().map(|l| l.weights + l.biases).sum();
        let distinct = names.iter().filter(|&&n| n).count() as u64;
        let terms: Vec<String> = layers
            .iter()
            .map(|l| format!("({}+{})", l.weights, l.biases))
            .collect();
        let formula = format!(
            "Σ_k (weights_k + biases_k) = {} = {parameters}",
            if terms.is_empty() {
                "0".to_string()
            } else {
                terms.join(" + ")
            }
        );
        Count {
            arch: None,
            layers,
            parameters,
            distinct,
            free: network.params.len() as u64,
            formula,
        }
    }

    /// The count as JSON: `{"parameters": 471, "layers": [{"weights": 10,
    /// "biases": 10}, …], "distinct": …, "free": …, "formula": …}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        if let Some(arch) = &self.arch {
            out.insert("arch".into(), serde_json::json!(arch));
        }
        out.insert("parameters".into(), self.parameters.into());
        out.insert("layers".into(), serde_json::json!(self.layers));
        out.insert("distinct".into(), self.distinct.into());
        out.insert("free".into(), self.free.into());
        out.insert("formula".into(), self.formula.clone().into());
        serde_json::Value::Object(out)
    }
}

impl fmt::Display for Count {
    /// A report for the terminal: one line per layer, then the total with its
    /// formula, then the free parameters when they differ.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(arch) = &self.arch {
            let list: Vec<String> = arch.iter().map(|d| d.to_string()).collect();
            writeln!(f, "architecture {}", list.join(", "))?;
        }
        for (k, l) in self.layers.iter().enumerate() {
            let shape = match &self.arch {
                Some(arch) => format!(
                    " (Ω_{k}: {}×{}, β_{k}: {})",
                    arch[k + 1],
                    arch[k],
                    arch[k + 1]
                ),
                None => String::new(),
            };
            let (w, b) = (l.weights, l.biases);
            let (ws, bs) = (
                if w == 1 { "weight" } else { "weights" },
                if b == 1 { "bias" } else { "biases" },
            );
            writeln!(f, "layer {k}: {w} {ws} + {b} {bs} = {}{shape}", w + b)?;
        }
        writeln!(f, "parameters: {}", self.parameters)?;
        writeln!(f, "formula: {}", self.formula)?;
        if self.distinct != self.parameters {
            writeln!(f, "distinct parameter names: {}", self.distinct)?;
        }
        if self.free != self.parameters {
            writeln!(
                f,
                "free: {} (the other coefficients are defined in terms of these)",
                self.free
            )?;
        }
        Ok(())
    }
}

/// Checks an architecture: at least `min_len` sizes (and at least two), none zero.
pub(crate) fn check_arch(arch: &[usize], min_len: usize) -> Result<(), Diagnostic> {
    if arch.len() < min_len.max(2) {
        let need = if min_len > 2 {
            "an input size, at least one hidden width and an output size"
        } else {
            "an input size and an output size"
        };
        return Err(Diagnostic::global(
            "arch",
            format!(
                "an architecture needs {need}, got {} number{}",
                arch.len(),
                if arch.len() == 1 { "" } else { "s" }
            ),
        )
        .with_help("write it as `--arch 1,10,10,1`: input size, hidden widths, output size"));
    }
    if let Some(k) = arch.iter().position(|&d| d == 0) {
        return Err(Diagnostic::global(
            "arch",
            format!(
                "size {} of the architecture is 0; every layer needs at least one unit",
                k + 1
            ),
        ));
    }
    Ok(())
}

/// `1·10+10 + 4×(10·10+10) + 10·1+1 = 471`: the layers' terms, with runs of
/// equal layers written once with their multiplicity.
fn arch_formula(arch: &[usize], total: u64) -> String {
    let mut parts: Vec<String> = Vec::new();
    let pairs: Vec<(usize, usize)> = arch.windows(2).map(|p| (p[0], p[1])).collect();
    let mut i = 0;
    while i < pairs.len() {
        let run = pairs[i..].iter().take_while(|&&p| p == pairs[i]).count();
        let (from, to) = pairs[i];
        parts.push(if run == 1 {
            format!("{from}·{to}+{to}")
        } else {
            format!("{run}×({from}·{to}+{to})")
        });
        i += run;
    }
    format!(
        "Σ_k (D_k·D_(k+1) + D_(k+1)) = {} = {total}",
        parts.join(" + ")
    )
}

/// Each unit's depth: the number of activations on the longest path from an
/// input to its value (a hidden unit `h = a[…]` of the first layer has depth 1,
/// an output of a shallow network also 1).
fn unit_depths(network: &Network) -> Vec<usize> {
    let index = network::unit_index(&network.units, network.symbols.len());
    let mut depth = vec![0usize; network.units.len()];
    // Units are usually written after the units they read: then one pass in
    // the written order finds every depth, with no dependency lists.
    let in_order = std::cell::Cell::new(true);
    for i in 0..network.units.len() {
        let of_var = |v: Sym| match index[v.0 as usize] {
            Some(u) if u < i => depth[u],
            Some(_) => {
                in_order.set(false);
                0
            }
            None => 0,
        };
        depth[i] = affine_depth(&network.units[i].rhs, &of_var);
        if !in_order.get() {
            break;
        }
    }
    if in_order.get() {
        return depth;
    }
    let deps = network::unit_dependencies(&network.units, network.symbols.len());
    let order =
        network::topological_order(deps.len(), &deps).unwrap_or_else(|_| (0..deps.len()).collect());
    for i in order {
        let of_var = |v: Sym| index[v.0 as usize].map_or(0, |u| depth[u]);
        depth[i] = affine_depth(&network.units[i].rhs, &of_var);
    }
    depth
}

/// The depth of an affine combination's value: the deepest of its atoms, an
/// activation adding one.
fn affine_depth(a: &Affine, of_var: &impl Fn(Sym) -> usize) -> usize {
    a.terms
        .iter()
        .map(|t| match &t.atom {
            Atom::One => 0,
            Atom::Var(v) => of_var(*v),
            Atom::Act(inner) => affine_depth(inner, of_var) + 1,
        })
        .max()
        .unwrap_or(0)
}

/// Adds the parameter slots of `a` (and of the activations inside it) to the
/// layer each belongs to: the layer of an affine combination is the depth of
/// what it reads, so the first layer's `θ_10 + θ_11 x` is layer 0.
fn count_affine(
    a: &Affine,
    of_var: &impl Fn(Sym) -> usize,
    layers: &mut Vec<LayerCount>,
    names: &mut [bool],
) {
    let layer = affine_depth(a, of_var);
    for t in &a.terms {
        if let Atom::Act(inner) = &t.atom {
            count_affine(inner, of_var, layers, names);
        }
        if t.coef.as_constant().is_some() {
            continue;
        }
        for p in t.coef.params() {
            names[p.0 as usize] = true;
        }
        if layers.len() <= layer {
            layers.resize(
                layer + 1,
                LayerCount {
                    weights: 0,
                    biases: 0,
                },
            );
        }
        match t.atom {
            Atom::One => layers[layer].biases += 1,
            _ => layers[layer].weights += 1,
        }
    }
}
