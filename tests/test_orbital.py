"""Tests of the orbital placement: presets, design closure, launch, ramp, errors."""

from __future__ import annotations

import math
import re
import tomllib

import _orbit_reference as ref
import numpy as np
import pytest
from _published import assert_rounds_to
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from orbitcompute import InputError, catalog, scenario
from orbitcompute._paths import data_dir
from orbitcompute.orbit import Orbit
from orbitcompute.placements._orbital_design import (
    atmosphere_density_kg_per_m3,
    disposal_delta_v_m_per_s,
    drag_delta_v_m_per_s_per_year,
)
from orbitcompute.placements.orbital import COMMON_OUTPUTS, orbital_placement

RTOL = 0.005  # the issue's 0.5 %


def _run_preset(name: str) -> dict[str, np.ndarray]:
    with open(data_dir() / "scenarios" / f"{name}.toml", "rb") as f:
        scen = tomllib.load(f)
    block = dict(scen["orbital"][0])
    candidate = block.pop("name")
    if "orbit" in block:  # an inline table: the Orbit the scenario parser builds from it
        block["orbit"] = scenario.load(name).candidate(candidate).params["orbit"]
    # the demand's accelerator (the parser's default when the file names none), which the
    # comparison gives every orbital placement
    block.setdefault("accelerator", scenario.load(name).demand["accelerator"])
    demand = {k: v for k, v in scen["demand"].items() if k != "include_accelerators"}
    return orbital_placement(**demand, discount_rate=scen["finance"]["discount_rate"], **block)


# McCalip's top-down inputs (his calculator's defaults), as in the preset.
_MCCALIP_TOP_DOWN = {
    "mode": "top_down",
    "specific_power_w_per_kg": 36.5,
    "cost_usd_per_w": 22.0,
    "satellite_power_kw": 27.0,
    "sun_fraction": 0.98,
    "degradation_per_year": 0.025,
    "payload_per_launch_kg": 100000.0,
}


def test_mccalip_preset_reproduces_published_totals_and_line_items():
    """McCalip calculator defaults (orbital_anchors.md section 4.3, his math.js).

    avgCF = mean(0.975^0..4) = 0.951234; P_req = 1 GW / (0.951234 * 0.98) = 1.07274 GW;
    n_sat = ceil(P_req / 27 kW) = 39,731; mass = 39,731 * 27,000 / 36.5 = 29,390,055 kg;
    HW = 22 $/W * 1.07274 GW = 23.600 B; launch = 500 $/kg * mass = 14.695 B;
    ops = 1 % * HW * 5 = 1.180 B; GPU replacement = 9 % * HW * 5 = 10.620 B; NRE 1.000 B;
    total 51.095 B; LCOE = 51.095e9 / (1000 MW * 8760 h * 5) = 1,166.6 $/MWh;
    launches = ceil(29,390,055 / 100,000) = 294; array 39,731 * 116 m2 = 4.61 km2.
    """
    r = _run_preset("mccalip_2025")
    assert bool(r["feasible"])
    # each to the digits the calculator prints (tests/_published.py)
    for key, published in (
        ("cost_total_usd", "51.095e9"),
        ("breakdown.capex.satellite_hardware_usd", "23.600e9"),
        ("breakdown.capex.launch_usd", "14.695e9"),
        ("breakdown.opex.operations_usd", "1.180e9"),
        ("breakdown.replacement.hardware_usd", "10.620e9"),
        ("breakdown.capex.nre_usd", "1.000e9"),
        ("lcoe_usd_per_mwh", "1166.6"),
        ("array_area_m2", "4.61e6"),
    ):
        assert_rounds_to(r[key], published, key)
    assert_allclose(r["satellites"], 39731, rtol=0)
    assert_allclose(r["mass_to_orbit_kg"], 29_390_055, rtol=1e-6)
    assert_allclose(r["launches"], 294, rtol=0)
    assert_allclose(r["accelerator_capex_usd"], 0.0)
    # The breakdown adds up to the total.
    parts = sum(
        v
        for k, v in r.items()
        if k.startswith("breakdown.") and not k.startswith("breakdown.accelerators.")
    )
    assert_allclose(parts, r["cost_total_usd"], rtol=1e-12)


def test_mccalip_variant_at_200_per_kg():
    """McCalip variant (section 4.3): at 200 $/kg the orbital total is 42.28 B.

    51.095 - 300 $/kg * 29.39e6 kg = 51.095 - 8.817 = 42.278 B.
    """
    with open(data_dir() / "scenarios" / "mccalip_2025.toml", "rb") as f:
        scen = tomllib.load(f)
    block = dict(scen["orbital"][0])
    block.pop("name")
    block["launch_price_usd_per_kg"] = 200.0
    demand = {k: v for k, v in scen["demand"].items() if k != "include_accelerators"}
    r = orbital_placement(**demand, **block)
    assert_rounds_to(r["cost_total_usd"], "42.28e9")


def test_starcloud_preset_reproduces_space_column():
    """Starcloud 40 MW x 10 yr (orbital_anchors.md sections 2.1-2.3), each figure to the
    digits of the white paper's table (tests/_published.py).

    solar = 0.05 $/W * 40 MW = 2.0 M; launch = 1 Starship * 5 M = 5.0 M;
    shielding = 1 kg/kW * 40,000 kW * 30 $/kg = 1.2 M; total 8.2 M.
    (solar + launch) / (40,000 kW * 8760 h * 10 yr = 3.504e9 kWh) = 7e6 / 3.504e9
    = 0.0019977 $/kWh, published "$0.002/kWh".
    The areas are the preset's fluxes applied, not published figures: radiator
    40e6 W / 633.08 W/m2 = 63,183.2 m2 (the flux itself is checked against the white
    paper's formula in test_thermal), array 40e6 W / 312.5 W/m2 = 128,000 m2. Their
    ratio, 0.494, is the white paper's "radiators roughly half the solar array size".
    """
    r = _run_preset("starcloud_2024")
    for key, published in (
        ("cost_total_usd", "8.2e6"),
        ("breakdown.capex.satellite_hardware_usd", "2.0e6"),
        ("breakdown.capex.launch_usd", "5.0e6"),
        ("breakdown.capex.shielding_usd", "1.2e6"),
    ):
        assert_rounds_to(r[key], published, key)
    assert_allclose(r["launches"], 1)
    energy_kwh = r["it_energy_mwh_per_year"] * 10 * 1e3
    solar_launch = r["breakdown.capex.satellite_hardware_usd"] + r["breakdown.capex.launch_usd"]
    assert_rounds_to(solar_launch / energy_kwh, "0.002", "(solar + launch) per kWh")
    assert_allclose(r["radiator_area_m2"], 40e6 / 633.08, rtol=1e-9)
    assert_allclose(r["array_area_m2"], 40e6 / 312.5, rtol=1e-9)
    assert_rounds_to(r["radiator_area_m2"] / r["array_area_m2"], "0.5", "radiator / array")


def test_bottom_up_dawn_dusk_650km_closes_with_hand_arithmetic():
    """A 100 kW H100 satellite on a dawn-dusk SSO at 650 km, 5 years, closes.

    Hand arithmetic (defaults in data/bus.csv):
    crosslinks: 100 kW / 1275 W = 78.43 H100 x 400 Gbit/s = 31.37 Tbit/s; one suncatcher_bench
    terminal carries 8 x 100 Gbit/s = 800 Gbit/s at 200 m, so ceil(39.2) = 40 terminals.
    Payload heat Q = 100 kW IT * 1.02 (bus) + 40 terminals * 100 W = 106.0 kW.
    Radiator (independent references in tests/_orbit_reference.py): inlet 335.15 K,
    outlet 325.15 K, two sides, eps 0.80, alpha 0.10, fin efficiency 0.9, edge-on to
    the Sun; view factor 2 * F_edge(650 km) = 0.481382 (dblquad); albedo factor
    K = mean |cos beta| / pi over 2026 = 0.08793 (low-precision Sun, J2
    sun-synchronous node at 18 h); absorbed 0.1 * 0.3 * 1361 * F * K + 0.8 * 237 * F =
    92.998 W/m2; loop-mean net flux 876.241 W/m2 (quad); heat rejected with the ammonia
    pump (P/Q = 0.013298): 106.0 kW / (1 - 0.013298) / 876.241 = 122.602 m2.
    Array: load Q / (1 - 0.013298) = 107,428.6 W (the pump's share too); on the year's
    longest eclipse (cylindrical shadow: 1,183.5 s of a 5,863.7 s orbit, 21 Jun 2026,
    the Sun at 1.01625 au: 1,317.82 W/m2) the SMAD recharge (X_e = 0.6, X_d = 0.8) needs
    P_sa = 107,428.6 * (1183.5 / 0.6 + 4680.2 / 0.8) / 4680.2 = 179,563 W; per m2 at end
    of life 1317.82 * 0.298 (cells) * 0.85 (packing) * 0.9 (inherent) * 0.975^5 *
    (1 - 0.002 * (308.19 - 301.15)) = 260.975 W/m2 with the 308.19 K end-of-life cell
    temperature (power.cell_temperature_k, checked in test_power): 688.05 m2. The
    package's 688.37 m2 (its own shadow and design-day search give 1,185.0 s and
    1.01628 au) agrees to 5e-4.
    PMAD 5 kg/kW * 107.4 kW = 537 kg.
    Mass: structure = 0.10 * (terminals + array + battery + PMAD + radiator)
    + 0.15 * (accelerators + shielding) (Campbell & McCandless multipliers);
    dry = (known + structure) / (1 - 0.16 - 0.03), checked exactly from the returned
    subsystem masses; kg/kW = wet mass / 100 kW, about 87 kg/kW (20 kg/kW of it H100s and
    their cold spares for 9 %/yr failures). No development (development_years=0), so the
    satellites serve the whole 5-year horizon: the mission life of every sizing above.
    """
    r = orbital_placement(1000, 5, satellite_it_power_kw=100.0, development_years=0.0)
    assert bool(r["feasible"])
    assert_allclose(r["crosslink_terminals"], 40)
    q = 100e3 * 1.02 + 40 * 100.0
    rad = r["satellite_radiator_area_m2"]
    pump = 2e5 / (640.0 * 0.5 * 4700.0 * 10.0)
    days = ref.year_2026_mid_days()
    beta = ref.sso_beta_rad(650.0, 18.0, days)
    view = 2.0 * ref.edge_on_view_factor(650.0)
    absorbed = ref.absorbed_edge_on(0.10, 0.80, view, np.mean(np.cos(beta)) / np.pi)
    flux = ref.loop_mean_flux(335.15, 325.15, 0.80, absorbed)
    assert_allclose([absorbed, flux], [92.998, 876.241], rtol=1e-5)
    assert_allclose(rad, q / (1.0 - pump) / flux, rtol=1e-5)
    arr = r["satellite_array_area_m2"]
    eclipse = ref.cylindrical_eclipse_s(650.0, beta)
    worst = int(np.argmax(eclipse))
    te, period = eclipse[worst], ref.period_s(650.0)
    td = period - te
    sun_au = ref.low_precision_sun(days[worst])[3]
    p_sa = q / (1.0 - pump) * (te / 0.6 + td / 0.8) / td
    per_m2 = 1361.0 / sun_au**2 * 0.298 * 0.85 * 0.9 * 0.975**5 * (1 - 0.002 * (308.19 - 301.15))
    assert_allclose([te, p_sa, per_m2], [1183.5, 179_563.0, 260.975], rtol=1e-4)
    assert_allclose(arr, p_sa / per_m2, rtol=1e-3)
    assert_allclose(r["satellite_pmad_mass_kg"], 5.0 * r["satellite_load_w"] / 1e3, rtol=1e-12)
    names = ("accelerator", "shielding", "terminal", "array", "battery", "pmad", "radiator")
    m = {k: r[f"satellite_{k}_mass_kg"] for k in names}
    structure = 0.10 * (m["terminal"] + m["array"] + m["battery"] + m["pmad"] + m["radiator"])
    structure += 0.15 * (m["accelerator"] + m["shielding"])
    assert_allclose(r["satellite_structure_mass_kg"], structure, rtol=1e-9)
    assert_allclose(r["satellite_dry_mass_kg"], (sum(m.values()) + structure) / 0.81, rtol=1e-9)
    wet = r["satellite_dry_mass_kg"] + r["satellite_propellant_mass_kg"]
    assert_allclose(r["satellite_mass_kg"], wet, rtol=1e-12)
    assert_allclose(r["kg_per_kw"], wet / 100.0, rtol=1e-12)
    assert_allclose(r["kg_per_kw"], 87.0, rtol=0.05)
    # Fleet: ceil(1000 MW / 100 kW) = 10,000 satellites in ceil(10,000 / 81) = 124 clusters.
    assert_allclose(r["satellites"], 10_000)
    assert_allclose(r["clusters"], 124)
    assert_allclose(r["array_area_m2"], 10_000 * arr, rtol=1e-12)
    # The SMAD alternative (structure 27 % of dry mass) is heavier, as the old default was.
    smad = orbital_placement(
        1000, 5, satellite_it_power_kw=100.0, structure_fraction=0.27, development_years=0.0
    )
    assert_allclose(smad["satellite_structure_mass_kg"], 0.27 * smad["satellite_dry_mass_kg"])
    assert smad["kg_per_kw"] > r["kg_per_kw"]


