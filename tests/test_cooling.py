"""Cooling designs: water use, the climate zone, broadcasting and overflow.

The selection against published PUE/WUE is tested with the terrestrial placement in
``test_terrestrial.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import cooling
from orbitcompute.errors import InputError


def test_water_m3_per_year_arrays_that_do_not_broadcast():
    """A raw numpy ValueError before."""
    with pytest.raises(
        InputError,
        match=r"^array arguments do not broadcast together: it_power_mw \(3,\), "
        r"wue_l_per_kwh \(2,\)$",
    ):
        cooling.water_m3_per_year(np.ones(3), np.ones(2))


def test_water_m3_per_year_overflow_names_the_largest_input():
    """inf with a RuntimeWarning before."""
    with pytest.raises(InputError, match=r"^it_power_mw=1e\+300: too large: the annual water"):
        cooling.water_m3_per_year(1e300, 1e200)


def test_select_cooling_design_overflow_names_the_it_power():
    """water_m3_per_year came out inf with a RuntimeWarning."""
    with pytest.raises(InputError, match=r"^it_power_mw=1e\+306: too large"):
        cooling.select_cooling_design(1e306, np.inf, "3A")


def test_select_cooling_design_arrays_that_do_not_broadcast():
    with pytest.raises(
        InputError,
        match=r"^array arguments do not broadcast together: it_power_mw \(3,\), "
        r"water_available_m3_per_year \(2,\)$",
    ):
        cooling.select_cooling_design(np.ones(3), np.full(2, 1e6), "3A")


@pytest.mark.parametrize("bad", [None, ["3A"], np.array(["3A"]), 3.0, 7.0, True])
@pytest.mark.parametrize("call", ["design_metrics", "select_cooling_design"])
def test_climate_zone_must_be_a_string(bad, call):
    """None was read as 'None' and ['3A'] as "['3A']"; a float is not a zone name."""
    with pytest.raises(InputError, match=r"^climate_zone=.*: must be a string, an ASHRAE 169"):
        if call == "design_metrics":
            cooling.design_metrics("airside_economizer_adiabatic", bad)
        else:
            cooling.select_cooling_design(100.0, 1e9, bad)


@pytest.mark.parametrize("bad, hint", [("3a", "3A"), (" 5b", "5B")])
def test_unknown_climate_zone_suggests_the_closest(bad, hint):
    with pytest.raises(
        InputError, match=rf"^climate_zone={bad!r}: must be one of .*; did you mean '{hint}'\?$"
    ):
        cooling.design_metrics("dry_cooler", bad)


def test_water_m3_per_year_documents_parameters_and_returns():
    doc = cooling.water_m3_per_year.__doc__
    for section in ("Parameters\n    ----------", "Returns\n    -------"):
        assert section in doc


def test_candidates_give_each_designs_band_in_pue_order():
    """The per-design PUE/WUE the terrestrial auto-selection compares: at quantiles
    0.05 / 0.5 / 0.95, Lei & Masanet's 5th percentile, central value and 95th
    percentile of every candidate, ranked by central PUE; the same numbers as the
    selection of a single design returns."""
    names = tuple(cooling.designs(auto_only=True))
    q = np.array([0.05, 0.5, 0.95])
    ranked, pues, wues = cooling._candidates(names, "3A", q)
    central = [cooling.design_metrics(n, "3A")["pue"] for n in ranked]
    assert sorted(ranked) == sorted(names) and central == sorted(central)
    for name, pue, wue in zip(ranked, pues, wues, strict=True):
        m = cooling.design_metrics(name, "3A")
        assert_allclose(pue, [m["pue_low"], m["pue"], m["pue_high"]], rtol=1e-12)
        w = [m["wue_l_per_kwh_low"], m["wue_l_per_kwh"], m["wue_l_per_kwh_high"]]
        assert_allclose(wue, w, rtol=1e-12, atol=1e-15)
        one = cooling.select_cooling_design(1.0, np.inf, "3A", candidates=name, quantile=q)
        assert np.array_equal(one["pue"], pue) and np.array_equal(one["wue_l_per_kwh"], wue)


def test_liquid_designs_are_the_direct_liquid_one():
    """cooling_designs.csv column liquid: only direct-to-chip liquid cooling can host
    an accelerator without an air-cooled option; it is not auto-selectable for the
    others (its PUE is an estimate)."""
    assert cooling.designs(liquid_only=True) == ["direct_liquid_cooling"]
    assert cooling.designs(liquid_only=True, auto_only=True) == []
    assert "direct_liquid_cooling" not in cooling.designs(auto_only=True)


@pytest.mark.parametrize("call", ["design_metrics", "select_cooling_design"])
def test_climate_zone_as_a_whole_number_names_that_zone(call):
    """Zone 7 written as a number (as a TOML file does) is zone '7'; 8 is no zone of
    Lei & Masanet's set."""
    if call == "design_metrics":
        assert cooling.design_metrics("dry_cooler", 7) == cooling.design_metrics("dry_cooler", "7")
        assert cooling.design_metrics("dry_cooler", np.int64(7))["pue"] == 1.4874
    else:
        a = cooling.select_cooling_design(100.0, 1e9, 7)
        b = cooling.select_cooling_design(100.0, 1e9, "7")
        assert a["design"] == b["design"] and a["pue"] == b["pue"]
    with pytest.raises(InputError, match=r"^climate_zone=8: must be one of '1A'"):
        if call == "design_metrics":
            cooling.design_metrics("dry_cooler", 8)
        else:
            cooling.select_cooling_design(100.0, 1e9, 8)


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: cooling.design_metrics(design="dry_cooler", zone="3A"),
            r"^zone='3A': design_metrics takes no such keyword; did you mean 'climate_zone'\?",
        ),
        (
            lambda: cooling.designs(liquid=True),
            r"^liquid=True: designs takes no such keyword; did you mean 'liquid_only'\?",
        ),
    ],
)
def test_misspelt_keyword_is_an_input_error_with_a_hint(call, message):
    """A bare TypeError ("unexpected keyword argument") before: neither was @guarded."""
    with pytest.raises(InputError, match=message):
        call()


