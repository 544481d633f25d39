//! Vector equations to scalar equations: the units on the left, one
//! equation per row, and the names of a vector variable's units.

use super::classify::{symbol_of, ungroup, walk, Role};
use super::value::Mat;
use super::{left_name, unit_symbol, Expander};
use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, Sym, Symbol, VarLetter};
use crate::syntax::{Document, Equation, Expr, ExprKind, Span};

/// The code of the error for a vector read before its size is known; it is
/// dropped when another error explains it.
const UNSIZED: &str = "unsized";

impl Expander<'_, '_> {
    /// Expands every vector equation, those that define a vector before
    /// those that read it; returns each equation's rows by document index.
    pub(super) fn vector_equations(
        &mut self,
        document: &Document,
    ) -> Result<Vec<Vec<Equation>>, Vec<Diagnostic>> {
        let equations = &document.equations;
        let mut rows = vec![Vec::new(); equations.len()];
        let mut errors: Vec<Diagnostic> = Vec::new();
        for i in self.order(document) {
            match self.equation(&equations[i]) {
                Ok(expanded) => rows[i] = expanded,
                Err(e) => errors.push(e),
            }
        }
        if errors.iter().any(|e| e.code != UNSIZED) {
            errors.retain(|e| e.code != UNSIZED);
        }
        if errors.is_empty() {
            Ok(rows)
        } else {
            Err(errors)
        }
    }

    /// The vector equations in an order where each comes after those that
    /// define the vectors it reads (document order when they read each
    /// other in a circle).
    fn order(&self, document: &Document) -> Vec<usize> {
        let vector: Vec<usize> = (0..document.equations.len())
            .filter(|&i| self.plan.roles[i] == Role::Vector)
            .collect();
        let mut defined_by = vec![None; self.plan.vectors.len()];
        for (k, &i) in vector.iter().enumerate() {
            if let Some(v) = left_name(&document.equations[i]) {
                defined_by[v.0 as usize] = Some(k);
            }
        }
        let deps: Vec<Vec<usize>> = vector
            .iter()
            .map(|&i| {
                let mut deps = Vec::new();
                for side in &document.equations[i].sides[1..] {
                    walk(side, &mut |e| {
                        if let ExprKind::Symbol { sym, .. } = e.kind {
                            deps.extend(defined_by[sym.0 as usize]);
                        }
                    });
                }
                deps
            })
            .collect();
        match crate::network::topological_order(vector.len(), &deps) {
            Ok(order) => order.into_iter().map(|k| vector[k]).collect(),
            Err(_) => vector,
        }
    }

    /// One vector equation as one scalar equation per row.
    fn equation(&mut self, equation: &Equation) -> Result<Vec<Equation>, Diagnostic> {
        let values = equation.sides[1..]
            .iter()
            .map(|side| self.value(side))
            .collect::<Result<Vec<Mat>, Diagnostic>>()?;
        for other in &values[1..] {
            if (other.rows, other.cols) != (values[0].rows, values[0].cols) {
                return Err(Diagnostic::error(
                    "size",
                    format!(
                        "the sides differ in size: {} and {}",
                        values[0].size(),
                        other.size()
                    ),
                    other.span,
                )
                .with_label(format!("this is {}", other.size()))
                .with_secondary(values[0].span, format!("this is {}", values[0].size())));
            }
        }
        let lhs = &equation.sides[0];
        let units = self.left_units(lhs, &values[0])?;
        let mut columns: Vec<_> = values.into_iter().map(|m| m.entries.into_iter()).collect();
        Ok(units
            .into_iter()
            .map(|unit| {
                let mut sides = vec![Expr::new(unit_symbol(unit), lhs.span)];
                sides.extend(columns.iter_mut().filter_map(Iterator::next));
                Equation {
                    sides,
                    span: equation.span,
                }
            })
            .collect())
    }

