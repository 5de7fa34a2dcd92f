"""Monte Carlo / Sobol of a comparison, and the ``orbitcompute sweep`` command.

The wiring tests replace ``compare.evaluate`` by a vectorized stand-in with an
analytic answer, so they check this layer alone; ``test_default_scenario`` runs
the real comparison.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import InputError, compare
from orbitcompute.analysis import monte_carlo_comparison, read_parquet, sobol_comparison
from orbitcompute.cli import main
from orbitcompute.scenario import Candidate, Scenario

UNC = {
    "launch_price_usd_per_kg": {"dist": "uniform", "low": 0, "high": 2000},
    "site.electricity_price_usd_per_mwh": {"dist": "uniform", "low": 50, "high": 150},
}


def _scenario(uncertainty=UNC):
    return Scenario(
        name="toy",
        description="two placements",
        demand={"years": 6},
        finance={},
        candidates=(
            Candidate("orbital", "orbit", {}),
            Candidate("terrestrial", "site", {}),
            Candidate("terrestrial", "idle", {}),
        ),
        uncertainty=uncertainty,
        path="toy.toml",
        raw={"scenario": {"name": "toy"}},
    )


CALLS = []


def fake_evaluate(scenario, overrides=None, candidates=None, metrics=None):
    """orbit: cost = price/1000 (U(0,2)), infeasible when price > 1800;
    site: cost = 1 + (e - 50)/1000 (U(1, 1.1)); idle: cost 5, touched by no input."""
    CALLS.append(list(candidates) if candidates is not None else None)
    idle = {"lcoc_usd_per_accelerator_hour": 5.0, "feasible": True, "capex_usd": 1e9}
    if candidates == ["idle"]:
        return {"idle": idle}
    assert "idle" not in candidates
    x = np.asarray(overrides["launch_price_usd_per_kg"], dtype=float)
    e = np.asarray(overrides["site.electricity_price_usd_per_mwh"], dtype=float)
    feas = x <= 1800
    return {
        "orbit": {
            "lcoc_usd_per_accelerator_hour": np.where(feas, x / 1000, np.nan),
            "feasible": feas,
            "capex_usd": 5e9,
        },
        "site": {
            "lcoc_usd_per_accelerator_hour": 1 + (e - 50) / 1000,
            "feasible": np.ones_like(e, dtype=bool),
            "capex_usd": 4e9 + 0 * e,
        },
    }


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(compare, "evaluate", fake_evaluate)


def test_probability_cheapest_analytic(fake, tmp_path):
    """P(orbit cheapest) = P(X/1000 < 1 + (E-50)/1000) with X~U(0,2000), E~U(50,150):
    = E[(1000 + E - 50)/2000] = (1000 + 50)/2000 = 0.525; site 0.475; none 0."""
    CALLS.clear()
    r = monte_carlo_comparison(_scenario(), 40_000, seed=3, chunk_size=10_000)
    # the untouched placement once, then the others once per chunk (the default metric
    # and outputs are numbers of every placement: no evaluation at one point first)
    assert CALLS == [["idle"]] + [["orbit", "site"]] * 4
    CALLS.clear()
    monte_carlo_comparison(_scenario(), 4, seed=3, metrics=["capex_usd", "launches"])
    # another output kept: the others once at the inputs' medians (checking the names
    # before any sample is drawn), the untouched placement, then the one chunk
    assert CALLS == [["orbit", "site"], ["idle"], ["orbit", "site"]]
    p = r.probability_cheapest()
    se = np.sqrt(0.25 / 40_000)
    assert abs(p["orbit"] - 0.525) < 3 * se and p["none"] == 0.0
    assert_allclose(p["orbit"] + p["site"], 1.0)
    t = r.table()
    assert_allclose(t.loc["orbit", "feasible_fraction"], 0.9, atol=4 * np.sqrt(0.09 / 40_000))
    # feasible orbit costs are U(0, 1.8): median 0.9
    assert abs(t.loc["orbit", "lcoc_usd_per_accelerator_hour_p50"] - 0.9) < 0.02
    assert_allclose(t.loc["site", "lcoc_usd_per_accelerator_hour_mean"], 1.05, atol=1e-3)
    # 95 % Wilson intervals, against scipy's; where no sample wins ("none", "idle")
    # the upper bound is z**2 / (n + z**2) = 3.8415 / 40,003.84, not a zero-width 0 +- 0
    from scipy.stats import binomtest

    for c in ("orbit", "site", "none", "idle"):
        ci = binomtest(round(p[c] * 40_000), 40_000).proportion_ci(0.95, "wilson")
        got = t.loc[c, ["p_cheapest_low", "p_cheapest_high"]].to_numpy(float)
        assert_allclose(got, [ci.low, ci.high], rtol=1e-12, atol=1e-15)
    assert t.loc["idle", "p_cheapest_se"] == 0.0
    assert_allclose(t.loc["idle", "p_cheapest_high"], 1.959964**2 / (40_000 + 1.959964**2), 1e-6)
    df, meta = read_parquet(r.to_parquet(tmp_path / "mc.parquet"))
    assert meta["scenario"]["name"] == "toy" and meta["candidates"] == ["orbit", "site", "idle"]
    assert p["idle"] == 0.0 and (df["idle.lcoc_usd_per_accelerator_hour"] == 5.0).all()
    assert_allclose(meta["probability_cheapest"]["orbit"], p["orbit"])
    assert {
        "orbit.lcoc_usd_per_accelerator_hour",
        "site.capex_usd",
        "launch_price_usd_per_kg",
    } <= set(df.columns)


def test_candidates_subset(fake, tmp_path):
    """Only ``orbit`` (cost U(0, 2), infeasible above 1.8) and ``idle`` (cost 5): orbit is
    cheapest whenever it is feasible, P = 0.9, idle otherwise; the site is not evaluated.
    The orbit's samples are those of the full run with the same seed. The site's
    electricity price is drawn and reaches none of them: ``unused_inputs`` says so,
    also read back from Parquet; the full run uses every input."""
    full = monte_carlo_comparison(_scenario(), 20_000, seed=5)
    CALLS.clear()
    r = monte_carlo_comparison(_scenario(), 20_000, seed=5, candidates=["orbit", "idle"])
    assert all("site" not in (c or []) for c in CALLS)
    p = r.probability_cheapest()
    assert set(p) == {"orbit", "idle", "none"}
    se = np.sqrt(0.9 * 0.1 / 20_000)
    assert abs(p["orbit"] - 0.9) < 4 * se and abs(p["idle"] - 0.1) < 4 * se
    assert_allclose(r.costs()["orbit"], full.costs()["orbit"])
    assert r.unused_inputs == ["site.electricity_price_usd_per_mwh"]
    assert full.unused_inputs == []
    r.to_parquet(tmp_path / "subset.parquet")
    _, meta = read_parquet(tmp_path / "subset.parquet")
    assert meta["unused_inputs"] == ["site.electricity_price_usd_per_mwh"]
    with pytest.raises(InputError, match=r"placement='orbt'.*did you mean 'orbit'"):
        monte_carlo_comparison(_scenario(), 10, candidates=["orbt"])


def test_distributions_argument_and_errors(fake):
    sc = _scenario(uncertainty={})
    with pytest.raises(InputError, match="no \\[uncertainty\\] table"):
        monte_carlo_comparison(sc, 10)
    with pytest.raises(InputError, match="did you mean 'uniform'"):
        monte_carlo_comparison(_scenario({"launch_price_usd_per_kg": {"dist": "unifrom"}}), 10)
    r = monte_carlo_comparison(sc, 100, distributions=UNC)
    assert r.n == 100
    with pytest.raises(InputError, match="metric"):
        monte_carlo_comparison(_scenario(), 10, metric="nope")


def test_sobol_comparison(fake):
    """Site cost depends on the electricity price only: S1 = ST = 1 for it, 0 for launch."""
    r = sobol_comparison(_scenario(), 256, ci_threshold=0.2, warn=False)
    df = r.indices["site.lcoc_usd_per_accelerator_hour"]
    assert_allclose(df.loc["site.electricity_price_usd_per_mwh", "ST"], 1.0, atol=0.05)
    assert_allclose(df.loc["launch_price_usd_per_kg", "ST"], 0.0, atol=1e-12)
    # orbit is infeasible in some samples: indices undefined, flagged
    assert not r.converged["orbit.lcoc_usd_per_accelerator_hour"]


def test_cli_sweep(fake, monkeypatch, tmp_path, capsys):
    import orbitcompute.scenario as scenario_module

    monkeypatch.setattr(scenario_module, "load", lambda s: _scenario())
    out = tmp_path / "r.parquet"
    assert main(["sweep", "toy", "--samples", "2000", "--output", str(out), "--seed", "1"]) == 0
    text = capsys.readouterr().out
    assert "orbit" in text and "P(cheapest)" in text and out.is_file()
    assert main(["sweep", "toy", "--samples", "0"]) == 2
    assert "--samples=0" in capsys.readouterr().err
    assert main(["sweep", "toy", "-n", "500", "--placements", "orbit,idle"]) == 0
    text = capsys.readouterr().out
    from orbitcompute.cli.sweep import COST_NOTE

    note = COST_NOTE.splitlines()
    lines = text.splitlines()
    # the cost columns include infeasible samples (orbit: price > 1800 is infeasible here)
    assert lines[-len(note) :] == note
    assert note[0].startswith("cost p5, p50, p95, mean: over every sample with a finite cost")
    rows = lines[-len(note) - 3 : -len(note)]
    assert [line.split()[0] for line in rows] == ["orbit", "idle", "none"]
    assert main(["sweep", "toy", "-n", "50", "--placements", "orbit,sight"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--placements='sight'" in err and "did you mean 'site'" in err


def test_default_scenario():
    """The shipped default scenario runs end to end (real compare.evaluate), and its
    P(cheapest) is the share of samples in which each placement has the lowest cost
    among the feasible ones, recounted here with numpy from the sampled outputs."""
    from orbitcompute import scenario

    sc = scenario.load("gigawatt")
    dists = dict(sc.uncertainty)
    assert len(dists) > 40
    r = monte_carlo_comparison(sc, 2000, dists, seed=0)
    p = r.probability_cheapest()
    names = [c.name for c in sc.candidates]
    assert list(p) == [*names, "none"]
    cost = np.stack([r.outputs[f"{c}.{r.metric}"] for c in names])
    ok = np.stack([r.outputs[f"{c}.feasible"] for c in names]) & np.isfinite(cost)
    cost = np.where(ok, cost, np.inf)
    winner = np.where(ok.any(axis=0), np.argmin(cost, axis=0), len(names))
    counts = np.bincount(winner, minlength=len(names) + 1) / 2000
    assert_allclose([p[k] for k in [*names, "none"]], counts, rtol=0, atol=1e-12)
    assert 0.5 < p["abilene"] < 0.9  # the README's 74 % (20,000 samples) within noise


def test_orbital_metric_in_a_monte_carlo_of_a_site():
    """A run-wide metric that only orbital placements output (mass to orbit) is kept where
    it exists and is no error when the uncertain inputs touch only a site (real
    compare.evaluate); the site's cost still varies with its sampled grid wait."""
    r = monte_carlo_comparison(
        "gigawatt",
        64,
        {"memphis.grid_wait_years": {"dist": "uniform", "low": 1.0, "high": 6.0}},
        candidates=["memphis", "suncatcher_like_dd650"],
        metrics=["lcoc_usd_per_accelerator_hour", "mass_to_orbit_t"],
        seed=2,
        progress=False,
    )
    assert "suncatcher_like_dd650.mass_to_orbit_t" in r.outputs
    assert "memphis.mass_to_orbit_t" not in r.outputs
    assert np.ptp(r.outputs["memphis.lcoc_usd_per_accelerator_hour"]) > 0


