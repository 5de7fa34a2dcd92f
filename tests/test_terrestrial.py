"""Tests of the terrestrial placement, cooling and generation modules."""

from __future__ import annotations

import math
import re
import tomllib

import numpy as np
import pytest
from _published import assert_rounds_to
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from orbitcompute import catalog, cooling, generation
from orbitcompute._paths import data_dir
from orbitcompute.errors import InputError
from orbitcompute.placements.terrestrial import sites, terrestrial_placement

INF = float("inf")

# McCalip (2025) terrestrial 1 GW, 5 yr, calculator defaults (static/js/math.js).
MCCALIP = {
    "site": "abilene_tx",
    "grid_headroom_mw": 0.0,
    "gas_max_mw": INF,
    "solar_enabled": 0.0,
    "turbine_type": "ccgt",
    "turbine_capex_usd_per_kw": 1800.0,
    "heat_rate_btu_per_kwh": 6200.0,
    "gas_price_usd_per_mmbtu": 4.30,
    "pue": 1.2,
    "wue_l_per_kwh": 0.0,
    "load_factor": 0.85,
    "facility_capex_usd_per_mw": 12.5e6,
    "facility_electrical_share": 0.42,
    "facility_mechanical_share": 0.24,
    "facility_civil_share": 0.20,
    "facility_fitout_share": 0.14,
    "land_available_acres": INF,
    "land_price_usd_per_acre": 0.0,
    "water_price_usd_per_m3": 0.0,
    "maintenance_fraction_per_year": 0.0,
    "staff_fte_per_mw": 0.0,
    "construction_years": 0.0,
    "first_power_years": 0.0,
    "turbine_lead_time_years": 0.0,
    "transformer_lead_time_years": 0.0,
    "accelerator_annual_failure_rate": 0.0,  # no GPU replacements on Earth
}

# Starcloud (2024) white paper, terrestrial 40 MW for 10 years.
STARCLOUD = {
    "site": "northern_virginia",
    "grid_headroom_mw": INF,
    "grid_wait_years": 0.0,
    "gas_max_mw": 0.0,
    "solar_enabled": 0.0,
    "electricity_price_usd_per_mwh": 40.0,
    "pue": 1.05,
    "wue_l_per_kwh": 0.5,
    "water_available_m3_per_year": INF,
    "load_factor": 1.0,
    "facility_capex_usd_per_mw": 0.0,
    "land_available_acres": INF,
    "land_price_usd_per_acre": 0.0,
    "water_price_usd_per_m3": 0.0,
    "maintenance_fraction_per_year": 0.0,
    "staff_fte_per_mw": 0.0,
    "backup_capex_usd": 20e6,
    "construction_years": 0.0,
    "first_power_years": 0.0,
    "accelerator_annual_failure_rate": 0.0,  # no GPU replacements on Earth
}


def _preset(file: str, inline: dict) -> dict:
    """The ``[[terrestrial]]`` table of a published-analysis scenario file.

    The file's table must carry exactly the assumptions written out above (``inline``).
    """
    path = data_dir() / "scenarios" / file
    tables = tomllib.loads(path.read_text()).get("terrestrial", [])
    assert tables, f"{file} has no [[terrestrial]] table"
    kw = dict(tables[0])
    kw.pop("name")
    assert kw == inline
    return kw


def test_mccalip_terrestrial_1gw_5yr():
    """McCalip 1 GW, 5 yr: 2.160 + 5.25 + 3.00 + 2.50 + 1.75 + fuel 1.191 = $15.851 B.

    Fuel = 6200 Btu/kWh * 4.30 $/MMBtu = 26.66 $/MWh, times 1000 MW * 8760 h * 5 yr *
    CF 0.85 * PUE 1.2 = 44.676e6 MWh -> $1.19106 B. LCOE = 15.851e9 / 37.23e6 MWh =
    425.76 $/MWh.
    """
    kw = _preset("mccalip_2025.toml", MCCALIP)
    r = terrestrial_placement(1000.0, 5, **kw)
    # to the digits the calculator prints (tests/_published.py)
    assert_rounds_to(r["cost_total_usd"], "15.851e9")
    assert_rounds_to(r["breakdown.capex.generation_gas_usd"], "2.160e9")
    assert_rounds_to(r["breakdown.capex.facility_electrical_usd"], "5.250e9")
    assert_rounds_to(r["breakdown.opex.fuel_usd"], "1.191e9")
    assert_allclose(r["breakdown.opex.fuel_usd"], 1.19106e9, rtol=1e-4)  # the docstring's
    assert_rounds_to(r["lcoe_usd_per_mwh"], "425.8")
    assert r["feasible"] and r["binding_constraint"] == "none"


def test_starcloud_terrestrial_40mw_10yr():
    """Starcloud 40 MW, 10 yr: 40,000 kW * 87,600 h * 0.04 $/kWh = $140.16 M energy,
    cooling 5% = $7.008 M, backup $20 M, total $167.17 M; water 3.504e9 kWh * 0.5 L =
    1.752e6 m3."""
    kw = _preset("starcloud_2024.toml", STARCLOUD)
    r = terrestrial_placement(40.0, 10, **kw)
    assert_rounds_to(r["cost_total_usd"], "167e6")  # the white paper's USD 167 M
    assert_allclose(r["cost_total_usd"], 167.168e6, rtol=1e-9)
    assert_allclose(r["energy_cost_it_usd"], 140.16e6, rtol=1e-9)
    assert_allclose(r["energy_cost_overhead_usd"], 7.008e6, rtol=1e-9)
    assert_allclose(r["water_m3_per_year"] * 10, 1.752e6, rtol=1e-9)


def test_colossus1_power_mix_and_gpu_count_consistent():
    """Colossus 1: 200k H100 in DGX H100 servers (10.2 kW per 8 GPUs = 1.275 kW per GPU)
    is 255 MW of IT. With the PUE the site's cooling design gives in Memphis (1.1509) the
    facility draws 255 x 1.1509 = 293.48 MW, 1.4674 kW per GPU (the README's "about
    1.47 kW"; 300 MW / 200k = 1.5 kW published). Published supply: 150 MW of grid, used
    in full, and gas permitted to 247 MW, which serves the other 293.48 - 150 = 143.48 MW."""
    n_gpu = 200_000
    it_mw = n_gpu * 10.2 / 8 / 1000.0
    assert_allclose(it_mw, 255.0)
    r = terrestrial_placement(it_mw, 3, site="memphis_tn")
    assert_allclose(r["pue"], 1.1509, rtol=1e-12)
    assert_allclose(r["facility_power_mw"] * 1000.0 / n_gpu, 1.4674, atol=1e-4)
    assert r["feasible"]
    assert_allclose(r["grid_mw"], 150.0)  # the MLGW/TVA supply is used in full
    assert_allclose(r["gas_mw"], 143.48, atol=0.01)  # within the Shelby County permit
    # without the turbines, the 150 MW grid alone binds
    r0 = terrestrial_placement(it_mw, 3, site="memphis_tn", gas_max_mw=0.0)
    assert r0["binding_constraint"] == "grid power"
    assert_allclose(r0["max_feasible_it_mw"], 150.0 / r0["pue"], rtol=1e-6)


def test_abilene_land_intensity():
    """Stargate Abilene: ~1,000 acres (published) for ~1.2 GW -> 0.83 acre/MW, i.e. the
    default campus intensity of ~0.85 acre/MW to within 5%. A 1.1 GW campus (facility)
    fits on the site and uses 0.85 * 1100 = 935 acres; the land binds above
    1,000 / 0.85 = 1,176 MW of facility power when supply is free."""
    acres = catalog.load("sites").loc["abilene_tx", "land_available_acres"]
    assert_allclose(acres / 1200.0, 0.85, rtol=0.05)
    r = terrestrial_placement(1100.0 / 1.2, 3, site="abilene_tx", pue=1.2, gas_max_mw=INF)
    assert r["feasible"]
    assert_allclose(r["land_acres"] / r["facility_power_mw"], 0.85, rtol=1e-9)
    assert_allclose(r["land_acres"], 935.0, rtol=1e-9)
    big = terrestrial_placement(
        2000.0, 3, site="abilene_tx", pue=1.2, gas_max_mw=INF, solar_enabled=0.0
    )
    assert big["binding_constraint"] == "land"
    assert_allclose(big["max_feasible_it_mw"], 1000.0 / 0.85 / 1.2, rtol=1e-6)


def test_grid_headroom_binds_in_northern_virginia():
    """N. Virginia: 300 MW of headroom after a 4-7 yr wait, no on-site generation; 1 GW
    of IT is infeasible with grid power binding and max = 300 MW / PUE. (With the
    catalog's 224-acre parcel the land binds first, at 224 / 0.85 = 264 MW; with its
    5e6 m3/yr of water the wet design's water binds at 262 MW, see
    test_auto_cooling_maximum_is_the_sites_not_the_demands.)"""
    r = terrestrial_placement(
        np.array([100.0, 1000.0]),
        10,
        site="northern_virginia",
        land_available_acres=INF,
        water_available_m3_per_year=INF,
    )
    assert list(r["feasible"]) == [True, False]
    assert list(r["binding_constraint"]) == ["none", "grid power"]
    assert_allclose(r["max_feasible_it_mw"], 300.0 / r["pue"], rtol=1e-6)
    assert_allclose(r["delivered_it_mw"][1], r["max_feasible_it_mw"][1])
    # nothing is delivered before the 5.5-year wait
    assert np.all(r["delivered_it_mw_by_year"][:, :5] == 0)
    assert np.all(r["time_to_first_power_years"] == 5.5)
    parcel = terrestrial_placement(1000.0, 10, site="northern_virginia")
    assert parcel["binding_constraint"] == "land"
    assert_allclose(parcel["facility_power_mw"], 224.0 / 0.85, rtol=1e-6)


def test_zero_water_moves_to_dry_design_with_higher_pue():
    """Cutting water to zero forces the dry design, whose PUE is higher."""
    wet = terrestrial_placement(200.0, 5, site="memphis_tn")
    dry = terrestrial_placement(200.0, 5, site="memphis_tn", water_available_m3_per_year=0.0)
    assert wet["wue_l_per_kwh"] > 0
    assert dry["cooling_design"] == "dry_cooler"
    assert dry["water_m3_per_year"] == 0
    assert dry["pue"] > wet["pue"]
    # a limited budget picks the intermediate adiabatic design (WUE 0.78 L/kWh in 3A)
    mid = terrestrial_placement(
        200.0, 5, site="memphis_tn", water_available_m3_per_year=200 * 8760 * 1.0
    )
    assert mid["cooling_design"] == "airside_economizer_adiabatic"
    assert wet["pue"] < mid["pue"] < dry["pue"]


def test_fixed_wet_design_reports_water_binding():
    r = terrestrial_placement(
        200.0,
        5,
        site="memphis_tn",
        cooling_design="water_chiller_waterside_economizer",
        water_available_m3_per_year=1e6,
    )
    assert r["binding_constraint"] == "water"
    # 1e6 m3 / (8,760 h x 2.1823 L/kWh, the design's WUE) = 52.3096 MW of IT
    assert_allclose(r["wue_l_per_kwh"], 2.1823, rtol=1e-12)
    assert_allclose(r["max_feasible_it_mw"], 1e6 / (8760 * 2.1823), rtol=1e-6)


def test_vectorized_matches_scalar_and_discounting():
    p = np.array([50.0, 150.0, 400.0])
    rate = np.array([0.0, 0.05, 0.10])
    r = terrestrial_placement(p, 6, site="richland_parish_la", discount_rate=rate)
    assert r["delivered_it_mw_by_year"].shape == (3, 6)
    for i in range(3):
        s = terrestrial_placement(p[i], 6, site="richland_parish_la", discount_rate=rate[i])
        assert_allclose(r["cost_total_discounted_usd"][i], s["cost_total_discounted_usd"])
    assert r["cost_total_discounted_usd"][0] == pytest.approx(r["cost_total_usd"][0])
    assert np.all(r["cost_total_discounted_usd"][1:] < r["cost_total_usd"][1:])
    parts = sum(v for k, v in r.items() if k.startswith("breakdown."))
    assert_allclose(parts, r["cost_total_usd"], rtol=1e-12)


