//! Reading the vector/matrix and general forms: equations between vectors
//! become one scalar equation per row, before the usual lowering.
//!
//! ```text
//! \mathbf{h}' = \mathbf{a}[\boldsymbol{\psi}_0 + \boldsymbol{\Psi}\mathbf{h}],
//!     \boldsymbol{\psi}_0 = \begin{bmatrix}\psi_{10}\\\psi_{20}\end{bmatrix},
//!     \boldsymbol{\Psi} = \begin{bmatrix}\psi_{11} & \psi_{12}\\ \psi_{21} & \psi_{22}\end{bmatrix}
//! ```
//! reads as `h'_1 = a[ψ_10 + ψ_11 h_1 + ψ_12 h_2]` and
//! `h'_2 = a[ψ_20 + ψ_21 h_1 + ψ_22 h_2]`, exactly the network the scalar
//! form gives.
//!
//! The rules:
//! - A **matrix parameter** is a parameter defined by its entries, `NAME =
//!   \begin{bmatrix}…\end{bmatrix}` (or ASCII `NAME = [a, b; c, d]`,
//!   `NAME = [[a, b], [c, d]]`; or its transpose, `NAME^T = …`), anywhere
//!   in the document, also after a `,` on another equation's line. A bold
//!   parameter (`\boldsymbol{\Psi}`) must be one; a plain parameter
//!   (`\phi'_0`) without entries is a scalar. `\beta_3 = [\beta_3]` says a
//!   scalar is itself and is dropped.
//! - A **vector variable** is a bold variable (`\mathbf{h}`, `\mathbf{h}'`,
//!   `\mathbf{h}_k`, `\mathbf{x}`), a variable a vector equation defines, or an
//!   input written without subscript (`x`, `y`) that a vector equation reads.
//!   Its units are those of an alias, `\mathbf{h} = \begin{bmatrix}h_1\\h_2\end{bmatrix}`,
//!   if the document has one; otherwise `h_i` for `\mathbf{h}` (`h'_i` for
//!   `\mathbf{h}'`), `h_{k,i}` for `\mathbf{h}_k`, `x_i` and `y_i` for `\mathbf{x}`
//!   and `\mathbf{y}` (`x` and `y` themselves when there is one), and a plain
//!   subscripted name with one unit (`h_1` in ASCII) is that unit.
//! - Its size comes from the equation that defines it (the rows of the right
//!   side), from its alias, or for an input from the first matrix that
//!   multiplies it (`\boldsymbol{\Omega}_0\mathbf{x}`: the columns of Ω₀).
//!   A plain input (`x`, not `\mathbf{x}`) that becomes several inputs this
//!   way is a warning, and an error where a scalar equation reads it as one.
//! - A **vector equation** mentions a matrix, a transpose, a matrix
//!   parameter, a bold name or a vector variable. Its left side is a vector
//!   variable or a matrix of units (`\begin{bmatrix}h'_1\\h'_2\end{bmatrix} = …`);
//!   its right side must be a column of the same size.
//! - Arithmetic: a scalar is a 1×1 matrix; sums add entry by entry (same
//!   sizes); a product with a 1×1 side scales, any other needs matching inner
//!   sizes; `^T` transposes; `\mathbf{a}[…]` applies the activation to every
//!   entry. A size mismatch is an error naming both sizes.
//!
//! Invariants: a document without vector notation is returned unchanged; the
//! scalar equations produced keep spans into the source, so the usual
//! lowering's errors still point at the text; and expansion never builds
//! more than [`MAX_NODES`] syntax nodes.

mod classify;
mod units;
mod value;

use crate::diagnostic::Diagnostic;
use crate::symbol::{Letter, Sym, Symbol, SymbolTable};
use crate::syntax::{Document, Equation, Expr, ExprKind, Span};
pub(crate) use classify::has_vector_notation;
use classify::{symbol_of, ungroup, Plan, Role};
use value::Mat;

/// The most syntax nodes expanding a document's matrices may build.
pub const MAX_NODES: usize = 20_000_000;

