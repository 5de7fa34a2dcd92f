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
    # no output: the cost per unit is undefined, an InputError (not a NaN)
    with pytest.raises(InputError, match=r"^output_by_year=\[0\., 0\.\]: .*sums to zero"):
        finance.levelized_cost([1, 1], [0, 0], 0.0)


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


# --------------------------------------------------------------- bad input, no NaN out


@pytest.mark.parametrize("bad", [np.array([1.0, np.nan]), [1.0, np.inf], None, ["a"], "abc"])
def test_present_value_rejects_what_is_not_a_finite_cash_flow(bad):
    """NaN, inf, None (which numpy would turn into NaN) and text are InputErrors."""
    with pytest.raises(InputError, match=r"^cashflows_by_year="):
        finance.present_value(bad, 0.07)


def test_present_value_none_is_reported_as_none():
    with pytest.raises(InputError, match=r"^cashflows_by_year=None:"):
        finance.present_value(None, 0.07)


@pytest.mark.parametrize(
    ("cost", "output", "name"),
    [
        (np.ones(3), np.zeros(3), "output_by_year"),  # nothing delivered
        (np.ones(3), np.ones(4), "output_by_year"),  # different horizons
        (np.ones(3), [1.0, -1.0, 1.0], "output_by_year"),  # negative output
        (np.ones(3), [1.0, np.nan, 1.0], "output_by_year"),
        (["a"], [1.0], "cost_by_year"),
        ([1.0, np.nan], [1.0, 1.0], "cost_by_year"),
    ],
)
def test_levelized_cost_bad_input_names_the_parameter(cost, output, name):
    with pytest.raises(InputError, match=f"^{name}="):
        finance.levelized_cost(cost, output, 0.07)


def test_levelized_cost_zero_output_in_one_sample_is_reported():
    """Samples on the leading axis: the one that delivers nothing is named, not NaN'd."""
    with pytest.raises(InputError, match=r"^output_by_year=\[0\., 0\.\]"):
        finance.levelized_cost(np.ones((2, 2)), np.array([[1.0, 1.0], [0.0, 0.0]]), 0.1)
    # a negative cost (income) is allowed: (-10 + 30) / 2 = 10 per unit at r = 0
    assert_allclose(finance.levelized_cost([-10.0, 30.0], [1.0, 1.0]), 10.0)


@pytest.mark.parametrize(
    ("values", "factors", "name"),
    [
        (3.0, np.array([0.9, 0.8]), "values_by_year"),  # no year axis (was a matmul error)
        (np.ones(3), np.array([0.9, 0.8]), "values_by_year"),  # 3 years, 2 factors
        (np.ones((2, 3)), np.ones((4, 3)), "values_by_year"),  # leading axes do not broadcast
        (np.ones(2), np.array([1.0, np.nan]), "factors"),
        (np.ones(2), 0.9, "factors"),
        (np.array([1.0, np.nan]), np.array([0.9, 0.8]), "values_by_year"),
        (np.array([[1.0, 1.0], [1.0, np.inf]]), np.array([0.9, 0.8]), "values_by_year"),
        (np.array([np.inf, 1.0]), np.array([0.0, 0.8]), "values_by_year"),  # inf * 0: no warning
        (None, np.array([0.9, 0.8]), "values_by_year"),
        (["a", "b"], np.array([0.9, 0.8]), "values_by_year"),
    ],
)
def test_discounted_sum_bad_input_names_the_parameter(values, factors, name):
    with pytest.raises(InputError, match=f"^{name}="):
        finance.discounted_sum(values, factors)


@pytest.mark.parametrize(
    "years", [np.nan, np.inf, -np.inf, None, "5", 2.5, 0, -3, True, np.array([3, 4]), [3]]
)
def test_discount_factors_years_must_be_a_whole_number(years):
    with pytest.raises(InputError, match=r"^years="):
        finance.discount_factors(0.07, years)


def test_discount_factors_years_beyond_memory_is_an_input_error():
    """1e300 is a whole number, but no memory holds one factor per year of it."""
    with pytest.raises(InputError, match=r"^years=1e\+300: too many years"):
        finance.discount_factors(0.07, 1e300)
    with pytest.raises(InputError, match=r"^years=1e\+300: too many years"):
        finance.discount_factors(np.array([0.05, 0.07]), 1e300)