def test_uae_round_the_clock_solar_matches_masdar_ratio():
    """At the reference capacity factor, 1 GW round the clock needs 5 GW of PV and
    19 GWh of storage (Masdar), on 5,000 MWac * 8.9 acres = 44,500 acres."""
    r = terrestrial_placement(1000.0, 5, site="abu_dhabi_uae", pue=1.0)
    assert_allclose(r["solar_mw"], 1000.0)
    assert_allclose(r["pv_mwac"], 5000.0)
    assert_allclose(r["storage_mwh"], 19000.0)
    assert_allclose(r["land_acres"] - 0.85 * 1000.0, 44_500.0)


def test_gas_fuel_and_co2():
    """6200 Btu/kWh * 4.30 $/MMBtu = 26.66 $/MWh; 9750 Btu/kWh * 117 lb/MMBtu =
    1140.75 lb/MWh = 0.5174 t/MWh."""
    assert_allclose(generation.gas_fuel_cost_usd_per_mwh(6200.0, 4.30), 26.66)
    assert_allclose(generation.gas_co2_t_per_mwh(9750.0), 1140.75 * 0.45359237 / 1000)


def test_accelerator_failure_rate_is_metas_fleet_rate():
    """Llama 3 (arXiv:2407.21783, Table 5): 148 faulty-GPU and 72 HBM3 interruptions in
    54 days on 16,384 H100s: (148 + 72) / 16,384 x 365 / 54 = 0.0908/yr, which the
    catalog rounds to 0.09 as McCalip's calculator (and the orbital bus row) does. The
    site returns the rate for the comparison to buy replacements; a percent typed as a
    whole number is refused."""
    meta = (148 + 72) / 16384 * 365 / 54
    row = catalog.get("terrestrial_defaults", "accelerator_annual_failure_rate")
    assert_allclose(row["value"], meta, rtol=0.01)
    assert row["value"] == catalog.get("bus", "accelerator_annual_failure_rate")["value"]
    r = terrestrial_placement(1000.0, 6, site="abilene_tx")
    assert r["accelerator_annual_failure_rate"] == row["value"]
    rate = np.array([0.0, 0.05, 0.12])
    r = terrestrial_placement(1000.0, 6, site="abilene_tx", accelerator_annual_failure_rate=rate)
    np.testing.assert_array_equal(r["accelerator_annual_failure_rate"], rate)
    for bad in (9.0, 1.0, -0.01, np.nan):
        with pytest.raises(InputError, match=r"^accelerator_annual_failure_rate="):
            terrestrial_placement(1000.0, 6, site="abilene_tx", accelerator_annual_failure_rate=bad)


def test_site_catalog_complete():
    names = sites()
    assert len(names) >= 8
    df = catalog.load("sites")
    for col in ("latitude_deg", "grid_headroom_mw", "electricity_price_usd_per_mwh"):
        assert df[col].notna().all()
    # EIA 2023: Tennessee 6.23, Louisiana 5.88 c/kWh
    assert df.loc["memphis_tn", "electricity_price_usd_per_mwh"] == 62.3
    assert df.loc["richland_parish_la", "electricity_price_usd_per_mwh"] == 58.8


@pytest.mark.filterwarnings("ignore:DatetimeIndex.dayofyear is deprecated")
def test_clear_sky_bounds_solar_capacity_factor():
    """pvlib clear-sky irradiance (Ineichen, bundled Linke turbidity): a sun-tracking
    plane receives at most DNI + DHI, so mean(DNI + DHI) / 1000 W/m2 (STC) bounds the
    AC capacity factor from above at every solar site."""
    import pandas as pd
    import pvlib  # in the test extra: a missing pvlib is a failure, not a skip

    df = catalog.load("sites")
    times = pd.date_range("2023-01-01", "2024-01-01", freq="1h", tz="UTC", inclusive="left")
    for name in df.index[df["solar_enabled"] == 1]:
        loc = pvlib.location.Location(df.loc[name, "latitude_deg"], df.loc[name, "longitude_deg"])
        cs = loc.get_clearsky(times)
        cf_clear = (cs["dni"] + cs["dhi"]).to_numpy().mean() / 1000.0
        assert df.loc[name, "solar_capacity_factor"] < cf_clear, name


def test_input_errors():
    with pytest.raises(InputError, match="did you mean 'memphis_tn'"):
        terrestrial_placement(100.0, 5, site="memphis")
    with pytest.raises(InputError, match="it_power_mw=-1"):
        terrestrial_placement(-1.0, 5)
    with pytest.raises(InputError, match="years"):
        terrestrial_placement(100.0, 2.5)
    with pytest.raises(InputError, match="did you mean 'pue'"):
        terrestrial_placement(100.0, 5, peu=1.2)
    with pytest.raises(InputError, match="load_factor"):
        terrestrial_placement(100.0, 5, load_factor=1.5)
    with pytest.raises(InputError, match="turbine_type"):
        terrestrial_placement(100.0, 5, turbine_type="steam")
    with pytest.raises(InputError, match="share"):
        terrestrial_placement(100.0, 5, facility_civil_share=0.9)
    assert math.isinf(terrestrial_placement(10.0, 1, **MCCALIP)["max_feasible_it_mw"])


# --- vectorization over every numeric parameter ------------------------------------------

# Valid value range of every numeric parameter (uniform draws), chosen so that draws cross
# the regimes: grid-, gas-, solar-, land- and water-limited sites, ramps that end inside
# and after the horizon, fixed and automatic cooling.
_RANGES = {
    "it_power_mw": (0.0, 3000.0),
    "grid_headroom_mw": (0.0, 1500.0),
    "grid_wait_years": (0.0, 8.0),
    "grid_co2_t_per_mwh": (0.0, 0.8),
    "electricity_price_usd_per_mwh": (20.0, 150.0),
    "gas_price_usd_per_mmbtu": (1.0, 10.0),
    "gas_max_mw": (0.0, 1000.0),
    "solar_enabled": (0.0, 1.0),
    "solar_capacity_factor": (0.1, 0.35),
    "land_available_acres": (0.0, 50_000.0),
    "land_price_usd_per_acre": (0.0, 5e5),
    "water_available_m3_per_year": (0.0, 2e7),
    "facility_capex_usd_per_mw": (5e6, 2e7),
    "facility_acres_per_mw": (0.3, 1.5),
    "solar_acres_per_mwac": (5.0, 10.0),
    "solar_pv_mwac_per_rtc_mw": (3.0, 7.0),
    "solar_storage_hours": (10.0, 30.0),
    "solar_reference_capacity_factor": (0.18, 0.3),
    "construction_years": (0.0, 5.0),
    "transformer_lead_time_years": (0.0, 5.0),
    "maintenance_fraction_per_year": (0.0, 0.05),
    "staff_fte_per_mw": (0.0, 1.0),
    "staff_cost_usd_per_fte_year": (5e4, 2e5),
    "water_price_usd_per_m3": (0.0, 6.0),
    "facility_electrical_share": (0.25, 0.45),
    "facility_mechanical_share": (0.10, 0.25),
    "facility_fitout_share": (0.05, 0.15),
    "gas_co2_lb_per_mmbtu": (100.0, 130.0),
    "accelerator_annual_failure_rate": (0.0, 0.2),
    "turbine_capex_usd_per_kw": (800.0, 2500.0),
    "turbine_lead_time_years": (0.5, 7.0),
    "heat_rate_btu_per_kwh": (5500.0, 10000.0),
    "load_factor": (0.3, 1.0),
    "gas_reserve_margin": (0.0, 0.3),
    "backup_capex_usd": (0.0, 1e8),
    "grid_interconnection_capex_usd_per_kw": (0.0, 300.0),
    "solar_capex_usd_per_kw": (3000.0, 9000.0),
    "solar_lead_time_years": (0.5, 3.0),
    "discount_rate": (0.0, 0.15),
}
_OPTIONAL = {"pue": (1.05, 1.6), "wue_l_per_kwh": (0.0, 2.5)}


