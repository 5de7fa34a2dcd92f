"""Tests for orbitcompute.hardware: catalog specs, sizing, compute, capex, failures."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from orbitcompute import catalog, hardware
from orbitcompute.errors import InputError


def test_h100_catalog_row_matches_datasheet():
    """NVIDIA H100 datasheet: 700 W TDP, 1979 TFLOPS BF16 with sparsity -> 989 dense,
    80 GB. DGX H100 user guide: 10.2 kW for 8 GPUs -> 1275 W per GPU; 130.45 kg / 8."""
    spec = hardware.accelerator("h100_sxm")
    assert_allclose(spec["tdp_w"], 700.0)
    assert_allclose(spec["dense_bf16_flops"], 989e12)
    assert_allclose(spec["memory_gb"], 80.0)
    assert_allclose(spec["all_in_power_w"], 10200.0 / 8)
    assert_allclose(spec["mass_kg"], 130.45 / 8, rtol=1e-3)
    # the datasheet numbers are published; the row is graded by its weakest, the price
    assert catalog.get("accelerators", "h100_sxm").confidence == "estimate"


def test_other_rows_match_their_sources():
    """B200: DGX B200 user guide 14.3 kW / 8 = 1787.5 W, 1440 GB / 8 = 180 GB, 2.25 PF dense.
    GB200 NVL72: 180 PF dense BF16 / 72 = 2.5 PF per GPU; 120 kW / 72 = 1666.7 W.
    TPU v6e: Cloud TPU docs 918 TFLOPS BF16, 32 GB; no power given (left out)."""
    b = hardware.accelerator("b200")
    assert_allclose(
        [b["all_in_power_w"], b["memory_gb"], b["dense_bf16_flops"]], [14300 / 8, 1440 / 8, 2.25e15]
    )
    g = hardware.accelerator("gb200_nvl72")
    assert_allclose(g["dense_bf16_flops"], 180e15 / 72)
    assert_allclose(g["all_in_power_w"], 120e3 / 72, rtol=1e-4)
    assert_allclose(g["accelerators_per_unit"], 72.0)
    t = hardware.accelerator("tpu_v6e")
    assert_allclose([t["dense_bf16_flops"], t["memory_gb"]], [918e12, 32.0])
    assert "all_in_power_w" not in t and "price_usd" not in t


def test_every_accelerator_is_self_consistent():
    """unit_power = per_unit * all_in (5 %); dense FLOP/s below any sparse figure (< 1e16)."""
    df = catalog.load("accelerators")
    assert len(df) >= 5
    for name in df.index:
        s = hardware.accelerator(name)
        if "unit_power_w" in s:
            assert_allclose(
                s["unit_power_w"],
                s["accelerators_per_unit"] * s["all_in_power_w"],
                rtol=0.05,
                err_msg=name,
            )
        if "price_usd_low" in s:
            assert s["price_usd_low"] <= s["price_usd"] <= s["price_usd_high"], name
        if "tdp_w" in s and "all_in_power_w" in s:
            assert s["all_in_power_w"] > s["tdp_w"], name


def test_overrides_replace_catalog_values_and_arrays_broadcast():
    s = hardware.accelerator("h100_sxm", price_usd=np.array([20e3, 40e3]))
    assert_allclose(s["price_usd"], [20e3, 40e3])
    assert_allclose(hardware.accelerator_capex_usd(1000, s["price_usd"]), [20e6, 40e6])


def test_accelerators_for_one_megawatt():
    """1 MW / 1275 W per H100 = 784.31 -> 785 whole accelerators; exact multiples do not
    round up (8 * 1275 W = 10.2 kW -> 8)."""
    assert_allclose(hardware.accelerators_for_it_power(1e6, 1275.0), 785.0)
    assert_allclose(hardware.accelerators_for_it_power(1e6, 1275.0, whole=False), 1e6 / 1275)
    assert_allclose(hardware.accelerators_for_it_power(10200.0, 1275.0), 8.0)
    n = hardware.accelerators_for_it_power(np.array([1e9, 2e9])[:, None], np.array([1275, 1666.7]))
    assert n.shape == (2, 2)


def test_fleet_flops_and_power():
    """785 H100 * 989e12 * 0.4 MFU = 3.105e17 FLOP/s; IT power 785 * 1275 = 1.000875 MW."""
    assert_allclose(hardware.fleet_flops(785, 989e12, 0.4), 785 * 989e12 * 0.4)
    assert_allclose(hardware.fleet_it_power_w(785, 1275.0), 1.000875e6)


def test_failures_without_repair_hand_calc():
    """0.09 failures per GPU-year (Meta's Llama 3 rate, McCalip's 'Meta' default):
    S(5) = exp(-0.45) = 0.637628; of 1000 GPUs 362.37 fail; replacements with renewal
    = 1000 * 0.09 * 5 = 450; spares so 1000 work after 5 yr: ceil(1000 * exp(0.45))
    - 1000 = ceil(1568.31) - 1000 = 569."""
    assert_allclose(hardware.surviving_fraction(0.09, 5), 0.637628151621773, rtol=1e-14)
    assert_allclose(hardware.expected_failures(1000, 0.09, 5), 362.371848378227, rtol=1e-14)
    assert_allclose(hardware.expected_replacements(1000, 0.09, 5), 450.0, rtol=1e-15)
    assert float(hardware.spares_for_survival(1000, 0.09, 5)) == 569.0
    curve = hardware.surviving_fraction(np.array([0.0, 0.09])[:, None], np.arange(3))
    assert_allclose(curve, [[1, 1, 1], [1, math.exp(-0.09), math.exp(-0.18)]], rtol=1e-15)


def test_failure_rate_from_fraction_hand_calc():
    """A one-year fraction of 9 % is -ln(0.91) = 0.0943107/yr; 30 % of units failed within
    5 years is -ln(0.7) / 5 = 0.0713350/yr, and that rate leaves exactly 70 % at 5 years."""
    assert_allclose(hardware.failure_rate_from_fraction(0.09), 0.0943106794712413, rtol=1e-14)
    lam = hardware.failure_rate_from_fraction(0.3, 5.0)
    assert_allclose(lam, 0.0713349887877465, rtol=1e-14)
    assert_allclose(hardware.surviving_fraction(lam, 5.0), 0.7, rtol=1e-14)


def test_a_rate_of_one_or_more_per_year_is_a_rate_not_an_error():
    """A rate is not a fraction: 1.5 failures per unit-year leave exp(-1.5) = 0.223130
    after a year (a one-year fraction of 1.5 would be meaningless)."""
    assert_allclose(hardware.surviving_fraction(1.5, 1.0), 0.22313016014843, rtol=1e-13)


@settings(max_examples=50, deadline=None)
@given(afr=st.floats(0.0, 0.5), t=st.floats(0.0, 20.0), n=st.floats(0.0, 1e6))
def test_replacements_never_fewer_than_failures(afr, t, n):
    f = hardware.expected_failures(n, afr, t)
    r = hardware.expected_replacements(n, afr, t)
    assert r >= f - 1e-9 * max(n, 1.0)
    assert 0.0 <= f <= n + 1e-9


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda: hardware.accelerators_for_it_power(-1.0, 1275.0), "it_power_w"),
        (lambda: hardware.accelerators_for_it_power(1e6, 0.0), "all_in_power_w"),
        (lambda: hardware.fleet_flops(10, 989e12, 1.5), "utilization"),
        (lambda: hardware.surviving_fraction(-0.1, 5), "annual_failure_rate"),
        (lambda: hardware.failure_rate_from_fraction(1.0), "fraction_failed"),
        (lambda: hardware.failure_rate_from_fraction(0.1, 0.0), "years"),
        (lambda: hardware.surviving_fraction(0.1, -1), "years"),
        (lambda: hardware.accelerator("h100_sxm", price_usd=-5), "price_usd"),
        (lambda: hardware.accelerator("h100_sxm", tdp=700), "tdp"),
        (lambda: hardware.accelerator("h100_sx"), "h100_sxm"),
        (lambda: hardware.accelerator_capex_usd(np.nan, 1.0), "n_accelerators"),
    ],
)
def test_bad_input_names_the_parameter(call, param):
    with pytest.raises(InputError, match=param):
        call()


@pytest.mark.parametrize("bad", [["h100_sxm"], np.array(["h100_sxm", "b200"]), ("h200",), None])
def test_accelerator_name_must_be_one_string(bad):
    """A list or array of names is not one name (it used to raise TypeError: unhashable)."""
    with pytest.raises(InputError, match=r"^name=.*must be one name from data/accelerators\.csv"):
        hardware.accelerator(bad)


def test_unknown_accelerator_names_the_parameter_and_suggests():
    with pytest.raises(InputError, match=r"^name='h100_sx':.*did you mean 'h100_sxm'"):
        hardware.accelerator("h100_sx")


@pytest.mark.parametrize("flag", ["no", 0, 1, np.nan, None])
def test_whole_must_be_a_bool(flag):
    """'no' would read as True and NaN as True: flags are real booleans."""
    with pytest.raises(InputError, match=r"^whole="):
        hardware.accelerators_for_it_power(1e6, 1275.0, whole=flag)
    with pytest.raises(InputError, match=r"^whole="):
        hardware.spares_for_survival(100.0, 0.1, 5.0, whole=flag)


def test_whole_numpy_bool_is_accepted():
    """1e6 W / 1275 W = 784.3 -> 785 whole, 784.31 real."""
    assert float(hardware.accelerators_for_it_power(1e6, 1275.0, whole=np.True_)) == 785.0
    assert_allclose(hardware.accelerators_for_it_power(1e6, 1275.0, whole=False), 1e6 / 1275)


# ------------------------------------------- shapes, overflow and rounding (API audit)


_ONE_ARRAY, _TWO_ARRAY = np.ones(3), np.ones(2)
_AFR3, _AFR2 = np.full(3, 0.1), np.full(2, 0.1)


@pytest.mark.parametrize(
    ("call", "first", "second"),
    [
        (
            lambda: hardware.fleet_it_power_w(_ONE_ARRAY, _TWO_ARRAY),
            "n_accelerators",
            "all_in_power_w",
        ),
        (
            lambda: hardware.accelerators_for_it_power(_ONE_ARRAY, _TWO_ARRAY),
            "it_power_w",
            "all_in_power_w",
        ),
        (
            lambda: hardware.fleet_flops(_ONE_ARRAY, _TWO_ARRAY),
            "n_accelerators",
            "dense_bf16_flops",
        ),
        (
            lambda: hardware.accelerator_capex_usd(_ONE_ARRAY, _TWO_ARRAY),
            "n_accelerators",
            "price_usd",
        ),
        (lambda: hardware.surviving_fraction(_AFR3, _TWO_ARRAY), "annual_failure_rate", "years"),
        (
            lambda: hardware.expected_failures(_ONE_ARRAY, _AFR2, 1.0),
            "n_units",
            "annual_failure_rate",
        ),
        (
            lambda: hardware.expected_replacements(_ONE_ARRAY, _AFR2, 1.0),
            "n_units",
            "annual_failure_rate",
        ),
        (
            lambda: hardware.spares_for_survival(_ONE_ARRAY, _AFR2, 1.0),
            "n_required",
            "annual_failure_rate",
        ),
    ],
)
def test_arrays_that_do_not_broadcast_are_named(call, first, second):
    """A shape mismatch used to raise numpy's raw ValueError."""
    with pytest.raises(
        InputError,
        match=rf"^array arguments do not broadcast together: {first} \(3,\), {second} \(2,\)$",
    ):
        call()


