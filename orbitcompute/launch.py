"""Launch: vehicle capacity, launches needed, cadence-limited deployment, price learning.

Pure functions on numpy arrays; every numeric argument may be a float or an
ndarray and arrays broadcast. Year-by-year results carry the year on a trailing
axis (year index 0 is the first year of launches). Catalog defaults come from
``data/launch_vehicles.csv`` through :func:`vehicle`; every number can be
overridden.

Conventions
-----------
- A launch carries at most ``capacity_kg`` of payload mass and
  ``fairing_volume_m3`` of payload volume (times ``packing_efficiency``); the
  limit that needs more launches is the *binding* one (``"mass"`` or
  ``"volume"``).
- Cadence: the program may fly ``launches_per_year * (1 + growth)**y`` launches in
  year ``y``, ``growth`` being the fraction by which the cadence grows each year
  (``cadence_growth_per_year``, 0.5 = +50 % a year; the orbital placement's
  ``launch_cadence_growth_per_year`` is the same fraction). Fractional cadences
  accumulate (2.5 per year gives 2, 5, 7, 10, ...
  cumulative launches at year ends). Within a year launches are spread evenly,
  which defines the fractional time to full deployment.
- Wright's law [1]_: ``price = p0 * (Q / Q0) ** log2(1 - learning_rate)`` where
  ``Q`` is cumulative launched mass and ``Q0`` the cumulative mass at which
  ``p0`` was quoted. A learning rate of 0.2 means each doubling of cumulative
  mass cuts the price to 0.8x. Below ``Q0`` the price stays ``p0``. ``Q0``
  defaults to one launch (:func:`launch_cost_by_year_usd`: ``mass_per_launch_kg``;
  :func:`deployment_plan`: ``capacity_kg``), as the orbital placement's
  ``launch_learning_reference_kg`` does: the list price is that of the program's
  first launch. Each launch is priced on the mass launched before it (the unit law:
  the program's launch ``j`` at ``Q = Q0 + j m``); a year's launches cost the sum of
  their unit prices, the first four of the program one by one and the rest by the
  lot-midpoint approximation [5]_ (within 0.05 % of the sum in every case tried, with
  ``Q0`` down to 1e-5 of a launch and learning up to 70 %).
- Falcon 9 and Falcon Heavy: the catalog's ``payload_leo_kg`` is the EXPENDABLE
  payload while ``price_usd_per_launch`` is the list price of the REUSABLE service
  (whose lower payload SpaceX does not publish), so ``price / payload`` is a floor
  of the price per kg, and launch counts and costs computed with this payload are
  low for a reusable service ([2]_; ``data/launch_vehicles.csv`` notes).

References
----------
.. [1] Wright, T. P., "Factors Affecting the Cost of Airplanes", Journal of the
   Aeronautical Sciences 3(4), 122-128, 1936.
.. [2] SpaceX, "Capabilities & Services" (2024): Falcon 9 22,800 kg to LEO
   (expendable) and a USD 69.75M list price (reusable); Falcon Heavy 63,800 kg
   (fully expendable) and USD 97M (reusable).
.. [3] SpaceX, "Falcon User's Guide" (2021), fig. 5-1 (fairing envelope).
.. [4] Rodgers, E. et al., "Space-Based Solar Power", NASA OTPS, Jan 2024:
   Starship USD 100M per launch; 104 launches per year (two per week).
.. [5] Camm, J. D., Evans, J. R. & Womer, N. K., "The unit learning curve
   approximation of total cost", Computers & Industrial Engineering 12(3),
   205-213, 1987: the cost of a lot of units as the integral of the unit curve
   between the lot's first unit - 1/2 and last unit + 1/2.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._counts import ROUND_ATOL, ROUND_TOL, ceil_count, floor_count
from orbitcompute._validate import (
    MAX_HORIZON_YEARS,
    broadcast_error,
    check_count,
    check_finite_result,
    check_limit,
    check_nonnegative,
    check_positive,
    check_range,
    check_whole_number,
    guarded,
)
from orbitcompute._years import cumsum_rows, cumsum_years
from orbitcompute.errors import InputError
from orbitcompute.finance import learning_exponent, wright_learning_price

__all__ = [
    "NUMERIC_COLUMNS",
    "deployment_plan",
    "deployment_ramp",
    "launch_co2_t",
    "launch_cost_by_year_usd",
    "launches_needed",
    "learned_price",
    "satellites_per_launch",
    "time_to_full_deployment_years",
    "vehicle",
]

NUMERIC_COLUMNS = (
    "payload_leo_kg",
    "payload_leo_kg_low",
    "payload_leo_kg_high",
    "payload_sso_kg",
    "fairing_volume_m3",
    "price_usd_per_launch",
    "price_usd_per_launch_low",
    "price_usd_per_launch_high",
    "price_usd_per_kg",
    "price_usd_per_kg_low",
    "price_usd_per_kg_high",
    "co2_t_per_launch",
)
"""Numeric columns of ``launch_vehicles.csv`` that :func:`vehicle` returns."""


def vehicle(name: str, **overrides: Any) -> dict[str, Any]:
    """Capacity and price of one catalog launch vehicle, with overrides.

    Parameters
    ----------
    name : str
        Catalog name in ``data/launch_vehicles.csv``, e.g. ``"falcon_9"``.
    **overrides : float or ndarray
        Replace any numeric column (see :data:`NUMERIC_COLUMNS`), e.g.
        ``price_usd_per_launch=np.array([5e6, 50e6, 100e6])``; finite, >= 0.

    Returns
    -------
    dict
        ``{column: float or ndarray}`` for each numeric column the catalog fills
        or that is overridden. Empty cells (no sourced number, e.g. Starship
        fairing volume or New Glenn price) are left out, never NaN. For
        ``"falcon_9"`` and ``"falcon_heavy"``, ``payload_leo_kg`` is the
        expendable payload and ``price_usd_per_launch`` the reusable list price:
        ``price_usd_per_kg`` is a floor, and a plan built on this payload and
        price undercounts the launches and the cost of a reusable service (give
        ``payload_leo_kg`` of the configuration the price buys, if known).

    Raises
    ------
    InputError
        Unknown vehicle (or not a string, e.g. a list of names) or column (with a
        did-you-mean), or a bad override.

    References
    ----------
    Sources per row: ``catalog.get("launch_vehicles", name).sources`` ([2]_-[4]_
    in the module docstring).

    Examples
    --------
    >>> vehicle("falcon_9")["payload_leo_kg"]
    22800.0
    """
    catalog.check_name("name", name, "launch_vehicles")
    return catalog.numbers(
        "launch_vehicles",
        name,
        NUMERIC_COLUMNS,
        overrides,
        what="a launch-vehicle column",
        nonnegative=True,
    )


@guarded("the launch counts")
def launches_needed(
    payload_mass_kg: float | np.ndarray,
    payload_volume_m3: float | np.ndarray = 0.0,
    *,
    capacity_kg: float | np.ndarray,
    fairing_volume_m3: float | np.ndarray = np.inf,
    packing_efficiency: float | np.ndarray = 1.0,
) -> dict[str, np.ndarray]:
    """Launches to lift a payload that can be split freely between launches.

    ``launches = max(ceil(M / m_cap), ceil(V / (eta * V_fairing)))``; the larger
    term is the binding constraint. A fleet of whole satellites needs more when a
    launch's capacity is not a whole number of satellites:
    ``ceil(n / satellites_per_launch(...))`` (e.g. 400 satellites of 10.2 t on a
    100 t vehicle: 9 a launch, 45 launches, where ``ceil(4,080 t / 100 t)`` = 41).

    Parameters
    ----------
    payload_mass_kg : float or ndarray
        Total mass to orbit [kg], >= 0.
    payload_volume_m3 : float or ndarray
        Total stowed volume [m3], >= 0 (0: volume not considered).
    capacity_kg : float or ndarray
        Payload mass per launch to the target orbit [kg], > 0.
    fairing_volume_m3 : float or ndarray
        Usable fairing volume [m3], > 0; ``np.inf`` (default) for no volume limit.
    packing_efficiency : float or ndarray
        Fraction of the fairing volume that payload can fill, in (0, 1].

    Returns
    -------
    dict of ndarray
        ``launches`` (whole launches), ``launches_by_mass``,
        ``launches_by_volume``, ``binding_constraint`` (``"mass"``,
        ``"volume"``, or ``"none"`` for an empty payload),
        ``mass_fill_fraction`` (mean mass per launch / capacity).

    Raises
    ------
    InputError
        A value outside its range; arrays that do not broadcast together; a
        launch count beyond float64 (e.g. ``payload_mass_kg=1e300`` with
        ``capacity_kg=1e-300``), naming those inputs.

    References
    ----------
    .. [1] SpaceX, Falcon User's Guide (2021), sec. 5 (fairing envelope) and
       Capabilities & Services (2024) (mass capacity).

    Examples
    --------
    100 t with Falcon 9 (22.8 t): 100/22.8 = 4.39 -> 5 launches, mass-bound.

    >>> float(launches_needed(100e3, capacity_kg=22800.0)["launches"])
    5.0
    """
    m = check_nonnegative("payload_mass_kg", payload_mass_kg, unit="kg")
    v = check_nonnegative("payload_volume_m3", payload_volume_m3, unit="m3")
    cap = check_positive("capacity_kg", capacity_kg, unit="kg")
    fv = check_limit("fairing_volume_m3", fairing_volume_m3, "m3", positive=True)
    eta = check_range("packing_efficiency", packing_efficiency, 0.0, 1.0, low_inclusive=False)
    with np.errstate(over="ignore"):  # reported below, naming the inputs
        launches, by_mass, by_vol = _launch_count(m, v, cap, fv, eta)
    check_finite_result(
        by_mass,
        "the launches by mass, payload_mass_kg / capacity_kg, overflow float64",
        payload_mass_kg=m,
        capacity_kg=cap,
    )
    check_finite_result(
        by_vol,
        "the launches by volume, payload_volume_m3 / fairing_volume_m3 / packing_efficiency, "
        "overflow float64",
        payload_volume_m3=v,
        fairing_volume_m3=fv,
        packing_efficiency=eta,
    )
    binding = np.where(by_vol > by_mass, "volume", "mass")
    binding = np.where(launches == 0, "none", binding)
    with np.errstate(invalid="ignore", divide="ignore"):
        fill = np.where(launches > 0, m / (np.maximum(launches, 1) * cap), 0.0)
    return {
        "launches": launches,
        "launches_by_mass": np.broadcast_to(by_mass, launches.shape).copy(),
        "launches_by_volume": np.broadcast_to(by_vol, launches.shape).copy(),
        "binding_constraint": binding,
        "mass_fill_fraction": fill,
    }


def _launch_count(
    m: np.ndarray, v: np.ndarray, cap: np.ndarray, fv: np.ndarray, eta: Any = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Launches, launches by mass and by volume of :func:`launches_needed` (checked inputs).

    ``eta=None`` is a packing efficiency of 1. The volume count is ``V / V_fairing /
    eta``, never NaN: 0 where ``V = 0`` or the fairing volume is inf (no limit), inf
    only where the finite count overflows float64.
    """
    by_mass = ceil_count(m / cap)
    by_vol = ceil_count(v / fv if eta is None else v / fv / eta)
    return np.asarray(np.maximum(by_mass, by_vol)), by_mass, by_vol


