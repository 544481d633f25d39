//! Lowering: structure comes from the equations, and what cannot be a network
//! is rejected with a located error.

mod common;

use common::{errors, net};

fn names(n: &netform::network::Network, syms: &[netform::symbol::Sym]) -> Vec<String> {
    syms.iter().map(|&s| n.symbols[s].to_string()).collect()
}

#[test]
fn layers_inputs_outputs_and_parameters() {
    let n = net(netform::examples::find("compose-combined").unwrap().source);
    assert_eq!(names(&n, &n.inputs), ["x"]);
    assert_eq!(names(&n, &n.outputs), ["y'"]);
    let layers: Vec<(String, u32)> = n
        .units
        .iter()
        .map(|u| (n.symbols[u.name].to_string(), u.layer))
        .collect();
    assert_eq!(layers[0], ("h_1".to_string(), 1));
    assert_eq!(layers[3], ("h'_1".to_string(), 2));
    assert_eq!(layers[6], ("y'".to_string(), 3));
    assert_eq!(n.params.len(), 6 + 12 + 4);
}

#[test]
fn letters_do_not_decide_structure() {
    // `y` read by another unit is hidden; the unit nobody reads is the output.
    let n = net("y = a[\\theta_1 x]\nh_1 = \\phi_1 y");
    assert_eq!(names(&n, &n.outputs), ["h_1"]);
    assert_eq!(n.units[1].layer, 2);
}

#[test]
fn a_second_network_reads_y_as_its_input() {
    let n = net(netform::examples::find("compose-second").unwrap().source);
    assert_eq!(names(&n, &n.inputs), ["y"]);
}

#[test]
fn equal_restatements_are_accepted() {
    let n = net(
        "h_1 = a[\\theta_{10} + \\theta_{11}x]\nh_1 = a[\\theta_{10} + \\theta_{11}x]\ny = h_1",
    );
    assert_eq!(n.units.len(), 2);
}

#[test]
fn like_terms_are_collected_in_order_of_first_appearance() {
    let n = net("y = \\phi_1 x + \\phi_0 + 2\\phi_1 x - \\phi_0");
    assert_eq!(n.units[0].rhs.terms.len(), 1);
    let t = &n.units[0].rhs.terms[0];
    assert_eq!(t.coef.monomials[0].coef, common::q("3"));
}

#[test]
fn long_chains_do_not_overflow_the_stack() {
    let mut src = String::from("h_1 = a[x]\n");
    for i in 2..=20_000 {
        src.push_str(&format!("h_{i} = a[h_{}]\n", i - 1));
    }
    src.push_str("y = h_20000\n");
    let n = net(&src);
    assert_eq!(n.depth(), 20_001);
}

#[test]
fn product_of_two_variables() {
    let e = errors("y = \\phi_1 x h_1\nh_1 = a[x]");
    assert!(e.contains("product of two variables"), "{e}");
}

#[test]
fn cyclic_units() {
    let e = errors("h_1 = a[h_2]\nh_2 = a[h_1 + x]\ny = h_2");
    assert!(e.contains("cyclic definition"), "{e}");
}

#[test]
fn cyclic_parameter_definitions() {
    let e = errors("y = \\psi_1 x\n\\psi_1 = \\phi_1\n\\phi_1 = 2\\psi_1");
    assert!(e.contains("cyclic definition"), "{e}");
}

#[test]
fn undefined_hidden_unit() {
    let e = errors("y = \\phi_0 + \\phi_1 h_4");
    assert!(e.contains("`h_4` is used but never defined"), "{e}");
}

#[test]
fn a_unit_defined_twice_differently() {
    let e = errors("h_1 = a[x]\nh_1 = a[2x]\ny = h_1");
    assert!(e.contains("defined twice"), "{e}");
}

#[test]
fn a_parameter_defined_twice_differently() {
    let e = errors("y = \\psi_1 x\n\\psi_1 = \\phi_1\n\\psi_1 = \\phi_2");
    assert!(e.contains("defined twice"), "{e}");
}

#[test]
fn a_parameter_defined_by_a_variable() {
    let e = errors("y = \\psi_1 x\n\\psi_1 = \\phi_1 x");
    assert!(e.contains("reads variables"), "{e}");
}

#[test]
fn division_by_a_parameter() {
    let e = errors("y = x / \\phi_1");
    assert!(e.contains("only divide by a number"), "{e}");
}

#[test]
fn only_parameter_definitions() {
    let e = errors("\\psi_1 = 2");
    assert!(e.contains("defines no unit"), "{e}");
}

