"""``orbitcompute eclipse``: sunlight and eclipse statistics of one orbit over a window."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "eclipse",
        help="sunlit fraction and eclipse durations of an orbit over a window",
        description="Eclipse statistics of a circular, sun-synchronous or geostationary "
        "orbit (methods: fast = vectorized J2 + conical shadow, analytic = beta-angle "
        "formula, skyfield = SGP4 + DE421 reference, offline).",
    )
    p.add_argument("--altitude-km", type=float, help="orbit altitude [km] (not with --geo)")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument(
        "--ltan-h", type=float, help="sun-synchronous, local time of ascending node [h]"
    )
    kind.add_argument("--inclination-deg", type=float, help="circular orbit inclination [deg]")
    kind.add_argument("--geo", action="store_true", help="geostationary orbit")
    p.add_argument("--raan-deg", type=float, help="RAAN with --inclination-deg [deg] (default 0)")
    p.add_argument("--days", type=float, default=365.0, help="window length [days] (default 365)")
    p.add_argument("--step-s", type=float, default=60.0, help="time step [s] (default 60)")
    p.add_argument(
        "--start",
        default="2026-01-01",
        help="window start and epoch (UTC date; default 2026-01-01)",
    )
    p.add_argument(
        "--method", choices=("fast", "analytic", "skyfield"), default="fast", help="default fast"
    )
    p.add_argument("--format", choices=("table", "json"), default="table", help="default table")
    return p


#: Arguments of Orbit and eclipse_summary, as this command's options spell them.
OPTIONS = {
    "altitude_km=": "--altitude-km=",
    "ltan_h=": "--ltan-h=",
    "inclination_deg=": "--inclination-deg=",
    "raan_deg=": "--raan-deg=",
    "days=": "--days=",
    "step_s=": "--step-s=",
    "epoch=": "--start=",
    "method=": "--method=",
}


def run(args: argparse.Namespace) -> int:
    from orbitcompute.cli import as_options
    from orbitcompute.errors import InputError

    try:
        return _run(args)
    except InputError as exc:
        # advice such as "use a larger step_s" names the option too
        raise as_options(exc, OPTIONS, advice=True) from None


def _run(args: argparse.Namespace) -> int:
    import numpy as np

    from orbitcompute.cli._format import table
    from orbitcompute.errors import InputError
    from orbitcompute.orbit import Orbit, eclipse_summary

    if args.raan_deg is not None and args.inclination_deg is None:
        # a sun-synchronous orbit's node follows from its LTAN; GEO's does not matter here
        raise InputError(
            f"--raan-deg={args.raan_deg:g}: only with --inclination-deg (--ltan-h sets the "
            "node of a sun-synchronous orbit)"
        )
    raan_deg = 0.0 if args.raan_deg is None else args.raan_deg
    if args.geo:
        if args.altitude_km is not None:
            raise InputError(
                f"--altitude-km={args.altitude_km:g}: not used with --geo (GEO is 35786 km)"
            )
        orbit = Orbit.geostationary(epoch=args.start)
        label = "geostationary"
    else:
        if args.altitude_km is None:
            raise InputError("--altitude-km: required with --ltan-h or --inclination-deg")
        if args.ltan_h is not None:
            orbit = Orbit.sun_synchronous(args.altitude_km, args.ltan_h, epoch=args.start)
            label = f"sun-synchronous {args.altitude_km:g} km, LTAN {args.ltan_h:g} h"
        else:
            orbit = Orbit.circular(
                args.altitude_km, args.inclination_deg, raan_deg, epoch=args.start
            )
            label = (
                f"circular {args.altitude_km:g} km, i {args.inclination_deg:g} deg, "
                f"RAAN {raan_deg:g} deg"
            )
    s = eclipse_summary(orbit, days=args.days, step_s=args.step_s, method=args.method)
    scalars = {k: float(np.asarray(v)) for k, v in s.items() if not k.startswith("profile_")}
    if args.format == "json":
        doc = {
            "orbit": label,
            "method": args.method,
            "start": str(orbit.epoch),
            "days": args.days,
            "step_s": args.step_s,
            "inclination_deg": float(np.asarray(orbit.inclination_deg)),
            **scalars,
            "profile": {
                "date": [str(d) for d in s["profile_date"]],
                "sunlit_fraction": np.asarray(s["profile_sunlit_fraction"]).tolist(),
                "longest_eclipse_min": np.asarray(s["profile_longest_eclipse_min"]).tolist(),
                "beta_deg": np.asarray(s["profile_beta_deg"]).tolist(),
            },
        }
        print(json.dumps(doc, indent=2))
        return 0
    print(f"{label}; {args.method} method, {args.days:g} days from {args.start}")
    # a window shorter than a year gives its own rate, not a year's count (GEO has
    # eclipses only in its two seasons)
    shown = {"eclipses_per_year": "eclipses_per_year (window rate)"}
    rows = [[shown.get(k, k), v] for k, v in scalars.items()]
    print(table(["metric", "value"], rows))
    return 0
