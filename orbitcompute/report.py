"""Reproducible reports: run notebooks in a fresh kernel and export them.

:func:`build_report` executes each notebook of ``notebooks/`` with nbclient in a
new kernel, with the scenario injected as a parameter (a code cell
``SCENARIO = "..."`` inserted after the cell tagged ``parameters``), and exports
the executed notebook with nbconvert to HTML, or to PDF by printing that HTML
with headless Chromium. Execution timing metadata is not recorded and figures
are PNG from matplotlib's inline (Agg-based) backend, so two builds from the same inputs give
the same report. The HTML uses the ``offline`` template shipped in
``orbitcompute/templates``: the lab template without the scripts it would fetch
from a CDN (require.js, MathJax, mermaid), so a report opens with no network;
equations stay as TeX source.

:func:`strip_outputs` and :func:`notebooks_with_outputs` keep the committed
notebooks free of outputs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from orbitcompute._validate import did_you_mean
from orbitcompute.errors import InputError

__all__ = [
    "build_report",
    "find_chromium",
    "list_notebooks",
    "notebooks_dir",
    "notebooks_with_outputs",
    "strip_outputs",
]


def notebooks_dir() -> Path:
    """The ``notebooks/`` directory of the checkout."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def list_notebooks(directory: Path | None = None) -> list[Path]:
    """Notebooks in ``directory`` (default ``notebooks/``), sorted by name."""
    d = directory or notebooks_dir()
    return sorted(p for p in d.glob("*.ipynb") if not p.name.startswith("."))


def _resolve(names: Sequence[str] | None) -> list[Path]:
    every = list_notebooks()
    if not names:
        return every
    by_stem = {p.stem: p for p in every}
    out = []
    for n in names:
        p = Path(n)
        if p.is_file():
            out.append(p)
            continue
        stem = p.stem
        match = [
            q
            for s, q in by_stem.items()
            if s == stem or s.startswith(stem + "_") or s.split("_", 1)[0] == stem
        ]
        if len(match) != 1:
            raise InputError(
                f"notebooks={n!r}: no such notebook; available: {', '.join(by_stem)}"
                f"{did_you_mean(stem, by_stem)}"
            )
        out.append(match[0])
    return out


def _read(path: Path) -> Any:
    """A notebook as nbformat v4 (InputError naming the file when it is none)."""
    import json

    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"notebooks={str(path)!r}: cannot be read as a notebook ({reason})"
        ) from None
    except Exception as exc:  # nbformat's NotJSONError, ValidationError, ...
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"notebooks={str(path)!r}: not a Jupyter notebook ({type(exc).__name__}: {reason})"
        ) from None


def _inject(nb: Any, scenario: str | None) -> None:
    import nbformat

    if scenario is None:
        return
    cell = nbformat.v4.new_code_cell(f"SCENARIO = {scenario!r}  # injected by orbitcompute report")
    cell.metadata["tags"] = ["injected-parameters"]
    cell.id = "injected-parameters"  # fixed, so that rebuilds are byte-identical
    for i, c in enumerate(nb.cells):
        if "parameters" in c.get("metadata", {}).get("tags", []):
            nb.cells.insert(i + 1, cell)
            return
    nb.cells.insert(0, cell)


