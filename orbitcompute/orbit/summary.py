"""Sunlight and eclipse statistics over a mission window, by three methods.

``"analytic"``
    Beta angle once per day (at the middle of the day) and the cylindrical-shadow
    eclipse fraction of a circular orbit. Microseconds per orbit-day; for sweeps.
``"fast"``
    The orbit propagated with J2/J4 secular rates at every time step, the
    low-precision Sun, and the conical shadow with penumbra (illumination 0..1).
    ``cos psi`` (satellite-Sun angle) on the whole grid comes from one product of
    per-hour and per-step factors; two thresholds on it separate full Sun and umbra,
    and the full conical model runs only on the ~1 % of samples near the shadow edge.
    Eclipses are found as sign changes of the shadow flag between samples; entry and
    exit (the point-Sun shadow boundary, as skyfield) are then refined by a safeguarded
    secant to well under 1 ms. An eclipse shorter than the step can fall between two
    samples and be missed, so ``step_s`` is bounded (see :func:`eclipse_summary`):
    only grazing eclipses can be missed. About 14 ms per satellite-year at 60 s steps
    (benchmarks/bench_eclipse.py).
``"skyfield"``
    SGP4 (WGS 72, improved mode) and the DE421 Sun through skyfield, offline: the
    reference the other two are tested against. One satellite at a time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute._validate import check_choice, check_positive, guarded, short_repr
from orbitcompute.constants import EARTH_MU_KM3_PER_S2, EARTH_RADIUS_KM, SECONDS_PER_DAY
from orbitcompute.errors import InputError
from orbitcompute.orbit.elements import (
    _END_DATE,
    SUN_YEAR_RANGE,
    Orbit,
    _as_datetime64,
    _days_since_j2000,
)
from orbitcompute.orbit.geometry import (
    _check_orbit,
    _cos_sun_angle_grid,
    _dt_seconds,
    _radius_km,
    _Secular,
    _sin_beta,
    _sun_dot_geometry,
    _sun_in_plane,
    beta_angle_deg,
)
from orbitcompute.orbit.shadow import (
    _conical,
    _conical_screened,
    _eclipse_fraction_cos,
    _Illumination,
    eclipse_fraction,
)

__all__ = ["METHODS", "eclipse_events", "eclipse_summary", "sunlit"]

METHODS = ("fast", "analytic", "skyfield")
DAYS_PER_YEAR = 365.25
_BISECTION_STEPS = 16  # 60 s / 2**16 ~ 1 ms
_FALSE_POSITION_STEPS = 12  # at most; 3 usually
_ROOT_TOLERANCE_S = 1e-3  # last step; the secant's error is then far smaller
_CHUNK_ELEMENTS = 2_000_000  # orbit x time samples per block of the fast method
# step_s <= R_E / (_STEP_DEPTH_DIVISOR * v_perigee): an eclipse missed by the sampling is
# less than step_s * v_perigee / 2 <= R_E / (2 * _STEP_DEPTH_DIVISOR) (399 km) deep
_STEP_DEPTH_DIVISOR = 8.0
# eccentricity up to which method="analytic" (a circular-orbit formula) is accepted: the
# eclipse duration then differs from the circular orbit's by about e (0.1 %), below the
# method's own error (cylindrical shadow, one beta per day)
_ANALYTIC_MAX_ECCENTRICITY = 1e-3
# a days value within this relative distance of a whole number is that whole number
# (float rounding, e.g. 0.1 * 30 = 3.0000000000000004)
_DAYS_ROUNDING = 1e-12


@guarded("the sunlit fraction")
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
        ``1 - f_E(beta(t))`` (cylindrical shadow; not the instantaneous state; circular
        orbits only, eccentricity <= 1e-3).
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
        _check_analytic(orbit)
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


def _fast_edge(sec: _Secular, start_days: float, dt0_s: float, t_s: np.ndarray) -> np.ndarray:
    """``cos b - cos c`` of orbits ``sec`` (flat) at window times ``t_s``.

    The same sign and zeros as the point-Sun shadow margin ``c - b`` of
    :func:`~orbitcompute.orbit.shadow.conical_shadow` (``c``: apparent Sun-Earth
    separation, ``b``: Earth's apparent radius; negative in shadow), smooth through the
    boundary, without inverse trigonometry.
    """
    r, cos_psi, d = _sun_dot_geometry(sec, dt0_s + t_s, start_days + t_s / SECONDS_PER_DAY)
    dist = np.sqrt(d * d - 2.0 * d * r * cos_psi + r * r)
    sin_b = EARTH_RADIUS_KM / r
    return np.sqrt(1.0 - sin_b * sin_b) - (r - d * cos_psi) / dist


def _prepare_fast_edge(
    ev: _Secular, start_days: float, dt0_s: float, t_lo: np.ndarray, t_hi: np.ndarray
) -> tuple[Any, np.ndarray, np.ndarray]:
    """:func:`_fast_edge` of crossings ``ev`` (one orbit each) inside ``[t_lo, t_hi]``.

    The Sun in the orbit plane (``s.P``, ``s.Q``) and its distance are computed at the
    two ends and interpolated linearly in between (error ~1e-10 rad over a minute), so
    each evaluation costs one sine and one cosine per crossing.
    """
    n = t_lo.size
    tt = np.concatenate([t_lo, t_hi])
    ev2 = ev.take(np.r_[np.arange(n), np.arange(n)])
    sp, sq, d = _sun_in_plane(ev2, dt0_s + tt, start_days + tt / SECONDS_PER_DAY)
    sp_lo, sq_lo, d_lo = sp[:n], sq[:n], d[:n]
    dsp, dsq, dd = sp[n:] - sp_lo, sq[n:] - sq_lo, d[n:] - d_lo
    width = t_hi - t_lo

    def edge(sel: np.ndarray, t_s: np.ndarray, sec: _Secular | None = None) -> np.ndarray:
        sec = ev.take(sel) if sec is None else sec
        frac = (t_s - t_lo[sel]) / width[sel]
        r, u = sec.radius_and_arg_latitude(dt0_s + t_s)
        cu, su = np.cos(u), np.sin(u)
        cos_psi = cu * (sp_lo[sel] + frac * dsp[sel]) + su * (sq_lo[sel] + frac * dsq[sel])
        r = sec.corrected_radius(r, cu, su)
        dist_sun = d_lo[sel] + frac * dd[sel]
        dist = np.sqrt(dist_sun * dist_sun - 2.0 * dist_sun * r * cos_psi + r * r)
        sin_b = EARTH_RADIUS_KM / r
        return np.sqrt(1.0 - sin_b * sin_b) - (r - dist_sun * cos_psi) / dist

    ends = np.r_[np.arange(n), np.arange(n)]
    f = edge(ends, tt, ev2)
    return edge, f[:n], f[n:]


def _max_step_s(orbit: Orbit) -> tuple[float, float]:
    """Largest ``step_s`` of the sampling methods for ``orbit``, and the perigee speed.

    ``R_E / (8 v_p)`` with ``v_p = sqrt(mu (1 + e) / (a (1 - e)))`` the fastest speed
    (vis-viva at perigee) over the orbits: 105 s at 550 km, 259 s in GEO, never below
    72 s (the escape speed at the lowest perigee, 100 km), so the default 60 s is
    always accepted.

    Derivation: in the point-Sun shadow the satellite is behind the Earth and less than
    ``R_E`` (the shadow's radius, growing by ``r / d_sun`` < 0.6 % behind the Earth)
    from the Earth-Sun axis, and it can leave only through that cylinder (the rest of
    the boundary is inside the Earth). A satellite that comes ``delta`` inside the
    cylinder must move at least ``delta`` to get there and ``delta`` to get out, so
    the eclipse lasts at least ``2 delta / v_p``. The samples are ``step_s`` apart, so
    an eclipse between two of them lasts less than ``step_s`` and is less than
    ``delta = step_s v_p / 2 <= R_E / 16`` (399 km) deep: a grazing eclipse. A central
    eclipse (``delta = R_E``) lasts at least ``2 R_E / v_p``, 16 times the bound.
    """
    a = np.asarray(orbit.semi_major_axis_km, dtype=float)
    e = np.asarray(orbit.eccentricity, dtype=float)
    if a.size == 0 or e.size == 0:
        return np.inf, 0.0
    v_p = float(np.max(np.sqrt(EARTH_MU_KM3_PER_S2 * (1.0 + e) / (a * (1.0 - e)))))
    return EARTH_RADIUS_KM / (_STEP_DEPTH_DIVISOR * v_p), v_p


def _scalar(name: str, value: Any, unit: str) -> float:
    """A single positive number (``days``, ``step_s``)."""
    try:
        ndim = np.ndim(value)
    except ValueError:  # a ragged list: numpy cannot make an array of it
        ndim = -1
    if ndim != 0:
        raise InputError(f"{name}={short_repr(value)}: must be a single number ({unit})")
    return float(check_positive(name, value, unit=unit))


def _window(orbit: Orbit, days: Any, step_s: Any, start: Any, method: str) -> dict[str, Any]:
    days_f = _scalar("days", days, "days")
    step = _scalar("step_s", step_s, "s")
    if step > 3600.0:
        raise InputError(f"step_s={step:g}: must be in (0, 3600] s")
    whole = round(days_f)
    if whole >= 1 and abs(days_f - whole) <= _DAYS_ROUNDING * days_f:
        days_f = float(whole)  # float rounding of a whole number of days
    window_s = days_f * SECONDS_PER_DAY
    n_f = window_s / step
    if not n_f <= 50_000_000:
        raise InputError(
            f"days={days_f:.6g}, step_s={step:g}: {n_f:.3g} time steps in the window; "
            "at most 5e7 (use a larger step_s or a shorter window)"
        )
    tail_s = (days_f % 1.0) * SECONDS_PER_DAY
    if 0.0 < tail_s < step:
        raise InputError(
            f"days={days_f!r}: the last, partial day ({tail_s:.3g} s) is shorter than "
            f"step_s={step:g}; give whole days or a longer partial day"
        )
    if method != "analytic":
        step_max, v_p = _max_step_s(orbit)
        if step > step_max:
            depth_km = step * v_p / 2.0
            missed = (
                "even central eclipses"
                if depth_km >= EARTH_RADIUS_KM
                else f"eclipses up to {depth_km:.4g} km deep into the shadow"
            )
            raise InputError(
                f"step_s={step:g}: must be at most {step_max:.4g} s for this orbit "
                f"(R_E / (8 v_perigee), v_perigee = {v_p:.4g} km/s; default 60 s): an "
                f"eclipse shorter than the step can fall between two samples and be "
                f"missed, at this step {missed}"
            )
    start_t = orbit.epoch if start is None else _as_datetime64("start", start)
    if np.ndim(start_t) != 0:
        raise InputError(f"start={start!r}: must be a single date/time")
    start_t = np.datetime64(start_t, "us")
    end_t = start_t + np.timedelta64(round(window_s * 1e6), "us")
    if end_t > _END_DATE:
        raise InputError(
            f"days={days_f:.6g}: the window from {start_t.astype('datetime64[s]')} ends on "
            f"{end_t.astype('datetime64[D]')}, after the years {SUN_YEAR_RANGE[0]}-"
            f"{SUN_YEAR_RANGE[1]} of the low-precision Sun (SUN_YEAR_RANGE); shorten the "
            "window or start earlier"
        )
    n = max(round(n_f), 1)
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


#: Per-orbit results every engine returns (one value per orbit).
_PER_ORBIT_KEYS = (
    "sunlit_fraction",
    "longest_eclipse_min",
    "mean_eclipse_min",
    "eclipse_free_days",
    "worst_day_sunlit_fraction",
    "eclipses_per_year",
)


def _empty(n_days: int) -> dict[str, np.ndarray]:
    """The engines' output for no orbit at all (an empty ``Orbit``)."""
    out = {k: np.zeros(0) for k in _PER_ORBIT_KEYS}
    for k in ("profile_sunlit_fraction", "profile_longest_eclipse_min", "profile_beta_deg"):
        out[k] = np.zeros((0, n_days))
    out["_events"] = (np.zeros(0, dtype=int), np.zeros(0), np.zeros(0, dtype=bool))
    return out


def _too_eccentric(orbit: Orbit) -> float | None:
    """The first eccentricity above the analytic method's limit, or None (all circular)."""
    e = np.asarray(orbit.eccentricity, dtype=float)
    if e.size and float(e.max()) > _ANALYTIC_MAX_ECCENTRICITY:
        return float(e[e > _ANALYTIC_MAX_ECCENTRICITY].ravel()[0])
    return None


def _check_analytic(orbit: Orbit) -> None:
    """Refuse eccentric orbits for ``method="analytic"`` (a circular-orbit formula)."""
    bad = _too_eccentric(orbit)
    if bad is not None:
        raise InputError(
            f"method='analytic' with eccentricity={bad:g}: the analytic method is the "
            f"circular-orbit formula, valid up to eccentricity "
            f"{_ANALYTIC_MAX_ECCENTRICITY:g}; use method='fast' for an eccentric orbit"
        )


def _analytic(orbit: Orbit, w: dict[str, Any]) -> dict[str, np.ndarray]:
    sec = _Secular.from_orbit(orbit)
    t, dt = _dt_seconds(orbit, w["day_mid"])
    sin_beta = _sin_beta(sec, dt, _days_since_j2000(t))  # (N, n_days)
    beta = np.arcsin(sin_beta)
    np.degrees(beta, out=beta)
    alt = np.broadcast_to(np.asarray(orbit.altitude_km, dtype=float), orbit.shape).reshape(-1, 1)
    period = np.broadcast_to(orbit.period_s, orbit.shape).reshape(-1, 1)
    cos_beta = np.multiply(sin_beta, sin_beta, out=sin_beta)
    np.subtract(1.0, cos_beta, out=cos_beta)
    np.sqrt(cos_beta, out=cos_beta)
    f = _eclipse_fraction_cos(alt, cos_beta)  # (N, n_days), in place
    day_len = w["day_len_s"]
    f_time = f @ day_len  # eclipse time in the window [s]
    n_total = ((f > 0.0) @ day_len) / period[:, 0]  # eclipses in the window
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_ecl = np.where(n_total > 0, f_time / n_total, 0.0)
    f_max = f.max(axis=-1)
    n_free = ((f == 0.0) @ day_len) / SECONDS_PER_DAY  # days of eclipse-free day bins
    prof_sunlit = 1.0 - f
    f *= period / 60.0  # in place: the longest eclipse of each day [min]
    return {
        "sunlit_fraction": 1.0 - f_time / w["window_s"],
        "longest_eclipse_min": f_max * period[:, 0] / 60.0,
        "mean_eclipse_min": mean_ecl / 60.0,
        "eclipse_free_days": n_free.astype(float),
        "worst_day_sunlit_fraction": 1.0 - f_max,
        "eclipses_per_year": n_total * (DAYS_PER_YEAR * SECONDS_PER_DAY / w["window_s"]),
        "profile_sunlit_fraction": prof_sunlit,
        "profile_longest_eclipse_min": f,
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


def _false_position(
    edge_at: Any, t_lo: np.ndarray, t_hi: np.ndarray, f_lo: np.ndarray, f_hi: np.ndarray
) -> np.ndarray:
    """Zeros of a smooth shadow function between ``t_lo`` and ``t_hi`` (safeguarded secant).

    Secant steps through the two latest iterates, each one evaluation of
    ``edge_at(sel, t_s)`` (crossings ``sel``, values ``f_lo`` and ``f_hi`` at the ends) on
    the crossings not yet converged (two successive estimates within
    ``_ROOT_TOLERANCE_S``), at most ``_FALSE_POSITION_STEPS``. A step that leaves the
    bracket (which keeps the sign change found on the grid) is replaced by the bracket's
    midpoint, so grazing eclipses, where the function turns near zero, still converge.
    If both ends have the same sign in the exact model (a crossing of the interpolated
    grid within ~1e-5 rad of the edge), the nearer end is returned.

    References
    ----------
    Press, W. H. et al. (2007). *Numerical Recipes*, 3rd ed., sec. 9.2 (secant method
    and false position) and sec. 9.3 (Brent's safeguarding by bisection).
    """
    a, b = t_lo.astype(float), t_hi.astype(float)
    fa, fb = f_lo.astype(float), f_hi.astype(float)
    x0, f0, x1, f1 = a.copy(), fa.copy(), b.copy(), fb.copy()
    t = _secant(a, b, fa, fb)
    same = np.signbit(fa) == np.signbit(fb)
    t[same] = np.where(np.abs(fa) < np.abs(fb), a, b)[same]
    act = np.flatnonzero(~same)
    for _ in range(_FALSE_POSITION_STEPS):
        if act.size == 0:
            break
        ft = edge_at(act, t[act])
        to_b = np.signbit(ft) == np.signbit(fb[act])  # root between a and t
        b[act] = np.where(to_b, t[act], b[act])
        fb[act] = np.where(to_b, ft, fb[act])
        a[act] = np.where(to_b, a[act], t[act])
        fa[act] = np.where(to_b, fa[act], ft)
        x0[act], f0[act], x1[act], f1[act] = x1[act], f1[act], t[act], ft
        with np.errstate(invalid="ignore", divide="ignore"):
            t_new = x1[act] - f1[act] * (x1[act] - x0[act]) / (f1[act] - f0[act])
        ok = np.isfinite(t_new) & (t_new >= a[act]) & (t_new <= b[act])
        t_new = np.where(ok, t_new, 0.5 * (a[act] + b[act]))
        moved = (np.abs(t_new - t[act]) > _ROOT_TOLERANCE_S) & (ft != 0.0)
        t[act] = np.where(ft != 0.0, t_new, t[act])
        act = act[moved]
    return t


def _secant(lo: np.ndarray, hi: np.ndarray, m_lo: np.ndarray, m_hi: np.ndarray) -> np.ndarray:
    """Zero of the line through ``(lo, m_lo)`` and ``(hi, m_hi)``, kept in ``[lo, hi]``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        t = lo - m_lo * (hi - lo) / (m_hi - m_lo)
    return np.where(np.isfinite(t), np.clip(t, lo, hi), 0.5 * (lo + hi))


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
    prepare_edge: Any = None,
) -> dict[str, np.ndarray]:
    """Statistics from sampled illumination, in blocks of whole days.

    ``sample_block(t_s)`` returns ``(illumination, dark)`` of shape (n_orbits, len(t_s)) for
    window times ``t_s`` (illumination an array or an
    :class:`~orbitcompute.orbit.shadow._Illumination`); ``dark_at(orbit_idx, t_s)`` the
    point-Sun shadow flag at single points (for bisection); or, if given,
    ``prepare_edge(orbit_idx, t_lo, t_hi)`` returns ``(edge_at, f_lo, f_hi)``: a smooth
    shadow function of the crossings (see :func:`_false_position`) and its values at the
    ends, whose zeros are found by :func:`_false_position` instead.
    """
    n, step, n_days = w["n"], w["step"], w["n_days"]
    t_all = np.arange(n, dtype=float)
    t_all *= step
    # first sample of each day (sample k is in day floor(t_k / 1 day)); empty days repeat
    day_first = np.searchsorted(t_all, w["day_start_s"], side="left")
    samples_per_day = np.diff(np.append(day_first, n)).astype(float)
    nu_day = np.zeros((n_orbits, n_days))
    dark_day = np.zeros((n_orbits, n_days))
    ev_o, ev_k, ev_entry = [], [], []
    block = max(int(_CHUNK_ELEMENTS // max(n_orbits, 1)), 2)
    prev_dark = None
    for k0 in range(0, n, block):  # blocks of time (bounded memory), not of orbits
        k1 = min(k0 + block, n)
        nu, dark = sample_block(t_all[k0:k1])
        inside = day_first[(day_first > k0) & (day_first < k1)]
        starts = np.unique(np.r_[k0, inside])
        days_here = np.searchsorted(day_first, starts, side="right") - 1
        if isinstance(nu, _Illumination):  # full-Sun counts plus the penumbra samples
            nu_day[:, days_here] += np.add.reduceat(nu.lit, starts - k0, axis=1, dtype=float)
            day = np.searchsorted(day_first, k0 + nu.cols, side="right") - 1
            np.add.at(nu_day, (nu.rows, day), nu.values)
        else:
            nu_day[:, days_here] += np.add.reduceat(nu, starts - k0, axis=1)
        dark_day[:, days_here] += np.logical_or.reduceat(dark, starts - k0, axis=1)
        full = dark if prev_dark is None else np.concatenate([prev_dark, dark], axis=1)
        offset = k0 if prev_dark is None else k0 - 1
        width = max(full.shape[1] - 1, 1)
        o, k = np.divmod(np.flatnonzero(full[:, 1:] != full[:, :-1]), width)
        ev_o.append(o)
        ev_k.append(k + offset)
        ev_entry.append(full[o, k + 1])
        prev_dark = dark[:, -1:]
    o = np.concatenate(ev_o)
    k = np.concatenate(ev_k)
    entry = np.concatenate(ev_entry).astype(bool)
    order = np.lexsort((k, o))
    o, k, entry = o[order], k[order], entry[order]
    if prepare_edge is None:
        t_ev = _bisect(dark_at, o, t_all[k], t_all[k] + step, ~entry)
    else:
        edge_at, f_lo, f_hi = prepare_edge(o, t_all[k], t_all[k] + step)
        t_ev = _false_position(edge_at, t_all[k], t_all[k] + step, f_lo, f_hi)
    out = _event_stats(n_orbits, w, o, t_ev, entry)
    out["_events"] = (o, t_ev, entry)
    prof_sunlit = nu_day / samples_per_day
    out.update(
        {
            "sunlit_fraction": nu_day.sum(axis=1) / n,
            "eclipse_free_days": ((dark_day == 0) @ w["day_len_s"]) / SECONDS_PER_DAY,
            "worst_day_sunlit_fraction": prof_sunlit.min(axis=1),
            "profile_sunlit_fraction": prof_sunlit,
        }
    )
    return out


def _fast(orbit: Orbit, w: dict[str, Any]) -> dict[str, np.ndarray]:
    sec = _Secular.from_orbit(orbit)
    n_orbits = sec.a.shape[0]
    dt0, start_days = w["dt0_s"], w["start_days"]
    # bounds of the periodic radius terms, for the shadow screen
    dr_span = np.abs(sec.dr_cos2u_km) + np.abs(sec.dr_sinu_km) + 1e-3

    def sample_block(t_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        grid = _cos_sun_angle_grid(sec, dt0, start_days, t_s, w["step"])
        r_mean = grid.r_mean_km * (1.0 + sec.dr_rel[:, None])

        def exact(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, ...]:
            r = _radius_km(sec.take(rows), dt0 + t_s[cols])
            return r, grid.cos_psi_at(rows, cols), grid.sun_distance_km(t_s[cols])

        span = dr_span[:, None]
        return _conical_screened(grid.cos_psi, r_mean - span, r_mean + span, exact)

    def dark_at(idx: np.ndarray, t_s: np.ndarray) -> np.ndarray:
        return _fast_edge(sec.take(idx), start_days, dt0, t_s) < 0.0

    def prepare_edge(idx: np.ndarray, t_lo: np.ndarray, t_hi: np.ndarray) -> tuple[Any, ...]:
        return _prepare_fast_edge(sec.take(idx), start_days, dt0, t_lo, t_hi)

    out = _sampled(n_orbits, w, sample_block, dark_at, prepare_edge)
    out["profile_beta_deg"] = beta_angle_deg(orbit, w["day_mid"]).reshape(n_orbits, w["n_days"])
    return out


@guarded("the eclipse events")
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
    middle of the penumbra). Eclipses are found on the ``step_s`` grid (an eclipse
    shorter than the step can be missed; see ``step_s`` in :func:`eclipse_summary` for
    the bound that leaves only grazing ones) and their times refined to under 1 ms: by
    a safeguarded secant for ``"fast"``, by bisection to ``step_s / 65536`` for
    ``"skyfield"``.

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
    w = _window(orbit, days, step_s, start, method)
    if 0 in orbit.shape:
        out = _empty(w["n_days"])
    elif method == "fast":
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


@guarded("the eclipse statistics")
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
        No orbit (a dimension of length 0) gives empty results, by every method.
    days : float, optional
        Window length [days], > 0, one number. A value within float rounding of a
        whole number (relative 1e-12, e.g. ``0.1 * 30``) is that whole number; a last
        partial day must be at least ``step_s`` long.
    step_s : float, optional
        Time step of the ``"fast"`` and ``"skyfield"`` sampling [s], (0, 3600] and at
        most ``R_E / (8 v_p)`` (``v_p``: the largest perigee speed of the orbits; 105 s
        at 550 km, 259 s in GEO, never below 72 s, so the default 60 s is always
        accepted). Eclipses are found between samples and their entry and exit refined
        to about 1 ms; an eclipse shorter than the step can lie between two samples and
        be missed. The bound makes those grazing eclipses only: an eclipse that
        reaches ``delta`` inside the shadow's edge lasts at least ``2 delta / v_p``
        (the satellite must go ``delta`` in and out), so a missed one is less than
        ``step_s v_p / 2 <= R_E / 16`` (399 km) deep, while a central eclipse lasts at
        least ``2 R_E / v_p``, 16 times the bound. Eclipses shorter than the step (e.g. those of
        a few seconds that open a dawn-dusk orbit's eclipse season) can still be
        missed; a smaller step finds them.
    method : {"fast", "analytic", "skyfield"}
        See the module docstring. ``"analytic"`` is the circular-orbit formula and
        refuses an orbit with eccentricity above 1e-3 (use ``"fast"``).
    start : datetime-like, optional
        Start of the window (UTC); default the orbit's epoch.

    Returns
    -------
    dict of ndarray
        Per orbit (shape ``S``): ``sunlit_fraction`` (time average; for ``"fast"`` the
        illuminated fraction of the solar disc, so penumbra counts partly),
        ``longest_eclipse_min``, ``mean_eclipse_min`` (0 if none),
        ``eclipse_free_days`` (days without a shadowed sample; ``"analytic"``: days
        whose mid-day beta is above the critical beta; a last partial day counts
        for its length, so a half-day window has at most 0.5), ``min_beta_deg``,
        ``max_beta_deg`` (over the daily profile), ``orbital_period_s``,
        ``worst_day_sunlit_fraction``, ``eclipses_per_year`` (eclipse entries per year,
        scaled from the window). Per day (shape ``S + (n_days,)``):
        ``profile_sunlit_fraction``, ``profile_longest_eclipse_min`` (eclipses by
        the day they start), ``profile_beta_deg`` (at the middle of each day); and
        ``profile_date`` (``datetime64[D]``, shape ``(n_days,)``). Eclipses are the
        point-Sun shadow (the Sun's centre hidden by the Earth), as in skyfield.
        An eclipse cut by the window's end is counted in ``eclipses_per_year`` (its
        entry is in the window) but not timed; one already under way at the start
        is neither counted nor timed (``"analytic"`` counts the eclipsed days'
        orbits instead: ``days with an eclipse x orbits per day``).

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
    if method == "analytic":
        _check_analytic(orbit)
    w = _window(orbit, days, step_s, start, method)
    shape = orbit.shape
    if 0 in shape:
        out = _empty(w["n_days"])
    elif method == "analytic":
        out = _analytic(orbit, w)
    elif method == "fast":
        out = _fast(orbit, w)
    else:
        from orbitcompute.orbit.skyfield_ref import skyfield_summary

        out = skyfield_summary(orbit, w, _sampled)
    beta = np.asarray(out["profile_beta_deg"]).reshape((*shape, w["n_days"]))
    result: dict[str, np.ndarray] = {}
    for key in _PER_ORBIT_KEYS:
        result[key] = np.asarray(out[key], dtype=float).reshape(shape)
    result["min_beta_deg"] = beta.min(axis=-1)
    result["max_beta_deg"] = beta.max(axis=-1)
    result["orbital_period_s"] = np.broadcast_to(orbit.period_s, shape).astype(float)
    result["profile_date"] = w["dates"]
    for key in ("profile_sunlit_fraction", "profile_longest_eclipse_min"):
        result[key] = np.asarray(out[key], dtype=float).reshape((*shape, w["n_days"]))
    result["profile_beta_deg"] = beta
    return result
