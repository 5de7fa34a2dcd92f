"""The fast eclipse method's shortcuts against the full model evaluated everywhere.

``method="fast"`` screens samples with two thresholds on ``cos psi`` (single precision)
and runs the conical model only near the shadow edge, and finds eclipse entry and exit
with a safeguarded secant. These tests evaluate the full Montenbruck & Gill model on
every sample and bisect the shadow function to 60 s / 2**40, and require the same
result.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from orbitcompute import InputError
from orbitcompute.orbit import Orbit, eclipse_events, eclipse_summary, sunlit
from orbitcompute.orbit import summary as summary_mod
from orbitcompute.orbit.elements import _days_since_j2000
from orbitcompute.orbit.geometry import _cos_sun_angle_grid, _radius_km, _Secular
from orbitcompute.orbit.shadow import _conical, _conical_screened

ORBITS = {
    "leo100_i0": Orbit.circular(100.0, 0.0, epoch="2026-03-20"),
    "leo400_i51.6": Orbit.circular(400.0, 51.6, 100.0, epoch="2026-02-01"),
    "sso650_dawn_dusk_june": Orbit.sun_synchronous(650.0, 18.0, epoch="2026-06-10"),
    "sso650_dawn_dusk_may": Orbit.sun_synchronous(650.0, 18.0, epoch="2026-05-06"),
    "geo_equinox": Orbit.geostationary(0.0, epoch="2026-03-18"),
    "molniya": Orbit.keplerian(26600.0, 0.72, 63.4, 40.0, 270.0, 0.0, epoch="2026-03-01"),
    "many_leo": Orbit.circular(np.linspace(300.0, 2000.0, 5), np.linspace(0.0, 120.0, 5)),
}


START_DAY = {"molniya": 27.0}  # its eclipse season starts on 2026-03-28


def _screened_and_dense(orbit: Orbit, days: float, step_s: float, start_day: float = 0.0):
    sec = _Secular.from_orbit(orbit)
    t_s = np.arange(round(days * 86400.0 / step_s), dtype=float) * step_s
    dt0 = start_day * 86400.0
    start_days = float(_days_since_j2000(orbit.epoch)) + start_day
    grid = _cos_sun_angle_grid(sec, dt0, start_days, t_s, step_s)
    r_mean = grid.r_mean_km * (1.0 + sec.dr_rel[:, None])
    span = (np.abs(sec.dr_cos2u_km) + np.abs(sec.dr_sinu_km) + 1e-3)[:, None]

    def exact(rows, cols):
        r = _radius_km(sec.take(rows), dt0 + t_s[cols])
        return r, grid.cos_psi_at(rows, cols), grid.sun_distance_km(t_s[cols])

    nu, dark = _conical_screened(grid.cos_psi, r_mean - span, r_mean + span, exact)
    rows, cols = np.indices(grid.cos_psi.shape).reshape(2, -1)
    nu_all, margin = _conical(*exact(rows, cols))
    return nu.dense(), dark, nu_all.reshape(nu.lit.shape), (margin < 0).reshape(dark.shape)


@pytest.mark.parametrize("name", list(ORBITS))
def test_screen_matches_full_model_everywhere(name):
    """Every sample the screen calls full Sun or umbra is so in the full conical model."""
    nu, dark, nu_all, dark_all = _screened_and_dense(
        ORBITS[name], days=3.0, step_s=20.0, start_day=START_DAY.get(name, 0.0)
    )
    assert_allclose(nu, nu_all, rtol=0, atol=1e-12)
    assert_array_equal(dark, dark_all)
    assert dark_all.any() and not dark_all.all()  # the windows include eclipses


def test_single_precision_grid_is_close_to_double():
    """cos psi from the single-precision product is within 1e-6 of double precision,
    far inside the screen's ~1e-3 margin (5 km at 6378 km)."""
    orbit = ORBITS["many_leo"]
    sec = _Secular.from_orbit(orbit)
    t_s = np.arange(4000, dtype=float) * 60.0
    grid = _cos_sun_angle_grid(sec, 0.0, 9000.0, t_s, 60.0)
    rows, cols = np.indices(grid.cos_psi.shape).reshape(2, -1)
    assert grid.cos_psi.dtype == np.float32
    assert_allclose(grid.cos_psi.ravel(), grid.cos_psi_at(rows, cols), rtol=0, atol=1e-6)


