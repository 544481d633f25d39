//! Reading the domain of `regions`: an interval `-1,1` for one input, a box
//! `"x_1=-1,1; x_2=-1,1"` for two.

use crate::diagnostic::Diagnostic;
use crate::network::Network;
use crate::syntax;
use num_rational::BigRational;

/// Reads an interval `-1,1` (or `[-1, 1]`, `x=-1,1`) into exact bounds.
///
/// ```
/// let (lo, hi) = netform::analysis::domain::interval("-1/2,3").unwrap();
/// assert_eq!((lo.to_string(), hi.to_string()), ("-1/2".to_string(), "3".to_string()));
/// ```
pub fn interval(text: &str) -> Result<(BigRational, BigRational), Diagnostic> {
    let body = text.split_once('=').map_or(text, |(_, b)| b);
    let body = body.trim().trim_start_matches('[').trim_end_matches(']');
    let bad = || {
        Diagnostic::global(
            "domain",
            format!("`{text}` is not an interval: write LOW,HIGH, e.g. -1,1 or -1/2,3/2"),
        )
    };
    let (lo, hi) = body.split_once(',').ok_or_else(bad)?;
    let lo = syntax::parse_number(lo.trim()).map_err(|_| bad())?;
    let hi = syntax::parse_number(hi.trim()).map_err(|_| bad())?;
    if lo >= hi {
        return Err(Diagnostic::global(
            "domain",
            format!("the interval `{text}` is empty: its low end must be below its high end"),
        ));
    }
    Ok((lo, hi))
}

/// Reads a box "x_1=-1,1; x_2=-1,1" into intervals in the network's input
/// order; an input not named gets [-1, 1].
pub fn two_inputs(
    network: &Network,
    text: &str,
) -> Result<[(BigRational, BigRational); 2], Diagnostic> {
    let unit = || {
        (
            BigRational::from_integer((-1).into()),
            BigRational::from_integer(1.into()),
        )
    };
    let mut ranges = [unit(), unit()];
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, _) = part.split_once('=').ok_or_else(|| {
            Diagnostic::global(
                "domain",
                format!("`{part}` names no input: write \"x_1=-1,1; x_2=-1,1\""),
            )
        })?;
        let symbol = syntax::parse_symbol(name.trim())?;
        let k = network
            .inputs
            .iter()
            .position(|&i| network.symbols[i] == symbol)
            .ok_or_else(|| {
                Diagnostic::global(
                    "domain",
                    format!("`{}` is not an input of this network", name.trim()),
                )
            })?;
        ranges[k] = interval(part)?;
    }
    Ok(ranges)
}
