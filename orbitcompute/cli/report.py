"""``orbitcompute report``: run the notebooks in a fresh kernel and export them."""

from __future__ import annotations

import argparse
import re


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "report",
        help="execute the notebooks with a scenario and export HTML or PDF",
        description="Runs each notebook in a fresh kernel (nbclient) with the scenario injected "
        "as SCENARIO, and exports it with nbconvert (PDF via headless Chromium).",
    )
    p.add_argument("--notebooks", nargs="+", metavar="NB", help="names or paths (default: all)")
    p.add_argument("--scenario", help="scenario name or TOML path injected as SCENARIO")
    p.add_argument("--output", metavar="DIR", help="output directory (default reports)")
    p.add_argument("--format", choices=("html", "pdf"), help="default html")
    p.add_argument(
        "--strip", action="store_true", help="instead: remove outputs from the committed notebooks"
    )
    return p


def run(args: argparse.Namespace) -> int:
    import time

    from orbitcompute import report
    from orbitcompute.cli import as_options
    from orbitcompute.errors import InputError

    if args.strip:
        given = [
            f"--{k}" for k in ("notebooks", "scenario", "output", "format") if getattr(args, k)
        ]
        if given:
            raise InputError(
                f"--strip: strips every committed notebook and takes no other option "
                f"(got {', '.join(given)})"
            )
        try:
            stripped = report.strip_outputs()
        except InputError as exc:  # a bad notebook in notebooks/: named as a file
            raise as_options(exc, {"directory=": "--strip: notebook "}) from None
        for name in stripped:
            print(f"stripped {name}")
        return 0
    t0 = time.perf_counter()
    try:
        recs = report.build_report(
            args.notebooks,
            args.scenario,
            "reports" if args.output is None else args.output,
            args.format or "html",
        )
    except InputError as exc:
        failed = _failed_notebook(exc, args.scenario)
        if failed is not None:
            raise failed from None
        raise as_options(
            exc,
            {
                "output_dir=": "--output=",
                # a shipped notebook (none named) is a notebook, not an option given
                "notebooks=": "--notebooks " if args.notebooks else "notebook ",
                "scenario=": "--scenario=",
                "format=": "--format=",
            },
        ) from None
    for r in recs:
        print(f"{r['notebook']:<32} {r['seconds']:6.1f} s  -> {r['output']}")
    print(f"{len(recs)} notebooks in {time.perf_counter() - t0:.1f} s")
    return 0


#: A notebook that ran and failed, as :func:`orbitcompute.report.execute_notebook` says
#: it: ``notebooks='03_thermal.ipynb': failed in cell 3: KeyError: 'orbit'``.
_RUN_FAILURE = re.compile(
    r"notebooks=(?P<name>'[^']*'|\"[^\"]*\"): "
    r"(?P<what>failed|timed out|the kernel died)(?P<rest>.*)",
    re.DOTALL,
)


def _failed_notebook(exc: Exception, scenario: str | None) -> Exception | None:
    """A notebook that failed while it ran, said as such: not as a bad ``--notebooks``
    (which may not have been given), and with the ``--scenario`` it ran with
    (``notebook 03_thermal.ipynb failed with --scenario mccalip_2025 in cell 3: ...``).
    None for any other error."""
    import ast
    import shlex

    from orbitcompute.errors import InputError

    m = _RUN_FAILURE.fullmatch(str(exc))
    if m is None:
        return None
    name = ast.literal_eval(m["name"])
    with_ = "" if scenario is None else f" with --scenario {shlex.quote(scenario)}"
    # the per-cell limit is the API's timeout_s, not an option of this command
    rest = re.sub(
        r"longer than timeout_s=(\d+) s", r"longer than the \1 s limit per cell", m["rest"]
    )
    if m["what"] == "the kernel died":
        return InputError(f"notebook {name}{with_}: the kernel died{rest}")
    return InputError(f"notebook {name} {m['what']}{with_}{rest}")
