//! ASCII spellings for plain text and JSON: `h_1 = a[theta_10 + theta_11 x]`,
//! `theta'_11 phi_1 h_1`, `omega_{0,12,3}`, `3/4 x`.

use super::style::{Dots, Style};
use crate::symbol::{ParamLetter, VarLetter};
use num_bigint::BigInt;

/// The ASCII style.
pub(crate) struct Ascii;

impl Style for Ascii {
    fn param_letter(&self, letter: ParamLetter) -> &'static str {
        letter.ascii()
    }

    fn prime(&self) -> &'static str {
        "'"
    }

    /// `_10` for a single run of digits, `_{0,12,3}` when there are commas.
    fn subscript(&self, out: &mut String, body: &str) {
        if body.contains(',') {
            out.push_str("_{");
            out.push_str(body);
            out.push('}');
        } else {
            out.push('_');
            out.push_str(body);
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

    /// Parameter blocks are not marked bold in ASCII (`theta_0`, `Psi`): the
    /// book's scalar parameters have other indices, and a block's definition
    /// (`theta_0 = [theta_10; theta_20]`) is always printed.
    fn bold_param(&self, letter: ParamLetter, upper: bool) -> &'static str {
        match (letter, upper) {
            (ParamLetter::Theta, false) => "theta",
            (ParamLetter::Theta, true) => "Theta",
            (ParamLetter::Phi, false) => "phi",
            (ParamLetter::Phi, true) => "Phi",
            (ParamLetter::Psi, false) => "psi",
            (ParamLetter::Psi, true) => "Psi",
            (ParamLetter::Beta, false) => "beta",
            (ParamLetter::Beta, true) => "Beta",
            (ParamLetter::Omega, false) => "omega",
            (ParamLetter::Omega | ParamLetter::CapitalOmega, _) => "Omega",
            (ParamLetter::CapitalTheta, _) => "Theta",
            (ParamLetter::CapitalPhi, _) => "Phi",
            (ParamLetter::CapitalPsi, _) => "Psi",
        }
    }

    /// AsciiMath's `bb(h)`: a plain `h_1` would be the unit `h₁`, not the
    /// general form's vector `𝐡₁` of the first hidden layer.
    fn bold_var(&self, letter: VarLetter) -> &'static str {
        match letter {
            VarLetter::X => "bb(x)",
            VarLetter::Y => "bb(y)",
            VarLetter::H => "bb(h)",
        }
    }

    fn transpose(&self) -> &'static str {
        "^T"
    }

    fn activation_letter(&self, _vector: bool) -> &'static str {
        "a"
    }

    fn dots(&self, _dots: Dots) -> &'static str {
        "..."
    }

    /// Names are words, so factors are always separated by a space.
    fn juxtapose(&self, _previous: &str) -> &'static str {
        " "
    }
}
