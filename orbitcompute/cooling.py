"""Data-center cooling designs: PUE and WUE by climate zone, and the water limit.

Each design's PUE and WUE per ASHRAE climate zone come from ``data/cooling_designs.csv``
(Lei & Masanet 2022 percentiles). :func:`select_cooling_design` picks, element by
element, the lowest-PUE design whose water use fits the site's water budget, so that a
smaller water allowance forces a drier design with a higher PUE.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    check_choice,
    check_flag,
    check_limit,
    check_nonnegative,
    check_range,
    did_you_mean,
    guarded,
    short_repr,
)
from orbitcompute.constants import HOURS_PER_YEAR
from orbitcompute.errors import InputError

__all__ = ["design_metrics", "designs", "select_cooling_design", "water_m3_per_year"]

_METRICS = (
    "pue",
    "pue_low",
    "pue_high",
    "wue_l_per_kwh",
    "wue_l_per_kwh_low",
    "wue_l_per_kwh_high",
)


@cache
def _table() -> tuple[
    dict[tuple[str, str], dict[str, float]], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]:
    """The cooling catalog as plain floats, read once: ``{(design, zone): metrics}``,
    all design names, the auto-selectable ones and the liquid ones (catalog order)."""
    names = catalog.names("cooling_designs")
    table: dict[tuple[str, str], dict[str, float]] = {}
    all_designs: dict[str, None] = {}
    auto: dict[str, None] = {}
    liquid: dict[str, None] = {}
    for name in names:
        rec = catalog.get("cooling_designs", name)
        design, zone = str(rec["design"]), str(rec["climate_zone"])
        table[(design, zone)] = {c: float(rec[c]) for c in _METRICS}
        all_designs[design] = None
        if int(rec["auto_select"]) == 1:
            auto[design] = None
        if int(rec["liquid"]) == 1:
            liquid[design] = None
    return table, tuple(all_designs), tuple(auto), tuple(liquid)


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted({z for _, z in _table()[0]}))


def _check_zone(climate_zone: Any) -> str:
    """``climate_zone`` as the name of one zone of the catalog, else an InputError.

    A string (``"3A"``) or a whole number that names a zone (``7``, as a TOML file
    writes zone 7: it is read as ``"7"``); anything else, a list such as ``["3A"]``
    included, must be a string.
    """
    zones = _zones()
    if isinstance(climate_zone, str) and climate_zone in zones:
        return str(climate_zone)
    if isinstance(climate_zone, (int, np.integer)) and not isinstance(
        climate_zone, (bool, np.bool_)
    ):
        if str(int(climate_zone)) in zones:
            return str(int(climate_zone))
        allowed = ", ".join(map(repr, zones))
        raise InputError(f"climate_zone={int(climate_zone)}: must be one of {allowed}")
    allowed = ", ".join(map(repr, zones))
    if not isinstance(climate_zone, str):  # ['3A'] is not '3A', nor 7.0 '7'
        raise InputError(
            f"climate_zone={short_repr(climate_zone)}: must be a string, an ASHRAE 169 "
            f"climate zone name such as '3A' (or a whole number naming one, e.g. 7), "
            f"one of {allowed}"
        )
    hint = did_you_mean(climate_zone.strip().upper(), zones) or did_you_mean(climate_zone, zones)
    raise InputError(f"climate_zone={climate_zone!r}: must be one of {allowed}{hint}")


@guarded("the cooling design names")
def designs(*, auto_only: bool = False, liquid_only: bool = False) -> list[str]:
    """Names of the cooling designs in the catalog.

    ``auto_only``: those auto-selectable for accelerators that air or liquid can cool
    (``auto_select = 1``); ``liquid_only``: those that cool by liquid (``liquid = 1``),
    the only ones that can host an accelerator whose ``cooling`` is ``liquid`` in
    ``data/accelerators.csv`` (e.g. GB200 NVL72, which has no air-cooled option). Both
    flags: the designs that are both.
    """
    check_flag("auto_only", auto_only)
    check_flag("liquid_only", liquid_only)
    _, all_designs, auto, liquid = _table()
    return [
        d for d in all_designs if (not auto_only or d in auto) and (not liquid_only or d in liquid)
    ]


@guarded("the cooling design's metrics")
def design_metrics(design: str, climate_zone: str) -> dict[str, float]:
    """PUE and WUE of one cooling design in one ASHRAE climate zone.

    Parameters
    ----------
    design : str
        Design name, e.g. ``"airside_economizer_adiabatic"``; see :func:`designs`.
    climate_zone : str
        ASHRAE 169 climate zone as used by Lei & Masanet (``"1A"`` ... ``"7"``); a
        whole number that names a zone (``7``) is read as that name.

    Returns
    -------
    dict
        ``pue``, ``pue_low``, ``pue_high``, ``wue_l_per_kwh`` (+ ``_low``/``_high``).

    Raises
    ------
    InputError
        An unknown design or climate zone (or one that is neither a string nor a
        whole number naming a zone), or a design with no catalog row for that zone.

    References
    ----------
    .. [1] Lei, N. & Masanet, E. (2022). Climate- and technology-specific PUE and WUE
       estimations for U.S. data centers. Resour. Conserv. Recycl. 182, 106323,
       doi:10.1016/j.resconrec.2022.106323 (5th/95th percentiles by zone and system).
    """
    table = _table()[0]
    check_choice("design", design, designs())
    key = (design, _check_zone(climate_zone))
    if key not in table:
        raise InputError(f"design={design!r}: no catalog row for climate_zone={climate_zone!r}")
    return dict(table[key])


@guarded("the annual water volumes")
def water_m3_per_year(
    it_power_mw: float | np.ndarray,
    wue_l_per_kwh: float | np.ndarray,
    load_factor: float | np.ndarray = 1.0,
) -> np.ndarray:
    """Annual site water use [m3/yr] from WUE and IT energy.

    ``W = P_IT * LF * 8760 h * WUE``; with P in MW and WUE in L/kWh,
    ``MW * h * L/kWh = 1000 L = 1 m3``, so the product is directly in m3.

    Parameters
    ----------
    it_power_mw : float or ndarray
        IT load [MW], >= 0.
    wue_l_per_kwh : float or ndarray
        Water usage effectiveness [L/kWh of IT energy], >= 0.
    load_factor : float or ndarray
        Average IT load / IT capacity [-], in (0, 1].

    Returns
    -------
    ndarray
        Annual site water use [m3/yr], the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a
        product that overflows float64 (an input far too large).

    References
    ----------
    .. [1] The Green Grid (2011), WP#35 "Water Usage Effectiveness (WUE)": WUE = annual
       site water / IT equipment energy.
    """
    p = check_nonnegative("it_power_mw", it_power_mw, "MW")
    w = check_nonnegative("wue_l_per_kwh", wue_l_per_kwh, "L/kWh")
    lf = check_range("load_factor", load_factor, 0.0, 1.0, low_inclusive=False)
    return p * lf * HOURS_PER_YEAR * w


@guarded("the cooling design's water volumes")
def select_cooling_design(
    it_power_mw: float | np.ndarray,
    water_available_m3_per_year: float | np.ndarray,
    climate_zone: str,
    *,
    load_factor: float | np.ndarray = 1.0,
    candidates: tuple[str, ...] | None = None,
    quantile: float | np.ndarray = 0.5,
) -> dict[str, np.ndarray]:
    """Lowest-PUE cooling design whose water use fits the water budget.

    Parameters
    ----------
    it_power_mw : float or ndarray
        IT load [MW].
    water_available_m3_per_year : float or ndarray
        Site water allowance [m3/yr], >= 0 (``inf`` = unlimited).
    climate_zone : str
        ASHRAE climate zone (see :func:`design_metrics`); a string, e.g. ``"3A"``, or
        a whole number naming a zone (``7``).
    load_factor : float or ndarray
        Average IT load / IT capacity [-].
    candidates : str or tuple of str, optional
        Designs to choose from (default: the auto-selectable designs); a single
        name is one candidate.
    quantile : float or ndarray
        Where the design's PUE and WUE sit inside Lei & Masanet's band, in
        [0.05, 0.95]: 0.05 gives their 5th percentile, 0.95 their 95th, 0.5 the
        catalog's central value; piecewise linear in between. The same
        quantile applies to PUE and WUE (an assumption: both come from the same
        climate and equipment spread). Designs are ranked by their central PUE.

    Returns
    -------
    dict
        ``design`` (str array), ``pue``, ``wue_l_per_kwh``, ``water_m3_per_year`` and
        ``water_fits`` (bool: False only if even the driest candidate exceeds the budget;
        the driest is then returned).

    Raises
    ------
    InputError
        A value outside its range, an unknown climate zone or candidate (with a
        did-you-mean), arrays that do not broadcast together, or a water use that
        overflows float64 (an input far too large).

    References
    ----------
    .. [1] Lei & Masanet (2022), doi:10.1016/j.resconrec.2022.106323: water-cooled
       designs trade a lower PUE for 1.7-2.6 L/kWh; air-cooled designs use almost none.
    """
    p = check_nonnegative("it_power_mw", it_power_mw, "MW")
    lf = check_range("load_factor", load_factor, 0.0, 1.0, low_inclusive=False)
    wa = check_limit("water_available_m3_per_year", water_available_m3_per_year, "m3/yr")
    names = _check_candidates(candidates)
    zone = _check_zone(climate_zone)
    qt = check_range("quantile", quantile, 0.05, 0.95)
    it_mwh = p * lf * HOURS_PER_YEAR  # MWh/yr; times L/kWh gives m3/yr
    design, pue, wue, water_fits = _select(it_mwh, wa, names, zone, qt)
    return {
        "design": design,
        "pue": pue,
        "wue_l_per_kwh": wue,
        "water_m3_per_year": np.broadcast_to(it_mwh, design.shape) * wue,
        "water_fits": water_fits,
    }


def _check_candidates(candidates: Any) -> tuple[str, ...]:
    """``candidates`` of :func:`select_cooling_design` as a tuple of design names."""
    if candidates is None:
        return tuple(designs(auto_only=True))
    if isinstance(candidates, str):  # one name, not its characters
        candidates = (candidates,)
    try:
        names = tuple(candidates)
    except TypeError:
        raise InputError(
            f"candidates={candidates!r}: must be a cooling design name or a sequence of them"
        ) from None
    if not names:
        raise InputError("candidates=(): give at least one cooling design")
    for n in names:
        check_choice("candidates", n, designs())
    return names


def _quantile_weights(quantile: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights of the two linear pieces of the band at ``quantile`` (in [0.05, 0.95]):
    ``value = low + t_lo (central - low) + t_hi (high - central)``, i.e. the 5th
    percentile -> central value -> 95th percentile. (minimum and maximum are np.clip
    here: no -0.0 can occur, the quantile being >= 0.05.)"""
    t_lo = np.minimum(np.maximum((quantile - 0.05) / 0.45, 0.0), 1.0)
    t_hi = np.minimum(np.maximum((quantile - 0.5) / 0.45, 0.0), 1.0)
    return t_lo, t_hi