@pytest.mark.parametrize(
    ("call", "msg"),
    [
        (
            lambda: hardware.fleet_flops(1e300, 989e12),
            r"^n_accelerators=1e\+300: too large: the fleet compute rates overflow",
        ),
        (
            lambda: hardware.accelerators_for_it_power(1e300, 1e-300),
            r"^it_power_w=1e\+300, all_in_power_w=1e-300: the accelerator count",
        ),
        (
            lambda: hardware.expected_replacements(1e5, 0.5, 1e305),
            r"^n_units=100000, annual_failure_rate=0\.5, years=1e\+305: the expected replacements",
        ),
        (
            lambda: hardware.spares_for_survival(1000.0, 0.05, 1e300),
            r"^n_required=1000, annual_failure_rate=0\.05, years=1e\+300: the units to launch",
        ),
        (
            lambda: hardware.spares_for_survival(1e300, 2.0, 100.0),
            r"^n_required=1e\+300, annual_failure_rate=2, years=100: the units to launch",
        ),
    ],
)
def test_finite_inputs_that_overflow_are_an_error_naming_them(call, msg):
    """These returned inf with a RuntimeWarning (spares: 1000 / S with S = exp(-0.05 x
    1e300) = 0, a division by zero; 1e300 x exp(2 x 100) = 7e386). The exact spares are
    finite but beyond float64; no design needs them."""
    with pytest.raises(InputError, match=msg):
        call()


