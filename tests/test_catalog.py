"""Reference data: provenance, schema and internal consistency of every catalog."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from orbitcompute import catalog, constants
from orbitcompute.errors import InputError

KINDS = catalog.kinds()

# (kind or None for all, result column, function of the row, relative tolerance)
CONSISTENCY_RULES = [
    ("specific_power_w_per_kg", lambda r: r["power_w"] / r["mass_kg"], 1e-3),
    ("areal_density_kg_per_m2", lambda r: r["mass_kg"] / r["area_m2"], 1e-3),
    ("price_usd_per_kg", lambda r: r["price_usd_per_launch"] / r["payload_leo_kg"], 1e-3),
    ("unit_power_w", lambda r: r["accelerators_per_unit"] * r["all_in_power_w"], 1e-3),
]


def test_every_consistency_rule_checks_some_row():
    """A rule whose column or inputs no catalog row fills would pass vacuously."""
    for col, fn, _ in CONSISTENCY_RULES:
        checked = 0
        for kind in KINDS:
            df = catalog.load(kind)
            if col not in df.columns:
                continue
            for _, row in df.iterrows():
                try:
                    ok = not _is_empty(row[col]) and not math.isnan(float(fn(row)))
                except (KeyError, TypeError, ValueError, ZeroDivisionError):
                    ok = False
                checked += ok
        assert checked > 0, col


def _is_empty(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    return set(catalog.sources().index)


def test_sources_table_is_complete():
    src = catalog.sources()
    assert src.index.is_unique, "duplicate source_id in sources.csv"
    for col in ("source_id", "title", "publisher", "year"):
        empty = src[src[col].map(_is_empty)]
        assert empty.empty, f"sources.csv rows with empty {col}: {list(empty.index)}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_row_has_known_sources_and_confidence(kind, source_ids):
    df = catalog.load(kind)
    for col in ("name", "source_id", "confidence"):
        assert col in df.columns, f"{kind}.csv lacks column {col}"
    assert df["name"].is_unique, f"{kind}.csv has duplicate names"
    for name, row in df.iterrows():
        assert re.fullmatch(r"[a-z0-9_]+", str(name)), f"{kind}: bad name {name!r}"
        ids = [s.strip() for s in str(row["source_id"]).split(";") if s.strip()]
        assert ids, f"{kind}[{name}] has no source_id"
        unknown = [i for i in ids if i not in source_ids]
        assert not unknown, f"{kind}[{name}] names unknown sources {unknown}"
        assert row["confidence"] in catalog.CONFIDENCE_LEVELS, (
            f"{kind}[{name}] confidence {row['confidence']!r}"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_every_column_is_documented_and_required_ones_filled(kind):
    df = catalog.load(kind)
    sch = catalog.schema()
    documented = set(sch[sch["kind"].isin([kind, "*"])]["column"])
    undocumented = [c for c in df.columns if c not in documented]
    assert not undocumented, f"{kind}.csv columns missing from schema.csv: {undocumented}"
    required = sch[(sch["kind"].isin([kind, "*"])) & (sch["required"] == "yes")]["column"]
    for col in required:
        if col == "note":
            continue
        assert col in df.columns, f"{kind}.csv lacks required column {col}"
        empty = df[df[col].map(_is_empty)]
        assert empty.empty, f"{kind}.csv: required column {col} empty for {list(empty.index)}"


@pytest.mark.parametrize("kind", KINDS)
def test_numbers_agree_with_each_other(kind):
    """Derived columns agree with their own inputs to the digits they are written with
    (rounded catalog values: within 0.1 %).

    E.g. W/kg must equal power_w / mass_kg; $/kg must equal the launch price
    over the payload; low <= value <= high wherever bounds are given.
    """
    df = catalog.load(kind)
    for col, fn, rtol in CONSISTENCY_RULES:
        if col not in df.columns:
            continue
        for name, row in df.iterrows():
            if _is_empty(row[col]):
                continue
            try:
                expected = float(fn(row))
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                continue
            if math.isnan(expected):
                continue
            assert_allclose(float(row[col]), expected, rtol=rtol, err_msg=f"{kind}[{name}].{col}")
    for col in df.columns:
        lo, hi = f"{col}_low", f"{col}_high"
        if lo in df.columns and hi in df.columns:
            sub = df[[col, lo, hi]].apply(pd.to_numeric, errors="coerce").dropna()
            bad = sub[(sub[lo] > sub[col]) | (sub[col] > sub[hi])]
            assert bad.empty, f"{kind}: {col} outside [{lo}, {hi}] for {list(bad.index)}"


def test_constants_module_matches_its_sourced_table():
    df = catalog.load("constants")
    for name, row in df.iterrows():
        assert_allclose(getattr(constants, name.upper()), float(row["value"]), rtol=1e-12)


def test_constants_against_independent_references():
    """Stefan-Boltzmann from its defining formula 2 pi^5 k^4 / (15 h^3 c^2)."""
    k, h, c = constants.BOLTZMANN_J_PER_K, constants.PLANCK_J_S, constants.SPEED_OF_LIGHT_M_PER_S
    sigma = 2 * math.pi**5 * k**4 / (15 * h**3 * c**2)
    assert_allclose(constants.STEFAN_BOLTZMANN_W_PER_M2_K4, sigma, rtol=1e-9)
    # GEO radius from mu and the sidereal day (86164.0905 s): (mu T^2 / 4 pi^2)^(1/3)
    t_sid = 2 * math.pi / constants.EARTH_ROTATION_RAD_PER_S
    r = (constants.EARTH_MU_KM3_PER_S2 * t_sid**2 / (4 * math.pi**2)) ** (1 / 3)
    assert_allclose(constants.GEO_RADIUS_KM, r, rtol=1e-5)


def test_get_returns_numbers_and_sources():
    rec = catalog.get("constants", "solar_constant_w_per_m2")
    assert rec["value"] == 1361
    assert rec.confidence == "measured"
    assert rec.source_ids == ("kopp_lean_2011",)
    assert "total solar irradiance" in rec.source_titles()[0]


def test_unknown_kind_and_name_raise_input_error_with_suggestion():
    with pytest.raises(InputError, match="did you mean 'constants'"):
        catalog.load("constant")
    with pytest.raises(InputError, match="did you mean 'earth_j2'"):
        catalog.get("constants", "earth_j3")
    with pytest.raises(ValueError):  # InputError is a ValueError
        catalog.get("constants", "nope")


def test_load_returns_a_copy():
    a = catalog.load("constants")
    a.loc["earth_j2", "value"] = np.nan
    assert catalog.load("constants").loc["earth_j2", "value"] == pytest.approx(1.08262668e-3)


def test_check_name_names_the_argument():
    from orbitcompute.catalog import check_name

    assert check_name("vehicle", "falcon_9", "launch_vehicles") == "falcon_9"
    with pytest.raises(InputError, match=r"^vehicle='falcon9': not in .*did you mean 'falcon_9'"):
        check_name("vehicle", "falcon9", "launch_vehicles")
    with pytest.raises(InputError, match=r"^vehicle=\['falcon_9'\]: must be one name"):
        check_name("vehicle", ["falcon_9"], "launch_vehicles")


def test_check_name_accepts_numpy_strings_as_names():
    """A name read from an array or a data frame is an np.str_: it names its entry
    (returned as a plain str) and a wrong one is refused as not in the catalog, shown
    as the name it is, not as contradicting its own did-you-mean."""
    from orbitcompute.catalog import check_name

    got = check_name("accelerator", np.str_("gb200_nvl72"), "accelerators")
    assert got == "gb200_nvl72" and type(got) is str
    with pytest.raises(InputError, match=r"^accelerator='gb200': not in .*did you mean 'b200'"):
        check_name("accelerator", np.str_("gb200"), "accelerators")
    rec = catalog.get(np.str_("accelerators"), np.str_("h100_sxm"))
    assert rec.name == "h100_sxm" and type(rec.name) is str
    assert catalog.value("accelerators", np.str_("h100_sxm"), "tdp_w") == catalog.value(
        "accelerators", "h100_sxm", "tdp_w"
    )


def test_get_names_a_bad_name_and_refuses_lists():
    with pytest.raises(InputError, match=r"^name='h100': not in data/accelerators\.csv"):
        catalog.get("accelerators", "h100")
    with pytest.raises(InputError, match=r"^name=\['h100_sxm'\]: must be one name"):
        catalog.get("accelerators", ["h100_sxm"])


# ------------------------------------------- bad arguments are InputErrors, not raw errors


def test_value_of_a_text_column_is_an_input_error():
    """float('published') raised a raw ValueError."""
    with pytest.raises(
        InputError,
        match=r"^column='confidence': accelerators\['h100_sxm'\]\.confidence is 'estimate', "
        r"not a number",
    ):
        catalog.value("accelerators", "h100_sxm", "confidence")


@pytest.mark.parametrize("bad", [["tdp_w"], np.array(["tdp_w"]), None, 3.0])
def test_value_column_that_is_not_one_name(bad):
    """A list raised a raw TypeError (unhashable)."""
    with pytest.raises(InputError, match=r"^column=.*: must be one column name \(a string\)"):
        catalog.value("accelerators", "h100_sxm", bad)


def test_record_membership_and_get_do_not_raise():
    """``in`` and ``.get`` went through __getitem__, which raises an InputError."""
    rec = catalog.get("accelerators", "h100_sxm")
    assert "tdp_w" in rec
    assert "tdpw" not in rec
    assert ["tdp_w"] not in rec
    assert rec.get("tdpw") is None
    assert rec.get("tdpw", 1.0) == 1.0
    assert_allclose(rec.get("tdp_w"), 700.0)  # NVIDIA H100 SXM5 data sheet: 700 W


@pytest.mark.parametrize("call", [catalog.names, catalog.load])
def test_kind_that_is_an_array_is_an_input_error(call):
    """An empty array raised numpy's "truth value ... is ambiguous" ValueError."""
    with pytest.raises(InputError, match=r"^kind=array\(\[\], dtype=float64\): must be a catalog"):
        call(np.array([]))


