"""Cost sharing for a real group of gemeenten: the engine's cost game plus the data's keys.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.savings import SavingsEngine
>>> ds = load_dataset()
>>> engine = SavingsEngine.from_dataset(ds, mode="literature")
>>> result = verdeel_regio(ds, engine, ["Gouda", "Waddinxveen"], ["0.4"], methodes=["shapley"])
>>> result.eenheid, len(result.verdelingen[0].aandelen)
('k€', 2)
"""

from __future__ import annotations

from collections.abc import Sequence

from regiokompas.data import Dataset
from regiokompas.i18n import gettext
from regiokompas.sharing._errors import SharingError
from regiokompas.sharing.analysis import BatchGame, VerdeelAnalyse, verdeel
from regiokompas.sharing.engine_game import (
    MAX_ENGINE_PLAYERS,
    CoalitionCostModel,
    engine_batch_cost,
    engine_game,
)
from regiokompas.sharing.game import CostGame

__all__ = ["verdeel_regio"]


def verdeel_regio(
    ds: Dataset,
    engine: CoalitionCostModel,
    gemeenten: Sequence[str],
    taakvelden: Sequence[str],
    vorm: str = "bedrijfsvoeringsorganisatie",
    *,
    aaneengesloten: bool = False,
    methodes: Sequence[str] | None = None,
    vast_aandeel: float = 0.5,
    steekproef: int | None = None,
    seed: int = 0,
    language: str = "nl",
) -> VerdeelAnalyse:
    """Allocate the annual cost (k€) of ``gemeenten`` cooperating on ``taakvelden``.

    ``gemeenten`` are names or codes (forgiving lookup). Coalition costs come from the savings
    engine; with ``aaneengesloten`` a coalition that is not connected costs the sum of its
    connected parts. The keys per inwoner use the most recent CBS inhabitants in the bundle;
    the key naar gebruik uses each member's current lasten on the taakvelden. Above
    :data:`MAX_ENGINE_PLAYERS` members only the keys and a sampled Shapley value (with standard
    errors) are available; the core cannot then be checked. The group's name, the source line
    and the notes are written in ``language``.
    """
    found = [ds.gemeente(q) for q in gemeenten]
    codes = [g.code for g in found]
    seen: set[str] = set()
    for g in found:
        if g.code in seen:
            raise SharingError(
                f"{g.naam} staat dubbel in de groep.", f"{g.naam} appears twice in the group."
            )
        seen.add(g.code)
    names = {g.code: g.naam for g in found}
    year = int(ds.inwoners["jaar"].max())
    inhabitants = ds.inwoners_in(year)
    lasten_year = getattr(engine, "jaar", None)
    lasten_label = f"Iv3 jaarrekening {lasten_year}" if lasten_year else "Iv3 jaarrekening"
    bron = gettext(
        "Kosten per coalitie: {lasten} (CBS) min besparing plus transactiekosten volgens het "
        "besparingsmodel van Regiokompas, vorm {vorm}{aaneengesloten}; inwoners: CBS, "
        "1 januari {jaar}.",
        language,
    ).format(
        lasten=lasten_label,
        vorm=vorm,
        aaneengesloten=gettext(", alleen aaneengesloten samenwerking", language)
        if aaneengesloten
        else "",
        jaar=year,
    )
    graph = ds.graph if aaneengesloten else None
    naam = gettext("{namen}: taakveld {taakvelden}", language).format(
        namen=", ".join(names[c] for c in codes), taakvelden=", ".join(taakvelden)
    )
    game: CostGame | BatchGame
    if len(codes) <= MAX_ENGINE_PLAYERS:
        game = engine_game(
            engine,
            codes,
            taakvelden,
            vorm,
            graph=graph,
            names=names.__getitem__,
            naam=naam,
            bron=bron,
        )
    else:
        # Too many coalitions to score them all: keys and a sampled Shapley value only.
        batch = engine_batch_cost(engine, codes, taakvelden, vorm, graph=graph)
        game = BatchGame(tuple(names[c] for c in codes), batch, eenheid="k€", naam=naam, bron=bron)
    return verdeel(
        game,
        methodes,
        inwoners={names[c]: float(inhabitants[c]) for c in codes},
        gebruik={names[c]: float(engine.standalone_cost(c, list(taakvelden))) for c in codes},
        vast_aandeel=vast_aandeel,
        steekproef=steekproef,
        seed=seed,
        language=language,
    )
