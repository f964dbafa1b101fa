"""Cost games from the savings engine: what every sub-coalition of a group would cost.

The cost of coalition ``S`` is its members' current spending on the taakvelden minus what they
save by cooperating plus the transaction cost of doing so: ``c(S) = Σ_{i∈S} standalone(i) −
net(S)`` with ``net`` the engine's vectorised ``group_values`` (expected annual steady-state
saving minus governance cost, at autonomy price 0) — the same definition as the engine's
``coalition_cost``. With ``graph`` given, only connected coalitions cooperate: a coalition that
is not connected costs the sum of its connected parts. Costs are in k€ per year.

The components of all ``2**n`` coalitions are found at once on bitmasks: the part containing a
coalition's lowest member grows by neighbour masks until it stops changing, and a disconnected
coalition then costs that part plus the (smaller) rest, filled in by increasing size.

>>> class Flat:  # every group saves 10% of its spending, 1 k€ per extra partner
...     def standalone_cost(self, code, taakvelden): return {"A": 100.0, "B": 50.0}[code]
...     def group_values(self, groups, taakvelden, vorm, autonomy_price=0.0):
...         return np.array([0.1 * sum(self.standalone_cost(g, taakvelden) for g in grp)
...                          - (len(grp) - 1) for grp in groups])
>>> engine_game(Flat(), ["A", "B"], ["0.4"]).costs.tolist()
[0.0, 100.0, 50.0, 136.0]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from regiokompas.sharing._errors import SharingError
from regiokompas.sharing.game import CostGame

__all__ = ["MAX_ENGINE_PLAYERS", "CoalitionCostModel", "engine_batch_cost", "engine_game"]

FloatArray = npt.NDArray[np.float64]

#: Largest group for which every sub-coalition is scored (2**18 = 262,144 coalitions).
MAX_ENGINE_PLAYERS = 18


class CoalitionCostModel(Protocol):
    """What a cost game needs from the savings engine (``regiokompas.savings.SavingsEngine``)."""

    def standalone_cost(self, code: str, taakvelden: Sequence[str]) -> float:
        """Current annual lasten (k€) of one gemeente on the taakvelden."""
        ...

    def group_values(
        self,
        groups: Sequence[Sequence[str]],
        taakvelden: Sequence[str],
        vorm: str,
        autonomy_price: float = 0.0,
    ) -> FloatArray:
        """Net annual value (k€) of each group cooperating; 0 for a singleton."""
        ...


class _Graph(Protocol):
    def adjacent(self, a: str, b: str) -> bool: ...


def _lowest_part(masks: npt.NDArray[np.int64], adjacency: list[int]) -> npt.NDArray[np.int64]:
    """For each coalition, the connected part containing its lowest member."""
    part = masks & -masks
    while True:
        grown = part.copy()
        for i, neighbours in enumerate(adjacency):
            has = (part >> i) & 1
            grown |= (has * neighbours) & masks
        if np.array_equal(grown, part):
            return part
        part = grown


def engine_game(
    engine: CoalitionCostModel,
    members: Sequence[str],
    taakvelden: Sequence[str],
    vorm: str = "bedrijfsvoeringsorganisatie",
    *,
    graph: _Graph | None = None,
    names: Callable[[str], str] | None = None,
    naam: str = "",
    bron: str = "",
) -> CostGame:
    """The cost game of a group of gemeenten (codes) on ``taakvelden`` in cooperation form ``vorm``.

    With ``graph`` only connected coalitions cooperate. ``names`` maps a code to a display
    name for the players (default: the code).
    """
    codes = list(dict.fromkeys(members))
    n = len(codes)
    if n < 2:
        raise SharingError(
            "Een verdeling vraagt ten minste twee gemeenten.",
            "An allocation needs at least two gemeenten.",
        )
    if n > MAX_ENGINE_PLAYERS:
        raise SharingError(
            f"Voor {n} gemeenten zijn er te veel coalities om door te rekenen (ten hoogste "
            f"{MAX_ENGINE_PLAYERS}); gebruik een spelbestand of een kleinere groep.",
            f"{n} gemeenten give too many coalitions to evaluate (at most "
            f"{MAX_ENGINE_PLAYERS}); use a game file or a smaller group.",
        )
    alone = np.array([float(engine.standalone_cost(c, list(taakvelden))) for c in codes])
    masks = np.arange(1 << n, dtype=np.int64)
    bits = (masks[:, None] >> np.arange(n)[None, :]) & 1
    size = bits.sum(axis=1)
    spending = bits @ alone
    if graph is None:
        connected = size >= 2
        part = masks
    else:
        adjacency = [
            sum(1 << j for j in range(n) if j != i and graph.adjacent(codes[i], codes[j]))
            for i in range(n)
        ]
        part = _lowest_part(masks, adjacency)
        connected = (part == masks) & (size >= 2)
    net = np.zeros(1 << n)
    groups = np.flatnonzero(connected)
    if groups.size:
        values = engine.group_values(
            [[codes[i] for i in range(n) if m >> i & 1] for m in groups.tolist()],
            list(taakvelden),
            vorm,
            autonomy_price=0.0,
        )
        net[groups] = np.asarray(values, dtype=np.float64)
    costs = spending - net
    if graph is not None:
        # A disconnected coalition costs its lowest part plus the rest; the rest is smaller,
        # so filling in by increasing size always finds it done.
        for k in range(2, n + 1):
            todo = np.flatnonzero((size == k) & (part != masks))
            costs[todo] = costs[part[todo]] + costs[todo ^ part[todo]]
    costs[0] = 0.0
    labels = tuple(names(c) if names else c for c in codes)
    return CostGame(labels, costs, eenheid="k€", naam=naam, bron=bron)


def engine_batch_cost(
    engine: CoalitionCostModel,
    members: Sequence[str],
    taakvelden: Sequence[str],
    vorm: str = "bedrijfsvoeringsorganisatie",
    *,
    graph: _Graph | None = None,
) -> Callable[[npt.NDArray[np.bool_]], FloatArray]:
    """Coalition costs on demand, for groups too large to score every coalition.

    Returns a function from a boolean matrix (rows = coalitions, columns = ``members``) to the
    cost of each row, with the same definition as :func:`engine_game`; each distinct connected
    part is sent to the engine once per call. Used for the sampled Shapley value.
    """
    codes = list(dict.fromkeys(members))
    n = len(codes)
    if n > 62:
        raise SharingError(
            f"Ten hoogste 62 gemeenten per groep (hier {n}).",
            f"At most 62 gemeenten per group (here {n}).",
        )
    alone = np.array([float(engine.standalone_cost(c, list(taakvelden))) for c in codes])
    adjacency = (
        None
        if graph is None
        else [
            sum(1 << j for j in range(n) if j != i and graph.adjacent(codes[i], codes[j]))
            for i in range(n)
        ]
    )
    weights = np.left_shift(np.int64(1), np.arange(n, dtype=np.int64))

    def cost(rows: npt.NDArray[np.bool_]) -> FloatArray:
        spending = rows.astype(np.float64) @ alone
        masks = rows.astype(np.int64) @ weights
        parts: list[npt.NDArray[np.int64]] = []
        rest = masks.copy()
        while rest.any():
            part = rest if adjacency is None else _lowest_part(rest, adjacency)
            parts.append(part)
            rest = rest ^ part
        unique = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
        unique = unique[np.bitwise_count(unique.astype(np.uint64)) >= 2]
        net_of = dict.fromkeys(unique.tolist(), 0.0)
        if unique.size:
            values = engine.group_values(
                [[codes[i] for i in range(n) if m >> i & 1] for m in unique.tolist()],
                list(taakvelden),
                vorm,
                autonomy_price=0.0,
            )
            net_of = dict(
                zip(unique.tolist(), np.asarray(values, dtype=np.float64).tolist(), strict=True)
            )
        net = np.zeros(len(rows))
        for part in parts:
            net += np.array([net_of.get(int(m), 0.0) for m in part.tolist()])
        return np.asarray(spending - net, dtype=np.float64)

    return cost
