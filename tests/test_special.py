"""Plain-numpy special functions against scipy (the independent reference)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
from _decimal_binomial import binomial_cdf
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


def test_log_beta_with_a_small_whole_argument_does_not_cancel():
    """log B(s, B) for whole s < 30 beside a large whole B: log-gamma differences
    lost about B * 1e-16 (7e-10 at 1e6; scipy.special.betaln is 1.7e-13 off at
    B(1, 1e6)); the finite product keeps 1e-14 of the exact
    log((s - 1)! / (B (B + 1) ... (B + s - 1))) from integers (math.factorial,
    math.prod). The negative-binomial log pmf at f = 3, m = 1e6, p = 0.999999
    against the exact integer C(1e6 + 2, 3) (math.comb) and log1p of the exactly
    representable 1 - p."""
    cases = [(1, 10**6), (3, 10**6), (7, 5 * 10**7), (29, 10**5), (3, 40)]
    s_, b_ = (np.array([c[i] for c in cases], dtype=float) for i in (0, 1))
    want = [
        math.log(math.factorial(s - 1)) - math.log(math.prod(range(b, b + s))) for s, b in cases
    ]
    assert_allclose(_special._log_beta(s_, b_), want, rtol=1e-14)
    assert_allclose(_special._log_beta(b_, s_), want, rtol=1e-14)
    f, m, p = 3, 1_000_000, 0.999999
    q = 1.0 - p  # exact (Sterbenz)
    want_pmf = math.log(math.comb(f + m - 1, f)) + m * math.log1p(-q) + f * math.log(q)
    assert_allclose(_special.negative_binomial_logpmf(f, m, p), want_pmf, rtol=1e-14)


def _decimal_binomial_cdf(k: int, n: int, p: float) -> float:
    """P(Bin(n, p) <= k) from a 60-digit decimal sum (:mod:`_decimal_binomial`)."""
    return float(binomial_cdf(k, n, p))


def test_binomial_cdf_keeps_small_lower_tails():
    """P(X <= k) directly (I_{1-p}(n - k, k + 1) with 1 - p entering through p), not
    1 - sf: lower tails of 1e-12 with 4e5-1e6 trials within 5e-12 of 60-digit
    decimal sums (scipy.stats.binom.cdf is 3e-11 off on the first; through a rounded
    1 - p the tails were 2.5e-11 off); with binomial_sf the two add to 1."""
    n = [742_119, 400_519, 1_000_000, 200, 50]
    k = [16, 539, 400, 3, 49]
    p = [8.500645611560159e-05, 0.0017934780001331399, 5e-4, 0.3, 0.9]
    got = _special.binomial_cdf(np.array(k, float), np.array(n, float), np.array(p))
    want = [_decimal_binomial_cdf(*row) for row in zip(k, n, p, strict=True)]
    assert_allclose(got, want, rtol=5e-12)
    assert got[0] < 1e-11 and got[1] < 1e-11
    total = got + _special.binomial_sf(np.array(k, float), np.array(n, float), np.array(p))
    assert_allclose(total, 1.0, rtol=1e-15)
    assert_allclose(_special.binomial_cdf([-1.0, 5.0], [5.0, 5.0], 0.5), [0.0, 1.0])


def test_binomial_cdf_with_p_near_0_and_near_1():
    """p below 2**-53, where 1 - p rounds to 1 (P(Bin(1e17, 1e-17) = 0) = 0.3679, was
    returned as 1; other such p beyond 2**53 trials are still off, see
    binomial_cdf), and p close to 1 with Stirling's prefactor (606,925 trials, a
    lower tail of 2.2e-15, was 1.6e-10 off): against 60-digit decimal sums."""
    n = [10**17, 606_925, 1000]
    k = [0, 606_895, 990]
    p = [1e-17, 0.9999925431503424, 0.9999]
    got = _special.binomial_cdf(np.array(k, float), np.array(n, float), np.array(p))
    want = [
        float((1 - Decimal(p[0])) ** (10**17)),  # p[0]: the float's exact value
        _decimal_binomial_cdf(606_895, 606_925, 0.9999925431503424),
        _decimal_binomial_cdf(990, 1000, 0.9999),
    ]
    assert_allclose(got, want, rtol=1e-12)
