//! The subcommands, one module each; `main.rs` holds what they share.

pub(crate) mod check;
pub(crate) mod compose;
pub(crate) mod convert;
pub(crate) mod count;
pub(crate) mod eval;
pub(crate) mod plot;
