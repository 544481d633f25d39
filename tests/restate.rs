//! Restatements: a derivation may state a unit several times; the statements
//! must agree once definitions are substituted, and a unit only superseded
//! statements read is an intermediate step.

mod common;

use common::{errors, net};

const FIRST: &str = "h_1 = a[\\theta_{10} + \\theta_{11}x]\nh_2 = a[\\theta_{20} + \\theta_{21}x]\ny = \\phi_0 + \\phi_1h_1 + \\phi_2h_2\n";

fn notes(source: &str) -> Vec<netform::Diagnostic> {
    let mut symbols = netform::SymbolTable::new();
    let doc = netform::syntax::parse_document(source, &mut symbols).unwrap();
    netform::lower::lower_with_notes(&doc, symbols).unwrap().1
}

#[test]
fn a_substitution_step_that_holds() {
    let source = format!(
        "{FIRST}h'_1 = a[\\theta'_{{10}} + \\theta'_{{11}}y] = a[\\theta'_{{10}} + \\theta'_{{11}}\\phi_0 + \\theta'_{{11}}\\phi_1h_1 + \\theta'_{{11}}\\phi_2h_2]\ny' = \\phi'_0 + \\phi'_1h'_1"
    );
    let n = net(&source);
    let names: Vec<String> = n
        .units
        .iter()
        .map(|u| n.symbols[u.name].to_string())
        .collect();
    assert_eq!(
        names,
        ["h_1", "h_2", "h'_1", "y'"],
        "y is an intermediate step"
    );
    assert_eq!(n.depth(), 3);
}

#[test]
fn a_combined_network_restating_the_composition_in_new_parameters() {
    let source = format!(
        "{FIRST}h'_1 = a[\\theta'_{{10}} + \\theta'_{{11}}y]\ny' = \\phi'_0 + \\phi'_1h'_1\n\
         \\psi_{{10}} = \\theta'_{{10}} + \\theta'_{{11}}\\phi_0\n\\psi_{{11}} = \\theta'_{{11}}\\phi_1\n\\psi_{{12}} = \\theta'_{{11}}\\phi_2\n\
         h'_1 = a[\\psi_{{10}} + \\psi_{{11}}h_1 + \\psi_{{12}}h_2]"
    );
    let n = net(&source);
    assert_eq!(
        n.params.len(),
        4 + 3 + 2 + 2,
        "θ, φ, θ′, φ′ are free; ψ are defined"
    );
    assert!(!n.units.iter().any(|u| n.symbols[u.name].to_string() == "y"));
}

#[test]
fn a_chained_equality_that_does_not_hold() {
    let source = format!(
        "{FIRST}h'_1 = a[\\theta'_{{10}} + \\theta'_{{11}}y] = a[\\theta'_{{10}} + \\theta'_{{11}}\\phi_0 + \\theta'_{{11}}\\phi_1h_1 + \\theta'_{{11}}\\phi_1h_2]\ny' = h'_1"
    );
    let e = errors(&source);
    assert!(e.contains("chained equality"), "{e}");
}

#[test]
fn a_substitution_step_without_the_first_network_cannot_be_decided() {
    let source = "h'_1 = a[\\theta'_{10} + \\theta'_{11}y] = a[\\theta'_{10} + \\theta'_{11}\\phi_0 + \\theta'_{11}\\phi_1h_1]\ny' = h'_1";
    let n = net(source);
    assert_eq!(n.inputs.len(), 1);
    let found = notes(source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, netform::Severity::Info);
}

#[test]
fn restated_in_another_order_is_the_same() {
    net("h_1 = a[\\theta_{10} + \\theta_{11}x]\nh_1 = a[\\theta_{11}x + \\theta_{10}]\ny = h_1");
}
