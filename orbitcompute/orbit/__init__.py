"""Orbit geometry, the Sun, and eclipses: analytic, fast (vectorized) and skyfield (reference).

>>> from orbitcompute.orbit import Orbit, eclipse_summary
>>> leo = Orbit.circular(550.0, 53.0)
>>> s = eclipse_summary(leo, days=30, method="analytic")
>>> 0.6 < float(s["sunlit_fraction"]) < 0.75
True
"""

from __future__ import annotations

from orbitcompute.orbit.elements import (
    Orbit,
    node_precession_rad_per_s,
    orbital_period_s,
    secular_rates_rad_per_s,
    sun_synchronous_inclination_deg,
)
from orbitcompute.orbit.geometry import beta_angle_deg, position_eci_km
from orbitcompute.orbit.shadow import (
    conical_shadow,
    critical_beta_deg,
    earth_angular_radius_deg,
    eclipse_fraction,
)
from orbitcompute.orbit.summary import METHODS, eclipse_events, eclipse_summary, sunlit
from orbitcompute.orbit.sun import sun_direction_eci, sun_distance_au, sun_ecliptic_longitude_deg

__all__ = [
    "METHODS",
    "Orbit",
    "beta_angle_deg",
    "conical_shadow",
    "critical_beta_deg",
    "earth_angular_radius_deg",
    "eclipse_events",
    "eclipse_fraction",
    "eclipse_summary",
    "node_precession_rad_per_s",
    "orbital_period_s",
    "position_eci_km",
    "secular_rates_rad_per_s",
    "sun_direction_eci",
    "sun_distance_au",
    "sun_ecliptic_longitude_deg",
    "sun_synchronous_inclination_deg",
    "sunlit",
]
