//! Missing, extra and duplicated terms in a layer that is otherwise fully
//! connected.
//!
//! Units of one layer (the same letter and primes, and for h_{k,i} the same
//! k) that read from the same layer are siblings: their first right sides
//! should read the same variables and all have a bias. When a strict
//! majority of at least two siblings reads one set, a sibling that reads
//! less (or more) is reported. A hidden unit that no equation reads, while
//! its layer-mates are read, is a term missing from the equations that read
//! them. A variable read twice in one side is a duplicated term.

use super::terms::{self, Spanned, Term};
use super::{Finding, Sections};
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, Sym, Symbol, SymbolTable, VarLetter};
use crate::syntax::{Equation, Span};
use std::collections::{BTreeMap, BTreeSet};

/// The layer a symbol belongs to: its letter, primes and all but its last
/// index.
type RowKey = (Letter, u8, Vec<u32>);

fn row_key(s: &Symbol) -> RowKey {
    let n = s.indices.len().saturating_sub(1);
    (s.letter, s.primes, s.indices[..n].to_vec())
}

/// One unit's first right side, as the layer checks see it. Its terms are
/// looked at once, for duplicates, and not kept: a large network's
/// statements hold only what they read.
struct Statement {
    unit: Sym,
    lhs: Span,
    side: Span,
    reads: Reads,
    bias: bool,
}

/// The variables a statement reads: sorted, without repeats (a slice
/// rather than a set: a large layer's statements hold a million of them).
/// Ordered as the set would be.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Reads(Box<[Sym]>);

impl Reads {
    fn new(mut reads: Vec<Sym>) -> Reads {
        reads.sort_unstable();
        reads.dedup();
        Reads(reads.into_boxed_slice())
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn iter(&self) -> std::slice::Iter<'_, Sym> {
        self.0.iter()
    }

    fn contains(&self, v: &Sym) -> bool {
        self.0.binary_search(v).is_ok()
    }

    fn is_subset(&self, other: &Reads) -> bool {
        self.len() <= other.len() && self.iter().all(|v| other.contains(v))
    }

    /// The variables read here and not in `other`, in order.
    fn difference<'a>(&'a self, other: &'a Reads) -> impl Iterator<Item = &'a Sym> + 'a {
        self.iter().filter(move |v| !other.contains(v))
    }
}

/// Checks the equations of one group (a network); `reported` holds spans
/// already reported, so a duplicated term that an index finding explains is
/// not reported again.
pub fn check(
    equations: &[&Equation],
    symbols: &SymbolTable,
    reported: &[Span],
    sections: &Sections,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let statements: Vec<Statement> = equations
        .iter()
        .filter_map(|eq| {
            let (s, terms) = statement(eq, symbols)?;
            out.extend(duplicates(&s, &terms, symbols, reported));
            Some(s)
        })
        .collect();
    out.extend(siblings(&statements, symbols));
    out.extend(unread(&statements, symbols, reported, sections));
    out
}

/// An equation's statement, and the terms of its right side.
fn statement(eq: &Equation, symbols: &SymbolTable) -> Option<(Statement, Vec<Spanned>)> {
    let unit = terms::unit(eq, symbols)?;
    let side = &eq.sides[1];
    let terms = terms::terms(side, symbols);
    let reads = Reads::new(terms.iter().flat_map(|t| t.vars()).map(|w| w.sym).collect());
    let bias = terms.iter().any(|t| matches!(t.term, Term::Bias(_)));
    let statement = Statement {
        unit: unit.sym,
        lhs: unit.span,
        side: side.span,
        reads,
        bias,
    };
    Some((statement, terms))
}

