"""Ground segment: visibility geometry, ground sites a workload needs, latency.

Spherical Earth, circular orbits. By default the satellites are spread evenly
over the sphere (a Walker-like constellation whose inclination exceeds the site
latitudes; the latitude dependence of such shells is not modelled here). A fleet
in ONE orbital plane (every satellite of a sun-synchronous orbit at one local
time of the ascending node, e.g. a dawn-dusk ring) is seen from a site only
while the Earth's rotation carries the site near that plane:
:func:`ring_in_view_fraction` and the ``plane_inclination_deg`` /
``site_latitude_deg`` keywords of :func:`ground_sites_needed` model it.

References
----------
.. [1] Wertz, J. R., Everett, D. F. & Puschell, J. J. (eds.), *Space Mission
   Engineering: The New SMAD*, Microcosm (2011), sec. 8.3 (Earth geometry:
   nadir angle, Earth central angle, slant range).
.. [2] Vallado, D. A., *Fundamentals of Astrodynamics and Applications*, 4th ed.
   (2013), sec. 11.3 (site-satellite geometry).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute._counts import ceil_count
from orbitcompute._labels import first_label
from orbitcompute._site_count import MAX_SITES, _min_sites, _min_sites_correlated
from orbitcompute._special import poisson_sf as _poisson_sf
from orbitcompute._validate import (
    check_count,
    check_fraction,
    check_nonnegative,
    check_range,
    guarded,
)
from orbitcompute.constants import EARTH_RADIUS_KM, SPEED_OF_LIGHT_M_PER_S
from orbitcompute.errors import InputError

__all__ = [
    "FIBER_GROUP_INDEX",
    "MAX_SITES",
    "coverage_fraction",
    "earth_central_angle_deg",
    "ground_sites_needed",
    "mean_satellites_in_view",
    "one_way_latency_s",
    "ring_in_view_fraction",
    "slant_range_m",
    "traffic_to_earth_bps",
]

# Group index of standard single-mode fibre at 1550 nm (ITU-T G.652 fibre,
# ~1.468): light in fibre travels at c / 1.468.
FIBER_GROUP_INDEX = 1.468

#: Most satellites in view for which :func:`ground_sites_needed` sums the Poisson
#: tails of the usable terminals, when the terminal count lies within 40 standard
#: deviations of the number in view (elsewhere no sum is needed): it bounds the
#: summation window, about 80 sqrt(mean) terms a row (the tails of
#: ``orbitcompute._special`` are accurate to about 1e-13 relative there).
_MAX_MEAN_IN_VIEW_SUMMED = 2e4
#: Gauss-Legendre nodes of the time average over the Earth's rotation in the
#: single-plane model (:func:`_ring_phases`): with the cosine substitution the
#: square-root edges of the visibility window are integrated to about 1e-9.
_RING_NODES = 48


def _alt(altitude_km: Any) -> np.ndarray:
    return check_range("altitude_km", altitude_km, 100.0, 100_000.0, unit="km")


def _elev(min_elevation_deg: Any, name: str = "min_elevation_deg") -> np.ndarray:
    return check_range(name, min_elevation_deg, 0.0, 90.0, unit="deg")


@guarded("the slant ranges")
def slant_range_m(altitude_km: Any, elevation_deg: Any) -> np.ndarray:
    """Distance from a ground site to a satellite at a given elevation [m].

    ``d = sqrt((R + h)^2 - R^2 cos^2 e) - R sin e``.

    Parameters
    ----------
    altitude_km : float or array_like
        Orbit altitude [km], in [100, 100 000] km (low orbit to beyond
        geostationary; 200 000 km is refused).
    elevation_deg : float or array_like
        Elevation of the satellite above the site's horizon [deg], in [0, 90].

    Returns
    -------
    numpy.ndarray
        Slant range [m], of the broadcast shape of the inputs: ``h`` at zenith,
        ``sqrt((R + h)^2 - R^2)`` at the horizon.

    Raises
    ------
    InputError
        An altitude or elevation outside its range, or arrays that do not
        broadcast together.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3.1, eq. 8-26 (with the law of cosines).
    """
    h = _alt(altitude_km)
    e = np.radians(_elev(elevation_deg, "elevation_deg"))
    r = EARTH_RADIUS_KM
    d_km = np.sqrt((r + h) ** 2 - (r * np.cos(e)) ** 2) - r * np.sin(e)
    return d_km * 1e3


@guarded("the Earth central angles")
def earth_central_angle_deg(altitude_km: Any, min_elevation_deg: Any) -> np.ndarray:
    """Earth central angle of the coverage circle above ``min_elevation_deg``.

    ``lambda = 90 deg - e - eta`` with the nadir angle
    ``sin(eta) = R cos(e) / (R + h)``, computed as ``x - asin(R sin(x) / (R + h))``
    with ``x = 90 deg - e`` taken in degrees (exact for a mask above 45 deg), so
    that a mask near 90 deg keeps the digits of ``lambda``, about
    ``x h / (R + h)``, instead of the rounding of ``90 deg - e`` in radians.

    Parameters
    ----------
    altitude_km : float or array_like
        Orbit altitude [km], in [100, 100 000] km.
    min_elevation_deg : float or array_like
        Elevation mask [deg], in [0, 90] (90 gives 0: no coverage).

    Returns
    -------
    numpy.ndarray
        Earth central angle ``lambda`` [deg], in [0, 90), of the broadcast
        shape of the inputs.

    Raises
    ------
    InputError
        An altitude or elevation outside its range, or arrays that do not
        broadcast together.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3.1, eqs. 8-21 to 8-24.
    """
    h = _alt(altitude_km)
    x = np.radians(90.0 - _elev(min_elevation_deg))  # the zenith angle of the mask
    eta = np.arcsin(EARTH_RADIUS_KM * np.sin(x) / (EARTH_RADIUS_KM + h))
    return np.degrees(x - eta)


@guarded("the coverage fractions")
def coverage_fraction(altitude_km: Any, min_elevation_deg: Any) -> np.ndarray:
    """Fraction of the Earth's surface that sees one satellite above the mask.

    The spherical cap ``(1 - cos lambda) / 2 = sin^2(lambda / 2)`` with ``lambda``
    from :func:`earth_central_angle_deg` (the second form, which does not cancel for
    a small ``lambda``, is computed); equally, the fraction of time a site sees a
    given satellite of a uniformly spread constellation.

    Parameters
    ----------
    altitude_km : float or array_like
        Orbit altitude [km], in [100, 100 000] km.
    min_elevation_deg : float or array_like
        Elevation mask [deg], in [0, 90] (90 gives 0).

    Returns
    -------
    numpy.ndarray
        Cap fraction, in [0, 0.5), of the broadcast shape of the inputs.

    Raises
    ------
    InputError
        An altitude or elevation outside its range, or arrays that do not
        broadcast together.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3.1, eq. 8-30 (cap area).
    """
    lam = np.radians(earth_central_angle_deg(altitude_km, min_elevation_deg))
    return np.sin(lam / 2.0) ** 2


@guarded("the mean satellites in view")
def mean_satellites_in_view(
    n_satellites: Any, altitude_km: Any, min_elevation_deg: Any
) -> np.ndarray:
    """Mean number of satellites above the elevation mask, ``N * cap fraction``.

    Parameters
    ----------
    n_satellites : float or array_like
        Satellites in the constellation, >= 1 (need not be whole: a mean).
    altitude_km : float or array_like
        Orbit altitude [km], in [100, 100 000] km.
    min_elevation_deg : float or array_like
        Elevation mask [deg], in [0, 90].

    Returns
    -------
    numpy.ndarray
        Mean satellites in view of a site, of the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A value outside its range, or arrays that do not broadcast together.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3.1 (cap fraction).
    """
    n = check_range("n_satellites", n_satellites, 1.0, None)
    return n * coverage_fraction(altitude_km, min_elevation_deg)


def _ring_phases(
    lam_rad: np.ndarray, inclination_deg: np.ndarray, latitude_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Arc of one orbital plane inside a site's coverage cap, over the Earth's rotation.

    The site (latitude ``phi``) turns under the plane (inclination ``i``): its angular
    distance ``delta`` from the plane obeys ``sin(delta) = A sin(psi) + B`` with
    ``A = sin(i) cos(phi)``, ``B = cos(i) sin(phi)`` and ``psi`` the site's longitude
    from the plane's node, uniform over a day (the node's own drift, one turn a
    year for a sun-synchronous orbit, does not change that distribution). Where
    ``|delta| < lambda`` (the cap's Earth central angle) the plane's arc inside the
    cap is ``2 alpha`` with ``cos(lambda) = cos(delta) cos(alpha)`` (spherical right
    triangle), so a share ``alpha / pi`` of the ring is in view. ``psi`` over
    [-pi/2, pi/2] covers every ``delta`` once, with the weight ``dpsi / pi``; the
    window where the ring is visible is mapped to ``theta`` in [0, pi] by
    ``psi = psi_lo + (psi_hi - psi_lo) (1 - cos theta) / 2`` (which smooths the
    window's square-root edges) and integrated with Gauss-Legendre nodes.

    Returns
    -------
    share : ndarray, shape (..., _RING_NODES)
        ``alpha / pi`` at each node: the share of the ring in view.
    weight : ndarray, shape (..., _RING_NODES)
        Quadrature weights of the time average (they add up to the fraction of
        the day in which the ring can be seen at all).

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3.1 (Earth central angle of the coverage
       circle); the arc of a great circle inside a spherical cap, e.g. Vallado
       (2013), sec. 11.3.
    """
    i = np.radians(inclination_deg)
    phi = np.radians(latitude_deg)
    a = np.sin(i) * np.cos(phi)
    b = np.cos(i) * np.sin(phi)
    sin_lam = np.sin(lam_rad)
    visible_all = np.abs(b) < sin_lam  # where a = 0: the site's distance never changes
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.where(a > 0, np.arcsin(np.clip((-sin_lam - b) / a, -1.0, 1.0)), -np.pi / 2)
        hi = np.where(a > 0, np.arcsin(np.clip((sin_lam - b) / a, -1.0, 1.0)), np.pi / 2)
    hi = np.where((a > 0) | visible_all, hi, lo)  # a = 0 outside the cap: never seen
    x, w = np.polynomial.legendre.leggauss(_RING_NODES)
    theta = 0.5 * np.pi * (x + 1.0)
    width = (hi - lo)[..., None]
    psi = lo[..., None] + width * 0.5 * (1.0 - np.cos(theta))
    weight = (0.5 * np.pi * w) * width * 0.5 * np.sin(theta) / np.pi
    sin_delta = a[..., None] * np.sin(psi) + b[..., None]
    cos_delta = np.sqrt(np.clip(1.0 - sin_delta**2, 0.0, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.cos(lam_rad)[..., None] / cos_delta
    share = np.where(ratio < 1.0, np.arccos(np.minimum(ratio, 1.0)), 0.0) / np.pi
    return share, weight


def _ring(
    altitude_km: Any, min_elevation_deg: Any, plane_inclination_deg: Any, site_latitude_deg: Any
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_ring_phases` of checked inputs: the cap's Earth central angle of
    ``altitude_km`` and ``min_elevation_deg``, the plane's inclination in [0, 180] deg
    and the site's latitude in [-90, 90] deg, broadcast together."""
    lam = np.radians(earth_central_angle_deg(altitude_km, min_elevation_deg))
    inc = check_range("plane_inclination_deg", plane_inclination_deg, 0.0, 180.0, unit="deg")
    lat = check_range("site_latitude_deg", site_latitude_deg, -90.0, 90.0, unit="deg")
    return _ring_phases(*np.broadcast_arrays(lam, inc, lat))


@guarded("the single-plane visibility")
def ring_in_view_fraction(
    altitude_km: Any, min_elevation_deg: Any, plane_inclination_deg: Any, site_latitude_deg: Any
) -> dict[str, np.ndarray]:
    """How much of one orbital plane a ground site sees, averaged over a day.

    A fleet in one plane (a sun-synchronous ring at one local time of the node)
    is a ring of satellites fixed in orientation while the Earth turns under it:
    a site sees part of the ring only while its angular distance ``delta`` from the
    plane is below the cap's Earth central angle ``lambda``
    (:func:`earth_central_angle_deg`), and then the share ``alpha / pi`` of the
    ring with ``cos(lambda) = cos(delta) cos(alpha)``. Averaged over the Earth's
    rotation (see :func:`_ring_phases`); satellites spread evenly along the ring.

    Parameters
    ----------
    altitude_km : float or array_like
        Orbit altitude [km], in [100, 100 000] km.
    min_elevation_deg : float or array_like
        Elevation mask [deg], in [0, 90].
    plane_inclination_deg : float or array_like
        Inclination of the plane [deg], in [0, 180] (97.9 deg for a 650 km
        sun-synchronous orbit).
    site_latitude_deg : float or array_like
        Geocentric latitude of the site [deg], in [-90, 90].

    Returns
    -------
    dict of numpy.ndarray
        ``time_visible`` (fraction of the day in which some of the ring is
        above the mask) and ``ring_in_view`` (time-mean share of the ring above
        the mask: times the satellites in the plane it is the time-mean number
        in view, which a uniformly spread fleet would have as
        :func:`coverage_fraction`), of the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A value outside its range, or arrays that do not broadcast together.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3.1 (Earth central angle of the coverage
       circle); Vallado (2013), sec. 11.3 (site-satellite geometry).
    """
    share, weight = _ring(altitude_km, min_elevation_deg, plane_inclination_deg, site_latitude_deg)
    return {
        "time_visible": np.sum(np.where(share > 0, weight, 0.0), axis=-1),
        "ring_in_view": np.sum(share * weight, axis=-1),
    }


@guarded("the traffic to Earth")
def traffic_to_earth_bps(
    flops_per_s: Any = 0.0,
    bits_per_flop: Any = 0.0,
    tokens_per_s: Any = 0.0,
    bits_per_token: Any = 0.0,
) -> np.ndarray:
    """Traffic a workload sends to Earth: ``F * b_F + T * b_T`` [bit/s].

    Parameters
    ----------
    flops_per_s, bits_per_flop : float or array_like
        Delivered compute [FLOP/s] and Earth-bound bits per FLOP (the
        spacedc-mdao workload catalog uses 1e-8 for LLM inference).
    tokens_per_s, bits_per_token : float or array_like
        Output tokens per second and bits per token on the wire (with
        protocol overhead).

    All four are >= 0.

    Returns
    -------
    numpy.ndarray
        Traffic to Earth [bit/s], of the broadcast shape of the inputs.

    Raises
    ------
    InputError
        A negative or non-numeric value, arrays that do not broadcast together,
        or a product above float64's range (1.8e308).

    References
    ----------
    .. [1] Hodge, J., spacedc-mdao (2025), ``models/network.py``: required
       downlink ``B_req = C_delivered * bits_per_FLOP`` and its workload catalog
       (``llm_inference`` 1e-8 bit/FLOP); the per-token term is the same product
       for output tokens.
    """
    return check_nonnegative("flops_per_s", flops_per_s) * check_nonnegative(
        "bits_per_flop", bits_per_flop
    ) + check_nonnegative("tokens_per_s", tokens_per_s) * check_nonnegative(
        "bits_per_token", bits_per_token
    )


def _poisson_window(
    terminals_per_site: np.ndarray, mean_in_view: np.ndarray, satellite_terminals: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Broadcast ``k, mu, s`` and the first and end index ``i0, i1`` of the sum in
    :func:`_expected_usable_terminals` (see there)."""
    k, mu, s = (
        np.asarray(a, dtype=float)
        for a in np.broadcast_arrays(terminals_per_site, mean_in_view, satellite_terminals)
    )
    spread = 40.0 * np.sqrt(mu)
    tail_end = np.ceil(mu + spread + 40.0) + 1.0
    above = np.ceil(k / s) > tail_end  # k / s beyond the upper tail: E = s mu
    i1 = np.where(above, 0.0, np.minimum(np.ceil(k / s), tail_end))
    i0 = np.minimum(np.maximum(np.floor(mu - spread), 0.0), i1)
    return k, mu, s, i0, i1, above


def _expected_usable_terminals(
    terminals_per_site: np.ndarray, mean_in_view: np.ndarray, satellite_terminals: np.ndarray
) -> np.ndarray:
    """E[min(k, s X)] for X ~ Poisson(mu) and whole k, s >= 1.

    ``sum_{j<k} P(s X > j)``, with ``P(s X > j) = P(X > floor(j / s))``, grouped
    by ``i = floor(j / s)``: ``sum_i min(s, k - i s)^+ P(X > i)``. The sum stops
    at ``i = ceil(k / s)``, or where the Poisson tail is below 1e-300 relative
    (``i > mu + 40 sqrt(mu) + 40``, ``tail_end``); where ``k / s`` lies beyond
    ``tail_end`` the result is ``s mu`` (``min(k, s X) = s X`` but for that
    tail). Below ``i0 = mu - 40 sqrt(mu)`` the tail ``P(X > i)`` is 1 in float64
    (the Chernoff bound ``P(X <= mu - t) <= exp(-t^2 / (2 mu))`` [1]_ gives less
    than 1e-347 for ``t >= 40 sqrt(mu)``), and those terms add up to
    ``min(k, i0 s)``. So at most about ``80 sqrt(mu) + 41`` terms are summed,
    and only where ``k / s`` is within 40 standard deviations of ``mu``;
    :func:`ground_sites_needed` refuses that for ``mu`` above
    ``_MAX_MEAN_IN_VIEW_SUMMED``.

    References
    ----------
    .. [1] Mitzenmacher, M. & Upfal, E., *Probability and Computing*, Cambridge
       University Press (2005), Theorem 5.4 (Chernoff bounds for the Poisson
       distribution).
    """
    k, mu, s, i0, i1, above = _poisson_window(terminals_per_site, mean_in_view, satellite_terminals)
    if k.size == 0:
        return np.zeros(k.shape)
    out = np.where(above, s * mu, np.minimum(k, i0 * s)).ravel()
    width = np.ravel(i1 - i0)
    k, mu, s, i0 = (a.ravel() for a in (k, mu, s, i0))
    n_terms = int(np.max(width))
    if n_terms == 0:
        return out.reshape(np.shape(i1))
    i = np.arange(n_terms, dtype=float)
    rows = max(1, 2_000_000 // n_terms)  # bound the memory of the (rows, terms) table
    for start in range(0, k.size, rows):
        sl = slice(start, start + rows)
        j = i0[sl, None] + i
        count = np.clip(k[sl, None] - j * s[sl, None], 0.0, s[sl, None])
        count[i >= width[sl, None]] = 0.0  # rows past their window (k / s above the tail)
        out[sl] += np.sum(count * _poisson_sf(j, mu[sl, None]), axis=-1)
    return out.reshape(np.shape(i1))


def _collapse(a: np.ndarray) -> np.ndarray:
    """``a``, or its first entry in an array of ``a``'s number of dimensions (all
    of length 1) where every entry equals it: a fleet, site design or geometry
    repeated over the samples of something else (e.g. the traffic) is computed
    once and broadcast back by the caller."""
    a = np.asarray(a)
    if a.size > 1 and np.all(a == a.flat[0]):
        return a.reshape(-1)[:1].reshape((1,) * a.ndim)
    return a


def _check_poisson_window(n_satellites: Any, k: np.ndarray, mu: np.ndarray, s: np.ndarray) -> None:
    """Refuse a fleet whose usable terminals need a Poisson sum at more than
    ``_MAX_MEAN_IN_VIEW_SUMMED`` satellites in view (see :func:`_poisson_window`)."""
    n = np.asarray(n_satellites, dtype=float)
    n, k, mu, s = np.broadcast_arrays(n, k, mu, s)
    if n.size == 0:
        return
    *_, i0, i1, _above = _poisson_window(k, mu, s)
    bad = (i1 > i0) & (mu > _MAX_MEAN_IN_VIEW_SUMMED)
    if np.any(bad):
        j = np.unravel_index(np.argmax(bad), bad.shape)
        raise InputError(
            f"n_satellites={n[j]:g}: {mu[j]:.3g} satellites in view of a site with "
            f"terminals_per_site={k[j]:g} and satellite_terminals={s[j]:g}, within 40 "
            "standard deviations of the number in view, is beyond what is computed here "
            f"(the Poisson tails lose accuracy above {_MAX_MEAN_IN_VIEW_SUMMED:g} in view); "
            "give fewer satellites, or a terminal count far from the number in view"
        )


@guarded("the ground site counts")
def ground_sites_needed(
    traffic_bps: Any,
    n_satellites: Any,
    altitude_km: Any,
    link_rate_bps: Any,
    *,
    min_elevation_deg: Any = 20.0,
    terminals_per_site: Any = 1,
    satellite_terminals: Any = 1,
    site_availability: Any = 1.0,
    target_availability: Any = 0.99,
    plane_inclination_deg: Any = None,
    site_latitude_deg: Any = None,
    site_weather_correlation: Any = 0.0,
) -> dict[str, np.ndarray]:
    """Ground sites and terminals needed to carry a workload's traffic to Earth.

    Each ground terminal (a telescope or dish) links to one satellite terminal
    at ``link_rate_bps``; a crosslink mesh brings any satellite's traffic to a
    satellite in view. At a site the number of satellites in view is Poisson
    with mean ``N * cap fraction`` (uniform constellation), so the usable
    terminals are ``E[min(k, s X)]`` (``k`` terminals per site, ``s`` downlink
    terminals per satellite). With ``plane_inclination_deg`` and
    ``site_latitude_deg`` the fleet is one ring in that plane instead: the mean
    in view changes over the day (:func:`ring_in_view_fraction`), ``X`` is
    Poisson with the mean of each moment, and a site's usable terminals are the
    time average of ``E[min(k, s X)]`` (the sites are taken to be spread in
    longitude, so that at any moment about that many of them are usable). Each
    site is up (clear sky / within the rain
    margin) with probability ``site_availability``, by default independently of
    the others. The answer is the smallest number of sites ``n`` with
    ``P(Binomial(n, a) >= m) >= target_availability`` where ``m`` sites must
    be up to carry the traffic; ``sites_needed_mean`` is the mean-capacity
    count ``traffic / (a * site capacity)``.

    Correlated weather (``site_weather_correlation`` ``rho > 0``): the sites are
    exchangeable and any two sites' up/down states have correlation ``rho``, as
    when one chance of clear sky ``p ~ Beta(alpha, beta)``, ``alpha = a (1 / rho -
    1)``, ``beta = (1 - a) (1 / rho - 1)``, holds for all of them at a time: the
    sites up ``K_n`` are Beta-binomial [2]_ [3]_, with mean ``n a`` and variance
    ``n a (1 - a) (1 + (n - 1) rho)``, and ``n`` is the smallest with ``P(K_n >= m)
    >= target_availability``. More sites no longer average the weather away:
    ``K_n / n`` tends to ``p``, not to ``a``, and ``P(K_n < m)`` falls only like
    ``n^-alpha``. For many sites up the count tends to ``m / q``, ``q`` the
    ``1 - target`` quantile of ``Beta(alpha, beta)``, instead of about ``m / a``;
    a high target with a strong correlation may need more than :data:`MAX_SITES`
    (``"target_unreachable"``), and as ``rho`` tends to 1 (one sky over every
    site) ``P(K_n >= m)`` tends to ``a`` for any ``n >= m``. Sites needed at
    ``a = 0.68`` and a 0.99 target:

    ================  ===========  ==========  ==========  ==========
    sites up ``m``    ``rho = 0``  0.01        0.02        0.05
    ================  ===========  ==========  ==========  ==========
    10                22           23          24          28
    25                48           51          54          65
    100               168          185         200         244
    1000              1,533        1,773       1,938       2,395
    ================  ===========  ==========  ==========  ==========

    (for 1000 up, ``m / q`` is 1,764, 1,931 and 2,390 at ``rho`` = 0.01, 0.02 and
    0.05). With ``m = 25``: 86 sites at ``rho = 0.1``, 162 at 0.2, 5,550 at 0.5,
    and at 0.9 not even 1e6 sites reach 0.99 (they give 0.856); a 0.9999 target
    needs 56 sites independent, 104 at ``rho = 0.05`` and 896 at 0.2. del Portillo
    et al. [1]_ warn that correlated cloud cover can undo site diversity for low
    orbits; an 8-station Australasian network reported 69 % mean site availability
    and "low spatial cloud cover correlations". No value of ``rho`` is sourced
    here: 0 stays the default.

    Parameters
    ----------
    traffic_bps : float or array_like
        Traffic to Earth [bit/s], >= 0 (see :func:`traffic_to_earth_bps`).
    n_satellites : float or array_like
        Satellites in the constellation, >= 1.
    altitude_km : float or array_like
        Orbit altitude [km], in [100, 100 000] km.
    link_rate_bps : float or array_like
        Rate of one ground-terminal link [bit/s], >= 0 (e.g. from
        :func:`orbitcompute.links.optical_link` or ``rf_link`` at the slant
        range of ``min_elevation_deg``). Zero (a link that does not close)
        gives ``feasible=False``, ``binding="no_link"`` where there is traffic.
    min_elevation_deg : float or array_like
        Elevation mask [deg], in [0, 90): no satellite is ever above a 90 deg
        mask (a cap of zero area), so 90 is rejected rather than sized.
    terminals_per_site : int or array_like
        Ground terminals per site, a whole number >= 1 (any size: the work is
        bounded by the spread of the satellites in view, not by it; a site
        with more than 2e4 satellites in view and ``terminals_per_site /
        satellite_terminals`` within 40 standard deviations of them is
        refused).
    satellite_terminals : int or array_like
        Downlink terminals per satellite, a whole number >= 1.
    site_availability : float or array_like
        Probability a site is up, in (0, 1] (cloud-free probability for
        optical, :func:`orbitcompute.atmosphere.rf_availability` for RF).
    target_availability : float or array_like
        Required probability that enough sites are up, in (0, 1).
    plane_inclination_deg, site_latitude_deg : float or array_like, optional
        Both or neither [deg]: the inclination of the one plane the whole fleet
        flies in, in [0, 180], and the sites' latitude, in [-90, 90]. ``None``
        (default): the fleet is spread evenly over the sphere.
    site_weather_correlation : float or array_like
        Correlation ``rho`` of any two sites' up/down states (the intra-class
        correlation of the Beta-binomial), in [0, 1): 0 (default) is the
        independent binomial model, with the same numbers and speed as without
        it; rows with ``rho`` below about 1e-29 (both Beta parameters above
        1e29) are computed as independent, which they equal to float64 rounding.
        For equal availabilities it is the pairwise correlation that
        ``correlation`` of :func:`orbitcompute.atmosphere.site_diversity_availability`
        also gives, but not the same joint law: that one mixes independent with
        fully shared weather (the same for two sites; one of five sites up at
        ``a = 0.68``, ``rho = 0.1``: 0.9857 here, 0.9650 there, 0.9966
        independent).

    Returns
    -------
    dict of numpy.ndarray
        ``traffic_bps``, ``satellites_in_view_per_site`` (time-mean, in one
        plane),
        ``usable_terminals_per_site``, ``site_capacity_bps`` (when up),
        ``sites_up_needed``, ``sites_needed_mean``, ``sites_needed``,
        ``terminals_needed``, ``availability_achieved``, ``feasible``,
        ``binding`` (why: ``"ok"``, ``"no_link"``, ``"none_in_view"``,
        ``"no_traffic"`` or ``"target_unreachable"``). Where there is traffic
        but a site carries nothing, no number of sites carries it (``feasible``
        False, the counts ``inf``, ``availability_achieved`` 0): ``"no_link"``
        where the link rate is 0 (or so small that the site's capacity, rate
        times usable terminals, is 0 in float64), ``"none_in_view"`` where the
        rate is positive but no satellite is ever in view of a site
        (``satellites_in_view_per_site`` 0).
        ``"target_unreachable"`` (``feasible`` False) where more than
        :data:`MAX_SITES` (1e6) sites would be needed, e.g. for a tiny
        ``site_availability`` or link rate: ``sites_needed`` is then 1e6 and
        ``availability_achieved`` what 1e6 sites achieve (0 when more than 1e6
        must be up); ``sites_up_needed`` and ``sites_needed_mean`` keep their
        values, ``inf`` where they exceed float64. Nothing is NaN. The search
        takes milliseconds, at most about a second for a target far below
        0.5 and some 1e5 sites up. With ``rho > 0`` it sums Beta-binomial
        terms for each distinct ``(m, a, target, rho)``: some ``m`` to ``2 m``
        for a target above 0.5 (about 10 us a row for 25 to 75 sites up, 30 us
        for 250, when every row of a sample differs), ``n - m`` up to 0.5; the
        probabilities to about 1e-11 relative (the log of the first term and
        the running sum of the term ratios carry their rounding), except an
        unreachable target's ``1 - P(K < m)`` where that is above 1e-3 (1e-16
        absolute).

    Raises
    ------
    InputError
        Naming the argument: negative traffic or rate, fractional or < 1
        terminal counts, availabilities outside their ranges, a weather
        correlation outside [0, 1), a mask outside
        [0, 90) deg, an altitude outside [100, 100 000] km, arrays that do not
        broadcast together, too many satellites in view for the terminal
        count (see ``terminals_per_site``), or ``terminals_needed`` above
        float64's range.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3 (coverage); binomial site count: e.g.
       del Portillo et al., "Optimal location of optical ground stations to
       serve LEO spacecraft", IEEE Aerospace Conf. (2017).
    .. [2] Skellam, J. G., "A probability distribution derived from the binomial
       distribution by regarding the probability of success as variable between
       the sets of trials", J. R. Stat. Soc. B 10, 257-261 (1948).
    .. [3] Johnson, N. L., Kemp, A. W., Kotz, S., "Univariate Discrete
       Distributions", 3rd ed., Wiley (2005), sec. 6.7.2 (the beta-binomial and its
       intra-class correlation ``1 / (alpha + beta + 1)``).
    """
    t = check_nonnegative("traffic_bps", traffic_bps, "bit/s")
    rate = check_nonnegative("link_rate_bps", link_rate_bps, "bit/s")
    k = check_count("terminals_per_site", terminals_per_site, 1.0)
    s = check_count("satellite_terminals", satellite_terminals, 1.0)
    elev = _elev(min_elevation_deg)
    if np.any(elev >= 90.0):
        raise InputError(
            "min_elevation_deg=90: must be in [0, 90) deg (no satellite is ever above a "
            "90 deg mask, so no number of sites would do)"
        )
    a = check_fraction("site_availability", site_availability)
    target = check_range(
        "target_availability",
        target_availability,
        0.0,
        1.0,
        low_inclusive=False,
        high_inclusive=False,
    )
    rho = check_range(
        "site_weather_correlation", site_weather_correlation, 0.0, 1.0, high_inclusive=False
    )
    if (plane_inclination_deg is None) != (site_latitude_deg is None):
        given = "plane_inclination_deg" if site_latitude_deg is None else "site_latitude_deg"
        other = "site_latitude_deg" if site_latitude_deg is None else "plane_inclination_deg"
        raise InputError(
            f"{given} given without {other}: the single-plane model needs both (neither: "
            "a fleet spread evenly over the sphere)"
        )
    # a fleet, site design or geometry repeated over many samples (of the traffic,
    # say) is summed once (_collapse) and broadcast back to the samples' shape
    k1, s1 = _collapse(k), _collapse(s)
    if plane_inclination_deg is None:
        mu = mean_satellites_in_view(n_satellites, altitude_km, elev)
        mu1 = _collapse(mu)
        _check_poisson_window(_collapse(n_satellites), k1, mu1, s1)
        usable = _expected_usable_terminals(k1, mu1, s1)
    else:
        n = check_range("n_satellites", n_satellites, 1.0, None)
        share, weight = _ring(altitude_km, elev, plane_inclination_deg, site_latitude_deg)
        mu = n * np.sum(share * weight, axis=-1)
        n1 = _collapse(n)[..., None]
        mu1 = _collapse(n1 * share)  # satellites in view at each node of the day
        _check_poisson_window(n1, k1[..., None], mu1, s1[..., None])
        usable = np.sum(
            weight * _expected_usable_terminals(k1[..., None], mu1, s1[..., None]), axis=-1
        )
    usable = np.broadcast_to(usable, np.broadcast_shapes(usable.shape, k.shape, mu.shape, s.shape))
    cap = rate * usable
    shape = np.broadcast_shapes(t.shape, cap.shape, a.shape, target.shape, rho.shape)
    t, cap, a, target, k = (np.broadcast_to(x, shape) for x in (t, cap, a, target, k))
    linked = (cap > 0) | (t == 0)
    safe_cap = np.where(cap > 0, cap, 1.0)
    with np.errstate(over="ignore"):  # a tiny capacity: inf, more than MAX_SITES
        m = np.where(t > 0, ceil_count(t / safe_cap), 0.0)  # no flip on an ulp of noise
        mean_sites = t / (safe_cap * a)
    if np.any(rho > 0):
        n_sites, found, achieved = _min_sites_correlated(m, a, target, rho)
    else:
        n_sites, found, achieved = _min_sites(m, a, target)
    reached = found | (m == 0)  # False only past MAX_SITES (see _min_sites)
    feasible = linked & reached
    # no capacity: the link (rate 0 or rate x terminals below float64), or nothing in view
    none_in_view = ~linked & (rate > 0) & (usable <= 0)
    binding = first_label(
        [none_in_view, ~linked, ~reached, t == 0],
        ["none_in_view", "no_link", "target_unreachable", "no_traffic"],
        "ok",
        shape=shape,
    )
    inf = np.inf  # no link: no finite number of sites carries the traffic
    return {
        "traffic_bps": t,
        "satellites_in_view_per_site": np.broadcast_to(mu, shape),
        "usable_terminals_per_site": np.broadcast_to(usable, shape),
        "site_capacity_bps": cap,
        "sites_up_needed": np.where(linked, m, inf),
        "sites_needed_mean": np.where(linked, mean_sites, inf),
        "sites_needed": np.where(linked, n_sites, inf),
        "terminals_needed": np.where(linked, n_sites * k, inf),
        "availability_achieved": np.where(linked, achieved, 0.0),
        "feasible": feasible,
        "binding": binding,
    }


@guarded("the latencies")
def one_way_latency_s(
    altitude_km: Any,
    elevation_deg: Any = 90.0,
    *,
    isl_distance_km: Any = 0.0,
    n_hops: Any = 0,
    per_hop_delay_s: Any = 0.0,
    terrestrial_km: Any = 0.0,
    fiber_group_index: Any = FIBER_GROUP_INDEX,
) -> dict[str, np.ndarray]:
    """One-way latency from a satellite to a user through a ground site.

    ``slant range / c + ISL distance / c + terrestrial fibre km / (c / n) +
    n_hops * per-hop delay`` (queueing and switching per hop).

    Parameters
    ----------
    altitude_km, elevation_deg : float or array_like
        Orbit altitude [km], in [100, 100 000], and the elevation of the
        satellite at the ground site [deg], in [0, 90] (90: overhead).
    isl_distance_km : float or array_like
        Total crosslink path length to the satellite above the site [km].
    n_hops : int or array_like
        Number of store-and-forward hops (crosslinks, downlink, gateway), a
        whole number >= 0.
    per_hop_delay_s : float or array_like
        Processing delay per hop [s].
    terrestrial_km : float or array_like
        Fibre distance from the ground site to the user [km].
    fiber_group_index : float or array_like
        Group index of the fibre, >= 1 (1.468 for G.652 at 1550 nm).

    Returns
    -------
    dict of numpy.ndarray
        ``space_to_ground_s``, ``crosslink_s``, ``terrestrial_s``,
        ``processing_s``, ``latency_s``.

    References
    ----------
    .. [1] Wertz et al. (2011), sec. 8.3 (slant range); ITU-T G.652 (fibre).
    """
    c = SPEED_OF_LIGHT_M_PER_S
    down = slant_range_m(altitude_km, elevation_deg) / c
    isl = check_nonnegative("isl_distance_km", isl_distance_km, "km") * 1e3 / c
    n_idx = check_range("fiber_group_index", fiber_group_index, 1.0, None)
    terr = check_nonnegative("terrestrial_km", terrestrial_km, "km") * 1e3 * n_idx / c
    proc = check_count("n_hops", n_hops, 0.0) * check_nonnegative(
        "per_hop_delay_s", per_hop_delay_s, "s"
    )
    shape = np.broadcast_shapes(down.shape, isl.shape, terr.shape, proc.shape)
    parts = {
        "space_to_ground_s": down,
        "crosslink_s": isl,
        "terrestrial_s": terr,
        "processing_s": proc,
    }
    out = {k: np.broadcast_to(v, shape) for k, v in parts.items()}
    out["latency_s"] = down + isl + terr + proc
    return out
