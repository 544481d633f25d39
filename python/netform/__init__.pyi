"""Type stubs of the netform package (see ``netform/__init__.py`` for the documentation)."""

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .errors import NetformError as NetformError

Number = Union[Fraction, int, str, float]
Params = Union[str, Mapping[str, Number]]

class Network:
    @property
    def inputs(self) -> List[str]: ...
    @property
    def outputs(self) -> List[str]: ...
    @property
    def parameters(self) -> List[str]: ...
    def eval(self, params: Params, **inputs: Number) -> Union[Fraction, Dict[str, Fraction]]: ...
    def eval_float(self, params: Params, **inputs: Any) -> Any: ...
    def render(
        self,
        form: str = "scalar",
        format: str = "unicode",
        *,
        explicit: bool = False,
        beamer: bool = False,
        standalone: bool = False,
        elide: bool = False,
        width: int = 80,
    ) -> str: ...
    def latex(
        self, form: str = "scalar", *, explicit: bool = False, beamer: bool = False, standalone: bool = False, width: int = 80
    ) -> str: ...
    def unicode(self, form: str = "scalar", *, explicit: bool = False, width: int = 80) -> str: ...
    def ascii(self, form: str = "scalar", *, explicit: bool = False, width: int = 80) -> str: ...
    def to_json(self, form: str = "scalar") -> str: ...
    def equations(self, form: str = "scalar", *, explicit: bool = False) -> Equations: ...
    def _repr_latex_(self) -> str: ...
    def count(self) -> Count: ...
    def regions(self, params: Params, domain: Optional[Tuple[Number, Number]] = None) -> Regions: ...
    def plot(self, params: Params, domain: Tuple[Number, Number] = (-1, 1)) -> Svg: ...

@dataclass(frozen=True)
class Equations:
    latex: str
    unicode: str
    def _repr_latex_(self) -> str: ...

@dataclass(frozen=True)
class Svg:
    svg: str
    def _repr_svg_(self) -> str: ...
    def save(self, path: str) -> None: ...

@dataclass(frozen=True)
class LayerCount:
    weights: int
    biases: int

@dataclass(frozen=True)
class Count:
    parameters: int
    distinct: int
    free: int
    layers: List[LayerCount]
    formula: str

@dataclass(frozen=True)
class Piece:
    start: Optional[Fraction]
    end: Optional[Fraction]
    slope: List[Fraction]
    intercept: List[Fraction]

@dataclass(frozen=True)
class Regions:
    input: str
    outputs: List[str]
    domain: Optional[Tuple[Fraction, Fraction]]
    breakpoints: List[Fraction]
    regions: int
    breakpoints_real_line: List[Fraction]
    regions_real_line: int
    pieces: List[Piece]

@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    line: int
    column: int
    message: str
    fix: Optional[str]

class CheckReport(List[Finding]):
    text: str
    @property
    def has_errors(self) -> bool: ...

@dataclass(frozen=True)
class Sameness:
    verdict: str
    point: Optional[Dict[str, Fraction]] = ...
    output: Optional[str] = ...
    left: Optional[Fraction] = ...
    right: Optional[Fraction] = ...
    points: Optional[int] = ...
    message: str = ...
    def __bool__(self) -> bool: ...

def read(text: str, name: str = "<input>") -> Network: ...
def example(name: str) -> Network: ...
def example_params(name: str) -> str: ...
def examples() -> List[str]: ...
def compose(first: Network, second: Network, *more: Network) -> Network: ...
def composition_steps(first: Network, second: Network, *more: Network, format: str = "unicode") -> str: ...
def composition_plot(
    first: Network, second: Network, params: Params, domain: Tuple[Number, Number] = (-1, 1)
) -> Svg: ...
def check(text: str, name: str = "<input>") -> CheckReport: ...
def same_function(
    a: Network,
    b: Network,
    params_a: Params,
    params_b: Params,
    domain: Optional[Sequence[Tuple[Number, Number]]] = None,
) -> Sameness: ...
