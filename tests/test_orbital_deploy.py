"""Tests for orbitcompute.placements._orbital_deploy: the fleet's deployment ramp.

The reference here is independent of the module: the cumulative launch count
``Lambda(tau)`` is rebuilt from a plain loop over deployment years (cadence
``L (1 + g)**n``, year-end counts ``floor`` of the cumulative cadence, capped at
``N``; inside year ``n`` the count rises from its start value at
``max(c_n, rise_n)`` a year until it reaches the year-end count, as the module
docstring states) and the in-service fraction of each horizon year is integrated
numerically on a fine time grid (trapezoids, with the grid refined at the kinks).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from orbitcompute.placements._orbital_deploy import deployment_ramp


def _year_ends(n: float, lpy: float, g: float, n_years: int) -> tuple[list[float], list[float]]:
    """Whole launches at the ends of deployment years (leading 0) and each year's cadence."""
    s, c, ends, cad = 0.0, lpy, [0.0], []
    for _ in range(n_years):
        s += c
        whole = math.floor(s * (1.0 + 1e-12))  # float noise: 0.1 * 10 is 1 launch
        ends.append(float(min(whole, n)))
        cad.append(c)
        c *= 1.0 + g
    return ends, cad


def _reference(n: float, lpy: float, g: float, d: float, years: int) -> dict[str, np.ndarray]:
    """Year-average and year-end in-service fraction, launches by year, by a loop and a
    numerical integral of Lambda(t - d) over each horizon year."""
    ends, cad = _year_ends(n, lpy, g, years + 1)

    def lam(tau: np.ndarray) -> np.ndarray:
        out = np.zeros_like(tau)
        for k in range(years + 1):
            a, b = ends[k], ends[k + 1]
            rate = max(cad[k], b - a)
            sel = (tau >= k) & (tau < k + 1)
            out[sel] = np.minimum(a + rate * (tau[sel] - k), b)
        out[tau >= years + 1] = ends[-1]
        return out

    kinks = [d + k + min((ends[k + 1] - ends[k]) / max(cad[k], 1e-300), 1.0) for k in range(years)]
    kinks += [d + k for k in range(years + 1)]
    avg = []
    for y in range(years):
        t = np.linspace(y, y + 1, 2001)
        t = np.unique(np.r_[t, [x for x in kinks if y < x < y + 1]])
        avg.append(np.trapezoid(lam(t - d), t) / n)
    t_end = np.arange(1, years + 1, dtype=float)
    at_end = lam(t_end - d)
    return {
        "fraction_by_year": np.array(avg),
        "installed_fraction_by_year": at_end / n,
        "launches_by_year": np.diff(np.r_[0.0, at_end]),
        "launched_in_horizon": at_end[-1],
    }


def _one(n: float, lpy: float, g: float, d: float, years: int) -> dict[str, np.ndarray]:
    return deployment_ramp(
        np.asarray(n), np.asarray(lpy), np.asarray(g), np.asarray(d), years, installed=True
    )


@pytest.mark.parametrize(
    ("n", "lpy", "g", "d", "years"),
    [
        (10.0, 4.0, 0.0, 0.0, 4),
        (10.0, 4.0, 0.0, 1.5, 6),
        (3.0, 2.5, 0.0, 0.3, 3),  # a remainder carried into year 1 (floor(5) - floor(2.5) = 3)
        (416.0, 52.0, 0.5, 2.0, 6),
        (7.0, 0.3, 0.0, 0.0, 10),
        (20.0, 4.0, 1.0, 1.0, 5),
        (1000.0, 1e9, 0.0, 0.7, 3),
        (10.0, 10.0, 0.0, 2.999, 3),
        (300.0, 3.3, 0.7, 0.25, 9),
    ],
)
def test_ramp_matches_numerical_integral_of_the_launch_count(n, lpy, g, d, years):
    r = _one(n, lpy, g, d, years)
    ref = _reference(n, lpy, g, d, years)
    for k, v in ref.items():
        assert_allclose(r[k], v, rtol=1e-9, atol=1e-9, err_msg=k)


def test_ramp_matches_numerical_integral_random_cases():
    """200 random cases (cadence below and above one a year, growth 0 to 2, delays
    on and off whole years) against the loop-and-integral reference."""
    rng = np.random.default_rng(5)
    for _ in range(200):
        n = float(rng.choice([1, rng.integers(1, 30), rng.integers(1, 3000)]))
        lpy = float(rng.choice([rng.uniform(0.05, 10), rng.integers(1, 60), rng.uniform(1, 200)]))
        g = float(rng.choice([0.0, 0.5, rng.uniform(0, 2)]))
        d = float(rng.choice([0.0, 1.0, rng.uniform(0, 5), rng.integers(0, 8) + 0.5]))
        years = int(rng.choice([1, 6, rng.integers(1, 15)]))
        r = _one(n, lpy, g, d, years)
        for k, v in _reference(n, lpy, g, d, years).items():
            assert_allclose(r[k], v, rtol=1e-9, atol=1e-9, err_msg=f"{k} {(n, lpy, g, d, years)}")


