"""Locate the reference data directory, in a checkout or an installed wheel."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def data_dir() -> Path:
    """Return the directory holding the CSV catalogs and ``scenarios/``.

    In a source checkout this is the top-level ``data/`` beside the package; in
    an installed wheel it is the ``orbitcompute.data`` package.
    """
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "sources.csv").is_file():
        return checkout
    installed = Path(str(resources.files("orbitcompute.data")))
    return installed
