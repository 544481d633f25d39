//! Where the bytes of reading a large network go: the heap in use after each
//! step of `netform count FILE` (the document reader, the parser, lowering),
//! and the highest it reached, counted by an allocator that wraps mimalloc
//! (the allocator the `netform` binary uses).
//!
//! A plain program (`harness = false`):
//!
//! ```text
//! cargo bench --bench memory -- FILE        # e.g. the scalar LaTeX of --arch 1,512,512,512,1
//! ```
//!
//! Each line is `MEMORY <step> <bytes in use> <peak bytes> <peak / input>`;
//! one more gives the size of the symbol table alone.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

/// mimalloc, counting the bytes in use and the most ever in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to mimalloc; the counters only
// observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's contract is mimalloc's.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is mimalloc's.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's contract is mimalloc's.
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is mimalloc's.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// Counts `bytes` more in use.
fn grew(bytes: usize) {
    let now = IN_USE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench memory -- FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let input = source.len();
    let report = |step: &str| {
        let peak = PEAK.load(Ordering::Relaxed);
        println!(
            "MEMORY {step} {} {peak} {:.1}x",
            IN_USE.load(Ordering::Relaxed),
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
    let before = IN_USE.load(Ordering::Relaxed);
    let copy = symbols.clone();
    println!(
        "MEMORY symbol-table {} ({} symbols)",
        IN_USE.load(Ordering::Relaxed) - before,
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
    PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    let reading = netform::document::read(&source);
    let mut symbols = netform::SymbolTable::new();
    let mut lowering = netform::lower::Lowering::default();
    netform::syntax::parse_each(&reading.analysed.text, &mut symbols, |equation, symbols| {
        lowering.equation(&equation, symbols);
        true
    })
    .expect("the file parses");
    report("parse-and-lower");
    drop(reading);
    let network = lowering.finish(symbols).expect("the file lowers");
    report("assemble");
    drop(network);
    // The whole reading (`netform count`), its peak counted from here.
    PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    let network = netform::read::network(&source).expect("the file reads");
    report("read::network");
    std::hint::black_box(network);
    // `check` from the input alone, its peak counted from here.
    PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    let report_of_check = netform::check::check(&source);
    report("check");
    std::hint::black_box(report_of_check);
}
