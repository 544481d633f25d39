//! Composing networks, as the "composing two networks" slides do.
//!
//! Network 1 maps `x` to `y`; network 2 maps `y` to `y'`. Substituting
//! network 1's output equation for `y` in network 2's first layer and
//! collecting terms gives
//! `h'_1 = a[θ'_10 + θ'_11 y] = a[θ'_10 + θ'_11 φ_0 + θ'_11 φ_1 h_1 + …]`,
//! and naming each collected coefficient gives one network with two hidden
//! layers whose middle weights are new parameters:
//! `ψ_10 = θ'_10 + θ'_11 φ_0`, `ψ_1j = θ'_11 φ_j`.

use crate::expr::{Affine, Atom, Budget, Poly};
use crate::network::{Definition, Network, Unit};
use crate::symbol::{Letter, ParamLetter, Sym, Symbol, SymbolTable};

use super::unnest::top_activation;
use crate::render::derivation::Step;
use crate::render::{Form, FormError, FormOptions, Format, Options};

/// Why two networks cannot be composed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposeError(pub String);

impl std::fmt::Display for ComposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which output of the first network feeds which input of the second
/// (`--feed y=y`), by ASCII name.
pub type Feed = Vec<(String, String)>;

/// Reads a `--feed` value: `y=y`, or "y_1=x_1, y_2=x_2".
pub fn parse_feed(text: &str) -> Result<Feed, ComposeError> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (out, input) = pair
                .split_once('=')
                .ok_or_else(|| ComposeError(format!("`{pair}` is not OUT=IN, e.g. y=y")))?;
            let name = |t: &str| {
                crate::syntax::parse_symbol(t.trim())
                    .map(|s| s.to_string())
                    .map_err(|e| ComposeError(format!("`{}`: {}", t.trim(), e.message)))
            };
            Ok((name(out)?, name(input)?))
        })
        .collect()
}

/// One composition step of two networks, with every intermediate form.
#[derive(Clone, Debug)]
pub struct Composition {
    /// The first network (for a chain, the composition so far).
    pub first: Network,
    /// The second network.
    pub second: Network,
    /// Every name of both networks and of the new parameters.
    pub symbols: SymbolTable,
    /// The second network's units and definitions, named in [`Self::symbols`].
    pub second_renamed: (Vec<Unit>, Vec<Definition>),
    /// Each (output of the first network, input of the second) it feeds,
    /// named in [`Self::symbols`]; the two are one symbol when fed by name.
    pub fed: Vec<(Sym, Sym)>,
    /// For each unit of the second network that reads a fed input: its name,
    /// its right side as given, and its right side with the first network's
    /// outputs substituted and like terms collected.
    pub substitutions: Vec<(Sym, Affine, Affine)>,
    /// The combined network: products kept as coefficients (`--no-collect`).
    pub expanded: Network,
    /// The combined network in new parameters, whose definitions it carries.
    pub collected: Network,
}

