"""The spanning-tree recombination for any group values (``_treepack``), against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from partition_helpers import connected, random_graph, set_partitions

from regiokompas.partition._enumerate import connected_groups
from regiokompas.partition._treepack import edge_guide, recombine, tree_packing
from regiokompas.partition._treesearch import _random_tree


def _edges(adjacency: list[list[int]]) -> np.ndarray:
    return np.array([(u, w) for u, a in enumerate(adjacency) for w in a if u < w], dtype=np.int64)


def _groups(adjacency: list[list[int]], k: int) -> np.ndarray:
    groups = connected_groups(adjacency, k)
    return groups[(groups >= 0).sum(axis=1) >= 2]


def _best(adjacency: list[list[int]], groups: np.ndarray, values: np.ndarray) -> float:
    """Best total over all partitions whose blocks are rows of ``groups`` (or single nodes)."""
    value_of = {
        frozenset(int(x) for x in row if x >= 0): float(v)
        for row, v in zip(groups, values, strict=True)
    }
    best = -np.inf
    for partition in set_partitions(list(range(len(adjacency)))):
        total = 0.0
        for block in partition:
            if len(block) == 1:
                continue
            if frozenset(block) not in value_of:
                break
            total += value_of[frozenset(block)]
        else:
            best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_tree_packing_is_the_best_partition_of_the_tree(seed: int) -> None:
    # On a tree, the candidate groups are exactly its subtrees: the DP must equal brute force
    # over all partitions, for values that are not additive (random per group, some negative).
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 9))
    tree = random_graph(rng, n, 0)
    groups = _groups(tree, int(rng.integers(2, 5)))
    values = rng.normal(1.0, 2.0, len(groups))
    value, rows = tree_packing(tree, groups, values)
    assert value == pytest.approx(_best(tree, groups, values))
    assert value == pytest.approx(values[rows].sum())
    members = groups[rows][groups[rows] >= 0]
    assert len(members) == len(set(members.tolist()))  # disjoint


@pytest.mark.parametrize("seed", range(20))
def test_tree_packing_ignores_groups_that_are_no_subtree(seed: int) -> None:
    # The groups of the whole graph on one spanning tree: only the tree's subtrees count.
    rng = np.random.default_rng(100 + seed)
    graph = random_graph(rng, 7, 4)
    groups = _groups(graph, 3)
    values = rng.uniform(0.0, 3.0, len(groups))
    tree = _random_tree(7, _edges(graph), rng, None)
    in_tree = np.array([connected([int(u) for u in row if u >= 0], tree) for row in groups])
    value, rows = tree_packing(tree, groups, values)
    assert set(rows.tolist()) <= set(np.flatnonzero(in_tree).tolist())
    assert value == pytest.approx(_best(graph, groups[in_tree], values[in_tree]))


@pytest.mark.parametrize("seed", range(25))
def test_recombination_finds_the_optimum_of_small_graphs(seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    n = int(rng.integers(5, 9))
    graph = random_graph(rng, n, int(rng.integers(1, 5)))
    groups = _groups(graph, int(rng.integers(2, 5)))
    # Not additive: a value per group with a bonus for some sizes.
    sizes = (groups >= 0).sum(axis=1)
    values = rng.normal(0.5, 1.5, len(groups)) + np.where(sizes == 3, 1.0, 0.0)
    value, rows = recombine(_edges(graph), groups, values, n, deadline=np.inf, seed=seed)
    assert value == pytest.approx(values[rows].sum())
    assert value == pytest.approx(_best(graph, groups, values))


def test_recombination_never_ends_below_its_start_and_keeps_within_the_reduced_costs() -> None:
    rng = np.random.default_rng(7)
    graph = random_graph(rng, 8, 4)
    groups = _groups(graph, 4)
    values = rng.uniform(-1.0, 4.0, len(groups))
    start = [int(np.argmax(values))]
    value, rows = recombine(_edges(graph), groups, values, 8, start=start, deadline=np.inf, stall=1)
    assert value >= values[start].sum()
    # Reduced costs that rule out every group but the start's: the start comes back.
    reduced = np.full(len(groups), -100.0)
    reduced[start] = 0.0
    value, rows = recombine(
        _edges(graph),
        groups,
        values,
        8,
        start=start,
        reduced=reduced,
        bound=values[start].sum(),
        deadline=np.inf,
    )
    assert rows.tolist() == start


def test_edge_guide_sums_the_groups_holding_both_ends() -> None:
    edges = np.array([[0, 1], [1, 2], [2, 3]])
    groups = np.array([[0, 1, 2], [1, 2, -1], [2, 3, -1]], dtype=np.int32)
    guide = edge_guide(edges, groups, np.array([0.5, 0.25, 1.0]), 4)
    assert guide.tolist() == [0.5, 0.75, 1.0]


def test_a_graph_without_edges_keeps_everyone_alone() -> None:
    edges = np.zeros((0, 2), dtype=np.int64)
    groups = np.zeros((0, 2), dtype=np.int32)
    guide = edge_guide(edges, groups, np.zeros(0), 3)
    value, rows = recombine(edges, groups, np.zeros(0), 3, guide=guide, deadline=np.inf)
    assert value == 0.0 and rows.tolist() == []
