//! Figures for the forms: networks made by `--arch` (one input, K hidden
//! layers of D units, one output) with random rational parameters, written in
//! scalar notation, then parsed, lowered, converted to every form, rendered in
//! every format and evaluated exactly and in f64; a 10 MB scalar file from
//! text to LaTeX matrix form; and nested equations of 10^5 to 10^7 terms
//! written in LaTeX as they are printed.
//!
//! A plain program (`harness = false`):
//!
//! ```text
//! cargo bench --bench forms                      # everything
//! cargo bench --bench forms -- --sizes 2x3,4x8   # some sizes (K x D) only
//! cargo bench --bench forms -- --nested-stream   # the nested equations only
//! cargo bench --bench forms -- --large           # the 16.8 MB network, in three spellings
//! ```
//!
//! Each line is `BENCH <K> <D> <step> <seconds>`, the best of several runs,
//! so that `benches/compare_sympy.py` can read it; the nested equations'
//! lines are `BENCH nested-stream <terms> <seconds>`.

/// The allocator the `netform` binary uses, so that the figures are the
/// command line's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use netform::eval::{Activation, Bindings, Compiled};
use netform::network::Network;
use netform::render::{self, Form, FormOptions, Format, Options};
use netform::rewrite::arch;
use netform::symbol::SymbolTable;
use netform::syntax::{Assignment, Span};
use num_rational::BigRational;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The sizes (K hidden layers, D units each) of issue 7.
const SIZES: [(usize, usize); 6] = [(2, 3), (3, 8), (4, 8), (3, 16), (4, 64), (8, 128)];

/// The points the exact and f64 evaluations run at.
const POINTS: usize = 100;

fn main() {
    if std::env::args().any(|a| a == "--nested-stream") {
        nested_stream();
        return;
    }
    if std::env::args().any(|a| a == "--large") {
        ten_megabytes();
        return;
    }
    let sizes = requested_sizes();
    for &(k, d) in &sizes {
        size(k, d);
    }
    if std::env::args().all(|a| a != "--sizes") {
        ten_megabytes();
        nested_stream();
    }
}

/// `--sizes 2x3,4x8`, or every size.
fn requested_sizes() -> Vec<(usize, usize)> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--sizes") {
        Some(i) => args[i + 1]
            .split(',')
            .map(|s| {
                let (k, d) = s.split_once('x').expect("sizes as KxD");
                (k.parse().unwrap(), d.parse().unwrap())
            })
            .collect(),
        None => SIZES.to_vec(),
    }
}

/// Runs `f` until 0.3 s have passed (at least twice, at most 50 times) and
/// returns the best time.
fn best<R>(mut f: impl FnMut() -> R) -> Duration {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    while runs < 2 || (start.elapsed() < Duration::from_millis(300) && runs < 50) {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed());
        runs += 1;
    }
    best
}

fn report(k: usize, d: usize, step: &str, t: Duration, extra: &str) {
    println!("BENCH {k} {d} {step} {:.9} {extra}", t.as_secs_f64());
}

/// A deterministic generator (64-bit LCG), so every run sees the same values.
struct Lcg(u64);

impl Lcg {
    fn rational(&mut self) -> BigRational {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let n = (self.0 >> 33) as i64 % 19 - 9;
        let den = (self.0 >> 20) as i64 % 9 + 1;
        BigRational::new(n.into(), den.into())
    }
}

/// Random rational values for every parameter.
fn bindings(network: &Network, seed: u64) -> Bindings {
    let mut lcg = Lcg(seed);
    let values: Vec<Assignment> = network
        .params
        .iter()
        .map(|&p| Assignment {
            symbol: network.symbols[p].clone(),
            name_span: Span::new(0, 0),
            value: lcg.rational(),
            value_span: Span::new(0, 0),
        })
        .collect();
    Bindings::new(network, &values)
        .expect("every parameter bound")
        .0
}

fn options(format: Format) -> Options {
    Options {
        format,
        width: 80,
        standalone: false,
    }
}

fn form_options(form: Form) -> FormOptions {
    FormOptions {
        form,
        max_terms: 10_000_000,
        ..FormOptions::default()
    }
}

