"""Partner finder: with which neighbours should one gemeente cooperate, per taakveld or bundle?

Every contiguous group that contains the gemeente, up to ``max_size`` members (optionally only
inside the gemeente's own region of one type), is enumerated with rooted ESU (Wernicke 2006)
and valued with the savings engine: net value = savings − transaction costs − autonomy price ×
autonomy lost (``engine.group_values``; a bundle of taakvelden pays governance once). Options
are ranked by net value; the Pareto front (Pareto 1906; here the non-dominated set in
"savings after transaction costs" versus "autonomy kept") shows the trade-off the college has
to make, with staying alone (0, 0) as the reference point.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.savings import SavingsEngine
>>> ds = load_dataset()
>>> engine = SavingsEngine.from_dataset(ds, mode="literature")
>>> report = PartnerFinder(ds, engine, "Gouda", taakvelden=["0.61"], max_size=3).find()
>>> report.gemeente
'GM0513'
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from regiokompas.data import RegiokompasError
from regiokompas.partition import groups_containing, region_labels
from regiokompas.partition._scoring import GroupValuesEngine

__all__ = ["PartnerFinder", "PartnerOption", "PartnerReport", "ScopeResult", "SharedRegion"]


@dataclass(frozen=True)
class PartnerOption:
    """One candidate group for one scope (a taakveld or the bundle). Amounts in k€/yr."""

    members: tuple[str, ...]
    partners: tuple[str, ...]
    namen: tuple[str, ...]
    savings_keur: float
    transaction_keur: float
    autonomy_loss: float
    net_keur: float
    pareto: bool
    shared_regions: tuple[str, ...]
    #: True when the partners all lie inside one of the gemeente's existing partner sets.
    within_existing: bool = False

    @property
    def savings_after_transaction(self) -> float:
        """Savings minus transaction costs (the net value at autonomy price 0)."""
        return self.savings_keur - self.transaction_keur


@dataclass(frozen=True)
class ScopeResult:
    """Ranked options and the Pareto front for one taakveld or the bundle."""

    taakvelden: tuple[str, ...]
    label: str
    options: tuple[PartnerOption, ...]
    pareto: tuple[PartnerOption, ...]
    groups_scored: int
    positive: int


@dataclass(frozen=True)
class SharedRegion:
    """A region the gemeente is in today, with the partners it shares it with."""

    regiotype: str
    regio_code: str
    regio_naam: str
    partners: tuple[str, ...]


@dataclass(frozen=True)
class PartnerReport:
    """What :meth:`PartnerFinder.find` returns."""

    gemeente: str
    naam: str
    max_size: int
    within: str | None
    within_region: str | None
    vorm: str
    autonomy_price: float
    scopes: tuple[ScopeResult, ...]
    shared_regions: tuple[SharedRegion, ...]
    seconds: float
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


class PartnerFinder:
    """Rank the contiguous partner groups of one gemeente (estimator pattern).

    ``taakvelden``: codes to score one by one; with two or more, the bundle of all of them is
    scored as well (one arrangement, governance paid once). None means every cooperable
    taakveld the engine knows (no bundle then). ``within``: a region type such as
    ``veiligheidsregio`` to keep partners inside the gemeente's own region. ``top``: options
    shown per scope. ``existing_sets``: the gemeente's existing partner sets (the other
    gemeenten of each arrangement it is in); when given, groups whose partners all lie inside
    one of them rank first among groups with a positive net value (congruence before money:
    a new arrangement with partners one already works with adds no new partner set to
    juggle), then by net value.
    """

    def __init__(
        self,
        ds: Any,
        engine: GroupValuesEngine,
        gemeente: str,
        *,
        taakvelden: Sequence[str] | None = None,
        max_size: int = 5,
        within: str | None = None,
        vorm: str = "bedrijfsvoeringsorganisatie",
        autonomy_price: float = 0.0,
        top: int = 5,
        existing_sets: Sequence[frozenset[str]] = (),
    ) -> None:
        if not 2 <= int(max_size) <= 8:
            raise RegiokompasError(
                "De maximale groepsgrootte moet tussen 2 en 8 liggen.",
                "The maximum group size must be between 2 and 8.",
            )
        if autonomy_price < 0 or not np.isfinite(autonomy_price):
            raise RegiokompasError(
                "De autonomieprijs moet nul of positief zijn.",
                "The autonomy price must be zero or positive.",
            )
        self.ds = ds
        self.engine = engine
        self.code = ds.gemeente(gemeente).code
        self.taakvelden = tuple(taakvelden) if taakvelden else None
        self.max_size = int(max_size)
        self.within = within
        self.vorm = vorm
        self.autonomy_price = float(autonomy_price)
        self.top = int(top)
        self.existing_sets = tuple(frozenset(s) for s in existing_sets if s)

    def _scopes(self) -> list[tuple[str, ...]]:
        resolve = getattr(self.engine, "taakvelden", None)
        if self.taakvelden is None:
            every = resolve(None) if callable(resolve) else ()
            return [(t,) for t in every]
        codes = tuple(resolve(list(self.taakvelden))) if callable(resolve) else self.taakvelden
        scopes: list[tuple[str, ...]] = [(t,) for t in codes]
        if len(codes) > 1:
            scopes.append(tuple(codes))
        return scopes

    def find(self) -> PartnerReport:
        """Enumerate, score and rank; returns a frozen :class:`PartnerReport`."""
        start = time.perf_counter()
        ds = self.ds
        nodes = list(ds.gemeenten["gm_code"])
        names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True))
        allowed = set(nodes)
        within_region = None
        if self.within:
            labels = region_labels(ds, self.within, nodes)
            within_region = labels[self.code]
            allowed = {c for c in nodes if labels[c] == within_region}
        index = {c: i for i, c in enumerate(nodes)}
        adjacency = [
            [index[n.code] for n in ds.graph.neighbours(c) if n.code in allowed]
            if c in allowed
            else []
            for c in nodes
        ]
        groups = groups_containing(adjacency, self.max_size, index[self.code])
        groups = groups[(groups >= 0).sum(axis=1) >= 2]
        member_codes = [tuple(nodes[i] for i in row if i >= 0) for row in groups]
        region_sets = self._region_sets(nodes)
        inside = np.array([self._within(m) for m in member_codes], dtype=bool)
        scopes = [
            self._score(scope, groups, member_codes, names, region_sets, nodes, inside)
            for scope in self._scopes()
        ]
        shared = self._shared(names)
        notes = (
            ()
            if len(groups)
            else (
                "Geen aaneengesloten groepen binnen deze grenzen (bv. een eiland zonder "
                "verbinding).",
            )
        )
        return PartnerReport(
            gemeente=self.code,
            naam=names[self.code],
            max_size=self.max_size,
            within=self.within,
            within_region=within_region,
            vorm=self.vorm,
            autonomy_price=self.autonomy_price,
            scopes=tuple(scopes),
            shared_regions=shared,
            seconds=time.perf_counter() - start,
            source=f"Iv3 jaarrekening {getattr(self.engine, 'jaar', '')}, CBS; "
            f"besparingsmodel modus {getattr(self.engine, 'mode', '?')}".strip(),
            notes=notes,
        )

    def _matrix(self, groups: NDArray[np.int32], nodes: list[str]) -> Any:
        row_numbers = getattr(self.engine, "row_numbers", None)
        if callable(row_numbers):
            rows = np.asarray(row_numbers(nodes), dtype=np.int64)
            return np.where(groups >= 0, rows[np.maximum(groups, 0)], -1)
        return [[nodes[i] for i in row if i >= 0] for row in groups]

    def _score(
        self,
        scope: tuple[str, ...],
        groups: NDArray[np.int32],
        member_codes: list[tuple[str, ...]],
        names: dict[str, str],
        region_sets: dict[str, dict[str, str]],
        nodes: list[str],
        inside: NDArray[np.bool_],
    ) -> ScopeResult:
        label = scope[0] if len(scope) == 1 else "bundel " + " + ".join(scope)
        if len(groups) == 0:
            return ScopeResult(scope, label, (), (), 0, 0)
        matrix = self._matrix(groups, nodes)
        plain = np.asarray(self.engine.group_values(matrix, list(scope), self.vorm, 0.0))
        priced = np.asarray(self.engine.group_values(matrix, list(scope), self.vorm, 1.0))
        autonomy = np.round(plain - priced, 9)  # the price multiplies it; drop float noise
        net = plain - self.autonomy_price * autonomy
        if self.existing_sets:
            # Congruent groups with a positive net value first, then by net value.
            order = np.lexsort((-net, ~(inside & (net > 0))))
        else:
            order = np.argsort(-net, kind="stable")
        front = _pareto(plain, autonomy)
        shown = list(dict.fromkeys([*order[: self.top].tolist(), *front.tolist()]))
        options = {
            i: self._option(i, scope, member_codes, names, region_sets, i in set(front))
            for i in shown
        }
        ranked = tuple(options[i] for i in order[: self.top])
        pareto = tuple(
            sorted(
                (options[i] for i in front),
                key=lambda o: (o.autonomy_loss, -o.savings_after_transaction),
            )
        )
        return ScopeResult(scope, label, ranked, pareto, len(groups), int((net > 0).sum()))

    def _option(
        self,
        i: int,
        scope: tuple[str, ...],
        member_codes: list[tuple[str, ...]],
        names: dict[str, str],
        region_sets: dict[str, dict[str, str]],
        on_front: bool,
    ) -> PartnerOption:
        members = member_codes[i]
        value = self.engine.group_value(list(members), list(scope), self.vorm, self.autonomy_price)
        shared = tuple(
            t for t, labels in region_sets.items() if len({labels[c] for c in members}) == 1
        )
        return PartnerOption(
            members=members,
            partners=tuple(c for c in members if c != self.code),
            namen=tuple(names[c] for c in members),
            savings_keur=float(value.savings_keur),
            transaction_keur=float(value.transaction_keur),
            autonomy_loss=float(value.autonomy_loss),
            net_keur=float(value.net_keur),
            pareto=on_front,
            shared_regions=shared,
            within_existing=self._within(members),
        )

    def _within(self, members: tuple[str, ...]) -> bool:
        if not self.existing_sets:
            return False
        partners = frozenset(members) - {self.code}
        return any(partners <= s for s in self.existing_sets)

    def _region_sets(self, nodes: list[str]) -> dict[str, dict[str, str]]:
        regio = self.ds.regio
        out: dict[str, dict[str, str]] = {}
        for kind in sorted(set(regio["regiotype"])):
            rows = regio[regio["regiotype"] == kind]
            out[str(kind)] = dict(zip(rows["gm_code"], rows["regio_code"], strict=True))
        for labels in out.values():
            for c in nodes:
                labels.setdefault(c, "")
        return out

    def _shared(self, names: dict[str, str]) -> tuple[SharedRegion, ...]:
        regio = self.ds.regio
        mine = regio[regio["gm_code"] == self.code]
        out = []
        for row in mine.itertuples(index=False):
            same = regio[
                (regio["regiotype"] == row.regiotype)
                & (regio["regio_code"] == row.regio_code)
                & (regio["gm_code"] != self.code)
            ]
            out.append(
                SharedRegion(
                    str(row.regiotype),
                    str(row.regio_code),
                    str(row.regio_naam),
                    tuple(sorted(same["gm_code"], key=lambda c: names[c])),
                )
            )
        return tuple(sorted(out, key=lambda r: r.regiotype))


def _pareto(savings: NDArray[np.float64], autonomy: NDArray[np.float64]) -> NDArray[np.int64]:
    """Indices not dominated in (higher savings, lower autonomy loss); better than alone only.

    Sorting by autonomy loss (then savings, descending) and keeping each option that beats the
    best saving seen so far gives the front in O(n log n) (Kung, Luccio & Preparata, JACM 1975).
    """
    order = np.lexsort((-savings, autonomy))
    front: list[int] = []
    best = 0.0  # staying alone: no saving, no autonomy lost
    for i in order:
        if savings[i] > best + 1e-9:
            front.append(int(i))
            best = float(savings[i])
    return np.asarray(front, dtype=np.int64)
