//! The front door for using netform as a library: read a network and its
//! parameter values, evaluate, render, compose, count, find regions and check
//! documents, with one error type.
//!
//! Everything here calls what the command line calls, so a program gets the
//! same values and the same located diagnostics as `netform` itself.
//!
//! ```
//! use netform::{Format, Form, Network, Params, Rational};
//!
//! let network = Network::parse(r"
//!     h_1 = a[\theta_{10} + \theta_{11}x]
//!     y = \phi_0 + \phi_1 h_1
//! ")?;
//! let params = Params::parse("theta_10 = -1/2; theta_11 = 1; phi_0 = 0.1; phi_1 = 2")?;
//! let y = network.eval_exact(&params, &[Rational::from_integer(1.into())])?;
//! assert_eq!(y, vec![Rational::new(11.into(), 10.into())]);
//! assert!(network.render(Form::Scalar, Format::Ascii)?.starts_with("h_1 = a[theta_10 + theta_11 x]"));
//! # Ok::<(), netform::Error>(())
//! ```

use crate::analysis::params::Count;
use crate::analysis::regions::Regions1d;
use crate::eval::{Activation, Bindings, Compiled, Scalar};
use crate::network::Network;
use crate::render::{self, Form, FormOptions, Format, Options};
use crate::rewrite::compose::{compose_chain, Shown};
use crate::syntax::{self, Assignment};
use num_rational::BigRational;
use std::fmt;

mod error;
pub use error::Error;

/// Parameter values: `name = value` lines (or a JSON object), checked against
/// a network when it is evaluated.
///
/// ```
/// let params = netform::Params::parse("theta_10 = 1/2\nphi_1 = 0.25")?;
/// assert_eq!(params.values()[1], ("phi_1".to_string(), netform::rational("1/4")?));
/// # Ok::<(), netform::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Params {
    text: String,
    assignments: Vec<Assignment>,
}

impl Params {
    /// Reads `name = value` items (separated by newlines, `;` or `,`, with `%`
    /// and `#` comments) or a JSON object `{"θ_10": "1/2"}`. Names take any
    /// spelling netform reads; values are exact (`0.1` is 1/10).
    ///
    /// ```
    /// let params = netform::Params::parse(r#"{"θ_10": "1/2", "phi_1": 3}"#)?;
    /// assert_eq!(params.values().len(), 2);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Params, Error> {
        let assignments =
            syntax::parse_values(text).map_err(|d| Error::new(text, d).named("<params>"))?;
        Ok(Params {
            text: text.to_string(),
            assignments,
        })
    }

    /// Values from `(name, value)` pairs; each value is written with
    /// `Display` and read back exactly, so a [`crate::Rational`], an integer or
    /// a string such as `"-3/4"` all work.
    ///
    /// ```
    /// use netform::{Params, Rational};
    /// let params = Params::from_pairs([("phi_0", Rational::new(1.into(), 3.into())), ("phi_1", Rational::from_integer(2.into()))])?;
    /// assert_eq!(params.values()[0].1, Rational::new(1.into(), 3.into()));
    /// let same = Params::from_pairs([("phi_0", "1/3"), ("phi_1", "2")])?;
    /// assert_eq!(same.values(), params.values());
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn from_pairs<K, V, I>(pairs: I) -> Result<Params, Error>
    where
        K: AsRef<str>,
        V: fmt::Display,
        I: IntoIterator<Item = (K, V)>,
    {
        let text: String = pairs
            .into_iter()
            .map(|(k, v)| format!("{} = {v}\n", k.as_ref()))
            .collect();
        Params::parse(&text)
    }

    /// The parameter values of a bundled example (see [`crate::examples`]).
    ///
    /// ```
    /// let params = netform::Params::example("compose-first")?;
    /// assert_eq!(params.values().len(), 10);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn example(name: &str) -> Result<Params, Error> {
        Params::parse(find_example(name)?.params)
    }

    /// These values and `other`'s together (a name given twice is an error),
    /// for a composition of networks with their own parameter files.
    ///
    /// ```
    /// let first = netform::Params::example("compose-first")?;
    /// let both = first.join(&netform::Params::example("compose-second")?)?;
    /// assert_eq!(both.values().len(), 20);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn join(&self, other: &Params) -> Result<Params, Error> {
        let pairs = self.values().into_iter().chain(other.values());
        Params::from_pairs(pairs)
    }

    /// Each name (as netform writes it) with its exact value, in the order given.
    ///
    /// ```
    /// let params = netform::Params::parse("\\theta_{10} = -0.5")?;
    /// assert_eq!(params.values(), vec![("theta_10".to_string(), netform::Rational::new((-1).into(), 2.into()))]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn values(&self) -> Vec<(String, BigRational)> {
        self.assignments
            .iter()
            .map(|a| (a.symbol.to_string(), a.value.clone()))
            .collect()
    }

    /// The values bound to a network's parameters: every free parameter needs
    /// one, and values of defined parameters (ψ) must agree with their
    /// definitions. Values for parameters the network does not have are
    /// ignored (a composition's parameter file serves both halves).
    ///
    /// ```
    /// let network = netform::Network::example("compose-first")?;
    /// let bindings = netform::Params::example("compose-first")?.bind(&network)?;
    /// let theta_10 = network.symbols.get(&netform::syntax::parse_symbol("theta_10").unwrap()).unwrap();
    /// assert_eq!(bindings.get(theta_10).unwrap().to_string(), "-1/5");
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn bind(&self, network: &Network) -> Result<Bindings, Error> {
        Bindings::new(network, &self.assignments)
            .map(|(bindings, _unused)| bindings)
            .map_err(|d| Error::new(self.text.clone(), d).named("<params>"))
    }
}

