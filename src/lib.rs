//! netform reads deep-network definitions written as the book *Understanding
//! Deep Learning* and its slides write them (`h_1 = a[\theta_{10} +
//! \theta_{11}x]`), turns them into a validated [`Network`], evaluates it
//! exactly with rationals (or in `f64`), and prints it back in Unicode, LaTeX,
//! ASCII or JSON.
//!
//! The whole pipeline, from slide text to an exact value and back to text:
//!
//! ```
//! use netform::{Activation, Bindings, Compiled, Format, Network, Options};
//! use netform::Rational as BigRational;
//!
//! let network: Network = netform::read::network(r"
//!     h_1 = a[\theta_{10} + \theta_{11}x]
//!     h_2 = a[\theta_{20} + \theta_{21}x]
//!     y = \phi_0 + \phi_1h_1 + \phi_2h_2
//! ").unwrap();
//!
//! let values = netform::syntax::parse_values(
//!     "theta_10 = -1/2; theta_11 = 1; theta_20 = 1/3; theta_21 = -1; phi_0 = 0.1; phi_1 = 2; phi_2 = 3",
//! ).unwrap();
//! let (bindings, _warnings) = Bindings::new(&network, &values).unwrap();
//! let exact = Compiled::<BigRational>::new(&network, &bindings, Activation::Relu);
//! // x = 1: h₁ = a[1/2] = 1/2, h₂ = a[-2/3] = 0, y = 1/10 + 1 = 11/10.
//! assert_eq!(exact.outputs(&[BigRational::from_integer(1.into())])[0].to_string(), "11/10");
//!
//! let text = netform::render::scalar(&network, &Options { format: Format::Unicode, ..Options::default() });
//! assert!(text.starts_with("h₁ = a[θ₁₀ + θ₁₁x]"));
//! // Every format reads back as the same network.
//! assert_eq!(netform::read::network(&text).unwrap(), network);
//! ```
//!
//! The same in a few lines through the front door, [`api`] (with
//! [`testing`] for "is this network the same function as that one?"):
//!
//! ```
//! use netform::{Network, Params};
//! let network = Network::parse(r"h_1 = a[\theta_{10} + \theta_{11}x]
//!     h_2 = a[\theta_{20} + \theta_{21}x]
//!     y = \phi_0 + \phi_1h_1 + \phi_2h_2")?;
//! let params = Params::parse("theta_10 = -1/2; theta_11 = 1; theta_20 = 1/3; theta_21 = -1; phi_0 = 0.1; phi_1 = 2; phi_2 = 3")?;
//! let y = network.eval_exact(&params, &network.point("x = 1")?)?;
//! assert_eq!(y[0], netform::rational("11/10")?);
//! # Ok::<(), netform::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Diagnostics are plain data returned on the error path only; boxing them
// would make every error site noisier for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod agreement;
pub mod analysis;
pub mod api;
pub mod check;
pub mod diagnostic;
pub mod document;
pub mod eval;
pub mod examples;
pub mod expr;
pub mod lower;
pub mod matrix_lower;
pub mod network;
pub mod plot;
pub mod read;
pub mod render;
pub mod restate;
pub mod rewrite;
pub mod symbol;
pub mod syntax;
pub mod testing;

pub use api::{check, compose, composition_plot_svg, composition_steps, rational, Error, Params};
pub use diagnostic::{Diagnostic, Severity};
pub use eval::{Activation, Bindings, Compiled, Scalar};
pub use network::Network;
/// Big integers, the numerators and denominators of [`Rational`].
pub use num_bigint::BigInt;
/// Exact rational numbers, as every exact result is given.
pub use num_rational::BigRational as Rational;
pub use render::{Form, FormOptions, Format, Options};
pub use symbol::{Sym, Symbol, SymbolTable};
/// The number crates netform's values come from, so that `cargo add netform`
/// alone is enough (`netform::num_traits::ToPrimitive` for `to_f64`, say).
pub use {num_bigint, num_rational, num_traits};
