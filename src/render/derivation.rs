//! Derivations: the steps of a composition, each a list of equations, some of
//! them chained (`h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0 + …]`).
//!
//! Every format reads back: a step's title is a `%` comment, and a chained
//! equality continues on a line that starts with `=` (text) or `&=` (LaTeX).
//!
//! LaTeX for a page ([`slides`]) fits it as a form's LaTeX does: as Beamer
//! frames, one or more per step, titled with the step (`Substituting the
//! first network's outputs`), optionally revealed an equation at a time;
//! or as an article whose steps are titled in its text.

use super::document::preamble;
use super::fit::{Aspect, Page, Paper};
use super::layout::Layout;
use super::sheet::Sheet;
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

/// How a derivation is set on a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Slides {
    /// Beamer frames (else an article, with `standalone`).
    pub beamer: bool,
    /// The frames' aspect ratio.
    pub aspect: Aspect,
    /// Reveal the substitutions one equation at a time (`\pause`).
    pub overlays: bool,
}

/// Prints the steps as LaTeX fitted to a page: Beamer frames titled with
/// each step when `slides.beamer` (a whole Beamer document with
/// `options.standalone`), else an article whose steps are titled in its
/// text (`\subsection*{Network 1}`), or, without `standalone`, the same as
/// [`derivation`].
///
/// ```
/// use netform::render::derivation::{slides, Slides};
/// use netform::render::{Format, Options};
/// use netform::rewrite::compose::{compose_chain, derivation, Shown};
///
/// let first = netform::read::network(netform::examples::EXAMPLES[0].source).unwrap();
/// let second = netform::read::network(netform::examples::EXAMPLES[1].source).unwrap();
/// let chain = compose_chain(&[first, second], &[], true).unwrap();
/// let (symbols, steps) = derivation(&chain, Shown::default(), true);
/// let latex = Options { format: Format::Latex, ..Options::default() };
/// let beamer = Slides { beamer: true, overlays: true, ..Slides::default() };
/// let frames = slides(&symbols, &steps, &latex, beamer);
/// assert!(frames.starts_with("\\begin{frame}{Network 1}\n"));
/// assert!(frames.contains("\\begin{frame}{Substituting the first network's outputs}\n"));
/// assert!(frames.contains("\\pause\n"));
/// ```
pub fn slides(symbols: &SymbolTable, steps: &[Step], options: &Options, slides: Slides) -> String {
    if options.format != Format::Latex || !(slides.beamer || options.standalone) {
        return derivation(symbols, steps, options);
    }
    let paper = if slides.beamer {
        Paper::Beamer(slides.aspect)
    } else {
        Paper::Article
    };
    let page = Page::new(paper);
    let style: &'static dyn super::style::Style = if slides.beamer {
        &super::latex::BeamerLatex
    } else {
        &super::latex::Latex
    };
    let layout = Layout::new(symbols, Format::Latex).fitting(true, style);
    let mut out = preamble(options, page);
    let lhs = steps
        .iter()
        .flat_map(|s| &s.equations)
        .map(|(name, _)| super::fit::width(&layout.symbol(*name)))
        .max()
        .unwrap_or(0);
    let mut sheet = Sheet::new(&mut out, page, lhs, "");
    let _ = write_steps(&layout, steps, slides, &mut sheet);
    let _ = sheet.finish();
    if options.standalone {
        out.push_str("\\end{document}\n");
    }
    out
}

/// Each step on the sheet: a frame (or a title in the text), then its
/// equations, each side of a chained equality on its own row.
fn write_steps(
    layout: &Layout<'_>,
    steps: &[Step],
    slides: Slides,
    sheet: &mut Sheet<'_>,
) -> std::fmt::Result {
    for step in steps.iter().filter(|s| !s.equations.is_empty()) {
        let title = capitalized(&step.title);
        if slides.beamer {
            sheet.next_frame(&title)?;
        } else {
            sheet.between(
                &format!("\\subsection*{{{title}}}\n"),
                2.0 * sheet.page().row(),
            )?;
        }
        let reveal = slides.overlays && step.equations.iter().any(|(_, sides)| sides.len() > 1);
        for (k, (name, sides)) in step.equations.iter().enumerate() {
            if reveal && k > 0 {
                sheet.between("\\pause\n", 0.0)?;
            }
            let lhs = layout.symbol(*name);
            for (i, rhs) in sides.iter().enumerate() {
                let equation = layout.unit(&Unit {
                    name: *name,
                    layer: 0,
                    rhs: rhs.clone(),
                });
                let equation = if i == 0 {
                    equation
                } else {
                    equation.continuing(&lhs, true)
                };
                layout.write_on(&equation, sheet)?;
            }
        }
    }
    Ok(())
}

/// A LaTeX document whose steps are titled in `%` comments, with each
/// title made a heading of the text instead (`% network 1` becomes
/// `\subsection*{Network 1}`), so that the PDF says what each step is.
///
/// ```
/// use netform::render::derivation::titled_in_text;
///
/// let document = "\\begin{document}\n% network 1\n\\begin{align*}\ny &= x\n\\end{align*}\n";
/// assert_eq!(
///     titled_in_text(document),
///     "\\begin{document}\n\\subsection*{Network 1}\n\\begin{align*}\ny &= x\n\\end{align*}\n"
/// );
/// ```
pub fn titled_in_text(document: &str) -> String {
    let mut out = String::with_capacity(document.len());
    for line in document.split_inclusive('\n') {
        match line.strip_prefix("% ") {
            Some(title) => {
                out.push_str(&format!(
                    "\\subsection*{{{}}}\n",
                    capitalized(title.trim_end())
                ));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A step's title as a heading: `network 1` → `Network 1`.
fn capitalized(title: &str) -> String {
    let mut chars = title.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
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
        let _ = layout.write(&equation, width, &mut out);
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
