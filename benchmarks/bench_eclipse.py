"""Benchmark of the eclipse engine: fast vs skyfield per satellite-year, analytic sweeps.

Run: ``.venv/bin/python benchmarks/bench_eclipse.py [--skyfield-days 10]``.

skyfield is timed on a shorter window (default 10 days) and scaled linearly to a year
(its cost is linear in the number of steps), both with its default IAU 2000A nutation
(how a user would call it) and with the IAU 2000B speed-up the reference method uses.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

from orbitcompute.orbit import Orbit, eclipse_summary
from orbitcompute.orbit.skyfield_ref import _load, _times, earth_satellites


def _best(fn, repeat: int = 3) -> float:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--skyfield-days", type=float, default=10.0)
    ap.add_argument("--designs", type=int, default=10_000)
    args = ap.parse_args()
    warnings.filterwarnings("ignore", message="The file finals2000A.all has expired")
    step = 60.0
    n_year = int(365 * 86400 / step)
    orbit = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-01-01")

    fast_s = _best(lambda: eclipse_summary(orbit, days=365, step_s=step, method="fast"))
    print(f"fast      : 1 satellite-year, {n_year} steps of {step:g} s: {fast_s * 1e3:8.1f} ms")

    ts, eph = _load()
    sat = earth_satellites(orbit)[0]
    n_sky = int(args.skyfield_days * 86400 / step)
    offsets = np.arange(n_sky) * step
    scale = n_year / n_sky

    def sky(fast_nutation: bool) -> None:
        t = _times(ts, orbit.epoch, offsets, fast_nutation)
        sat.at(t).is_sunlit(eph)

    sky_a = _best(lambda: sky(False), repeat=1) * scale
    sky_b = _best(lambda: sky(True), repeat=2) * scale
    full_b = (
        _best(
            lambda: eclipse_summary(orbit, days=args.skyfield_days, step_s=step, method="skyfield"),
            repeat=1,
        )
        * scale
    )
    print(
        f"skyfield  : is_sunlit, IAU 2000A nutation (default): {sky_a:8.2f} s per satellite-year "
        f"(timed on {args.skyfield_days:g} days x {scale:.1f})"
    )
    print(f"skyfield  : is_sunlit, IAU 2000B nutation          : {sky_b:8.2f} s per satellite-year")
    print(
        f"skyfield  : eclipse_summary(method='skyfield')     : {full_b:8.2f} s per satellite-year"
    )
    print(f"ratio     : skyfield 2000A / fast = {sky_a / fast_s:7.0f}x   (goal >= 1000x)")
    print(f"ratio     : skyfield 2000B / fast = {sky_b / fast_s:7.0f}x")

    alts = np.linspace(400.0, 1500.0, args.designs)
    ltan = np.linspace(0.0, 23.9, args.designs)
    designs = Orbit.sun_synchronous(alts, ltan, epoch="2026-01-01")
    an_s = _best(lambda: eclipse_summary(designs, days=365, method="analytic"))
    print(f"analytic  : {args.designs} orbit designs x 365 days: {an_s:6.3f} s   (goal < 1 s)")


if __name__ == "__main__":
    main()
