"""Reference data against its sources: transcriptions, derivations and cross-file ranges.

tests/test_catalog.py checks that every row names known sources and that four derived
columns agree with their inputs. This file checks what it does not: that numbers
transcribed from a source equal the source's published figures (typed in here from the
research notes or the source itself), that every other derived column follows the
definition data/schema.csv gives it, and that the ranges the default scenario samples
(data/scenarios/gigawatt.toml [tornado] and [uncertainty]) are the catalog bounds its
comments say they are.
"""

from __future__ import annotations

import tomllib

from numpy.testing import assert_allclose

from orbitcompute import catalog
from orbitcompute._paths import data_dir

SOLAR_CONSTANT_W_PER_M2 = 1361.0  # data/constants.csv (Kopp & Lean 2011)


def _gigawatt() -> dict:
    return tomllib.loads((data_dir() / "scenarios" / "gigawatt.toml").read_text())


# ------------------------------------------------- transcriptions of published figures


def test_us_site_electricity_prices_are_eia_2023_industrial_rates():
    """EIA Electric Power Annual 2023, average industrial revenue per kWh by state
    (research/terrestrial.md sec. 1.4): TN 6.23, TX 6.60, VA 8.92, LA 5.88, AZ 8.11,
    NV 10.36 cents/kWh; USD/MWh = cents/kWh x 10."""
    cents_per_kwh = {
        "memphis_tn": 6.23,
        "abilene_tx": 6.60,
        "west_texas": 6.60,
        "san_antonio_tx": 6.60,
        "northern_virginia": 8.92,
        "richland_parish_la": 5.88,
        "phoenix_az": 8.11,
        "reno_nv": 10.36,
    }
    df = catalog.load("sites")
    for name, cents in cents_per_kwh.items():
        assert_allclose(df.loc[name, "electricity_price_usd_per_mwh"], cents * 10, err_msg=name)


def test_non_us_site_electricity_prices_follow_their_conversions():
    """Lulea: Eurostat 2024 non-household Sweden 9.4 EUR-ct/kWh x 1.08 USD/EUR x 10 =
    101.52 USD/MWh (written 101.5). Abu Dhabi: GlobalPetrolPrices' Asia business average
    of Mar 2024, 0.082 USD/kWh = 82 USD/MWh (research/terrestrial.md sec. 1.4)."""
    df = catalog.load("sites")
    assert_allclose(df.loc["lulea_se", "electricity_price_usd_per_mwh"], 9.4 * 1.08 * 10, 1e-3)
    assert_allclose(df.loc["abu_dhabi_uae", "electricity_price_usd_per_mwh"], 82.0)


def test_gas_prices_are_the_prognos_range_in_usd_per_mmbtu():
    """Prognos (2023): US industrial gas 1-2 EUR-ct/kWh_th. At 1.08 USD/EUR and
    1 MMBtu = 1.055056e9 J / 3.6e6 J/kWh = 293.0711 kWh: 1 ct -> 3.1652, 2 ct -> 6.3304,
    midpoint 4.7478 USD/MMBtu (written 3.17 / 6.33 / 4.75). W. Texas takes the 1 ct floor
    as its central value (its bounds are estimates, not checked here)."""
    kwh_per_mmbtu = 1.055056e9 / 3.6e6
    one_ct = 0.01 * 1.08 * kwh_per_mmbtu
    df = catalog.load("sites")
    for name in df.index:
        row = df.loc[name]
        if name == "west_texas":
            assert_allclose(row["gas_price_usd_per_mmbtu"], one_ct, rtol=2e-3)
            continue
        got = row[["gas_price_usd_per_mmbtu_low", "gas_price_usd_per_mmbtu"]].to_numpy(float)
        assert_allclose(got, [one_ct, 1.5 * one_ct], rtol=2e-3, err_msg=name)
        assert_allclose(row["gas_price_usd_per_mmbtu_high"], 2 * one_ct, rtol=2e-3, err_msg=name)


