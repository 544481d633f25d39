"""The Python package: reading, exact and float evaluation, rendering,
composition, regions, check, comparison, errors."""

from fractions import Fraction

import numpy as np
import pytest

import netform
from netform import NetformError

SMALL = r"""
h_1 = a[\theta_{10} + \theta_{11}x]
h_2 = a[\theta_{20} + \theta_{21}x]
y = \phi_0 + \phi_1h_1 + \phi_2h_2
"""
SMALL_PARAMS = {"theta_10": "-1/2", "theta_11": 1, "theta_20": Fraction(1, 3), "theta_21": -1, "phi_0": 0.1, "phi_1": 2, "phi_2": 3}


def first_and_second():
    first, second = netform.example("compose-first"), netform.example("compose-second")
    params = netform.example_params("compose-first") + netform.example_params("compose-second")
    return first, second, params


def test_read_and_names():
    net = netform.read(SMALL)
    assert net.inputs == ["x"]
    assert net.outputs == ["y"]
    assert net.parameters == ["theta_10", "theta_11", "theta_20", "theta_21", "phi_0", "phi_1", "phi_2"]
    assert "inputs=['x']" in repr(net)


def test_exact_eval_returns_fractions_from_a_dict_or_text():
    net = netform.read(SMALL)
    # x = 1: h1 = 1/2, h2 = 0, y = 1/10 + 1 = 11/10 (0.1 as a float is read as 1/10).
    y = net.eval(SMALL_PARAMS, x=1)
    assert y == Fraction(11, 10) and isinstance(y, Fraction)
    text = "theta_10 = -1/2; theta_11 = 1; theta_20 = 1/3; theta_21 = -1; phi_0 = 0.1; phi_1 = 2; phi_2 = 3"
    assert net.eval(text, x="-1") == Fraction(41, 10)
    assert net.eval(text, x=Fraction(1, 2)) == Fraction(1, 10)


def test_several_outputs_give_a_dict():
    net = netform.example("shallow-1-4-2")
    values = net.eval(netform.example_params("shallow-1-4-2"), x=Fraction(1, 3))
    assert list(values) == ["y_1", "y_2"]
    assert all(isinstance(v, Fraction) for v in values.values())


def test_eval_float_is_vectorised_over_lists_and_arrays():
    net = netform.read(SMALL)
    xs = np.linspace(-2, 2, 41)
    ys = net.eval_float(SMALL_PARAMS, x=xs)
    assert isinstance(ys, np.ndarray) and ys.shape == (41,)
    for x, y in zip(xs[::5], ys[::5]):
        exact = net.eval(SMALL_PARAMS, x=float(x))
        assert y == pytest.approx(float(exact), rel=1e-12, abs=1e-12)
    assert net.eval_float(SMALL_PARAMS, x=[0.0, 1.0]).tolist() == pytest.approx([0.1 + 1.0, 1.1])
    grid = net.eval_float(SMALL_PARAMS, x=np.zeros((2, 3)))
    assert grid.shape == (2, 3)
    assert isinstance(net.eval_float(SMALL_PARAMS, x=1.0), np.floating)


def test_eval_float_broadcasts_two_inputs():
    net = netform.read("y = phi_0 + phi_1 x_1 + phi_2 x_2")
    x1, x2 = np.meshgrid(np.arange(3.0), np.arange(2.0))
    out = net.eval_float({"phi_0": 1, "phi_1": 2, "phi_2": 10}, x_1=x1, x_2=x2)
    assert out.tolist() == [[1, 3, 5], [11, 13, 15]]
    assert net.eval_float({"phi_0": 1, "phi_1": 2, "phi_2": 10}, x_1=[1, 2], x_2=3).tolist() == [33, 35]


def test_parse_errors_carry_line_column_and_code():
    with pytest.raises(NetformError) as caught:
        netform.read("h_1 = a[θ_10 + θ_11 x]\ny = φ_0 + + φ_1 h_1", name="slide.tex")
    error = caught.value
    assert (error.code, error.line, error.column) == ("parse", 2, 11)
    assert "slide.tex:2:11" in str(error)
    assert "^ expected an operand here" in str(error)


