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

from orbitcompute.orbit import Orbit, eclipse_events
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
