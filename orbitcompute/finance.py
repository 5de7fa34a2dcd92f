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

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from orbitcompute._validate import (
    as_float_array,
    check_flag,
    check_nonnegative,
    check_positive,
    check_range,
    check_whole_number,
)
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

    ``CRF = r (1+r)^n / ((1+r)^n - 1)``, and ``1/n`` when ``r = 0`` [1]_. It is
    evaluated as ``r / (1 - (1+r)^-n)`` with ``(1+r)^-n = exp(-n log1p(r))``
    (``expm1``/``log1p``): accurate for very small rates and free of overflow for
    long periods, where it tends to ``r`` (a perpetuity).

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
    # 1 - (1+r)^-n via expm1/log1p: accurate for very small rates, and it tends to 1
    # (CRF -> r) for long periods instead of overflowing as (1+r)^n does
    rz, nz = r[~zero], n[~zero]
    out[~zero] = rz / -np.expm1(-nz * np.log1p(rz))
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
        Number of years in the horizon, a whole number >= 1 (``5`` or ``5.0``; not
        ``5.5``, NaN, infinity, a string or an array). There is no upper bound other
        than the memory for one factor per year.
    mid_year : bool
        Mid-year convention.

    Returns
    -------
    ndarray
        Shape ``discount_rate.shape + (years,)``.

    Raises
    ------
    InputError
        A rate outside [0, 1), ``years`` not a whole number >= 1 (or too many years
        to hold in memory), or ``mid_year`` not a bool.

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-1.
    """
    r = check_range("discount_rate", discount_rate, 0.0, 1.0, high_inclusive=False)
    if type(years) is int and years >= 1:  # hot path: skips even the check's message formatting
        n = years
    else:  # no bound but memory (reported below), hence high=inf
        n = check_whole_number("years", years, 1, math.inf, "years")  # type: ignore[arg-type]
    check_flag("mid_year", mid_year)
    try:
        if r.ndim == 0:  # one rate (every placement's default): computed once, copied
            return _one_rate_factors(float(r), n, bool(mid_year)).copy()
        t = np.arange(n, dtype=float) + (0.5 if mid_year else 1.0)
        return (1.0 + r[..., None]) ** (-t)
    except (ValueError, MemoryError):  # numpy's "Maximum allowed size exceeded", or no memory
        raise InputError(
            f"years={years!r}: too many years to hold one discount factor per year in memory"
        ) from None


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
        Sum over years of ``cashflow_t * DF_t`` [USD]. A scalar cash flow is one year.

    Raises
    ------
    InputError
        Cash flows that are not finite numbers (NaN, infinity, None, text), or a
        bad ``discount_rate`` or ``mid_year``.
    """
    cf = _by_year("cashflows_by_year", cashflows_by_year)
    return discounted_sum(cf, discount_factors(discount_rate, cf.shape[-1], mid_year=mid_year))


def _by_year(name: str, value: Any) -> np.ndarray:
    """``value`` as a finite float array with a year axis (a scalar is one year)."""
    arr = as_float_array(name, value)
    return arr[None] if arr.ndim == 0 else arr


