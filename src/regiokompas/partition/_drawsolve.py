"""Solving many draws of one area: one LP kept warm across the draws, the MIP only when needed.

The draws of a stability map differ only in the column values (the candidate groups and the
packing rows stay), so one HiGHS LP relaxation is built once per worker and only its costs are
changed per draw: the previous draw's optimal basis stays primal feasible, and primal simplex
continues from it (the previous draw's LP prices are the start). Columns come in by column
generation over the enumerated pool (Gilmore & Gomory, Oper. Res. 9, 1961), and whatever the LP
reached, its row prices ``y >= 0`` give the proven Lagrangian bound
``sum_i y_i + sum_S max(0, v(S) - sum_{i in S} y_i)`` (Fisher, Mgmt. Sci. 27, 1981).

Per draw, cheapest first:

0. values of the additive form (checked on every group) go to the model's own spanning-tree
   search with its counting bound (``_structured``), which the LP cannot match there;
1. the LP is integral: that partition is optimal, proven by the LP itself;
2. otherwise the best of the draw's known partitions (every partition found for an earlier
   draw, the warm start, the LP's integral columns completed greedily) is kept when it lies
   within the tolerance of the LP bound; if not, the LP-guided spanning-tree recombination
   (``_treepack``) improves it, and then an LP dive over the columns the LP prices as tight;
3. otherwise a MIP over the columns that reduced-cost fixing leaves for that best partition
   (those that could still beat it), started from it; exact when it finishes, and its bound
   (or the LP bound) holds when it does not. Areas where the LP does not apply (``min_size`` >
   1, pairs that must share a group) go to ``RegionPartitioner.solve_values``.

Measured (Gelderland, 0.61, k=6, median draw, load 6): the LP takes 0.1 s and is integral, while
the full optimiser with a 2 s limit stopped at a 4.5% gap. The country's LP (271,437 positive
columns) took 3–4 s cold and is fractional in about 140 columns.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
from numpy.typing import NDArray

from regiokompas._highs import new_highs
from regiokompas.partition._additive import fit_additive, graph_components
from regiokompas.partition._enumerate import group_sizes
from regiokompas.partition._highs import solve_mip
from regiokompas.partition._solve import share_bound
from regiokompas.partition._treepack import edge_guide, recombine
from regiokompas.partition.model import RegionPartitioner

__all__ = ["DrawSolution", "DrawSolver"]

#: Columns of highest value per member that the first LP starts from (per gemeente).
INITIAL_PER_ROW = 20
#: Columns added per pricing round, per gemeente (at least 500).
BATCH_PER_ROW = 2
#: Share of a draw's remaining time the spanning-tree recombination may take when the known
#: partitions are not within the tolerance (it usually stops earlier: at the tolerance, or
#: after ``_treepack.STALL`` trees without improvement).
TREE_SHARE = 0.5
#: Trees without improvement after which the recombination gives up: in an area whose largest
#: graph component has at most LARGE_AREA gemeenten (a province), and in larger ones (the
#: country). Measured, one process, 0.61, k=6, 100 draws: Gelderland 21.8 s with 80 trees
#: against 13.9 s with 20 (what is left there is the bound, not the partition), Zuid-Holland
#: 4.5 and 4.0 s (all draws within 0.1% either way; without the recombination 6.9 s and 67
#: draws within 0.1%); in the country improvements still came after dozens of trees.
TREE_STALL = 20
TREE_STALL_LARGE = 80
LARGE_AREA = 60


@dataclass(frozen=True)
class DrawSolution:
    """The partition of one draw (groups of two or more), its value and a proven bound;
    ``method`` says which step settled it (``lp``, ``bekend`` or ``mip``)."""

    groups: tuple[tuple[str, ...], ...]
    objective: float
    bound: float
    optimal: bool
    method: str


class DrawSolver:
    """Solve draws of ``model`` (values per candidate group) one after another.

    >>> import numpy as np
    >>> from regiokompas.partition import RegionPartitioner
    >>> path = RegionPartitioner(["A", "B", "C"], [("A", "B"), ("B", "C")],
    ...                          lambda g, n: np.zeros(len(g)), max_size=2)
    >>> solver = DrawSolver(path)
    >>> groups = path.candidate_groups().tolist()
    >>> values = np.array([2.0 if g == [0, 1] else 1.0 if g == [1, 2] else 0.0 for g in groups])
    >>> solution = solver.solve(values, time_limit=5, tolerance=0.0)
    >>> solution.groups, solution.objective, solution.optimal, solution.method
    ((('A', 'B'),), 2.0, True, 'lp')
    """

    def __init__(
        self, model: RegionPartitioner, *, warm_lp: bool = True, recombination: bool = True
    ) -> None:
        self.model = model
        self.recombination = recombination
        adjacency = model._adjacency()
        largest = max((len(c) for c in graph_components(adjacency)), default=0)
        self.stall = TREE_STALL_LARGE if largest > LARGE_AREA else TREE_STALL
        groups = model.candidate_groups()
        self.groups = groups
        sizes = group_sizes(groups)
        self.n = len(model.nodes)
        self.singles = np.flatnonzero(sizes == 1)
        self.cols = np.flatnonzero(sizes >= 2)
        # The LP needs every gemeente free to stay alone and no pair that must share a group.
        self.usable = (
            warm_lp and model.min_size == 1 and not model.together and len(self.singles) == self.n
        )
        # Additive values (the 42 taakvelden without a schaalgrens) go to the model's own
        # spanning-tree search with its counting bound, where the rules allow it: it proves the
        # country's optimum in a fraction of a second per draw (``_structured``), while the LP
        # leaves the "half a group" the counting bound sees (``_additive``).
        self.additive = (
            model.additive
            and model.min_size == 1
            and not model.together
            and not model.apart
            and len(self.singles) == self.n
        )
        self.edges = np.array(
            [(u, w) for u, around in enumerate(adjacency) for w in around if u < w],
            dtype=np.int64,
        ).reshape(-1, 2)
        self._row_of = {
            tuple(sorted(model.nodes[j] for j in members if j >= 0)): row
            for row, members in enumerate(groups)
        }
        self._h: Any = None
        self._free = np.zeros(self.n, dtype=bool)
        self._pool: dict[tuple[int, ...], list[int]] = {}
        self._active = np.zeros(len(groups), dtype=bool)
        self._order: list[int] = []

    # ------------------------------------------------------------------ the warm LP

    def _lp(
        self, shifted: NDArray[np.float64], deadline: float
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Column values ``x`` (all rows of ``groups``) and prices ``y`` of this draw's LP."""
        cols, groups = self.cols, self.groups
        h = self._h
        if h is None:
            h = new_highs(max(deadline - time.perf_counter(), 0.01))
            h.addRows(
                self.n,
                np.full(self.n, -highspy.kHighsInf),
                np.ones(self.n),
                0,
                np.zeros(0, np.int32),
                np.zeros(0, np.int32),
                np.zeros(0),
            )
            h.changeObjectiveSense(highspy.ObjSense.kMaximize)
            sizes = group_sizes(groups[cols])
            first = cols[np.argsort(-shifted[cols] / sizes, kind="stable")]
            first = first[: INITIAL_PER_ROW * self.n]
            self._h = h
            self._add(np.sort(first[shifted[first] > 0]), shifted)
        else:
            order = np.asarray(self._order, dtype=np.int32)
            if len(order):
                h.changeColsCost(len(order), np.arange(len(order), dtype=np.int32), shifted[order])
        padded = np.zeros(self.n + 1)
        duals = np.zeros(self.n)
        while True:
            h.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.01))
            h.run()
            status = h.getModelStatus()
            # A model without columns yet is "empty", with prices 0: priced like an optimum.
            optimal = status in (
                highspy.HighsModelStatus.kOptimal,
                highspy.HighsModelStatus.kModelEmpty,
            )
            solution = h.getSolution()
            duals = np.asarray(solution.row_dual, dtype=np.float64)
            if len(duals) and duals.sum() < 0:
                duals = -duals  # HiGHS gives a maximisation's duals with the opposite sign
            padded[:-1] = np.maximum(duals, 0.0)
            if not optimal:
                break
            rc = shifted[cols] - padded[groups[cols]].sum(axis=1)
            rc[self._active[cols]] = -np.inf
            new = cols[rc > 1e-7]
            if len(new) == 0:
                break
            batch = max(BATCH_PER_ROW * self.n, 500)
            if len(new) > batch:
                new = new[np.argsort(-rc[rc > 1e-7], kind="stable")[:batch]]
            self._add(np.sort(new), shifted)
        x = np.zeros(len(groups))
        order = np.asarray(self._order, dtype=np.int64)
        x[order] = np.asarray(solution.col_value, dtype=np.float64)[: len(order)]
        return x, padded[:-1].copy()

    def _add(self, new: NDArray[np.int64], shifted: NDArray[np.float64]) -> None:
        if len(new) == 0:
            return
        members = self.groups[new]
        valid = members >= 0
        starts = np.concatenate([[0], np.cumsum(valid.sum(axis=1))[:-1]]).astype(np.int32)
        index = members[valid].astype(np.int32)
        self._h.addCols(
            len(new),
            shifted[new],
            np.zeros(len(new)),
            np.ones(len(new)),
            int(index.size),
            starts,
            index,
            np.ones(index.size),
        )
        self._active[new] = True
        self._order.extend(int(c) for c in new)

    # ------------------------------------------------------------------ per draw

    def rows(self, partition: Sequence[Sequence[str]]) -> list[int]:
        """Candidate rows of a partition's groups of two or more."""
        return [self._row_of[tuple(sorted(g))] for g in partition if len(g) >= 2]

    def solve(
        self,
        values: NDArray[np.float64],
        *,
        time_limit: float,
        tolerance: float,
        warm: Sequence[Sequence[str]] | None = None,
    ) -> DrawSolution:
        """The partition of one draw within ``tolerance`` of a proven bound where the LP and the
        known partitions reach it, else the optimiser's answer within ``time_limit``."""
        model = self.model
        if not self.usable and not self.additive:
            return self._mip(values, warm, time_limit, tolerance)
        deadline = time.perf_counter() + time_limit
        base = float(values[self.singles].sum())
        shifted = np.asarray(values, dtype=np.float64).copy()
        padded = np.zeros(self.n + 1)
        padded[self.groups[self.singles, 0]] = values[self.singles]
        shifted -= padded[self.groups].sum(axis=1)
        if self.additive and fit_additive(self.groups, shifted, self.n) is not None:
            return self._mip(values, warm, time_limit, tolerance, method="additief")
        if not self.usable:
            return self._mip(values, warm, time_limit, tolerance)
        x, prices = self._lp(shifted, deadline)
        padded[:-1] = prices
        padded[-1] = 0.0
        rc = shifted[self.cols] - padded[self.groups[self.cols]].sum(axis=1)
        # The Lagrangian bound of these prices; reduced-cost arguments below need this one.
        lagrangian = float(prices.sum() + np.maximum(rc, 0.0).sum())
        # Both are proven; the shares' bound wins where the LP barely started (measured: one
        # draw of the country under load 12 kept a Lagrangian bound from prices near 0).
        cols = self.cols
        bound = base + min(lagrangian, share_bound(self.groups[cols], shifted[cols], self._free))
        options: list[list[int]] = []
        whole = self.cols[x[self.cols] > 1 - 1e-7]
        options.append(self._complete(whole, shifted))
        if warm:
            options.append(self.rows(warm))
        options.extend(self._pool.values())
        integral = bool(np.all((x < 1e-7) | (x > 1 - 1e-7)))
        best = max(options, key=lambda r: float(shifted[r].sum()) if r else 0.0)
        method = "lp" if integral and best == options[0] else "bekend"
        objective = base + (float(shifted[best].sum()) if best else 0.0)
        bound = max(bound, objective)
        within = max(tolerance, model.rel_gap)
        if not integral and (bound - objective) / max(abs(bound), 1.0) > within:
            # Spanning-tree recombination guided by the LP, then (if still needed) the dive.
            improved = best
            if self.recombination:
                improved = self._recombine(best, shifted, x, rc, lagrangian, within, deadline)
            if float(shifted[improved].sum()) > float(shifted[best].sum()) + 1e-9:
                best, method = improved, "boom"
                objective = base + float(shifted[best].sum())
            if (bound - objective) / max(abs(bound), 1.0) > within:
                tight = self.cols[rc > -within * max(1.0, abs(bound))]
                dived = self._dive(tight, shifted, deadline)
                if float(shifted[dived].sum()) > float(shifted[best].sum()) + 1e-9:
                    best, method = dived, "bekend"
                    objective = base + float(shifted[best].sum())
        gap = (bound - objective) / max(abs(bound), 1.0)
        if gap <= within:
            return self._found(best, objective, bound, method)
        # (a) The columns the LP prices as (nearly) tight: a MIP over those with reduced cost
        # above -delta (delta = the tolerance of the bound). A packing that uses a column left
        # out is worth at most L - delta (L the Lagrangian bound of the same prices), so
        # max(its bound, L - delta) holds. (b) If that is not enough, reduced-cost fixing
        # (Nemhauser & Wolsey 1988): a packing better than the incumbent uses only columns with
        # rc > objective - L; that MIP is exact.
        scale = max(1.0, abs(bound))
        for delta in (within * scale, None):
            if delta is not None and delta >= base + lagrangian - objective:
                continue  # the restricted pass would be the exact one
            cut = base + lagrangian - objective if delta is None else delta
            alive = np.zeros(len(self.groups), dtype=bool)
            alive[self.cols[rc > -cut - 1e-9 * scale]] = True
            alive[best] = True
            keep = np.flatnonzero(alive)
            mip = solve_mip(
                self.groups[keep],
                shifted[keep],
                np.zeros(self.n, dtype=bool),
                time_limit=max(deadline - time.perf_counter(), 0.05) * (0.5 if delta else 1.0),
                start=np.searchsorted(keep, np.sort(np.asarray(best, dtype=np.int64))),
                rel_gap=model.rel_gap,
            )
            if mip.has_solution and base + mip.objective > objective:
                best, objective = [int(c) for c in keep[mip.chosen]], base + mip.objective
            inside = base + mip.bound if np.isfinite(mip.bound) else np.inf
            bound = max(min(bound, max(inside, base + lagrangian - cut)), objective)
            gap = (bound - objective) / max(abs(bound), 1.0)
            if gap <= max(tolerance, model.rel_gap) or time.perf_counter() >= deadline:
                break
        return self._found(best, objective, bound, "mip")

    def _recombine(
        self,
        best: list[int],
        shifted: NDArray[np.float64],
        x: NDArray[np.float64],
        rc: NDArray[np.float64],
        bound: float,
        within: float,
        deadline: float,
    ) -> list[int]:
        """The best packing the LP-guided spanning-tree recombination finds from ``best``
        (``_treepack``) within TREE_SHARE of the time left; ``bound`` is the LP bound over
        everyone alone, ``rc`` the reduced costs of ``self.cols``."""
        cols = self.cols
        used = np.flatnonzero(x[cols] > 1e-9)
        guide = edge_guide(self.edges, self.groups[cols[used]], x[cols[used]], self.n)
        start = np.searchsorted(cols, np.sort(np.asarray(best, dtype=np.int64)))
        _, rows = recombine(
            self.edges,
            self.groups[cols],
            shifted[cols],
            self.n,
            start=start.tolist(),
            guide=guide,
            reduced=rc,
            bound=bound,
            deadline=time.perf_counter() + TREE_SHARE * max(deadline - time.perf_counter(), 0.0),
            target=bound - within * max(abs(bound), 1.0),
            stall=self.stall,
        )
        return [int(c) for c in cols[rows]]

    def _found(self, rows: list[int], objective: float, bound: float, method: str) -> DrawSolution:
        """Keep the partition for later draws and describe it."""
        self._pool.setdefault(tuple(sorted(rows)), sorted(rows))
        optimal = bound - objective <= self.model.rel_gap * max(abs(bound), 1.0)
        return DrawSolution(self._groups(rows), objective, bound, optimal, method)

    def _mip(
        self,
        values: NDArray[np.float64],
        warm: Sequence[Sequence[str]] | None,
        time_limit: float,
        tolerance: float,
        method: str = "mip",
    ) -> DrawSolution:
        """The model's own optimiser, stopping at ``tolerance`` (its gap is proven either way;
        "optimal" only within the model's ``rel_gap``). Measured: Zuid-Holland, afval 7.3, draws
        just above rate 0 ran their 2 s to prove 0.04% where 0.1% was asked."""
        model = self.model
        if tolerance > model.rel_gap:
            model = copy.copy(model)  # shares the enumerated groups
            model.rel_gap = float(tolerance)
        result = model.solve_values(values, warm=warm, time_limit=time_limit)
        bound = max(result.bound, result.objective)
        gap = (bound - result.objective) / max(abs(bound), 1.0)
        groups = tuple(g for g in result.groups if len(g) >= 2)
        optimal = gap <= self.model.rel_gap
        return DrawSolution(groups, result.objective, bound, optimal, method)

    def _dive(
        self, cols: NDArray[np.int64], shifted: NDArray[np.float64], deadline: float
    ) -> list[int]:
        """LP diving over the (nearly) tight columns: fix the column the LP likes most to 1
        (and every column above one half) and solve again, until the LP is integral (a
        standard primal heuristic: Berthold, *Primal heuristics for mixed integer programs*,
        2006). The LP optimum of a draw often
        lies on a face with many fractional vertices and integral ones among them (Gelderland,
        0.61: the LP bound is the optimum), which HiGHS's MIP took 2-4 s to find under load."""
        h = new_highs(max(deadline - time.perf_counter(), 0.01))
        h.addRows(
            self.n,
            np.full(self.n, -highspy.kHighsInf),
            np.ones(self.n),
            0,
            np.zeros(0, np.int32),
            np.zeros(0, np.int32),
            np.zeros(0),
        )
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        members = self.groups[cols]
        valid = members >= 0
        starts = np.concatenate([[0], np.cumsum(valid.sum(axis=1))[:-1]]).astype(np.int32)
        index = members[valid].astype(np.int32)
        m = len(cols)
        h.addCols(
            m,
            shifted[cols],
            np.zeros(m),
            np.ones(m),
            int(index.size),
            starts,
            index,
            np.ones(index.size),
        )
        x = np.zeros(m)
        while time.perf_counter() < deadline:
            h.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.01))
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            x = np.asarray(h.getSolution().col_value, dtype=np.float64)
            fractional = np.flatnonzero((x > 1e-7) & (x < 1 - 1e-7))
            if len(fractional) == 0:
                break
            # Columns above one half are pairwise disjoint (two sharing a gemeente would sum
            # to more than one), so all of them are fixed at once; else the largest.
            fix = fractional[x[fractional] > 0.5 + 1e-9]
            if len(fix) == 0:
                fix = fractional[[int(np.argmax(x[fractional]))]]
            for col in fix:
                h.changeColBounds(int(col), 1.0, 1.0)
        return self._complete(cols[x > 1 - 1e-7], shifted)

    def _complete(self, chosen: NDArray[np.int64], shifted: NDArray[np.float64]) -> list[int]:
        """The LP's whole columns, then disjoint positive columns best value per member first
        among the gemeenten they leave free (a quick rounding of the LP)."""
        used = np.zeros(self.n + 1, dtype=bool)
        rows = [int(c) for c in chosen]
        for c in rows:
            used[self.groups[c][self.groups[c] >= 0]] = True
        cols = self.cols[shifted[self.cols] > 0]
        members = self.groups[cols]
        free = ~np.any(np.where(members >= 0, used[members], False), axis=1)
        cols, members = cols[free], members[free]
        sizes = group_sizes(members)
        order = np.argsort(-shifted[cols] / sizes, kind="stable")
        taken = used.tolist()  # plain lists: a per-group numpy check cost 0.7 s on the country
        taken[self.n] = False
        left = taken[: self.n].count(False)
        for i, group in zip(order.tolist(), members[order].tolist(), strict=True):
            if left == 0:
                break
            if not any(taken[j] for j in group if j >= 0):
                for j in group:
                    if j >= 0:
                        taken[j] = True
                        left -= 1
                rows.append(int(cols[i]))
        return rows

    def _members(self, row: int) -> tuple[str, ...]:
        return tuple(self.model.nodes[j] for j in self.groups[row] if j >= 0)

    def _groups(self, rows: list[int]) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted((self._members(r) for r in rows), key=lambda g: (-len(g), g)))