/// Composes `first` and `second`: the outputs of `first` feed the inputs of
/// `second` as `feed` says, or by name when `feed` is empty.
///
/// The two networks must use different names for their units and parameters
/// (the book primes the second network's).
pub fn compose(
    first: &Network,
    second: &Network,
    feed: &Feed,
) -> Result<Composition, ComposeError> {
    let mut symbols = first.symbols.clone();
    let remap: Vec<Sym> = second
        .symbols
        .iter()
        .map(|(_, s)| symbols.intern(s.clone()))
        .collect();
    check_names(first, second, &remap)?;
    let pairs = feed_pairs(first, second, feed, &remap)?;
    let first_rhs: Vec<(Sym, Affine)> = pairs
        .iter()
        .map(|&(out, input)| {
            (
                input,
                first.unit(out).map(|u| u.rhs.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let renamed_definitions: Vec<Definition> = second
        .definitions
        .iter()
        .map(|d| Definition {
            name: remap[d.name.0 as usize],
            value: rename_poly(&d.value, &remap),
        })
        .collect();
    let mut second_units: Vec<Unit> = second
        .units
        .iter()
        .map(|u| Unit {
            name: remap[u.name.0 as usize],
            layer: u.layer,
            rhs: rename(&u.rhs, &remap),
        })
        .collect();
    let second_renamed = (second_units.clone(), renamed_definitions.clone());
    let fed: Vec<Sym> = pairs.iter().map(|p| p.1).collect();
    check_size(&second_units, &first_rhs)?;
    let mut substitutions = Vec::new();
    for unit in &mut second_units {
        if reads_any(&unit.rhs, &fed) {
            let before = unit.rhs.clone();
            unit.rhs = substitute(&unit.rhs, &first_rhs);
            substitutions.push((unit.name, before, unit.rhs.clone()));
        }
    }
    let fed_outputs: Vec<Sym> = pairs.iter().map(|p| p.0).collect();
    let kept: Vec<Unit> = first
        .units
        .iter()
        .filter(|u| !fed_outputs.contains(&u.name))
        .cloned()
        .collect();
    let definitions: Vec<Definition> = first
        .definitions
        .iter()
        .cloned()
        .chain(renamed_definitions)
        .collect();
    let units: Vec<Unit> = kept
        .iter()
        .cloned()
        .chain(second_units.iter().cloned())
        .collect();
    let expanded = assemble(symbols.clone(), units, definitions.clone())?;
    let collected = collect(&expanded, &substitutions, definitions)?;
    Ok(Composition {
        first: first.clone(),
        second: second.clone(),
        symbols: collected.symbols.clone(),
        second_renamed,
        fed: pairs,
        substitutions,
        expanded,
        collected,
    })
}

fn assemble(
    symbols: SymbolTable,
    units: Vec<Unit>,
    definitions: Vec<Definition>,
) -> Result<Network, ComposeError> {
    Network::assemble(symbols, units, definitions)
        .map_err(|_| ComposeError("the composed networks read each other in a cycle".into()))
}

/// Units and parameters may not be shared: `h_1` in both networks would be
/// one unit after composing.
fn check_names(first: &Network, second: &Network, remap: &[Sym]) -> Result<(), ComposeError> {
    let mut used = vec![
        false;
        remap
            .iter()
            .map(|s| s.0 as usize + 1)
            .max()
            .unwrap_or(0)
            .max(first.symbols.len())
    ];
    for u in &first.units {
        used[u.name.0 as usize] = true;
    }
    for &p in first
        .params
        .iter()
        .chain(first.definitions.iter().map(|d| &d.name))
    {
        used[p.0 as usize] = true;
    }
    let clash = second
        .units
        .iter()
        .map(|u| u.name)
        .chain(second.params.iter().copied())
        .chain(second.definitions.iter().map(|d| d.name))
        .find(|s| used[remap[s.0 as usize].0 as usize]);
    match clash {
        Some(s) => Err(ComposeError(format!(
            "both networks use `{}`; name the second network's units and parameters apart, as the book primes them (`h'_1`, `\\theta'_{{10}}`)",
            second.symbols[s]
        ))),
        None => Ok(()),
    }
}

/// The (output of first, input of second) pairs, as symbols of the merged table.
fn feed_pairs(
    first: &Network,
    second: &Network,
    feed: &Feed,
    remap: &[Sym],
) -> Result<Vec<(Sym, Sym)>, ComposeError> {
    let inputs: Vec<Sym> = second.inputs.iter().map(|s| remap[s.0 as usize]).collect();
    let name = |n: &Network, s: Sym| n.symbols[s].to_string();
    if feed.is_empty() {
        let pairs: Vec<(Sym, Sym)> = first
            .outputs
            .iter()
            .filter(|o| inputs.contains(o))
            .map(|&o| (o, o))
            .collect();
        if pairs.is_empty() {
            let outs: Vec<String> = first.outputs.iter().map(|&o| name(first, o)).collect();
            let ins: Vec<String> = second.inputs.iter().map(|&i| name(second, i)).collect();
            return Err(ComposeError(format!(
                "no output of the first network ({}) is an input of the second ({}); say which feeds which with --feed OUT=IN",
                outs.join(", "),
                ins.join(", ")
            )));
        }
        return Ok(pairs);
    }
    feed.iter()
        .map(|(out, input)| {
            let o = first
                .outputs
                .iter()
                .copied()
                .find(|&o| name(first, o) == *out)
                .ok_or_else(|| {
                    ComposeError(format!("`{out}` is not an output of the first network"))
                })?;
            let i = second
                .inputs
                .iter()
                .copied()
                .find(|&i| name(second, i) == *input)
                .ok_or_else(|| {
                    ComposeError(format!("`{input}` is not an input of the second network"))
                })?;
            Ok((o, remap[i.0 as usize]))
        })
        .collect()
}

fn rename(a: &Affine, remap: &[Sym]) -> Affine {
    let mut out = Affine::zero();
    for t in &a.terms {
        let atom = match &t.atom {
            Atom::One => Atom::One,
            Atom::Var(v) => Atom::Var(remap[v.0 as usize]),
            Atom::Act(inner) => Atom::Act(Box::new(rename(inner, remap))),
        };
        out.add_term(rename_poly(&t.coef, remap), atom);
    }
    out
}

fn rename_poly(p: &Poly, remap: &[Sym]) -> Poly {
    let mut out = p.clone();
    for m in &mut out.monomials {
        for f in &mut m.factors {
            *f = remap[f.0 as usize];
        }
    }
    out
}

fn reads_any(a: &Affine, vars: &[Sym]) -> bool {
    let mut found = false;
    a.for_each_var(&mut |v| found |= vars.contains(&v));
    found
}

/// Refuses a composition whose substituted units would exceed the
/// [`Budget`]: two 1-2000-1 networks make 4,000,000 new weights.
fn check_size(units: &[Unit], values: &[(Sym, Affine)]) -> Result<(), ComposeError> {
    let size: u128 = units
        .iter()
        .map(|u| substituted_size(&u.rhs, values))
        .fold(0, u128::saturating_add);
    Budget::current().terms(size).map_err(|e| {
        ComposeError(format!(
            "the combined network would have about {} terms, more than the limit of {}; raise it with {} {}",
            e.estimate,
            e.max,
            e.limit.option(),
            e.estimate
        ))
    })
}

/// How many terms [`substitute`] makes of `a`, without making them.
fn substituted_size(a: &Affine, values: &[(Sym, Affine)]) -> u128 {
    a.terms
        .iter()
        .map(|t| {
            let coef = t.coef.monomials.len().max(1) as u128;
            match &t.atom {
                Atom::Var(v) => match values.iter().find(|(s, _)| s == v) {
                    Some((_, rhs)) => coef.saturating_mul(rhs.terms.len() as u128),
                    None => 1,
                },
                Atom::Act(inner) => substituted_size(inner, values).saturating_add(1),
                Atom::One => 1,
            }
        })
        .fold(0, u128::saturating_add)
}

/// Replaces each fed input by the first network's equation for it, and
/// distributes the coefficient over it (collecting like terms).
pub fn substitute(a: &Affine, values: &[(Sym, Affine)]) -> Affine {
    let mut out = Affine::zero();
    for t in &a.terms {
        match &t.atom {
            Atom::Var(v) => match values.iter().find(|(s, _)| s == v) {
                Some((_, rhs)) => out.add(rhs.mul_poly(&t.coef)),
                None => out.add_term(t.coef.clone(), t.atom.clone()),
            },
            Atom::Act(inner) => out.add_term(
                t.coef.clone(),
                Atom::Act(Box::new(substitute(inner, values))),
            ),
            Atom::One => out.add_term(t.coef.clone(), Atom::One),
        }
    }
    out
}

/// Names every collected coefficient of the substituted units: ψ_ij when the
/// result has two hidden layers, β_{k,i} and ω_{k,i,j} otherwise.
fn collect(
    expanded: &Network,
    substitutions: &[(Sym, Affine, Affine)],
    mut definitions: Vec<Definition>,
) -> Result<Network, ComposeError> {
    let mut symbols = expanded.symbols.clone();
    let hidden_layers = expanded.depth().saturating_sub(1);
    let mut units = expanded.units.clone();
    let n = expanded.symbols.len();
    let index = crate::network::unit_index(&units, n);
    // Each variable's 1-based position within its layer (inputs within `x`).
    let mut position = vec![0u32; n];
    let mut per_layer = vec![0u32; expanded.depth() as usize + 1];
    for (j, &x) in expanded.inputs.iter().enumerate() {
        position[x.0 as usize] = j as u32 + 1;
    }
    for u in &units {
        per_layer[u.layer as usize] += 1;
        position[u.name.0 as usize] = per_layer[u.layer as usize];
    }
    for (name, _, _) in substitutions {
        let Some(unit) = index[name.0 as usize].map(|i| &mut units[i]) else {
            continue;
        };
        let (inner, activated) = match top_activation(&unit.rhs) {
            Some(inner) => (inner.clone(), true),
            None => (unit.rhs.clone(), false),
        };
        let row = position[name.0 as usize];
        let k = unit.layer.saturating_sub(1);
        let mut rhs = Affine::zero();
        for t in &inner.terms {
            let column = match &t.atom {
                Atom::One => 0,
                Atom::Var(v) => position[v.0 as usize],
                Atom::Act(_) => {
                    rhs.add_term(t.coef.clone(), t.atom.clone());
                    continue;
                }
            };
            let symbol = new_name(hidden_layers, k, row, column);
            if symbols.get(&symbol).is_some() {
                return Err(ComposeError(format!("the new parameter `{symbol}` would clash with a name already used; rename it in the input")));
            }
            let p = symbols.intern(symbol);
            definitions.push(Definition {
                name: p,
                value: t.coef.clone(),
            });
            rhs.add_term(Poly::param(p), t.atom.clone());
        }
        unit.rhs = if activated {
            let mut a = Affine::zero();
            a.add_term(Poly::one(), Atom::Act(Box::new(rhs)));
            a
        } else {
            rhs
        };
    }
    assemble(symbols, units, definitions)
}

/// ψ_ij for two hidden layers, else β_{k,i} (j = 0) or ω_{k,i,j}.
fn new_name(hidden_layers: u32, k: u32, i: u32, j: u32) -> Symbol {
    let param = |letter, indices: &[u32]| Symbol {
        letter: Letter::Param(letter),
        primes: 0,
        indices: indices.into(),
    };
    match (hidden_layers, j) {
        (2, _) if i < 10 && j < 10 => param(ParamLetter::Psi, &[i, j]),
        (_, 0) => param(ParamLetter::Beta, &[k, i]),
        _ => param(ParamLetter::Omega, &[k, i, j]),
    }
}

/// Composes a chain of networks, each feeding the next: the first two, then
/// their combination with the third, and so on. `feeds[k]` says how network
/// `k` feeds network `k + 1` (empty: by name). Returns every step.
pub fn compose_chain(
    networks: &[Network],
    feeds: &[Feed],
    collect: bool,
) -> Result<Vec<Composition>, ComposeError> {
    if networks.len() < 2 {
        return Err(ComposeError("composing needs at least two networks".into()));
    }
    let mut steps: Vec<Composition> = Vec::with_capacity(networks.len() - 1);
    let mut current = networks[0].clone();
    for (k, next) in networks[1..].iter().enumerate() {
        let feed = feeds.get(k).cloned().unwrap_or_default();
        let step = compose(&current, next, &feed)?;
        current = if collect {
            step.collected.clone()
        } else {
            step.expanded.clone()
        };
        steps.push(step);
    }
    Ok(steps)
}

/// Which steps of a composition to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The networks as given.
    pub given: bool,
    /// The substitution, as chained equalities.
    pub substitution: bool,
    /// The new parameters and their definitions.
    pub definitions: bool,
    /// The combined network.
    pub combined: bool,
}

impl Default for Shown {
    fn default() -> Shown {
        Shown {
            given: true,
            substitution: true,
            definitions: true,
            combined: true,
        }
    }
}

/// The derivation of a chain of compositions, as the slides show it: the
/// networks as given, each substitution, the new parameters, the combined
/// network (in new parameters when `collect`, with products otherwise).
/// Everything is named in the last composition's symbol table.
pub fn derivation(chain: &[Composition], shown: Shown, collect: bool) -> (SymbolTable, Vec<Step>) {
    let Some(last) = chain.last() else {
        return (SymbolTable::new(), Vec::new());
    };
    let mut steps = Vec::new();
    if shown.given {
        steps.push(network_step(
            "network 1",
            &chain[0].first.units,
            &chain[0].first.definitions,
        ));
        for (k, c) in chain.iter().enumerate() {
            steps.push(network_step(
                &format!("network {}", k + 2),
                &c.second_renamed.0,
                &c.second_renamed.1,
            ));
        }
    }
    for (k, c) in chain.iter().enumerate() {
        let suffix = if chain.len() > 1 {
            format!(" (composition {})", k + 1)
        } else {
            String::new()
        };
        if shown.substitution {
            // An input fed under another name (`--feed y=x'`) is said to be
            // the output, `x′ = y`, so that the substitution reads back.
            let renamed = c
                .fed
                .iter()
                .filter(|(out, input)| out != input)
                .map(|&(out, input)| {
                    let mut rhs = Affine::zero();
                    rhs.add_term(crate::expr::Poly::one(), Atom::Var(out));
                    (input, vec![rhs])
                });
            let equations = renamed
                .chain(
                    c.substitutions
                        .iter()
                        .map(|(name, before, after)| (*name, vec![before.clone(), after.clone()])),
                )
                .collect();
            steps.push(Step {
                title: format!("substituting the first network's outputs{suffix}"),
                equations,
            });
        }
        if shown.definitions && collect {
            let known = c
                .expanded
                .definitions
                .len()
                .min(c.collected.definitions.len());
            steps.push(network_step(
                &format!("new parameters{suffix}"),
                &[],
                &c.collected.definitions[known..],
            ));
        }
    }
    if shown.combined {
        let combined = if collect {
            &last.collected
        } else {
            &last.expanded
        };
        let definitions: &[Definition] = if shown.definitions {
            &[]
        } else {
            &combined.definitions
        };
        steps.push(network_step(
            "the combined network",
            &combined.units,
            definitions,
        ));
    }
    (last.symbols.clone(), steps)
}

fn network_step(title: &str, units: &[Unit], definitions: &[Definition]) -> Step {
    let mut equations: Vec<(Sym, Vec<Affine>)> = units
        .iter()
        .map(|u| (u.name, vec![u.rhs.clone()]))
        .collect();
    for d in definitions {
        let mut rhs = Affine::zero();
        rhs.add_term(d.value.clone(), Atom::One);
        equations.push((d.name, vec![rhs]));
    }
    Step {
        title: title.to_string(),
        equations,
    }
}

/// Prints a chain of compositions in any form and format.
///
/// The scalar form prints the whole [`derivation`], which reads back as
/// netform input. Other forms print the networks as given and the combined
/// network in that form, with the substitution and the new parameters in
/// scalar form between them; JSON collects the parts as
/// `{"netform": 1, "form": …, "steps": [{"title": …, "content": …}]}`.
pub fn print(
    chain: &[Composition],
    shown: Shown,
    collect: bool,
    options: &Options,
    form: &FormOptions,
) -> Result<String, FormError> {
    if form.form == Form::Scalar {
        let (symbols, steps) = derivation(chain, shown, collect);
        return Ok(crate::render::derivation::derivation(
            &symbols, &steps, options,
        ));
    }
    let Some(last) = chain.last() else {
        return Ok(String::new());
    };
    let inner = Options {
        standalone: false,
        ..options.clone()
    };
    let mut parts: Vec<(String, String)> = Vec::new();
    if shown.given {
        parts.push((
            "network 1".into(),
            crate::render::form(&chain[0].first, &inner, form)?,
        ));
        for (k, c) in chain.iter().enumerate() {
            parts.push((
                format!("network {}", k + 2),
                crate::render::form(&c.second, &inner, form)?,
            ));
        }
    }
    let middle = Shown {
        given: false,
        combined: false,
        ..shown
    };
    let (symbols, steps) = derivation(chain, middle, collect);
    for step in steps {
        let title = step.title.clone();
        parts.push((
            title,
            crate::render::derivation::derivation(&symbols, &[step], &inner),
        ));
    }
    if shown.combined {
        let combined = if collect {
            &last.collected
        } else {
            &last.expanded
        };
        parts.push((
            "the combined network".into(),
            crate::render::form(combined, &inner, form)?,
        ));
    }
    Ok(join_parts(parts, options, form))
}

fn join_parts(parts: Vec<(String, String)>, options: &Options, form: &FormOptions) -> String {
    if options.format == Format::Json {
        let steps: Vec<serde_json::Value> = parts
            .into_iter()
            .map(|(title, text)| {
                let content = serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or(serde_json::Value::String(text));
                serde_json::json!({ "title": title, "content": content })
            })
            .collect();
        let form_name = format!("{:?}", form.form).to_lowercase();
        let mut out = serde_json::to_string_pretty(
            &serde_json::json!({ "netform": 1, "form": form_name, "steps": steps }),
        )
        .unwrap_or_default();
        out.push('\n');
        return out;
    }
    let mut out = String::new();
    let latex = options.format == Format::Latex;
    if latex && options.standalone {
        out.push_str(
            "\\documentclass{article}\n\\usepackage{amsmath,amssymb,bm}\n\\begin{document}\n",
        );
    }
    for (title, text) in parts {
        if !text.starts_with('%') {
            out.push_str(&format!("% {title}\n"));
        }
        out.push_str(&text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    if latex && options.standalone {
        out.push_str("\\end{document}\n");
    }
    out
}
