"""Input checks shared by every module.

Each check converts its argument to a float array (or returns the scalar
unchanged in shape), and raises :class:`orbitcompute.InputError` naming the
parameter, the offending value and the allowed range. Nothing is clamped and no
NaN is let through.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
import numbers
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from orbitcompute.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "as_float_array",
    "broadcast_error",
    "check_choice",
    "check_count",
    "check_file_name",
    "check_finite_result",
    "check_flag",
    "check_fraction",
    "check_limit",
    "check_nonnegative",
    "check_output_path",
    "check_positive",
    "check_range",
    "check_whole_number",
    "did_you_mean",
    "guarded",
    "overflow_error",
]


def _fmt(value: float) -> str:
    return f"{value + 0.0:g}"  # + 0.0: a negative zero reads "0", not "-0"


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages (long arrays)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def overflow_error(given: Mapping[str, Any], what: str) -> InputError:
    """The error for a model whose arithmetic overflowed float64 (above 1.8e308).

    Finite inputs can overflow only when some are far too large (a mistyped
    ``1e300``) or a divisor far too small (``sun_fraction=1e-300``); the message
    names first the given number farthest from 1 in orders of magnitude ("too
    large" or "too small"), then the next two, so that the culprit is in it.

    Parameters
    ----------
    given : Mapping[str, Any]
        The inputs the caller passed (non-numeric values, zeros and non-finite
        values are skipped).
    what : str
        What overflowed, e.g. ``"the placement's costs"``.
    """
    sizes = []
    items = list(given.items())
    for k, v in given.items():  # numbers inside a mapping argument count too
        if isinstance(v, Mapping):
            items.extend((f"{k}[{key!r}]", x) for key, x in v.items())
    for k, v in items:
        if k in ("years", "start_year") or isinstance(v, (bool, np.bool_, Mapping)):
            continue  # the horizon does not scale a value; a flag is no size
        try:
            a = np.asarray(v, dtype=float).ravel()
        except (TypeError, ValueError):
            continue
        a = a[np.isfinite(a) & (a != 0)]
        if a.size:
            lo, hi = float(np.abs(a).min()), float(np.abs(a).max())
            x = hi if abs(math.log10(hi)) >= abs(math.log10(lo)) else lo
            signed = float(a[np.argmax(np.abs(a) == x)])  # shown with the sign given
            sizes.append((abs(math.log10(x)), k, signed))
    sizes.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if not sizes:
        return InputError(f"{what} overflow float64 (above 1.8e308): an input is far too large")
    (_, name, top), rest = sizes[0], sizes[1:3]
    size = "large" if abs(top) > 1 else "small"
    text = f"{name}={_fmt(top)}: too {size}: {what} overflow float64 (above 1.8e308)"
    if rest:
        label = "largest" if all(abs(x) >= 1 for _, _, x in rest) else "most extreme"
        text += f"; next {label} given: " + ", ".join(f"{k}={_fmt(x)}" for _, k, x in rest)
    return InputError(text)


def broadcast_error(given: Mapping[str, Any]) -> InputError | None:
    """The error for array arguments whose shapes do not broadcast together.

    Returns None when the arrays in ``given`` do broadcast (then a broadcasting
    failure lies inside the function, not in its input, and is not renamed).

    Parameters
    ----------
    given : Mapping[str, Any]
        The arguments the caller passed; arrays, lists and tuples of numbers are
        compared by their numpy shapes.
    """
    shapes = {}
    for k, v in given.items():
        if isinstance(v, (np.ndarray, list, tuple)):
            try:
                shape = np.shape(v)
            except ValueError:  # ragged
                continue
            if shape:
                shapes[k] = shape
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        arrays = ", ".join(f"{k} {shape}" for k, shape in shapes.items())
        return InputError(f"array arguments do not broadcast together: {arrays}")
    return None


def check_finite_result(result: np.ndarray, what: str, **inputs: Any) -> None:
    """Raise ``InputError`` if ``result`` is not finite: ``what`` overflowed float64.

    For a result whose overflow :func:`guarded` would blame on the wrong input (a ratio
    of a huge and a tiny value, or a factor called ``years``): the message starts with
    each of ``inputs`` at the first element that overflowed, e.g.
    ``"payload_mass_kg=1e+300, capacity_kg=1e-300: the launches by mass ..."``.
    """
    bad = ~np.isfinite(result)
    if not bad.any():
        return
    arrays = np.broadcast_arrays(bad, *inputs.values())
    i = np.unravel_index(int(np.argmax(arrays[0])), arrays[0].shape)
    named = ", ".join(f"{k}={float(a[i]):g}" for k, a in zip(inputs, arrays[1:], strict=True))
    raise InputError(f"{named}: {what} (above 1.8e308)")


def first_where(bad: Any, *values: Any) -> list[float]:
    """The ``values`` at the first True element of ``bad``, all broadcast together: the
    numbers an error message quotes for the first offending sample."""
    shape = np.broadcast_shapes(np.shape(bad), *(np.shape(v) for v in values))
    i = int(np.flatnonzero(np.broadcast_to(bad, shape))[0])
    return [float(np.broadcast_to(v, shape).flat[i]) for v in values]


def guarded(what: str) -> Callable[[F], F]:
    """Decorate a public function so that two numpy failures become InputErrors.

    * A float64 overflow (finite inputs giving inf): the function runs under
      ``numpy.errstate(over="raise")`` (code that expects to overflow keeps its own
      ``errstate(over="ignore")``) and the overflow is reported by
      :func:`overflow_error`, naming the given input farthest from 1.
    * Array arguments whose shapes do not broadcast together (numpy's
      ``ValueError``): reported by :func:`broadcast_error`, naming each array
      argument and its shape.

    A call that does not fit the signature (a misspelt keyword, a missing argument,
    one given twice or too many positional ones: Python's ``TypeError``) is reported
    by :func:`call_error`, with the closest keyword for a misspelt one.

    Parameters
    ----------
    what : str
        What overflowed, for the message, e.g. ``"the placement's numbers"``.
    """

    def decorate(fn: F) -> F:
        sig = inspect.signature(fn)
        names = list(sig.parameters)
        # "Orbit.circular" for a method; a function's own name (not "f.<locals>.g")
        label = fn.__qualname__ if "<locals>" not in fn.__qualname__ else fn.__name__

        def given(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
            out = dict(zip(names, args, strict=False))
            out.update(kwargs)
            return out

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                with np.errstate(over="raise"):
                    return fn(*args, **kwargs)
            except FloatingPointError:
                raise overflow_error(given(args, kwargs), what) from None
            except InputError:
                raise
            except TypeError:
                err = call_error(label, sig, args, kwargs)
                if err is None:  # the call fits: a TypeError from inside, not the caller's
                    raise
                raise err from None
            except ValueError as exc:
                err = broadcast_error(given(args, kwargs)) if "broadcast" in str(exc) else None
                if err is None:
                    raise
                raise err from None

        return wrapper  # type: ignore[return-value]

    return decorate


def call_error(
    func: str, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> InputError | None:
    """The InputError for a call of ``func`` that does not fit ``sig``, else None.

    A keyword the function does not take names the closest one it does
    (``emisivity=0.9: size_thermal_system takes no such keyword; did you mean
    'emissivity'?``); a missing, doubled or surplus argument is named likewise.
    """
    try:
        sig.bind(*args, **kwargs)
    except TypeError:
        pass
    else:
        return None
    first = next(iter(sig.parameters), None)
    if first in ("cls", "self") and args:  # a method: the caller did not write it
        sig = sig.replace(parameters=list(sig.parameters.values())[1:])
        args = args[1:]
    params = sig.parameters
    takes_var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
    keywords = [n for n, p in params.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if not takes_var_kw:
        for k, v in kwargs.items():
            if k not in params:
                hint = did_you_mean(k, keywords) or f"; it takes {', '.join(keywords)}"
                return InputError(f"{k}={short_repr(v)}: {func} takes no such keyword{hint}")
    positional = [
        n for n, p in params.items() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    takes_var_pos = any(p.kind is p.VAR_POSITIONAL for p in params.values())
    if not takes_var_pos and len(args) > len(positional):
        return InputError(
            f"{short_repr(args[len(positional)])} (argument {len(positional) + 1} by "
            f"position): {func} takes at most {len(positional)} by position "
            f"({', '.join(positional)}); give the others by keyword"
        )
    for n in positional[: len(args)]:
        if n in kwargs:
            return InputError(
                f"{n}={short_repr(kwargs[n])}: given twice to {func} (by position and by keyword)"
            )
    given = set(positional[: len(args)]) | set(kwargs)
    for n, p in params.items():
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            if n not in given:
                return InputError(f"{n}: missing, a required argument of {func}")
    return InputError(f"{func}: the arguments do not fit its signature {sig}")


def as_float_array(name: str, value: Any) -> np.ndarray:
    """Convert ``value`` to a float ndarray; reject non-numbers and NaN/inf.

    ``None``, booleans, strings (``"5"``) and complex numbers are not numbers here,
    although numpy would turn them into NaN, 1.0, 5.0 and their real part (with only a
    ComplexWarning).
    """
    if value is None or isinstance(value, (str, bytes, bool, np.bool_, complex)):
        raise InputError(f"{name}={value!r}: must be a number or an array of numbers")
    try:
        arr = np.asarray(value)
        if arr.dtype.kind in "bUSc":  # booleans, text and complex are not real numbers
            raise TypeError
        arr = arr.astype(float, copy=False)
    except (TypeError, ValueError):
        raise InputError(f"{name}={value!r}: must be a number or an array of numbers") from None
    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)].ravel()[0]
        raise InputError(f"{name}={bad}: must be a finite number")
    return arr


def check_range(
    name: str,
    value: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str = "",
    why: str = "",
) -> np.ndarray:
    """Return ``value`` as a float array after checking ``low <= value <= high``.

    Parameters
    ----------
    name : str
        Parameter name as the caller spells it (``"altitude_km"``).
    value : float or array_like
        The value(s) to check.
    low, high : float or None
        Bounds; ``None`` means unbounded on that side.
    low_inclusive, high_inclusive : bool
        Whether each bound is allowed.
    unit : str
        Unit shown in the message.
    why : str
        Where the range comes from, appended to the message after a comma.

    Raises
    ------
    InputError
        ``"altitude_km=-5: must be in [100, 100000] km"`` style message.
    """
    if type(value) in (float, int) and math.isfinite(value):
        # fast path for a plain Python number (most calls): same checks, no array work
        v = float(value)
        if _within(v, v, low, high, low_inclusive, high_inclusive):
            return np.asarray(v)
    elif type(value) is np.ndarray and value.dtype == np.float64 and value.size:
        # fast path for a float array: its extremes decide (min and max propagate NaN,
        # and an infinity is an extreme); anything else falls through to the full check
        lo_v, hi_v = float(value.min()), float(value.max())
        if (
            math.isfinite(lo_v)
            and math.isfinite(hi_v)
            and _within(lo_v, hi_v, low, high, low_inclusive, high_inclusive)
        ):
            return value
    arr = as_float_array(name, value)
    ok = np.ones(arr.shape, dtype=bool)
    if low is not None:
        ok &= arr >= low if low_inclusive else arr > low
    if high is not None:
        ok &= arr <= high if high_inclusive else arr < high
    if not np.all(ok):
        bad = arr[~ok].ravel()[0]
        u = f" {unit}" if unit else ""
        if low is not None and high is not None:
            lb = "[" if low_inclusive else "("
            hb = "]" if high_inclusive else ")"
            allowed = f"must be in {lb}{_fmt(low)}, {_fmt(high)}{hb}{u}"
        elif low is not None:
            allowed = f"must be {'>=' if low_inclusive else '>'} {_fmt(low)}{u}"
        else:
            assert high is not None
            allowed = f"must be {'<=' if high_inclusive else '<'} {_fmt(high)}{u}"
        shown = _fmt(bad)
        near = [b for b in (low, high) if b is not None and _fmt(b) == shown]
        if near and float(bad) not in near:
            shown = repr(float(bad))  # 1.0000001 is not "1", the bound it breaks
        raise InputError(f"{name}={shown}: {allowed}" + (f", {why}" if why else ""))
    return arr


def _within(
    lo_v: float,
    hi_v: float,
    low: float | None,
    high: float | None,
    low_inclusive: bool,
    high_inclusive: bool,
) -> bool:
    """Whether ``[lo_v, hi_v]`` lies inside the allowed range."""
    return (low is None or (lo_v >= low if low_inclusive else lo_v > low)) and (
        high is None or (hi_v <= high if high_inclusive else hi_v < high)
    )


def check_positive(name: str, value: Any, unit: str = "") -> np.ndarray:
    """Check ``value > 0``."""
    return check_range(name, value, 0.0, None, low_inclusive=False, unit=unit)


def check_nonnegative(name: str, value: Any, unit: str = "") -> np.ndarray:
    """Check ``value >= 0``."""
    return check_range(name, value, 0.0, None, unit=unit)


def check_fraction(name: str, value: Any, *, allow_zero: bool = False) -> np.ndarray:
    """Check ``0 < value <= 1`` (or ``0 <= value <= 1`` with ``allow_zero``)."""
    return check_range(name, value, 0.0, 1.0, low_inclusive=allow_zero)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Check that ``value`` is one of ``choices``; suggest the closest one."""
    choices = list(choices)
    try:  # an array is not one choice (and comparing it would be ambiguous)
        ok = not isinstance(value, np.ndarray) and value in choices
    except TypeError:  # e.g. unhashable or not comparable
        ok = False
    if not ok:
        raise InputError(
            f"{name}={value!r}: must be one of {', '.join(map(repr, choices))}"
            f"{did_you_mean(value, choices)}"
        )
    return value


def check_flag(name: str, value: Any) -> bool:
    """A real boolean: ``"no"``, 0, 1 or NaN are not (they would read as True or False)."""
    if not isinstance(value, (bool, np.bool_)):
        raise InputError(f"{name}={value!r}: must be True or False")
    return bool(value)


def check_count(name: str, value: Any, low: float = 0.0) -> np.ndarray:
    """Check a whole number (or an array of them) ``>= low``; returns a float array."""
    v = check_range(name, value, low, None)
    if np.any(v != np.round(v)):
        raise InputError(f"{name}={v[v != np.round(v)].ravel()[0]:g}: must be a whole number")
    return v


def check_limit(name: str, value: Any, unit: str = "", *, positive: bool = False) -> np.ndarray:
    """Check a limit: a number ``>= 0`` (``> 0`` with ``positive``), or ``inf`` for none.

    Like :func:`check_nonnegative`, but an infinity is allowed and means "no limit"
    (a fairing volume, a water allowance); NaN, None, booleans, text and complex
    numbers are refused.
    """
    allowed = f"must be {'>' if positive else '>='} 0{' ' + unit if unit else ''} (inf: no limit)"
    if value is None or isinstance(
        value, (str, bytes, bool, np.bool_, complex, np.complexfloating)
    ):
        # text with no number in it (a unit alone, "MW", in a scenario file) says so
        text = "; text, not a number" if isinstance(value, (str, bytes)) else ""
        raise InputError(f"{name}={value!r}: {allowed}{text}")
    try:
        arr = np.asarray(value)
        if arr.dtype.kind in "bUSc":  # complex: numpy would keep the real part silently
            raise TypeError
        arr = arr.astype(float, copy=False)
    except (TypeError, ValueError):
        raise InputError(f"{name}={value!r}: {allowed}") from None
    bad = np.isnan(arr) | ((arr <= 0) if positive else (arr < 0))
    if np.any(bad):
        raise InputError(f"{name}={_fmt(arr[bad].ravel()[0])}: {allowed}")
    return arr


def check_file_name(name: str, path: Any) -> Path:
    """``path`` as a Path, after checking that it can name a file at all.

    Raises
    ------
    InputError
        Not a string or path, an empty or blank name, or a NUL character (which no
        file system accepts).
    """
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InputError(f"{name}={path!r}: must be a file name")
    if "\0" in str(path):
        raise InputError(f"{name}={str(path)!r}: contains a NUL character; give a file name")
    return Path(path)


def check_output_path(name: str, path: Any, suffixes: Iterable[str] = ()) -> Path:
    """Check, before any work is done, that a file can be written at ``path``.

    Parameters
    ----------
    name : str
        Parameter name used in the error message (e.g. ``"--output"``).
    path : str or Path
        File to be written; an existing file is replaced.
    suffixes : iterable of str, optional
        Allowed file name endings (e.g. ``(".parquet", ".pq")``), compared without
        regard to case; empty means any.

    Returns
    -------
    Path

    Raises
    ------
    InputError
        Empty name, a NUL character, a directory, a missing or unwritable parent
        directory, a name the file system refuses (too long), or a suffix that is not
        allowed.
    """
    p = check_file_name(name, path)
    allowed = tuple(suffixes)
    if allowed and p.suffix.lower() not in allowed:
        raise InputError(
            f"{name}={str(p)!r}: the file name must end in {' or '.join(allowed)} "
            "(the only format written here)"
        )
    try:
        if p.is_dir():
            raise InputError(f"{name}={str(p)!r}: is a directory; give a file name")
        parent = p.parent
        if not parent.is_dir():
            raise InputError(f"{name}={str(p)!r}: directory {str(parent)!r} does not exist")
        writable = os.access(p if p.exists() else parent, os.W_OK)
    except OSError as exc:  # e.g. a name too long for the file system
        raise InputError(f"{name}={str(p)!r}: cannot write the file: {exc}") from None
    if not writable:
        raise InputError(f"{name}={str(p)!r}: not writable (permission denied)")
    return p


#: Longest horizon the placement models accept [yr]: their by-year arrays have one
#: column per year, and no cost or deployment source looks further than decades ahead.
MAX_HORIZON_YEARS = 1000
#: Calendar years accepted as a start year, as in scenario files (the catalogs describe
#: today's technology and its learning curves; they are not meant for other centuries).
START_YEAR_RANGE = (2000, 2100)


def check_horizon(years: Any, start_year: Any) -> tuple[int, int]:
    """Check a placement's ``years`` (horizon) and ``start_year``; return both as int."""
    return (
        check_whole_number("years", years, 1, MAX_HORIZON_YEARS, "years"),
        check_whole_number("start_year", start_year, *START_YEAR_RANGE, "calendar year"),
    )


def check_whole_number(name: str, value: Any, low: int, high: int, what: str = "") -> int:
    """Check a scalar whole number in ``[low, high]`` (e.g. a horizon in years).

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : int, or an integral float or numpy scalar
        ``5`` and ``5.0`` are accepted; ``5.5``, NaN, infinities, booleans, strings,
        ``None`` and arrays are not.
    low, high : int
        Inclusive bounds.
    what : str, optional
        What the number counts (``"years"``), for the message.

    Returns
    -------
    int

    Raises
    ------
    InputError
        Naming the parameter, the value and the allowed range.
    """
    if type(value) is int and low <= value <= high:  # the common case, nothing to convert
        return value
    given = value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    ok = not isinstance(value, (bool, np.bool_)) and isinstance(value, numbers.Real)
    f = float(value) if ok else math.nan
    if not (math.isfinite(f) and f == math.floor(f) and low <= f <= high):
        allowed = f"must be a whole number{' of ' + what if what else ''} in [{low}, {high}]"
        raise InputError(f"{name}={given!r}: {allowed}")
    return int(f)
