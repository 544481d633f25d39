//! Collecting statements and choosing definitions: the second half of
//! lowering. Each equation's right sides become statements of the name on
//! its left ([`Builder::equation`]); once every equation is in, each unit's
//! definition is chosen, the units kept, layered and checked as a whole
//! ([`Builder::finish`]).

use super::{too_large, Lowerer, Marks};
use crate::diagnostic::Diagnostic;
use crate::expr::Affine;
use crate::network::{Definition, Network, Unit};
use crate::symbol::{Letter, Sym, SymbolTable, VarLetter};
use crate::syntax::{Equation, Expr, ExprKind, PlainEquation, PlainTerm, Span};
use smallvec::SmallVec;
use std::ops::Range;

/// One right side written for a unit or a parameter.
#[derive(Clone, Debug)]
struct Statement {
    rhs: Affine,
    /// The left side it was written for.
    lhs: Span,
    /// The right side itself.
    side: Span,
    /// Whether it is one side of a chained equality `A = B = C`.
    chained: bool,
    /// Where in [`Builder::read_store`] the variables `rhs` reads are, in
    /// order, repeats included: choosing definitions and finding layers
    /// reads these instead of walking every right side again.
    reads: Range<usize>,
}

/// Every statement of one name, in the order written: nearly always one,
/// kept without an allocation of its own.
type Statements = (Sym, SmallVec<[Statement; 1]>);

/// A place in a list of statements, or none: four bytes (a large input has
/// a slot for every symbol).
#[derive(Clone, Copy, Default)]
struct Slot(Option<std::num::NonZeroU32>);

impl Slot {
    const NONE: Slot = Slot(None);

    /// The slot of place `i`.
    fn at(i: usize) -> Slot {
        Slot(
            u32::try_from(i + 1)
                .ok()
                .and_then(std::num::NonZeroU32::new),
        )
    }

    /// The place, if any.
    fn get(self) -> Option<usize> {
        self.0.map(|s| s.get() as usize - 1)
    }
}

/// What choosing the definitions gives: the units with their layers, the
/// definitions, inputs and outputs, each unit's span (for notes) and the
/// notes so far.
struct Parts {
    units: Vec<Unit>,
    definitions: Vec<Definition>,
    inputs: Vec<Sym>,
    outputs: Vec<Sym>,
    spans: Vec<(Sym, Span)>,
    notes: Vec<Diagnostic>,
}

/// A symbol's ASCII name, for messages.
fn name(symbols: &SymbolTable, sym: Sym) -> String {
    crate::symbol::ascii_name(&symbols[sym])
}

/// Collects statements, then chooses definitions and validates them as a whole.
///
/// A unit may be stated several times (a derivation restates it); its
/// definition is the last statement that reads only defined units and inputs,
/// and every other statement must agree with it ([`crate::restate`]). A unit
/// that only superseded statements read (`y` once it has been substituted) is
/// an intermediate step: checked, not kept.
#[derive(Default)]
pub(super) struct Builder {
    units: Vec<Statements>,
    /// Each symbol's place in `units`, if it names one (`u32`: a large
    /// input has a slot for every parameter).
    unit_slot: Vec<Slot>,
    params: Vec<Statements>,
    /// Each symbol's place in `params`, if it names a defined parameter.
    param_slot: Vec<Slot>,
    /// The first place each variable was read, for the error about a
    /// hidden unit never defined (parameters, nearly every symbol of a
    /// large network, need none).
    first_use: Vec<Span>,
    /// Each symbol's place in `first_use`, if it was read as a variable.
    use_slot: Vec<Slot>,
    /// The variables the equation being lowered reads, with their places.
    uses: Vec<(Sym, Span)>,
    /// The variables a plain equation's terms read, for finding like terms.
    marks: Marks,
    /// The variables each statement reads, one statement after another
    /// (see [`Statement::reads`]).
    read_store: Vec<Sym>,
    errors: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
}

impl Builder {
    /// Lowers one equation: every right side becomes a statement of the name
    /// on the left. Returns whether the equation is scalar (see
    /// [`Lowering::parsed`]).
    pub(super) fn equation(&mut self, equation: &Equation, symbols: &SymbolTable) -> bool {
        let vector = self.scan(equation, symbols);
        self.lower_equation(equation, symbols);
        !vector
    }