def test_misspelled_inputs_raise_before_any_evaluation(fake):
    """An uncertain input no placement takes would be sampled and ignored (the outputs
    would not vary): every key is checked against the scenario before a model call."""
    u = {"dist": "uniform", "low": 1, "high": 2}
    cases = [
        (
            {"launch_price_usd_kg": u},
            r"^distributions=\{'launch_price_usd_kg': \.\.\.\}: no placement model has a "
            r"parameter 'launch_price_usd_kg'; did you mean 'launch_price_usd_per_kg'\?",
        ),
        (
            {"sight.electricity_price_usd_per_mwh": u},
            r"^distributions=\{'sight.electricity_price_usd_per_mwh': \.\.\.\}: no placement "
            r"'sight'.*did you mean 'site'\?",
        ),
        (
            {"site.electricity_price_usd_mwh": u},
            r"^distributions=\{'site.electricity_price_usd_mwh': \.\.\.\}: the terrestrial "
            r"placement 'site' has no parameter .*did you mean 'electricity_price_usd_per_mwh'",
        ),
        (
            {"demand.years": u},
            r"^distributions=\{'demand.years': \.\.\.\}: only demand.it_power_mw",
        ),
        (
            {"site.site": u},  # a choice by name, not a number
            r"^distributions=\{'site.site': \.\.\.\}: 'site' chooses by name or table, not by "
            r"number, so it cannot be sampled",
        ),
        (
            {"satellite_power_kw": u},  # top-down only: the toy orbit is bottom-up
            r"^distributions=\{'satellite_power_kw': \.\.\.\}: no placement of scenario 'toy' "
            r"takes this parameter",
        ),
    ]
    for dists, match in cases:
        CALLS.clear()
        with pytest.raises(InputError, match=match):
            monte_carlo_comparison(_scenario(), 10, dists)
        with pytest.raises(InputError, match=match):
            sobol_comparison(_scenario(), 16, {**dists, "launch_price_usd_per_kg": u})
        assert CALLS == []
    # the scenario's own table: named as in the file
    with pytest.raises(
        InputError, match=r"^toy.toml: \[uncertainty\] launch_price_usd_kg=\.\.\.: no placement"
    ):
        monte_carlo_comparison(_scenario({"launch_price_usd_kg": u}), 10)
    # a correlation naming an unknown input
    with pytest.raises(
        InputError, match=r"^correlation=\{\('launch_price_usd_per_kg', 'x'\): 0.5\}: unknown"
    ):
        monte_carlo_comparison(_scenario(), 10, correlation={("launch_price_usd_per_kg", "x"): 0.5})
    assert CALLS == []