@guarded("the satellites per launch")
def satellites_per_launch(
    satellite_mass_kg: float | np.ndarray,
    satellite_volume_m3: float | np.ndarray = 0.0,
    *,
    capacity_kg: float | np.ndarray,
    fairing_volume_m3: float | np.ndarray = np.inf,
    packing_efficiency: float | np.ndarray = 1.0,
) -> dict[str, np.ndarray]:
    """Whole satellites that fit one launch, by mass and by volume.

    ``n = floor(min(m_cap / m_sat, eta * V_fairing / V_sat))``. A satellite
    heavier or bulkier than one launch gives ``n = 0`` and ``feasible = False``
    (not an exception, so arrays of designs can be evaluated).

    Parameters
    ----------
    satellite_mass_kg : float or ndarray
        Mass of one satellite [kg], > 0.
    satellite_volume_m3 : float or ndarray
        Stowed volume of one satellite [m3], >= 0 (0: not considered).
    capacity_kg, fairing_volume_m3, packing_efficiency
        As in :func:`launches_needed`.

    Returns
    -------
    dict of ndarray
        ``satellites_per_launch``, ``by_mass``, ``by_volume``,
        ``binding_constraint`` (``"mass"`` or ``"volume"``), ``feasible``.
        ``by_volume`` is ``inf`` where volume does not limit the count
        (``satellite_volume_m3 = 0``, volume not considered, or
        ``fairing_volume_m3 = inf``, the default: no volume limit); the count is
        then set by mass alone. ``by_mass`` is always finite.

    Raises
    ------
    InputError
        A value outside its range; arrays that do not broadcast together; a count
        beyond float64 (e.g. ``satellite_mass_kg=1e-300`` with ``capacity_kg=1e300``),
        naming those inputs.

    References
    ----------
    .. [1] SpaceX, Falcon User's Guide (2021), sec. 5.

    Examples
    --------
    740 kg Starlink-V2-mini-class satellites on a 22,800 kg vehicle:
    floor(22800 / 740) = 30.

    >>> float(satellites_per_launch(740.0, capacity_kg=22800.0)["satellites_per_launch"])
    30.0
    """
    ms = check_positive("satellite_mass_kg", satellite_mass_kg, unit="kg")
    vs = check_nonnegative("satellite_volume_m3", satellite_volume_m3, unit="m3")
    cap = check_positive("capacity_kg", capacity_kg, unit="kg")
    fv = check_limit("fairing_volume_m3", fairing_volume_m3, "m3", positive=True)
    eta = check_range("packing_efficiency", packing_efficiency, 0.0, 1.0, low_inclusive=False)
    with np.errstate(over="ignore"):  # reported below, naming the inputs
        by_mass = floor_count(cap / ms)
        by_vol = np.where(vs > 0, floor_count(eta * fv / np.where(vs > 0, vs, 1.0)), np.inf)
    check_finite_result(
        by_mass,
        "the satellites by mass, capacity_kg / satellite_mass_kg, overflow float64",
        capacity_kg=cap,
        satellite_mass_kg=ms,
    )
    check_finite_result(
        np.where(np.isinf(fv) | (vs == 0), 0.0, by_vol),  # inf there: no limit
        "the satellites by volume, packing_efficiency * fairing_volume_m3 / satellite_volume_m3, "
        "overflow float64",
        packing_efficiency=eta,
        fairing_volume_m3=fv,
        satellite_volume_m3=vs,
    )
    n = np.asarray(np.minimum(by_mass, by_vol))
    binding = np.where(by_vol < by_mass, "volume", "mass")
    return {
        "satellites_per_launch": n,
        "by_mass": np.broadcast_to(by_mass, n.shape).copy(),
        "by_volume": np.broadcast_to(by_vol, n.shape).copy(),
        "binding_constraint": binding,
        "feasible": n >= 1,
    }


