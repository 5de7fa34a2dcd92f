"""Tests for orbitcompute.ground: geometry, sites needed, latency."""

from __future__ import annotations

import time
from decimal import Decimal, localcontext

import numpy as np
import pytest
from _decimal_binomial import binomial_cdf
from numpy.testing import assert_allclose
from scipy import special, stats

from orbitcompute import InputError, _site_count, atmosphere, ground
from orbitcompute.constants import EARTH_RADIUS_KM as R


def test_slant_range_limits():
    """Zenith: d = h. Horizon: d = sqrt((R+h)^2 - R^2) (500 km: 2574.5 km)."""
    d = ground.slant_range_m(500.0, np.array([90.0, 0.0]))
    assert_allclose(d, [500e3, np.sqrt((R + 500) ** 2 - R**2) * 1e3], rtol=1e-12)


def test_coverage_fraction_horizon():
    """At 0 deg mask, cos(lambda) = R/(R+h): cap fraction (1 - R/(R+h))/2."""
    assert_allclose(ground.coverage_fraction(550.0, 0.0), (1 - R / (R + 550.0)) / 2, rtol=1e-12)


def test_sites_needed_without_weather_is_ceiling():
    """Dense constellation, a = 1: sites = ceil(T / (k R)) (all k terminals usable)."""
    r = ground.ground_sites_needed(
        np.array([1e12, 3.5e12]), 20_000, 550.0, 100e9, terminals_per_site=2, site_availability=1.0
    )
    assert_allclose(r["usable_terminals_per_site"], 2.0, rtol=1e-9)
    assert_allclose(r["sites_needed"], [5.0, 18.0])


def test_sites_needed_binomial_target():
    """Result n is the smallest with P(Bin(n, a) >= m) >= target."""
    r = ground.ground_sites_needed(
        1e13,
        20_000,
        550.0,
        100e9,
        terminals_per_site=4,
        site_availability=0.7,
        target_availability=0.99,
    )
    m, n = r["sites_up_needed"], r["sites_needed"]
    assert stats.binom.sf(m - 1, n, 0.7) >= 0.99 > stats.binom.sf(m - 1, n - 1, 0.7)
    assert r["sites_needed_mean"] < n


def _smallest_n_scipy(m: float, a: float, target: float) -> int:
    """Reference: scan n upward from m with scipy's binomial survival function."""
    n = int(m)
    while stats.binom.sf(m - 1, n, a) < target:
        n += 1
    return n


@pytest.mark.parametrize("a", [0.3, 0.683, 0.95])
@pytest.mark.parametrize("target", [0.5, 0.99, 0.9999])
def test_site_count_matches_scipy_scan(a, target):
    """The negative-binomial quantile equals a brute-force scan with scipy.stats.binom,
    for 1 to 2,000 sites up, with many samples of m mapped through the distinct values;
    the achieved availability is scipy's P(Bin(n, a) >= m)."""
    m = np.array([1.0, 5.0, 90.0, 183.0, 2000.0, 90.0, 1.0])
    n, ok, achieved = _site_count._min_sites(m, np.full(m.shape, a), np.full(m.shape, target))
    want = [_smallest_n_scipy(x, a, target) for x in m]
    assert ok.all()
    assert_allclose(n, want)
    assert_allclose(achieved, stats.binom.sf(m - 1, n, a), rtol=1e-10)


def test_site_count_bisection_fallback_agrees(monkeypatch):
    """Rows the window misses (all of them here: the window is switched off) are
    bisected: the same counts and achieved probabilities, also when availability
    and target vary per sample, and scipy's scan."""
    m = np.array([3.0, 90.0, 183.0, 400.0])
    a = np.array([0.5, 0.683, 0.683, 0.9])
    t = np.array([0.99, 0.99, 0.9, 0.999])
    window = _site_count._min_sites(m, a, t)
    monkeypatch.setattr(_site_count, "_NB_WINDOW", 0)
    monkeypatch.setattr(_site_count, "_MEMO_ROWS", 0)  # searched again, not remembered
    bisect = _site_count._min_sites(m, a, t)
    for x, y in zip(window, bisect, strict=True):
        assert_allclose(x, y, rtol=1e-12)
    assert_allclose(window[0], [_smallest_n_scipy(*row) for row in zip(m, a, t, strict=True)])


