"""The smallest number of ground sites that keeps enough of them up: the site-count
searches of :func:`orbitcompute.ground.ground_sites_needed`.

Independent sites (each up with probability ``a``): the smallest ``n`` with
``P(Binomial(n, a) >= m) >= target``, the ``target`` quantile of the negative binomial
number of failures before the ``m``-th success, found by :func:`_min_sites`. Sites whose
weather is correlated (exchangeable, intra-class correlation ``rho``): the number up is
Beta-Binomial, searched by :func:`_min_sites_correlated`. Both stop at
:data:`MAX_SITES`.

References
----------
.. [1] Johnson, N. L., Kemp, A. W. & Kotz, S., *Univariate Discrete Distributions*,
   3rd ed., Wiley (2005), sec. 5.1 (negative binomial) and 6.7.2 (beta-binomial).
.. [2] Skellam, J. G., "A probability distribution derived from the binomial
   distribution by regarding the probability of success as variable between the
   sets of trials", J. R. Stat. Soc. B 10 (1948) 257-261.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from orbitcompute._distinct import distinct_rows
from orbitcompute._special import _log_beta_front, _stirling_corr
from orbitcompute._special import binomial_cdf as _binom_cdf
from orbitcompute._special import binomial_sf as _binom_sf
from orbitcompute._special import gammaln as _gammaln
from orbitcompute._special import negative_binomial_logpmf as _nb_logpmf

#: Most ground sites :func:`ground_sites_needed` sizes: a million sites, one per
#: 150 km^2 of the Earth's land, is no ground segment. The bound also keeps the
#: search fast (the binomial tails of ``orbitcompute._special`` stay within about
#: 1e-11 of scipy up to 1e8 trials, 5e-11 at 1e10).
MAX_SITES = 1e6


#: Failure counts summed per row around the Cornish-Fisher guess of the quantile
#: (:func:`_negative_binomial_window`): from 5 below its floor to 4 above. Over 20,000
#: random rows (m 1 to 3e4, a 0.02 to 0.999, targets 0.01 to 0.999999, quantile within
#: MAX_SITES) the quantile lay 7 below to 3 above that floor, and within -2 to +2 for
#: all but 4 rows: two geometric (m = 1, small a) and two with m above 1e4 and a near
#: 0.02, where the normal quantile's 4.5e-4 error times a standard deviation of some
#: 4,000 failures is 2 failures. Far tails (targets within 1e-8 of 1 with small a) miss
#: more often. Missed rows are bisected. 0 disables the window.
_NB_WINDOW = 10
_NB_WINDOW_BELOW = 5
#: Rows per block of the window, sorted by size (``m / a``): the incomplete-beta
#: continued fraction of a block runs until its slowest row converges.
_NB_WINDOW_BLOCK = 4096
#: A&S 26.2.23 rational approximation of the standard normal quantile (|error| < 4.5e-4).
_AS_NUM = (2.515517, 0.802853, 0.010328)
_AS_DEN = (1.432788, 0.189269, 0.001308)


def _normal_quantile(p: np.ndarray) -> np.ndarray:
    """The standard normal ``p`` quantile by A&S 26.2.23 (|error| < 4.5e-4) [1]_, for
    ``0 < p < 1``: the rational approximation of the smaller tail, negative below 0.5.

    References
    ----------
    .. [1] Abramowitz, M. and Stegun, I. A., Handbook of Mathematical Functions
       (1964), 26.2.23.
    """
    t = np.sqrt(-2.0 * np.log(np.minimum(p, 1.0 - p)))
    num = _AS_NUM[0] + t * (_AS_NUM[1] + t * _AS_NUM[2])
    den = 1.0 + t * (_AS_DEN[0] + t * (_AS_DEN[1] + t * _AS_DEN[2]))
    return np.where(p < 0.5, -1.0, 1.0) * (t - num / den)


def _cornish_fisher(z: np.ndarray, skew: np.ndarray, excess_kurtosis: np.ndarray) -> np.ndarray:
    """The standardised quantile of a distribution with that skewness and excess kurtosis
    whose normal quantile is ``z``: the Cornish-Fisher expansion of A&S 26.2.49 [1]_ to
    the kurtosis and squared-skewness terms.

    References
    ----------
    .. [1] Abramowitz, M. and Stegun, I. A., Handbook of Mathematical Functions
       (1964), 26.2.49.
    """
    return (
        z
        + (z * z - 1.0) * skew / 6.0
        + (z**3 - 3.0 * z) * excess_kurtosis / 24.0
        - (2.0 * z**3 - 5.0 * z) * skew * skew / 36.0
    )


def _trivial_rows(
    m: np.ndarray, a: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The site counts no search is needed for, and the rows that need one.

    ``n = m`` with probability 1 where ``m = 0`` or ``a >= 1`` (every site always up);
    ``MAX_SITES``, not found and probability 0 where ``m`` itself exceeds
    :data:`MAX_SITES`. Returns ``n``, found, the probability, and the mask of the rows
    to search (``a < 1``, ``0 < m <= MAX_SITES``), whose first three entries the search
    fills.
    """
    n_sites = m.copy()
    achieved = np.ones(m.shape)
    ok = np.ones(m.shape, dtype=bool)
    beyond = m > MAX_SITES  # more sites up needed than are ever sized
    n_sites[beyond] = MAX_SITES
    achieved[beyond] = 0.0
    ok[beyond] = False
    return n_sites, ok, achieved, (a < 1.0) & (m > 0) & ~beyond