@pytest.mark.parametrize(
    "design, zone, pue5, pue95, wue5, wue95",
    [
        # Lei & Masanet (2022) results table (nuoaleon/UEcalculator_dash_app, src/data/UE.csv,
        # commit 85cbc822): 5th / 95th percentile PUE and WUE [L/kWh]; case 1 = large
        # airside economizer + adiabatic, case 2 = large water-cooled chiller + waterside
        # economizer, case 6 = midsize air-cooled chiller + airside economizer (its WUE is
        # not used: the dry cooler takes Yobitel's 0-0.05 L/kWh)
        ("airside_economizer_adiabatic", "1A", 1.168778594, 1.34161001, 0.772859335, 2.361464022),
        ("airside_economizer_adiabatic", "7", 1.099403124, 1.199111601, 0.072875991, 0.517675003),
        ("water_chiller_waterside_economizer", "1A", 1.106980543, 1.290444576, 1.760808265,
         2.62901392),
        ("water_chiller_waterside_economizer", "7", 1.077427886, 1.187360717, 1.731947783,
         2.600252953),
        ("dry_cooler", "1A", 1.622380103, 2.246070933, None, None),
        ("dry_cooler", "7", 1.38182274, 1.593107147, None, None),
    ],
)  # fmt: skip
def test_catalog_bands_are_lei_masanet_percentiles(design, zone, pue5, pue95, wue5, wue95):
    """The catalog's low / high are the published 5th / 95th percentiles rounded to 4
    decimals (|error| <= 5e-5), and its central value their midpoint (within 1e-4)."""
    m = cooling.design_metrics(design, zone)
    assert_allclose([m["pue_low"], m["pue_high"]], [pue5, pue95], rtol=0, atol=5e-5)
    assert_allclose(m["pue"], (pue5 + pue95) / 2, rtol=0, atol=1e-4)
    if wue5 is not None:
        w = [m["wue_l_per_kwh_low"], m["wue_l_per_kwh_high"]]
        assert_allclose(w, [wue5, wue95], rtol=0, atol=5e-5)
        assert_allclose(m["wue_l_per_kwh"], (wue5 + wue95) / 2, rtol=0, atol=1e-4)


