"""Command line: ``orbitcompute SUBCOMMAND ...``.

Each subcommand lives in its own module in this package with two functions,
``register(subparsers)`` and ``run(args) -> int``. Modules import their heavy
dependencies inside ``run`` so that start-up stays fast.

Bad input prints one line, ``orbitcompute: error: ...``, on standard error and
exits with status 2; there is never a traceback for an :class:`InputError`.
Messages name the option as typed (``--altitude-km=-5: ...``), not the Python
argument behind it (:func:`as_options`). No command at all is such an error too.
A standard output whose encoding lacks a symbol printed (``±``, ``…``) gets an
ASCII spelling (``+/-``, ``...``) instead of a crash.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from orbitcompute import __version__
from orbitcompute.errors import InputError

# Subcommand modules, in the order shown by --help. A module that is not
# present yet is skipped.
SUBCOMMANDS = ("compare", "catalog", "eclipse", "sweep", "report", "demo")


def as_options(exc: InputError, names: Mapping[str, str], *, advice: bool = False) -> InputError:
    """``exc`` with the function arguments that open its message named as the command
    line spells them, e.g. ``{"output_dir=": "--output="}``; otherwise ``exc`` itself.

    The opening is the text before the first ``": "``; each of its comma-separated
    parts that starts with an argument is renamed (``"days=1e9, step_s=60: ..."``
    becomes ``"--days=1e9, --step-s=60: ..."``). Nothing is renamed unless the
    message opens with one of ``names``.

    With ``advice=True`` the rest of such a message names the options too, where
    it spells an argument whose name has an underscore (``"use chunk_size >= 4"``
    becomes ``"use --chunk-size >= 4"``). Only those are renamed: a plain word such
    as ``days`` or ``n`` may be prose, and a dotted ``memphis.step_s`` is a key.
    """
    text = str(exc)
    if not any(text.startswith(argument) for argument in names):
        return exc
    head, sep, tail = text.partition(": ")
    parts = head.split(", ")
    for i, part in enumerate(parts):
        for argument, option in names.items():
            if part.startswith(argument):
                parts[i] = option + part[len(argument) :]
                break
    if advice:
        for argument, option in names.items():
            bare = argument.rstrip("= ")
            if "_" in bare and bare.isidentifier():
                pattern = rf"(?<![\w.-]){re.escape(bare)}\b"
                tail = re.sub(pattern, option.rstrip("= "), tail)
    return InputError(", ".join(parts) + sep + tail)


#: ASCII spellings of the few non-ASCII symbols the commands print, for a terminal
#: or pipe whose encoding lacks them (e.g. ``PYTHONIOENCODING=ascii``).
ASCII_FALLBACK = {
    "\u00b1": "+/-",
    "\u2026": "...",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00d7": "x",
    "\u00b0": " deg",
    "\u2192": "->",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
}


def _ascii_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: ASCII spellings for what the stream cannot encode."""
    import unicodedata

    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        if ch in ASCII_FALLBACK:
            out.append(ASCII_FALLBACK[ch])
        else:  # an accented letter keeps its letter; anything else becomes "?"
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(base or "?")
    return "".join(out), exc.end


def _encodable_stdout() -> str | None:
    """Make stdout print what its encoding lacks in ASCII; return its old ``errors``."""
    import codecs

    stream = sys.stdout
    encoding = getattr(stream, "encoding", None)
    if not encoding or not hasattr(stream, "reconfigure"):
        return None
    try:
        "".join(ASCII_FALLBACK).encode(encoding)
        return None  # e.g. UTF-8: every symbol prints as it is
    except (UnicodeEncodeError, LookupError):
        pass
    try:
        codecs.lookup_error("orbitcompute-ascii")
    except LookupError:
        codecs.register_error("orbitcompute-ascii", _ascii_fallback)
    old = stream.errors
    stream.reconfigure(errors="orbitcompute-ascii")
    return old


#: What reads as a negative number, not an option: argparse's own pattern (``-5``,
#: ``-.5``) misses the float spellings ``-1e6``, ``-inf`` and ``-nan``, which it took
#: for an unknown option (``--bounds -1e6 1e6``: "expected 2 arguments").
NEGATIVE_NUMBER = re.compile(
    r"^-(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$|^-(?:inf|infinity|nan)$", re.IGNORECASE
)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line and exit status 2, and that reads
    every float spelling of a negative number as a value (:data:`NEGATIVE_NUMBER`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="orbitcompute",
        description="Where should the next gigawatt of AI compute go? "
        "Compare terrestrial sites and orbits on physics, cost and time.",
    )
    parser.add_argument("--version", action="version", version=f"orbitcompute {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    names = []
    for name in SUBCOMMANDS:
        modname = f"orbitcompute.cli.{name}"
        if importlib.util.find_spec(modname) is None:
            continue
        module = importlib.import_module(modname)
        p = module.register(sub)
        p.set_defaults(_run=module.run)
        names.append(name)
    parser.set_defaults(_commands=tuple(names))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``orbitcompute`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        sys.stderr.write(
            f"orbitcompute: error: a command is required: {', '.join(args._commands)} "
            "('orbitcompute --help' describes them)\n"
        )
        return 2
    errors = _encodable_stdout()
    try:
        return int(args._run(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"orbitcompute: error: {exc}\n")
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
    finally:
        if errors is not None:
            try:
                sys.stdout.reconfigure(errors=errors)  # type: ignore[union-attr]
            except (OSError, ValueError):  # a closed or broken stream
                pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
