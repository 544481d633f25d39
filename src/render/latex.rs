//! LaTeX spellings for slides, ASCII only (pdflatex rejects Unicode):
//! `\theta'_{11}\phi_{1}h_{1}`, `\omega_{0,12,3}`, `\frac{3}{4}x`,
//! `\mathrm{a}[…]`.

use super::style::Style;
use crate::symbol::ParamLetter;
use num_bigint::BigInt;

/// The LaTeX style.
pub(crate) struct Latex;

impl Style for Latex {
    fn param_letter(&self, letter: ParamLetter) -> &'static str {
        match letter {
            ParamLetter::Theta => "\\theta",
            ParamLetter::Phi => "\\phi",
            ParamLetter::Psi => "\\psi",
            ParamLetter::Beta => "\\beta",
            ParamLetter::Omega => "\\omega",
            ParamLetter::CapitalOmega => "\\Omega",
        }
    }

    fn prime(&self) -> &'static str {
        "'"
    }

    /// Always braced: `_{1}`, `_{10}`, `_{0,12,3}`.
    fn subscript(&self, out: &mut String, body: &str) {
        out.push_str("_{");
        out.push_str(body);
        out.push('}');
    }

    fn fraction(&self, out: &mut String, numer: &BigInt, denom: &BigInt) {
        out.push_str("\\frac{");
        out.push_str(&numer.to_string());
        out.push_str("}{");
        out.push_str(&denom.to_string());
        out.push('}');
    }

    /// Plain brackets, not `\left[`, so that an equation can break across
    /// `align*` lines inside its activation.
    fn activation(&self) -> &'static str {
        "\\mathrm{a}["
    }

    /// A bare control word (`\theta` without subscript or prime) needs a space
    /// before a following letter, or `\theta x` would read as `\thetax`.
    fn juxtapose(&self, previous: &str) -> &'static str {
        if previous.ends_with(|c: char| c.is_ascii_alphabetic()) {
            " "
        } else {
            ""
        }
    }

    /// Roughly how wide the typeset equation is, one column per symbol as the
    /// Unicode form would print it, so that a LaTeX equation breaks where its
    /// Unicode form does rather than where its longer source would:
    /// `\theta'_{11}` counts 3, `\frac{3}{4}` 2, `\mathrm{a}[` 2, `\quad` 2.
    fn display_width(&self, text: &str) -> Option<usize> {
        let mut width = 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            width += match c {
                '{' | '}' | '_' | '&' => 0,
                '\\' => {
                    let mut word = String::new();
                    while let Some(&l) = chars.peek().filter(|l| l.is_ascii_alphabetic()) {
                        word.push(l);
                        chars.next();
                    }
                    if word.is_empty() {
                        chars.next();
                    }
                    match word.as_str() {
                        "" | "mathrm" | "frac" => 0,
                        "quad" => 2,
                        _ => 1,
                    }
                }
                _ => 1,
            };
        }
        Some(width)
    }
}
