//! Counting: parameter counts against the formula, region bounds against the
//! numbers the slides quote, and exact regions against exact evaluation.

mod common;

use netform::analysis::bounds::Bounds;
use netform::analysis::params::Count;
use netform::analysis::regions::{regions_1d, Regions1d};
use netform::analysis::scientific;
use netform::eval::{Activation, Bindings, Compiled};
use netform::expr::{Affine, Atom, Poly};
use netform::network::{Definition, Network, Unit};
use netform::rewrite::arch;
use netform::symbol::{ParamLetter, Symbol, VarLetter};
use netform::syntax::{Assignment, Span};
use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::{One, Zero};
use proptest::prelude::*;

/// An exact rational `n/d`.
fn r(n: i64, d: i64) -> BigRational {
    BigRational::new(n.into(), d.into())
}

/// Binds the network's free parameters, in order, to `values` (cycled).
fn bind(net: &Network, values: &[BigRational]) -> Bindings {
    let assignments: Vec<Assignment> = net
        .params
        .iter()
        .enumerate()
        .map(|(i, &p)| Assignment {
            symbol: net.symbols[p].clone(),
            name_span: Span::new(0, 0),
            value: values[i % values.len()].clone(),
            value_span: Span::new(0, 0),
        })
        .collect();
    Bindings::new(net, &assignments)
        .expect("every parameter has a value")
        .0
}

/// The network of an architecture with the given parameter values.
fn mlp(widths: &[usize], values: &[BigRational]) -> (Network, Bindings) {
    let net = arch::network(widths).expect("a valid architecture");
    let b = bind(&net, values);
    (net, b)
}

fn regions(net: &Network, b: &Bindings, domain: Option<(BigRational, BigRational)>) -> Regions1d {
    regions_1d(net, b, &Activation::Relu, domain).expect("regions of a one-input network")
}

fn big(n: u64) -> BigUint {
    BigUint::from(n)
}

// ---- parameter counts -------------------------------------------------------

