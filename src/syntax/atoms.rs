//! Lexical atoms: names and Greek letters, subscripts, primes and numbers.
//!
//! These are the small pieces the lexer recognises with nom; each function
//! says which text it accepts. Nothing here allocates per call except the
//! exact value of a number.

use crate::symbol::{ParamLetter, VarLetter};
use nom::branch::alt;
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

/// The largest decimal exponent a number may have: `1e10000`.
pub(crate) const MAX_EXPONENT: u32 = 10_000;

/// The most digits a number may have: exact arithmetic on longer numbers
/// (a gcd per addition, quadratic in the digits) would take minutes.
pub(crate) const MAX_DIGITS: usize = 10_000;

/// What a letter or word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Name {
    /// A parameter letter: `θ`, `\theta`, `theta`.
    Param(ParamLetter),
    /// A variable letter: `x`, `y`, `h`.
    Var(VarLetter),
    /// The activation `a`.
    Activation,
    /// The activation `ReLU` or `relu`.
    Relu,
}

/// The ASCII words netform reads, longest first so that a run like `phix`
/// splits as `phi` `x`.
const WORDS: &[(&str, Name)] = &[
    ("vartheta", Name::Param(ParamLetter::Theta)),
    ("varphi", Name::Param(ParamLetter::Phi)),
    ("theta", Name::Param(ParamLetter::Theta)),
    ("omega", Name::Param(ParamLetter::Omega)),
    ("Omega", Name::Param(ParamLetter::CapitalOmega)),
    ("Theta", Name::Param(ParamLetter::CapitalTheta)),
    ("Phi", Name::Param(ParamLetter::CapitalPhi)),
    ("Psi", Name::Param(ParamLetter::CapitalPsi)),
    ("beta", Name::Param(ParamLetter::Beta)),
    ("ReLU", Name::Relu),
    ("relu", Name::Relu),
    ("phi", Name::Param(ParamLetter::Phi)),
    ("psi", Name::Param(ParamLetter::Psi)),
    ("x", Name::Var(VarLetter::X)),
    ("y", Name::Var(VarLetter::Y)),
    ("h", Name::Var(VarLetter::H)),
    ("a", Name::Activation),
];

/// What the notation accepts, for error messages about unknown letters.
pub(crate) const ACCEPTED_LETTERS: &str = "netform reads the parameters θ ϑ φ ϕ ψ β ω Ω Θ Φ Ψ \
    (`\\theta` or `theta`, and so on), the variables x, y, h, and the activation `a[…]` or `ReLU[…]`";

/// Splits the longest known word off the front of an ASCII letter run:
/// `phix` gives `phi` (3 bytes), `ReLU` gives `ReLU`.
pub(crate) fn word_prefix(run: &str) -> Option<(usize, Name)> {
    WORDS
        .iter()
        .find(|(word, _)| run.starts_with(word))
        .map(|&(word, name)| (word.len(), name))
}

/// Names a word of one ASCII letter: `x`, `y`, `h`, `a` (the words of
/// [`WORDS`] that are one letter long).
pub(crate) fn letter_name(letter: u8) -> Option<Name> {
    Some(match letter {
        b'x' => Name::Var(VarLetter::X),
        b'y' => Name::Var(VarLetter::Y),
        b'h' => Name::Var(VarLetter::H),
        b'a' => Name::Activation,
        _ => return None,
    })
}

/// Names the letter a command spells: `\theta`, `\vartheta`, `\phi`,
/// `\varphi`, `\psi`, `\beta`, `\omega`, `\Omega`, `\Theta`, `\Phi`, `\Psi`.
pub(crate) fn greek_command(name: &str) -> Option<ParamLetter> {
    Some(match name {
        "theta" | "vartheta" => ParamLetter::Theta,
        "phi" | "varphi" => ParamLetter::Phi,
        "psi" => ParamLetter::Psi,
        "beta" => ParamLetter::Beta,
        "omega" => ParamLetter::Omega,
        "Omega" => ParamLetter::CapitalOmega,
        "Theta" => ParamLetter::CapitalTheta,
        "Phi" => ParamLetter::CapitalPhi,
        "Psi" => ParamLetter::CapitalPsi,
        _ => return None,
    })
}

