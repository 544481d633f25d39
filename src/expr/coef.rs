//! A monomial's rational coefficient, held without an allocation when it is 1.
//!
//! Almost every coefficient a network's text makes is 1: `\omega_{1,2,3}`
//! is the monomial `1 · ω₁,₂,₃`. A [`BigRational`] 1 costs two heap
//! allocations (its numerator and its denominator) and 64 bytes inline,
//! which for a network of a million parameters is two million allocations
//! and most of the memory of its coefficients. [`Coef`] is one pointer wide:
//! it stores 1 as nothing and any other value as a boxed [`BigRational`]; it
//! reads as a `&BigRational` through [`Deref`], so every computation on it
//! is the one on big rationals.

use num_rational::BigRational;
use num_traits::One;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::LazyLock;

/// The value every [`Coef::one`] reads as.
static ONE: LazyLock<BigRational> = LazyLock::new(BigRational::one);

/// A rational coefficient; 1 is stored without an allocation.
///
/// Equality, hashing and printing are those of the value: a `Coef` made from
/// `BigRational::one()` equals [`Coef::one`].
///
/// ```
/// use netform::expr::Coef;
/// use num_rational::BigRational;
/// use num_traits::One;
///
/// let half = Coef::from(BigRational::new(1.into(), 2.into()));
/// assert_eq!(half.to_string(), "1/2");
/// assert!(Coef::one().is_one());
/// assert_eq!(Coef::from(BigRational::from_integer(1.into())), Coef::one());
/// // It reads as a `BigRational`.
/// assert_eq!(&*half * &*half, BigRational::new(1.into(), 4.into()));
/// ```
#[derive(Clone)]
pub struct Coef(Option<Box<BigRational>>);

impl Coef {
    /// The coefficient 1, with no allocation.
    pub const fn one() -> Coef {
        Coef(None)
    }

    /// The value as a `BigRational` of its own.
    pub fn to_rational(&self) -> BigRational {
        (**self).clone()
    }

    /// Whether the value is 1. A 1 stored as nothing (every 1 made by
    /// [`Coef::one`] or from a `BigRational`) is told without reading a big
    /// integer; any other is read from the lengths in bits of its numerator
    /// and denominator rather than by comparing their digits.
    ///
    /// ```
    /// use netform::expr::Coef;
    /// use num_rational::BigRational;
    ///
    /// assert!(Coef::one().is_one());
    /// assert!(!Coef::from(BigRational::from_integer((-1).into())).is_one());
    /// assert!(!Coef::from(BigRational::new(1.into(), 2.into())).is_one());
    /// ```
    #[inline]
    pub fn is_one(&self) -> bool {
        match &self.0 {
            None => true,
            Some(value) => {
                let (numer, denom) = (value.numer(), value.denom());
                numer.sign() == num_bigint::Sign::Plus && numer.bits() == 1 && denom.bits() == 1
            }
        }
    }

    /// The value, moved out.
    pub fn into_rational(self) -> BigRational {
        self.0.map_or_else(BigRational::one, |b| *b)
    }
}

impl From<BigRational> for Coef {
    fn from(value: BigRational) -> Coef {
        if value.is_one() {
            Coef::one()
        } else {
            Coef(Some(Box::new(value)))
        }
    }
}

impl Deref for Coef {
    type Target = BigRational;

    fn deref(&self) -> &BigRational {
        self.0.as_deref().unwrap_or(&ONE)
    }
}

impl DerefMut for Coef {
    /// A 1 is made a `BigRational` before it is changed in place.
    fn deref_mut(&mut self) -> &mut BigRational {
        self.0.get_or_insert_with(|| Box::new(BigRational::one()))
    }
}

impl PartialEq for Coef {
    fn eq(&self, other: &Coef) -> bool {
        **self == **other
    }
}

impl Eq for Coef {}

impl PartialEq<BigRational> for Coef {
    fn eq(&self, other: &BigRational) -> bool {
        **self == *other
    }
}

impl Hash for Coef {
    /// Every rational netform makes is in lowest terms with a positive
    /// denominator, so the two name the value. (`BigRational`'s own hash
    /// accepts any form by hashing a continued fraction, a division per
    /// step, which made hashing a sum of coefficients most of the cost of
    /// interning it.)
    fn hash<H: Hasher>(&self, state: &mut H) {
        let value = &**self;
        value.numer().hash(state);
        value.denom().hash(state);
    }
}

impl std::fmt::Debug for Coef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl std::fmt::Display for Coef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash(c: &Coef) -> u64 {
        let mut h = DefaultHasher::new();
        c.hash(&mut h);
        h.finish()
    }

    #[test]
    fn one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Coef>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn one_stored_or_not_is_the_same_value() {
        let stored = Coef(Some(Box::new(BigRational::one())));
        assert_eq!(stored, Coef::one());
        assert_eq!(hash(&stored), hash(&Coef::one()));
        assert_eq!(
            format!("{:?}", Coef::one()),
            format!("{:?}", BigRational::one())
        );
    }

    /// [`Coef::is_one`] says what the value's own test says, however the
    /// value is stored.
    #[test]
    fn is_one_as_the_value_says() {
        let values = [(1, 1), (-1, 1), (1, 2), (2, 1), (0, 1), (3, 3), (-1, -1)];
        for (n, d) in values {
            let value = BigRational::new(n.into(), d.into());
            let stored = Coef(Some(Box::new(value.clone())));
            assert_eq!(stored.is_one(), value.is_one(), "{value}");
            assert_eq!(
                Coef::from(value.clone()).is_one(),
                value.is_one(),
                "{value}"
            );
        }
        let mut grown = Coef::one();
        *grown += BigRational::one();
        assert!(!grown.is_one());
        *grown -= BigRational::one();
        assert!(grown.is_one());
    }

    #[test]
    fn changed_in_place_from_one() {
        let mut c = Coef::one();
        *c += BigRational::one();
        assert_eq!(c.to_rational(), BigRational::from_integer(2.into()));
        assert_eq!(c.into_rational(), BigRational::from_integer(2.into()));
        assert_eq!(Coef::one().into_rational(), BigRational::one());
    }
}
