//! Unicode spellings for terminals: `h₁ = a[θ₁₀ + θ₁₁x]`, `θ′₁₁φ₁h₁`, `3/4 x`.

use super::style::{Dots, Style};
use crate::symbol::{ParamLetter, VarLetter};
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
            ParamLetter::CapitalTheta => "Θ",
            ParamLetter::CapitalPhi => "Φ",
            ParamLetter::CapitalPsi => "Ψ",
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

    /// Unicode's mathematical bold letters (U+1D400 block), which every
    /// terminal font with Greek shows at the width of one character.
    fn bold_param(&self, letter: ParamLetter, upper: bool) -> &'static str {
        match (letter, upper) {
            (ParamLetter::Theta, false) => "𝛉",
            (ParamLetter::Theta, true) => "𝚯",
            (ParamLetter::Phi, false) => "𝛗",
            (ParamLetter::Phi, true) => "𝚽",
            (ParamLetter::Psi, false) => "𝛙",
            (ParamLetter::Psi, true) => "𝚿",
            (ParamLetter::Beta, false) => "𝛃",
            (ParamLetter::Beta, true) => "𝚩",
            (ParamLetter::Omega, false) => "𝛚",
            (ParamLetter::Omega | ParamLetter::CapitalOmega, true) => "𝛀",
            (ParamLetter::CapitalOmega, false) => "𝛀",
            (ParamLetter::CapitalTheta, _) => "𝚯",
            (ParamLetter::CapitalPhi, _) => "𝚽",
            (ParamLetter::CapitalPsi, _) => "𝚿",
        }
    }

    fn bold_var(&self, letter: VarLetter) -> &'static str {
        match letter {
            VarLetter::X => "𝐱",
            VarLetter::Y => "𝐲",
            VarLetter::H => "𝐡",
        }
    }

    fn transpose(&self) -> &'static str {
        "ᵀ"
    }

    fn activation_letter(&self, vector: bool) -> &'static str {
        if vector {
            "𝐚"
        } else {
            "a"
        }
    }

    fn dots(&self, dots: Dots) -> &'static str {
        match dots {
            Dots::Horizontal => "⋯",
            Dots::Vertical => "⋮",
            Dots::Diagonal => "⋱",
        }
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
