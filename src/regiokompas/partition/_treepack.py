"""Spanning-tree recombination for any group values: a primal heuristic for the set packing.

``_treesearch`` solves a spanning tree exactly when values are additive (``O(n k^2)``). For any
other values (a schaalgrens makes a group's saving depend on its total population) the best
partition of a tree into subtrees is still found exactly by dynamic programming over the tree,
if the DP runs over the *candidate groups* instead of group sizes: root the tree; a group is a
subtree exactly when all its members but one (its top) have their tree parent inside it; and

    best(u) = max( childsum(u),  max over subtree groups S with top u of
                   v(S) + sum_{x in S} childsum(x) - sum_{x in S, x != u} best(x) ),

with ``childsum(x)`` the sum of ``best`` over the children of ``x`` (Lukes, IBM J. Res. Dev. 18,
1974, with the part enumerated instead of its size). Processed level by level from the deepest,
every term is known when it is needed, so one tree costs a few vectorised passes over the
groups (measured: 0.03-0.1 s over 100,000-280,000 groups of the country).

The search is the spanning-tree recombination of ``_treesearch`` (DeFord, Duchin & Solomon,
Harvard Data Science Review 3(1), 2021) used as a local search with an exact move: every other
tree holds the best partition so far (the edges inside its groups first), so the answer can only
improve, and the order of the other edges follows an optional *guide* per edge (the LP
relaxation's co-membership of its two ends) plus noise, so the trees follow what the LP likes.
Measured on OZB (0.61), the country, k=6, at a rate of 0.167: from 14.1% below the LP bound
(a greedy rounding) to 0.16% in 6 s, where HiGHS's MIP on the 22,000 columns the LP prices as
tight was still 0.46% below after 20 s.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._treesearch import spanning_tree

__all__ = ["edge_guide", "recombine", "tree_packing"]

#: Trees without improvement after which the search stops.
STALL = 80


def _rooted(tree: Sequence[Sequence[int]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Parent (-1 for roots) and depth of every node of a forest given as adjacency lists."""
    n = len(tree)
    parent = np.full(n, -1, dtype=np.int64)
    depth = np.zeros(n, dtype=np.int64)
    seen = np.zeros(n, dtype=bool)
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        stack = [root]
        while stack:
            u = stack.pop()
            for w in tree[u]:
                if not seen[w]:
                    seen[w] = True
                    parent[w] = u
                    depth[w] = depth[u] + 1
                    stack.append(w)
    return parent, depth


def tree_packing(
    tree: Sequence[Sequence[int]], groups: NDArray[np.int32], values: NDArray[np.float64]
) -> tuple[float, NDArray[np.int64]]:
    """The best set of disjoint ``groups`` (rows of node numbers padded with -1) that are
    subtrees of ``tree``, by value (a node left out is worth 0): its value and its rows.

    >>> import numpy as np
    >>> path = [[1], [0, 2], [1, 3], [2]]          # 0 - 1 - 2 - 3
    >>> groups = np.array([[0, 1, -1], [1, 2, -1], [2, 3, -1], [0, 2, -1]], dtype=np.int32)
    >>> value, rows = tree_packing(path, groups, np.array([3.0, 5.0, 3.0, 9.0]))
    >>> value, rows.tolist()                         # [0, 2] is no subtree of the path
    (6.0, [0, 2])
    """
    n = len(tree)
    parent, depth = _rooted(tree)
    valid = groups >= 0
    safe = np.where(valid, groups, n)
    # The tree parent of every member (roots get -4, padding -3: neither is a node or a pad).
    up = np.append(np.where(parent >= 0, parent, -4), -3)[safe]
    inside = (up[:, :, None] == groups[:, None, :]).any(axis=2) & valid
    subtree = np.flatnonzero(inside.sum(axis=1) == valid.sum(axis=1) - 1)
    members, value = safe[subtree], values[subtree]
    top = groups[subtree, np.argmax(~inside[subtree] & valid[subtree], axis=1)]
    level = depth[top]

    best = np.zeros(n + 1)
    childsum = np.zeros(n + 1)
    choice = np.full(n, -1, dtype=np.int64)
    by_level = np.argsort(-level, kind="stable")
    cuts = np.flatnonzero(np.diff(level[by_level])) + 1
    rows_at = {int(level[part[0]]): part for part in np.split(by_level, cuts) if len(part)}
    node_order = np.argsort(-depth, kind="stable")
    node_cuts = np.flatnonzero(np.diff(depth[node_order])) + 1
    for nodes in np.split(node_order, node_cuts):
        here = childsum[nodes].copy()  # each node alone, its children's subtrees at their best
        rows = rows_at.get(int(depth[nodes[0]]))
        if rows is not None:
            # best[top] is still 0 here, so the sum over the members leaves it out.
            total = value[rows] + childsum[members[rows]].sum(axis=1) - best[members[rows]].sum(1)
            tops = top[rows]
            order = np.lexsort((-total, tops))
            first = np.r_[True, tops[order][1:] != tops[order][:-1]]
            winners, amounts = tops[order][first], total[order][first]
            position = np.searchsorted(nodes, winners, sorter=np.argsort(nodes))
            slot = np.argsort(nodes)[position]
            better = amounts > here[slot] + 1e-12
            here[slot[better]] = amounts[better]
            choice[winners[better]] = rows[order][first][better]
        best[nodes] = here
        has_parent = parent[nodes] >= 0
        np.add.at(childsum, parent[nodes][has_parent], here[has_parent])

    children: list[list[int]] = [[] for _ in range(n)]
    for u in np.flatnonzero(parent >= 0).tolist():
        children[int(parent[u])].append(u)
    roots = np.flatnonzero(parent < 0)
    chosen: list[int] = []
    todo = roots.tolist()
    while todo:
        u = todo.pop()
        row = int(choice[u])
        if row < 0:
            todo.extend(children[u])
            continue
        chosen.append(row)
        group = set(groups[subtree[row]][valid[subtree[row]]].tolist())
        todo.extend(c for x in group for c in children[x] if c not in group)
    picked = subtree[np.asarray(chosen, dtype=np.int64)]
    return float(best[roots].sum()), np.sort(picked)


