"""Orbit geometry, the analytic Sun, the analytic and fast eclipse models (no skyfield)."""

from __future__ import annotations

import datetime
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from orbitcompute import InputError
from orbitcompute.cli import main
from orbitcompute.constants import EARTH_J2, EARTH_MU_KM3_PER_S2, EARTH_RADIUS_KM
from orbitcompute.orbit import (
    Orbit,
    beta_angle_deg,
    conical_shadow,
    critical_beta_deg,
    earth_angular_radius_deg,
    eclipse_fraction,
    eclipse_summary,
    node_precession_rad_per_s,
    orbital_period_s,
    position_eci_km,
    secular_rates_rad_per_s,
    sun_direction_eci,
    sun_distance_au,
    sun_ecliptic_longitude_deg,
    sun_synchronous_inclination_deg,
    sunlit,
)
from orbitcompute.orbit.elements import EARTH_J4

ISS_TLE = (  # ISS-like elements at 2024 day 1.5, with their checksums (column 69)
    "1 25544U 98067A   24001.50000000  .00016717  00000-0  10270-3 0  9009",
    "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.50377579 12348",
)


def test_reference_values_650_km():
    """Vallado (2013) formulas at h = 650 km (R = 6378.137 km, mu = 398600.4418 km3/s2).

    i_SSO = 98.010 deg (the node rate of SGP4's secular J2 + J2^2 + J4 terms, see
    test_sun_synchronous_inclination_solves_the_propagators_node_rate; first-order J2
    gives 97.986), beta* = asin(6378.137/7028.137) = 65.16 deg,
    f_E(0) = acos(sqrt(650^2 + 2*6378.137*650)/7028.137)/pi = 0.3620,
    T = 2 pi sqrt(7028.137^3/398600.4418) = 5863.7 s.
    """
    assert_allclose(sun_synchronous_inclination_deg(650.0), 98.010, atol=0.001)
    assert_allclose(critical_beta_deg(650.0), 65.16, atol=0.01)
    assert_allclose(earth_angular_radius_deg(650.0), 65.16, atol=0.01)
    assert_allclose(eclipse_fraction(650.0, 0.0), 0.3620, atol=1e-4)
    assert_allclose(orbital_period_s(650.0), 5863.7, atol=0.1)


def test_research_table_other_altitudes():
    """Reference table (R, mu as above): 400 km -> i 97.03, beta* 70.22, f_E 0.3901;
    550 km -> 97.59, 67.02, 0.3723. The table's inclinations are first-order J2; with the
    propagator's node rate (J2^2 and J4 terms too) they are 97.053 and 97.617 deg."""
    h = np.array([400.0, 550.0])
    assert_allclose(sun_synchronous_inclination_deg(h), [97.053, 97.617], atol=0.001)
    assert_allclose(critical_beta_deg(h), [70.22, 67.02], atol=0.01)
    assert_allclose(eclipse_fraction(h, 0.0), [0.3901, 0.3723], atol=1e-4)


def test_node_precession_sso_rate():
    """At the SSO inclination the node advances 360 deg per tropical year (0.9856 deg/day)
    at the secular rate the propagators use; the first-order J2 rate there is about 0.3 %
    faster (the J2^2 and J4 terms slow the node)."""
    h = np.array([400.0, 650.0, 1000.0])
    inc = sun_synchronous_inclination_deg(h)
    rate = secular_rates_rad_per_s(EARTH_RADIUS_KM + h, 0.0, inc)[0]
    assert_allclose(np.degrees(rate) * 86400.0, 360.0 / 365.2422, rtol=1e-9)
    first_order = node_precession_rad_per_s(h, inc)
    assert np.all(first_order / rate > 1.002)


def test_sun_synchronous_inclination_solves_the_propagators_node_rate():
    """The SSO inclination was the first-order J2 one (97.986 deg at 650 km), while the
    propagator (SGP4's secular rates) moves that node at 0.9969 of the Sun's rate: the
    local time of the node slid 4.3 min per year.

    Hand derivation (Vallado et al. 2006, sgp4init, e = 0, ao = a / R_E, n = sqrt(mu/a^3)):
    temp1 = 1.5 J2 n / ao^2, temp2 = 0.5 temp1 J2 / ao^2, temp3 = -0.46875 J4 n / ao^4,
    nodedot = -temp1 c + (0.5 temp2 (4 - 19 c^2) + 2 temp3 (3 - 7 c^2)) c, c = cos i,
    i.e. the cubic (-9.5 temp2 - 14 temp3) c^3 + (-temp1 + 2 temp2 + 6 temp3) c = w_sun,
    w_sun = 2 pi / (365.2422 d, the tropical year); its root in [-1, 0] is the inclination
    (98.0102 deg at 650 km)."""
    h = np.array([400.0, 650.0, 1000.0, 3000.0])
    a = EARTH_RADIUS_KM + h
    n = np.sqrt(EARTH_MU_KM3_PER_S2 / a**3)
    ao = a / EARTH_RADIUS_KM
    temp1 = 1.5 * EARTH_J2 * n / ao**2
    temp2 = 0.5 * temp1 * EARTH_J2 / ao**2
    temp3 = -0.46875 * EARTH_J4 * n / ao**4
    w_sun = 2.0 * np.pi / (365.2422 * 86400.0)
    want = []
    for k in range(h.size):
        roots = np.roots(
            [
                -9.5 * temp2[k] - 14.0 * temp3[k],
                0.0,
                -temp1[k] + 2 * temp2[k] + 6 * temp3[k],
                -w_sun,
            ]
        )
        c = [r.real for r in roots if abs(r.imag) < 1e-12 and -1.0 <= r.real <= 0.0]
        assert len(c) == 1
        want.append(np.degrees(np.arccos(c[0])))
    got = sun_synchronous_inclination_deg(h)
    assert_allclose(got, want, rtol=0, atol=1e-9)
    assert_allclose(got[1], 98.0102, atol=1e-4)
    # above 5981.66 km even i = 180 deg regresses the node too slowly
    # (the same cubic at 5981.6 km: cos i = -0.999982, i = 179.655 deg)
    assert_allclose(sun_synchronous_inclination_deg(5981.6), 179.655, atol=1e-3)
    with pytest.raises(InputError, match=r"^altitude_km=5982: .*\[100, 5981\.66\] km"):
        sun_synchronous_inclination_deg(5982.0)


