"""Notebooks and reports: committed without outputs, execute cleanly, render in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orbitcompute import report
from orbitcompute.errors import InputError

NOTEBOOKS = report.list_notebooks()


def test_notebooks_are_committed_without_outputs():
    assert report.notebooks_with_outputs() == []


def test_expected_notebooks_exist():
    stems = {p.stem for p in NOTEBOOKS}
    for n in (
        "01_quickstart",
        "02_orbits_and_power",
        "03_thermal",
        "04_links",
        "05_terrestrial_sites",
        "06_gigawatt_placement",
        "07_uncertainty",
        "08_published_analyses",
    ):
        assert n in stems, f"notebooks/{n}.ipynb is missing"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[dict]]:
    """Execute every notebook once (fresh kernels) and export HTML: two ``orbitcompute
    report`` processes side by side, each with half of the notebooks."""
    out = tmp_path_factory.mktemp("reports")
    every = tuple(p.stem for p in NOTEBOOKS)
    halves = {"first": ("gigawatt", every[::2]), "second": ("gigawatt", every[1::2])}
    _reports(halves, out)
    recs = [
        {"notebook": f"{n}.ipynb", "output": str(out / part / f"{n}.html")}
        for part, (_, names) in halves.items()
        for n in names
    ]
    return out, sorted(recs, key=lambda r: r["notebook"])


@pytest.mark.slow
def test_every_notebook_executes_without_error_cells(built):
    _, recs = built
    assert len(recs) == len(NOTEBOOKS)
    for r in recs:
        html = Path(r["output"]).read_text()
        # nbclient raises on an error cell; also no error output is rendered
        assert "jp-RenderedText" in html or "output" in html
        assert (
            'data-mime-type="application/vnd.jupyter.stderr"' not in html or "Traceback" not in html
        ), r["notebook"]


def _expected_figures(html_text: str) -> int:
    """Figures embedded by the exporter: <img> elements with a PNG data URL."""
    import re

    return len(re.findall(r'<img[^>]*\ssrc="data:image/png;base64,', html_text))


@pytest.mark.slow
def test_report_renders_in_headless_chromium(built, tmp_path):
    """Open each HTML report in Debian's Chromium: no JS errors, every figure loaded."""
    chromium = report.find_chromium()
    if chromium is None:
        pytest.fail("Chromium is not installed: .ci/run installs the Debian package 'chromium'")
    sync_api = pytest.importorskip("playwright.sync_api")
    _, recs = built
    shots = Path("reports")
    shots.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(report.CHROMIUM_FLAGS[1:]))
        try:
            for r in recs:
                html = Path(r["output"])
                errors: list[str] = []
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on(
                    "console",
                    lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None,
                )
                page.goto(html.resolve().as_uri(), wait_until="load")
                expected = _expected_figures(html.read_text())
                loaded = page.evaluate(
                    "Array.from(document.images).filter(i => i.src.startsWith('data:image/png')"
                    " && i.complete && i.naturalWidth > 0).length"
                )
                assert not errors, f"{html.name}: JavaScript errors {errors}"
                assert expected > 0, f"{html.name}: no figure in the report"
                assert loaded == expected, f"{html.name}: {loaded} of {expected} figures loaded"
                page.screenshot(path=str(shots / f"{html.stem}.png"), full_page=False)
                page.close()
        finally:
            browser.close()
    assert any(shots.glob("*.png"))


def test_inject_scenario_after_parameters_cell():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# t"),
        nbformat.v4.new_code_cell("SCENARIO = 'gigawatt'"),
        nbformat.v4.new_code_cell("x = 1"),
    ]
    nb.cells[1].metadata["tags"] = ["parameters"]
    report._inject(nb, "/tmp/x.toml")
    assert nb.cells[2].source.startswith("SCENARIO = '/tmp/x.toml'")


def test_unknown_notebook_is_an_input_error():
    with pytest.raises(InputError, match="did you mean"):
        report.build_report(["01_quickstrat"], output_dir="/tmp/never")


@pytest.mark.slow
def test_pdf_export_through_chromium(tmp_path):
    """--format pdf prints the HTML report with headless Chromium into a real PDF."""
    if report.find_chromium() is None:
        pytest.fail("Chromium is not installed: .ci/run installs the Debian package 'chromium'")
    recs = report.build_report(["01_quickstart"], output_dir=tmp_path, fmt="pdf")
    pdf = Path(recs[0]["output"])
    assert pdf.suffix == ".pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000