def test_quantile_between_the_percentiles_is_piecewise_linear_hand_calc():
    """3A airside economizer (catalog PUE 1.1319 / 1.1915 / 1.2511, WUE 0.4085 / 0.7775
    / 1.1466 at the 5th / central / 95th): at q = 0.2, a third of the way from the 5th
    percentile to the centre, PUE 1.1319 + (0.15 / 0.45) x 0.0596 = 1.1517667 and WUE
    0.4085 + 0.369 / 3 = 0.5315; at q = 0.8, PUE 1.1915 + (0.3 / 0.45) x 0.0596 =
    1.2312333. Direct liquid cooling's asymmetric band (1.05 / 1.10 / 1.20): q = 0.8
    gives 1.10 + (2/3) x 0.10 = 1.1666667, q = 0.2 gives 1.05 + 0.05 / 3 = 1.0666667."""
    q = np.array([0.2, 0.8])
    a = cooling.select_cooling_design(1.0, np.inf, "3A", candidates="airside_economizer_adiabatic",
                                      quantile=q)  # fmt: skip
    assert_allclose(a["pue"], [1.1319 + 0.0596 / 3, 1.1915 + 0.0596 * 2 / 3], rtol=1e-12)
    assert_allclose(a["wue_l_per_kwh"][0], 0.4085 + 0.369 / 3, rtol=1e-12)
    d = cooling.select_cooling_design(1.0, np.inf, "3A", candidates="direct_liquid_cooling",
                                      quantile=q)  # fmt: skip
    assert_allclose(d["pue"], [1.05 + 0.05 / 3, 1.10 + 0.10 * 2 / 3], rtol=1e-12)


def test_auto_choice_follows_the_water_budget_hand_calc():
    """100 MW of IT at full load in 3A uses 100 x 8760 = 876,000 MWh/yr; at the central
    WUE the water chiller (PUE 1.1509) needs 876,000 x 2.1823 = 1,911,694.8 m3/yr, the
    airside economizer (PUE 1.1915) 876,000 x 0.7775 = 681,090 m3/yr and the dry cooler
    (PUE 1.6268) none. Budgets of 2e6, 1e6 and 5e5 m3/yr pick them in that order; a
    budget of exactly 681,090 still fits the airside design."""
    water = np.array([2e6, 1e6, 681_090.0, 5e5])
    r = cooling.select_cooling_design(100.0, water, "3A")
    assert list(r["design"]) == [
        "water_chiller_waterside_economizer",
        "airside_economizer_adiabatic",
        "airside_economizer_adiabatic",
        "dry_cooler",
    ]
    assert_allclose(r["pue"], [1.1509, 1.1915, 1.1915, 1.6268], rtol=1e-12)
    assert_allclose(r["water_m3_per_year"], [1_911_694.8, 681_090.0, 681_090.0, 0.0], rtol=1e-12)
    assert r["water_fits"].all()


def test_largest_float_water_budget_is_not_an_overflow():
    """A budget of 1.797e308 m3/yr (the largest float64, "no limit" for some callers)
    was an "overflow float64" InputError: the 1e-12 tolerance multiplied the budget. By
    hand, 10 MW in 1A at full load: 87,600 MWh x 2.1949 L/kWh = 192,273.24 m3/yr for
    the lowest-PUE design, the water chiller, which fits."""
    r = cooling.select_cooling_design(10.0, np.finfo(float).max, "1A")
    assert r["design"] == "water_chiller_waterside_economizer" and bool(r["water_fits"])
    assert_allclose(r["water_m3_per_year"], 192_273.24, rtol=1e-12)
    # the tolerance still admits a need a rounding error above the budget
    need = 87_600.0 * 2.1949
    fit = cooling.select_cooling_design(10.0, need * (1 - 1e-13), "1A")
    assert fit["design"] == "water_chiller_waterside_economizer"
