//! Every form of a network as one output: its lines assembled, written in a
//! format, and wrapped in a LaTeX document or a Beamer frame when asked.
//!
//! A [`Document`] is made in two steps: its lines are assembled first, which
//! is where a form is refused, and only then written, so that nothing is
//! written for a refused form. The scalar nested equations are the exception
//! to holding every line: they are spelled piece by piece
//! ([`NestedLines`]) and written out only as they are printed.

use super::forms::{self, Line, Speller, Uses};
use super::matrix::MatrixForm;
use super::nested::NestedLines;
use super::{json, Form, FormError, FormOptions, Format, Options};
use crate::network::Network;
use crate::rewrite::layered::Layered;
use crate::rewrite::nested::{self, NestedForm};
use std::fmt;

/// A form's lines: the equations (in groups set apart by a blank line), the
/// sizes of the general form, and the definitions.
pub(crate) struct FormLines {
    /// Groups of equations.
    pub(crate) equations: Vec<Vec<Line>>,
    /// `K = 2, D₀ = 1, …` (general and nested forms).
    pub(crate) sizes: Option<Line>,
    /// Every name used, written out, then the network's parameter definitions.
    pub(crate) definitions: Vec<Line>,
    /// The matrix form the lines describe (none for the scalar form, or a
    /// nested form of a network without layers).
    pub(crate) form: Option<MatrixForm>,
    /// The scalar nested equations the [`Line::Nested`] lines print.
    pub(crate) nested: Option<NestedLines>,
}

/// The whole output of [`super::form`], ready to be written.
pub(crate) struct Document<'a> {
    network: &'a Network,
    options: &'a Options,
    form: &'a FormOptions,
    speller: Speller<'a>,
    /// The lines; none for the scalar form in JSON, which has its own schema.
    lines: Option<FormLines>,
}

impl<'a> Document<'a> {
    /// The lines of `form` in the format of `options`; refused when the form
    /// cannot be written.
    pub(crate) fn new(
        network: &'a Network,
        options: &'a Options,
        form: &'a FormOptions,
    ) -> Result<Document<'a>, FormError> {
        let json = options.format == Format::Json;
        let explicit = form.explicit && form.form == Form::Matrix;
        // JSON spells its equations in ASCII and never elides.
        let speller = Speller::new(
            &network.symbols,
            options.format,
            explicit,
            form.elide && !json,
        );
        let lines = match (json, form.form) {
            (true, Form::Scalar) => None,
            _ => Some(lines(network, &speller, form)?),
        };
        Ok(Document {
            network,
            options,
            form,
            speller,
            lines,
        })
    }

    /// The same document with the scalar nested equations built in memory
    /// ([`nested::nested`]) and laid out whole, as `pretty` documents: the
    /// reference the written-as-printed equations are tested against.
    pub(crate) fn built_in_memory(mut self) -> Document<'a> {
        if let Some(lines) = self.lines.as_mut().filter(|l| l.nested.is_some()) {
            let outputs = nested::nested(self.network, u128::MAX)
                .expect("no limit refuses a nested equation");
            lines.equations[0] = outputs
                .iter()
                .map(|(output, rhs)| Line::Scalar(self.speller.layout.equation(*output, rhs)))
                .collect();
            lines.nested = None;
        }
        self
    }

    /// Writes the document.
    pub(crate) fn write(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let Some(lines) = &self.lines else {
            return out.write_str(&json::document(self.network));
        };
        if self.options.format == Format::Json {
            return super::forms_json::write(&self.speller, lines, self.form, out);
        }
        let mut sections: Vec<&[Line]> = lines.equations.iter().map(Vec::as_slice).collect();
        sections.push(lines.sizes.as_slice());
        sections.push(&lines.definitions);
        let (before, after) = wrapping(self.options, self.form);
        out.write_str(&before)?;
        forms::write(
            &self.speller,
            &sections,
            lines.nested.as_ref(),
            self.options,
            out,
        )?;
        out.write_str(after)
    }
}

