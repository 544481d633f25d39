//! The symbolic core: merging long sums through the hash index gives exactly
//! what adding the terms one by one gives (same terms, same order).

use netform::expr::{Affine, Atom, Poly, Term};
use netform::symbol::Sym;
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

/// A term `c · atom` with a small coefficient, so that terms often cancel,
/// on one of a few atoms, so that they often merge.
fn term() -> impl Strategy<Value = Term> {
    (-2i64..=2, 0u32..30, prop::option::of(0u32..3)).prop_map(|(c, atom, param)| {
        let coef = BigRational::from_integer(BigInt::from(c));
        let poly = match param {
            Some(p) => {
                let mut p = Poly::param(Sym(100 + p));
                p.scale(&coef);
                p
            }
            None => Poly::constant(coef),
        };
        let atom = match atom {
            0 => Atom::One,
            1 => Atom::Act(Box::new(Affine {
                terms: vec![Term {
                    coef: Poly::param(Sym(200)),
                    atom: Atom::Var(Sym(1)),
                }],
            })),
            v => Atom::Var(Sym(v)),
        };
        Term { coef: poly, atom }
    })
}

proptest! {
    #[test]
    fn extend_terms_is_add_term_repeated(
        start in prop::collection::vec(term(), 0..40),
        more in prop::collection::vec(term(), 0..120),
    ) {
        let mut one_by_one = Affine::zero();
        let mut batched = Affine::zero();
        for t in start {
            one_by_one.add_term(t.coef.clone(), t.atom.clone());
            batched.add_term(t.coef, t.atom);
        }
        for t in &more {
            one_by_one.add_term(t.coef.clone(), t.atom.clone());
        }
        batched.extend_terms(more);
        prop_assert_eq!(batched, one_by_one);
    }
}
