//! `netform._netform`: the Rust half of the Python package. It calls
//! netform's library front door (`netform::api`, `netform::testing`) and
//! passes exact numbers as strings (`"-3/4"`) and structured results as JSON
//! text; the Python half (`netform/__init__.py`) turns them into
//! `fractions.Fraction`, NumPy arrays and small classes, and raises
//! `netform.NetformError` with the line, column and code of a diagnostic.

use netform::testing::{same_function_on, Verdict};
use netform::{Form, FormOptions, Format, Network, Options, Params, Rational};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::json;

/// A network read from text; `netform.Network` wraps it.
#[pyclass(module = "netform._netform", name = "Net", frozen)]
struct Net {
    network: Network,
}

/// Turns a netform error into `netform.NetformError(message, code, line,
/// column)`, the message rendered as the command line renders it.
fn raise(py: Python<'_>, error: netform::Error) -> PyErr {
    let (line, column) = error.line_column().unzip();
    let class = py
        .import("netform.errors")
        .and_then(|m| m.getattr("NetformError"));
    let made = class.and_then(|c| c.call1((error.to_string(), error.code(), line, column)));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// Runs a netform call, raising its error as `NetformError`.
fn run<T>(py: Python<'_>, result: Result<T, netform::Error>) -> PyResult<T> {
    result.map_err(|e| raise(py, e))
}

fn params(py: Python<'_>, text: &str) -> PyResult<Params> {
    run(py, Params::parse(text).map_err(|e| e.named("<params>")))
}

fn form_of(name: &str) -> PyResult<Form> {
    match name {
        "scalar" => Ok(Form::Scalar),
        "matrix" => Ok(Form::Matrix),
        "general" => Ok(Form::General),
        "nested" => Ok(Form::Nested),
        other => Err(PyValueError::new_err(format!(
            "unknown form `{other}`: expected scalar, matrix, general or nested"
        ))),
    }
}

fn format_of(name: &str) -> PyResult<Format> {
    name.parse()
        .map_err(|e: netform::render::UnknownFormat| PyValueError::new_err(e.to_string()))
}

fn exact_strings(values: &[Rational]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[pymethods]
impl Net {
    /// Reads a network from text; `name` names the source in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, name = "<input>"))]
    fn read(py: Python<'_>, text: &str, name: &str) -> PyResult<Net> {
        let network = run(py, Network::parse(text).map_err(|e| e.named(name)))?;
        Ok(Net { network })
    }

    /// A bundled example network.
    #[staticmethod]
    fn example(py: Python<'_>, name: &str) -> PyResult<Net> {
        let network = run(py, Network::example(name))?;
        Ok(Net { network })
    }

    fn inputs(&self) -> Vec<String> {
        self.network.input_names()
    }

    fn outputs(&self) -> Vec<String> {
        self.network.output_names()
    }

    fn parameters(&self) -> Vec<String> {
        self.network.parameter_names()
    }

    /// Exact outputs at one point: `point` holds each input's exact value,
    /// in input order, as text.
    fn eval_exact(
        &self,
        py: Python<'_>,
        params_text: &str,
        point: Vec<String>,
    ) -> PyResult<Vec<String>> {
        let params = params(py, params_text)?;
        let mut values = Vec::with_capacity(point.len());
        for text in &point {
            values.push(run(py, netform::rational(text))?);
        }
        let outputs = run(py, self.network.eval_exact(&params, &values))?;
        Ok(exact_strings(&outputs))
    }

    /// f64 outputs at many points: `columns[i]` holds input `i` at every
    /// point; returns one column per output.
    fn eval_float(
        &self,
        py: Python<'_>,
        params_text: &str,
        columns: Vec<Vec<f64>>,
    ) -> PyResult<Vec<Vec<f64>>> {
        let params = params(py, params_text)?;
        let inputs = self.network.inputs.len();
        if columns.len() != inputs {
            return Err(PyValueError::new_err(format!(
                "the network has {inputs} inputs ({}); {} were given",
                self.network.input_names().join(", "),
                columns.len()
            )));
        }
        let compiled = run(
            py,
            self.network
                .evaluator::<f64>(&params, netform::Activation::Relu),
        )?;
        let n = columns.first().map_or(1, Vec::len);
        let mut out = vec![Vec::with_capacity(n); self.network.outputs.len()];
        let mut point = vec![0.0; inputs];
        py.allow_threads(|| {
            for k in 0..n {
                for (slot, column) in point.iter_mut().zip(&columns) {
                    *slot = column[k];
                }
                for (column, value) in out.iter_mut().zip(compiled.outputs(&point)) {
                    column.push(value);
                }
            }
        });
        Ok(out)
    }

    /// The network in a form and format, with the options of `netform convert`.
    #[pyo3(signature = (form = "scalar", format = "unicode", explicit = false, beamer = false, standalone = false, elide = false, width = 80))]
    #[allow(clippy::too_many_arguments)]
    fn render(
        &self,
        py: Python<'_>,
        form: &str,
        format: &str,
        explicit: bool,
        beamer: bool,
        standalone: bool,
        elide: bool,
        width: usize,
    ) -> PyResult<String> {
        let options = Options {
            format: format_of(format)?,
            width: width.max(20),
            standalone,
        };
        let form = FormOptions {
            form: form_of(form)?,
            explicit,
            beamer,
            elide,
            ..FormOptions::default()
        };
        run(py, self.network.render_with(&options, &form))
    }

    /// The parameter count as JSON (as `netform count --format json`).
    fn count(&self) -> String {
        self.network.count().to_json().to_string()
    }

    /// The exact regions of a one-input network as JSON (as `netform
    /// regions --format json`), on `[lo, hi]` if given.
    #[pyo3(signature = (params_text, lo = None, hi = None))]
    fn regions(
        &self,
        py: Python<'_>,
        params_text: &str,
        lo: Option<String>,
        hi: Option<String>,
    ) -> PyResult<String> {
        let params = params(py, params_text)?;
        let domain = match (lo, hi) {
            (Some(lo), Some(hi)) => Some((
                run(py, netform::rational(&lo))?,
                run(py, netform::rational(&hi))?,
            )),
            _ => None,
        };
        let regions = run(py, self.network.regions(&params, domain))?;
        Ok(regions.to_json().to_string())
    }

    /// The function drawn exactly on `[lo, hi]` as SVG.
    fn plot_svg(&self, py: Python<'_>, params_text: &str, lo: &str, hi: &str) -> PyResult<String> {
        let params = params(py, params_text)?;
        let domain = (
            run(py, netform::rational(lo))?,
            run(py, netform::rational(hi))?,
        );
        run(py, self.network.plot_svg(&params, domain))
    }

    fn __eq__(&self, other: &Net) -> bool {
        self.network == other.network
    }
}

/// The parameter values of a bundled example, as parameter-file text.
#[pyfunction]
fn example_params(py: Python<'_>, name: &str) -> PyResult<String> {
    run(py, Network::example(name))?;
    Ok(netform::examples::find(name)
        .map(|e| e.params.to_string())
        .unwrap_or_default())
}

/// The names of the bundled examples.
#[pyfunction]
fn example_names() -> Vec<&'static str> {
    netform::examples::EXAMPLES.iter().map(|e| e.name).collect()
}

/// The composition of networks, each feeding the next by name.
#[pyfunction]
fn compose(py: Python<'_>, networks: Vec<PyRef<'_, Net>>) -> PyResult<Net> {
    let refs: Vec<&Network> = networks.iter().map(|n| &n.network).collect();
    let network = run(py, netform::compose(&refs))?;
    Ok(Net { network })
}

/// The derivation `netform compose` prints, in a format.
#[pyfunction]
#[pyo3(signature = (networks, format = "unicode"))]
fn composition_steps(
    py: Python<'_>,
    networks: Vec<PyRef<'_, Net>>,
    format: &str,
) -> PyResult<String> {
    let refs: Vec<&Network> = networks.iter().map(|n| &n.network).collect();
    run(py, netform::composition_steps(&refs, format_of(format)?))
}

/// The folding figure of a composition on `[lo, hi]` as SVG.
#[pyfunction]
fn composition_plot_svg(
    py: Python<'_>,
    first: &Net,
    second: &Net,
    params_text: &str,
    lo: &str,
    hi: &str,
) -> PyResult<String> {
    let params = params(py, params_text)?;
    let domain = (
        run(py, netform::rational(lo))?,
        run(py, netform::rational(hi))?,
    );
    run(
        py,
        netform::composition_plot_svg(&first.network, &second.network, &params, domain),
    )
}

/// The findings of `netform check` as a JSON array, and the text report.
#[pyfunction]
#[pyo3(signature = (text, name = "<input>"))]
fn check(text: &str, name: &str) -> (String, String) {
    let report = netform::check(text);
    (
        report.to_json(text)["findings"].to_string(),
        report.render(name, text, false),
    )
}

/// Compares two networks exactly (see `netform::testing`); the verdict as
/// JSON: `{"verdict": "same" | "differ" | "undecided", …}`.
#[pyfunction]
#[pyo3(signature = (a, b, params_a, params_b, domain = Vec::new()))]
fn same_function(
    py: Python<'_>,
    a: &Net,
    b: &Net,
    params_a: &str,
    params_b: &str,
    domain: Vec<(String, String)>,
) -> PyResult<String> {
    let (pa, pb) = (params(py, params_a)?, params(py, params_b)?);
    let mut ranges = Vec::with_capacity(domain.len());
    for (lo, hi) in &domain {
        ranges.push((
            run(py, netform::rational(lo))?,
            run(py, netform::rational(hi))?,
        ));
    }
    let verdict = run(
        py,
        same_function_on(&a.network, &pa, &b.network, &pb, &ranges),
    )?;
    Ok(match verdict {
        Verdict::Same => json!({"verdict": "same"}),
        Verdict::Undecided { points } => json!({"verdict": "undecided", "points": points}),
        Verdict::Differ(d) => json!({
            "verdict": "differ",
            "point": d.point.iter().map(|(name, v)| (name.clone(), serde_json::Value::from(v.to_string()))).collect::<serde_json::Map<_, _>>(),
            "output": d.output,
            "left": d.left.to_string(),
            "right": d.right.to_string(),
            "message": d.to_string(),
        }),
    }
    .to_string())
}

/// The extension module.
#[pymodule]
fn _netform(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Net>()?;
    m.add_function(wrap_pyfunction!(example_params, m)?)?;
    m.add_function(wrap_pyfunction!(example_names, m)?)?;
    m.add_function(wrap_pyfunction!(compose, m)?)?;
    m.add_function(wrap_pyfunction!(composition_steps, m)?)?;
    m.add_function(wrap_pyfunction!(composition_plot_svg, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(same_function, m)?)?;
    Ok(())
}
