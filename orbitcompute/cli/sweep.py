"""``orbitcompute sweep SCENARIO --samples N``: Monte Carlo of a scenario's comparison.

Samples the scenario's ``[uncertainty]`` table, evaluates every placement on
all samples (vectorized, in chunks, locally or on dask) and prints, per
placement, the probability of being the cheapest feasible option and the
percentiles of the levelized cost. The cost percentiles and mean are over every
sample with a finite cost, infeasible samples (that deliver part of the demand)
included; only feasible samples count for P(cheapest), and the feasible share is
printed next to them. The header names the values set in placement blocks that
the sampled inputs replace (as any override does), since ``compare`` shows those.
``--output`` writes every sample to Parquet with the scenario in the file's
metadata.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orbitcompute.errors import InputError

#: Printed under the table: what the cost columns are over.
COST_NOTE = (
    "cost p5, p50, p95, mean: over every sample with a finite cost, infeasible ones\n"
    "included: read them with 'feasible %'. P(cheapest) counts feasible samples only\n"
    "(a tie goes to the placement listed first); ± its standard error, or where no\n"
    "sample (every sample) wins, the 95 % bound of the rule of three: below (above) 300/n %."
)


def percent(fraction: float) -> str:
    """A share in percent, one decimal, that reads 0.0 or 100.0 only when it is exactly that.

    ``0.9983`` is ``"99.8"`` and ``0.99996`` is ``">99.9"``, not ``"100"``: a column
    of feasible or cheapest shares must not say "always" or "never" for 17 samples
    in 10,000.
    """
    pct = 100.0 * float(fraction)
    text = f"{pct:.1f}"
    if 0.0 < pct < 100.0 and text in ("0.0", "100.0"):
        return "<0.1" if text == "0.0" else ">99.9"
    return text


def share_with_error(fraction: float, se: float, n: int) -> str:
    """A share in percent with its standard error: ``"73.3 ± 0.4"``.

    A standard error below 0.05 % would read ``± 0.0``, certainty; it is given to
    one significant figure instead, and the share to as many decimals:
    ``"0.10 ± 0.02"`` (20 wins in 20,000 samples). A share of 0 or 1 has a binomial
    standard error of 0, which would read as certainty too; it is given with the
    one-sided 95 % bound of the rule of three instead (Hanley & Lippman-Hand, JAMA
    249 (1983) 1743): no win in ``n`` samples means a probability below ``3 / n``,
    ``"0.0 (<0.03)"`` for 10,000 samples.
    """
    if 0.0 < fraction < 1.0:
        se_pct = 100.0 * float(se)
        if not 0.0 < se_pct < 0.05:  # one decimal shows it (or it is 0 or not a number)
            return f"{percent(fraction)} ± {se_pct:.1f}"
        # one significant figure: the decimals of its rounded value (0.0096 -> 0.01)
        decimals = -int(f"{se_pct:.0e}".split("e")[1])
        pct = 100.0 * float(fraction)
        share = f"{pct:.{decimals}f}"
        if float(share) in (0.0, 100.0):  # not exact: say so, as percent() does
            step = f"{10.0**-decimals:.{decimals}f}"
            share = f"<{step}" if float(share) == 0.0 else f">{100 - 10.0**-decimals:.{decimals}f}"
        return f"{share} ± {se_pct:.{decimals}f}"
    import numpy as np

    bound = 100.0 * min(3.0 / n, 1.0)
    if fraction == 0.0:
        below = np.format_float_positional(bound, precision=2, fractional=False)
        return f"0.0 (<{below.rstrip('.')})"
    above = np.format_float_positional(100.0 - bound, precision=4, fractional=False)
    return f"100.0 (>{above.rstrip('.')})"


def replaced_line(replaced: Mapping[str, Any], limit: int = 6) -> str:
    """The header line naming the values set in placement blocks that the samples
    replace (as any override does: the README's rule), ``""`` when there are none.

    ``{"dd.development_years": 7}`` gives ``"sampled inputs replace values set in
    placement blocks: dd.development_years=7"``; after ``limit`` of them, the count
    of the others.
    """
    if not replaced:
        return ""
    items = [f"{k}={_shown(v)}" for k, v in replaced.items()]
    more = f", ... ({len(items) - limit} more)" if len(items) > limit else ""
    return (
        f"sampled inputs replace values set in placement blocks: {', '.join(items[:limit])}{more}"
    )


def _shown(value: Any) -> str:
    """A block value as a scenario file would give it: ``7`` for 7.0, ``inf``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return str(value)


def _as_typed(exc: InputError, options: dict[str, str]) -> InputError:
    """The API's message with its arguments named as this command's options, its
    advice included (``use chunk_size >= N`` becomes ``use --chunk-size >= N``)."""
    import re

    from orbitcompute.cli import as_options

    mapped = as_options(exc, options, advice=True)
    if mapped is exc:
        return exc
    head, sep, tail = str(mapped).partition(": ")
    tail = re.sub(r"(?<![\w.-])n=(?=\d)", "--samples=", tail)
    # the API's chunk_size=None (one chunk) has no spelling here
    tail = tail.replace(" (or None for one chunk)", "")
    return type(exc)(head + sep + tail)


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "sweep",
        help="Monte Carlo of a scenario: cost percentiles and P(cheapest) per placement",
        description="Sample the scenario's [uncertainty] table, evaluate every placement on "
        "all samples in one vectorized pass per chunk, and print the probability that each "
        "placement is the cheapest feasible one with percentiles of its levelized cost. "
        "The cost percentiles and mean include infeasible samples that have a finite cost "
        "(a placement can show a low cost and be feasible in 0 % of samples): read them "
        "with the feasible share, 'feasible %'.",
    )
    p.add_argument("scenario", help="shipped scenario name (e.g. gigawatt) or a .toml file")
    p.add_argument(
        "--samples",
        "-n",
        type=int,
        default=10_000,
        metavar="N",
        help="number of samples (default 10000)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where chunks run (default local)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="dask scheduler address, e.g. tcp://host:8786 (default: a LocalCluster)",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE.parquet",
        help="write every sample to Parquet (a .parquet or .pq file, checked before the "
        "run), with the scenario in the metadata",
    )
    p.add_argument(
        "--placements",
        metavar="NAME[,NAME...]",
        help="compare only these placements of the scenario (default all)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--method",
        choices=("random", "lhs"),
        default="random",
        help="independent sampling or Latin hypercube (default random)",
    )
    p.add_argument(
        "--chunk-size",
        type=int,
        default=25_000,
        metavar="M",
        help="samples per model call (default 25000)",
    )
    p.add_argument(
        "--metric",
        default="lcoc_usd_per_accelerator_hour",
        help="cost compared for 'cheapest': a numeric output of every compared placement, "
        "lowest wins (default lcoc_usd_per_accelerator_hour; e.g. capex_usd, "
        "cost_total_usd, time_to_full_power_years)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def run(args: argparse.Namespace) -> int:
    import time

    from orbitcompute._validate import check_output_path, check_positive
    from orbitcompute.analysis import comparison
    from orbitcompute.analysis.io import PARQUET_SUFFIXES
    from orbitcompute.cli import as_options
    from orbitcompute.cli._format import table
    from orbitcompute.errors import InputError
    from orbitcompute.scenario import load as load_scenario

    check_positive("--samples", args.samples)
    check_positive("--chunk-size", args.chunk_size)
    if args.seed < 0:
        raise InputError(f"--seed={args.seed}: must be >= 0")
    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler: only used with --engine dask")
    if args.output is not None:
        check_output_path("--output", args.output, PARQUET_SUFFIXES)
    candidates = None
    if args.placements is not None:
        candidates = [x.strip() for x in args.placements.split(",") if x.strip()]
        if not candidates:
            raise InputError(f"--placements={args.placements!r}: name at least one placement")
        twice = [x for i, x in enumerate(candidates) if x in candidates[:i]]
        if twice:  # a slip for another name, not a request to compare it twice
            raise InputError(
                f"--placements={args.placements!r}: names {', '.join(dict.fromkeys(twice))} "
                "twice; name each placement once"
            )
    options = {
        "metric=": "--metric=",
        "scheduler=": "--scheduler=",
        "placement=": "--placements=",
        "candidates=": "--placements=",
        "n=": "--samples=",
        "chunk_size=": "--chunk-size=",
        "seed=": "--seed=",
        "method=": "--method=",
    }
    t0 = time.perf_counter()
    try:
        sc = load_scenario(args.scenario)  # loaded once: for the header too
        res = comparison.monte_carlo_comparison(
            sc,
            args.samples,
            candidates=candidates,
            seed=args.seed,
            method=args.method,
            metric=args.metric,
            chunk_size=args.chunk_size,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=False if args.no_progress else None,
        )
    except InputError as exc:
        # the API checks --metric before any sample is drawn (a cost of every placement)
        raise _as_typed(exc, options) from None
    elapsed = time.perf_counter() - t0
    path = None
    if args.output is not None:  # written before the table: a failed write prints nothing
        try:
            path = res.to_parquet(args.output)
        except InputError as exc:  # e.g. a file system that refuses it after the check
            raise as_options(exc, {"path=": "--output="}) from None
    tab = res.table()
    m = args.metric
    rows = []
    for name, r in tab.iterrows():
        rows.append(
            [
                name,
                share_with_error(r["p_cheapest"], r["p_cheapest_se"], res.n),
                None if name == "none" else percent(r["feasible_fraction"]),
                *(
                    None if name == "none" else float(r.get(f"{m}_{q}", float("nan")))
                    for q in ("p5", "p50", "p95", "mean")
                ),
            ]
        )
    # the inputs drawn that reach a compared placement (as the analysis decides reach:
    # a placement's own key wins over a bare one); the others are drawn and unused
    unused = res.unused_inputs
    names = [k for k in res.inputs if k not in unused]
    count = f"{len(res.inputs)} uncertain inputs"
    if unused:
        count += f" ({len(names)} reach the compared placements)"
    shown = ", ".join(names[:6]) + (f", ... ({len(names) - 6} more)" if len(names) > 6 else "")
    corr = res.metadata.get("correlation")
    pairs = 0 if corr is None else sum(c != 0 for i, row in enumerate(corr) for c in row[:i])
    drawn = (
        ", independent"
        if not pairs
        else f" ({pairs} correlated {'pair' if pairs == 1 else 'pairs'})"
    )
    print(
        f"{sc.name}: {res.n:,} samples of {count}{drawn}, seed "
        f"{args.seed}, {args.engine} engine, {elapsed:.2f} s\ninputs: {shown}"
    )
    # the block values the samples replace, as any override does (README), which
    # `compare` shows: said, not silently different
    replaced = replaced_line(res.metadata.get("replaced_block_values") or {})
    if replaced:
        print(replaced)
    print(f"cost: {m}")
    print(
        table(["placement", "P(cheapest) %", "feasible %", "cost p5", "p50", "p95", "mean"], rows)
    )
    print(COST_NOTE)
    if path is not None:
        print(f"samples written to {path}")
    return 0
