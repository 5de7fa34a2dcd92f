"""Probability distributions of uncertain inputs, from spec dicts or the catalog.

A distribution is given as a small mapping, as in a scenario's ``[uncertainty]``
table::

    launch_price_usd_per_kg = {dist = "triangular", low = 50, mode = 200, high = 1000}

=============  ==============================================  ==========================
``dist``       keys                                            meaning
=============  ==============================================  ==========================
uniform        ``low``, ``high``                               flat on [low, high]
loguniform     ``low``, ``high`` (both > 0)                    flat in log x on [low, high]
triangular     ``low``, ``mode``, ``high``                     triangle, peak at mode
pert           ``low``, ``mode``, ``high`` [, ``lamb`` = 4]    beta-PERT
normal         ``mean``, ``sd``  or  ``low``, ``high``         low/high = 5th/95th pct
lognormal      ``median``, ``sigma``  or  ``low``, ``high``    sigma of ln x; low/high =
                                                               5th/95th percentiles
=============  ==============================================  ==========================

Optional documentation keys ``source_id`` and ``note`` are kept in the spec and
recorded with results. Every sample is drawn by the inverse CDF (``ppf``) of a
uniform number, so plain random, Latin hypercube and rank-correlated sampling
all share one path (:mod:`orbitcompute.analysis.sampling`).

A distribution must be representable in float64 over everything the samplers
can draw: its quantiles at the most extreme probabilities they produce,
``2**-54`` and ``1 - 2**-53`` (:data:`EXTREME_PROBABILITIES`), must be finite,
and for a lognormal or log-uniform also > 0. For a lognormal that is
``|ln median| + 8.29 sigma`` below about 709, e.g. ``sigma`` below about 86 for
a median of 1; a wider spec is an ``InputError`` naming its parameter rather
than samples of ``inf`` or ``0``.

References
----------
.. [1] Vose, D., "Risk Analysis: A Quantitative Guide", 3rd ed., Wiley, 2008,
   sections 9.1 (triangular), 9.2 (PERT: alpha = 1 + 4 (m - a) / (b - a),
   mean = (a + 4 m + b) / 6) and 9.3 (normal, lognormal).
.. [2] Malcolm, D. G., Roseboom, J. H., Clark, C. E., Fazar, W., "Application of
   a technique for research and development program evaluation", Operations
   Research 7(5), 646-669, 1959 (PERT).
.. [3] Hamming, R. W., "On the distribution of numbers", Bell System Technical
   Journal 49(8), 1609-1625, 1970 (the reciprocal, or log-uniform, density
   1 / (x ln(b / a)) on [a, b]; inverse CDF a (b / a)**u).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from orbitcompute._distspec import DISTRIBUTIONS, check_spec
from orbitcompute._distspec import DOC_KEYS as _DOC_KEYS
from orbitcompute._distspec import OPTIONAL_KEYS as _OPTIONAL
from orbitcompute._distspec import check_values as _check_values
from orbitcompute._distspec import spec_number as _num
from orbitcompute._validate import check_choice, short_repr
from orbitcompute.errors import InputError

__all__ = [
    "DISTRIBUTIONS",
    "EXTREME_PROBABILITIES",
    "Distribution",
    "as_distributions",
    "from_catalog",
    "from_spec",
]

#: The smallest and largest probabilities the samplers draw (the midpoints of the first
#: and last of 2**53 equal cells, the last rounded down to ``1 - 2**-53``): every
#: distribution's quantiles there must be finite.
EXTREME_PROBABILITIES = (2.0**-54, float(np.nextafter(1.0, 0.0)))

# z of the 95th percentile of the standard normal: low/high given as 5th/95th.
_Z95 = float(stats.norm.ppf(0.95))
# the smallest normal (full-precision) float64
_TINY = float(np.finfo(float).tiny)
# the canonical parameters a Distribution holds (after from_spec's conversion)
_CANONICAL = {
    "uniform": ("low", "high"),
    "loguniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "pert": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
}


@dataclass(frozen=True)
class Distribution:
    """One uncertain parameter: its distribution in canonical parameters.

    Build it with :func:`from_spec` or :func:`from_catalog`. Canonical
    parameters: uniform and loguniform (low, high); triangular and pert (low, mode, high [,
    lamb]); normal (mean, sd); lognormal (median, sigma). Built directly, it is checked
    as :func:`from_spec` checks a spec (an unknown kind, missing or unknown parameters,
    ``low >= high``, ``sd <= 0``, a spec too wide for float64, ... are an
    ``InputError``).

    Attributes
    ----------
    kind : str
        One of :data:`DISTRIBUTIONS`.
    params : Mapping[str, float]
        Canonical parameters, in the parameter's own unit.
    name : str
        Parameter name (for messages and metadata).
    spec : Mapping[str, Any]
        The spec as given (recorded with results).
    """

    kind: str
    params: Mapping[str, float]
    name: str = ""
    spec: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # the kind and parameters as checked (from_spec checks again only if they changed)
    _checked: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        label = str(self.name) if self.name else "distribution"
        params = _check_canonical(label, self.kind, self.params)
        object.__setattr__(self, "params", params)
        # name the spread parameter as the spec gave it (low/high for a normal given by
        # its percentiles), else as the canonical parameters do
        given: Mapping[str, float] = params
        if isinstance(self.spec, Mapping) and str(self.spec.get("dist", "")).lower() == self.kind:
            try:
                given = {
                    k: float(v) for k, v in self.spec.items() if k != "dist" and k not in _DOC_KEYS
                }
            except (TypeError, ValueError):
                given = params
        _check_representable(self, given or params)
        object.__setattr__(self, "_checked", _state(self))

    def frozen(self) -> Any:
        """The equivalent frozen :mod:`scipy.stats` distribution."""
        p = self.params
        if self.kind == "uniform":
            return stats.uniform(loc=p["low"], scale=p["high"] - p["low"])
        if self.kind == "loguniform":
            return stats.loguniform(p["low"], p["high"])
        if self.kind == "triangular":
            width = p["high"] - p["low"]
            return stats.triang(c=(p["mode"] - p["low"]) / width, loc=p["low"], scale=width)
        if self.kind == "pert":
            width = p["high"] - p["low"]
            lamb = p.get("lamb", 4.0)
            a = 1.0 + lamb * (p["mode"] - p["low"]) / width
            b = 1.0 + lamb * (p["high"] - p["mode"]) / width
            return stats.beta(a, b, loc=p["low"], scale=width)
        if self.kind == "normal":
            return stats.norm(loc=p["mean"], scale=p["sd"])
        # lognormal: ln x ~ N(ln median, sigma)
        return stats.lognorm(s=p["sigma"], scale=p["median"])

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Inverse CDF at probabilities ``u`` in (0, 1).

        Uniform, log-uniform ([3]_: ``low * (high / low)**u``) and triangular
        use their closed forms (a scipy frozen distribution costs about 1 ms to
        build, per input per chunk); the others go through scipy.stats. A test
        checks the closed forms against scipy.

        Raises
        ------
        InputError
            ``u`` not numbers, or outside [0, 1] (NaN included), or 0 or 1 where the
            quantile is infinite (0 and 1 for a normal, 1 for a lognormal).
        """
        p = self.params
        u = self._probabilities(u)
        if self.kind == "uniform":
            return p["low"] + u * (p["high"] - p["low"])
        if self.kind == "loguniform":
            return p["low"] * np.exp(u * math.log(p["high"] / p["low"]))
        if self.kind == "triangular":
            # Evans, Hastings & Peacock, Statistical Distributions (2000), ch. 40
            lo, mode, hi = p["low"], p["mode"], p["high"]
            width = hi - lo
            fc = (mode - lo) / width
            # the products of two lengths taken in units of 2**e (exact, and the same
            # bits wherever they stay normal): unscaled they underflowed for a width
            # below about 1e-146 (every sample at low or high) and overflowed above 1e154
            e = math.frexp(width)[1]
            w, w_left, w_right = (math.ldexp(x, -e) for x in (width, mode - lo, hi - mode))
            left = lo + np.ldexp(np.sqrt(u * w * w_left), e)
            right = hi - np.ldexp(np.sqrt((1.0 - u) * w * w_right), e)
            return np.where(u < fc, left, right)
        return np.asarray(self.frozen().ppf(u), dtype=float)

    def _probabilities(self, u: Any) -> np.ndarray:
        """``u`` as a float array after checking that every quantile there is finite."""
        a = np.asarray(u)
        if a.dtype.kind not in "fiu":
            raise InputError(f"u={short_repr(u)}: must be probabilities, numbers in [0, 1]")
        a = a.astype(float, copy=False)
        if a.size:
            lo, hi = float(a.min()), float(a.max())  # NaN propagates into both
            if not (lo >= 0.0 and hi <= 1.0):
                bad = a[~((a >= 0.0) & (a <= 1.0))].ravel()[0]
                raise InputError(f"u={bad:g}: must be a probability in [0, 1]")
            edge = 0.0 if lo == 0.0 and self.kind == "normal" else None
            if hi == 1.0 and self.kind in ("normal", "lognormal"):
                edge = 1.0
            if edge is not None:
                raise InputError(
                    f"u={edge:g}: the {self.kind} distribution{self._of()} has an infinite "
                    f"quantile at probability {edge:g}; u must be in (0, 1)"
                )
        return a

    def _of(self) -> str:
        return f" of {self.name}" if self.name else ""

    def _finite_moment(self, what: str, value: float) -> float:
        if math.isfinite(value):
            return value
        key = next(k for k in ("sigma", "sd", "high", "lamb") if k in self.params)
        hint = " (it is median * exp(sigma**2 / 2))" if what == "mean" else ""
        raise InputError(
            f"{self.name or 'distribution'}.{key}={self.params[key]:g}: the {what} of this "
            f"{self.kind} distribution{hint} is too large for float64 (above 1.8e308)"
        )

    def mean(self) -> float:
        """Analytic mean.

        Raises
        ------
        InputError
            If the mean is too large for float64 (a lognormal with a large ``sigma``).
        """
        with np.errstate(over="ignore", invalid="ignore"):
            value = float(self.frozen().mean())
        return self._finite_moment("mean", value)

    def std(self) -> float:
        """Analytic standard deviation.

        Raises
        ------
        InputError
            If it is too large for float64 (a lognormal with a large ``sigma``).
        """
        with np.errstate(over="ignore", invalid="ignore"):
            value = float(self.frozen().std())
        return self._finite_moment("standard deviation", value)

    def percentile(self, q: float) -> float:
        """The ``q``-th percentile (``q`` in percent).

        Raises
        ------
        InputError
            ``q`` not a number in [0, 100], or 0 or 100 where the percentile is
            infinite (a normal at both, a lognormal at 100).
        """
        if (
            isinstance(q, (bool, np.bool_))
            or not isinstance(q, numbers.Real)
            or not 0.0 <= float(q) <= 100.0
        ):
            raise InputError(f"q={q!r}: must be a number in [0, 100] (a percentage)")
        u = float(q) / 100.0
        self._probabilities(np.array([u]))
        return float(self.frozen().ppf(u))

    def to_spec(self) -> dict[str, Any]:
        """A JSON-able spec that :func:`from_spec` turns back into this distribution."""
        out: dict[str, Any] = {"dist": self.kind}
        out.update({k: float(v) for k, v in self.params.items()})
        for k in _DOC_KEYS:
            if k in self.spec:
                out[k] = self.spec[k]
        return out


