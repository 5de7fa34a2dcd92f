"""Orbital placement: satellite design, fleet, launch and deployment, cost.

One function, :func:`orbital_placement`, evaluates an orbital architecture for
a demand of ``it_power_mw`` of IT load over ``years``, in one of two modes:

``mode="top_down"``
    The satellite is described by two typed-in numbers, system specific power
    [W/kg] and hardware cost [USD/W], as in McCalip's calculator [1]_ and
    Starcloud's white paper [2]_. With each source's assumptions (presets in
    ``data/scenarios/``) the published totals and line items are reproduced.
``mode="bottom_up"`` (default)
    The satellite is closed from its compute payload, orbit and technology:
    see :func:`orbitcompute.placements._orbital_design.close_satellite`.

Both modes share the fleet and economics layer: launches limited by vehicle
mass and volume (whole satellites per launch bottom-up; the fleet's mass split
freely between launches top-down, as McCalip counts them), a launch-cadence
ramp, Wright's-law launch-price learning, replacements, ground segment,
operations, discounting and levelized cost.
Every numeric argument may be an array; arrays broadcast and the result is a
flat dict of arrays (year-resolved keys carry a trailing year axis).

References
----------
.. [1] McCalip, A., "Economics of Orbital vs Terrestrial Data Centers",
   calculator ``static/js/math.js`` (github.com/andrewmccalip/thoughts,
   e59571e), 2025.
.. [2] Starcloud (Lumen Orbit), "Why we should train AI in space", white paper,
   2024, cost table for one 40 MW cluster over 10 years.
.. [3] Short, Packey & Holt, NREL/TP-462-5173 (1995): discounting and
   levelized cost (via :mod:`orbitcompute.finance`).
.. [4] Wright, T. P., J. Aeronautical Sciences 3(4), 1936: learning curve.
"""

from __future__ import annotations

import inspect
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import numpy as np

from orbitcompute import catalog, finance, hardware
from orbitcompute import launch as launch_mod
from orbitcompute._counts import ceil_count, floor_count
from orbitcompute._labels import first_label
from orbitcompute._validate import (
    broadcast_error,
    check_choice,
    check_count,
    check_fraction,
    check_horizon,
    check_limit,
    check_nonnegative,
    check_positive,
    check_range,
    did_you_mean,
    guarded,
    short_repr,
)
from orbitcompute._years import sum_years
from orbitcompute.constants import HOURS_PER_YEAR, SOLAR_CONSTANT_W_PER_M2
from orbitcompute.errors import InputError
from orbitcompute.placements._orbital_deploy import deployment_ramp
from orbitcompute.placements._orbital_design import (
    DESIGN_DEFAULTS,
    _array_rated_specific_power,
    _bus,
    _bus_default,
    accelerator_columns,
    bottom_up_satellites,
    satellite_failure_rate,
)
from orbitcompute.power import PERIHELION_AU

__all__ = [
    "BOTTOM_UP_DEFAULTS",
    "CHOICE_KEYWORDS",
    "COMMON_OUTPUTS",
    "CONFLICTING_KEYWORDS",
    "SHARED_DEFAULTS",
    "TOP_DOWN_DEFAULTS",
    "orbital_placement",
]

#: Sunlight on a square metre at perihelion [W/m2]: 1361 W/m2 (Kopp & Lean 2011) over
#: (0.98329 au)^2, the Astronomical Almanac's low-precision distance at its minimum
#: (:data:`orbitcompute.power.PERIHELION_AU`). A top-down array_power_w_per_m2 above it
#: is impossible.
_MAX_ARRAY_W_PER_M2 = SOLAR_CONSTANT_W_PER_M2 / PERIHELION_AU**2

MODES = ("bottom_up", "top_down")

#: Keys of both modes (fleet, launch, economics). ``None`` = from a catalog.
SHARED_DEFAULTS: dict[str, Any] = {
    "launch_vehicle": "starship",
    "launch_price_usd_per_kg": None,
    "launch_price_usd_per_launch": None,
    "payload_per_launch_kg": None,
    "fairing_volume_m3": None,
    "stowed_density_kg_per_m3": None,
    "launches_per_year": None,
    "launch_cadence_growth_per_year": 0.0,
    "launch_learning_rate": 0.0,
    "launch_learning_reference_kg": None,
    "launch_co2_t_per_launch": None,
    "development_years": 0.0,
    "nre_usd": 0.0,
    "operations_fraction_per_year": 0.0,
    "insurance_fraction_per_year": 0.0,
    "replacement_fraction_per_year": None,
    "ground_sites": 0.0,
    "ground_site_capex_usd": None,
    "ground_site_opex_usd_per_year": None,
}

#: Keys of ``mode="top_down"`` only.
TOP_DOWN_DEFAULTS: dict[str, Any] = {
    "specific_power_w_per_kg": None,  # required
    "cost_usd_per_w": None,  # required
    "satellite_power_kw": 100.0,
    "sun_fraction": 1.0,
    "degradation_per_year": 0.0,
    "shielding_kg_per_kw": 0.0,
    "shielding_cost_usd_per_kg": 0.0,
    "array_power_w_per_m2": None,
    "radiator_flux_w_per_m2": None,
    "accelerator_capex_usd": 0.0,
    # the accelerator a satellite must hold at least one of (as in bottom-up mode)
    "accelerator": DESIGN_DEFAULTS["accelerator"],
    "accelerator_all_in_power_w": None,
}

#: Keys of ``mode="bottom_up"`` only (defaults documented in _orbital_design).
BOTTOM_UP_DEFAULTS: dict[str, Any] = dict(DESIGN_DEFAULTS)

_STR_KEYS = {"launch_vehicle", "accelerator", "radiator", "coating", "array", "battery"}

#: Keyword pairs that set one quantity two ways (the launch price per kg or per launch;
#: the satellite's payload in accelerators or in kW; the replacement rate given or from
#: the satellites' failure rate): a call may give one of each pair, not both.
CONFLICTING_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("launch_price_usd_per_kg", "launch_price_usd_per_launch"),
    ("accelerators_per_satellite", "satellite_it_power_kw"),
    ("replacement_fraction_per_year", "satellite_annual_failure_rate"),
)
#: orbital_placement's own keywords (not design parameters), for the did-you-mean.
_SIGNATURE_KEYWORDS = (
    "it_power_mw",
    "years",
    "start_year",
    "orbit",
    "mode",
    "utilisation",
    "discount_rate",
    "outputs",
)


def _nan_to_num(x: np.ndarray) -> np.ndarray:
    """``np.nan_to_num(x)`` for float arrays; ``x`` itself (no copy) when all finite."""
    x = np.asarray(x)
    return x if np.isfinite(x).all() else np.nan_to_num(x)


def _vehicle_value(vehicle: str, column: str) -> float | None:
    rec = catalog.get("launch_vehicles", vehicle)
    v = rec[column] if column in rec else None
    return None if v is None else float(v)


def _resolve_launch(p: dict[str, Any]) -> dict[str, np.ndarray]:
    """Launch parameters: explicit arguments override the vehicle catalog."""
    vehicle = check_choice("launch_vehicle", p["launch_vehicle"], catalog.names("launch_vehicles"))
    out: dict[str, np.ndarray] = {}
    payload = p["payload_per_launch_kg"]
    if payload is None:
        payload = _vehicle_value(vehicle, "payload_leo_kg")
    out["payload_per_launch_kg"] = check_positive("payload_per_launch_kg", payload, "kg")
    # (both launch prices given: refused by _check_keys, which every caller runs first)
    per_launch = p["launch_price_usd_per_launch"]
    per_kg = p["launch_price_usd_per_kg"]
    if per_launch is None and per_kg is None:
        per_kg = _vehicle_value(vehicle, "price_usd_per_kg")
        if per_kg is None:
            raise InputError(
                f"launch_vehicle={vehicle!r}: the catalog has no price; pass "
                "launch_price_usd_per_kg or launch_price_usd_per_launch"
            )
    out["per_launch"] = per_launch is not None
    if per_launch is not None:
        out["price_usd_per_launch"] = check_nonnegative(
            "launch_price_usd_per_launch", per_launch, "USD"
        )
        out["price_usd_per_kg"] = out["price_usd_per_launch"] / out["payload_per_launch_kg"]
    else:
        out["price_usd_per_kg"] = check_nonnegative("launch_price_usd_per_kg", per_kg, "USD/kg")
    # The volume check needs both the fairing volume (given, else the catalog's) and the
    # satellites' stowed density (given): one given without the other is refused, since
    # it would be silently unused.
    vol = p["fairing_volume_m3"]
    dens = p["stowed_density_kg_per_m3"]
    if vol is not None:
        vol = check_positive("fairing_volume_m3", vol, "m3")
        if dens is None:
            raise InputError(
                f"fairing_volume_m3={_value_text(vol)}: the volume check also needs the "
                "satellites' stowed density; pass stowed_density_kg_per_m3 [kg/m3] as well "
                "(without it the volume is not checked)"
            )
    else:
        vol = _vehicle_value(vehicle, "fairing_volume_m3")
    if dens is not None:
        dens = check_positive("stowed_density_kg_per_m3", dens, "kg/m3")
        if vol is None:
            raise InputError(
                f"stowed_density_kg_per_m3={_value_text(dens)}: the volume check also "
                f"needs a fairing volume, and launch_vehicle={vehicle!r} has none in "
                "launch_vehicles.csv; pass fairing_volume_m3 [m3] as well"
            )
    out["fairing_volume_m3"] = (
        np.asarray(np.inf) if vol is None else check_positive("fairing_volume_m3", vol, "m3")
    )
    out["stowed_density_kg_per_m3"] = np.asarray(np.inf) if dens is None else dens
    out["launches_per_year"] = _check_cadence(p["launches_per_year"])
    out["growth"] = check_nonnegative(
        "launch_cadence_growth_per_year", p["launch_cadence_growth_per_year"]
    )
    out["learning_rate"] = check_range(
        "launch_learning_rate", p["launch_learning_rate"], 0.0, 1.0, high_inclusive=False
    )
    ref = p["launch_learning_reference_kg"]
    out["learning_reference_kg"] = (
        out["payload_per_launch_kg"]
        if ref is None
        else check_positive("launch_learning_reference_kg", ref, "kg")
    )
    co2 = p["launch_co2_t_per_launch"]
    if co2 is None:
        co2 = _vehicle_value(vehicle, "co2_t_per_launch")
    if co2 is None:
        key = f"{vehicle}_launch_co2_t"
        co2 = _bus_default(key) if key in catalog.names("bus") else 0.0
    out["co2_t_per_launch"] = check_nonnegative("launch_co2_t_per_launch", co2, "t")
    out["vehicle"] = vehicle
    return out


