//! A form's lines written onto a page ([`Sheet`]): the LaTeX of `--beamer`
//! and of an article `--standalone`, fitted to the frame or the text width.
//!
//! Each kind of line fits in its own way:
//! - a scalar equation breaks between its top-level summands, a nested one
//!   inside its brackets as well (`layout.rs`, `nested.rs`);
//! - an equation of matrices that is too wide is set as an `aligned` block,
//!   broken before a top-level `+`, inside the activation's `\left[ \right]`
//!   so that the bracket spans every row;
//! - a note (the general form's sizes) breaks after a comma;
//! - definitions of matrices sit side by side on a row while they fit
//!   (`𝛉₀ = […], \qquad 𝛉 = […]`, which reads back as two equations);
//! - in Beamer, rows that would run off the bottom of a frame continue on
//!   the next frame, titled `(cont.)`.
//!
//! A matrix that is too wide for a row on its own cannot break; whether any
//! is, is asked first ([`overflowing`]), so that the form can be elided
//! instead (`⋯ ⋮ ⋱`), which is the last resort.

use super::draw::Math;
use super::fit::{self, Page, Width};
use super::forms::{nested_lines, Line, Speller};
use super::nested::NestedLines;
use super::sheet::Sheet;
use std::fmt;

/// Writes the lines of `sections` onto a page; in Beamer, in frames titled
/// `title`.
pub(crate) fn write(
    speller: &Speller<'_>,
    sections: &[&[Line]],
    nested: Option<&NestedLines>,
    page: Page,
    title: &str,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    let lines: Vec<&Line> = sections.iter().flat_map(|s| s.iter()).collect();
    let lhs = lines
        .iter()
        .map(|line| lhs_width(line, nested))
        .max()
        .unwrap_or(0);
    let mut sheet = Sheet::new(out, page, lhs, title);
    let mut rest = lines.as_slice();
    while let Some((line, after)) = rest.split_first() {
        let beside = definitions_beside(rest, sheet.room());
        if beside > 1 {
            definitions(&rest[..beside], &mut sheet)?;
            rest = &rest[beside..];
        } else {
            write_line(speller, line, nested, &mut sheet)?;
            rest = after;
        }
    }
    sheet.finish()
}

/// What goes between definitions set side by side on one row.
const BESIDE: &str = ", \\qquad ";

/// How many definitions of matrices, from the first line on, fit side by
/// side on one row: `𝛉₀ = […], 𝛉 = […], 𝐡 = […]`.
fn definitions_beside(lines: &[&Line], room: Width) -> usize {
    let mut width = 0;
    let mut count = 0;
    for line in lines {
        let Line::Math(lhs, rhs @ Math::Matrix(_)) = line else {
            break;
        };
        let more = if count == 0 {
            math_width(rhs)
        } else {
            fit::width(BESIDE) + math_width(lhs) + fit::width(" = ") + math_width(rhs)
        };
        if width + more > room {
            break;
        }
        width += more;
        count += 1;
    }
    count
}

/// Definitions side by side on one row, as tall as the tallest.
fn definitions(lines: &[&Line], sheet: &mut Sheet<'_>) -> fmt::Result {
    let mut first = true;
    let mut text = String::new();
    let mut rows = 1;
    let mut lhs_first = String::new();
    for line in lines {
        if let Line::Math(lhs, rhs) = line {
            rows = rows.max(rows_of(lhs)).max(rows_of(rhs));
            if first {
                lhs.latex(&mut lhs_first);
            } else {
                text.push_str(BESIDE);
                lhs.latex(&mut text);
                text.push_str(" = ");
            }
            rhs.latex(&mut text);
            first = false;
        }
    }
    sheet.row(&lhs_first, sheet.page().matrix_row(rows))?;
    sheet.raw(&text)
}

/// Whether some line cannot be made to fit the page: a matrix wider than a
/// row on its own, or a summand wider than a continuation row.
pub(crate) fn overflowing(sections: &[&[Line]], nested: Option<&NestedLines>, page: Page) -> bool {
    let lines: Vec<&Line> = sections.iter().flat_map(|s| s.iter()).collect();
    let lhs = lines
        .iter()
        .map(|line| lhs_width(line, nested))
        .max()
        .unwrap_or(0);
    let mut sink = String::new();
    let room = Sheet::new(&mut sink, page, lhs, "").room();
    lines.iter().any(|line| match line {
        Line::Math(_, rhs) => plan(rhs, room).is_none(),
        // A continuation row starts a `\quad` in.
        Line::Scalar(equation) => equation.widest_summand() + 100 > room,
        _ => false,
    })
}

