"""Orbit elements, J2 secular rates and the :class:`Orbit` container.

All angles in the public API are in degrees (``*_deg``), lengths in km, times
in seconds. Orbital elements are mean elements referred to the Earth's equator
and equinox of date (the frame of SGP4's TEME and of the low-precision Sun in
:mod:`orbitcompute.orbit.sun`), so that the fast model and the SGP4 reference
see the same geometry.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from typing import Any

import numpy as np

from orbitcompute._validate import check_choice, check_range, guarded, short_repr
from orbitcompute.constants import (
    EARTH_J2,
    EARTH_MU_KM3_PER_S2,
    EARTH_RADIUS_KM,
    GEO_RADIUS_KM,
    SECONDS_PER_DAY,
    TROPICAL_YEAR_DAYS,
)
from orbitcompute.errors import InputError

__all__ = [
    "EARTH_J3",
    "EARTH_J4",
    "MAX_ANGLE_DEG",
    "MAX_SUN_SYNCHRONOUS_ALTITUDE_KM",
    "MIN_ALTITUDE_KM",
    "ORBIT_KINDS",
    "SUN_YEAR_RANGE",
    "Orbit",
    "node_precession_rad_per_s",
    "orbital_period_s",
    "secular_rates_rad_per_s",
    "sun_synchronous_inclination_deg",
]

# Fourth zonal harmonic in the sign convention of SGP4 (J4 = -C40), WGS 84 value as
# tabulated with the SGP4 gravity constants (Vallado et al. 2006, AIAA 2006-6753).
EARTH_J4 = -1.61098761e-6
# Third zonal harmonic (SGP4 sign convention), WGS 84 value of the same table.
EARTH_J3 = -2.53215306e-6
# Lowest altitude accepted anywhere in the orbit package [km].
MIN_ALTITUDE_KM = 100.0
# Highest altitude accepted [km]: an orbit about the Earth alone (no Sun or Moon
# perturbations, the Earth's shadow) is nonsense much beyond the Moon's distance
# (384,400 km). The same bound as orbitcompute.power.MAX_ALTITUDE_KM.
MAX_ALTITUDE_KM = 400_000.0
# Highest semi-major axis accepted [km]: that of the highest altitude, so that every
# orbit built from an accepted altitude passes the semi-major-axis checks as well
# (406,378.137 km).
MAX_SEMI_MAJOR_AXIS_KM = EARTH_RADIUS_KM + MAX_ALTITUDE_KM
# Mean rate of the mean Sun in right ascension [rad/s]; the SSO node must follow it.
SUN_MEAN_MOTION_RAD_PER_S = 2.0 * np.pi / (TROPICAL_YEAR_DAYS * SECONDS_PER_DAY)

_J2000 = np.datetime64("2000-01-01T12:00:00", "us")

#: Calendar years (inclusive) of every date/time the orbit package accepts (epochs, window
#: starts, times). The fast and analytic models use the low-precision Sun of The
#: Astronomical Almanac (p. C5), quoted for 1950-2050 with an accuracy that degrades slowly
#: outside; the same formulas and the same range as
#: ``orbitcompute.power.SUN_DISTANCE_YEAR_RANGE`` (mirrored here, not imported, so that the
#: orbit package does not load the power module; a test checks that the two agree).
SUN_YEAR_RANGE = (1900, 2100)
_FIRST_DATE = np.datetime64(f"{SUN_YEAR_RANGE[0]:04d}-01-01", "D")
_END_DATE = np.datetime64(f"{SUN_YEAR_RANGE[1] + 1:04d}-01-01", "D")  # exclusive
_YEAR_RANGE_WHY = (
    f"must be in the years {SUN_YEAR_RANGE[0]}-{SUN_YEAR_RANGE[1]}, the range of the "
    "low-precision Sun formulas used here (The Astronomical Almanac, p. C5: quoted for "
    "1950-2050, accuracy degrading slowly outside; as orbitcompute.power."
    "SUN_DISTANCE_YEAR_RANGE)"
)

#: Largest angle magnitude accepted for the orbit's angles [deg]. float64 numbers near
#: 1e9 are spaced 2**-23 = 1.2e-7 deg apart (1.5 cm along a low orbit); the spacing grows
#: with the magnitude (0.125 deg at 1e15 deg, 128 deg at 1e18), so the bound is set where
#: the angle is still exact enough for any use, far above the few turns an element set
#: needs (a mistyped 1e300 is refused instead of silently meaning some angle).
MAX_ANGLE_DEG = 1e9
_ANGLE_WHY = (
    "beyond it float64 resolves an angle ever more coarsely (1.2e-7 deg at 1e9 deg, "
    "0.125 deg at 1e15)"
)

#: The values of :attr:`Orbit.kind` (one per constructor).
ORBIT_KINDS = ("circular", "sun_synchronous", "geostationary", "keplerian", "tle")


def _as_datetime64(name: str, value: Any) -> np.ndarray:
    """Return ``value`` as ``datetime64[us]`` (UTC, taken as UT1 to within 1 s).

    Strings, ``datetime`` objects and ``datetime64`` values (scalars or arrays) are
    accepted; a string with a UTC offset (``"2026-01-01T12:00:00+05:00"``, ``"...Z"``)
    or a timezone-aware ``datetime`` is converted to UTC (that instant is 07:00 UTC),
    since ``datetime64`` has no timezone. Numbers, timedeltas, ``None`` and NaT
    (not-a-time) are refused, and so are dates outside the years
    :data:`SUN_YEAR_RANGE` (1900-2100, the range of the low-precision Sun). The NaT
    and range checks are vectorized reductions (``isnat``, ``min``, ``max``), so long
    time arrays cost a few passes.

    Raises
    ------
    InputError
        ``"times=NaT: ..."`` (naming ``name``) for a value that is not a date/time, or
        ``"epoch='9000-01-01': read as 9000-01-01; must be in the years 1900-2100, ..."``
        outside the range.
    """
    allowed = "must be a date/time, e.g. '2026-06-21T00:00' or numpy.datetime64"
    raw = None
    if value is not None:
        try:
            a = np.asarray(_utc_naive(value))
            if a.dtype.kind in "OUSM":
                # the natural unit first: a far year (e.g. "20260101", read as the year
                # 20,260,101) would wrap round in microseconds before it could be checked
                raw = a.astype("datetime64", copy=False)
        except (TypeError, ValueError):
            pass
    if raw is not None and a.dtype.kind in "OU" and isinstance(value, (list, tuple, np.ndarray)):
        _refuse_numbers(name, value, allowed)
    if raw is None:
        raise InputError(f"{name}={short_repr(value)}: {allowed}")
    if raw.ndim == 0:  # one date (an epoch, a start): scalar tests, no reductions
        lo = hi = raw[()]
        if np.isnat(lo):
            shown = repr(value) if isinstance(value, str) else "NaT"
            raise InputError(f"{name}={shown}: {allowed}, not NaT (not a time)")
    else:
        nat = np.isnat(raw)
        if nat.any():
            first = int(np.flatnonzero(nat)[0])
            raise InputError(
                f"{name}=NaT: {allowed}, not NaT (not a time); the first NaT is element "
                f"{first} (flat index) of an array of shape {raw.shape}"
            )
        lo, hi = (raw.min(), raw.max()) if raw.size else (_FIRST_DATE, _FIRST_DATE)
    if lo < _FIRST_DATE or hi >= _END_DATE:
        bad = lo if lo < _FIRST_DATE else hi
        raise InputError(f"{name}={short_repr(value)}: read as {str(bad)[:19]}; {_YEAR_RANGE_WHY}")
    return raw.astype("datetime64[us]", copy=False)


def _aware_to_utc(item: Any) -> Any:
    """``item`` as a naive UTC ``datetime`` if it carries a timezone, else unchanged.

    A timezone-aware ``datetime`` (e.g. a TOML offset date-time) or an ISO string with
    a UTC offset or ``Z``: numpy would convert either to UTC too, but with a
    ``UserWarning`` (its ``datetime64`` has no timezone); the instant is kept.
    """
    if isinstance(item, (str, np.str_)):
        # a cheap test first: an offset or Z can only follow the date part
        tail = item[10:]
        if not ("+" in tail or "-" in tail or tail[-1:] in ("Z", "z")):
            return item
        if tail[-1:] == "z":  # ISO 8601's designator, in the lower case Python refuses
            item = item[:-1] + "Z"
        try:
            parsed = datetime.datetime.fromisoformat(item)
        except ValueError:
            return item  # not ISO 8601 to Python: numpy's own parser decides
    else:
        parsed = item
    if isinstance(parsed, datetime.datetime) and parsed.utcoffset() is not None:
        return parsed.astimezone(datetime.UTC).replace(tzinfo=None)
    return item  # naive: numpy parses it as before (its unit, its checks)


def _utc_naive(value: Any) -> Any:
    """``value`` with each timezone-aware date/time converted by :func:`_aware_to_utc`.

    Scalars, and the elements of lists, tuples and object or string arrays (walked
    only for those kinds; a ``datetime64`` array has no timezone to convert).
    """
    if isinstance(value, (str, np.str_, datetime.datetime)):
        return _aware_to_utc(value)
    tz = getattr(getattr(value, "dt", value), "tz", None)  # a pandas index or series
    if tz is not None and hasattr(value, "to_numpy"):
        if hasattr(value, "dt"):  # a Series
            return value.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        return value.tz_convert("UTC").tz_localize(None).to_numpy()
    if isinstance(value, np.ndarray) and value.dtype.kind == "U" and value.size:
        # a vectorized pre-test: only strings with something after the date part that
        # could be an offset or Z are walked (plain ISO strings pass straight through)
        tail = np.strings.slice(value, 10, None)
        maybe = (
            (np.strings.find(tail, "+") >= 0)
            | (np.strings.find(tail, "-") >= 0)
            | np.strings.endswith(tail, "Z")
            | np.strings.endswith(tail, "z")
        )
        if not maybe.any():
            return value
    if isinstance(value, (list, tuple)) or (
        isinstance(value, np.ndarray) and value.dtype.kind in "OU"
    ):
        try:
            items = np.asarray(value, dtype=object)
        except ValueError:  # ragged: refused by the caller's conversion
            return value
        converted = [_aware_to_utc(x) for x in items.ravel()]
        if any(c is not x for c, x in zip(converted, items.ravel(), strict=True)):
            out = np.empty(items.shape, dtype=object)
            out.ravel()[:] = converted  # no copy: out is contiguous
            return out
    return value


def _refuse_numbers(name: str, value: Any, allowed: str) -> None:
    """Raise ``InputError`` for a number among the elements of a list or object array.

    numpy reads such a number as a date without complaint: as a year in a list that
    also holds strings (``['2026-01-01', 3]`` becomes the year 3) and as microseconds
    since 1970 in an object array. The elements are Python objects already, so the
    check walks them; arrays of strings or of ``datetime64`` are not walked.
    """
    if isinstance(value, np.ndarray) and value.dtype.kind != "O":
        return
    try:
        items = np.asarray(value, dtype=object).ravel()
    except ValueError:  # ragged: refused by the caller's conversion
        return
    for i, item in enumerate(items):
        if isinstance(item, (str, np.str_, np.datetime64, datetime.date)):
            continue
        raise InputError(
            f"{name}={short_repr(value)}: {allowed}; element {i} (flat index) is "
            f"{short_repr(item)}, not a date/time"
        )


def _broadcast_shape(**arrays: Any) -> tuple[int, ...]:
    """Common broadcast shape of ``arrays`` (keyword = parameter name as the user spells it).

    One shape computation, no array work. Call it after the values have been converted
    to arrays (ragged lists are refused there).

    Raises
    ------
    InputError
        ``"altitude_km=array of shape (2,), beta_deg=array of shape (3,): must broadcast
        together ..."``, naming the non-scalar inputs.
    """
    shapes = {k: np.shape(v) for k, v in arrays.items()}
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        given = ", ".join(f"{k}=array of shape {s}" for k, s in shapes.items() if s != ())
        raise InputError(
            f"{given}: must broadcast together (numpy rules: aligned from the last "
            "dimension, each dimension equal or 1)"
        ) from None


def _days_since_j2000(times: Any) -> np.ndarray:
    """Days (float) from J2000.0 (2000-01-01 12:00) to ``times`` (datetime64, UTC)."""
    t = _as_datetime64("times", times)
    return (t - _J2000) / np.timedelta64(1, "us") / (SECONDS_PER_DAY * 1e6)


def _check_altitude(altitude_km: Any) -> np.ndarray:
    return check_range("altitude_km", altitude_km, MIN_ALTITUDE_KM, MAX_ALTITUDE_KM, unit="km")


def _check_inclination(inclination_deg: Any) -> np.ndarray:
    return check_range("inclination_deg", inclination_deg, 0.0, 180.0, unit="deg")


def _check_eccentricity(eccentricity: Any) -> np.ndarray:
    return check_range("eccentricity", eccentricity, 0.0, 1.0, high_inclusive=False)


def _check_semi_major_axis(semi_major_axis_km: Any) -> np.ndarray:
    return check_range(
        "semi_major_axis_km",
        semi_major_axis_km,
        EARTH_RADIUS_KM + MIN_ALTITUDE_KM,
        MAX_SEMI_MAJOR_AXIS_KM,
        unit="km",
    )


def _check_perigee(a_km: np.ndarray, e: np.ndarray, a_name: str, offset_km: float = 0.0) -> None:
    """Refuse a perigee below ``MIN_ALTITUDE_KM`` (``a_km`` and ``e`` already checked).

    ``a_name`` is the user's name for the value ``a_km - offset_km`` (``offset_km`` is
    ``R_E`` when the user gave an altitude); the message gives that value and the
    eccentricity, then the perigee altitude ``a (1 - e) - R_E``.
    """
    low = a_km * (1.0 - e) < EARTH_RADIUS_KM + MIN_ALTITUDE_KM
    if np.any(low):
        a_b, e_b = np.broadcast_arrays(a_km, e)
        a1, e1 = float(a_b[low].ravel()[0]), float(e_b[low].ravel()[0])
        raise InputError(
            f"{a_name}={a1 - offset_km:g}, eccentricity={e1:g}: perigee altitude "
            f"{a1 * (1.0 - e1) - EARTH_RADIUS_KM:g} km; must be >= {MIN_ALTITUDE_KM:g} km"
        )


def _check_angle(name: str, value: Any) -> np.ndarray:
    """An angle [deg] of magnitude at most :data:`MAX_ANGLE_DEG` (any number of turns)."""
    return check_range(name, value, -MAX_ANGLE_DEG, MAX_ANGLE_DEG, unit="deg", why=_ANGLE_WHY)


@guarded("values of the orbital period")
def orbital_period_s(altitude_km: Any) -> np.ndarray:
    """Keplerian period of a circular orbit.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude above the equatorial radius (6378.137 km), >= 100 km.

    Returns
    -------
    ndarray
        ``T = 2 pi sqrt(a^3 / mu)`` with ``a = R_E + h`` [s].

    References
    ----------
    Vallado, D. A. (2013). *Fundamentals of Astrodynamics and Applications*, 4th ed.,
    Microcosm Press, ch. 2 (Kepler's third law; the orbital period in the book's table
    of common two-body equations).
    """
    h = _check_altitude(altitude_km)
    a = EARTH_RADIUS_KM + h
    return 2.0 * np.pi * np.sqrt(a**3 / EARTH_MU_KM3_PER_S2)


@guarded("the secular rates")
def secular_rates_rad_per_s(
    semi_major_axis_km: Any, eccentricity: Any, inclination_deg: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Secular rates of RAAN, argument of perigee and mean anomaly from J2 and J4.

    The rates are those of Brouwer's theory as coded in SGP4 (first order in J2, plus
    the J2^2 and J4 secular terms), so that the fast propagator drifts exactly like
    the SGP4 reference built from the same mean elements.

    Parameters
    ----------
    semi_major_axis_km : float or array_like
        Mean semi-major axis [km] (Brouwer mean, i.e. SGP4's "un-Kozai'd" value),
        6478.137 to 406378.137 (100 km to 400,000 km above the equatorial radius, the
        altitudes :class:`Orbit` accepts).
    eccentricity : float or array_like
        Mean eccentricity, 0 <= e < 1; the perigee altitude ``a (1 - e) - R_E`` must be
        >= 100 km, as for :class:`Orbit`.
    inclination_deg : float or array_like
        Mean inclination [deg], 0..180.

    The three arguments broadcast together.

    Returns
    -------
    raan_dot, arg_perigee_dot, mean_anomaly_dot : ndarray
        Rates [rad/s]; ``mean_anomaly_dot`` includes the Keplerian mean motion.

    Raises
    ------
    InputError
        An argument out of range, a perigee below 100 km, or shapes that do not
        broadcast.

    References
    ----------
    Hoots, F. R. & Roehrich, R. L. (1980). *Spacetrack Report No. 3: Models for
    Propagation of NORAD Element Sets*, SGP4 section (secular gravity terms).
    Vallado, D. A., Crawford, P., Hujsak, R. & Kelso, T. S. (2006). Revisiting
    Spacetrack Report #3, AIAA 2006-6753, ``sgp4init`` (``mdot``, ``argpdot``, ``nodedot``).
    """
    a_km = _check_semi_major_axis(semi_major_axis_km)
    e = _check_eccentricity(eccentricity)
    inc_deg = _check_inclination(inclination_deg)
    _broadcast_shape(semi_major_axis_km=a_km, eccentricity=e, inclination_deg=inc_deg)
    _check_perigee(a_km, e, "semi_major_axis_km")
    return _secular_rates(a_km, e, inc_deg)


