"""API resources on the data itself: gemeenten, their neighbours and spending, regions,
taakvelden. Paths are relative to ``/api/v1``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from regiokompas.web.api._contract import PROVINCIE_PATTERN, REGIOTYPE_PATTERN, VORM_PATTERN
from regiokompas.web.shared import potential, schemas
from regiokompas.web.shared.engines import DEFAULT_MODE
from regiokompas.web.shared.views import site_of

__all__ = ["api_router"]

api_router = APIRouter()

_Code = Annotated[
    str, Path(description="CBS-gemeentecode van de indeling 2023, bv. GM0513.", examples=["GM0513"])
]
_Document = Annotated[
    str,
    Query(
        description="Iv3-document: jaarrekening (realisatie, laatste jaar) of begroting.",
        pattern="^(jaarrekening|begroting)$",
    ),
]
_Modus = Annotated[
    str,
    Query(
        description="Besparingsmodel: fitted (kostenmodel op Iv3-data) of literature "
        "(literatuuraannames).",
        pattern="^(fitted|literature)$",
    ),
]
_Vorm = Annotated[
    str,
    Query(
        description="Samenwerkingsvorm, bv. bedrijfsvoeringsorganisatie, openbaar_lichaam, "
        "centrumgemeente, gemeenschappelijk_orgaan, regeling_zonder_meer, uitbesteding.",
        max_length=40,
        pattern=VORM_PATTERN,
    ),
]


@api_router.get(
    "/gemeenten",
    response_model=schemas.GemeenteLijst,
    tags=["gemeenten"],
    summary="Alle gemeenten (indeling 2023), te filteren op naam en provincie",
)
def gemeenten(
    request: Request,
    naam: Annotated[
        str | None, Query(description="Deel van de naam; hoofdletters en accenten tellen niet.")
    ] = None,
    provincie: Annotated[
        str | None, Query(description="Provincienaam, bv. Utrecht.", pattern=PROVINCIE_PATTERN)
    ] = None,
) -> schemas.GemeenteLijst:
    return site_of(request).gemeenten(naam=naam, provincie=provincie)


@api_router.get(
    "/gemeenten/{code}",
    response_model=schemas.GemeenteProfiel,
    tags=["gemeenten"],
    summary="Profiel van een gemeente: kerncijfers, regio's, buren en lasten",
)
def gemeente(
    request: Request, code: _Code, document: _Document = "jaarrekening"
) -> schemas.GemeenteProfiel:
    site = site_of(request)
    return site.profiel(site.code(code), document)


@api_router.get(
    "/gemeenten/{code}/buren",
    response_model=schemas.BurenLijst,
    tags=["gemeenten"],
    summary="Buurgemeenten (over land met grenslengte, of over water)",
)
def buren(request: Request, code: _Code) -> schemas.BurenLijst:
    site = site_of(request)
    return site.buren(site.code(code))


@api_router.get(
    "/gemeenten/{code}/lasten",
    response_model=schemas.Lastenvergelijking,
    tags=["gemeenten"],
    summary="Lasten per inwoner per hoofdtaakveld tegenover vergelijkbare gemeenten",
)
def lasten(
    request: Request, code: _Code, document: _Document = "jaarrekening"
) -> schemas.Lastenvergelijking:
    site = site_of(request)
    return site.profiel(site.code(code), document).lasten


@api_router.get(
    "/regios",
    response_model=schemas.RegioLijst,
    tags=["regio's"],
    summary="Regio's van de bestaande indelingen (provincie, GGD, veiligheidsregio, ...)",
)
def regios(
    request: Request,
    regiotype: Annotated[
        str | None,
        Query(
            description="provincie, jeugdregio, ggd, veiligheidsregio, arbeidsmarktregio of res.",
            pattern=REGIOTYPE_PATTERN,
        ),
    ] = None,
) -> schemas.RegioLijst:
    return site_of(request).regios(regiotype)


@api_router.get(
    "/regios/{code}",
    response_model=schemas.RegioDetail,
    tags=["regio's"],
    summary="Een regio met haar gemeenten",
)
def regio(
    request: Request,
    code: Annotated[str, Path(description="Regiocode, bv. GG3316 of VR16.", examples=["VR16"])],
) -> schemas.RegioDetail:
    return site_of(request).regio(code)


@api_router.get(
    "/taakvelden",
    response_model=schemas.TaakveldLijst,
    tags=["taakvelden"],
    summary="De Iv3-taakvelden 2017–2026",
)
def taakvelden(
    request: Request,
    jaar: Annotated[
        int | None,
        Query(description="Alleen taakvelden die in dit jaar bestaan.", ge=2017, le=2026),
    ] = None,
) -> schemas.TaakveldLijst:
    return site_of(request).taakvelden(jaar)


@api_router.get(
    "/taakvelden/{taakveld}",
    response_model=schemas.Taakveld,
    tags=["taakvelden"],
    summary="Eén taakveld",
)
def taakveld(
    request: Request,
    taakveld: Annotated[str, Path(description="Taakveldcode, bv. 7.3.", examples=["7.3"])],
) -> schemas.Taakveld:
    return site_of(request).taakveld(taakveld)


@api_router.get(
    "/taakvelden/{taakveld}/lasten",
    response_model=schemas.TaakveldKaart,
    tags=["taakvelden"],
    summary="Lasten op een taakveld per gemeente (de landkaart op de startpagina)",
)
def taakveld_lasten(
    request: Request,
    taakveld: Annotated[str, Path(description="Taakveldcode, bv. 7.3.", examples=["7.3"])],
    document: _Document = "jaarrekening",
) -> schemas.TaakveldKaart:
    return site_of(request).taakveld_kaart(taakveld, document)


@api_router.get(
    "/taakvelden/{taakveld}/kansen",
    response_model=schemas.TaakveldKansen,
    tags=["taakvelden"],
    summary="Waar samenwerking op een taakveld kansrijk is, per gemeente (de landkaart)",
)
def taakveld_kansen(
    request: Request,
    taakveld: Annotated[str, Path(description="Taakveldcode, bv. 7.3.", examples=["7.3"])],
    modus: _Modus = DEFAULT_MODE,
    vorm: _Vorm = "bedrijfsvoeringsorganisatie",
) -> schemas.TaakveldKansen:
    site = site_of(request)
    return potential.taakveld_kansen(site, site.engines, taakveld, modus, vorm)
