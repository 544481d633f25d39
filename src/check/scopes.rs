//! A document's equations split into the networks they state.
//!
//! A book section shows a three-unit network, a later one a four-unit
//! network with the same names; course notes restate `y = φ_0 + φ_1 h_1 + …`
//! after the units, then show a two-input version. Checked as one network,
//! every restatement would be a redefinition. So a math block that defines a
//! unit already defined by an earlier block of the current scope starts a
//! new scope: the later block is a new statement, not a contradiction.
//! Inside one block a unit defined twice stays a mistake (the fourth row
//! of a block that defines `h_3` again). A block that restates a unit in
//! the same section is compared with the statements before it (lowered
//! together, restatements compared semantically) and starts a new scope
//! only when they disagree; in another section it starts a new scope.
//!
//! A scope may read units it does not define (a restated output reads the
//! hidden units defined before it): their latest definitions before the
//! scope (or the first after it) are lowered with the scope as context,
//! and nothing is reported about the context equations themselves.

use crate::symbol::{Sym, SymbolTable};
use crate::syntax::{Document, Equation};
use std::collections::{BTreeSet, HashMap};

use super::terms;

/// One scope: the indices of its equations, and those of the context
/// equations (definitions of units it reads from other scopes).
pub type Scope = (Vec<usize>, Vec<usize>);

/// Splits the equations into scopes. `block[i]` is the math block of
/// equation `i` (non-decreasing).
pub fn scopes(
    document: &Document,
    symbols: &SymbolTable,
    block: &[usize],
    sections: &super::Sections,
) -> Vec<Scope> {
    let equations = &document.equations;
    let n = equations.len().min(block.len());
    let unit = |i: usize| -> Option<Sym> {
        let eq = &equations[i];
        (eq.sides.len() >= 2)
            .then(|| terms::unit(eq, symbols))
            .flatten()
            .map(|w| w.sym)
    };
    let units: Vec<Option<Sym>> = (0..n).map(unit).collect();
    // Every definition of each unit, in document order.
    let mut definitions: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (k, u) in units.iter().enumerate() {
        if let Some(u) = u {
            definitions.entry(*u).or_default().push(k);
        }
    }
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut defined: HashMap<Sym, (usize, usize)> = HashMap::new();
    let section = |k: usize| sections.of(equations[k].span);
    let mut i = 0;
    while i < n {
        let b = block[i];
        let j = i + block[i..n].iter().take_while(|&&x| x == b).count();
        let restates = (i..j).any(|k| {
            units[k].is_some_and(|u| defined.get(&u).is_some_and(|&(first, _)| first != b))
        });
        // A restatement in another section (slide, heading) is a new
        // statement of the network, compared with nothing before it.
        let elsewhere = (i..j).any(|k| {
            units[k].is_some_and(|u| {
                defined
                    .get(&u)
                    .is_some_and(|&(first, s)| first != b && s != section(k))
            })
        });
        if restates
            && !current.is_empty()
            && !claims_same(document, symbols, &units, &current, i..j)
            && !reads_back(document, &units, &current, i..j)
            && (elsewhere || contradicts(document, symbols, &current, i..j, &definitions))
        {
            // The blocks just before, in the same section, belong to the
            // new statement (its hidden units, then the restated output).
            let keep = if elsewhere {
                current
                    .iter()
                    .rposition(|&k| section(k) != section(i))
                    .map_or(0, |p| p + 1)
            } else {
                current.len()
            };
            let restated: BTreeSet<Sym> = (i..j).filter_map(|k| units[k]).collect();
            let clash = current[keep..]
                .iter()
                .any(|&k| units[k].is_some_and(|u| restated.contains(&u)));
            let keep = if clash { current.len() } else { keep };
            let moved = current.split_off(keep);
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            defined.clear();
            for &k in &moved {
                if let Some(u) = units[k] {
                    defined.entry(u).or_insert((block[k], section(k)));
                }
            }
            current = moved;
        }
        for (k, u) in units.iter().enumerate().take(j).skip(i) {
            if let Some(u) = u {
                defined.entry(*u).or_insert((b, section(k)));
            }
            current.push(k);
        }
        i = j;
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs.into_iter()
        .map(|run| {
            let context = context(&run, &units, equations, &definitions);
            (run, context)
        })
        .collect()
}

/// Whether the block restates a unit of the scope in a chain with one
/// side written exactly as before (`h'_1 = a[θ'_10 + θ'_11 y] = …`, a derivation that
/// starts from the definition): it claims to be the same network.
fn claims_same(
    document: &Document,
    symbols: &SymbolTable,
    units: &[Option<Sym>],
    scope: &[usize],
    block: std::ops::Range<usize>,
) -> bool {
    let affine = |e: &crate::syntax::Expr| crate::lower::affine(symbols, e).ok();
    block.into_iter().any(|k| {
        let Some(u) = units[k] else {
            return false;
        };
        if document.equations[k].sides.len() < 3 {
            return false;
        }
        let before: Vec<_> = scope
            .iter()
            .filter(|&&d| units[d] == Some(u))
            .filter_map(|&d| document.equations[d].sides.get(1).and_then(affine))
            .collect();
        document.equations[k]
            .sides
            .iter()
            .skip(1)
            .filter_map(affine)
            .any(|a| before.contains(&a))
    })
}

/// Whether the block reads, through the scope's definitions, a unit it
/// defines again: the second network of a composition reads `y` and then
/// names its own output `y`. That is one network with a name used twice,
/// not a new network.
fn reads_back(
    document: &Document,
    units: &[Option<Sym>],
    scope: &[usize],
    block: std::ops::Range<usize>,
) -> bool {
    let again: BTreeSet<usize> = block
        .clone()
        .filter_map(|k| units[k])
        .filter(|u| scope.iter().any(|&k| units[k] == Some(*u)))
        .map(|u| u.0 as usize)
        .collect();
    let mut by_unit: HashMap<usize, Vec<usize>> = HashMap::new();
    for &k in scope {
        if let Some(u) = units[k] {
            by_unit.entry(u.0 as usize).or_default().push(k);
        }
    }
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    let mut stack: Vec<usize> = Vec::new();
    for k in block.clone() {
        let own = units[k].map(|u| u.0 as usize);
        let eq = &document.equations[k];
        let read = eq.sides.iter().skip(1).flat_map(|side| {
            let one = crate::syntax::Equation {
                sides: vec![side.clone()],
                ..eq.clone()
            };
            super::names(&one)
        });
        stack.extend(read.filter(|&n| Some(n) != own));
    }
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        for &k in by_unit.get(&n).into_iter().flatten() {
            let eq = &document.equations[k];
            for side in eq.sides.iter().skip(1) {
                let one = crate::syntax::Equation {
                    sides: vec![side.clone()],
                    ..eq.clone()
                };
                for m in super::names(&one) {
                    if again.contains(&m) {
                        return true;
                    }
                    stack.push(m);
                }
            }
        }
    }
    false
}

