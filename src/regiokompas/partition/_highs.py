"""Thin helpers around highspy for the set-packing / set-partitioning models.

Model (Garfinkel & Nemhauser, *The set-partitioning problem*, Oper. Res. 17, 1969; here in its
packing form because singletons are free): one binary column per connected group ``S`` with
value ``v(S)`` and one row per gemeente, ``sum_{S ∋ i} x_S <= 1`` (``= 1`` for gemeenten that
may not stay alone). Solved with HiGHS (Huangfu & Hall, Math. Prog. Comp. 10, 2018).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
from numpy.typing import NDArray

from regiokompas._highs import SOLVER_THREADS, new_highs

__all__ = ["LpSolution", "MipSolution", "solve_lp", "solve_mip"]

#: Above this many columns per row, MIPs run without HiGHS's presolve (see ``solve_mip``).
PRESOLVE_MAX_RATIO = 400


def _new_highs(time_limit: float | None, threads: int) -> Any:
    # Made by the process-wide factory (no banner, the shared thread count). HiGHS sizes one
    # global scheduler by the first solver that runs; asking for another count later fails, so
    # a non-default ``threads`` is only safe in a process that runs nothing else (the CLI).
    h = new_highs(time_limit)
    if threads != SOLVER_THREADS:
        h.setOptionValue("threads", int(threads))
    return h


def _add_model(
    h: Any,
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
) -> None:
    n_rows = len(equal)
    lower = np.where(equal, 1.0, -highspy.kHighsInf).astype(np.float64)
    upper = np.ones(n_rows, dtype=np.float64)
    h.addRows(
        n_rows,
        lower,
        upper,
        0,
        np.zeros(0, np.int32),
        np.zeros(0, np.int32),
        np.zeros(0, np.float64),
    )
    _add_columns(h, groups, values)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)


def _add_columns(h: Any, groups: NDArray[np.int32], values: NDArray[np.float64]) -> None:
    valid = groups >= 0
    sizes = valid.sum(axis=1)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int32)
    index = groups[valid].astype(np.int32)  # row-major: each column's members in turn
    m = len(groups)
    h.addCols(
        m,
        values.astype(np.float64),
        np.zeros(m),
        np.full(m, highspy.kHighsInf),
        int(index.size),
        starts,
        index,
        np.ones(index.size),
    )


@dataclass(frozen=True)
class LpSolution:
    """LP relaxation: primal values, row duals, and the solver status."""

    x: NDArray[np.float64]
    duals: NDArray[np.float64]
    objective: float
    optimal: bool


def solve_lp(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    *,
    time_limit: float | None,
    threads: int = 1,
    initial: int | None = None,
) -> LpSolution:
    """Solve the LP relaxation by column generation over the given pool of columns.

    The LP starts from the ``initial`` columns of highest value per member (all columns when
    None or when the pool is small) and adds the columns of highest positive reduced cost
    until none is left (Gilmore & Gomory, Oper. Res. 9, 1961; here pricing is a vectorised
    scan of the enumerated pool). Duals are returned with the sign of a maximisation.
    """
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    m = len(groups)
    sizes = np.maximum((groups >= 0).sum(axis=1), 1)
    if initial is None or initial >= m:
        active = np.arange(m)
    else:
        active = np.sort(np.argsort(-values / sizes, kind="stable")[:initial])
    h = _new_highs(time_limit, threads)
    _add_model(h, groups[active], values[active], equal)
    in_model = np.zeros(m, dtype=bool)
    in_model[active] = True
    order: list[int] = [int(i) for i in active]
    padded = np.zeros(len(equal) + 1)
    while True:
        if deadline is not None:
            h.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.01))
        h.run()
        optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        sol = h.getSolution()
        duals = np.asarray(sol.row_dual, dtype=np.float64)
        if len(duals) and duals[~equal].size and np.median(duals[~equal]) < 0:
            duals = -duals  # HiGHS reports duals of a maximisation with the opposite sign
        if not optimal:
            break
        padded[:-1] = np.where(equal, duals, np.maximum(duals, 0.0))
        rc = values - padded[groups].sum(axis=1)
        rc[in_model] = -np.inf
        new = np.flatnonzero(rc > 1e-7)
        if len(new) == 0:
            break
        batch = max(2 * len(equal), 500)
        if len(new) > batch:
            new = new[np.argsort(-rc[new], kind="stable")[:batch]]
        new = np.sort(new)
        _add_columns(h, groups[new], values[new])
        in_model[new] = True
        order.extend(new.tolist())
    x = np.zeros(m)
    x[np.asarray(order, dtype=np.int64)] = np.asarray(sol.col_value, dtype=np.float64)
    return LpSolution(x, duals, float(h.getInfo().objective_function_value), optimal)


@dataclass(frozen=True)
class MipSolution:
    """Integer solution (chosen columns), its value, the solver's proven bound, and status."""

    chosen: NDArray[np.int64]
    objective: float
    bound: float
    optimal: bool
    has_solution: bool
    infeasible: bool = False


