//! Which equations of a document are matrix definitions, vector aliases,
//! vector equations or plain scalar equations, and which variables are
//! vectors.

use crate::diagnostic::Diagnostic;
use crate::symbol::{Sym, SymbolTable};
use crate::syntax::{Document, Equation, Expr, ExprKind};

/// What one equation of the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// `\boldsymbol{\Psi} = \begin{bmatrix}…\end{bmatrix}`: gives a matrix
    /// parameter its entries; it defines no unit.
    Matrix,
    /// `\mathbf{h} = \begin{bmatrix}h_1\\h_2\end{bmatrix}`: names the units of a
    /// vector variable; it defines no unit.
    Alias,
    /// `\beta_3 = \begin{bmatrix}\beta_3\end{bmatrix}`: a scalar said to be
    /// itself; dropped.
    Tautology,
    /// An equation between vectors: one scalar equation per row.
    Vector,
    /// A scalar equation, passed to lowering unchanged.
    Scalar,
}

/// The roles of a document's equations and the names they give.
///
/// Tables indexed by symbol id cover the symbols interned before expansion.
pub(super) struct Plan<'d> {
    /// The role of each equation, in document order.
    pub roles: Vec<Role>,
    /// The literal defining each matrix parameter, and whether it defines
    /// the transpose (`\boldsymbol{\phi}'^T = \begin{bmatrix}…\end{bmatrix}`).
    pub matrices: Vec<Option<(&'d Expr, bool)>>,
    /// The literal naming the units of each aliased vector variable.
    pub aliases: Vec<Option<&'d Expr>>,
    /// Whether each variable is a vector.
    pub vectors: Vec<bool>,
    /// Whether each symbol is written in bold somewhere.
    pub bold: Vec<bool>,
    /// Whether each variable is the left side of some equation.
    pub defined: Vec<bool>,
    /// Whether each parameter is said to be itself, `\beta_3 = [\beta_3]`, so
    /// that it is a scalar even in bold.
    pub scalars: Vec<bool>,
}

impl<'d> Plan<'d> {
    /// Classifies every equation of `document`.
    pub(super) fn new(
        document: &'d Document,
        symbols: &SymbolTable,
    ) -> Result<Plan<'d>, Vec<Diagnostic>> {
        let n = symbols.len();
        let mut plan = Plan {
            roles: Vec::with_capacity(document.equations.len()),
            matrices: vec![None; n],
            aliases: vec![None; n],
            vectors: vec![false; n],
            bold: vec![false; n],
            defined: vec![false; n],
            scalars: vec![false; n],
        };
        let mut errors = Vec::new();
        for equation in &document.equations {
            let role = plan.definition(equation, symbols).unwrap_or_else(|e| {
                errors.push(e);
                Role::Tautology
            });
            plan.roles.push(role);
            plan.note_symbols(equation, symbols);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        plan.find_vector_equations(document, symbols);
        plan.find_input_vectors(document, symbols);
        Ok(plan)
    }

