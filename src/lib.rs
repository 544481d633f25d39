//! netform reads deep-network definitions written as the book *Understanding
//! Deep Learning* and its slides write them, and evaluates and prints them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod diagnostic;
pub mod expr;
pub mod network;
pub mod render;
pub mod symbol;
pub mod syntax;
