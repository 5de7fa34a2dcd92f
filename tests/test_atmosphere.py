"""Tests for orbitcompute.atmosphere (itur wrapper, site diversity)."""

from __future__ import annotations

import itur
import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import InputError, atmosphere


def test_itur_through_toolkit_equals_direct_call():
    """rf_attenuation_db must return exactly what itur returns, in plain dB floats."""
    lat, lon, el = np.array([40.4, 34.38]), np.array([-3.7, -117.68]), np.array([30.0, 45.0])
    got = atmosphere.rf_attenuation_db(lat, lon, 20e9, el, np.array([1.0, 0.1]), 1.2)
    for i, p in enumerate([1.0, 0.1]):
        direct = itur.atmospheric_attenuation_slant_path(
            lat[i], lon[i], 20.0, el[i], p, 1.2, return_contributions=True
        )
        for key, q in zip(
            ("gas_db", "cloud_db", "rain_db", "scintillation_db", "total_db"), direct, strict=True
        ):
            assert_allclose(got[key][i], q.to_value("dB"), rtol=1e-12)
    assert isinstance(got["total_db"], np.ndarray) and got["total_db"].dtype == float


def test_rf_availability_inverts_the_exceedance_curve():
    """A margin equal to the 1 % (0.1 %) attenuation gives ~99 % (99.9 %) availability."""
    a1 = atmosphere.rf_attenuation_db(40.4, -3.7, 20e9, 30.0, 1.0, 1.2)["total_db"]
    a01 = atmosphere.rf_attenuation_db(40.4, -3.7, 20e9, 30.0, 0.1, 1.2)["total_db"]
    av = atmosphere.rf_availability(40.4, -3.7, 20e9, 30.0, np.array([a1, a01, 100.0]), 1.2)
    assert_allclose(av["availability"][:2], [0.99, 0.999], atol=2e-4)
    assert av["above_range"][2]


def test_site_diversity_formula():
    """1 - prod(1 - p): 0.7, 0.65 -> 1 - 0.3*0.35 = 0.895; correlation 1 -> max p."""
    p = np.array([[0.7, 0.65], [0.5, 0.5]])
    assert_allclose(atmosphere.site_diversity_availability(p), [0.895, 0.75])
    assert_allclose(atmosphere.site_diversity_availability(p, correlation=1.0), [0.7, 0.5])
    assert_allclose(
        atmosphere.site_diversity_availability(p, correlation=0.5), [0.5 * 0.895 + 0.5 * 0.7, 0.625]
    )


def test_catalog_cloud_probabilities():
    p = atmosphere.site_cloud_free_probability(["table_mountain_octl", "haleakala_ogs2"])
    assert np.all((p > 0) & (p < 1))
    with pytest.raises(InputError, match="cloud_free_probability"):
        atmosphere.site_cloud_free_probability("svalbard_ksat")


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.2])
def test_availability_outside_unit_interval_raises(bad):
    with pytest.raises(InputError, match="cloud_free_probability"):
        atmosphere.site_diversity_availability([0.5, bad])


def test_percent_time_out_of_itur_range_raises():
    with pytest.raises(InputError, match="percent_time"):
        atmosphere.rf_attenuation_db(40.0, 0.0, 20e9, 30.0, 20.0)


def test_site_inputs_are_checked_and_named():
    """Two independent sites clear half and 60 % of the time: 1 - 0.5 x 0.4 = 0.8."""
    from orbitcompute import atmosphere

    assert_allclose(atmosphere.site_diversity_availability([0.5, 0.6]), 0.8)
    cases = [
        (lambda: atmosphere.site_diversity_availability([]), r"^cloud_free_probability=.*at least"),
        (
            lambda: atmosphere.site_diversity_availability([0.5], axis=5),
            r"^axis=5: must be an axis",
        ),
        (lambda: atmosphere.site_cloud_free_probability(None), r"^names=None: must be a site"),
        (
            lambda: atmosphere.site_cloud_free_probability("table_mountain_octl", foo=0.5),
            r"^foo=0\.5: overrides a site that is not in names",
        ),
        (
            lambda: atmosphere.rf_availability("abc", 0.0, 20e9, 30.0, 5.0),
            r"^latitude_deg='abc': must be a number",
        ),
    ]
    for call, message in cases:
        with pytest.raises(InputError, match=message):
            call()