def test_parameter_errors():
    net = netform.read(SMALL)
    with pytest.raises(NetformError) as caught:
        net.eval({"theta_10": 1}, x=0)
    assert caught.value.code == "missing-parameter"
    assert caught.value.line is None
    with pytest.raises(NetformError) as caught:
        net.eval("theta_10 = 1\ntheta_11 = 1/0", x=0)
    assert (caught.value.code, caught.value.line) == ("parse", 2)
    with pytest.raises(TypeError):
        net.eval({**SMALL_PARAMS, "phi_0": [1]}, x=0)
    with pytest.raises(ValueError):
        net.eval({**SMALL_PARAMS, "phi_0": float("nan")}, x=0)


def test_input_errors():
    net = netform.read(SMALL)
    with pytest.raises(NetformError) as caught:
        net.eval(SMALL_PARAMS)
    assert caught.value.code == "missing-input"
    with pytest.raises(NetformError) as caught:
        net.eval(SMALL_PARAMS, x=1, z=2)
    assert caught.value.code == "unknown-input"


def test_rendering_in_every_format_reads_back():
    net = netform.example("compose-combined")
    assert net.unicode().startswith("h₁ = a[θ₁₀ + θ₁₁x]")
    assert net.ascii().startswith("h_1 = a[theta_10 + theta_11 x]")
    latex = net.latex(form="matrix", explicit=True)
    assert r"\begin{bmatrix}" in latex
    assert r"\begin{frame}" in net.latex(beamer=True)
    assert r"\documentclass" in net.latex(standalone=True)
    for text in [net.unicode(), net.ascii(), net.latex(), net.to_json()]:
        assert netform.read(text) == net
    assert '"equations"' in net.to_json()


def test_repr_latex_is_display_math():
    shown = netform.example("compose-first")._repr_latex_()
    assert shown.startswith("$$\\begin{aligned}") and shown.endswith("\\end{aligned}$$")
    assert r"h_{1} &= \mathrm{a}[\theta_{10} + \theta_{11}x]" in shown


def test_equations_display_any_form():
    net = netform.example("compose-combined")
    shown = net.equations("matrix", explicit=True)
    assert shown._repr_latex_().startswith("$$\\begin{aligned}")
    assert r"\begin{bmatrix}\psi_{11} & \psi_{12} & \psi_{13}" in shown.latex
    assert str(shown).startswith("⎡h₁⎤")
    named = net.equations("matrix")
    assert r"\boldsymbol{\Psi}" in named.latex and str(named).startswith("𝐡 = 𝐚[")


def test_count():
    count = netform.example("shallow-1-4-2").count()
    assert count.parameters == 18
    assert [(l.weights, l.biases) for l in count.layers] == [(4, 4), (8, 2)]


def test_compose_is_the_psi_network():
    first, second, params = first_and_second()
    combined = netform.compose(first, second)
    assert combined.outputs == ["y'"]
    for x in [Fraction(-1), Fraction(1, 5), Fraction(1, 3), Fraction(7, 5)]:
        y = first.eval(params, x=x)
        assert combined.eval(params, x=x) == second.eval(params, y=y)
    steps = netform.composition_steps(first, second)
    assert "ψ₁₀ = θ′₁₀ + θ′₁₁φ₀" in steps
    assert r"\psi_{10}" in netform.composition_steps(first, second, format="latex")


def test_regions_are_exact():
    first, second, params = first_and_second()
    regions = netform.compose(first, second).regions(params, domain=(-1, 2))
    assert regions.breakpoints == [Fraction(1, 5), Fraction(17, 80), Fraction(1, 2), Fraction(4, 5)]
    assert regions.regions == 5
    assert regions.domain == (Fraction(-1), Fraction(2))
    piece = regions.pieces[1]
    assert (piece.start, piece.end, piece.slope, piece.intercept) == (Fraction(1, 5), Fraction(17, 80), [2], [Fraction(-3, 10)])
    whole = first.regions(params)
    assert whole.domain is None and whole.pieces[0].start is None and whole.pieces[-1].end is None


def test_plots_are_svg(tmp_path):
    first, second, params = first_and_second()
    picture = first.plot(params, domain=(-1, 2))
    assert picture._repr_svg_().startswith("<svg") and picture.svg.rstrip().endswith("</svg>")
    picture.save(str(tmp_path / "first.svg"))
    assert (tmp_path / "first.svg").read_text(encoding="utf-8") == picture.svg
    folding = netform.composition_plot(first, second, params, domain=(-1, 2))
    assert "composition" in folding.svg and "network 2" in folding.svg
    with pytest.raises(NetformError) as caught:
        first.plot(params, domain=(1, -1))
    assert caught.value.code == "domain"


