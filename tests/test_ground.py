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
