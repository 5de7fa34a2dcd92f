"""Tests for orbitcompute._labels.first_label (the binding-constraint labels)."""

from __future__ import annotations

import numpy as np
import pytest

from orbitcompute._labels import first_label


def test_first_condition_wins_and_default_elsewhere():
    """Element-wise: a (first) over b over the default, as nested np.where would give."""
    a = np.array([True, True, False, False])
    b = np.array([False, True, True, False])
    got = first_label([a, b], ["a", "b"], "none")
    want = np.where(a, "a", np.where(b, "b", "none"))
    assert got.tolist() == want.tolist() == ["a", "a", "b", "none"]


def test_broadcasting_scalars_dtype_and_writeable():
    """A scalar condition broadcasts to ``shape``; all-scalar input gives a 0-d array;
    the result is a fresh writeable array of the requested dtype."""
    out = first_label([False, np.array([True, False])], ["x", "y"], "z", shape=(2,), dtype="<U24")
    assert out.tolist() == ["y", "z"] and out.dtype == np.dtype("<U24") and out.flags.writeable
    zero = first_label([np.bool_(True)], ["only"], "none")
    assert zero.shape == () and zero.item() == "only"
    with pytest.raises(ValueError, match="one label per condition"):
        first_label([True], [], "none")


def test_matches_nested_where_on_random_broadcast_conditions():
    """Five random conditions of shapes (50, 1), (1, 8), (50, 8), scalar and (8,), where
    every combination of holding conditions occurs: the label is that of nested np.where
    from the last condition inwards to the first."""
    rng = np.random.default_rng(4)
    shapes = [(50, 1), (1, 8), (50, 8), (), (8,)]
    conds = [rng.random(s) < 0.3 for s in shapes]
    labels = ["water", "land", "grid", "gas", "launch_cadence"]
    got = first_label(conds, labels, "none")
    want = np.full((50, 8), "none", dtype=object)
    for c, lab in reversed(list(zip(conds, labels, strict=True))):
        want = np.where(c, lab, want)
    assert got.shape == (50, 8) and got.tolist() == want.tolist()
    assert len(set(got.ravel().tolist())) > 3


def test_into_out_where_keeps_the_other_elements():
    """With out= and where=, labels are written only where ``where`` holds (the first
    true condition's label, else the default) and ``out`` keeps its own labels elsewhere,
    as the orbital model does with the design's binding label; bad out shapes and a
    where= without out= are refused."""
    rng = np.random.default_rng(9)
    conds = [rng.random(40) < 0.3, rng.random(40) < 0.5]
    where = rng.random(40) < 0.6
    out = np.full(40, "radiator", dtype="<U24")
    got = first_label(conds, ["a", "b"], "none", out=out, where=where)
    want = np.where(where, np.where(conds[0], "a", np.where(conds[1], "b", "none")), "radiator")
    assert got is out and got.tolist() == want.tolist()
    assert {"a", "b", "none", "radiator"} <= set(got.tolist())
    with pytest.raises(ValueError, match="out has shape"):
        first_label(conds, ["a", "b"], "none", out=np.full(3, "", dtype="<U24"))
    with pytest.raises(ValueError, match="needs out="):
        first_label(conds, ["a", "b"], "none", where=where)