def test_regions_need_one_input():
    net = netform.read("y = phi_0 + phi_1 x_1 + phi_2 x_2")
    with pytest.raises(NetformError) as caught:
        net.regions({"phi_0": 0, "phi_1": 1, "phi_2": 1})
    assert caught.value.code == "regions-inputs"


def test_check_returns_findings():
    text = "h_1 = a[θ_10 + θ_11 x]\nh_2 = a[θ_20 + θ_11 x]\ny = φ_0 + φ_1 h_1 + φ_2 h_2"
    report = netform.check(text, name="notes.md")
    assert report.has_errors
    finding = report[0]
    assert (finding.code, finding.severity, finding.line, finding.column) == ("index", "error", 2, 16)
    assert finding.fix == "h_2 = a[θ_20 + θ_21 x]"
    assert "notes.md:2:16" in report.text
    clean = netform.check(netform.example("compose-first").latex())
    assert not clean.has_errors


def test_same_function():
    first, second, params = first_and_second()
    combined = netform.example("compose-combined")
    verdict = netform.same_function(netform.compose(first, second), combined, params, netform.example_params("compose-combined"))
    assert verdict and verdict.verdict == "same"
    own = netform.example_params("compose-first")
    changed = own.replace("phi_3 = 5/2", "phi_3 = 3")
    differ = netform.same_function(first, first, own, changed)
    assert not differ
    assert differ.point == {"x": Fraction(9, 5)}
    assert (differ.output, differ.left, differ.right) == ("y", Fraction(19, 10), Fraction(12, 5))
    assert netform.same_function(first, first, own, changed, domain=[(-1, Fraction(4, 5))])


def test_same_function_with_more_inputs():
    # 2a[x1 - x2 + 3x3] - 2a[-x1 + x2 - 3x3] is the plane 2x1 - 2x2 + 6x3: equal after un-nesting.
    pair = netform.read("h_1 = a[θ_10 + θ_11 x_1 + θ_12 x_2 + θ_13 x_3]\nh_2 = a[θ_20 + θ_21 x_1 + θ_22 x_2 + θ_23 x_3]\ny = φ_0 + φ_1 h_1 + φ_2 h_2")
    pair_params = "θ_10 = 0; θ_11 = 2; θ_12 = -2; θ_13 = 6; θ_20 = 0; θ_21 = -1; θ_22 = 1; θ_23 = -3; φ_0 = 0; φ_1 = 1; φ_2 = -2"
    plane = netform.read("y = phi_0 + phi_1 x_1 + phi_2 x_2 + phi_3 x_3")
    assert netform.same_function(pair, plane, pair_params, {"phi_0": 0, "phi_1": 2, "phi_2": -2, "phi_3": 6})
    differ = netform.same_function(pair, plane, pair_params, {"phi_0": 0, "phi_1": 2, "phi_2": -2, "phi_3": 5})
    assert differ.verdict == "differ" and differ.point["x_3"] != 0
    # max(max(x1, x2), x3) and max(x1, max(x2, x3)): equal, but not by the rewrites.
    left = netform.read("h_1 = a[θ_11 x_1 + θ_12 x_2]\nh_2 = a[θ_21 h_1 + θ_22 x_2 + θ_23 x_3]\ny = φ_1 h_2 + φ_2 x_3")
    right = netform.read("h_1 = a[θ_12 x_2 + θ_13 x_3]\nh_2 = a[θ_21 x_1 + θ_22 h_1 + θ_23 x_3]\ny = φ_1 h_2 + φ_2 h_1 + φ_3 x_3")
    verdict = netform.same_function(
        left, right,
        "θ_11 = 1; θ_12 = -1; θ_21 = 1; θ_22 = 1; θ_23 = -1; φ_1 = 1; φ_2 = 1",
        "θ_12 = 1; θ_13 = -1; θ_21 = 1; θ_22 = -1; θ_23 = -1; φ_1 = 1; φ_2 = 1; φ_3 = 1",
    )
    assert verdict.verdict == "undecided" and not verdict and verdict.points > 100


def test_examples_are_listed():
    assert "compose-first" in netform.examples()
    with pytest.raises(NetformError) as caught:
        netform.example("nope")
    assert caught.value.code == "example"


def test_the_module_docstring_example_runs():
    import doctest

    failures, tried = doctest.testmod(netform, verbose=False)
    assert tried > 0 and failures == 0