def test_jpl_turyshev_1mw_anchor():
    """JPL/Turyshev arXiv:2604.27197, 1 MW IT high-sunlight anchor (abstract).

    Published: PV + storage + radiator 29.4 kg/kW; total 34-59 kg/kW; A_PV,BOL = 5.64e3 m2;
    A_rad = 2.50e3 m2. Ours: one 1 MW satellite, dawn-dusk 650 km, 5 yr of service (no
    development), compute payload,
    shielding and crosslinks set to zero so that only the spacecraft is compared.
    - Mass: array 150 W/kg BOL, battery 120 Wh/kg for the 20-min June eclipse, radiator
      7 kg/m2: about 28 kg/kW; tolerance 10 %.
    - Array: load 1.034 MW (bus 2 %, pump ~1.4 %) / 344.7 W/m2 x 1.68 / (0.9 x 0.881)
      = 6.3e3 m2 before temperature losses, about 6.62e3 m2: 17 % above the anchor because
      we size at end of life (2.5 %/yr for 5 yr) on the worst eclipse day with SMAD path
      efficiencies; tolerance 20 %.
    - Radiator: ours is about 1.18e3 m2, 0.47 of the anchor. Ours is two-sided at 335 K
      (ideal 1,145 W/m2, about 876 W/m2 net); the anchor's 400 W/m2 is what ONE side at
      298 K emits (0.8 x 5.67e-8 x 298^4 = 358-400 W/m2 for eps 0.8-0.9), i.e. a colder or
      one-sided panel: the anchor is conservative here, not optimistic. Checked as a ratio
      in [0.4, 0.6].
    - Total without compute: about 46 kg/kW, inside the anchor's 34-59 kg/kW.
    """
    r = orbital_placement(
        1.0, 5, satellite_it_power_kw=1000.0, accelerator_mass_kg=0.0, shielding_kg_per_kw=0.0,
        crosslink_gbps_per_accelerator=0.0, crosslink_terminals=0, development_years=0.0,
    )  # fmt: skip
    assert bool(r["feasible"])
    pv_storage_rad = (
        r["satellite_array_mass_kg"] + r["satellite_battery_mass_kg"]
        + r["satellite_radiator_mass_kg"]
    ) / 1000.0  # fmt: skip
    assert_allclose(pv_storage_rad, 29.4, rtol=0.10)
    assert r["satellite_array_area_m2"] > 5.64e3  # EOL worst-day sizing is larger
    # the chain of test_bottom_up_dawn_dusk_650km_closes_with_hand_arithmetic for a
    # 1.02 MW heat load: 1.02e6 / (1 - 0.013298) = 1,033,747 W of load, 6,620.8 m2
    days = ref.year_2026_mid_days()
    eclipse = ref.cylindrical_eclipse_s(650.0, ref.sso_beta_rad(650.0, 18.0, days))
    worst = int(np.argmax(eclipse))
    te, td = eclipse[worst], ref.period_s(650.0) - eclipse[worst]
    p_sa = 1.02e6 / (1 - 2e5 / (640.0 * 0.5 * 4700.0 * 10.0)) * (te / 0.6 + td / 0.8) / td
    sun = 1361.0 / ref.low_precision_sun(days[worst])[3] ** 2
    per_m2 = sun * 0.298 * 0.85 * 0.9 * 0.975**5 * (1 - 0.002 * (308.19 - 301.15))
    assert_allclose(r["satellite_array_area_m2"], p_sa / per_m2, rtol=1e-3)
    assert_allclose(p_sa / per_m2 / 5.64e3, 1.174, rtol=1e-3)  # "17 % above the anchor"
    ratio = r["satellite_radiator_area_m2"] / 2.50e3
    assert 0.4 < ratio < 0.6
    assert 34.0 < float(r["kg_per_kw"]) < 59.0


def test_starcloud3_and_starlink_v2_mini_sanity():
    """Starcloud-3 (200 kW in ~3 t, 15 kg/kW, secondary report) and Starlink V2 Mini class.

    Starcloud-3: our 200 kW H100 satellite (sized for the 3 years it serves after 2 of
    development) needs about 33 kg/kW for array, battery, PMAD and radiator alone (2.2 x
    Starcloud-3's WHOLE satellite) and about 79 kg/kW in all (5.3 x): the claim needs about
    4x lighter power and thermal hardware than the catalog's flown classes (150 W/kg
    arrays, 7 kg/m2 radiators) and no accelerator spares.
    Checked: power + thermal > 2 x 15 kg/kW, total > 4 x 15 kg/kW.

    Starlink V2 Mini class (740 kg, ~27 kW array; McCalip's figures are themselves
    estimates): a satellite with no compute payload whose array gives 27 kW at beginning
    of life (13 kW of load) weighs about 664 kg here; loose bound: within a factor 1.5.
    """
    r = orbital_placement(200.0, 5, satellite_it_power_kw=200.0)
    power_thermal = (
        sum(r[f"satellite_{k}_mass_kg"] for k in ("array", "battery", "pmad", "radiator")) / 200.0
    )
    assert power_thermal > 2 * 15.0
    assert float(r["kg_per_kw"]) > 4 * 15.0
    v2 = orbital_placement(
        1.0, 5, satellite_it_power_kw=13.0, accelerator_mass_kg=0.0, shielding_kg_per_kw=0.0,
        crosslink_gbps_per_accelerator=0.0,
    )  # fmt: skip
    assert_allclose(v2["satellite_bol_power_w"], 27e3, rtol=0.05)
    assert 740.0 / 1.5 < float(v2["satellite_mass_kg"]) < 740.0 * 1.5


def test_drag_and_disposal_hand_values():
    """Vallado Table 8-4 at 650 km: rho = 1.454e-13 * exp(-50/71.835) = 7.25e-14 kg/m3.

    v = sqrt(398600.4418 / 7028.137) = 7.5309 km/s; A/m = 0.1 m2/kg, C_D 2.2:
    dv/yr = 0.5 * 7.25e-14 * 7530.9^2 * 2.2 * 0.1 * 3.15569e7 = 14.27 m/s.
    Disposal 650 -> 200 km perigee: a = (7028.137 + 6578.137)/2 = 6803.137 km,
    v_apo = sqrt(mu (2/7028.137 - 1/6803.137)) = 7.40535 km/s, dv = 7.53093 - 7.40535 =
    125.58 m/s.
    """
    assert_allclose(atmosphere_density_kg_per_m3(650.0), 1.454e-13 * np.exp(-50 / 71.835))
    rho = 1.454e-13 * np.exp(-50 / 71.835)
    v = np.sqrt(398600.4418 / 7028.137) * 1e3
    assert_allclose(
        drag_delta_v_m_per_s_per_year(650.0, 0.1, 2.2),
        0.5 * rho * v**2 * 2.2 * 0.1 * 3.15569e7,
        rtol=1e-4,
    )
    a = (7028.137 + 6578.137) / 2
    dv = (np.sqrt(398600.4418 / 7028.137) - np.sqrt(398600.4418 * (2 / 7028.137 - 1 / a))) * 1e3
    assert_allclose(disposal_delta_v_m_per_s(650.0, 200.0), dv, rtol=1e-9)
    assert_allclose(
        [dv, drag_delta_v_m_per_s_per_year(650.0, 0.1, 2.2)], [125.582, 14.2713], rtol=1e-5
    )


def test_disposal_perigee_above_the_orbit_is_refused():
    """A perigee the caller sets above the orbit (5,000 km for a 650 km orbit, e.g. a
    unit slip) was clamped to the orbit and gave a free disposal; it is an error now.
    At the orbit's own altitude the burn is zero (nothing to lower), and the catalog's
    200 km under an orbit below it still needs no burn (the orbit decays on its own)."""
    orbit = Orbit.sun_synchronous(650.0, 18.0)
    with pytest.raises(InputError, match=r"^disposal_perigee_km=5000: must not be above .*650 km"):
        orbital_placement(1000.0, 6, orbit=orbit, disposal_perigee_km=5000.0)
    with pytest.raises(InputError, match=r"^disposal_perigee_km=700: "):
        orbital_placement(1000.0, 6, orbit=orbit, disposal_perigee_km=np.array([300.0, 700.0]))
    assert_allclose(disposal_delta_v_m_per_s(650.0, 650.0), 0.0, atol=1e-9)
    assert_allclose(disposal_delta_v_m_per_s(150.0, 200.0), 0.0, atol=1e-9)
    r = orbital_placement(1000.0, 6, orbit=orbit, disposal_perigee_km=650.0)
    r200 = orbital_placement(1000.0, 6, orbit=orbit, disposal_perigee_km=200.0)
    assert r["satellite_propellant_mass_kg"] < r200["satellite_propellant_mass_kg"]


def test_an_eccentric_orbit_is_refused_by_the_bottom_up_design_with_what_to_use():
    """A keplerian orbit with e = 0.3 reached size_thermal_system, whose advice (pass
    orbit=None with altitude_km ...) cannot be followed from a scenario file. The
    bottom-up design says itself that it needs a circular orbit; top-down takes it."""
    orbit = Orbit.keplerian(12000.0, 0.3, 53.0, 0.0, 0.0, 0.0, epoch="2026-01-01")
    with pytest.raises(
        InputError, match=r"^orbit.eccentricity=0.3: a bottom-up design closes its satellite"
    ):
        orbital_placement(100.0, 5, orbit=orbit)
    kw = dict(_MCCALIP_TOP_DOWN, launch_price_usd_per_kg=500.0)
    assert bool(orbital_placement(100.0, 5, orbit=orbit, **kw)["feasible"])


def test_top_down_array_power_above_the_sunlight_is_refused():
    """An array cannot deliver more than the sunlight on it: 1361 W/m2 / 0.98329^2 =
    1,407.65 W/m2 at perihelion (Astronomical Almanac distance). 1e6 W/m2 gave McCalip's
    gigawatt 1,073 m2 of array."""
    kw = dict(_MCCALIP_TOP_DOWN, launch_price_usd_per_kg=500.0)
    with pytest.raises(
        InputError, match=r"^array_power_w_per_m2=1e\+06: must be in \(0, 1407.65\]"
    ):
        orbital_placement(1000.0, 5, array_power_w_per_m2=1e6, **kw)
    r = orbital_placement(1000.0, 5, array_power_w_per_m2=1407.0, **kw)
    assert_allclose(r["array_area_m2"], r["fleet_power_w"] / 1407.0, rtol=1e-12)


def test_array_orbit_that_does_not_broadcast_with_the_demand_is_named():
    """Three demands and two orbital altitudes: an InputError naming both shapes (it was
    numpy's ValueError from deep inside the design)."""
    orbit = Orbit.circular(np.array([550.0, 1200.0]), 53.0)
    with pytest.raises(
        InputError, match=r"do not broadcast together: it_power_mw \(3,\), orbit \(2,\)"
    ):
        orbital_placement(np.array([1000.0, 500.0, 200.0]), 6, orbit=orbit)
    # an array inclination or LTAN with one altitude is an array orbit too
    for other in (
        Orbit.circular(550.0, np.array([53.0, 97.0])),
        Orbit.sun_synchronous(650.0, np.array([6.0, 18.0])),
    ):
        with pytest.raises(InputError, match=r"it_power_mw \(3,\), orbit \(2,\)"):
            orbital_placement(np.array([1000.0, 500.0, 200.0]), 6, orbit=other)
    r = orbital_placement(np.array([1000.0, 500.0]), 6, orbit=orbit)
    assert r["cost_total_usd"].shape == (2,)


@pytest.mark.parametrize("mode", ["top_down", "bottom_up"])
def test_doubling_launch_price_raises_cost(mode):
    """Cost is non-decreasing in the launch price (and strictly increasing when mass > 0)."""
    kw = {"specific_power_w_per_kg": 36.5, "cost_usd_per_w": 22.0} if mode == "top_down" else {}
    prices = np.array([50.0, 100.0, 200.0, 400.0, 800.0, 1600.0])
    r = orbital_placement(1000, 5, mode=mode, launch_price_usd_per_kg=prices, **kw)
    r2 = orbital_placement(1000, 5, mode=mode, launch_price_usd_per_kg=2 * prices, **kw)
    assert np.all(r2["cost_total_usd"] > r["cost_total_usd"])
    assert np.all(r2["cost_total_discounted_usd"] >= r["cost_total_discounted_usd"])
    assert np.all(np.diff(r["cost_total_usd"]) > 0)
    # Learning never makes launches dearer.
    r3 = orbital_placement(
        1000, 5, mode=mode, launch_price_usd_per_kg=prices, launch_learning_rate=0.2, **kw
    )
    assert np.all(r3["cost_total_usd"] <= r["cost_total_usd"])


def test_cadence_ramp_matches_arithmetic():
    """294 launches (the McCalip fleet) at 100 launches/yr from year 0.

    In service at the end of years 1, 2, 3: 100/294, 200/294, 1; full at 2.94 yr.
    Year averages: y1 (0 + 0.3401)/2 = 0.1701; y2 (0.3401 + 0.6803)/2 = 0.5102;
    y3 reaches 1 after s = (1 - 0.6803)/0.3401 = 0.94 of the year:
    0.94 * (0.6803 + 1)/2 + 0.06 = 0.8497; y4, y5: 1.
    With 20 %/yr growth: 100 + 120 = 220 launches after 2 years, 74 more at 144/yr
    -> full at 2 + 74/144 = 2.514 yr.
    """
    kw = _MCCALIP_TOP_DOWN
    r = orbital_placement(1000, 5, launches_per_year=100, **kw)
    assert_allclose(r["launches_initial"], 294)
    f1, f2 = 100 / 294, 200 / 294
    s = (1 - f2) / f1
    expected = [f1 / 2, (f1 + f2) / 2, s * (f2 + 1) / 2 + (1 - s), 1.0, 1.0]
    assert_allclose(r["delivered_it_mw_by_year"], 1000 * np.array(expected), rtol=1e-9)
    assert_allclose(r["time_to_full_power_years"], 2.94, rtol=1e-9)
    assert bool(r["feasible"])
    r = orbital_placement(1000, 5, launches_per_year=100, launch_cadence_growth_per_year=0.2, **kw)
    assert_allclose(r["time_to_full_power_years"], 2 + 74 / 144, rtol=1e-9)
    # Too slow: 50/yr needs 5.88 yr > 5 yr horizon -> infeasible, cadence binds.
    r = orbital_placement(1000, 5, launches_per_year=50, **kw)
    assert not bool(r["feasible"])
    assert str(r["binding_constraint"]) == "launch_cadence"
    assert_allclose(r["max_feasible_it_mw"], 1000 * 250 / 294, rtol=1e-9)
    # Development time delays first power.
    r = orbital_placement(1000, 5, development_years=2.0, **kw)
    assert_allclose(r["time_to_first_power_years"], 2.0)
    assert_allclose(r["delivered_it_mw_by_year"], [0, 0, 1000, 1000, 1000])


def test_infeasible_designs_report_binding_constraint():
    """Radiator below what it can reject, payload over the vehicle, drag that diverges."""
    too_cold = orbital_placement(1000, 5, junction_max_temperature_k=200.0)
    assert not bool(too_cold["feasible"])
    assert str(too_cold["binding_constraint"]) == "radiator"
    assert np.isnan(too_cold["cost_total_usd"])
    heavy = orbital_placement(1000, 5, satellite_it_power_kw=2000.0)
    assert str(heavy["binding_constraint"]) == "vehicle_payload"
    assert heavy["satellite_mass_kg"] > 100_000
    low = orbital_placement(1000, 5, orbit=Orbit.circular(250.0, 53.0), specific_impulse_s=220.0)
    assert str(low["binding_constraint"]) == "mass_divergence"
    # Vectorized: one feasible and one infeasible design in one call.
    mixed = orbital_placement(1000, 5, junction_max_temperature_k=np.array([358.15, 200.0]))
    assert mixed["feasible"].tolist() == [True, False]
    assert mixed["binding_constraint"].tolist() == ["none", "radiator"]
    assert np.isfinite(mixed["cost_total_usd"][0]) and np.isnan(mixed["cost_total_usd"][1])


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"it_power_mw": -5}, "it_power_mw"),
        ({"years": 0}, "years"),
        ({"mode": "sideways"}, "mode"),
        ({"launch_price_usd_per_kg": -1.0}, "launch_price_usd_per_kg"),
        ({"launches_per_year": 0.0}, "launches_per_year"),
        ({"satellite_it_power_kwh": 5.0}, "satellite_it_power_kwh"),
        ({"utilisation": 1.5}, "utilisation"),
        ({"structure_fraction": 0.9}, "structure_fraction"),
        ({"mode": "top_down", "cost_usd_per_w": 22.0}, "specific_power_w_per_kg"),
        (
            {"mode": "top_down", "specific_power_w_per_kg": 0.0, "cost_usd_per_w": 1.0},
            "specific_power_w_per_kg",
        ),
    ],
)
def test_bad_input_raises_input_error_naming_parameter(kwargs, name):
    args = {"it_power_mw": 1000, "years": 5}
    args.update(kwargs)
    with pytest.raises(InputError, match=name):
        orbital_placement(**args)