def test_hand_calculation_constant_cadence():
    """N = 10 at 4 a year from d = 1.5: Lambda(tau) = 4 tau until 10 at tau = 2.5.
    Horizon year 1 (t in [1, 2]): tau in [-0.5, 0.5], integral of 4 tau over [0, 0.5]
    = 0.5, fraction 0.05; year 2: tau in [0.5, 1.5], 4 * (1.5**2 - 0.5**2) / 2 = 4,
    fraction 0.4; year 3: tau in [1.5, 2.5], 4 * (2.5**2 - 1.5**2) / 2 = 8, 0.8; then 1.
    Full at d + 2.5 = 4.0; first launch year 1.5 + 0 = 1.5."""
    r = _one(10.0, 4.0, 0.0, 1.5, 5)
    assert_allclose(r["fraction_by_year"], [0.0, 0.05, 0.4, 0.8, 1.0], atol=1e-15)
    assert_allclose(r["installed_fraction_by_year"], [0.0, 0.2, 0.6, 1.0, 1.0], atol=1e-15)
    assert_allclose(r["launches_by_year"], [0.0, 2.0, 4.0, 4.0, 0.0], atol=1e-15)
    assert_allclose([r["time_to_full_years"], r["time_to_first_years"]], [4.0, 1.5])


@pytest.mark.parametrize("years", [1, 6])
def test_unlimited_cadence_launches_sum_to_the_launches_in_the_horizon(years):
    """Unlimited cadence: the whole fleet (N = 715) flies at t = d and counts as launched
    by t = d (installed_fraction_by_year at the year end t = d is 1). At d = years, the
    horizon's end, it is launched within the horizon (end_fraction 1), so its launches
    are flown in a horizon year, the last: the sum of launches_by_year is
    launched_in_horizon. They used to be in no year (sum 0 with 715 launched), so the
    orbital placement paid for the whole fleet's hardware and none of its launches.
    Just after the end, nothing; just before, the last year too."""
    d = np.array([years - 0.5, float(years), years + 1e-9])
    r = deployment_ramp(np.asarray(715.0), np.asarray(np.inf), np.asarray(0.0), d, years, True)
    want_last = [715.0, 715.0, 0.0]
    assert_allclose(r["launches_by_year"].sum(axis=-1), want_last)
    assert_allclose(r["launches_by_year"][:, -1], want_last)
    assert_allclose(r["launched_in_horizon"], want_last)
    assert_allclose(r["end_fraction"], [1.0, 1.0, 0.0])
    assert_array_equal(r["installed_fraction_by_year"][:, -1], r["end_fraction"])
    assert_allclose(r["fraction_by_year"][:, -1], [0.5, 0.0, 0.0])


def test_unlimited_cadence_launch_year_off_the_horizon_end_is_unchanged():
    """d = 2 (and 2.5) with 6 years: the launches in horizon year 2, nowhere else."""
    r = deployment_ramp(
        np.asarray(50.0), np.asarray(np.inf), np.asarray(0.0), np.array([2.0, 2.5]), 6, True
    )
    assert_allclose(r["launches_by_year"], [[0, 0, 50, 0, 0, 0]] * 2)
    assert_allclose(r["fraction_by_year"], [[0, 0, 1, 1, 1, 1], [0, 0, 0.5, 1, 1, 1]])


def test_array_call_equals_elementwise_scalar_calls():
    """Mixed unlimited and finite cadences, N = 0, growth, delays; element-wise call
    and the path that ramps each distinct launch count once (>= 256 samples)."""
    rng = np.random.default_rng(11)
    m = 300
    n = rng.choice([0.0, 1.0, 5.0, 37.0, 416.0], m)
    lpy = rng.choice([np.inf, 0.3, 2.5, 52.0, 1e9], m)
    g = rng.choice([0.0, 0.5, 1.3], m)
    d = rng.choice([0.0, 1.0, 2.5, 0.3, 7.0], m)
    r = deployment_ramp(n, lpy, g, d, 6, installed=True)
    for i in range(0, m, 3):
        s = _one(n[i], lpy[i], g[i], d[i], 6)
        for k in s:
            assert_allclose(r[k][i], s[k], rtol=1e-12, atol=0, err_msg=k)
    shared = deployment_ramp(n, np.asarray(2.5), np.asarray(0.4), np.asarray(1.7), 6, True)
    for i in range(0, m, 7):
        s = _one(n[i], 2.5, 0.4, 1.7, 6)
        for k in s:
            assert_allclose(shared[k][i], s[k], rtol=1e-12, atol=0, err_msg=k)
