//! Rewrites between the forms the slides walk through.
//!
//! - [`unnest`]: nested activations inside equations become hidden units;
//! - [`layered`]: a network seen as full layers, the basis of the
//!   vector/matrix and general β/Ω forms;
//! - [`nested`]: every hidden unit substituted into the outputs, the "network as
//!   one equation" slide, with its size estimated before it is built;
//! - [`arch`]: the network of a fully connected architecture, named as the book
//!   names it.

pub mod arch;
pub mod layered;
pub mod nested;
pub mod unnest;
