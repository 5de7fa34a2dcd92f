"""Results to and from Parquet, with the run's spec recorded in the file.

The metadata (scenario, distributions, seed, engine, ...) is stored as JSON
under the key ``orbitcompute`` of the Parquet schema metadata, so a results
file says how it was made. :func:`read_parquet` returns ``(DataFrame, metadata)``.

References
----------
.. [1] Apache Parquet format specification, "Metadata" (key/value metadata of
   the file schema), https://parquet.apache.org/docs/file-format/metadata/
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orbitcompute._validate import check_output_path
from orbitcompute.errors import InputError

__all__ = ["METADATA_KEY", "jsonable", "read_parquet", "write_parquet"]

#: Key of the JSON metadata in the Parquet schema metadata.
METADATA_KEY = b"orbitcompute"


def jsonable(obj: Any) -> Any:
    """Convert numpy values, dataclasses, mappings, tuples and paths to plain JSON types.

    Non-finite floats become ``None`` (JSON has no NaN).
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {
            str(k) if not isinstance(k, tuple) else ",".join(map(str, k)): jsonable(v)
            for k, v in obj.items()
        }
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        return jsonable(obj.item())
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, (str, int, bool)) or obj is None:
        return obj
    if isinstance(obj, Path):
        return str(obj)
    return repr(obj)


def write_parquet(
    path: str | Path,
    data: pd.DataFrame | Mapping[str, np.ndarray],
    metadata: Mapping[str, Any] | None = None,
) -> Path:
    """Write a table to Parquet with ``metadata`` as JSON in the schema metadata.

    Parameters
    ----------
    path : str or Path
        Output file (its directory must exist; an existing file is replaced).
    data : DataFrame or Mapping[str, ndarray]
        Columns of equal length.
    metadata : Mapping, optional
        Anything :func:`jsonable` can convert (scenario, specs, seed, ...).

    Returns
    -------
    Path

    Raises
    ------
    InputError
        ``path`` is a directory, its directory is missing or not writable, or the
        write fails (the operating system's reason is given).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(dict(data))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[METADATA_KEY] = json.dumps(jsonable(dict(metadata or {})), allow_nan=False).encode()
    table = table.replace_schema_metadata(meta)
    path = check_output_path("path", path)
    try:
        pq.write_table(table, path)
    except OSError as exc:
        raise InputError(f"path={str(path)!r}: cannot write the file: {exc}") from exc
    return path


def read_parquet(path: str | Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Read a results file: ``(DataFrame, metadata)``.

    Raises
    ------
    InputError
        If the file does not exist.
    """
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.is_file():
        raise InputError(f"path={str(path)!r}: no such file")
    table = pq.read_table(path)
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    meta = json.loads(raw.decode()) if raw else {}
    return table.to_pandas(), meta
