"""The comparison: summary fields, levelized cost by hand, break-even and tornado."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
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
    "lcoe_usd_per_mwh",
    "mass_to_orbit_t",
    "launches",
    "land_acres",
    "water_m3_per_year",
    "co2_t_per_year",
)


@pytest.fixture(scope="module")
def gigawatt() -> compare.Comparison:
    return compare.compare("gigawatt")


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
    waits 5.5 years for the grid: (0.055, 550), which finds the same break-even as
    the old scan.
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
    assert be["found"] and old["found"]
    assert_allclose(be["value"], old["value"], rtol=1e-5)


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
    for param in sorted(keys - set(cand.params) - {"launch_price_usd_per_launch"}):
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
    """At $22/W the satellites alone cost more than the terrestrial total (McCalip: -263.7 $/kg)."""
    be = compare.breakeven(
        "mccalip_2025", "mccalip_orbital", "mccalip_2025_terrestrial", metric="cost_total_usd"
    )
    assert not be["found"]
    assert "no break-even in range" in be["message"]


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
    text = gigawatt.to_table()
    lines = text.splitlines()
    header = next(ln for ln in lines if ln.startswith("placement"))
    assert "$/acc-h" in header and "binding" in header
    assert not math.isnan(len(lines))


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
    """A sample whose satellite cannot close (radiator too cold to reject heat) is NaN;
    the feasible sample in the same call equals its scalar evaluation."""
    name = "suncatcher_like_dd650"
    both = compare.evaluate(
        "gigawatt",
        {f"{name}.junction_max_temperature_k": np.array([358.15, 200.0])},
        candidates=[name],
    )[name]
    one = compare.evaluate("gigawatt", candidates=[name])[name]
    lc = both["lcoc_usd_per_accelerator_hour"]
    assert np.isnan(lc[1]) and not both["feasible"][1]
    assert_allclose(lc[0], one["lcoc_usd_per_accelerator_hour"], rtol=1e-9)


def test_metrics_ask_the_orbital_model_only_for_what_they_need(monkeypatch):
    """With metrics= the orbital model is called with outputs= the metrics it has plus what
    levelizing reads (the delivered MW by year, costs, accelerator capex, feasibility) and
    mass_to_orbit_kg for mass_to_orbit_t; a metric outside COMMON_OUTPUTS asks for all."""
    import functools

    from orbitcompute.placements import orbital

    calls = []
    real = orbital.orbital_placement

    @functools.wraps(real)
    def spy(*args, **kwargs):
        calls.append(kwargs.get("outputs"))
        return real(*args, **kwargs)

    monkeypatch.setattr(orbital, "orbital_placement", spy)
    compare.evaluate("gigawatt", candidates=["dawn_dusk_1000"], metrics=["mass_to_orbit_t"])
    assert calls[-1] == {
        "delivered_it_mw_by_year",
        "feasible",
        "cost_total_usd",
        "cost_total_discounted_usd",
        "accelerator_capex_usd",
        "accelerator_capex_discounted_usd",
        "mass_to_orbit_kg",
    }
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
    """The gigawatt [tornado] table names only orbital parameters: a site without
    ranges= is an error saying so; with ranges= of its own parameters it is analysed."""
    assert compare.tornado_ranges("gigawatt", "abilene") == {}
    with pytest.raises(
        InputError,
        match=r"^placement='abilene': the \[tornado\] table of scenario 'gigawatt' names no "
        r"parameter of this terrestrial placement; give ranges=",
    ):
        compare.tornado("gigawatt", "abilene")
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
