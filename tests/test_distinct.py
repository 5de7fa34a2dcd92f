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