    /// The role of a definition (`NAME = matrix`), or [`Role::Scalar`] for
    /// every other equation until [`Plan::find_vector_equations`] runs.
    fn definition(
        &mut self,
        equation: &'d Equation,
        symbols: &SymbolTable,
    ) -> Result<Role, Diagnostic> {
        let [lhs, rhs] = equation.sides.as_slice() else {
            return Ok(Role::Scalar);
        };
        let (transposed, lhs) = match &ungroup(lhs).kind {
            ExprKind::Transpose(inner) => (true, &**inner),
            _ => (false, lhs),
        };
        let (Some(name), ExprKind::Matrix { rows, .. }) = (symbol_of(lhs), &ungroup(rhs).kind)
        else {
            return Ok(Role::Scalar);
        };
        let param = symbols[name].is_param();
        if transposed && !param {
            return Ok(Role::Scalar);
        }
        if param
            && matches!(rows.as_slice(), [row] if matches!(row.as_slice(), [e] if symbol_of(e) == Some(name)))
        {
            self.scalars[name.0 as usize] = true;
            return Ok(Role::Tautology);
        }
        let all_vars = rows.iter().all(|row| row.len() == 1)
            && rows
                .iter()
                .flatten()
                .all(|e| symbol_of(e).is_some_and(|s| symbols[s].is_var()));
        let first = match (param, all_vars) {
            (true, _) => self.matrices[name.0 as usize].map(|(e, _)| e),
            (false, true) => self.aliases[name.0 as usize],
            (false, false) => return Ok(Role::Scalar),
        };
        if let Some(first) = first {
            if same_entries(first, ungroup(rhs), symbols) {
                // A derivation restates a name's entries (the composed
                // network repeats its parts'): the same entries agree.
                return Ok(Role::Tautology);
            }
            return Err(Diagnostic::error(
                "redefined",
                "the entries of a matrix are given twice",
                rhs.span,
            )
            .with_label("second definition")
            .with_secondary(first.span, "first definition")
            .with_help("give each bold name its entries once"));
        }
        let bold = matches!(ungroup(lhs).kind, ExprKind::Symbol { bold: true, .. });
        let entries: usize = rows.iter().map(Vec::len).sum();
        if param && !bold && symbols[name].indices.len() >= 2 && entries > 1 {
            // `ψ_10` names one weight (its indices pick one entry): defined
            // as a vector, it would silently turn its unit into several.
            return Err(Diagnostic::error(
                "matrix",
                format!(
                    "`{}` names one weight, but is defined as a {}×{} matrix",
                    symbols[name],
                    rows.len(),
                    rows.first().map_or(0, Vec::len)
                ),
                rhs.span,
            )
            .with_label("more than one entry")
            .with_help("a weight with a row and a column index is a number; name a vector or matrix in bold, e.g. `\\boldsymbol{\\psi}_0`"));
        }
        if param {
            self.matrices[name.0 as usize] = Some((ungroup(rhs), transposed));
            Ok(Role::Matrix)
        } else {
            self.aliases[name.0 as usize] = Some(ungroup(rhs));
            Ok(Role::Alias)
        }
    }

    /// Records bold symbols and defined variables.
    fn note_symbols(&mut self, equation: &Equation, symbols: &SymbolTable) {
        for side in &equation.sides {
            walk(side, &mut |e| {
                if let ExprKind::Symbol {
                    sym, bold: true, ..
                } = e.kind
                {
                    self.bold[sym.0 as usize] = true;
                    if symbols[sym].is_var() {
                        self.vectors[sym.0 as usize] = true;
                    }
                }
            });
        }
        let mut define = |e: &Expr| {
            if let Some(s) = symbol_of(e).filter(|&s| symbols[s].is_var()) {
                self.defined[s.0 as usize] = true;
            }
        };
        match &ungroup(&equation.sides[0]).kind {
            ExprKind::Matrix { rows, .. } => rows.iter().flatten().for_each(&mut define),
            _ => define(&equation.sides[0]),
        }
    }

    /// Marks as vector equations those that mention a matrix, a transpose, a
    /// matrix parameter, a bold parameter or a vector variable; the variable
    /// a vector equation defines is a vector, so the equations that read it
    /// are vector equations too (a worklist, linear in the document).
    fn find_vector_equations(&mut self, document: &Document, symbols: &SymbolTable) {
        for (name, alias) in self.aliases.iter().enumerate() {
            self.vectors[name] |= alias.is_some();
        }
        let mut readers: Vec<Vec<usize>> = vec![Vec::new(); symbols.len()];
        let mut queue = Vec::new();
        for (i, equation) in document.equations.iter().enumerate() {
            if self.roles[i] != Role::Scalar {
                continue;
            }
            let mut vector = false;
            for side in &equation.sides {
                walk(side, &mut |e| match e.kind {
                    ExprKind::Matrix { .. } | ExprKind::Transpose(_) => vector = true,
                    ExprKind::Symbol { sym, bold, .. } => {
                        let s = sym.0 as usize;
                        vector |= bold || self.matrices[s].is_some() || self.vectors[s];
                        if symbols[sym].is_var() {
                            readers[s].push(i);
                        }
                    }
                    _ => {}
                });
            }
            if vector {
                queue.push(i);
            }
        }
        while let Some(i) = queue.pop() {
            if self.roles[i] == Role::Vector {
                continue;
            }
            self.roles[i] = Role::Vector;
            if let Some(v) = symbol_of(&document.equations[i].sides[0]) {
                if symbols[v].is_var() && !self.vectors[v.0 as usize] {
                    self.vectors[v.0 as usize] = true;
                    queue.extend(readers[v.0 as usize].iter().copied());
                }
            }
        }
    }

