"""Discounting, capital recovery, levelized cost and Wright's law against hand arithmetic."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from orbitcompute import finance
from orbitcompute.errors import InputError


def test_capital_recovery_factor_textbook():
    """CRF(8 %, 10 yr) = 0.08 * 1.08^10 / (1.08^10 - 1) = 0.149029 (annuity tables).

    At r = 0 it is 1/n.
    """
    assert_allclose(finance.capital_recovery_factor(0.08, 10), 0.1490295, rtol=1e-6)
    assert_allclose(finance.capital_recovery_factor(0.0, 5), 0.2)
    # vectorized: one call, several designs
    assert_allclose(
        finance.capital_recovery_factor(np.array([0.0, 0.1]), 5), [0.2, 0.2637975], rtol=1e-6
    )


def test_discount_factors_end_and_mid_year():
    """End of year: 1/1.1, 1/1.21, 1/1.331. Mid-year: 1.1^-0.5, 1.1^-1.5."""
    assert_allclose(finance.discount_factors(0.1, 3), [1 / 1.1, 1 / 1.21, 1 / 1.331])
    assert_allclose(finance.discount_factors(0.1, 2, mid_year=True), [1.1**-0.5, 1.1**-1.5])
    assert finance.discount_factors(np.array([0.0, 0.05]), 4).shape == (2, 4)


def test_present_value_and_levelized_cost():
    """100 USD a year for 3 years at 10 %: 90.909 + 82.645 + 75.131 = 248.685.

    Levelized cost of 10 USD a year for 1 unit a year is 10 at any rate.
    """
    assert_allclose(finance.present_value([100, 100, 100], 0.1), 248.6852, rtol=1e-6)
    assert_allclose(finance.levelized_cost([10, 10, 10], [1, 1, 1], 0.07), 10.0)
    # front-loaded capex costs more per unit when discounted
    lc0 = finance.levelized_cost([300, 0, 0], [1, 1, 1], 0.0)
    lc1 = finance.levelized_cost([300, 0, 0], [1, 1, 1], 0.1)
    assert_allclose(lc0, 100.0)
    assert lc1 > lc0
    # no output: NaN, to be flagged infeasible by the caller
    assert np.isnan(finance.levelized_cost([1, 1], [0, 0], 0.0))


def test_wright_learning():
    """A 20 % learning rate: each doubling of cumulative quantity gives 0.8x the price."""
    assert_allclose(finance.wright_learning_price(100.0, [1, 2, 4, 8], 1, 0.2), [100, 80, 64, 51.2])
    # no learning claimed before the reference experience
    assert_allclose(finance.wright_learning_price(100.0, 0.5, 1, 0.2), 100.0)


@given(
    r=st.floats(0.0, 0.3),
    n=st.integers(1, 40),
)
def test_crf_times_annuity_factor_is_one(r, n):
    """CRF is the reciprocal of the sum of end-of-year discount factors."""
    crf = finance.capital_recovery_factor(r, n)
    assert_allclose(crf * finance.discount_factors(r, n).sum(), 1.0, rtol=1e-9)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: finance.capital_recovery_factor(-0.1, 5), "discount_rate"),
        (lambda: finance.capital_recovery_factor(0.1, 0), "years"),
        (lambda: finance.discount_factors(0.1, 2.5), "years"),
        (lambda: finance.wright_learning_price(1, 1, 1, 1.0), "learning_rate"),
        (lambda: finance.wright_learning_price(1, 1, 0, 0.1), "reference_quantity"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(InputError, match=f"^{name}="):
        call()


def test_scalar_fast_path_checks_the_same_bounds():
    """Plain Python numbers take a fast path in the checks; bounds still apply."""
    from orbitcompute._validate import check_range

    assert float(check_range("x", 0.5, 0.0, 1.0)) == 0.5
    for bad, kw in (
        (1.5, {}),
        (0.0, {"low_inclusive": False}),
        (float("nan"), {}),
        (float("inf"), {}),
    ):
        with pytest.raises(InputError, match=r"^x="):
            check_range("x", bad, 0.0, 1.0, **kw)


def test_discounted_sum_one_rate_and_a_rate_per_row():
    """Hand values: 100 and 200 at 10 %: 100/1.1 + 200/1.21 = 256.198...; rates per row
    (0 % and 10 %) give 300 and the same 256.198."""
    x = np.array([[100.0, 200.0], [100.0, 200.0]])
    one = finance.discounted_sum(x, finance.discount_factors(0.1, 2))
    assert_allclose(one, 100 / 1.1 + 200 / 1.21, rtol=1e-14)
    rows = finance.discounted_sum(x, finance.discount_factors(np.array([0.0, 0.1]), 2))
    assert_allclose(rows, [300.0, 100 / 1.1 + 200 / 1.21], rtol=1e-14)


def test_discount_factors_of_one_rate_are_fresh_and_exact():
    """A single rate is computed once and cached: each call still gets its own writeable
    array, equal to (1 + r)^-(t + 1) evaluated as for an array of rates."""
    a = finance.discount_factors(0.07, 6)
    a[:] = -1.0  # must not change what the next call returns
    b = finance.discount_factors(np.float64(0.07), 6)
    want = finance.discount_factors(np.array([0.07, 0.07]), 6)[0]
    np.testing.assert_array_equal(b, want)
    np.testing.assert_allclose(b, 1.07 ** -np.arange(1.0, 7.0), rtol=1e-15)
    assert b.flags.writeable and b.shape == (6,)
    assert_allclose(finance.discount_factors(0.07, 6, mid_year=True)[0], 1.07**-0.5, rtol=1e-15)
