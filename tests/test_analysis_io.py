"""Parquet results files: what ``write_parquet`` refuses before writing, and what
``read_parquet`` says of a file it cannot read. The round trip of a run's samples and
metadata is tested with the Monte Carlo (tests/test_analysis_montecarlo.py)."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

from orbitcompute import InputError
from orbitcompute.analysis import io
from orbitcompute.analysis.io import jsonable, read_parquet, write_parquet

COLS = {"x": np.arange(3.0)}


def test_the_file_name_must_end_in_parquet(tmp_path):
    """As ``orbitcompute sweep --output``: a .csv name would hold Parquet bytes."""
    with pytest.raises(
        InputError, match=r"^path='.*x\.csv': the file name must end in \.parquet or \.pq"
    ):
        write_parquet(tmp_path / "x.csv", COLS)
    assert not (tmp_path / "x.csv").exists()
    assert read_parquet(write_parquet(tmp_path / "x.PQ", COLS))[0]["x"].tolist() == [0, 1, 2]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a" * 300 + ".parquet", r"cannot write the file: .*File name too long"),
        ("a\0b.parquet", r"contains a NUL character"),
    ],
)
def test_file_names_the_system_refuses(tmp_path, name, message):
    with pytest.raises(InputError, match=rf"^path='.*': {message}"):
        write_parquet(str(tmp_path) + "/" + name, COLS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"x": [1.0, 2.0], "y": [1.0]},
            r"^data: columns must have equal lengths; got 'x': 2, 'y': 1",
        ),
        (
            {"x": np.ones((2, 2))},
            r"^data=\{'x': \.\.\.\}: must be a 1-D array \(one value per row\); "
            r"got an array of shape \(2, 2\)",
        ),
        ({"x": 1.0}, r"^data=\{'x': \.\.\.\}: must be a 1-D array .*got a single value"),
        (None, r"^data=None: must be a DataFrame or a mapping"),
        ([1, 2], r"^data=\[1, 2\]: must be a DataFrame or a mapping"),
        (pd.DataFrame([[1, 2]], columns=["a", "a"]), r"^data: columns 'a' and 'a' both have"),
        ({1: [1.0], "1": [2.0]}, r"^data: columns 1 and '1' both have the name '1' in Parquet"),
        ({"x": [object()]}, r"^data: cannot be stored in Parquet: .*column x"),
    ],
)
def test_data_that_is_no_table(tmp_path, data, message):
    path = tmp_path / "d.parquet"
    with pytest.raises(InputError, match=message):
        write_parquet(path, data)
    assert not path.exists()


def _cycle():
    d = {"a": 1}
    d["self"] = d
    return d


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ([1, 2], r"^metadata=\[1, 2\]: must be a mapping \{name: value\} or None"),
        ("abc", r"^metadata='abc': must be a mapping"),
        (
            {1: "a", "1": "b"},
            r"^metadata: keys 1 and '1' both become '1' in JSON, so one value "
            r"would be lost",
        ),
        (
            {"c": {("a", "b"): 0.5, "a,b": 0.1}},
            r"^metadata\['c'\]: keys \('a', 'b'\) and 'a,b' "
            r"both become 'a,b'",
        ),
        (_cycle(), r"^metadata\['self'\]: holds itself \(a reference cycle\)"),
    ],
)
def test_metadata_that_json_cannot_hold(tmp_path, metadata, message):
    path = tmp_path / "m.parquet"
    with pytest.raises(InputError, match=message):
        write_parquet(path, COLS, metadata)
    assert not path.exists()


def test_metadata_conversions(tmp_path):
    """A pair key becomes "a,b"; NaN becomes null; an infinity "inf" or "-inf" (it
    became null, so a scenario's "no limit" was lost); dates become ISO 8601 text."""
    meta = {
        "corr": {("a", "b"): 0.5},
        "nan": np.float64(np.nan),
        "inf": [float("inf"), np.float64(-np.inf), np.array([np.inf, 1.0])],
        "day": datetime.date(2026, 3, 20),
        "t": np.datetime64("2026-03-20T12:00"),
    }
    assert read_parquet(write_parquet(tmp_path / "m.parquet", COLS, meta))[1] == {
        "corr": {"a,b": 0.5},
        "nan": None,
        "inf": ["inf", "-inf", ["inf", 1.0]],
        "day": "2026-03-20",
        "t": "2026-03-20T12:00:00",
    }
    with pytest.raises(InputError, match=r"^obj: keys 1 and '1' both become '1'"):
        jsonable({1: 0, "1": 0})


@pytest.mark.parametrize("path", [None, 5, "", "  "])
def test_read_needs_a_file_name(path):
    with pytest.raises(InputError, match=rf"^path={path!r}: must be a file name"):
        read_parquet(path)


def test_read_a_file_that_is_not_a_results_file(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    with pytest.raises(InputError, match=r"^path='.*': is a directory; give a file name"):
        read_parquet(tmp_path)
    with pytest.raises(InputError, match=r"^path='.*': no such file"):
        read_parquet(tmp_path / "missing.parquet")
    (tmp_path / "t.parquet").write_text("hello")
    with pytest.raises(InputError, match=r"^path='.*t\.parquet': cannot be read as a Parquet file"):
        read_parquet(tmp_path / "t.parquet")
    for raw, message in [
        (b"{not json", r"metadata is not valid JSON"),
        (b"[1, 2]", r"metadata is \[1, 2\], not a JSON object"),
    ]:
        path = tmp_path / "m.parquet"
        pq.write_table(pa.table({"x": [1]}).replace_schema_metadata({b"orbitcompute": raw}), path)
        with pytest.raises(
            InputError, match=rf"^path='.*m\.parquet': its 'orbitcompute' {message}"
        ):
            read_parquet(path)
    # another tool's Parquet file (no orbitcompute metadata) reads with empty metadata
    pq.write_table(pa.table({"x": [1]}), tmp_path / "o.parquet")
    assert read_parquet(tmp_path / "o.parquet")[1] == {}


def test_a_monte_carlo_scenario_with_inf_reruns_from_its_metadata(tmp_path):
    """The shipped starcloud_2024 scenario sets water_available_m3_per_year = inf (and
    land, grid headroom): read back from a results file it failed to parse
    (water_available_m3_per_year=None: must be a number); now it gives the same
    comparison, number for number."""
    from orbitcompute import scenario
    from orbitcompute.analysis import monte_carlo_comparison
    from orbitcompute.compare import compare

    sc = scenario.load("starcloud_2024")
    dist = {"demand.utilisation": {"dist": "uniform", "low": 0.7, "high": 0.9}}
    path = monte_carlo_comparison(sc, 16, dist, seed=1).to_parquet(tmp_path / "mc.parquet")
    raw = read_parquet(path)[1]["scenario"]["raw"]
    again = scenario.parse(raw, "starcloud_2024.toml")
    assert compare(sc).summary.equals(compare(again).summary)


def test_catalog_digest_follows_the_data_bytes(tmp_path, monkeypatch):
    """The digest of a copy of the data directory equals the shipped one's; one byte
    changed in one catalog, or a scenario added, changes it; a file that is neither a
    catalog CSV nor a scenario (README) does not."""
    import shutil

    shipped = io.catalog_sha256()
    copy = tmp_path / "data"
    shutil.copytree(io.data_dir(), copy)
    monkeypatch.setattr(io, "data_dir", lambda: copy)

    def digest():
        io.catalog_sha256.cache_clear()
        return io.catalog_sha256()

    try:
        assert digest() == shipped
        (copy / "README.txt").write_text("notes")
        assert digest() == shipped
        sites = copy / "sites.csv"
        text = sites.read_bytes()
        sites.write_bytes(text.replace(b",", b";", 1))
        assert digest() != shipped
        sites.write_bytes(text)
        assert digest() == shipped
        (copy / "scenarios" / "extra.toml").write_text('name = "x"\n')
        assert digest() != shipped
    finally:
        io.catalog_sha256.cache_clear()