def _min_sites(
    m: np.ndarray, a: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Smallest n >= m with P(Bin(n, a) >= m) >= target, whether it exists below the
    search bound, and the probability it achieves.

    ``P(Bin(n, a) >= m)`` is the probability that the m-th success comes by
    trial n, i.e. that the number of failures before it, ``F ~ NegBin(m, a)``,
    is at most ``n - m`` [1]_. The answer is therefore ``n = m + f*`` with ``f*``
    the ``target`` quantile of F. Each distinct ``(m, a, target)`` is first
    tried on a short window of the distribution around a Cornish-Fisher guess
    of the quantile (:func:`_negative_binomial_window`); the rows it misses are
    bisected on the binomial tail, starting from ``(m + 10 + 10 sqrt(m)) / a +
    1`` and doubling until the bound holds or reaches :data:`MAX_SITES`. Both
    compare the tail on the side of the target: ``P(F <= f) >= target`` for a
    target up to 0.5, ``P(F > f) <= 1 - target`` above (exact in floating point
    there), so that a target within 1e-12 of 1 is met to the relative accuracy
    of the tail, not to 1e-16 absolute. The flag is False where more than
    ``MAX_SITES`` sites would be needed (also when ``m`` itself exceeds it, or
    is inf); ``n`` is then ``MAX_SITES`` and the probability the one it achieves
    (0 if ``m > MAX_SITES``). ``n = m`` is tried first, comparing ``a**m`` with
    the target as is (availability equal to the target with one site up needs
    one site; a value within an ulp of the target counts as met); an exact tie
    further out is decided to the tails' rounding, a few units in the last
    place, and may cost one site (availability 0.5, target 0.75: 3 sites). In a
    Monte Carlo that samples the availability, the target or the traffic every
    sample is a distinct row.

    References
    ----------
    .. [1] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), ch. 5 (the negative binomial and its
       relation to the binomial tail).
    """
    shape = np.broadcast_shapes(np.shape(m), np.shape(a), np.shape(target))
    m, a, target = (np.ravel(x) for x in np.broadcast_arrays(m, a, target))
    (mu_, au, tu), inverse = distinct_rows(m, a, target)
    if mu_.size > _MEMO_ROWS:
        out = _min_sites_rows(mu_, au, tu)
    else:  # a few distinct rows (e.g. a sampled traffic): remembered across calls
        keys = list(zip(mu_.tolist(), au.tolist(), tu.tolist(), strict=True))
        miss = [i for i, k in enumerate(keys) if k not in _MEMO]
        if miss:
            if len(_MEMO) + len(miss) > _MEMO_SIZE:
                _MEMO.clear()
            new = _min_sites_rows(mu_[miss], au[miss], tu[miss])
            for j, i in enumerate(miss):
                _MEMO[keys[i]] = (float(new[0][j]), bool(new[1][j]), float(new[2][j]))
        rows = [_MEMO[k] for k in keys]
        out = (
            np.array([r[0] for r in rows], dtype=float),
            np.array([r[1] for r in rows], dtype=bool),
            np.array([r[2] for r in rows], dtype=float),
        )
    return tuple(x[inverse].reshape(shape) for x in out)  # type: ignore[return-value]


#: Distinct rows up to which :func:`_min_sites` looks its answers up in :data:`_MEMO`
#: (the search of one row takes a few hundred microseconds of numpy calls; a Monte Carlo
#: that samples the traffic asks for the same few counts of sites up call after call).
_MEMO_ROWS = 256
#: Answers remembered (then forgotten all at once): about 100 bytes each.
_MEMO_SIZE = 65_536
_MEMO: dict[tuple[float, float, float], tuple[float, bool, float]] = {}


def _min_sites_rows(
    mu_: np.ndarray, au: np.ndarray, tu: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_min_sites` on distinct rows ``(m, a, target)``: the search itself."""
    n_sites, ok, achieved, todo = _trivial_rows(mu_, au)
    # n = m when all m sites up already meet the target: P = a^m, compared as is, so
    # that a tie (availability = target with one site up) gives one site
    with np.errstate(under="ignore"):
        up_all = np.where(todo, au**mu_, 0.0)
    at_m = todo & (up_all >= tu)
    achieved[at_m] = up_all[at_m]
    todo &= ~at_m
    win = np.flatnonzero(todo)
    with np.errstate(over="ignore"):  # a < 1e-303: last, and bisected to MAX_SITES
        win = win[np.argsort(mu_[win] / au[win], kind="stable")]
    for start in range(0, win.size, _NB_WINDOW_BLOCK):
        i = win[start : start + _NB_WINDOW_BLOCK]
        n_w, ach_w, hit = _negative_binomial_window(mu_[i], au[i], tu[i])
        i = i[hit]
        n_sites[i], achieved[i] = n_w[hit], ach_w[hit]
        todo[i] = False
    rest = np.flatnonzero(todo)
    if rest.size:
        n_sites[rest], ok[rest], achieved[rest] = _bisect_sites(mu_[rest], au[rest], tu[rest])
    return n_sites, ok, achieved