def test_surviving_fraction_underflow_is_a_documented_zero():
    """exp(-lambda t) with lambda t = 0.05 * 1e300 = 5e298 is below the smallest
    float64: 0.0 is the correctly rounded value (documented [0, 1]), even where numpy
    raises on underflow; expected failures are then all units. Nothing required needs
    no spares."""
    with np.errstate(under="raise"):
        assert float(hardware.surviving_fraction(0.05, 1e300)) == 0.0
    assert_allclose(hardware.expected_failures(10.0, 0.05, 1e300), 10.0)
    assert float(hardware.spares_for_survival(0.0, 0.05, 1e300)) == 0.0


def test_real_spares_have_no_cancellation():
    """1e-9 failures per unit-year, 1 year: 1/S - 1 = exp(1e-9) - 1 = 1e-9 + 5e-19 =
    1.0000000005e-9, so 1e6 units need 1.0000000005e-3 spares; n / S - n lost ~7 digits
    to cancellation."""
    assert_allclose(
        hardware.spares_for_survival(1e6, 1e-9, 1.0, whole=False), 1.0000000005e-3, rtol=1e-12
    )


def test_rounding_slack_never_costs_a_whole_accelerator():
    """1275 W x (1e12 + 0.5) of IT power: ceil(1e12 + 0.5) = 1e12 + 1 accelerators (the
    1e-12 relative slack gave 1e12). Noise is still absorbed: 3 x 0.1 W / 0.1 W =
    3.0000000000000004 in float64 -> 3."""
    assert float(hardware.accelerators_for_it_power(1275.0 * (1e12 + 0.5), 1275.0)) == 1e12 + 1
    assert float(hardware.accelerators_for_it_power(3 * 0.1, 0.1)) == 3.0