/// Names a Greek character: `θ ϑ φ ϕ ψ β ω Ω Θ Φ Ψ`.
pub(crate) fn greek_char(c: char) -> Option<ParamLetter> {
    Some(match c {
        'θ' | 'ϑ' => ParamLetter::Theta,
        'φ' | 'ϕ' => ParamLetter::Phi,
        'ψ' => ParamLetter::Psi,
        'β' => ParamLetter::Beta,
        'ω' => ParamLetter::Omega,
        'Ω' => ParamLetter::CapitalOmega,
        'Θ' => ParamLetter::CapitalTheta,
        'Φ' => ParamLetter::CapitalPhi,
        'Ψ' => ParamLetter::CapitalPsi,
        _ => return None,
    })
}

/// Names a mathematical bold letter, as netform's Unicode output writes
/// vectors and matrices: `𝐱 𝐲 𝐡 𝐚`, `𝛉 𝛗 𝛙 𝛃 𝛚 𝛀 𝚯 𝚽 𝚿 𝚩`.
pub(crate) fn bold_char(c: char) -> Option<Name> {
    Some(match c {
        '𝐱' => Name::Var(VarLetter::X),
        '𝐲' => Name::Var(VarLetter::Y),
        '𝐡' => Name::Var(VarLetter::H),
        '𝐚' => Name::Activation,
        '𝛉' | '𝛝' => Name::Param(ParamLetter::Theta),
        '𝛗' | '𝛟' => Name::Param(ParamLetter::Phi),
        '𝛙' => Name::Param(ParamLetter::Psi),
        '𝛃' => Name::Param(ParamLetter::Beta),
        '𝛚' => Name::Param(ParamLetter::Omega),
        '𝛀' => Name::Param(ParamLetter::CapitalOmega),
        '𝚯' => Name::Param(ParamLetter::CapitalTheta),
        '𝚽' => Name::Param(ParamLetter::CapitalPhi),
        '𝚿' => Name::Param(ParamLetter::CapitalPsi),
        _ => return None,
    })
}

/// Whether `c` is a Greek letter netform does not read (`α`, `Ψ`).
pub(crate) fn is_other_greek(c: char) -> bool {
    matches!(c, '\u{0391}'..='\u{03A9}' | '\u{03B1}'..='\u{03C9}' | '\u{03D0}'..='\u{03D6}')
}

/// The value of a Unicode subscript digit: `₀` … `₉`.
pub(crate) fn subscript_digit(c: char) -> Option<u32> {
    match c {
        '₀'..='₉' => Some(c as u32 - '₀' as u32),
        _ => None,
    }
}

/// The number of primes a prime character stands for: `′` 1, `″` 2, `‴` 3.
pub(crate) fn prime_char(c: char) -> Option<u8> {
    match c {
        '′' => Some(1),
        '″' => Some(2),
        '‴' => Some(3),
        _ => None,
    }
}

/// Recognises a number: `2`, `0.1`, `.5`, `1e-3`, `2.5E+4`.
pub(crate) fn number(input: &str) -> IResult<&str, &str> {
    let mantissa = alt((
        recognize((digit1, opt((char('.'), digit1)))),
        recognize((char('.'), digit1)),
    ));
    let exponent = opt((one_of("eE"), opt(one_of("+-")), digit1));
    recognize((mantissa, exponent)).parse(input)
}

/// Recognises a run of Unicode subscript digits, with plain commas between
/// multi-digit indices: `₁₀`, `₀,₁₂,₃`.
///
/// Read byte by byte: every symbol of a large network written in Unicode
/// passes through here.
pub(crate) fn unicode_subscript(input: &str) -> IResult<&str, &str> {
    let b = input.as_bytes();
    // The end of a run of subscript digits from `i`, if there is one.
    let digits = |mut i: usize| {
        let start = i;
        while subscript_digit_at(b, i).is_some() {
            i += 3;
        }
        (i > start).then_some(i)
    };
    comma_list(input, nom::error::ErrorKind::TakeWhile1, digits)
}

