"""Earth shadow: cylindrical eclipse fraction and the conical shadow with penumbra."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from orbitcompute._validate import as_float_array, check_range, guarded
from orbitcompute.constants import AU_KM, EARTH_RADIUS_KM, SUN_RADIUS_KM
from orbitcompute.errors import InputError
from orbitcompute.orbit.elements import (
    MAX_SEMI_MAJOR_AXIS_KM,
    MIN_ALTITUDE_KM,
    _broadcast_shape,
    _check_altitude,
)

__all__ = [
    "conical_shadow",
    "critical_beta_deg",
    "earth_angular_radius_deg",
    "eclipse_fraction",
]

# Geocentric distances of the satellite accepted by conical_shadow [km]: from 100 km
# above the equatorial radius (the package's lowest altitude) to the highest apogee of
# an accepted orbit, a (1 + e) < 2 * MAX_SEMI_MAJOR_AXIS_KM = 812,756 km.
_SAT_RADIUS_RANGE_KM = (EARTH_RADIUS_KM + MIN_ALTITUDE_KM, 2.0 * MAX_SEMI_MAJOR_AXIS_KM)
# Earth-Sun distances accepted [AU]: perihelion 0.9833 and aphelion 1.0167 AU
# (Astronomical Almanac), with a margin; the model has the Earth's and Sun's radii built in.
_SUN_DISTANCE_RANGE_AU = (0.98, 1.02)
# Rounding excess tolerated in a cosine outside [-1, 1] (e.g. a dot product of unit
# vectors); such values are used as given (the model is defined there), not clipped.
_COS_ROUNDING = 1e-12


@guarded("the Earth's angular radii")
def earth_angular_radius_deg(altitude_km: Any) -> np.ndarray:
    """Angular radius of the Earth seen from ``altitude_km``: ``asin(R_E / (R_E + h))`` [deg].

    References
    ----------
    Vallado (2013), sec. 5.3 (shadow geometry); Gilmore (2002), ch. 2 (view factors).
    """
    h = _check_altitude(altitude_km)
    return np.degrees(np.arcsin(EARTH_RADIUS_KM / (EARTH_RADIUS_KM + h)))


@guarded("the critical beta angles")
def critical_beta_deg(altitude_km: Any) -> np.ndarray:
    """Beta angle above which a circular orbit sees no eclipse (cylindrical shadow) [deg].

    ``beta* = asin(R_E / (R_E + h))``, 65.16 deg at 650 km.

    References
    ----------
    Vallado (2013), sec. 5.3; the same angle as :func:`earth_angular_radius_deg`.
    """
    return earth_angular_radius_deg(altitude_km)


@guarded("the eclipse fractions")
def eclipse_fraction(altitude_km: Any, beta_deg: Any) -> np.ndarray:
    """Fraction of a circular orbit spent in the Earth's cylindrical shadow.

    ``f_E = (1/pi) acos( sqrt(h^2 + 2 R_E h) / ((R_E + h) cos beta) )`` for
    ``|beta| < beta*``, else 0.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], >= 100.
    beta_deg : float or array_like
        Beta angle [deg], -90..90. Broadcasts with ``altitude_km`` (else
        :class:`~orbitcompute.InputError`).

    Returns
    -------
    ndarray
        Eclipse fraction 0..0.5 (0.3620 at 650 km and beta = 0).

    References
    ----------
    Vallado (2013), sec. 5.3, eclipse of a circular orbit by a cylindrical shadow;
    the derivation: in shadow when ``r^2 (1 - cos^2 beta cos^2 theta) < R_E^2`` on the
    night side.
    """
    h = _check_altitude(altitude_km)
    beta_deg = check_range("beta_deg", beta_deg, -90.0, 90.0, unit="deg")
    _broadcast_shape(altitude_km=h, beta_deg=beta_deg)
    return _eclipse_fraction(h, beta_deg)


def _eclipse_fraction(h: np.ndarray, beta_deg: np.ndarray) -> np.ndarray:
    """Unchecked core of :func:`eclipse_fraction`."""
    beta = np.radians(beta_deg)
    r = EARTH_RADIUS_KM + h
    cos_beta = np.cos(beta)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.sqrt(h * h + 2.0 * EARTH_RADIUS_KM * h) / (r * cos_beta)
        f = np.arccos(np.minimum(x, 1.0)) / np.pi
    return np.where(x < 1.0, f, 0.0)


def _eclipse_fraction_cos(h: np.ndarray, cos_beta: np.ndarray) -> np.ndarray:
    """:func:`_eclipse_fraction` from ``cos beta``, in place in ``cos_beta`` (no branch:
    ``acos(min(x, 1)) = 0`` where ``x >= 1``, and ``x = inf`` at ``cos beta = 0``)."""
    k = np.sqrt(h * h + 2.0 * EARTH_RADIUS_KM * h) / (EARTH_RADIUS_KM + h)
    with np.errstate(divide="ignore"):
        x = np.divide(k, cos_beta, out=cos_beta)
    np.minimum(x, 1.0, out=x)
    np.arccos(x, out=x)
    x *= 1.0 / np.pi
    return x


@guarded("the conical shadow's terms")
def conical_shadow(
    sat_radius_km: Any, cos_sun_angle: Any, sun_distance_km: Any = AU_KM
) -> tuple[np.ndarray, np.ndarray]:
    """Illumination fraction in the Earth's conical shadow, with penumbra.

    Parameters
    ----------
    sat_radius_km : float or array_like
        Geocentric distance of the satellite [km], 6478.137 (100 km above the
        equatorial radius, the lowest altitude of :mod:`orbitcompute.orbit`) to
        812756 (the highest apogee of an accepted orbit, twice the largest semi-major
        axis).
    cos_sun_angle : float or array_like
        Cosine of the geocentric angle between the satellite and the Sun, -1..1
        (an excess of up to 1e-12 from rounding is accepted and used as given).
    sun_distance_km : float or array_like, optional
        Geocentric distance of the Sun [km], 0.98..1.02 AU (the Earth's orbit spans
        0.9833..1.0167 AU); default 1 AU.

    The three arguments broadcast together.

    Returns
    -------
    illumination : ndarray
        Fraction of the solar disc visible, 0 (umbra) .. 1 (full Sun).
    shadow_margin_rad : ndarray
        ``c - b``: apparent separation of the Sun's and Earth's centres minus the
        Earth's apparent radius [rad]. Negative when the Sun's centre is behind the
        Earth (the point-Sun eclipse used by skyfield's ``is_sunlit``); it varies
        smoothly through the shadow boundary, so entry and exit times are its zeros.

    References
    ----------
    Montenbruck, O. & Gill, E. (2000). *Satellite Orbits: Models, Methods and
    Applications*, Springer, sec. 3.4.2 (conical shadow model, Eqs. 3.85-3.87).
    The Astronomical Almanac (2013), p. C5 (Earth-Sun distance).

    Raises
    ------
    InputError
        A value outside the ranges above, or shapes that do not broadcast.
    """
    try:
        r = check_range("sat_radius_km", sat_radius_km, *_SAT_RADIUS_RANGE_KM, unit="km")
    except InputError as exc:
        raise InputError(
            f"{exc} (from 100 km above the Earth's equatorial radius to the highest "
            "apogee of an accepted orbit)"
        ) from None
    cos_psi = as_float_array("cos_sun_angle", cos_sun_angle)
    if cos_psi.size and float(np.abs(cos_psi).max()) > 1.0 + _COS_ROUNDING:
        bad = float(cos_psi[np.abs(cos_psi) > 1.0 + _COS_ROUNDING].ravel()[0])
        raise InputError(f"cos_sun_angle={bad!r}: must be in [-1, 1] (a cosine)")
    lo_au, hi_au = _SUN_DISTANCE_RANGE_AU
    try:
        d = check_range("sun_distance_km", sun_distance_km, lo_au * AU_KM, hi_au * AU_KM, unit="km")
    except InputError as exc:
        raise InputError(
            f"{exc} ({lo_au:g}..{hi_au:g} AU: the Earth-Sun distance, 0.983..1.017 AU)"
        ) from None
    _broadcast_shape(sat_radius_km=r, cos_sun_angle=cos_psi, sun_distance_km=d)
    return _conical(r, cos_psi, d)


# Upper bound on tan of the half-angles of the penumbra and umbra cones,
# (R_sun + R_E) / (0.983 AU) = 0.00477 at perihelion; and a pad for the cones' apexes
# (their radius at the terminator plane is R_E / cos(angle), 0.07 km above R_E).
_CONE_SLOPE = 0.0049
_SCREEN_PAD_KM = 5.0


class _Illumination(NamedTuple):
    """Illumination fraction stored as full-Sun flags plus the penumbra samples' values."""

    lit: np.ndarray  # bool (N, n): full Sun (illumination 1) outside the listed samples
    rows: np.ndarray  # samples evaluated by the full model ...
    cols: np.ndarray
    values: np.ndarray  # ... and their illumination 0..1

    def dense(self) -> np.ndarray:
        """The illumination as a float array (N, n)."""
        nu = self.lit.astype(float)
        nu[self.rows, self.cols] = self.values
        return nu


def _conical_screened(
    cos_psi: np.ndarray,
    r_lo_km: np.ndarray,
    r_hi_km: np.ndarray,
    exact: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[_Illumination, np.ndarray]:
    """Illumination and point-Sun dark flag, with the full model only near the shadow edge.

    A satellite at distance ``r`` with ``rho = r sin psi`` from the Earth-Sun line and
    ``x = -r cos psi`` behind the Earth is in full Sun if ``cos psi >= 0`` or
    ``rho > R_E + k x + pad`` and in the umbra if ``cos psi < 0`` and
    ``rho < R_E - k x - pad`` (``k`` >= tan of both cones' half-angles). With ``r``
    between ``r_lo_km`` and ``r_hi_km`` and ``x <= r`` these become two thresholds on
    ``cos psi`` per orbit. Only samples between them (about 1 % of a LEO orbit) go
    through :func:`_conical`.

    Parameters
    ----------
    cos_psi : ndarray, shape (N, n)
        Cosine of the geocentric satellite-Sun angle (single precision is enough: the
        thresholds have a margin of ~1e-3).
    r_lo_km, r_hi_km : ndarray
        Bounds on the satellite's geocentric distance [km], broadcastable to ``cos_psi``.
    exact : callable
        ``exact(rows, cols)`` returns the satellite distance [km], ``cos psi`` (double
        precision) and the Sun distance [km] at those samples.

    Returns
    -------
    illumination : _Illumination
        As :func:`conical_shadow`, in sparse form (``.dense()`` for the array).
    dark : ndarray of bool, shape (N, n)
        The Sun's centre hidden by the Earth (shadow margin < 0).

    References
    ----------
    Montenbruck & Gill (2000), sec. 3.4.2 (conical shadow geometry).
    """
    reach = _CONE_SLOPE * r_hi_km + _SCREEN_PAD_KM
    # lit if cos psi > -sqrt(1 - ((R_E + reach) / r_lo)^2): sin psi above the outer cone
    q_lit = np.sqrt(np.maximum(1.0 - ((EARTH_RADIUS_KM + reach) / r_lo_km) ** 2, 0.0))
    inner = np.maximum(EARTH_RADIUS_KM - reach, 0.0) / r_hi_km
    q_umbra = np.sqrt(np.maximum(1.0 - inner * inner, 0.0))
    lit = cos_psi > (-q_lit).astype(cos_psi.dtype)
    umbra = cos_psi < (-q_umbra).astype(cos_psi.dtype)
    band = lit | umbra
    np.logical_not(band, out=band)
    rows, cols = np.divmod(np.flatnonzero(band), cos_psi.shape[1])
    values = np.empty(0)
    if rows.size:
        r, cos_b, d = exact(rows, cols)
        values, margin = _conical(r, cos_b, d)
        umbra[rows, cols] = margin < 0.0
    return _Illumination(lit, rows, cols, values), umbra


def _conical(r: np.ndarray, cos_psi: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unchecked core of :func:`conical_shadow`."""
    dist = np.sqrt(d * d - 2.0 * d * r * cos_psi + r * r)  # |r_sun - r|
    cos_c = np.clip((r - d * cos_psi) / dist, -1.0, 1.0)
    c = np.arccos(cos_c)
    a = np.arcsin(SUN_RADIUS_KM / dist)
    b = np.arcsin(np.minimum(EARTH_RADIUS_KM / r, 1.0))
    margin = c - b
    a, b, c = np.broadcast_arrays(a, b, c)
    nu = np.ones(c.shape)
    umbra = c < b - a
    nu[umbra] = 0.0
    pen = (c < a + b) & ~umbra
    if np.any(pen):
        ap, bp, cp = a[pen], b[pen], c[pen]
        x = (cp * cp + ap * ap - bp * bp) / (2.0 * cp)
        y = np.sqrt(np.maximum(ap * ap - x * x, 0.0))
        area = (
            ap * ap * np.arccos(np.clip(x / ap, -1.0, 1.0))
            + bp * bp * np.arccos(np.clip((cp - x) / bp, -1.0, 1.0))
            - cp * y
        )
        nu[pen] = 1.0 - area / (np.pi * ap * ap)
    return nu, margin