def edge_guide(
    edges: NDArray[np.int64], groups: NDArray[np.int32], weights: NDArray[np.float64], n: int
) -> NDArray[np.float64]:
    """Per edge ``(a, b)``: the summed ``weights`` of the groups holding both ends (with the LP
    relaxation's column values: how much the LP puts ``a`` and ``b`` together)."""
    edge_keys = np.minimum(edges[:, 0], edges[:, 1]) * (n + 1) + np.maximum(
        edges[:, 0], edges[:, 1]
    )
    order = np.argsort(edge_keys)
    keys = edge_keys[order]
    guide = np.zeros(len(edges))
    width = groups.shape[1]
    for i in range(width):
        for j in range(i + 1, width):
            a, b = groups[:, i], groups[:, j]
            ok = (a >= 0) & (b >= 0)
            key = np.minimum(a, b)[ok].astype(np.int64) * (n + 1) + np.maximum(a, b)[ok]
            at = np.searchsorted(keys, key)
            hit = at < len(keys)
            hit[hit] = keys[at[hit]] == key[hit]
            np.add.at(guide, order[at[hit]], weights[ok][hit])
    return guide


def recombine(
    edges: NDArray[np.int64],
    groups: NDArray[np.int32],
    values: NDArray[np.float64],
    n: int,
    *,
    start: Sequence[int] = (),
    guide: NDArray[np.float64] | None = None,
    reduced: NDArray[np.float64] | None = None,
    bound: float = np.inf,
    deadline: float,
    target: float = np.inf,
    seed: int = 0,
    stall: int = STALL,
) -> tuple[float, NDArray[np.int64]]:
    """The best packing found over spanning trees of the graph (``edges``: node pairs), never
    worse than ``start`` (rows of ``groups``, disjoint); stops at ``target``, at ``deadline``
    or after ``stall`` trees without improvement. Deterministic for a seed (unless the
    deadline cuts it short).

    >>> import numpy as np
    >>> edges = np.array([[0, 1], [1, 2], [2, 3], [3, 0]])  # a square
    >>> groups = np.array([[0, 1], [1, 2], [2, 3], [0, 3]], dtype=np.int32)
    >>> value, rows = recombine(edges, groups, np.array([1.0, 5.0, 1.0, 5.0]), 4,
    ...                         deadline=float("inf"), stall=20)
    >>> value, rows.tolist()
    (10.0, [1, 3])
    """
    rng = np.random.default_rng(seed)
    rows = np.asarray(sorted(start), dtype=np.int64)
    best = float(values[rows].sum()) if len(rows) else 0.0
    positive = np.flatnonzero(values > 0)

    def searched() -> NDArray[np.int64]:
        if reduced is None or not np.isfinite(bound):
            return positive
        return positive[reduced[positive] > best - bound - 1e-9 * max(1.0, abs(bound))]

    pool = searched()
    base = np.zeros(len(edges)) if guide is None else -np.asarray(guide, dtype=np.float64)
    spread = 1.0 if guide is None or not len(guide) else max(float(np.abs(guide).max()), 1e-9)
    idle, tree_number = 0, 0
    while idle < stall and best < target and time.perf_counter() < deadline:
        tree_number += 1
        noise = spread * (0.3 + 0.5 * (tree_number % 4))
        key = base + rng.random(len(edges)) * noise
        if tree_number % 2 and len(rows):
            owner = np.full(n, -1, dtype=np.int64)
            for r in rows.tolist():
                owner[groups[r][groups[r] >= 0]] = r
            left, right = owner[edges[:, 0]], owner[edges[:, 1]]
            key = key + np.where((left == right) & (left >= 0), 0.0, 10.0 * spread + 10.0)
        value, found = tree_packing(spanning_tree(n, edges, key), groups[pool], values[pool])
        if value > best + 1e-9 * max(1.0, abs(best)):
            best, rows, idle = value, pool[found], 0
            pool = np.union1d(searched(), rows)
        else:
            idle += 1
    return best, rows