fn find_example(name: &str) -> Result<&'static crate::examples::Example, Error> {
    crate::examples::find(name).ok_or_else(|| {
        let names: Vec<&str> = crate::examples::EXAMPLES.iter().map(|e| e.name).collect();
        Error::message(
            "example",
            format!(
                "no bundled example `{name}`: the examples are {}",
                names.join(", ")
            ),
        )
    })
}

impl Network {
    /// Reads a network: equations in any spelling netform accepts, a whole
    /// `.tex`/`.md` document, or the JSON that `netform convert --format
    /// json` writes.
    ///
    /// ```
    /// let network = netform::Network::parse("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + φ_1 h_1")?;
    /// assert_eq!(network.input_names(), ["x"]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Network, Error> {
        crate::read::network(text).map_err(|failure| {
            let source = failure.text.unwrap_or_else(|| text.to_string());
            Error::new(source, failure.diagnostics)
        })
    }

    /// A bundled example network (`compose-first`, `compose-second`,
    /// `compose-combined`, `shallow-1-4-2`, `deep-3-layer`).
    ///
    /// ```
    /// let network = netform::Network::example("shallow-1-4-2")?;
    /// assert_eq!(network.output_names(), ["y_1", "y_2"]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn example(name: &str) -> Result<Network, Error> {
        Network::parse(find_example(name)?.source)
    }

    /// The inputs' names, in the order [`Network::eval_exact`] takes their values.
    ///
    /// ```
    /// let network = netform::Network::parse("y = φ_0 + φ_1 x_1 + φ_2 x_2")?;
    /// assert_eq!(network.input_names(), ["x_1", "x_2"]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn input_names(&self) -> Vec<String> {
        self.inputs
            .iter()
            .map(|&s| self.symbols[s].to_string())
            .collect()
    }

    /// The outputs' names, in the order evaluation returns their values.
    ///
    /// ```
    /// let network = netform::Network::example("compose-second")?;
    /// assert_eq!(network.output_names(), ["y'"]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn output_names(&self) -> Vec<String> {
        self.outputs
            .iter()
            .map(|&s| self.symbols[s].to_string())
            .collect()
    }

    /// The free parameters' names (those a parameter file must give).
    ///
    /// ```
    /// let network = netform::Network::parse("y = φ_0 + φ_1 x")?;
    /// assert_eq!(network.parameter_names(), ["phi_0", "phi_1"]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn parameter_names(&self) -> Vec<String> {
        self.params
            .iter()
            .map(|&s| self.symbols[s].to_string())
            .collect()
    }

    /// Reads a point such as `x = 1/2` or `x_1 = 1, x_2 = -0.5` into exact
    /// values in input order; every input needs a value.
    ///
    /// ```
    /// let network = netform::Network::parse("y = φ_0 + φ_1 x_1 + φ_2 x_2")?;
    /// let point = network.point("x_2 = 0.5, x_1 = 3")?;
    /// assert_eq!(point, vec![netform::rational("3")?, netform::rational("1/2")?]);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn point(&self, text: &str) -> Result<Vec<BigRational>, Error> {
        let at = |d| Error::new(text, d).named("<point>");
        let assignments = syntax::parse_values(text).map_err(at)?;
        crate::eval::input_values(self, &assignments).map_err(at)
    }

    /// The outputs at a point (input values in [`Network::input_names`]
    /// order), exactly, with `a[·]` the ReLU.
    ///
    /// ```
    /// let network = netform::Network::example("compose-first")?;
    /// let params = netform::Params::example("compose-first")?;
    /// let y = network.eval_exact(&params, &network.point("x = 1/2")?)?;
    /// assert_eq!(y[0].to_string(), "7/10");
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn eval_exact(
        &self,
        params: &Params,
        inputs: &[BigRational],
    ) -> Result<Vec<BigRational>, Error> {
        self.check_arity(inputs.len())?;
        Ok(self.evaluator(params, Activation::Relu)?.outputs(inputs))
    }

    /// The outputs at a point in `f64` (approximate), with `a[·]` the ReLU.
    ///
    /// ```
    /// let network = netform::Network::example("compose-first")?;
    /// let params = netform::Params::example("compose-first")?;
    /// let y = network.eval_f64(&params, &[0.5])?;
    /// assert!((y[0] - 0.7).abs() < 1e-12);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn eval_f64(&self, params: &Params, inputs: &[f64]) -> Result<Vec<f64>, Error> {
        self.check_arity(inputs.len())?;
        Ok(self.evaluator(params, Activation::Relu)?.outputs(inputs))
    }

    /// The network with its parameters bound, compiled once to evaluate at
    /// many points in `f64` or exactly, with any activation.
    ///
    /// ```
    /// use netform::{Activation, Network, Params};
    /// let network = Network::example("compose-first")?;
    /// let compiled = network.evaluator::<f64>(&Params::example("compose-first")?, Activation::Relu)?;
    /// let ys: Vec<f64> = [-1.0, 0.0, 1.0].iter().map(|&x| compiled.outputs(&[x])[0]).collect();
    /// assert_eq!(ys.len(), 3);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn evaluator<S: Scalar>(
        &self,
        params: &Params,
        activation: Activation,
    ) -> Result<Compiled<S>, Error> {
        let bindings = params.bind(self)?;
        Ok(Compiled::new(self, &bindings, activation))
    }

    /// The network written in a form and a format, with the default options
    /// (80 columns, not standalone, not explicit).
    ///
    /// ```
    /// use netform::{Form, Format};
    /// let network = netform::Network::example("compose-first")?;
    /// let latex = network.render(Form::Matrix, Format::Latex)?;
    /// assert!(latex.contains(r"\begin{align*}"));
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn render(&self, form: Form, format: Format) -> Result<String, Error> {
        let options = Options {
            format,
            ..Options::default()
        };
        let form = FormOptions {
            form,
            ..FormOptions::default()
        };
        self.render_with(&options, &form)
    }

    /// The network written with every option of `netform convert`: width,
    /// standalone document, explicit matrices, elision, Beamer frame, the
    /// nested form's size limit.
    ///
    /// ```
    /// use netform::{Form, FormOptions, Format, Options};
    /// let network = netform::Network::example("compose-first")?;
    /// let options = Options { format: Format::Latex, ..Options::default() };
    /// let form = FormOptions { form: Form::Matrix, explicit: true, beamer: true, ..FormOptions::default() };
    /// let frame = network.render_with(&options, &form)?;
    /// assert!(frame.contains(r"\begin{frame}") && frame.contains("bmatrix"));
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn render_with(&self, options: &Options, form: &FormOptions) -> Result<String, Error> {
        render::form(self, options, form).map_err(|e| Error::message("form", e.to_string()))
    }

    /// The number of parameters, per layer, with the formula.
    ///
    /// ```
    /// let count = netform::Network::example("compose-first")?.count();
    /// assert_eq!(count.parameters, 10);
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn count(&self) -> Count {
        Count::of_network(self)
    }

    /// The exact breakpoints and linear pieces of a network with one input,
    /// on the whole line and on `domain` if given, with `a[·]` the ReLU.
    ///
    /// ```
    /// use netform::{Network, Params, Rational};
    /// let network = Network::example("compose-first")?;
    /// let params = Params::example("compose-first")?;
    /// let domain = (Rational::from_integer((-1).into()), Rational::from_integer(1.into()));
    /// let regions = network.regions(&params, Some(domain))?;
    /// assert_eq!(regions.regions, 4);
    /// assert_eq!(regions.breakpoints[0].to_string(), "1/5");
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn regions(
        &self,
        params: &Params,
        domain: Option<(BigRational, BigRational)>,
    ) -> Result<Regions1d, Error> {
        let bindings = params.bind(self)?;
        crate::analysis::regions::regions_1d(self, &bindings, &Activation::Relu, domain)
            .map_err(|d| Error::new("", vec![d]))
    }

    /// The function of a one-input network drawn exactly on `domain` as a
    /// self-contained SVG picture, breakpoints marked (as `netform plot`).
    ///
    /// ```
    /// use netform::{rational, Network, Params};
    /// let network = Network::example("compose-first")?;
    /// let svg = network.plot_svg(&Params::example("compose-first")?, (rational("-1")?, rational("1")?))?;
    /// assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    /// # Ok::<(), netform::Error>(())
    /// ```
    pub fn plot_svg(
        &self,
        params: &Params,
        domain: (BigRational, BigRational),
    ) -> Result<String, Error> {
        let regions = self.regions(params, Some(domain))?;
        let plot = crate::plot::Plot1d::new(self, &regions, Format::Unicode)
            .ok_or_else(|| Error::message("domain", "no domain to draw"))?;
        Ok(crate::plot::svg::plot_1d(&plot))
    }

    fn check_arity(&self, given: usize) -> Result<(), Error> {
        if given == self.inputs.len() {
            return Ok(());
        }
        Err(Error::message(
            "inputs",
            format!(
                "the network has {} input{} ({}); {given} value{} given",
                self.inputs.len(),
                if self.inputs.len() == 1 { "" } else { "s" },
                self.input_names().join(", "),
                if given == 1 { " was" } else { "s were" }
            ),
        ))
    }
}

