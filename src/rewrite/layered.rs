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
        let flat = FlatLayered::of(network)?;
        Ok(Layered {
            inputs: flat.inputs,
            layers: flat.layers.into_iter().map(FlatLayer::into_rows).collect(),
        })
    }

    /// The widths `D_0, D_1, …, D_{K+1}`: inputs, each hidden layer, outputs.
    pub fn widths(&self) -> Vec<usize> {
        std::iter::once(self.inputs.len())
            .chain(self.layers.iter().map(|l| l.units.len()))
            .collect()
    }
}

/// A network seen as full layers, as [`Layered`] sees it, with each layer's
/// weights in one vector, row after row: what the matrix forms are built
/// from, without a vector per row.
pub(crate) struct FlatLayered {
    /// The input vector `x`.
    pub(crate) inputs: Vec<Sym>,
    /// The hidden layers, then the output layer.
    pub(crate) layers: Vec<FlatLayer>,
}

/// One layer of a [`FlatLayered`].
pub(crate) struct FlatLayer {
    /// The units it defines, in the order their equations were written.
    pub(crate) units: Vec<Sym>,
    /// Whether the layer applies the activation.
    pub(crate) activation: bool,
    /// The bias of each unit.
    pub(crate) bias: Vec<Poly>,
    /// The weights, row after row: `weights[i * columns + j]` from the
    /// `j`-th unit read to unit `i`.
    pub(crate) weights: Vec<Poly>,
    /// The number of units read; 0 when the layer has no units.
    pub(crate) columns: usize,
}

