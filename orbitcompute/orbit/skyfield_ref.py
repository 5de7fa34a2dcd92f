"""The reference: SGP4 (WGS 72, improved mode) and DE421 through skyfield, offline.

The ephemeris comes from the ``skyfield-data`` package and the timescale from
skyfield's built-in tables, so nothing is downloaded. An :class:`Orbit` that is not
from a TLE is turned into an SGP4 element set with ``sgp4init``: the Kozai mean
motion is chosen so that SGP4's Brouwer mean motion equals the orbit's, which makes
the reference drift at the same secular rates as the fast model.
"""

from __future__ import annotations

import atexit
import functools
import warnings
from typing import Any

import numpy as np

from orbitcompute.constants import EARTH_MU_KM3_PER_S2, SECONDS_PER_DAY
from orbitcompute.errors import InputError
from orbitcompute.orbit.elements import Orbit, _as_datetime64, secular_rates_rad_per_s

__all__ = ["earth_satellites", "sunlit_flags"]

_SGP4_EPOCH_JD = 2433281.5  # 1949 December 31 00:00 UT, the sgp4init epoch origin
_BISECTION_STEPS = 16


@functools.lru_cache(maxsize=1)
def _load() -> tuple[Any, Any]:
    """Built-in timescale and the DE421 ephemeris shipped by skyfield-data."""
    from skyfield.api import Loader
    from skyfield_data import get_skyfield_data_path

    with warnings.catch_warnings():
        # skyfield-data warns that its bundled finals2000A.all has expired; the
        # built-in timescale used here does not read that file.
        warnings.filterwarnings(
            "ignore", message="The file finals2000A.all has expired", category=RuntimeWarning
        )
        path = get_skyfield_data_path()
    load = Loader(path, verbose=False)
    eph = load("de421.bsp")
    atexit.register(eph.close)  # the kernel keeps its file open while cached
    return load.timescale(), eph


def _use_iau2000b(t: Any) -> Any:
    """Use the IAU 2000B nutation series (~1 mas) instead of 2000A: ~15x faster.

    This sets a private skyfield attribute, as skyfield's own ``almanac`` module does;
    it is confined to this one function.
    """
    from skyfield.nutationlib import iau2000b_radians

    t._nutation_angles_radians = iau2000b_radians(t)
    return t


def _times(ts: Any, start: np.datetime64, offsets_s: np.ndarray, fast_nutation: bool) -> Any:
    s = np.datetime64(start, "us").astype(object)
    t = ts.utc(
        s.year,
        s.month,
        s.day,
        s.hour,
        s.minute,
        s.second + s.microsecond * 1e-6 + np.asarray(offsets_s, dtype=float),
    )
    return _use_iau2000b(t) if fast_nutation else t


def _satrec_for(el: dict[str, float], epoch: np.datetime64) -> Any:
    """SGP4 record whose secular mean-anomaly rate equals the fast model's for this orbit."""
    from sgp4.api import WGS72, Satrec

    a_km = el["a"]
    _, _, mdot = secular_rates_rad_per_s(a_km, el["e"], el["inc"])
    mdot_target = float(mdot) * 60.0  # rad/min
    n_target = np.sqrt(EARTH_MU_KM3_PER_S2 / a_km**3) * 60.0
    jd = (epoch - np.datetime64("2000-01-01T12:00:00", "us")) / np.timedelta64(1, "us")
    epoch_days = jd / (SECONDS_PER_DAY * 1e6) + 2451545.0 - _SGP4_EPOCH_JD
    no_kozai = n_target
    sat = Satrec()
    for _ in range(5):  # fixed point on SGP4's Kozai mean motion input
        sat = Satrec()
        sat.sgp4init(
            WGS72,
            "i",
            1,
            epoch_days,
            0.0,
            0.0,
            0.0,
            el["e"],
            np.radians(el["argp"]),
            np.radians(el["inc"]),
            np.radians(el["m"]),
            no_kozai,
            np.radians(el["raan"]),
        )
        no_kozai *= mdot_target / sat.mdot
    return sat


def earth_satellites(orbit: Orbit) -> list[Any]:
    """One skyfield ``EarthSatellite`` per orbit of ``orbit`` (flattened, C order)."""
    from skyfield.api import EarthSatellite

    ts, _ = _load()
    if orbit.tle is not None:
        return [EarthSatellite(orbit.tle[0], orbit.tle[1], ts=ts)]
    el = orbit.broadcast()
    a = np.broadcast_to(orbit.semi_major_axis_km, orbit.shape).ravel()
    sats = []
    for i in range(a.size):  # skyfield propagates one satellite at a time
        rec = _satrec_for(
            {
                "a": float(a[i]),
                "e": float(el["eccentricity"].ravel()[i]),
                "inc": float(el["inclination_deg"].ravel()[i]),
                "raan": float(el["raan_deg"].ravel()[i]),
                "argp": float(el["arg_perigee_deg"].ravel()[i]),
                "m": float(el["mean_anomaly_deg"].ravel()[i]),
            },
            orbit.epoch,
        )
        sats.append(EarthSatellite.from_satrec(rec, ts))
    return sats


