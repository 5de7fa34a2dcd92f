"""Accelerator hardware: catalog specs, fleet sizing, compute, capex and failures.

Pure functions on numpy arrays; every numeric argument may be a float or an
ndarray and arrays broadcast. Catalog defaults come from
``data/accelerators.csv`` through :func:`accelerator`, and every number can be
overridden.

Power convention: ``all_in_power_w`` is the power of one accelerator's share of
its server or rack (server or rack maximum input power divided by the
accelerators it holds), so it already includes CPUs, switches, NICs and fans.
IT power of a fleet = accelerators x all-in power.

References
----------
.. [1] NVIDIA, "H100 Tensor Core GPU datasheet" (2023) and "DGX H100/H200 User
   Guide" (2023): 700 W, 989 TFLOPS dense BF16, 10.2 kW per 8-GPU system.
.. [2] NVIDIA, "DGX B200 User Guide" (2024); "GB200 NVL72" product page (2024).
.. [3] Google Cloud, "Cloud TPU v6e" documentation (2024).
.. [4] O'Connor, P. D. T. and Kleyner, A., "Practical Reliability Engineering",
   5th ed., Wiley, 2012, ch. 2 (constant hazard rate, exponential survival) and
   ch. 6 (renewal: expected replacements under a constant failure rate).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._validate import (
    check_flag,
    check_nonnegative,
    check_positive,
    check_range,
)

__all__ = [
    "NUMERIC_COLUMNS",
    "accelerator",
    "accelerator_capex_usd",
    "accelerators_for_it_power",
    "expected_failures",
    "expected_replacements",
    "fleet_flops",
    "fleet_it_power_w",
    "hazard_rate_per_year",
    "spares_for_survival",
    "surviving_fraction",
]

NUMERIC_COLUMNS = (
    "tdp_w",
    "all_in_power_w",
    "all_in_power_w_low",
    "all_in_power_w_high",
    "accelerators_per_unit",
    "unit_power_w",
    "unit_mass_kg",
    "mass_kg",
    "dense_bf16_flops",
    "memory_gb",
    "price_usd",
    "price_usd_low",
    "price_usd_high",
)
"""Numeric columns of ``accelerators.csv`` that :func:`accelerator` returns."""

_ROUND_TOL = 1e-12  # relative slack before rounding counts up (float noise)


def accelerator(name: str, **overrides: Any) -> dict[str, Any]:
    """Specs of one catalog accelerator as floats, with explicit overrides.

    Parameters
    ----------
    name : str
        Catalog name in ``data/accelerators.csv``, e.g. ``"h100_sxm"``.
    **overrides : float or ndarray
        Replace any numeric column (see :data:`NUMERIC_COLUMNS`), e.g.
        ``price_usd=20000`` or ``all_in_power_w=np.array([1200, 1400])``. Values
        must be finite and >= 0.

    Returns
    -------
    dict
        ``{column: float or ndarray}`` for every numeric column that the
        catalog fills or that is overridden. Empty catalog cells (no sourced
        number, e.g. TPU v6e power) are left out rather than set to NaN, so
        a model that needs one fails loudly; pass it as an override.

    Raises
    ------
    InputError
        Unknown accelerator (or not a string, e.g. a list of names) or override
        name (with a did-you-mean), or a negative / non-finite override.

    References
    ----------
    Numbers and their sources: ``catalog.get("accelerators", name).sources``
    ([1]_, [2]_, [3]_ in the module docstring).

    Examples
    --------
    >>> spec = accelerator("h100_sxm")
    >>> spec["tdp_w"], spec["dense_bf16_flops"]
    (700.0, 989000000000000.0)
    """
    catalog.check_name("name", name, "accelerators")
    return catalog.numbers(
        "accelerators",
        name,
        NUMERIC_COLUMNS,
        overrides,
        what="an accelerator column",
        nonnegative=True,
    )


def _ceil(x: np.ndarray) -> np.ndarray:
    """Ceiling that ignores float noise (e.g. 3.0000000000000004 -> 3)."""
    return np.ceil(x * (1.0 - _ROUND_TOL))


def accelerators_for_it_power(
    it_power_w: float | np.ndarray,
    all_in_power_w: float | np.ndarray,
    *,
    whole: bool = True,
) -> np.ndarray:
    """Accelerators that an IT power budget supports (or needs).

    ``n = it_power_w / all_in_power_w``, rounded up to a whole accelerator
    when ``whole`` (the count that covers the IT load).

    Parameters
    ----------
    it_power_w : float or ndarray
        IT power [W], >= 0 (servers / racks, excluding facility overhead).
    all_in_power_w : float or ndarray
        Power per accelerator in its server or rack [W], > 0.
    whole : bool
        Round up to whole accelerators (default) or return the real ratio.

    Returns
    -------
    ndarray
        Accelerator count [-].

    References
    ----------
    .. [1] NVIDIA DGX H100 User Guide (2023): 10.2 kW per 8 GPUs, so
       1 MW of IT power holds 1e6 / 1275 = 784.3 -> 785 H100.
    """
    p = check_nonnegative("it_power_w", it_power_w, unit="W")
    a = check_positive("all_in_power_w", all_in_power_w, unit="W")
    n = p / a
    return _ceil(n) if check_flag("whole", whole) else n


def fleet_it_power_w(
    n_accelerators: float | np.ndarray, all_in_power_w: float | np.ndarray
) -> np.ndarray:
    """IT power of a fleet: ``n * all_in_power_w`` [W].

    References
    ----------
    .. [1] NVIDIA DGX H100 User Guide (2023), power specifications.
    """
    n = check_nonnegative("n_accelerators", n_accelerators)
    a = check_positive("all_in_power_w", all_in_power_w, unit="W")
    return n * a


def fleet_flops(
    n_accelerators: float | np.ndarray,
    dense_bf16_flops: float | np.ndarray,
    utilization: float | np.ndarray = 1.0,
) -> np.ndarray:
    """Fleet compute rate: ``n * dense_bf16_flops * utilization`` [FLOP/s].

    Parameters
    ----------
    n_accelerators : float or ndarray
        Working accelerators [-], >= 0.
    dense_bf16_flops : float or ndarray
        Peak dense BF16 rate per accelerator [FLOP/s], > 0 (no sparsity).
    utilization : float or ndarray
        Achieved fraction of peak (model FLOP utilization) in [0, 1];
        1.0 gives the peak.

    Returns
    -------
    ndarray
        Fleet rate [FLOP/s].

    References
    ----------
    .. [1] NVIDIA H100 datasheet (2023): 1979 TFLOPS BF16 with 2:4 sparsity,
       i.e. 989 TFLOPS dense.
    """
    n = check_nonnegative("n_accelerators", n_accelerators)
    f = check_positive("dense_bf16_flops", dense_bf16_flops, unit="FLOP/s")
    u = check_range("utilization", utilization, 0.0, 1.0)
    return n * f * u


def accelerator_capex_usd(
    n_accelerators: float | np.ndarray, price_usd: float | np.ndarray
) -> np.ndarray:
    """Purchase cost of the accelerators: ``n * price_usd`` [USD].

    ``price_usd`` is per accelerator (for a rack: rack price / accelerators
    per rack, as ``accelerators.csv`` stores it).

    References
    ----------
    .. [1] Cottier et al., "The rising costs of training frontier AI models",
       arXiv:2405.21015 (2024): H100 at USD 25-30k.
    """
    n = check_nonnegative("n_accelerators", n_accelerators)
    p = check_nonnegative("price_usd", price_usd, unit="USD")
    return n * p


def hazard_rate_per_year(annual_failure_rate: float | np.ndarray) -> np.ndarray:
    """Constant hazard rate from an annual failure rate [1/year].

    ``lambda = -ln(1 - AFR)``, so that a unit survives one year with
    probability ``1 - AFR`` [1]_.

    Parameters
    ----------
    annual_failure_rate : float or ndarray
        Fraction of units that fail in one year, in [0, 1).

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2,
       exponential distribution ``R(t) = exp(-lambda t)``.
    """
    afr = check_range("annual_failure_rate", annual_failure_rate, 0.0, 1.0, high_inclusive=False)
    return -np.log1p(-afr)


def surviving_fraction(
    annual_failure_rate: float | np.ndarray, years: float | np.ndarray
) -> np.ndarray:
    """Fraction of units still working after ``years`` without repair.

    ``S(t) = (1 - AFR)^t = exp(-lambda t)`` (constant hazard) [1]_. Pass
    ``years`` as an array (e.g. ``np.arange(11)``) and ``annual_failure_rate``
    with a trailing singleton axis to get a year-by-year curve.

    Parameters
    ----------
    annual_failure_rate : float or ndarray
        In [0, 1).
    years : float or ndarray
        Time in service [years], >= 0.

    Returns
    -------
    ndarray
        Surviving fraction in (0, 1].

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2.
    """
    lam = hazard_rate_per_year(annual_failure_rate)
    t = check_nonnegative("years", years, unit="years")
    return np.exp(-lam * t)


def expected_failures(
    n_units: float | np.ndarray,
    annual_failure_rate: float | np.ndarray,
    years: float | np.ndarray,
) -> np.ndarray:
    """Units expected to have failed after ``years`` without repair.

    ``n * (1 - S(t))``; failed units stay failed (no replacement) [1]_.

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2.
    """
    n = check_nonnegative("n_units", n_units)
    lam = hazard_rate_per_year(annual_failure_rate)
    t = check_nonnegative("years", years, unit="years")
    return n * -np.expm1(-lam * t)


def expected_replacements(
    n_units: float | np.ndarray,
    annual_failure_rate: float | np.ndarray,
    years: float | np.ndarray,
) -> np.ndarray:
    """Replacements needed to keep ``n_units`` working for ``years``.

    With replace-on-failure and a constant hazard, failures in each slot form a
    Poisson process, so the expected count is ``n * lambda * t`` with
    ``lambda = -ln(1 - AFR)`` [1]_. (Replacements also fail, hence this exceeds
    :func:`expected_failures`.)

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 6
       (renewal function of the exponential distribution, ``M(t) = lambda t``).
    """
    n = check_nonnegative("n_units", n_units)
    lam = hazard_rate_per_year(annual_failure_rate)
    t = check_nonnegative("years", years, unit="years")
    return n * lam * t


def spares_for_survival(
    n_required: float | np.ndarray,
    annual_failure_rate: float | np.ndarray,
    years: float | np.ndarray,
    *,
    whole: bool = True,
) -> np.ndarray:
    """Extra units to launch so that, on average, ``n_required`` still work at ``years``.

    Without repair, ``N0 * S(t) = n_required`` gives ``spares = n_required /
    S(t) - n_required`` (expected value; no confidence margin) [1]_. With
    ``whole`` the total ``N0`` is rounded up to a whole unit.

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2.
    """
    n = check_nonnegative("n_required", n_required)
    s = surviving_fraction(annual_failure_rate, years)
    total = n / s
    if check_flag("whole", whole):
        total = _ceil(total)
    return total - n