fn duplicates(
    s: &Statement,
    terms: &[Spanned],
    symbols: &SymbolTable,
    reported: &[Span],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<Sym, Span> = BTreeMap::new();
    // Terms that are not a weight times a variable (a nested activation,
    // say) read their variables inside, where reading one twice is normal.
    for t in terms.iter().filter(|t| !matches!(t.term, Term::Other(_))) {
        for v in t.vars() {
            let Some(&first) = seen.get(&v.sym) else {
                seen.insert(v.sym, t.span);
                continue;
            };
            if reported
                .iter()
                .any(|r| overlaps(*r, t.span) || overlaps(*r, first))
            {
                continue;
            }
            let d = Diagnostic::error(
                "duplicate-term",
                format!(
                    "`{}` is read twice in the equation of `{}`",
                    symbols[v.sym], symbols[s.unit]
                ),
                t.span,
            )
            .with_label("second term")
            .with_secondary(first, "first term")
            .with_help("a fully connected layer has one term per variable it reads");
            out.push(Finding::new(d));
        }
    }
    // A parameter written twice (`θ_30 + θ_30 + …`): the bias or a weight
    // counted twice.
    let mut params: BTreeMap<Sym, Span> = BTreeMap::new();
    for t in terms {
        let p = match &t.term {
            Term::Bias(p) | Term::Weight(p, _) => p,
            _ => continue,
        };
        let Some(&first) = params.get(&p.sym) else {
            params.insert(p.sym, t.span);
            continue;
        };
        let said = out
            .iter()
            .any(|f: &Finding| f.diagnostic.span == Some(t.span));
        if said
            || reported
                .iter()
                .any(|r| overlaps(*r, t.span) || overlaps(*r, first))
        {
            continue;
        }
        let d = Diagnostic::error(
            "duplicate-term",
            format!(
                "`{}` is written twice in the equation of `{}`",
                symbols[p.sym], symbols[s.unit]
            ),
            t.span,
        )
        .with_label("second term")
        .with_secondary(first, "first term")
        .with_help("each parameter appears once in a unit's equation");
        out.push(Finding::new(d));
    }
    out
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Siblings that read less or more than the majority of their layer.
fn siblings(statements: &[Statement], symbols: &SymbolTable) -> Vec<Finding> {
    let mut layers: BTreeMap<(RowKey, BTreeSet<RowKey>), Vec<&Statement>> = BTreeMap::new();
    for s in statements {
        let from = s.reads.iter().map(|&v| row_key(&symbols[v])).collect();
        layers
            .entry((row_key(&symbols[s.unit]), from))
            .or_default()
            .push(s);
    }
    let mut out = Vec::new();
    for members in layers.values() {
        if let [a, b] = members.as_slice() {
            out.extend(pair(a, b, symbols));
            continue;
        }
        let mut counts: BTreeMap<(&Reads, bool), usize> = BTreeMap::new();
        for s in members {
            *counts.entry((&s.reads, s.bias)).or_default() += 1;
        }
        let Some((&(reads, bias), &best)) = counts.iter().max_by_key(|(_, &c)| c) else {
            continue;
        };
        if best < 2 || counts.values().filter(|&&c| c == best).count() > 1 {
            out.extend(fullest(members, symbols));
            continue;
        }
        for s in members
            .iter()
            .filter(|s| (&s.reads, s.bias) != (reads, bias))
        {
            out.extend(compare(s, reads, bias, symbols));
        }
    }
    out
}

/// Siblings with no majority (`h_1` reads `x_1`, `h_2` reads `x_2`, `h_3`
/// reads both): when one of them reads everything any of them reads, with a
/// bias, each one that reads strictly less lacks terms.
fn fullest(members: &[&Statement], symbols: &SymbolTable) -> Vec<Finding> {
    let all = Reads::new(
        members
            .iter()
            .flat_map(|s| s.reads.iter().copied())
            .collect(),
    );
    let Some(full) = members.iter().find(|s| s.reads == all && s.bias) else {
        return Vec::new();
    };
    members
        .iter()
        .filter(|s| s.reads.len() < all.len() && s.reads.is_subset(&full.reads))
        .flat_map(|s| compare(s, &full.reads, true, symbols))
        .collect()
}

/// Two siblings: one that reads strictly less than the other lacks terms.
fn pair(a: &Statement, b: &Statement, symbols: &SymbolTable) -> Vec<Finding> {
    let less = |x: &Statement, y: &Statement| {
        x.reads.is_subset(&y.reads)
            && (x.reads.len() < y.reads.len() || (!x.bias && y.bias))
            && (x.bias <= y.bias)
    };
    if less(a, b) {
        compare(a, &b.reads, b.bias, symbols)
    } else if less(b, a) {
        compare(b, &a.reads, a.bias, symbols)
    } else {
        Vec::new()
    }
}

fn compare(s: &Statement, reads: &Reads, bias: bool, symbols: &SymbolTable) -> Vec<Finding> {
    let unit = &symbols[s.unit];
    let names = |set: Vec<&Sym>| {
        set.iter()
            .map(|&&v| format!("`{}`", symbols[v]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    let missing: Vec<&Sym> = reads.difference(&s.reads).collect();
    if !missing.is_empty() || (bias && !s.bias) {
        let what = if missing.is_empty() {
            "a bias".to_string()
        } else {
            names(missing)
        };
        let d = Diagnostic::error("missing-term", format!("the equation of `{unit}` has no term in {what}, which the other units of its layer have"), s.side)
            .with_label("a term is missing here")
            .with_help("in a fully connected layer every unit reads every unit of the layer before, plus a bias");
        out.push(Finding::new(d));
    }
    let extra: Vec<&Sym> = s.reads.difference(reads).collect();
    if !extra.is_empty() {
        let d = Diagnostic::error(
            "extra-term",
            format!(
                "the equation of `{unit}` reads {}, which no other unit of its layer reads",
                names(extra)
            ),
            s.side,
        )
        .with_label("unexpected term")
        .with_help("check the indices and primes of this equation's variables");
        out.push(Finding::new(d));
    }
    out
}

/// Hidden units nothing reads, while their layer-mates are read.
fn unread(
    statements: &[Statement],
    symbols: &SymbolTable,
    reported: &[Span],
    sections: &Sections,
) -> Vec<Finding> {
    // Which symbols are read, by index: one flag per symbol rather than a
    // set gathered from a million reads.
    let mut read = vec![false; symbols.len()];
    for v in statements.iter().flat_map(|s| s.reads.iter()) {
        read[v.0 as usize] = true;
    }
    let reported: std::collections::HashSet<Span> = reported.iter().copied().collect();
    let defined: BTreeSet<(Sym, usize)> = statements
        .iter()
        .filter(|s| !reported.contains(&s.lhs))
        .map(|s| (s.unit, sections.of(s.lhs)))
        .collect();
    let lost: Vec<(Sym, usize)> = defined
        .iter()
        .copied()
        .filter(|(u, _)| symbols[*u].letter == Letter::Var(VarLetter::H) && !read[u.0 as usize])
        .collect();
    // The lost units by section and row, as positions in `lost`, so that
    // each statement looks up its rows instead of scanning every lost unit.
    let mut by_row: BTreeMap<(usize, RowKey), Vec<usize>> = BTreeMap::new();
    for (i, &(u, at)) in lost.iter().enumerate() {
        by_row
            .entry((at, row_key(&symbols[u])))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for s in statements {
        if by_row.is_empty() {
            break;
        }
        let section = sections.of(s.lhs);
        let rows: BTreeSet<RowKey> = s.reads.iter().map(|&v| row_key(&symbols[v])).collect();
        let mut found: Vec<usize> = rows
            .into_iter()
            .filter_map(|row| by_row.get(&(section, row)))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        let missing: Vec<String> = found
            .iter()
            .map(|&i| format!("`{}`", symbols[lost[i].0]))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let d = Diagnostic::error(
            "missing-term",
            format!(
                "the equation of `{}` has no term in {}, which no equation reads",
                symbols[s.unit],
                missing.join(", ")
            ),
            s.side,
        )
        .with_label("a term is missing here")
        .with_help("every hidden unit must be read by the next layer; add its term");
        out.push(Finding::new(d));
    }
    out
}
