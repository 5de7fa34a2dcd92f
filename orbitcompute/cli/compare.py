"""``orbitcompute compare [SCENARIO]``: the gigawatt comparison table."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orbitcompute.errors import InputError

FORMATS = ("table", "csv", "json")
#: The parameter ``--breakeven`` scans when given without one: a launch price, which
#: only orbital placements have.
DEFAULT_BREAKEVEN = "launch_price_usd_per_kg"
#: Parameters of a terrestrial placement suggested for ``--breakeven PARAM`` instead.
TERRESTRIAL_BREAKEVEN = ("facility_capex_usd_per_mw", "electricity_price_usd_per_mwh")
#: File name endings that imply a format; any other name takes --format (default table).
SUFFIX_FORMATS = {".csv": "csv", ".json": "json"}
#: Endings of a binary format this command does not write (``sweep --output`` writes
#: Parquet): text under such a name would not open as what it says it is.
REFUSED_SUFFIXES = {".parquet": "Parquet", ".pq": "Parquet"}


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "compare",
        help="compare the placements of a scenario (default: the gigawatt scenario)",
        description="Evaluate every candidate placement of a scenario and print one table: "
        "feasibility and the binding constraint, time to power, cost and levelized cost of "
        "compute, mass to orbit, land, water and CO2.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        default="gigawatt",
        help="shipped scenario name or path to a TOML file (default: gigawatt)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="default: csv or json when the --output name ends in .csv or .json, else table",
    )
    p.add_argument(
        "--output",
        metavar="FILE",
        help="write the result to FILE instead of stdout; a name ending in .csv or .json "
        "sets the format (--format, if given, must agree with it); not a .parquet or .pq "
        "name (Parquet is what sweep writes)",
    )
    p.add_argument(
        "--breakeven",
        metavar="PARAM",
        nargs="?",
        const=DEFAULT_BREAKEVEN,
        help=f"value of PARAM (default {DEFAULT_BREAKEVEN}) at which each orbital "
        "placement matches the cheapest feasible terrestrial one",
    )
    p.add_argument(
        "--tornado",
        action="store_true",
        help="one-at-a-time sensitivity of each orbital placement (scenario [tornado])",
    )
    p.add_argument(
        "--bounds",
        nargs=2,
        type=float,
        metavar=("LOW", "HIGH"),
        help="with --breakeven: the range scanned (default 0.001-0.999 for a share such as "
        "a fraction or a rate, else 100x either side of the value the placement uses: set in "
        "the scenario, else its catalog default, e.g. 5-50000 USD/kg for Starship's launch "
        "price; needed when that value is 0 or has no limit)",
    )
    p.add_argument("--placement", help="with --breakeven/--tornado: only this placement")
    p.add_argument("--against", help="with --breakeven: compare against this placement")
    return p


def _check_options(args: argparse.Namespace) -> None:
    """Options that only make sense with another one, or that are empty."""
    from orbitcompute.cli import as_options
    from orbitcompute.compare import _check_two_placements
    from orbitcompute.errors import InputError

    for opt in ("breakeven", "placement", "against"):
        value = getattr(args, opt)
        if value is not None and not value.strip():
            raise InputError(f"--{opt}={value!r}: must be a name")
    if args.breakeven is None:
        for opt in ("against", "bounds"):
            if getattr(args, opt) is not None:
                raise InputError(f"--{opt}: only with --breakeven")
    if args.placement is not None and args.breakeven is None and not args.tornado:
        raise InputError("--placement: only with --breakeven or --tornado")
    if args.placement is not None:
        try:  # breakeven's own check, before the scenario is evaluated
            _check_two_placements(args.placement, args.against)
        except InputError as exc:
            raise as_options(
                exc, {"against=": "--against=", "placement=": "--placement="}
            ) from None


def default_breakeven_error(kinds: Mapping[str, str], parameter: str) -> InputError | None:
    """The error for ``--breakeven``'s default parameter (a launch price) on a terrestrial
    placement, which has none: it says so and names parameters to scan instead.

    Parameters
    ----------
    kinds : Mapping[str, str]
        ``{placement: kind}`` of the placements to scan (``--placement``).
    parameter : str
        The parameter of ``--breakeven``.

    Returns
    -------
    InputError or None
        None when ``parameter`` is another one, or every placement is orbital.
    """
    from orbitcompute.errors import InputError

    terrestrial = [name for name, kind in kinds.items() if kind == "terrestrial"]
    if parameter != DEFAULT_BREAKEVEN or not terrestrial:
        return None
    instead = " or ".join(f"--breakeven {p}" for p in TERRESTRIAL_BREAKEVEN)
    return InputError(
        f"--breakeven={parameter!r}: the default break-even parameter, a launch price, "
        f"applies to orbital placements only, and --placement {terrestrial[0]} is "
        f"terrestrial; --breakeven PARAM scans another parameter, e.g. {instead}"
    )


def no_breakeven_line(scanned: Sequence[str], against: str, against_given: bool) -> str:
    """The line said when no placement is left to scan against ``against``.

    ``scanned`` are the placements to scan (the orbital ones, or ``--placement``);
    each but ``against`` gets a break-even, so this is for none or ``against`` alone.
    """
    versus = "--against" if against_given else "the cheapest feasible terrestrial placement"
    if not scanned:
        return (
            f"break-even: no orbital placement to compare with {against} ({versus}); "
            "--placement NAME --breakeven PARAM scans a terrestrial one"
        )
    if against_given:
        return (
            f"break-even: {against}, the placement compared against (--against), is the only "
            "one to scan; --placement NAME scans another one"
        )
    return (
        f"break-even: --placement {against} is {versus}, the one it would be compared "
        "against; --against NAME compares it with another placement"
    )


def output_format(fmt: str | None, output: str | None) -> str:
    """The format written: ``--format``, else the one the ``--output`` name implies.

    Raises
    ------
    InputError
        ``--format`` and the file name disagree (``--format csv --output x.json``,
        or the default table into ``x.csv``), or the name says Parquet
        (:data:`REFUSED_SUFFIXES`).
    """
    from pathlib import Path

    from orbitcompute.errors import InputError

    suffix = "" if output is None else Path(output).suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise InputError(
            f"--output={output!r}: the name says {REFUSED_SUFFIXES[suffix]}, which compare "
            "does not write; use a name ending in .csv or .json, or another name for the "
            "table (sweep --output writes Parquet)"
        )
    implied = SUFFIX_FORMATS.get(suffix)
    if fmt is not None and implied is not None and fmt != implied:
        other = [k for k, v in SUFFIX_FORMATS.items() if v == fmt]
        name = f"ending in {' or '.join(other)}" if other else "not ending in .csv or .json"
        raise InputError(
            f"--output={output!r}: the name says {implied} but --format is {fmt}; "
            f"use --format {implied} or a file name {name}"
        )
    return fmt or implied or "table"


def run(args: argparse.Namespace) -> int:
    from orbitcompute import compare as cmp
    from orbitcompute._validate import check_output_path
    from orbitcompute.cli import as_options
    from orbitcompute.cli._format import number
    from orbitcompute.errors import InputError
    from orbitcompute.scenario import load

    _check_options(args)
    if args.output is not None:
        check_output_path("--output", args.output)
    fmt = output_format(args.format, args.output)
    sc = load(args.scenario)
    for opt in ("placement", "against"):  # named placements, before the comparison runs
        name = getattr(args, opt)
        if name is not None:
            try:
                sc.candidate(name)
            except InputError as exc:
                raise as_options(exc, {"placement=": f"--{opt}="}) from None
    if args.breakeven is not None and args.placement is not None:
        kinds = {args.placement: sc.candidate(args.placement).kind}
        err = default_breakeven_error(kinds, args.breakeven)
        if err is not None:  # before the comparison runs
            raise err
    result = cmp.compare(sc)
    if fmt == "json":
        text = result.to_json()
    elif fmt == "csv":
        text = result.to_csv()
    else:
        text = result.to_table()

    extra: list[str] = []
    orbital = [c.name for c in sc.candidates if c.kind == "orbital"]
    if args.placement is not None:
        orbital = [args.placement]
    if args.breakeven is not None:
        s = result.summary
        terr = s[(s["kind"] == "terrestrial") & s["feasible"].astype(bool)]
        against = args.against
        if against is None and not terr.empty:
            against = terr["lcoc_usd_per_accelerator_hour"].astype(float).idxmin()
        if against is None:
            extra.append("break-even: no feasible terrestrial placement to compare against")
        else:
            others = [name for name in orbital if name != against]
            if not others:
                extra.append(no_breakeven_line(orbital, against, args.against is not None))
            for name in others:  # --against itself would only match itself
                try:
                    be = cmp.breakeven(
                        sc, name, against, parameter=args.breakeven, bounds=args.bounds
                    )
                except InputError as exc:
                    # a parameter without a default scan asks for the option, not the argument
                    exc = InputError(str(exc).replace("bounds=(low, high)", "--bounds LOW HIGH"))
                    raise as_options(
                        exc, {"bounds=": "--bounds ", "parameter=": "--breakeven="}
                    ) from None
                extra.append(f"break-even {name} vs {against}: {be['message']}")
    if args.tornado:
        if not orbital:  # said, as --breakeven says it, not silently nothing
            extra.append("tornado: no orbital placement (--placement NAME runs it for another one)")
        for name in orbital:
            if not cmp.tornado_ranges(sc, name):
                extra.append(f"tornado {name}: no [tornado] ranges apply")
                continue
            df = cmp.tornado(sc, name)
            base = float(df["base"].iloc[0])
            if math.isnan(base):  # the placement at its own values delivers nothing
                binding = result.summary.loc[name, "binding_constraint"]
                shown = f"n/a, nothing delivered (binding: {binding})"
            else:
                shown = number(base)
            extra.append(f"tornado {name} (lcoc_usd_per_accelerator_hour, base {shown}):")
            for _, r in df.iterrows():
                # an end where the metric is undefined reads n/a, and the note says why
                # in place of the swing
                # (number: 50,000 beside 2,000, not 5e+04; 1e-07 where positional
                # would need more digits than the value has)
                lo, hi = (number(v).rjust(9) for v in (r["metric_low"], r["metric_high"]))
                tail = f"swing {number(r['swing'])}" if not r["note"] else r["note"]
                extra.append(
                    f"  {r['parameter']:<36} {number(r['low']):>10} -> {lo}   "
                    f"{number(r['high']):>10} -> {hi}   {tail}"
                )
    if extra and fmt == "table":
        text = text + "\n\n" + "\n".join(extra)
    elif extra:
        sys.stderr.write("\n".join(extra) + "\n")
    if args.output is not None:
        try:
            with open(args.output, "w") as fh:
                fh.write(text + ("\n" if not text.endswith("\n") else ""))
        except OSError as exc:
            raise InputError(f"--output={args.output!r}: cannot write the file: {exc}") from exc
    else:
        print(text)
    return 0
