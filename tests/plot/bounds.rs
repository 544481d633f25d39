//! Regions per parameter: every point is the exact count and bound.

use super::attributes;
use crate::common::snapshots;
use netform::analysis::bounds::Bounds;
use netform::analysis::params::Count;
use netform::plot::bounds::{pgfplots, svg, BoundsPlot, KEY};

/// The exact count and bound of `inputs, width × depth, 1`.
fn exact(inputs: usize, depth: usize, width: usize) -> (String, String) {
    let mut arch = vec![inputs];
    arch.extend(std::iter::repeat_n(width, depth));
    arch.push(1);
    let params = Count::of_arch(&arch).expect("count").parameters;
    let bounds = Bounds::of_arch(&arch).expect("bounds");
    (
        params.to_string(),
        bounds.value(KEY).expect("eq. 4.17").to_string(),
    )
}

#[test]
fn points_are_the_exact_counts_and_bounds() {
    for (inputs, widths) in [(1, vec![1, 2, 3, 10, 50]), (10, vec![10, 20, 50])] {
        let plot = BoundsPlot::new(inputs, &[1, 2, 3, 4, 5], &widths).expect("plot");
        let text = svg(&plot);
        let ws = attributes(&text, "data-width");
        let params = attributes(&text, "data-params");
        let regions = attributes(&text, "data-regions");
        assert_eq!(ws.len(), 5 * widths.len());
        for (i, ((w, p), r)) in ws.iter().zip(&params).zip(&regions).enumerate() {
            let depth = i / widths.len() + 1;
            let w: usize = w.parse().expect("a width");
            assert_eq!(exact(inputs, depth, w), (p.to_string(), r.to_string()));
        }
        let tex = pgfplots(&plot);
        for line in tex.lines().filter(|l| l.contains("% width=")) {
            let comment = line.split("% width=").nth(1).expect("comment");
            let mut parts = comment.split(' ');
            let w: usize = parts.next().expect("w").parse().expect("w");
            let p = parts.next().expect("p").trim_start_matches("params=");
            let r = parts.next().expect("r").trim_start_matches("regions=");
            let drawn: u64 = line
                .trim_start_matches("  (")
                .split(',')
                .next()
                .expect("x")
                .parse()
                .expect("x");
            assert_eq!(drawn.to_string(), p);
            assert!((1..=5).any(|d| exact(inputs, d, w) == (p.to_string(), r.to_string())));
        }
    }
}

#[test]
fn widths_without_a_count_are_left_out() {
    let plot = BoundsPlot::new(10, &[2], &[5, 10, 15, 20]).expect("plot");
    let widths: Vec<usize> = plot.curves[0].1.iter().map(|p| p.width).collect();
    assert_eq!(widths, vec![10, 20]);
    assert!(BoundsPlot::new(10, &[2], &[5]).is_err());
}

#[test]
fn bounds_snapshots() {
    let one = BoundsPlot::new(1, &[1, 2, 3], &[1, 2, 4, 8]).expect("plot");
    let ten = BoundsPlot::new(10, &[1, 2, 3, 4, 5], &[10, 20, 30]).expect("plot");
    snapshots(|| {
        insta::assert_snapshot!("plot-bounds-1-svg", svg(&one));
        insta::assert_snapshot!("plot-bounds-10-pgfplots", pgfplots(&ten));
    });
}
