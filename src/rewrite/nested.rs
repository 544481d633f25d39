//! The fully nested single equation: every hidden unit substituted into the
//! outputs, as on the "two-layer network as one equation" slide:
//! `y' = φ'_0 + φ'_1 a[ψ_10 + ψ_11 a[θ_10 + θ_11 x] + …] + …`.
//!
//! Its size grows as the product of the widths, so [`size`] estimates it from
//! the network before anything is built, and [`nested`] refuses to build an
//! equation above a limit.

use crate::expr::{Affine, Atom};
use crate::network::{self, Network};
use crate::symbol::Sym;

/// The default limit on the number of terms of a nested equation.
pub const DEFAULT_MAX_TERMS: u128 = 100_000;

/// A nested equation that would be larger than allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// The estimated number of terms.
    pub terms: u128,
    /// The limit in force.
    pub limit: u128,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the nested equation would have about {} terms, more than the limit of {}; raise it with --max-terms {}",
            self.terms, self.limit, self.terms
        )
    }
}

/// The number of terms (weights times a variable or an activation, and bias
/// terms) the nested equations of all outputs have together, saturating at
/// `u128::MAX`.
pub fn size(network: &Network) -> u128 {
    let per_unit = unit_sizes(network);
    let index = network::unit_index(&network.units, network.symbols.len());
    network
        .outputs
        .iter()
        .filter_map(|o| index[o.0 as usize])
        .fold(0u128, |sum, i| sum.saturating_add(per_unit[i]))
}

/// Each unit's nested size, computed in dependency order.
fn unit_sizes(network: &Network) -> Vec<u128> {
    let index = network::unit_index(&network.units, network.symbols.len());
    let deps = network::unit_dependencies(&network.units, network.symbols.len());
    let order =
        network::topological_order(deps.len(), &deps).unwrap_or_else(|_| (0..deps.len()).collect());
    let mut sizes = vec![0u128; network.units.len()];
    for i in order {
        sizes[i] = affine_size(&network.units[i].rhs, &index, &sizes);
    }
    sizes
}

fn affine_size(a: &Affine, index: &[Option<usize>], sizes: &[u128]) -> u128 {
    a.terms.iter().fold(0u128, |sum, t| {
        let inner = match &t.atom {
            Atom::One => 1,
            Atom::Var(v) => index[v.0 as usize].map_or(1, |u| sizes[u]),
            Atom::Act(inner) => affine_size(inner, index, sizes),
        };
        sum.saturating_add(inner.saturating_mul(t.coef.monomials.len().max(1) as u128))
    })
}

/// The nested equation of every output, `(output, right side)`, with every
/// hidden unit substituted; refused when [`size`] exceeds `max_terms`.
pub fn nested(network: &Network, max_terms: u128) -> Result<Vec<(Sym, Affine)>, TooLarge> {
    let terms = size(network);
    if terms > max_terms {
        return Err(TooLarge {
            terms,
            limit: max_terms,
        });
    }
    let index = network::unit_index(&network.units, network.symbols.len());
    let deps = network::unit_dependencies(&network.units, network.symbols.len());
    let order =
        network::topological_order(deps.len(), &deps).unwrap_or_else(|_| (0..deps.len()).collect());
    let mut done: Vec<Option<Affine>> = vec![None; network.units.len()];
    for i in order {
        done[i] = Some(substitute(&network.units[i].rhs, &index, &done));
    }
    Ok(network
        .outputs
        .iter()
        .filter_map(|&o| index[o.0 as usize].map(|i| (o, done[i].clone().unwrap_or_default())))
        .collect())
}

/// Replaces every unit read by its (already nested) right side.
fn substitute(a: &Affine, index: &[Option<usize>], done: &[Option<Affine>]) -> Affine {
    let mut out = Affine::zero();
    for t in &a.terms {
        match &t.atom {
            Atom::Var(v) => match index[v.0 as usize].and_then(|u| done[u].as_ref()) {
                Some(rhs) => out.add(rhs.mul_poly(&t.coef)),
                None => out.add_term(t.coef.clone(), t.atom.clone()),
            },
            Atom::Act(inner) => out.add_term(
                t.coef.clone(),
                Atom::Act(Box::new(substitute(inner, index, done))),
            ),
            Atom::One => out.add_term(t.coef.clone(), Atom::One),
        }
    }
    out
}