def test_discount_factors_accepts_whole_floats_and_numpy_integers():
    """5.0, numpy.int64(5) and a 0-d array 5 are the same horizon as 5."""
    want = finance.discount_factors(0.1, 5)
    for years in (5.0, np.int64(5), np.float64(5.0), np.array(5)):
        np.testing.assert_array_equal(finance.discount_factors(0.1, years), want)


@pytest.mark.parametrize("flag", ["no", 0, 1, np.nan, None])
def test_mid_year_must_be_a_bool(flag):
    with pytest.raises(InputError, match=r"^mid_year="):
        finance.present_value([1.0, 1.0], 0.1, mid_year=flag)


def test_capital_recovery_factor_long_periods_tend_to_the_rate():
    """Closed form by hand at 7 %, 30 years: 1.07^30 = 7.6122550,
    CRF = 0.07 * 7.6122550 / 6.6122550 = 0.0805864. At 200 years the closed form
    ``r (1+r)^n / ((1+r)^n - 1)`` still evaluates in floats (1.07^200 = 7.5e5); at
    20000 years (1+r)^n overflows, and the annuity is a perpetuity: CRF -> r = 0.07
    (the old form gave NaN). The result never drops below r."""
    assert_allclose(finance.capital_recovery_factor(0.07, 30), 0.0805864, rtol=1e-6)
    g = 1.07**200
    assert_allclose(finance.capital_recovery_factor(0.07, 200), 0.07 * g / (g - 1), rtol=1e-13)
    for n in (20000, 1e6, 1e300):
        crf = finance.capital_recovery_factor(0.07, n)
        assert np.isfinite(crf) and float(crf) == 0.07
    # tiny rates stay accurate: CRF(1e-12, 10) = 1/10 + r (n + 1) / (2 n) + O(r^2)
    assert_allclose(finance.capital_recovery_factor(1e-12, 10), 0.1 + 1e-12 * 0.55, rtol=1e-15)
    # vectorized over a mix of zero and positive rates and long periods
    got = finance.capital_recovery_factor(np.array([0.0, 0.07]), np.array([1e4, 1e4]))
    assert_allclose(got, [1e-4, 0.07], rtol=1e-15)


def test_wright_learning_price_names_override():
    """A delegating caller can have its own parameter names in the messages."""
    with pytest.raises(InputError, match=r"^cumulative_mass_kg=-1:"):
        finance.wright_learning_price(
            1.0, -1.0, 1.0, 0.1, names={"cumulative_quantity": "cumulative_mass_kg"}
        )
    with pytest.raises(InputError, match=r"^cumulative_quantity=-1:"):
        finance.wright_learning_price(1.0, -1.0, 1.0, 0.1)


# ------------------------------------------- arrays, overflow and argument checks


def test_capital_recovery_factor_of_a_vanishing_period_names_years():
    """CRF ~ 1/n: n = 1e-320 years gave inf (r > 0) with a RuntimeWarning."""
    for rate in (0.07, 0.0):
        with pytest.raises(InputError, match=r"^years=9\.99989e-321: too short"):
            finance.capital_recovery_factor(rate, 1e-320)


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: finance.capital_recovery_factor(np.full(3, 0.05), np.ones(2)),
            r"^array arguments do not broadcast together: discount_rate \(3,\), years \(2,\)$",
        ),
        (
            lambda: finance.wright_learning_price(np.ones(3), np.ones(2), 1.0, 0.2),
            r"^array arguments do not broadcast together: initial_price \(3,\), "
            r"cumulative_quantity \(2,\)$",
        ),
        (
            lambda: finance.present_value(np.ones((3, 4)), np.full(2, 0.05)),
            r"^cashflows_by_year=<shape \(3, 4\)>: its leading axes .* discount_rate of "
            r"shape \(2,\)$",
        ),
        (
            lambda: finance.levelized_cost(np.ones((3, 4)), np.ones(4), np.full(2, 0.05)),
            r"^cost_by_year=<shape \(3, 4\)>: its leading axes",
        ),
    ],
)
def test_arrays_that_do_not_broadcast_are_named(call, message):
    """Raw numpy ValueErrors before; present_value named values_by_year and factors."""
    with pytest.raises(InputError, match=message):
        call()


