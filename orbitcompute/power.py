"""Orbital power: solar arrays and batteries sized over the whole mission.

Two layers:

* low-level pure functions on plain numbers / arrays (flux with the seasonal
  1/r^2 change, cosine loss, cell temperature from the array's own radiative
  balance, degradation, SMAD array power, depth of discharge versus cycle count,
  battery capacity), testable without the orbit module;
* :func:`size_power_system_for_eclipse`, which sizes array, battery and PMAD from
  plain eclipse numbers, and :func:`size_power_system`, which takes an
  :class:`orbitcompute.orbit.Orbit`, asks :func:`orbitcompute.orbit.eclipse_summary`
  for the day-by-day eclipse profile and sizes for the worst day of the year
  (longest eclipse combined with that day's Earth-Sun distance), not the average.

Catalog defaults come from ``data/solar_arrays.csv`` and ``data/batteries.csv``;
every catalog number can be overridden by a keyword argument.

Conventions: powers in W, energies in Wh (the suffix says so), durations in s,
temperatures in K, fractions in (0, 1]. Every numeric argument may be a float or
an ndarray; arrays broadcast.

References
----------
.. [1] J. R. Wertz and W. J. Larson (eds.), *Space Mission Analysis and Design*,
   3rd ed., Microcosm/Kluwer, 1999, section 11.4 (Eq. 11-5 array power with
   path efficiencies, Eq. 11-6 battery capacity).
.. [2] P. Fortescue, G. Swinerd, J. Stark, *Spacecraft Systems Engineering*,
   4th ed., Wiley, 2011, ch. 10-11 (array temperature, Table 11.3 cell alpha/eps).
.. [3] The Astronomical Almanac, section C, low-precision formulas for the Sun.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    as_float_array,
    check_choice,
    check_fraction,
    check_nonnegative,
    check_positive,
    check_range,
    check_whole_number,
    did_you_mean,
    first_where,
    guarded,
    short_repr,
)
from orbitcompute.constants import (
    EARTH_MU_KM3_PER_S2,
    EARTH_RADIUS_KM,
    SECONDS_PER_DAY,
    SOLAR_CONSTANT_W_PER_M2,
    STEFAN_BOLTZMANN_W_PER_M2_K4,
)
from orbitcompute.errors import InputError

__all__ = [
    "CELL_REFERENCE_TEMPERATURE_K",
    "DEFAULT_ARRAY",
    "DEFAULT_BATTERY",
    "DEFAULT_PMAD_KG_PER_KW",
    "MAX_ALTITUDE_KM",
    "MAX_PROFILE_DAYS",
    "MIN_ALTITUDE_KM",
    "MIN_END_OF_LIFE_FRACTION",
    "PATH_EFFICIENCIES",
    "PERIHELION_AU",
    "SUN_DISTANCE_YEAR_RANGE",
    "array_power_per_m2_w",
    "array_power_required_w",
    "battery_capacity_wh",
    "cell_temperature_k",
    "cosine_loss",
    "degradation_factor",
    "depth_of_discharge_for_cycles",
    "eclipse_duration_s",
    "orbital_period_s",
    "size_power_system",
    "size_power_system_for_eclipse",
    "solar_flux_w_per_m2",
    "sun_distance_au_from_day",
    "sunlit_fraction",
    "temperature_factor",
]

#: Reference cell temperature of AM0 ratings, 28 C [K].
CELL_REFERENCE_TEMPERATURE_K = 301.15
#: SMAD path efficiencies (X_e, X_d): array->battery->load in eclipse and
#: array->load in daylight, for direct energy transfer and peak-power tracking [1]_.
PATH_EFFICIENCIES: dict[str, tuple[float, float]] = {"det": (0.65, 0.85), "ppt": (0.60, 0.80)}
#: Default PMAD specific mass [kg per kW of load], used when ``pmad_kg_per_kw`` is
#: None: the catalog's ``bus.csv`` row ``pmad_kg_per_kw`` (5 kg/kW, an estimate at the
#: top of published megawatt-class power-processing figures, 1.76-40 kg/kW; see the
#: row's sources and note). Old small-spacecraft surveys give 40 kg/kW and more.
DEFAULT_PMAD_KG_PER_KW: float | None = None
DEFAULT_ARRAY = "flexible_rosa_class"
DEFAULT_BATTERY = "space_li_ion_battery_class"

_ARRAY_COLUMNS = (
    "cell_efficiency",
    "packing_factor",
    "inherent_degradation",
    "degradation_per_year",
    "temperature_coefficient_per_k",
    "cell_absorptivity",
    "cell_emissivity",
    "areal_density_kg_per_m2",
)
_BATTERY_COLUMNS = (
    "specific_energy_wh_per_kg",
    "depth_of_discharge",
    "cycle_life",
    "depth_of_discharge_high_cycle",
    "cycle_life_high_cycle",
    "discharge_efficiency",
)
_NEWTON_ITERATIONS = 5
_BISECTIONS = 64
#: Highest altitude of the circular-orbit geometry here (:func:`orbital_period_s`,
#: :func:`sunlit_fraction`, :func:`eclipse_duration_s`) and of the Earth view factors of
#: :mod:`orbitcompute.thermal` [km]: an orbit about the Earth alone, with its shadow and
#: view of the Earth, is nonsense well beyond the Moon (384,400 km), where the Sun's and
#: the Moon's pull dominate. The same bound as the orbit package's
#: ``orbitcompute.orbit.elements.MAX_ALTITUDE_KM``; it also keeps ``a**3`` and
#: ``H**2`` far from float overflow (which altitudes near 1e100 km and more reach).
MAX_ALTITUDE_KM = 400_000.0
#: Lowest altitude of the circular-orbit geometry here [km]: the orbit package's
#: ``orbitcompute.orbit.elements.MIN_ALTITUDE_KM`` (mirrored, not imported, so that the
#: power module does not load the orbit package; a test checks that the two agree), so
#: that both answer the same question over the same range. Below ~100 km (the Karman
#: line) drag brings an orbit down within hours.
MIN_ALTITUDE_KM = 100.0
#: Calendar years accepted by :func:`sun_distance_au_from_day` (inclusive): the formula's
#: mean elements are fixed at J2000.0; the Earth's orbital eccentricity drifts by about
#: 4.2e-5 per century, so within a century of 2000 the distance stays within the
#: formula's 1e-4 au accuracy (the Almanac quotes its Sun formulas for 1950-2050).
SUN_DISTANCE_YEAR_RANGE = (1900, 2100)
#: Longest eclipse profile :func:`size_power_system` accepts [days]: a century, longer
#: than any mission (the profile is needed over the mission at most).
MAX_PROFILE_DAYS = 36_525
#: Least fraction of its beginning-of-life output the array may keep at end of life,
#: ``(1 - d)^years`` [-]: below it :func:`size_power_system_for_eclipse` and
#: :func:`size_power_system` report the design infeasible (with its reason) instead of
#: an array oversized by ``1 / (1 - d)^years``. A modelling criterion, not a sourced
#: value: SMAD's constant annual loss ``(1 - D)^L`` is a design rule for missions of
#: years, not decades (radiation damage is not a constant fraction per year forever),
#: and an array that must be more than twice the size it needs at the start of the
#: mission is one to replace, not to oversize. The catalog's rows reach it after 27.4
#: years (2.5 %/yr) or 22.8 years (3 %/yr). Each sizing call can move it with
#: ``min_end_of_life_fraction`` (0 reports every mission whose array keeps any output).
MIN_END_OF_LIFE_FRACTION = 0.5
_TOO_HOT = "cell temperature factor <= 0 (too hot)"
_SPENT = (
    "array keeps less than min_end_of_life_fraction of its BOL output at end of life "
    "((1 - d)^years: years too long)"
)
#: The reason strings of a sizing: none, :data:`_SPENT`, :data:`_TOO_HOT`.
_REASONS = np.array(["", _SPENT, _TOO_HOT])

# Internal calls use the undecorated function (``fn.__wrapped__``) of a :func:`guarded`
# public one, so that an overflow or a broadcasting failure is reported once, by the public
# function the user called, under its argument names.

# --------------------------------------------------------------------------- geometry


def _check_altitude(altitude_km: Any) -> np.ndarray:
    """Altitude of a circular Earth orbit, in [:data:`MIN_ALTITUDE_KM`,
    :data:`MAX_ALTITUDE_KM`] km, the orbit package's range (same message)."""
    return check_range("altitude_km", altitude_km, MIN_ALTITUDE_KM, MAX_ALTITUDE_KM, unit="km")


