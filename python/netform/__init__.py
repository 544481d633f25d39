"""netform for Python: deep-network notation in the style of *Understanding
Deep Learning*, read, evaluated exactly, composed and typeset.

>>> import netform
>>> net = netform.read(r"h_1 = a[\\theta_{10} + \\theta_{11}x]; y = \\phi_0 + \\phi_1 h_1")
>>> net.eval({"theta_10": -1, "theta_11": 2, "phi_0": "1/3", "phi_1": 1}, x=1)
Fraction(4, 3)

Parameter values (``params``) are either parameter-file text (lines
``name = value``, or a JSON object, exactly as ``netform eval --params``
reads) or a mapping from names to values. Names take any spelling netform
reads (``theta_10``, ``θ_10``, ``\\theta_{10}``). Values are exact:
``fractions.Fraction``, ``int``, a string such as ``"-3/4"`` or ``"0.1"``
(exactly 1/10), or a ``float``, which is read as the shortest decimal that
prints it (``0.1`` is 1/10, not the binary value nearest to it). The same
holds for input values of :meth:`Network.eval`.

Errors in any text raise :class:`NetformError` with ``.line``, ``.column``,
``.code`` and the message the command line prints.
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _netform
from .errors import NetformError

__all__ = [
    "NetformError",
    "Network",
    "Equations",
    "Svg",
    "Count",
    "LayerCount",
    "Regions",
    "Piece",
    "Finding",
    "CheckReport",
    "Sameness",
    "read",
    "example",
    "example_params",
    "examples",
    "compose",
    "composition_steps",
    "composition_plot",
    "check",
    "same_function",
]

Number = Union[Fraction, int, str, float]
Params = Union[str, Mapping[str, Number]]


def _exact_text(value: Any, what: str) -> str:
    """An exact value as text netform reads: ``3``, ``-3/4``, ``0.1``."""
    if isinstance(value, bool):
        raise TypeError(f"{what}: {value!r} is a bool, not a number")
    if isinstance(value, numbers.Rational):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{what}: {value!r} has no exact value")
        return repr(value)
    text = str(value)
    if type(value).__name__ == "Decimal":
        return text
    raise TypeError(f"{what}: expected a Fraction, int, str or float, got {type(value).__name__}")


def _params_text(params: Params) -> str:
    """Parameter-file text from text or a mapping of names to values."""
    if isinstance(params, str):
        return params
    if isinstance(params, Mapping):
        return "".join(f"{name} = {_exact_text(value, str(name))}\n" for name, value in params.items())
    raise TypeError(f"params: expected parameter-file text or a mapping of names to values, got {type(params).__name__}")


def _latex_for_jupyter(latex: str) -> str:
    """``align*`` as ``$$\\begin{aligned}…\\end{aligned}$$``, which notebooks' MathJax and KaTeX both show."""
    body = latex.strip()
    if body.startswith(r"\begin{align*}") and body.endswith(r"\end{align*}"):
        body = body[len(r"\begin{align*}") : -len(r"\end{align*}")].strip()
        return "$$\\begin{aligned}\n" + body + "\n\\end{aligned}$$"
    return "$$" + body + "$$"


