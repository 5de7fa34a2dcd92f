"""Command line: ``orbitcompute SUBCOMMAND ...``.

Each subcommand lives in its own module in this package with two functions,
``register(subparsers)`` and ``run(args) -> int``. Modules import their heavy
dependencies inside ``run`` so that start-up stays fast.

Bad input prints one line, ``orbitcompute: error: ...``, on standard error and
exits with status 2; there is never a traceback for an :class:`InputError`.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Mapping, Sequence

from orbitcompute import __version__
from orbitcompute.errors import InputError

# Subcommand modules, in the order shown by --help. A module that is not
# present yet is skipped.
SUBCOMMANDS = ("compare", "catalog", "eclipse", "sweep", "report", "demo")


def as_options(exc: InputError, names: Mapping[str, str]) -> InputError:
    """``exc`` with the function argument that opens its message named as the command
    line spells it, e.g. ``{"output_dir=": "--output="}``; otherwise ``exc`` itself."""
    text = str(exc)
    for argument, option in names.items():
        if text.startswith(argument):
            return InputError(option + text[len(argument) :])
    return exc


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line and exit status 2."""

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
    for name in SUBCOMMANDS:
        modname = f"orbitcompute.cli.{name}"
        if importlib.util.find_spec(modname) is None:
            continue
        module = importlib.import_module(modname)
        p = module.register(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``orbitcompute`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"orbitcompute: error: {exc}\n")
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
