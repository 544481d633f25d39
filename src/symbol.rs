//! Symbols and their interner.
//!
//! Every parameter (`\theta_{10}`, `φ'₁`, `omega_{0,12,3}`) and every variable
//! (`x`, `h'_2`, `y_1`) is a [`Symbol`]: a letter, a number of primes and a list of
//! indices. The same symbol in any spelling is the same [`Symbol`]; a
//! [`SymbolTable`] interns them so that the rest of netform compares and hashes
//! plain [`Sym`] ids.

use hashbrown::HashTable;
use std::hash::Hash;

/// The Greek letters netform reads as parameters.
///
/// `ϑ` is the same letter as `θ`, and `ϕ` the same as `φ`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamLetter {
    /// `θ`, `ϑ`, `\theta`, `\vartheta`, `theta`: first-layer weights.
    Theta,
    /// `φ`, `ϕ`, `\phi`, `\varphi`, `phi`: output weights.
    Phi,
    /// `ψ`, `\psi`, `psi`: middle-layer weights of a composed network.
    Psi,
    /// `β`, `\beta`, `beta`: biases in the general form.
    Beta,
    /// `ω`, `\omega`, `omega`: weights in the general form.
    Omega,
    /// `Ω`, `\Omega`, `Omega`: weight matrices in the general form.
    CapitalOmega,
    /// `Θ`, `\Theta`, `Theta`: a weight matrix named after θ.
    CapitalTheta,
    /// `Φ`, `\Phi`, `Phi`: a weight matrix named after φ.
    CapitalPhi,
    /// `Ψ`, `\Psi`, `Psi`: the middle weight matrix of a composed network.
    CapitalPsi,
}

/// The letters netform reads as variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VarLetter {
    /// `x`: an input.
    X,
    /// `y`: an output.
    Y,
    /// `h`: a hidden unit.
    H,
}

/// What kind of symbol this is, and its letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Letter {
    /// A parameter: a number the network is trained to, such as `θ_10`.
    Param(ParamLetter),
    /// A variable: an input, a hidden unit or an output, such as `h'_1`.
    Var(VarLetter),
}

/// A parameter or a variable, independent of how it was spelled.
///
/// Indices are kept as written: on a parameter `\theta_{10}` has indices
/// `[1, 0]` (one per digit), on a variable `h_{12}` has indices `[12]`; commas
/// separate multi-digit indices in both (`\omega_{0,12,3}` is `[0, 12, 3]`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol {
    /// The letter.
    pub letter: Letter,
    /// The number of primes: `h'` has one, `h''` two.
    pub primes: u8,
    /// The subscript, as a list of indices.
    pub indices: Indices,
}

/// A symbol's indices. Up to four are kept in place (every symbol netform
/// writes has at most three), so interning a new symbol allocates nothing
/// and a [`Symbol`] takes 32 bytes.
pub type Indices = smallvec::SmallVec<[u32; 4]>;

// Four indices in place cost no more room than a boxed slice and its length.
const _: () = assert!(std::mem::size_of::<Symbol>() == 32);

/// An interned [`Symbol`]: an index into a [`SymbolTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// Interns symbols: each distinct [`Symbol`] gets one [`Sym`], in order of first
/// appearance.
///
/// Invariant: `symbols[ids[s].0] == s` for every interned `s`, and ids are dense.
///
/// The index stores only ids and hashes the symbols they point to, so each
/// symbol is kept once and looking one up allocates nothing.
#[derive(Clone, Default)]
pub struct SymbolTable {
    symbols: Vec<Symbol>,
    ids: HashTable<Sym>,
}

/// The hash of a symbol given by its parts.
///
/// Symbols that differ only in the low four bits of their last index (`ω_{1,2,16}` …
/// `ω_{1,2,31}`) hash to neighbouring buckets of one aligned group of sixteen,
/// so reading a network's terms in their written order touches the index a
/// cache line at a time rather than at a random place per symbol. The top
/// seven bits, which the index compares first, come from the whole symbol.
fn hash_parts(letter: Letter, primes: u8, indices: &[u32]) -> u64 {
    const TAG: u64 = 0x7f << 57;
    let (last, prefix) = indices.split_last().map_or((0, indices), |(l, p)| (*l, p));
    let letter = match letter {
        Letter::Param(p) => p as u64,
        Letter::Var(v) => 16 + v as u64,
    };
    let mut h = mix(
        0x243f_6a88_85a3_08d3,
        letter | u64::from(primes) << 8 | (indices.len() as u64) << 16,
    );
    for &i in prefix {
        h = mix(h, u64::from(i));
    }
    let block = mix(h, u64::from(last >> 4));
    let tag = (block ^ u64::from(last)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (tag & TAG) | ((block << 4) & !TAG) | u64::from(last & 15)
}

/// Mixes `x` into the hash `h`: a 64 × 64 → 128-bit product folded back to
/// 64 bits (the step of foldhash and wyhash).
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    let p = u128::from(h ^ x) * 0x9e37_79b9_7f4a_7c15;
    (p as u64) ^ (p >> 64) as u64
}

