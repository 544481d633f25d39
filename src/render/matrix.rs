//! The vector/matrix form and the general form, as data: each layer's units,
//! bias, weights and input as blocks with their entries and, when they have
//! one, their names.
//!
//! The matrix form names blocks after the letters the author used
//! (`h′ = a[𝛙₀ + 𝚿𝐡]`, see [`super::names`]); the general form names them by
//! position, whatever their entries (`𝐡₂ = 𝐚[𝛃₁ + 𝛀₁𝐡₁]`, …,
//! `𝐲 = 𝛃_K + 𝛀_K𝐡_K`).

use super::names::{self, Name};
use crate::expr::Poly;
use crate::rewrite::layered::FlatLayered;
use crate::symbol::{Letter, ParamLetter, Sym, SymbolTable, VarLetter};

/// One entry of a block: a polynomial in the parameters, or a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A bias or a weight.
    Poly(Poly),
    /// An input, a hidden unit or an output.
    Var(Sym),
}

/// A vector or a matrix: its entries by rows (a vector is a column) and its
/// name, if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// The name, or `None` when the block is written entry by entry.
    pub(crate) name: Option<Name>,
    /// The entries row after row, in one vector: entry `(i, j)` is
    /// `entries[i * columns + j]`.
    entries: Vec<Entry>,
    rows: usize,
    columns: usize,
}

/// One layer: `output = a[bias + weights · input]`, without `a` for the
/// output layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LayerForm {
    /// The units the layer defines.
    pub(crate) output: Block,
    /// Whether the layer applies the activation.
    pub(crate) activation: bool,
    /// The biases.
    pub(crate) bias: Block,
    /// The weights, one row per unit, one column per input.
    pub(crate) weights: Block,
    /// The units the layer reads.
    pub(crate) input: Block,
}

/// The vector/matrix form of a network, or its general form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MatrixForm {
    /// The layers, first hidden layer first.
    pub(crate) layers: Vec<LayerForm>,
    /// The widths `D_0, …, D_{K+1}`.
    pub(crate) widths: Vec<usize>,
    /// Whether this is the general form (β/Ω names, vectors even of width 1).
    pub(crate) general: bool,
}

impl Block {
    /// A column of units.
    fn units(units: &[Sym]) -> Block {
        Block::column(units.iter().map(|&u| Entry::Var(u)).collect())
    }

    /// A column of biases.
    fn bias(bias: Vec<Poly>) -> Block {
        Block::column(bias.into_iter().map(Entry::Poly).collect())
    }

    /// A column of entries.
    fn column(entries: Vec<Entry>) -> Block {
        Block {
            name: None,
            rows: entries.len(),
            columns: usize::from(!entries.is_empty()),
            entries,
        }
    }

    /// A weight matrix of `rows` rows, its weights row after row (as a
    /// [`FlatLayered`] layer holds them).
    fn weights(weights: Vec<Poly>, rows: usize, columns: usize) -> Block {
        Block {
            name: None,
            entries: weights.into_iter().map(Entry::Poly).collect(),
            rows,
            columns,
        }
    }

    /// The same block with a name.
    fn named(self, name: Option<Name>) -> Block {
        Block { name, ..self }
    }

    /// The number of rows and of columns.
    pub(crate) fn shape(&self) -> (usize, usize) {
        (self.rows, self.columns)
    }

    /// Entry `(i, j)`.
    pub(crate) fn entry(&self, i: usize, j: usize) -> &Entry {
        &self.entries[i * self.columns + j]
    }

    /// Every entry, row after row.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether the block is a single entry: a scalar.
    pub(crate) fn is_scalar(&self) -> bool {
        self.shape() == (1, 1)
    }
}

impl MatrixForm {
    /// The vector/matrix form, every block named after its entries' letters
    /// when they follow the book's pattern. A name that two different blocks
    /// would share is dropped from the second, which is written entry by
    /// entry.
    pub(crate) fn named(symbols: &SymbolTable, layered: FlatLayered) -> MatrixForm {
        let widths = layered.widths();
        let names: Vec<[Option<Name>; 2]> = layered
            .layers
            .iter()
            .map(|l| {
                [
                    names::bias(symbols, &l.bias),
                    names::weights(symbols, &l.weights, l.units.len(), l.columns),
                ]
            })
            .collect();
        let mut layers: Vec<LayerForm> = Vec::with_capacity(layered.layers.len());
        let mut read = layered.inputs;
        for (layer, [bias, weights]) in layered.layers.into_iter().zip(names) {
            layers.push(LayerForm {
                output: Block::units(&layer.units).named(names::units(symbols, &layer.units)),
                activation: layer.activation,
                bias: Block::bias(layer.bias).named(bias),
                weights: Block::weights(layer.weights, layer.units.len(), layer.columns)
                    .named(weights),
                input: Block::units(&read).named(names::units(symbols, &read)),
            });
            // The units a layer defines are what the next one reads.
            read = layer.units;
        }
        let mut blocks: Vec<&mut Block> = layers
            .iter_mut()
            .flat_map(|l| [&mut l.output, &mut l.bias, &mut l.weights, &mut l.input])
            .collect();
        for i in 1..blocks.len() {
            let (before, rest) = blocks.split_at_mut(i);
            let block = &mut *rest[0];
            let clash = block.name.is_some()
                && before.iter().any(|t| t.name == block.name && **t != *block);
            if clash {
                block.name = None;
            }
        }
        MatrixForm {
            layers,
            widths,
            general: false,
        }
    }

