//! Derivations: the steps of a composition, each a list of equations, some of
//! them chained (`h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0 + …]`).
//!
//! Every format reads back: a step's title is a `%` comment, and a chained
//! equality continues on a line that starts with `=` (text) or `&=` (LaTeX).

use super::layout::Layout;
use super::{Format, Options};
use crate::expr::Affine;
use crate::network::Unit;
use crate::symbol::{Sym, SymbolTable};
use std::fmt::Write;

/// One step of a derivation: a title and its equations.
#[derive(Clone, Debug)]
pub struct Step {
    /// What the step does: `network 1`, `substituting y`.
    pub title: String,
    /// Its equations, each a name and one or more right sides.
    pub equations: Vec<(Sym, Vec<Affine>)>,
}

/// Prints the steps in `options.format`; LaTeX puts each step in its own
/// `align*`, JSON lists the steps and every equation on one line.
pub fn derivation(symbols: &SymbolTable, steps: &[Step], options: &Options) -> String {
    match options.format {
        Format::Json => json(symbols, steps),
        Format::Latex => latex(symbols, steps, options),
        Format::Unicode | Format::Ascii => text(symbols, steps, options),
    }
}

/// The lines of one chained equation, laid out in `layout`.
fn chained(layout: &Layout<'_>, name: Sym, sides: &[Affine], width: usize, latex: bool) -> String {
    let mut out = String::new();
    let mut lhs = String::new();
    for (i, rhs) in sides.iter().enumerate() {
        let equation = layout.unit(&Unit {
            name,
            layer: 0,
            rhs: rhs.clone(),
        });
        let equation = if i == 0 {
            lhs = equation.lhs().to_string();
            equation
        } else {
            out.push_str(if latex { " \\\\\n" } else { "\n" });
            equation.continuing(&lhs, latex)
        };
        let _ = layout.doc(&equation).render_fmt(width, &mut out);
    }
    out
}

fn text(symbols: &SymbolTable, steps: &[Step], options: &Options) -> String {
    let layout = Layout::new(symbols, options.format);
    let mut out = String::new();
    for step in steps {
        let _ = writeln!(out, "% {}", step.title);
        for (name, sides) in &step.equations {
            out.push_str(&chained(&layout, *name, sides, options.width, false));
            out.push('\n');
        }
    }
    out
}

fn latex(symbols: &SymbolTable, steps: &[Step], options: &Options) -> String {
    let layout = Layout::new(symbols, Format::Latex);
    let mut out = String::new();
    if options.standalone {
        out.push_str(
            "\\documentclass{article}\n\\usepackage{amsmath,amssymb,bm}\n\\begin{document}\n",
        );
    }
    for step in steps.iter().filter(|s| !s.equations.is_empty()) {
        let _ = writeln!(out, "% {}", step.title);
        out.push_str("\\begin{align*}\n");
        let lines: Vec<String> = step
            .equations
            .iter()
            .map(|(name, sides)| chained(&layout, *name, sides, options.width, true))
            .collect();
        out.push_str(&lines.join(" \\\\\n"));
        out.push_str("\n\\end{align*}\n");
    }
    if options.standalone {
        out.push_str("\\end{document}\n");
    }
    out
}

/// `{"netform": 1, "steps": [{"title": …, "equations": [ASCII, …]}], "equations": [every equation]}`.
fn json(symbols: &SymbolTable, steps: &[Step]) -> String {
    let layout = Layout::new(symbols, Format::Ascii);
    let mut all = Vec::new();
    let steps: Vec<serde_json::Value> = steps
        .iter()
        .map(|step| {
            let equations: Vec<String> = step
                .equations
                .iter()
                .map(|(name, sides)| {
                    let parts: Vec<String> = sides
                        .iter()
                        .enumerate()
                        .map(|(i, rhs)| {
                            let flat = layout.flat(&layout.unit(&Unit {
                                name: *name,
                                layer: 0,
                                rhs: rhs.clone(),
                            }));
                            if i == 0 {
                                flat
                            } else {
                                flat.split_once(" = ")
                                    .map_or(flat.clone(), |(_, r)| r.to_string())
                            }
                        })
                        .collect();
                    parts.join(" = ")
                })
                .collect();
            all.extend(equations.iter().cloned());
            serde_json::json!({ "title": step.title, "equations": equations })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(
        &serde_json::json!({ "netform": 1, "steps": steps, "equations": all }),
    )
    .unwrap_or_default();
    out.push('\n');
    out
}
