"""Solution of one independent part of the set-packing model, with a proven bound.

Small parts go straight to the MIP solver. Large parts (the national problem) combine standard
pieces: (1) the LP relaxation by column generation gives row duals ``y`` and the Lagrangian
bound ``UB(y) = sum_i y_i + sum_S max(0, rc_S)`` with reduced cost
``rc_S = v(S) - sum_{i in S} y_i``, valid for any ``y >= 0`` on packing rows (Fisher, Mgmt. Sci.
27, 1981). (2) A primal solution from LP rounding with an exact sub-MIP over the nodes the
rounding leaves free (RENS, Berthold, *RENS*, Math. Prog. Comp. 6, 2014), improved by
large-neighbourhood search: release every group that touches a window of nearby gemeenten and
re-solve that window exactly (Shaw, CP 1998; Pisinger & Ropke, *Large neighborhood search*,
2010). (3) Reduced-cost fixing (Nemhauser & Wolsey, *Integer and Combinatorial Optimization*,
1988): a solution better than the incumbent ``z*`` only uses columns with
``rc_S > z* - UB(y)``; the MIP over those columns, warm-started with ``z*``, either proves
optimality for the whole part or leaves the valid bound ``min(UB(y), max(z*, its bound))``.

Order: LP, rounding (or the greedy start, whichever is better), a first exact attempt over the
surviving columns, then — if that did not finish — the search, then the exact MIP again over
the columns that survive the improved incumbent. Regional parts (<= 60 gemeenten) give most
time to the exact MIPs; the national part gives most to the search (measured, see
docs/optimalisatie.md).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._highs import solve_lp, solve_mip

__all__ = ["PartOutcome", "solve_part"]

#: Parts with at most this many columns go straight to the MIP solver.
SMALL_PART = 3_000
#: Parts with at most this many gemeenten count as regional: proving optimality is their
#: bottleneck, so they get the aggregate branching variables and most time for exact MIPs.
#: Larger (national) parts need good solutions first, so search gets most of their time.
AGGREGATE_ROWS = 60
#: ... and at most this many columns.
AGGREGATE_COLUMNS = 20_000
#: Share of the time left that the first exact attempt (before the search) gets:
#: (regional, national).
FIRST_SHARE = (0.5, 0.05)
#: Share of the time left after the search that the final exact MIP keeps.
FINAL_SHARE = (0.6, 0.2)
#: Nodes per large-neighbourhood window at the start; a window grows by WINDOW_STEP after a
#: full round without improvement (a local optimum for that window size), up to WINDOW_MAX.
WINDOW = 16
WINDOW_STEP = 8
WINDOW_MAX = 48

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PartOutcome:
    """Chosen columns of one part with the objective, a proven bound and what it took."""

    chosen: NDArray[np.int64]
    objective: float
    bound: float
    optimal: bool
    method: str
    columns_final: int
    lp_bound: float | None = None
    windows: int = 0
    infeasible: bool = False


def solve_part(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    adjacency: Sequence[Sequence[int]],
    *,
    deadline: float,
    threads: int = 1,
    rel_gap: float = 1e-6,
    progress: Progress | None = None,
    start: NDArray[np.int64] | None = None,
) -> PartOutcome:
    """Maximise ``sum v(S) x_S`` over disjoint columns (rows in ``equal`` must be covered).

    ``groups`` uses local row numbers ``0..len(equal)-1``; ``adjacency`` is the local graph
    (for the search windows); ``deadline`` is a ``time.perf_counter()`` value; ``start`` is an
    optional feasible set of columns (e.g. from the greedy merge).
    """
    if start is not None and not _feasible(groups, start, equal):
        start = None
    # Aggregate branching variables help prove regional optima but slow the search for good
    # solutions on the national model (measured: land, k=5), so only small parts get them.
    regional = len(equal) <= AGGREGATE_ROWS
    # Their two dense rows make HiGHS's presolve slow on big models (measured: 14 s over a 3 s
    # limit with 53,223 columns), so they are left out there.
    aggregates = regional and len(groups) <= AGGREGATE_COLUMNS
    first_share = FIRST_SHARE[0] if regional else FIRST_SHARE[1]
    final_share = FINAL_SHARE[0] if regional else FINAL_SHARE[1]
    m = len(groups)
    if m == 0:
        return PartOutcome(np.zeros(0, np.int64), 0.0, 0.0, True, "leeg", 0)

    def direct_mip(start: NDArray[np.int64] | None) -> PartOutcome:
        # One MIP over all columns, warm-started from a greedy packing where one is feasible.
        if start is None and not equal.any():
            start = greedy_packing(groups, values, len(equal))
        mip = solve_mip(
            groups,
            values,
            equal,
            time_limit=_left(deadline),
            threads=threads,
            rel_gap=rel_gap,
            start=start,
            aggregates=aggregates,
        )
        chosen = mip.chosen if mip.has_solution else start
        return _outcome(chosen, values, mip.bound, mip.optimal, "mip", m, infeasible=mip.infeasible)

    if m <= SMALL_PART:
        return direct_mip(start)

    n_rows = len(equal)
    lp = solve_lp(
        groups,
        values,
        equal,
        time_limit=_left(deadline) * 0.4,
        threads=threads,
        initial=max(SMALL_PART, 20 * n_rows),
    )
    if not lp.optimal:
        return direct_mip(start)
    padded = np.concatenate([np.where(equal, lp.duals, np.maximum(lp.duals, 0.0)), [0.0]])
    rc = values - padded[groups].sum(axis=1)
    upper = float(padded.sum() + np.maximum(rc, 0.0).sum())
    if progress:
        progress(f"LP-grens {upper:.1f}")
    x = lp.x
    if np.all((x < 1e-7) | (x > 1 - 1e-7)):
        chosen = np.flatnonzero(x > 0.5).astype(np.int64)
        if _feasible(groups, chosen, equal):
            return _outcome(chosen, values, upper, True, "lp-integraal", m, upper)

    incumbent = _rens(groups, values, equal, x, deadline, threads)
    if start is not None and (incumbent is None or values[start].sum() > values[incumbent].sum()):
        incumbent = start
    if incumbent is None and not equal.any():
        incumbent = greedy_packing(groups, values, n_rows)
    best = float(values[incumbent].sum()) if incumbent is not None else -np.inf
    if progress and incumbent is not None:
        progress(f"LP-afronding {best:.1f}")
    windows = 0
    tolerance = 1e-9 * max(1.0, abs(upper))
    first_try = True
    while True:
        if incumbent is None:
            alive = np.ones(m, dtype=bool)
        else:
            alive = rc > best - upper - tolerance
            alive[incumbent] = True
        cols = np.flatnonzero(alive)
        start = None if incumbent is None else np.searchsorted(cols, incumbent)
        if incumbent is not None and upper - best <= rel_gap * max(abs(upper), 1e-9):
            return PartOutcome(incumbent, best, upper, True, "lp+zoeken", len(cols), upper, windows)
        # First a short exact attempt over the columns that survive reduced-cost fixing; when
        # it does not finish, improve the incumbent by search and try again with what is left.
        budget = _left(deadline) * first_share if first_try and incumbent is not None else None
        final = solve_mip(
            groups[cols],
            values[cols],
            equal,
            time_limit=budget if budget is not None else _left(deadline),
            threads=threads,
            start=start,
            rel_gap=rel_gap,
            aggregates=aggregates,
        )
        if final.optimal or not first_try or incumbent is None:
            break
        first_try = False
        if final.has_solution and final.objective > best:
            incumbent, best = cols[final.chosen], final.objective
        incumbent, windows = _lns(
            groups,
            values,
            equal,
            adjacency,
            incumbent,
            deadline - final_share * _left(deadline),
            threads,
            upper,
            rel_gap,
            progress,
        )
        best = float(values[incumbent].sum())
    if final.has_solution and final.objective > best:
        incumbent, best = cols[final.chosen], final.objective
    if incumbent is None:
        return PartOutcome(
            np.zeros(0, np.int64),
            -np.inf,
            upper,
            False,
            "lp+zoeken",
            len(cols),
            upper,
            windows,
            final.infeasible,
        )
    bound = min(upper, max(best, final.bound))
    return PartOutcome(
        incumbent, best, bound, final.optimal, "lp+zoeken+kolomfixatie", len(cols), upper, windows
    )


def greedy_packing(
    groups: NDArray[np.int32], values: NDArray[np.float64], n_rows: int
) -> NDArray[np.int64]:
    """Disjoint columns of positive value, best value per member first (a warm start)."""
    sizes = np.maximum((groups >= 0).sum(axis=1), 1)
    used = np.zeros(n_rows, dtype=bool)
    chosen: list[int] = []
    for col in np.argsort(-values / sizes, kind="stable"):
        if values[col] <= 0:
            break
        members = groups[col][groups[col] >= 0]
        if not used[members].any():
            used[members] = True
            chosen.append(int(col))
    return np.sort(np.asarray(chosen, dtype=np.int64))


def _left(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 0.01)


def _members(groups: NDArray[np.int32], cols: NDArray[np.int64]) -> NDArray[np.int32]:
    rows = groups[cols]
    return rows[rows >= 0]


def _inside(groups: NDArray[np.int32], free: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Columns whose members are all free."""
    padded = np.concatenate([free, [True]])
    return np.flatnonzero(padded[groups].all(axis=1))


