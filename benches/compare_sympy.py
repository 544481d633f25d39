#!/usr/bin/env python3
"""The same work in SymPy and in netform, side by side.

For networks of one input, K hidden layers of D ReLU units and one output:
build the scalar equations, produce the matrix form and its LaTeX, produce the
nested equation and its LaTeX, and evaluate the nested equation exactly at five
points. SymPy runs each size in its own process with a 60 s limit for all four
steps (a step not finished in time shows as "> 60 s"); netform's
figures come from `cargo bench --bench forms` (best of several runs).

    python3 benches/compare_sympy.py            # the sizes of issue 7
    python3 benches/compare_sympy.py 2x3 4x8    # some sizes (K x D)

The script makes its own virtual environment in benches/.venv with
`pip install sympy==1.14.*` on first use.
"""

import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
SIZES = [(2, 3), (3, 8), (4, 8), (3, 16), (3, 24), (2, 64)]
TIMEOUT = 60
POINTS = 5
# SymPy step -> netform bench step.
STEPS = [
    ("scalar equations", "read"),
    ("matrix form + LaTeX", "matrix-latex"),
    ("nested equation + LaTeX", "nested-latex"),
    ("exact evaluation, 5 points", "eval-exact-5"),
]


def ensure_venv():
    """Re-runs this script inside benches/.venv, creating it if needed."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "sympy==1.14.*"], check=True)
    os.execv(python, [python] + sys.argv)


def rationals(seed):
    """The same kind of values as the bench: k/d with |k| <= 9, 1 <= d <= 9."""
    import sympy

    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        n = (state >> 33) % 19 - 9
        d = (state >> 20) % 9 + 1
        yield sympy.Rational(n, d)


def sympy_steps(k, d):
    """Times each step for one size; prints one JSON object."""
    import sympy

    # a[·] stays a function symbol while building, as on the slides; ReLU
    # (Max(0, z)) replaces it for the exact evaluation.
    a = sympy.Function("a")
    x = sympy.Symbol("x")
    widths = [1] + [d] * k + [1]

    def step(name, start):
        print(json.dumps({name: time.perf_counter() - start}), flush=True)

    t = time.perf_counter()
    inputs = [x]
    equations = []
    betas, omegas = [], []
    layer_vars = [inputs]
    for layer in range(len(widths) - 1):
        n_in, n_out = widths[layer], widths[layer + 1]
        beta = sympy.Matrix(n_out, 1, lambda i, _: sympy.Symbol(f"beta_{layer},{i + 1}"))
        omega = sympy.Matrix(n_out, n_in, lambda i, j: sympy.Symbol(f"omega_{layer},{i + 1},{j + 1}"))
        betas.append(beta)
        omegas.append(omega)
        last = layer == len(widths) - 2
        names = [sympy.Symbol("y")] if last else [sympy.Symbol(f"h_{layer + 1},{i + 1}") for i in range(n_out)]
        for i in range(n_out):
            z = beta[i] + sum(omega[i, j] * layer_vars[-1][j] for j in range(n_in))
            equations.append(sympy.Eq(names[i], z if last else a(z)))
        layer_vars.append(names)
    step("scalar equations", t)

    t = time.perf_counter()
    vectors = [sympy.Matrix(v) for v in layer_vars]
    matrix_eqs = []
    for layer in range(len(widths) - 1):
        z = betas[layer] + omegas[layer] * vectors[layer]
        rhs = z if layer == len(widths) - 2 else z.applyfunc(a)
        matrix_eqs.append(sympy.Eq(vectors[layer + 1], rhs, evaluate=False))
    latex = "\\\\\n".join(sympy.latex(e) for e in matrix_eqs)
    step("matrix form + LaTeX", t)

    t = time.perf_counter()
    current = sympy.Matrix([x])
    for layer in range(len(widths) - 1):
        z = betas[layer] + omegas[layer] * current
        current = z if layer == len(widths) - 2 else z.applyfunc(a)
    nested = current[0]
    latex = sympy.latex(sympy.Eq(sympy.Symbol("y"), nested, evaluate=False))
    step("nested equation + LaTeX", t)

    t = time.perf_counter()
    values = rationals(7)
    params = {}
    for beta, omega in zip(betas, omegas):
        for s in list(beta) + list(omega):
            params[s] = next(values)
    fixed = nested.xreplace(params)
    relu = lambda z: sympy.Max(0, z)
    results = [fixed.xreplace({x: sympy.Rational(i - 2, 7)}).replace(a, relu) for i in range(POINTS)]
    step("exact evaluation, 5 points", t)
    assert all(r.is_Rational for r in results), results


def sympy_times(k, d):
    """SymPy's time for each step it finished within the time limit."""
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--sympy", str(k), str(d)],
            capture_output=True, text=True, timeout=TIMEOUT, check=True,
        ).stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
    times = {}
    for line in out.splitlines():
        times.update(json.loads(line))
    return times


def netform_times(sizes):
    """netform's times per (K, D, step) from the forms bench."""
    arg = ",".join(f"{k}x{d}" for k, d in sizes)
    out = subprocess.run(
        ["cargo", "bench", "--quiet", "--bench", "forms", "--", "--sizes", arg],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    times = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "BENCH":
            times[(int(parts[1]), int(parts[2]), parts[3])] = float(parts[4])
    return times


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--sympy":
        sympy_steps(int(sys.argv[2]), int(sys.argv[3]))
        return
    ensure_venv()
    sizes = [tuple(int(n) for n in s.split("x")) for s in sys.argv[1:]] or SIZES
    import sympy

    print(f"SymPy {sympy.__version__}, Python {sys.version.split()[0]}; netform from `cargo bench --bench forms`")
    ours = netform_times(sizes)
    print(f"{'K x D':>7}  {'step':<28} {'SymPy':>11} {'netform':>11} {'ratio':>10}")
    for k, d in sizes:
        theirs = sympy_times(k, d)
        for step, bench_step in STEPS:
            mine = ours.get((k, d, bench_step))
            if step not in theirs:
                print(f"{k:>3} x {d:<3} {step:<28} {'> 60 s':>11} {fmt(mine):>11} {'':>10}")
                continue
            t = theirs[step]
            ratio = f"{t / mine:,.0f}x" if mine else ""
            print(f"{k:>3} x {d:<3} {step:<28} {fmt(t):>11} {fmt(mine):>11} {ratio:>10}")


def fmt(seconds):
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


if __name__ == "__main__":
    main()
