"""The comparison: summary fields, levelized cost by hand, break-even and tornado."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import tomllib

import numpy as np
import pytest
from _mini_scenario import MINI_TOML as _MINI
from _published import assert_rounds_to
from numpy.testing import assert_allclose

from orbitcompute import catalog, compare, scenario
from orbitcompute.errors import InputError

REQUIRED = (
    "feasible",
    "binding_constraint",
    "delivered_it_mw",
    "time_to_first_power_years",
    "time_to_full_power_years",
    "capex_usd",
    "opex_usd_per_year",
    "lcoc_usd_per_accelerator_hour",
    "lcoc_usd_per_pflop_hour",
    "infra_usd_per_mwh",
    "mass_to_orbit_t",
    "launches",
    "land_acres",
    "water_m3_per_year",
    "co2_t_per_year",
)


@pytest.fixture(scope="module")
def gigawatt() -> compare.Comparison:
    return compare.compare("gigawatt")


def _spy(monkeypatch, module, name, keyword):
    """Replace ``module.name`` with a wrapper that records each call's ``keyword``;
    returns the list the calls are recorded in."""
    import functools

    calls = []
    real = getattr(module, name)

    @functools.wraps(real)
    def spy(*args, **kwargs):
        calls.append(kwargs.get(keyword))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_default_comparison_has_every_summary_field(gigawatt):
    s = gigawatt.summary
    assert len(s) == len(scenario.load("gigawatt").candidates)
    for col in REQUIRED:
        assert col in s.columns, col
    # a cost is NaN only where the placement is infeasible
    for col in ("capex_usd", "lcoc_usd_per_accelerator_hour"):
        nan = s[col].astype(float).isna()
        assert not (nan & s["feasible"].astype(bool)).any(), col
    assert set(gigawatt.timeline["placement"]) == set(s.index)
    assert {"placement", "category", "item", "value", "unit"} <= set(gigawatt.breakdown.columns)
    assert "<table" in gigawatt._repr_html_()


def test_html_escapes_the_name_and_description_and_skips_an_empty_one(gigawatt):
    """The notebook view put the description into the HTML as it was (a '<' or '&' in
    it broke the markup) and wrote an empty <p></p> when there was none."""
    import dataclasses

    odd = dataclasses.replace(gigawatt.scenario, name="a<b", description="x & <y>")
    html = compare.Comparison(odd, gigawatt.results)._repr_html_()
    assert html.startswith("<h4>a&lt;b</h4><p>x &amp; &lt;y&gt;</p><table")
    bare = dataclasses.replace(gigawatt.scenario, description="")
    html = compare.Comparison(bare, gigawatt.results)._repr_html_()
    assert html.startswith("<h4>gigawatt</h4><table") and "<p>" not in html


@pytest.mark.parametrize("name", scenario.list_scenarios())
def test_every_scenario_runs(name):
    c = compare.compare(name)
    assert len(c.summary) == len(scenario.load(name).candidates)


def test_json_output_parses_with_summary_fields():
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", "compare", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    doc = json.loads(proc.stdout)
    assert doc["summary"]
    for row in doc["summary"]:
        for col in REQUIRED:
            assert col in row, (row["placement"], col)


def test_json_keeps_unlimited_apart_from_undefined():
    """McCalip's terrestrial site has no binding limit: its maximum IT load is inf,
    which JSON cannot hold. It is written as "inf" (it was null, the value JSON uses
    for NaN, so "unlimited" read as "unknown"); NaN stays null."""
    c = compare.compare("mccalip_2025")
    row = {r["placement"]: r for r in c.to_dict()["summary"]}
    api = c.summary["max_feasible_it_mw"]
    unlimited = [name for name in api.index if np.isinf(api[name])]
    assert unlimited
    for name in unlimited:
        assert row[name]["max_feasible_it_mw"] == "inf"
    doc = json.loads(c.to_json())
    assert all(isinstance(r["max_feasible_it_mw"], (float, int, str)) for r in doc["summary"])
    nan_cells = [
        (r["placement"], k)
        for r in c.to_dict()["summary"]
        for k in ("lcoc_usd_per_accelerator_hour",)
        if np.isnan(c.summary.loc[r["placement"], k])
    ]
    for name, k in nan_cells:
        assert row[name][k] is None


def test_levelized_cost_of_compute_by_hand():
    """McCalip's terrestrial case: full power from year 0, no discounting.

    1 GW of IT in GB200 NVL72 racks at 120 kW / 72 = 1,666.7 W all-in per GPU gives
    n = 1e9 / 1666.7 = 600,000 GPUs. With GPUs included at the catalog price p and
    utilisation 1 over 5 years:
    LCOC = (15.851e9 + n p) / (n * 8760 * 5).
    """
    sc = scenario.load("mccalip_2025")
    d = dict(sc.demand, include_accelerators=True, accelerator="gb200_nvl72")
    sc = scenario.Scenario(sc.name, sc.description, d, sc.finance, sc.candidates)
    r = compare.evaluate(sc, candidates=["mccalip_2025_terrestrial"])["mccalip_2025_terrestrial"]
    acc = catalog.get("accelerators", "gb200_nvl72")
    n = 1e9 / acc["all_in_power_w"]
    expected = (15.851e9 + n * acc["price_usd"]) / (n * 8760 * 5)
    assert_allclose(r["accelerators"], n, rtol=1e-9)
    assert_allclose(r["lcoc_usd_per_accelerator_hour"], expected, rtol=5e-3)
    assert_allclose(
        r["lcoc_usd_per_pflop_hour"], expected / (acc["dense_bf16_flops"] / 1e15), rtol=5e-3
    )


def test_a_site_replaces_failed_accelerators_by_hand():
    """McCalip's terrestrial case replaces no failed GPUs (its block sets the rate to 0).
    At Meta's 0.09/yr, with full power from year 0 and no discounting, a site replaces
    0.09 n accelerators a year for 5 years, so
    LCOC = (15.851e9 + n p (1 + 5 x 0.09)) / (n 8760 5),
    the breakdown's ``replacement`` line is 0.45 n p, and a sampled rate moves the LCOC
    by p x rate / 8760 h, linearly."""
    sc = scenario.load("mccalip_2025")
    d = dict(sc.demand, include_accelerators=True, accelerator="gb200_nvl72")
    sc = scenario.Scenario(sc.name, sc.description, d, sc.finance, sc.candidates)
    name = "mccalip_2025_terrestrial"
    acc = catalog.get("accelerators", "gb200_nvl72")
    n, p = 1e9 / acc["all_in_power_w"], acc["price_usd"]
    rate = np.array([0.0, 0.09, 0.12])
    r = compare.evaluate(sc, {f"{name}.accelerator_annual_failure_rate": rate}, [name])[name]
    assert_allclose(r["accelerator_capex_usd"], n * p * (1 + 5 * rate), rtol=1e-12)
    assert_allclose(r["breakdown.accelerators.replacement_usd"], n * p * 5 * rate, rtol=1e-12)
    assert_allclose(r["breakdown.accelerators.initial_usd"], n * p, rtol=1e-12)
    expected = (15.851e9 + n * p * (1 + 5 * rate)) / (n * 8760 * 5)
    assert_allclose(r["lcoc_usd_per_accelerator_hour"], expected, rtol=5e-3)
    lcoc = r["lcoc_usd_per_accelerator_hour"]
    assert_allclose(lcoc - lcoc[0], p * rate / 8760, rtol=1e-12)
    assert_allclose(r["accelerators"], n, rtol=1e-9)  # the fleet is kept whole
    with pytest.raises(InputError, match=r"accelerator_annual_failure_rate=9.*not a percent"):
        compare.evaluate(sc, {f"{name}.accelerator_annual_failure_rate": 9.0}, [name])


def test_breakeven_of_the_failure_rate_moves_both_placements():
    """The same chips fail at the same rate everywhere, so a scan of
    accelerator_annual_failure_rate moves the reference placement too, as a scan of the
    accelerator's price does. Two sites then keep a constant LCOC difference (each moves
    by price x rate / (8760 h x 0.8)): no break-even (it was 0.18/yr, with memphis held at
    0.09). Against an orbital design the targets are abilene's LCOC at each rate,
    LCOC(0.09) + 41,667 USD x (rate - 0.09) / 7,008 h."""
    r = compare.breakeven("gigawatt", "abilene", "memphis", "accelerator_annual_failure_rate")
    assert not r["found"] and r["message"].startswith("no break-even in range")
    diff = r["values"] - r["targets"]
    assert_allclose(diff, diff[0], rtol=1e-9)
    price = catalog.get("accelerators", "gb200_nvl72")["price_usd"]
    base = compare.evaluate("gigawatt", candidates=["abilene"])["abilene"]
    key = "lcoc_usd_per_accelerator_hour"
    r = compare.breakeven(
        "gigawatt", "dawn_dusk_1000", "abilene", "accelerator_annual_failure_rate"
    )
    expected = base[key] + price * (r["grid"] - 0.09) / (8760 * 0.8)
    assert_allclose(r["targets"], expected, rtol=1e-9)
    assert not r["found"]
    # "<against>.<param>" keeps the reference at its own value, as documented
    r = compare.breakeven(
        "gigawatt",
        "abilene",
        "memphis",
        "accelerator_annual_failure_rate",
        overrides={"memphis.accelerator_annual_failure_rate": 0.09},
    )
    assert r["found"] and 0.09 < r["value"] < 0.3


def test_a_sites_failure_rate_from_its_block_and_with_accelerators_left_out():
    """The rate set in a [[terrestrial]] block of a scenario file is the site's (0.0
    replaces nothing; 0.05 buys 0.05 x accelerator-years); with
    ``include_accelerators = false`` a site lists both accelerator lines, at 0."""
    import dataclasses

    block = 'site = "memphis_tn"\naccelerator_annual_failure_rate = {}\n'
    for rate in (0.0, 0.05):
        text = _MINI.replace('site = "memphis_tn"\n', block.format(rate))
        sc = scenario.parse(tomllib.loads(text), "m.toml")
        r = compare.evaluate(sc, candidates=["memphis"])["memphis"]
        assert r["accelerator_annual_failure_rate"] == rate
        p_a = catalog.get("accelerators", "gb200_nvl72")["all_in_power_w"]
        price = catalog.get("accelerators", "gb200_nvl72")["price_usd"]
        years = r["delivered_it_mw_by_year"].sum() * 1e6 / p_a
        assert_allclose(r["breakdown.accelerators.replacement_usd"], rate * years * price)
        assert_allclose(
            r["accelerator_capex_usd"],
            r["breakdown.accelerators.initial_usd"] + rate * years * price,
        )
    off = dataclasses.replace(sc, demand={**sc.demand, "include_accelerators": False})
    b = compare.compare(off).breakdown
    lines = b[(b["placement"] == "memphis") & (b["category"] == "accelerators")]
    assert sorted(lines["item"]) == ["initial", "replacement"]
    assert (lines["value"] == 0).all()


def test_one_failure_rate_reaches_the_orbital_spares_and_the_site_replacements():
    """The bare key is the accelerator's failure rate on every placement that takes it:
    a bottom-up design carries more cold spares and a site buys more replacements; a
    site's LCOC moves by price x 0.08 / (8760 h x 0.8) (see the tornado test)."""
    low = compare.evaluate("gigawatt", {"accelerator_annual_failure_rate": 0.02})
    high = compare.evaluate("gigawatt", {"accelerator_annual_failure_rate": 0.10})
    key = "accelerator_capex_usd"
    for name in ("abilene", "west_texas", "suncatcher_like_dd650", "dawn_dusk_1000"):
        assert high[name][key] > low[name][key], name
    price = catalog.get("accelerators", "gb200_nvl72")["price_usd"]
    moved = high["abilene"]["lcoc_usd_per_accelerator_hour"]
    moved = moved - low["abilene"]["lcoc_usd_per_accelerator_hour"]
    assert_allclose(moved, price * 0.08 / (8760 * 0.8), rtol=1e-9)


def test_breakeven_found_where_the_arithmetic_says():
    """McCalip at $5/W: orbital total(p) = HW (1 + 0.01*5 + 0.09*5) + NRE + p * mass.

    HW = 5 $/W * 39,731 satellites * 27 kW = 5.3637e9; mass = 29,390,055 kg; NRE 1e9.
    Setting it equal to the terrestrial 15.851e9:
    p = (15.851e9 - 1.5 * 5.3637e9 - 1e9) / 29,390,055 = 231.6 $/kg.
    """
    hw = 5 * 39_731 * 27e3
    expected = (15.851e9 - 1.5 * hw - 1e9) / 29_390_055
    be = compare.breakeven(
        "mccalip_2025",
        "mccalip_orbital",
        "mccalip_2025_terrestrial",
        parameter="launch_price_usd_per_kg",
        metric="cost_total_usd",
        overrides={"mccalip_orbital.cost_usd_per_w": 5.0},
    )
    assert be["found"]
    assert_allclose(be["value"], expected, rtol=2e-3)


@pytest.mark.parametrize("name", ["suncatcher_like_dd650", "west_texas"])
def test_a_placements_own_discount_rate_levelizes_its_hours_too(name):
    """A placement whose only rate is its own (a higher cost of capital for a space venture)
    must levelize as if the whole scenario used that rate: both the model's discounted
    costs and the discounted accelerator-hours use it. Before, the hours stayed at the
    scenario's 8 % and a 99.9 % rate made orbit look 18x cheaper."""
    for rate in (0.0, 0.3, 0.9):
        own = compare.evaluate("gigawatt", {f"{name}.discount_rate": rate}, candidates=[name])
        whole = compare.evaluate("gigawatt", {"finance.discount_rate": rate}, candidates=[name])
        for k in ("lcoc_usd_per_accelerator_hour", "cost_total_discounted_usd"):
            assert_allclose(own[name][k], whole[name][k], rtol=1e-12)


