"""Benchmark: the Monte Carlo of the default comparison, this tree against a git revision.

Usage::

    .venv/bin/python benchmarks/bench_ab.py [REF] [--scenario gigawatt] [--samples 10000]
        [--rounds 3] [--repeat 3]

A slowdown of a model change shows up here before it reaches ``bench_sweep.py``'s
row in the README: b9e4135 (a cluster's terminals passed as a column of samples)
made the default comparison's Monte Carlo four times slower with every output
unchanged, and nothing but a timing could see it.

1. Exports ``REF`` (default ``HEAD``: the working tree's uncommitted change
   against its last commit) with ``git archive`` into a temporary directory;
   the repository's state is not touched.
2. Times ``--samples`` samples of the scenario's whole comparison
   (:func:`orbitcompute.analysis.monte_carlo_comparison` with the scenario's
   ``[uncertainty]`` table, seed 0) in a child process per side, each importing
   its own copy of the package (``PYTHONPATH``), after one small warm-up run;
   best of ``--repeat`` calls.
3. Alternates the two sides ``--rounds`` times (A B A B ...) so that a machine
   that slows down or speeds up during the run affects both, and prints each
   side's best time per sample and the ratio ``REF / this tree`` (above 1: this
   tree is faster).
4. Prints the largest relative difference between the two sides' tables
   (percentiles of the levelized cost, P(cheapest)): 0 when a change is meant to
   leave the outputs alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """\
import json, sys, time
from orbitcompute import scenario as scen
from orbitcompute.analysis import monte_carlo_comparison
sc = scen.load(sys.argv[1])
n, repeat = int(sys.argv[2]), int(sys.argv[3])
dists = dict(sc.uncertainty)
monte_carlo_comparison(sc, 100, dists, seed=1, progress=False)  # warm-up
best, res = float("inf"), None
for _ in range(repeat):
    t = time.perf_counter()
    out = monte_carlo_comparison(sc, n, dists, seed=0, progress=False)
    dt = time.perf_counter() - t
    if dt < best:
        best, res = dt, out
table = res.table()
print(json.dumps({
    "seconds": best,
    "table": {str(c): [float(x) for x in table[c]] for c in table.columns
              if table[c].dtype.kind == "f"},
}))
"""


def export(ref: str, into: Path) -> str:
    """Write the package of ``ref`` into ``into``; return the commit it names."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    if commit.returncode != 0:
        sys.exit(f"bench_ab: REF={ref!r} is not a revision of {ROOT}")
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "orbitcompute", "data"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as t:
        t.extractall(into, filter="data")
    return commit.stdout.strip()[:10]


def run(tree: Path, scenario: str, n: int, repeat: int) -> dict:
    """One child process timing the Monte Carlo with the package of ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench_compare: both sides from bytecode
    out = subprocess.run(
        [sys.executable, "-c", CHILD, scenario, str(n), str(repeat)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    if out.returncode != 0:
        sys.exit(f"bench_ab: the run with {tree} failed:\n{out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def max_relative_difference(a: dict, b: dict) -> tuple[float, int]:
    """Largest |a - b| / max(|a|, |b|) over the numeric columns both tables have, and
    the number of values compared (inf where a value is NaN on one side only)."""
    worst, count = 0.0, 0
    for col in sorted(set(a) & set(b)):
        for x, y in zip(a[col], b[col], strict=False):
            count += 1
            if (x == x) != (y == y):
                worst = float("inf")
            elif x == x and max(abs(x), abs(y)) > 0:
                worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    return worst, count


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", nargs="?", default="HEAD")
    ap.add_argument("--scenario", default="gigawatt")
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if args.samples < 100 or args.rounds < 1 or args.repeat < 1:
        sys.exit("bench_ab: --samples must be >= 100, --rounds and --repeat >= 1")
    with tempfile.TemporaryDirectory(prefix="bench_ab_") as tmp:
        old = Path(tmp)
        commit = export(args.ref, old)
        times: dict[str, list[float]] = {"ref": [], "tree": []}
        tables: dict[str, dict] = {}
        for _ in range(args.rounds):
            for side, tree in (("ref", old), ("tree", ROOT)):
                r = run(tree, args.scenario, args.samples, args.repeat)
                times[side].append(r["seconds"])
                tables[side] = r["table"]
    us = {side: min(t) / args.samples * 1e6 for side, t in times.items()}
    print(
        f"{args.scenario}: {args.samples:,} samples of the whole comparison, best of "
        f"{args.rounds} x {args.repeat} calls a side, sides alternated"
    )
    for side, label in (("ref", f"{args.ref} ({commit})"), ("tree", "this tree")):
        spread = ", ".join(f"{t / args.samples * 1e6:.2f}" for t in times[side])
        print(f"  {label:<24} {us[side]:8.2f} us/sample (rounds: {spread})")
    print(
        f"ratio {args.ref} / this tree: {us['ref'] / us['tree']:.2f} (above 1: this tree is faster)"
    )
    diff, count = max_relative_difference(tables["ref"], tables["tree"])
    print(f"largest relative difference between the two result tables: {diff:.3g} ({count} values)")


if __name__ == "__main__":
    main()
