"""Low-precision analytic Sun position (good to 0.01 deg from 1950 to 2050).

The Astronomical Almanac's low-precision formulas, the same as Vallado's
Algorithm 29 (SUN). Times are accepted in the years 1900-2100
(:data:`~orbitcompute.orbit.elements.SUN_YEAR_RANGE`; the Almanac quotes the formulas
for 1950-2050, their accuracy degrading slowly outside) and refused outside.

The direction is in the mean equator and equinox of date, the frame of SGP4's TEME
to within nutation (< 20 arcsec), which is the frame the orbit elements of
:class:`~orbitcompute.orbit.Orbit` live in.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute._validate import guarded
from orbitcompute.orbit.elements import _days_since_j2000

__all__ = ["sun_direction_eci", "sun_distance_au", "sun_ecliptic_longitude_deg"]


def _sun_terms(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ecliptic longitude [rad], obliquity [rad] and distance [AU] at ``days`` from J2000."""
    mean_lon = np.radians(280.460 + 0.9856474 * days)
    g = np.radians(357.528 + 0.9856003 * days)
    sin_g = np.sin(g)
    cos_g = np.cos(g)
    sin_2g = 2.0 * sin_g * cos_g
    cos_2g = cos_g * cos_g - sin_g * sin_g
    lam = mean_lon + np.radians(1.915) * sin_g + np.radians(0.020) * sin_2g
    eps = np.radians(23.439 - 0.0000004 * days)
    dist_au = 1.00014 - 0.01671 * cos_g - 0.00014 * cos_2g
    return lam, eps, dist_au


def _sun_unit_from_days(days: np.ndarray) -> np.ndarray:
    lam, eps, _ = _sun_terms(days)
    sl = np.sin(lam)
    return np.stack([np.cos(lam), np.cos(eps) * sl, np.sin(eps) * sl], axis=-1)


@guarded("the Sun's positions")
def sun_ecliptic_longitude_deg(times: Any) -> np.ndarray:
    """Apparent ecliptic longitude of the Sun [deg, 0..360) at ``times`` (datetime64, UTC,
    in the years 1900-2100).

    Raises
    ------
    InputError
        ``times`` not dates/times, NaT, or outside the years 1900-2100.

    References
    ----------
    The Astronomical Almanac (2013), p. C5, "Low precision formulas for the Sun".
    """
    lam, _, _ = _sun_terms(_days_since_j2000(times))
    return np.mod(np.degrees(lam), 360.0)


@guarded("the Sun's positions")
def sun_direction_eci(times: Any) -> np.ndarray:
    """Unit vector from the Earth's centre to the Sun.

    Parameters
    ----------
    times : datetime64 or array_like of datetime64
        UTC instants in the years 1900-2100 (UT1 is taken equal to UTC; the Sun moves
        0.04"/s, so 1 s does not matter).

    Returns
    -------
    ndarray, shape ``times.shape + (3,)``
        Direction in the mean equator and equinox of date (x to the equinox, z to the
        pole), accurate to about 0.01 deg between 1950 and 2050.

    Raises
    ------
    InputError
        ``times`` not dates/times, NaT, or outside the years 1900-2100.

    References
    ----------
    The Astronomical Almanac (2013), p. C5, "Low precision formulas for the Sun".
    Vallado, D. A. (2013). *Fundamentals of Astrodynamics and Applications*, 4th ed.,
    Algorithm 29 (SUN), sec. 5.1.1.
    """
    return _sun_unit_from_days(_days_since_j2000(times))


@guarded("the Sun's distances")
def sun_distance_au(times: Any) -> np.ndarray:
    """Earth-Sun distance [AU] (for the 1/r^2 change of the solar flux, +-3.3 %).

    ``r = 1.00014 - 0.01671 cos g - 0.00014 cos 2g`` with the Sun's mean anomaly ``g``,
    at ``times`` (datetime64, UTC, in the years 1900-2100).

    Raises
    ------
    InputError
        ``times`` not dates/times, NaT, or outside the years 1900-2100.

    References
    ----------
    The Astronomical Almanac (2013), p. C5; Vallado (2013), Algorithm 29.
    """
    _, _, dist = _sun_terms(_days_since_j2000(times))
    return dist
