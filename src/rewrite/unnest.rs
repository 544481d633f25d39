//! Un-nesting: every activation written inside an equation becomes a hidden
//! unit of its own.
//!
//! `y = φ_0 + φ_1 a[θ_10 + θ_11 x]` becomes `h_1 = a[θ_10 + θ_11 x]`,
//! `y = φ_0 + φ_1 h_1`. The same activation written twice (as the nested
//! equation repeats `a[θ_10 + θ_11 x]` in every term) becomes one unit.

use crate::expr::{Affine, Atom, Poly};
use crate::network::{self, Network, Unit};
use crate::symbol::{Letter, Sym, Symbol, VarLetter};
use std::collections::HashMap;

/// Returns `network` with every nested activation turned into a hidden unit;
/// a network without nested activations is returned unchanged.
///
/// A unit whose whole right side is one activation with coefficient 1
/// (`h = a[…]`) keeps it; every other activation becomes a new unit. New
/// units are named by their layer: `h_1, h_2, …` when the result has one
/// hidden layer, `h_i` and `h'_i` for two, `h_{k,i}` for more, skipping names
/// already taken.
pub fn unnest(network: &Network) -> Network {
    if !is_nested(network) {
        return network.clone();
    }
    let mut out = network.clone();
    let mut extractor = Extractor::default();
    let rewritten: Vec<(Sym, Affine)> = out
        .units
        .iter()
        .map(|unit| {
            let rhs = match top_activation(&unit.rhs) {
                Some(inner) => activation_of(extractor.affine(inner)),
                None => extractor.affine(&unit.rhs),
            };
            (unit.name, rhs)
        })
        .collect();
    out.units = extractor.into_units(&mut out, rewritten);
    relayer(&mut out);
    out
}

/// Whether some unit of `network` holds an activation that is not its whole
/// right side, so that [`unnest`] would change it.
pub fn is_nested(network: &Network) -> bool {
    network.units.iter().any(|u| has_nested(&u.rhs))
}

/// Whether an affine combination holds an activation that is not the whole
/// right side of a unit.
fn has_nested(rhs: &Affine) -> bool {
    match top_activation(rhs) {
        Some(inner) => inner.terms.iter().any(|t| matches!(t.atom, Atom::Act(_))),
        None => rhs.terms.iter().any(|t| matches!(t.atom, Atom::Act(_))),
    }
}

