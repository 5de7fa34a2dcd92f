"""Bottom-up satellite design closure for the orbital placement.

Private helper of :mod:`orbitcompute.placements.orbital`.

A satellite carries a compute payload of ``P_IT`` watts (a number of catalog
accelerators, or kW of IT). Its design closes as follows, vectorized over any
array of designs:

1. Heat and power: every electrical watt (IT, bus avionics, crosslink
   terminals) ends up as heat on the radiator (the payload heat ``Q``).
   :func:`orbitcompute.thermal.size_thermal_system` sizes the radiator and the
   coolant loop (pump, optional heat pump) and returns the extra electrical
   demand ``d Q`` (the thermal model closes the loop in which pump work is
   itself heat); :func:`orbitcompute.power.size_power_system` sizes array,
   battery and PMAD for the load ``Q (1 + d)`` at end of life through the
   worst eclipse day of the year. Both are linear in their load, so each is
   evaluated once per kW and scaled.
2. Mass: accelerators (plus cold spares for failures without repair),
   shielding, crosslink terminals (sized from the intra-cluster bandwidth,
   :func:`crosslinks`), power (array, battery, PMAD at ``pmad_kg_per_kw``)
   and thermal subsystems. Structure is built up from the mass it carries,
   ``m_s = r_s m_hardware + r_p m_payload`` (multipliers 0.10 and 0.15,
   Campbell & McCandless 1996, p. 191) [4]_, because SMAD's fractions of dry
   mass describe conventional satellites, not power-dominated ones (pass
   ``structure_fraction`` for the SMAD form); avionics and propulsion dry
   mass are SMAD fractions of dry mass (Table 14-18, LEO column) [1]_:
   ``m_dry = (m_known + m_s)(1 + margin) / (1 - f_bus - f_prop)``.
3. Propulsion: drag make-up with an exponential atmosphere (Vallado Table 8-4)
   [2]_, ``dv/yr = 0.5 rho v^2 C_D (A/m) * 1 yr``, plus a Hohmann-type
   disposal burn to a perigee ``h_p``; propellant by Tsiolkovsky,
   ``m_p = m_dry (exp(dv / (I_sp g0)) - 1)``. Drag depends on the wet mass,
   so a fixed number of fixed-point iterations closes the design; a design
   whose iteration does not settle (at 100-150 km the wet mass overflows), or
   whose propellant exceeds the allowed fraction, is infeasible
   (``mass_divergence``). A satellite carries at least one accelerator
   (fewer: ``accelerator_count``).

References
----------
.. [1] Wertz, Everett & Puschell, *Space Mission Engineering: The New SMAD*,
   Microcosm, 2011, Table 14-18 (average subsystem mass as a percentage of dry
   mass, LEO spacecraft with propulsion).
.. [2] Vallado, D. A., *Fundamentals of Astrodynamics and Applications*, 4th
   ed., 2013, section 8.6.2, Table 8-4 (exponential atmosphere) and eq. 8-30
   (drag acceleration).
.. [3] Curtis, H. D., *Orbital Mechanics for Engineering Students*, 3rd ed.,
   2014, section 6.2 (Hohmann transfer) and eq. 6.1 (rocket equation).
.. [4] Campbell, B. A. & McCandless, S. W., *Introduction to Space Sciences
   and Spacecraft Applications*, Gulf Publishing, 1996, p. 191 (structure
   mass multipliers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from orbitcompute import catalog, ground, hardware, links
from orbitcompute._counts import ceil_count
from orbitcompute._labels import first_label
from orbitcompute._validate import (
    check_count,
    check_fraction,
    check_nonnegative,
    check_positive,
    check_range,
    first_where,
    short_repr,
)
from orbitcompute.constants import EARTH_MU_KM3_PER_S2, EARTH_RADIUS_KM, TROPICAL_YEAR_DAYS
from orbitcompute.errors import InputError

__all__ = [
    "DESIGN_DEFAULTS",
    "atmosphere_density_kg_per_m3",
    "bottom_up_satellites",
    "close_satellite",
    "crosslinks",
    "disposal_delta_v_m_per_s",
    "drag_delta_v_m_per_s_per_year",
    "ground_segment",
    "mission_life_years",
]

STANDARD_GRAVITY_M_PER_S2 = 9.80665
SECONDS_PER_YEAR = TROPICAL_YEAR_DAYS * 86400.0

# Vallado (2013) Table 8-4: base altitude [km], nominal density [kg/m3], scale height [km].
_ATM_H0_KM = np.array(
    [0, 25, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 180, 200, 250, 300,
     350, 400, 450, 500, 600, 700, 800, 900, 1000], dtype=float)  # fmt: skip
_ATM_RHO0 = np.array(
    [1.225, 3.899e-2, 1.774e-2, 3.972e-3, 1.057e-3, 3.206e-4, 8.770e-5, 1.905e-5, 3.396e-6,
     5.297e-7, 9.661e-8, 2.438e-8, 8.484e-9, 3.845e-9, 2.070e-9, 5.464e-10, 2.789e-10,
     7.248e-11, 2.418e-11, 9.518e-12, 3.725e-12, 1.585e-12, 6.967e-13, 1.454e-13, 3.614e-14,
     1.170e-14, 5.245e-15, 3.019e-15])  # fmt: skip
_ATM_H_KM = np.array(
    [7.249, 6.349, 6.682, 7.554, 8.382, 7.714, 6.549, 5.799, 5.382, 5.877, 7.263, 9.473,
     12.636, 16.149, 22.523, 29.740, 37.105, 45.546, 53.628, 53.298, 58.515, 60.828, 63.822,
     71.835, 88.667, 124.64, 181.05, 268.00])  # fmt: skip

#: Bottom-up keys and defaults. ``None`` = read from ``data/bus.csv`` or another catalog.
DESIGN_DEFAULTS: dict[str, Any] = {
    # shared keys with bottom-up defaults
    "development_years": None,
    "nre_usd": None,
    "operations_fraction_per_year": None,
    "ground_sites": None,
    "replacement_fraction_per_year": None,
    # payload
    "accelerator": "h100_sxm",
    "accelerators_per_satellite": None,
    "satellite_it_power_kw": 100.0,
    "accelerator_all_in_power_w": None,
    "accelerator_mass_kg": None,
    "accelerator_price_usd": None,
    "accelerator_annual_failure_rate": None,
    # None: cold spares so the expected working count holds at end of life; a
    # confidence c in (0, 1): so that all the accelerators work then with probability c
    "accelerator_spares_confidence": None,
    "satellite_annual_failure_rate": None,
    # power, thermal (names in solar_arrays.csv, batteries.csv, radiators.csv)
    "array": None,
    "array_specific_power_w_per_kg": None,  # None: the array row's areal density
    "battery": None,
    "radiator": "deployable_pumped_loop_conventional",
    "radiator_areal_density_kg_per_m2": None,  # None: the radiator row's
    "coating": None,
    "heat_pump": None,
    "junction_max_temperature_k": 358.15,
    "bus_power_fraction": None,
    # structure, bus, shielding, terminals
    "structure_fraction": None,  # None: structure_mass_ratio model; a number: SMAD fraction
    "structure_mass_ratio": None,
    "payload_structure_mass_ratio": None,
    "pmad_kg_per_kw": None,
    "bus_fraction": None,
    "propulsion_dry_fraction": None,
    "mass_margin_fraction": None,
    "shielding_kg_per_kw": None,
    "crosslink_terminals": None,  # None: sized from the intra-cluster bandwidth
    "crosslink_gbps_per_accelerator": None,
    "crosslink_distance_m": None,
    "crosslink_terminal": "suncatcher_bench",
    "satellites_per_cluster": None,
    "terminal_mass_kg": None,
    "terminal_power_w": None,
    # ground segment (sized from the downlink traffic with orbitcompute.ground)
    "downlink_bits_per_flop": None,
    "downlink_terminal": "tbird_space",
    "ground_terminal": "octl_1m_ground",
    "ground_terminals_per_site": 1.0,
    "ground_site_availability": None,
    "ground_site_latitude_deg": None,
    "ground_site_weather_correlation": 0.0,
    "ground_min_elevation_deg": None,
    "ground_target_availability": None,
    # propulsion and drag
    "drag_coefficient": None,
    "drag_area_fraction": None,
    "specific_impulse_s": None,
    "disposal_perigee_km": None,
    "max_propellant_fraction": None,
    # bottom-up cost factors
    "array_cost_usd_per_w": None,
    "radiator_cost_usd_per_m2": None,
    "bus_cost_usd_per_kg": None,
    "terminal_cost_usd": None,
    "integration_fraction": None,
}

_ITERATIONS = 12
_POWER_PER_KW_KEYS = ("array_area_m2", "array_mass_kg", "battery_mass_kg", "bol_power_w")


def _power_per_kw_result(pw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The per-kW power-system values the satellite scales, from a power sizing."""
    out = {k: np.nan_to_num(pw[k]) for k in _POWER_PER_KW_KEYS}
    out["ok"] = np.asarray(pw["feasible"], dtype=bool)
    return out