@pytest.mark.parametrize("name", ["sso650_dawn_dusk_may", "leo400_i51.6", "molniya"])
def test_secant_entry_exit_match_fine_bisection(name, monkeypatch):
    """Entry and exit from the safeguarded secant agree with 40 halvings of the 60 s
    bracket (5e-11 s) to 1 ms, the grazing eclipses that open the dawn-dusk orbit's
    eclipse season (from 37 s long, 2026-05-07) included."""
    orbit = ORBITS[name]
    start = orbit.epoch + np.timedelta64(int(START_DAY.get(name, 0.0)), "D")
    fast = eclipse_events(orbit, days=20, step_s=60, start=start)
    bisect = summary_mod._bisect
    monkeypatch.setattr(summary_mod, "_BISECTION_STEPS", 40)
    monkeypatch.setattr(
        summary_mod,
        "_false_position",
        lambda edge_at, lo, hi, f_lo, f_hi: bisect(
            lambda sel, t: edge_at(sel, t) < 0.0, np.arange(lo.size), lo, hi, f_lo < 0.0
        ),
    )
    ref = eclipse_events(orbit, days=20, step_s=60, start=start)
    assert fast["entry"].size == ref["entry"].size > 0
    for key in ("entry", "exit"):
        err_ms = np.abs((fast[key] - ref[key]) / np.timedelta64(1, "ms"))
        assert err_ms.max() <= 1.0


@pytest.mark.parametrize("method", ["fast", "skyfield"])
def test_eclipse_events_refuses_nat_start(method):
    """A NaT window start is named (it used to propagate as NaN times)."""
    from orbitcompute import InputError

    with pytest.raises(InputError, match=r"^start=NaT: must be a date/time"):
        eclipse_events(ORBITS["leo400_i51.6"], days=1, start=np.datetime64("NaT"), method=method)


# ------------------------------------------------------------- step bound (audit finding 1)
def test_step_above_the_bound_is_refused():
    """The 550 km circular orbit moves at v = sqrt(mu / a) = sqrt(398600.4418 / 6928.137)
    = 7.5851 km/s, so the largest step is R_E / (8 v) = 6378.137 / 60.681 = 105.1 s; a
    1 h step (which found 3105 instead of 5479 eclipses a year) is refused, by both
    sampling methods, and a step of 105 s is accepted."""
    from orbitcompute import InputError

    orbit = Orbit.circular(550.0, 53.0, epoch="2026-01-01")
    for method in ("fast", "skyfield"):
        with pytest.raises(InputError, match=r"^step_s=3600: must be at most 105.1 s for this"):
            eclipse_summary(orbit, days=2, step_s=3600, method=method)
        with pytest.raises(InputError, match=r"^step_s=106: must be at most 105.1 s"):
            eclipse_events(orbit, days=1, step_s=106, method=method)
    assert eclipse_events(orbit, days=1, step_s=105)["entry"].size == 15


def test_default_step_is_accepted_for_the_fastest_orbit():
    """An orbit with its perigee at 100 km and apogee near 800000 km (a = 400000 km,
    r_p = 6478.2 km, e = 1 - r_p / a = 0.98380): v_p = sqrt(mu (1 + e) / r_p) =
    sqrt(398600.4418 * 1.98380 / 6478.2) = 11.048 km/s and the bound R_E / (8 v_p) =
    72.2 s, above the default 60 s. (The largest accepted a, 406378 km, raises v_p by
    0.02 %: the bound stays at 72.1 s.)"""
    e = 1.0 - 6478.2 / 400000.0
    orbit = Orbit.keplerian(400000.0, e, 30.0, 0.0, 0.0, 0.0, epoch="2026-01-01")
    assert_allclose(summary_mod._max_step_s(orbit), (72.16, 11.048), rtol=1e-3)
    s = eclipse_summary(orbit, days=1)
    assert 0.0 < float(s["sunlit_fraction"]) <= 1.0


