"""Whole counts (launches, satellites, accelerators) rounded without float noise.

A count computed in floating point (``mass / capacity``, a long cumulative sum) may land
a few ulps beside a whole number: ``3.0000000000000004`` must round up to 3, not 4. The
rounding here allows a slack of ``ROUND_TOL * x`` (a long chain of float operations, e.g.
a 1000-year cumulative sum, can drift by ~1e-13 relative), but at most ``ROUND_ATOL`` of
a unit, so that a count above 1e9 never loses a real fraction of a unit to it (a purely
relative slack of 1e-12 would swallow a whole unit above 1e12). Below
``ROUND_ATOL / ROUND_TOL = 1e9`` the cap does not act.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ROUND_ATOL", "ROUND_TOL", "ceil_count", "floor_count"]

#: Relative slack of the rounding [-].
ROUND_TOL = 1e-12
#: Largest slack, in units of the count [-].
ROUND_ATOL = 1e-3


def ceil_count(x: np.ndarray) -> np.ndarray:
    """Ceiling of a count >= 0 that ignores float noise (slack: see the module docstring)."""
    return np.ceil(np.maximum(x * (1.0 - ROUND_TOL), x - ROUND_ATOL))


def floor_count(x: np.ndarray) -> np.ndarray:
    """Floor of a count >= 0 that ignores float noise (slack: see the module docstring)."""
    return np.floor(np.minimum(x * (1.0 + ROUND_TOL), x + ROUND_ATOL))
