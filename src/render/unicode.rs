//! Unicode spellings for terminals: `h₁ = a[θ₁₀ + θ₁₁x]`, `θ′₁₁φ₁h₁`, `3/4 x`.

use super::style::Style;
use crate::symbol::ParamLetter;
use num_bigint::BigInt;

/// The Unicode style.
pub(crate) struct Unicode;

impl Style for Unicode {
    fn param_letter(&self, letter: ParamLetter) -> &'static str {
        match letter {
            ParamLetter::Theta => "θ",
            ParamLetter::Phi => "φ",
            ParamLetter::Psi => "ψ",
            ParamLetter::Beta => "β",
            ParamLetter::Omega => "ω",
            ParamLetter::CapitalOmega => "Ω",
        }
    }

    fn prime(&self) -> &'static str {
        "′"
    }

    /// Subscript digits, with plain commas between runs: `₁₀`, `₀,₁₂,₃`.
    fn subscript(&self, out: &mut String, body: &str) {
        for c in body.chars() {
            match c.to_digit(10) {
                Some(d) => out.push(char::from_u32(0x2080 + d).unwrap_or(c)),
                None => out.push(c),
            }
        }
    }

    fn fraction(&self, out: &mut String, numer: &BigInt, denom: &BigInt) {
        out.push_str(&numer.to_string());
        out.push('/');
        out.push_str(&denom.to_string());
    }

    fn activation(&self) -> &'static str {
        "a["
    }

    /// A fraction is followed by a space (`3/4 x`) so that what follows is not
    /// read as part of its denominator; everything else is juxtaposed.
    fn juxtapose(&self, previous: &str) -> &'static str {
        if previous.contains('/') {
            " "
        } else {
            ""
        }
    }
}
