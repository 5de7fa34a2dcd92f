"""Tests for orbitcompute._distinct.distinct_rows (evaluate once per distinct input)."""

from __future__ import annotations

import numpy as np
import pytest

from orbitcompute._distinct import distinct_rows


def test_rows_rebuild_each_column_and_are_distinct():
    """Gathering the distinct rows with the inverse gives back every column, and no
    row repeats; one, two and three varying columns beside a constant one."""
    rng = np.random.default_rng(5)
    n = 500
    a = rng.integers(0, 7, n).astype(float)
    b = rng.integers(0, 3, n).astype(float)
    c = np.full(n, 0.99)
    for cols in ((a,), (a, c), (a, b, c), (c, b, a)):
        rows, inv = distinct_rows(*cols)
        for col, r in zip(cols, rows, strict=True):
            np.testing.assert_array_equal(r[inv], col)
        stacked = np.stack(rows, axis=1)
        assert np.unique(stacked, axis=0).shape[0] == stacked.shape[0]
    rows, _ = distinct_rows(a, b, c)
    assert rows[0].size == len({(x, y) for x, y in zip(a, b, strict=True)})


def test_constant_and_empty_columns():
    """All columns constant: one row and a zero inverse; empty columns stay empty;
    the returned columns are fresh arrays (writing to them leaves the input alone)."""
    x = np.full(4, 2.0)
    (r,), inv = distinct_rows(x)
    assert r.tolist() == [2.0] and inv.tolist() == [0, 0, 0, 0]
    r[0] = 9.0
    assert x[0] == 2.0
    (e,), inv = distinct_rows(np.array([]))
    assert e.size == 0 and inv.size == 0


def test_bad_columns():
    with pytest.raises(ValueError, match="at least one column"):
        distinct_rows()
    with pytest.raises(ValueError, match="one length"):
        distinct_rows(np.zeros(3), np.zeros(4))


def test_several_columns_match_numpy_unique_rows():
    """Two and three varying columns: the same sorted rows and inverse as
    numpy.unique(axis=0) (which the sort-and-cut replaced); NaNs count as equal,
    as numpy.unique does for one column."""
    rng = np.random.default_rng(11)
    for k in (2, 3):
        cols = [rng.integers(0, 4, 300).astype(float) for _ in range(k)]
        rows, inv = distinct_rows(*cols)
        uniq, inv_np = np.unique(np.stack(cols, axis=1), axis=0, return_inverse=True)
        np.testing.assert_array_equal(np.stack(rows, axis=1), uniq)
        np.testing.assert_array_equal(inv, np.ravel(inv_np))
    a = np.array([1.0, np.nan, 1.0, np.nan])
    b = np.array([2.0, 3.0, 2.0, 3.0])
    rows, inv = distinct_rows(a, b)
    assert rows[0].size == 2 and inv.tolist() == [0, 1, 0, 1]
