"""Sample designs: random, Latin hypercube, rank correlation, factorial grids.

Every sampler produces uniform numbers in the open interval (0, 1) first and
maps them through each parameter's inverse CDF, so independent random
sampling, Latin hypercube sampling and rank-correlated sampling share one path::

    uniform (n, d)  ->  [Iman-Conover rank reordering]  ->  ppf per column

Rank correlation follows Iman & Conover [1]_: each column of the uniform matrix
is reordered to the ranks of a matrix of normal scores that has the target
correlation. The reordering is a permutation, so the marginals (and a Latin
hypercube's stratification) are kept exactly. The target is a Spearman rank
correlation; it is converted to the Pearson correlation of the normal scores
with ``rho_p = 2 sin(pi rho_s / 6)`` (Pearson [2]_; Kruskal [3]_), which makes
the achieved rank correlation match the target as n grows (a Gaussian copula;
for n = 2,000 the mean over 40 seeds was within 0.0006 of targets from -0.9 to
0.95; without the conversion it would be ``(6 / pi) asin(rho_s / 2)``, up to
0.018 closer to 0 than the target, at ``|rho_s|`` = 0.6).

References
----------
.. [1] Iman, R. L., Conover, W. J., "A distribution-free approach to inducing
   rank correlation among input variables", Communications in Statistics -
   Simulation and Computation 11(3), 311-334, 1982.
.. [2] Pearson, K., "On further methods of determining correlation", Drapers'
   Company Research Memoirs, Biometric Series IV, 1907.
.. [3] Kruskal, W. H., "Ordinal measures of association", Journal of the
   American Statistical Association 53(284), 814-861, 1958, eq. (5.4).
.. [4] McKay, M. D., Beckman, R. J., Conover, W. J., "A comparison of three
   methods for selecting values of input variables in the analysis of output
   from a computer code", Technometrics 21(2), 239-245, 1979 (Latin hypercube).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import special

from orbitcompute._validate import (
    as_float_array,
    check_choice,
    did_you_mean,
    guarded,
    short_repr,
)
from orbitcompute.analysis.distributions import (
    EXTREME_PROBABILITIES,
    Distribution,
    as_distributions,
    check_unique_names,
)
from orbitcompute.errors import InputError

__all__ = [
    "METHODS",
    "full_factorial",
    "iman_conover",
    "latin_hypercube",
    "open_uniform",
    "rank_to_normal_correlation",
    "sample",
    "sample_uniform",
    "validate_correlation",
]

#: Sampling methods of :func:`sample`.
METHODS = ("random", "lhs")

#: The smallest and largest probabilities a sampler draws, ``2**-54`` and ``1 - 2**-53``.
_ABOVE_ZERO, _BELOW_ONE = EXTREME_PROBABILITIES
#: Largest smallest eigenvalue of the permuted scores' correlation treated as singular.
#: Singular ones (two columns equal or reversed, or linearly dependent) come out below
#: 1e-15; the smallest non-singular ones seen, for n = d + 2 up to d = 10, above 4e-8.
_SINGULAR_EIGENVALUE = 1e-10
#: Draws of the permuted scores before a singular correlation is an InputError.
_MAX_SCORE_DRAWS = 1000


def _check_rng(rng: Any) -> None:
    # duck-typed (random and permuted), so that a test double can stand in
    if not (hasattr(rng, "random") and hasattr(rng, "permuted")):
        raise InputError(f"rng={short_repr(rng)}: must be a numpy.random.Generator")


def _check_shape(shape: Any) -> tuple[int, ...]:
    dims = (shape,) if isinstance(shape, (int, np.integer)) else shape
    try:
        dims = tuple(dims)
    except TypeError:
        dims = None
    if dims is None or not all(
        isinstance(k, (int, np.integer)) and not isinstance(k, (bool, np.bool_)) and k >= 0
        for k in dims
    ):
        raise InputError(f"shape={short_repr(shape)}: must be a tuple of whole numbers >= 0")
    return tuple(int(k) for k in dims)


@guarded("the uniform numbers")
def open_uniform(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Uniform numbers strictly inside (0, 1) (never 0 or 1, so every ppf is finite).

    ``(k + 1/2) / 2**53`` for a random 53-bit integer ``k``: the midpoints of
    2**53 equal cells, rounded to the nearest double. ``Generator.random`` returns
    ``k / 2**53``; adding ``2**-54`` moves it to the midpoint, exactly below 1/2.
    In [1/2, 1), where doubles are ``2**-53`` apart, a midpoint lies half-way
    between two doubles and rounds to the even one: cells ``2j - 1`` and ``2j``
    both give ``2j / 2**53``, the point between their midpoints, so the numbers
    stay uniform there (on a grid of step ``2**-52``) with the same mean. The top
    midpoint, ``1 - 2**-54``, would round to exactly 1; it is stored as
    ``1 - 2**-53``.

    Parameters
    ----------
    rng : numpy.random.Generator
        The random stream (one ``Generator.random`` call).
    shape : int or tuple of int
        Shape of the result.

    Returns
    -------
    ndarray
        Numbers in ``[2**-54, 1 - 2**-53]``.

    Raises
    ------
    InputError
        ``rng`` not a numpy Generator, or ``shape`` not whole numbers >= 0.
    """
    _check_rng(rng)
    u = rng.random(_check_shape(shape))
    u += 2.0**-54
    return np.minimum(u, _BELOW_ONE, out=u)


