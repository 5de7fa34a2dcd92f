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
    MAX_HORIZON_YEARS,
    as_float_array,
    check_flag,
    check_nonnegative,
    check_positive,
    check_range,
    check_whole_number,
    did_you_mean,
    guarded,
    short_repr,
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


@guarded("the capital recovery factors")
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

    Raises
    ------
    InputError
        A rate outside [0, 1), a period that is not > 0, a period so short
        (below about 5e-309 years) that the factor, about ``1/years``, overflows
        float64, or arrays that do not broadcast together.

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-4.
    """
    r = check_range("discount_rate", discount_rate, 0.0, 1.0, high_inclusive=False)
    n = check_positive("years", years, unit="years")
    r, n = np.broadcast_arrays(r, n)
    out = np.empty(r.shape, dtype=float)
    zero = r == 0
    # 1 - (1+r)^-n via expm1/log1p: accurate for very small rates, and it tends to 1
    # (CRF -> r) for long periods instead of overflowing as (1+r)^n does
    rz, nz = r[~zero], n[~zero]
    with np.errstate(over="ignore", divide="ignore"):  # reported below, naming years
        out[zero] = 1.0 / n[zero]
        out[~zero] = rz / -np.expm1(-nz * np.log1p(rz))
    if not np.all(np.isfinite(out)):
        short = n[~np.isfinite(out)].ravel()[0]
        raise InputError(
            f"years={short:g}: too short: the capital recovery factor, about 1/years, "
            "overflows float64 (above 1.8e308)"
        )
    return out


@guarded("the discount factors")
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
        if r.ndim == 0 and n <= MAX_HORIZON_YEARS:  # one rate (every placement's default):
            # computed once, copied; the cache holds at most 256 x 1,000 factors (2 MB)
            return _one_rate_factors(float(r), n, bool(mid_year)).copy()
        if r.ndim == 0:  # a longer horizon: not kept alive by the cache
            return _one_rate_factors.__wrapped__(float(r), n, bool(mid_year))
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


@guarded("the present values")
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
        Cash flows that are not finite numbers (NaN, infinity, None, text), an
        empty year axis, or a bad ``discount_rate`` or ``mid_year``.
    """
    cf = _by_year("cashflows_by_year", cashflows_by_year)
    return _present_value("cashflows_by_year", cf, discount_rate, mid_year)


def _present_value(name: str, cf: np.ndarray, discount_rate: Any, mid_year: Any) -> np.ndarray:
    """:func:`present_value` of the checked cash flows ``cf``, which messages call ``name``.

    Unguarded: an overflow raises ``FloatingPointError`` (under the caller's
    :func:`~orbitcompute._validate.guarded`), so the message names the caller's inputs.
    """
    df = discount_factors(discount_rate, cf.shape[-1], mid_year=mid_year)
    if df.ndim > 1:
        try:
            np.broadcast_shapes(cf.shape[:-1], df.shape[:-1])
        except ValueError:
            raise InputError(
                f"{name}=<shape {cf.shape}>: its leading axes (the year is the last) do "
                f"not broadcast with discount_rate of shape {df.shape[:-1]}"
            ) from None
    return _discounted_sum(cf, df, name, "discount_rate")


def _by_year(name: str, value: Any) -> np.ndarray:
    """``value`` as a finite float array with a year axis (a scalar is one year)."""
    arr = as_float_array(name, value)
    if arr.ndim == 0:
        return arr[None]
    if arr.shape[-1] == 0:
        raise InputError(
            f"{name}={short_repr(value)}: no year on its last axis; give at least one year"
        )
    return arr


def _short(arr: np.ndarray) -> str:
    """An array for an error message: a few values, never thousands."""
    return np.array2string(np.asarray(arr), threshold=8, edgeitems=3, separator=", ")