def test_the_audit_typo_on_the_real_scenario():
    """The misspelled launch price was sampled and silently ignored (no placement took
    it, so every placement was evaluated once at its base values)."""
    with pytest.raises(
        InputError,
        match=r"^distributions=\{'launch_price_usd_kg': \.\.\.\}: .*did you mean "
        r"'launch_price_usd_per_kg'\?",
    ):
        monte_carlo_comparison(
            "gigawatt",
            100,
            {"launch_price_usd_kg": {"dist": "triangular", "low": 50, "mode": 200, "high": 1e3}},
        )


def test_inputs_must_reach_the_compared_placements(fake):
    """An input given in distributions= that reaches none of the compared placements is an
    error; a key of the scenario's table may serve placements left out, but some input
    must reach the compared ones."""
    CALLS.clear()
    with pytest.raises(
        InputError,
        match=r"^distributions=\{'site.electricity_price_usd_per_mwh': \.\.\.\}: reaches none "
        r"of the compared placements \(candidates=\['orbit', 'idle'\]\); it applies to site",
    ):
        monte_carlo_comparison(_scenario(), 10, UNC, candidates=["orbit", "idle"])
    with pytest.raises(
        InputError, match=r"^candidates=\['idle'\]: no uncertain input of the \[uncertainty\]"
    ):
        monte_carlo_comparison(_scenario(), 10, candidates=["idle"])
    assert CALLS == []


