"""On-site generation: gas fuel and CO2, solar plus storage; shapes and overflow.

Published values (Masdar ratio, EIA heat rates) are tested with the terrestrial
placement in ``test_terrestrial.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import generation
from orbitcompute.errors import InputError


def test_solar_storage_sizing_outputs_share_the_broadcast_shape():
    """storage_mwh stayed a scalar for an array capacity factor. By hand, 1000 MW RTC:
    PV = 1000 * 5 * 0.24 / CF = 6000, 4800, 4000 MWac at CF 0.2, 0.25, 0.3; storage
    1000 MW * 19 h = 19 000 MWh each; land = PV * 8.9 acre/MWac = 53 400, 42 720,
    35 600 acres; per RTC MW 53.4, 42.72, 35.6 acres."""
    r = generation.solar_storage_sizing(
        1000.0, np.array([0.2, 0.25, 0.3]), reference_capacity_factor=0.24
    )
    assert {k: np.shape(v) for k, v in r.items()} == dict.fromkeys(r, (3,))
    assert_allclose(r["pv_mwac"], [6000.0, 4800.0, 4000.0], rtol=1e-12)
    assert_allclose(r["storage_mwh"], [19_000.0] * 3, rtol=1e-12)
    assert_allclose(r["land_acres"], [53_400.0, 42_720.0, 35_600.0], rtol=1e-12)
    assert_allclose(r["acres_per_rtc_mw"], [53.4, 42.72, 35.6], rtol=1e-12)
    r["storage_mwh"][0] = 0.0  # an independent array, not a read-only broadcast view
    assert r["storage_mwh"][1] == 19_000.0


def test_solar_storage_sizing_array_storage_hours_broadcasts_the_pv():
    """pv_mwac, land_acres, acres_per_rtc_mw stayed scalars for array storage hours.
    By hand: 100 MW * 5 * 0.24 / 0.24 = 500 MWac; storage 100 * (4, 19) MWh."""
    r = generation.solar_storage_sizing(
        100.0, 0.24, reference_capacity_factor=0.24, storage_hours=np.array([4.0, 19.0])
    )
    assert {k: np.shape(v) for k, v in r.items()} == dict.fromkeys(r, (2,))
    assert_allclose(r["pv_mwac"], [500.0, 500.0], rtol=1e-12)
    assert_allclose(r["storage_mwh"], [400.0, 1900.0], rtol=1e-12)


def test_solar_storage_sizing_defaults_are_the_catalog_reference():
    """The reference plant's capacity factor defaulted to 0.24 while the catalog row
    (terrestrial_defaults.csv, EIA 2021 US utility PV average) is 0.244: 1000 MW RTC at
    CF 0.244 needs exactly the reference 5 MWac/MW, 5000 MWac."""
    from orbitcompute import catalog

    ref = catalog.value("terrestrial_defaults", "solar_reference_capacity_factor", "value")
    assert_allclose(ref, 0.244)
    r = generation.solar_storage_sizing(1000.0, ref)
    assert_allclose(r["pv_mwac"], 5000.0, rtol=1e-12)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"rtc_power_mw": 1000.0, "solar_capacity_factor": 1e-310},
            r"^solar_capacity_factor=1e-310: too small: pv_mwac overflows float64",
        ),
        (
            {"rtc_power_mw": 1e300, "solar_capacity_factor": 1e-9},
            r"^rtc_power_mw=1e\+300: too large: pv_mwac overflows float64",
        ),
        (
            {"rtc_power_mw": 1e300, "solar_capacity_factor": 0.2, "storage_hours": 1e10},
            r"^rtc_power_mw=1e\+300: too large: storage_mwh overflows float64 \(above "
            r"1\.8e308\) with storage_hours=1e\+10$",
        ),
    ],
)
def test_solar_storage_sizing_overflow_names_the_extreme_factor(kwargs, message):
    """pv_mwac was inf with a RuntimeWarning."""
    with pytest.raises(InputError, match=message):
        generation.solar_storage_sizing(**kwargs)


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: generation.gas_fuel_cost_usd_per_mwh(np.ones(3), np.ones(2)),
            r"^array arguments do not broadcast together: heat_rate_btu_per_kwh \(3,\), "
            r"gas_price_usd_per_mmbtu \(2,\)$",
        ),
        (
            lambda: generation.gas_co2_t_per_mwh(np.ones(3), np.ones(2)),
            r"^array arguments do not broadcast together: heat_rate_btu_per_kwh \(3,\), "
            r"co2_lb_per_mmbtu \(2,\)$",
        ),
        (
            lambda: generation.solar_storage_sizing(np.ones(3), np.full(2, 0.2)),
            r"^array arguments do not broadcast together: rtc_power_mw \(3,\), "
            r"solar_capacity_factor \(2,\)$",
        ),
        (
            lambda: generation.gas_fuel_cost_usd_per_mwh(1e300, 1e200),
            r"^heat_rate_btu_per_kwh=1e\+300: too large: the fuel costs overflow float64",
        ),
        (
            lambda: generation.gas_co2_t_per_mwh(1e300, 1e299),
            r"^heat_rate_btu_per_kwh=1e\+300: too large: the CO2 emissions per MWh overflow",
        ),
    ],
)
def test_gas_functions_report_broadcast_and_overflow(call, message):
    """Raw numpy ValueErrors, or inf with a RuntimeWarning, before."""
    with pytest.raises(InputError, match=message):
        call()


@pytest.mark.parametrize(
    "fn",
    [
        generation.gas_fuel_cost_usd_per_mwh,
        generation.gas_co2_t_per_mwh,
        generation.solar_storage_sizing,
    ],
)
def test_documents_parameters_and_returns(fn):
    for section in ("Parameters\n    ----------", "Returns\n    -------"):
        assert section in fn.__doc__


def test_technology_accepts_a_numpy_string():
    """np.str_("ccgt") names the technology as "ccgt" does (it was refused as not in
    data/generation.csv)."""
    assert generation.technology(np.str_("ccgt")) == generation.technology("ccgt")


def test_solar_storage_capex_scales_its_pv_part_with_the_capacity_factor():
    """The capex (USD 6000/kW of round-the-clock output, Masdar at CF 0.244) stayed
    6.0e9 USD per GW at any site while the PV doubled at half the capacity factor. By
    hand, 1000 MW at CF 0.122: PV = 1000 * 5 * 0.244 / 0.122 = 10 000 MWac (twice the
    reference), storage 1000 * 19 = 19 000 MWh (the same); with the PV share s = 0.5 of
    the reference capex, PV costs 0.5 * 6000 / 5 = 600 USD/kWac and storage
    0.5 * 6000 / 19 = 157.89 USD/kWh: 1e7 kWac * 600 + 1.9e7 kWh * 157.89
    = 6.0e9 + 3.0e9 = 9.0e9 USD = 1e6 kW * 6000 * (0.5 + 0.5 * 2). At the reference CF
    0.244: 6.0e9 exactly. Share 0 (all storage): 6.0e9 at any CF; share 1 (all PV):
    1e6 * 6000 * 2 = 1.2e10 at CF 0.122."""
    r = generation.solar_storage_sizing(1000.0, np.array([0.122, 0.244]))
    assert_allclose(r["pv_mwac"], [10_000.0, 5000.0], rtol=1e-12)
    assert_allclose(r["storage_mwh"], [19_000.0, 19_000.0], rtol=1e-12)
    pv_usd = r["pv_mwac"] * 1e3 * (0.5 * 6000.0 / 5.0)
    storage_usd = r["storage_mwh"] * 1e3 * (0.5 * 6000.0 / 19.0)
    assert_allclose(r["capex_usd"], pv_usd + storage_usd, rtol=1e-12)
    assert_allclose(r["capex_usd"], [9.0e9, 6.0e9], rtol=1e-12)
    assert r["capex_usd"][1] == 6.0e9  # the catalog figure itself at the reference
    bounds = generation.solar_storage_sizing(1000.0, 0.122, pv_capex_share=np.array([0.0, 1.0]))
    assert_allclose(bounds["capex_usd"], [6.0e9, 1.2e10], rtol=1e-12)


def test_solar_storage_capex_defaults_are_the_catalog_row():
    """The default reference capex is generation.csv's solar_storage_rtc (6000 USD/kW),
    and the estimated PV share is the one documented in that row's note (0.5)."""
    import inspect

    from orbitcompute import catalog

    params = inspect.signature(generation.solar_storage_sizing).parameters
    row = catalog.get("generation", "solar_storage_rtc")
    assert params["capex_usd_per_kw_ref"].default == row["capex_usd_per_kw"] == 6000.0
    assert params["pv_capex_share"].default == generation.SOLAR_PV_CAPEX_SHARE == 0.5
    assert "orbitcompute_estimate" in row.source_ids
    assert "PV share s = 0.5" in row["note"]