def _random_rows(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sites up 1 to 3e4 (log-uniform), availability 0.02-0.999, targets 0.01-0.999999."""
    rng = np.random.default_rng(seed)
    m = np.floor(np.exp(rng.uniform(0.0, np.log(3e4), n)))
    a = rng.uniform(0.02, 0.999, n)
    high = rng.uniform(size=n) < 0.5
    t = np.where(high, rng.uniform(0.9, 0.999999, n), rng.uniform(0.01, 0.99, n))
    return m, a, t


def test_site_count_window_matches_scipy_and_bisection(monkeypatch):
    """Rows that differ in every sample (m, a and target drawn at random): the
    windowed quantile equals scipy.stats.nbinom.ppf (failures before the m-th
    site up) and the bisection, and the achieved availability is scipy's
    nbinom.cdf within 5e-12 (measured on 60,000 such rows: 2.7e-13 where the target
    is at most 0.5 and the lower tail is summed, 1.0e-12 above, where the upper tail
    near its median is an incomplete beta function of some 1e5 trials)."""
    m, a, t = _random_rows(2000, 3)
    n, ok, achieved = _site_count._min_sites(m, a, t)
    want = stats.nbinom.ppf(t, m, a)
    assert ok.all()
    assert_allclose(n - m, want)
    assert_allclose(achieved, stats.nbinom.cdf(n - m, m, a), rtol=5e-12)
    monkeypatch.setattr(_site_count, "_NB_WINDOW", 0)
    monkeypatch.setattr(_site_count, "_MEMO_ROWS", 0)  # searched again, not remembered
    n_bisect, ok_bisect, ach_bisect = _site_count._min_sites(m, a, t)
    assert ok_bisect.all()
    assert_allclose(n_bisect, n)
    assert_allclose(ach_bisect, achieved, rtol=5e-12)


def test_site_count_window_answers_nearly_every_row_and_misses_fall_back():
    """The window holds the quantile for all but 6 rows of 20,000: five need more
    than MAX_SITES sites (about 1e6 failures; the window is not tried there) and one
    is geometric (m = 1, a = 0.02613, target 0.99789), where the Cornish-Fisher guess
    errs by about 7 failures; bisection answers it exactly: scipy's quantile is
    232 failures, so 233 sites."""
    m, a, t = _random_rows(20_000, 1)
    n, achieved, hit = _site_count._negative_binomial_window(m, a, t)
    assert (~hit).sum() == 6
    assert_allclose(n[hit] - m[hit], stats.nbinom.ppf(t[hit], m[hit], a[hit]))
    assert_allclose(achieved[hit], stats.nbinom.cdf(n[hit] - m[hit], m[hit], a[hit]), rtol=5e-12)
    row = (np.array([1.0]), np.array([0.026131742776768517]), np.array([0.997885022801363]))
    assert not _site_count._negative_binomial_window(*row)[2][0]
    assert stats.nbinom.ppf(row[2], 1, row[1])[0] == 232
    assert_allclose(_site_count._min_sites(*row)[0], [233.0])


def _decimal_tails(m: int, a: float, f: int) -> tuple[Decimal, Decimal]:
    """``P(F <= f)`` and ``P(F > f)`` for F ~ NegBin(m, a), in 60-digit decimals:
    ``P(F > f) = P(Bin(m + f, a) <= m - 1)`` (:func:`_decimal_binomial.binomial_cdf`)."""
    upper = binomial_cdf(m - 1, m + f, a)
    with localcontext() as ctx:
        ctx.prec = 60
        return +(1 - upper), upper


@pytest.mark.parametrize(
    ("m", "a", "target"),
    [
        # targets within 1e-11 of 1 and small availabilities: the site count was off by
        # up to 38,000 with the running-sum table, by one with the CDF compared to the
        # target itself (steps of 1.1e-16 near 1)
        (17, 8.500645611560159e-05, 0.9999999999983997),
        (540, 0.0017934780001331399, 0.9999999999981344),
        (1600, 0.0023265, 0.999999999888394),
        (3216, 0.0044348, 0.99999999498),
        # a small failure count beside a huge m (and the reverse): log-gamma differences
        # cancelled to 1e-10 in the log pmf, one site off
        (80924, 0.9996942307786671, 0.0073506321787),
        (18, 0.001289027050011873, 0.54199924431),
    ],
)
def test_site_count_in_the_far_tails_meets_its_target_exactly(m, a, target):
    """The count n is the smallest that meets the target, checked with 60-digit
    decimal sums (``_decimal_tails``): P(F <= n - m) >= target > P(F <= n - m - 1),
    on the side of the target (upper tail against 1 - target above 0.5); the
    achieved availability is the decimal one to 1e-12 relative, plus 1e-15
    absolute above 0.5 (a float near 1 holds no more)."""
    n, ok, achieved = _site_count._min_sites(np.array([m * 1.0]), np.array([a]), np.array([target]))
    f = int(n[0]) - m
    assert ok[0]
    low_f, up_f = _decimal_tails(m, a, f)
    low_b, up_b = _decimal_tails(m, a, f - 1)
    if target > 0.5:
        allowed = Decimal(1.0 - target)  # exact in floating point above 0.5
        assert up_f <= allowed < up_b
        assert_allclose(achieved[0], 1.0 - float(up_f), rtol=1e-12, atol=1e-15)
    else:
        assert low_f >= Decimal(target) > low_b
        assert_allclose(achieved[0], float(low_f), rtol=1e-12)


def test_site_count_ties_and_unreachable_rows():
    """A site availability equal to the target with one site up needs one site (the
    tail a few ulps high gave two); two sites up at a = 0.75 meet t = 0.5625 = 0.75^2
    with two. Unreachable at MAX_SITES with target 0.99: the achieved probability is
    the binomial tail itself, P(Bin(1e6, 1e-12) >= 2) from a 60-digit decimal
    (1 - q^n - n p q^(n-1)), not 1 - (1 - it) (4.9999917e-13, was 5.00044e-13);
    an availability of 1e-310 is infeasible at 1e6 sites (its sort key overflowed)."""
    r = ground.ground_sites_needed(
        1e9, 4000, 550.0, 10e9, site_availability=0.99, target_availability=0.99
    )
    assert r["sites_up_needed"] == 1 and r["sites_needed"] == 1
    assert_allclose(r["availability_achieved"], 0.99)
    n, ok, achieved = _site_count._min_sites(np.array([2.0]), np.array([0.75]), np.array([0.5625]))
    assert n[0] == 2 and ok[0] and achieved[0] == 0.5625
    n, ok, achieved = _site_count._min_sites(np.array([2.0]), np.array([1e-12]), np.array([0.99]))
    with localcontext() as ctx:
        ctx.prec = 60
        want = float(1 - binomial_cdf(1, 10**6, 1e-12))  # 1 - q^n - n p q^(n - 1)
    assert n[0] == ground.MAX_SITES and not ok[0]
    assert_allclose(achieved, want, rtol=1e-12)
    tiny = ground.ground_sites_needed(1e12, 100, 550.0, 1e9, site_availability=1e-310)
    assert not tiny["feasible"] and tiny["sites_needed"] == ground.MAX_SITES


def test_sparse_constellation_needs_more_sites_and_zero_rate_is_infeasible():
    """A link that does not close (rate 0) carries nothing: no finite number of sites
    does, so the counts are inf (not NaN), availability 0, binding "no_link"; with no
    traffic the same link needs 0 sites and is feasible."""
    r = ground.ground_sites_needed(1e12, np.array([20, 20_000]), 650.0, 100e9)
    assert r["sites_needed"][0] > r["sites_needed"][1]
    z = ground.ground_sites_needed(np.array([1e12, 0.0]), 100, 650.0, 0.0)
    assert list(z["feasible"]) == [False, True]
    assert list(z["binding"]) == ["no_link", "no_traffic"]
    for key in ("sites_up_needed", "sites_needed_mean", "sites_needed", "terminals_needed"):
        assert_allclose(z[key], [np.inf, 0.0], err_msg=key)
    assert_allclose(z["availability_achieved"], [0.0, 1.0])
    assert not any(
        np.isnan(np.asarray(v, dtype=float)).any() for k, v in z.items() if k != "binding"
    )


def test_latency_hand_calculation():
    """550 km zenith + 1000 km fibre + 2 hops of 1 ms: 1.8346 + 4.8967 + 2 ms = 8.731 ms."""
    r = ground.one_way_latency_s(550.0, 90.0, terrestrial_km=1000.0, n_hops=2, per_hop_delay_s=1e-3)
    assert_allclose(r["latency_s"], 550e3 / 299792458 + 1000e3 * 1.468 / 299792458 + 2e-3)


@pytest.mark.parametrize("bad", [0.0, 1.5, -0.2])
def test_site_availability_outside_unit_interval_raises(bad):
    with pytest.raises(InputError, match="site_availability"):
        ground.ground_sites_needed(1e12, 100, 550.0, 1e11, site_availability=bad)


def test_negative_traffic_raises():
    with pytest.raises(InputError, match="traffic_bps"):
        ground.ground_sites_needed(-1.0, 100, 550.0, 1e11)


def test_mask_of_90_deg_is_rejected():
    """Above a 90 deg mask the cap has zero area: no satellite ever in view."""
    with pytest.raises(InputError, match=r"^min_elevation_deg=90: must be in \[0, 90\) deg"):
        ground.ground_sites_needed(1e12, 100, 550.0, 1e11, min_elevation_deg=90.0)
    with pytest.raises(InputError, match=r"^min_elevation_deg=91:"):
        ground.ground_sites_needed(1e12, 100, 550.0, 1e11, min_elevation_deg=91.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"terminals_per_site": 1.5}, "terminals_per_site=1.5: must be a whole number"),
        ({"terminals_per_site": 0}, "terminals_per_site=0: must be >= 1"),
        ({"satellite_terminals": 2.5}, "satellite_terminals=2.5: must be a whole number"),
        ({"link_rate_bps": -1.0}, "link_rate_bps=-1: must be >= 0"),
        ({"target_availability": 1.0}, "target_availability=1: must be in (0, 1)"),
    ],
)
def test_sites_needed_messages_name_the_argument(kwargs, message):
    args = {"link_rate_bps": 1e11, **kwargs}
    with pytest.raises(InputError) as err:
        ground.ground_sites_needed(1e12, 100, 550.0, **args)
    assert str(err.value).startswith(message)


def test_huge_terminal_count_is_the_mean_in_view():
    """k = 1e300 terminals per site: E[min(k, X)] = E[X] = mu, the mean in view.

    100 satellites at 550 km, 20 deg mask: sin(eta) = R cos 20 / (R + 550), lambda = 70 deg
    - eta, mu = 100 (1 - cos lambda) / 2 (about 0.776). Capacity 1e11 * mu = 7.76e10
    bit/s, so 1e12 bit/s needs ceil(12.9) = 13 sites up; with every site always up (a = 1),
    13 sites. The sum stops at the Poisson tail, mu + 40 sqrt(mu) + 40 (77 terms), not at k.
    """
    eta = np.arcsin(R * np.cos(np.radians(20.0)) / (R + 550.0))
    mu = 100 * (1 - np.cos(np.radians(70.0) - eta)) / 2
    r = ground.ground_sites_needed(1e12, 100, 550.0, 1e11, terminals_per_site=1e300)
    assert_allclose(r["usable_terminals_per_site"], mu, rtol=1e-12)
    assert r["sites_needed"] == np.ceil(1e12 / (1e11 * mu)) == 13
    assert_allclose(r["terminals_needed"], 13e300)


@pytest.mark.parametrize("k", [1, 3, 40])
@pytest.mark.parametrize("s", [1, 2, 7])
@pytest.mark.parametrize("mu", [1e-4, 0.776, 6.0, 150.0])
def test_usable_terminals_match_scipy_poisson(k, s, mu):
    """E[min(k, s X)], X ~ Poisson(mu), summed directly over scipy's pmf."""
    x = np.arange(int(mu + 40 * np.sqrt(mu) + 40))
    want = np.sum(stats.poisson.pmf(x, mu) * np.minimum(k, s * x))
    got = ground._expected_usable_terminals(np.array(float(k)), np.array(mu), np.array(float(s)))
    assert_allclose(got, want, rtol=1e-12)


def test_empty_arrays_give_empty_results():
    r = ground.ground_sites_needed(1e12, 100, 550.0, 1e11, terminals_per_site=np.array([]))
    assert r["sites_needed"].shape == (0,) and r["feasible"].shape == (0,)
    r = ground.ground_sites_needed(np.array([]), 100, 550.0, 1e11)
    assert r["sites_needed"].shape == (0,)


def test_target_close_to_one_is_found_not_nan():
    """m = 1 site up, a = 0.1, target 1 - 1e-15: 1 - 0.9^n >= 1 - 1e-15 needs
    n >= 15 ln 10 / -ln 0.9 = 34.539 / 0.10536 = 327.8, so 328 sites (beyond the old
    search bound of (1 + 10 + 10) / 0.1 = 210, where the answer was NaN and "no_link")."""
    r = ground.ground_sites_needed(
        1e10, 20_000, 550.0, 1e11, site_availability=0.1, target_availability=1 - 1e-15
    )
    assert r["feasible"] and r["binding"] == "ok"
    assert r["sites_needed"] == 328
    assert r["availability_achieved"] >= 1 - 1e-15


@pytest.mark.parametrize(
    ("bad", "message"),
    [(1.5, "n_hops=1.5: must be a whole number"), (-1, "n_hops=-1: must be >= 0")],
)
def test_hops_must_be_a_whole_number(bad, message):
    with pytest.raises(InputError) as err:
        ground.one_way_latency_s(550.0, n_hops=bad)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(
    ("traffic", "availability"),
    [(1e11, 1e-300), (1e300, 0.5)],
)
def test_extreme_demand_is_unreachable_quickly_not_nan(traffic, availability):
    """More than MAX_SITES = 1e6 sites needed: infeasible, "target_unreachable", 1e6
    sites and what they achieve, never NaN, in well under a second (was 60-90 s, NaN).

    1000 satellites at 550 km, 20 deg mask: mu = 7.76 in view, 1 - e^-mu = 0.99957
    usable terminals, 1e10 bit/s each. 1e11 bit/s needs m = ceil(10.004) = 11 sites up;
    with a = 1e-300, P(Bin(1e6, a) >= 11) ~ (1e6 a)^11 / 11! underflows to 0. 1e300 bit/s
    needs m = 1.0004e290 > 1e6 sites up: nothing to search, availability 0.
    """
    start = time.perf_counter()
    r = ground.ground_sites_needed(traffic, 1000.0, 550.0, 1e10, site_availability=availability)
    assert time.perf_counter() - start < 5.0
    assert not r["feasible"] and r["binding"] == "target_unreachable"
    assert r["sites_needed"] == ground.MAX_SITES == 1e6
    assert r["availability_achieved"] == 0.0
    assert_allclose(r["sites_up_needed"], np.ceil(traffic / (1e10 * (1 - np.exp(-7.7585)))))
    assert_allclose(r["sites_needed_mean"], traffic / (1e10 * 0.99957 * availability), rtol=1e-4)


def test_site_count_at_the_bound_matches_the_closed_form():
    """m = 1 site up: 1 - (1 - a)^n >= 0.99 needs n = ceil(ln 0.01 / ln(1 - a)).
    a = 1e-5: 4.60517e0 / 1.000005e-5 = 460,515.0 -> 460,515 sites, below 1e6, found
    by bisection. a = 1e-6: 4,605,168 sites > 1e6: unreachable, and 1e6 sites achieve
    1 - (1 - 1e-6)^1e6 = 1 - e^-1 = 0.632121."""
    n, ok, achieved = _site_count._min_sites(
        np.array([1.0, 1.0]), np.array([1e-5, 1e-6]), np.array([0.99, 0.99])
    )
    want = np.ceil(np.log(0.01) / np.log1p(-1e-5))
    assert_allclose(n, [want, 1e6])
    assert list(ok) == [True, False]
    assert_allclose(achieved[1], 1 - np.exp(-1.0), rtol=1e-6)


def test_link_too_slow_for_any_count_is_infeasible():
    """1e-300 bit/s per link: t / cap overflows float64, more than 1e6 sites up; it
    was reported feasible ("ok") with inf sites and availability 1."""
    r = ground.ground_sites_needed(1e12, 100, 550.0, 1e-300)
    assert not r["feasible"] and r["binding"] == "target_unreachable"
    assert r["sites_up_needed"] == np.inf and r["availability_achieved"] == 0.0


def test_many_satellites_in_view_with_many_terminals():
    """1e8 satellites at 550 km, 20 deg mask: mu = 1e8 x 7.7585e-3 = 7.7585e5 in view; with
    1e300 terminals per site, beyond mu + 40 sqrt(mu) + 40, E[min(k, X)] = E[X] = mu
    (the sum from zero was 7.3e-5 low: its Poisson tails are inaccurate there). 1e7
    satellites (7.76e4 in view) with 77,585 terminals, at the mean, would need those
    tails: refused, naming n_satellites (a sum to 1e300 terms was a MemoryError)."""
    eta = np.arcsin(R * np.cos(np.radians(20.0)) / (R + 550.0))
    mu = 1e8 * (1 - np.cos(np.radians(70.0) - eta)) / 2
    r = ground.ground_sites_needed(1e12, 1e8, 550.0, 1e11, terminals_per_site=1e300)
    assert_allclose(r["usable_terminals_per_site"], mu, rtol=1e-12)
    with pytest.raises(InputError, match=r"^n_satellites=1e\+07: 7\.76e\+04 satellites in view"):
        ground.ground_sites_needed(1e12, 1e7, 550.0, 1e11, terminals_per_site=77585)


@pytest.mark.parametrize("mu", [2000.0, 9000.0])
def test_usable_terminals_beyond_the_lower_cut_match_scipy(mu):
    """Terms below mu - 40 sqrt(mu) are summed as min(k, i0 s) (their tail is 1): the
    result is scipy's sum over the whole pmf, with k in the window."""
    x = np.arange(int(mu + 40 * np.sqrt(mu) + 40))
    for k, s in [(mu, 1.0), (mu * 1.5, 2.0), (mu / 3, 1.0)]:
        k = float(np.ceil(k))
        want = np.sum(stats.poisson.pmf(x, mu) * np.minimum(k, s * x))
        got = ground._expected_usable_terminals(np.array(k), np.array(mu), np.array(s))
        assert_allclose(got, want, rtol=1e-10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: ground.slant_range_m(np.full(3, 500.0), np.full(2, 10.0)),
            r"^array arguments do not broadcast together: altitude_km \(3,\), elevation_deg \(2,\)",
        ),
        (
            lambda: ground.coverage_fraction(np.full(3, 500.0), np.full(2, 10.0)),
            r"^array arguments do not broadcast together: altitude_km \(3,\)",
        ),
        (
            lambda: ground.traffic_to_earth_bps(np.ones(3), np.ones(2)),
            r"^array arguments do not broadcast together: flops_per_s \(3,\), bits_per_flop",
        ),
        (
            lambda: ground.ground_sites_needed(np.ones(3), np.full(2, 100.0), 550.0, 1e11),
            r"^array arguments do not broadcast together: traffic_bps \(3,\), n_satellites",
        ),
        (
            lambda: ground.one_way_latency_s(np.full(3, 550.0), np.full(2, 30.0)),
            r"^array arguments do not broadcast together: altitude_km \(3,\)",
        ),
        (
            lambda: ground.traffic_to_earth_bps(1e18, 1e300),
            r"^bits_per_flop=1e\+300: too large: the traffic to Earth overflow",
        ),
        (
            lambda: ground.one_way_latency_s(550.0, terrestrial_km=1e306),
            r"^terrestrial_km=1e\+306: too large: the latencies overflow",
        ),
        (
            lambda: ground.slant_range_m(200000.0, 10.0),
            r"^altitude_km=200000: must be in \[100, 100000\] km",
        ),
    ],
)
def test_mismatched_shapes_and_overflow_are_input_errors(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_usable_terminals_of_mixed_rows():
    """Rows summed together keep their own answers: E[min(1, X)] = 1 - e^-3 = 0.950213;
    k = 40 far below mu = 500 gives 40; k = 1e300 with s = 3 gives s mu = 2.1 (not
    twice that, as a row past its window summed over another row's terms would)."""
    k = np.array([1.0, 40.0, 1e300])
    mu = np.array([3.0, 500.0, 0.7])
    s = np.array([1.0, 2.0, 3.0])
    got = ground._expected_usable_terminals(k, mu, s)
    assert_allclose(got, [1 - np.exp(-3.0), 40.0, 2.1], rtol=1e-12)


def test_a_row_gives_the_same_site_count_alone_and_in_an_array():
    """3000 satellites at 925.092 km, 12 terminals a site, 2 a satellite: 12 usable
    terminals (to 1e-15), 12 x 10 Gbps = 1.2e11 b/s a site, so 1.2e12 b/s needs
    exactly 10 sites. The Poisson sum of a row padded to a wider row's window gave
    12.0 terminals in the array and 11.999999999999998 alone, and a bare ceiling
    turned the latter into 11 sites."""
    h = 925.0920649816818
    alone = ground.ground_sites_needed(
        1.2e12, 3000.0, h, 1e10, terminals_per_site=12, satellite_terminals=2
    )
    both = ground.ground_sites_needed(
        1.2e12, [3000.0, 40000.0], h, 1e10, terminals_per_site=[12, 19], satellite_terminals=2
    )
    assert alone["sites_needed"] == both["sites_needed"][0] == 10


def test_coverage_near_a_90_deg_mask_keeps_its_digits():
    """(1 - cos lambda) / 2 cancelled for a tiny lambda: 5.55e-17 (+16 %) at an
    89.99999 deg mask and 0.0 at 89.9999999 deg. By hand, with the mask's zenith angle
    x = 90 deg - e and rho = R / (R + h): lambda = x - asin(rho sin x) = x (1 - rho)
    + O(x^3), and the cap sin^2(lambda / 2) = lambda^2 / 4 + O(lambda^4). At 550 km,
    rho = 6378.137 / 6928.137 = 0.920614, so at x = 1e-7 deg = 1.745329e-9 rad,
    lambda = 1.385553e-10 rad and the cap 4.79940e-21; at x = 1e-5 deg, 4.79940e-17."""
    rho = R / (R + 550.0)
    for mask in (90.0 - 1e-5, 90.0 - 1e-7):
        x = 90.0 - mask  # exact (Sterbenz): the offset of the mask as given, ~1e-14 off 1e-7
        lam = np.radians(x) * (1.0 - rho)
        assert_allclose(ground.earth_central_angle_deg(550.0, mask), np.degrees(lam), rtol=1e-9)
        assert_allclose(ground.coverage_fraction(550.0, mask), lam**2 / 4.0, rtol=1e-9)
    assert_allclose(ground.coverage_fraction(550.0, 89.9999999), 4.7994e-21, rtol=1e-4)
    # the largest mask below 90 deg: a positive angle (it was -3.9e-17 rad)
    assert ground.earth_central_angle_deg(550.0, np.nextafter(90.0, 0.0)) > 0
    # elsewhere the same cap: 550 km at 0 deg, lambda = acos(rho), (1 - rho) / 2
    assert_allclose(ground.coverage_fraction(550.0, 0.0), (1.0 - rho) / 2.0, rtol=1e-14)


def test_a_tiny_cap_is_a_tiny_capacity_not_no_link():
    """At an 89.9999999 deg mask the cap was 0, so a 1e11 bit/s link was reported as
    binding "no_link". By hand: 4000 satellites * 4.7994e-21 = 1.91976e-17 in view,
    usable terminals 1 - exp(-mu) = mu, capacity 1e11 * mu = 1.92e-6 bit/s: 1e9 bit/s
    needs 5.2e14 sites up, more than MAX_SITES: "target_unreachable"."""
    r = ground.ground_sites_needed(1e9, 4000, 550.0, 1e11, min_elevation_deg=89.9999999)
    mu = 4000 * ground.coverage_fraction(550.0, 89.9999999)
    assert_allclose(r["satellites_in_view_per_site"], 1.91976e-17, rtol=1e-5)
    assert_allclose(r["site_capacity_bps"], 1e11 * mu, rtol=1e-12)
    assert_allclose(r["sites_up_needed"], np.ceil(1e9 / (1e11 * mu)), rtol=1e-12)
    assert not r["feasible"] and r["binding"] == "target_unreachable"
    assert r["sites_needed"] == ground.MAX_SITES


def test_nothing_in_view_is_labelled_apart_from_no_link(monkeypatch):
    """A site that never sees a satellite carries nothing although the link closes: it
    was labelled "no_link" like a zero link rate. (No mask below 90 deg gives an empty
    cap any more, so the empty cap is forced here.) A zero rate stays "no_link", no
    traffic stays "no_traffic"."""

    def nothing_in_view(n_satellites, altitude_km, min_elevation_deg):
        shape = np.broadcast_shapes(*map(np.shape, (n_satellites, altitude_km, min_elevation_deg)))
        return np.zeros(shape)

    monkeypatch.setattr(ground, "mean_satellites_in_view", nothing_in_view)
    r = ground.ground_sites_needed(
        np.array([1e9, 1e9, 0.0]), 4000, 550.0, np.array([1e11, 0.0, 1e11])
    )
    assert list(r["binding"]) == ["none_in_view", "no_link", "no_traffic"]
    assert list(r["feasible"]) == [False, False, True]
    assert_allclose(r["sites_needed"], [np.inf, np.inf, 0.0])
    assert_allclose(r["availability_achieved"], [0.0, 0.0, 1.0])


def test_one_fleet_fast_path_broadcasts_a_2d_terminal_count():
    """A 1x1 terminal count with a fleet given as a constant array (a sweep of 5 identical
    samples) took the one-fleet shortcut and crashed with numpy's ValueError (the (1, 1)
    usable count could not be broadcast to the fleet's (5,)); it is the (1, 5) answer of
    the same inputs given the other way round. By hand: 100 satellites at 550 km, 20 deg
    mask, mu = 0.77585 in view (test_huge_terminal_count_is_the_mean_in_view), one
    terminal: 1 - exp(-mu) = 0.539685 usable, 1e11 bit/s a terminal, so 1e12 bit/s needs
    ceil(1e12 / 5.39685e10) = ceil(18.53) = 19 sites up (a = 1: 19 sites)."""
    for kwargs in ({"terminals_per_site": np.array([[1.0]])}, {"satellite_terminals": [[1]]}):
        r = ground.ground_sites_needed(1e12, np.full(5, 100.0), 550.0, 1e11, **kwargs)
        ref = ground.ground_sites_needed(1e12, 100.0, np.full((1, 5), 550.0), 1e11)
        assert r["sites_needed"].shape == r["usable_terminals_per_site"].shape == (1, 5)
        for key in ("usable_terminals_per_site", "site_capacity_bps", "sites_needed"):
            assert_allclose(r[key], ref[key], rtol=1e-12, err_msg=key)
        assert_allclose(r["usable_terminals_per_site"], 0.539685, rtol=1e-5)
        assert_allclose(r["sites_needed"], 19.0)


@pytest.mark.slow
def test_slant_range_and_central_angle_match_skyfield_at_an_equatorial_site():
    """Independent reference: skyfield (SGP4, WGS84) propagates a 550 km, 53 deg orbit
    for two days at 10 s steps, seen from a sea-level site on the equator, where the
    WGS84 ellipsoid meets the module's sphere (geocentric radius 6378.137 km) and the
    local vertical is the geocentric radial. Given skyfield's elevation and the
    satellite's geocentric radius minus R as the altitude, the slant range is skyfield's
    topocentric distance and the Earth central angle is the angle between the site's and
    the satellite's position vectors (1.2e-14 and 4.9e-13 deg found)."""
    from sgp4.api import WGS72, Satrec
    from skyfield.api import EarthSatellite, load, wgs84

    ts = load.timescale(builtin=True)
    epoch = ts.utc(2027, 3, 1)
    sat = Satrec()
    n_rad_per_min = np.sqrt(398600.4418 / (R + 550.0) ** 3) * 60.0
    sat.sgp4init(
        WGS72, "i", 1, epoch.tdb - 2433281.5, 0.0, 0.0, 0.0, 1e-7, 0.0,
        np.radians(53.0), 0.0, n_rad_per_min, 0.0,
    )  # fmt: skip
    es = EarthSatellite.from_satrec(sat, ts)
    site = wgs84.latlon(0.0, 10.0, 0.0)
    t = ts.utc(2027, 3, 1, 0, 0, np.arange(0.0, 2 * 86400.0, 10.0))
    elev, _, dist = (es - site).at(t).altaz()
    sat_km = es.at(t).position.km
    site_km = site.at(t).position.km
    seen = elev.degrees >= 0.0
    assert seen.sum() > 500  # several passes
    h = np.linalg.norm(sat_km, axis=0)[seen] - R
    e = elev.degrees[seen]
    assert_allclose(ground.slant_range_m(h, e), dist.m[seen], rtol=1e-12)
    cos_lam = np.sum(sat_km * site_km, axis=0) / (
        np.linalg.norm(sat_km, axis=0) * np.linalg.norm(site_km, axis=0)
    )
    lam = np.degrees(np.arccos(np.clip(cos_lam[seen], -1.0, 1.0)))
    assert_allclose(ground.earth_central_angle_deg(h, e), lam, atol=1e-9)


# ------------------------------------------------- one plane (a sun-synchronous ring)


def test_one_plane_averaged_over_the_sphere_is_the_cap_fraction():
    """Independent identity: a site placed at random on the sphere sees a given satellite
    a cap fraction of the time, whatever the satellite's plane; so the time-mean share of
    a ring in view, averaged over latitude with the area weight cos(phi) / 2, equals
    coverage_fraction (sin^2(lambda / 2)) for every inclination."""
    phi = np.linspace(-90.0, 90.0, 40_001)
    w = np.cos(np.radians(phi))
    for inc in (0.0, 30.0, 53.0, 97.99, 140.0):
        share = ground.ring_in_view_fraction(650.0, 20.0, inc, phi)["ring_in_view"]
        mean = np.trapezoid(share * w, phi) / np.trapezoid(w, phi)
        assert_allclose(mean, ground.coverage_fraction(650.0, 20.0), rtol=1e-6, err_msg=inc)


def _ring_brute_force(n_sat, altitude_km, mask_deg, inc_deg, lat_deg, n_grid=1200):
    """Time average by brute force: the site turns through n_grid longitudes relative to
    the plane's node and the ring (n_sat satellites evenly spaced, its phase on a grid
    of 16 offsets) is counted above the mask with explicit vectors on a sphere."""
    r = 6378.137
    th = (np.arange(n_grid) + 0.5) * 2 * np.pi / n_grid
    i, phi = np.radians(inc_deg), np.radians(lat_deg)
    site = r * np.stack(
        [np.cos(phi) * np.cos(th), np.cos(phi) * np.sin(th), np.full(n_grid, np.sin(phi))], -1
    )
    counts = []
    for off in (np.arange(16) + 0.5) / 16 * 2 * np.pi / n_sat:
        u = off + 2 * np.pi * np.arange(n_sat) / n_sat
        sat = (r + altitude_km) * np.stack(
            [np.cos(u), np.sin(u) * np.cos(i), np.sin(u) * np.sin(i)], -1
        )
        d = sat[None, :, :] - site[:, None, :]
        up = np.sum(d * site[:, None, :], -1) / r / np.linalg.norm(d, axis=-1)
        counts.append(np.sum(up >= np.sin(np.radians(mask_deg)), axis=-1))
    return np.concatenate(counts)


@pytest.mark.parametrize(
    ("altitude_km", "mask_deg", "inc_deg", "lat_deg"),
    [(650.0, 20.0, 97.99, 27.8), (1000.0, 10.0, 99.5, 34.4), (550.0, 25.0, 53.0, 45.0)],
)
def test_one_plane_against_a_brute_force_count(altitude_km, mask_deg, inc_deg, lat_deg):
    """A ring of 400 satellites counted above the mask from a site turning under it
    (_ring_brute_force: 1,200 site longitudes x 16 ring phases): the mean in view is the
    model's n * ring_in_view, the share of time with some satellite in view its
    time_visible (the spacing 0.9 deg is far below the cap's arc, so the ring is in view
    exactly while the plane is), within the grid's resolution; and with one terminal a
    site's usable terminals are 1 - exp(-mu) averaged over the day, between the share
    of time in view and it."""
    n = 400
    x = _ring_brute_force(n, altitude_km, mask_deg, inc_deg, lat_deg)
    r = ground.ring_in_view_fraction(altitude_km, mask_deg, inc_deg, lat_deg)
    assert_allclose(n * r["ring_in_view"], x.mean(), rtol=3e-3)
    assert_allclose(r["time_visible"], (x > 0).mean(), atol=3e-3)
    g = ground.ground_sites_needed(
        1e12, n, altitude_km, 1e10, min_elevation_deg=mask_deg,
        plane_inclination_deg=inc_deg, site_latitude_deg=lat_deg,
    )  # fmt: skip
    assert_allclose(g["satellites_in_view_per_site"], n * r["ring_in_view"], rtol=1e-12)
    assert_allclose(g["usable_terminals_per_site"], np.minimum(x, 1).mean(), rtol=0.02)
    assert g["usable_terminals_per_site"] <= r["time_visible"]


def test_one_plane_over_many_samples_equals_scalar_calls_and_checks_its_inputs():
    """Arrays of samples (the fleet, the latitude) give the scalar calls' answers; the
    two keywords are given together or not at all, each checked by name."""
    n = np.array([500.0, 500.0, 500.0, 2000.0])
    lat = np.array([0.0, 27.8, 60.0, 27.8])
    r = ground.ground_sites_needed(
        1e12, n, 650.0, 1e10, plane_inclination_deg=97.99, site_latitude_deg=lat
    )
    for j in range(4):
        one = ground.ground_sites_needed(
            1e12, n[j], 650.0, 1e10, plane_inclination_deg=97.99, site_latitude_deg=lat[j]
        )
        for key in ("usable_terminals_per_site", "sites_needed", "satellites_in_view_per_site"):
            assert_allclose(r[key][j], one[key], rtol=1e-12, err_msg=key)
    same = ground.ground_sites_needed(
        np.array([1e12, 2e12]), 500.0, 650.0, 1e10, plane_inclination_deg=97.99,
        site_latitude_deg=27.8,
    )  # fmt: skip
    assert_allclose(same["usable_terminals_per_site"], r["usable_terminals_per_site"][1])
    with pytest.raises(InputError, match=r"^plane_inclination_deg given without site_lat"):
        ground.ground_sites_needed(1e12, 500, 650.0, 1e10, plane_inclination_deg=97.99)
    with pytest.raises(InputError, match=r"^site_latitude_deg given without plane_incl"):
        ground.ground_sites_needed(1e12, 500, 650.0, 1e10, site_latitude_deg=30.0)
    with pytest.raises(InputError, match=r"^site_latitude_deg=91"):
        ground.ring_in_view_fraction(650.0, 20.0, 97.99, 91.0)
    with pytest.raises(InputError, match=r"^plane_inclination_deg=-1"):
        ground.ground_sites_needed(
            1e12, 500, 650.0, 1e10, plane_inclination_deg=-1.0, site_latitude_deg=30.0
        )


@pytest.mark.parametrize(
    "geometry", [{}, {"plane_inclination_deg": 97.99, "site_latitude_deg": 27.8}]
)
def test_a_design_repeated_over_samples_equals_scalar_calls(geometry):
    """The orbital placement passes a cluster's 81 terminals as a column of samples
    (every entry 81) beside fleets that differ: such a repeated input is summed once
    and broadcast back (it cost 0.2 s a call at 10,000 samples when summed for every
    sample), and each answer is the scalar call's, in the samples' shape."""
    traffic = np.linspace(1e12, 6e12, 6)[:, None]
    clusters = np.array([6.0, 10.0])
    s = np.full((6, 1), 81.0)
    r = ground.ground_sites_needed(
        traffic, clusters, 650.0, 1e10, terminals_per_site=4, satellite_terminals=s, **geometry
    )
    keys = ("usable_terminals_per_site", "satellites_in_view_per_site", "sites_needed")
    assert all(r[key].shape == (6, 2) for key in keys)
    for i in range(6):
        for j in range(2):
            one = ground.ground_sites_needed(
                traffic[i, 0], clusters[j], 650.0, 1e10, terminals_per_site=4,
                satellite_terminals=81, **geometry,
            )  # fmt: skip
            for key in keys:
                assert_allclose(r[key][i, j], one[key], rtol=1e-12, err_msg=key)


# Correlated site weather: site_weather_correlation (Beta-binomial sites up)


def _beta_params(a: float, rho: float) -> tuple[float, float]:
    """alpha, beta of the sites' common chance of clear sky, as ground computes them."""
    theta = (1.0 - rho) / rho
    return a * theta, (1.0 - a) * theta


def _betabinom_scan(m: float, a: float, target: float, rho: float) -> tuple[int, float]:
    """Reference: scan n upward from m with scipy.stats.betabinom (P(K <= m - 1) <= 1 -
    target above 0.5, P(K >= m) >= target up to 0.5), 256 counts a call; the count and
    scipy's P(K >= m) there."""
    al, be = _beta_params(a, rho)
    start = int(m)
    while True:
        n = np.arange(start, start + 256)
        if target > 0.5:
            met = stats.betabinom.cdf(m - 1, n, al, be) <= 1.0 - target
        else:
            met = stats.betabinom.sf(m - 1, n, al, be) >= target
        if met.any():
            first = int(n[np.argmax(met)])
            return first, float(stats.betabinom.sf(m - 1, first, al, be))
        start += 256


def _betabinom_sf_decimal(m: int, n: int, alpha: float, beta: float) -> Decimal:
    """P(K >= m), K ~ BetaBinomial(n, alpha, beta), as a 50-digit decimal sum: 1 minus
    the m terms from P(K = 0) = prod_j (beta + j) / (alpha + beta + j) by the ratio
    (n - k) (k + alpha) / ((k + 1) (n - k - 1 + beta)); alpha and beta exactly from
    their floats."""
    with localcontext() as ctx:
        ctx.prec = 50
        al, be = Decimal(alpha), Decimal(beta)
        term = Decimal(1)
        for j in range(n):
            term = term * (be + j) / (al + be + j)
        below = Decimal(0)
        for k in range(m):
            below += term
            term = term * (n - k) * (k + al) / ((k + 1) * (n - k - 1 + be))
        return 1 - below


def test_weather_correlation_zero_is_the_independent_result_bit_for_bit():
    """site_weather_correlation=0 (given as a float, or an array of zeros) returns
    every output of the call without it, bit for bit; so do the rows with rho = 0, or
    below 1e-29 (both Beta parameters above 1e29, where the Beta-binomial is the
    binomial to rounding), of an array that also has correlated rows. Today's number
    for 25 sites up at a = 0.68 and target 0.99: 48 sites, 0.9928368902507..."""
    rng = np.random.default_rng(11)
    traffic = rng.lognormal(np.log(1e13), 0.8, 300)
    avail = rng.uniform(0.2, 0.99, 300)
    target = rng.uniform(0.05, 0.9999, 300)
    kw = {"terminals_per_site": 4, "site_availability": avail, "target_availability": target}
    base = ground.ground_sites_needed(traffic, 20_000, 550.0, 100e9, **kw)
    for rho in (0.0, np.zeros(300)):
        same = ground.ground_sites_needed(
            traffic, 20_000, 550.0, 100e9, site_weather_correlation=rho, **kw
        )
        assert same.keys() == base.keys()
        for key in base:
            np.testing.assert_array_equal(same[key], base[key])
    rho = np.where(np.arange(300) % 3 == 0, 0.05, np.where(np.arange(300) % 3 == 1, 0.0, 1e-35))
    mixed = ground.ground_sites_needed(
        traffic, 20_000, 550.0, 100e9, site_weather_correlation=rho, **kw
    )
    independent = rho < 1e-30
    for key in ("sites_needed", "availability_achieved", "feasible", "binding"):
        np.testing.assert_array_equal(mixed[key][independent], base[key][independent])
    n, ok, achieved = _site_count._min_sites_correlated(
        np.array([25.0]), np.array([0.68]), np.array([0.99]), np.array([0.0])
    )
    assert n[0] == 48 and ok[0]
    assert_allclose(achieved, 0.9928368902507, rtol=1e-12)


def test_correlated_site_count_matches_a_scipy_betabinom_scan():
    """150 random rows (1 to 300 sites up, availability 0.2-0.98, targets 0.01-0.9999 on
    both sides of 0.5, rho 1e-4 to 0.4: up to 996 sites) and two near the limit
    (rho = 0.5 needs 5,550 sites for 25 up; a 0.9999 target at rho = 0.2 needs 896):
    the count equals the smallest n found by scanning scipy.stats.betabinom, and the
    achieved availability scipy's P(K >= m) there (within 1e-9: scipy's log-beta
    differences lose some 1e-11 at thousands of sites, see the decimal test)."""
    rng = np.random.default_rng(5)
    k = 150
    m = np.floor(np.exp(rng.uniform(0.0, np.log(300.0), k)))
    a = rng.uniform(0.2, 0.98, k)
    high = rng.uniform(size=k) < 0.6
    t = np.where(high, rng.uniform(0.5, 0.9999, k), rng.uniform(0.01, 0.5, k))
    rho = np.exp(rng.uniform(np.log(1e-4), np.log(0.4), k))
    m, a = np.append(m, [25.0, 25.0]), np.append(a, [0.68, 0.68])
    t, rho = np.append(t, [0.99, 0.9999]), np.append(rho, [0.5, 0.2])
    n, ok, achieved = _site_count._min_sites_correlated(m, a, t, rho)
    want = [_betabinom_scan(*row) for row in zip(m, a, t, rho, strict=True)]
    assert ok.all()
    assert_allclose(n, [w[0] for w in want], rtol=0)
    assert_allclose(achieved, [w[1] for w in want], rtol=1e-9)
    assert n[-2] == 5550 and n[-1] == 896


@pytest.mark.parametrize(
    ("m", "a", "target", "rho"),
    [
        (25, 0.68, 0.99, 0.05),  # above 0.5: exact tail, then the downward sum
        (300, 0.9, 0.999999, 0.002),  # a far target, near-binomial
        (1000, 0.68, 0.99, 1e-6),  # alpha, beta >> n: the binomial limit's forms
        (40, 0.02, 0.9, 0.01),  # a small availability: thousands of sites
        (3, 0.999, 0.9999, 0.3),  # beta below 1
        (60, 0.5, 0.3, 0.1),  # up to 0.5: the upward sum of the failure terms
        (200, 0.3, 1e-6, 0.001),  # a tiny target
    ],
)
def test_correlated_site_count_against_decimal_sums(m, a, target, rho):
    """n is the smallest count with P(K_n >= m) >= target, both sides checked on a
    50-digit decimal sum of the Beta-binomial terms (a reference independent of the
    log-gamma forms), and the achieved availability is that sum within 1e-12
    (relative), and for the targets above 0.5 the exact lower tail P(K_n <= m - 1) the
    search compares with 1 - target is the decimal complement within 1e-12 relative
    (the achieved availability, 1 minus it, carries float64's 1e-16 absolute)."""
    n, ok, achieved = _site_count._min_sites_correlated(
        np.array([float(m)]), np.array([a]), np.array([target]), np.array([rho])
    )
    n = int(n[0])
    al, be = _beta_params(a, rho)
    at_n = _betabinom_sf_decimal(m, n, al, be)
    before = _betabinom_sf_decimal(m, n - 1, al, be)
    assert ok[0] and n > m
    assert at_n >= Decimal(target) > before
    assert_allclose(achieved[0], float(at_n), rtol=1e-12)
    if target > 0.5:
        below = _site_count._bb_lower_tail(
            np.array([m - 1.0]), np.array([float(n)]), np.array([al]), np.array([be])
        )
        assert_allclose(below, float(1 - at_n), rtol=1e-12)


@pytest.mark.parametrize(
    ("m", "a", "target", "rho"),
    [(25, 0.68, 0.99, 0.05), (10, 0.5, 0.9, 0.2), (100, 0.8, 0.999, 0.01), (5, 0.68, 0.3, 0.3)],
)
def test_correlated_sites_reproduce_a_monte_carlo(m, a, target, rho):
    """A Monte Carlo of correlated sites (each sample draws the common chance of clear
    sky p ~ Beta(alpha, beta), then the sites up K ~ Binomial(n, p)) reproduces the
    achieved availability at the returned n within 4.5 standard errors (400,000
    samples); the independent binomial probability at that n lies more than 10
    standard errors away, so the test tells the two models apart."""
    n, ok, achieved = _site_count._min_sites_correlated(
        np.array([float(m)]), np.array([a]), np.array([target]), np.array([rho])
    )
    al, be = _beta_params(a, rho)
    rng = np.random.default_rng(2024)
    size = 400_000
    up = rng.binomial(int(n[0]), rng.beta(al, be, size))
    estimate = np.mean(up >= m)
    se = np.sqrt(achieved[0] * (1.0 - achieved[0]) / size)
    assert ok[0]
    assert_allclose(estimate, achieved[0], rtol=0, atol=4.5 * se)
    assert abs(stats.binom.sf(m - 1, n[0], a) - estimate) > 10 * se


def test_correlated_site_counts_vectorise_like_scalar_calls():
    """One call on arrays (a 2-D broadcast of traffic against availability, target and
    correlation) equals scalar calls element by element: the same counts, feasibility
    and labels, the achieved availability within 1e-13 (a row's terms are summed in
    blocks padded to the longest row beside it, which may round differently)."""
    rng = np.random.default_rng(8)
    traffic = rng.lognormal(np.log(3e12), 1.0, 6)
    avail = rng.uniform(0.3, 0.95, (5, 1))
    target = rng.uniform(0.2, 0.999, (5, 1))
    rho = np.array([[0.0], [0.01], [0.1], [0.3], [0.02]])
    kw = {"terminals_per_site": 2}
    r = ground.ground_sites_needed(
        traffic,
        5000,
        550.0,
        100e9,
        site_availability=avail,
        target_availability=target,
        site_weather_correlation=rho,
        **kw,
    )
    assert r["sites_needed"].shape == (5, 6)
    for i, j in np.ndindex(5, 6):
        one = ground.ground_sites_needed(
            float(traffic[j]),
            5000,
            550.0,
            100e9,
            site_availability=float(avail[i, 0]),
            target_availability=float(target[i, 0]),
            site_weather_correlation=float(rho[i, 0]),
            **kw,
        )
        assert one["sites_needed"] == r["sites_needed"][i, j]
        assert one["feasible"] == r["feasible"][i, j]
        assert one["binding"] == r["binding"][i, j]
        assert_allclose(one["availability_achieved"], r["availability_achieved"][i, j], rtol=1e-13)


def test_correlated_sites_near_the_limit():
    """More sites no longer average the weather away. (1) 100,000 sites up at a = 0.68,
    target 0.99: the count tends to m / q, q the 1 % quantile of Beta(alpha, beta)
    (scipy.stats.beta.ppf), 239,016 at rho = 0.05, and not to about m / a (147,000,
    the independent answer). (2) rho = 0.9: 1e6 sites do not reach 0.99 for 25 up:
    target_unreachable, 1e6 sites, and the availability they achieve is P(K >= 25)
    there, 0.855919430150835 from a 50-digit decimal sum (scipy's betabinom gives
    0.855919430191, 5e-11 off). (3) rho near 1 (one sky over every site): P(K >= m)
    tends to a at any count."""
    n, ok, _ = _site_count._min_sites_correlated(
        np.full(2, 1e5), np.full(2, 0.68), np.full(2, 0.99), np.array([0.05, 0.0])
    )
    assert ok.all()
    al, be = _beta_params(0.68, 0.05)
    assert_allclose(n[0], 1e5 / stats.beta.ppf(0.01, al, be), rtol=1e-3)
    assert_allclose(n[1], 1e5 / 0.68, rtol=0.01)
    r = ground.ground_sites_needed(
        np.array([25e11, 25e11]),
        20_000,
        550.0,
        1e11,
        site_availability=0.68,
        target_availability=0.99,
        site_weather_correlation=np.array([0.9, 1.0 - 1e-9]),
    )
    assert r["sites_up_needed"].tolist() == [25.0, 25.0]
    assert r["binding"].tolist() == ["target_unreachable"] * 2
    assert r["sites_needed"].tolist() == [ground.MAX_SITES] * 2
    assert_allclose(r["availability_achieved"][0], 0.855919430150835, rtol=1e-13)
    assert_allclose(r["availability_achieved"][1], 0.68, rtol=1e-8)


def test_correlated_site_counts_in_the_docstring():
    """The table of ground_sites_needed's docstring: sites needed at a = 0.68 and target
    0.99 for 10, 25, 100 and 1000 sites up at rho = 0, 0.01, 0.02 and 0.05."""
    rho = np.array([0.0, 0.01, 0.02, 0.05])
    table = {10: [22, 23, 24, 28], 25: [48, 51, 54, 65], 100: [168, 185, 200, 244]}
    table[1000] = [1533, 1773, 1938, 2395]
    for m, want in table.items():
        n, ok, _ = _site_count._min_sites_correlated(
            np.full(4, float(m)), np.full(4, 0.68), np.full(4, 0.99), rho
        )
        assert ok.all()
        assert n.tolist() == want


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (1.0, "site_weather_correlation=1: must be in [0, 1)"),
        (-0.1, "site_weather_correlation=-0.1: must be in [0, 1)"),
        (np.array([0.1, 1.5]), "site_weather_correlation=1.5: must be in [0, 1)"),
        (float("nan"), "site_weather_correlation=nan: must be a finite number"),
        ("0.1", "site_weather_correlation='0.1': must be a number"),
        (True, "site_weather_correlation=True: must be a number"),
        (
            np.full(2, 0.1),
            "array arguments do not broadcast together: traffic_bps (3,), "
            "site_weather_correlation (2,)",
        ),
    ],
)
def test_bad_site_weather_correlation_is_an_input_error(bad, message):
    with pytest.raises(InputError) as err:
        ground.ground_sites_needed(
            np.ones(3) * 1e12, 100, 550.0, 1e11, site_weather_correlation=bad
        )
    assert str(err.value).startswith(message)