def _check_cadence(value: Any) -> np.ndarray:
    """``launches_per_year`` as a float array: > 0, or ``inf`` (as ``None``) for no limit.

    A scenario file has no ``None``, so ``inf`` says "unlimited" there, element by
    element in an array (the deployment ramp flies those fleets at once); NaN, 0,
    negative numbers, booleans, text and complex numbers are refused.
    """
    if value is None:
        return np.asarray(np.inf)
    if isinstance(value, complex) or np.iscomplexobj(value):
        raise InputError(
            f"launches_per_year={short_repr(value)}: must be > 0 launches/yr (inf: no limit)"
        )
    return check_limit("launches_per_year", value, "launches/yr", positive=True)


def _value_text(value: Any) -> str:
    """A checked value for a message: ``g`` format for one number, else a short repr."""
    a = np.asarray(value)
    return f"{float(a):g}" if a.size == 1 else short_repr(value)


def _check_conflicts(p: Mapping[str, Any]) -> None:
    """Refuse both keywords of a :data:`CONFLICTING_KEYWORDS` pair given (not ``None``)."""
    for a, b in CONFLICTING_KEYWORDS:
        if p.get(a) is not None and p.get(b) is not None:
            raise InputError(
                f"{a}={short_repr(p[a])} and {b}={short_repr(p[b])}: both set the same "
                "quantity; give one of them, not both"
            )


def _check_keys(design: dict[str, Any], mode: str) -> dict[str, Any]:
    allowed = dict(SHARED_DEFAULTS)
    allowed.update(TOP_DOWN_DEFAULTS if mode == "top_down" else BOTTOM_UP_DEFAULTS)
    for key in design:
        if key not in allowed:
            other = BOTTOM_UP_DEFAULTS if mode == "top_down" else TOP_DOWN_DEFAULTS
            hint = (
                f" (it belongs to mode={'bottom_up' if mode == 'top_down' else 'top_down'!r})"
                if key in other
                else ""
            )
            raise InputError(
                f"{key}: unknown parameter for orbital_placement(mode={mode!r}){hint}"
                f"{did_you_mean(key, [*_SIGNATURE_KEYWORDS, *allowed])}"
            )
    # A pair that sets one quantity two ways: only the keys the caller gave count (the
    # defaults of the bottom-up mode give satellite_it_power_kw).
    _check_conflicts(design)
    params = dict(allowed)
    params.update(design)
    return params


def _parameter_value(parameter: str, keywords: Mapping[str, Any] | None = None) -> float | None:
    """The number :func:`orbital_placement` uses for one parameter of a placement.

    Parameters
    ----------
    parameter : str
        A numeric keyword of the placement's mode (not in :data:`CHOICE_KEYWORDS`).
    keywords : mapping, optional
        The keywords the placement is called with (a scenario block, with the
        ``accelerator`` the comparison gives a bottom-up design). The value of
        ``parameter`` itself when given; else ``mode``, ``launch_vehicle``,
        ``accelerator``, ``array``, ``radiator`` and the other given keywords
        choose the default, as in the model.

    Returns
    -------
    float or None
        The given value, else the default: the mode's fixed default
        (:data:`SHARED_DEFAULTS`, :data:`TOP_DOWN_DEFAULTS`,
        :data:`BOTTOM_UP_DEFAULTS`), else the catalog value the model reads: the
        launch vehicle's (the price per kg; per launch, that price times the payload.
        A price per kg is paid on the mass carried, and a launch of whole satellites
        carries less than the payload, so this per-launch value costs more than the
        per-kg price it comes from: e.g. at USD 500/kg and a 100 t payload, USD 50 M
        a launch here, while twelve 7.81 t satellites (93.7 t) cost USD 46.9 M a
        launch at the per-kg price;
        an unchecked volume, density or cadence is ``inf``), the accelerator's,
        the array's rated specific power, the radiator's areal density or the
        ``data/bus.csv`` row; ``accelerators_per_satellite`` is the satellite's IT
        power over the accelerator's all-in power. It may be 0 (e.g.
        ``launch_learning_rate``) or ``inf``. ``None`` where no single number is
        the default: the catalog has none (a vehicle without a price, an
        accelerator without the column), the model sizes the value from the
        demand (bottom-up ``ground_sites``, ``crosslink_terminals``), uses
        another model instead (``structure_fraction``), derives it
        (``ground_site_availability``, ``ground_site_latitude_deg``) or needs it
        given (top-down
        ``specific_power_w_per_kg``, ``cost_usd_per_w``; ``None`` = not used for
        ``array_power_w_per_m2``, ``radiator_flux_w_per_m2``).

    Raises
    ------
    InputError
        A parameter that is not a numeric keyword of the mode (with a
        did-you-mean), an unknown mode, launch vehicle or accelerator.
    """
    kw = dict(keywords or {})
    mode = check_choice("mode", kw.get("mode", "bottom_up"), MODES)
    signature = inspect.signature(orbital_placement).parameters
    defaults = {k: signature[k].default for k in ("utilisation", "discount_rate")}
    defaults.update(SHARED_DEFAULTS)
    defaults.update(TOP_DOWN_DEFAULTS if mode == "top_down" else BOTTOM_UP_DEFAULTS)
    if parameter not in defaults or parameter in CHOICE_KEYWORDS:
        numeric = [k for k in defaults if k not in CHOICE_KEYWORDS]
        raise InputError(
            f"parameter={parameter!r}: not a numeric parameter of orbital_placement"
            f"(mode={mode!r}){did_you_mean(parameter, numeric)}"
        )
    value = kw.get(parameter, defaults[parameter])
    if value is not None:
        return float(value)
    p = _check_keys({k: v for k, v in kw.items() if k not in signature}, mode)
    if parameter in ("launch_price_usd_per_kg", "launch_price_usd_per_launch"):
        if p["launch_price_usd_per_kg"] is None and p["launch_price_usd_per_launch"] is None:
            vehicle = check_choice(
                "launch_vehicle", p["launch_vehicle"], catalog.names("launch_vehicles")
            )
            if _vehicle_value(vehicle, "price_usd_per_kg") is None:
                return None
        L = _resolve_launch(p)
        per_kg = float(L["price_usd_per_kg"])
        if parameter == "launch_price_usd_per_kg":
            return per_kg
        return per_kg * float(L["payload_per_launch_kg"])
    launch_keys = {
        "payload_per_launch_kg": "payload_per_launch_kg",
        "fairing_volume_m3": "fairing_volume_m3",
        "stowed_density_kg_per_m3": "stowed_density_kg_per_m3",
        "launches_per_year": "launches_per_year",
        "launch_learning_reference_kg": "learning_reference_kg",
        "launch_co2_t_per_launch": "co2_t_per_launch",
    }
    if parameter in launch_keys:
        return float(_resolve_launch(p)[launch_keys[parameter]])
    if parameter == "replacement_fraction_per_year":
        # bottom-up: the satellites' failure rate (bottom_up_satellites); top-down: none
        if mode == "top_down":
            return 0.0
        return float(satellite_failure_rate(p))
    if parameter in ("accelerator_all_in_power_w", "accelerator_mass_kg", "accelerator_price_usd"):
        spec = hardware.accelerator(p["accelerator"])
        column = parameter.removeprefix("accelerator_")
        return float(spec[column]) if column in spec else None
    if parameter == "accelerators_per_satellite":
        spec = hardware.accelerator(p["accelerator"])
        power = p["accelerator_all_in_power_w"]
        if power is None:
            power = spec.get("all_in_power_w")
        return None if power is None else float(p["satellite_it_power_kw"]) * 1e3 / float(power)
    if parameter == "array_specific_power_w_per_kg":
        return _array_rated_specific_power(p["array"])
    if parameter == "radiator_areal_density_kg_per_m2":
        radiator = p["radiator"]
        if not isinstance(radiator, str):
            return None
        v = catalog.get("radiators", radiator)["areal_density_kg_per_m2"]
        return None if v is None else float(v)
    if parameter in ("ground_sites", "crosslink_terminals"):
        return None  # sized from the demand (data/bus.csv holds only the fallback)
    if parameter in catalog.names("bus"):
        return _bus_default(parameter)
    return None


