"""Distinct rows of sample columns, to evaluate costly steps once per distinct input.

In a Monte Carlo many samples share the same few whole numbers (launch counts,
ground sites needed): a step that is costly per element but depends only on such
inputs is evaluated on the distinct rows and gathered back with the inverse
index (``values[inverse]``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["distinct_rows"]


def distinct_rows(*columns: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """The distinct rows of equally long 1-D columns, sorted, and the inverse index.

    Columns that hold one value throughout take no part in the search (the usual
    case: one availability or cadence, many sampled counts); with a single
    varying column this is :func:`numpy.unique`, with several it is
    ``numpy.unique(..., axis=0)`` on the stacked columns.

    Parameters
    ----------
    *columns : ndarray
        1-D arrays of one length ``n`` (at least one).

    Returns
    -------
    (tuple of ndarray, ndarray)
        The columns of the ``d`` distinct rows (each of length ``d``, fresh
        writeable arrays) and ``inverse`` (length ``n``, integer) such that
        ``column[inverse]`` equals each input column.

    Examples
    --------
    >>> (m, a), inv = distinct_rows(np.array([3.0, 1.0, 3.0]), np.array([0.9, 0.9, 0.9]))
    >>> m.tolist(), a.tolist(), inv.tolist()
    ([1.0, 3.0], [0.9, 0.9], [1, 0, 1])
    """
    if not columns:
        raise ValueError("distinct_rows: give at least one column")
    n = columns[0].size
    if any(c.ndim != 1 or c.size != n for c in columns):
        raise ValueError("distinct_rows: the columns must be 1-D and of one length")
    varying = [i for i, c in enumerate(columns) if n > 1 and np.any(c != c[0])]
    if not varying:
        return tuple(c[:1].copy() for c in columns), np.zeros(n, dtype=np.intp)
    if len(varying) == 1:
        uniq, inverse = np.unique(columns[varying[0]], return_inverse=True)
        rows = {varying[0]: uniq}
    else:
        # lexicographic sort (first varying column first) and a cut wherever a row
        # differs from the previous one: numpy.unique(axis=0) sorts the rows as
        # opaque records, 2 to 10 times slower for 1e5 float rows
        order = np.lexsort([columns[i] for i in reversed(varying)])
        ordered = [columns[i][order] for i in varying]
        new = np.ones(n, dtype=bool)
        new[1:] = np.logical_or.reduce(
            [(c[1:] != c[:-1]) & ~(np.isnan(c[1:]) & np.isnan(c[:-1])) for c in ordered]
        )
        inverse = np.empty(n, dtype=np.intp)
        inverse[order] = np.cumsum(new) - 1
        rows = {i: c[new] for i, c in zip(varying, ordered, strict=True)}
    d = next(iter(rows.values())).size
    out = tuple(rows[i] if i in rows else np.full(d, c[0]) for i, c in enumerate(columns))
    return out, np.ravel(inverse)