class Network:
    """A network: inputs, hidden units in layers, outputs and parameters.

    Made by :func:`read`, :func:`example` or :func:`compose`. In Jupyter it
    displays as its equations (``_repr_latex_``).
    """

    __slots__ = ("_net",)

    def __init__(self, _net: Any):
        if not isinstance(_net, _netform.Net):
            raise TypeError("make a Network with netform.read(text) or netform.example(name)")
        self._net = _net

    @property
    def inputs(self) -> List[str]:
        """The inputs' names, in the network's order."""
        return self._net.inputs()

    @property
    def outputs(self) -> List[str]:
        """The outputs' names, in the order results are given."""
        return self._net.outputs()

    @property
    def parameters(self) -> List[str]:
        """The free parameters' names: those ``params`` must give."""
        return self._net.parameters()

    def _point(self, inputs: Mapping[str, Any]) -> List[Any]:
        """The input values in the network's order; every input needs one."""
        unknown = [name for name in inputs if name not in self.inputs]
        if unknown:
            raise NetformError(
                f"error[unknown-input]: `{unknown[0]}` is not an input of this network (the inputs are: {', '.join(self.inputs)})",
                "unknown-input",
            )
        missing = [name for name in self.inputs if name not in inputs]
        if missing:
            raise NetformError(
                f"error[missing-input]: no value for input {', '.join(missing)}: give every input a value, e.g. {missing[0]}=1/2",
                "missing-input",
            )
        return [inputs[name] for name in self.inputs]

    def eval(self, params: Params, **inputs: Number) -> Union[Fraction, Dict[str, Fraction]]:
        """The outputs at one point, exactly, with ``a[.]`` the ReLU.

        One output gives a ``Fraction``; several give a dict from output
        name to ``Fraction``. Inputs are keyword arguments by name
        (``x=Fraction(1, 2)``, ``x_1="0.5"``; a primed name needs
        ``**{"y'": 1}``).
        """
        point = [_exact_text(v, name) for name, v in zip(self.inputs, self._point(inputs))]
        values = [Fraction(v) for v in self._net.eval_exact(_params_text(params), point)]
        if len(values) == 1:
            return values[0]
        return dict(zip(self.outputs, values))

    def eval_float(self, params: Params, **inputs: Any) -> Any:
        """The outputs in f64 at many points at once, with ``a[.]`` the ReLU.

        Each input is a number, a list or a NumPy array; they are broadcast
        together and the result has their common shape (a NumPy array, or a
        NumPy float when every input is a number). Several outputs give a
        dict from output name to array.
        """
        import numpy as np

        arrays = np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in self._point(inputs)])
        shape = arrays[0].shape if arrays else ()
        columns = [a.ravel().tolist() for a in arrays]
        outputs = [np.asarray(c, dtype=float).reshape(shape) for c in self._net.eval_float(_params_text(params), columns)]
        if shape == ():
            outputs = [o[()] for o in outputs]
        if len(outputs) == 1:
            return outputs[0]
        return dict(zip(self.outputs, outputs))

    def render(self, form: str = "scalar", format: str = "unicode", *, explicit: bool = False,
               beamer: bool = False, standalone: bool = False, elide: bool = False, width: int = 80) -> str:
        """The network in a form (``scalar``, ``matrix``, ``general``,
        ``nested``) and a format (``unicode``, ``latex``, ``ascii``,
        ``json``), with the options of ``netform convert``."""
        return self._net.render(form, format, explicit, beamer, standalone, elide, width)

    def latex(self, form: str = "scalar", *, explicit: bool = False, beamer: bool = False,
              standalone: bool = False, width: int = 80) -> str:
        """LaTeX for slides (``align*``; a Beamer frame with ``beamer=True``;
        a whole document with ``standalone=True``)."""
        return self.render(form, "latex", explicit=explicit, beamer=beamer, standalone=standalone, width=width)

    def unicode(self, form: str = "scalar", *, explicit: bool = False, width: int = 80) -> str:
        """Unicode for terminals: ``h₁ = a[θ₁₀ + θ₁₁x]``, matrices drawn in two dimensions."""
        return self.render(form, "unicode", explicit=explicit, width=width)

    def ascii(self, form: str = "scalar", *, explicit: bool = False, width: int = 80) -> str:
        """Plain ASCII: ``h_1 = a[theta_10 + theta_11 x]``."""
        return self.render(form, "ascii", explicit=explicit, width=width)

    def to_json(self, form: str = "scalar") -> str:
        """The network as the JSON of ``netform convert --format json`` (text; ``read`` reads it back)."""
        return self.render(form, "json")

    def equations(self, form: str = "scalar", *, explicit: bool = False) -> "Equations":
        """The network in a form, to display: a notebook shows it as
        equations, ``print`` as Unicode."""
        return Equations(self.latex(form, explicit=explicit), self.unicode(form, explicit=explicit))

    def _repr_latex_(self) -> str:
        return _latex_for_jupyter(self.latex())

    def __str__(self) -> str:
        return self.unicode()

    def __repr__(self) -> str:
        return f"<netform.Network inputs={self.inputs} outputs={self.outputs} parameters={len(self.parameters)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return self._net == other._net

    __hash__ = None  # type: ignore[assignment]

    def count(self) -> "Count":
        """The number of parameters, per layer, with the formula (as ``netform count``)."""
        data = json.loads(self._net.count())
        return Count(
            parameters=data["parameters"],
            distinct=data["distinct"],
            free=data["free"],
            layers=[LayerCount(weights=l["weights"], biases=l["biases"]) for l in data["layers"]],
            formula=data["formula"],
        )

    def regions(self, params: Params, domain: Optional[Tuple[Number, Number]] = None) -> "Regions":
        """The exact breakpoints and linear pieces of a one-input network, on
        the whole line and on ``domain = (low, high)`` if given (as ``netform regions``)."""
        lo = hi = None
        if domain is not None:
            lo, hi = (_exact_text(v, "domain") for v in domain)
        return Regions._from_json(json.loads(self._net.regions(_params_text(params), lo, hi)))

    def plot(self, params: Params, domain: Tuple[Number, Number] = (-1, 1)) -> "Svg":
        """The function of a one-input network drawn exactly on ``domain``,
        breakpoints marked (as ``netform plot``); notebooks show it."""
        lo, hi = (_exact_text(v, "domain") for v in domain)
        return Svg(self._net.plot_svg(_params_text(params), lo, hi))


