"""Link budgets: optical crosslinks and downlinks, RF (Ka-band and others).

Pure, vectorized functions on numpy arrays: every numeric argument may be a
float or an ndarray and arrays broadcast. Gains are positive dB, losses are
positive dB (a loss of 3 dB halves the power). Distances in metres, powers in
watts unless the name says ``_dbm`` / ``_dbw``.

Two optical models are provided:

* :func:`received_power_w` (Friis) with :func:`aperture_gain_db` and
  :func:`free_space_path_loss_db`: the far-field link equation.
* :func:`gaussian_beam_received_power_w`: a Gaussian beam that spreads as
  ``w(z) = w0 sqrt(1 + (M^2 lambda z / (pi w0^2))^2)`` and is caught by a
  circular aperture. It equals Friis in the far field (with the Gaussian
  transmit gain ``8 / theta^2``) and stays finite in the near field, where the
  receiving aperture catches nearly all the power: this is what lets formation
  flying (100 m - 1 km) reach the terminal's rate cap.
  :func:`optical_link` uses it for a beam truncated by the transmit aperture
  (Klein & Degnan 1974): the transmitted fraction of the power, and in the far
  field Friis with the truncated-beam gain of
  :func:`truncated_gaussian_efficiency`.

Terminal and ground-station parameters come from ``data/optical_terminals.csv``
and ``data/rf_terminals.csv`` (see :func:`optical_terminal`,
:func:`rf_terminal`); every catalog number can be overridden by an argument.

References
----------
.. [1] Majumdar, A. K. & Ricklin, J. C. (eds.), *Free-Space Laser
   Communications: Principles and Advances*, Springer (2008).
.. [2] Siegman, A. E., *Lasers*, University Science Books (1986), ch. 17
   (Gaussian beam propagation).
.. [3] Klein, B. J. & Degnan, J. J., "Optical antenna gain. 1: Transmitting
   antennas", Applied Optics 13(9), 2134-2141 (1974).
.. [4] ETSI EN 302 307-1 V1.4.1 (2014), DVB-S2, Table 13 (ideal Es/N0 per
   MODCOD, AWGN, 64800-bit frames).
.. [5] Maral, G. & Bousquet, M., *Satellite Communications Systems*, 5th ed.,
   Wiley (2009), ch. 5 (uplink, downlink, C/N0).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    as_float_array,
    check_choice,
    check_count,
    check_fraction,
    check_nonnegative,
    check_positive,
    check_range,
    did_you_mean,
    first_where,
)
from orbitcompute.constants import BOLTZMANN_J_PER_K, PLANCK_J_S, SPEED_OF_LIGHT_M_PER_S
from orbitcompute.errors import InputError

__all__ = [
    "DVB_S2_MODCODS",
    "RF_FREQUENCY_RANGE_HZ",
    "aperture_gain_db",
    "carrier_to_noise_density_dbhz",
    "crosslink_rate_vs_distance",
    "db_to_linear",
    "dvbs2_spectral_efficiency",
    "eirp_dbw",
    "free_space_path_loss_db",
    "g_over_t_db_per_k",
    "gaussian_beam_divergence_rad",
    "gaussian_beam_gain_db",
    "gaussian_beam_radius_m",
    "gaussian_beam_received_power_w",
    "linear_to_db",
    "optical_data_rate",
    "optical_link",
    "optical_terminal",
    "photon_energy_j",
    "pointing_loss_db",
    "received_power_w",
    "rf_link",
    "rf_terminal",
    "shannon_spectral_efficiency",
    "sky_noise_increase_k",
    "truncated_gaussian_efficiency",
    "watts_to_dbm",
]

# Ratio of transmit-aperture radius to Gaussian waist that maximises far-field
# on-axis gain for a truncated Gaussian beam (a / w0 = 1.12; Klein & Degnan
# 1974, Fig. 3). The default waist is therefore 0.893 * aperture radius; the
# aperture passes 1 - exp(-2 * 1.12^2) = 0.919 of the power and the far-field
# gain is 0.8145 (4 pi A / lambda^2) (see truncated_gaussian_efficiency).
OPTIMAL_TRUNCATION_RATIO = 1.12

# DVB-S2 MODCODs, normal FECFRAME (64800 bits), no pilots: (name, spectral
# efficiency [bit/symbol], ideal Es/N0 [dB] for quasi-error-free operation in
# AWGN). ETSI EN 302 307-1 V1.4.1, Table 13.
DVB_S2_MODCODS: tuple[tuple[str, float, float], ...] = (
    ("qpsk_1/4", 0.490243, -2.35),
    ("qpsk_1/3", 0.656448, -1.24),
    ("qpsk_2/5", 0.789412, -0.30),
    ("qpsk_1/2", 0.988858, 1.00),
    ("qpsk_3/5", 1.188304, 2.23),
    ("qpsk_2/3", 1.322253, 3.10),
    ("qpsk_3/4", 1.487473, 4.03),
    ("qpsk_4/5", 1.587196, 4.68),
    ("qpsk_5/6", 1.654663, 5.18),
    ("qpsk_8/9", 1.766451, 6.20),
    ("qpsk_9/10", 1.788612, 6.42),
    ("8psk_3/5", 1.779991, 5.50),
    ("8psk_2/3", 1.980636, 6.62),
    ("8psk_3/4", 2.228124, 7.91),
    ("8psk_5/6", 2.478562, 9.35),
    ("8psk_8/9", 2.646012, 10.69),
    ("8psk_9/10", 2.679207, 10.98),
    ("16apsk_2/3", 2.637201, 8.97),
    ("16apsk_3/4", 2.966728, 10.21),
    ("16apsk_4/5", 3.165623, 11.03),
    ("16apsk_5/6", 3.300184, 11.61),
    ("16apsk_8/9", 3.523143, 12.89),
    ("16apsk_9/10", 3.567342, 13.13),
    ("32apsk_3/4", 3.703295, 12.73),
    ("32apsk_4/5", 3.951571, 13.64),
    ("32apsk_5/6", 4.119540, 14.28),
    ("32apsk_8/9", 4.397854, 15.69),
    ("32apsk_9/10", 4.453027, 16.05),
)


# Floating-point events are reported by _checked, naming an input, never as numpy warnings.
_QUIET = {"all": "ignore"}

#: Terms of a result for :func:`_checked`: ``{name: (value, orders)}``, ``orders`` being
#: how many orders of magnitude (log10) the input moves the result's linear quantity.
_Terms = Mapping[str, tuple[Any, Any]]


def _checked(result: Any, what: str, terms: Callable[[], _Terms]) -> Any:
    """Return ``result`` if it is finite, else raise InputError naming the input to blame.

    Finite results (every normal call) cost one test; ``terms`` is only called on the
    error path. It returns ``{name: (value, orders)}`` for the caller's inputs, with
    ``orders`` the log10 by which the input scales the linear quantity ``what`` (e.g.
    ``-2 log10(distance_m)`` for a power falling as ``1 / d^2``; ``gain_db / 10`` for a
    gain in dB). At the first non-finite element the input named is the one that pushes
    hardest in the direction of the failure: up for ``+inf`` (an overflow beyond
    1.8e308), down for ``-inf`` (the log of a quantity that underflowed to 0), either
    way for NaN.
    """
    if type(result) is np.float64:  # a scalar call: no array work
        if math.isfinite(result):
            return result
    elif np.isfinite(result).all():
        return result
    raise _not_finite_error(result, what, terms())


def _not_finite_error(result: Any, what: str, terms: _Terms) -> InputError:
    """The InputError of :func:`_checked` (see there)."""
    names = list(terms)
    with np.errstate(**_QUIET):
        got = first_where(
            ~np.isfinite(result),
            result,
            *(terms[k][0] for k in names),
            *(terms[k][1] for k in names),
        )
    r, values, orders = got[0], got[1 : len(names) + 1], got[len(names) + 1 :]
    if math.isnan(r):
        push = [abs(o) for o in orders]
    else:
        push = [o if r > 0 else -o for o in orders]
    push = [-math.inf if math.isnan(x) else x for x in push]
    order = sorted(range(len(names)), key=push.__getitem__, reverse=True)
    name, value = names[order[0]], values[order[0]]
    if name.endswith("_db"):
        size = "large" if value > 0 else "small"
    else:
        size = "large" if abs(value) > 1 else "small"
    event = (
        "overflows float64 (above 1.8e308)"
        if math.isnan(r) or r > 0
        else "underflows float64 to 0, and its level in dB would be -inf"
    )
    # the next two inputs pushing that way, as overflow_error lists them
    others = ", ".join(f"{names[j]}={values[j]:g}" for j in order[1:3] if push[j] > 0)
    return InputError(
        f"{name}={value:g}: too {size}: {what} {event}"
        + (f"; next given: {others}" if others else "")
    )


# --------------------------------------------------------------------------- #
# unit helpers
# --------------------------------------------------------------------------- #
def db_to_linear(value_db: Any) -> np.ndarray:
    """Convert decibels to a linear power ratio, ``10 ** (dB / 10)``.

    Parameters
    ----------
    value_db : float or array_like
        Ratio [dB], finite and at most 3082.5 dB (``10 log10`` of the largest float64,
        1.8e308); a very negative value gives 0, the ratio rounded to float64.

    Returns
    -------
    numpy.ndarray
        Linear ratio [-], >= 0.

    Raises
    ------
    InputError
        A value that is not a finite number, or one above 3082.5 dB (the ratio would
        overflow float64).
    """
    x = as_float_array("value_db", value_db)
    with np.errstate(**_QUIET):
        out = 10.0 ** (x / 10.0)
    return _checked(out, "the ratio 10 ** (value_db / 10)", lambda: {"value_db": (x, x / 10.0)})


def linear_to_db(ratio: Any) -> np.ndarray:
    """Convert a positive linear power ratio to decibels, ``10 log10(ratio)``."""
    return 10.0 * np.log10(check_positive("ratio", ratio))


def watts_to_dbm(power_w: Any) -> np.ndarray:
    """Convert a positive power in watts to dBm, ``10 log10(P / 1 mW)``."""
    return 10.0 * np.log10(check_positive("power_w", power_w, "W") * 1e3)


def photon_energy_j(wavelength_m: Any) -> np.ndarray:
    """Energy of one photon, ``h c / lambda`` [J].

    References
    ----------
    .. [1] Majumdar & Ricklin (2008), ch. 1.
    """
    lam = check_positive("wavelength_m", wavelength_m, "m")
    return PLANCK_J_S * SPEED_OF_LIGHT_M_PER_S / lam


# --------------------------------------------------------------------------- #
# generic link equation
# --------------------------------------------------------------------------- #
def free_space_path_loss_db(distance_m: Any, wavelength_m: Any) -> np.ndarray:
    """Free-space path loss ``(4 pi d / lambda)^2`` in dB.

    Parameters
    ----------
    distance_m : float or array_like
        Link distance [m], > 0.
    wavelength_m : float or array_like
        Carrier wavelength [m], > 0 (``c / f`` for RF).

    Returns
    -------
    numpy.ndarray
        Path loss [dB], positive.

    Raises
    ------
    InputError
        A value <= 0, or a ratio ``distance_m / wavelength_m`` so extreme that
        ``4 pi d / lambda`` overflows float64 or underflows to 0 (the message names the
        input to blame).

    References
    ----------
    .. [1] Friis, H. T., "A note on a simple transmission formula", Proc. IRE
       34(5), 254-256 (1946).
    .. [2] Maral & Bousquet (2009), sec. 2.2.3, eq. (2.9).
    """
    d = check_positive("distance_m", distance_m, "m")
    lam = check_positive("wavelength_m", wavelength_m, "m")
    with np.errstate(**_QUIET):
        out = 20.0 * np.log10(4.0 * np.pi * d / lam)
    return _checked(
        out,
        "the free-space path loss (4 pi distance_m / wavelength_m)^2",
        lambda: {"distance_m": (d, 2.0 * np.log10(d)), "wavelength_m": (lam, -2.0 * np.log10(lam))},
    )


def aperture_gain_db(diameter_m: Any, wavelength_m: Any, efficiency: Any = 1.0) -> np.ndarray:
    """Gain of a circular aperture, ``eta (pi D / lambda)^2``, in dBi.

    Parameters
    ----------
    diameter_m : float or array_like
        Aperture diameter [m], at least one wavelength (``>= wavelength_m``).
    wavelength_m : float or array_like
        Wavelength [m], > 0.
    efficiency : float or array_like
        Aperture efficiency in (0, 1] (about 0.55-0.7 for reflector antennas;
        0.81 for an optimally truncated Gaussian-illuminated telescope).

    Returns
    -------
    numpy.ndarray
        Gain [dBi]; at the smallest allowed diameter, one wavelength, it is
        ``10 log10(eta pi^2)`` (9.94 dBi at ``efficiency`` 1).

    Raises
    ------
    InputError
        Naming the argument: a diameter or wavelength <= 0, an efficiency
        outside (0, 1], or a diameter below one wavelength (the message gives
        the diameter, the wavelength and the gain the formula would return);
        a ratio ``diameter_m / wavelength_m`` so large (above about 5e153) that
        the linear gain overflows float64.

    Notes
    -----
    The formula is the directivity of a large aperture, ``4 pi A / lambda^2``
    (``A = pi D^2 / 4``), times the aperture efficiency; it assumes an antenna
    many wavelengths across (D >> lambda) [1]_ [3]_. Below one wavelength it is
    outside that domain and, below ``lambda / pi``, even returns a directivity
    under 0 dBi, which no antenna has (directivity is a maximum over an
    average, >= 1) [3]_: 1 cm at 1 GHz would give -19.6 dBi. Such a diameter
    raises :class:`orbitcompute.InputError` instead of flowing on into a link
    budget. For an electrically small antenna (dipole, patch, small horn) use
    its gain in dBi from a datasheet or a measurement, e.g. in
    :func:`received_power_w`, :func:`eirp_dbw` or :func:`g_over_t_db_per_k`.

    References
    ----------
    .. [1] Maral & Bousquet (2009), sec. 2.1.2, eq. (2.2).
    .. [2] Klein & Degnan (1974) for the optical transmit case.
    .. [3] Balanis, C. A., *Antenna Theory: Analysis and Design*, 4th ed., Wiley
       (2016), ch. 2 (directivity) and ch. 12 (aperture antennas,
       ``4 pi A / lambda^2``).
    """
    d = check_positive("diameter_m", diameter_m, "m")
    lam = check_positive("wavelength_m", wavelength_m, "m")
    eta = check_fraction("efficiency", efficiency)
    return _aperture_gain_in_domain(
        d,
        lam,
        eta,
        name="diameter_m",
        wavelength=("wavelength_m", lam),
        fix="for a smaller antenna (dipole, patch, small horn) use its gain in dBi from a "
        "datasheet or a measurement",
    )


def _aperture_gain_in_domain(
    d: np.ndarray,
    lam: np.ndarray,
    eta: np.ndarray,
    *,
    name: str,
    wavelength: tuple[str, np.ndarray],
    fix: str,
) -> np.ndarray:
    """``10 log10(eta (pi D / lambda)^2)`` for checked inputs; D below lambda raises.

    ``name`` is the diameter argument as the caller spells it, ``wavelength``
    the (name, value) the caller gave the wavelength as (``wavelength_m`` or
    ``frequency_hz``), ``fix`` what to do instead. One vectorized check; the
    message shows the first offending element. A linear gain beyond float64 raises,
    naming the diameter or the wavelength (frequency).
    """
    with np.errstate(**_QUIET):
        gain = 10.0 * np.log10(eta * (np.pi * d / lam) ** 2)
    given_name, given = wavelength
    gain = _checked(
        gain,
        "the aperture gain eta (pi D / lambda)^2",
        lambda: {
            name: (d, 2.0 * np.log10(d)),
            given_name: (given, (-2.0 if given_name == "wavelength_m" else 2.0) * np.log10(given)),
        },
    )
    small = d < lam
    if np.any(small):
        d_b, lam_b, g_b, given_b = first_where(small, d, lam, gain, given)
        where = (
            f"{given_name}={given_b:g}"
            if given_name == "wavelength_m"
            else f"{lam_b:g} m at {given_name}={given_b:g}"
        )
        raise InputError(
            f"{name}={d_b:g}: smaller than one wavelength ({where}); the aperture gain "
            f"eta (pi D / lambda)^2 holds only for an antenna large compared with the "
            f"wavelength (here it would give {g_b:.1f} dBi), so {name} must be >= {lam_b:g} m; "
            f"{fix}"
        )
    return gain


def pointing_loss_db(pointing_error_rad: Any, divergence_half_angle_rad: Any) -> np.ndarray:
    """Gaussian-beam pointing loss ``exp(-2 (theta_e / theta_div)^2)`` in dB.

    Parameters
    ----------
    pointing_error_rad : float or array_like
        Radial pointing error [rad], >= 0.
    divergence_half_angle_rad : float or array_like
        Far-field 1/e^2 intensity half-angle of the beam [rad], > 0.

    Returns
    -------
    numpy.ndarray
        Loss [dB], >= 0.

    Raises
    ------
    InputError
        A value out of range, or a ratio ``pointing_error_rad /
        divergence_half_angle_rad`` so large (above about 1e154) that the loss in dB
        overflows float64.

    References
    ----------
    .. [1] Majumdar & Ricklin (2008), ch. 1 (Gaussian far-field pattern).
    .. [2] Siegman (1986), eq. 17.5-13 (intensity profile exp(-2 r^2 / w^2)).
    """
    e = check_nonnegative("pointing_error_rad", pointing_error_rad, "rad")
    th = check_positive("divergence_half_angle_rad", divergence_half_angle_rad, "rad")
    with np.errstate(**_QUIET):
        out = (20.0 / np.log(10.0)) * (e / th) ** 2
    return _checked(
        out,
        "the pointing loss in dB, (20 / ln 10) (pointing_error_rad / divergence_half_angle_rad)^2,",
        lambda: {
            "pointing_error_rad": (e, 2.0 * np.log10(e)),
            "divergence_half_angle_rad": (th, -2.0 * np.log10(th)),
        },
    )


def received_power_w(
    tx_power_w: Any,
    tx_gain_db: Any,
    rx_gain_db: Any,
    distance_m: Any,
    wavelength_m: Any,
    loss_db: Any = 0.0,
) -> np.ndarray:
    """Friis link equation ``P_rx = P_tx G_tx G_rx / FSPL / L``.

    Parameters
    ----------
    tx_power_w : float or array_like
        Transmit power [W], > 0.
    tx_gain_db, rx_gain_db : float or array_like
        Antenna / telescope gains [dBi].
    distance_m, wavelength_m : float or array_like
        Link distance and wavelength [m], > 0.
    loss_db : float or array_like
        Sum of other losses (pointing, optics, atmosphere) [dB], >= 0.

    Returns
    -------
    numpy.ndarray
        Received power [W], >= 0 (0 where it underflows float64, below 5e-324 W).

    Raises
    ------
    InputError
        A value out of range, or inputs that make the received power overflow float64
        (above 1.8e308 W, e.g. a gain of 1e30 dB); the message names the input that
        pushes it up the most.

    References
    ----------
    .. [1] Friis (1946); Maral & Bousquet (2009), eq. (2.11).
    """
    p = check_positive("tx_power_w", tx_power_w, "W")
    gt = as_float_array("tx_gain_db", tx_gain_db)
    gr = as_float_array("rx_gain_db", rx_gain_db)
    loss = check_nonnegative("loss_db", loss_db, "dB")
    fspl = free_space_path_loss_db(distance_m, wavelength_m)
    with np.errstate(**_QUIET):
        out = p * 10.0 ** ((gt + gr - fspl - loss) / 10.0)

    def terms() -> _Terms:
        d = np.asarray(distance_m, dtype=float)
        lam = np.asarray(wavelength_m, dtype=float)
        return {
            "tx_power_w": (p, np.log10(p)),
            "tx_gain_db": (gt, gt / 10.0),
            "rx_gain_db": (gr, gr / 10.0),
            "distance_m": (d, -2.0 * np.log10(d)),
            "wavelength_m": (lam, 2.0 * np.log10(lam)),
            "loss_db": (loss, -loss / 10.0),
        }

    return _checked(out, "the received power", terms)


# --------------------------------------------------------------------------- #
# Gaussian beams
# --------------------------------------------------------------------------- #
def gaussian_beam_divergence_rad(
    waist_radius_m: Any, wavelength_m: Any, beam_quality_m2: Any = 1.0
) -> np.ndarray:
    """Far-field 1/e^2 half-angle divergence ``M^2 lambda / (pi w0)`` [rad].

    References
    ----------
    .. [1] Siegman (1986), eq. 17.1-21; ISO 11146-1 for the M^2 factor.
    """
    w0 = check_positive("waist_radius_m", waist_radius_m, "m")
    lam = check_positive("wavelength_m", wavelength_m, "m")
    m2 = check_range("beam_quality_m2", beam_quality_m2, 1.0, None)
    return _far_field_partner(w0, lam, m2)


def _far_field_partner(x: Any, lam: Any, m2: Any) -> np.ndarray:
    """``M^2 lambda / (pi x)``: the divergence of a waist ``x`` [rad], or the waist of a
    divergence ``x`` [m] (``w0 theta = M^2 lambda / pi``), of checked inputs."""
    return m2 * lam / (np.pi * x)


def gaussian_beam_gain_db(divergence_half_angle_rad: Any) -> np.ndarray:
    """On-axis far-field gain of a Gaussian beam, ``8 / theta^2`` [dBi].

    ``theta`` is the 1/e^2 intensity half-angle. With ``theta = lambda / (pi
    w0)`` this is ``2 (2 pi w0 / lambda)^2``, the gain of an untruncated
    Gaussian beam.

    Parameters
    ----------
    divergence_half_angle_rad : float or array_like
        1/e^2 intensity half-angle [rad], > 0 and above about 2e-154 (below it
        ``8 / theta^2`` overflows float64).

    Returns
    -------
    numpy.ndarray
        Gain [dBi].

    Raises
    ------
    InputError
        A half-angle <= 0, or one so small that ``8 / theta^2`` overflows float64.

    References
    ----------
    .. [1] Klein & Degnan (1974), eq. (11) (untruncated limit).
    .. [2] Majumdar & Ricklin (2008), ch. 1.
    """
    th = check_positive("divergence_half_angle_rad", divergence_half_angle_rad, "rad")
    with np.errstate(**_QUIET):
        out = 10.0 * np.log10(8.0 / th**2)
    return _checked(
        out,
        "the Gaussian beam gain 8 / divergence_half_angle_rad^2",
        lambda: {"divergence_half_angle_rad": (th, -2.0 * np.log10(th))},
    )


def truncated_gaussian_efficiency(truncation_ratio: Any = OPTIMAL_TRUNCATION_RATIO) -> np.ndarray:
    """Far-field gain of a truncated Gaussian beam over ``4 pi A / lambda^2``.

    ``g(alpha) = (2 / alpha^2) (1 - exp(-alpha^2))^2`` with ``alpha = a / w0``,
    the ratio of the transmit-aperture radius to the 1/e^2 radius of the
    Gaussian that lights it (unobscured aperture, plane wavefront). The gain is
    normalised to the whole power of the Gaussian, so it includes the power the
    aperture clips (a fraction ``exp(-2 alpha^2)``). It peaks at ``alpha = 1.12``
    (:data:`OPTIMAL_TRUNCATION_RATIO`) with 0.8145 [1]_; pass it as the
    ``efficiency`` of :func:`aperture_gain_db` for the transmit gain that
    :func:`optical_link` gives a diffraction-limited beam.

    Parameters
    ----------
    truncation_ratio : float or array_like
        ``alpha = a / w0`` [-], > 0.

    Returns
    -------
    numpy.ndarray
        Aperture efficiency [-], at most 0.8146 (0 only where ``alpha^2``
        underflows or overflows float64: the limits ``2 alpha^2`` and
        ``2 / alpha^2``).

    References
    ----------
    .. [1] Klein & Degnan (1974): on-axis far-field gain
       ``(4 pi A / lambda^2) g(alpha)`` of an unobscured truncated Gaussian,
       largest (0.8145) at alpha = 1.12 (Fig. 3).
    """
    alpha = check_positive("truncation_ratio", truncation_ratio)
    with np.errstate(over="ignore"):
        x = alpha**2  # inf for alpha > 1e154: g -> 0, the right limit
    # 2 s (s / x) with s = 1 - e^-x; s / x -> 1 where x underflows to 0: never 0 / 0
    s = -np.expm1(-x)
    return 2.0 * s * np.where(x > 0, s / np.where(x > 0, x, 1.0), 1.0)


def gaussian_beam_radius_m(
    waist_radius_m: Any, wavelength_m: Any, distance_m: Any, beam_quality_m2: Any = 1.0
) -> np.ndarray:
    """1/e^2 beam radius ``w(z) = w0 sqrt(1 + (M^2 lambda z / (pi w0^2))^2)`` [m].

    Parameters
    ----------
    waist_radius_m : float or array_like
        1/e^2 radius of the waist [m], > 0.
    wavelength_m : float or array_like
        Wavelength [m], > 0.
    distance_m : float or array_like
        Distance from the waist [m], >= 0.
    beam_quality_m2 : float or array_like
        Beam quality factor M^2 >= 1.

    Returns
    -------
    numpy.ndarray
        Beam radius [m], >= ``waist_radius_m``.

    Raises
    ------
    InputError
        A value out of range, or values so extreme that the radius (or the Rayleigh
        range ``pi w0^2 / (M^2 lambda)`` it divides by, e.g. for a waist below about
        1e-154 m) leaves float64; the message names the input to blame.

    References
    ----------
    .. [1] Siegman (1986), eq. 17.1-18.
    """
    w0 = check_positive("waist_radius_m", waist_radius_m, "m")
    lam = check_positive("wavelength_m", wavelength_m, "m")
    z = check_nonnegative("distance_m", distance_m, "m")
    m2 = check_range("beam_quality_m2", beam_quality_m2, 1.0, None)
    return _checked(
        _beam_radius(w0, lam, z, m2),
        "the beam radius",
        lambda: {
            "waist_radius_m": (w0, -np.log10(w0)),
            "wavelength_m": (lam, np.log10(lam)),
            "distance_m": (z, np.log10(z)),
            "beam_quality_m2": (m2, np.log10(m2)),
        },
    )


def _check_tilt(name: str, value: Any) -> np.ndarray:
    """A pointing error in [0, pi/2) rad: the beam centre lands ``d tan(e)`` off the
    receiver, which wraps beyond 90 deg (``e = pi`` would give no pointing loss)."""
    return check_range(
        name,
        value,
        0.0,
        np.pi / 2.0,
        high_inclusive=False,
        unit="rad",
        why="below 90 deg: the beam centre's offset d tan(e) at the receiver wraps beyond "
        "it (pi rad would point the beam back on the receiver)",
    )


def _beam_radius(w0: Any, lam: Any, z: Any, m2: Any) -> np.ndarray:
    """:func:`gaussian_beam_radius_m` of checked inputs, unchecked result (inf or NaN
    where it leaves float64), without numpy warnings."""
    with np.errstate(**_QUIET):
        zr = np.pi * w0**2 / (m2 * lam)
        return w0 * np.sqrt(1.0 + (z / zr) ** 2)


def gaussian_beam_received_power_w(
    tx_power_w: Any,
    waist_radius_m: Any,
    wavelength_m: Any,
    distance_m: Any,
    rx_diameter_m: Any,
    pointing_error_rad: Any = 0.0,
    beam_quality_m2: Any = 1.0,
    loss_db: Any = 0.0,
) -> np.ndarray:
    """Power of a Gaussian beam caught by a circular receive aperture [W].

    ``P_rx = P_tx (1 - exp(-2 a^2 / w^2)) exp(-2 rho^2 / w^2) / L`` with ``a``
    the receive-aperture radius, ``w = w(z)`` the beam radius at the receiver
    and ``rho = z tan(theta_e)`` the offset of the beam centre. The first
    factor is the exact on-axis encircled power of a Gaussian beam; the second
    is the Gaussian pointing loss (exact when ``a << w``). In the far field
    (``a << w``) this equals Friis with a transmit gain ``8 / theta^2``: the
    beam is untruncated. :func:`optical_link` applies it to a beam truncated by
    the transmit aperture (Klein & Degnan 1974).

    Parameters
    ----------
    tx_power_w : float or array_like
        Transmit power [W], > 0.
    waist_radius_m : float or array_like
        1/e^2 radius of the beam waist at the transmitter [m], > 0.
    wavelength_m : float or array_like
        Wavelength [m], > 0.
    distance_m : float or array_like
        Link distance [m], > 0.
    rx_diameter_m : float or array_like
        Receive aperture diameter [m], > 0.
    pointing_error_rad : float or array_like
        Radial pointing error of the transmitter [rad], in [0, pi/2).
    beam_quality_m2 : float or array_like
        Beam quality factor M^2 >= 1.
    loss_db : float or array_like
        Other losses (optics, coupling, atmosphere) [dB], >= 0.

    References
    ----------
    .. [1] Siegman (1986), ch. 17 (beam radius, encircled power).
    .. [2] MIT STAR Lab, Optical-Link-Budget (OLBtools), ``path_loss_gaussian``
       (Cierny & Serra), same construction.

    Notes
    -----
    The pointing factor is the Gaussian main lobe only: the sidelobes of a
    truncated transmit aperture are not modelled, so for pointing errors of
    several beam half-angles the result underestimates the power actually
    received. Far outside the beam the power can underflow to 0 W; the same
    quantity in dBm, finite, is ``received_power_dbm`` of :func:`optical_link`.
    """
    return 10.0 ** _gaussian_beam_received_power_log10_w(
        tx_power_w,
        waist_radius_m,
        wavelength_m,
        distance_m,
        rx_diameter_m,
        pointing_error_rad,
        beam_quality_m2,
        loss_db,
    )


def _gaussian_beam_received_power_log10_w(
    tx_power_w: Any,
    waist_radius_m: Any,
    wavelength_m: Any,
    distance_m: Any,
    rx_diameter_m: Any,
    pointing_error_rad: Any,
    beam_quality_m2: Any,
    loss_db: Any,
) -> np.ndarray:
    """``log10`` of :func:`gaussian_beam_received_power_w` [log10 W].

    Summed in the log domain so that a pointing loss of thousands of dB (where the
    power in watts underflows to 0) still gives the exact finite level; -inf only
    where the caught fraction itself underflows (a receive aperture below 1e-162 of the
    beam radius).
    """
    p = check_positive("tx_power_w", tx_power_w, "W")
    d = check_positive("distance_m", distance_m, "m")
    a = check_positive("rx_diameter_m", rx_diameter_m, "m") / 2.0
    e = _check_tilt("pointing_error_rad", pointing_error_rad)
    loss = check_nonnegative("loss_db", loss_db, "dB")
    w = gaussian_beam_radius_m(waist_radius_m, wavelength_m, d, beam_quality_m2)
    # ratios before squares: never inf / inf; a power far below 1e-308 W (caught or the
    # pointing factor underflowing) gives -inf here and 0 W, the float64 value
    with np.errstate(**_QUIET):
        rho_w = d * np.tan(e) / w
        caught = -np.expm1(-2.0 * (a / w) ** 2)
        return np.log10(p) + np.log10(caught) - 2.0 * rho_w**2 / np.log(10.0) - loss / 10.0


# --------------------------------------------------------------------------- #
# optical data rate
# --------------------------------------------------------------------------- #
def _check_cap(channel_rate_cap_bps: Any, name: str = "channel_rate_cap_bps") -> np.ndarray:
    """Positive rate cap; ``inf`` allowed (no cap), NaN and <= 0 rejected."""
    try:
        cap = np.asarray(channel_rate_cap_bps, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name}={channel_rate_cap_bps!r}: must be a number or an array") from None
    bad = np.isnan(cap) | (cap <= 0)
    if np.any(bad):
        raise InputError(f"{name}={cap[bad].ravel()[0]:g}: must be > 0 bit/s (inf for no cap)")
    return cap


def optical_data_rate(
    received_power_w: Any,
    wavelength_m: Any,
    photons_per_bit: Any,
    n_channels: Any = 1,
    channel_rate_cap_bps: Any = np.inf,
) -> dict[str, np.ndarray]:
    """Data rate from received power and receiver sensitivity, with DWDM.

    The received power is shared equally by ``n_channels`` wavelength
    channels. Each channel carries ``min(P_rx / n / (E_ph * n_ppb), cap)`` where
    ``E_ph = h c / lambda`` and ``n_ppb`` the photons per bit the receiver needs
    at its target error rate; the link rate is ``n`` times that.

    Parameters
    ----------
    received_power_w : float or array_like
        Total received optical power [W], >= 0.
    wavelength_m : float or array_like
        Wavelength [m], > 0.
    photons_per_bit : float or array_like
        Receiver sensitivity [photons/bit], > 0.
    n_channels : float or array_like
        Number of DWDM channels, >= 1 (integer-valued).
    channel_rate_cap_bps : float or array_like
        Maximum rate of one channel (the transceiver's line rate) [bit/s], > 0;
        ``inf`` for no cap.

    Returns
    -------
    dict of numpy.ndarray
        ``rate_bps`` (total), ``channel_rate_bps``, ``photon_limited_rate_bps``
        (total, uncapped), ``capped`` (bool: terminal-limited), ``margin_db``
        (received power over the power needed for ``rate_bps``: > 0 dB where
        the terminal cap binds, exactly 0 dB where the rate is photon-limited,
        because the rate is then set by the power). A received power of 0 W
        gives a rate of 0 and a margin of 0 dB, the limit as the power goes to
        zero (the power needed for the rate goes to zero with it), not -inf.

    Raises
    ------
    InputError
        A value out of range, or inputs for which the photon-limited rate overflows
        float64 (above 1.8e308 bit/s, e.g. ``photons_per_bit=1e-300``), naming the input
        to blame.

    References
    ----------
    .. [1] Caplan, D. O., "Laser communication transmitter and receiver
       design", J. Opt. Fiber Commun. Rep. 4, 225-362 (2007), sec. 4
       (sensitivity in photons per bit).
    """
    prx = check_nonnegative("received_power_w", received_power_w, "W")
    eph, ppb, n, cap = _rate_inputs(wavelength_m, photons_per_bit, n_channels, channel_rate_cap_bps)
    with np.errstate(**_QUIET):
        photon_total = prx / (eph * ppb)

    def terms() -> _Terms:
        lam = np.asarray(wavelength_m, dtype=float)
        return {
            "received_power_w": (prx, np.log10(prx)),
            "wavelength_m": (lam, np.log10(lam)),
            "photons_per_bit": (ppb, -np.log10(ppb)),
        }

    _checked(
        photon_total,
        "the photon-limited rate received_power_w / (h c / lambda) / photons_per_bit",
        terms,
    )
    return _data_rate(photon_total, n, cap)


def _rate_inputs(
    wavelength_m: Any, photons_per_bit: Any, n_channels: Any, channel_rate_cap_bps: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Checked photon energy, photons per bit, channel count and cap of
    :func:`optical_data_rate`."""
    eph = photon_energy_j(wavelength_m)
    ppb = check_positive("photons_per_bit", photons_per_bit)
    n = check_range("n_channels", n_channels, 1.0, None)
    if np.any(n != np.round(n)):
        raise InputError(f"n_channels={n[n != np.round(n)].ravel()[0]:g}: must be an integer")
    return eph, ppb, n, _check_cap(channel_rate_cap_bps)


def _data_rate(photon_total: np.ndarray, n: np.ndarray, cap: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`optical_data_rate` from a finite photon-limited rate and checked inputs."""
    per_channel = photon_total / n
    channel = np.minimum(per_channel, cap)
    rate = n * channel
    capped = per_channel >= cap
    # capped: per_channel >= cap > 0, the margin is finite and >= 0 dB (a difference of
    # logs: no overflow of the ratio for a tiny cap); photon-limited (zero power
    # included): the rate uses all the power, 0 dB
    with np.errstate(**_QUIET):  # log10(0) and inf - inf where not capped, not used
        margin = 10.0 * np.where(capped, np.log10(per_channel) - np.log10(cap), 0.0)
    return {
        "rate_bps": rate,
        "channel_rate_bps": channel,
        # in the rate's shape, to which n and the cap may add axes
        "photon_limited_rate_bps": np.broadcast_to(photon_total, rate.shape),
        "capped": capped,
        "margin_db": margin,
    }


# --------------------------------------------------------------------------- #
# catalog helpers
# --------------------------------------------------------------------------- #
_OPTICAL_COLUMNS = (
    "wavelength_m",
    "tx_power_w",
    "aperture_diameter_m",
    "divergence_half_angle_rad",
    "pointing_error_rad",
    "photons_per_bit",
    "n_channels",
    "channel_rate_bps",
    "rate_bps",
    "system_loss_db",
    "demo_distance_m",
    "mass_kg",
    "power_w",
)

# Earth-space radio links and this model (Friis, aperture gain, DVB-S2): VHF to
# EHF, ITU bands 8-11. Below 30 MHz the ionosphere reflects or absorbs the
# signal (no free-space path); above 300 GHz (sub-millimetre) neither the
# reflector-gain formula nor DVB-S2 modems apply.
RF_FREQUENCY_RANGE_HZ = (30e6, 300e9)


def _check_rf_frequency(name: str, value: Any) -> np.ndarray:
    """Carrier frequency inside :data:`RF_FREQUENCY_RANGE_HZ`."""
    lo, hi = RF_FREQUENCY_RANGE_HZ
    return check_range(
        name,
        value,
        lo,
        hi,
        unit="Hz",
        why="30 MHz - 300 GHz, the Earth-space radio bands where the free-space, "
        "aperture-gain and DVB-S2 model applies (below 30 MHz the ionosphere blocks the path)",
    )


# Allowed range of each catalog column, applied to overrides (and, in
# crosslink_rate_vs_distance, to the values a link uses).
_OPTICAL_CHECKS: dict[str, Any] = {
    "wavelength_m": lambda k, v: check_positive(k, v, "m"),
    "tx_power_w": lambda k, v: check_positive(k, v, "W"),
    "aperture_diameter_m": lambda k, v: check_positive(k, v, "m"),
    "divergence_half_angle_rad": lambda k, v: check_positive(k, v, "rad"),
    "pointing_error_rad": lambda k, v: check_nonnegative(k, v, "rad"),
    "photons_per_bit": lambda k, v: check_positive(k, v),
    "n_channels": lambda k, v: check_count(k, v, 1.0),
    "channel_rate_bps": lambda k, v: check_positive(k, v, "bit/s"),
    "rate_bps": lambda k, v: check_positive(k, v, "bit/s"),
    "system_loss_db": lambda k, v: check_nonnegative(k, v, "dB"),
    "demo_distance_m": lambda k, v: check_positive(k, v, "m"),
    "mass_kg": lambda k, v: check_positive(k, v, "kg"),
    "power_w": lambda k, v: check_positive(k, v, "W"),
}


def optical_terminal(name: str, **overrides: float) -> dict[str, float]:
    """Parameters of an optical terminal from ``data/optical_terminals.csv``.

    Parameters
    ----------
    name : str
        Catalog name, e.g. ``"starlink_isl_laser"``, ``"tbird_space"``.
    **overrides : float or array_like
        Replace any catalog value (e.g. ``tx_power_w=5.0``), range-checked:
        ``wavelength_m``, ``tx_power_w``, ``aperture_diameter_m``,
        ``divergence_half_angle_rad``, ``photons_per_bit``,
        ``channel_rate_bps``, ``rate_bps``, ``demo_distance_m``, ``mass_kg``
        and ``power_w`` > 0; ``pointing_error_rad`` and ``system_loss_db``
        >= 0; ``n_channels`` a whole number >= 1.

    Returns
    -------
    dict of float
        Every column; a blank catalog cell is NaN. Units: metres, watts,
        radians, bit/s, dB, kg, as the column names say.

    Raises
    ------
    InputError
        Unknown terminal, unknown override (with a did-you-mean) or an
        override out of range.

    Notes
    -----
    NaN means *unknown*: the sources did not publish the value, and it is not
    filled in (see the row's ``note`` and ``source_id`` in the CSV). The
    exception is ``divergence_half_angle_rad``, whose NaN means "a
    diffraction-limited beam from the aperture": :func:`optical_link`
    derives it. Functions that need any other NaN value
    (:func:`crosslink_rate_vs_distance`) raise :class:`orbitcompute.InputError`
    naming it, so pass it as an override. Blank at present:

    * ``starlink_isl_laser``: ``divergence_half_angle_rad`` (derived),
      ``mass_kg``, ``power_w``.
    * ``tbird_space``: ``system_loss_db`` (needed when it receives),
      ``mass_kg``, ``power_w``.
    * ``octl_1m_ground`` (a receiver): ``tx_power_w``,
      ``divergence_half_angle_rad``, ``pointing_error_rad``, ``n_channels``,
      ``channel_rate_bps``, ``rate_bps``, ``demo_distance_m``, ``mass_kg``,
      ``power_w``.
    * ``suncatcher_bench``: ``divergence_half_angle_rad`` (derived),
      ``demo_distance_m``, ``mass_kg``, ``power_w``.

    Examples
    --------
    >>> optical_terminal("starlink_isl_laser", mass_kg=10.0)["mass_kg"]
    10.0
    """
    out = catalog.numbers(
        "optical_terminals",
        name,
        _OPTICAL_COLUMNS,
        overrides,
        what="an optical terminal parameter",
        missing="nan",
    )
    for key, val in overrides.items():
        _OPTICAL_CHECKS[key](key, val)
    return out


_RF_COLUMNS = (
    "frequency_hz",
    "tx_power_w",
    "antenna_diameter_m",
    "antenna_efficiency",
    "eirp_dbw",
    "system_noise_temperature_k",
    "g_over_t_db_per_k",
    "bandwidth_hz",
    "rolloff",
)

_RF_CHECKS: dict[str, Any] = {
    "frequency_hz": _check_rf_frequency,
    "tx_power_w": lambda k, v: check_positive(k, v, "W"),
    "antenna_diameter_m": lambda k, v: check_positive(k, v, "m"),
    "antenna_efficiency": lambda k, v: check_fraction(k, v),
    "eirp_dbw": as_float_array,
    "system_noise_temperature_k": lambda k, v: check_positive(k, v, "K"),
    "g_over_t_db_per_k": as_float_array,
    "bandwidth_hz": lambda k, v: check_positive(k, v, "Hz"),
    "rolloff": lambda k, v: check_range(k, v, 0.0, 1.0),
}


def rf_terminal(name: str, **overrides: float) -> dict[str, float]:
    """Parameters of an RF terminal from ``data/rf_terminals.csv``.

    Parameters
    ----------
    name : str
        Catalog name, e.g. ``"ka_eess_leo_space"``, ``"ka_gateway_ground_5m"``.
    **overrides : float or array_like
        Replace any catalog value, range-checked: ``frequency_hz`` in
        [30 MHz, 300 GHz] (as :func:`rf_link`); ``tx_power_w``,
        ``antenna_diameter_m``, ``system_noise_temperature_k`` and
        ``bandwidth_hz`` > 0; ``antenna_efficiency`` in (0, 1]; ``rolloff`` in
        [0, 1]; ``eirp_dbw`` and ``g_over_t_db_per_k`` finite.

    Returns
    -------
    dict of float
        Every column [Hz, W, m, dBW, K, dB/K]; a blank catalog cell is NaN.

    Raises
    ------
    InputError
        Unknown terminal, unknown override (with a did-you-mean) or an
        override out of range.

    Notes
    -----
    NaN means *unknown*: the sources did not publish the value, and it is not
    filled in. EIRP and G/T are blank where :func:`rf_link` derives them from
    power, diameter, efficiency and noise temperature; pass a NaN on to
    :func:`rf_link` and it raises :class:`orbitcompute.InputError` naming the
    argument. Blank at present:

    * ``ka_eess_leo_space`` (a transmitter): ``eirp_dbw`` (derive from
      ``tx_power_w``, ``antenna_diameter_m``, ``antenna_efficiency``),
      ``system_noise_temperature_k`` and ``g_over_t_db_per_k`` (unknown; only
      needed if it receives).
    * ``ka_gateway_ground_5m``, ``ka_user_ground_0p6m`` (receivers):
      ``tx_power_w``, ``eirp_dbw``, ``g_over_t_db_per_k`` (derive from
      ``antenna_diameter_m``, ``antenna_efficiency``,
      ``system_noise_temperature_k``), ``bandwidth_hz``, ``rolloff`` (set by
      the transmitter).
    """
    out = catalog.numbers(
        "rf_terminals",
        name,
        _RF_COLUMNS,
        overrides,
        what="an RF terminal parameter",
        missing="nan",
    )
    for key, val in overrides.items():
        _RF_CHECKS[key](key, val)
    return out


# --------------------------------------------------------------------------- #
# optical link
# --------------------------------------------------------------------------- #
def optical_link(
    tx_power_w: Any,
    tx_diameter_m: Any,
    rx_diameter_m: Any,
    distance_m: Any,
    wavelength_m: Any = 1550e-9,
    *,
    photons_per_bit: Any = 40.0,
    n_channels: Any = 1,
    channel_rate_cap_bps: Any = np.inf,
    pointing_error_rad: Any = 0.0,
    divergence_half_angle_rad: Any = None,
    beam_quality_m2: Any = 1.0,
    loss_db: Any = 0.0,
) -> dict[str, np.ndarray]:
    """Optical link budget: received power and data rate of a Gaussian beam.

    By default the transmit aperture (radius ``a = D_tx / 2``) is lit by a
    Gaussian of waist ``a / 1.12``, the truncation that maximises the far-field
    gain (Klein & Degnan 1974). The aperture then passes the fraction
    ``T = 1 - exp(-2 * 1.12^2) = 0.9186`` of ``tx_power_w`` and the far-field
    on-axis gain is ``(4 pi A / lambda^2) g / M^4`` with ``g = 0.8145``
    (:func:`truncated_gaussian_efficiency`). The beam propagated is the Gaussian
    that carries ``T tx_power_w`` and has that far-field gain: waist
    ``w0 = a sqrt(g / (2 T)) = 0.666 a`` and 1/e^2 half-angle
    ``M^2 lambda / (pi w0)``. One formula covers the near field (the receiver
    catches at most ``T tx_power_w``) and the far field (Friis with
    ``aperture_gain_db(D_tx, lambda, 0.8145)``), continuously.
    If ``divergence_half_angle_rad`` is given (a defocused beam, as small
    satellites use to relax pointing), the beam is an untruncated Gaussian
    (``T = 1``) of waist ``w0 = M^2 lambda / (pi theta)``.

    Parameters
    ----------
    tx_power_w : float or array_like
        Optical transmit power [W], > 0.
    tx_diameter_m, rx_diameter_m : float or array_like
        Transmit and receive aperture diameters [m], > 0.
    distance_m : float or array_like
        Link distance [m], > 0.
    wavelength_m : float or array_like
        Wavelength [m], default 1550 nm.
    photons_per_bit : float or array_like
        Receiver sensitivity [photons/bit].
    n_channels, channel_rate_cap_bps
        DWDM channel count and per-channel line rate; see
        :func:`optical_data_rate`.
    pointing_error_rad : float or array_like
        Radial pointing error [rad], in [0, pi/2).
    divergence_half_angle_rad : float, array_like or None
        Beam 1/e^2 half-angle [rad]; ``None`` derives it from ``tx_diameter_m``.
    beam_quality_m2 : float or array_like
        M^2 >= 1.
    loss_db : float or array_like
        Optics, fibre coupling, clear-sky atmosphere and implementation losses
        [dB], >= 0.

    Returns
    -------
    dict of numpy.ndarray
        ``distance_m``, ``beam_radius_m`` (at the receiver),
        ``divergence_half_angle_rad``, ``transmitted_fraction`` (``T``),
        ``pointing_loss_db`` (the loss applied at the receiver's distance,
        ``(20 / ln 10) rho^2 / w^2`` with ``rho = d tan(pointing_error_rad)``
        and ``w`` the beam radius there: in the near field, where the beam is
        wider than ``rho``, far below the far-field
        ``pointing_loss_db(pointing_error_rad, divergence_half_angle_rad)``,
        which it tends to for ``d`` well beyond the Rayleigh range),
        ``received_power_w``, ``received_power_dbm``, ``rate_bps``,
        ``channel_rate_bps``, ``photon_limited_rate_bps``, ``capped``,
        ``margin_db``, ``binding`` (``"terminal"`` where the line-rate cap
        binds, ``"received_power"`` where photons per bit bind).
        ``received_power_dbm`` is summed in dB, so it stays finite and exact
        where a huge pointing loss makes ``received_power_w`` underflow to 0 W
        (the rate is then 0 and ``margin_db`` 0 dB, see
        :func:`optical_data_rate`).

    Notes
    -----
    Against a numerical Fresnel integral of the truncated beam into an equal
    aperture (10 cm, 1550 nm), the default beam's received power is within
    0.3 dB from 10 m to the far field, where it is exact; its half-angle,
    ``1.48e-5`` rad there, is within 2 % of the truncated beam's far-field
    1/e^2 half-angle.

    The pointing loss is that of the Gaussian main lobe,
    ``exp(-2 rho^2 / w^2)`` (see :func:`gaussian_beam_received_power_w`):
    sidelobes of the truncated aperture are not modelled, so for pointing
    errors of several ``divergence_half_angle_rad`` the received power is
    underestimated. Such a link does not work either way; the output says so
    with a rate of (nearly) 0 rather than with an error, so that one bad sample
    does not stop a whole array.

    References
    ----------
    .. [1] Siegman (1986), ch. 17; Klein & Degnan (1974); Caplan (2007).
    """
    lam = check_positive("wavelength_m", wavelength_m, "m")
    dtx = check_positive("tx_diameter_m", tx_diameter_m, "m")
    m2 = check_range("beam_quality_m2", beam_quality_m2, 1.0, None)
    if divergence_half_angle_rad is None:
        w0, log_t = _truncated_beam(dtx)
        with np.errstate(**_QUIET):  # inf: reported below
            theta = _far_field_partner(w0, lam, m2)
    else:
        theta = check_positive("divergence_half_angle_rad", divergence_half_angle_rad, "rad")
        theta = np.broadcast_to(theta, np.broadcast(theta, dtx).shape)
        with np.errstate(**_QUIET):
            w0, log_t = _far_field_partner(theta, lam, m2), np.zeros(())
    p = check_positive("tx_power_w", tx_power_w, "W")
    d = check_positive("distance_m", distance_m, "m")
    a = check_positive("rx_diameter_m", rx_diameter_m, "m") / 2.0
    e = _check_tilt("pointing_error_rad", pointing_error_rad)
    loss = check_nonnegative("loss_db", loss_db, "dB")
    eph, ppb, n, cap = _rate_inputs(lam, photons_per_bit, n_channels, channel_rate_cap_bps)
    w = _beam_radius(w0, lam, d, m2)
    with np.errstate(**_QUIET):
        # gaussian_beam_received_power_w times T, in log10 (finite for any pointing loss);
        # the pointing loss exp(-2 rho^2 / w^2) at the receiver's distance, in dB
        point_db = (20.0 / np.log(10.0)) * (d * np.tan(e)) ** 2 / w**2
        caught = -np.expm1(-2.0 * (a / w) ** 2)
        log_prx = np.log10(p) + log_t + np.log10(caught) - (point_db + loss) / 10.0

    def terms() -> dict[str, tuple[Any, Any]]:
        """log10 of the received power, ``P T 2 a^2 / w^2``, by input, and the pointing
        and other losses. In the far field (``w ~ d theta``) a larger aperture or a
        smaller divergence raises it and distance lowers it; where the beam at the
        receiver is still about its waist (``w0^2 > w^2 / 2``: a huge aperture or a
        tiny divergence) the waist sets ``w``, so the aperture lowers it, a small
        divergence lowers it, and distance hardly matters."""
        with np.errstate(**_QUIET):
            near = (w0 / w) ** 2 > 0.5  # a ratio: w0 and w may be far beyond sqrt(1.8e308)
        if divergence_half_angle_rad is None:
            beam = {"tx_diameter_m": (dtx, np.where(near, -2.0, 2.0) * np.log10(dtx))}
        else:
            beam = {
                "divergence_half_angle_rad": (theta, np.where(near, 2.0, -2.0) * np.log10(theta))
            }
        return {
            "tx_power_w": (p, np.log10(p)),
            **beam,
            "rx_diameter_m": (2.0 * a, 2.0 * np.log10(2.0 * a)),
            "distance_m": (d, np.where(near, 0.0, -2.0 * np.log10(d))),
            "wavelength_m": (lam, -2.0 * np.log10(lam)),
            "beam_quality_m2": (m2, -2.0 * np.log10(m2)),
            "pointing_error_rad": (e, -point_db / 10.0),
            "loss_db": (loss, -loss / 10.0),
        }

    # one test of the level: an inf or NaN beam radius or pointing loss makes it so too
    _checked(log_prx, "the received power", terms)
    prx = 10.0**log_prx  # <= tx_power_w: no overflow; 0 W where it underflows
    with np.errstate(**_QUIET):
        photon_total = prx / (eph * ppb)

    def rate_terms() -> dict[str, tuple[Any, Any]]:
        out = terms()
        out["wavelength_m"] = (lam, -np.log10(lam))  # the photon energy h c / lambda
        out["photons_per_bit"] = (ppb, -np.log10(ppb))
        return out

    _checked(photon_total, "the photon-limited rate", rate_terms)
    rate = _data_rate(photon_total, n, cap)
    # every output in one shape: the rate's also spans photons_per_bit, n_channels and the cap
    shape = np.broadcast(d, prx, rate["rate_bps"]).shape
    return {
        "distance_m": np.broadcast_to(d, shape).astype(float),
        "beam_radius_m": np.broadcast_to(w, shape),
        "divergence_half_angle_rad": np.broadcast_to(theta, shape),
        "transmitted_fraction": np.broadcast_to(10.0**log_t, shape),
        "pointing_loss_db": np.broadcast_to(point_db, shape),
        "received_power_w": np.broadcast_to(prx, shape),
        "received_power_dbm": np.broadcast_to(10.0 * log_prx + 30.0, shape),
        **rate,
        "binding": np.where(rate["capped"], "terminal", "received_power"),
    }


def _truncated_beam(tx_diameter_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equivalent Gaussian of an aperture lit at the optimum truncation.

    Returns the waist ``a sqrt(g / (2 T))`` [m] and ``log10(T)``, with
    ``a = D / 2``, ``alpha = 1.12``, ``T = 1 - exp(-2 alpha^2)`` (power through
    the aperture) and ``g`` :func:`truncated_gaussian_efficiency`: the Gaussian
    beam of power ``T P`` whose far-field gain ``T 8 / theta^2`` equals Klein &
    Degnan's ``(4 pi A / lambda^2) g``.
    """
    return tx_diameter_m / 2.0 * _TRUNCATED_WAIST_PER_RADIUS, _TRUNCATED_LOG10_T


_TRUNCATED_T = float(-np.expm1(-2.0 * OPTIMAL_TRUNCATION_RATIO**2))  # 0.918634
_TRUNCATED_LOG10_T = np.asarray(np.log10(_TRUNCATED_T))
_TRUNCATED_WAIST_PER_RADIUS = float(  # sqrt(g / (2 T)) = 0.665835
    np.sqrt(truncated_gaussian_efficiency(OPTIMAL_TRUNCATION_RATIO) / (2.0 * _TRUNCATED_T))
)


#: Fields of the transmitting terminal that :func:`crosslink_rate_vs_distance` needs.
LINK_TX_FIELDS = (
    "wavelength_m",
    "tx_power_w",
    "aperture_diameter_m",
    "n_channels",
    "channel_rate_bps",
    "pointing_error_rad",
)
#: Fields of the receiving terminal that :func:`crosslink_rate_vs_distance` needs.
LINK_RX_FIELDS = ("aperture_diameter_m", "photons_per_bit", "system_loss_db")


def _terminal_params(
    terminal: Any, role: str, overrides: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    """Parameters of a catalog or user terminal with validated overrides, and
    how a message says that one of them is missing (a template on ``{key}``)."""
    if isinstance(terminal, str):
        return optical_terminal(terminal, **overrides), (
            f"optical_terminal({terminal!r}) has no published {{key}} "
            "(blank in data/optical_terminals.csv: unknown)"
        )
    if not isinstance(terminal, Mapping):
        raise InputError(
            f"{role}={terminal!r}: must be a name in data/optical_terminals.csv or a mapping "
            "of terminal parameters"
        )
    params = dict(terminal)
    for key, val in overrides.items():
        if key not in _OPTICAL_COLUMNS:
            raise InputError(
                f"{key}={val!r}: not an optical terminal parameter; allowed: "
                f"{', '.join(_OPTICAL_COLUMNS)}{did_you_mean(key, _OPTICAL_COLUMNS)}"
            )
        _OPTICAL_CHECKS[key](key, val)
        params[key] = val
    return params, f"the {role} mapping has no {{key}}"


def _is_unknown(value: Any) -> bool:
    """``None`` or (any) NaN: a value the source did not give."""
    if value is None:
        return True
    try:
        return bool(np.any(np.isnan(np.asarray(value, dtype=float))))
    except (TypeError, ValueError):
        return False  # not a number at all: the range check says so


def _terminal_value(params: Mapping[str, Any], key: str, missing: str, fix: str) -> np.ndarray:
    """A terminal value a link needs: known (not blank / NaN) and in range."""
    value = params.get(key)
    if _is_unknown(value):
        shown = "nan" if value is not None else "None"
        raise InputError(f"{key}={shown}: {missing.format(key=key)}; {fix.format(key=key)}")
    if key == "channel_rate_bps":
        return _check_cap(value, key)  # inf allowed here: no cap
    return _OPTICAL_CHECKS[key](key, value)


def crosslink_rate_vs_distance(
    terminal: str | Mapping[str, Any],
    distance_m: Any,
    rx_terminal: str | Mapping[str, Any] | None = None,
    **overrides: Any,
) -> dict[str, np.ndarray]:
    """Crosslink data rate against distance for a catalog terminal.

    Notebook-ready: ``crosslink_rate_vs_distance("starlink_isl_laser",
    np.geomspace(100, 5e6, 200))`` gives named arrays to plot. At short range
    the receive aperture catches most of the beam and the rate sits at the
    terminal's line-rate cap (``n_channels * channel_rate_bps``); beyond
    ``crossover_distance_m`` it falls as ``1 / d^2``.

    Parameters
    ----------
    terminal : str or mapping
        Catalog name in ``data/optical_terminals.csv`` or a mapping with its
        columns. The transmitter's ``wavelength_m``, ``tx_power_w``,
        ``aperture_diameter_m``, ``n_channels``, ``channel_rate_bps`` (inf:
        no cap) and ``pointing_error_rad`` are needed; ``divergence_half_angle_rad``
        is optional (NaN or absent: diffraction-limited from the aperture).
    distance_m : float or array_like
        Distances [m], > 0.
    rx_terminal : str, mapping or None
        Receiving terminal: its ``aperture_diameter_m``, ``photons_per_bit``
        and ``system_loss_db`` are needed. Default: the same terminal (with
        the overrides) at both ends.
    **overrides
        Replace any parameter of ``terminal`` (e.g. ``tx_power_w=np.array(...)``),
        range-checked as in :func:`optical_terminal`.

    Returns
    -------
    dict of numpy.ndarray
        Everything :func:`optical_link` returns, plus ``max_rate_bps`` (the
        terminal cap) and ``crossover_distance_m`` (where the photon-limited
        rate, extrapolated as 1/d^2 from the far field, equals the cap; 0
        where there is no cap).

    Raises
    ------
    InputError
        A needed value that is blank in the catalog (unknown: it is never
        assumed), e.g. ``system_loss_db`` of ``"tbird_space"`` as a receiver;
        the message says how to supply it (an override, or
        ``rx_terminal=optical_terminal(name, system_loss_db=...)``). Also
        unknown or out-of-range overrides.

    References
    ----------
    .. [1] Siegman (1986), ch. 17; Caplan (2007).
    """
    tx, tx_missing = _terminal_params(terminal, "terminal", overrides)
    tx_fix = "pass it as an override: crosslink_rate_vs_distance(..., {key}=...)"
    if rx_terminal is None:
        rx, rx_missing, rx_fix = tx, tx_missing, tx_fix + " (it is also the receiver)"
    else:
        rx, rx_missing = _terminal_params(rx_terminal, "rx_terminal", {})
        rx_fix = (
            f"pass rx_terminal=optical_terminal({rx_terminal!r}, {{key}}=...)"
            if isinstance(rx_terminal, str)
            else "add {key} to the rx_terminal mapping"
        )
    need_tx = {key: _terminal_value(tx, key, tx_missing, tx_fix) for key in LINK_TX_FIELDS}
    need_rx = {key: _terminal_value(rx, key, rx_missing, rx_fix) for key in LINK_RX_FIELDS}
    theta = tx.get("divergence_half_angle_rad")
    # blank divergence: a diffraction-limited beam (a model, not a filled-in number)
    theta = None if _is_unknown(theta) else theta
    loss = need_rx["system_loss_db"]
    res = optical_link(
        need_tx["tx_power_w"],
        need_tx["aperture_diameter_m"],
        need_rx["aperture_diameter_m"],
        distance_m,
        need_tx["wavelength_m"],
        photons_per_bit=need_rx["photons_per_bit"],
        n_channels=need_tx["n_channels"],
        channel_rate_cap_bps=need_tx["channel_rate_bps"],
        pointing_error_rad=need_tx["pointing_error_rad"],
        divergence_half_angle_rad=theta,
        loss_db=loss,
    )
    cap = need_tx["n_channels"] * need_tx["channel_rate_bps"]
    # far field: photon-limited rate = K / d^2 with the Gaussian gain T 8/theta^2:
    # K = P_tx T L_pt L_sys 2 a^2 / theta^2 / (E_ph n_ppb), with the far-field
    # pointing loss, summed in log10 so that a pointing loss of thousands of dB
    # does not underflow
    d = res["distance_m"]
    a = need_rx["aperture_diameter_m"] / 2.0
    theta = res["divergence_half_angle_rad"]
    far_pointing_db = pointing_loss_db(need_tx["pointing_error_rad"], theta)
    log_k = (
        np.log10(need_tx["tx_power_w"] * res["transmitted_fraction"])
        - (far_pointing_db + loss) / 10.0
        + np.log10(2.0 * a**2 / theta**2)
        - np.log10(photon_energy_j(need_tx["wavelength_m"]) * need_rx["photons_per_bit"])
    )
    log_cross = 0.5 * (log_k - np.log10(cap))  # cap = inf: -inf, crossover 0 m
    res["max_rate_bps"] = np.broadcast_to(cap, d.shape)
    res["crossover_distance_m"] = np.broadcast_to(10.0**log_cross, d.shape)
    return res


# --------------------------------------------------------------------------- #
# RF
# --------------------------------------------------------------------------- #
def eirp_dbw(tx_power_w: Any, tx_gain_db: Any, tx_loss_db: Any = 0.0) -> np.ndarray:
    """Effective isotropic radiated power ``P_tx G_tx / L_tx`` [dBW].

    References
    ----------
    .. [1] Maral & Bousquet (2009), sec. 2.1.4, eq. (2.5).
    """
    p = check_positive("tx_power_w", tx_power_w, "W")
    g = as_float_array("tx_gain_db", tx_gain_db)
    loss = check_nonnegative("tx_loss_db", tx_loss_db, "dB")
    with np.errstate(**_QUIET):  # a sum beyond float64 (gains near 1e308 dB): below
        out = 10.0 * np.log10(p) + g - loss
    return _checked(
        out,
        "the EIRP",
        lambda: {
            "tx_power_w": (p, np.log10(p)),
            "tx_gain_db": (g, g / 10),
            "tx_loss_db": (loss, -loss / 10),
        },
    )


def g_over_t_db_per_k(rx_gain_db: Any, system_noise_temperature_k: Any) -> np.ndarray:
    """Receiver figure of merit ``G / T_sys`` [dB/K].

    References
    ----------
    .. [1] Maral & Bousquet (2009), sec. 5.5, eq. (5.27).
    """
    g = as_float_array("rx_gain_db", rx_gain_db)
    t = check_positive("system_noise_temperature_k", system_noise_temperature_k, "K")
    return g - 10.0 * np.log10(t)


def carrier_to_noise_density_dbhz(
    eirp_dbw: Any, g_over_t_db_per_k: Any, path_loss_db: Any, other_loss_db: Any = 0.0
) -> np.ndarray:
    """``C/N0 = EIRP + G/T - L_path - L_other - 10 log10(k)`` [dB-Hz].

    References
    ----------
    .. [1] Maral & Bousquet (2009), sec. 5.5, eq. (5.31).
    """
    e = as_float_array("eirp_dbw", eirp_dbw)
    gt = as_float_array("g_over_t_db_per_k", g_over_t_db_per_k)
    lp = check_nonnegative("path_loss_db", path_loss_db, "dB")
    lo = check_nonnegative("other_loss_db", other_loss_db, "dB")
    return _checked(
        _cn0(e, gt, lp, lo),
        "C/N0",
        lambda: {
            "eirp_dbw": (e, e / 10.0),
            "g_over_t_db_per_k": (gt, gt / 10.0),
            "path_loss_db": (lp, -lp / 10.0),
            "other_loss_db": (lo, -lo / 10.0),
        },
    )


def _cn0(e: Any, gt: Any, lp: Any, lo: Any) -> np.ndarray:
    """C/N0 [dB-Hz] of checked inputs; +-inf where a sum near 1e308 dB leaves float64."""
    with np.errstate(**_QUIET):
        return e + gt - lp - lo - 10.0 * np.log10(BOLTZMANN_J_PER_K)


def sky_noise_increase_k(
    fade_db: Any, clear_sky_db: Any = 0.0, medium_temperature_k: Any = 275.0
) -> np.ndarray:
    """Rise of a ground receiver's noise temperature when rain or cloud attenuates [K].

    An absorbing atmosphere radiates as much as it absorbs: a path of attenuation
    ``A`` dB at an effective medium temperature ``T_m`` adds the sky noise
    ``T_m (1 - 10^(-A/10))`` to the antenna temperature. A receiver whose system
    noise temperature is quoted for clear sky (attenuation ``clear_sky_db``, e.g.
    the gases) already holds that part, so a fade of ``fade_db`` more adds::

        dT = T_m (10^(-A_clear/10) - 10^(-(A_clear + A_fade)/10))

    Add it to ``system_noise_temperature_k`` of :func:`rf_link` together with the
    fade in ``atmospheric_loss_db``: the fade then costs both signal and noise.
    Where the sky noise reaches the receiver through a lossy feed, the rise is
    smaller by the feed's loss (not modelled).

    Parameters
    ----------
    fade_db : float or array_like
        Attenuation beyond clear sky (rain, cloud) [dB], >= 0.
    clear_sky_db : float or array_like
        Attenuation already in the clear-sky noise temperature [dB], >= 0.
    medium_temperature_k : float or array_like
        Effective temperature of the absorbing medium [K], > 0; 275 K, the
        value ITU-R P.618 gives for use without local data.

    Returns
    -------
    numpy.ndarray
        Noise temperature increase [K], in [0, ``medium_temperature_k``).

    References
    ----------
    .. [1] Recommendation ITU-R P.618-13 (2017), sec. 3, noise temperature of the
       sky from the path attenuation.
    .. [2] Maral & Bousquet (2009), sec. 5.6 (rain raises the downlink noise
       temperature as well as attenuating the carrier).

    Examples
    --------
    >>> round(float(sky_noise_increase_k(10.0)), 2)  # a 10 dB fade: 275 (1 - 0.1)
    247.5
    """
    fade = check_nonnegative("fade_db", fade_db, "dB")
    clear = check_nonnegative("clear_sky_db", clear_sky_db, "dB")
    tm = check_positive("medium_temperature_k", medium_temperature_k, "K")
    return tm * 10.0 ** (-clear / 10.0) * -np.expm1(-fade / 10.0 * np.log(10.0))


_eirp_fn = eirp_dbw
_gt_fn = g_over_t_db_per_k


def dvbs2_spectral_efficiency(
    esn0_db: Any, implementation_margin_db: Any = 0.0
) -> dict[str, np.ndarray]:
    """Best DVB-S2 MODCOD that closes at a given Es/N0.

    Parameters
    ----------
    esn0_db : float or array_like
        Available symbol energy to noise density [dB].
    implementation_margin_db : float or array_like
        Added to each MODCOD's ideal threshold (modem losses, margin) [dB], >= 0.

    Returns
    -------
    dict of numpy.ndarray
        ``spectral_efficiency_bps_per_hz`` (bits per symbol; 0 where no MODCOD
        closes), ``modcod`` (name, ``"none"`` where none closes),
        ``required_esn0_db`` and ``margin_db`` (``esn0_db - required_esn0_db``)
        of the chosen MODCOD, ``feasible`` (bool) and ``reason`` (str, ``""``
        where feasible). Where no MODCOD closes, ``required_esn0_db`` is the
        threshold of the most robust one (``qpsk_1/4``, -2.35 dB plus the
        implementation margin) and ``margin_db`` is negative: how many dB the
        link is short of closing at all.

    References
    ----------
    .. [1] ETSI EN 302 307-1 V1.4.1 (2014), Table 13.
    """
    es = as_float_array("esn0_db", esn0_db)
    im = check_nonnegative("implementation_margin_db", implementation_margin_db, "dB")
    es, im = np.broadcast_arrays(es, im)
    names = np.array([m[0] for m in DVB_S2_MODCODS])
    eff = np.array([m[1] for m in DVB_S2_MODCODS])
    req = np.array([m[2] for m in DVB_S2_MODCODS])
    ok = es[..., None] >= req + im[..., None]
    score = np.where(ok, eff, -1.0)
    feasible = np.any(ok, axis=-1)
    # where none closes, measure against the most robust MODCOD (lowest threshold)
    best = np.where(feasible, np.argmax(score, axis=-1), int(np.argmin(req)))
    required = req[best] + im
    reason = np.where(
        feasible, "", f"Es/N0 below the lowest DVB-S2 threshold ({names[np.argmin(req)]})"
    )
    return {
        "spectral_efficiency_bps_per_hz": np.where(feasible, eff[best], 0.0),
        "modcod": np.where(feasible, names[best], "none"),
        "required_esn0_db": required,
        "margin_db": es - required,
        "feasible": feasible,
        "reason": reason,
    }


def shannon_spectral_efficiency(snr_db: Any, gap_db: Any = 0.0) -> np.ndarray:
    """Shannon capacity per symbol with an implementation gap, ``log2(1 + SNR / gap)``.

    Parameters
    ----------
    snr_db : float or array_like
        Signal-to-noise ratio per symbol (Es/N0) [dB], finite; ``snr_db - gap_db``
        at most 3082.5 dB (above it the linear SNR overflows float64).
    gap_db : float or array_like
        SNR gap to capacity [dB], >= 0.

    Returns
    -------
    numpy.ndarray
        Spectral efficiency [bit/symbol], >= 0.

    Raises
    ------
    InputError
        A value out of range, or ``snr_db - gap_db`` above 3082.5 dB.

    References
    ----------
    .. [1] Shannon, C. E., "A mathematical theory of communication", Bell
       Syst. Tech. J. 27 (1948); the SNR-gap approximation: Forney, G. D. &
       Ungerboeck, G., IEEE Trans. Inf. Theory 44(6), 2384-2415 (1998).
    """
    snr = as_float_array("snr_db", snr_db)
    gap = check_nonnegative("gap_db", gap_db, "dB")
    return _checked(
        _shannon(snr, gap),
        "the linear SNR 10 ** ((snr_db - gap_db) / 10)",
        lambda: {"snr_db": (snr, snr / 10.0), "gap_db": (gap, -gap / 10.0)},
    )


def _shannon(snr: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """:func:`shannon_spectral_efficiency` of checked inputs, inf where the SNR overflows."""
    with np.errstate(**_QUIET):
        # log1p: exact at low SNR, where 1 + x would round to 1 and the rate to 0
        return np.log1p(10.0 ** ((snr - gap) / 10.0)) / np.log(2.0)


def rf_link(
    distance_m: Any,
    frequency_hz: Any,
    bandwidth_hz: Any,
    *,
    eirp_dbw: Any = None,
    tx_power_w: Any = None,
    tx_diameter_m: Any = None,
    tx_efficiency: Any = 0.6,
    g_over_t_db_per_k: Any = None,
    rx_diameter_m: Any = None,
    rx_efficiency: Any = 0.6,
    system_noise_temperature_k: Any = None,
    atmospheric_loss_db: Any = 0.0,
    other_loss_db: Any = 0.0,
    rolloff: Any = 0.2,
    method: str = "dvbs2",
    implementation_margin_db: Any = 1.0,
) -> dict[str, np.ndarray]:
    """RF link budget: C/N0, Es/N0, spectral efficiency and data rate.

    Either give ``eirp_dbw`` or (``tx_power_w``, ``tx_diameter_m``,
    ``tx_efficiency``); either ``g_over_t_db_per_k`` or (``rx_diameter_m``,
    ``rx_efficiency``, ``system_noise_temperature_k``), not both. The symbol
    rate is ``bandwidth / (1 + rolloff)``; ``Es/N0 = C/N0 - 10 log10(Rs)``.

    Parameters
    ----------
    distance_m : float or array_like
        Slant range [m], > 0 and in the far field: at least one wavelength and
        the Fraunhofer distance ``2 D^2 / lambda`` of each antenna whose
        diameter ``D`` is given.
    frequency_hz : float or array_like
        Carrier frequency [Hz], in [30 MHz, 300 GHz] (:data:`RF_FREQUENCY_RANGE_HZ`:
        the Earth-space radio bands, VHF to EHF, where the free-space path,
        the aperture gain and DVB-S2 apply).
    bandwidth_hz : float or array_like
        Occupied bandwidth [Hz], > 0 and below ``frequency_hz``: a fractional
        bandwidth under 100 % (at 100 % the band spans f/2 to 3f/2, far beyond any
        carrier-modulated satellite link; at 200 % it would reach 0 Hz).
    eirp_dbw : float or array_like, optional
        Transmit EIRP [dBW].
    tx_power_w : float or array_like, optional
        Transmit power [W], > 0.
    tx_diameter_m, rx_diameter_m : float or array_like, optional
        Antenna diameters [m], at least one wavelength ``c / frequency_hz``,
        the domain of the aperture gain (:func:`aperture_gain_db`); for a
        smaller antenna give ``eirp_dbw`` or ``g_over_t_db_per_k`` from its
        gain in dBi instead.
    tx_efficiency, rx_efficiency : float or array_like
        Aperture efficiencies in (0, 1].
    g_over_t_db_per_k : float or array_like, optional
        Receiver figure of merit [dB/K].
    system_noise_temperature_k : float or array_like, optional
        Receiver system noise temperature [K], > 0, at the link's conditions: a
        fade in ``atmospheric_loss_db`` also raises it, by
        :func:`sky_noise_increase_k`, which is not added here.
    atmospheric_loss_db : float or array_like
        Gas + cloud + rain + scintillation attenuation [dB], >= 0, e.g. from
        :func:`orbitcompute.atmosphere.rf_attenuation_db`.
    other_loss_db : float or array_like
        Pointing, polarisation, feeder losses [dB], >= 0.
    rolloff : float or array_like
        Root-raised-cosine roll-off in [0, 1].
    method : {"dvbs2", "shannon"}
        DVB-S2 MODCOD table (ETSI EN 302 307-1) or Shannon with a gap of
        ``implementation_margin_db``.
    implementation_margin_db : float or array_like
        DVB-S2: added to the MODCOD thresholds; Shannon: the SNR gap [dB], >= 0.

    Returns
    -------
    dict of numpy.ndarray
        ``eirp_dbw``, ``g_over_t_db_per_k``, ``path_loss_db``, ``cn0_dbhz``,
        ``symbol_rate_hz``, ``esn0_db``, ``ebn0_db``,
        ``spectral_efficiency_bps_per_hz``, ``rate_bps``, ``modcod``,
        ``margin_db``, ``feasible`` (bool) and ``reason`` (str, ``""`` where
        feasible). All finite. ``ebn0_db`` is at the achieved rate; where the
        link does not close (``rate_bps`` 0) it is the Eb/N0 the link would
        have at the most robust MODCOD's rate (``qpsk_1/4``, 0.490 bit per
        symbol), against which ``margin_db`` is then measured (negative: the
        dB the link is short of closing, see
        :func:`dvbs2_spectral_efficiency`). Shannon: ``margin_db`` is 0 (the
        rate uses the whole SNR) and at vanishing SNR ``ebn0_db`` tends to the
        Shannon limit, gap + 10 log10(ln 2) = gap - 1.59 dB.

    Raises
    ------
    InputError
        Naming the argument: out-of-range values, a frequency outside
        [30 MHz, 300 GHz], a bandwidth at or above the frequency, an antenna
        diameter below one wavelength (with the wavelength, the frequency and
        ``eirp_dbw`` / ``g_over_t_db_per_k`` as the alternative), a distance in
        the near field, a missing or a doubly given transmitter or receiver;
        inputs so extreme that Es/N0 or, with Shannon, the linear SNR leaves
        float64 (e.g. ``eirp_dbw=1e30``), naming the input that pushes it most.

    References
    ----------
    .. [1] Maral & Bousquet (2009), ch. 5; ETSI EN 302 307-1 Table 13.
    .. [2] Balanis, C. A., *Antenna Theory*, 4th ed., Wiley (2016), sec. 2.2.4
       (far-field distance ``2 D^2 / lambda``).
    """
    check_choice("method", method, ("dvbs2", "shannon"))
    d = check_positive("distance_m", distance_m, "m")
    f = _check_rf_frequency("frequency_hz", frequency_hz)
    lam = SPEED_OF_LIGHT_M_PER_S / f
    bw = check_positive("bandwidth_hz", bandwidth_hz, "Hz")
    if np.any(bw >= f):
        bw_b, f_b = first_where(bw >= f, bw, f)
        raise InputError(
            f"bandwidth_hz={bw_b:g}: must be < frequency_hz={f_b:g} Hz (a fractional "
            "bandwidth of 100 % or more is not a carrier-modulated link)"
        )
    ro = check_range("rolloff", rolloff, 0.0, 1.0)
    im = check_nonnegative("implementation_margin_db", implementation_margin_db, "dB")
    atm = check_nonnegative("atmospheric_loss_db", atmospheric_loss_db, "dB")
    other = check_nonnegative("other_loss_db", other_loss_db, "dB")
    far_field = lam  # Fraunhofer distance of the largest given antenna, at least lambda
    if eirp_dbw is None:
        if tx_power_w is None or tx_diameter_m is None:
            raise InputError("eirp_dbw=None: give eirp_dbw or both tx_power_w and tx_diameter_m")
        p_tx = check_positive("tx_power_w", tx_power_w, "W")
        d_tx = check_positive("tx_diameter_m", tx_diameter_m, "m")
        eta_tx = check_fraction("tx_efficiency", tx_efficiency)
        g_tx = _aperture_gain_in_domain(
            d_tx,
            lam,
            eta_tx,
            name="tx_diameter_m",
            wavelength=("frequency_hz", f),
            fix="for a smaller antenna give eirp_dbw instead "
            "(10 log10(tx_power_w) + its gain in dBi)",
        )
        eirp = _eirp_fn(p_tx, g_tx)
        far_field = np.maximum(far_field, 2.0 * d_tx**2 / lam)
    else:
        _not_both("eirp_dbw", {"tx_power_w": tx_power_w, "tx_diameter_m": tx_diameter_m})
        eirp = as_float_array("eirp_dbw", eirp_dbw)
    if g_over_t_db_per_k is None:
        if rx_diameter_m is None or system_noise_temperature_k is None:
            raise InputError(
                "g_over_t_db_per_k=None: give g_over_t_db_per_k or both rx_diameter_m "
                "and system_noise_temperature_k"
            )
        d_rx = check_positive("rx_diameter_m", rx_diameter_m, "m")
        eta_rx = check_fraction("rx_efficiency", rx_efficiency)
        t_sys = check_positive("system_noise_temperature_k", system_noise_temperature_k, "K")
        g_rx = _aperture_gain_in_domain(
            d_rx,
            lam,
            eta_rx,
            name="rx_diameter_m",
            wavelength=("frequency_hz", f),
            fix="for a smaller antenna give g_over_t_db_per_k instead "
            "(its gain in dBi - 10 log10(system_noise_temperature_k))",
        )
        gt = _gt_fn(g_rx, t_sys)
        far_field = np.maximum(far_field, 2.0 * d_rx**2 / lam)
    else:
        _not_both(
            "g_over_t_db_per_k",
            {
                "rx_diameter_m": rx_diameter_m,
                "system_noise_temperature_k": system_noise_temperature_k,
            },
        )
        gt = as_float_array("g_over_t_db_per_k", g_over_t_db_per_k)
    near = d < far_field
    if np.any(near):
        d_b, f_b, ff_b = (
            np.broadcast_to(x, near.shape)[near].ravel()[0] for x in (d, f, far_field)
        )
        raise InputError(
            f"distance_m={d_b:g}: in the near field at frequency_hz={f_b:g}; the link equation "
            f"needs distance_m >= {ff_b:g} m (one wavelength and 2 D^2 / wavelength of the "
            "antennas)"
        )
    fspl = free_space_path_loss_db(d, lam)
    with np.errstate(**_QUIET):  # C/N0 beyond float64: reported with Es/N0 below
        cn0 = _cn0(eirp, gt, fspl, atm + other)
    rs = bw / (1.0 + ro)
    with np.errstate(**_QUIET):
        esn0 = cn0 - 10.0 * np.log10(rs)

    def terms() -> dict[str, tuple[Any, Any]]:
        """log10 of the linear Es/N0 by input (the free-space loss falls as 1 / d^2)."""
        if eirp_dbw is None:
            out = {
                "tx_power_w": (p_tx, np.log10(p_tx)),
                "tx_diameter_m": (d_tx, 2 * np.log10(d_tx)),
            }
        else:
            out = {"eirp_dbw": (eirp, eirp / 10.0)}
        if g_over_t_db_per_k is None:
            out["rx_diameter_m"] = (d_rx, 2.0 * np.log10(d_rx))
            out["system_noise_temperature_k"] = (t_sys, -np.log10(t_sys))
        else:
            out["g_over_t_db_per_k"] = (gt, gt / 10.0)
        out["distance_m"] = (d, -2.0 * np.log10(d))
        out["bandwidth_hz"] = (bw, -np.log10(bw))
        out["atmospheric_loss_db"] = (atm, -atm / 10.0)
        out["other_loss_db"] = (other, -other / 10.0)
        if method == "shannon":
            out["implementation_margin_db"] = (im, -im / 10.0)
        return out

    _checked(esn0, "Es/N0", terms)
    if method == "dvbs2":
        mc = dvbs2_spectral_efficiency(esn0, im)
        eff = mc["spectral_efficiency_bps_per_hz"]
        modcod, margin, feasible = mc["modcod"], mc["margin_db"], mc["feasible"]
        reason = mc["reason"]
        robust_eff = DVB_S2_MODCODS[int(np.argmin([m[2] for m in DVB_S2_MODCODS]))][1]
        ebn0 = esn0 - 10.0 * np.log10(np.where(feasible, eff, robust_eff))
    else:
        eff = _checked(_shannon(esn0, im), "the linear SNR (Es/N0 over the gap)", terms)
        feasible = eff > 0
        modcod = np.full(eff.shape, "shannon")
        margin = np.zeros(eff.shape)
        reason = np.where(feasible, "", "Es/N0 so low that the Shannon rate underflows to 0")
        # low-SNR limit of esn0 - 10 log10(eff): the Shannon limit ln 2 plus the gap
        ebn0 = np.where(
            feasible,
            esn0 - 10.0 * np.log10(np.where(feasible, eff, 1.0)),
            im + 10.0 * np.log10(np.log(2.0)),
        )
    rate = rs * eff
    shape = np.broadcast(cn0, rate).shape
    return {
        "eirp_dbw": np.broadcast_to(eirp, shape),
        "g_over_t_db_per_k": np.broadcast_to(gt, shape),
        "path_loss_db": np.broadcast_to(fspl, shape),
        "cn0_dbhz": np.broadcast_to(cn0, shape),
        "symbol_rate_hz": np.broadcast_to(rs, shape),
        "esn0_db": np.broadcast_to(esn0, shape),
        "ebn0_db": np.broadcast_to(ebn0, shape),
        "spectral_efficiency_bps_per_hz": np.broadcast_to(eff, shape),
        "rate_bps": np.broadcast_to(rate, shape),
        "modcod": np.broadcast_to(modcod, shape),
        "margin_db": np.broadcast_to(margin, shape),
        "feasible": np.broadcast_to(feasible, shape),
        "reason": np.broadcast_to(reason, shape),
    }


def _not_both(given: str, alternatives: Mapping[str, Any]) -> None:
    """Reject a transmitter/receiver description given twice (one would be ignored)."""
    for name, value in alternatives.items():
        if value is not None:
            raise InputError(
                f"{name}={value!r}: {given} is given too; give one or the other, not both "
                f"({name} would be ignored)"
            )