def from_spec(spec: Mapping[str, Any] | Distribution, name: str = "x") -> Distribution:
    """Build a :class:`Distribution` from a spec mapping.

    Parameters
    ----------
    spec : Mapping or Distribution
        ``{"dist": "triangular", "low": 50, "mode": 200, "high": 1000}`` etc.;
        see the module docstring for each kind's keys. A Distribution is
        checked again and returned (renamed to ``name`` if it has none).
    name : str
        The parameter the distribution belongs to (named in error messages).

    Returns
    -------
    Distribution

    Raises
    ------
    InputError
        Unknown ``dist`` (with a did-you-mean), unknown or missing keys,
        ``low >= high``, ``mode`` outside [low, high], ``sd`` or ``sigma`` <= 0,
        lognormal or loguniform bounds <= 0, or a distribution so wide that a
        sample could overflow float64 (see the module docstring).

    Examples
    --------
    >>> d = from_spec({"dist": "pert", "low": 1, "mode": 2, "high": 9})
    >>> round(d.mean(), 6)  # (1 + 4*2 + 9) / 6
    3.0
    """
    if isinstance(spec, Distribution):
        if spec.name and spec._checked and spec._checked == _state(spec):
            return spec  # as checked when it was built
        # checked again: its params may have been changed in place since it was built
        return Distribution(spec.kind, dict(spec.params), spec.name or name, spec.spec)
    # the dist name, keys and numbers (also checked when a scenario is loaded)
    kind, chosen, v = check_spec(spec, name)
    if kind == "normal" and "sd" not in v:
        params = {"mean": 0.5 * (v["low"] + v["high"]), "sd": (v["high"] - v["low"]) / (2 * _Z95)}
    elif kind == "lognormal" and "sigma" not in v:
        product = v["low"] * v["high"]
        # the geometric mean; where low * high leaves float64's normal range (below
        # 2.2e-308 it lost digits or became 0, above 1.8e308 inf) from one root of each
        if _TINY <= product < math.inf:
            median = math.sqrt(product)
        else:
            median = math.sqrt(v["low"]) * math.sqrt(v["high"])
        params = {
            "median": median,
            "sigma": math.log(v["high"] / v["low"]) / (2 * _Z95),
        }
    else:
        params = {k: v[k] for k in (*chosen, *_OPTIONAL.get(kind, ())) if k in v}
    if not all(math.isfinite(x) for x in params.values()):  # e.g. high / low overflowed
        key = _spread_key(v)
        raise InputError(
            f"{name}.{key}={v[key]:g}: the {kind} distribution is too wide for float64: "
            f"its parameters {params} are not finite"
        )
    # the constructor checks that the spec is representable in float64 (naming the
    # spread parameter as the spec gives it)
    return Distribution(kind=kind, params=params, name=name, spec=dict(spec))


