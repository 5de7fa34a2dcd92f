"""Data-center cooling designs: PUE and WUE by climate zone, and the water limit.

Each design's PUE and WUE per ASHRAE climate zone come from ``data/cooling_designs.csv``
(Lei & Masanet 2022 percentiles). :func:`select_cooling_design` picks, element by
element, the lowest-PUE design whose water use fits the site's water budget, so that a
smaller water allowance forces a drier design with a higher PUE.
"""

from __future__ import annotations

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import check_choice, check_nonnegative, check_range
from orbitcompute.constants import HOURS_PER_YEAR
from orbitcompute.errors import InputError

__all__ = ["design_metrics", "designs", "select_cooling_design", "water_m3_per_year"]


def designs(*, auto_only: bool = False) -> list[str]:
    """Names of the cooling designs in the catalog (``auto_only``: those auto-selectable)."""
    df = catalog.load("cooling_designs")
    if auto_only:
        df = df[df["auto_select"] == 1]
    return list(dict.fromkeys(df["design"]))


def design_metrics(design: str, climate_zone: str) -> dict[str, float]:
    """PUE and WUE of one cooling design in one ASHRAE climate zone.

    Parameters
    ----------
    design : str
        Design name, e.g. ``"airside_economizer_adiabatic"``; see :func:`designs`.
    climate_zone : str
        ASHRAE 169 climate zone as used by Lei & Masanet (``"1A"`` ... ``"7"``).

    Returns
    -------
    dict
        ``pue``, ``pue_low``, ``pue_high``, ``wue_l_per_kwh`` (+ ``_low``/``_high``).

    References
    ----------
    .. [1] Lei, N. & Masanet, E. (2022). Climate- and technology-specific PUE and WUE
       estimations for U.S. data centers. Resour. Conserv. Recycl. 182, 106323,
       doi:10.1016/j.resconrec.2022.106323 (5th/95th percentiles by zone and system).
    """
    check_choice("cooling_design", design, designs())
    df = catalog.load("cooling_designs")
    zones = sorted(set(df["climate_zone"].astype(str)))
    check_choice("climate_zone", str(climate_zone), zones)
    row = df[(df["design"] == design) & (df["climate_zone"].astype(str) == str(climate_zone))]
    cols = [
        "pue",
        "pue_low",
        "pue_high",
        "wue_l_per_kwh",
        "wue_l_per_kwh_low",
        "wue_l_per_kwh_high",
    ]
    return {c: float(row[c].iloc[0]) for c in cols}


def water_m3_per_year(
    it_power_mw: float | np.ndarray,
    wue_l_per_kwh: float | np.ndarray,
    load_factor: float | np.ndarray = 1.0,
) -> np.ndarray:
    """Annual site water use [m3/yr] from WUE and IT energy.

    ``W = P_IT * LF * 8760 h * WUE``; with P in MW and WUE in L/kWh,
    ``MW * h * L/kWh = 1000 L = 1 m3``, so the product is directly in m3.

    References
    ----------
    .. [1] The Green Grid (2011), WP#35 "Water Usage Effectiveness (WUE)": WUE = annual
       site water / IT equipment energy.
    """
    p = check_nonnegative("it_power_mw", it_power_mw, "MW")
    w = check_nonnegative("wue_l_per_kwh", wue_l_per_kwh, "L/kWh")
    lf = check_range("load_factor", load_factor, 0.0, 1.0, low_inclusive=False)
    return p * lf * HOURS_PER_YEAR * w


def select_cooling_design(
    it_power_mw: float | np.ndarray,
    water_available_m3_per_year: float | np.ndarray,
    climate_zone: str,
    *,
    load_factor: float | np.ndarray = 1.0,
    candidates: tuple[str, ...] | None = None,
) -> dict[str, np.ndarray]:
    """Lowest-PUE cooling design whose water use fits the water budget.

    Parameters
    ----------
    it_power_mw : float or ndarray
        IT load [MW].
    water_available_m3_per_year : float or ndarray
        Site water allowance [m3/yr] (``inf`` = unlimited).
    climate_zone : str
        ASHRAE climate zone (see :func:`design_metrics`).
    load_factor : float or ndarray
        Average IT load / IT capacity [-].
    candidates : tuple of str, optional
        Designs to choose from (default: the auto-selectable designs).

    Returns
    -------
    dict
        ``design`` (str array), ``pue``, ``wue_l_per_kwh``, ``water_m3_per_year`` and
        ``water_fits`` (bool: False only if even the driest candidate exceeds the budget;
        the driest is then returned).

    References
    ----------
    .. [1] Lei & Masanet (2022), doi:10.1016/j.resconrec.2022.106323: water-cooled
       designs trade a lower PUE for 1.7-2.6 L/kWh; air-cooled designs use almost none.
    """
    p = check_nonnegative("it_power_mw", it_power_mw, "MW")
    wa = np.asarray(water_available_m3_per_year, dtype=float)
    if np.any(np.isnan(wa)) or np.any(wa < 0):
        raise InputError(
            f"water_available_m3_per_year={water_available_m3_per_year!r}: must be >= 0 m3/yr"
        )
    names = list(candidates) if candidates is not None else designs(auto_only=True)
    if not names:
        raise InputError("candidates=(): give at least one cooling design")
    m = [design_metrics(n, climate_zone) for n in names]
    order = np.argsort([x["pue"] for x in m], kind="stable")
    names = [names[i] for i in order]
    pue = np.array([m[i]["pue"] for i in order])
    wue = np.array([m[i]["wue_l_per_kwh"] for i in order])
    shape = np.broadcast_shapes(p.shape, wa.shape, np.shape(load_factor))
    need = water_m3_per_year(p[..., None], wue, np.asarray(load_factor, dtype=float)[..., None])
    fits = need <= wa[..., None] * (1 + 1e-12)
    driest = int(np.argmin(wue))
    any_fit = fits.any(axis=-1)
    idx = np.where(any_fit, np.argmax(fits, axis=-1), driest)
    idx = np.broadcast_to(idx, shape)
    return {
        "design": np.asarray(names)[idx],
        "pue": pue[idx],
        "wue_l_per_kwh": wue[idx],
        "water_m3_per_year": np.take_along_axis(
            np.broadcast_to(need, (*shape, len(names))), idx[..., None], axis=-1
        )[..., 0],
        "water_fits": np.broadcast_to(any_fit, shape).copy(),
    }
