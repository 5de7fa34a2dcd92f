"""The year-axis helpers return exactly what the numpy calls they replace return."""

from __future__ import annotations

import numpy as np
import pytest

from orbitcompute._years import (
    LOOP_MIN_SIZE,
    cumsum_rows,
    cumsum_years,
    increments_by_year,
    sum_years,
)

SHAPES = [(7,), (3, 5), (LOOP_MIN_SIZE, 1), (LOOP_MIN_SIZE, 2), (LOOP_MIN_SIZE, 6)]
SHAPES += [(2_000, years) for years in range(1, 11)] + [(50, 40, 6)]


def _cash_flows(shape: tuple[int, ...]) -> np.ndarray:
    """Values over eight decades with both signs, so that the order of additions
    shows in the last bits (a reordered sum differs in about a quarter of rows)."""
    rng = np.random.default_rng(sum(shape))
    x = rng.standard_normal(shape) * 10.0 ** rng.uniform(0, 8, shape)
    x.flat[::97] = np.nan  # an infeasible sample's NaN must stay where it is
    return x


@pytest.mark.parametrize("shape", SHAPES)
def test_sum_years_is_numpys_sum_bit_for_bit(shape):
    x = _cash_flows(shape)
    np.testing.assert_array_equal(sum_years(x), np.sum(x, axis=-1), strict=True)


@pytest.mark.parametrize("shape", SHAPES)
def test_cumsum_years_is_numpys_cumsum_bit_for_bit(shape):
    x = _cash_flows(shape)
    np.testing.assert_array_equal(cumsum_years(x), np.cumsum(x, axis=-1), strict=True)


@pytest.mark.parametrize("shape", SHAPES)
def test_cumsum_rows_is_numpys_cumsum_over_the_first_axis_bit_for_bit(shape):
    """Year first: the (year, sample) layout, written into a view of a larger buffer."""
    x = np.moveaxis(_cash_flows(shape), -1, 0).copy()
    buf = np.empty((x.shape[0] + 2, *x.shape[1:]))
    got = cumsum_rows(x, out=buf[1:-1])
    np.testing.assert_array_equal(got, np.cumsum(x, axis=0), strict=True)
    assert np.shares_memory(got, buf)


@pytest.mark.parametrize("shape", SHAPES)
def test_increments_by_year_is_numpys_diff_bit_for_bit(shape):
    x = _cash_flows(shape)
    got = increments_by_year(x)
    np.testing.assert_array_equal(got, np.diff(x, axis=-1, prepend=0.0), strict=True)
    assert got.flags.writeable and not np.shares_memory(got, x)


def test_sequential_order_matters_for_these_inputs():
    """The bit-for-bit tests can fail: summing the same columns in another order
    (first year last) changes some rows of the same data."""
    x = _cash_flows((2_000, 6))
    other = x[:, 1] + x[:, 2] + x[:, 3] + x[:, 4] + x[:, 5] + x[:, 0]
    total = sum_years(x)
    assert np.sum((other != total) & np.isfinite(total)) > 100


def test_cumsum_rows_of_a_long_single_series():
    """One scalar sample over 300 years: a 1-d array past the row-loop size, whose rows
    are scalars (orbital_placement(10, 300) raised a TypeError here)."""
    x = np.random.default_rng(3).random(300)
    out = np.empty(300)
    np.testing.assert_array_equal(cumsum_rows(x, out=out), np.cumsum(x), strict=True)