def test_site_weather_correlation_is_the_pairwise_correlation():
    """For two sites, P(both up) = a^2 + rho a (1 - a) (rho the correlation of the two
    up/down indicators), so P(K_2 <= 1) = 1 - a^2 - rho a (1 - a); two exchangeable
    binary states have no other joint law, so P(K_2 >= 1) is also the two-site
    availability of atmosphere.site_diversity_availability with that correlation.
    From five sites on the two models part (0.98572 and 0.96498 at a = 0.68, rho = 0.1,
    checked against scipy.stats.betabinom)."""
    a = np.array([0.68, 0.68, 0.3, 0.95])
    rho = np.array([0.1, 0.3, 0.02, 0.6])
    al, be = _beta_params(a, rho)
    two = np.full(4, 2.0)
    assert_allclose(
        _site_count._bb_lower_tail(np.ones(4), two, al, be),
        1 - a**2 - rho * a * (1 - a),
        rtol=1e-13,
    )
    pair = atmosphere.site_diversity_availability(np.stack([a, a], axis=-1), correlation=rho)
    assert_allclose(1.0 - _site_count._bb_lower_tail(np.zeros(4), two, al, be), pair, rtol=1e-13)
    five = 1.0 - _site_count._bb_lower_tail(np.zeros(1), np.array([5.0]), al[:1], be[:1])
    assert_allclose(five, stats.betabinom.sf(0, 5, al[0], be[0]), rtol=1e-13)
    assert_allclose(five, 0.98572, atol=5e-6)
    mixed = atmosphere.site_diversity_availability(np.full(5, 0.68), correlation=0.1)
    assert_allclose(mixed, 0.96498, atol=5e-6)