/// Rewrites every vector equation of `document` as scalar equations (one per
/// row), dropping matrix definitions and aliases; `None` when the document
/// uses no vector notation. New unit names are interned into `symbols`.
///
/// ```
/// use netform::symbol::SymbolTable;
/// let mut symbols = SymbolTable::new();
/// let text = r"\mathbf{h} = \mathbf{a}[\boldsymbol{\theta}_0 + \boldsymbol{\theta}x], \quad
///     \boldsymbol{\theta}_0 = \begin{bmatrix}\theta_{10}\\\theta_{20}\end{bmatrix}, \quad
///     \boldsymbol{\theta} = \begin{bmatrix}\theta_{11}\\\theta_{21}\end{bmatrix}";
/// let document = netform::syntax::parse_document(text, &mut symbols).unwrap();
/// let scalar = netform::matrix_lower::expand(&document, &mut symbols).unwrap().unwrap();
/// assert_eq!(scalar.equations.len(), 2);
/// ```
pub fn expand(
    document: &Document,
    symbols: &mut SymbolTable,
) -> Result<Option<Document>, Vec<Diagnostic>> {
    Ok(expand_with_notes(document, symbols)?.map(|(document, _)| document))
}

/// Like [`expand`], and also returns the warnings that are not errors: an
/// input written without subscript (`x`) that a matrix reads as several
/// inputs.
///
/// ```
/// use netform::symbol::SymbolTable;
/// let mut symbols = SymbolTable::new();
/// let text = r"y = \phi_0 + \begin{bmatrix}\phi_1 & \phi_2\end{bmatrix} x";
/// let document = netform::syntax::parse_document(text, &mut symbols).unwrap();
/// let (scalar, notes) = netform::matrix_lower::expand_with_notes(&document, &mut symbols)
///     .unwrap()
///     .unwrap();
/// assert_eq!(scalar.equations.len(), 1);
/// assert_eq!(notes[0].code, "input-vector");
/// ```
pub fn expand_with_notes(
    document: &Document,
    symbols: &mut SymbolTable,
) -> Result<Option<(Document, Vec<Diagnostic>)>, Vec<Diagnostic>> {
    let vector = document
        .equations
        .iter()
        .any(|e| e.sides.iter().any(has_vector_notation));
    if !vector {
        return Ok(None);
    }
    let scopes = scopes(document, symbols);
    if scopes.len() == 1 {
        return expand_scope(document, symbols).map(Some);
    }
    let mut equations = Vec::with_capacity(document.equations.len());
    let mut notes = Vec::new();
    for scope in scopes {
        let part = &document.equations[scope];
        if !part.iter().any(|e| e.sides.iter().any(has_vector_notation)) {
            equations.extend_from_slice(part);
            continue;
        }
        let part = Document {
            equations: part.to_vec(),
        };
        let (expanded, mut more) = expand_scope(&part, symbols)?;
        equations.extend(expanded.equations);
        notes.append(&mut more);
    }
    Ok(Some((Document { equations }, notes)))
}

/// The scopes of a document's bold names, as ranges of equations.
///
/// A derivation writes several networks in vector form one after the other,
/// each as its equations followed by the entries of its names, and the
/// names repeat with other entries (`𝛃₀` of network 1, of network 2, of the
/// combined network). A group (vector equations, then definitions) whose
/// definitions contradict an earlier group's starts a new scope; a document
/// that never redefines a name is one scope.
fn scopes(document: &Document, symbols: &SymbolTable) -> Vec<std::ops::Range<usize>> {
    let equations = &document.equations;
    let mut scopes = Vec::new();
    let mut start = 0;
    let mut known: Vec<(Sym, &Expr)> = Vec::new();
    let mut group: Vec<(Sym, &Expr)> = Vec::new();
    let mut group_start = 0;
    let mut in_definitions = false;
    let mut known_end = 0;
    let mut last_definition = 0;
    for (i, eq) in equations.iter().enumerate() {
        match definition(eq) {
            Some(def) => {
                in_definitions = true;
                last_definition = i + 1;
                group.push(def);
            }
            None if eq.sides.iter().any(has_vector_notation) && in_definitions => {
                let mut scope = Scope {
                    scopes: &mut scopes,
                    start: &mut start,
                    known: &mut known,
                    known_end: &mut known_end,
                };
                scope.close(&mut group, group_start, last_definition, symbols);
                group_start = i;
                in_definitions = false;
            }
            None => {}
        }
    }
    let mut scope = Scope {
        scopes: &mut scopes,
        start: &mut start,
        known: &mut known,
        known_end: &mut known_end,
    };
    scope.close(&mut group, group_start, last_definition, symbols);
    scopes.push(start..equations.len());
    scopes
}