def test_breakeven_scans_shares_within_zero_and_one():
    """A share's default scan is (0.001, 0.999); a scan that leaves what the model allows
    names the bounds (the old fixed [1, 20000] failed on every fraction)."""
    be = compare.breakeven(
        "gigawatt", "suncatcher_like_dd650", "west_texas", "integration_fraction"
    )
    assert be["bounds"] == (0.001, 0.999)
    # a value set in the placement's block (satellite_it_power_kw = 100): 100x either side
    be = compare.breakeven("gigawatt", "dawn_dusk_1000", "west_texas", "satellite_it_power_kw")
    assert be["bounds"] == (1.0, 10_000.0)
    with pytest.raises(
        InputError,
        match=r"^bounds=\(0.001, 0.999\): the scan of bus_fraction leaves what the model "
        r"allows \(.*bus_fraction.*must be < 1",
    ):
        compare.breakeven("gigawatt", "suncatcher_like_dd650", "west_texas", "bus_fraction")


def test_breakeven_default_scan_is_100x_a_terrestrial_sites_catalog_value():
    """Not set in the block: 100x either side of the site's row of data/sites.csv.

    Memphis builds at 11.7 M$/MW (construction_cost_usd_per_mw), so the scan is
    (1.17e5, 1.17e9); the old fixed (1, 20000) USD/MW never reached it. N. Virginia
    waits 5.5 years for the grid: (0.055, 550), which finds the same answer as the
    old scan: its cost steps (the grid power arrives a month later) over West
    Texas's, at the same wait, so neither reports a break-even.
    """
    sc = scenario.load("gigawatt")
    assert "facility_capex_usd_per_mw" not in sc.candidate("memphis").params
    capex = catalog.get("sites", "memphis_tn")["construction_cost_usd_per_mw"]
    assert capex == 11.7e6
    be = compare.breakeven(sc, "memphis", "dawn_dusk_1000", "facility_capex_usd_per_mw")
    assert_allclose(be["bounds"], (capex / 100, capex * 100), rtol=1e-12)
    assert be["found"] and be["bounds"][0] < be["value"] < be["bounds"][1]

    wait = catalog.get("sites", "northern_virginia")["grid_wait_years"]
    be = compare.breakeven(sc, "northern_virginia", "west_texas", "grid_wait_years")
    assert_allclose(be["bounds"], (wait / 100, wait * 100), rtol=1e-12)
    old = compare.breakeven(
        sc, "northern_virginia", "west_texas", "grid_wait_years", bounds=(1, 20000)
    )
    assert not be["found"] and not old["found"]
    assert_allclose(be["jump_at"], old["jump_at"], rtol=1e-5)


def test_breakeven_default_scan_is_100x_an_orbital_catalog_value():
    """Orbital defaults come from the catalogs the model reads: the demand's accelerator
    price (GB200, 41,667 USD: (416.67, 4.1667e6) rather than USD/kg-sized 1-20000),
    a data/bus.csv row (PMAD 5 kg/kW), and the launch vehicle's price (Starship 500
    USD/kg: (5, 50000)). A block giving the price per launch sets the price per kg:
    Starcloud's USD 5 M per 100 t launch is 50 USD/kg, scanned over (0.5, 5000); the
    break-even is the one the old (1, 20000) scan found."""
    sc = scenario.load("gigawatt")
    name = "dawn_dusk_1000"
    for param, value in (
        ("accelerator_price_usd", catalog.get("accelerators", "gb200_nvl72")["price_usd"]),
        ("pmad_kg_per_kw", catalog.value("bus", "pmad_kg_per_kw", "value")),
        (
            "launch_price_usd_per_kg",
            catalog.get("launch_vehicles", "starship")["price_usd_per_kg"],
        ),
    ):
        assert param not in sc.candidate(name).params
        bounds = compare.breakeven(sc, name, "west_texas", param)["bounds"]
        assert_allclose(bounds, (value / 100, value * 100), rtol=1e-12, err_msg=param)
    assert catalog.get("accelerators", "gb200_nvl72")["price_usd"] == 41667

    args = ("starcloud_2024", "starcloud_orbital", "starcloud_2024_terrestrial")
    block = scenario.load("starcloud_2024").candidate("starcloud_orbital").params
    per_kg = block["launch_price_usd_per_launch"] / block["payload_per_launch_kg"]
    assert per_kg == 50.0
    be = compare.breakeven(*args)
    assert_allclose(be["bounds"], (0.5, 5000.0), rtol=1e-12)
    old = compare.breakeven(*args, bounds=(1, 20000))
    assert be["found"] and old["found"]
    assert_allclose(be["value"], old["value"], rtol=1e-6)


def test_breakeven_refuses_a_default_it_cannot_scale():
    """0, inf or no single default number: 100x either side is no range, so the scan
    asks for bounds, naming the value (the old scan silently used 1-20000 USD/kg)."""
    cases = (
        # Memphis's grid is there today (sites.csv grid_wait_years = 0)
        ("gigawatt", "memphis", "grid_wait_years", r"uses grid_wait_years=0 \(its default\)"),
        ("gigawatt", "memphis", "backup_capex_usd", r"uses backup_capex_usd=0 \(its default\)"),
        # an empty gas cap in sites.csv is no limit
        ("gigawatt", "abilene", "gas_max_mw", r"uses gas_max_mw=inf \(its default\)"),
        # McCalip's terrestrial case builds in no time
        (
            "mccalip_2025",
            "mccalip_2025_terrestrial",
            "construction_years",
            r"uses construction_years=0 \(set in the scenario\)",
        ),
        # the PUE follows the cooling design chosen for the demand
        ("gigawatt", "memphis", "pue", "has no single default number for it"),
        ("gigawatt", "dawn_dusk_1000", "ground_sites", "has no single default number for it"),
    )
    assert catalog.get("sites", "memphis_tn")["grid_wait_years"] == 0
    for name, place, param, why in cases:
        sc = scenario.load(name)
        against = next(c.name for c in sc.candidates if c.name != place)
        with pytest.raises(
            InputError,
            match=rf"^parameter='{param}': no default scan: the \w+ placement '{place}' "
            rf"{why}.*; pass bounds=\(low, high\)$",
        ):
            compare.breakeven(sc, place, against, param)


def test_breakeven_with_bounds_for_a_zero_default():
    """With bounds a zero default scans. Backup capex is paid once, at year 0, so
    Memphis's levelized cost is linear in it: L(b) = L(0) + b (L(1e9) - L(0)) / 1e9,
    and the break-even with West Texas is b* = (L_wt - L(0)) / slope."""
    key = "memphis.backup_capex_usd"
    lcoc = "lcoc_usd_per_accelerator_hour"
    l0, l1 = compare.evaluate("gigawatt", {key: np.array([0.0, 1e9])}, ["memphis"])["memphis"][lcoc]
    target = compare.evaluate("gigawatt", candidates=["west_texas"])["west_texas"][lcoc]
    expected = float((target - l0) / ((l1 - l0) / 1e9))
    be = compare.breakeven(
        "gigawatt", "memphis", "west_texas", "backup_capex_usd", bounds=(0, 1e11)
    )
    assert be["found"]
    assert_allclose(be["value"], expected, rtol=1e-5)


@pytest.mark.parametrize("name", ["memphis", "abilene", "dawn_dusk_1000"])
def test_default_scan_is_centred_on_the_value_the_model_uses(name):
    """The centre of each default scan (not a share, not set in the block) is the
    value the model uses: passing it explicitly changes no result. (The price per
    launch is left out: charged per whole launch, it is not the same as the price
    per kg times the payload.)"""
    sc = scenario.load("gigawatt")
    cand = sc.candidate(name)
    keys = scenario.mode_keywords(cand.kind) - scenario.choice_keywords(cand.kind)
    base = compare.evaluate(sc, candidates=[name])[name]
    checked = 0
    skip = {"launch_price_usd_per_launch"}
    if "satellite_it_power_kw" in cand.params:
        skip.add("accelerators_per_satellite")  # the same quantity: the model takes one
    for param in sorted(keys - set(cand.params) - skip):
        if param.endswith(compare._SHARE_ENDINGS):
            continue
        try:
            lo, hi = compare._default_bounds(sc, cand, param)
        except InputError as exc:
            assert str(exc).startswith(f"parameter={param!r}: no default scan"), exc
            continue
        assert hi == pytest.approx(lo * 1e4, rel=1e-12)
        r = compare.evaluate(sc, {f"{name}.{param}": math.sqrt(lo * hi)}, [name])[name]
        for k in ("lcoc_usd_per_accelerator_hour", "cost_total_usd", "delivered_it_mw"):
            assert_allclose(r[k], base[k], rtol=1e-9, err_msg=f"{param}: {k}")
        checked += 1
    assert checked >= 20


def test_default_scan_of_the_default_scenario_keeps_its_results():
    """The gigawatt scenario's break-evens: the shares and the block's own values scan
    as before (test_breakeven_scans_shares_within_zero_and_one); the launch price now
    scans Starship's (5, 50000) USD/kg and, as over the old (1, 20000), finds none
    (orbit costs more than West Texas even at 1 USD/kg)."""
    sc = scenario.load("gigawatt")
    for c in sc.candidates:
        if c.kind != "orbital":
            continue
        be = compare.breakeven(sc, c.name, "west_texas")
        old = compare.breakeven(sc, c.name, "west_texas", bounds=(1, 20000))
        assert be["bounds"] == (5.0, 50_000.0)
        assert not be["found"] and not old["found"]
        assert (be["values"] > be["target"]).all() and (old["values"] > old["target"]).all()


def test_no_breakeven_at_mccalip_defaults():
    """At $22/W the satellites alone cost more than the terrestrial total (McCalip: -263.7 $/kg).

    His calculator's break-even launch price (orbital_anchors.md section 4.2, math.js) is
    (terrestrial total - $/W x P_req) / (P_req / W_per_kg): the launch price at which
    satellite hardware plus launch equals the terrestrial total, leaving out operations,
    replacement and NRE. From the reproduced line items:
    (15.851e9 - 23.600e9) / 29,390,055 kg = -263.7 $/kg. Negative: no launch price
    closes it, and the comparison's own scan (every cost line) finds no break-even either.
    """
    be = compare.breakeven(
        "mccalip_2025", "mccalip_orbital", "mccalip_2025_terrestrial", metric="cost_total_usd"
    )
    assert not be["found"]
    assert "no break-even in range" in be["message"]
    r = compare.evaluate("mccalip_2025")
    orbital, site = r["mccalip_orbital"], r["mccalip_2025_terrestrial"]
    his = (site["cost_total_usd"] - orbital["breakdown.capex.satellite_hardware_usd"]) / orbital[
        "mass_to_orbit_kg"
    ]
    assert_rounds_to(his, "-263.7", "McCalip's break-even launch price")


def test_mccalip_ten_year_variant():
    """McCalip's calculator at 10 years (orbital_anchors.md section 4.3): orbital
    $66.81 B against terrestrial $17.04 B.

    By hand: avgCF = mean(0.975^0..9) = 0.894682; P_req = 1 GW / (0.894682 x 0.98) =
    1.140527 GW, ceil(P_req / 27 kW) = 42,242 satellites (1.140534 GW); hardware
    22 $/W = 25.092 B, launch 500 $/kg x 1.140534e9 W / 36.5 W/kg = 15.624 B, operations
    0.1 x HW = 2.509 B, replacement 0.9 x HW = 22.583 B, NRE 1 B: 66.807 B.
    Terrestrial: infra 14.660 B + fuel 26.66 $/MWh x 1000 MW x 8760 h x 10 x 0.85 x 1.2
    = 2.382 B: 17.04 B.
    """
    sc = scenario.load("mccalip_2025")
    sc = scenario.Scenario(
        sc.name, sc.description, dict(sc.demand, years=10), sc.finance, sc.candidates
    )
    r = compare.evaluate(sc)
    assert_rounds_to(r["mccalip_orbital"]["cost_total_usd"], "66.81e9", "orbital, 10 yr")
    assert_rounds_to(
        r["mccalip_2025_terrestrial"]["cost_total_usd"], "17.04e9", "terrestrial, 10 yr"
    )


def test_starcloud_headline_ratios():
    """Starcloud's white paper (orbital_anchors.md sections 2.2-2.3): space is
    "20x cheaper" (167.17 M / 8.2 M = 20.4), and its 0.002 $/kWh (array + launch per kWh)
    is "22 to 85 times cheaper" than terrestrial energy at 0.045-0.17 $/kWh
    (0.045 / 0.0019977 = 22.5, 0.17 / 0.0019977 = 85.1: the white paper truncates)."""
    r = compare.evaluate("starcloud_2024")
    orbital, site = r["starcloud_orbital"], r["starcloud_2024_terrestrial"]
    assert_rounds_to(site["cost_total_usd"] / orbital["cost_total_usd"], "20", "Earth / space")
    kwh = orbital["it_energy_mwh_per_year"] * 10 * 1e3
    per_kwh = (
        orbital["breakdown.capex.satellite_hardware_usd"] + orbital["breakdown.capex.launch_usd"]
    ) / kwh
    assert int(0.045 / per_kwh) == 22
    assert int(0.17 / per_kwh) == 85