/// Recognises `item (',' item)*` at the start of `input`: `item(i)` is the
/// end of an item that starts at byte `i`, if one does. Fails with `kind`
/// when the first item is missing; a comma with no item after it is left
/// unread.
fn comma_list(
    input: &str,
    kind: nom::error::ErrorKind,
    item: impl Fn(usize) -> Option<usize>,
) -> IResult<&str, &str> {
    let Some(mut end) = item(0) else {
        return Err(nom::Err::Error(nom::error::Error::new(input, kind)));
    };
    while input.as_bytes().get(end) == Some(&b',') {
        match item(end + 1) {
            Some(next) => end = next,
            None => break,
        }
    }
    Ok((&input[end..], &input[..end]))
}

/// The value of the subscript digit (`₀` … `₉`, U+2080 … U+2089, three bytes
/// in UTF-8) at byte `i`, if one is there.
#[inline]
fn subscript_digit_at(b: &[u8], i: usize) -> Option<u8> {
    match b.get(i..i + 3)? {
        &[0xE2, 0x82, d @ 0x80..=0x89] => Some(d - 0x80),
        _ => None,
    }
}

/// Recognises the inside of a braced subscript: `1`, `10`, `0,12,3`,
/// ` 2, 5 `.
///
/// The grammar is `index (',' index)*` with `index = space* digit+ space*`
/// (spaces and tabs). It is read byte by byte rather than with combinators:
/// every parameter of a large network passes through here.
pub(crate) fn index_list(input: &str) -> IResult<&str, &str> {
    let b = input.as_bytes();
    let skip = |mut i: usize, f: fn(&u8) -> bool| {
        while b.get(i).is_some_and(f) {
            i += 1;
        }
        i
    };
    let blank = |c: &u8| *c == b' ' || *c == b'\t';
    // One index from `i`: the position after it, if it has digits.
    let index = |i: usize| {
        let digits = skip(i, blank);
        let after = skip(digits, u8::is_ascii_digit);
        (after > digits).then(|| skip(after, blank))
    };
    comma_list(input, nom::error::ErrorKind::Digit, index)
}

/// The length of a subscript written without blanks after its `_`, the
/// way large inputs write every one (`1`, `10`, `{0,12,3}`), or `None` for
/// any other spelling, which the general reading handles.
pub(crate) fn plain_subscript_end(after: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        after[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    if after.first() != Some(&b'{') {
        let n = digits(0);
        return (n > 0).then_some(n);
    }
    let mut at = 1;
    loop {
        let n = digits(at);
        if n == 0 {
            return None;
        }
        at += n;
        match after.get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return Some(at + 1),
            _ => return None,
        }
    }
}

/// Appends to `out` the indices of a subscript's digits, as recognised by [`index_list`] or
/// [`unicode_subscript`] (`_` and braces removed).
///
/// With commas each comma-separated group is one index (`0,12,3`); without,
/// a parameter's digits are one index each (`10` is `[1, 0]`) and a
/// variable's are one number (`12` is `[12]`).
#[inline]
pub(crate) fn indices(text: &str, per_digit: bool, out: &mut Vec<u32>) -> Result<(), &'static str> {
    match ascii_indices(text.as_bytes(), per_digit, out) {
        Some(done) => done,
        None => unicode_indices(text, per_digit, out),
    }
}

/// [`indices`] of a subscript with Unicode digits (`₁₀`): rare, so kept
/// apart from the ASCII path every large input takes.
#[cold]
#[inline(never)]
fn unicode_indices(text: &str, per_digit: bool, out: &mut Vec<u32>) -> Result<(), &'static str> {
    let digit = |c: char| c.to_digit(10).or_else(|| subscript_digit(c));
    let groups = text.split(',');
    push_indices(groups.map(|g| g.chars().filter_map(digit)), per_digit, out)
}