def test_check_name_kind_that_is_an_array_is_an_input_error():
    with pytest.raises(InputError, match=r"^kind=array\(\[\], dtype=float64\): must be a catalog"):
        catalog.check_name("x", "h100_sxm", np.array([]))


def test_numbers_of_a_text_column_is_an_input_error():
    with pytest.raises(InputError, match=r"^column='confidence': accelerators\['h100_sxm'\]"):
        catalog.numbers("accelerators", "h100_sxm", ("confidence",))


def test_numbers_overrides_must_be_a_mapping():
    """A list raised a raw AttributeError (no .items)."""
    with pytest.raises(InputError, match=r"^overrides=\[1\]: must be a mapping"):
        catalog.numbers("accelerators", "h100_sxm", ("tdp_w",), [1])


@pytest.mark.parametrize("bad", ["bogus", None, np.array(["nan"])])
def test_numbers_missing_must_be_omit_or_nan(bad):
    """missing='bogus' was silently treated as 'omit'."""
    with pytest.raises(InputError, match=r"^missing=.*: must be 'omit' .* or 'nan'"):
        catalog.numbers("accelerators", "tpu_v6e", ("all_in_power_w",), missing=bad)


@pytest.mark.parametrize("bad", [None, 1.5, True, ("tdp_w", 5), (["tdp_w"],)])
def test_numbers_columns_must_be_column_names(bad):
    """None or a float raised a raw TypeError (not iterable)."""
    with pytest.raises(InputError, match=r"^columns=.*: must be a tuple of column names"):
        catalog.numbers("accelerators", "h100_sxm", bad)


