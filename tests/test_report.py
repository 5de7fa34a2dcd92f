"""Notebooks and reports: committed without outputs, execute cleanly, render in Chromium."""

from __future__ import annotations

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
    """Execute every notebook once (fresh kernels) and export HTML."""
    out = tmp_path_factory.mktemp("reports")
    recs = report.build_report(None, scenario="gigawatt", output_dir=out, fmt="html")
    return out, recs


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