def _rens(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    x: NDArray[np.float64],
    deadline: float,
    threads: int,
) -> NDArray[np.int64] | None:
    """Fix the columns the LP takes for more than half and solve the rest exactly.

    Skipped when the rounding fixes too little: the sub-MIP would be the whole problem, and
    HiGHS's presolve on a large model does not stop at the time limit (measured: 12 s over a
    0.8 s limit on Zuid-Holland, taakveld 7.3).
    """
    fixed = np.flatnonzero(x > 0.5).astype(np.int64)
    free = np.ones(len(equal), dtype=bool)
    free[_members(groups, fixed)] = False
    cols = _inside(groups, free)
    if len(fixed) == 0 or len(cols) > 0.5 * len(groups):
        return None
    sub = solve_mip(
        groups[cols],
        values[cols],
        equal & free,
        time_limit=min(_left(deadline) * 0.1, 5.0),
        threads=threads,
        rel_gap=1e-4,
        aggregates=False,
    )
    if sub.has_solution:
        return np.sort(np.concatenate([fixed, cols[sub.chosen]]))
    return None


def _ball(adjacency: Sequence[Sequence[int]], seed: int, size: int) -> list[int]:
    seen = {seed}
    order = [seed]
    queue = deque([seed])
    while queue and len(order) < size:
        for nb in adjacency[queue.popleft()]:
            if nb not in seen:
                seen.add(nb)
                order.append(nb)
                queue.append(nb)
                if len(order) >= size:
                    break
    return order


