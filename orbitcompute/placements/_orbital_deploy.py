"""Deployment ramp of an orbital fleet under a launch-cadence limit.

Private helper of :mod:`orbitcompute.placements.orbital`. The cadence logic
(launches available per year, whole launches, growth, time to full
deployment) is :mod:`orbitcompute.launch`'s; this module only maps it onto the
placement's horizon, which starts ``development_years`` before the first
launch, and integrates the in-service fraction over each horizon year.

Within deployment year ``n`` launches fly at the year's cadence ``c_n``
(:func:`orbitcompute.launch.deployment_ramp`, ``cadence_limit_by_year``) from
the cumulative count ``Lambda_n`` until ``Lambda_{n+1}`` is reached, so the
cumulative launch count ``Lambda(tau)`` is piecewise linear (a continuous count
between the whole counts of the year ends) and the year-average in-service
fraction is its exact integral. The time of the last launch, the launches flown
within the horizon and hence the placement's feasibility all come from this one
ramp.
"""

from __future__ import annotations

import numpy as np

from orbitcompute import launch
from orbitcompute._counts import ceil_count
from orbitcompute._distinct import distinct_rows
from orbitcompute._years import cumsum_rows

__all__ = ["deployment_ramp"]


def _antiderivative(
    d: np.ndarray, edges: np.ndarray, rate: np.ndarray, rise: np.ndarray, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """``Lambda(tau)`` and ``int_0^tau Lambda`` at ``tau_j = j - d``, ``j = 0..m-1``.

    Year-first layout: ``edges`` (n+1, ...) are cumulative launches at whole
    deployment years, ``rate`` (n, ...) the launch rate inside each year (> 0),
    ``rise`` (n, ...) the launches of each year (``edges[1:] - edges[:-1]``; used as
    scratch space), ``d`` (...) the delay (>= 0) of the first launch after the
    start of the horizon; the results are (m, ...) with ``m = n``. All points of a
    sample fall the same fraction ``x = ceil(d) - d`` into their deployment year
    (point ``j`` into year ``j - ceil(d)``), so both functions are evaluated once
    per deployment year at that fraction, framed by their values before the ramp
    (0) and after it (the totals), and each point picks its year's value.

    Year first, every step is a whole-row operation (numpy's inner loops run over
    the samples, not over a short year axis), and the steps work in place on a
    few (year, sample) buffers: in a large Monte Carlo a fresh temporary costs
    more in page faults than the arithmetic it holds.
    """
    n = rate.shape[0]
    a = edges[:-1]
    b = edges[1:]
    # x_full = min((b - a) / rate, 1): the fraction of the year the launches rise
    x_full = rise
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(x_full, rate, out=x_full)
    np.minimum(x_full, 1.0, out=x_full)
    if not (rate > 0).all():  # rate > 0 for checked inputs; else a whole year, as before
        np.copyto(x_full, 1.0, where=~(rate > 0))
    # Integral over a whole year: rising part then flat at b,
    # a x_full + 0.5 rate x_full**2 + b (1 - x_full).
    half_rate = np.multiply(rate, 0.5)
    year_int = np.multiply(a, x_full)
    tmp = np.multiply(x_full, x_full)
    tmp *= half_rate
    year_int += tmp
    np.subtract(1.0, x_full, out=tmp)
    tmp *= b
    year_int += tmp
    lead = np.broadcast_shapes(np.shape(d), edges.shape[1:], rate.shape[1:])
    ceil_d = np.broadcast_to(np.ceil(d), lead)
    x = ceil_d - d
    xr = np.minimum(x, x_full, out=x_full)
    lam = np.empty((n + 2, *lead))
    integral = np.empty((n + 2, *lead))
    lam[0] = 0.0
    integral[0] = 0.0
    np.multiply(rate, x, out=tmp)
    tmp += a
    np.minimum(tmp, b, out=lam[1:-1])
    lam[-1] = edges[-1]
    # cumulative integral (sequential along the years, as _years.cumsum_years) plus
    # the part into the year up to x: xr (a + 0.5 rate xr) + b (x - xr)
    cumsum_rows(year_int, out=integral[2:])
    part = np.multiply(half_rate, xr, out=half_rate)
    part += a
    part *= xr
    np.subtract(x, xr, out=tmp)
    tmp *= b
    part += tmp
    integral[1] = part[0]
    integral[2:-1] += part[1:]
    # point j: deployment year j - ceil(d), at position j - ceil(d) + 1 (0: before the
    # ramp, n + 1: after it); one flat np.take per array
    size = int(np.prod(lead))
    shift = 1 - np.minimum(ceil_d, m + 1.0).astype(np.intp)  # large d: every point before
    pos = np.arange(m, dtype=np.intp).reshape((m,) + (1,) * len(lead)) + shift
    np.clip(pos, 0, n + 1, out=pos)
    pos *= size
    pos += np.arange(size, dtype=np.intp).reshape(lead)
    np.take(lam.reshape(-1), pos, out=tmp)
    np.take(integral.reshape(-1), pos, out=year_int)
    return tmp, year_int


def deployment_ramp(
    launches_needed: np.ndarray,
    launches_per_year: np.ndarray,
    growth_per_year: np.ndarray,
    development_years: np.ndarray,
    years: int,
    installed: bool = False,
) -> dict[str, np.ndarray]:
    """Fleet in service and launches flown, for each year of the horizon.

    Inputs are those :func:`orbitcompute.placements.orbital.orbital_placement`
    has already checked (whole launch counts >= 0, cadence > 0, growth >= 0,
    development >= 0); they are not checked again here.

    Parameters
    ----------
    launches_needed : ndarray
        Whole launches that deploy the full fleet (>= 0).
    launches_per_year : ndarray
        Launches per year available in the first deployment year (``inf`` =
        unlimited: the whole fleet goes up at ``development_years``, flown in the
        horizon year that contains it, the last one where it is the horizon's end).
    growth_per_year : ndarray
        Yearly growth of the cadence [-] (``launch`` takes the factor ``1 + g``).
    development_years : ndarray
        Years from the start of the horizon to the first launch.
    years : int
        Horizon [years].
    installed : bool
        Also return ``installed_fraction_by_year`` (one more year-resolved array).

    Returns
    -------
    dict
        ``fraction_by_year`` (year-average fraction of the FULL fleet in
        service; trailing axis ``years``), ``launches_by_year`` (initial-fleet
        launches flown in each horizon year), ``launched_in_horizon`` (launches
        flown by the end of the horizon, ``Lambda(Y - d)``: a continuous count,
        whole once the fleet is all up, fractional while the ramp is inside a
        year's launches), ``end_fraction`` (fraction of the full fleet launched
        by then), ``time_to_full_years`` (when this ramp flies the last launch,
        ``d + K + (N - Lambda_K) / r_K`` in the first deployment year ``K`` whose
        end count reaches ``N``, flown at ``r_K = max(c_K, N - Lambda_K)``; later
        than the closed form of :func:`orbitcompute.launch.time_to_full_deployment_years`
        where flooring carries a remainder into that year; ``d`` with an unlimited
        cadence. The fleet is all up within the horizon exactly when
        ``end_fraction`` is 1. Past the deployment
        years computed here, ``years + 1``, i.e. after the horizon, the closed
        form) and
        ``time_to_first_years`` (from the start of the horizon; may exceed it)
        and, with ``installed``, ``installed_fraction_by_year``: the fraction of
        the full fleet in service at the END of each horizon year,
        ``Lambda(y + 1 - d) / N`` (the year-end value of the quantity whose year
        average is ``fraction_by_year``; its last element is ``end_fraction``).

        ``time_to_first_years`` is when the fleet in service starts to grow:
        ``d + k``, with ``k`` the first deployment year whose cumulative
        capacity holds a whole launch (the ramp spreads that year's launches
        over it from its start), ``k = ceil(t_1) - 1`` with ``t_1`` the time to
        fly one launch (:func:`orbitcompute.launch.time_to_full_deployment_years`
        of ``min(N, 1)``); at a constant cadence ``L``, ``k = ceil(1 / L) - 1``.
        ``d`` itself with an unlimited cadence or nothing to launch. Horizon
        year ``y`` has power (``fraction_by_year > 0``) exactly when
        ``d + k < y + 1``.

    References
    ----------
    .. [1] Rodgers et al., NASA OTPS "Space-Based Solar Power" (2024),
       sec. 2.1.2 (assembly time from launch count and cadence), via
       :mod:`orbitcompute.launch`.
    """
    N = np.asarray(launches_needed, dtype=float)
    L0 = np.asarray(launches_per_year, dtype=float)
    g = np.asarray(growth_per_year, dtype=float)
    d = np.asarray(development_years, dtype=float)
    if N.size >= _DEDUPE_MIN_SIZE and L0.size == g.size == d.size == 1:
        # The ramp depends on the launch count alone: in a Monte Carlo the samples
        # share a few hundred whole counts, so each distinct count is ramped once.
        shape = np.broadcast_shapes(N.shape, L0.shape, g.shape, d.shape)
        (counts,), inverse = distinct_rows(N.ravel())
        if counts.size * 4 <= N.size:
            r = _ramp(counts, L0.ravel(), g.ravel(), d.ravel(), years, installed)
            # indices of the broadcast shape: fresh arrays that own their data
            inverse = inverse.reshape(shape)
            return {k: np.take(v, inverse, axis=0) for k, v in r.items()}
    return _ramp(N, L0, g, d, years, installed)


#: Sizes from which :func:`deployment_ramp` looks for repeated launch counts.
_DEDUPE_MIN_SIZE = 256
_YEAR_KEYS = ("fraction_by_year", "launches_by_year", "installed_fraction_by_year")


def _ramp(
    N: np.ndarray, L0: np.ndarray, g: np.ndarray, d: np.ndarray, years: int, installed: bool = False
) -> dict[str, np.ndarray]:
    """:func:`deployment_ramp` on float arrays (year on the last axis)."""
    r = _ramp_year_first(N, L0, g, d, years, installed)
    for k in _YEAR_KEYS:
        if k in r:
            r[k] = np.ascontiguousarray(np.moveaxis(r[k], 0, -1))
    return r


def _ramp_year_first(
    N: np.ndarray, L0: np.ndarray, g: np.ndarray, d: np.ndarray, years: int, installed: bool = False
) -> dict[str, np.ndarray]:
    """:func:`deployment_ramp` on float arrays, year-resolved outputs year first.

    The arithmetic is that of :func:`orbitcompute.launch.deployment_ramp` (cadence
    ``L g**y``, cumulative capacity floored, capped at ``N``) and
    :func:`orbitcompute.launch.time_to_full_deployment_years`, element for element.
    """
    shape = np.broadcast_shapes(N.shape, L0.shape, g.shape, d.shape)
    nd = len(shape)
    N, L0, d = (np.broadcast_to(v, shape) for v in (N, L0, d))
    finite = np.isfinite(L0)
    all_finite = bool(finite.all())
    L0f = L0 if all_finite else np.where(finite, L0, 1.0)
    g1 = 1.0 + g
    n = int(years) + 1  # deployment years (one beyond the horizon, already checked)
    # launch.deployment_ramp's cadence and cumulative launches (after a leading 0)
    edges = np.empty((n + 1, *shape))
    edges[0] = 0.0
    cad, cum = launch._ramp_rows(N, L0f, g1, n, out=edges[1:])
    t_full = launch._time_to_full(N, L0f, g1)
    # Whole launches carried over by flooring can exceed the cadence in a year.
    rise = cum - edges[:-1]
    rate = np.maximum(cad, rise, out=cad)
    lam, integral = _antiderivative(d, edges, rate, rise, n)
    # The ramp's last launch: in deployment year K, the first whose end count reaches N,
    # the launches rise from edges[K] at rate[K], so tau = K + (N - edges[K]) / rate[K]
    # (rate[K] >= N - edges[K] > 0). Beyond the years computed here (after the horizon
    # ends), the closed form of launch.time_to_full_deployment_years.
    k_full = np.count_nonzero(edges[1:] < N, axis=0)
    in_ramp = k_full < n
    k_take = np.minimum(k_full, n - 1)[None]
    with np.errstate(divide="ignore", invalid="ignore"):
        tau_ramp = (
            k_full
            + (N - np.take_along_axis(edges, k_take, axis=0)[0])
            / np.take_along_axis(rate, k_take, axis=0)[0]
        )
    t_full = np.where(in_ramp, tau_ramp, t_full) if not in_ramp.all() else tau_ramp
    all_launch = bool((N > 0).all())
    if all_launch:
        frac_ramp = integral[1:] - integral[:-1]
        frac_ramp /= N
    else:
        t1 = np.arange(1, n, dtype=float).reshape((n - 1,) + (1,) * nd)
        frac_ramp = (integral[1:] - integral[:-1]) / np.where(N > 0, N, 1.0)
        frac_ramp = np.where(N > 0, frac_ramp, np.clip(t1 - d, 0.0, 1.0))
    launched_ramp = lam[-1].copy()
    if installed:
        # fleet in service at the end of each horizon year: Lambda(y + 1 - d) / N
        t_end = np.arange(1, n, dtype=float).reshape((n - 1,) + (1,) * nd)
        if all_launch:
            inst_ramp = lam[1:] / N
        else:
            inst_ramp = np.where(N > 0, lam[1:] / np.where(N > 0, N, 1.0), (d <= t_end) * 1.0)
    # first launch: deployment year k = ceil(t_1) - 1, t_1 the time to fly one launch
    with np.errstate(over="ignore"):  # a cadence so low that t_1 overflows: never
        t_first = np.maximum(ceil_count(launch._time_to_full(np.minimum(N, 1.0), L0f, g1)) - 1, 0)
    if all_finite:
        fraction = frac_ramp
        by_year = lam[1:] - lam[:-1]
        launched = launched_ramp
        ttf = d + t_full
        tfirst = d + t_first
        if installed:
            inst = inst_ramp
    else:
        # Unlimited cadence: a step at t = d, launched by t = d (launched_step, inst) and
        # flown in horizon year floor(d); a fleet launched at the horizon's end, d = years,
        # in the last year (else launched in the horizon but flown in none of its years).
        k = np.arange(n - 1, dtype=float).reshape((n - 1,) + (1,) * nd)
        frac_step = np.clip(k + 1.0 - d, 0.0, 1.0)
        step_in = (d >= k) & ((d < k + 1.0) | ((k == years - 1.0) & (d == years)))
        launched_step = np.where(d <= years, N, 0.0)
        fraction = np.where(finite, frac_ramp, frac_step)
        by_year = np.where(finite, lam[1:] - lam[:-1], step_in * N)
        launched = np.where(finite, launched_ramp, launched_step)
        ttf = d + np.where(finite, t_full, 0.0)
        tfirst = d + np.where(finite, t_first, 0.0)
        if installed:
            t_end = np.arange(1, n, dtype=float).reshape((n - 1,) + (1,) * nd)
            inst = np.where(finite, inst_ramp, (d <= t_end) * 1.0)
    if all_launch:
        end_fraction = launched / N
    else:
        end_fraction = np.where(N > 0, launched / np.where(N > 0, N, 1.0), (d <= years) * 1.0)
    out = {
        "fraction_by_year": fraction,
        "launches_by_year": by_year,
        "launched_in_horizon": launched,
        "end_fraction": end_fraction,
        "time_to_full_years": ttf,
        "time_to_first_years": tfirst,
    }
    if installed:
        out["installed_fraction_by_year"] = inst
    return out
