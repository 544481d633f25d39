//! ASCII spellings for plain text and JSON: `h_1 = a[theta_10 + theta_11 x]`,
//! `theta'_11 phi_1 h_1`, `omega_{0,12,3}`, `3/4 x`.

use super::style::Style;
use crate::symbol::ParamLetter;
use num_bigint::BigInt;

/// The ASCII style.
pub(crate) struct Ascii;

impl Style for Ascii {
    fn param_letter(&self, letter: ParamLetter) -> &'static str {
        match letter {
            ParamLetter::Theta => "theta",
            ParamLetter::Phi => "phi",
            ParamLetter::Psi => "psi",
            ParamLetter::Beta => "beta",
            ParamLetter::Omega => "omega",
            ParamLetter::CapitalOmega => "Omega",
        }
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

    /// Names are words, so factors are always separated by a space.
    fn juxtapose(&self, _previous: &str) -> &'static str {
        " "
    }
}