def test_tornado_sorted_and_launch_price_moves_orbital_cost():
    df = compare.tornado("gigawatt", "suncatcher_like_dd650")
    assert list(df["swing"]) == sorted(df["swing"], reverse=True)
    row = df[df["parameter"] == "launch_price_usd_per_kg"].iloc[0]
    assert row["metric_high"] > row["metric_low"]


def test_overrides_are_vectorized_one_call():
    prices = np.array([100.0, 500.0, 2000.0])
    r = compare.evaluate(
        "gigawatt", {"launch_price_usd_per_kg": prices}, candidates=["suncatcher_like_dd650"]
    )["suncatcher_like_dd650"]
    lcoc = r["lcoc_usd_per_accelerator_hour"]
    assert lcoc.shape == (3,)
    assert np.all(np.diff(lcoc) > 0)


def test_bad_override_names_the_parameter():
    with pytest.raises(InputError, match="did you mean 'launch_price_usd_per_kg'"):
        compare.evaluate("gigawatt", {"launch_price_usd_per_kgg": 1.0})
    with pytest.raises(InputError, match="no placement 'nowhere'"):
        compare.evaluate("gigawatt", {"nowhere.pue": 1.2})


def test_table_is_aligned_with_units(gigawatt):
    """Both blocks: the dash rule under each header gives the columns; text columns
    (placement, hosts all, binding, kind) start at their rule, every other cell ends at
    its rule's end (right-aligned numbers), and a single space column separates cells."""
    text = gigawatt.to_table()
    lines = text.splitlines()
    rules = [i for i, ln in enumerate(lines) if ln.startswith("----")]
    assert len(rules) == 2
    for r in rules:
        header, rule = lines[r - 1], lines[r]
        spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
        names = [header[a:b].strip() for a, b in spans]
        assert header.split("  ")[0] == "placement" and "" not in names
        rows = lines[r + 1 : r + 1 + len(gigawatt.summary)]
        assert [row.split()[0] for row in rows] == list(gigawatt.summary.index)
        for row in rows:
            assert len(row) <= spans[-1][1]
            for name, (a, b) in zip(names, spans, strict=True):
                cell = row[a:b]
                assert cell.strip() and (a == 0 or row[a - 1] == " "), (name, row)
                if name in ("placement", "hosts all", "binding", "kind"):
                    assert cell[0] != " ", (name, row)
                else:
                    assert cell[-1] != " ", (name, row)
    first = lines[rules[0] - 1]
    assert "$/acc-h" in first and "$/PFLOP-h" in first and "capex $B" in first


def test_demand_and_bare_overrides_reach_every_placement_they_fit():
    """utilisation as the only array broadcasts over scalar placements; a bottom-up-only key
    does not reach top-down designs; a launch price per kg replaces a price per launch."""
    u = np.array([0.5, 1.0])
    r = compare.evaluate("mccalip_2025", {"demand.utilisation": u})
    lc = r["mccalip_2025_terrestrial"]["lcoc_usd_per_accelerator_hour"]
    assert lc.shape == (2,)
    assert_allclose(lc[0] / lc[1], 2.0, rtol=1e-9)  # half the useful hours, same cost
    r = compare.evaluate(
        "starcloud_2024",
        {
            "launch_price_usd_per_kg": np.array([50.0, 100.0]),
            "accelerator_annual_failure_rate": 0.05,
        },
    )
    cost = r["starcloud_orbital"]["cost_total_usd"]
    # 100 t (the preset's one Starship load) at 50 and 100 $/kg replaces the $5 M launch
    assert_allclose(np.diff(cost), 100e3 * 50.0, rtol=1e-6)


def test_an_infeasible_sample_does_not_change_the_others():
    """A sample whose satellite cannot close (radiator too cold to reject heat) is NaN
    (its LCOC and its infrastructure cost per MWh); the feasible sample in the same call
    equals its scalar evaluation."""
    name = "suncatcher_like_dd650"
    both = compare.evaluate(
        "gigawatt",
        {f"{name}.junction_max_temperature_k": np.array([358.15, 200.0])},
        candidates=[name],
    )[name]
    one = compare.evaluate("gigawatt", candidates=[name])[name]
    # no LCOC and no infrastructure cost per MWh where nothing is delivered
    inf = both["infra_usd_per_mwh"]
    assert np.isfinite(inf[0]) and np.isnan(inf[1])
    lc = both["lcoc_usd_per_accelerator_hour"]
    assert np.isnan(lc[1]) and not both["feasible"][1]
    assert_allclose(lc[0], one["lcoc_usd_per_accelerator_hour"], rtol=1e-9)


def test_metrics_ask_the_orbital_model_only_for_what_they_need(monkeypatch):
    """With metrics= the orbital model is called with outputs= the metrics it has plus what
    levelizing reads (the delivered MW by year, costs, accelerator capex, feasibility) and
    mass_to_orbit_kg for mass_to_orbit_t; a metric outside COMMON_OUTPUTS asks for all."""

    from orbitcompute.placements import orbital

    calls = _spy(monkeypatch, orbital, "orbital_placement", "outputs")
    compare.evaluate("gigawatt", candidates=["dawn_dusk_1000"], metrics=["mass_to_orbit_t"])
    assert (
        calls[-1]
        == {
            "delivered_it_mw_by_year",
            "installed_it_mw_by_year",
            "feasible",
            "cost_total_usd",
            "cost_total_discounted_usd",
            "accelerator_capex_usd",
            "accelerator_capex_discounted_usd",
            "mass_to_orbit_kg",
        }
        & orbital.COMMON_OUTPUTS
    )
    compare.evaluate("gigawatt", candidates=["dawn_dusk_1000"], metrics=["kg_per_kw"])
    assert calls[-1] is None
    compare.evaluate("gigawatt", candidates=["dawn_dusk_1000"])
    assert calls[-1] is None


def test_metrics_keeps_the_same_values_and_rejects_unknown_names():
    """evaluate(metrics=...) returns exactly the listed outputs, equal to a full evaluation;
    an output no placement has, or a bare string, is an InputError."""
    over = {"launch_price_usd_per_kg": np.array([200.0, 800.0])}
    full = compare.evaluate("gigawatt", over)
    keep = ["lcoc_usd_per_accelerator_hour", "feasible", "mass_to_orbit_t"]
    lean = compare.evaluate("gigawatt", over, metrics=keep)
    assert lean.keys() == full.keys()
    for name, res in lean.items():
        assert list(res) == [k for k in keep if k in full[name]]
        for k, v in res.items():
            np.testing.assert_array_equal(v, full[name][k])
    assert "mass_to_orbit_t" not in lean["memphis"]  # terrestrial: no launches
    # an output of another kind of placement is no error when only a site is evaluated
    site = compare.evaluate("gigawatt", over, candidates=["memphis"], metrics=keep)
    assert list(site["memphis"]) == ["lcoc_usd_per_accelerator_hour", "feasible"]
    # metrics that are outputs of every orbital placement: the models build only those
    # (outputs=); a mode-specific one (kg_per_kw): every output is built, then kept
    for keep in (
        ["capex_usd", "binding_constraint", "year", "accelerators", "lcoc_usd_per_pflop_hour"],
        ["kg_per_kw", "lcoe_usd_per_mwh"],
    ):
        lean = compare.evaluate("gigawatt", over, metrics=keep)
        for name, res in lean.items():
            assert list(res) == [k for k in keep if k in full[name]]
            for k, v in res.items():
                np.testing.assert_array_equal(v, full[name][k])
    with pytest.raises(InputError, match="did you mean 'feasible'"):
        compare.evaluate("gigawatt", over, metrics=["feasable"])
    with pytest.raises(InputError, match="not one string"):
        compare.evaluate("gigawatt", over, metrics="feasible")


def test_override_keys_are_checked_against_the_whole_scenario():
    """A misspelled ``<placement>.<param>`` is an error even when that placement is not
    evaluated; a key of the other orbital mode says so; overrides must be a mapping."""
    with pytest.raises(
        InputError,
        match=r"^overrides=\{'memphis.grid_wait_yrs': \.\.\.\}: the terrestrial placement "
        r"'memphis' has no parameter 'grid_wait_yrs'; did you mean 'grid_wait_years'\?",
    ):
        compare.evaluate("gigawatt", {"memphis.grid_wait_yrs": 1.0}, candidates=["abilene"])
    with pytest.raises(
        InputError, match=r"^overrides=\{'memphs.pue': \.\.\.\}: no placement 'memphs'.*'memphis'"
    ):
        compare.evaluate("gigawatt", {"memphs.pue": 1.2}, candidates=["abilene"])
    with pytest.raises(
        InputError,
        match=r"^overrides=\{'mccalip_orbital.satellite_it_power_kw': \.\.\.\}: .*"
        r"\(mode='top_down'\) has no parameter 'satellite_it_power_kw': it belongs to the other",
    ):
        compare.evaluate("mccalip_2025", {"mccalip_orbital.satellite_it_power_kw": 50.0})
    with pytest.raises(InputError, match=r"^overrides=\{'demand.years': \.\.\.\}: only demand"):
        compare.evaluate("gigawatt", {"demand.years": 3})
    with pytest.raises(InputError, match=r"^overrides=\[1, 2\]: must be a mapping"):
        compare.evaluate("gigawatt", overrides=[1, 2])


def test_candidates_and_scenario_of_the_wrong_type():
    """One name as a bare string is rejected (as orbital_placement(outputs=...) does),
    not read letter by letter; a scenario that is neither a Scenario, a name nor a path
    is an InputError naming it."""
    with pytest.raises(
        InputError, match=r"^candidates='memphis': must be a list of placement names"
    ):
        compare.evaluate("gigawatt", candidates="memphis")
    with pytest.raises(InputError, match=r"^candidates=\[1\]: must be a list of placement names"):
        compare.evaluate("gigawatt", candidates=[1])
    for bad in (None, 5):
        for fn, rest in (
            (compare.evaluate, ()),
            (compare.compare, ()),
            (compare.tornado, ("x",)),
            (compare.breakeven, ("x", "y")),
        ):
            with pytest.raises(InputError, match=rf"^scenario={bad!r}: must be a shipped"):
                fn(bad, *rest)


def test_breakeven_checks_its_arguments():
    args = ("mccalip_2025", "mccalip_orbital", "mccalip_2025_terrestrial")
    with pytest.raises(InputError, match=r"^bounds=\(1\.0,\): must be \(low, high\), two numbers"):
        compare.breakeven(*args, bounds=(1.0,))
    with pytest.raises(InputError, match=r"^bounds=\(5, 1\): low must be below high"):
        compare.breakeven(*args, bounds=(5, 1))
    with pytest.raises(InputError, match=r"^bounds=\(1, inf\): must be finite"):
        compare.breakeven(*args, bounds=(1, math.inf))
    with pytest.raises(InputError, match=r"^metric='nope': not an output of placement"):
        compare.breakeven(*args, metric="nope")
    with pytest.raises(
        InputError,
        match=r"^parameter='launch_price_usd_kg': .*did you mean 'launch_price_usd_per_kg'\?",
    ):
        compare.breakeven(*args, parameter="launch_price_usd_kg")
    with pytest.raises(InputError, match=r"^parameter='launch_vehicle': 'launch_vehicle' chooses"):
        compare.breakeven(*args, parameter="launch_vehicle")


def test_tornado_checks_ranges_and_metric():
    name = "suncatcher_like_dd650"
    with pytest.raises(InputError, match=r"^metric='x': not an output of placement"):
        compare.tornado("gigawatt", name, metric="x")
    with pytest.raises(
        InputError, match=r"^ranges\['launch_price_usd_per_kg'\]=\(5,\): must be \(low, high\)"
    ):
        compare.tornado("gigawatt", name, ranges={"launch_price_usd_per_kg": (5,)})
    with pytest.raises(InputError, match=r"^ranges\['launches_per_year'\]=\(9, 1\): low must"):
        compare.tornado("gigawatt", name, ranges={"launches_per_year": (9, 1)})
    with pytest.raises(
        InputError, match=r"^ranges=\{'foo': \.\.\.\}: the orbital placement .* no parameter 'foo'"
    ):
        compare.tornado("gigawatt", name, ranges={"foo": (1, 2)})
    with pytest.raises(InputError, match=r"did you mean 'launch_price_usd_per_kg'\?"):
        compare.tornado("gigawatt", name, ranges={"launch_price_usd_kg": (1, 2)})
    with pytest.raises(InputError, match=r"^ranges=\{'orbit': \.\.\.\}: 'orbit' chooses"):
        compare.tornado("gigawatt", name, ranges={"orbit": (1, 2)})
    with pytest.raises(InputError, match=r"^ranges=\{\}: must be a non-empty mapping"):
        compare.tornado("gigawatt", name, ranges={})


