//! How atoms are spelled: the one thing that differs between formats.
//!
//! The layout ([`super::layout`]) decides what goes where; a [`Style`] only
//! says how a letter, a prime, a subscript, a fraction or the activation is
//! written, and whether two neighbouring factors of a product need a space
//! between them to read back as two factors.

use crate::symbol::{Letter, ParamLetter, Symbol, VarLetter};
use num_bigint::BigInt;

/// The spelling of atoms in one output format.
pub(crate) trait Style {
    /// A parameter letter: `θ`, `\theta`, `theta`.
    fn param_letter(&self, letter: ParamLetter) -> &'static str;

    /// One prime: `′` or `'`.
    fn prime(&self) -> &'static str;

    /// Appends a subscript whose body is digits and commas (`10`, `0,12,3`):
    /// `₁₀`, `_{10}`, `_10`.
    fn subscript(&self, out: &mut String, body: &str);

    /// The text around a subscript's body when the body is written as it
    /// is between them (`_{` and `}` in LaTeX), so that it can be spelled
    /// straight into the output; `None` when [`Style::subscript`] changes it.
    fn subscript_around(&self) -> Option<(&'static str, &'static str)> {
        None
    }

    /// Appends a positive fraction that is not an integer: `3/4`, `\frac{3}{4}`.
    fn fraction(&self, out: &mut String, numer: &BigInt, denom: &BigInt);

    /// What opens an activation: `a[`, `\mathrm{a}[`.
    fn activation(&self) -> &'static str;

    /// What goes between two factors of a product when the first was spelled
    /// `previous`: nothing (`θ₁₁x`), or a space (`3/4 x`, `theta_11 x`).
    fn juxtapose(&self, previous: &str) -> &'static str;

    /// A bold parameter letter naming a vector (`upper` false) or a matrix:
    /// `𝛉`, `𝚿`, `\boldsymbol{\theta}`, `\boldsymbol{\Psi}`, `theta`, `Psi`.
    fn bold_param(&self, letter: ParamLetter, upper: bool) -> &'static str;

    /// A bold variable letter naming a vector of units: `𝐡`, `\mathbf{h}`, `h`.
    fn bold_var(&self, letter: VarLetter) -> &'static str;

    /// The transpose mark of a row vector: `ᵀ`, `^T`.
    fn transpose(&self) -> &'static str;

    /// The letter of the activation applied to a vector (`𝐚`, `\mathbf{a}`,
    /// `a`) or to a scalar (`a`, `\mathrm{a}`), without its bracket.
    fn activation_letter(&self, vector: bool) -> &'static str;

    /// An elision mark: `⋯`, `⋮`, `⋱`; `\cdots`, `\vdots`, `\ddots`; `...` in every direction.
    fn dots(&self, dots: Dots) -> &'static str;

    /// Appends a symbol, as [`spell_symbol`] spells it from the pieces
    /// above; a style may spell it without asking for them one by one.
    fn symbol(&self, out: &mut String, symbol: &Symbol) {
        spell_from_pieces(self, out, symbol);
    }

    /// How wide `text` looks once typeset, when that differs from its length
    /// as text (LaTeX); `None` to measure the text itself.
    fn display_width(&self, _text: &str) -> Option<usize> {
        None
    }
}

/// Which way an elision mark points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dots {
    /// Along a row or a sum: `⋯`.
    Horizontal,
    /// Down a column: `⋮`.
    Vertical,
    /// Where an elided row meets an elided column: `⋱`.
    Diagonal,
}

/// A variable letter, the same in every format.
pub(crate) fn var_letter(letter: VarLetter) -> &'static str {
    match letter {
        VarLetter::X => "x",
        VarLetter::Y => "y",
        VarLetter::H => "h",
    }
}

/// Appends a symbol: its letter, its primes, then its subscript.
///
/// The subscript is [`Symbol::subscript_body`]: `θ₁₀` (indices 1, 0),
/// `ω₀,₁₂,₃`, `β₀,₁`, `h₁₂` (unit twelve), `h₂,₅`.
pub(crate) fn spell_symbol(style: &dyn Style, out: &mut String, symbol: &Symbol) {
    style.symbol(out, symbol);
}

/// [`Style::symbol`] as every style spells it: from its letter, its prime
/// and its subscript.
fn spell_from_pieces<S: Style + ?Sized>(style: &S, out: &mut String, symbol: &Symbol) {
    // Room for the usual symbol at once (`\theta'_{10}`), rather than
    // growing a new string piece by piece.
    out.reserve(16);
    match symbol.letter {
        Letter::Param(letter) => {
            out.push_str(style.param_letter(letter));
        }
        Letter::Var(letter) => {
            out.push_str(var_letter(letter));
        }
    }
    for _ in 0..symbol.primes {
        out.push_str(style.prime());
    }
    if symbol.indices.is_empty() {
        return;
    }
    if let Some((open, close)) = style.subscript_around() {
        out.push_str(open);
        symbol.write_subscript_body(out);
        out.push_str(close);
        return;
    }
    // One buffer for every subscript spelled: a large network spells
    // hundreds of thousands.
    thread_local! {
        static BODY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BODY.with_borrow_mut(|body| {
        body.clear();
        symbol.write_subscript_body(body);
        style.subscript(out, body);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::latex::Latex;
    use crate::symbol::VarLetter;

    /// Every symbol's subscript reads as [`Symbol::write_subscript_body`]
    /// writes it.
    #[test]
    fn subscripts_as_the_symbol_writes_them() {
        let letters = [
            Letter::Param(ParamLetter::Theta),
            Letter::Param(ParamLetter::Phi),
            Letter::Param(ParamLetter::Psi),
            Letter::Param(ParamLetter::Beta),
            Letter::Param(ParamLetter::Omega),
            Letter::Param(ParamLetter::CapitalOmega),
            Letter::Param(ParamLetter::CapitalTheta),
            Letter::Param(ParamLetter::CapitalPhi),
            Letter::Param(ParamLetter::CapitalPsi),
            Letter::Var(VarLetter::X),
            Letter::Var(VarLetter::Y),
            Letter::Var(VarLetter::H),
        ];
        let indices: [&[u32]; 10] = [
            &[],
            &[1],
            &[12],
            &[1, 0],
            &[10, 1],
            &[2, 5],
            &[0, 12, 3],
            &[9, 9, 9],
            &[4_000_000_000, 4_000_000_000, 4_000_000_000],
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        ];
        for letter in letters {
            for primes in 0..3 {
                for indices in indices {
                    let symbol = Symbol {
                        letter,
                        primes,
                        indices: indices.into(),
                    };
                    let mut expected = match letter {
                        Letter::Param(p) => Latex.param_letter(p).to_string(),
                        Letter::Var(v) => var_letter(v).to_string(),
                    };
                    expected.push_str(&"'".repeat(primes.into()));
                    if !indices.is_empty() {
                        expected.push_str("_{");
                        symbol.write_subscript_body(&mut expected);
                        expected.push('}');
                    }
                    let mut spelled = String::from("h = ");
                    spell_symbol(&Latex, &mut spelled, &symbol);
                    assert_eq!(spelled, format!("h = {expected}"));
                }
            }
        }
    }
}
