"""Sobol indices on the Ishigami function (Ishigami & Homma 1990)."""

from __future__ import annotations

import numpy as np
import pytest

from orbitcompute import InputError
from orbitcompute.analysis import SobolConvergenceWarning, sobol_indices

PI = np.pi
SPECS = {k: {"dist": "uniform", "low": -PI, "high": PI} for k in ("x1", "x2", "x3")}


def ishigami(p, a=7.0, b=0.1):
    return {"y": np.sin(p["x1"]) + a * np.sin(p["x2"]) ** 2 + b * p["x3"] ** 4 * np.sin(p["x1"])}


def test_ishigami_matches_analytic_within_ci():
    """a=7, b=0.1: V = a²/8 + b π⁴/5 + b² π⁸/18 + 1/2 = 13.8446;
    S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2010)."""
    r = sobol_indices(ishigami, SPECS, 4096, seed=1)
    df = r.indices["y"]
    s1 = np.array([0.3139, 0.4424, 0.0])
    st = np.array([0.5576, 0.4424, 0.2437])
    assert np.all(np.abs(df["S1"].to_numpy() - s1) <= df["S1_conf"].to_numpy())
    assert np.all(np.abs(df["ST"].to_numpy() - st) <= df["ST_conf"].to_numpy())
    assert r.converged["y"] and r.n_evaluations == 4096 * 5
    assert set(r.to_frame().columns) >= {"output", "parameter", "S1", "ST_conf", "converged"}


def test_one_vectorized_call():
    calls = []

    def model(p):
        calls.append(len(p["x1"]))
        return ishigami(p)

    sobol_indices(model, SPECS, 256, ci_threshold=1.0)
    assert calls == [256 * 5]


def test_unconverged_warns():
    with pytest.warns(SobolConvergenceWarning, match="not converged"):
        r = sobol_indices(ishigami, SPECS, 16, seed=0)
    assert not r.converged["y"] and r.reasons["y"]


def test_nonfinite_outputs_flagged():
    def model(p):
        return {"y": np.where(p["x1"] > 3.0, np.nan, p["x1"] + p["x2"])}

    with pytest.warns(SobolConvergenceWarning, match="not finite"):
        r = sobol_indices(model, SPECS, 64)
    assert np.isnan(r.indices["y"]["S1"]).all()


def test_bad_input():
    with pytest.raises(InputError, match=r"power of 2, e\.g\. 512 or 1024"):
        sobol_indices(ishigami, SPECS, 1000)
    # one base sample: every bootstrap resample is that row, so each interval has zero
    # width and any index inside [0, 1] with S1 <= ST would have been "converged"
    with pytest.raises(InputError, match=r"^n=1: the bootstrap intervals of one base sample"):
        sobol_indices(ishigami, SPECS, 1)
    with pytest.raises(InputError, match=">= 2"):
        sobol_indices(ishigami, {"x1": SPECS["x1"]}, 64)
    with pytest.raises(InputError, match="not a numeric model output"):
        sobol_indices(ishigami, SPECS, 64, outputs=["z"])


def test_arguments_checked_before_the_run():
    calls = []

    def model(p):
        calls.append(1)
        return ishigami(p)

    for kw, match in (
        ({"seed": -1}, r"^seed=-1: must be a whole number >= 0"),
        ({"seed": "x"}, r"^seed='x': must be a whole number >= 0"),
        ({"num_resamples": 0}, r"^num_resamples=0: must be a whole number >= 2"),
        ({"conf_level": "high"}, r"^conf_level='high': must be a number in \(0, 1\)"),
        ({"outputs": "y"}, r"^outputs='y': must be a list of output names"),
    ):
        with pytest.raises(InputError, match=match):
            sobol_indices(model, SPECS, 64, **kw)
    assert calls == []


def test_missing_output_is_found_at_the_first_chunk():
    """An output the model lacks was reported after every chunk of the Saltelli design
    had run (here 64 (3 + 2) = 320 evaluations in 5 chunks of 64); now after the first."""
    calls = []

    def model(p):
        calls.append(1)
        return ishigami(p)

    with pytest.raises(InputError, match=r"^outputs: 'z' is not a numeric model output"):
        sobol_indices(model, SPECS, 64, outputs=["z"], chunk_size=64)
    assert calls == [1]


def test_seed_zero_is_reproducible():
    """SALib seeds its bootstrap only ``if seed:``; seed=0 (the default) was unseeded, so
    the confidence intervals (and ``converged``) changed from call to call. The same seed
    now gives identical indices and intervals, whatever the chunk size."""
    runs = [
        sobol_indices(ishigami, SPECS, 64, seed=0, warn=False, chunk_size=c).indices["y"]
        for c in (None, None, 7)
    ]
    for r in runs[1:]:
        np.testing.assert_array_equal(r.to_numpy(), runs[0].to_numpy())
    other = sobol_indices(ishigami, SPECS, 64, seed=1, warn=False).indices["y"]
    assert not np.array_equal(other["S1_conf"].to_numpy(), runs[0]["S1_conf"].to_numpy())


def test_constant_output_has_undefined_indices():
    """An output no input changes has zero variance: its indices (shares of the
    variance) are 0/0, undefined. They were reported as converged zeros."""
    with pytest.warns(SobolConvergenceWarning, match=r"zero variance"):
        r = sobol_indices(lambda p: {"y": np.full(p["x1"].shape, 3.0)}, SPECS, 64)
    assert np.isnan(r.indices["y"].to_numpy()).all()
    assert not r.converged["y"] and "zero variance" in r.reasons["y"][0]