/// The width of a line's left side.
pub(crate) fn lhs_width(line: &Line, nested: Option<&NestedLines>) -> Width {
    match line {
        Line::Math(lhs, _) => math_width(lhs),
        Line::Scalar(equation) => fit::width(equation.lhs()),
        Line::Nested(n) => fit::width(nested_lines(nested).lhs(*n)),
        Line::Note(_) => 0,
    }
}

fn write_line(
    speller: &Speller<'_>,
    line: &Line,
    nested: Option<&NestedLines>,
    sheet: &mut Sheet<'_>,
) -> fmt::Result {
    match line {
        Line::Scalar(equation) => speller.layout.write_on(equation, sheet),
        Line::Nested(n) => nested_lines(nested).write_on(&speller.layout, *n, sheet),
        Line::Note(text) => note(text, sheet),
        Line::Math(lhs, rhs) => math(lhs, rhs, sheet),
    }
}

/// A note, `&\text{$…$}`, broken after a comma into as many rows as it needs.
fn note(text: &str, sheet: &mut Sheet<'_>) -> fmt::Result {
    let room = sheet.room();
    let mut row = String::new();
    for chunk in text.split(", ") {
        let joined = if row.is_empty() {
            chunk.to_string()
        } else {
            format!("{row}, {chunk}")
        };
        if !row.is_empty() && fit::width(&joined) > room {
            note_row(&format!("{row},"), sheet)?;
            row = chunk.trim_start_matches("\\quad ").to_string();
        } else {
            row = joined;
        }
    }
    note_row(&row, sheet)
}

fn note_row(text: &str, sheet: &mut Sheet<'_>) -> fmt::Result {
    sheet.bare_row(sheet.page().row())?;
    sheet.raw(&format!("&\\text{{${text}$}}"))
}

/// How an equation of matrices is set.
enum Plan<'m> {
    /// On one row.
    Whole,
    /// In an `aligned` block, one row per group of summands; `letter` is the
    /// activation around the block, if any.
    Broken {
        letter: Option<&'static str>,
        rows: Vec<Vec<&'m Math>>,
    },
    /// Without matrices (the general form's nested equation): across rows
    /// of the `align*`, breaking between summands inside its plain brackets
    /// as a scalar nested equation does.
    Flowing,
}

/// An equation of matrices: on one row when it fits, else broken before a
/// top-level `+` into an `aligned` block.
fn math(lhs: &Math, rhs: &Math, sheet: &mut Sheet<'_>) -> fmt::Result {
    let page = sheet.page();
    let mut left = String::new();
    lhs.latex(&mut left);
    match plan(rhs, sheet.room()) {
        Some(Plan::Broken { letter, rows }) => {
            let height = rows
                .iter()
                .map(|row| page.matrix_row(row.iter().map(|m| rows_of(m)).max().unwrap_or(1)))
                .sum::<f64>()
                .max(page.matrix_row(rows_of(lhs)));
            sheet.row(&left, height)?;
            let mut text = String::new();
            if let Some(letter) = letter {
                text.push_str(letter);
                text.push_str("\\left[");
            }
            text.push_str("\\begin{aligned}");
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    text.push_str(" \\\\ ");
                }
                text.push('&');
                let mut spelled = String::new();
                row.iter().for_each(|m| m.latex(&mut spelled));
                text.push_str(spelled.trim_start());
            }
            text.push_str("\\end{aligned}");
            if letter.is_some() {
                text.push_str("\\right]");
            }
            sheet.raw(&text)
        }
        Some(Plan::Flowing) => {
            sheet.row(&left, page.row())?;
            flowing(rhs, 0, sheet)
        }
        // Whole, or too wide however it breaks (the form was elided if
        // eliding could help).
        _ => {
            let height = page.matrix_row(rows_of(lhs).max(rows_of(rhs)));
            sheet.row(&left, height)?;
            let mut right = String::new();
            rhs.latex(&mut right);
            sheet.raw(&right)
        }
    }
}

/// How `rhs` fits in `room`; `None` when it cannot.
fn plan(rhs: &Math, room: Width) -> Option<Plan<'_>> {
    if math_width(rhs) <= room {
        return Some(Plan::Whole);
    }
    if !holds_matrix(rhs) {
        return Some(Plan::Flowing);
    }
    let (letter, parts, room) = match rhs {
        Math::Act(letter, inner) => match inner.as_ref() {
            Math::Row(parts) => (
                Some(*letter),
                parts,
                room.saturating_sub(fit::width(letter) + 2 * fit::width("[")),
            ),
            _ => return None,
        },
        Math::Row(parts) => (None, parts, room),
        _ => return None,
    };
    let mut rows: Vec<Vec<&Math>> = vec![Vec::new()];
    let mut row_width = 0;
    for group in groups(parts) {
        let group_width: Width = group.iter().map(|m| math_width(m)).sum();
        if group_width > room {
            return None;
        }
        if row_width + group_width > room && row_width > 0 {
            rows.push(Vec::new());
            row_width = 0;
        }
        row_width += group_width;
        rows.last_mut()?.extend(group);
    }
    Some(Plan::Broken { letter, rows })
}