def test_northern_virginia_land_price_is_the_established_market_average():
    """Cushman & Wakefield 2025: established markets ~11.85 USD/sq ft; 1 acre =
    43,560 sq ft -> 516,186 USD/acre (written 516,000); the US weighted average
    5.59 USD/sq ft is quoted as 244,000 USD/acre (5.59 x 43,560 = 243,500)."""
    df = catalog.load("sites")
    assert_allclose(df.loc["northern_virginia", "land_price_usd_per_acre"], 11.85 * 43560, 1e-3)
    assert_allclose(df.loc["memphis_tn", "land_price_usd_per_acre"], 5.59 * 43560, 3e-3)


def test_smad_mass_fractions_are_table_14_18():
    """SME/New SMAD Table 14-18 (p. 422) as reproduced in aerospaceresearch/ESDC
    Code/Scaling/SMAD_scalings.m, columns (no propulsion, LEO, above 1000 km):
    structure 0.20 / 0.27; TT&C 0.02 + on-board processing 0.05 + ADCS 0.06 +
    miscellaneous 0.03 = 0.16 (LEO); propulsion 0.03 (LEO) / 0.07 (above 1000 km);
    mass margin 0.30."""
    bus = catalog.load("bus")

    def row(name):
        return bus.loc[name, ["value_low", "value", "value_high"]].to_numpy(float)

    assert_allclose(row("structure_fraction_smad"), [0.20, 0.27, 0.27])
    assert_allclose(bus.loc["bus_fraction", "value"], 0.02 + 0.05 + 0.06 + 0.03)
    assert_allclose(row("propulsion_dry_fraction")[1:], [0.03, 0.07])
    assert_allclose(bus.loc["mass_margin_fraction", "value_high"], 0.30)


def test_facility_cost_shares_split_cushman_wakefield_by_mccalip():
    """C&W 2025 cost shares: critical capacity 53 % (split electrical : mechanical as
    McCalip's 5.25 : 3.00 USD/W), shell 21 + site 10 + back of house 4 + office 2 = 37 %,
    white space 10 %; the four shares cover the facility cost once."""
    td = catalog.load("terrestrial_defaults")
    share = {k: td.loc[f"facility_{k}_share", "value"] for k in ("electrical", "mechanical")}
    assert_allclose(share["electrical"], 0.53 * 5.25 / 8.25, atol=5e-5)
    assert_allclose(share["mechanical"], 0.53 * 3.00 / 8.25, atol=5e-5)
    assert_allclose(td.loc["facility_civil_share", "value"], 0.21 + 0.10 + 0.04 + 0.02)
    assert_allclose(td.loc["facility_fitout_share", "value"], 0.10)
    total = sum(td.loc[f"facility_{k}_share", "value"] for k in ("electrical", "mechanical"))
    total += td.loc["facility_civil_share", "value"] + td.loc["facility_fitout_share", "value"]
    assert_allclose(total, 1.0, atol=1e-4)


# ----------------------------------------------- derived columns follow their definitions


def test_launch_price_per_kg_bounds_are_the_launch_price_bounds_over_the_payload():
    """schema.csv: price_usd_per_kg_low/high = price_usd_per_launch_low/high /
    payload_leo_kg (test_catalog checks only the central value). Starship:
    5 M / 100 t = 50 and 100 M / 100 t = 1000 USD/kg."""
    df = catalog.load("launch_vehicles")
    checked = 0
    for name, row in df.iterrows():
        for end in ("low", "high"):
            per_kg, per_launch = row[f"price_usd_per_kg_{end}"], row[f"price_usd_per_launch_{end}"]
            if per_kg == per_kg and per_launch == per_launch:  # both filled (not NaN)
                assert_allclose(per_kg, per_launch / row["payload_leo_kg"], 1e-3, err_msg=name)
                checked += 1
    assert checked >= 2


def test_accelerator_mass_is_the_unit_mass_share():
    """schema.csv: mass_kg = unit_mass_kg / accelerators_per_unit (DGX H100
    130.45 / 8 = 16.31; DGX B200 142.4 / 8 = 17.8; NVL72 1360 / 72 = 18.9)."""
    df = catalog.load("accelerators")
    rows = df[df["unit_mass_kg"].notna()]
    assert len(rows) >= 3
    for name, row in rows.iterrows():
        expected = row["unit_mass_kg"] / row["accelerators_per_unit"]
        assert_allclose(row["mass_kg"], expected, 3e-3, err_msg=name)


