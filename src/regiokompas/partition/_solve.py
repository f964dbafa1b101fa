"""Solution of one independent part of the set-packing model, with a proven bound.

Small parts go straight to the MIP solver. Large parts (the national problem) combine standard
pieces: (1) the LP relaxation by column generation gives row duals ``y`` and the Lagrangian
bound ``UB(y) = sum_i y_i + sum_S max(0, rc_S)`` with reduced cost
``rc_S = v(S) - sum_{i in S} y_i``, valid for any ``y >= 0`` on packing rows (Fisher, Mgmt. Sci.
27, 1981). (2) The greedy start (or a greedy packing of the columns) as first incumbent.
(3) A *restricted* MIP over the columns with ``rc_S > -delta``, ``delta`` = 0.1% of ``UB(y)``
(a restricted master problem, as in price-and-branch heuristics: Joncour et al., *Column
generation based primal heuristics*, ENDM 36, 2010). Any solution that uses a column left out
loses at least ``delta`` against ``UB(y)``, so ``max(its MIP bound, UB(y) - delta)`` is a proven
bound for the whole part. (4) Reduced-cost fixing (Nemhauser & Wolsey, *Integer and
Combinatorial Optimization*, 1988): a solution better than the incumbent ``z*`` only uses
columns with ``rc_S > z* - UB(y)``; the MIP over those columns, warm-started with ``z*``, either
proves optimality or leaves its bound, valid for the whole part.

Why (3): the national model at group size 6 has 77,185 columns after dominance, and HiGHS
spends its time on presolve and root cuts before its own heuristics find good solutions
(measured: 49 s to its first solution within 0.1%). Its optimum lies within 0.07% of
``UB(y)``, so the 22,000 columns within 0.1% hold it, and HiGHS finds it there in about 16 s.
The restricted pass gets FIRST_SHARE of the time unless it is already exact (the incumbent lies
within ``delta``); the exact pass gets the rest.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regiokompas._numbers import nl_number
from regiokompas.partition._highs import solve_lp, solve_mip

__all__ = ["PartOutcome", "lagrangian_bound", "share_bound", "solve_part"]

#: Seconds for the LP that bounds a part whose MIP stopped before it had a bound of its own.
LATE_LP_SECONDS = 0.05
#: ... and only for parts this small (building a larger LP alone takes longer than that).
LATE_LP_COLUMNS = 20_000
#: Parts with at most this many columns go straight to the MIP solver.
SMALL_PART = 3_000
#: The first exact pass over a large part keeps only the columns whose reduced cost lies within
#: this share of the LP bound (a restricted master problem). Its bound stays proven: a solution
#: that uses a column with reduced cost ``<= -delta`` is worth at most ``UB - delta``.
RESTRICTED_GAP = 1e-3
#: Share of the time left that this restricted first pass may take; the rest goes to the exact
#: pass over every column that reduced-cost fixing leaves for the (improved) incumbent.
FIRST_SHARE = 0.7
#: MIPs of parts with at most this many gemeenten and columns get the aggregate branching
#: variables (see ``solve_mip``): they help prove regional optima, but slowed the search for
#: good solutions on the national model (measured: land, k=5), and their two dense rows make
#: HiGHS's presolve slow on big models (measured: 14 s over a 3 s limit, 53,223 columns).
AGGREGATE_ROWS = 60
AGGREGATE_COLUMNS = 20_000

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
    infeasible: bool = False


def solve_part(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    *,
    deadline: float,
    threads: int = 1,
    rel_gap: float = 1e-6,
    progress: Progress | None = None,
    start: NDArray[np.int64] | None = None,
) -> PartOutcome:
    """Maximise ``sum v(S) x_S`` over disjoint columns (rows in ``equal`` must be covered).

    ``groups`` uses local row numbers ``0..len(equal)-1``; ``deadline`` is a
    ``time.perf_counter()`` value; ``start`` is an optional feasible set of columns (e.g. from
    the greedy merge). The outcome always carries a finite proven bound: where the solver
    stopped before it had one (a very short time limit), :func:`share_bound`.
    """
    outcome = _solve_part(
        groups,
        values,
        equal,
        deadline=deadline,
        threads=threads,
        rel_gap=rel_gap,
        progress=progress,
        start=start,
    )
    if outcome.optimal or outcome.infeasible:
        return outcome
    # All are proven bounds, so is their minimum; the solver's is infinite when it stopped
    # before its first LP (measured: 0.1 s on a veiligheidsregio of 14 gemeenten under load).
    bound = min(outcome.bound, share_bound(groups, values, equal))
    if outcome.lp_bound is None and 0 < len(groups) <= LATE_LP_COLUMNS:
        # A short LP (HiGHS's dual simplex; tens of ms on a veiligheidsregio) gives a much
        # tighter bound than the shares, and than a MIP stopped early (VR19 at 0.1 s: HiGHS
        # 1690.3 against an optimum near 894): the Lagrangian bound holds for any row prices.
        lp = solve_lp(groups, values, equal, time_limit=LATE_LP_SECONDS, threads=threads)
        bound = min(bound, lagrangian_bound(groups, values, equal, lp.duals))
    if np.isfinite(outcome.objective):
        bound = max(bound, outcome.objective)
    return dataclasses.replace(outcome, bound=bound)


def share_bound(
    groups: NDArray[np.int32], values: NDArray[np.float64], equal: NDArray[np.bool_]
) -> float:
    """A proven upper bound without any solver: ``sum_i y_i`` with ``y_i`` the best share
    ``v(S) / |S|`` of a column containing row ``i`` (at least 0 where ``i`` may stay alone).

    ``y`` is dual feasible (``sum_{i in S} y_i >= |S| * v(S) / |S| = v(S)`` for every column),
    so by LP duality ``sum_i y_i`` bounds the LP relaxation and therefore every packing.

    >>> import numpy as np
    >>> share_bound(np.array([[0, 1], [1, 2]]), np.array([4.0, 2.0]), np.zeros(3, bool))
    5.0
    """
    n_rows = len(equal)
    if len(groups) == 0:
        return 0.0
    sizes = np.maximum((groups >= 0).sum(axis=1), 1)
    share = np.repeat(values / sizes, groups.shape[1])
    rows = groups.reshape(-1)
    valid = rows >= 0
    best = np.full(n_rows, -np.inf)
    np.maximum.at(best, rows[valid], share[valid])
    best = np.where(equal, best, np.maximum(best, 0.0))
    # A row that must be covered but lies in no column makes the model infeasible; its share
    # is then irrelevant, and 0 keeps the bound finite.
    best[~np.isfinite(best)] = 0.0
    return float(best.sum())


def lagrangian_bound(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    prices: NDArray[np.float64],
) -> float:
    """``UB(y) = sum_i y_i + sum_S max(0, v(S) - sum_{i in S} y_i)``, a proven upper bound for
    any row prices ``y`` (negative prices on packing rows are raised to 0 first; Fisher 1981).

    >>> import numpy as np
    >>> lagrangian_bound(np.array([[0, 1], [1, 2]]), np.array([4.0, 2.0]), np.zeros(3, bool),
    ...                  np.array([2.0, 2.0, 0.0]))
    4.0
    """
    if len(prices) != len(equal) or not np.all(np.isfinite(prices)):
        return float("inf")
    padded = np.concatenate([np.where(equal, prices, np.maximum(prices, 0.0)), [0.0]])
    rc = values - padded[groups].sum(axis=1)
    return float(padded.sum() + np.maximum(rc, 0.0).sum())


def _solve_part(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    *,
    deadline: float,
    threads: int = 1,
    rel_gap: float = 1e-6,
    progress: Progress | None = None,
    start: NDArray[np.int64] | None = None,
) -> PartOutcome:
    if start is not None and not _feasible(groups, start, equal):
        start = None
    aggregates = len(equal) <= AGGREGATE_ROWS
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
            aggregates=aggregates and m <= AGGREGATE_COLUMNS,
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
        # The LP ran out of time, but its last row prices still give a proven bound (any
        # prices do), usually far below the shares' (measured: country, k=6, 5 s per draw).
        outcome = direct_mip(start)
        late = lagrangian_bound(groups, values, equal, lp.duals)
        if np.isfinite(late):
            bound = max(min(outcome.bound, late), outcome.objective)
            return dataclasses.replace(outcome, bound=bound, lp_bound=late)
        return outcome
    padded = np.concatenate([np.where(equal, lp.duals, np.maximum(lp.duals, 0.0)), [0.0]])
    rc = values - padded[groups].sum(axis=1)
    upper = float(padded.sum() + np.maximum(rc, 0.0).sum())
    if progress:
        progress(f"LP-grens {nl_number(upper, 1)}")
    x = lp.x
    if np.all((x < 1e-7) | (x > 1 - 1e-7)):
        chosen = np.flatnonzero(x > 0.5).astype(np.int64)
        if _feasible(groups, chosen, equal):
            return _outcome(chosen, values, upper, True, "lp-integraal", m, upper)

    # The greedy start; LP rounding with a sub-MIP over what it leaves free (RENS) was tried
    # here and measured: no better result at 57 s, and at 12 s it ate the time the restricted
    # pass needed (country, k=6: 5.4% gap instead of 0.033%).
    incumbent = start
    if incumbent is None and not equal.any():
        incumbent = greedy_packing(groups, values, n_rows)
    best = float(values[incumbent].sum()) if incumbent is not None else -np.inf
    tolerance = 1e-9 * max(1.0, abs(upper))
    # Pass 1 keeps the columns within RESTRICTED_GAP of the LP bound; if the incumbent is closer
    # than that, it is plain reduced-cost fixing (exact) and gets all the time. Pass 2, if
    # needed, is exact: every column that reduced-cost fixing leaves for the new incumbent.
    delta = min(upper - best, RESTRICTED_GAP * max(abs(upper), 1.0))
    bound = upper
    for first in (True, False):
        if incumbent is not None and upper - best <= rel_gap * max(abs(upper), 1e-9):
            return PartOutcome(incumbent, best, upper, True, "lp", 0, upper)
        exact = delta >= upper - best - tolerance  # also when there is no incumbent yet
        alive = rc > -delta - tolerance
        if incumbent is not None:
            alive[incumbent] = True
        cols = np.flatnonzero(alive)
        mip = solve_mip(
            groups[cols],
            values[cols],
            equal,
            time_limit=_left(deadline) * (FIRST_SHARE if first and not exact else 1.0),
            threads=threads,
            start=None if incumbent is None else np.searchsorted(cols, incumbent),
            rel_gap=rel_gap,
            aggregates=aggregates and len(cols) <= AGGREGATE_COLUMNS,
        )
        if mip.has_solution and mip.objective > best:
            incumbent, best = cols[mip.chosen], mip.objective
        # A solution that uses a column left out is worth at most ``upper - delta``.
        bound = min(bound, max(mip.bound, upper - delta, best))
        if progress:
            progress(
                f"{nl_number(len(cols))} kolommen: {nl_number(best, 1)} "
                f"(grens {nl_number(bound, 1)})"
            )
        if exact:  # had all the time it could get
            break
        if incumbent is not None and delta >= upper - best - tolerance and mip.optimal:
            return PartOutcome(incumbent, best, best, True, "lp", len(cols), upper)
        delta = upper - best if incumbent is not None else np.inf
    if incumbent is None:
        infeasible = mip.infeasible and exact
        return _outcome(None, values, bound, False, "lp", len(cols), upper, infeasible=infeasible)
    optimal = mip.optimal and exact
    return PartOutcome(incumbent, best, best if optimal else bound, optimal, "lp", len(cols), upper)


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