/// Composes networks, each feeding the next by name (`y` of the first is the
/// input `y` of the second), and collects the products of parameters into new
/// parameters (ψ, or β/ω), defined in terms of the given ones. Evaluate the
/// result with the parameters of every network joined ([`Params::join`]).
///
/// ```
/// use netform::{compose, Network, Params};
/// let first = Network::example("compose-first")?;
/// let second = Network::example("compose-second")?;
/// let combined = compose(&[&first, &second])?;
/// assert_eq!(combined.output_names(), ["y'"]);
/// let params = Params::example("compose-first")?.join(&Params::example("compose-second")?)?;
/// let x = [netform::rational("1")?];
/// let direct = combined.eval_exact(&params, &x)?;
/// let y = first.eval_exact(&params, &x)?;
/// assert_eq!(direct, second.eval_exact(&params, &y)?);
/// # Ok::<(), netform::Error>(())
/// ```
pub fn compose(networks: &[&Network]) -> Result<Network, Error> {
    let chain = chain(networks)?;
    Ok(chain
        .last()
        .map(|c| c.collected.clone())
        .unwrap_or_else(|| networks[0].clone()))
}

/// The derivation `netform compose` prints: the networks as given, the
/// substitution, the new parameters and the combined network, in a format.
///
/// ```
/// use netform::{composition_steps, Format, Network};
/// let first = Network::example("compose-first")?;
/// let second = Network::example("compose-second")?;
/// let steps = composition_steps(&[&first, &second], Format::Unicode)?;
/// assert!(steps.contains("ψ₁₀ = θ′₁₀ + θ′₁₁φ₀"));
/// # Ok::<(), netform::Error>(())
/// ```
pub fn composition_steps(networks: &[&Network], format: Format) -> Result<String, Error> {
    let chain = chain(networks)?;
    let options = Options {
        format,
        ..Options::default()
    };
    crate::rewrite::compose::print(
        &chain,
        Shown::default(),
        true,
        &options,
        &FormOptions::default(),
    )
    .map_err(|e| Error::message("form", e.to_string()))
}

