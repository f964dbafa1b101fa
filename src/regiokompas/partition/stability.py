"""Stability map: how often neighbours are grouped, and groups appear, across draws.

For each of ``S`` draws of the savings model (``_scenarios``) the area is partitioned anew with
that draw's values (the set-packing optimiser, each draw with its own bound and gap). Draws are
ordered along their mean effect on the area's groups and solved in that order, each one
warm-started from the previous draw's partition (which often remains optimal or nearly so).
Draws are independent, so contiguous runs of them go to separate processes: the standard
library's process pool by default, or any :class:`concurrent.futures.Executor` — for instance
the one of a Dask cluster (``distributed.Client(address).get_executor()``).

Reported: per neighbour pair the share of draws in which both are in one group, and per group
of a reference partition (normally the robust one) the share of draws in which exactly that
group appears (a bootstrap-style frequency, as in consensus clustering: Monti et al., Machine
Learning 52, 2003).

>>> import numpy as np
>>> from regiokompas.partition import RegionPartitioner
>>> from regiokompas.partition._scenarios import ScenarioValues
>>> def scenarios(groups, nodes):  # a pair saves 3 × rate and costs 1; rates 0, 1, 1, 1
...     pair = ((groups >= 0).sum(axis=1) == 2).astype(float)
...     return ScenarioValues(-pair, 3 * pair[:, None], np.array([[0.0], [1], [1], [1]]),
...                           np.array([1.0]))
>>> model = RegionPartitioner(["A", "B"], [("A", "B")], lambda g, n: np.zeros(len(g)))
>>> stability_map(model, scenarios, workers=1).pairs
(('A', 'B', 0.75),)
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._drawsolve import DrawSolver
from regiokompas.partition._scenarios import ScenarioScorer
from regiokompas.partition.model import PartitionResult, RegionPartitioner

__all__ = ["DrawOutcome", "StabilityResult", "stability_map"]

#: Up to this many candidate groups the draws run in this process: starting two worker
#: processes (each imports numpy, scipy and HiGHS) took 10 s under load, while Utrecht (7,802
#: groups, 0.61, k=6) solves its 100 draws in 2 s in one process.
IN_PROCESS_GROUPS = 20_000
#: One taakveld: bisect over the rate also when the warm LP applies (see ``_solve_run``).
#: Measured (Utrecht, 0.61, k=6, 100 draws, one process, load 10): 3.2 s with 12 solves
#: against 12.9 s for a sweep through every draw; both keep every draw within the tolerance.
BISECT_WITH_LP = True
#: The largest gap of its solved ends up to which a draw between them is not solved again.
ENDS_GAP_CAP = 0.01


@dataclass(frozen=True)
class DrawOutcome:
    """The partition of one draw (groups of two or more), with its value, bound and status."""

    draw: int
    groups: tuple[tuple[str, ...], ...]
    objective: float
    bound: float
    optimal: bool
    method: str = "mip"


@dataclass(frozen=True)
class StabilityResult:
    """Shares over ``draws`` draws: per neighbour pair ``(a, b, share)`` and per group of the
    ``reference`` partition ``(group, share)``; ``proven`` draws were solved to optimality,
    ``max_gap`` is the largest relative gap of the others and ``max_gap_keur`` the largest
    absolute one (k€/yr; a draw worth almost nothing can have a large relative gap)."""

    draws: int
    pairs: tuple[tuple[str, str, float], ...]
    groups: tuple[tuple[tuple[str, ...], float], ...]
    proven: int
    max_gap: float
    max_gap_keur: float = 0.0
    outcomes: tuple[DrawOutcome, ...] = field(repr=False, default=())
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def methods(self) -> dict[str, int]:
        """How many draws each step settled: ``lp`` (an integral LP), ``bekend`` (a known
        or dived partition within the tolerance of the LP bound), ``boom`` (the spanning-tree
        recombination), ``mip``, ``additief`` (additive values: tree search and counting bound)
        or ``bisectie``."""
        return dict(Counter(o.method for o in self.outcomes))


def _params(p: RegionPartitioner) -> dict[str, Any]:
    return {
        "max_size": p.max_size,
        "min_size": p.min_size,
        "together": p.together,
        "apart": p.apart,
        "region_of": p.region_of,
        "threads": p.threads,
        "rel_gap": p.rel_gap,
        "names": p.names,
        "additive": p.additive,
    }


def _no_scorer(groups: NDArray[np.int32], nodes: Sequence[str]) -> NDArray[np.float64]:
    del groups, nodes
    raise RuntimeError("a stability worker solves given values only")  # pragma: no cover


def _solve_run(task: dict[str, Any]) -> list[DrawOutcome]:
    """Solve a run of draws (a worker's job), each warm-started from a neighbouring one."""
    model = task.get("model") or RegionPartitioner(
        task["nodes"], task["edges"], _no_scorer, **task["params"]
    )
    if len(model.candidate_groups()) != len(task["fixed"]):
        raise RuntimeError("the worker enumerated other groups than the caller")
    draws = [int(d) for d in task["draws"]]
    rates = np.asarray(task["multipliers"], dtype=np.float64)
    solved: dict[int, DrawOutcome] = {}
    solver = DrawSolver(
        model, warm_lp=task.get("warm_lp", True), recombination=task.get("recombination", True)
    )
    tolerance = max(float(task["tolerance"]), model.rel_gap)

    def solve(i: int, warm: Sequence[Sequence[str]] | None) -> DrawOutcome:
        values = task["fixed"] + task["loadings"] @ rates[i]
        s = solver.solve(values, time_limit=task["time_limit"], tolerance=tolerance, warm=warm)
        solved[i] = DrawOutcome(draws[i], s.groups, s.objective, s.bound, s.optimal, s.method)
        return solved[i]

    if (solver.usable and not BISECT_WITH_LP) or rates.shape[1] != 1 or len(draws) < 3:
        # In the order of their effect (bundles): the warm LP moves little from one draw to
        # the next, and every partition found so far is tried on the next draw (``DrawSolver``).
        warm: Sequence[Sequence[str]] | None = None
        for i in range(len(draws)):
            warm = solve(i, warm).groups
        return [solved[i] for i in range(len(draws))]
    # Without the LP (min_size > 1, pairs that must share a group) and one taakveld: draw i
    # has values f + a * r_i, and the best total V(r) is a maximum of
    # lines, so convex in r: for r between two solved draws, V(r) <= the interpolated bounds.
    # Each solved partition x is itself a line F(x) + A(x) r, so the better of the two
    # endpoint partitions is a solution there, with that bound. When every draw in between
    # gets a gap within the tolerance this way, none of them needs a solve (with the same
    # partition at both ends and exact ends, they are proven optimal). Bisection over the
    # draws sorted by rate then needs about (number of distinct partitions) x log(S) solves.
    fixed, loadings = task["fixed"], task["loadings"][:, 0]
    lookup: dict[tuple[str, ...], int] = {}

    def line(outcome: DrawOutcome) -> tuple[float, float]:
        if not lookup:
            nodes = model.nodes
            for row, members in enumerate(model.candidate_groups()):
                lookup[tuple(sorted(nodes[j] for j in members if j >= 0))] = row
        rows = [lookup[tuple(sorted(g))] for g in outcome.groups]
        return float(fixed[rows].sum()), float(loadings[rows].sum())

    order = sorted(range(len(draws)), key=lambda i: float(rates[i, 0]))
    stack = [(0, len(order) - 1)]
    solve(order[0], None)
    solve(order[-1], solved[order[0]].groups)
    while stack:
        lo, hi = stack.pop()
        if hi - lo <= 1:
            continue
        a, b = solved[order[lo]], solved[order[hi]]
        (fa, aa), (fb, ab) = line(a), line(b)
        # Where the solved ends themselves kept a gap (time limit), a draw between them is
        # not solved again if interpolation gives it no larger gap than they have: its own
        # solve in the same time would end about there (up to ENDS_GAP_CAP). Every gap stays
        # proven and reported.
        allowed = max(tolerance, min(max(_gap(a), _gap(b)), ENDS_GAP_CAP))
        r_lo, r_hi = float(rates[order[lo], 0]), float(rates[order[hi], 0])
        filled = []
        for k in range(lo + 1, hi):
            r = float(rates[order[k], 0])
            t = (r - r_lo) / (r_hi - r_lo) if r_hi > r_lo else 0.0
            bound = a.bound + t * (b.bound - a.bound)
            value_a, value_b = fa + aa * r, fb + ab * r
            groups, objective = (a.groups, value_a) if value_a >= value_b else (b.groups, value_b)
            bound = max(bound, objective)
            gap = (bound - objective) / max(abs(bound), 1.0)
            if gap > allowed:
                break
            filled.append(
                DrawOutcome(draws[order[k]], groups, objective, bound, gap <= 1e-6, "bisectie")
            )
        else:
            for k, outcome in zip(range(lo + 1, hi), filled, strict=True):
                solved[order[k]] = outcome
            continue
        mid = (lo + hi) // 2
        solve(order[mid], a.groups)
        stack.extend([(lo, mid), (mid, hi)])
    return [solved[i] for i in range(len(draws))]


def _gap(outcome: DrawOutcome) -> float:
    return (outcome.bound - outcome.objective) / max(abs(outcome.bound), 1.0)


def stability_map(
    partitioner: RegionPartitioner,
    scenarios: ScenarioScorer,
    *,
    reference: PartitionResult | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
    time_limit_per_draw: float | None = None,
    tolerance: float = 1e-6,
    warm_lp: bool = True,
    recombination: bool = True,
) -> StabilityResult:
    """Solve every draw of ``scenarios`` and count how often pairs and groups come back.

    ``reference``: the partition whose groups are counted (default: the expected-value
    partition). ``workers``: processes of the default pool (default: the CPU count, at most
    the number of draws; 1 runs in this process); ``executor`` replaces the pool.
    ``time_limit_per_draw``: seconds per draw (default: the model's limit). ``tolerance``:
    the relative gap at which a draw between two solved ones (one taakveld) is taken from
    them without a solve; the default counts only proven optima (``rel_gap`` 1e-6).
    ``warm_lp`` False solves every draw with the optimiser itself (the earlier way; for
    benchmarks); ``recombination`` False leaves out the spanning-tree step of the warm-LP path
    (``_treepack``; for benchmarks).
    """
    start = time.perf_counter()
    groups = partitioner.candidate_groups()
    values = scenarios(groups, partitioner.nodes)
    if reference is None:
        reference = partitioner.solve_values(values.mean())
    s = values.draws
    # Neighbouring draws in this order have similar values, so warm starts carry over.
    order = np.argsort(values.multipliers @ values.loadings.mean(axis=0), kind="stable")
    limit = partitioner.time_limit if time_limit_per_draw is None else time_limit_per_draw
    if workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, s))
    if executor is None and len(groups) <= IN_PROCESS_GROUPS:
        workers = 1
    runs = np.array_split(order, workers)
    base = {
        "nodes": partitioner.nodes,
        "edges": partitioner.edges,
        "params": _params(partitioner),
        "fixed": values.fixed,
        "loadings": values.loadings,
        "time_limit": limit,
        "tolerance": tolerance,
        "warm_lp": warm_lp,
        "recombination": recombination,
    }
    tasks = [{**base, "draws": r, "multipliers": values.multipliers[r]} for r in runs if len(r)]
    prepared = time.perf_counter()
    outcomes: list[DrawOutcome] = []
    if executor is not None:
        for chunk in executor.map(_solve_run, tasks):
            outcomes.extend(chunk)
    elif workers == 1:
        for task in tasks:
            outcomes.extend(_solve_run({**task, "model": partitioner}))
    else:
        context = multiprocessing.get_context("spawn")  # HiGHS threads and fork do not mix
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk in pool.map(_solve_run, tasks):
                outcomes.extend(chunk)
    outcomes.sort(key=lambda o: o.draw)
    return _summarise(partitioner, reference, outcomes, start, prepared)


