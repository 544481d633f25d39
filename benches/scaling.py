#!/usr/bin/env python3
"""Time and peak memory of the `netform` binary against the size of its input.

Inputs are the scalar LaTeX of `--arch 1,D,D,D,1` (three hidden layers of D
units), from about 1 KB to about 100 MB. For each one:

- reading: `netform count FILE`;
- the matrix form: `netform convert FILE --to matrix --format latex`;
- check: `netform check FILE`.

The nested form is streamed: its size follows the product of the widths, not
the input, so it is measured against what it writes, the LaTeX nested
equation of `--arch 1,10,...,10,1` with 2 to 6 hidden layers (about 10^2 to
10^6 terms), written to /dev/null.

Each figure is the best of several runs (fewer for the large sizes): wall
time, CPU time (user + system) and peak resident memory, from the kernel's
accounting of the child (`wait4`). The exponent is the least-squares slope
of log(CPU time) and of log(peak memory) against log(size) over the sizes of
1 MB and more, where the fixed cost of starting the program no longer
dominates; the memory's also above the baseline (the peak of the smallest
input: the binary and the allocator). Prints Markdown tables.

    cargo build --release
    python3 benches/scaling.py                 # every size (a few minutes)
    python3 benches/scaling.py --max-mb 20     # inputs up to 20 MB only
"""

import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BINARY = os.path.join(ROOT, "target", "release", "netform")
# Hidden width D of `--arch 1,D,D,D,1`: about 1 KB, 10 KB, 100 KB, 1 MB,
# 4 MB, 17 MB, 45 MB and 100 MB of LaTeX.
WIDTHS = [3, 12, 40, 128, 256, 512, 850, 1250]
# Hidden layers of `--arch 1,10,...,10,1` for the nested form.
NESTED_LAYERS = [2, 3, 4, 5, 6]
FIT_FROM = 1_000_000


def run(args, stdout=subprocess.DEVNULL):
    """Runs the binary once: (wall seconds, CPU seconds, peak bytes)."""
    start = time.perf_counter()
    child = subprocess.Popen([BINARY] + args, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"netform {' '.join(args)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def best(args, size):
    """The best wall time, CPU time and peak memory of several runs."""
    repeats = 5 if size < 5_000_000 else 3 if size < 40_000_000 else 2
    runs = [run(args) for _ in range(repeats)]
    return tuple(min(r[i] for r in runs) for i in range(3))


def slope(points):
    """The least-squares slope of log(y) against log(x)."""
    if len(points) < 2:
        return float("nan")
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def human(size):
    """Bytes as B, KB, MB."""
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def seconds(t):
    """Seconds as ms below one second."""
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def main():
    max_mb = float(sys.argv[sys.argv.index("--max-mb") + 1]) if "--max-mb" in sys.argv else 1e9
    if not os.path.exists(BINARY):
        sys.exit("build the binary first: cargo build --release")
    steps = {
        "reading (`count`)": lambda f: ["count", f],
        "matrix form (LaTeX)": lambda f: ["convert", f, "--to", "matrix", "--format", "latex"],
        "`check`": lambda f: ["check", f],
    }
    rows = {name: [] for name in steps}
    with tempfile.TemporaryDirectory() as tmp:
        for d in WIDTHS:
            path = os.path.join(tmp, f"d{d}.tex")
            with open(path, "w") as out:
                subprocess.run(
                    [BINARY, "convert", "--arch", f"1,{d},{d},{d},1", "--format", "latex",
                     "--max-weights", "100000000"],
                    stdout=out,
                    check=True,
                )
            size = os.path.getsize(path)
            if size > max_mb * 1e6:
                break
            for name, args in steps.items():
                rows[name].append((size, *best(args(path), size)))
            os.remove(path)
    nested = []
    for k in NESTED_LAYERS:
        arch = ",".join(["1"] + ["10"] * k + ["1"])
        args = ["convert", "--arch", arch, "--to", "nested", "--format", "latex",
                "--max-terms", "100000000"]
        with tempfile.TemporaryFile() as out:
            subprocess.run([BINARY] + args, stdout=out, check=True)
            size = out.tell()
        if size > max_mb * 1e6:
            break
        nested.append((size, *best(args, size)))
    rows["nested form (streamed; size = LaTeX written)"] = nested
    print("| step | size | wall | CPU | peak memory | peak / size |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, points in rows.items():
        for size, wall, cpu, peak in points:
            print(f"| {name} | {human(size)} | {seconds(wall)} | {seconds(cpu)} | "
                  f"{human(peak)} | {peak / size:.1f}× |")
    print()
    print(f"Fitted exponents (sizes ≥ {human(FIT_FROM)}): time ∝ size^a, memory ∝ size^b")
    print()
    print("| step | a (CPU time) | b (peak memory) | b (above the baseline) | sizes fitted |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, points in rows.items():
        fitted = [p for p in points if p[0] >= FIT_FROM]
        if len(fitted) < 2:
            continue
        # The program's own memory (binary, allocator) at the smallest size.
        baseline = min(p[3] for p in points)
        a = slope([(p[0], p[2]) for p in fitted])
        b = slope([(p[0], p[3]) for p in fitted])
        above = slope([(p[0], p[3] - baseline) for p in fitted if p[3] > baseline])
        # No size above the baseline: the memory does not grow at all.
        above = "— (flat)" if math.isnan(above) else f"{above:.2f}"
        print(f"| {name} | {a:.2f} | {b:.2f} | {above} | {len(fitted)} |")


if __name__ == "__main__":
    main()
