"""Benchmark: ``orbitcompute compare`` against the peer's ``orbitdc compare``, same run.

Usage: ``.venv/bin/python benchmarks/bench_compare.py [--repeat 5]``

What is timed, as whole commands in fresh processes (start-up and imports included,
best of ``--repeat`` wall times):

- ours: ``orbitcompute compare`` on the default scenario (1 GW; seven terrestrial sites
  and three bottom-up orbital designs, each with a year-long eclipse profile);
- the peer: ``orbitdc compare`` from spacedc-mdao 0.4.2 on the example its README uses
  (``examples/scenarios/orbital_1mw_inference.yaml`` against
  ``earth_hyperscale_baseline.yaml``: one 1 MW orbital design against one terrestrial
  baseline). The peer is installed by ``bench_sweep.ensure_peer`` into
  ``benchmarks/.peer-venv`` on first run, so this project's environment stays clean; its
  two example inputs are written to a temporary directory.

Both commands run from bytecode: the peer's ``.pyc`` files were written when pip
installed it, and ours (an editable install) are written by the warm-up run, so the
commands run with ``PYTHONDONTWRITEBYTECODE`` removed from their environment (this VM
sets it, which made every timed run of ours compile its 50-odd modules from source, about
0.24 s, while the peer's never did).

Prints both times and the ratio peer / ours (goal: >= 1, no slower than the peer while
comparing gigawatt-scale placements with terrestrial sites).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_sweep import ensure_peer  # noqa: E402  (one installer for both benchmarks)

# The peer's README example inputs (spacedc-mdao examples/scenarios at 3e4c146 / 985b387).
PEER_SPACE = """\
name: "1 MW orbital inference cluster"
kind: space
mission_life_years: 5
accelerator: h100_sxm
utilization: 0.85
sustained_fraction: 0.55
discount_rate: 0.08
workload:
  type: llm_inference
  comm_intensity_bits_per_flop: 2.0e-6
space:
  orbit: {type: dawn_dusk_sso, altitude_km: 650.0}
  architecture:
    satellites: 64
    accelerators_per_satellite: 18
    crosslink: optical
    crosslink_gbps: 50000.0
    downlink_gbps: 200.0
    radiator_area_m2_per_sat: 45.0
  it_power_overhead_frac: 0.25
  non_it_power_frac: 0.10
  solar_array: rigid_triple_junction
  battery: li_ion_generic
  launch: current_reusable
  radiator_panel: deployable_osr
  coolant: ammonia_single_phase
  chip_stack: h100_direct_liquid
  thermal_environment: conservative_leo
  thermal_eol: true
  annual_failure_rate: 0.05
  spare_fraction: 0.05
  reset_recovery_availability: 0.99
"""
PEER_EARTH = """\
name: "Hyperscale terrestrial baseline"
kind: earth
mission_life_years: 5
accelerator: h100_sxm
utilization: 0.85
sustained_fraction: 0.55
discount_rate: 0.08
earth:
  n_accelerators: 1152
  pue: 1.10
  energy_price_per_kwh: 0.06
  facility_capex_per_mw_usd: 12000000.0
  availability: 0.995
  it_power_overhead_frac: 0.25
"""


#: The commands' environment: ours with its bytecode cached, as the peer's is (see above).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_wall_time(cmd: list[str], repeat: int) -> float:
    """Minimum wall time of ``repeat`` runs of a command (output discarded)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
        )
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    exe = Path(sys.executable).with_name("orbitcompute")
    ours_cmd = [
        str(exe) if exe.exists() else (shutil.which("orbitcompute") or "orbitcompute"),
        "compare",
    ]
    # warm the file cache and write our bytecode (__pycache__, ignored by git)
    subprocess.run(ours_cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    ours = best_wall_time(ours_cmd, args.repeat)

    py = ensure_peer()
    orbitdc = py.with_name("orbitdc")
    with tempfile.TemporaryDirectory() as tmp:
        space, earth = Path(tmp, "orbital_1mw_inference.yaml"), Path(tmp, "earth.yaml")
        space.write_text(PEER_SPACE)
        earth.write_text(PEER_EARTH)
        peer_cmd = [str(orbitdc), "compare", str(space), str(earth)]
        subprocess.run(peer_cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
        peer = best_wall_time(peer_cmd, args.repeat)

    print(
        f"orbitcompute compare (1 GW, 7 sites + 3 orbital designs): {ours:6.3f} s (best of "
        f"{args.repeat})"
    )
    print(
        f"orbitdc compare (peer README example, 1 MW, 1 + 1 designs):  {peer:6.3f} s (best of "
        f"{args.repeat})"
    )
    print(f"ratio peer / ours = {peer / ours:.2f}  (goal >= 1: no slower than the peer)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
