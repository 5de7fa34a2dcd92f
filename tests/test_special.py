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


def test_regularized_gamma_near_its_median_for_large_a_matches_scipy():
    """Near x = a the series and the continued fraction need O(sqrt(a)) terms: a fixed
    1000 stopped short (P(1e5, 1e5) = 0.49963, scipy 0.50042; P(1e7, 1e7) = 0.124 for
    0.50004), and the prefactor x^a e^-x / Gamma(a) written directly lost about
    a * 1e-16 (8e-9 at a = 1e7). Within 1e-12 relative of scipy from a = 30 to 1e7,
    x from a - 3 sqrt(a) to a + 3 sqrt(a), and across the Stirling switch at a = 30."""
    for a in (29.9, 30.0, 1e3, 1e5, 1e7):
        x = a + np.sqrt(a) * np.array([-3.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 3.0])
        got = _special.regularized_gamma_p(np.full(x.shape, a), x)
        assert_allclose(got, special.gammainc(a, x), rtol=1e-12)
    k = np.array([99_999.0, 100_000.0])
    assert_allclose(_special.poisson_sf(k, 1e5), stats.poisson.sf(k, 1e5), rtol=1e-12)


def test_binomial_tails_of_many_trials_match_scipy():
    """The prefactor x^a (1 - x)^b / B(a, b) written with log-gammas lost about
    (a + b) * 1e-16 (1e-9 at 1e6 trials, 1e-5 at 1e10); with Stirling's series where
    a, b >= 30 the tails within 3 standard deviations of the mean stay within 1e-11 of
    scipy.stats.binom to 1e8 trials (absolute)."""
    for n in (1e4, 1e6, 1e8):
        for p in (1e-3, 0.3, 0.999):
            mu, sd = n * p, np.sqrt(n * p * (1 - p))
            k = np.floor(mu + sd * np.array([-3.0, -1.0, 0.0, 1.0, 3.0]))
            got = _special.binomial_sf(k, n, p)
            assert_allclose(got, stats.binom.sf(k, n, p), atol=1e-11, rtol=0)


def test_an_element_converges_alone_whatever_else_is_in_the_array():
    """The loops stopped only when every element met the test at the same step; one
    already converged keeps iterating and jitters by a few ulps, so a mixed batch could
    run out of terms (an ArithmeticError for these seven tails, each fine alone). Each
    element now keeps its value once converged: the batch equals the calls one by one,
    bit for bit, and scipy.stats.binom."""
    k = np.array([0, 10, 0, 19, 36578, 0, 7], dtype=float)
    n = np.array([417532, 249171, 397448, 56266, 313756, 84920, 30729], dtype=float)
    p = np.array(
        [9.223187788132319e-06, 2.181596064836571e-04, 1.4981812272983158e-05,
         4.4341063846560063e-04, 0.12038628539051287, 7.071370083621656e-05,
         1.0569130790151848e-03]
    )  # fmt: skip
    batch = _special.binomial_sf(k, n, p)
    alone = np.array([_special.binomial_sf(*v) for v in zip(k, n, p, strict=True)])
    np.testing.assert_array_equal(batch, alone)
    assert_allclose(batch, stats.binom.sf(k, n, p), atol=1e-12)
    rng = np.random.default_rng(0)
    a, x = 10 ** rng.uniform(-1, 5, 500), 10 ** rng.uniform(-1, 5, 500)
    np.testing.assert_array_equal(
        _special.regularized_gamma_p(a, x),
        [_special.regularized_gamma_p(ai, xi) for ai, xi in zip(a, x, strict=True)],
    )


def test_negative_binomial_logpmf_matches_scipy_stats():
    """log P(F = f), F ~ NegBin(m, p), against scipy.stats.nbinom.logpmf: f = 0,
    small and large counts (both >= 30 takes Stirling's prefactor) up to 1e6."""
    f = np.array([0.0, 0.0, 1.0, 7.0, 29.0, 30.0, 250.0, 4e3, 1e6, 3.0])
    m = np.array([1.0, 75.0, 1.0, 75.0, 30.0, 30.0, 75.0, 2e4, 5e5, 1e6])
    p = np.array([0.3, 0.9, 0.02, 0.5, 0.683, 0.683, 0.2, 0.8, 0.4, 0.999])
    assert_allclose(
        _special.negative_binomial_logpmf(f, m, p), stats.nbinom.logpmf(f, m, p), rtol=1e-11
    )