@guarded("values of the orbital period")
def orbital_period_s(altitude_km: Any) -> np.ndarray:
    """Period of a circular orbit, ``2 pi sqrt(a^3 / mu)`` [s].

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude above the equatorial radius [km], in [100, 400,000]
        (:data:`MIN_ALTITUDE_KM`, :data:`MAX_ALTITUDE_KM`).

    Returns
    -------
    ndarray
        Orbital period [s], shape of ``altitude_km``.

    References
    ----------
    .. [1] D. A. Vallado, *Fundamentals of Astrodynamics and Applications*,
       4th ed., 2013, ch. 2 (Kepler's third law; the orbital period in the book's
       table of common two-body equations).
    """
    h = _check_altitude(altitude_km)
    a = EARTH_RADIUS_KM + h
    return 2.0 * np.pi * np.sqrt(a**3 / EARTH_MU_KM3_PER_S2)


@guarded("values of the sunlit fraction")
def sunlit_fraction(altitude_km: Any, beta_deg: Any) -> np.ndarray:
    """Fraction of a circular orbit in sunlight, cylindrical shadow [-].

    ``f_E = arccos( sqrt(h^2 + 2 R h) / ((R + h) cos beta) ) / pi`` for
    ``|beta| < beta* = asin(R / (R + h))``, else 0; returns ``1 - f_E``.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], in [100, 400,000] (:data:`MIN_ALTITUDE_KM`,
        :data:`MAX_ALTITUDE_KM`).
    beta_deg : float or array_like
        Sun beta angle [deg], in [-90, 90].

    Returns
    -------
    ndarray
        Sunlit fraction of the orbit [-], in [0.5, 1] (1 where ``|beta| >= beta*``);
        ``altitude_km`` and ``beta_deg`` broadcast.

    References
    ----------
    .. [1] Vallado (2013), section 5.3 (cylindrical shadow); Wertz & Larson
       (1999) section 5.1 (eclipse duration for a circular orbit).
    """
    h = _check_altitude(altitude_km)
    beta = np.radians(check_range("beta_deg", beta_deg, -90.0, 90.0, unit="deg"))
    r = EARTH_RADIUS_KM + h
    arg = np.sqrt(h**2 + 2.0 * EARTH_RADIUS_KM * h) / (r * np.maximum(np.cos(beta), 1e-300))
    f_e = np.where(arg < 1.0, np.arccos(np.minimum(arg, 1.0)) / np.pi, 0.0)
    return 1.0 - f_e


@guarded("values of the eclipse duration")
def eclipse_duration_s(altitude_km: Any, beta_deg: Any) -> np.ndarray:
    """Eclipse duration per orbit of a circular orbit, cylindrical shadow [s].

    ``T_e = (1 - sunlit_fraction) * T``; exactly 0 when ``|beta| >= beta*``.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], in [100, 400,000] (:data:`MIN_ALTITUDE_KM`,
        :data:`MAX_ALTITUDE_KM`).
    beta_deg : float or array_like
        Sun beta angle [deg], in [-90, 90].

    Returns
    -------
    ndarray
        Eclipse duration per orbit [s], >= 0; ``altitude_km`` and ``beta_deg``
        broadcast.

    References
    ----------
    .. [1] Vallado (2013), section 5.3; Wertz & Larson (1999), section 5.1.
    """
    return (
        1.0 - sunlit_fraction.__wrapped__(altitude_km, beta_deg)
    ) * orbital_period_s.__wrapped__(altitude_km)


#: The least Earth-Sun distance of :func:`sun_distance_au_from_day` [au], at mean
#: anomaly 0 (perihelion): ``1.00014 - 0.01671 - 0.00014 = 0.98329``.
PERIHELION_AU = 1.00014 - 0.01671 - 0.00014


@guarded("values of the Earth-Sun distance")
def sun_distance_au_from_day(day_of_year: Any, year: int = 2026) -> np.ndarray:
    """Earth-Sun distance from the Astronomical Almanac low-precision formula [au].

    ``R = 1.00014 - 0.01671 cos g - 0.00014 cos 2g`` with mean anomaly
    ``g = 357.529 + 0.98560028 n`` deg, ``n`` days from J2000.0. Accurate to
    about 1e-4 au, enough for the +/-3.3 % seasonal flux change. (The orbit
    module's ``sun_distance_au(times)`` takes datetimes; this one takes plain
    day numbers so the power model can be used without the orbit module.)

    Parameters
    ----------
    day_of_year : float or array_like
        Day of the year, 1 = 1 January 00:00 UT (fractions allowed), in [1, 367).
    year : int
        Calendar year, a whole number in [1900, 2100]
        (:data:`SUN_DISTANCE_YEAR_RANGE`: the formula's validity); ``2026`` or
        ``2026.0``, not ``2026.5``, a string or an array.

    Returns
    -------
    ndarray
        Earth-Sun distance [au], about 0.983-1.017; shape of ``day_of_year``.

    References
    ----------
    .. [1] The Astronomical Almanac, section C, "Low-precision formulas for the Sun".
    """
    doy = check_range("day_of_year", day_of_year, 1.0, 367.0, high_inclusive=False)
    y = check_whole_number("year", year, *SUN_DISTANCE_YEAR_RANGE, "calendar year")
    jan1 = (np.datetime64(f"{y}-01-01") - np.datetime64("2000-01-01")).astype(float)
    n = jan1 + (doy - 1.0) - 0.5  # J2000.0 is 2000-01-01 12:00 TT
    g = np.radians(357.529 + 0.98560028 * n)
    return 1.00014 - 0.01671 * np.cos(g) - 0.00014 * np.cos(2.0 * g)


# --------------------------------------------------------------------------- array physics


@guarded("values of the solar flux")
def solar_flux_w_per_m2(
    sun_distance_au: Any = 1.0, solar_constant_w_per_m2: Any = SOLAR_CONSTANT_W_PER_M2
) -> np.ndarray:
    """Solar irradiance at the given Earth-Sun distance, ``S / r^2`` [W/m2].

    Parameters
    ----------
    sun_distance_au : float or array_like
        Earth-Sun distance [au], in [0.9, 1.1] (the Earth's orbit spans 0.983-1.017).
    solar_constant_w_per_m2 : float or array_like
        Irradiance at 1 au [W/m2], > 0; default 1361.

    Returns
    -------
    ndarray
        Irradiance [W/m2]; the two inputs broadcast.

    References
    ----------
    .. [1] G. Kopp and J. Lean, GRL 38, L01706 (2011): S = 1361 W/m2 at 1 au.
    """
    r = check_range("sun_distance_au", sun_distance_au, 0.9, 1.1, unit="au")
    s = check_positive("solar_constant_w_per_m2", solar_constant_w_per_m2, "W/m2")
    return s / r**2


@guarded("values of the cosine loss")
def cosine_loss(incidence_deg: Any) -> np.ndarray:
    """Cosine of the Sun incidence angle on the array normal [-].

    Parameters
    ----------
    incidence_deg : float or array_like
        Angle between the array normal and the Sun [deg], in [0, 90).
        0 for a sun-tracking array.

    Returns
    -------
    ndarray
        ``cos(incidence)`` [-], in (0, 1].

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4 (cosine loss).
    """
    th = check_range("incidence_deg", incidence_deg, 0.0, 90.0, high_inclusive=False, unit="deg")
    return np.cos(np.radians(th))


@guarded("values of the temperature factor")
def temperature_factor(cell_temperature_k: Any, temperature_coefficient_per_k: Any) -> np.ndarray:
    """Relative cell output at temperature, ``1 + gamma (T - 301.15 K)`` [-].

    May be <= 0 for absurdly hot cells; callers treat that as infeasible.

    Parameters
    ----------
    cell_temperature_k : float or array_like
        Cell temperature [K], > 0.
    temperature_coefficient_per_k : float or array_like
        Relative output change per K above 28 C [1/K], in [-0.02, 0].

    Returns
    -------
    ndarray
        Output relative to the 28 C rating [-] (<= 0 for a far too hot cell); the
        inputs broadcast.

    References
    ----------
    .. [1] Fortescue et al. (2011), section 10.3 (temperature coefficients
       referred to the 28 C AM0 rating).
    """
    t = check_positive("cell_temperature_k", cell_temperature_k, "K")
    g = check_range("temperature_coefficient_per_k", temperature_coefficient_per_k, -0.02, 0.0)
    return 1.0 + g * (t - CELL_REFERENCE_TEMPERATURE_K)