def _draw_arrays(rng: np.random.Generator, shape: tuple[int, ...], optional: bool) -> dict:
    """One array per numeric parameter, each of a random shape that broadcasts to
    ``shape`` (scalar, the full shape, or trailing axes with some set to 1)."""

    def sub_shape() -> tuple[int, ...]:
        kind = rng.integers(3)
        if kind == 0:
            return ()
        if kind == 1:
            return shape
        k = int(rng.integers(0, len(shape) + 1))
        tail = shape[len(shape) - k :]
        return tuple(1 if rng.random() < 0.3 else n for n in tail)

    ranges = dict(_RANGES, **(_OPTIONAL if optional else {}))
    kw = {k: rng.uniform(lo, hi, size=sub_shape()) for k, (lo, hi) in ranges.items()}
    # a few unlimited resources, some exact zeros, some sources switched off
    for k in ("grid_headroom_mw", "gas_max_mw", "land_available_acres"):
        if kw[k].ndim and rng.random() < 0.5:
            kw[k].flat[:: max(kw[k].size // 2, 1)] = np.inf
    kw["solar_enabled"] = np.round(kw["solar_enabled"])
    # constraints between parameters: first power within the build; shares sum to 1
    kw["first_power_years"] = kw["construction_years"] * rng.uniform(0.0, 1.0, size=sub_shape())
    kw["facility_civil_share"] = 1.0 - (
        kw["facility_electrical_share"]
        + kw["facility_mechanical_share"]
        + kw["facility_fitout_share"]
    )
    return kw


def _assert_same(vec: dict, idx: tuple[int, ...], scalar: dict) -> None:
    for k, v in scalar.items():
        got = vec[k] if k == "year" else vec[k][idx]
        if np.asarray(v).dtype.kind in "US":
            assert np.array_equal(got, v), k
        else:
            assert_allclose(got, v, rtol=1e-9, atol=1e-9, equal_nan=True, err_msg=k)


@settings(max_examples=20, deadline=None)
@given(
    shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple),
    seed=st.integers(0, 2**32 - 1),
    optional=st.booleans(),
    site=st.sampled_from(["memphis_tn", "abu_dhabi_uae", "northern_virginia", "west_texas"]),
    years=st.integers(1, 9),
)
def test_every_numeric_parameter_broadcasts(shape, seed, optional, site, years):
    """All numeric parameters given as arrays at once (shapes that broadcast to
    ``shape``); each element equals the scalar call with that element's values, and the
    by-year outputs carry a trailing year axis."""
    rng = np.random.default_rng(seed)
    kw = _draw_arrays(rng, shape, optional)
    r = terrestrial_placement(years=years, site=site, **kw)
    assert r["delivered_it_mw_by_year"].shape == (*shape, years)
    assert r["binding_constraint"].shape == shape
    assert r["capex_usd"].shape == shape
    n = int(np.prod(shape))
    for flat in {0, n - 1, int(rng.integers(n))}:
        idx = np.unravel_index(flat, shape)
        one = {k: float(np.broadcast_to(v, shape)[idx]) for k, v in kw.items()}
        _assert_same(r, idx, terrestrial_placement(years=years, site=site, **one))


def test_monte_carlo_style_call_scalar_demand_array_prices():
    """The comparison's Monte Carlo shape: a scalar demand with N-sample arrays of
    prices, waits, capex and discount rate (these raised a broadcast error before)."""
    n = 7
    rng = np.random.default_rng(1)
    kw = {
        "electricity_price_usd_per_mwh": rng.uniform(40, 100, n),
        "gas_price_usd_per_mmbtu": rng.uniform(2, 6, n),
        "water_price_usd_per_m3": rng.uniform(0.5, 5, n),
        "facility_capex_usd_per_mw": rng.uniform(9.3e6, 15e6, n),
        "construction_years": rng.uniform(1, 3.6, n),
        "grid_wait_years": rng.uniform(4, 7, n),
        "discount_rate": rng.uniform(0.05, 0.10, n),
    }
    r = terrestrial_placement(1000.0, 6, site="northern_virginia", **kw)
    assert r["delivered_it_mw_by_year"].shape == (n, 6)
    for i in (0, n - 1):
        s = terrestrial_placement(
            1000.0, 6, site="northern_virginia", **{k: v[i] for k, v in kw.items()}
        )
        _assert_same(r, (i,), s)


def test_shapes_that_do_not_broadcast_raise_input_error():
    with pytest.raises(InputError, match=r"pue \(2,\)"):
        terrestrial_placement(np.ones(3), 4, pue=np.full(2, 1.2))
    with pytest.raises(InputError, match="electricity_price_usd_per_mwh=-1"):
        terrestrial_placement(100.0, 4, electricity_price_usd_per_mwh=np.array([50.0, -1.0]))
    with pytest.raises(InputError, match="first_power_years=2"):
        terrestrial_placement(
            100.0, 4, construction_years=np.array([3.0, 1.0]), first_power_years=2.0
        )


def test_solar_limited_by_land_closed_form():
    """Solar-only site: F = P * PUE must satisfy a_f F + a_s F <= L with a_s = 5 MWac/MW
    * 8.9 acre/MWac = 44.5 acre/MW at the reference capacity factor (0.244, the site's
    value here) and a_f = 0.85, so F_max = 10,000 / 45.35 = 220.51 MW (PUE 1); the land
    binds."""
    r = terrestrial_placement(
        1000.0,
        5,
        site="abu_dhabi_uae",
        power_priority="solar",
        land_available_acres=10_000.0,
        solar_capacity_factor=0.244,
        pue=1.0,
    )
    assert r["binding_constraint"] == "land"
    assert_allclose(r["max_feasible_it_mw"], 10_000.0 / 45.35, rtol=1e-12)
    assert_allclose(r["land_acres"], 10_000.0, rtol=1e-12)
    assert_allclose(r["solar_mw"], 10_000.0 / 45.35, rtol=1e-12)


def test_outputs_are_independent_arrays():
    """No output is a view of an input array or of another output (the model returns
    its own arrays without copying them, and must copy inputs it passes through)."""
    p = np.full(4, 100.0)
    pue = np.full(4, 1.2)
    backup = np.full(4, 1e6)
    r = terrestrial_placement(p, 3, pue=pue, backup_capex_usd=backup)
    items = list(r.items())
    for i, (k, v) in enumerate(items):
        for x in (p, pue, backup):
            assert not np.shares_memory(v, x), k
        for k2, v2 in items[i + 1 :]:
            assert not np.shares_memory(v, v2), (k, k2)


def test_cooling_quantile_spans_the_published_band():
    """cooling_quantile 0.05 / 0.5 / 0.95 gives Lei & Masanet's 5th percentile, the
    catalog's central value and the 95th percentile of the selected design's PUE, in one
    vectorized call; a higher PUE never lowers the energy cost."""
    q = np.array([0.05, 0.5, 0.95])
    r = terrestrial_placement(300.0, 6, site="lulea_se", cooling_quantile=q)
    zone = str(catalog.get("sites", "lulea_se")["climate_zone"])
    m = cooling.design_metrics(str(r["cooling_design"][1]), zone)
    assert_allclose(r["pue"], [m["pue_low"], m["pue"], m["pue_high"]], rtol=1e-12)
    assert np.all(np.diff(r["energy_cost_usd_per_year"]) >= 0)
    with pytest.raises(InputError, match="cooling_quantile"):
        terrestrial_placement(300.0, 6, site="lulea_se", cooling_quantile=0.99)


def _monthly_timeline(r, kw, years, priority, year_end=False):
    """Brute force of the build-out the model sums in closed form: month midpoints
    t_k = (k + 1/2)/12; built share 0 before first power, then min(t_k / T_c, 1);
    facility demand P_fac x share; each source, in priority order, on from its wait /
    lead time, serves min(its steady MW, the demand left); delivered IT = mean over
    the year's months / PUE (``year_end``: the last month's / PUE)."""
    t = (np.arange(12 * years) + 0.5) / 12.0
    share = np.where(
        t[:, None] >= kw["first_power_years"],
        np.minimum(t[:, None] / kw["construction_years"], 1.0),
        0.0,
    )
    left = r["facility_power_mw"] * share
    start = {
        "grid": kw["grid_wait_years"],
        "gas": np.maximum(kw["turbine_lead_time_years"], kw["transformer_lead_time_years"]),
        "solar": np.maximum(kw["solar_lead_time_years"], kw["transformer_lead_time_years"]),
    }
    served = np.zeros_like(left)
    for src in priority:
        take = np.minimum(np.where(t[:, None] >= start[src], r[f"{src}_mw"], 0.0), left)
        served += take
        left -= take
    if year_end:
        return served[11::12].T / r["pue"][:, None]
    by_year = served.reshape(years, 12, -1).mean(axis=1).T
    return by_year / r["pue"][:, None]


def _random_timeline_inputs(rng, n, late_waits, construction_high):
    """n random sites' waits, lead times, ramps and capacities for the brute-force timeline
    tests, including waits on month midpoints; ``late_waits`` are grid waits added to the
    short ones, and construction takes 1 to ``construction_high`` years."""
    return {
        "grid_wait_years": rng.choice([0.0, 0.5 / 12, 1.0, 2.25, 3.7, *late_waits], n),
        "turbine_lead_time_years": rng.uniform(0.0, 5.0, n),
        "transformer_lead_time_years": rng.choice([0.0, 1.0, 2.5 + 0.5 / 12, 4.0], n),
        "solar_lead_time_years": rng.uniform(0.0, 3.0, n),
        "construction_years": rng.uniform(1.0, construction_high, n),
        "first_power_years": rng.uniform(0.0, 1.0, n),
        "grid_headroom_mw": rng.uniform(0.0, 800.0, n),
        "gas_max_mw": rng.choice([0.0, 200.0, 700.0, INF], n),
        "solar_enabled": rng.choice([0.0, 1.0], n),
        "land_available_acres": INF,
    }


@pytest.mark.parametrize("priority", ["grid;gas;solar", "gas;grid;solar", "solar;gas;grid"])
def test_closed_form_timeline_equals_monthly_brute_force(priority):
    """200 random sites-worth of waits, lead times, ramps and capacities, including waits
    on month midpoints and limits that bind, against the month-by-month brute force."""
    n, years = 200, 7
    kw = _random_timeline_inputs(np.random.default_rng(11), n, [9.0], 4.0)
    r = terrestrial_placement(1000.0, years, site="abilene_tx", power_priority=priority, **kw)
    want = _monthly_timeline(r, kw, years, priority.split(";"))
    assert_allclose(r["delivered_it_mw_by_year"], want, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("zone", ["3A", "5A"])
def test_cooling_selection_is_first_fitting_design_else_driest(zone):
    """Vectorized selection against a per-element brute force: the lowest-PUE candidate
    whose water use (at the quantile's WUE) fits, else the one of lowest central WUE."""
    rng = np.random.default_rng(5)
    n = 400
    p = rng.choice([0.0, 10.0, 200.0, 1000.0], n)
    water = rng.choice([0.0, 1e5, 1e6, 5e6, 2e7, INF], n) * rng.uniform(0.5, 1.5, n)
    qt = rng.uniform(0.05, 0.95, n)
    wet = ("water_chiller_waterside_economizer", "airside_economizer_adiabatic")
    seen = set()
    for cands in (None, wet):
        r = cooling.select_cooling_design(p, water, zone, candidates=cands, quantile=qt)
        names = cands or tuple(cooling.designs(auto_only=True))
        metrics = [cooling.design_metrics(d, zone) for d in names]
        for i in range(0, n, 7):
            t = qt[i]
            rows = []  # (central PUE, central WUE, WUE at the quantile, name)
            for name, m in zip(names, metrics, strict=True):
                w, w_lo, w_hi = (m[f"wue_l_per_kwh{s}"] for s in ("", "_low", "_high"))
                wue = w + (w - w_lo) * (min(t, 0.5) - 0.5) / 0.45
                wue += (w_hi - w) * max(t - 0.5, 0.0) / 0.45
                rows.append((m["pue"], w, wue, name))
            rows.sort(key=lambda b: b[0])
            fitting = [b for b in rows if p[i] * 8760 * b[2] <= water[i] * (1 + 1e-12)]
            want = fitting[0] if fitting else min(rows, key=lambda b: b[1])
            assert r["design"][i] == want[3]
            assert r["water_fits"][i] == bool(fitting)
            assert_allclose(r["wue_l_per_kwh"][i], want[2], rtol=1e-9, atol=1e-12)
            seen.add(bool(fitting))
    assert seen == {True, False}


def test_no_power_within_the_horizon_is_infeasible():
    """A grid wait as long as the horizon: the campus is built but never energised
    within it (first power at 5 yr of a 5-yr study), so nothing is served, the
    levelized cost is undefined (NaN) and the reason is "horizon". A wait of 4.9 yr
    serves the last year's months from 4.9 yr on and stays feasible; the 1-yr study
    with first power at 1 yr (the default first_power_years) is late too."""
    r = terrestrial_placement(100.0, 5, grid_wait_years=np.array([4.9, 5.0, 6.0]))
    assert r["feasible"].tolist() == [True, False, False]
    assert r["binding_constraint"].tolist() == ["none", "horizon", "horizon"]
    assert np.isfinite(r["lcoe_usd_per_mwh"][0])
    assert np.isnan(r["lcoe_usd_per_mwh"][1:]).all()
    assert (r["delivered_it_mw_by_year"][1:] == 0).all()
    one = terrestrial_placement(100.0, 1)
    assert not one["feasible"] and str(one["binding_constraint"]) == "horizon"
    # a physical limit that also binds keeps its own label
    both = terrestrial_placement(100.0, 5, grid_wait_years=6.0, land_available_acres=1.0)
    assert str(both["binding_constraint"]) == "land"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"years": float("nan")}, r"^years=nan: must be a whole number of years in \[1, 1000\]"),
        ({"years": 2.5}, r"^years=2\.5: must be a whole number"),
        ({"years": "5"}, r"^years='5': must be a whole number"),
        ({"years": 1e300}, r"^years=1e\+300: must be a whole number"),
        ({"start_year": None}, r"^start_year=None: must be a whole number of calendar year"),
        ({"start_year": 2027.5}, r"^start_year=2027\.5:"),
        ({"it_power_mw": 0.0}, r"^it_power_mw=0: must be > 0"),
        ({"grid_headroom_mw": None}, r"^grid_headroom_mw=None: must be a number"),
    ],
)
def test_horizon_demand_and_none_are_input_errors(kwargs, message):
    args = {"it_power_mw": 100.0, "years": 5, **kwargs}
    with pytest.raises(InputError, match=message):
        terrestrial_placement(**args)


def test_dispatch_serves_in_priority_order_and_names_bad_sources():
    """300 MW from grid 100 then gas 150: grid 100, gas 150, shortfall 50, solar 0."""
    from orbitcompute.placements.terrestrial import dispatch

    r = dispatch(300.0, {"grid": 100.0, "gas": 150.0, "solar": 1e9}, ["grid", "gas"])
    assert [float(r[k]) for k in ("grid_mw", "gas_mw", "solar_mw", "shortfall_mw")] == [
        100.0,
        150.0,
        0.0,
        50.0,
    ]
    with pytest.raises(InputError, match=r"^priority=\['grid', 'gas'\]: 'gas' needs a capacity"):
        dispatch(300.0, {"grid": 100.0}, ["grid", "gas"])
    with pytest.raises(InputError, match=r"^priority=\['wind'\]: 'wind' needs one of"):
        dispatch(300.0, {"wind": 100.0}, ["wind"])