def test_lei_masanet_central_values_are_midpoints_of_their_percentiles():
    """schema.csv: for Lei & Masanet rows the central PUE (and WUE, where the row takes
    both from them) is the midpoint of the 5th and 95th percentiles, written to 4
    decimals."""
    df = catalog.load("cooling_designs")
    lei_only = df[df["source_id"] == "lei_masanet_2022"]
    lei_pue = df[df["source_id"].str.startswith("lei_masanet_2022")]
    assert len(lei_only) >= 20 and len(lei_pue) > len(lei_only)
    for col, rows in (("pue", lei_pue), ("wue_l_per_kwh", lei_only)):
        mid = (rows[f"{col}_low"] + rows[f"{col}_high"]) / 2
        assert_allclose(rows[col].to_numpy(float), mid.to_numpy(float), atol=1.5e-4, err_msg=col)


def test_solar_array_derived_columns():
    """ISS SAW: 32,800 cells of 8 x 8 cm on a 35 x 12 m wing -> packing 0.4998, and the
    effective cell efficiency 31 kW / (1361 x 209.92 m2) = 0.1085; stowed box
    4.57 x 4.57 x 0.51 m -> 2,910 W/m3. iROSA: packing = 20 kW / (1361 x 0.298 x 109.8 m2)
    = 0.4491. Class rows without a mass: areal density = 1361 x efficiency x packing x
    inherent degradation / specific power."""
    df = catalog.load("solar_arrays")
    saw = df.loc["iss_saw"]
    cells_m2 = 32800 * 0.08 * 0.08
    assert_allclose(saw["area_m2"], 35 * 12)
    assert_allclose(saw["packing_factor"], cells_m2 / saw["area_m2"], 1e-3)
    assert_allclose(saw["cell_efficiency"], 31000 / (SOLAR_CONSTANT_W_PER_M2 * cells_m2), 1e-3)
    assert_allclose(saw["stowed_power_density_w_per_m3"], 31000 / (4.57 * 4.57 * 0.51), 1e-3)
    irosa = df.loc["irosa"]
    assert_allclose(irosa["area_m2"], 18.3 * 6, 1e-3)
    flux = SOLAR_CONSTANT_W_PER_M2 * irosa["cell_efficiency"] * irosa["area_m2"]
    assert_allclose(irosa["packing_factor"], irosa["power_w"] / flux, 1e-3)
    classes = df[df["mass_kg"].isna()]
    assert len(classes) >= 3
    for name, r in classes.iterrows():
        watts_per_m2 = (
            SOLAR_CONSTANT_W_PER_M2
            * r["cell_efficiency"]
            * r["packing_factor"]
            * r["inherent_degradation"]
        )
        expected = watts_per_m2 / r["specific_power_w_per_kg"]
        assert_allclose(r["areal_density_kg_per_m2"], expected, 1e-3, err_msg=name)


def test_per_unit_conversions_between_files():
    """One optical terminal costs spacedc-mdao's USD 0.5 M of communications per satellite
    over the fallback count of terminals; one ground site costs its flat USD 20 M ground
    segment over the fallback count of sites (research/peer_spacedc_mdao.md sec. 3.1)."""
    bus = catalog.load("bus")
    v = bus["value"]
    assert_allclose(v["terminal_cost_usd"] * v["crosslink_terminals"], 0.5e6)
    assert_allclose(v["ground_site_capex_usd"] * v["ground_sites"], 20e6)
    assert_allclose(bus.loc["terminal_cost_usd", "value_high"], 0.5e6)


# --------------------------- the default scenario samples the catalog's own bounds


def _triple(rec, low="value_low", mid="value", high="value_high"):
    return [float(rec[low]), float(rec[mid]), float(rec[high])]


def _spec(spec):
    return [spec["low"], spec["mode"], spec["high"]]


def test_gigawatt_tornado_ranges_of_bus_rows_are_their_catalog_bounds():
    """gigawatt.toml [tornado]: 'catalog low/high of data/bus.csv'."""
    bus = catalog.load("bus")
    tornado = _gigawatt()["tornado"]
    rows = [k for k in tornado if k in bus.index]
    assert len(rows) >= 5
    for key in rows:
        assert_allclose(tornado[key], _triple(bus.loc[key])[::2], err_msg=key)


