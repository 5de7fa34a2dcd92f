"""orbitcompute: where should the next gigawatt of AI compute go?

Orbital and terrestrial placements of AI compute, compared on the same terms:
feasibility and the binding constraint, time to power, cost and levelized cost
of compute, physical footprint, and uncertainty.

Subpackages and modules are imported lazily, so ``import orbitcompute`` is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from orbitcompute.errors import InputError

__version__ = "0.1.0"
__all__ = ["InputError", "__version__"]

_LAZY = {
    "catalog",
    "constants",
    "orbit",
    "power",
    "thermal",
    "links",
    "launch",
    "hardware",
    "finance",
    "placements",
    "scenario",
    "compare",
    "analysis",
    "report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return import_module(f"orbitcompute.{name}")
    raise AttributeError(f"module 'orbitcompute' has no attribute {name!r}")
