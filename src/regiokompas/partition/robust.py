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
  and no such identity holds;
* ``cvar`` (bundles, in place of ``p10``): maximal CVaR at 10% of the total — the mean of the
  worst tenth of the draws — with the linear formulation of Rockafellar & Uryasev (J. Risk 2,
  2000): one MIP with an auxiliary value at risk and a shortfall per draw (``_cvar``), solved
  with its own proven bound and gap, warm-started from the better of the other two. Where that
  model would be too large (columns × draws) the warm start is kept, with the bound the SAA
  gives (CVaR never exceeds the mean), and ``exact`` says the MIP was not built.

>>> from regiokompas.partition.robust import TotalRange
>>> TotalRange.of([1.0, 2.0, 3.0]).p50
2.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._cvar import cvar_of, solve_cvar
from regiokompas.partition._scenarios import ScenarioScorer, ScenarioValues
from regiokompas.partition.model import PartitionResult, RegionPartitioner

__all__ = ["CRITERIA", "RobustPartition", "RobustResult", "TotalRange", "robust_partitions"]

#: Criterion -> Dutch description, in the order shown.
CRITERIA: dict[str, str] = {
    "puntschatting": "maximaal op de puntschatting (P50-besparing)",
    "verwacht": "maximaal verwacht totaal over de trekkingen (SAA)",
    "p10": "maximale P10 van het totaal (risicomijdend)",
    "cvar": "maximale CVaR 10% van het totaal: gemiddelde van de slechtste tiende van de "
    "trekkingen (risicomijdend; bundel)",
}
#: Tail share of the CVaR criterion (the mean of the worst tenth of the draws).
CVAR_ALPHA = 0.10


@dataclass(frozen=True)
class TotalRange:
    """Mean, P10/P50/P90 and CVaR 10% (mean of the worst tenth) of a partition's total net
    value over the draws (k€ per year)."""

    mean: float
    p10: float
    p50: float
    p90: float
    cvar10: float = float("nan")

    @classmethod
    def of(cls, totals: Sequence[float] | NDArray[np.float64]) -> TotalRange:
        """From the totals of the draws."""
        z = np.asarray(totals, dtype=np.float64)
        p10, p50, p90 = np.percentile(z, [10, 50, 90])
        return cls(float(np.mean(z)), float(p10), float(p50), float(p90), cvar_of(z, CVAR_ALPHA))


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
) -> NDArray[np.float64] | None:
    """Column values whose set packing maximises the P10 of the total (one taakveld with
    non-negative loadings, see module doc); None for a bundle, where no such values exist."""
    if values.loadings.shape[1] == 1 and np.all(values.loadings >= 0):
        rate = float(np.percentile(values.multipliers[:, 0], 100 * quantile))
        return np.asarray(values.fixed + values.loadings[:, 0] * rate)
    return None


def robust_partitions(
    partitioner: RegionPartitioner, scenarios: ScenarioScorer, *, quantile: float = 0.10
) -> RobustResult:
    """Solve the area for the point values, the expected values and the risk-averse criterion
    (P10 for one taakveld, CVaR for a bundle), and judge each partition on the same draws.

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
    out = []
    for criterion, column_values in (
        ("puntschatting", values.point()),
        ("verwacht", values.mean()),
    ):
        result = partitioner.solve_values(column_values)
        totals = partition_totals(result, scenarios, partitioner.nodes)
        out.append(RobustPartition(criterion, CRITERIA[criterion], result, TotalRange.of(totals)))
    low = risk_averse_values(values, quantile)
    if low is not None:
        result = partitioner.solve_values(low)
        totals = partition_totals(result, scenarios, partitioner.nodes)
        out.append(RobustPartition("p10", CRITERIA["p10"], result, TotalRange.of(totals)))
    else:
        out.append(_cvar_partition(partitioner, scenarios, values, out[0], out[1], quantile))
    return RobustResult(values.draws, out[0], out[1], out[2])


def _cvar_partition(
    partitioner: RegionPartitioner,
    scenarios: ScenarioScorer,
    values: ScenarioValues,
    point: RobustPartition,
    expected: RobustPartition,
    alpha: float,
) -> RobustPartition:
    """The partition of maximal CVaR (``_cvar``), warm-started from the better of the two."""
    groups = partitioner.candidate_groups()
    nodes = partitioner.nodes
    row_of = {
        tuple(sorted(nodes[j] for j in members if j >= 0)): row
        for row, members in enumerate(groups)
    }
    starts = [
        np.array([row_of[tuple(sorted(g))] for g in p.result.groups], dtype=np.int64)
        for p in (point, expected)
    ]
    start = max(starts, key=lambda rows: cvar_of(values.matrix(rows).sum(axis=1), alpha))
    solution = solve_cvar(
        groups,
        values,
        alpha=alpha,
        start=start,
        saa_bound=expected.result.bound,
        time_limit=partitioner.time_limit,
        rel_gap=partitioner.rel_gap,
    )
    means = values.matrix(solution.rows).mean(axis=0)
    pairs = sorted(
        (
            (tuple(nodes[j] for j in groups[row] if j >= 0), float(mean))
            for row, mean in zip(solution.rows, means, strict=True)
        ),
        key=lambda p: (-len(p[0]), p[0]),
    )
    bound = max(solution.bound, solution.objective)
    gap = (bound - solution.objective) / max(abs(bound), 1.0)
    status = "optimaal" if solution.optimal or gap <= partitioner.rel_gap else "tijdslimiet"
    result = PartitionResult(
        tuple(g for g, _ in pairs),
        tuple(v for _, v in pairs),
        solution.objective,
        bound,
        gap,
        status,
        stats={"kolommen_cvar": solution.columns},
    )
    totals = partition_totals(result, scenarios, nodes)
    description = CRITERIA["cvar"]
    if not solution.built:
        description += "; model te groot: beste startindeling met SAA-grens"
    return RobustPartition("cvar", description, result, TotalRange.of(totals), solution.built)
