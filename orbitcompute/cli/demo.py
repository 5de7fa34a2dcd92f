"""``orbitcompute demo``: the main job on the embedded default scenario."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return sub.add_parser(
        "demo",
        help="run the main job on the embedded default scenario",
        description="Runs the default gigawatt comparison (data/scenarios/gigawatt.toml) "
        "and prints what `orbitcompute compare gigawatt` prints.",
    )


def run(args: argparse.Namespace) -> int:
    from orbitcompute.cli import main

    return main(["compare"])
