"""Run every benchmark script in this folder: ``python -m benchmarks [name ...]``.

Each ``bench_<domain>.py`` is a plain script that prints its own table with ratios against a
baseline measured in the same run. Benchmarks are not tests: they are run by hand or in a
scheduled job, never as part of ``make test``.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    scripts = sorted(here.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(name in s.stem for name in argv)]
    if not scripts:
        print("Geen benchmarks gevonden.", file=sys.stderr)
        return 1
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
