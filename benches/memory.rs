//! Where the bytes of reading a large network go: the heap in use after each
//! step of `netform count FILE` (the document reader, the parser, lowering),
//! and the highest it reached, counted by an allocator that wraps mimalloc
//! (the allocator the `netform` binary uses; `tests/counting`).
//!
//! A plain program (`harness = false`):
//!
//! ```text
//! cargo bench --bench memory -- FILE        # e.g. the scalar LaTeX of --arch 1,512,512,512,1
//! ```
//!
//! Each line is `MEMORY <step> <bytes in use> <peak bytes> <peak / input>`;
//! one more gives the size of the symbol table alone.

#[path = "../tests/counting/mod.rs"]
mod counting;

use counting::{in_use, peak, restart_peak};

fn main() {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench memory -- FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let input = source.len();
    let report = |step: &str| {
        let peak = peak();
        println!(
            "MEMORY {step} {} {peak} {:.1}x",
            in_use(),
            peak as f64 / input as f64
        );
    };
    report("input");
    let reading = netform::document::read(&source);
    report("document-reader");
    let mut symbols = netform::SymbolTable::new();
    let document = netform::syntax::parse_document(&reading.analysed.text, &mut symbols)
        .expect("the file parses");
    report("parse");
    // The symbol table's own size: the heap a copy of it takes.
    let before = in_use();
    let copy = symbols.clone();
    println!(
        "MEMORY symbol-table {} ({} symbols)",
        in_use() - before,
        copy.len()
    );
    drop(copy);
    drop(reading);
    let network = netform::lower::lower_owned(document, symbols).expect("the file lowers");
    report("lower");
    let count = netform::analysis::params::Count::of_network(&network);
    report("count");
    std::hint::black_box(count);
    drop(network);
    // Reading and lowering an equation at a time, as `read::network` does
    // for scalar equations: the peak before the network is assembled, and
    // after.
    restart_peak();
    let reading = netform::document::read(&source);
    let mut symbols = netform::SymbolTable::new();
    let mut lowering = netform::lower::Lowering::default();
    netform::syntax::parse_each_plain(&reading.analysed.text, &mut symbols, |equation, symbols| {
        lowering.parsed(equation, symbols)
    })
    .expect("the file parses");
    report("parse-and-lower");
    drop(reading);
    let network = lowering.finish(symbols).expect("the file lowers");
    report("assemble");
    drop(network);
    // The whole reading (`netform count`), its peak counted from here.
    restart_peak();
    let network = netform::read::network(&source).expect("the file reads");
    report("read::network");
    std::hint::black_box(network);
    // `check` from the input alone, its peak counted from here.
    restart_peak();
    let report_of_check = netform::check::check(&source);
    report("check");
    std::hint::black_box(report_of_check);
}