    /// The units a vector equation's left side names, one per entry of the
    /// right side `rhs`.
    fn left_units(&mut self, lhs: &Expr, rhs: &Mat) -> Result<Vec<Sym>, Diagnostic> {
        match &ungroup(lhs).kind {
            ExprKind::Matrix { rows, .. } => {
                let units = rows
                    .iter()
                    .flatten()
                    .map(|e| symbol_of(e).filter(|&s| self.symbols[s].is_var()).ok_or(e.span))
                    .collect::<Result<Vec<Sym>, Span>>()
                    .map_err(|span| {
                        Diagnostic::error("left-side", "each entry of the left side must name a unit", span)
                            .with_label("not a unit")
                    })?;
                let shape = (rows.len(), rows[0].len());
                if shape != (rhs.rows, rhs.cols) {
                    return Err(sides_differ(lhs.span, &format!("{}×{}", shape.0, shape.1), rhs));
                }
                Ok(units)
            }
            ExprKind::Symbol { sym, .. } if self.symbols[*sym].is_var() => self.defined_vector(*sym, lhs.span, rhs),
            ExprKind::Symbol { .. } => Err(Diagnostic::error(
                "left-side",
                "a matrix parameter is defined by its entries",
                lhs.span,
            )
            .with_label("a parameter on the left of a vector equation")
            .with_help("write its entries, `\\boldsymbol{\\psi}_0 = \\begin{bmatrix}\\psi_{10}\\\\\\psi_{20}\\end{bmatrix}`, or a vector of units on the left")),
            _ => Err(Diagnostic::error(
                "left-side",
                "the left side must name a vector of units",
                lhs.span,
            )
            .with_label("not a vector of units")
            .with_help("write a bold variable, `\\mathbf{h} = …`, or its units, `\\begin{bmatrix}h_1\\\\h_2\\end{bmatrix} = …`")),
        }
    }

    /// The units of the vector variable `sym` that an equation defines as
    /// the column `rhs`.
    fn defined_vector(&mut self, sym: Sym, span: Span, rhs: &Mat) -> Result<Vec<Sym>, Diagnostic> {
        let known = self.plan.alias(sym).is_some() || self.known(sym).is_some();
        if rhs.cols != 1 || known {
            let units = if known {
                self.vector_units(sym, span, None)?
            } else {
                Vec::new()
            };
            if rhs.cols != 1 || units.len() != rhs.rows {
                let size = if known {
                    format!("{}×1", units.len())
                } else {
                    "a column".to_string()
                };
                return Err(sides_differ(span, &size, rhs));
            }
            return Ok(units);
        }
        let bold = self.plan.bold.get(sym.0 as usize).copied().unwrap_or(false);
        let names = unit_names(&self.symbols[sym], bold, rhs.rows, span)?;
        self.remember(sym, names)
    }

    /// The units of a vector variable read at `span`; an input not yet sized
    /// gets `hint` units (one without a hint).
    pub(super) fn vector_units(
        &mut self,
        sym: Sym,
        span: Span,
        hint: Option<usize>,
    ) -> Result<Vec<Sym>, Diagnostic> {
        if let Some(units) = self.known(sym) {
            return Ok(units.to_vec());
        }
        if let Some(ExprKind::Matrix { rows, .. }) = self.plan.alias(sym).map(|a| &a.kind) {
            return Ok(rows.iter().flatten().filter_map(symbol_of).collect());
        }
        if self
            .plan
            .defined
            .get(sym.0 as usize)
            .copied()
            .unwrap_or(false)
        {
            return Err(Diagnostic::error(
                UNSIZED,
                "the size of this vector is not known where it is read",
                span,
            )
            .with_label("read before its size is known")
            .with_help("the vector equations that define it read each other in a circle"));
        }
        let bold = self.plan.bold.get(sym.0 as usize).copied().unwrap_or(false);
        let n = hint.unwrap_or(1);
        let names = unit_names(&self.symbols[sym], bold, n, span)?;
        if !bold && n > 1 && self.symbols[sym].indices.is_empty() {
            self.sized_inputs.push((sym, span, n));
        }
        self.remember(sym, names)
    }