def _secular_rates(
    a_km: np.ndarray, e: np.ndarray, inclination_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unchecked core of :func:`secular_rates_rad_per_s` (for validated orbits)."""
    inc = np.radians(inclination_deg)
    n = np.sqrt(EARTH_MU_KM3_PER_S2 / a_km**3)
    ao = a_km / EARTH_RADIUS_KM
    omeosq = 1.0 - e * e
    betao = np.sqrt(omeosq)
    cosio = np.cos(inc)
    cosio2 = cosio * cosio
    cosio4 = cosio2 * cosio2
    pinvsq = 1.0 / (ao * ao * omeosq * omeosq)
    temp1 = 1.5 * EARTH_J2 * pinvsq * n
    temp2 = 0.5 * temp1 * EARTH_J2 * pinvsq
    temp3 = -0.46875 * EARTH_J4 * pinvsq * pinvsq * n
    con41 = 3.0 * cosio2 - 1.0
    con42 = 1.0 - 5.0 * cosio2
    mdot = (
        n
        + 0.5 * temp1 * betao * con41
        + 0.0625 * temp2 * betao * (13.0 - 78.0 * cosio2 + 137.0 * cosio4)
    )
    argpdot = (
        -0.5 * temp1 * con42
        + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4)
        + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4)
    )
    nodedot = (
        -temp1 * cosio
        + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio
    )
    return nodedot, argpdot, mdot


@guarded("the nodal precession rates")
def node_precession_rad_per_s(
    altitude_km: Any, inclination_deg: Any, eccentricity: Any = 0.0
) -> np.ndarray:
    """First-order J2 nodal regression rate of the ascending node.

    Parameters
    ----------
    altitude_km : float or array_like
        Mean altitude ``a - R_E`` [km], >= 100.
    inclination_deg : float or array_like
        Inclination [deg], 0..180.
    eccentricity : float or array_like, optional
        Eccentricity, 0 <= e < 1; the perigee altitude ``a (1 - e) - R_E`` must be
        >= 100 km, as for :class:`Orbit`. The three arguments broadcast together.

    Returns
    -------
    ndarray
        ``dRAAN/dt = -(3/2) n J2 (R_E/p)^2 cos i`` [rad/s], ``p = a (1 - e^2)``
        (negative for prograde orbits).

    Raises
    ------
    InputError
        An argument out of range, a perigee below 100 km, or shapes that do not
        broadcast.

    References
    ----------
    Vallado (2013), Eq. (9-41).
    """
    h = _check_altitude(altitude_km)
    inc_deg = _check_inclination(inclination_deg)
    e = _check_eccentricity(eccentricity)
    _broadcast_shape(altitude_km=h, inclination_deg=inc_deg, eccentricity=e)
    a = EARTH_RADIUS_KM + h
    _check_perigee(a, e, "altitude_km", offset_km=EARTH_RADIUS_KM)
    inc = np.radians(inc_deg)
    n = np.sqrt(EARTH_MU_KM3_PER_S2 / a**3)
    p = a * (1.0 - e * e)
    return -1.5 * n * EARTH_J2 * (EARTH_RADIUS_KM / p) ** 2 * np.cos(inc)


#: Highest altitude of a circular sun-synchronous orbit under the secular rates of
#: :func:`secular_rates_rad_per_s` [km]: there even a polar-retrograde orbit (i = 180 deg)
#: regresses its node more slowly than the mean Sun moves (5981.66 km; 5970 km in
#: first-order J2).
MAX_SUN_SYNCHRONOUS_ALTITUDE_KM = 5981.66
#: Fixed-point iterations of :func:`sun_synchronous_inclination_deg` (the J2^2 and J4
#: terms change cos i by ~0.3 %, and each iteration shrinks the error by ~1e-3).
_SSO_ITERATIONS = 6


@guarded("the sun-synchronous inclinations")
def sun_synchronous_inclination_deg(altitude_km: Any) -> np.ndarray:
    """Inclination of a circular sun-synchronous orbit under the propagator's node rate.

    The node must advance at the mean Sun's rate, 360 deg per tropical year
    (0.9856 deg/day). The node rate is the secular rate of
    :func:`secular_rates_rad_per_s` (first order in J2 plus the J2^2 and J4 secular
    terms, as coded in SGP4), the rate at which the fast and analytic models and the
    SGP4 reference move the node; so the local time of the node stays fixed under
    them. The first-order J2 formula ``cos i = -(2/3) w_sun a^(7/2) / (J2 R_E^2
    sqrt(mu))`` (Vallado 2013, Eq. 9-41 with sec. 11.4.1) is the starting value; it
    gives an inclination about 0.024 deg lower (97.986 instead of 98.010 deg at 650 km)
    whose node lags the Sun by about 4.3 min of local time per year under the
    higher-order rate. Solved by the fixed point ``cos i <- cos i * w_sun /
    nodedot(cos i)`` (nodedot is ``cos i`` times a slowly varying factor), to
    machine precision.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude (mean semi-major axis minus the equatorial radius) [km], >= 100.
        Above 5981.66 km (:data:`MAX_SUN_SYNCHRONOUS_ALTITUDE_KM`) no sun-synchronous
        circular orbit exists; :class:`~orbitcompute.InputError` is raised there.

    Returns
    -------
    ndarray
        Inclination [deg] (retrograde, > 90), e.g. 98.010 deg at 650 km.

    References
    ----------
    Hoots, F. R. & Roehrich, R. L. (1980). *Spacetrack Report No. 3*, SGP4 section, and
    Vallado, D. A., Crawford, P., Hujsak, R. & Kelso, T. S. (2006). Revisiting
    Spacetrack Report #3, AIAA 2006-6753, ``sgp4init`` (``nodedot``: the node rate
    used here, through :func:`secular_rates_rad_per_s`).
    Vallado (2013), Eq. (9-41) and sec. 11.4.1 (the sun-synchronous condition and the
    first-order solution).
    """
    h = _check_altitude(altitude_km)
    a = EARTH_RADIUS_KM + h
    e = np.zeros_like(a)
    w = SUN_MEAN_MOTION_RAD_PER_S
    # the fastest node rate of a circular orbit at this altitude is that of i = 180 deg
    fastest = _secular_rates(a, e, np.full_like(a, 180.0))[0]
    if np.any(fastest < w):
        bad = h[fastest < w].ravel()[0]
        raise InputError(
            f"altitude_km={bad:g}: no circular sun-synchronous orbit exists above "
            f"{MAX_SUN_SYNCHRONOUS_ALTITUDE_KM:g} km; must be in "
            f"[{MIN_ALTITUDE_KM:g}, {MAX_SUN_SYNCHRONOUS_ALTITUDE_KM:g}] km"
        )
    cos_i = np.maximum(
        -(2.0 / 3.0) * w * a**3.5 / (EARTH_J2 * EARTH_RADIUS_KM**2 * np.sqrt(EARTH_MU_KM3_PER_S2)),
        -1.0,
    )
    for _ in range(_SSO_ITERATIONS):
        nodedot = _secular_rates(a, e, np.degrees(np.arccos(cos_i)))[0]
        cos_i = np.clip(cos_i * (w / nodedot), -1.0, 0.0)
    return np.degrees(np.arccos(cos_i))


def _semi_major_axis_from_mdot_km(mdot_rad_s: float, eccentricity: float, inc_deg: float) -> float:
    """Mean semi-major axis whose secular mean-anomaly rate is ``mdot_rad_s`` (fixed point)."""
    n = mdot_rad_s
    for _ in range(6):
        a = (EARTH_MU_KM3_PER_S2 / n**2) ** (1.0 / 3.0)
        _, _, mdot = _secular_rates(np.asarray(a), np.asarray(eccentricity), np.asarray(inc_deg))
        n *= mdot_rad_s / float(mdot)
    return float((EARTH_MU_KM3_PER_S2 / n**2) ** (1.0 / 3.0))


def _gmst_rad(days: np.ndarray) -> np.ndarray:
    """Greenwich mean sidereal time (IAU 1982, linear part) [rad], Vallado (2013) Eq. (3-47)."""
    return np.radians(np.mod(280.46061837 + 360.98564736629 * days, 360.0))


def _mean_sun_ra_rad(days: np.ndarray) -> np.ndarray:
    """Right ascension of the mean Sun = its mean longitude (Astronomical Almanac, C5)."""
    return np.radians(np.mod(280.460 + 0.9856474 * days, 360.0))


def _field(value: Any) -> float | np.ndarray:
    arr = np.asarray(value, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


@dataclasses.dataclass(frozen=True, eq=False)
class Orbit:
    """Mean orbital elements of one orbit or of many (arrays broadcast).

    Build it with a constructor: :meth:`circular`, :meth:`sun_synchronous`,
    :meth:`geostationary`, :meth:`keplerian` or :meth:`from_tle`.

    Attributes
    ----------
    altitude_km : float or ndarray
        Mean semi-major axis minus the equatorial radius [km].
    inclination_deg, raan_deg : float or ndarray
        Inclination and right ascension of the ascending node at ``epoch`` [deg],
        equator and equinox of date.
    eccentricity, arg_perigee_deg, mean_anomaly_deg : float or ndarray
        Remaining mean elements at ``epoch``.
    epoch : numpy.datetime64
        Epoch of the elements (UTC); a real date/time (NaT and ``None`` are refused).
        The constructors' default is 2026-01-01.
    ltan_h : float, ndarray or None
        Local time of the ascending node for sun-synchronous orbits [h], in [0, 24);
        given with ``kind="sun_synchronous"`` only, and it must agree with ``raan_deg``
        at ``epoch`` (see :meth:`sun_synchronous`). Informative: the models use the
        elements.
    kind : str
        ``"circular"``, ``"sun_synchronous"``, ``"geostationary"``, ``"keplerian"``
        or ``"tle"`` (:data:`ORBIT_KINDS`): the constructor that built the orbit.
    tle : tuple of str or None
        The two TLE lines, with ``kind="tle"`` only (then required): used as-is by the
        skyfield method, so the elements and epoch must be those :meth:`from_tle` derives
        from it (checked). To change an element, build a new orbit (e.g. with
        :meth:`keplerian`); ``dataclasses.replace`` keeping the TLE is refused.

    The angles (``raan_deg``, ``arg_perigee_deg``, ``mean_anomaly_deg``) may hold any
    number of turns up to :data:`MAX_ANGLE_DEG` (1e9 deg) in magnitude.
    """

    altitude_km: float | np.ndarray
    inclination_deg: float | np.ndarray
    raan_deg: float | np.ndarray
    eccentricity: float | np.ndarray = 0.0
    arg_perigee_deg: float | np.ndarray = 0.0
    mean_anomaly_deg: float | np.ndarray = 0.0
    epoch: np.datetime64 = dataclasses.field(default_factory=lambda: np.datetime64("2026-01-01"))
    ltan_h: float | np.ndarray | None = None
    kind: str = "circular"
    tle: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        h = _check_altitude(self.altitude_km)
        e = _check_eccentricity(self.eccentricity)
        _broadcast_shape(
            altitude_km=h,
            inclination_deg=_check_inclination(self.inclination_deg),
            raan_deg=_check_angle("raan_deg", self.raan_deg),
            eccentricity=e,
            arg_perigee_deg=_check_angle("arg_perigee_deg", self.arg_perigee_deg),
            mean_anomaly_deg=_check_angle("mean_anomaly_deg", self.mean_anomaly_deg),
        )
        perigee = (EARTH_RADIUS_KM + h) * (1.0 - e) - EARTH_RADIUS_KM
        if np.any(perigee < MIN_ALTITUDE_KM):
            bad = perigee[perigee < MIN_ALTITUDE_KM].ravel()[0] if perigee.ndim else perigee
            raise InputError(
                f"perigee altitude={float(bad):g} km (semi-major axis and eccentricity): "
                f"must be >= {MIN_ALTITUDE_KM:g} km"
            )
        epoch = _as_datetime64("epoch", self.epoch)
        if epoch.ndim != 0:
            raise InputError(f"epoch={short_repr(self.epoch)}: must be a single date/time")
        object.__setattr__(self, "epoch", epoch[()])
        if type(self.kind) is not str or self.kind not in ORBIT_KINDS:
            check_choice("kind", self.kind, ORBIT_KINDS)
        self._check_ltan()
        self._check_tle()

    def _check_ltan(self) -> None:
        """``ltan_h``: with ``kind="sun_synchronous"`` only, in [0, 24), matching the RAAN."""
        if self.kind != "sun_synchronous":
            if self.ltan_h is not None:
                raise InputError(
                    f"ltan_h={short_repr(self.ltan_h)}: only for kind='sun_synchronous' "
                    f"(this orbit's kind is {self.kind!r}); give ltan_h=None"
                )
            return
        if self.ltan_h is None:
            raise InputError(
                "ltan_h=None: kind='sun_synchronous' needs the local time of the ascending "
                "node [h] (build the orbit with Orbit.sun_synchronous)"
            )
        ltan = check_range("ltan_h", self.ltan_h, 0.0, 24.0, high_inclusive=False, unit="h")
        raan = self.raan_deg
        expected = _sso_raan_deg(ltan, self.epoch)
        if type(raan) is float and ltan.ndim == 0:  # one orbit: plain floats, no array work
            if abs((raan - float(expected) + 180.0) % 360.0 - 180.0) <= _SSO_RAAN_TOL_DEG:
                return
        raan = np.asarray(raan, dtype=float)
        _broadcast_shape(raan_deg=raan, ltan_h=ltan)
        off = np.abs(np.mod(raan - expected + 180.0, 360.0) - 180.0) > _SSO_RAAN_TOL_DEG
        if np.any(off):
            r_b, l_b, x_b, o_b = np.broadcast_arrays(raan, ltan, expected, off)
            i = int(np.flatnonzero(o_b)[0])
            raise InputError(
                f"ltan_h={float(l_b.ravel()[i]):g}: does not match raan_deg="
                f"{float(r_b.ravel()[i]):.6g} at epoch {str(self.epoch)[:19]} (that LTAN "
                f"gives raan_deg={float(x_b.ravel()[i]):.6g}); build the orbit with "
                "Orbit.sun_synchronous, or use kind='circular' without ltan_h"
            )

    def _check_tle(self) -> None:
        """``tle``: with ``kind="tle"`` only (then required), valid, and matching the elements.

        The skyfield method propagates the TLE itself while the fast and analytic methods
        use the elements: a TLE that disagrees with them (e.g. after
        ``dataclasses.replace(orbit, altitude_km=...)``) would make the methods describe
        two different orbits.
        """
        if self.kind != "tle":
            if self.tle is not None:
                raise InputError(
                    f"tle={short_repr(self.tle)}: only for kind='tle' (this orbit's kind is "
                    f"{self.kind!r}); give tle=None"
                )
            return
        tle = self.tle
        if not (isinstance(tle, (tuple, list)) and len(tle) == 2):
            raise InputError(
                f"tle={short_repr(tle)}: kind='tle' needs the two lines of the element set, "
                "tle=(line1, line2) (build the orbit with Orbit.from_tle)"
            )
        derived = _parse_tle(tle[0], tle[1], ("tle[0]", "tle[1]"))  # cached
        object.__setattr__(self, "tle", derived["tle"])
        for name, tol, turn in _TLE_FIELDS:
            given = np.asarray(getattr(self, name), dtype=float)
            if given.ndim != 0:
                raise InputError(
                    f"{name}={short_repr(getattr(self, name))}: a TLE describes one orbit; "
                    "the elements of an orbit with kind='tle' must be single numbers"
                )
            diff = float(given) - derived[name]
            if turn:
                diff = (diff + 180.0) % 360.0 - 180.0
            if not abs(diff) <= tol * max(1.0, abs(derived[name])):
                raise InputError(
                    f"{name}={float(given):.10g}: differs from the orbit's TLE, which gives "
                    f"{derived[name]:.10g}; the skyfield method propagates the TLE itself, so "
                    "an orbit with kind='tle' must keep the TLE's elements (to change them, "
                    "build a new orbit, e.g. with Orbit.keplerian)"
                )
        lag_s = abs((self.epoch - derived["epoch"]) / np.timedelta64(1, "us")) * 1e-6
        if lag_s > _TLE_EPOCH_TOL_S:
            raise InputError(
                f"epoch={str(self.epoch)[:26]}: differs from the orbit's TLE epoch "
                f"{str(derived['epoch'])[:26]}; an orbit with kind='tle' must keep the TLE's "
                "epoch (to change it, build a new orbit, e.g. with Orbit.keplerian)"
            )

    @property
    def shape(self) -> tuple[int, ...]:
        """Broadcast shape of the element arrays (``()`` for a single orbit)."""
        return _broadcast_shape(
            altitude_km=self.altitude_km,
            inclination_deg=self.inclination_deg,
            raan_deg=self.raan_deg,
            eccentricity=self.eccentricity,
            arg_perigee_deg=self.arg_perigee_deg,
            mean_anomaly_deg=self.mean_anomaly_deg,
        )

    @property
    def semi_major_axis_km(self) -> np.ndarray:
        """Mean semi-major axis [km]."""
        return EARTH_RADIUS_KM + np.asarray(self.altitude_km, dtype=float)

    @property
    def period_s(self) -> np.ndarray:
        """Keplerian period of the mean semi-major axis [s]."""
        return 2.0 * np.pi * np.sqrt(self.semi_major_axis_km**3 / EARTH_MU_KM3_PER_S2)

    def broadcast(self) -> dict[str, np.ndarray]:
        """The six elements as float arrays of the common :attr:`shape`."""
        names = (
            "altitude_km",
            "inclination_deg",
            "raan_deg",
            "eccentricity",
            "arg_perigee_deg",
            "mean_anomaly_deg",
        )
        arrs = np.broadcast_arrays(*(np.asarray(getattr(self, k), dtype=float) for k in names))
        return dict(zip(names, arrs, strict=True))

    # ------------------------------------------------------------------ constructors
    @classmethod
    @guarded("the orbit's elements")
    def circular(
        cls,
        altitude_km: Any,
        inclination_deg: Any,
        raan_deg: Any = 0.0,
        epoch: Any = "2026-01-01",
        arg_latitude_deg: Any = 0.0,
    ) -> Orbit:
        """Circular orbit at ``altitude_km`` with the given inclination and RAAN.

        ``arg_latitude_deg`` places the satellite on the orbit at ``epoch``
        (0 = at the ascending node). Array arguments broadcast together (many orbits);
        ``epoch`` is one date/time (UTC) in the years 1900-2100, not NaT or ``None``.
        Angles may hold any number of turns up to :data:`MAX_ANGLE_DEG` in magnitude.
        """
        arrays = {
            "altitude_km": _check_altitude(altitude_km),
            "inclination_deg": _check_inclination(inclination_deg),
            "raan_deg": _check_angle("raan_deg", raan_deg),
            "arg_latitude_deg": _check_angle("arg_latitude_deg", arg_latitude_deg),
        }
        _broadcast_shape(**arrays)
        return cls(
            altitude_km=_field(arrays["altitude_km"]),
            inclination_deg=_field(arrays["inclination_deg"]),
            raan_deg=_field(arrays["raan_deg"]),
            mean_anomaly_deg=_field(arrays["arg_latitude_deg"]),
            epoch=epoch,
            kind="circular",
        )

    @classmethod
    @guarded("the orbit's elements")
    def sun_synchronous(cls, altitude_km: Any, ltan_h: Any, epoch: Any = "2026-01-01") -> Orbit:
        """Circular sun-synchronous orbit with its ascending node at local time ``ltan_h``.

        The inclination comes from :func:`sun_synchronous_inclination_deg`; the RAAN at
        ``epoch`` is the mean Sun's right ascension plus ``15 deg/h * (ltan_h - 12)``
        (mean local time). ``ltan_h=18`` (or 6) is a dawn-dusk orbit, 12 (or 0) noon-midnight.
        ``altitude_km`` and ``ltan_h`` broadcast together; ``epoch`` is one date/time
        (UTC), not NaT or ``None``.

        References
        ----------
        Vallado (2013), sec. 11.4.1; mean Sun from the Astronomical Almanac (2013), p. C5.
        """
        h = _check_altitude(altitude_km)
        ltan = check_range("ltan_h", ltan_h, 0.0, 24.0, high_inclusive=False, unit="h")
        _broadcast_shape(altitude_km=h, ltan_h=ltan)
        inc = sun_synchronous_inclination_deg(h)
        ep = _as_datetime64("epoch", epoch)
        raan = _sso_raan_deg(ltan, ep)
        return cls(
            altitude_km=_field(h),
            inclination_deg=_field(inc),
            raan_deg=_field(raan),
            epoch=ep,
            ltan_h=_field(ltan),
            kind="sun_synchronous",
        )

    @classmethod
    @guarded("the orbit's elements")
    def geostationary(cls, longitude_deg: Any = 0.0, epoch: Any = "2026-01-01") -> Orbit:
        """Geostationary orbit (radius 42164.17 km, equatorial) over ``longitude_deg`` east."""
        lon = check_range("longitude_deg", longitude_deg, -180.0, 360.0, unit="deg")
        ep = _as_datetime64("epoch", epoch)
        theta = np.degrees(_gmst_rad(_days_since_j2000(ep)))
        return cls(
            altitude_km=GEO_RADIUS_KM - EARTH_RADIUS_KM,
            inclination_deg=0.0,
            raan_deg=0.0,
            mean_anomaly_deg=_field(np.mod(theta + lon, 360.0)),
            epoch=ep,
            kind="geostationary",
        )

    @classmethod
    @guarded("the orbit's elements")
    def keplerian(
        cls,
        semi_major_axis_km: Any,
        eccentricity: Any,
        inclination_deg: Any,
        raan_deg: Any,
        arg_perigee_deg: Any,
        mean_anomaly_deg: Any,
        epoch: Any = "2026-01-01",
    ) -> Orbit:
        """General mean Keplerian elements (perigee altitude must be >= 100 km).

        Array arguments broadcast together; ``epoch`` is one date/time (UTC), not NaT
        or ``None``.
        """
        arrays = {
            "semi_major_axis_km": _check_semi_major_axis(semi_major_axis_km),
            "eccentricity": _check_eccentricity(eccentricity),
            "inclination_deg": _check_inclination(inclination_deg),
            "raan_deg": _check_angle("raan_deg", raan_deg),
            "arg_perigee_deg": _check_angle("arg_perigee_deg", arg_perigee_deg),
            "mean_anomaly_deg": _check_angle("mean_anomaly_deg", mean_anomaly_deg),
        }
        _broadcast_shape(**arrays)
        a, e = arrays["semi_major_axis_km"], arrays["eccentricity"]
        _check_perigee(a, e, "semi_major_axis_km")
        return cls(
            altitude_km=_field(a - EARTH_RADIUS_KM),
            inclination_deg=_field(arrays["inclination_deg"]),
            raan_deg=_field(arrays["raan_deg"]),
            eccentricity=_field(e),
            arg_perigee_deg=_field(arrays["arg_perigee_deg"]),
            mean_anomaly_deg=_field(arrays["mean_anomaly_deg"]),
            epoch=epoch,
            kind="keplerian",
        )

    @classmethod
    @guarded("the orbit's elements")
    def from_tle(cls, line1: str, line2: str) -> Orbit:
        """Orbit from a two-line element set (parsed by ``sgp4``; WGS 72).

        The fast and analytic methods use the SGP4 mean elements (Brouwer mean motion);
        the skyfield method propagates the TLE itself.

        The lines are checked against the NORAD two-line format before ``sgp4`` reads
        them (its C++ parser, used by skyfield, does not): ASCII only, 69 characters
        each (surrounding white space is removed), line numbers ``1`` and ``2`` in
        column 1, the same catalog number in columns 3-7 of both lines, the fixed
        blanks and decimal points of the format, the modulo-10 checksum in column 69
        (the digits of columns 1-68 summed, each ``-`` counting 1) and an epoch day of
        the year from 1 to 366.99999999 (``sgp4`` reads a day 366 of a common year as
        1 January of the next).

        References
        ----------
        Kelso, T. S. CelesTrak, "NORAD Two-Line Element Set Format",
        https://celestrak.org/NORAD/documentation/tle-fmt.php (columns, checksum);
        Vallado et al. (2006), AIAA 2006-6753, ``twoline2rv`` (parsing, epoch).
        """
        el = _parse_tle(line1, line2)
        return cls(
            altitude_km=el["altitude_km"],
            inclination_deg=el["inclination_deg"],
            raan_deg=el["raan_deg"],
            eccentricity=el["eccentricity"],
            arg_perigee_deg=el["arg_perigee_deg"],
            mean_anomaly_deg=el["mean_anomaly_deg"],
            epoch=el["epoch"],
            kind="tle",
            tle=el["tle"],
        )


def _sso_raan_deg(ltan_h: np.ndarray, epoch: np.datetime64) -> np.ndarray:
    """RAAN [deg, 0..360) of a sun-synchronous orbit with LTAN ``ltan_h`` at ``epoch``.

    ``epoch`` is a checked ``datetime64[us]``: the days are those of
    :func:`_days_since_j2000`, without its checks.
    """
    days = (epoch - _J2000) / np.timedelta64(1, "us") / (SECONDS_PER_DAY * 1e6)
    ra_sun = np.degrees(_mean_sun_ra_rad(days))
    return np.mod(ra_sun + 15.0 * (ltan_h - 12.0), 360.0)


#: Largest difference between ``raan_deg`` and the RAAN ``ltan_h`` gives [deg]: rounding.
_SSO_RAAN_TOL_DEG = 1e-6
#: Elements an orbit with ``kind="tle"`` must share with its TLE: (name, relative
#: tolerance (absolute below 1), whether the value is an angle compared modulo 360 deg).
#: The tolerances allow rounding only: the elements are those ``from_tle`` derives.
_TLE_FIELDS = (
    ("altitude_km", 1e-9, False),
    ("inclination_deg", 1e-9, False),
    ("raan_deg", 1e-9, True),
    ("eccentricity", 1e-9, False),
    ("arg_perigee_deg", 1e-9, True),
    ("mean_anomaly_deg", 1e-9, True),
)
#: Largest difference between an orbit's epoch and its TLE's [s]: half the TLE's last
#: digit of the epoch (1e-8 day = 0.864 ms).
_TLE_EPOCH_TOL_S = 0.432e-3
_TLE_LINE_LENGTH = 69
#: Fixed characters of the two-line format (0-based column, character, what it is):
#: the positions ``sgp4``'s own Python parser requires.
_TLE_LAYOUT = {
    1: ((8, " "), (23, "."), (32, " "), (34, "."), (43, " "), (52, " "), (61, " "), (63, " ")),
    2: ((7, " "), (11, "."), (16, " "), (20, "."), (25, " "), (33, " "), (37, "."), (42, " "),
        (46, "."), (51, " ")),
}  # fmt: skip


def _tle_checksum(line: str) -> int:
    """NORAD modulo-10 checksum of columns 1-68: digits summed, each '-' counting 1."""
    return sum(int(c) if c.isdigit() else c == "-" for c in line[:68]) % 10


def _check_tle_line(number: int, line: Any, name: str) -> str:
    """Line ``number`` (1 or 2) of a TLE, stripped, after the format checks (``name``: the
    parameter as the caller spells it)."""
    if not isinstance(line, str):
        raise InputError(
            f"{name}={short_repr(line)}: must be a string (line {number} of a two-line element set)"
        )
    text = line.strip()
    shown = short_repr(text, 40)
    bad = next((i for i, c in enumerate(text) if not c.isascii()), None)
    if bad is not None:
        raise InputError(
            f"{name}={shown}: a two-line element set is ASCII only; column {bad + 1} is "
            f"{text[bad]!r}"
        )
    if not text.startswith(f"{number} "):
        raise InputError(
            f"{name}={shown}: not line {number} of a two-line element set (it must start "
            f"with '{number} ')"
        )
    if len(text) != _TLE_LINE_LENGTH:
        raise InputError(
            f"{name}={shown}: has {len(text)} characters; a line of a two-line element set "
            f"has {_TLE_LINE_LENGTH} (column 69 is the checksum)"
        )
    for col, char in _TLE_LAYOUT[number]:
        if text[col] != char:
            raise InputError(
                f"{name}={shown}: column {col + 1} is {text[col]!r}, must be {char!r} "
                "(fixed layout of the two-line element format)"
            )
    if not text[68].isdigit() or int(text[68]) != _tle_checksum(text):
        raise InputError(
            f"{name}={shown}: checksum (column 69) is {text[68]!r}, but columns 1-68 give "
            f"{_tle_checksum(text)} (the sum of the digits, each '-' counting 1, modulo 10)"
        )
    return text


def _parse_tle(
    line1: Any, line2: Any, names: tuple[str, str] = ("line1", "line2")
) -> dict[str, Any]:
    """Mean elements and epoch of a TLE, as :meth:`Orbit.from_tle` stores them.

    ``names`` are the caller's names for the two lines, for the messages. The result is
    cached (an orbit built by :meth:`Orbit.from_tle` checks its TLE again).

    Raises
    ------
    InputError
        A line that breaks the two-line format (see :meth:`Orbit.from_tle`), or an
        element set that SGP4 rejects.
    """
    if not (isinstance(line1, str) and isinstance(line2, str)):
        _check_tle_line(1, line1, names[0])
        _check_tle_line(2, line2, names[1])
    return _parse_tle_text(line1, line2, names)


@functools.lru_cache(maxsize=64)
def _parse_tle_text(line1: str, line2: str, names: tuple[str, str]) -> dict[str, Any]:
    """:func:`_parse_tle` of two strings (cached; errors are not)."""
    from sgp4.api import SGP4_ERRORS, WGS72, Satrec

    l1, l2 = _check_tle_line(1, line1, names[0]), _check_tle_line(2, line2, names[1])
    if l1[2:7] != l2[2:7]:
        raise InputError(
            f"{names[1]}={short_repr(l2, 40)}: catalog number {l2[2:7]!r} (columns 3-7) differs "
            f"from line 1's {l1[2:7]!r}; the two lines must describe the same satellite"
        )
    try:
        day = float(l1[20:32]) if l1[18:20].isdigit() else -1.0
    except ValueError:
        day = -1.0
    if not 1.0 <= day < 367.0:
        raise InputError(
            f"{names[0]}={short_repr(l1, 40)}: epoch {l1[18:32]!r} (columns 19-32: two-digit "
            "year, day of the year with fraction): the day must be in [1, 367) and the "
            "year two digits"
        )
    try:
        sat = Satrec.twoline2rv(l1, l2, WGS72)
    except (ValueError, IndexError) as exc:
        raise InputError(
            f"{names[0]}={short_repr(l1, 40)}, {names[1]}={short_repr(l2, 40)}: cannot "
            f"parse the two-line element set ({exc})"
        ) from None
    if sat.error != 0 or not np.isfinite(sat.mdot) or sat.mdot <= 0:
        why = SGP4_ERRORS.get(sat.error, "the mean motion is not positive")
        raise InputError(
            f"{names[0]}={short_repr(l1, 40)}, {names[1]}={short_repr(l2, 40)}: SGP4 "
            f"rejected the element set (error code {sat.error}: {why})"
        )
    inc_deg = float(np.degrees(sat.inclo))
    a = _semi_major_axis_from_mdot_km(sat.mdot / 60.0, float(sat.ecco), inc_deg)
    # days from J2000 before adding the fraction: the sum as a Julian date (2.45e6)
    # would keep the epoch only to 40 us
    days = (sat.jdsatepoch - 2451545.0) + sat.jdsatepochF
    return {
        "altitude_km": float(a - EARTH_RADIUS_KM),
        "inclination_deg": inc_deg,
        "raan_deg": float(np.degrees(sat.nodeo)),
        "eccentricity": float(sat.ecco),
        "arg_perigee_deg": float(np.degrees(sat.argpo)),
        "mean_anomaly_deg": float(np.degrees(sat.mo)),
        "epoch": _J2000 + np.timedelta64(round(days * 86400e6), "us"),
        "tle": (l1, l2),
    }
