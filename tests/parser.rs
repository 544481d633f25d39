//! The parser, one spelling per line: every row of the notation table in
//! SPEC.md, numbers, primes, indices, equation structure and limits.
//! Parameter files are in `parser_values.rs`.

use netform::diagnostic::{render, Diagnostic};
use netform::symbol::{ParamLetter as P, Symbol, SymbolTable, VarLetter as V};
use netform::syntax::{
    parse_document, parse_number, parse_symbol, ActivationSpelling, Document, Expr, ExprKind,
};
use num_rational::BigRational;
use std::time::{Duration, Instant};

/// Parses `src`, failing the test with the rendered errors.
fn doc(src: &str, symbols: &mut SymbolTable) -> Document {
    parse_document(src, symbols)
        .unwrap_or_else(|d| panic!("{src:?} failed:\n{}", render("t", src, &d, false)))
}

/// The shape of a document with spans and spellings left out, as an
/// s-expression: `(= h_1 (a (+ θ_10 (* θ_11 x))))`.
fn shape(src: &str, symbols: &mut SymbolTable) -> String {
    let d = doc(src, symbols);
    let sides = |e: &netform::syntax::Equation| {
        let parts: Vec<String> = e.sides.iter().map(|s| show(s, symbols)).collect();
        format!("(= {})", parts.join(" "))
    };
    d.equations.iter().map(sides).collect::<Vec<_>>().join("\n")
}

/// One expression as an s-expression.
fn show(e: &Expr, symbols: &SymbolTable) -> String {
    let list = |op: &str, items: &[Expr]| {
        let parts: Vec<String> = items.iter().map(|i| show(i, symbols)).collect();
        format!("({op} {})", parts.join(" "))
    };
    match &e.kind {
        ExprKind::Number(n) => n.to_string(),
        ExprKind::Symbol { sym, .. } => format!("{:?}", symbols[*sym]),
        ExprKind::Sum(items) => list("+", items),
        ExprKind::Product(items) => list("*", items),
        ExprKind::Neg(inner) => format!("(- {})", show(inner, symbols)),
        ExprKind::Quotient(a, b) => format!("(/ {} {})", show(a, symbols), show(b, symbols)),
        ExprKind::Activation { arg, .. } => format!("(a {})", show(arg, symbols)),
        ExprKind::Group(inner) => format!("(group {})", show(inner, symbols)),
        ExprKind::Transpose(inner) => format!("(T {})", show(inner, symbols)),
        ExprKind::Matrix { rows, .. } => {
            let rows: Vec<String> = rows.iter().map(|r| list("row", r)).collect();
            format!("(matrix {})", rows.join(" "))
        }
    }
}

/// Asserts that every input parses to the same document as the first,
/// spans and spellings aside.
fn same(inputs: &[&str]) {
    let mut symbols = SymbolTable::new();
    let first = shape(inputs[0], &mut symbols);
    for input in &inputs[1..] {
        assert_eq!(
            shape(input, &mut symbols),
            first,
            "{input:?} differs from {:?}",
            inputs[0]
        );
    }
}

/// The first error an input gives, rendered.
fn err(src: &str) -> String {
    let diags = parse_document(src, &mut SymbolTable::new()).expect_err(src);
    render("t", src, &diags, false)
}

/// Asserts that `src` fails with a message containing `needle`.
fn fails(src: &str, needle: &str) {
    let text = err(src);
    assert!(
        text.contains(needle),
        "{src:?} gave:\n{text}\nexpected {needle:?}"
    );
}

/// The right side of a one-equation document.
fn rhs(src: &str) -> Expr {
    let d = doc(src, &mut SymbolTable::new());
    d.equations[0].sides[1].clone()
}

fn number(text: &str) -> BigRational {
    parse_number(text).unwrap_or_else(|d| panic!("{text:?}: {}", d.message))
}

fn ratio(n: i64, d: i64) -> BigRational {
    BigRational::new(n.into(), d.into())
}