@guarded("the uniform numbers")
def sample_uniform(n: int, d: int, rng: np.random.Generator, method: str = "random") -> np.ndarray:
    """An (n, d) matrix of uniform numbers in (0, 1), random or Latin hypercube.

    A Latin hypercube [4]_ puts exactly one sample in each of the ``n``
    equal-probability strata of every column: ``(k + u) / n`` for a permutation
    ``k`` of ``0 .. n-1`` and ``u`` of :func:`open_uniform`. The values stay within
    :data:`~orbitcompute.analysis.distributions.EXTREME_PROBABILITIES`, the
    probabilities at which every distribution is checked to have a finite quantile:
    in the bottom stratum ``u / n`` can fall below ``2**-54`` (for ``u`` within
    ``n * 2**-54`` of 0, a chance of about ``n * 2**-54`` per column) and is raised
    to ``2**-54``, still inside the stratum; in the top one ``(n - 1 + u) / n`` can
    round to 1 and is lowered to ``1 - 2**-53``.

    Parameters
    ----------
    n, d : int
        Number of samples and of parameters (columns), each >= 1.
    rng : numpy.random.Generator
        The random stream.
    method : {"random", "lhs"}
        Independent uniform numbers (:func:`open_uniform`) or a Latin hypercube
        (one permutation per column, drawn first, then the positions within strata).

    Returns
    -------
    ndarray (n, d)
        Numbers in ``[2**-54, 1 - 2**-53]``.

    Raises
    ------
    InputError
        ``n`` or ``d`` not a whole number >= 1, ``rng`` not a numpy Generator, or
        an unknown ``method``.
    """
    n = _check_count("n", n)
    d = _check_count("d", d)
    _check_rng(rng)
    check_choice("method", method, METHODS)
    if method == "random":
        return open_uniform(rng, (n, d))
    strata = rng.permuted(np.tile(np.arange(n, dtype=float)[:, None], (1, d)), axis=0)
    strata += open_uniform(rng, (n, d))
    strata /= n
    # u / n can fall below 2**-54, where a distribution's quantile is not checked (a
    # wide lognormal's underflows to 0); (n - 1 + u) rounds to n when u is within half
    # an ulp of n below 1: stay inside both
    return np.clip(strata, _ABOVE_ZERO, _BELOW_ONE, out=strata)


