"""Independent references for orbit environments, written from textbook formulas.

Nothing here calls orbitcompute: the tests compare the package against these.

- Sun: the Astronomical Almanac's low-precision formulae (about 0.01 deg from 1950 to
  2050), as printed in e.g. Meeus, Astronomical Algorithms (1998), ch. 25 (simplified).
- Sun-synchronous inclination: J2 nodal precession equal to the mean Sun's motion,
  cos i = -2 a^(7/2) n_sun / (3 J2 R^2 sqrt(mu)) (Vallado, Fundamentals of
  Astrodynamics and Applications, 4th ed., eq. 9-41 and sec. 11.4).
- Beta angle: sin beta = s . n with n the orbit normal (sin i sin O, -sin i cos O, cos i).
- Eclipse: cylindrical shadow, fraction = arccos(sqrt(h^2 + 2 R h) / ((R + h) cos beta)) / pi
  (Vallado sec. 5.3; Gilmore, Spacecraft Thermal Control Handbook Vol. I, ch. 2).
- View factor: scipy's dblquad of (1/pi) max(0, n.d) over the Earth's disk.
"""

from __future__ import annotations

import numpy as np
from scipy import integrate

R_EARTH_KM = 6378.137  # WGS 84
MU_KM3_S2 = 398600.4418  # EGM96
J2 = 1.08262668e-3  # EGM96
JD_2026_01_01 = 2461041.5  # 2026-01-01 00:00 UTC
JD_J2000 = 2451545.0
TROPICAL_YEAR_S = 365.2421897 * 86400.0


def low_precision_sun(days_since_j2000):
    """Mean longitude L, right ascension, declination [rad] and distance [au] of the Sun."""
    n = np.asarray(days_since_j2000, dtype=float)
    L = np.radians((280.460 + 0.9856474 * n) % 360.0)
    g = np.radians((357.528 + 0.9856003 * n) % 360.0)
    lam = L + np.radians(1.915) * np.sin(g) + np.radians(0.020) * np.sin(2 * g)
    eps = np.radians(23.439 - 4e-7 * n)
    ra = np.arctan2(np.cos(eps) * np.sin(lam), np.cos(lam))
    dec = np.arcsin(np.sin(eps) * np.sin(lam))
    r_au = 1.00014 - 0.01671 * np.cos(g) - 0.00014 * np.cos(2 * g)
    return L, ra, dec, r_au


def sso_inclination_rad(altitude_km: float) -> float:
    """Inclination whose J2 node drift follows the mean Sun (one turn per tropical year)."""
    a = R_EARTH_KM + altitude_km
    rate = 2 * np.pi / TROPICAL_YEAR_S
    return float(np.arccos(-rate * 2 * a**3.5 / (3 * J2 * R_EARTH_KM**2 * np.sqrt(MU_KM3_S2))))


def sso_beta_rad(altitude_km: float, ltan_h: float, days_since_j2000):
    """Beta angle of a circular sun-synchronous orbit whose node sits at local mean time
    ``ltan_h``: the node's right ascension is the mean Sun's plus 15 deg/h (ltan - 12)."""
    L, ra, dec, _ = low_precision_sun(days_since_j2000)
    i = sso_inclination_rad(altitude_km)
    node = L + np.radians(15.0 * (ltan_h - 12.0))
    return np.arcsin(np.sin(i) * np.cos(dec) * np.sin(node - ra) + np.cos(i) * np.sin(dec))


def year_2026_mid_days() -> np.ndarray:
    """Days since J2000 at the middle of each day of 2026."""
    return JD_2026_01_01 - JD_J2000 + np.arange(365) + 0.5


def period_s(altitude_km: float) -> float:
    return float(2 * np.pi * np.sqrt((R_EARTH_KM + altitude_km) ** 3 / MU_KM3_S2))


def cylindrical_eclipse_s(altitude_km: float, beta_rad):
    """Eclipse duration per orbit in a cylindrical shadow [s] (0 beyond the critical beta)."""
    h = altitude_km
    x = np.sqrt(h**2 + 2 * R_EARTH_KM * h) / ((R_EARTH_KM + h) * np.cos(beta_rad))
    return np.arccos(np.minimum(x, 1.0)) / np.pi * period_s(altitude_km)


def edge_on_view_factor(altitude_km: float) -> float:
    """View factor from one face of a plate whose normal is horizontal to the Earth:
    (1/pi) * integral of max(0, n.d) dOmega over the Earth's disk (eta from nadir up to
    the Earth's angular radius, psi azimuth from n; n.d = sin(eta) cos(psi),
    dOmega = sin(eta) d(eta) d(psi))."""
    theta_e = np.arcsin(R_EARTH_KM / (R_EARTH_KM + altitude_km))
    value, _ = integrate.dblquad(
        lambda psi, eta: max(0.0, np.sin(eta) * np.cos(psi)) * np.sin(eta),
        0.0,
        theta_e,
        -np.pi,
        np.pi,
        epsabs=1e-12,
        epsrel=1e-12,
    )
    return value / np.pi


def absorbed_edge_on(alpha, eps, view_factor, albedo_factor):
    """Absorbed flux of a two-sided panel edge-on to the Sun [W/m2]: albedo
    alpha * 0.30 * 1361 * F * K plus Earth IR eps * 237 * F (Kirchhoff); K the albedo
    geometry factor (|cos beta| / pi averaged over an orbit: the sub-satellite cosine
    cos(beta) cos(nu) over the day side, nothing at night; |cos beta| at orbit noon).
    Gilmore, Spacecraft Thermal Control Handbook Vol. I (2002), ch. 2."""
    return alpha * 0.30 * 1361.0 * view_factor * albedo_factor + eps * 237.0 * view_factor


def loop_mean_flux(inlet_k, outlet_k, eps, absorbed, fin_efficiency=0.9, sides=2):
    """Mean net flux over a coolant loop, (T_in - T_out) / integral dT / q(T) (scipy
    quad), q = sides * eta * eps * sigma (T^4 - 2.725^4) - absorbed [W/m2]."""
    sigma = 5.670374419e-8  # CODATA 2018

    def q(t):
        return sides * fin_efficiency * eps * sigma * (t**4 - 2.725**4) - absorbed

    integral = integrate.quad(lambda t: 1.0 / q(t), outlet_k, inlet_k, epsabs=1e-14)[0]
    return (inlet_k - outlet_k) / integral
