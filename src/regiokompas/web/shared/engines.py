"""The analysis engines behind the pages, built once per app and shared by all requests.

The fitted savings engine needs the cost model (a cluster bootstrap, a few seconds), so
:func:`regiokompas.web.app.warm` builds it in a background thread at start-up; the first
request that needs it waits only for what is left. Everything here is a thin adapter over the
core: it resolves and checks parameters, calls one engine function, and caches the result.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from regiokompas.data import Dataset, RegiokompasError
from regiokompas.savings import DEFAULT_MODE, MODES, SavingsEngine
from regiokompas.web.shared.i18n import engine_text
from regiokompas.web.shared.problems import BadParameterError, UnknownReferenceError

__all__ = [
    "DEFAULT_MODE",
    "DEFAULT_VORM",
    "WEB_MODES",
    "Engines",
    "PairPotential",
    "TaakveldVerdict",
]

#: The model modes a user can choose on the pages ("custom" needs numbers of one's own,
#: which the API's ``besparing`` parameter supplies).
WEB_MODES = ("fitted", "literature")
DEFAULT_VORM = "bedrijfsvoeringsorganisatie"


@dataclass(frozen=True)
class TaakveldVerdict:
    """What the cost model says about scale economies on one taakveld series."""

    reeks: str
    oordeel: str | None  # schaalvoordelen | geen bewijs | schaalnadelen | None (not fitted)
    elasticiteit: tuple[float, float, float] | None  # P5, point, P95
    n: int
    jaren: tuple[int, ...]


@dataclass(frozen=True)
class PairPotential:
    """A gemeente's best cooperation with one neighbour on one taakveld (point values)."""

    code: str
    partner: str | None
    netto_keur: float | None
    inwoners_paar: int


class Engines:
    """Lazily built savings engines per mode, and cached derived results."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._lock = threading.Lock()
        self._engines: dict[str, SavingsEngine] = {}
        self.pair_potential = lru_cache(maxsize=256)(self._pair_potential)
        self.verdict = lru_cache(maxsize=256)(self._verdict)

    def savings(self, mode: str = DEFAULT_MODE) -> SavingsEngine:
        """The savings engine in ``mode`` (fitted or literature); built once."""
        if mode not in WEB_MODES:
            raise BadParameterError(
                "modus",
                f"'{mode}' is geen modelmodus; kies uit {', '.join(WEB_MODES)}",
                f"'{mode}' is not a model mode; choose from {', '.join(WEB_MODES)}",
            )
        assert mode in MODES
        with self._lock:
            if mode not in self._engines:
                self._engines[mode] = SavingsEngine.from_dataset(
                    self.dataset,
                    mode="fitted" if mode == "fitted" else "literature",
                )
            return self._engines[mode]

    # ------------------------------------------------------------------ parameter checks

    def reeksen(self, taakvelden: Sequence[str], param: str = "taakveld") -> tuple[str, ...]:
        """The engine's series for taakveld codes; a 400 naming ``param`` when unknown."""
        engine = self.savings("literature")  # same assumptions in every mode, and fast
        try:
            return engine.taakvelden(list(taakvelden))
        except RegiokompasError as exc:
            raise UnknownReferenceError(param, _strip(exc.nl), _strip(exc.en)) from exc

    def vorm(self, vorm: str) -> str:
        """The canonical key of a cooperation form; a 400 naming ``vorm`` when unknown."""
        engine = self.savings("literature")
        try:
            engine.form(vorm)
        except RegiokompasError as exc:
            raise BadParameterError("vorm", _strip(exc.nl), _strip(exc.en)) from exc
        key = vorm.strip().lower().replace(" ", "_").replace("-", "_")
        return {"bvo": "bedrijfsvoeringsorganisatie", "gr": "openbaar_lichaam"}.get(key, key)

    def vormen(self, language: str = "nl") -> list[tuple[str, str]]:
        """(key, name in ``language``) of every cooperation form (``vormen.csv``)."""
        engine = self.savings("literature")
        return [(k, engine_text(f.naam, language)) for k, f in engine.assumptions.vormen.items()]

    # ------------------------------------------------------------------ derived results

    def _verdict(self, reeks: str) -> TaakveldVerdict:
        engine = self.savings("fitted")
        assert engine.model is not None
        try:
            fit = engine.model.fit(reeks)
        except RegiokompasError:
            return TaakveldVerdict(reeks, None, None, 0, ())
        e = fit.elasticity
        return TaakveldVerdict(reeks, fit.verdict, (e.low, e.mid, e.high), fit.n, fit.years)

    def _pair_potential(self, reeks: str, mode: str, vorm: str) -> tuple[PairPotential, ...]:
        """For every gemeente, the neighbour that gives the highest net value as a pair.

        Scores every neighbour pair at once with the engine's vectorised ``group_values``.
        """
        engine = self.savings(mode)
        graph = self.dataset.graph
        edges = graph.edge_list()
        groups = [list(e) for e in edges]
        net = engine.group_values(groups, [reeks], vorm)
        detail: dict[tuple[str, str], float] = dict(zip(edges, net.tolist(), strict=True))
        people = self.dataset.gemeenten.set_index("gm_code")["inwoners_2023"]
        out = []
        for code in self.dataset.gemeenten["gm_code"]:
            best: tuple[float, str] | None = None
            for n in graph.neighbours(code):
                pair = (code, n.code) if code < n.code else (n.code, code)
                value = detail[pair]
                if best is None or value > best[0]:
                    best = (value, n.code)
            if best is None:
                out.append(PairPotential(code, None, None, int(people[code])))
                continue
            out.append(
                PairPotential(code, best[1], float(best[0]), int(people[code] + people[best[1]]))
            )
        return tuple(out)


def _strip(text: str) -> str:
    """An engine message as a parameter reason: no trailing full stop."""
    return text.rstrip(". ")