def test_unknown_key_suggests_spelling():
    with pytest.raises(InputError, match="did you mean 'satellite_it_power_kw'"):
        orbital_placement(1000, 5, satelite_it_power_kw=50.0)


def test_common_result_keys_and_shapes():
    r = orbital_placement(np.array([100.0, 1000.0]), 4, launches_per_year=500)
    for key in (
        "feasible", "binding_constraint", "max_feasible_it_mw", "delivered_it_mw", "year",
        "delivered_it_mw_by_year", "time_to_first_power_years", "time_to_full_power_years",
        "satellites", "launches", "mass_to_orbit_kg", "array_area_m2", "radiator_area_m2",
        "capex_usd", "accelerator_capex_usd", "opex_usd_per_year", "cost_total_usd",
        "cost_total_discounted_usd", "it_energy_mwh_per_year", "lcoe_usd_per_mwh",
        "co2_t_per_year", "land_acres", "water_m3_per_year",
    ):  # fmt: skip
        assert key in r, key
    assert r["delivered_it_mw_by_year"].shape == (2, 4)
    assert r["year"].tolist() == [2027, 2028, 2029, 2030]
    assert r["binding_constraint"].dtype.kind == "U"
    parts = sum(
        v
        for k, v in r.items()
        if k.startswith("breakdown.") and not k.startswith("breakdown.accelerators.")
    )
    assert_allclose(parts, r["cost_total_usd"], rtol=1e-12)
    # Discounting lowers the cost.
    rd = orbital_placement(np.array([100.0, 1000.0]), 4, launches_per_year=500, discount_rate=0.08)
    assert np.all(rd["cost_total_discounted_usd"] < rd["cost_total_usd"])


@pytest.mark.parametrize(
    "design",
    [
        # bottom-up: a feasible design, one the radiator cannot cool, one cadence-limited
        {
            "junction_max_temperature_k": np.array([358.15, 200.0, 358.15]),
            "launches_per_year": np.array([500.0, 500.0, 20.0]),
        },
        {
            "mode": "top_down",
            "specific_power_w_per_kg": 36.5,
            "cost_usd_per_w": np.array([22.0, 5.0, 40.0]),
            "launches_per_year": 50.0,
        },
    ],
)
def test_outputs_keyword_returns_the_same_values(design):
    """outputs= returns exactly the named outputs, equal bit for bit to those of a full call
    (including NaN costs of an infeasible design); COMMON_OUTPUTS exist in both modes; an
    unknown name, a bare string or an empty list is an InputError naming the parameter."""
    full = orbital_placement(1000, 6, discount_rate=0.07, **design)
    assert COMMON_OUTPUTS <= set(full)
    mode_specific = "kg_per_kw"
    names = [
        "lcoe_usd_per_mwh",
        "binding_constraint",
        "delivered_it_mw_by_year",
        "year",
        mode_specific,
        "breakdown.capex.launch_usd",
    ]
    lean = orbital_placement(1000, 6, discount_rate=0.07, outputs=names, **design)
    assert sorted(lean) == sorted(names)
    for k in names:
        assert lean[k].dtype == full[k].dtype and lean[k].shape == full[k].shape, k
        np.testing.assert_array_equal(lean[k], full[k])
    assert np.isnan(full["lcoe_usd_per_mwh"]).any() == ("mode" not in design)
    with pytest.raises(InputError, match=r"outputs: 'capex_usds' .* did you mean 'capex_usd'"):
        orbital_placement(1000, 6, outputs=["capex_usds"], **design)
    for bad in ("capex_usd", []):
        with pytest.raises(InputError, match="outputs="):
            orbital_placement(1000, 6, outputs=bad, **design)


def test_suncatcher_preset_runs_bottom_up_with_published_launch_price():
    """The Suncatcher preset sets only published choices: 650 km dawn-dusk, 200 USD/kg,
    81-satellite clusters, and the abstract's 5-year mission life as 5 years of service
    after the catalog's 2 years of development (the horizon was 5 years with the
    development in it: 3 years of service). Cold spares for 5 years at the catalog's
    0.09 failures per accelerator-year: exp(0.09 x 5) = 1.5683 installed per accelerator
    in use."""
    orbit = scenario.load("suncatcher_2025").candidate("suncatcher_orbital").params["orbit"]
    assert orbit.kind == "sun_synchronous" and orbit.ltan_h == 18.0
    assert_allclose(orbit.altitude_km, 650.0)
    r = _run_preset("suncatcher_2025")
    assert bool(r["feasible"])
    assert_allclose(r["launch_price_usd_per_kg"], 200.0)
    assert_allclose(r["satellites_per_cluster"], 81)
    assert r["year"][0] == 2035
    assert_allclose(r["delivered_it_mw_by_year"], [0, 0, 1000, 1000, 1000, 1000, 1000])
    spares = r["accelerators_installed_per_satellite"] / r["accelerators_per_satellite"]
    assert_allclose(spares, math.exp(0.45), rtol=1e-9)
    # the catalog's GB200 stands in for the TPUs (the preset's description), as in the
    # comparison: 100 kW / 1666.7 W = 59.9988 per satellite
    assert_allclose(r["accelerators_per_satellite"], 100e3 / 1666.7, rtol=1e-12)


_MCCALIP_TD = {**_MCCALIP_TOP_DOWN, "launch_price_usd_per_kg": 500.0}


def test_partial_build_when_cadence_binds():
    """McCalip fleet (294 launches, 29,390,055 kg) at 50 launches/yr over 5 years.

    Launched by the end: 250 launches, b = 250/294 = 0.85034; only that part is built:
    satellites ceil(39,731 b) = 33,785; hardware 23.600 B x b = 20.068 B; launch
    500 $/kg x 29,390,055 kg x b = 12.496 B; mass 24.99e6 kg. In service (year averages)
    0.08503, 0.25510, 0.42517, 0.59524, 0.76531 -> 2.1259 service-years of the full fleet,
    so operations 1 % x 23.600 B x 2.1259 = 0.5017 B. Max feasible 1000 b = 850.3 MW,
    which is the capacity in service at the end of the horizon.
    """
    r = orbital_placement(
        1000, 5, launches_per_year=50, operations_fraction_per_year=0.01, **_MCCALIP_TD
    )
    b = 250 / 294
    assert str(r["binding_constraint"]) == "launch_cadence"
    assert_allclose(r["built_fraction"], b, rtol=1e-12)
    assert_allclose(r["launches_initial"], 250)
    assert_allclose(r["launches_required"], 294)
    assert_allclose(r["satellites"], np.ceil(39731 * b))
    assert_allclose(r["satellites_required"], 39731)
    assert_allclose(r["breakdown.capex.satellite_hardware_usd"], 23.600e9 * b, rtol=RTOL)
    assert_allclose(r["breakdown.capex.launch_usd"], 500 * 29_390_055 * b, rtol=1e-6)
    assert_allclose(r["mass_to_orbit_kg"], 29_390_055 * b, rtol=1e-6)
    frac = np.array([0.5, 1.5, 2.5, 3.5, 4.5]) * 50 / 294
    assert_allclose(r["delivered_it_mw_by_year"], 1000 * frac, rtol=1e-9)
    assert_allclose(r["breakdown.opex.operations_usd"], 0.01 * 23.6e9 * frac.sum(), rtol=RTOL)
    assert_allclose(r["max_feasible_it_mw"], 1000 * b, rtol=1e-12)
    full = orbital_placement(1000, 5, **_MCCALIP_TD)
    assert r["cost_total_usd"] < full["cost_total_usd"]
    parts = sum(
        v for k, v in r.items()
        if k.startswith("breakdown.") and not k.startswith("breakdown.accelerators.")
    )  # fmt: skip
    assert_allclose(parts, r["cost_total_usd"], rtol=1e-12)


def test_launch_learning_prices_each_launch_on_the_mass_before_it():
    """Wright learning (launch.launch_cost_by_year_usd): 294 launches at 100/yr, LR 20 %,
    m = 29,390,055 / 294 = 99,966 kg per launch at 500 USD/kg, Q0 = one full launch
    (100,000 kg): the program's launch j costs 500 m ((1e5 + j m) / 1e5)**log2(0.8),
    summed over j = 0..293: 500 m * 68.711 = 3.434e9 USD (each year priced at the mass
    before it gave 500 m (100 + 100 * 0.2265 + 94 * 0.1813) = 6.98e9, twice as much).
    """
    r = orbital_placement(1000, 5, launches_per_year=100, launch_learning_rate=0.2, **_MCCALIP_TD)
    m = 29_390_055 / 294
    unit = ((1e5 + np.arange(294) * m) / 1e5) ** np.log2(0.8)
    assert_allclose(unit.sum(), 68.711, rtol=1e-4)
    assert_allclose(r["breakdown.capex.launch_usd"], 500 * m * unit.sum(), rtol=1e-5)


def test_crosslinks_sized_and_binding():
    """Crosslinks: sized by default; 4 terminals fall short of 31.4 Tbit/s -> 'crosslinks'.

    4 x 800 Gbit/s = 3.2 Tbit/s < 78.43 x 400 Gbit/s = 31.37 Tbit/s. With no cluster
    traffic (inference) the catalog count of 4 terminals is used and not checked.
    """
    r = orbital_placement(1000, 5, crosslink_terminals=np.array([4, 40]))
    assert r["binding_constraint"].tolist() == ["crosslinks", "none"]
    assert_allclose(r["crosslink_capacity_bps"], [3.2e12, 32e12])
    assert_allclose(r["crosslink_required_bps"], 100e3 / 1275 * 400e9, rtol=1e-12)
    assert r["crosslink_meets_requirement"].tolist() == [False, True]
    inf = orbital_placement(1000, 5, crosslink_gbps_per_accelerator=0.0)
    assert_allclose(inf["crosslink_terminals"], 4)
    assert bool(inf["feasible"])


def test_ground_sites_from_downlink_traffic():
    """Ground sites from ground.ground_sites_needed for the fleet's downlink.

    Traffic 10,000 sats x 78.43 H100 x 989e12 FLOP/s x 1e-8 bit/FLOP = 7.757 Tbit/s.
    One site (one telescope) carries at most one link rate R, so sites >= T / R; with a
    cloud-free probability a ~ 0.6-0.7 and 99 % availability, sites < 2 T / (R a) + 10.
    An explicit ground_sites overrides; zero traffic falls back to the catalog's 2 sites.
    (A circular orbit: its fleet is spread over the sphere, one satellite or more in view
    of every site; a sun-synchronous fleet flies in one plane, tested below.)
    """
    r = orbital_placement(1000, 5, orbit=Orbit.circular(650.0, 97.99))
    t = 10_000 * 100e3 / 1275 * 989e12 * 1e-8
    assert_allclose(r["downlink_traffic_bps"], t, rtol=1e-9)
    rate = float(r["ground_link_rate_bps"])
    sites = float(r["ground_sites"])
    assert t / rate <= sites < 2 * t / (rate * 0.6) + 10
    assert_allclose(r["breakdown.capex.ground_segment_usd"], sites * 1e7)
    fixed = orbital_placement(1000, 5, ground_sites=3)
    assert_allclose(fixed["breakdown.capex.ground_segment_usd"], 3e7)
    none = orbital_placement(1000, 5, downlink_bits_per_flop=0.0)
    assert_allclose(none["ground_sites"], 2)


_DESIGNS = st.lists(
    st.tuples(
        st.floats(20.0, 400.0),  # satellite_it_power_kw
        st.floats(20.0, 3000.0),  # launch_price_usd_per_kg
        st.floats(340.0, 370.0),  # junction_max_temperature_k
        st.floats(50.0, 2000.0),  # launches_per_year
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=15, deadline=None)
@given(_DESIGNS)
def test_property_doubling_launch_price_never_lowers_cost(designs):
    kw, price, tj, cad = (np.array(c) for c in zip(*designs, strict=True))
    args = {"satellite_it_power_kw": kw, "junction_max_temperature_k": tj, "launches_per_year": cad}
    r1 = orbital_placement(1000, 5, launch_price_usd_per_kg=price, **args)
    r2 = orbital_placement(1000, 5, launch_price_usd_per_kg=2 * price, **args)
    ok = r1["feasible"] | (r1["binding_constraint"] == "launch_cadence")
    assert np.all(r2["cost_total_usd"][ok] >= r1["cost_total_usd"][ok])
    assert np.all(r2["cost_total_discounted_usd"][ok] >= r1["cost_total_discounted_usd"][ok])


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(1.0, 5000.0), min_size=2, max_size=8), st.floats(20.0, 400.0))
def test_property_more_it_power_never_fewer_satellites(it_mw, kw):
    it = np.sort(np.array(it_mw))
    r = orbital_placement(it, 5, satellite_it_power_kw=kw)
    assert np.all(np.diff(r["satellites_required"]) >= 0)
    td = orbital_placement(it, 5, **_MCCALIP_TD)
    assert np.all(np.diff(td["satellites"]) >= 0)


@settings(max_examples=15, deadline=None)
@given(_DESIGNS)
def test_property_mass_positive_and_finite(designs):
    kw, price, tj, cad = (np.array(c) for c in zip(*designs, strict=True))
    r = orbital_placement(
        1000, 5, satellite_it_power_kw=kw, launch_price_usd_per_kg=price,
        junction_max_temperature_k=tj, launches_per_year=cad,
    )  # fmt: skip
    ok = r["feasible"] | (r["binding_constraint"] == "launch_cadence")
    for key in ("satellite_mass_kg", "kg_per_kw", "mass_to_orbit_kg"):
        v = r[key][ok]
        assert np.all(np.isfinite(v)) and np.all(v > 0), key


