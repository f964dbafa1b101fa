"""API resources computed by the engines: ``/besparingen`` (the savings estimate of a group),
``/verdelingen`` (fair cost sharing) and ``/gemeenten/{code}/kansen`` (the partner finder).
Lists are comma-separated: ``gemeenten=GM0513,GM0627``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from regiokompas.web._limits import expensive_slot
from regiokompas.web.api._contract import (
    GEMEENTEN_PATTERN,
    LIST_PATTERN,
    METHODEN_PATTERN,
    REGIOTYPE_PATTERN,
    VORM_PATTERN,
)
from regiokompas.web.shared import analyses, opportunities, schemas
from regiokompas.web.shared.advice_schemas import Advies
from regiokompas.web.shared.engines import DEFAULT_MODE
from regiokompas.web.shared.views import site_of

__all__ = ["api_router"]

api_router = APIRouter()

_Gemeenten = Annotated[
    str,
    Query(
        description="De gemeenten van de groep, komma-gescheiden codes of namen "
        f"(2 tot {analyses.MAX_GROUP}), bv. GM0513,GM0627.",
        examples=["GM0513,GM0627,GM1901"],
        max_length=2000,
        pattern=GEMEENTEN_PATTERN,
    ),
]
_Taakvelden = Annotated[
    str,
    Query(
        description="Taakvelden, komma-gescheiden, bv. 7.3 of 0.4,7.3.",
        max_length=200,
        pattern=LIST_PATTERN,
    ),
]
_Vorm = Annotated[
    str,
    Query(
        description="Samenwerkingsvorm, bv. bedrijfsvoeringsorganisatie of centrumgemeente.",
        max_length=40,
        pattern=VORM_PATTERN,
    ),
]
_Modus = Annotated[
    str,
    Query(
        description="Besparingsmodel: fitted (kostenmodel) of literature (literatuur).",
        pattern="^(fitted|literature)$",
    ),
]


@api_router.get(
    "/besparingen",
    dependencies=[Depends(expensive_slot)],
    response_model=schemas.Besparing,
    tags=["analyses"],
    summary="Besparing van een samenwerking met onzekerheid (P10/P50/P90), per lid en per jaar",
)
def besparingen(
    request: Request,
    gemeenten: _Gemeenten,
    taakvelden: _Taakvelden = "7.3",
    vorm: _Vorm = "bedrijfsvoeringsorganisatie",
    modus: _Modus = DEFAULT_MODE,
    trekkingen: Annotated[
        int, Query(description="Aantal trekkingen voor de onzekerheid.", ge=100, le=10_000)
    ] = 1000,
) -> schemas.Besparing:
    site = site_of(request)
    codes = analyses.parse_members(site, gemeenten, "gemeenten")
    items = analyses.parse_list(taakvelden)
    return analyses.besparing(site, codes, items, vorm, modus, trekkingen)


@api_router.get(
    "/verdelingen",
    dependencies=[Depends(expensive_slot)],
    response_model=schemas.Verdelingsanalyse,
    tags=["analyses"],
    summary="Eerlijke kostenverdeling: verdeelsleutels, Shapley-waarde, nucleolus, kerntoets",
)
def verdelingen(
    request: Request,
    gemeenten: _Gemeenten,
    taakvelden: _Taakvelden = "7.3",
    vorm: _Vorm = "bedrijfsvoeringsorganisatie",
    modus: _Modus = DEFAULT_MODE,
    methoden: Annotated[
        str | None,
        Query(
            description="Komma-gescheiden: inwoners, gebruik, vast-variabel, shapley, "
            "nucleolus, kleinste-kern (standaard: alle die van toepassing zijn).",
            max_length=200,
            pattern=METHODEN_PATTERN,
        ),
    ] = None,
    vastAandeel: Annotated[  # noqa: N803 - NLGov: lowerCamelCase query parameters
        float, Query(description="Vast deel bij de sleutel vast-variabel (0 tot 1).", ge=0, le=1)
    ] = 0.5,
    aaneengesloten: Annotated[
        bool,
        Query(
            description="Alleen aaneengesloten coalities werken samen (een niet-aaneengesloten "
            "coalitie kost de som van haar delen)."
        ),
    ] = True,
) -> schemas.Verdelingsanalyse:
    site = site_of(request)
    codes = analyses.parse_members(site, gemeenten, "gemeenten")
    items = analyses.parse_list(taakvelden)
    chosen = analyses.parse_list(methoden) or None
    return analyses.verdeling(
        site,
        codes,
        items,
        vorm,
        modus,
        chosen,
        vast_aandeel=vastAandeel,
        aaneengesloten=aaneengesloten,
    )


@api_router.get(
    "/gemeenten/{code}/kansen",
    dependencies=[Depends(expensive_slot)],
    response_model=Advies,
    tags=["gemeenten"],
    summary="Advies voor één gemeente: per taakveld de beste groep (bestaande partnersets "
    "eerst), bandbreedtes en oordeel van het besparingsmodel, bestaande regelingen uit het "
    "register, in de rangorde van het bewijs (zelfde getallen als pagina, CLI en hoofdstuk)",
)
def kansen(
    request: Request,
    code: Annotated[str, Path(description="CBS-gemeentecode, bv. GM0513.", examples=["GM0513"])],
    groepsgrootte: Annotated[
        int,
        Query(
            description=f"Grootste groep, inclusief de gemeente (2 tot {opportunities.MAX_SIZE}).",
            ge=2,
            le=opportunities.MAX_SIZE,
        ),
    ] = 4,
    binnen: Annotated[
        str | None,
        Query(
            description="Alleen partners binnen de eigen regio van dit type, bv. ggd.",
            pattern=REGIOTYPE_PATTERN,
        ),
    ] = None,
    vorm: _Vorm = "bedrijfsvoeringsorganisatie",
    modus: _Modus = DEFAULT_MODE,
    autonomiePrijs: Annotated[  # noqa: N803 - NLGov: lowerCamelCase query parameters
        float,
        Query(
            description="k€ per jaar per eenheid eigen autonomieverlies (schaal 0–1), per lid "
            "(0 tot 10.000).",
            ge=0,
            le=10_000,
        ),
    ] = 0.0,
    geenBewijs: Annotated[  # noqa: N803 - NLGov: lowerCamelCase query parameters
        bool, Query(description="Ook taakvelden zonder bewijs van besparing tonen.")
    ] = False,
) -> Advies:
    site = site_of(request)
    settings = opportunities.advice_settings(
        site, groepsgrootte, binnen, vorm, modus, autonomiePrijs, geenBewijs
    )
    return opportunities.kansen(request, site.code(code), settings)