def test_tornado_of_a_terrestrial_placement():
    """Of the gigawatt [tornado] table only the accelerators' failure rate reaches a
    site. Replacements are rate x accelerator-years in service, bought at the unit price
    at each year end, and the hours are accelerator-years x 8760 h x u with the same
    discount factors, so the LCOC moves by price x rate / (8760 h x 0.8) whatever the
    ramp: the swing is 41,667 USD x (0.12 - 0.015) / 7,008 h = 0.624 USD/acc-h. A table
    without a site's parameter and no ranges= is an error saying so; with ranges= of its
    own parameters the site is analysed."""
    import dataclasses

    ranges = compare.tornado_ranges("gigawatt", "abilene")
    assert ranges == {"accelerator_annual_failure_rate": (0.015, 0.12)}
    price = catalog.get("accelerators", "gb200_nvl72")["price_usd"]
    row = compare.tornado("gigawatt", "abilene").set_index("parameter").iloc[0]
    assert_allclose(row["swing"], price * (0.12 - 0.015) / (8760 * 0.8), rtol=1e-12)
    assert_allclose(row["metric_high"] - row["base"], price * 0.03 / (8760 * 0.8), rtol=1e-9)
    orbital_only = dataclasses.replace(
        scenario.load("gigawatt"), tornado={"launch_price_usd_per_kg": (100.0, 2000.0)}
    )
    assert compare.tornado_ranges(orbital_only, "abilene") == {}
    with pytest.raises(
        InputError,
        match=r"^placement='abilene': the \[tornado\] table of scenario 'gigawatt' names no "
        r"parameter of this terrestrial placement; give ranges=",
    ):
        compare.tornado(orbital_only, "abilene")
    df = compare.tornado(
        "gigawatt",
        "abilene",
        ranges={"facility_capex_usd_per_mw": (9.3e6, 15e6), "demand.utilisation": (0.5, 1.0)},
    )
    assert set(df["parameter"]) == {"facility_capex_usd_per_mw", "demand.utilisation"}
    assert list(df["swing"]) == sorted(df["swing"], reverse=True)
    row = df.set_index("parameter").loc["facility_capex_usd_per_mw"]
    assert row["metric_high"] > row["metric_low"] and np.isfinite(row["base"])


def test_tornado_table_applies_per_mode():
    """A bottom-up parameter of the table does not reach a top-down design (it used to be
    passed to it and fail in the model)."""
    import dataclasses

    sc = scenario.load("mccalip_2025")
    sc = dataclasses.replace(
        sc,
        tornado={"launch_price_usd_per_kg": (100.0, 2000.0), "satellite_it_power_kw": (30, 300)},
    )
    assert compare.tornado_ranges(sc, "mccalip_orbital") == {
        "launch_price_usd_per_kg": (100.0, 2000.0)
    }
    df = compare.tornado(sc, "mccalip_orbital")
    assert list(df["parameter"]) == ["launch_price_usd_per_kg"]


# --- audit 3 ----------------------------------------------------------------------


def _mini(old: str = "", new: str = "", where: str = "mini.toml") -> scenario.Scenario:
    import tomllib

    return scenario.parse(tomllib.loads(_MINI.replace(old, new, 1) if old else _MINI), where)


def _one(res: dict, key: str) -> float:
    return float(np.ravel(res[key])[0])


def test_accelerators_are_bought_as_the_installed_power_grows():
    """A placement whose power arrives mid-year: 100 MW installed during year 2 deliver
    50 MW on average in year 2 and 100 MW in year 3. With 1,000 W per accelerator at
    10,000 USD, utilisation 1 and 10 %:

    accelerators = 100 MW / 1 kW = 100,000 (installed at the end, not 50,000 + ...);
    bought in year 2: 1e9 USD, PV 1e9 / 1.1^2;
    hours: (50,000 * 8760 / 1.1^2 + 100,000 * 8760 / 1.1^3);
    LCOC = (1e9 + 1e9 / 1.1^2) / hours = 1.790396 USD/acc-h
    (on the delivered profile the purchases were 5e8 in years 2 and 3: 1.7536).
    """
    res = {
        "delivered_it_mw_by_year": np.array([0.0, 50.0, 100.0]),
        "installed_it_mw_by_year": np.array([0.0, 100.0, 100.0]),
        "feasible": np.array(True),
        "cost_total_usd": np.array(1.2e9),
        "cost_total_discounted_usd": np.array(1e9),
    }
    acc = {"all_in_power_w": 1000.0, "price_usd": 1e4, "dense_bf16_flops": 2e15}
    out = compare._levelize(res, acc, np.asarray(1.0), np.asarray(0.1))
    hours = 50e3 * 8760 / 1.1**2 + 100e3 * 8760 / 1.1**3
    assert_allclose(out["accelerators"], 100e3, rtol=1e-12)
    assert_allclose(out["accelerator_capex_usd"], 1e9, rtol=1e-12)
    assert_allclose(out["cost_with_accelerators_usd"], 2.2e9, rtol=1e-12)
    assert_allclose(out["accelerator_hours_per_year"], 100e3 * 8760, rtol=1e-12)
    assert_allclose(out["lcoc_usd_per_accelerator_hour"], (1e9 + 1e9 / 1.1**2) / hours, rtol=1e-12)
    assert_allclose(out["lcoc_usd_per_accelerator_hour"], 1.790396, rtol=1e-6)
    assert_allclose(out["lcoc_usd_per_pflop_hour"], 1.790396 / 2, rtol=1e-6)
    # a placement that does not report the installed power: the delivered profile
    del res["installed_it_mw_by_year"]
    out = compare._levelize(res, acc, np.asarray(1.0), np.asarray(0.1))
    assert_allclose(out["accelerator_capex_usd"], 1e9, rtol=1e-12)
    assert_allclose(out["lcoc_usd_per_accelerator_hour"], 1.7535720, rtol=1e-6)


def test_a_placement_is_levelized_with_its_own_accelerator():
    """An orbital block holding H100s (the demand's accelerator is the GB200) was counted
    with 1,666.7 W per GPU and 2.5 PFLOP/s: 59,999 accelerators and 11.01 $/PFLOP-h.
    100 MW / 1,275 W = 78,431.4 H100s, 0.989 PFLOP/s each: the same as naming the H100
    as the demand's accelerator."""
    block = _mini(
        'launch_vehicle = "starship"', 'launch_vehicle = "starship"\naccelerator = "h100_sxm"'
    )
    demand = _mini("years = 5", 'years = 5\naccelerator = "h100_sxm"')
    a = compare.evaluate(block, candidates=["dd"])["dd"]
    b = compare.evaluate(demand, candidates=["dd"])["dd"]
    assert_allclose(_one(a, "accelerators"), 100e6 / 1275.0, rtol=1e-12)
    for k in ("accelerators", "lcoc_usd_per_accelerator_hour", "lcoc_usd_per_pflop_hour"):
        assert_allclose(_one(a, k), _one(b, k), rtol=1e-12, err_msg=k)
    assert_allclose(
        _one(a, "lcoc_usd_per_pflop_hour"), _one(a, "lcoc_usd_per_accelerator_hour") / 0.989
    )
    # its all-in power: twice the watts, half the accelerators (and half their hours)
    base = _mini()
    one = compare.evaluate(base, candidates=["dd"])["dd"]
    two = compare.evaluate(base, {"dd.accelerator_all_in_power_w": 3333.4}, candidates=["dd"])
    assert_allclose(_one(two["dd"], "accelerators"), 100e6 / 3333.4, rtol=1e-12)
    assert_allclose(_one(one, "accelerators"), 100e6 / 1666.7, rtol=1e-12)


@pytest.mark.parametrize(
    "value, message",
    [
        (1.5, r"^demand\.utilisation=1\.5: must be in \(0, 1\]"),
        (0, r"^demand\.utilisation=0: must be in \(0, 1\]"),
        (-0.5, r"^demand\.utilisation=-0\.5: must be in \(0, 1\]"),
        (np.inf, r"^demand\.utilisation=inf: must be a finite number"),
        (np.nan, r"^demand\.utilisation=nan: must be a finite number"),
        (None, r"^demand\.utilisation=None: must be a number"),
        ("x", r"^demand\.utilisation='x': must be a number"),
        (1 + 2j, r"^demand\.utilisation=\(1\+2j\): must be a real number"),
        ([0.5, 1.5], r"^demand\.utilisation=1\.5: must be in \(0, 1\]"),
    ],
)
def test_demand_utilisation_override_is_checked_for_every_placement(value, message):
    """Only the orbital model checks utilisation: a terrestrial placement took 1.5 (LCOC
    1.587, feasible), inf (LCOC 0), NaN, 0, None, and raised ValueError for 'x'."""
    with pytest.raises(InputError, match=message):
        compare.evaluate(_mini(), {"demand.utilisation": value}, candidates=["memphis"])


def test_demand_and_finance_overrides_are_real_numbers_in_the_scenario_ranges():
    """1+2j lost its imaginary part (it_power_mw) or warned and became 1 (discount_rate);
    1e7 MW passed though a scenario file stops at 1e6."""
    sc = _mini()
    for key in ("demand.it_power_mw", "finance.discount_rate", "dd.launch_price_usd_per_kg"):
        with pytest.raises(InputError, match=rf"^{key}=\(1\+2j\): must be a real number"):
            compare.evaluate(sc, {key: 1 + 2j})
    with pytest.raises(InputError, match=r"^demand\.it_power_mw=1e\+07: must be in \(0, 1e\+06\]"):
        compare.evaluate(sc, {"demand.it_power_mw": 1e7})
    with pytest.raises(InputError, match=r"^finance\.discount_rate=1: must be in \[0, 1\)"):
        compare.evaluate(sc, {"finance.discount_rate": 1.0})


def test_a_scenario_wide_override_replaces_a_blocks_own_rate_and_utilisation():
    """Blocks that set discount_rate = 0.08 (the scenario's) kept it under
    finance.discount_rate = 0.02: a tornado or Monte Carlo of the rate showed no bar for
    them. The override applies, as if the blocks did not set it; given together with the
    placement's own override it is an error naming both."""
    import tomllib

    text = _MINI.replace('site = "memphis_tn"', 'site = "memphis_tn"\ndiscount_rate = 0.08')
    text += "discount_rate = 0.08\nutilisation = 0.8\n"  # the dd block's (the last) own values
    own = scenario.parse(tomllib.loads(text), "own.toml")
    assert own.candidate("memphis").params["discount_rate"] == 0.08
    assert own.candidate("dd").params["utilisation"] == 0.8
    base = _mini()
    for over in ({"finance.discount_rate": 0.02}, {"demand.utilisation": 0.4}):
        a = compare.evaluate(own, over)
        b = compare.evaluate(base, over)
        for name in ("memphis", "dd"):
            k = "lcoc_usd_per_accelerator_hour"
            assert_allclose(_one(a[name], k), _one(b[name], k), rtol=1e-12, err_msg=f"{over}")
    unchanged = compare.evaluate(base, candidates=["dd"])["dd"]
    lower = compare.evaluate(base, {"demand.utilisation": 0.4}, candidates=["dd"])["dd"]
    k = "lcoc_usd_per_accelerator_hour"
    assert_allclose(_one(lower, k), 2 * _one(unchanged, k), rtol=1e-9)  # half the hours
    with pytest.raises(
        InputError,
        match=r"^finance\.discount_rate=0\.05: conflicts with the override discount_rate=0\.02 "
        r"of placement 'memphis'",
    ):
        compare.evaluate(base, {"discount_rate": 0.02, "finance.discount_rate": 0.05})
    with pytest.raises(
        InputError, match=r"^demand\.utilisation=0\.5: conflicts with the override dd\.utilisation"
    ):
        compare.evaluate(base, {"dd.utilisation": 0.5, "demand.utilisation": 0.5})


def test_breakeven_reports_a_jump_over_the_target_as_no_break_even():
    """Northern Virginia's cost steps (its grid power comes a month later) over West
    Texas's: the old search reported 'break-even at grid_wait_years=2.292' where the two
    differed by 0.16 %. Either side of the reported step the metric lies on either side
    of the target."""
    sc = scenario.load("gigawatt")
    be = compare.breakeven(sc, "northern_virginia", "west_texas", "grid_wait_years", (0, 10))
    assert not be["found"] and be["value"] is None
    assert be["message"].startswith(
        "no break-even: lcoc_usd_per_accelerator_hour jumps over the target"
    )
    x = be["jump_at"]
    assert f"grid_wait_years={x:,.4g}" in be["message"]
    key = "northern_virginia.grid_wait_years"
    v = compare.evaluate(sc, {key: np.array([x - 1e-3, x + 1e-3])}, ["northern_virginia"])
    lc = v["northern_virginia"]["lcoc_usd_per_accelerator_hour"]
    assert (lc[0] - be["target"]) * (lc[1] - be["target"]) < 0
    assert min(abs(lc - be["target"])) > 1e-4 * be["target"]


def test_breakeven_on_a_grid_point_and_against_itself():
    """Two identical placements meet at the scan's grid point 500 USD/kg (the Starship
    price both use): the difference there is an exact 0, which made brentq raise a raw
    ValueError. The same placement on both sides is refused."""
    twin = _MINI + (
        '[[orbital]]\nname = "twin"\n'
        'orbit = { kind = "sun_synchronous", altitude_km = 650, ltan_h = 18 }\n'
        'satellite_it_power_kw = 100\nlaunch_vehicle = "starship"\n'
    )
    import tomllib

    sc = scenario.parse(tomllib.loads(twin), "twin.toml")
    be = compare.breakeven(sc, "dd", "twin", "launch_price_usd_per_kg", (5, 50_000))
    assert be["found"]
    assert_allclose(be["value"], 500.0, rtol=1e-9)
    with pytest.raises(
        InputError, match=r"^against='dd', placement='dd': must name two different placements"
    ):
        compare.breakeven(sc, "dd", "dd")


