//! The budget of symbolic and exact arithmetic: how many terms a product of
//! polynomials, and how many digits an exact number, may have.
//!
//! Products are where sizes multiply: ten copies of a 9-term bracket make a
//! polynomial of 9¹⁰ terms, fifty factors of `1e10000` a number of half a
//! million digits, and a parameter defined as the square of the one before
//! doubles its size on every line. Each product is checked *before* it is
//! formed, from the sizes of its factors, so refusing costs nothing.
//!
//! The budget is process-wide: the command line sets it once from
//! `--max-product-size`, `--max-digits` and `--max-pieces`; library users call
//! [`Budget::set`].

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// The limits a product must stay within.
///
/// ```
/// use netform::expr::{Budget, Poly};
/// use netform::syntax::parse_number;
///
/// let big = Poly::constant(parse_number("1e60").unwrap());
/// let small = Budget { max_terms: 100, max_digits: 100, ..Budget::DEFAULT };
/// // 10^60 · 10^60 has 121 digits: refused before it is computed.
/// let refused = big.try_mul(&big, small).unwrap_err();
/// assert!(refused.to_string().contains("--max-digits"));
/// assert!(big.try_mul(&big, Budget::DEFAULT).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// The largest polynomial a product may produce, counting each term and
    /// each factor of a term: `2θ₁₁φ₁ + θ₁₀` has size 5.
    pub max_terms: u64,
    /// The most decimal digits (numerator and denominator together) of an
    /// exact number produced by a product.
    pub max_digits: u64,
    /// The most linear pieces (one input) or cells (two inputs) `regions`
    /// and `plot` may find.
    pub max_pieces: u64,
}

/// Which limit a product would exceed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// [`Budget::max_terms`]: terms and factors of a polynomial.
    Terms,
    /// [`Budget::max_digits`]: digits of an exact number.
    Digits,
}

/// A refused product: what it would have produced and the limit it exceeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exceeded {
    /// The limit exceeded.
    pub limit: Limit,
    /// About how many terms or digits the product would have.
    pub estimate: u64,
    /// The limit's value.
    pub max: u64,
}

static MAX_TERMS: AtomicU64 = AtomicU64::new(Budget::DEFAULT.max_terms);
static MAX_DIGITS: AtomicU64 = AtomicU64::new(Budget::DEFAULT.max_digits);
static MAX_PIECES: AtomicU64 = AtomicU64::new(Budget::DEFAULT.max_pieces);

/// log10(2): decimal digits per bit.
const DIGITS_PER_BIT: f64 = std::f64::consts::LOG10_2;

impl Budget {
    /// The default: 100,000 terms and factors, 10,000 digits, 100,000
    /// pieces or cells.
    ///
    /// The digits are those of the largest number a written number may have
    /// (10,000), because arithmetic on big rationals is quadratic in their
    /// size: a gcd of two numbers of 10,000 digits takes about 6 ms, of
    /// 100,000 digits about 0.6 s, and a sum of fractions needs one.
    pub const DEFAULT: Budget = Budget {
        max_terms: 100_000,
        max_digits: 10_000,
        max_pieces: 100_000,
    };

    /// The budget in force in this process.
    pub fn current() -> Budget {
        Budget {
            max_terms: MAX_TERMS.load(Ordering::Relaxed),
            max_digits: MAX_DIGITS.load(Ordering::Relaxed),
            max_pieces: MAX_PIECES.load(Ordering::Relaxed),
        }
    }

    /// Puts this budget in force for the whole process.
    pub fn set(self) {
        MAX_TERMS.store(self.max_terms, Ordering::Relaxed);
        MAX_DIGITS.store(self.max_digits, Ordering::Relaxed);
        MAX_PIECES.store(self.max_pieces, Ordering::Relaxed);
    }

