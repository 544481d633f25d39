//! The bundled examples: the networks of the slides, with parameter values,
//! so that every command can be tried without writing a file.

/// A bundled network with its parameter values.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// The name `--example` takes.
    pub name: &'static str,
    /// One line saying what it is.
    pub summary: &'static str,
    /// The network, as a slide writes it (LaTeX).
    pub source: &'static str,
    /// Parameter values, one `name = value` per line.
    pub params: &'static str,
}

/// Every bundled example, in the order `netform examples` lists them.
pub const EXAMPLES: &[Example] = &[
    Example {
        name: "compose-first",
        summary: "network 1 of the composition slides: x -> 3 hidden units -> y",
        source: include_str!("../examples/compose-first.tex"),
        params: include_str!("../examples/compose-first.params"),
    },
    Example {
        name: "compose-second",
        summary: "network 2 of the composition slides (primed): y -> 3 hidden units -> y'",
        source: include_str!("../examples/compose-second.tex"),
        params: include_str!("../examples/compose-second.params"),
    },
    Example {
        name: "compose-combined",
        summary: "the two composed as one network with two hidden layers and psi weights",
        source: include_str!("../examples/compose-combined.tex"),
        params: include_str!("../examples/compose-combined.params"),
    },
    Example {
        name: "shallow-1-4-2",
        summary: "a shallow network: 1 input, 4 hidden units, 2 outputs",
        source: include_str!("../examples/shallow-1-4-2.tex"),
        params: include_str!("../examples/shallow-1-4-2.params"),
    },
    Example {
        name: "deep-3-layer",
        summary: "a deep network: 1 input, 3 hidden layers of 2 units (beta/omega names), 1 output",
        source: include_str!("../examples/deep-3-layer.tex"),
        params: include_str!("../examples/deep-3-layer.params"),
    },
];

/// The example called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}
