"""The same exact values come out of the command line and Python for every
bundled example (the Rust library is held to the command line by
tests/library.rs), and the README's Python example runs."""

import json
import subprocess
from fractions import Fraction

import pytest

import netform

from conftest import ROOT

POINTS = ["-2", "-1/3", "0", "1/5", "1/2", "7/5"]


@pytest.mark.parametrize("name", netform.examples())
def test_python_gives_the_command_lines_exact_values(name, netform_binary):
    net = netform.example(name)
    (x,) = net.inputs
    args = [str(netform_binary), "eval", "--example", name, "--format", "json"]
    for p in POINTS:
        args += ["--at", f"{x}={p}"]
    cli = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    params = netform.example_params(name)
    for p, point in zip(POINTS, cli):
        values = net.eval(params, **{x: p})
        if not isinstance(values, dict):
            values = {net.outputs[0]: values}
        assert {k: str(v) for k, v in values.items()} == point["outputs"], (name, p)
        floats = {k: float(Fraction(v)) for k, v in point["outputs"].items()}
        got = net.eval_float(params, **{x: float(Fraction(p))})
        if not isinstance(got, dict):
            got = {net.outputs[0]: got}
        assert {k: float(v) for k, v in got.items()} == pytest.approx(floats, rel=1e-12, abs=1e-12)


def test_the_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\n") + len("```python\n")
    code = readme[start : readme.index("```", start)]
    exec(compile(code, "README.md", "exec"), {})
