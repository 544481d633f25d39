//! The layered network that every form describes.

use crate::expr::{Affine, Atom, Poly};
use crate::symbol::{Sym, SymbolTable};

/// A network: inputs, units in layers, and parameters.
///
/// Invariants, established by lowering and kept by every rewrite:
/// 1. every variable a unit reads is an input or another unit, and the graph of
///    units has no cycle;
/// 2. `unit.layer` is one more than the deepest layer it reads (inputs are
///    layer 0);
/// 3. `outputs` are exactly the units no other unit reads, in definition order;
/// 4. every parameter in a coefficient is either in `params` (free, needs a
///    value) or defined in `definitions`, and definitions have no cycle;
/// 5. all names index `symbols`.
#[derive(Clone, Debug)]
pub struct Network {
    /// The names of every symbol used.
    pub symbols: SymbolTable,
    /// Variables read but never defined, in order of first use.
    pub inputs: Vec<Sym>,
    /// The units, in the order their equations were written.
    pub units: Vec<Unit>,
    /// Units read by no other unit, in definition order.
    pub outputs: Vec<Sym>,
    /// Parameters that need a value, in order of first use.
    pub params: Vec<Sym>,
    /// Parameters defined in terms of others (`ψ_10 = θ'_10 + θ'_11 φ_0`), in
    /// the order written.
    pub definitions: Vec<Definition>,
}

/// One unit: `h_1 = a[θ_10 + θ_11 x]` or `y = φ_0 + φ_1 h_1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The variable it defines.
    pub name: Sym,
    /// Its layer: one more than the deepest variable its right side reads.
    pub layer: u32,
    /// Its right side. A hidden unit's is usually a single activation term.
    pub rhs: Affine,
}

/// A parameter defined by others: `ψ_10 = θ'_10 + θ'_11 φ_0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The parameter defined.
    pub name: Sym,
    /// Its value in terms of other parameters.
    pub value: Poly,
}

impl Network {
    /// The unit that defines `name`, if any.
    pub fn unit(&self, name: Sym) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }

    /// The number of layers of units (the deepest unit's layer).
    pub fn depth(&self) -> u32 {
        self.units.iter().map(|u| u.layer).max().unwrap_or(0)
    }

    /// Whether `name` is an output.
    pub fn is_output(&self, name: Sym) -> bool {
        self.outputs.contains(&name)
    }
}

