"""Benchmark: the collegeprogramma chapter for a sample of 20 gemeenten, in all formats.

Target (issue 7): under 5 s per gemeente. Per gemeente it times ``build_chapter`` (with map
and charts, and the engines where installed) plus rendering DOCX, PDF, HTML and Markdown.
Baseline in the same run: ``gemeente_profile`` for the same gemeente (the bare numbers),
so the ratio shows what the chapter adds. The first chapter is timed separately: it carries
the one-off start-up (geometry, engine set-up) that a long-running web process pays once.

    .venv/bin/python benchmarks/bench_report.py [--n 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from regiokompas.data import load_dataset
from regiokompas.profile import gemeente_profile
from regiokompas.report import FORMATS, build_chapter, engine_status, render

TARGET_S = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args, _ = parser.parse_known_args()  # also runs under `python -m benchmarks report`

    t0 = time.perf_counter()
    ds = load_dataset()
    load_s = time.perf_counter() - t0
    codes = sorted(ds.gemeenten["gm_code"])
    sample = ["GM0513", "GM0363", "GM0096"]  # Gouda, Amsterdam (largest), Vlieland (smallest)
    rest = [c for c in codes if c not in sample]
    sample += random.Random(args.seed).sample(rest, max(0, args.n - len(sample)))
    sample = sample[: args.n]
    names = ds.gemeenten.set_index("gm_code")["naam"]

    parts = ", ".join(f"{n}={'ja' if ok else 'nee'}" for n, ok in engine_status())
    print(f"Engines: {parts}")
    print(f"Bundel laden: {load_s:.2f} s")
    t0 = time.perf_counter()
    first = build_chapter(ds, sample[0])
    for fmt in FORMATS:
        render(first, fmt)
    print(
        f"Eerste hoofdstuk ({names[sample[0]]}, incl. eenmalige opstart): "
        f"{time.perf_counter() - t0:.2f} s\n"
    )

    header = f"{'gemeente':<28}{'profiel s':>10}{'hoofdstuk s':>12}{'render s':>10}"
    header += f"{'totaal s':>10}{'cpu s':>8}{'ratio':>8}"
    print(header)
    totals: list[float] = []
    cpus: list[float] = []
    for code in sample:
        t0 = time.perf_counter()
        gemeente_profile(ds, code)
        base = time.perf_counter() - t0
        c0 = time.process_time()
        t0 = time.perf_counter()
        chapter = build_chapter(ds, code)
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        sizes = [len(render(chapter, fmt)) for fmt in FORMATS]
        rendered = time.perf_counter() - t0
        total = built + rendered
        cpu = time.process_time() - c0
        totals.append(total)
        cpus.append(cpu)
        assert all(sizes)
        print(
            f"{names[code][:27]:<28}{base:>10.3f}{built:>12.3f}{rendered:>10.3f}"
            f"{total:>10.3f}{cpu:>8.3f}{total / base:>8.0f}"
        )
    # Wall time is what a user waits; CPU time is the cost without the other load on this
    # shared 2-core machine. The target is judged on wall time.
    print(f"\ncpu: mediaan {statistics.median(cpus):.2f} s, max {max(cpus):.2f} s")
    print(
        f"wandklok: mediaan {statistics.median(totals):.2f} s, max {max(totals):.2f} s "
        f"(doel < {TARGET_S:.0f} s per gemeente): "
        f"{'gehaald' if max(totals) < TARGET_S else 'NIET gehaald'}"
    )


if __name__ == "__main__":
    main()