impl FlatLayered {
    /// Sees `network` as full layers; see [`Layered::of`].
    pub(crate) fn of(network: &Network) -> Result<FlatLayered, NotLayered> {
        let unnested;
        let network = if crate::rewrite::unnest::is_nested(network) {
            unnested = unnest(network);
            &unnested
        } else {
            network
        };
        let depth = network.depth() as usize;
        // The units layer by layer, in network order within a layer: a
        // counting sort, one list rather than one per layer.
        let mut starts = vec![0usize; depth + 2];
        for u in &network.units {
            starts[u.layer as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut by_layer = vec![0usize; network.units.len()];
        let mut next = starts.clone();
        for (i, u) in network.units.iter().enumerate() {
            let slot = &mut next[u.layer as usize];
            by_layer[*slot] = i;
            *slot += 1;
        }
        let mut slots = vec![Slot::default(); network.symbols.len()];
        for (j, &x) in network.inputs.iter().enumerate() {
            slots[x.0 as usize].position = j;
        }
        for k in 0..=depth {
            for (j, &i) in by_layer[starts[k]..starts[k + 1]].iter().enumerate() {
                let unit = &network.units[i];
                let slot = &mut slots[unit.name.0 as usize];
                slot.position = j;
                slot.layer = unit.layer;
            }
        }
        for o in &network.outputs {
            slots[o.0 as usize].output = true;
        }
        let mut layers = Vec::with_capacity(depth);
        for k in 1..=depth {
            let members = &by_layer[starts[k]..starts[k + 1]];
            // The width of the layer read: the inputs, or the layer before.
            let width = match k {
                1 => network.inputs.len(),
                _ => starts[k] - starts[k - 1],
            };
            let layer = build_layer(network, members, width, k == depth, &slots)?;
            layers.push(layer);
        }
        Ok(FlatLayered {
            inputs: network.inputs.clone(),
            layers,
        })
    }

    /// The widths `D_0, D_1, …, D_{K+1}`: inputs, each hidden layer, outputs.
    pub(crate) fn widths(&self) -> Vec<usize> {
        std::iter::once(self.inputs.len())
            .chain(self.layers.iter().map(|l| l.units.len()))
            .collect()
    }
}

impl FlatLayer {
    /// The same layer with a vector per row of weights.
    fn into_rows(self) -> Layer {
        let mut weights = self.weights.into_iter();
        let rows = (0..self.units.len())
            .map(|_| weights.by_ref().take(self.columns).collect())
            .collect();
        Layer {
            units: self.units,
            activation: self.activation,
            bias: self.bias,
            weights: rows,
        }
    }
}

/// What building a layer looks up by symbol id, so that it is linear in the
/// layer's size.
#[derive(Clone, Copy)]
struct Slot {
    /// A variable's position within its layer (inputs: within `x`).
    position: usize,
    /// A variable's layer (inputs: 0).
    layer: u32,
    /// Whether the variable is an output.
    output: bool,
}

impl Default for Slot {
    fn default() -> Slot {
        Slot {
            position: usize::MAX,
            layer: 0,
            output: false,
        }
    }
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
    width: usize,
    last: bool,
    slots: &[Slot],
) -> Result<FlatLayer, NotLayered> {
    let name = |s: Sym| network.symbols[s].to_string();
    let units: Vec<Sym> = members.iter().map(|&i| network.units[i].name).collect();
    let previous = members.first().map_or(0, |&i| network.units[i].layer - 1);
    let mut bias = Vec::with_capacity(members.len());
    let mut weights = Vec::with_capacity(members.len() * width);
    let mut activation = None;
    for &i in members {
        let unit = &network.units[i];
        if !last && slots[unit.name.0 as usize].output {
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
        let start = weights.len();
        weights.extend(std::iter::repeat_with(Poly::zero).take(width));
        let row = &mut weights[start..];
        for t in &inner.terms {
            match &t.atom {
                Atom::One => add_to(&mut b, &t.coef),
                Atom::Var(v) if slots[v.0 as usize].layer == previous => {
                    add_to(&mut row[slots[v.0 as usize].position], &t.coef)
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
    }
    Ok(FlatLayer {
        columns: if units.is_empty() { 0 } else { width },
        units,
        activation: activation.unwrap_or(false),
        bias,
        weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{Coef, Monomial};
    use num_rational::BigRational;
    use proptest::prelude::*;

    /// A layer's rows are its flat weights cut at its width, one per unit.
    #[test]
    fn rows_are_the_flat_weights_cut_at_the_width() {
        let network = crate::rewrite::arch::network(&[2, 3, 1]).unwrap();
        let flat = FlatLayered::of(&network).unwrap();
        let layered = Layered::of(&network).unwrap();
        assert_eq!(layered.widths(), flat.widths());
        assert_eq!(layered.widths(), [2, 3, 1]);
        for (rows, flat) in layered.layers.iter().zip(&flat.layers) {
            assert_eq!(rows.weights.len(), flat.units.len());
            for (i, row) in rows.weights.iter().enumerate() {
                assert_eq!(
                    row[..],
                    flat.weights[i * flat.columns..(i + 1) * flat.columns]
                );
            }
        }
    }

    proptest! {
        /// The bit-length reading of 1 agrees with the big integers'.
        #[test]
        fn one_as_num_traits_reads_it(
            numer in -3i64..4,
            denom in 1i64..4,
            factors in 0usize..3,
        ) {
            let value = BigRational::new(numer.into(), denom.into());
            let coef = Coef::from(value.clone());
            prop_assert_eq!(coef.is_one(), num_traits::One::is_one(&value));
            // The same value held as a big rational, even 1.
            let mut stored = Coef::from(BigRational::from_integer(2.into()));
            *stored = value.clone();
            prop_assert_eq!(stored.is_one(), num_traits::One::is_one(&value));
            let mut poly = Poly::zero();
            poly.add_monomial(Monomial {
                coef,
                factors: (0..factors).map(|f| Sym(f as u32)).collect(),
            });
            let one = num_traits::One::is_one(&value);
            prop_assert_eq!(poly.is_one(), one && factors == 0);
            prop_assert_eq!(poly.as_param(), (one && factors == 1).then_some(Sym(0)));
        }
    }
}