def test_array_specific_power_and_radiator_areal_density_overrides():
    """Array mass is area x areal density and the areal density goes as 1 / (rated W/kg)
    at fixed cells (solar_arrays.csv), so the array mass scales as 150 / (W/kg) for the
    default flexible_rosa_class row (150 W/kg); the radiator mass is area x areal density
    (radiators.csv default row: 7 kg/m2) with an area that does not depend on it. The
    catalog values reproduce the default design exactly; samples broadcast."""
    kw = {"orbit": Orbit.circular(550, 53), "satellite_it_power_kw": 100.0}
    base = orbital_placement(1000.0, 6, **kw)
    same = orbital_placement(
        1000.0, 6, array_specific_power_w_per_kg=150.0, radiator_areal_density_kg_per_m2=7.0, **kw
    )
    assert_allclose(same["satellite_mass_kg"], base["satellite_mass_kg"], rtol=1e-12)
    sp = np.array([75.0, 150.0, 300.0])
    rho = np.array([3.5, 7.0, 14.0])
    r = orbital_placement(
        1000.0, 6, array_specific_power_w_per_kg=sp, radiator_areal_density_kg_per_m2=rho, **kw
    )
    assert_allclose(r["satellite_array_mass_kg"], base["satellite_array_mass_kg"] * 150.0 / sp)
    assert_allclose(r["satellite_radiator_mass_kg"], base["satellite_radiator_mass_kg"] * rho / 7)
    assert_allclose(r["radiator_area_m2"], base["radiator_area_m2"], rtol=1e-12)
    assert np.all(np.diff(r["satellite_mass_kg"]) != 0)
    with pytest.raises(InputError, match=r"^array_specific_power_w_per_kg=0: must be > 0 W/kg"):
        orbital_placement(1000.0, 6, array_specific_power_w_per_kg=0.0, **kw)
    with pytest.raises(InputError, match=r"^radiator_areal_density_kg_per_m2=-1: must be > 0"):
        orbital_placement(1000.0, 6, radiator_areal_density_kg_per_m2=-1.0, **kw)
    # With a heat pump the optimum lift trades radiator mass against pump work: a
    # heavier radiator buys more lift and less area (the catalog 7 kg/m2 is the default).
    hp = {
        "carnot_fraction": 0.5,
        "mass_kg_per_w": 0.005,
        "array_specific_power_w_per_kg": 100.0,
        "max_lift_k": 150.0,
    }
    with_hp = orbital_placement(
        1000.0, 6, heat_pump=hp, radiator_areal_density_kg_per_m2=np.array([7.0, 14.0, 28.0]), **kw
    )
    hp_base = orbital_placement(1000.0, 6, heat_pump=hp, **kw)
    assert_allclose(with_hp["radiator_area_m2"][0], hp_base["radiator_area_m2"], rtol=1e-12)
    assert np.all(np.diff(with_hp["radiator_area_m2"]) < 0)


def test_deployment_ramp_of_repeated_launch_counts_is_the_direct_ramp():
    """Monte Carlo samples share whole launch counts: ramping each distinct count once
    and gathering gives exactly the per-sample ramp (including 0 launches)."""
    from orbitcompute.placements import _orbital_deploy as dep

    counts = np.random.default_rng(3).integers(0, 40, size=2000).astype(float)
    args = (np.asarray(12.0), np.asarray(0.2), np.asarray(1.5), 6)
    gathered = dep.deployment_ramp(counts, *args)
    direct = dep._ramp(counts, *args)
    assert gathered.keys() == direct.keys()
    for k in direct:
        assert gathered[k].shape == direct[k].shape
        assert_allclose(gathered[k], direct[k], rtol=0, atol=0)


def test_deployment_ramp_integrates_the_launch_curve():
    """Brute force: the cumulative launch count Lambda(tau) is piecewise linear between
    launch.deployment_ramp's whole-year counts (rising at the year's cadence, or faster
    when flooring carried launches over); the horizon year j sees tau = t - d for t in
    [j, j + 1]. The year-average fleet in service (midpoint rule, 4,000 points per year)
    and the launches in each year must match the closed form, for fractional
    development times, cadence growth and zero launches."""
    from orbitcompute import launch
    from orbitcompute.placements import _orbital_deploy as dep

    rng = np.random.default_rng(11)
    years, n = 6, 40
    N = rng.integers(0, 400, n).astype(float)
    N[:3] = [0.0, 1.0, 7.0]
    L0 = rng.uniform(1.0, 90.0, n)
    g = rng.uniform(0.0, 0.6, n)
    d = rng.uniform(0.0, 3.5, n)
    d[3:6] = [0.0, 1.0, 2.0]  # whole years: tau lands on year boundaries
    d[6:8] = [7.25, 1e9]  # first launch after the horizon
    got = dep._ramp(N, L0, g, d, years)
    pub = launch.deployment_ramp(N, L0, years + 1, cadence_growth_per_year=g)
    cum, cad = pub["cumulative_launches"], pub["cadence_limit_by_year"]
    h = 1.0 / 4000
    t = np.arange(years * 4000) * h + h / 2  # midpoints over the horizon
    for i in range(n):
        tau = t - d[i]
        k = np.clip(np.floor(tau), 0, years).astype(int)
        a = np.concatenate([[0.0], cum[i]])[k]
        b = cum[i][k]
        rate = np.maximum(cad[i][k], b - a)
        lam = np.where(tau < 0, 0.0, np.minimum(a + rate * (tau - k), b))
        avg = lam.reshape(years, 4000).mean(axis=1)
        want = avg / N[i] if N[i] > 0 else np.clip(np.arange(1, years + 1) - d[i], 0, 1)
        assert_allclose(got["fraction_by_year"][i], want, atol=1e-7, rtol=0)
        ends = np.arange(years + 1) - d[i]
        ke = np.clip(np.floor(ends), 0, years).astype(int)
        ae = np.concatenate([[0.0], cum[i]])[ke]
        be = cum[i][ke]
        re = np.maximum(cad[i][ke], be - ae)
        lam_e = np.where(ends < 0, 0.0, np.minimum(ae + re * (ends - ke), be))
        assert_allclose(got["launches_by_year"][i], np.diff(lam_e), atol=1e-9, rtol=0)
        assert_allclose(got["launched_in_horizon"][i], lam_e[-1], atol=1e-9, rtol=0)


def test_no_power_within_the_horizon_is_infeasible():
    """Development as long as the study (5 yr of 5): the fleet is complete when the
    horizon ends, nothing is served within it, so the placement is infeasible with the
    reason "horizon" and its levelized cost is NaN; 4.5 yr of development still serves
    half a year and stays feasible."""
    r = orbital_placement(1000.0, 5, development_years=np.array([4.5, 5.0, 6.0]))
    assert r["feasible"].tolist() == [True, False, False]
    assert r["binding_constraint"].tolist() == ["none", "horizon", "horizon"]
    assert np.isfinite(r["lcoe_usd_per_mwh"][0]) and np.isnan(r["lcoe_usd_per_mwh"][1:]).all()


def test_a_design_that_cannot_fly_has_no_levelized_cost():
    """A 100 kg payload cannot lift one satellite: nothing flies, no energy is
    delivered, and the levelized cost is NaN rather than the cost of a fleet that
    never launches."""
    top = {"specific_power_w_per_kg": 36.5, "cost_usd_per_w": 22.0, "satellite_power_kw": 27.0}
    ok = orbital_placement(1000.0, 5, mode="top_down", **top)
    assert ok["feasible"] and np.isfinite(ok["lcoe_usd_per_mwh"])
    r = orbital_placement(1000.0, 5, mode="top_down", payload_per_launch_kg=100.0, **top)
    assert str(r["binding_constraint"]) == "vehicle_payload"
    assert float(r["delivered_it_mw"]) == 0 and np.isnan(r["lcoe_usd_per_mwh"])


def test_nothing_of_a_satellite_too_heavy_to_launch_is_built_launched_or_costed():
    """A 2 MW satellite outweighs Starship's payload: the fleet is not built, so no launch,
    no mass in orbit, no launch CO2 and no power ever; its costs are undefined (NaN, as for
    a design that does not close). What the design would need is kept: the satellite's
    mass and count, and launches_required is infinite (no number of launches of this
    vehicle lifts it). It used to report 417 launches, 40 kt in orbit and $115 B of capex.
    The flying sample of the same call equals its own call."""
    r = orbital_placement(1000.0, 5, satellite_it_power_kw=np.array([100.0, 2000.0]))
    one = orbital_placement(1000.0, 5, satellite_it_power_kw=100.0)
    assert r["binding_constraint"].tolist() == ["none", "vehicle_payload"]
    for k in ("launches", "launches_initial", "mass_to_orbit_kg", "co2_t_per_year", "satellites"):
        assert_allclose(r[k], [float(one[k]), 0.0], rtol=1e-12, err_msg=k)
    for k in ("capex_usd", "cost_total_usd", "lcoe_usd_per_mwh", "opex_usd_per_year"):
        assert np.isnan(r[k][1]), k
        assert_allclose(r[k][0], one[k], rtol=1e-12, err_msg=k)
    assert r["launches_required"][1] == np.inf
    assert r["time_to_first_power_years"][1] == np.inf
    assert r["satellite_mass_kg"][1] > 100_000 and r["satellites_required"][1] > 0
    assert not np.any(r["delivered_it_mw_by_year"][1])


def test_explicit_ground_sites_keep_the_link_rate():
    """The link rate is the terminals' and the geometry's, not the count's: with an
    explicit ground_sites it equals the rate of the sized default."""
    sized = orbital_placement(1000.0, 5)
    for n in (0, 5):
        r = orbital_placement(1000.0, 5, ground_sites=n)
        assert_allclose(r["ground_link_rate_bps"], sized["ground_link_rate_bps"])
        assert float(r["ground_sites"]) == n and not r["ground_sites_sized"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"years": float("inf")}, r"^years=inf: must be a whole number of years in \[1, 1000\]"),
        ({"years": None}, r"^years=None:"),
        ({"years": np.array([5, 6])}, r"^years=array"),
        ({"start_year": float("nan")}, r"^start_year=nan: must be a whole number"),
        ({"start_year": 1e300}, r"^start_year=1e\+300:"),
    ],
)
def test_bad_horizon_is_an_input_error(kwargs, message):
    args = {"it_power_mw": 1000.0, "years": 5, **kwargs}
    with pytest.raises(InputError, match=message):
        orbital_placement(**args)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"accelerator_mass_kg": -1.0}, r"^accelerator_mass_kg=-1: must be >= 0 kg"),
        ({"accelerator_all_in_power_w": -1.0}, r"^accelerator_all_in_power_w=-1:"),
        ({"accelerator_price_usd": -1.0}, r"^accelerator_price_usd=-1:"),
        ({"ground_site_availability": 1.5}, r"^ground_site_availability=1\.5: must be in \(0, 1\]"),
        (
            {"ground_target_availability": 1.0},
            r"^ground_target_availability=1: must be in \(0, 1\)",
        ),
        ({"ground_terminals_per_site": 1.5}, r"^ground_terminals_per_site=1\.5: must be a whole"),
        ({"ground_min_elevation_deg": 90.0}, r"^ground_min_elevation_deg=90: must be in \[0, 90\)"),
        ({"crosslink_terminal": "tbird"}, r"^crosslink_terminal='tbird': not in .*did you mean"),
        ({"downlink_terminal": "nosuch"}, r"^downlink_terminal='nosuch': not in data/optical_t"),
        (
            {"ground_terminal": ["octl_1m_ground"]},
            r"^ground_terminal=\['octl_1m_ground'\]: must be",
        ),
        ({"outputs": 5}, r"^outputs=5: must be a list of output names"),
    ],
)
def test_bad_overrides_are_named_as_given(kwargs, message):
    """Overrides passed on to the hardware, ground and links modules are checked under
    the names orbital_placement was given, not those of the modules' own parameters."""
    with pytest.raises(InputError, match=message):
        orbital_placement(1000.0, 5, **kwargs)


def test_a_terminal_with_unpublished_link_fields_is_named():
    """TBIRD's receive-side system loss is blank in the catalog (not published): as a
    crosslink terminal (both ends) or a ground receiver it cannot close a link budget,
    and nothing is assumed for it. With the loss supplied it can."""
    from orbitcompute import links

    for key in ("crosslink_terminal", "ground_terminal"):
        with pytest.raises(
            InputError, match=rf"^{key}='tbird_space': .* no published system_loss_db"
        ):
            orbital_placement(1000.0, 5, **{key: "tbird_space"})
    done = links.optical_terminal("tbird_space", system_loss_db=3.0)
    r = orbital_placement(1000.0, 5, ground_terminal=done)
    assert np.isfinite(r["ground_link_rate_bps"]) and r["ground_link_rate_bps"] > 0


@pytest.mark.parametrize(
    "name",
    [
        "array_cost_usd_per_w",
        "launch_cadence_growth_per_year",
        "satellite_it_power_kw",
    ],
)
def test_a_value_so_large_that_the_costs_overflow_is_named(name):
    """A mistyped 1e300 made the costs inf with RuntimeWarnings, or an internal check named
    a quantity the user never set (values_by_year=nan, area_to_mass_m2_per_kg=nan)."""
    with pytest.raises(InputError, match=rf"^{name}=1e\+300: too large: the placement's numbers"):
        orbital_placement(1000.0, 5, **{name: 1e300})


@pytest.mark.parametrize(
    "key, first, second",
    [
        ("crosslink_distance_m", np.array([200.0, 2e6]), np.array([2e6, 200.0])),
        ("altitude_km", np.array([400.0, 1200.0]), np.array([1200.0, 400.0])),
    ],
)
def test_array_inputs_are_never_served_from_the_scalar_cache(key, first, second):
    """Link rates and orbit delta-v of scalar inputs are memoized across calls; an
    array input must never share a key (the key once put None in place of any array,
    so a second array call got the first array's rates: crosslink terminals
    [40, 319] for distances [2e6, 200] after a call with [200, 2e6]). The reference is
    each element evaluated on its own, as scalars."""

    def call(values):
        if key == "altitude_km":
            return orbital_placement(1000.0, 5, orbit=Orbit.circular(values, 53.0))
        return orbital_placement(1000.0, 5, crosslink_distance_m=values)

    call(first)
    got = call(second)
    for i, v in enumerate(second):
        one = call(float(v))
        for out in ("crosslink_terminals", "ground_sites", "lcoe_usd_per_mwh"):
            assert_allclose(got[out][i], one[out], rtol=1e-12, err_msg=out)
    assert_allclose(call(second[:0])["lcoe_usd_per_mwh"].shape, (0,))
    assert call(second)["lcoe_usd_per_mwh"].shape == (2,)


