//! The network of a fully connected architecture, named as the book names it.
//!
//! `[1, 3, 1]` is the shallow network of chapter 3 (θ and φ), `[1, 3, 3, 1]` the
//! two-layer network of the composition slides (θ, ψ and φ′), and anything
//! deeper uses the general form's entries β_{k,i} and ω_{k,i,j} with hidden
//! units h_{k,i}.

use crate::expr::{Affine, Atom, Poly};
use crate::network::{self, Network, Unit};
use crate::symbol::{Letter, ParamLetter, Sym, Symbol, SymbolTable, VarLetter};

/// Why an architecture cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadArch(pub String);

impl std::fmt::Display for BadArch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The largest number of weights and biases [`network()`] builds.
pub const MAX_PARAMETERS: u64 = 50_000_000;

/// Builds the network of `widths` = inputs, hidden widths…, outputs.
///
/// ```
/// let net = netform::rewrite::arch::network(&[1, 3, 1]).unwrap();
/// assert_eq!(net.params.len(), 10);
/// ```
pub fn network(widths: &[usize]) -> Result<Network, BadArch> {
    if widths.len() < 2 {
        return Err(BadArch(
            "an architecture needs at least an input size and an output size, e.g. 1,3,1".into(),
        ));
    }
    if let Some(k) = widths.iter().position(|&w| w == 0) {
        return Err(BadArch(format!(
            "layer {k} has width 0; every layer needs at least one unit"
        )));
    }
    let count: u64 = widths
        .windows(2)
        .map(|w| (w[0] as u64 + 1).saturating_mul(w[1] as u64))
        .fold(0, u64::saturating_add);
    if count > MAX_PARAMETERS {
        return Err(BadArch(format!(
            "the architecture has {count} parameters; netform builds at most {MAX_PARAMETERS}"
        )));
    }
    let names = Names::for_depth(widths.len() - 2);
    let mut symbols = SymbolTable::new();
    let mut previous: Vec<Sym> = (1..=widths[0])
        .map(|j| symbols.intern(var(VarLetter::X, 0, index_if(widths[0], j))))
        .collect();
    let inputs = previous.clone();
    let mut units = Vec::new();
    let last = widths.len() - 1;
    for (k, &width) in widths.iter().enumerate().skip(1) {
        let mut current = Vec::with_capacity(width);
        for i in 1..=width {
            let name = symbols.intern(names.unit(k, last, i, width));
            let mut rhs = Affine::zero();
            rhs.add_term(
                Poly::param(symbols.intern(names.param(k, last, i, 0, width))),
                Atom::One,
            );
            for (j, &v) in previous.iter().enumerate() {
                rhs.add_term(
                    Poly::param(symbols.intern(names.param(k, last, i, j + 1, width))),
                    Atom::Var(v),
                );
            }
            let rhs = if k < last {
                let mut act = Affine::zero();
                act.add_term(Poly::one(), Atom::Act(Box::new(rhs)));
                act
            } else {
                rhs
            };
            units.push(Unit {
                name,
                layer: k as u32,
                rhs,
            });
            current.push(name);
        }
        previous = current;
    }
    let outputs = network::outputs(&units, symbols.len());
    let mut params = Vec::new();
    for u in &units {
        u.rhs.for_each_param(&mut |p| params.push(p));
    }
    Ok(Network {
        symbols,
        inputs,
        units,
        outputs,
        params,
        definitions: Vec::new(),
    })
}

/// The naming scheme for a number of hidden layers.
enum Names {
    /// No hidden layer: `y = φ_0 + φ_1 x`.
    Linear,
    /// One hidden layer: θ_ij into h_i, φ_j (φ_kj for several outputs) into y.
    Shallow,
    /// Two hidden layers: θ into h, ψ into h′, φ′ into y′.
    TwoLayer,
    /// Deeper: β_{k,i} and ω_{k,i,j} into h_{k,i}, and into y.
    General,
}

impl Names {
    fn for_depth(hidden: usize) -> Names {
        match hidden {
            0 => Names::Linear,
            1 => Names::Shallow,
            2 => Names::TwoLayer,
            _ => Names::General,
        }
    }

    /// The unit `i` of layer `k` (of `width` units); `last` is the output layer.
    fn unit(&self, k: usize, last: usize, i: usize, width: usize) -> Symbol {
        let primes = matches!(self, Names::TwoLayer) as u8;
        if k == last {
            return var(VarLetter::Y, primes, index_if(width, i));
        }
        match self {
            Names::TwoLayer => var(VarLetter::H, (k - 1) as u8, vec![i as u32]),
            Names::General => var(VarLetter::H, 0, vec![k as u32, i as u32]),
            _ => var(VarLetter::H, 0, vec![i as u32]),
        }
    }

    /// The parameter from input `j` (0: the bias) to unit `i` of layer `k`.
    fn param(&self, k: usize, last: usize, i: usize, j: usize, width: usize) -> Symbol {
        let (i, j) = (i as u32, j as u32);
        let (letter, primes) = match (self, k == last, k) {
            (Names::General, _, _) => return general(k as u32 - 1, i, j),
            (Names::TwoLayer, true, _) => (ParamLetter::Phi, 1),
            (Names::TwoLayer, false, 2) => (ParamLetter::Psi, 0),
            (_, true, _) => (ParamLetter::Phi, 0),
            _ => (ParamLetter::Theta, 0),
        };
        let indices = if k == last && width == 1 && j < 10 {
            vec![j]
        } else {
            vec![i, j]
        };
        Symbol {
            letter: Letter::Param(letter),
            primes,
            indices: indices.into(),
        }
    }
}

/// β_{k,i} for the bias (`j = 0`), ω_{k,i,j} for a weight.
fn general(k: u32, i: u32, j: u32) -> Symbol {
    if j == 0 {
        Symbol::param(ParamLetter::Beta, 0, &[k, i])
    } else {
        Symbol::param(ParamLetter::Omega, 0, &[k, i, j])
    }
}

fn var(letter: VarLetter, primes: u8, indices: Vec<u32>) -> Symbol {
    Symbol {
        letter: Letter::Var(letter),
        primes,
        indices: indices.into(),
    }
}

/// No index for a layer of one (`x`, `y`), else `[i]` (`x_1`, `y_2`).
fn index_if(width: usize, i: usize) -> Vec<u32> {
    if width == 1 {
        Vec::new()
    } else {
        vec![i as u32]
    }
}