def test_accelerator_count_covers_the_it_power():
    """The count is rounded up: it covers the IT load rather than fitting within it.
    By hand, 1 MW at 1275 W all-in (DGX H100 / 8): 1e6 / 1275 = 784.31 -> 785, and
    785 x 1275 W = 1,000,875 W >= 1 MW while 784 x 1275 = 999,600 W < 1 MW. The
    docstring said 1 MW "holds" 785 H100."""
    n = float(hardware.accelerators_for_it_power(1e6, 1275.0))
    assert n == 785.0
    assert n * 1275.0 == 1_000_875.0 and (n - 1) * 1275.0 == 999_600.0
    doc = " ".join(hardware.accelerators_for_it_power.__doc__.split())
    assert "holds" not in doc and "supports" not in doc
    assert "cover" in doc and "784 fit within 1 MW" in doc


def test_failure_rate_misspelt_keyword_is_an_input_error_with_a_hint():
    """A bare TypeError before the converter was @guarded."""
    with pytest.raises(
        InputError,
        match=r"^fraction_faild=0\.1: failure_rate_from_fraction takes no such keyword; "
        r"did you mean 'fraction_failed'\?",
    ):
        hardware.failure_rate_from_fraction(fraction_faild=0.1)


def test_failure_rate_overflow_names_the_years():
    """-ln(1 - 0.5) / 1e-310 = 6.9e309 overflows float64: the culprit is the tiny
    ``years``, but the message blamed ``fraction_failed=0.5: too small`` (the generic
    overflow report skips an argument called ``years``)."""
    with pytest.raises(
        InputError,
        match=r"^fraction_failed=0\.5, years=1e-310: the failure rate -ln\(1 - fraction_failed\)"
        r" / years overflows float64",
    ):
        hardware.failure_rate_from_fraction(0.5, 1e-310)
    # a tiny years that does not overflow: -ln(0.5) / 1e-300 = 6.931e299 per year
    assert_allclose(hardware.failure_rate_from_fraction(0.5, 1e-300), math.log(2) * 1e300)


def test_expected_replacements_with_a_zero_factor_are_zero():
    """n * lambda * t with t = 0 is 0 replacements (nothing in service yet), however
    large n and lambda: 1e200 x 1e200 overflowed to inf, inf x 0 gave NaN with a
    RuntimeWarning and an "overflow" error. Likewise n = 0 with lambda * t = inf."""
    assert float(hardware.expected_replacements(1e200, 1e200, 0.0)) == 0.0
    assert float(hardware.expected_replacements(0.0, 1e200, 1e200)) == 0.0
    r = hardware.expected_replacements(np.array([1e200, 10.0]), np.array([1e200, 0.1]), 0.0)
    assert_allclose(r, [0.0, 0.0], atol=0)
    # still an error where the count itself is beyond float64
    with pytest.raises(
        InputError, match=r"^n_units=1e\+200, annual_failure_rate=1e\+200, years=1:"
    ):
        hardware.expected_replacements(1e200, 1e200, 1.0)