def test_time_to_first_power_is_the_first_launch_of_the_ramp():
    """First power used to be development_years whatever the cadence (2.0, and 0.0 in
    top-down, at 0.1 launches/yr with nothing launched in the horizon).

    At a constant cadence L the cumulative capacity first holds a whole launch in
    deployment year k = ceil(1/L) - 1, whose launches the ramp spreads over it:
    L = 0.1, development 2 yr: 2 + 9 = 11 yr (beyond the 5-yr horizon: "horizon").
    The McCalip fleet (294 launches) at L = 0.4 after 0.5 yr: k = ceil(2.5) - 1 = 2, first
    power at 2.5 yr. Floored cumulative launches 0, 0, 1, 1, 2 at the ends of deployment
    years 0-4; year 2 rises 0 -> 1 at rate 1/yr, year 4 rises 1 -> 2. With tau = t - 0.5:
    year 2 of the horizon (tau 1.5-2.5) holds int_2^2.5 (tau - 2) = 0.125 launch-years,
    year 3 (tau 2.5-3.5) int_2.5^3 (tau - 2) + 0.5 = 0.375 + 0.5 = 0.875.
    """
    r = orbital_placement(1000, 5, launches_per_year=0.1)
    assert_allclose(r["time_to_first_power_years"], 11.0)
    assert str(r["binding_constraint"]) == "horizon" and not np.any(r["delivered_it_mw_by_year"])
    r = orbital_placement(
        1000, 5, launches_per_year=0.4, development_years=0.5, **_MCCALIP_TOP_DOWN
    )
    assert_allclose(r["launches_required"], 294)
    assert_allclose(r["time_to_first_power_years"], 2.5)
    assert_allclose(r["delivered_it_mw_by_year"][:4], 1000 / 294 * np.array([0, 0, 0.125, 0.875]))
    # the first year with power is the one that holds the first launch
    first_year = np.flatnonzero(r["delivered_it_mw_by_year"] > 0)[0]
    assert first_year == int(np.floor(r["time_to_first_power_years"]))
    # unlimited cadence: the development time; a design that cannot fly: inf
    assert_allclose(
        orbital_placement(1000, 5, development_years=1.5)["time_to_first_power_years"], 1.5
    )
    heavy = orbital_placement(1000, 5, launches_per_year=0.4, satellite_it_power_kw=2000.0)
    assert heavy["time_to_first_power_years"] == np.inf


def test_installed_it_mw_by_year_is_the_power_in_service_at_each_year_end():
    """294 launches at 100/yr from year 0 (test_cadence_ramp_matches_arithmetic): in
    service at the end of years 1, 2, 3: 100/294, 200/294, 1 of 1000 MW. After 0.5 yr of
    development at 0.4/yr (see the test above): launches done at tau = 0.5, 1.5, ..., 4.5
    are 0, 0, 0.5, 1, 1.5, so 1000/294 * [0, 0, 0.5, 1, 1.5]. Unlimited cadence after 2 yr:
    the whole fleet is up at t = 2, the end of year 2: [0, 1000, 1000, 1000, 1000].
    The last element is delivered_it_mw (the power in service at the horizon's end)."""
    cases = [
        (
            {"launches_per_year": 100, **_MCCALIP_TOP_DOWN},
            1000 * np.array([100 / 294, 200 / 294, 1, 1, 1]),
        ),
        (
            {"launches_per_year": 0.4, "development_years": 0.5, **_MCCALIP_TOP_DOWN},
            1000 / 294 * np.array([0, 0, 0.5, 1, 1.5]),
        ),
        ({"development_years": 2.0}, [0, 1000, 1000, 1000, 1000]),
    ]
    for kw, expected in cases:
        r = orbital_placement(1000, 5, **kw)
        assert_allclose(r["installed_it_mw_by_year"], expected, rtol=1e-9, atol=1e-12)
        assert r["installed_it_mw_by_year"][-1] == r["delivered_it_mw"]
        only = orbital_placement(1000, 5, outputs=["installed_it_mw_by_year"], **kw)
        assert list(only) == ["installed_it_mw_by_year"]
        assert_allclose(only["installed_it_mw_by_year"], r["installed_it_mw_by_year"], rtol=0)
    assert "installed_it_mw_by_year" in COMMON_OUTPUTS
    assert "installed_it_mw_by_year" not in orbital_placement(1000, 5, outputs=["capex_usd"])
    # arrays: a satellite too heavy to fly has none in service; the other its own values
    kw = {"launches_per_year": 100.0, "development_years": 1.0}
    r = orbital_placement(1000.0, 5, satellite_it_power_kw=np.array([100.0, 2000.0]), **kw)
    one = orbital_placement(1000.0, 5, satellite_it_power_kw=100.0, **kw)
    assert r["installed_it_mw_by_year"].shape == (2, 5)
    assert_allclose(r["installed_it_mw_by_year"][0], one["installed_it_mw_by_year"], rtol=1e-12)
    assert not np.any(r["installed_it_mw_by_year"][1])
    assert_allclose(r["installed_it_mw_by_year"][:, -1], r["delivered_it_mw"], rtol=0)


def test_deployment_ramp_of_repeated_counts_keeps_the_year_end_fraction():
    """The Monte Carlo path (each distinct launch count ramped once, then gathered) gives
    the per-sample year-end fractions and first-launch times too."""
    from orbitcompute.placements import _orbital_deploy as dep

    counts = np.random.default_rng(5).integers(0, 40, size=2000).astype(float)
    args = (np.asarray(12.0), np.asarray(0.2), np.asarray(1.5), 6)
    gathered = dep.deployment_ramp(counts, *args, installed=True)
    direct = dep._ramp(counts, *args, installed=True)
    for k in ("installed_fraction_by_year", "time_to_first_years"):
        assert_allclose(gathered[k], direct[k], rtol=0, err_msg=k)
    assert_allclose(gathered["installed_fraction_by_year"][:, -1], gathered["end_fraction"], rtol=0)


@pytest.mark.parametrize(
    "mode_kw", [{}, {"mode": "top_down", "specific_power_w_per_kg": 36.5, "cost_usd_per_w": 22.0}]
)
@pytest.mark.parametrize("orbit", ["leo", 650])
def test_an_orbit_that_is_not_an_orbit_is_refused(mode_kw, orbit):
    """orbit='leo' raised a raw AttributeError (bottom-up) or was accepted (top-down)."""
    with pytest.raises(InputError, match=rf"^orbit={orbit!r}: must be an orbitcompute.orbit.Orbit"):
        orbital_placement(1000, 5, orbit=orbit, **mode_kw)


def test_an_orbit_inside_the_atmosphere_is_infeasible_element_by_element():
    """At 100-120 km the rocket equation's exp() overflowed and the call failed with
    "it_power_mw=1000: too large"; an array orbit lost its good elements too. Drag there
    makes the mass diverge (as at 150 km), and the 650 km element is its own call."""
    r = orbital_placement(1000, 5, orbit=Orbit.circular(np.array([100.0, 120.0, 650.0]), 53.0))
    assert r["binding_constraint"].tolist() == ["mass_divergence", "mass_divergence", "none"]
    one = orbital_placement(1000, 5, orbit=Orbit.circular(650.0, 53.0))
    for k in ("lcoe_usd_per_mwh", "satellites", "satellite_mass_kg", "delivered_it_mw"):
        assert_allclose(r[k][2], one[k], rtol=1e-12, err_msg=k)
    assert np.isnan(r["lcoe_usd_per_mwh"][0]) and r["delivered_it_mw"][0] == 0
    # a specific impulse far too small cannot lift the propellant either
    assert str(orbital_placement(1000, 5, specific_impulse_s=1e-30)["binding_constraint"]) == (
        "mass_divergence"
    )


@pytest.mark.parametrize(
    "name, mode_kw",
    [
        ("sun_fraction", _MCCALIP_TOP_DOWN),
        ("array_power_w_per_m2", _MCCALIP_TOP_DOWN),
        ("radiator_flux_w_per_m2", _MCCALIP_TOP_DOWN),
        ("accelerator_all_in_power_w", {}),
        ("array_specific_power_w_per_kg", {}),
    ],
)
def test_a_divisor_so_small_that_the_numbers_overflow_is_named(name, mode_kw):
    """A tiny divisor overflowed float64 and the message blamed it_power_mw=1000."""
    with pytest.raises(InputError, match=rf"^{name}=1e-300: too small: the placement's numbers"):
        orbital_placement(1000.0, 5, **{**mode_kw, name: 1e-300})


def test_a_satellite_with_less_than_one_accelerator_is_infeasible():
    """satellite_it_power_kw = 1e-12 (100 MW, 5 yr) was feasible: 1e17 satellites carrying
    6e-13 of an H100 each, 2.5e13 launches, all flown at the (unlimited) default cadence.
    A satellite carries at least one accelerator (1275 W all-in for the H100)."""
    for kw in ({"satellite_it_power_kw": 1e-12}, {"accelerators_per_satellite": 0.5},
               {"satellite_it_power_kw": 1.0}):  # fmt: skip
        r = orbital_placement(100.0, 5, **kw)
        assert not bool(r["feasible"]) and str(r["binding_constraint"]) == "accelerator_count"
        assert np.isnan(r["satellites"]) and np.isnan(r["lcoe_usd_per_mwh"])
    r = orbital_placement(100.0, 5, accelerators_per_satellite=1.0)
    assert bool(r["feasible"]) and str(r["binding_constraint"]) == "none"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"accelerators_per_satellite": 10, "satellite_it_power_kw": 500},
            r"^accelerators_per_satellite=10 and satellite_it_power_kw=500: both set the same",
        ),
        (
            {"replacement_fraction_per_year": 0.5, "satellite_annual_failure_rate": 0.01},
            r"^replacement_fraction_per_year=0.5 and satellite_annual_failure_rate=0.01: both",
        ),
        (
            {"launch_price_usd_per_kg": 100.0, "launch_price_usd_per_launch": 1e7},
            r"^launch_price_usd_per_kg=100.0 and launch_price_usd_per_launch=10000000.0: both",
        ),
    ],
)
def test_one_quantity_given_two_ways_is_refused(kwargs, message):
    """accelerators_per_satellite silently won over satellite_it_power_kw (a 12.75 kW
    satellite), and replacement_fraction_per_year over satellite_annual_failure_rate."""
    with pytest.raises(InputError, match=message):
        orbital_placement(1000, 5, **kwargs)


def test_a_volume_check_needs_both_the_density_and_the_volume():
    """stowed_density_kg_per_m3 = 1 on Starship (no catalog fairing volume) was not checked
    (feasible, an 8.7 t satellite in 8,700 m3); fairing_volume_m3 alone was ignored.
    With both, an 8.7 t satellite at 1 kg/m3 needs 8,700 m3 > 1000 m3: vehicle_volume."""
    with pytest.raises(InputError, match=r"^stowed_density_kg_per_m3=1: .*pass fairing_volume_m3"):
        orbital_placement(1000, 5, stowed_density_kg_per_m3=1.0)
    with pytest.raises(InputError, match=r"^fairing_volume_m3=1000: .*stowed_density_kg_per_m3"):
        orbital_placement(1000, 5, fairing_volume_m3=1000.0)
    r = orbital_placement(1000, 5, stowed_density_kg_per_m3=1.0, fairing_volume_m3=1000.0)
    assert str(r["binding_constraint"]) == "vehicle_volume"
    # the same satellite as without the volume check (about 8.7 t), so 8.7e3 m3 > 1000 m3
    free = orbital_placement(1000, 5)
    assert_allclose(r["satellite_mass_kg"], free["satellite_mass_kg"], rtol=1e-12)
    assert float(r["satellite_mass_kg"]) / 1.0 > 1000.0
    ok = orbital_placement(1000, 5, stowed_density_kg_per_m3=10.0, fairing_volume_m3=1000.0)
    assert bool(ok["feasible"])
    # a vehicle with a catalog volume (Falcon 9, 145 m3) takes the density alone
    f9 = orbital_placement(1000, 5, launch_vehicle="falcon_9", stowed_density_kg_per_m3=1.0)
    assert str(f9["binding_constraint"]) == "vehicle_volume"


@pytest.mark.parametrize(
    "wrong, right", [("utilization", "utilisation"), ("discount_rates", "discount_rate"),
                     ("output", "outputs")],
)  # fmt: skip
def test_a_misspelt_keyword_of_the_signature_is_suggested(wrong, right):
    """The suggestions omitted the function's own keywords (utilization -> 'bus_fraction')."""
    with pytest.raises(InputError, match=rf"^{wrong}: unknown parameter.*did you mean '{right}'\?"):
        orbital_placement(1000, 5, **{wrong: 0.5})


@pytest.mark.parametrize("name", ["ground_sites", "satellites_per_cluster"])
def test_counts_must_be_whole(name):
    """ground_sites and satellites_per_cluster = 2.5 were rounded up; other counts
    (ground_terminals_per_site, crosslink_terminals) were refused."""
    with pytest.raises(InputError, match=rf"^{name}=2.5: must be a whole number"):
        orbital_placement(1000, 5, **{name: 2.5})


def test_returns_documents_every_common_output():
    """The Returns section omitted satellites_required, built_fraction, launches_initial,
    launches_required, ground_sites, launch_price_usd_per_kg and satellite_it_power_w."""
    doc = orbital_placement.__doc__
    returns = doc[doc.index("    Returns\n") : doc.index("    Raises\n")]
    missing = [k for k in sorted(COMMON_OUTPUTS) if f"``{k}``" not in returns]
    assert not missing


def test_top_down_satellite_below_one_accelerator_does_not_close():
    """A top-down satellite must carry at least one whole accelerator, as bottom-up.

    1000 MW over 5 years, no degradation, sun fraction 0.98: each satellite carries
    ``P_sat * 1 * 0.98`` of IT. H100 SXM (the default) all-in 1275 W:
    1e-12 kW -> 9.8e-10 W (was feasible with ceil(1e9 / 9.8e-10) ~ 1.02e18 satellites);
    27 kW -> 26,460 W >= 1275 W, closes (37,793 = ceil(1e9 / 26,460) satellites);
    1.3 kW -> 1274 W < 1275 W, does not close; 1.3015 kW -> 1275.47 W, closes.
    GB200 NVL72 (1666.7 W): 1.7 kW -> 1666 W < 1666.7 W, does not close.
    """
    top = {"specific_power_w_per_kg": 36.5, "cost_usd_per_w": 22.0, "sun_fraction": 0.98}
    kw = np.array([1e-12, 27.0, 1.3, 1.3015])
    r = orbital_placement(1000.0, 5, mode="top_down", satellite_power_kw=kw, **top)
    assert r["feasible"].tolist() == [False, True, False, True]
    assert r["binding_constraint"].tolist() == [
        "accelerator_count", "none", "accelerator_count", "none"
    ]  # fmt: skip
    assert_allclose(r["satellite_it_power_w"][[0, 2]], [9.8e-10, 1274.0], rtol=1e-12)
    assert_allclose(r["satellites_required"][1], 37_793.0)
    assert np.isnan(r["satellites"][[0, 2]]).all() and np.isnan(r["lcoe_usd_per_mwh"][[0, 2]]).all()
    assert_allclose(r["max_feasible_it_mw"], [0.0, 1000.0, 0.0, 1000.0])
    r = orbital_placement(
        1000.0, 5, mode="top_down", satellite_power_kw=1.7, accelerator="gb200_nvl72", **top
    )
    assert str(r["binding_constraint"]) == "accelerator_count"
    # a given all-in power, per sample: 1274 W carries a 1000 W chip, not a 1300 W one
    r = orbital_placement(
        1000.0, 5, mode="top_down", satellite_power_kw=1.3,
        accelerator_all_in_power_w=np.array([1000.0, 1300.0]), **top,
    )  # fmt: skip
    assert r["binding_constraint"].tolist() == ["none", "accelerator_count"]