/// The argument of `a[…]` when a right side is exactly one activation.
pub fn top_activation(rhs: &Affine) -> Option<&Affine> {
    match rhs.terms.as_slice() {
        [t] if t.coef.is_one() => match &t.atom {
            Atom::Act(inner) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}

fn activation_of(inner: Affine) -> Affine {
    let mut out = Affine::zero();
    out.add_term(Poly::one(), Atom::Act(Box::new(inner)));
    out
}

/// Replaces activations by placeholder variables, innermost first.
#[derive(Default)]
struct Extractor {
    /// Each distinct activation argument (with placeholders for the
    /// activations inside it), in order of first appearance.
    found: Vec<Affine>,
    index: HashMap<Affine, usize>,
}

impl Extractor {
    /// Rewrites `a`, replacing each activation by a placeholder atom
    /// `Var(Sym(u32::MAX - k))` for the k-th extracted unit.
    fn affine(&mut self, a: &Affine) -> Affine {
        let mut out = Affine::zero();
        for t in &a.terms {
            let atom = match &t.atom {
                Atom::Act(inner) => {
                    let inner = self.affine(inner);
                    Atom::Var(self.intern(inner))
                }
                other => other.clone(),
            };
            out.add_term(t.coef.clone(), atom);
        }
        out
    }

    fn intern(&mut self, inner: Affine) -> Sym {
        let k = match self.index.get(&inner) {
            Some(&k) => k,
            None => {
                self.found.push(inner.clone());
                self.index.insert(inner, self.found.len() - 1);
                self.found.len() - 1
            }
        };
        placeholder(k)
    }

    /// Names the extracted units by their layer, rewrites placeholders in
    /// `rewritten` (the original units' new right sides), and returns all units:
    /// the new ones first, by layer, then the original ones.
    fn into_units(self, network: &mut Network, rewritten: Vec<(Sym, Affine)>) -> Vec<Unit> {
        let n = rewritten.len();
        let index = network::unit_index(&network.units, network.symbols.len());
        let node_of = |v: Sym| match placeholder_index(v) {
            Some(k) => Some(n + k),
            None => index.get(v.0 as usize).copied().flatten(),
        };
        let deps: Vec<Vec<usize>> = rewritten
            .iter()
            .map(|(_, rhs)| rhs)
            .chain(self.found.iter())
            .map(|rhs| {
                let mut ds = Vec::new();
                rhs.for_each_var(&mut |v| ds.extend(node_of(v)));
                ds
            })
            .collect();
        let order = network::topological_order(deps.len(), &deps)
            .unwrap_or_else(|_| (0..deps.len()).collect());
        let mut layer = vec![0u32; deps.len()];
        for i in order {
            layer[i] = 1 + deps[i].iter().map(|&d| layer[d]).max().unwrap_or(0);
        }
        let hidden_layers = layer[n..].iter().copied().max().unwrap_or(0);
        let mut per_layer = vec![0u32; hidden_layers as usize + 1];
        let mut names = Vec::with_capacity(self.found.len());
        for k in 0..self.found.len() {
            let depth = layer[n + k];
            let name = loop {
                per_layer[depth as usize] += 1;
                let candidate = hidden_name(depth, per_layer[depth as usize], hidden_layers);
                if network.symbols.get(&candidate).is_none() {
                    break network.symbols.intern(candidate);
                }
            };
            names.push(name);
        }
        let mut new_units: Vec<(u32, Unit)> = self
            .found
            .iter()
            .zip(&names)
            .enumerate()
            .map(|(k, (inner, &name))| {
                let rhs = activation_of(substitute_placeholders(inner, &names));
                (
                    layer[n + k],
                    Unit {
                        name,
                        layer: 0,
                        rhs,
                    },
                )
            })
            .collect();
        new_units.sort_by_key(|(d, _)| *d);
        new_units
            .into_iter()
            .map(|(_, u)| u)
            .chain(rewritten.into_iter().map(|(name, rhs)| Unit {
                name,
                layer: 0,
                rhs: substitute_placeholders(&rhs, &names),
            }))
            .collect()
    }
}

const PLACEHOLDER_BASE: u32 = u32::MAX / 2;

fn placeholder(k: usize) -> Sym {
    Sym(PLACEHOLDER_BASE + k as u32)
}

fn placeholder_index(s: Sym) -> Option<usize> {
    s.0.checked_sub(PLACEHOLDER_BASE).map(|k| k as usize)
}

fn substitute_placeholders(a: &Affine, names: &[Sym]) -> Affine {
    let mut out = Affine::zero();
    for t in &a.terms {
        let atom = match &t.atom {
            Atom::Var(v) => Atom::Var(placeholder_index(*v).map_or(*v, |k| names[k])),
            Atom::Act(inner) => Atom::Act(Box::new(substitute_placeholders(inner, names))),
            Atom::One => Atom::One,
        };
        out.add_term(t.coef.clone(), atom);
    }
    out
}

/// The name of the `i`-th new unit of layer `depth` in a network with
/// `layers` hidden layers: `h_i`; `h_i`, `h'_i`; or `h_{k,i}`.
fn hidden_name(depth: u32, i: u32, layers: u32) -> Symbol {
    let h = Letter::Var(VarLetter::H);
    match layers {
        1 => Symbol {
            letter: h,
            primes: 0,
            indices: vec![i].into(),
        },
        2 => Symbol {
            letter: h,
            primes: (depth - 1) as u8,
            indices: vec![i].into(),
        },
        _ => Symbol {
            letter: h,
            primes: 0,
            indices: vec![depth, i].into(),
        },
    }
}

/// Recomputes layers and outputs after units changed.
fn relayer(network: &mut Network) {
    if let Ok(layers) = network::layers(&network.units, &network.symbols) {
        for (u, l) in network.units.iter_mut().zip(layers) {
            u.layer = l;
        }
    }
    network.outputs = network::outputs(&network.units, network.symbols.len());
}