def test_dawn_dusk_orbit_stays_dawn_dusk_for_ten_years():
    """The June-solstice beta of the 650 km dawn-dusk SSO (epoch 2026) is 58.55 deg in 2026
    and, with the node following the Sun, the same in 2035 (it was 56.9 deg: the node had
    slid 43 min of local time). So the June eclipse stays 19.75 min (it grew to 21.6 min)
    and the fast model's June 2035 window matches its June 2026 one."""
    dd = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-01-01")
    t = np.array(["2026-06-21", "2035-06-21"], dtype="datetime64[s]")
    beta = beta_angle_deg(dd, t)
    assert_allclose(beta[1], beta[0], atol=0.02)
    s = eclipse_summary(dd, days=3652, method="analytic")
    longest = s["profile_longest_eclipse_min"]
    assert_allclose(longest[-365:].max(), longest[:365].max(), atol=0.02)
    assert_allclose(longest[:365].max(), 19.75, atol=0.01)
    fast = [
        eclipse_summary(dd, days=14, method="fast", start=f"{y}-06-14")["longest_eclipse_min"]
        for y in (2026, 2035)
    ]
    assert_allclose(fast[1], fast[0], atol=0.02)


def test_geo_period_is_sidereal_day():
    """GEO radius 42164.17 km gives T = 86164.1 s (one sidereal day)."""
    assert_allclose(Orbit.geostationary().period_s, 86164.1, atol=0.5)


def test_sun_equinox_solstice_and_distance():
    """USNO: March equinox 2026-03-20 14:46 UTC; June solstice 2026-06-21 08:24 UTC
    (declination +23.44 deg); perihelion 2026-01-03 (0.98330 AU); aphelion 2026-07-06
    (1.01665 AU). Low-precision formulas are good to 0.01 deg."""
    lam = sun_ecliptic_longitude_deg(np.datetime64("2026-03-20T14:46"))
    assert_allclose(np.mod(lam + 180.0, 360.0) - 180.0, 0.0, atol=0.01)
    s = sun_direction_eci(np.datetime64("2026-06-21T08:24"))
    assert_allclose(np.degrees(np.arcsin(s[2])), 23.436, atol=0.01)
    assert_allclose(np.linalg.norm(s), 1.0)
    assert_allclose(sun_distance_au(np.datetime64("2026-01-03T17:00")), 0.98330, atol=2e-4)
    assert_allclose(sun_distance_au(np.datetime64("2026-07-06T18:00")), 1.01665, atol=2e-4)


def test_dawn_dusk_beta_through_the_year():
    """Dawn-dusk 650 km SSO (LTAN 18 h): beta = asin(sin(i + delta_sun)), i.e. 58.6 deg at
    the June solstice, about 82 deg at the March equinox, 74.5 deg in December
    (skyfield check in the research notes: 58.56, 82.11, 74.47)."""
    dd = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-01-01")
    t = np.array(["2026-03-20", "2026-06-21", "2026-12-21"], dtype="datetime64[s]")
    assert_allclose(beta_angle_deg(dd, t), [82.1, 58.56, 74.47], atol=0.25)


def test_noon_sso_beta_small():
    """Noon-midnight SSO: sin beta = cos(d) sin(i) sin(O - a_sun) + sin(d) cos(i). The node
    follows the mean Sun, so O - a_sun is the equation of time (|EoT| <= 16.5 min = 4.1 deg):
    |beta| <= asin(sin 4.1 deg * sin i) + asin(sin 23.44 deg * |cos i|) = 4.1 + 3.2 deg."""
    noon = Orbit.sun_synchronous(650.0, 12.0)
    t = np.datetime64("2026-01-01") + np.arange(0, 365, 5).astype("timedelta64[D]")
    beta = beta_angle_deg(noon, t)
    assert np.max(np.abs(beta)) < 7.3
    assert np.max(np.abs(beta)) > 3.0  # the equation of time does show up


def test_dawn_dusk_june_eclipse_analytic_and_fast():
    """Research notes: the 650 km dawn-dusk orbit's June eclipse lasts about 19.6 min
    (beta 58.56 deg -> f_E 0.2001 of a 97.7 min orbit); it is eclipse-free at equinox."""
    dd = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-06-14")
    for method in ("analytic", "fast"):
        s = eclipse_summary(dd, days=14, method=method)
        assert_allclose(s["longest_eclipse_min"], 19.6, atol=0.3)
    s = eclipse_summary(dd, days=10, method="fast", start="2026-03-15")
    assert s["longest_eclipse_min"] == 0.0
    assert s["eclipse_free_days"] == 10
    assert_allclose(s["sunlit_fraction"], 1.0)


@pytest.mark.parametrize("method", ["analytic", "fast"])
def test_eclipse_free_days_count_a_partial_day_for_its_length(method):
    """At the March equinox the dawn-dusk orbit sees no eclipse: a 2.5-day window has
    2.5 eclipse-free days, not 3 (a half-day window said 1)."""
    dd = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-03-15")
    assert eclipse_summary(dd, days=2.5, method=method)["eclipse_free_days"] == 2.5
    assert eclipse_summary(dd, days=0.5, method=method)["eclipse_free_days"] == 0.5


def test_position_circular_radius_and_plane():
    """A circular orbit stays within ~12 km of a = R + h (J2/J3 periodic terms) and
    in a plane of the given inclination (max |z|/r = sin i)."""
    o = Orbit.circular(550.0, 53.0, 40.0)
    t = o.epoch + np.arange(0, 6000, 10).astype("timedelta64[s]")
    p = position_eci_km(o, t)
    r = np.linalg.norm(p, axis=-1)
    assert np.all(np.abs(r - (6378.137 + 550.0)) < 12.0)
    assert_allclose(np.max(p[:, 2] / r), np.sin(np.radians(53.0)), atol=1e-3)


@settings(max_examples=60, deadline=None)
@given(
    h=st.floats(150.0, 40000.0),
    b1=st.floats(0.0, 89.0),
    b2=st.floats(0.0, 89.0),
)
def test_eclipse_fraction_decreases_with_abs_beta(h, b1, b2):
    lo, hi = sorted((b1, b2))
    f_lo, f_hi = eclipse_fraction(h, [lo, -hi])
    assert f_hi <= f_lo + 1e-12
    assert 0.0 <= f_hi <= 0.5
    if hi >= critical_beta_deg(h):
        assert f_hi == 0.0


@settings(max_examples=30, deadline=None)
@given(h=st.floats(150.0, 40000.0), beta=st.floats(-89.0, 89.0))
def test_eclipse_fraction_matches_shadow_geometry(h, beta):
    """f_E is the fraction of u in [0, 2pi) with r^2 (1 - cos^2 b cos^2 u) < R^2 and
    cos b cos u < 0 (night side): count it on a fine grid."""
    u = np.linspace(0.0, 2.0 * np.pi, 200_001)[:-1]
    r, cb = 6378.137 + h, np.cos(np.radians(beta))
    dark = (r * r * (1 - cb * cb * np.cos(u) ** 2) < 6378.137**2) & (cb * np.cos(u) < 0)
    assert_allclose(eclipse_fraction(h, beta), dark.mean(), atol=2e-5)