/// Lowering each equation as it is read gives what lowering the whole
/// document gives (network, notes and errors), on every scalar corpus
/// document, the bundled examples and generated networks.
#[test]
fn lowering_as_read_is_lowering_the_whole_document() {
    use netform::syntax::{parse_document, parse_each};
    use netform::SymbolTable;
    let mut sources: Vec<String> = std::fs::read_dir("tests/corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    sources.extend(
        netform::examples::EXAMPLES
            .iter()
            .map(|e| e.source.to_string()),
    );
    for widths in [&[1, 3, 1][..], &[2, 4, 3, 1], &[1, 5, 5, 5, 2]] {
        let generated = netform::rewrite::arch::network(widths).unwrap();
        let options = netform::render::Options {
            format: netform::render::Format::Latex,
            width: 80,
            standalone: false,
        };
        sources.push(netform::render::scalar(&generated, &options));
    }
    // A unit defined twice and an unknown unit: errors, as a whole.
    sources
        .push("h_1 = a[\\theta_{10} + \\theta_{11}x]\nh_1 = x\ny = \\phi_0 + \\phi_1 h_2".into());
    let mut compared = 0;
    for source in &sources {
        let text = netform::document::read(source).analysed.text;
        let mut symbols = SymbolTable::new();
        let Ok(document) = parse_document(&text, &mut symbols) else {
            continue;
        };
        let mut scratch = symbols.clone();
        if !matches!(
            netform::matrix_lower::expand_with_notes(&document, &mut scratch),
            Ok(None)
        ) {
            continue;
        }
        let whole = netform::lower::lower_with_notes(&document, symbols);
        let mut symbols = SymbolTable::new();
        let mut lowering = netform::lower::Lowering::default();
        let done = parse_each(&text, &mut symbols, |equation, symbols| {
            lowering.equation(&equation, symbols);
            true
        });
        assert_eq!(done, Ok(true));
        assert_eq!(lowering.finish(symbols), whole, "{source}");
        compared += 1;
    }
    assert!(compared >= 12, "only {compared} documents compared");
}

proptest::proptest! {
    /// Layers, inputs, outputs and the parameter count do not depend on the
    /// order the equations are written in: units written before the units
    /// they read are layered as those written after them.
    #[test]
    fn the_order_of_the_equations_changes_no_layer(
        widths in proptest::collection::vec(1usize..4, 1..4),
        order in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..40),
    ) {
        use netform::analysis::params::Count;
        let mut arch = vec![1];
        arch.extend(widths);
        arch.push(1);
        let generated = netform::rewrite::arch::network(&arch).unwrap();
        let text = netform::render::scalar(&generated, &netform::render::Options::default());
        let mut lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        // Swaps chosen by the strategy: any permutation can come out.
        for (k, i) in order.iter().enumerate() {
            let (a, b) = (k % lines.len(), i.index(lines.len()));
            lines.swap(a, b);
        }
        let written = net(&text);
        let shuffled = net(&lines.join("\n"));
        let layer_of = |n: &netform::network::Network| {
            let mut l: Vec<(String, u32)> =
                n.units.iter().map(|u| (n.symbols[u.name].to_string(), u.layer)).collect();
            l.sort();
            l
        };
        proptest::prop_assert_eq!(layer_of(&written), layer_of(&shuffled));
        proptest::prop_assert_eq!(names(&written, &written.inputs), names(&shuffled, &shuffled.inputs));
        let mut outputs = (names(&written, &written.outputs), names(&shuffled, &shuffled.outputs));
        outputs.0.sort();
        outputs.1.sort();
        proptest::prop_assert_eq!(outputs.0, outputs.1);
        let count = (Count::of_network(&written), Count::of_network(&shuffled));
        proptest::prop_assert_eq!(count.0.layers, count.1.layers);
        proptest::prop_assert_eq!(count.0.parameters, count.1.parameters);
    }
}

/// A hidden unit read only in bold, through [`netform::lower::Lowering`],
/// is reported where it is read, as any other.
#[test]
fn an_undefined_unit_read_in_bold_is_located() {
    let source = "y = \\phi_0 + \\phi_1 \\mathbf{h}_1";
    let mut symbols = netform::SymbolTable::new();
    let mut lowering = netform::lower::Lowering::default();
    let done = netform::syntax::parse_each(source, &mut symbols, |equation, symbols| {
        lowering.equation(&equation, symbols);
        true
    });
    assert_eq!(done, Ok(true));
    let errors = lowering.finish(symbols).unwrap_err();
    let undefined = errors.iter().find(|d| d.code == "undefined").unwrap();
    let span = undefined.span.unwrap();
    assert_eq!(
        &source[span.start as usize..span.end as usize],
        "\\mathbf{h}_1"
    );
}