@pytest.mark.slow
def test_rebuild_comes_out_the_same(built, tmp_path):
    """A second build of a notebook from scratch gives byte-identical HTML."""
    _, recs = built
    first = next(Path(r["output"]) for r in recs if r["notebook"] == "01_quickstart.ipynb")
    again = report.build_report(["01_quickstart"], scenario="gigawatt", output_dir=tmp_path)
    assert Path(again[0]["output"]).read_bytes() == first.read_bytes()


def test_bad_notebook_output_or_scenario_is_refused_before_any_kernel(tmp_path, capsys):
    """Each gave a traceback, or failed only inside the first notebook's kernel."""
    from orbitcompute.cli import main

    text = tmp_path / "text.ipynb"
    text.write_text("not json")
    wrong = tmp_path / "wrong.ipynb"
    wrong.write_text('{"cells": 5}')
    a_file = tmp_path / "a_file"
    a_file.write_text("")
    bad_scenario = tmp_path / "s.toml"
    bad_scenario.write_text("[demand]\nit_power_mw = 1\nstart_year = 2027\nyears = 5\n")
    cases = [
        (["--notebooks", str(text)], "--notebooks '" + str(text) + "': not a Jupyter notebook"),
        (["--notebooks", str(wrong)], "': not a Jupyter notebook (TypeError"),
        (["--notebooks", "01", "--output", str(a_file)], "': is a file, not a directory"),
        (["--notebooks", "01", "--output", ""], "--output='': must be a directory path"),
        (["--notebooks", "01", "--scenario", str(bad_scenario)], "s.toml: no candidates"),
        (["--strip", "--format", "pdf"], "--strip: strips every committed notebook"),
    ]
    for argv, message in cases:
        assert main(["report", *argv]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, captured.err
        assert message in captured.err


MISSING_NBCONVERT = (
    "nbconvert: not installed; a report needs nbconvert, nbclient and ipykernel (the "
    'notebooks extra): pip install -e ".[notebooks]"'
)


def test_a_missing_notebook_tool_is_one_line_after_the_arguments(tmp_path, capsys, monkeypatch):
    """After a plain ``pip install -e .`` (``make demo``), ``orbitcompute report`` printed a
    traceback ending in ModuleNotFoundError: No module named 'nbconvert' and exited 1,
    before it even checked --notebooks 99. The arguments come first now; then one line
    names the missing module and the extra that installs it, exit 2, nothing created."""
    import sys

    from orbitcompute.cli import main

    monkeypatch.setitem(sys.modules, "nbconvert", None)  # as if not installed
    assert main(["report", "--notebooks", "99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orbitcompute: error: --notebooks '99': no such notebook;"), err
    out = tmp_path / "reports"
    assert main(["report", "--notebooks", "01", "--output", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"orbitcompute: error: {MISSING_NBCONVERT}\n"
    assert not out.exists()
    with pytest.raises(InputError, match=f"^{re.escape(MISSING_NBCONVERT)}$"):
        report.build_report(["01"], output_dir=out)
    with pytest.raises(InputError, match=f"^{re.escape(MISSING_NBCONVERT)}$"):
        report.execute_notebook(NOTEBOOKS[0])
    monkeypatch.setitem(sys.modules, "nbclient", None)
    with pytest.raises(InputError, match=r"^nbconvert, nbclient: not installed; "):
        report.require_report_tools()
    monkeypatch.delitem(sys.modules, "nbconvert")
    monkeypatch.delitem(sys.modules, "nbclient")
    assert report.missing_modules(report.REPORT_MODULES) == []  # the test environment's


def test_a_missing_chromium_is_said_before_any_notebook_runs(tmp_path, monkeypatch):
    """--format pdf without Chromium ran every notebook (minutes) before it said so."""

    def no_run(*args, **kwargs):
        raise AssertionError("a notebook ran before the missing Chromium was said")

    monkeypatch.setattr(report, "find_chromium", lambda: None)
    monkeypatch.setattr(report, "execute_notebook", no_run)
    with pytest.raises(InputError, match=r"^format='pdf': needs Chromium \(Debian package"):
        report.build_report(["01"], output_dir=tmp_path / "r", fmt="pdf")


def test_a_failing_cell_is_named_by_notebook_and_cell(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")]
    path = tmp_path / "fails.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(
        InputError,
        match=r"^notebooks='fails.ipynb': failed in cell 2: ZeroDivisionError: division by zero",
    ):
        report.build_report([str(path)], output_dir=tmp_path / "out")


def _notebook(path: Path, *sources: str, parameters: bool = False) -> Path:
    """A small notebook of code cells; the first tagged ``parameters`` if asked."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    if parameters:
        nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize(
    "name, message",
    [
        ("/tmp/does/not/exist/06.ipynb", "no such file"),
        ("../notebooks/01_quickstart", "no such file"),
        ("01_quickstart.txt", "no such file (a shipped notebook is named without a suffix"),
        ("/tmp", "is a directory, not a notebook"),
    ],
)
def test_a_path_that_is_no_file_is_refused_not_a_shipped_notebook(name, message):
    """These resolved to the shipped notebook of the same name (06_gigawatt_placement,
    01_quickstart), which then ran instead of saying the file is missing."""
    with pytest.raises(InputError, match=rf"^notebooks={name!r}: {re.escape(message)}"):
        report._resolve([name])


def test_bare_names_still_name_shipped_notebooks():
    shipped = report.notebooks_dir()
    for name in ("06", "06_gigawatt_placement", "06_gigawatt_placement.ipynb"):
        assert report._resolve([name]) == [shipped / "06_gigawatt_placement.ipynb"]


@pytest.mark.parametrize(
    "notebooks, message",
    [
        ("01_quickstart", "notebooks='01_quickstart': must be a list of notebook names"),
        (5, "notebooks=5: must be a list of notebook names or paths"),
        ([1], "notebooks=1: must be a notebook name or path"),
        ([" "], "notebooks=' ': must be a notebook name or path"),
    ],
)
def test_notebooks_must_be_a_list_of_names(notebooks, message):
    """A bare string was iterated by character ("notebooks='0': no such notebook");
    [1] and 5 raised TypeError."""
    with pytest.raises(InputError, match="^" + re.escape(message)):
        report.build_report(notebooks, output_dir="/tmp/never")


@pytest.mark.parametrize("timeout_s", ["abc", 0, -1, 1.5, True, float("nan")])
def test_timeout_must_be_whole_seconds(timeout_s):
    """'abc' raised traitlets' TraitError; 0 and -1 meant no limit at all."""
    with pytest.raises(InputError, match=r"^timeout_s=.*: must be a whole number of seconds"):
        report.build_report(["01"], output_dir="/tmp/never", timeout_s=timeout_s)


def test_a_loaded_scenario_is_refused_without_contradiction():
    """The message said a loaded Scenario was allowed while refusing one."""
    from orbitcompute.scenario import load

    with pytest.raises(InputError, match=r"^scenario=Scenario\(") as exc:
        report.build_report(["01"], scenario=load("gigawatt"), output_dir="/tmp/never")
    assert "not a loaded Scenario" in str(exc.value)
    assert "or a loaded Scenario" not in str(exc.value)


def test_helpers_check_the_directory(tmp_path):
    """A str raised AttributeError ('str' object has no attribute 'glob'); a missing
    directory gave [] as if it held no notebook."""
    good = _notebook(tmp_path / "a.ipynb", "x = 1")
    (tmp_path / "dir.ipynb").mkdir()
    (tmp_path / "dangling.ipynb").symlink_to(tmp_path / "nowhere")
    assert report.list_notebooks(str(tmp_path)) == [good]
    assert report.notebooks_with_outputs(str(tmp_path)) == []
    for fn in (report.list_notebooks, report.notebooks_with_outputs, report.strip_outputs):
        with pytest.raises(InputError, match=r"^directory='/nonexistent': no such directory"):
            fn("/nonexistent")
        with pytest.raises(InputError, match=r"^directory=123: must be a directory path"):
            fn(123)
        with pytest.raises(InputError, match=r"^directory='.*a.ipynb': is a file"):
            fn(good)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "not a Jupyter notebook (NotJSONError"),
        (b'{"cells": 5}', "not a Jupyter notebook (TypeError"),
        (b"[]", "not a Jupyter notebook (AttributeError"),
        (b"\xff\xfe\x00", "cannot be read as a notebook ("),
        (
            b'{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}',
            "not a Jupyter notebook (ValidationError",
        ),
    ],
)
def test_helpers_name_a_bad_notebook_and_strip_changes_nothing(tmp_path, content, reason):
    """They raised NotJSONError, TypeError, AttributeError, UnicodeDecodeError or
    ValidationError; strip_outputs had already rewritten the notebooks before it."""
    import nbformat

    dirty = _notebook(tmp_path / "a_dirty.ipynb", "x = 1")
    nb = nbformat.read(dirty, as_version=4)
    nb.cells[0].execution_count = 1
    nbformat.write(nb, dirty)
    before = dirty.read_bytes()
    bad = tmp_path / "b_bad.ipynb"
    bad.write_bytes(content)
    message = rf"^directory={str(bad)!r}: {re.escape(reason)}"
    with pytest.raises(InputError, match=message):
        report.notebooks_with_outputs(tmp_path)
    with pytest.raises(InputError, match=message):
        report.strip_outputs(tmp_path)
    assert dirty.read_bytes() == before
    bad.unlink()
    assert report.notebooks_with_outputs(tmp_path) == ["a_dirty.ipynb"]
    assert report.strip_outputs(tmp_path) == ["a_dirty.ipynb"]
    assert report.notebooks_with_outputs(tmp_path) == []


def test_a_failing_cell_is_numbered_as_in_the_file_with_a_scenario(tmp_path):
    """The injected SCENARIO cell was counted: '1/0' in the file's 3rd cell was
    reported as cell 4 when a scenario was given."""
    path = _notebook(tmp_path / "fails.ipynb", "SCENARIO = 'x'", "y = 1", "1 / 0", parameters=True)
    with pytest.raises(
        InputError, match=r"^notebooks='fails.ipynb': failed in cell 3: ZeroDivisionError"
    ):
        report.build_report([str(path)], scenario="gigawatt", output_dir=tmp_path / "out")


def test_a_cell_out_of_time_is_an_input_error(tmp_path):
    """nbclient's CellTimeoutError escaped raw."""
    path = _notebook(tmp_path / "slow.ipynb", "x = 1", "import time\ntime.sleep(60)")
    with pytest.raises(
        InputError,
        match=r"^notebooks='slow.ipynb': timed out in cell 2: it ran longer than timeout_s=1 s",
    ):
        report.build_report([str(path)], output_dir=tmp_path / "out", timeout_s=1)


def test_a_failing_report_writes_one_line_on_stderr(tmp_path):
    """The kernel added '[IPKernelApp] WARNING | Kernel is running over TCP without
    encryption...' to standard error on every start (it now talks over local sockets),
    and at times, shutting down after the failing cell, ipykernel's own traceback
    ('ERROR:tornado.general:Uncaught exception in ZMQStream callback', a closed iopub
    socket): the kernel's standard error now goes to a file. The cell writes to it
    directly (the process's real standard error, where its tornado logger writes: fd 2,
    or ipykernel's copy of it when it captures fd 2), which reached ours before."""
    import subprocess
    import sys

    noise = (
        "import os, sys\n"
        "fd = getattr(sys.stderr, '_original_stdstream_copy', None) or 2\n"
        "os.write(fd, b'kernel noise\\n')"
    )
    path = _notebook(tmp_path / "fails.ipynb", noise + "\n1 / 0")
    argv = ["report", "--notebooks", str(path), "--output", str(tmp_path / "out")]
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", *argv], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "orbitcompute: error: notebook fails.ipynb failed in cell 1: ZeroDivisionError: "
        "division by zero"
    ]