@guarded("the normal-score correlation")
def rank_to_normal_correlation(rank_corr: np.ndarray) -> np.ndarray:
    """Pearson correlation of normal scores giving a Spearman rank correlation [2]_ [3]_.

    ``rho_p = 2 sin(pi rho_s / 6)``, the inverse of ``rho_s = (6 / pi) asin(rho_p / 2)``,
    Spearman's correlation of a bivariate normal with correlation ``rho_p``.

    Parameters
    ----------
    rank_corr : array_like
        Spearman rank correlations, each in [-1, 1] (a matrix is converted entry by
        entry; its unit diagonal stays 1 up to rounding).

    Returns
    -------
    ndarray
        Pearson correlations of the normal scores, the shape of ``rank_corr``.

    Raises
    ------
    InputError
        ``rank_corr`` not numbers, or outside [-1, 1].
    """
    rho = as_float_array("rank_corr", rank_corr)
    if np.any(np.abs(rho) > 1.0):
        bad = rho[np.abs(rho) > 1.0].ravel()[0]
        raise InputError(f"rank_corr={bad:g}: a rank correlation must be in [-1, 1]")
    return 2.0 * np.sin(np.pi * rho / 6.0)


def validate_correlation(
    correlation: Any, names: Sequence[str], tol: float = 1e-10
) -> np.ndarray | None:
    """Return a (d, d) rank-correlation matrix after checking it.

    Parameters
    ----------
    correlation : None, array_like (d, d), or Mapping[(str, str), float]
        A full matrix in the order of ``names``, or pairs
        ``{("launch_price_usd_per_kg", "array_w_per_kg"): -0.5}`` (the rest 0).
    names : sequence of str
        Parameter names, in sampling order.
    tol : float
        Absolute tolerance (>= 0) of the symmetry and unit-diagonal checks.

    Raises
    ------
    InputError
        Wrong shape, not symmetric, diagonal not 1, entries outside [-1, 1],
        unknown names, a pair given twice (``(a, b)`` and ``(b, a)``), not
        positive semi-definite, ``names`` one string, or a bad ``tol``.
    """
    if (
        isinstance(tol, (bool, np.bool_))
        or not isinstance(tol, numbers.Real)
        or not math.isfinite(tol)
        or tol < 0
    ):
        raise InputError(f"tol={tol!r}: must be a finite number >= 0")
    if isinstance(names, (str, bytes)):
        raise InputError(f"names={names!r}: must be a list of parameter names, not one string")
    names = list(names)
    if correlation is None:
        return None
    d = len(names)
    if isinstance(correlation, Mapping):
        c = np.eye(d)
        index = {n: i for i, n in enumerate(names)}
        seen: dict[frozenset, tuple[Any, Any]] = {}
        for key, rho in correlation.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InputError(f"correlation key {key!r}: must be a pair (name_a, name_b)")
            for k in key:
                if k not in index:
                    raise InputError(
                        f"correlation={{{key!r}: {rho!r}}}: unknown parameter {k!r}; "
                        f"parameters: {', '.join(names)}{did_you_mean(k, names)}"
                    )
            pair = frozenset(key)
            if pair in seen:
                first, first_rho = seen[pair]
                raise InputError(
                    f"correlation[{key!r}]={rho!r}: the same pair as "
                    f"correlation[{first!r}]={first_rho!r}; give each pair once"
                )
            seen[pair] = (key, rho)
            i, j = index[key[0]], index[key[1]]
            r_arr = as_float_array(f"correlation[{key!r}]", rho)
            if r_arr.ndim != 0:
                raise InputError(f"correlation[{key!r}]={rho!r}: must be a single number")
            r = float(r_arr)
            if i == j and r != 1.0:
                raise InputError(
                    f"correlation[{key!r}]={r:g}: a parameter's self-correlation must be 1"
                )
            c[i, j] = c[j, i] = r
    else:
        c = as_float_array("correlation", correlation)
    if c.shape != (d, d):
        raise InputError(
            f"correlation: shape {c.shape} must be ({d}, {d}) for the parameters {', '.join(names)}"
        )
    if not np.allclose(c, c.T, atol=tol, rtol=0):
        i, j = np.argwhere(~np.isclose(c, c.T, atol=tol, rtol=0))[0]
        raise InputError(
            f"correlation[{i}, {j}]={c[i, j]:g} but correlation[{j}, {i}]="
            f"{c[j, i]:g}: the matrix must be symmetric"
        )
    if not np.allclose(np.diag(c), 1.0, atol=tol, rtol=0):
        raise InputError(f"correlation: diagonal {np.diag(c).tolist()}: must be all 1")
    if np.any(np.abs(c) > 1.0):
        bad = c[np.abs(c) > 1.0][0]
        raise InputError(f"correlation entry {bad:g}: must be in [-1, 1]")
    lam_min = float(np.linalg.eigvalsh(c).min())
    if lam_min < -1e-8:
        raise InputError(
            f"correlation: smallest eigenvalue {lam_min:.3g} < 0: the matrix "
            "must be positive semi-definite (a valid correlation matrix)"
        )
    return c