def solve_mip(
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    equal: NDArray[np.bool_],
    *,
    time_limit: float | None,
    threads: int = 1,
    start: NDArray[np.int64] | None = None,
    rel_gap: float = 1e-9,
    aggregates: bool = True,
    presolve: bool | None = None,
) -> MipSolution:
    """Solve the integer model; ``start`` is an optional feasible set of column indices.

    ``presolve`` None: HiGHS's presolve unless the model has very many columns per row.
    With ``aggregates`` two general integer variables are added: the number of groups
    ``g = sum_S x_S`` and the number of gemeenten in a group ``c = sum_S |S| x_S``. They change
    neither the feasible set nor the optimum, but give the solver a branching direction that
    splits the LP's fractional "4.3 groups" in one step (branching on aggregate variables, as
    on the number of vehicles in routing: Desrochers, Desrosiers & Solomon, Oper. Res. 40, 1992).
    With them comes one cut: at most ``floor(n / k)`` columns of the largest size ``k`` (a
    rank-1 Chvátal–Gomory cut of the packing rows with multipliers ``1/k``). Where the value of a
    group is a sum over its members minus one governance cost per group (the literature priors
    without a schaalgrens), the LP likes ``n / k`` groups of size ``k``, which no partition has
    when ``k`` does not divide ``n``; measured on Utrecht (26 gemeenten, afval 7.3, k=6): proven
    optimal in 6.7 s instead of not within 10 s.
    """
    m = len(groups)
    h = _new_highs(time_limit, threads)
    if presolve is False or (presolve is None and m > PRESOLVE_MAX_RATIO * max(len(equal), 1)):
        # HiGHS's presolve does not stop at the time limit; on models with very many columns
        # per row it overran a 3 s limit by 10 s (Zuid-Holland, taakveld 7.3, 53,223 columns,
        # 50 rows) and found nothing, while without presolve it kept to the limit.
        h.setOptionValue("presolve", "off")
    h.setOptionValue("mip_rel_gap", float(rel_gap))
    h.setOptionValue("mip_abs_gap", 1e-7)
    _add_model(h, groups, values, equal)
    n_rows = len(equal)
    sizes = (groups >= 0).sum(axis=1).astype(np.float64)
    extra = 2 if aggregates and m else 0
    if extra:
        h.addCols(
            2,
            np.zeros(2),
            np.zeros(2),
            np.full(2, float(n_rows)),
            0,
            np.zeros(2, np.int32),
            np.zeros(0, np.int32),
            np.zeros(0),
        )
        cols = np.arange(m, dtype=np.int32)
        for k, coef in enumerate((np.ones(m), sizes)):
            index = np.concatenate([cols, [m + k]]).astype(np.int32)
            h.addRow(0.0, 0.0, m + 1, index, np.concatenate([coef, [-1.0]]))
        # At most floor(n / k) disjoint groups of the largest size k fit in n gemeenten.
        top = np.flatnonzero(sizes == sizes.max()).astype(np.int32)
        h.addRow(
            -highspy.kHighsInf, float(n_rows // int(sizes.max())), len(top), top, np.ones(len(top))
        )
    if m:
        h.changeColsIntegrality(
            m + extra,
            np.arange(m + extra, dtype=np.int32),
            np.full(m + extra, highspy.HighsVarType.kInteger, dtype=np.uint8),
        )
    if start is not None and len(start):
        index = start.astype(np.int32)
        value = np.ones(len(start))
        if extra:
            index = np.concatenate([index, [m, m + 1]]).astype(np.int32)
            value = np.concatenate([value, [float(len(start)), float(sizes[start].sum())]])
        h.setSolution(len(index), index, value)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    has_solution = int(info.primal_solution_status) == 2  # kSolutionStatusFeasible
    if has_solution:
        x = np.asarray(h.getSolution().col_value, dtype=np.float64)[:m]
        chosen = np.flatnonzero(x > 0.5).astype(np.int64)
        objective = float(values[chosen].sum())
    else:
        chosen = np.zeros(0, dtype=np.int64)
        objective = -np.inf
    bound = float(info.mip_dual_bound) if m else 0.0
    optimal = status == highspy.HighsModelStatus.kOptimal
    if has_solution and np.isfinite(bound):
        bound = max(bound, objective)
    infeasible = status == highspy.HighsModelStatus.kInfeasible
    return MipSolution(chosen, objective, bound, bool(optimal), has_solution, bool(infeasible))