fn param(letter: P, primes: u8, indices: &[u32]) -> Symbol {
    Symbol::param(letter, primes, indices)
}

fn var(letter: V, primes: u8, indices: &[u32]) -> Symbol {
    Symbol::var(letter, primes, indices)
}

fn symbol(text: &str) -> Symbol {
    parse_symbol(text).unwrap_or_else(|d| panic!("{text:?}: {}", d.message))
}

#[test]
fn parameter_letters_in_every_spelling() {
    same(&[
        "y = θ_1",
        "y = ϑ_1",
        "y = \\theta_1",
        "y = \\vartheta_1",
        "y = theta_1",
        "y = vartheta_1",
    ]);
    same(&[
        "y = φ_1",
        "y = ϕ_1",
        "y = \\phi_1",
        "y = \\varphi_1",
        "y = phi_1",
        "y = varphi_1",
    ]);
    same(&[
        "y = ψ_1",
        "y = \\psi_1",
        "y = psi_1",
        "y = \\boldsymbol{\\psi}_1",
        "y = \\bm{ψ_1}",
    ]);
    same(&[
        "y = β_0",
        "y = \\beta_0",
        "y = beta_0",
        "y = \\mathbf{\\beta}_0",
        "y = \\bm\\beta_0",
    ]);
    same(&["y = ω_1", "y = \\omega_1", "y = omega_1"]);
    same(&[
        "y = Ω_1",
        "y = \\Omega_1",
        "y = Omega_1",
        "y = \\boldsymbol{\\Omega_1}",
    ]);
    assert_eq!(symbol("ϑ_1"), param(P::Theta, 0, &[1]));
    assert_eq!(symbol("\\Omega_0"), param(P::CapitalOmega, 0, &[0]));
}

#[test]
fn variables_and_bold() {
    same(&[
        "y = x",
        "y = \\mathbf{x}",
        "y = \\boldsymbol{x}",
        "y = \\bm x",
    ]);
    same(&[
        "h_1 = x",
        "\\mathbf{h}_1 = x",
        "\\mathbf{h_1} = x",
        "\\boldsymbol{h}_{1} = x",
    ]);
    assert_eq!(symbol("y_2"), var(V::Y, 0, &[2]));
    let e = rhs("y = \\mathbf{x}");
    assert!(matches!(e.kind, ExprKind::Symbol { bold: true, .. }));
    let e = rhs("y = x");
    assert!(matches!(e.kind, ExprKind::Symbol { bold: false, .. }));
}

#[test]
fn subscripts() {
    assert_eq!(symbol("\\theta_{10}"), param(P::Theta, 0, &[1, 0]));
    assert_eq!(symbol("θ₁₀"), param(P::Theta, 0, &[1, 0]));
    assert_eq!(symbol("theta_10"), param(P::Theta, 0, &[1, 0]));
    assert_eq!(symbol("θ_{1}"), param(P::Theta, 0, &[1]));
    assert_eq!(symbol("h_{12}"), var(V::H, 0, &[12]));
    assert_eq!(symbol("h₁₂"), var(V::H, 0, &[12]));
    assert_eq!(symbol("h_12"), var(V::H, 0, &[12]));
    assert_eq!(symbol("\\omega_{0,12,3}"), param(P::Omega, 0, &[0, 12, 3]));
    assert_eq!(symbol("omega_{0, 12, 3}"), param(P::Omega, 0, &[0, 12, 3]));
    assert_eq!(symbol("ω₀,₁₂,₃"), param(P::Omega, 0, &[0, 12, 3]));
    assert_eq!(symbol("h_{2,5}"), var(V::H, 0, &[2, 5]));
    assert_eq!(symbol("h₂,₅"), var(V::H, 0, &[2, 5]));
    same(&[
        "y = θ_11x",
        "y = θ_{11} x",
        "y = θ₁₁x",
        "y = theta_11 x",
        "y = θ_{11}\\cdot x",
    ]);
}

