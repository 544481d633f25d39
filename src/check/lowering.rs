//! Lowering each group of equations (a network) and what lowering reports:
//! undefined hidden units, cycles, units defined twice with different right
//! sides, chained equalities that do not hold.
//!
//! A document of scalar equations is first lowered whole as it is parsed
//! ([`whole`]), before its syntax trees are built: when lowering succeeds
//! and the document turns out to be one group, that is its lowering, and
//! the memory lowering used is free again for the trees (a large network is
//! usually one correct group).
//!
//! Otherwise the groups are lowered after every other check has read the syntax
//! trees, so that lowering can free them as it goes: an equation's tree is
//! freed once the last group that holds it has been lowered, and a large
//! document never holds its whole tree and lowering's terms at once. A
//! group whose trees were freed and whose lowering fails is lowered again,
//! in the usual rounds ([`lowering`]), from the document parsed afresh;
//! after that, nothing more is freed, so a document is parsed again at
//! most once.
//!
//! Invariant: the findings are those of lowering every group with its trees
//! kept (the rounds start from the same first lowering, which is either
//! accepted as it is or done again with the trees).

use super::{agree, terms, Finding};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lower::Lowering;
use crate::symbol::SymbolTable;
use crate::syntax::{Document, Equation, Parsed, Span};

/// The most rounds of lowering after setting aside equations with errors.
const LOWERING_ROUNDS: usize = 4;

/// What lowering a whole document as it is parsed gave ([`whole`]).
#[derive(Debug, PartialEq, Eq)]
pub enum Whole {
    /// Not tried: an equation does not parse at the first reading, or is
    /// written with vectors (lowered with the document's trees).
    Untried,
    /// Lowering fails: its rounds ([`lowering`]) need the trees.
    Fails,
    /// The findings of lowering.
    Lowered(Vec<Finding>),
}

/// Lowers the whole of `text` as one group as it is parsed, no tree kept.
/// Given to [`groups`], the result stands for that of a single group that
/// holds every equation.
pub fn whole(text: &str) -> Whole {
    let mut symbols = SymbolTable::new();
    let mut lowering = Lowering::default();
    let mut units = false;
    let read = crate::syntax::parse_each_plain(text, &mut symbols, |parsed, symbols| {
        units |= match &parsed {
            // A plain equation's left side is a variable.
            Parsed::Plain(..) => true,
            Parsed::Tree(equation) => terms::unit(equation, symbols).is_some(),
        };
        lowering.parsed(parsed, symbols)
    });
    if read != Ok(true) {
        return Whole::Untried;
    }
    if !units {
        return Whole::Lowered(Vec::new());
    }
    match lowering.notes(&symbols) {
        Ok(notes) => {
            let notes = notes.into_iter().filter(|d| d.span.is_some());
            Whole::Lowered(notes.map(Finding::new).collect())
        }
        Err(_) => Whole::Fails,
    }
}

/// How [`groups`] may lower without the trees.
pub struct Plan<F> {
    /// Parses the document again (the same document and symbols as were
    /// given): lowering may then free the trees as it goes.
    pub reparse: Option<F>,
    /// What lowering the whole document as it was parsed gave.
    pub whole: Whole,
}

