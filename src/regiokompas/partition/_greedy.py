"""Greedy pair merge: a fast starting partition for the exact solver.

Start with every gemeente alone and repeatedly merge the two neighbouring groups whose union
gains the most, while the union stays within the size limit and is an allowed group (the
agglomerative heuristic of districting, e.g. Ricca, Scozzari & Simeone, *Political
districting: from classical models to recent approaches*, Ann. Oper. Res. 204, 2013). Groups
that dominance removed are then replaced by their best split, which is worth at least as much.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._dominance import GroupIndex, Splits, group_keys

__all__ = ["greedy_merge", "resolve_dominated"]


def greedy_merge(
    adjacency: Sequence[Sequence[int]],
    values: NDArray[np.float64],
    index: GroupIndex,
    bits: int,
    max_size: int,
    prefer_small: bool = False,
    seed: int | None = None,
) -> list[int]:
    """Rows (in the matrix ``index`` was built from) of the groups of size >= 2 it ends with.

    Gains that tie (to 1e-6 k€; common when savings are additive and a merge only saves one
    set of governance costs) are broken by the first group's number, or with ``prefer_small``
    by the smaller union first, which keeps groups growing evenly; with ``seed`` at random
    (a fixed seed, so the result is reproducible).
    """
    jitter = np.random.default_rng(seed).random(len(adjacency)) if seed is not None else None
    n = len(adjacency)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    row_of: dict[int, int] = {}
    single = index.find(group_keys([[i] for i in range(n)], bits))
    for i in range(n):
        row_of[i] = int(single[i])

    def value(group: int) -> float:
        row = row_of[group]
        return float(values[row]) if row >= 0 else 0.0

    def gains_for(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[float, int]]:
        pairs = [p for p in pairs if len(members[p[0]]) + len(members[p[1]]) <= max_size]
        if not pairs:
            return {}
        rows = index.find(group_keys([members[a] + members[b] for a, b in pairs], bits))
        out = {}
        for (a, b), row in zip(pairs, rows, strict=True):
            if row >= 0:
                out[(a, b)] = (float(values[row]) - value(a) - value(b), int(row))
        return out

    def neighbour_pairs(group: int) -> list[tuple[int, int]]:
        found = {owner[j] for i in members[group] for j in adjacency[i]} - {group}
        return [(min(group, o), max(group, o)) for o in found]

    def rank(pair: tuple[int, int], gain: tuple[float, int]) -> tuple[float, int, float]:
        size = len(members[pair[0]]) + len(members[pair[1]]) if prefer_small else 0
        tie = float(jitter[pair[0]] + jitter[pair[1]]) if jitter is not None else -pair[0]
        return (round(gain[0], 6), -size, tie)

    gains = gains_for(sorted({p for g in range(n) for p in neighbour_pairs(g)}))
    while gains:
        (a, b), (gain, row) = max(gains.items(), key=lambda item: rank(*item))
        if gain <= 1e-9:
            break
        members[a] = members[a] + members.pop(b)
        for i in members[a]:
            owner[i] = a
        row_of[a] = row
        gains = {p: g for p, g in gains.items() if a not in p and b not in p}
        gains.update(gains_for(neighbour_pairs(a)))
    return [row_of[g] for g in members if len(members[g]) >= 2 and row_of[g] >= 0]


def resolve_dominated(rows: list[int], kept: NDArray[np.bool_], splits: Splits) -> list[int]:
    """Replace each row that is not kept by the halves of its best split, recursively."""
    out: list[int] = []
    todo = list(rows)
    while todo:
        row = todo.pop()
        if kept[row]:
            out.append(row)
        elif splits.part_a[row] >= 0:
            todo.extend([int(splits.part_a[row]), int(splits.part_b[row])])
    return out
