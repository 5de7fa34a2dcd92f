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

from orbitcompute._validate import check_whole_number, did_you_mean, short_repr
from orbitcompute.errors import InputError

__all__ = [
    "REPORT_MODULES",
    "build_report",
    "find_chromium",
    "list_notebooks",
    "missing_modules",
    "notebooks_dir",
    "notebooks_with_outputs",
    "require_report_tools",
    "strip_outputs",
]


def notebooks_dir() -> Path:
    """The ``notebooks/`` directory of the checkout."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def _directory(directory: str | os.PathLike[str] | None) -> Path:
    """``directory`` as an existing directory (default ``notebooks/``)."""
    if directory is None:
        return notebooks_dir()
    if not isinstance(directory, (str, os.PathLike)) or not str(directory).strip():
        raise InputError(f"directory={short_repr(directory)}: must be a directory path")
    d = Path(directory)
    if not d.exists():
        raise InputError(f"directory={str(d)!r}: no such directory")
    if not d.is_dir():
        raise InputError(f"directory={str(d)!r}: is a file, not a directory")
    return d


def list_notebooks(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """Notebook files in ``directory`` (default ``notebooks/``), sorted by name.

    Hidden files, directories and dangling links whose names end in ``.ipynb`` are
    no notebooks and are left out.

    Raises
    ------
    InputError
        ``directory`` is not a path, does not exist or is not a directory.
    """
    d = _directory(directory)
    return sorted(p for p in d.glob("*.ipynb") if not p.name.startswith(".") and p.is_file())


def _name_list(names: Any) -> list[str | os.PathLike[str]]:
    """``notebooks=`` as a list of names or paths (one bare string is refused)."""
    if isinstance(names, (str, bytes, os.PathLike)):
        raise InputError(
            f"notebooks={short_repr(names)}: must be a list of notebook names or paths "
            f"(one notebook: [{short_repr(names)}])"
        )
    try:
        items = list(names)
    except TypeError:
        raise InputError(
            f"notebooks={short_repr(names)}: must be a list of notebook names or paths"
        ) from None
    for n in items:
        if not isinstance(n, (str, os.PathLike)) or not str(n).strip():
            raise InputError(f"notebooks={short_repr(n)}: must be a notebook name or path")
    return items


def _resolve(names: Sequence[str | os.PathLike[str]] | None) -> list[Path]:
    """Notebook files for ``notebooks=``: each a path, or a bare name of ``notebooks/``.

    As for scenarios, a bare name (no directory part: ``"06"``, ``"06_gigawatt_placement"``
    or ``"06_gigawatt_placement.ipynb"``) names a shipped notebook unless such a file
    exists here; anything with a directory part, or with another suffix, is a path
    and must be a file (never silently a shipped notebook of the same name).
    """
    if names is None:
        return list_notebooks()
    items = _name_list(names)
    every = list_notebooks()
    if not items:
        return every
    by_stem = {p.stem: p for p in every}
    out = []
    for n in items:
        text = os.fspath(n)
        p = Path(text)
        if p.is_file():
            out.append(p)
            continue
        bare = not any(sep in text for sep in (os.sep, os.altsep) if sep)
        if p.is_dir():
            raise InputError(f"notebooks={text!r}: is a directory, not a notebook")
        if not bare:
            raise InputError(f"notebooks={text!r}: no such file")
        if p.suffix and p.suffix != ".ipynb":
            raise InputError(
                f"notebooks={text!r}: no such file (a shipped notebook is named without "
                f"a suffix or with .ipynb: {', '.join(by_stem)})"
            )
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


def _read(path: Path, param: str = "notebooks") -> Any:
    """A notebook as nbformat v4 (InputError naming ``param`` and the file when it is none)."""
    import json

    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"{param}={str(path)!r}: cannot be read as a notebook ({reason})"
        ) from None
    except Exception as exc:  # nbformat's NotJSONError, ValidationError, ...
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"{param}={str(path)!r}: not a Jupyter notebook ({type(exc).__name__}: {reason})"
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


#: Modules a report needs besides the core dependencies: nbclient runs the notebooks in
#: an ipykernel kernel and nbconvert exports them. The "notebooks" extra of pyproject.toml
#: installs them all (through jupyterlab).
REPORT_MODULES = ("nbconvert", "nbclient", "ipykernel")
#: How to install them, for the message when one is missing.
INSTALL_NOTEBOOKS = 'pip install -e ".[notebooks]"'


def missing_modules(names: Sequence[str]) -> list[str]:
    """The modules of ``names`` that cannot be imported here (not installed), in order.

    Found without importing them (:func:`importlib.util.find_spec`); a module set to
    None in :data:`sys.modules` counts as missing, as ``import`` treats it.
    """
    import importlib.util

    missing = []
    for name in names:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a parent package missing, or no __spec__
            found = False
        if not found:
            missing.append(name)
    return missing


def require_report_tools(names: Sequence[str] = REPORT_MODULES) -> None:
    """Raise an InputError naming each missing module of ``names`` and how to install it.

    Raises
    ------
    InputError
        ``"nbconvert: not installed; a report needs nbconvert, nbclient and ipykernel
        (the notebooks extra): pip install -e ".[notebooks]""`` style message.
    """
    missing = missing_modules(names)
    if missing:
        every = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        raise InputError(
            f"{', '.join(missing)}: not installed; a report needs {every} (the notebooks "
            f"extra): {INSTALL_NOTEBOOKS}"
        )


#: Longest time one cell may run [s] (a week; ``timeout_s=None`` sets no limit).
MAX_TIMEOUT_S = 7 * 24 * 3600


def _check_timeout(timeout_s: Any) -> int | None:
    """``timeout_s`` as whole seconds in [1, MAX_TIMEOUT_S], or None for no limit."""
    if timeout_s is None:
        return None
    return check_whole_number("timeout_s", timeout_s, 1, MAX_TIMEOUT_S, "seconds")


#: ``ename`` of the error a cell gets when it runs out of time.
_TIMED_OUT = "orbitcompute.report.CellTimeout"


def _kernel_config(socket_dir: str) -> Any:
    """Kernel manager configuration: Unix sockets in ``socket_dir``.

    The default TCP transport is unencrypted, and ipykernel says so on standard
    error at every start ("Kernel is running over TCP without encryption"), a
    second line next to the one of a failing report. Local sockets in a private
    directory are neither reachable from the network nor noisy. Where they are
    not available (not POSIX, or a directory path too long for a socket name),
    the default TCP transport is kept.
    """
    from traitlets.config import Config

    prefix = os.path.join(socket_dir, "kernel")
    if os.name != "posix" or len(prefix) > 90:  # sun_path holds 104-108 bytes
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": prefix}})


def execute_notebook(
    path: str | os.PathLike[str], scenario: str | None = None, timeout_s: int | None = 600
) -> Any:
    """Execute one notebook in a fresh kernel and return the executed notebook.

    ``timeout_s`` is the longest any one cell may run, whole seconds (``None``: no
    limit).

    Raises
    ------
    InputError
        When ``path`` (a str or Path) is no notebook or ``timeout_s`` is not a whole
        number of seconds in [1, ``MAX_TIMEOUT_S``] or None; a module of :data:`REPORT_MODULES`
        that is not installed; on the first cell that raises or
        runs out of time (naming the notebook, the cell as numbered in the file,
        and the error); when the kernel dies.
    """
    import tempfile

    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InputError(f"path={short_repr(path)}: must be a notebook path")
    path = Path(path)  # a str path raised AttributeError on path.parent
    timeout_s = _check_timeout(timeout_s)
    nb = _read(path)
    require_report_tools()
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    _inject(nb, scenario)
    env_backend = os.environ.get("MPLBACKEND")
    # inline backend: figures become PNG outputs (and so appear in the report)
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    log = ""
    try:
        with tempfile.TemporaryDirectory(prefix="oc-kernel-") as sockets:
            client = NotebookClient(
                nb,
                config=_kernel_config(sockets),
                timeout=timeout_s,
                # a cell out of time is interrupted, not its kernel killed mid-message
                # (which printed the kernel's traceback on standard error)
                interrupt_on_timeout=True,
                error_on_timeout={"ename": _TIMED_OUT, "evalue": "", "traceback": []},
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
                record_timing=False,
            )
            # The kernel's standard error goes to a file, not to ours: ipykernel may log a
            # traceback of its own while it shuts down after a failing cell (a closed
            # iopub socket, ipykernel PR 1518), a second message next to the one line of
            # a failing report. Its last line is quoted if the kernel dies.
            kernel_log = os.path.join(sockets, "kernel-stderr.txt")
            with open(kernel_log, "w+", encoding="utf-8", errors="replace") as err:
                try:
                    client.execute(stderr=err)
                finally:
                    err.seek(0)
                    log = err.read()
    except (CellExecutionError, CellTimeoutError) as exc:
        at = _failed_cell(nb)
        if isinstance(exc, CellTimeoutError) or exc.ename == _TIMED_OUT:
            raise InputError(
                f"notebooks={path.name!r}: timed out{at}: it ran longer than "
                f"timeout_s={timeout_s} s"
            ) from None
        raise InputError(
            f"notebooks={path.name!r}: failed{at}: {exc.ename}: {exc.evalue}".rstrip()
        ) from None
    except DeadKernelError as exc:
        last = next((ln.strip() for ln in reversed(log.splitlines()) if ln.strip()), "")
        said = f"; its last words: {last}" if last else ""
        raise InputError(f"notebooks={path.name!r}: the kernel died ({exc}){said}") from None
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend
    return nb


def _injected(cell: Any) -> bool:
    return "injected-parameters" in cell.get("metadata", {}).get("tags", [])


def _failed_cell(nb: Any) -> str:
    """`` in cell N`` for the failing cell, numbered as in the file (the injected
    ``SCENARIO`` cell is not counted), or ``""`` when none is known."""
    cells = [c for c in nb.cells if not _injected(c)]
    i = next((i for i, c in enumerate(cells) if _cell_failed(c)), None)
    return "" if i is None else f" in cell {i + 1}"


def _cell_failed(cell: Any) -> bool:
    return cell.get("cell_type") == "code" and any(
        o.get("output_type") == "error" for o in cell.get("outputs", [])
    )


#: The error for ``fmt="pdf"`` without a Chromium executable.
_NO_CHROMIUM = "format='pdf': needs Chromium (Debian package 'chromium'); not found"


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


#: Longest time Chromium may take to print one report [s].
_PDF_TIMEOUT_S = 120


def _html_to_pdf(html: Path, pdf: Path) -> None:
    """Print ``html`` to ``pdf`` with headless Chromium.

    Raises
    ------
    InputError
        No Chromium; Chromium fails (its exit status and last line of standard
        error are quoted), runs out of time or writes no PDF.
    """
    chromium = find_chromium()
    if chromium is None:
        raise InputError(_NO_CHROMIUM)
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        try:
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
                timeout=_PDF_TIMEOUT_S,
            )
        except subprocess.CalledProcessError as exc:  # escaped raw: a traceback
            err = exc.stderr.decode(errors="replace") if exc.stderr else ""
            last = next((ln.strip() for ln in reversed(err.splitlines()) if ln.strip()), "")
            raise InputError(
                f"format='pdf': Chromium ({chromium}) failed to print {html.name} (exit "
                f"status {exc.returncode}){': ' + last if last else ''}"
            ) from None
        except subprocess.TimeoutExpired:
            raise InputError(
                f"format='pdf': Chromium ({chromium}) did not print {html.name} within "
                f"{_PDF_TIMEOUT_S} s"
            ) from None
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise InputError(f"format='pdf': Chromium ({chromium}) wrote no PDF for {html.name}")


def build_report(
    notebooks: Sequence[str] | None = None,
    scenario: str | None = None,
    output_dir: str | Path = "reports",
    fmt: str = "html",
    timeout_s: int | None = 600,
) -> list[dict[str, Any]]:
    """Execute notebooks and export them; return one record per notebook.

    Parameters
    ----------
    notebooks : sequence of str or Path, optional
        A list of names (``"01_quickstart"``, ``"01"``) or paths; default (or an
        empty list) all. A bare name (no directory part) is a notebook of
        ``notebooks/`` unless such a file exists here; a path must be a file.
    scenario : str or Path, optional
        Scenario name or path injected as ``SCENARIO`` (not a loaded
        :class:`~orbitcompute.scenario.Scenario`: each notebook loads it in its own
        kernel).
    output_dir : str or Path
        Where the reports go (created).
    fmt : {"html", "pdf"}
        Export format.
    timeout_s : int or None
        Longest time one cell may run, whole seconds in [1, ``MAX_TIMEOUT_S``]
        (default 600); None: no limit.

    Raises
    ------
    InputError
        Before any notebook runs: a bad format, timeout, scenario, notebook name,
        path or file, or output directory; after those, a module of
        :data:`REPORT_MODULES` that is not installed (:func:`require_report_tools`)
        or, for PDF, no Chromium; then the first cell that raises or runs out of
        time, by notebook and cell (numbered as in the file); for PDF, Chromium
        failing to print a report.

    Returns
    -------
    list of dict
        ``notebook, output, seconds`` for each notebook.
    """
    if fmt not in ("html", "pdf"):
        raise InputError(
            f"format={fmt!r}: must be 'html' or 'pdf'{did_you_mean(fmt, ['html', 'pdf'])}"
        )
    timeout_s = _check_timeout(timeout_s)
    if scenario is not None:
        from orbitcompute.scenario import Scenario, load, scenario_path

        if isinstance(scenario, Scenario):
            raise InputError(
                f"scenario={short_repr(scenario)}: must be a shipped scenario name or a path "
                "to a TOML file, not a loaded Scenario: each notebook loads the scenario in "
                "its own kernel"
            )
        if not isinstance(scenario, (str, os.PathLike)):
            # load() would list "a loaded Scenario" among the allowed values
            from orbitcompute.scenario import list_scenarios

            raise InputError(
                f"scenario={short_repr(scenario)}: must be a shipped scenario name "
                f"({', '.join(list_scenarios())}) or a path to a TOML file"
            )
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
    # the optional tools, once the arguments are known to be right and before anything
    # is created or run (a missing Chromium was found only after the first notebook ran)
    require_report_tools()
    if fmt == "pdf" and find_chromium() is None:
        raise InputError(_NO_CHROMIUM)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"output_dir={str(out)!r}: cannot create the directory ({exc})") from None
    from nbconvert import HTMLExporter

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


def _has_outputs(nb: Any) -> bool:
    return any(
        c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count"))
        for c in nb.cells
    )


def notebooks_with_outputs(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """Notebooks that carry outputs or execution counts (they must not be committed so).

    Raises
    ------
    InputError
        ``directory`` is not an existing directory, or a ``*.ipynb`` file in it is
        no readable notebook (naming the file).
    """
    return [p.name for p in list_notebooks(directory) if _has_outputs(_read(p, "directory"))]


def strip_outputs(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """Remove outputs and execution counts from the notebooks; return the names changed.

    Every notebook is read before the first is rewritten, so a bad one leaves all
    of them as they were.

    Raises
    ------
    InputError
        As :func:`notebooks_with_outputs`; or a notebook cannot be written.
    """
    import nbformat

    read = [(p, _read(p, "directory")) for p in list_notebooks(directory)]
    changed = []
    for p, nb in read:
        if not _has_outputs(nb):
            continue
        for c in nb.cells:
            if c.get("cell_type") == "code":
                c.outputs = []
                c.execution_count = None
        try:
            nbformat.write(nb, p)
        except OSError as exc:
            raise InputError(f"directory={str(p)!r}: cannot write the notebook ({exc})") from None
        changed.append(p.name)
    return changed
