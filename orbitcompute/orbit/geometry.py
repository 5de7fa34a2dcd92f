"""Secular J2 propagation, Sun-relative geometry and the beta angle (vectorized)."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from orbitcompute._validate import guarded
from orbitcompute.constants import AU_KM, EARTH_J2, EARTH_RADIUS_KM, SECONDS_PER_DAY
from orbitcompute.orbit.elements import (
    EARTH_J3,
    Orbit,
    _as_datetime64,
    _days_since_j2000,
    _secular_rates,
)
from orbitcompute.orbit.sun import _sun_terms

__all__ = ["beta_angle_deg", "position_eci_km"]

_KEPLER_ITERATIONS = 8


def _check_orbit(orbit: Any) -> Orbit:
    from orbitcompute.errors import InputError

    if not isinstance(orbit, Orbit):
        raise InputError(
            f"orbit={orbit!r}: must be an orbitcompute.orbit.Orbit (e.g. Orbit.circular(...))"
        )
    return orbit


class _Secular:
    """Mean elements of orbits and their secular rates, as broadcastable arrays."""

    _FIELDS = (
        "a",
        "e",
        "inc",
        "raan0",
        "argp0",
        "m0",
        "nodedot",
        "argpdot",
        "mdot",
        "dr_rel",
        "dr_cos2u_km",
        "dr_sinu_km",
    )

    def __init__(self, **arrays: np.ndarray) -> None:
        for k in self._FIELDS:
            setattr(self, k, arrays[k])
        self.circular = bool(np.all(self.e == 0.0))

    @classmethod
    def from_orbit(cls, orbit: Orbit) -> _Secular:
        """Flat (N,) arrays of the N orbits of ``orbit``."""
        el = {k: v.ravel() for k, v in orbit.broadcast().items()}
        a = np.broadcast_to(orbit.semi_major_axis_km, orbit.shape).ravel()
        nodedot, argpdot, mdot = _secular_rates(a, el["eccentricity"], el["inclination_deg"])
        dr_rel, dr_cos2u, dr_sinu = _radius_terms(a, el["eccentricity"], el["inclination_deg"])
        return cls(
            dr_rel=dr_rel,
            dr_cos2u_km=dr_cos2u,
            dr_sinu_km=dr_sinu,
            a=a,
            e=el["eccentricity"],
            inc=np.radians(el["inclination_deg"]),
            raan0=np.radians(el["raan_deg"]),
            argp0=np.radians(el["arg_perigee_deg"]),
            m0=np.radians(el["mean_anomaly_deg"]),
            nodedot=nodedot,
            argpdot=argpdot,
            mdot=mdot,
        )

    def expand(self, times_ndim: int) -> _Secular:
        """Arrays of shape (N,) + (1,)*times_ndim, to broadcast against times."""
        pad = (slice(None),) + (None,) * times_ndim
        return _Secular(**{k: getattr(self, k)[pad] for k in self._FIELDS})

    def take(self, idx: np.ndarray) -> _Secular:
        """The orbits ``idx`` (flat indices), one per element of ``idx``."""
        return _Secular(**{k: getattr(self, k)[idx] for k in self._FIELDS})

    def corrected_radius(self, r: np.ndarray, cu: np.ndarray, su: np.ndarray) -> np.ndarray:
        """Add the periodic radius terms of :func:`_radius_terms` to the mean radius."""
        return (
            r * (1.0 + self.dr_rel) + self.dr_cos2u_km * (cu * cu - su * su) + self.dr_sinu_km * su
        )

    def raan(self, dt_s: np.ndarray) -> np.ndarray:
        return self.raan0 + self.nodedot * dt_s

    def radius_and_arg_latitude(self, dt_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Orbit radius [km] and argument of latitude [rad] at ``dt_s`` from epoch."""
        argp = self.argp0 + self.argpdot * dt_s
        m = self.m0 + self.mdot * dt_s
        if self.circular:
            return np.broadcast_to(self.a, m.shape), argp + m
        e = np.broadcast_to(self.e, m.shape)
        m = np.mod(m, 2.0 * np.pi)
        ecc_anom = m + e * np.sin(m)
        for _ in range(_KEPLER_ITERATIONS):  # Newton on Kepler's equation (fixed count)
            ecc_anom = ecc_anom - (ecc_anom - e * np.sin(ecc_anom) - m) / (
                1.0 - e * np.cos(ecc_anom)
            )
        true_anom = 2.0 * np.arctan2(
            np.sqrt(1.0 + e) * np.sin(ecc_anom / 2.0), np.sqrt(1.0 - e) * np.cos(ecc_anom / 2.0)
        )
        r = self.a * (1.0 - e * np.cos(ecc_anom))
        return r, argp + true_anom


