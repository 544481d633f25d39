//! Every form of a network as one output: its lines assembled, written in a
//! format, and wrapped in a LaTeX document or a Beamer frame when asked.

use super::forms::{self, Line, Speller, Uses};
use super::matrix::MatrixForm;
use super::{json, Form, FormError, FormOptions, Format, Options};
use crate::network::Network;
use crate::rewrite::layered::Layered;
use crate::rewrite::nested;

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
}

/// The whole output of [`super::form`].
pub(crate) fn write(
    network: &Network,
    options: &Options,
    form: &FormOptions,
) -> Result<String, FormError> {
    if options.format == Format::Json {
        return match form.form {
            Form::Scalar => Ok(json::document(network)),
            _ => super::forms_json::document(network, form),
        };
    }
    let explicit = form.explicit && form.form == Form::Matrix;
    let speller = Speller::new(&network.symbols, options.format, explicit, form.elide);
    let lines = lines(network, &speller, form)?;
    let mut sections = lines.equations;
    sections.push(lines.sizes.into_iter().collect());
    sections.push(lines.definitions);
    let body = forms::write(&speller, &sections, options);
    Ok(wrap(body, options, form))
}

/// The lines of a form.
pub(crate) fn lines(
    network: &Network,
    speller: &Speller<'_>,
    form: &FormOptions,
) -> Result<FormLines, FormError> {
    let mut uses = Uses::default();
    let mut lines = match form.form {
        Form::Scalar => scalar(network, speller),
        Form::Matrix => {
            let matrix = MatrixForm::named(&network.symbols, &Layered::of(network)?);
            FormLines {
                equations: vec![speller.equations(&matrix, &mut uses)],
                sizes: None,
                definitions: Vec::new(),
                form: Some(matrix),
            }
        }
        Form::General => {
            let general = MatrixForm::general(&Layered::of(network)?, &network.symbols);
            FormLines {
                equations: vec![speller.equations(&general, &mut uses)],
                sizes: Some(speller.sizes(&general.widths)),
                definitions: Vec::new(),
                form: Some(general),
            }
        }
        Form::Nested => nested_lines(network, speller, form, &mut uses)?,
    };
    lines.definitions = speller.definitions(&uses);
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
    }
}

/// The nested form: each output's scalar nested equation, then (for a layered
/// network) the general form's nested equation with its sizes.
fn nested_lines(
    network: &Network,
    speller: &Speller<'_>,
    form: &FormOptions,
    uses: &mut Uses,
) -> Result<FormLines, FormError> {
    let outputs = nested::nested(network, form.max_terms)?;
    let scalar = outputs
        .iter()
        .map(|(output, rhs)| Line::Scalar(speller.layout.equation(*output, rhs)))
        .collect();
    let general = Layered::of(network)
        .ok()
        .map(|l| MatrixForm::general(&l, &network.symbols));
    let vector = general.as_ref().and_then(|g| speller.nested(g, uses));
    Ok(FormLines {
        equations: vec![scalar, vector.into_iter().collect()],
        sizes: general.as_ref().map(|g| speller.sizes(&g.widths)),
        definitions: Vec::new(),
        form: general,
    })
}

/// The LaTeX body in a document (`--standalone`), a Beamer frame
/// (`--beamer`), or a Beamer document holding that frame (both); other
/// formats unchanged.
fn wrap(body: String, options: &Options, form: &FormOptions) -> String {
    if options.format != Format::Latex || !(options.standalone || form.beamer) {
        return body;
    }
    let mut out = String::new();
    let class = if form.beamer { "beamer" } else { "article" };
    if options.standalone {
        out.push_str(&format!(
            "\\documentclass{{{class}}}\n\\usepackage{{amsmath,amssymb,bm}}\n\\begin{{document}}\n"
        ));
    }
    if form.beamer {
        out.push_str(&format!("\\begin{{frame}}{{{}}}\n", form.form.title()));
        out.push_str(&body);
        out.push_str("\\end{frame}\n");
    } else {
        out.push_str(&body);
    }
    if options.standalone {
        out.push_str("\\end{document}\n");
    }
    out
}
