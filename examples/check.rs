//! Checks a document with a notation mistake and prints the findings as
//! `netform check` does: `cargo run --example check`.

fn main() {
    let document = "The first layer:\n\
                    $$h_1 = a[\\theta_{10} + \\theta_{11}x]$$\n\
                    $$h_2 = a[\\theta_{20} + \\theta_{11}x]$$\n\
                    $$y = \\phi_0 + \\phi_1 h_1 + \\phi_2 h_2$$\n";
    let report = netform::check(document);
    print!("{}", report.render("lecture.md", document, false));
    for finding in &report.findings {
        let d = &finding.diagnostic;
        println!(
            "{:?} {}: {} (fix: {:?})",
            d.severity, d.code, d.message, finding.fix
        );
    }
}