def test_a_kernel_that_dies_is_named_with_its_last_words(tmp_path):
    """A kernel that exits mid-cell is an InputError naming the notebook; the last line
    it wrote on its standard error (now a file, not ours) is quoted."""
    cell = (
        "import os, sys\n"
        "fd = getattr(sys.stderr, '_original_stdstream_copy', None) or 2\n"
        "os.write(fd, b'out of memory, say\\n')\n"
        "os._exit(1)"
    )
    path = _notebook(tmp_path / "dies.ipynb", cell)
    with pytest.raises(
        InputError, match=r"^notebooks='dies.ipynb': the kernel died .*its last words: out of mem"
    ):
        report.execute_notebook(path, timeout_s=60)


def test_execute_notebook_takes_a_str_path(tmp_path):
    """A str path raised AttributeError ('str' object has no attribute 'parent') once the
    notebook had been read; ``build_report`` passes Paths, the public function takes both.
    The executed cell ``x = 6 * 7; x`` shows 42."""
    path = _notebook(tmp_path / "ok.ipynb", "x = 6 * 7\nx")
    nb = report.execute_notebook(str(path), timeout_s=60)
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "42"
    with pytest.raises(InputError, match=r"^path=5: must be a notebook path$"):
        report.execute_notebook(5)


@pytest.mark.parametrize("scenario", [5, b"gigawatt", ["gigawatt"]])
def test_a_scenario_of_another_type_is_refused_without_contradiction(scenario):
    """scenario=5 was refused by scenario.load with "must be a shipped scenario name
    (...), a path to a TOML file or a loaded Scenario", while build_report refuses a
    loaded Scenario."""
    with pytest.raises(
        InputError, match=r"^scenario=.*: must be a shipped scenario name \("
    ) as exc:
        report.build_report(["01"], scenario=scenario, output_dir="/tmp/never")
    assert str(exc.value).endswith(") or a path to a TOML file")
    assert "loaded Scenario" not in str(exc.value)