#[test]
fn primes_before_or_after_the_subscript() {
    let h1 = var(V::H, 1, &[1]);
    for text in [
        "h'_1",
        "h_1'",
        "h′₁",
        "h₁′",
        "h^\\prime_1",
        "h_1^{\\prime}",
        "h^{'}_1",
        "h ' _1",
    ] {
        assert_eq!(symbol(text), h1, "{text}");
    }
    assert_eq!(symbol("h''_1"), var(V::H, 2, &[1]));
    assert_eq!(symbol("h″₁"), var(V::H, 2, &[1]));
    assert_eq!(symbol("h‴₁"), var(V::H, 3, &[1]));
    assert_eq!(symbol("h^{\\prime\\prime}_1"), var(V::H, 2, &[1]));
    assert_eq!(symbol("theta'_11"), param(P::Theta, 1, &[1, 1]));
    assert_eq!(symbol("y'"), var(V::Y, 1, &[]));
    let after = |src: &str| match rhs(src).kind {
        ExprKind::Symbol {
            prime_after_subscript,
            ..
        } => prime_after_subscript,
        other => panic!("{other:?}"),
    };
    assert!(after("y = h_1'"));
    assert!(after("y = h₁′"));
    assert!(!after("y = h'_1"));
    assert!(!after("y = h′₁"));
}

#[test]
fn activations_in_every_spelling() {
    same(&[
        "h = a[x]",
        "h = \\mathbf{a}[x]",
        "h = \\mathrm{a}[x]",
        "h = \\boldsymbol{a}[x]",
        "h = \\bm{a}[x]",
        "h = \\text{a}[x]",
        "h = \\operatorname{a}[x]",
        "h = ReLU[x]",
        "h = relu[x]",
        "h = \\text{ReLU}[x]",
        "h = \\operatorname{ReLU}[x]",
        "h = \\mathrm{ReLU}[x]",
        "h = a\\left[x\\right]",
        "h = a\\bigl[x\\bigr]",
        "h = a\\big[x\\big]",
        "h = a\\Big[x\\Big]",
        "h = a\\Bigl[x\\Bigr]",
        "h = a\\biggl[x\\biggr]",
        "h = a\\left[x\\right.]",
        "h = a[\\left. x]",
    ]);
    let spelling = |src: &str| match rhs(src).kind {
        ExprKind::Activation { spelling, .. } => spelling,
        other => panic!("{other:?}"),
    };
    assert_eq!(spelling("h = a[x]"), ActivationSpelling::Plain);
    assert_eq!(spelling("h = \\text{a}[x]"), ActivationSpelling::Plain);
    assert_eq!(spelling("h = \\bm{a}[x]"), ActivationSpelling::Bold);
    assert_eq!(spelling("h = \\mathbf{a}[x]"), ActivationSpelling::Bold);
    assert_eq!(spelling("h = ReLU[x]"), ActivationSpelling::Relu);
    assert_eq!(
        spelling("h = \\operatorname{ReLU}[x]"),
        ActivationSpelling::Relu
    );
}

#[test]
fn products() {
    same(&[
        "y = \\phi'_1h'_1",
        "y = φ′₁h′₁",
        "y = phi'_1 h'_1",
        "y = \\phi'_1 * h'_1",
        "y = \\phi'_1 · h'_1",
        "y = \\phi'_1 ⋅ h'_1",
        "y = \\phi'_1 \\cdot h'_1",
        "y = \\phi'_1 \\times h'_1",
        "y = \\phi'_1 × h'_1",
    ]);
    same(&[
        "y = \\theta'_{11}\\phi_{1}h_{1}",
        "y = θ′₁₁φ₁h₁",
        "y = theta'_11 phi_1 h_1",
    ]);
    same(&["y = phix", "y = phi x"]);
}

