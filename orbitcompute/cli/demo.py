"""``orbitcompute demo``: the main job on the embedded default scenario."""

from __future__ import annotations

import argparse
import importlib.util


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return sub.add_parser(
        "demo",
        help="run the main job on the embedded default scenario",
        description="Runs the default gigawatt comparison; until the comparison exists, "
        "prints the reference catalog summary.",
    )


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("orbitcompute.cli.compare") is not None:
        from orbitcompute.cli import main

        return main(["compare"])
    from orbitcompute.cli.catalog import summary_text

    print(summary_text())
    return 0