def test_top_down_accelerator_power_samples_that_all_close_match_scalar_calls():
    """An array of accelerator all-in powers that every satellite carries changes only the
    design check (the fleet is the same): the launch constraints are scalars while the
    design's label is an array, and the binding label crashed (ValueError from
    first_label). 27 kW * avgCF 1 * 0.98 = 26,460 W of IT per satellite carries a 1000,
    1666.7 or 2000 W chip: each sample closes as its scalar call does (37,793 satellites,
    binding "none")."""
    top = {"specific_power_w_per_kg": 36.5, "cost_usd_per_w": 22.0, "sun_fraction": 0.98}
    powers = np.array([1000.0, 1666.7, 2000.0])
    r = orbital_placement(
        1000.0, 5, mode="top_down", satellite_power_kw=27.0, accelerator_all_in_power_w=powers,
        **top,
    )  # fmt: skip
    assert r["binding_constraint"].tolist() == ["none"] * 3
    assert_allclose(r["satellites_required"], [37_793.0] * 3, rtol=0)
    for i, w in enumerate(powers):
        one = orbital_placement(
            1000.0, 5, mode="top_down", satellite_power_kw=27.0,
            accelerator_all_in_power_w=float(w), **top,
        )  # fmt: skip
        for key in ("cost_total_usd", "lcoe_usd_per_mwh", "launches", "feasible"):
            assert_allclose(r[key][i], one[key], rtol=1e-12, err_msg=key)


@pytest.mark.parametrize("mode", ["top_down", "bottom_up"])
def test_accelerator_keywords_are_checked_alike_in_both_modes(mode):
    """The accelerator is a catalog name with an all-in power (given or sourced), read by
    one helper in both modes (bottom-up named a misspelt accelerator 'name=')."""
    top = {"specific_power_w_per_kg": 36.5, "cost_usd_per_w": 22.0} if mode == "top_down" else {}
    top["mode"] = mode
    with pytest.raises(InputError, match=r"^accelerator='h100': .*did you mean"):
        orbital_placement(1000.0, 5, accelerator="h100", **top)
    with pytest.raises(InputError, match=r"^accelerator_all_in_power_w=None: .*'tpu_v6e'"):
        orbital_placement(1000.0, 5, accelerator="tpu_v6e", **top)
    with pytest.raises(InputError, match=r"^accelerator_all_in_power_w=0: must be > 0"):
        orbital_placement(1000.0, 5, accelerator_all_in_power_w=0.0, **top)
    with pytest.raises(InputError, match=r"^accelerator_all_in_power_w=-1: must be >= 0"):
        orbital_placement(1000.0, 5, accelerator_all_in_power_w=-1.0, **top)


def test_fleet_count_above_1e12_is_not_rounded_down():
    """2e10 MW + 1 kW in 2 kW satellites (no degradation, sun fraction 1): the fleet
    needs 1e13 + 0.5 satellites, so ceil = 1e13 + 1. The ceiling's purely relative
    slack (x * (1 - 1e-12), 10 satellites at 1e13) gave 9,999,999,999,991: 10
    satellites (20 MW) short of the demand."""
    r = orbital_placement(
        2e10 + 1e-3, 1, mode="top_down", specific_power_w_per_kg=100.0, cost_usd_per_w=1.0,
        satellite_power_kw=2.0,
    )  # fmt: skip
    assert float(r["satellites_required"]) == 1e13 + 1
    assert float(r["satellites"]) == 1e13 + 1
    assert_allclose(r["mass_to_orbit_kg"], (1e13 + 1) * 2000.0 / 100.0, rtol=1e-15)


# Starcloud's 40 MW over 10 years, bottom-up (the audit's case): ~10.2 t satellites of
# ~100 kW IT each on a 100 t, USD 5 M launch; 5 %/yr replaced; 100 t CO2 per launch.
_WHOLE = {
    "start_year": 2026,
    "accelerator": "gb200_nvl72",
    "payload_per_launch_kg": 1e5,
    "development_years": 0.0,
    "replacement_fraction_per_year": 0.05,
    "launch_co2_t_per_launch": 100.0,
}


def test_bottom_up_launches_carry_whole_satellites():
    """400 satellites of m ~ 10.2 t (10 t < m < 11.1 t) on a 100 t vehicle: floor(100 / m)
    = 9 whole satellites a launch (launch.satellites_per_launch), so ceil(400 / 9) = 45
    launches, not ceil(400 m / 100 t) = 41 as if the satellites could be split.
    Replacements: 0.05/yr * 400 * 10 yr (all in service from year 0) = 200 satellites,
    ceil(200 / 9) = 23 launches; 45 + 23 = 68 launches, 68 * 100 t / 10 yr = 680 t/yr.
    At USD 5 M a launch: initial 45 * 5 M = 225 M (USD 225 M / (400 m) per kg), the
    replacements the 23 whole launches they fly, 23 * 5 M = 115 M (not the 200 / 9 =
    22.2 loads' 111.1 M). At USD 50/kg the cost is per kg carried:
    50 * 400 m and 50 * 200 m, with the same launch counts. (The fleet's mass split
    freely between launches gave 41 + 21 = 62 launches and USD 205 M + 102.5 M.)"""
    r = orbital_placement(40.0, 10, launch_price_usd_per_launch=5e6, **_WHOLE)
    m = float(r["satellite_mass_kg"])
    assert 1e4 < m < 1e5 / 9 and float(r["satellites"]) == 400
    assert_allclose(r["launches_initial"], 45, rtol=0)
    assert_allclose(r["launches_required"], 45, rtol=0)
    assert_allclose(r["launches"], 68, rtol=0)
    assert_allclose(r["co2_t_per_year"], 680.0, rtol=1e-12)
    assert_allclose(r["breakdown.capex.launch_usd"], 225e6, rtol=1e-12)
    assert_allclose(r["launch_price_usd_per_kg"], 225e6 / (400 * m), rtol=1e-12)
    assert_allclose(r["breakdown.replacement.launch_usd"], 23 * 5e6, rtol=1e-12)
    r = orbital_placement(40.0, 10, launch_price_usd_per_kg=50.0, **_WHOLE)
    assert_allclose([r["launches_initial"], r["launches"]], [45, 68], rtol=0)
    assert_allclose(r["breakdown.capex.launch_usd"], 50.0 * 400 * m, rtol=1e-12)
    assert_allclose(r["breakdown.replacement.launch_usd"], 50.0 * 200 * m, rtol=1e-12)


def test_whole_satellite_launches_per_element_volume_and_cadence():
    """Per element, payloads 100, 30, 15 and 5 t take floor(100 / m) = 9, 2, 1 and 0 of
    the ~10.2 t satellites: 45, 200 and 400 launches (the fleet's mass alone gave 41, 137
    and 273) and a satellite too heavy to fly. A 1000 m3 fairing at 50 kg/m3 holds
    50 t, floor(50 / m) = 4 satellites: 100 launches (the fleet's stowed volume,
    4,087 t / 50 kg/m3 = 81,700 m3 at 1000 m3 a launch, gave 82). At 10 launches/yr the
    45 launches take 4.5 years (41 took 4.1)."""
    payload = np.array([1e5, 3e4, 1.5e4, 5e3])
    r = orbital_placement(
        40.0, 10, launch_price_usd_per_launch=5e6, **{**_WHOLE, "payload_per_launch_kg": payload}
    )
    assert 1e4 < float(r["satellite_mass_kg"][0]) < 1e5 / 9
    assert_allclose(r["launches_initial"][:3], [45, 200, 400], rtol=0)
    assert_allclose(r["breakdown.capex.launch_usd"][:3], [225e6, 1e9, 2e9], rtol=1e-12)
    assert r["binding_constraint"].tolist() == ["none"] * 3 + ["vehicle_payload"]
    assert r["launches_required"][3] == np.inf
    r = orbital_placement(
        40.0, 10, fairing_volume_m3=1000.0, stowed_density_kg_per_m3=50.0, **_WHOLE
    )
    assert 1e4 < float(r["satellite_mass_kg"]) < 12_500
    assert_allclose(r["launches_initial"], 100, rtol=0)
    r = orbital_placement(40.0, 10, launches_per_year=10.0, **_WHOLE)
    assert_allclose(r["time_to_full_power_years"], 4.5, rtol=1e-12)


def test_kg_per_kw_is_per_kw_of_it_power_in_both_modes():
    """``kg_per_kw`` is one satellite's mass per kW of its IT power in both modes (and
    ``specific_power_w_per_kg`` its inverse); ``bol_*`` are per kW of satellite power.

    Top-down, 1000 MW, 27 kW satellites at 36.5 W/kg, sun fraction 0.6, no degradation:
    ceil(1e9 W / (0.6 * 27 kW)) = 61,729 satellites of 27,000 / 36.5 = 739.726 kg,
    each carrying 1e9 / 61,729 = 16,199.8 W of IT: 739.726 / 16.1998 = 45.6625 kg/kW
    (= 45,662,548 kg in orbit / 1e6 kW) and 21.8998 W/kg, where the input basis gives
    1000 / 36.5 = 27.397 kg/kW and 36.5 W/kg (``kg_per_kw`` used to be 27.397).
    McCalip's preset: 29,390,055 kg / 1e6 kW = 29.390 kg/kW (34.03 W/kg of IT).
    Bottom-up: the satellite's wet mass over its IT and over its BOL power."""
    r = orbital_placement(
        1000.0, 5, mode="top_down", specific_power_w_per_kg=36.5, cost_usd_per_w=22.0,
        sun_fraction=0.6, satellite_power_kw=27.0,
    )  # fmt: skip
    assert_allclose(r["satellites"], 61_729, rtol=0)
    it_w = 1e9 / 61_729
    assert_allclose(r["kg_per_kw"], (27_000 / 36.5) / (it_w / 1e3), rtol=1e-12)
    assert_allclose(r["kg_per_kw"], 45.6625, rtol=1e-5)
    assert_allclose(r["kg_per_kw"], r["mass_to_orbit_kg"] / 1e6, rtol=1e-12)
    assert_allclose(r["specific_power_w_per_kg"], 21.8998, rtol=1e-5)
    assert_allclose(r["bol_specific_power_w_per_kg"], 36.5, rtol=1e-12)
    assert_allclose(r["bol_kg_per_kw"], 1000 / 36.5, rtol=1e-12)
    r = _run_preset("mccalip_2025")
    assert_allclose(r["kg_per_kw"], 29.390055, rtol=1e-7)
    assert_allclose(r["specific_power_w_per_kg"], 1e3 / 29.390055, rtol=1e-7)
    b = orbital_placement(1000.0, 5)
    m, it, bol = (float(b[k]) for k in ("satellite_mass_kg", "satellite_it_power_w",
                                        "satellite_bol_power_w"))  # fmt: skip
    assert_allclose(b["kg_per_kw"], m / (it / 1e3), rtol=1e-12)
    assert_allclose(b["specific_power_w_per_kg"], it / m, rtol=1e-12)
    assert_allclose(b["bol_kg_per_kw"], m / (bol / 1e3), rtol=1e-12)
    assert_allclose(b["bol_specific_power_w_per_kg"], bol / m, rtol=1e-12)
    # the fleet rounds up to whole satellites: within 1e-3 of mass in orbit per IT kW
    assert_allclose(b["kg_per_kw"], b["mass_to_orbit_kg"] / 1e6, rtol=1e-3)


def _top_down_834_launches(years: int = 6, **kw):
    """834 satellites of 1 MW (no degradation, sun fraction 1) at 1000 W/kg: 834 t, 1 t a
    launch, so 834 launches (the fleet's mass split freely between launches), at 217.3
    launches a year after 2.16 years of development."""
    args = {
        "mode": "top_down",
        "specific_power_w_per_kg": 1000.0,
        "cost_usd_per_w": 1.0,
        "satellite_power_kw": 1000.0,
        "payload_per_launch_kg": 1000.0,
        "launch_price_usd_per_kg": 1.0,
        "launches_per_year": 217.3,
        "development_years": 2.16,
        **kw,
    }
    return orbital_placement(834.0, years, **args)


def test_feasibility_and_time_to_full_come_from_the_ramp_that_flies_the_launches():
    """834 launches at 217.3 a year after 2.16 years of development, horizon 6 years.

    The ramp's cumulative launches at the ends of deployment years 0-3 are
    floor(217.3 k) = 217, 434, 651 and then 834 (869 capped): the last 183 launches fly
    in deployment year 3 at 217.3 a year, so the last one flies at
    2.16 + 3 + 183 / 217.3 = 6.00215 years, after the horizon (the continuous
    2.16 + 834 / 217.3 = 5.998 years would be inside it). At the horizon's end (3.84
    deployment years) 651 + 217.3 x 0.84 = 833.532 launches have flown (a continuous
    count): built fraction 833.532 / 834 = 0.999439, infeasible, "launch_cadence". With a
    7-year horizon the same ramp is done at the same 6.00215 years: feasible, all built.
    """
    r = _top_down_834_launches()
    assert_allclose(r["launches_required"], 834, rtol=0)
    assert_allclose(r["time_to_full_power_years"], 2.16 + 3 + 183 / 217.3, rtol=1e-12)
    assert_allclose(r["launches_initial"], 651 + 217.3 * 0.84, rtol=1e-12)
    assert_allclose(r["built_fraction"], (651 + 217.3 * 0.84) / 834, rtol=1e-12)
    assert not bool(r["feasible"])
    assert str(r["binding_constraint"]) == "launch_cadence"
    r7 = _top_down_834_launches(years=7)
    assert_allclose(r7["time_to_full_power_years"], 2.16 + 3 + 183 / 217.3, rtol=1e-12)
    assert_allclose([r7["launches_initial"], r7["built_fraction"]], [834, 1.0], rtol=1e-12)
    assert bool(r7["feasible"]) and str(r7["binding_constraint"]) == "none"


