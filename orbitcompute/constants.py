"""Physical and environmental constants, SI unless the name says otherwise.

Each value is listed with its source in ``data/constants.csv``; a test checks
that the two agree.
"""

from __future__ import annotations

# Stefan-Boltzmann constant [W m^-2 K^-4] (CODATA 2018).
STEFAN_BOLTZMANN_W_PER_M2_K4 = 5.670374419e-8
# Speed of light in vacuum [m/s] (SI definition).
SPEED_OF_LIGHT_M_PER_S = 299_792_458.0
# Planck constant [J s] (SI definition).
PLANCK_J_S = 6.62607015e-34
# Boltzmann constant [J/K] (SI definition).
BOLTZMANN_J_PER_K = 1.380649e-23

# Total solar irradiance at 1 AU [W/m^2] (Kopp & Lean 2011).
SOLAR_CONSTANT_W_PER_M2 = 1361.0
# Global mean outgoing longwave radiation of the Earth [W/m^2] (Gilmore 2002, Table 2.2).
EARTH_IR_W_PER_M2 = 237.0
# Global mean Earth albedo [-] (Gilmore 2002, Table 2.2).
EARTH_ALBEDO = 0.30
# Deep-space sink temperature [K] (cosmic microwave background, Fixsen 2009).
DEEP_SPACE_K = 2.725

# Earth equatorial radius [km] (WGS 84).
EARTH_RADIUS_KM = 6378.137
# Earth gravitational parameter [km^3/s^2] (WGS 84).
EARTH_MU_KM3_PER_S2 = 398600.4418
# Second zonal harmonic J2 [-] (EGM96 / WGS 84).
EARTH_J2 = 1.08262668e-3
# Sidereal rotation rate of the Earth [rad/s] (WGS 84).
EARTH_ROTATION_RAD_PER_S = 7.292115e-5
# Astronomical unit [km] (IAU 2012 Resolution B2).
AU_KM = 149_597_870.7
# Nominal solar radius [km] (IAU 2015 Resolution B3).
SUN_RADIUS_KM = 695_700.0
# Tropical year [days] (mean rate of the Sun's right ascension, used for SSO).
TROPICAL_YEAR_DAYS = 365.2422
# Geostationary orbit radius [km] (derived: mu and the sidereal day).
GEO_RADIUS_KM = 42_164.17

SECONDS_PER_DAY = 86_400.0
HOURS_PER_YEAR = 8_760.0