def test_conical_shadow_limits():
    """Full Sun far from the shadow, umbra on the anti-Sun line, penumbra in between;
    at GEO the penumbra lasts ~2 min per transition (Montenbruck & Gill 3.4.2)."""
    r = 6378.137 + 550.0
    nu, margin = conical_shadow(r, [1.0, -1.0])
    assert_allclose(nu, [1.0, 0.0])
    assert margin[0] > 0 > margin[1]
    psi = np.radians(np.linspace(90.0, 180.0, 100001))
    nu, _ = conical_shadow(42164.17, np.cos(psi))
    pen = (nu > 0) & (nu < 1)
    width_deg = pen.sum() * (90.0 / 100000)
    assert_allclose(width_deg / 360.0 * 1436.07, 2.1, atol=0.3)  # minutes
    assert np.all(np.diff(nu) <= 1e-12)  # darker towards the anti-Sun point


def test_many_orbits_one_call_matches_single_calls():
    alts = np.array([400.0, 650.0, 1200.0])
    many = Orbit.circular(alts, 53.0, 10.0)
    for method in ("fast", "analytic"):
        s = eclipse_summary(many, days=3, step_s=60, method=method)
        assert s["sunlit_fraction"].shape == (3,)
        assert s["profile_sunlit_fraction"].shape == (3, 3)
        for k, h in enumerate(alts):
            one = eclipse_summary(Orbit.circular(h, 53.0, 10.0), days=3, method=method)
            for key in ("sunlit_fraction", "longest_eclipse_min", "eclipses_per_year"):
                assert_allclose(s[key][k], one[key], rtol=1e-9)


def test_sunlit_shapes_and_analytic_matches_fraction():
    o = Orbit.circular(np.array([[500.0], [800.0]]), np.array([30.0, 60.0, 90.0]))
    t = o.epoch + np.arange(5).astype("timedelta64[h]")
    assert sunlit(o, t, "fast").shape == (2, 3, 5)
    sa = sunlit(o, t, "analytic")
    assert sa.shape == (2, 3, 5)
    beta = beta_angle_deg(o, t)
    assert_allclose(sa, 1.0 - eclipse_fraction(o.altitude_km[..., None], beta))


def test_summary_keys_and_consistency():
    s = eclipse_summary(Orbit.circular(550.0, 53.0), days=5, method="fast")
    for key in (
        "sunlit_fraction",
        "longest_eclipse_min",
        "mean_eclipse_min",
        "eclipse_free_days",
        "min_beta_deg",
        "max_beta_deg",
        "orbital_period_s",
        "worst_day_sunlit_fraction",
        "eclipses_per_year",
        "profile_date",
        "profile_sunlit_fraction",
        "profile_longest_eclipse_min",
        "profile_beta_deg",
    ):
        assert key in s
    assert s["profile_date"].dtype == np.dtype("datetime64[D]")
    assert s["mean_eclipse_min"] <= s["longest_eclipse_min"]
    # ~15.1 orbits a day, one eclipse each
    assert_allclose(s["eclipses_per_year"] / 365.25, 86400 / orbital_period_s(550.0), rtol=0.02)
    assert_allclose(s["sunlit_fraction"], s["profile_sunlit_fraction"].mean(), rtol=1e-9)


def test_from_tle_elements():
    """The mean altitude is SGP4's un-Kozai'd semi-major axis (the sgp4 package's
    ``Satrec.a``, in its WGS 72 Earth radii: 6794.2654 km) less the WGS 84 equatorial
    radius: 416.128 km; ours uses mu of EGM96, about 2 m lower."""
    from sgp4.api import Satrec

    o = Orbit.from_tle(*ISS_TLE)
    assert_allclose(o.inclination_deg, 51.6416)
    sat = Satrec.twoline2rv(*ISS_TLE)
    assert_allclose(o.altitude_km, sat.a * sat.radiusearthkm - 6378.137, atol=0.01)
    assert o.epoch == np.datetime64("2024-01-01T12:00")


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: Orbit.circular(90.0, 53.0), "altitude_km=90"),
        (lambda: Orbit.circular(550.0, 181.0), "inclination_deg=181"),
        (lambda: Orbit.circular(550.0, -1.0), "inclination_deg=-1"),
        (lambda: Orbit.sun_synchronous(650.0, 24.0), "ltan_h=24"),
        (lambda: Orbit.sun_synchronous(650.0, -0.5), "ltan_h=-0.5"),
        (lambda: eclipse_summary(Orbit.circular(550.0, 53.0), days=0), "days=0"),
        (lambda: eclipse_summary(Orbit.circular(550.0, 53.0), days=-3), "days=-3"),
        (lambda: eclipse_summary(Orbit.circular(550.0, 53.0), method="exact"), "method"),
        (lambda: Orbit.from_tle("1 nonsense", "2 nonsense"), "^line1='1 nonsense'"),
        (lambda: Orbit.from_tle(ISS_TLE[0], ISS_TLE[1][:30] + "x" * 39), "^line2="),
        (lambda: eclipse_fraction(550.0, 95.0), "beta_deg=95"),
        (lambda: sun_synchronous_inclination_deg(7000.0), "^altitude_km=7000"),
    ],
)
def test_input_errors(call, fragment):
    with pytest.raises(InputError, match=fragment):
        call()