/// The findings of lowering each of `groups` (indices into the document's
/// equations; `scalar[i]` says whether equation `i` is scalar), in order.
/// When `groups` is one group of every equation, the plan's `whole` is its
/// lowering, or says that it fails (then it is lowered with its trees kept,
/// since the rounds need them).
///
/// With the plan's `reparse`, each group of scalar equations is lowered one
/// equation at a time and each tree freed after its last group: the
/// equations' sides are emptied, their spans kept.
pub fn groups<F>(
    document: &mut Document,
    symbols: &mut SymbolTable,
    scalar: &[bool],
    groups: &[&[usize]],
    plan: Plan<F>,
) -> Vec<Vec<Finding>>
where
    F: FnOnce() -> Option<(Document, SymbolTable)>,
{
    let Plan { mut reparse, whole } = plan;
    if let [group] = groups {
        if group.len() == document.equations.len() {
            match whole {
                Whole::Lowered(found) => return vec![found],
                Whole::Fails => reparse = None,
                Whole::Untried => {}
            }
        }
    }
    let mut last = vec![usize::MAX; document.equations.len()];
    for (g, group) in groups.iter().enumerate() {
        for &i in *group {
            last[i] = g;
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for (g, group) in groups.iter().enumerate() {
        let freeing = reparse.is_some() && group.iter().all(|&i| scalar[i]);
        if !freeing {
            out.push(kept(document, symbols, scalar, group));
            continue;
        }
        let errors = match freed(document, symbols, group, |i| last[i] == g) {
            Ok(found) => {
                out.push(found);
                continue;
            }
            Err(errors) => errors,
        };
        match reparse.take().and_then(|parse| parse()) {
            Some(parsed) => {
                (*document, *symbols) = parsed;
                out.push(kept(document, symbols, scalar, group));
            }
            // Not reached (a document that parsed once parses again): the
            // first round's errors, and nothing more, since the trees the
            // rounds need are freed.
            None => {
                out.push(
                    errors
                        .into_iter()
                        .filter(|d| d.span.is_some())
                        .map(Finding::new)
                        .collect(),
                );
                out.resize(groups.len(), Vec::new());
                return out;
            }
        }
    }
    out
}

/// The findings of lowering one group, its trees kept: a group that mixes
/// vector and scalar equations whose vector names have no entries is
/// noted once and its scalar equations lowered alone.
fn kept(
    document: &Document,
    symbols: &SymbolTable,
    scalar: &[bool],
    group: &[usize],
) -> Vec<Finding> {
    let equations: Vec<&Equation> = group.iter().map(|&i| &document.equations[i]).collect();
    let scalars: Vec<&Equation> = group
        .iter()
        .filter(|&&i| scalar[i])
        .map(|&i| &document.equations[i])
        .collect();
    let found = lowering(&equations, symbols);
    if scalars.len() == equations.len() || !found.iter().any(|f| f.diagnostic.code == "no-entries")
    {
        return found;
    }
    let mut out = Vec::new();
    let first = group
        .iter()
        .find(|&&i| !scalar[i])
        .map(|&i| &document.equations[i]);
    if let Some(eq) = first {
        let d = Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(
                "vector-form",
                "a vector form without its entries is read as a summary, not checked",
                eq.span,
            )
            .with_label("no equation gives the entries of its bold names")
        };
        out.push(Finding::new(d));
    }
    out.extend(lowering(&scalars, symbols));
    out
}

/// The findings of lowering a group of scalar equations one at a time,
/// freeing the tree of each equation `free` names once it is lowered; the
/// errors when lowering fails (the rounds of [`lowering`] need the trees).
fn freed(
    document: &mut Document,
    symbols: &SymbolTable,
    group: &[usize],
    free: impl Fn(usize) -> bool,
) -> Result<Vec<Finding>, Vec<Diagnostic>> {
    if !group
        .iter()
        .any(|&i| terms::unit(&document.equations[i], symbols).is_some())
    {
        return Ok(Vec::new());
    }
    let mut lowering = Lowering::default();
    for &i in group {
        let equation = &mut document.equations[i];
        lowering.equation(equation, symbols);
        if free(i) {
            equation.sides = Vec::new();
        }
    }
    let notes = lowering.notes(symbols)?;
    Ok(notes
        .into_iter()
        .filter(|d| d.span.is_some())
        .map(Finding::new)
        .collect())
}

/// The diagnostics of lowering one group; a group that defines no unit
/// (parameter values, say) is not lowered.
///
/// Lowering stops before checking restatements when it finds an error, so
/// the equations with errors are set aside and the rest lowered again (a
/// few rounds); later rounds report no `undefined` units, which setting
/// equations aside may cause.
fn lowering(equations: &[&Equation], symbols: &SymbolTable) -> Vec<Finding> {
    let mut rest: Vec<&Equation> = equations.to_vec();
    let mut out = Vec::new();
    for round in 0..LOWERING_ROUNDS {
        if !rest.iter().any(|eq| terms::unit(eq, symbols).is_some()) {
            break;
        }
        let errors = match crate::lower::lower_refs_notes(&rest, symbols) {
            Ok(notes) => {
                out.extend(
                    notes
                        .into_iter()
                        .filter(|d| d.span.is_some())
                        .map(Finding::new),
                );
                break;
            }
            Err(errors) => agree::confirmed(errors, &rest, symbols),
        };
        if errors.is_empty() {
            break;
        }
        let spans: Vec<Span> = errors.iter().filter_map(|d| d.span).collect();
        let kept = errors
            .into_iter()
            .filter(|d| d.span.is_some() && (round == 0 || d.code != "undefined"));
        out.extend(kept.map(Finding::new));
        let before = rest.len();
        rest.retain(|eq| {
            !spans
                .iter()
                .any(|s| eq.span.start <= s.start && s.end <= eq.span.end)
        });
        if rest.len() == before {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document and symbols of `text`.
    fn parsed(text: &str) -> Option<(Document, SymbolTable)> {
        let mut symbols = SymbolTable::new();
        let document = crate::syntax::parse_document(text, &mut symbols).ok()?;
        Some((document, symbols))
    }

    /// The findings of lowering `groups` of `text`, freeing the trees or
    /// not, and whether every tree was freed.
    fn lowered(text: &str, groups: &[&[usize]], free: bool) -> (Vec<Vec<Finding>>, bool) {
        let (mut document, mut symbols) = parsed(text).unwrap();
        let scalar: Vec<bool> = document
            .equations
            .iter()
            .map(|e| !e.is_vector_form())
            .collect();
        let reparse = free.then_some(|| parsed(text));
        let plan = Plan {
            reparse,
            whole: Whole::Untried,
        };
        let found = super::groups(&mut document, &mut symbols, &scalar, groups, plan);
        let freed = document.equations.iter().all(|e| e.sides.is_empty());
        (found, freed)
    }

    #[test]
    fn lowering_without_the_trees_changes_no_finding() {
        let documents: &[(&str, &[&[usize]])] = &[
            // Correct: lowered once, every tree freed.
            (
                "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2",
                &[&[0, 1, 2]],
            ),
            // An undefined unit: lowered again from a fresh parse, in rounds.
            (
                "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2",
                &[&[0, 1]],
            ),
            // A cycle.
            (
                "h_1 = a[θ_10 + θ_11 h_2]\nh_2 = a[θ_20 + θ_21 h_1]\ny = φ_0 + φ_1 h_1",
                &[&[0, 1, 2]],
            ),
            // An unread unit (a note), then a second group with a chain that does not hold.
            (
                "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_21 x]\ny = φ_0 + φ_1 h_1\ny_2 = ψ_0 + ψ_1 x = ψ_0",
                &[&[0, 1, 2], &[3]],
            ),
            // One equation in two groups (a scope's context).
            (
                "h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1\ny = φ_0 + φ_1 h_1",
                &[&[0, 1], &[0, 2]],
            ),
        ];
        for (text, groups) in documents {
            let (kept, _) = lowered(text, groups, false);
            let (freed, _) = lowered(text, groups, true);
            assert_eq!(kept, freed, "{text}");
        }
        // Lowered whole as it is parsed: the findings of the group of every
        // equation, or nothing when lowering fails.
        for (text, _) in documents {
            let n = parsed(text).unwrap().0.equations.len();
            let all: Vec<usize> = (0..n).collect();
            let (kept, _) = lowered(text, &[&all], false);
            match whole(text) {
                Whole::Lowered(found) => assert_eq!(vec![found], kept, "{text}"),
                Whole::Fails => assert!(kept[0]
                    .iter()
                    .any(|f| f.diagnostic.severity == Severity::Error)),
                Whole::Untried => panic!("{text} was not lowered whole"),
            }
        }
        let vector = "\\mathbf{h} = \\mathbf{a}[\\boldsymbol\\theta_0 + \\boldsymbol\\theta x]";
        assert_eq!(whole(vector), Whole::Untried);
        assert_eq!(whole(documents[0].0), Whole::Lowered(Vec::new()));
        assert_eq!(whole(documents[1].0), Whole::Fails);
        let (found, all_freed) = lowered(documents[0].0, documents[0].1, true);
        assert!(all_freed && found.iter().all(Vec::is_empty));
        let (found, _) = lowered(documents[1].0, documents[1].1, true);
        assert_eq!(found[0][0].diagnostic.code, "undefined");
    }
}
