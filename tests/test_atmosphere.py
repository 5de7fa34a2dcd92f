"""Tests for orbitcompute.atmosphere (itur wrapper, site diversity)."""

from __future__ import annotations

import warnings

import itur
import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import InputError, atmosphere, catalog


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


def test_rf_availability_takes_the_antenna_efficiency():
    """The availability used a fixed antenna efficiency of 0.5 (ITU-R P.618's
    scintillation term) while `rf_link` and the catalog use 0.6: with the same efficiency
    as the attenuation it inverts, a margin equal to the 1 % attenuation of a 0.6 m,
    eta 0.3 antenna at 20 GHz and 10 deg (where scintillation matters) gives ~99 %;
    the efficiency is checked by name."""
    args = (40.4, -3.7, 20e9, 10.0)
    a1 = atmosphere.rf_attenuation_db(*args, 1.0, 0.6, 0.3)["total_db"]
    av = atmosphere.rf_availability(*args, a1, 0.6, antenna_efficiency=0.3)
    assert_allclose(av["availability"], 0.99, atol=2e-4)
    # a smaller effective aperture scintillates more: slightly less availability
    # (0.990197 against 0.990201 at the former fixed 0.5)
    default = atmosphere.rf_availability(*args, a1, 0.6)["availability"]
    assert av["availability"] < default
    with pytest.raises(InputError, match=r"^antenna_efficiency="):
        atmosphere.rf_availability(*args, 3.0, 0.6, antenna_efficiency=1.5)


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


@pytest.mark.parametrize("elevation", [1e-300, 0.5, 4.99, 90.5])
def test_elevation_outside_the_itur_models_range_raises(elevation):
    """ITU-R P.676-12 Annex 2 (gas) is recommended for 5-90 deg, P.618-13 sec. 2.4.1
    (scintillation) above 5 deg; itur warns below 5 and gave 108 dB at 0.5 deg and
    inf near 0. Refused before any itur call. The message cited P.676-11, as itur's own
    warning text does, but itur 0.4.0 computes with P.676-12 (its default version)."""
    from itur.models import itu676

    assert itu676.get_version() == 12
    message = r"^elevation_deg=.*: must be in \[5, 90\] deg, the range of ITU-R P\.676-12"
    with pytest.raises(InputError, match=message):
        atmosphere.rf_attenuation_db(40.0, -3.7, 20e9, elevation)


