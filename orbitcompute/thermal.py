"""Thermal: radiators and the heat path from chip to space.

Every watt a chip dissipates in orbit leaves through a radiator. This module
sizes that radiator: the net flux a panel rejects per square metre in its
orbital environment (emission minus absorbed sunlight, albedo and Earth
infrared), the Earth view factor of a flat plate at any tilt, the heat path from
the chip junction through the cold plate and coolant to the radiator surface,
the pump power, and an optional heat pump that raises the radiator temperature
at the cost of electrical power.

The low-level functions work on plain numbers and numpy arrays; only
:func:`size_thermal_system` reads the catalogs (``data/radiators.csv``,
``data/coatings.csv``, ``data/coolants.csv``) and the orbit module.

Conventions
-----------
- Fluxes are per square metre of radiator *planform* (one panel of area A with
  one or two radiating faces), so a two-sided panel at temperature T emits
  ``2 * epsilon * sigma * T**4`` per m2 of planform.
- ``earth_view_factor`` arguments are the *sum over the radiating faces* of the
  plate-to-Earth view factors, matching the planform convention.
- A radiator that cannot reject heat (net flux <= 0) is not an error in the
  vectorized sizing: it is reported with ``feasible=False`` and a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    as_float_array,
    check_choice,
    check_nonnegative,
    check_positive,
    check_range,
    did_you_mean,
    first_where,
    guarded,
    short_repr,
)
from orbitcompute.constants import (
    DEEP_SPACE_K,
    EARTH_ALBEDO,
    EARTH_IR_W_PER_M2,
    EARTH_RADIUS_KM,
    SOLAR_CONSTANT_W_PER_M2,
    STEFAN_BOLTZMANN_W_PER_M2_K4,
)
from orbitcompute.errors import InputError
from orbitcompute.power import MAX_ALTITUDE_KM

__all__ = [
    "HEAT_PUMP_DEFAULTS",
    "absorbed_flux_w_per_m2",
    "albedo_factor",
    "coating_properties",
    "earth_view_factor",
    "earth_view_factor_edge_on",
    "earth_view_factor_nadir",
    "earth_view_factor_two_sided",
    "emitted_flux_w_per_m2",
    "fin_efficiency",
    "heat_pump_work_w",
    "loop_mean_net_flux_w_per_m2",
    "pump_power_fraction",
    "radiator_net_flux_w_per_m2",
    "size_thermal_system",
]

ArrayLike = float | np.ndarray

_SIGMA = STEFAN_BOLTZMANN_W_PER_M2_K4

#: The two environment cases of :func:`albedo_factor` and :func:`size_thermal_system`.
_CASES = ("orbit_average", "hot")

#: Defaults of the heat-pump option of :func:`size_thermal_system` (all estimates:
#: no sourced flight value exists for a data-centre-scale space heat pump).
#: ``carnot_fraction``: second-law efficiency of a vapour-compression cycle;
#: ``mass_kg_per_w``: heat-pump equipment mass per watt of compressor work;
#: ``array_specific_power_w_per_kg``: solar array that supplies the work (ISS iROSA,
#: 20 kW / 340 kg = 58.8 W/kg); ``max_lift_k``: largest radiator-above-coolant lift
#: searched (Edwards & Richards find optima 50-80 K above the load temperature).
HEAT_PUMP_DEFAULTS: dict[str, float] = {
    "carnot_fraction": 0.4,
    "mass_kg_per_w": 0.01,
    "array_specific_power_w_per_kg": 58.8,
    "max_lift_k": 120.0,
}


# --------------------------------------------------------------------------- checks


def _check_optical(name: str, value: Any) -> np.ndarray:
    """Emissivity / absorptivity must be in (0, 1]."""
    return check_range(name, value, 0.0, 1.0, low_inclusive=False)


def _check_temperature(name: str, value: Any) -> np.ndarray:
    return check_positive(name, value, "K")


def _check_sides(value: Any) -> np.ndarray:
    arr = as_float_array("sides", value)
    if not np.all(np.isin(arr, (1.0, 2.0))):
        bad = arr[~np.isin(arr, (1.0, 2.0))].ravel()[0]
        raise InputError(f"sides={bad:g}: must be 1 or 2 (radiating faces of the panel)")
    return arr


# --------------------------------------------------------------------- view factors


def _height_ratio(altitude_km: ArrayLike) -> np.ndarray:
    """``H = (R + h) / R`` for an altitude in (0, MAX_ALTITUDE_KM] km.

    The bound is :data:`orbitcompute.power.MAX_ALTITUDE_KM` (400,000 km, beyond the
    Moon): the same Earth-orbit geometry, and ``H**2`` stays far from float overflow.
    """
    h = check_range(
        "altitude_km", altitude_km, 0.0, MAX_ALTITUDE_KM, low_inclusive=False, unit="km"
    )
    return (EARTH_RADIUS_KM + h) / EARTH_RADIUS_KM


@guarded("the view-factor terms")
def earth_view_factor_nadir(altitude_km: ArrayLike) -> np.ndarray:
    """View factor from a flat plate facing straight down (nadir) to a spherical Earth.

    ``F = (R / (R + h))**2 = sin(theta_E)**2`` with ``theta_E`` the Earth's angular
    radius seen from the plate.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude above the (spherical, equatorial-radius) Earth [km], in
        (0, 400,000] (``power.MAX_ALTITUDE_KM``).

    Returns
    -------
    numpy.ndarray
        View factor [-].

    References
    ----------
    .. [1] J. R. Howell, "A Catalog of Radiation Heat Transfer Configuration
       Factors", differential planar element to sphere, plane normal through the
       sphere centre (thermalradiation.net, section B).
    .. [2] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       Aerospace Press / AIAA, 2002, ch. 2 (planetary view factors).
    """
    H = _height_ratio(altitude_km)
    return 1.0 / H**2


@guarded("the view-factor terms")
def earth_view_factor_edge_on(altitude_km: ArrayLike) -> np.ndarray:
    """View factor from a flat plate whose normal is horizontal (edge-on to Earth).

    ``F = (1/pi) * [atan(1/sqrt(H**2 - 1)) - sqrt(H**2 - 1) / H**2]`` with
    ``H = (R + h) / R``. At 550 km this is 0.258: a horizontal-normal face still
    sees a quarter of a hemisphere of Earth, not zero.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], in (0, 400,000] (``power.MAX_ALTITUDE_KM``).

    Returns
    -------
    numpy.ndarray
        View factor [-].

    References
    ----------
    .. [1] J. R. Howell, "A Catalog of Radiation Heat Transfer Configuration
       Factors", differential planar element to sphere, plane tilted 90 degrees.
    """
    H = _height_ratio(altitude_km)
    X = np.sqrt(H**2 - 1.0)
    # atan(1/X) as atan2(1, X): X is 0 when the altitude is below float resolution
    # (H rounds to 1), where the limit is pi/2 and F = 1/2
    return (np.arctan2(1.0, X) - X / H**2) / np.pi


@guarded("the view-factor terms")
def earth_view_factor(altitude_km: ArrayLike, tilt_deg: ArrayLike = 0.0) -> np.ndarray:
    """View factor from one face of a flat plate at altitude to a spherical Earth.

    Closed form for a differential plane element and a sphere, for any tilt of the
    face normal from nadir. With ``H = (R + h)/R``, ``X = sqrt(H**2 - 1)`` and
    ``phi`` the tilt:

    - ``phi <= acos(1/H)`` (the whole Earth disk is above the face's horizon):
      ``F = cos(phi) / H**2``;
    - ``acos(1/H) < phi < pi - acos(1/H)`` (Earth partly below the horizon):
      ``F = 1/2 - asin(X / (H sin phi)) / pi
      + [cos(phi) acos(-X cot(phi)) - X sqrt(1 - H**2 cos(phi)**2)] / (pi H**2)``;
    - ``phi >= pi - acos(1/H)``: ``F = 0``.

    It reduces to :func:`earth_view_factor_nadir` at 0 and to
    :func:`earth_view_factor_edge_on` at 90 degrees, and agrees with direct
    numerical integration over the Earth's disk to better than 1e-4 (see the
    tests). The common shortcut ``F_nadir * cos(tilt)`` is exact only in the first
    regime; at 550 km it is 42 % low at 75 degrees and gives 0 instead of 0.258
    edge-on.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], in (0, 400,000] (``power.MAX_ALTITUDE_KM``).
    tilt_deg : float or array_like
        Angle between the face's outward normal and nadir [deg], in [0, 180]:
        0 faces the Earth, 90 is horizontal, 180 faces zenith.

    Returns
    -------
    numpy.ndarray
        View factor [-], broadcast shape of the inputs.

    References
    ----------
    .. [1] J. R. Howell, "A Catalog of Radiation Heat Transfer Configuration
       Factors", differential planar element to sphere with the element tilted
       relative to the line to the sphere centre (thermalradiation.net, section B);
       also in J. R. Howell, M. P. Menguc, K. Daun, R. Siegel, Thermal Radiation
       Heat Transfer, 7th ed., CRC Press, 2020, appendix C.
    .. [2] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 2.
    """
    H = _height_ratio(altitude_km)
    tilt = check_range("tilt_deg", tilt_deg, 0.0, 180.0, unit="deg")
    H, phi = np.broadcast_arrays(H, np.radians(tilt))
    cosp, sinp = np.cos(phi), np.sin(phi)
    X = np.sqrt(H**2 - 1.0)
    limit = np.arccos(1.0 / H)
    full = phi <= limit
    none = phi >= np.pi - limit
    partial = ~full & ~none
    F = np.where(full, cosp / H**2, 0.0)
    if np.any(partial):
        Hp, Xp, cp, sp = H[partial], X[partial], cosp[partial], sinp[partial]
        # arguments are within [-1, 1] analytically; clip only float round-off
        a1 = np.arcsin(np.clip(Xp / (Hp * sp), -1.0, 1.0))
        a2 = np.arccos(np.clip(-Xp * cp / sp, -1.0, 1.0))
        root = np.sqrt(np.clip(1.0 - Hp**2 * cp**2, 0.0, None))
        F = np.array(F, dtype=float)
        F[partial] = 0.5 - a1 / np.pi + (cp * a2 - Xp * root) / (np.pi * Hp**2)
    return np.asarray(F, dtype=float)


# Undecorated (``__wrapped__``) for the calls inside this module: an overflow or a
# broadcasting failure is reported once, by the public function the user called,
# under that function's argument names (and the guard's cost is paid once).
# The alias also frees the name: size_thermal_system has an argument earth_view_factor.
_one_face_view_factor = earth_view_factor.__wrapped__


@guarded("the view-factor terms")
def earth_view_factor_two_sided(altitude_km: ArrayLike, tilt_deg: ArrayLike = 90.0) -> np.ndarray:
    """Sum of the Earth view factors of both faces of a thin plate.

    Face A's normal is tilted ``tilt_deg`` from nadir, face B's ``180 - tilt_deg``.
    The default (90 degrees, both normals horizontal) is the smallest sum, e.g.
    0.516 at 550 km against 0.847 for a plate lying flat.

    Parameters
    ----------
    altitude_km : float or array_like
        Altitude [km], in (0, 400,000] (``power.MAX_ALTITUDE_KM``).
    tilt_deg : float or array_like
        Tilt of face A's normal from nadir [deg], in [0, 180].

    Returns
    -------
    numpy.ndarray
        ``F(tilt) + F(180 - tilt)`` [-].

    References
    ----------
    .. [1] J. R. Howell, "A Catalog of Radiation Heat Transfer Configuration
       Factors", section B (differential planar element to sphere).
    """
    tilt = check_range("tilt_deg", tilt_deg, 0.0, 180.0, unit="deg")
    return _one_face_view_factor(altitude_km, tilt) + _one_face_view_factor(
        altitude_km, 180.0 - tilt
    )


@guarded("the albedo factors")
def albedo_factor(beta_deg: ArrayLike, case: str = "orbit_average") -> np.ndarray:
    """Geometry factor of the Earth-reflected sunlight seen by a radiator.

    The albedo flux on a plate is approximated as ``albedo * S * F * K`` with
    ``K`` the cosine of the solar zenith angle at the sub-satellite point,
    ``K = cos(beta) cos(nu)`` on the day side of a circular orbit (``nu`` the
    orbit angle from orbit noon). Its orbit average is ``|cos beta| / pi``
    (night side contributes nothing, so eclipse does not change it); its peak,
    at orbit noon, is ``|cos beta|``.

    Parameters
    ----------
    beta_deg : float or array_like
        Solar beta angle [deg], in [-90, 90].
    case : {"orbit_average", "hot"}
        Orbit average, or the peak value for a hot-case design.

    Returns
    -------
    numpy.ndarray
        Albedo geometry factor K [-], in [0, 1].

    References
    ----------
    .. [1] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 2 (albedo loads fall off with the cosine of the solar zenith angle).
    """
    case = check_choice("case", case, _CASES)
    beta = check_range("beta_deg", beta_deg, -90.0, 90.0, unit="deg")
    k = np.abs(np.cos(np.radians(beta)))
    return k / np.pi if case == "orbit_average" else k


# ------------------------------------------------------------------------- fluxes


def _emitted(
    T: np.ndarray, eps: np.ndarray, n: np.ndarray, Ts: np.ndarray, eta: np.ndarray
) -> np.ndarray:
    """``n eta eps sigma (T^4 - Ts^4)`` of checked inputs (see emitted_flux_w_per_m2)."""
    return n * eta * eps * _SIGMA * (T**4 - Ts**4)


def _check_fin_efficiency(value: Any) -> np.ndarray:
    return check_range("fin_efficiency", value, 0.0, 1.0, low_inclusive=False)


@guarded("the emitted flux terms")
def emitted_flux_w_per_m2(
    temperature_k: ArrayLike,
    emissivity: ArrayLike,
    *,
    sides: ArrayLike = 2,
    sink_temperature_k: ArrayLike = DEEP_SPACE_K,
    fin_efficiency: ArrayLike = 1.0,
) -> np.ndarray:
    """Infrared power a radiator emits to deep space per m2 of planform.

    ``q = sides * eta_fin * epsilon * sigma * (T**4 - T_sink**4)``.

    Parameters
    ----------
    temperature_k : float or array_like
        Radiator (fin root) temperature [K], > 0.
    emissivity : float or array_like
        Hemispherical infrared emittance [-], in (0, 1].
    sides : 1 or 2, or array_like
        Radiating faces of the panel.
    sink_temperature_k : float or array_like
        Deep-space sink temperature [K], > 0 (default the CMB, 2.725 K).
    fin_efficiency : float or array_like
        Fin efficiency [-], in (0, 1] (see :func:`fin_efficiency`).

    Returns
    -------
    numpy.ndarray
        Emitted flux [W/m2]; negative where ``temperature_k`` is below
        ``sink_temperature_k`` (the panel then gains heat from the sink; not an error,
        :func:`size_thermal_system` reports such a radiator infeasible).

    References
    ----------
    .. [1] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 6 "Radiators".
    """
    T = _check_temperature("temperature_k", temperature_k)
    eps = _check_optical("emissivity", emissivity)
    n = _check_sides(sides)
    Ts = _check_temperature("sink_temperature_k", sink_temperature_k)
    eta = _check_fin_efficiency(fin_efficiency)
    return _emitted(T, eps, n, Ts, eta)


@guarded("the absorbed flux terms")
def absorbed_flux_w_per_m2(
    absorptivity: ArrayLike,
    emissivity: ArrayLike,
    *,
    earth_view_factor: ArrayLike,
    solar_cos_incidence: ArrayLike = 0.0,
    sunlit_fraction: ArrayLike = 1.0,
    albedo_factor: ArrayLike = 1.0,
    solar_flux_w_per_m2: ArrayLike = SOLAR_CONSTANT_W_PER_M2,
    albedo: ArrayLike = EARTH_ALBEDO,
    earth_ir_w_per_m2: ArrayLike = EARTH_IR_W_PER_M2,
    earth_ir_absorptivity: ArrayLike | None = None,
) -> np.ndarray:
    """Environmental heat a radiator absorbs per m2 of planform.

    ``q = alpha S c f_sun + alpha a S F K + alpha_IR q_IR F``

    with ``c`` the cosine of the Sun's incidence on the sunlit face, ``f_sun`` the
    sunlit fraction, ``F`` the plate-to-Earth view factor summed over the faces,
    ``K`` the albedo geometry factor (:func:`albedo_factor`) and ``alpha_IR`` the
    infrared absorptance, which by Kirchhoff's law equals the infrared emittance
    for a grey surface (Earth's emission and the radiator's both peak near
    10 um). Pass ``earth_ir_absorptivity=absorptivity`` only to reproduce
    published simplified formulas that apply the *solar* absorptance to Earth IR
    (e.g. the Starcloud white paper); for a white radiator (alpha 0.1,
    epsilon 0.9) that underestimates the absorbed Earth IR about ninefold.

    Parameters
    ----------
    absorptivity : float or array_like
        Solar absorptance [-], in (0, 1].
    emissivity : float or array_like
        Infrared emittance [-], in (0, 1].
    earth_view_factor : float or array_like
        Sum over the radiating faces of the plate-to-Earth view factors [-], in
        [0, 2].
    solar_cos_incidence : float or array_like
        Cosine of the angle between the Sun and the sunlit face's normal, in
        [0, 1]; 0 for a panel held edge-on to the Sun.
    sunlit_fraction : float or array_like
        Fraction of the time in sunlight, in [0, 1] (orbit average) or 1 (hot case).
    albedo_factor : float or array_like
        Albedo geometry factor K [-], in [0, 1].
    solar_flux_w_per_m2, albedo, earth_ir_w_per_m2 : float or array_like
        Solar irradiance [W/m2], Earth's albedo [-] and outgoing long-wave flux
        [W/m2]. Defaults 1361 W/m2, 0.30 and 237 W/m2.
    earth_ir_absorptivity : float or array_like, optional
        Infrared absorptance; default ``emissivity``.

    Returns
    -------
    numpy.ndarray
        Absorbed flux [W/m2], broadcast shape of all the inputs (``emissivity``
        included when ``earth_ir_absorptivity`` replaces it).

    References
    ----------
    .. [1] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 2 (environment: solar, albedo, Earth IR) and ch. 6 (radiators).
    .. [2] P. Fortescue, G. Swinerd, J. Stark, Spacecraft Systems Engineering,
       4th ed., Wiley, 2011, ch. 11 (thermal balance of a surface).
    """
    a = _check_optical("absorptivity", absorptivity)
    eps = _check_optical("emissivity", emissivity)
    a_ir = (
        eps
        if earth_ir_absorptivity is None
        else _check_optical("earth_ir_absorptivity", earth_ir_absorptivity)
    )
    F = check_range("earth_view_factor", earth_view_factor, 0.0, 2.0)
    c = check_range("solar_cos_incidence", solar_cos_incidence, 0.0, 1.0)
    f_sun = check_range("sunlit_fraction", sunlit_fraction, 0.0, 1.0)
    K = check_range("albedo_factor", albedo_factor, 0.0, 1.0)
    S = check_nonnegative("solar_flux_w_per_m2", solar_flux_w_per_m2, "W/m2")
    alb = check_range("albedo", albedo, 0.0, 1.0)
    q_ir = check_nonnegative("earth_ir_w_per_m2", earth_ir_w_per_m2, "W/m2")
    q = a * S * c * f_sun + a * alb * S * F * K + a_ir * q_ir * F
    if earth_ir_absorptivity is not None and np.shape(q) != np.shape(eps):
        # eps is then unused in the sum, but its samples are still designs
        q = np.broadcast_to(q, np.broadcast_shapes(np.shape(q), np.shape(eps))).copy()
    return q


@guarded("the radiator flux terms")
def radiator_net_flux_w_per_m2(
    temperature_k: ArrayLike,
    emissivity: ArrayLike,
    absorptivity: ArrayLike,
    *,
    sides: ArrayLike = 2,
    earth_view_factor: ArrayLike = 0.0,
    solar_cos_incidence: ArrayLike = 0.0,
    sunlit_fraction: ArrayLike = 1.0,
    albedo_factor: ArrayLike = 1.0,
    solar_flux_w_per_m2: ArrayLike = SOLAR_CONSTANT_W_PER_M2,
    albedo: ArrayLike = EARTH_ALBEDO,
    earth_ir_w_per_m2: ArrayLike = EARTH_IR_W_PER_M2,
    earth_ir_absorptivity: ArrayLike | None = None,
    sink_temperature_k: ArrayLike = DEEP_SPACE_K,
    fin_efficiency: ArrayLike = 1.0,
) -> np.ndarray:
    """Net heat a radiator rejects per m2 of planform: emission minus absorption.

    ``q_net = sides eta eps sigma (T^4 - T_sink^4) - [alpha S c f_sun
    + alpha a S F K + alpha_IR q_IR F]``; see :func:`emitted_flux_w_per_m2` and
    :func:`absorbed_flux_w_per_m2` for the terms. May be zero or negative: the
    panel then cannot reject heat at that temperature.

    Examples
    --------
    The Starcloud white-paper case (two-sided, epsilon 0.92, alpha 0.09 applied
    to sunlight *and* Earth IR, S = 1366 W/m2, F = 0.25, albedo 0.3, Earth a
    253.15 K black body, 20 C):

    >>> import numpy as np
    >>> from orbitcompute.constants import STEFAN_BOLTZMANN_W_PER_M2_K4 as s
    >>> q = radiator_net_flux_w_per_m2(
    ...     293.15, 0.92, 0.09, sides=2, earth_view_factor=0.25,
    ...     solar_cos_incidence=1.0, solar_flux_w_per_m2=1366.0,
    ...     earth_ir_w_per_m2=s * 253.15**4, earth_ir_absorptivity=0.09)
    >>> round(float(q), 1)
    633.1

    References
    ----------
    .. [1] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 6 "Radiators" (radiator energy balance).
    .. [2] A. Nanjangud, "There's no way Starcloud can put a data centre in space
       at $8.2 million in one Starship", 2025 (re-derivation of the Starcloud
       white paper's 633 W/m2).
    """
    emit = emitted_flux_w_per_m2.__wrapped__(
        temperature_k,
        emissivity,
        sides=sides,
        sink_temperature_k=sink_temperature_k,
        fin_efficiency=fin_efficiency,
    )
    absorbed = absorbed_flux_w_per_m2.__wrapped__(
        absorptivity,
        emissivity,
        earth_view_factor=earth_view_factor,
        solar_cos_incidence=solar_cos_incidence,
        sunlit_fraction=sunlit_fraction,
        albedo_factor=albedo_factor,
        solar_flux_w_per_m2=solar_flux_w_per_m2,
        albedo=albedo,
        earth_ir_w_per_m2=earth_ir_w_per_m2,
        earth_ir_absorptivity=earth_ir_absorptivity,
    )
    return emit - absorbed


_GL_X, _GL_W = np.polynomial.legendre.leggauss(16)


@guarded("the radiator flux terms")
def loop_mean_net_flux_w_per_m2(
    inlet_temperature_k: ArrayLike,
    outlet_temperature_k: ArrayLike,
    emissivity: ArrayLike,
    absorbed_flux_w_per_m2: ArrayLike,
    *,
    sides: ArrayLike = 2,
    sink_temperature_k: ArrayLike = DEEP_SPACE_K,
    fin_efficiency: ArrayLike = 1.0,
) -> np.ndarray:
    """Area-averaged net flux of a pumped-loop radiator whose coolant cools along it.

    An energy balance on the coolant stream, ``m c dT = -q_net(T) dA``, gives the
    area ``A = m c * integral(dT / q_net(T), T_out..T_in)`` for the heat
    ``Q = m c (T_in - T_out)``, so the mean flux is

    ``Q / A = (T_in - T_out) / integral(dT / q_net(T), T_out..T_in)``,

    a harmonic mean weighted toward the cold end. With ``q_net = c (T^4 - a^4)``,
    ``c = sides eta eps sigma`` and ``a^4 = T_sink^4 + q_abs / c`` (``a`` the
    temperature of zero net flux), the integral is taken in ``u = ln(T - a)``,
    ``integral du / (c (T + a)(T^2 + a^2))``, whose integrand is smooth and free of
    cancellation even where the outlet is barely above ``a`` (the pole of ``1 / q``
    that a quadrature in ``T`` misses: 16 points in ``T`` overstate the mean flux
    by 13 % when the absorbed flux is 0.9999 of the outlet's emission); evaluated
    with 16-point Gauss-Legendre quadrature (within about 1e-8 of the closed form
    for ``a`` of 100-400 K and a glide of up to 100 K, however close the outlet is
    to ``a``; 3e-6 for a 300 K glide). It equals ``q_net(T_in)`` when the two
    temperatures are equal. Where the net flux at the outlet (the coldest point)
    is at or below zero the radiator cannot work; that outlet flux (<= 0) is
    returned so the caller can flag it infeasible.

    Parameters
    ----------
    inlet_temperature_k, outlet_temperature_k : float or array_like
        Radiator surface temperature at the coolant inlet and outlet [K],
        ``0 < outlet <= inlet``.
    emissivity : float or array_like
        Infrared emittance [-], in (0, 1].
    absorbed_flux_w_per_m2 : float or array_like
        Environmental absorbed flux per m2 of planform [W/m2], >= 0
        (:func:`absorbed_flux_w_per_m2`).
    sides, sink_temperature_k, fin_efficiency
        As in :func:`emitted_flux_w_per_m2`.

    Returns
    -------
    numpy.ndarray
        Mean net flux [W/m2] (or the non-positive outlet flux where infeasible).

    References
    ----------
    .. [1] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 6 (pumped-fluid-loop radiators; fluid temperature drop along the
       panel).
    """
    T_in = _check_temperature("inlet_temperature_k", inlet_temperature_k)
    T_out = _check_temperature("outlet_temperature_k", outlet_temperature_k)
    if np.any(T_out > T_in):
        bad = np.broadcast_to(T_out, np.broadcast(T_in, T_out).shape)[
            np.broadcast_to(T_out > T_in, np.broadcast(T_in, T_out).shape)
        ].ravel()[0]
        raise InputError(
            f"outlet_temperature_k={bad:g}: must not exceed inlet_temperature_k "
            "(the coolant cools along the radiator)"
        )
    q_abs = check_nonnegative("absorbed_flux_w_per_m2", absorbed_flux_w_per_m2, "W/m2")
    eps = _check_optical("emissivity", emissivity)
    n = _check_sides(sides)
    Ts = _check_temperature("sink_temperature_k", sink_temperature_k)
    eta = _check_fin_efficiency(fin_efficiency)
    q_out = _emitted(T_out, eps, n, Ts, eta) - q_abs
    half = 0.5 * (T_in - T_out)
    mid = 0.5 * (T_in + T_out)
    c = n * eta * eps * _SIGMA
    ts4 = Ts**4
    # the temperature of zero net flux, q_net = c (T^4 - a^4); infinite (no T works)
    # where a vanishing emissivity or fin efficiency overflows q_abs / c
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        a = np.sqrt(np.sqrt(ts4 + q_abs / c))
    ok = (q_out > 0) & (T_out > a)
    glide = half > 1e-9 * mid
    # the integral in u = ln(T - a): dT / q = du / (c (T + a) (T^2 + a^2)), a smooth
    # integrand; harmless stand-ins (a = 0, c = 1, an empty range) where the outlet is at
    # or below a, whose outlet flux is returned
    a = np.where(ok, a, 0.0)
    c = np.where(ok, c, 1.0)
    u_in = np.log(np.where(ok, T_in - a, 1.0))
    u_out = np.log(np.where(ok, T_out - a, 1.0))
    u_half = 0.5 * (u_in - u_out)
    u = 0.5 * (u_in + u_out)[..., None] + u_half[..., None] * _GL_X
    A = a[..., None]
    T = A + np.exp(u)
    integral = u_half * np.sum(_GL_W / (c[..., None] * (T + A) * (T * T + A * A)), axis=-1)
    mean = 2.0 * half / np.where(ok & glide, integral, 1.0)
    return np.where(ok & glide, mean, q_out)


@guarded("the fin-efficiency terms")
def fin_efficiency(
    half_width_m: ArrayLike,
    thickness_m: ArrayLike,
    conductivity_w_per_m_k: ArrayLike,
    temperature_k: ArrayLike,
    emissivity: ArrayLike,
    *,
    sides: ArrayLike = 2,
) -> np.ndarray:
    """Efficiency of a radiating straight fin between coolant tubes (linearized).

    Uses the adiabatic-tip straight-fin result ``eta = tanh(mL)/(mL)`` with the
    radiative coefficient linearized at the root temperature,
    ``h_r = 4 epsilon sigma T^3`` per face, so ``m**2 = sides h_r / (k t)``.
    Linearizing at the root overstates the local heat loss of the cooler fin
    tip, so the efficiency is slightly conservative. Below ``mL = 1e-3`` the
    series ``tanh(x)/x = 1 - x**2/3 + 2 x**4/15`` is used (error < 1e-19), so the
    limit 1 of a vanishing ``mL`` (which may underflow to 0) is exact.

    Parameters
    ----------
    half_width_m : float or array_like
        Fin length from tube to mid-span (half the tube pitch) [m], > 0.
    thickness_m : float or array_like
        Fin (face-sheet) thickness [m], > 0.
    conductivity_w_per_m_k : float or array_like
        Thermal conductivity of the fin [W/(m K)], > 0 (aluminium ~ 170-200).
    temperature_k : float or array_like
        Fin root temperature [K], > 0.
    emissivity : float or array_like
        Infrared emittance [-], in (0, 1].
    sides : 1 or 2
        Radiating faces.

    Returns
    -------
    numpy.ndarray
        Fin efficiency [-], in (0, 1].

    Raises
    ------
    InputError
        Where ``mL`` overflows float64 (inputs far out of range, e.g. a 1e300 K
        root temperature).

    References
    ----------
    .. [1] F. P. Incropera, D. P. DeWitt et al., Fundamentals of Heat and Mass
       Transfer, 7th ed., Wiley, 2011, sec. 3.6.4 (fin efficiency, adiabatic tip).
    .. [2] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 6 (radiator fin efficiency).
    """
    L = check_positive("half_width_m", half_width_m, "m")
    t = check_positive("thickness_m", thickness_m, "m")
    k = check_positive("conductivity_w_per_m_k", conductivity_w_per_m_k, "W/(m K)")
    T = _check_temperature("temperature_k", temperature_k)
    eps = _check_optical("emissivity", emissivity)
    n = _check_sides(sides)
    # sqrt(k) and sqrt(t) separately: the product k t can underflow to 0
    x = L * np.sqrt(n * 4.0 * eps * _SIGMA * T**3) / np.sqrt(k) / np.sqrt(t)
    small = x < 1e-3
    xs = np.where(small, 1.0, x)  # no 0/0 where the series is used
    x2 = np.where(small, x, 0.0) ** 2  # and no overflow of a large x squared
    return np.where(small, 1.0 - x2 / 3.0 + 2.0 * x2 * x2 / 15.0, np.tanh(xs) / xs)


# ------------------------------------------------------------- pumps and heat pumps


@guarded("the pump power terms")
def pump_power_fraction(
    loop_pressure_drop_pa: ArrayLike,
    density_kg_per_m3: ArrayLike,
    specific_heat_j_per_kg_k: ArrayLike,
    loop_temperature_rise_k: ArrayLike,
    pump_efficiency: ArrayLike,
) -> np.ndarray:
    """Pump electrical power per watt of heat carried by a single-phase loop.

    The mass flow that carries heat ``Q`` with a temperature rise ``dT`` is
    ``m = Q / (c dT)``; the pump's electrical power is
    ``m dp / (rho eta)``, so ``P / Q = dp / (rho eta c dT)``.

    Parameters
    ----------
    loop_pressure_drop_pa : float or array_like
        Total loop pressure drop [Pa], >= 0.
    density_kg_per_m3, specific_heat_j_per_kg_k : float or array_like
        Coolant density [kg/m3] and specific heat [J/(kg K)], > 0.
    loop_temperature_rise_k : float or array_like
        Coolant temperature rise across the heat load [K], > 0.
    pump_efficiency : float or array_like
        Wire-to-fluid pump efficiency [-], in (0, 1].

    Returns
    -------
    numpy.ndarray
        Pump power per heat carried [W/W].

    References
    ----------
    .. [1] F. M. White, Fluid Mechanics, 7th ed., McGraw-Hill, 2011, ch. 11
       (pump power = volume flow x pressure rise / efficiency).
    """
    dp = check_nonnegative("loop_pressure_drop_pa", loop_pressure_drop_pa, "Pa")
    rho = check_positive("density_kg_per_m3", density_kg_per_m3, "kg/m3")
    c = check_positive("specific_heat_j_per_kg_k", specific_heat_j_per_kg_k, "J/(kg K)")
    dT = check_positive("loop_temperature_rise_k", loop_temperature_rise_k, "K")
    eta = check_range("pump_efficiency", pump_efficiency, 0.0, 1.0, low_inclusive=False)
    return dp / (rho * eta * c * dT)


@guarded("the heat-pump work terms")
def heat_pump_work_w(
    heat_w: ArrayLike,
    cold_temperature_k: ArrayLike,
    hot_temperature_k: ArrayLike,
    carnot_fraction: ArrayLike,
) -> np.ndarray:
    """Compressor work of a heat pump lifting ``heat_w`` from a cold to a hot side.

    Cooling COP as a fraction of Carnot, ``COP = eta_C T_c / (T_h - T_c)``, so
    ``W = Q / COP = Q (T_h - T_c) / (eta_C T_c)``; zero lift needs zero work. The
    heat rejected on the hot side is ``Q + W``.

    Parameters
    ----------
    heat_w : float or array_like
        Heat absorbed on the cold side [W], >= 0.
    cold_temperature_k, hot_temperature_k : float or array_like
        Cold-side (coolant) and hot-side (radiator) temperatures [K],
        ``0 < cold <= hot``.
    carnot_fraction : float or array_like
        Second-law efficiency of the cycle [-], in (0, 1].

    Returns
    -------
    numpy.ndarray
        Work [W].

    References
    ----------
    .. [1] J. L. Kerrebrock, "Optimization of heat rejection in space", J.
       Propulsion and Power 2(6), 1986 (heat-cycle-assisted rejection).
    .. [2] Y. A. Cengel, M. A. Boles, Thermodynamics: An Engineering Approach,
       ch. 6 (Carnot refrigerator COP).
    """
    Q = check_nonnegative("heat_w", heat_w, "W")
    Tc = _check_temperature("cold_temperature_k", cold_temperature_k)
    Th = _check_temperature("hot_temperature_k", hot_temperature_k)
    below = Th < Tc
    if np.any(below):
        shape = np.shape(below)
        i = np.flatnonzero(below)[0]
        hot = np.broadcast_to(Th, shape).ravel()[i]
        cold = np.broadcast_to(Tc, shape).ravel()[i]
        raise InputError(
            f"hot_temperature_k={hot:g}: must be >= cold_temperature_k={cold:g} K "
            "(the heat pump lifts heat from the cold side to the hot side)"
        )
    eta = check_range("carnot_fraction", carnot_fraction, 0.0, 1.0, low_inclusive=False)
    return Q * (Th - Tc) / (eta * Tc)


# ------------------------------------------------------------------------ catalog


@guarded("the coating properties")
def coating_properties(name: str, age_fraction: ArrayLike = 1.0) -> dict[str, np.ndarray]:
    """Solar absorptance and IR emittance of a catalog coating at an age.

    Linear interpolation between beginning-of-life (``age_fraction=0``) and
    end-of-life (``age_fraction=1``) values of ``data/coatings.csv``.

    Parameters
    ----------
    name : str
        Coating name in ``data/coatings.csv`` (e.g. ``"osr_silvered_fused_silica"``).
    age_fraction : float or array_like
        Fraction of the design life elapsed [-], in [0, 1].

    Returns
    -------
    dict
        ``absorptivity`` and ``emissivity`` arrays [-].

    References
    ----------
    .. [1] P. Fortescue, G. Swinerd, J. Stark, Spacecraft Systems Engineering,
       4th ed., Wiley, 2011, Table 11.3.
    .. [2] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, appendix A and ch. 4 (degradation).
    """
    f = check_range("age_fraction", age_fraction, 0.0, 1.0)
    rec = catalog.get("coatings", name)
    a0, a1 = float(rec["absorptivity_bol"]), float(rec["absorptivity_eol"])
    e0, e1 = float(rec["emissivity_bol"]), float(rec["emissivity_eol"])
    return {"absorptivity": a0 + (a1 - a0) * f, "emissivity": e0 + (e1 - e0) * f}


def _catalog_float(kind: str, name: str, column: str, override: Any) -> Any:
    if override is not None:
        return override
    return catalog.value(kind, name, column)


# ------------------------------------------------------------------- orbit coupling


def _orbit_environment(orbit: Any, case: str) -> dict[str, np.ndarray]:
    """Altitude, sunlit fraction and albedo factor from the orbit module.

    The environment is that of a circular orbit (one altitude, the analytic eclipse
    formula): an eccentric orbit is refused here, in terms of this function's
    arguments, rather than by the orbit module's ``method='analytic'``.
    """
    from orbitcompute import orbit as orbit_mod
    from orbitcompute.orbit import summary as orbit_summary

    if not isinstance(orbit, orbit_mod.Orbit):
        raise InputError(
            f"orbit={short_repr(orbit)}: must be an orbitcompute.orbit.Orbit (e.g. "
            "Orbit.circular(...)), or None with altitude_km (and sunlit_fraction, "
            "beta_deg) describing the environment"
        )
    bad = orbit_summary._too_eccentric(orbit)
    if bad is not None:
        e_max = orbit_summary._ANALYTIC_MAX_ECCENTRICITY
        raise InputError(
            f"orbit.eccentricity={bad:g}: size_thermal_system takes the environment "
            f"of a circular orbit (eccentricity <= {e_max:g}); for an eccentric orbit "
            "pass orbit=None with altitude_km, sunlit_fraction and beta_deg chosen for "
            "the case (e.g. from orbitcompute.orbit.eclipse_summary(orbit, method='fast'))"
        )
    summary = orbit_mod.eclipse_summary(orbit, method="analytic")
    beta = np.asarray(summary["profile_beta_deg"], dtype=float)
    cos_beta = np.abs(np.cos(np.radians(beta)))
    if case == "hot":
        k = np.max(cos_beta, axis=-1)
        sunlit = np.ones_like(k)
    else:
        k = np.mean(cos_beta, axis=-1) / np.pi
        sunlit = np.asarray(summary["sunlit_fraction"], dtype=float)
    return {
        "altitude_km": np.asarray(orbit.altitude_km, dtype=float),
        "sunlit_fraction": sunlit,
        "albedo_factor": k,
    }


# ------------------------------------------------------------------------- sizing


def _evaluate(
    heat_w: np.ndarray,
    coolant_k: np.ndarray,
    radiator_inlet_k: np.ndarray,
    p: dict[str, Any],
) -> dict[str, np.ndarray]:
    """Size the radiator for a radiator inlet surface temperature (broadcasting)."""
    lift = radiator_inlet_k - (coolant_k - p["dt_surface"])
    lift = np.maximum(lift, 0.0)  # the no-heat-pump case has zero lift by construction
    if p["heat_pump"] is not None:
        hp = p["heat_pump"]
        work = heat_w * lift / (hp["carnot_fraction"] * coolant_k)
    else:
        work = np.zeros(np.broadcast(heat_w, lift).shape)
    k = p["pump_fraction"]
    rejected = (heat_w + work) / (1.0 - k)
    pump = k * rejected
    outlet = radiator_inlet_k - p["loop_rise"]
    outlet_ok = outlet > 0
    q = loop_mean_net_flux_w_per_m2.__wrapped__(
        radiator_inlet_k,
        np.where(outlet_ok, outlet, radiator_inlet_k),
        p["emissivity"],
        p["absorbed"],
        sides=p["sides"],
        sink_temperature_k=p["sink"],
        fin_efficiency=p["fin_efficiency"],
    )
    q = np.where(outlet_ok, q, -np.inf)
    ok = q > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        area = np.where(ok, rejected / np.where(ok, q, 1.0), np.nan)
    mass = area * p["areal_density"]
    if p["heat_pump"] is not None:
        hp = p["heat_pump"]
        hp_mass = work * hp["mass_kg_per_w"]
        array_mass = work / hp["array_specific_power_w_per_kg"]
    else:
        hp_mass = np.zeros_like(work)
        array_mass = np.zeros_like(work)
    return {
        "q": q,
        "ok": ok,
        "area": area,
        "mass": mass,
        "work": work,
        "pump": pump,
        "rejected": rejected,
        "outlet": outlet,
        "hp_mass": hp_mass,
        "array_mass": array_mass,
        "total": mass + hp_mass + array_mass,
    }


def _optimize_lift(
    heat_w: np.ndarray,
    coolant_k: np.ndarray,
    p: dict[str, Any],
    n_grid: int = 49,
    n_golden: int = 40,
) -> np.ndarray:
    """Radiator inlet temperature minimizing total mass: grid then golden section.

    Vectorized over every sample (no loop over designs): a grid of ``n_grid`` lifts
    from 0 to ``max_lift_k`` brackets the minimum, then a fixed number of
    golden-section steps refines it inside the bracket.
    """
    hp = p["heat_pump"]
    t0 = coolant_k - p["dt_surface"]
    # every array (the heat-pump parameters included) may carry a sample axis
    shape = np.broadcast_shapes(
        np.shape(heat_w),
        np.shape(t0),
        *(np.shape(v) for v in p.values() if isinstance(v, np.ndarray)),
        *(np.shape(v) for v in hp.values()),
    )
    t0 = np.broadcast_to(t0, shape)[..., None]
    Q = np.broadcast_to(heat_w, shape)[..., None]
    Tc = np.broadcast_to(coolant_k, shape)[..., None]
    pe = {key: (v[..., None] if isinstance(v, np.ndarray) else v) for key, v in p.items()}
    pe["heat_pump"] = {key: np.asarray(v)[..., None] for key, v in hp.items()}

    def objective(lift: np.ndarray) -> np.ndarray:
        r = _evaluate(Q, Tc, t0 + lift, pe)
        return np.where(r["ok"], r["total"], np.inf)

    max_lift = np.broadcast_to(hp["max_lift_k"], shape)[..., None]
    grid = np.linspace(0.0, 1.0, n_grid) * max_lift  # (*shape, n_grid)
    m = objective(grid)
    i = np.argmin(m, axis=-1)[..., None]
    a = np.take_along_axis(grid, np.clip(i - 1, 0, n_grid - 1), axis=-1)
    b = np.take_along_axis(grid, np.clip(i + 1, 0, n_grid - 1), axis=-1)
    g = (np.sqrt(5.0) - 1.0) / 2.0
    c = b - g * (b - a)
    d = a + g * (b - a)
    fc, fd = objective(c), objective(d)
    for _ in range(n_golden):  # fixed iteration count, vectorized over samples
        left = fc <= fd
        a, b = np.where(left, a, c), np.where(left, d, b)
        c, d = b - g * (b - a), a + g * (b - a)
        fc, fd = objective(c), objective(d)
    best = 0.5 * (a + b)
    # keep the grid point when it beats the refined one (e.g. the zero-lift end)
    f_best = objective(best)[..., 0]
    f_grid = np.take_along_axis(m, i, axis=-1)[..., 0]
    lift = np.where(f_grid < f_best, np.take_along_axis(grid, i, axis=-1)[..., 0], best[..., 0])
    return t0[..., 0] + lift


#: Default chip junction limit of :func:`size_thermal_system` [K] (85 C).
_JUNCTION_MAX_DEFAULT_K = 358.15


def _check_junction_above_coolant(Tj: np.ndarray, Tc: np.ndarray, junction_given: bool) -> None:
    """The junction limit must be above the given coolant temperature (heat flows from
    the chip to the coolant): the message names the junction limit when the caller gave
    it, else the coolant temperature (the junction limit is then the default)."""
    bad = Tj <= Tc
    if not np.any(bad):
        return
    tj, tc = first_where(bad, Tj, Tc)
    if junction_given:
        raise InputError(
            f"junction_max_temperature_k={tj:g}: must be above coolant_temperature_k={tc:g} K "
            "(heat flows from the chip to the coolant)"
        )
    raise InputError(
        f"coolant_temperature_k={tc:g}: must be below junction_max_temperature_k={tj:g} K "
        "(the default chip junction limit; heat flows from the chip to the coolant)"
    )


def _check_heat_path(
    top: tuple[str, np.ndarray], drops: list[tuple[str, np.ndarray, bool]]
) -> None:
    """The temperatures along the heat path stay above 0 K, per sample.

    ``top`` is the highest temperature (the junction limit, or the given coolant
    temperature) and ``drops`` the temperature drops below it in the order of the
    path, down to the radiator outlet (name, value, given by the caller). Where the
    outlet ``top - sum(drops)`` is at or below 0 K, the message names, at the first
    such sample, the drop given by the caller nearest above the first temperature that
    reaches 0 K, with its largest allowed value; if the caller gave none of those drops
    (catalog values), the top temperature, with its smallest allowed value.
    """
    name, T = top
    total = sum(d for _, d, _ in drops)
    bad = T - total <= 0
    if not np.any(bad):
        return
    vals = first_where(bad, T, *(d for _, d, _ in drops))
    t, ds = vals[0], vals[1:]
    below = np.cumsum(ds)
    step = int(np.flatnonzero(t - below <= 0)[0])  # first temperature at or below 0 K
    path = ", ".join(f"{n}={d:g}" for (n, _, _), d in zip(drops, ds, strict=True))
    for k in range(step, -1, -1):
        if drops[k][2]:
            limit = t - (below[-1] - ds[k])
            raise InputError(
                f"{drops[k][0]}={ds[k]:g}: must be < {limit:g} K, {name}={t:g} K minus the "
                f"other drops along the heat path ({path}); a larger drop leaves the "
                "coolant or the radiator at or below 0 K"
            )
    raise InputError(
        f"{name}={t:g}: must be above {below[-1]:g} K, the temperature drops along the heat "
        f"path to the radiator outlet ({path}); a lower temperature leaves the coolant or "
        "the radiator at or below 0 K"
    )


@guarded("the thermal sizing's numbers")
def size_thermal_system(
    heat_w: ArrayLike,
    orbit: Any = None,
    *,
    radiator: str = "deployable_pumped_loop_conventional",
    coating: str | None = None,
    coolant: str | None = None,
    heat_pump: Mapping[str, float] | bool | None = None,
    junction_max_temperature_k: ArrayLike = _JUNCTION_MAX_DEFAULT_K,
    coolant_temperature_k: ArrayLike | None = None,
    case: str = "orbit_average",
    coating_age_fraction: ArrayLike = 1.0,
    altitude_km: ArrayLike | None = None,
    sunlit_fraction: ArrayLike | None = None,
    beta_deg: ArrayLike | None = None,
    tilt_deg: ArrayLike = 90.0,
    earth_view_factor: ArrayLike | None = None,
    solar_cos_incidence: ArrayLike = 0.0,
    solar_flux_w_per_m2: ArrayLike = SOLAR_CONSTANT_W_PER_M2,
    albedo: ArrayLike = EARTH_ALBEDO,
    earth_ir_w_per_m2: ArrayLike = EARTH_IR_W_PER_M2,
    sink_temperature_k: ArrayLike = DEEP_SPACE_K,
    emissivity: ArrayLike | None = None,
    absorptivity: ArrayLike | None = None,
    areal_density_kg_per_m2: ArrayLike | None = None,
    sides: ArrayLike | None = None,
    fin_efficiency: ArrayLike | None = None,
    dt_coolant_to_surface_k: ArrayLike | None = None,
    dt_junction_to_coolant_k: ArrayLike | None = None,
    loop_temperature_rise_k: ArrayLike | None = None,
    loop_pressure_drop_pa: ArrayLike | None = None,
    pump_efficiency: ArrayLike | None = None,
) -> dict[str, np.ndarray]:
    """Size the heat path from chip junction to a radiator in orbit (vectorized).

    The chain: the chip junction limit ``T_j`` minus the junction-to-coolant drop
    (die, lid, interface material, cold plate) gives the coolant temperature
    leaving the cold plates ``T_c``; minus the coolant-to-surface drop it gives
    the radiator inlet surface temperature; the coolant cools by the loop
    temperature rise along the radiator (:func:`loop_mean_net_flux_w_per_m2`).
    The pump's power, and a heat pump's work if any, are added both to the heat
    to reject and to the electrical power demand. With a heat pump the radiator
    temperature is a design variable: it is chosen, per sample, to minimise the
    radiator mass + heat-pump mass + the extra solar-array mass for the work.

    The environment is the orbit's: altitude, sunlit fraction and beta-angle
    profile from ``orbitcompute.orbit.eclipse_summary(orbit, method="analytic")``,
    each overridable. The default attitude is a two-sided panel held edge-on to
    the Sun with both face normals horizontal (``tilt_deg=90``,
    ``solar_cos_incidence=0``), which one rotation axis can keep at any beta and
    which minimises the Earth view factor.

    Parameters
    ----------
    heat_w : float or array_like
        Waste heat from the payload [W], > 0.
    orbit : orbitcompute.orbit.Orbit, optional
        A circular orbit (eccentricity <= 1e-3, the limit of the analytic eclipse
        method; an eccentric one, or anything but an ``Orbit`` or None, is an
        InputError). If None, ``altitude_km`` is required and ``sunlit_fraction``
        (default 1) and ``beta_deg`` (default 0) describe the environment.
    radiator, coating, coolant : str
        Names in ``data/radiators.csv``, ``data/coatings.csv`` and
        ``data/coolants.csv``; the coating and coolant default to the
        radiator's.
    heat_pump : mapping, bool or None
        None or False: no heat pump. True or a mapping overriding
        :data:`HEAT_PUMP_DEFAULTS` (``carnot_fraction``, ``mass_kg_per_w``,
        ``array_specific_power_w_per_kg``, ``max_lift_k``; numbers or arrays,
        which broadcast with the other inputs). Anything else (a string such as
        ``"no"``, a number, NaN) is an InputError.
    junction_max_temperature_k : float or array_like
        Chip junction limit [K], above the sum of the temperature drops to the
        radiator outlet (default 358.15 K = 85 C, the
        McCalip-calculator default; vendors' limits are typically 85-95 C).
    coolant_temperature_k : float or array_like, optional
        Coolant temperature leaving the cold plates [K]; default
        ``junction_max_temperature_k - dt_junction_to_coolant_k``. Must be below
        the junction limit.
    case : {"orbit_average", "hot"}
        Orbit-averaged environment, or the hot case (continuous sunlight and the
        peak albedo of the year).
    coating_age_fraction : float or array_like
        0 = beginning of life, 1 = end of life (default) optical properties; in [0, 1].
    altitude_km, sunlit_fraction, beta_deg : float or array_like, optional
        Override the orbit's values. ``sunlit_fraction`` is in [0, 1]; the hot
        case uses 1 in its place, but a given value is still checked.
    tilt_deg : float or array_like
        Tilt of face A's normal from nadir [deg], in [0, 180] (face B is opposite).
    earth_view_factor : float or array_like, optional
        Override the summed view factor of the radiating faces; ``altitude_km`` and
        ``tilt_deg`` are then not used but still checked.
    solar_cos_incidence : float or array_like
        Cosine of the Sun's incidence on the sunlit face (0 = edge-on).
    solar_flux_w_per_m2, albedo, earth_ir_w_per_m2, sink_temperature_k
        Environment constants (1361 W/m2, 0.30, 237 W/m2, 2.725 K).
    emissivity, absorptivity, areal_density_kg_per_m2, sides, fin_efficiency,
    dt_coolant_to_surface_k, dt_junction_to_coolant_k, loop_temperature_rise_k,
    loop_pressure_drop_pa, pump_efficiency : optional
        Override the catalog values.

    Returns
    -------
    dict of numpy.ndarray
        Each of the broadcast shape of all the array inputs (unused ones included):
        ``radiator_area_m2``, ``radiator_mass_kg``, ``radiator_temperature_k``
        (inlet surface), ``radiator_outlet_temperature_k``,
        ``coolant_temperature_k``, ``junction_temperature_k``,
        ``net_flux_w_per_m2`` (area-mean), ``absorbed_flux_w_per_m2``,
        ``view_factor``, ``heat_rejected_w``, ``pump_power_w``,
        ``heat_pump_power_w``, ``power_demand_w`` (pump + heat pump),
        ``heat_pump_lift_k`` (radiator above the no-heat-pump temperature),
        ``heat_pump_mass_kg``, ``extra_array_mass_kg``, ``total_mass_kg``,
        ``emissivity``, ``absorptivity``, ``feasible`` (bool) and
        ``infeasible_reason`` (str, "" where feasible). Areas and masses are NaN
        only where ``feasible`` is False.

    Raises
    ------
    InputError
        For any argument out of its range or of the wrong type, whether or not the
        case uses it; optical properties outside (0, 1], temperatures <= 0 K; a
        junction limit (or given coolant temperature) not above the sum of the
        temperature drops below it (``dt_junction_to_coolant_k``,
        ``dt_coolant_to_surface_k``, ``loop_temperature_rise_k``), which would leave
        the coolant or the radiator inlet or outlet at or below 0 K: the message
        names the drop the caller gave, else the temperature, with its allowed
        limit; a junction limit at or below the given coolant temperature (naming
        ``coolant_temperature_k`` when the junction limit is the default); a pump
        drawing >= 1 W per W of heat (naming the pressure drop, pump efficiency or
        loop rise the caller gave); unknown catalog names or heat-pump keys, a
        ``heat_pump`` that is not None, a bool or a mapping, or an ``orbit`` that is
        not an :class:`orbitcompute.orbit.Orbit` or None.

    References
    ----------
    .. [1] D. G. Gilmore (ed.), Spacecraft Thermal Control Handbook Vol. I, 2nd ed.,
       2002, ch. 2 (environment), ch. 6 (radiators), appendix A (coatings).
    .. [2] J. L. Kerrebrock, "Optimization of heat rejection in space", J.
       Propulsion and Power 2(6), 1986; D. K. Edwards, R. F. Richards, "Optimum heat
       rejection temperatures for spacecraft heat pumps" (doi:10.2514/3.55609).
    """
    case = check_choice("case", case, _CASES)
    Q = check_positive("heat_w", heat_w, "W")
    # arguments some cases do not use (sunlit_fraction in the hot case, tilt_deg and
    # altitude_km under an earth_view_factor override) are checked all the same, and
    # their sample axes kept: a typo is an error whatever the case
    tilt = check_range("tilt_deg", tilt_deg, 0.0, 180.0, unit="deg")
    unused: list[np.ndarray] = [tilt]
    if sunlit_fraction is not None:
        unused.append(check_range("sunlit_fraction", sunlit_fraction, 0.0, 1.0))
    if altitude_km is not None:
        unused.append(_height_ratio(altitude_km))
    rad = catalog.get("radiators", catalog.check_name("radiator", radiator, "radiators"))
    coating = catalog.check_name(
        "coating", str(rad["coating"]) if coating is None else coating, "coatings"
    )
    coolant = catalog.check_name(
        "coolant", str(rad["coolant"]) if coolant is None else coolant, "coolants"
    )

    # optical properties (catalog, aged, or overrides); the age is checked under the
    # name this function gives it before coating_properties sees it
    age = check_range("coating_age_fraction", coating_age_fraction, 0.0, 1.0)
    props = coating_properties.__wrapped__(coating, age)
    eps = _check_optical("emissivity", props["emissivity"] if emissivity is None else emissivity)
    alpha = _check_optical(
        "absorptivity", props["absorptivity"] if absorptivity is None else absorptivity
    )

    # radiator and coolant numbers
    areal = check_positive(
        "areal_density_kg_per_m2",
        _catalog_float("radiators", radiator, "areal_density_kg_per_m2", areal_density_kg_per_m2),
        "kg/m2",
    )
    n_sides = _check_sides(_catalog_float("radiators", radiator, "sides", sides))
    eta_fin = check_range(
        "fin_efficiency",
        _catalog_float("radiators", radiator, "fin_efficiency", fin_efficiency),
        0.0,
        1.0,
        low_inclusive=False,
    )
    dt_surface = check_nonnegative(
        "dt_coolant_to_surface_k",
        _catalog_float("radiators", radiator, "dt_coolant_to_surface_k", dt_coolant_to_surface_k),
        "K",
    )
    dt_jc = check_nonnegative(
        "dt_junction_to_coolant_k",
        _catalog_float("coolants", coolant, "dt_junction_to_coolant_k", dt_junction_to_coolant_k),
        "K",
    )
    loop_rise = check_positive(
        "loop_temperature_rise_k",
        _catalog_float("coolants", coolant, "loop_temperature_rise_k", loop_temperature_rise_k),
        "K",
    )
    dp = _catalog_float("coolants", coolant, "loop_pressure_drop_pa", loop_pressure_drop_pa)
    eta_pump = _catalog_float("coolants", coolant, "pump_efficiency", pump_efficiency)
    k_pump = pump_power_fraction.__wrapped__(
        dp,
        catalog.value("coolants", coolant, "density_kg_per_m3"),
        catalog.value("coolants", coolant, "specific_heat_j_per_kg_k"),
        loop_rise,
        eta_pump,
    )
    if np.any(k_pump >= 1.0):
        k, v_dp, v_eta, v_rise = first_where(k_pump >= 1.0, k_pump, dp, eta_pump, loop_rise)
        draws = f"the pump would draw {k:g} W per W of heat carried (must be < 1 W/W)"
        # name what the caller gave (the pressure drop, else the efficiency, else the rise)
        if loop_pressure_drop_pa is None and pump_efficiency is not None:
            raise InputError(f"pump_efficiency={v_eta:g}: must be > {k * v_eta:g}; {draws}")
        if loop_pressure_drop_pa is None and loop_temperature_rise_k is not None:
            raise InputError(
                f"loop_temperature_rise_k={v_rise:g}: must be > {k * v_rise:g} K; {draws}"
            )
        raise InputError(
            f"loop_pressure_drop_pa={v_dp:g}: {draws}; lower the pressure drop, or raise "
            "pump_efficiency or loop_temperature_rise_k"
        )
    freezing_k = catalog.value("coolants", coolant, "freezing_point_k")

    # heat path temperatures: the junction limit (or the given coolant temperature)
    # minus the drops to the radiator outlet must stay above 0 K, and the junction above
    # the coolant; checked before any of them is used, naming an argument the caller gave
    Tj = _check_temperature("junction_max_temperature_k", junction_max_temperature_k)
    junction_given = junction_max_temperature_k is not _JUNCTION_MAX_DEFAULT_K
    if coolant_temperature_k is None:
        T_top = ("junction_max_temperature_k", Tj)
        drops = [("dt_junction_to_coolant_k", dt_jc, dt_junction_to_coolant_k is not None)]
    else:
        Tc = _check_temperature("coolant_temperature_k", coolant_temperature_k)
        _check_junction_above_coolant(Tj, Tc, junction_given)
        T_top = ("coolant_temperature_k", Tc)
        drops = []
    drops += [
        ("dt_coolant_to_surface_k", dt_surface, dt_coolant_to_surface_k is not None),
        ("loop_temperature_rise_k", loop_rise, loop_temperature_rise_k is not None),
    ]
    _check_heat_path(T_top, drops)
    if coolant_temperature_k is None:
        Tc = Tj - dt_jc
    Ts = _check_temperature("sink_temperature_k", sink_temperature_k)

    # environment
    if orbit is not None:
        env = _orbit_environment(orbit, case)
        h = env["altitude_km"] if altitude_km is None else altitude_km
        f_sun = env["sunlit_fraction"] if sunlit_fraction is None else sunlit_fraction
        K = env["albedo_factor"] if beta_deg is None else albedo_factor.__wrapped__(beta_deg, case)
    else:
        if altitude_km is None and earth_view_factor is None:
            raise InputError("altitude_km=None: required when orbit is None")
        h = altitude_km
        f_sun = 1.0 if sunlit_fraction is None else sunlit_fraction
        K = albedo_factor.__wrapped__(0.0 if beta_deg is None else beta_deg, case)
    if case == "hot":
        f_sun = 1.0
    if earth_view_factor is None:
        if np.ndim(n_sides) == 0:  # one panel type: only its view factor is needed
            two_sided = earth_view_factor_two_sided.__wrapped__
            vf = (two_sided if n_sides == 2 else _one_face_view_factor)(h, tilt)
        else:
            vf = np.where(
                n_sides == 2,
                earth_view_factor_two_sided.__wrapped__(h, tilt),
                _one_face_view_factor(h, tilt),
            )
    else:
        vf = check_range("earth_view_factor", earth_view_factor, 0.0, 2.0)
    absorbed = absorbed_flux_w_per_m2.__wrapped__(
        alpha,
        eps,
        earth_view_factor=vf,
        solar_cos_incidence=solar_cos_incidence,
        sunlit_fraction=f_sun,
        albedo_factor=K,
        solar_flux_w_per_m2=solar_flux_w_per_m2,
        albedo=albedo,
        earth_ir_w_per_m2=earth_ir_w_per_m2,
    )

    hp: dict[str, Any] | None = None
    if not (heat_pump is None or isinstance(heat_pump, (bool, np.bool_, Mapping))):
        raise InputError(
            f"heat_pump={heat_pump!r}: must be None or False (no heat pump), True (the "
            "defaults) or a mapping of HEAT_PUMP_DEFAULTS keys"
        )
    if isinstance(heat_pump, Mapping) or (heat_pump is not None and bool(heat_pump)):
        hp = dict(HEAT_PUMP_DEFAULTS)
        if isinstance(heat_pump, Mapping):
            for key, val in heat_pump.items():
                if key not in HEAT_PUMP_DEFAULTS:
                    raise InputError(
                        f"heat_pump[{key!r}]: unknown key; allowed: "
                        f"{', '.join(HEAT_PUMP_DEFAULTS)}{did_you_mean(key, HEAT_PUMP_DEFAULTS)}"
                    )
                hp[key] = val
        hp["carnot_fraction"] = check_range(
            "heat_pump['carnot_fraction']", hp["carnot_fraction"], 0.0, 1.0, low_inclusive=False
        )
        hp["mass_kg_per_w"] = check_nonnegative("heat_pump['mass_kg_per_w']", hp["mass_kg_per_w"])
        hp["array_specific_power_w_per_kg"] = check_positive(
            "heat_pump['array_specific_power_w_per_kg']", hp["array_specific_power_w_per_kg"]
        )
        hp["max_lift_k"] = check_positive("heat_pump['max_lift_k']", hp["max_lift_k"], "K")

    p = {
        "emissivity": np.asarray(eps, dtype=float),
        "absorbed": np.asarray(absorbed, dtype=float),
        "sides": np.asarray(n_sides, dtype=float),
        "sink": np.asarray(Ts, dtype=float),
        "fin_efficiency": np.asarray(eta_fin, dtype=float),
        "areal_density": np.asarray(areal, dtype=float),
        "dt_surface": np.asarray(dt_surface, dtype=float),
        "loop_rise": np.asarray(loop_rise, dtype=float),
        "pump_fraction": np.asarray(k_pump, dtype=float),
        "heat_pump": hp,
    }
    if hp is None:
        T_r = Tc - dt_surface
    else:
        T_r = _optimize_lift(Q, Tc, p)
    r = _evaluate(Q, Tc, T_r, p)

    # every input may carry its own sample axis (e.g. areal density alone)
    shape = np.broadcast_shapes(
        *(
            np.shape(x)
            for x in (
                Q,
                Tc,
                T_r,
                r["q"],
                vf,
                r["area"],
                r["mass"],
                r["total"],
                r["hp_mass"],
                r["array_mass"],
                r["pump"],
                r["work"],
                Tj,
                eps,
                alpha,
                absorbed,
                dt_jc,
                Ts,
                *unused,
                *(() if hp is None else hp.values()),
            )
        )
    )
    ok = np.broadcast_to(r["ok"], shape)
    outlet = np.broadcast_to(r["outlet"], shape)
    reason = np.full(shape, "", dtype="<U80")
    outlet = np.broadcast_to(outlet, shape)
    reason = np.where(~ok, "net flux <= 0: radiator cannot reject heat at this temperature", reason)
    frozen = outlet <= freezing_k
    reason = np.where(
        ok & frozen, f"radiator outlet at or below the {coolant} freezing point", reason
    )
    feasible = ok & ~frozen

    def nan_where_bad(x: np.ndarray) -> np.ndarray:
        return np.where(feasible, np.broadcast_to(x, shape), np.nan)

    out = {
        "radiator_area_m2": nan_where_bad(r["area"]),
        "radiator_mass_kg": nan_where_bad(r["mass"]),
        "radiator_temperature_k": np.broadcast_to(T_r, shape).astype(float),
        "radiator_outlet_temperature_k": outlet.astype(float),
        "coolant_temperature_k": np.broadcast_to(Tc, shape).astype(float),
        "junction_temperature_k": np.broadcast_to(Tj, shape).astype(float),
        "net_flux_w_per_m2": np.broadcast_to(r["q"], shape).astype(float),
        "absorbed_flux_w_per_m2": np.broadcast_to(absorbed, shape).astype(float),
        "view_factor": np.broadcast_to(vf, shape).astype(float),
        "heat_rejected_w": np.broadcast_to(r["rejected"], shape).astype(float),
        "pump_power_w": np.broadcast_to(r["pump"], shape).astype(float),
        "heat_pump_power_w": np.broadcast_to(r["work"], shape).astype(float),
        "power_demand_w": np.broadcast_to(r["pump"] + r["work"], shape).astype(float),
        "heat_pump_lift_k": np.broadcast_to(T_r - (Tc - dt_surface), shape).astype(float),
        "heat_pump_mass_kg": nan_where_bad(r["hp_mass"]),
        "extra_array_mass_kg": nan_where_bad(r["array_mass"]),
        "total_mass_kg": nan_where_bad(r["total"]),
        "emissivity": np.broadcast_to(eps, shape).astype(float),
        "absorptivity": np.broadcast_to(alpha, shape).astype(float),
        "feasible": np.broadcast_to(feasible, shape).astype(bool),
        "infeasible_reason": reason,
    }
    # net flux -inf marks a non-positive outlet temperature; report it as NaN there
    out["net_flux_w_per_m2"] = np.where(
        np.isfinite(out["net_flux_w_per_m2"]), out["net_flux_w_per_m2"], np.nan
    )
    return out