def _psd_factor(c: np.ndarray) -> np.ndarray:
    """A matrix L with L @ L.T == c for a symmetric PSD c (eigen square root)."""
    lam, vec = np.linalg.eigh(c)
    return vec * np.sqrt(np.clip(lam, 0.0, None))


@guarded("the rank reordering")
def iman_conover(u: np.ndarray, rank_corr: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Reorder each column of ``u`` so its ranks carry ``rank_corr`` [1]_.

    Independently permuted van der Waerden scores ``S`` are whitened by the Cholesky
    factor of their sample correlation and given the normal-score correlation of
    :func:`rank_to_normal_correlation`; each column of ``u`` takes the ranks of the
    result. Scores whose sample correlation is singular (possible for small ``n``,
    e.g. two of 4 scores permuted alike) are drawn again.

    Parameters
    ----------
    u : ndarray (n, d)
        Samples (any marginals); each column is only permuted.
    rank_corr : ndarray (d, d)
        Target Spearman rank correlation (validated PSD).
    rng : numpy.random.Generator

    Returns
    -------
    ndarray (n, d)
        The same values per column, reordered.

    Raises
    ------
    InputError
        ``u`` not an (n, d) array of finite numbers, ``rank_corr`` not (d, d),
        ``rng`` not a numpy Generator, ``n < d + 2`` (too few samples to
        correlate), a target not reachable by a Gaussian copula (converted
        matrix not PSD), or 1,000 draws of the scores in a row with a singular
        sample correlation (not seen for ``n >= d + 2``).
    """
    u = as_float_array("u", u)
    if u.ndim != 2:
        raise InputError(f"u: shape {u.shape}: must be a 2-D (n, d) array, one column per input")
    n, d = u.shape
    rank_corr = as_float_array("rank_corr", rank_corr)
    if rank_corr.shape != (d, d):
        raise InputError(
            f"rank_corr: shape {rank_corr.shape} must be ({d}, {d}) for the {d} columns of u"
        )
    _check_rng(rng)
    if n < d + 2:
        raise InputError(
            f"n={n}: rank-correlated sampling of {d} parameters needs at least "
            f"{d + 2} samples per chunk"
        )
    target = rank_to_normal_correlation(rank_corr)
    np.fill_diagonal(target, 1.0)
    if np.linalg.eigvalsh(target).min() < -1e-8:
        raise InputError(
            "correlation: not reachable with a Gaussian copula (the matching "
            "normal-score correlation is not positive semi-definite)"
        )
    # van der Waerden scores, independently permuted per column; permutations whose
    # sample correlation E is singular (two columns equal or reversed: about 8 % of
    # draws for n = 4, d = 2, none in practice for n of hundreds) cannot be whitened
    # by E's Cholesky factor and are drawn again. A non-singular first draw is used as
    # before, so the samples of every seed that worked are unchanged.
    scores = special.ndtri(np.arange(1, n + 1, dtype=float) / (n + 1))
    for _ in range(_MAX_SCORE_DRAWS):
        s = rng.permuted(np.tile(scores[:, None], (1, d)), axis=0)
        e = np.corrcoef(s, rowvar=False).reshape(d, d)
        if np.linalg.eigvalsh(e).min() > _SINGULAR_EIGENVALUE:
            break
    else:
        raise InputError(
            f"n={n}: {_MAX_SCORE_DRAWS} permutations of the normal scores of {d} "
            "parameters all had a singular correlation; rank-correlated sampling needs "
            "more samples per chunk"
        )
    f = np.linalg.cholesky(e)
    # s @ inv(F).T has identity correlation; times P.T gives exactly the target
    s_star = np.linalg.solve(f, s.T).T @ _psd_factor(target).T
    ranks = np.argsort(np.argsort(s_star, axis=0, kind="stable"), axis=0, kind="stable")
    return np.take_along_axis(np.sort(u, axis=0), ranks, axis=0)


def _rng(seed: Any) -> np.random.Generator:
    """A Generator from a seed: a whole number >= 0, a SeedSequence, a Generator or None."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, np.random.SeedSequence):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InputError(
            f"seed={seed!r}: must be a whole number >= 0, a numpy SeedSequence or Generator, "
            "or None"
        )
    return np.random.default_rng(int(seed))