/// The folding figure of a composition as SVG (as `netform plot
/// --compose`): network 1, network 2 and their composition side by side,
/// each drawn exactly on `domain` with its breakpoints. `params` gives the
/// values of both networks.
///
/// ```
/// use netform::{composition_plot_svg, rational, Network, Params};
/// let first = Network::example("compose-first")?;
/// let second = Network::example("compose-second")?;
/// let params = Params::example("compose-first")?.join(&Params::example("compose-second")?)?;
/// let svg = composition_plot_svg(&first, &second, &params, (rational("-1")?, rational("1")?))?;
/// assert!(svg.contains("composition"));
/// # Ok::<(), netform::Error>(())
/// ```
pub fn composition_plot_svg(
    first: &Network,
    second: &Network,
    params: &Params,
    domain: (BigRational, BigRational),
) -> Result<String, Error> {
    let composed = crate::rewrite::compose::compose(first, second, &Vec::new())
        .map_err(|e| Error::message("compose", e.0))?
        .expanded;
    let (b1, b2, b3) = (
        params.bind(first)?,
        params.bind(second)?,
        params.bind(&composed)?,
    );
    let panels = crate::plot::panels::compose(
        [(first, &b1), (second, &b2), (&composed, &b3)],
        &Activation::Relu,
        domain,
        Format::Unicode,
    )
    .map_err(|d| Error::new("", vec![d]))?;
    Ok(crate::plot::svg::rows(&[panels], 300.0, 220.0))
}