@guarded("the placement's numbers")
def orbital_placement(
    it_power_mw: float | np.ndarray,
    years: int,
    start_year: int = 2027,
    orbit: Any = None,
    mode: str = "bottom_up",
    *,
    utilisation: float | np.ndarray = 1.0,
    discount_rate: float | np.ndarray = 0.0,
    outputs: Collection[str] | None = None,
    **design: Any,
) -> dict[str, np.ndarray]:
    """Evaluate an orbital data-centre placement for an IT-power demand.

    Parameters
    ----------
    it_power_mw : float or ndarray
        IT power to deliver [MW], > 0.
    years : int
        Service horizon [years], a whole number >= 1 (the trailing axis of the
        year-resolved outputs), from the start of the programme (development
        included); nothing is credited after it (no residual value). Bottom-up,
        every life-dependent sizing of the satellite (accelerator cold spares,
        array end-of-life degradation, battery cycles, drag make-up propellant)
        is for the longest a satellite can serve within it,
        ``max(years - development_years, 0)``
        (:func:`~orbitcompute.placements._orbital_design.mission_life_years`).
    start_year : int
        Calendar year the program starts (development begins).
    orbit : orbitcompute.orbit.Orbit or None
        Orbit of the fleet (bottom-up mode; default a dawn-dusk sun-synchronous
        orbit at 650 km; an array altitude evaluates each element). Ignored by
        the top-down mode, whose sources state their orbit only through
        ``sun_fraction``; any other value is refused in both modes.
    mode : {"bottom_up", "top_down"}
        How the satellite is described (see the module docstring).
    utilisation : float or ndarray
        Fraction of delivered IT power actually used, (0, 1]; scales the IT
        energy (and hence the levelized cost).
    discount_rate : float or ndarray
        Real discount rate per year, [0, 1); year index 0 is discounted one
        period (end-of-year convention of :mod:`orbitcompute.finance`).
    outputs : collection of str, optional
        Return only these outputs (default: all of them). The others are
        dropped as soon as they are computed, which lowers the peak memory of a
        call over many samples (a Monte Carlo chunk); the returned values are
        the same as those of a call without ``outputs``. :data:`COMMON_OUTPUTS`
        are available in both modes.
    **design
        Mode parameters. Shared (:data:`SHARED_DEFAULTS`): ``launch_vehicle``
        (name in ``launch_vehicles.csv``), ``launch_price_usd_per_kg`` or
        ``launch_price_usd_per_launch`` (default the vehicle's price per kg),
        ``payload_per_launch_kg``, ``fairing_volume_m3`` and
        ``stowed_density_kg_per_m3`` (the volume limit, checked when the
        density is given: against the given fairing volume, else the
        vehicle's catalog one; a density without any volume, or a volume
        without a density, is refused; neither given = not checked),
        ``launches_per_year`` (``None`` or ``inf`` = unlimited; the cadence of the
        initial deployment: the replacement launches fly on top of it, e.g. 1.0,
        3.0, 5.0 and 7.0 launches in the four deployment years of the default
        gigawatt scenario's 100 a year, 1-7 % more),
        ``launch_cadence_growth_per_year`` (the cadence grows by this fraction a
        year, >= 0, e.g. 0.5 for +50 %/yr: not the factor ``1 + g`` that
        :mod:`orbitcompute.launch` takes; no upper bound, since nothing caps a
        cadence's growth), ``launch_learning_rate`` (Wright,
        price drop per doubling of the program's launched mass) and
        ``launch_learning_reference_kg`` (mass at which the list price holds;
        default one launch), ``launch_co2_t_per_launch``,
        ``development_years`` (start to first launch), ``nre_usd``,
        ``operations_fraction_per_year`` (of satellite hardware, per year, in
        [0, 1]), ``insurance_fraction_per_year`` (in [0, 1], a premium per year on the hardware
        and the accelerators in service, default 0; the accelerators' share is
        an accelerator cost, in ``accelerator_capex_usd``, not in
        ``cost_total_usd``. It is charged on top of the self-funded
        replacements: it models an owner who insures the asset value, so the
        expected failure loss is then paid twice, as replacements and in the
        premium),
        ``replacement_fraction_per_year``, ``ground_sites``,
        ``ground_site_capex_usd``, ``ground_site_opex_usd_per_year``. Of each
        pair in :data:`CONFLICTING_KEYWORDS` (e.g. ``accelerators_per_satellite``
        and ``satellite_it_power_kw``) give one keyword, not both.
        Top-down (:data:`TOP_DOWN_DEFAULTS`): ``specific_power_w_per_kg`` and
        ``cost_usd_per_w`` (required; per W of satellite power),
        ``satellite_power_kw``, ``sun_fraction``, ``degradation_per_year``,
        ``shielding_kg_per_kw`` and ``shielding_cost_usd_per_kg`` (Starcloud's
        shielding line; the mass is inside the system W/kg: more shielding than
        that mass is infeasible, ``"shielding_mass"``),
        ``array_power_w_per_m2`` (at most the 1,408 W/m2 of sunlight at perihelion),
        ``radiator_flux_w_per_m2`` (``None`` = no separate radiator, area 0),
        ``accelerator_capex_usd``, ``accelerator`` (name in ``accelerators.csv``,
        default as bottom-up) and
        ``accelerator_all_in_power_w`` (default the catalog's): a satellite must
        carry the IT power of at least one such accelerator. Bottom-up: see
        :data:`BOTTOM_UP_DEFAULTS` and
        :func:`~orbitcompute.placements._orbital_design.close_satellite`.

    Returns
    -------
    dict of ndarray
        Every key of :data:`COMMON_OUTPUTS` (both modes), arrays of the broadcast
        shape of the inputs; the ``*_by_year`` keys add a trailing axis of
        ``years``. Masses and areas are per placement unless named per satellite.

        ``feasible`` (bool) and ``binding_constraint``: ``"none"`` when
        feasible, else the first that fails: the design's own label (both modes:
        ``"accelerator_count"`` (less than one accelerator per satellite; top-down:
        ``satellite_power_kw * average_capacity_factor * sun_fraction`` below the
        accelerator's all-in power); top-down also ``"shielding_mass"`` (the
        shielding, ``shielding_kg_per_kw`` per kW of IT, weighs more than the fleet's
        mass from ``specific_power_w_per_kg``, which includes it); bottom-up also
        ``"radiator"``, ``"solar_array"``, ``"mass_divergence"`` (propellant
        beyond ``max_propellant_fraction`` or a mass that does not settle, e.g.
        drag at 100-150 km), ``"crosslinks"``, ``"ground_segment"`` (the downlink
        traffic needs more than :data:`orbitcompute.ground.MAX_SITES` ground sites,
        or no site ever sees the fleet)), ``"vehicle_payload"`` or
        ``"vehicle_volume"`` (one satellite exceeds the vehicle), ``"horizon"``
        (no power before the horizon ends; ``lcoe_usd_per_mwh`` then NaN) or
        ``"launch_cadence"`` (the fleet is not all launched within the horizon,
        ``built_fraction < 1``, i.e. the ramp's last launch after it).
        ``max_feasible_it_mw`` [MW]: IT power of the part of the fleet launched
        by the end of the horizon, ``it_power_mw * built_fraction``.
        ``delivered_it_mw`` [MW]: ``min(it_power_mw, max_feasible_it_mw)``, the
        IT power in service at the end of the horizon.
        ``year``: calendar years ``start_year ... start_year + years - 1``.
        ``delivered_it_mw_by_year`` [MW]: year-average IT power in service.
        ``installed_it_mw_by_year`` [MW]: IT power in service at the END of each
        year (the end-of-year value of the quantity whose year average is
        ``delivered_it_mw_by_year``: ``it_power_mw`` times the launched fraction
        of the fleet at that time); its last element equals
        ``delivered_it_mw``.
        ``time_to_first_power_years`` [yr, from the start]: when the fleet in
        service starts to grow, ``development_years`` plus the first deployment
        year whose cadence completes a whole launch (``ceil(1 / L) - 1`` years
        at a constant cadence ``L``; none with an unlimited cadence), as
        ``delivered_it_mw_by_year`` sees it; it may lie beyond the horizon
        (then ``binding_constraint`` is ``"horizon"``); ``inf`` where the
        satellite cannot fly. ``time_to_full_power_years`` [yr]: when the
        deployment ramp flies the last launch of the fleet (a year's launches
        are spread evenly from its start; a remainder that flooring the
        cumulative cadence carries into a year flies in it at
        ``max(cadence, launches)``), the same ramp as ``built_fraction``: within
        the horizon exactly when the whole fleet is built (may exceed the
        horizon; ``inf`` where the satellite cannot fly).
        ``satellites``: satellites built (launched within the horizon),
        ``satellites_required``: the full fleet, ``built_fraction``: the
        fraction of the full fleet launched within the horizon [-].
        ``launches``: launches flown (initial fleet + replacements; the
        replacements fly on top of ``launches_per_year``, which caps the
        initial deployment only),
        ``launches_initial``: those of the initial fleet within the horizon, a
        continuous count (the ramp's cumulative launches at the horizon's end,
        pro rata inside a year's launches; whole once the fleet is all up, as
        in every feasible design; the initial launch cost and CO2 follow it),
        ``launches_required``: those the full fleet needs (``inf`` where a
        satellite exceeds the vehicle). Bottom-up, a launch carries whole
        satellites: ``k = floor(min(m_cap, V_fairing * rho) / m_sat)`` of them
        (:func:`orbitcompute.launch.satellites_per_launch`; the volume term only
        with ``stowed_density_kg_per_m3``), the fleet needs
        ``ceil(n_sat / k)`` launches (spread evenly over them) and the
        replacements (``replacement_fraction_per_year * n_sat`` satellites a year
        in service) fly ``k`` to a launch: ``ceil(n_repl / k)`` launches, paid
        per launch at a price per launch, per kg carried at a price per kg.
        Top-down, as McCalip counts them [1]_, the fleet's mass is split freely
        between launches: ``max(ceil(M / m_cap), ceil(M / rho / V_fairing))``.
        ``mass_to_orbit_kg`` (initial fleet built), ``array_area_m2``,
        ``radiator_area_m2``, ``ground_sites`` (optical ground sites built,
        ``ceil(sites * built_fraction)``).
        ``launch_price_usd_per_kg``: the initial fleet's launch cost over its
        mass (the list price after Wright learning; the list price where
        nothing is launched).
        ``satellite_it_power_w`` [W] and ``satellite_mass_kg`` [kg]: one
        satellite's IT power and (wet) mass.
        ``capex_usd`` (satellites without accelerators, launch, ground, NRE,
        shielding), ``accelerator_capex_usd`` (incl. replacements and the
        accelerators' insurance premium; NOT in the totals below: the
        comparison adds accelerators the same way for every placement) and its
        present value ``accelerator_capex_discounted_usd``,
        ``opex_usd_per_year`` (operations, insurance, ground, replacement
        hardware and launches, at full deployment: each per year of the FULL
        fleet in service, also where the cadence builds only part of it (all
        its ground sites; the replacement launches' cost per full-fleet year in
        service); the accelerators' replacements and premium excluded; a
        summary, not used in the totals), ``cost_total_usd`` (=
        capex + opex over the horizon, scaled by the fraction in service;
        infrastructure only), ``cost_total_discounted_usd`` (at
        ``discount_rate``), ``it_energy_mwh_per_year`` (mean over the horizon),
        ``lcoe_usd_per_mwh`` (infrastructure cost per MWh of IT energy,
        levelized at ``discount_rate``; NaN where no energy is delivered within
        the horizon: a design or launch vehicle that cannot fly, or
        ``"horizon"``), ``co2_t_per_year`` (launch CO2 amortized over the
        horizon), ``land_acres`` and ``water_m3_per_year`` (0), and
        ``breakdown.<category>.<item>_usd`` totals over the horizon; those
        outside the ``accelerators`` category sum to ``cost_total_usd``.

        NaN where the satellite design does not close: the counts, masses and
        launches of the fleet and CO2; the costs (and every ``breakdown.*``)
        also where a satellite closes but exceeds the vehicle.

        Mode-specific keys describe the satellite. Both modes, on the same
        bases: ``kg_per_kw`` [kg/kW], one satellite's (wet) mass per kW of its IT
        power, ``satellite_mass_kg / satellite_it_power_w * 1e3`` (top-down this
        is ``mass_to_orbit_kg`` per kW of ``it_power_mw``; bottom-up per kW of
        the IT power one closed satellite carries), and its inverse
        ``specific_power_w_per_kg`` [W of IT per kg]; ``bol_kg_per_kw`` and
        ``bol_specific_power_w_per_kg``, the same per kW (W) of the satellite's
        beginning-of-life power (top-down ``satellite_power_kw``, so
        ``bol_specific_power_w_per_kg`` is the input ``specific_power_w_per_kg``,
        McCalip's and Starcloud's basis; bottom-up ``satellite_bol_power_w``).
        Top-down the IT basis is the input's times ``average_capacity_factor *
        sun_fraction`` (up to the whole-satellite rounding). Only top-down:
        ``average_capacity_factor``, ``fleet_power_w``, ``shielding_mass_kg``;
        only bottom-up: the per-satellite subsystem masses ``satellite_*_mass_kg``,
        ``satellite_dry_mass_kg``, ``satellite_propellant_mass_kg``, areas,
        ``satellite_load_w``, ``satellite_bol_power_w``,
        ``satellite_delta_v_m_per_s``, ``accelerators_per_satellite``,
        ``accelerators_installed_per_satellite``, ``radiator_temperature_k``,
        ``pmad_kg_per_kw``, ``clusters``, ``satellites_per_cluster``, the
        ``crosslink_*`` keys of
        :func:`~orbitcompute.placements._orbital_design.crosslinks` and the
        ground-segment keys ``downlink_traffic_bps``, ``ground_link_rate_bps``,
        ``ground_sites_sized``.

    Raises
    ------
    InputError
        Unknown parameter (with a did-you-mean) or a value out of range,
        naming the parameter; both keywords of a :data:`CONFLICTING_KEYWORDS`
        pair; a stowed density without a fairing volume (given or in the
        vehicle's catalog row) or a fairing volume without a density; an
        ``orbit`` that is not an :class:`~orbitcompute.orbit.Orbit`, or (bottom-up) one
        that is not circular (eccentricity above 0.001); numbers
        that overflow float64 (naming the given input farthest from 1 in
        orders of magnitude); a name in ``outputs`` that is not an output of
        this placement.

    Examples
    --------
    >>> r = orbital_placement(1000, 5, mode="top_down", specific_power_w_per_kg=36.5,
    ...                       cost_usd_per_w=22.0, satellite_power_kw=27.0)
    >>> int(r["satellites"])
    37038
    """
    mode = check_choice("mode", mode, MODES)
    it_mw = check_positive("it_power_mw", it_power_mw, "MW")
    years, start_year = check_horizon(years, start_year)
    util = check_fraction("utilisation", utilisation)
    rate = check_range("discount_rate", discount_rate, 0.0, 1.0, high_inclusive=False)
    keep = _check_outputs(outputs)
    _check_orbit(orbit)
    if mode == "bottom_up":
        _check_circular(orbit)
    orbit_shape = () if orbit is None else orbit.shape
    if orbit_shape:
        # an array orbit broadcasts with the array arguments (named as the caller gave them)
        err = broadcast_error(
            {"it_power_mw": it_power_mw, "utilisation": utilisation,
             "discount_rate": discount_rate, "orbit": np.empty(orbit_shape), **design}
        )  # fmt: skip
        if err is not None:
            raise err
    p = _check_keys(design, mode)
    if p["ground_sites"] is not None:
        p["ground_sites"] = check_count("ground_sites", p["ground_sites"])
    launch = _resolve_launch(p)
    p["_years"] = years
    if mode == "top_down":
        sat = _top_down_satellites(it_mw, p)
    else:
        sat = bottom_up_satellites(it_mw, years, orbit, p)
    return _fleet_economics(it_mw, years, int(start_year), util, rate, p, launch, sat, keep)


