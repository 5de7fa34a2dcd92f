"""Accelerator hardware: catalog specs, fleet sizing, compute, capex and failures.

Pure functions on numpy arrays; every numeric argument may be a float or an
ndarray and arrays broadcast. Catalog defaults come from
``data/accelerators.csv`` through :func:`accelerator`, and every number can be
overridden.

Power convention: ``all_in_power_w`` is the power of one accelerator's share of
its server or rack (server or rack maximum input power divided by the
accelerators it holds), so it already includes CPUs, switches, NICs and fans.
IT power of a fleet = accelerators x all-in power.

Failure convention: an ``annual_failure_rate`` is failures per unit-year in
service, a constant hazard rate ``lambda`` [1/year], as fleet failure logs report
it (Meta's Llama 3 pre-training: faulty GPUs and HBM per GPU-year [5]_); a unit
survives ``t`` years with probability ``exp(-lambda t)``. The orbital spares
(:func:`spares_for_survival`, no repair) and the terrestrial replacements
(:func:`expected_replacements`, replaced on failure) read the same number this way.
Data given as the fraction of units that failed within a time convert with
:func:`failure_rate_from_fraction`.

References
----------
.. [1] NVIDIA, "H100 Tensor Core GPU datasheet" (2023) and "DGX H100/H200 User
   Guide" (2023): 700 W, 989 TFLOPS dense BF16, 10.2 kW per 8-GPU system.
.. [2] NVIDIA, "DGX B200 User Guide" (2024); "GB200 NVL72" product page (2024).
.. [3] Google Cloud, "Cloud TPU v6e" documentation (2024).
.. [4] O'Connor, P. D. T. and Kleyner, A., "Practical Reliability Engineering",
   5th ed., Wiley, 2012, ch. 2 (constant hazard rate, exponential survival) and
   ch. 6 (renewal: expected replacements under a constant failure rate).
.. [5] Llama Team, AI @ Meta, "The Llama 3 Herd of Models", arXiv:2407.21783
   (2024), Table 5.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from orbitcompute import catalog
from orbitcompute._counts import ceil_count
from orbitcompute._validate import (
    check_finite_result,
    check_flag,
    check_nonnegative,
    check_positive,
    check_range,
    guarded,
)

__all__ = [
    "NUMERIC_COLUMNS",
    "accelerator",
    "accelerator_capex_usd",
    "accelerators_for_it_power",
    "expected_failures",
    "expected_replacements",
    "failure_rate_from_fraction",
    "fleet_flops",
    "fleet_it_power_w",
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


@guarded("the accelerator counts")
def accelerators_for_it_power(
    it_power_w: float | np.ndarray,
    all_in_power_w: float | np.ndarray,
    *,
    whole: bool = True,
) -> np.ndarray:
    """Accelerators needed to cover an IT power load.

    ``n = it_power_w / all_in_power_w``, rounded UP to a whole accelerator when
    ``whole``: the count whose all-in power covers (is at least) the IT load, which
    may exceed it by up to one accelerator's power; the count that fits within a
    budget is one less where the ratio is not whole (``floor``).

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
        Accelerator count [-] that covers ``it_power_w`` (rounded up when ``whole``).

    Raises
    ------
    InputError
        A value outside its range, a ``whole`` that is not a bool, arrays that do
        not broadcast together, or a count beyond float64 (naming both inputs).

    References
    ----------
    .. [1] NVIDIA DGX H100 User Guide (2023): 10.2 kW per 8 GPUs, so a 1 MW IT
       load needs 1e6 / 1275 = 784.3 -> 785 H100 to cover it (785 x 1275 W =
       1.000875 MW); 784 fit within 1 MW.
    """
    p = check_nonnegative("it_power_w", it_power_w, unit="W")
    a = check_positive("all_in_power_w", all_in_power_w, unit="W")
    rounded = check_flag("whole", whole)
    with np.errstate(over="ignore"):  # reported below, naming the inputs
        n = p / a
    check_finite_result(
        n,
        "the accelerator count it_power_w / all_in_power_w overflows float64",
        it_power_w=p,
        all_in_power_w=a,
    )
    return ceil_count(n) if rounded else n


@guarded("the fleet IT powers")
def fleet_it_power_w(
    n_accelerators: float | np.ndarray, all_in_power_w: float | np.ndarray
) -> np.ndarray:
    """IT power of a fleet: ``n * all_in_power_w`` [W].

    Parameters
    ----------
    n_accelerators : float or ndarray
        Accelerators [-], >= 0.
    all_in_power_w : float or ndarray
        Power per accelerator in its server or rack [W], > 0.

    Returns
    -------
    ndarray
        IT power [W] (excluding facility overhead).

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a
        product beyond float64.

    References
    ----------
    .. [1] NVIDIA DGX H100 User Guide (2023), power specifications.
    """
    n = check_nonnegative("n_accelerators", n_accelerators)
    a = check_positive("all_in_power_w", all_in_power_w, unit="W")
    return n * a


@guarded("the fleet compute rates")
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

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a
        product beyond float64.

    References
    ----------
    .. [1] NVIDIA H100 datasheet (2023): 1979 TFLOPS BF16 with 2:4 sparsity,
       i.e. 989 TFLOPS dense.
    """
    n = check_nonnegative("n_accelerators", n_accelerators)
    f = check_positive("dense_bf16_flops", dense_bf16_flops, unit="FLOP/s")
    u = check_range("utilization", utilization, 0.0, 1.0)
    return n * f * u


