"""Terrestrial placement: a real site's build-out under power, land and cooling limits.

A demand of ``it_power_mw`` of IT load is placed at a site from ``data/sites.csv``.
The model, element by element over broadcast numpy arrays:

1. **Cooling.** The lowest-PUE design whose water use fits the site's water allowance
   (:func:`orbitcompute.cooling.select_cooling_design`); less water forces a drier
   design and a higher PUE. Facility power is ``P_fac = P_IT * PUE``.
2. **Power.** Sources in the site's priority order: the grid up to its headroom (after
   the interconnection wait), on-site gas turbines up to a cap (permit, pipeline), and
   round-the-clock solar plus storage limited by the land left after the campus.
3. **Land.** ``A = a_f * P_fac + a_s * P_solar`` against the site's acres.
4. **Limits.** The largest feasible IT load (bisection on the monotone feasibility
   test) and the constraint that binds: ``"grid power"`` (grid is the only source),
   ``"power supply"``, ``"land"``, ``"water"`` or ``"none"``.
5. **Timeline.** Campus capacity grows linearly to ``construction_years`` and is first
   energised at ``first_power_years``; each source comes online after its wait or
   lead time (turbine or transformer, whichever is later). Delivered IT MW by year is the
   mean of monthly samples.
6. **Costs.** Facility capex by component, generation, grid interconnection, land and
   backup at year 0; electricity, fuel, water, maintenance and staff each year, scaled
   by what is built and delivered; undiscounted and discounted
   (:mod:`orbitcompute.finance`, end-of-year factors for opex, capex undiscounted).

Every catalog number can be overridden by a keyword of :func:`terrestrial_placement`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from orbitcompute import catalog, cooling, finance, generation
from orbitcompute._validate import (
    check_choice,
    check_nonnegative,
    check_range,
    did_you_mean,
)
from orbitcompute.constants import HOURS_PER_YEAR
from orbitcompute.errors import InputError

__all__ = [
    "ACCEPTED_KEYWORDS",
    "PARAMETERS",
    "dispatch",
    "max_feasible_it_mw",
    "site_parameters",
    "sites",
    "terrestrial_placement",
]

SOURCES = ("grid", "gas", "solar")
_BISECTION_STEPS = 60
_MONTHS = 12

# Parameters taken from the site row (column name == parameter name, unless mapped).
_SITE_COLUMNS = {
    "grid_headroom_mw": "grid_headroom_mw",
    "grid_wait_years": "grid_wait_years",
    "grid_co2_t_per_mwh": "grid_co2_t_per_mwh",
    "electricity_price_usd_per_mwh": "electricity_price_usd_per_mwh",
    "gas_price_usd_per_mmbtu": "gas_price_usd_per_mmbtu",
    "gas_max_mw": "gas_max_mw",
    "solar_enabled": "solar_enabled",
    "solar_capacity_factor": "solar_capacity_factor",
    "land_available_acres": "land_available_acres",
    "land_price_usd_per_acre": "land_price_usd_per_acre",
    "water_available_m3_per_year": "water_available_m3_per_year",
    "facility_capex_usd_per_mw": "construction_cost_usd_per_mw",
}
_DEFAULT_ROWS = (
    "facility_acres_per_mw",
    "solar_acres_per_mwac",
    "solar_pv_mwac_per_rtc_mw",
    "solar_storage_hours",
    "solar_reference_capacity_factor",
    "construction_years",
    "first_power_years",
    "transformer_lead_time_years",
    "maintenance_fraction_per_year",
    "staff_fte_per_mw",
    "staff_cost_usd_per_fte_year",
    "water_price_usd_per_m3",
    "facility_electrical_share",
    "facility_mechanical_share",
    "facility_civil_share",
    "facility_fitout_share",
    "gas_co2_lb_per_mmbtu",
)
_TECH = {
    "turbine_capex_usd_per_kw": "capex_usd_per_kw",
    "turbine_lead_time_years": "lead_time_years",
    "heat_rate_btu_per_kwh": "heat_rate_btu_per_kwh",
}
_FIXED = {
    "load_factor": 1.0,
    "gas_reserve_margin": 0.0,
    "backup_capex_usd": 0.0,
    "grid_interconnection_capex_usd_per_kw": 0.0,
    "solar_capex_usd_per_kw": None,  # from generation.csv solar_storage_rtc
    "solar_lead_time_years": None,
    "pue": None,
    "wue_l_per_kwh": None,
}
_STRINGS = ("cooling_design", "turbine_type", "power_priority", "climate_zone")

#: Every keyword :func:`terrestrial_placement` accepts besides the positional ones.
PARAMETERS: tuple[str, ...] = (
    *_SITE_COLUMNS,
    *_DEFAULT_ROWS,
    *_TECH,
    *_FIXED,
    *_STRINGS,
    "discount_rate",
)

#: Alias read by :func:`orbitcompute.scenario.placement_keywords`.
ACCEPTED_KEYWORDS: tuple[str, ...] = PARAMETERS

# Quantities that may be +inf (no limit).
_MAY_BE_INF = {
    "grid_headroom_mw",
    "gas_max_mw",
    "land_available_acres",
    "water_available_m3_per_year",
}


def sites() -> list[str]:
    """Names of the sites in ``data/sites.csv``."""
    return list(catalog.load("sites").index)


@cache
def _site_row(site: str) -> dict[str, Any]:
    rec = catalog.get("sites", site)
    return dict(rec)


def site_parameters(site: str) -> dict[str, Any]:
    """All model parameters of a site: its catalog row plus the shared defaults.

    Parameters
    ----------
    site : str
        Site name (see :func:`sites`); an unknown name raises ``InputError`` with a
        did-you-mean.

    Returns
    -------
    dict
        Parameter name -> float (or str for ``cooling_design``, ``turbine_type``,
        ``power_priority``, ``climate_zone``); an empty catalog cell of ``gas_max_mw``
        means no cap (``inf``).
    """
    names = sites()
    if site not in names:
        raise InputError(
            f"site={site!r}: unknown site; available: {', '.join(names)}{did_you_mean(site, names)}"
        )
    row = _site_row(site)
    out: dict[str, Any] = {}
    for par, col in _SITE_COLUMNS.items():
        v = row[col]
        out[par] = float("inf") if v is None and par in _MAY_BE_INF else float(v)
    d = catalog.load("terrestrial_defaults")
    for name in _DEFAULT_ROWS:
        out[name] = float(d.loc[name, "value"])
    out["turbine_type"] = str(row["turbine_type"])
    out["power_priority"] = str(row["power_priority"])
    out["climate_zone"] = str(row["cooling_climate_zone"])
    out["cooling_design"] = "auto"
    solar = catalog.load("generation").loc["solar_storage_rtc"]
    out.update(_FIXED)
    out["solar_capex_usd_per_kw"] = float(solar["capex_usd_per_kw"])
    out["solar_lead_time_years"] = float(solar["lead_time_years"])
    out["discount_rate"] = 0.0
    return out


def _limit(name: str, value: Any, unit: str) -> np.ndarray:
    """A non-negative limit that may be +inf (no limit)."""
    arr = np.asarray(value, dtype=float) if not isinstance(value, str) else None
    if arr is None or np.any(np.isnan(arr)) or np.any(arr < 0):
        raise InputError(f"{name}={value!r}: must be >= 0 {unit} (inf = no limit)")
    return arr


def _priority(value: str | Sequence[str]) -> tuple[str, ...]:
    items = value.split(";") if isinstance(value, str) else list(value)
    items = [s.strip() for s in items if s.strip()]
    for s in items:
        check_choice("power_priority", s, SOURCES)
    if len(set(items)) != len(items) or not items:
        raise InputError(f"power_priority={value!r}: must list distinct sources from {SOURCES}")
    return tuple(items)


def dispatch(
    demand_mw: float | np.ndarray,
    capacities_mw: dict[str, np.ndarray],
    priority: Sequence[str],
) -> dict[str, np.ndarray]:
    """Serve a power demand from sources in priority order, each up to its capacity.

    ``served_i = min(capacity_i, demand - sum(served_j for j before i))``.

    Parameters
    ----------
    demand_mw : float or ndarray
        Facility power demand [MW].
    capacities_mw : dict
        Source name -> available capacity [MW] (may be inf).
    priority : sequence of str
        Order in which sources are used; sources not listed serve nothing.

    Returns
    -------
    dict
        ``<source>_mw`` for each of grid, gas, solar, and ``shortfall_mw``.
    """
    remaining = np.asarray(demand_mw, dtype=float)
    out = {f"{s}_mw": np.zeros_like(remaining) for s in SOURCES}
    for s in priority:
        take = np.minimum(capacities_mw[s], remaining)
        out[f"{s}_mw"] = take
        remaining = remaining - take
    shape = np.broadcast_shapes(remaining.shape, *(np.shape(v) for v in out.values()))
    out = {k: np.broadcast_to(v, shape).copy() for k, v in out.items()}
    out["shortfall_mw"] = np.broadcast_to(np.maximum(remaining, 0.0), shape).copy()
    return out


def _capacities(p_fac: np.ndarray, q: dict[str, Any], solar_land: bool) -> dict[str, np.ndarray]:
    """Source capacities at facility power ``p_fac``; solar limited by the land left."""
    a_s = q["_acres_per_rtc_mw"]
    if solar_land:
        left = np.maximum(q["land_available_acres"] - q["facility_acres_per_mw"] * p_fac, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            solar = np.where(a_s > 0, left / a_s, np.inf)
    else:
        solar = np.full(np.shape(p_fac), np.inf)
    return {
        "grid": q["grid_headroom_mw"],
        "gas": q["gas_max_mw"],
        "solar": np.where(q["solar_enabled"] > 0, solar, 0.0),
    }


def _checks(p_it: np.ndarray, q: dict[str, Any]) -> dict[str, np.ndarray]:
    """Which constraints a given IT load violates (True = violated)."""
    p_fac = p_it * q["_pue"]
    mix = dispatch(p_fac, _capacities(p_fac, q, True), q["_priority"])
    short = mix["shortfall_mw"] > 1e-9 * np.maximum(p_fac, 1.0)
    land = q["facility_acres_per_mw"] * p_fac > q["land_available_acres"] * (1 + 1e-12)
    mix_free = dispatch(p_fac, _capacities(p_fac, q, False), q["_priority"])
    solar_land = short & (mix_free["shortfall_mw"] <= 1e-9 * np.maximum(p_fac, 1.0))
    water = cooling.water_m3_per_year(p_it, q["_wue"], q["load_factor"]) > q[
        "water_available_m3_per_year"
    ] * (1 + 1e-12)
    water = water & q["_water_binds"]
    return {"power": short & ~solar_land, "land": land | solar_land, "water": water}


def max_feasible_it_mw(q: dict[str, Any]) -> np.ndarray:
    """Largest IT load [MW] a site can take under power, land and water limits.

    ``q`` is the resolved parameter dict built inside :func:`terrestrial_placement`
    (keys ``_pue``, ``_wue``, ``_priority``, ``_acres_per_rtc_mw`` added). Feasibility
    falls monotonically with load, so a fixed-step bisection between 0 and an upper
    bound (land-only, water-only and supply-only limits) finds the maximum; ``inf``
    where nothing limits the site.
    """
    pue = q["_pue"]
    supply = (
        q["grid_headroom_mw"]
        + q["gas_max_mw"]
        + np.where(q["solar_enabled"] > 0, q["land_available_acres"] / q["_acres_per_rtc_mw"], 0.0)
    )
    ub = np.minimum(supply, q["land_available_acres"] / q["facility_acres_per_mw"]) / pue
    with np.errstate(divide="ignore", invalid="ignore"):
        w_ub = np.where(
            q["_wue"] > 0,
            q["water_available_m3_per_year"] / (q["load_factor"] * HOURS_PER_YEAR * q["_wue"]),
            np.inf,
        )
    ub = np.where(q["_water_binds"], np.minimum(ub, w_ub), ub)
    unlimited = np.isinf(ub)
    hi = np.where(unlimited, 1.0, ub)
    lo = np.zeros_like(hi)
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        c = _checks(mid, q)
        bad = c["power"] | c["land"] | c["water"]
        lo = np.where(bad, lo, mid)
        hi = np.where(bad, mid, hi)
    return np.where(unlimited, np.inf, lo)


def _resolve(site: str, overrides: dict[str, Any]) -> dict[str, Any]:
    q = site_parameters(site)
    for k, v in overrides.items():
        if k not in PARAMETERS:
            raise InputError(
                f"{k}={v!r}: unknown parameter of terrestrial_placement"
                f"{did_you_mean(k, PARAMETERS)}"
            )
        q[k] = v
    return q


def terrestrial_placement(
    it_power_mw: float | np.ndarray,
    years: int,
    start_year: int = 2027,
    site: str = "memphis_tn",
    **overrides: Any,
) -> dict[str, np.ndarray]:
    """Place an IT load at a terrestrial site: limits, timeline, footprint and cost.

    Parameters
    ----------
    it_power_mw : float or ndarray
        IT (critical) load demanded [MW].
    years : int
        Horizon [yr], a whole number >= 1 (it sets the length of the by-year axis).
    start_year : int
        Calendar year in which construction starts (year index 0).
    site : str
        Site name from ``data/sites.csv`` (see :func:`sites`).
    **overrides
        Any name in :data:`PARAMETERS` replaces the catalog value; numeric ones may be
        arrays and broadcast. Notable: ``discount_rate`` [-] (default 0),
        ``load_factor`` [-] (average IT load / capacity, default 1), ``pue`` and
        ``wue_l_per_kwh`` (override the cooling design), ``cooling_design`` ("auto" or a
        design name), ``power_priority`` (e.g. ``"grid;gas;solar"``), ``turbine_type``,
        ``gas_max_mw`` / ``grid_headroom_mw`` / ``land_available_acres`` /
        ``water_available_m3_per_year`` (``inf`` = no limit), ``facility_capex_usd_per_mw``
        (IT basis) and its four ``facility_*_share`` (sum to 1), ``backup_capex_usd``.

    Returns
    -------
    dict of ndarray
        Steady-state and horizon metrics (units in names): ``feasible``,
        ``binding_constraint``, ``max_feasible_it_mw``, ``delivered_it_mw``, ``year``,
        ``delivered_it_mw_by_year`` (last axis = year), ``time_to_first_power_years``,
        ``time_to_full_power_years``, ``facility_power_mw``, ``pue``, ``wue_l_per_kwh``,
        ``cooling_design``, ``grid_mw``, ``gas_mw``, ``solar_mw``, ``shortfall_mw``,
        ``pv_mwac``, ``storage_mwh``, ``land_acres``, ``water_m3_per_year``,
        ``co2_t_per_year``, ``it_energy_mwh_per_year``, ``capex_usd``,
        ``opex_usd_per_year``, ``energy_cost_usd_per_year``, ``cost_total_usd``,
        ``cost_total_discounted_usd``, ``lcoe_usd_per_mwh`` (total cost per MWh of IT
        energy over the horizon), ``lcoe_discounted_usd_per_mwh``,
        ``energy_cost_it_usd`` and ``energy_cost_overhead_usd`` (horizon energy cost of
        the IT load and of the PUE overhead), and ``breakdown.capex.<item>_usd`` /
        ``breakdown.opex.<item>_usd`` (horizon totals, undiscounted; they sum to
        ``cost_total_usd``). Accelerators are not included.

    Raises
    ------
    InputError
        Unknown site (with a did-you-mean), unknown parameter, or a value out of range.

    Notes
    -----
    Where the demand exceeds the site's maximum, the site is built to its maximum
    (``delivered_it_mw = max_feasible_it_mw``), ``feasible`` is False and costs are those
    of the partial build; cost fields are NaN only where nothing can be built.

    References
    ----------
    .. [1] Lei & Masanet (2022), doi:10.1016/j.resconrec.2022.106323 (PUE, WUE by zone).
    .. [2] Cushman & Wakefield (2025), Data Center Development Cost Guide (cost per MW,
       component shares, land price).
    .. [3] Ong et al. (2013), NREL/TP-6A20-56290 (solar land 8.9 acres/MWac).
    .. [4] EIA Electric Power Annual 2023 (industrial prices; 117 lb CO2/MMBtu).
    .. [5] Short, Packey & Holt (1995), NREL/TP-462-5173 (discounting), via
       :mod:`orbitcompute.finance`.
    """
    q = _resolve(site, overrides)
    if isinstance(years, bool) or int(np.round(years)) != years or years < 1:
        raise InputError(f"years={years!r}: must be a whole number of years >= 1")
    n_years = int(years)
    if isinstance(start_year, bool) or int(np.round(start_year)) != start_year:
        raise InputError(f"start_year={start_year!r}: must be a whole calendar year")

    p_dem = check_nonnegative("it_power_mw", it_power_mw, "MW")
    for k in _MAY_BE_INF:
        q[k] = _limit(k, q[k], "")
    num = {}
    positive = {
        "facility_acres_per_mw",
        "solar_pv_mwac_per_rtc_mw",
        "solar_reference_capacity_factor",
    }
    for k in (
        *_DEFAULT_ROWS,
        "grid_wait_years",
        "grid_co2_t_per_mwh",
        "electricity_price_usd_per_mwh",
        "gas_price_usd_per_mmbtu",
        "land_price_usd_per_acre",
        "facility_capex_usd_per_mw",
        "gas_reserve_margin",
        "backup_capex_usd",
        "grid_interconnection_capex_usd_per_kw",
        "solar_capex_usd_per_kw",
        "solar_lead_time_years",
    ):
        num[k] = (
            check_range(k, q[k], 0.0, None, low_inclusive=False)
            if k in positive
            else check_nonnegative(k, q[k])
        )
    q.update(num)
    for k in (
        "facility_electrical_share",
        "facility_mechanical_share",
        "facility_civil_share",
        "facility_fitout_share",
    ):
        q[k] = check_range(k, q[k], 0.0, 1.0)
    share_sum = (
        q["facility_electrical_share"]
        + q["facility_mechanical_share"]
        + q["facility_civil_share"]
        + q["facility_fitout_share"]
    )
    if np.any(np.abs(share_sum - 1.0) > 1e-6):
        raise InputError(
            f"facility_*_share: sum={np.ravel(share_sum)[0]:g}: the four shares must sum to 1"
        )
    q["solar_enabled"] = check_range("solar_enabled", q["solar_enabled"], 0.0, 1.0)
    q["solar_capacity_factor"] = check_range(
        "solar_capacity_factor", q["solar_capacity_factor"], 0.0, 1.0, low_inclusive=False
    )
    q["load_factor"] = check_range("load_factor", q["load_factor"], 0.0, 1.0, low_inclusive=False)
    q["discount_rate"] = check_range(
        "discount_rate", q["discount_rate"], 0.0, 1.0, high_inclusive=False
    )
    if np.any(q["first_power_years"] > q["construction_years"]):
        raise InputError(
            f"first_power_years={np.ravel(q['first_power_years'])[0]:g}: must be <= "
            f"construction_years={np.ravel(q['construction_years'])[0]:g}"
        )
    turbine_type = check_choice("turbine_type", q["turbine_type"], _gas_types())
    tech = generation.technology(turbine_type)
    for par, col in _TECH.items():
        q[par] = check_nonnegative(par, tech[col] if q.get(par) is None else q[par])
    q["_priority"] = _priority(q["power_priority"])

    # --- cooling -------------------------------------------------------------------
    zone = str(q["climate_zone"])
    design = q["cooling_design"]
    fixed_design = design != "auto"
    if fixed_design:
        check_choice("cooling_design", design, ["auto", *cooling.designs()])
    sel = cooling.select_cooling_design(
        p_dem,
        q["water_available_m3_per_year"],
        zone,
        load_factor=q["load_factor"],
        candidates=(design,) if fixed_design else None,
    )
    pue = sel["pue"] if q["pue"] is None else check_range("pue", q["pue"], 1.0, 5.0)
    wue = (
        sel["wue_l_per_kwh"]
        if q["wue_l_per_kwh"] is None
        else check_nonnegative("wue_l_per_kwh", q["wue_l_per_kwh"], "L/kWh")
    )
    design_name = sel["design"] if q["pue"] is None else np.full(np.shape(sel["design"]), "custom")
    q["_pue"], q["_wue"] = pue, wue
    # water binds only when the design is not free to change (fixed design or fixed WUE)
    q["_water_binds"] = np.asarray(fixed_design or q["wue_l_per_kwh"] is not None)

    sizing = generation.solar_storage_sizing(
        1.0,
        q["solar_capacity_factor"],
        pv_mwac_per_rtc_mw_ref=q["solar_pv_mwac_per_rtc_mw"],
        reference_capacity_factor=q["solar_reference_capacity_factor"],
        storage_hours=q["solar_storage_hours"],
        acres_per_mwac=q["solar_acres_per_mwac"],
    )
    q["_acres_per_rtc_mw"] = sizing["acres_per_rtc_mw"]

    # --- limits ----------------------------------------------------------------------
    p_max = max_feasible_it_mw(q)
    shape = np.broadcast_shapes(p_dem.shape, np.shape(p_max))
    p_dem = np.broadcast_to(p_dem, shape)
    p_max = np.broadcast_to(p_max, shape)
    feasible = p_dem <= p_max * (1 + 1e-9) + 1e-12
    steady = np.where(feasible, p_dem, p_max)
    p_test = p_max * (1 + 1e-6) + 1e-6
    c = _checks(np.where(np.isfinite(p_test), p_test, 0.0), q)
    only_grid = np.ones(shape, dtype=bool)
    if "gas" in q["_priority"]:
        only_grid &= np.broadcast_to(q["gas_max_mw"] <= 0, shape)
    if "solar" in q["_priority"]:
        only_grid &= np.broadcast_to(q["solar_enabled"] <= 0, shape)
    power_name = np.where(only_grid, "grid power", "power supply")
    binding = np.where(
        feasible,
        "none",
        np.where(
            np.broadcast_to(c["water"], shape),
            "water",
            np.where(np.broadcast_to(c["land"], shape), "land", power_name),
        ),
    ).astype(str)

    # --- steady-state mix, footprint ---------------------------------------------------
    p_fac = steady * pue
    mix = dispatch(p_fac, _capacities(p_fac, q, True), q["_priority"])
    grid_mw, gas_mw, solar_mw = mix["grid_mw"], mix["gas_mw"], mix["solar_mw"]
    shortfall = np.maximum(p_dem * pue - (grid_mw + gas_mw + solar_mw), 0.0)
    solar_size = generation.solar_storage_sizing(
        solar_mw,
        q["solar_capacity_factor"],
        pv_mwac_per_rtc_mw_ref=q["solar_pv_mwac_per_rtc_mw"],
        reference_capacity_factor=q["solar_reference_capacity_factor"],
        storage_hours=q["solar_storage_hours"],
        acres_per_mwac=q["solar_acres_per_mwac"],
    )
    land_acres = q["facility_acres_per_mw"] * p_fac + solar_size["land_acres"]
    lf = q["load_factor"]
    it_mwh_year = steady * lf * HOURS_PER_YEAR
    water_m3 = cooling.water_m3_per_year(steady, wue, lf)
    gas_co2 = generation.gas_co2_t_per_mwh(q["heat_rate_btu_per_kwh"], q["gas_co2_lb_per_mmbtu"])
    co2 = (grid_mw * q["grid_co2_t_per_mwh"] + gas_mw * gas_co2) * lf * HOURS_PER_YEAR

    # --- timeline ---------------------------------------------------------------------
    t_src = {
        "grid": np.broadcast_to(q["grid_wait_years"], shape),
        "gas": np.broadcast_to(
            np.maximum(q["turbine_lead_time_years"], q["transformer_lead_time_years"]), shape
        ),
        "solar": np.broadcast_to(
            np.maximum(q["solar_lead_time_years"], q["transformer_lead_time_years"]), shape
        ),
    }
    used = {"grid": grid_mw > 0, "gas": gas_mw > 0, "solar": solar_mw > 0}
    t_first_src = np.min(np.stack([np.where(used[s], t_src[s], np.inf) for s in SOURCES]), axis=0)
    t_last_src = np.max(np.stack([np.where(used[s], t_src[s], 0.0) for s in SOURCES]), axis=0)
    built = steady > 0
    t_first = np.where(built, np.maximum(q["first_power_years"], t_first_src), np.nan)
    t_full = np.where(built, np.maximum(q["construction_years"], t_last_src), np.nan)

    t = (np.arange(n_years * _MONTHS) + 0.5) / _MONTHS  # monthly midpoints [yr]
    tt = t.reshape((1,) * len(shape) + t.shape)
    t_fp = np.asarray(q["first_power_years"])[..., None]
    t_cy = np.asarray(q["construction_years"])[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(tt >= t_fp, np.where(t_cy > 0, np.clip(tt / t_cy, 0.0, 1.0), 1.0), 0.0)
    frac = np.broadcast_to(frac, (*shape, t.size))
    caps_t = {
        s: np.where(tt >= t_src[s][..., None], mix[f"{s}_mw"][..., None], 0.0) for s in SOURCES
    }
    supply_t = caps_t["grid"] + caps_t["gas"] + caps_t["solar"]
    deliv_t = np.minimum(steady[..., None] * frac, supply_t / pue_b(pue, shape)[..., None])
    disp_t = dispatch(deliv_t * pue_b(pue, shape)[..., None], caps_t, q["_priority"])

    def by_year(x: np.ndarray) -> np.ndarray:
        return x.reshape((*shape, n_years, _MONTHS)).mean(axis=-1)

    deliv_y = by_year(deliv_t)
    built_y = by_year(frac)
    lf_y = np.asarray(lf)[..., None]
    it_mwh_y = deliv_y * lf_y * HOURS_PER_YEAR
    grid_mwh_y = by_year(disp_t["grid_mw"]) * lf_y * HOURS_PER_YEAR
    gas_mwh_y = by_year(disp_t["gas_mw"]) * lf_y * HOURS_PER_YEAR

    # --- costs ------------------------------------------------------------------------
    fac_capex = q["facility_capex_usd_per_mw"] * steady
    capex_items = {
        "facility_electrical": fac_capex * q["facility_electrical_share"],
        "facility_mechanical": fac_capex * q["facility_mechanical_share"],
        "facility_civil": fac_capex * q["facility_civil_share"],
        "facility_fitout": fac_capex * q["facility_fitout_share"],
        "generation_gas": gas_mw
        * (1.0 + q["gas_reserve_margin"])
        * q["turbine_capex_usd_per_kw"]
        * 1e3,
        "generation_solar_storage": solar_mw * q["solar_capex_usd_per_kw"] * 1e3,
        "grid_interconnection": grid_mw * q["grid_interconnection_capex_usd_per_kw"] * 1e3,
        "land": land_acres * q["land_price_usd_per_acre"],
        "backup": np.broadcast_to(q["backup_capex_usd"], shape),
    }
    capex_items = {k: np.broadcast_to(v, shape).astype(float) for k, v in capex_items.items()}
    capex = sum(capex_items.values())
    maint_base = fac_capex + capex_items["generation_gas"] + capex_items["generation_solar_storage"]
    fuel_usd_per_mwh = generation.gas_fuel_cost_usd_per_mwh(
        q["heat_rate_btu_per_kwh"], q["gas_price_usd_per_mmbtu"]
    )
    ex = lambda v: np.asarray(v)[..., None]  # noqa: E731
    opex_y = {
        "electricity": grid_mwh_y * ex(q["electricity_price_usd_per_mwh"]),
        "fuel": gas_mwh_y * ex(fuel_usd_per_mwh),
        "water": it_mwh_y * ex(wue) * ex(q["water_price_usd_per_m3"]),
        "maintenance": ex(maint_base * q["maintenance_fraction_per_year"]) * built_y,
        "staff": ex(steady * q["staff_fte_per_mw"] * q["staff_cost_usd_per_fte_year"]) * built_y,
    }
    opex_y = {k: np.broadcast_to(v, (*shape, n_years)).astype(float) for k, v in opex_y.items()}
    opex_total_y = sum(opex_y.values())
    cost_total = capex + opex_total_y.sum(axis=-1)
    rate = q["discount_rate"]
    cost_disc = capex + finance.present_value(opex_total_y, rate)
    energy_total = it_mwh_y.sum(axis=-1)
    energy_disc = finance.present_value(np.broadcast_to(it_mwh_y, (*shape, n_years)), rate)
    with np.errstate(divide="ignore", invalid="ignore"):
        lcoe = np.where(energy_total > 0, cost_total / energy_total, np.nan)
        lcoe_disc = np.where(energy_disc > 0, cost_disc / energy_disc, np.nan)
    energy_cost_h = (opex_y["electricity"] + opex_y["fuel"]).sum(axis=-1)

    steady_energy = {
        "electricity": grid_mw * lf * HOURS_PER_YEAR * q["electricity_price_usd_per_mwh"],
        "fuel": gas_mw * lf * HOURS_PER_YEAR * fuel_usd_per_mwh,
    }
    energy_year = steady_energy["electricity"] + steady_energy["fuel"]
    opex_year = (
        energy_year
        + water_m3 * q["water_price_usd_per_m3"]
        + maint_base * q["maintenance_fraction_per_year"]
        + steady * q["staff_fte_per_mw"] * q["staff_cost_usd_per_fte_year"]
    )

    b = np.broadcast_to
    out: dict[str, np.ndarray] = {
        "feasible": feasible.copy(),
        "binding_constraint": binding,
        "max_feasible_it_mw": p_max.copy(),
        "delivered_it_mw": steady.copy(),
        "year": start_year + np.arange(n_years),
        "delivered_it_mw_by_year": deliv_y,
        "time_to_first_power_years": b(t_first, shape).copy(),
        "time_to_full_power_years": b(t_full, shape).copy(),
        "facility_power_mw": b(p_fac, shape).copy(),
        "pue": b(pue, shape).astype(float),
        "wue_l_per_kwh": b(wue, shape).astype(float),
        "cooling_design": b(design_name, shape).astype(str),
        "grid_mw": b(grid_mw, shape).copy(),
        "gas_mw": b(gas_mw, shape).copy(),
        "solar_mw": b(solar_mw, shape).copy(),
        "shortfall_mw": b(shortfall, shape).copy(),
        "pv_mwac": b(solar_size["pv_mwac"], shape).copy(),
        "storage_mwh": b(solar_size["storage_mwh"], shape).copy(),
        "land_acres": b(land_acres, shape).copy(),
        "water_m3_per_year": b(water_m3, shape).copy(),
        "co2_t_per_year": b(co2, shape).copy(),
        "it_energy_mwh_per_year": b(it_mwh_year, shape).copy(),
        "capex_usd": b(capex, shape).copy(),
        "opex_usd_per_year": b(opex_year, shape).astype(float),
        "energy_cost_usd_per_year": b(energy_year, shape).astype(float),
        "cost_total_usd": b(cost_total, shape).copy(),
        "cost_total_discounted_usd": b(cost_disc, shape).copy(),
        "lcoe_usd_per_mwh": b(lcoe, shape).copy(),
        "lcoe_discounted_usd_per_mwh": b(lcoe_disc, shape).copy(),
        "energy_cost_it_usd": b(energy_cost_h / pue, shape).copy(),
        "energy_cost_overhead_usd": b(energy_cost_h * (1 - 1 / pue), shape).copy(),
    }
    for k, v in capex_items.items():
        out[f"breakdown.capex.{k}_usd"] = v.copy()
    for k, v in opex_y.items():
        out[f"breakdown.opex.{k}_usd"] = v.sum(axis=-1)
    return out


def pue_b(pue: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``pue`` broadcast to ``shape`` (helper for the monthly timeline)."""
    return np.broadcast_to(pue, shape)


def _gas_types() -> list[str]:
    df = catalog.load("generation")
    return list(df.index[df["technology"] == "gas"])