def test_numbers_unknown_column_is_named_with_a_suggestion():
    """A misspelt column was silently left out of the result (as an empty cell)."""
    with pytest.raises(
        InputError,
        match=r"^columns: 'tdpw' is not a column of data/accelerators\.csv.*"
        r"did you mean 'tdp_w'\?",
    ):
        catalog.numbers("accelerators", "h100_sxm", ("tdpw",))


def test_numbers_one_column_name_is_one_column():
    """A string was iterated as its characters, none a column: an empty result."""
    out = catalog.numbers("accelerators", "h100_sxm", "tdp_w")
    assert list(out) == ["tdp_w"]
    assert_allclose(out["tdp_w"], 700.0)  # NVIDIA H100 SXM5 data sheet: 700 W


def test_accelerator_cooling_and_liquid_cooling_designs():
    """accelerators.csv cooling is liquid or air_or_liquid; GB200 NVL72 has no
    air-cooled option (research/terrestrial.md sec. 3.4: 100 % direct liquid cooling,
    Leviathan Systems). cooling_designs.csv liquid is 0 or 1, 1 for direct liquid
    cooling in every zone, so every zone has a design that can host it."""
    acc = catalog.load("accelerators")
    assert set(acc["cooling"]) <= {"liquid", "air_or_liquid"}
    assert acc.loc["gb200_nvl72", "cooling"] == "liquid"
    assert (
        "leviathan_blackwell_liquid_cooling_2025"
        in catalog.get("accelerators", "gb200_nvl72").source_ids
    )
    cd = catalog.load("cooling_designs")
    assert set(cd["liquid"]) <= {0, 1}
    liquid = cd[cd["liquid"] == 1]
    assert set(liquid["design"]) == {"direct_liquid_cooling"}
    assert set(liquid["climate_zone"].astype(str)) == set(cd["climate_zone"].astype(str))