/// [`indices`] of a subscript of ASCII and subscript digits (`12`, `₁₂`)
/// in one pass over its bytes: every symbol of a large network is read
/// here. Other ASCII bytes (blanks) are skipped; `None` (with nothing
/// appended) for text with any other character.
pub(crate) fn ascii_indices(
    text: &[u8],
    per_digit: bool,
    out: &mut Vec<u32>,
) -> Option<Result<(), &'static str>> {
    if let Some(done) = digits_and_commas(text, per_digit, out) {
        return Some(done);
    }
    // The digit at `i` and the byte after it, if a digit is there.
    let digit_at = |i: usize| {
        let d = text[i].wrapping_sub(b'0');
        if d < 10 {
            Some((d, i + 1))
        } else {
            subscript_digit_at(text, i).map(|d| (d, i + 3))
        }
    };
    let mark = out.len();
    let mut value: u64 = 0;
    let mut too_large = false;
    let mut i = 0;
    while i < text.len() {
        if let Some((d, next)) = digit_at(i) {
            value = (value * 10 + u64::from(d)).min(CEILING);
            i = next;
            continue;
        }
        match text[i] {
            b',' => {
                too_large |= value > u64::from(u32::MAX);
                out.push(value as u32);
                value = 0;
            }
            b if !b.is_ascii() => {
                out.truncate(mark);
                return None;
            }
            _ => {}
        }
        i += 1;
    }
    // No comma: a parameter's digits are one index each, however many.
    if per_digit && out.len() == mark {
        let mut i = 0;
        while i < text.len() {
            match digit_at(i) {
                Some((digit, next)) => {
                    out.push(u32::from(digit));
                    i = next;
                }
                None => i += 1,
            }
        }
        return Some(Ok(()));
    }
    too_large |= value > u64::from(u32::MAX);
    out.push(value as u32);
    Some(if too_large { Err(TOO_LARGE) } else { Ok(()) })
}

/// What [`ascii_indices`] says of an index past `u32::MAX`.
const TOO_LARGE: &str = "this index is too large";

/// Past `u32::MAX`, and small enough that ten times it plus a digit still
/// fits a `u64`: a group's value stops growing here.
const CEILING: u64 = 1 << 40;

/// [`ascii_indices`] of a subscript of ASCII digits and commas alone, as
/// every large input writes them, in one simple loop; `None` (with
/// nothing appended) for text with any other byte.
#[inline]
fn digits_and_commas(
    text: &[u8],
    per_digit: bool,
    out: &mut Vec<u32>,
) -> Option<Result<(), &'static str>> {
    let mark = out.len();
    let mut value: u64 = 0;
    let mut too_large = false;
    for &b in text {
        match b {
            b'0'..=b'9' => value = (value * 10 + u64::from(b - b'0')).min(CEILING),
            b',' => {
                too_large |= value > u64::from(u32::MAX);
                out.push(value as u32);
                value = 0;
            }
            _ => {
                out.truncate(mark);
                return None;
            }
        }
    }
    // No comma: a parameter's digits are one index each, however many.
    if per_digit && out.len() == mark {
        out.extend(text.iter().map(|b| u32::from(b - b'0')));
        return Some(Ok(()));
    }
    too_large |= value > u64::from(u32::MAX);
    out.push(value as u32);
    Some(if too_large { Err(TOO_LARGE) } else { Ok(()) })
}

/// Appends one index per group of digits, or with `per_digit` and a single
/// group one index per digit.
fn push_indices<D: Iterator<Item = u32>>(
    mut groups: impl Iterator<Item = D>,
    per_digit: bool,
    out: &mut Vec<u32>,
) -> Result<(), &'static str> {
    let (first, second) = match (groups.next(), groups.next()) {
        (Some(first), None) if per_digit => {
            out.extend(first);
            return Ok(());
        }
        pair => pair,
    };
    for group in first.into_iter().chain(second).chain(groups) {
        let mut value: u32 = 0;
        for d in group {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(d))
                .ok_or("this index is too large")?;
        }
        out.push(value);
    }
    Ok(())
}

