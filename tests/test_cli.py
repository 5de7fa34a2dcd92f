"""The command line: version, catalog listing, one-line errors with exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest
from _mini_scenario import MINI_TOML

from orbitcompute import __version__
from orbitcompute.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_catalog_summary_lists_every_catalog(capsys):
    from orbitcompute import catalog

    assert main(["catalog"]) == 0
    out = capsys.readouterr().out
    for kind in catalog.kinds():
        assert kind in out


def _blocks(out: str) -> dict[str, list[str]]:
    """The blocks of ``catalog KIND``: {entry name: its lines}, from its header line
    ``name  (confidence)``."""
    blocks: dict[str, list[str]] = {}
    for chunk in out.strip().split("\n\n")[1:]:
        lines = chunk.splitlines()
        blocks[lines[0].split()[0]] = lines
    return blocks


def _line(block: list[str], column: str) -> str:
    """The value text of ``column`` in a block (after its label and unit)."""
    ln = next(ln for ln in block if ln.split() and ln.split()[0] == column)
    return ln.split("]", 1)[1].strip() if "[" in ln.split("  ")[1] else ln.split(None, 1)[1]


def test_catalog_accelerators_lists_five_with_sources(capsys):
    from orbitcompute import catalog

    assert main(["catalog", "accelerators"]) == 0
    blocks = _blocks(capsys.readouterr().out)
    assert set(blocks) == {"h100_sxm", "h200", "b200", "gb200_nvl72", "tpu_v6e"}
    for name, block in blocks.items():
        rec = catalog.get("accelerators", name)
        assert block[0] == f"{name}  ({rec.confidence})"
        for title, sid in zip(rec.source_titles(), rec.source_ids, strict=True):
            assert any(ln.endswith(f"{title} [{sid}]") for ln in block), (name, sid)


def test_catalog_kind_shows_the_key_numbers_unrounded(capsys):
    """``catalog sites`` showed no grid headroom, wait or prices, ``catalog
    accelerators`` no power or price, ``catalog launch_vehicles`` no price (only the
    first five required columns), and 187.5 GB was printed 188 (3 significant
    figures). Now every number is shown as written in data/*.csv, with its bounds."""
    assert main(["catalog", "sites"]) == 0
    memphis = _blocks(capsys.readouterr().out)["memphis_tn"]
    # data/sites.csv memphis_tn: headroom 150 (150-300) MW, 62.3 USD/MWh, 35.06 deg
    assert _line(memphis, "grid_headroom_mw") == "150 (150 to 300)"
    assert _line(memphis, "grid_wait_years") == "0 (0 to 1)"
    assert _line(memphis, "electricity_price_usd_per_mwh") == "62.3"
    assert _line(memphis, "gas_price_usd_per_mmbtu") == "4.75 (3.17 to 6.33)"
    assert _line(memphis, "latitude_deg") == "35.06"
    assert _line(memphis, "construction_cost_usd_per_mw") == "11700000"
    assert any(ln.split()[:2] == ["grid_headroom_mw", "[MW]"] for ln in memphis)
    assert main(["catalog", "accelerators"]) == 0
    gb200 = _blocks(capsys.readouterr().out)["gb200_nvl72"]
    assert _line(gb200, "memory_gb") == "187.5"
    assert _line(gb200, "all_in_power_w") == "1666.7 (1666.7 to 1833.3)"
    assert _line(gb200, "price_usd") == "41667 (27778 to 43056)"
    assert _line(gb200, "dense_bf16_flops") == "2.5e15"
    assert main(["catalog", "launch_vehicles"]) == 0
    starship = _blocks(capsys.readouterr().out)["starship"]
    assert _line(starship, "price_usd_per_kg") == "500 (50 to 1000)"
    assert main(["catalog", "bus"]) == 0
    bus = _blocks(capsys.readouterr().out)["bus_fraction"]
    assert _line(bus, "value") == "0.16 (0.12 to 0.20) fraction of dry mass"


@pytest.mark.parametrize("kind", ["sites", "accelerators", "terrestrial_defaults", "constants"])
def test_catalog_kind_shows_every_number_of_the_file(capsys, kind):
    """Every filled cell of every column but name, source_id, confidence and note
    appears, verbatim, in its entry's block."""
    import csv

    from orbitcompute._paths import data_dir

    assert main(["catalog", kind]) == 0
    blocks = _blocks(capsys.readouterr().out)
    with open(data_dir() / f"{kind}.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, skipinitialspace=True))
    assert set(blocks) == {r["name"] for r in rows}
    for r in rows:
        text = "\n".join(blocks[r["name"]])
        for col, v in r.items():
            if col not in ("name", "source_id", "confidence", "note") and v.strip():
                assert v.strip() in text, (kind, r["name"], col, v)


def test_catalog_with_a_bad_file_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    """A corrupted catalog (confidence 'high') is reported with its file and line."""
    import shutil

    from orbitcompute import catalog
    from orbitcompute._paths import data_dir

    for p in data_dir().glob("*.csv"):
        shutil.copy(p, tmp_path / p.name)
    path = tmp_path / "launch_vehicles.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",estimate,", ",high,", 1), encoding="utf-8"
    )
    monkeypatch.setattr(catalog, "data_dir", lambda: tmp_path)
    caches = [f for f in vars(catalog).values() if callable(getattr(f, "cache_clear", None))]
    for f in caches:
        f.cache_clear()
    try:
        assert main(["catalog", "launch_vehicles"]) == 2
    finally:
        for f in caches:
            f.cache_clear()
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1, captured.err
    assert err[0].startswith("orbitcompute: error: data/launch_vehicles.csv line ")
    assert "confidence='high': must be one of measured, published, estimate" in err[0]


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["catalog", "acelerators"], "did you mean 'accelerators'"),
        (["catalog", "sorces"], "schema, sources; did you mean 'sources'"),
        (["catalog", "accelerators", "extra"], "unrecognized arguments"),
        (["catalog", ""], "kind='': must be a catalog name"),
        (["nosuchcommand"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, fragment):
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", *argv], capture_output=True, text=True
    )
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    assert fragment in err[0]
    assert "Traceback" not in proc.stderr


def test_catalog_sources_lists_the_bibliography(capsys):
    """Every row of data/sources.csv is listed, and the count of catalog rows citing
    'codata2018' equals a count made here from the catalogs themselves."""
    from orbitcompute import catalog

    assert main(["catalog", "sources"]) == 0
    out = capsys.readouterr().out
    src = catalog.sources()
    lines = {ln.split()[0]: ln for ln in out.splitlines()[3:]}
    assert set(lines) == set(src.index)
    n = sum(
        "codata2018" in {s.strip() for s in str(v).split(";")}
        for kind in catalog.kinds()
        for v in catalog.load(kind)["source_id"]
    )
    assert n > 0
    assert lines["codata2018"].split()[1] == str(n)
    # the authors column of data/sources.csv, beside the year
    assert "Lei, N.; Masanet, E." in lines["lei_masanet_2022"]
    assert out.splitlines()[1].split()[:5] == ["source_id", "catalog", "rows", "year", "authors"]


def test_catalog_schema_lists_every_column(capsys):
    from orbitcompute import catalog

    assert main(["catalog", "schema"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 3 + len(catalog.schema())
    assert any(ln.split()[:3] == ["accelerators", "tdp_w", "W"] for ln in out.splitlines())


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["compare", "--output", "/nonexistent/x.json"], "directory '/nonexistent' does not exist"),
        (["sweep", "gigawatt", "-n", "10", "--output", "x.csv"], "must end in .parquet or .pq"),
        (["sweep", "gigawatt", "-n", "10", "--output", "/nonexistent/x.parquet"], "does not exist"),
        (
            ["sweep", "gigawatt", "-n", "10", "--engine", "dask", "--scheduler", "foo"],
            "--scheduler='foo': cannot connect",
        ),
        (
            ["sweep", "gigawatt", "-n", "10", "--placements", "memphis,nosuch"],
            "--placements='nosuch': not in scenario 'gigawatt'",
        ),
    ],
)
def test_bad_output_or_scheduler_is_one_line_before_any_work(argv, fragment):
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", *argv], capture_output=True, text=True
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""  # nothing was computed or printed before the check
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    assert fragment in err[0]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--breakeven", ""], "--breakeven='': must be a name"),
        (["--placement", ""], "--placement='': must be a name"),
        (["--against", "west_texas"], "--against: only with --breakeven"),
        (["--bounds", "1", "2"], "--bounds: only with --breakeven"),
        (["--placement", "memphis"], "--placement: only with --breakeven or --tornado"),
        (["--breakeven", "launch_vehicle"], "--breakeven='launch_vehicle': 'launch_vehicle' "),
        (
            ["--breakeven", "bus_fraction"],
            "--bounds (0.001, 0.999): the scan of bus_fraction leaves what the model allows",
        ),
        (["--breakeven", "--bounds", "9", "1"], "--bounds [9.0, 1.0]: low must be below high"),
        (
            ["--breakeven", "grid_wait_years", "--placement", "memphis", "--against", "abilene"],
            "--breakeven='grid_wait_years': no default scan: the terrestrial placement "
            "'memphis' uses grid_wait_years=0 (its default), and the default scan, 100x "
            "either side, needs a finite value > 0; pass --bounds LOW HIGH",
        ),
        (["--breakeven", "--against", "nowhere"], "--against='nowhere': not in scenario"),
        (["--tornado", "--placement", "nowhere"], "--placement='nowhere': not in scenario"),
    ],
)
def test_compare_options_that_would_be_ignored_or_cannot_scan(capsys, argv, message):
    """Each was silently ignored (an empty name, --against without --breakeven) or failed
    on the fixed [1, 20000] scan; now one line and exit 2, before the table."""
    assert main(["compare", "gigawatt", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and message in err[0], captured.err


def test_compare_breakeven_default_scan_around_the_catalog_value(capsys):
    """Without --bounds the scan is 100x either side of the value the placement uses:
    Starship's 500 USD/kg (launch_vehicles.csv) and Memphis's 11.7 M$/MW (sites.csv),
    which the old fixed 1-20000 never reached."""
    assert main(["compare", "gigawatt", "--breakeven", "--placement", "dawn_dusk_1000"]) == 0
    out = capsys.readouterr().out
    assert "range [5, 50000] of launch_price_usd_per_kg" in out
    argv = ["--breakeven", "facility_capex_usd_per_mw", "--placement", "memphis"]
    assert main(["compare", "gigawatt", *argv, "--against", "dawn_dusk_1000"]) == 0
    out = capsys.readouterr().out
    assert "break-even memphis vs dawn_dusk_1000: break-even at facility_capex_usd_per_mw=" in out


def test_compare_breakeven_with_bounds_and_footer(capsys):
    """--bounds sets the scan; a scenario without accelerators says so in the footer."""
    argv = ["--breakeven", "--placement", "suncatcher_like_dd650", "--bounds", "10", "1e5"]
    assert main(["compare", "gigawatt", *argv]) == 0
    out = capsys.readouterr().out
    assert "suncatcher_like_dd650 vs abilene:" in out
    assert "range [10, 100000]" in out or "break-even at" in out
    assert "capex $B includes accelerators" in out
    assert main(["compare", "mccalip_2025"]) == 0
    out = capsys.readouterr().out
    assert "capex $B excludes accelerators" in out
    assert "infrastructure only" in out


#: A scenario with one terrestrial placement and no orbital one.
TERRESTRIAL_ONLY = """
[scenario]
name = "terrestrial_only"
[demand]
it_power_mw = 1000
accelerator = "gb200_nvl72"
start_year = 2027
years = 6
utilisation = 0.8
[finance]
discount_rate = 0.08
dollar_year = 2025
[[terrestrial]]
name = "abilene"
site = "abilene_tx"
"""


def test_compare_tornado_without_an_orbital_placement_says_so(tmp_path, capsys):
    """--tornado on a scenario without an orbital placement printed the plain table, as
    if it had not been given, while --breakeven printed a line; both say so now."""
    path = tmp_path / "terrestrial_only.toml"
    path.write_text(TERRESTRIAL_ONLY)
    assert main(["compare", str(path)]) == 0
    plain = capsys.readouterr().out.rstrip("\n")
    assert main(["compare", str(path), "--tornado", "--breakeven"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(plain)
    assert out[len(plain) :].strip().splitlines() == [
        "break-even: no orbital placement to compare with abilene (the cheapest feasible "
        "terrestrial placement); --placement NAME --breakeven PARAM scans a terrestrial one",
        "tornado: no orbital placement (--placement NAME runs it for another one)",
    ]


def _run_cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "orbitcompute", *argv],
        capture_output=True,
        text=True,
        env=None if env is None else {**os.environ, **env},
    )


def test_no_command_is_one_line_naming_the_commands():
    """It printed the whole help on stdout, nothing on stderr, and exited 2."""
    proc = _run_cli()
    assert proc.returncode == 2
    assert proc.stdout == ""
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    assert err[0].startswith("orbitcompute: error: a command is required: compare, catalog,")


def test_as_options_renames_every_argument_of_the_opening():
    from orbitcompute.cli import as_options
    from orbitcompute.errors import InputError

    names = {"days=": "--days=", "step_s=": "--step-s="}
    exc = as_options(InputError("days=1e+09, step_s=60: too many steps, days=2"), names)
    assert str(exc) == "--days=1e+09, --step-s=60: too many steps, days=2"
    untouched = InputError("scenario='x': step_s=1")
    assert as_options(untouched, names) is untouched


def test_as_options_advice_names_the_options_too():
    """An API's advice named its argument ('use chunk_size >= 1,000,000'), which the
    command line does not take; with advice=True it names the option. Plain words
    ('days') and dotted keys ('memphis.chunk_size') stay."""
    from orbitcompute.cli import as_options
    from orbitcompute.errors import InputError

    names = {"chunk_size=": "--chunk-size=", "days=": "--days="}
    exc = InputError("chunk_size=3: use chunk_size >= 4, not memphis.chunk_size; days stay")
    assert str(as_options(exc, names, advice=True)) == (
        "--chunk-size=3: use --chunk-size >= 4, not memphis.chunk_size; days stay"
    )
    assert str(as_options(exc, names)) == (
        "--chunk-size=3: use chunk_size >= 4, not memphis.chunk_size; days stay"
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--altitude-km=-5", "--ltan-h", "6"], "--altitude-km=-5: must be in"),
        (["--altitude-km", "550", "--ltan-h", "25"], "--ltan-h=25: must be in [0, 24) h"),
        (["--altitude-km", "550", "--inclination-deg", "400"], "--inclination-deg=400: "),
        (["--altitude-km", "550", "--ltan-h", "6", "--days", "0"], "--days=0: must be > 0"),
        (["--altitude-km", "550", "--ltan-h", "6", "--step-s", "0"], "--step-s=0: must be > 0"),
        (["--geo", "--start", "bogus"], "--start='bogus': must be a date/time"),
        (["--altitude-km", "550", "--ltan-h", "6", "--days", "1e9"], "--days=1e+09, --step-s=60: "),
    ],
)
def test_eclipse_errors_name_the_options(capsys, argv, message):
    """They named the Python arguments (altitude_km=-5, epoch='bogus' for --start)."""
    assert main(["eclipse", *argv]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("orbitcompute: error: " + message), captured.err
    assert "step_s" not in err[0] and "_km=" not in err[0]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["-n", "1000000000"], "--samples=1000000000: the sampled inputs would take"),
        (
            ["-n", "10", "--metric", "binding_constraint"],
            "--metric='binding_constraint': text (e.g. 'power supply' for memphis), not a cost",
        ),
        (["-n", "10", "--metric", "feasible"], "--metric='feasible': a yes/no flag, not a cost"),
        (
            ["-n", "10", "--metric", "delivered_it_mw_by_year"],
            "--metric='delivered_it_mw_by_year': a by-year series (one number per year)",
        ),
        (["-n", "10", "--metric", "nosuch"], "--metric='nosuch': is not an output"),
    ],
)
def test_sweep_errors_name_the_options_and_metric_must_be_a_cost(capsys, argv, message):
    """-n said n=...; --metric binding_constraint said costs['memphis']: must be an array
    of numbers; --metric feasible ran, and called the first feasible placement cheapest."""
    assert main(["sweep", "gigawatt", "--no-progress", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("orbitcompute: error: " + message), captured.err


def test_sweep_checks_the_metric_before_sampling(capsys, monkeypatch):
    """--metric feasible (or binding_constraint, or one the orbital placements alone
    have) was refused only after every sample had been drawn and evaluated (14 s for
    -n 1000000); the API's own check now refuses it first, named as the option."""
    from orbitcompute.analysis import comparison

    def no_run(*args, **kwargs):
        raise AssertionError("samples were drawn before --metric was checked")

    monkeypatch.setattr(comparison, "monte_carlo", no_run)
    for metric, message in (
        ("feasible", "--metric='feasible': a yes/no flag, not a cost; 'cheapest' needs"),
        ("mass_to_orbit_t", "--metric='mass_to_orbit_t': not an output of memphis, abilene,"),
    ):
        argv = ["sweep", "gigawatt", "--no-progress", "-n", "1000000", "--metric", metric]
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("orbitcompute: error: " + message), captured.err


def test_sweep_help_says_the_costs_include_infeasible_samples(capsys):
    """The help said only "percentiles of the levelized cost", while those include the
    infeasible samples with a finite cost (memphis: p50 2.92 USD/h, feasible 0 %)."""
    with pytest.raises(SystemExit):
        main(["sweep", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "The cost percentiles and mean include infeasible samples that have a finite cost" in text
    )
    assert "read them with the feasible share, 'feasible %'" in text


def test_sweep_advice_names_the_options(tmp_path, capsys):
    """-n 1e11 advised 'use chunk_size >= 1,000,000' (100,000 chunks at most: 1e11 /
    1e5 = 1e6); a correlated scenario with --chunk-size 3 said 'splits n=200' and
    '(or None for one chunk)', which the command line cannot give (D inputs need
    D + 2 samples per chunk: with the default scenario's 54, 200 // 56 = 3 chunks, of
    ceil(200 / 3) = 67)."""
    from pathlib import Path

    import orbitcompute
    from orbitcompute.analysis.comparison import scenario_distributions

    d = len(scenario_distributions("gigawatt"))
    chunks = 200 // (d + 2)

    assert main(["sweep", "gigawatt", "--no-progress", "-n", "100000000000"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("orbitcompute: error: --chunk-size=25000: ")
    assert err[0].endswith("; use --chunk-size >= 1,000,000"), err
    gigawatt = Path(orbitcompute.__file__).parents[1] / "data" / "scenarios" / "gigawatt.toml"
    path = tmp_path / "correlated.toml"
    path.write_text(
        gigawatt.read_text()
        + '\n[[correlation]]\npair = ["launch_price_usd_per_kg", "array_cost_usd_per_w"]\n'
        "rho = 0.5\n"
    )
    argv = ["sweep", str(path), "--no-progress", "-n", "200", "--chunk-size", "3"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        "orbitcompute: error: --chunk-size=3: splits --samples=200 into chunks of "
    ), err
    assert err[0].endswith(
        f"needs at least {d + 2} per chunk; use --chunk-size >= {-(-200 // chunks)}"
    ), err


def test_sweep_placements_named_twice_is_refused():
    """--placements memphis,memphis ran, the second memphis silently dropped (a slip
    for another name, most likely)."""
    proc = _run_cli(
        "sweep", "gigawatt", "-n", "10", "--no-progress", "--placements", "memphis,abilene,memphis"
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "orbitcompute: error: --placements='memphis,abilene,memphis': names memphis twice; "
        "name each placement once"
    ]


def test_sweep_percent_is_0_or_100_only_when_exact():
    """One decimal; a share that rounds to 0.0 or 100.0 without being it reads <0.1 or
    >99.9 (0.9996 is 99.96 %, which rounds to 100.0)."""
    from orbitcompute.cli.sweep import percent

    shares = (0.0, 1e-4, 0.0004, 0.0006, 0.5, 0.9983, 0.9996, 0.99999, 1.0)
    assert [percent(x) for x in shares] == [
        "0.0",
        "<0.1",
        "<0.1",
        "0.1",
        "50.0",
        "99.8",
        ">99.9",
        ">99.9",
        "100.0",
    ]


def test_sweep_gives_a_share_of_zero_or_one_its_rule_of_three_bound():
    """ "0.0 ± 0.0" read as certainty: no win in n samples bounds the probability below
    3/n at 95 % (rule of three): 0.03 % for 10,000 samples, 300 % -> 100 for one; a
    share strictly inside (0, 1) keeps its binomial standard error."""
    from orbitcompute.cli.sweep import share_with_error

    assert share_with_error(0.0, 0.0, 10_000) == "0.0 (<0.03)"
    assert share_with_error(1.0, 0.0, 10_000) == "100.0 (>99.97)"
    assert share_with_error(0.0, 0.0, 1) == "0.0 (<100)"
    assert share_with_error(1.0, 0.0, 1) == "100.0 (>0)"
    assert share_with_error(0.733, 0.00442, 10_000) == "73.3 ± 0.4"


def test_sweep_feasible_share_shows_the_infeasible_samples(capsys):
    """'feasible %' printed with :.0f showed richland_parish at 100 while 17 of its
    10,000 samples (seed 0) were infeasible (feasible_fraction 0.9983)."""
    from orbitcompute.analysis.comparison import monte_carlo_comparison

    res = monte_carlo_comparison("gigawatt", 10_000, seed=0, progress=False).table()
    assert main(["sweep", "gigawatt", "--no-progress"]) == 0
    out = capsys.readouterr().out
    rows = {ln.split()[0]: ln.split() for ln in out.splitlines()}
    for name in res.index.drop("none"):
        frac = float(res.loc[name, "feasible_fraction"])
        shown = rows[name][-5]  # ..., feasible %, p5, p50, p95, mean
        assert (shown == "100.0") == (frac == 1.0), (name, shown, frac)
        assert (shown == "0.0") == (frac == 0.0), (name, shown, frac)
    frac = float(res.loc["richland_parish", "feasible_fraction"])
    assert 0.99 < frac < 1.0
    assert rows["richland_parish"][-5] == f"{100 * frac:.1f}"


def test_sweep_header_counts_the_inputs_that_reach_the_placements(capsys):
    """--placements memphis said '52 uncertain inputs' and listed the grid waits of
    northern_virginia, abilene, ... which cannot move memphis."""
    from orbitcompute.analysis.comparison import affected_candidates, scenario_distributions

    assert main(["sweep", "gigawatt", "--no-progress", "-n", "50", "--placements", "memphis"]) == 0
    out = capsys.readouterr().out.splitlines()
    keys = list(scenario_distributions("gigawatt"))
    reach = [k for k in keys if "memphis" in affected_candidates("gigawatt", [k])]
    assert 0 < len(reach) < len(keys)
    assert (
        f"samples of {len(keys)} uncertain inputs ({len(reach)} reach the compared placements)"
        in out[0]
    )
    listed = out[1].removeprefix("inputs: ").split(", ")[:6]
    assert listed == reach[:6]
    assert f"... ({len(reach) - 6} more)" in out[1]
    assert main(["sweep", "gigawatt", "--no-progress", "-n", "50"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert f"samples of {len(keys)} uncertain inputs, independent" in first


def test_report_scenario_error_names_the_option(capsys):
    assert main(["report", "--scenario", "nosuch", "--notebooks", "01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orbitcompute: error: --scenario='nosuch': no such file")


@pytest.mark.slow
def test_report_failure_names_the_notebook_and_the_scenario(tmp_path):
    """A notebook failing with --scenario was reported as "--notebooks '03_thermal.ipynb':
    failed in cell 3: KeyError: 'orbit'" with no --notebooks given; the cause was the
    scenario. Now it names the notebook as a notebook, and the scenario it ran with."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("A scenario without an orbit."),
        nbformat.v4.new_code_cell("params = {}\nparams['orbit']"),
    ]
    path = tmp_path / "needs_orbit.ipynb"
    nbformat.write(nb, path)
    argv = ["--notebooks", str(path), "--scenario", "mccalip_2025"]
    proc = _run_cli("report", *argv, "--output", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "orbitcompute: error: notebook needs_orbit.ipynb failed with --scenario mccalip_2025 "
        "in cell 2: KeyError: 'orbit'"
    ]


def test_report_run_failures_are_no_option_errors(capsys, monkeypatch):
    """How orbitcompute.report says a run failed ("notebooks='x.ipynb': timed out in
    cell 4: it ran longer than timeout_s=600 s"), as the command says it: no
    --notebooks and no timeout_s, neither of which was typed."""
    from orbitcompute import report
    from orbitcompute.errors import InputError

    said = {
        "notebooks='03_x.ipynb': failed in cell 3: KeyError: 'orbit'": (
            "notebook 03_x.ipynb failed with --scenario gigawatt in cell 3: KeyError: 'orbit'"
        ),
        "notebooks='08_x.ipynb': timed out in cell 4: it ran longer than timeout_s=600 s": (
            "notebook 08_x.ipynb timed out with --scenario gigawatt in cell 4: it ran "
            "longer than the 600 s limit per cell"
        ),
        "notebooks='08_x.ipynb': the kernel died (dead); its last words: oom": (
            "notebook 08_x.ipynb with --scenario gigawatt: the kernel died (dead); its last "
            "words: oom"
        ),
        "notebooks='/x/08_x.ipynb': cannot be read as a notebook (bad)": (
            "notebook '/x/08_x.ipynb': cannot be read as a notebook (bad)"
        ),
    }
    for message, expected in said.items():

        def fail(*args, message=message, **kwargs):
            raise InputError(message)

        monkeypatch.setattr(report, "build_report", fail)
        assert main(["report", "--scenario", "gigawatt"]) == 2
        assert capsys.readouterr().err == f"orbitcompute: error: {expected}\n"


def test_compare_breakeven_against_an_orbital_placement_skips_it(capsys):
    """The loop over orbital placements included --against itself, which failed for
    all of them (scipy's brentq, later 'against=...: must be another placement than
    placement=...', an option never given). Now the other two get their break-even."""
    argv = ["compare", "gigawatt", "--breakeven", "--against", "dawn_dusk_1000"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.startswith("break-even ")]
    assert [ln.split(" vs ")[0] for ln in lines] == [
        "break-even suncatcher_like_dd650",
        "break-even starlink_like_550_53",
    ]
    assert all(" vs dawn_dusk_1000: " in ln for ln in lines)
    argv += ["--placement", "dawn_dusk_1000"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "orbitcompute: error: --against='dawn_dusk_1000', --placement='dawn_dusk_1000': must "
        "name two different placements (a placement always matches itself)"
    )


def test_compare_against_itself_is_breakevens_own_check(capsys, monkeypatch):
    """The command repeated breakeven's check with its own text, because the API's said
    'placement=...' after the colon, where the renaming of options does not reach. Now
    one check (compare._check_two_placements) serves both: the API names its keywords,
    the command its options, and it is refused before the scenario is evaluated."""
    from orbitcompute import InputError, compare

    with pytest.raises(
        InputError,
        match=r"^against='memphis', placement='memphis': must name two different placements",
    ):
        compare.breakeven("gigawatt", "memphis", "memphis")

    def no_evaluation(*args, **kwargs):
        raise AssertionError("the scenario was evaluated before the check")

    monkeypatch.setattr(compare, "compare", no_evaluation)
    argv = ["compare", "--breakeven", "--placement", "memphis", "--against", "memphis"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "orbitcompute: error: --against='memphis', --placement='memphis': must name two "
        "different placements (a placement always matches itself)"
    ]
    # an unknown placement, too, before the comparison runs
    assert main(["compare", "--breakeven", "--placement", "memphs"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orbitcompute: error: --placement='memphs'"), err


def test_compare_output_format_follows_the_file_name(tmp_path, capsys):
    """--output out.csv wrote the text table into out.csv; --format csv --output x.json
    wrote CSV into x.json."""
    import json

    assert main(["compare", "gigawatt", "--output", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text().startswith("placement,kind,feasible,")
    assert main(["compare", "gigawatt", "--output", str(tmp_path / "out.JSON")]) == 0
    assert json.loads((tmp_path / "out.JSON").read_text())["scenario"]["name"] == "gigawatt"
    assert main(["compare", "gigawatt", "--output", str(tmp_path / "out.txt")]) == 0
    assert (tmp_path / "out.txt").read_text().startswith("gigawatt: ")
    capsys.readouterr()
    for fmt, name, says in (("csv", "x.json", "json"), ("table", "x.csv", "csv")):
        path = str(tmp_path / name)
        assert main(["compare", "gigawatt", "--format", fmt, "--output", path]) == 2
        err = capsys.readouterr().err
        assert err.startswith(
            f"orbitcompute: error: --output={path!r}: the name says {says} but --format is {fmt}"
        )
        assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    "argv, ascii_text",
    [
        (["sweep", "gigawatt", "-n", "10", "--no-progress"], "+/-"),
        (["catalog", "sources"], "..."),
        (["catalog", "sites"], "Lulea, Norrbotten"),
    ],
)
def test_a_stdout_without_unicode_gets_ascii(argv, ascii_text):
    """PYTHONIOENCODING=ascii crashed with UnicodeEncodeError on '±' and '…'."""
    proc = _run_cli(*argv, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert ascii_text in proc.stdout


def _mini_with(site: str = "", tail: str = "") -> str:
    """The shared mini scenario with ``site`` lines in its site block and ``tail`` after it."""
    anchor = 'site = "memphis_tn"\n'
    return MINI_TOML.replace(anchor, anchor + site + "\n", 1) + tail + "\n"


@pytest.mark.parametrize(
    "site, argv, fragment",
    [
        (
            "accelerator_all_in_power_w = 1e-300",
            [],
            "[terrestrial.memphis] accelerator_all_in_power_w=1e-300: too small: the "
            "accelerator count, hours and costs of the levelized cost overflow float64",
        ),
        (
            "",
            ["--breakeven", "accelerator_all_in_power_w", "--bounds", "1e-300", "1e300"],
            "--bounds (1e-300, 1e+300): the scan of accelerator_all_in_power_w leaves what the "
            "model allows ([terrestrial.memphis] accelerator_all_in_power_w=1e-300: too small",
        ),
    ],
)
def test_compare_overflow_of_the_accelerators_is_one_line(tmp_path, site, argv, fragment):
    """A site's accelerator_all_in_power_w = 1e-300 exited 0 ("hosts all: yes", capex inf)
    with numpy overflow warnings on stderr; a break-even scan down to 1e-300 printed 18
    warning lines before its error. Both are one line now, exit 2, no warning."""
    path = tmp_path / "m.toml"
    path.write_text(_mini_with(site))
    proc = _run_cli("compare", str(path), *argv)
    assert proc.returncode == 2, proc.stdout
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    assert fragment in err[0]
    assert "Warning" not in proc.stderr and "Traceback" not in proc.stderr


def test_compare_tornado_says_why_an_end_is_undefined(tmp_path, capsys):
    """development_years = [0, 100] printed "100 -> nan   swing nan"; the line now reads
    n/a at that end and says why in place of the swing, and comes first."""
    path = tmp_path / "m.toml"
    tornado = "[tornado]\nlaunch_price_usd_per_kg = [100, 2000]\ndevelopment_years = [0, 100]"
    path.write_text(_mini_with(tail=tornado))
    assert main(["compare", str(path), "--tornado"]) == 0
    out = capsys.readouterr().out
    lines = out[out.index("tornado dd") :].splitlines()
    words = lines[1].split()
    assert words[:3] == ["development_years", "0", "->"] and words[4:7] == ["100", "->", "n/a"]
    assert float(words[3]) > 0
    assert lines[1].endswith(
        "high=100: lcoc_usd_per_accelerator_hour undefined: nothing delivered within the "
        "5-year horizon (binding constraint: horizon)"
    )
    assert lines[2].split()[0] == "launch_price_usd_per_kg" and "swing " in lines[2]
    assert "nan" not in out


# --- the walkthrough's problems (s27): one line, exit 2, what is allowed -----------------


def _error_line(capsys, argv: list[str]) -> str:
    """The one line a refused command writes on stderr (exit status 2, nothing else)."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert len(err) == 1 and "Traceback" not in captured.err, captured.err
    return err[0]


def test_sweep_names_the_block_values_its_samples_replace(tmp_path, capsys):
    """development_years = 7 in a block: compare showed the design infeasible, sweep
    sampled 1.75-5 yr and called it feasible in some samples, with no notice. The README's
    rule (an override replaces the block's value) stays, and the header says it."""
    path = tmp_path / "dev.toml"
    path.write_text(
        _mini_with(
            tail="[uncertainty]\n"
            "development_years = {dist = 'triangular', low = 1.75, mode = 2, high = 5}\n"
            "satellite_annual_failure_rate = {dist = 'uniform', low = 0.01, high = 0.05}"
        ).replace(
            'launch_vehicle = "starship"', 'launch_vehicle = "starship"\ndevelopment_years = 7'
        )
    )
    assert main(["sweep", str(path), "-n", "20", "--no-progress"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "inputs: development_years, satellite_annual_failure_rate"
    assert out[2] == "sampled inputs replace values set in placement blocks: dd.development_years=7"
    assert out[3] == "cost: lcoc_usd_per_accelerator_hour"
    # no line where no block value is replaced (the catalog's failure rate is not one)
    path.write_text(path.read_text().replace("development_years = 7\n", ""))
    assert main(["sweep", str(path), "-n", "20", "--no-progress"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "cost: lcoc_usd_per_accelerator_hour"


def test_sweep_replaced_line_counts_the_rest():
    from orbitcompute.cli.sweep import replaced_line

    assert replaced_line({}) == ""
    many = {f"p{i}.x": float(i) for i in range(8)} | {"q.y": float("inf")}
    assert replaced_line(many, limit=2) == (
        "sampled inputs replace values set in placement blocks: p0.x=0, p1.x=1, ... (7 more)"
    )
    assert replaced_line({"q.y": float("inf")}).endswith(": q.y=inf")


@pytest.mark.parametrize(
    "spec, message",
    [
        (
            "{dist = 'triangle', low = 50, mode = 500, high = 1000}",
            "launch_price_usd_per_kg.dist='triangle': must be one of 'uniform', 'loguniform', "
            "'triangular', 'pert', 'normal', 'lognormal'; did you mean 'triangular'?",
        ),
        (
            "{dist = 'triangular', low = 500, mode = 50, high = 1000}",
            "launch_price_usd_per_kg.mode=50: must be in [500, 1000]",
        ),
    ],
)
def test_compare_refuses_a_broken_distribution_as_sweep_does(tmp_path, capsys, spec, message):
    """compare accepted dist = "triangle" and a mode outside [low, high] and exited 0."""
    path = tmp_path / "d.toml"
    path.write_text(_mini_with(tail=f"[uncertainty]\nlaunch_price_usd_per_kg = {spec}"))
    said = f"orbitcompute: error: d.toml: [uncertainty] {message}"
    assert _error_line(capsys, ["compare", str(path)]) == said
    assert _error_line(capsys, ["sweep", str(path), "-n", "10", "--no-progress"]) == said


def test_sweep_names_only_the_input_whose_samples_are_refused(tmp_path, capsys):
    """low = -3 for memphis.grid_wait_years named all 7 *.grid_wait_years keys."""
    path = tmp_path / "neg.toml"
    path.write_text(
        TERRESTRIAL_ONLY + '[[terrestrial]]\nname = "memphis"\nsite = "memphis_tn"\n[uncertainty]\n'
        '"abilene.grid_wait_years" = {dist = "triangular", low = 0, mode = 0, high = 2}\n'
        '"memphis.grid_wait_years" = {dist = "triangular", low = -3, mode = 0, high = 1}\n'
    )
    line = _error_line(capsys, ["sweep", str(path), "-n", "200", "--no-progress"])
    assert line.startswith(
        "orbitcompute: error: neg.toml: [uncertainty] memphis.grid_wait_years: a sampled value "
        "is outside what the model allows ([terrestrial.memphis] grid_wait_years=-"
    ), line
    assert line.endswith(": must be >= 0 yr); narrow the distribution"), line


def test_sweep_without_uncertainty_suggests_an_input_the_placements_take(tmp_path, capsys):
    """A terrestrial-only scenario was told to add launch_price_usd_per_kg, which then
    failed: 'no placement of this scenario takes this parameter'."""
    path = tmp_path / "t.toml"
    path.write_text(TERRESTRIAL_ONLY)
    entry = "construction_years = {dist = 'triangular', low = 1, mode = 2, high = 3.6}"
    assert _error_line(capsys, ["sweep", str(path), "-n", "10", "--no-progress"]) == (
        "orbitcompute: error: t.toml: no [uncertainty] table and no distributions given; add "
        f"e.g. [uncertainty] {entry}"
    )
    path.write_text(f"{TERRESTRIAL_ONLY}[uncertainty]\n{entry}\n")  # as advised: it runs
    assert main(["sweep", str(path), "-n", "10", "--no-progress"]) == 0


def test_compare_breakeven_default_on_a_terrestrial_placement_says_what_to_scan(capsys):
    """--breakeven --placement memphis said "the terrestrial placement 'memphis' has no
    parameter 'launch_price_usd_per_kg'; did you mean 'land_price_usd_per_acre'?"."""
    from orbitcompute.cli.compare import TERRESTRIAL_BREAKEVEN
    from orbitcompute.scenario import placement_keywords

    assert set(TERRESTRIAL_BREAKEVEN) <= placement_keywords("terrestrial")
    said = (
        "orbitcompute: error: --breakeven='launch_price_usd_per_kg': the default break-even "
        "parameter, a launch price, applies to orbital placements only, and --placement "
        "memphis is terrestrial; --breakeven PARAM scans another parameter, e.g. --breakeven "
        "facility_capex_usd_per_mw or --breakeven electricity_price_usd_per_mwh"
    )
    assert _error_line(capsys, ["compare", "--breakeven", "--placement", "memphis"]) == said
    argv = ["compare", "--breakeven", TERRESTRIAL_BREAKEVEN[0], "--placement", "memphis"]
    assert main(argv) == 0
    assert "break-even memphis vs " in capsys.readouterr().out


def test_compare_breakeven_with_nothing_to_scan_says_why(tmp_path, capsys):
    """A single terrestrial placement 'a' printed "break-even: no orbital placement other
    than a"; --placement of the placement compared against, likewise."""
    path = tmp_path / "t.toml"
    path.write_text(TERRESTRIAL_ONLY)
    param = "facility_capex_usd_per_mw"
    assert main(["compare", str(path), "--breakeven", param, "--placement", "abilene"]) == 0
    assert capsys.readouterr().out.rstrip().splitlines()[-1] == (
        "break-even: --placement abilene is the cheapest feasible terrestrial placement, the "
        "one it would be compared against; --against NAME compares it with another placement"
    )


@pytest.mark.parametrize(
    "site, said",
    [
        (
            "altitude_km = 500",
            "altitude_km=500: unknown key; altitude_km is a field of the orbit table of an "
            "[[orbital]] block; a [[terrestrial]] block takes the keyword arguments of "
            "orbitcompute.placements.terrestrial.terrestrial_placement (help() lists them)",
        ),
        ("grid_headroom_mw = true", "grid_headroom_mw=true: must be a number in MW, not a boolean"),
    ],
)
def test_compare_block_key_errors_say_what_is_allowed(tmp_path, capsys, site, said):
    """ "altitude_km=500: unknown key" and "grid_headroom_mw=True: must be >= 0 MW"."""
    path = tmp_path / "m.toml"
    path.write_text(_mini_with(site))
    line = _error_line(capsys, ["compare", str(path)])
    assert line == f"orbitcompute: error: m.toml: [terrestrial.memphis] {said}"


def test_compare_a_directory_or_a_name_in_capitals(tmp_path, capsys):
    """`compare dir/` said "no such file"; `compare GIGAWATT` had no did-you-mean."""
    from orbitcompute.scenario import list_scenarios

    shipped = ", ".join(list_scenarios())
    assert _error_line(capsys, ["compare", f"{tmp_path}/"]) == (
        f"orbitcompute: error: scenario='{tmp_path}/': is a directory, not a scenario file; "
        f"give a .toml file or a shipped scenario: {shipped}"
    )
    assert _error_line(capsys, ["compare", "GIGAWATT"]) == (
        "orbitcompute: error: scenario='GIGAWATT': no such file or shipped scenario; shipped: "
        f"{shipped}; did you mean 'gigawatt'?"
    )


def test_compare_header_without_a_description_is_the_name(tmp_path, capsys):
    """A scenario with an empty (or no) description printed the header "x: "."""
    for head in ('name = "x"\ndescription = ""', 'name = "x"'):
        path = tmp_path / "x.toml"
        path.write_text(TERRESTRIAL_ONLY.replace('name = "terrestrial_only"', head))
        assert main(["compare", str(path)]) == 0
        assert capsys.readouterr().out.splitlines()[0] == "x"


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["compare", "gigawatt", "--breakeven", "--bounds", "-inf", "5"],
            "--bounds [-inf, 5.0]: must be finite numbers",
        ),
        (
            ["compare", "gigawatt", "--breakeven", "--bounds", "-nan", "5"],
            "--bounds [nan, 5.0]: must be finite numbers",
        ),
        (
            ["eclipse", "--altitude-km", "650", "--inclination-deg", "53", "--raan-deg", "-inf"],
            "--raan-deg=-inf: must be a finite number",
        ),
        (
            ["eclipse", "--altitude-km", "-1e3", "--ltan-h", "6"],
            "--altitude-km=-1000: must be in [100, 400000] km",
        ),
    ],
)
def test_a_negative_number_in_any_float_spelling_is_a_value(capsys, argv, message):
    """-1e3, -inf and -nan were taken for unknown options: "argument --bounds: expected 2
    arguments", which names neither the value nor what is allowed."""
    assert _error_line(capsys, argv) == "orbitcompute: error: " + message


def test_a_negative_exponent_value_is_read_as_with_an_equals_sign(capsys):
    """--raan-deg -1e3 (a RAAN the model accepts) was refused with "expected one
    argument"; only --raan-deg=-1e3 ran. Both spellings must give the same result."""
    argv = ["eclipse", "--altitude-km", "650", "--inclination-deg", "53", "--days", "1"]
    assert main([*argv, "--raan-deg=-1e3"]) == 0
    with_equals = capsys.readouterr().out
    assert main([*argv, "--raan-deg", "-1e3"]) == 0
    assert capsys.readouterr().out == with_equals
    assert "RAAN -1000 deg" in with_equals


def test_sweep_output_write_failure_is_one_line_naming_the_option(tmp_path, capsys, monkeypatch):
    """A write that failed after the up-front check (a full disk) printed the whole table,
    then "path='...': cannot write the file", naming the API's argument, not --output."""
    import pyarrow.parquet as pq

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full_disk)
    scenario = tmp_path / "m.toml"
    scenario.write_text(
        _mini_with(
            tail="[uncertainty]\nlaunch_price_usd_per_kg = "
            "{dist = 'uniform', low = 100, high = 1000}"
        )
    )
    out = tmp_path / "s.parquet"
    argv = ["sweep", str(scenario), "-n", "20", "--no-progress", "--output", str(out)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"orbitcompute: error: --output={str(out)!r}: cannot write the file: "
        "[Errno 28] No space left on device"
    ]


@pytest.mark.parametrize("name", ["out.parquet", "out.PQ"])
def test_compare_output_named_parquet_is_refused(tmp_path, capsys, name):
    """compare --output out.parquet wrote the text table into a file named Parquet
    (sweep --output writes real Parquet), which no Parquet reader opens."""
    path = str(tmp_path / name)
    assert _error_line(capsys, ["compare", "gigawatt", "--output", path]) == (
        f"orbitcompute: error: --output={path!r}: the name says Parquet, which compare does "
        "not write; use a name ending in .csv or .json, or another name for the table "
        "(sweep --output writes Parquet)"
    )
    assert not (tmp_path / name).exists()


# --- the display audit: one notation per column, readable numbers ------------------------


def _table_columns(lines: list[str], rule: int, last: str) -> dict[str, list[str]]:
    """{header: cells} of the table whose dash rule is ``lines[rule]``, its rows the
    lines after the rule up to the row named ``last``."""
    import re

    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[rule])]
    rows = []
    for ln in lines[rule + 1 :]:
        rows.append(ln)
        if ln.split()[0] == last:
            break
    return {lines[rule - 1][a:b].strip(): [row[a:b].strip() for row in rows] for a, b in spans}


def test_format_column_prints_one_notation_rounded_hand_values():
    """The demo's "CO2 t/yr" column printed 1.46e+06 beside 844,917 (scientific from
    1e6 on); a Python int printed without separators (1234); inf printed "inf".
    By hand: 1,460,418.3 rounds to 1,460,418 and 1,234.6 to 1,235 (truncation would
    give 1,234); 99.96 to 3 significant figures is 100.0, printed "100"; 0.0012367 is
    0.00124; 45.183e9 and 9.6e9 are 4.52e+10 and 9.60e+09, and a column holding 1e-5
    (below 1e-4) is scientific throughout, 2.76 included (2.76e+00)."""
    import math

    import numpy as np

    from orbitcompute.cli._format import UNLIMITED, column, number, table

    assert column([1_460_418.3, 844_917.2, 0.0]) == ["1,460,418", "844,917", "0"]
    assert column([4.5183e10, 9.6e9]) == ["4.52e+10", "9.60e+09"]
    assert column([2.76, 1e-5]) == ["2.76e+00", "1.00e-05"]
    assert column([1234.6, 57, 1234, np.int64(12345)]) == ["1,235", "57", "1,234", "12,345"]
    assert column([99.96, 0.0012367]) == ["100", "0.00124"]
    assert column([math.inf, -math.inf, math.nan, None, True, "x"]) == [
        UNLIMITED,
        "-" + UNLIMITED,
        "n/a",
        "",
        "yes",
        "x",
    ]
    assert UNLIMITED == "unlimited"
    # a calendar year keeps its digits; a count of 2,019 gets its separator
    text = table(["year", "entries"], [[2019, 2019]])
    assert text.splitlines()[2].split() == ["2019", "2,019"]
    # one number alone (the tornado printout): positional where it fits, else short
    assert [number(v) for v in (50_000, 2000, 1e-7, 43.7612, 0.029884, 0)] == [
        "50,000",
        "2,000",
        "1e-07",
        "43.76",
        "0.02988",
        "0",
    ]


def test_table_keeps_names_whole_and_numbers_uncut():
    """max_width cut every text cell, the names too: two names sharing their first 24
    characters printed as one ("northern_virginia_with_…"). The first column, the
    names, is never cut; other text still is."""
    from orbitcompute.cli._format import table

    a, b = "northern_virginia_with_gas_turbines", "northern_virginia_with_grid_only"
    assert a[:24] == b[:24]
    long = "x" * 30
    lines = table(["placement", "note", "MW"], [[a, long, 1.0], [b, "y", 2.0]], 24).splitlines()
    assert [ln.split()[0] for ln in lines[2:]] == [a, b]
    assert lines[2].split()[1] == "x" * 23 + "…"


def test_share_with_error_gives_a_small_error_one_significant_figure():
    """sweep printed "abu_dhabi <0.1 ± 0.0" (-n 20000 --metric capex_usd), which reads
    as certainty. By hand, binomial standard errors sqrt(p (1 - p) / n):
    20 wins in 20,000: p = 0.001, SE = sqrt(0.001 x 0.999 / 20000) = 2.235e-4 = 0.022 %:
    "0.10 ± 0.02"; 1 win: p = 5e-5, SE = 5.0e-5 = 0.0050 %: "0.005 ± 0.005"; an SE of
    0.0096 % rounds to 0.01 at one significant figure: 2 decimals."""
    import math

    from orbitcompute.cli.sweep import share_with_error

    def se(p: float, n: int) -> float:
        return math.sqrt(p * (1 - p) / n)

    assert share_with_error(0.001, se(0.001, 20_000), 20_000) == "0.10 ± 0.02"
    assert share_with_error(5e-5, se(5e-5, 20_000), 20_000) == "0.005 ± 0.005"
    assert share_with_error(0.003, 0.000096, 20_000) == "0.30 ± 0.01"
    assert share_with_error(0.99995, se(0.99995, 20_000), 20_000) == "99.995 ± 0.005"
    assert share_with_error(0.733, 0.00442, 10_000) == "73.3 ± 0.4"  # one decimal shows it


def test_sweep_table_never_says_plus_minus_zero_and_keeps_one_notation(capsys):
    """The audit's command: abu_dhabi printed "<0.1 ± 0.0", and the cost columns mixed
    "9.6e+09" with "1.14e+10". Every ± now shows a nonzero error, and each cost
    column is scientific throughout with 3 significant figures (capex is 1e9-1e11)."""
    import re

    argv = ["sweep", "gigawatt", "-n", "20000", "--metric", "capex_usd", "--no-progress"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    rule = next(i for i, ln in enumerate(lines) if ln.startswith("----"))
    cols = _table_columns(lines, rule, "none")
    shares = [c for c in cols["P(cheapest) %"] if "±" in c]
    assert shares
    for cell in shares:
        error = cell.split("± ")[1]
        assert re.fullmatch(r"\d+\.\d*[1-9]\d*", error), cell
    for head in ("cost p5", "p50", "p95", "mean"):
        cells = [c for c in cols[head] if c]
        assert cells and all(re.fullmatch(r"\d\.\d\de\+\d\d", c) for c in cells), (head, cells)


def test_compare_tornado_prints_the_ends_readably(tmp_path, capsys):
    """The tornado's ends printed with .4g: 50000 as "5e+04" beside "2000". Now
    50,000 and 500,000 as the scenario gives them, and 1e-07 (where positional
    notation would need 0.0000001); the swing is the distance between the two
    metric values shown (to their rounding)."""
    path = tmp_path / "m.toml"
    tornado = "[tornado]\nterminal_cost_usd = [50000, 500000]\ndownlink_bits_per_flop = [0, 1e-7]"
    path.write_text(_mini_with(tail=tornado))
    assert main(["compare", str(path), "--tornado"]) == 0
    out = capsys.readouterr().out
    lines = {ln.split()[0]: ln.split() for ln in out[out.index("tornado dd") :].splitlines()[1:]}
    terminal, downlink = lines["terminal_cost_usd"], lines["downlink_bits_per_flop"]
    assert terminal[1:3] == ["50,000", "->"] and terminal[4:6] == ["500,000", "->"]
    assert downlink[1:3] == ["0", "->"] and downlink[4:6] == ["1e-07", "->"]
    for words in (terminal, downlink):
        low, high, swing = float(words[3]), float(words[6]), float(words[8])
        assert abs(abs(high - low) - swing) <= 0.011, words
