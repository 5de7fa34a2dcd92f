"""Benchmark of the orbital placement: one 1 GW fleet, and 10,000 designs in one call.

Run: ``.venv/bin/python benchmarks/bench_orbital.py``
"""

from __future__ import annotations

import time

import numpy as np

from orbitcompute.placements.orbital import orbital_placement


def _best_of(fn, repeat: int = 5) -> float:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    orbital_placement(1000.0, 5)  # warm the catalog caches
    one = _best_of(lambda: orbital_placement(1000.0, 5, launches_per_year=300))
    n = 10_000
    rng = np.random.default_rng(0)
    kw = {
        "satellite_it_power_kw": rng.uniform(20.0, 500.0, n),
        "launch_price_usd_per_kg": rng.uniform(50.0, 2000.0, n),
        "junction_max_temperature_k": rng.uniform(330.0, 370.0, n),
        "launches_per_year": rng.uniform(100.0, 2000.0, n),
    }
    many = _best_of(lambda: orbital_placement(1000.0, 5, **kw), repeat=3)
    td = _best_of(
        lambda: orbital_placement(
            1000.0, 5, mode="top_down", specific_power_w_per_kg=rng.uniform(10, 200, n),
            cost_usd_per_w=rng.uniform(1, 30, n),
        ),
        repeat=3,
    )  # fmt: skip
    print(f"one 1 GW bottom-up fleet:        {one * 1e3:8.1f} ms")
    print(f"{n} bottom-up designs, one call: {many * 1e3:8.1f} ms")
    print(f"{n} top-down designs, one call:  {td * 1e3:8.1f} ms")
    print(f"per design vs one design (bottom-up): {many / n / one:.2e}")


if __name__ == "__main__":
    main()
