"""An estimate of how many connected groups the enumeration would produce, before running it.

The enumeration of :func:`~regiokompas.partition.connected_groups` grows roughly fivefold per
extra member on the national graph (342 gemeenten: 392,451 groups up to 6, about ten million up
to 8), so a caller that must bound its work asks for this estimate first and refuses what is
too large. Method: D. E. Knuth (1975), "Estimating the efficiency of backtrack programs",
Math. Comp. 29(129), 121-136 — walk random root-to-leaf paths through the search tree of the
ESU enumeration (Wernicke 2006) and add up the products of the branching factors met; the mean
over the probes is an unbiased estimate of the number of tree nodes, and every node of that
tree is one connected group. The cost is ``probes × k`` steps, independent of the count.

>>> path = [[1], [0, 2], [1, 3], [2]]  # 4 vertices in a row: 4 + 3 + 2 + 1 connected groups
>>> round(estimate_group_count(path, 4, probes=4000))
10
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["estimate_group_count"]


def estimate_group_count(
    adjacency: Sequence[Sequence[int]], k: int, *, probes: int = 3000, seed: int = 0
) -> float:
    """Estimated number of connected vertex sets of 1..``k`` vertices (Knuth's estimator)."""
    n = len(adjacency)
    if n == 0 or k < 1:
        return 0.0
    rng = np.random.default_rng(seed)
    roots = rng.integers(0, n, size=probes)
    total = 0.0
    for root in roots.tolist():
        closed = set(adjacency[root])
        closed.add(root)
        ext = [u for u in adjacency[root] if u > root]
        size, weight, count = 1, float(n), float(n)  # the n roots are the first level
        while size < k and ext:
            branching = len(ext)
            weight *= branching
            count += weight
            # Child i of an ESU node takes ext[-1 - i] and keeps ext[: len - 1 - i].
            i = int(rng.integers(0, branching))
            w = ext[branching - 1 - i]
            ext = ext[: branching - 1 - i] + [
                u for u in adjacency[w] if u > root and u not in closed
            ]
            closed.update(adjacency[w])
            size += 1
        total += count
    return total / probes