/// The most equations a scope may hold before a restating block is taken
/// as a new network without lowering the two together (lowering a scope
/// for each restating block would otherwise grow with the square of the
/// document).
const LOWERED_SCOPE: usize = 400;

/// Whether the block `block` (equation indices) defines a unit of the
/// scope again with a right side that differs once definitions are
/// substituted: lowering them together reports the unit redefined, with
/// one statement in the block and one before it. A restatement that
/// agrees (the nested form of the unit equations before it) stays in the
/// scope and is compared with them.
fn contradicts(
    document: &Document,
    symbols: &SymbolTable,
    scope: &[usize],
    block: std::ops::Range<usize>,
    definitions: &HashMap<Sym, Vec<usize>>,
) -> bool {
    if scope.len() + block.len() > LOWERED_SCOPE {
        return true;
    }
    let units: Vec<Option<Sym>> = document
        .equations
        .iter()
        .map(|eq| {
            (eq.sides.len() >= 2)
                .then(|| terms::unit(eq, symbols))
                .flatten()
                .map(|w| w.sym)
        })
        .collect();
    let mut members: Vec<usize> = scope.iter().copied().chain(block.clone()).collect();
    members.extend(context(&members, &units, &document.equations, definitions));
    members.sort_unstable();
    members.dedup();
    let equations: Vec<crate::syntax::Equation> = members
        .iter()
        .map(|&k| document.equations[k].clone())
        .collect();
    let start = document.equations[block.start].span.start;
    let part = Document { equations };
    let Err(errors) = crate::lower::lower(&part, symbols.clone()) else {
        return false;
    };
    let all: Vec<&crate::syntax::Equation> = part.equations.iter().collect();
    let errors = super::agree::confirmed(errors, &all, symbols);
    errors.iter().filter(|d| d.code == "redefined").any(|d| {
        let spans: Vec<u32> = d
            .span
            .iter()
            .chain(d.secondary.iter().map(|(s, _)| s))
            .map(|s| s.start)
            .collect();
        spans.iter().any(|&s| s >= start) && spans.iter().any(|&s| s < start)
    })
}

/// The units an equation names (only units have definitions to take as
/// context), sorted, without repeats: found when asked, not kept for every
/// equation (a large network's equations name a million units).
fn named_units(equation: &Equation, definitions: &HashMap<Sym, Vec<usize>>) -> Vec<u32> {
    let mut named: Vec<u32> = super::names(equation)
        .into_iter()
        .filter_map(|s| u32::try_from(s).ok())
        .filter(|&s| definitions.contains_key(&Sym(s)))
        .collect();
    named.sort_unstable();
    named.dedup();
    named
}

/// The definitions a scope reads from elsewhere, transitively: for each
/// unit read and not defined in the scope, its latest definition before
/// the scope, or else its first after it.
fn context(
    run: &[usize],
    units: &[Option<Sym>],
    equations: &[Equation],
    definitions: &HashMap<Sym, Vec<usize>>,
) -> Vec<usize> {
    let start = run.first().copied().unwrap_or(0);
    let mut defined: BTreeSet<usize> = run
        .iter()
        .filter_map(|&k| units[k].map(|u| u.0 as usize))
        .collect();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut queue: Vec<usize> = run.to_vec();
    while let Some(k) = queue.pop() {
        for named in named_units(&equations[k], definitions) {
            let name = named as usize;
            if defined.contains(&name) {
                continue;
            }
            let Some(list) = definitions.get(&Sym(named)) else {
                continue;
            };
            let before = list.iter().rev().find(|&&d| d < start);
            let Some(&d) = before.or_else(|| list.iter().find(|&&d| !run.contains(&d))) else {
                continue;
            };
            defined.insert(name);
            if taken.insert(d) {
                queue.push(d);
            }
        }
    }
    taken.into_iter().collect()
}