def _radius_terms(
    a_km: np.ndarray, e: np.ndarray, inclination_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Periodic radius terms of SGP4/Brouwer theory missing from the mean orbit.

    ``r = r_mean * (1 + dr_rel) + dr_cos2u_km * cos 2u + dr_sinu_km * sin u``: the J2
    short-period terms (a constant offset of +4.4 km and +-1.5 km at twice the orbital
    frequency for a 650 km sun-synchronous orbit) and the J3 long-period (frozen)
    eccentricity, about 1e-3 at i = 98 deg (+-7 km, perigee near the north).

    References
    ----------
    Hoots & Roehrich (1980), Spacetrack Report No. 3, SGP4 short-period (``mrt``) and
    long-period (``aycof``) terms; Brouwer, D. (1959), AJ 64, 378.
    """
    inc = np.radians(inclination_deg)
    cosi2 = np.cos(inc) ** 2
    sini = np.sin(inc)
    p_er = a_km * (1.0 - e * e) / EARTH_RADIUS_KM
    con41 = 3.0 * cosi2 - 1.0
    dr_rel = -0.75 * EARTH_J2 / p_er**2 * np.sqrt(1.0 - e * e) * con41
    dr_cos2u = 0.25 * EARTH_J2 * (1.0 - cosi2) / p_er * EARTH_RADIUS_KM
    e_y = -0.5 * (EARTH_J3 / EARTH_J2) * sini / p_er
    return dr_rel, dr_cos2u, -a_km * e_y


def _dt_seconds(orbit: Orbit, times: Any) -> tuple[np.ndarray, np.ndarray]:
    t = _as_datetime64("times", times)
    dt = (t - orbit.epoch) / np.timedelta64(1, "us") * 1e-6
    return t, dt


def _plane_basis(sec: _Secular, dt_s: np.ndarray) -> tuple[np.ndarray, ...]:
    """Node vector P, in-plane normal Q and orbit normal W components (broadcast)."""
    raan = sec.raan(dt_s)
    co, so = np.cos(raan), np.sin(raan)
    ci, si = np.cos(sec.inc), np.sin(sec.inc)
    return co, so, ci, si


@guarded("the satellite positions")
def position_eci_km(orbit: Orbit, times: Any) -> np.ndarray:
    """Satellite position from the secular J2 model (equator and equinox of date).

    Parameters
    ----------
    orbit : Orbit
        One orbit or many (shape ``S``).
    times : datetime64 array_like
        Instants (UTC), shape ``T``.

    Returns
    -------
    ndarray, shape ``S + T + (3,)``
        Position [km]. Mean elements drift at the J2/J4 secular rates of
        :func:`~orbitcompute.orbit.elements.secular_rates_rad_per_s`; the radius
        carries SGP4's periodic radial terms (J2 short-period, J3 long-period, see
        :func:`_radius_terms`: within 0.05 km of SGP4), but the along-track and
        cross-track periodic terms are left out (up to about 15 km along the track,
        2 s of time, and 2 km across it in LEO against SGP4 without drag).

    References
    ----------
    Vallado (2013), Algorithm 10 (COE2RV) with the secular rates of sec. 9.6.
    """
    orbit = _check_orbit(orbit)
    t, dt = _dt_seconds(orbit, times)
    sec = _Secular.from_orbit(orbit).expand(t.ndim)
    r, u = sec.radius_and_arg_latitude(dt)
    co, so, ci, si = _plane_basis(sec, dt)
    cu, su = np.cos(u), np.sin(u)
    r = sec.corrected_radius(r, cu, su)
    x = r * (co * cu - so * ci * su)
    y = r * (so * cu + co * ci * su)
    z = r * (si * su)
    return np.stack(np.broadcast_arrays(x, y, z), axis=-1).reshape(orbit.shape + t.shape + (3,))


@guarded("the beta angles")
def beta_angle_deg(orbit: Orbit, times: Any) -> np.ndarray:
    """Beta angle: elevation of the Sun above the orbit plane [deg].

    ``sin beta = s . h``, with ``s`` the Sun direction and ``h = (sin i sin O,
    -sin i cos O, cos i)`` the orbit normal; positive when the Sun is on the side of
    the angular momentum vector (the STK convention). The node ``O`` drifts at the
    J2 secular rate from the orbit's epoch.

    Parameters
    ----------
    orbit : Orbit
        One orbit or many (shape ``S``).
    times : datetime64 array_like
        Instants (UTC), shape ``T``.

    Returns
    -------
    ndarray, shape ``S + T``
        Beta angle [deg], -90..90.

    References
    ----------
    Vallado (2013), sec. 5.3 (beta angle); Sun from the Astronomical Almanac (2013), C5.
    """
    orbit = _check_orbit(orbit)
    t, dt = _dt_seconds(orbit, times)
    sin_beta = _sin_beta(_Secular.from_orbit(orbit), dt, _days_since_j2000(t))
    beta = np.degrees(np.arcsin(sin_beta, out=sin_beta), out=sin_beta)
    return beta.reshape(orbit.shape + t.shape)


def _sin_beta(sec: _Secular, dt_s: np.ndarray, days: np.ndarray) -> np.ndarray:
    """``sin beta`` of orbits ``sec`` (flat, (N,)) at times ``dt_s`` (shape T), (N,) + T.

    ``s . h = sin i (sx sin O - sy cos O) + sz cos i = sin i cos(dec) sin(O - ra) +
    sz cos i``, evaluated in place (one sine per element), clipped to [-1, 1].
    """
    lam, eps, _ = _sun_terms(days)
    sl = np.sin(lam)
    sx, sy, sz = np.cos(lam), np.cos(eps) * sl, np.sin(eps) * sl
    ra, cos_dec = np.arctan2(sy, sx), np.hypot(sx, sy)
    sec = sec.expand(np.ndim(dt_s))
    dt_s, ra, cos_dec, sz = (np.broadcast_to(x, np.shape(days)) for x in (dt_s, ra, cos_dec, sz))
    out = sec.nodedot * dt_s  # (N,) + T
    out += sec.raan0
    out -= ra
    np.sin(out, out=out)
    out *= np.sin(sec.inc) * cos_dec
    out += np.cos(sec.inc) * sz
    return np.clip(out, -1.0, 1.0, out=out)


def _sun_in_plane(
    sec: _Secular, dt_s: np.ndarray, days: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sun direction projected on the node vector P and on Q (90 deg ahead), Sun distance."""
    lam, eps, dist_au = _sun_terms(days)
    sl = np.sin(lam)
    sx, sy, sz = np.cos(lam), np.cos(eps) * sl, np.sin(eps) * sl
    co, so, ci, si = _plane_basis(sec, dt_s)
    sp = sx * co + sy * so  # s . P (node direction)
    sq = ci * (sy * co - sx * so) + sz * si  # s . Q
    return sp, sq, dist_au * AU_KM


