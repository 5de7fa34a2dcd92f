"""The command line: version, catalog listing, one-line errors with exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

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


def test_catalog_accelerators_lists_five_with_sources(capsys):
    assert main(["catalog", "accelerators"]) == 0
    out = capsys.readouterr().out
    for name in ("h100_sxm", "h200", "b200", "gb200_nvl72", "tpu_v6e"):
        line = next(ln for ln in out.splitlines() if ln.startswith(name))
        assert "published" in line or "estimate" in line or "measured" in line
        assert len(line.split("  ")[-1].strip()) > 10, f"no source title for {name}"


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


def test_report_scenario_error_names_the_option(capsys):
    assert main(["report", "--scenario", "nosuch", "--notebooks", "01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orbitcompute: error: --scenario='nosuch': no such file")


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
        (["catalog", "accelerators"], "..."),
    ],
)
def test_a_stdout_without_unicode_gets_ascii(argv, ascii_text):
    """PYTHONIOENCODING=ascii crashed with UnicodeEncodeError on '±' and '…'."""
    proc = _run_cli(*argv, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert ascii_text in proc.stdout