@guarded("the accelerator costs")
def accelerator_capex_usd(
    n_accelerators: float | np.ndarray, price_usd: float | np.ndarray
) -> np.ndarray:
    """Purchase cost of the accelerators: ``n * price_usd`` [USD].

    ``price_usd`` is per accelerator (for a rack: rack price / accelerators
    per rack, as ``accelerators.csv`` stores it).

    Parameters
    ----------
    n_accelerators : float or ndarray
        Accelerators [-], >= 0.
    price_usd : float or ndarray
        Price per accelerator [USD], >= 0.

    Returns
    -------
    ndarray
        Purchase cost [USD].

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a
        product beyond float64.

    References
    ----------
    .. [1] Cottier et al., "The rising costs of training frontier AI models",
       arXiv:2405.21015 (2024): H100 at USD 25-30k.
    """
    n = check_nonnegative("n_accelerators", n_accelerators)
    p = check_nonnegative("price_usd", price_usd, unit="USD")
    return n * p


@guarded("the failure rates")
def failure_rate_from_fraction(
    fraction_failed: float | np.ndarray, years: float | np.ndarray = 1.0
) -> np.ndarray:
    """Constant failure rate from the fraction of units that failed within ``years``.

    ``lambda = -ln(1 - F) / t`` [1]_: the rate per unit-year that this module's
    ``annual_failure_rate`` arguments take, for data reported as "a fraction ``F``
    of the units failed within ``t`` years" rather than as failures per unit-year
    (fleet logs such as Meta's Llama 3 report [2]_ give the rate itself). A
    one-year fraction of 9 % is a rate of 0.0943/yr.

    Parameters
    ----------
    fraction_failed : float or ndarray
        Fraction of the units that failed within ``years`` without repair, in [0, 1).
    years : float or ndarray
        The time over which they failed [years], > 0 (default one year).

    Returns
    -------
    ndarray
        Failure rate ``lambda`` [1/year], >= 0.

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a rate
        beyond float64 (a ``years`` far too small, e.g. 1e-310), naming both inputs.

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2,
       exponential distribution ``R(t) = exp(-lambda t)``.
    .. [2] Llama Team, AI @ Meta, "The Llama 3 Herd of Models", arXiv:2407.21783
       (2024), Table 5: interruptions by cause over 54 days on 16,384 GPUs.
    """
    f = check_range("fraction_failed", fraction_failed, 0.0, 1.0, high_inclusive=False)
    t = check_positive("years", years, unit="years")
    with np.errstate(over="ignore"):  # reported below, naming both inputs
        lam = -np.log1p(-f) / t
    check_finite_result(
        lam,
        "the failure rate -ln(1 - fraction_failed) / years overflows float64",
        fraction_failed=f,
        years=t,
    )
    return lam


