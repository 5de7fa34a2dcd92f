"""Deployment ramp of an orbital fleet under a launch-cadence limit.

Private helper of :mod:`orbitcompute.placements.orbital`. Pure functions on
numpy arrays; the year of the horizon is the trailing axis.

The launch rate available to the program in deployment year ``j`` (counted
from the first launch) is ``L_j = L0 (1 + g)^j``; within a year launches are
spread evenly, so the cumulative launch count is piecewise linear in time.
Capacity in service is the launched fraction of the initial fleet.
"""

from __future__ import annotations

import numpy as np

__all__ = ["cumulative_launches", "deployment_ramp", "time_to_launch"]


def cumulative_launches(
    tau_years: np.ndarray, launches_per_year: np.ndarray, growth_per_year: np.ndarray
) -> np.ndarray:
    """Launches completed ``tau_years`` after the first launch.

    ``Lambda(tau) = L0 ((1+g)^n - 1)/g + L0 (1+g)^n (tau - n)`` with
    ``n = floor(tau)`` (``L0 tau`` when ``g = 0``); zero for ``tau <= 0``.
    Infinite ``launches_per_year`` gives infinity for ``tau > 0``.
    """
    tau = np.maximum(np.asarray(tau_years, dtype=float), 0.0)
    L0 = np.asarray(launches_per_year, dtype=float)
    g = np.asarray(growth_per_year, dtype=float)
    n = np.floor(tau)
    gs = np.where(g > 0, g, 1.0)
    full_years = np.where(g > 0, ((1.0 + g) ** n - 1.0) / gs, n)
    with np.errstate(invalid="ignore"):
        out = L0 * (full_years + (1.0 + g) ** n * (tau - n))
    return np.where(tau > 0, out, 0.0)


def time_to_launch(
    launches: np.ndarray, launches_per_year: np.ndarray, growth_per_year: np.ndarray
) -> np.ndarray:
    """Years after the first launch until ``launches`` launches are done.

    Inverse of :func:`cumulative_launches`: with ``g > 0`` the whole years are
    ``n = floor(log(1 + N g / L0) / log(1 + g))`` and the rest is
    ``(N - Lambda(n)) / (L0 (1+g)^n)``; with ``g = 0`` it is ``N / L0``.
    Zero for infinite cadence.
    """
    N = np.asarray(launches, dtype=float)
    L0 = np.asarray(launches_per_year, dtype=float)
    g = np.asarray(growth_per_year, dtype=float)
    gs = np.where(g > 0, g, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_grow = np.floor(np.log1p(N * gs / L0) / np.log1p(gs))
        n_grow = np.where(np.isfinite(n_grow), n_grow, 0.0)
        done = L0 * ((1.0 + gs) ** n_grow - 1.0) / gs
        t_grow = n_grow + (N - done) / (L0 * (1.0 + gs) ** n_grow)
        t_flat = N / L0
    t = np.where(g > 0, t_grow, t_flat)
    return np.where(np.isinf(L0), 0.0, t)


def deployment_ramp(
    launches_needed: np.ndarray,
    launches_per_year: np.ndarray,
    growth_per_year: np.ndarray,
    development_years: np.ndarray,
    years: int,
) -> dict[str, np.ndarray]:
    """Year-average fraction of the fleet in service, for each year of the horizon.

    Parameters
    ----------
    launches_needed : ndarray
        Launches that deploy the initial fleet.
    launches_per_year : ndarray
        Launches per year available in the first deployment year (``inf`` =
        unlimited).
    growth_per_year : ndarray
        Yearly growth of the cadence [-].
    development_years : ndarray
        Years from the start of the horizon to the first launch.
    years : int
        Horizon [years].

    Returns
    -------
    dict
        ``fraction_by_year`` (trailing axis ``years``; the year-average of the
        in-service fraction, exact for a ramp that is linear within each year),
        ``launch_fraction_by_year`` (fraction of the fleet's launches flown in
        each year; launches after the horizon are put in the last year),
        ``end_fraction`` (in service at the end of the horizon),
        ``time_to_full_years`` (from the start of the horizon).
    """
    N = np.asarray(launches_needed, dtype=float)[..., None]
    L0 = np.asarray(launches_per_year, dtype=float)[..., None]
    g = np.asarray(growth_per_year, dtype=float)[..., None]
    d = np.asarray(development_years, dtype=float)[..., None]
    t = np.arange(years + 1, dtype=float)
    Ns = np.where(N > 0, N, 1.0)
    finite = np.isfinite(L0)
    L0f = np.where(finite, L0, 1.0)
    raw_edges = cumulative_launches(t - d, L0f, g) / Ns
    frac_edges = np.minimum(raw_edges, 1.0)
    a = frac_edges[..., :-1]
    b = raw_edges[..., 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(b > a, (1.0 - a) / (b - a), 1.0)
    avg_ramp = np.where(
        b < 1.0, 0.5 * (a + b), np.where(a >= 1.0, 1.0, s * 0.5 * (a + 1.0) + (1.0 - s))
    )
    # Unlimited cadence: the whole fleet goes up at t = d (a step).
    k = t[:-1]
    avg_step = np.clip(k + 1.0 - d, 0.0, 1.0)
    fraction = np.where(finite, avg_ramp, avg_step)
    end_step = np.where(years >= d[..., 0], 1.0, 0.0)
    end_fraction = np.where(finite[..., 0], frac_edges[..., -1], end_step)
    # Launch fraction flown in each year.
    step_launch = ((d >= k) & (d < k + 1.0)) | ((k == years - 1) & (d >= years))
    launch_frac = np.where(finite, np.diff(frac_edges, axis=-1), step_launch.astype(float))
    launch_frac[..., -1] += 1.0 - np.sum(launch_frac, axis=-1)
    ttf = d[..., 0] + np.where(
        finite[..., 0], time_to_launch(N[..., 0], L0f[..., 0], g[..., 0]), 0.0
    )
    return {
        "fraction_by_year": fraction,
        "launch_fraction_by_year": launch_frac,
        "end_fraction": end_fraction,
        "time_to_full_years": ttf,
    }