# ------------------------------------------------ estimates are labelled and attributed


@pytest.mark.parametrize("kind", [k for k in KINDS if "estimated_columns" in catalog.load(k)])
def test_estimated_columns_name_columns_and_make_the_row_an_estimate(kind):
    """A row that lists estimated columns names real columns of its catalog and is
    labelled ``estimate`` (its confidence is that of its weakest number), as in
    optical_terminals.csv."""
    df = catalog.load(kind)
    for name, row in df.iterrows():
        cols = [c.strip() for c in str(row["estimated_columns"] or "").split(";") if c.strip()]
        if _is_empty(row["estimated_columns"]) or not cols:
            continue
        unknown = [c for c in cols if c not in df.columns]
        assert not unknown, f"{kind}[{name}] estimated_columns names unknown columns {unknown}"
        assert row["confidence"] == "estimate", f"{kind}[{name}] has estimated columns"


def test_default_solar_array_marks_its_estimated_columns():
    """flexible_rosa_class (power.DEFAULT_ARRAY) was labelled 'published' although its
    note says packing factor 0.85, inherent degradation 0.90, 2.5 %/yr and -0.2 %/K are
    estimates (no primary source: research/physics_and_peers.md sec. 3); its areal
    density 1361 x 0.298 x 0.85 x 0.90 / 150 = 2.068 kg/m2 is derived from them."""
    from orbitcompute.power import DEFAULT_ARRAY

    assert DEFAULT_ARRAY == "flexible_rosa_class"
    rec = catalog.get("solar_arrays", DEFAULT_ARRAY)
    assert rec.confidence == "estimate"
    est = set(rec["estimated_columns"].split(";"))
    assert {
        "packing_factor",
        "inherent_degradation",
        "degradation_per_year",
        "temperature_coefficient_per_k",
        "areal_density_kg_per_m2",
    } <= est
    assert_allclose(rec["areal_density_kg_per_m2"], 1361 * 0.298 * 0.85 * 0.90 / 150, rtol=1e-3)


def test_not_found_values_do_not_cite_documents_that_lack_them():
    """terrestrial_defaults rows whose value no source gives (research/terrestrial.md
    sec. 9: maintenance % of capex and staff per MW not found) cited the C&W cost
    guide, Lei & Masanet, Thunder Said or LBNL Queued Up, none of which has the number;
    they cite the explicit 'orbitcompute_estimate' source, and every row citing it is
    labelled estimate."""
    src = catalog.sources()
    assert src.loc["orbitcompute_estimate", "title"].startswith("orbitcompute team estimate")
    for name in (
        "maintenance_fraction_per_year",
        "staff_fte_per_mw",
        "staff_cost_usd_per_fte_year",
        "water_price_usd_per_m3",
        "gas_reserve_margin",
        "backup_capex_usd",
        "grid_interconnection_capex_usd_per_kw",
    ):
        rec = catalog.get("terrestrial_defaults", name)
        assert rec.source_ids == ("orbitcompute_estimate",), name
    for kind in KINDS:
        for name, row in catalog.load(kind).iterrows():
            if "orbitcompute_estimate" in str(row["source_id"]):
                assert row["confidence"] == "estimate", f"{kind}[{name}]"


