"""Superadditivity dominance: drop every group that some split into smaller groups beats.

A connected group ``S`` whose value is at most the best value of a partition of ``S`` into
smaller connected groups can be left out of the set-partitioning model without changing its
optimum: any solution that uses ``S`` can use that partition instead. The best partition value
``best(S)`` follows from the recursion over *two-way* splits into connected halves,

    best(S) = max(v(S), max over S = A ∪ B, A, B connected, of best(A) + best(B)),

which reaches every partition of ``S`` into connected parts: in the quotient graph of such a
partition (one vertex per part, connected because ``S`` is) some part is not a cut vertex, so it
can be split off while the remainder stays connected (Diestel, *Graph Theory*, Prop. 1.4.1: every
connected graph has a non-cut vertex, e.g. a leaf of a spanning tree). With singletons worth 0
this also removes every group of value <= 0. Groups are looked up through integer keys (members
packed into one int64) and ``numpy.searchsorted``, so the test runs vectorised over all columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["GroupIndex", "Splits", "best_split_values", "group_keys", "key_bits", "pack_keys"]


def pack_keys(groups: NDArray[np.int32], bits: int) -> NDArray[np.int64]:
    """One int64 per row: the sorted members packed ``bits`` bits apart (padding ignored)."""
    keys = np.zeros(len(groups), dtype=np.int64)
    for j in range(groups.shape[1]):
        col = groups[:, j].astype(np.int64)
        keys |= np.where(col >= 0, (col + 1) << (bits * j), 0)
    return keys


def key_bits(n_nodes: int, k: int) -> int | None:
    """Bits per member so that ``k`` members fit one int64, or None when they do not."""
    bits = max(1, int(n_nodes).bit_length())  # members are stored as index + 1
    return bits if bits * k <= 63 else None


class GroupIndex:
    """Find the row of a group (given as packed key) in a padded group matrix."""

    def __init__(self, keys: NDArray[np.int64]) -> None:
        self._order = np.argsort(keys, kind="stable")
        self._sorted = keys[self._order]

    def find(self, query: NDArray[np.int64]) -> NDArray[np.int64]:
        """Row index per query key, -1 where the group is not in the matrix."""
        if len(self._sorted) == 0:
            return np.full(len(query), -1, dtype=np.int64)
        pos = np.searchsorted(self._sorted, query)
        pos = np.minimum(pos, len(self._sorted) - 1)
        hit = self._sorted[pos] == query
        return np.where(hit, self._order[pos], -1).astype(np.int64)


@dataclass(frozen=True)
class Splits:
    """Per row: the best value of a split into smaller groups and the two halves of that split
    (row numbers, -1 when the row has no split)."""

    value: NDArray[np.float64]
    part_a: NDArray[np.int64]
    part_b: NDArray[np.int64]


def group_keys(members: list[list[int]], bits: int) -> NDArray[np.int64]:
    """Packed keys of member lists (each sorted here), as :func:`pack_keys` would give."""
    keys = np.zeros(len(members), dtype=np.int64)
    for row, group in enumerate(members):
        key = 0
        for pos, node in enumerate(sorted(group)):
            key |= (node + 1) << (bits * pos)
        keys[row] = key
    return keys


def best_split_values(
    groups: NDArray[np.int32], values: NDArray[np.float64], n_nodes: int, *, min_size: int = 1
) -> Splits | None:
    """Per row, the best value of splitting that group into two or more smaller groups.

    ``groups`` must hold every feasible connected group (rows absent from it count as
    infeasible); ``values`` are their values with singletons already at their own value (0 after
    the singleton shift). Rows of size 1 get -inf. Groups smaller than ``min_size`` cannot be
    parts. Returns None when the members do not fit the int64 key (then no dominance is used).
    """
    k = groups.shape[1]
    bits = key_bits(n_nodes, k)
    if bits is None:
        return None
    sizes = (groups >= 0).sum(axis=1)
    index = GroupIndex(pack_keys(groups, bits))
    best = np.where(sizes >= min_size, values, -np.inf).astype(np.float64)
    split = np.full(len(groups), -np.inf)
    part_a = np.full(len(groups), -1, dtype=np.int64)
    part_b = np.full(len(groups), -1, dtype=np.int64)
    for size in range(2, k + 1):
        rows = np.flatnonzero(sizes == size)
        if len(rows) == 0:
            continue
        members = groups[rows, :size].astype(np.int64)
        best_here = np.full(len(rows), -np.inf)
        arg_a = np.full(len(rows), -1, dtype=np.int64)
        arg_b = np.full(len(rows), -1, dtype=np.int64)
        full = (1 << size) - 1
        # Masks with bit 0 set enumerate each unordered split {A, B} once.
        for mask in range(1, full, 2):
            in_a = [j for j in range(size) if mask >> j & 1]
            in_b = [j for j in range(size) if not mask >> j & 1]
            key_a = np.zeros(len(rows), dtype=np.int64)
            for pos, j in enumerate(in_a):
                key_a |= (members[:, j] + 1) << (bits * pos)
            key_b = np.zeros(len(rows), dtype=np.int64)
            for pos, j in enumerate(in_b):
                key_b |= (members[:, j] + 1) << (bits * pos)
            row_a = index.find(key_a)
            row_b = index.find(key_b)
            ok = (row_a >= 0) & (row_b >= 0)
            total = np.full(len(rows), -np.inf)
            total[ok] = best[row_a[ok]] + best[row_b[ok]]
            better = total > best_here
            best_here[better] = total[better]
            arg_a[better] = row_a[better]
            arg_b[better] = row_b[better]
        split[rows] = best_here
        part_a[rows] = arg_a
        part_b[rows] = arg_b
        best[rows] = np.maximum(best[rows], best_here)
    return Splits(split, part_a, part_b)
