"""The region optimiser: split gemeenten into contiguous cooperation groups of maximal value.

Formulation: set partitioning over connected groups (Garfinkel & Nemhauser, Oper. Res. 17,
1969), which for contiguity-constrained districting is exact when all connected groups are
columns (Mehrotra, Johnson & Nemhauser, *An optimization based heuristic for political
districting*, Mgmt. Sci. 44, 1998). Every connected group of at most ``max_size`` gemeenten is
enumerated with ESU (Wernicke 2006), valued by the scorer, and pruned by superadditivity
dominance (a group that some split into smaller groups beats is never needed); what remains
falls apart into independent parts that are solved exactly with HiGHS, or, for large parts,
with LP column generation, a restricted MIP near the LP bound and reduced-cost fixing (see
``_solve``). The result always carries a proven upper bound and the gap.

>>> import numpy as np
>>> def pairs_only(groups, nodes):  # a pair is worth 1, anything else 0
...     return ((groups >= 0).sum(axis=1) == 2).astype(float)
>>> path = RegionPartitioner(["A", "B", "C", "D"], [("A", "B"), ("B", "C"), ("C", "D")],
...                          pairs_only, max_size=3)
>>> result = path.solve()
>>> result.groups, result.objective, result.status
((('A', 'B'), ('C', 'D')), 2.0, 'optimaal')
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from regiokompas.i18n import format_number
from regiokompas.partition._dominance import (
    GroupIndex,
    Splits,
    best_split_values,
    group_keys,
    key_bits,
    pack_keys,
)
from regiokompas.partition._enumerate import connected_groups, group_sizes
from regiokompas.partition._greedy import greedy_merge, resolve_dominated
from regiokompas.partition._parts import components
from regiokompas.partition._rules import RulesMixin
from regiokompas.partition._scoring import GroupScorer
from regiokompas.partition._solve import PartOutcome, solve_part
from regiokompas.partition._structured import AdditiveOutcome, StructuredMixin

__all__ = ["PartitionResult", "RegionPartitioner"]

Progress = Callable[[str], None]

#: Random tie-breaking orders (each with and without "smaller union first") that the greedy
#: start tries on top of the two fixed ones in areas of at most 80 gemeenten. Measured on the
#: twelve provinces and 25 veiligheidsregio's at k=6: 32 instead of 8 costs about 20 ms per area
#: and raised the start (and the 10 s answer) of the four largest provinces for afval (7.3) by
#: 96 k€ per year in total; Noord-Holland went from 14.108,5 to 14.151,8, past the 14.137,3 of
#: the benchmark's greedy merge (which breaks ties in another order).
GREEDY_SEEDS = 32


@dataclass(frozen=True, eq=False)
class _Candidates:
    """The enumerated groups a model may use, computed once per model."""

    groups: NDArray[np.int32]
    together: NDArray[np.bool_]
    enumerated: int
    adjacency: list[list[int]]
    seconds: float


@dataclass(frozen=True)
class PartitionResult:
    """A partition with its value, a proven upper bound and the optimality gap.

    ``groups`` holds every gemeente exactly once (larger groups first, singletons last);
    ``values[i]`` is the scorer's net value of ``groups[i]`` (k€/yr; singletons normally 0);
    ``objective`` is their sum; ``bound`` is a proven upper bound on the best possible sum and
    ``gap = (bound - objective) / max(|bound|, 1)``. ``status`` is ``"optimaal"`` when the
    solver proved optimality (relative gap <= ``rel_gap``), ``"tijdslimiet"`` when the time
    limit stopped it with the gap shown.
    """

    groups: tuple[tuple[str, ...], ...]
    values: tuple[float, ...]
    objective: float
    bound: float
    gap: float
    status: str
    timings: Mapping[str, float] = field(default_factory=dict)
    stats: Mapping[str, int] = field(default_factory=dict)

    @property
    def optimal(self) -> bool:
        """Whether optimality was proven."""
        return self.status == "optimaal"

    def group_of(self, code: str) -> tuple[str, ...]:
        """The group that contains ``code``."""
        for group in self.groups:
            if code in group:
                return group
        raise KeyError(code)


class RegionPartitioner(RulesMixin, StructuredMixin):
    """Partition a graph of gemeenten into connected groups of maximal total value.

    Parameters are fixed at construction; :meth:`solve` returns a frozen
    :class:`PartitionResult` and never changes the model.

    * ``nodes``, ``edges``: the gemeenten and their neighbour pairs;
    * ``scorer``: a :class:`GroupScorer` (see :func:`engine_scorer`);
    * ``max_size`` / ``min_size``: group-size bounds; with ``min_size`` 1 a gemeente may stay
      alone (value of its singleton, normally 0);
    * ``together`` / ``apart``: pairs that must share a group / must not;
    * ``region_of``: optional node -> region label; every group must lie within one label;
    * ``time_limit`` (s), ``threads``, ``rel_gap`` (the relative gap counted as optimal);
    * ``names``: optional code -> name, used in error messages;
    * ``max_groups``: the most connected groups to enumerate (a memory and time budget for
      callers that serve others, such as the web API); beyond it ``solve`` raises
      :class:`EnumerationLimitError` before any scoring;
    * ``additive``: try the fast path for additive values (``v(S) = w(S) - F``, see
      ``_additive``) first; False forces the general set packing (for comparisons).
    """

    def __init__(
        self,
        nodes: Sequence[str],
        edges: Iterable[tuple[str, str]],
        scorer: GroupScorer,
        *,
        max_size: int = 6,
        min_size: int = 1,
        together: Iterable[tuple[str, str]] = (),
        apart: Iterable[tuple[str, str]] = (),
        region_of: Mapping[str, str] | None = None,
        time_limit: float = 60.0,
        threads: int = 1,
        rel_gap: float = 1e-6,
        names: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        max_groups: int | None = None,
        additive: bool = True,
    ) -> None:
        self.nodes: tuple[str, ...] = tuple(nodes)
        if len(set(self.nodes)) != len(self.nodes):
            raise ValueError("duplicate nodes")
        self._index = {code: i for i, code in enumerate(self.nodes)}
        self.edges: tuple[tuple[str, str], ...] = tuple(
            (a, b) for a, b in edges if a in self._index and b in self._index and a != b
        )
        self.scorer = scorer
        self.max_size = int(max_size)
        self.min_size = int(min_size)
        self.together: tuple[tuple[str, str], ...] = tuple((a, b) for a, b in together)
        self.apart: tuple[tuple[str, str], ...] = tuple((a, b) for a, b in apart)
        self.region_of: dict[str, str] | None = dict(region_of) if region_of is not None else None
        self.time_limit = float(time_limit)
        self.threads = int(threads)
        self.rel_gap = float(rel_gap)
        self.names: dict[str, str] = dict(names) if names else {}
        self.progress = progress
        self.max_groups = None if max_groups is None else int(max_groups)
        self.additive = bool(additive)
        self._candidate_cache: _Candidates | None = None
        self._check()

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_region(
        cls, ds: Any, area: str, scorer: GroupScorer, *, within: str | None = None, **params: Any
    ) -> RegionPartitioner:
        """A partitioner over an area of the dataset: ``land``, ``provincie:Utrecht``,
        ``veiligheidsregio:VR16`` (any region type of the bundle, by code or name).

        ``within`` (a region type such as ``veiligheidsregio``) keeps every group inside one
        region of that type. ``together`` / ``apart`` pairs may use names or codes.
        """
        from regiokompas.partition._areas import area_members, region_labels

        members = area_members(ds, area)
        names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True))
        keep = set(members)
        edges = [(a, b) for a, b in ds.graph.edge_list() if a in keep and b in keep]
        for key in ("together", "apart"):
            pairs = params.get(key) or ()
            params[key] = [(ds.gemeente(a).code, ds.gemeente(b).code) for a, b in pairs]
        region_of = region_labels(ds, within, members) if within else None
        return cls(members, edges, scorer, region_of=region_of, names=names, **params)

    # ------------------------------------------------------------------ solving

    def _adjacency(self) -> list[list[int]]:
        adjacency: list[list[int]] = [[] for _ in self.nodes]
        for a, b in self.edges:
            if self.region_of is not None and self.region_of.get(a) != self.region_of.get(b):
                continue
            i, j = self._index[a], self._index[b]
            if j not in adjacency[i]:
                adjacency[i].append(j)
                adjacency[j].append(i)
        return adjacency

    def _say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def solve(self) -> PartitionResult:
        """Find the partition of maximal total value (or the best within the time limit)."""
        start = time.perf_counter()
        candidates = self._candidates()
        self._say(f"{format_number(len(candidates.groups))} groepen waarderen")
        mark = time.perf_counter()
        raw = np.asarray(self.scorer(candidates.groups, self.nodes), dtype=np.float64)
        timings = {"opsommen_s": candidates.seconds, "waarderen_s": time.perf_counter() - mark}
        return self._solve_values(candidates, raw, None, start, start + self.time_limit, timings)

    def candidate_groups(self) -> NDArray[np.int32]:
        """Every group the model may use (connected, within the size and pair rules), as node
        numbers padded with -1: the rows that :meth:`solve_values` takes values for."""
        return self._candidates().groups

    def solve_values(
        self,
        values: NDArray[np.float64],
        *,
        warm: Sequence[Sequence[str]] | None = None,
        time_limit: float | None = None,
    ) -> PartitionResult:
        """Solve with given values for :meth:`candidate_groups` (one per row) instead of the
        scorer: one scenario of an uncertain model. ``warm`` is a partition (groups of codes,
        e.g. the previous scenario's answer) tried as a starting solution next to the greedy
        merge; ``time_limit`` overrides the model's."""
        start = time.perf_counter()
        candidates = self._candidates()
        limit = self.time_limit if time_limit is None else float(time_limit)
        timings = {"opsommen_s": 0.0, "waarderen_s": 0.0}
        raw = np.asarray(values, dtype=np.float64)
        return self._solve_values(candidates, raw, warm, start, start + limit, timings)

    def _candidates(self) -> _Candidates:
        # Enumeration depends only on the model's parameters, so it is done once per model
        # (a cache, not a change of the model: every solve sees the same candidates).
        if self._candidate_cache is not None:
            return self._candidate_cache
        mark = time.perf_counter()
        adjacency = self._adjacency()
        self._say("groepen opsommen")
        groups = connected_groups(adjacency, self.max_size, self.max_groups)
        enumerated = len(groups)
        feasible, together_col = self._feasible_columns(groups)
        groups = groups[feasible]
        self._check_together(groups)
        self._candidate_cache = _Candidates(
            groups, together_col[feasible], enumerated, adjacency, time.perf_counter() - mark
        )
        return self._candidate_cache

    def _solve_values(
        self,
        candidates: _Candidates,
        raw: NDArray[np.float64],
        warm: Sequence[Sequence[str]] | None,
        start: float,
        deadline: float,
        timings: dict[str, float],
    ) -> PartitionResult:
        n = len(self.nodes)
        groups, together_col, adjacency = (
            candidates.groups,
            candidates.together,
            candidates.adjacency,
        )
        if raw.shape != (len(groups),) or not np.all(np.isfinite(raw)):
            raise ValueError("the scorer must return one finite value per group")
        mark = time.perf_counter()
        sizes = group_sizes(groups)
        singles = np.zeros(n)
        one = np.flatnonzero(sizes == 1)
        singles[groups[one, 0]] = raw[one]
        padded = np.concatenate([singles, [0.0]])
        shifted = raw - padded[groups].sum(axis=1)  # value over staying alone
        timings["waarderen_s"] += time.perf_counter() - mark

        fast = self._additive_path(groups, shifted, adjacency, warm, start, deadline, timings)
        if fast is not None:
            proven = self._proven(fast.objective, fast.bound, float(singles.sum()))
            if proven or fast.final:
                args = (groups, fast.rows, raw, singles, fast, candidates, timings, start)
                return self._finish(*args, proven=proven)
        if fast is not None:
            warm = [[self.nodes[i] for i in groups[r][groups[r] >= 0]] for r in fast.rows]

        mark = time.perf_counter()
        splits = best_split_values(groups, shifted, n, min_size=self.min_size)
        big = sizes >= max(2, self.min_size)
        if splits is None:
            useful = big & ((shifted > 0) | (self.min_size > 1))
        else:
            margin = 1e-9 * np.maximum(1.0, np.abs(shifted))
            useful = big & (shifted > splits.value + margin)
        useful |= together_col & (sizes >= self.min_size)
        if self.min_size == 1:
            useful &= sizes >= 2
        timings["dominantie_s"] = time.perf_counter() - mark
        cols = np.flatnonzero(useful)
        kept, values = groups[cols], shifted[cols]

        mark = time.perf_counter()
        start_cols = self._greedy_start(groups, shifted, adjacency, useful, splits, cols, warm)
        timings["startoplossing_s"] = time.perf_counter() - mark

        equal = np.zeros(n, dtype=bool)
        if self.min_size > 1:
            equal[:] = True
        for code in self._clusters():
            equal[self._index[code]] = True
        self._check_coverable(kept, equal)

        parts = components(kept, n)
        self._say(f"{format_number(len(cols))} groepen over in {len(parts)} deel(en)")
        mark = time.perf_counter()
        chosen: list[int] = []
        bound = 0.0
        optimal = True
        finals = 0
        lp_parts = 0
        todo = sorted(parts, key=lambda p: len(p[1]))
        remaining_cols = max(1, sum(len(c) for _, c in todo))
        for rows, part_cols in todo:
            share = len(part_cols) / remaining_cols
            remaining_cols -= len(part_cols)
            part_deadline = time.perf_counter() + max(deadline - time.perf_counter(), 0.05) * max(
                share, 0.02 if remaining_cols else 1.0
            )
            local_start = None
            if start_cols is not None:
                inside = start_cols[np.isin(start_cols, part_cols)]
                local_start = np.searchsorted(part_cols, inside).astype(np.int64)
            outcome = self._solve_part(
                rows,
                kept[part_cols],
                values[part_cols],
                equal,
                min(part_deadline, deadline),
                local_start,
            )
            if not np.isfinite(outcome.objective):
                self._no_solution(rows, outcome)
            chosen.extend(int(part_cols[c]) for c in outcome.chosen)
            bound += outcome.bound
            optimal &= outcome.optimal
            finals += outcome.columns_final
            lp_parts += outcome.lp_bound is not None
        timings["oplossen_s"] = time.perf_counter() - mark

        if fast is not None:
            # Both bounds are proven, so is the smaller; keep the better of the two answers.
            bound = min(bound, fast.bound)
            if fast.objective > float(values[np.asarray(chosen, dtype=np.int64)].sum()):
                kept, chosen, cols = groups, [int(r) for r in fast.rows], np.arange(len(groups))
        result = self._assemble(kept, chosen, raw[cols], singles, bound, optimal)
        timings["totaal_s"] = time.perf_counter() - start
        stats = {
            "gemeenten": n,
            "groepen_opgesomd": candidates.enumerated,
            "groepen_toegestaan": len(groups),
            "groepen_na_dominantie": len(cols),
            "delen": len(parts),
            "grootste_deel": max((len(r) for r, _ in parts), default=0),
            "kolommen_eindmodel": finals,
            "delen_met_lp": lp_parts,
            "additief": int(fast is not None),
        }
        return PartitionResult(
            result[0], result[1], result[2], result[3], result[4], result[5], timings, stats
        )

    def _finish(
        self,
        groups: NDArray[np.int32],
        rows: NDArray[np.int64],
        raw: NDArray[np.float64],
        singles: NDArray[np.float64],
        fast: AdditiveOutcome,
        candidates: _Candidates,
        timings: dict[str, float],
        start: float,
        *,
        proven: bool,
    ) -> PartitionResult:
        """The result of the additive fast path alone (proven by the counting bound, or final
        because the set packing does not pay on an area this large)."""
        result = self._assemble(groups, [int(r) for r in rows], raw, singles, fast.bound, proven)
        timings["totaal_s"] = time.perf_counter() - start
        stats = dict.fromkeys(
            ("groepen_na_dominantie", "delen", "grootste_deel", "kolommen_eindmodel"), 0
        )
        stats.update(
            gemeenten=len(self.nodes),
            groepen_opgesomd=candidates.enumerated,
            groepen_toegestaan=len(groups),
            delen_met_lp=0,
            additief=1,
        )
        return PartitionResult(*result, timings, stats)

    def _greedy_start(
        self,
        groups: NDArray[np.int32],
        shifted: NDArray[np.float64],
        adjacency: list[list[int]],
        useful: NDArray[np.bool_],
        splits: Splits | None,
        cols: NDArray[np.int64],
        warm: Sequence[Sequence[str]] | None = None,
    ) -> NDArray[np.int64] | None:
        """A greedy pair-merge partition, expressed in the kept columns (None if unusable);
        the ``warm`` partition instead when it is worth more."""
        bits = key_bits(len(self.nodes), groups.shape[1])
        if splits is None or bits is None or self.min_size > 1 or self.together:
            return None
        index = GroupIndex(pack_keys(groups, bits))
        # Ties are common (see greedy_merge): try several tie-breaking rules, keep the best.
        # Regional areas get a few extra random ones (each run takes milliseconds there).
        rules: list[tuple[bool, int | None]] = [(False, None), (True, None)]
        if warm is not None:
            # A scenario run: the previous draw's answer is the better start, and 66 greedy
            # orders per draw took 60% of a draw's time (measured: Utrecht, 0.61, k=6).
            rules = rules[:1]
        elif len(self.nodes) <= 80:
            rules += [(small, seed) for seed in range(GREEDY_SEEDS) for small in (False, True)]
        options = [
            resolve_dominated(
                greedy_merge(adjacency, shifted, index, bits, self.max_size, small, seed),
                useful,
                splits,
            )
            for small, seed in rules
        ]
        if warm:
            members = [[self._index[c] for c in g] for g in warm if len(g) >= 2]
            found = index.find(group_keys(members, bits)) if members else np.zeros(0, np.int64)
            rows = [int(r) for r in found if r >= 0]
            options.append(resolve_dominated(rows, useful, splits))
        rows = max(options, key=lambda r: float(shifted[r].sum()) if r else 0.0)
        position = np.full(len(groups), -1, dtype=np.int64)
        position[cols] = np.arange(len(cols))
        found = position[np.asarray(rows, dtype=np.int64)] if rows else np.zeros(0, np.int64)
        return np.sort(found[found >= 0])

    def _solve_part(
        self,
        rows: NDArray[np.int64],
        groups: NDArray[np.int32],
        values: NDArray[np.float64],
        equal: NDArray[np.bool_],
        deadline: float,
        start: NDArray[np.int64] | None = None,
    ) -> PartOutcome:
        local = np.full(len(self.nodes) + 1, -1, dtype=np.int32)
        local[rows] = np.arange(len(rows), dtype=np.int32)
        local_groups = np.where(groups >= 0, local[np.where(groups >= 0, groups, -1)], -1)
        return solve_part(
            local_groups.astype(np.int32),
            values,
            equal[rows],
            deadline=deadline,
            threads=self.threads,
            rel_gap=self.rel_gap,
            progress=self.progress,
            start=start,
        )

    def _assemble(
        self,
        kept: NDArray[np.int32],
        chosen: list[int],
        raw: NDArray[np.float64],
        singles: NDArray[np.float64],
        bound_shifted: float,
        optimal: bool,
    ) -> tuple[tuple[tuple[str, ...], ...], tuple[float, ...], float, float, float, str]:
        used = np.zeros(len(self.nodes), dtype=bool)
        pairs: list[tuple[tuple[str, ...], float]] = []
        for col in chosen:
            members = kept[col][kept[col] >= 0]
            used[members] = True
            pairs.append((tuple(self.nodes[i] for i in members), float(raw[col])))
        pairs.sort(key=lambda p: (-len(p[0]), p[0]))
        for i in np.flatnonzero(~used):
            pairs.append(((self.nodes[i],), float(singles[i])))
        objective = float(sum(v for _, v in pairs))
        bound = float(bound_shifted + singles.sum())
        bound = max(bound, objective)
        gap = (bound - objective) / max(abs(bound), 1.0)
        status = "optimaal" if optimal or gap <= self.rel_gap else "tijdslimiet"
        return (
            tuple(g for g, _ in pairs),
            tuple(v for _, v in pairs),
            objective,
            bound,
            gap,
            status,
        )