@pytest.mark.parametrize("bad", [5, ["grid", 3], None, {"grid": 1}])
def test_power_priority_that_is_no_list_of_names_is_named(bad):
    """An integer order from a scenario file raised TypeError: 'int' is not iterable."""
    with pytest.raises(InputError, match=r"^power_priority=.*: must be a string such as"):
        terrestrial_placement(100.0, 6, site="memphis_tn", power_priority=bad)
    assert terrestrial_placement(100.0, 6, power_priority=("gas", "grid"))["feasible"]


# ------------------------------------- generation and cooling: bad input named as given


@pytest.mark.parametrize("bad", ["steam", ["ccgt"], np.array(["ccgt", "aeroderivative"]), None])
def test_generation_technology_names_its_own_parameter(bad):
    """technology(name=...) said turbine_type=, the placement's name for it."""
    with pytest.raises(InputError, match=r"^name="):
        generation.technology(bad)


def test_numpy_string_names_are_names():
    """np.str_ names (as read from an array or a data frame) are accepted like str by
    every name keyword: accelerator=, site=, turbine_type=, cooling_design=; they were
    refused with "not in data/...; did you mean <the same name>?", and a turbine_type
    with "name=". A wrong one names its own keyword, shown as the name it is."""
    kw = {"accelerator": "gb200_nvl72", "turbine_type": "ccgt", "cooling_design": "auto"}
    want = terrestrial_placement(100.0, 3, site="abilene_tx", **kw)
    got = terrestrial_placement(
        100.0, 3, site=np.str_("abilene_tx"), **{k: np.str_(v) for k, v in kw.items()}
    )
    for k in ("cost_total_discounted_usd", "pue", "delivered_it_mw"):
        assert_allclose(got[k], want[k], rtol=0)
    assert got["cooling_design"] == "direct_liquid_cooling"
    with pytest.raises(InputError, match=r"^turbine_type='ccgx': must be one of .*'ccgt'"):
        terrestrial_placement(100.0, 3, turbine_type=np.str_("ccgx"))
    with pytest.raises(InputError, match=r"^site='memphis': unknown site"):
        terrestrial_placement(100.0, 3, site=np.str_("memphis"))
    with pytest.raises(InputError, match=r"^accelerator='gb200': not in"):
        terrestrial_placement(100.0, 3, accelerator=np.str_("gb200"))


def test_cooling_quantile_is_named_quantile():
    with pytest.raises(InputError, match=r"^quantile=1\.5: must be in \[0\.05, 0\.95\]"):
        cooling.select_cooling_design(10.0, 1e9, "4A", quantile=1.5)


def test_cooling_single_candidate_string_is_one_candidate():
    """'dry_cooler' was iterated as its characters ('d' was not a design)."""
    one = cooling.select_cooling_design(10.0, 0.0, "4A", candidates="dry_cooler")
    tup = cooling.select_cooling_design(10.0, 0.0, "4A", candidates=("dry_cooler",))
    assert str(one["design"]) == str(tup["design"]) == "dry_cooler"
    assert float(one["pue"]) == float(tup["pue"])


@pytest.mark.parametrize("bad", [("dryy",), "dryy", [["dry_cooler"]], 5, ()])
def test_cooling_bad_candidates_name_the_parameter(bad):
    with pytest.raises(InputError, match=r"^candidates="):
        cooling.select_cooling_design(10.0, 1e9, "4A", candidates=bad)


@pytest.mark.parametrize("bad", ["abc", None, np.nan, -1.0, -np.inf, [1.0, "x"]])
def test_cooling_water_budget_that_is_not_a_number(bad):
    """'abc' raised a raw ValueError; inf (unlimited) stays allowed."""
    with pytest.raises(InputError, match=r"^water_available_m3_per_year="):
        cooling.select_cooling_design(10.0, bad, "4A")
    r = cooling.select_cooling_design(10.0, np.inf, "4A")
    assert bool(r["water_fits"])


@pytest.mark.parametrize("bad", [["dry_cooler"], np.array(["dry_cooler"]), "dryy"])
def test_cooling_design_metrics_names_design(bad):
    with pytest.raises(InputError, match=r"^design="):
        cooling.design_metrics(bad, "4A")


@pytest.mark.parametrize("flag", ["no", 0, np.nan, None])
def test_cooling_auto_only_must_be_a_bool(flag):
    with pytest.raises(InputError, match=r"^auto_only="):
        cooling.designs(auto_only=flag)


@pytest.mark.parametrize("value", [True, np.nan, -1.0])
def test_limits_that_may_be_infinite_refuse_booleans_and_nan(value):
    """`land_available_acres = true` in a scenario was read as 1 acre."""
    with pytest.raises(InputError, match=r"^land_available_acres=.*: must be >= 0 acre \(inf"):
        terrestrial_placement(100.0, 5, land_available_acres=value)


def test_a_staff_cost_so_large_that_the_costs_overflow_is_named():
    with pytest.raises(
        InputError, match=r"^staff_cost_usd_per_fte_year=1e\+307: too large: the placement"
    ):
        terrestrial_placement(100.0, 6, staff_cost_usd_per_fte_year=1e307)


@pytest.mark.parametrize(
    "name, hint",
    [
        ("maintenance_fraction_per_year", r"1/yr, a fraction of the capex per year"),
        ("gas_reserve_margin", r"spare turbine capacity as a fraction of the gas load"),
    ],
)
@pytest.mark.parametrize("value", [2.0, 1.0001, 1e300, np.array([0.02, 5.0])])
def test_a_fraction_above_one_is_refused_as_a_percent(name, hint, value):
    """`maintenance_fraction_per_year = 2` (200 %/yr for 2 %) gave Memphis 6.05 USD/acc-h
    (2.5x the default); a reserve margin of 5 bought six times the gas turbines. Both
    are at most 1 (the capex itself each year; 2N); arrays are checked per element."""
    bad = re.escape(f"{float(np.max(value)):g}")
    with pytest.raises(InputError, match=rf"^{name}={bad}: must be in \[0, 1\].*{hint}"):
        terrestrial_placement(100.0, 6, site="memphis_tn", **{name: value})


def test_a_fraction_of_one_and_the_catalog_range_are_accepted():
    """1 itself and the catalog's 0.01-0.04 maintenance range are accepted; a reserve
    margin of 1 (2N) doubles the gas capex: Memphis buys its gas turbines twice."""
    m = terrestrial_placement(
        100.0, 6, site="memphis_tn", maintenance_fraction_per_year=np.array([0.01, 0.04, 1.0])
    )
    assert np.isfinite(m["cost_total_usd"]).all()
    one = terrestrial_placement(1000.0, 6, site="memphis_tn", gas_reserve_margin=1.0)
    zero = terrestrial_placement(1000.0, 6, site="memphis_tn", gas_reserve_margin=0.0)
    assert zero["breakdown.capex.generation_gas_usd"] > 0
    assert_allclose(
        one["breakdown.capex.generation_gas_usd"],
        2.0 * zero["breakdown.capex.generation_gas_usd"],
        rtol=1e-12,
    )


# ------------------------------------------ auto cooling: the maximum is the site's


def test_auto_cooling_maximum_is_the_sites_not_the_demands():
    """The cooling design is chosen for what is built, so the maximum does not fall
    when more is demanded (it fell from 344.9 to 244.0 MW at Memphis before).

    Memphis (zone 3A, grid 150 + gas 247 = 397 MW, 1e7 m3/yr): the wet chiller (PUE
    1.1509, WUE 2.1823 L/kWh) is supply-limited at 397 / 1.1509 = 344.947 MW, whose
    water, 344.947 x 8760 x 2.1823 = 6.59e6 m3, fits: the maximum at every demand.

    Richland Parish (3A, 2250 acres at 0.85 acre/MW, 1e7 m3/yr, unlimited gas): wet
    water-limited at 1e7 / (8760 x 2.1823) = 523 MW, adiabatic (PUE 1.1915, WUE
    0.7775) at 1e7 / (8760 x 0.7775) = 1468.2 MW, dry (PUE 1.6268, WUE 0) land-limited
    at 2250 / 0.85 / 1.6268 = 1627.16 MW: the site's maximum. 1000 MW is built
    adiabatic (the lowest PUE that builds it all), 1500 and 3000 MW dry.

    Northern Virginia without its land limit (4A, grid 300 MW, 5e6 m3/yr): wet
    water-limited at 5e6 / (8760 x 2.1776) = 262.11 MW, more than the adiabatic
    design's 300 / 1.1662 = 257.25 MW: water binds."""
    r = terrestrial_placement(np.array([400.0, 1000.0, 3000.0]), 10, site="memphis_tn")
    assert_allclose(r["max_feasible_it_mw"], 397.0 / 1.1509, rtol=1e-12)
    assert_allclose(r["delivered_it_mw"], 397.0 / 1.1509, rtol=1e-12)
    assert set(r["cooling_design"]) == {"water_chiller_waterside_economizer"}
    assert list(r["binding_constraint"]) == ["power supply"] * 3
    assert np.all(r["water_m3_per_year"] <= 1e7)

    r = terrestrial_placement(np.array([1000.0, 1500.0, 3000.0]), 10, site="richland_parish_la")
    assert_allclose(r["max_feasible_it_mw"], 2250.0 / 0.85 / 1.6268, rtol=1e-12)
    assert_allclose(r["delivered_it_mw"], [1000.0, 1500.0, 2250.0 / 0.85 / 1.6268], rtol=1e-12)
    assert list(r["cooling_design"]) == [
        "airside_economizer_adiabatic",
        "dry_cooler",
        "dry_cooler",
    ]
    assert list(r["binding_constraint"]) == ["none", "none", "land"]
    assert_allclose(r["water_m3_per_year"][0], 1000.0 * 8760 * 0.7775, rtol=1e-12)

    r = terrestrial_placement(1000.0, 10, site="northern_virginia", land_available_acres=INF)
    assert r["cooling_design"] == "water_chiller_waterside_economizer"
    assert r["binding_constraint"] == "water"
    assert_allclose(r["max_feasible_it_mw"], 5e6 / (8760 * 2.1776), rtol=1e-12)
    assert_allclose(r["water_m3_per_year"], 5e6, rtol=1e-12)


@pytest.mark.parametrize("site", sites())
def test_auto_cooling_maximum_does_not_depend_on_the_demand(site):
    """At every site, with the catalog's water and with 3e6 m3/yr, at the band's ends
    and middle (at the 95th percentile even the dry design uses some water), the
    maximum is the same for every demand, delivered IT never falls as demand grows,
    and the water used never exceeds the allowance."""
    from orbitcompute.placements.terrestrial import site_parameters

    p = np.geomspace(1.0, 1e5, 41)[:, None]
    catalog_water = site_parameters(site)["water_available_m3_per_year"]
    for water in (catalog_water, 3e6):
        r = terrestrial_placement(
            p,
            6,
            site=site,
            cooling_quantile=np.array([0.05, 0.5, 0.95]),
            water_available_m3_per_year=water,
        )
        mx = r["max_feasible_it_mw"]
        assert_allclose(mx, np.broadcast_to(mx[0], mx.shape), rtol=1e-12)
        assert np.all(np.diff(r["delivered_it_mw"], axis=0) >= 0)
        assert np.all(r["water_m3_per_year"] <= water * (1 + 1e-9))


def test_fixed_design_is_unchanged_and_pue_alone_keeps_the_design_name():
    """A fixed design still takes its own PUE/WUE whatever the demand (water binds at
    its WUE). ``pue`` alone replaces only the PUE: the WUE is still the design's, and
    ``cooling_design`` names it (it said "custom" before); both given: "custom"."""
    r = terrestrial_placement(300.0, 10, site="memphis_tn", pue=1.3, cooling_design="dry_cooler")
    assert r["cooling_design"] == "dry_cooler"
    assert r["pue"] == 1.3 and r["wue_l_per_kwh"] == 0.0
    both = terrestrial_placement(300.0, 10, pue=1.3, wue_l_per_kwh=0.2)
    assert both["cooling_design"] == "custom"
    auto = terrestrial_placement(100.0, 10, site="memphis_tn", pue=1.3)
    assert auto["cooling_design"] == "water_chiller_waterside_economizer"
    assert_allclose(auto["wue_l_per_kwh"], 2.1823, rtol=1e-12)