def _bus_default(name: str) -> float:
    """The default of ``name`` in ``data/bus.csv``, as a float."""
    return float(catalog.value("bus", name, "value"))


def _bus(p: dict[str, Any], name: str) -> Any:
    """``p[name]``, or its default row of ``data/bus.csv`` when that is ``None``."""
    value = p[name]
    return _bus_default(name) if value is None else value


def satellite_failure_rate(p: dict[str, Any]) -> np.ndarray:
    """The satellites' ``satellite_annual_failure_rate`` (or ``data/bus.csv``'s), checked:
    failures per satellite-year in [0, 1) (hardware's failure convention), the default
    replacement rate of a bottom-up fleet."""
    return check_range(
        "satellite_annual_failure_rate",
        _bus(p, "satellite_annual_failure_rate"),
        0.0, 1.0, high_inclusive=False,
    )  # fmt: skip


# Sub-results that depend only on scalar inputs (the per-watt thermal and power
# sizing of an orbit, link rates, catalog summaries) are the same for every sample
# of a Monte Carlo: they are computed once per distinct set of scalar inputs and
# kept here, read-only. Array-valued inputs are never cached.
_SCALAR_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}
_SCALAR_CACHE_SIZE = 256
_SCALAR_TYPES = (str, bool, int, float, type(None))


def _scalar_key(*values: Any) -> tuple[Any, ...] | None:
    """Hashable key of plain Python scalars, or None when any value is not one."""
    if all(type(v) in _SCALAR_TYPES for v in values):
        return tuple((type(v).__name__, v) for v in values)
    return None


def _orbit_key(orbit: Any) -> tuple[Any, ...] | None:
    """Key of a single :class:`~orbitcompute.orbit.Orbit` with scalar fields, else None."""
    from orbitcompute.orbit import Orbit

    if type(orbit) is not Orbit:
        return None
    key = _scalar_key(
        orbit.kind,
        orbit.altitude_km,
        orbit.inclination_deg,
        orbit.raan_deg,
        orbit.eccentricity,
        orbit.arg_perigee_deg,
        orbit.mean_anomaly_deg,
        orbit.ltan_h,
    )
    if key is None or not (orbit.tle is None or all(type(t) is str for t in orbit.tle)):
        return None
    return (*key, str(orbit.epoch), orbit.tle)


def _uniform_value(x: np.ndarray) -> float | None:
    """The value of an array that holds one value throughout (as a float), else None."""
    if x.size == 0:
        return None
    v = x.flat[0]
    if x.size > 1 and not (x == v).all():
        return None
    return float(v)


def _cached(key: tuple[Any, ...] | None, compute: Any) -> dict[str, Any]:
    """``compute()``, memoized under ``key`` (not memoized when ``key`` is None).

    Arrays of a memoized result are made read-only so no caller can change them.
    """
    if key is None:
        return compute()
    hit = _SCALAR_CACHE.get(key)
    if hit is None:
        hit = compute()
        for v in hit.values():
            if isinstance(v, np.ndarray):
                v.flags.writeable = False
        if len(_SCALAR_CACHE) >= _SCALAR_CACHE_SIZE:
            _SCALAR_CACHE.clear()
        _SCALAR_CACHE[key] = hit
    return hit


def atmosphere_density_kg_per_m3(altitude_km: Any) -> np.ndarray:
    """Atmospheric density from the exponential model of Vallado Table 8-4.

    ``rho = rho0 exp(-(h - h0) / H)`` with ``(h0, rho0, H)`` of the band that
    contains ``h`` (above 1000 km the 1000 km band is extended).

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], >= 0.

    Returns
    -------
    ndarray
        Density [kg/m3].

    References
    ----------
    .. [1] Vallado (2013), section 8.6.2, Table 8-4.
    """
    h = check_nonnegative("altitude_km", altitude_km, "km")
    i = np.clip(np.searchsorted(_ATM_H0_KM, h, side="right") - 1, 0, len(_ATM_H0_KM) - 1)
    return _ATM_RHO0[i] * np.exp(-(h - _ATM_H0_KM[i]) / _ATM_H_KM[i])


def drag_delta_v_m_per_s_per_year(
    altitude_km: Any, area_to_mass_m2_per_kg: Any, drag_coefficient: Any = 2.2
) -> np.ndarray:
    """Delta-v per year that makes up atmospheric drag on a circular orbit.

    ``dv/yr = 0.5 rho v^2 C_D (A/m) * t_yr`` with ``v = sqrt(mu / r)``
    (Vallado eq. 8-30 for the drag acceleration).

    Parameters
    ----------
    altitude_km : float or array_like
        Circular-orbit altitude [km].
    area_to_mass_m2_per_kg : float or array_like
        Drag reference area over mass [m2/kg], >= 0.
    drag_coefficient : float or array_like
        C_D [-], > 0 (2.2 is the usual flat-plate value in free-molecular flow).

    Returns
    -------
    ndarray
        [m/s per year].
    """
    a = check_nonnegative("area_to_mass_m2_per_kg", area_to_mass_m2_per_kg, "m2/kg")
    return _drag_factor(altitude_km, drag_coefficient) * a * SECONDS_PER_YEAR


def _drag_factor(altitude_km: Any, drag_coefficient: Any) -> np.ndarray:
    """``0.5 rho v^2 C_D`` of :func:`drag_delta_v_m_per_s_per_year` [N/m2 = (m/s2) kg/m2]."""
    cd = check_positive("drag_coefficient", drag_coefficient)
    rho = atmosphere_density_kg_per_m3(altitude_km)
    v = np.sqrt(EARTH_MU_KM3_PER_S2 / (EARTH_RADIUS_KM + np.asarray(altitude_km, float))) * 1e3
    return 0.5 * rho * v**2 * cd