def test_solar_storage_zero_pv_share_is_finite_where_the_pv_ratio_overflows():
    """CF_ref / CF = 1 / 1e-310 overflows; with a PV share of 0 the capex does not
    depend on it: 1 MW * 6000 USD/kW = 6e6 USD (0 * inf would be NaN)."""
    r = generation.solar_storage_sizing(
        1.0,
        1e-310,
        pv_mwac_per_rtc_mw_ref=1e-10,
        reference_capacity_factor=1.0,
        pv_capex_share=0.0,
    )
    assert_allclose(r["pv_mwac"], 1e-10 / 1e-310, rtol=1e-12)
    assert r["capex_usd"] == 6e6


@pytest.mark.parametrize(
    "kwargs, message",
    [
        # a percent typed for the reference capacity factor (24.4 for 24.4 %) was
        # accepted: PV 610 000 MWac for 1000 MW
        (
            {"reference_capacity_factor": 24.4},
            r"^reference_capacity_factor=24\.4: must be in \(0, 1\]",
        ),
        ({"reference_capacity_factor": 0.0}, r"^reference_capacity_factor=0: must be in \(0, 1\]"),
        ({"pv_capex_share": 1.5}, r"^pv_capex_share=1\.5: must be in \[0, 1\]"),
        ({"capex_usd_per_kw_ref": -1.0}, r"^capex_usd_per_kw_ref=-1: must be >= 0 USD/kW"),
    ],
)
def test_solar_storage_sizing_refuses_out_of_range_reference(kwargs, message):
    with pytest.raises(InputError, match=message):
        generation.solar_storage_sizing(1000.0, 0.2, **kwargs)


