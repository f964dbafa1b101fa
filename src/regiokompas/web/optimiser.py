"""The region optimiser behind the region page and ``/api/v1/indelingen``: a thin adapter over
:class:`regiokompas.partition.RegionPartitioner` valued by the savings engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from regiokompas.data import RegiokompasError
from regiokompas.partition import RegionPartitioner, engine_scorer
from regiokompas.web import schemas
from regiokompas.web.problems import BadParameterError
from regiokompas.web.views import SiteData

__all__ = ["MAX_SIZE", "TIME_LIMIT", "indeling"]

#: Largest group size a web user may ask for (the optimiser enumerates all connected groups).
MAX_SIZE = 8
#: Seconds the optimiser may use for one web request; the result states the gap it proved.
TIME_LIMIT = 15.0


def indeling(
    site: SiteData,
    gebied: str,
    taakvelden: Sequence[str],
    vorm: str,
    modus: str,
    max_grootte: int = 6,
    autonomie_prijs: float = 0.0,
) -> schemas.Indeling:
    """The best partition of ``gebied`` (``land`` or ``<regiosoort>:<code>``) into contiguous
    groups of at most ``max_grootte`` on ``taakvelden`` (cached per argument tuple)."""
    engines = site.engines
    reeksen = engines.reeksen(taakvelden, "taakvelden")
    vorm_key = engines.vorm(vorm)
    engine = engines.savings(modus)
    if not 2 <= max_grootte <= MAX_SIZE:
        raise BadParameterError(
            "maxGrootte",
            f"moet tussen 2 en {MAX_SIZE} liggen (gekozen: {max_grootte})",
            f"must be between 2 and {MAX_SIZE} (chosen: {max_grootte})",
        )
    if not 0.0 <= autonomie_prijs <= 10_000.0:
        raise BadParameterError(
            "autonomiePrijs",
            "moet tussen 0 en 10.000 (k€ per punt autonomieverlies) liggen",
            "must be between 0 and 10,000 (k€ per point of autonomy loss)",
        )

    def build() -> schemas.Indeling:
        scorer = engine_scorer(engine, list(reeksen), vorm_key, autonomy_price=autonomie_prijs)
        try:
            model = RegionPartitioner.from_region(
                site.dataset, gebied, scorer, max_size=max_grootte, time_limit=TIME_LIMIT
            )
            result = model.solve()
        except RegiokompasError as exc:
            raise BadParameterError("gebied", exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
        names = site.names
        groups = [
            schemas.IndelingGroep(
                nummer=k + 1,
                gemeenten=list(group),
                namen=[names[c] for c in group],
                nettoKeur=float(value),
            )
            for k, (group, value) in enumerate(zip(result.groups, result.values, strict=True))
        ]
        return schemas.Indeling(
            gebied=gebied,
            taakvelden=list(reeksen),
            vorm=vorm_key,
            modus=modus,
            maxGrootte=max_grootte,
            autonomiePrijs=autonomie_prijs,
            groepen=groups,
            doelwaardeKeur=result.objective,
            bovengrensKeur=result.bound,
            gat=result.gap,
            status=result.status,
            statistieken={k: int(v) for k, v in result.stats.items()},
            tijden={k: round(float(v), 3) for k, v in result.timings.items()},
            bron=(
                f"Groepswaarden: besparingsmodel Regiokompas ({modus}) op CBS Iv3 jaarrekening "
                f"{engine.jaar}; buren: CBS/Kadaster gemeentegrenzen 2023; optimalisatie: "
                "verzamelingspartitionering over samenhangende groepen (HiGHS)"
            ),
        )

    key = ("indeling", gebied, reeksen, vorm_key, modus, max_grootte, autonomie_prijs)
    return site.memo(key, build)