@dataclass(frozen=True)
class Equations:
    """A form of a network to display: ``latex`` (``align*``) and ``unicode``
    text; notebooks show it as display math."""

    latex: str
    unicode: str

    def _repr_latex_(self) -> str:
        return _latex_for_jupyter(self.latex)

    def __str__(self) -> str:
        return self.unicode


@dataclass(frozen=True)
class Svg:
    """A picture netform drew, as SVG text; notebooks show it."""

    svg: str

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path: str) -> None:
        """Writes the picture to a ``.svg`` file."""
        with open(path, "w", encoding="utf-8") as out:
            out.write(self.svg)


@dataclass(frozen=True)
class LayerCount:
    """The weights and biases of one layer."""

    weights: int
    biases: int


@dataclass(frozen=True)
class Count:
    """A network's parameters: in total, per layer, and the formula."""

    parameters: int
    distinct: int
    free: int
    layers: List[LayerCount]
    formula: str


def _fraction(text: Optional[str]) -> Optional[Fraction]:
    return None if text is None else Fraction(text)


@dataclass(frozen=True)
class Piece:
    """One linear piece: on ``start < x < end`` output ``k`` is
    ``slope[k] * x + intercept[k]``; ``None`` ends are infinite."""

    start: Optional[Fraction]
    end: Optional[Fraction]
    slope: List[Fraction]
    intercept: List[Fraction]


@dataclass(frozen=True)
class Regions:
    """The exact linear regions of a one-input network."""

    input: str
    outputs: List[str]
    domain: Optional[Tuple[Fraction, Fraction]]
    breakpoints: List[Fraction]
    regions: int
    breakpoints_real_line: List[Fraction]
    regions_real_line: int
    pieces: List[Piece]

    @staticmethod
    def _from_json(data: Dict[str, Any]) -> "Regions":
        fractions = lambda xs: [Fraction(x) for x in xs]  # noqa: E731
        domain = data["domain"]
        return Regions(
            input=data["input"],
            outputs=data["outputs"],
            domain=None if domain is None else (Fraction(domain[0]), Fraction(domain[1])),
            breakpoints=fractions(data["breakpoints"]),
            regions=data["regions"],
            breakpoints_real_line=fractions(data["breakpoints_real_line"]),
            regions_real_line=data["regions_real_line"],
            pieces=[
                Piece(_fraction(p["from"]), _fraction(p["to"]), fractions(p["slope"]), fractions(p["intercept"]))
                for p in data["pieces"]
            ],
        )


@dataclass(frozen=True)
class Finding:
    """One finding of :func:`check`: 1-based line and column (0 when it is
    about the whole document), a short code, the message and the corrected
    text when netform can tell."""

    code: str
    severity: str
    line: int
    column: int
    message: str
    fix: Optional[str]