/// Every step for one size.
fn size(k: usize, d: usize) {
    let mut widths = vec![1];
    widths.extend(std::iter::repeat_n(d, k));
    widths.push(1);
    let generated = arch::network(&widths).expect("valid architecture");
    let text = render::scalar(&generated, &options(Format::Latex));
    let mb = text.len() as f64 / 1e6;
    let t = best(|| netform::syntax::parse_document(&text, &mut SymbolTable::new()).unwrap());
    report(
        k,
        d,
        "parse",
        t,
        &format!("{:.1} MB/s", mb / t.as_secs_f64()),
    );
    let mut symbols = SymbolTable::new();
    let document = netform::syntax::parse_document(&text, &mut symbols).unwrap();
    let t = best(|| netform::lower::lower(&document, symbols.clone()).unwrap());
    report(k, d, "lower", t, "");
    let t = best(|| netform::read::network(&text).unwrap());
    report(k, d, "read", t, &format!("{} bytes", text.len()));
    let network = netform::read::network(&text).unwrap();
    for form in [Form::Scalar, Form::Matrix, Form::General, Form::Nested] {
        if form == Form::Nested && netform::rewrite::nested::size(&network) > 10_000_000 {
            continue;
        }
        for format in [Format::Unicode, Format::Latex, Format::Ascii, Format::Json] {
            let t = best(|| render::form(&network, &options(format), &form_options(form)).unwrap());
            report(k, d, &format!("{}-{}", form.name(), format.name()), t, "");
        }
    }
    if netform::rewrite::nested::size(&network) <= 10_000_000 {
        let t = best(|| netform::rewrite::nested::nested(&network, u128::MAX).map(|n| n.len()));
        report(k, d, "nested-rewrite", t, "");
    }
    let bound = bindings(&network, 7);
    let points: Vec<Vec<BigRational>> = (0..POINTS)
        .map(|i| vec![BigRational::new((i as i64 - 50).into(), 7.into())])
        .collect();
    let t = best(|| {
        let exact = Compiled::<BigRational>::new(&network, &bound, Activation::Relu);
        points.iter().map(|p| exact.outputs(p)).collect::<Vec<_>>()
    });
    report(k, d, "eval-exact-100", t, "");
    let t = best(|| {
        let exact = Compiled::<BigRational>::new(&network, &bound, Activation::Relu);
        points
            .iter()
            .take(5)
            .map(|p| exact.outputs(p))
            .collect::<Vec<_>>()
    });
    report(k, d, "eval-exact-5", t, "");
    let t = best(|| {
        let float = Compiled::<f64>::new(&network, &bound, Activation::Relu);
        (0..POINTS)
            .map(|i| float.outputs(&[i as f64 / 7.0 - 7.0]))
            .collect::<Vec<_>>()
    });
    report(k, d, "eval-f64-100", t, "");
    let t = best(|| text_to_latex_matrix(&text));
    report(k, d, "text-to-latex-matrix", t, "");
}

/// Reads a scalar text and writes its LaTeX matrix form.
fn text_to_latex_matrix(text: &str) -> String {
    let network = netform::read::network(text).unwrap();
    render::form(
        &network,
        &options(Format::Latex),
        &form_options(Form::Matrix),
    )
    .unwrap()
}

/// A scalar definition of about 10 MB (three hidden layers of 512), from text
/// to the LaTeX matrix form.
fn ten_megabytes() {
    let generated = arch::network(&[1, 512, 512, 512, 1]).expect("valid architecture");
    let text = render::scalar(&generated, &options(Format::Latex));
    let mb = text.len() as f64 / 1e6;
    let t = best(|| netform::syntax::parse_document(&text, &mut SymbolTable::new()).unwrap());
    report(
        3,
        512,
        "parse",
        t,
        &format!("{mb:.1} MB at {:.1} MB/s", mb / t.as_secs_f64()),
    );
    let t = best(|| netform::read::network(&text).unwrap());
    report(
        3,
        512,
        "read",
        t,
        &format!("{mb:.1} MB at {:.1} MB/s", mb / t.as_secs_f64()),
    );
    // The same network in Unicode, and in LaTeX with `\left[ … \right]` and
    // `\cdot` between a weight and its unit.
    let unicode = render::scalar(&generated, &options(Format::Unicode));
    let left = text
        .replace("\\mathrm{a}[", "\\mathrm{a}\\left[")
        .replace(']', "\\right]")
        .replace("}h_{", "}\\cdot h_{")
        .replace("}x", "}\\cdot x");
    for (spelling, text) in [("read-unicode", &unicode), ("read-left-cdot", &left)] {
        let mb = text.len() as f64 / 1e6;
        let t = best(|| netform::read::network(text).unwrap());
        report(
            3,
            512,
            spelling,
            t,
            &format!("{mb:.1} MB at {:.1} MB/s", mb / t.as_secs_f64()),
        );
    }
    let t = best(|| text_to_latex_matrix(&text));
    report(3, 512, "text-to-latex-matrix", t, &format!("{mb:.1} MB"));
}

/// The LaTeX nested form of `1,10,…,10,1` with 5, 6 and 7 hidden layers
/// (about 2·10^5, 2·10^6 and 2·10^7 terms) written into `io::sink()`, as it
/// is printed.
fn nested_stream() {
    for k in 5..=7 {
        let mut widths = vec![1];
        widths.extend(std::iter::repeat_n(10, k));
        widths.push(1);
        let network = arch::network(&widths).expect("valid architecture");
        let terms = netform::rewrite::nested::size(&network);
        let form = FormOptions {
            form: Form::Nested,
            max_terms: terms,
            ..FormOptions::default()
        };
        let t = best(|| {
            render::write_form(&network, &options(Format::Latex), &form, std::io::sink()).unwrap()
        });
        println!("BENCH nested-stream {terms} {:.9}", t.as_secs_f64());
    }
}