def test_breakeven_takes_one_value_per_override_and_real_bounds():
    """An array override failed as 'bounds=... do not broadcast' (and the target was its
    first element); a dict's keys and text numbers were taken as bounds."""
    args = ("gigawatt", "suncatcher_like_dd650", "west_texas")
    with pytest.raises(
        InputError,
        match=r"^overrides=\{'finance\.discount_rate': \[0\.02, 0\.08\]\}: breakeven takes one "
        r"value per override",
    ):
        compare.breakeven(*args, overrides={"finance.discount_rate": [0.02, 0.08]})
    for bounds in ({1: 2, 3: 4}, ("1", "2"), (True, 2), {1, 2}, np.array([[1, 2]])):
        with pytest.raises(InputError, match=r"^bounds=.*: must be \(low, high\), two numbers"):
            compare.breakeven(*args, bounds=bounds)
    with pytest.raises(InputError, match=r"^ranges\['grid_wait_years'\]=\{0: 1, 3: 2\}: must be"):
        compare.tornado("gigawatt", "memphis", ranges={"grid_wait_years": {0: 1, 3: 2}})


@pytest.mark.parametrize("value", ["sso", 5, [1]])
def test_an_orbit_override_is_an_orbit_or_a_table(value):
    """A table, a name or a number raised AttributeError ('dict' object has no attribute
    'eccentricity'); a table is now read as in a scenario file."""
    from orbitcompute.orbit import Orbit

    sc = _mini()
    with pytest.raises(InputError, match=r"^dd\.orbit=.*: must be an orbitcompute\.orbit\.Orbit"):
        compare.evaluate(sc, {"dd.orbit": value}, candidates=["dd"])
    table = compare.evaluate(sc, {"dd.orbit": {"kind": "geostationary"}}, candidates=["dd"])
    orbit = compare.evaluate(sc, {"dd.orbit": Orbit.geostationary()}, candidates=["dd"])
    k = "lcoc_usd_per_accelerator_hour"
    assert_allclose(table["dd"][k], orbit["dd"][k], rtol=1e-12)
    with pytest.raises(InputError, match=r"^dd\.orbit=\{'kind': 'geo'\}: orbit\.kind='geo'"):
        compare.evaluate(sc, {"dd.orbit": {"kind": "geo"}}, candidates=["dd"])


def test_a_blocks_bad_value_names_the_scenario_file():
    """'[terrestrial.memphis] grid_wait_years=-1: ...' named no file; an override at fault
    is not the file's, and keeps the message without it."""
    sc = _mini('site = "memphis_tn"', 'site = "memphis_tn"\ngrid_wait_years = -1', "gw.toml")
    with pytest.raises(
        InputError, match=r"^gw\.toml: \[terrestrial\.memphis\] grid_wait_years=-1: must be"
    ):
        compare.evaluate(sc)
    with pytest.raises(InputError, match=r"^\[terrestrial\.memphis\] pue=0\.5: must be"):
        compare.evaluate(_mini(), {"memphis.pue": 0.5})


def test_tornado_table_keys_and_errors_name_the_file():
    """The table's demand.* and "<placement>.<param>" keys apply (a placement's own key
    wins over a bare one); a value the model refuses names the file and the table key,
    not ranges[...] that the user never passed."""
    import tomllib

    table = (
        '[tornado]\n"demand.utilisation" = [0.5, 1.0]\nlaunch_price_usd_per_kg = [50, 500]\n'
        '"dd.launch_price_usd_per_kg" = [100, 1000]\n'
    )
    sc = scenario.parse(tomllib.loads(_MINI + table), "t.toml")
    assert compare.tornado_ranges(sc, "dd") == {
        "demand.utilisation": (0.5, 1.0),
        "launch_price_usd_per_kg": (100.0, 1000.0),
    }
    assert compare.tornado_ranges(sc, "memphis") == {"demand.utilisation": (0.5, 1.0)}
    df = compare.tornado(sc, "dd").set_index("parameter")
    direct = compare.evaluate(sc, {"dd.launch_price_usd_per_kg": 1000.0}, candidates=["dd"])
    assert_allclose(
        df.loc["launch_price_usd_per_kg", "metric_high"],
        _one(direct["dd"], "lcoc_usd_per_accelerator_hour"),
        rtol=1e-12,
    )
    bad = scenario.parse(
        tomllib.loads(_MINI + "[tornado]\nlaunch_price_usd_per_kg = [-100, 100]\n"), "n.toml"
    )
    with pytest.raises(
        InputError,
        match=r"^n\.toml: \[tornado\] launch_price_usd_per_kg=\[-100, 100\]: \[orbital\.dd\] "
        r"launch_price_usd_per_kg=-100",
    ):
        compare.tornado(bad, "dd")


def test_table_and_evaluate_place_the_same_demand_given_in_accelerators():
    """The demand in MW when it is given in accelerators was derived twice (evaluate,
    to_table); one helper serves both: 1,000 GB200 at their catalog all-in power W
    are 1000 * W / 1e6 MW, the power evaluate places and the table states."""
    from orbitcompute import catalog

    sc = _mini("it_power_mw = 100", "accelerators = 1000")
    mw = 1000 * float(catalog.get("accelerators", "gb200_nvl72")["all_in_power_w"]) / 1e6
    assert_allclose(compare._demand_it_power_mw(sc), mw, rtol=1e-12)
    res = compare.evaluate(sc)
    hosted = [r for r in res.values() if bool(np.ravel(r["feasible"])[0])]
    assert hosted
    for r in hosted:  # a placement that hosts all delivers the demand
        assert_allclose(np.max(r["delivered_it_mw_by_year"]), mw, rtol=1e-9)
    assert f"({mw:,.4g} MW IT)" in compare.compare(sc).to_table().splitlines()[1]


def test_table_states_a_demand_given_in_accelerators():
    """The demand line vanished when [demand] gave accelerators instead of it_power_mw:
    1,000 GB200 at 1,666.7 W are 1.67 MW of IT."""
    sc = _mini("it_power_mw = 100", "accelerators = 1000")
    text = compare.compare(sc).to_table()
    assert "demand: 1,000 gb200_nvl72 (1.667 MW IT) from 2027 for 5 years" in text.splitlines()[1]


def test_a_top_down_design_must_hold_one_of_the_demands_accelerators():
    """McCalip's top-down satellites shrunk to 1.5 kW of solar power give about 1,398 W
    of IT each (1.5 kW x his capacity factor x 0.98 sun fraction, the model's
    ``satellite_it_power_w``): more than one H100 (1,275 W all-in, the model's own
    default) but less than one of the demand's GB200s (1,666.7 W all-in). The comparison
    hands the demand's accelerator to top-down designs too, so the design is infeasible
    with binding ``accelerator_count``; with the H100 named it closes."""
    over = {"mccalip_orbital.satellite_power_kw": 1.5}
    metrics = ["feasible", "binding_constraint", "satellite_it_power_w"]
    r = compare.evaluate("mccalip_2025", over, candidates=["mccalip_orbital"], metrics=metrics)
    r = r["mccalip_orbital"]
    assert 1275.0 < float(r["satellite_it_power_w"]) < 1666.7
    assert not r["feasible"]
    assert str(r["binding_constraint"]) == "accelerator_count"
    over["mccalip_orbital.accelerator"] = "h100_sxm"
    r = compare.evaluate("mccalip_2025", over, candidates=["mccalip_orbital"], metrics=metrics)
    assert r["mccalip_orbital"]["feasible"]


# ------------------------------------------------- one basis for both kinds (audit 5)

DF_8 = 1.08 ** -np.arange(1.0, 7.0)  # gigawatt: 8 %, 6 years, end of year


def test_infra_usd_per_mwh_by_hand_on_one_basis():
    """infra_usd_per_mwh = PV(infrastructure) / (sum_t P_t DF_t * 8760 h * u), for every
    placement. The summary showed the models' lcoe_usd_per_mwh instead: the terrestrial
    one undiscounted at load_factor 1 (richland_parish 830 before the audit), the orbital
    one discounted at u = 0.8 (suncatcher 19,363), a 23x ratio on two bases. By hand for
    richland_parish and memphis, DF_t = 1.08^-(t+1), u = 0.8, from the model's own PV of
    costs and delivered MW. Orbital: the model's lcoe is already on this basis."""
    r = compare.evaluate("gigawatt")
    for name in ("richland_parish", "memphis", "suncatcher_like_dd650"):
        x = r[name]
        mwh = float(np.sum(x["delivered_it_mw_by_year"] * DF_8)) * 8760 * 0.8
        assert_allclose(x["infra_usd_per_mwh"], x["cost_total_discounted_usd"] / mwh, rtol=1e-12)
    # the model's own, on one kind's basis only
    sun = r["suncatcher_like_dd650"]
    assert_allclose(sun["infra_usd_per_mwh"], sun["lcoe_usd_per_mwh"], rtol=1e-9)
    rich = r["richland_parish"]
    assert not np.isclose(rich["infra_usd_per_mwh"], rich["lcoe_usd_per_mwh"], rtol=0.05)
    s = compare.compare("gigawatt").summary
    assert "infra_usd_per_mwh" in s.columns and "lcoe_usd_per_mwh" not in s.columns
    assert_allclose(s.loc["richland_parish", "infra_usd_per_mwh"], rich["infra_usd_per_mwh"])
    # the demand's utilisation moves it for a site too (the denominator used load_factor)
    half = compare.evaluate("gigawatt", {"demand.utilisation": 0.4}, candidates=["memphis"])
    assert_allclose(half["memphis"]["infra_usd_per_mwh"], 2 * r["memphis"]["infra_usd_per_mwh"])


def test_infra_usd_per_mwh_times_power_is_the_infrastructure_share_of_lcoc():
    """infra_usd_per_mwh * p_a [MW] = PV(infra) / (PV(MW) 8760 u) * p_a / 1e6
    = PV(infra) / PV(accelerator-hours): the infrastructure share of the LCOC, which is
    the whole LCOC when the scenario excludes accelerators. Every placement, both kinds,
    also with the accelerator's power overridden (p_a = 2000 W)."""
    sc = scenario.load("gigawatt")
    bare = scenario.Scenario(
        sc.name,
        sc.description,
        dict(sc.demand, include_accelerators=False),
        sc.finance,
        sc.candidates,
    )
    p_a = catalog.get("accelerators", "gb200_nvl72")["all_in_power_w"]
    for over, watts in (({}, p_a), ({"accelerator_all_in_power_w": 2000.0}, 2000.0)):
        full = compare.evaluate(sc, over)
        infra = compare.evaluate(bare, over)
        for name, x in full.items():
            share = x["infra_usd_per_mwh"] * watts / 1e6
            assert_allclose(share, infra[name]["lcoc_usd_per_accelerator_hour"], rtol=1e-12)
            assert_allclose(infra[name]["infra_usd_per_mwh"], x["infra_usd_per_mwh"], rtol=1e-12)
            assert share < x["lcoc_usd_per_accelerator_hour"]


def test_accelerator_price_override_reaches_terrestrial_placements():
    """A bare accelerator price changed only the orbital models: memphis stayed at the
    catalog 41,667 USD. By hand, a site buys (I_t - I_{t-1}) / p_a accelerators at the end
    of year t, so the LCOC moves by
    (20,000 - 41,667) * (sum_t dI_t DF_t + 0.09 sum_t P_t DF_t) / (sum_t P_t DF_t * 8760 h * 0.8)
    (the MW and the 1e6 / p_a cancel), with I and P the model's installed and delivered MW
    (0.09/yr: the failures replaced, rate x accelerator-years in service).
    "memphis.accelerator_price_usd" moves memphis alone (it was refused)."""
    price = catalog.get("accelerators", "gb200_nvl72")["price_usd"]
    base = compare.evaluate("gigawatt")
    key = "lcoc_usd_per_accelerator_hour"
    for over in ({"accelerator_price_usd": 20000.0}, {"memphis.accelerator_price_usd": 20000.0}):
        r = compare.evaluate("gigawatt", over)
        for name in ("memphis", "west_texas"):
            x = base[name]
            d_i = np.diff(x["installed_it_mw_by_year"], prepend=0.0).clip(min=0)
            hours = np.sum(x["delivered_it_mw_by_year"] * DF_8) * 8760 * 0.8
            moved = "accelerator_price_usd" in over or name == "memphis"
            bought = np.sum(d_i * DF_8) + 0.09 * np.sum(x["delivered_it_mw_by_year"] * DF_8)
            delta = (20000.0 - price) * bought / hours if moved else 0.0
            assert_allclose(r[name][key], x[key] + delta, rtol=1e-12)
            assert_allclose(r[name]["infra_usd_per_mwh"], x["infra_usd_per_mwh"], rtol=1e-12)
        sun = "suncatcher_like_dd650"
        assert (r[sun][key] < base[sun][key]) == ("accelerator_price_usd" in over)