    /// Checks a polynomial of `size` terms and factors: each term counts
    /// one, and one more for each of its factors.
    pub fn terms(self, size: u128) -> Result<(), Exceeded> {
        let terms = size;
        if terms > u128::from(self.max_terms) {
            return Err(Exceeded {
                limit: Limit::Terms,
                estimate: u64::try_from(terms).unwrap_or(u64::MAX),
                max: self.max_terms,
            });
        }
        Ok(())
    }

    /// Checks a number of `bits` bits (numerator and denominator together).
    pub fn bits(self, bits: u64) -> Result<(), Exceeded> {
        let digits = (bits as f64 * DIGITS_PER_BIT).ceil() as u64;
        if digits > self.max_digits {
            return Err(Exceeded {
                limit: Limit::Digits,
                estimate: digits,
                max: self.max_digits,
            });
        }
        Ok(())
    }

    /// Checks the product of two exact numbers before it is computed.
    pub fn product(self, a: &BigRational, b: &BigRational) -> Result<(), Exceeded> {
        self.bits(bits(a).saturating_add(bits(b)))
    }
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::DEFAULT
    }
}

/// The bits of a rational's numerator and denominator together.
pub fn bits(r: &BigRational) -> u64 {
    r.numer().bits().saturating_add(r.denom().bits())
}

impl Limit {
    /// The command-line option that raises this limit.
    pub fn option(self) -> &'static str {
        match self {
            Limit::Terms => "--max-product-size",
            Limit::Digits => "--max-digits",
        }
    }
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.limit {
            Limit::Terms => "terms and factors",
            Limit::Digits => "digits",
        };
        let about = if self.estimate == u64::MAX {
            format!("more than {}", u64::MAX)
        } else {
            format!("about {}", self.estimate)
        };
        write!(
            f,
            "this product would have {about} {what}, more than the limit of {}; raise it with {}",
            self.max,
            self.limit.option(),
        )?;
        if self.estimate < u64::MAX {
            write!(f, " {}", self.estimate)?;
        }
        Ok(())
    }
}

/// The exact product `a · b`, as `BigRational`'s own `*` gives it, but with
/// the cancelling gcds taken cheaply when one side of each is small: the
/// binary gcd of a 100,000-digit number and 1 takes as long as squaring it.
pub fn product(a: &BigRational, b: &BigRational) -> BigRational {
    let g1 = gcd(a.numer(), b.denom());
    let g2 = gcd(b.numer(), a.denom());
    let numer = (a.numer() / &g1) * (b.numer() / &g2);
    let denom = (a.denom() / &g2) * (b.denom() / &g1);
    // Both factors are in lowest terms with positive denominators, so the
    // cross-cancelled product is too.
    BigRational::new_raw(numer, denom)
}

/// The gcd of two integers, in linear time when one of them fits in 64 bits.
fn gcd(x: &BigInt, y: &BigInt) -> BigInt {
    if x.is_zero() {
        return y.abs();
    }
    if y.is_zero() {
        return x.abs();
    }
    let small = |n: &BigInt| n.magnitude().to_u64();
    let rest = |n: &BigInt, s: u64| (n.magnitude() % s).to_u64().unwrap_or(0);
    match (small(x), small(y)) {
        (Some(s), _) => BigInt::from(small_gcd(s, rest(y, s))),
        (_, Some(s)) => BigInt::from(small_gcd(s, rest(x, s))),
        _ => x.gcd(y),
    }
}

/// Euclid on machine words.
fn small_gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The exact sum `a + b`, as `BigRational`'s own `+` gives it, without a gcd
/// when one of them is an integer: `n/d + k = (n + k d)/d` is already in
/// lowest terms, and the binary gcd of two large numbers costs as much as
/// squaring them many times over.
pub fn sum(a: &BigRational, b: &BigRational) -> BigRational {
    match (a.is_integer(), b.is_integer()) {
        (true, true) => BigRational::from_integer(a.numer() + b.numer()),
        (false, true) => BigRational::new_raw(a.numer() + b.numer() * a.denom(), a.denom().clone()),
        (true, false) => BigRational::new_raw(b.numer() + a.numer() * b.denom(), b.denom().clone()),
        (false, false) => a + b,
    }
}