def _fake_chromium(tmp_path: Path, body: str) -> str:
    """An executable standing in for Chromium: a shell script running ``body``."""
    exe = tmp_path / "chromium"
    exe.write_text("#!/bin/sh\n" + body + "\n")
    exe.chmod(0o755)
    return str(exe)


def test_a_failing_chromium_is_an_input_error(tmp_path, monkeypatch):
    """Chromium exiting with an error escaped as subprocess.CalledProcessError (a traceback
    from ``orbitcompute report --format pdf``); one that exits 0 without printing left a
    record naming a PDF that does not exist. Each is now one InputError line."""
    html = tmp_path / "r.html"
    html.write_text("<html><body>report</body></html>")
    pdf = tmp_path / "r.pdf"
    exe = _fake_chromium(tmp_path, "echo 'starting' >&2\necho 'crashed: no display' >&2\nexit 3")
    monkeypatch.setattr(report, "find_chromium", lambda: exe)
    with pytest.raises(
        InputError,
        match=rf"^format='pdf': Chromium \({re.escape(exe)}\) failed to print r.html "
        r"\(exit status 3\): crashed: no display$",
    ):
        report._html_to_pdf(html, pdf)
    exe = _fake_chromium(tmp_path, "exit 0")
    with pytest.raises(InputError, match=r"^format='pdf': Chromium .* wrote no PDF for r.html$"):
        report._html_to_pdf(html, pdf)
    monkeypatch.setattr(report, "_PDF_TIMEOUT_S", 1)
    exe = _fake_chromium(tmp_path, "exec sleep 5")
    with pytest.raises(InputError, match=r"^format='pdf': Chromium .* within 1 s$"):
        report._html_to_pdf(html, pdf)


