"""Tests for orbitcompute.ground: geometry, sites needed, latency."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from orbitcompute import InputError, ground
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
    n, ok, achieved = ground._min_sites(m, np.full(m.shape, a), np.full(m.shape, target))
    want = [_smallest_n_scipy(x, a, target) for x in m]
    assert ok.all()
    assert_allclose(n, want)
    assert_allclose(achieved, stats.binom.sf(m - 1, n, a), rtol=1e-10)


def test_site_count_bisection_fallback_agrees(monkeypatch):
    """Rows too long for the table (forced here) go through bisection: same answer,
    also when availability and target vary per sample."""
    m = np.array([3.0, 90.0, 183.0, 400.0])
    a = np.array([0.5, 0.683, 0.683, 0.9])
    t = np.array([0.99, 0.99, 0.9, 0.999])
    table = ground._min_sites(m, a, t)
    monkeypatch.setattr(ground, "_NB_MAX_FAILURES", 0)
    bisect = ground._min_sites(m, a, t)
    for x, y in zip(table, bisect, strict=True):
        assert_allclose(x, y, rtol=1e-10)
    assert_allclose(table[0], [_smallest_n_scipy(*row) for row in zip(m, a, t, strict=True)])


def test_sparse_constellation_needs_more_sites_and_zero_rate_is_infeasible():
    r = ground.ground_sites_needed(1e12, np.array([20, 20_000]), 650.0, 100e9)
    assert r["sites_needed"][0] > r["sites_needed"][1]
    z = ground.ground_sites_needed(1e12, 100, 650.0, 0.0)
    assert not z["feasible"] and np.isnan(z["sites_needed"]) and z["binding"] == "no_link"


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