fn chain(networks: &[&Network]) -> Result<Vec<crate::rewrite::compose::Composition>, Error> {
    let owned: Vec<Network> = networks.iter().map(|&n| n.clone()).collect();
    compose_chain(&owned, &[], true).map_err(|e| Error::message("compose", e.0))
}

/// Reads an exact number as netform writes and reads them: `2`, `-3/4`,
/// `0.1` (exactly 1/10), `\frac{3}{4}`, `1e-3`.
///
/// ```
/// let half = netform::rational("0.5")?;
/// assert_eq!(half, netform::Rational::new(1.into(), 2.into()));
/// assert_eq!(netform::rational("1/0").unwrap_err().code(), "parse");
/// # Ok::<(), netform::Error>(())
/// ```
pub fn rational(text: &str) -> Result<BigRational, Error> {
    syntax::parse_number(text).map_err(|d| Error::new(text, vec![d]).named("<number>"))
}

/// Checks a document (Markdown, LaTeX, plain text) for notation mistakes, as
/// `netform check` does; the report's findings carry spans into `text`.
///
/// ```
/// let text = "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2";
/// let report = netform::check(text);
/// assert_eq!(report.findings[0].diagnostic.code, "index");
/// assert!(report.render("notes.md", text, false).contains("notes.md:2:"));
/// ```
pub fn check(text: &str) -> crate::check::Report {
    crate::check::check(text)
}
