//! Rendering the scalar form: every fixture in every format, as snapshots in
//! the top-level `snapshots/` folder.
//!
//! Networks are built by hand with a small builder: a name is written in ASCII
//! (`theta'_10`, `omega_{0,12,3}`, `h_12`), a coefficient as monomials joined
//! by ` + ` (`"theta'_11 phi_1"`, `"-3/4 theta_11"`, `"theta_1 + 2 phi_1"`).

use netform::expr::{Affine, Atom, Monomial, Poly};
use netform::network::{Definition, Network, Unit};
use netform::render::{scalar, symbol, Format, Options};
use netform::symbol::{ParamLetter, Sym, Symbol, SymbolTable, VarLetter};
use num_rational::BigRational;
use std::collections::HashMap;

// ---------------------------------------------------------------- builder

/// A term as written in a test: a coefficient and what it multiplies.
#[derive(Clone)]
struct T(&'static str, A);

/// What a test term multiplies.
#[derive(Clone)]
enum A {
    One,
    V(&'static str),
    Act(Vec<T>),
}

/// A bias: `b("theta_10")`.
fn b(coef: &'static str) -> T {
    T(coef, A::One)
}

/// A coefficient times a variable: `v("theta_11", "x")`.
fn v(coef: &'static str, var: &'static str) -> T {
    T(coef, A::V(var))
}

/// A coefficient times an activation: `act("phi_1", vec![…])`.
fn act(coef: &'static str, inner: Vec<T>) -> T {
    T(coef, A::Act(inner))
}

/// A hidden unit's right side `a[…]`.
fn a(inner: Vec<T>) -> Vec<T> {
    vec![act("1", inner)]
}

/// A string that lives as long as the test, for generated names.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Parses a test name: `theta'_10`, `omega_{0,12,3}`, `h_12`, `h_{2,5}`, `x`.
fn parse_symbol(name: &str) -> Symbol {
    let letter_end = name
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(name.len());
    let (word, rest) = name.split_at(letter_end);
    let primes = rest.chars().take_while(|&c| c == '\'').count();
    let rest = &rest[primes..];
    let sub = rest.strip_prefix('_').unwrap_or(rest);
    let letter = match word {
        "theta" => Some(ParamLetter::Theta),
        "phi" => Some(ParamLetter::Phi),
        "psi" => Some(ParamLetter::Psi),
        "beta" => Some(ParamLetter::Beta),
        "omega" => Some(ParamLetter::Omega),
        "Omega" => Some(ParamLetter::CapitalOmega),
        _ => None,
    };
    let indices: Vec<u32> = if let Some(list) = sub.strip_prefix('{') {
        let list = list.trim_end_matches('}');
        list.split(',').map(|n| n.parse().unwrap()).collect()
    } else if sub.is_empty() {
        Vec::new()
    } else if letter.is_some() {
        sub.chars().map(|c| c.to_digit(10).unwrap()).collect()
    } else {
        vec![sub.parse().unwrap()]
    };
    let primes = primes as u8;
    match letter {
        Some(p) => Symbol::param(p, primes, &indices),
        None => {
            let var = match word {
                "x" => VarLetter::X,
                "y" => VarLetter::Y,
                "h" => VarLetter::H,
                _ => panic!("unknown letter in {name}"),
            };
            Symbol::var(var, primes, &indices)
        }
    }
}

/// Interns names and remembers the parameters and variables met.
struct Builder {
    symbols: SymbolTable,
    params: Vec<Sym>,
    vars: Vec<Sym>,
}

impl Builder {
    fn sym(&mut self, name: &str) -> Sym {
        self.symbols.intern(parse_symbol(name))
    }

    fn poly(&mut self, text: &str) -> Poly {
        let mut poly = Poly::zero();
        for monomial in text.split(" + ") {
            let mut words = monomial.split_whitespace().peekable();
            let mut coef = BigRational::from_integer(1.into());
            if let Some(w) = words.peek() {
                if w.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                    coef = w.parse().unwrap();
                    words.next();
                }
            }
            let factors: Vec<Sym> = words.map(|w| self.sym(w)).collect();
            self.params.extend(&factors);
            poly.add_monomial(Monomial {
                coef: coef.into(),
                factors: factors.into(),
            });
        }
        poly
    }

    fn affine(&mut self, terms: &[T]) -> Affine {
        let mut affine = Affine::zero();
        for T(coef, atom) in terms {
            let coef = self.poly(coef);
            let atom = match atom {
                A::One => Atom::One,
                A::V(name) => {
                    let s = self.sym(name);
                    self.vars.push(s);
                    Atom::Var(s)
                }
                A::Act(inner) => Atom::Act(Box::new(self.affine(inner))),
            };
            affine.add_term(coef, atom);
        }
        affine
    }
}

/// A network from `(unit, right side)` pairs and `(parameter, value)`
/// definitions, with inputs, layers, outputs and free parameters worked out as
/// lowering would.
fn net_with(units: &[(&str, Vec<T>)], definitions: &[(&str, &str)]) -> Network {
    let mut b = Builder {
        symbols: SymbolTable::new(),
        params: Vec::new(),
        vars: Vec::new(),
    };
    let mut built = Vec::new();
    let mut layers: HashMap<Sym, u32> = HashMap::new();
    let mut inputs = Vec::new();
    let mut read = Vec::new();
    for (name, rhs) in units {
        let name = b.sym(name);
        b.vars.clear();
        let rhs = b.affine(rhs);
        let mut layer = 0;
        for &var in &b.vars {
            if !layers.contains_key(&var) && !inputs.contains(&var) {
                inputs.push(var);
            }
            layer = layer.max(layers.get(&var).copied().unwrap_or(0));
            read.push(var);
        }
        layers.insert(name, layer + 1);
        built.push(Unit {
            name,
            layer: layer + 1,
            rhs,
        });
    }
    let definitions: Vec<Definition> = definitions
        .iter()
        .map(|(name, value)| Definition {
            name: b.sym(name),
            value: b.poly(value),
        })
        .collect();
    let defined: Vec<Sym> = definitions.iter().map(|d| d.name).collect();
    let mut params = Vec::new();
    for &p in &b.params {
        if !params.contains(&p) && !defined.contains(&p) {
            params.push(p);
        }
    }
    let outputs = built
        .iter()
        .map(|u| u.name)
        .filter(|n| !read.contains(n))
        .collect();
    Network {
        symbols: b.symbols,
        inputs,
        units: built,
        outputs,
        params,
        definitions,
    }
}

/// A network without definitions.
fn net(units: &[(&str, Vec<T>)]) -> Network {
    net_with(units, &[])
}

// ---------------------------------------------------------------- fixtures

/// The book's shallow network: three hidden units, one input, one output.
fn shallow() -> Network {
    net(&[
        ("h_1", a(vec![b("theta_10"), v("theta_11", "x")])),
        ("h_2", a(vec![b("theta_20"), v("theta_21", "x")])),
        ("h_3", a(vec![b("theta_30"), v("theta_31", "x")])),
        (
            "y",
            vec![
                b("phi_0"),
                v("phi_1", "h_1"),
                v("phi_2", "h_2"),
                v("phi_3", "h_3"),
            ],
        ),
    ])
}

/// The composition's second network, primed, reading the first one's `y`.
fn primed() -> Network {
    net(&[
        ("h'_1", a(vec![b("theta'_10"), v("theta'_11", "y")])),
        ("h'_2", a(vec![b("theta'_20"), v("theta'_21", "y")])),
        ("h'_3", a(vec![b("theta'_30"), v("theta'_31", "y")])),
        (
            "y'",
            vec![
                b("phi'_0"),
                v("phi'_1", "h'_1"),
                v("phi'_2", "h'_2"),
                v("phi'_3", "h'_3"),
            ],
        ),
    ])
}

/// The second network's hidden unit `i` (from 1) with the first network's `y`
/// substituted: `a[θ′ᵢ₀ + θ′ᵢ₁φ₀ + θ′ᵢ₁φ₁h₁ + …]`.
fn combined_unit(i: usize) -> Vec<T> {
    let bias = leak(format!("theta'_{i}0 + theta'_{i}1 phi_0"));
    let mut inner = vec![b(bias)];
    for j in 1..=3 {
        inner.push(v(
            leak(format!("theta'_{i}1 phi_{j}")),
            leak(format!("h_{j}")),
        ));
    }
    a(inner)
}

/// The composed network before the ψ are named: coefficient products.
fn combined() -> Network {
    net(&[
        ("h_1", a(vec![b("theta_10"), v("theta_11", "x")])),
        ("h_2", a(vec![b("theta_20"), v("theta_21", "x")])),
        ("h_3", a(vec![b("theta_30"), v("theta_31", "x")])),
        ("h'_1", combined_unit(1)),
        ("h'_2", combined_unit(2)),
        ("h'_3", combined_unit(3)),
        (
            "y'",
            vec![
                b("phi'_0"),
                v("phi'_1", "h'_1"),
                v("phi'_2", "h'_2"),
                v("phi'_3", "h'_3"),
            ],
        ),
    ])
}

/// The composed network with ψ parameters and their definitions.
fn psi() -> Network {
    net_with(
        &[
            ("h_1", a(vec![b("theta_10"), v("theta_11", "x")])),
            ("h_2", a(vec![b("theta_20"), v("theta_21", "x")])),
            (
                "h'_1",
                a(vec![b("psi_10"), v("psi_11", "h_1"), v("psi_12", "h_2")]),
            ),
            ("y'", vec![b("phi'_0"), v("phi'_1", "h'_1")]),
        ],
        &[
            ("psi_10", "theta'_10 + theta'_11 phi_0"),
            ("psi_11", "theta'_11 phi_1"),
            ("psi_12", "theta'_11 phi_2"),
        ],
    )
}

/// Negative, fractional and integer coefficients, coefficients of several
/// monomials, and a zero right side.
fn signs() -> Network {
    net(&[
        (
            "h_1",
            a(vec![b("-1 theta_10 + -1/2"), v("-3/4 theta_11", "x")]),
        ),
        ("h_2", a(vec![b("2"), v("-1", "x")])),
        ("h_3", a(vec![v("3/4", "x")])),
        (
            "y",
            vec![
                b("-1/2 phi_0"),
                v("theta_1 + 2 phi_1", "h_1"),
                v("-1 phi_2 + phi_3", "h_2"),
                v("-2", "h_3"),
            ],
        ),
        ("y_2", vec![]),
    ])
}

/// An activation inside an output, one nested inside another, and a single
/// activation with a coefficient (which does not break inside its bracket).
fn nested() -> Network {
    let inner = vec![b("theta_10"), v("theta_11", "x")];
    net(&[
        (
            "y",
            vec![
                b("phi_0"),
                act("phi_1", inner.clone()),
                act("-2", vec![b("psi_10"), act("psi_11", inner.clone())]),
            ],
        ),
        ("y_2", vec![act("phi_2", inner)]),
    ])
}

/// Multi-digit and comma-separated indices, primes on indexed parameters, and
/// bare letters without subscript.
fn indices() -> Network {
    net(&[
        (
            "h_12",
            a(vec![
                b("omega_{0,12,3}"),
                v("theta'_{12,0}", "x_10"),
                v("beta", "x"),
            ]),
        ),
        (
            "h_{2,5}",
            a(vec![b("Omega_{1,10}"), v("theta''_99", "h_12")]),
        ),
        ("y_1", vec![b("beta_{10,1}"), v("psi theta", "h_{2,5}")]),
    ])
}

/// One hidden unit reading twenty inputs, and an output reading them all
/// again with fractional coefficients, for line breaking.
fn wide() -> Network {
    let mut inner = vec![b("theta_10")];
    let mut output = vec![b("phi_0"), v("phi_1", "h_1")];
    for j in 1..=20 {
        let x = leak(format!("x_{j}"));
        inner.push(v(leak(format!("theta_{{1,{j}}}")), x));
        output.push(v(leak(format!("-{j}/7 phi_{j}")), x));
    }
    net(&[("h_1", a(inner)), ("y", output)])
}

// ---------------------------------------------------------------- snapshots

const FORMATS: [Format; 4] = [Format::Unicode, Format::Latex, Format::Ascii, Format::Json];

/// Runs `f` with snapshots going to the top-level `snapshots/` folder.
fn in_snapshots(f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f);
}

