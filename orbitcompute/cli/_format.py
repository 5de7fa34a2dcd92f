"""Plain-text table formatting for the terminal (no pandas needed).

Numbers are shown rounded (never truncated), and each column of a table in one
notation: positional, with thousands separators from ``10**(digits - 1)`` up
(``844,917`` and ``1,460,418`` in one column, not ``844,917`` beside ``1.46e+06``),
when every nonzero finite number of the column lies in
[:data:`POSITIONAL_MIN`, :data:`POSITIONAL_MAX`); otherwise scientific with the same
number of significant figures for the whole column (``4.52e+10``, ``9.60e+09``).
Python and numpy integers are formatted as floats are, except in a column headed
as in :data:`YEAR_HEADERS` (calendar years: ``2019``, not ``2,019``). NaN prints
``n/a``, an infinite number :data:`UNLIMITED`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Sequence
from typing import Any

#: Smallest magnitude printed positionally (``0.000123``); a column with a smaller
#: nonzero number is printed in scientific notation throughout.
POSITIONAL_MIN = 1e-4
#: Magnitude from which a column is printed in scientific notation throughout
#: (``999,999,999`` is the widest positional number).
POSITIONAL_MAX = 1e9
#: What an infinite number prints as (JSON writes the string ``"inf"``): in the
#: models an infinite value is a quantity with no limit.
UNLIMITED = "unlimited"
#: Column headers whose integers are calendar years, printed without separators.
YEAR_HEADERS = frozenset({"year"})


def is_number(v: Any) -> bool:
    """True for a real number (Python or numpy int or float), False for a bool."""
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _special(x: float) -> str | None:
    """The word for a number that has no digits: NaN, infinity; else None."""
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return UNLIMITED if x > 0 else "-" + UNLIMITED
    return None


def _positional(v: Any, digits: int) -> str:
    """``v`` positionally: ``digits`` significant figures below ``10**(digits - 1)``,
    whole numbers with thousands separators from there (rounded, not truncated)."""
    if isinstance(v, numbers.Integral):
        v = int(v)
        return f"{v:,}" if abs(v) >= 10 ** (digits - 1) else str(v)
    x = float(v)
    text = f"{x:.{digits}g}"
    if abs(float(text)) >= 10 ** (digits - 1):  # 99.96 -> "100": the whole-number form
        return f"{x:,.0f}"
    return text


def number(v: Any, digits: int = 4) -> str:
    """One number on its own: positional (:func:`column`'s form) inside
    [:data:`POSITIONAL_MIN`, :data:`POSITIONAL_MAX`), else the shortest scientific
    form with ``digits`` significant figures.

    Parameters
    ----------
    v : int or float
        The number.
    digits : int
        Significant figures below ``10**(digits - 1)`` (larger whole numbers show
        every digit).

    Returns
    -------
    str
        ``50000`` is ``"50,000"``, ``1e-7`` is ``"1e-07"``, ``43.7612`` is
        ``"43.76"``, ``0`` is ``"0"``, NaN ``"n/a"``, infinity :data:`UNLIMITED`.
    """
    x = float(v)
    word = _special(x)
    if word is not None:
        return word
    if x == 0:
        return "0"
    if POSITIONAL_MIN <= abs(x) < POSITIONAL_MAX:
        return _positional(v, digits)
    return f"{x:.{digits}g}"


def _text(v: Any) -> str:
    """A cell that is not a number."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def column(values: Sequence[Any], digits: int = 3, *, year: bool = False) -> list[str]:
    """The cells of one table column, its numbers in one notation.

    Parameters
    ----------
    values : Sequence
        The column's values: numbers, and text, bools (``yes``/``no``) or None
        (an empty cell).
    digits : int
        Significant figures of a number below ``10**(digits - 1)``, and of every
        number in scientific notation; larger numbers, positional, show every
        whole digit.
    year : bool
        The integers are calendar years: printed as they are.

    Returns
    -------
    list of str
        Positional when every nonzero finite number lies in
        [:data:`POSITIONAL_MIN`, :data:`POSITIONAL_MAX`) (``[1.456e6, 844917.2,
        0.0]`` gives ``["1,456,000", "844,917", "0"]``), else scientific throughout
        (``[4.52e10, 9.6e9]`` gives ``["4.52e+10", "9.60e+09"]``). NaN is ``n/a``,
        infinity :data:`UNLIMITED`.
    """
    finite = [abs(float(v)) for v in values if is_number(v) and math.isfinite(float(v)) and v != 0]
    positional = all(POSITIONAL_MIN <= a < POSITIONAL_MAX for a in finite)
    cells = []
    for v in values:
        if not is_number(v):
            cells.append(_text(v))
            continue
        word = _special(float(v))
        if word is not None:
            cells.append(word)
        elif year and isinstance(v, numbers.Integral):
            cells.append(str(int(v)))
        elif v == 0:
            cells.append("0")
        elif positional:
            cells.append(_positional(v, digits))
        else:
            cells.append(f"{float(v):.{digits - 1}e}")
    return cells


def _cut(cells: Sequence[str], max_width: int) -> list[str]:
    """``cells`` longer than ``max_width`` characters cut to it, ending in an ellipsis."""
    return [c if len(c) <= max_width else c[: max_width - 1] + "…" for c in cells]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    max_width: int = 60,
    *,
    whole: Collection[int] = (0,),
    digits: int = 3,
) -> str:
    """Return an aligned text table; numbers right-aligned, text left-aligned.

    Parameters
    ----------
    headers : Sequence[str]
        The column headers.
    rows : Sequence[Sequence]
        The rows, one value per header.
    max_width : int
        Text cells longer than this are cut to it with an ellipsis, except in the
        ``whole`` columns. Numbers are never cut.
    whole : Collection[int]
        Indices of the columns never cut: by default the first, the rows' names,
        which must stay distinct (two placements whose names share their first
        ``max_width`` characters are two rows, and ``--placement`` takes the full
        name).
    digits : int
        Significant figures of the numbers (:func:`column`).

    Returns
    -------
    str
        The header, a rule of dashes under each column, and the rows.
    """
    numeric = [all(is_number(r[i]) for r in rows if r[i] is not None) for i in range(len(headers))]
    columns = [
        column([r[i] for r in rows], digits, year=headers[i] in YEAR_HEADERS)
        for i in range(len(headers))
    ]
    columns = [c if numeric[i] or i in whole else _cut(c, max_width) for i, c in enumerate(columns)]
    cells = [list(r) for r in zip(*columns, strict=True)] if columns else []
    widths = [len(h) for h in headers]
    for r in cells:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], len(c))

    def fmt(r: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if numeric[i] else c.ljust(widths[i]) for i, c in enumerate(r)
        ).rstrip()

    out = [fmt(list(headers)), "  ".join("-" * w for w in widths)]
    out.extend(fmt(r) for r in cells)
    return "\n".join(out)
