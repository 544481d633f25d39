//! Counting: parameters, bounds on the number of linear regions, and the exact
//! linear regions of a given network.
//!
//! - [`params`] counts weights and biases per layer, of a [`Network`] or of an
//!   architecture such as `1,10,10,10,10,10,1` (471 parameters);
//! - [`bounds`] gives the maximum number of linear regions of an architecture
//!   by every formula that applies, each with its source (11^5 = 161,051 for
//!   five layers of ten units on one input);
//! - [`regions`] computes the exact breakpoints and linear pieces of a network
//!   with one input, propagating piecewise-linear functions layer by layer in
//!   exact arithmetic;
//! - [`regions2d`] computes the exact partition of a box into the linear
//!   regions of a network with two inputs.
//!
//! Invariants: every number is exact (big integers and big rationals; a value
//! in scientific notation is derived from the exact digits); output is
//! deterministic; nothing here panics on a valid [`Network`], and every
//! refusal (a network with two inputs given to [`regions::regions_1d`], an
//! architecture with no hidden layer) is a [`Diagnostic`].
//!
//! [`Network`]: crate::network::Network
//! [`Diagnostic`]: crate::diagnostic::Diagnostic

pub mod bounds;
pub mod domain;
pub mod params;
mod program;
pub mod regions;
pub mod regions2d;

use num_bigint::BigUint;

/// An exact integer in scientific notation with three significant digits:
/// `(unicode, ascii)`, such as `("1.61×10^5", "1.61e5")`. Numbers below 1000
/// are written out (`("7", "7")`).
///
/// ```
/// use num_bigint::BigUint;
/// let n = BigUint::from(161_051u32);
/// assert_eq!(netform::analysis::scientific(&n), ("1.61×10^5".to_string(), "1.61e5".to_string()));
/// ```
pub fn scientific(n: &BigUint) -> (String, String) {
    let digits = n.to_str_radix(10);
    if digits.len() <= 3 {
        return (digits.clone(), digits);
    }
    let bytes = digits.as_bytes();
    let mut mantissa: u32 = bytes[..3]
        .iter()
        .fold(0, |m, &d| m * 10 + u32::from(d - b'0'));
    let mut exponent = digits.len() - 1;
    if bytes[3] >= b'5' {
        mantissa += 1;
    }
    if mantissa == 1000 {
        mantissa = 100;
        exponent += 1;
    }
    let m = format!("{}.{:02}", mantissa / 100, mantissa % 100);
    (format!("{m}×10^{exponent}"), format!("{m}e{exponent}"))
}