def test_bound_step_misses_only_eclipses_shorter_than_the_step():
    """A dawn-dusk 1000 km orbit entering its eclipse season (May-June 2026) has
    grazing eclipses from 18 s long. At the largest accepted step (R_E / (8 v) = 108.5 s,
    v = sqrt(mu / 7378.137) = 7.350 km/s) every eclipse found at 5 s that is longer
    than the step is found, at the same time (1 ms), and every one it misses is shorter
    than the step."""
    orbit = Orbit.sun_synchronous(1000.0, 18.0, epoch="2026-05-01")
    step, _ = summary_mod._max_step_s(orbit)
    assert_allclose(step, 108.47, rtol=1e-3)
    fine = eclipse_events(orbit, days=60, step_s=5)
    coarse = eclipse_events(orbit, days=60, step_s=step)
    assert fine["entry"].size > 400
    near = np.abs(
        (fine["entry"][:, None] - coarse["entry"][None, :]) / np.timedelta64(1, "ms")
    ).min(axis=1)
    found = near <= 1.0
    assert np.all(found[fine["duration_s"] > step])
    assert np.all(fine["duration_s"][~found] < step)
    assert coarse["entry"].size == found.sum()


@pytest.mark.slow
def test_bound_step_eclipse_count_vs_skyfield():
    """The audit's case: dawn-dusk 1000 km from 2026-06-21, 3 days. skyfield at 10 s
    finds 41 eclipses (41 * 365.25 / 3 = 4991.75 a year); the fast method at the largest
    accepted step (108 s) finds the same 41, within 30 s of skyfield's times (the
    tolerance of tests/test_orbit_skyfield.py), with the sunlit fraction within 0.002."""
    orbit = Orbit.sun_synchronous(1000.0, 18.0, epoch="2026-06-21")
    step = 108.0
    ref = eclipse_summary(orbit, days=3, step_s=10, method="skyfield")
    fast = eclipse_summary(orbit, days=3, step_s=step)
    assert_allclose(ref["eclipses_per_year"], 41 * 365.25 / 3)
    assert_allclose(fast["eclipses_per_year"], ref["eclipses_per_year"])
    assert_allclose(fast["sunlit_fraction"], ref["sunlit_fraction"], atol=0.002)
    ev_ref = eclipse_events(orbit, days=3, step_s=10, method="skyfield")
    ev = eclipse_events(orbit, days=3, step_s=step)
    assert ev["entry"].size == ev_ref["entry"].size
    for key in ("entry", "exit"):
        assert np.abs((ev[key] - ev_ref[key]) / np.timedelta64(1, "s")).max() < 30.0


# ------------------------------------------------- analytic on eccentric orbits (finding 7)
def test_analytic_refuses_an_eccentric_orbit():
    """The analytic method is the circular-orbit formula: e = 0.4 (which gave a 38.9 min
    longest eclipse against 26.8 by the fast method) is refused, naming the method and
    the eccentricity; e = 0.0005 (a near-circular TLE, as the ISS) is accepted."""
    from orbitcompute import InputError

    ecc = Orbit.keplerian(12000.0, 0.4, 10.0, 0.0, 180.0, 0.0, epoch="2026-03-20")
    pattern = r"^method='analytic' with eccentricity=0.4: .*use method='fast'"
    with pytest.raises(InputError, match=pattern):
        eclipse_summary(ecc, days=2, method="analytic")
    with pytest.raises(InputError, match=pattern):
        sunlit(ecc, ["2026-03-20T00:00"], method="analytic")
    near = Orbit.keplerian(6928.137, 0.0005, 53.0, 0.0, 90.0, 0.0, epoch="2026-03-20")
    assert 0.6 < float(eclipse_summary(near, days=2, method="analytic")["sunlit_fraction"]) < 0.7
    assert float(eclipse_summary(ecc, days=2)["sunlit_fraction"]) > 0.8  # fast accepts it


# ------------------------------------------------------- no orbit at all (finding 21)
@pytest.mark.parametrize("method", ["analytic", "fast", "skyfield"])
def test_empty_orbit_gives_empty_results(method):
    """An Orbit with no element gives empty results by every method (the fast and
    skyfield methods used to fail with a reshape ValueError or a TypeError)."""
    empty = Orbit.circular([], 53.0, epoch="2026-01-01")
    s = eclipse_summary(empty, days=2, method=method)
    assert s["sunlit_fraction"].shape == (0,)
    assert s["profile_sunlit_fraction"].shape == s["profile_beta_deg"].shape == (0, 2)
    assert s["profile_date"].shape == (2,)
    if method != "analytic":
        ev = eclipse_events(empty, days=1, method=method)
        assert all(v.size == 0 for v in ev.values())


