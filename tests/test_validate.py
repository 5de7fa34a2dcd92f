"""Tests for orbitcompute._validate: every path of the range checks raises the same way."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import InputError
from orbitcompute._validate import (
    check_fraction,
    check_output_path,
    check_positive,
    check_range,
)


@pytest.mark.parametrize(
    "value",
    [2.0, 2, np.float64(2.0), np.asarray(2.0), np.array([0.5, 2.0]), [0.5, 2.0], np.float32(2)],
)
def test_out_of_range_named_in_every_input_form(value):
    """Scalar, numpy scalar, 0-d, float64 array, list and float32: one message form."""
    with pytest.raises(InputError, match=r"^p=2: must be in \[0, 1\] m$"):
        check_range("p", value, 0.0, 1.0, unit="m")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_in_an_array_are_rejected(bad):
    with pytest.raises(InputError, match=r"^x=.*: must be a finite number$"):
        check_range("x", np.array([0.1, bad, 0.3]), None, None)


def test_exclusive_bounds_on_arrays():
    """A value equal to an exclusive bound fails; inside it passes, unchanged and uncopied."""
    a = np.array([1e-300, 0.5, 1.0])
    assert check_fraction("f", a) is a
    with pytest.raises(InputError, match=r"^f=0: must be in \(0, 1\]$"):
        check_fraction("f", np.array([0.5, 0.0]))
    with pytest.raises(InputError, match=r"^r=0: must be > 0 W$"):
        check_positive("r", np.zeros(3), "W")
    with pytest.raises(InputError, match=r"^t=1: must be < 1$"):
        check_range("t", np.array([0.2, 1.0]), None, 1.0, high_inclusive=False)


def test_a_value_just_past_a_bound_is_not_shown_as_the_bound():
    """1.0000001 printed with %g reads "1", the bound it breaks ("bus_power_fraction=1:
    must be in [0, 1]"); such a value is shown in full, a value on the bound as before."""
    with pytest.raises(InputError, match=r"^b=1\.0000001: must be in \[0, 1\]$"):
        check_range("b", np.array([0.5, 1.0000001]), 0.0, 1.0)
    with pytest.raises(InputError, match=r"^c=-1e-09: must be in \[0, 1\]$"):
        check_range("c", -1e-9, 0.0, 1.0)
    with pytest.raises(InputError, match=r"^t=1: must be < 1$"):
        check_range("t", 1.0, None, 1.0, high_inclusive=False)
    with pytest.raises(InputError, match=r"^z=0: must be > 0$"):  # not "-0"
        check_range("z", -0.0, 0.0, None, low_inclusive=False)


def test_non_numbers_and_empty_arrays():
    with pytest.raises(InputError, match="must be a number or an array of numbers"):
        check_range("n", "ten", 0.0, None)
    assert check_range("n", np.array([]), 0.0, 1.0).shape == (0,)


def test_output_path_checked_before_any_work(tmp_path, monkeypatch):
    ok = check_output_path("--output", tmp_path / "r.parquet", (".parquet", ".pq"))
    assert ok == tmp_path / "r.parquet"
    assert check_output_path("--output", str(tmp_path / "R.PQ"), (".parquet", ".pq")).name == "R.PQ"
    cases = [
        (tmp_path / "no" / "r.json", (), "directory .* does not exist"),
        (tmp_path, (), "is a directory"),
        (tmp_path / "r.csv", (".parquet", ".pq"), r"must end in \.parquet or \.pq"),
        ("", (), "must be a file name"),
        (None, (), "must be a file name"),
    ]
    for path, suffixes, message in cases:
        with pytest.raises(InputError, match=f"^--output=.*{message}"):
            check_output_path("--output", path, suffixes)
    # Permission is asked of the operating system (root may write anywhere, so the
    # answer is replaced here by a refusal).
    monkeypatch.setattr("os.access", lambda *a, **k: False)
    with pytest.raises(InputError, match="not writable"):
        check_output_path("--output", tmp_path / "r.json")


def test_whole_number_accepts_integral_scalars_only():
    from orbitcompute._validate import check_whole_number

    for v in (5, 5.0, np.int64(5), np.float32(5.0), np.array(5)):
        assert check_whole_number("years", v, 1, 10) == 5
        assert type(check_whole_number("years", v, 1, 10)) is int
    for v in (5.5, float("nan"), float("inf"), None, "5", True, np.array([5]), 0, 11):
        with pytest.raises(InputError, match=r"^years=.*: must be a whole number in \[1, 10\]$"):
            check_whole_number("years", v, 1, 10)


@pytest.mark.parametrize(
    "value",
    [None, "5", b"5", True, np.True_, np.array([True]), ["1"], 1 + 2j, np.array([1.0 + 0j])],
)
def test_none_booleans_text_and_complex_are_not_numbers(value):
    """numpy would read these as NaN, 5.0, 1.0 or the real part (1 + 2j -> 1.0 with only
    a ComplexWarning); the message shows what was passed."""
    with pytest.raises(InputError, match=r"^x=.*: must be a number or an array of numbers$"):
        check_positive("x", value)


@pytest.mark.parametrize("value", [np.array(["a"]), np.array(["a", "b"]), ["a"], {"a": 1}])
def test_a_choice_is_one_value(value):
    from orbitcompute._validate import check_choice

    assert check_choice("mode", "a", ["a", "b"]) == "a"
    with pytest.raises(InputError, match=r"^mode=.*: must be one of 'a', 'b'"):
        check_choice("mode", value, ["a", "b"])


def test_limit_allows_infinity_but_not_nan():
    from orbitcompute._validate import check_limit

    np.testing.assert_array_equal(check_limit("v", [0.0, np.inf]), [0.0, np.inf])
    with pytest.raises(InputError, match=r"^v=0: must be > 0 m3 \(inf: no limit\)$"):
        check_limit("v", 0.0, "m3", positive=True)
    # complex numbers too: numpy would keep the real part with only a ComplexWarning
    # (fairing_volume_m3=1+2j ran as 1.0)
    for bad in (np.nan, -1.0, None, True, 1 + 2j, np.complex128(3.0), np.array([1.0 + 0j])):
        with pytest.raises(InputError, match=r"^v=.*: must be >= 0 \(inf: no limit\)$"):
            check_limit("v", bad)
    # text with no number in it ("MW", a unit alone, in a scenario file) says so
    for bad in ("abc", "MW"):
        with pytest.raises(InputError, match=r"^v=.*: must be >= 0 .*; text, not a number$"):
            check_limit("v", bad)


def test_flag_is_a_real_boolean():
    from orbitcompute._validate import check_flag

    assert check_flag("f", np.True_) is True
    for bad in ("no", 0, 1, np.nan, None):
        with pytest.raises(InputError, match=r"^f=.*: must be True or False$"):
            check_flag("f", bad)


def test_overflow_names_the_largest_input_first():
    from orbitcompute._validate import guarded, overflow_error

    err = overflow_error({"a": 3.0, "b": np.array([1.0, 1e300]), "c": "text", "years": 5e9}, "x")
    assert str(err) == (
        "b=1e+300: too large: x overflow float64 (above 1.8e308); next largest given: a=3"
    )
    # a negative input keeps its sign (ranked by its magnitude): -0.002, not 0.002
    err = overflow_error({"f": 1e305, "g": -0.002, "e": 1e-5}, "x")
    assert str(err) == (
        "f=1e+305: too large: x overflow float64 (above 1.8e308); "
        "next most extreme given: e=1e-05, g=-0.002"
    )
    # a flag is no size; a number inside a mapping argument is named with its key
    err = overflow_error({"a": 3.0, "whole": True, "hp": {"max_lift_k": 1e300, "n": "x"}}, "x")
    assert str(err) == (
        "hp['max_lift_k']=1e+300: too large: x overflow float64 (above 1.8e308); "
        "next largest given: a=3"
    )

    @guarded("the test's numbers")
    def model(scale, *, factor=1.0):
        return np.asarray(scale) * factor * 1e10

    assert_allclose(model(2.0, factor=3.0), 6e10)
    with pytest.raises(InputError, match=r"^scale=1e\+300: too large: the test's numbers over"):
        model(1e300, factor=3.0)
    # numpy's own state is restored: outside the model an overflow is inf again
    with np.errstate(over="ignore"):
        assert np.isinf(np.float64(1e300) * 1e10)


def test_guarded_names_arrays_that_do_not_broadcast():
    """numpy's "operands could not be broadcast" ValueError names no parameter; the
    decorator names each array argument with its shape. A broadcasting failure inside
    the function, with inputs that do broadcast, is not renamed."""
    from orbitcompute._validate import broadcast_error, guarded

    @guarded("the test's numbers")
    def model(a, b=1.0, *, c=2.0):
        return np.asarray(a) * b + c

    assert_allclose(model([1.0, 2.0], np.array([[1.0], [2.0]])), [[3.0, 4.0], [4.0, 6.0]])
    with pytest.raises(
        InputError, match=r"^array arguments do not broadcast together: a \(3,\), b \(2,\)$"
    ):
        model(np.ones(3), np.ones(2))
    with pytest.raises(InputError, match=r"^array arguments do not .*: a \(3,\), c \(2,\)"):
        model([1.0, 2.0, 3.0], c=[1.0, 2.0])

    @guarded("the test's numbers")
    def inner(a):
        return np.asarray(a) + np.ones(4)  # an internal axis of 4, not the caller's fault

    with pytest.raises(ValueError, match="operands could not be broadcast") as err:
        inner(np.ones(3))
    assert not isinstance(err.value, InputError)
    assert broadcast_error({"a": np.ones((2, 3)), "b": [1.0, 2.0, 3.0], "s": "text"}) is None


def test_output_path_the_file_system_refuses_is_an_input_error(tmp_path):
    """A NUL byte (ValueError from os) and a 300-character name (OSError ENAMETOOLONG,
    the usual limit is 255 bytes) were raw exceptions; both now name the parameter."""
    from orbitcompute._validate import check_output_path

    with pytest.raises(InputError, match=r"^--output='a\\x00b.pq': contains a NUL character"):
        check_output_path("--output", "a\0b.pq", (".pq",))
    with pytest.raises(InputError, match=r"^path='.*x{10}\.pq': cannot write the file: .*too long"):
        check_output_path("path", tmp_path / ("x" * 300 + ".pq"), (".pq",))
    assert check_output_path("path", tmp_path / "ok.pq", (".pq",)) == tmp_path / "ok.pq"


def test_guarded_names_a_call_that_does_not_fit_the_signature():
    """Python's TypeError for a misspelt keyword, a missing argument, an argument given
    twice or too many by position names no allowed value; the decorator reports each as
    an InputError naming the argument (and the closest keyword). A TypeError raised
    inside a call that fits is not renamed."""
    from orbitcompute._validate import guarded

    @guarded("the test's numbers")
    def model(radius_m, emissivity=0.9, *, sides=2):
        return np.asarray(radius_m) * emissivity * sides

    assert_allclose(model(2.0, 0.5, sides=1), 1.0)
    with pytest.raises(
        InputError,
        match=r"^emisivity=0.8: model takes no such keyword; did you mean 'emissivity'\?$",
    ):
        model(2.0, emisivity=0.8)
    with pytest.raises(InputError, match=r"^colour='red': model takes no such keyword; it takes "):
        model(2.0, colour="red")
    with pytest.raises(InputError, match=r"^radius_m: missing, a required argument of model$"):
        model(emissivity=0.5)
    with pytest.raises(InputError, match=r"^emissivity=0.5: given twice to model "):
        model(2.0, 0.9, emissivity=0.5)
    with pytest.raises(InputError, match=r"^3 \(argument 3 by position\): model takes at most 2"):
        model(2.0, 0.9, 3)

    @guarded("the test's numbers")
    def inner(a):
        return len(a)  # a TypeError of the function's own, for a float

    with pytest.raises(TypeError, match="has no len") as err:
        inner(2.0)
    assert not isinstance(err.value, InputError)


@pytest.mark.parametrize(
    ("module", "func", "args", "kwargs"),
    [
        ("thermal", "size_thermal_system", (1e6,), {"altitude_km": 550, "emisivity": 0.9}),
        ("thermal", "radiator_net_flux_w_per_m2", (300, 0.9, 0.1), {"side": 2}),
        ("generation", "solar_storage_sizing", (1000, 0.2), {"storage_hour": 5}),
        ("power", "battery_capacity_wh", (1e6, 2000, 0.5), {"discharge_eff": 0.9}),
    ],
)
def test_public_functions_name_a_misspelt_keyword(module, func, args, kwargs):
    """The public functions are guarded, so a misspelt keyword is an InputError with a
    did-you-mean (it was Python's TypeError)."""
    import importlib

    fn = getattr(importlib.import_module(f"orbitcompute.{module}"), func)
    bad = list(kwargs)[-1]
    with pytest.raises(
        InputError, match=rf"^{bad}={kwargs[bad]}: {func} takes no such keyword; did you mean"
    ):
        fn(*args, **kwargs)