#[test]
fn groups_and_signs() {
    let mut symbols = SymbolTable::new();
    assert_eq!(shape("y = (x + 1)", &mut symbols), "(= Symbol { letter: Var(Y), primes: 0, indices: [] } (group (+ Symbol { letter: Var(X), primes: 0, indices: [] } 1)))");
    same(&["y = (x)", "y = {x}"]);
    same(&["y = -x + 2", "y = − x + 2"]);
    same(&["y = +x", "y = x"]);
    assert!(matches!(rhs("y = - - x").kind, ExprKind::Neg(_)));
    let sum = rhs("y = x - 2");
    let ExprKind::Sum(terms) = sum.kind else {
        panic!()
    };
    assert!(matches!(terms[1].kind, ExprKind::Neg(_)));
}

#[test]
fn numbers_are_exact() {
    assert_eq!(number("0.1"), ratio(1, 10));
    assert_eq!(number(".5"), ratio(1, 2));
    assert_eq!(number("2"), ratio(2, 1));
    assert_eq!(number("-3/4"), ratio(-3, 4));
    assert_eq!(number("+5"), ratio(5, 1));
    assert_eq!(number("1e-3"), ratio(1, 1000));
    assert_eq!(number("2.5E+2"), ratio(250, 1));
    assert_eq!(number("\\frac{3}{4}"), ratio(3, 4));
    assert_eq!(number("\\dfrac{3}{4}"), ratio(3, 4));
    assert_eq!(number("-\\frac{1}{2}"), ratio(-1, 2));
    assert_eq!(number("\\tfrac{-1}{2}"), ratio(-1, 2));
    assert_eq!(number(" 1 / 3 "), ratio(1, 3));
    assert_eq!(number("0.5/2"), ratio(1, 4));
    assert_eq!(number("−2"), ratio(-2, 1));
    let n = rhs("y = 0.1");
    assert_eq!(n.kind, ExprKind::Number(Box::new(ratio(1, 10))));
    for bad in [
        "1/0",
        "3/",
        "abc",
        "",
        "1/2x",
        "\\frac{3}",
        "\\frac{1}{0}",
        "1e99999",
        "--1",
    ] {
        assert!(parse_number(bad).is_err(), "{bad:?}");
    }
    assert!(parse_number("1/0")
        .unwrap_err()
        .message
        .contains("division by zero"));
}

#[test]
fn fractions_and_division() {
    same(&[
        "y = 3/4x",
        "y = 3/4 x",
        "y = \\frac{3}{4}x",
        "y = \\dfrac{3}{4} x",
    ]);
    let mut symbols = SymbolTable::new();
    let q = shape("y = x/2", &mut symbols);
    assert!(
        q.ends_with("(/ Symbol { letter: Var(X), primes: 0, indices: [] } 2))"),
        "{q}"
    );
    // Division is left-associative: x/3/4 is (x/3)/4.
    let q = shape("y = x/3/4", &mut symbols);
    assert!(
        q.ends_with("(/ (/ Symbol { letter: Var(X), primes: 0, indices: [] } 3) 4))"),
        "{q}"
    );
    let f = shape("y = \\frac{θ_1 + 1}{2}", &mut symbols);
    assert!(f.contains("(/ (+ Symbol"), "{f}");
}

#[test]
fn equations_chains_and_separators() {
    let count = |src: &str| doc(src, &mut SymbolTable::new()).equations.len();
    assert_eq!(count("h_1 = x\nh_2 = x"), 2);
    assert_eq!(count("h_1 = x; h_2 = x"), 2);
    assert_eq!(count("h_1 = x, h_2 = x,"), 2);
    assert_eq!(count("h_1 = x \\\\ h_2 = x."), 2);
    let d = doc(
        "h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0] = h_2",
        &mut SymbolTable::new(),
    );
    assert_eq!(d.equations[0].sides.len(), 4);
    same(&[
        "h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0]",
        "h'_1 &= a[θ'_10 + θ'_11 y] \\\\\n &= a[θ'_10 + θ'_11 φ_0]",
        "h'_1 = a[θ'_10 + θ'_11 y]\n = a[θ'_10 + θ'_11 φ_0]",
    ]);
}