/// The scopes found so far, and the definitions of the open one.
struct Scope<'s, 'a> {
    scopes: &'s mut Vec<std::ops::Range<usize>>,
    start: &'s mut usize,
    known: &'s mut Vec<(Sym, &'a Expr)>,
    /// The equation after the last definition of the open scope.
    known_end: &'s mut usize,
}

impl<'a> Scope<'_, 'a> {
    /// Ends a group of definitions: a new scope starts at `group_start` when
    /// they contradict the open scope's.
    fn close(
        &mut self,
        group: &mut Vec<(Sym, &'a Expr)>,
        group_start: usize,
        group_end: usize,
        symbols: &SymbolTable,
    ) {
        let clash = group.iter().any(|(name, rhs)| {
            self.known
                .iter()
                .any(|(k, old)| k == name && !classify::same_entries(old, rhs, symbols))
        });
        if clash && group_start > *self.start {
            // The scalar steps between two scopes (a substitution, new
            // parameters) belong to neither.
            let end = (*self.known_end).clamp(*self.start, group_start);
            self.scopes.push(*self.start..end);
            if end < group_start {
                self.scopes.push(end..group_start);
            }
            *self.start = group_start;
            self.known.clear();
        }
        self.known.append(group);
        *self.known_end = group_end;
    }
}

/// The name and entries of an equation that gives a bold name's entries:
/// `\boldsymbol{\beta}_0 = \begin{bmatrix}…\end{bmatrix}`.
fn definition(equation: &Equation) -> Option<(Sym, &Expr)> {
    let [lhs, rhs] = equation.sides.as_slice() else {
        return None;
    };
    let lhs = match &ungroup(lhs).kind {
        ExprKind::Transpose(inner) => &**inner,
        _ => lhs,
    };
    let rhs = ungroup(rhs);
    matches!(rhs.kind, ExprKind::Matrix { .. })
        .then_some(())
        .and(symbol_of(lhs).map(|s| (s, rhs)))
}

/// Expands the vector equations of one scope of bold names.
fn expand_scope(
    document: &Document,
    symbols: &mut SymbolTable,
) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let plan = Plan::new(document, symbols)?;
    let mut expander = Expander {
        plan: &plan,
        symbols,
        units: Vec::new(),
        resolving: Vec::new(),
        built: 0,
        sized_inputs: Vec::new(),
    };
    let mut rows = expander.vector_equations(document)?;
    let notes = expander.input_vectors(document)?;
    let mut equations = Vec::with_capacity(document.equations.len());
    for (i, equation) in document.equations.iter().enumerate() {
        match plan.roles[i] {
            Role::Vector => equations.append(&mut rows[i]),
            Role::Scalar => equations.push(equation.clone()),
            Role::Matrix | Role::Alias | Role::Tautology => {}
        }
    }
    Ok((Document { equations }, notes))
}

/// The state of one expansion: the plan, the symbols, the units of each
/// vector variable once known, and the nodes built so far.
struct Expander<'p, 'd> {
    plan: &'p Plan<'d>,
    symbols: &'p mut SymbolTable,
    /// The units of each vector variable, by symbol id, once its size is known.
    units: Vec<Option<Vec<Sym>>>,
    /// The matrix parameters whose entries are being read, innermost last.
    resolving: Vec<Sym>,
    built: usize,
    /// The inputs a matrix gave their size, with where: `(x, span, n)`.
    sized_inputs: Vec<(Sym, Span, usize)>,
}