def _state(dist: Distribution) -> tuple[Any, ...]:
    """A Distribution's kind and parameters, to tell whether they changed since checked
    (``params`` is a dict, which a caller can change in place)."""
    try:
        return (dist.kind, tuple((k, float(v)) for k, v in dist.params.items()))
    except (AttributeError, TypeError, ValueError):
        return ()


def _check_canonical(label: str, kind: Any, params: Any) -> dict[str, float]:
    """Check a Distribution's kind and canonical parameters; return them as floats."""
    if not isinstance(kind, str) or kind not in DISTRIBUTIONS:
        check_choice(f"{label}.kind", kind, DISTRIBUTIONS)
    if not isinstance(params, Mapping):
        raise InputError(f"{label}.params={short_repr(params)}: must be a mapping {{name: number}}")
    need = _CANONICAL[kind]
    allowed = set(need) | set(_OPTIONAL.get(kind, ()))
    unknown = sorted(str(k) for k in params if k not in allowed)
    missing = [k for k in need if k not in params]
    if unknown or missing:
        raise InputError(
            f"{label}.params={short_repr(dict(params))}: a {kind} Distribution needs the "
            f"parameters {', '.join(need)}"
            + (f" (optional: {', '.join(_OPTIONAL[kind])})" if kind in _OPTIONAL else "")
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + (f"; missing: {', '.join(missing)}" if missing else "")
        )
    keys = (*need, *_OPTIONAL.get(kind, ()))
    return _check_values(label, kind, {k: _num(label, k, params[k]) for k in keys if k in params})