def _short(arr: np.ndarray) -> str:
    """An array for an error message: a few values, never thousands."""
    return np.array2string(np.asarray(arr), threshold=8, edgeitems=3, separator=", ")


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

    Raises
    ------
    InputError
        A scalar (no year axis), a different number of years in the two arrays,
        leading axes that do not broadcast, or a value or factor that is not a
        finite number. The finiteness is checked on the (small) result, so the
        common case costs no pass over the inputs.

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-1.
    """
    for name, v in (("values_by_year", values_by_year), ("factors", factors)):
        if v is None:
            raise InputError(f"{name}=None: must be an array of numbers by year")
    try:
        x = np.asarray(values_by_year, dtype=float)
        df = np.asarray(factors, dtype=float)
    except (TypeError, ValueError):
        bad, val = (
            ("values_by_year", values_by_year)
            if _not_floats(values_by_year)
            else ("factors", factors)
        )
        raise InputError(f"{bad}={val!r}: must be an array of numbers by year") from None
    for name, a in (("values_by_year", x), ("factors", df)):
        if a.ndim == 0:
            raise InputError(f"{name}={_short(a)}: must be an array with the year on its last axis")
    if x.shape[-1] != df.shape[-1]:
        raise InputError(
            f"values_by_year={_short(x)}: {x.shape[-1]} years on the last axis, but "
            f"factors has {df.shape[-1]}; give one value per discount factor"
        )
    if df.ndim == 1:
        out = x @ df
    else:
        try:
            np.broadcast_shapes(x.shape, df.shape)
        except ValueError:
            raise InputError(
                f"values_by_year=<shape {x.shape}>: leading axes do not broadcast with "
                f"factors of shape {df.shape}"
            ) from None
        out = np.sum(x * df, axis=-1)
    if not np.all(np.isfinite(out)):
        as_float_array("factors", df)  # names the first NaN/inf, input by input
        as_float_array("values_by_year", x)
        raise InputError(
            f"values_by_year={_short(x)}: the discounted sum overflows (beyond 1.8e308)"
        )
    return out


def _not_floats(value: Any) -> bool:
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return True
    return False


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
        Costs incurred in each year [USD], year on the last axis; finite (a
        negative value is a net income, e.g. a salvage value).
    output_by_year : ndarray
        Output in each year (MWh, accelerator-hours, PFLOP-hours, ...), >= 0, with
        as many years as ``cost_by_year``; leading axes broadcast.
    discount_rate : float or ndarray
        Real discount rate [-].
    mid_year : bool
        Mid-year convention.

    Returns
    -------
    ndarray
        Cost per unit of output [USD/unit].

    Raises
    ------
    InputError
        Costs or outputs that are not finite numbers, a negative output, a
        different number of years in the two arrays, or an output whose total is
        zero (nothing delivered: the cost per unit is undefined; a caller that
        evaluates designs which may deliver nothing divides the two present
        values itself and flags those designs infeasible).

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 5-1.
    """
    cost = _by_year("cost_by_year", cost_by_year)
    out = _by_year("output_by_year", output_by_year)
    check_nonnegative("output_by_year", out)
    if cost.shape[-1] != out.shape[-1]:
        raise InputError(
            f"output_by_year={_short(out)}: {out.shape[-1]} years on the last axis, but "
            f"cost_by_year has {cost.shape[-1]}; give one value per year for both"
        )
    num = present_value(cost, discount_rate, mid_year=mid_year)
    den = present_value(out, discount_rate, mid_year=mid_year)
    if np.any(den <= 0):
        zero = np.broadcast_to(out, (*np.shape(den), out.shape[-1]))[
            np.broadcast_to(den <= 0, np.shape(den))
        ][0]
        raise InputError(
            f"output_by_year={_short(zero)}: the (discounted) output sums to zero; the "
            "levelized cost, cost per unit of output, is undefined when nothing is delivered"
        )
    return num / den


def learning_exponent(
    learning_rate: float | np.ndarray, *, name: str = "learning_rate"
) -> np.ndarray:
    """Wright's-law exponent ``b = log2(1 - learning_rate)`` (negative) [2]_.

    A learning rate of 0.2 means each doubling of cumulative production cuts
    the unit price to 80 %. ``name`` is how error messages spell the rate (for a
    caller that takes it under another name).
    """
    lr = check_range(name, learning_rate, 0.0, 1.0, high_inclusive=False)
    return np.log2(1.0 - lr)


def wright_learning_price(
    initial_price: float | np.ndarray,
    cumulative_quantity: float | np.ndarray,
    reference_quantity: float | np.ndarray,
    learning_rate: float | np.ndarray,
    *,
    names: Mapping[str, str] | None = None,
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
    names : mapping, optional
        How error messages spell these parameters, for a function that delegates
        here under other names, e.g. ``{"cumulative_quantity": "cumulative_mass_kg"}``;
        parameters not in it keep their own names.

    Returns
    -------
    ndarray
        Price in the unit of ``initial_price``.

    References
    ----------
    .. [2] Wright (1936), Journal of the Aeronautical Sciences 3(4).
    """
    nm = names or {}
    p0 = check_nonnegative(nm.get("initial_price", "initial_price"), initial_price)
    q = check_nonnegative(nm.get("cumulative_quantity", "cumulative_quantity"), cumulative_quantity)
    q0 = check_positive(nm.get("reference_quantity", "reference_quantity"), reference_quantity)
    b = learning_exponent(learning_rate, name=nm.get("learning_rate", "learning_rate"))
    ratio = np.maximum(q / q0, 1.0)
    return p0 * ratio**b
