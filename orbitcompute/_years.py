"""Sums, running sums and increments along a short trailing year axis, fast and exact.

Cash flows and deployment profiles are ``(sample, year)`` arrays with a few
years (6 in the default scenario) and many samples. Numpy reduces such an axis
row by row, with a short inner loop per sample; adding whole year columns in
the same order gives the same numbers several times faster. Each function here
returns exactly (bit for bit) what the numpy call it names returns; the tests
check that on random arrays of every short length.
"""

from __future__ import annotations

import numpy as np

__all__ = ["cumsum_rows", "cumsum_years", "increments_by_year", "sum_years"]

#: Below this many elements numpy's own reductions are faster.
LOOP_MIN_SIZE = 4096
#: The same for :func:`cumsum_rows`, whose numpy call is slower (a strided inner loop).
ROW_LOOP_MIN_SIZE = 256


def cumsum_years(x: np.ndarray) -> np.ndarray:
    """``np.cumsum(x, axis=-1)``, bit for bit, faster for a short trailing axis.

    Numpy accumulates along the trailing axis sequentially, one element at a
    time; adding whole year columns in the same order gives the same numbers.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 0 or x.size < LOOP_MIN_SIZE:
        return np.cumsum(x, axis=-1)
    out = np.empty(x.shape)
    out[..., 0] = x[..., 0]
    for j in range(1, x.shape[-1]):
        np.add(out[..., j - 1], x[..., j], out=out[..., j])
    return out


def cumsum_rows(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``np.cumsum(x, axis=0, out=out)``, bit for bit, for a year-first array.

    The sum is sequential along the first axis either way, but numpy's
    accumulate runs its inner loop along that short, strided axis; adding whole
    rows in order is much faster. ``out`` has the shape of ``x`` (it may be a view).
    """
    if x.size < ROW_LOOP_MIN_SIZE or x.ndim == 1:  # (rows of a 1-d array are scalars)
        return np.cumsum(x, axis=0, out=out)
    out[0] = x[0]
    for j in range(1, x.shape[0]):
        np.add(out[j - 1], x[j], out=out[j])
    return out


def sum_years(x: np.ndarray) -> np.ndarray:
    """``np.sum(x, axis=-1)``, bit for bit (up to the sign of a zero sum), faster for a
    short trailing axis.

    Numpy sums fewer than 8 elements sequentially (its pairwise summation
    starts at 8), so for such axes adding the year columns in order is exact;
    longer axes go to ``np.sum``.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        return np.sum(x, axis=-1)  # numpy's own error for a scalar
    n = x.shape[-1]
    if x.size < LOOP_MIN_SIZE or n >= 8 or n == 1:
        return np.sum(x, axis=-1)
    out = x[..., 0] + x[..., 1]
    for j in range(2, n):
        out += x[..., j]
    return out


def increments_by_year(x: np.ndarray) -> np.ndarray:
    """``np.diff(x, axis=-1, prepend=0.0)``, bit for bit, without the concatenated copy.

    The first year's increment is the first year's value; each later one is the
    change from the year before.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        return np.diff(x, axis=-1, prepend=0.0)  # numpy's own error for a scalar
    out = np.empty(x.shape)
    np.subtract(x[..., :1], 0.0, out=out[..., :1])
    np.subtract(x[..., 1:], x[..., :-1], out=out[..., 1:])
    return out
