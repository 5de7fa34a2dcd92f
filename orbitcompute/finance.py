"""Discounting, capital recovery, levelized cost and learning curves.

Pure functions on numpy arrays. Cash flows by year carry the year on the last
axis; year index 0 is the first year of the horizon and is discounted by one
full period when ``mid_year=False`` (end-of-year convention) or by half a
period with ``mid_year=True``.

References
----------
.. [1] Short, W., Packey, D. J., Holt, T., "A Manual for the Economic
   Evaluation of Energy Efficiency and Renewable Energy Technologies",
   NREL/TP-462-5173, 1995, sections 4 (present value, capital recovery
   factor) and 5 (levelized cost of energy).
.. [2] Wright, T. P., "Factors Affecting the Cost of Airplanes", Journal of the
   Aeronautical Sciences 3(4), 122-128, 1936.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from orbitcompute._validate import check_nonnegative, check_positive, check_range
from orbitcompute.errors import InputError

__all__ = [
    "capital_recovery_factor",
    "discount_factors",
    "discounted_sum",
    "learning_exponent",
    "levelized_cost",
    "present_value",
    "wright_learning_price",
]


def capital_recovery_factor(
    discount_rate: float | np.ndarray, years: float | np.ndarray
) -> np.ndarray:
    """Capital recovery factor: the annuity that repays 1 USD over ``years``.

    ``CRF = r (1+r)^n / ((1+r)^n - 1)``, and ``1/n`` when ``r = 0`` [1]_.

    Parameters
    ----------
    discount_rate : float or ndarray
        Real discount rate per year [-], >= 0 and < 1.
    years : float or ndarray
        Recovery period [years], > 0.

    Returns
    -------
    ndarray
        Annual payment per USD of capital [1/year].

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-4.
    """
    r = check_range("discount_rate", discount_rate, 0.0, 1.0, high_inclusive=False)
    n = check_positive("years", years, unit="years")
    r, n = np.broadcast_arrays(r, n)
    out = np.empty(r.shape, dtype=float)
    zero = r == 0
    out[zero] = 1.0 / n[zero]
    # (1+r)^n - 1 via expm1/log1p stays accurate for very small rates
    gm1 = np.expm1(n[~zero] * np.log1p(r[~zero]))
    out[~zero] = r[~zero] * (gm1 + 1.0) / gm1
    return out


def discount_factors(
    discount_rate: float | np.ndarray, years: int, *, mid_year: bool = False
) -> np.ndarray:
    """Discount factors for each year of a horizon.

    ``DF_t = (1 + r)^-(t + 1)`` for ``t = 0 .. years-1`` (end of year), or
    ``(1 + r)^-(t + 0.5)`` with ``mid_year=True`` [1]_.

    Parameters
    ----------
    discount_rate : float or ndarray
        Real discount rate per year [-], in [0, 1).
    years : int
        Number of years in the horizon, >= 1.
    mid_year : bool
        Mid-year convention.

    Returns
    -------
    ndarray
        Shape ``discount_rate.shape + (years,)``.

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-1.
    """
    r = check_range("discount_rate", discount_rate, 0.0, 1.0, high_inclusive=False)
    if isinstance(years, bool) or int(np.round(years)) != years or years < 1:
        raise InputError(f"years={years!r}: must be a whole number of years >= 1")
    if r.ndim == 0:  # one rate (every placement's default): computed once, copied
        return _one_rate_factors(float(r), int(years), bool(mid_year)).copy()
    t = np.arange(int(years), dtype=float) + (0.5 if mid_year else 1.0)
    return (1.0 + r[..., None]) ** (-t)


@lru_cache(maxsize=256)
def _one_rate_factors(rate: float, years: int, mid_year: bool) -> np.ndarray:
    """:func:`discount_factors` of one checked rate (the same arithmetic), cached."""
    t = np.arange(years, dtype=float) + (0.5 if mid_year else 1.0)
    return (1.0 + np.asarray(rate)[..., None]) ** (-t)


def present_value(
    cashflows_by_year: np.ndarray, discount_rate: float | np.ndarray, *, mid_year: bool = False
) -> np.ndarray:
    """Present value of cash flows whose last axis is the year of the horizon.

    Parameters
    ----------
    cashflows_by_year : ndarray
        Cash flow in each year [USD], year on the last axis (index 0 = first year).
    discount_rate : float or ndarray
        Real discount rate [-]; broadcasts against the leading axes.
    mid_year : bool
        Mid-year convention.

    Returns
    -------
    ndarray
        Sum over years of ``cashflow_t * DF_t`` [USD].
    """
    cf = np.asarray(cashflows_by_year, dtype=float)
    if cf.ndim == 0:
        cf = cf[None]
    return discounted_sum(cf, discount_factors(discount_rate, cf.shape[-1], mid_year=mid_year))


def discounted_sum(values_by_year: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """``sum_t x_t DF_t`` over the trailing (year) axis, for factors already computed.

    With one row of factors (one discount rate) this is a dot product per row of
    ``values_by_year``; otherwise the factors broadcast against the leading axes.

    Parameters
    ----------
    values_by_year : ndarray
        Values (cash flows, output, ...) with the year on the last axis.
    factors : ndarray
        Discount factors from :func:`discount_factors`, year on the last axis.

    Returns
    -------
    ndarray
        The discounted sums, with the leading shape.

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-1.
    """
    x = np.asarray(values_by_year, dtype=float)
    if np.ndim(factors) == 1:
        return x @ factors
    return np.sum(x * factors, axis=-1)


def levelized_cost(
    cost_by_year: np.ndarray,
    output_by_year: np.ndarray,
    discount_rate: float | np.ndarray = 0.0,
    *,
    mid_year: bool = False,
) -> np.ndarray:
    """Levelized cost: discounted costs over discounted output [1]_.

    ``LC = sum_t C_t DF_t / sum_t Q_t DF_t``. With ``discount_rate = 0`` this
    is total cost over total output (the undiscounted levelized cost).

    Parameters
    ----------
    cost_by_year : ndarray
        Costs incurred in each year [USD], year on the last axis.
    output_by_year : ndarray
        Output in each year (MWh, accelerator-hours, PFLOP-hours, ...).
    discount_rate : float or ndarray
        Real discount rate [-].

    Returns
    -------
    ndarray
        Cost per unit of output [USD/unit]; NaN where the output is zero
        (nothing delivered: the caller reports the placement infeasible).

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 5-1.
    """
    num = present_value(cost_by_year, discount_rate, mid_year=mid_year)
    den = present_value(output_by_year, discount_rate, mid_year=mid_year)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def learning_exponent(learning_rate: float | np.ndarray) -> np.ndarray:
    """Wright's-law exponent ``b = log2(1 - learning_rate)`` (negative) [2]_.

    A learning rate of 0.2 means each doubling of cumulative production cuts
    the unit price to 80 %.
    """
    lr = check_range("learning_rate", learning_rate, 0.0, 1.0, high_inclusive=False)
    return np.log2(1.0 - lr)


def wright_learning_price(
    initial_price: float | np.ndarray,
    cumulative_quantity: float | np.ndarray,
    reference_quantity: float | np.ndarray,
    learning_rate: float | np.ndarray,
) -> np.ndarray:
    """Unit price after learning, by Wright's law [2]_.

    ``p = p0 * (Q / Q0)^log2(1 - LR)`` for ``Q >= Q0``; below the reference
    quantity the price stays ``p0`` (no learning is claimed before the
    reference experience).

    Parameters
    ----------
    initial_price : float or ndarray
        Price at the reference cumulative quantity [any price unit], >= 0.
    cumulative_quantity : float or ndarray
        Cumulative production or launched mass so far, >= 0.
    reference_quantity : float or ndarray
        Cumulative quantity at which ``initial_price`` holds, > 0.
    learning_rate : float or ndarray
        Fractional price drop per doubling, in [0, 1).

    Returns
    -------
    ndarray
        Price in the unit of ``initial_price``.

    References
    ----------
    .. [2] Wright (1936), Journal of the Aeronautical Sciences 3(4).
    """
    p0 = check_nonnegative("initial_price", initial_price)
    q = check_nonnegative("cumulative_quantity", cumulative_quantity)
    q0 = check_positive("reference_quantity", reference_quantity)
    b = learning_exponent(learning_rate)
    ratio = np.maximum(q / q0, 1.0)
    return p0 * ratio**b