/// Orders `n` nodes so that each comes after its dependencies (`deps[i]` lists
/// the nodes `i` reads), iteratively, so that a chain of any length cannot
/// overflow the stack. On a cycle, returns the nodes of one cycle in order.
pub fn topological_order(n: usize, deps: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for (i, ds) in deps.iter().enumerate() {
        for &d in ds {
            readers[d].push(i);
            waiting[i] += 1;
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut next = 0;
    while next < order.len() {
        let done = order[next];
        next += 1;
        for &r in &readers[done] {
            waiting[r] -= 1;
            if waiting[r] == 0 {
                order.push(r);
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    Err(find_cycle(deps, &waiting))
}

/// Walks dependencies among the nodes still waiting until one repeats.
fn find_cycle(deps: &[Vec<usize>], waiting: &[usize]) -> Vec<usize> {
    let start = waiting.iter().position(|&w| w > 0).unwrap_or(0);
    let mut position = vec![usize::MAX; deps.len()];
    let mut path = Vec::new();
    let mut node = start;
    while position[node] == usize::MAX {
        position[node] = path.len();
        path.push(node);
        node = deps[node]
            .iter()
            .copied()
            .find(|&d| waiting[d] > 0)
            .unwrap_or(node);
    }
    path.split_off(position[node])
}

/// The unit each symbol defines, as a dense table indexed by symbol id.
pub fn unit_index(units: &[Unit], n_symbols: usize) -> Vec<Option<usize>> {
    let mut index = vec![None; n_symbols];
    for (i, u) in units.iter().enumerate() {
        index[u.name.0 as usize] = Some(i);
    }
    index
}

/// What each unit's right side reads: `reads(i, f)` calls `f` on every
/// variable unit `i` reads, in order, repeats included. Lowering keeps these
/// lists as it builds the units, so that the functions below need not walk
/// a large network's right sides again.
pub(crate) type Reads<'a> = &'a dyn Fn(usize, &mut dyn FnMut(Sym));

/// [`Reads`] from the units' right sides.
fn rhs_reads(units: &[Unit]) -> impl Fn(usize, &mut dyn FnMut(Sym)) + '_ {
    move |i, f| units[i].rhs.for_each_var(&mut |v| f(v))
}

/// The units each unit reads, as indices (each at most once, in order of
/// first reading).
pub fn unit_dependencies(units: &[Unit], n_symbols: usize) -> Vec<Vec<usize>> {
    dependencies_reading(units, n_symbols, &rhs_reads(units))
}

/// [`unit_dependencies`] given what each unit reads.
fn dependencies_reading(units: &[Unit], n_symbols: usize, reads: Reads) -> Vec<Vec<usize>> {
    let index = unit_index(units, n_symbols);
    // `added_by[d]` is the last unit that listed `d`: a check in constant time.
    let mut added_by = vec![usize::MAX; units.len()];
    (0..units.len())
        .map(|i| {
            let mut ds = Vec::new();
            reads(i, &mut |v| {
                if let Some(d) = index[v.0 as usize] {
                    if std::mem::replace(&mut added_by[d], i) != i {
                        ds.push(d);
                    }
                }
            });
            ds
        })
        .collect()
}

/// Each unit's layer: one more than the deepest unit it reads (inputs are
/// layer 0). On a cycle, returns the units of one cycle.
pub fn layers(units: &[Unit], symbols: &SymbolTable) -> Result<Vec<u32>, Vec<usize>> {
    layers_reading(units, symbols.len(), &rhs_reads(units))
}

/// [`layers`] given what each unit reads.
pub(crate) fn layers_reading(
    units: &[Unit],
    n_symbols: usize,
    reads: Reads,
) -> Result<Vec<u32>, Vec<usize>> {
    let index = unit_index(units, n_symbols);
    // Units are usually written after the units they read: then one pass in
    // the written order finds every layer, with no dependency lists.
    let mut layer = vec![0u32; units.len()];
    let mut in_order = true;
    for i in 0..units.len() {
        let mut deepest = 0;
        reads(i, &mut |v| match index[v.0 as usize] {
            Some(d) if d < i => deepest = deepest.max(layer[d]),
            Some(_) => in_order = false,
            None => {}
        });
        if !in_order {
            break;
        }
        layer[i] = deepest + 1;
    }
    if in_order {
        return Ok(layer);
    }
    let deps = dependencies_reading(units, n_symbols, reads);
    let order = topological_order(units.len(), &deps)?;
    let mut layer = vec![0u32; units.len()];
    for i in order {
        layer[i] = 1 + deps[i].iter().map(|&d| layer[d]).max().unwrap_or(0);
    }
    Ok(layer)
}

/// The units no other unit reads, in definition order.
pub fn outputs(units: &[Unit], n_symbols: usize) -> Vec<Sym> {
    outputs_reading(units, n_symbols, &rhs_reads(units))
}

/// The inputs, outputs and layers of units, given what each unit reads:
/// [`inputs_reading`], [`outputs_reading`] and [`layers_reading`] in one
/// pass over the reads when each unit is written after the units it reads.
pub(crate) struct Reading {
    pub inputs: Vec<Sym>,
    pub outputs: Vec<Sym>,
    pub layers: Result<Vec<u32>, Vec<usize>>,
}

/// [`Reading`] of `units`.
pub(crate) fn reading(units: &[Unit], n_symbols: usize, reads: Reads) -> Reading {
    // Each symbol's unit, or `INPUT` once it is found to be an input.
    const NONE: u32 = u32::MAX;
    const INPUT: u32 = u32::MAX - 1;
    let mut index = vec![NONE; n_symbols];
    for (i, u) in units.iter().enumerate() {
        index[u.name.0 as usize] = i as u32;
    }
    let mut read = vec![false; units.len()];
    let mut layer = vec![0u32; units.len()];
    let mut inputs = Vec::new();
    let mut in_order = true;
    for i in 0..units.len() {
        let mut deepest = 0;
        reads(i, &mut |v| match index[v.0 as usize] {
            NONE => {
                index[v.0 as usize] = INPUT;
                inputs.push(v);
            }
            INPUT => {}
            d => {
                let d = d as usize;
                read[d] = true;
                if d < i {
                    deepest = deepest.max(layer[d]);
                } else {
                    in_order = false;
                }
            }
        });
        layer[i] = deepest + 1;
    }
    let outputs = units
        .iter()
        .zip(&read)
        .filter(|(_, &r)| !r)
        .map(|(u, _)| u.name)
        .collect();
    let layers = if in_order {
        Ok(layer)
    } else {
        layers_reading(units, n_symbols, reads)
    };
    Reading {
        inputs,
        outputs,
        layers,
    }
}

/// [`outputs`] given what each unit reads.
pub(crate) fn outputs_reading(units: &[Unit], n_symbols: usize, reads: Reads) -> Vec<Sym> {
    let mut read = vec![false; n_symbols];
    for i in 0..units.len() {
        reads(i, &mut |v| read[v.0 as usize] = true);
    }
    units
        .iter()
        .filter(|u| !read[u.name.0 as usize])
        .map(|u| u.name)
        .collect()
}

impl PartialEq for Network {
    /// Two networks are equal when they have the same units with the same
    /// right sides, inputs, outputs, parameters and definitions, comparing
    /// symbols by name (the two symbol tables may number them differently).
    fn eq(&self, other: &Network) -> bool {
        let same = |a: Sym, b: Sym| self.symbols[a] == other.symbols[b];
        let same_list =
            |a: &[Sym], b: &[Sym]| a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| same(x, y));
        same_list(&self.inputs, &other.inputs)
            && same_list(&self.outputs, &other.outputs)
            && same_list(&self.params, &other.params)
            && self.units.len() == other.units.len()
            && self.units.iter().zip(&other.units).all(|(a, b)| {
                same(a.name, b.name) && a.layer == b.layer && affine_eq(&a.rhs, &b.rhs, &same)
            })
            && self.definitions.len() == other.definitions.len()
            && self
                .definitions
                .iter()
                .zip(&other.definitions)
                .all(|(a, b)| same(a.name, b.name) && poly_eq(&a.value, &b.value, &same))
    }
}

fn affine_eq(a: &Affine, b: &Affine, same: &impl Fn(Sym, Sym) -> bool) -> bool {
    a.terms.len() == b.terms.len()
        && a.terms.iter().zip(&b.terms).all(|(s, t)| {
            poly_eq(&s.coef, &t.coef, same)
                && match (&s.atom, &t.atom) {
                    (Atom::One, Atom::One) => true,
                    (Atom::Var(x), Atom::Var(y)) => same(*x, *y),
                    (Atom::Act(x), Atom::Act(y)) => affine_eq(x, y, same),
                    _ => false,
                }
        })
}

fn poly_eq(a: &Poly, b: &Poly, same: &impl Fn(Sym, Sym) -> bool) -> bool {
    a.monomials.len() == b.monomials.len()
        && a.monomials.iter().zip(&b.monomials).all(|(m, n)| {
            m.coef == n.coef
                && m.factors.len() == n.factors.len()
                && m.factors.iter().zip(&n.factors).all(|(&x, &y)| same(x, y))
        })
}

impl Network {
    /// Assembles a network from its units and parameter definitions: finds the
    /// inputs (variables read but not defined, in order of first use), each
    /// unit's layer, the outputs and the free parameters.
    ///
    /// Fails with the units of one cycle when the units read each other in a
    /// circle.
    pub fn assemble(
        symbols: SymbolTable,
        mut units: Vec<Unit>,
        definitions: Vec<Definition>,
    ) -> Result<Network, Vec<usize>> {
        let layers = layers(&units, &symbols)?;
        for (unit, layer) in units.iter_mut().zip(layers) {
            unit.layer = layer;
        }
        Ok(Network::layered(symbols, units, definitions))
    }

    /// [`Network::assemble`] of units whose layers are already set (from
    /// [`layers`]).
    pub(crate) fn layered(
        symbols: SymbolTable,
        units: Vec<Unit>,
        definitions: Vec<Definition>,
    ) -> Network {
        let (inputs, outputs) = {
            let reads = rhs_reads(&units);
            (
                inputs_reading(&units, symbols.len(), &reads),
                outputs_reading(&units, symbols.len(), &reads),
            )
        };
        Network::layered_reading(symbols, units, definitions, inputs, outputs)
    }

    /// [`Network::layered`] with the inputs and outputs already found (by
    /// [`inputs_reading`] and [`outputs_reading`]).
    pub(crate) fn layered_reading(
        symbols: SymbolTable,
        units: Vec<Unit>,
        definitions: Vec<Definition>,
        inputs: Vec<Sym>,
        outputs: Vec<Sym>,
    ) -> Network {
        let n = symbols.len();
        Network {
            inputs,
            outputs,
            params: free_params(&units, &definitions, n),
            symbols,
            units,
            definitions,
        }
    }
}

/// The variables read but defined by no unit, in order of first use.
pub fn inputs(units: &[Unit], n_symbols: usize) -> Vec<Sym> {
    inputs_reading(units, n_symbols, &rhs_reads(units))
}

/// [`inputs`] given what each unit reads.
pub(crate) fn inputs_reading(units: &[Unit], n_symbols: usize, reads: Reads) -> Vec<Sym> {
    let index = unit_index(units, n_symbols);
    let mut seen = vec![false; n_symbols];
    let mut found = Vec::new();
    for i in 0..units.len() {
        reads(i, &mut |v| {
            if index[v.0 as usize].is_none() && !seen[v.0 as usize] {
                seen[v.0 as usize] = true;
                found.push(v);
            }
        });
    }
    found
}

/// The parameters that need a value: every parameter in a coefficient or a
/// definition that no definition defines, in order of first use (units
/// first, then definitions).
pub fn free_params(units: &[Unit], definitions: &[Definition], n_symbols: usize) -> Vec<Sym> {
    let mut seen = vec![false; n_symbols];
    for d in definitions {
        seen[d.name.0 as usize] = true;
    }
    let mut params = Vec::new();
    let mut visit = |p: Sym| {
        if !seen[p.0 as usize] {
            seen[p.0 as usize] = true;
            params.push(p);
        }
    };
    for u in units {
        u.rhs.for_each_param(&mut visit);
    }
    for d in definitions {
        d.value.params().for_each(&mut visit);
    }
    params
}

/// The indices of `definitions` in an order where each comes after the
/// definitions it uses; on a cycle, the indices of one cycle.
pub fn definition_order(
    definitions: &[Definition],
    n_symbols: usize,
) -> Result<Vec<usize>, Vec<usize>> {
    let mut index = vec![None; n_symbols];
    for (i, d) in definitions.iter().enumerate() {
        index[d.name.0 as usize] = Some(i);
    }
    let deps: Vec<Vec<usize>> = definitions
        .iter()
        .map(|d| {
            d.value
                .params()
                .filter_map(|p| index[p.0 as usize])
                .collect()
        })
        .collect();
    topological_order(deps.len(), &deps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// One pass finds what the three separate readings find, for units
        /// in any order, reading themselves, later units or inputs.
        #[test]
        fn one_reading_agrees_with_the_three(
            names in proptest::sample::subsequence((0u32..24).collect::<Vec<_>>(), 0..12)
                .prop_shuffle(),
            reads in proptest::collection::vec(proptest::collection::vec(0u32..24, 0..6), 12),
        ) {
            let units: Vec<Unit> = names
                .iter()
                .map(|&n| Unit { name: Sym(n), layer: 0, rhs: Affine::default() })
                .collect();
            let reads = |i: usize, f: &mut dyn FnMut(Sym)| reads[i].iter().for_each(|&v| f(Sym(v)));
            let one = reading(&units, 24, &reads);
            prop_assert_eq!(one.inputs, inputs_reading(&units, 24, &reads));
            prop_assert_eq!(one.outputs, outputs_reading(&units, 24, &reads));
            prop_assert_eq!(one.layers, layers_reading(&units, 24, &reads));
        }
    }
}