    /// The general form: `𝐡_{k+1} = 𝐚[𝛃_k + 𝛀_k𝐡_k]` with `𝐡_0 = 𝐱`, and
    /// `𝐲 = 𝛃_K + 𝛀_K𝐡_K` for the output layer.
    pub(crate) fn general(layered: FlatLayered, symbols: &SymbolTable) -> MatrixForm {
        let widths = layered.widths();
        let last = layered.layers.len().saturating_sub(1);
        let outputs = layered
            .layers
            .last()
            .map_or(&[][..], |l| l.units.as_slice());
        let input = vector_name(&layered.inputs, symbols, VarLetter::X);
        let output = vector_name(outputs, symbols, VarLetter::Y);
        let units = |k: usize| match k {
            0 => input.clone(),
            k if k == last + 1 => output.clone(),
            k => Name::new(Letter::Var(VarLetter::H), false, 0).with_index(k as u32),
        };
        let mut layers: Vec<LayerForm> = Vec::with_capacity(layered.layers.len());
        let mut read = layered.inputs;
        for (k, layer) in layered.layers.into_iter().enumerate() {
            layers.push(LayerForm {
                output: Block::units(&layer.units).named(Some(units(k + 1))),
                activation: layer.activation,
                bias: Block::bias(layer.bias).named(Some(
                    Name::new(Letter::Param(ParamLetter::Beta), false, 0).with_index(k as u32),
                )),
                weights: Block::weights(layer.weights, layer.units.len(), layer.columns).named(
                    Some(
                        Name::new(Letter::Param(ParamLetter::Omega), true, 0).with_index(k as u32),
                    ),
                ),
                input: Block::units(&read).named(Some(units(k))),
            });
            // The units a layer defines are what the next one reads.
            read = layer.units;
        }
        MatrixForm {
            layers,
            widths,
            general: true,
        }
    }
}

/// The scalar parameter a block's name is spelled like (`𝛃₃` and the scalar
/// `β₃` that a composed network's new parameters read, or `𝛃₁ = [2β₁]`),
/// when the block is not that parameter alone: should the form read that
/// parameter, the bold name would read back as its matrix.
fn spelled_like_scalar(block: &Block, symbols: &SymbolTable) -> Option<Sym> {
    let name = block.name.as_ref()?;
    let (Letter::Param(_), false, Some(k)) = (name.letter, name.upper, name.index) else {
        return None;
    };
    let spelled = crate::symbol::Symbol {
        letter: name.letter,
        primes: name.primes,
        indices: smallvec::smallvec![k],
    };
    let scalar = symbols.get(&spelled)?;
    let only = block.shape() == (1, 1)
        && matches!(block.entry(0, 0), Entry::Poly(p) if p.as_param() == Some(scalar));
    (!only).then_some(scalar)
}

impl MatrixForm {
    /// Writes entry by entry every bias or weight block whose name is spelled
    /// like a scalar parameter the form, or `definitions`, read. The
    /// parameters read are gathered only when some name is spelled like one.
    pub(crate) fn unname_taken(
        &mut self,
        symbols: &SymbolTable,
        definitions: &[crate::network::Definition],
    ) {
        let mut suspects = Vec::new();
        for (k, layer) in self.layers.iter().enumerate() {
            for (weights, block) in [(false, &layer.bias), (true, &layer.weights)] {
                if let Some(scalar) = spelled_like_scalar(block, symbols) {
                    suspects.push((k, weights, scalar));
                }
            }
        }
        if suspects.is_empty() {
            return;
        }
        let mut read: Vec<Sym> = definitions.iter().flat_map(|d| d.value.params()).collect();
        for layer in &self.layers {
            for block in [&layer.bias, &layer.weights] {
                for entry in block.entries() {
                    if let Entry::Poly(p) = entry {
                        read.extend(p.params());
                    }
                }
            }
        }
        read.sort_unstable();
        read.dedup();
        for (k, weights, scalar) in suspects {
            if read.binary_search(&scalar).is_ok() {
                let layer = &mut self.layers[k];
                let block = if weights {
                    &mut layer.weights
                } else {
                    &mut layer.bias
                };
                block.name = None;
            }
        }
    }
}

/// The name of the input or output vector: the letter and primes its units
/// share (`𝐲` for the input `y` of a second network, `𝐲′` for its output
/// `y′`), else `default` (`𝐱`, `𝐲`). Naming it after its units keeps the bold
/// name from meaning another unit of the same letter.
fn vector_name(units: &[Sym], symbols: &SymbolTable, default: VarLetter) -> Name {
    let shared = units
        .first()
        .map(|&u| (symbols[u].letter, symbols[u].primes))
        .filter(|first| {
            units
                .iter()
                .all(|&u| (symbols[u].letter, symbols[u].primes) == *first)
        });
    match shared {
        Some((letter @ Letter::Var(VarLetter::X | VarLetter::Y), primes)) => {
            Name::new(letter, false, primes)
        }
        _ => Name::new(Letter::Var(default), false, 0),
    }
}