def test_wright_learning_price_beyond_float64_ratio():
    """Q/Q0 = 1e300/1e-300 = 1e600 overflows float64 (the price came out 0.0 with a
    RuntimeWarning). By hand: b = log2(0.9), p = 100 * (1e600)^b = 100 * 10^(600 b)
    = 100 * 10^(-91.2018) = 6.2827e-90."""
    b = np.log2(0.9)
    assert_allclose(
        finance.wright_learning_price(100.0, 1e300, 1e-300, 0.1), 100 * 10 ** (600 * b), rtol=1e-12
    )
    assert_allclose(finance.wright_learning_price(100.0, 1e300, 1e-300, 0.0), 100.0)


@pytest.mark.parametrize(
    "names, message",
    [
        (["a"], r"^names=\['a'\]: must be a mapping from parameter names"),
        ({"learning_rat": "x"}, r"^names=.*'learning_rat' is not a parameter.*did you mean"),
        ({"learning_rate": None}, r"^names=.*'learning_rate' must map to a string"),
    ],
)
def test_wright_learning_price_names_is_checked(names, message):
    """A list raised a raw AttributeError (no .get)."""
    with pytest.raises(InputError, match=message):
        finance.wright_learning_price(1.0, 1.0, 1.0, 0.2, names=names)


def test_learning_exponent_name_must_be_a_string():
    """name=None gave the message 'None=1.5: ...'."""
    with pytest.raises(InputError, match=r"^name=None: must be a string"):
        finance.learning_exponent(1.5, name=None)


@pytest.mark.parametrize("values", [np.array([True, False]), ["1", "2"], "12", True])
def test_discounted_sum_refuses_booleans_and_text(values):
    """Booleans were summed as 1 and 0, and '1' as 1.0."""
    with pytest.raises(InputError, match=r"^values_by_year=.*: must be an array of numbers"):
        finance.discounted_sum(values, [1.0, 1.0])


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: finance.present_value(np.array([]), 0.07), "cashflows_by_year"),
        (lambda: finance.present_value(np.ones((3, 0)), 0.07), "cashflows_by_year"),
        (lambda: finance.levelized_cost(np.array([]), np.array([]), 0.07), "cost_by_year"),
    ],
)
def test_no_year_is_named(call, name):
    """An empty year axis was reported as 'years=0', a parameter the caller never gave."""
    with pytest.raises(InputError, match=rf"^{name}=array\(\[\].*: no year on its last axis"):
        call()


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: finance.levelized_cost([1e308, 1e308], [1.0, 1.0]),
            r"^cost_by_year=1e\+308: too large: the levelized costs overflow",
        ),
        (
            lambda: finance.levelized_cost([1.0, 1.0], [1e308, 1e308]),
            r"^output_by_year=1e\+308: too large: the levelized costs overflow",
        ),
        (
            lambda: finance.present_value([1e308, 1e308], 0.0),
            r"^cashflows_by_year=1e\+308: too large: the present values overflow",
        ),
        (
            lambda: finance.discounted_sum([1e308, 1e308], [1.0, 1.0]),
            r"^values_by_year=1e\+308: too large: the discounted sums overflow",
        ),
    ],
)
def test_overflow_names_the_callers_parameters(call, message):
    """1e308 + 1e308 overflows float64. levelized_cost and present_value named
    values_by_year and factors, the parameters of the discounted_sum they call,
    which neither of them has."""
    with pytest.raises(InputError, match=message) as info:
        call()
    if not message.startswith("^values_by_year"):
        assert "values_by_year" not in str(info.value) and "factors" not in str(info.value)


# ------------------------------------------------- accuracy and arrays (finance audit)