def test_accelerator_power_and_utilisation_overrides_reach_terrestrial_placements():
    """accelerator_all_in_power_w = 2000 W: a site's LCOC is (PV(infra) + (PV(dI) +
    0.09 PV(P)) 1e6/p_a price) / (PV(P) 1e6/p_a 8760 u) = PV(infra) p_a / (PV(P) 1e6 8760 u)
    + price (PV(dI) + 0.09 PV(P)) / (PV(P) 8760 u) (0.09/yr of the accelerators in service
    replaced): its infrastructure share scales with p_a. A bare utilisation is the
    demand's: memphis stayed at 0.8 while the orbits went to 0.5."""
    key = "lcoc_usd_per_accelerator_hour"
    p_a = catalog.get("accelerators", "gb200_nvl72")["all_in_power_w"]
    price = catalog.get("accelerators", "gb200_nvl72")["price_usd"]
    x = compare.evaluate("gigawatt", candidates=["memphis"])["memphis"]
    r = compare.evaluate("gigawatt", {"accelerator_all_in_power_w": 2000.0})["memphis"]
    pv_p = np.sum(x["delivered_it_mw_by_year"] * DF_8)
    d_i = np.diff(x["installed_it_mw_by_year"], prepend=0.0).clip(min=0)
    infra = x["cost_total_discounted_usd"] * 2000.0 / (pv_p * 1e6 * 8760 * 0.8)
    bought = np.sum(d_i * DF_8) + 0.09 * pv_p
    assert_allclose(r[key], infra + price * bought / (pv_p * 8760 * 0.8), rtol=1e-12)
    assert_allclose(r["accelerators"], x["accelerators"] * p_a / 2000.0, rtol=1e-12)
    bare = compare.evaluate("gigawatt", {"utilisation": 0.5})
    demand = compare.evaluate("gigawatt", {"demand.utilisation": 0.5})
    for name in ("memphis", "suncatcher_like_dd650"):
        np.testing.assert_array_equal(bare[name][key], demand[name][key])
    assert_allclose(bare["memphis"][key] * 0.5, x[key] * 0.8, rtol=1e-12)
    with pytest.raises(InputError, match=r"^utilisation=0.5: the same as demand.utilisation"):
        compare.evaluate("gigawatt", {"utilisation": 0.5, "demand.utilisation": 0.6})
    with pytest.raises(InputError, match=r"^accelerator_price_usd=-1: must be >= 0"):
        compare.evaluate("gigawatt", {"accelerator_price_usd": -1.0})
    with pytest.raises(InputError, match=r"^memphis.accelerator_all_in_power_w=0: must be > 0"):
        compare.evaluate("gigawatt", {"memphis.accelerator_all_in_power_w": 0.0})


def test_breakeven_on_the_accelerator_price_moves_both_placements():
    """The LCOC is linear in the accelerator price p: L_i(p) = A_i + B_i p. A site built
    over 4 years at 5 M USD/MW ("late": cheaper infrastructure A, but fewer hours per
    accelerator bought, larger B) and memphis cross where A_l + B_l p = A_m + B_m p,
    p* = (A_m - A_l) / (B_l - B_m), with A and B from evaluations at p = 0 and 1e5. The
    scan moved only one side before (and a site's own key was refused); the reference
    now moves with it."""
    key = "lcoc_usd_per_accelerator_hour"
    late = (
        '[[terrestrial]]\nname = "late"\nsite = "memphis_tn"\nconstruction_years = 4.0\n'
        "facility_capex_usd_per_mw = 5e6\n"
    )
    sc = scenario.parse(tomllib.loads(_MINI + late), "m.toml")
    r = compare.evaluate(sc, {"accelerator_price_usd": np.array([0.0, 1e5])})
    (a_l, b_l), (a_m, b_m) = (
        (r[n][key][0], np.diff(r[n][key])[0] / 1e5) for n in ("late", "memphis")
    )
    expected = (a_m - a_l) / (b_l - b_m)
    assert 1e3 < expected < 1e6
    be = compare.breakeven(sc, "late", "memphis", "accelerator_price_usd")
    assert be["found"]
    assert_allclose(be["value"], expected, rtol=1e-6)
    assert_allclose(be["target"], a_m + b_m * expected, rtol=1e-6)
    assert_allclose(be["targets"], a_m + b_m * be["grid"], rtol=1e-9)
    # an orbit against a site: the site's metric on the grid is the site's at each price
    be = compare.breakeven(sc, "dd", "memphis", "accelerator_price_usd", bounds=(1e3, 1e5))
    assert_allclose(be["targets"], a_m + b_m * be["grid"], rtol=1e-9)


def test_tornado_of_a_site_on_the_accelerator_price():
    """tornado(memphis, accelerator_price_usd) was refused; its swing is B_m (p_hi - p_lo)
    with B_m the LCOC per USD of price (linear, as above)."""
    key = "lcoc_usd_per_accelerator_hour"
    r = compare.evaluate("gigawatt", {"accelerator_price_usd": np.array([0.0, 1e5])})
    b_m = np.diff(r["memphis"][key])[0] / 1e5
    df = compare.tornado("gigawatt", "memphis", {"accelerator_price_usd": (2e4, 6e4)})
    assert_allclose(df["swing"][0], b_m * 4e4, rtol=1e-9)


def test_the_demands_accelerator_reaches_terrestrial_placements(monkeypatch):
    """A site is called with the demand's accelerator, as an orbital design is (the
    cooling depends on it), and levelized with its catalog power: with h100_sxm the
    accelerators are the IT MW / its all-in power."""

    from orbitcompute.placements import terrestrial

    sc = scenario.parse(
        tomllib.loads(_MINI.replace("[finance]", 'accelerator = "h100_sxm"\n[finance]')), "m.toml"
    )
    calls = _spy(monkeypatch, terrestrial, "terrestrial_placement", "accelerator")
    r = compare.evaluate(sc, candidates=["memphis"])["memphis"]
    assert calls == ["h100_sxm"]
    p_a = catalog.get("accelerators", "h100_sxm")["all_in_power_w"]
    assert_allclose(r["accelerators"], r["installed_it_mw_by_year"][-1] * 1e6 / p_a, rtol=1e-12)


@pytest.mark.parametrize("own_first", [False, True])
def test_a_placements_own_override_wins_over_the_bare_one_in_either_order(own_first):
    """The key that came later won: {accelerator_price_usd: 1, memphis.accelerator_price_usd:
    99,999} bought memphis's accelerators at 99,999 USD, the other order at 1 USD. Now the
    placement's own key wins in either order. By hand: a site buys each accelerator once
    as its installed power grows (it never falls), and replaces 0.09/yr of those in
    service, so its accelerator capex is the price times ``accelerators`` + 0.09 x
    accelerator-years (sum of the delivered MW by year x 1e6 / p_a): at 99,999 USD for
    memphis, 1 USD for west_texas. The same for a model keyword (grid_wait_years: memphis
    as with its own key alone, west_texas as with the bare one alone) and for the other
    form of a launch price (the bare price per launch with dd's own price per kg was
    refused as both given)."""
    pairs = [
        (("accelerator_price_usd", 1.0), ("memphis.accelerator_price_usd", 99999.0)),
        (("grid_wait_years", 0.5), ("memphis.grid_wait_years", 3.0)),
        (
            ("launch_price_usd_per_launch", 1e8),
            ("dawn_dusk_1000.launch_price_usd_per_kg", 100.0),
        ),
    ]
    names = ["memphis", "west_texas", "dawn_dusk_1000"]
    for (bare, b_val), (own, o_val) in pairs:
        over = {own: o_val, bare: b_val} if own_first else {bare: b_val, own: o_val}
        r = compare.evaluate("gigawatt", over, candidates=names)
        mine = own.split(".", 1)[0]
        alone = compare.evaluate("gigawatt", {own: o_val}, candidates=[mine])[mine]
        for k in ("lcoc_usd_per_accelerator_hour", "time_to_first_power_years"):
            assert_allclose(r[mine][k], alone[k], rtol=0)
        if bare == "accelerator_price_usd":
            p_a = catalog.get("accelerators", "gb200_nvl72")["all_in_power_w"]
            for x, price in ((r["memphis"], 99999.0), (r["west_texas"], 1.0)):
                years = x["delivered_it_mw_by_year"].sum() * 1e6 / p_a
                fleet = x["accelerators"] + 0.09 * years
                assert_allclose(x["accelerator_capex_usd"], price * fleet, rtol=1e-12)
        if bare == "grid_wait_years":
            w = compare.evaluate("gigawatt", {bare: b_val}, candidates=["west_texas"])
            assert_allclose(
                r["west_texas"]["time_to_first_power_years"],
                w["west_texas"]["time_to_first_power_years"],
                rtol=0,
            )


def test_breakeven_keeps_the_others_own_accelerator_price():
    """{abilene.accelerator_price_usd: 5000} with a scan of the accelerator price: the scan
    key overwrote abilene's, so ``targets`` ran 0.78 ... 146.9 USD/acc-h (abilene at the
    scanned price) while ``target`` was abilene at 5,000 USD (0.94). Now abilene keeps its
    own price: every target is abilene's LCOC at 5,000 USD, evaluated on its own, and the
    scan moves dawn_dusk_1000 alone (its LCOC at each grid price, evaluated on its own).
    dawn_dusk_1000's own price is replaced by the scan; it centres the default bounds
    (5,000 / 100, 5,000 x 100)."""
    key = "lcoc_usd_per_accelerator_hour"
    own = {"abilene.accelerator_price_usd": 5000.0}
    ref = compare.evaluate("gigawatt", own, candidates=["abilene"])["abilene"][key]
    be = compare.breakeven(
        "gigawatt", "dawn_dusk_1000", "abilene", "accelerator_price_usd", overrides=own
    )
    assert_allclose(be["target"], ref, rtol=0)
    assert_allclose(be["targets"], np.full(129, ref), rtol=0)
    grid = be["grid"][[0, 64, 128]]
    alone = compare.evaluate(
        "gigawatt", {"dawn_dusk_1000.accelerator_price_usd": grid}, candidates=["dawn_dusk_1000"]
    )["dawn_dusk_1000"][key]
    assert_allclose(be["values"][[0, 64, 128]], alone, rtol=1e-12)
    be = compare.breakeven(
        "gigawatt",
        "dawn_dusk_1000",
        "abilene",
        "accelerator_price_usd",
        overrides={"dawn_dusk_1000.accelerator_price_usd": 5000.0},
    )
    assert be["bounds"] == (50.0, 500000.0)
    grid = be["grid"][[0, 64, 128]]
    alone = compare.evaluate(
        "gigawatt", {"dawn_dusk_1000.accelerator_price_usd": grid}, candidates=["dawn_dusk_1000"]
    )["dawn_dusk_1000"][key]
    assert_allclose(be["values"][[0, 64, 128]], alone, rtol=1e-12)


def test_breakeven_on_utilisation_is_the_demands_as_in_tornado():
    """parameter='utilisation' scanned dawn_dusk_1000's own utilisation (abilene stayed at
    0.8) and 'demand.utilisation' was refused, while tornado and an override read
    'utilisation' as demand.utilisation. Now both names scan the demand's: both sides move.
    By hand: every cost is fixed and the hours scale with u, so abilene's LCOC times u is
    constant: targets * grid = LCOC(0.8) * 0.8. 'dawn_dusk_1000.utilisation' scans the
    orbit's own (the target stays at abilene's 0.8 value). The orbit's own utilisation
    together with the demand's scan is refused, as evaluate refuses the pair."""
    key = "lcoc_usd_per_accelerator_hour"
    base = compare.evaluate("gigawatt", candidates=["abilene"])["abilene"][key]
    bare = compare.breakeven("gigawatt", "dawn_dusk_1000", "abilene", "utilisation")
    demand = compare.breakeven("gigawatt", "dawn_dusk_1000", "abilene", "demand.utilisation")
    assert bare["bounds"] == demand["bounds"] == (0.001, 0.999)
    np.testing.assert_array_equal(bare["values"], demand["values"])
    np.testing.assert_array_equal(bare["targets"], demand["targets"])
    assert_allclose(bare["targets"] * bare["grid"], np.full(129, base * 0.8), rtol=1e-12)
    own = compare.breakeven("gigawatt", "dawn_dusk_1000", "abilene", "dawn_dusk_1000.utilisation")
    assert_allclose(own["targets"], np.full(129, base), rtol=0)
    # the orbit levelizes its hours at its own utilisation: the same values either way
    assert_allclose(own["values"], bare["values"], rtol=1e-12)
    with pytest.raises(
        InputError,
        match=r"^overrides=\{'dawn_dusk_1000.utilisation': 0.5\}: conflicts with the scan of "
        r"demand.utilisation \(parameter='utilisation'\)",
    ):
        compare.breakeven(
            "gigawatt",
            "dawn_dusk_1000",
            "abilene",
            "utilisation",
            overrides={"dawn_dusk_1000.utilisation": 0.5},
        )


def _mini_with_top_down(include_accelerators=True, **top_down):
    """The mini scenario (memphis, bottom-up dd) plus a top-down design ``td``
    (30 W/kg, 20 USD/W) with the given extra keys."""
    d = tomllib.loads(_MINI)
    d["demand"]["include_accelerators"] = include_accelerators
    d["orbital"].append(
        {"name": "td", "mode": "top_down", "specific_power_w_per_kg": 30, "cost_usd_per_w": 20}
        | top_down
    )
    return scenario.parse(d)