/// The lines of a form.
pub(crate) fn lines(
    network: &Network,
    speller: &Speller<'_>,
    form: &FormOptions,
) -> Result<FormLines, FormError> {
    let mut lines = match form.form {
        Form::Scalar => scalar(network, speller),
        Form::Matrix => {
            let matrix = MatrixForm::named(&network.symbols, Layered::of(network)?);
            let mut uses = Uses::default();
            let equations = vec![speller.equations(&matrix, &mut uses)];
            let definitions = speller.definitions(&uses);
            FormLines {
                equations,
                sizes: None,
                definitions,
                form: Some(matrix),
                nested: None,
            }
        }
        Form::General => {
            let general = MatrixForm::general(Layered::of(network)?, &network.symbols);
            let mut uses = Uses::default();
            let equations = vec![speller.equations(&general, &mut uses)];
            let definitions = speller.definitions(&uses);
            FormLines {
                equations,
                sizes: Some(speller.sizes(&general.widths)),
                definitions,
                form: Some(general),
                nested: None,
            }
        }
        Form::Nested => nested_lines(network, speller, form)?,
    };
    if form.form != Form::Scalar {
        lines
            .definitions
            .extend(speller.parameter_definitions(network));
    }
    Ok(lines)
}

/// The scalar form: one equation per unit, then the parameter definitions.
fn scalar(network: &Network, speller: &Speller<'_>) -> FormLines {
    let units = network
        .units
        .iter()
        .map(|u| Line::Scalar(speller.layout.unit(u)))
        .collect();
    let mut units_and_definitions: Vec<Line> = units;
    units_and_definitions.extend(speller.parameter_definitions(network));
    FormLines {
        equations: vec![units_and_definitions],
        sizes: None,
        definitions: Vec::new(),
        form: None,
        nested: None,
    }
}

/// The nested form: each output's scalar nested equation, then (for a layered
/// network) the general form's nested equation with its sizes.
fn nested_lines(
    network: &Network,
    speller: &Speller<'_>,
    form: &FormOptions,
) -> Result<FormLines, FormError> {
    let nested = NestedLines::new(&speller.layout, &NestedForm::of(network, form.max_terms)?);
    let scalar = (0..nested.len()).map(Line::Nested).collect();
    let general = Layered::of(network)
        .ok()
        .map(|l| MatrixForm::general(l, &network.symbols));
    let mut uses = Uses::default();
    let vector = general.as_ref().and_then(|g| speller.nested(g, &mut uses));
    let definitions = speller.definitions(&uses);
    drop(uses);
    Ok(FormLines {
        equations: vec![scalar, vector.into_iter().collect()],
        sizes: general.as_ref().map(|g| speller.sizes(&g.widths)),
        definitions,
        form: general,
        nested: Some(nested),
    })
}

/// What goes before and after the body: a document (`--standalone`), a
/// Beamer frame (`--beamer`), or a Beamer document holding that frame (both)
/// around LaTeX; nothing in other formats.
fn wrapping(options: &Options, form: &FormOptions) -> (String, &'static str) {
    if options.format != Format::Latex || !(options.standalone || form.beamer) {
        return (String::new(), "");
    }
    let mut before = String::new();
    let class = if form.beamer { "beamer" } else { "article" };
    if options.standalone {
        before.push_str(&format!(
            "\\documentclass{{{class}}}\n\\usepackage{{amsmath,amssymb,bm}}\n\\begin{{document}}\n"
        ));
    }
    if form.beamer {
        before.push_str(&format!("\\begin{{frame}}{{{}}}\n", form.form.title()));
    }
    let after = match (form.beamer, options.standalone) {
        (true, true) => "\\end{frame}\n\\end{document}\n",
        (true, false) => "\\end{frame}\n",
        (false, _) => "\\end{document}\n",
    };
    (before, after)
}