def test_one_launch_carried_into_a_later_year_flies_over_that_year():
    """12 satellites of 100 kW (1.2 MW of GB200 NVL72 racks), one launch, at 0.3 launches
    a year after 0.5 years of development, horizon 4 years.

    Cumulative capacity 0.3, 0.6, 0.9, 1.2 a year: floored 0, 0, 0, 1, so the one launch
    is flown over deployment year 3 (from 0.5 + 3 = 3.5 to 4.5 years; the continuous
    1 / 0.3 = 3.33 years would end at 3.83, inside the horizon). By the horizon's end
    (3.5 deployment years) half of it has flown: launches_initial 0.5, built fraction 0.5,
    0.6 MW delivered, infeasible ("launch_cadence"), full power at 4.5 years.
    """
    r = orbital_placement(
        1.2, 4, 2027, Orbit.sun_synchronous(1000.0, 18.0), accelerator="gb200_nvl72",
        launches_per_year=0.3, development_years=0.5,
    )  # fmt: skip
    assert_allclose([r["satellites_required"], r["launches_required"]], [12, 1], rtol=0)
    assert_allclose(r["time_to_full_power_years"], 4.5, rtol=1e-12)
    assert_allclose([r["launches_initial"], r["built_fraction"]], [0.5, 0.5], rtol=1e-12)
    assert_allclose(r["delivered_it_mw"], 0.6, rtol=1e-12)
    assert not bool(r["feasible"])
    assert str(r["binding_constraint"]) == "launch_cadence"


def test_opex_per_year_is_at_full_deployment_and_accelerator_insurance_is_not_infrastructure():
    """400 satellites (9 a launch, 45 launches), 4 launches a year, no development,
    10 years: 40 launches fly, built fraction b = 40 / 45. The ramp Lambda(t) = 4 t gives
    year-average fractions (4 y + 2) / 45, y = 0..9: 200 / 45 = 4.444 full-fleet years in
    service. Replacements 0.05 x 400 x 4.444 = 88.9 satellites, ceil(88.9 / 9) = 10 whole
    launches at USD 5 M = 50 M, USD 50 M / 4.444 = 11.25 M per full-fleet year.

    opex_usd_per_year, every item per year of the FULL fleet: operations 1 %, insurance
    2 % and replacements 5 % of the full fleet's hardware HW (the built hardware / b),
    9 ground sites (not the ceil(9 b) = 8 built) x USD 1 M, and the USD 11.25 M.
    The insurance premium on the accelerators, 0.02 x A x 4.444 (A: the full fleet's
    accelerators, initial ones / b), is an accelerator cost: in accelerator_capex_usd and
    its present value, not in cost_total_usd, which grows by 0.02 x HW x 4.444 alone.
    """
    kw = {**_WHOLE, "launch_price_usd_per_launch": 5e6, "launches_per_year": 4.0,
          "operations_fraction_per_year": 0.01, "ground_sites": 9,
          "ground_site_opex_usd_per_year": 1e6}  # fmt: skip
    r0 = orbital_placement(40.0, 10, **kw)
    r = orbital_placement(40.0, 10, insurance_fraction_per_year=0.02, **kw)
    b = 40 / 45
    sy = 200 / 45
    assert_allclose([r["launches_initial"], r["launches"]], [40, 50], rtol=0)
    assert_allclose(r["built_fraction"], b, rtol=1e-12)
    assert_allclose(r["breakdown.replacement.launch_usd"], 50e6, rtol=1e-12)
    hw = sum(v for k, v in r.items() if k.startswith("breakdown.capex.satellite_")) / b
    opex = (0.01 + 0.02 + 0.05) * hw + 9 * 1e6 + 50e6 / sy
    assert_allclose(r["opex_usd_per_year"], opex, rtol=1e-12)
    acc = r["breakdown.accelerators.initial_usd"] / b
    assert_allclose(r["breakdown.opex.insurance_usd"], 0.02 * hw * sy, rtol=1e-12)
    assert_allclose(r["breakdown.accelerators.insurance_usd"], 0.02 * acc * sy, rtol=1e-12)
    assert_allclose(r["cost_total_usd"] - r0["cost_total_usd"], 0.02 * hw * sy, rtol=1e-9)
    assert_allclose(
        r["accelerator_capex_usd"] - r0["accelerator_capex_usd"], 0.02 * acc * sy, rtol=1e-9
    )
    # no discounting (the default rate 0): present values equal the totals
    assert_allclose(r["accelerator_capex_discounted_usd"], r["accelerator_capex_usd"], rtol=1e-12)
    assert_allclose(r["cost_total_discounted_usd"], r["cost_total_usd"], rtol=1e-12)


def test_satellite_is_sized_for_the_years_it_can_serve_within_the_horizon():
    """Horizon 6 years, 2 of development: no satellite serves more than 4 years, so the
    satellite is the one of a 4-year horizon without development (same spares, array
    end-of-life degradation, battery cycles, drag propellant). Cold spares for 0.09
    accelerator failures per year: exp(0.09 x 4) = 1.4333 installed per working
    accelerator, not exp(0.09 x 6) = 1.7160. Designs with lives 5, 4 and 2.5 years in
    one call (an array of development years) equal the three scalar calls.
    """
    orb = Orbit.sun_synchronous(1000.0, 18.0)
    a = orbital_placement(1000, 6, orbit=orb, development_years=2.0)
    b = orbital_placement(1000, 4, orbit=orb, development_years=0.0)
    for k in a:
        if k.startswith("satellite_") or k in ("kg_per_kw", "bol_kg_per_kw"):
            assert_allclose(a[k], b[k], rtol=1e-12, err_msg=k)
    n_acc = a["accelerators_per_satellite"]
    assert_allclose(a["accelerators_installed_per_satellite"], n_acc * math.exp(0.36), rtol=1e-12)
    dev = np.array([1.0, 2.0, 3.5])
    many = orbital_placement(1000, 6, orbit=orb, development_years=dev)
    for i, d in enumerate(dev):
        one = orbital_placement(1000, 6, orbit=orb, development_years=float(d))
        for k in ("satellite_mass_kg", "satellite_array_area_m2", "satellite_battery_mass_kg",
                  "satellite_propellant_mass_kg", "accelerators_installed_per_satellite",
                  "lcoe_usd_per_mwh", "cost_total_usd"):  # fmt: skip
            assert_allclose(many[k][i], one[k], rtol=1e-12, err_msg=k)


def test_development_as_long_as_the_horizon_is_reported_not_raised():
    """Development 2.5 years in a 2-year horizon: no satellite can serve (mission life
    max(2 - 2.5, 0) = 0): sized with no spares and no drag propellant, no power within
    the horizon: infeasible, "horizon", no error and no NaN in the satellite."""
    r = orbital_placement(1000, 2, development_years=2.5)
    assert not bool(r["feasible"]) and str(r["binding_constraint"]) == "horizon"
    assert_allclose(
        r["accelerators_installed_per_satellite"], r["accelerators_per_satellite"], rtol=1e-12
    )
    assert np.isfinite(r["satellite_mass_kg"]) and np.isfinite(r["kg_per_kw"])
    assert_allclose(r["delivered_it_mw"], 0.0, atol=0)


# ------------------------------------------------------------------ round 8 fixes


_STARCLOUD_TD = {
    "mode": "top_down",
    "specific_power_w_per_kg": 400.0,
    "cost_usd_per_w": 0.05,
    "satellite_power_kw": 40_000.0,
    "sun_fraction": 1.0,
    "degradation_per_year": 0.0,
    "launch_price_usd_per_launch": 5.0e6,
    "payload_per_launch_kg": 100_000.0,
    "shielding_cost_usd_per_kg": 30.0,
}


def test_top_down_shielding_heavier_than_the_satellite_is_infeasible():
    """Starcloud's 40 MW satellite weighs 40e6 W / 400 W/kg = 100,000 kg, shielding
    included (the system W/kg). Shielding per kW of IT x 40,000 kW: 1 kg/kW -> 40 t
    (the preset, total 2.0 + 5.0 + 1.2 = 8.2 M USD); 2.5 kg/kW -> 100 t, all of the
    satellite (closes, 2.0 + 5.0 + 3.0 = 10.0 M USD); 2.6 kg/kW -> 104 t and 5 kg/kW
    (data/bus.csv's high value) -> 200 t: heavier than the satellite, infeasible
    ("shielding_mass"; was feasible at 13.0 M USD), element by element."""
    k = np.array([1.0, 2.5, 2.6, 5.0])
    r = orbital_placement(40.0, 10, shielding_kg_per_kw=k, **_STARCLOUD_TD)
    assert r["feasible"].tolist() == [True, True, False, False]
    assert r["binding_constraint"].tolist() == ["none", "none", "shielding_mass", "shielding_mass"]
    assert_allclose(r["shielding_mass_kg"], [40_000.0, 100_000.0, 104_000.0, 200_000.0])
    assert_allclose(r["cost_total_usd"][:2], [8.2e6, 10.0e6], rtol=1e-12)
    assert_allclose(r["mass_to_orbit_kg"][:2], 100_000.0, rtol=1e-12)
    for key in ("cost_total_usd", "mass_to_orbit_kg", "satellites", "lcoe_usd_per_mwh"):
        assert np.isnan(r[key][2:]).all(), key
    assert_allclose(r["delivered_it_mw"], [40.0, 40.0, 0.0, 0.0])
    # a satellite below one accelerator is reported as that first
    small = orbital_placement(
        40.0, 10, shielding_kg_per_kw=5.0, **{**_STARCLOUD_TD, "satellite_power_kw": 1.0}
    )
    assert str(small["binding_constraint"]) == "accelerator_count"
    # through the comparison: the published reproduction with 5 kg/kW
    from orbitcompute import compare

    res = compare.evaluate("starcloud_2024", {"starcloud_orbital.shielding_kg_per_kw": 5.0})
    res = res["starcloud_orbital"]
    assert not bool(res["feasible"]) and str(res["binding_constraint"]) == "shielding_mass"


def test_top_down_shielding_limit_is_the_fleet_mass_with_degradation():
    """McCalip's sizing (no launch limit here): avgCF = mean(0.975^0..4) = 0.951234,
    P_req = 1 GW / (0.951234 * 0.98) = 1.07274 GW, 39,731 satellites of 27 kW, fleet
    39,731 * 27,000 / 36.5 = 29,390,055 kg, i.e. 29.390 kg per kW of IT: 29.3 kg/kW of
    shielding fits, 29.5 does not."""
    r = orbital_placement(
        1000.0, 5, shielding_kg_per_kw=np.array([29.3, 29.5]), **_MCCALIP_TOP_DOWN
    )
    assert r["binding_constraint"].tolist() == ["none", "shielding_mass"]
    assert_allclose(r["mass_to_orbit_kg"][0], 29_390_055, rtol=1e-6)


_FRACTION_KEYS = [
    ("operations_fraction_per_year", "a fraction of the hardware cost per year"),
    ("insurance_fraction_per_year", "a fraction of the hardware cost per year"),
    ("integration_fraction", "a fraction of the hardware cost"),
    ("bus_power_fraction", "a fraction of the IT power"),
    ("mass_margin_fraction", "a fraction of the known mass"),
    ("drag_area_fraction", "the share of the array \\+ radiator area"),
]


@pytest.mark.parametrize("name, hint", _FRACTION_KEYS)
@pytest.mark.parametrize("value", [5.0, 1.0001, 1e300, np.array([0.1, 20.0])])
def test_a_fraction_above_one_is_refused_as_a_percent(name, hint, value):
    """A percent typed as a whole number (5 for 5 %) was accepted: integration at 10x
    the hardware gave 5,434 USD/acc-h. Each is a fraction of a whole it cannot exceed
    (or a yearly share of the hardware's value); arrays are checked per element."""
    bad = re.escape(f"{float(np.max(value)):g}")
    with pytest.raises(InputError, match=rf"^{name}={bad}: must be in \[0, 1\].*, {hint}"):
        orbital_placement(1000.0, 5, **{name: value})


@pytest.mark.parametrize("name", [k for k, _ in _FRACTION_KEYS])
def test_a_fraction_at_one_and_the_catalog_range_are_accepted(name):
    """The bound 1 itself, and data/bus.csv's low/high of each row, are accepted."""
    values = [1.0]
    if name in catalog.names("bus"):
        rec = catalog.get("bus", name)
        values += [float(rec["value_low"]), float(rec["value_high"])]
    r = orbital_placement(1000.0, 5, **{name: np.array(values)})
    assert np.isfinite(r["cost_total_usd"]).all()


def test_operations_and_insurance_fractions_are_bounded_in_top_down_mode():
    with pytest.raises(InputError, match=r"^insurance_fraction_per_year=5: must be in \[0, 1\]"):
        orbital_placement(1000.0, 5, insurance_fraction_per_year=5.0, **_MCCALIP_TOP_DOWN)


def _assert_same(actual, desired, name):
    """Equal strings and flags; numbers equal to rtol 1e-13 (NaN where NaN)."""
    a, d = np.asarray(actual), np.asarray(desired)
    if a.dtype.kind in "fc":
        assert_allclose(a, d, rtol=1e-13, err_msg=name)
    else:
        assert_array_equal(a, d, err_msg=name)


def test_unlimited_cadence_given_as_inf_is_none():
    """`launches_per_year = inf` (a scenario has no None) was refused 'must be a finite
    number'; it means unlimited, exactly as None, also per element of an array (an
    element of an array of designs equals the scalar call to the last bits a sum's
    order can change, 1e-13)."""
    kw = {"development_years": 1.0}
    none = orbital_placement(1000.0, 6, **kw)
    inf = orbital_placement(1000.0, 6, launches_per_year=float("inf"), **kw)
    hundred = orbital_placement(1000.0, 6, launches_per_year=100.0, **kw)
    mixed = orbital_placement(1000.0, 6, launches_per_year=np.array([np.inf, 100.0]), **kw)
    assert none.keys() == inf.keys()
    for k in none:
        assert_array_equal(inf[k], none[k], err_msg=k)
        if k != "year":
            _assert_same(mixed[k][0], none[k], k)
            _assert_same(mixed[k][1], hundred[k], k)
    # top-down too (McCalip's 294 launches at once)
    td = orbital_placement(1000.0, 5, launches_per_year=np.inf, **_MCCALIP_TD)
    assert_allclose(td["launches"], 294.0)
    assert bool(td["feasible"])


@pytest.mark.parametrize("value", [np.nan, 0.0, -1.0, -np.inf, np.array([np.inf, np.nan])])
def test_a_cadence_that_is_nan_zero_or_negative_is_refused(value):
    with pytest.raises(
        InputError, match=r"^launches_per_year=(nan|0|-1|-inf): must be > 0 launches/yr \(inf"
    ):
        orbital_placement(1000.0, 5, launches_per_year=value)


