"""``orbitcompute sweep SCENARIO --samples N``: Monte Carlo of a scenario's comparison.

Samples the scenario's ``[uncertainty]`` table, evaluates every placement on
all samples (vectorized, in chunks, locally or on dask) and prints, per
placement, the probability of being the cheapest feasible option and the
percentiles of the levelized cost. ``--output`` writes every sample to Parquet
with the scenario in the file's metadata.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "sweep",
        help="Monte Carlo of a scenario: cost percentiles and P(cheapest) per placement",
        description="Sample the scenario's [uncertainty] table, evaluate every placement on "
        "all samples in one vectorized pass per chunk, and print the probability that each "
        "placement is the cheapest feasible one with percentiles of its levelized cost.",
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


#: Examples of costs named when --metric is refused.
COST_EXAMPLES = (
    "lcoc_usd_per_accelerator_hour",
    "lcoc_usd_per_pflop_hour",
    "capex_usd",
    "cost_total_usd",
    "time_to_full_power_years",
)


def _check_metric_is_a_cost(outputs: dict, candidates: list[str], metric: str) -> None:
    """Refuse a --metric that is text or a yes/no flag.

    "Cheapest" ranks the placements by the lowest value of one number per sample, so
    a text output (``binding_constraint``, which failed later as ``costs['memphis']:
    must be an array of numbers``) or a boolean one (``feasible``, which made the
    first feasible placement "cheapest") is no cost. ``outputs`` are the sampled
    outputs by ``"<placement>.<name>"``.
    """
    import numpy as np

    from orbitcompute._validate import did_you_mean
    from orbitcompute.errors import InputError

    for name in candidates:
        if f"{name}.{metric}" not in outputs:  # refused by monte_carlo_comparison
            continue
        value = np.asarray(outputs[f"{name}.{metric}"])
        if value.dtype.kind == "b":
            what = "a yes/no flag"
        elif value.dtype.kind not in "iuf":
            what = f"text (e.g. {str(value.ravel()[0])!r} for {name})" if value.size else "text"
        else:
            continue
        numbers = {
            k.split(".", 1)[1]
            for k, v in outputs.items()
            if k.split(".", 1)[0] in candidates and np.asarray(v).dtype.kind in "iuf"
        }
        raise InputError(
            f"--metric={metric!r}: {what}, not a cost; 'cheapest' needs a numeric output of "
            f"every compared placement, lowest wins, e.g. {', '.join(COST_EXAMPLES)}"
            f"{did_you_mean(metric, sorted(numbers))}"
        )


def run(args: argparse.Namespace) -> int:
    import time

    from orbitcompute._validate import check_output_path, check_positive
    from orbitcompute.analysis.comparison import monte_carlo_comparison
    from orbitcompute.analysis.io import PARQUET_SUFFIXES
    from orbitcompute.cli import as_options
    from orbitcompute.cli._format import table
    from orbitcompute.errors import InputError

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
        res = monte_carlo_comparison(
            args.scenario,
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
        text = str(exc)
        if text.startswith("model output '") and f".{args.metric}' has shape" in text:
            # a series per sample (e.g. delivered_it_mw_by_year), not one number
            raise InputError(
                f"--metric={args.metric!r}: a by-year series (one number per year), not a "
                "cost; 'cheapest' needs a numeric output of every compared placement, "
                f"lowest wins, e.g. {', '.join(COST_EXAMPLES)}"
            ) from None
        raise as_options(exc, options) from None
    _check_metric_is_a_cost(res.outputs, res.candidates, args.metric)
    elapsed = time.perf_counter() - t0
    tab = res.table()
    m = args.metric
    rows = []
    for name, r in tab.iterrows():
        rows.append(
            [
                name,
                f"{100 * r['p_cheapest']:.1f} ± {100 * r['p_cheapest_se']:.1f}",
                None if name == "none" else f"{100 * r['feasible_fraction']:.0f}",
                *(
                    None if name == "none" else float(r.get(f"{m}_{q}", float("nan")))
                    for q in ("p5", "p50", "p95", "mean")
                ),
            ]
        )
    sc = res.metadata["scenario"]
    names = list(res.inputs)
    shown = ", ".join(names[:6]) + (f", ... ({len(names) - 6} more)" if len(names) > 6 else "")
    corr = res.metadata.get("correlation")
    pairs = 0 if corr is None else sum(c != 0 for i, row in enumerate(corr) for c in row[:i])
    drawn = (
        ", independent"
        if not pairs
        else f" ({pairs} correlated {'pair' if pairs == 1 else 'pairs'})"
    )
    print(
        f"{sc['name']}: {res.n:,} samples of {len(res.inputs)} uncertain inputs{drawn}, seed "
        f"{args.seed}, {args.engine} engine, {elapsed:.2f} s\ninputs: {shown}\ncost: {m}"
    )
    print(
        table(["placement", "P(cheapest) %", "feasible %", "cost p5", "p50", "p95", "mean"], rows)
    )
    if args.output is not None:
        path = res.to_parquet(args.output)
        print(f"samples written to {path}")
    return 0
