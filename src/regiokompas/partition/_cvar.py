"""The partition of maximal CVaR of the total: risk-averse and exact for bundles of taakvelden.

For a bundle (one drawn saving rate per taakveld per draw) the worst draws differ between
partitions, so no single set of column values gives the lower tail of the total (for one
taakveld it does: see ``robust``). The conditional value at risk at level ``alpha`` — the mean
total of the worst ``alpha`` share of the draws — is, by Rockafellar & Uryasev (*Optimization of
conditional value-at-risk*, J. Risk 2, 2000), the optimum of an LP in an auxiliary ``eta`` (the
value at risk) and one shortfall ``u_s >= 0`` per draw:

    CVaR_alpha(Z) = max over eta of  eta - 1/(alpha S) sum_s max(0, eta - Z_s).

With ``Z_s = sum_S v_s(S) x_S`` linear in the partition ``x`` this stays one MIP:

    max  eta - 1/(alpha S) sum_s u_s
    s.t. u_s - eta + sum_S v_s(S) x_S >= 0        (each draw s)
         sum_{S ∋ i} x_S = 1                         (each gemeente i, singletons included)
         x binary, u >= 0, eta free.

HiGHS solves it with a proven bound; a second bound holds always: CVaR never exceeds the mean,
so the expected-value (SAA) optimum's bound bounds it too (used when the MIP stops early).

The model has one dense row per draw, so its size is columns × draws. Columns that can never
help are dropped first, soundly for every draw at once: a group is left out when a fixed
partition of it into smaller candidate groups (the best split at the mean values, rebuilt as a
linear function of the rates) is worth at least as much in *every* draw — replacing the group
by that partition raises the total in every draw, and CVaR is monotone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from regiokompas._highs import new_highs
from regiokompas.partition._dominance import best_split_values
from regiokompas.partition._enumerate import group_sizes
from regiokompas.partition._scenarios import ScenarioValues

__all__ = ["CvarSolution", "cvar_of", "solve_cvar"]

#: Above this many nonzeros in the draw rows (columns × draws after pruning) the MIP is not
#: built: the caller keeps its fallback partition with the proven (SAA) bound. Measured: a
#: province bundle (Utrecht, 0.61 + 7.3, k=6, 100 draws) stays far below it.
MAX_NONZEROS = 4_000_000


@dataclass(frozen=True)
class CvarSolution:
    """Chosen candidate rows, the CVaR of their total, a proven upper bound and the status."""

    rows: NDArray[np.int64]
    objective: float
    bound: float
    optimal: bool
    columns: int
    built: bool


def cvar_of(totals: NDArray[np.float64], alpha: float) -> float:
    """Lower-tail CVaR: the Rockafellar–Uryasev value ``max_eta eta - E[(eta - Z)^+]/alpha``,
    attained at the ``alpha``-quantile; with ``alpha·S`` whole, the mean of the worst draws.

    >>> cvar_of(np.array([5.0, -1.0, 3.0, 0.0]), 0.5)
    -0.5
    """
    z = np.sort(np.asarray(totals, dtype=np.float64))
    return float(np.max(z - _shortfalls(z) / (alpha * len(z))))


def _shortfalls(z: NDArray[np.float64]) -> NDArray[np.float64]:
    """For sorted ``z``: ``sum_s max(0, z_j - z_s)`` for every j. The RU objective is concave
    piecewise linear in eta with kinks at the totals, so its maximum lies at one of them."""
    below = np.concatenate([[0.0], np.cumsum(z)[:-1]])
    return np.asarray(np.arange(len(z)) * z - below, dtype=np.float64)


def _pruned(groups: NDArray[np.int32], values: ScenarioValues) -> NDArray[np.bool_]:
    """Rows worth keeping: not beaten in every draw by one fixed partition into smaller groups."""
    sizes = group_sizes(groups)
    keep = np.ones(len(groups), dtype=bool)
    n = int(groups.max()) + 1 if groups.size else 0
    one = np.flatnonzero(sizes == 1)
    if len(one) != n:  # not every gemeente may stay alone: no pruning against singletons
        return keep
    # Values relative to staying alone, as linear functions of the rates: fixed + loadings·r.
    single_f = np.zeros(n + 1)
    single_l = np.zeros((n + 1, values.loadings.shape[1]))
    single_f[groups[one, 0]] = values.fixed[one]
    single_l[groups[one, 0]] = values.loadings[one]
    fixed = values.fixed - single_f[groups].sum(axis=1)
    loadings = values.loadings - single_l[groups].sum(axis=1)
    mean = fixed + loadings @ values.multipliers.mean(axis=0)
    splits = best_split_values(groups, mean, n)
    if splits is None:
        return keep
    # The best partition of every group at the mean values, rebuilt bottom-up as a line.
    best_f = np.where(sizes == 1, 0.0, fixed)
    best_l = np.where((sizes == 1)[:, None], 0.0, loadings)
    split_f = np.full(len(groups), np.nan)
    split_l = np.full(loadings.shape, np.nan)
    for size in range(2, groups.shape[1] + 1):
        rows = np.flatnonzero((sizes == size) & (splits.part_a >= 0))
        a, b = splits.part_a[rows], splits.part_b[rows]
        split_f[rows] = best_f[a] + best_f[b]
        split_l[rows] = best_l[a] + best_l[b]
        take = splits.value[rows] > mean[rows]
        best_f[rows[take]] = split_f[rows[take]]
        best_l[rows[take]] = split_l[rows[take]]
    has = np.flatnonzero((sizes >= 2) & np.isfinite(split_f))
    # Staying alone is a fixed partition too: a group worth <= 0 in every draw goes.
    for start in range(0, len(groups), 20_000):
        rows = np.arange(start, min(start + 20_000, len(groups)))
        own = fixed[rows][None, :] + values.multipliers @ loadings[rows].T
        alone = np.all(own <= 1e-9, axis=0) & (sizes[rows] >= 2)
        keep[rows[alone]] = False
    for start in range(0, len(has), 20_000):
        rows = has[start : start + 20_000]
        own = fixed[rows][None, :] + values.multipliers @ loadings[rows].T
        other = split_f[rows][None, :] + values.multipliers @ split_l[rows].T
        keep[rows[np.all(own <= other + 1e-9, axis=0)]] = False
    return keep


def solve_cvar(
    groups: NDArray[np.int32],
    values: ScenarioValues,
    *,
    alpha: float,
    start: NDArray[np.int64],
    saa_bound: float,
    time_limit: float,
    rel_gap: float = 1e-6,
) -> CvarSolution:
    """Maximise the CVaR at level ``alpha`` of the total over partitions into candidate rows.

    ``groups``: the candidate groups (every gemeente in some row, singletons included where
    a gemeente may stay alone); ``start``: rows of a feasible partition (the warm start, and the
    answer kept when the MIP is too large or finds nothing better); ``saa_bound``: a proven
    bound on the best mean total, which also bounds the CVaR.
    """
    deadline = time.perf_counter() + time_limit
    s = values.draws
    n = int(groups.max()) + 1
    start_cvar = cvar_of(values.matrix(np.sort(start)).sum(axis=1), alpha)
    keep = _pruned(groups, values)
    keep[start] = True
    cols = np.flatnonzero(keep)
    fallback = CvarSolution(
        np.sort(start), start_cvar, max(saa_bound, start_cvar), False, len(cols), False
    )
    if len(cols) * s > MAX_NONZEROS:
        return fallback
    matrix = values.matrix(cols)  # draws × columns
    m = len(cols)
    h = new_highs(max(deadline - time.perf_counter(), 0.01))
    h.setOptionValue("mip_rel_gap", float(rel_gap))
    inf = highspy.kHighsInf
    # Columns: x (m, binary), eta (free), u (s, >= 0).
    cost = np.concatenate([np.zeros(m), [1.0], np.full(s, -1.0 / (alpha * s))])
    lower = np.concatenate([np.zeros(m), [-inf], np.zeros(s)])
    upper = np.concatenate([np.ones(m), [inf], np.full(s, inf)])
    h.addCols(m + 1 + s, cost, lower, upper, 0, np.zeros(0, np.int32), np.zeros(0, np.int32), [])
    # Partition rows: every gemeente in exactly one chosen group.
    member = groups[cols]
    valid = member >= 0
    col_of = np.repeat(np.arange(m), valid.sum(axis=1))
    row_of = member[valid]
    order = np.argsort(row_of, kind="stable")
    counts = np.bincount(row_of, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int32)
    h.addRows(
        n,
        np.ones(n),
        np.ones(n),
        int(order.size),
        starts,
        col_of[order].astype(np.int32),
        np.ones(order.size),
    )
    # Draw rows: u_s - eta + sum_S v_s(S) x_S >= 0.
    index = np.concatenate(
        [np.tile(np.arange(m), (s, 1)), np.full((s, 1), m), (m + 1 + np.arange(s))[:, None]],
        axis=1,
    ).astype(np.int32)
    coef = np.concatenate([matrix, np.full((s, 1), -1.0), np.ones((s, 1))], axis=1)
    h.addRows(
        s,
        np.zeros(s),
        np.full(s, inf),
        int(index.size),
        (np.arange(s) * (m + 2)).astype(np.int32),
        index.reshape(-1),
        coef.reshape(-1),
    )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.changeColsIntegrality(
        m, np.arange(m, dtype=np.int32), np.full(m, highspy.HighsVarType.kInteger, np.uint8)
    )
    # The start as a complete solution: eta at the alpha-quantile, u its shortfalls.
    x0 = np.zeros(m)
    x0[np.searchsorted(cols, start)] = 1.0
    totals = matrix @ x0
    eta = _best_eta(totals, alpha)
    full = np.concatenate([x0, [eta], np.maximum(eta - totals, 0.0)])
    h.setSolution(len(full), np.arange(len(full), dtype=np.int32), full)
    h.run()
    info = h.getInfo()
    bound = min(float(info.mip_dual_bound), saa_bound)
    if int(info.primal_solution_status) != 2:
        return CvarSolution(np.sort(start), start_cvar, max(bound, start_cvar), False, m, True)
    x = np.asarray(h.getSolution().col_value)[:m]
    rows = np.sort(cols[x > 0.5])
    objective = cvar_of(values.matrix(rows).sum(axis=1), alpha)
    if objective < start_cvar:  # never worse than the start (HiGHS keeps it, but be sure)
        rows, objective = np.sort(start), start_cvar
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    bound = objective if optimal else max(bound, objective)
    return CvarSolution(rows, objective, bound, bool(optimal), m, True)


def _best_eta(totals: NDArray[np.float64], alpha: float) -> float:
    z = np.sort(totals)
    return float(z[int(np.argmax(z - _shortfalls(z) / (alpha * len(z))))])