@guarded("the surviving fractions")
def surviving_fraction(
    annual_failure_rate: float | np.ndarray, years: float | np.ndarray
) -> np.ndarray:
    """Fraction of units still working after ``years`` without repair.

    ``S(t) = exp(-lambda t)`` with ``lambda`` the ``annual_failure_rate``
    (constant hazard) [1]_. Pass
    ``years`` as an array (e.g. ``np.arange(11)``) and ``annual_failure_rate``
    with a trailing singleton axis to get a year-by-year curve.

    Parameters
    ----------
    annual_failure_rate : float or ndarray
        Failures per unit-year in service, a constant hazard rate ``lambda``
        [1/year], >= 0 (see the module docstring; a fraction failed over a time:
        :func:`failure_rate_from_fraction`).
    years : float or ndarray
        Time in service [years], >= 0.

    Returns
    -------
    ndarray
        Surviving fraction in [0, 1]. It is 0.0 only where the exact value
        ``exp(-lambda t)`` is below the smallest float64 (~4.9e-324), i.e.
        ``lambda t > 745`` (e.g. 0.05 failures per unit-year for more than 14,900
        years): 0.0 is then the correctly rounded value, not an error. A caller that divides by it
        (units to launch) must treat that case; :func:`spares_for_survival` reports
        it as an overflow.

    Raises
    ------
    InputError
        A value outside its range, or arrays that do not broadcast together.

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2.
    """
    lam = check_nonnegative("annual_failure_rate", annual_failure_rate, unit="1/year")
    t = check_nonnegative("years", years, unit="years")
    # lambda t beyond float64: exp(-inf) = 0; below 4.9e-324: 0, as above (not an error
    # even where numpy is set to raise on underflow)
    with np.errstate(over="ignore", under="ignore"):
        return np.exp(-lam * t)


@guarded("the expected failures")
def expected_failures(
    n_units: float | np.ndarray,
    annual_failure_rate: float | np.ndarray,
    years: float | np.ndarray,
) -> np.ndarray:
    """Units expected to have failed after ``years`` without repair.

    ``n * (1 - S(t))``; failed units stay failed (no replacement) [1]_.

    Parameters
    ----------
    n_units : float or ndarray
        Units in service at ``t = 0`` [-], >= 0.
    annual_failure_rate : float or ndarray
        Failures per unit-year in service, a constant hazard rate ``lambda``
        [1/year], >= 0 (see the module docstring; a fraction failed over a time:
        :func:`failure_rate_from_fraction`).
    years : float or ndarray
        Time in service [years], >= 0.

    Returns
    -------
    ndarray
        Expected failed units [-], in [0, ``n_units``].

    Raises
    ------
    InputError
        A value outside its range, or arrays that do not broadcast together.

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2.
    """
    n = check_nonnegative("n_units", n_units)
    lam = check_nonnegative("annual_failure_rate", annual_failure_rate, unit="1/year")
    t = check_nonnegative("years", years, unit="years")
    with np.errstate(over="ignore"):  # lambda t beyond float64: all have failed
        return n * -np.expm1(-lam * t)