# -------------------------------------------------------- installed IT at year ends


def test_installed_it_mw_by_year_is_the_last_months_it_power():
    """A linear ramp over T_c = 2 yr from first power at 0, 120 MW of IT at PUE 1.

    One source (the grid, unlimited, no wait): the last month of year y has midpoint
    t = y + 11.5/12, so the IT in service is 120 t / 2 = 5 (12 y + 11.5) MW until the
    campus is complete: 57.5 and 117.5 MW, then 120 MW. (The year means are
    5 x 6 = 30 and 5 x 18 = 90 MW.)

    Two sources: grid capped at 50 MW and gas after a 1.5-yr lead time: year 0 ends
    at min(57.5, 50) = 50 MW (gas not yet on), year 1 at 117.5 MW (gas on at 1.958 yr).
    A grid wait of 4.99 yr in a 5-yr horizon: the last month's midpoint, 4.958 yr, is
    before it, so nothing is installed at any year end although 120 MW is built:
    delivered_it_mw, the IT MW in service at the horizon end, is 0; the campus is
    still 120 MW (facility_power_mw at PUE 1)."""
    base = {
        "site": "abilene_tx",
        "pue": 1.0,
        "wue_l_per_kwh": 0.0,
        "land_available_acres": INF,
        "water_available_m3_per_year": INF,
        "grid_wait_years": 0.0,
        "transformer_lead_time_years": 0.0,
        "construction_years": 2.0,
        "first_power_years": 0.0,
    }
    one = terrestrial_placement(120.0, 4, power_priority="grid", grid_headroom_mw=INF, **base)
    assert_allclose(one["installed_it_mw_by_year"], [57.5, 117.5, 120.0, 120.0], rtol=1e-12)
    assert_allclose(one["delivered_it_mw_by_year"][:2], [30.0, 90.0], rtol=1e-12)
    assert one["installed_it_mw_by_year"][-1] == one["delivered_it_mw"]

    two = terrestrial_placement(
        120.0,
        4,
        power_priority="grid;gas",
        grid_headroom_mw=50.0,
        gas_max_mw=INF,
        turbine_lead_time_years=1.5,
        **base,
    )
    assert_allclose(two["installed_it_mw_by_year"], [50.0, 117.5, 120.0, 120.0], rtol=1e-12)

    late = terrestrial_placement(
        120.0,
        5,
        power_priority="grid",
        grid_headroom_mw=INF,
        **{**base, "grid_wait_years": 4.99},
    )
    assert np.all(late["installed_it_mw_by_year"] == 0.0)
    assert late["delivered_it_mw"] == 0.0
    assert late["facility_power_mw"] == 120.0


@pytest.mark.parametrize("priority", ["grid;gas;solar", "gas;grid;solar", "solar;gas;grid"])
def test_installed_it_mw_by_year_equals_the_monthly_brute_force(priority):
    """The closed form against the month-by-month brute force of
    test_closed_form_timeline_equals_monthly_brute_force (last month of each year).
    Its last element is delivered_it_mw (the IT MW in service at the horizon end):
    exactly the campus's IT load (facility_power_mw / pue) where everything is on by
    then, less where not, and those are infeasible (binding "horizon" or a physical
    limit, never "none")."""
    n, years = 200, 7
    kw = _random_timeline_inputs(np.random.default_rng(12), n, [6.97, 9.0], 8.0)
    r = terrestrial_placement(1000.0, years, site="abilene_tx", power_priority=priority, **kw)
    want = _monthly_timeline(r, kw, years, priority.split(";"), year_end=True)
    got = r["installed_it_mw_by_year"]
    assert got.shape == (n, years)
    assert_allclose(got, want, rtol=1e-9, atol=1e-9)
    done = r["time_to_full_power_years"] < years - 0.5 / 12
    assert done.any() and (~done).any()
    assert np.array_equal(got[:, -1], r["delivered_it_mw"])
    campus = r["facility_power_mw"] / r["pue"]
    assert_allclose(got[done, -1], campus[done], rtol=1e-12)
    assert np.all(got[~done, -1] < campus[~done])
    assert not r["feasible"][~done].any()
    assert "none" not in r["binding_constraint"][~done]
    assert "horizon" in r["binding_constraint"][~done]


# ------------------------------------------------------------------- bad input named


def test_solar_enabled_is_a_switch_not_a_fraction():
    """0.5 was read as fully on (and 0.1 lifted Memphis's maximum): refused now;
    True/False are the same as 1/0."""
    with pytest.raises(InputError, match=r"^solar_enabled=0\.5: must be 0 or 1"):
        terrestrial_placement(2000.0, 10, site="abu_dhabi_uae", solar_enabled=0.5)
    with pytest.raises(InputError, match=r"^solar_enabled=0\.1: must be 0 or 1"):
        terrestrial_placement(300.0, 10, solar_enabled=np.array([0.0, 0.1]))
    on = terrestrial_placement(2000.0, 10, site="abu_dhabi_uae", solar_enabled=True)
    one = terrestrial_placement(2000.0, 10, site="abu_dhabi_uae", solar_enabled=1.0)
    assert on["solar_mw"] == one["solar_mw"] > 0
    off = terrestrial_placement(2000.0, 10, site="abu_dhabi_uae", solar_enabled=np.array([False]))
    assert off["solar_mw"][0] == 0.0


def test_no_listed_source_is_power_supply_not_grid_power():
    """Memphis with power_priority="solar" (solar disabled there): nothing can serve;
    the grid is not listed, so the reason is "power supply" (it said "grid power")."""
    r = terrestrial_placement(300.0, 10, site="memphis_tn", power_priority="solar")
    assert r["binding_constraint"] == "power supply"
    assert r["max_feasible_it_mw"] == 0.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"cooling_design": np.array([1, 2])}, r"^cooling_design=array\(\[1, 2\]\): must be one"),
        ({"site": np.array(["memphis_tn"])}, r"^site=array\(\['memphis_tn'\].*: must be a site"),
        ({"site": 3}, r"^site=3: must be a site name \(a string\)"),
    ],
)
def test_choices_that_are_not_strings_are_named(kwargs, message):
    """Raw ValueError (truth value of an array) and TypeError (unhashable) before."""
    with pytest.raises(InputError, match=message):
        terrestrial_placement(300.0, 10, **kwargs)


def test_site_parameters_refuses_an_array_and_lists_every_parameter():
    """site_parameters(np.array([...])) raised TypeError; it omitted the turbine's
    three numbers although they are parameters; pue/wue are None (no single number)."""
    from orbitcompute.placements.terrestrial import PARAMETERS, site_parameters

    with pytest.raises(InputError, match=r"^site=array\(\['memphis_tn'\].*: must be a site"):
        site_parameters(np.array(["memphis_tn"]))
    q = site_parameters("memphis_tn")
    assert set(q) == set(PARAMETERS)
    tech = generation.technology(q["turbine_type"])
    assert q["turbine_capex_usd_per_kw"] == tech["capex_usd_per_kw"]
    assert q["turbine_lead_time_years"] == tech["lead_time_years"]
    assert q["heat_rate_btu_per_kwh"] == tech["heat_rate_btu_per_kwh"]
    assert q["pue"] is None and q["wue_l_per_kwh"] is None


@pytest.mark.parametrize("empty", ["construction_years", "first_power_years"])
def test_empty_timing_arrays_give_empty_outputs(empty):
    """A raw "zero-size array to reduction" ValueError before."""
    r = terrestrial_placement(300.0, 10, **{empty: np.array([])})
    assert r["delivered_it_mw"].shape == (0,)
    assert r["installed_it_mw_by_year"].shape == (0, 10)


# ------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize(
    "args, message",
    [
        ((100.0, {"grid": 50.0}, ["grid", "grid"]), r"^priority=\['grid', 'grid'\]: 'grid' is"),
        ((100.0, {"grid": 50.0}, "grid;grid"), r"^priority=\['grid', 'grid'\]: 'grid' is"),
        ((-10.0, {"grid": 50.0}, ["grid"]), r"^demand_mw=-10: must be >= 0"),
        ((np.nan, {"grid": 50.0}, ["grid"]), r"^demand_mw=nan: must be a finite number"),
        ((np.inf, {"grid": np.inf}, ["grid"]), r"^demand_mw=inf: must be a finite number"),
        (("100", {"grid": 50.0}, ["grid"]), r"^demand_mw='100': must be a number"),
        ((100.0, {"grid": -50.0}, ["grid"]), r"^capacities_mw\['grid'\]=-50: must be >= 0"),
        ((100.0, {"grid": np.nan}, ["grid"]), r"^capacities_mw\['grid'\]=nan: must be >= 0"),
        ((100.0, {"grid": "50"}, ["grid"]), r"^capacities_mw\['grid'\]='50': must be >= 0"),
        ((100.0, {"grid": None}, ["grid"]), r"^capacities_mw\['grid'\]=None: must be >= 0"),
        ((100.0, None, ["grid"]), r"^capacities_mw=None: must be a dict"),
        (
            (100.0, {"grid": 50.0, "wind": 100.0}, ["grid"]),
            r"^capacities_mw=\{'grid': 50\.0, 'wind': 100\.0\}: unknown source 'wind'",
        ),
        (
            (np.array([10.0, 100.0]), {"grid": np.array([5.0, 50.0, 500.0])}, ["grid"]),
            r"^array arguments do not broadcast together: demand_mw \(2,\), "
            r"capacities_mw\['grid'\] \(3,\)$",
        ),
        ((100.0, {"grid": 50.0}, 5), r"^priority=5: must be a list of source names"),
        ((100.0, {"grid": 50.0}, []), r"^priority=\[\]: give at least one source"),
    ],
)
def test_dispatch_refuses_bad_input(args, message):
    """Finding: a repeated source was served twice (no shortfall for 100 MW from one
    50 MW grid), negative/NaN/text values were used, an unknown source was ignored, and
    numpy's own errors escaped."""
    from orbitcompute.placements.terrestrial import dispatch

    with pytest.raises(InputError, match=message):
        dispatch(*args)


def test_dispatch_takes_a_priority_string_as_power_priority_does():
    """'grid;gas' is two sources (its characters were listed before): 100 MW from grid
    50 then gas 20 leaves 30 short."""
    from orbitcompute.placements.terrestrial import dispatch

    r = dispatch(100.0, {"grid": 50.0, "gas": 20.0}, "grid;gas")
    assert [float(r[k]) for k in ("grid_mw", "gas_mw", "solar_mw", "shortfall_mw")] == [
        50.0,
        20.0,
        0.0,
        30.0,
    ]


# --- audit round 5 ---------------------------------------------------------------------


def test_liquid_only_accelerator_restricts_auto_cooling_to_liquid_designs():
    """GB200 NVL72 has no air-cooled option (accelerators.csv cooling = liquid): the
    automatic choice is among the liquid designs only, direct_liquid_cooling (PUE
    1.10 in every zone), although its PUE is an estimate. Abilene 1000 MW: land
    1000 acres / 0.85 acre/MW / 1.10 = 1069.5 MW >= 1000, so all of it is built; with
    no accelerator the auto choice there is dry_cooler (PUE 1.7591 in 3B), land-bound
    at 1000 / 0.85 / 1.7591 = 668.8 MW. H100 (air or liquid) chooses as no accelerator."""
    free = terrestrial_placement(1000.0, 6, site="abilene_tx")
    assert free["cooling_design"] == "dry_cooler"
    assert_allclose(free["delivered_it_mw"], 1000 / 0.85 / 1.7591, rtol=1e-9)
    gb = terrestrial_placement(1000.0, 6, site="abilene_tx", accelerator="gb200_nvl72")
    assert gb["cooling_design"] == "direct_liquid_cooling"
    assert_allclose(gb["pue"], 1.10)
    assert gb["feasible"] and gb["binding_constraint"] == "none"
    assert_allclose(gb["delivered_it_mw"], 1000.0)
    h100 = terrestrial_placement(1000.0, 6, site="abilene_tx", accelerator="h100_sxm")
    assert h100["cooling_design"] == "dry_cooler"
    assert_allclose(h100["delivered_it_mw"], free["delivered_it_mw"], rtol=0)
    rec = catalog.get("cooling_designs", "direct_liquid_cooling_3b")
    assert rec.confidence == "estimate"  # the chosen design's PUE stays an estimate