def _check_orbit(orbit: Any) -> None:
    """``orbit`` must be an :class:`~orbitcompute.orbit.Orbit` or ``None`` (in both modes)."""
    from orbitcompute.orbit import Orbit

    if orbit is not None and not isinstance(orbit, Orbit):
        raise InputError(
            f"orbit={short_repr(orbit)}: must be an orbitcompute.orbit.Orbit (e.g. "
            "Orbit.sun_synchronous(650.0, 18.0) or Orbit.circular(550.0, 53.0)) or None "
            "for the default"
        )


def _check_circular(orbit: Any) -> None:
    """A bottom-up design closes its satellite in a circular orbit: an eccentric one is an
    InputError that says what to use instead (in a scenario as in Python)."""
    if orbit is None:
        return
    from orbitcompute.orbit import summary as orbit_summary

    bad = orbit_summary._too_eccentric(orbit)
    if bad is not None:
        raise InputError(
            f"orbit.eccentricity={bad:g}: a bottom-up design closes its satellite in a "
            f"circular orbit (eccentricity <= {orbit_summary._ANALYTIC_MAX_ECCENTRICITY:g}: "
            "its eclipse, thermal and drag models are circular-orbit ones); use a circular "
            "or sun-synchronous orbit, or mode='top_down' with the satellite's numbers"
        )


