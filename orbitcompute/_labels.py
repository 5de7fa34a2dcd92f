"""Element-wise labels from ordered conditions (binding constraints and the like).

Models name what limits each sample ("water", "launch_cadence", ...): the label of
the first condition that holds, or a default. Building that as nested
``np.where`` over strings makes a string array per level; here the conditions
are written into one string array, the last first, so the first that holds wins.
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
    out: np.ndarray | None = None,
    where: Any = True,
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
    out : numpy.ndarray, optional
        A writeable string array of the result's shape to write into (``dtype``
        is then ignored); elements where ``where`` is false keep their value.
        Saves a new array when the caller has one to spare.
    where : bool array_like, optional
        Only with ``out``: where to write (default everywhere).

    Returns
    -------
    numpy.ndarray
        ``out``, or a new, writeable string array that owns its data (0-d when
        every input is a scalar).

    Examples
    --------
    >>> first_label([[True, False, False], [True, True, False]], ["a", "b"], "none")
    array(['a', 'b', 'none'], dtype='<U4')
    """
    if len(conditions) != len(labels):
        raise ValueError("first_label: one label per condition")
    conds = [np.asarray(c, dtype=bool) for c in conditions]
    out_shape = np.broadcast_shapes(*(c.shape for c in conds), *([shape] if shape else []))
    if out is None:
        if where is not True:
            raise ValueError("first_label: where= needs out=")
        out = np.full(out_shape, default, dtype=np.array([default, *labels], dtype=dtype).dtype)
    else:
        if out.shape != out_shape:
            raise ValueError(f"first_label: out has shape {out.shape}, the result {out_shape}")
        where = np.asarray(where, dtype=bool)
        np.copyto(out, default, where=where)
    # each label where its condition holds, the last first: the earliest condition wins
    for cond, label in zip(conds[::-1], labels[::-1], strict=True):
        if cond.any():
            np.copyto(out, label, where=cond if where is True else cond & where)
    return out