def _summarise(
    partitioner: RegionPartitioner,
    reference: PartitionResult,
    outcomes: list[DrawOutcome],
    start: float,
    prepared: float,
) -> StabilityResult:
    s = len(outcomes)
    together: Counter[tuple[str, str]] = Counter()
    seen: Counter[frozenset[str]] = Counter()
    for outcome in outcomes:
        for group in outcome.groups:
            members = set(group)
            seen[frozenset(group)] += 1
            for a, b in partitioner.edges:
                if a in members and b in members:
                    together[(a, b)] += 1
    pairs = tuple(
        sorted(
            ((a, b, together[(a, b)] / s) for a, b in partitioner.edges),
            key=lambda p: (-p[2], p[0], p[1]),
        )
    )
    groups = tuple((g, seen[frozenset(g)] / s) for g in reference.groups if len(g) >= 2)
    gaps = [(o.bound - o.objective) / max(abs(o.bound), 1.0) for o in outcomes if not o.optimal]
    end = time.perf_counter()
    return StabilityResult(
        draws=s,
        pairs=pairs,
        groups=groups,
        proven=sum(o.optimal for o in outcomes),
        max_gap=max(gaps, default=0.0),
        max_gap_keur=max((o.bound - o.objective for o in outcomes), default=0.0),
        outcomes=tuple(outcomes),
        timings={"voorbereiden_s": prepared - start, "totaal_s": end - start},
    )