#: Dates DE421 covers (skyfield raises EphemerisRangeError outside them).
DE421_RANGE = (np.datetime64("1899-07-29", "us"), np.datetime64("2053-10-09", "us"))


def _check_ephemeris_range(name: str, first: Any, last: Any) -> None:
    """Refuse times outside DE421 before skyfield is asked (one comparison each)."""
    lo, hi = DE421_RANGE
    if first < lo or last > hi:
        bad = first if (first < lo or first > hi) else last
        raise InputError(
            f"{name}={str(bad)[:19]}: outside the DE421 ephemeris the skyfield method uses "
            f"({str(lo)[:10]} to {str(hi)[:10]}); use method='fast' or 'analytic' outside it"
        )


def _dark(sat: Any, eph: Any, t: Any) -> np.ndarray:
    return ~np.asarray(sat.at(t).is_sunlit(eph), dtype=bool)


def sunlit_flags(orbit: Orbit, times: Any, fast_nutation: bool = True) -> np.ndarray:
    """skyfield's ``is_sunlit`` (point Sun, spherical Earth) for each orbit and time.

    Parameters
    ----------
    orbit : Orbit
        One orbit or a few (shape ``S``); each is propagated separately.
    times : datetime64 array_like
        Instants (UTC), shape ``T``.
    fast_nutation : bool, optional
        Use IAU 2000B nutation (see :func:`_use_iau2000b`).

    Returns
    -------
    ndarray of bool, shape ``S + T``

    References
    ----------
    Rhodes, B. Skyfield (``EarthSatellite``, ``is_sunlit``), https://rhodesmill.org/skyfield/;
    Vallado et al. (2006), AIAA 2006-6753 (SGP4); Folkner et al. (2009), DE421, IPN PR 42-178.
    """
    t64 = _as_datetime64("times", times)  # checked before the ephemeris is loaded
    if t64.size:
        _check_ephemeris_range("times", t64.min(), t64.max())
    ts, eph = _load()
    start = t64.min() if t64.size else orbit.epoch
    offsets = ((t64 - start) / np.timedelta64(1, "us") * 1e-6).ravel()
    t = _times(ts, start, offsets, fast_nutation)
    flags = [~_dark(sat, eph, t) for sat in earth_satellites(orbit)]
    return np.asarray(flags).reshape(orbit.shape + t64.shape)


def _beta_deg(sat: Any, eph: Any, t: Any) -> np.ndarray:
    pos = sat.at(t)
    r = pos.position.km
    v = pos.velocity.km_per_s
    h = np.cross(r, v, axis=0)
    h /= np.linalg.norm(h, axis=0)
    s = (eph["sun"] - eph["earth"]).at(t).position.km
    s /= np.linalg.norm(s, axis=0)
    return np.degrees(np.arcsin(np.clip((h * s).sum(axis=0), -1.0, 1.0)))


def skyfield_summary(
    orbit: Orbit, w: dict[str, Any], sampled: Any, fast_nutation: bool = True
) -> dict[str, np.ndarray]:
    """Eclipse statistics with skyfield (used by ``eclipse_summary(method="skyfield")``)."""
    end = w["start"] + np.timedelta64(int(w["window_s"] * 1e6), "us")
    _check_ephemeris_range("start", w["start"], end)
    ts, eph = _load()
    sats = earth_satellites(orbit)
    start = w["start"]

    def sample_block(t_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        t = _times(ts, start, t_s, fast_nutation)
        dark = np.asarray([_dark(sat, eph, t) for sat in sats])
        return (~dark).astype(float), dark

    def dark_at(idx: np.ndarray, t_s: np.ndarray) -> np.ndarray:
        out = np.zeros(idx.shape, dtype=bool)
        for i, sat in enumerate(sats):
            sel = idx == i
            if np.any(sel):
                out[sel] = _dark(sat, eph, _times(ts, start, t_s[sel], fast_nutation))
        return out

    out = sampled(len(sats), w, sample_block, dark_at)
    mid_s = (w["day_mid"] - start) / np.timedelta64(1, "us") * 1e-6
    t_mid = _times(ts, start, mid_s, fast_nutation)
    out["profile_beta_deg"] = np.asarray([_beta_deg(sat, eph, t_mid) for sat in sats])
    return out
