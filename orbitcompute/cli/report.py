"""``orbitcompute report``: run the notebooks in a fresh kernel and export them."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "report",
        help="execute the notebooks with a scenario and export HTML or PDF",
        description="Runs each notebook in a fresh kernel (nbclient) with the scenario injected "
        "as SCENARIO, and exports it with nbconvert (PDF via headless Chromium).",
    )
    p.add_argument("--notebooks", nargs="+", metavar="NB", help="names or paths (default: all)")
    p.add_argument("--scenario", help="scenario name or TOML path injected as SCENARIO")
    p.add_argument("--output", default="reports", metavar="DIR", help="output directory")
    p.add_argument("--format", choices=("html", "pdf"), default="html")
    p.add_argument(
        "--strip", action="store_true", help="instead: remove outputs from the committed notebooks"
    )
    return p


def run(args: argparse.Namespace) -> int:
    import time

    from orbitcompute import report

    if args.strip:
        for name in report.strip_outputs():
            print(f"stripped {name}")
        return 0
    t0 = time.perf_counter()
    recs = report.build_report(args.notebooks, args.scenario, args.output, args.format)
    for r in recs:
        print(f"{r['notebook']:<32} {r['seconds']:6.1f} s  -> {r['output']}")
    print(f"{len(recs)} notebooks in {time.perf_counter() - t0:.1f} s")
    return 0
