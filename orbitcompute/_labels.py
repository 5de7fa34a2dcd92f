"""Element-wise labels from ordered conditions (binding constraints and the like).

Models name what limits each sample ("water", "launch_cadence", ...): the label of
the first condition that holds, or a default. Building that as nested
``np.where`` over strings makes a string array per level; here the conditions
become one small integer code that indexes a table of labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["first_label"]


def first_label(
    conditions: Sequence[Any],
    labels: Sequence[str],
    default: str,
    *,
    shape: tuple[int, ...] | None = None,
    dtype: Any = None,
) -> np.ndarray:
    """The label of the first condition that holds, element-wise, else ``default``.

    Parameters
    ----------
    conditions : sequence of bool array_like
        In priority order; they broadcast together (and with ``shape``).
    labels : sequence of str
        One label per condition.
    default : str
        Where no condition holds.
    shape : tuple of int, optional
        Shape to broadcast to (default: the conditions' broadcast shape).
    dtype : numpy dtype, optional
        String dtype of the result (default: wide enough for the labels).

    Returns
    -------
    numpy.ndarray
        A new, writeable string array that owns its data (0-d when every input is
        a scalar).

    Examples
    --------
    >>> first_label([[True, False, False], [True, True, False]], ["a", "b"], "none")
    array(['a', 'b', 'none'], dtype='<U4')
    """
    if len(conditions) != len(labels):
        raise ValueError("first_label: one label per condition")
    conds = [np.asarray(c, dtype=bool) for c in conditions]
    out_shape = np.broadcast_shapes(*(c.shape for c in conds), *([shape] if shape else []))
    # code i (1-based) of the first condition that holds: written last to first, so
    # the earliest condition wins (np.select's rule, without its stacked copies)
    code = np.zeros(out_shape, dtype=np.intp)
    for i in range(len(conds), 0, -1):
        np.copyto(code, i, where=conds[i - 1])
    table = np.array([default, *labels], dtype=dtype)
    if not code.ndim:  # take with a 0-d index gives a scalar, not a 0-d array
        return table.take(code.reshape(1)).reshape(())
    return table.take(code)  # a new array of the code's shape that owns its data