/// The hash of an interned symbol, for growing the index.
fn rehash(symbols: &[Symbol]) -> impl Fn(&Sym) -> u64 + '_ {
    move |id| {
        let s = &symbols[id.0 as usize];
        hash_parts(s.letter, s.primes, &s.indices)
    }
}

impl std::fmt::Debug for SymbolTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.symbols).finish()
    }
}

impl Symbol {
    /// Makes a parameter symbol.
    pub fn param(letter: ParamLetter, primes: u8, indices: &[u32]) -> Symbol {
        Symbol {
            letter: Letter::Param(letter),
            primes,
            indices: Indices::from_slice(indices),
        }
    }

    /// Makes a variable symbol.
    pub fn var(letter: VarLetter, primes: u8, indices: &[u32]) -> Symbol {
        Symbol {
            letter: Letter::Var(letter),
            primes,
            indices: Indices::from_slice(indices),
        }
    }

    /// Whether this is a parameter.
    pub fn is_param(&self) -> bool {
        matches!(self.letter, Letter::Param(_))
    }

    /// Whether this is a variable.
    pub fn is_var(&self) -> bool {
        matches!(self.letter, Letter::Var(_))
    }
}

impl SymbolTable {
    /// Makes an empty table.
    pub fn new() -> SymbolTable {
        SymbolTable::default()
    }

    /// Returns the id of `symbol`, adding it if it is new.
    pub fn intern(&mut self, symbol: Symbol) -> Sym {
        let hash = hash_parts(symbol.letter, symbol.primes, &symbol.indices);
        match self.find(hash, symbol.letter, symbol.primes, &symbol.indices) {
            Some(id) => id,
            None => self.insert_new(hash, symbol),
        }
    }

    /// Returns the id of the symbol with these parts, adding it if it is new;
    /// allocates only for a new symbol.
    pub fn intern_parts(&mut self, letter: Letter, primes: u8, indices: &[u32]) -> Sym {
        let hash = hash_parts(letter, primes, indices);
        if let Some(id) = self.find(hash, letter, primes, indices) {
            return id;
        }
        // Made in its place in the list: a symbol made on the stack and
        // moved there would be read back whole just after its indices were
        // written one by one, which stalls the processor.
        let id = Sym(self.symbols.len() as u32);
        self.symbols.push(Symbol {
            letter,
            primes,
            indices: Indices::new(),
        });
        if let Some(s) = self.symbols.last_mut() {
            s.indices.extend_from_slice(indices);
        }
        self.ids.insert_unique(hash, id, rehash(&self.symbols));
        id
    }

    /// Makes room in the index for `additional` more symbols, so that reading
    /// a large input does not grow it step by step.
    pub fn reserve(&mut self, additional: usize) {
        self.symbols.reserve(additional);
        self.ids.reserve(additional, rehash(&self.symbols));
    }

    /// Returns the id of `symbol` if it has been interned.
    pub fn get(&self, symbol: &Symbol) -> Option<Sym> {
        let hash = hash_parts(symbol.letter, symbol.primes, &symbol.indices);
        self.find(hash, symbol.letter, symbol.primes, &symbol.indices)
    }

    /// The id of the symbol with these parts, whose hash is `hash`.
    fn find(&self, hash: u64, letter: Letter, primes: u8, indices: &[u32]) -> Option<Sym> {
        self.ids
            .find(hash, |id| {
                let s = &self.symbols[id.0 as usize];
                // Element by element: a few indices compare faster so
                // than through `memcmp`.
                s.letter == letter
                    && s.primes == primes
                    && s.indices.len() == indices.len()
                    && s.indices.iter().zip(indices).all(|(a, b)| a == b)
            })
            .copied()
    }

    /// Adds a symbol not in the table, whose hash is `hash`.
    fn insert_new(&mut self, hash: u64, symbol: Symbol) -> Sym {
        let id = Sym(self.symbols.len() as u32);
        self.symbols.push(symbol);
        self.ids.insert_unique(hash, id, rehash(&self.symbols));
        id
    }

    /// Returns the symbol behind an id.
    ///
    /// Panics if `id` does not come from this table, which is a bug in the caller.
    pub fn symbol(&self, id: Sym) -> &Symbol {
        &self.symbols[id.0 as usize]
    }

    /// The number of interned symbols.
    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }

    /// All interned symbols with their ids, in order of first appearance.
    pub fn iter(&self) -> impl Iterator<Item = (Sym, &Symbol)> {
        self.symbols
            .iter()
            .enumerate()
            .map(|(i, s)| (Sym(i as u32), s))
    }
}

impl std::ops::Index<Sym> for SymbolTable {
    type Output = Symbol;

    fn index(&self, id: Sym) -> &Symbol {
        self.symbol(id)
    }
}