/// Writes a formula without matrices left to right, each summand on the
/// current row or, when it does not fit, on a continuation row at `depth`;
/// an activation too wide for a row is opened and its own summands placed
/// inside its bracket, one `\quad` further in. The depth is at most
/// [`super::forms::MAX_NESTED_LAYERS`] brackets.
fn flowing(math: &Math, depth: usize, sheet: &mut Sheet<'_>) -> fmt::Result {
    let parts = match math {
        Math::Row(parts) => parts.as_slice(),
        other => std::slice::from_ref(other),
    };
    let groups = groups(parts);
    let last = groups.len().saturating_sub(1);
    for (i, group) in groups.iter().enumerate() {
        let closing = if i == last {
            depth * fit::width("]")
        } else {
            0
        };
        let width: Width = group.iter().map(|m| math_width(m)).sum();
        if sheet.place(width + closing, depth)? {
            write_leaves(group, sheet)?;
            continue;
        }
        // Too wide: its operator and factors, then its activation opened.
        let leaves = leaves(group);
        let split = leaves
            .iter()
            .position(|m| matches!(m, Math::Act(..)))
            .unwrap_or(leaves.len());
        let (head, rest) = leaves.split_at(split);
        let head_width: Width = head.iter().map(|m| math_width(m)).sum();
        sheet.place(head_width + 2 * fit::width("["), depth)?;
        write_leaves(head, sheet)?;
        for leaf in rest {
            match leaf {
                Math::Act(letter, inner) => {
                    sheet.text(letter, fit::width(letter))?;
                    sheet.text("[", fit::width("["))?;
                    flowing(inner, depth + 1, sheet)?;
                    sheet.text("]", fit::width("]"))?;
                }
                other => write_leaves(&[*other], sheet)?,
            }
        }
    }
    Ok(())
}

/// The parts of a group with the rows in it taken apart: texts, matrices
/// and activations.
fn leaves<'m>(group: &[&'m Math]) -> Vec<&'m Math> {
    let mut leaves = Vec::new();
    let mut stack: Vec<&Math> = group.iter().rev().copied().collect();
    while let Some(m) = stack.pop() {
        match m {
            Math::Row(parts) => stack.extend(parts.iter().rev()),
            other => leaves.push(other),
        }
    }
    leaves
}

/// Writes formulas whole on the current row, without the space before an
/// operator that starts the row.
fn write_leaves(parts: &[&Math], sheet: &mut Sheet<'_>) -> fmt::Result {
    let mut text = String::new();
    parts.iter().for_each(|m| m.latex(&mut text));
    let width = parts.iter().map(|m| math_width(m)).sum();
    let text = if sheet.fresh() {
        text.trim_start_matches(' ')
    } else {
        &text
    };
    sheet.text(text, width)
}

/// Whether a matrix occurs anywhere in a formula.
fn holds_matrix(math: &Math) -> bool {
    match math {
        Math::Text(_) => false,
        Math::Matrix(_) => true,
        Math::Row(parts) => parts.iter().any(holds_matrix),
        Math::Act(_, inner) => holds_matrix(inner),
    }
}

/// The summands of a row of parts, each starting at its operator.
fn groups(parts: &[Math]) -> Vec<Vec<&Math>> {
    let mut groups: Vec<Vec<&Math>> = Vec::new();
    for part in parts {
        let operator = matches!(part, Math::Text(t) if t == " + " || t == " - ");
        match groups.last_mut() {
            Some(group) if !operator => group.push(part),
            _ => groups.push(vec![part]),
        }
    }
    groups
}

/// The estimated width of a formula.
fn math_width(math: &Math) -> Width {
    match math {
        Math::Text(text) => fit::width(text),
        Math::Matrix(entries) => fit::matrix_width((0..entries.columns()).map(|j| {
            (0..entries.rows())
                .map(|i| fit::width(entries.get(i, j)))
                .max()
                .unwrap_or(0)
        })),
        Math::Row(parts) => parts.iter().map(math_width).sum(),
        // `\left[ \right]` around a matrix is a little wider than `[ ]`.
        Math::Act(letter, inner) => {
            fit::width(letter) + 2 * fit::width("[") + 20 + math_width(inner)
        }
    }
}

/// The most rows of any matrix in a formula; 1 for text.
fn rows_of(math: &Math) -> usize {
    match math {
        Math::Text(_) => 1,
        Math::Matrix(entries) => entries.rows().max(1),
        Math::Row(parts) => parts.iter().map(rows_of).max().unwrap_or(1),
        Math::Act(_, inner) => rows_of(inner),
    }
}