def test_solar_storage_capex_overflow_names_the_extreme_factor():
    """1e300 MW * 1e10 USD/kW overflows the capex only (the PV, 5e300 MWac, and the
    land, 4.45e301 acres, do not)."""
    with pytest.raises(
        InputError,
        match=r"^rtc_power_mw=1e\+300: too large: capex_usd overflows float64 \(above "
        r"1\.8e308\) with capex_usd_per_kw_ref=1e\+10",
    ):
        generation.solar_storage_sizing(1e300, 0.244, capex_usd_per_kw_ref=1e10)


def test_technology_misspelt_keyword_is_an_input_error_with_a_hint():
    """A bare TypeError before (technology was not @guarded)."""
    with pytest.raises(
        InputError, match=r"^nam='ccgt': technology takes no such keyword; did you mean 'name'\?"
    ):
        generation.technology(nam="ccgt")


def test_solar_storage_zero_power_with_an_overflowing_pv_ratio_is_an_error_not_a_warning():
    """0 MW x (5 x 0.244 / 1e-310 = inf MWac/MW) is NaN: numpy's RuntimeWarning
    ("invalid value encountered in multiply") leaked before the InputError naming the
    capacity factor."""
    with pytest.raises(
        InputError, match=r"^solar_capacity_factor=1e-310: too small: pv_mwac overflows float64"
    ):
        generation.solar_storage_sizing(0.0, 1e-310)
