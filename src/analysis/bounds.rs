//! The maximum number of linear regions of an architecture, by every formula
//! that applies, each as an exact integer with its source.
//!
//! An architecture is `D_i, D_1, …, D_K, D_o`: `D_i` inputs, `K` hidden layers
//! of widths `D_1 … D_K` (`n_1 … n_L` in the papers, with `n_0 = D_i`) and
//! `D_o` outputs (which do not change the number of regions). A ReLU network's
//! function is piecewise linear; its linear regions are the pieces.
//!
//! | key | formula | kind | applies when |
//! | --- | --- | --- | --- |
//! | `one_input_exact_max` | `Π_k (D_k + 1)` | exact maximum | `D_i = 1`, and one hidden layer or every `D_k ≥ 3` |
//! | `zaslavsky` | `Σ_{j=0}^{D_i} C(D, j)` | exact maximum | one hidden layer of `D` units |
//! | `udl_eq_4_17` | `(D/D_i + 1)^{D_i(K-1)} Σ_{j=0}^{D_i} C(D, j)` | the maximum as the book states it (for `D_i > 1` Serra et al. prove it as a lower bound, for `D ≥ 3 D_i`) | equal widths `D ≥ D_i`, `D_i` divides `D` |
//! | `montufar_2014_lower` | `Π_{l<L} ⌊n_l/n_0⌋^{n_0} · Σ_{j=0}^{n_0} C(n_L, j)` | lower bound | every `n_l ≥ n_0` |
//! | `serra_2018_lower` | `Π_{l<L} (⌊n_l/n_0⌋ + 1)^{n_0} · Σ_{j=0}^{n_0} C(n_L, j)` | lower bound | every `n_l ≥ 3 n_0` |
//! | `serra_2018_upper` | `Σ_{(j_1…j_L) ∈ J} Π_l C(n_l, j_l)` | upper bound | always |
//! | `trivial_upper` | `2^{Σ_l n_l}` | upper bound | always |
//!
//! "Lower bound" means a lower bound on the maximum: some choice of
//! parameters reaches at least that many regions.

use super::params::check_arch;
use super::scientific;
use crate::diagnostic::Diagnostic;
use num_bigint::BigUint;
use num_traits::{One, Zero};
use std::fmt;

/// Architectures with more hidden units than this are refused: the trivial
/// bound alone would have more than 60,000 digits.
pub const MAX_HIDDEN_UNITS: usize = 200_000;

/// Architectures where min(inputs, widest hidden layer) × hidden units is
/// larger than this are refused: the sums of binomials behind the exact
/// bounds take time and memory in proportion to it (200,000 inputs and
/// 200,000 units took 80 s and 11 GB).
pub const MAX_BOUND_WORK: usize = 100_000_000;

/// What a number says about the maximum number of regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The maximum itself.
    Exact,
    /// Some network of this architecture has at least this many regions.
    Lower,
    /// No network of this architecture has more.
    Upper,
    /// The maximum as the book states it (eq. 4.17): exact for one input, and
    /// for more inputs the same number as Serra et al.'s lower bound.
    Book,
}

/// One formula applied to an architecture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bound {
    /// The JSON key: `udl_eq_4_17`.
    pub key: &'static str,
    /// What it is, in a few words.
    pub title: &'static str,
    /// Whether it is the maximum, a lower or an upper bound on it.
    pub kind: Kind,
    /// The number, or why the formula does not apply to this architecture.
    pub value: Result<BigUint, String>,
    /// The formula, in the book's notation.
    pub formula: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

/// Every bound for one architecture, in the order of the table in the module
/// documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// The architecture: input size, hidden widths, output size.
    pub arch: Vec<usize>,
    /// The bounds.
    pub bounds: Vec<Bound>,
}