def test_correlated_extremes_are_finite_and_exact():
    """Edge rows, none NaN and none warning: rho = 1e-35 and the smallest subnormal give
    the independent count (48) and probability exactly; two sites up at a = 0.75 and
    rho = 0.001 are both up with probability a^2 + rho a (1 - a) = 0.5626875, which
    meets 0.5625 with two sites; availability equal to the target with one site up
    needs one site, also for a = 1e-310; an availability of 5e-324 (its Beta parameter
    underflows) is unreachable with 0 achieved; a million sites up at rho = 0.01 are
    all up with probability B(alpha + 1e6, beta) / B(alpha, beta) = 3.747e-130
    (scipy.special.betaln), and no more are sized."""
    m = np.array([25.0, 25.0, 2.0, 1.0, 1.0, 3.0, 1e6])
    a = np.array([0.68, 0.68, 0.75, 1e-310, 0.5, 5e-324, 0.68])
    t = np.array([0.99, 0.99, 0.5625, 1e-310, 0.5, 0.5, 0.99])
    rho = np.array([1e-35, 5e-324, 1e-3, 0.5, 0.999, 0.99, 0.01])
    n, ok, achieved = _site_count._min_sites_correlated(m, a, t, rho)
    independent = _site_count._min_sites(m[:2], a[:2], t[:2])
    np.testing.assert_array_equal(n[:2], independent[0])
    np.testing.assert_array_equal(achieved[:2], independent[2])
    assert n.tolist() == [48.0, 48.0, 2.0, 1.0, 1.0, ground.MAX_SITES, ground.MAX_SITES]
    assert ok.tolist() == [True] * 5 + [False] * 2
    assert_allclose(achieved[2], 0.75**2 + 1e-3 * 0.75 * 0.25, rtol=1e-14)
    assert achieved[3] == 1e-310 and achieved[4] == 0.5 and achieved[5] == 0.0
    al, be = _beta_params(0.68, 0.01)
    assert_allclose(
        achieved[6], np.exp(special.betaln(al + 1e6, be) - special.betaln(al, be)), rtol=1e-8
    )
    r = ground.ground_sites_needed(
        1e12, 100, 550.0, 1e9, site_availability=1e-300, site_weather_correlation=0.5
    )
    assert r["binding"] == "target_unreachable" and np.isfinite(r["availability_achieved"])