def test_air_design_for_liquid_only_accelerator_is_infeasible_not_raised():
    """A dry cooler (air-cooled chiller) cannot host a GB200 NVL72 rack: nothing is
    built, feasible False, binding "cooling"; the direct liquid design is fine."""
    r = terrestrial_placement(
        np.array([100.0, 200.0]),
        6,
        site="abilene_tx",
        accelerator="gb200_nvl72",
        cooling_design="dry_cooler",
    )
    assert not r["feasible"].any()
    assert (r["binding_constraint"] == "cooling").all()
    assert_allclose(r["max_feasible_it_mw"], 0.0)
    assert_allclose(r["delivered_it_mw"], 0.0)
    ok = terrestrial_placement(
        100.0,
        6,
        site="abilene_tx",
        accelerator="gb200_nvl72",
        cooling_design="direct_liquid_cooling",
    )
    assert ok["feasible"] and ok["binding_constraint"] == "none"


@pytest.mark.parametrize(
    "bad, match",
    [
        ("gb200_nvl27", r"^accelerator='gb200_nvl27': not in data/accelerators.csv.*did you mean"),
        (["gb200_nvl72"], r"^accelerator=\['gb200_nvl72'\]: must be one name"),
        (7, r"^accelerator=7: must be one name"),
    ],
)
def test_unknown_accelerator_is_refused(bad, match):
    with pytest.raises(InputError, match=match):
        terrestrial_placement(100.0, 6, site="abilene_tx", accelerator=bad)


_TIMING = {
    "site": "northern_virginia",
    "grid_headroom_mw": INF,
    "grid_wait_years": 1.5,
    "transformer_lead_time_years": 0.0,
    "first_power_years": 1.0,
    "construction_years": 2.0,
    "pue": 1.0,
    "wue_l_per_kwh": 0.0,
    "electricity_price_usd_per_mwh": 0.0,
    "maintenance_fraction_per_year": 0.0,
    "staff_fte_per_mw": 0.0,
    "land_price_usd_per_acre": 1000.0,
    "land_available_acres": INF,
    "facility_capex_usd_per_mw": 1e6,
    "grid_interconnection_capex_usd_per_kw": 100.0,
}


def test_capex_is_paid_at_the_end_of_the_year_it_enters_service():
    """100 MW, no opex, r = 10 %, first power 1.0 yr, campus built by 2.0 yr, grid on at
    its wait of 1.5 yr (month 18, in year 1).

    Built share at the year ends (last months' midpoints 11.5/12, 23.5/12): year 0
    0 (before first power), year 1 23.5/24 = 0.97917, year 2 on 1. Facility 1e8 USD:
    1e8 (0.97917 / 1.1^2 + 0.02083 / 1.1^3) = 8.2489e7; grid interconnection 100 MW x
    100 USD/kW = 1e7 at the end of year 1: 1e7 / 1.1^2 = 8.2645e6; land 0.85 acre/MW
    x 100 MW x 1000 USD/acre = 85,000 at the end of year 0: 77,273. Total
    9.08298e7 (the undiscounted total stays 1.10085e8). Discount rates 0.1 and 0.2
    as an array give each its own value; at r = 0.2: 7.62186e7.
    """
    r = terrestrial_placement(100.0, 4, discount_rate=0.1, **_TIMING)
    want = 1e8 * (23.5 / 24 / 1.1**2 + (1 - 23.5 / 24) / 1.1**3) + 1e7 / 1.1**2 + 85e3 / 1.1
    assert_allclose(r["cost_total_discounted_usd"], want, rtol=1e-12)
    assert_allclose(r["cost_total_usd"], 1e8 + 1e7 + 85e3, rtol=1e-12)
    rates = np.array([0.1, 0.2])
    ra = terrestrial_placement(np.array([100.0, 100.0]), 4, **{**_TIMING, "discount_rate": rates})
    want2 = 1e8 * (23.5 / 24 / 1.2**2 + (1 - 23.5 / 24) / 1.2**3) + 1e7 / 1.2**2 + 85e3 / 1.2
    assert_allclose(ra["cost_total_discounted_usd"], [want, want2], rtol=1e-12)


def test_campus_not_complete_within_the_horizon_pays_its_built_share_only():
    """Horizon 2 yr, r = 10 %, campus of 100 MW built by 3 yr from first power at 1 yr,
    grid on at 1.5 yr (month 18, year 1), backup 1e7 USD.

    Built share at the year ends (last months' midpoints 11.5/12, 23.5/12): year 0 0
    (before first power), year 1 (the horizon end) 23.5/36 = 0.65278. Facility
    1e8 x 0.65278 = 6.52778e7 and backup 1e7 x 0.65278 = 6.52778e6, both at the end of
    year 1 (/1.21); grid interconnection 100 MW x 100 USD/kW = 1e7 at the end of year
    1 (/1.21); land 85,000 at the end of year 0 (/1.1). Undiscounted 6.52778e7 +
    6.52778e6 + 1e7 + 85,000 = 8.18906e7; discounted 5.39486e7 + 5.39486e6 + 8.26446e6
    + 77,273 = 6.76852e7 (before: the whole facility and backup, 1.20085e8 and
    9.92508e7). In service at the horizon end: 65.278 MW = delivered_it_mw (the
    campus is 100 MW); feasible False, binding "horizon" (before: 100 MW, feasible).

    First power at 2.5 yr (construction 3 yr), after the horizon: nothing is built
    (the campus counts as built from first power) and nothing delivered; only land is
    paid, 85,000 (77,273 discounted; before 1.20085e8); lcoe NaN, binding "horizon".
    """
    kw = {**_TIMING, "construction_years": 3.0, "backup_capex_usd": 1e7}
    r = terrestrial_placement(100.0, 2, discount_rate=0.1, **kw)
    f_end = 23.5 / 36
    assert_allclose(
        sum(
            r[f"breakdown.capex.facility_{k}_usd"]
            for k in ("electrical", "mechanical", "civil", "fitout")
        ),
        1e8 * f_end,
        rtol=1e-12,
    )
    assert_allclose(r["breakdown.capex.backup_usd"], 1e7 * f_end, rtol=1e-12)
    assert_allclose(r["cost_total_usd"], 1.1e8 * f_end + 1e7 + 85e3, rtol=1e-12)
    want = (1.1e8 * f_end + 1e7) / 1.1**2 + 85e3 / 1.1
    assert_allclose(r["cost_total_discounted_usd"], want, rtol=1e-12)
    assert_allclose(r["cost_total_discounted_usd"], 6.76852e7, rtol=1e-5)
    assert_allclose(r["installed_it_mw_by_year"], [0.0, 100.0 * f_end], rtol=1e-12)
    assert_allclose(r["delivered_it_mw"], 65.2778, rtol=1e-5)
    assert_allclose(r["facility_power_mw"], 100.0, rtol=1e-12)
    assert not r["feasible"] and r["binding_constraint"] == "horizon"

    none = terrestrial_placement(100.0, 2, discount_rate=0.1, **{**kw, "first_power_years": 2.5})
    assert_allclose(none["capex_usd"], 85e3, rtol=1e-12)
    assert_allclose(none["cost_total_usd"], 85e3, rtol=1e-12)
    assert_allclose(none["cost_total_discounted_usd"], 85e3 / 1.1, rtol=1e-12)
    assert none["delivered_it_mw"] == 0.0 and np.isnan(none["lcoe_usd_per_mwh"])
    assert not none["feasible"] and none["binding_constraint"] == "horizon"


# a campus of 100 MW on a grid of 60 MW from 0.5 yr and gas turbines that come on at
# 2.5 yr (first power at 1 yr, built by 1.5 yr)
_LATE_GAS = {
    **_TIMING,
    "grid_headroom_mw": 60.0,
    "grid_wait_years": 0.5,
    "gas_max_mw": INF,
    "turbine_capex_usd_per_kw": 1000.0,
    "turbine_lead_time_years": 2.5,
    "gas_price_usd_per_mmbtu": 0.0,
    "power_priority": "grid;gas",
    "construction_years": 1.5,
}


def test_a_source_that_comes_on_after_the_horizon_is_neither_paid_nor_delivered():
    """Horizon 2 yr, r = 10 %, campus of 100 MW at PUE 1 built by 1.5 yr from first
    power at 1 yr; the grid (60 MW, 100 USD/kW) waits 0.5 yr, gas (unlimited,
    1000 USD/kW) 2.5 yr: after the horizon.

    Gas serves 40 MW at full power but is not built within the horizon: its 4e7 USD
    is not paid and its maintenance not charged. Grid 60 MW x 100 USD/kW = 6e6 at the
    end of year 1 (on at first power, month 12); facility 1e8 at the end of year 1
    (built share 0 at the end of year 0, 1 at the end of year 1); land 85,000 at the
    end of year 0. Maintenance 1 %/yr of the campus only, 1e6 USD/yr, times the mean
    built share: year 0 0, year 1 (sum_{k=12..17} (k + 0.5) / 18 + 6) / 12 = 11/12:
    916,667 (before: of campus and gas, 1.28333e6), discounted 757,576. Undiscounted
    1e8 + 6e6 + 85,000 + 916,667 = 1.07001667e8; discounted 1.06e8 / 1.21 +
    77,273 + 757,576 = 8.84382e7. In service at the horizon end: the grid's 60 MW
    (delivered_it_mw); feasible False, binding "horizon"; full power at 2.5 yr.
    (Before: gas paid, 1.47368e8 and 1.21799e8, 100 MW delivered, feasible.)
    """
    kw = {**_LATE_GAS, "maintenance_fraction_per_year": 0.01}
    r = terrestrial_placement(100.0, 2, discount_rate=0.1, **kw)
    assert_allclose(r["gas_mw"], 40.0, rtol=1e-12)
    assert r["breakdown.capex.generation_gas_usd"] == 0.0
    assert_allclose(r["breakdown.capex.grid_interconnection_usd"], 6e6, rtol=1e-12)
    assert_allclose(r["breakdown.opex.maintenance_usd"], 1e6 * 11 / 12, rtol=1e-12)
    assert_allclose(r["cost_total_usd"], 1.06085e8 + 1e6 * 11 / 12, rtol=1e-12)
    want = 1.06e8 / 1.21 + 85e3 / 1.1 + 1e6 * 11 / 12 / 1.21
    assert_allclose(r["cost_total_discounted_usd"], want, rtol=1e-12)
    assert_allclose(r["cost_total_discounted_usd"], 8.84382e7, rtol=1e-5)
    assert_allclose(r["delivered_it_mw"], 60.0, rtol=1e-12)
    assert_allclose(r["time_to_full_power_years"], 2.5)
    assert not r["feasible"] and r["binding_constraint"] == "horizon"
    # a 3-yr horizon: gas on at 2.5 yr (month 30, year 2), paid 4e7 at the end of year
    # 2; the campus is complete and all on, feasible
    r3 = terrestrial_placement(100.0, 3, discount_rate=0.1, **kw)
    assert_allclose(r3["breakdown.capex.generation_gas_usd"], 4e7, rtol=1e-12)
    assert r3["feasible"] and r3["delivered_it_mw"] == 100.0


