"""Spanning-tree search for partitions with additive group values.

Every partition of a graph into connected groups is a partition of *some* spanning tree into
subtrees (take a spanning tree of each group and join them with edges between groups). On a
tree, the best partition into subtrees of at most ``k`` nodes is found exactly by dynamic
programming over the tree (Lukes, *Efficient algorithm for the partitioning of trees*, IBM J.
Res. Dev. 18, 1974): per node and per size ``s`` of the part that holds it, the best value of its
subtree. With additive values (``v(S) = w(S) - F`` for 2 or more members, 0 alone; see
``_additive``) a part's value is known as soon as it is closed, so the table has ``k`` entries
per node and the whole run is ``O(n k^2)``.

The search draws random spanning trees (random edge weights, Kruskal) and solves each exactly.
Every other tree is drawn *around the best partition so far*: the edges inside its groups come
first, so that partition is one of the tree's and the answer can only improve, while the random
edges between groups let groups trade members; this is the spanning-tree "recombination" move of
redistricting (DeFord, Duchin & Solomon, *Recombination: a family of Markov chains for
redistricting*, Harvard Data Science Review 3(1), 2021), used here as a local search with an
exact move. Measured on afval (7.3), the whole country, k=6: 70.576,3 k€/yr in under 1 s where
the greedy merge and 60 s of set packing reached 69.890,1.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._additive import graph_components

__all__ = ["best_tree_partition", "spanning_tree", "tree_search"]

_NONE = -1e300


def best_tree_partition(
    tree: Sequence[Sequence[int]],
    weights: Sequence[float],
    cost: float,
    max_size: int,
    nodes: Sequence[int],
) -> tuple[float, list[list[int]]]:
    """The best partition of one tree (adjacency lists, ``nodes`` its vertices) into subtrees
    of at most ``max_size`` nodes, a part of two or more worth ``sum(w) - cost``, one alone 0.

    >>> path = [[1], [0, 2], [1, 3], [2]]
    >>> best_tree_partition(path, [5.0, 5.0, 5.0, 5.0], 4.0, 2, [0, 1, 2, 3])
    (12.0, [[0, 1], [2, 3]])
    """
    k = max_size
    root = nodes[0]
    parent = {root: -1}
    order = []
    stack = [root]
    while stack:
        v = stack.pop()
        order.append(v)
        for u in tree[v]:
            if u not in parent:
                parent[u] = v
                stack.append(u)
    table: dict[int, list[float]] = {}
    steps: dict[int, list[tuple[int, list[int]]]] = {}
    closed: dict[int, float] = {}
    closed_size: dict[int, int] = {}
    for v in reversed(order):
        current = [_NONE] * (k + 1)
        current[1] = weights[v]
        history: list[tuple[int, list[int]]] = []
        for child in tree[v]:
            if child == parent[v]:
                continue
            below, cut = table[child], closed[child]
            merged = [x + cut if x > _NONE else _NONE for x in current]
            choice = [0] * (k + 1)  # size taken from the child's part (0: cut the edge)
            for s1 in range(1, k):
                a = current[s1]
                if a <= _NONE:
                    continue
                for s2 in range(1, k - s1 + 1):
                    b = below[s2]
                    if b > _NONE and a + b > merged[s1 + s2]:
                        merged[s1 + s2] = a + b
                        choice[s1 + s2] = s2
            history.append((child, choice))
            current = merged
        table[v], steps[v] = current, history
        best, size = _NONE, 1
        for s in range(1, k + 1):
            if current[s] > _NONE:
                value = current[s] - (cost if s >= 2 else weights[v])
                if value > best:
                    best, size = value, s
        closed[v], closed_size[v] = best, size
    parts: list[list[int]] = []
    todo: list[tuple[int, int, int]] = [(root, closed_size[root], -1)]
    while todo:
        v, s, part = todo.pop()
        if part < 0:
            part = len(parts)
            parts.append([])
        parts[part].append(v)
        for child, choice in reversed(steps[v]):
            taken = choice[s]
            if taken == 0:
                todo.append((child, closed_size[child], -1))
            else:
                todo.append((child, taken, part))
                s -= taken
    return closed[root], sorted(sorted(p) for p in parts)


#: Hops around a random gemeente within which ``_ruin`` breaks up the groups.
RUIN_HOPS = 2


def _ruin(
    groups: list[list[int]], adjacency: Sequence[Sequence[int]], rng: np.random.Generator
) -> list[list[int]]:
    """The groups minus those that meet the ball of RUIN_HOPS hops around a random node."""
    centre = int(rng.integers(len(adjacency)))
    ball, frontier = {centre}, [centre]
    for _ in range(RUIN_HOPS):
        frontier = [u for v in frontier for u in adjacency[v] if u not in ball]
        ball.update(frontier)
    return [g for g in groups if ball.isdisjoint(g)]


def spanning_tree(n: int, edges: NDArray[np.int64], key: NDArray[np.float64]) -> list[list[int]]:
    """Kruskal's spanning forest (adjacency lists) taking the edges in the order of ``key``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tree: list[list[int]] = [[] for _ in range(n)]
    for e in np.argsort(key, kind="stable").tolist():
        a, b = int(edges[e, 0]), int(edges[e, 1])
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            tree[a].append(b)
            tree[b].append(a)
    return tree


