//! A network seen as full layers: the basis of the vector/matrix form
//! `h = a[θ_0 + θx]`, `h' = a[ψ_0 + Ψh]`, `y' = φ'_0 + φ'ᵀh'` and of the
//! general form `h_1 = a[β_0 + Ω_0 x]`, …, `y = β_K + Ω_K h_K`.

use crate::expr::{Atom, Poly};
use crate::network::Network;
use crate::symbol::Sym;

use super::unnest::{top_activation, unnest};

/// A network whose units sit in layers that each read only the layer before.
///
/// Invariant: `layers[0]` reads `inputs`, `layers[k]` reads `layers[k-1].units`;
/// every `weights` row has one entry per unit read (the zero polynomial where
/// the scalar equation has no term).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layered {
    /// The input vector `x`.
    pub inputs: Vec<Sym>,
    /// The hidden layers, then the output layer.
    pub layers: Vec<Layer>,
}

/// One layer: `h' = a[ψ_0 + Ψh]` or `y = β_K + Ω_K h_K`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    /// The units it defines, in the order their equations were written.
    pub units: Vec<Sym>,
    /// Whether the layer applies the activation (hidden layers do).
    pub activation: bool,
    /// The bias of each unit.
    pub bias: Vec<Poly>,
    /// `weights[i][j]`: the weight from the `j`-th unit read to unit `i`.
    pub weights: Vec<Vec<Poly>>,
}

/// Why a network has no matrix form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotLayered {
    /// The unit that breaks the pattern.
    pub unit: Sym,
    /// What is wrong, as a sentence fragment naming the unit in ASCII.
    pub reason: String,
}

impl Layered {
    /// Sees `network` as full layers, un-nesting nested activations first.
    ///
    /// Fails when a unit reads a unit two or more layers back (a skip
    /// connection), when a unit is both output and in a hidden layer, or when
    /// a hidden unit is not a single activation.
    pub fn of(network: &Network) -> Result<Layered, NotLayered> {
        let unnested;
        let network = if crate::rewrite::unnest::is_nested(network) {
            unnested = unnest(network);
            &unnested
        } else {
            network
        };
        let depth = network.depth() as usize;
        let mut per_layer: Vec<Vec<usize>> = vec![Vec::new(); depth + 1];
        for (i, u) in network.units.iter().enumerate() {
            per_layer[u.layer as usize].push(i);
        }
        let mut position = vec![usize::MAX; network.symbols.len()];
        for (j, &x) in network.inputs.iter().enumerate() {
            position[x.0 as usize] = j;
        }
        for members in &per_layer {
            for (j, &i) in members.iter().enumerate() {
                position[network.units[i].name.0 as usize] = j;
            }
        }
        let mut layer_of = vec![0u32; network.symbols.len()];
        for u in &network.units {
            layer_of[u.name.0 as usize] = u.layer;
        }
        let mut is_output = vec![false; network.symbols.len()];
        for o in &network.outputs {
            is_output[o.0 as usize] = true;
        }
        let tables = Tables {
            position: &position,
            layer_of: &layer_of,
            is_output: &is_output,
        };
        let mut layers = Vec::with_capacity(depth);
        for (k, members) in per_layer.iter().enumerate().skip(1) {
            let layer = build_layer(network, members, k == depth, &tables)?;
            layers.push(layer);
        }
        Ok(Layered {
            inputs: network.inputs.clone(),
            layers,
        })
    }

    /// The widths `D_0, D_1, …, D_{K+1}`: inputs, each hidden layer, outputs.
    pub fn widths(&self) -> Vec<usize> {
        std::iter::once(self.inputs.len())
            .chain(self.layers.iter().map(|l| l.units.len()))
            .collect()
    }
}

/// Lookups by symbol id, so that building a layer is linear in its size.
struct Tables<'a> {
    /// A variable's position within its layer (inputs: within `x`).
    position: &'a [usize],
    /// A variable's layer (inputs: 0).
    layer_of: &'a [u32],
    is_output: &'a [bool],
}

/// Adds a coefficient to an entry; an empty entry takes a copy, sized to fit.
fn add_to(entry: &mut Poly, coef: &Poly) {
    if entry.is_zero() {
        *entry = copy(coef);
    } else {
        entry.add(copy(coef));
    }
}

/// A copy of a coefficient. The usual one, a single parameter, is made
/// afresh: cloning copies its monomials and factors one by one.
pub(super) fn copy(coef: &Poly) -> Poly {
    match coef.as_param() {
        Some(p) => Poly::param(p),
        None => coef.clone(),
    }
}

fn build_layer(
    network: &Network,
    members: &[usize],
    last: bool,
    tables: &Tables,
) -> Result<Layer, NotLayered> {
    let name = |s: Sym| network.symbols[s].to_string();
    let units: Vec<Sym> = members.iter().map(|&i| network.units[i].name).collect();
    let previous = members.first().map_or(0, |&i| network.units[i].layer - 1);
    let width = if previous == 0 {
        network.inputs.len()
    } else {
        network.units.iter().filter(|u| u.layer == previous).count()
    };
    let mut bias = Vec::with_capacity(members.len());
    let mut weights = Vec::with_capacity(members.len());
    let mut activation = None;
    for &i in members {
        let unit = &network.units[i];
        if !last && tables.is_output[unit.name.0 as usize] {
            return Err(NotLayered {
                unit: unit.name,
                reason: format!(
                    "`{}` is an output in hidden layer {}",
                    name(unit.name),
                    unit.layer
                ),
            });
        }
        let (inner, has_act) = match top_activation(&unit.rhs) {
            Some(inner) => (inner, true),
            None => (&unit.rhs, false),
        };
        if *activation.get_or_insert(has_act) != has_act {
            return Err(NotLayered {
                unit: unit.name,
                reason: format!(
                    "`{}` differs from the rest of layer {} in whether it applies the activation",
                    name(unit.name),
                    unit.layer
                ),
            });
        }
        let mut b = Poly::zero();
        let mut row: Vec<Poly> = std::iter::repeat_with(Poly::zero).take(width).collect();
        for t in &inner.terms {
            match &t.atom {
                Atom::One => add_to(&mut b, &t.coef),
                Atom::Var(v) if tables.layer_of[v.0 as usize] == previous => {
                    add_to(&mut row[tables.position[v.0 as usize]], &t.coef)
                }
                Atom::Var(v) => {
                    return Err(NotLayered {
                        unit: unit.name,
                        reason: format!(
                            "`{}` reads `{}`, which is not in the layer just before it",
                            name(unit.name),
                            name(*v)
                        ),
                    })
                }
                Atom::Act(_) => {
                    return Err(NotLayered {
                        unit: unit.name,
                        reason: format!(
                            "`{}` applies the activation inside its equation",
                            name(unit.name)
                        ),
                    })
                }
            }
        }
        bias.push(b);
        weights.push(row);
    }
    Ok(Layer {
        units,
        activation: activation.unwrap_or(false),
        bias,
        weights,
    })
}
