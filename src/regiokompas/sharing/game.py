"""Transferable-utility cost games over bitmask coalitions.

A cost game on players ``0..n-1`` gives every coalition ``S`` a cost ``c(S)`` (``c(∅) = 0``).
Coalition ``S`` is the integer whose bit ``i`` is set when player ``i`` is in it, and the
costs live in one float64 array of length ``2**n`` indexed by that integer. Everything that
touches all coalitions works on blocks of at most ``2**20`` entries, so memory stays at the
game array plus a few megabytes even at 25 players (``2**25`` float64 = 268 MB).

>>> game = CostGame.from_function(["A", "B"], lambda s: float(len(s) and 10 + 5 * (len(s) - 1)))
>>> game.cost(["A", "B"]), game.standalone().tolist()
(15.0, [10.0, 10.0])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from regiokompas.sharing._errors import SharingError

__all__ = ["MAX_EXPLICIT_PLAYERS", "CostGame", "coalition_mask", "mask_members"]

FloatArray = npt.NDArray[np.float64]

#: Largest game kept as an explicit array (2**25 float64 = 268 MB).
MAX_EXPLICIT_PLAYERS = 25

#: Block size (as a power of two) for scans over all coalitions.
_BLOCK_BITS = 20


def coalition_mask(indices: Iterable[int]) -> int:
    """The bitmask of a coalition given by player indices.

    >>> coalition_mask([0, 2])
    5
    """
    mask = 0
    for i in indices:
        mask |= 1 << int(i)
    return mask


def mask_members(mask: int, n: int) -> list[int]:
    """Player indices in a bitmask coalition.

    >>> mask_members(5, 3)
    [0, 2]
    """
    return [i for i in range(n) if mask >> i & 1]


def _popcount_table(bits: int) -> npt.NDArray[np.uint8]:
    """Popcount of every integer below ``2**bits`` (uint8), built by doubling."""
    table = np.zeros(1, dtype=np.uint8)
    for _ in range(bits):
        table = np.concatenate([table, table + np.uint8(1)])
    return table


def _subset_sums(values: FloatArray) -> FloatArray:
    """``out[S] = sum(values[i] for i in S)`` for every bitmask ``S`` over ``len(values)`` bits."""
    out = np.zeros(1, dtype=np.float64)
    for v in values:
        out = np.concatenate([out, out + v])
    return out


def _blocks(n: int) -> Iterator[tuple[int, int, int]]:
    """Split ``range(2**n)`` into blocks: yields ``(start, stop, high)``.

    Within a block the low ``min(n, 20)`` bits run over all values and the high bits are fixed
    to ``high`` (already shifted into place), so per-block quantities are a low-bit table plus a
    constant.
    """
    low = min(n, _BLOCK_BITS)
    size = 1 << low
    for b in range(1 << (n - low)):
        start = b * size
        yield start, start + size, start


@dataclass(frozen=True, eq=False)
class CostGame:
    """A TU cost game with named players; ``costs[mask]`` is the cost of coalition ``mask``.

    ``eenheid`` is the unit of the costs (e.g. "k€" or "€"), ``bron`` where they come from.
    The array is never modified after construction.
    """

    spelers: tuple[str, ...]
    costs: FloatArray
    eenheid: str = "€"
    naam: str = ""
    bron: str = ""

    def __post_init__(self) -> None:
        n = len(self.spelers)
        if n == 0:
            raise SharingError(
                "Een spel heeft ten minste één speler nodig.", "A game needs at least one player."
            )
        if len(set(self.spelers)) != n:
            raise SharingError("Spelers komen dubbel voor.", "Players are duplicated.")
        if n > MAX_EXPLICIT_PLAYERS:
            raise SharingError(
                f"Een volledig uitgeschreven spel kan ten hoogste {MAX_EXPLICIT_PLAYERS} spelers "
                f"hebben (hier {n}).",
                f"An explicit game can have at most {MAX_EXPLICIT_PLAYERS} players (here {n}).",
            )
        costs = np.asarray(self.costs, dtype=np.float64)
        if costs.shape != (1 << n,):
            raise SharingError(
                f"Er zijn {1 << n} coalitiekosten nodig, er zijn er {costs.size}.",
                f"{1 << n} coalition costs are needed, got {costs.size}.",
            )
        if not np.isfinite(costs).all():
            raise SharingError(
                "Coalitiekosten moeten eindige getallen zijn.",
                "Coalition costs must be finite numbers.",
            )
        if costs[0] != 0.0:
            raise SharingError("De lege coalitie kost 0.", "The empty coalition costs 0.")
        costs.setflags(write=False)
        object.__setattr__(self, "costs", costs)

    @classmethod
    def from_function(
        cls,
        spelers: Sequence[str],
        cost: Callable[[tuple[str, ...]], float],
        *,
        eenheid: str = "€",
        naam: str = "",
        bron: str = "",
    ) -> CostGame:
        """Build by calling ``cost(members)`` for every non-empty coalition (members in order).

        >>> CostGame.from_function(["A", "B"], lambda s: max((1.0, 3.0)[["A", "B"].index(p)]
        ...                         for p in s)).costs.tolist()
        [0.0, 1.0, 3.0, 3.0]
        """
        names = tuple(spelers)
        n = len(names)
        values = np.zeros(1 << n, dtype=np.float64)
        for mask in range(1, 1 << n):
            values[mask] = float(cost(tuple(names[i] for i in range(n) if mask >> i & 1)))
        return cls(names, values, eenheid=eenheid, naam=naam, bron=bron)

    # ------------------------------------------------------------------ basic queries

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.spelers)

    @property
    def grand_mask(self) -> int:
        """Bitmask of the grand coalition."""
        return (1 << self.n) - 1

    @property
    def grand_cost(self) -> float:
        """Cost of the whole group cooperating, ``c(N)``."""
        return float(self.costs[self.grand_mask])

    def index(self, speler: str) -> int:
        """Position of a player."""
        try:
            return self.spelers.index(speler)
        except ValueError:
            raise SharingError(
                f"Onbekende speler '{speler}'.", f"Unknown player '{speler}'."
            ) from None

    def mask(self, members: Iterable[str]) -> int:
        """Bitmask of a coalition given by player names."""
        return coalition_mask(self.index(m) for m in members)

    def members(self, mask: int) -> tuple[str, ...]:
        """Player names in a bitmask coalition."""
        return tuple(self.spelers[i] for i in mask_members(mask, self.n))

    def cost(self, members: Iterable[str]) -> float:
        """Cost of a coalition given by player names."""
        return float(self.costs[self.mask(members)])

    def standalone(self) -> FloatArray:
        """Stand-alone cost ``c({i})`` of every player."""
        return np.array([self.costs[1 << i] for i in range(self.n)], dtype=np.float64)

    # ------------------------------------------------------------------ scans over all coalitions

    def max_excess(self, allocation: Sequence[float] | FloatArray) -> tuple[float, int]:
        """Largest ``x(S) - c(S)`` over non-empty ``S ≠ N`` and the coalition attaining it.

        A positive value means coalition ``S`` pays more than it would cost on its own, so it
        blocks ``x``: ``x`` is in the core iff the value is ``<= 0`` (given ``x(N) = c(N)``).
        For a one-player game there is no proper coalition and the result is ``(-inf, 0)``.
        """
        x = np.asarray(allocation, dtype=np.float64)
        n = self.n
        low = min(n, _BLOCK_BITS)
        low_sums = _subset_sums(x[:low])
        best, best_mask = -np.inf, 0
        for start, stop, high in _blocks(n):
            excess = low_sums + float(x[mask_members(high, n)].sum()) - self.costs[start:stop]
            if start == 0:
                excess[0] = -np.inf  # the empty coalition
            if stop == 1 << n:
                excess[-1] = -np.inf  # the grand coalition
            k = int(np.argmax(excess))
            if excess[k] > best:
                best, best_mask = float(excess[k]), start + k
        return best, best_mask

    def is_subadditive_at_top(self) -> bool:
        """Whether ``c(N) <= Σ c({i})``, i.e. the imputation set of the cost game is non-empty."""
        return self.grand_cost <= float(self.standalone().sum()) + 1e-9 * max(
            1.0, abs(self.grand_cost)
        )