def _spread_key(given: Mapping[str, float]) -> str:
    """The parameter that sets a distribution's width, as given."""
    return next(k for k in ("sigma", "sd", "high", "low", "median", "mean") if k in given)


def _check_representable(dist: Distribution, given: Mapping[str, float]) -> None:
    """Raise if a quantile the samplers can reach is not finite (or not > 0 where
    the support is positive): the spec is too wide for float64."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        q = dist.ppf(np.array(EXTREME_PROBABILITIES))
    positive = dist.kind in ("lognormal", "loguniform")
    if np.all(np.isfinite(q)) and (not positive or q[0] > 0):
        return
    # the spread parameter, as the spec gave it
    key = _spread_key(given)
    val = given[key]
    hint = (
        "; |ln median| + 8.29 sigma must stay below about 709 (sigma < 86 for median 1)"
        if dist.kind == "lognormal"
        else ""
    )
    raise InputError(
        f"{dist.name or 'distribution'}.{key}={val:g}: the {dist.kind} distribution is too "
        "wide for float64: "
        f"its quantiles at probabilities 2**-54 and 1 - 2**-53, which sampling can "
        f"reach, are {q[0]:g} and {q[1]:g}; they must be finite"
        f"{' and > 0' if positive else ''}{hint}"
    )


def as_distributions(
    specs: Mapping[str, Mapping[str, Any] | Distribution],
) -> dict[str, Distribution]:
    """Turn ``{param: spec}`` into ``{param: Distribution}`` (order kept).

    Parameter names are strings: a key that is not one is converted with ``str``.

    Raises
    ------
    InputError
        If ``specs`` is empty, any spec is bad, or two keys give the same name
        (``1`` and ``"1"``).
    """
    if not isinstance(specs, Mapping) or not specs:
        raise InputError(
            f"distributions={specs!r}: must be a non-empty mapping "
            "{parameter: {dist = ..., ...}}"
        )
    check_unique_names("distributions", specs)
    return {str(k): from_spec(s, str(k)) for k, s in specs.items()}


def check_unique_names(name: str, mapping: Mapping[Any, Any]) -> None:
    """Refuse keys that become the same parameter name as strings (``1`` and ``"1"``)."""
    seen: dict[str, Any] = {}
    for k in mapping:
        key = str(k)
        if key in seen:
            raise InputError(
                f"{name}: keys {seen[key]!r} and {k!r} both name the parameter {key!r}; "
                "give each parameter once"
            )
        seen[key] = k


def from_catalog(kind: str, name: str, column: str, dist: str = "triangular") -> Distribution:
    """A distribution from a catalog column's ``x_low``, ``x`` and ``x_high``.

    Parameters
    ----------
    kind, name, column : str
        Catalog, entry and column, e.g. ``("accelerators", "h100_sxm", "price_usd")``;
        the bounds are read from ``<column>_low`` and ``<column>_high``.
    dist : {"triangular", "pert", "uniform", "loguniform", "normal", "lognormal"}
        triangular / pert use (low, x, high) as (low, mode, high); uniform and
        loguniform use (low, high); normal and lognormal read low and high as the 5th and
        95th percentiles (x is then not used).

    Raises
    ------
    InputError
        If the entry has no sourced bounds for that column.

    Examples
    --------
    >>> d = from_catalog("accelerators", "h100_sxm", "price_usd")
    >>> d.params["low"], d.params["mode"], d.params["high"]
    (25000.0, 27500.0, 30000.0)
    """
    from orbitcompute import catalog

    check_choice("dist", dist, DISTRIBUTIONS)
    rec = catalog.get(kind, name)
    x = rec[column]
    low = rec.data.get(f"{column}_low")
    high = rec.data.get(f"{column}_high")
    if low is None or high is None:
        raise InputError(
            f"{kind}[{name!r}].{column}: the catalog has no {column}_low/{column}_high "
            "bounds; give the distribution explicitly"
        )
    label = f"{kind}.{name}.{column}"
    if dist in ("triangular", "pert"):
        if x is None:
            raise InputError(f"{label}: the catalog value is empty; use dist='uniform'")
        spec = {"dist": dist, "low": low, "mode": x, "high": high}
    else:
        spec = {"dist": dist, "low": low, "high": high}
    spec["source_id"] = ";".join(rec.source_ids)
    return from_spec(spec, label)