#: The shipped scenarios other than the default ``gigawatt`` (which the ``built`` fixture
#: runs): top-down orbital designs (mccalip_2025, starcloud_2024), an orbital design that
#: is the cheapest placement (starcloud_2024), no terrestrial site (suncatcher_2025).
PRESETS = ("mccalip_2025", "starcloud_2024", "suncatcher_2025")

#: The default suite runs every notebook once, with a preset that lacks what one of its
#: sections needs; ``test_every_notebook_runs_with_every_shipped_scenario`` the rest.
QUICK = {
    "mccalip_2025": ("03_thermal", "04_links"),
    "starcloud_2024": ("01_quickstart", "07_uncertainty", "08_published_analyses"),
    "suncatcher_2025": ("02_orbits_and_power", "05_terrestrial_sites", "06_gigawatt_placement"),
}

#: What the report must say where the scenario lacks what a section needs.
SAYS = {
    "03_thermal": [
        "scenario 'mccalip_2025' has only top-down orbital designs (mccalip_orbital), which "
        "state no orbit; the reference orbit is orbital_placement's default"
    ],
    "04_links": [
        "which state no orbit or satellite IT power: the fleet below is orbital_placement's "
        "default design",
        "training / Ka, 4 dishes/site, 99.9 % available: unreachable (target_unreachable): "
        "more than ground.MAX_SITES = 1,000,000 sites would be needed",
    ],
    "01_quickstart": [
        "x the cheapest feasible terrestrial site, starcloud_2024_terrestrial",
        "Per accelerator-hour the orbital designs cost 0.0",
    ],
    "07_uncertainty": [
        "The sweeps of this section are skipped: starcloud_orbital does not take "
        "array_cost_usd_per_w (a top-down design)."
    ],
    "08_published_analyses": ["Scenario 'starcloud_2024' has no bottom-up orbital design"],
    "02_orbits_and_power": ["scenario 'suncatcher_2025': mission 7 years"],
    "05_terrestrial_sites": [
        "Scenario 'suncatcher_2025' has no terrestrial site: the sections on its sites are skipped",
        "Scenario 'suncatcher_2025' has no terrestrial site: every catalog site is listed",
    ],
    "06_gigawatt_placement": [
        "No terrestrial site in the scenario: there is no reference for a break-even.",
        "cost: no terrestrial site in the scenario to compare with",
    ],
}