#[test]
fn count_of_the_slides_architectures() {
    let c = Count::of_arch(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    assert_eq!(c.parameters, 471);
    assert_eq!(c.layers.len(), 6);
    assert_eq!((c.layers[0].weights, c.layers[0].biases), (10, 10));
    assert_eq!(
        c.formula,
        "Σ_k (D_k·D_(k+1) + D_(k+1)) = 1·10+10 + 4×(10·10+10) + 10·1+1 = 471"
    );
    // 40·298 + 298 + 298·10 + 10: "about 15,200" on the MNIST-1D slides.
    assert_eq!(Count::of_arch(&[40, 298, 10]).unwrap().parameters, 15_208);
    assert_eq!(Count::of_arch(&[1, 6, 1]).unwrap().parameters, 19);
    assert_eq!(Count::of_arch(&[1, 3, 1]).unwrap().parameters * 2, 20);
    let json = Count::of_arch(&[1, 10, 10, 10, 10, 10, 1])
        .unwrap()
        .to_json();
    assert_eq!(json["parameters"], 471);
    assert_eq!(
        json["layers"][0],
        serde_json::json!({"weights": 10, "biases": 10})
    );
}

#[test]
fn count_refuses_bad_architectures() {
    assert!(Count::of_arch(&[3]).is_err());
    assert!(Count::of_arch(&[1, 0, 1]).is_err());
    assert!(Bounds::of_arch(&[1, 1]).is_err());
}

/// Two composed 1-3-1 networks: the combined network's ψ are defined by
/// `ψ_i0 = θ'_i0 + θ'_i1 φ_0` and `ψ_ij = θ'_i1 φ_j`, so of its 22
/// coefficients only the 20 parameters of the originals are free.
#[test]
fn count_of_a_composed_network_names_the_free_parameters() {
    let mut net = arch::network(&[1, 3, 3, 1]).unwrap();
    let mut psis = Vec::new();
    let mut originals = Vec::new();
    for (s, sym) in net.symbols.iter() {
        if matches!(sym.letter, netform::symbol::Letter::Param(ParamLetter::Psi)) {
            psis.push((s, sym.indices.clone()));
        }
    }
    for (s, indices) in psis {
        let (i, j) = (indices[0], indices[1]);
        let mut theta = |j: u32| {
            net.symbols
                .intern(Symbol::param(ParamLetter::Theta, 1, &[i, j]))
        };
        let (t0, t1) = (theta(0), theta(1));
        let phi = net.symbols.intern(Symbol::param(ParamLetter::Phi, 0, &[j]));
        let mut value = Poly::param(t1).mul(&Poly::param(phi));
        if j == 0 {
            value.add(Poly::param(t0));
        }
        for p in [t0, t1, phi] {
            if !originals.contains(&p) {
                originals.push(p);
            }
        }
        net.definitions.push(Definition { name: s, value });
    }
    net.params
        .retain(|p| net.definitions.iter().all(|d| d.name != *p));
    net.params.extend(originals);
    let c = Count::of_network(&net);
    assert_eq!(c.parameters, 22);
    assert_eq!(c.free, 20);
    assert_eq!(
        c.layers
            .iter()
            .map(|l| (l.weights, l.biases))
            .collect::<Vec<_>>(),
        vec![(3, 3), (9, 3), (3, 1)]
    );
    assert!(c.to_string().contains("free: 20"), "{c}");
}

#[test]
fn count_of_a_nested_output_puts_inner_weights_in_the_first_layer() {
    // y = φ_0 + φ_1 a[θ_10 + θ_11 x]
    let mut symbols = netform::symbol::SymbolTable::new();
    let x = symbols.intern(Symbol::var(VarLetter::X, 0, &[]));
    let y = symbols.intern(Symbol::var(VarLetter::Y, 0, &[]));
    let p = |symbols: &mut netform::symbol::SymbolTable, l, ix: &[u32]| {
        symbols.intern(Symbol::param(l, 0, ix))
    };
    let (t0, t1) = (
        p(&mut symbols, ParamLetter::Theta, &[1, 0]),
        p(&mut symbols, ParamLetter::Theta, &[1, 1]),
    );
    let (f0, f1) = (
        p(&mut symbols, ParamLetter::Phi, &[0]),
        p(&mut symbols, ParamLetter::Phi, &[1]),
    );
    let mut inner = Affine::zero();
    inner.add_term(Poly::param(t0), Atom::One);
    inner.add_term(Poly::param(t1), Atom::Var(x));
    let mut rhs = Affine::zero();
    rhs.add_term(Poly::param(f0), Atom::One);
    rhs.add_term(Poly::param(f1), Atom::Act(Box::new(inner)));
    let net = Network {
        symbols,
        inputs: vec![x],
        units: vec![Unit {
            name: y,
            layer: 1,
            rhs,
        }],
        outputs: vec![y],
        params: vec![f0, f1, t0, t1],
        definitions: Vec::new(),
    };
    let c = Count::of_network(&net);
    assert_eq!(
        c.layers
            .iter()
            .map(|l| (l.weights, l.biases))
            .collect::<Vec<_>>(),
        vec![(1, 1), (1, 1)]
    );
    // Its regions: a[x − 1] scaled by 2, plus 1/2, has one breakpoint.
    let b = bind(&net, &[r(1, 2), r(2, 1), r(-1, 1), r(1, 1)]);
    let rs = regions(&net, &b, None);
    assert_eq!(rs.breakpoints_real_line, vec![r(1, 1)]);
}

// ---- bounds -----------------------------------------------------------------

#[test]
fn bounds_quoted_on_the_slides() {
    let b = Bounds::of_arch(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    assert_eq!(b.value("one_input_exact_max"), Some(&big(161_051)));
    assert_eq!(b.value("udl_eq_4_17"), Some(&big(161_051)));
    assert_eq!(b.value("serra_2018_upper"), Some(&big(161_051)));
    assert_eq!(b.value("serra_2018_lower"), Some(&big(161_051)));
    assert_eq!(
        b.value("montufar_2014_lower"),
        Some(&big(10u64.pow(4) * 11))
    );
    assert_eq!(b.value("trivial_upper"), Some(&(BigUint::one() << 50)));
    assert_eq!(b.value("zaslavsky"), None);
    let shallow = Bounds::of_arch(&[1, 6, 1]).unwrap();
    assert_eq!(shallow.value("zaslavsky"), Some(&big(7)));
    assert_eq!(shallow.value("one_input_exact_max"), Some(&big(7)));
    assert_eq!(
        Bounds::of_arch(&[1, 3, 3, 1])
            .unwrap()
            .value("one_input_exact_max"),
        Some(&big(16))
    );
    let wide = Bounds::of_arch(&[10, 50, 50, 50, 50, 50, 1]).unwrap();
    let n = wide.value("udl_eq_4_17").unwrap();
    assert_eq!(
        scientific(n),
        ("1.80×10^41".to_string(), "1.80e41".to_string())
    );
    assert_eq!(*n, num_traits::pow(big(6), 40) * big(13_432_735_556));
    let json = wide.to_json();
    assert_eq!(json["udl_eq_4_17"], n.to_string());
    assert_eq!(json["one_input_exact_max"], serde_json::Value::Null);
}

#[test]
fn bounds_say_why_a_formula_does_not_apply() {
    let b = Bounds::of_arch(&[3, 5, 7, 1]).unwrap();
    let text = b.to_string();
    assert!(
        text.contains("eq. 4.17 is for hidden layers of equal width D"),
        "{text}"
    );
    assert!(
        text.contains("Zaslavsky's count is for one hidden layer"),
        "{text}"
    );
    assert!(Bounds::of_arch(&[1, 2, 2, 1])
        .unwrap()
        .value("one_input_exact_max")
        .is_none());
}

#[test]
fn scientific_notation_rounds_the_exact_digits() {
    assert_eq!(scientific(&big(7)).0, "7");
    assert_eq!(scientific(&big(9995)).1, "1.00e4");
    assert_eq!(scientific(&big(9994)).1, "9.99e3");
    assert_eq!(scientific(&big(15_198)).0, "1.52×10^4");
}

#[test]
fn bound_for_a_hundred_layers_of_a_thousand_units_is_exact_and_quick() {
    let mut arch = vec![1];
    arch.extend([1000; 100]);
    arch.push(1);
    let b = Bounds::of_arch(&arch).unwrap();
    assert_eq!(
        b.value("serra_2018_upper"),
        Some(&num_traits::pow(big(1001), 100))
    );
    assert_eq!(b.value("trivial_upper").unwrap().bits(), 100_001);
}

/// Serra et al.'s upper bound by enumerating the set `J` directly.
fn serra_upper_brute(n0: usize, hidden: &[usize]) -> BigUint {
    fn go(hidden: &[usize], d: usize) -> BigUint {
        let Some((&n, rest)) = hidden.split_first() else {
            return BigUint::one();
        };
        (0..=d.min(n))
            .map(|j| binomial(n, j) * go(rest, d.min(n - j)))
            .sum()
    }
    go(hidden, n0)
}

fn binomial(n: usize, k: usize) -> BigUint {
    (0..k).fold(BigUint::one(), |c, j| {
        c * big((n - j) as u64) / big(j as u64 + 1)
    })
}

// ---- regions on a line ------------------------------------------------------

#[test]
fn regions_of_the_first_composition_network() {
    // y = 1/10 + 2 a[x − 1/5] − 3 a[x − 1/2] + 5/2 a[x − 4/5]: three joints.
    let values = [
        r(-1, 5),
        r(1, 1),
        r(-1, 2),
        r(1, 1),
        r(-4, 5),
        r(1, 1),
        r(1, 10),
        r(2, 1),
        r(-3, 1),
        r(5, 2),
    ];
    let (net, b) = mlp(&[1, 3, 1], &values);
    let rs = regions(&net, &b, Some((r(0, 1), r(1, 1))));
    assert_eq!(rs.breakpoints, vec![r(1, 5), r(1, 2), r(4, 5)]);
    assert_eq!((rs.regions, rs.regions_real_line), (4, 4));
    assert_eq!(rs.pieces[1].slope, vec![r(2, 1)]);
    assert_eq!(rs.pieces[1].intercept, vec![r(1, 10) - r(2, 5)]);
    let json = rs.to_json();
    assert_eq!(json["domain"], serde_json::json!(["0", "1"]));
    assert_eq!(
        json["breakpoints"],
        serde_json::json!(["1/5", "1/2", "4/5"])
    );
    assert_eq!(json["pieces"][0]["from"], "0");
}

#[test]
fn cancelled_kinks_are_not_breakpoints() {
    // h_1 = a[x], h_2 = a[−x]: y = h_1 − h_2 = x has no kink.
    let (net, b) = mlp(
        &[1, 2, 1],
        &[
            r(0, 1),
            r(1, 1),
            r(0, 1),
            r(-1, 1),
            r(0, 1),
            r(1, 1),
            r(-1, 1),
        ],
    );
    assert_eq!(regions(&net, &b, None).regions_real_line, 1);
    // Two joints at the same place: a[x − 1] + a[2x − 2] has one breakpoint.
    let (net, b) = mlp(
        &[1, 2, 1],
        &[
            r(-1, 1),
            r(1, 1),
            r(-2, 1),
            r(2, 1),
            r(0, 1),
            r(1, 1),
            r(1, 1),
        ],
    );
    assert_eq!(regions(&net, &b, None).breakpoints_real_line, vec![r(1, 1)]);
    // A second layer that is always off: a[−a[x] − 1] = 0 everywhere.
    let (net, b) = mlp(
        &[1, 1, 1, 1],
        &[r(0, 1), r(1, 1), r(-1, 1), r(-1, 1), r(0, 1), r(1, 1)],
    );
    let rs = regions(&net, &b, Some((r(-1, 1), r(1, 1))));
    assert_eq!((rs.regions, rs.regions_real_line), (1, 1));
    assert_eq!(rs.pieces[0].slope, vec![BigRational::zero()]);
}

#[test]
fn several_outputs_are_counted_jointly_and_each_alone() {
    // y_1 = a[x], y_2 = a[x − 1].
    let values = [
        r(0, 1),
        r(1, 1),
        r(-1, 1),
        r(1, 1),
        r(0, 1),
        r(1, 1),
        r(0, 1),
        r(0, 1),
        r(0, 1),
        r(1, 1),
    ];
    let (net, b) = mlp(&[1, 2, 2], &values);
    let rs = regions(&net, &b, None);
    assert_eq!(rs.regions_real_line, 3);
    assert_eq!(
        rs.per_output
            .iter()
            .map(|o| o.regions_real_line)
            .collect::<Vec<_>>(),
        vec![2, 2]
    );
}

#[test]
fn regions_refuse_networks_without_one_input() {
    let (net, b) = mlp(&[2, 2, 1], &[r(1, 1)]);
    let e = regions_1d(&net, &b, &Activation::Relu, None).unwrap_err();
    assert!(e.message.contains("one input"), "{}", e.message);
    let (net, b) = mlp(&[1, 2, 1], &[r(1, 1)]);
    assert!(regions_1d(&net, &b, &Activation::Relu, Some((r(1, 1), r(1, 1)))).is_err());
}

/// Checks a region report against exact evaluation: the outputs are affine on
/// each piece (checked at its ends and at two points inside), and the secant
/// slopes between consecutive sample points change exactly at the reported
/// breakpoints.
fn check_against_evaluation(net: &Network, b: &Bindings, act: &Activation, rs: &Regions1d) {
    let exact = Compiled::<BigRational>::new(net, b, act.clone());
    let at = |x: &BigRational| exact.outputs(std::slice::from_ref(x));
    for p in &rs.pieces {
        let (from, to) = match (&p.from, &p.to) {
            (Some(f), Some(t)) => (f.clone(), t.clone()),
            (Some(f), None) => (f.clone(), f + r(7, 1)),
            (None, Some(t)) => (t - r(7, 1), t.clone()),
            (None, None) => (r(-7, 1), r(7, 1)),
        };
        for x in [
            from.clone(),
            to.clone(),
            (&from * r(2, 3)) + (&to * r(1, 3)),
            (&from * r(1, 7)) + (&to * r(6, 7)),
        ] {
            let ys = at(&x);
            for (k, y) in ys.iter().enumerate() {
                assert_eq!(
                    *y,
                    &p.slope[k] * &x + &p.intercept[k],
                    "output {k} at {x} on a piece {p:?}"
                );
            }
        }
    }
    let Some((lo, hi)) = rs.domain.clone() else {
        return;
    };
    let mut xs = vec![lo.clone()];
    for bp in &rs.breakpoints {
        let last = xs.last().unwrap().clone();
        xs.push((&last + bp) / r(2, 1));
        xs.push(bp.clone());
    }
    let last = xs.last().unwrap().clone();
    xs.push((&last + &hi) / r(2, 1));
    xs.push(hi);
    let ys: Vec<Vec<BigRational>> = xs.iter().map(&at).collect();
    let secants: Vec<Vec<BigRational>> = (1..xs.len())
        .map(|i| {
            ys[i]
                .iter()
                .zip(&ys[i - 1])
                .map(|(a, c)| (a - c) / (&xs[i] - &xs[i - 1]))
                .collect()
        })
        .collect();
    let changes = secants.windows(2).filter(|w| w[0] != w[1]).count();
    assert_eq!(
        changes,
        rs.breakpoints.len(),
        "slope changes found by evaluation"
    );
    assert_eq!(rs.regions, rs.breakpoints.len() + 1);
    assert_eq!(rs.pieces.len(), rs.regions);
}

fn small_rational() -> impl Strategy<Value = BigRational> {
    (-12i64..=12, 1i64..=4).prop_map(|(n, d)| r(n, d))
}

fn one_input_arch() -> impl Strategy<Value = Vec<usize>> {
    (prop::collection::vec(1usize..=5, 1..=4), 1usize..=2).prop_map(|(hidden, outputs)| {
        let mut a = vec![1];
        a.extend(hidden);
        a.push(outputs);
        a
    })
}

fn activation() -> impl Strategy<Value = Activation> {
    prop_oneof![4 => Just(Activation::Relu), 1 => Just(Activation::LeakyRelu(r(1, 10))), 1 => Just(Activation::Identity)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn regions_agree_with_exact_evaluation(
        widths in one_input_arch(),
        values in prop::collection::vec(small_rational(), 1..40),
        act in activation(),
    ) {
        let (net, b) = mlp(&widths, &values);
        let domain = Some((r(-3, 1), r(5, 2)));
        let rs = regions_1d(&net, &b, &act, domain).unwrap();
        check_against_evaluation(&net, &b, &act, &rs);
        let line = regions_1d(&net, &b, &act, None).unwrap();
        check_against_evaluation(&net, &b, &act, &line);
        prop_assert_eq!(&line.breakpoints_real_line, &rs.breakpoints_real_line);
        prop_assert!(rs.regions <= rs.regions_real_line);
        for o in &rs.per_output {
            prop_assert!(o.regions <= rs.regions && o.regions_real_line <= rs.regions_real_line);
        }
        if act == Activation::Relu {
            let bounds = Bounds::of_arch(&widths).unwrap();
            let n = BigUint::from(rs.regions_real_line);
            prop_assert!(&n <= bounds.value("serra_2018_upper").unwrap());
            prop_assert!(&n <= bounds.value("trivial_upper").unwrap());
            if let Some(max) = bounds.value("one_input_exact_max") {
                prop_assert!(&n <= max);
            }
        }
    }

    #[test]
    fn count_matches_the_formula_and_the_built_network(
        widths in prop::collection::vec(1usize..=12, 2..=6),
    ) {
        let c = Count::of_arch(&widths).unwrap();
        let formula: usize = widths.windows(2).map(|w| w[0] * w[1] + w[1]).sum();
        prop_assert_eq!(c.parameters, formula as u64);
        let net = arch::network(&widths).unwrap();
        let n = Count::of_network(&net);
        prop_assert_eq!(n.parameters, c.parameters);
        prop_assert_eq!(n.distinct, net.params.len() as u64);
        prop_assert_eq!(n.free, c.parameters);
        prop_assert_eq!(&n.layers, &c.layers);
    }

    #[test]
    fn bounds_are_consistent(
        n0 in 1usize..=4,
        hidden in prop::collection::vec(1usize..=9, 1..=4),
    ) {
        let mut widths = vec![n0];
        widths.extend(&hidden);
        widths.push(1);
        let b = Bounds::of_arch(&widths).unwrap();
        let upper = b.value("serra_2018_upper").unwrap().clone();
        prop_assert_eq!(&upper, &serra_upper_brute(n0, &hidden));
        prop_assert!(&upper <= b.value("trivial_upper").unwrap());
        for key in ["one_input_exact_max", "zaslavsky", "montufar_2014_lower", "serra_2018_lower"] {
            if let Some(v) = b.value(key) {
                prop_assert!(v <= &upper, "{} = {} exceeds the upper bound {}", key, v, upper);
            }
        }
        if let Some(z) = b.value("zaslavsky") {
            prop_assert_eq!(z, &upper);
        }
    }
}

// ---- regions on a box -------------------------------------------------------

use netform::analysis::regions2d::{area, regions_2d, Regions2d};

fn unit_box() -> [(BigRational, BigRational); 2] {
    [(r(-1, 1), r(1, 1)), (r(-1, 1), r(1, 1))]
}

/// Checks a partition: the polygons' areas add up to the box exactly, and on
/// every polygon each output equals its affine function at the vertices and
/// at the centroid.
fn check_partition(net: &Network, b: &Bindings, act: &Activation, rs: &Regions2d) {
    let exact = Compiled::<BigRational>::new(net, b, act.clone());
    let [(x0, x1), (y0, y1)] = &rs.domain;
    let box_area = (x1 - x0) * (y1 - y0);
    let total = rs
        .regions
        .iter()
        .flat_map(|r| &r.polygons)
        .fold(BigRational::zero(), |a, p| a + area(p));
    assert_eq!(total, box_area, "the polygons tile the box");
    let regions_area = rs
        .regions
        .iter()
        .fold(BigRational::zero(), |a, r| a + &r.area);
    assert_eq!(regions_area, box_area);
    for region in &rs.regions {
        for polygon in &region.polygons {
            let n = BigRational::from_integer(polygon.len().into());
            let centroid = [
                polygon.iter().fold(BigRational::zero(), |a, p| a + &p[0]) / &n,
                polygon.iter().fold(BigRational::zero(), |a, p| a + &p[1]) / &n,
            ];
            for p in polygon.iter().chain(std::iter::once(&centroid)) {
                let ys = exact.outputs(&[p[0].clone(), p[1].clone()]);
                for (y, f) in ys.iter().zip(&region.functions) {
                    assert_eq!(*y, &f[0] * &p[0] + &f[1] * &p[1] + &f[2], "at {p:?}");
                }
            }
        }
    }
}

#[test]
fn two_relus_cut_the_square_into_quadrants() {
    // y = a[x_1] + a[x_2].
    let values = [
        r(0, 1),
        r(1, 1),
        r(0, 1),
        r(0, 1),
        r(0, 1),
        r(1, 1),
        r(0, 1),
        r(1, 1),
        r(1, 1),
    ];
    let (net, b) = mlp(&[2, 2, 1], &values);
    let rs = regions_2d(&net, &b, &Activation::Relu, unit_box()).unwrap();
    assert_eq!(rs.regions.len(), 4);
    assert!(rs.regions.iter().all(|g| g.convex && g.area == r(1, 1)));
    check_partition(&net, &b, &Activation::Relu, &rs);
    let json = rs.to_json();
    assert_eq!(json["regions"], 4);
    assert_eq!(json["domain"]["x_1"], serde_json::json!(["-1", "1"]));
}

#[test]
fn a_kink_outside_the_box_or_cancelled_leaves_one_region() {
    // y = a[x_1 + 5] − a[−x_1 − 5] = x_1 + 5 on the box.
    let values = [
        r(5, 1),
        r(1, 1),
        r(0, 1),
        r(-5, 1),
        r(-1, 1),
        r(0, 1),
        r(0, 1),
        r(1, 1),
        r(-1, 1),
    ];
    let (net, b) = mlp(&[2, 2, 1], &values);
    let rs = regions_2d(&net, &b, &Activation::Relu, unit_box()).unwrap();
    assert_eq!(rs.regions.len(), 1);
    assert_eq!(rs.regions[0].polygons[0].len(), 4);
    // y = a[x_1] − a[−x_1] = x_1: the cut along x_1 = 0 is joined again.
    let values = [
        r(0, 1),
        r(1, 1),
        r(0, 1),
        r(0, 1),
        r(-1, 1),
        r(0, 1),
        r(0, 1),
        r(1, 1),
        r(-1, 1),
    ];
    let (net, b) = mlp(&[2, 2, 1], &values);
    let rs = regions_2d(&net, &b, &Activation::Relu, unit_box()).unwrap();
    assert_eq!((rs.regions.len(), rs.cells), (1, 2));
    assert!(rs.regions[0].convex);
}

#[test]
fn regions_on_a_box_refuse_other_networks() {
    let (net, b) = mlp(&[1, 2, 1], &[r(1, 1)]);
    assert!(regions_2d(&net, &b, &Activation::Relu, unit_box()).is_err());
    let (net, b) = mlp(&[2, 2, 1], &[r(1, 1)]);
    let empty = [(r(1, 1), r(1, 1)), (r(0, 1), r(1, 1))];
    assert!(regions_2d(&net, &b, &Activation::Relu, empty).is_err());
}

fn two_input_arch() -> impl Strategy<Value = Vec<usize>> {
    (prop::collection::vec(1usize..=4, 1..=3), 1usize..=2).prop_map(|(hidden, outputs)| {
        let mut a = vec![2];
        a.extend(hidden);
        a.push(outputs);
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn two_input_partitions_tile_the_box_and_are_affine(
        widths in two_input_arch(),
        values in prop::collection::vec(small_rational(), 1..40),
        act in activation(),
    ) {
        let (net, b) = mlp(&widths, &values);
        let domain = [(r(-2, 1), r(3, 2)), (r(-1, 1), r(5, 4))];
        let rs = regions_2d(&net, &b, &act, domain).unwrap();
        check_partition(&net, &b, &act, &rs);
        if act == Activation::Relu {
            let bound = Bounds::of_arch(&widths).unwrap();
            prop_assert!(&BigUint::from(rs.regions.len()) <= bound.value("serra_2018_upper").unwrap());
        }
    }
}

// ---- the bundled examples ---------------------------------------------------

/// Every bundled example with one input: its regions on [-1, 1] as text and
/// JSON, checked against evaluation and snapshotted.
#[test]
fn regions_of_the_bundled_examples() {
    common::snapshots(|| {
        for example in netform::examples::EXAMPLES {
            let net = common::net(example.source);
            let b = common::bind(&net, example.params);
            let rs = regions(&net, &b, Some((r(-1, 1), r(1, 1))));
            check_against_evaluation(&net, &b, &Activation::Relu, &rs);
            let json = serde_json::to_string_pretty(&rs.to_json()).unwrap();
            insta::assert_snapshot!(format!("regions-{}", example.name), format!("{rs}\n{json}"));
        }
    });
}

#[test]
fn count_and_bound_reports() {
    common::snapshots(|| {
        let combined = netform::examples::find("compose-combined").unwrap();
        let count = Count::of_network(&common::net(combined.source));
        assert_eq!(count.parameters, 22);
        insta::assert_snapshot!(
            "count-compose-combined",
            format!("{count}\n{}", count.to_json())
        );
        let arch = Count::of_arch(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
        insta::assert_snapshot!("count-arch-1-10x5-1", format!("{arch}\n{}", arch.to_json()));
        for (name, widths) in [
            ("1-10x5-1", vec![1, 10, 10, 10, 10, 10, 1]),
            ("10-50x5-1", vec![10, 50, 50, 50, 50, 50, 1]),
            ("1-6-1", vec![1, 6, 1]),
        ] {
            let b = Bounds::of_arch(&widths).unwrap();
            let json = serde_json::to_string_pretty(&b.to_json()).unwrap();
            insta::assert_snapshot!(format!("bound-{name}"), format!("{b}\n{json}"));
        }
    });
}