def test_arguments_of_the_wrong_type(fake):
    CALLS.clear()
    with pytest.raises(InputError, match=r"^candidates='orbit': must be a list of placement"):
        monte_carlo_comparison(_scenario(), 10, candidates="orbit")
    with pytest.raises(InputError, match=r"^metrics='capex_usd': must be a list of output names"):
        monte_carlo_comparison(_scenario(), 10, metrics="capex_usd")
    with pytest.raises(InputError, match=r"^n=0: must be a whole number >= 1"):
        monte_carlo_comparison(_scenario(), 0)
    with pytest.raises(InputError, match=r"^seed=-1: must be a whole number >= 0"):
        monte_carlo_comparison(_scenario(), 10, seed=-1)
    assert CALLS == []  # before the untouched placement is evaluated
    with pytest.raises(InputError, match=r"^distributions=\['x'\]: must be a mapping"):
        monte_carlo_comparison(_scenario(), 10, ["x"])
    for bad in (None, 5):
        with pytest.raises(InputError, match=rf"^scenario={bad!r}: must be a shipped scenario"):
            monte_carlo_comparison(bad, 10)


def test_feasible_sample_with_a_nan_cost_is_reported():
    """NaN costs of infeasible samples are expected (feasible_fraction counts them); a
    NaN cost of a feasible sample is a model error and warns instead of being dropped."""
    import warnings

    from orbitcompute.analysis import ComparisonResult, NonFiniteCostWarning

    m = "lcoc_usd_per_accelerator_hour"
    outputs = {
        f"a.{m}": np.array([1.0, np.nan, 3.0, 4.0]),
        "a.feasible": np.array([True, False, True, True]),
        f"b.{m}": np.array([2.0, 2.0, 2.0, 2.0]),
        "b.feasible": np.ones(4, dtype=bool),
    }
    r = ComparisonResult(inputs={}, outputs=outputs, candidates=["a", "b"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = r.table()
    assert t.loc["a", "feasible_fraction"] == 0.75
    assert t.loc["a", f"{m}_mean"] == pytest.approx(8 / 3)
    outputs[f"a.{m}"] = np.array([1.0, np.nan, np.nan, 4.0])
    with pytest.warns(NonFiniteCostWarning, match=rf"^a\.{m}: 1 of 4 samples are feasible but"):
        t = r.table()
    assert t.loc["a", f"{m}_mean"] == pytest.approx(2.5)


def test_sweeps_of_a_scenario_check_parameter_names(fake):
    """comparison_model, the model of a sweep over a full-factorial or Latin-hypercube
    design, checks each name against the scenario before evaluating anything."""
    import functools

    from orbitcompute.analysis import full_factorial, latin_hypercube, sweep
    from orbitcompute.analysis.comparison import comparison_model

    model = functools.partial(
        comparison_model,
        scenario=_scenario(),
        metrics=["lcoc_usd_per_accelerator_hour"],
        candidates=["orbit"],
    )
    CALLS.clear()
    with pytest.raises(
        InputError,
        match=r"^params=\{'launch_price_usd_kg': \.\.\.\}: no placement model has a parameter "
        r"'launch_price_usd_kg'; did you mean 'launch_price_usd_per_kg'\?",
    ):
        sweep(model, full_factorial({"launch_price_usd_kg": [100, 200]}))
    with pytest.raises(
        InputError,
        match=r"^params=\{'site.electricity_price_usd_per_mwh': \.\.\.\}: reaches none of the "
        r"evaluated placements \(\['orbit'\]\)",
    ):
        sweep(model, latin_hypercube({"site.electricity_price_usd_per_mwh": (50, 60)}, 8))
    assert CALLS == []


RHO = {("launch_price_usd_per_kg", "site.electricity_price_usd_per_mwh"): 0.8}


def test_scenario_correlation_is_applied_to_its_own_table(fake):
    """A scenario's [[correlation]] gives the sampled inputs that Spearman rank correlation
    (scipy.stats.spearmanr as the reference; its standard error at n = 20,000 is about
    (1 - rho^2) / sqrt(n) = 0.0025). Explicit distributions= are drawn independently, and
    the Sobol analysis, which assumes independent inputs, warns that it ignores it."""
    from scipy.stats import spearmanr

    from orbitcompute.analysis import OrbitcomputeWarning

    sc = _scenario()
    sc = Scenario(**{**sc.__dict__, "correlation": RHO})
    r = monte_carlo_comparison(sc, 20_000, seed=5, progress=False)
    x, e = r.inputs["launch_price_usd_per_kg"], r.inputs["site.electricity_price_usd_per_mwh"]
    assert_allclose(spearmanr(x, e).statistic, 0.8, atol=0.015)
    r = monte_carlo_comparison(sc, 20_000, dict(UNC), seed=5, progress=False)
    x, e = r.inputs["launch_price_usd_per_kg"], r.inputs["site.electricity_price_usd_per_mwh"]
    assert abs(spearmanr(x, e).statistic) < 0.03
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sobol_comparison(sc, 64, seed=1)
    assert any(
        issubclass(w.category, OrbitcomputeWarning)
        and "[[correlation]] is not applied" in str(w.message)
        for w in caught
    )


def test_a_sampled_value_a_placement_refuses_is_named_with_its_distribution():
    """pue ~ U(0.5, 1.5) draws values below 1; the message names where the distribution
    came from and the key, not only the placement's own check."""
    dists = {"memphis.pue": {"dist": "uniform", "low": 0.5, "high": 1.5}}
    with pytest.raises(
        InputError,
        match=r"^distributions= memphis.pue: a sampled value is outside what the model allows "
        r"\(\[terrestrial.memphis\] pue=0\.\d+: must be in \[1, 5\]\); narrow the distribution",
    ):
        monte_carlo_comparison("gigawatt", 50, dists, candidates=["memphis"], progress=False)


def test_a_metric_some_placements_lack_is_named_as_metric():
    """'cheapest' compares one metric across the compared placements: an orbital-only
    metric names the terrestrial placements that lack it (it said 'feasible: unknown
    placement'), and a misspelt one is reported as metric=, not as the metrics list."""
    two = ["memphis", "dawn_dusk_1000"]
    with pytest.raises(InputError, match=r"^metric='mass_to_orbit_t': not an output of memphis;"):
        monte_carlo_comparison("gigawatt", 20, candidates=two, metric="mass_to_orbit_t")
    with pytest.raises(
        InputError,
        match=r"^metric='capex_us': is not an output of the scenario's placements; did you mean "
        r"'capex_usd'\?",
    ):
        monte_carlo_comparison("gigawatt", 20, candidates=two, metric="capex_us")
    r = monte_carlo_comparison("gigawatt", 20, candidates=two, metric="capex_usd")
    assert set(r.probability_cheapest()) == {*two, "none"}


def test_cli_sweep_of_a_file_with_a_correlation(tmp_path, capsys):
    """The file's [[correlation]] reaches the samples written to Parquet (Spearman 0.9 by
    scipy, standard error about (1 - 0.81) / sqrt(4000) = 0.003) and the header says so."""
    from scipy.stats import spearmanr

    keys = ["memphis.gas_price_usd_per_mmbtu", "abilene.gas_price_usd_per_mmbtu"]
    spec = '{ dist = "triangular", low = 3.17, mode = 4.75, high = 6.33 }'
    path = tmp_path / "gas.toml"
    path.write_text(
        "[demand]\nit_power_mw = 100\nstart_year = 2027\nyears = 6\n"
        '[[terrestrial]]\nname = "memphis"\nsite = "memphis_tn"\n'
        '[[terrestrial]]\nname = "abilene"\nsite = "abilene_tx"\n'
        f'[uncertainty]\n"{keys[0]}" = {spec}\n"{keys[1]}" = {spec}\n'
        f'[[correlation]]\npair = ["{keys[0]}", "{keys[1]}"]\nrho = 0.9\n'
    )
    out = tmp_path / "gas.parquet"
    assert main(["sweep", str(path), "-n", "4000", "--no-progress", "-o", str(out)]) == 0
    assert "2 uncertain inputs (1 correlated pair)" in capsys.readouterr().out
    inputs = read_parquet(out)[0]
    assert_allclose(spearmanr(inputs[keys[0]], inputs[keys[1]]).statistic, 0.9, atol=0.015)


def test_sobol_comparison_keywords(fake):
    """A keyword sobol_indices does not take, or one set here, is named before the run
    (they were TypeErrors). candidates= restricts the placements as in the Monte Carlo:
    the site's cost 1 + (e - 50)/1000 depends on e alone, so ST(e) = 1 and ST(launch
    price) = 0 exactly (the launch price changes no output of the site)."""
    CALLS.clear()
    with pytest.raises(
        InputError,
        match=r"^wran=False: not a keyword argument of sobol_comparison \(it takes .*\); did "
        r"you mean 'warn'\?",
    ):
        sobol_comparison(_scenario(), 64, wran=False)
    with pytest.raises(InputError, match=r"^outputs=\['x'\]: set by sobol_comparison itself"):
        sobol_comparison(_scenario(), 64, outputs=["x"])
    with pytest.raises(
        InputError, match=r"^correlation=\[\[1, 0\], \[0, 1\]\]: Sobol indices assume independent"
    ):
        sobol_comparison(_scenario(), 64, correlation=[[1, 0], [0, 1]])
    with pytest.raises(InputError, match=r"^metadata=\{\}: set by sobol_comparison itself"):
        sobol_comparison(_scenario(), 64, metadata={})
    assert CALLS == []
    r = sobol_comparison(_scenario(), 256, candidates=["site", "idle"], seed=1, warn=False)
    assert CALLS and all(c == ["site"] for c in CALLS)
    assert list(r.indices) == ["site.lcoc_usd_per_accelerator_hour"]
    df = r.indices["site.lcoc_usd_per_accelerator_hour"]
    assert_allclose(df.loc["site.electricity_price_usd_per_mwh", "ST"], 1.0, atol=0.05)
    assert_allclose(df.loc["launch_price_usd_per_kg", "ST"], 0.0, atol=1e-12)
    with pytest.raises(InputError, match=r"^candidates='site': must be a list of placement"):
        sobol_comparison(_scenario(), 64, candidates="site")


def test_comparison_model_and_affected_candidates_check_their_arguments(fake):
    """Empty, scalar and unequal sample arrays (StopIteration, TypeError, or a broadcasting
    failure blamed on a "sampled value"), and keys given as one bare string (split into
    its letters) or None."""
    from orbitcompute.analysis import comparison

    sc = _scenario()
    kw = {"scenario": sc, "metrics": ["capex_usd"]}
    CALLS.clear()
    with pytest.raises(InputError, match=r"^params=\{\}: must be a non-empty mapping"):
        comparison.comparison_model({}, **kw)
    with pytest.raises(
        InputError,
        match=r"^params=\{'launch_price_usd_per_kg': \.\.\.\}: must be a 1-D array of samples; "
        r"got a single value",
    ):
        comparison.comparison_model({"launch_price_usd_per_kg": 100.0}, **kw)
    with pytest.raises(
        InputError,
        match=r"^params: the sample arrays must have equal lengths; got "
        r"'launch_price_usd_per_kg': 2, 'site.electricity_price_usd_per_mwh': 3",
    ):
        comparison.comparison_model(
            {
                "launch_price_usd_per_kg": np.array([1.0, 2]),
                "site.electricity_price_usd_per_mwh": np.array([50.0, 60, 70]),
            },
            **kw,
        )
    assert CALLS == []
    assert comparison.affected_candidates(sc, ["launch_price_usd_per_kg"]) == ["orbit"]
    with pytest.raises(
        InputError,
        match=r"^keys='launch_price_usd_per_kg': must be a list of override keys, not one string",
    ):
        comparison.affected_candidates(sc, "launch_price_usd_per_kg")
    with pytest.raises(InputError, match=r"^keys=None: must be a list of override keys"):
        comparison.affected_candidates(sc, None)


def test_an_empty_distributions_mapping_is_refused_as_such(fake):
    """It said the scenario had no [uncertainty] table, which this one has."""
    with pytest.raises(InputError, match=r"^distributions=\{\}: empty; give at least one"):
        monte_carlo_comparison(_scenario(), 10, {})
    with pytest.raises(InputError, match=r"^distributions=\{\}: empty"):
        sobol_comparison(_scenario(), 64, {})


def test_chunks_too_small_for_the_correlation_are_refused_before_the_run(fake, tmp_path):
    """Two correlated inputs need 4 samples per chunk. n = 10 in chunks of at most 2 gives
    five chunks of 2; of at most 4, chunks of 4, 3, 3; the smallest chunk size that works
    is 5 (two chunks of 5). Refused before any evaluation (it said "n=2 ... per chunk"
    from inside the run)."""
    sc = Scenario(**{**_scenario().__dict__, "correlation": RHO})
    CALLS.clear()
    for size, smallest in [(2, 2), (4, 3)]:
        with pytest.raises(
            InputError,
            match=rf"^chunk_size={size}: splits n=10 into chunks of {smallest} samples, but "
            r"rank-correlated sampling of 2 parameters needs at least 4 per chunk; use "
            r"chunk_size >= 5 \(or None for one chunk\)",
        ):
            monte_carlo_comparison(sc, 10, chunk_size=size)
    with pytest.raises(
        InputError, match=r"^n=3: rank-correlated sampling of 2 parameters needs at least 4"
    ):
        monte_carlo_comparison(sc, 3)
    with pytest.raises(InputError, match=r"^chunk_size='5': must be a whole number >= 1"):
        monte_carlo_comparison(sc, 10, chunk_size="5")
    assert CALLS == []
    r = monte_carlo_comparison(sc, 10, chunk_size=5)
    assert r.n == 10 and CALLS == [["idle"]] + [["orbit", "site"]] * 2
    with pytest.raises(InputError, match=r"^extra_metadata=\[1\]: must be a mapping"):
        r.to_parquet(tmp_path / "r.parquet", [1])


@pytest.fixture
def no_sampling(monkeypatch):
    """No sample is drawn (monte_carlo and sobol_indices fail if called), and
    compare.evaluate fails if given sampled (array) values; one evaluation at one point
    (scalar values) is allowed."""
    from orbitcompute.analysis import comparison

    def no_run(*args, **kwargs):
        raise AssertionError("samples were drawn before the metric was checked")

    real = compare.evaluate

    def at_one_point(scenario, overrides=None, candidates=None, metrics=None):
        if any(np.ndim(v) for v in (overrides or {}).values()):
            raise AssertionError("sampled values were evaluated before the metric was checked")
        return real(scenario, overrides, candidates, metrics)

    monkeypatch.setattr(comparison, "monte_carlo", no_run)
    monkeypatch.setattr(comparison, "sobol_indices", no_run)
    monkeypatch.setattr(compare, "evaluate", at_one_point)


@pytest.mark.parametrize(
    "kw, message",
    [
        (
            {"metric": "binding_constraint"},
            r"^metric='binding_constraint': text \(e\.g\. '[a-z ]+' for memphis\), not a cost; "
            r"'cheapest' needs a numeric output of every compared placement, lowest wins, e\.g\. "
            r"lcoc_usd_per_accelerator_hour, ",
        ),
        ({"metric": "feasible"}, r"^metric='feasible': a yes/no flag, not a cost; 'cheapest'"),
        (
            {"metric": "delivered_it_mw_by_year"},
            r"^metric='delivered_it_mw_by_year': a by-year series \(one number per year\), not "
            r"a cost",
        ),
        (
            {"metric": "capex_us"},
            r"^metric='capex_us': is not an output of the scenario's placements; did you mean "
            r"'capex_usd'\?",
        ),
        (
            {"metric": "mass_to_orbit_t"},
            r"^metric='mass_to_orbit_t': not an output of memphis, abilene, northern_virginia, "
            r"richland_parish, lulea, west_texas, abu_dhabi; 'cheapest' compares one metric",
        ),
        (
            {"metrics": ["capex_usd", "installed_it_mw_by_year"]},
            r"^metrics=\['capex_usd', 'installed_it_mw_by_year'\]: 'installed_it_mw_by_year' is "
            r"a by-year series \(one number per year\); a Monte Carlo keeps one value per sample",
        ),
    ],
)
def test_metric_is_checked_before_any_sample(no_sampling, kw, message):
    """A metric that is no cost, or that some placement lacks, was reported after all N
    samples were drawn and evaluated (at the command line, 14 s for 1,000,000 samples of
    the gigawatt scenario; text, a flag or a by-year series only by the command line);
    now one evaluation at the inputs' medians finds it before the first sample."""
    with pytest.raises(InputError, match=message):
        monte_carlo_comparison("gigawatt", 1_000_000, **kw)


def test_by_year_metrics_of_an_untouched_placement():
    """A by-year series in metrics= of a placement no input touches failed as numpy's
    'operands could not be broadcast together' (a ValueError) after the run."""
    with pytest.raises(
        InputError, match=r"^metrics=\['delivered_it_mw_by_year'\]: 'delivered_it_mw_by_year' is"
    ):
        monte_carlo_comparison(
            "gigawatt",
            20,
            distributions={"memphis.grid_wait_years": {"dist": "uniform", "low": 0, "high": 2}},
            metrics=["delivered_it_mw_by_year"],
        )


@pytest.mark.parametrize(
    "metric, message",
    [
        ("nosuch", r"^metric='nosuch': is not an output of the scenario's placements"),
        (
            "binding_constraint",
            r"^metric='binding_constraint': text \(e\.g\. '[a-z ]+' for memphis\), not one "
            r"number per sample; Sobol indices need a numeric output",
        ),
        (
            "delivered_it_mw_by_year",
            r"^metric='delivered_it_mw_by_year': a by-year series \(one number per year\)",
        ),
        (
            "mass_to_orbit_t",
            r"^metric='mass_to_orbit_t': not an output of memphis, .*; choose one every "
            r"placement the inputs reach has",
        ),
    ],
)
def test_sobol_metric_is_checked_before_any_sample(no_sampling, metric, message):
    """The Sobol analysis found these after its whole Saltelli design had run (an
    unknown one as 'metrics=[...]', a keyword it does not take)."""
    with pytest.raises(InputError, match=message):
        sobol_comparison("gigawatt", 1024, metric=metric)


@pytest.mark.parametrize("name", ["gigawatt", "mccalip_2025", "starcloud_2024", "suncatcher_2025"])
def test_outputs_kept_without_a_probe_are_numbers_of_every_placement(name):
    """A Monte Carlo that keeps only ``ALWAYS_COSTS`` (and ``feasible``) skips the
    evaluation at one point that checks the names first; that is safe only if every
    placement, orbital or terrestrial, in either mode, gives each as one number."""
    from orbitcompute.analysis.comparison import ALWAYS_COSTS, DEFAULT_METRICS

    assert ALWAYS_COSTS.issuperset(set(DEFAULT_METRICS) - {"feasible"})
    res = compare.evaluate(name)
    for placement, out in res.items():
        for k in ALWAYS_COSTS:
            v = np.asarray(out[k])
            assert v.ndim == 0 and v.dtype.kind == "f", (placement, k)
        assert np.asarray(out["feasible"]).dtype.kind == "b"


@pytest.mark.parametrize(
    ("key", "spec", "value"),
    [
        ("demand.utilisation", {"dist": "normal", "mean": 0.9, "sd": 0.2}, r"1\.\d+"),
        ("finance.discount_rate", {"dist": "normal", "mean": 0.08, "sd": 0.05}, r"-0\.\d+"),
    ],
)
def test_a_refused_sample_of_demand_or_finance_names_its_distribution(tmp_path, key, spec, value):
    """These said only "demand.utilisation=1.16006: must be in (0, 1]", not that the value
    was a sample of the file's distribution, as a placement parameter's message does."""
    body = ", ".join(f"{k} = {v}" for k, v in spec.items() if k != "dist")
    path = tmp_path / "bad.toml"
    path.write_text(
        "[demand]\nit_power_mw = 100\nstart_year = 2027\nyears = 6\n"
        '[[terrestrial]]\nname = "memphis"\nsite = "memphis_tn"\n'
        f'[uncertainty]\n"{key}" = {{ dist = "{spec["dist"]}", {body} }}\n'
    )
    rng = r"\(0, 1\]" if key.startswith("demand") else r"\[0, 1\)"
    with pytest.raises(
        InputError,
        match=rf"^bad\.toml: \[uncertainty\] {key}: a sampled value is outside what the model "
        rf"allows \({key}={value}: must be in {rng}\); narrow the distribution$",
    ):
        monte_carlo_comparison(path, 2000, progress=False)


def test_a_correlation_pair_in_both_orders_is_refused(fake):
    """The last of (a, b) and (b, a) won silently (and was recorded)."""
    a, b = list(UNC)
    CALLS.clear()
    with pytest.raises(InputError, match=rf"^correlation\[\('{b}', '{a}'\)\]=-0\.8: the same"):
        monte_carlo_comparison(_scenario(), 100, correlation={(a, b): 0.8, (b, a): -0.8})
    assert CALLS == []


def test_engine_options_and_the_file_record_are_checked(fake, tmp_path):
    """cluster_options with engine='local' was ignored; extra_metadata could replace the
    recorded P(cheapest), metric or seed."""
    CALLS.clear()
    with pytest.raises(InputError, match=r"^cluster_options=\{'n_workers': 2\}: only used"):
        monte_carlo_comparison(_scenario(), 10, cluster_options={"n_workers": 2})
    with pytest.raises(InputError, match=r"^cluster_options=\{'n_workers': 2\}: only used"):
        sobol_comparison(_scenario(), 8, cluster_options={"n_workers": 2})
    assert CALLS == []
    r = monte_carlo_comparison(_scenario(), 10)
    for key in ("metric", "probability_cheapest", "seed_entropy", "scenario"):
        with pytest.raises(InputError, match=rf"^extra_metadata=\{{'{key}': 1\}}: '{key}' is alr"):
            r.to_parquet(tmp_path / "r.parquet", {key: 1})


@pytest.mark.parametrize("own_first", [False, True])
def test_a_placements_own_input_wins_over_the_bare_one_in_either_order(own_first):
    """With abilene.accelerator_price_usd above accelerator_price_usd in [uncertainty], the
    bare samples replaced abilene's (p50 LCOC 2.14 instead of 4.10, the audit's b8.toml).
    Now abilene's own input wins in either order: each placement's LCOC is what evaluate
    gives on the very samples that reach it (abilene its own, west_texas the bare ones)."""
    bare = {"accelerator_price_usd": {"dist": "uniform", "low": 2e4, "high": 4e4}}
    own = {"abilene.accelerator_price_usd": {"dist": "uniform", "low": 9e4, "high": 1e5}}
    dists = {**own, **bare} if own_first else {**bare, **own}
    r = monte_carlo_comparison(
        "gigawatt", 16, dists, candidates=["abilene", "west_texas"], seed=1, progress=False
    )
    key = "lcoc_usd_per_accelerator_hour"
    for name, inp in (
        ("abilene", "abilene.accelerator_price_usd"),
        ("west_texas", "accelerator_price_usd"),
    ):
        x = r.inputs[inp]
        alone = compare.evaluate(
            "gigawatt", {f"{name}.accelerator_price_usd": x}, candidates=[name]
        )[name][key]
        assert_allclose(r.outputs[f"{name}.{key}"], alone, rtol=1e-12)


def test_one_value_given_twice_is_refused_before_any_sample(no_sampling):
    """utilisation and demand.utilisation both in distributions= were refused by the first
    chunk, with the sample arrays in the message and the advice to narrow the
    distribution. Now they are refused before any sample, naming both keys."""
    spec = {"dist": "uniform", "low": 0.5, "high": 0.9}
    with pytest.raises(
        InputError,
        match=r"^distributions=\{'demand.utilisation': \.\.\.\}: the same input as utilisation, "
        r"which is given too .*; give one of them$",
    ) as e:
        monte_carlo_comparison(
            "gigawatt", 1_000_000, {"utilisation": spec, "demand.utilisation": spec}
        )
    assert "array" not in str(e.value)


def test_a_bare_input_every_placement_overrides_with_its_own_is_refused(no_sampling, tmp_path):
    """A bare input whose every placement has its own key too would be sampled and change
    nothing (the placement's own key wins)."""
    path = tmp_path / "one.toml"
    path.write_text(
        "[demand]\nit_power_mw = 100\nstart_year = 2027\nyears = 6\n"
        '[[terrestrial]]\nname = "memphis"\nsite = "memphis_tn"\n'
        "[uncertainty]\n"
        'grid_wait_years = { dist = "uniform", low = 0.0, high = 2.0 }\n'
        '"memphis.grid_wait_years" = { dist = "uniform", low = 1.0, high = 3.0 }\n'
    )
    with pytest.raises(
        InputError,
        match=r"^.*one\.toml: \[uncertainty\] grid_wait_years=\.\.\.: every placement it reaches "
        r"has its own input too \(memphis.grid_wait_years\), which wins",
    ):
        monte_carlo_comparison(path, 1000)


@pytest.mark.parametrize(
    ("key", "spec", "end"),
    [
        ("demand.utilisation", "dist = 'uniform', low = 0.5, high = 1.2", "high=1.2"),
        ("utilisation", "dist = 'triangular', low = 0.6, mode = 0.8, high = 1.05", "high=1.05"),
        (
            "finance.discount_rate",
            "dist = 'pert', low = -0.02, mode = 0.08, high = 0.1",
            "low=-0.02",
        ),
    ],
)
def test_a_bounded_distribution_of_demand_or_finance_is_checked_when_loading(
    tmp_path, key, spec, end
):
    """A uniform(0.5, 1.2) of the utilisation loaded, and a sweep refused it only if a sample
    happened to land above 1 (a 2,000-sample run does; 2 samples may not): the range of a
    [demand] or [finance] value is known at load, so a distribution whose [low, high]
    leaves it is refused there, by `compare` as by `sweep`. An end on an open bound (a
    uniform utilisation from 0) is kept: a continuous draw never hits it."""
    from orbitcompute import scenario

    base = (
        "[demand]\nit_power_mw = 100\nstart_year = 2027\nyears = 6\n"
        '[[terrestrial]]\nname = "memphis"\nsite = "memphis_tn"\n[uncertainty]\n'
    )
    path = tmp_path / "bad.toml"
    path.write_text(base + f'"{key}" = {{ {spec} }}\n')
    rng = r"\(0, 1\]" if "utilisation" in key else r"\[0, 1\)"
    with pytest.raises(InputError, match=rf"^bad\.toml: \[uncertainty\] {key}: {end}: a \w+ "
                       rf"distribution of {key} must lie within {rng}$"):  # fmt: skip
        scenario.load(path)
    path.write_text(base + '"demand.utilisation" = { dist = "uniform", low = 0.0, high = 1.0 }\n')
    assert scenario.load(path).uncertainty["demand.utilisation"]["low"] == 0.0