def _random_tree(
    n: int,
    edges: NDArray[np.int64],
    rng: np.random.Generator,
    owner: NDArray[np.int64] | None,
) -> list[list[int]]:
    """A random spanning forest (Kruskal on random weights); with ``owner`` (group per node,
    -1 alone) the edges inside groups come first, so each group stays one subtree."""
    key = rng.random(len(edges))
    if owner is not None:
        left, right = owner[edges[:, 0]], owner[edges[:, 1]]
        key += np.where((left == right) & (left >= 0), 0.0, 1.0)
    return spanning_tree(n, edges, key)


def tree_search(
    adjacency: Sequence[Sequence[int]],
    weights: NDArray[np.float64],
    cost: float,
    max_size: int,
    *,
    deadline: float,
    seed: int = 0,
    stall: int = 200,
    start: Sequence[Sequence[int]] = (),
    target: float = float("inf"),
    restart: bool = False,
) -> tuple[float, list[list[int]]]:
    """Best partition (groups of two or more, node numbers) found by exact tree partitioning
    on random spanning trees, and its additive value; stops after ``stall`` trees without an
    improvement or at ``deadline`` (a ``time.perf_counter()`` value), after at least two trees.

    ``start`` is an optional partition (groups of nodes) to improve on; the search also stops
    once it reaches ``target`` (a proven bound: nothing better exists). With ``restart`` it
    does not stop after ``stall`` trees but ruins part of the best partition and goes on until
    the deadline (iterated local search; Lourenço, Martin & Stützle, *Iterated local search*,
    Handbook of Metaheuristics, 2003). Deterministic for a given ``seed`` unless the deadline
    stops it first (with ``restart`` it always does, short of the target).
    """
    n = len(adjacency)
    edges = np.array(
        [(a, b) for a in range(n) for b in adjacency[a] if a < b], dtype=np.int64
    ).reshape(-1, 2)
    comps = graph_components(adjacency)
    w = [float(x) for x in weights]
    rng = np.random.default_rng(seed)
    best_value, best_groups = _NONE, [list(g) for g in start if len(g) >= 2]
    if best_groups:
        best_value = float(sum(weights[g].sum() - cost for g in best_groups))
    current_value, current = best_value, best_groups
    since, tries = 0, 0
    while best_value < target and (tries < 2 or time.perf_counter() < deadline):
        if since >= stall:
            if not restart:
                break
            # Iterated local search: ruin the best partition around a random gemeente (its
            # groups within RUIN_HOPS steps break up) and search on from there.
            current = _ruin(best_groups, adjacency, rng)
            current_value = float(sum(weights[g].sum() - cost for g in current))
            since = 0
        owner = None
        if current and tries % 2:
            owner = np.full(n, -1, dtype=np.int64)
            for i, g in enumerate(current):
                owner[g] = i
        tree = _random_tree(n, edges, rng, owner)
        value, groups = 0.0, list[list[int]]()
        for comp in comps:
            v, parts = best_tree_partition(tree, w, cost, max_size, comp)
            value += v
            groups.extend(p for p in parts if len(p) >= 2)
        tries += 1
        if value > current_value + 1e-9 * max(1.0, abs(value)):
            current_value, current, since = value, groups, 0
            if value > best_value:
                best_value, best_groups = value, groups
        else:
            since += 1
    return (best_value if best_groups else 0.0), best_groups
