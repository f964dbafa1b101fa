"""Benchmark: the CLI as cold processes (issue 14: ``--help`` < 0.3 s; ``gemeente``,
``besparing`` (one group, one taakveld), ``kostenmodel``, ``verdeel`` (n ≤ 6) < 1 s each once
the fitted cost model is stored).

Each command runs as a whole new process, as a user starts it, several times after one
warm-up run (which also fills the store of fitted results); the table gives the median wall
time with min–max, the peak memory (max RSS) of the process, the ratio of the medians against
``python -c pass`` measured in the same run (the interpreter's own start-up) and the median CPU
time (user + system, less sensitive than wall time to other work on a shared machine). Wall
time, CPU time and RSS come from ``os.wait4``, the operating system's accounting of each
finished child. ``--referentie SRC`` runs every command also with another version's ``src``
(interleaved) and gives the CPU ratio new/reference from the same run.

    .venv/bin/python benchmarks/bench_cli.py [--runs 7] [--alleen besparing --alleen verdeel]

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
    # No target; reported so that their cold start is watched too.
    ("partners gouda", [CLI, "partners", "gouda"], None),
    (
        "hoofdstuk gouda (docx, zonder figuren)",
        [CLI, "hoofdstuk", "gouda", "--zonder-figuren", "--uit", "hoofdstuk.docx"],
        None,
    ),
]


def run_once(
    argv: list[str], cwd: str, env: dict[str, str] | None = None
) -> tuple[float, float, int, float]:
    """(wall seconds, max RSS in MB, exit status, CPU seconds user + system) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--alleen",
        action="append",
        default=[],
        help="Alleen opdrachten waarvan het label dit bevat (herhaalbaar); de basislijn altijd.",
    )
    parser.add_argument(
        "--referentie",
        metavar="SRC",
        help="Map met de src/ van een andere versie (bv. uit 'git archive'): elke opdracht "
        "draait ook daarmee (PYTHONPATH), om en om met deze versie, en de tabel geeft de "
        "verhouding van de CPU-tijd nieuw/referentie uit dezelfde run.",
    )
    args = parser.parse_args()
    ref_env = None
    if args.referentie:
        ref_env = {**os.environ, "PYTHONPATH": str(Path(args.referentie).resolve())}
    cwd = tempfile.mkdtemp(prefix="rk-bench-cli-")  # the charts land here
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    rows = []
    chosen = [
        c
        for i, c in enumerate(COMMANDS)
        if i == 0 or not args.alleen or any(a in c[0] for a in args.alleen)
    ]
    for label, argv, target in chosen:
        run_once(argv, cwd)  # warm-up: disk cache, and the stored fit on first use
        if ref_env is not None:
            run_once(argv, cwd, ref_env)
        walls, rss, codes, cpus, ref_cpus = [], [], set(), [], []
        for _ in range(args.runs):
            wall, peak, code, cpu = run_once(argv, cwd)
            walls.append(wall)
            rss.append(peak)
            codes.add(code)
            cpus.append(cpu)
            if ref_env is not None:  # interleaved, so both see the same load
                ref_cpus.append(run_once(argv, cwd, ref_env)[3])
        rows.append((label, walls, statistics.median(rss), codes, target, cpus, ref_cpus))
    base = statistics.median(rows[0][1])
    ref_head = f" {'CPU ref':>8} {'nieuw/ref':>9}" if ref_env is not None else ""
    print(
        f"\n{'opdracht':44} {'mediaan':>8} {'min–max':>13} {'× basis':>8} {'RSS MB':>7}"
        f" {'doel':>6} {'exit':>5} {'CPU':>7}{ref_head}"
    )
    for label, walls, rss, codes, target, cpus, ref_cpus in rows:
        med = statistics.median(walls)
        goal = f"<{target:g}s" if target else ""
        flag = "" if target is None else (" ok" if med < target else " BOVEN DOEL")
        cpu = statistics.median(cpus)
        ref = ""
        if ref_cpus:
            ref_cpu = statistics.median(ref_cpus)
            ref = f" {ref_cpu:7.3f}s {cpu / ref_cpu:8.2f}×"
        print(
            f"{label:44} {med:7.3f}s {min(walls):5.2f}–{max(walls):5.2f}s {med / base:7.1f}×"
            f" {rss:7.0f} {goal:>6} {','.join(map(str, sorted(codes))):>5} {cpu:6.3f}s{ref}{flag}"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.2f}; {args.runs} runs per command")


if __name__ == "__main__":
    main()