    /// Lowers an equation of the plain shape, as [`Builder::equation`]
    /// lowers the tree [`PlainEquation::to_equation`] writes, without it.
    pub(super) fn plain(
        &mut self,
        equation: &PlainEquation,
        terms: &[PlainTerm],
        symbols: &SymbolTable,
    ) {
        let side = match (Lowerer { symbols }).plain_side(equation, terms, &mut self.marks) {
            Ok(side) => side,
            Err(e) => return self.errors.push(e),
        };
        // The variables read, as `scan` finds them in the tree.
        self.uses.clear();
        for f in terms.iter().flat_map(PlainTerm::factors) {
            if !symbols[f.sym].is_param() {
                self.uses.push((f.sym, f.span));
            }
        }
        self.make_slots(symbols);
        self.statements(
            &equation.lhs,
            std::iter::once((side, equation.side())),
            symbols,
        );
    }

    /// A slot for every symbol read so far (the vectors' capacity grows by
    /// doubling, untouched until used).
    fn make_slots(&mut self, symbols: &SymbolTable) {
        let n = symbols.len();
        if self.unit_slot.len() < n {
            self.unit_slot.resize(n, Slot::NONE);
            self.param_slot.resize(n, Slot::NONE);
            self.use_slot.resize(n, Slot::NONE);
        }
    }

    /// Lowers one equation whose uses [`Builder::scan`] has gathered.
    fn lower_equation(&mut self, equation: &Equation, symbols: &SymbolTable) {
        self.make_slots(symbols);
        let lowerer = Lowerer { symbols };
        let mut sides = Vec::with_capacity(equation.sides.len() - 1);
        for side in &equation.sides[1..] {
            match lowerer.affine(side) {
                Ok((a, _)) => sides.push((a, side.span)),
                Err(e) => {
                    self.errors.push(e);
                    return;
                }
            }
        }
        self.statements(&equation.sides[0], sides.into_iter(), symbols);
    }

    /// Makes each lowered right side of an equation a statement of the
    /// name on its left, `lhs`.
    fn statements(
        &mut self,
        lhs: &Expr,
        sides: impl ExactSizeIterator<Item = (Affine, Span)>,
        symbols: &SymbolTable,
    ) {
        self.note_uses();
        let chained = sides.len() > 1;
        let Some(name) = left_symbol(lhs) else {
            self.errors.push(
                Diagnostic::error(
                    "left-side",
                    "the left side must name one unit or parameter",
                    lhs.span,
                )
                .with_label("not a single name")
                .with_help(
                    "write one equation per unit, e.g. `h_1 = a[\\theta_{10} + \\theta_{11}x]`",
                ),
            );
            return;
        };
        let is_param = symbols[name].is_param();
        for (rhs, side) in sides {
            if is_param && rhs.as_poly().is_none() {
                let n = crate::symbol::ascii_name(&symbols[name]);
                self.errors.push(
                    Diagnostic::error(
                        "definition",
                        format!(
                            "the parameter `{n}` is defined by an expression that reads variables"
                        ),
                        side,
                    )
                    .with_label(
                        "a parameter's definition may only use numbers and other parameters",
                    )
                    .with_help("a unit's equation has a variable on its left side, e.g. `h_1 = …`"),
                );
                return;
            }
            let store = &mut self.read_store;
            let start = store.len();
            rhs.for_each_var(&mut |v| store.push(v));
            let statement = Statement {
                rhs,
                lhs: lhs.span,
                side,
                chained,
                reads: start..store.len(),
            };
            let (list, slots) = if is_param {
                (&mut self.params, &mut self.param_slot)
            } else {
                (&mut self.units, &mut self.unit_slot)
            };
            let slot = match slots[name.0 as usize].get() {
                Some(slot) => slot,
                None => {
                    list.push((name, SmallVec::new()));
                    slots[name.0 as usize] = Slot::at(list.len() - 1);
                    list.len() - 1
                }
            };
            list[slot].1.push(statement);
        }
    }

