//! A network with numeric coefficients, flattened into nodes for the region
//! computations: inputs, affine combinations and activations, each activation
//! (including one nested inside an output's right side) its own node.

use crate::diagnostic::Diagnostic;
use crate::eval::Bindings;
use crate::expr::{Affine, Atom, Poly};
use crate::network::{self, Network};
use num_rational::BigRational;
use num_traits::Zero;

/// One node of a [`Program`].
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// Input number `i`.
    Input(usize),
    /// `bias + Σ coef · node`, reading earlier nodes.
    Affine {
        bias: BigRational,
        terms: Vec<(BigRational, usize)>,
    },
    /// The activation of an earlier (affine) node.
    Act(usize),
}

/// The nodes in an order where each comes after what it reads, with their
/// depths (activations on the longest path from an input).
#[derive(Clone, Debug)]
pub(crate) struct Program {
    pub nodes: Vec<Node>,
    pub depth: Vec<usize>,
    /// The node of each output, in [`Network::outputs`] order.
    pub outputs: Vec<usize>,
    /// For each node, the last round that reads it (see [`Program::rounds`]);
    /// outputs are read at the end.
    pub last_use: Vec<usize>,
}

impl Program {
    /// Keeps in `live` only the values a later round still reads, freeing
    /// the others: a deep chain holds a few values, never all of them.
    pub(crate) fn retire<T>(&self, live: &mut Vec<usize>, values: &mut [Option<T>], round: usize) {
        live.retain(|&i| {
            let keep = self.last_use[i] > round && values[i].is_some();
            if !keep {
                values[i] = None;
            }
            keep
        });
    }

    /// Flattens a network, evaluating every coefficient with `bindings`.
    ///
    /// Refused when exact values would outgrow
    /// [`crate::expr::Budget::max_digits`]: every layer multiplies by its
    /// weights, and the pieces' slopes, breakpoints and values grow with
    /// them (see [`crate::eval::Plan::check_growth`]).
    pub fn new(network: &Network, bindings: &Bindings) -> Result<Program, Diagnostic> {
        let ones = vec![num_traits::One::one(); network.inputs.len()];
        let budget = crate::expr::Budget::current();
        if let Err(e) = crate::eval::check_exact(network, bindings, &[ones], budget) {
            return Err(Diagnostic::global(
                "too-large",
                format!(
                    "exact regions would make numbers of about {} digits, more than the limit of {}",
                    e.estimate, e.max
                ),
            )
            .with_help(format!("raise it with --max-digits {}", e.estimate)));
        }
        let mut builder = Builder {
            nodes: Vec::new(),
            depth: Vec::new(),
        };
        let mut node_of = vec![usize::MAX; network.symbols.len()];
        for (i, &s) in network.inputs.iter().enumerate() {
            node_of[s.0 as usize] = builder.push(Node::Input(i), 0);
        }
        let deps = network::unit_dependencies(&network.units, network.symbols.len());
        let order = network::topological_order(deps.len(), &deps).map_err(|_| {
            Diagnostic::global("cycle", "the network's units read each other in a cycle")
        })?;
        for i in order {
            let unit = &network.units[i];
            node_of[unit.name.0 as usize] = builder.affine(&unit.rhs, &node_of, bindings)?;
        }
        let outputs: Vec<usize> = network
            .outputs
            .iter()
            .map(|o| node_of[o.0 as usize])
            .collect();
        let rounds = builder.depth.iter().copied().max().unwrap_or(0);
        let mut last_use = vec![0usize; builder.nodes.len()];
        for (i, node) in builder.nodes.iter().enumerate() {
            match node {
                Node::Input(_) => {}
                Node::Affine { terms, .. } => {
                    for &(_, s) in terms {
                        last_use[s] = last_use[s].max(builder.depth[i]);
                    }
                }
                Node::Act(s) => last_use[*s] = last_use[*s].max(builder.depth[i] - 1),
            }
        }
        for &o in &outputs {
            last_use[o] = rounds + 1;
        }
        Ok(Program {
            nodes: builder.nodes,
            depth: builder.depth,
            outputs,
            last_use,
        })
    }

    /// The number of rounds: round `d` computes the affine nodes of depth `d`,
    /// then the activations of depth `d + 1`.
    pub fn rounds(&self) -> usize {
        self.depth.iter().copied().max().unwrap_or(0) + 1
    }
}

struct Builder {
    nodes: Vec<Node>,
    depth: Vec<usize>,
}

impl Builder {
    fn push(&mut self, node: Node, depth: usize) -> usize {
        self.nodes.push(node);
        self.depth.push(depth);
        self.nodes.len() - 1
    }

    /// Adds the nodes of an affine combination and returns the node holding
    /// its value (`1 · n` is node `n` itself).
    fn affine(
        &mut self,
        a: &Affine,
        node_of: &[usize],
        bindings: &Bindings,
    ) -> Result<usize, Diagnostic> {
        let mut bias = BigRational::zero();
        let mut terms: Vec<(BigRational, usize)> = Vec::new();
        for t in &a.terms {
            let coef = value(&t.coef, bindings)?;
            if coef.is_zero() {
                continue;
            }
            let source = match &t.atom {
                Atom::One => {
                    bias += coef;
                    continue;
                }
                Atom::Var(v) => node_of[v.0 as usize],
                Atom::Act(inner) => {
                    let pre = self.affine(inner, node_of, bindings)?;
                    let depth = self.depth[pre] + 1;
                    self.push(Node::Act(pre), depth)
                }
            };
            if source == usize::MAX {
                return Err(Diagnostic::global(
                    "undefined",
                    "a unit reads a variable that is neither an input nor a unit",
                ));
            }
            match terms.iter_mut().find(|(_, s)| *s == source) {
                Some((c, _)) => *c += coef,
                None => terms.push((coef, source)),
            }
        }
        terms.retain(|(c, _)| !c.is_zero());
        if bias.is_zero() && terms.len() == 1 && terms[0].0 == BigRational::from_integer(1.into()) {
            return Ok(terms[0].1);
        }
        let depth = terms.iter().map(|&(_, s)| self.depth[s]).max().unwrap_or(0);
        Ok(self.push(Node::Affine { bias, terms }, depth))
    }
}

/// The exact value of a coefficient.
pub(crate) fn value(p: &Poly, bindings: &Bindings) -> Result<BigRational, Diagnostic> {
    let mut sum = BigRational::zero();
    for m in &p.monomials {
        let mut term = m.coef.to_rational();
        for &f in &m.factors {
            let v = bindings.get(f).ok_or_else(|| {
                Diagnostic::global(
                    "missing-parameter",
                    "a coefficient uses a parameter that has no value",
                )
            })?;
            term *= v;
        }
        sum += term;
    }
    Ok(sum)
}
