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