@guarded("the expected replacements")
def expected_replacements(
    n_units: float | np.ndarray,
    annual_failure_rate: float | np.ndarray,
    years: float | np.ndarray,
) -> np.ndarray:
    """Replacements needed to keep ``n_units`` working for ``years``.

    With replace-on-failure and a constant hazard, failures in each slot form a
    Poisson process, so the expected count is ``n * lambda * t`` with
    ``lambda`` the ``annual_failure_rate`` [1]_. (Replacements also fail, hence this exceeds
    :func:`expected_failures`.)

    Parameters
    ----------
    n_units : float or ndarray
        Units kept working [-], >= 0.
    annual_failure_rate : float or ndarray
        Failures per unit-year in service, a constant hazard rate ``lambda``
        [1/year], >= 0 (see the module docstring; a fraction failed over a time:
        :func:`failure_rate_from_fraction`).
    years : float or ndarray
        Time in service [years], >= 0.

    Returns
    -------
    ndarray
        Expected replacements over ``years`` [-], >= 0.

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or a
        count beyond float64 (naming the three inputs).

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 6
       (renewal function of the exponential distribution, ``M(t) = lambda t``).
    """
    n = check_nonnegative("n_units", n_units)
    lam = check_nonnegative("annual_failure_rate", annual_failure_rate, unit="1/year")
    t = check_nonnegative("years", years, unit="years")
    with np.errstate(over="ignore", invalid="ignore"):  # reported below, naming the inputs
        out = n * lam * t
    # a zero factor gives none, also where the product of the other two overflows
    # (inf * 0 = NaN)
    out = np.where((n == 0) | (lam == 0) | (t == 0), 0.0, out)
    check_finite_result(
        out,
        "the expected replacements n_units * annual_failure_rate * years overflow float64",
        n_units=n,
        annual_failure_rate=lam,
        years=t,
    )
    return out


@guarded("the spares")
def spares_for_survival(
    n_required: float | np.ndarray,
    annual_failure_rate: float | np.ndarray,
    years: float | np.ndarray,
    *,
    whole: bool = True,
) -> np.ndarray:
    """Extra units to launch so that, on average, ``n_required`` still work at ``years``.

    Without repair, ``N0 * S(t) = n_required`` gives ``spares = n_required /
    S(t) - n_required = n_required * (exp(lambda t) - 1)`` (expected value; no
    confidence margin) [1]_. With ``whole`` the total ``N0`` is rounded up to a
    whole unit.

    Parameters
    ----------
    n_required : float or ndarray
        Units that must still work at ``years`` [-], >= 0.
    annual_failure_rate : float or ndarray
        Failures per unit-year in service, a constant hazard rate ``lambda``
        [1/year], >= 0 (see the module docstring; a fraction failed over a time:
        :func:`failure_rate_from_fraction`).
    years : float or ndarray
        Time in service [years], >= 0.
    whole : bool
        Round the total ``N0`` up to a whole unit (default) or return the real
        expected value.

    Returns
    -------
    ndarray
        Spares ``N0 - n_required`` [-], finite and >= 0 (0 where ``n_required = 0``).

    Raises
    ------
    InputError
        A value outside its range; a ``whole`` that is not a bool; arrays that do
        not broadcast together; a total ``N0 = n_required * exp(lambda t)`` beyond
        float64 (1.8e308: ``lambda t`` above ``709.78 - ln(n_required)``, e.g. 696 for
        a million units), naming the three inputs. An error rather than inf: the exact
        number of units is finite but not representable, and no design needs it.

    References
    ----------
    .. [1] O'Connor & Kleyner, Practical Reliability Engineering (2012), ch. 2.
    """
    n = check_nonnegative("n_required", n_required)
    lam = check_nonnegative("annual_failure_rate", annual_failure_rate, unit="1/year")
    t = check_nonnegative("years", years, unit="years")
    rounded = check_flag("whole", whole)
    with np.errstate(over="ignore"):  # reported below, naming the inputs
        # 1/S(t) = exp(lambda t); none needed where nothing is required
        lt = np.where(n > 0, lam * t, 0.0)
        total = n * np.exp(lt)
        spares = ceil_count(total) - n if rounded else n * np.expm1(lt)
    check_finite_result(
        total,
        "the units to launch, n_required * exp(annual_failure_rate * years), overflow float64",
        n_required=n,
        annual_failure_rate=lam,
        years=t,
    )
    return spares
