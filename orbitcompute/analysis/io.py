"""Results to and from Parquet, with the run's spec recorded in the file.

The metadata (scenario, distributions, seed, engine, ...) is stored as JSON
under the key ``orbitcompute`` of the Parquet schema metadata, so a results
file says how it was made. :func:`read_parquet` returns ``(DataFrame, metadata)``;
the scenario a comparison ran is ``metadata["scenario"]["raw"]``, which
:func:`orbitcompute.scenario.parse` loads back (infinities are stored as ``"inf"``,
dates as ISO 8601 text, both of which it reads).

References
----------
.. [1] Apache Parquet format specification, "Metadata" (key/value metadata of
   the file schema), https://parquet.apache.org/docs/file-format/metadata/
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import math
import platform
from collections.abc import Mapping
from functools import cache
from importlib import metadata as _metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orbitcompute import __version__
from orbitcompute._paths import data_dir
from orbitcompute._validate import check_file_name, check_output_path, short_repr
from orbitcompute.errors import InputError

__all__ = [
    "METADATA_KEY",
    "PARQUET_SUFFIXES",
    "catalog_sha256",
    "jsonable",
    "provenance",
    "read_parquet",
    "write_parquet",
]

#: Key of the JSON metadata in the Parquet schema metadata.
METADATA_KEY = b"orbitcompute"
#: File name endings :func:`write_parquet` accepts (as ``orbitcompute sweep --output``).
PARQUET_SUFFIXES = (".parquet", ".pq")
#: The packages whose versions :func:`provenance` records: those a run's numbers
#: depend on (SALib for Sobol indices, skyfield for orbit references).
_RECORDED_PACKAGES = ("numpy", "scipy", "pandas", "pyarrow", "SALib", "skyfield")


@cache
def catalog_sha256() -> str:
    """SHA-256 of the reference data: every catalog CSV and shipped scenario.

    The digest runs over the files' paths relative to the data directory and their
    bytes, in sorted order, so two runs with the same digest read the same
    defaults (``data/*.csv``, ``data/scenarios/*.toml``); hex, 64 characters.
    """
    root = data_dir()
    files = sorted([*root.glob("*.csv"), *root.glob("scenarios/*.toml")])
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.relative_to(root).as_posix().encode() + b"\0")
        digest.update(f.read_bytes() + b"\0")
    return digest.hexdigest()


def provenance() -> dict[str, Any]:
    """What made a run's numbers: software versions and the reference data's digest.

    Returns
    -------
    dict
        ``orbitcompute`` (the package version), ``python``, ``packages``
        (``{name: version}`` of those installed among numpy, scipy, pandas, pyarrow,
        SALib and skyfield) and ``catalog_sha256`` (:func:`catalog_sha256`): a
        results file that records them can be checked against the software and
        data that reproduce it.
    """
    return {
        "orbitcompute": __version__,
        "python": platform.python_version(),
        "packages": dict(_package_versions()),
        "catalog_sha256": catalog_sha256(),
    }


@cache
def _package_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of the installed :data:`_RECORDED_PACKAGES`, read once."""
    found = []
    for name in _RECORDED_PACKAGES:
        try:
            found.append((name, _metadata.version(name)))
        except _metadata.PackageNotFoundError:
            continue
    return tuple(found)


def _json_key(key: Any) -> str:
    """A mapping key as a JSON object key: a tuple ``(a, b)`` becomes ``"a,b"``."""
    if isinstance(key, str):
        return key
    if isinstance(key, tuple):
        return ",".join(map(str, key))
    return str(key)


def _to_json(obj: Any, where: str, active: set[int]) -> Any:
    """:func:`jsonable` of ``obj`` found at ``where``; ``active`` holds the ids of the
    containers being converted (those that hold ``obj``), to detect a cycle."""
    container = isinstance(obj, (Mapping, list, tuple, set, frozenset, np.ndarray)) or (
        dataclasses.is_dataclass(obj) and not isinstance(obj, type)
    )
    if container:
        if id(obj) in active:
            raise InputError(f"{where}: holds itself (a reference cycle); JSON cannot store it")
        active.add(id(obj))
        try:
            return _container_to_json(obj, where, active)
        finally:
            active.discard(id(obj))
    if isinstance(obj, np.generic):
        return _to_json(obj.item(), where, active)
    if isinstance(obj, float):
        if math.isinf(obj):  # JSON has no infinity; "inf" is read back by scenario.parse
            return "inf" if obj > 0 else "-inf"
        return obj if math.isfinite(obj) else None
    if isinstance(obj, (str, int, bool)) or obj is None:
        return obj
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (datetime.date, datetime.time)):  # datetime is a date
        return obj.isoformat()
    return repr(obj)


def _container_to_json(obj: Any, where: str, active: set[int]) -> Any:
    if isinstance(obj, np.ndarray):
        return _to_json(obj.tolist(), where, active)
    if isinstance(obj, Mapping):
        out: dict[str, Any] = {}
        first: dict[str, Any] = {}
        for k, v in obj.items():
            key = _json_key(k)
            if key in first:
                raise InputError(
                    f"{where}: keys {first[key]!r} and {k!r} both become {key!r} in JSON, "
                    "so one value would be lost; rename one"
                )
            first[key] = k
            out[key] = _to_json(v, f"{where}[{k!r}]", active)
        return out
    if dataclasses.is_dataclass(obj):  # its public fields (a private one is bookkeeping)
        return {
            f.name: _to_json(getattr(obj, f.name), f"{where}.{f.name}", active)
            for f in dataclasses.fields(obj)
            if not f.name.startswith("_")
        }
    return [_to_json(v, f"{where}[{i}]", active) for i, v in enumerate(obj)]


def jsonable(obj: Any, name: str = "obj") -> Any:
    """Convert numpy values, dataclasses, mappings, tuples and paths to plain JSON types.

    JSON has no NaN or infinity: NaN becomes ``None`` and an infinity the string
    ``"inf"`` or ``"-inf"`` (``None`` would lose it: ``inf`` is the scenarios'
    "no limit", e.g. ``water_available_m3_per_year = inf``, and
    :func:`orbitcompute.scenario.parse` reads ``"inf"`` back as a number, so the
    scenario recorded in a results file's metadata loads back unchanged); dates and
    times become ISO 8601 text; a tuple key ``(a, b)`` becomes ``"a,b"`` and any other key its
    ``str``; values of other types become their ``repr``.

    Parameters
    ----------
    obj : Any
        The value to convert.
    name : str, optional
        Its name in error messages (``"metadata"``).

    Raises
    ------
    InputError
        Two keys of one mapping that become the same JSON key (``1`` and ``"1"``,
        ``("a", "b")`` and ``"a,b"``), which would lose a value; a container that
        holds itself; nesting too deep to convert.
    """
    try:
        return _to_json(obj, name, set())
    except RecursionError:
        raise InputError(f"{name}: nested too deeply to store as JSON") from None


def _frame(data: Any) -> pd.DataFrame:
    """``data`` as a DataFrame of 1-D columns of equal length, with unique names."""
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, Mapping):
        cols: dict[Any, np.ndarray] = {}
        for k, v in data.items():
            try:
                a = np.asarray(v)
            except (TypeError, ValueError):  # ragged nested lists
                a = None
            if a is None or a.ndim != 1:
                got = (
                    "not an array"
                    if a is None
                    else "a single value"
                    if a.ndim == 0
                    else f"an array of shape {a.shape}"
                )
                raise InputError(
                    f"data={{{k!r}: ...}}: must be a 1-D array (one value per row); got {got}"
                )
            cols[k] = a
        lengths = {k: len(a) for k, a in cols.items()}
        if len(set(lengths.values())) > 1:
            got = ", ".join(f"{k!r}: {m}" for k, m in lengths.items())
            raise InputError(f"data: columns must have equal lengths; got {got}")
        frame = pd.DataFrame(cols)
    else:
        raise InputError(
            f"data={short_repr(data)}: must be a DataFrame or a mapping {{column name: 1-D array}}"
        )
    names: dict[str, Any] = {}
    for c in frame.columns:
        key = str(c)
        if key in names:
            raise InputError(
                f"data: columns {names[key]!r} and {c!r} both have the name {key!r} in "
                "Parquet; rename one"
            )
        names[key] = c
    return frame


def write_parquet(
    path: str | Path,
    data: pd.DataFrame | Mapping[str, np.ndarray],
    metadata: Mapping[str, Any] | None = None,
) -> Path:
    """Write a table to Parquet with ``metadata`` as JSON in the schema metadata.

    Parameters
    ----------
    path : str or Path
        Output file, ending in ``.parquet`` or ``.pq`` (its directory must exist;
        an existing file is replaced).
    data : DataFrame or Mapping[str, ndarray]
        Columns: 1-D arrays of equal length, with distinct names.
    metadata : Mapping, optional
        Anything :func:`jsonable` can convert (scenario, specs, seed, ...).

    Returns
    -------
    Path

    Raises
    ------
    InputError
        Before anything is written: ``path`` is no file name, a directory, has
        another ending, or its directory is missing or not writable; a column
        that is not 1-D, columns of unequal lengths or clashing names, values
        Parquet cannot store; ``metadata`` not a mapping, with clashing keys or
        holding itself (see :func:`jsonable`). When the write fails, the
        operating system's reason.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = check_output_path("path", path, PARQUET_SUFFIXES)
    if metadata is not None and not isinstance(metadata, Mapping):
        raise InputError(
            f"metadata={short_repr(metadata)}: must be a mapping {{name: value}} or None"
        )
    frame = _frame(data)
    meta_json = json.dumps(
        jsonable({} if metadata is None else metadata, "metadata"), allow_nan=False
    )
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise InputError(f"data: cannot be stored in Parquet: {exc}") from None
    meta = dict(table.schema.metadata or {})
    meta[METADATA_KEY] = meta_json.encode()
    table = table.replace_schema_metadata(meta)
    try:
        pq.write_table(table, path)
    except OSError as exc:
        raise InputError(f"path={str(path)!r}: cannot write the file: {exc}") from exc
    return path


def read_parquet(path: str | Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Read a results file: ``(DataFrame, metadata)``.

    Parameters
    ----------
    path : str or Path
        A Parquet file (any file name); one without ``orbitcompute`` metadata
        gives ``{}``.

    Returns
    -------
    (DataFrame, dict)

    Raises
    ------
    InputError
        ``path`` is no file name, does not exist or is a directory; the file is
        not Parquet or cannot be read (the reason is given); its ``orbitcompute``
        metadata is not a JSON object.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = check_file_name("path", path)
    try:
        if p.is_dir():
            raise InputError(f"path={str(p)!r}: is a directory; give a file name")
        if not p.is_file():
            raise InputError(f"path={str(p)!r}: no such file")
        table = pq.read_table(p)
        frame = table.to_pandas()
    except (pa.ArrowException, OSError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"path={str(p)!r}: cannot be read as a Parquet file: {exc}") from None
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    if not raw:
        return frame, {}
    try:
        meta = json.loads(raw.decode())
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            f"path={str(p)!r}: its {METADATA_KEY.decode()!r} metadata is not valid JSON ({exc}); "
            "the file is damaged or was not written by orbitcompute"
        ) from None
    if not isinstance(meta, dict):
        raise InputError(
            f"path={str(p)!r}: its {METADATA_KEY.decode()!r} metadata is "
            f"{short_repr(meta)}, not a JSON object; the file is damaged or was not written "
            "by orbitcompute"
        )
    return frame, meta
