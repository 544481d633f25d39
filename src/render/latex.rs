//! LaTeX spellings for slides, ASCII only (pdflatex rejects Unicode):
//! `\theta'_{11}\phi_{1}h_{1}`, `\omega_{0,12,3}`, `\frac{3}{4}x`,
//! `\mathrm{a}[…]`.

use super::style::{var_letter, Dots, Style};
use crate::symbol::{Letter, ParamLetter, Symbol, VarLetter};
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
            ParamLetter::CapitalTheta => "\\Theta",
            ParamLetter::CapitalPhi => "\\Phi",
            ParamLetter::CapitalPsi => "\\Psi",
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

    fn subscript_around(&self) -> Option<(&'static str, &'static str)> {
        Some(("_{", "}"))
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

    /// `\boldsymbol`, which amsmath provides and KaTeX knows; `\mathbf` would
    /// leave a Greek letter upright and not bold.
    fn bold_param(&self, letter: ParamLetter, upper: bool) -> &'static str {
        match (letter, upper) {
            (ParamLetter::Theta, false) => "\\boldsymbol{\\theta}",
            (ParamLetter::Theta, true) => "\\boldsymbol{\\Theta}",
            (ParamLetter::Phi, false) => "\\boldsymbol{\\phi}",
            (ParamLetter::Phi, true) => "\\boldsymbol{\\Phi}",
            (ParamLetter::Psi, false) => "\\boldsymbol{\\psi}",
            (ParamLetter::Psi, true) => "\\boldsymbol{\\Psi}",
            (ParamLetter::Beta, false) => "\\boldsymbol{\\beta}",
            (ParamLetter::Beta, true) => "\\mathbf{B}",
            (ParamLetter::Omega, false) => "\\boldsymbol{\\omega}",
            (ParamLetter::Omega | ParamLetter::CapitalOmega, _) => "\\boldsymbol{\\Omega}",
            (ParamLetter::CapitalTheta, _) => "\\boldsymbol{\\Theta}",
            (ParamLetter::CapitalPhi, _) => "\\boldsymbol{\\Phi}",
            (ParamLetter::CapitalPsi, _) => "\\boldsymbol{\\Psi}",
        }
    }

    fn bold_var(&self, letter: VarLetter) -> &'static str {
        match letter {
            VarLetter::X => "\\mathbf{x}",
            VarLetter::Y => "\\mathbf{y}",
            VarLetter::H => "\\mathbf{h}",
        }
    }

    fn transpose(&self) -> &'static str {
        "^T"
    }

    fn activation_letter(&self, vector: bool) -> &'static str {
        if vector {
            "\\mathbf{a}"
        } else {
            "\\mathrm{a}"
        }
    }

    fn dots(&self, dots: Dots) -> &'static str {
        match dots {
            Dots::Horizontal => "\\cdots",
            Dots::Vertical => "\\vdots",
            Dots::Diagonal => "\\ddots",
        }
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

    /// In one call rather than one to the style per piece, the primes and
    /// the subscript's braces written as the constants they are:
    /// `\theta'_{10}`, `h_{1}`.
    fn symbol(&self, out: &mut String, symbol: &Symbol) {
        out.reserve(16);
        out.push_str(match symbol.letter {
            Letter::Param(letter) => self.param_letter(letter),
            Letter::Var(letter) => var_letter(letter),
        });
        for _ in 0..symbol.primes {
            out.push('\'');
        }
        if !symbol.indices.is_empty() {
            out.push_str("_{");
            symbol.write_subscript_body(out);
            out.push('}');
        }
    }

    /// Roughly how wide the typeset equation is, one column per symbol as the
    /// Unicode form would print it, so that a LaTeX equation breaks where its
    /// Unicode form does rather than where its longer source would:
    /// `\theta'_{11}` counts 3, `\frac{3}{4}` 2, `\mathrm{a}[` 2, `\quad` 2.
    fn display_width(&self, text: &str) -> Option<usize> {
        // By bytes: a command's name is ASCII, and any other character
        // counts once, at its first byte.
        let bytes = text.as_bytes();
        let mut width = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            width += match b {
                b'\\' => {
                    let start = i;
                    while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                        i += 1;
                    }
                    match &bytes[start..i] {
                        b"" => {
                            // A one-character command (`\\`, `\,`): both
                            // skipped, the character by the length its
                            // first byte gives.
                            i += bytes.get(i).map_or(0, |&b| utf8_length(b));
                            0
                        }
                        b"mathrm" | b"frac" => 0,
                        b"quad" => 2,
                        _ => 1,
                    }
                }
                _ => usize::from(COUNTS[usize::from(b)]),
            };
        }
        Some(width)
    }
}