def disposal_delta_v_m_per_s(altitude_km: Any, perigee_km: Any) -> np.ndarray:
    """Burn that lowers the perigee of a circular orbit to ``perigee_km``.

    ``dv = v_c - v_apo``, ``v_c = sqrt(mu/r1)``, ``v_apo = sqrt(mu (2/r1 - 1/a))``,
    ``a = (r1 + r_p)/2`` (first half of a Hohmann transfer, Curtis section 6.2);
    zero when the perigee is not below the orbit.

    Parameters
    ----------
    altitude_km : float or array_like
        Circular-orbit altitude [km], >= 0.
    perigee_km : float or array_like
        Perigee altitude after the burn [km], >= 0 (the placement's
        ``disposal_perigee_km``, which it checks under that name).

    Returns
    -------
    ndarray
        Delta-v [m/s].

    References
    ----------
    .. [1] Curtis (2014), section 6.2.
    """
    h = check_nonnegative("altitude_km", altitude_km, "km")
    hp = check_nonnegative("perigee_km", perigee_km, "km")
    r1 = EARTH_RADIUS_KM + h
    rp = EARTH_RADIUS_KM + np.minimum(hp, h)
    a = 0.5 * (r1 + rp)
    dv = np.sqrt(EARTH_MU_KM3_PER_S2 / r1) - np.sqrt(EARTH_MU_KM3_PER_S2 * (2.0 / r1 - 1.0 / a))
    return dv * 1e3


def _check_perigee_below_orbit(perigee_km: np.ndarray, altitude_km: np.ndarray) -> None:
    """A disposal perigee given above the orbit is an InputError.

    :func:`disposal_delta_v_m_per_s` needs no burn for an orbit at or below the perigee
    (it decays on its own), which is right for the catalog's 200 km and an orbit below
    it, but a perigee the caller sets above the orbit is a mistake (a unit slip, or
    the wrong orbit), not a free disposal.
    """
    above = perigee_km > altitude_km
    if np.any(above):
        hp, h = first_where(above, perigee_km, altitude_km)
        raise InputError(
            f"disposal_perigee_km={hp:g}: must not be above the orbit's altitude ({h:g} km); "
            "the end-of-life burn lowers the perigee from the orbit"
        )


#: Accelerator overrides of the orbital placement: (its name, the catalog column, unit).
_ACCELERATOR_OVERRIDES = (
    ("accelerator_all_in_power_w", "all_in_power_w", "W"),
    ("accelerator_mass_kg", "mass_kg", "kg"),
    ("accelerator_price_usd", "price_usd", "USD"),
)


