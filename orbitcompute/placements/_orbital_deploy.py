"""Deployment ramp of an orbital fleet under a launch-cadence limit.

Private helper of :mod:`orbitcompute.placements.orbital`. The cadence logic
(launches available per year, whole launches, growth, time to full
deployment) is :mod:`orbitcompute.launch`'s; this module only maps it onto the
placement's horizon, which starts ``development_years`` before the first
launch, and integrates the in-service fraction over each horizon year.

Within deployment year ``n`` launches fly at the year's cadence ``c_n``
(:func:`orbitcompute.launch.deployment_ramp`, ``cadence_limit_by_year``) from
the cumulative count ``Lambda_n`` until ``Lambda_{n+1}`` is reached, so the
cumulative launch count ``Lambda(tau)`` is piecewise linear and the year-average
in-service fraction is its exact integral.
"""

from __future__ import annotations

import numpy as np

from orbitcompute import launch
from orbitcompute._distinct import distinct_rows

__all__ = ["deployment_ramp"]


def _antiderivative(
    d: np.ndarray, edges: np.ndarray, rate: np.ndarray, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """``Lambda(tau)`` and ``int_0^tau Lambda`` at ``tau_j = j - d``, ``j = 0..m-1``.

    ``edges`` (..., n+1) are cumulative launches at whole deployment years,
    ``rate`` (..., n) the launch rate inside each year, ``d`` (...) the delay
    (>= 0) of the first launch after the start of the horizon. All points of a
    row fall the same fraction ``x = ceil(d) - d`` into their deployment year
    (point ``j`` into year ``j - ceil(d)``), so both functions are evaluated once
    per deployment year at that fraction, framed by their values before the ramp
    (0) and after it (the totals), and each point picks its year's value.
    """
    n = rate.shape[-1]
    a = edges[..., :-1]
    b = edges[..., 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        x_full = np.where(rate > 0, np.minimum((b - a) / rate, 1.0), 1.0)
    # Integral over a whole year: rising part then flat at b.
    year_int = a * x_full + 0.5 * rate * x_full**2 + b * (1.0 - x_full)
    lead = np.broadcast_shapes(np.shape(d), edges.shape[:-1], rate.shape[:-1])
    ceil_d = np.broadcast_to(np.ceil(d), lead)
    x = (ceil_d - d)[..., None]
    xr = np.minimum(x, x_full)
    lam = np.empty((*lead, n + 2))
    integral = np.empty((*lead, n + 2))
    lam[..., 0] = 0.0
    integral[..., 0] = 0.0
    np.minimum(a + rate * x, b, out=lam[..., 1:-1])
    lam[..., -1] = edges[..., -1]
    cum = launch._cumsum_years(year_int)
    part = xr * (a + 0.5 * rate * xr) + b * (x - xr)  # into the year, up to x
    integral[..., 1] = part[..., 0]
    np.add(cum[..., :-1], part[..., 1:], out=integral[..., 2:-1])
    integral[..., -1] = cum[..., -1]
    # point j: deployment year j - ceil(d), at position j - ceil(d) + 1 (0: before the
    # ramp, n + 1: after it); one flat np.take per array (several times faster than
    # take_along_axis's fancy indexing)
    shift = 1 - np.minimum(ceil_d, m + 1.0).astype(np.intp)  # large d: every point before
    pos = np.clip(np.arange(m, dtype=np.intp) + shift[..., None], 0, n + 1)
    row = np.arange(int(np.prod(lead)), dtype=np.intp).reshape((*lead, 1))
    idx = row * (n + 2) + pos
    return np.take(lam.reshape(-1), idx), np.take(integral.reshape(-1), idx)


def deployment_ramp(
    launches_needed: np.ndarray,
    launches_per_year: np.ndarray,
    growth_per_year: np.ndarray,
    development_years: np.ndarray,
    years: int,
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
        unlimited: the whole fleet goes up at ``development_years``).
    growth_per_year : ndarray
        Yearly growth of the cadence [-] (``launch`` takes the factor ``1 + g``).
    development_years : ndarray
        Years from the start of the horizon to the first launch.
    years : int
        Horizon [years].

    Returns
    -------
    dict
        ``fraction_by_year`` (year-average fraction of the FULL fleet in
        service; trailing axis ``years``), ``launches_by_year`` (initial-fleet
        launches flown in each horizon year), ``launched_in_horizon`` (launches
        flown by the end of the horizon), ``end_fraction`` (fraction of the full
        fleet launched by then), ``time_to_full_years`` (from the start of the
        horizon; may exceed it).

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
            r = _ramp(counts, L0.ravel(), g.ravel(), d.ravel(), years)
            return {
                k: np.take(v, inverse, axis=0).reshape(shape + v.shape[1:]) for k, v in r.items()
            }
    return _ramp(N, L0, g, d, years)


#: Sizes from which :func:`deployment_ramp` looks for repeated launch counts.
_DEDUPE_MIN_SIZE = 256


def _ramp(
    N: np.ndarray, L0: np.ndarray, g: np.ndarray, d: np.ndarray, years: int
) -> dict[str, np.ndarray]:
    """:func:`deployment_ramp` on float arrays."""
    shape = np.broadcast_shapes(N.shape, L0.shape, g.shape, d.shape)
    N, L0, d = (np.broadcast_to(v, shape) for v in (N, L0, d))
    finite = np.isfinite(L0)
    all_finite = bool(np.all(finite))
    L0f = L0 if all_finite else np.where(finite, L0, 1.0)
    g1 = 1.0 + g
    # launch.deployment_ramp's cadence and cumulative launches (its other outputs
    # are not needed here) and its time to full deployment.
    cad, cum = launch._ramp_core(N, L0f, g1, launch._check_years(years + 1))
    cum = np.broadcast_to(cum, (*shape, years + 1))
    cad = np.broadcast_to(cad, (*shape, years + 1))
    t_full = launch._time_to_full(N, L0f, g1)
    edges = np.concatenate([np.zeros((*shape, 1)), cum], axis=-1)
    # Whole launches carried over by flooring can exceed the cadence in a year.
    rate = np.maximum(cad, np.diff(edges, axis=-1))
    t = np.arange(years + 1, dtype=float)
    lam, integral = _antiderivative(d, edges, rate, years + 1)
    all_launch = bool(np.all(N > 0))
    if all_launch:
        frac_ramp = np.diff(integral, axis=-1) / N[..., None]
    else:
        Ns = np.where(N > 0, N, 1.0)[..., None]
        frac_ramp = np.diff(integral, axis=-1) / Ns
        frac_ramp = np.where(N[..., None] > 0, frac_ramp, np.clip(t[1:] - d[..., None], 0.0, 1.0))
    launched_ramp = lam[..., -1].copy()
    if all_finite:
        fraction = frac_ramp
        by_year = np.diff(lam, axis=-1)
        launched = launched_ramp
        ttf = d + t_full
    else:
        # Unlimited cadence: a step at t = d.
        k = t[:-1]
        frac_step = np.clip(k + 1.0 - d[..., None], 0.0, 1.0)
        step_in = (d[..., None] >= k) & (d[..., None] < k + 1.0)
        launched_step = np.where(d <= years, N, 0.0)
        fin = finite[..., None]
        fraction = np.where(fin, frac_ramp, frac_step)
        by_year = np.where(fin, np.diff(lam, axis=-1), step_in * N[..., None])
        launched = np.where(finite, launched_ramp, launched_step)
        ttf = d + np.where(finite, t_full, 0.0)
    if all_launch:
        end_fraction = launched / N
    else:
        end_fraction = np.where(N > 0, launched / np.where(N > 0, N, 1.0), (d <= years) * 1.0)
    return {
        "fraction_by_year": fraction,
        "launches_by_year": by_year,
        "launched_in_horizon": launched,
        "end_fraction": end_fraction,
        "time_to_full_years": ttf,
    }