/// Snapshots `network` in every format as `name.format`.
fn snap_all(name: &str, network: &Network, width: usize) {
    in_snapshots(|| {
        for format in FORMATS {
            let options = Options {
                format,
                width,
                standalone: false,
            };
            let text = scalar(network, &options);
            check_invariants(network, &options, &text);
            insta::assert_snapshot!(format!("{name}.{format}"), text);
        }
    });
}

/// What must hold of every output: deterministic, the same through the
/// `Display` adapter, ASCII-only LaTeX, valid JSON listing every equation, and
/// no text line wider than asked unless it cannot break (LaTeX is measured by
/// how wide it looks, not by its source).
fn check_invariants(network: &Network, options: &Options, text: &str) {
    assert_eq!(text, scalar(network, options));
    assert_eq!(text, network.printer(options).to_string());
    assert!(text.ends_with('\n'));
    match options.format {
        Format::Latex | Format::Ascii => assert!(text.is_ascii(), "{text}"),
        Format::Json => {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let equations = value["equations"].as_array().unwrap().len();
            assert_eq!(equations, network.units.len() + network.definitions.len());
        }
        Format::Unicode => {}
    }
    if matches!(options.format, Format::Unicode | Format::Ascii) {
        for line in text.lines() {
            let fits = line.chars().count() <= options.width;
            assert!(fits || !could_break(line), "too wide: {line}");
        }
    }
}