def _tail_met(
    m: np.ndarray, n: np.ndarray, a: np.ndarray, target: np.ndarray, exact_small: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Whether ``P(Bin(n, a) >= m) >= target``, and that probability.

    On the target's side: ``P(Bin(n, a) >= m) >= target`` for a target up to
    0.5, ``P(Bin(n, a) <= m - 1) <= 1 - target`` above. ``exact_small``: where
    the probability of a target above 0.5 is below 0.5, take the binomial tail
    itself rather than ``1 - (1 - it)`` (one more tail evaluation, wanted for the
    result, not for each bisection step).
    """
    upper = target > 0.5
    met = np.empty(m.shape, dtype=bool)
    prob = np.empty(m.shape)
    lo = ~upper
    prob[lo] = _binom_sf(m[lo] - 1.0, n[lo], a[lo])
    met[lo] = prob[lo] >= target[lo]
    below = _binom_cdf(m[upper] - 1.0, n[upper], a[upper])
    met[upper] = below <= 1.0 - target[upper]
    prob[upper] = 1.0 - below
    if exact_small:
        small = upper & (prob < 0.5)  # e.g. unreachable at MAX_SITES: the tail itself
        prob[small] = _binom_sf(m[small] - 1.0, n[small], a[small])
    return met, prob


def _negative_binomial_window(
    m: np.ndarray, a: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``m + f*``, ``P(F <= f*)`` and whether ``f*`` was found, by a short sum near a guess.

    ``F ~ NegBin(m, a)`` has mean ``m (1 - a) / a``, standard deviation
    ``sqrt(m (1 - a)) / a``, skewness ``(2 - a) / sqrt(m (1 - a))`` and excess
    kurtosis ``6 / m + a^2 / (m (1 - a))`` [1]_; the Cornish-Fisher expansion
    (A&S 26.2.49, to the kurtosis and squared-skewness terms) of the ``target``
    quantile, with the normal quantile from A&S 26.2.23 [2]_, places a window of
    :data:`_NB_WINDOW` failure counts ``f0 .. f1``. Its pmf starts from
    :func:`orbitcompute._special.negative_binomial_logpmf` at ``f0`` and follows
    the recurrence ``p(f + 1) / p(f) = (f + m) (1 - a) / (f + 1)``. For a target
    up to 0.5 the CDF is the binomial tail below the window,
    ``P(F <= f0 - 1) = P(Bin(m + f0 - 1, a) >= m)`` (A&S 26.5.24), plus the
    window's pmf; above 0.5 the upper tail ``P(F > f) = P(F > f1) + sum of the
    pmf over (f, f1]``, anchored on ``P(F > f1) = P(Bin(m + f1, a) <= m - 1)``,
    is compared with ``1 - target``. ``hit`` is True where the window holds the
    quantile (the tail test fails just before it and holds at its end); the
    rest, and rows whose window would pass :data:`MAX_SITES`, are for the caller
    to bisect. The sum has a fixed length for any ``m``.

    References
    ----------
    .. [1] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), ch. 5 (moments of the negative
       binomial).
    .. [2] Abramowitz, M. and Stegun, I. A., Handbook of Mathematical Functions
       (1964), 26.2.23 and 26.2.49.
    """
    hit = np.zeros(m.shape, dtype=bool)
    n, achieved = m.copy(), np.zeros(m.shape)
    if _NB_WINDOW < 1 or not m.size:
        return n, achieved, hit
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        var = m * (1.0 - a)
        skew = (2.0 - a) / np.sqrt(var)
        kurt = 6.0 / m + a * a / var
        w = _cornish_fisher(_normal_quantile(target), skew, kurt)
        guess = var / a + np.sqrt(var) / a * w
        f0 = np.maximum(np.floor(guess) - _NB_WINDOW_BELOW, 0.0)
    use = np.isfinite(f0) & (m + f0 + _NB_WINDOW <= MAX_SITES)
    if not np.any(use):
        return n, achieved, hit
    mu, au, tu, f0u = m[use], a[use], target[use], f0[use]
    f = f0u[:, None] + np.arange(_NB_WINDOW, dtype=float)
    log_pmf = np.empty(f.shape)
    log_pmf[:, 0] = _nb_logpmf(f0u, mu, au)
    step = np.log((f[:, :-1] + mu[:, None]) / (f[:, :-1] + 1.0)) + np.log1p(-au)[:, None]
    np.cumsum(step, axis=1, out=log_pmf[:, 1:])
    log_pmf[:, 1:] += log_pmf[:, :1]
    pmf = np.exp(log_pmf)
    first = np.zeros(mu.size, dtype=np.intp)
    prob = np.zeros(mu.size)
    found = np.zeros(mu.size, dtype=bool)
    lo = np.flatnonzero(tu <= 0.5)
    if lo.size:  # P(F <= f) >= target
        s = lo[f0u[lo] > 0]
        before = np.zeros(mu.size)
        before[s] = _binom_sf(mu[s] - 1.0, mu[s] + f0u[s] - 1.0, au[s])
        cdf = np.minimum(before[lo, None] + np.cumsum(pmf[lo], axis=1), 1.0)
        reached = cdf >= tu[lo, None]
        first[lo] = np.argmax(reached, axis=1)
        prob[lo] = cdf[np.arange(lo.size), first[lo]]
        found[lo] = reached[:, -1] & (before[lo] < tu[lo])
    up = np.flatnonzero(tu > 0.5)
    if up.size:  # P(F > f) <= 1 - target
        f1 = f0u[up] + (_NB_WINDOW - 1)
        after = _binom_cdf(mu[up] - 1.0, mu[up] + f1, au[up])  # P(F > f1)
        above = np.cumsum(pmf[up, :0:-1], axis=1)[:, ::-1]  # sum of the pmf over (f, f1]
        sf = np.concatenate([after[:, None] + above, after[:, None]], axis=1)
        allowed = 1.0 - tu[up]
        reached = sf <= allowed[:, None]
        first[up] = np.argmax(reached, axis=1)
        prob[up] = 1.0 - sf[np.arange(up.size), first[up]]
        # P(F > f0 - 1): 1 at f0 = 0, else the window's pmf on top of P(F > f0)
        start = np.where(f0u[up] > 0, sf[:, 0] + pmf[up, 0], 1.0)
        found[up] = reached[:, -1] & (start > allowed)
    idx = np.flatnonzero(use)
    n[idx] = mu + f0u + first
    achieved[idx] = prob
    hit[idx] = found
    return n, achieved, hit


def _bisect_sites(
    m: np.ndarray, a: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer bisection on ``P(Bin(n, a) >= m) >= target`` for ``m <= MAX_SITES``:
    ``n``, whether it was found, and the probability ``n`` achieves.

    The tail is compared on the target's side (:func:`_tail_met`). The upper
    bound starts at ``(m + 10 + 10 sqrt(m)) / a + 1`` and doubles (beyond ``m``)
    until it satisfies the target or reaches ``MAX_SITES``; rows whose bound
    fails there return ``MAX_SITES`` and False. At most about 20 doublings and
    20 halvings.
    """
    lo = m.copy()
    with np.errstate(over="ignore"):  # a tiny availability: beyond MAX_SITES anyway
        hi = np.minimum(np.ceil((m + 10.0 + 10.0 * np.sqrt(m)) / a) + 1.0, MAX_SITES)

    def good(n: np.ndarray) -> np.ndarray:
        return _tail_met(m, n, a, target)[0]

    hi_ok = good(hi)
    while True:
        grow = ~hi_ok & (hi < MAX_SITES)
        if not grow.any():
            break
        lo = np.where(grow, hi + 1.0, lo)
        hi = np.where(grow, np.minimum(m + 2.0 * (hi - m) + 1.0, MAX_SITES), hi)
        hi_ok = good(hi)
    lo = np.where(hi_ok, lo, hi)  # not reached at MAX_SITES: nothing to bisect
    for _ in range(100):  # log2(MAX_SITES) = 20 halvings suffice
        mid = np.floor((lo + hi) / 2.0)
        g = good(mid)
        hi = np.where(g, mid, hi)
        lo = np.where(g, lo, mid + 1.0)
        if np.all(lo >= hi):
            break
    return hi, hi_ok, _tail_met(m, hi, a, target, exact_small=True)[1]


# Correlated site weather: the sites up are Beta-binomial (see ground_sites_needed).

#: Where both Beta parameters exceed this, the Beta-binomial law of the sites up is the
#: binomial one to float64 rounding at any n <= MAX_SITES: each term's log differs by at
#: most ``n^2 / (2 min(alpha, beta))`` (the three ratios ``Gamma(x + j) / (Gamma(x) x^j)``
#: of the pmf lie between 1 and ``exp(j^2 / (2x))``), below 5e-18 here; such rows (a
#: correlation below about 1e-29) take the binomial search, which is then exact.
_BB_AS_BINOMIAL = 1e29
#: Most rows x terms in one table of Beta-binomial or beta-negative-binomial terms
#: (8 MB of float64): rows are taken in blocks of similar length that fit.
_BB_BLOCK_TERMS = 1_000_000
#: Bisection on the exact lower tail (``m`` terms a step) stops once fewer than
#: ``2 m + _BB_WINDOW_EXTRA`` counts are left; a sum anchored on the tail finishes.
_BB_WINDOW_EXTRA = 64
#: Where a target above 0.5 is unreachable and ``P(K >= m)`` at MAX_SITES sites, taken as
#: ``1 - P(K <= m - 1)``, is below this, it is summed as the upper tail itself (some
#: ``MAX_SITES - m`` terms) to keep its relative accuracy; above, ``1 - P(K <= m - 1)``
#: is within about 1e-16 / 1e-3 relative.
_BB_EXACT_SMALL = 1e-3
#: Below this ``log Gamma(x) = -log(x) - gamma x`` (Euler's gamma; the next term,
#: ``pi^2 x^2 / 12``, is below 1e-16 relative), where the reflection formula would
#: overflow for a subnormal ``x``.
_LGAMMA_SERIES_BELOW = 1e-8
_EULER_GAMMA = 0.5772156649015329


def _lgamma(x: np.ndarray) -> np.ndarray:
    """``log Gamma(x)`` for ``x >= 0`` (``inf`` at 0): :func:`orbitcompute._special.gammaln`,
    and its series ``-log(x) - gamma x`` below :data:`_LGAMMA_SERIES_BELOW`."""
    tiny = x < _LGAMMA_SERIES_BELOW
    with np.errstate(divide="ignore"):
        series = -np.log(np.where(tiny, x, 1.0)) - _EULER_GAMMA * x
    return np.where(tiny, series, _gammaln(np.where(tiny, 1.0, x)))


def _log_gamma_ratio(x: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``log Gamma(x + j) - log Gamma(x)`` for ``x >= 0`` and ``j >= 0`` (0 at ``j = 0``).

    For ``x >= 30`` from Stirling's series (A&S 6.1.41, to ``x^-7``, below 1e-16
    there), as ``(x - 1/2) log1p(j / x) + j log(x + j) - j + corr(x + j) - corr(x)``:
    no term of size ``x log x`` is formed, so a huge ``x`` (a tiny correlation)
    neither overflows nor cancels; below 30 the difference of two log-gammas.
    """
    x, j = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(j, dtype=float))
    big = x >= 30.0
    xb = np.where(big, x, 30.0)
    stirling = (
        (xb - 0.5) * np.log1p(j / xb)
        + j * np.log(xb + j)
        - j
        + _stirling_corr(xb + j)
        - _stirling_corr(xb)
    )
    xs = np.where(big, 1.0, x)
    with np.errstate(invalid="ignore"):  # inf - inf at x = j = 0: 0, below
        direct = _lgamma(xs + j) - _lgamma(xs)
    return np.where(big, stirling, np.where(j > 0, direct, 0.0))


def _log1p_excess(u: np.ndarray) -> np.ndarray:
    """``(1 + u) log1p(u) - u`` for ``u >= 0``, about ``u^2 / 2`` for a small ``u``: below
    0.1 its series ``u^2 sum_j (-u)^j / ((j + 1) (j + 2))`` to ``j = 15`` (the rest is
    below 1e-18 relative), where the direct form would cancel."""
    small = u < 0.1
    us = np.where(small, u, 0.0)
    acc = np.full(u.shape, 1.0 / (17.0 * 16.0))
    for j in range(14, -1, -1):
        acc = 1.0 / ((j + 1.0) * (j + 2.0)) - us * acc
    ub = np.where(small, 0.1, u)
    return np.where(small, us * us * acc, (1.0 + ub) * np.log1p(ub) - ub)


def _log_gamma_excess(x: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``log Gamma(x + j) - log Gamma(x) - j log(x)`` for ``x > 0``, ``j >= 0``: the excess
    of ``Gamma(x + j) / Gamma(x)`` over ``x^j``, about ``j^2 / (2 x)`` for ``x >> j``.

    For ``x >= 30`` from Stirling's series (as :func:`_log_gamma_ratio`) rearranged to
    ``x phi(j / x) - log1p(j / x) / 2 + corr(x + j) - corr(x)`` with ``phi`` from
    :func:`_log1p_excess`: accurate relative to itself, so that a Beta-binomial term
    with huge Beta parameters (a tiny correlation) is the binomial term ``a^k (1 -
    a)^(n - k)`` times these small excesses, not a difference of terms of size
    ``n log(alpha)``. Below 30, :func:`_log_gamma_ratio` less ``j log x``.
    """
    x, j = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(j, dtype=float))
    big = x >= 30.0
    xb = np.where(big, x, 30.0)
    u = j / xb
    stirling = (
        xb * _log1p_excess(u) - 0.5 * np.log1p(u) + _stirling_corr(xb + j) - _stirling_corr(xb)
    )
    xs = np.where(big, 1.0, x)
    direct = _log_gamma_ratio(xs, j) - j * np.log(xs)
    return np.where(big, stirling, direct)


def _log_shares(alpha: np.ndarray, beta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log(alpha / s)`` and ``log(beta / s)``, ``s = alpha + beta`` (the logs of the
    availability and its complement), each through ``log1p`` where it is near 0."""
    s = alpha + beta
    p, q = alpha / s, beta / s
    with np.errstate(divide="ignore"):  # alpha = 0 is refused before; log(0) = -inf
        log_p = np.where(p > 0.5, np.log1p(-q), np.log(p))
        log_q = np.where(q > 0.5, np.log1p(-p), np.log(q))
    return log_p, log_q


def _bb_log_pmf0(n: np.ndarray, alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """``log P(K = 0)`` for ``K ~ BetaBinomial(n, alpha, beta)``: ``log B(alpha, n + beta)
    - log B(alpha, beta) = log[Gamma(n + beta) Gamma(s) / (Gamma(beta) Gamma(n + s))]``,
    ``s = alpha + beta``. With ``E`` of :func:`_log_gamma_excess`, as ``-alpha log1p(n /
    beta) + E(beta, alpha) - E(n + beta, alpha)`` for ``alpha <= n``, ``n log(beta / s) +
    E(beta, n) - E(s, n)`` above: the form whose terms are the smaller."""
    few = alpha <= n
    j_a = np.where(few, alpha, 0.0)
    j_n = np.where(few, 0.0, n)
    log_q = _log_shares(alpha, beta)[1]
    return np.where(
        few,
        -j_a * np.log1p(n / beta) + _log_gamma_excess(beta, j_a) - _log_gamma_excess(n + beta, j_a),
        j_n * log_q + _log_gamma_excess(beta, j_n) - _log_gamma_excess(alpha + beta, j_n),
    )


def _bnb_log_pmf(g: np.ndarray, m: np.ndarray, alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """``log P(F = g)`` for the sites down ``F`` before the ``m``-th site up,
    ``F ~ BetaNegativeBinomial(m, alpha, beta)``:
    ``C(m + g - 1, g) B(alpha + m, beta + g) / B(alpha, beta)`` [1]_, i.e. the negative
    binomial term ``C(m + g - 1, g) p^m q^g`` (``p = alpha / s``, ``q = beta / s``,
    ``s = alpha + beta``) times ``exp(E(alpha, m) + E(beta, g) - E(s, m + g))`` with the
    excesses of :func:`_log_gamma_excess`; the former as ``p^m q^g / (g B(m, g))`` through
    the incomplete beta prefactor of ``orbitcompute._special`` (Stirling's series for
    ``m, g >= 30``, as :func:`orbitcompute._special.negative_binomial_logpmf`, given
    ``q`` where it is below 0.5), so that ``log C(m + g - 1, g)`` is not a difference
    of log-gammas of size ``(m + g) log(m + g)``. ``m >= 1``, ``alpha > 0``.

    References
    ----------
    .. [1] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), sec. 6.2.3 (the beta-negative-binomial,
       or generalized Waring, distribution).
    """
    s = alpha + beta
    p, q = alpha / s, beta / s
    pos = g >= 1.0
    f = np.where(pos, g, 1.0)
    with np.errstate(divide="ignore"):  # p rounding to 0 (a < 1e-308): log 0 = -inf
        # the prefactor takes log(p) from 1 - q when given q: only where q is the small one
        front = np.where(q < 0.5, _log_beta_front(m, f, p, q), _log_beta_front(m, f, p))
        negative_binomial = np.where(pos, front - np.log(f), m * _log_shares(alpha, beta)[0])
    return (
        negative_binomial
        + _log_gamma_excess(alpha, m)
        + _log_gamma_excess(beta, g)
        - _log_gamma_excess(s, m + g)
    )


def _row_blocks(order: np.ndarray, terms: np.ndarray) -> Iterator[np.ndarray]:
    """Consecutive runs of ``order`` (row indices sorted by ascending ``terms``) of at most
    :data:`_BB_BLOCK_TERMS` rows x terms (the run's last, largest, row), one row at least.

    A run ``[i, j)`` fits where ``j - cap[j - 1] <= i``, ``cap`` the rows that fit at each
    row's size; ``j - cap[j - 1]`` grows with ``j``, so the longest run is a search.
    """
    cap = np.maximum(_BB_BLOCK_TERMS // np.maximum(terms, 1.0), 1.0)
    end = np.arange(1, order.size + 1) - cap
    i = 0
    while i < order.size:
        j = max(int(np.searchsorted(end, i, side="right")), i + 1)
        yield order[i:j]
        i = j


def _ratio_log(
    p: np.ndarray, q: np.ndarray, r: np.ndarray, t: np.ndarray, *params: np.ndarray
) -> np.ndarray:
    """``log(p q / (r t))`` for positive factors made of counts below 2e6 and the Beta
    parameters ``params``: one quotient of products where these are below 1e150 (no
    product overflows), else ``(p / r) (q / t)`` (a Beta parameter above 1e150: an
    availability below about 1e-121 with a tiny correlation)."""
    if max(float(np.max(x)) for x in params) < 1e150:
        num = np.multiply(p, q)
        num /= r * t
    else:
        num = np.divide(p, r)
        num *= q / t
    return np.log(num, out=num)


def _bb_lower_tail(c: np.ndarray, n: np.ndarray, alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """``P(K <= c)`` for ``K ~ BetaBinomial(n, alpha, beta)``, whole ``0 <= c <= n``.

    The sum of the ``c + 1`` terms from ``k = 0``, all positive (a small tail keeps its
    relative accuracy): ``log P(K = 0)`` from :func:`_bb_log_pmf0` and the ratio
    ``P(K = k + 1) / P(K = k) = (n - k) (k + alpha) / ((k + 1) (n - k - 1 + beta))`` [1]_,
    accumulated in logs. Rows are summed in blocks sorted by ``c``. A tail below
    float64's range is 0 (or subnormal): every target leaves more than 1e-16.

    References
    ----------
    .. [1] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), sec. 6.7.2 (the beta-binomial).
    """
    out = np.empty(c.shape)
    order = np.argsort(c, kind="stable")
    for rows in _row_blocks(order, c[order] + 1.0):
        nn, aa, bb, cc = (v[rows, None] for v in (n, alpha, beta, c))
        width = int(np.max(cc)) + 1
        k = np.arange(width - 1, dtype=float)
        log_pmf = np.empty((rows.size, width))
        log_pmf[:, :1] = _bb_log_pmf0(nn, aa, bb)
        # steps past a row's c (a shorter row in the block) are NaN or inf: log 0 instead,
        # so that the row's later terms are 0
        with np.errstate(divide="ignore", invalid="ignore"):
            step = _ratio_log(nn - k, k + aa, k + 1.0, (nn - 1.0 + bb) - k, aa, bb)
            log_pmf[:, 1:] = np.where(k < cc, step, -np.inf)
        np.cumsum(log_pmf, axis=1, out=log_pmf)
        with np.errstate(under="ignore"):
            out[rows] = np.sum(np.exp(log_pmf, out=log_pmf), axis=1)
    return out


def _bnb_table(
    g0: np.ndarray, width: int, m: np.ndarray, alpha: np.ndarray, beta: np.ndarray
) -> np.ndarray:
    """``P(F = g0 + i)`` for ``i = 0 .. width - 1``, one row each: :func:`_bnb_log_pmf` at
    ``g0`` and the ratio ``P(F = g + 1) / P(F = g) = (m + g) (beta + g) / ((g + 1)
    (alpha + beta + m + g))`` after it, accumulated in logs."""
    i = np.arange(width - 1, dtype=float)
    g, mm, aa, bb = g0[:, None], m[:, None], alpha[:, None], beta[:, None]
    log_pmf = np.empty((g0.size, width))
    log_pmf[:, 0] = _bnb_log_pmf(g0, m, alpha, beta)
    log_pmf[:, 1:] = _ratio_log(
        (mm + g) + i, (bb + g) + i, (g + 1.0) + i, (aa + bb + mm + g) + i, aa, bb
    )
    np.cumsum(log_pmf, axis=1, out=log_pmf)
    with np.errstate(under="ignore"):
        return np.exp(log_pmf, out=log_pmf)


def _bb_scan_down(
    m: np.ndarray,
    alpha: np.ndarray,
    beta: np.ndarray,
    allowed: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    below_hi: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Smallest ``n`` in ``[lo, hi]`` with ``P(K_n <= m - 1) <= allowed``, given that it
    holds at ``hi`` (``below_hi``), and that probability.

    ``P(K_n <= m - 1) - P(K_{n+1} <= m - 1)`` is the probability that the ``m``-th site up
    is site ``n + 1``, ``P(F = n + 1 - m)``; so ``P(K_n <= m - 1) = P(K_hi <= m - 1) +
    sum_{g = n - m + 1}^{hi - m} P(F = g)``, a sum of positive terms anchored on the
    exact tail at ``hi``. It is taken downward from ``hi`` in runs (the first of
    ``max(16, (hi - m) / 20)`` counts, then doubling, never below ``lo``) and stops at
    the first ``n`` that fails: some ``hi - n + 16`` terms a row.
    """
    n, below = hi.copy(), below_hi.copy()  # the lowest n met so far, and its tail
    width = np.minimum(hi - lo, np.maximum(16.0, np.ceil((hi - m) / 20.0)))
    active = np.flatnonzero(hi > lo)
    while active.size:
        order = active[np.argsort(width[active], kind="stable")]
        going = []
        for rows in _row_blocks(order, width[order]):
            w = width[rows]
            cols = int(np.max(w))
            inside = np.arange(cols) < w[:, None]
            # column i: n = top - w + i, summing P(F = g) for g = n - m + 1 .. top - m
            pmf = _bnb_table(n[rows] - w - m[rows] + 1.0, cols, m[rows], alpha[rows], beta[rows])
            pmf[~inside] = 0.0
            tail = below[rows, None] + np.cumsum(pmf[:, ::-1], axis=1)[:, ::-1]
            n_met = np.sum((tail <= allowed[rows, None]) & inside, axis=1)  # a suffix
            first = (w - n_met).astype(np.intp)  # the first column met (w: none)
            met_any = n_met > 0
            r = rows[met_any]
            below[r] = tail[met_any, first[met_any]]
            n[rows] = n[rows] - n_met
            more = (n_met == w) & (n[rows] > lo[rows])  # all met, room below: go on
            going.append(rows[more])
        active = np.concatenate(going) if going else active[:0]
        width[active] = np.minimum(2.0 * width[active], n[active] - lo[active])
    return n, below


def _bb_guess_sites(
    m: np.ndarray, a: np.ndarray, alpha: np.ndarray, beta: np.ndarray, target: np.ndarray
) -> np.ndarray:
    """A guess of the smallest ``n`` with ``P(K_n >= m) >= target`` (targets above 0.5):
    where the Cornish-Fisher ``1 - target`` quantile of ``K_n`` reaches ``m - 1/2``.

    ``K_n ~ BetaBinomial(n, alpha, beta)`` has mean ``n a``, variance ``n a (1 - a)
    (s + n) / (s + 1)`` (``s = alpha + beta``), and the skewness and excess kurtosis of
    [1]_; the expansion is A&S 26.2.49 (as in :func:`_negative_binomial_window`), with
    the normal quantile of A&S 26.2.23. It is solved by bisection on ``log n`` over
    ``[m, MAX_SITES]`` to about 0.2 %; ``MAX_SITES`` where it is not reached (or the
    moments overflow). Only where the exact search starts: any guess gives the same
    answer, a poor one more work.

    References
    ----------
    .. [1] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), sec. 6.7.2 (moments of the
       beta-binomial).
    """
    s = alpha + beta
    z = _normal_quantile(1.0 - target)  # below 0.5: negative
    lo, hi = np.log(m), np.full(m.shape, np.log(MAX_SITES))

    def reaches(log_n: np.ndarray) -> np.ndarray:
        n = np.exp(log_n)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            sd = np.sqrt(n * a * (1.0 - a) * (s + n) / (s + 1.0))
            g1 = (s + 2.0 * n) * (beta - alpha) / ((s + 2.0) * s) / sd
            g2 = (
                s * (s - 1.0 + 6.0 * n)
                + 3.0 * alpha * beta * (n - 2.0)
                + 6.0 * n * n
                - 3.0 * a * beta * n * (6.0 - n)
                - 18.0 * a * (1.0 - a) * n * n
            ) * (s * s * (1.0 + s) / (n * alpha * beta * (s + 2.0) * (s + 3.0) * (s + n))) - 3.0
            return n * a + sd * _cornish_fisher(z, g1, g2) >= m - 0.5

    top = reaches(hi)
    for _ in range(13):  # log(1e6) / 2^13: 0.2 %
        mid = 0.5 * (lo + hi)
        ok = reaches(mid)
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid)
    return np.where(top, np.exp(hi), MAX_SITES)


def _bb_search_upper(
    m: np.ndarray, a: np.ndarray, alpha: np.ndarray, beta: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Smallest ``n`` in ``(m, MAX_SITES]`` with ``P(K_n <= m - 1) <= 1 - target`` (targets
    above 0.5, ``n = m`` already failed): ``n``, whether found, ``P(K_n >= m)``.

    The bound starts 2 % and 2 sites above :func:`_bb_guess_sites` and, where it fails,
    doubles (beyond ``m``) as in :func:`_bisect_sites` until it holds or reaches
    :data:`MAX_SITES`; each test is the exact lower tail, ``m`` terms
    (:func:`_bb_lower_tail`), evaluated only for the rows still searching. Bisection
    narrows a bracket wider than ``2 m + 64`` counts; :func:`_bb_scan_down` finishes.
    Unreachable rows give ``MAX_SITES``, False and ``P(K >= m)`` there: ``1 - P(K <= m -
    1)``, or the upper tail summed where that is below :data:`_BB_EXACT_SMALL`.
    """
    allowed = 1.0 - target
    lo = m + 1.0
    guess = _bb_guess_sites(m, a, alpha, beta, target)
    hi = np.maximum(np.minimum(np.ceil(1.02 * guess) + 2.0, MAX_SITES), lo)
    below = _bb_lower_tail(m - 1.0, hi, alpha, beta)
    met = below <= allowed
    while True:
        i = np.flatnonzero(~met & (hi < MAX_SITES))
        if not i.size:
            break
        lo[i] = hi[i] + 1.0
        hi[i] = np.minimum(m[i] + 2.0 * (hi[i] - m[i]) + 1.0, MAX_SITES)
        below[i] = _bb_lower_tail(m[i] - 1.0, hi[i], alpha[i], beta[i])
        met[i] = below[i] <= allowed[i]
    lo = np.where(met, lo, hi)
    for _ in range(100):  # log2(MAX_SITES) = 20 halvings suffice
        i = np.flatnonzero(hi - lo > 2.0 * m + _BB_WINDOW_EXTRA)
        if not i.size:
            break
        mid = np.floor((lo[i] + hi[i]) / 2.0)
        at_mid = _bb_lower_tail(m[i] - 1.0, mid, alpha[i], beta[i])
        good = at_mid <= allowed[i]
        hi[i[good]], below[i[good]] = mid[good], at_mid[good]
        lo[i[~good]] = mid[~good] + 1.0
    i = np.flatnonzero(met & (hi > lo))
    n = hi.copy()
    if i.size:
        n[i], below[i] = _bb_scan_down(m[i], alpha[i], beta[i], allowed[i], lo[i], hi[i], below[i])
    achieved = 1.0 - below
    i = np.flatnonzero(achieved < _BB_EXACT_SMALL)  # unreachable, and little reached
    if i.size:  # the upper tail itself: P(F <= MAX_SITES - m), never meeting a target of 2
        all_up = np.exp(_bnb_log_pmf(np.zeros(i.size), m[i], alpha[i], beta[i]))
        achieved[i] = _bb_search_lower(m[i], alpha[i], beta[i], np.full(i.size, 2.0), all_up)[2]
    return n, met, achieved


def _bb_search_lower(
    m: np.ndarray, alpha: np.ndarray, beta: np.ndarray, target: np.ndarray, all_up: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Smallest ``n`` in ``(m, MAX_SITES]`` with ``P(K_n >= m) >= target`` (targets up to
    0.5, ``n = m`` already failed): ``n``, whether found, ``P(K_n >= m)``.

    ``P(K_n >= m) = P(F <= n - m)``, the probability that at most ``n - m`` sites are down
    before the ``m``-th up: ``all_up`` (``P(F = 0)``) plus the terms ``P(F = g)``, ``g >= 1``,
    summed upward in chunks (:func:`_bnb_table`, anchored afresh at each chunk's first
    term) until the target or ``g = MAX_SITES - m``: ``n - m`` positive terms a row.
    """
    n = np.full(m.shape, MAX_SITES)
    found = np.zeros(m.shape, dtype=bool)
    cdf = all_up.copy()
    last = MAX_SITES - m
    active = np.arange(m.size)
    g0 = 1.0
    while active.size:
        width = max(32, _BB_BLOCK_TERMS // active.size)
        width = int(min(width, np.max(last[active]) - g0 + 1.0))
        pmf = _bnb_table(np.full(active.size, g0), width, m[active], alpha[active], beta[active])
        past = g0 + np.arange(width) > last[active, None]
        pmf[past] = 0.0
        run = cdf[active, None] + np.cumsum(pmf, axis=1)
        reached = (run >= target[active, None]) & ~past
        hit = np.any(reached, axis=1)
        first = np.argmax(reached, axis=1)
        r = active[hit]
        n[r] = m[r] + g0 + first[hit]
        found[r] = True
        cdf[r] = run[hit, first[hit]]
        cdf[active[~hit]] = run[~hit, -1]
        g0 += width
        active = active[~hit & (g0 <= last[active])]
    return n, found, cdf


def _min_sites_correlated(
    m: np.ndarray, a: np.ndarray, target: np.ndarray, rho: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_min_sites` with the sites' weather correlated: the sites up ``K_n`` are
    ``BetaBinomial(n, alpha, beta)``, ``alpha = a (1 / rho - 1)``, ``beta = (1 - a)
    (1 / rho - 1)`` [1]_ [2]_; smallest ``n <= MAX_SITES`` with ``P(K_n >= m) >=
    target``, whether it exists, and ``P(K_n >= m)``.

    ``P(K_n >= m)`` grows with ``n`` (one more site never lowers the count up). Per
    distinct ``(m, a, target, rho)``: rows with ``rho = 0``, or both Beta parameters
    above :data:`_BB_AS_BINOMIAL`, are the binomial rows of :func:`_min_sites` (the
    same numbers, bit for bit); ``m = 0``, ``a = 1`` and ``m > MAX_SITES`` are as
    there. ``n = m`` is tried first: ``P(K_m = m) = B(alpha + m, beta) / B(alpha, beta)``
    (``a`` itself for ``m = 1``) compared with the target as is. Then, on the target's
    side as in :func:`_tail_met`: above 0.5 a search on the exact lower tail
    (:func:`_bb_search_upper`), up to 0.5 a sum of the beta-negative-binomial terms
    (:func:`_bb_search_lower`). The work is some ``m`` terms per exact tail above 0.5
    (one or two a row where the guess holds, one more per doubling or halving, then
    a short sum) and ``n - m`` terms a row up to 0.5.

    References
    ----------
    .. [1] Skellam, J. G., "A probability distribution derived from the binomial
       distribution by regarding the probability of success as variable between the
       sets of trials", J. R. Stat. Soc. B 10, 257-261 (1948).
    .. [2] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), sec. 6.7.2 (the beta-binomial, its
       intra-class correlation ``1 / (alpha + beta + 1)``).
    """
    shape = np.broadcast_shapes(np.shape(m), np.shape(a), np.shape(target), np.shape(rho))
    m, a, target, rho = (np.ravel(x) for x in np.broadcast_arrays(m, a, target, rho))
    (mu_, au, tu, ru), inverse = distinct_rows(m, a, target, rho)
    n_sites, ok, achieved, todo = _trivial_rows(mu_, au)
    i = np.flatnonzero(todo)
    with np.errstate(over="ignore", divide="ignore"):  # rho = 0 or subnormal: binomial
        theta = (1.0 - ru[i]) / ru[i]
    alpha, beta = au[i] * theta, (1.0 - au[i]) * theta
    binomial = np.minimum(alpha, beta) > _BB_AS_BINOMIAL
    j = i[binomial]
    if j.size:
        n_sites[j], ok[j], achieved[j] = _min_sites(mu_[j], au[j], tu[j])
    i, alpha, beta = i[~binomial], alpha[~binomial], beta[~binomial]
    # alpha = a theta below float64 (a < 5e-308): P(K_n >= m) <= n a / m < 1e-301 for any
    # n <= MAX_SITES, taken as 0 (but one site of availability a >= target suffices)
    zero = alpha <= 0.0
    j = i[zero]
    one = (mu_[j] == 1.0) & (au[j] >= tu[j])
    n_sites[j] = np.where(one, 1.0, MAX_SITES)
    ok[j] = one
    achieved[j] = np.where(one, au[j], 0.0)
    i, alpha, beta = i[~zero], alpha[~zero], beta[~zero]
    mi, ai, ti = mu_[i], au[i], tu[i]
    log_all_up = (
        mi * _log_shares(alpha, beta)[0]
        + _log_gamma_excess(alpha, mi)
        - _log_gamma_excess(alpha + beta, mi)
    )
    with np.errstate(under="ignore"):
        all_up = np.where(mi == 1.0, ai, np.exp(log_all_up))
    at_m = all_up >= ti
    achieved[i] = all_up  # n = m; and where m = MAX_SITES fails, no more sites are sized
    ok[i] = at_m
    search = ~at_m & (mi < MAX_SITES)
    n_sites[i[~at_m]] = MAX_SITES
    up = search & (ti > 0.5)  # on the target's side, as _tail_met
    r = i[up]
    if r.size:
        n_sites[r], ok[r], achieved[r] = _bb_search_upper(
            mi[up], ai[up], alpha[up], beta[up], ti[up]
        )
    low = search & (ti <= 0.5)
    r = i[low]
    if r.size:
        n_sites[r], ok[r], achieved[r] = _bb_search_lower(
            mi[low], alpha[low], beta[low], ti[low], all_up[low]
        )
    return tuple(x[inverse].reshape(shape) for x in (n_sites, ok, achieved))  # type: ignore[return-value]
