//! Which index of a symbol means what: the unit fed (row), the source
//! (column), the layer of the weights.

use crate::symbol::{Letter, ParamLetter, Symbol, VarLetter};

/// One index of a symbol, as the conventions see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Which index (`None`: not written, as in `x` for x_1).
    pub pos: Option<usize>,
    /// Its meaning: the unit fed, the source, or the layer of the weights.
    pub value: u32,
    /// What is added to `value` to write the index (h_{k,i} is in the
    /// equation of layer k − 1's weights).
    pub offset: u32,
}

/// The indices of a symbol that the conventions compare.
#[derive(Clone, Copy, Debug, Default)]
pub struct Slots {
    /// The layer of the weights.
    pub layer: Option<Slot>,
    /// The unit fed.
    pub row: Option<Slot>,
    /// The source.
    pub col: Option<Slot>,
}

fn at(pos: usize, value: u32) -> Option<Slot> {
    Some(Slot {
        pos: Some(pos),
        value,
        offset: 0,
    })
}

/// The slots of a unit on a left side: h_i, h_{k,i}, y_i.
pub fn lhs_slots(s: &Symbol) -> Slots {
    match (s.letter, &*s.indices) {
        (Letter::Var(VarLetter::H), [i]) => Slots {
            row: at(0, *i),
            ..Slots::default()
        },
        (Letter::Var(VarLetter::H), [k, i]) => Slots {
            // h_{0,i} names no layer; its layer disagrees with every weight.
            layer: Some(Slot {
                pos: Some(0),
                value: k.checked_sub(1).unwrap_or(u32::MAX),
                offset: 1,
            }),
            row: at(1, *i),
            ..Slots::default()
        },
        (Letter::Var(VarLetter::Y), []) => Slots {
            row: Some(Slot {
                pos: None,
                value: 1,
                offset: 0,
            }),
            ..Slots::default()
        },
        (Letter::Var(VarLetter::Y), [i]) => Slots {
            row: at(0, *i),
            ..Slots::default()
        },
        _ => Slots::default(),
    }
}

/// The slots of a parameter.
pub fn param_slots(s: &Symbol) -> Slots {
    use ParamLetter::*;
    let Letter::Param(p) = s.letter else {
        return Slots::default();
    };
    match (p, &*s.indices) {
        (Theta | Psi, [i, j]) | (Phi, [i, j]) => Slots {
            row: at(0, *i),
            col: at(1, *j),
            ..Slots::default()
        },
        (Phi, [j]) => Slots {
            col: at(0, *j),
            ..Slots::default()
        },
        (Beta, [k]) => Slots {
            layer: at(0, *k),
            ..Slots::default()
        },
        (Beta, [k, i]) => Slots {
            layer: at(0, *k),
            row: at(1, *i),
            ..Slots::default()
        },
        (Omega, [k, j]) => Slots {
            layer: at(0, *k),
            col: at(1, *j),
            ..Slots::default()
        },
        (Omega, [k, i, j]) => Slots {
            layer: at(0, *k),
            row: at(1, *i),
            col: at(2, *j),
        },
        _ => Slots::default(),
    }
}

/// The slots of a variable a weight multiplies: x, x_j, h_j, h_{k,j}, y.
pub fn var_slots(s: &Symbol) -> Slots {
    let implicit = Some(Slot {
        pos: None,
        value: 1,
        offset: 0,
    });
    match (s.letter, &*s.indices) {
        (Letter::Var(VarLetter::X), []) => Slots {
            layer: Some(Slot {
                pos: None,
                value: 0,
                offset: 0,
            }),
            col: implicit,
            ..Slots::default()
        },
        (Letter::Var(VarLetter::X), [j]) => Slots {
            layer: Some(Slot {
                pos: None,
                value: 0,
                offset: 0,
            }),
            col: at(0, *j),
            ..Slots::default()
        },
        (Letter::Var(VarLetter::Y), []) => Slots {
            col: implicit,
            ..Slots::default()
        },
        (Letter::Var(_), [j]) => Slots {
            col: at(0, *j),
            ..Slots::default()
        },
        (Letter::Var(VarLetter::H), [k, j]) => Slots {
            layer: at(0, *k),
            col: at(1, *j),
            ..Slots::default()
        },
        _ => Slots::default(),
    }
}

/// `symbol` with one slot set to `value`; `None` when it cannot be written.
pub fn set(symbol: &Symbol, slot: Slot, value: u32) -> Option<Symbol> {
    let mut out = symbol.clone();
    let written = value.checked_add(slot.offset)?;
    match slot.pos {
        Some(pos) => *out.indices.get_mut(pos)? = written,
        None if value == slot.value => {}
        None if slot.value == 1 => out.indices = vec![written].into(),
        None => return None,
    }
    Some(out)
}

/// The primes of the network a parameter belongs to (ψ sits one below).
pub fn network_primes(s: &Symbol) -> u32 {
    s.primes as u32 + u32::from(s.letter == Letter::Param(ParamLetter::Psi))
}