def accelerator_columns(
    p: dict[str, Any], rows: tuple[tuple[str, str, str], ...] = _ACCELERATOR_OVERRIDES
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The columns of ``rows`` (keyword, catalog column, unit) for the accelerator
    ``p["accelerator"]``: each keyword's value where given (>= 0), else the catalog's.

    Returns those columns and the accelerator's whole spec. A column that neither
    gives (an empty catalog cell) is an InputError naming the keyword; the name is
    checked as ``accelerator=``.
    """
    catalog.check_name("accelerator", p["accelerator"], "accelerators")
    over = {}
    for key, col, unit in rows:
        if p[key] is not None:  # checked under this function's names, then passed on
            over[col] = check_nonnegative(key, p[key], unit)
    spec = hardware.accelerator(p["accelerator"], **over)
    out = {}
    for key, col, _ in rows:
        if col not in spec:
            raise InputError(
                f"{key}=None: accelerator {p['accelerator']!r} has no sourced {col} in "
                f"accelerators.csv; pass {key} explicitly"
            )
        out[col] = np.asarray(spec[col], dtype=float)
    return out, spec


def _accelerator(p: dict[str, Any]) -> dict[str, np.ndarray]:
    out, spec = accelerator_columns(p)
    check_positive("accelerator_all_in_power_w", out["all_in_power_w"], "W")
    flops = spec["dense_bf16_flops"] if "dense_bf16_flops" in spec else None
    out["dense_flops"] = np.asarray(np.nan if flops is None else flops, dtype=float)
    return out


#: The ground module's keywords as orbital_placement spells them.
_GROUND_KEYWORDS = {
    "terminals_per_site": "ground_terminals_per_site",
    "site_availability": "ground_site_availability",
    "site_weather_correlation": "ground_site_weather_correlation",
    "target_availability": "ground_target_availability",
    "min_elevation_deg": "ground_min_elevation_deg",
}


def _ground_names(exc: InputError) -> InputError:
    """``exc`` with the ground module's keywords (``terminals_per_site=``) renamed to
    the placement's (``ground_terminals_per_site=``), so that the message names what
    the caller gave."""
    text = re.sub(
        r"(?<![\w.])(" + "|".join(_GROUND_KEYWORDS) + r")(?==)",
        lambda m: _GROUND_KEYWORDS[m.group(1)],
        str(exc),
    )
    return InputError(text)


def _check_link_terminal(param: str, name: Any, fields: tuple[str, ...]) -> None:
    """A catalog terminal chosen by name must have every field its link needs.

    Blank catalog values are unknown (never assumed), so a terminal without, e.g., a
    published ``system_loss_db`` cannot close a link budget until the user supplies
    one. A mapping is checked by :mod:`orbitcompute.links` itself.
    """
    if isinstance(name, Mapping):
        return
    catalog.check_name(param, name, "optical_terminals")
    blank = _blank_link_fields(name, fields)
    if blank:
        raise InputError(
            f"{param}={name!r}: data/optical_terminals.csv has no published "
            f"{', '.join(blank)} for it (unknown, never assumed); pass "
            f"{param}=links.optical_terminal({name!r}, {blank[0]}=...) or another terminal"
        )


@cache
def _blank_link_fields(name: str, fields: tuple[str, ...]) -> tuple[str, ...]:
    """The ``fields`` a catalog terminal leaves blank, as :mod:`orbitcompute.links` reads
    blanks (cached: the catalog does not change, and every placement call asks)."""
    rec = links.optical_terminal(name)
    return tuple(k for k in fields if links._is_unknown(rec[k]))


def crosslinks(accelerators: Any, p: dict[str, Any]) -> dict[str, np.ndarray]:
    """Intra-cluster optical crosslinks of one satellite.

    The required bandwidth is ``B = n_acc * b_acc`` (scale-out bandwidth per
    accelerator, a DGX-style fabric). One terminal links to one neighbour at
    ``crosslink_distance_m`` with the rate of
    :func:`orbitcompute.links.crosslink_rate_vs_distance` for the catalog
    terminal (at formation distances the terminal's line-rate cap binds). With
    ``crosslink_terminals=None`` the count is ``ceil(B / R)``; a given count is
    checked against ``B`` (``crosslinks`` binds when it falls short). When
    ``B = 0`` (inference) or the links module is unavailable, the count falls
    back to ``data/bus.csv`` and the capacity is not checked.

    Parameters
    ----------
    accelerators : float or ndarray
        Working accelerators per satellite.
    p : dict
        ``crosslink_terminals``, ``crosslink_gbps_per_accelerator``,
        ``crosslink_distance_m``, ``crosslink_terminal``.

    Returns
    -------
    dict of ndarray
        ``crosslink_terminals``, ``crosslink_required_bps``,
        ``crosslink_rate_per_terminal_bps``, ``crosslink_capacity_bps``,
        ``crosslink_meets_requirement``.

    References
    ----------
    .. [1] Aguera y Arcas et al., "Towards a future space-based, highly
       scalable AI infrastructure system design", arXiv:2511.19468 (2025):
       81-satellite clusters, 100-200 m spacing, DWDM optical links.
    """
    b_acc = check_nonnegative(
        "crosslink_gbps_per_accelerator",
        _bus(p, "crosslink_gbps_per_accelerator"),
        "Gbit/s",
    )
    dist = check_positive("crosslink_distance_m", _bus(p, "crosslink_distance_m"), "m")
    required = np.asarray(accelerators, dtype=float) * b_acc * 1e9
    both_ends = tuple(dict.fromkeys(links.LINK_TX_FIELDS + links.LINK_RX_FIELDS))
    _check_link_terminal("crosslink_terminal", p["crosslink_terminal"], both_ends)

    def link_rate() -> dict[str, Any]:
        r = links.crosslink_rate_vs_distance(p["crosslink_terminal"], dist)["rate_bps"]
        return {"rate": np.asarray(r, float)}

    key = _scalar_key(p["crosslink_terminal"], dist.item() if dist.ndim == 0 else dist)
    rate = _cached(None if key is None else ("crosslink_rate", *key), link_rate)["rate"]
    fallback = check_nonnegative("crosslink_terminals", _bus_default("crosslink_terminals"))
    sized = (required > 0) & np.isfinite(rate) & (rate > 0)
    if p["crosslink_terminals"] is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            n = np.where(sized, ceil_count(required / np.where(sized, rate, 1.0)), fallback)
    else:
        n = check_nonnegative("crosslink_terminals", p["crosslink_terminals"])
        if np.any(n != np.round(n)):
            raise InputError(
                f"crosslink_terminals={n[n != np.round(n)].ravel()[0]:g}: must be a whole number"
            )
    capacity = n * rate
    meets = ~sized | (capacity >= required * (1.0 - 1e-12))
    shape = np.broadcast_shapes(np.shape(n), np.shape(required), np.shape(rate))
    return {
        "crosslink_terminals": np.broadcast_to(n, shape).astype(float),
        "crosslink_required_bps": np.broadcast_to(required, shape).astype(float),
        "crosslink_rate_per_terminal_bps": np.broadcast_to(rate, shape).astype(float),
        "crosslink_capacity_bps": np.broadcast_to(capacity, shape).astype(float),
        "crosslink_meets_requirement": np.broadcast_to(meets, shape),
    }


def _array_rated_specific_power(array: Any) -> float:
    """Rated specific power of an array row at 1 au [W/kg] (solar_arrays.csv)."""
    from orbitcompute.power import DEFAULT_ARRAY

    row = catalog.get("solar_arrays", DEFAULT_ARRAY if array is None else array)
    return float(row["specific_power_w_per_kg"])


def _installed_accelerators(n_acc: Any, survive: Any, confidence: Any) -> Any:
    """Accelerators installed per satellite, cold spares included, for ``n_acc`` working
    at end of life, each surviving with probability ``survive``.

    Without a ``confidence`` (``None``): ``n_acc / survive``, so that the expected
    working count is ``n_acc``. With one, in (0, 1): the fewest ``N`` with
    ``P(Binomial(N, survive) >= n_acc) >= confidence``; the failures before the
    ``n_acc``-th working unit follow the negative binomial distribution, so
    ``N = n_acc + NB.ppf(confidence; n_acc, survive)`` [1]_ (real ``n_acc`` as the
    gamma-Poisson form). 60 accelerators surviving four years at 0.09/yr
    (``survive = 0.698``): 86 for the expected count, with which all 60 work with
    probability 0.55; 97 at a confidence of 0.95.

    References
    ----------
    .. [1] Johnson, N. L., Kemp, A. W. & Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley, 2005, ch. 5 (the negative binomial as waiting
       time for the n-th success).
    """
    if confidence is None:
        return n_acc / survive
    c = check_range(
        "accelerator_spares_confidence", confidence, 0.0, 1.0,
        low_inclusive=False, high_inclusive=False,
        why="the probability that every accelerator still works at end of life "
        "(None: the expected count)",
    )  # fmt: skip
    from scipy.stats import nbinom

    n, s, c = np.broadcast_arrays(np.asarray(n_acc, dtype=float), survive, c)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        extra = nbinom.ppf(c, n, s)
    if not np.all(np.isfinite(extra)):
        bad = ~np.isfinite(extra)
        raise InputError(
            f"accelerator_spares_confidence={float(c[bad].ravel()[0]):g}: the spares for "
            f"{float(n[bad].ravel()[0]):g} accelerators surviving with probability "
            f"{float(s[bad].ravel()[0]):.3g} are beyond what can be computed"
        )
    return n + extra


def close_satellite(orbit: Any, years: Any, p: dict[str, Any]) -> dict[str, np.ndarray]:
    """Close the design of one satellite (vectorized over arrays of designs).

    Parameters
    ----------
    orbit : orbitcompute.orbit.Orbit
        The orbit (altitude for drag; eclipse profile for power and thermal).
    years : float or ndarray
        Mission life [years], >= 0: array end-of-life degradation, battery cycles,
        drag make-up and accelerator spares. The placement passes the longest a
        satellite can serve within its horizon, :func:`mission_life_years`.
    p : dict
        Parameters (keys of :data:`DESIGN_DEFAULTS`; ``None`` = catalog).

    Returns
    -------
    dict of ndarray
        Per satellite: ``it_power_w``, ``load_w`` [W]; ``accelerators`` (working
        at end of life) and ``accelerators_installed`` (cold spares included),
        the accelerator's ``accelerator_price_usd`` and ``accelerator_dense_flops``
        [FLOP/s]; masses [kg] by subsystem ``accelerator_mass_kg``,
        ``shielding_mass_kg``, ``terminal_mass_kg``, ``array_mass_kg``,
        ``battery_mass_kg``, ``pmad_mass_kg``, ``radiator_mass_kg``,
        ``structure_mass_kg``, ``bus_mass_kg`` (the rest of the dry mass, costed at
        ``bus_cost_usd_per_kg``), and ``dry_mass_kg``, ``propellant_mass_kg``,
        ``wet_mass_kg``; ``pmad_kg_per_kw``; the :func:`crosslinks` keys
        ``crosslink_terminals``, ``crosslink_required_bps``,
        ``crosslink_rate_per_terminal_bps``, ``crosslink_capacity_bps``,
        ``crosslink_meets_requirement``; ``array_area_m2``, ``radiator_area_m2``,
        ``bol_power_w``, ``delta_v_m_per_s``, ``radiator_temperature_k``;
        ``costs``, a dict of hardware costs [USD] (``solar_array_usd``,
        ``radiator_usd``, ``terminals_usd``, ``bus_usd``, ``integration_usd``;
        accelerators apart); ``feasible`` and ``binding`` (the
        first that fails: ``"accelerator_count"`` (less than one accelerator per
        satellite), ``"radiator"``, ``"solar_array"``, ``"mass_divergence"``,
        ``"crosslinks"``; ``"none"`` when the design closes).
    """
    from orbitcompute.power import size_power_system
    from orbitcompute.thermal import size_thermal_system

    acc = _accelerator(p)
    if p["accelerators_per_satellite"] is not None:
        n_acc = check_positive("accelerators_per_satellite", p["accelerators_per_satellite"])
        it_w = n_acc * acc["all_in_power_w"]
    else:
        it_w = check_positive("satellite_it_power_kw", p["satellite_it_power_kw"], "kW") * 1e3
        n_acc = it_w / acc["all_in_power_w"]
    # A satellite carries at least one whole accelerator (a smaller IT payload is a
    # fraction of a chip: the design is infeasible, "accelerator_count").
    acc_ok = n_acc >= 1.0 - 1e-12
    afr_acc = check_range(
        "accelerator_annual_failure_rate",
        _bus(p, "accelerator_annual_failure_rate"),
        0.0, 1.0, high_inclusive=False,
    )  # fmt: skip
    life = check_nonnegative("years", years, "years")
    life_one = _uniform_value(life)
    survive = hardware.surviving_fraction(afr_acc, life)
    n_installed = _installed_accelerators(n_acc, survive, p["accelerator_spares_confidence"])
    # The bus (avionics, ADCS, housekeeping) draws at most as much as the compute it
    # serves: a larger "fraction of IT power" is no compute satellite (catalog 0.01-0.05).
    bus_frac = check_range(
        "bus_power_fraction", _bus(p, "bus_power_fraction"), 0.0, 1.0,
        why="a fraction of the IT power (0.02 = 2 %), not a percent",
    )  # fmt: skip
    xl = crosslinks(n_acc, p)
    n_term = xl["crosslink_terminals"]
    term_w = check_nonnegative("terminal_power_w", _bus(p, "terminal_power_w"), "W")
    term_kg = check_nonnegative("terminal_mass_kg", _bus(p, "terminal_mass_kg"), "kg")
    heat_w = it_w * (1.0 + bus_frac) + n_term * term_w

    # Thermal and power per watt (both linear in their load).
    th_kw: dict[str, Any] = {
        "radiator": p["radiator"],
        "junction_max_temperature_k": p["junction_max_temperature_k"],
    }
    if p["coating"] is not None:
        th_kw["coating"] = p["coating"]
    if p["heat_pump"] is not None:
        th_kw["heat_pump"] = p["heat_pump"]
    rad_areal = p["radiator_areal_density_kg_per_m2"]
    if rad_areal is not None:
        rad_areal = check_positive("radiator_areal_density_kg_per_m2", rad_areal, "kg/m2")
        if p["heat_pump"] is not None:
            # the heat pump's optimum lift trades radiator mass against work: size with it
            th_kw["areal_density_kg_per_m2"] = rad_areal
            rad_areal = None

    def thermal_per_w() -> dict[str, Any]:
        th = size_thermal_system(1000.0, orbit, **th_kw)
        th_ok = np.asarray(th["feasible"], dtype=bool)
        return {
            "ok": th_ok,
            "area": np.where(th_ok, np.nan_to_num(th["radiator_area_m2"]) / 1000.0, 0.0),
            "mass": np.where(
                th_ok,
                (np.nan_to_num(th["radiator_mass_kg"]) + np.nan_to_num(th["heat_pump_mass_kg"]))
                / 1000.0,
                0.0,
            ),
            "demand": np.where(th_ok, np.nan_to_num(th["power_demand_w"]) / 1000.0, 0.0),
            "temperature": np.asarray(th["radiator_temperature_k"], dtype=float),
        }

    orbit_key = _orbit_key(orbit)
    th_key = _scalar_key(*(v for kv in sorted(th_kw.items()) for v in kv))
    th = _cached(
        None if orbit_key is None or th_key is None else ("thermal", orbit_key, th_key),
        thermal_per_w,
    )
    th_ok = th["ok"]
    rad_area_per_w, rad_mass_per_w, demand_per_w = th["area"], th["mass"], th["demand"]
    if rad_areal is not None:
        # without a heat pump the radiator mass is its area times its areal density
        # (thermal.size_thermal_system), and the area does not depend on the latter
        rad_mass_per_w = rad_area_per_w * rad_areal
    pw_kw: dict[str, Any] = {}
    if p["array"] is not None:
        pw_kw["array"] = p["array"]
    if p["battery"] is not None:
        pw_kw["battery"] = p["battery"]
    pmad = check_nonnegative("pmad_kg_per_kw", _bus(p, "pmad_kg_per_kw"), "kg/kW")

    def power_per_kw() -> dict[str, Any]:
        # Sized without PMAD: the PMAD mass (pmad * load) is added below, so the
        # sizing does not depend on the (often sampled) pmad_kg_per_kw.
        return _power_per_kw_result(
            size_power_system(1000.0, orbit, life_key, pmad_kg_per_kw=0.0, **pw_kw)
        )

    # One mission life for every design (a float): sized once and cached. Lives that
    # differ between designs (a sampled development_years): sized per design, on the
    # days that can be the worst (power.size_power_system).
    life_key = life if life_one is None else life_one
    pw_key = _scalar_key(life_key, *(v for kv in sorted(pw_kw.items()) for v in kv))
    pw = _cached(
        None if orbit_key is None or pw_key is None else ("power", orbit_key, pw_key),
        power_per_kw,
    )
    pw_ok = pw["ok"]

    # Electrical load: payload + bus + terminals + the coolant pump / heat pump. The
    # thermal model already closes the loop in which the pump's own power is heat to
    # reject (its radiator area and demand are per watt of payload heat), so the load
    # follows directly: load = heat (1 + demand per W of heat).
    load_w = heat_w * (1.0 + demand_per_w)
    power_ok = np.isfinite(load_w)
    k = load_w / 1000.0
    array_area = pw["array_area_m2"] * k
    array_mass = pw["array_mass_kg"] * k
    if p["array_specific_power_w_per_kg"] is not None:
        # The rated specific power fixes the areal density at the row's cells and
        # packing (solar_arrays.csv derives it as S eta p_f d_i / (W/kg)); the array
        # mass is area times areal density (power.size_power_system), so it scales
        # as the row's rated W/kg over the one given.
        sp = check_positive(
            "array_specific_power_w_per_kg", p["array_specific_power_w_per_kg"], "W/kg"
        )
        array_mass = array_mass * (_array_rated_specific_power(p["array"]) / sp)
    battery_mass = pw["battery_mass_kg"] * k
    pmad_mass = (pmad * 1000.0 / 1000.0) * k  # size_power_system's pmad * load / 1000, per kW
    bol_w = pw["bol_power_w"] * k
    rad_area = rad_area_per_w * heat_w
    rad_mass = rad_mass_per_w * heat_w

    shield = check_nonnegative("shielding_kg_per_kw", _bus(p, "shielding_kg_per_kw"), "kg/kW")
    acc_mass = n_installed * acc["mass_kg"]
    shield_mass = shield * it_w / 1e3
    term_mass = n_term * term_kg
    payload = acc_mass + shield_mass
    hardware_mass = term_mass + array_mass + battery_mass + pmad_mass + rad_mass
    known = payload + hardware_mass
    if p["structure_fraction"] is None:
        # Structure built up from the mass it carries (Campbell & McCandless 1996, p. 191).
        r_s = check_nonnegative("structure_mass_ratio", _bus(p, "structure_mass_ratio"))
        r_p = check_nonnegative(
            "payload_structure_mass_ratio",
            _bus(p, "payload_structure_mass_ratio"),
        )
        structure = r_s * hardware_mass + r_p * payload
        f_s = np.asarray(0.0)
    else:
        # SMAD alternative: structure as a fraction of dry mass (Table 14-18).
        structure = np.asarray(0.0)
        f_s = check_fraction("structure_fraction", p["structure_fraction"], allow_zero=True)
    f_b = check_fraction("bus_fraction", _bus(p, "bus_fraction"), allow_zero=True)
    f_p = check_fraction(
        "propulsion_dry_fraction",
        _bus(p, "propulsion_dry_fraction"),
        allow_zero=True,
    )
    if np.any(f_s + f_b + f_p >= 1.0):
        raise InputError(
            f"structure_fraction + bus_fraction + propulsion_dry_fraction="
            f"{float(np.max(f_s + f_b + f_p)):g}: must be < 1 (fractions of dry mass)"
        )
    # A margin larger than the mass it is added to is no margin on an estimate (design
    # margins are tens of percent: catalog 0-0.30).
    margin = check_range(
        "mass_margin_fraction", _bus(p, "mass_margin_fraction"), 0.0, 1.0,
        why="a fraction of the known mass (0.2 = 20 %), not a percent",
    )  # fmt: skip
    dry = (known + structure) * (1.0 + margin) / (1.0 - f_s - f_b - f_p)
    structure_mass = structure * (1.0 + margin) + f_s * dry

    # Propulsion: drag make-up + disposal, Tsiolkovsky; drag depends on wet mass.
    alt = np.asarray(orbit.altitude_km, dtype=float)
    cd = _bus(p, "drag_coefficient")
    # A flat surface projects at most its own area onto the plane normal to the velocity
    # (1 when it faces the flow head-on, the catalog's high value).
    f_drag = check_range(
        "drag_area_fraction", _bus(p, "drag_area_fraction"), 0.0, 1.0,
        why="the share of the array + radiator area facing the flow, at most all of it",
    )  # fmt: skip
    isp = check_positive("specific_impulse_s", _bus(p, "specific_impulse_s"), "s")
    hp = _bus(p, "disposal_perigee_km")
    if p["disposal_perigee_km"] is not None:
        _check_perigee_below_orbit(check_nonnegative("disposal_perigee_km", hp, "km"), alt)
    max_prop = check_fraction("max_propellant_fraction", _bus(p, "max_propellant_fraction"))
    ve = isp * STANDARD_GRAVITY_M_PER_S2

    def orbit_dv() -> dict[str, Any]:
        return {"disposal": disposal_delta_v_m_per_s(alt, hp), "drag": _drag_factor(alt, cd)}

    dv_key = _scalar_key(alt.item() if alt.ndim == 0 else alt, cd, hp)
    dv = _cached(None if dv_key is None else ("orbit_dv", *dv_key), orbit_dv)
    dv_disp = dv["disposal"]
    drag_area = f_drag * (array_area + rad_area)
    # drag_delta_v_m_per_s_per_year(alt, drag_area / wet, cd) with the orbit's factor
    # 0.5 rho v^2 C_D computed once (same arithmetic); the area-to-mass ratio is
    # checked on the first iterate (later ones only divide by a larger wet mass).
    drag = dv["drag"]
    check_nonnegative("area_to_mass_m2_per_kg", drag_area / dry, "m2/kg")
    wet = dry
    # Deep in the atmosphere (100-150 km) or at a tiny specific impulse the rocket
    # equation's exp() overflows: an infinite wet mass, which never settles (the next
    # iterate has no drag), so the design is infeasible ("mass_divergence").
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(_ITERATIONS):
            dv_drag = drag * (drag_area / wet) * SECONDS_PER_YEAR * life
            wet_new = dry * np.exp((dv_drag + dv_disp) / ve)
            wet_prev, wet = wet, wet_new
        dv_drag = drag * (drag_area / wet) * SECONDS_PER_YEAR * life
        prop = wet - dry
        settled = np.isfinite(wet) & (np.abs(wet - wet_prev) <= 1e-6 * wet)
    mass_ok = settled & (prop <= max_prop * wet)

    # Bottom-up hardware cost (accelerators kept apart).
    c_arr = check_nonnegative("array_cost_usd_per_w", _bus(p, "array_cost_usd_per_w"), "USD/W")
    c_rad = check_nonnegative(
        "radiator_cost_usd_per_m2",
        _bus(p, "radiator_cost_usd_per_m2"),
        "USD/m2",
    )
    c_bus = check_nonnegative("bus_cost_usd_per_kg", _bus(p, "bus_cost_usd_per_kg"), "USD/kg")
    c_term = check_nonnegative("terminal_cost_usd", _bus(p, "terminal_cost_usd"), "USD")
    # Assembly, integration and test of a series-built satellite cost at most as much as
    # the hardware they assemble (catalog 0.05-0.30); a larger share is a percent.
    f_int = check_range(
        "integration_fraction", _bus(p, "integration_fraction"), 0.0, 1.0,
        why="a fraction of the hardware cost (0.1 = 10 %), not a percent",
    )  # fmt: skip
    bus_mass = dry - acc_mass - array_mass - rad_mass - term_mass
    costs = {
        "solar_array_usd": c_arr * bol_w,
        "radiator_usd": c_rad * rad_area,
        "terminals_usd": c_term * n_term,
        "bus_usd": c_bus * bus_mass,
    }
    costs["integration_usd"] = f_int * sum(costs.values())

    xl_ok = xl["crosslink_meets_requirement"]
    feasible = acc_ok & th_ok & pw_ok & power_ok & mass_ok & xl_ok
    binding = first_label(
        [~acc_ok, ~th_ok, ~pw_ok, ~power_ok | ~mass_ok, ~xl_ok],
        ["accelerator_count", "radiator", "solar_array", "mass_divergence", "crosslinks"],
        "none",
        shape=np.shape(feasible),
        dtype="<U24",
    )
    return {
        "it_power_w": it_w,
        "load_w": load_w,
        "accelerators": n_acc,
        "accelerators_installed": n_installed,
        "accelerator_price_usd": acc["price_usd"],
        "accelerator_dense_flops": acc["dense_flops"],
        "accelerator_mass_kg": acc_mass,
        "shielding_mass_kg": shield_mass,
        "terminal_mass_kg": term_mass,
        "array_mass_kg": array_mass,
        "battery_mass_kg": battery_mass,
        "pmad_mass_kg": pmad_mass,
        "radiator_mass_kg": rad_mass,
        "structure_mass_kg": structure_mass,
        "pmad_kg_per_kw": pmad,
        **xl,
        "bus_mass_kg": bus_mass,
        "dry_mass_kg": dry,
        "propellant_mass_kg": prop,
        "wet_mass_kg": wet,
        "array_area_m2": array_area,
        "radiator_area_m2": rad_area,
        "bol_power_w": bol_w,
        "delta_v_m_per_s": dv_drag + dv_disp,
        "radiator_temperature_k": th["temperature"],
        "costs": costs,
        "feasible": feasible,
        "binding": binding,
    }


def ground_segment(
    n_satellites: Any, flops_per_s: Any, orbit: Any, p: dict[str, Any], per_cluster: np.ndarray
) -> dict[str, np.ndarray]:
    """Optical ground sites the fleet's downlink traffic needs.

    Traffic ``T = F * b_F`` (:func:`orbitcompute.ground.traffic_to_earth_bps`):
    ``F`` the fleet's dense FLOP/s with every accelerator busy, not scaled by the
    utilisation (a time average: while they work, the traffic is the full rate, and
    the ground segment is sized for it), times Earth-bound bits per FLOP; one ground
    link carries
    the rate of :func:`orbitcompute.links.optical_link` from the downlink
    terminal to the ground telescope at the slant range of the elevation mask
    (:func:`orbitcompute.ground.slant_range_m`); sites are counted by
    :func:`orbitcompute.ground.ground_sites_needed` with each site cloud-free
    with probability ``ground_site_availability`` (default: the mean
    cloud-free probability of the optical sites in ``data/ground_sites.csv``),
    independently of the others unless ``ground_site_weather_correlation`` (the
    intra-class correlation of the sites' weather, default 0: no value is sourced)
    makes the number of clear sites Beta-Binomial.
    A sun-synchronous fleet flies in ONE plane (every satellite at the orbit's
    local time of the node), which a site sees only while the Earth's rotation
    carries it near the plane (a dawn-dusk ring: around the site's dawn and
    dusk): it is counted with the single-plane model of
    :func:`orbitcompute.ground.ring_in_view_fraction` at the sites' latitude
    ``ground_site_latitude_deg`` (default: the mean absolute latitude of the
    optical sites in ``data/ground_sites.csv``, 27.8 deg); any other orbit
    with the fleet spread evenly over the sphere (a Walker-like shell). The
    ``per_cluster`` satellites of a cluster (``satellites_per_cluster``, checked by
    the caller) are in view together: a site sees clusters of that many downlink
    terminals. An explicit ``ground_sites`` overrides the count (the link rate is still
    computed); when the traffic is zero or unknown, the count is the
    ``data/bus.csv`` fallback. Where there is traffic and no number of sites up
    to :data:`orbitcompute.ground.MAX_SITES` carries it, the design does not
    close (``ground_feasible`` False; the placement's binding constraint
    ``"ground_segment"``).

    Returns
    -------
    dict of ndarray
        ``ground_sites``, ``downlink_traffic_bps``,
        ``ground_link_rate_bps``, ``ground_sites_sized`` (bool),
        ``ground_feasible`` (bool).

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3; del Portillo et al., IEEE Aerospace
       Conf. (2017) (site diversity), via :mod:`orbitcompute.ground`.
    """
    b_f = check_nonnegative(
        "downlink_bits_per_flop", _bus(p, "downlink_bits_per_flop"),
        "bit/FLOP",
    )  # fmt: skip
    traffic = np.asarray(flops_per_s, dtype=float) * b_f
    fixed = p["ground_sites"]
    if fixed is not None:
        fixed = check_count("ground_sites", fixed)
    fallback = _bus_default("ground_sites")
    elev = _bus(p, "ground_min_elevation_deg")
    target = _bus(p, "ground_target_availability")
    avail = p["ground_site_availability"]
    per_site = p["ground_terminals_per_site"]
    # checked here under the names given to orbital_placement (the ground module's own
    # checks would name its parameters); the values are passed on unchanged
    check_range("ground_min_elevation_deg", elev, 0.0, 90.0, high_inclusive=False, unit="deg")
    check_range("ground_target_availability", target, 0.0, 1.0, low_inclusive=False,
                high_inclusive=False)  # fmt: skip
    if avail is not None:
        check_fraction("ground_site_availability", avail)
    check_count("ground_terminals_per_site", per_site, 1.0)
    rho = check_range(
        "ground_site_weather_correlation", p["ground_site_weather_correlation"], 0.0, 1.0,
        high_inclusive=False,
    )  # fmt: skip
    plane = _single_plane(orbit, p["ground_site_latitude_deg"])
    _check_link_terminal("downlink_terminal", p["downlink_terminal"], links.LINK_TX_FIELDS)
    _check_link_terminal("ground_terminal", p["ground_terminal"], links.LINK_RX_FIELDS)
    if avail is None:
        avail = _optical_sites()["avail"]
    alt = np.asarray(orbit.altitude_km, dtype=float)

    def link_rate() -> dict[str, Any]:
        link = links.crosslink_rate_vs_distance(
            p["downlink_terminal"],
            ground.slant_range_m(alt, elev),
            rx_terminal=p["ground_terminal"],
        )
        return {"rate": np.asarray(link["rate_bps"], dtype=float)}

    key = _scalar_key(
        p["downlink_terminal"], p["ground_terminal"], alt.item() if alt.ndim == 0 else alt, elev
    )
    rate = _cached(None if key is None else ("ground_link_rate", *key), link_rate)["rate"]
    if fixed is not None:  # the count is given; the link rate is still the terminals'
        return {
            "ground_sites": fixed,
            "downlink_traffic_bps": traffic,
            "ground_link_rate_bps": rate + 0.0 * traffic,
            "ground_sites_sized": np.zeros(np.shape(traffic), dtype=bool),
            "ground_feasible": np.ones(np.shape(traffic), dtype=bool),
        }
    known = np.isfinite(traffic)
    t_in = np.where(known, traffic, 0.0)
    n_in = np.asarray(n_satellites, dtype=float)

    def sites_needed(t: Any, n: Any) -> dict[str, Any]:
        # a cluster (satellites_per_cluster flying within a kilometre or so) is in view
        # whole or not at all: the clusters are what is spread in the sky, each with
        # one downlink terminal per satellite; a fleet smaller than a cluster is one
        c = np.minimum(per_cluster, n)
        try:
            return ground.ground_sites_needed(
                t, n / c, alt, rate, min_elevation_deg=elev, terminals_per_site=per_site,
                satellite_terminals=c, site_availability=avail, target_availability=target,
                site_weather_correlation=rho, **plane,
            )  # fmt: skip
        except InputError as exc:  # e.g. an overflow, named by the ground module's names
            raise _ground_names(exc) from None

    # In a Monte Carlo the traffic and the fleet are often the same in every sample
    # (only costs vary): the count is then computed once, on scalars, and kept.
    key = _scalar_key(elev, per_site, avail, target, rho, per_cluster, *plane.values())
    t0 = _uniform_value(t_in)
    n0 = _uniform_value(n_in)
    if (
        key is not None
        and t0 is not None
        and n0 is not None
        and alt.ndim == 0
        and np.ndim(rate) == 0
        and (n_in.ndim == 0 or n_in.shape == t_in.shape)
    ):
        need = _cached(
            ("ground_sites", t0, n0, alt.item(), float(rate), *key),
            lambda: sites_needed(t0, n0),
        )
    else:
        need = sites_needed(t_in, n_satellites)
    sized = known & (traffic > 0) & need["feasible"]
    sites = np.where(sized, np.nan_to_num(need["sites_needed"]), fallback)
    return {"ground_sites": sites, "downlink_traffic_bps": traffic,
            "ground_link_rate_bps": rate + 0.0 * traffic, "ground_sites_sized": sized,
            "ground_feasible": ~(known & (traffic > 0)) | need["feasible"]}  # fmt: skip


def _optical_sites() -> dict[str, Any]:
    """The optical sites of ``data/ground_sites.csv`` the ground segment stands for: their
    mean cloud-free probability (``avail``) and mean absolute latitude [deg] (``lat``),
    read once."""

    def read() -> dict[str, Any]:
        rows = [catalog.get("ground_sites", n) for n in catalog.names("ground_sites")]
        optical = [r for r in rows if r["kind"] == "optical"]
        return {
            "avail": float(np.mean([float(r["cloud_free_probability"]) for r in optical])),
            "lat": float(np.mean([abs(float(r["latitude_deg"])) for r in optical])),
        }

    return _cached(("optical_sites",), read)


def _single_plane(orbit: Any, latitude_deg: Any) -> dict[str, Any]:
    """The keywords of :func:`orbitcompute.ground.ground_sites_needed` for a fleet in
    one plane: a sun-synchronous orbit's (its inclination, the sites at
    ``latitude_deg`` or the catalog optical sites' mean absolute latitude); ``{}``
    for any other orbit (spread evenly over the sphere), where a given latitude is
    refused (it would not be used)."""
    if getattr(orbit, "kind", None) != "sun_synchronous":
        if latitude_deg is not None:
            raise InputError(
                f"ground_site_latitude_deg={short_repr(latitude_deg)}: used only for a "
                "sun-synchronous orbit (a fleet in one plane); this orbit is "
                f"{getattr(orbit, 'kind', type(orbit).__name__)!r}, whose fleet is taken "
                "to be spread evenly over the sphere"
            )
        return {}
    if latitude_deg is None:
        latitude_deg = _optical_sites()["lat"]
    else:
        latitude_deg = check_range(
            "ground_site_latitude_deg", latitude_deg, -90.0, 90.0, unit="deg"
        )
    return {
        "plane_inclination_deg": orbit.inclination_deg,
        "site_latitude_deg": latitude_deg,
    }


def mission_life_years(years: int, development_years: np.ndarray) -> np.ndarray:
    """Longest a satellite can serve within the horizon [years]: ``max(Y - d, 0)``.

    The horizon ``Y`` starts with the programme (``development_years`` ``d``
    before the first launch) and nothing is credited after it (no residual
    value), so no satellite serves more than ``Y - d`` years of it: the life its
    cold spares, array end-of-life degradation, battery cycles and drag make-up
    are sized for. 0 where the development takes the whole horizon (nothing
    serves: the placement reports ``"horizon"``; a satellite sized for no
    service carries no spares and no drag propellant).
    """
    return np.maximum(float(years) - np.asarray(development_years, dtype=float), 0.0)


def bottom_up_satellites(
    it_mw: np.ndarray, years: int, orbit: Any, p: dict[str, Any]
) -> dict[str, Any]:
    """Fleet of closed satellites for the orbital placement's economics layer.

    Each satellite is closed for the mission life :func:`mission_life_years`
    (``years - development_years``), not the whole horizon.
    """
    if orbit is None:
        from orbitcompute.orbit import Orbit

        orbit = Orbit.sun_synchronous(650.0, 18.0)
    for key in ("development_years", "nre_usd", "operations_fraction_per_year"):
        p[key] = _bus(p, key)
    lam_sat = satellite_failure_rate(p)
    repl = (
        lam_sat
        if p["replacement_fraction_per_year"] is None
        else check_range(
            "replacement_fraction_per_year", p["replacement_fraction_per_year"], 0.0, 1.0
        )
    )
    dev = check_nonnegative("development_years", p["development_years"], "years")
    life = mission_life_years(years, dev)
    s = close_satellite(orbit, life, p)
    ok = s["feasible"]
    it_w = it_mw * 1e6
    # (a satellite that does not close may carry a tiny IT power: its count, never
    # used, may overflow; one that closes carries at least one accelerator)
    with np.errstate(over="ignore"):
        n_sat = np.where(ok, ceil_count(it_w / s["it_power_w"]), np.nan)
    nan = np.where(ok, 1.0, np.nan)
    per_cluster = check_count("satellites_per_cluster", _bus(p, "satellites_per_cluster"), 1.0)
    ground = ground_segment(
        np.where(ok, n_sat, 1.0),
        n_sat * s["accelerators"] * s["accelerator_dense_flops"],
        orbit,
        p,
        per_cluster,
    )
    p["ground_sites"] = ground["ground_sites"]
    if not np.all(ground["ground_feasible"]):  # (a new label array only when one fails)
        ok = ok & ground["ground_feasible"]
        s["binding"] = np.where(
            s["feasible"] & ~ground["ground_feasible"], "ground_segment", s["binding"]
        )
    per_sat_hw = sum(s["costs"].values())
    capex_items = {f"breakdown.capex.satellite_{k}": n_sat * v for k, v in s["costs"].items()}
    kg_per_kw = s["wet_mass_kg"] / (s["it_power_w"] / 1e3)
    return {
        "satellites": n_sat,
        "satellite_mass_kg": s["wet_mass_kg"] * nan,
        "satellite_power_w": s["load_w"],
        "satellite_it_power_w": s["it_power_w"],
        "mass_to_orbit_kg": n_sat * s["wet_mass_kg"],
        "array_area_m2": n_sat * s["array_area_m2"],
        "radiator_area_m2": n_sat * s["radiator_area_m2"],
        "hardware_usd": n_sat * per_sat_hw,
        "capex_items": capex_items,
        "accelerator_usd": n_sat * s["accelerators_installed"] * s["accelerator_price_usd"],
        "accelerator_replacement_fraction_per_year": repl,
        "replacement_fraction_per_year": repl,
        "replacement_includes_launch": True,
        # launches carry whole satellites (launch.satellites_per_launch)
        "whole_satellite_launches": True,
        "design_feasible": ok,
        "design_binding": s["binding"],
        "extra": {
            "specific_power_w_per_kg": s["it_power_w"] / s["wet_mass_kg"] * nan,
            "kg_per_kw": kg_per_kw * nan,
            "bol_specific_power_w_per_kg": s["bol_power_w"] / s["wet_mass_kg"] * nan,
            "bol_kg_per_kw": s["wet_mass_kg"] / (s["bol_power_w"] / 1e3) * nan,
            "satellite_dry_mass_kg": s["dry_mass_kg"] * nan,
            "satellite_propellant_mass_kg": s["propellant_mass_kg"] * nan,
            "satellite_array_area_m2": s["array_area_m2"] * nan,
            "satellite_radiator_area_m2": s["radiator_area_m2"] * nan,
            "satellite_load_w": s["load_w"],
            "satellite_bol_power_w": s["bol_power_w"] * nan,
            "satellite_delta_v_m_per_s": s["delta_v_m_per_s"] * nan,
            "accelerators_per_satellite": s["accelerators"],
            "accelerators_installed_per_satellite": s["accelerators_installed"],
            "radiator_temperature_k": s["radiator_temperature_k"],
            "pmad_kg_per_kw": s["pmad_kg_per_kw"] + 0.0 * n_sat,
            "clusters": ceil_count(n_sat / per_cluster),
            "satellites_per_cluster": per_cluster + 0.0 * n_sat,
            **{k: v for k, v in s.items() if k.startswith("crosslink_")},
            **{k: v for k, v in ground.items() if k not in ("ground_sites", "ground_feasible")},
            **{
                f"satellite_{k}": s[k] * nan
                for k in (
                    "accelerator_mass_kg",
                    "shielding_mass_kg",
                    "terminal_mass_kg",
                    "array_mass_kg",
                    "battery_mass_kg",
                    "pmad_mass_kg",
                    "radiator_mass_kg",
                    "structure_mass_kg",
                    "bus_mass_kg",
                )
            },
        },
    }