def test_solar_reference_capacity_factor_matches_its_source():
    """The note says the US utility PV average of EIA Table 4.08.B is used: 24.4 % in
    2021 (research/terrestrial.md sec. 1.5); the value was 0.24."""
    assert_allclose(
        catalog.value("terrestrial_defaults", "solar_reference_capacity_factor", "value"), 0.244
    )


def test_sources_have_an_authors_column():
    """sources.csv names authors (people, or the organisation that authored the
    document) beside the title; e.g. Lei & Masanet 2022 (research/terrestrial.md 3.2)."""
    src = catalog.sources()
    assert list(src.columns[:3]) == ["source_id", "title", "authors"]
    assert src.loc["lei_masanet_2022", "authors"] == "Lei, N.; Masanet, E."
    assert src.loc["dcd_suncatcher_2025", "url"] != "https://www.datacenterdynamics.com/"


# ------------------------------------- a catalog file is checked once, when it is read


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the data/ CSV files that a test may corrupt; the catalog reads it."""
    import shutil

    from orbitcompute._paths import data_dir

    for p in data_dir().glob("*.csv"):
        shutil.copy(p, tmp_path / p.name)
    monkeypatch.setattr(catalog, "data_dir", lambda: tmp_path)
    _clear_catalog_caches()
    yield tmp_path
    _clear_catalog_caches()  # before monkeypatch restores data_dir


def _clear_catalog_caches():
    """Forget every file the catalog has read (each cached function of the module)."""
    for f in list(vars(catalog).values()):
        if callable(getattr(f, "cache_clear", None)):
            f.cache_clear()


def _edit(path, name, column, value):
    """Set one cell of the row ``name`` of a CSV file (quoting as csv writes it)."""
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    i = rows[0].index(column)
    for r in rows[1:]:
        if r and r[0] == name:
            r[i] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


_H100 = "data/accelerators\\.csv line 2 \\(h100_sxm\\): "


@pytest.mark.parametrize(
    "column, bad, message",
    [
        (
            "source_id",
            "nvidia_h100_datasheet_2023;no_such_source",
            _H100 + r"source_id='no_such_source': not in data/sources\.csv",
        ),
        (
            "source_id",
            "nvidia_h100_datasheet;nvidia_dgx_h100_user_guide_2023",
            _H100 + r"source_id='nvidia_h100_datasheet': not in data/sources\.csv .*"
            r"did you mean 'nvidia_h100_datasheet_2023'\?",
        ),
        ("source_id", "", _H100 + r"source_id='': must name one or more ids from data/sources"),
        ("source_id", " ; ", _H100 + r"source_id=';': must name one or more ids"),
        ("confidence", "high", _H100 + r"confidence='high': must be one of measured, published, "),
        ("confidence", "", _H100 + r"confidence='': must be one of measured, published, estimate"),
        (
            "tdp_w",
            "seven hundred",
            _H100 + r"tdp_w='seven hundred': not a number; must be a finite number "
            r"\(such as 700, -0\.2 or 1\.5e9\), or an empty cell$",
        ),
        ("tdp_w", "inf", _H100 + r"tdp_w='inf': not finite; must be a finite number"),
        ("tdp_w", "nan", _H100 + r"tdp_w='nan': not finite; must be a finite number"),
        ("tdp_w", "1e999", _H100 + r"tdp_w='1e999': not finite"),
        ("tdp_w", "1_000", _H100 + r"tdp_w='1_000': not a number"),
        # a required column: an empty cell is not allowed either
        (
            "memory_gb",
            "-inf",
            _H100 + r"memory_gb='-inf': not finite; must be a finite number \(such as 700, "
            r"-0\.2 or 1\.5e9\)$",
        ),
        ("memory_gb", "", _H100 + r"memory_gb='': empty; the column is required \(data/schema"),
        # a dimensionless column (unit '-'): numeric because its other cells are numbers
        ("accelerators_per_unit", "eight", _H100 + r"accelerators_per_unit='eight': not a number"),
        ("name", "H100", r"^data/accelerators\.csv line 2: name='H100': must be lower_snake_case"),
        ("name", "", r"^data/accelerators\.csv line 2: name='': must be lower_snake_case"),
    ],
)
def test_bad_cell_is_refused_when_the_catalog_is_read(data_copy, column, bad, message):
    """Each was accepted: an unknown source id was dropped from Record.sources, an empty
    source_id or confidence gave () or the string 'None', 'high' was a confidence, 'inf'
    and 'nan' were numbers, and 'seven hundred' was refused only when that cell was read
    (without file or line) while it turned the whole column into text in load()."""
    _edit(data_copy / "accelerators.csv", "h100_sxm", column, bad)
    if not message.startswith("^"):
        message = "^" + message
    for call in (
        lambda: catalog.load("accelerators"),
        lambda: catalog.get("accelerators", "h200"),  # another row: the file is refused
        lambda: catalog.value("accelerators", "h200", "tdp_w"),
        lambda: catalog.names("accelerators"),
    ):
        with pytest.raises(InputError, match=message):
            call()
    # the other catalogs still load
    assert_allclose(catalog.value("constants", "solar_constant_w_per_m2", "value"), 1361)


def test_duplicate_name_is_refused(data_copy):
    """A second h100_sxm row (tdp 900): value() returned 900 (the last row) while
    load().loc returned both rows."""
    path = data_copy / "accelerators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    dup = lines[1].replace(",700,1275,", ",900,1275,", 1)
    assert dup != lines[1]
    path.write_text("\n".join([*lines, dup]) + "\n", encoding="utf-8")
    n = len(lines) + 1
    with pytest.raises(
        InputError,
        match=rf"^data/accelerators\.csv line {n}: name='h100_sxm': duplicate \(first on line "
        r"2\); every name must be unique",
    ):
        catalog.value("accelerators", "h100_sxm", "tdp_w")
    with pytest.raises(InputError, match=r"^data/accelerators\.csv line \d+: name='h100_sxm'"):
        catalog.load("accelerators")


def test_line_number_counts_a_note_that_spans_lines(data_copy):
    """The line is the file's line, not the row's index: a quoted note with a line
    break in row 1 (line 2-3) puts row 2 on line 4."""
    path = data_copy / "batteries.csv"
    _edit(path, "saft_ves180_cell", "note", "first line\nsecond line")
    _edit(path, "space_li_ion_battery_class", "specific_energy_wh_per_kg", "inf")
    with pytest.raises(
        InputError,
        match=r"^data/batteries\.csv line 4 \(space_li_ion_battery_class\): "
        r"specific_energy_wh_per_kg='inf': not finite",
    ):
        catalog.value("batteries", "space_li_ion_battery_class", "specific_energy_wh_per_kg")


def test_dimensionless_numeric_column_refuses_text(data_copy):
    """sites.solar_capacity_factor has unit '-' in schema.csv; its other cells are
    numbers, so 'high' is refused (it made the column text in load())."""
    _edit(data_copy / "sites.csv", "phoenix_az", "solar_capacity_factor", "high")
    with pytest.raises(
        InputError,
        match=r"^data/sites\.csv line \d+ \(phoenix_az\): solar_capacity_factor='high': "
        r"not a number; must be a finite number",
    ):
        catalog.load("sites")


def test_row_with_more_cells_than_the_header_is_refused(data_copy):
    """An unquoted comma in a note added a cell that was silently dropped."""
    path = data_copy / "coolants.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:-1], lines[-1] + ",extra"]) + "\n", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=rf"^data/coolants\.csv line {len(lines)}: \d+ cells but the header has \d+ "
        "columns; quote a cell that contains a comma",
    ):
        catalog.names("coolants")


def test_missing_required_column_is_refused(data_copy):
    import csv

    path = data_copy / "generation.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    i = rows[0].index("confidence")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([r[:i] + r[i + 1 :] for r in rows])
    with pytest.raises(
        InputError,
        match=r"^data/generation\.csv line 1: column 'confidence' is missing; it is required",
    ):
        catalog.get("generation", "ccgt")


def test_duplicate_source_id_is_refused(data_copy):
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    sid = lines[1].split(",")[0]
    with pytest.raises(
        InputError,
        match=rf"^data/sources\.csv line {len(lines) + 1}: source_id='{sid}': duplicate "
        r"\(first on line 2\)",
    ):
        catalog.sources()


def test_text_na_is_text_in_load_as_in_get(data_copy):
    """A text cell 'NA' (Namibia's country code) was NaN in load() but 'NA' in get()."""
    _edit(data_copy / "sites.csv", "memphis_tn", "country", "NA")
    assert catalog.load("sites").loc["memphis_tn", "country"] == "NA"
    assert catalog.get("sites", "memphis_tn")["country"] == "NA"


def test_climate_zone_with_a_number_stays_text():
    """cooling_designs.climate_zone holds '7' among '1A'...'6A': a text column with a
    numeric-looking cell is not refused (it is numeric only if most cells are numbers)."""
    cd = catalog.load("cooling_designs")
    assert "7" in set(cd["climate_zone"].astype(str))
    assert catalog.get("cooling_designs", cd.index[0])["climate_zone"] == cd.iloc[0]["climate_zone"]


# ---------------------------------------- audit: every cell as written, every bound


def _csv_rows(kind: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and stripped cells of ``data/<kind>.csv``, read with the csv module
    (independently of the catalog's own readers)."""
    import csv

    from orbitcompute._paths import data_dir

    with open(data_dir() / f"{kind}.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, skipinitialspace=True))
    header = [h.strip() for h in rows[0]]
    return header, [{k.strip(): (v or "").strip() for k, v in r.items()} for r in rows]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("kind", KINDS)
def test_every_cell_reads_back_as_written(kind):
    """get() and load() give each cell of the file: an empty cell is None (get) and NaN
    (load); a cell of a column whose filled cells are all numbers is that number, an int
    or float (never a string or a boolean); any other cell is its text, the same in both
    (cooling_designs.climate_zone '7' among '1A'... stays the text '7')."""
    header, rows = _csv_rows(kind)
    df = catalog.load(kind)
    for col in header:
        filled = [r[col] for r in rows if r[col] != ""]
        numeric = bool(filled) and all(_is_number(v) for v in filled) and col != "name"
        for r in rows:
            text, got, frame = r[col], catalog.get(kind, r["name"])[col], df.loc[r["name"], col]
            where = f"{kind}[{r['name']}].{col}={text!r}"
            if text == "":
                assert got is None, where
                assert isinstance(frame, float) and math.isnan(frame), where
            elif numeric:
                assert type(got) in (int, float), (where, got)
                assert_allclose(got, float(text), rtol=0, atol=0, err_msg=where)
                assert_allclose(float(frame), float(text), rtol=0, atol=0, err_msg=where)
            elif text in ("True", "False"):
                assert got is (text == "True"), where
            else:
                assert got == text and frame == text, (where, got, frame)


@pytest.mark.parametrize("kind", KINDS)
def test_every_bound_lies_on_its_side_of_its_value(kind):
    """x_low <= x and x <= x_high wherever both cells are filled, for each bound column on
    its own: the check of both bounds together (test_numbers_agree_with_each_other) skips
    a column with one bound only (optical_terminals.channel_rate_bps_high) and a row
    whose other bound is empty."""
    header, rows = _csv_rows(kind)
    checked = 0
    for col in header:
        for side, ok in (("_low", lambda b, v: b <= v), ("_high", lambda b, v: b >= v)):
            base = col[: -len(side)]
            if not col.endswith(side) or base not in header:
                continue
            for r in rows:
                if r[col] != "" and r[base] != "":
                    bound, value = float(r[col]), float(r[base])
                    assert ok(bound, value), f"{kind}[{r['name']}]: {col}={bound} vs {base}={value}"
                    checked += 1
    bounded = [c for c in header if c.endswith(("_low", "_high"))]
    assert checked > 0 or not any(r[c] for c in bounded for r in rows), kind
