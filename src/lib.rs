//! netform reads deep-network definitions written as the book *Understanding
//! Deep Learning* and its slides write them, and evaluates and prints them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod diagnostic;
pub mod eval;
pub mod examples;
pub mod expr;
pub mod lower;
pub mod network;
pub mod read;
pub mod symbol;
pub mod syntax;
