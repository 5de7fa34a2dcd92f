"""Weather on ground links: ITU-R attenuation for RF, cloud outages for optical.

RF attenuation (gas, cloud, rain, scintillation, exceeded for a percentage of
time) comes from the ``itur`` package (ITU-R P.618-13 and the recommendations
it calls). ``itur`` returns astropy Quantities; this module returns plain float
arrays in dB. Its first call loads maps and takes a few seconds.

Optical ground links are treated as on/off: a cloud in the line of sight is an
outage (tens to hundreds of dB), so a site is available with its cloud-free
probability. Several sites improve availability (site diversity).

References
----------
.. [1] Recommendation ITU-R P.618-13 (2017), sec. 2.5 (total attenuation).
.. [2] del Portillo, I., ITU-Rpy (``itur`` 0.4.0),
   https://github.com/inigodelportillo/ITU-Rpy.
.. [3] Nelsen, R. B., *An Introduction to Copulas*, 2nd ed., Springer (2006),
   sec. 2.2 (Frechet-Hoeffding bounds) and 3.2.4 (mixtures).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    as_float_array,
    broadcast_error,
    check_fraction,
    check_positive,
    check_range,
    guarded,
    short_repr,
)
from orbitcompute.errors import InputError

__all__ = [
    "rf_attenuation_db",
    "rf_availability",
    "site_cloud_free_probability",
    "site_diversity_availability",
]

# ITU-R P.618 rain model is valid for 0.001 % <= p <= 5 % (itur warns outside).
_ITUR_P_MIN, _ITUR_P_MAX = 0.001, 5.0
# Elevations the models itur calls are stated for: the gaseous attenuation of
# ITU-R P.676-12 Annex 2 (itur 0.4.0's default version, although its warning text says
# 676-11) is recommended for 5-90 deg (itur warns outside it) and
# the scintillation method of ITU-R P.618-13 sec. 2.4.1 for elevations above 5 deg.
# Below 5 deg the flat-layer path lengths grow as 1/sin(e): 108 dB at 0.5 deg, inf
# near 0.
_ITUR_EL_MIN, _ITUR_EL_MAX = 5.0, 90.0


def _itur_call(lat, lon, f_ghz, el, p, d, eta, hs=None) -> tuple[np.ndarray, ...]:
    """One vectorized itur call on 1-D location arrays for a scalar or 1-D p; ``hs``
    the stations' heights [km] or None (itur's ITU-R P.1511 topographic map)."""
    import itur  # local import: loading itur takes ~1 s

    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        # itur 0.4.0 tests ``mod(el, 90) < 5`` and so warns at exactly 90 deg too,
        # which is inside the range (elevations were checked against 5-90 deg); its
        # scintillation averaging factor takes sqrt of a negative number wherever
        # x >= 7 (an antenna of tens of metres) before np.where sets it to 0
        warnings.filterwarnings(
            "ignore",
            message="The approximated method to compute the gaseous",
            category=RuntimeWarning,
        )
        out = itur.atmospheric_attenuation_slant_path(
            lat, lon, f_ghz, el, p, d, hs=hs, eta=eta, return_contributions=True
        )
    vals = tuple(np.asarray(q.to_value("dB"), dtype=float) for q in out)
    if not all(np.isfinite(v).all() for v in vals):  # not expected in the checked ranges
        raise InputError(
            f"itur gave a non-finite attenuation for frequency {f_ghz:g} GHz, p={p:g} %, "
            f"antenna diameter {d:g} m and efficiency {eta:g} at elevations "
            f"{short_repr(el)} deg"
        )
    return vals


def _check_elevation(elevation_deg: Any) -> np.ndarray:
    """Elevations in the 5-90 deg range the ITU-R models itur uses are valid for."""
    return check_range(
        "elevation_deg",
        elevation_deg,
        _ITUR_EL_MIN,
        _ITUR_EL_MAX,
        unit="deg",
        why="the range of ITU-R P.676-12 Annex 2 (gaseous attenuation) and P.618-13 "
        "sec. 2.4.1 (scintillation) that itur implements (itur warns below 5 deg)",
    )


@guarded("the slant-path attenuation")
def rf_attenuation_db(
    latitude_deg: Any,
    longitude_deg: Any,
    frequency_hz: Any,
    elevation_deg: Any,
    percent_time: Any = 1.0,
    antenna_diameter_m: Any = 1.0,
    antenna_efficiency: Any = 0.5,
    site_altitude_m: Any = None,
) -> dict[str, np.ndarray]:
    """Slant-path atmospheric attenuation exceeded ``percent_time`` % of the time.

    Parameters
    ----------
    latitude_deg, longitude_deg : float or array_like
        Ground site [deg], latitude in (-90, 90], longitude in [-180, 360]. Exactly
        -90 is refused: itur's ITU-R P.836 (water vapour) and P.453 (refractivity)
        maps give NaN there (-89.9999 deg works for the South Pole).
    frequency_hz : float or array_like
        Carrier frequency [Hz], 1-55 GHz (the validity range of ``itur``).
    elevation_deg : float or array_like
        Elevation of the satellite seen from the site [deg], in [5, 90]: the
        range of ITU-R P.676-12 Annex 2 (gaseous attenuation, recommended for
        5-90 deg; ``itur`` warns below) and of the P.618-13 scintillation method
        (elevations above 5 deg). Lower elevations are refused: the models'
        path lengths grow as ``1 / sin(e)`` (108 dB at 0.5 deg, inf near 0).
    percent_time : float or array_like
        Percentage of an average year the attenuation is exceeded, in
        [0.001, 5] % (the range of the P.618 rain model). ``itur`` is
        vectorized over locations and elevations; each distinct (frequency,
        percent_time, diameter, efficiency) set costs one ``itur`` call, so
        keep those to a handful.
    antenna_diameter_m : float or array_like
        Ground antenna diameter [m], > 0 (scintillation averaging).
    antenna_efficiency : float or array_like
        Antenna efficiency for the scintillation model, in (0, 1].
    site_altitude_m : float or array_like, optional
        Height of the ground station above mean sea level [m], in [-500, 9000]
        (``altitude_m`` of ``data/ground_sites.csv``). None: the ITU-R P.1511
        topographic map at the site's latitude and longitude, which is coarse on a
        mountain (2.18 km at Haleakala's 3.05 km summit): the rain path through the
        lower atmosphere, and so the attenuation, is longer at the map's height
        (40.1 dB instead of 31.4 dB at Ka band, 0.01 %, 30 deg there).

    Returns
    -------
    dict of numpy.ndarray
        ``gas_db``, ``cloud_db``, ``rain_db``, ``scintillation_db``,
        ``total_db`` (combined per ITU-R P.618-13 eq. 64, not the plain sum),
        all of the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A value outside its range (naming it), arrays that do not broadcast
        together, or an antenna so large (some 1e150 m) that the scintillation
        model overflows float64.

    References
    ----------
    .. [1] ITU-R P.618-13 (2017), sec. 2.5; ITU-Rpy
       ``atmospheric_attenuation_slant_path``.
    .. [2] ITU-R P.676-12 (2019), Annex 2 (approximate slant-path gaseous
       attenuation, 5-90 deg elevation), the version ``itur`` 0.4.0 uses by default.
    """
    lat = check_range(
        "latitude_deg",
        latitude_deg,
        -90.0,
        90.0,
        low_inclusive=False,
        unit="deg",
        why="itur's ITU-R P.836 and P.453 maps give NaN at exactly -90 (use -89.9999)",
    )
    lon = check_range("longitude_deg", longitude_deg, -180.0, 360.0, unit="deg")
    f = check_range("frequency_hz", frequency_hz, 1e9, 55e9, unit="Hz")
    el = _check_elevation(elevation_deg)
    p = check_range("percent_time", percent_time, _ITUR_P_MIN, _ITUR_P_MAX, unit="%")
    d = check_positive("antenna_diameter_m", antenna_diameter_m, "m")
    eta = check_fraction("antenna_efficiency", antenna_efficiency)
    hs = (
        np.nan
        if site_altitude_m is None
        else check_range("site_altitude_m", site_altitude_m, -500.0, 9000.0, unit="m") / 1e3
    )
    lat, lon, f, el, p, d, eta, hs = np.broadcast_arrays(lat, lon, f, el, p, d, eta, hs)
    shape = lat.shape
    keys = ("gas_db", "cloud_db", "rain_db", "scintillation_db", "total_db")
    out = {k: np.empty(shape) for k in keys}
    flat = [a.ravel() for a in (lat, lon, f / 1e9, el, p, d, eta, hs)]
    # itur is elementwise over (lat, lon, elevation) but takes an outer product
    # over frequency, p and diameter: one call per distinct (f, p, D, eta) set.
    combos, inverse = np.unique(
        np.stack([flat[2], flat[4], flat[5], flat[6]], axis=1), axis=0, return_inverse=True
    )
    inverse = inverse.ravel()
    for i, (fv, pv, dv, ev) in enumerate(combos):
        sel = inverse == i
        h = None if site_altitude_m is None else flat[7][sel]
        vals = _itur_call(
            flat[0][sel], flat[1][sel], float(fv), flat[3][sel], float(pv), float(dv), float(ev), h
        )
        for k, v in zip(keys, vals, strict=True):
            out[k].reshape(-1)[sel] = np.broadcast_to(v, (int(sel.sum()),))
    return out


@guarded("the RF availabilities")
def rf_availability(
    latitude_deg: Any,
    longitude_deg: Any,
    frequency_hz: Any,
    elevation_deg: Any,
    fade_margin_db: Any,
    antenna_diameter_m: Any = 1.0,
    n_points: int = 16,
    site_altitude_m: Any = None,
    antenna_efficiency: Any = 0.5,
) -> dict[str, np.ndarray]:
    """Fraction of time the atmospheric attenuation stays within a fade margin.

    The attenuation-exceedance curve is evaluated on ``n_points`` percentages
    spaced logarithmically from 0.001 % to 5 % (one ``itur`` call each,
    locations vectorized) and inverted by interpolation in log(p).

    Parameters
    ----------
    latitude_deg, longitude_deg, frequency_hz, elevation_deg : float or array_like
        As in :func:`rf_attenuation_db` (elevation in [5, 90] deg).
    fade_margin_db : float or array_like
        Link margin available for atmospheric fades [dB], > 0.
    antenna_diameter_m : float or array_like
        As in :func:`rf_attenuation_db`.
    n_points : int
        Percentages on the exceedance curve, >= 4.
    site_altitude_m : float or array_like, optional
        As in :func:`rf_attenuation_db` (None: ITU-R P.1511's topographic map).
    antenna_efficiency : float or array_like
        As in :func:`rf_attenuation_db` (it enters the scintillation term only).

    Returns
    -------
    dict of numpy.ndarray
        ``availability`` (fraction of time in [0.95, 0.99999]: clipped to the
        range ITU-R methods cover, with ``below_range`` / ``above_range``
        flags saying where the curve was left), ``outage_percent``,
        ``below_range`` (margin smaller than the 5 % attenuation: availability
        < 0.95, reported as 0.95, an upper bound), ``above_range`` (margin above
        the 0.001 % attenuation: availability > 0.99999).

    Raises
    ------
    InputError
        As :func:`rf_attenuation_db`; also for arrays (the fade margin
        included) that do not broadcast together, checked before any ``itur``
        call.

    References
    ----------
    .. [1] ITU-R P.618-13 (2017), sec. 2.2.1.1 (rain attenuation vs p).
    """
    m = check_positive("fade_margin_db", fade_margin_db, "dB")
    if not isinstance(n_points, int | np.integer) or n_points < 4:
        raise InputError(f"n_points={n_points!r}: must be an integer >= 4")
    args = {
        "latitude_deg": latitude_deg,
        "longitude_deg": longitude_deg,
        "frequency_hz": frequency_hz,
        "elevation_deg": elevation_deg,
        "antenna_diameter_m": antenna_diameter_m,
        "antenna_efficiency": antenna_efficiency,
    }
    if site_altitude_m is not None:
        args["site_altitude_m"] = site_altitude_m
    arrays = {k: as_float_array(k, v) for k, v in args.items()}
    err = broadcast_error({**arrays, "fade_margin_db": m})
    if err is not None:  # before the itur calls, which take seconds
        raise err
    lat, lon, f, el, d, eta, *hs = np.broadcast_arrays(*arrays.values())
    p_grid = np.geomspace(_ITUR_P_MIN, _ITUR_P_MAX, n_points)
    total = rf_attenuation_db(
        lat[..., None],
        lon[..., None],
        f[..., None],
        el[..., None],
        p_grid,
        d[..., None],
        eta[..., None],
        site_altitude_m=hs[0][..., None] if hs else None,
    )["total_db"]
    shape = np.broadcast_shapes(total.shape[:-1], m.shape)
    total = np.broadcast_to(total, (*shape, n_points))
    m = np.broadcast_to(m, shape)
    # attenuation decreases as p increases; interpolate log10(p) against A
    a_sorted = total[..., ::-1]  # increasing attenuation
    logp = np.log10(p_grid)[::-1]
    below = m < a_sorted[..., 0]
    above = m > a_sorted[..., -1]
    idx = np.clip((a_sorted < m[..., None]).sum(axis=-1), 1, n_points - 1)
    a0 = np.take_along_axis(a_sorted, (idx - 1)[..., None], -1)[..., 0]
    a1 = np.take_along_axis(a_sorted, idx[..., None], -1)[..., 0]
    frac = np.clip((m - a0) / np.where(a1 > a0, a1 - a0, 1.0), 0.0, 1.0)
    lp = logp[idx - 1] + frac * (logp[idx] - logp[idx - 1])
    outage = np.where(below, _ITUR_P_MAX, np.where(above, _ITUR_P_MIN, 10.0**lp))
    return {
        "availability": 1.0 - outage / 100.0,
        "outage_percent": outage,
        "below_range": below,
        "above_range": above,
    }


@guarded("the site diversity availabilities")
def site_diversity_availability(
    cloud_free_probability: Any, correlation: Any = 0.0, axis: int = -1
) -> np.ndarray:
    """Probability that at least one of N optical sites has a clear sky.

    Independent sites: ``A = 1 - prod(1 - p_i)``. With ``correlation`` ``rho``
    in [0, 1] the joint cloud state is a mixture of the independent copula
    (weight ``1 - rho``) and the comonotone copula (weight ``rho``: all skies
    clear or cloudy together, for which ``A = max p_i``), giving
    ``A = (1 - rho) (1 - prod(1 - p_i)) + rho max p_i``.

    Parameters
    ----------
    cloud_free_probability : array_like
        Cloud-free probability of each site along ``axis``, each in (0, 1].
    correlation : float or array_like
        Mixture weight of fully correlated weather, in [0, 1]; broadcasts
        against the shape of ``cloud_free_probability`` without ``axis``.
    axis : int
        Axis that lists the sites.

    Returns
    -------
    numpy.ndarray
        Availability of the network, shape of the input without ``axis``
        (broadcast with that of ``correlation``).

    Raises
    ------
    InputError
        A probability outside (0, 1], a correlation outside [0, 1], no site
        along ``axis``, an axis that ``cloud_free_probability`` lacks, or a
        ``correlation`` whose shape does not broadcast against the other axes.

    References
    ----------
    .. [1] Nelsen (2006), Theorem 2.2.3 (upper bound M) and sec. 3.2.4.
    .. [2] del Portillo, I. et al., "Optimal location of optical ground
       stations to serve LEO spacecraft", IEEE Aerospace Conf. (2017) (site
       diversity; correlated cloud cover).
    """
    p = check_range("cloud_free_probability", cloud_free_probability, 0.0, 1.0, low_inclusive=False)
    rho = check_range("correlation", correlation, 0.0, 1.0)
    if type(axis) is not int or not -p.ndim <= axis < p.ndim:
        raise InputError(
            f"axis={axis!r}: must be an axis of cloud_free_probability (shape {p.shape})"
        )
    if p.shape[axis] == 0:
        raise InputError(f"cloud_free_probability={p!r}: give at least one site along axis {axis}")
    rest = p.shape[: axis % p.ndim] + p.shape[axis % p.ndim + 1 :]
    try:
        np.broadcast_shapes(rest, rho.shape)
    except ValueError:
        raise InputError(
            f"correlation={short_repr(correlation)}: shape {rho.shape} does not broadcast against "
            f"cloud_free_probability's shape {p.shape} without axis {axis}, {rest}"
        ) from None
    indep = 1.0 - np.prod(1.0 - p, axis=axis)
    return (1.0 - rho) * indep + rho * np.max(p, axis=axis)


def site_cloud_free_probability(names: str | list[str], **overrides: float) -> np.ndarray:
    """Cloud-free probabilities of catalog sites (``data/ground_sites.csv``).

    Parameters
    ----------
    names : str or list of str
        Site names from ``data/ground_sites.csv``.
    **overrides : float
        ``name=value`` replaces a site's catalog value: one number in (0, 1]
        (not a string, boolean or array). A site of ``names`` that is given an
        override need not be in the catalog.

    Returns
    -------
    numpy.ndarray
        The probabilities: a 0-d array for one name, else one per name.

    Raises
    ------
    InputError
        For an unknown site (naming ``names``), a site without a cloud
        statistic (an RF site), an override that is not a number in (0, 1] or
        names a site not in ``names``.
    """
    single = isinstance(names, str)
    if not single and (
        not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names)
    ):
        raise InputError(f"names={short_repr(names)}: must be a site name or a list of site names")
    listed = [names] if single else list(names)
    unused = sorted(set(overrides) - set(listed))
    if unused:
        raise InputError(
            f"{unused[0]}={short_repr(overrides[unused[0]])}: overrides a site that is not "
            f"in names={listed!r}"
        )
    out = []
    for i, n in enumerate(listed):
        if n in overrides:
            v = overrides[n]
            try:
                arr = as_float_array(n, v)
            except InputError:  # None, a string, a boolean: not a number
                arr = None
            if arr is None or arr.ndim != 0 or not 0.0 < float(arr) <= 1.0:
                raise InputError(
                    f"{n}={short_repr(v)}: must be one cloud-free probability in (0, 1]"
                )
            out.append(float(arr))
            continue
        catalog.check_name("names" if single else f"names[{i}]", n, "ground_sites")
        v = catalog.get("ground_sites", n)["cloud_free_probability"]
        if v is None:
            raise InputError(
                f"ground_sites[{n!r}].cloud_free_probability is empty (an RF site?): "
                "pass it as an override"
            )
        out.append(float(v))
    arr = check_range("cloud_free_probability", np.array(out), 0.0, 1.0, low_inclusive=False)
    return arr.reshape(()) if single else arr  # a 0-d array, not a numpy scalar
