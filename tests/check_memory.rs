//! `netform check` reads a large network in a few times its input's memory:
//! the heap peak of checking the scalar LaTeX of a 1-128-128-128-1 network
//! (a million bytes), counted by an allocator that wraps mimalloc (`tests/counting`).

mod counting;

use netform::render::{write_form, Form, FormOptions, Format, Options};
use netform::rewrite::arch;

/// The scalar LaTeX of the fully connected network of `widths`.
fn scalar_latex(widths: &[usize]) -> String {
    let network = arch::network(widths).unwrap();
    let latex = Options {
        format: Format::Latex,
        ..Options::default()
    };
    let scalar = FormOptions {
        form: Form::Scalar,
        ..FormOptions::default()
    };
    let mut out = Vec::new();
    write_form(&network, &latex, &scalar, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The report of checking `source`, and the most heap in use meanwhile,
/// `source` included.
fn checked(source: &str) -> (netform::check::Report, usize) {
    counting::restart_peak();
    let report = netform::check::check(source);
    (report, counting::peak())
}

#[test]
fn checking_a_large_network_peaks_under_ten_times_its_input() {
    let source = scalar_latex(&[1, 128, 128, 128, 1]);
    assert!(source.len() > 1_000_000, "{} bytes", source.len());
    let (report, peak) = checked(&source);
    assert!(!report.has_errors() && report.findings.is_empty());
    let times = peak as f64 / source.len() as f64;
    assert!(
        times <= 10.0,
        "check peaked at {times:.1}x its input ({peak} bytes)"
    );
    // A term left out is found all the same (lowering then keeps the
    // trees, for its rounds).
    let wrong = source.replacen(" + \\omega_{1,1,3}h_{1,3}", "", 1);
    assert!(wrong.len() < source.len());
    let (report, _) = checked(&wrong);
    assert_eq!(report.findings[0].diagnostic.code, "missing-term");
}
