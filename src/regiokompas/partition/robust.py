"""Robust partitions: which grouping holds across plausible futures, not only on the median.

Three partitions of the same area, each solved exactly (or with a proven bound and gap) by the
set-packing optimiser, and each judged on the same ``S`` draws of the savings model
(``_scenarios``):

* ``puntschatting``: the plain optimiser on the point values (the P50 rates);
* ``verwacht``: maximal expected total over the draws — the sample average approximation
  (Kleywegt, Shapiro & Homem-de-Mello, SIAM J. Optim. 12, 2002). With a linear objective the
  SAA of a set packing *is* the set packing on the mean column values; nothing more is new;
* ``p10``: maximal P10 of the total (risk-averse). For one taakveld this is exact and still a
  set packing: a draw fixes one saving rate ``r_s`` for all groups, so the total of a
  partition ``x`` is ``Z_s(x) = A(x) r_s + F(x)`` with ``A(x) >= 0``, and since a quantile
  commutes with a non-decreasing affine map, ``P10(Z(x)) = A(x) P10(r) + F(x)``: the set packing
  on the column values at the P10 rate. Its bound and gap are therefore proven on the P10 of
  the total itself, and its P10 is never below that of the other two (up to their gaps).
  For a bundle of taakvelden (draws per taakveld) the tail draws differ between partitions
  and no such identity holds; there ``p10`` keeps only groups whose own P10 net value is
  non-negative (a chance-constraint filter per group) and maximises the expected total over
  them, and says so (``exact = False``).

>>> from regiokompas.partition.robust import TotalRange
>>> TotalRange.of([1.0, 2.0, 3.0]).p50
2.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._scenarios import ScenarioScorer, ScenarioValues
from regiokompas.partition.model import PartitionResult, RegionPartitioner

__all__ = ["CRITERIA", "RobustPartition", "RobustResult", "TotalRange", "robust_partitions"]

#: Criterion -> Dutch description, in the order shown.
CRITERIA: dict[str, str] = {
    "puntschatting": "maximaal op de puntschatting (P50-besparing)",
    "verwacht": "maximaal verwacht totaal over de trekkingen (SAA)",
    "p10": "maximale P10 van het totaal (risicomijdend)",
}
#: Value given to a group that the per-group P10 filter excludes: below staying alone, so
#: dominance drops it (with ``min_size`` 1 a gemeente may always stay alone).
_EXCLUDED = -1.0


@dataclass(frozen=True)
class TotalRange:
    """Mean and P10/P50/P90 of a partition's total net value over the draws (k€ per year)."""

    mean: float
    p10: float
    p50: float
    p90: float

    @classmethod
    def of(cls, totals: Sequence[float] | NDArray[np.float64]) -> TotalRange:
        """From the totals of the draws."""
        p10, p50, p90 = np.percentile(np.asarray(totals, dtype=np.float64), [10, 50, 90])
        return cls(float(np.mean(totals)), float(p10), float(p50), float(p90))


@dataclass(frozen=True)
class RobustPartition:
    """One partition: what it maximises (``criterion``), the solver's result on that criterion
    (objective, proven bound and gap) and the distribution of its total over the draws."""

    criterion: str
    description: str
    result: PartitionResult
    total: TotalRange
    exact: bool = True


@dataclass(frozen=True)
class RobustResult:
    """The three partitions of an area, judged on the same draws."""

    draws: int
    point: RobustPartition
    expected: RobustPartition
    risk_averse: RobustPartition

    @property
    def partitions(self) -> tuple[RobustPartition, ...]:
        """In the order shown."""
        return (self.point, self.expected, self.risk_averse)

    @property
    def median_given_up(self) -> float:
        """How much the risk-averse partition gives up on the median total (k€/yr)."""
        return self.point.total.p50 - self.risk_averse.total.p50

    @property
    def p10_gained(self) -> float:
        """How much it gains on the P10 of the total (k€/yr)."""
        return self.risk_averse.total.p10 - self.point.total.p10


def partition_totals(
    result: PartitionResult, scenarios: ScenarioScorer, nodes: Sequence[str]
) -> NDArray[np.float64]:
    """The total net value of ``result``'s groups in every draw (singletons are worth 0)."""
    index = {code: i for i, code in enumerate(nodes)}
    groups = [g for g in result.groups if len(g) >= 2]
    if not groups:
        return np.zeros(_draws(scenarios, nodes))
    width = max(len(g) for g in groups)
    matrix = np.full((len(groups), width), -1, dtype=np.int32)
    for row, group in enumerate(groups):
        matrix[row, : len(group)] = [index[c] for c in group]
    return np.asarray(scenarios(matrix, nodes).matrix().sum(axis=1))


def _draws(scenarios: ScenarioScorer, nodes: Sequence[str]) -> int:
    return scenarios(np.full((1, 1), 0, dtype=np.int32), nodes).draws


def risk_averse_values(
    values: ScenarioValues, quantile: float = 0.10
) -> tuple[NDArray[np.float64], bool]:
    """Column values of the risk-averse model and whether they are exact (see module doc)."""
    if values.loadings.shape[1] == 1 and np.all(values.loadings >= 0):
        rate = float(np.percentile(values.multipliers[:, 0], 100 * quantile))
        return np.asarray(values.fixed + values.loadings[:, 0] * rate), True
    low = np.empty(len(values.fixed))
    for start in range(0, len(low), 20_000):  # draws × groups in slices, to bound memory
        rows = np.arange(start, min(start + 20_000, len(low)))
        low[rows] = np.percentile(values.matrix(rows), 100 * quantile, axis=0)
    mean = values.mean()
    return np.where(low >= 0, mean, np.minimum(mean, 0.0) + _EXCLUDED), False


def robust_partitions(
    partitioner: RegionPartitioner, scenarios: ScenarioScorer, *, quantile: float = 0.10
) -> RobustResult:
    """Solve the area for the point values, the expected values and the risk-averse values,
    and judge each partition on the same draws.

    >>> import numpy as np
    >>> from regiokompas.partition import RegionPartitioner
    >>> from regiokompas.partition._scenarios import ScenarioValues
    >>> def scenarios(groups, nodes):  # a pair saves 3 × rate and costs 1; rates 0, 1, 0.2
    ...     pair = ((groups >= 0).sum(axis=1) == 2).astype(float)
    ...     return ScenarioValues(-pair, 3 * pair[:, None], np.array([[0.0], [1.0], [0.2]]),
    ...                           np.array([1.0]))
    >>> model = RegionPartitioner(["A", "B"], [("A", "B")], lambda g, n: np.zeros(len(g)))
    >>> robust = robust_partitions(model, scenarios)
    >>> robust.point.result.groups, robust.risk_averse.result.groups
    ((('A', 'B'),), (('A',), ('B',)))
    """
    values = scenarios(partitioner.candidate_groups(), partitioner.nodes)
    low, exact = risk_averse_values(values, quantile)
    out = []
    for criterion, column_values, is_exact in (
        ("puntschatting", values.point(), True),
        ("verwacht", values.mean(), True),
        ("p10", low, exact),
    ):
        result = partitioner.solve_values(column_values)
        totals = partition_totals(result, scenarios, partitioner.nodes)
        description = CRITERIA[criterion]
        if not is_exact:
            description = (
                "maximaal verwacht totaal met alleen groepen waarvan de eigen P10 ≥ 0 "
                "(risicomijdend; bundel)"
            )
        out.append(RobustPartition(criterion, description, result, TotalRange.of(totals), is_exact))
    return RobustResult(values.draws, out[0], out[1], out[2])
