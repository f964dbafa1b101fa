"""Enumeration of all connected induced subgraphs up to ``k`` nodes.

Method: ESU ("EnumerateSubgraphs"), S. Wernicke, *Efficient detection of network motifs*,
IEEE/ACM TCBB 3(4), 2006, Algorithm 1. Each connected vertex set is produced exactly once: it
is grown from its smallest vertex ``v`` and a vertex joins the extension set only when it is
larger than ``v`` and lies in the *exclusive* neighbourhood of the newest vertex (adjacent to
it but not to the set grown so far). Output is a padded integer matrix so that scoring,
dominance tests and model building stay vectorised.

>>> groups = connected_groups([[1], [0, 2], [1]], 3)
>>> sorted(tuple(int(x) for x in row if x >= 0) for row in groups)
[(0,), (0, 1), (0, 1, 2), (1,), (1, 2), (2,)]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._errors import EnumerationLimitError

__all__ = ["connected_groups", "group_sizes", "groups_containing"]


def connected_groups(
    adjacency: Sequence[Sequence[int]], k: int, limit: int | None = None
) -> NDArray[np.int32]:
    """All connected vertex sets of 1..``k`` vertices, one per row, sorted, padded with -1.

    ``adjacency[i]`` lists the neighbours of vertex ``i`` (vertices are ``0..n-1``).
    ``limit``: the most groups the caller accepts; with more, :class:`EnumerationLimitError`
    is raised as soon as the limit is passed, so memory and time stay bounded by the limit
    (a national enumeration at large group sizes would otherwise grow without bound).
    """
    if k < 1:
        return np.empty((0, 1), dtype=np.int32)
    adj = [list(a) for a in adjacency]
    found: list[tuple[int, ...]] = []
    append = found.append
    most = limit if limit is not None else -1

    def extend(sub: tuple[int, ...], ext: list[int], closed: set[int], root: int) -> None:
        append(sub)
        if len(found) == most + 1:
            raise EnumerationLimitError(most, k)
        if len(sub) == k:
            return
        ext = list(ext)
        while ext:
            w = ext.pop()
            new_ext = ext + [u for u in adj[w] if u > root and u not in closed]
            extend((*sub, w), new_ext, closed.union(adj[w]), root)

    for v in range(len(adj)):
        closed = set(adj[v])
        closed.add(v)
        extend((v,), [u for u in adj[v] if u > v], closed, v)
    return _to_matrix(found, k)


def groups_containing(adjacency: Sequence[Sequence[int]], k: int, node: int) -> NDArray[np.int32]:
    """All connected vertex sets of 1..``k`` vertices that contain ``node`` (same layout).

    ESU rooted at ``node`` without the "larger than the root" rule: every set is grown from
    ``node`` and reached once, because extension still only takes exclusive neighbours.
    """
    if k < 1:
        return np.empty((0, 1), dtype=np.int32)
    adj = [list(a) for a in adjacency]
    found: list[tuple[int, ...]] = []

    def extend(sub: tuple[int, ...], ext: list[int], closed: set[int]) -> None:
        found.append(sub)
        if len(sub) == k:
            return
        ext = list(ext)
        while ext:
            w = ext.pop()
            new_ext = ext + [u for u in adj[w] if u not in closed]
            extend((*sub, w), new_ext, closed.union(adj[w]))

    closed = set(adj[node])
    closed.add(node)
    extend((node,), list(adj[node]), closed)
    return _to_matrix(found, k)


def _to_matrix(found: list[tuple[int, ...]], k: int) -> NDArray[np.int32]:
    out = np.full((len(found), k), -1, dtype=np.int32)
    for size in range(1, k + 1):
        rows = [i for i, g in enumerate(found) if len(g) == size]
        if rows:
            block = np.array([sorted(found[i]) for i in rows], dtype=np.int32)
            out[rows, :size] = block
    return out


def group_sizes(groups: NDArray[np.int32]) -> NDArray[np.int64]:
    """Number of members per row of a padded group matrix."""
    return np.asarray((groups >= 0).sum(axis=1), dtype=np.int64)