    /// Gathers the variables the right sides read, with their places, into
    /// [`Builder::uses`], in one walk that also says whether the equation
    /// uses vector notation (a bold name, a matrix or a transpose).
    fn scan(&mut self, equation: &Equation, symbols: &SymbolTable) -> bool {
        self.uses.clear();
        let mut vector = equation.sides[0].has_vector_notation();
        let mut stack: Vec<&Expr> = equation.sides[1..].iter().collect();
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Number(_) => {}
                ExprKind::Symbol { sym, bold, .. } => {
                    vector |= *bold;
                    if !symbols[*sym].is_param() {
                        self.uses.push((*sym, e.span));
                    }
                }
                ExprKind::Sum(xs) | ExprKind::Product(xs) => stack.extend(xs),
                ExprKind::Neg(x) | ExprKind::Group(x) => stack.push(x),
                ExprKind::Transpose(x) => {
                    vector = true;
                    stack.push(x);
                }
                ExprKind::Matrix { rows, .. } => {
                    vector = true;
                    stack.extend(rows.iter().flatten());
                }
                ExprKind::Activation { arg, .. } => stack.push(arg),
                ExprKind::Quotient(a, b) => {
                    stack.push(a);
                    stack.push(b);
                }
            }
        }
        vector
    }

    /// Records the first span at which each variable [`Builder::scan`] found
    /// is read.
    fn note_uses(&mut self) {
        for &(sym, span) in &self.uses {
            match self.use_slot[sym.0 as usize].get() {
                Some(i) if self.first_use[i].start > span.start => self.first_use[i] = span,
                Some(_) => {}
                None => {
                    self.use_slot[sym.0 as usize] = Slot::at(self.first_use.len());
                    self.first_use.push(span);
                }
            }
        }
    }

    /// The network from the symbols the equations were read with, and the
    /// notes.
    pub(super) fn finish(
        self,
        symbols: SymbolTable,
    ) -> Result<(Network, Vec<Diagnostic>), Vec<Diagnostic>> {
        let parts = self.finish_parts(&symbols)?;
        let network = Network::layered_reading(
            symbols,
            parts.units,
            parts.definitions,
            parts.inputs,
            parts.outputs,
        );
        let mut notes = parts.notes;
        notes.extend(unread_units(
            &network.symbols,
            &network.units,
            &network.outputs,
            &parts.spans,
        ));
        Ok((network, notes))
    }

    /// [`Builder::finish`]'s notes alone, with the symbols borrowed: no
    /// network is made.
    pub(super) fn notes(self, symbols: &SymbolTable) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let parts = self.finish_parts(symbols)?;
        let mut notes = parts.notes;
        notes.extend(unread_units(
            symbols,
            &parts.units,
            &parts.outputs,
            &parts.spans,
        ));
        Ok(notes)
    }

    /// Chooses and checks the definitions: the network's parts, or the
    /// errors.
    fn finish_parts(mut self, symbols: &SymbolTable) -> Result<Parts, Vec<Diagnostic>> {
        let n = symbols.len();
        self.unit_slot.resize(n, Slot::NONE);
        self.param_slot.resize(n, Slot::NONE);
        if self.units.is_empty() && self.errors.is_empty() {
            self.errors.push(Diagnostic::global(
                "no-units",
                "the input defines no unit: write at least one equation such as `y = \\phi_0 + \\phi_1 x`",
            ));
        }
        let chosen = self.choose_definitions(symbols);
        let kept = self.kept_units(symbols, &chosen);
        let definitions: Vec<Definition> = self
            .params
            .iter()
            .map(|(name, statements)| Definition {
                name: *name,
                value: statements[0].rhs.as_poly().unwrap_or_default(),
            })
            .collect();
        // With one statement per name there is nothing to restate, and the
        // right sides move into the network instead of being copied.
        let restated =
            self.units.iter().any(|u| u.1.len() > 1) || self.params.iter().any(|p| p.1.len() > 1);
        let all_units: Vec<Unit> = self
            .units
            .iter_mut()
            .zip(&chosen)
            .map(|((name, statements), &c)| Unit {
                name: *name,
                layer: 0,
                rhs: if restated {
                    statements[c].rhs.clone()
                } else {
                    std::mem::take(&mut statements[c].rhs)
                },
            })
            .collect();
        let kept_reads: Vec<&[Sym]> = (self.units.iter().zip(&chosen).zip(&kept))
            .filter(|(_, &k)| k)
            .map(|(((_, statements), &c), _)| &self.read_store[statements[c].reads.clone()])
            .collect();
        let units: Vec<Unit> = if restated {
            all_units
                .iter()
                .zip(&kept)
                .filter(|(_, &k)| k)
                .map(|(u, _)| u.clone())
                .collect()
        } else {
            all_units
                .into_iter()
                .zip(&kept)
                .filter(|(_, &k)| k)
                .map(|(u, _)| u)
                .collect()
        };
        let reads = |i: usize, f: &mut dyn FnMut(Sym)| kept_reads[i].iter().for_each(|&v| f(v));
        let crate::network::Reading {
            inputs,
            outputs,
            layers,
        } = crate::network::reading(&units, n, &reads);
        drop(kept_reads);
        self.find_undefined_units(symbols, &inputs);
        self.check_definition_cycles(symbols, &definitions);
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let layers = match layers {
            Ok(layers) => layers,
            Err(cycle) => {
                let chosen_of =
                    |i: usize| self.unit_slot[units[i].name.0 as usize].get().unwrap_or(0);
                return Err(vec![self.cycle_error(
                    symbols,
                    &cycle.iter().map(|&i| chosen_of(i)).collect::<Vec<_>>(),
                )]);
            }
        };
        if restated {
            self.check_restatements(symbols, &chosen, &definitions);
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let spans: Vec<(Sym, Span)> = self
            .units
            .iter()
            .zip(&chosen)
            .map(|((name, statements), &c)| (*name, statements[c].lhs.to(statements[c].side)))
            .collect();
        let mut units = units;
        for (unit, layer) in units.iter_mut().zip(layers) {
            unit.layer = layer;
        }
        Ok(Parts {
            units,
            definitions,
            inputs,
            outputs,
            spans,
            notes: self.notes,
        })
    }

    /// Each unit's defining statement: the last one that reads only defined
    /// units and inputs, or the first when none does.
    fn choose_definitions(&self, symbols: &SymbolTable) -> Vec<usize> {
        let defined = |v: Sym| {
            self.unit_slot[v.0 as usize].get().is_some()
                || symbols[v].letter != Letter::Var(VarLetter::H)
        };
        self.units
            .iter()
            .map(|(_, statements)| {
                statements
                    .iter()
                    .rposition(|s| self.read_store[s.reads.clone()].iter().all(|&v| defined(v)))
                    .unwrap_or(0)
            })
            .collect()
    }

    /// Which units to keep: those reachable from the units no statement reads,
    /// following each unit's chosen statement.
    fn kept_units(&self, symbols: &SymbolTable, chosen: &[usize]) -> Vec<bool> {
        let n = symbols.len();
        let mut read = vec![false; n];
        for (_, statements) in &self.units {
            for &v in statements
                .iter()
                .flat_map(|s| &self.read_store[s.reads.clone()])
            {
                read[v.0 as usize] = true;
            }
        }
        let units = &self.units;
        let mut kept = vec![false; units.len()];
        let mut stack: Vec<usize> = (0..units.len())
            .filter(|&i| !read[units[i].0 .0 as usize])
            .collect();
        if stack.is_empty() {
            return vec![true; units.len()];
        }
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut kept[i], true) {
                continue;
            }
            let reads = &self.read_store[units[i].1[chosen[i]].reads.clone()];
            stack.extend(
                reads
                    .iter()
                    .filter_map(|v| self.unit_slot[v.0 as usize].get()),
            );
        }
        kept
    }

    fn cycle_error(&self, symbols: &SymbolTable, cycle: &[usize]) -> Diagnostic {
        let names: Vec<String> = cycle
            .iter()
            .map(|&i| name(symbols, self.units[i].0))
            .collect();
        let span = self.units[cycle[0]]
            .1
            .first()
            .map(|s| s.lhs)
            .unwrap_or_default();
        Diagnostic::error(
            "cycle",
            format!("cyclic definition: {} → {}", names.join(" → "), names[0]),
            span,
        )
        .with_label("this unit depends on itself")
        .with_help("every unit must read only inputs and units of earlier layers")
    }

    /// A hidden unit `h…` read but never defined is an error rather than an
    /// input: inputs are `x` (or `y` for a network that reads another's output).
    fn find_undefined_units(&mut self, symbols: &SymbolTable, inputs: &[Sym]) {
        let undefined: Vec<Sym> = inputs
            .iter()
            .copied()
            .filter(|&v| symbols[v].letter == Letter::Var(VarLetter::H))
            .collect();
        for v in undefined {
            let n = name(symbols, v);
            let slot = self.use_slot.get(v.0 as usize).and_then(|s| s.get());
            let span = slot.map_or_else(Span::default, |i| self.first_use[i]);
            self.errors.push(
                Diagnostic::error(
                    "undefined",
                    format!("the hidden unit `{n}` is used but never defined"),
                    span,
                )
                .with_label("no equation defines this unit")
                .with_help(format!(
                    "add an equation `{n} = a[…]`, or call the input `x`"
                )),
            );
        }
    }

    /// Definitions must not depend on themselves (`ψ_1 = φ_1`, `φ_1 = ψ_1`).
    fn check_definition_cycles(&mut self, symbols: &SymbolTable, definitions: &[Definition]) {
        let deps: Vec<Vec<usize>> = definitions
            .iter()
            .map(|d| {
                d.value
                    .params()
                    .filter_map(|p| self.param_slot[p.0 as usize].get())
                    .collect()
            })
            .collect();
        if let Err(cycle) = crate::network::topological_order(definitions.len(), &deps) {
            let names: Vec<String> = cycle
                .iter()
                .map(|&i| name(symbols, definitions[i].name))
                .collect();
            let span = self.params[cycle[0]].1[0].lhs;
            self.errors.push(
                Diagnostic::error("cycle", format!("cyclic definition: {} → {}", names.join(" → "), names[0]), span)
                    .with_label("this definition depends on itself")
                    .with_help("a parameter's definition may only use parameters defined before it or given values"),
            );
        }
    }

    /// Every statement must agree with the one chosen as its name's
    /// definition; one that cannot be decided is noted.
    fn check_restatements(
        &mut self,
        symbols: &SymbolTable,
        chosen: &[usize],
        definitions: &[Definition],
    ) {
        let units: Vec<Unit> = self
            .units
            .iter()
            .zip(chosen)
            .map(|((name, statements), &c)| Unit {
                name: *name,
                layer: 0,
                rhs: statements[c].rhs.clone(),
            })
            .collect();
        let context = crate::restate::Context::new(symbols, &units, definitions);
        let mut found = Vec::new();
        for ((name, statements), &c) in self.units.iter().zip(chosen) {
            let reference = context.affine(&statements[c].rhs);
            for (i, s) in statements.iter().enumerate().filter(|&(i, _)| i != c) {
                match (&reference, context.affine(&s.rhs)) {
                    (Some(r), Some(other)) if *r == other => {}
                    (Some(_), Some(_)) => {
                        found.push(self.disagreement(symbols, *name, s, &statements[c]))
                    }
                    _ => match context.exceeded() {
                        Some(e) => found.push(too_large(e, s.side)),
                        None => found.push(undecided(s, i)),
                    },
                }
            }
        }
        for (name, statements) in &self.params {
            let canon = |s: &Statement| context.poly(&s.rhs.as_poly().unwrap_or_default());
            let reference = canon(&statements[0]);
            for s in &statements[1..] {
                match (&reference, canon(s)) {
                    (Some(r), Some(other)) if *r == other => {}
                    (Some(_), Some(_)) => {
                        found.push(self.disagreement(symbols, *name, s, &statements[0]))
                    }
                    _ => found.extend(context.exceeded().map(|e| too_large(e, s.side))),
                }
            }
        }
        for d in found {
            if d.is_error() {
                self.errors.push(d);
            } else {
                self.notes.push(d);
            }
        }
    }

    fn disagreement(
        &self,
        symbols: &SymbolTable,
        unit: Sym,
        s: &Statement,
        reference: &Statement,
    ) -> Diagnostic {
        let n = name(symbols, unit);
        if s.chained && reference.lhs == s.lhs {
            Diagnostic::error("chain", format!("the sides of this chained equality for `{n}` are not equal"), s.side)
                .with_label("this side")
                .with_secondary(reference.side, "differs from this side")
                .with_help("substituting every definition in this input gives different values on the two sides")
        } else {
            Diagnostic::error("redefined", format!("`{n}` is defined twice with different right sides"), s.side)
                .with_label("this right side")
                .with_secondary(reference.side, "disagrees with this one")
                .with_help("restating a unit is fine when both right sides agree once definitions are substituted")
        }
    }
}

