//! Names for the vectors and matrices of the matrix form, derived from the
//! letters the author used, as the slides name them.
//!
//! A block is named only when every entry is a single parameter (or unit) of
//! one letter with one number of primes, at the book's indices in order:
//!
//! | entries | name |
//! | --- | --- |
//! | `h_1 … h_n`, `h'_1 … h'_n`, `x_1 …`, `y_1 …` | `𝐡`, `𝐡′`, `𝐱`, `𝐲` |
//! | `h_{k,1} … h_{k,n}` | `𝐡ₖ` |
//! | biases `θ_10 … θ_n0` (also φ, ψ, primed) | `𝛉₀` |
//! | biases `β_{k,1} … β_{k,n}` | `𝛃ₖ` |
//! | weights `θ_11 … θ_n1` (one input) | `𝛉`, a column |
//! | weights `φ_1 … φ_n` or `φ_11 … φ_1n` (one output) | `𝛗ᵀ`, a row |
//! | weights `ψ_ij`, several rows and columns | `𝚿` |
//! | weights `ω_{k,i,j}` (or `ω_{k,j}` for one output) | `𝛀ₖ` |
//!
//! Anything else (mixed letters, products of parameters after a composition,
//! numbers, units out of order) has no name and is written entry by entry.
//! A block of one entry is a scalar and is never named.

use crate::expr::Poly;
use crate::symbol::{Letter, ParamLetter, Sym, Symbol, SymbolTable};

/// The name of a vector or matrix: a bold letter, primes, an optional
/// subscript and an optional transpose (`𝛗′ᵀ`, `𝛀₂`, `𝐡′`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Name {
    /// The letter, as the entries have it.
    pub(crate) letter: Letter,
    /// Upper case: a matrix of several rows and columns.
    pub(crate) upper: bool,
    /// The primes of the entries.
    pub(crate) primes: u8,
    /// The subscript: `0` for a bias, the layer `k` in the general form.
    pub(crate) index: Option<u32>,
    /// A row vector, written as a transposed column (`𝛗ᵀ`).
    pub(crate) transposed: bool,
}

impl Name {
    /// A name with no subscript and no transpose.
    pub(crate) fn new(letter: Letter, upper: bool, primes: u8) -> Name {
        Name {
            letter,
            upper,
            primes,
            index: None,
            transposed: false,
        }
    }

    /// The same name with a subscript.
    pub(crate) fn with_index(mut self, index: u32) -> Name {
        self.index = Some(index);
        self
    }
}

/// The name of a vector of units `h_1 … h_n` (`𝐡`) or `h_{k,1} … h_{k,n}`
/// (`𝐡ₖ`); `None` for a single unit or any other pattern.
pub(crate) fn units(symbols: &SymbolTable, units: &[Sym]) -> Option<Name> {
    let (letter, primes) = common(symbols, units.iter().map(|&u| Some(u)))?;
    if units.len() < 2 {
        return None;
    }
    let indices = |s: &Sym| &symbols[*s].indices[..];
    if units_are(units, |i, s| indices(s) == [i]) {
        return Some(Name::new(letter, false, primes));
    }
    let k = *symbols[units[0]].indices.first()?;
    units_are(units, |i, s| indices(s) == [k, i])
        .then(|| Name::new(letter, false, primes).with_index(k))
}

/// The name of a bias vector: `θ_10 … θ_n0` is `𝛉₀`, `β_{k,1} … β_{k,n}` is
/// `𝛃ₖ`.
pub(crate) fn bias(symbols: &SymbolTable, bias: &[Poly]) -> Option<Name> {
    if bias.len() < 2 {
        return None;
    }
    let param = |i: usize| bias[i].as_param();
    let first = param(0)?;
    let (letter, primes) = (symbols[first].letter, symbols[first].primes);
    // The index every entry shares: `0` for θ, φ and ψ, `k` for β.
    let (shared, k) = match letter {
        Letter::Param(ParamLetter::Theta | ParamLetter::Phi | ParamLetter::Psi) => (1, 0),
        Letter::Param(ParamLetter::Beta) => (0, *symbols[first].indices.first()?),
        _ => return None,
    };
    let all = (0..bias.len()).all(|i| {
        param(i).is_some_and(|s| {
            let symbol = &symbols[s];
            let mut expected = [k, k];
            expected[1 - shared] = i as u32 + 1;
            (symbol.letter, symbol.primes) == (letter, primes) && symbol.indices[..] == expected
        })
    });
    all.then(|| Name::new(letter, false, primes).with_index(k))
}

