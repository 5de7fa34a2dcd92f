"""Uncertainty, sensitivity and scale-out sweeps of vectorized models.

- :mod:`~orbitcompute.analysis.distributions`: uniform, log-uniform, triangular, PERT,
  normal, lognormal inputs from spec dicts, scenario ``[uncertainty]`` tables or the catalog.
- :mod:`~orbitcompute.analysis.sampling`: random, Latin hypercube, rank correlation
  (Gaussian copula, Iman-Conover), full-factorial grids.
- :mod:`~orbitcompute.analysis.montecarlo`: Monte Carlo and sweeps, one vectorized
  model call per chunk; summaries and the probability each placement is cheapest.
- :mod:`~orbitcompute.analysis.sensitivity`: Sobol indices with SALib and a
  convergence warning.
- :mod:`~orbitcompute.analysis.engines`: ``engine="local"`` or ``"dask"``.
- :mod:`~orbitcompute.analysis.io`: Parquet with the run's spec in the metadata.
- :mod:`~orbitcompute.analysis.comparison`: the same, on a scenario's comparison.

Examples
--------
>>> from orbitcompute.analysis import monte_carlo
>>> r = monte_carlo(lambda p: {"y": p["a"] + p["b"]},
...                 {"a": {"dist": "triangular", "low": 0, "mode": 1, "high": 2},
...                  "b": {"dist": "normal", "mean": 3, "sd": 0.5}}, 20_000, seed=1)
>>> round(float(r.outputs["y"].mean()), 1)
4.0
"""

from __future__ import annotations

from orbitcompute.analysis.comparison import (
    ComparisonResult,
    NonFiniteCostWarning,
    monte_carlo_comparison,
    scenario_distributions,
    sobol_comparison,
)
from orbitcompute.analysis.distributions import (
    DISTRIBUTIONS,
    Distribution,
    as_distributions,
    from_catalog,
    from_spec,
)
from orbitcompute.analysis.engines import ENGINES, chunk_bounds, map_chunks
from orbitcompute.analysis.io import provenance, read_parquet, write_parquet
from orbitcompute.analysis.montecarlo import (
    RunResult,
    monte_carlo,
    probability_cheapest,
    summarize,
    sweep,
    wilson_interval,
)
from orbitcompute.analysis.sampling import full_factorial, latin_hypercube, sample
from orbitcompute.analysis.sensitivity import (
    OrbitcomputeWarning,
    SobolConvergenceWarning,
    SobolResult,
    sobol_indices,
)

__all__ = [
    "DISTRIBUTIONS",
    "ENGINES",
    "ComparisonResult",
    "Distribution",
    "NonFiniteCostWarning",
    "OrbitcomputeWarning",
    "RunResult",
    "SobolConvergenceWarning",
    "SobolResult",
    "as_distributions",
    "chunk_bounds",
    "from_catalog",
    "from_spec",
    "full_factorial",
    "latin_hypercube",
    "map_chunks",
    "monte_carlo",
    "monte_carlo_comparison",
    "probability_cheapest",
    "provenance",
    "read_parquet",
    "sample",
    "scenario_distributions",
    "sobol_comparison",
    "sobol_indices",
    "summarize",
    "sweep",
    "wilson_interval",
    "write_parquet",
]