/// A statement that reads a hidden unit this input does not define.
fn undecided(s: &Statement, _index: usize) -> Diagnostic {
    Diagnostic {
        severity: crate::diagnostic::Severity::Info,
        ..Diagnostic::error("undecided", "this equality cannot be checked: it reads a hidden unit that this input does not define", s.side)
            .with_label("not checked")
            .with_help("add the equations of the units it reads to check it")
    }
}

/// The symbol on an equation's left side, if it is a single name (possibly
/// in a group).
fn left_symbol(expr: &Expr) -> Option<Sym> {
    match &expr.kind {
        ExprKind::Symbol { sym, .. } => Some(*sym),
        ExprKind::Group(inner) => left_symbol(inner),
        _ => None,
    }
}

/// A hidden unit that nothing reads, in a layer whose other units are read,
/// most likely lost its term in the next layer's equations: it would become
/// an output without a word. One warning per equation that reads the unit's
/// siblings but not the unit, at that equation (at most
/// [`MAX_UNREAD_WARNINGS`]). Linear in the network.
fn unread_units(
    symbols: &SymbolTable,
    units: &[Unit],
    outputs: &[Sym],
    spans: &[(Sym, Span)],
) -> Vec<Diagnostic> {
    let n = symbols.len();
    let hidden = |s: Sym| symbols[s].letter == Letter::Var(VarLetter::H);
    let mut output = vec![false; n];
    for &o in outputs {
        output[o.0 as usize] = true;
    }
    let mut layer_of = vec![u32::MAX; n];
    let mut read_layers = std::collections::BTreeSet::new();
    let mut unread: std::collections::BTreeMap<u32, Vec<Sym>> = Default::default();
    for u in units.iter().filter(|u| hidden(u.name)) {
        layer_of[u.name.0 as usize] = u.layer;
        if output[u.name.0 as usize] {
            unread.entry(u.layer).or_default().push(u.name);
        } else {
            read_layers.insert(u.layer);
        }
    }
    unread.retain(|layer, _| read_layers.contains(layer));
    if unread.is_empty() {
        return Vec::new();
    }
    let span_of: std::collections::HashMap<Sym, Span> = spans.iter().copied().collect();
    let mut warnings = Vec::new();
    for reader in units {
        let mut layers = Vec::new();
        let mut reads = Vec::new();
        reader.rhs.for_each_var(&mut |v| {
            let layer = layer_of[v.0 as usize];
            if layer != u32::MAX && !output[v.0 as usize] && unread.contains_key(&layer) {
                layers.push(layer);
            }
            reads.push(v);
        });
        layers.sort_unstable();
        layers.dedup();
        reads.sort_unstable();
        for layer in layers {
            for &missing in &unread[&layer] {
                if warnings.len() >= MAX_UNREAD_WARNINGS {
                    return warnings;
                }
                if reads.binary_search(&missing).is_ok() {
                    continue;
                }
                let Some(&span) = span_of.get(&reader.name) else {
                    continue;
                };
                warnings.push(unread_warning(symbols, reader.name, missing, span));
            }
        }
    }
    warnings
}

/// The most warnings about unread units one network gives.
pub const MAX_UNREAD_WARNINGS: usize = 20;

fn unread_warning(symbols: &SymbolTable, reader: Sym, missing: Sym, span: Span) -> Diagnostic {
    let name = &symbols[missing];
    Diagnostic::warning(
        "unread",
        format!(
            "the equation of `{}` has no term in `{name}`, which no equation reads, so `{name}` becomes an output",
            symbols[reader]
        ),
        span,
    )
    .with_label(format!("`{name}` is missing here?"))
    .with_help(format!(
        "the other units of `{name}`'s layer are read here; add its term if it was left out"
    ))
}