/// Whether a line holds a `+` or `-` it could have been broken at: one at the
/// shallowest bracket depth among its operators, other than its leading one.
fn could_break(line: &str) -> bool {
    let body = line.trim_start_matches("&\\quad ").trim_start();
    let continuation = body.starts_with("+ ") || body.starts_with("- ");
    let mut depth = 0i32;
    let mut operators = Vec::new();
    let chars: Vec<char> = body.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            '+' | '-' if chars.get(i + 1) == Some(&' ') && (i == 0 || chars[i - 1] == ' ') => {
                operators.push(depth)
            }
            _ => {}
        }
    }
    let shallowest = operators.iter().min().copied().unwrap_or(0);
    let at_top = operators.iter().filter(|&&d| d == shallowest).count();
    at_top > usize::from(continuation)
}

#[test]
fn shallow_network() {
    snap_all("shallow", &shallow(), 80);
}

#[test]
fn primed_network() {
    snap_all("primed", &primed(), 80);
}

#[test]
fn combined_network() {
    snap_all("combined", &combined(), 80);
}

#[test]
fn psi_definitions() {
    snap_all("psi", &psi(), 80);
}

#[test]
fn negative_and_fractional_coefficients() {
    snap_all("signs", &signs(), 80);
}

#[test]
fn activation_inside_an_output() {
    snap_all("nested", &nested(), 80);
}