# ----------------------------------------------------------------- days (finding 22)
def test_days_must_be_one_number_and_is_quoted_briefly():
    from orbitcompute import InputError

    orbit = Orbit.circular(550.0, 53.0, epoch="2026-01-01")
    with pytest.raises(InputError, match=r"^days=\[1, 2\]: must be a single number"):
        eclipse_summary(orbit, days=[1, 2])
    with pytest.raises(InputError, match=r"^step_s=\[60\]: must be a single number"):
        eclipse_summary(orbit, days=1, step_s=[60])
    with pytest.raises(
        InputError, match=r"^days=1e\+300, step_s=60: 1.44e\+303 time steps in the window"
    ) as exc:
        eclipse_summary(orbit, days=1e300)
    assert len(str(exc.value)) < 150
    with pytest.raises(InputError, match=r"^days=1e\+308, step_s=60: inf time steps in the window"):
        eclipse_summary(orbit, days=1e308)


def test_days_near_a_whole_number():
    """1.0000001 days has a last day of 0.00864 s (quoted exactly, it used to read
    ``days=1``); 3.0000000000000004 (= 0.1 * 30, one rounding off 3) is 3 days."""
    from orbitcompute import InputError

    orbit = Orbit.circular(550.0, 53.0, epoch="2026-01-01")
    with pytest.raises(InputError, match=r"^days=1.0000001: the last, partial day \(0.00864 s\)"):
        eclipse_summary(orbit, days=1.0000001)
    rounded = eclipse_summary(orbit, days=0.1 * 30, step_s=60)
    whole = eclipse_summary(orbit, days=3, step_s=60)
    assert rounded["profile_date"].size == 3
    for key in ("sunlit_fraction", "eclipses_per_year", "profile_sunlit_fraction"):
        assert_array_equal(rounded[key], whole[key])


def test_a_window_running_past_2100_names_days():
    """From 2100-12-01, 60 days end on 2101-01-30, after SUN_YEAR_RANGE (the error named
    the internal day-midpoint times); 31 days end exactly at 2101-01-01 and are accepted."""
    o = Orbit.circular(550, 53, epoch="2100-12-01")
    for method in ("analytic", "fast"):
        with pytest.raises(InputError, match=r"^days=60: the window from 2100-12-01T00:00:00 "):
            eclipse_summary(o, days=60, method=method)
        assert 0.6 < float(eclipse_summary(o, days=31, method=method)["sunlit_fraction"]) < 0.7


# ------------------------------------------------------------ orbit audit (s29)
def test_ragged_days_or_step_is_an_input_error():
    """A ragged list made np.ndim raise numpy's ValueError ('inhomogeneous shape')."""
    orbit = Orbit.circular(550.0, 53.0, epoch="2026-01-01")
    with pytest.raises(InputError, match=r"^days=\[\[1, 2\], \[3\]\]: must be a single number"):
        eclipse_summary(orbit, days=[[1, 2], [3]])
    with pytest.raises(InputError, match=r"^step_s=\[\[60\], \[\]\]: must be a single number"):
        eclipse_events(orbit, days=1, step_s=[[60], []])


def test_an_eclipse_under_way_at_the_start_is_not_counted():
    """550 km, 53 deg, window of 1.5 days from 2026-01-07 05:00: skyfield's is_sunlit
    sampled every 0.5 s (SGP4 record built independently) is dark at the start and has
    22 dark entries after it; the fast method counts those 22 (eclipses_per_year x 1.5 /
    365.25) and times 22 complete eclipses (the last entry's eclipse ends inside)."""
    o = Orbit.circular(550.0, 53.0, 30.0, epoch="2026-01-10", arg_latitude_deg=123.0)
    start = np.datetime64("2026-01-07T05:00")
    assert sunlit(o, start) == 0.0  # the window starts in the umbra
    s = eclipse_summary(o, days=1.5, start=start)
    assert_allclose(s["eclipses_per_year"] * 1.5 / 365.25, 22.0, rtol=1e-12)
    assert eclipse_events(o, days=1.5, start=start)["entry"].size == 22
