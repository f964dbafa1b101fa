"""The rules of a partition model: size bounds, together/apart pairs, regions; their checks
and clear Dutch/English conflicts (a mixin of :class:`~regiokompas.partition.RegionPartitioner`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._enumerate import group_sizes
from regiokompas.partition._errors import ConstraintConflictError
from regiokompas.partition._parts import cluster_members
from regiokompas.partition._solve import PartOutcome

__all__ = ["RulesMixin"]


class RulesMixin:
    """Checks of the model's rules; the partitioner sets these attributes."""

    nodes: tuple[str, ...]
    _index: dict[str, int]
    max_size: int
    min_size: int
    together: tuple[tuple[str, str], ...]
    apart: tuple[tuple[str, str], ...]
    region_of: dict[str, str] | None
    time_limit: float
    names: dict[str, str]

    def _label(self, code: str) -> str:
        name = self.names.get(code)
        return f"{code} {name}" if name else code

    def _conflict(self, nl: str, en: str) -> ConstraintConflictError:
        return ConstraintConflictError(nl, en)

    def _check(self) -> None:
        if self.max_size < 1 or self.min_size < 1:
            raise self._conflict(
                "De groepsgrootte moet minstens 1 zijn.", "The group size must be at least 1."
            )
        if self.min_size > self.max_size:
            raise self._conflict(
                f"De minimale groepsgrootte {self.min_size} is groter dan de maximale "
                f"{self.max_size}.",
                f"The minimum group size {self.min_size} exceeds the maximum {self.max_size}.",
            )
        if self.time_limit <= 0:
            raise self._conflict(
                "De tijdslimiet moet positief zijn.", "The time limit must be positive."
            )
        for a, b in (*self.together, *self.apart):
            for code in (a, b):
                if code not in self._index:
                    raise self._conflict(
                        f"{self._label(code)} hoort niet bij het gebied dat wordt ingedeeld.",
                        f"{self._label(code)} is not part of the area being partitioned.",
                    )
            if a == b:
                raise self._conflict(
                    f"Paar met twee keer {self._label(a)}.", f"Pair with {self._label(a)} twice."
                )
        clusters = self._clusters()
        for a, b in self.apart:
            if clusters.get(a) is not None and clusters.get(a) == clusters.get(b):
                raise self._conflict(
                    f"{self._label(a)} en {self._label(b)} moeten apart blijven, maar de "
                    "samen-paren dwingen ze in één groep.",
                    f"{self._label(a)} and {self._label(b)} must stay apart, but the together "
                    "pairs force them into one group.",
                )
        for members in cluster_members(clusters).values():
            if len(members) > self.max_size:
                listed = ", ".join(self._label(c) for c in members)
                raise self._conflict(
                    f"{listed} moeten samen, maar dat zijn {len(members)} gemeenten en de "
                    f"maximale groepsgrootte is {self.max_size}.",
                    f"{listed} must be together, but that is {len(members)} gemeenten and the "
                    f"maximum group size is {self.max_size}.",
                )
            if self.region_of is not None:
                labels = {self.region_of.get(c) for c in members}
                if len(labels) > 1:
                    listed = ", ".join(
                        f"{self._label(c)} ({self.region_of.get(c)})" for c in members
                    )
                    raise self._conflict(
                        f"{listed} moeten samen, maar liggen in verschillende regio's terwijl "
                        "groepen binnen één regio moeten blijven.",
                        f"{listed} must be together, but lie in different regions while groups "
                        "must stay within one region.",
                    )

    def _clusters(self) -> dict[str, int]:
        """Union-find of the together pairs: code -> cluster id (only codes in a pair)."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in self.together:
            parent[find(a)] = find(b)
        roots = sorted({find(x) for x in parent})
        return {x: roots.index(find(x)) for x in sorted(parent)}

    def _feasible_columns(
        self, groups: NDArray[np.int32]
    ) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        """Columns allowed by size, apart and together rules; and which hold a whole cluster."""
        n = len(self.nodes)
        sizes = group_sizes(groups)
        ok = (sizes >= self.min_size) | (sizes == 1)
        if self.min_size > 1:
            ok &= sizes >= self.min_size
        padded_groups = np.where(groups >= 0, groups, n)
        for a, b in self.apart:
            has_a = (padded_groups == self._index[a]).any(axis=1)
            has_b = (padded_groups == self._index[b]).any(axis=1)
            ok &= ~(has_a & has_b)
        holds = np.zeros(len(groups), dtype=bool)
        for members in cluster_members(self._clusters()).values():
            count = np.zeros(len(groups), dtype=np.int64)
            for code in members:
                count += (padded_groups == self._index[code]).any(axis=1)
            ok &= (count == 0) | (count == len(members))
            holds |= count == len(members)
        return ok, holds

    def _check_together(self, groups: NDArray[np.int32]) -> None:
        n = len(self.nodes)
        padded_groups = np.where(groups >= 0, groups, n)
        for members in cluster_members(self._clusters()).values():
            count = np.zeros(len(groups), dtype=np.int64)
            for code in members:
                count += (padded_groups == self._index[code]).any(axis=1)
            if not (count == len(members)).any():
                listed = " en ".join(self._label(c) for c in members)
                listed_en = " and ".join(self._label(c) for c in members)
                why = " (binnen één regio)" if self.region_of is not None else ""
                why_en = " (within one region)" if self.region_of is not None else ""
                raise self._conflict(
                    f"{listed} moeten samen, maar liggen niet aaneengesloten{why} binnen de "
                    f"maximale groepsgrootte {self.max_size} (met de apart-paren).",
                    f"{listed_en} must be together, but are not contiguous{why_en} within the "
                    f"maximum group size {self.max_size} (given the apart pairs).",
                )

    def _check_coverable(self, kept: NDArray[np.int32], equal: NDArray[np.bool_]) -> None:
        covered = np.zeros(len(self.nodes) + 1, dtype=bool)
        covered[np.where(kept >= 0, kept, len(self.nodes))] = True
        lonely = np.flatnonzero(equal & ~covered[:-1])
        if len(lonely):
            listed = ", ".join(self._label(self.nodes[i]) for i in lonely[:5])
            raise self._conflict(
                f"{listed} past in geen aaneengesloten groep van {self.min_size} tot "
                f"{self.max_size} gemeenten die aan alle eisen voldoet.",
                f"{listed} fits no contiguous group of {self.min_size} to {self.max_size} "
                "gemeenten that meets every constraint.",
            )

    def _no_solution(self, rows: NDArray[np.int64], outcome: PartOutcome) -> None:
        listed = ", ".join(self._label(self.nodes[i]) for i in rows[:6])
        more = " …" if len(rows) > 6 else ""
        if outcome.infeasible:
            raise self._conflict(
                f"Geen indeling mogelijk voor {listed}{more}: de groepsgrenzen "
                f"{self.min_size}–{self.max_size} en de samen/apart-eisen sluiten elkaar uit.",
                f"No partition possible for {listed}{more}: the group size bounds "
                f"{self.min_size}–{self.max_size} and the together/apart pairs conflict.",
            )
        raise self._conflict(
            f"Binnen de tijdslimiet van {self.time_limit:g} s is geen geldige indeling "
            f"gevonden voor {listed}{more}; verhoog de tijdslimiet.",
            f"No valid partition found for {listed}{more} within the time limit of "
            f"{self.time_limit:g} s; raise the time limit.",
        )
