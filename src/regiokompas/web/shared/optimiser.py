"""The region optimiser behind the region page and ``/api/v1/indelingen``: a thin adapter over
:class:`regiokompas.partition.RegionPartitioner` valued by the savings engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from regiokompas._numbers import nl_number
from regiokompas.data import RegiokompasError
from regiokompas.partition import (
    EnumerationLimitError,
    RegionPartitioner,
    area_members,
    engine_scorer,
    estimate_group_count,
)
from regiokompas.web.shared import schemas
from regiokompas.web.shared.i18n import gettext
from regiokompas.web.shared.problems import (
    BadParameterError,
    TooMuchWorkError,
    UnknownReferenceError,
)
from regiokompas.web.shared.views import SiteData

__all__ = [
    "source_line",
    "ENUMERATION_BUDGET",
    "MAX_GROUPS",
    "MAX_SIZE",
    "TIME_LIMIT",
    "estimated_groups",
    "indeling",
]

#: Largest group size a web user may ask for (the optimiser enumerates all connected groups).
MAX_SIZE = 8
#: Seconds the optimiser may use for one web request; the result states the gap it proved.
TIME_LIMIT = 15.0
#: Most connected groups one web request may enumerate and score. The whole country with groups
#: of up to 6 has 392,451 (allowed); up to 7 about 1.9 million, which takes minutes of CPU and
#: gigabytes before the solver starts, so it is refused up front from an estimate.
MAX_GROUPS = 1_000_000
#: Hard stop of the enumeration itself (memory and time), in case the estimate undershoots.
ENUMERATION_BUDGET = 2 * MAX_GROUPS


def estimated_groups(site: SiteData, gebied: str, max_grootte: int) -> float:
    """Knuth's estimate of the number of connected groups in ``gebied`` up to ``max_grootte``
    (milliseconds, whatever the size); raises 400 for an unknown area."""

    def build() -> float:
        ds = site.dataset
        try:
            members = area_members(ds, gebied)
        except RegiokompasError as exc:
            raise UnknownReferenceError("gebied", exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
        index = {code: i for i, code in enumerate(members)}
        adjacency: list[list[int]] = [[] for _ in members]
        for a, b in ds.graph.edge_list():
            if a in index and b in index:
                adjacency[index[a]].append(index[b])
                adjacency[index[b]].append(index[a])
        return estimate_group_count(adjacency, max_grootte)

    return site.memo(("indeling-schatting", gebied.strip().lower(), max_grootte), build)


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

    estimate = estimated_groups(site, gebied, max_grootte)
    if estimate > MAX_GROUPS:
        raise TooMuchWorkError(
            "maxGrootte",
            f"met groepen tot {max_grootte} gemeenten heeft '{gebied}' ongeveer "
            f"{nl_number(round(estimate, -3))} mogelijke groepen; één verzoek rekent er hoogstens "
            f"{nl_number(MAX_GROUPS)} door. Kies een kleinere maxGrootte of een kleiner gebied "
            "(bv. provincie:Utrecht)",
            f"with groups of up to {max_grootte} municipalities '{gebied}' has about "
            f"{estimate:,.0f} possible groups; one request evaluates at most {MAX_GROUPS:,}. "
            "Choose a smaller maxGrootte or a smaller area (e.g. provincie:Utrecht)",
        )

    # Only after the cheap checks and the estimate: the first call fits the savings model.
    engines = site.engines
    reeksen = engines.reeksen(taakvelden, "taakvelden")
    vorm_key = engines.vorm(vorm)
    engine = engines.savings(modus)

    def build() -> schemas.Indeling:
        scorer = engine_scorer(engine, list(reeksen), vorm_key, autonomy_price=autonomie_prijs)
        try:
            model = RegionPartitioner.from_region(
                site.dataset,
                gebied,
                scorer,
                max_size=max_grootte,
                time_limit=TIME_LIMIT,
                max_groups=ENUMERATION_BUDGET,
            )
            result = model.solve()
        except EnumerationLimitError as exc:
            # The up-front estimate is a sample; this hard stop holds whatever it said.
            raise TooMuchWorkError("maxGrootte", exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
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
            bron=source_line(modus, int(engine.jaar)),
        )

    key = ("indeling", gebied, reeksen, vorm_key, modus, max_grootte, autonomie_prijs)
    return site.memo(key, build)


def source_line(modus: str, jaar: int, language: str = "nl") -> str:
    """Where a grouping's numbers come from (the API gives it in Dutch, pages translate)."""
    return gettext(
        "Groepswaarden: besparingsmodel Regiokompas ({modus}) op CBS Iv3 jaarrekening {jaar}; "
        "buren: CBS/Kadaster gemeentegrenzen 2023; optimalisatie: verzamelingspartitionering "
        "over samenhangende groepen (HiGHS)",
        language,
        modus=modus,
        jaar=jaar,
    )
