"""Terrestrial placement: a real site's build-out under power, land and cooling limits.

A demand of ``it_power_mw`` of IT load is placed at a site from ``data/sites.csv``.
The model, element by element over broadcast numpy arrays:

1. **Cooling.** Each auto-selectable design (PUE and WUE from
   :mod:`orbitcompute.cooling`; only the liquid designs where the ``accelerator``
   needs liquid cooling) has its own maximum IT load, set by land, power supply
   and its water use against the site's allowance; the design that builds the most of
   the demand is chosen, the lowest-PUE one where several build all of it. Less water
   forces a drier design and a higher PUE, but only where a wetter one would build
   less. The one liquid design, ``direct_liquid_cooling``, uses water: a central WUE
   of 0.05 L/kWh, the middle of Yobitel's 0-0.10 L/kWh for liquid loops with dry
   coolers (``data/cooling_designs.csv``; the ``dry_cooler`` designs take 0), so an
   accelerator that needs liquid cooling builds nothing at a site with no water
   allowance (binding ``"water"``; 438,000 m3/yr per GW of IT at full load).
   Facility power is ``P_fac = P_IT * PUE``.
2. **Power.** Sources in the site's priority order: the grid up to its headroom (after
   the interconnection wait), on-site gas turbines up to a cap (permit, pipeline), and
   round-the-clock solar plus storage limited by the land left after the campus.
3. **Land.** ``A = a_f * P_fac + a_s * P_solar`` against the site's acres.
4. **Limits.** The largest feasible IT load (the largest over the candidate cooling
   designs: a property of the site, not of the demand), in closed form since every
   constraint is linear in the load (:func:`_limits`), and the constraint that binds
   the chosen design:
   ``"cooling"`` (the given design cannot cool the accelerator), ``"grid power"``
   (grid is the only source), ``"power supply"``, ``"land"``, ``"water"``,
   ``"horizon"`` (not all of it in service within the horizon: the campus is not
   complete, or a source it needs is not on, by the horizon's last monthly sample,
   ``years - 1/24``; nothing delivered within the horizon, first power after that
   sample, is the extreme case) or ``"none"``.
5. **Timeline.** Campus capacity grows linearly to ``construction_years`` and is first
   energised at ``first_power_years``; each source comes online after its own wait or
   lead time: the grid after ``grid_wait_years`` (the site's time to grid power,
   equipment included), on-site gas after ``max(turbine_lead_time_years,
   transformer_lead_time_years)`` and solar after ``max(solar_lead_time_years,
   transformer_lead_time_years)``: a gigawatt of on-site generation is collected at
   high voltage through generator step-up transformers, whose lead time was 144 weeks
   in a Q2 2025 survey (large power transformers about 2.5 yr, Wood Mackenzie via
   Robeco 2024). Colossus 1's first power 122 days after the start came from
   trailer-mounted turbines at a few hundred MW; set ``transformer_lead_time_years=0``
   for such a build. While the campus ramps up, each source serves at most its
   steady-state share (its MW in the dispatch of the finished campus), even before the
   later sources arrive: a grid with headroom to spare does not stand in for solar
   that is still being built (a simplification that delays power where the priority
   order puts a late source first). Delivered IT MW by year is the mean of monthly
   samples; installed IT MW by year is the last month's of each year.
6. **Costs.** Facility capex by component, generation, grid interconnection, land and
   backup (solar plus storage at ``solar_capex_usd_per_kw`` per kW of round-the-clock
   output at ``solar_reference_capacity_factor``, its PV part, an estimated half,
   :data:`orbitcompute.generation.SOLAR_PV_CAPEX_SHARE`, scaled with the PV that the
   site's capacity factor needs: :func:`orbitcompute.generation.solar_storage_sizing`,
   whose sizing and cost the model uses); electricity, fuel, water, maintenance and
   staff each year, scaled by what is built and delivered; undiscounted and discounted
   (:mod:`orbitcompute.finance`, end-of-year factors). Only what is built within the
   horizon is paid, each item at the end of the year it is built: the facility (and the
   backup) by the year-end increments of the campus's built share, up to its share at
   the end of the horizon (the campus counts as built as it is energised, from
   ``first_power_years``, even where no source serves it yet); each source's generation
   or grid interconnection, whole, at the end of the year the source comes on (not
   before first power); a source that comes on after the horizon is neither paid nor
   delivered; land at the end of year 0. The orbital placement follows the same rule
   where it can: it pays each satellite and its launch at the end of its launch year,
   when it is both built and put in service, and its NRE at the end of year 0. A campus,
   unlike a satellite, may be built and paid years before its power arrives (a grid
   wait). No residual value is credited after the horizon.

Every catalog number can be overridden by a keyword of :func:`terrestrial_placement`.
"""

from __future__ import annotations

import bisect
import inspect
import math
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from orbitcompute import catalog, cooling, finance, generation
from orbitcompute._labels import first_label
from orbitcompute._validate import (
    check_choice,
    check_horizon,
    check_limit,
    check_nonnegative,
    check_positive,
    check_range,
    did_you_mean,
    guarded,
    short_repr,
)
from orbitcompute.constants import HOURS_PER_YEAR
from orbitcompute.errors import InputError

__all__ = [
    "ACCEPTED_KEYWORDS",
    "CHOICE_KEYWORDS",
    "PARAMETERS",
    "dispatch",
    "site_parameters",
    "sites",
    "terrestrial_placement",
]

SOURCES = ("grid", "gas", "solar")
_FLOAT = np.dtype(float)
_BOOL = np.dtype(bool)
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
    "accelerator_annual_failure_rate",
)
_TECH = {
    "turbine_capex_usd_per_kw": "capex_usd_per_kw",
    "turbine_lead_time_years": "lead_time_years",
    "heat_rate_btu_per_kwh": "heat_rate_btu_per_kwh",
}
# Modelling defaults kept as rows of terrestrial_defaults.csv (0, NOT FOUND: each row
# says which way a 0 biases the result); listed among _FIXED for the keyword order.
_CSV_FIXED = ("gas_reserve_margin", "backup_capex_usd", "grid_interconnection_capex_usd_per_kw")
_FIXED = {
    "load_factor": 1.0,
    "gas_reserve_margin": None,  # terrestrial_defaults.csv
    "backup_capex_usd": None,  # terrestrial_defaults.csv
    "grid_interconnection_capex_usd_per_kw": None,  # terrestrial_defaults.csv
    "solar_capex_usd_per_kw": None,  # generation.csv solar_storage_rtc, at the reference CF
    "solar_lead_time_years": None,
    "pue": None,
    "wue_l_per_kwh": None,
    "cooling_quantile": 0.5,
}
#: Numeric keywords whose default, ``None``, means the cooling design's value.
_FROM_DESIGN = frozenset(("pue", "wue_l_per_kwh"))
_STRINGS = ("cooling_design", "turbine_type", "power_priority", "climate_zone", "accelerator")

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

#: Keywords that choose by name (a site, a cooling design, a turbine, a power
#: order, a climate zone, an accelerator) rather than take a number: they cannot be
#: sampled, swept or scanned.
CHOICE_KEYWORDS = frozenset({"site", *_STRINGS})
_PARAMETER_SET = frozenset(PARAMETERS)

# Quantities that may be +inf (no limit).
_MAY_BE_INF = {
    "grid_headroom_mw",
    "gas_max_mw",
    "land_available_acres",
    "water_available_m3_per_year",
}


#: Heat content of one kWh [Btu]: 3,600 kJ / 1.05505585262 kJ per International Table Btu.
_BTU_PER_KWH = 3600.0 / 1.05505585262

#: Validation of the numeric parameters: name -> (low, high, low_inclusive,
#: high_inclusive, may_be_inf, unit). ``None`` = unbounded on that side.
_CHECKS: dict[str, tuple[float | None, float | None, bool, bool, bool, str]] = {
    "grid_headroom_mw": (0.0, None, True, True, True, "MW"),
    "gas_max_mw": (0.0, None, True, True, True, "MW"),
    "land_available_acres": (0.0, None, True, True, True, "acre"),
    "water_available_m3_per_year": (0.0, None, True, True, True, "m3/yr"),
    "grid_wait_years": (0.0, None, True, True, False, "yr"),
    "grid_co2_t_per_mwh": (0.0, None, True, True, False, "t/MWh"),
    "electricity_price_usd_per_mwh": (0.0, None, True, True, False, "USD/MWh"),
    "gas_price_usd_per_mmbtu": (0.0, None, True, True, False, "USD/MMBtu"),
    "solar_enabled": (0.0, 1.0, True, True, False, ""),
    "solar_capacity_factor": (0.0, 1.0, False, True, False, ""),
    "land_price_usd_per_acre": (0.0, None, True, True, False, "USD/acre"),
    "facility_capex_usd_per_mw": (0.0, None, True, True, False, "USD/MW"),
    "facility_acres_per_mw": (0.0, None, False, True, False, "acre/MW"),
    "solar_acres_per_mwac": (0.0, None, True, True, False, "acre/MWac"),
    "solar_pv_mwac_per_rtc_mw": (0.0, None, False, True, False, "MW/MW"),
    "solar_storage_hours": (0.0, None, True, True, False, "h"),
    "solar_reference_capacity_factor": (0.0, 1.0, False, True, False, ""),
    "construction_years": (0.0, None, True, True, False, "yr"),
    "first_power_years": (0.0, None, True, True, False, "yr"),
    "transformer_lead_time_years": (0.0, None, True, True, False, "yr"),
    # at most the capex itself each year: maintenance dearer than rebuilding is not
    # maintenance (catalog 0.01-0.04); a larger number is a percent (2 for 2 %/yr)
    "maintenance_fraction_per_year": (0.0, 1.0, True, True, False, "1/yr"),
    "staff_fte_per_mw": (0.0, None, True, True, False, "FTE/MW"),
    "staff_cost_usd_per_fte_year": (0.0, None, True, True, False, "USD/(FTE yr)"),
    "water_price_usd_per_m3": (0.0, None, True, True, False, "USD/m3"),
    "facility_electrical_share": (0.0, 1.0, True, True, False, ""),
    "facility_mechanical_share": (0.0, 1.0, True, True, False, ""),
    "facility_civil_share": (0.0, 1.0, True, True, False, ""),
    "facility_fitout_share": (0.0, 1.0, True, True, False, ""),
    "gas_co2_lb_per_mmbtu": (0.0, None, True, True, False, "lb/MMBtu"),
    # a fraction of the accelerators in service failing each year (catalog 0-0.12); 1/yr
    # or more is a percent typed as a whole number (9 for 9 %/yr)
    "accelerator_annual_failure_rate": (0.0, 1.0, True, False, False, "1/yr"),
    "turbine_capex_usd_per_kw": (0.0, None, True, True, False, "USD/kW"),
    "turbine_lead_time_years": (0.0, None, True, True, False, "yr"),
    # above 1 kWh of heat per kWh of electricity (3,600 kJ / 1.055056 kJ/Btu, International
    # Table Btu): a lower heat rate is an efficiency above 100 %
    "heat_rate_btu_per_kwh": (_BTU_PER_KWH, None, False, True, False, "Btu/kWh"),
    "load_factor": (0.0, 1.0, False, True, False, ""),
    # at most 1 = 2N, a spare for every turbine serving the load (the whole gas plant
    # duplicated); a larger number is a percent typed as a whole one (20 for 20 %)
    "gas_reserve_margin": (0.0, 1.0, True, True, False, ""),
    "backup_capex_usd": (0.0, None, True, True, False, "USD"),
    "grid_interconnection_capex_usd_per_kw": (0.0, None, True, True, False, "USD/kW"),
    "solar_capex_usd_per_kw": (0.0, None, True, True, False, "USD/kW"),
    "solar_lead_time_years": (0.0, None, True, True, False, "yr"),
    "pue": (1.0, 5.0, True, True, False, ""),
    "cooling_quantile": (0.05, 0.95, True, True, False, ""),
    "wue_l_per_kwh": (0.0, None, True, True, False, "L/kWh"),
    "discount_rate": (0.0, 1.0, True, False, False, ""),
}
#: What the allowed range of a fraction means, appended to its error message.
_WHY = {
    "heat_rate_btu_per_kwh": (
        "fuel heat per kWh of electricity; 3412.14 Btu/kWh would be 100 % efficiency"
    ),
    "solar_reference_capacity_factor": "a capacity factor: the share of the hours at rated output",
    "accelerator_annual_failure_rate": (
        "accelerators failing per accelerator-year in service (0.09 = 9 %/yr), not a percent"
    ),
    "maintenance_fraction_per_year": (
        "a fraction of the capex per year (0.02 = 2 %/yr), not a percent"
    ),
    "gas_reserve_margin": (
        "spare turbine capacity as a fraction of the gas load (0.2 = 20 %; 1 = 2N), not a percent"
    ),
}
_SHARES = (
    "facility_electrical_share",
    "facility_mechanical_share",
    "facility_civil_share",
    "facility_fitout_share",
)


