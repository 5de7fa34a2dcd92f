"""Benchmark of the eclipse engine: fast vs skyfield per satellite-year, analytic sweeps.

Run: ``.venv/bin/python benchmarks/bench_eclipse.py [--skyfield-days 10] [--designs 10000]``.

Every timing is the best (minimum) of several repetitions with ``time.perf_counter``:
best of 5 for ``"fast"`` (a full year at 60 s steps, 525,600 samples) and for
``"analytic"``, best of 3 for skyfield. skyfield is timed on a shorter window (default
10 days) and scaled linearly to a year (x36.5: its cost is linear in the number of
steps), with its default IAU 2000A nutation (how a user would call ``is_sunlit``), with
the IAU 2000B speed-up that ``method="skyfield"`` uses, and through
``eclipse_summary(method="skyfield")``. The orbit is a 650 km dawn-dusk sun-synchronous
orbit from 2026-01-01 (eclipses from May to August). The load average is printed: on a
busy machine every number is slower, skyfield's most.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import warnings
from collections.abc import Callable

import numpy as np

from orbitcompute.orbit import Orbit, eclipse_summary
from orbitcompute.orbit.skyfield_ref import _load, _times, earth_satellites

STEP_S = 60.0
YEAR_DAYS = 365


def _best(fn: Callable[[], object], repeat: int) -> float:
    """Minimum wall time [s] of ``repeat`` calls of ``fn``."""
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
    import skyfield

    print(
        f"machine   : {platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.2f}; numpy {np.__version__}, skyfield {skyfield.__version__}"
    )
    n_year = int(YEAR_DAYS * 86400 / STEP_S)
    orbit = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-01-01")

    eclipse_summary(orbit, days=1, step_s=STEP_S, method="fast")  # warm-up (imports)
    fast_s = _best(
        lambda: eclipse_summary(orbit, days=YEAR_DAYS, step_s=STEP_S, method="fast"), repeat=5
    )
    print(
        f"fast      : 1 satellite-year, {n_year} steps of {STEP_S:g} s: "
        f"{fast_s * 1e3:8.1f} ms  (best of 5)"
    )

    ts, eph = _load()
    sat = earth_satellites(orbit)[0]
    n_sky = int(args.skyfield_days * 86400 / STEP_S)
    offsets = np.arange(n_sky) * STEP_S
    scale = n_year / n_sky

    def sky(fast_nutation: bool) -> None:
        t = _times(ts, orbit.epoch, offsets, fast_nutation)
        sat.at(t).is_sunlit(eph)

    sky(True)  # warm-up (ephemeris and timescale loading)
    sky_a = _best(lambda: sky(False), repeat=3) * scale
    sky_b = _best(lambda: sky(True), repeat=3) * scale
    full_b = (
        _best(
            lambda: eclipse_summary(
                orbit, days=args.skyfield_days, step_s=STEP_S, method="skyfield"
            ),
            repeat=3,
        )
        * scale
    )
    window = f"best of 3 on {args.skyfield_days:g} days, x{scale:.1f}"
    print(
        f"skyfield  : is_sunlit, IAU 2000A nutation (default): {sky_a:8.2f} s per "
        f"satellite-year ({window})"
    )
    per_year = "s per satellite-year"
    print(f"skyfield  : is_sunlit, IAU 2000B nutation          : {sky_b:8.2f} {per_year}")
    print(f"skyfield  : eclipse_summary(method='skyfield')     : {full_b:8.2f} {per_year}")
    print(f"ratio     : skyfield 2000A / fast = {sky_a / fast_s:7.0f}x   (goal >= 1000x)")
    print(f"ratio     : skyfield 2000B / fast = {sky_b / fast_s:7.0f}x")

    alts = np.linspace(400.0, 1500.0, args.designs)
    ltan = np.linspace(0.0, 23.9, args.designs)
    designs = Orbit.sun_synchronous(alts, ltan, epoch="2026-01-01")
    an_s = _best(lambda: eclipse_summary(designs, days=YEAR_DAYS, method="analytic"), repeat=5)
    print(
        f"analytic  : {args.designs} orbit designs x {YEAR_DAYS} days: {an_s:6.3f} s   "
        "(best of 5; goal < 1 s)"
    )


if __name__ == "__main__":
    main()