def test_generation_is_maintained_from_the_month_its_source_comes_on():
    """The 3-yr horizon of the case above (r = 10 %): the campus (1e8 USD, 1 %/yr) is
    maintained by its mean built share, 0, 11/12 and 1 in years 0-2; the gas turbines
    (4e7 USD, 1 %/yr = 4e5 USD/yr), whole, from month 30 (the first midpoint at or
    after 2.5 yr), when they come on and are paid: half of year 2 (months 30-35 of
    24-35). Maintenance 1e6 (11/12 + 1) + 4e5 / 2 = 2.116667e6 USD; its present value,
    the cost's increase over no maintenance, 1e6 (11/12 / 1.21 + 1 / 1.331) + 2e5 /
    1.331 = 1.659e6. (Before: the turbines were maintained by the campus's built share
    from first power, 4e5 (11/12 + 1) = 7.67e5 USD, from before they existed.)
    """
    kw = {**_LATE_GAS, "discount_rate": 0.1}
    r = terrestrial_placement(100.0, 3, **{**kw, "maintenance_fraction_per_year": 0.01})
    none = terrestrial_placement(100.0, 3, **kw)
    want = 1e6 * (11 / 12 + 1) + 4e5 / 2
    assert_allclose(r["breakdown.opex.maintenance_usd"], want, rtol=1e-12)
    assert_allclose(r["cost_total_usd"] - none["cost_total_usd"], want, rtol=1e-12)
    want_pv = 1e6 * (11 / 12 / 1.21 + 1 / 1.331) + 2e5 / 1.331
    d_pv = r["cost_total_discounted_usd"] - none["cost_total_discounted_usd"]
    assert_allclose(d_pv, want_pv, rtol=1e-10)
    # at full power the yearly figure is of the campus and all its generation
    assert_allclose(r["opex_usd_per_year"] - none["opex_usd_per_year"], 1.4e6, rtol=1e-12)
    # the same with the discount rate as an array: the time-major path
    rates = {"maintenance_fraction_per_year": 0.01, "discount_rate": np.array([0.1])}
    ra = terrestrial_placement(100.0, 3, **{**kw, **rates})
    assert_allclose(ra["cost_total_discounted_usd"], r["cost_total_discounted_usd"], rtol=1e-14)


def test_memphis_built_past_the_horizon_pays_and_hosts_its_built_share():
    """Memphis at 1 GW over 6 yr (the audit's case): a campus built over 8 yr is
    (6 - 1/24) / 8 = 0.744792 built at the horizon's last month, so its facility
    capex is 0.744792 of that of a 2-yr build (before: equal) and delivered_it_mw
    0.744792 of the campus (before: the whole campus); binding "power supply" stays
    (the site cannot host 1 GW anyway), and a demand it can host, 300 MW, is
    infeasible with "horizon"."""
    fac = [f"breakdown.capex.facility_{k}_usd" for k in ("electrical", "mechanical", "civil",
                                                          "fitout")]  # fmt: skip
    two = terrestrial_placement(1000.0, 6, site="memphis_tn", construction_years=2.0)
    eight = terrestrial_placement(1000.0, 6, site="memphis_tn", construction_years=8.0)
    share = (6 - 1 / 24) / 8
    assert_allclose(sum(eight[k] for k in fac), share * sum(two[k] for k in fac), rtol=1e-12)
    assert_allclose(eight["delivered_it_mw"], share * two["delivered_it_mw"], rtol=1e-12)
    assert eight["binding_constraint"] == "power supply"
    small = terrestrial_placement(300.0, 6, site="memphis_tn", construction_years=8.0)
    assert not small["feasible"] and small["binding_constraint"] == "horizon"
    assert_allclose(small["delivered_it_mw"], 300.0 * share, rtol=1e-12)


def test_fixed_backup_is_not_charged_where_nothing_is_built():
    """GB200 NVL72 (liquid only) with a dry cooler at Memphis: nothing can be built
    (binding "cooling"), so no campus, no land and no backup: capex and total cost 0
    (before: the 1e8 USD backup)."""
    r = terrestrial_placement(
        300.0,
        6,
        site="memphis_tn",
        accelerator="gb200_nvl72",
        cooling_design="dry_cooler",
        backup_capex_usd=1e8,
    )
    assert r["binding_constraint"] == "cooling" and r["delivered_it_mw"] == 0.0
    assert r["breakdown.capex.backup_usd"] == 0.0
    assert r["capex_usd"] == 0.0 and r["cost_total_usd"] == 0.0


def test_liquid_only_accelerator_at_a_site_without_water_builds_nothing():
    """direct_liquid_cooling has a central WUE of 0.05 L/kWh (Yobitel: liquid + dry
    cooler 0-0.10 L/kWh), so with no water allowance a liquid-only accelerator builds
    nothing (binding "water"), while an air-coolable one moves to the dry cooler
    (WUE 0). At 1 GW the liquid design needs 1e6 kW x 8760 h x 0.05 L/kWh =
    438,000 m3/yr."""
    kw = {"site": "memphis_tn", "water_available_m3_per_year": 0.0}
    liquid = terrestrial_placement(300.0, 6, accelerator="gb200_nvl72", **kw)
    assert liquid["max_feasible_it_mw"] == 0.0 and liquid["binding_constraint"] == "water"
    assert liquid["wue_l_per_kwh"] == 0.05
    air = terrestrial_placement(300.0, 6, accelerator="h100_sxm", **kw)
    assert air["cooling_design"] == "dry_cooler" and air["delivered_it_mw"] > 0
    full = terrestrial_placement(1000.0, 6, site="memphis_tn", accelerator="gb200_nvl72")
    assert_allclose(full["water_m3_per_year"] * 1000.0 / full["delivered_it_mw"], 438e3)
    # the catalog note and the docstring say so
    rows = [n for n in catalog.names("cooling_designs") if n.startswith("direct_liquid")]
    assert len(rows) == 10
    for name in rows:
        note = catalog.get("cooling_designs", name)["note"]
        assert "central WUE 0.05 L/kWh" in note and "no water allowance" in note
    assert "no water allowance" in " ".join(terrestrial_placement.__doc__.split())


def test_lcoe_is_levelized_and_the_undiscounted_ratio_is_kept():
    """lcoe_usd_per_mwh = discounted cost / discounted IT energy (Short et al. 1995,
    eq. 5-1, as the orbital placement); lcoe_undiscounted_usd_per_mwh = total cost /
    undiscounted energy; lcoe_discounted_usd_per_mwh is gone."""
    r = terrestrial_placement(1000.0, 6, site="memphis_tn", discount_rate=0.08)
    df = 1.08 ** -np.arange(1.0, 7.0)
    energy = r["delivered_it_mw_by_year"] * 8760.0
    assert_allclose(
        r["lcoe_usd_per_mwh"], r["cost_total_discounted_usd"] / (energy @ df), rtol=1e-12
    )
    assert_allclose(
        r["lcoe_undiscounted_usd_per_mwh"], r["cost_total_usd"] / energy.sum(), rtol=1e-12
    )
    assert "lcoe_discounted_usd_per_mwh" not in r
    flat = terrestrial_placement(1000.0, 6, site="memphis_tn")
    assert_allclose(flat["lcoe_usd_per_mwh"], flat["lcoe_undiscounted_usd_per_mwh"], rtol=1e-12)


@pytest.mark.parametrize(
    "name", ["gas_reserve_margin", "backup_capex_usd", "grid_interconnection_capex_usd_per_kw"]
)
def test_zero_defaults_are_catalog_rows_that_say_not_found(name):
    """The zeros that were hard-coded are rows of terrestrial_defaults.csv with an
    honest note; the placement's default is the row's value."""
    rec = catalog.get("terrestrial_defaults", name)
    assert rec["value"] == 0.0 and rec.confidence == "estimate"
    assert "NOT FOUND" in rec["note"] and "biased low" in rec["note"]
    from orbitcompute.placements.terrestrial import site_parameters

    assert site_parameters("memphis_tn")[name] == rec["value"]


def test_climate_zone_given_as_a_number_or_a_list_as_in_cooling():
    """Zone 7 (a TOML number) names zone '7' in both APIs; a list is refused in both
    with 'must be a string'."""
    a = terrestrial_placement(100.0, 6, site="lulea_se", climate_zone=7)
    b = terrestrial_placement(100.0, 6, site="lulea_se", climate_zone="7")
    assert_allclose(a["pue"], b["pue"], rtol=0)
    assert (
        cooling.select_cooling_design(100.0, 1e7, 7)["design"]
        == (cooling.select_cooling_design(100.0, 1e7, "7")["design"])
    )
    for call in (
        lambda: terrestrial_placement(100.0, 6, climate_zone=["3A"]),
        lambda: cooling.select_cooling_design(100.0, 1e7, ["3A"]),
    ):
        with pytest.raises(InputError, match=r"^climate_zone=\['3A'\]: must be a string"):
            call()
    with pytest.raises(InputError, match=r"^climate_zone=8: must be one of"):
        terrestrial_placement(100.0, 6, climate_zone=8)


def test_grid_wait_in_the_last_half_month_delivers_nothing():
    """The build-out is sampled at monthly midpoints; the last of a 6-yr horizon is
    5.9583 yr. A grid wait of 5.95 yr is served in month 71 (6 yr x 12 - 1): 1/12 of
    the year's months; 5.96 yr is after the last sample: nothing is delivered,
    feasible False, binding "horizon", although time to first power (5.96) < 6."""
    kw = {"site": "northern_virginia", "transformer_lead_time_years": 0.0}
    early = terrestrial_placement(100.0, 6, grid_wait_years=5.95, **kw)
    assert early["feasible"] and early["delivered_it_mw_by_year"][-1] > 0
    late = terrestrial_placement(100.0, 6, grid_wait_years=5.96, **kw)
    assert not late["feasible"] and late["binding_constraint"] == "horizon"
    assert_allclose(late["time_to_first_power_years"], 5.96)
    assert_allclose(late["delivered_it_mw_by_year"], 0.0)


def test_shortfall_is_in_facility_mw():
    """Memphis 1000 MW: shortfall = 1000 x PUE 1.1509 - (150 + 247) = 753.9 MW of
    facility power (the IT shortfall would be 655 MW)."""
    r = terrestrial_placement(1000.0, 6, site="memphis_tn")
    assert_allclose(r["shortfall_mw"], 1000.0 * r["pue"] - 397.0, rtol=1e-12)


@pytest.mark.parametrize("value", [0.0, 100.0, 3412.0])
def test_heat_rate_at_or_below_one_kwh_of_heat_is_refused(value):
    """1 kWh = 3,600 kJ / 1.05505585 kJ/Btu = 3,412.14 Btu: a turbine heat rate at or
    below it is an efficiency of 100 % or more (it was accepted, and 0 gave a gas plant
    with no fuel cost and no CO2)."""
    with pytest.raises(InputError, match=rf"^heat_rate_btu_per_kwh={value:g}: must be > 3412.14"):
        terrestrial_placement(100.0, 5, site="memphis_tn", heat_rate_btu_per_kwh=value)
    r = terrestrial_placement(100.0, 5, site="memphis_tn", heat_rate_btu_per_kwh=3412.2)
    assert r["feasible"]


def test_solar_reference_capacity_factor_above_one_is_refused():
    """A capacity factor is a share of the hours: 9 (a percent typed as a number) was
    accepted and scaled the PV build by it."""
    with pytest.raises(
        InputError, match=r"^solar_reference_capacity_factor=9: must be in \(0, 1\]"
    ):
        terrestrial_placement(100.0, 5, site="abu_dhabi_uae", solar_reference_capacity_factor=9.0)