def test_base_replacement_rate_is_the_checked_satellite_failure_rate():
    """The base value a break-even or tornado scan reads for replacement_fraction_per_year
    (bottom-up) is the satellites' failure rate, failures per satellite-year, as the
    fleet model uses it: bus.csv's 0.02, or the one given; a rate outside [0, 1) is
    refused there as in the fleet model (it was returned unchecked, 1.5, for one
    commit)."""
    from orbitcompute.placements.orbital import _parameter_value

    key = "satellite_annual_failure_rate"
    assert _parameter_value("replacement_fraction_per_year") == 0.02
    assert _parameter_value("replacement_fraction_per_year", {key: 0.05}) == 0.05
    assert _parameter_value("replacement_fraction_per_year", {"mode": "top_down"}) == 0.0
    with pytest.raises(InputError, match=r"^satellite_annual_failure_rate=1\.5: must be in"):
        _parameter_value("replacement_fraction_per_year", {key: 1.5})


def test_ground_overflow_names_the_placements_keyword():
    """1e308 terminals per ground site overflow the site count: the message named the
    ground module's keyword, terminals_per_site, which orbital_placement does not take."""
    with pytest.raises(InputError) as info:
        orbital_placement(1000, 6, ground_terminals_per_site=1e308)
    msg = str(info.value)
    assert msg.startswith("ground_terminals_per_site=1e+308: too large: the ground site counts")
    assert "overflow float64" in msg and " terminals_per_site" not in msg


def test_spares_for_a_confidence_that_every_accelerator_works_at_end_of_life():
    """A 100 kW satellite of GB200s carries 100,000 / 1666.7 = 60 accelerators; over the
    4 years it serves (6-year horizon, 2 of development) each survives with
    S = exp(-0.09 * 4) = 0.6977. Expected count (the default): 60 / S = 86 installed,
    with which all 60 work with probability P(Binomial(86, S) >= 60) = 0.55. At a
    confidence of 0.95 the fewest N with P(Binomial(N, S) >= 60) >= 0.95 is 97
    (scipy.stats.binom, below): 37 spares, not 26."""
    from scipy.stats import binom

    kw = {"accelerator": "gb200_nvl72"}
    base = orbital_placement(1000, 6, **kw)
    n = float(base["accelerators_per_satellite"])
    s = np.exp(-0.09 * 4)
    assert_allclose(base["accelerators_installed_per_satellite"], n / s, rtol=1e-12)
    assert 0.54 < binom.sf(59, 86, s) < 0.56
    r = orbital_placement(1000, 6, accelerator_spares_confidence=0.95, **kw)
    spares = float(r["accelerators_installed_per_satellite"]) - n
    assert_allclose(spares, 37.0, atol=1e-9)
    assert binom.sf(59, 60 + 37, s) >= 0.95 > binom.sf(59, 60 + 36, s)
    # more accelerators carried: more accelerator mass per satellite, in proportion
    ratio = r["satellite_accelerator_mass_kg"] / base["satellite_accelerator_mass_kg"]
    assert_allclose(ratio, (n + 37) / (n / s), rtol=1e-9)
    # an array of confidences equals the scalar calls
    conf = np.array([0.5, 0.95, 0.99])
    arr = orbital_placement(1000, 6, accelerator_spares_confidence=conf, **kw)
    for i, c in enumerate(conf):
        one = orbital_placement(1000, 6, accelerator_spares_confidence=float(c), **kw)
        assert_allclose(
            arr["accelerators_installed_per_satellite"][i],
            one["accelerators_installed_per_satellite"],
            rtol=1e-14,
        )
    for bad in (0.0, 1.0, np.nan):
        with pytest.raises(InputError, match=r"^accelerator_spares_confidence="):
            orbital_placement(1000, 6, accelerator_spares_confidence=bad)


def test_docstring_replacement_launches_of_the_default_scenario_are_the_models():
    """The docstring's example of replacement launches on top of the cadence, in the
    four deployment years of the default gigawatt scenario (650 km dawn-dusk, 100 kW
    GB200 satellites, 100 launches/yr, 2 years of development, 6-year horizon), said
    1.0, 3.0, 5.1 and 7.1. By hand: a replacement launch carries the fleet's mean mass
    per launch M / L, so the launch-equivalents of year y are
    r M f_y / (M / L) = r L f_y with r = 0.02/yr (satellite failures), L = 770 launches
    for the fleet (13 satellites of 7.69 t each per 100 t) and f_y = 50, 150, 250,
    350 launches / 770 in service on average in the deployment years:
    0.02 * 770 * [50, 150, 250, 350] / 770 = 1.0, 3.0, 5.0, 7.0 (16 whole launches)."""
    doc = orbital_placement.__doc__
    m = re.search(r"e\.g\. ([\d.]+),\s+([\d.]+), ([\d.]+) and ([\d.]+) launches in the four", doc)
    documented = [float(x) for x in m.groups()]
    r = orbital_placement(
        1000.0, 6, orbit=Orbit.sun_synchronous(650.0, 18.0), accelerator="gb200_nvl72",
        satellite_it_power_kw=100.0, launches_per_year=100.0, development_years=2.0,
    )  # fmt: skip
    assert_allclose(r["launches_required"], 770.0, rtol=0)
    frac = r["delivered_it_mw_by_year"][2:] / 1000.0
    model = 0.02 * r["launches_required"] * frac
    assert_allclose(model, [1.0, 3.0, 5.0, 7.0], rtol=1e-12)
    assert_allclose(documented, np.round(model, 1), rtol=0)
    assert_allclose(r["launches"] - r["launches_initial"], 16.0, rtol=0)


def test_disposal_delta_v_names_its_own_perigee_parameter():
    """disposal_delta_v_m_per_s(altitude_km, perigee_km) named a bad perigee
    ``disposal_perigee_km=``, a keyword it does not have; the placement, which checks
    the value under its own keyword first, still names ``disposal_perigee_km``."""
    for bad in (-1.0, np.nan, np.inf):
        with pytest.raises(InputError, match=r"^perigee_km="):
            disposal_delta_v_m_per_s(650.0, bad)
        with pytest.raises(InputError, match=r"^disposal_perigee_km="):
            orbital_placement(1000.0, 6, disposal_perigee_km=bad)


def test_close_satellite_documents_every_key_it_returns():
    """close_satellite's Returns named costs as ``*_usd`` keys (they are in a ``costs``
    dict) and left out accelerators, accelerator_price_usd, accelerator_dense_flops,
    pmad_kg_per_kw, the crosslink_* keys and radiator_temperature_k."""
    from orbitcompute.placements._orbital_design import DESIGN_DEFAULTS, close_satellite

    s = close_satellite(Orbit.sun_synchronous(650.0, 18.0), 4.0, dict(DESIGN_DEFAULTS))
    doc = close_satellite.__doc__
    returns = doc[doc.index("    Returns\n") :]
    names = [*s, *s["costs"]]
    assert [k for k in names if f"``{k}``" not in returns] == []


def test_a_sun_synchronous_fleet_is_one_plane_seen_from_the_ground_at_dawn_and_dusk():
    """Every satellite of a sun-synchronous orbit flies at one local time of the node: one
    plane, which a site at 20-35 deg of latitude sees only while the Earth turns it near
    the plane (a dawn-dusk ring: around the site's dawn and dusk, 14.6 % of the day at
    650 km, 20 deg mask, the optical sites' mean latitude 27.8 deg; each pass shows
    hundreds of the 10,000 satellites, so one telescope is busy whenever the ring is up).
    The fleet's sites are then those of ground.ground_sites_needed for one plane at that
    latitude, its 81-satellite clusters in view whole (10,000 / 81 clusters of 81
    terminals): about 0.71 / 0.144 = 4.9 times the sites of a fleet spread over the
    sphere (1 - exp(-100 / 81) = 0.71 of a terminal usable, 100 satellites in view on
    average), for the same traffic and link."""
    from orbitcompute import ground

    sso = Orbit.sun_synchronous(650.0, 18.0)
    r = orbital_placement(1000, 5, orbit=sso)
    spread = orbital_placement(1000, 5, orbit=Orbit.circular(650.0, float(sso.inclination_deg)))
    assert_allclose(r["downlink_traffic_bps"], spread["downlink_traffic_bps"], rtol=1e-12)
    lat = np.mean([34.3817, 20.7084, 28.3003])  # data/ground_sites.csv, optical sites
    need = ground.ground_sites_needed(
        float(r["downlink_traffic_bps"]), 10_000 / 81, 650.0, float(r["ground_link_rate_bps"]),
        satellite_terminals=81, site_availability=np.mean([0.70, 0.65, 0.70]),
        plane_inclination_deg=sso.inclination_deg, site_latitude_deg=lat,
    )  # fmt: skip
    # 14.6 % of the day in view, a little less usable at the window's edges, where a
    # cluster may be out of view for want of a satellite
    assert_allclose(need["usable_terminals_per_site"], 0.144, atol=0.001)
    assert_allclose(r["ground_sites"], need["sites_needed"], rtol=0)
    assert 4.0 < float(r["ground_sites"]) / float(spread["ground_sites"]) < 6.0
    # sites at 80 deg see the near-polar ring 60-70 % of the day, not 15 %
    polar = orbital_placement(1000, 5, orbit=sso, ground_site_latitude_deg=80.0)
    assert float(polar["ground_sites"]) < float(r["ground_sites"]) / 3
    with pytest.raises(InputError, match=r"^ground_site_latitude_deg=80\.0: used only for a sun"):
        orbital_placement(1000, 5, orbit=Orbit.circular(550.0, 53.0), ground_site_latitude_deg=80.0)
    with pytest.raises(
        InputError, match=r"^ground_site_latitude_deg=95: must be in \[-90, 90\] deg"
    ):
        orbital_placement(1000, 5, orbit=sso, ground_site_latitude_deg=95.0)


def test_a_downlink_no_number_of_sites_carries_does_not_close():
    """The ground segment fell back silently to data/bus.csv's 2 sites when no number of
    sites carried the traffic: at 1e-3 bit/FLOP (ten times spacedc-mdao's training
    figure) the default fleet sends 7.8e17 bit/s, which needs more than ground.MAX_SITES
    (1e6) sites of one 1.7e11 bit/s telescope (4.6e6 up at once). The design is now
    infeasible with binding "ground_segment" and no cost (n/a, like any design that does
    not close)."""
    r = orbital_placement(1000, 5, orbit=Orbit.circular(650.0, 97.99), downlink_bits_per_flop=1e-3)
    assert float(r["downlink_traffic_bps"]) / float(r["ground_link_rate_bps"]) > 1e6
    assert not bool(r["feasible"])
    assert str(r["binding_constraint"]) == "ground_segment"
    assert np.isnan(float(r["cost_total_usd"]))
    ok = orbital_placement(1000, 5, orbit=Orbit.circular(650.0, 97.99), downlink_bits_per_flop=1e-8)
    assert bool(ok["ground_sites_sized"])
    assert str(ok["binding_constraint"]) != "ground_segment"


def test_correlated_site_weather_reaches_the_ground_segment():
    """ground_site_weather_correlation is passed to ground.ground_sites_needed as its
    site_weather_correlation (Beta-Binomial clear sites): the placement's full-fleet
    count is the ground module's (its 81-satellite clusters in view whole), 201 sites
    independent and more with correlated clouds (294 at rho = 0.05 for the 550 km,
    53 deg shell of GB200 satellites), and each sample of an array takes its own value."""
    from orbitcompute import ground

    shell = Orbit.circular(550.0, 53.0)
    rho = np.array([0.0, 0.02, 0.05])
    r = orbital_placement(
        1000, 6, orbit=shell, accelerator="gb200_nvl72", ground_site_weather_correlation=rho
    )
    one = orbital_placement(1000, 6, orbit=shell, accelerator="gb200_nvl72")
    assert_allclose(r["ground_sites"][0], one["ground_sites"], rtol=0)
    need = ground.ground_sites_needed(
        float(one["downlink_traffic_bps"]), float(one["satellites"]) / 81, 550.0,
        float(one["ground_link_rate_bps"]), satellite_terminals=81,
        site_availability=np.mean([0.70, 0.65, 0.70]), site_weather_correlation=rho,
    )  # fmt: skip
    assert_allclose(r["ground_sites"], need["sites_needed"], rtol=0)
    assert list(need["sites_needed"]) == [201.0, 241.0, 294.0]
    with pytest.raises(
        InputError, match=r"^ground_site_weather_correlation=1: must be in \[0, 1\)"
    ):
        orbital_placement(1000, 6, ground_site_weather_correlation=1.0)


def test_a_cluster_is_seen_from_the_ground_whole():
    """The 81 satellites of a cluster fly within a kilometre or so of each other: a site
    sees all of them or none, so what is spread over the sky is the 10,000 / 81 = 123.5
    clusters, each carrying 81 downlink terminals. At 550 km and a 20 deg mask a site has
    mu = 77.6 satellites in view on average (10,000 x cap fraction 0.00776), but a
    cluster, and with it a usable terminal, only with probability
    1 - exp(-77.6 / 81) = 0.616, not 1 - exp(-77.6) = 1: the site's usable terminals
    are the ground module's for 123.5 "satellites" of 81 terminals each, and a fleet
    whose clusters are single satellites sees 1.0."""
    from orbitcompute import ground

    shell = Orbit.circular(550.0, 53.0)
    r = orbital_placement(1000, 6, orbit=shell, accelerator="gb200_nvl72")
    mu = float(ground.mean_satellites_in_view(10_000, 550.0, 20.0))
    assert_allclose(mu, 77.585, rtol=1e-4)
    need = ground.ground_sites_needed(
        float(r["downlink_traffic_bps"]), 10_000 / 81, 550.0, float(r["ground_link_rate_bps"]),
        satellite_terminals=81, site_availability=np.mean([0.70, 0.65, 0.70]),
    )  # fmt: skip
    assert_allclose(need["usable_terminals_per_site"], 1 - np.exp(-mu / 81), rtol=1e-12)
    assert_allclose(r["ground_sites"], need["sites_needed"], rtol=0)
    single = orbital_placement(
        1000, 6, orbit=shell, accelerator="gb200_nvl72", satellites_per_cluster=1
    )
    one = ground.ground_sites_needed(
        float(single["downlink_traffic_bps"]), 10_000, 550.0,
        float(single["ground_link_rate_bps"]), site_availability=np.mean([0.70, 0.65, 0.70]),
    )  # fmt: skip
    assert_allclose(one["usable_terminals_per_site"], 1.0, rtol=1e-12)
    assert_allclose(single["ground_sites"], one["sites_needed"], rtol=0)
    assert float(single["ground_sites"]) < float(r["ground_sites"])