/// The exact value of a number recognised by [`number`]: `0.1` is exactly
/// 1/10, `1e-3` exactly 1/1000.
pub(crate) fn number_value(text: &str) -> Result<BigRational, &'static str> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], exponent_value(&text[at + 1..])?),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.len() + frac.len() > MAX_DIGITS {
        return Err("more than 10000 digits");
    }
    let mut numer = digits_value(int)?;
    if !frac.is_empty() {
        numer = numer * power_of_ten(frac.len() as u32) + digits_value(frac)?;
    }
    let scale = exponent - frac.len() as i64;
    let ten = |n: i64| power_of_ten(n.unsigned_abs().min(u64::from(u32::MAX)) as u32);
    Ok(if scale >= 0 {
        BigRational::from_integer(numer * ten(scale))
    } else {
        over_power_of_ten(numer, scale.unsigned_abs())
    })
}

/// `numer / 10^s`, reduced in linear time: the only common factors can be
/// 2s and 5s, so they are divided out directly instead of through a gcd
/// (num-bigint's gcd is quadratic in the number of bits).
fn over_power_of_ten(numer: BigInt, s: u64) -> BigRational {
    if numer.is_zero() {
        return BigRational::zero();
    }
    let twos = numer.trailing_zeros().unwrap_or(0).min(s);
    let mut numer = numer >> twos;
    let mut fives = 0u64;
    let chunk = BigInt::from(5u64.pow(27));
    while s - fives >= 27 && (&numer % &chunk).is_zero() {
        numer /= &chunk;
        fives += 27;
    }
    let five = BigInt::from(5u32);
    while s > fives && (&numer % &five).is_zero() {
        numer /= &five;
        fives += 1;
    }
    let fives_left = u32::try_from(s - fives).unwrap_or(u32::MAX) as usize;
    let denom = num_traits::pow(five, fives_left) << (s - twos);
    BigRational::new_raw(numer, denom)
}

/// `numer / denom` reduced with Euclid's algorithm, which is fast when
/// either side is small (num-bigint's own gcd is quadratic in the bits).
/// The caller makes sure `denom` is not zero.
pub(crate) fn ratio(numer: BigInt, denom: BigInt) -> BigRational {
    let (mut a, mut b) = (numer.clone(), denom.clone());
    while !b.is_zero() {
        let r = &a % &b;
        a = std::mem::replace(&mut b, r);
    }
    let g = if a.is_negative() { -a } else { a };
    let (numer, denom) = (numer / &g, denom / &g);
    if denom.is_negative() {
        BigRational::new_raw(-numer, -denom)
    } else {
        BigRational::new_raw(numer, denom)
    }
}

/// The value of an exponent's digits with their sign: `-3`, `+4`, `10`.
fn exponent_value(text: &str) -> Result<i64, &'static str> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = digits.trim_start_matches('0');
    let too_large = "the exponent is too large (at most 10000)";
    if digits.len() > 5 {
        return Err(too_large);
    }
    let value: i64 = digits.parse().unwrap_or(0);
    if value > i64::from(MAX_EXPONENT) {
        return Err(too_large);
    }
    Ok(if negative { -value } else { value })
}

/// The value of a run of ASCII digits; the empty run is zero.
fn digits_value(digits: &str) -> Result<BigInt, &'static str> {
    if digits.is_empty() {
        return Ok(BigInt::zero());
    }
    BigInt::parse_bytes(digits.as_bytes(), 10).ok_or("expected digits")
}

/// `10^n`.
fn power_of_ten(n: u32) -> BigInt {
    if n == 0 {
        BigInt::one()
    } else {
        num_traits::pow(BigInt::from(10u32), n as usize)
    }
}

/// Recognises the superscript after `^` that stands for primes and returns
/// their number: `\prime`, `'`, `{\prime}`, `{\prime\prime}`, `{'}`, `{''}`.
pub(crate) fn prime_superscript(input: &str) -> IResult<&str, usize> {
    use nom::bytes::complete::tag;
    use nom::multi::many1_count;
    use nom::sequence::delimited;
    let one = || alt((tag("\\prime"), tag("'")));
    let braced = delimited(
        char('{'),
        many1_count(delimited(space0, one(), space0)),
        char('}'),
    );
    alt((braced, one().map(|_| 1))).parse(input)
}

