"""Sunlight and eclipse statistics over a mission window, by three methods.

``"analytic"``
    Beta angle once per day (at the middle of the day) and the cylindrical-shadow
    eclipse fraction of a circular orbit. Microseconds per orbit-day; for sweeps.
``"fast"``
    The orbit propagated with J2/J4 secular rates at every time step, the
    low-precision Sun, and the conical shadow with penumbra (illumination 0..1).
    Eclipse entry and exit (the point-Sun shadow boundary, as skyfield) are refined by
    bisection, so durations do not depend on the step.
``"skyfield"``
    SGP4 (WGS 72, improved mode) and the DE421 Sun through skyfield, offline: the
    reference the other two are tested against. One satellite at a time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute._validate import check_choice, check_positive
from orbitcompute.constants import SECONDS_PER_DAY
from orbitcompute.errors import InputError
from orbitcompute.orbit.elements import Orbit, _as_datetime64, _days_since_j2000
from orbitcompute.orbit.geometry import (
    _check_orbit,
    _dt_seconds,
    _Secular,
    _sun_dot_geometry,
    _sun_dot_geometry_grid,
    beta_angle_deg,
)
from orbitcompute.orbit.shadow import _conical, _conical_fast, _eclipse_fraction, eclipse_fraction

__all__ = ["METHODS", "eclipse_events", "eclipse_summary", "sunlit"]

METHODS = ("fast", "analytic", "skyfield")
DAYS_PER_YEAR = 365.25
_BISECTION_STEPS = 16  # 60 s / 2**16 ~ 1 ms
_CHUNK_ELEMENTS = 2_000_000  # orbit x time samples per block of the fast method


def sunlit(orbit: Orbit, times: Any, method: str = "fast") -> np.ndarray:
    """Sunlit fraction at each instant.

    Parameters
    ----------
    orbit : Orbit
        One orbit or many (shape ``S``).
    times : datetime64 array_like
        Instants (UTC), shape ``T``.
    method : {"fast", "analytic", "skyfield"}
        ``"fast"``: illumination fraction of the solar disc (conical shadow with
        penumbra), 0..1. ``"analytic"``: the orbit-average sunlit fraction
        ``1 - f_E(beta(t))`` (cylindrical shadow; not the instantaneous state).
        ``"skyfield"``: 1.0 where skyfield's ``is_sunlit`` is true, else 0.0.

    Returns
    -------
    ndarray, shape ``S + T``

    References
    ----------
    Montenbruck & Gill (2000), sec. 3.4.2; Vallado (2013), sec. 5.3.
    """
    orbit = _check_orbit(orbit)
    check_choice("method", method, METHODS)
    if method == "analytic":
        beta = beta_angle_deg(orbit, times)
        alt = np.asarray(orbit.altitude_km, dtype=float)
        alt = alt.reshape(alt.shape + (1,) * (beta.ndim - len(orbit.shape)))
        return 1.0 - eclipse_fraction(alt, beta)
    if method == "skyfield":
        from orbitcompute.orbit.skyfield_ref import sunlit_flags

        return sunlit_flags(orbit, times).astype(float)
    t, dt = _dt_seconds(orbit, times)
    sec = _Secular.from_orbit(orbit).expand(t.ndim)
    r, cos_psi, d = _sun_dot_geometry(sec, dt, _days_since_j2000(t))
    nu, _ = _conical(r, cos_psi, d)
    return np.broadcast_to(nu, (sec.a.shape[0], *t.shape)).reshape(orbit.shape + t.shape)


def _fast_margin(sec: _Secular, start_days: float, dt0_s: float, t_s: np.ndarray) -> np.ndarray:
    """Point-Sun shadow margin [rad] of orbits ``sec`` (flat) at window times ``t_s``."""
    r, cos_psi, d = _sun_dot_geometry(sec, dt0_s + t_s, start_days + t_s / SECONDS_PER_DAY)
    _, margin = _conical(r, cos_psi, d)
    return margin


def _window(orbit: Orbit, days: Any, step_s: Any, start: Any) -> dict[str, Any]:
    days_f = float(check_positive("days", days, unit="days"))
    step = float(check_positive("step_s", step_s, unit="s"))
    if step > 3600.0:
        raise InputError(f"step_s={step:g}: must be in (0, 3600] s")
    start_t = orbit.epoch if start is None else _as_datetime64("start", start)
    if np.ndim(start_t) != 0:
        raise InputError(f"start={start!r}: must be a single date/time")
    start_t = np.datetime64(start_t, "us")
    window_s = days_f * SECONDS_PER_DAY
    n = max(round(window_s / step), 1)
    if n > 50_000_000:
        raise InputError(
            f"days={days_f:g}, step_s={step:g}: {n} steps per orbit is too many; "
            "must be at most 5e7 (use a larger step_s)"
        )
    n_days = int(np.ceil(window_s / SECONDS_PER_DAY - 1e-9))
    day_start_s = np.arange(n_days) * SECONDS_PER_DAY
    day_len_s = np.minimum(day_start_s + SECONDS_PER_DAY, window_s) - day_start_s
    return {
        "days": days_f,
        "step": step,
        "start": start_t,
        "window_s": window_s,
        "n": n,
        "n_days": n_days,
        "day_start_s": day_start_s,
        "day_len_s": day_len_s,
        "dt0_s": (start_t - orbit.epoch) / np.timedelta64(1, "us") * 1e-6,
        "start_days": float(_days_since_j2000(start_t)),
        "dates": (start_t + (day_start_s * 1e6).astype("timedelta64[us]")).astype("datetime64[D]"),
        "day_mid": start_t + ((day_start_s + day_len_s / 2.0) * 1e6).astype("timedelta64[us]"),
    }


def _analytic(orbit: Orbit, w: dict[str, Any]) -> dict[str, np.ndarray]:
    beta = beta_angle_deg(orbit, w["day_mid"])  # S + (n_days,)
    alt = np.broadcast_to(np.asarray(orbit.altitude_km, dtype=float), orbit.shape)[..., None]
    period = orbit.period_s
    period = np.broadcast_to(period, orbit.shape)[..., None]
    f = _eclipse_fraction(alt, beta)
    day_len = w["day_len_s"]
    eclipse_s = f * period
    n_ecl = np.where(f > 0.0, day_len / period, 0.0)
    n_total = n_ecl.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_ecl = np.where(n_total > 0, (eclipse_s * n_ecl).sum(axis=-1) / n_total, 0.0)
    prof_sunlit = 1.0 - f
    return {
        "sunlit_fraction": (prof_sunlit * day_len).sum(axis=-1) / w["window_s"],
        "longest_eclipse_min": eclipse_s.max(axis=-1) / 60.0,
        "mean_eclipse_min": mean_ecl / 60.0,
        "eclipse_free_days": (f == 0.0).sum(axis=-1).astype(float),
        "worst_day_sunlit_fraction": prof_sunlit.min(axis=-1),
        "eclipses_per_year": n_total * (DAYS_PER_YEAR * SECONDS_PER_DAY / w["window_s"]),
        "profile_sunlit_fraction": prof_sunlit,
        "profile_longest_eclipse_min": eclipse_s / 60.0,
        "profile_beta_deg": beta,
    }


def _bisect(
    dark_at: Any, idx: np.ndarray, t_lo: np.ndarray, t_hi: np.ndarray, dark_lo: np.ndarray
) -> np.ndarray:
    """Refine shadow crossings between ``t_lo`` and ``t_hi`` (fixed number of halvings)."""
    lo, hi = t_lo.copy(), t_hi.copy()
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        same = dark_at(idx, mid) == dark_lo
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return 0.5 * (lo + hi)


def _event_stats(
    n_orbits: int,
    w: dict[str, Any],
    ev_orbit: np.ndarray,
    ev_time: np.ndarray,
    ev_entry: np.ndarray,
) -> dict[str, np.ndarray]:
    """Per-orbit and per-day eclipse statistics from sorted entry/exit events."""
    n_days = w["n_days"]
    longest = np.zeros(n_orbits)
    prof_longest = np.zeros((n_orbits, n_days))
    dur_sum = np.zeros(n_orbits)
    n_complete = np.zeros(n_orbits)
    entries = np.zeros(n_orbits)
    np.add.at(entries, ev_orbit[ev_entry], 1.0)
    if ev_orbit.size > 1:
        pair = (~ev_entry[1:]) & ev_entry[:-1] & (ev_orbit[1:] == ev_orbit[:-1])
        j = np.nonzero(pair)[0]
        o = ev_orbit[j]
        dur = ev_time[j + 1] - ev_time[j]
        day = np.minimum((ev_time[j] // SECONDS_PER_DAY).astype(int), n_days - 1)
        np.maximum.at(longest, o, dur)
        np.maximum.at(prof_longest, (o, day), dur)
        np.add.at(dur_sum, o, dur)
        np.add.at(n_complete, o, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n_complete > 0, dur_sum / n_complete, 0.0)
    return {
        "longest_eclipse_min": longest / 60.0,
        "mean_eclipse_min": mean / 60.0,
        "eclipses_per_year": entries * (DAYS_PER_YEAR * SECONDS_PER_DAY / w["window_s"]),
        "profile_longest_eclipse_min": prof_longest / 60.0,
    }


def _sampled(
    n_orbits: int,
    w: dict[str, Any],
    sample_block: Any,
    dark_at: Any,
) -> dict[str, np.ndarray]:
    """Statistics from sampled illumination, in blocks of whole days.

    ``sample_block(t_s)`` returns ``(illumination, dark)`` of shape (n_orbits, len(t_s)) for
    window times ``t_s``; ``dark_at(orbit_idx, t_s)`` the point-Sun shadow flag at single
    points (for bisection).
    """
    n, step, n_days = w["n"], w["step"], w["n_days"]
    t_all = np.arange(n) * step
    day_of_sample = np.minimum((t_all // SECONDS_PER_DAY).astype(int), n_days - 1)
    samples_per_day = np.bincount(day_of_sample, minlength=n_days).astype(float)
    nu_day = np.zeros((n_orbits, n_days))
    dark_day = np.zeros((n_orbits, n_days))
    ev_o, ev_k, ev_entry = [], [], []
    block = max(int(_CHUNK_ELEMENTS // max(n_orbits, 1)), 2)
    prev_dark = None
    for k0 in range(0, n, block):  # blocks of time (bounded memory), not of orbits
        t_blk = t_all[k0 : k0 + block]
        nu, dark = sample_block(t_blk)
        d_blk = day_of_sample[k0 : k0 + block]
        starts = np.flatnonzero(np.r_[True, d_blk[1:] != d_blk[:-1]])
        days_here = d_blk[starts]
        nu_day[:, days_here] += np.add.reduceat(nu, starts, axis=1)
        dark_day[:, days_here] += np.add.reduceat(dark, starts, axis=1)
        full = dark if prev_dark is None else np.concatenate([prev_dark, dark], axis=1)
        offset = k0 if prev_dark is None else k0 - 1
        o, k = np.nonzero(full[:, 1:] != full[:, :-1])
        ev_o.append(o)
        ev_k.append(k + offset)
        ev_entry.append(full[o, k + 1])
        prev_dark = dark[:, -1:]
    o = np.concatenate(ev_o)
    k = np.concatenate(ev_k)
    entry = np.concatenate(ev_entry).astype(bool)
    order = np.lexsort((k, o))
    o, k, entry = o[order], k[order], entry[order]
    t_ev = _bisect(dark_at, o, t_all[k], t_all[k] + step, ~entry)
    out = _event_stats(n_orbits, w, o, t_ev, entry)
    out["_events"] = (o, t_ev, entry)
    prof_sunlit = nu_day / samples_per_day
    out.update(
        {
            "sunlit_fraction": nu_day.sum(axis=1) / n,
            "eclipse_free_days": (dark_day == 0).sum(axis=1).astype(float),
            "worst_day_sunlit_fraction": prof_sunlit.min(axis=1),
            "profile_sunlit_fraction": prof_sunlit,
        }
    )
    return out


def _fast(orbit: Orbit, w: dict[str, Any]) -> dict[str, np.ndarray]:
    sec = _Secular.from_orbit(orbit)
    n_orbits = sec.a.shape[0]
    dt0, start_days = w["dt0_s"], w["start_days"]

    def sample_block(t_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r, cos_psi, d = _sun_dot_geometry_grid(sec, dt0, start_days, t_s, w["step"])
        return _conical_fast(r, cos_psi, d)

    def dark_at(idx: np.ndarray, t_s: np.ndarray) -> np.ndarray:
        return _fast_margin(sec.take(idx), start_days, dt0, t_s) < 0.0

    out = _sampled(n_orbits, w, sample_block, dark_at)
    out["profile_beta_deg"] = beta_angle_deg(orbit, w["day_mid"]).reshape(n_orbits, -1)
    return out


def eclipse_events(
    orbit: Orbit,
    days: float = 1.0,
    step_s: float = 60.0,
    method: str = "fast",
    start: Any = None,
) -> dict[str, np.ndarray]:
    """Entry and exit times of every complete eclipse in a window.

    Eclipse = the Sun's centre hidden by the spherical Earth (skyfield's ``is_sunlit``
    definition; for ``"fast"`` the zero of the conical model's shadow margin, i.e. the
    middle of the penumbra). Times are found on the ``step_s`` grid and refined by
    bisection to about ``step_s / 65536``.

    Parameters
    ----------
    orbit, days, step_s, start
        As for :func:`eclipse_summary`.
    method : {"fast", "skyfield"}

    Returns
    -------
    dict of ndarray, one element per eclipse
        ``orbit_index`` (flat index into ``orbit.shape``), ``entry`` and ``exit``
        (``datetime64[ms]``), ``duration_s``.

    References
    ----------
    Montenbruck & Gill (2000), sec. 3.4.2.
    """
    orbit = _check_orbit(orbit)
    check_choice("method", method, ("fast", "skyfield"))
    w = _window(orbit, days, step_s, start)
    if method == "fast":
        out = _fast(orbit, w)
    else:
        from orbitcompute.orbit.skyfield_ref import skyfield_summary

        out = skyfield_summary(orbit, w, _sampled)
    o, t_ev, entry = out["_events"]
    j = np.nonzero((~entry[1:]) & entry[:-1] & (o[1:] == o[:-1]))[0]
    to_ms = lambda s: w["start"] + np.round(s * 1e3).astype("timedelta64[ms]")  # noqa: E731
    return {
        "orbit_index": o[j],
        "entry": to_ms(t_ev[j]),
        "exit": to_ms(t_ev[j + 1]),
        "duration_s": t_ev[j + 1] - t_ev[j],
    }


def eclipse_summary(
    orbit: Orbit,
    days: float = 365.0,
    step_s: float = 60.0,
    method: str = "fast",
    start: Any = None,
) -> dict[str, np.ndarray]:
    """Sunlight and eclipse statistics of one orbit or many over a mission window.

    Parameters
    ----------
    orbit : Orbit
        One orbit or many (shape ``S``); ``"analytic"`` and ``"fast"`` treat all at once.
    days : float, optional
        Window length [days], > 0.
    step_s : float, optional
        Time step of the ``"fast"`` and ``"skyfield"`` sampling [s], (0, 3600]. Eclipse
        entry and exit are refined by bisection to about 1 ms, whatever the step.
    method : {"fast", "analytic", "skyfield"}
        See the module docstring.
    start : datetime-like, optional
        Start of the window (UTC); default the orbit's epoch.

    Returns
    -------
    dict of ndarray
        Per orbit (shape ``S``): ``sunlit_fraction`` (time average; for ``"fast"`` the
        illuminated fraction of the solar disc, so penumbra counts partly),
        ``longest_eclipse_min``, ``mean_eclipse_min`` (0 if none),
        ``eclipse_free_days`` (days without a shadowed sample; ``"analytic"``: days
        whose mid-day beta is above the critical beta), ``min_beta_deg``,
        ``max_beta_deg`` (over the daily profile), ``orbital_period_s``,
        ``worst_day_sunlit_fraction``, ``eclipses_per_year`` (eclipse entries per year,
        scaled from the window). Per day (shape ``S + (n_days,)``):
        ``profile_sunlit_fraction``, ``profile_longest_eclipse_min`` (eclipses by
        the day they start), ``profile_beta_deg`` (at the middle of each day); and
        ``profile_date`` (``datetime64[D]``, shape ``(n_days,)``). Eclipses are the
        point-Sun shadow (the Sun's centre hidden by the Earth), as in skyfield;
        eclipses cut by the window's ends are counted but not timed.

    Examples
    --------
    >>> from orbitcompute.orbit import Orbit, eclipse_summary
    >>> dd = Orbit.sun_synchronous(650.0, ltan_h=18.0, epoch="2026-06-01")
    >>> s = eclipse_summary(dd, days=40, method="analytic")
    >>> round(float(s["longest_eclipse_min"]), 0)
    20.0

    References
    ----------
    Vallado (2013), sec. 5.3 (eclipse by beta angle); Montenbruck & Gill (2000),
    sec. 3.4.2 (conical shadow); Hoots & Roehrich (1980), SGP4.
    """
    orbit = _check_orbit(orbit)
    check_choice("method", method, METHODS)
    w = _window(orbit, days, step_s, start)
    shape = orbit.shape
    if method == "analytic":
        out = _analytic(orbit, w)
    elif method == "fast":
        out = _fast(orbit, w)
    else:
        from orbitcompute.orbit.skyfield_ref import skyfield_summary

        out = skyfield_summary(orbit, w, _sampled)
    beta = np.asarray(out["profile_beta_deg"]).reshape((*shape, w["n_days"]))
    result: dict[str, np.ndarray] = {}
    for key in (
        "sunlit_fraction",
        "longest_eclipse_min",
        "mean_eclipse_min",
        "eclipse_free_days",
        "worst_day_sunlit_fraction",
        "eclipses_per_year",
    ):
        result[key] = np.asarray(out[key], dtype=float).reshape(shape)
    result["min_beta_deg"] = beta.min(axis=-1)
    result["max_beta_deg"] = beta.max(axis=-1)
    result["orbital_period_s"] = np.broadcast_to(orbit.period_s, shape).astype(float)
    result["profile_date"] = w["dates"]
    for key in ("profile_sunlit_fraction", "profile_longest_eclipse_min"):
        result[key] = np.asarray(out[key], dtype=float).reshape((*shape, w["n_days"]))
    result["profile_beta_deg"] = beta
    return result