@cache
def _site_names() -> tuple[str, ...]:
    return tuple(catalog.names("sites"))


def sites() -> list[str]:
    """Names of the sites in ``data/sites.csv``."""
    return list(_site_names())


@cache
def _defaults() -> dict[str, float]:
    """Shared defaults (``terrestrial_defaults.csv``) and the solar technology, as floats."""
    out = {
        name: float(catalog.value("terrestrial_defaults", name, "value"))
        for name in (*_DEFAULT_ROWS, *_CSV_FIXED)
    }
    solar = generation.technology("solar_storage_rtc")
    out["solar_capex_usd_per_kw"] = solar["capex_usd_per_kw"]
    out["solar_lead_time_years"] = solar["lead_time_years"]
    return out


@cache
def _site_parameters(site: str) -> dict[str, Any]:
    rec = catalog.get("sites", site)
    out: dict[str, Any] = {}
    for par, col in _SITE_COLUMNS.items():
        v = rec[col]
        out[par] = float("inf") if v is None and par in _MAY_BE_INF else float(v)
    out.update({k: v for k, v in _defaults().items() if k in _DEFAULT_ROWS})
    out["turbine_type"] = str(rec["turbine_type"])
    out["power_priority"] = str(rec["power_priority"])
    out["climate_zone"] = str(rec["cooling_climate_zone"])
    out["cooling_design"] = "auto"
    out["accelerator"] = None
    out.update(_FIXED)
    out.update({k: _defaults()[k] for k in _CSV_FIXED})
    out["solar_capex_usd_per_kw"] = _defaults()["solar_capex_usd_per_kw"]
    out["solar_lead_time_years"] = _defaults()["solar_lead_time_years"]
    out["discount_rate"] = 0.0
    return out


def _check_site(site: Any) -> str:
    """``site`` (a ``str``; a numpy string too) if it names a site of the catalog,
    else an ``InputError``."""
    names = _site_names()
    if type(site) is str and site in names:
        return site
    if isinstance(site, str) and site in names:  # a str subclass: np.str_
        return str(site)
    if not isinstance(site, str):
        raise InputError(
            f"site={short_repr(site)}: must be a site name (a string); available: "
            f"{', '.join(names)}"
        )
    site = str(site)
    raise InputError(
        f"site={site!r}: unknown site; available: {', '.join(names)}{did_you_mean(site, names)}"
    )


def site_parameters(site: str) -> dict[str, Any]:
    """The default parameters of a site: its catalog row plus the shared defaults.

    Every keyword of :data:`PARAMETERS` with the value :func:`terrestrial_placement`
    uses when it is not given.

    Parameters
    ----------
    site : str
        Site name (see :func:`sites`); an unknown name raises ``InputError`` with a
        did-you-mean.

    Returns
    -------
    dict
        Parameter name -> value: a float for the numeric parameters, a str for
        ``cooling_design`` (``"auto"``), ``turbine_type``, ``power_priority`` and
        ``climate_zone``, ``None`` for ``accelerator`` (no cooling requirement); an
        empty catalog cell of a limit (e.g. ``gas_max_mw``) means
        no limit (``inf``). ``turbine_capex_usd_per_kw``, ``turbine_lead_time_years``
        and ``heat_rate_btu_per_kwh`` are those of the site's ``turbine_type`` (another
        ``turbine_type`` given to the placement brings its own). ``pue`` and
        ``wue_l_per_kwh`` are ``None``: no single number, they come from the cooling
        design (chosen per sample when ``cooling_design`` is ``"auto"``). A new dict
        each call (the catalog read is cached).
    """
    q = dict(_site_parameters(_check_site(site)))
    tech = _turbine(q["turbine_type"])
    for par, col in _TECH.items():
        q[par] = float(tech[col])
    return q


def _parameter_value(parameter: str, keywords: Mapping[str, Any] | None = None) -> float | None:
    """The number :func:`terrestrial_placement` uses for one parameter of a placement.

    Parameters
    ----------
    parameter : str
        A numeric keyword: one of :data:`PARAMETERS` that is not in
        :data:`CHOICE_KEYWORDS`.
    keywords : mapping, optional
        The keywords the placement is called with (a scenario block). The value of
        ``parameter`` itself when given; else ``site`` (default that of
        :func:`terrestrial_placement`) and ``turbine_type`` (default the site's)
        choose the catalog rows.

    Returns
    -------
    float or None
        The given value, else the default: the site's row of ``data/sites.csv``,
        the shared ``terrestrial_defaults.csv``, the turbine's or the solar row of
        ``generation.csv``, or a fixed default (see :func:`site_parameters`). It
        may be 0 (e.g. ``backup_capex_usd``) or ``inf`` (no limit). ``None`` where
        no single number is the default: ``pue`` and ``wue_l_per_kwh`` follow the
        cooling design (auto-selected per sample; see :func:`terrestrial_placement`).

    Raises
    ------
    InputError
        A parameter that is not a numeric keyword (with a did-you-mean), an
        unknown site or turbine type.
    """
    if parameter not in _PARAMETER_SET or parameter in CHOICE_KEYWORDS:
        numeric = [p for p in PARAMETERS if p not in CHOICE_KEYWORDS]
        raise InputError(
            f"parameter={parameter!r}: not a numeric parameter of terrestrial_placement"
            f"{did_you_mean(parameter, numeric)}"
        )
    kw = keywords or {}
    value = kw.get(parameter)
    if value is None:
        site = kw.get("site", inspect.signature(terrestrial_placement).parameters["site"].default)
        q = site_parameters(site)
        if parameter in _TECH:
            value = _turbine(kw.get("turbine_type", q["turbine_type"]))[_TECH[parameter]]
        else:
            value = q[parameter]
    return None if value is None else float(value)


@cache
def _priority(value: str | tuple[str, ...]) -> tuple[str, ...]:
    items = value.split(";") if isinstance(value, str) else list(value)
    items = [s.strip() for s in items if s.strip()]
    for s in items:
        check_choice("power_priority", s, SOURCES)
    if len(set(items)) != len(items) or not items:
        raise InputError(f"power_priority={value!r}: must list distinct sources from {SOURCES}")
    return tuple(items)


def _check(name: str, value: Any) -> np.ndarray:
    """``value`` as a float array, checked against :data:`_CHECKS`."""
    low, high, low_inc, high_inc, may_be_inf, unit = _CHECKS[name]
    if name == "solar_enabled":
        return _check_flag_number(name, value)
    if not may_be_inf:  # check_range has its own fast path for float arrays
        return check_range(
            name, value, low, high, low_inclusive=low_inc, high_inclusive=high_inc, unit=unit,
            why=_WHY.get(name, ""),
        )  # fmt: skip
    if type(value) is np.ndarray and value.dtype == np.float64 and value.size:
        # fast path for a float array: its minimum decides (it propagates NaN, which
        # fails the comparison); +inf is allowed here
        if float(value.min()) >= 0:
            return value
    return check_limit(name, value, unit)


def _check_flag_number(name: str, value: Any) -> np.ndarray:
    """A switch given as a number: 0 or 1 (or False/True), or an array of them.

    ``solar_enabled`` says whether round-the-clock solar plus storage may be built at
    all; the model has no partial switch (the solar share follows from the land), so a
    fraction such as 0.5 is refused rather than read as "on".
    """
    if isinstance(value, (bool, np.bool_, list, tuple, np.ndarray)):
        try:
            flags = np.asarray(value)
        except ValueError:  # ragged: check_range names it
            flags = None
        if flags is not None and flags.dtype == np.bool_:
            return flags.astype(float)
    arr = check_range(name, value, 0.0, 1.0)
    bad = (arr != 0.0) & (arr != 1.0)
    if bad.any():
        raise InputError(
            f"{name}={arr[bad].ravel()[0]:g}: must be 0 or 1 (or False/True): a switch, "
            "whether solar plus storage may be built; it is not a fraction"
        )
    return arr