/// The length of a transpose superscript after `^` (and spaces), if `input`
/// starts with one: `T`, `{T}`, `\top`, `{\top}`, `\intercal`,
/// `\mathsf{T}`, `{\mathsf{T}}`, `\mathrm{T}`, `{ T }`.
pub(crate) fn transpose_superscript(input: &str) -> Option<usize> {
    use nom::bytes::complete::tag;
    use nom::sequence::delimited;
    let letter = || {
        alt((
            tag::<_, _, nom::error::Error<&str>>("\\mathsf{T}"),
            tag("\\mathrm{T}"),
            tag("\\top"),
            tag("\\intercal"),
            tag("T"),
        ))
    };
    let braced = recognize(delimited(
        char('{'),
        delimited(space0, letter(), space0),
        char('}'),
    ));
    let (rest, text) = alt((braced, letter()))
        .parse(input)
        .ok()
        .map(|r: (&str, &str)| r)?;
    let glued = rest.starts_with(|c: char| c.is_ascii_alphabetic()) && !text.ends_with('}');
    (!glued || text == "T").then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::bytes::complete::take_while1;
    use nom::multi::many0_count;
    use proptest::prelude::*;

    /// The grammar of [`index_list`] written with combinators: the reference
    /// the byte-by-byte recogniser must agree with.
    fn index_list_reference(input: &str) -> IResult<&str, &str> {
        let index = || (space0, digit1, space0);
        recognize((index(), many0_count((char(','), index())))).parse(input)
    }

    /// The grammar of [`unicode_subscript`] written with combinators.
    fn unicode_subscript_reference(input: &str) -> IResult<&str, &str> {
        let digits = || take_while1(|c| subscript_digit(c).is_some());
        recognize((digits(), many0_count((char(','), digits())))).parse(input)
    }

    #[test]
    fn one_letter_names_agree_with_the_word_list() {
        for b in b'A'..=b'z' {
            let text = [b];
            let Ok(text) = std::str::from_utf8(&text) else {
                continue;
            };
            let word = word_prefix(text).filter(|&(n, _)| n == 1);
            assert_eq!(letter_name(b), word.map(|(_, name)| name), "{text}");
        }
    }

    proptest! {
        #[test]
        fn index_list_agrees_with_its_grammar(input in "[0-9, \\t}a₁x]{0,12}") {
            // As the lexer uses it: on what follows `{`, up to a `}`.
            let input = format!("{input}}}");
            let fast = index_list(&input).ok();
            let reference = index_list_reference(&input).ok();
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn unicode_subscripts_are_recognised_as_the_grammar_says(text in "[₀-₉₊ⁱ,1a ]{0,10}") {
            prop_assert_eq!(
                unicode_subscript(&text).ok(),
                unicode_subscript_reference(&text).ok()
            );
        }

        #[test]
        fn ascii_indices_agree_with_the_general_reading(
            text in "[0-9, ₀-₉]{0,14}",
            per_digit: bool,
        ) {
            let mut fast = Vec::new();
            let fast = ascii_indices(text.as_bytes(), per_digit, &mut fast)
                .and_then(Result::ok)
                .map(|()| fast);
            // As [`unicode_indices`] reads digits.
            let digit = |c: char| c.to_digit(10).or_else(|| subscript_digit(c));
            let mut general = Vec::new();
            let general = push_indices(
                text.split(',').map(|g| g.chars().filter_map(digit)),
                per_digit,
                &mut general,
            )
            .ok()
            .map(|()| general);
            prop_assert_eq!(fast, general);
        }
        #[test]
        fn plain_subscripts_read_as_the_general_grammar_does(body in r"(\{?[0-9 ]{0,3}(,[0-9 ]{0,3}){0,2}\}?|[0-9, \t}{a₁]{0,8})") {
            // The end the general reading finds: digits after `_`, or a
            // braced index list closed by `}`.
            let general = match body.strip_prefix('{') {
                Some(inner) => index_list(inner)
                    .ok()
                    .filter(|(rest, _)| rest.starts_with('}'))
                    .map(|(rest, _)| body.len() - rest.len() + 1),
                None => {
                    let n = body.bytes().take_while(u8::is_ascii_digit).count();
                    (n > 0).then_some(n)
                }
            };
            if let Some(end) = plain_subscript_end(body.as_bytes()) {
                prop_assert_eq!(Some(end), general);
            }
        }
    }
}