#[test]
fn multi_digit_indices() {
    snap_all("indices", &indices(), 80);
}

#[test]
fn wide_unit_at_width_80() {
    snap_all("wide-80", &wide(), 80);
}

#[test]
fn wide_unit_at_width_40() {
    snap_all("wide-40", &wide(), 40);
}

#[test]
fn standalone_latex_document() {
    let options = Options {
        format: Format::Latex,
        width: 80,
        standalone: true,
    };
    in_snapshots(|| insta::assert_snapshot!("psi.standalone", scalar(&psi(), &options)));
}

// ---------------------------------------------------------------- symbols and options

#[test]
fn symbols_are_spelled_per_format() {
    let mut symbols = SymbolTable::new();
    let cases = [
        ("theta'_10", "θ′₁₀", "\\theta'_{10}", "theta'_10"),
        (
            "omega_{0,12,3}",
            "ω₀,₁₂,₃",
            "\\omega_{0,12,3}",
            "omega_{0,12,3}",
        ),
        ("h_12", "h₁₂", "h_{12}", "h_12"),
        ("h_{2,5}", "h₂,₅", "h_{2,5}", "h_{2,5}"),
        ("y'", "y′", "y'", "y'"),
        ("Omega''_1", "Ω′′₁", "\\Omega''_{1}", "Omega''_1"),
        ("phi", "φ", "\\phi", "phi"),
    ];
    for (name, unicode, latex, ascii) in cases {
        let s = symbols.intern(parse_symbol(name));
        assert_eq!(symbol(&symbols, s, Format::Unicode), unicode);
        assert_eq!(symbol(&symbols, s, Format::Latex), latex);
        assert_eq!(symbol(&symbols, s, Format::Ascii), ascii);
        assert_eq!(symbol(&symbols, s, Format::Json), ascii);
    }
}

#[test]
fn format_names_parse_back() {
    for format in FORMATS {
        assert_eq!(format.to_string().parse::<Format>(), Ok(format));
    }
    for format in FORMATS {
        let value = clap::ValueEnum::to_possible_value(&format).unwrap();
        assert_eq!(value.get_name(), format.name());
    }
    assert!("html".parse::<Format>().is_err());
    assert_eq!(Options::default().format, Format::Unicode);
    assert_eq!(Options::default().width, 80);
    assert!(!Options::default().standalone);
}

#[test]
fn an_empty_network_prints_no_equations() {
    let empty = net(&[]);
    for format in [Format::Unicode, Format::Latex, Format::Ascii] {
        let options = Options {
            format,
            ..Options::default()
        };
        assert_eq!(scalar(&empty, &options), "");
    }
}

/// A unit with 50,000 terms renders in linear time: no quadratic string
/// building, and pretty's fitting only looks one summand ahead.
#[test]
fn a_very_long_unit_renders_quickly() {
    let mut symbols = SymbolTable::new();
    let mut inner = Affine::zero();
    let mut inputs = Vec::new();
    let mut params = Vec::new();
    for j in 0..50_000u32 {
        let w = symbols.intern(Symbol::param(ParamLetter::Omega, 0, &[1, j]));
        let x = symbols.intern(Symbol::var(VarLetter::X, 0, &[j]));
        inner.terms.push(netform::expr::Term {
            coef: Poly::param(w),
            atom: Atom::Var(x),
        });
        inputs.push(x);
        params.push(w);
    }
    let h = symbols.intern(Symbol::var(VarLetter::H, 0, &[1]));
    let mut rhs = Affine::zero();
    rhs.add_term(Poly::one(), Atom::Act(Box::new(inner)));
    let network = Network {
        symbols,
        inputs,
        units: vec![Unit {
            name: h,
            layer: 1,
            rhs,
        }],
        outputs: vec![h],
        params,
        definitions: vec![],
    };
    let start = std::time::Instant::now();
    for format in FORMATS {
        let options = Options {
            format,
            ..Options::default()
        };
        assert!(scalar(&network, &options).len() > 500_000);
    }
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
