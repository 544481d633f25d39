//! Temporary stub until the renderer lands (analysis branch only; reverted).
#![allow(missing_docs)]
use crate::network::Network;
use crate::symbol::{Sym, SymbolTable};

#[derive(Clone, Copy, Debug)]
pub enum Format {
    Unicode,
    Latex,
    Ascii,
    Json,
}

pub struct Options {
    pub format: Format,
    pub width: usize,
    pub standalone: bool,
}

pub fn scalar(network: &Network, options: &Options) -> String {
    let _ = (network, options);
    String::new()
}

pub fn symbol(symbols: &SymbolTable, s: Sym, format: Format) -> String {
    let _ = format;
    symbols[s].to_string()
}