#[test]
fn continuation_lines_and_brackets_across_lines() {
    same(&[
        "y = φ_0 + φ_1 h_1 + φ_2 h_2",
        "y = φ_0 + φ_1 h_1\n    + φ_2 h_2",
        "y &= φ_0 + φ_1 h_1 \\\\\n  &\\quad + φ_2 h_2",
        "y = φ_0 +\n φ_1 h_1 + φ_2 h_2",
        "y = φ_0\n + φ_1 h_1\n + φ_2 h_2",
    ]);
    same(&[
        "h_1 = a[θ_10 + θ_11 x]",
        "h_1 = a[θ_10\n+ θ_11\nx]",
        "h_1 = a[\n  θ_10 + θ_11 x\n]",
    ]);
}

#[test]
fn trivia_is_ignored() {
    same(&[
        "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1",
        "$h_1 = a[θ_10 + θ_11 x]$\n$$y = φ_0 + φ_1 h_1$$",
        "\\[ h_1 = a[θ_10 + θ_11 x] \\] \\( y = φ_0 + φ_1 h_1 \\)",
        "\\begin{align*}\n h_1 &= a[θ_10 + θ_11 x] \\\\\n y &= φ_0 + φ_1 h_1\n\\end{align*}",
        "\\begin{aligned} h_1 &= a[θ_10 + θ_11 x], \\nonumber\\\\ y &= φ_0 + φ_1 h_1. \\end{aligned}",
        "% a comment\nh_1 = a[θ_10\\,+\\;θ_11\\:x\\!] \\label{eq:h} % more\n\n\ny \\qquad = \\quad φ_0 + φ_1 h_1 \\tag{2}\\notag",
        "\\begin{equation*} h_1 = a[θ_10 + θ_11\\ x] \\end{equation*} \\begin{gather} y = φ_0 + φ_1 h_1 \\end{gather}",
        "\\displaystyle h_1 = a[θ_10 + θ_11 x] \\\\ y = φ_0 + φ_1 h_1",
    ]);
}

#[test]
fn error_messages() {
    fails("h_1 = a[θ_10 + θ_11 x", "this `[` is never closed");
    fails("h_1 = θ_10 + θ_11 x]", "unmatched `]`");
    fails("h_1 = a[(x]", "does not close");
    fails("h_1 = \\foo x", "unknown command `\\foo`");
    fails("h_1 = \\thetta_1 x", "did you mean `\\theta`?");
    fails("h_1 = x @ y", "unexpected character `@`");
    fails("h_1 = x ? y", "unexpected character `?`");
    fails("h_1 = x # y", "unexpected character `#`");
    fails("", "the input has no equations");
    fails("  % only a comment\n$$ $$", "the input has no equations");
    fails("h_1 a[x]", "expected `=` after the left side");
    fails("h_ = x", "missing subscript after `_`");
    fails("h_{} = x", "empty subscript");
    fails(
        "y = \\theta_{x}",
        "a subscript holds only digits and commas",
    );
    fails("y = 3/", "expected a denominator after `/`");
    fails("y = \\frac{3}", "the denominator");
    fails("h = a[]", "an activation needs an argument");
    fails("h = a[θ_10 + + θ_11 x]", "unexpected `+`");
    fails("y = z", "unknown letter `z`");
    fails("y = \\alpha", "unknown letter `\\alpha`");
    fails("y = α", "unknown letter `α`");
    fails("y = 1/0", "division by zero");
    fails(
        "y = a + x",
        "the letter `a` is only used for the activation",
    );
    fails("y = x^2", "powers are not supported");
    fails("y = θ^2 x", "powers are not supported");
    fails(
        "y = θ_10 + \\cdots",
        "elided terms cannot be evaluated; write every term",
    );
    fails("y = θ_10 + …", "elided terms cannot be evaluated");
    fails("y = 50\\% x", "unknown command `\\%`");
    fails("y = h1", "a number directly after a name");
    fails("y = [x]", "square brackets belong to an activation");
    fails(
        "\\begin{vmatrix} x \\end{vmatrix}",
        "unsupported environment `vmatrix`",
    );
    fails("y = x = ", "unexpected end of input");
}