def test_a_top_down_designs_stated_zero_accelerator_capex_is_kept():
    """A stated accelerator_capex_usd = 0 was read as "not stated": the design bought
    the catalog accelerators (2.5e9 USD) and its LCOC jumped from 1.16 (at 1 USD) to 1.96.

    By hand, with discount rate 0 and utilisation 1: the hours are
    H = sum_t P_t * (1e6 / p_a) * 8760 (p_a = the GB200's all-in W, P_t the delivered MW)
    and LCOC = (cost_total_usd + accelerator capex) / H, so a stated 0 gives
    cost_total_usd / H (= the LCOC with include_accelerators = false) and 1 USD adds 1 / H.
    Not stated, the accelerators are bought at the catalog price as the power arrives:
    100 MW * 1e6 / p_a * price. An override array [0, 1] is taken sample by sample.
    """
    acc = catalog.get("accelerators", "gb200_nvl72")
    d = tomllib.loads(_MINI)
    d["demand"].update(utilisation=1.0)
    d["finance"].update(discount_rate=0.0)
    d["terrestrial"] = []
    td = {"name": "td", "mode": "top_down", "specific_power_w_per_kg": 30, "cost_usd_per_w": 20}
    key = "lcoc_usd_per_accelerator_hour"
    for capex in (0.0, 1.0):
        d["orbital"] = [td | {"accelerator_capex_usd": capex}]
        c = compare.compare(scenario.parse(d))
        r = c.results["td"]
        hours = np.sum(r["delivered_it_mw_by_year"]) * 1e6 / acc["all_in_power_w"] * 8760
        assert c.summary.loc["td", "accelerator_capex_usd"] == capex
        assert_allclose(r[key], (r["cost_total_usd"] + capex) / hours, rtol=1e-12)
    d["orbital"] = [td]
    r0 = compare.evaluate(scenario.parse(d))["td"]
    assert_allclose(r0["accelerator_capex_usd"], 100e6 / acc["all_in_power_w"] * acc["price_usd"])
    d["demand"]["include_accelerators"] = False
    bare = compare.evaluate(scenario.parse(d))["td"]
    d["demand"]["include_accelerators"] = True
    both = compare.evaluate(scenario.parse(d), {"td.accelerator_capex_usd": np.array([0.0, 1.0])})
    assert_allclose(both["td"]["accelerator_capex_usd"], [0.0, 1.0])
    assert_allclose(both["td"][key][0], bare[key], rtol=1e-12)
    assert_allclose(both["td"][key][1] - both["td"][key][0], 1.0 / hours, rtol=1e-6)


@pytest.mark.parametrize("include", [True, False])
def test_the_breakdown_adds_up_to_the_summary_for_every_placement(include):
    """The breakdown listed orbital accelerators (3.9e9 USD) when the scenario excluded
    them, and never a site's, so its sums had different scopes: memphis infrastructure
    only, an orbital design infrastructure + accelerators. Now, for every placement
    (site, bottom-up, top-down with and without its own total):
    sum of its lines = cost_total_usd + accelerator_capex_usd (the summary's, 0 when
    excluded), its accelerators lines = accelerator_capex_usd, and the others =
    cost_total_usd."""
    for own in ({}, {"accelerator_capex_usd": 0.0}, {"accelerator_capex_usd": 5e8}):
        c = compare.compare(_mini_with_top_down(include, **own))
        s, b = c.summary, c.breakdown
        acc = b[b["category"] == "accelerators"].groupby("placement")["value"].sum()
        total = b.groupby("placement")["value"].sum()
        assert set(acc.index) == set(s.index) == {"memphis", "dd", "td"}
        assert_allclose(acc[s.index], s["accelerator_capex_usd"], rtol=1e-12)
        assert_allclose(
            total[s.index], s["cost_total_usd"] + s["accelerator_capex_usd"], rtol=1e-12
        )
        if not include:
            assert (s["accelerator_capex_usd"] == 0).all()
        else:
            assert (s.loc[["memphis", "dd"], "accelerator_capex_usd"] > 1e9).all()
            stated = own.get("accelerator_capex_usd")
            if stated is not None:
                assert s.loc["td", "accelerator_capex_usd"] == stated
            else:  # bought as a site buys its initial fleet (a site also replaces failures)
                lines = b.set_index(["placement", "category", "item"])["value"]
                initial = lines["memphis", "accelerators", "initial"]
                assert lines["memphis", "accelerators", "replacement"] > 0
                assert_allclose(s.loc["td", "accelerator_capex_usd"], initial)


def test_breakeven_names_the_part_of_the_scan_where_the_placement_is_infeasible():
    """Starcloud's 40 MW is one satellite of 40e6 W / w kg at specific power w [W/kg];
    Starship carries 100,000 kg, so below w = 400 W/kg the satellite does not fly
    (vehicle_payload, NaN cost). The scan over [40, 800] said "no break-even in range",
    dropping that part silently. At 400 W/kg and above the orbital LCOC (0.0039 USD/acc-h)
    stays below the site's, so no break-even where it is defined either. The edge is
    located between the grid values that straddle it (396.425 and 405.812), to 1e-9 of 400."""

    def scan(bounds):
        return compare.breakeven(
            "starcloud_2024",
            "starcloud_orbital",
            "starcloud_2024_terrestrial",
            parameter="specific_power_w_per_kg",
            bounds=bounds,
        )

    be = scan((40, 800))
    grid = np.geomspace(40, 800, 129)
    assert not be["found"] and be["value"] is None
    assert be["infeasible_ranges"] == [
        {
            "placement": "starcloud_orbital",
            "low": 40.0,
            "high": pytest.approx(400.0, rel=1e-9),
            "binding_constraint": "vehicle_payload",
        }
    ]
    assert be["infeasible_ranges"][0]["high"] < 400.0
    assert be["message"] == (
        "starcloud_orbital is infeasible for specific_power_w_per_kg in [40, 400] "
        "(vehicle_payload); no break-even where it is defined: [400, 800]"
    )
    assert np.isnan(be["values"][grid < 400]).all()
    assert np.isfinite(be["values"][grid >= 400]).all()
    # defined over the whole scan: the message and the list are as before
    ok = scan((400, 800))
    assert ok["infeasible_ranges"] == []
    assert ok["message"] == "no break-even in range [400, 800] of specific_power_w_per_kg"


def _mini_dict(**terrestrial):
    """The mini scenario as a dict, its site block updated with ``terrestrial``."""
    d = tomllib.loads(_MINI)
    d["terrestrial"][0].update(terrestrial)
    return d