def _check_outputs(outputs: Collection[str] | None) -> frozenset[str] | None:
    """``outputs`` as a set of names (``None``: every output); names are checked at the end."""
    if outputs is None:
        return None
    if (
        isinstance(outputs, str)
        or not isinstance(outputs, Iterable)
        or not all(isinstance(k, str) for k in outputs)
    ):
        raise InputError(f"outputs={outputs!r}: must be a list of output names")
    if not outputs:
        raise InputError("outputs=[]: give at least one output name, or None for all")
    return frozenset(outputs)


def _top_down_satellites(it_mw: np.ndarray, p: dict[str, Any]) -> dict[str, np.ndarray]:
    """Fleet sizing as McCalip's calculator does it [1]_.

    ``avgCF = mean_{y<N} (1 - d)^y``; ``P_req = P_IT / (avgCF * sun_fraction)``;
    ``n_sat = ceil(P_req / P_sat)``; mass ``= n_sat P_sat / (W/kg)``; hardware
    ``= (USD/W) n_sat P_sat``. Starcloud's table [2]_ is the special case of
    no degradation, sun fraction 1 and one 40 MW "satellite", plus its
    shielding line ``kg/kW * P_IT[kW] * USD/kg``.

    A satellite holds whole accelerators, as in the bottom-up mode: where its
    IT power ``P_sat * avgCF * sun_fraction`` (the IT load one satellite
    carries at the sizing above) is below the all-in power of one
    ``accelerator``, the design does not close (``"accelerator_count"``; its
    counts, masses and costs are NaN and ``satellite_it_power_w`` is that IT
    power). The shielding mass is inside the system W/kg, so where it exceeds
    the fleet's mass, ``kg/kW * P_IT[kW] > n_sat P_sat / (W/kg)``, the design
    does not close either (``"shielding_mass"``; ``shielding_mass_kg`` is kept).
    """
    for key in ("specific_power_w_per_kg", "cost_usd_per_w"):
        if p[key] is None:
            raise InputError(f"{key}: required in mode='top_down'")
    w_per_kg = check_positive("specific_power_w_per_kg", p["specific_power_w_per_kg"], "W/kg")
    usd_per_w = check_nonnegative("cost_usd_per_w", p["cost_usd_per_w"], "USD/W")
    sat_w = check_positive("satellite_power_kw", p["satellite_power_kw"], "kW") * 1e3
    sun = check_fraction("sun_fraction", p["sun_fraction"])
    deg = check_range(
        "degradation_per_year", p["degradation_per_year"], 0.0, 1.0, high_inclusive=False
    )
    shield_kg_per_kw = check_nonnegative("shielding_kg_per_kw", p["shielding_kg_per_kw"], "kg/kW")
    shield_usd_per_kg = check_nonnegative(
        "shielding_cost_usd_per_kg", p["shielding_cost_usd_per_kg"], "USD/kg"
    )
    accel = check_nonnegative("accelerator_capex_usd", p["accelerator_capex_usd"], "USD")
    acc_w = _top_down_accelerator_power(p)
    years = p["_years"]
    y = np.arange(years, dtype=float)
    avg_cf = np.mean((1.0 - deg[..., None]) ** y, axis=-1)
    it_w = it_mw * 1e6
    required_w = it_w / (avg_cf * sun)
    # IT power one satellite carries; less than one accelerator's: no whole chip fits
    sat_it_w = sat_w * (avg_cf * sun)
    ok = sat_it_w >= acc_w * (1.0 - 1e-12)
    with np.errstate(over="ignore"):  # a satellite too small to close may overflow the count
        n_sat = ceil_count(required_w / sat_w)
    all_ok = bool(np.all(ok))
    if not all_ok:
        n_sat = np.where(ok, n_sat, np.nan)
    fleet_w = n_sat * sat_w
    mass = fleet_w / w_per_kg
    if p["array_power_w_per_m2"] is None:
        array_area = np.zeros_like(fleet_w)
    else:
        array_area = fleet_w / check_range(
            "array_power_w_per_m2", p["array_power_w_per_m2"], 0.0, _MAX_ARRAY_W_PER_M2,
            low_inclusive=False, unit="W/m2",
            why="an array cannot deliver more than the sunlight on it at perihelion",
        )  # fmt: skip
    if p["radiator_flux_w_per_m2"] is None:
        rad_area = np.zeros_like(it_w)
    else:
        rad_area = it_w / check_positive(
            "radiator_flux_w_per_m2", p["radiator_flux_w_per_m2"], "W/m2"
        )
    shield_mass = shield_kg_per_kw * it_w / 1e3
    # The shielding is part of the mass the system W/kg gives (Starcloud's basis): more
    # shielding than the whole fleet weighs cannot be (at Starcloud's 400 W/kg above
    # 1000 / 400 = 2.5 kg per kW of IT). Where no whole accelerator fits, the mass is
    # NaN (the comparison is False) and "accelerator_count" is the label.
    shield_ok = ~(shield_mass > mass * (1.0 + 1e-12))
    if bool(np.all(shield_ok)):
        design_ok = ok
        binding = np.where(ok, "none", "accelerator_count").astype("<U24")
    else:
        design_ok = ok & shield_ok
        binding = first_label(
            [~ok, ~shield_ok],
            ["accelerator_count", "shielding_mass"],
            "none",
            shape=np.broadcast_shapes(np.shape(ok), np.shape(shield_ok)),
            dtype="<U24",
        )
    hardware = usd_per_w * fleet_w
    sat_mass = sat_w / w_per_kg
    # IT power per satellite: the demand shared by the fleet (where the design closes)
    sat_it = it_w / n_sat if all_ok else np.where(ok, it_w / n_sat, sat_it_w)
    shape = np.broadcast_shapes(np.shape(n_sat), np.shape(design_ok))
    return {
        "satellites": n_sat,
        "satellite_mass_kg": sat_mass,
        "satellite_power_w": sat_w + 0.0 * n_sat,
        "satellite_it_power_w": sat_it,
        "mass_to_orbit_kg": mass,
        "array_area_m2": array_area,
        "radiator_area_m2": rad_area,
        "hardware_usd": hardware,
        "capex_items": {
            "breakdown.capex.satellite_hardware_usd": hardware,
            "breakdown.capex.shielding_usd": shield_mass * shield_usd_per_kg,
        },
        "accelerator_usd": accel,
        "accelerator_replacement_fraction_per_year": np.asarray(0.0),
        "replacement_fraction_per_year": check_range(
            "replacement_fraction_per_year",
            0.0
            if p["replacement_fraction_per_year"] is None
            else p["replacement_fraction_per_year"],
            0.0,
            1.0,
        ),
        "replacement_includes_launch": False,
        # launches from the fleet's mass, split freely between launches, as McCalip
        # counts them (his 294 launches) [1]_
        "whole_satellite_launches": False,
        "design_feasible": np.broadcast_to(design_ok, shape).copy(),
        "design_binding": np.broadcast_to(binding, shape).copy(),
        "extra": {
            # IT basis (both modes): one satellite's mass per kW of its IT power (here
            # = mass_to_orbit_kg per kW of it_power_mw); the input W/kg is per W of
            # satellite (BOL) power: the bol_* outputs
            "specific_power_w_per_kg": sat_it / sat_mass,
            "kg_per_kw": sat_mass / (sat_it / 1e3),
            "bol_specific_power_w_per_kg": w_per_kg + 0.0 * n_sat,
            "bol_kg_per_kw": 1e3 / w_per_kg + 0.0 * n_sat,
            "average_capacity_factor": avg_cf,
            "fleet_power_w": fleet_w,
            "shielding_mass_kg": shield_mass,
        },
    }


def _top_down_accelerator_power(p: dict[str, Any]) -> np.ndarray:
    """All-in power [W] of one of the top-down satellite's accelerators, > 0: the given
    ``accelerator_all_in_power_w``, else the catalog's for ``accelerator``."""
    row = ("accelerator_all_in_power_w", "all_in_power_w", "W")
    cols, _ = accelerator_columns(p, (row,))
    return check_positive(row[0], cols["all_in_power_w"], "W")


