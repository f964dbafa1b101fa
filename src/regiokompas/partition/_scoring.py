"""Group scorers: how the optimiser asks the savings engine (or anything else) for values.

A scorer takes a padded matrix of node numbers (one group per row, -1 as padding) and the
node codes, and returns one value per row. Matrices keep ~400,000 groups fast; the adapter
below turns the savings engine's ``group_values`` into such a scorer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

__all__ = ["GroupScorer", "GroupValuesEngine", "engine_scorer"]


@runtime_checkable
class GroupScorer(Protocol):
    """``scorer(groups, nodes) -> values``: net value (k€/yr) per row of ``groups``."""

    def __call__(
        self, groups: NDArray[np.int32], nodes: Sequence[str]
    ) -> NDArray[np.float64]: ...  # pragma: no cover


class GroupValuesEngine(Protocol):
    """The part of the savings-engine contract the optimiser and partner finder use."""

    def group_values(
        self, groups: Any, taakvelden: Any, vorm: str, autonomy_price: float = 0.0
    ) -> NDArray[np.float64]: ...  # pragma: no cover

    def group_value(
        self, members: Sequence[str], taakvelden: Any, vorm: str, autonomy_price: float = 0.0
    ) -> Any: ...  # pragma: no cover


class _EngineScorer:
    def __init__(
        self,
        engine: GroupValuesEngine,
        taakvelden: Sequence[str],
        vorm: str,
        autonomy_price: float,
    ) -> None:
        self.engine = engine
        self.taakvelden = list(taakvelden)
        self.vorm = vorm
        self.autonomy_price = float(autonomy_price)

    def __call__(self, groups: NDArray[np.int32], nodes: Sequence[str]) -> NDArray[np.float64]:
        if len(groups) == 0:
            return np.zeros(0)
        row_numbers = getattr(self.engine, "row_numbers", None)
        batch: Any
        if callable(row_numbers):
            rows = np.asarray(row_numbers(list(nodes)), dtype=np.int64)
            batch = np.where(groups >= 0, rows[np.maximum(groups, 0)], -1)
        else:
            batch = [[nodes[i] for i in row if i >= 0] for row in groups]
        values = self.engine.group_values(
            batch, self.taakvelden, self.vorm, autonomy_price=self.autonomy_price
        )
        return np.asarray(values, dtype=np.float64)


def engine_scorer(
    engine: GroupValuesEngine,
    taakvelden: Sequence[str],
    vorm: str = "bedrijfsvoeringsorganisatie",
    autonomy_price: float = 0.0,
) -> GroupScorer:
    """A scorer that values groups with ``engine.group_values`` (net k€/yr).

    >>> import numpy as np
    >>> class Flat:  # a stand-in engine: every group of two or more is worth 10 per member
    ...     def group_values(self, groups, taakvelden, vorm, autonomy_price=0.0):
    ...         return np.array([10.0 * len(g) if len(g) > 1 else 0.0 for g in groups])
    ...     def group_value(self, members, taakvelden, vorm, autonomy_price=0.0): ...
    >>> engine_scorer(Flat(), ["0.61"])(np.array([[0, 1], [2, -1]]), ["A", "B", "C"]).tolist()
    [20.0, 0.0]
    """
    return _EngineScorer(engine, taakvelden, vorm, autonomy_price)
