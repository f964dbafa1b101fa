"""Small structural helpers: clusters of must-together pairs and independent model parts."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

__all__ = ["cluster_members", "components"]


def cluster_members(clusters: Mapping[str, int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for code, cid in clusters.items():
        out.setdefault(cid, []).append(code)
    return {cid: sorted(m) for cid, m in out.items()}


def components(
    groups: NDArray[np.int32], n: int
) -> list[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """Independent parts: (rows, columns) per connected component of the column overlap."""
    parent = np.arange(n)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = int(parent[root])
        while parent[x] != root:
            parent[x], x = root, int(parent[x])
        return root

    for row in groups:
        members = row[row >= 0]
        first = find(int(members[0]))
        for other in members[1:]:
            root = find(int(other))
            if root != first:
                parent[root] = first
    roots = np.array([find(i) for i in range(n)])
    col_root = roots[groups[:, 0]] if len(groups) else np.zeros(0, dtype=np.int64)
    parts = []
    for root in np.unique(col_root):
        rows = np.flatnonzero(roots == root).astype(np.int64)
        parts.append((rows, np.flatnonzero(col_root == root).astype(np.int64)))
    return parts