@pytest.mark.parametrize(
    "kind, block, message",
    [
        (
            "terrestrial",
            {"accelerator_all_in_power_w": 1e-300},
            r"accelerator_all_in_power_w=1e-300: too small: ",
        ),
        (
            "terrestrial",
            {"accelerator_price_usd": 1e306},
            r"accelerator_price_usd=1e\+306: too large: ",
        ),
        (
            "orbital",
            {"accelerator_all_in_power_w": 1e-300},
            r"accelerator_all_in_power_w=1e-300: too small: ",
        ),
    ],
)
def test_an_overflow_of_the_accelerator_costs_is_an_input_error(kind, block, message):
    """accelerator_all_in_power_w = 1e-300 W in a site's block (or a top-down design's)
    is 1e306 accelerators per MW: the count, hours and costs overflowed with numpy
    RuntimeWarnings, and the comparison said the site hosts all, capex inf, accelerators
    "inf". Now an InputError names the value, as the bottom-up orbital model does."""
    import warnings

    if kind == "terrestrial":
        d = _mini_dict(**block)
        where = r"^m\.toml: \[terrestrial\.memphis\] "
    else:
        d = tomllib.loads(_MINI)
        d["orbital"].append(
            {"name": "td", "mode": "top_down", "specific_power_w_per_kg": 30}
            | {"cost_usd_per_w": 20}
            | block
        )
        where = r"^m\.toml: \[orbital\.td\] "
    sc = scenario.parse(d, "m.toml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy RuntimeWarning either
        with pytest.raises(
            InputError,
            match=where + message + r"the accelerator count, hours and costs of the levelized "
            r"cost overflow float64 \(above 1\.8e308\)",
        ):
            compare.compare(sc)


def test_an_overflow_in_a_scan_names_the_value_that_overflowed():
    """A break-even scan of the accelerator power over [1e-300, 1e300] printed 18 numpy
    warnings before its error. The scan's values at the overflow (1e-300 W, not the
    largest of the scan, 1e300) are named, with no warning."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(
            InputError,
            match=r"^bounds=\(1e-300, 1e\+300\): the scan of accelerator_all_in_power_w leaves "
            r"what the model allows \(\[terrestrial\.abilene\] accelerator_all_in_power_w=1e-300: "
            r"too small: the accelerator count",
        ):
            compare.breakeven(
                "gigawatt",
                "suncatcher_like_dd650",
                "abilene",
                "accelerator_all_in_power_w",
                bounds=(1e-300, 1e300),
            )
        # the same power as an array of samples: the sample that overflows is named
        with pytest.raises(InputError, match=r"accelerator_all_in_power_w=1e-300: too small"):
            compare.evaluate(
                _mini(),
                {"accelerator_all_in_power_w": np.array([1400.0, 1e-300, 1e300])},
                candidates=["memphis"],
            )


def test_tornado_says_where_the_metric_is_undefined():
    """development_years = [0, 100] printed "100 -> nan   swing nan": with nothing
    delivered within the 5-year horizon the LCOC is undefined there. The row now says
    which end and why, from the placement's binding constraint (horizon), and comes first
    (its range reaches a design that delivers nothing); the others keep their order."""
    df = compare.tornado(
        _mini(),
        "dd",
        {"launch_price_usd_per_kg": (100, 2000), "development_years": (0, 100)},
    )
    assert list(df.columns) == [
        "parameter",
        "low",
        "high",
        "metric_low",
        "metric_high",
        "base",
        "swing",
        "note",
    ]
    assert list(df["parameter"]) == ["development_years", "launch_price_usd_per_kg"]
    dev, launch = df.iloc[0], df.iloc[1]
    assert np.isfinite(dev["metric_low"]) and np.isnan(dev["metric_high"])
    assert np.isnan(dev["swing"])
    assert dev["note"] == (
        "high=100: lcoc_usd_per_accelerator_hour undefined: nothing delivered within the "
        "5-year horizon (binding constraint: horizon)"
    )
    assert launch["note"] == "" and launch["swing"] > 0
    # both ends undefined: both named
    both = compare.tornado(_mini(), "dd", {"development_years": (50, 100)})
    assert both["note"].iloc[0].startswith("low=50: lcoc_usd_per_accelerator_hour undefined")
    assert "; high=100: lcoc_usd_per_accelerator_hour undefined" in both["note"].iloc[0]
    # undefined at the placement's own values (developed past the horizon): each
    # row says so first, as its swing is not about the base (it had an empty note)
    late = _mini(
        'launch_vehicle = "starship"', 'launch_vehicle = "starship"\ndevelopment_years = 5.5'
    )
    df = compare.tornado(late, "dd", {"development_years": (1, 2)})
    assert np.isnan(df["base"].iloc[0]) and np.isfinite(df["swing"].iloc[0])
    assert df["note"].iloc[0] == (
        "base: lcoc_usd_per_accelerator_hour undefined: nothing delivered within the "
        "5-year horizon (binding constraint: horizon)"
    )


def test_breakeven_locates_where_the_metric_stops_being_defined_whatever_the_bounds():
    """suncatcher_like_dd650 delivers nothing once its development takes the whole 6-year
    horizon. The scan said "infeasible in [6.02, 10], defined on [0, 5.94]" for bounds
    (0, 10), but "[7.81, 1000]" and "defined where: [0, 0]" for (0, 1000): the edge was
    only located to the grid (7.8 wide). Each edge is now located between the two grid
    values that straddle it, to 1e-9 of its value, so both scans report 6."""
    edges = []
    for bounds in ((0, 10), (0, 1000)):
        be = compare.breakeven(
            "gigawatt",
            "suncatcher_like_dd650",
            "abilene",
            "development_years",
            bounds=bounds,
        )
        (bad,) = be["infeasible_ranges"]
        assert bad["binding_constraint"] == "horizon" and bad["high"] == bounds[1]
        assert be["message"] == (
            f"suncatcher_like_dd650 is infeasible for development_years in [6, {bounds[1]:g}] "
            "(horizon); no break-even where it is defined: [0, 6]"
        )
        edges.append(bad["low"])
    assert_allclose(edges, 6.0, rtol=1e-8)
    assert_allclose(edges[0], edges[1], rtol=1e-8)


def test_breakeven_refuses_a_flag_or_a_by_year_metric():
    """metric='feasible' (a yes/no flag, which sweep refuses) was scanned as 0 and 1; a
    by-year series crashed with a numpy ValueError (breakeven) or took its first year
    (tornado's base)."""
    args = ("gigawatt", "suncatcher_like_dd650", "abilene")
    with pytest.raises(
        InputError,
        match=r"^metric='feasible': a yes/no flag, not a cost; a break-even needs a numeric "
        r"output of both placements, e\.g\. lcoc_usd_per_accelerator_hour",
    ):
        compare.breakeven(*args, metric="feasible")
    with pytest.raises(
        InputError, match=r"^metric='delivered_it_mw_by_year': a by-year series \(one number"
    ):
        compare.breakeven(*args, metric="delivered_it_mw_by_year")
    with pytest.raises(
        InputError, match=r"^metric='delivered_it_mw_by_year': a by-year series \(one number"
    ):
        compare.tornado("gigawatt", "suncatcher_like_dd650", metric="delivered_it_mw_by_year")
    # a one-value override given as an array is one number, not a series (it was refused)
    for one in (np.array([0.08]), [0.08]):
        be = compare.breakeven(*args, overrides={"finance.discount_rate": one})
        assert not be["found"] and "no break-even in range" in be["message"]


def test_table_says_never_for_a_placement_that_delivers_no_power():
    """An orbital design that cannot fly (time to power inf) printed "inf" in the first yr
    and full yr columns, a site that builds nothing (NaN) "n/a". Both print "never" now,
    as the legend says, right-aligned with the numbers; JSON keeps inf and null."""
    d = _mini_dict(grid_headroom_mw=0, gas_max_mw=0, solar_enabled=False)
    d["orbital"].append(d["orbital"][0] | {"name": "tiny", "satellite_it_power_kw": 0.001})
    c = compare.compare(scenario.parse(d, "m.toml"))
    assert not c.summary.loc[["memphis", "tiny"], "feasible"].any()
    assert np.isnan(c.summary.loc["memphis", "time_to_first_power_years"])
    assert np.isinf(c.summary.loc["tiny", "time_to_first_power_years"])
    text = c.to_table()
    lines = text.splitlines()
    head = next(ln for ln in lines if ln.startswith("placement  "))
    col = head.index("first yr") + len("first yr")
    for name in ("memphis", "tiny"):
        row = next(ln for ln in lines if ln.startswith(name + " "))
        assert row[:col].endswith("never"), row
        assert row[col:].split()[0] == "never", row
    dd = next(ln for ln in lines if ln.startswith("dd "))
    assert dd[:col].endswith(" 2"), dd  # numbers still right-aligned under the header
    assert "inf" not in text.split("footprint")[0]
    assert "(never: it delivers none)" in text
    summary = {r["placement"]: r for r in c.to_dict()["summary"]}
    assert summary["tiny"]["time_to_first_power_years"] == "inf"
    assert summary["memphis"]["time_to_first_power_years"] is None


def test_breakeven_scan_replaces_the_placements_own_other_form_of_the_price():
    """A scan of the price per kg replaces a "<placement>.launch_price_usd_per_launch"
    override as it replaces a bare one (the placement's own key of one form wins over a
    bare key of the other, in evaluate): the two routes gave the same answer only for the
    bare key, the own key failed as "both set the same quantity ... choose bounds". The
    override still centres the default scan: USD 10 M per 100,000 kg launch is 100 USD/kg,
    scanned over (1, 10,000)."""
    args = ("starcloud_2024", "starcloud_orbital", "starcloud_2024_terrestrial")
    assert scenario.load(args[0]).candidate(args[1]).params["payload_per_launch_kg"] == 1e5
    plain = compare.breakeven(*args)
    bare = compare.breakeven(*args, overrides={"launch_price_usd_per_launch": 1e7})
    own = compare.breakeven(*args, overrides={"starcloud_orbital.launch_price_usd_per_launch": 1e7})
    assert plain["found"] and bare["found"] and own["found"]
    assert_allclose(own["bounds"], (1.0, 10_000.0), rtol=1e-12)
    assert_allclose(bare["bounds"], own["bounds"], rtol=1e-12)
    assert_allclose(own["value"], plain["value"], rtol=1e-9)
    assert_allclose(bare["value"], plain["value"], rtol=1e-9)


def test_breakeven_names_the_scenario_wide_parameters_for_a_misspelled_one():
    """A misspelled demand or finance parameter was read as a keyword of the placement:
    "the orbital placement ... has no parameter 'demand.it_power'; did you mean
    'satellite_it_power_kw'?" (and no suggestion at all for a site). It is now refused as
    the tornado and evaluate refuse it, with the three that may be scanned."""
    allowed = r"only demand\.it_power_mw, demand\.utilisation, finance\.discount_rate may be "
    for place, against in (("dawn_dusk_1000", "abilene"), ("abilene", "memphis")):
        for wrong, right in (
            ("demand.utilization", "demand.utilisation"),
            ("demand.it_power", "demand.it_power_mw"),
            ("finance.discount", "finance.discount_rate"),
        ):
            with pytest.raises(
                InputError,
                match=rf"^parameter='{re.escape(wrong)}': {allowed}overridden; did you mean "
                rf"'{re.escape(right)}'\?$",
            ):
                compare.breakeven("gigawatt", place, against, wrong)


def test_breakeven_blames_a_bad_override_not_the_bounds():
    """An override the model refuses (a NaN launch price, for the placement only: the
    reference is a site) was reported as "bounds=(5, 60): the scan of array_cost_usd_per_w
    leaves what the model allows (...); choose bounds inside it", though any bounds fail.
    The override's own error is raised; a scan that does leave what the model allows still
    names the bounds."""
    args = ("gigawatt", "dawn_dusk_1000", "abilene", "array_cost_usd_per_w")
    with pytest.raises(
        InputError,
        match=r"^\[orbital\.dawn_dusk_1000\] launch_price_usd_per_kg=nan: must be a finite",
    ):
        compare.breakeven(*args, bounds=(5, 60), overrides={"launch_price_usd_per_kg": np.nan})
    with pytest.raises(
        InputError,
        match=r"^bounds=\(-5, 60\): the scan of array_cost_usd_per_w leaves what the model "
        r"allows \(\[orbital\.dawn_dusk_1000\] array_cost_usd_per_w=-5",
    ):
        compare.breakeven(*args, bounds=(-5, 60), overrides={"launch_price_usd_per_kg": 300.0})


def test_breakeven_locates_a_jump_of_a_small_valued_parameter():
    """The downlink's bits per FLOP (1e-8 by default) set the ground terminals, a whole
    number, so the cost is a staircase of steps of ~1e-4 of it and steps over the target
    (Suncatcher-like's 35.16 USD/acc-h) instead of crossing it. brentq's step tolerance
    was 1e-12 absolute, 1.5e-5 of the value scanned: jump_at was 7e-6 away from the step
    and the message read "from 35.16 to 35.16". Now the step lies within 1e-9 of jump_at
    (the metric is on either side of the target there), and the message prints the values
    either side of it with the digits that tell them apart."""
    sc = scenario.load("gigawatt")
    be = compare.breakeven(sc, "dawn_dusk_1000", "suncatcher_like_dd650", "downlink_bits_per_flop")
    assert be["bounds"] == pytest.approx((1e-10, 1e-6), rel=1e-12)
    assert not be["found"] and be["jump_at"] is not None
    x = be["jump_at"]
    key = "dawn_dusk_1000.downlink_bits_per_flop"
    near = compare.evaluate(sc, {key: x * np.array([1 - 1e-9, 1 + 1e-9])}, ["dawn_dusk_1000"])
    lc = near["dawn_dusk_1000"]["lcoc_usd_per_accelerator_hour"]
    assert (lc[0] - be["target"]) * (lc[1] - be["target"]) < 0
    m = re.search(r"jumps over the target (\S+) at .* \(from (\S+) to (\S+)\)$", be["message"])
    assert m, be["message"]
    target, before, after = (float(s.replace(",", "")) for s in m.groups())
    assert len({m[1], m[2], m[3]}) == 3, be["message"]
    assert (before - be["target"]) * (after - be["target"]) < 0
    assert_allclose(target, be["target"], rtol=1e-4)  # printed to 5 digits


def test_breakeven_says_an_override_set_the_value_it_cannot_scale():
    """A value of 0 given by an override (the placement's own key or a bare one) was said
    to be "set in the scenario", where the gigawatt scenario sets neither Memphis's
    facility capex nor the accelerator price; the block's value still says so (McCalip's
    construction_years = 0, test_breakeven_refuses_a_default_it_cannot_scale)."""
    for param, key in (
        ("facility_capex_usd_per_mw", "memphis.facility_capex_usd_per_mw"),
        ("facility_capex_usd_per_mw", "facility_capex_usd_per_mw"),
        ("accelerator_price_usd", "accelerator_price_usd"),
    ):
        assert param not in scenario.load("gigawatt").candidate("memphis").params
        with pytest.raises(
            InputError,
            match=rf"^parameter='{param}': no default scan: the terrestrial placement "
            rf"'memphis' uses {param}=0 \(set by overrides\), and the default scan",
        ):
            compare.breakeven("gigawatt", "memphis", "abilene", param, overrides={key: 0.0})


# --- the display audit: names whole, one notation per column, rounded -------------------


def _shown_matches(cell: str, value: float) -> bool:
    """True when ``cell`` is ``value`` rounded to the digits the cell shows: within half
    a unit of its last digit ("1,460,418": 0.5; "2.76": 0.005; "4.52e+10": 0.005e10),
    which a truncated value misses (2.769 shown as 2.76)."""
    import decimal

    d = decimal.Decimal(cell.replace(",", ""))
    half = decimal.Decimal(5).scaleb(d.as_tuple().exponent - 1)
    return abs(float(d) - value) <= float(half) * (1 + 1e-9)


def _notation(cell: str) -> str:
    return "scientific" if "e" in cell else "positional"


def _table_blocks(text: str) -> list[dict[str, list[str]]]:
    """Both blocks of ``to_table``: {header: cells}, from each block's dash rule."""
    lines = text.splitlines()
    blocks = []
    for r, rule in enumerate(lines):
        if not rule.startswith("----"):
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
        rows = []
        for ln in lines[r + 1 :]:
            if not ln.strip():
                break
            rows.append(ln)
        blocks.append(
            {lines[r - 1][a:b].strip(): [row[a:b].strip() for row in rows] for a, b in spans}
        )
    return blocks


def test_table_prints_two_long_names_sharing_24_characters_as_two_rows():
    """to_table cut names to 24 characters: "northern_virginia_with_gas_turbines" and
    "northern_virginia_with_grid_only" (the same first 24 characters,
    "northern_virginia_with_g") both printed "northern_virginia_with_…". Each row now
    starts with its whole name, in both blocks, and the columns stay aligned."""
    a, b = "northern_virginia_with_gas_turbines", "northern_virginia_with_grid_only"
    assert a[:24] == b[:24]
    d = _mini_dict()
    site = d["terrestrial"][0]
    d["terrestrial"] = [site | {"name": a}, site | {"name": b}]
    c = compare.compare(scenario.parse(d, "m.toml"))
    blocks = _table_blocks(c.to_table())
    assert len(blocks) == 2
    for block in blocks:
        assert block["placement"] == [a, b, "dd"]
        assert all(cell for cells in block.values() for cell in cells)


def test_table_columns_each_in_one_notation_rounded_to_the_digits_shown(gigawatt):
    """The demo's "CO2 t/yr" column printed memphis 1.46e+06 beside northern_virginia
    844,917 (scientific from 1e6). Each number column of both blocks is now in one
    notation, positional with thousands separators here (the largest, 4.4e6 t/yr, is
    below the 1e9 bound), and every cell is the summary's value rounded (not truncated)
    to the digits it shows; capex $B is (capex_usd + accelerator_capex_usd) / 1e9."""
    from orbitcompute.compare import _FOOTPRINT_COLUMNS, _TABLE_COLUMNS

    s = gigawatt.summary
    blocks = _table_blocks(gigawatt.to_table())
    checked = 0
    for block, columns in zip(blocks, (_TABLE_COLUMNS, _FOOTPRINT_COLUMNS), strict=True):
        for col, head in columns:
            if col in ("placement", "kind", "feasible", "binding_constraint"):
                continue
            values = s[col].astype(float)
            if col == "capex_usd":
                values = (values + s["accelerator_capex_usd"].astype(float)) / 1e9
            cells = block[head]
            numbers = [
                (c, v) for c, v in zip(cells, values, strict=True) if c not in ("n/a", "never")
            ]
            assert len({_notation(c) for c, _ in numbers}) == 1, (head, cells)
            for c, v in numbers:
                assert _shown_matches(c, v), (head, c, v)
                checked += 1
    assert checked >= 100  # 13 number columns x 10 placements, none undefined here
    co2 = dict(zip(blocks[1]["placement"], blocks[1]["CO2 t/yr"], strict=True))
    assert "e" not in co2["memphis"] and co2["memphis"].count(",") == 2


def test_html_columns_each_in_one_notation_rounded_to_4_figures(gigawatt):
    """The notebook view printed every float with ",.4g": infra_usd_per_mwh 660.9
    beside 5,306 beside 1.902e+04, co2 1.46e+06 beside 8.449e+05. Each numeric column
    is now in one notation, each cell the summary's value rounded to the digits it
    shows: capex_usd (2.9e9 to 1.3e11 USD, above the 1e9 bound) scientific throughout
    with 4 significant figures, co2_t_per_year (at most 4.4e6 t) positional; NaN is
    n/a."""
    s = gigawatt.summary
    html = gigawatt._repr_html_()
    heads = re.findall(r"<th>(.*?)</th>", html.split("</thead>")[0])
    rows = [
        re.findall(r"<t[hd]>(.*?)</t[hd]>", r)
        for r in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], re.S)
    ]
    assert [r[0] for r in rows] == list(s.index)
    cols = {h: [r[i + 1] for r in rows] for i, h in enumerate(heads[1:])}
    for col in s.columns:
        if s[col].dtype.kind != "f":
            continue
        numbers = [(c, float(v)) for c, v in zip(cols[col], s[col], strict=True) if c != "n/a"]
        assert all(np.isnan(v) for c, v in zip(cols[col], s[col], strict=True) if c == "n/a")
        assert len({_notation(c) for c, _ in numbers}) <= 1, (col, cols[col])
        for c, v in numbers:
            assert _shown_matches(c, v), (col, c, v)
    assert all(re.fullmatch(r"\d\.\d{3}e\+\d\d", c) for c in cols["capex_usd"])
    assert all("e" not in c for c in cols["co2_t_per_year"])


def test_table_prints_an_infinite_value_as_unlimited_and_says_so(gigawatt):
    """inf printed "inf" in the terminal table (the footer said nothing of it); it
    prints "unlimited", and the footer explains the word (JSON keeps "inf"). The model
    gives no infinite footprint, so one is set on a copy of the rows."""
    c = compare.Comparison(gigawatt.scenario, gigawatt.results)
    c._rows["abilene"]["land_acres"] = math.inf
    text = c.to_table()
    acres = dict(zip(*(_table_blocks(text)[1][h] for h in ("placement", "acres")), strict=True))
    body = text.split("\n\nhosts all:")[0]
    assert acres["abilene"] == "unlimited" and "inf" not in body.replace("infra", "")
    assert text.endswith("\nunlimited: no limit (inf in JSON and CSV).")
    assert "unlimited" not in gigawatt.to_table()