@guarded("the samples")
def sample(
    distributions: Mapping[str, Mapping[str, Any] | Distribution],
    n: int,
    *,
    seed: int | np.random.SeedSequence | np.random.Generator | None = 0,
    method: str = "random",
    correlation: Any = None,
) -> dict[str, np.ndarray]:
    """Draw ``n`` samples of every parameter in one vectorized pass.

    Parameters
    ----------
    distributions : Mapping[str, spec or Distribution]
        ``{parameter: {"dist": ..., ...}}``.
    n : int
        Number of samples (> 0).
    seed : int, SeedSequence, Generator or None
        Same seed, same samples; an int must be >= 0; None draws fresh entropy.
    method : {"random", "lhs"}
        Independent uniform or Latin hypercube [4]_.
    correlation : None, (d, d) array or {(a, b): rho}
        Spearman rank correlation between parameters (Iman-Conover [1]_).

    Returns
    -------
    dict[str, ndarray]
        ``{parameter: samples (n,)}``.

    Raises
    ------
    InputError
        A bad spec, ``n``, ``seed``, ``method`` or ``correlation``, or ``n`` so
        large that the samples would not fit in this machine's memory (checked
        before anything is drawn).
    """
    from orbitcompute.analysis.montecarlo import check_result_memory

    dists = as_distributions(distributions)
    n = _check_count("n", n)
    names = list(dists)
    check_choice("method", method, METHODS)
    corr = validate_correlation(correlation, names)
    # the uniform matrix, its transposed copy and the samples: 3 doubles per input
    check_result_memory("n", n, 24 * len(names), "the samples and their uniform numbers")
    return draw(dists, n, _rng(seed), method, corr)


