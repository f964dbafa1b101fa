"""The additive fast path of the optimiser: fit, spanning-tree search, counting bound.

Used by :class:`~regiokompas.partition.RegionPartitioner` before the general set packing when
the model has no rules beyond group size (no ``--samen``/``--apart``, minimum size 1) and the
values pass :func:`~regiokompas.partition._additive.fit_additive`. When the search meets the
counting bound (to the model's ``rel_gap``) the answer is proven and the set packing is skipped;
otherwise its partition warm-starts the set packing and the smaller of the two bounds is kept.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regiokompas._numbers import nl_number
from regiokompas.partition._additive import (
    Additive,
    counting_bound,
    fit_additive,
    graph_components,
)
from regiokompas.partition._dominance import GroupIndex, group_keys, key_bits, pack_keys
from regiokompas.partition._highs import solve_lp
from regiokompas.partition._solve import lagrangian_bound
from regiokompas.partition._treesearch import tree_search

__all__ = ["AdditiveOutcome", "StructuredMixin", "lp_bound", "solve_additive"]

#: Share of the time limit the spanning-tree search of the additive fast path may take at most
#: (it usually stops earlier: at the counting bound, or after 200 trees without improvement).
#: Where every connected component of the graph has at most LARGE_AREA gemeenten the rest of
#: the time goes to the set packing, which proves optima the counting bound cannot (a star).
#: With a larger component the search (iterated: it restarts from a partly ruined best
#: partition) and an LP bound share the time and the answer is final: there the set packing did
#: not improve on it and overran the limit (measured: country, taakveld 0.2, k=6, 60 s limit,
#: load 11: 117.6 s for the same 0.0158% gap; afval 7.3 alone: 1.07% after 60 s).
TREE_SHARE = 0.25
LARGE_AREA = 60
#: In a large area the search takes this share; the rest goes to the LP relaxation, whose
#: Lagrangian bound knows the map where the counting bound does not (measured: country,
#: taakveld 0.3 at its P90 rate, k=6: LP 25.046,9 against counting 25.093,7, best found
#: 25.015,7).
TREE_SHARE_LARGE = 0.5


@dataclass(frozen=True)
class AdditiveOutcome:
    """Rows (of the candidate matrix) of the groups found, their value over everyone alone,
    the counting bound on that value, and the fit."""

    rows: NDArray[np.int64]
    objective: float
    bound: float
    fit: Additive
    trees_seconds: float
    final: bool = False


def solve_additive(
    groups: NDArray[np.int32],
    shifted: NDArray[np.float64],
    adjacency: Sequence[Sequence[int]],
    max_size: int,
    *,
    deadline: float,
    warm: Sequence[Sequence[int]] = (),
    seed: int = 0,
    rel_gap: float = 1e-6,
    restart: bool = False,
) -> AdditiveOutcome | None:
    """Search and bound, or None when the values are not additive (or a group the search
    returns is not a candidate, which would mean the candidates are not all connected groups)."""
    n = len(adjacency)
    fit = fit_additive(groups, shifted, n)
    if fit is None:
        return None
    bound, _ = counting_bound(adjacency, fit, max_size)
    mark = time.perf_counter()
    _, found = tree_search(
        adjacency,
        fit.weights,
        fit.cost,
        max_size,
        deadline=deadline,
        seed=seed,
        start=warm,
        target=bound - rel_gap * max(abs(bound), 1.0),
        restart=restart,
    )
    seconds = time.perf_counter() - mark
    rows = _rows_of(groups, found, n)
    if rows is None:
        return None
    objective = float(shifted[rows].sum())
    return AdditiveOutcome(rows, objective, max(bound, objective), fit, seconds)


def lp_bound(
    groups: NDArray[np.int32], shifted: NDArray[np.float64], n: int, seconds: float
) -> float:
    """The Lagrangian bound of the set packing's LP relaxation (column generation over the
    groups of positive value; any row prices give a proven bound, also from an unfinished LP;
    a group of value <= 0 never improves a packing and adds nothing to the bound)."""
    useful = ((groups >= 0).sum(axis=1) >= 2) & (shifted > 0)
    if not useful.any():
        return 0.0
    equal = np.zeros(n, dtype=bool)
    lp = solve_lp(
        groups[useful], shifted[useful], equal, time_limit=seconds, initial=max(3000, 20 * n)
    )
    return lagrangian_bound(groups[useful], shifted[useful], equal, lp.duals)


def _rows_of(
    groups: NDArray[np.int32], found: Sequence[Sequence[int]], n: int
) -> NDArray[np.int64] | None:
    if not found:
        return np.zeros(0, dtype=np.int64)
    bits = key_bits(n, groups.shape[1])
    if bits is not None:
        rows = GroupIndex(pack_keys(groups, bits)).find(group_keys([list(g) for g in found], bits))
    else:
        wanted = {tuple(sorted(g)): i for i, g in enumerate(found)}
        rows = np.full(len(found), -1, dtype=np.int64)
        for r, row in enumerate(groups):
            key = tuple(sorted(int(x) for x in row if x >= 0))
            if key in wanted:
                rows[wanted[key]] = r
    if np.any(rows < 0):
        return None
    return np.asarray(rows, dtype=np.int64)


class StructuredMixin:
    """The fast path as a step of :class:`~regiokompas.partition.RegionPartitioner`."""

    nodes: tuple[str, ...]
    _index: dict[str, int]
    max_size: int
    min_size: int
    together: tuple[tuple[str, str], ...]
    apart: tuple[tuple[str, str], ...]
    rel_gap: float
    additive: bool
    _say: Callable[[str], None]

    def _additive_path(
        self,
        groups: NDArray[np.int32],
        shifted: NDArray[np.float64],
        adjacency: list[list[int]],
        warm: Sequence[Sequence[str]] | None,
        start: float,
        deadline: float,
        timings: dict[str, float],
    ) -> AdditiveOutcome | None:
        """The additive fast path where the model allows it (None where not, or not additive).

        Pair rules and a minimum size change which groups exist beyond "connected, at most
        ``max_size``", which the tree search assumes, so those models take the general path.
        """
        if not self.additive or self.min_size > 1 or self.together or self.apart:
            return None
        mark = time.perf_counter()
        members = [[self._index[c] for c in g] for g in warm or () if len(g) >= 2]
        large = max(len(c) for c in graph_components(adjacency)) > LARGE_AREA
        share = TREE_SHARE_LARGE if large else TREE_SHARE
        fast = solve_additive(
            groups,
            shifted,
            adjacency,
            self.max_size,
            deadline=start + share * max(deadline - start, 0.0),
            warm=members,
            rel_gap=self.rel_gap,
            restart=large,
        )
        if fast is not None and large:
            fast = dataclasses.replace(fast, final=True)
            gap = fast.bound - fast.objective
            if (
                gap > self.rel_gap * max(abs(fast.bound), 1.0)
                and deadline - time.perf_counter() > 0
            ):
                lp = lp_bound(groups, shifted, len(self.nodes), deadline - time.perf_counter())
                fast = dataclasses.replace(fast, bound=max(min(fast.bound, lp), fast.objective))
        timings["additief_s"] = time.perf_counter() - mark
        if fast is not None:
            self._say(
                f"additieve waarden: boomzoeken {nl_number(fast.objective, 1)} "
                f"(telgrens {nl_number(fast.bound, 1)})"
            )
        return fast

    def _proven(self, objective: float, bound: float, singles: float) -> bool:
        # In the terms of the result (singletons' own values added), as ``_assemble`` gives.
        return (bound - objective) / max(abs(bound + singles), 1.0) <= self.rel_gap