def _lns(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    adjacency: Sequence[Sequence[int]],
    incumbent: NDArray[np.int64],
    deadline: float,
    threads: int,
    upper: float,
    rel_gap: float,
    progress: Progress | None,
) -> tuple[NDArray[np.int64], int]:
    """Improve ``incumbent`` window by window until the deadline or the largest window size
    has had a full round without improvement."""
    n = len(equal)
    owner = np.full(n, -1, dtype=np.int64)
    for col in incumbent:
        owner[groups[col][groups[col] >= 0]] = col
    best = float(values[incumbent].sum())
    rng = np.random.default_rng(0)

    def seed_order() -> NDArray[np.int64]:
        # Random order (fixed seed): guiding windows by LP disagreement did worse (land, k=6).
        return rng.permutation(n)

    seeds = seed_order()
    windows = 0
    quiet = 0
    position = 0
    size = WINDOW
    while time.perf_counter() < deadline:
        if quiet > n // 8:
            if size >= min(WINDOW_MAX, n):
                break
            size, quiet = size + WINDOW_STEP, 0
        if upper - best <= rel_gap * max(abs(upper), 1e-9):
            break
        if position == n:
            seeds, position = seed_order(), 0
        seed = int(seeds[position])
        position += 1
        window = np.asarray(_ball(adjacency, seed, size), dtype=np.int64)
        released = np.unique(owner[window][owner[window] >= 0])
        free = np.zeros(n, dtype=bool)
        free[window] = True
        free[_members(groups, released)] = True
        free &= np.isin(owner, released) | (owner < 0)
        cols = _inside(groups, free)
        start = np.searchsorted(cols, released)
        sub = solve_mip(
            groups[cols],
            values[cols],
            equal & free,
            time_limit=min(_left(deadline), 1.5),
            threads=threads,
            start=start,
            rel_gap=1e-4,
            aggregates=False,
        )
        windows += 1
        gain = sub.objective - float(values[released].sum()) if sub.has_solution else 0.0
        if gain > 1e-9 * max(1.0, abs(best)):
            owner[free] = -1
            for col in cols[sub.chosen]:
                owner[groups[col][groups[col] >= 0]] = col
            best += gain
            quiet = 0
            if progress:
                progress(f"verbeterd tot {best:.1f} (venster {size}, {windows} vensters)")
        else:
            quiet += 1
    chosen = np.unique(owner[owner >= 0]).astype(np.int64)
    return chosen, windows


def _feasible(
    groups: NDArray[np.int32], chosen: NDArray[np.int64], equal: NDArray[np.bool_]
) -> bool:
    covered = np.bincount(_members(groups, chosen), minlength=len(equal))
    return bool(np.all(covered <= 1) and np.all(covered[equal] == 1))


def _outcome(
    chosen: NDArray[np.int64] | None,
    values: NDArray[np.float64],
    bound: float,
    optimal: bool,
    method: str,
    columns: int,
    lp_bound: float | None = None,
    *,
    infeasible: bool = False,
) -> PartOutcome:
    if chosen is None:
        return PartOutcome(
            np.zeros(0, np.int64),
            -np.inf,
            bound,
            False,
            method,
            columns,
            lp_bound,
            infeasible=infeasible,
        )
    objective = float(values[chosen].sum())
    return PartOutcome(chosen, objective, max(bound, objective), optimal, method, columns, lp_bound)