@guarded("values of the cell temperature")
def cell_temperature_k(
    flux_w_per_m2: Any,
    cell_efficiency: Any,
    temperature_coefficient_per_k: Any,
    cell_absorptivity: Any,
    cell_emissivity: Any,
    cos_incidence: Any = 1.0,
    environment_absorbed_w_per_m2: Any = 0.0,
    lifetime_degradation: Any = 1.0,
) -> np.ndarray:
    """Steady-state cell temperature from the array's own radiative balance [K].

    Per m2 of cell, absorbed sunlight minus the electrical output the cell delivers
    is emitted from both faces (a thin blanket/panel, isothermal through its
    thickness)::

        alpha q + Q_env - eta(T) q = 2 eps sigma T^4,   q = S cos(theta)
        eta(T) = eta_28 (1 + gamma (T - 301.15 K)) L_d

    with ``eta`` clipped to ``[0, 0.999 alpha]``; the largest root is returned (the
    steady state reached from the hot, no-output state), found by Newton's method on
    the quartic (five steps from the no-output temperature, to the rounding level) or,
    where the efficiency clips, a steep ``gamma`` gives several roots or five steps do
    not converge, by bisection on the piece of the clipped balance that holds it.
    ``L_d`` is the lifetime degradation (SMAD's ``(1 - d)^years``): a degraded cell
    absorbs the same sunlight but converts less of it, so it runs warmer (4.8 K after
    5 years and 8.8 K after 10 years at 2.5 %/yr for the catalog's triple-junction
    cells, gamma = -0.2 %/K, alpha 0.88, eps 0.80, at 1361 W/m2). The array-level
    losses of SMAD's ``I_d`` (wiring, mismatch, shadowing) are not taken off the
    cell's output here.

    Parameters
    ----------
    flux_w_per_m2 : float or array_like
        Solar irradiance [W/m2], > 0.
    cell_efficiency : float or array_like
        Cell efficiency at 28 C, in (0, 1] and below ``cell_absorptivity``.
    temperature_coefficient_per_k : float or array_like
        Relative output change per K [1/K], in [-0.02, 0].
    cell_absorptivity, cell_emissivity : float or array_like
        Solar absorptance of the cell face and IR emittance of both faces, in (0, 1].
    cos_incidence : float or array_like
        Cosine of the Sun incidence angle, in (0, 1].
    environment_absorbed_w_per_m2 : float or array_like
        Other absorbed flux (Earth IR, albedo) per m2 [W/m2], >= 0. Default 0
        (deep-space sink; optimistic in low orbit).
    lifetime_degradation : float or array_like
        Remaining fraction of the cell's output after degradation, ``L_d`` in [0, 1]
        (:func:`degradation_factor`); default 1 (beginning of life).

    Returns
    -------
    ndarray
        Cell temperature [K]; the inputs broadcast.

    Raises
    ------
    InputError
        Also when ``T^4`` overflows float64 (``cell_emissivity=1e-300``).

    References
    ----------
    .. [1] Fortescue et al. (2011), section 11.3 (radiative balance of a flat
       plate, the electrical output leaving as power, not heat) and Table 11.3
       (cell alpha/eps).
    .. [2] Gilmore, *Spacecraft Thermal Control Handbook* (2002), ch. 2.
    .. [3] Wertz & Larson (1999), section 11.4: lifetime degradation
       ``L_d = (1 - D)^L`` of the cell output.
    """
    q = check_positive("flux_w_per_m2", flux_w_per_m2, "W/m2") * check_fraction(
        "cos_incidence", cos_incidence
    )
    l_d = check_range("lifetime_degradation", lifetime_degradation, 0.0, 1.0)
    eta28 = check_fraction("cell_efficiency", cell_efficiency)
    gam = check_range("temperature_coefficient_per_k", temperature_coefficient_per_k, -0.02, 0.0)
    alpha = check_fraction("cell_absorptivity", cell_absorptivity)
    eps = check_fraction("cell_emissivity", cell_emissivity)
    q_env = check_nonnegative(
        "environment_absorbed_w_per_m2", environment_absorbed_w_per_m2, "W/m2"
    )
    if np.any(eta28 >= alpha):
        i = np.argmax(
            np.broadcast_to(eta28 >= alpha, np.broadcast_shapes(eta28.shape, alpha.shape))
        )
        e_bad = np.broadcast_to(eta28, np.broadcast_shapes(eta28.shape, alpha.shape)).ravel()[i]
        a_bad = np.broadcast_to(alpha, np.broadcast_shapes(eta28.shape, alpha.shape)).ravel()[i]
        raise InputError(
            f"cell_efficiency={e_bad:g}: must be < cell_absorptivity={a_bad:g} "
            "(electrical output cannot exceed the absorbed sunlight)"
        )
    sink = 2.0 * eps * STEFAN_BOLTZMANN_W_PER_M2_K4
    absorbed = alpha * q + q_env
    with np.errstate(over="ignore", divide="ignore"):
        t4 = absorbed / sink
    if not np.all(np.isfinite(t4)):
        _temperature_overflow(absorbed, eps, t4)
    eta_ld = eta28 * l_d  # degraded efficiency at 28 C
    b = eta_ld * gam  # eta(T) = eta_ld + b (T - 301.15 K)
    # the unclipped balance g(T) = sink T^4 + bq T + c, its root the cell temperature
    bq = b * q
    c = eta_ld * (1.0 - gam * CELL_REFERENCE_TEMPERATURE_K) * q - absorbed
    t0 = np.sqrt(np.sqrt(t4))  # the no-output temperature, an upper bound
    eta0 = _efficiency(t0, eta_ld, b)
    t, ok = _temperature_newton(t0, sink, bq, c, eta_ld, b, eta0, alpha)
    if not np.all(ok):  # an efficiency clipped at 0 or its cap, or several roots
        t = np.array(np.broadcast_to(t, ok.shape))
        bad = ~ok
        t[bad] = _temperature_clipped(
            *(
                np.broadcast_to(x, ok.shape)[bad]
                for x in (t0, sink, bq, c, eta_ld, b, eta0, absorbed, q, alpha)
            )
        )
    return np.asarray(t, dtype=float)


