"""Plain-numpy special functions against scipy (the independent reference)."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose
from scipy import special, stats

from orbitcompute import _special


def test_gammaln_matches_scipy():
    x = np.concatenate([np.linspace(0.05, 10, 200), np.geomspace(10, 1e5, 50)])
    assert_allclose(_special.gammaln(x), special.gammaln(x), rtol=1e-12, atol=1e-12)


def test_regularized_gamma_and_beta_match_scipy():
    rng = np.random.default_rng(1)
    a = rng.uniform(0.2, 300, 2000)
    x = rng.uniform(0, 400, 2000)
    assert_allclose(_special.regularized_gamma_p(a, x), special.gammainc(a, x), atol=1e-11)
    b = rng.uniform(0.2, 3000, 2000)
    p = rng.uniform(0, 1, 2000)
    assert_allclose(_special.regularized_beta(a, b, p), special.betainc(a, b, p), atol=1e-11)


def test_poisson_and_binomial_tails_match_scipy_stats():
    k = np.arange(-2, 60)[:, None]
    mu = np.array([0.0, 0.3, 2.0, 11.5, 45.0])[None, :]
    assert_allclose(_special.poisson_sf(k, mu), stats.poisson.sf(k, mu), atol=1e-12)
    n = np.array([1.0, 5.0, 40.0, 800.0])[None, :]
    for p in (0.0, 0.35, 0.9, 1.0):
        assert_allclose(_special.binomial_sf(k, n, p), stats.binom.sf(k, n, p), atol=1e-11)