def _check_years(years: Any) -> int:
    """A horizon in years: a whole number in [1, :data:`MAX_HORIZON_YEARS`]."""
    return check_whole_number("years", years, 1, MAX_HORIZON_YEARS, "years")


@guarded("the deployment ramps")
def deployment_ramp(
    launches_needed: float | np.ndarray,
    launches_per_year: float | np.ndarray,
    years: int,
    *,
    cadence_growth_per_year: float | np.ndarray = 0.0,
) -> dict[str, np.ndarray]:
    """Year-by-year launches under a cadence limit, until the payload is all up.

    In year ``y`` (0-based) the program may fly ``c_y = L * (1 + g)**y`` launches.
    Cumulative launches at the end of year ``y`` are
    ``min(floor(sum_{k<=y} c_k), N)``.

    Parameters
    ----------
    launches_needed : float or ndarray
        Whole launches to fly, ``N`` >= 0 (e.g. from :func:`launches_needed`).
    launches_per_year : float or ndarray
        Launches per year available to this program in year 0, ``L`` > 0.
    years : int
        Horizon length (number of year slots on the trailing axis), a whole number
        in [1, 1000] (``_validate.MAX_HORIZON_YEARS``); ``5`` or ``5.0``.
    cadence_growth_per_year : float or ndarray
        Fraction ``g`` >= 0 by which the available cadence grows each year (0.5 =
        +50 % a year; 0, the default: a constant cadence).

    Returns
    -------
    dict of ndarray
        Arrays with shape ``broadcast(inputs) + (years,)``:
        ``launches_by_year``, ``cumulative_launches``, ``fraction_deployed``
        (cumulative / N; 1 where N = 0), ``cadence_limit_by_year``; and, without
        the year axis, ``time_to_full_years`` (see
        :func:`time_to_full_deployment_years`) and ``deployed_within_horizon``
        (the last year's cumulative launches reach ``N``).
        All finite.

    Raises
    ------
    InputError
        A value outside its range; arrays that do not broadcast together; a
        cadence limit ``L * (1 + g)**(years - 1)`` or a time to full deployment beyond
        float64 (e.g. ``cadence_growth_per_year=1e300``), naming the inputs.

    References
    ----------
    .. [1] Rodgers et al., NASA OTPS "Space-Based Solar Power" (2024),
       sec. 2.1.2: a fixed launch cadence (two per week) sets the assembly time.

    Examples
    --------
    N = 10 at 4 per year: 4, 4, 2 launches; full after 2 + 2/4 = 2.5 years.

    >>> r = deployment_ramp(10, 4, 4)
    >>> r["launches_by_year"], float(r["time_to_full_years"])
    (array([4., 4., 2., 0.]), 2.5)
    """
    n = check_count("launches_needed", launches_needed)
    lpy = check_positive("launches_per_year", launches_per_year, unit="launches/year")
    g = check_nonnegative("cadence_growth_per_year", cadence_growth_per_year)
    ny = _check_years(years)
    n_, lpy_, g_ = np.broadcast_arrays(n, lpy, g)
    factor = 1.0 + g_
    with np.errstate(over="ignore", invalid="ignore"):  # reported below, naming the inputs
        cadence, cum = _ramp_core(n_, lpy_, factor, ny)
        t_full = _time_to_full(n_, lpy_, factor)
    check_finite_result(
        cadence[..., -1],  # (the largest: 1 + g >= 1)
        "the cadence limit, launches_per_year * (1 + cadence_growth_per_year)**(years - 1), "
        "overflows float64",
        launches_per_year=lpy_,
        cadence_growth_per_year=g_,
        years=np.asarray(float(ny)),
    )
    _check_time(t_full, n_, lpy_, g_)
    by_year = np.diff(cum, axis=-1, prepend=0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(n_[..., None] > 0, cum / np.where(n_ > 0, n_, 1.0)[..., None], 1.0)
    return {
        "launches_by_year": by_year,
        "cumulative_launches": cum,
        "fraction_deployed": frac,
        "cadence_limit_by_year": cadence,
        "time_to_full_years": t_full,
        # the year-end count (a slack on t_full <= years would swallow a launch above 1e12)
        "deployed_within_horizon": cum[..., -1] >= n_,
    }


def _ramp_core(
    n: np.ndarray, lpy: np.ndarray, g: np.ndarray, ny: int
) -> tuple[np.ndarray, np.ndarray]:
    """Cadence limit and cumulative launches by year of :func:`deployment_ramp`.

    Inputs already checked; they broadcast. :func:`_ramp_rows` with the year last.
    """
    return tuple(np.ascontiguousarray(np.moveaxis(x, 0, -1)) for x in _ramp_rows(n, lpy, g, ny))


def _ramp_rows(
    n: np.ndarray, lpy: np.ndarray, g: np.ndarray, ny: int, out: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_ramp_core` year first: cadence ``lpy g**y`` and cumulative launches, ``g``
    being the yearly cadence FACTOR ``1 + growth``.

    Both are (ny, *shape) for the broadcast shape of ``n``, ``lpy`` and ``g``; the
    cumulative launches ``min(floor(sum of cadence), n)`` are written into ``out``
    when given (e.g. a view of a larger buffer). Year first, each step is a whole-row
    operation over the samples.
    """
    shape = np.broadcast_shapes(np.shape(n), np.shape(lpy), np.shape(g))
    powers = np.moveaxis(np.asarray(g)[..., None] ** np.arange(ny, dtype=float), -1, 0)
    powers = powers.reshape((ny,) + (1,) * (len(shape) + 1 - powers.ndim) + powers.shape[1:])
    cadence = np.multiply(powers, lpy, out=np.empty((ny, *shape)))
    cum = np.empty((ny, *shape)) if out is None else out
    cumsum_rows(cadence, out=cum)
    if np.any(n > ROUND_ATOL / ROUND_TOL):  # (beyond n the counts are capped at n)
        np.copyto(cum, floor_count(cum))
    else:  # floor_count, in place: there the absolute cap of its slack does not act
        np.multiply(cum, 1.0 + ROUND_TOL, out=cum)
        np.floor(cum, out=cum)
    np.minimum(cum, n, out=cum)
    return cadence, cum


@guarded("the times to full deployment")
def time_to_full_deployment_years(
    launches_needed: float | np.ndarray,
    launches_per_year: float | np.ndarray,
    *,
    cadence_growth_per_year: float | np.ndarray = 0.0,
) -> np.ndarray:
    """Time to fly ``N`` launches at a cadence ``L * (1 + g)**y`` per year [years].

    Closed form, no horizon needed. With the yearly factor ``r = 1 + g`` and the
    cumulative capacity after ``k`` whole years ``S_k = L k`` (``g = 0``) or
    ``L (r**k - 1)/(r - 1)``, let ``k`` be the first year with ``S_k >= N``;
    launches in year ``k-1`` are spread evenly, so
    ``t = (k - 1) + (N - S_{k-1}) / (L r**(k-1))``. ``N = 0`` gives 0.

    Parameters
    ----------
    launches_needed : float or ndarray
        Launches to fly, ``N`` >= 0 (a fractional count is spread like a whole one).
    launches_per_year : float or ndarray
        Launches per year available in year 0, ``L`` > 0 [launches/year].
    cadence_growth_per_year : float or ndarray
        Fraction ``g`` >= 0 by which the cadence grows each year (0.5 = +50 % a
        year; 0, the default: a constant cadence).

    Returns
    -------
    ndarray
        Time from the first launch until all ``N`` have flown [years], finite and
        >= 0. With growth (``g > 0``) it is at most ~1e15 years, even where
        intermediate sums overflow float64 (they are then evaluated in logarithms).

    Raises
    ------
    InputError
        A value outside its range; arrays that do not broadcast together; a time
        ``N / L`` beyond float64 at a constant cadence (e.g. ``launches_needed=1e10``,
        ``launches_per_year=1e-300``), naming the three inputs.

    References
    ----------
    .. [1] Geometric series sum; Rodgers et al., NASA OTPS (2024), sec. 2.1.2
       (assembly time from launch count and cadence).

    Examples
    --------
    >>> float(time_to_full_deployment_years(10, 4))
    2.5
    """
    n = check_nonnegative("launches_needed", launches_needed)
    lpy = check_positive("launches_per_year", launches_per_year, unit="launches/year")
    g = check_nonnegative("cadence_growth_per_year", cadence_growth_per_year)
    with np.errstate(over="ignore", invalid="ignore"):  # reported below, naming the inputs
        t = _time_to_full(n, lpy, 1.0 + g)
    _check_time(t, n, lpy, g)
    return t


def _check_time(t: np.ndarray, n: np.ndarray, lpy: np.ndarray, g: np.ndarray) -> None:
    """Raise if a time to full deployment overflowed float64 (only at constant cadence).

    ``g`` is the growth fraction the caller was given (named in the message).
    """
    check_finite_result(
        t,
        "the time to full deployment (launches_needed / launches_per_year years at a "
        "constant cadence) overflows float64",
        launches_needed=n,
        launches_per_year=lpy,
        cadence_growth_per_year=g,
    )


def _time_to_full(n: np.ndarray, lpy: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Closed form of :func:`time_to_full_deployment_years` on checked inputs, ``g``
    being the yearly cadence FACTOR ``1 + growth`` (>= 1).

    With growth (``g > 1``) the time is always finite (at most ~1e15 years) even where
    ``N (g - 1) / L``, ``L g**(k-1)`` or ``S_{k-1}`` overflow float64 (huge ``N``,
    ``L`` or ``g``): those elements are recomputed in logarithms,
    ``t = (k - 1) + N / (L g**(k-1)) - (1 - g**-(k-1)) / (g - 1)``. At a constant
    cadence the time is ``N / L``; where that overflows, numpy's overflow (raised
    under ``errstate(over="raise")``) is a true one and the result is not finite.
    """
    if np.all(np.abs(g - 1.0) <= 1e-12):
        # Constant cadence everywhere: the g = 1 branch below, alone (same numbers:
        # the growth branch is masked out and ``exp(0) = 1``).
        shape = np.broadcast_shapes(np.shape(n), np.shape(lpy), np.shape(g))
        n = np.broadcast_to(n, shape)
        k = np.maximum(ceil_count(n / lpy), 1.0)
        t = (k - 1.0) + (n - lpy * (k - 1.0)) / lpy
        return np.where(n > 0, t, 0.0)
    n, lpy, g = np.broadcast_arrays(n, lpy, g)
    flat = np.isclose(g, 1.0, rtol=0.0, atol=1e-12)
    gm1 = np.where(flat, 1.0, g - 1.0)
    lng = np.where(flat, 1.0, np.log(np.where(flat, 2.0, g)))
    # k = first whole year with S_k >= N (only a constant cadence can overflow here)
    k_flat = ceil_count(np.where(flat, n, 0.0) / lpy)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # growth: see below
        x = n * gm1 / lpy
        log1p_x = np.log1p(x)
        if not np.all(np.isfinite(x)):  # log(1 + x) = logaddexp(0, log x)
            big = ~np.isfinite(x)
            log_x = np.log(np.where(big, n, 1.0)) + np.log(gm1) - np.log(lpy)
            log1p_x = np.where(big, np.logaddexp(0.0, log_x), log1p_x)
        k_grow = ceil_count(log1p_x / lng)
        k = np.where(flat, k_flat, k_grow)
        k = np.maximum(k, 1.0)
        expo = np.where(flat, 0.0, (k - 1.0) * lng)
        s_prev = np.where(flat, lpy * (k - 1.0), lpy * np.expm1(expo) / gm1)
        c_last = lpy * np.exp(expo)
        t = (k - 1.0) + (n - s_prev) / c_last
        if not (np.all(np.isfinite(s_prev)) and np.all(np.isfinite(c_last))):
            # (N - S_{k-1}) / c_{k-1} = N / (L g**(k-1)) - (1 - g**-(k-1)) / (g - 1)
            big = ~(flat | (np.isfinite(s_prev) & np.isfinite(c_last)))
            with np.errstate(divide="ignore"):  # log(0) = -inf: a zero N gives 0 below
                log_n = np.log(np.where(big, n, 1.0))
            frac = np.exp(log_n - np.log(lpy) - expo) + np.expm1(-expo) / gm1
            t = np.where(big, (k - 1.0) + frac, t)
    return np.where(n > 0, t, 0.0)


@guarded("the learned prices")
def learned_price(
    initial_price: float | np.ndarray,
    cumulative_mass_kg: float | np.ndarray,
    reference_mass_kg: float | np.ndarray,
    learning_rate: float | np.ndarray,
) -> np.ndarray:
    """Launch price after Wright's-law learning on cumulative launched mass.

    ``p = p0 * (Q / Q0) ** log2(1 - learning_rate)`` for ``Q >= Q0`` and ``p0``
    below ``Q0`` [1]_. Works for a price per launch or per kg alike (the
    multiplier is the same).

    Parameters
    ----------
    initial_price : float or ndarray
        Price quoted when cumulative launched mass was ``Q0`` [USD or USD/kg].
    cumulative_mass_kg : float or ndarray
        Cumulative launched mass ``Q`` [kg], >= 0.
    reference_mass_kg : float or ndarray
        ``Q0`` [kg], > 0.
    learning_rate : float or ndarray
        Fractional price drop per doubling of ``Q``, in [0, 1).

    Returns
    -------
    ndarray
        Price in the unit of ``initial_price``, <= ``initial_price``.

    Raises
    ------
    InputError
        A value outside its range, or arrays that do not broadcast together (named
        as spelled here).

    References
    ----------
    .. [1] Wright (1936), Journal of the Aeronautical Sciences 3(4), 122-128.

    Examples
    --------
    20 % learning: doubling the cumulative mass gives 0.8x the price.

    >>> float(learned_price(100.0, 2e6, 1e6, 0.2))
    80.0
    """
    err = broadcast_error(  # before finance, which would name its own parameters
        {
            "initial_price": initial_price,
            "cumulative_mass_kg": cumulative_mass_kg,
            "reference_mass_kg": reference_mass_kg,
            "learning_rate": learning_rate,
        }
    )
    if err is not None:
        raise err
    return wright_learning_price(
        initial_price,
        cumulative_mass_kg,
        reference_mass_kg,
        learning_rate,
        names=_LEARNED_PRICE_NAMES,
    )


#: How :func:`learned_price` spells the parameters of ``finance.wright_learning_price``.
_LEARNED_PRICE_NAMES = {
    "cumulative_quantity": "cumulative_mass_kg",
    "reference_quantity": "reference_mass_kg",
}


@guarded("the launch costs")
def launch_cost_by_year_usd(
    launches_by_year: np.ndarray,
    price_usd_per_launch: float | np.ndarray,
    *,
    mass_per_launch_kg: float | np.ndarray = 0.0,
    reference_mass_kg: float | np.ndarray | None = None,
    learning_rate: float | np.ndarray = 0.0,
) -> np.ndarray:
    """Launch spending by year, with optional Wright's-law learning.

    Each launch is priced on the mass this program launched before it, added to
    ``reference_mass_kg`` (the cumulative mass behind the quoted price): the
    program's launch ``j`` (``j = 0`` first) costs ``learned_price(p0, Q0 + j m,
    Q0, LR)`` [1]_, and year ``y`` the sum over its launches ``j = A_y .. B_y - 1``
    (``A_y`` launches before it). The first four launches of the program are
    priced one by one, the rest of a year's as a lot: ``(p0 / m)`` times the
    integral of ``(Q / Q0)**b`` from ``Q0 + (A - 1/2) m`` to ``Q0 + (B - 1/2) m``,
    less the midpoint rule's first error term (Camm, Evans & Womer 1987 [2]_); a
    fractional count takes its share of a launch. Within 0.05 % of the exact sum in
    every case tried (``Q0`` from 1e-5 to 10 launches, learning up to 70 %; 1e-5
    for one launch as ``Q0`` and 20 %). With ``learning_rate = 0`` this is
    ``n_y * p0`` exactly. By default ``Q0`` is one launch, ``m``: e.g. 4, 4, 2
    launches of 1e5 kg at USD 50M and 20 % learning cost 50M (1 + 2**b + 3**b +
    4**b) = 157.1M, 50M (5**b + ... + 8**b) = 110.2M and 50M (9**b + 10**b) =
    48.5M, ``b = log2(0.8)``: 39.3M, 27.5M and 24.2M a launch. (Pricing a whole
    year at the mass launched before it, as before, gave 50M, 29.8M and 24.6M: 17 %
    more over the ten launches, 82 % more for 416 launches at 100 a year.)

    Parameters
    ----------
    launches_by_year : ndarray
        Launches per year, year on the trailing axis, >= 0.
    price_usd_per_launch : float or ndarray
        Price of one launch at ``Q0`` [USD], >= 0 (broadcast over leading axes).
    mass_per_launch_kg : float or ndarray
        Mass per launch used for learning [kg], >= 0 (0, the default: the
        cumulative mass does not grow, so there is no learning).
    reference_mass_kg : float or ndarray or None
        ``Q0`` [kg], > 0; default ``None``: one launch, ``mass_per_launch_kg``
        (where that is 0, nothing is learned whatever ``Q0``), as the orbital
        placement's ``launch_learning_reference_kg`` defaults to one launch. A
        ``Q0`` far below one launch compounds many doublings into the first
        launches (``Q0 = 1 kg`` with 1e5 kg launches is 18 doublings before the
        second year's).
    learning_rate : float or ndarray
        In [0, 1).

    Returns
    -------
    ndarray
        Spending per year [USD], same trailing year axis; the leading axes are
        ``broadcast(launches_by_year.shape[:-1], <shapes of the other inputs>)``.

    Raises
    ------
    InputError
        A value outside its range; a scalar ``launches_by_year``; leading axes that
        do not broadcast with the other inputs; spending beyond float64.

    References
    ----------
    .. [1] Wright (1936), Journal of the Aeronautical Sciences 3(4).
    .. [2] Camm, Evans & Womer, Computers & Industrial Engineering 12(3), 205-213,
       1987.
    """
    n = check_nonnegative("launches_by_year", launches_by_year)
    if n.ndim == 0:
        raise InputError("launches_by_year: must have a trailing year axis (an array)")
    p0 = check_nonnegative("price_usd_per_launch", price_usd_per_launch, unit="USD")
    m = check_nonnegative("mass_per_launch_kg", mass_per_launch_kg, unit="kg")
    if reference_mass_kg is None:  # one launch (any Q0 > 0 where m = 0: nothing learned)
        q0 = np.where(m > 0, m, 1.0)
    else:
        q0 = check_positive("reference_mass_kg", reference_mass_kg, unit="kg")
    lr = check_range("learning_rate", learning_rate, 0.0, 1.0, high_inclusive=False)
    _check_design_shapes(
        n.shape[:-1],
        price_usd_per_launch=p0,
        mass_per_launch_kg=m,
        reference_mass_kg=q0,
        learning_rate=lr,
    )
    return _launch_cost_core(n, p0, m, q0, lr)


def _check_design_shapes(lead: tuple[int, ...], **inputs: np.ndarray) -> None:
    """Raise unless the per-design ``inputs`` broadcast with ``launches_by_year``'s leading axes."""
    try:
        np.broadcast_shapes(lead, *(np.shape(v) for v in inputs.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in inputs.items() if np.ndim(v))
        raise InputError(
            f"array arguments do not broadcast together: launches_by_year's leading axes "
            f"{lead} (its last axis is the year), {shapes}"
        ) from None


def _launch_cost_core(
    n: np.ndarray, p0: np.ndarray, m: np.ndarray, q0: np.ndarray, lr: np.ndarray
) -> np.ndarray:
    """:func:`launch_cost_by_year_usd` on checked inputs."""
    shape = np.broadcast_shapes(n.shape, *((*np.shape(v), 1) for v in (p0, m, q0, lr)))
    flat = n * p0[..., None]  # no learning: the Wright multiplier is 1 exactly
    if not np.any(lr):
        return flat if flat.shape == shape else np.broadcast_to(flat, shape).copy()
    # The program's launches j = A .. B - 1 in a year: its first _EXACT_UNITS launches
    # (j = 0 at Q0, the list price) one by one, the others as one lot, (p0 / m) times
    # the integral of the multiplier over [Q0 + (A' - 1/2) m, Q0 + (B' - 1/2) m],
    # A' = max(A, K), B' = max(B, K) (the lot-midpoint approximation of the sum of unit
    # prices, Camm, Evans & Womer 1987), less the midpoint rule's first error term;
    # whole or fractional counts alike
    b = learning_exponent(lr)[..., None]
    q0_, m_ = q0[..., None], m[..., None]
    end = cumsum_years(n)
    start = end - n
    units = np.zeros(np.broadcast_shapes(end.shape, q0_.shape, m_.shape, b.shape))
    with np.errstate(divide="ignore", invalid="ignore"):
        for j in range(_EXACT_UNITS):  # a fixed count of units, not a loop over samples
            share = np.clip(np.minimum(end, j + 1.0) - np.maximum(start, float(j)), 0.0, 1.0)
            units += share * np.exp(b * np.log1p(j * m_ / q0_))
        k = float(_EXACT_UNITS)
        q_hi = q0_ + (np.maximum(end, k) - 0.5) * m_  # >= Q0 + (K - 1/2) m
        q_lo = q0_ + (np.maximum(start, k) - 0.5) * m_
        lot = (_multiplier_integral(q_hi, q0_, b) - _multiplier_integral(q_lo, q0_, b)) / m_
        # the midpoint rule's first error term, -(f'(B' - 1/2) - f'(A' - 1/2)) / 24 in
        # launches, f' = m b (Q / Q0)**b / Q
        slope = m_ * b * (np.exp(b * np.log(q_hi / q0_)) / q_hi
                          - np.exp(b * np.log(q_lo / q0_)) / q_lo)  # fmt: skip
    lot = lot - slope / 24.0
    learned = (lr[..., None] > 0) & (m_ > 0) & (n > 0)
    return np.where(learned, p0[..., None] * (units + lot), flat) + np.zeros(shape)


#: Launches at the start of a program priced one by one under learning (the lot
#: approximation is poorest where the curve is steepest, at the first units).
_EXACT_UNITS = 4


def _multiplier_integral(q: np.ndarray, q0: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``int_{Q0}^{Q} (x / Q0)**b dx`` [kg] for ``Q >= Q0`` (the lot's bounds, at least
    ``Q0 + (K - 1/2) m``): ``Q0 ((Q / Q0)**(b + 1) - 1) / (b + 1)`` (``Q0 ln(Q / Q0)`` at
    ``b = -1``), through ``expm1`` of the logarithm so that neither a ratio beyond
    float64 nor ``b`` near -1 loses it."""
    log_x = np.log(q) - np.log(q0)  # >= 0
    c = b + 1.0
    tail = np.where(c == 0.0, log_x, np.expm1(c * log_x) / np.where(c == 0.0, 1.0, c))
    return q0 * tail


@guarded("the launch CO2 emissions")
def launch_co2_t(launches: float | np.ndarray, co2_t_per_launch: float | np.ndarray) -> np.ndarray:
    """CO2 from launches: ``launches * co2_t_per_launch`` [t].

    No vehicle in ``launch_vehicles.csv`` has a sourced per-launch CO2 yet, so
    ``co2_t_per_launch`` must be given explicitly.

    Parameters
    ----------
    launches : float or ndarray
        Number of launches [-], >= 0 (fractional values allowed, e.g. an average).
    co2_t_per_launch : float or ndarray
        CO2 emitted per launch [t], >= 0, on the basis (direct or lifecycle) the
        caller chooses.

    Returns
    -------
    ndarray
        CO2 [t], on the basis of ``co2_t_per_launch``.

    Raises
    ------
    InputError
        A negative or non-finite value, arrays that do not broadcast together, or a
        product beyond float64.

    References
    ----------
    .. [1] Rodgers et al., NASA OTPS "Space-Based Solar Power" (2024), sec. 3
       (launch greenhouse-gas emissions per Starship flight, lifecycle basis).
    """
    n = check_nonnegative("launches", launches)
    c = check_nonnegative("co2_t_per_launch", co2_t_per_launch, unit="t")
    return n * c


@guarded("the deployment plan's numbers")
def deployment_plan(
    payload_mass_kg: float | np.ndarray,
    *,
    capacity_kg: float | np.ndarray,
    price_usd_per_launch: float | np.ndarray,
    launches_per_year: float | np.ndarray,
    years: int,
    payload_volume_m3: float | np.ndarray = 0.0,
    fairing_volume_m3: float | np.ndarray = np.inf,
    packing_efficiency: float | np.ndarray = 1.0,
    cadence_growth_per_year: float | np.ndarray = 0.0,
    reference_mass_kg: float | np.ndarray | None = None,
    learning_rate: float | np.ndarray = 0.0,
) -> dict[str, np.ndarray]:
    """Launches, year-by-year ramp and launch cost for a payload, in one call.

    Chains :func:`launches_needed`, :func:`deployment_ramp` and
    :func:`launch_cost_by_year_usd`. Mass is spread evenly over the launches
    (``payload_mass_kg / launches`` each).

    Parameters
    ----------
    payload_mass_kg : float or ndarray
        Total mass to orbit [kg], >= 0.
    capacity_kg : float or ndarray
        Payload mass per launch [kg], > 0.
    price_usd_per_launch : float or ndarray
        Price of one launch at ``reference_mass_kg`` of cumulative launched mass
        [USD], >= 0 (by default: the price of the first launch).
    launches_per_year : float or ndarray
        Launches per year available to this program in year 0, > 0.
    years : int
        Horizon (year slots on the trailing axis), a whole number in [1, 1000].
    payload_volume_m3, fairing_volume_m3, packing_efficiency
        As in :func:`launches_needed`.
    cadence_growth_per_year : float or ndarray
        As in :func:`deployment_ramp`: the fraction by which the cadence grows each
        year, >= 0.
    reference_mass_kg, learning_rate
        As in :func:`launch_cost_by_year_usd`: ``Q0`` [kg] > 0 and the Wright
        learning rate in [0, 1) (0, the default: no learning). ``Q0`` defaults
        (``None``) to one launch, ``capacity_kg``, as the orbital placement's
        ``launch_learning_reference_kg`` defaults to the payload per launch.

    All numeric arguments except ``years`` are per design: they broadcast together.

    Returns
    -------
    dict of ndarray
        ``launches``, ``binding_constraint``, ``time_to_full_years``,
        ``deployed_within_horizon``, ``launch_cost_usd`` (sum over the horizon),
        and on a trailing year axis: ``launches_by_year``,
        ``cumulative_mass_kg``, ``fraction_deployed``,
        ``launch_cost_by_year_usd``.

    Raises
    ------
    InputError
        A value outside its range; arrays that do not broadcast together; a
        number beyond float64, naming the inputs (e.g. ``payload_mass_kg=1e300``
        with ``capacity_kg=1e-300``: the launch count).

    References
    ----------
    .. [1] Wright (1936); SpaceX Capabilities & Services (2024); Rodgers et al.,
       NASA OTPS (2024). See the module docstring.

    Examples
    --------
    >>> p = deployment_plan(1e6, capacity_kg=1e5, price_usd_per_launch=5e7,
    ...                     launches_per_year=4, years=4)
    >>> p["launches_by_year"], float(p["launch_cost_usd"])
    (array([4., 4., 2., 0.]), 500000000.0)

    With 20 % learning from the first launch (``Q0`` = one launch, 1e5 kg), the
    launch ``k`` of the program costs ``50M * k**log2(0.8)``; per launch, each
    year's mean (see :func:`launch_cost_by_year_usd`):

    >>> p = deployment_plan(1e6, capacity_kg=1e5, price_usd_per_launch=5e7,
    ...                     launches_per_year=4, years=3, learning_rate=0.2)
    >>> (p["launch_cost_by_year_usd"] / p["launches_by_year"]).round(-4)
    array([39280000., 27550000., 24240000.])
    """
    err = broadcast_error(  # all per design; checked before the helpers name their own
        {
            "payload_mass_kg": payload_mass_kg,
            "capacity_kg": capacity_kg,
            "price_usd_per_launch": price_usd_per_launch,
            "launches_per_year": launches_per_year,
            "payload_volume_m3": payload_volume_m3,
            "fairing_volume_m3": fairing_volume_m3,
            "packing_efficiency": packing_efficiency,
            "cadence_growth_per_year": cadence_growth_per_year,
            "reference_mass_kg": reference_mass_kg,
            "learning_rate": learning_rate,
        }
    )
    if err is not None:
        raise err
    need = launches_needed(
        payload_mass_kg,
        payload_volume_m3,
        capacity_kg=capacity_kg,
        fairing_volume_m3=fairing_volume_m3,
        packing_efficiency=packing_efficiency,
    )
    n = need["launches"]
    m = np.asarray(payload_mass_kg, dtype=float)
    ramp = deployment_ramp(
        n, launches_per_year, years, cadence_growth_per_year=cadence_growth_per_year
    )
    mass_per_launch = np.where(n > 0, m / np.where(n > 0, n, 1.0), 0.0)
    lead = np.broadcast_shapes(n.shape, ramp["launches_by_year"].shape[:-1])
    mpl = np.broadcast_to(mass_per_launch, lead)
    # launch_cost_by_year_usd, called on its core so that an overflow is reported by
    # this function's guard, naming this function's inputs
    p0 = check_nonnegative("price_usd_per_launch", price_usd_per_launch, unit="USD")
    if reference_mass_kg is None:  # one launch, as the orbital placement's default
        q0 = check_positive("capacity_kg", capacity_kg, unit="kg")
    else:
        q0 = check_positive("reference_mass_kg", reference_mass_kg, unit="kg")
    lr = check_range("learning_rate", learning_rate, 0.0, 1.0, high_inclusive=False)
    cost_by_year = _launch_cost_core(ramp["launches_by_year"], p0, mpl, q0, lr)
    lead = cost_by_year.shape[:-1]
    ny = cost_by_year.shape[-1]

    def _b(a: np.ndarray, year_axis: bool = False) -> np.ndarray:
        return np.broadcast_to(a, (*lead, ny) if year_axis else lead).copy()

    return {
        "launches": _b(n),
        "binding_constraint": _b(need["binding_constraint"]),
        "time_to_full_years": _b(ramp["time_to_full_years"]),
        "deployed_within_horizon": _b(ramp["deployed_within_horizon"]),
        "launches_by_year": _b(ramp["launches_by_year"], True),
        "cumulative_mass_kg": _b(ramp["cumulative_launches"] * mpl[..., None], True),
        "fraction_deployed": _b(ramp["fraction_deployed"], True),
        "launch_cost_by_year_usd": cost_by_year,
        "launch_cost_usd": cost_by_year.sum(axis=-1),
    }