impl Bounds {
    /// Applies every formula to an architecture (input size, hidden widths,
    /// output size).
    ///
    /// ```
    /// use netform::analysis::bounds::Bounds;
    /// let b = Bounds::of_arch(&[1, 10, 10, 10, 10, 10, 1]).unwrap();
    /// assert_eq!(b.value("one_input_exact_max").unwrap().to_string(), "161051");
    /// ```
    pub fn of_arch(arch: &[usize]) -> Result<Bounds, Diagnostic> {
        check_arch(arch, 3)?;
        let hidden = &arch[1..arch.len() - 1];
        let units = hidden
            .iter()
            .try_fold(0usize, |s, &n| s.checked_add(n))
            .unwrap_or(usize::MAX);
        if units > MAX_HIDDEN_UNITS {
            return Err(Diagnostic::global(
                "too-large",
                format!("the architecture has {units} hidden units; `bound` takes at most {MAX_HIDDEN_UNITS}"),
            ));
        }
        let n0 = arch[0];
        let widest = hidden.iter().copied().max().unwrap_or(0);
        let work = n0.min(widest).saturating_mul(units);
        if work > MAX_BOUND_WORK {
            return Err(Diagnostic::global(
                "too-large",
                format!("the architecture has {n0} inputs and {units} hidden units; `bound` takes at most min(inputs, widest layer) × hidden units = {MAX_BOUND_WORK}, and here it is {work}"),
            ));
        }
        let bounds = vec![
            Bound {
                key: "one_input_exact_max",
                title: "one input",
                kind: Kind::Exact,
                value: one_input_exact_max(n0, hidden),
                formula: "Π_k (D_k + 1)",
                source: "Serra, Tjandraatmadja & Ramalingam (2018), where the lower and upper bounds meet for one input; UDL §4.5: (D+1)^K for K layers of D units",
            },
            Bound {
                key: "zaslavsky",
                title: "shallow network (Zaslavsky)",
                kind: Kind::Exact,
                value: zaslavsky(n0, hidden),
                formula: "Σ_{j=0}^{D_i} C(D, j)",
                source: "Zaslavsky (1975): D hyperplanes in general position divide R^{D_i} into this many regions; UDL §3.4",
            },
            Bound {
                key: "udl_eq_4_17",
                title: "deep network (UDL eq. 4.17)",
                kind: Kind::Book,
                value: udl_eq_4_17(n0, hidden),
                formula: "(D/D_i + 1)^{D_i(K-1)} · Σ_{j=0}^{D_i} C(D, j)",
                source: "UDL eq. 4.17 (after Montúfar et al. 2014 and Serra et al. 2018)",
            },
            Bound {
                key: "montufar_2014_lower",
                title: "Montúfar et al. 2014",
                kind: Kind::Lower,
                value: lower(n0, hidden, 1, 0),
                formula: "Π_{l=1}^{L-1} ⌊n_l/n_0⌋^{n_0} · Σ_{j=0}^{n_0} C(n_L, j)",
                source: "Montúfar, Pascanu, Cho & Bengio (2014), On the number of linear regions of deep neural networks, NeurIPS",
            },
            Bound {
                key: "serra_2018_lower",
                title: "Serra et al. 2018",
                kind: Kind::Lower,
                value: lower(n0, hidden, 3, 1),
                formula: "Π_{l=1}^{L-1} (⌊n_l/n_0⌋ + 1)^{n_0} · Σ_{j=0}^{n_0} C(n_L, j)",
                source: "Serra, Tjandraatmadja & Ramalingam (2018), Bounding and counting linear regions of deep neural networks, ICML",
            },
            Bound {
                key: "serra_2018_upper",
                title: "Serra et al. 2018",
                kind: Kind::Upper,
                value: Ok(serra_upper(n0, hidden)),
                formula: "Σ_{(j_1…j_L) ∈ J} Π_{l=1}^{L} C(n_l, j_l), J = {0 ≤ j_l ≤ min(n_0, n_1 − j_1, …, n_{l−1} − j_{l−1}, n_l)}",
                source: "Serra, Tjandraatmadja & Ramalingam (2018), Bounding and counting linear regions of deep neural networks, ICML",
            },
            Bound {
                key: "trivial_upper",
                title: "trivial",
                kind: Kind::Upper,
                value: Ok(BigUint::one() << units),
                formula: "2^{Σ_l n_l}",
                source: "each linear region has its own pattern of active hidden units",
            },
        ];
        Ok(Bounds {
            arch: arch.to_vec(),
            bounds,
        })
    }

    /// The value of the bound with this JSON key, if it applies.
    pub fn value(&self, key: &str) -> Option<&BigUint> {
        self.bounds
            .iter()
            .find(|b| b.key == key)
            .and_then(|b| b.value.as_ref().ok())
    }