def _select(
    it_mwh: np.ndarray,
    water_available_m3_per_year: np.ndarray,
    names: tuple[str, ...],
    climate_zone: str,
    quantile: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The selection of :func:`select_cooling_design` on validated inputs.

    ``it_mwh`` is the IT energy [MWh/yr] (``P_IT * LF * 8760 h``), the other arguments
    as in :func:`select_cooling_design` (``names`` not empty). Returns new arrays of the
    broadcast shape: the design names, their PUE and WUE [L/kWh] and ``water_fits``.
    """
    names_arr, band = _ranked(names, climate_zone)
    n = len(names)
    # only the WUE of every candidate is needed (design-major, (design, *shape)), the
    # PUE and WUE of the selected one are then evaluated with the same arithmetic
    t_lo, t_hi = _quantile_weights(quantile)
    wa = water_available_m3_per_year
    shape = np.broadcast_shapes(it_mwh.shape, wa.shape, quantile.shape)
    lo_w, d_lo_w, d_hi_w = band["wue_low"], band["wue_d_lo"], band["wue_d_hi"]
    col = (-1, *(1,) * len(shape))
    need = np.multiply(t_lo, d_lo_w[:n].reshape(col))
    need += lo_w[:n].reshape(col)
    need += np.multiply(t_hi, d_hi_w[:n].reshape(col))
    need = np.multiply(need, it_mwh, out=need if need[0].shape == shape else None)
    # a relative tolerance of 1e-12 on the budget, applied to the need so that a budget
    # up to the largest float64 cannot overflow
    fits = need * (1 - 1e-12) <= wa
    if fits.shape[1:] != shape:
        fits = np.broadcast_to(fits, (n, *shape))
    # index of the first candidate that fits = the number of leading candidates that do
    # not; n (none fits) is the driest candidate, repeated at the end of the tables
    any_fit = np.logical_or.reduce(fits, axis=0, out=np.empty(shape, dtype=bool))
    idx = np.where(any_fit, fits.argmax(axis=0), n)

    def at_idx(low: np.ndarray, d_lo: np.ndarray, d_hi: np.ndarray) -> np.ndarray:
        out = d_lo.take(idx)
        out *= t_lo
        out += low.take(idx)
        out += d_hi.take(idx) * t_hi
        return out

    pue_sel = at_idx(band["pue_low"], band["pue_d_lo"], band["pue_d_hi"])
    wue_sel = at_idx(lo_w, d_lo_w, d_hi_w)
    return names_arr.take(idx), pue_sel, wue_sel, any_fit


@cache
def _ranked(names: tuple[str, ...], climate_zone: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Candidate designs sorted by central PUE (stable): names and their PUE/WUE band.

    The band holds ``pue``, ``pue_low``, ``pue_high``, ``wue``, ``wue_low`` and
    ``wue_high`` as read-only arrays in the same order, the slopes of the two linear
    pieces of the quantile interpolation (``<x>_d_lo = <x> - <x>_low`` and
    ``<x>_d_hi = <x>_high - <x>``, ``x`` = pue, wue). Every array, the names too, has
    the driest candidate (lowest central WUE) repeated at the end (index
    ``len(names)``: the choice when no candidate fits).
    """
    m = [design_metrics(n, climate_zone) for n in names]
    order = np.argsort([x["pue"] for x in m], kind="stable")
    cols = {"pue": "pue", "pue_low": "pue_low", "pue_high": "pue_high",
            "wue": "wue_l_per_kwh", "wue_low": "wue_l_per_kwh_low",
            "wue_high": "wue_l_per_kwh_high"}  # fmt: skip
    band = {k: np.array([m[i][c] for i in order]) for k, c in cols.items()}
    for x in ("pue", "wue"):  # slopes of the two linear pieces
        band[f"{x}_d_lo"] = band[x] - band[f"{x}_low"]
        band[f"{x}_d_hi"] = band[f"{x}_high"] - band[x]
    driest = int(np.argmin(band["wue"]))
    band = {k: np.append(v, v[driest]) for k, v in band.items()}
    names_arr = np.asarray([names[i] for i in (*order, order[driest])])
    for a in (names_arr, *band.values()):
        a.flags.writeable = False
    return names_arr, band


def _candidates(
    names: tuple[str, ...], climate_zone: str, quantile: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Every candidate's PUE and WUE [L/kWh] at ``quantile``, ranked by central PUE.

    Returns the names in rank order (as :func:`_ranked`, without the driest repeated at
    the end) and one PUE and one WUE array per candidate, each of the quantile's shape,
    computed with the same arithmetic as the selected design's in :func:`_select` (so a
    design's values are the same whichever way it is chosen).
    """
    names_arr, band = _ranked(names, climate_zone)
    t_lo, t_hi = _quantile_weights(quantile)

    def at(j: int, x: str) -> np.ndarray:
        out = band[f"{x}_d_lo"][j] * t_lo
        out += band[f"{x}_low"][j]
        out += band[f"{x}_d_hi"][j] * t_hi
        return out

    n = len(names)
    return names_arr[:n], [at(j, "pue") for j in range(n)], [at(j, "wue") for j in range(n)]
