//! Two inputs: the polygons and the heat map are the exact regions and values.

use crate::common::{bind, net, q, snapshots};
use netform::analysis::regions2d::regions_2d;
use netform::eval::{Activation, Compiled};
use netform::plot::plane;
use num_rational::BigRational;

const NET: &str = "h_1 = a[theta_10 + theta_11 x_1 + theta_12 x_2]
h_2 = a[theta_20 + theta_21 x_1 + theta_22 x_2]
h_3 = a[theta_30 + theta_31 x_1 + theta_32 x_2]
y = phi_0 + phi_1 h_1 + phi_2 h_2 + phi_3 h_3";
const PARAMS: &str = "theta_10 = 1/5\ntheta_11 = 1\ntheta_12 = -1\ntheta_20 = -1/2\n\
theta_21 = 1/2\ntheta_22 = 1\ntheta_30 = 0\ntheta_31 = -1\ntheta_32 = -1/3\n\
phi_0 = 1/10\nphi_1 = 1\nphi_2 = -2\nphi_3 = 3/2";

/// The exact output at `(x_1, x_2)`.
fn eval(x1: &BigRational, x2: &BigRational) -> BigRational {
    let network = net(NET);
    let b = bind(&network, PARAMS);
    Compiled::<BigRational>::new(&network, &b, Activation::Relu).outputs(&[x1.clone(), x2.clone()])
        [0]
    .clone()
}

/// The network's regions on the unit box and its two pictures.
fn pictures() -> (netform::analysis::regions2d::Regions2d, String, String) {
    let network = net(NET);
    let b = bind(&network, PARAMS);
    let boxed = [(q("-1"), q("1")), (q("-1"), q("1"))];
    let r = regions_2d(&network, &b, &Activation::Relu, boxed).expect("regions");
    let inputs = ["x₁".to_string(), "x₂".to_string()];
    let svg = plane::svg(&r, &inputs, &["y".to_string()]);
    let inputs = ["x_{1}".to_string(), "x_{2}".to_string()];
    let tex = plane::pgfplots(&r, &inputs, &["y".to_string()]);
    (r, svg, tex)
}

#[test]
fn svg_polygons_are_the_exact_regions_with_exact_values() {
    let (r, svg, _) = pictures();
    let vertices = super::attributes(&svg, "data-vertices");
    let functions = super::attributes(&svg, "data-function");
    let polygons: Vec<_> = r
        .regions
        .iter()
        .flat_map(|g| g.polygons.iter().map(move |p| (g, p)))
        .collect();
    assert_eq!(
        vertices.len(),
        2 * polygons.len(),
        "both panels draw every polygon"
    );
    for (i, (v, f)) in vertices.iter().zip(&functions).enumerate() {
        let (region, polygon) = polygons[i % polygons.len()];
        let points: Vec<[BigRational; 2]> = v
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                [q(x), q(y)]
            })
            .collect();
        assert_eq!(&points, polygon);
        let g: Vec<BigRational> = f.split(',').map(q).collect();
        assert_eq!(g[..], region.functions[0][..]);
        for p in &points {
            assert_eq!(plane::at(&region.functions[0], p), eval(&p[0], &p[1]));
        }
    }
}

#[test]
fn pgfplots_heat_map_values_are_eval_exactly() {
    let (_, _, tex) = pictures();
    let mut n = 0;
    for line in tex.lines().filter(|l| l.contains("% x=")) {
        let comment = line.split("% x=").nth(1).expect("comment");
        let (x, rest) = comment.split_once(" y=").expect("y");
        let (y, v) = rest.split_once(" value=").expect("value");
        assert_eq!(eval(&q(x), &q(y)), q(v), "at {x},{y}");
        n += 1;
    }
    assert!(n >= 3 && n % 3 == 0, "whole triangles");
    assert!(tex.is_ascii());
}

#[test]
fn cli_draws_two_inputs() {
    let dir = std::env::temp_dir().join(format!("netform-plane-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    std::fs::write(dir.join("n.txt"), NET).expect("written");
    std::fs::write(dir.join("p.txt"), PARAMS).expect("written");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netform"))
        .args([
            "plot",
            "n.txt",
            "--params",
            "p.txt",
            "--domain",
            "x_1=0,1; x_2=-1,1",
        ])
        .current_dir(&dir)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(svg.contains("class=\"region\"") && svg.contains("linearGradient"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plane_snapshots() {
    let (_, svg, tex) = pictures();
    snapshots(|| {
        insta::assert_snapshot!("plot-two-inputs-svg", svg);
        insta::assert_snapshot!("plot-two-inputs-pgfplots", tex);
    });
}
