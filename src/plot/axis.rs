//! Axis ranges, "nice" tick marks and fixed number formatting, shared by the
//! picture writers.

/// A linear axis: the data range drawn and its tick values.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The smallest value drawn.
    pub lo: f64,
    /// The largest value drawn.
    pub hi: f64,
    /// Tick values, increasing, inside `lo..=hi`.
    pub ticks: Vec<f64>,
}

impl Axis {
    /// An axis covering `lo..=hi` exactly, with about five ticks.
    pub fn exact(lo: f64, hi: f64) -> Axis {
        let (lo, hi) = widen(lo, hi);
        Axis {
            lo,
            hi,
            ticks: ticks(lo, hi),
        }
    }

    /// An axis covering `lo..=hi` with a margin of a tenth on each side, so
    /// that a curve does not touch the frame.
    pub fn padded(lo: f64, hi: f64) -> Axis {
        let (lo, hi) = widen(lo, hi);
        let pad = (hi - lo) / 10.0;
        Axis::exact(lo - pad, hi + pad)
    }

    /// Maps a value to `a..b` (for SVG, where y grows downwards, give `b < a`).
    pub fn map(&self, v: f64, a: f64, b: f64) -> f64 {
        a + (v - self.lo) / (self.hi - self.lo) * (b - a)
    }
}

/// An empty range widened to a unit one around its value.
fn widen(lo: f64, hi: f64) -> (f64, f64) {
    if hi - lo > 1e-12 {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    }
}

/// Multiples of a step of 1, 2 or 5 times a power of ten, about five of
/// them, inside `lo..=hi`.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let step = tick_step((hi - lo) / 5.0);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| clean(i as f64 * step)).collect()
}

/// The 1, 2 or 5 times a power of ten nearest above `raw`.
fn tick_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let scaled = raw / power;
    let nice = if scaled <= 1.0 {
        1.0
    } else if scaled <= 2.0 {
        2.0
    } else if scaled <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Rounds away the noise of `i * step` (so `0.30000000000000004` is `0.3`).
fn clean(v: f64) -> f64 {
    if v.abs() >= 1e9 {
        // Whole already to the precision shown; `v * 1e9` could overflow.
        return v;
    }
    let r = (v * 1e9).round() / 1e9;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A coordinate for drawing: two decimals, no negative zero.
pub fn coord(v: f64) -> String {
    let s = format!("{v:.2}");
    if s == "-0.00" {
        "0.00".to_string()
    } else {
        s
    }
}

/// A data value for PGFPlots: six decimals, no negative zero.
pub fn value(v: f64) -> String {
    let s = format!("{v:.6}");
    if s.trim_start_matches('-')
        .trim_matches(['0', '.'])
        .is_empty()
    {
        "0.000000".to_string()
    } else {
        s
    }
}

/// A tick label: the shortest decimal with at most four places (`0.5`, `-2`).
pub fn label(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(ticks(-1.0, 1.0), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(ticks(0.0, 3.3), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(label(-0.5), "-0.5");
        assert_eq!(coord(-0.0001), "0.00");
    }
}