/// How much each byte other than `\\` adds to [`Latex::display_width`]:
/// nothing for `{`, `}`, `_`, `&` and for a continuation byte of a character
/// already counted, one for any other.
const COUNTS: [u8; 256] = {
    let mut counts = [1; 256];
    counts[b'{' as usize] = 0;
    counts[b'}' as usize] = 0;
    counts[b'_' as usize] = 0;
    counts[b'&' as usize] = 0;
    let mut b = 0x80;
    while b <= 0xbf {
        counts[b] = 0;
        b += 1;
    }
    counts
};

/// The length in bytes of the UTF-8 character whose first byte is `first`.
fn utf8_length(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The LaTeX style of Beamer frames: the same, but the scalar activation is
/// `\text{a}`, in the theme's font (sans-serif, as Beamer sets math letters)
/// rather than `\mathrm{a}`, which stays serif beside them.
pub(crate) struct BeamerLatex;

impl Style for BeamerLatex {
    fn param_letter(&self, letter: ParamLetter) -> &'static str {
        Latex.param_letter(letter)
    }

    fn prime(&self) -> &'static str {
        Latex.prime()
    }

    fn subscript(&self, out: &mut String, body: &str) {
        Latex.subscript(out, body)
    }

    fn subscript_around(&self) -> Option<(&'static str, &'static str)> {
        Latex.subscript_around()
    }

    fn fraction(&self, out: &mut String, numer: &BigInt, denom: &BigInt) {
        Latex.fraction(out, numer, denom)
    }

    fn activation(&self) -> &'static str {
        "\\text{a}["
    }

    fn juxtapose(&self, previous: &str) -> &'static str {
        Latex.juxtapose(previous)
    }

    fn bold_param(&self, letter: ParamLetter, upper: bool) -> &'static str {
        Latex.bold_param(letter, upper)
    }

    fn bold_var(&self, letter: VarLetter) -> &'static str {
        Latex.bold_var(letter)
    }

    fn transpose(&self) -> &'static str {
        Latex.transpose()
    }

    /// `\mathbf{a}` is already sans-serif in Beamer; the scalar `a` is not.
    fn activation_letter(&self, vector: bool) -> &'static str {
        if vector {
            Latex.activation_letter(true)
        } else {
            "\\text{a}"
        }
    }

    fn dots(&self, dots: Dots) -> &'static str {
        Latex.dots(dots)
    }

    fn symbol(&self, out: &mut String, symbol: &Symbol) {
        Latex.symbol(out, symbol)
    }

    fn display_width(&self, text: &str) -> Option<usize> {
        Latex.display_width(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The width by its definition, character by character.
    fn by_characters(text: &str) -> usize {
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
        width
    }

    #[test]
    fn display_width_counts_as_typeset() {
        for text in [
            "",
            "\\theta'_{11}",
            "\\frac{3}{4}",
            "\\mathrm{a}[",
            "&\\quad + \\omega_{1,2}h_{3}",
            "\\\\",
            "\\,x\\;y\\",
            "\\é θ′ x",
            "\\mathbf{h}'_{1} = \\boldsymbol{\\beta}_0 + \\left[ x \\right]",
        ] {
            assert_eq!(
                Latex.display_width(text),
                Some(by_characters(text)),
                "{text}"
            );
        }
    }
}
