//! Every form of a network as one output: its lines assembled, written in a
//! format, and wrapped in a LaTeX document or a Beamer frame when asked.
//!
//! A [`Document`] is made in two steps: its lines are assembled first, which
//! is where a form is refused, and only then written, so that nothing is
//! written for a refused form. The scalar nested equations are the exception
//! to holding every line: they are spelled piece by piece
//! ([`NestedLines`]) and written out only as they are printed.

use super::fit::{Aspect, Page, Paper, Size};
use super::forms::{self, Line, Speller, Uses};
use super::frames;
use super::matrix::MatrixForm;
use super::nested::NestedLines;
use super::{json, Form, FormError, FormOptions, Format, Options};
use crate::network::Network;
use crate::rewrite::layered::FlatLayered;
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
    /// The page the LaTeX must fit (`--beamer`, or an article
    /// `--standalone`); none when it is only broken at the line width.
    page: Option<Page>,
    /// What the reader should know about the output: that it was elided to
    /// fit the page.
    notes: Vec<String>,
}

impl<'a> Document<'a> {
    /// The lines of `form` in the format of `options`; refused when the form
    /// cannot be written.
    ///
    /// LaTeX for a page (a Beamer frame in `aspect`, or an article) is
    /// measured as typeset. When a matrix is too wide for the page however
    /// its equation breaks, the math is set a size smaller (`\small`, then
    /// `\footnotesize`, never smaller); when even that does not fit, the
    /// form is elided (`⋯ ⋮ ⋱`) at the normal size. Either is noted.
    pub(crate) fn new(
        network: &'a Network,
        options: &'a Options,
        form: &'a FormOptions,
        aspect: Aspect,
    ) -> Result<Document<'a>, FormError> {
        let page = page(options, form, aspect);
        let mut document = Document::elided(network, options, form, page, form.elide)?;
        let Some(normal) = page else {
            return Ok(document);
        };
        for size in [Size::Normal, Size::Small, Size::Footnote] {
            let page = Page { size, ..normal };
            if document.fits(page) {
                if size != Size::Normal {
                    document.notes.push(format!(
                        "note: the {} form is set in \\{} to fit {}",
                        form.form.name(),
                        page.size_command()
                            .unwrap_or_default()
                            .trim_start_matches('\\'),
                        page.name()
                    ));
                }
                document.page = Some(page);
                return Ok(document);
            }
        }
        if !form.elide {
            document = Document::elided(network, options, form, page, true)?;
        }
        document.notes.push(format!(
            "note: the {} form is too wide for {} even broken across lines and in \\footnotesize: its long sums and matrices are elided (⋯ ⋮ ⋱)",
            form.form.name(),
            normal.name()
        ));
        Ok(document)
    }

    /// Whether every line can be made to fit `page`.
    fn fits(&self, page: Page) -> bool {
        self.lines
            .as_ref()
            .is_none_or(|lines| !frames::overflowing(&sections(lines), lines.nested.as_ref(), page))
    }

    /// The document, its sums and matrices elided when `elide` holds.
    fn elided(
        network: &'a Network,
        options: &'a Options,
        form: &'a FormOptions,
        page: Option<Page>,
        elide: bool,
    ) -> Result<Document<'a>, FormError> {
        let json = options.format == Format::Json;
        let explicit = form.explicit && form.form == Form::Matrix;
        // JSON spells its equations in ASCII and never elides.
        let speller = Speller::new(&network.symbols, options.format, explicit, elide && !json)
            .fitting(page.is_some(), form.beamer);
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
            page,
            notes: Vec::new(),
        })
    }

    /// What the reader should know about the output (for standard error).
    pub(crate) fn notes(&self) -> &[String] {
        &self.notes
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
        let sections = sections(lines);
        if let Some(page) = self.page {
            out.write_str(&preamble(self.options, page))?;
            frames::write(
                &self.speller,
                &sections,
                lines.nested.as_ref(),
                page,
                self.form.form.title(),
                out,
            )?;
            if self.options.standalone {
                out.write_str("\\end{document}\n")?;
            }
            return Ok(());
        }
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

/// The sections of a form's lines: its groups of equations, its sizes, its
/// definitions.
fn sections(lines: &FormLines) -> Vec<&[Line]> {
    let mut sections: Vec<&[Line]> = lines.equations.iter().map(Vec::as_slice).collect();
    sections.push(lines.sizes.as_slice());
    sections.push(&lines.definitions);
    sections
}

/// The page LaTeX output must fit: a Beamer frame (`--beamer`), or an
/// article's text width (`--standalone`); none for a bare LaTeX fragment,
/// which is broken at `--width`, or for other formats.
pub(crate) fn page(options: &Options, form: &FormOptions, aspect: Aspect) -> Option<Page> {
    match (options.format, form.beamer, options.standalone) {
        (Format::Latex, true, _) => Some(Page::new(Paper::Beamer(aspect))),
        (Format::Latex, false, true) => Some(Page::new(Paper::Article)),
        _ => None,
    }
}

/// What goes before a page's frames: the document's preamble when
/// `--standalone`. An article lets its pages break between the rows of an
/// `align*`.
pub(crate) fn preamble(options: &Options, page: Page) -> String {
    if !options.standalone {
        return String::new();
    }
    let (class, breaks) = match page.paper {
        Paper::Article => ("{article}".to_string(), "\\allowdisplaybreaks\n"),
        Paper::Beamer(_) => (format!("{}{{beamer}}", page.class_options()), ""),
    };
    format!(
        "\\documentclass{class}\n\\usepackage{{amsmath,amssymb,bm}}\n{breaks}\\begin{{document}}\n"
    )
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
            let mut matrix = MatrixForm::named(&network.symbols, FlatLayered::of(network)?);
            matrix.unname_taken(&network.symbols, &network.definitions);
            let mut uses = Uses::default();
            let equations = vec![speller.equations(&matrix, &mut uses)];
            let definitions = speller.definitions(uses);
            FormLines {
                equations,
                sizes: None,
                definitions,
                form: Some(matrix),
                nested: None,
            }
        }
        Form::General => {
            let mut general = MatrixForm::general(FlatLayered::of(network)?, &network.symbols);
            general.unname_taken(&network.symbols, &network.definitions);
            let mut uses = Uses::default();
            let equations = vec![speller.equations(&general, &mut uses)];
            let definitions = speller.definitions(uses);
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
    let general = FlatLayered::of(network).ok().map(|l| {
        let mut general = MatrixForm::general(l, &network.symbols);
        general.unname_taken(&network.symbols, &network.definitions);
        general
    });
    let mut uses = Uses::default();
    let vector = general.as_ref().and_then(|g| speller.nested(g, &mut uses));
    let definitions = speller.definitions(uses);
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