def draw(
    dists: Mapping[str, Distribution],
    n: int,
    rng: np.random.Generator,
    method: str = "random",
    corr: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """:func:`sample` on checked inputs: uniform numbers, copula, then each ppf.

    ``corr`` is a rank-correlation matrix already checked by
    :func:`validate_correlation` (or None).
    """
    names = list(dists)
    u = sample_uniform(n, len(names), rng, method)
    if corr is not None:
        u = iman_conover(u, corr, rng)
    u = np.ascontiguousarray(u.T)  # one row per input: each ppf reads contiguous memory
    return {k: dists[k].ppf(u[i]) for i, k in enumerate(names)}


def _check_count(name: str, n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"{name}={n!r}: must be a whole number >= 1")
    return int(n)


@guarded("the design's values")
def latin_hypercube(
    bounds: Mapping[str, Any], n: int, *, seed: int | np.random.SeedSequence | None = 0
) -> dict[str, np.ndarray]:
    """A Latin hypercube design over parameter ranges or distributions [4]_.

    Parameters
    ----------
    bounds : Mapping[str, (low, high) or spec or Distribution]
        A ``(low, high)`` pair means uniform on that range.
    n : int
        Number of design points.
    seed : int, SeedSequence or None
        As for :func:`sample`.

    Returns
    -------
    dict[str, ndarray]
        ``{parameter: values (n,)}``.

    Raises
    ------
    InputError
        ``bounds`` not a non-empty mapping, a range that is not ``(low, high)``
        or a bad spec, ``n`` not a whole number >= 1 or too large for memory, or
        a bad ``seed``.
    """
    if not isinstance(bounds, Mapping) or not bounds:
        raise InputError(
            f"bounds={bounds!r}: must be a non-empty mapping "
            "{parameter: (low, high) or distribution spec}"
        )
    check_unique_names("bounds", bounds)
    specs: dict[str, Any] = {}
    for k, v in bounds.items():
        if isinstance(v, (Mapping, Distribution)):
            specs[k] = v
        else:
            lo_hi = as_float_array(k, v)
            if lo_hi.shape != (2,):
                raise InputError(f"{k}={v!r}: must be (low, high) or a distribution spec")
            specs[k] = {"dist": "uniform", "low": lo_hi[0], "high": lo_hi[1]}
    return sample(specs, n, seed=seed, method="lhs")


@guarded("the grid's values")
def full_factorial(levels: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Every combination of the given levels (the last parameter varies fastest).

    Parameters
    ----------
    levels : Mapping[str, array_like]
        ``{"altitude_km": [550, 650, 800], "launch_price_usd_per_kg": [100, 500]}``.

    Returns
    -------
    dict[str, ndarray]
        Flat arrays of length ``prod(len(levels_i))``.

    Raises
    ------
    InputError
        ``levels`` not a non-empty mapping, a level list that is not a non-empty
        1-D list of finite numbers, two keys naming the same parameter, or more
        combinations than fit in this machine's memory (checked before the grid
        is built).

    Examples
    --------
    >>> g = full_factorial({"a": [1, 2], "b": [10, 20, 30]})
    >>> g["a"].tolist(), g["b"].tolist()
    ([1.0, 1.0, 1.0, 2.0, 2.0, 2.0], [10.0, 20.0, 30.0, 10.0, 20.0, 30.0])
    """
    from orbitcompute.analysis.montecarlo import check_result_memory

    if not isinstance(levels, Mapping) or not levels:
        raise InputError(
            f"levels={levels!r}: must be a non-empty mapping {{parameter: [level, ...]}}"
        )
    check_unique_names("levels", levels)
    arrays = {}
    for k, v in levels.items():
        a = np.atleast_1d(as_float_array(k, v))
        if a.ndim != 1 or a.size == 0:
            raise InputError(f"{k}={v!r}: levels must be a non-empty 1-D list of numbers")
        arrays[k] = a
    size = math.prod(a.size for a in arrays.values())
    counts = " x ".join(str(a.size) for a in arrays.values())
    check_result_memory(
        "levels",
        size,
        8 * len(arrays),
        "the grid of every combination",
        label=f"levels: {counts} = {size:,} combinations",
        advice="use fewer levels, or sample the ranges with latin_hypercube()",
    )
    grids = np.meshgrid(*arrays.values(), indexing="ij")
    return {k: g.ravel() for k, g in zip(arrays, grids, strict=True)}
