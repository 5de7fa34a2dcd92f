"""On-site generation: gas turbines (fuel, CO2) and round-the-clock solar plus storage.

Pure functions on numpy arrays; the catalog numbers live in ``data/generation.csv``
and ``data/terrestrial_defaults.csv``.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    check_nonnegative,
    check_positive,
    check_range,
    guarded,
)
from orbitcompute.errors import InputError

__all__ = [
    "LB_TO_KG",
    "SOLAR_PV_CAPEX_SHARE",
    "gas_co2_t_per_mwh",
    "gas_fuel_cost_usd_per_mwh",
    "gas_technologies",
    "solar_storage_sizing",
    "technology",
]

LB_TO_KG = 0.45359237  # exact, international avoirdupois pound

#: Share of the round-the-clock solar capex (``data/generation.csv``, row
#: ``solar_storage_rtc``) that pays for the PV, the rest paying for the storage: an
#: ESTIMATE (``orbitcompute_estimate``, see that row's note). Masdar's split between
#: PV and batteries is not published, and no sourced utility PV USD/W or storage USD/kWh
#: was found (``research/terrestrial.md``, "Not found"); 0.5 is the midpoint of the two
#: bounds, 0 (all storage: the capex does not depend on the site's capacity factor) and
#: 1 (all PV: the capex scales with the PV). Used by :func:`solar_storage_sizing`.
SOLAR_PV_CAPEX_SHARE = 0.5


@cache
def _technologies() -> dict[str, str]:
    """Technology names of ``data/generation.csv`` -> their kind (``gas``, ``solar``)."""
    names = catalog.names("generation")
    return {n: str(catalog.get("generation", n)["technology"]) for n in names}


def gas_technologies() -> list[str]:
    """Names of the gas-turbine technologies in ``data/generation.csv``."""
    return [n for n, kind in _technologies().items() if kind == "gas"]


@guarded("the technology's numbers")
def technology(name: str) -> dict[str, float]:
    """Numbers of one generation technology from ``data/generation.csv`` as floats.

    Parameters
    ----------
    name : str
        Technology name, e.g. ``"ccgt"`` or ``"solar_storage_rtc"``.

    Returns
    -------
    dict
        ``capex_usd_per_kw``, ``lead_time_years`` and ``heat_rate_btu_per_kwh``
        (a new dict each call; the catalog read is cached). For
        ``"solar_storage_rtc"`` the capex is per kW of round-the-clock output of the
        reference plant (Masdar: 5 MWac of PV and 19 h of storage per MW) and holds
        only at the reference capacity factor (0.244); at another site's capacity
        factor :func:`solar_storage_sizing` scales its PV part with the PV.

    Raises
    ------
    InputError
        ``name`` is not one technology name of the catalog (a list or array of
        names is not one name; a numpy string is a name).
    """
    return dict(_technology(catalog.check_name("name", name, "generation")))


@cache
def _technology(name: str) -> dict[str, float]:
    rec = catalog.get("generation", name)
    return {
        c: float(rec[c]) for c in ("capex_usd_per_kw", "lead_time_years", "heat_rate_btu_per_kwh")
    }


@guarded("the fuel costs")
def gas_fuel_cost_usd_per_mwh(
    heat_rate_btu_per_kwh: float | np.ndarray, gas_price_usd_per_mmbtu: float | np.ndarray
) -> np.ndarray:
    """Fuel cost per MWh of electricity [USD/MWh].

    ``c = HR [Btu/kWh] * 1000 kWh/MWh / 1e6 Btu/MMBtu * price [USD/MMBtu]
    = HR * price / 1000``; e.g. 6200 Btu/kWh at 4.30 USD/MMBtu gives 26.66 USD/MWh.

    Parameters
    ----------
    heat_rate_btu_per_kwh : float or ndarray
        Heat rate of the turbine [Btu of fuel per kWh of electricity], >= 0, on the
        heating-value basis of the price (HHV for US prices). The catalog's heat
        rates are 3412 / efficiency with efficiencies whose basis the source does not
        state (OEM figures are usually LHV): if LHV, the fuel cost is understated by
        about 10 % (see ``data/generation.csv``).
    gas_price_usd_per_mmbtu : float or ndarray
        Natural gas price [USD/MMBtu], >= 0.

    Returns
    -------
    ndarray
        Fuel cost [USD/MWh of electricity], the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A negative or non-finite input, arrays that do not broadcast together, or
        a product that overflows float64 (an input far too large).

    References
    ----------
    .. [1] EIA, "How much coal, natural gas, or petroleum is used to generate a
       kilowatthour of electricity?" (heat rate definition), Electric Power Annual.
    """
    hr = check_nonnegative("heat_rate_btu_per_kwh", heat_rate_btu_per_kwh, "Btu/kWh")
    g = check_nonnegative("gas_price_usd_per_mmbtu", gas_price_usd_per_mmbtu, "USD/MMBtu")
    return _gas_fuel_cost_usd_per_mwh(hr, g)


def _gas_fuel_cost_usd_per_mwh(hr: np.ndarray, g: np.ndarray) -> np.ndarray:
    """:func:`gas_fuel_cost_usd_per_mwh` of validated inputs (no checks)."""
    return hr * g / 1000.0


@guarded("the CO2 emissions per MWh")
def gas_co2_t_per_mwh(
    heat_rate_btu_per_kwh: float | np.ndarray, co2_lb_per_mmbtu: float | np.ndarray = 117.0
) -> np.ndarray:
    """CO2 per MWh of gas-fired electricity [t/MWh].

    ``e = HR/1000 [MMBtu/MWh] * f [lb/MMBtu] * 0.45359237 / 1000``; at 9750 Btu/kWh,
    ``0.52 t/MWh``.

    Parameters
    ----------
    heat_rate_btu_per_kwh : float or ndarray
        Heat rate of the turbine [Btu of fuel per kWh of electricity], >= 0, on the
        heating-value basis of the emission factor (HHV for EIA's 117 lb/MMBtu); the
        catalog's heat rates may be LHV-based, which would understate CO2 by about
        10 % (see ``data/generation.csv``).
    co2_lb_per_mmbtu : float or ndarray
        CO2 emission factor of the fuel [lb CO2/MMBtu], >= 0; 117 for natural gas.

    Returns
    -------
    ndarray
        CO2 emitted [t/MWh of electricity], the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A negative or non-finite input, arrays that do not broadcast together, or
        a product that overflows float64 (an input far too large).

    References
    ----------
    .. [1] EIA Electric Power Annual, Table A.3: natural gas 117 lb CO2/MMBtu; EIA FAQ
       id=74 (heat rate times emission factor).
    """
    hr = check_nonnegative("heat_rate_btu_per_kwh", heat_rate_btu_per_kwh, "Btu/kWh")
    f = check_nonnegative("co2_lb_per_mmbtu", co2_lb_per_mmbtu, "lb/MMBtu")
    return _gas_co2_t_per_mwh(hr, f)


def _gas_co2_t_per_mwh(hr: np.ndarray, f: np.ndarray) -> np.ndarray:
    """:func:`gas_co2_t_per_mwh` of validated inputs (no checks)."""
    return hr / 1000.0 * f * LB_TO_KG / 1000.0


@guarded("the solar and storage sizes")
def solar_storage_sizing(
    rtc_power_mw: float | np.ndarray,
    solar_capacity_factor: float | np.ndarray,
    *,
    pv_mwac_per_rtc_mw_ref: float | np.ndarray = 5.0,
    reference_capacity_factor: float | np.ndarray = 0.244,
    storage_hours: float | np.ndarray = 19.0,
    acres_per_mwac: float | np.ndarray = 8.9,
    capex_usd_per_kw_ref: float | np.ndarray = 6000.0,
    pv_capex_share: float | np.ndarray = SOLAR_PV_CAPEX_SHARE,
) -> dict[str, np.ndarray]:
    """PV, storage, land and capital cost of a round-the-clock (RTC) solar supply.

    The PV-to-load ratio is scaled from a built reference (Masdar, UAE: 5 GW PV and
    19 GWh of storage for 1 GW continuous) by the ratio of capacity factors, since the
    energy a PV plant yields scales with its capacity factor:
    ``PV = P_rtc * R_ref * CF_ref / CF_site``; storage ``E = P_rtc * h``; land
    ``A = PV * acres_per_MWac`` (NREL total area).

    The capex follows the sizing: of the reference plant's ``c_ref`` per kW of RTC
    output, the share ``s`` that pays for its PV scales with the PV, the rest (its
    storage, the same ``P_rtc * h`` at any capacity factor) does not:
    ``C = P_rtc * c_ref * (1 + s (CF_ref - CF_site) / CF_site)``
    ``= P_rtc * c_ref * ((1 - s) + s CF_ref / CF_site)``, i.e. PV at ``s c_ref / R_ref``
    per kWac and storage at ``(1 - s) c_ref / h`` per kWh. At the reference capacity
    factor ``C = P_rtc * c_ref`` exactly. E.g. 1000 MW at CF 0.122, half the reference
    0.244: twice the PV, 10,000 MWac, and ``1e6 kW * 6000 USD/kW * (0.5 + 0.5 * 2)
    = 9.0e9 USD`` instead of 6.0e9.

    ``pv_mwac_per_rtc_mw_ref``, ``storage_hours`` and ``capex_usd_per_kw_ref``
    describe one reference plant: the capex depends on its ratio and hours only
    through its price, so a caller who changes them (another plant) gives that plant's
    ``capex_usd_per_kw_ref`` with them.

    Parameters
    ----------
    rtc_power_mw : float or ndarray
        Continuous (round-the-clock) power to supply [MW], >= 0.
    solar_capacity_factor : float or ndarray
        The site's PV capacity factor [-], in (0, 1].
    pv_mwac_per_rtc_mw_ref : float or ndarray
        PV per MW of continuous supply at the reference plant [MWac/MW], > 0.
    reference_capacity_factor : float or ndarray
        The reference plant's PV capacity factor [-], in (0, 1]; default 0.244, the
        catalog's ``solar_reference_capacity_factor`` (EIA 2021 US utility PV
        average, the UAE value not being found).
    storage_hours : float or ndarray
        Storage per MW of continuous supply [h], >= 0.
    acres_per_mwac : float or ndarray
        Land per MWac of PV [acre/MWac], >= 0.
    capex_usd_per_kw_ref : float or ndarray
        Capital cost of the reference plant per kW of round-the-clock output
        [USD/kW], >= 0, at ``reference_capacity_factor``; default 6000, the
        catalog's ``solar_storage_rtc`` row (Masdar: about USD 6 billion for
        1 GW continuous).
    pv_capex_share : float or ndarray
        Share ``s`` of ``capex_usd_per_kw_ref`` that pays for the PV, in [0, 1]
        (0: the capex does not depend on the capacity factor; 1: it scales with the
        PV); default :data:`SOLAR_PV_CAPEX_SHARE`, 0.5, an ESTIMATE: Masdar's split
        between PV and storage is not published.

    Returns
    -------
    dict
        ``pv_mwac`` [MWac], ``storage_mwh`` [MWh], ``land_acres`` [acre],
        ``acres_per_rtc_mw`` [acre/MW] and ``capex_usd`` [USD], each an array of
        the broadcast shape of all the inputs.

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a
        result that overflows float64 (the message names the most extreme factor).

    References
    ----------
    .. [1] Swift Solar (2025), "AGI will be solar powered" (Masdar 5 GW + 19 GWh -> 1 GW,
       about USD 6/W).
    .. [2] Ong, S. et al. (2013), Land-Use Requirements for Solar Power Plants in the
       United States, NREL/TP-6A20-56290: 8.9 acres/MWac total area.
    """
    p = check_nonnegative("rtc_power_mw", rtc_power_mw, "MW")
    cf = check_range("solar_capacity_factor", solar_capacity_factor, 0.0, 1.0, low_inclusive=False)
    ratio = check_positive("pv_mwac_per_rtc_mw_ref", pv_mwac_per_rtc_mw_ref)
    cf_ref = check_range(
        "reference_capacity_factor", reference_capacity_factor, 0.0, 1.0, low_inclusive=False
    )
    h = check_nonnegative("storage_hours", storage_hours, "h")
    a = check_nonnegative("acres_per_mwac", acres_per_mwac, "acre/MWac")
    c = check_nonnegative("capex_usd_per_kw_ref", capex_usd_per_kw_ref, "USD/kW")
    share = check_range("pv_capex_share", pv_capex_share, 0.0, 1.0)
    given = (p, cf, ratio, cf_ref, h, a, c, share)
    shape = np.broadcast_shapes(*(v.shape for v in given))
    # reported below, naming the most extreme factor (invalid: 0 MW times an
    # overflowing PV ratio is NaN)
    with np.errstate(over="ignore", invalid="ignore"):
        out = _solar_storage_sizing(*given)
    for key, v in out.items():
        if not np.all(np.isfinite(v)):
            raise _sizing_overflow(key, p=p, cf=cf, ratio=ratio, cf_ref=cf_ref, h=h, a=a, c=c)
        if np.shape(v) != shape:  # every output has the shape of all the inputs
            out[key] = np.broadcast_to(v, shape).copy()
    return out


def _solar_storage_sizing(
    p: np.ndarray,
    cf: np.ndarray,
    ratio: np.ndarray,
    cf_ref: np.ndarray,
    h: np.ndarray,
    a: np.ndarray,
    c: np.ndarray,
    share: np.ndarray,
) -> dict[str, np.ndarray]:
    """:func:`solar_storage_sizing` of validated inputs (no checks, no broadcasting of
    the outputs to one shape): the one place of its formulas, which the terrestrial
    placement calls too."""
    pv_per_rtc = ratio * cf_ref / cf
    pv = p * pv_per_rtc
    return {
        "pv_mwac": pv,
        "storage_mwh": p * h,
        "land_acres": pv * a,
        "acres_per_rtc_mw": pv_per_rtc * a,
        # (CF_ref - CF) / CF rather than CF_ref / CF - 1: exactly 0 at the reference,
        # and 0 (not 0 * inf) for a zero share
        "capex_usd": p * c * (1.0 + share * (cf_ref - cf) / cf) * 1e3,
    }


def _sizing_overflow(key: str, **x: np.ndarray) -> InputError:
    """The error for an overflow in :func:`solar_storage_sizing`'s output ``key``.

    The factors of that output are ranked by how far they push it up (a large
    multiplier, or a small capacity factor, the divisor), and the most extreme is
    named first.
    """
    up = {  # parameter -> (its variable in x, its exponent in the outputs)
        "rtc_power_mw": ("p", 1),
        "pv_mwac_per_rtc_mw_ref": ("ratio", 1),
        "reference_capacity_factor": ("cf_ref", 1),
        "solar_capacity_factor": ("cf", -1),
        "storage_hours": ("h", 1),
        "acres_per_mwac": ("a", 1),
        "capex_usd_per_kw_ref": ("c", 1),
    }
    uses = {
        "pv_mwac": ("rtc_power_mw", "pv_mwac_per_rtc_mw_ref", "reference_capacity_factor",
                    "solar_capacity_factor"),
        "storage_mwh": ("rtc_power_mw", "storage_hours"),
        "land_acres": ("rtc_power_mw", "pv_mwac_per_rtc_mw_ref", "reference_capacity_factor",
                       "solar_capacity_factor", "acres_per_mwac"),
        "acres_per_rtc_mw": ("pv_mwac_per_rtc_mw_ref", "reference_capacity_factor",
                             "solar_capacity_factor", "acres_per_mwac"),
        "capex_usd": ("rtc_power_mw", "capex_usd_per_kw_ref", "reference_capacity_factor",
                      "solar_capacity_factor"),
    }[key]  # fmt: skip
    ranked = []
    for name in uses:
        var, sign = up[name]
        arr = x[var]
        v = float(arr.max() if sign > 0 else arr.min())
        push = sign * math.log10(v) if v > 0 else -math.inf
        ranked.append((push, name, v))
    ranked.sort(reverse=True)
    (_, name, v), rest = ranked[0], ranked[1:]
    too = "small" if name == "solar_capacity_factor" else "large"
    others = ", ".join(f"{n}={w:g}" for _, n, w in rest)
    return InputError(
        f"{name}={v:g}: too {too}: {key} overflows float64 (above 1.8e308) with {others}"
    )