impl Expander<'_, '_> {
    /// The value of an expression as a matrix of scalar expressions.
    fn value(&mut self, expr: &Expr) -> Result<Mat, Diagnostic> {
        let span = expr.span;
        Ok(match &expr.kind {
            ExprKind::Number(_) => Mat::scalar(expr.clone()),
            ExprKind::Symbol { sym, bold, .. } => self.symbol(*sym, *bold, span, None)?,
            ExprKind::Sum(terms) => {
                let mut sum = self.value(&terms[0])?;
                for term in &terms[1..] {
                    let hint = (sum.cols == 1).then_some(sum.rows);
                    let next = self.operand(term, hint)?;
                    self.charge(sum.weight + next.weight, span)?;
                    sum = sum.add(next, span)?;
                }
                sum
            }
            ExprKind::Product(factors) => self.product(factors, span)?,
            ExprKind::Neg(inner) => self.value(inner)?.map(span, |e| ExprKind::Neg(Box::new(e))),
            ExprKind::Quotient(num, den) => self.quotient(num, den, span)?,
            ExprKind::Activation { spelling, arg } => {
                let spelling = *spelling;
                self.value(arg)?.map(span, |e| ExprKind::Activation {
                    spelling,
                    arg: Box::new(e),
                })
            }
            ExprKind::Group(inner) => Mat {
                span,
                ..self.value(inner)?
            },
            ExprKind::Transpose(inner) => self.value(inner)?.transpose(span),
            ExprKind::Matrix { rows, .. } => self.literal(rows, span)?,
        })
    }

    /// The value of a term or factor; an input vector not yet sized takes
    /// the size `hint` (the rows a sum needs, the columns of the factor
    /// before it).
    fn operand(&mut self, expr: &Expr, hint: Option<usize>) -> Result<Mat, Diagnostic> {
        match ungroup(expr).kind {
            ExprKind::Symbol { sym, bold, .. } => self.symbol(sym, bold, expr.span, hint),
            _ => self.value(expr),
        }
    }

    /// A product, left to right.
    fn product(&mut self, factors: &[Expr], span: Span) -> Result<Mat, Diagnostic> {
        let mut product = self.value(&factors[0])?;
        for factor in &factors[1..] {
            let next = self.operand(factor, Some(product.cols))?;
            self.charge(product.mul_cost(&next), span)?;
            product = product.mul(next, span)?;
        }
        Ok(product)
    }

    /// A quotient, whose divisor must be a scalar.
    fn quotient(&mut self, num: &Expr, den: &Expr, span: Span) -> Result<Mat, Diagnostic> {
        let numerator = self.value(num)?;
        let divisor = self.value(den)?;
        if !divisor.is_scalar() {
            return Err(
                Diagnostic::error("size", "cannot divide by a matrix", den.span)
                    .with_label(format!("this is {}", divisor.size())),
            );
        }
        self.charge(numerator.entries.len().saturating_mul(divisor.weight), span)?;
        let d = &divisor.entries[0];
        Ok(numerator.map(span, |e| {
            ExprKind::Quotient(Box::new(e), Box::new(d.clone()))
        }))
    }

    /// A matrix written entry by entry; every entry must be a scalar.
    fn literal(&mut self, rows: &[Vec<Expr>], span: Span) -> Result<Mat, Diagnostic> {
        let mut entries = Vec::with_capacity(rows.len() * rows[0].len());
        for entry in rows.iter().flatten() {
            let value = self.value(entry)?;
            if !value.is_scalar() {
                return Err(Diagnostic::error(
                    "size",
                    "a matrix entry must be a scalar",
                    entry.span,
                )
                .with_label(format!("this is {}", value.size()))
                .with_help(
                    "netform reads matrices of numbers, parameters and units, not block matrices",
                ));
            }
            entries.extend(value.entries);
        }
        Ok(Mat::new(rows.len(), rows[0].len(), entries, span))
    }