def _fleet_economics(
    it_mw: np.ndarray,
    years: int,
    start_year: int,
    util: np.ndarray,
    rate: np.ndarray,
    p: dict[str, Any],
    L: dict[str, Any],
    sat: dict[str, Any],
    keep: frozenset[str] | None = None,
) -> dict[str, np.ndarray]:
    """Launch, deployment ramp, partial build, replacements, costs and the result.

    When the launch cadence cannot deploy the whole fleet within the horizon,
    only the part launched by its end is built and paid for (the fraction
    ``b = launched / needed``): hardware, launches, accelerators, areas and
    mass scale with ``b``, ground sites with ``ceil(sites b)``; NRE does not.
    Operations follow the fleet in service year by year. ``opex_usd_per_year``
    is per year of the full fleet (a summary of the design at full deployment).

    ``sat`` is consumed: the entries only needed here are removed from it so
    that they are freed as soon as they are used (a Monte Carlo's peak memory).
    With ``keep``, only those outputs are returned, and the satellite's
    descriptive outputs not in it are dropped before the fleet is computed.
    """
    design_ok = sat["design_feasible"]
    if keep is not None:
        names = set(sat["extra"])
        sat["extra"] = {k: v for k, v in sat["extra"].items() if k in keep}
    installed = keep is None or "installed_it_mw_by_year" in keep
    out, flies = _fleet_outputs(it_mw, years, start_year, util, rate, p, L, sat, installed)
    if keep is not None:
        names.update(out)
        for k in sorted(keep - names):
            raise InputError(
                f"outputs: {k!r} is not an output of this orbital placement{did_you_mean(k, names)}"
            )
        out = {k: v for k, v in out.items() if k in keep}
    # Arrays that may belong to the caller (inputs passed through unchanged) are copied.
    foreign = {id(v) for v in (it_mw, util, rate, *p.values()) if isinstance(v, np.ndarray)}
    return _assemble(out, design_ok, flies, years, foreign)


#: Why a yearly share of the hardware cost is at most 1 (for the error message).
_PER_YEAR_HINT = "a fraction of the hardware cost per year (0.01 = 1 %/yr), not a percent"