def test_solar_capex_follows_the_pv_at_another_capacity_factor():
    """Abu Dhabi at half the reference capacity factor: the PV per MW of round-the-clock
    supply doubled (5 -> 10 MWac) but the solar capex stayed 6.0 M USD per MW (it was
    solar_mw * 6000 USD/kW). By hand, with the estimated PV share 0.5 of the catalog's
    6000 USD/kW: at CF 0.244, 6000 * 1e3 = 6.0e6 USD/MW; at CF 0.122, PV twice the
    reference, 6000 * 1e3 * (0.5 + 0.5 * 0.244 / 0.122) = 9.0e6 USD/MW. The site's
    numbers are generation.solar_storage_sizing's for its solar_mw (one formula)."""
    for cf, pv_per_mw, usd_per_mw in ((0.244, 5.0, 6.0e6), (0.122, 10.0, 9.0e6)):
        r = terrestrial_placement(
            1000.0, 6, 2027, "abu_dhabi_uae", solar_capacity_factor=cf, discount_rate=0.08
        )
        assert r["solar_mw"] > 0
        assert_allclose(r["pv_mwac"] / r["solar_mw"], pv_per_mw, rtol=1e-12)
        capex = r["breakdown.capex.generation_solar_storage_usd"]
        assert_allclose(capex / r["solar_mw"], usd_per_mw, rtol=1e-12)
        own = generation.solar_storage_sizing(r["solar_mw"], cf)
        assert_allclose(capex, own["capex_usd"], rtol=1e-12)
        assert_allclose(r["storage_mwh"], own["storage_mwh"], rtol=1e-12)


@pytest.mark.parametrize("years", [6, 7, 8, 11])
def test_campus_complete_at_the_last_monthly_sample_is_complete(years):
    """The build-out is sampled at monthly midpoints; the last of a horizon of ``n``
    years is ``t = (12 n - 1 + 0.5) / 12 = n - 1/24`` (6.958333 yr for 7). A campus
    whose construction ends exactly then is complete at that sample (built share
    ``t / T_c = 1``), as a grid wait of the same length is on in that month: feasible,
    binding "none", all 100 MW in service at the horizon end and the whole facility
    paid (100 MW x 11.7e6 USD/MW at Memphis). The year-end share was computed as
    ``t * (1 / T_c)``, 0.9999999999999999 for 7, 8 and 11 years: the campus came out
    1e-16 short, infeasible with binding "horizon" and 99.99999999999999 MW. One ulp
    later the campus is not complete at the last sample: "horizon"."""
    t_last = (12 * years - 0.5) / 12
    kw = {"site": "memphis_tn", "first_power_years": 1.0}
    done = terrestrial_placement(100.0, years, construction_years=t_last, **kw)
    grid = terrestrial_placement(100.0, years, construction_years=2.0, grid_wait_years=t_last, **kw)
    for r in (done, grid):
        assert r["feasible"] and r["binding_constraint"] == "none"
        assert r["delivered_it_mw"] == 100.0 and r["installed_it_mw_by_year"][-1] == 100.0
    facility = sum(done[f"breakdown.capex.facility_{k}_usd"] for k in
                   ("electrical", "mechanical", "civil", "fitout"))  # fmt: skip
    assert_allclose(facility, 100.0 * 11.7e6, rtol=1e-13)
    late = terrestrial_placement(100.0, years, construction_years=math.nextafter(t_last, 9e9), **kw)
    assert not late["feasible"] and late["binding_constraint"] == "horizon"
    assert late["delivered_it_mw"] < 100.0


def test_nothing_built_pays_nothing_and_says_why():
    """GB200 NVL72 needs liquid cooling, whose central WUE is 0.05 L/kWh: at Abilene
    with no water allowance nothing can be built (binding "water"). Nothing is paid:
    capex, total cost and every breakdown item 0 (finite, not NaN), while the
    levelized costs and the times to first and full power, which have no energy or
    power to refer to, are NaN. The docstring said "cost fields are NaN only where
    nothing can be built"."""
    r = terrestrial_placement(
        1000.0, 6, site="abilene_tx", accelerator="gb200_nvl72", water_available_m3_per_year=0.0
    )
    assert r["max_feasible_it_mw"] == 0.0 and r["binding_constraint"] == "water"
    costs = ["capex_usd", "cost_total_usd", "cost_total_discounted_usd", "opex_usd_per_year"]
    costs += [k for k in r if k.startswith("breakdown.")]
    for k in costs:
        assert r[k] == 0.0, k
    for k in ("lcoe_usd_per_mwh", "lcoe_undiscounted_usd_per_mwh", "time_to_first_power_years",
              "time_to_full_power_years"):  # fmt: skip
        assert np.isnan(r[k]), k
    doc = " ".join(terrestrial_placement.__doc__.split())
    assert "cost fields are NaN" not in doc
    assert "every breakdown item are 0" in doc and "NaN where nothing can be built" in doc


def test_site_parameters_given_back_to_the_placement_are_its_defaults():
    """site_parameters promises "the value terrestrial_placement uses when it is not
    given" for every keyword, pue and wue_l_per_kwh being None (from the cooling
    design); given back, pue=None raised InputError ("must be a number"). Given back,
    they are the defaults: Abilene, 1000 MW of GB200 NVL72 (liquid only, so direct
    liquid cooling, PUE 1.10, WUE 0.05 L/kWh in zone 3B): facility 1100 MW from the
    1200 MW grid, capex 9.3e6 USD/MW x 1000 MW + 0.85 acre/MW x 1100 MW x 244,000
    USD/acre = 9.3e9 + 2.2814e8 = 9.52814e9 USD."""
    from orbitcompute.placements.terrestrial import site_parameters

    q = site_parameters("abilene_tx")
    q["accelerator"] = "gb200_nvl72"
    r = terrestrial_placement(1000.0, 6, site="abilene_tx", **q)
    assert r["cooling_design"] == "direct_liquid_cooling"
    assert_allclose(r["pue"], 1.10, rtol=1e-12)
    assert_allclose(r["wue_l_per_kwh"], 0.05, rtol=1e-12)
    assert_allclose(r["facility_power_mw"], 1100.0, rtol=1e-12)
    assert_allclose(r["capex_usd"], 9.3e9 + 0.85 * 1100.0 * 244_000.0, rtol=1e-12)
    default = terrestrial_placement(1000.0, 6, site="abilene_tx", accelerator="gb200_nvl72")
    for k, v in default.items():
        assert_array_equal(r[k], v, err_msg=k)
    # one of the two given, the other None: the design's for the one not given
    r1 = terrestrial_placement(1000.0, 6, site="abilene_tx", accelerator="gb200_nvl72",
                               pue=1.15, wue_l_per_kwh=None)  # fmt: skip
    assert_allclose(r1["facility_power_mw"], 1150.0, rtol=1e-12)  # < 1000 acre / 0.85
    assert_allclose(r1["wue_l_per_kwh"], 0.05, rtol=1e-12)
    assert r1["cooling_design"] == "direct_liquid_cooling"
    # another numeric keyword given as None is still refused, naming it
    with pytest.raises(InputError, match=r"^grid_wait_years=None: must be a number"):
        terrestrial_placement(1000.0, 6, site="abilene_tx", grid_wait_years=None)


def test_gigawatt_memphis_by_hand():
    """The default scenario's Memphis (1000 MW of GB200 NVL72 from 2027 for 6 yr, 8 %),
    recomputed by hand from data/sites.csv, generation.csv, terrestrial_defaults.csv and
    cooling_designs.csv.

    Direct liquid cooling (3A): PUE 1.10, WUE 0.05 L/kWh. Supply: grid 150 MW (wait 0)
    + gas 247 MW (aeroderivative, on at max(1.5, transformer 2.5) = 2.5 yr) = 397 MW
    of facility power, so 397 / 1.1 = 360.909 MW of IT ("power supply" binds).
    Monthly midpoints t_k = (k + 0.5) / 12: the campus is energised from month 12
    (first power 1.0 yr), its demand 397 (k + 0.5) / 24 MW >= 206.8 MW > 150 MW, so the
    grid serves 150 MW all of year 1; gas is on from month 30 (30.5 / 12 >= 2.5), half
    of year 2. Delivered IT MW: [0, 150, 150 + 247 / 2, 397, 397, 397] / 1.1; at the end
    of year 1 (month 23) 150 / 1.1 is in service.
    Capex: facility 11.7e6 x 360.909 = 4.22264e9 USD, 23.5/24 of it at the end of year
    1, the rest at the end of year 2; gas 247e3 kW x 1500 USD/kW = 3.705e8 at the end of
    year 2; land 0.85 x 397 = 337.45 acre x 244,000 = 8.23378e7 at the end of year 0.
    Opex: grid 150 MW x 8760 h x 62.3 USD/MWh in years 1-5; fuel 8530 Btu/kWh x 4.75
    USD/MMBtu = 40.5175 USD/MWh on 247 MW for 0.5 + 3 yr; maintenance 2 % of the
    facility times its mean built share (year 1: mean of (k + 0.5) / 24 over k = 12..23
    = 0.75; then 1) and 2 % of the gas plant from month 30; staff 0.4 FTE/MW x 120,000
    USD x 360.909 MW by the same built share; water 0.05 L/kWh x 2 USD/m3 on the IT
    MWh delivered. CO2: 150 x 0.366 + 247 x 8.53 x 117 x 0.45359237 / 1000 t/MWh,
    times 8760 h.
    """
    r = terrestrial_placement(
        1000.0, 6, 2027, site="memphis_tn", accelerator="gb200_nvl72", discount_rate=0.08
    )
    it = 397.0 / 1.1
    assert not r["feasible"] and r["binding_constraint"] == "power supply"
    assert_allclose(r["max_feasible_it_mw"], it, rtol=1e-12)
    deliv = np.array([0.0, 150.0, 150.0 + 247.0 / 2, 397.0, 397.0, 397.0]) / 1.1
    assert_allclose(r["delivered_it_mw_by_year"], deliv, rtol=1e-12, atol=1e-12)
    inst = np.array([0.0, 150.0, 397.0, 397.0, 397.0, 397.0]) / 1.1
    assert_allclose(r["installed_it_mw_by_year"], inst, rtol=1e-12, atol=1e-12)
    assert_allclose([r["time_to_first_power_years"], r["time_to_full_power_years"]], [1.0, 2.5])
    df = 1.08 ** -np.arange(1.0, 7.0)
    fac = 11.7e6 * it
    gas = 247e3 * 1500.0
    land = 0.85 * 397.0 * 244_000.0
    assert_allclose(r["capex_usd"], fac + gas + land, rtol=1e-12)
    built = np.array([0.0, 0.75, 1.0, 1.0, 1.0, 1.0])
    gas_on = np.array([0.0, 0.0, 0.5, 1.0, 1.0, 1.0])
    grid = np.array([0.0, 150.0, 150.0, 150.0, 150.0, 150.0])
    fuel = 8530.0 * 4.75 / 1000.0
    opex = (
        grid * 8760.0 * 62.3
        + 247.0 * gas_on * 8760.0 * fuel
        + (0.02 * fac + 0.4 * 120_000.0 * it) * built
        + 0.02 * gas * gas_on
        + deliv * 8760.0 * 0.05 * 2.0
    )
    assert_allclose(r["cost_total_usd"], fac + gas + land + opex.sum(), rtol=1e-12)
    capex_pv = fac * (23.5 / 24 * df[1] + 0.5 / 24 * df[2]) + gas * df[2] + land * df[0]
    assert_allclose(r["cost_total_discounted_usd"], capex_pv + opex @ df, rtol=1e-12)
    assert_allclose(r["lcoe_usd_per_mwh"], (capex_pv + opex @ df) / (deliv @ df * 8760.0),
                    rtol=1e-12)  # fmt: skip
    co2 = (150.0 * 0.366 + 247.0 * 8.53 * 117.0 * 0.45359237 / 1000.0) * 8760.0
    assert_allclose(r["co2_t_per_year"], co2, rtol=1e-12)
    assert_allclose(r["water_m3_per_year"], it * 8760.0 * 0.05, rtol=1e-12)
