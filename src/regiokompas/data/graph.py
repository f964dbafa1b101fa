"""The neighbour graph of gemeenten: land borders with their length, and water links."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

__all__ = ["Neighbour", "NeighbourGraph"]


@dataclass(frozen=True)
class Neighbour:
    """An edge seen from one side: the other gemeente and what links them."""

    code: str
    soort: str  # "land" or "water"
    grens_km: float
    afstand_km: float
    toelichting: str


class NeighbourGraph:
    """Undirected graph over gm_codes; immutable after construction.

    >>> g = NeighbourGraph.from_pairs(["A", "B", "C"], pd.DataFrame(
    ...     {"gm_code_a": ["A", "B"], "gm_code_b": ["B", "C"], "soort": ["land", "water"],
    ...      "grens_km": [1.5, 0.0], "afstand_km": [0.0, 3.0], "toelichting": ["", "veer"]}))
    >>> g.is_connected(["A", "C"])
    False
    >>> g.components(["A", "C"])
    [['A'], ['C']]
    """

    def __init__(self, nodes: Iterable[str], edges: dict[str, dict[str, Neighbour]]) -> None:
        self.nodes: tuple[str, ...] = tuple(nodes)
        self._edges = edges

    @classmethod
    def from_pairs(cls, nodes: list[str], pairs: pd.DataFrame) -> NeighbourGraph:
        """Build from the bundle's ``buren`` table."""
        edges: dict[str, dict[str, Neighbour]] = {n: {} for n in nodes}
        for a, b, soort, grens, afstand, why in pairs[
            ["gm_code_a", "gm_code_b", "soort", "grens_km", "afstand_km", "toelichting"]
        ].itertuples(index=False):
            note = "" if not isinstance(why, str) else why
            edges[a][b] = Neighbour(b, soort, float(grens), float(afstand), note)
            edges[b][a] = Neighbour(a, soort, float(grens), float(afstand), note)
        return cls(nodes, edges)

    def neighbours(self, code: str, *, water: bool = True) -> list[Neighbour]:
        """Neighbours of ``code``, longest shared border first, water links last."""
        found = [n for n in self._edges[code].values() if water or n.soort == "land"]
        return sorted(found, key=lambda n: (n.soort != "land", -n.grens_km, n.code))

    def adjacent(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` share a border or a water link."""
        return b in self._edges.get(a, {})

    def degree(self, code: str) -> int:
        """Number of neighbours (land and water)."""
        return len(self._edges[code])

    def components(self, members: Iterable[str]) -> list[list[str]]:
        """Connected parts of the subgraph induced by ``members``, each sorted, largest first."""
        todo = set(members)
        parts: list[list[str]] = []
        while todo:
            start = min(todo)
            todo.discard(start)
            part = [start]
            queue = deque([start])
            while queue:
                for n in self._edges[queue.popleft()]:
                    if n in todo:
                        todo.discard(n)
                        part.append(n)
                        queue.append(n)
            parts.append(sorted(part))
        return sorted(parts, key=lambda p: (-len(p), p[0]))

    def is_connected(self, members: Iterable[str]) -> bool:
        """Whether ``members`` form one connected group (an empty group is not)."""
        return len(self.components(members)) == 1

    def subgraph(self, members: Iterable[str]) -> NeighbourGraph:
        """The graph induced by ``members``."""
        keep = set(members)
        edges = {
            n: {m: e for m, e in self._edges[n].items() if m in keep}
            for n in self.nodes
            if n in keep
        }
        return NeighbourGraph([n for n in self.nodes if n in keep], edges)

    def edge_list(self) -> list[tuple[str, str]]:
        """Each undirected edge once, as a sorted pair."""
        return sorted({tuple(sorted((a, b))) for a in self._edges for b in self._edges[a]})  # type: ignore[misc]
