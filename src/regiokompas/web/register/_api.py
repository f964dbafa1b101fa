"""The register's JSON API under ``/api/v1`` (NLGov REST API Design Rules): ``/regelingen``
(list, create), ``/regelingen/{id}`` (read, replace, soft-delete), ``/regelingen/{id}/herstel``
(undo a delete), ``/regelingen/{id}/wijzigingen`` (audit trail) and
``/gemeenten/{code}/congruentie`` (existing partners and congruence).

Reading active arrangements is public (gemeenschappelijke regelingen are public records);
the audit trail needs an account (lezer or higher); writing needs a redacteur (for an
arrangement their gemeente takes part in) or a beheerder. Machines authenticate with
``Authorization: Bearer <token>``. A stale ``versie`` in a PUT is a 409 Conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from regiokompas.data import RegiokompasError
from regiokompas.register import (
    ConflictError,
    Deelnemer,
    DuplicateNameError,
    NotFoundError,
    PermissionDeniedError,
    Regeling,
    RegisterValidationError,
    classify,
)
from regiokompas.store import Gebruiker, StoreBusyError
from regiokompas.web._security import security_event
from regiokompas.web.register._auth import bearer_user, register_of
from regiokompas.web.shared.problems import PROBLEM_MEDIA_TYPE, problem_body
from regiokompas.web.shared.templating import negotiate_language

__all__ = ["api_router"]

api_router = APIRouter(tags=["regelingen"])
_bearer = HTTPBearer(auto_error=False, description="API-token: regiokompas register token-maken")

_TITLES = {
    400: ("Ongeldige invoer", "Invalid input"),
    401: ("Niet geauthenticeerd", "Not authenticated"),
    403: ("Geen toestemming", "Forbidden"),
    404: ("Niet gevonden", "Not found"),
    409: ("Conflict", "Conflict"),
    503: ("Tijdelijk niet beschikbaar", "Temporarily unavailable"),
}
_BRON = "Register Regiokompas; per regeling de bron en brondatum in 'bron' en 'bronDatum'"


def _problem_doc(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


_R400: dict[int | str, dict[str, Any]] = {
    400: _problem_doc("Ongeldige invoer (invalidParams noemt welke velden).")
}
_R401: dict[int | str, dict[str, Any]] = {401: _problem_doc("Geen of een ongeldig API-token.")}
_R403: dict[int | str, dict[str, Any]] = {
    403: _problem_doc("Uw rol staat deze wijziging niet toe.")
}
_R404: dict[int | str, dict[str, Any]] = {404: _problem_doc("Niet gevonden.")}
_R409: dict[int | str, dict[str, Any]] = {
    409: _problem_doc("Intussen door iemand anders gewijzigd (verouderde versie).")
}
_R409_NAAM: dict[int | str, dict[str, Any]] = {
    409: _problem_doc("Er staat al een actieve regeling met deze naam in het register.")
}


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class DeelnemerSchema(_Model):
    """A participant: a gemeente by ``code`` or another body by ``naam``."""

    code: str | None = Field(None, description="CBS-gemeentecode (indeling 2023), bv. GM0513.")
    naam: str = Field("", description="Naam; voor een gemeente ingevuld uit de code.")
    bijdrage_keur: float | None = Field(None, description="Jaarlijkse bijdrage in k€.")


class RegelingInvoer(_Model):
    """The recorded content of an arrangement."""

    naam: str = Field(max_length=300)
    vorm: str = Field(description="Vormcode, bv. openbaar_lichaam, convenant, inkoop.")
    deelnemers: list[DeelnemerSchema]
    taakvelden: list[str] = Field(default_factory=list, description="Iv3-taakvelden, bv. 7.3.")
    begroting_keur: float | None = Field(None, description="Jaarbegroting in k€.")
    startdatum: dt.date | None = None
    evaluatiedatum: dt.date | None = None
    uittredingsvoorwaarden: str = ""
    zienswijzerecht: bool = False
    gezamenlijke_raadscommissie: bool = False
    gezamenlijk_bestuur: bool = False
    bron: str = ""
    bron_datum: dt.date | None = None
    historisch: bool = False
    te_verifieren: bool = False
    classificatie_override: Literal["samenwerking", "uitbesteding"] | None = None
    override_reden: str = ""
    opmerking: str = ""

    def to_domain(self) -> Regeling:
        """The domain record."""
        data = self.model_dump(exclude={"deelnemers", "taakvelden", "versie"})
        return Regeling(
            **data,
            deelnemers=tuple(
                Deelnemer((d.code or "").strip().upper(), d.naam, d.bijdrage_keur)
                for d in self.deelnemers
            ),
            taakvelden=tuple(self.taakvelden),
        )


class RegelingWijziging(RegelingInvoer):
    """New content plus the version it was based on (optimistic locking)."""

    versie: int = Field(description="De versie die u las; verouderd geeft 409.")


class ClassificatieSchema(_Model):
    klasse: Literal["samenwerking", "uitbesteding", "onbekend"]
    reden: str
    regel_klasse: Literal["samenwerking", "uitbesteding", "onbekend"]
    overschreven: bool


class RegelingUitvoer(RegelingInvoer):
    """An arrangement as stored."""

    id: int
    versie: int
    verwijderd: bool
    classificatie: ClassificatieSchema


class RegelingLijst(_Model):
    """One page of arrangements; ``aantal`` counts all that match the filter."""

    regelingen: list[RegelingUitvoer]
    aantal: int
    pagina: int
    pagina_grootte: int
    aantal_paginas: int
    volgende: str | None = Field(None, description="Adres van de volgende pagina, of null.")
    bron: str


class WijzigingSchema(_Model):
    tijdstip: dt.datetime
    gebruiker: str
    actie: str
    veld: str
    oud: Any = None
    nieuw: Any = None


class WijzigingLijst(_Model):
    wijzigingen: list[WijzigingSchema]


class PartnerSchema(_Model):
    code: str
    aantal: int
    regelingen: list[str]
    taakvelden: list[str]


class CongruentieSchema(_Model):
    gemeente: str
    regelingen: int
    met_partners: int
    partnersets: int
    index: float | None
    aandeel_meest_voorkomend: float | None
    meest_voorkomende_set: list[str]
    partners: list[PartnerSchema]
    bron: str


def _out(r: Regeling) -> RegelingUitvoer:
    c = classify(r)
    return RegelingUitvoer(
        **{k: v for k, v in r.content().items() if k not in ("deelnemers", "taakvelden")},
        deelnemers=[
            DeelnemerSchema(code=d.code or None, naam=d.naam, bijdrage_keur=d.bijdrage_keur)
            for d in r.deelnemers
        ],
        taakvelden=list(r.taakvelden),
        id=r.id or 0,
        versie=r.versie or 0,
        verwijderd=r.verwijderd,
        classificatie=ClassificatieSchema(
            klasse=c.klasse, reden=c.reden, regel_klasse=c.regel_klasse, overschreven=c.overschreven
        ),
    )


def _problem(
    request: Request,
    status: int,
    detail: str,
    invalid: list[tuple[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    lang = negotiate_language(request.headers.get("accept-language"))
    nl, en = _TITLES.get(status, (f"HTTP {status}", f"HTTP {status}"))
    path = str(request.scope.get("path", ""))
    body = problem_body(status, en if lang == "en" else nl, detail, path, invalid=invalid)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _error(request: Request, exc: RegiokompasError) -> JSONResponse:
    lang = negotiate_language(request.headers.get("accept-language"))
    text = exc.message(lang)
    if isinstance(exc, DuplicateNameError):
        return _problem(request, 409, text, [("naam", exc.problems[0].message(lang))])
    if isinstance(exc, RegisterValidationError):
        invalid = [(p.veld, p.en if lang == "en" else p.nl) for p in exc.problems]
        return _problem(request, 400, text, invalid)
    if isinstance(exc, PermissionDeniedError):
        security_event(request, "toegang_geweigerd")
        return _problem(request, 403, text)
    if isinstance(exc, NotFoundError):
        return _problem(request, 404, text)
    if isinstance(exc, ConflictError | DuplicateNameError):
        return _problem(request, 409, text)
    if isinstance(exc, StoreBusyError):
        return _problem(request, 503, text, headers={"Retry-After": "5"})
    return _problem(request, 400, text)


def _unauthenticated(request: Request) -> JSONResponse:
    if request.headers.get("authorization"):
        security_event(request, "token_geweigerd")
    return _problem(
        request,
        401,
        "Geef een geldig API-token mee: Authorization: Bearer <token>.",
        headers={"WWW-Authenticate": 'Bearer realm="regiokompas"'},
    )


_Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
_Id = Annotated[int, Path(description="Id van de regeling.", ge=1, le=2_147_483_647)]


def _user(request: Request, creds: HTTPAuthorizationCredentials | None) -> Gebruiker | None:
    return bearer_user(request, creds.credentials if creds else None)


@api_router.get("/regelingen", response_model=RegelingLijst, summary="Regelingen in het register")
def regelingen(
    request: Request,
    zoek: Annotated[str | None, Query(max_length=100, description="Deel van de naam.")] = None,
    gemeente: Annotated[
        str | None, Query(max_length=6, description="Deelnemende gemeente (GMxxxx).")
    ] = None,
    historisch: Annotated[
        bool | None, Query(description="Alleen historische (true) of actuele (false).")
    ] = None,
    pagina: Annotated[int, Query(ge=1, description="Paginanummer (vanaf 1).")] = 1,
    pagina_grootte: Annotated[
        int, Query(alias="paginaGrootte", ge=1, le=1000, description="Regelingen per pagina.")
    ] = 100,
) -> RegelingLijst:
    found = register_of(request).lijst(
        zoek=zoek, gemeente=gemeente.upper() if gemeente else None, historisch=historisch
    )
    pages = max(1, -(-len(found) // pagina_grootte))
    start = (pagina - 1) * pagina_grootte
    volgende = None
    if pagina < pages:
        volgende = (
            str(request.url.include_query_params(pagina=pagina + 1).path)
            + "?"
            + str(request.url.include_query_params(pagina=pagina + 1).query)
        )
    return RegelingLijst(
        regelingen=[_out(r) for r in found[start : start + pagina_grootte]],
        aantal=len(found),
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        aantal_paginas=pages,
        volgende=volgende,
        bron=_BRON,
    )


@api_router.post(
    "/regelingen",
    status_code=201,
    response_model=RegelingUitvoer,
    summary="Een regeling toevoegen",
    responses={**_R400, **_R401, **_R403, **_R409_NAAM},
)
def regeling_toevoegen(
    request: Request, response: Response, body: RegelingInvoer, creds: _Creds
) -> Any:
    user = _user(request, creds)
    if user is None:
        return _unauthenticated(request)
    try:
        created = register_of(request).aanmaken(body.to_domain(), user.actor())
    except RegiokompasError as exc:
        return _error(request, exc)
    response.headers["Location"] = f"/api/v1/regelingen/{created.id}"
    return _out(created)


@api_router.get("/regelingen/{regeling_id}", response_model=RegelingUitvoer, summary="Eén regeling")
def regeling(request: Request, regeling_id: _Id) -> Any:
    try:
        return _out(register_of(request).toon(regeling_id))
    except RegiokompasError as exc:
        return _error(request, exc)


@api_router.put(
    "/regelingen/{regeling_id}",
    response_model=RegelingUitvoer,
    summary="Een regeling vervangen (met de versie die u las)",
    responses={**_R401, **_R403, **_R409},
)
def regeling_wijzigen(
    request: Request, regeling_id: _Id, body: RegelingWijziging, creds: _Creds
) -> Any:
    user = _user(request, creds)
    if user is None:
        return _unauthenticated(request)
    try:
        changed = register_of(request).wijzigen(
            regeling_id, body.to_domain(), user.actor(), body.versie
        )
    except RegiokompasError as exc:
        return _error(request, exc)
    return _out(changed)


@api_router.delete(
    "/regelingen/{regeling_id}",
    status_code=204,
    response_class=Response,
    summary="Een regeling verwijderen (zacht; te herstellen)",
    responses={**_R401, **_R403},
)
def regeling_verwijderen(request: Request, regeling_id: _Id, creds: _Creds) -> Response:
    user = _user(request, creds)
    if user is None:
        return _unauthenticated(request)
    try:
        register_of(request).verwijderen(regeling_id, user.actor())
    except RegiokompasError as exc:
        return _error(request, exc)
    return Response(status_code=204)


@api_router.post(
    "/regelingen/{regeling_id}/herstel",
    response_model=RegelingUitvoer,
    summary="Het verwijderen van een regeling ongedaan maken",
    responses={**_R401, **_R403},
)
def regeling_herstellen(request: Request, regeling_id: _Id, creds: _Creds) -> Any:
    user = _user(request, creds)
    if user is None:
        return _unauthenticated(request)
    try:
        return _out(register_of(request).herstellen(regeling_id, user.actor()))
    except RegiokompasError as exc:
        return _error(request, exc)


@api_router.get(
    "/regelingen/{regeling_id}/wijzigingen",
    response_model=WijzigingLijst,
    summary="De wijzigingsgeschiedenis (audit trail) van een regeling",
    responses={**_R401},
)
def wijzigingen(request: Request, regeling_id: _Id, creds: _Creds) -> Any:
    if _user(request, creds) is None:
        return _unauthenticated(request)
    reg = register_of(request)
    try:
        reg.toon(regeling_id, include_deleted=True)
    except RegiokompasError as exc:
        return _error(request, exc)
    trail = [
        WijzigingSchema(
            tijdstip=a.tijdstip,
            gebruiker=a.gebruiker,
            actie=a.actie,
            veld=a.veld,
            oud=json.loads(a.oud) if a.oud and a.oud != "***" else a.oud,
            nieuw=json.loads(a.nieuw) if a.nieuw and a.nieuw != "***" else a.nieuw,
        )
        for a in reg.geschiedenis(regeling_id)
    ]
    return WijzigingLijst(wijzigingen=trail)


@api_router.get(
    "/gemeenten/{code}/congruentie",
    response_model=CongruentieSchema,
    summary="Bestaande partners en congruentie van een gemeente volgens het register",
)
def congruentie(
    request: Request,
    code: Annotated[
        str, Path(description="CBS-gemeentecode (indeling 2023).", examples=["GM0513"])
    ],
    historisch: Annotated[
        bool | None, Query(description="false: laat historische (2016) regelingen weg.")
    ] = None,
) -> Any:
    reg = register_of(request)
    gm = code.strip().upper()
    if gm not in reg.ref.gemeenten:
        return _problem(request, 404, f"Geen gemeente met code {code} in de indeling 2023.")
    c = reg.congruentie(gm, historisch)
    partners = [
        PartnerSchema(
            code=p.code,
            aantal=p.aantal,
            regelingen=list(p.regelingen),
            taakvelden=list(p.taakvelden),
        )
        for p in reg.bestaande_partners(gm, historisch)
    ]
    return CongruentieSchema(
        gemeente=gm,
        regelingen=c.regelingen,
        met_partners=c.met_partners,
        partnersets=c.partnersets,
        index=c.index,
        aandeel_meest_voorkomend=c.aandeel_meest_voorkomend,
        meest_voorkomende_set=list(c.meest_voorkomende_set),
        partners=partners,
        bron=_BRON,
    )
