"""Reference catalogs with provenance: ``data/*.csv`` and ``data/sources.csv``.

Every catalog is a CSV with one row per entry. The key column is ``name``
(lower_snake_case); every row carries ``source_id`` (one or more ids from
``sources.csv``, ``;``-separated) and ``confidence`` (``measured``,
``published`` or ``estimate``). Columns are documented, with units and whether
they are required, in ``data/schema.csv``. Where a catalog gives ``x_low`` and
``x_high`` beside ``x``, they bound the uncertainty used by the tornado and the
Monte Carlo.

This is the only module below ``compare.py`` that touches pandas, and only at
load time.

Examples
--------
>>> from orbitcompute import catalog
>>> float(catalog.load("accelerators").loc["h100_sxm", "tdp_w"])
700.0
>>> rec = catalog.get("accelerators", "h100_sxm")
>>> rec["tdp_w"], rec.confidence  # graded by its weakest number, the price
(700.0, 'estimate')
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from orbitcompute._paths import data_dir
from orbitcompute._validate import (
    as_float_array,
    check_nonnegative,
    did_you_mean,
    short_repr,
)
from orbitcompute.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CONFIDENCE_LEVELS",
    "Record",
    "check_name",
    "get",
    "kinds",
    "load",
    "names",
    "numbers",
    "schema",
    "sources",
    "value",
]

CONFIDENCE_LEVELS = ("measured", "published", "estimate")
_NOT_CATALOGS = {"sources", "schema"}


def kinds() -> list[str]:
    """Names of the data catalogs: the CSV files in ``data/`` other than ``sources``
    (the provenance table) and ``schema`` (the column documentation), which
    :func:`load` reads too (also as :func:`sources` and :func:`schema`)."""
    return list(_kinds())


@cache
def _kinds() -> tuple[str, ...]:
    # read once, like the catalogs themselves (``_read``, ``_rows`` and ``get`` are cached)
    return tuple(sorted(p.stem for p in data_dir().glob("*.csv") if p.stem not in _NOT_CATALOGS))


@cache
def _read(kind: str) -> pd.DataFrame:
    import pandas as pd

    rows = _rows(kind) if kind != "schema" else {}  # checks the file once (see _rows)
    path = data_dir() / f"{kind}.csv"
    # only an empty cell is missing: "NA", "None" or "null" are text, as in get()
    df = pd.read_csv(
        path, comment=None, skipinitialspace=True, keep_default_na=False, na_values=[""]
    )
    df.columns = [c.strip() for c in df.columns]
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].map(lambda v: v.strip() if isinstance(v, str) else v)
        if rows and not pd.api.types.is_numeric_dtype(df[col]) and _is_number_column(rows, col):
            df[col] = pd.to_numeric(df[col].astype(str).str.strip())  # e.g. a padded "700 "
    if "name" in df.columns:
        df = df.set_index("name", drop=False)
        df.index.name = None
    return df


def load(kind: str) -> pd.DataFrame:
    """Return the catalog ``kind`` as a DataFrame indexed by ``name``.

    Parameters
    ----------
    kind : str
        Catalog name, e.g. ``"accelerators"``; see :func:`kinds`.

    Returns
    -------
    pandas.DataFrame
        A copy: changing it does not change the catalog.

    Raises
    ------
    InputError
        For an unknown kind, with a did-you-mean.
    """
    _check_kind(kind)
    return _read(kind).copy()


def sources() -> pd.DataFrame:
    """The bibliography, ``data/sources.csv``, indexed by ``source_id``."""
    df = _read("sources").copy()
    return df.set_index("source_id", drop=False).rename_axis(None)


def schema() -> pd.DataFrame:
    """Column documentation (``kind, column, unit, required, description``)."""
    return _read("schema").copy()


@dataclass(frozen=True)
class Record(Mapping[str, Any]):
    """One catalog entry: its numbers, its confidence and its sources.

    Behaves as a read-only mapping from column name to value; empty cells are
    ``None``.
    """

    kind: str
    name: str
    data: Mapping[str, Any]
    confidence: str
    source_ids: tuple[str, ...]
    sources: tuple[Mapping[str, Any], ...] = field(repr=False)

    def __getitem__(self, key: str) -> Any:
        try:
            return self.data[key]
        except (KeyError, TypeError):  # TypeError: an unhashable key (a list, an array)
            if not isinstance(key, str):
                raise InputError(
                    f"column={short_repr(key)}: must be one column name (a string) of "
                    f"data/{self.kind}.csv: {', '.join(self.data)}"
                ) from None
            raise InputError(
                f"{self.kind}[{self.name!r}] has no column {key!r}{did_you_mean(key, self.data)}"
            ) from None

    def __contains__(self, key: object) -> bool:
        try:
            return key in self.data
        except TypeError:  # unhashable: not a column name
            return False

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        """The value of column ``key``, or ``default`` if there is no such column."""
        return self.data[key] if key in self else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def source_titles(self) -> list[str]:
        """Titles of the sources behind this entry."""
        return [str(s["title"]) for s in self.sources]


def _clean(v: Any) -> Any:
    if isinstance(v, float) and v != v:  # NaN from an empty cell
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _parse_column(values: list[str]) -> list[Any]:
    """Type one CSV column the way pandas would: int, float, bool or str; '' -> None."""
    present = [v for v in values if v != ""]
    if present and all(v in ("True", "False") for v in present):
        return [None if v == "" else v == "True" for v in values]
    try:
        nums = [float(v) for v in present]
    except ValueError:
        return [None if v == "" else v for v in values]
    if len(present) == len(values) and all(re.fullmatch(r"[-+]?\d+", v) for v in present):
        return [int(v) for v in values]
    it = iter(nums)
    return [None if v == "" else next(it) for v in values]


def _is_number_column(rows: Mapping[str, Mapping[str, Any]], col: str) -> bool:
    """True if column ``col`` of checked ``rows`` holds numbers (and empty cells) only."""
    vals = [r.get(col) for r in rows.values()]
    return any(v is not None for v in vals) and all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in vals
    )


def _cells(kind: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The text of ``data/<kind>.csv``: header, rows of stripped cells, and the line
    each row starts on (a quoted note may span lines). Not checked; not cached."""
    with open(data_dir() / f"{kind}.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, skipinitialspace=True)
        header = [h.strip() for h in next(reader)]
        raw: list[list[str]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for r in reader:
            if r:
                raw.append([c.strip() for c in r])
                lines.append(start)
            start = reader.line_num + 1
    return header, raw, lines


@cache
def _rows(kind: str) -> dict[str, dict[str, Any]]:
    """A catalog as {name: {column: value}} read with the csv module (no pandas).

    ``get`` and ``value`` use this so that the models, which only need numbers,
    never import pandas. The file is checked here, once (the result is cached):
    see :func:`_check_file`.
    """
    header, raw, lines = _cells(kind)
    _check_file(kind, header, raw, lines)
    cols = {
        h: _parse_column([r[i] if i < len(r) else "" for r in raw]) for i, h in enumerate(header)
    }
    key = "name" if "name" in cols else header[0]
    return {str(cols[key][j]): {h: cols[h][j] for h in header} for j in range(len(raw))}


# a finite number as written in a CSV cell: 700, -0.2, .5, 1.5e9 (no "inf", "nan", "1_000")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_NAME = re.compile(r"[a-z0-9_]+")
_TEXT_COLUMNS = frozenset({"name", "source_id", "confidence", "note", "estimated_columns"})


@cache
def _schema_columns() -> dict[tuple[str, str], tuple[str, bool]]:
    """``{(kind, column): (unit, required)}`` from ``data/schema.csv`` (kind ``*``: all)."""
    with open(data_dir() / "schema.csv", newline="", encoding="utf-8") as fh:
        return {
            (r["kind"].strip(), r["column"].strip()): (
                (r["unit"] or "").strip(),
                (r["required"] or "").strip() == "yes",
            )
            for r in csv.DictReader(fh, skipinitialspace=True)
        }


def _looks_numeric(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def _number_columns(kind: str, header: list[str], raw: list[list[str]]) -> list[int]:
    """Indices of the numeric columns of a catalog.

    A column is numeric if ``data/schema.csv`` gives it a unit (anything but ``-``,
    e.g. ``W`` or ``(see unit)``); a dimensionless column (unit ``-``, or not in the
    schema) is numeric if most of its filled cells are numbers (so one bad cell
    among numbers is reported, while a text column such as ``climate_zone``, with
    the odd ``7`` among ``3A``, ``4B``, stays text).
    """
    sch = _schema_columns()
    out = []
    for i, col in enumerate(header):
        if col in _TEXT_COLUMNS:
            continue
        spec = sch.get((kind, col)) or sch.get(("*", col))
        if spec is not None and spec[0] not in ("", "-"):
            out.append(i)
            continue
        present = [r[i] for r in raw if i < len(r) and r[i] != ""]
        if 2 * sum(map(_looks_numeric, present)) > len(present):
            out.append(i)
    return out


def _check_file(kind: str, header: list[str], raw: list[list[str]], lines: list[int]) -> None:
    """Refuse a catalog file that the models would misread, naming file, line and column.

    Checked: every row has no more cells than the header; ``name`` is filled,
    lower_snake_case and unique; required columns (``data/schema.csv``) are present
    and filled; every ``;``-separated ``source_id`` is in ``data/sources.csv``;
    ``confidence`` is one of :data:`CONFIDENCE_LEVELS`; a numeric column holds finite
    numbers or, where the column is not required, empty cells. ``sources.csv`` is
    checked for empty and duplicate ``source_id``; ``schema.csv`` not at all.
    """
    if kind == "schema":
        return
    f = f"data/{kind}.csv"
    if kind == "sources":
        first: dict[str, int] = {}
        for r, line in zip(raw, lines, strict=True):
            sid = r[0] if r else ""
            if not sid:
                raise InputError(f"{f} line {line}: source_id='': must be a source id")
            if sid in first:
                raise InputError(
                    f"{f} line {line}: source_id={sid!r}: duplicate (first on line "
                    f"{first[sid]}); every source_id must be unique"
                )
            first[sid] = line
        return
    sch = _schema_columns()
    required = [c for (k, c), (_, req) in sch.items() if req and k in (kind, "*") and c != "note"]
    for col in ("name", "source_id", "confidence", *required):
        if col not in header:
            raise InputError(
                f"{f} line 1: column {col!r} is missing; it is required (data/schema.csv); "
                f"the header has: {', '.join(header)}{did_you_mean(col, header)}"
            )
    req_idx = [header.index(c) for c in dict.fromkeys(required)]
    i_name, i_src, i_conf = (header.index(c) for c in ("name", "source_id", "confidence"))
    known = _rows("sources")
    numeric = _number_columns(kind, header, raw)
    seen: dict[str, int] = {}
    for r, line in zip(raw, lines, strict=True):
        if len(r) > len(header):
            raise InputError(
                f"{f} line {line}: {len(r)} cells but the header has {len(header)} "
                "columns; quote a cell that contains a comma"
            )
        name = r[i_name]
        if not _NAME.fullmatch(name):
            raise InputError(
                f"{f} line {line}: name={name!r}: must be lower_snake_case "
                "(a-z, 0-9 and _), not empty"
            )
        if name in seen:
            raise InputError(
                f"{f} line {line}: name={name!r}: duplicate (first on line {seen[name]}); "
                "every name must be unique"
            )
        seen[name] = line
        cell = [*r, *[""] * (len(header) - len(r))]
        at = f"{f} line {line} ({name})"
        for i in req_idx:
            if cell[i] == "" and i not in (i_src, i_conf):
                raise InputError(
                    f"{at}: {header[i]}='': empty; the column is required (data/schema.csv)"
                )
        ids = [s.strip() for s in cell[i_src].split(";") if s.strip()]
        if not ids:
            raise InputError(
                f"{at}: source_id={cell[i_src]!r}: must name one or more ids from "
                "data/sources.csv, separated by ';'"
            )
        for sid in ids:
            if sid not in known:
                raise InputError(
                    f"{at}: source_id={sid!r}: not in data/sources.csv (listed by "
                    f"'orbitcompute catalog sources'){did_you_mean(sid, known)}"
                )
        if cell[i_conf] not in CONFIDENCE_LEVELS:
            raise InputError(
                f"{at}: confidence={cell[i_conf]!r}: must be one of "
                f"{', '.join(CONFIDENCE_LEVELS)}{did_you_mean(cell[i_conf], CONFIDENCE_LEVELS)}"
            )
        for i in numeric:
            v = cell[i]
            if v == "" or (_NUMBER.fullmatch(v) and math.isfinite(float(v))):
                continue
            what = "not finite" if _looks_numeric(v) and "_" not in v else "not a number"
            empty = "" if i in req_idx else ", or an empty cell"
            raise InputError(
                f"{at}: {header[i]}={v!r}: {what}; must be a finite number "
                f"(such as 700, -0.2 or 1.5e9){empty}"
            )


def _check_kind(kind: str) -> None:
    if isinstance(kind, str) and kind in _kinds():  # np.str_ too
        return
    available = kinds() + sorted(_NOT_CATALOGS)
    if not isinstance(kind, str):  # an array would compare element by element
        raise InputError(
            f"kind={short_repr(kind)}: must be a catalog name (a string); "
            f"available: {', '.join(available)}"
        )
    if kind not in available:
        raise InputError(
            f"kind={kind!r}: unknown catalog; available: {', '.join(available)}"
            f"{did_you_mean(kind, available)}"
        )


def check_name(param: str, value: Any, kind: str) -> str:
    """``value`` if it names one entry of catalog ``kind``, else an InputError naming ``param``.

    For function arguments that select a catalog entry (``crosslink_terminal=``,
    ``vehicle=``, ...): the message names the argument, not the catalog, and a list
    or array of names is refused as not one name. A numpy string (``np.str_``, as
    read from an array or a data frame) is a string and names its entry as a
    ``str`` does.

    Parameters
    ----------
    param : str
        The argument's name, as the caller spelled it.
    value : Any
        The argument.
    kind : str
        Catalog name (see :func:`kinds`).

    Returns
    -------
    str
        ``value`` as a plain ``str``.
    """
    _check_kind(kind)
    if type(value) is str and value in _rows(kind):
        return value
    if isinstance(value, str) and value in _rows(kind):  # a str subclass: np.str_
        return str(value)
    entries = names(kind)
    if not isinstance(value, str):
        raise InputError(
            f"{param}={value!r}: must be one name from data/{kind}.csv (a string): "
            f"{', '.join(map(repr, entries))}"
        )
    value = str(value)  # np.str_: shown as the name it is
    raise InputError(
        f"{param}={value!r}: not in data/{kind}.csv; available: {', '.join(entries)}"
        f"{did_you_mean(value, entries)}"
    )


def names(kind: str) -> list[str]:
    """Entry names of a catalog, in file order, without pandas."""
    _check_kind(kind)
    return list(_rows(kind))


def get(kind: str, name: str) -> Record:
    """Return one entry of a catalog with its numbers and its sources.

    Records are immutable and cached: repeated look-ups are free.

    Raises
    ------
    InputError
        For an unknown kind or name (with a did-you-mean), or a name that is not a
        string.
    """
    if type(kind) is not str or type(name) is not str:
        if not isinstance(kind, str):
            raise InputError(f"kind={kind!r}: must be a catalog name (a string)")
        _check_kind(kind)
        kind = str(kind)  # np.str_: a string
        name = check_name("name", name, kind)
    return _get(kind, name)


@cache
def _get(kind: str, name: str) -> Record:
    _check_kind(kind)
    rows = _rows(kind)
    if name not in rows:
        raise InputError(
            f"name={name!r}: not in data/{kind}.csv; available: {', '.join(rows)}"
            f"{did_you_mean(name, rows)}"
        )
    row = MappingProxyType(dict(rows[name]))
    ids = tuple(s.strip() for s in str(row.get("source_id") or "").split(";") if s.strip())
    src = _rows("sources")
    recs = tuple(MappingProxyType(dict(src[i])) for i in ids if i in src)
    return Record(
        kind=kind,
        name=name,
        data=row,
        confidence=str(row.get("confidence")),
        source_ids=ids,
        sources=recs,
    )


def value(kind: str, name: str, column: str) -> float:
    """Return one number from a catalog, e.g. ``value("accelerators", "h100_sxm", "tdp_w")``.

    Parameters
    ----------
    kind, name : str
        The catalog and the entry.
    column : str
        A numeric column of that catalog.

    Returns
    -------
    float

    Raises
    ------
    InputError
        An unknown kind, name or column (with a did-you-mean), a column that is not
        a string, a column that holds text (e.g. ``confidence``), or an empty cell
        (the catalog has no sourced number there).
    """
    v = get(kind, name)[column]
    if v is None:
        raise InputError(
            f"{kind}[{name!r}].{column} is empty: no sourced value in the catalog; "
            "pass it explicitly"
        )
    return _number(kind, name, column, v)


def _number(kind: str, name: str, column: str, v: Any) -> float:
    """The cell ``v`` of ``kind[name].column`` as a float; a text cell is an InputError."""
    try:
        return float(v)
    except (TypeError, ValueError):
        raise InputError(
            f"column={column!r}: {kind}[{name!r}].{column} is {v!r}, not a number"
        ) from None


def _check_columns(kind: str, columns: Any) -> tuple[str, ...]:
    """``columns`` of :func:`numbers` as a tuple of column names of ``kind``."""
    if type(columns) is tuple:
        try:
            return _checked_columns(kind, columns)  # cached: the models pass constants
        except TypeError:  # an unhashable element: refused below
            pass
    if isinstance(columns, str):  # one name, not its characters
        columns = (columns,)
    if isinstance(columns, (tuple, list)) and all(isinstance(c, str) for c in columns):
        return _checked_columns(kind, tuple(map(str, columns)))
    raise InputError(
        f"columns={short_repr(columns)}: must be a tuple of column names (strings) "
        f"of data/{kind}.csv"
    )


@cache
def _checked_columns(kind: str, columns: tuple[Any, ...]) -> tuple[str, ...]:
    rows = _rows(kind)
    header = list(next(iter(rows.values()))) if rows else []
    for c in columns:
        if not isinstance(c, str):
            raise InputError(
                f"columns={short_repr(columns)}: must be a tuple of column names (strings) "
                f"of data/{kind}.csv"
            )
        if c not in header:
            raise InputError(
                f"columns: {c!r} is not a column of data/{kind}.csv; available: "
                f"{', '.join(header)}{did_you_mean(c, header)}"
            )
    return columns


def numbers(
    kind: str,
    name: str,
    columns: tuple[str, ...],
    overrides: Mapping[str, Any] | None = None,
    *,
    what: str = "a column",
    missing: str = "omit",
    nonnegative: bool = False,
) -> dict[str, Any]:
    """Numeric columns of one entry as floats, with validated overrides.

    Parameters
    ----------
    kind, name : str
        The catalog and the entry.
    columns : tuple of str
        The numeric columns to return.
    overrides : mapping, optional
        Replacements; each must be one of ``columns`` and a finite number or
        array (arrays are kept, so a Monte Carlo can pass samples).
    what : str
        How the error message names a column, e.g. ``"an accelerator column"``.
    missing : {"omit", "nan"}
        An empty cell is left out of the result, or returned as NaN.
    nonnegative : bool
        Overrides must be >= 0.

    Returns
    -------
    dict
        ``{column: float or ndarray}``.

    Raises
    ------
    InputError
        For an unknown entry, ``columns`` that are not column names of the catalog
        (a single name is one column) or that hold text, an override that is not one
        of ``columns`` (with a did-you-mean) or an invalid value, ``overrides`` that
        is not a mapping, or ``missing`` other than ``"omit"`` and ``"nan"``.
    """
    rec = get(kind, name)
    columns = _check_columns(kind, columns)
    if not isinstance(missing, str) or missing not in ("omit", "nan"):
        raise InputError(
            f"missing={short_repr(missing)}: must be 'omit' (leave empty cells out) or "
            "'nan' (return them as NaN)"
        )
    if overrides is not None and type(overrides) is not dict and not isinstance(overrides, Mapping):
        raise InputError(
            f"overrides={short_repr(overrides)}: must be a mapping of column name to value"
        )
    out: dict[str, Any] = {}
    for col in columns:
        v = rec.data.get(col)
        if v is None or (isinstance(v, float) and v != v):
            if missing == "nan":
                out[col] = float("nan")
            continue
        try:
            out[col] = float(v)
        except (TypeError, ValueError):
            _number(kind, name, col, v)  # raises, naming the column and its text
    for key, val in (overrides or {}).items():
        if key not in columns:
            raise InputError(
                f"{key}={val!r}: not {what}; allowed: {', '.join(columns)}"
                f"{did_you_mean(key, columns)}"
            )
        arr = check_nonnegative(key, val) if nonnegative else as_float_array(key, val)
        out[key] = float(arr) if arr.ndim == 0 else arr
    return out