/// The name of a weight matrix of `rows` rows and `columns` columns, its
/// weights row after row, `weights[i * columns + j]` from input `j` to unit `i`:
/// a column `𝛉` (one input), a row `𝛗ᵀ` (one output), a matrix `𝚿`, or
/// `𝛀ₖ` for ω entries.
pub(crate) fn weights(
    symbols: &SymbolTable,
    weights: &[Poly],
    rows: usize,
    columns: usize,
) -> Option<Name> {
    if rows * columns < 2 || weights.len() != rows * columns {
        return None;
    }
    let first = &symbols[weights[0].as_param()?];
    let (letter, primes) = (first.letter, first.primes);
    // The patterns every entry so far follows, checked in one pass over the
    // entries: `[i, j]`, `[j]` (one row), `[k, i, j]`, `[k, j]` (one row).
    let k = first.indices.first().copied();
    let mut patterns = Patterns {
        ij: true,
        j: rows == 1,
        kij: k.is_some(),
        kj: rows == 1 && k.is_some(),
    };
    let k = k.unwrap_or(0);
    for (i, row) in weights.chunks(columns).enumerate() {
        for (j, entry) in row.iter().enumerate() {
            let symbol = &symbols[entry.as_param()?];
            if (symbol.letter, symbol.primes) != (letter, primes) {
                return None;
            }
            let (i, j) = (i as u32 + 1, j as u32 + 1);
            let ix = &symbol.indices[..];
            patterns.ij &= matches!(*ix, [a, b] if (a, b) == (i, j));
            patterns.j &= matches!(*ix, [a] if a == j);
            patterns.kij &= matches!(*ix, [a, b, c] if (a, b, c) == (k, i, j));
            patterns.kj &= matches!(*ix, [a, b] if (a, b) == (k, j));
        }
    }
    let name = Name::new(letter, false, primes);
    match letter {
        Letter::Param(ParamLetter::Theta | ParamLetter::Phi | ParamLetter::Psi) => {
            if patterns.ij {
                Some(match (rows, columns) {
                    (_, 1) => name,
                    (1, _) => Name {
                        transposed: true,
                        ..name
                    },
                    _ => Name {
                        upper: true,
                        ..name
                    },
                })
            } else if patterns.j {
                Some(Name {
                    transposed: true,
                    ..name
                })
            } else {
                None
            }
        }
        Letter::Param(ParamLetter::Omega) => (patterns.kij || patterns.kj).then(|| {
            Name {
                upper: true,
                ..name
            }
            .with_index(k)
        }),
        _ => None,
    }
}

/// Which index patterns a weight matrix's entries follow (see [`weights`]).
struct Patterns {
    ij: bool,
    j: bool,
    kij: bool,
    kj: bool,
}

/// The letter and primes every symbol shares, if they share them and every
/// item is a symbol.
fn common(
    symbols: &SymbolTable,
    mut syms: impl Iterator<Item = Option<Sym>>,
) -> Option<(Letter, u8)> {
    let first: &Symbol = &symbols[syms.next()??];
    let key = (first.letter, first.primes);
    syms.all(|s| s.is_some_and(|s| (symbols[s].letter, symbols[s].primes) == key))
        .then_some(key)
}

/// Whether `f(i, item)` holds for every item, `i` counting from 1.
fn units_are(items: &[Sym], f: impl Fn(u32, &Sym) -> bool) -> bool {
    items.iter().enumerate().all(|(n, s)| f(n as u32 + 1, s))
}