impl ParamLetter {
    /// The ASCII name: `theta`, `phi`, `psi`, `beta`, `omega`, `Omega`,
    /// `Theta`, `Phi`, `Psi`.
    pub fn ascii(self) -> &'static str {
        match self {
            ParamLetter::Theta => "theta",
            ParamLetter::Phi => "phi",
            ParamLetter::Psi => "psi",
            ParamLetter::Beta => "beta",
            ParamLetter::Omega => "omega",
            ParamLetter::CapitalOmega => "Omega",
            ParamLetter::CapitalTheta => "Theta",
            ParamLetter::CapitalPhi => "Phi",
            ParamLetter::CapitalPsi => "Psi",
        }
    }
}

impl VarLetter {
    /// The letter: `x`, `y`, `h`.
    pub fn ascii(self) -> &'static str {
        match self {
            VarLetter::X => "x",
            VarLetter::Y => "y",
            VarLetter::H => "h",
        }
    }
}

/// The ASCII spelling of a symbol, as JSON keys and messages use it:
/// `theta'_10`, `h'_2`, `y'`, `x_1`, `h_12` (unit twelve), `omega_{0,12,3}`.
pub fn ascii_name(symbol: &Symbol) -> String {
    symbol.to_string()
}

impl Symbol {
    /// The subscript's body as netform writes it, digits and commas: `10`
    /// (θ with indices 1, 0), `0,1,2` (ω of layer 0), `12` (unit twelve),
    /// `2,5`; empty when there are no indices.
    ///
    /// The indices of θ, φ and ψ are written one digit each while all are
    /// below ten, as the book does; those of β, ω and Ω (whose first index is a
    /// layer), of variables, and of any parameter with an index of ten or more
    /// are separated by commas. A parameter with a single index of ten or more
    /// has no spelling that reads back (`\phi_{12}` is φ with indices 1, 2);
    /// netform never creates one.
    pub fn subscript_body(&self) -> String {
        let mut out = String::new();
        self.write_subscript_body(&mut out);
        out
    }

    /// Appends [`Symbol::subscript_body`] to `out`: the indices one after
    /// another, with commas between them unless the letter is θ, φ or ψ and
    /// every index is a digit, or there is a single index that is one.
    /// Written digit by digit, as most indices are, which costs less than
    /// formatting each (a large network spells hundreds of thousands).
    pub fn write_subscript_body(&self, out: &mut String) {
        let commas = match self.letter {
            Letter::Param(ParamLetter::Theta | ParamLetter::Phi | ParamLetter::Psi) => {
                self.indices.iter().any(|&i| i >= 10)
            }
            Letter::Param(_) => !matches!(*self.indices, [i] if i < 10),
            Letter::Var(_) => true,
        };
        for (k, &i) in self.indices.iter().enumerate() {
            if k > 0 && commas {
                out.push(',');
            }
            match u8::try_from(i) {
                Ok(digit @ 0..=9) => out.push(char::from(b'0' + digit)),
                _ => out.push_str(itoa::Buffer::new().format(i)),
            }
        }
    }
}

impl std::fmt::Display for Symbol {
    /// Writes the ASCII spelling (see [`ascii_name`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let letter = match self.letter {
            Letter::Param(p) => p.ascii(),
            Letter::Var(v) => v.ascii(),
        };
        f.write_str(letter)?;
        for _ in 0..self.primes {
            f.write_str("'")?;
        }
        match self.subscript_body() {
            body if body.is_empty() => Ok(()),
            body if body.contains(',') => write!(f, "_{{{body}}}"),
            body => write!(f, "_{body}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn symbol() -> impl Strategy<Value = Symbol> {
        let letter = prop_oneof![
            Just(Letter::Param(ParamLetter::Omega)),
            Just(Letter::Param(ParamLetter::Theta)),
            Just(Letter::Var(VarLetter::H)),
        ];
        // Small values, so that symbols sharing a prefix, a block of sixteen
        // or a whole hash (`[]` and `[0]`) are common.
        let indices = prop::collection::vec(prop_oneof![0u32..40, Just(u32::MAX)], 0..4);
        (letter, 0u8..2, indices).prop_map(|(letter, primes, indices)| Symbol {
            letter,
            primes,
            indices: indices.into(),
        })
    }

    proptest! {
        /// Interning gives each distinct symbol one id, in order of first
        /// appearance, whatever the index's grouping of neighbours does.
        #[test]
        fn interning_numbers_distinct_symbols_in_order(symbols in prop::collection::vec(symbol(), 0..400)) {
            let mut table = SymbolTable::new();
            let mut expected: BTreeMap<Symbol, Sym> = BTreeMap::new();
            for s in &symbols {
                let next = Sym(expected.len() as u32);
                let want = *expected.entry(s.clone()).or_insert(next);
                prop_assert_eq!(table.intern(s.clone()), want);
            }
            prop_assert_eq!(table.len(), expected.len());
            for (s, id) in &expected {
                prop_assert_eq!(table.get(s), Some(*id));
                prop_assert_eq!(&table[*id], s);
            }
        }
    }
}
