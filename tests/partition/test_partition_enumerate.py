"""ESU enumeration and dominance against brute force on small graphs."""

from __future__ import annotations

import itertools
from collections import deque

import numpy as np
import pytest

from regiokompas.partition import EnumerationLimitError, connected_groups, groups_containing
from regiokompas.partition._dominance import best_split_values


def _connected(members: tuple[int, ...], adj: list[list[int]]) -> bool:
    todo = set(members)
    start = members[0]
    seen = {start}
    queue = deque([start])
    while queue:
        for nb in adj[queue.popleft()]:
            if nb in todo and nb not in seen:
                seen.add(nb)
                queue.append(nb)
    return seen == todo


def _brute(adj: list[list[int]], k: int) -> set[tuple[int, ...]]:
    n = len(adj)
    return {
        combo
        for size in range(1, k + 1)
        for combo in itertools.combinations(range(n), size)
        if _connected(combo, adj)
    }


def _random_graph(n: int, p: float, seed: int) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in itertools.combinations(range(n), 2):
        if rng.random() < p:
            adj[a].append(b)
            adj[b].append(a)
    return adj


def _rows(matrix: np.ndarray) -> list[tuple[int, ...]]:
    return [tuple(int(x) for x in row if x >= 0) for row in matrix]


@pytest.mark.parametrize(
    ("n", "p", "k", "seed"), [(9, 0.35, 4, 1), (10, 0.3, 5, 2), (8, 0.6, 8, 3)]
)
def test_esu_finds_every_connected_set_once(n: int, p: float, k: int, seed: int) -> None:
    adj = _random_graph(n, p, seed)
    rows = _rows(connected_groups(adj, k))
    assert len(rows) == len(set(rows))  # each set exactly once
    assert set(rows) == _brute(adj, k)


def test_rooted_esu_equals_filtered_brute_force() -> None:
    adj = _random_graph(10, 0.35, 7)
    for node in (0, 4, 9):
        rows = _rows(groups_containing(adj, 4, node))
        assert len(rows) == len(set(rows))
        assert set(rows) == {g for g in _brute(adj, 4) if node in g}


def test_real_graph_counts_match_brute_force(ds) -> None:
    # Utrecht's veiligheidsregio: 26 gemeenten; count connected sets up to 4 by brute force.
    members = sorted(
        ds.regio.query("regiotype == 'veiligheidsregio' and regio_code == 'VR09'")["gm_code"]
    )
    index = {c: i for i, c in enumerate(members)}
    adj = [[index[n.code] for n in ds.graph.neighbours(c) if n.code in index] for c in members]
    assert len(connected_groups(adj, 4)) == len(_brute(adj, 4))


def test_split_value_is_best_partition_into_connected_parts() -> None:
    # Path 0-1-2-3 with hand-set values; best partition of each group checked by hand.
    adj = [[1], [0, 2], [1, 3], [2]]
    groups = connected_groups(adj, 4)
    rows = _rows(groups)
    value = {
        (0, 1): 5.0,
        (1, 2): 1.0,
        (2, 3): 4.0,
        (0, 1, 2): 3.0,
        (1, 2, 3): 6.0,
        (0, 1, 2, 3): 8.0,
    }
    values = np.array([value.get(r, 0.0) for r in rows])
    split = dict(zip(rows, best_split_values(groups, values, 4).value, strict=True))
    assert split[(0, 1)] == 0.0  # only {0},{1}
    assert split[(0, 1, 2)] == 5.0  # {0,1}+{2}
    assert split[(1, 2, 3)] == 4.0  # {1}+{2,3}
    assert split[(0, 1, 2, 3)] == 9.0  # {0,1}+{2,3} beats 8, so the whole path is dominated


def test_enumeration_stops_at_its_limit() -> None:
    # A 4 x 4 grid: every connected set of up to 4 cells, counted by the unlimited run.
    adj = [
        [
            j
            for j in (i - 4, i + 4, i - 1 if i % 4 else -1, i + 1 if i % 4 != 3 else -1)
            if 0 <= j < 16
        ]
        for i in range(16)
    ]
    everything = connected_groups(adj, 4)
    exact = len(everything)
    assert np.array_equal(connected_groups(adj, 4, limit=exact), everything)
    with pytest.raises(EnumerationLimitError) as caught:
        connected_groups(adj, 4, limit=exact - 1)
    assert caught.value.limit == exact - 1
    assert "samenhangende groepen" in caught.value.nl and "connected groups" in caught.value.en
