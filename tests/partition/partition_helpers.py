"""Helpers for the optimiser tests: a scorer on real data and an exhaustive reference."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np


def region(ds, regiotype: str, code: str) -> list[str]:
    rows = ds.regio[(ds.regio["regiotype"] == regiotype) & (ds.regio["regio_code"] == code)]
    return sorted(rows["gm_code"])


def scale_scorer(ds, taakveld: str, fixed: float, per_member: float, quadratic: float = 0.0):
    """Synthetic but real-data scorer: 30% of each member's Iv3 lasten (jaarrekening 2024)
    shrinks with the group's population (elasticity 0.1), minus transaction costs."""
    lasten = ds.lasten[
        (ds.lasten["document"] == "jaarrekening")
        & (ds.lasten["jaar"] == 2024)
        & (ds.lasten["taakveld"] == taakveld)
    ].set_index("gm_code")["lasten_keur"]
    pop = ds.gemeenten.set_index("gm_code")["inwoners_2023"]

    def value(members: Sequence[str]) -> float:
        if len(members) < 2:
            return 0.0
        total = sum(float(pop[c]) for c in members)
        saving = sum(
            0.3 * float(lasten.get(c, 0.0)) * (1 - (float(pop[c]) / total) ** 0.1) for c in members
        )
        n = len(members)
        return saving - fixed - per_member * n - quadratic * n * (n - 1) / 2

    def scorer(groups: np.ndarray, nodes: Sequence[str]) -> np.ndarray:
        return np.array([value([nodes[i] for i in row if i >= 0]) for row in groups])

    scorer.value = value  # type: ignore[attr-defined]
    return scorer


def set_partitions(items: list[str]) -> Iterator[list[list[str]]]:
    """Every partition of ``items`` (Bell-number many), by inserting the first item."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in set_partitions(rest):
        for i in range(len(smaller)):
            yield [*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]]
        yield [[first], *smaller]


def brute_force(
    ds,
    members: list[str],
    value: Callable[[Sequence[str]], float],
    max_size: int,
    *,
    min_size: int = 1,
    allowed: Callable[[list[str]], bool] = lambda block: True,
) -> tuple[float, list[list[str]]]:
    """Best total value over all partitions into connected blocks that satisfy the rules."""
    cache: dict[frozenset[str], float | None] = {}

    def block_value(block: list[str]) -> float | None:
        key = frozenset(block)
        if key not in cache:
            ok = (
                len(block) <= max_size
                and (len(block) >= min_size)
                and ds.graph.is_connected(block)
                and allowed(block)
            )
            cache[key] = value(sorted(block)) if ok else None
        return cache[key]

    best, best_partition = -np.inf, []
    for partition in set_partitions(members):
        total = 0.0
        for block in partition:
            v = block_value(block)
            if v is None:
                break
            total += v
        else:
            if total > best + 1e-9:
                best, best_partition = total, partition
    return best, best_partition


def all_connected(ds, groups) -> bool:
    return all(ds.graph.is_connected(g) for g in groups)


def plain_greedy(ds, members: list[str], value: Callable[[Sequence[str]], float], k: int) -> float:
    """Reference greedy merge: start alone, merge the neighbouring pair of groups whose union
    (at most ``k`` gemeenten) gains most, until no merge gains; the total value it ends with."""
    edges = [(a, b) for a, b in ds.graph.edge_list() if a in set(members) and b in set(members)]
    owner = {c: (c,) for c in members}
    while True:
        best_gain, best_pair = 1e-9, None
        for a, b in edges:
            ga, gb = owner[a], owner[b]
            if ga == gb or len(ga) + len(gb) > k:
                continue
            gain = value(sorted(ga + gb)) - value(list(ga)) - value(list(gb))
            if gain > best_gain:
                best_gain, best_pair = gain, (ga, gb)
        if best_pair is None:
            break
        merged = best_pair[0] + best_pair[1]
        for c in merged:
            owner[c] = merged
    return sum(value(list(g)) for g in set(owner.values()))


def random_graph(rng: np.random.Generator, n: int, extra: int) -> list[list[int]]:
    """A random connected graph as adjacency lists: a random tree plus ``extra`` random edges."""
    adjacency: list[set[int]] = [set() for _ in range(n)]
    for v in range(1, n):
        u = int(rng.integers(0, v))
        adjacency[u].add(v)
        adjacency[v].add(u)
    for _ in range(extra):
        a, b = (int(x) for x in rng.choice(n, 2, replace=False))
        adjacency[a].add(b)
        adjacency[b].add(a)
    return [sorted(a) for a in adjacency]


def connected(block: list[int], adjacency: list[list[int]]) -> bool:
    """Whether ``block`` (node numbers) is connected in the graph."""
    inside, seen, stack = set(block), {block[0]}, [block[0]]
    while stack:
        for u in adjacency[stack.pop()]:
            if u in inside and u not in seen:
                seen.add(u)
                stack.append(u)
    return len(seen) == len(block)