@pytest.mark.parametrize("lr", [1e-6, 1e-9, 1e-12, 1e-15])
def test_learning_exponent_is_accurate_for_small_learning_rates(lr):
    """b = log2(1 - LR) = ln(1 - LR) / ln 2 = -(LR + LR^2/2 + LR^3/3 + ...) / ln 2 (the
    Taylor series, exact to double precision here: the next term is below LR^4). For
    LR = 1e-12: b = -1.4426950408896854e-12. Forming 1 - LR first rounded it: relative
    errors of 2.9e-11 at LR = 1e-6, 2.2e-5 at 1e-12 and 8e-4 at 1e-15."""
    want = -(lr + lr**2 / 2 + lr**3 / 3) / np.log(2.0)
    assert_allclose(finance.learning_exponent(lr), want, rtol=1e-15)
    # and so does the price: 1000 doublings (Q/Q0 = 2^1000, finite) give
    # p = p0 (1 - LR)^1000 = p0 exp(1000 ln(1 - LR))
    p = finance.wright_learning_price(1.0, 2.0**1000, 1.0, lr)
    assert_allclose(p, np.exp(1000 * -(lr + lr**2 / 2 + lr**3 / 3)), rtol=1e-15)


def test_wright_learning_price_array_equals_scalar_calls_when_one_ratio_overflows():
    """One sample whose Q/Q0 overflows float64 (1e300 / 1e-300) is priced in logarithms;
    the others in the same array must keep the value each has alone: 100 * 0.8^3 = 51.2
    came out 51.200000000000007 (1 ulp off) because the whole array went through
    exp(b ln(Q/Q0)), so a Monte Carlo sample's price depended on its chunk."""
    p0 = np.array([100.0, 100.0, 50.0])
    q = np.array([1e300, 8.0, 3.0])
    q0 = np.array([1e-300, 1.0, 1.0])
    lr = np.array([0.1, 0.2, 0.15])
    got = finance.wright_learning_price(p0, q, q0, lr)
    one_by_one = [
        finance.wright_learning_price(*(float(x[i]) for x in (p0, q, q0, lr))) for i in range(3)
    ]
    np.testing.assert_array_equal(got, one_by_one)
    # hand values: 100 * 10^(600 log2 0.9); 100 * 0.8^3; 50 * 3^log2(0.85)
    assert_allclose(
        got,
        [100 * 10 ** (600 * np.log2(0.9)), 51.2, 50 * 3 ** np.log2(0.85)],
        rtol=1e-12,
    )
    # a zero quantity next to an overflowing ratio: no learning, no warning
    assert_allclose(finance.wright_learning_price(100.0, [0.0, 1e300], 1e-300, 0.0), [100, 100])


@pytest.mark.parametrize(
    "values, factors, name",
    [
        (np.array([1.0 + 1.0j, 2.0]), np.array([0.9, 0.8]), "values_by_year"),
        (np.array([1.0, 2.0]), np.array([0.9 + 0.0j, 0.8]), "factors"),
    ],
)
def test_discounted_sum_refuses_complex_numbers(values, factors, name):
    """Complex arrays were cast to float with a ComplexWarning, dropping the imaginary
    part silently where warnings are not errors; present_value refuses them already."""
    with pytest.raises(InputError, match=rf"^{name}=.*: must be an array of numbers"):
        finance.discounted_sum(values, factors)


def test_long_horizons_are_not_kept_alive_by_the_factor_cache():
    """One rate's factors are cached (256 entries) up to MAX_HORIZON_YEARS = 1,000
    years (8 kB each, 2 MB in all); a longer horizon (here 200,000 years, 1.6 MB) is
    computed and returned, not cached: 256 of them would hold 400 MB. Its factors are
    the same law, DF_t = 1.07^-(t + 1): DF_0 = 0.934579, DF_99 = 1.07^-100 = 1.15245e-3."""
    cached = finance._one_rate_factors.cache_info().currsize
    df = finance.discount_factors(0.0712345, 200_000)
    assert finance._one_rate_factors.cache_info().currsize == cached
    assert_allclose(df[[0, 99]], 1.0712345 ** -np.array([1.0, 100.0]), rtol=1e-13)
    short = finance.discount_factors(0.0712345, 1000)
    assert finance._one_rate_factors.cache_info().currsize == cached + 1
    np.testing.assert_array_equal(short, df[:1000])
    assert_allclose(finance.discount_factors(0.07, 100)[[0, 99]], [0.934579, 1.15245e-3], 1e-5)