def test_cli_table_and_json(capsys):
    assert main(["eclipse", "--altitude-km", "650", "--ltan-h", "18", "--days", "3"]) == 0
    out = capsys.readouterr().out
    assert "sunlit_fraction" in out and "longest_eclipse_min" in out
    argv = ["eclipse", "--geo", "--days", "2", "--start", "2026-03-20", "--format", "json"]
    assert main([*argv, "--method", "analytic"]) == 0
    import json

    doc = json.loads(capsys.readouterr().out)
    assert_allclose(doc["longest_eclipse_min"], 69.4, atol=0.3)
    assert len(doc["profile"]["date"]) == 2


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--altitude-km", "50", "--ltan-h", "18"], "--altitude-km=50"),
        (["--altitude-km", "650", "--inclination-deg", "200"], "--inclination-deg=200"),
        (["--altitude-km", "650", "--ltan-h", "25"], "--ltan-h=25"),
        (["--altitude-km", "650", "--ltan-h", "18", "--days", "0"], "--days=0"),
        (["--ltan-h", "18"], "--altitude-km: required"),
        (["--altitude-km", "650", "--ltan-h", "18", "--raan-deg", "30"], "--raan-deg=30: only"),
        (["--geo", "--raan-deg", "30"], "--raan-deg=30: only with --inclination-deg"),
    ],
)
def test_cli_errors_one_line_exit_2(capsys, argv, fragment):
    assert main(["eclipse", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err


def test_partial_last_day_shorter_than_a_step_is_an_input_error():
    """3.01 days at 1 h steps leaves a 864 s day with no sample: refused, not 0/0."""
    import pytest

    from orbitcompute.errors import InputError
    from orbitcompute.orbit import Orbit, eclipse_summary

    with pytest.raises(InputError, match=r"^days=3.01: the last, partial day"):
        eclipse_summary(Orbit.circular(550, 53), days=3.01, step_s=3600, method="fast")
    # a half day is long enough (the step must also suit the orbit: at most 105 s here)
    s = eclipse_summary(Orbit.circular(550, 53), days=3.5, step_s=100, method="fast")
    assert 0 < float(s["sunlit_fraction"]) < 1


# ---------------------------------------------------------------- input validation (audit)
@pytest.mark.parametrize("epoch", [None, "NaT", np.datetime64("NaT")])
@pytest.mark.parametrize(
    "build",
    [
        lambda ep: Orbit.circular(550, 53, epoch=ep),
        lambda ep: Orbit.sun_synchronous(650, 18, epoch=ep),
        lambda ep: Orbit.geostationary(0.0, epoch=ep),
        lambda ep: Orbit.keplerian(7000.0, 0.001, 53, 0, 0, 0, epoch=ep),
        lambda ep: Orbit(altitude_km=550.0, inclination_deg=53.0, raan_deg=0.0, epoch=ep),
    ],
    ids=["circular", "sun_synchronous", "geostationary", "keplerian", "Orbit"],
)
def test_epoch_nat_or_none_is_refused_naming_epoch(build, epoch):
    """None is not a 'default epoch' (the default is 2026-01-01, given by omitting it);
    NaT is no date. Both used to give NaN sunlit_fraction (or 'raan_deg=nan')."""
    with pytest.raises(InputError, match=r"^epoch=.*: must be a date/time"):
        build(epoch)


def test_default_epoch_is_2026_01_01():
    assert Orbit.circular(550, 53).epoch == np.datetime64("2026-01-01")
    assert Orbit(altitude_km=550.0, inclination_deg=53.0, raan_deg=0.0).epoch == np.datetime64(
        "2026-01-01"
    )


def test_window_start_nat_is_refused_naming_start():
    with pytest.raises(InputError, match=r"^start='NaT': must be a date/time"):
        eclipse_summary(Orbit.circular(550, 53), days=1, start="NaT")


_TIMES_WITH_NAT = np.array(["2026-01-01", "NaT", "2026-01-03"], dtype="datetime64[s]")


@pytest.mark.parametrize(
    "call",
    [
        lambda t: beta_angle_deg(Orbit.circular(550, 53), t),
        lambda t: position_eci_km(Orbit.circular(550, 53), t),
        lambda t: sunlit(Orbit.circular(550, 53), t, "fast"),
        lambda t: sunlit(Orbit.circular(550, 53), t, "analytic"),
        sun_direction_eci,
        sun_distance_au,
        sun_ecliptic_longitude_deg,
    ],
    ids=["beta", "position", "sunlit_fast", "sunlit_analytic", "sun_dir", "sun_dist", "sun_lon"],
)
def test_times_with_nat_are_refused(call):
    """NaT used to give NaN (and a 1.0 'sunlit' value); now the element is named."""
    with pytest.raises(InputError, match=r"^times=NaT: .*element 1 \(flat index\).*\(3,\)"):
        call(_TIMES_WITH_NAT)
    with pytest.raises(InputError, match=r"^times=NaT: "):
        call(np.datetime64("NaT"))
    assert np.all(np.isfinite(call(_TIMES_WITH_NAT[[0, 2]])))


@pytest.mark.parametrize(
    "times",
    [None, 3.0, [1, 2], np.arange(3.0), np.timedelta64(5, "s"), "tomorrow", True, {}],
    ids=["None", "float", "ints", "floats", "timedelta", "bad_str", "bool", "dict"],
)
def test_times_that_are_not_dates_are_refused(times):
    o = Orbit.circular(550, 53)
    for call in (
        lambda: beta_angle_deg(o, times),
        lambda: position_eci_km(o, times),
        lambda: sunlit(o, times),
        lambda: sun_direction_eci(times),
    ):
        with pytest.raises(InputError, match=r"^times=.*: must be a date/time"):
            call()


@pytest.mark.parametrize(
    ("times", "element"),
    [
        (["2026-01-01", 3], "element 1 (flat index) is 3,"),
        (np.array([np.datetime64("2026-01-01"), 5], dtype=object), "element 1 (flat index) is 5,"),
        ([datetime.date(2026, 1, 1), 7], "element 1 (flat index) is 7,"),
        ([["2026-01-01"], [4]], "element 1 (flat index) is 4,"),
        (["2026-01-01", None], "element 1 (flat index) is None,"),
    ],
    ids=["list_year", "object_us", "date_and_int", "nested", "none"],
)
def test_numbers_among_dates_are_refused(times, element):
    """numpy read a number among dates as a date: the year 3 in a list with strings
    (``['2026-01-01', 3]``) and 1970-01-01 plus 5 us in an object array."""
    o = Orbit.circular(550, 53)
    with pytest.raises(InputError, match=r"^times=.*: must be a date/time") as err:
        beta_angle_deg(o, times)
    assert element in str(err.value)


def test_dates_of_mixed_types_are_accepted():
    """Strings, ``datetime``, ``date`` and ``datetime64`` in one list are all dates; the
    beta angle equals that of the same instants as one datetime64 array."""
    o = Orbit.circular(550, 53)
    mixed = ["2026-01-01", datetime.datetime(2026, 1, 2), datetime.date(2026, 1, 3),
             np.datetime64("2026-01-04")]  # fmt: skip
    same = np.array(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"], "datetime64[us]")
    assert_allclose(beta_angle_deg(o, mixed), beta_angle_deg(o, same), rtol=0, atol=0)


def test_long_bad_times_message_is_short():
    with pytest.raises(InputError, match=r"^times=\[0, 1, 2, .*\.\.\.: must be") as info:
        beta_angle_deg(Orbit.circular(550, 53), list(range(10_000)))
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    "args, pattern",
    [
        ((0.0, 0.0, 53.0), r"^semi_major_axis_km=0: must be in \[6478.14, 406378\] km"),
        ((-1.0, 0.0, 53.0), r"^semi_major_axis_km=-1: must be in"),
        ((6000.0, 0.0, 53.0), r"^semi_major_axis_km=6000: must be in"),
        ((np.nan, 0.0, 53.0), r"^semi_major_axis_km=nan: must be a finite number"),
        ((7000.0, 1.0, 53.0), r"^eccentricity=1: must be in \[0, 1\)"),
        ((7000.0, -0.1, 53.0), r"^eccentricity=-0.1: must be in"),
        ((7000.0, 0.0, 181.0), r"^inclination_deg=181: must be in \[0, 180\]"),
        (
            ([7000.0, 9000.0], [0.01, 0.5], 53.0),
            r"^semi_major_axis_km=9000, eccentricity=0.5: perigee altitude -1878.14 km; "
            r"must be >= 100 km",
        ),
    ],
)
def test_secular_rates_input_errors(args, pattern):
    """a = 0 or -1 used to return NaN rates."""
    with pytest.raises(InputError, match=pattern):
        secular_rates_rad_per_s(*args)


def test_secular_rates_valid_are_finite_and_keplerian_needs_perigee():
    rates = secular_rates_rad_per_s(np.array([6478.137, 42164.17]), 0.0, [53.0, 0.0])
    assert all(np.all(np.isfinite(r)) for r in rates)
    with pytest.raises(InputError, match=r"^semi_major_axis_km=7000, eccentricity=0.5: perigee"):
        Orbit.keplerian(7000.0, 0.5, 53.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "args, pattern",
    [
        ((6000.0, -1.0), r"^sat_radius_km=6000: must be in \[6478.14, 812756\] km \(from 100 km"),
        ((-7000.0, -1.0), r"^sat_radius_km=-7000: must be in"),
        ((6378.137, -1.0), r"^sat_radius_km=6378.14: must be in"),
        ((7000.0, 2.0), r"^cos_sun_angle=2.0: must be in \[-1, 1\]"),
        ((7000.0, [0.5, -1.0000001]), r"^cos_sun_angle=-1.0000001: must be in \[-1, 1\]"),
        ((7000.0, np.nan), r"^cos_sun_angle=nan: must be a finite number"),
        ((7000.0, -1.0, 0.0), r"^sun_distance_km=0: must be in .* km \(0.98..1.02 AU"),
        ((7000.0, -1.0, -1.0), r"^sun_distance_km=-1: must be in"),
    ],
)
def test_conical_shadow_input_errors(args, pattern):
    """A radius inside the Earth used to give full umbra, a negative one full Sun,
    |cos| > 1 and a zero Sun distance silent nonsense."""
    with pytest.raises(InputError, match=pattern):
        conical_shadow(*args)


def test_conical_shadow_accepts_cosine_rounding_excess():
    """A dot product of unit vectors may exceed 1 by an ulp: accepted, used as given."""
    nu, margin = conical_shadow(7000.0, [1.0 + 2e-16, -1.0 - 2e-16])
    assert_allclose(nu, [1.0, 0.0])
    assert np.all(np.isfinite(margin))


_BROADCAST = r"=array of shape \(3,\): must broadcast together"


@pytest.mark.parametrize(
    "call, pattern",
    [
        (
            lambda: eclipse_fraction([500.0, 600.0], [0.0, 1.0, 2.0]),
            r"^altitude_km=array of shape \(2,\), beta_deg" + _BROADCAST,
        ),
        (
            lambda: node_precession_rad_per_s([500.0, 600.0], [0.0, 1.0, 2.0]),
            r"^altitude_km=array of shape \(2,\), inclination_deg" + _BROADCAST,
        ),
        (
            lambda: secular_rates_rad_per_s([7000.0, 8000.0], [0.0, 0.01, 0.02], 53.0),
            r"^semi_major_axis_km=array of shape \(2,\), eccentricity" + _BROADCAST,
        ),
        (
            lambda: conical_shadow([7000.0, 8000.0], [0.1, 0.2, 0.3]),
            r"^sat_radius_km=array of shape \(2,\), cos_sun_angle" + _BROADCAST,
        ),
        (
            lambda: conical_shadow(7000.0, [0.1, 0.2], np.full(3, 1.496e8)),
            r"^cos_sun_angle=array of shape \(2,\), sun_distance_km" + _BROADCAST,
        ),
        (
            lambda: Orbit.circular([500.0, 600.0], 53.0, arg_latitude_deg=[0.0, 1.0, 2.0]),
            r"^altitude_km=array of shape \(2,\), arg_latitude_deg" + _BROADCAST,
        ),
        (
            lambda: Orbit.sun_synchronous([650.0, 700.0], [6.0, 12.0, 18.0]),
            r"^altitude_km=array of shape \(2,\), ltan_h" + _BROADCAST,
        ),
        (
            lambda: Orbit.keplerian([7000.0, 8000.0], [0.0, 0.01, 0.02], 53.0, 0.0, 0.0, 0.0),
            r"^semi_major_axis_km=array of shape \(2,\), eccentricity" + _BROADCAST,
        ),
        (
            lambda: Orbit(
                altitude_km=[500.0, 600.0],
                inclination_deg=53.0,
                raan_deg=0.0,
                eccentricity=[0.0, 0.01, 0.02],
            ),
            r"^altitude_km=array of shape \(2,\), eccentricity" + _BROADCAST,
        ),
    ],
    ids=[
        "eclipse_fraction",
        "node_precession",
        "secular_rates",
        "conical_r_cos",
        "conical_cos_d",
        "circular",
        "sun_synchronous",
        "keplerian",
        "Orbit",
    ],
)
def test_mismatched_shapes_name_the_arrays(call, pattern):
    """numpy's raw 'operands could not be broadcast' ValueError becomes an InputError."""
    with pytest.raises(InputError, match=pattern):
        call()


def test_broadcasting_shapes_still_work():
    assert eclipse_fraction(np.array([[500.0], [600.0]]), [0.0, 10.0, 20.0]).shape == (2, 3)
    assert Orbit.sun_synchronous(np.array([[650.0], [700.0]]), [6.0, 12.0, 18.0]).shape == (2, 3)
    nu, _ = conical_shadow(np.array([[7000.0], [8000.0]]), [0.1, -0.9, -1.0])
    assert nu.shape == (2, 3)


# ------------------------------------------------------ TLE format, Orbit consistency (audit 2)
# The two-line element set of the ISS printed in Wikipedia's "Two-line element set" article
# (after CelesTrak's format documentation), checksums included.
WIKI_TLE = (
    "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
    "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537",
)


def _with_checksum(line: str) -> str:
    """``line`` with column 69 set to its NORAD checksum (digits summed, '-' = 1, mod 10)."""
    total = sum(int(c) if c.isdigit() else c == "-" for c in line[:68])
    return line[:68] + str(total % 10)


def test_published_tle_is_accepted_with_its_epoch():
    """Line 1's digits sum to 153 and it has 4 minus signs: (153 + 4) mod 10 = 7, its
    checksum (counting '-' as 0 would give 3). Epoch: 2008 day 264.51782528 = 20
    September (leap year: 31+29+31+30+31+30+31+31 = 244 days before 1 September)
    + 0.51782528 d = 44740.104192 s = 12:25:40.104192."""
    o = Orbit.from_tle(*WIKI_TLE)
    assert o.kind == "tle" and o.tle == WIKI_TLE
    assert abs(o.epoch - np.datetime64("2008-09-20T12:25:40.104192")) <= np.timedelta64(1, "us")
    assert_allclose([o.inclination_deg, o.raan_deg, o.eccentricity], [51.6416, 247.4627, 6.703e-4])


def test_tle_epoch_day_366_rolls_over_as_in_sgp4():
    """sgp4 reads day 366.5 of the common year 2023 as 2024-01-01 12:00 (real element
    sets do this); accepted the same way."""
    line1 = _with_checksum(ISS_TLE[0][:18] + "23366.50000000" + ISS_TLE[0][32:])
    assert Orbit.from_tle(line1, ISS_TLE[1]).epoch == np.datetime64("2024-01-01T12:00")


_L1, _L2 = ISS_TLE


@pytest.mark.parametrize(
    "lines, pattern",
    [
        (
            (_L1[:-1] + "0", _L2),
            r"^line1='1 25544U.*: checksum \(column 69\) is '0', but .* give 9",
        ),
        (
            (_L1, _L2[:-1] + "9"),
            r"^line2='2 25544 .*: checksum \(column 69\) is '9', but .* give 8",
        ),
        ((_L1[:-1], _L2), r"^line1=.*: has 68 characters; .* has 69"),
        (
            (_with_checksum(_L1[:18] + "24400.50000000" + _L1[32:]), _L2),
            r"^line1=.*: epoch '24400.50000000' .*: the day must be in \[1, 367\)",
        ),
        (
            (_with_checksum(_L1[:18] + "24000.00000000" + _L1[32:]), _L2),
            r"^line1=.*: epoch '24000.00000000'",
        ),
        (
            (_L1, _with_checksum(_L2.replace("25544", "11111"))),
            r"^line2=.*: catalog number '11111' \(columns 3-7\) differs from line 1's '25544'",
        ),
        ((_L1.replace("U", "\u00e9"), _L2), r"^line1=.*: .* ASCII only; column 8 is '\u00e9'"),
        ((_L2, _L1), r"^line1='2 25544 .*: not line 1 of a two-line element set"),
        ((_L1, _L2.replace("51.6416", "51,6416")), r"^line2=.*: column 12 is ',', must be '.'"),
        (
            (_L1, _with_checksum(_L2[:52] + "17.50000000" + _L2[63:])),
            r"^line1=.*, line2=.*: SGP4 rejected the element set \(error code 6",
        ),
    ],
    ids=[
        "checksum1",
        "checksum2",
        "short",
        "day400",
        "day0",
        "catalog_number",
        "non_ascii",
        "swapped",
        "layout",
        "decayed",
    ],
)
def test_malformed_tle_is_refused(lines, pattern):
    """These used to be accepted: a bad checksum, day 400 (read as 2025-02-03), day 0
    (2023-12-31), two satellites, non-ASCII text."""
    with pytest.raises(InputError, match=pattern):
        Orbit.from_tle(*lines)


def test_tle_orbit_must_keep_the_tle_elements():
    """The skyfield method propagates ``tle`` itself: an orbit whose elements or epoch
    were changed with dataclasses.replace gave the old TLE's numbers (sunlit 0.646 for
    a 20000 km orbit, where the fast method gives 1.0)."""
    import dataclasses

    o = Orbit.from_tle(*ISS_TLE)
    with pytest.raises(InputError, match=r"^altitude_km=20000: differs from the orbit's TLE"):
        dataclasses.replace(o, altitude_km=20000.0)
    with pytest.raises(InputError, match=r"^epoch=2024-02-01T00:00:00.000000: differs from"):
        dataclasses.replace(o, epoch="2024-02-01")
    with pytest.raises(InputError, match=r"^tle=None: kind='tle' needs the two lines"):
        dataclasses.replace(o, tle=None)
    with pytest.raises(InputError, match=r"^tle=\('1 25544U.*: only for kind='tle'"):
        dataclasses.replace(o, kind="keplerian")
    # the same angle plus a turn is the same orbit; dropping the TLE frees the elements
    assert dataclasses.replace(o, raan_deg=o.raan_deg + 360.0).tle == ISS_TLE
    free = dataclasses.replace(o, kind="keplerian", tle=None, altitude_km=20000.0)
    assert free.altitude_km == 20000.0 and free.tle is None


@pytest.mark.parametrize(
    "fields, pattern",
    [
        ({"tle": ("a", "b"), "kind": "tle"}, r"^tle\[0\]='a': not line 1"),
        ({"tle": ISS_TLE, "kind": "tle"}, r"^altitude_km=550: differs from the orbit's TLE"),
        ({"tle": ("a", "b")}, r"^tle=\('a', 'b'\): only for kind='tle'"),
        ({"tle": "ab", "kind": "tle"}, r"^tle='ab': kind='tle' needs the two lines"),
        ({"kind": "banana"}, r"^kind='banana': must be one of 'circular', "),
        ({"kind": ["tle"]}, r"^kind=\['tle'\]: must be one of"),
        ({"ltan_h": "x"}, r"^ltan_h='x': only for kind='sun_synchronous'"),
        ({"ltan_h": 6.0}, r"^ltan_h=6.0: only for kind='sun_synchronous'"),
        ({"kind": "sun_synchronous"}, r"^ltan_h=None: kind='sun_synchronous' needs"),
        ({"kind": "sun_synchronous", "ltan_h": 25.0}, r"^ltan_h=25: must be in \[0, 24\) h"),
    ],
)
def test_orbit_fields_are_validated(fields, pattern):
    """Orbit(...) used to accept any kind, ltan_h and tle; the skyfield method then gave
    sunlit_fraction 1.0 and min_beta_deg NaN for tle=("a", "b")."""
    with pytest.raises(InputError, match=pattern):
        Orbit(altitude_km=550.0, inclination_deg=53.0, raan_deg=0.0, **fields)


def test_sun_synchronous_ltan_must_match_the_raan():
    """The RAAN of LTAN 18 h at 2026-01-01 00:00, 26 * 365 + 7 leap days - 0.5 = 9496.5
    days after J2000: mean Sun (the Almanac's mean longitude) 280.460 + 0.9856474 *
    9496.5 = 9640.66053 = 280.66053 (mod 360) deg, + 15 * (18 - 12) -> 10.66053 deg."""
    import dataclasses

    o = Orbit.sun_synchronous(650.0, 18.0, epoch="2026-01-01")
    assert_allclose(o.raan_deg, 10.66053, atol=1e-5)
    with pytest.raises(InputError, match=r"^ltan_h=18: does not match raan_deg=10 at epoch"):
        dataclasses.replace(o, raan_deg=10.0)
    with pytest.raises(InputError, match=r"^ltan_h=18: does not match raan_deg=10.66.* gives"):
        dataclasses.replace(o, epoch="2026-06-01")
    assert dataclasses.replace(o, altitude_km=700.0).ltan_h == 18.0


@pytest.mark.parametrize(
    "call, pattern",
    [
        (lambda: Orbit.circular(550, 53, raan_deg=1e300), r"^raan_deg=1e\+300: must be in"),
        (
            lambda: Orbit.circular(550, 53, arg_latitude_deg=[0.0, -1e10]),
            r"^arg_latitude_deg=-1e\+10: must be in \[-1e\+09, 1e\+09\] deg, beyond it float64",
        ),
        (
            lambda: Orbit.keplerian(7000, 0.001, 53, 0, 0, 1e12),
            r"^mean_anomaly_deg=1e\+12: must be in",
        ),
        (
            lambda: Orbit(altitude_km=550, inclination_deg=53, raan_deg=0, arg_perigee_deg=1e16),
            r"^arg_perigee_deg=1e\+16: must be in",
        ),
    ],
)
def test_angles_without_precision_are_refused(call, pattern):
    """raan_deg=1e300 gave sunlit_fraction 0.746 (0.647 at raan 0): float64 holds no
    angle at that magnitude."""
    with pytest.raises(InputError, match=pattern):
        call()


def test_angle_bound_keeps_sub_microdegree_precision():
    """At the bound 1e9 deg the float64 spacing is 2**-23 = 1.19e-7 deg (0.125 deg at
    1e15). 1e9 = 2777777 turns + 280 deg: the satellite is where arg_latitude 280 puts it
    (2e-9 rad rounding in radians(1e9) -> 1.4e-5 km at 6928 km)."""
    assert np.spacing(1e9) == 2.0**-23 and np.spacing(1e15) == 0.125
    far = position_eci_km(Orbit.circular(550.0, 53.0, arg_latitude_deg=1e9), "2026-01-01")
    near = position_eci_km(Orbit.circular(550.0, 53.0, arg_latitude_deg=280.0), "2026-01-01")
    assert_allclose(far, near, atol=1e-4)


def test_node_precession_refuses_a_perigee_inside_the_earth():
    """a = 6378.137 + 550 = 6928.137 km, e = 0.99: perigee 69.28 km from the centre,
    -6308.86 km altitude; it returned -0.00229 rad/s."""
    with pytest.raises(
        InputError, match=r"^altitude_km=550, eccentricity=0.99: perigee altitude -6308.86 km"
    ):
        node_precession_rad_per_s(550.0, 53.0, 0.99)
    with pytest.raises(InputError, match=r"^altitude_km=600, eccentricity=0.5: perigee"):
        node_precession_rad_per_s([550.0, 600.0], 53.0, [0.0, 0.5])


_YEARS = r"must be in the years 1900-2100, the range of the low-precision Sun formulas"


@pytest.mark.parametrize(
    "call, pattern",
    [
        (lambda: sun_ecliptic_longitude_deg("9999-03-21"), r"^times='9999-03-21': read as"),
        (lambda: sun_direction_eci("2101-01-01"), r"^times='2101-01-01': read as 2101-01-01; "),
        (lambda: sun_distance_au(["2026-01-01", "1899-12-31T23:59"]), r"^times=.*1899-12-31"),
        (
            lambda: sunlit(Orbit.circular(550, 53), "0001-01-01"),
            r"^times='0001-01-01': read as 0001-01-01; ",
        ),
        (
            lambda: eclipse_summary(Orbit.circular(550, 53), days=1, start="9000-01-01"),
            r"^start='9000-01-01': read as 9000-01-01; ",
        ),
        (lambda: Orbit.circular(550, 53, epoch="2200-06-01"), r"^epoch='2200-06-01': read as"),
        (lambda: Orbit.sun_synchronous(650, 18, epoch="1850-01-01"), r"^epoch='1850-01-01'"),
    ],
)
def test_times_outside_the_sun_formulas_range_are_refused(call, pattern):
    """The low-precision Sun is quoted for 1950-2050 (skyfield refuses these dates);
    the fast and analytic methods used to return numbers for the years 1 and 9999."""
    with pytest.raises(InputError, match=pattern + ".*" + _YEARS + r".*Astronomical Almanac"):
        call()


def test_sun_formulas_range_ends_are_accepted_and_match_power():
    """1900-01-01 00:00 and 2100-12-31 23:59:59 are inside; the range is the one of
    orbitcompute.power.SUN_DISTANCE_YEAR_RANGE (the same Almanac formulas)."""
    from orbitcompute.orbit.elements import SUN_YEAR_RANGE
    from orbitcompute.power import SUN_DISTANCE_YEAR_RANGE

    assert SUN_YEAR_RANGE == SUN_DISTANCE_YEAR_RANGE == (1900, 2100)
    d = sun_distance_au(["1900-01-01T00:00", "2100-12-31T23:59:59"])
    assert np.all((d > 0.983) & (d < 0.984))  # both near perihelion (early January)


# --------------------------------------------------------------------------- #
# time zones and the altitude / semi-major-axis limits
# --------------------------------------------------------------------------- #
_PLUS5 = datetime.timezone(datetime.timedelta(hours=5))


@pytest.mark.parametrize(
    "given",
    [
        "2026-01-01T12:00:00+05:00",
        "2026-01-01 12:00+0500",
        "2026-01-01T07:00:00Z",
        "2026-01-01T07:00:00z",  # ISO 8601's designator in lower case (Python refuses it)
        datetime.datetime(2026, 1, 1, 12, 0, tzinfo=_PLUS5),  # e.g. a TOML offset date-time
    ],
)
def test_timezone_aware_epoch_is_converted_to_utc_without_a_warning(given):
    """12:00 at UTC+05:00 is 07:00 UTC: the instant is kept, and numpy's UserWarning
    ("no explicit representation of timezones") does not reach the user."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = Orbit.circular(550.0, 53.0, 0.0, epoch=given)
        s = eclipse_summary(o, days=1, method="analytic", start=given)
    assert o.epoch == np.datetime64("2026-01-01T07:00:00", "us")
    assert s["profile_date"][0] == np.datetime64("2026-01-01")


def test_timezone_aware_times_in_an_array_are_converted_to_utc():
    """Each element with an offset is converted; naive ones are read as UTC as before."""
    o = Orbit.circular(550.0, 53.0, 0.0)
    given = ["2026-01-01T12:00:00+05:00", "2026-01-02T00:00:00-01:00", "2026-01-03"]
    utc = np.array(["2026-01-01T07:00", "2026-01-02T01:00", "2026-01-03T00:00"], "datetime64[us]")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = beta_angle_deg(o, given)
    assert_allclose(got, beta_angle_deg(o, utc), rtol=0, atol=0)


def test_timezone_aware_pandas_times_are_converted_to_utc():
    """A tz-aware pandas DatetimeIndex or Series (e.g. from pd.date_range(..., tz=...))
    still went through numpy's timezone UserWarning; 00:00 at UTC+05:00 is 19:00 UTC the
    day before. A string array without offsets skips the per-element walk."""
    import pandas as pd

    o = Orbit.circular(550.0, 53.0, 0.0)
    idx = pd.date_range("2026-01-01", periods=3, freq="h", tz="Asia/Karachi")
    utc = np.array(["2025-12-31T19:00", "2025-12-31T20:00", "2025-12-31T21:00"], "datetime64[us]")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for given in (idx, pd.Series(idx)):
            assert_allclose(beta_angle_deg(o, given), beta_angle_deg(o, utc), rtol=0, atol=0)
        plain = np.array(["2026-01-01T00:00:00", "2026-01-02T00:00:00"])
        assert_allclose(beta_angle_deg(o, plain), beta_angle_deg(o, plain.astype("M8[us]")))


def test_highest_altitude_is_a_valid_semi_major_axis():
    """Every altitude an Orbit accepts, up to 400,000 km, gives a semi-major axis that
    the semi-major-axis checks accept (R_E + 400,000 = 406,378.137 km): the skyfield
    method of a 395,000 km orbit failed on semi_major_axis_km=401378, which the user
    never gave. Above the altitude limit, the message names altitude_km."""
    from orbitcompute import power
    from orbitcompute.orbit import elements

    assert elements.MAX_ALTITUDE_KM == power.MAX_ALTITUDE_KM == 400_000.0
    assert elements.MAX_SEMI_MAJOR_AXIS_KM == EARTH_RADIUS_KM + 400_000.0
    for h in (395_000.0, 400_000.0):
        o = Orbit.circular(h, 0.0, 0.0)
        nodedot, _, mdot = secular_rates_rad_per_s(o.semi_major_axis_km, 0.0, 0.0)
        assert_allclose(mdot, np.sqrt(EARTH_MU_KM3_PER_S2 / o.semi_major_axis_km**3), rtol=1e-6)
        assert nodedot < 0
    k = Orbit.keplerian(EARTH_RADIUS_KM + 400_000.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert k.altitude_km == 400_000.0
    with pytest.raises(InputError, match=r"^altitude_km=400001: must be in \[100, 400000\] km"):
        Orbit.circular(400_001.0, 0.0, 0.0)
    with pytest.raises(InputError, match=r"^semi_major_axis_km=406379: must be in"):
        secular_rates_rad_per_s(406_379.0, 0.0, 0.0)


# ------------------------------------------------------------ orbit audit (s29)
@pytest.mark.parametrize("call", [beta_angle_deg, position_eci_km])
def test_misspelt_keyword_of_beta_and_position_is_an_input_error(call):
    """beta_angle_deg and position_eci_km were not guarded: Python's TypeError."""
    with pytest.raises(InputError, match=r"^time=.*takes no such keyword; did you mean 'times'"):
        call(Orbit.circular(550.0, 53.0), time=np.datetime64("2026-01-01"))


@pytest.mark.parametrize(
    "orbit",
    [
        Orbit.circular(550.0, 53.0, 30.0, epoch="2026-01-01"),
        Orbit.sun_synchronous(650.0, 18.0, epoch="2026-06-01"),
        Orbit.keplerian(7500.0, 0.05, 63.4, 40.0, 270.0, 10.0, epoch="2026-03-01"),
    ],
    ids=["leo550", "sso650", "e0.05"],
)
def test_position_against_sgp4_radial_along_cross(orbit):
    """position_eci_km against SGP4 (no drag; the reference's record for the same mean
    elements) every 60 s for 3 days, split into radial, along-track and cross-track
    components: radial within 0.05 km (the periodic radius terms are modelled), along
    within 16 km and across within 2.5 km (left out); 0.03, 15.4 and 2.3 km when
    written. No ephemeris is involved: both are in the equator and equinox of date."""
    from orbitcompute.orbit.skyfield_ref import earth_satellites

    m = earth_satellites(orbit)[0].model
    secs = np.arange(0.0, 3 * 86400.0, 60.0)
    got = position_eci_km(orbit, orbit.epoch + (secs * 1e6).astype("timedelta64[us]"))
    err, r, v = m.sgp4_array(np.full_like(secs, m.jdsatepoch), m.jdsatepochF + secs / 86400.0)
    assert not err.any()
    radial = r / np.linalg.norm(r, axis=1)[:, None]
    cross = np.cross(r, v)
    cross /= np.linalg.norm(cross, axis=1)[:, None]
    along = np.cross(cross, radial)
    d = got - r
    assert np.abs((d * radial).sum(1)).max() < 0.05
    assert np.abs((d * along).sum(1)).max() < 16.0
    assert np.abs((d * cross).sum(1)).max() < 2.5


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: Orbit.circular(altitude_km=500, inclination_deg=53, ran_deg=0),
            r"^ran_deg=0: Orbit.circular takes no such keyword; did you mean 'raan_deg'\?$",
        ),
        (
            lambda: Orbit.sun_synchronous(altitude_km=650, ltan=6),
            r"^ltan=6: Orbit.sun_synchronous takes no such keyword; did you mean 'ltan_h'\?$",
        ),
        (
            lambda: Orbit.circular(),
            r"^altitude_km: missing, a required argument of Orbit.circular$",
        ),
        (
            lambda: Orbit.circular(500, 53, 0, "2026-01-01", 5, 6),
            r"^6 \(argument 6 by position\): Orbit.circular takes at most 5 by position ",
        ),
        (lambda: Orbit.from_tle("1 x"), r"^line2: missing, a required argument of Orbit.from_tle$"),
    ],
)
def test_a_constructor_call_that_does_not_fit_is_an_input_error(make, message):
    """Orbit's constructors raised Python's TypeError for a misspelt keyword (ran_deg=),
    a missing or a surplus argument; they name it like every public function, without
    counting the class as an argument."""
    with pytest.raises(InputError, match=message):
        make()