def _reports(jobs: dict[str, tuple[str, tuple[str, ...]]], out: Path) -> dict[str, str]:
    """Run ``orbitcompute report --scenario S --notebooks ... --output out/<key>`` for each
    ``key: (S, notebooks)`` of ``jobs``, two at a time (each in its own process); return
    the text of every report, unescaped, by ``"<key>/<notebook>"``."""
    import html
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    def run(key: str) -> tuple[str, subprocess.CompletedProcess]:
        scenario, names = jobs[key]
        argv = ["report", "--scenario", scenario, "--output", str(out / key), "--notebooks"]
        cmd = [sys.executable, "-m", "orbitcompute", *argv, *names]
        return key, subprocess.run(cmd, capture_output=True, text=True, timeout=3600)

    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(run, jobs))
    texts = {}
    for key, proc in done:
        assert proc.returncode == 0 and proc.stderr == "", f"{key}: {proc.stderr}"
        for name in jobs[key][1]:
            page = (out / key / f"{name}.html").read_text(encoding="utf-8")
            texts[f"{key}/{name}"] = html.unescape(page)
    return texts


def test_each_notebook_runs_with_a_published_scenario(tmp_path):
    """``orbitcompute report --scenario mccalip_2025`` (or starcloud_2024, suncatcher_2025)
    failed in 14 of the 24 notebook runs: KeyError 'orbit' (03, 04: a top-down design has
    no orbit), a break-even of the orbital design against itself (06), a sweep input that
    reaches no placement (07), KeyError 'satellite_bol_power_w' (08) and IndexError (05: no
    terrestrial site). 01 with starcloud_2024 compared the orbital design with itself
    ("1.0x the cheapest feasible site"). Each section now does its analysis on what the
    scenario has, or says in one sentence why it cannot."""
    texts = _reports({s: (s, names) for s, names in QUICK.items()}, tmp_path)
    assert sorted(name for names in QUICK.values() for name in names) == [p.stem for p in NOTEBOOKS]
    for key, text in texts.items():
        assert "Traceback" not in text, key
        for sentence in SAYS[key.split("/")[1]]:
            assert sentence in text, f"{key}: {sentence!r} not in the report"
    assert "x the cheapest feasible site" not in texts["starcloud_2024/01_quickstart"]


@pytest.mark.slow
def test_every_notebook_runs_with_every_shipped_scenario(tmp_path):
    """The runs of the notebook x preset matrix the default suite leaves out (gigawatt:
    the ``built`` fixture); all 32 take some 5 minutes on two cores."""
    every = [p.stem for p in NOTEBOOKS]
    rest = {s: (s, tuple(n for n in every if n not in QUICK[s])) for s in PRESETS}
    texts = _reports(rest, tmp_path)
    assert len(texts) == 3 * len(every) - len(SAYS)
    for key, text in texts.items():
        assert "Traceback" not in text, key