class CheckReport(List[Finding]):
    """The findings of :func:`check`, in source order, with the report as
    ``netform check`` prints it in :attr:`text`."""

    text: str

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (``netform check`` then exits with 1)."""
        return any(f.severity == "error" for f in self)


@dataclass(frozen=True)
class Sameness:
    """The verdict of :func:`same_function`; true only when proven the same.

    ``verdict`` is ``"same"`` (proven), ``"differ"`` (with the first
    ``point`` found, the ``output`` that differs and its values ``left`` in
    the first network and ``right`` in the second) or ``"undecided"``
    (three or more inputs, not equal after un-nesting: no difference at
    ``points`` exact points, which is not a proof).
    """

    verdict: str
    point: Optional[Dict[str, Fraction]] = None
    output: Optional[str] = None
    left: Optional[Fraction] = None
    right: Optional[Fraction] = None
    points: Optional[int] = None
    message: str = field(default="", compare=False)

    def __bool__(self) -> bool:
        return self.verdict == "same"


def read(text: str, name: str = "<input>") -> Network:
    """Reads a network: equations in any spelling netform accepts, a whole
    ``.tex``/``.md`` document, or netform's JSON. ``name`` names the source
    in error messages."""
    return Network(_netform.Net.read(text, name))


def example(name: str) -> Network:
    """A bundled example network (see :func:`examples`)."""
    return Network(_netform.Net.example(name))


def example_params(name: str) -> str:
    """The parameter values of a bundled example, as parameter-file text."""
    return _netform.example_params(name)


def examples() -> List[str]:
    """The names of the bundled examples."""
    return list(_netform.example_names())


def compose(first: Network, second: Network, *more: Network) -> Network:
    """The networks composed, each feeding the next by name, with products
    of parameters collected into new parameters (ψ, or β/ω) defined in
    terms of the given ones: evaluate it with every network's parameters
    together."""
    return Network(_netform.compose([n._net for n in (first, second, *more)]))


def composition_steps(first: Network, second: Network, *more: Network, format: str = "unicode") -> str:
    """The derivation ``netform compose`` prints: the networks as given, the
    substitution, the new parameters and the combined network."""
    return _netform.composition_steps([n._net for n in (first, second, *more)], format)


def composition_plot(first: Network, second: Network, params: Params,
                     domain: Tuple[Number, Number] = (-1, 1)) -> Svg:
    """The folding figure (as ``netform plot --compose``): network 1,
    network 2 and their composition side by side, each drawn exactly on
    ``domain`` with its breakpoints; ``params`` gives both networks' values."""
    lo, hi = (_exact_text(v, "domain") for v in domain)
    return Svg(_netform.composition_plot_svg(first._net, second._net, _params_text(params), lo, hi))


def check(text: str, name: str = "<input>") -> CheckReport:
    """Checks a document (Markdown, LaTeX, plain text) for notation mistakes,
    as ``netform check`` does."""
    findings, rendered = _netform.check(text, name)
    report = CheckReport(Finding(**f) for f in json.loads(findings))
    report.text = rendered
    return report


def same_function(a: Network, b: Network, params_a: Params, params_b: Params,
                  domain: Optional[Sequence[Tuple[Number, Number]]] = None) -> Sameness:
    """Whether ``a`` with ``params_a`` and ``b`` with ``params_b`` compute the
    same function, decided exactly: on the whole line for one input (or on
    ``domain=[(low, high)]``), on a box for two (``[-1, 1]²`` unless
    ``domain`` gives one range per input); for more, "same" when the
    un-nested outputs are equal once the values are substituted and every
    activation is in a canonical form, else compared at exact sample points
    ("differ" or "undecided", never "same"). Inputs and outputs are matched
    by name."""
    ranges = [(_exact_text(lo, "domain"), _exact_text(hi, "domain")) for lo, hi in (domain or [])]
    data = json.loads(_netform.same_function(a._net, b._net, _params_text(params_a), _params_text(params_b), ranges))
    if data["verdict"] == "differ":
        return Sameness(
            verdict="differ",
            point={k: Fraction(v) for k, v in data["point"].items()},
            output=data["output"],
            left=Fraction(data["left"]),
            right=Fraction(data["right"]),
            message=data["message"],
        )
    if data["verdict"] == "undecided":
        return Sameness(verdict="undecided", points=data["points"],
                        message=f"no difference at {data['points']} exact points (not a proof)")
    return Sameness(verdict="same", message="the same function")