def test_site_counts_remembered_across_calls_are_the_searched_ones():
    """_min_sites remembers the answers of a few distinct rows (a Monte Carlo that samples
    the traffic asks for the same counts of sites up call after call): a second call is
    answered from the memo with exactly what the search gives, and many distinct rows
    (over _MEMO_ROWS) are searched directly, with the same answers."""
    m = np.array([75.0, 80.0, 75.0, 1.0, 0.0])
    a = np.array([0.68, 0.68, 0.68, 0.5, 0.7])
    t = np.full(5, 0.99)
    _site_count._MEMO.clear()
    first = _site_count._min_sites(m, a, t)
    assert len(_site_count._MEMO) == 4  # the distinct rows
    again = _site_count._min_sites(m, a, t)
    direct = _site_count._min_sites_rows(m, a, t)
    for x, y, z in zip(first, again, direct, strict=True):
        np.testing.assert_array_equal(x, y)
        np.testing.assert_array_equal(x, z)
    rng = np.random.default_rng(3)
    n = _site_count._MEMO_ROWS + 50
    mm, aa = rng.integers(1, 200, n).astype(float), rng.uniform(0.3, 0.95, n)
    many = _site_count._min_sites(mm, aa, np.full(n, 0.99))
    rows = _site_count._min_sites_rows(mm, aa, np.full(n, 0.99))
    for x, z in zip(many, rows, strict=True):
        np.testing.assert_array_equal(x, z)