    /// What to say of each plain input (`x`, not `\mathbf{x}`) a matrix
    /// made a vector of several inputs: an error where a scalar equation
    /// also reads it as one input, a warning otherwise.
    pub(super) fn input_vectors(
        &self,
        document: &Document,
    ) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let mut notes = Vec::new();
        let mut errors = Vec::new();
        for &(sym, span, n) in &self.sized_inputs {
            let name = crate::symbol::ascii_name(&self.symbols[sym]);
            let scalar_read = document
                .equations
                .iter()
                .enumerate()
                .filter(|&(i, _)| self.plan.roles[i] == Role::Scalar)
                .find_map(|(_, e)| {
                    let mut at = None;
                    for side in &e.sides[1..] {
                        walk(side, &mut |x| {
                            if matches!(x.kind, ExprKind::Symbol { sym: s, .. } if s == sym) {
                                at.get_or_insert(x.span);
                            }
                        });
                    }
                    at
                });
            match scalar_read {
                Some(one) => errors.push(
                    Diagnostic::error(
                        "input-size",
                        format!("`{name}` is read as one input here and as a vector of {n} inputs elsewhere"),
                        one,
                    )
                    .with_label("one input")
                    .with_secondary(span, format!("{n} inputs: the matrix before it has {n} columns"))
                    .with_help(format!(
                        "name the inputs {} in the scalar equations, or give the matrix one column",
                        inputs_list(&name, n)
                    )),
                ),
                None => notes.push(
                    Diagnostic::warning(
                        "input-vector",
                        format!("`{name}` is read as a vector of {n} inputs, {}", inputs_list(&name, n)),
                        span,
                    )
                    .with_label(format!("the matrix before it has {n} columns"))
                    .with_help(format!(
                        "write `\\mathbf{{{name}}}` to say it is a vector, or a matrix of one column for one input"
                    )),
                ),
            }
        }
        if errors.is_empty() {
            Ok(notes)
        } else {
            Err(errors)
        }
    }

    /// The units of `sym`, if its size is known.
    fn known(&self, sym: Sym) -> Option<&[Sym]> {
        self.units.get(sym.0 as usize)?.as_deref()
    }

    /// Interns and records the units of `sym`.
    fn remember(&mut self, sym: Sym, names: Vec<Symbol>) -> Result<Vec<Sym>, Diagnostic> {
        let units: Vec<Sym> = names.into_iter().map(|s| self.symbols.intern(s)).collect();
        let i = sym.0 as usize;
        if self.units.len() <= i {
            self.units.resize(i + 1, None);
        }
        self.units[i] = Some(units.clone());
        Ok(units)
    }
}

/// The names of the `n` units of a vector variable written `symbol`:
/// `h_i` (`h'_i`) for `h` (`h'`), `x_i` and `y_i` (`x`, `y` themselves when
/// `n` is 1), `h_{k,i}` for `\mathbf{h}_k`; a plain (not bold) subscripted
/// name of one unit (`h_1`, `h_{2,1}` in ASCII) is that unit.
fn unit_names(
    symbol: &Symbol,
    bold: bool,
    n: usize,
    span: Span,
) -> Result<Vec<Symbol>, Diagnostic> {
    let Letter::Var(letter) = symbol.letter else {
        return Err(Diagnostic::error(
            "left-side",
            "a parameter is not a vector of units",
            span,
        ));
    };
    let count = u32::try_from(n).unwrap_or(u32::MAX);
    let (primes, indices) = (symbol.primes, &symbol.indices);
    Ok(match **indices {
        [] if letter != VarLetter::H && n == 1 => vec![symbol.clone()],
        [] => (1..=count).map(|i| Symbol::var(letter, primes, &[i])).collect(),
        [_, ..] if !bold && n == 1 => vec![symbol.clone()],
        [k] => (1..=count).map(|i| Symbol::var(letter, primes, &[k, i])).collect(),
        _ => {
            return Err(Diagnostic::error("vector-name", "a vector's name has at most one index", span)
                .with_label("too many indices for a vector")
                .with_help("the index of a vector is its layer: `\\mathbf{h}_2` holds the units h_{2,1}, h_{2,2}, …"))
        }
    })
}

/// The inputs `x_1` to `x_n`, in words: `x_1 and x_2`, `x_1, …, x_5`.
fn inputs_list(name: &str, n: usize) -> String {
    if n == 2 {
        format!("`{name}_1` and `{name}_2`")
    } else {
        format!("`{name}_1`, …, `{name}_{n}`")
    }
}

/// Reports a left side whose size differs from the right side's.
fn sides_differ(lhs: Span, size: &str, rhs: &Mat) -> Diagnostic {
    Diagnostic::error(
        "size",
        format!("the left side is {size} but the right side is {}", rhs.size()),
        rhs.span,
    )
    .with_label(format!("this is {}", rhs.size()))
    .with_secondary(lhs, format!("this is {size}"))
    .with_help("a vector equation defines one unit per row: its right side is a column with one entry per unit")
}