def test_elevation_limits_are_itur_values_without_warnings():
    """5 and 90 deg are accepted, equal the direct itur call (whose gaseous-attenuation
    check also warns at exactly 90 deg, mod(90, 90) < 5), and warn nothing."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = atmosphere.rf_attenuation_db(40.4, -3.7, 20e9, np.array([5.0, 90.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = itur.atmospheric_attenuation_slant_path(
            40.4, -3.7, 20.0, np.array([5.0, 90.0]), 1.0, 1.0, return_contributions=True
        )
    assert_allclose(got["total_db"], direct[-1].to_value("dB"), rtol=1e-12)


def test_antenna_efficiency_array_is_one_itur_call_per_value():
    """An efficiency per element (was a raw TypeError): each equals itur with that eta;
    the scintillation (D_eff = sqrt(eta) D, P.618-13 eq. 45) differs, gas does not."""
    got = atmosphere.rf_attenuation_db(40.4, -3.7, 20e9, 30.0, 1.0, 1.2, np.array([0.5, 0.7]))
    for i, eta in enumerate([0.5, 0.7]):
        direct = itur.atmospheric_attenuation_slant_path(
            40.4, -3.7, 20.0, 30.0, 1.0, 1.2, eta=eta, return_contributions=True
        )
        assert_allclose(got["scintillation_db"][i], direct[3].to_value("dB"), rtol=1e-12)
        assert_allclose(got["total_db"][i], direct[4].to_value("dB"), rtol=1e-12)
    assert got["scintillation_db"][1] < got["scintillation_db"][0]


def test_large_antennas():
    """A 1 km antenna averages scintillation out: x = 1.22 eta D^2 f / L >= 7 gives g = 0
    (P.618-13 eq. 46), scintillation 0 dB, without itur's sqrt RuntimeWarning. 1e300 m
    overflows float64 in that formula: an InputError naming the diameter."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = atmosphere.rf_attenuation_db(40.4, -3.7, 20e9, 30.0, 1.0, 1000.0)
    assert r["scintillation_db"] == 0.0
    with pytest.raises(InputError, match=r"^antenna_diameter_m=1e\+300: too large"):
        atmosphere.rf_attenuation_db(40.4, -3.7, 20e9, 30.0, 1.0, 1e300)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: atmosphere.rf_attenuation_db(np.full(3, 40.0), -3.7, 20e9, np.full(2, 30.0)),
            r"^array arguments do not broadcast together: latitude_deg \(3,\), "
            r"elevation_deg \(2,\)",
        ),
        (
            lambda: atmosphere.rf_availability(np.full(2, 40.0), -3.7, 20e9, 30.0, np.ones(3)),
            r"^array arguments do not broadcast together: latitude_deg \(2,\), "
            r"fade_margin_db \(3,\)",
        ),
        (
            lambda: atmosphere.rf_availability(40.0, -3.7, 20e9, 30.0, np.ones(3), np.ones(2)),
            r"^array arguments do not broadcast together: antenna_diameter_m \(2,\), "
            r"fade_margin_db",
        ),
        (
            lambda: atmosphere.site_diversity_availability(
                np.full((3, 4), 0.5), correlation=np.full(4, 0.5)
            ),
            r"^correlation=array\(\[0\.5, 0\.5, 0\.5, 0\.5\]\): shape \(4,\) does not broadcast "
            r"against cloud_free_probability's shape \(3, 4\) without axis -1, \(3,\)",
        ),
    ],
)
def test_shapes_that_do_not_broadcast_are_input_errors(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_correlation_per_site_group():
    """Correlation along the other axis: rows of two sites at 0.5, rho = 0 and 1:
    1 - 0.5^2 = 0.75 and max p = 0.5."""
    p = np.full((2, 2), 0.5)
    got = atmosphere.site_diversity_availability(p, correlation=np.array([0.0, 1.0]))
    assert_allclose(got, [0.75, 0.5])


@pytest.mark.parametrize("bad", ["abc", None, np.array([0.5, 0.6]), [0.5], "0.5", True, 0.0, 1.5])
def test_cloud_free_override_must_be_one_probability(bad):
    with pytest.raises(
        InputError, match=r"^table_mountain_octl=.*: must be one cloud-free probability in \(0, 1\]"
    ):
        atmosphere.site_cloud_free_probability("table_mountain_octl", table_mountain_octl=bad)


def test_cloud_free_override_and_unknown_names():
    """A valid override replaces the catalog value; unknown names name ``names``."""
    got = atmosphere.site_cloud_free_probability(
        ["table_mountain_octl", "haleakala_ogs2"], haleakala_ogs2=0.42
    )
    assert_allclose(got[1], 0.42)
    with pytest.raises(InputError, match=r"^names='abc': not in data/ground_sites\.csv"):
        atmosphere.site_cloud_free_probability("abc")
    with pytest.raises(InputError, match=r"^names\[1\]='abc': not in data/ground_sites\.csv"):
        atmosphere.site_cloud_free_probability(["table_mountain_octl", "abc"])


def test_one_site_name_gives_a_0d_array():
    """One name returned a numpy.float64 scalar although the docstring promises a 0-d
    array (as for an override); a list still gives one value per name."""
    for got in (
        atmosphere.site_cloud_free_probability("teide_esa_ogs"),
        atmosphere.site_cloud_free_probability("teide_esa_ogs", teide_esa_ogs=0.5),
    ):
        assert type(got) is np.ndarray and got.shape == ()
    assert_allclose(atmosphere.site_cloud_free_probability("teide_esa_ogs", teide_esa_ogs=0.5), 0.5)
    assert atmosphere.site_cloud_free_probability(["teide_esa_ogs"]).shape == (1,)


def test_site_altitude_reaches_itur():
    """The station height goes to itur as ``hs`` [km]: our result equals itur's own call
    with it (Ka band 26 GHz, 30 deg, 0.01 % of the year, 5.4 m at 0.6), and on a mountain
    it is far below the default from the P.1511 map (Haleakala 3,052 m: 31.34 dB with its
    height, 40.07 dB at the map's), which rf_availability inherits."""
    import itur

    gs = catalog.load("ground_sites")
    lat, lon = gs["latitude_deg"].to_numpy(float), gs["longitude_deg"].to_numpy(float)
    alt = gs["altitude_m"].to_numpy(float)
    ours = atmosphere.rf_attenuation_db(lat, lon, 26e9, 30.0, 0.01, 5.4, 0.6, site_altitude_m=alt)
    ref = itur.atmospheric_attenuation_slant_path(
        lat, lon, 26.0, 30.0, 0.01, 5.4, hs=alt / 1e3, eta=0.6
    )
    assert_allclose(ours["total_db"], ref.to_value("dB"), rtol=1e-12)
    mapped = atmosphere.rf_attenuation_db(lat, lon, 26e9, 30.0, 0.01, 5.4, 0.6)
    i = list(gs.index).index("haleakala_ogs2")
    assert_allclose([ours["total_db"][i], mapped["total_db"][i]], [31.34, 40.07], atol=0.01)
    high = atmosphere.rf_availability(lat[i], lon[i], 26e9, 30.0, 10.0, 5.4, site_altitude_m=3052)
    low = atmosphere.rf_availability(lat[i], lon[i], 26e9, 30.0, 10.0, 5.4)
    assert high["availability"] > low["availability"]
    with pytest.raises(InputError, match=r"site_altitude_m=9500"):
        atmosphere.rf_attenuation_db(lat[i], lon[i], 26e9, 30.0, 0.01, site_altitude_m=9500.0)


def test_south_pole_latitude_is_named():
    """itur's ITU-R P.836 and P.453 maps give NaN at exactly -90 deg (the gas and
    scintillation terms, whatever the longitude): the error named no parameter ("itur
    gave a non-finite attenuation ..."). Now latitude_deg is named, for rf_availability
    too, and just inside the pole the model works (0.38 dB at 26 GHz, 30 deg, 0.1 %: a
    dry site, no rain or cloud, 0.12 dB of gas and 0.26 dB of scintillation)."""
    for call in (
        lambda: atmosphere.rf_attenuation_db(-90.0, 0.0, 26e9, 30.0, 0.1),
        lambda: atmosphere.rf_availability(np.array([40.4, -90.0]), 0.0, 26e9, 30.0, 5.0),
    ):
        with pytest.raises(InputError, match=r"^latitude_deg=-90: must be in \(-90, 90\] deg"):
            call()
    near = atmosphere.rf_attenuation_db(-89.9999, 0.0, 26e9, 30.0, 0.1)
    assert_allclose(near["total_db"], 0.38, atol=0.005)
    assert near["rain_db"] < 1e-9 and near["cloud_db"] == 0.0
