"""API resource ``/indelingen``: the region optimiser's best partition of an area."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from regiokompas.web._limits import expensive_slot
from regiokompas.web.api._contract import LIST_PATTERN, VORM_PATTERN
from regiokompas.web.shared import analyses, optimiser, schemas
from regiokompas.web.shared.engines import DEFAULT_MODE
from regiokompas.web.shared.views import site_of

__all__ = ["api_router"]

api_router = APIRouter()


@api_router.get(
    "/indelingen",
    dependencies=[Depends(expensive_slot)],
    response_model=schemas.Indeling,
    tags=["analyses"],
    summary="Beste indeling van een gebied in aaneengesloten samenwerkingsgroepen, met bewezen "
    "bovengrens",
)
def indelingen(
    request: Request,
    gebied: Annotated[
        str,
        Query(
            description="land, of <regiosoort>:<code of naam>, bv. veiligheidsregio:VR16 of "
            "provincie:Utrecht.",
            examples=["veiligheidsregio:VR16"],
            max_length=100,
        ),
    ],
    taakvelden: Annotated[
        str,
        Query(
            description="Taakvelden, komma-gescheiden, bv. 7.3.",
            max_length=200,
            pattern=LIST_PATTERN,
        ),
    ] = "7.3",
    vorm: Annotated[
        str, Query(description="Samenwerkingsvorm.", max_length=40, pattern=VORM_PATTERN)
    ] = "bedrijfsvoeringsorganisatie",
    modus: Annotated[
        str,
        Query(description="fitted (kostenmodel) of literature.", pattern="^(fitted|literature)$"),
    ] = DEFAULT_MODE,
    maxGrootte: Annotated[  # noqa: N803 - NLGov: lowerCamelCase query parameters
        int,
        Query(
            description=f"Grootste groep (2 tot {optimiser.MAX_SIZE} gemeenten).",
            ge=2,
            le=optimiser.MAX_SIZE,
        ),
    ] = 6,
    autonomiePrijs: Annotated[  # noqa: N803
        float,
        Query(
            description="Prijs van autonomie: k€ per jaar per punt autonomieverlies (0 tot "
            "10.000).",
            ge=0.0,
            le=10_000.0,
        ),
    ] = 0.0,
) -> schemas.Indeling:
    site = site_of(request)
    items = analyses.parse_list(taakvelden)
    return optimiser.indeling(site, gebied, items, vorm, modus, maxGrootte, autonomiePrijs)