def test_gigawatt_uncertainty_of_catalog_parameters_is_the_catalog_range():
    """gigawatt.toml [uncertainty]: 'mode = the catalog value, bounds = the catalog's
    _low/_high columns or the sourced range named in each comment'. Bare keys of
    bus.csv and terrestrial_defaults.csv, the Starship price, the default array and
    radiator, the accelerator's price and all-in power, and each site's grid, gas, turbine
    and construction numbers."""
    doc = _gigawatt()
    unc = doc["uncertainty"]
    site_of = {t["name"]: t["site"] for t in doc["terrestrial"]}
    bus, td = catalog.load("bus"), catalog.load("terrestrial_defaults")
    sites, gen = catalog.load("sites"), catalog.load("generation")
    starship = catalog.get("launch_vehicles", "starship")
    expected = {
        "launch_price_usd_per_kg": _triple(
            starship, "price_usd_per_kg_low", "price_usd_per_kg", "price_usd_per_kg_high"
        ),
        "array_specific_power_w_per_kg": [
            catalog.value("solar_arrays", "irosa", "specific_power_w_per_kg"),
            catalog.value("solar_arrays", "flexible_rosa_class", "specific_power_w_per_kg"),
            catalog.value("solar_arrays", "flexible_rosa_class", "specific_power_w_per_kg"),
        ],
        "radiator_areal_density_kg_per_m2": _triple(
            catalog.get("radiators", "deployable_pumped_loop_conventional"),
            "areal_density_kg_per_m2_low",
            "areal_density_kg_per_m2",
            "areal_density_kg_per_m2_high",
        ),
        "solar_capex_usd_per_kw": _triple(
            gen.loc["solar_storage_rtc"],
            "capex_usd_per_kw_low",
            "capex_usd_per_kw",
            "capex_usd_per_kw_high",
        ),
    }
    gb200 = catalog.get("accelerators", doc["demand"]["accelerator"])
    expected["accelerator_price_usd"] = _triple(
        gb200, "price_usd_low", "price_usd", "price_usd_high"
    )
    # the rack's typical draw is the catalog's low bound and base alike (no lower draw sourced)
    expected["accelerator_all_in_power_w"] = _triple(
        gb200, "all_in_power_w_low", "all_in_power_w", "all_in_power_w_high"
    )
    expected.update({k: _triple(td.loc[k]) for k in unc if k in td.index})
    # a key in both files (accelerator_annual_failure_rate) samples bus.csv's range, as
    # its comment says; terrestrial_defaults.csv's low bound (0, warranty) is not used
    expected.update({k: _triple(bus.loc[k]) for k in unc if k in bus.index})
    us_capex = [sites.loc["san_antonio_tx", "construction_cost_usd_per_mw"]]
    us_capex.append(sites.loc["reno_nv", "construction_cost_usd_per_mw"])
    for key in unc:
        if "." not in key:
            continue
        placement, param = key.split(".", 1)
        site = sites.loc[site_of[placement]]
        if param in ("grid_wait_years", "grid_headroom_mw", "gas_price_usd_per_mmbtu"):
            expected[key] = _triple(site, f"{param}_low", param, f"{param}_high")
        elif param in ("turbine_lead_time_years", "turbine_capex_usd_per_kw"):
            col = param.removeprefix("turbine_")
            expected[key] = _triple(gen.loc[site["turbine_type"]], f"{col}_low", col, f"{col}_high")
        elif param == "facility_capex_usd_per_mw":
            mode = site["construction_cost_usd_per_mw"]
            if placement == "lulea":  # the C&W US average x 1.30-1.40 (Thunder Said)
                base = sites.loc["memphis_tn", "construction_cost_usd_per_mw"]
                expected[key] = [1.30 * base, mode, 1.40 * base]
            else:  # C&W's cheapest and dearest US markets
                expected[key] = [us_capex[0], mode, us_capex[1]]
    checked = [k for k in unc if k in expected]
    assert len(checked) >= 35, sorted(set(unc) - set(expected))
    for key in checked:
        assert unc[key]["dist"] == "triangular", key
        assert_allclose(_spec(unc[key]), expected[key], rtol=1e-3, err_msg=key)