    /// The value of a name: a matrix parameter's entries, a vector
    /// variable's units, or the scalar itself.
    fn symbol(
        &mut self,
        sym: Sym,
        bold: bool,
        span: Span,
        hint: Option<usize>,
    ) -> Result<Mat, Diagnostic> {
        let scalar = || {
            let kind = ExprKind::Symbol {
                sym,
                bold,
                prime_after_subscript: false,
            };
            Mat::scalar(Expr::new(kind, span))
        };
        if let Some((definition, transposed)) = self.plan.matrix(sym) {
            if self.resolving.contains(&sym) {
                return Err(Diagnostic::error(
                    "cycle",
                    "a matrix's entries refer to the matrix",
                    span,
                )
                .with_label("read while its own entries are read")
                .with_help("a matrix's entries are numbers and scalar parameters"));
            }
            self.resolving.push(sym);
            let value = self.value(definition);
            self.resolving.pop();
            let value = if transposed {
                value?.transpose(span)
            } else {
                value?
            };
            self.charge(value.weight, span)?;
            return Ok(Mat { span, ..value });
        }
        if self.plan.is_vector(sym) {
            let units = self.vector_units(sym, span, hint)?;
            let column = units
                .iter()
                .map(|&u| Expr::new(unit_symbol(u), span))
                .collect();
            self.charge(units.len(), span)?;
            return Ok(Mat::new(units.len(), 1, column, span));
        }
        if bold && self.symbols[sym].is_param() && !self.plan.is_scalar(sym) {
            return Err(no_entries(&self.symbols[sym], span));
        }
        Ok(scalar())
    }

    /// Counts `nodes` more syntax nodes, refusing to pass [`MAX_NODES`].
    fn charge(&mut self, nodes: usize, span: Span) -> Result<(), Diagnostic> {
        self.built = self.built.saturating_add(nodes);
        if self.built <= MAX_NODES {
            return Ok(());
        }
        Err(Diagnostic::error(
            "too-large",
            format!("the matrices expand to more than {MAX_NODES} terms"),
            span,
        )
        .with_label("expanding stops here")
        .with_help("write smaller matrices, or the scalar form"))
    }
}

/// A unit as a syntax node.
fn unit_symbol(sym: Sym) -> ExprKind {
    ExprKind::Symbol {
        sym,
        bold: false,
        prime_after_subscript: false,
    }
}

/// Reports a bold parameter that no equation gives entries.
fn no_entries(symbol: &Symbol, span: Span) -> Diagnostic {
    let name = latex_name(symbol);
    Diagnostic::error("no-entries", format!("`{name}` has no entries"), span)
        .with_label("no equation gives this matrix's entries")
        .with_help(format!(
            "define it with `{name} = \\begin{{bmatrix}}…\\end{{bmatrix}}`, on its own line or after a `,`"
        ))
}

/// How a bold name is written in LaTeX: `\boldsymbol{\Psi}`, `\boldsymbol{\theta}'_{0}`,
/// `\mathbf{h}_{2}`.
fn latex_name(symbol: &Symbol) -> String {
    let mut name = match symbol.letter {
        Letter::Param(p) => format!("\\boldsymbol{{\\{}}}", p.ascii()),
        Letter::Var(v) => format!("\\mathbf{{{}}}", v.ascii()),
    };
    name.push_str(&"'".repeat(symbol.primes.into()));
    let body = symbol.subscript_body();
    match body.len() {
        0 => {}
        1 => name.push_str(&format!("_{body}")),
        _ => name.push_str(&format!("_{{{body}}}")),
    }
    name
}

/// The name written on an equation's left side, if it is one name.
fn left_name(equation: &Equation) -> Option<Sym> {
    symbol_of(&equation.sides[0])
}
