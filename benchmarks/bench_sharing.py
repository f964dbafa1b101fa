"""Benchmark of cost sharing: exact Shapley at 20 and 25 players, nucleolus at 15 and 20.

Reference: coopgame-py (Rust, PyPI ``coopgame-py``) on the very same games in this process.
Run with ``.venv/bin/python benchmarks/bench_sharing.py`` (about half a minute on two cores).

Games: stand-alone costs drawn from 10-100, a coalition pays ``(Σ a_i)^0.85`` (scale economies)
plus a random coordination cost of 0-5 per coalition, from a fixed seed, so the structure
resembles the engine's games but without ties that would make the LPs trivial.

Time is the best of three runs (one at 25 players for Shapley and at 20 for the nucleolus),
after a warm-up that takes imports and HiGHS's first-call set-up out of the timings. Memory is
measured apart, in a fresh interpreter per library and task (an allocator that already holds
freed pages would hide growth): the growth of the resident set at its peak during one run,
the same way for both (kernel high-water mark reset through ``/proc/self/clear_refs``); the
game array itself, which both hold before the call (coopgame as its own copy), is not counted.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from regiokompas.sharing import CostGame, nucleolus, shapley_value

try:
    import coopgame
except ImportError:  # pragma: no cover - dev extra not installed
    coopgame = None


def make_game(n: int, seed: int) -> CostGame:
    """The benchmark game; built block by block so 25 players fit in ~0.3 GB."""
    rng = np.random.default_rng(seed)
    alone = rng.uniform(10, 100, n)
    costs = np.zeros(1, dtype=np.float64)
    for a in alone:  # subset sums by doubling
        costs = np.concatenate([costs, costs + a])
    np.power(costs, 0.85, out=costs)
    block = 1 << min(n, 20)
    noise = np.empty(block)
    for start in range(0, 1 << n, block):
        rng.random(out=noise)
        costs[start : start + block] += 5.0 * noise
    costs[0] = 0.0
    costs[1 << np.arange(n)] = alone
    return CostGame(tuple(f"G{i}" for i in range(n)), costs)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def peak_growth_mb(fn: Callable[[], Any]) -> float:
    """Growth of the resident set at its peak while ``fn`` runs (MB), for any allocator.

    Resets the kernel's high-water mark first (``/proc/self/clear_refs`` = 5, Linux >= 4.0);
    where that is not possible, falls back to tracemalloc (numpy buffers only).
    """
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        before = _status_kb("VmRSS")
        fn()
        return (_status_kb("VmHWM") - before) / 1024
    except OSError:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak / 2**20


def measure(fn: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    """Result and best wall time of ``repeat`` runs."""
    best = float("inf")
    out = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return out, best


TASKS: dict[str, Callable[[CostGame], Callable[[], Any]]] = {
    "shapley-ons": lambda g: lambda: shapley_value(g),
    "nucleolus-ons": lambda g: lambda: nucleolus(g),
}
if coopgame is not None:
    TASKS["shapley-coopgame"] = lambda g: (lambda r: lambda: coopgame.shapley(r))(
        coopgame.Game(g.costs[1:])
    )
    TASKS["nucleolus-coopgame"] = lambda g: (lambda r: lambda: coopgame.cost_nucleolus(r))(
        coopgame.Game(g.costs[1:])
    )


def child_memory(task: str, n: int, seed: int) -> float:
    """Peak memory growth of one run of ``task`` in a fresh interpreter (MB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--geheugen", task, str(n), str(seed)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _memory_child(task: str, n: int, seed: int) -> None:
    warm = make_game(4, seed=0)
    TASKS[task.split("-")[0] + "-" + task.split("-")[1]](warm)()  # imports, HiGHS set-up
    game = make_game(n, seed)
    fn = TASKS[task](game)  # coopgame's own copy of the game is made here, before the reset
    print(f"{peak_growth_mb(fn):.1f}")


def row(
    task: str,
    ours: tuple[float, float],
    ref: tuple[float, float] | None,
    diff: float | None,
    note: str = "",
) -> None:
    t, mem = ours
    if ref is None:
        print(f"{task:<22} {t:8.3f} s {mem:8.0f} MB {'–':>10} {'–':>10} {'–':>7} {'–':>9}  {note}")
        return
    rt, rmem = ref
    print(
        f"{task:<22} {t:8.3f} s {mem:8.0f} MB {rt:8.3f} s {rmem:7.0f} MB {rt / t:6.1f}x "
        f"{diff:9.1e}  {note}"
    )


def main() -> int:
    print(
        "Regiokompas sharing vs coopgame-py "
        f"{getattr(coopgame, '__version__', '0.3.0') if coopgame else '(niet geïnstalleerd)'}"
    )
    warm = make_game(4, seed=0)  # imports and first-call set-up (HiGHS) outside the timings
    nucleolus(warm)
    if coopgame is not None:
        coopgame.cost_nucleolus(coopgame.Game(warm.costs[1:]))
    print(
        f"{'taak':<22} {'ons':>10} {'ons piek':>11} {'coopgame':>10} {'piek':>10} "
        f"{'ratio':>7} {'max |Δ|':>9}"
    )
    for n in (20, 25):
        game = make_game(n, seed=n)
        repeat = 3 if n < 25 else 1
        phi, t = measure(lambda g=game: shapley_value(g), repeat)
        mem = child_memory("shapley-ons", n, n)
        assert abs(phi.sum() - game.grand_cost) < 1e-6 * game.grand_cost
        if coopgame is None:
            row(f"Shapley exact n={n}", (t, mem), None, None)
            continue
        ref_game = coopgame.Game(game.costs[1:])
        ref, rt = measure(lambda g=ref_game: coopgame.shapley(g), repeat)
        rmem = child_memory("shapley-coopgame", n, n)
        row(f"Shapley exact n={n}", (t, mem), (rt, rmem), float(np.abs(phi - ref).max()))
        del ref_game
    for n in (15, 20):
        game = make_game(n, seed=100 + n)
        repeat = 3 if n < 20 else 1
        result, t = measure(lambda g=game: nucleolus(g), repeat)
        mem = child_memory("nucleolus-ons", n, 100 + n)
        note = f"{result.lp_solves} LP's, {len(result.levels)} niveaus"
        if coopgame is None:
            row(f"Nucleolus n={n}", (t, mem), None, None, note)
            continue
        ref_game = coopgame.Game(game.costs[1:])
        ref, rt = measure(lambda g=ref_game: coopgame.cost_nucleolus(g), repeat)
        rmem = child_memory("nucleolus-coopgame", n, 100 + n)
        diff = float(np.abs(result.allocation - np.asarray(ref)).max())
        row(f"Nucleolus n={n}", (t, mem), (rt, rmem), diff, note)
    print(
        "ratio = tijd coopgame / tijd ons (>1: wij sneller; beste van 3 onder n=20/25). "
        "piek = groei van het residente geheugen tijdens de berekening, boven het spel zelf. "
        "max |Δ| = grootste verschil tussen beide toedelingen."
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--geheugen":
        _memory_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