#[test]
fn one_error_per_equation_without_cascades() {
    let diags = parse_document(
        "h_1 = a[θ_10 + + x]\nh_2 = @\nh_3 = a[x]\ny = z",
        &mut SymbolTable::new(),
    )
    .unwrap_err();
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unexpected `+`",
            "unexpected character `@`",
            "unknown letter `z`"
        ]
    );
}

#[test]
fn spans_point_at_the_problem() {
    let diags: Vec<Diagnostic> =
        parse_document("h_1 = a[θ_10 + + x]", &mut SymbolTable::new()).unwrap_err();
    let span = diags[0].span.unwrap();
    assert_eq!(&"h_1 = a[θ_10 + + x]"[span.range()], "+");
    assert_eq!(span.start, 16);
    let e = rhs("y = θ_10 + θ_11x");
    assert_eq!(e.span.range(), 4..18);
}

/// Runs `f` and asserts it takes less than `limit`.
fn quick<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    out
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let n = 100_000;
    let brackets = format!("y = {}x{}", "a[".repeat(n), "]".repeat(n));
    let parens = format!("y = {}x{}", "(".repeat(n), ")".repeat(n));
    let braces = format!("y = {}x{}", "{".repeat(n), "}".repeat(n));
    let signs = format!("y = {}x", "-".repeat(n));
    let fracs = format!("y = {}1", "\\frac{1}{".repeat(n)) + &"}".repeat(n);
    for src in [brackets, parens, braces, signs, fracs] {
        fails(&src, "nesting deeper than 256 levels");
    }
    let unclosed = format!("y = {}x", "a[".repeat(n));
    fails(&unclosed, "never closed");
    // Exactly at the limit is fine.
    let ok = format!("y = {}x{}", "(".repeat(255), ")".repeat(255));
    doc(&ok, &mut SymbolTable::new());
}

#[test]
fn long_inputs_parse_in_linear_time() {
    let one_line: String = (0..10_000)
        .map(|i| format!("h_{i} = a[θ_{{{i},0}} + θ_{{{i},1}} x]; "))
        .collect();
    let d = quick(Duration::from_secs(5), || {
        doc(&one_line, &mut SymbolTable::new())
    });
    assert_eq!(d.equations.len(), 10_000);
    let digits = "7".repeat(5_000);
    let src = format!("y = {digits}.{digits} x");
    quick(Duration::from_secs(5), || {
        doc(&src, &mut SymbolTable::new())
    });
    let src = format!("y = {digits}.{digits}7 x");
    let diags = parse_document(&src, &mut SymbolTable::new()).unwrap_err();
    assert_eq!(diags[0].label, "more than 10000 digits");
    let big: String = "h_1 = a[θ_10 + θ_11 x]\n".repeat(200_000);
    quick(Duration::from_secs(10), || {
        doc(&big, &mut SymbolTable::new())
    });
    let errors = "@".repeat(1_000_000);
    let diags = quick(Duration::from_secs(5), || {
        parse_document(&errors, &mut SymbolTable::new()).unwrap_err()
    });
    assert!(diags.len() <= 50);
}

#[test]
fn symbol_errors() {
    assert!(parse_symbol("a").is_err());
    assert!(parse_symbol("x y").is_err());
    assert!(parse_symbol("").is_err());
    assert!(parse_symbol("h_1_2").is_err());
    assert!(parse_symbol("h'_1'").is_err());
    assert!(parse_symbol("\\mathbf{x").is_err());
    assert!(parse_symbol("h_{99999999999}").is_err());
}