def execute_notebook(path: Path, scenario: str | None = None, timeout_s: int = 600) -> Any:
    """Execute one notebook in a fresh kernel and return the executed notebook.

    Raises
    ------
    InputError
        When ``path`` is no notebook, or on the first cell that raises (naming
        the notebook, the cell and the error).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = _read(path)
    _inject(nb, scenario)
    env_backend = os.environ.get("MPLBACKEND")
    # inline backend: figures become PNG outputs (and so appear in the report)
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        client = NotebookClient(
            nb,
            timeout=timeout_s,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
        )
        client.execute()
    except CellExecutionError as exc:
        cell = next(
            (i for i, c in enumerate(nb.cells) if _cell_failed(c)),
            None,
        )
        at = "" if cell is None else f" in cell {cell + 1}"
        raise InputError(
            f"notebooks={path.name!r}: failed{at}: {exc.ename}: {exc.evalue}".rstrip()
        ) from None
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend
    return nb


def _cell_failed(cell: Any) -> bool:
    return cell.get("cell_type") == "code" and any(
        o.get("output_type") == "error" for o in cell.get("outputs", [])
    )


def find_chromium() -> str | None:
    """Path of a Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _html_to_pdf(html: Path, pdf: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        raise InputError("format='pdf': needs Chromium (Debian package 'chromium'); not found")
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                "--no-pdf-header-footer",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def build_report(
    notebooks: Sequence[str] | None = None,
    scenario: str | None = None,
    output_dir: str | Path = "reports",
    fmt: str = "html",
    timeout_s: int = 600,
) -> list[dict[str, Any]]:
    """Execute notebooks and export them; return one record per notebook.

    Parameters
    ----------
    notebooks : sequence of str, optional
        Names (``"01_quickstart"``, ``"01"``) or paths; default all.
    scenario : str, optional
        Scenario name or path injected as ``SCENARIO``.
    output_dir : str or Path
        Where the reports go (created).
    fmt : {"html", "pdf"}
        Export format.

    Raises
    ------
    InputError
        Before any notebook runs: a bad format, scenario, notebook name or file,
        or output directory; then the first cell that raises, by notebook and
        cell.

    Returns
    -------
    list of dict
        ``notebook, output, seconds`` for each notebook.
    """
    from nbconvert import HTMLExporter

    if fmt not in ("html", "pdf"):
        raise InputError(
            f"format={fmt!r}: must be 'html' or 'pdf'{did_you_mean(fmt, ['html', 'pdf'])}"
        )
    if scenario is not None:
        from orbitcompute.scenario import load, scenario_path

        load(scenario)  # checked here, not in the kernel of the first notebook
        scenario = str(scenario_path(scenario).resolve())
    paths = _resolve(notebooks)
    for path in paths:
        _read(path)  # every notebook is one before the first runs
    if not isinstance(output_dir, (str, os.PathLike)) or not str(output_dir).strip():
        raise InputError(f"output_dir={output_dir!r}: must be a directory path")
    out = Path(output_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"output_dir={str(out)!r}: is a file, not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"output_dir={str(out)!r}: cannot create the directory ({exc})") from None
    exporter = HTMLExporter(
        extra_template_basedirs=[str(Path(__file__).resolve().parent / "templates")],
        template_name="offline",
    )
    records = []
    for path in paths:
        t0 = time.perf_counter()
        nb = execute_notebook(path, scenario, timeout_s)
        body, _ = exporter.from_notebook_node(nb)
        html = out / f"{path.stem}.html"
        html.write_text(body, encoding="utf-8")
        target = html
        if fmt == "pdf":
            target = out / f"{path.stem}.pdf"
            _html_to_pdf(html, target)
        records.append(
            {"notebook": path.name, "output": str(target), "seconds": time.perf_counter() - t0}
        )
    return records


def notebooks_with_outputs(directory: Path | None = None) -> list[str]:
    """Notebooks that carry outputs or execution counts (they must not be committed so)."""
    import nbformat

    bad = []
    for p in list_notebooks(directory):
        nb = nbformat.read(p, as_version=4)
        for c in nb.cells:
            if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count")):
                bad.append(p.name)
                break
    return bad


def strip_outputs(directory: Path | None = None) -> list[str]:
    """Remove outputs and execution counts from the notebooks; return the names changed."""
    import nbformat

    changed = []
    for p in list_notebooks(directory):
        nb = nbformat.read(p, as_version=4)
        dirty = False
        for c in nb.cells:
            if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count")):
                c.outputs = []
                c.execution_count = None
                dirty = True
        if dirty:
            nbformat.write(nb, p)
            changed.append(p.name)
    return changed
