//! The LaTeX commands netform knows, and suggestions for the ones it does not.

use super::atoms::{greek_command, Name};

/// How a wrapper command changes the name inside its braces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// `\boldsymbol{…}`, `\bm{…}`, `\mathbf{…}`.
    Bold,
    /// `\mathrm{…}`, `\text{…}`, `\operatorname{…}`.
    Upright,
}

/// What a command after `\` means to the lexer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// A parameter letter: `\theta`, `\Omega`.
    Name(Name),
    /// A wrapper around a name: `\mathbf`, `\text`.
    Wrap(Wrap),
    /// A fraction: `\frac`, `\dfrac`, `\tfrac`.
    Frac,
    /// A product: `\cdot`, `\times`.
    Times,
    /// A font switch inside a group: `{\rm a}`, `\mbox{\bf a}`.
    Switch(Wrap),
    /// A delimiter size: `\left`, `\right`, `\bigl`, `\Big`.
    Sizing,
    /// Spacing and layout to ignore: `\quad`, `\nonumber`.
    Ignore,
    /// A command whose braced argument is ignored too: `\label{…}`, `\tag{…}`.
    IgnoreWithArgument,
    /// `\begin{…}`.
    Begin,
    /// `\end{…}`.
    End,
    /// Elided terms: `\cdots`, `\dots`, `\ldots`, `\vdots`, `\ddots`.
    Elision,
    /// `\prime` outside a superscript.
    Prime,
    /// A Greek letter netform does not read: `\alpha`, `\Psi`.
    OtherGreek,
    /// Anything else.
    Unknown,
}

/// The environments whose `\begin{…}` and `\end{…}` are ignored: each
/// `\begin`, `\end` and line break in them separates equations.
pub const ENVIRONMENTS: &[&str] = &[
    "align",
    "align*",
    "aligned",
    "equation",
    "equation*",
    "gather",
    "gather*",
    "split",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
];

/// Every command name netform knows, for suggestions.
const KNOWN: &[&str] = &[
    "theta",
    "vartheta",
    "phi",
    "varphi",
    "psi",
    "beta",
    "omega",
    "Omega",
    "boldsymbol",
    "bm",
    "mathbf",
    "mathrm",
    "text",
    "mbox",
    "operatorname",
    "hspace",
    "frac",
    "dfrac",
    "tfrac",
    "cdot",
    "times",
    "left",
    "right",
    "big",
    "bigl",
    "bigr",
    "bigm",
    "Big",
    "Bigl",
    "Bigr",
    "Bigm",
    "bigg",
    "biggl",
    "biggr",
    "Bigg",
    "Biggl",
    "Biggr",
    "quad",
    "qquad",
    "nonumber",
    "notag",
    "displaystyle",
    "textstyle",
    "label",
    "tag",
    "begin",
    "end",
    "prime",
];

/// Greek letters netform does not read, so that `\alpha` is reported as a
/// letter rather than an unknown command.
const OTHER_GREEK: &[&str] = &[
    "alpha",
    "gamma",
    "delta",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "varpi",
    "rho",
    "varrho",
    "sigma",
    "varsigma",
    "tau",
    "upsilon",
    "chi",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
];

/// Classifies a command name (without its `\`): `theta`, `frac`, `left`.
pub(crate) fn command(name: &str) -> Command {
    if let Some(letter) = greek_command(name) {
        return Command::Name(Name::Param(letter));
    }
    match name {
        "boldsymbol" | "bm" | "mathbf" | "textbf" => Command::Wrap(Wrap::Bold),
        "mathrm" | "text" | "operatorname" | "mbox" | "textrm" | "textnormal" | "mathit" => {
            Command::Wrap(Wrap::Upright)
        }
        "bf" | "bfseries" => Command::Switch(Wrap::Bold),
        "rm" | "it" | "sf" | "rmfamily" | "upshape" => Command::Switch(Wrap::Upright),
        "frac" | "dfrac" | "tfrac" => Command::Frac,
        "cdot" | "times" => Command::Times,
        "left" | "right" | "big" | "bigl" | "bigr" | "bigm" | "Big" | "Bigl" | "Bigr" | "Bigm"
        | "bigg" | "biggl" | "biggr" | "Bigg" | "Biggl" | "Biggr" => Command::Sizing,
        "quad" | "qquad" | "nonumber" | "notag" | "displaystyle" | "textstyle" | "scriptstyle"
        | "limits" | "nolimits" => Command::Ignore,
        "label" | "tag" | "hspace" | "vspace" | "eqref" | "ref" => Command::IgnoreWithArgument,
        "begin" => Command::Begin,
        "end" => Command::End,
        "cdots" | "dots" | "ldots" | "vdots" | "ddots" => Command::Elision,
        "prime" => Command::Prime,
        _ if OTHER_GREEK.contains(&name) => Command::OtherGreek,
        _ => Command::Unknown,
    }
}

/// Known commands close to `name` (at most two edits away), closest first:
/// `thetta` suggests `theta`.
pub(crate) fn suggestions(name: &str) -> Vec<&'static str> {
    if name.len() > 24 {
        return Vec::new();
    }
    let limit = if name.len() <= 3 { 1 } else { 2 };
    let mut close: Vec<(usize, &'static str)> = KNOWN
        .iter()
        .map(|&known| (edit_distance(name, known), known))
        .filter(|&(d, _)| d <= limit)
        .collect();
    close.sort();
    close.into_iter().take(3).map(|(_, known)| known).collect()
}

/// The Levenshtein distance between two short ASCII words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}