def _efficiency(t: np.ndarray, eta_ld: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The cell's unclipped efficiency at ``t`` [K]: ``eta_ld + b (t - 301.15 K)``."""
    return eta_ld + b * (t - CELL_REFERENCE_TEMPERATURE_K)


def _temperature_newton(
    t0: np.ndarray,
    sink: np.ndarray,
    bq: np.ndarray,
    c: np.ndarray,
    eta_ld: np.ndarray,
    b: np.ndarray,
    eta0: np.ndarray,
    alpha: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Largest root of ``g(T) = sink T^4 + (a + b T) q - absorbed = sink T^4 + bq T + c``
    by Newton's method from the no-output temperature ``T0``, and where it is the cell's
    temperature (``eta0`` is the unclipped efficiency at ``T0``).

    With the efficiency linear in ``T`` (``eta = a + b T``, ``b = eta_ld gamma <= 0``)
    ``g`` is convex, and every root with ``eta >= 0`` lies at or below
    ``T0 = (absorbed / sink)^(1/4)``, where ``g(T0) = eta(T0) q``. Where ``eta(T0) > 0``
    and ``g`` rises at ``T0``, the iterates fall monotonically onto the largest root,
    converging quadratically; a result is accepted where its last step, taken, was at
    most 1e-9 of ``T`` (the error left is then of order ``step^2 / T``, at the
    rounding level; a cold cell far from ``T0`` may need more than
    ``_NEWTON_ITERATIONS`` steps and goes to the bisection). The mask is True where the
    result is that root, with ``g'`` > 0 there (the larger root of the convex quartic),
    the efficiency at ``T0`` positive (else ``T0`` itself, output clipped at 0, is the
    largest root) and the
    efficiency at the root within ``[0, 0.999 alpha]``; elsewhere
    :func:`_temperature_clipped` solves the clipped balance.
    """
    t = t0
    # T^4 of a far too hot cell (a huge flux) may overflow here: not finite, so not ok
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(_NEWTON_ITERATIONS):
            t3 = t * t * t
            t = t - (sink * t3 * t + bq * t + c) / (4.0 * sink * t3 + bq)
        t3 = t * t * t
        slope = 4.0 * sink * t3 + bq
        step = (sink * t3 * t + bq * t + c) / slope
        t = t - step  # accepted below 1e-9 T, this last step leaves about step^2 / T
        eta = _efficiency(t, eta_ld, b)
        ok = (
            (np.abs(step) <= 1e-9 * t)
            & (slope > 0.0)
            & (eta0 > 0.0)
            & (eta >= 0.0)
            & (eta <= 0.999 * alpha)
            & (t > 0.0)
        )
    return t, ok


def _temperature_clipped(
    t0: np.ndarray,
    sink: np.ndarray,
    bq: np.ndarray,
    c: np.ndarray,
    eta_ld: np.ndarray,
    b: np.ndarray,
    eta0: np.ndarray,
    absorbed: np.ndarray,
    q: np.ndarray,
    alpha: np.ndarray,
) -> np.ndarray:
    """Largest root of the balance with the efficiency clipped to ``[0, 0.999 alpha]``
    (1-d inputs: the elements :func:`_temperature_newton` left).

    ``eta(T)`` falls as ``T`` rises, so the clipped balance has three pieces: above the
    temperature where ``eta`` reaches 0 the root is ``T0`` itself (no output); between
    that and where ``eta`` reaches its cap, the convex quartic, whose largest root lies
    on its rising branch, right of its minimum ``T_m = (-b q / (4 sink))^(1/3)`` and
    found there by bisection; below, the output is capped and the root is
    ``((absorbed - 0.999 alpha q) / sink)^(1/4)``. The first piece that holds a root
    gives the largest one: the steady state reached from the hot, no-output state. A
    steep ``gamma`` (below about -0.01/K) can give the balance several roots; a
    linear temperature coefficient so far from 28 C is an extrapolation.
    """
    cap = 0.999 * alpha

    def g(t: np.ndarray) -> np.ndarray:
        return sink * t**4 + bq * t + c

    # a far too hot cell (T0 ~ 1e76 K at 1e300 W/m2) overflows T^4 in the pieces it does
    # not take: its root is T0 (no output), finite
    with np.errstate(over="ignore", invalid="ignore"):
        t_min = np.cbrt(np.maximum(-bq, 0.0) / (4.0 * sink))
        rising = (t_min < t0) & (g(np.minimum(t_min, t0)) <= 0.0)
        lo, hi = np.minimum(t_min, t0), t0.copy()
        for _ in range(_BISECTIONS):  # g rises on [t_min, t0]: its one root there
            mid = 0.5 * (lo + hi)
            above = g(mid) >= 0.0
            hi = np.where(above, mid, hi)
            lo = np.where(above, lo, mid)
        t_quartic = 0.5 * (lo + hi)
        eta_q = _efficiency(t_quartic, eta_ld, b)
    t_capped = np.sqrt(np.sqrt((absorbed - cap * q) / sink))
    return np.where(eta0 <= 0.0, t0, np.where(rising & (eta_q <= cap), t_quartic, t_capped))


def _temperature_overflow(absorbed: np.ndarray, eps: np.ndarray, t4: np.ndarray) -> None:
    """Report ``T^4 = absorbed / (2 eps sigma)`` above float64 by its cause.

    A vanishing emissivity (``1e-300``) is named as such; otherwise the absorbed flux
    is far too large and the division is repeated so that it overflows under
    :func:`guarded`, which names the input farthest from 1 that the caller gave.
    """
    i = int(np.argmax(~np.isfinite(t4)))
    a = float(np.broadcast_to(absorbed, t4.shape).ravel()[i])
    e = float(np.broadcast_to(eps, t4.shape).ravel()[i])
    if a * e <= SOLAR_CONSTANT_W_PER_M2:  # 1 / eps is further from normal than a / S
        raise InputError(
            f"cell_emissivity={e:g}: too small for the absorbed flux {a:g} W/m2: the cell "
            "temperature T^4 = absorbed / (2 eps sigma) overflows float64; "
            "the catalog's cells emit 0.80-0.85"
        )
    with np.errstate(divide="ignore"):
        np.asarray(absorbed / (2.0 * eps * STEFAN_BOLTZMANN_W_PER_M2_K4))  # FloatingPointError
    # reached only when called outside guarded (over="raise" not set)
    raise InputError(f"flux_w_per_m2={a:g}: too large: the cell temperature overflows float64")


@guarded("values of the degradation factor")
def degradation_factor(degradation_per_year: Any, years: Any) -> np.ndarray:
    """Remaining output after ``years`` of annual degradation, ``(1 - d)^years`` [-].

    Parameters
    ----------
    degradation_per_year : float or array_like
        Fractional loss per year, in [0, 1).
    years : float or array_like
        Time in orbit [yr], >= 0.

    Returns
    -------
    ndarray
        Remaining fraction of the output [-], in [0, 1]; the inputs broadcast.

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4: lifetime degradation
       ``L_d = (1 - D)^L``.
    """
    d = check_range("degradation_per_year", degradation_per_year, 0.0, 1.0, high_inclusive=False)
    y = check_nonnegative("years", years, "yr")
    return (1.0 - d) ** y


@guarded("values of the array power")
def array_power_per_m2_w(
    flux_w_per_m2: Any,
    cell_efficiency: Any,
    packing_factor: Any,
    inherent_degradation: Any,
    degradation_per_year: Any,
    years: Any,
    temperature_coefficient_per_k: Any,
    cell_absorptivity: Any,
    cell_emissivity: Any,
    cos_incidence: Any = 1.0,
    environment_absorbed_w_per_m2: Any = 0.0,
) -> dict[str, np.ndarray]:
    """Electrical output per m2 of deployed array after ``years`` [W/m2].

    ``P/A = q * eta_28 * (1 + gamma (T - 301.15)) * packing * I_d * (1 - d)^years``,
    ``q = S/r^2 * cos(theta)``, with ``T`` from :func:`cell_temperature_k` at the
    degraded output ``L_d = (1 - d)^years``: a degraded cell converts less of the
    sunlight it absorbs and runs warmer (4.8 K after 5 years, 8.8 K after 10 at
    2.5 %/yr and gamma = -0.2 %/K, i.e. 1.0 % and 1.8 % less power than with the
    beginning-of-life temperature).

    A cell so hot that ``1 + gamma (T - 301.15) <= 0`` delivers nothing (its
    temperature is then the balance without electrical output): there
    ``power_per_m2_w`` and ``temperature_factor`` are 0 and ``feasible`` is False,
    with the reason, as in :func:`size_power_system_for_eclipse`. Power is never
    negative. A cell so cold that the linear temperature coefficient would give it
    an efficiency above ``0.999 alpha`` (a steep ``gamma`` far below 28 C) delivers
    ``0.999 alpha q``, as in the balance of :func:`cell_temperature_k`: never more
    than the sunlight it absorbs.

    Parameters
    ----------
    flux_w_per_m2 : float or array_like
        Solar irradiance [W/m2], > 0.
    cell_efficiency : float or array_like
        Cell efficiency at 28 C, in (0, 1] and below ``cell_absorptivity``.
    packing_factor : float or array_like
        Cell area over array area, in (0, 1].
    inherent_degradation : float or array_like
        SMAD's ``I_d`` (wiring, shadowing, design losses), in (0, 1].
    degradation_per_year : float or array_like
        Fractional loss per year, in [0, 1).
    years : float or array_like
        Time in orbit [yr], >= 0.
    temperature_coefficient_per_k : float or array_like
        Relative output change per K above 28 C [1/K], in [-0.02, 0].
    cell_absorptivity, cell_emissivity : float or array_like
        Solar absorptance of the cell face and IR emittance of both faces, in (0, 1].
    cos_incidence : float or array_like
        Cosine of the Sun incidence angle, in (0, 1].
    environment_absorbed_w_per_m2 : float or array_like
        Other absorbed flux (Earth IR, albedo) per m2 [W/m2], >= 0.

    Returns
    -------
    dict of ndarray
        ``power_per_m2_w`` [W/m2] (>= 0), ``cell_temperature_k`` [K],
        ``temperature_factor`` [-] (>= 0: the relative output at that temperature,
        0 for a too hot cell, at most ``0.999 alpha / (eta_28 L_d)``),
        ``degradation_factor`` [-], ``feasible`` (bool: False
        where the cell is too hot to deliver power) and ``reason`` (str: why not,
        ``""`` where feasible), all of the common shape of the inputs.

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4, Eqs. for P_o, P_BOL, P_EOL.
    .. [2] Fortescue et al. (2011), section 11.3 (the cell's energy balance, see
       :func:`cell_temperature_k`).
    """
    out = _array_power(
        flux_w_per_m2=flux_w_per_m2,
        cell_efficiency=cell_efficiency,
        packing_factor=packing_factor,
        inherent_degradation=inherent_degradation,
        degradation_per_year=degradation_per_year,
        years=years,
        temperature_coefficient_per_k=temperature_coefficient_per_k,
        cell_absorptivity=cell_absorptivity,
        cell_emissivity=cell_emissivity,
        cos_incidence=cos_incidence,
        environment_absorbed_w_per_m2=environment_absorbed_w_per_m2,
    )
    out["reason"] = np.where(out["feasible"], "", _TOO_HOT)
    return out


def _array_power(
    *,
    flux_w_per_m2: Any,
    cell_efficiency: Any,
    packing_factor: Any,
    inherent_degradation: Any,
    degradation_per_year: Any,
    years: Any,
    temperature_coefficient_per_k: Any,
    cell_absorptivity: Any,
    cell_emissivity: Any,
    cos_incidence: Any,
    environment_absorbed_w_per_m2: Any,
) -> dict[str, np.ndarray]:
    """:func:`array_power_per_m2_w` without its ``reason`` strings (for the sizing, whose
    (design, day) arrays would make them large; it writes its own reasons)."""
    eta = check_fraction("cell_efficiency", cell_efficiency)
    pf = check_fraction("packing_factor", packing_factor)
    i_d = check_fraction("inherent_degradation", inherent_degradation)
    cos_i = check_fraction("cos_incidence", cos_incidence)
    q = as_float_array("flux_w_per_m2", flux_w_per_m2)
    ld = degradation_factor.__wrapped__(degradation_per_year, years)
    t = cell_temperature_k.__wrapped__(
        q,
        eta,
        temperature_coefficient_per_k,
        cell_absorptivity,
        cell_emissivity,
        cos_i,
        environment_absorbed_w_per_m2,
        ld,
    )
    tf = temperature_factor.__wrapped__(t, temperature_coefficient_per_k)
    ok = tf > 0.0
    tf = np.maximum(tf, 0.0)  # a too hot cell delivers nothing, as its temperature assumed
    # and a very cold one at most 0.999 of the sunlight it absorbs, the cap on its
    # efficiency eta_28 tf L_d under which its temperature was found
    cap = 0.999 * check_fraction("cell_absorptivity", cell_absorptivity)
    capped = eta * ld * tf > cap
    tf = np.where(capped, cap / np.where(capped, eta * ld, 1.0), tf)
    p = q * cos_i * eta * tf * pf * i_d * ld
    shape = np.shape(p)
    return {
        "power_per_m2_w": np.asarray(p, dtype=float),
        "cell_temperature_k": np.array(np.broadcast_to(t, shape)),
        "temperature_factor": np.array(np.broadcast_to(tf, shape)),
        "degradation_factor": np.array(np.broadcast_to(ld, shape)),
        "feasible": np.array(np.broadcast_to(ok, shape)),
    }


@guarded("values of the array power required")
def array_power_required_w(
    eclipse_load_w: Any,
    daylight_load_w: Any,
    eclipse_duration_s: Any,
    daylight_duration_s: Any,
    regulation: str = "ppt",
) -> np.ndarray:
    """Array power needed in daylight to carry the load through an orbit [W].

    ``P_sa = (P_e T_e / X_e + P_d T_d / X_d) / T_d`` with the SMAD path
    efficiencies: DET ``X_e = 0.65, X_d = 0.85``; PPT ``X_e = 0.60, X_d = 0.80``.

    Parameters
    ----------
    eclipse_load_w, daylight_load_w : float or array_like
        Loads in eclipse and in daylight [W], >= 0.
    eclipse_duration_s : float or array_like
        Eclipse time per orbit [s], >= 0.
    daylight_duration_s : float or array_like
        Daylight time per orbit [s], > 0.
    regulation : {"ppt", "det"}
        Peak-power tracking or direct energy transfer.

    Returns
    -------
    ndarray
        Array output needed in daylight [W]; the numeric inputs broadcast.

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4, Eq. 11-5 and the X_e/X_d values
       given with it.
    """
    check_choice("regulation", regulation, PATH_EFFICIENCIES)
    x_e, x_d = PATH_EFFICIENCIES[regulation]
    p_e = check_nonnegative("eclipse_load_w", eclipse_load_w, "W")
    p_d = check_nonnegative("daylight_load_w", daylight_load_w, "W")
    t_e = check_nonnegative("eclipse_duration_s", eclipse_duration_s, "s")
    t_d = check_positive("daylight_duration_s", daylight_duration_s, "s")
    return (p_e * t_e / x_e + p_d * t_d / x_d) / t_d


# --------------------------------------------------------------------------- battery


@guarded("values of the depth of discharge")
def depth_of_discharge_for_cycles(
    cycles: Any,
    depth_of_discharge: Any,
    cycle_life: Any,
    depth_of_discharge_high_cycle: Any,
    cycle_life_high_cycle: Any,
) -> np.ndarray:
    """Allowed depth of discharge for a mission's cycle count [-].

    A power law through two published qualification points of a cell,
    ``(N1, D1)`` (low cycle count, e.g. 15 years GEO at 90 %) and ``(N2, D2)``
    (high cycle count, e.g. 5 years LEO at 30 %)::

        DoD(N) = D1                      for N <= N1
        DoD(N) = D1 (N / N1)^(-k),       k = ln(D1/D2) / ln(N2/N1), for N > N1

    The anchor points are published (``data/batteries.csv``); the power-law
    shape between and beyond them is an ESTIMATE (the usual Woehler-type form
    ``N ~ DoD^(-1/k)`` of cycle-life curves); it stays positive and falls
    smoothly beyond N2 (e.g. ~0.20 at 15 years of LEO cycling).

    Parameters
    ----------
    cycles : float or array_like
        Charge/discharge cycles over the mission, >= 0.
    depth_of_discharge, depth_of_discharge_high_cycle : float or array_like
        D1 and D2, in (0, 1], with D2 <= D1.
    cycle_life, cycle_life_high_cycle : float or array_like
        N1 and N2, > 0, with N2 > N1.

    Returns
    -------
    ndarray
        Allowed depth of discharge [-], in (0, D1]; the inputs broadcast.

    References
    ----------
    .. [1] ESA ARTES, "Development of High specific energy Li-Ion cell" (Saft
       VES180), 2005: qualification at 15 years GEO 90 % DoD and 5 years LEO 30 % DoD.
    .. [2] Wertz & Larson (1999), section 11.4 (depth of discharge vs cycle life).
    """
    n = check_nonnegative("cycles", cycles)
    d1 = check_fraction("depth_of_discharge", depth_of_discharge)
    d2 = check_fraction("depth_of_discharge_high_cycle", depth_of_discharge_high_cycle)
    n1 = check_positive("cycle_life", cycle_life)
    n2 = check_positive("cycle_life_high_cycle", cycle_life_high_cycle)
    if np.any(d2 > d1):
        raise InputError(
            f"depth_of_discharge_high_cycle={float(np.max(d2)):g}: must be <= "
            f"depth_of_discharge={float(np.min(d1)):g}"
        )
    if np.any(n2 <= n1):
        raise InputError(
            f"cycle_life_high_cycle={float(np.min(n2)):g}: "
            f"must be > cycle_life={float(np.max(n1)):g}"
        )
    k = np.log(d1 / d2) / np.log(n2 / n1)
    ratio = np.maximum(n, n1) / n1
    return d1 * ratio ** (-k)


@guarded("values of the battery capacity")
def battery_capacity_wh(
    eclipse_load_w: Any,
    eclipse_duration_s: Any,
    depth_of_discharge: Any,
    discharge_efficiency: Any = 0.9,
) -> np.ndarray:
    """Nameplate battery energy for the longest eclipse [Wh].

    ``C = P_e T_e / (DoD * n)`` with ``n`` the battery-to-load efficiency;
    exactly 0 where ``T_e = 0`` (no eclipse, no battery).

    Parameters
    ----------
    eclipse_load_w : float or array_like
        Load carried through the eclipse [W], >= 0.
    eclipse_duration_s : float or array_like
        Longest eclipse the battery bridges [s], >= 0.
    depth_of_discharge : float or array_like
        Allowed depth of discharge, in (0, 1].
    discharge_efficiency : float or array_like
        Battery-to-load efficiency ``n``, in (0, 1]; default 0.9.

    Returns
    -------
    ndarray
        Nameplate capacity [Wh], >= 0; the inputs broadcast.

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4, Eq. 11-6 (one battery, N = 1).
    """
    p_e = check_nonnegative("eclipse_load_w", eclipse_load_w, "W")
    t_e = check_nonnegative("eclipse_duration_s", eclipse_duration_s, "s")
    dod = check_fraction("depth_of_discharge", depth_of_discharge)
    n = check_fraction("discharge_efficiency", discharge_efficiency)
    c = p_e * t_e / 3600.0 / (dod * n)
    return np.where(t_e > 0.0, c, 0.0)


# --------------------------------------------------------------------------- catalog


def _catalog_floats(kind: str, name: str, columns: tuple[str, ...]) -> dict[str, float | None]:
    rec = catalog.get(kind, name)
    out: dict[str, float | None] = {}
    for col in columns:
        v = rec[col]
        out[col] = None if v is None else float(v)
    return out


def _resolve(
    kind: str, name: str, columns: tuple[str, ...], overrides: dict[str, Any]
) -> dict[str, Any]:
    values: dict[str, Any] = dict(_catalog_floats(kind, name, columns))
    for col in columns:
        if col in overrides:  # None, booleans and text are not numbers (no catalog fallback)
            values[col] = as_float_array(col, overrides[col])
        elif values[col] is None:
            raise InputError(
                f"{kind}[{name!r}].{col} is empty: no sourced value in the catalog; "
                f"pass {col}=... explicitly"
            )
    return values


def _stowed_density(name: str, override: Any) -> float | np.ndarray | None:
    if override is not None:
        return check_positive("stowed_power_density_w_per_m3", override, "W/m3")
    v = catalog.get("solar_arrays", name)["stowed_power_density_w_per_m3"]
    return None if v is None else float(v)


# --------------------------------------------------------------------------- sizing


def _size_core(
    *,
    load_w: Any,
    eclipse_load_w: Any,
    eclipse_day_s: np.ndarray,
    period_s: np.ndarray,
    sun_distance_day_au: np.ndarray,
    longest_eclipse_s: np.ndarray,
    eclipses_per_year: np.ndarray,
    years: Any,
    arr: dict[str, Any],
    bat: dict[str, Any],
    stowed_w_per_m3: Any,
    cos_incidence: Any,
    regulation: str,
    depth_of_discharge: Any,
    pmad_kg_per_kw: Any,
    environment_absorbed_w_per_m2: Any,
    solar_constant_w_per_m2: Any,
    min_end_of_life_fraction: Any,
) -> dict[str, np.ndarray]:
    """Size from day-resolved eclipse arrays whose LAST axis is the day.

    Every design input (load, years, catalog values, solar constant, ...) is a design
    axis: it gets a trailing length-1 day axis, so that it broadcasts with the other
    design inputs and not with the day-by-day eclipse profile.
    """
    load = check_positive("load_w", load_w, "W")
    p_e = load if eclipse_load_w is None else check_nonnegative("eclipse_load_w", eclipse_load_w)
    y = check_nonnegative("years", years, "yr")
    if pmad_kg_per_kw is None:
        from orbitcompute import catalog

        pmad_kg_per_kw = catalog.value("bus", "pmad_kg_per_kw", "value")
    pmad = check_nonnegative("pmad_kg_per_kw", pmad_kg_per_kw, "kg/kW")
    areal = check_positive("areal_density_kg_per_m2", arr["areal_density_kg_per_m2"], "kg/m2")
    spec_e = check_positive("specific_energy_wh_per_kg", bat["specific_energy_wh_per_kg"], "Wh/kg")
    s_1au = check_positive("solar_constant_w_per_m2", solar_constant_w_per_m2, "W/m2")
    q_env = check_nonnegative(
        "environment_absorbed_w_per_m2", environment_absorbed_w_per_m2, "W/m2"
    )
    eol_floor = check_range(
        "min_end_of_life_fraction", min_end_of_life_fraction, 0.0, 1.0, high_inclusive=False
    )
    t_d = period_s - eclipse_day_s
    if np.any(t_d <= 0.0):
        i = int(np.argmax(t_d <= 0.0))
        te_bad = float(np.broadcast_to(eclipse_day_s, t_d.shape).ravel()[i])
        period_bad = float(np.broadcast_to(period_s, t_d.shape).ravel()[i])
        raise InputError(
            f"eclipse_duration_s={te_bad:g}: must be shorter than orbital_period_s={period_bad:g} s"
        )

    # Per design and per day, then the worst day; trailing axis is the day.
    def day(x: Any) -> np.ndarray:
        return np.asarray(x, dtype=float)[..., None]

    p_sa_day = array_power_required_w.__wrapped__(
        day(p_e), day(load), eclipse_day_s, t_d, regulation
    )
    flux_day = solar_flux_w_per_m2.__wrapped__(sun_distance_day_au, day(s_1au))
    common = {
        "cell_efficiency": day(arr["cell_efficiency"]),
        "packing_factor": day(arr["packing_factor"]),
        "inherent_degradation": day(arr["inherent_degradation"]),
        "degradation_per_year": day(arr["degradation_per_year"]),
        "temperature_coefficient_per_k": day(arr["temperature_coefficient_per_k"]),
        "cell_absorptivity": day(arr["cell_absorptivity"]),
        "cell_emissivity": day(arr["cell_emissivity"]),
        "cos_incidence": day(cos_incidence),
        "environment_absorbed_w_per_m2": day(q_env),
    }
    array_power = _array_power
    eol_day = array_power(flux_w_per_m2=flux_day, years=day(y), **common)
    hot_day = ~eol_day["feasible"]
    with np.errstate(divide="ignore", over="ignore"):
        area_day = p_sa_day / np.where(hot_day, 1.0, eol_day["power_per_m2_w"])
    # A mission that leaves the array less than MIN_END_OF_LIFE_FRACTION of its output
    # (or nothing at all: (1 - d)^years underflows, an infinite array) is infeasible,
    # like a too-hot cell, rather than sized with an absurdly oversized array.
    spent_day = ~hot_day & (
        (eol_day["degradation_factor"] < day(eol_floor)) | ~np.isfinite(area_day)
    )
    ok_day = ~hot_day & ~spent_day
    area_day = np.where(ok_day, area_day, 0.0)
    worst = np.argmax(area_day, axis=-1)[..., None]
    area = np.take_along_axis(area_day, worst, axis=-1)[..., 0]
    p_sa = np.take_along_axis(np.broadcast_to(p_sa_day, area_day.shape), worst, axis=-1)[..., 0]
    te_design = np.take_along_axis(np.broadcast_to(eclipse_day_s, area_day.shape), worst, axis=-1)[
        ..., 0
    ]
    feasible = np.all(ok_day, axis=-1)

    # Ratings at 1 au, BOL and EOL, same pointing.
    s1 = day(s_1au)
    bol = array_power(flux_w_per_m2=s1, years=day(0.0), **common)
    eol = array_power(flux_w_per_m2=s1, years=day(y), **common)
    bol_w = area * bol["power_per_m2_w"][..., 0]
    eol_w = area * eol["power_per_m2_w"][..., 0]

    # Battery for the longest eclipse of the year at the DoD of the mission's cycles.
    with np.errstate(over="ignore"):
        cycles = eclipses_per_year * y
    if not np.all(np.isfinite(cycles)):
        raise InputError(
            f"years={float(np.max(y)):g}: too long a mission; the battery cycle count "
            "eclipses_per_year * years overflows"
        )
    if depth_of_discharge is None:
        dod = depth_of_discharge_for_cycles.__wrapped__(
            cycles,
            bat["depth_of_discharge"],
            bat["cycle_life"],
            bat["depth_of_discharge_high_cycle"],
            bat["cycle_life_high_cycle"],
        )
    else:
        dod = check_fraction("depth_of_discharge", depth_of_discharge) + 0.0 * cycles
    cap_wh = battery_capacity_wh.__wrapped__(
        p_e, longest_eclipse_s, dod, bat["discharge_efficiency"]
    )
    array_mass = area * areal
    battery_mass = cap_wh / spec_e
    pmad_mass = pmad * load / 1000.0
    total = array_mass + battery_mass + pmad_mass

    shape = np.broadcast_shapes(
        np.shape(total),
        np.shape(dod),
        np.shape(longest_eclipse_s),
        np.shape(bol_w),
        np.shape(feasible),
    )

    def out(x: Any) -> np.ndarray:
        return np.array(np.broadcast_to(np.asarray(x, dtype=float), shape))

    nan_if = np.where(feasible, 1.0, np.nan)
    res = {
        "array_area_m2": out(area * nan_if),
        "array_mass_kg": out(array_mass * nan_if),
        "array_power_required_w": out(p_sa),
        "bol_power_w": out(bol_w * nan_if),
        "eol_power_w": out(eol_w * nan_if),
        "array_specific_power_w_per_kg": out(
            np.divide(bol_w, array_mass, out=np.full(np.shape(bol_w), np.nan), where=array_mass > 0)
            * nan_if
        ),
        "cell_temperature_k": out(bol["cell_temperature_k"][..., 0]),
        "degradation_factor": out(eol["degradation_factor"][..., 0]),
        "design_eclipse_duration_s": out(te_design),
        "eclipse_duration_s": out(longest_eclipse_s),
        "orbital_period_s": out(period_s[..., 0] if np.ndim(period_s) else period_s),
        "cycles": out(cycles),
        "battery_dod": out(dod),
        "battery_capacity_wh": out(cap_wh),
        "battery_mass_kg": out(battery_mass),
        "pmad_mass_kg": out(pmad_mass),
        "total_mass_kg": out(total * nan_if),
        "specific_power_w_per_kg": out(load / total * nan_if),
        "feasible": np.array(np.broadcast_to(feasible, shape)),
        "reason": _reasons(feasible, hot_day, spent_day, shape),
    }
    if stowed_w_per_m3 is not None:
        res["stowed_volume_m3"] = out(bol_w / stowed_w_per_m3 * nan_if)
    return res


#: Mission lives at which :func:`_size_profile` looks for the days that can be the worst.
_LIFE_GRID_POINTS = 9
#: Design inputs of :func:`_size_core` other than ``years`` that must be one value for
#: :func:`_size_profile` to keep only the days that can be the worst.
_ONE_VALUE_INPUTS = (
    "load_w",
    "eclipse_load_w",
    "longest_eclipse_s",
    "eclipses_per_year",
    "stowed_w_per_m3",
    "cos_incidence",
    "depth_of_discharge",
    "pmad_kg_per_kw",
    "environment_absorbed_w_per_m2",
    "solar_constant_w_per_m2",
    "min_end_of_life_fraction",
)


def _reasons(
    feasible: np.ndarray, hot_day: np.ndarray, spent_day: np.ndarray, shape: tuple[int, ...]
) -> np.ndarray:
    """The sizing's reason strings: by index into the three reasons (no string array
    built element by element), or all empty, in the narrowest string type, when every
    design closes (10,000 designs would otherwise fill 4.4 MB with empty strings)."""
    if np.all(feasible):
        return np.full(shape, "")
    code = np.where(
        np.broadcast_to(np.any(hot_day, axis=-1), shape),
        2,
        np.broadcast_to(np.any(spent_day, axis=-1), shape).astype(np.intp),
    )
    return _REASONS[np.atleast_1d(code)].reshape(shape)


def _size_profile(**kw: Any) -> dict[str, np.ndarray]:
    """:func:`_size_core` on one day profile, on only the days that can be the worst
    where the designs differ in their mission life alone.

    Many designs of one orbit that differ only in ``years`` (a sampled development
    time in the orbital model) would size every design on every day. A longer-lived
    cell runs warmer (:func:`cell_temperature_k` with its degradation ``L_d``), so
    each day's array area times ``L_d``, ``B_d(life)``, does not fall as the life
    grows; on a grid of lives ``l_i`` spanning the designs', day ``d`` can be the worst
    between ``l_i`` and ``l_(i+1)`` only if ``B_d(l_(i+1)) >= max_e B_e(l_i)``, and the
    hottest day (the Sun nearest) is kept. The result is the same as on every day
    (a test checks it element by element); where a grid life is infeasible (a cell
    too hot, or the array past its end-of-life floor), or any other input differs
    between designs, every day is used.
    """
    years = check_nonnegative("years", kw["years"], "yr")  # as _size_core checks it
    te, r = kw["eclipse_day_s"], kw["sun_distance_day_au"]
    one_profile = np.ndim(te) == 1 and np.ndim(r) == 1 and np.size(kw["period_s"]) == 1
    one_value = all(np.ndim(kw[k]) == 0 for k in _ONE_VALUE_INPUTS) and all(
        np.ndim(v) == 0 for v in (*kw["arr"].values(), *kw["bat"].values())
    )
    if years.size < 2 or not one_profile or not one_value or not np.all(np.isfinite(years)):
        return _size_core(**kw)
    # each day as a design (a day axis of one) at each grid life: B_d(l), (life, day)
    grid = np.linspace(float(years.min()), float(years.max()), _LIFE_GRID_POINTS)
    g = _size_core(
        **{
            **kw,
            "eclipse_day_s": te[:, None],
            "sun_distance_day_au": r[:, None],
            "years": grid[:, None],
        }
    )
    if not np.all(g["feasible"]):  # an infeasible design's outputs come from its first day
        return _size_core(**kw)
    b = g["array_area_m2"] * g["degradation_factor"]
    keep = np.any(b[1:] >= b[:-1].max(axis=-1, keepdims=True) * (1.0 - 1e-9), axis=0)
    keep[np.argmin(r)] = True
    days = np.flatnonzero(keep)
    return _size_core(**{**kw, "eclipse_day_s": te[days], "sun_distance_day_au": r[days]})


def _array_and_battery(
    array: str, battery: str, array_overrides: dict[str, Any], battery_overrides: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    catalog.check_name("array", array, "solar_arrays")
    catalog.check_name("battery", battery, "batteries")
    arr = _resolve("solar_arrays", array, _ARRAY_COLUMNS, array_overrides)
    bat = _resolve("batteries", battery, _BATTERY_COLUMNS, battery_overrides)
    return arr, bat


def _split_overrides(
    overrides: dict[str, Any], fn: Callable[..., Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split ``**overrides`` into array and battery catalog columns; reject the rest."""
    arr_o = {k: v for k, v in overrides.items() if k in _ARRAY_COLUMNS}
    bat_o = {k: v for k, v in overrides.items() if k in _BATTERY_COLUMNS}
    unknown = [k for k in overrides if k not in arr_o and k not in bat_o]
    if unknown:
        bad = unknown[0]
        keywords = [
            k
            for k, prm in inspect.signature(fn).parameters.items()
            if prm.kind is not inspect.Parameter.VAR_KEYWORD
        ]
        raise InputError(
            f"{bad}={short_repr(overrides[bad])}: unknown argument; must be a parameter of "
            f"{fn.__name__} or a catalog column of the array or battery row"
            f"{did_you_mean(bad, (*_ARRAY_COLUMNS, *_BATTERY_COLUMNS, *keywords))}"
        )
    return arr_o, bat_o


def _cos_incidence(pointing: str, incidence_deg: Any) -> Any:
    check_choice("pointing", pointing, ("tracking", "fixed"))
    if pointing == "tracking":
        return 1.0
    if incidence_deg is None:
        raise InputError("incidence_deg=None: pointing='fixed' needs incidence_deg in [0, 90) deg")
    return cosine_loss.__wrapped__(incidence_deg)


def _check_longest_eclipse(te_long: np.ndarray, te: np.ndarray, period: np.ndarray) -> None:
    """``eclipse_duration_s <= longest_eclipse_s < orbital_period_s``, element by element.

    The longest eclipse of the mission is at least the design day's eclipse (which the
    array is sized to recharge, so 0 with an eclipse every orbit is not a design), and
    an eclipse lasts less than an orbit.
    """
    long_bad = te_long >= period
    if np.any(long_bad):
        v, t = first_where(long_bad, te_long, period)
        raise InputError(
            f"longest_eclipse_s={v:g}: must be shorter than orbital_period_s={t:g} s "
            "(an eclipse lasts less than an orbit)"
        )
    short = te_long < te
    if np.any(short):
        v, d = first_where(short, te_long, te)
        raise InputError(
            f"longest_eclipse_s={v:g}: must be >= eclipse_duration_s={d:g} s, the design "
            "day's eclipse (the longest eclipse of the mission cannot be shorter)"
        )


def _check_eclipses_per_year(
    epy: np.ndarray, te_long: np.ndarray, orbits_per_year: np.ndarray
) -> None:
    """At most one eclipse per orbit, and at least some where there is an eclipse."""
    many = epy > orbits_per_year * (1.0 + 1e-12)
    if np.any(many):
        v, n = first_where(many, epy, orbits_per_year)
        raise InputError(
            f"eclipses_per_year={v:g}: must be <= {n:g}, the orbits per year "
            "(365.25 days / orbital_period_s): a circular orbit has at most one eclipse "
            "per orbit"
        )
    none = (epy == 0.0) & (te_long > 0.0)
    if np.any(none):
        (t,) = first_where(none, te_long)
        raise InputError(
            f"eclipses_per_year=0: must be > 0 where there is an eclipse "
            f"(longest_eclipse_s={t:g} s): the battery cycles at least once a year"
        )


@guarded("the power system's numbers")
def size_power_system_for_eclipse(
    load_w: Any,
    eclipse_duration_s: Any,
    orbital_period_s: Any,
    years: Any,
    *,
    longest_eclipse_s: Any = None,
    eclipses_per_year: Any = None,
    sun_distance_au: Any = 1.0,
    array: str = DEFAULT_ARRAY,
    battery: str = DEFAULT_BATTERY,
    pointing: str = "tracking",
    incidence_deg: Any = None,
    regulation: str = "ppt",
    eclipse_load_w: Any = None,
    depth_of_discharge: Any = None,
    pmad_kg_per_kw: Any = DEFAULT_PMAD_KG_PER_KW,
    environment_absorbed_w_per_m2: Any = 0.0,
    solar_constant_w_per_m2: Any = SOLAR_CONSTANT_W_PER_M2,
    stowed_power_density_w_per_m3: Any = None,
    min_end_of_life_fraction: Any = MIN_END_OF_LIFE_FRACTION,
    **overrides: Any,
) -> dict[str, np.ndarray]:
    """Size array, battery and PMAD for a load through a given eclipse.

    The orbit-free core of :func:`size_power_system`: give the design eclipse
    (the worst one, not the average), the period and the Earth-Sun distance of
    the design day.

    Parameters
    ----------
    load_w : float or array_like
        Load to deliver in daylight (and in eclipse unless ``eclipse_load_w``) [W], > 0.
    eclipse_duration_s : float or array_like
        Eclipse per orbit on the design day [s], >= 0 and < period.
    orbital_period_s : float or array_like
        Orbital period [s], > 0.
    years : float or array_like
        Mission length [yr], >= 0; array output is sized at end of life. A mission
        so long that the array keeps less than ``min_end_of_life_fraction`` of its
        output (``(1 - d)^years < 0.5`` by default: 27.4 years at 2.5 %/yr) is
        reported with ``feasible=False`` and its reason, per element.
    longest_eclipse_s : float or array_like, optional
        Eclipse the battery must bridge [s]; default ``eclipse_duration_s``. It must be
        at least ``eclipse_duration_s`` (the longest eclipse of the mission is never
        shorter than the design day's) and shorter than ``orbital_period_s``.
    eclipses_per_year : float or array_like, optional
        Battery cycles per year; default one per orbit when there is an eclipse. At
        most the orbits per year (``365.25 days / orbital_period_s``), and > 0 where
        ``longest_eclipse_s > 0``.
    sun_distance_au : float or array_like
        Earth-Sun distance of the design day [au] (1.0167 at aphelion).
    array, battery : str
        Rows of ``solar_arrays.csv`` and ``batteries.csv``.
    pointing : {"tracking", "fixed"}
        Sun-tracking array, or fixed at ``incidence_deg`` (cosine loss).
    regulation : {"ppt", "det"}
        Path efficiencies of Eq. 11-5 of SMAD.
    eclipse_load_w : float or array_like, optional
        Load in eclipse [W]; default ``load_w``.
    depth_of_discharge : float or array_like, optional
        Fixes the DoD in (0, 1] instead of deriving it from the cycle count.
    pmad_kg_per_kw : float or array_like, optional
        PMAD specific mass per kW of load [kg/kW]; default the catalog's
        ``bus.csv`` ``pmad_kg_per_kw`` row (5 kg/kW, range 1.76-40).
    environment_absorbed_w_per_m2 : float or array_like
        Earth IR/albedo absorbed per m2 of array, for the cell temperature [W/m2], >= 0.
    solar_constant_w_per_m2 : float or array_like
        Irradiance at 1 au [W/m2], > 0; default 1361. An array is a design axis like
        the others (it broadcasts with ``load_w``, ``years``, ...).
    stowed_power_density_w_per_m3 : float or array_like, optional
        BOL power per m3 of stowed array [W/m3], > 0; default the catalog row's.
    min_end_of_life_fraction : float or array_like
        Least end-of-life fraction ``(1 - d)^years`` of the array's output, in [0, 1);
        default :data:`MIN_END_OF_LIFE_FRACTION` (0.5, a modelling criterion); below
        it the design is infeasible. 0 accepts any array that keeps some output.
    **overrides
        Any catalog column of the array or battery rows (``cell_efficiency=0.3``,
        ``specific_energy_wh_per_kg=200``, ...), scalars or arrays.

    Returns
    -------
    dict of ndarray
        ``array_area_m2, array_mass_kg, array_power_required_w, bol_power_w,
        eol_power_w`` (array output at 1 au, BOL and EOL), ``array_specific_power_w_per_kg,
        cell_temperature_k, degradation_factor, design_eclipse_duration_s,
        eclipse_duration_s, orbital_period_s, cycles, battery_dod,
        battery_capacity_wh, battery_mass_kg, pmad_mass_kg, total_mass_kg,
        specific_power_w_per_kg`` (load per kg of power system), ``feasible,
        reason`` and ``stowed_volume_m3`` where the catalog gives a stowed power density.

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4, Eqs. 11-5 and 11-6.
    """
    arr_o, bat_o = _split_overrides(overrides, size_power_system_for_eclipse)
    arr, bat = _array_and_battery(array, battery, arr_o, bat_o)
    period = check_positive("orbital_period_s", orbital_period_s, "s")
    te = check_nonnegative("eclipse_duration_s", eclipse_duration_s, "s")
    orbits_per_year = 365.25 * SECONDS_PER_DAY / period
    if longest_eclipse_s is None:
        te_long = te
    else:
        te_long = check_nonnegative("longest_eclipse_s", longest_eclipse_s, "s")
        _check_longest_eclipse(te_long, te, period)
    if eclipses_per_year is None:
        epy = np.where(te_long > 0.0, orbits_per_year, 0.0)
    else:
        epy = check_nonnegative("eclipses_per_year", eclipses_per_year)
        _check_eclipses_per_year(epy, te_long, orbits_per_year)
    return _size_core(
        load_w=load_w,
        eclipse_load_w=eclipse_load_w,
        eclipse_day_s=te[..., None],
        period_s=period[..., None],
        sun_distance_day_au=as_float_array("sun_distance_au", sun_distance_au)[..., None],
        longest_eclipse_s=te_long,
        eclipses_per_year=epy,
        years=years,
        arr=arr,
        bat=bat,
        stowed_w_per_m3=_stowed_density(array, stowed_power_density_w_per_m3),
        cos_incidence=_cos_incidence(pointing, incidence_deg),
        regulation=regulation,
        depth_of_discharge=depth_of_discharge,
        pmad_kg_per_kw=pmad_kg_per_kw,
        environment_absorbed_w_per_m2=environment_absorbed_w_per_m2,
        solar_constant_w_per_m2=solar_constant_w_per_m2,
        min_end_of_life_fraction=min_end_of_life_fraction,
    )


@guarded("the power system's numbers")
def size_power_system(
    load_w: Any,
    orbit: Any,
    years: Any,
    *,
    array: str = DEFAULT_ARRAY,
    battery: str = DEFAULT_BATTERY,
    method: str = "analytic",
    days: int = 365,
    pointing: str = "tracking",
    incidence_deg: Any = None,
    regulation: str = "ppt",
    eclipse_load_w: Any = None,
    depth_of_discharge: Any = None,
    pmad_kg_per_kw: Any = DEFAULT_PMAD_KG_PER_KW,
    environment_absorbed_w_per_m2: Any = 0.0,
    solar_constant_w_per_m2: Any = SOLAR_CONSTANT_W_PER_M2,
    stowed_power_density_w_per_m3: Any = None,
    min_end_of_life_fraction: Any = MIN_END_OF_LIFE_FRACTION,
    **overrides: Any,
) -> dict[str, np.ndarray]:
    """Size the power system of an orbit for a load over the whole mission.

    Calls ``orbitcompute.orbit.eclipse_summary(orbit, days, method=method)`` for
    the day-by-day longest eclipse, takes each day's Earth-Sun distance from
    ``orbitcompute.orbit.sun_distance_au``, sizes the array for every day of the
    year at end of life and keeps the WORST day (the eclipse season, e.g. the
    June eclipses of a dawn-dusk SSO, which also fall near aphelion). The
    battery bridges the longest eclipse of the year at the depth of discharge
    allowed by ``eclipses_per_year * years`` cycles. No eclipse, no battery.

    Parameters
    ----------
    load_w : float or array_like
        Load [W], > 0; broadcasts with the orbit's shape and every other input.
    orbit : orbitcompute.orbit.Orbit
        One orbit or many (array fields).
    years : float or array_like
        Mission length [yr], >= 0 (see :func:`size_power_system_for_eclipse`).
    method : {"analytic", "fast"}
        Eclipse engine of the orbit module.
    days : int
        Length of the eclipse profile [days], a whole number in [1, 36525]
        (:data:`MAX_PROFILE_DAYS`); 365 covers every season.

    Other parameters are those of :func:`size_power_system_for_eclipse`.

    Returns
    -------
    dict of ndarray
        As :func:`size_power_system_for_eclipse`.

    Examples
    --------
    >>> from orbitcompute.orbit import Orbit
    >>> r = size_power_system(1e6, Orbit.sun_synchronous(650, 18), 5)
    >>> round(float(r["eclipse_duration_s"]) / 60)
    20

    References
    ----------
    .. [1] Wertz & Larson (1999), section 11.4, Eqs. 11-5 and 11-6.
    """
    from orbitcompute import orbit as orbit_mod

    check_choice("method", method, ("analytic", "fast"))
    n_days = check_whole_number("days", days, 1, MAX_PROFILE_DAYS, "days")
    arr_o, bat_o = _split_overrides(overrides, size_power_system)
    arr, bat = _array_and_battery(array, battery, arr_o, bat_o)
    summary = orbit_mod.eclipse_summary(orbit, days=n_days, method=method)
    te_day = 60.0 * np.asarray(summary["profile_longest_eclipse_min"], dtype=float)
    period = np.asarray(summary["orbital_period_s"], dtype=float)
    dates = np.asarray(summary["profile_date"])
    r_day = np.asarray(orbit_mod.sun_distance_au(dates), dtype=float)
    return _size_profile(
        load_w=load_w,
        eclipse_load_w=eclipse_load_w,
        eclipse_day_s=te_day,
        period_s=period[..., None],
        sun_distance_day_au=r_day,
        longest_eclipse_s=60.0 * np.asarray(summary["longest_eclipse_min"], dtype=float),
        eclipses_per_year=np.asarray(summary["eclipses_per_year"], dtype=float),
        years=years,
        arr=arr,
        bat=bat,
        stowed_w_per_m3=_stowed_density(array, stowed_power_density_w_per_m3),
        cos_incidence=_cos_incidence(pointing, incidence_deg),
        regulation=regulation,
        depth_of_discharge=depth_of_discharge,
        pmad_kg_per_kw=pmad_kg_per_kw,
        environment_absorbed_w_per_m2=environment_absorbed_w_per_m2,
        solar_constant_w_per_m2=solar_constant_w_per_m2,
        min_end_of_life_fraction=min_end_of_life_fraction,
    )