@guarded("the discounted sums")
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
        finite number (booleans and text are not numbers). The finiteness is
        checked on the (small) result, so the common case costs no pass over the
        inputs.

    References
    ----------
    .. [1] Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 4-1.
    """
    x = _floats("values_by_year", values_by_year)
    df = _floats("factors", factors)
    for name, a in (("values_by_year", x), ("factors", df)):
        if a.ndim == 0:
            raise InputError(f"{name}={_short(a)}: must be an array with the year on its last axis")
    if x.shape[-1] != df.shape[-1]:
        raise InputError(
            f"values_by_year={_short(x)}: {x.shape[-1]} years on the last axis, but "
            f"factors has {df.shape[-1]}; give one value per discount factor"
        )
    return _discounted_sum(x, df, "values_by_year", "factors")


def _discounted_sum(x: np.ndarray, df: np.ndarray, name: str, factors_name: str) -> np.ndarray:
    """:func:`discounted_sum` of checked float arrays with as many years; messages call
    them ``name`` and ``factors_name`` (the caller's parameters). Unguarded: an overflow
    raises ``FloatingPointError`` under the caller's guard, which names its inputs."""
    if df.ndim == 1:
        with np.errstate(invalid="ignore"):  # inf * 0 in a row: NaN, named below
            out = x @ df
    else:
        try:
            np.broadcast_shapes(x.shape, df.shape)
        except ValueError:
            raise InputError(
                f"{name}=<shape {x.shape}>: leading axes do not broadcast with "
                f"{factors_name} of shape {df.shape}"
            ) from None
        out = np.sum(x * df, axis=-1)
    if not np.all(np.isfinite(out)):  # (an overflow inside np.sum raises first, if guarded)
        as_float_array(factors_name, df)  # names the first NaN/inf, input by input
        as_float_array(name, x)
        raise InputError(f"{name}={_short(x)}: the discounted sum overflows (beyond 1.8e308)")
    return out


def _floats(name: str, value: Any) -> np.ndarray:
    """``value`` as a float array for :func:`discounted_sum` (finiteness checked later)."""
    if type(value) is np.ndarray and value.dtype == np.float64:  # the common case
        return value
    arr = None
    if value is not None and not isinstance(value, (str, bytes, bool, np.bool_)):
        try:
            arr = np.asarray(value)
            if arr.dtype.kind in "bUSc":  # booleans, text and complex numbers are not
                arr = None
            else:
                arr = arr.astype(float, copy=False)
        except (TypeError, ValueError):
            arr = None
    if arr is None:
        raise InputError(f"{name}={short_repr(value)}: must be an array of numbers by year")
    return arr


@guarded("the levelized costs")
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
        Costs or outputs that are not finite numbers, an empty year axis, a
        negative output, a different number of years in the two arrays, arrays
        whose leading axes do not broadcast, a ratio that overflows float64, or
        an output whose total is
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
    num = _present_value("cost_by_year", cost, discount_rate, mid_year)
    den = _present_value("output_by_year", out, discount_rate, mid_year)
    if np.any(den <= 0):
        zero = np.broadcast_to(out, (*np.shape(den), out.shape[-1]))[
            np.broadcast_to(den <= 0, np.shape(den))
        ][0]
        raise InputError(
            f"output_by_year={_short(zero)}: the (discounted) output sums to zero; the "
            "levelized cost, cost per unit of output, is undefined when nothing is delivered"
        )
    return num / den


@guarded("the learning exponents")
def learning_exponent(
    learning_rate: float | np.ndarray, *, name: str = "learning_rate"
) -> np.ndarray:
    """Wright's-law exponent ``b = log2(1 - learning_rate)`` (negative) [2]_.

    A learning rate of 0.2 means each doubling of cumulative production cuts
    the unit price to 80 %.

    Parameters
    ----------
    learning_rate : float or ndarray
        Fractional price drop per doubling, in [0, 1).
    name : str
        How error messages spell the rate (for a caller that takes it under
        another name).

    Returns
    -------
    ndarray
        ``b`` [-], <= 0.

    Raises
    ------
    InputError
        A rate outside [0, 1), or a ``name`` that is not a string.
    """
    if type(name) is not str:
        raise InputError(f"name={short_repr(name)}: must be a string (how messages spell the rate)")
    lr = check_range(name, learning_rate, 0.0, 1.0, high_inclusive=False)
    # ln(1 - LR) / ln 2 with log1p: forming 1 - LR first rounds away a small rate's digits
    # (+ 0.0: no learning is 0, not -0)
    return np.log1p(-lr) / np.log(2.0) + 0.0


_WRIGHT_PARAMS = ("initial_price", "cumulative_quantity", "reference_quantity", "learning_rate")


@guarded("the learned prices")
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

    Raises
    ------
    InputError
        A value outside its range, arrays that do not broadcast together, or
        ``names`` that is not a mapping from these parameter names to strings.

    References
    ----------
    .. [2] Wright (1936), Journal of the Aeronautical Sciences 3(4).
    """
    nm = _check_names(names)
    p0 = check_nonnegative(nm.get("initial_price", "initial_price"), initial_price)
    q = check_nonnegative(nm.get("cumulative_quantity", "cumulative_quantity"), cumulative_quantity)
    q0 = check_positive(nm.get("reference_quantity", "reference_quantity"), reference_quantity)
    b = learning_exponent(learning_rate, name=nm.get("learning_rate", "learning_rate"))
    with np.errstate(over="ignore"):  # Q/Q0 beyond float64: inf, priced in logarithms below
        ratio = np.maximum(q / q0, 1.0)
    price = p0 * ratio**b
    big = np.isinf(ratio)
    if np.any(big):  # the same law in logarithms, only where the ratio overflowed (Q > 0
        # there), so that each sample keeps the value it has alone
        with np.errstate(divide="ignore"):  # log(0) = -inf elsewhere: not used
            log_ratio = np.log(q) - np.log(q0)
        price = np.where(big, p0 * np.exp(b * np.where(big, log_ratio, 0.0)), price)
    return price


def _check_names(names: Any) -> Mapping[str, str]:
    """``names`` of :func:`wright_learning_price`: parameter name -> name in messages."""
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise InputError(
            f"names={short_repr(names)}: must be a mapping from parameter names "
            f"({', '.join(_WRIGHT_PARAMS)}) to how messages spell them"
        )
    for key, val in names.items():
        if key not in _WRIGHT_PARAMS:
            raise InputError(
                f"names={short_repr(names)}: {key!r} is not a parameter; allowed: "
                f"{', '.join(_WRIGHT_PARAMS)}{did_you_mean(str(key), _WRIGHT_PARAMS)}"
            )
        if type(val) is not str:
            raise InputError(f"names={short_repr(names)}: {key!r} must map to a string")
    return names