    /// The bounds as JSON: each key with its value as a decimal string (or
    /// `null` when the formula does not apply), then `"details"` with the
    /// formula, source, kind, scientific notation or reason of each.
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        out.insert("arch".into(), serde_json::json!(self.arch));
        for b in &self.bounds {
            let v = match &b.value {
                Ok(n) => serde_json::Value::String(n.to_str_radix(10)),
                Err(_) => serde_json::Value::Null,
            };
            out.insert(b.key.into(), v);
        }
        let details: Vec<serde_json::Value> = self
            .bounds
            .iter()
            .map(|b| {
                let mut d = serde_json::json!({
                    "key": b.key,
                    "title": b.title,
                    "kind": b.kind,
                    "formula": b.formula,
                    "source": b.source,
                });
                match &b.value {
                    Ok(n) => d["scientific"] = scientific(n).1.into(),
                    Err(reason) => d["not_applicable"] = reason.clone().into(),
                }
                d
            })
            .collect();
        out.insert("details".into(), details.into());
        serde_json::Value::Object(out)
    }
}

impl fmt::Display for Bounds {
    /// One paragraph per formula: the title and kind, the value exactly and in
    /// scientific notation (or why it does not apply), the formula and source.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self.arch.iter().map(|d| d.to_string()).collect();
        writeln!(
            f,
            "architecture {}: {} input{}, {} hidden layer{}",
            list.join(", "),
            self.arch[0],
            plural(self.arch[0]),
            self.arch.len() - 2,
            plural(self.arch.len() - 2)
        )?;
        for b in &self.bounds {
            let kind = match b.kind {
                Kind::Exact => "exact maximum",
                Kind::Lower => "lower bound on the maximum",
                Kind::Upper => "upper bound",
                Kind::Book => "the maximum as the book states it",
            };
            writeln!(f)?;
            writeln!(f, "{} ({kind}): {}", b.title, b.formula)?;
            match &b.value {
                Ok(n) => {
                    let exact = n.to_str_radix(10);
                    let (sci, _) = scientific(n);
                    if sci == exact {
                        writeln!(f, "  = {exact}")?;
                    } else if exact.len() <= 60 {
                        writeln!(f, "  = {exact} ≈ {sci}")?;
                    } else {
                        writeln!(
                            f,
                            "  ≈ {sci} ({} digits; --format json prints them all)",
                            exact.len()
                        )?;
                    }
                }
                Err(reason) => writeln!(f, "  does not apply: {reason}")?,
            }
            writeln!(f, "  source: {}", b.source)?;
        }
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `Π_k (D_k + 1)` for one input: Serra et al.'s upper bound for `n_0 = 1`,
/// which their construction reaches when every layer has at least 3 units;
/// with one hidden layer it is Zaslavsky's `D + 1`.
fn one_input_exact_max(n0: usize, hidden: &[usize]) -> Result<BigUint, String> {
    if n0 != 1 {
        return Err(format!("the network has {n0} inputs, not one"));
    }
    if hidden.len() > 1 && hidden.iter().any(|&n| n < 3) {
        return Err("a hidden layer has fewer than 3 units, and the construction that reaches Π(D_k + 1) needs at least 3 per layer; see serra_2018_upper".into());
    }
    Ok(hidden.iter().map(|&n| BigUint::from(n) + 1u32).product())
}

/// `Σ_{j=0}^{D_i} C(D, j)` for a shallow network.
fn zaslavsky(n0: usize, hidden: &[usize]) -> Result<BigUint, String> {
    match hidden {
        [d] => Ok(binomial_prefix(*d, n0)),
        _ => Err(format!(
            "Zaslavsky's count is for one hidden layer; this network has {}",
            hidden.len()
        )),
    }
}

/// UDL eq. 4.17: `(D/D_i + 1)^{D_i(K-1)} Σ_{j=0}^{D_i} C(D, j)`.
fn udl_eq_4_17(n0: usize, hidden: &[usize]) -> Result<BigUint, String> {
    let d = hidden[0];
    if hidden.iter().any(|&n| n != d) {
        return Err("eq. 4.17 is for hidden layers of equal width D".into());
    }
    if d < n0 {
        return Err(format!("eq. 4.17 needs D ≥ D_i; here D = {d} < D_i = {n0}"));
    }
    if d % n0 != 0 {
        return Err(format!("D/D_i = {d}/{n0} is not a whole number, so eq. 4.17 gives no count; see the bounds of Serra et al."));
    }
    let exponent = n0 * (hidden.len() - 1);
    let base = BigUint::from(d / n0 + 1);
    Ok(num_traits::pow(base, exponent) * binomial_prefix(d, n0))
}

/// The lower bounds of Montúfar et al. (`min_ratio = 1`, `plus = 0`) and of
/// Serra et al. (`min_ratio = 3`, `plus = 1`):
/// `Π_{l<L} (⌊n_l/n_0⌋ + plus)^{n_0} · Σ_{j=0}^{n_0} C(n_L, j)`, which hold when
/// every `n_l ≥ min_ratio · n_0`.
fn lower(n0: usize, hidden: &[usize], min_ratio: usize, plus: usize) -> Result<BigUint, String> {
    let need = n0.saturating_mul(min_ratio);
    if let Some(n) = hidden.iter().find(|&&n| n < need) {
        let what = if min_ratio == 1 {
            "n_0".to_string()
        } else {
            format!("{min_ratio}·n_0")
        };
        return Err(format!(
            "it needs every hidden width ≥ {what} = {need}; a layer has {n}"
        ));
    }
    let (last, rest) = hidden.split_last().ok_or("no hidden layer")?;
    let mut product = binomial_prefix(*last, n0);
    for &n in rest {
        product *= num_traits::pow(BigUint::from(n / n0 + plus), n0);
    }
    Ok(product)
}

/// Serra et al.'s upper bound, by dynamic programming over the layers.
///
/// The set `J` constrains `j_l` by `d_l = min(n_0, n_1 − j_1, …, n_{l−1} −
/// j_{l−1})`, the dimension still available after layer `l − 1`, so the sum
/// factors through `d`: `ways[d]` is the sum of `Π C(n_i, j_i)` over the
/// choices so far that leave `d`. Choosing `j ≤ min(d, n)` at a layer of `n`
/// units leaves `min(d, n − j)`: `d` itself while `j ≤ n − d`, else `n − j`.
/// With prefix sums of the binomials and suffix sums of `ways` each layer
/// costs `O(min(n_0, n))` big-integer operations.
fn serra_upper(n0: usize, hidden: &[usize]) -> BigUint {
    let start = n0.min(hidden.first().copied().unwrap_or(0));
    let mut ways = vec![BigUint::zero(); start + 1];
    ways[start] = BigUint::one();
    for &n in hidden {
        let top = ways.len() - 1;
        let binomials = binomials(n, top);
        let mut prefix = Vec::with_capacity(binomials.len());
        let mut acc = BigUint::zero();
        for c in &binomials {
            acc += c;
            prefix.push(acc.clone());
        }
        let mut suffix = vec![BigUint::zero(); top + 2];
        for d in (0..=top).rev() {
            suffix[d] = &suffix[d + 1] + &ways[d];
        }
        let mut next = vec![BigUint::zero(); top.min(n) + 1];
        for (d, w) in ways.iter().enumerate() {
            if d <= n && !w.is_zero() {
                next[d] += w * &prefix[d.min(n - d)];
            }
        }
        for (t, slot) in next.iter_mut().enumerate() {
            let from = (t + 1).max(n - t);
            if from <= top {
                *slot += &binomials[t] * &suffix[from];
            }
        }
        ways = next;
    }
    ways.iter().sum()
}

/// `C(n, 0), C(n, 1), …, C(n, min(k, n))`.
fn binomials(n: usize, k: usize) -> Vec<BigUint> {
    let mut out = Vec::with_capacity(k.min(n) + 1);
    let mut c = BigUint::one();
    out.push(c.clone());
    for j in 0..k.min(n) {
        c = c * BigUint::from(n - j) / BigUint::from(j + 1);
        out.push(c.clone());
    }
    out
}

/// `Σ_{j=0}^{k} C(n, j)`.
fn binomial_prefix(n: usize, k: usize) -> BigUint {
    let mut c = BigUint::one();
    let mut sum = c.clone();
    for j in 0..k.min(n) {
        c = c * BigUint::from(n - j) / BigUint::from(j + 1);
        sum += &c;
    }
    sum
}
