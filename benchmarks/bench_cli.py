"""Benchmark: the CLI as cold processes (issue 14: ``--help`` < 0.3 s; ``gemeente``,
``besparing`` (one group, one taakveld), ``kostenmodel``, ``verdeel`` (n ≤ 6) < 1 s each once
the fitted cost model is stored).

Each command runs as a whole new process, as a user starts it, several times after one
warm-up run (which also fills the store of fitted results); the table gives the median wall
time with min–max, the peak memory (max RSS) of the process, and the ratio of the medians
against ``python -c pass`` measured in the same run (the interpreter's own start-up). Wall time
and RSS come from ``os.wait4``, the operating system's accounting of each finished child.

    .venv/bin/python benchmarks/bench_cli.py [--runs 7]

The machine's load matters (shared CPUs inflate every figure alike); quote the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CLI = str(BIN / "regiokompas")

#: (label, argv, target in seconds or None)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("python -c pass (basislijn)", [sys.executable, "-c", "pass"], None),
    ("regiokompas --help", [CLI, "--help"], 0.3),
    ("regiokompas gemeente amsterdam", [CLI, "gemeente", "amsterdam"], 1.0),
    (
        "besparing (3 gemeenten, 0.61)",
        [
            CLI,
            "besparing",
            "--gemeenten",
            "Gouda,Waddinxveen,Bodegraven-Reeuwijk",
            "--taakveld",
            "0.61",
        ],
        1.0,
    ),
    (
        "besparing met één gemeente (fout)",
        [CLI, "besparing", "--gemeenten", "Gouda", "--taakveld", "0.61"],
        1.0,
    ),
    (
        "kostenmodel --taakveld 7.3 --geen-grafiek",
        [CLI, "kostenmodel", "--taakveld", "7.3", "--geen-grafiek"],
        1.0,
    ),
    ("kostenmodel --taakveld 7.3 (met grafiek)", [CLI, "kostenmodel", "--taakveld", "7.3"], None),
    (
        "verdeel (3 gemeenten, 0.4)",
        [CLI, "verdeel", "--gemeenten", "Gouda,Waddinxveen,Zuidplas", "--taakveld", "0.4"],
        1.0,
    ),
    (
        "verdeel (6 gemeenten, 0.4)",
        [
            CLI,
            "verdeel",
            "--gemeenten",
            "Gouda,Waddinxveen,Zuidplas,Bodegraven-Reeuwijk,Krimpenerwaard,Alphen aan den Rijn",
            "--taakveld",
            "0.4",
        ],
        1.0,
    ),
]


def run_once(argv: list[str], cwd: str) -> tuple[float, float, int]:
    """(wall seconds, max RSS in MB, exit status) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cwd = tempfile.mkdtemp(prefix="rk-bench-cli-")  # the charts land here
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    rows = []
    for label, argv, target in COMMANDS:
        run_once(argv, cwd)  # warm-up: disk cache, and the stored fit on first use
        walls, rss, codes = [], [], set()
        for _ in range(args.runs):
            wall, peak, code = run_once(argv, cwd)
            walls.append(wall)
            rss.append(peak)
            codes.add(code)
        rows.append((label, walls, statistics.median(rss), codes, target))
    base = statistics.median(rows[0][1])
    print(
        f"\n{'opdracht':44} {'mediaan':>8} {'min–max':>13} {'× basis':>8} {'RSS MB':>7}"
        f" {'doel':>6} {'exit':>5}"
    )
    for label, walls, rss, codes, target in rows:
        med = statistics.median(walls)
        goal = f"<{target:g}s" if target else ""
        flag = "" if target is None else (" ok" if med < target else " BOVEN DOEL")
        print(
            f"{label:44} {med:7.3f}s {min(walls):5.2f}–{max(walls):5.2f}s {med / base:7.1f}×"
            f" {rss:7.0f} {goal:>6} {','.join(map(str, sorted(codes))):>5}{flag}"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.2f}; {args.runs} runs per command")


if __name__ == "__main__":
    main()