def test_indices_of_huge_outputs_are_those_of_the_scaled_output():
    """y = x1 + 2 x2 with x1, x2 uniform on [-pi, pi]: Var(x1) = pi**2 / 3 and
    Var(2 x2) = 4 pi**2 / 3, so S1 = ST = (1/5, 4/5, 0) (additive model). Multiplying y
    by 1e300 changes no index; SALib's ``std`` of such values overflowed and every index
    came out 0 (converged)."""

    def linear(p, scale=1.0):
        return {"y": scale * (p["x1"] + 2.0 * p["x2"])}

    plain = sobol_indices(linear, SPECS, 1024, seed=3, warn=False).indices["y"]
    huge = sobol_indices(lambda p: linear(p, 1e300), SPECS, 1024, seed=3, warn=False).indices["y"]
    np.testing.assert_allclose(huge.to_numpy(), plain.to_numpy(), rtol=1e-9, atol=1e-12)
    want = np.array([0.2, 0.8, 0.0])
    assert np.all(np.abs(huge["S1"].to_numpy() - want) <= huge["S1_conf"].to_numpy() + 1e-12)
    assert np.all(np.abs(huge["ST"].to_numpy() - want) <= huge["ST_conf"].to_numpy() + 1e-12)


def test_undefined_intervals_are_not_converged():
    """A NaN interval compares False with the threshold: it passed as converged."""
    from orbitcompute.analysis.sensitivity import _checks

    s = {k: np.array([0.5]) for k in ("S1", "ST")}
    s.update(S1_conf=np.array([np.nan]), ST_conf=np.array([0.01]))
    assert _checks(s, ["a"], 0.05) == [
        "a: S1=0.500 +/-nan, ST=0.500 +/-0.010 not finite (undefined)"
    ]
    with pytest.raises(InputError, match=r"^num_resamples=1: must be a whole number >= 2"):
        sobol_indices(ishigami, SPECS, 64, num_resamples=1)


def test_flags_model_outputs_and_size_checked_before_the_run():
    calls = []

    def model(p):
        calls.append(1)
        return ishigami(p)

    for kw, match in (
        ({"warn": "no"}, r"^warn='no': must be True or False"),
        ({"progress": "no"}, r"^progress='no': must be True, False or None"),
        ({"outputs": []}, r"^outputs=\[\]: must be a non-empty list of output names"),
        ({"chunk_size": "5"}, r"^chunk_size='5': must be a whole number >= 1, or None"),
        ({"chunk_size": float("nan")}, r"^chunk_size=nan: must be a whole number >= 1"),
    ):
        with pytest.raises(InputError, match=match):
            sobol_indices(model, SPECS, 64, **kw)
    with pytest.raises(InputError, match=r"^model=5: must be a function"):
        sobol_indices(5, SPECS, 64)
    with pytest.raises(InputError, match=r"^n=1099511627776: the Saltelli design of n \(D \+ 2\)"):
        sobol_indices(model, SPECS, 2**40)
    assert calls == []
    # a numpy float is a number
    r = sobol_indices(ishigami, SPECS, 64, conf_level=np.float32(0.9), warn=False)
    assert r.metadata["conf_level"] == float(np.float32(0.9))


def test_metadata_and_engine_options_are_checked_before_the_run():
    """metadata={'seed': 99} overwrote the recorded seed; metadata=[1] raised a raw
    TypeError after every evaluation; cluster_options with engine='local' was ignored."""
    calls = []

    def model(p):
        calls.append(1)
        return ishigami(p)

    with pytest.raises(InputError, match=r"^metadata=\{'seed': 99\}: 'seed' is recorded by"):
        sobol_indices(model, SPECS, 8, metadata={"seed": 99})
    with pytest.raises(InputError, match=r"^metadata=\[1\]: must be a mapping"):
        sobol_indices(model, SPECS, 8, metadata=[1])
    with pytest.raises(InputError, match=r"^cluster_options=\{'n_workers': 2\}: only used with"):
        sobol_indices(model, SPECS, 8, cluster_options={"n_workers": 2})
    assert calls == []
    r = sobol_indices(model, SPECS, 8, seed=2, metadata={"note": "x"}, warn=False)
    assert r.metadata["seed"] == 2 and r.metadata["note"] == "x"


def test_an_output_constant_on_the_base_samples_has_undefined_indices():
    """y = 1 where x1 < 0.1 and x2 < 0.1, else 0 (x uniform on [0, 1]), N = 16, seed 0.
    The Saltelli design has N rows of A, N of B and N of each A_B^(i). Here y = 0 on all
    32 rows of A and B and 1 on some cross rows A_B^(i) (checked below). SALib's
    estimators divide by the variance of y over A and B, which is 0: it returned
    S1 = ST = 0 with intervals +/-0 (and a plain UserWarning), reported as converged
    ("no input matters") for an output that does change. Now the indices are NaN and
    the run has not converged."""
    ys = []

    def rare(p):
        y = ((p["x1"] < 0.1) & (p["x2"] < 0.1)).astype(float)
        ys.append(y)
        return {"y": y}

    unit = {k: {"dist": "uniform", "low": 0, "high": 1} for k in ("x1", "x2")}
    with pytest.warns(SobolConvergenceWarning, match=r"base samples"):
        r = sobol_indices(rare, unit, 16, seed=0)
    rows = np.concatenate(ys).reshape(16, 4)  # A, A_B^(1), A_B^(2), B per base sample
    assert np.all(rows[:, [0, 3]] == 0.0) and rows[:, 1:3].any()
    assert np.isnan(r.indices["y"].to_numpy()).all()
    assert not r.converged["y"] and "base samples" in r.reasons["y"][0]
