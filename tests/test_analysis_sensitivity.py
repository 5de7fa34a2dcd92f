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
        ({"num_resamples": 0}, r"^num_resamples=0: must be a whole number >= 1"),
        ({"conf_level": "high"}, r"^conf_level='high': must be a number in \(0, 1\)"),
        ({"outputs": "y"}, r"^outputs='y': must be a list of output names"),
    ):
        with pytest.raises(InputError, match=match):
            sobol_indices(model, SPECS, 64, **kw)
    assert calls == []
