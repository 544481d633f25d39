//! Parameter files and `--at` text: `name = value` lines and JSON objects,
//! with exact values and spans, and their errors.

use netform::symbol::{ParamLetter as P, Symbol, VarLetter as V};
use netform::syntax::parse_values;
use num_rational::BigRational;

fn ratio(n: i64, d: i64) -> BigRational {
    BigRational::new(n.into(), d.into())
}

fn param(letter: P, primes: u8, indices: &[u32]) -> Symbol {
    Symbol::param(letter, primes, indices)
}

fn var(letter: V, primes: u8, indices: &[u32]) -> Symbol {
    Symbol::var(letter, primes, indices)
}

#[test]
fn parameter_files_in_text() {
    let values = parse_values("θ_10 = 1/2\n\\phi_1 = 3 % comment\n# another\n\n x = -0.5; omega_{0,12,3} = 1e-3, ω₀,₁₂ = \\frac{1}{3}").unwrap();
    let got: Vec<(Symbol, BigRational)> = values
        .iter()
        .map(|a| (a.symbol.clone(), a.value.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (param(P::Theta, 0, &[1, 0]), ratio(1, 2)),
            (param(P::Phi, 0, &[1]), ratio(3, 1)),
            (var(V::X, 0, &[]), ratio(-1, 2)),
            (param(P::Omega, 0, &[0, 12, 3]), ratio(1, 1000)),
            (param(P::Omega, 0, &[0, 12]), ratio(1, 3)),
        ]
    );
    let src = "θ_10 = 1/2";
    assert_eq!(&src[values[0].name_span.range()], "θ_10");
    let v = parse_values(src).unwrap();
    assert_eq!(&src[v[0].value_span.range()], "1/2");
    assert_eq!(parse_values("x=1/2").unwrap()[0].value, ratio(1, 2));
}

/// Asserts that a parameter file fails with `needle`, pointing at `at`.
fn bad_values(src: &str, needle: &str, at: &str) {
    let diags = parse_values(src).expect_err(src);
    let d = &diags[0];
    assert!(d.message.contains(needle), "{src:?}: {}", d.message);
    if let Some(span) = d.span {
        assert_eq!(&src[span.range()], at, "{src:?}: {}", d.message);
    }
}

#[test]
fn parameter_file_errors() {
    bad_values("", "no values were given", "");
    bad_values("% nothing\n\n", "no values were given", "");
    bad_values("{}", "no values were given", "");
    bad_values("θ_10 = 1/0", "division by zero", "0");
    bad_values("θ_10 = 3/", "incomplete fraction", "/");
    bad_values("θ_10 = abc", "expected a number", "abc");
    bad_values("θ_10 = ", "missing value", "=");
    bad_values("z_1 = 2", "unknown letter `z`", "z");
    bad_values("θ_10 2", "missing `=`", "θ_10 2");
    bad_values("θ_10 = 1\ntheta_10 = 2", "given twice", "theta_10");
    bad_values("{\"θ_10\": \"1/0\"}", "division by zero", "0");
    bad_values("{\"θ_10\" 1}", "invalid JSON", "1");
    bad_values("{\"θ_10\": 1,\n \"z\": 2}", "unknown letter", "z");
    bad_values("{\"θ_10\": true}", "expected a number or a string", "true");
    bad_values("{\"θ_10\": 1,\n}", "invalid JSON", "}");
}

#[test]
fn parameter_files_in_json() {
    let src = r#"{"θ_10": "1/2", "phi_1": 3, "x": "-0.5", "\\omega_{0,12,3}": 0.1, "y'": 1e-3}"#;
    let values = parse_values(src).unwrap();
    let got: Vec<(Symbol, BigRational)> = values
        .iter()
        .map(|a| (a.symbol.clone(), a.value.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (param(P::Theta, 0, &[1, 0]), ratio(1, 2)),
            (param(P::Phi, 0, &[1]), ratio(3, 1)),
            (var(V::X, 0, &[]), ratio(-1, 2)),
            (param(P::Omega, 0, &[0, 12, 3]), ratio(1, 10)),
            (var(V::Y, 1, &[]), ratio(1, 1000)),
        ]
    );
    assert_eq!(&src[values[0].name_span.range()], "θ_10");
    assert_eq!(&src[values[0].value_span.range()], "1/2");
    assert_eq!(&src[values[1].value_span.range()], "3");
}
