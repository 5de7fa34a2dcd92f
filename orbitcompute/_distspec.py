"""Distribution specs checked without scipy: names, keys and numbers.

A spec such as ``{dist = "triangular", low = 50, mode = 200, high = 1000}`` is
checked here for its ``dist`` name, its keys and the order of its numbers, the
checks that need no probability function. :func:`orbitcompute.analysis.distributions.from_spec`
runs them before it builds a distribution, and :func:`orbitcompute.scenario.parse` runs
them on a scenario's ``[uncertainty]`` table, so that ``orbitcompute compare`` refuses a
broken spec with the same message as ``orbitcompute sweep`` without importing
scipy.stats (about 1.5 s) at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orbitcompute._validate import as_float_array, did_you_mean, short_repr
from orbitcompute.errors import InputError

__all__ = ["DISTRIBUTIONS", "DOC_KEYS", "OPTIONAL_KEYS", "SPEC_KEYS", "check_spec", "check_values"]

#: Names accepted as ``dist``.
DISTRIBUTIONS = ("uniform", "loguniform", "triangular", "pert", "normal", "lognormal")
#: Documentation keys a spec may carry besides its numbers.
DOC_KEYS = ("source_id", "note")
#: The keys of each kind: alternative spellings, each a tuple of required keys (plus
#: the optional ones of :data:`OPTIONAL_KEYS`).
SPEC_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "uniform": (("low", "high"),),
    "loguniform": (("low", "high"),),
    "triangular": (("low", "mode", "high"),),
    "pert": (("low", "mode", "high"),),
    "normal": (("mean", "sd"), ("low", "high")),
    "lognormal": (("median", "sigma"), ("low", "high")),
}
#: Optional keys by kind.
OPTIONAL_KEYS = {"pert": ("lamb",)}
#: Largest PERT ``lamb``: the Beta's variance ``a b / ((a + b)**2 (a + b + 1))``, with
#: ``a + b = 2 + lamb``, overflows float64 in its denominator above about 5e102 (scipy
#: then returns a standard deviation of 0, and NaN above 1e154).
MAX_PERT_LAMB = 1e100


def spec_number(where: str, key: str, v: Any) -> float:
    """One number of a spec (``where.key`` in the message): not a boolean, finite, scalar."""
    if isinstance(v, (bool, str, bytes)) or v is None:
        # not "a number or an array of numbers" (as_float_array's words): one number
        raise InputError(f"{where}.{key}={v!r}: must be a number")
    arr = as_float_array(f"{where}.{key}", v)
    if arr.ndim != 0:
        raise InputError(f"{where}.{key}={v!r}: must be a single number")
    return float(arr)


def check_values(label: str, kind: str, v: dict[str, float]) -> dict[str, float]:
    """Check a spec's or a Distribution's numbers against each other; return them.

    ``low < high``, ``mode`` within them, spreads and medians > 0, and ``low > 0`` for
    the two logarithmic kinds.
    """
    if "low" in v and "high" in v and not v["low"] < v["high"]:
        raise InputError(f"{label}: low={v['low']:g}, high={v['high']:g}: low must be below high")
    if "mode" in v and not v["low"] <= v["mode"] <= v["high"]:
        raise InputError(f"{label}.mode={v['mode']:g}: must be in [{v['low']:g}, {v['high']:g}]")
    for k in ("sd", "sigma", "lamb", "median"):
        if k in v and not v[k] > 0:
            raise InputError(f"{label}.{k}={v[k]:g}: must be > 0")
    if "lamb" in v and not v["lamb"] <= MAX_PERT_LAMB:
        raise InputError(
            f"{label}.lamb={v['lamb']:g}: must be <= {MAX_PERT_LAMB:g} (4 is the classic "
            "PERT): the Beta's shape parameters 1 + lamb (mode - low) / (high - low) and "
            "1 + lamb (high - mode) / (high - low) would overflow float64 in its moments"
        )
    if kind in ("lognormal", "loguniform") and "low" in v and not v["low"] > 0:
        raise InputError(f"{label}.low={v['low']:g}: a {kind} distribution needs low > 0")
    return v


def check_spec(spec: Any, name: str = "x") -> tuple[str, tuple[str, ...], dict[str, float]]:
    """Check a spec mapping; return its kind, the keys it is given by, and its numbers.

    Parameters
    ----------
    spec : Mapping
        ``{"dist": "triangular", "low": 50, "mode": 200, "high": 1000}`` etc.
    name : str
        The parameter the distribution belongs to (named in error messages).

    Returns
    -------
    kind : str
        One of :data:`DISTRIBUTIONS` (``dist`` in lower case).
    chosen : tuple of str
        The spelling of :data:`SPEC_KEYS` the spec uses (``("low", "high")`` for a
        normal given by its 5th and 95th percentiles).
    values : dict[str, float]
        Its numbers by key, documentation keys left out.

    Raises
    ------
    InputError
        Not a mapping, no or an unknown ``dist`` (with a did-you-mean), unknown or
        missing keys, a number that is none, ``low >= high``, ``mode`` outside
        [low, high], ``sd``, ``sigma``, ``lamb`` or ``median`` <= 0, ``lamb`` above
        :data:`MAX_PERT_LAMB`, or lognormal or loguniform bounds <= 0.

    Examples
    --------
    >>> check_spec({"dist": "Uniform", "low": 1, "high": 2}, "a")
    ('uniform', ('low', 'high'), {'low': 1.0, 'high': 2.0})
    """
    if not isinstance(spec, Mapping):
        raise InputError(
            f"{name}={spec!r}: a distribution must be a table like "
            "{dist = 'triangular', low = ..., mode = ..., high = ...}"
        )
    if "dist" not in spec:
        raise InputError(
            f"{name}: distribution spec {dict(spec)!r} has no 'dist' key; "
            f"one of {', '.join(DISTRIBUTIONS)}"
        )
    raw = spec["dist"]
    kind = raw.lower() if isinstance(raw, str) else None
    if kind not in DISTRIBUTIONS:
        # the value as given (not str(None).lower(), which read as the text 'none')
        raise InputError(
            f"{name}.dist={short_repr(raw)}: must be one of {', '.join(map(repr, DISTRIBUTIONS))}"
            f"{did_you_mean(kind, DISTRIBUTIONS) if kind is not None else ''}"
        )
    given = {k for k in spec if k != "dist" and k not in DOC_KEYS}
    optional = OPTIONAL_KEYS.get(kind, ())
    allowed = set().union(*SPEC_KEYS[kind]) | set(optional)
    for k in sorted(given - allowed):
        raise InputError(
            f"{name}.{k}: unknown key for a {kind} distribution; allowed: "
            f"{', '.join(sorted(allowed))}{did_you_mean(k, allowed)}"
        )
    chosen = next((alt for alt in SPEC_KEYS[kind] if set(alt) <= given), None)
    if chosen is None or (given - set(chosen) - set(optional)):
        alts = " or ".join("(" + ", ".join(a) + ")" for a in SPEC_KEYS[kind])
        raise InputError(
            f"{name}: a {kind} distribution needs the keys {alts}; got "
            f"{', '.join(sorted(given)) or 'none'}"
        )
    # in the order of the spec (a set's order changes from run to run)
    numbers = {k: spec_number(name, k, v) for k, v in spec.items() if k in given}
    return kind, chosen, check_values(name, kind, numbers)