@cache
def _check_float(name: str, value: float, sign: float) -> np.ndarray:
    """:func:`_check` of a plain float, cached (``sign`` keeps -0.0 apart from 0.0); the
    array is read-only since it is shared between calls."""
    arr = np.array(_check(name, value))
    arr.flags.writeable = False
    return arr


def dispatch(
    demand_mw: float | np.ndarray,
    capacities_mw: Mapping[str, float | np.ndarray],
    priority: str | Sequence[str],
) -> dict[str, np.ndarray]:
    """Serve a power demand from sources in priority order, each up to its capacity.

    ``served_i = min(capacity_i, demand - sum(served_j for j before i))``.

    Parameters
    ----------
    demand_mw : float or ndarray
        Facility power demand [MW], finite and >= 0.
    capacities_mw : mapping
        Source name (``"grid"``, ``"gas"``, ``"solar"``) -> available capacity [MW],
        >= 0 (``inf`` = unlimited). A source given here but not in ``priority`` serves
        nothing.
    priority : str or sequence of str
        Order in which sources are used, each source at most once, each with a
        capacity; a string is split at ``;`` (``"grid;gas"``), as ``power_priority``
        of :func:`terrestrial_placement`.

    Returns
    -------
    dict
        ``<source>_mw`` for each of grid, gas, solar, and ``shortfall_mw``, broadcast to
        the common shape of the demand and the capacities.

    Raises
    ------
    InputError
        A source that is unknown, listed twice or listed without a capacity; a demand
        or capacity that is negative, NaN or not a number (an infinite demand too);
        arrays that do not broadcast together (each is named with its shape).
    """
    if isinstance(priority, str):
        order = [x.strip() for x in priority.split(";") if x.strip()]
    elif isinstance(priority, Sequence) and all(isinstance(x, str) for x in priority):
        order = list(priority)
    else:
        raise InputError(
            f"priority={short_repr(priority)}: must be a list of source names from "
            f"{SOURCES} or a string such as 'grid;gas'"
        )
    if not order:
        raise InputError(f"priority={priority!r}: give at least one source from {SOURCES}")
    if not isinstance(capacities_mw, Mapping):
        raise InputError(
            f"capacities_mw={short_repr(capacities_mw)}: must be a dict of source name -> "
            "capacity [MW]"
        )
    for s in order:
        if s not in SOURCES or s not in capacities_mw:
            if s in SOURCES:
                what = "a capacity in capacities_mw"
            else:
                what = f"one of {SOURCES}{did_you_mean(s, SOURCES)}"
            raise InputError(f"priority={order!r}: {s!r} needs {what}")
    twice = [s for i, s in enumerate(order) if s in order[:i]]
    if twice:
        raise InputError(
            f"priority={order!r}: {twice[0]!r} is listed twice; each source serves once"
        )
    for k in capacities_mw:
        if k not in SOURCES:
            raise InputError(
                f"capacities_mw={short_repr(dict(capacities_mw))}: unknown source {k!r}; "
                f"sources are {', '.join(SOURCES)}{did_you_mean(str(k), SOURCES)}"
            )
    demand = check_nonnegative("demand_mw", demand_mw, "MW")
    caps = {k: check_limit(f"capacities_mw[{k!r}]", v, "MW") for k, v in capacities_mw.items()}
    shapes = {"demand_mw": demand.shape} | {
        f"capacities_mw[{k!r}]": v.shape for k, v in caps.items()
    }
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        arrays = ", ".join(f"{k} {v}" for k, v in shapes.items() if v)
        raise InputError(f"array arguments do not broadcast together: {arrays}") from None
    return _dispatch(demand, caps, order)


def _dispatch(
    demand_mw: np.ndarray, capacities_mw: Mapping[str, Any], priority: Sequence[str]
) -> dict[str, np.ndarray]:
    """:func:`dispatch` on validated inputs (distinct sources, each with a capacity)."""
    remaining = np.asarray(demand_mw, dtype=float)
    taken: dict[str, np.ndarray] = {}
    for s in priority:
        take = np.minimum(capacities_mw[s], remaining)
        taken[s] = take
        remaining = remaining - take
    shape = np.broadcast_shapes(remaining.shape, *(np.shape(v) for v in taken.values()))

    def full(x: Any) -> np.ndarray:  # ufunc results are new arrays: copy only to broadcast
        return x if np.shape(x) == shape and isinstance(x, np.ndarray) else np.full(shape, x)

    out = {f"{s}_mw": full(taken[s]) if s in taken else np.zeros(shape) for s in SOURCES}
    out["shortfall_mw"] = full(np.maximum(remaining, 0.0))
    return out


