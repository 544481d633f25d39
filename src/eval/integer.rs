//! The integers exact evaluation computes in: `i128`, whose every step may
//! refuse on overflow, and `BigInt`, which never refuses.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::fmt;

/// The integers a program computes in: `i128` (any step may refuse on
/// overflow) or `BigInt` (never refuses).
pub(super) trait Int: Clone + PartialEq + fmt::Debug + Zero + One + Signed {
    /// `b`, if it fits.
    fn from_big(b: &BigInt) -> Option<Self>;
    /// `self` as a `BigInt`.
    fn into_big(self) -> BigInt;
    /// `self · other`.
    fn product(&self, other: &Self) -> Option<Self>;
    /// `self += a · b`.
    fn add_product(&mut self, a: &Self, b: &Self) -> Option<()>;
    /// `self / other` when `other` divides `self`.
    fn div_exact(&self, other: &Self) -> Self;
    /// Whether `other` divides `self` (`other > 0`).
    fn divisible_by(&self, other: &Self) -> bool;
    /// The greatest common divisor, non-negative.
    fn gcd_with(&self, other: &Self) -> Self;
    /// The number of bits of `|self|`.
    fn bits(&self) -> u64;
}

impl Int for i128 {
    fn from_big(b: &BigInt) -> Option<i128> {
        i128::try_from(b).ok()
    }
    fn into_big(self) -> BigInt {
        BigInt::from(self)
    }
    /// Two factors that fit in `i64` need one machine multiplication and no
    /// overflow check.
    fn product(&self, other: &i128) -> Option<i128> {
        match (i64::try_from(*self), i64::try_from(*other)) {
            (Ok(a), Ok(b)) => Some(i128::from(a) * i128::from(b)),
            _ => self.checked_mul(*other),
        }
    }
    fn add_product(&mut self, a: &i128, b: &i128) -> Option<()> {
        *self = self.checked_add(a.product(b)?)?;
        Some(())
    }
    fn div_exact(&self, other: &i128) -> i128 {
        match (i64::try_from(*self), i64::try_from(*other)) {
            (Ok(a), Ok(b)) => i128::from(a / b),
            _ => self / other,
        }
    }
    fn divisible_by(&self, other: &i128) -> bool {
        match (i64::try_from(*self), i64::try_from(*other)) {
            (Ok(a), Ok(b)) => a % b == 0,
            _ => self % other == 0,
        }
    }
    fn gcd_with(&self, other: &i128) -> i128 {
        Integer::gcd(self, other)
    }
    fn bits(&self) -> u64 {
        u64::from(128 - self.unsigned_abs().leading_zeros())
    }
}

impl Int for BigInt {
    fn from_big(b: &BigInt) -> Option<BigInt> {
        Some(b.clone())
    }
    fn into_big(self) -> BigInt {
        self
    }
    fn product(&self, other: &BigInt) -> Option<BigInt> {
        Some(self * other)
    }
    /// A zero factor (a unit cut off by ReLU) costs no multiplication.
    fn add_product(&mut self, a: &BigInt, b: &BigInt) -> Option<()> {
        if !Zero::is_zero(a) && !Zero::is_zero(b) {
            *self += a * b;
        }
        Some(())
    }
    fn div_exact(&self, other: &BigInt) -> BigInt {
        self / other
    }
    fn divisible_by(&self, other: &BigInt) -> bool {
        Integer::is_multiple_of(self, other)
    }
    fn gcd_with(&self, other: &BigInt) -> BigInt {
        Integer::gcd(self, other)
    }
    fn bits(&self) -> u64 {
        BigInt::bits(self)
    }
}

/// The least common multiple of two positive integers.
pub(super) fn lcm<I: Int>(a: &I, b: &I) -> Option<I> {
    if a.divisible_by(b) {
        Some(a.clone())
    } else {
        a.div_exact(&a.gcd_with(b)).product(b)
    }
}
