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
