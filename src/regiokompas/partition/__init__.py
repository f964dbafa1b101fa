"""Region optimiser: contiguous cooperation groups of maximal net value, with a proven bound.

>>> from regiokompas.partition import RegionPartitioner
>>> def pairs_only(groups, nodes):
...     return ((groups >= 0).sum(axis=1) == 2).astype(float)
>>> RegionPartitioner(["A", "B", "C"], [("A", "B"), ("B", "C")], pairs_only).solve().objective
1.0
"""

from regiokompas.partition._areas import area_members, region_labels
from regiokompas.partition._enumerate import connected_groups, groups_containing
from regiokompas.partition._errors import (
    ConstraintConflictError,
    EnumerationLimitError,
    ScenarioError,
    UnknownAreaError,
)
from regiokompas.partition._estimate import estimate_group_count
from regiokompas.partition._scenarios import ScenarioScorer, ScenarioValues, engine_scenarios
from regiokompas.partition._scoring import GroupScorer, GroupValuesEngine, engine_scorer
from regiokompas.partition.model import PartitionResult, RegionPartitioner
from regiokompas.partition.robust import (
    RobustPartition,
    RobustResult,
    TotalRange,
    robust_partitions,
)
from regiokompas.partition.stability import DrawOutcome, StabilityResult, stability_map

__all__ = [
    "ConstraintConflictError",
    "EnumerationLimitError",
    "DrawOutcome",
    "GroupScorer",
    "GroupValuesEngine",
    "PartitionResult",
    "RegionPartitioner",
    "RobustPartition",
    "RobustResult",
    "ScenarioError",
    "ScenarioScorer",
    "ScenarioValues",
    "StabilityResult",
    "TotalRange",
    "UnknownAreaError",
    "area_members",
    "connected_groups",
    "engine_scenarios",
    "engine_scorer",
    "estimate_group_count",
    "groups_containing",
    "region_labels",
    "robust_partitions",
    "stability_map",
]