def _sun_dot_geometry(
    sec: _Secular, dt_s: np.ndarray, days: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Orbit radius, cos(angle satellite-Sun) and Sun distance for the shadow model."""
    sp, sq, d = _sun_in_plane(sec, dt_s, days)
    r, u = sec.radius_and_arg_latitude(dt_s)
    cu, su = np.cos(u), np.sin(u)
    cos_psi = cu * sp + su * sq
    return sec.corrected_radius(r, cu, su), cos_psi, d


class _Grid(NamedTuple):
    """Cosine of the satellite-Sun angle on a uniform time grid, and what refines it."""

    cos_psi: np.ndarray  # (N, n); float32 for circular orbits (screening only)
    r_mean_km: np.ndarray  # mean-orbit radius, (N, 1) if circular else (N, n)
    knots_s: np.ndarray  # (K,) window times of the Sun-distance knots
    sun_km: np.ndarray  # (K,) Sun distance at the knots [km]
    per_knot: np.ndarray | None  # (N, K - 1, 4) factors of cos psi (circular orbits)
    per_step: np.ndarray | None  # (N, 4, m) factors of cos psi (circular orbits)

    def sun_distance_km(self, t_s: np.ndarray) -> np.ndarray:
        """Sun distance [km] at window times ``t_s``, interpolated as on the grid."""
        return np.interp(t_s, self.knots_s, self.sun_km)

    def cos_psi_at(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``cos psi`` in double precision at samples ``(rows, cols)``."""
        if self.per_knot is None:
            return self.cos_psi[rows, cols]
        k, j = np.divmod(cols, self.per_step.shape[-1])
        return np.einsum("iq,iq->i", self.per_knot[rows, k], self.per_step[rows, :, j])


def _radius_km(sec: _Secular, dt_s: np.ndarray) -> np.ndarray:
    """Orbit radius with the periodic terms of :func:`_radius_terms` [km]."""
    r, u = sec.radius_and_arg_latitude(dt_s)
    return sec.corrected_radius(r, np.cos(u), np.sin(u))


def _cos_sun_angle_grid(
    sec: _Secular, dt0_s: float, start_days: float, t_s: np.ndarray, step_s: float
) -> _Grid:
    """``cos psi`` (satellite-Sun angle) of orbits ``sec`` (flat, (N,)) at uniform times ``t_s``.

    The slow terms (Sun direction and distance, node drift: at most 0.3 deg per hour)
    are computed on knots about an hour apart and interpolated linearly (error
    < 1e-5 rad). With ``S = s.P + i s.Q`` (the Sun in the orbit plane's frame) linear
    between knots and, for circular orbits, the argument of latitude ``u = u_k + j du``
    linear in the step ``j``, ``cos psi = Re(exp(-iu) S)`` is a sum of four products of
    a per-knot and a per-step factor: one batched product of inner size 4 (einsum), with
    no trigonometry per step. That product is formed in single precision (error
    ~1e-7, against the shadow screen's margin of ~1e-3 in ``cos psi``);
    :meth:`_Grid.cos_psi_at` gives double precision where the shadow is evaluated.
    """
    n = t_s.size
    m = max(round(3600.0 / step_s), 1)  # steps per knot interval
    nk = -(-n // m)
    knots = t_s[0] + np.arange(nk + 1) * (m * step_s)
    sec1 = sec.expand(1)
    sp_k, sq_k, d_k = _sun_in_plane(sec1, dt0_s + knots, start_days + knots / SECONDS_PER_DAY)
    n_orb = sec.a.shape[0]
    s_k = np.broadcast_to(sp_k + 1j * sq_k, (n_orb, nk + 1))
    j = np.arange(m)
    if sec.circular:
        _r, u_k = sec1.radius_and_arg_latitude(dt0_s + knots[:-1])  # (N, nk)
        rot = np.exp(-1j * np.broadcast_to(u_k, (n_orb, nk)))
        z = rot * s_k[:, :-1]  # value at the knot
        w = rot * (s_k[:, 1:] - s_k[:, :-1])  # change of S over the interval
        e = np.exp(-1j * ((sec.argpdot + sec.mdot) * step_s)[:, None] * j)  # (N, m)
        f = e * (j / m)
        g = np.stack([z.real, -z.imag, w.real, -w.imag], axis=-1)  # (N, nk, 4)
        h = np.stack([e.real, e.imag, f.real, f.imag], axis=1)  # (N, 4, m)
        cos_psi = np.einsum(
            "nkq,nqm->nkm", g.astype(np.float32), h.astype(np.float32), dtype=np.float32
        )
        cos_psi = cos_psi.reshape(n_orb, nk * m)[:, :n]
        r_mean = sec.a[:, None]
    else:
        frac = j / m
        sp = s_k.real[:, :-1, None] + frac * (s_k.real[:, 1:, None] - s_k.real[:, :-1, None])
        sq = s_k.imag[:, :-1, None] + frac * (s_k.imag[:, 1:, None] - s_k.imag[:, :-1, None])
        r, u = sec1.radius_and_arg_latitude(dt0_s + t_s)  # (N, n)
        flat = (n_orb, nk * m)
        cos_psi = np.cos(u) * sp.reshape(flat)[:, :n] + np.sin(u) * sq.reshape(flat)[:, :n]
        r_mean = r
        g = h = None
    return _Grid(cos_psi, r_mean, knots, np.broadcast_to(d_k, knots.shape), g, h)