    /// Makes vectors of the inputs written without a subscript (`x`, `y`)
    /// that vector equations read: `\boldsymbol{\Omega}_0 x` multiplies the
    /// input vector.
    fn find_input_vectors(&mut self, document: &Document, symbols: &SymbolTable) {
        for (i, equation) in document.equations.iter().enumerate() {
            if self.roles[i] != Role::Vector {
                continue;
            }
            for side in &equation.sides[1..] {
                walk(side, &mut |e| {
                    if let ExprKind::Symbol { sym, .. } = e.kind {
                        let s = sym.0 as usize;
                        if symbols[sym].is_var()
                            && !self.defined[s]
                            && symbols[sym].indices.is_empty()
                        {
                            self.vectors[s] = true;
                        }
                    }
                });
            }
        }
    }

    /// Whether `sym` is a parameter said to be itself, `\beta_3 = [\beta_3]`.
    pub(super) fn is_scalar(&self, sym: Sym) -> bool {
        self.scalars.get(sym.0 as usize).copied().unwrap_or(false)
    }

    /// Whether `sym` (possibly interned after classification) is a vector.
    pub(super) fn is_vector(&self, sym: Sym) -> bool {
        self.vectors.get(sym.0 as usize).copied().unwrap_or(false)
    }

    /// The literal defining the matrix parameter `sym`, if any, and whether
    /// it gives the transpose.
    pub(super) fn matrix(&self, sym: Sym) -> Option<(&'d Expr, bool)> {
        self.matrices.get(sym.0 as usize).copied().flatten()
    }

    /// The literal naming the units of the vector variable `sym`, if any.
    pub(super) fn alias(&self, sym: Sym) -> Option<&'d Expr> {
        self.aliases.get(sym.0 as usize).copied().flatten()
    }
}

/// Whether an expression uses vector notation: a matrix, a transpose or a
/// bold name ([`Expr::has_vector_notation`]).
pub(crate) fn has_vector_notation(expr: &Expr) -> bool {
    expr.has_vector_notation()
}

/// The expression inside any parentheses or braces: `(x)` is `x`.
pub(super) fn ungroup(mut expr: &Expr) -> &Expr {
    while let ExprKind::Group(inner) = &expr.kind {
        expr = inner;
    }
    expr
}

/// The symbol an expression is, if it is a single name (possibly grouped).
pub(super) fn symbol_of(expr: &Expr) -> Option<Sym> {
    match ungroup(expr).kind {
        ExprKind::Symbol { sym, .. } => Some(sym),
        _ => None,
    }
}

/// Calls `f` on `expr` and every expression inside it, without recursion.
pub(super) fn walk<'a>(expr: &'a Expr, f: &mut impl FnMut(&'a Expr)) {
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        f(e);
        match &e.kind {
            ExprKind::Number(_) | ExprKind::Symbol { .. } => {}
            ExprKind::Sum(items) | ExprKind::Product(items) => stack.extend(items),
            ExprKind::Neg(x) | ExprKind::Group(x) | ExprKind::Transpose(x) => stack.push(x),
            ExprKind::Activation { arg, .. } => stack.push(arg),
            ExprKind::Quotient(a, b) => stack.extend([&**a, &**b]),
            ExprKind::Matrix { rows, .. } => stack.extend(rows.iter().flatten()),
        }
    }
}

/// Whether two matrices have the same entries, compared as affine
/// combinations (spelling and position do not matter).
pub(super) fn same_entries(a: &Expr, b: &Expr, symbols: &SymbolTable) -> bool {
    let (ExprKind::Matrix { rows: ra, .. }, ExprKind::Matrix { rows: rb, .. }) = (&a.kind, &b.kind)
    else {
        return false;
    };
    ra.len() == rb.len()
        && ra.iter().zip(rb).all(|(x, y)| {
            x.len() == y.len()
                && x.iter().zip(y).all(|(p, q)| {
                    match (
                        crate::lower::affine(symbols, p),
                        crate::lower::affine(symbols, q),
                    ) {
                        (Ok(p), Ok(q)) => p == q,
                        _ => false,
                    }
                })
        })
}