def _fleet_outputs(
    it_mw: np.ndarray,
    years: int,
    start_year: int,
    util: np.ndarray,
    rate: np.ndarray,
    p: dict[str, Any],
    L: dict[str, Any],
    sat: dict[str, Any],
    installed: bool = True,
) -> tuple[dict[str, Any], np.ndarray]:
    """The outputs of :func:`_fleet_economics`, before broadcasting to one shape, and
    where the satellite can fly (its costs are NaN elsewhere, see :func:`_assemble`).
    ``installed``: compute ``installed_it_mw_by_year`` (one more (sample, year) array).

    Year-resolved intermediates are reduced (sums, present values) as soon as
    they are complete and then freed or overwritten in place, so that at most
    four (sample, year) arrays are alive at a time.
    """
    n_sat = sat["satellites"]
    mass = sat.pop("mass_to_orbit_kg")
    payload = L["payload_per_launch_kg"]
    vol_capacity_kg = L["fairing_volume_m3"] * L["stowed_density_kg_per_m3"]
    sat_mass = sat["satellite_mass_kg"]
    # A satellite heavier than the vehicle's payload or its stowed volume cannot fly.
    over_mass = sat_mass > payload * (1.0 + 1e-12)
    over_volume = sat_mass > vol_capacity_kg * (1.0 + 1e-12)
    mass_ok = np.where(np.isfinite(mass), mass, 0.0)
    whole = sat.pop("whole_satellite_launches")
    if whole:
        # Whole satellites per launch (launch.satellites_per_launch on inputs checked
        # already): floor(min(m_cap, V_fairing rho) / m_sat), the stowed volume of one
        # satellite being m_sat / rho. At least 1 where the satellite flies (0 only
        # where over_mass or over_volume, and NaN where the design does not close:
        # 1 there, never used), at most the fleet (finite: a huge count needs 1 launch).
        n_ok = np.where(np.isfinite(n_sat), n_sat, 0.0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            per_launch = floor_count(np.minimum(payload, vol_capacity_kg) / sat_mass)
        per_launch = np.clip(_nan_to_num(per_launch), 1.0, np.maximum(n_ok, 1.0))
        launches_full = ceil_count(n_ok / per_launch)
    else:
        # The fleet's mass split freely between launches (McCalip's count [1]_):
        # launch.launches_needed on inputs checked already (mass, volume >= 0).
        with np.errstate(divide="ignore", invalid="ignore"):
            volume = np.where(
                np.isfinite(L["stowed_density_kg_per_m3"]),
                mass_ok / L["stowed_density_kg_per_m3"],
                0.0,
            )
        fairing = L["fairing_volume_m3"]
        launches_full = launch_mod._launch_count(mass_ok, volume, payload, fairing)[0]
        del volume, fairing

    dev = check_nonnegative("development_years", p["development_years"], "years")
    ramp = deployment_ramp(
        launches_full, L["launches_per_year"], L["growth"], dev, years, installed=installed
    )
    frac = ramp.pop("fraction_by_year")  # of the full fleet, in service
    inst_frac = ramp.pop("installed_fraction_by_year", None)  # the same, at each year's end
    init_by_year = ramp.pop("launches_by_year")
    build = ramp["end_fraction"]  # fraction of the full fleet launched in the horizon
    launched = ramp["launched_in_horizon"]
    # A design that does not close, or a satellite heavier or bulkier than the vehicle
    # takes, cannot fly: nothing of it is built, launched or in service (the *_required
    # outputs keep what the design would need).
    flies = sat["design_feasible"] & ~over_mass & ~over_volume
    grounded = not np.all(flies)
    if grounded:
        build = np.where(flies, build, 0.0)
        launched = np.where(flies, launched, 0.0)
        frac = np.where(flies[..., None], frac, 0.0)
        if inst_frac is not None:
            inst_frac = np.where(flies[..., None], inst_frac, 0.0)
        init_by_year = np.where(flies[..., None], init_by_year, 0.0)
        launches_full = np.where(over_mass | over_volume, np.inf, launches_full)
    df = finance.discount_factors(rate, years)

    def pv(x: np.ndarray) -> np.ndarray:
        return finance.discounted_sum(x, df)

    # Replacements: a fraction of the fleet in service per year.
    repl = sat["replacement_fraction_per_year"]
    service_years = sum_years(frac)
    repl_mass = repl * mass * service_years if sat["replacement_includes_launch"] else 0.0 * mass
    with np.errstate(divide="ignore", invalid="ignore"):
        mass_per_launch = np.where(launches_full > 0, mass_ok / launches_full, 0.0)
        repl_launch_equiv = np.where(mass_per_launch > 0, repl_mass / mass_per_launch, 0.0)
        sy = np.where(service_years > 0, service_years, 1.0)
        repl_by_year = repl_launch_equiv[..., None] * frac
        repl_by_year /= sy[..., None]
    del mass_ok
    if whole:
        # Replacement satellites fly in full loads of whole satellites: the launch
        # count, and with a price per launch the cost, of ceil(repl * n_sat * service
        # years / per_launch) whole launches (the launch-equivalents above carry the
        # initial fleet's mean mass per launch, which sets the mass for the price per
        # kg and the Wright learning; repl_scale converts them to whole launches).
        repl_sats = repl * n_ok * service_years
        repl_launches = ceil_count(_nan_to_num(repl_sats) / per_launch)
        with np.errstate(divide="ignore", invalid="ignore"):
            equiv_ok = repl_launch_equiv > 0
            repl_scale = np.where(
                equiv_ok, repl_launches / np.where(equiv_ok, repl_launch_equiv, 1.0), 0.0
            )
        del repl_sats, n_ok, per_launch, equiv_ok
    else:
        repl_launches = ceil_count(_nan_to_num(repl_mass) / np.minimum(payload, vol_capacity_kg))
        repl_scale = None
    del repl_mass, repl_launch_equiv

    # Launch cost by year (orbitcompute.launch): Wright learning, each launch on the
    # program's cumulative launched mass before it.
    if L["per_launch"]:
        price_per_launch = L["price_usd_per_launch"] + 0.0 * mass_per_launch
    else:
        price_per_launch = L["price_usd_per_kg"] * mass_per_launch
    total_by_year = _nan_to_num(repl_by_year)
    del repl_by_year
    total_by_year = np.add(init_by_year, total_by_year, out=_out(total_by_year, init_by_year))
    lead = np.broadcast_shapes(np.shape(price_per_launch), total_by_year.shape[:-1])
    # launch.launch_cost_by_year_usd on values checked already (launch counts, masses
    # and prices >= 0 by construction; reference mass and learning rate by _resolve_launch)
    cost_launch_by_year = launch_mod._launch_cost_core(
        np.broadcast_to(total_by_year, (*lead, years)),
        np.broadcast_to(_nan_to_num(price_per_launch), lead),
        np.broadcast_to(_nan_to_num(mass_per_launch), lead),
        L["learning_reference_kg"],
        L["learning_rate"],
    )
    del price_per_launch, mass_per_launch
    # Initial-fleet share of the launches, then the launch cost split, in place:
    # where(total > 0, init / total, 0) * cost, and cost minus that.
    positive = total_by_year > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share_init = np.divide(init_by_year, total_by_year, out=total_by_year)
    del total_by_year
    if not positive.all():
        np.copyto(share_init, 0.0, where=~positive)
    del positive
    init_launch_by_year = np.multiply(
        cost_launch_by_year, share_init, out=_out(share_init, cost_launch_by_year)
    )
    del share_init
    launch_init_usd = sum_years(init_launch_by_year)
    repl_launch_by_year = np.subtract(
        cost_launch_by_year, init_launch_by_year, out=_out(init_launch_by_year, cost_launch_by_year)
    )
    del init_launch_by_year
    launch_repl_total_usd = sum_years(repl_launch_by_year)
    pv_launch = pv(cost_launch_by_year)
    del cost_launch_by_year
    if repl_scale is not None and L["per_launch"]:
        # whole replacement launches at a price per launch: repl_scale (whole launches
        # over launch-equivalents) times the launch-equivalents' cost, year by year
        # (a year's launches at their mean learned price)
        pv_launch = pv_launch - (1.0 - repl_scale) * pv(repl_launch_by_year)
        launch_repl_total_usd = launch_repl_total_usd * repl_scale
    del repl_launch_by_year, repl_scale

    # Profiles by year of the cash flows: hardware with its launches (the built
    # share, in place of the launches), operations with the fleet in service.
    with np.errstate(divide="ignore", invalid="ignore"):
        all_launched = bool(np.all(launched > 0))
        den = launched if all_launched else np.where(launched > 0, launched, 1.0)
        built_share_by_year = np.divide(
            init_by_year, den[..., None], out=_out(init_by_year, den[..., None])
        )
        if not all_launched:
            np.copyto(built_share_by_year, 0.0, where=~(launched[..., None] > 0))
        del den, init_by_year
        all_built = bool(np.all(build > 0))
        den = build if all_built else np.where(build > 0, build, 1.0)
        in_service = frac / den[..., None]
        np.minimum(in_service, 1.0, out=in_service)
        if not all_built:
            np.copyto(in_service, 0.0, where=~(build[..., None] > 0))
        del den
    # Cash flows by year are sums of per-sample amounts times year profiles (the built
    # share, the in-service fraction, the ground segment's share, NRE in year 0) plus the
    # launch costs by year; totals and present values are therefore the amounts times
    # each profile's sum and present value, without building the (sample, year) sums.
    pv_built = pv(built_share_by_year)
    del built_share_by_year
    pv_service = pv(in_service)
    in_service_years = sum_years(in_service)
    del in_service
    pv_frac = pv(frac)
    # delivered IT power by year, in place of the fraction in service
    delivered_by_year = np.multiply(it_mw[..., None], frac, out=_out(frac, it_mw[..., None]))
    del frac

    # Ground segment (scaled to the built fleet).
    sites_full = check_nonnegative("ground_sites", p["ground_sites"])
    sites = ceil_count(sites_full * build)
    site_capex = check_nonnegative("ground_site_capex_usd", _bus(p, "ground_site_capex_usd"), "USD")
    site_opex = check_nonnegative(
        "ground_site_opex_usd_per_year", _bus(p, "ground_site_opex_usd_per_year"), "USD/yr"
    )
    nre = check_nonnegative("nre_usd", p["nre_usd"], "USD")
    # Yearly shares of the hardware's value, at most 1: operations costing more than the
    # hardware each year (rebuilding it yearly), or a premium above the insured value
    # each year (more than an insurer can pay out in that year), is not operations or
    # insurance; a larger number is a percent typed as a whole number (5 for 5 %/yr).
    ops = check_range(
        "operations_fraction_per_year", p["operations_fraction_per_year"], 0.0, 1.0,
        unit="1/yr", why=_PER_YEAR_HINT,
    )  # fmt: skip
    ins = check_range(
        "insurance_fraction_per_year", p["insurance_fraction_per_year"], 0.0, 1.0,
        unit="1/yr", why=_PER_YEAR_HINT,
    )  # fmt: skip

    hardware_full = sat.pop("hardware_usd")
    accel_full = sat.pop("accelerator_usd")
    accel = accel_full * build
    capex_items = {k: v * build for k, v in sat.pop("capex_items").items()}
    capex_items["breakdown.capex.launch_usd"] = launch_init_usd
    capex_items["breakdown.capex.ground_segment_usd"] = sites * site_capex
    capex_items["breakdown.capex.nre_usd"] = nre + 0.0 * (hardware_full * build)
    capex = sum(capex_items.values())
    capex_hw = capex - capex_items["breakdown.capex.nre_usd"] - launch_init_usd

    # Per year at full deployment of the FULL fleet; multiplied by the in-service
    # fraction of the full fleet year by year (so a partial build pays for what flies).
    # The insurance premium on the accelerators goes with them (accelerator_capex_usd),
    # outside the infrastructure total.
    opex_full = {
        "breakdown.opex.operations_usd": ops * hardware_full,
        "breakdown.opex.insurance_usd": ins * hardware_full,
        "breakdown.replacement.hardware_usd": repl * hardware_full,
    }
    del hardware_full
    ground_opex = sites * site_opex
    # opex_usd_per_year: every item per year of the FULL fleet (at full deployment):
    # its ground sites, and the replacement launches per full-fleet year in service
    opex_usd_per_year = sum(opex_full.values())
    opex_usd_per_year = opex_usd_per_year + sites_full * site_opex
    opex_usd_per_year = opex_usd_per_year + launch_repl_total_usd / sy
    del sy, sites_full
    acc_repl_full = sat["accelerator_replacement_fraction_per_year"] * accel_full
    acc_ins_full = ins * accel_full
    del accel_full
    acc_year_full = acc_repl_full + acc_ins_full
    accelerator_capex = accel + acc_year_full * service_years

    fleet_opex_full = sum(opex_full.values())
    cost_disc = capex_hw * pv_built
    del capex_hw
    cost_disc = cost_disc + pv_launch
    del pv_launch
    cost_disc = cost_disc + nre * df[..., 0]
    cost_disc = cost_disc + fleet_opex_full * pv_frac
    del fleet_opex_full
    cost_disc = cost_disc + ground_opex * pv_service
    del pv_service
    accel_disc = accel * pv_built + acc_year_full * pv_frac
    del acc_year_full
    del pv_built
    opex_totals = {k: v * service_years for k, v in opex_full.items()}
    del opex_full
    opex_totals["breakdown.opex.ground_segment_usd"] = ground_opex * in_service_years
    del ground_opex, in_service_years
    opex_totals["breakdown.replacement.launch_usd"] = launch_repl_total_usd
    cost_total = capex + sum(opex_totals.values())
    energy_pv = it_mw * util * HOURS_PER_YEAR * pv_frac
    del pv_frac
    with np.errstate(divide="ignore", invalid="ignore"):
        # finance.levelized_cost on the same present values [Short et al. 1995, eq. 5-1]
        lcoe = np.where(energy_pv > 0, cost_disc / np.where(energy_pv > 0, energy_pv, 1.0), np.nan)
    # No power before the horizon ends (development as long as the study): nothing is
    # served within it and the levelized costs are undefined.
    late = ~(energy_pv > 0)
    del energy_pv

    # Feasibility and the binding constraint (first that fails, design first).
    design_ok = sat["design_feasible"]
    # the fleet is all up within the horizon (the ramp's last launch flies by its end)
    cadence_ok = build >= 1.0 - 1e-9
    feasible = flies & ~late & cadence_ok
    binding = _binding(
        design_ok, sat.pop("design_binding"), over_mass, over_volume, late, cadence_ok
    )
    del over_mass, over_volume, late, cadence_ok
    max_feasible = it_mw * build  # nothing is built of a design that cannot fly
    # first power: the first launch of the ramp (may lie beyond the horizon: "horizon")
    first_power = ramp.pop("time_to_first_years") + 0.0 * it_mw
    if grounded:
        first_power = np.where(flies, first_power, np.inf)
    launches = launched + repl_launches
    del repl_launches

    out: dict[str, Any] = {
        "feasible": feasible,
        "binding_constraint": binding,
        "max_feasible_it_mw": max_feasible,
        "delivered_it_mw": np.minimum(it_mw, max_feasible),
        "year": start_year + np.arange(years),
        "delivered_it_mw_by_year": delivered_by_year,
        "time_to_first_power_years": first_power,
        "time_to_full_power_years": np.where(flies, ramp.pop("time_to_full_years"), np.inf),
        "satellites": ceil_count(n_sat * build),
        "satellites_required": n_sat,
        "built_fraction": build,
        "launches": launches,
        "launches_initial": launched,
        "launches_required": launches_full,
        "mass_to_orbit_kg": mass * build,
        "array_area_m2": sat.pop("array_area_m2") * build,
        "radiator_area_m2": sat.pop("radiator_area_m2") * build,
        "ground_sites": sites,
        "capex_usd": capex,
        "accelerator_capex_usd": accelerator_capex,
        "accelerator_capex_discounted_usd": accel_disc,
        "opex_usd_per_year": opex_usd_per_year,
        "cost_total_usd": cost_total,
        "cost_total_discounted_usd": cost_disc,
        "it_energy_mwh_per_year": it_mw * util * HOURS_PER_YEAR * service_years / years,
        "lcoe_usd_per_mwh": lcoe,
        "co2_t_per_year": launches * L["co2_t_per_launch"] / years,
        "land_acres": 0.0 * it_mw,
        "water_m3_per_year": 0.0 * it_mw,
        "satellite_mass_kg": sat_mass,
        "satellite_it_power_w": sat["satellite_it_power_w"],
    }
    del mass, max_feasible
    if inst_frac is not None:
        # IT power in service at the end of each year; the last is it_mw * end_fraction,
        # the same product as delivered_it_mw (= it_mw * build)
        out["installed_it_mw_by_year"] = np.multiply(
            it_mw[..., None], inst_frac, out=_out(inst_frac, it_mw[..., None])
        )
    del inst_frac
    with np.errstate(divide="ignore", invalid="ignore"):
        built_mass = out["mass_to_orbit_kg"]
        out["launch_price_usd_per_kg"] = np.where(
            built_mass > 0, launch_init_usd / np.where(built_mass > 0, built_mass, 1.0),
            L["price_usd_per_kg"],
        )  # fmt: skip
    out.update(capex_items)
    out["breakdown.accelerators.initial_usd"] = accel + 0.0 * it_mw
    out["breakdown.accelerators.replacement_usd"] = acc_repl_full * service_years
    out["breakdown.accelerators.insurance_usd"] = acc_ins_full * service_years
    out.update(opex_totals)
    out.update(sat["extra"])
    return out, flies


#: Cost outputs (and every ``breakdown.*``), NaN where nothing can fly: no fleet,
#: no fleet costs, as for a design that does not close.
_COST_KEYS = (
    "capex_usd",
    "accelerator_capex_usd",
    "accelerator_capex_discounted_usd",
    "opex_usd_per_year",
    "cost_total_usd",
    "cost_total_discounted_usd",
    "lcoe_usd_per_mwh",
)


def _out(x: np.ndarray, *others: Any) -> np.ndarray | None:
    """``x`` as the ``out=`` target of an operation with ``others``, else ``None``.

    ``x`` (a float array of this call's own) when the result has its shape and it
    is writeable; ``None`` (numpy then makes a new array) otherwise.
    """
    shape = np.broadcast_shapes(x.shape, *(np.shape(o) for o in others))
    return x if shape == x.shape and x.dtype == np.float64 and x.flags.writeable else None


def _assemble(
    out: dict[str, Any], design_ok: np.ndarray, flies: np.ndarray, years: int, foreign: set[int]
) -> dict[str, np.ndarray]:
    """Every output broadcast to a common shape, NaN where the design fails.

    :data:`_NAN_WHEN_INFEASIBLE` outputs are NaN where the design does not close;
    the costs among them (:data:`_COST_KEYS`, ``breakdown.*``) also where the
    satellite closes but cannot fly (``flies`` is within ``design_ok``).

    ``out`` is emptied as its entries move to the result (an input copied to the
    result is released at once).
    """
    shape = np.broadcast_shapes(
        *{np.shape(v) for k, v in out.items() if k not in _YEAR_KEYS and k != "year"}
    )
    bad = ~np.broadcast_to(design_ok, shape)
    any_bad = bool(np.any(bad))
    grounded = ~np.broadcast_to(flies, shape)
    any_grounded = bool(np.any(grounded))
    # Arrays built in this call may be returned as they are (no copy) when they already
    # have the output shape and dtype; arrays that may belong to the caller (inputs
    # passed through unchanged), read-only (cached) arrays, views and arrays returned
    # under two keys are copied.
    foreign = set(foreign)
    seen: set[int] = set()
    for v in out.values():
        (foreign if id(v) in seen else seen).add(id(v))
    result: dict[str, np.ndarray] = {}
    for k in list(out):
        v = out.pop(k)
        if k == "year":
            result[k] = np.asarray(v)
            continue
        tgt = (*shape, years) if k in _YEAR_KEYS else shape
        nan_key = k in _NAN_WHEN_INFEASIBLE or k.startswith("breakdown.")
        v = np.asarray(v)
        if (
            v.shape == tgt
            and v.size >= _NO_COPY_MIN_SIZE
            and (v.dtype == np.float64 or not nan_key)
            and v.flags.owndata
            and v.flags.writeable
            and id(v) not in foreign
        ):
            arr = v
        elif v.shape == tgt:
            arr = np.array(v, dtype=float if nan_key else None)
        else:
            arr = np.empty(tgt, dtype=float if nan_key else v.dtype)
            arr[...] = v
        del v
        cost_key = k in _COST_KEYS or k.startswith("breakdown.")
        if nan_key and (any_grounded if cost_key else any_bad):
            mask = grounded if cost_key else bad
            np.copyto(arr, np.nan, where=mask[..., None] if k in _YEAR_KEYS else mask)
        result[k] = arr
    return result


#: Below this size an output array is always copied (cheap); above, fresh arrays are kept.
_NO_COPY_MIN_SIZE = 64


def _binding(
    design_ok: np.ndarray,
    design_binding: np.ndarray,
    over_mass: np.ndarray,
    over_volume: np.ndarray,
    late: np.ndarray,
    cadence_ok: np.ndarray,
) -> np.ndarray:
    """First failing constraint (design first), ``"none"`` when feasible.

    The design's own label where it fails, else the first failing launch constraint:
    written into ``design_binding`` itself when that is an array of this call's own
    with the result's shape and dtype (it is not used afterwards), else into a copy.
    """
    conditions = [over_mass, over_volume, late, ~cadence_ok]
    shape = np.broadcast_shapes(
        np.shape(design_ok), np.shape(design_binding), *(np.shape(c) for c in conditions)
    )
    out = design_binding
    if not (
        isinstance(out, np.ndarray)
        and out.shape == shape
        and out.dtype == np.dtype("<U24")
        and out.flags.owndata
        and out.flags.writeable
    ):
        out = np.array(np.broadcast_to(design_binding, shape), dtype="<U24")
    return first_label(
        conditions,
        ["vehicle_payload", "vehicle_volume", "horizon", "launch_cadence"],
        "none",
        shape=shape,
        out=out,
        where=design_ok,
    )


_YEAR_KEYS = {"delivered_it_mw_by_year", "installed_it_mw_by_year"}

#: Outputs of every orbital placement, in both modes (``outputs=`` may name any of them).
COMMON_OUTPUTS = frozenset(
    {
        "accelerator_capex_discounted_usd",
        "accelerator_capex_usd",
        "array_area_m2",
        "binding_constraint",
        "built_fraction",
        "capex_usd",
        "co2_t_per_year",
        "cost_total_discounted_usd",
        "cost_total_usd",
        "delivered_it_mw",
        "delivered_it_mw_by_year",
        "feasible",
        "ground_sites",
        "installed_it_mw_by_year",
        "it_energy_mwh_per_year",
        "land_acres",
        "launch_price_usd_per_kg",
        "launches",
        "launches_initial",
        "launches_required",
        "lcoe_usd_per_mwh",
        "mass_to_orbit_kg",
        "max_feasible_it_mw",
        "opex_usd_per_year",
        "radiator_area_m2",
        "satellite_it_power_w",
        "satellite_mass_kg",
        "satellites",
        "satellites_required",
        "time_to_first_power_years",
        "time_to_full_power_years",
        "water_m3_per_year",
        "year",
    }
)
_NAN_WHEN_INFEASIBLE = {
    *_COST_KEYS,
    "co2_t_per_year",
    "launches",
    "launches_initial",
    "launches_required",
    "satellites_required",
    "mass_to_orbit_kg",
    "satellites",
    "satellite_mass_kg",
    "specific_power_w_per_kg",
    "kg_per_kw",
    "bol_specific_power_w_per_kg",
    "bol_kg_per_kw",
}


#: Every keyword a scenario's ``[[orbital]]`` block may set (both modes).
ACCEPTED_KEYWORDS = frozenset(
    {"orbit", "mode", "utilisation", "discount_rate"}
    | set(SHARED_DEFAULTS)
    | set(TOP_DOWN_DEFAULTS)
    | set(BOTTOM_UP_DEFAULTS)
)

#: Keywords that choose something by name or table (an orbit, a catalog entry, a
#: mode, a heat-pump design) rather than take a number: they cannot be sampled,
#: swept or scanned.
CHOICE_KEYWORDS = frozenset(
    {
        "orbit",
        "mode",
        "launch_vehicle",
        "accelerator",
        "array",
        "battery",
        "radiator",
        "coating",
        "heat_pump",
        "crosslink_terminal",
        "downlink_terminal",
        "ground_terminal",
    }
)
