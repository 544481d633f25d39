//! The layered network that every form describes.

use crate::expr::{Affine, Poly};
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