def _facility_limits(q: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The facility power [MW] at which land and supply start to bind (``inf`` = never).

    With facility power ``F = P_IT * PUE``, campus land ``a_f F <= L``, and supply from
    the sources in the priority list, grid ``G`` and gas ``S`` fixed and solar limited to
    the land left, ``F <= G + S + e (L - a_f F) / a_s`` (``e`` = solar enabled and
    listed, ``a_s`` = acres per MW of round-the-clock solar). Both are linear in ``F``:

    * land: ``F_land = L / a_f``;
    * supply: ``F_supply = (G + S + e L / a_s) / (1 + e a_f / a_s)`` (``inf`` where a
      source is unlimited, or solar needs no land or the land is unlimited).

    Returns ``F_land``, ``F_supply`` and whether land-limited solar is in the mix (bool).
    Neither depends on the cooling design: dividing by its PUE gives the IT load.
    """
    prio = q["_priority"]
    af = q["facility_acres_per_mw"]
    land = q["land_available_acres"]
    a_s = q["_acres_per_rtc_mw"]
    zero = np.zeros(())
    g = q["grid_headroom_mw"] if "grid" in prio else zero
    s = q["gas_max_mw"] if "gas" in prio else zero
    solar = (q["solar_enabled"] > 0) if "solar" in prio else np.zeros((), dtype=bool)
    free_solar = solar & ((a_s <= 0) | np.isinf(land))
    lim_solar = solar & ~free_solar
    with np.errstate(divide="ignore", invalid="ignore"):
        a_s_safe = np.where(lim_solar, a_s, 1.0)
        f_supply = (g + s + np.where(lim_solar, land / a_s_safe, 0.0)) / (
            1.0 + np.where(lim_solar, af / a_s_safe, 0.0)
        )
        f_supply = np.where(free_solar, np.inf, f_supply)
    return land / af, f_supply, lim_solar


def _water_limit(q: dict[str, Any], wue: Any) -> np.ndarray:
    """The IT load [MW] whose water use fills the allowance at ``wue`` [L/kWh]:
    ``P_water = W / (LF * 8760 h * WUE)`` (``inf`` where the WUE is 0)."""
    lf_wue = q["load_factor"] * HOURS_PER_YEAR * wue
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            lf_wue > 0,
            q["water_available_m3_per_year"] / np.where(lf_wue > 0, lf_wue, 1.0),
            np.inf,
        )


def _limits(
    q: dict[str, Any], f_land: np.ndarray, f_supply: np.ndarray, pue: Any, wue: Any
) -> dict[str, np.ndarray]:
    """The IT load [MW] at which each constraint starts to bind (``inf`` = never), for a
    cooling design of PUE ``pue`` and WUE ``wue`` [L/kWh].

    Land ``F_land / PUE``, supply ``F_supply / PUE`` (see :func:`_facility_limits`) and
    water (:func:`_water_limit`): every constraint is linear in the load.

    Returns
    -------
    dict
        ``land``, ``supply``, ``water`` (IT MW) and ``max``, their minimum.
    """
    p_land = f_land / pue
    p_supply = f_supply / pue
    p_water = _water_limit(q, wue)
    return {
        "land": p_land,
        "supply": p_supply,
        "water": p_water,
        "max": np.minimum(np.minimum(p_land, p_supply), p_water),
    }


def _auto_cooling(
    q: dict[str, Any],
    p_dem: np.ndarray,
    f_land: np.ndarray,
    f_supply: np.ndarray,
    candidates: tuple[str, ...],
    zone: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The auto-selected cooling design: the one that builds the most IT load.

    ``candidates`` are the auto-selectable designs, or the liquid ones where the
    accelerator needs liquid cooling; ``zone`` is the checked climate zone. Each
    candidate design ``d`` (PUE and WUE at the cooling quantile, or the ``pue`` /
    ``wue_l_per_kwh`` given instead) has its own maximum, ``max_d = min(F_land / PUE_d,
    F_supply / PUE_d, W / (LF 8760 h WUE_d))``, and would build ``min(demand, max_d)``.
    The design that builds the most is chosen, ties going to the lowest central PUE (so
    where several designs can build the whole demand, the lowest-PUE one of them). The
    site's maximum is the largest ``max_d``: a property of the site, not of the demand
    (a drier design is chosen only where it builds more).

    Returns the design names, PUE and WUE of the chosen designs, and the limits of
    :func:`_limits` for them, ``max`` being the site's maximum (the chosen design's own
    maximum wherever the demand exceeds the site's).
    """
    names, pues, wues = cooling._candidates(candidates, zone, q["cooling_quantile"])
    if q["pue"] is not None:
        pues = [q["pue"]] * len(pues)
    if q["wue_l_per_kwh"] is not None:
        wues = [q["wue_l_per_kwh"]] * len(wues)
    cap_fac = np.minimum(f_land, f_supply)
    waters = []
    for j, (pue_j, wue_j) in enumerate(zip(pues, wues, strict=True)):
        water_j = _water_limit(q, wue_j)  # inf where no water is used
        waters.append(water_j)
        max_j = np.minimum(cap_fac / pue_j, water_j)
        # what design j builds: the demand where it fits (within the tolerance of the
        # feasibility test), else about its maximum (the order is what counts)
        build_j = np.minimum(p_dem, max_j * (1 + 1e-9) + 1e-12)
        if not j:
            best_build, best_max = np.asarray(build_j), np.asarray(max_j)  # new arrays
            idx = np.zeros(build_j.shape, dtype=np.intp)
            continue
        better = build_j > best_build  # ties go to the earlier (lower-PUE) design
        np.copyto(idx, j, where=better)
        np.maximum(best_build, build_j, out=best_build)
        np.maximum(best_max, max_j, out=best_max)
    if len(pues) == 1:
        pue, wue, design, water = pues[0], wues[0], names[:1].reshape(()), waters[0]
    else:
        pue = np.choose(idx, pues)
        wue = np.choose(idx, wues)
        water = np.choose(idx, waters)
        design = names.take(idx)
    lim = {"land": f_land / pue, "supply": f_supply / pue, "water": water, "max": best_max}
    return design, np.asarray(pue, dtype=float), np.asarray(wue, dtype=float), lim


def _on_share(k_on: Any, n_years: int, shape: tuple[int, ...]) -> np.ndarray:
    """By year, the share of the monthly samples at or after month ``k_on``:
    ``s_y = clip(y + 1 - k_on / 12, 0, 1)``, time-major ``(year, *shape)``: the years in
    service of what is on from that month."""
    k = np.broadcast_to(np.asarray(k_on, dtype=float), shape)
    years = np.arange(n_years, dtype=float).reshape((n_years,) + (1,) * len(shape))
    return np.clip(years + 1.0 - k / _MONTHS, 0.0, 1.0)


def _first_month(t_on: Any, n_months: int) -> Any:
    """Index of the first monthly midpoint ``t_k = (k + 0.5) / 12`` with ``t_k >= t_on``.

    The same floating-point test as on a sampled month grid, so a wait that falls
    exactly on a midpoint starts in the same month; capped at ``n_months``. Returned as
    float (small integers, exact) for the closed-form sums.
    """
    t_on = np.asarray(t_on, dtype=float)
    if not t_on.ndim:  # a catalog value, as a rule: cached
        t = float(t_on)
        return _first_month_scalar(t, math.copysign(1.0, t), n_months)
    return _first_month_array(t_on, n_months)


@cache
def _first_month_scalar(t_on: float, sign: float, n_months: int) -> np.floating:
    """:func:`_first_month` of one value, cached (a numpy scalar: immutable)."""
    return _first_month_array(np.asarray(t_on), n_months)


def _first_month_array(t_on: np.ndarray, n_months: int) -> np.ndarray:
    k = np.maximum(np.ceil(t_on * _MONTHS - 0.5), 0.0)
    k -= (k - 0.5) / _MONTHS >= t_on  # the estimate may be one month late ...
    k += (k + 0.5) / _MONTHS < t_on  # ... or one month early
    return np.minimum(k, float(n_months))


def _ramp_sums(
    p_fac: np.ndarray,
    first_power_years: Any,
    construction_years: Any,
    t_on: list[Any],
    caps: list[np.ndarray],
    built: np.ndarray,
    served: np.ndarray,
) -> None:
    """Monthly build-out and dispatch, averaged per year, in closed form.

    Month ``k`` has midpoint ``t_k = (k + 0.5) / 12`` [yr]. The built share of the
    campus is ``f_k = 0`` before first power and ``min(t_k / T_c, 1)`` from then on (1
    if ``T_c = 0``); the facility demand is ``D_k = P_fac f_k``. Source ``i`` (priority
    order, steady-state share ``c_i``) is on from the first month with ``t_k >= t_i``
    and serves ``min(on_i c_i, D_k - served by the sources before it)``, which is
    ``clip(D_k - S_k, 0, c_i)`` with ``S_k`` the capacity of the earlier sources that
    are on. From source ``i``'s start, ``S_k`` is a step function (it rises when an
    earlier source comes on), so the months split into segments of constant
    ``S = lo``; on each, ``D_k`` is linear in ``k`` (until the ramp ends) or constant,
    and the sum of ``clip(D_k - lo, 0, c_i)`` over a year's months is an arithmetic
    series: zero until ``D`` reaches ``lo``, ``D_k - lo`` until it reaches ``lo + c_i``
    or the ramp ends, then constant. This equals the sum over sampled months up to
    rounding (the month in which a source starts is found with the same floating-point
    test; the month in which the ramp crosses a level is continuous there). The series
    are summed to each year end and differenced, so a source that serves nothing in a
    year gets exactly zero. No month axis is built: segments are taken one at a time
    with work arrays of shape ``S``, and the sums to each year end are ``(year, *S)``,
    accumulated in ``built`` and ``served`` and differenced there.

    Parameters
    ----------
    p_fac : ndarray
        Steady-state facility power [MW], shape ``S``.
    first_power_years, construction_years : float or ndarray
        First energisation and end of the linear ramp [yr].
    t_on : list
        Start time of each source in use, in priority order [yr].
    caps : list of ndarray
        Steady-state MW of each of those sources, shape ``S``.
    built : ndarray
        Output: mean built share of the campus in each of the first ``n`` years,
        shape ``(n, *S)``.
    served : ndarray
        Output: mean MW served by each source in each year, ``(len(caps), n, *S)``.
    """
    shape = p_fac.shape
    n_ramp = built.shape[0]
    n_months = n_ramp * _MONTHS
    cy = np.asarray(construction_years, dtype=float)
    # start months of first power and of each source (from first power on)
    k_fp = _first_month(first_power_years, n_months)
    if k_fp.shape != shape:
        k_fp_full = np.empty(shape)
        np.copyto(k_fp_full, k_fp)
        k_fp = k_fp_full
    taus = [np.maximum(_first_month(t, n_months), k_fp) for t in t_on]
    inv_cy = np.divide(1.0, cy, out=np.zeros(cy.shape), where=cy > 0)
    # first month of the full campus (t_k / T_c >= 1); D_k is continuous there, so an
    # estimate off by one month in rounding changes nothing
    k_c = np.maximum(np.maximum(np.ceil(cy * _MONTHS - 0.5), 0.0), k_fp)
    # month index at the end of each year, (year, *1)
    k1_list = [float(k) for k in range(_MONTHS, n_months + 1, _MONTHS)]
    k1 = np.array(k1_list).reshape((n_ramp, *(1,) * len(shape)))
    n, x = np.empty((2, n_ramp, *shape))  # work arrays, (year, *S)

    def differenced(cum: np.ndarray) -> None:
        """Cumulative sums to each year end -> sums over each year, in place (numpy
        buffers the overlapping operand: every year minus the previous cumulative)."""
        cum[1:] -= cum[:-1]

    # built share: cumulative sum_{k<K} f_k = (m^2 - k_fp^2) / (24 T_c) + max(K - k_c, 0)
    # with m = clip(K, k_fp, k_c), since sum_{a<=k<b} (k + 0.5) / 12 = (b^2 - a^2) / 24
    m = np.maximum(k1, k_fp, out=x)
    np.minimum(m, k_c, out=m)
    m *= m
    m -= k_fp * k_fp
    m *= inv_cy / (2 * _MONTHS)
    full_months = np.subtract(k1, k_c, out=built)
    np.maximum(full_months, 0.0, out=full_months)
    np.add(m, full_months, out=built)
    differenced(built)
    built /= _MONTHS
    if not caps:
        return

    slope = p_fac * inv_cy  # D_k = slope * t_k on the linear part of the ramp
    flat = ~(slope > 0)
    # 0 where flat (those elements are set to inf in reach): no 0 * inf there
    inv_slope = np.divide(_MONTHS, slope, out=np.zeros(shape), where=~flat)
    h = slope / (2 * _MONTHS)
    two_h = 2.0 * h

    def reach(level: Any, out: np.ndarray) -> np.ndarray:
        """First month with min(D_k, level) = min(P_fac, level): D has reached level."""
        np.multiply(level, inv_slope, out=out)
        out -= 0.5
        np.ceil(out, out=out)
        np.copyto(out, np.inf, where=flat)  # the ramp never reaches it
        np.minimum(out, k_c, out=out)
        return np.maximum(out, k_fp, out=out)

    def first_year(start: np.ndarray, factor: np.ndarray) -> int:
        """First year whose end K is past ``start`` in some element: up to the earlier
        year ends, ``n = 0`` and the term (``n`` times a finite ``factor``) adds exactly
        zero, so those years are skipped."""
        if not start.size:
            return 0
        k0 = float(np.minimum.reduce(start, axis=None))
        if math.isnan(k0) or not np.logical_and.reduce(np.isfinite(factor), axis=None):
            return 0
        return bisect.bisect_right(k1_list, k0)

    # Per source i, segments r = 0..i between the starts of the earlier sources (in
    # time order, counted from source i's start), with the capacity ``lo`` of the
    # earlier sources already on. Each segment adds, for months k < K, D_k - lo on its
    # linear months [l0, l0 + w) and dv on its constant months [c0, c0 + cw), with
    # sum_{l0 <= k < l0 + n} (slope (k + 0.5) / 12 - lo) = n (h n + beta),
    # h = slope / 24, beta = 2 l0 h - lo. The cumulative sums to each year end K are
    # added up per source and differenced per year: a segment that adds nothing in a
    # year gives the same value at both ends.
    hi, l0, c0, w, cw, beta, dv = (np.empty(shape) for _ in range(7))
    # the first segment of every source starts from lo = 0: reach(0) is common to all,
    # and subtracting lo = 0 (or min(0, P_fac) = 0, P_fac >= 0) changes nothing
    reach0 = reach(0.0, np.empty(shape))
    for i, (tau_i, c_i) in enumerate(zip(taus, caps, strict=True)):
        # when each earlier source is on, counted from source i's start, in time order
        b = [np.maximum(taus[j], tau_i) for j in range(i)]
        c = caps[:i]
        if i > 1:
            order = np.argsort(np.stack(b), axis=0, kind="stable")
            b = list(np.take_along_axis(np.stack(b), order, axis=0))
            c = list(np.take_along_axis(np.stack(c), order, axis=0))
        total = served[i]
        total[...] = 0.0
        lo: Any = 0.0
        for r in range(i + 1):
            u = tau_i if r == 0 else b[r - 1]
            last = r == i  # the segment runs to the end (e = inf)
            np.add(lo, c_i, out=hi)
            a_hi = reach(hi, c0)
            np.minimum(hi, p_fac, out=dv)
            if r:
                a_lo = reach(lo, l0)
                dv -= np.minimum(lo, p_fac, out=beta)  # the value above a_hi
                np.maximum(u, a_lo, out=l0)
            else:
                np.maximum(u, reach0, out=l0)
            if last:  # min(e, a_hi) = a_hi
                np.maximum(a_hi, l0, out=w)
            else:
                e = b[r]
                np.minimum(e, a_hi, out=w)
                np.maximum(w, l0, out=w)
            w -= l0
            np.multiply(l0, two_h, out=beta)
            if r:
                beta -= lo
            np.maximum(u, a_hi, out=c0)
            if not last:  # else cw = inf: no cap below
                np.maximum(e, c0, out=cw)
                cw -= c0
            y = first_year(l0, beta)
            ny, xy = n[y:], x[y:]
            np.subtract(k1[y:], l0, out=ny)
            np.maximum(ny, 0.0, out=ny)
            np.minimum(ny, w, out=ny)
            np.multiply(ny, h, out=xy)
            xy += beta
            xy *= ny
            total[y:] += xy
            y = first_year(c0, dv)
            ny = n[y:]
            np.subtract(k1[y:], c0, out=ny)
            np.maximum(ny, 0.0, out=ny)
            if not last:
                np.minimum(ny, cw, out=ny)
            ny *= dv
            total[y:] += ny
            if not last:
                lo = lo + c[r]
        differenced(total)
    served /= _MONTHS


def _year_end_served(
    steady: np.ndarray,
    first_power_years: Any,
    construction_years: Any,
    t_on: list[Any],
    caps: list[np.ndarray],
    out: np.ndarray,
    built_out: np.ndarray | None = None,
) -> None:
    """IT MW in service in the last month of each year, in closed form.

    On the month grid of :func:`_ramp_sums`, the last month of year ``y`` is
    ``k = 12 (y + 1) - 1`` (midpoint ``t_k = y + 1 - 1/24`` yr). Its facility demand is
    ``D_k = P_fac f_k``, with the built share ``f_k = min(t_k / T_c, 1)`` from the
    first-power month on (0 before it, 1 if ``T_c = 0``), and the sources in use
    serve, in priority order, ``min(D_k, C_k)`` in total, ``C_k`` being the summed
    steady-state MW of the sources already on (each from the first month whose midpoint
    is at or after its start ``t_i``, as in :func:`_ramp_sums`). With ``C`` the sum
    over all of them (``= P_fac``, the site being built within its supply), the IT MW
    is ``P_IT min(f_k, C_k / C)``: exactly ``P_IT`` (``steady``, shape ``S``) once the
    campus is complete and every source on. Written into ``out``, shape ``(n, *S)``
    for the first ``n`` years; no month axis is built. ``built_out`` (optional, shape
    ``(m, *S)``, ``m <= n``) receives the built share ``f_k`` of the first ``m`` year
    ends.
    """
    shape = steady.shape
    n = out.shape[0]
    n_months = n * _MONTHS
    k = (np.arange(1, n + 1, dtype=float) * _MONTHS - 1.0).reshape((n, *(1,) * len(shape)))
    cy = np.asarray(construction_years, dtype=float)
    # built share t_k / T_c, divided (not times 1 / T_c): a correctly rounded quotient
    # is 1 exactly when t_k = T_c and below 1 when t_k < T_c, so the campus is
    # complete in the month whose midpoint is at or after T_c, the test that starts a
    # source (1 / T_c rounds: 6.958333 * (1 / 6.958333) = 0.9999999999999999); inf for
    # T_c = 0 (t_k > 0): the whole campus at first power
    with np.errstate(divide="ignore"):
        np.divide((k + 0.5) / _MONTHS, cy, out=out)
    np.minimum(out, 1.0, out=out)
    np.copyto(out, 0.0, where=k < _first_month(first_power_years, n_months))
    if built_out is not None:
        built_out[...] = out[: built_out.shape[0]]
    on = np.zeros(out.shape)  # C_k, summed in the order of C below (C_k = C exactly)
    total = np.zeros(shape)
    for t_i, c_i in zip(t_on, caps, strict=True):
        np.add(on, c_i, out=on, where=k >= _first_month(t_i, n_months))
        total = total + c_i
    on /= np.where(total > 0, total, 1.0)
    np.minimum(out, on, out=out)
    out *= steady


_CHECK_INDEX = {k: i for i, k in enumerate(_CHECKS)}


@cache
def _site_checked(site: str) -> tuple[dict[str, Any], frozenset[str], bool, bool]:
    """The site's parameters with every catalog number already validated, cached.

    Returns the parameter dict (numbers as the read-only 0-d arrays of
    :func:`_check_float`), the names whose catalog value fails its check (left as
    floats, so that the error is raised at each call unless overridden) and whether the
    catalog values pass the two consistency checks of :func:`_check_shares` and
    :func:`_check_timing`.
    """
    q = dict(_site_parameters(site))
    failed = []
    for k in _CHECKS:
        v = q.get(k)
        if type(v) is float:
            try:
                q[k] = _check_float(k, v, math.copysign(1.0, v))
            except InputError:
                failed.append(k)
    ok = []
    for check in (_check_shares, _check_timing):
        try:
            check(q)
            ok.append(not failed)
        except InputError:
            ok.append(False)
    return q, frozenset(failed), ok[0], ok[1]


def _check_shares(q: dict[str, Any]) -> None:
    """Raise ``InputError`` unless the four facility shares sum to 1."""
    share_sum = sum(q[k] for k in _SHARES)
    bad = np.abs(share_sum - 1.0) > 1e-6
    if np.any(bad):
        raise InputError(
            f"facility_*_share: sum={np.ravel(share_sum[bad])[0]:g}: the four shares must sum to 1"
        )


def _check_timing(q: dict[str, Any]) -> None:
    """Raise ``InputError`` unless first power is no later than the end of construction."""
    bad = q["first_power_years"] > q["construction_years"]
    if np.any(bad):
        fp, cy = np.broadcast_arrays(q["first_power_years"], q["construction_years"])
        raise InputError(
            f"first_power_years={fp[bad].ravel()[0]:g}: must be <= "
            f"construction_years={cy[bad].ravel()[0]:g}"
        )


_TIMING_KEYS = frozenset(("first_power_years", "construction_years"))


@cache
def _turbine(turbine_type: str) -> dict[str, float]:
    """:func:`orbitcompute.generation.technology` of a gas turbine type, checked."""
    check_choice("turbine_type", turbine_type, generation.gas_technologies())
    return generation.technology(turbine_type)


@cache
def _accelerator_cooling(name: str) -> str:
    """The ``cooling`` requirement of a catalog accelerator (``liquid`` or
    ``air_or_liquid``); ``name`` already checked."""
    return str(catalog.get("accelerators", name)["cooling"])


def _needs_liquid(accelerator: Any) -> bool:
    """Whether the accelerator named by the ``accelerator`` keyword needs liquid
    cooling (``None``: no accelerator given, no requirement); a name that is not in
    ``data/accelerators.csv`` raises ``InputError`` with a did-you-mean."""
    if accelerator is None:
        return False
    return (
        _accelerator_cooling(catalog.check_name("accelerator", accelerator, "accelerators"))
        == "liquid"
    )


@guarded("the placement's numbers")
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
        Any name in :data:`PARAMETERS` replaces the catalog value. Every numeric one
        may be a float or an array, and all arrays (with ``it_power_mw``) broadcast
        together. Notable: ``discount_rate`` [-] (default 0), ``load_factor`` [-]
        (average IT load / capacity, default 1: it scales the energy-related
        quantities, electricity, fuel, water, CO2 and the IT energy that the
        ``lcoe_*`` outputs divide by, but not accelerator-hours, which the
        comparison's utilisation sets independently of it), ``accelerator`` (a name
        in ``data/accelerators.csv``, default ``None``: no cooling requirement; one
        whose ``cooling`` is ``liquid``, such as ``"gb200_nvl72"``, restricts the
        automatic choice to the liquid designs, ``direct_liquid_cooling``, whose PUE
        is an estimate and whose central WUE, 0.05 L/kWh, needs water (nothing is
        built at a site with no water allowance: binding ``"water"``), and makes a
        given air design infeasible with binding ``"cooling"``), ``pue`` and ``wue_l_per_kwh``
        (replace the cooling design's values; the other one, if not given or
        ``None``, their default, is still the design's), ``cooling_design`` ("auto",
        the default, chooses per sample the design that builds the most; or a design
        name), ``solar_enabled`` (a switch: 0 or 1, or False/True; fractions are
        refused),
        ``power_priority`` (e.g. ``"grid;gas;solar"``), ``turbine_type``,
        ``gas_max_mw`` / ``grid_headroom_mw`` / ``land_available_acres`` /
        ``water_available_m3_per_year`` (``inf`` = no limit), ``facility_capex_usd_per_mw``
        (IT basis) and its four ``facility_*_share`` (sum to 1), ``backup_capex_usd``,
        ``gas_reserve_margin`` (spare turbine capacity as a fraction of the gas
        load, in [0, 1]: 1 = 2N; bought on top of the gas MW served, which
        ``gas_max_mw`` caps: the cap reads as one on generation, as a pipeline's or
        an emissions permit's, not on installed turbines) and
        ``grid_interconnection_capex_usd_per_kw`` (0 by default: modelling defaults
        of ``terrestrial_defaults.csv``, NOT FOUND, each biased low),
        ``climate_zone`` (a string such as ``"3A"`` or a whole number naming a
        zone, ``7``),
        ``cooling_quantile`` (where PUE and WUE sit in the cooling design's band,
        default 0.5 = the catalog's central value: Lei & Masanet's 5th-95th
        percentiles for the air and water designs, an estimated range for direct
        liquid cooling; see :func:`orbitcompute.cooling.select_cooling_design`),
        ``heat_rate_btu_per_kwh`` (the turbine's, above 3,412.14 Btu/kWh, i.e. below
        100 % efficiency), ``solar_reference_capacity_factor`` (in (0, 1]),
        ``accelerator_annual_failure_rate`` (accelerators failing per
        accelerator-year in service [1/yr], in [0, 1); default 0.09, Meta's Llama 3
        fleet rate, ``terrestrial_defaults.csv``). The site buys no accelerators:
        it returns the rate, and :mod:`orbitcompute.compare` buys the replacements
        at the accelerator's unit price (0 = every failure repaired under warranty
        at no cost to the operator).

    Returns
    -------
    dict of ndarray
        Every array has the broadcast shape of the inputs (``S``); by-year arrays have
        shape ``S + (years,)``. Metrics (units in names): ``feasible``,
        ``binding_constraint`` (what limits the chosen cooling design; see the
        module docstring),
        ``max_feasible_it_mw`` (the site's largest feasible IT load: the largest over
        the candidate cooling designs when the design is auto-selected; it does not
        depend on the demand, nor on the horizon, unlike the orbital placement's,
        which counts only the part of the fleet launched within it),
        ``delivered_it_mw`` (the IT MW in service at the end of the horizon, as in the
        orbital placement: the last element of ``installed_it_mw_by_year``. It is the
        campus's IT load, ``min(demand, max_feasible_it_mw)``, where the campus is
        complete and every source it uses is on by then (full power,
        ``time_to_full_power_years``, by the midpoint of the horizon's last month,
        ``years - 1/24``); for a partial build, less: the built share of the campus
        at that month, or what the sources already on can power; 0 where nothing is
        in service within the horizon), ``year`` (shape ``(years,)``),
        ``delivered_it_mw_by_year`` (the mean IT MW served in each year),
        ``installed_it_mw_by_year`` (the IT MW in service at the end of each year:
        that served in the year's last month),
        ``time_to_first_power_years`` (the later of ``first_power_years`` and the
        start of the first source in use; where it falls after the horizon's last
        monthly sample, ``years - 1/24``, nothing is delivered within the horizon and
        the binding constraint is ``"horizon"``, even if it is below ``years``; NaN
        where nothing can be built), ``time_to_full_power_years`` (the later of
        ``construction_years`` and the start of the last source in use; NaN where
        nothing can be built),
        ``facility_power_mw`` (of the whole campus, ``min(demand,
        max_feasible_it_mw) * PUE``, like the other steady-state outputs below, even
        where it is not complete within the horizon), ``pue``, ``wue_l_per_kwh``,
        ``cooling_design`` (the
        design whose PUE and WUE are used, chosen or given; ``"custom"`` where both
        ``pue`` and ``wue_l_per_kwh`` are given), ``grid_mw``, ``gas_mw``,
        ``solar_mw``, ``shortfall_mw`` (facility MW, not IT MW: ``demand * PUE``
        minus the steady-state supply ``grid_mw + gas_mw + solar_mw``), ``pv_mwac``,
        ``storage_mwh``, ``land_acres``,
        ``water_m3_per_year``, ``co2_t_per_year``, ``it_energy_mwh_per_year`` (like the
        other ``*_per_year`` outputs, the steady state of the whole campus at full
        power, ``min(demand, max_feasible_it_mw) * load_factor * 8760 h``, whether or
        not it is reached within the horizon; not the mean over the horizon that
        the orbital placement reports under this name: the horizon's IT energy is
        ``sum(delivered_it_mw_by_year) * load_factor * 8760 h``), ``capex_usd``,
        ``opex_usd_per_year``, ``energy_cost_usd_per_year``, ``cost_total_usd``
        (undiscounted, capex plus opex over the horizon),
        ``cost_total_discounted_usd`` (present value: opex at the end of each year,
        each capital item at the end of the year it is built, see Notes),
        ``lcoe_usd_per_mwh`` (levelized cost per MWh of IT energy: discounted cost
        over discounted energy, as :func:`orbitcompute.finance.levelized_cost` and
        the orbital placement [5]_), ``lcoe_undiscounted_usd_per_mwh``
        (``cost_total_usd`` over the undiscounted IT energy of the horizon; equal
        to ``lcoe_usd_per_mwh`` at a discount rate of 0), ``energy_cost_it_usd`` and
        ``energy_cost_overhead_usd`` (horizon energy cost of the IT load and of the PUE
        overhead), and ``breakdown.capex.<item>_usd`` / ``breakdown.opex.<item>_usd``
        (horizon totals, undiscounted, of what is built within the horizon; they sum
        to ``cost_total_usd``). Accelerators are not included;
        ``accelerator_annual_failure_rate`` is the rate given (or the catalog's), for
        the comparison to buy their replacements.

    Raises
    ------
    InputError
        Unknown site (with a did-you-mean) or one that is not a string, unknown
        parameter, a value out of range (``solar_enabled`` other than 0 or 1), a
        cooling design, turbine, power priority, climate zone or accelerator that is
        not one of the catalog's (an accelerator with a did-you-mean), arrays
        whose shapes do not broadcast, the four ``facility_*_share`` not summing to
        1, ``first_power_years`` after ``construction_years``, or inputs so large
        that a result overflows float64 (the most extreme input is named).

    Notes
    -----
    Where the demand exceeds the site's maximum, the site is built to its maximum
    (a campus of ``max_feasible_it_mw``), ``feasible`` is False and costs are those
    of the partial build. Where nothing can be built (``max_feasible_it_mw`` 0: no
    water, land or power supply, or a design that cannot cool the accelerator), nothing
    is paid: ``capex_usd``, ``cost_total_usd`` and every breakdown item are 0, and the
    levelized costs ``lcoe_*`` and the times to first and to full power are NaN (no
    energy, no power); ``binding_constraint`` says why.
    Where the campus is not all in service by the end of the horizon (its
    construction, ``construction_years``, or a source it needs comes on later than
    the midpoint of the horizon's last month, ``years - 1/24``: the build-out is
    sampled at monthly midpoints), it does not host its load within the study:
    ``feasible`` is False, ``binding_constraint`` is ``"horizon"`` (unless a physical
    limit binds too) and ``delivered_it_mw`` is the IT MW in service at the end of
    the horizon. Where nothing is delivered within the horizon (first power after
    that midpoint), the levelized costs ``lcoe_*`` are NaN too: cost per MWh of no
    energy is undefined.
    Where a given ``cooling_design`` cannot cool the ``accelerator`` (an air design
    for a liquid-only accelerator), nothing is built: ``max_feasible_it_mw`` is 0,
    ``feasible`` False and ``binding_constraint`` ``"cooling"``.

    Cost conventions. Only what is built within the horizon is paid, each item at the
    end of the year it is built. The facility components, by the year-end increments
    of the campus's built share, up to its share at the end of the horizon (the last
    month's: ``min((years - 1/24) / construction_years, 1)``, or 0 where first power
    comes after that month); the campus counts as built from ``first_power_years``,
    when it is first energised, whether or not a source serves it yet, so a site
    waiting years for the grid pays for its buildings years before they serve. The
    fixed ``backup_capex_usd`` follows the same built share, and is 0 where nothing
    is built (``max_feasible_it_mw`` 0). Each source's generation capex (gas, solar
    plus storage) and the grid interconnection, whole, at the end of the year the
    source comes on (not before first power); a source that comes on after the
    horizon is neither paid nor delivered, and its maintenance is not charged. Land,
    all that the site uses (``land_acres``: the campus's and its solar's, not
    ``land_available_acres``), at the end of year 0. The orbital placement pays each
    satellite and its launch at the end of its launch year, when it is both built
    and put in service, its NRE at the end of year 0, and only what is launched
    within the horizon: the same rule, except that a campus can be built before its
    power arrives. No residual value is credited: conservative against terrestrial
    sites, whose buildings, generation and land outlive a horizon of a few years.
    Maintenance of the campus and staff are paid from ``first_power_years`` on, in
    proportion to the built share, even before any source is online; maintenance of
    each source's generation (gas turbines, solar plus storage), whole, from the month
    it comes on, when it is paid for. ``load_factor`` scales the energy bill, water,
    CO2 and the IT energy of the ``lcoe_*`` outputs, not the accelerator-hours: it is
    independent of the comparison's utilisation, and the two should be set
    consistently.

    The maximum feasible load is closed-form (the land, supply and water constraints are
    linear in the load; see :func:`_limits`). With ``cooling_design="auto"`` each
    candidate design ``d`` has its own maximum ``max_d`` (its PUE scales the land and
    supply limits, its WUE the water limit); the one that builds the most,
    ``min(demand, max_d)``, is chosen, ties going to the lowest PUE; so a drier design
    (higher PUE) is chosen only where a wetter one would build less (see
    :func:`_auto_cooling`). The build-out is sampled at monthly midpoints and averaged
    per year (closed form, :func:`_ramp_sums`; the year-end values by
    :func:`_year_end_served`).

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
    site = _check_site(site)
    base, failed, shares_ok, timing_ok = _site_checked(site)
    q = dict(base)
    for k, v in overrides.items():
        if k not in _PARAMETER_SET:
            raise InputError(
                f"{k}={v!r}: unknown parameter of terrestrial_placement"
                f"{did_you_mean(k, PARAMETERS)}"
            )
        # pue / wue_l_per_kwh None: the cooling design's, their default (site_parameters)
        if v is None and k in _CHECK_INDEX and k not in _FROM_DESIGN:
            raise InputError(f"{k}=None: must be a number or an array of numbers")
        q[k] = v
    n_years, start_year = check_horizon(years, start_year)

    # --- inputs: validate every numeric parameter, find the broadcast shape ----------
    # (catalog numbers were validated once, in _site_checked: only the overridden ones,
    # the turbine's and any that failed are checked here, in the order of _CHECKS)
    p_dem = check_positive("it_power_mw", it_power_mw, "MW")
    turbine_type = q["turbine_type"]
    if type(turbine_type) is not str:
        if isinstance(turbine_type, str):  # np.str_ names a turbine as a str does
            turbine_type = q["turbine_type"] = str(turbine_type)
        else:  # a list or array is not one name
            check_choice("turbine_type", turbine_type, generation.gas_technologies())
    tech = _turbine(turbine_type)
    todo = set(failed)
    for par, col in _TECH.items():
        if q.get(par) is None:
            q[par] = tech[col]
            todo.add(par)
    todo.update(k for k in overrides if k in _CHECK_INDEX)
    shapes = {"it_power_mw": p_dem.shape}
    for k in sorted(todo, key=_CHECK_INDEX.__getitem__):
        v = q[k]
        if v is None:
            continue
        if type(v) is float:  # catalog values: checked once
            v = q[k] = _check_float(k, v, math.copysign(1.0, v))
        else:
            v = q[k] = _check(k, v)
        if v.ndim:
            shapes[k] = v.shape
    dims = {v for v in shapes.values() if v}
    try:
        shape = (dims.pop() if dims else ()) if len(dims) < 2 else np.broadcast_shapes(*dims)
    except ValueError:
        arrays = ", ".join(f"{k} {v}" for k, v in shapes.items() if v)
        raise InputError(f"array arguments do not broadcast together: {arrays}") from None
    if not shares_ok or not todo.isdisjoint(_SHARES):
        _check_shares(q)
    if not timing_ok or not todo.isdisjoint(_TIMING_KEYS):
        _check_timing(q)
    order = q["power_priority"]
    if not isinstance(order, str):
        if not isinstance(order, (list, tuple)) or not all(isinstance(x, str) for x in order):
            raise InputError(
                f"power_priority={short_repr(order)}: must be a string such as "
                f"'grid;gas;solar' or a list of distinct sources from {SOURCES}"
            )
        order = tuple(order)
    prio = _priority(order)
    q["_priority"] = prio
    lf = q["load_factor"]

    # --- cooling and limits (closed form) -------------------------------------------
    # solar plus storage per MW of round-the-clock supply (PV, storage, land, capex)
    solar_per_mw = generation._solar_storage_sizing(
        1.0,
        q["solar_capacity_factor"],
        q["solar_pv_mwac_per_rtc_mw"],
        q["solar_reference_capacity_factor"],
        q["solar_storage_hours"],
        q["solar_acres_per_mwac"],
        q["solar_capex_usd_per_kw"],
        generation.SOLAR_PV_CAPEX_SHARE,
    )
    q["_acres_per_rtc_mw"] = solar_per_mw["acres_per_rtc_mw"]
    f_land, f_supply, lim_solar = _facility_limits(q)
    zone = cooling._check_zone(q["climate_zone"])
    liquid_only = _needs_liquid(q["accelerator"])
    design = q["cooling_design"]
    if isinstance(design, str):  # np.str_ names a design as a str does
        design = str(design)
    cannot_cool = False  # a given design that cannot cool the accelerator
    if type(design) is not str or design != "auto":
        check_choice("cooling_design", design, ["auto", *cooling.designs()])
        # a fixed design: cooling.select_cooling_design of that one design
        sel_design, sel_pue, sel_wue, _ = cooling._select(
            p_dem * lf * HOURS_PER_YEAR,
            q["water_available_m3_per_year"],
            (design,),
            zone,
            q["cooling_quantile"],
        )
        pue = sel_pue if q["pue"] is None else q["pue"]
        wue = sel_wue if q["wue_l_per_kwh"] is None else q["wue_l_per_kwh"]
        lim = _limits(q, f_land, f_supply, pue, wue)
        if liquid_only and design not in cooling.designs(liquid_only=True):
            # an air design for a liquid-only accelerator: nothing can be built
            cannot_cool = True
            lim["max"] = np.zeros(np.shape(lim["max"]))
    else:  # the design that builds the most; the maximum is the site's
        candidates = tuple(cooling.designs(liquid_only=liquid_only, auto_only=not liquid_only))
        sel_design, pue, wue, lim = _auto_cooling(q, p_dem, f_land, f_supply, candidates, zone)
    both_given = q["pue"] is not None and q["wue_l_per_kwh"] is not None
    design_name = np.asarray("custom") if both_given else sel_design
    p_max = lim["max"]
    if type(p_max) is not np.ndarray or p_max.shape != shape:
        p_max = np.broadcast_to(p_max, shape)
    # (p_max has the full shape: so have feasible, steady and shortfall below)
    feasible = p_dem <= p_max * (1 + 1e-9) + 1e-12
    steady = np.where(feasible, p_dem, p_max)
    p_test = p_max * (1 + 1e-6) + 1e-6
    water_b = lim["water"] <= p_test
    land_b = (lim["land"] <= p_test) | (lim_solar & (lim["supply"] <= p_test))
    # "grid power": the grid is listed and no other listed source can serve
    only_grid = np.asarray("grid" in prio)
    if "gas" in prio:
        only_grid = only_grid & (q["gas_max_mw"] <= 0)
    if "solar" in prio:
        only_grid = only_grid & (q["solar_enabled"] <= 0)
    # the first condition that holds names the binding constraint
    binding = first_label(
        [feasible, np.asarray(cannot_cool), water_b, land_b, only_grid],
        ["none", "cooling", "water", "land", "grid power"],
        "power supply",
        shape=shape,
    )

    # --- steady-state mix, footprint ---------------------------------------------------
    p_fac = steady * pue
    af = q["facility_acres_per_mw"]
    solar_on = (q["solar_enabled"] > 0) if "solar" in prio else np.zeros((), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        a_s = q["_acres_per_rtc_mw"]
        left = np.maximum(q["land_available_acres"] - af * p_fac, 0.0)
        solar_cap = np.where(a_s > 0, left / np.where(a_s > 0, a_s, 1.0), np.inf)
    caps = {
        "grid": q["grid_headroom_mw"],
        "gas": q["gas_max_mw"],
        "solar": np.where(solar_on, solar_cap, 0.0),
    }
    mix = _dispatch(p_fac, caps, prio)
    grid_mw, gas_mw, solar_mw = mix["grid_mw"], mix["gas_mw"], mix["solar_mw"]
    shortfall = np.maximum(p_dem * pue - (grid_mw + gas_mw + solar_mw), 0.0)
    pv_mwac = solar_mw * solar_per_mw["pv_mwac"]
    storage_mwh = solar_mw * solar_per_mw["storage_mwh"]
    land_acres = af * p_fac + solar_mw * solar_per_mw["land_acres"]
    it_mwh_year = steady * lf * HOURS_PER_YEAR
    water_m3 = it_mwh_year * wue
    gas_co2 = generation._gas_co2_t_per_mwh(q["heat_rate_btu_per_kwh"], q["gas_co2_lb_per_mmbtu"])
    co2 = (grid_mw * q["grid_co2_t_per_mwh"] + gas_mw * gas_co2) * lf * HOURS_PER_YEAR

    # --- timeline (monthly midpoints, averaged per year) ---------------------------------
    # On-site generation waits for its turbines (or panels) and for its step-up
    # transformers; the grid wait is the site's time to grid power, equipment included.
    t_src = {
        "grid": q["grid_wait_years"],
        "gas": np.maximum(q["turbine_lead_time_years"], q["transformer_lead_time_years"]),
        "solar": np.maximum(q["solar_lead_time_years"], q["transformer_lead_time_years"]),
    }
    used = {"grid": grid_mw > 0, "gas": gas_mw > 0, "solar": solar_mw > 0}
    t_first_src = np.full(shape, np.inf)
    t_last_src = np.zeros(shape)
    for src in SOURCES:
        t_first_src = np.minimum(t_first_src, np.where(used[src], t_src[src], np.inf))
        t_last_src = np.maximum(t_last_src, np.where(used[src], t_src[src], 0.0))
    built = steady > 0
    t_first = np.where(built, np.maximum(q["first_power_years"], t_first_src), np.nan)
    t_full = np.where(built, np.maximum(q["construction_years"], t_last_src), np.nan)

    # Time-major arrays, (month, *shape) and (year, *shape): sums over the months of a
    # year and over the years are then over contiguous leading blocks, and parameters of
    # any broadcastable shape align on the right. Each source is on from the first month
    # whose midpoint is at or after its wait / lead time; sources serve in priority order.
    # Once every source in use is on and the campus is complete, each source serves
    # exactly its steady-state share: only the first ``n_ramp`` whole years are sampled.
    active = [src for src in prio if np.logical_or.reduce(used[src], axis=None)]
    t_settled = np.maximum(q["construction_years"], q["first_power_years"])
    for src in active:
        t_settled = np.maximum(t_settled, np.where(used[src], t_src[src], 0.0))
    t_max = np.maximum.reduce(t_settled, axis=None) if t_settled.size else 0.0
    n_ramp = int(min(n_years, max(np.ceil(t_max), 0)))
    # Per-year means of the monthly samples, in closed form (see :func:`_ramp_sums`).
    built_y = np.ones((n_years, *shape))
    served_y = np.empty((len(active), n_years, *shape))  # sources in use, priority order
    if n_ramp:
        _ramp_sums(
            p_fac,
            q["first_power_years"],
            q["construction_years"],
            [t_src[src] for src in active],
            [mix[f"{src}_mw"] for src in active],
            built_y[:n_ramp],
            served_y[:, :n_ramp],
        )
    for i, src in enumerate(active):
        served_y[i, n_ramp:] = mix[f"{src}_mw"]
    src_y = {src: served_y[i] for i, src in enumerate(active)}
    fac_y = served_y.sum(axis=0) if active else np.zeros((n_years, *shape))
    deliv_y = np.divide(fac_y, pue, out=fac_y)  # (year, *shape)
    # IT MW in service at the end of each year: the last month's, on the same grid;
    # where every source in use is on and the campus complete (from year n_ramp on, at
    # the latest), exactly delivered_it_mw
    inst_y = np.empty((n_years, *shape))
    # built share of the campus at the end of each of the first n_ramp years (1 from
    # year n_ramp on)
    built_end = np.empty((n_ramp, *shape))
    if n_ramp:
        _year_end_served(
            steady,
            q["first_power_years"],
            q["construction_years"],
            [t_src[src] for src in active],
            [mix[f"{src}_mw"] for src in active],
            inst_y[:n_ramp],
            built_end,
        )
    inst_y[n_ramp:] = steady
    # the IT MW in service at the end of the horizon (its last month): all of the
    # campus only where it is complete and every source it uses is on by then
    inst_end = inst_y[-1]
    lf_h = lf * HOURS_PER_YEAR

    # Opex is linear in these by-year profiles: horizon totals and present values are
    # the prices times the undiscounted / discounted sums of each profile.
    rate = q["discount_rate"]
    df = finance.discount_factors(rate, n_years)  # (*rate.shape, year)
    if rate.ndim:
        df = np.moveaxis(df, -1, 0)
        df = df.reshape((n_years, *(1,) * (len(shape) - rate.ndim), *rate.shape))
    profiles = {"grid": src_y.get("grid"), "gas": src_y.get("gas"), "it": deliv_y,
                "built": built_y}  # fmt: skip

    def profile_sums(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # horizon total and present value of a by-year profile, time-major (year, *shape)
        if rate.ndim:
            return v.sum(axis=0), (v * df).sum(axis=0)
        # one discount factor per year: a vector-matrix product
        return v.sum(axis=0), (df @ v.reshape(n_years, -1)).reshape(shape)

    total: dict[str, np.ndarray] = {}
    disc: dict[str, np.ndarray] = {}
    for k, v in profiles.items():
        if v is None:  # a source not in use serves nothing
            total[k] = disc[k] = np.zeros(shape)
        else:
            total[k], disc[k] = profile_sums(v)

    # --- costs ------------------------------------------------------------------------
    # Capital of what is built within the horizon only, each item paid at the end of
    # the year it is built (see the module docstring): the facility and the backup by
    # the year-end increments of the campus's built share, up to its share at the end of
    # the horizon, F_end (the last month's); each source's generation or grid
    # interconnection, whole, at the end of the year the source comes on (not before
    # first power), nothing for a source that comes on after the horizon; land at the
    # end of year 0, like the orbital NRE.
    n_months = n_years * _MONTHS
    k_fp = _first_month(q["first_power_years"], n_months)
    if n_ramp < n_years:  # complete from year n_ramp on
        k_last, f_end = n_ramp, 1.0
    else:
        k_last, f_end = n_years - 1, built_end[-1]
    # PV factor of the built share: sum_y (F_y - F_{y-1}) DF_y over the horizon, with
    # F_y = F_end from year k_last on, summed by parts:
    # F_end DF_k + sum_{y<k} F_y (DF_y - DF_{y+1}), k = k_last.
    pv_built = f_end * df[k_last]
    if k_last:
        d_df = df[:k_last] - df[1 : k_last + 1]
        f_y = built_end[:k_last]
        if rate.ndim:
            pv_built = pv_built + (f_y * d_df).sum(axis=0)
        else:
            pv_built = pv_built + (d_df @ f_y.reshape(k_last, -1)).reshape(shape)
    fac_full = q["facility_capex_usd_per_mw"] * steady  # the whole campus
    # the backup is fixed, for the campus: none where nothing is built, else by built share
    backup_full = np.where(steady > 0, q["backup_capex_usd"], 0.0)
    shares = {k: q[f"facility_{k}_share"] for k in ("electrical", "mechanical", "civil", "fitout")}
    gen_full = {
        "generation_gas": gas_mw
        * (1.0 + q["gas_reserve_margin"])
        * q["turbine_capex_usd_per_kw"]
        * 1e3,
        # its PV part scaled with the site's PV (generation.solar_storage_sizing)
        "generation_solar_storage": solar_mw * solar_per_mw["capex_usd"],
        "grid_interconnection": grid_mw * q["grid_interconnection_capex_usd_per_kw"] * 1e3,
    }
    capex_items = {f"facility_{k}": fac_full * (v * f_end) for k, v in shares.items()}
    capex_items.update(gen_full)
    capex_items["land"] = land_acres * q["land_price_usd_per_acre"]
    capex_items["backup"] = backup_full * f_end
    on_built = backup_full + fac_full * shares["electrical"]
    for k in ("mechanical", "civil", "fitout"):
        on_built = on_built + fac_full * shares[k]
    capex_disc = on_built * pv_built + capex_items["land"] * df[0]
    k_on_src: dict[str, np.ndarray] = {}  # first month on of each source paid for
    for src, item in (
        ("gas", "generation_gas"),
        ("solar", "generation_solar_storage"),
        ("grid", "grid_interconnection"),
    ):
        amount = gen_full[item]
        if not np.logical_or.reduce(np.ravel(amount) > 0):
            continue
        k_on = k_on_src[src] = np.maximum(_first_month(t_src[src], n_months), k_fp)
        # on after the horizon (k_on = n_months): not built, not paid, serves nothing
        amount = capex_items[item] = np.where(k_on < n_months, amount, 0.0)
        y_on = np.minimum(k_on // _MONTHS, n_years - 1).astype(np.intp)
        if rate.ndim:
            df_on = np.take_along_axis(df, np.broadcast_to(y_on, shape)[None], axis=0)[0]
        else:
            df_on = df[y_on]
        capex_disc = capex_disc + amount * df_on
    capex = np.zeros(shape)
    for v in capex_items.values():
        capex += v
    fuel_usd_per_mwh = generation._gas_fuel_cost_usd_per_mwh(
        q["heat_rate_btu_per_kwh"], q["gas_price_usd_per_mmbtu"]
    )
    # maintenance at full power (opex_usd_per_year: the campus and all its generation)
    # and within the horizon: the campus by its built share each year (below), and each
    # source's generation, whole, from the month it comes on (when it is paid for), for
    # the generation built within the horizon only
    fraction = q["maintenance_fraction_per_year"]
    fac_gen = fac_full + gen_full["generation_gas"]
    maint_year = (fac_gen + gen_full["generation_solar_storage"]) * fraction
    staff_year = steady * q["staff_fte_per_mw"] * q["staff_cost_usd_per_fte_year"]
    # per unit of each profile: USD per MW-year of the profile
    unit_cost = {
        "electricity": ("grid", lf_h * q["electricity_price_usd_per_mwh"]),
        "fuel": ("gas", lf_h * fuel_usd_per_mwh),
        "water": ("it", lf_h * wue * q["water_price_usd_per_m3"]),
        "maintenance": ("built", fac_full * fraction),
        "staff": ("built", staff_year),
    }
    opex_h = {k: c * total[prof] for k, (prof, c) in unit_cost.items()}  # horizon totals
    opex_disc = {k: c * disc[prof] for k, (prof, c) in unit_cost.items()}
    for src, item in (("gas", "generation_gas"), ("solar", "generation_solar_storage")):
        if src in k_on_src:
            on_total, on_disc = profile_sums(_on_share(k_on_src[src], n_years, shape))
            gen_maint = capex_items[item] * fraction
            opex_h["maintenance"] = opex_h["maintenance"] + gen_maint * on_total
            opex_disc["maintenance"] = opex_disc["maintenance"] + gen_maint * on_disc
    cost_total, cost_disc = np.zeros(shape), np.zeros(shape)  # capex + the opex items
    for k in unit_cost:
        cost_total += opex_h[k]
        cost_disc += opex_disc[k]
    cost_total += capex
    cost_disc += capex_disc
    energy_total = total["it"] * lf_h
    energy_disc = disc["it"] * lf_h
    # Not all of the campus in service by the end of the horizon (construction or a
    # source it needs later than the last month; no power at all within it is the
    # extreme case, whose levelized costs are undefined): it does not host its load
    # within the study. Infeasible, with "horizon" where nothing else binds.
    late = inst_end < steady
    if late.any():
        feasible = feasible & ~late
        np.copyto(binding, "horizon", where=late & (binding == "none"))
    with np.errstate(divide="ignore", invalid="ignore"):
        # levelized: discounted cost / discounted energy [Short et al. 1995, eq. 5-1],
        # as finance.levelized_cost and the orbital placement
        lcoe = np.where(energy_disc > 0, cost_disc / energy_disc, np.nan)
        lcoe_undisc = np.where(energy_total > 0, cost_total / energy_total, np.nan)
    energy_cost_h = opex_h["electricity"] + opex_h["fuel"]

    energy_year = (
        grid_mw * lf * HOURS_PER_YEAR * q["electricity_price_usd_per_mwh"]
        + gas_mw * lf * HOURS_PER_YEAR * fuel_usd_per_mwh
    )
    opex_year = energy_year + water_m3 * q["water_price_usd_per_m3"] + maint_year + staff_year

    # Outputs: arrays computed here are returned as they are; inputs, broadcast views and
    # arrays already returned under another name are copied, so that no output aliases
    # an input or another output.
    # (catalog numbers are read-only arrays: only the overridden values and the demand
    # can be writeable inputs)
    inputs = {id(q[k]) for k in overrides} | {id(p_dem), id(it_power_mw)}
    returned: set[int] = set()

    def full(x: Any, dtype: Any = _FLOAT) -> np.ndarray:
        if (
            type(x) is np.ndarray
            and x.shape == shape
            and (x.dtype == dtype or (dtype is str and x.dtype.kind == "U"))
            and (flags := x.flags).owndata
            and flags.writeable
            and id(x) not in inputs
            and id(x) not in returned
        ):
            returned.add(id(x))
            return x
        if dtype is str:
            return np.array(np.broadcast_to(x, shape), dtype=dtype)
        out = np.empty(shape, dtype=dtype)  # a copy of x broadcast to the shape
        np.copyto(out, x, casting="unsafe")
        return out

    out: dict[str, np.ndarray] = {
        "feasible": full(feasible, _BOOL),
        "binding_constraint": binding,  # a new array of this shape (first_label)
        "max_feasible_it_mw": full(p_max),
        "delivered_it_mw": full(inst_end),
        "year": start_year + np.arange(n_years),
        "delivered_it_mw_by_year": deliv_y.transpose((*range(1, deliv_y.ndim), 0)).copy(),
        "installed_it_mw_by_year": inst_y.transpose((*range(1, inst_y.ndim), 0)).copy(),
        "time_to_first_power_years": full(t_first),
        "time_to_full_power_years": full(t_full),
        "facility_power_mw": full(p_fac),
        "pue": full(pue),
        "wue_l_per_kwh": full(wue),
        "cooling_design": full(design_name, str),
        "grid_mw": full(grid_mw),
        "gas_mw": full(gas_mw),
        "solar_mw": full(solar_mw),
        "shortfall_mw": full(shortfall),
        "pv_mwac": full(pv_mwac),
        "storage_mwh": full(storage_mwh),
        "land_acres": full(land_acres),
        "water_m3_per_year": full(water_m3),
        "co2_t_per_year": full(co2),
        "it_energy_mwh_per_year": full(it_mwh_year),
        "capex_usd": full(capex),
        "opex_usd_per_year": full(opex_year),
        "energy_cost_usd_per_year": full(energy_year),
        "cost_total_usd": full(cost_total),
        "cost_total_discounted_usd": full(cost_disc),
        "lcoe_usd_per_mwh": full(lcoe),
        "lcoe_undiscounted_usd_per_mwh": full(lcoe_undisc),
        "energy_cost_it_usd": full(energy_cost_h / pue),
        "energy_cost_overhead_usd": full(energy_cost_h * (1 - 1 / pue)),
        "accelerator_annual_failure_rate": full(q["accelerator_annual_failure_rate"]),
    }
    for k, v in capex_items.items():
        out[f"breakdown.capex.{k}_usd"] = full(v)
    for k, v in opex_h.items():
        out[f"breakdown.opex.{k}_usd"] = full(v)
    return out
