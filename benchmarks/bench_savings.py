"""Benchmark: the savings engine after loading (issue 3 target: one group over all taakvelden
with 1,000 draws in under 50 ms; the optimiser needs ≥ 100,000 group values per second).

Baselines measured in the same run:
* ``estimate``: a plain Python loop over draws and members computing the same gross saving
  (the P50 must agree), so the ratio shows what the vectorisation buys;
* ``group_values``: calling ``group_value`` once per group.

    .venv/bin/python benchmarks/bench_savings.py [--groups 400000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

import numpy as np

from regiokompas.data import load_dataset
from regiokompas.savings import SavingsEngine

TARGET_MS = 50.0
TARGET_GROUPS_PER_S = 100_000
GROUP = ["Gouda", "Waddinxveen", "Bodegraven-Reeuwijk"]


def _timed(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _naive_gross(engine: SavingsEngine, codes: tuple[str, ...], reeksen: tuple[str, ...]) -> float:
    """P50 of the steady-state gross saving with explicit loops (fitted mode, all draws)."""
    a = engine._a  # benchmark only: the arrays the engine computes with
    rows = engine.row_numbers(codes)
    form = engine.form("bedrijfsvoeringsorganisatie")
    total_size = float(a.inwoners[rows].sum())
    totals = []
    for d in range(a.draws.shape[1]):
        gross = 0.0
        for t in a.columns(reeksen):
            if not a.fitted[t]:
                continue
            b1, b2 = a.draws[t, d]
            cap, lo, hi = a.cap[t], a.size_lo[t], min(a.size_hi[t], a.cap[t])
            s_new = math.log(min(max(min(total_size, cap), lo), hi) / 25_000)
            for r in rows:
                s_own = math.log(min(max(min(a.inwoners[r], cap), lo), hi) / 25_000)
                coop = max(a.lasten[r, t], 0.0) * a.deelbaar[t]
                gross += coop * (1 - math.exp(b1 * (s_new - s_own) + b2 * (s_new**2 - s_own**2)))
        totals.append(gross * form.realisatie)
    return float(np.percentile(totals, 50))


def _random_connected_groups(ds, n: int, seed: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    codes = list(ds.gemeenten["gm_code"])
    graph = ds.graph
    groups = []
    for _ in range(n):
        size = int(rng.integers(2, 9))
        group = [codes[int(rng.integers(len(codes)))]]
        while len(group) < size:
            frontier = [
                nb.code for c in group for nb in graph.neighbours(c) if nb.code not in group
            ]
            if not frontier:
                break
            group.append(frontier[int(rng.integers(len(frontier)))])
        groups.append(group)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=20)
    args, _ = parser.parse_known_args()

    t0 = time.perf_counter()
    ds = load_dataset()
    engine = SavingsEngine.from_dataset(ds, mode="fitted")
    literature = SavingsEngine.from_dataset(ds, mode="literature")
    print(f"Laden en schatten (eenmalig): {time.perf_counter() - t0:.2f} s")

    codes = engine.members(GROUP)
    reeksen = engine.taakvelden(None)
    print(f"\nestimate: {', '.join(GROUP)}, {len(reeksen)} taakvelden, 1.000 trekkingen")
    for label, eng in (("fitted", engine), ("literature", literature)):
        eng.estimate(codes, reeksen, draws=1000)  # warm-up
        sec, est = _timed(lambda e=eng: e.estimate(codes, reeksen, draws=1000), args.repeat)
        verdict = "OK" if sec * 1000 < TARGET_MS else "TE TRAAG"
        print(f"  {label:<11} mediaan {sec * 1000:7.1f} ms  (doel < {TARGET_MS:.0f} ms: {verdict})")
    fitted_only = tuple(r for r in reeksen if engine._a.fitted[engine._a.columns([r])[0]])
    sec_fast, est = _timed(lambda: engine.estimate(codes, fitted_only, draws=1000), 5)
    sec_naive, naive_p50 = _timed(lambda: _naive_gross(engine, codes, fitted_only), 1)
    print(
        f"  basislijn (Python-lussen, {len(fitted_only)} geschatte taakvelden): "
        f"{sec_naive * 1000:.0f} ms; engine {sec_fast * 1000:.1f} ms; "
        f"verhouding {sec_naive / sec_fast:.0f}x; P50 bruto gelijk: "
        f"{math.isclose(naive_p50, est.bruto.p50, rel_tol=1e-9)}"
    )

    print(f"\ngroup_values: {args.groups:,} aaneengesloten groepen van 2–8 gemeenten")
    groups = _random_connected_groups(ds, args.groups, seed=1)
    matrix = np.full((len(groups), 8), -1, dtype=np.int64)
    for i, g in enumerate(groups):
        matrix[i, : len(g)] = engine.row_numbers(g)
    for label, tv in (("0.61", ["0.61"]), ("alle", None)):
        sec_codes, _ = _timed(lambda tv=tv: engine.group_values(groups, tv, "bvo"), 1)
        sec_rows, values = _timed(lambda tv=tv: engine.group_values(matrix, tv, "bvo"), 3)
        sample = groups[:2000]
        sec_base, _ = _timed(
            lambda tv=tv, sample=sample: [engine.group_value(g, tv, "bvo") for g in sample], 1
        )
        per_s_rows = len(groups) / sec_rows
        per_s_base = len(sample) / sec_base
        ok = "OK" if len(groups) / sec_codes >= TARGET_GROUPS_PER_S else "TE TRAAG"
        print(
            f"  taakveld {label:<5} codes: {len(groups) / sec_codes:>10,.0f}/s ({ok})  "
            f"rijnummers: {per_s_rows:>10,.0f}/s  basislijn group_value: {per_s_base:>8,.0f}/s  "
            f"verhouding {per_s_rows / per_s_base:.0f}x"
        )


if __name__ == "__main__":
    main()
