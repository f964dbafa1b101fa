""" "Wat moet" in the web app: the page ``/gemeenten/{gemeente}/plichten`` and the API resource
``/api/v1/gemeenten/{code}/plichten``.

Both render :func:`regiokompas.duties.duties_for` and :func:`regiokompas.duties.kwetsbaarheid`
(one answer, two views). The page also holds the college's own 4K scores in a form (GET, so the
scores live in the address and nothing is stored on the server) and passes them to the chapter
download as ``k4``, where they appear marked "ingevuld door de gemeente".
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from regiokompas.data import DataFileError
from regiokompas.duties import (
    ASPECTS,
    CAVEAT,
    FILLED_BY,
    VERPLICHT,
    DutyReport,
    Kwetsbaarheid,
    Scores,
    duties_for,
    format_scores,
    four_k_rows,
    kwetsbaarheid,
    load_goals,
    parse_scores,
)
from regiokompas.i18n import N_
from regiokompas.web.shared.i18n import engine_text
from regiokompas.web.shared.problems import BadParameterError
from regiokompas.web.shared.templating import language, render
from regiokompas.web.shared.views import site_of

__all__ = ["PlichtenAntwoord", "api_router", "parse_score_fields", "router"]

router = APIRouter()
api_router = APIRouter()

_CHAPTER_FORMATS = (("docx", "Word"), ("pdf", "PDF"), ("html", "HTML"), ("md", "Markdown"))


# ------------------------------------------------------------------ data


def _report(request: Request, code: str) -> tuple[DutyReport, Kwetsbaarheid]:
    """The duties from the register the user uses (the live records the advice reads, so this
    page, the advice's ``juridisch`` and the chapter's "Wat moet" agree)."""
    from regiokompas.web.shared.opportunities import REGISTER_BRON, live_register

    site = site_of(request)
    live = live_register(request)

    def build() -> tuple[DutyReport, Kwetsbaarheid]:
        report = duties_for(site.dataset, code, live.records, register_bron=REGISTER_BRON)
        return report, kwetsbaarheid(site.dataset, code)

    key = ("plichten", code, live.version)
    result: tuple[DutyReport, Kwetsbaarheid] = site.memo(key, build)
    return result


def parse_score_fields(params: Any) -> Scores:
    """The 4K scores from query parameters: ``k4`` (compact text) and/or form fields
    ``score.<taakveld>.<aspect>``; a bad value is a 400 naming the parameter."""
    parts = [str(params.get("k4", ""))]
    for key, value in params.multi_items():
        if key.startswith("score.") and str(value).strip():
            taakveld, _, aspect = key[len("score.") :].rpartition(".")
            parts.append(f"{taakveld}:{aspect}={value}")
    try:
        return parse_scores(";".join(p for p in parts if p))
    except DataFileError as exc:
        raise BadParameterError("k4", exc.nl, exc.en) from exc


# ------------------------------------------------------------------ page


@router.get("/gemeenten/{query}/plichten", response_class=HTMLResponse)
def plichten_page(request: Request, query: str) -> HTMLResponse:
    """Wat moet, kwetsbaarheid and the 4K form for one gemeente."""
    site = site_of(request)
    lang = language(request)
    code = site.find(query)
    report, k = _report(request, code)
    scores = parse_score_fields(request.query_params)
    extra = str(request.query_params.get("extra", ""))
    goals = load_goals()
    if extra and extra not in goals:
        raise BadParameterError("extra", f"onbekend taakveld '{extra}'", f"unknown '{extra}'")
    taakvelden = [r.taakveld for r in k.flagged]
    taakvelden += [t for row in report.rows for t in row.duty.taakvelden]
    taakvelden += sorted(scores.values) + ([extra] if extra else [])
    rows = four_k_rows(taakvelden, k, scores)
    compact = format_scores(scores)
    query_string = urlencode({"k4": compact}) if compact else ""
    context = {
        "r": report,
        "k": k,
        "rows": rows,
        "aspects": {a: engine_text(label, lang) for a, label in ASPECTS.items()},
        "filled_by": engine_text(FILLED_BY, lang),
        "verplicht": {key: engine_text(text, lang) for key, text in VERPLICHT.items()},
        "caveat": engine_text(CAVEAT, lang),
        "scores_compact": compact,
        "chapter_links": [
            (
                f"/gemeenten/{code}/hoofdstuk.{fmt}" + (f"?{query_string}" if query_string else ""),
                label,
            )
            for fmt, label in _CHAPTER_FORMATS
        ],
        "taakveld_opties": [
            (t, f"{t} {engine_text(g.toelichting, lang)}")
            for t, g in goals.items()
            if g.doel is not None
        ],
    }
    return render(request, "plichten.html", context)


# ------------------------------------------------------------------ API


class PlichtRegio(BaseModel):
    """The region a duty points to for this gemeente, with source and year."""

    regiotype: str
    regiotypeNaam: str  # noqa: N815 - NLGov: lowerCamelCase properties
    code: str
    naam: str
    jaar: int
    bron: str
    aandeel: float = Field(description="1 = alle voorgangers (2016) in deze regio; < 1 = twijfel.")


class Plicht(BaseModel):
    """One legal duty (or legal task left to the gemeente) with its source and status."""

    id: str
    wet: str
    artikel: str
    status: str = Field(description="in_werking of wetsvoorstel")
    statusTekst: str  # noqa: N815
    sinds: str | None
    kamerstuk: str
    taakvelden: list[str]
    verplicht: str = Field(
        description="ja: de wet verplicht samenwerking; keuze: de gemeente kiest"
    )
    vorm: str
    bronUrl: str  # noqa: N815
    geverifieerd: str
    toelichting: str
    regio: PlichtRegio | None
    inRegister: str = Field(  # noqa: N815
        description="vastgelegd, alleen_historisch (alleen een regeling uit 2016) of niet_gevonden"
    )
    regelingen: list[str]


class FteTaakveld(BaseModel):
    """Indicative FTE for one taakveld (a band; the upper bound decides the flag)."""

    taakveld: str
    omschrijving: str
    lastenKeur: float  # noqa: N815
    fteLaag: float  # noqa: N815
    fteHoog: float  # noqa: N815
    specialistisch: bool
    kwetsbaar: bool


class KostenPerFte(BaseModel):
    euroPerFte: float  # noqa: N815
    jaar: int
    bron: str


class KwetsbaarheidAntwoord(BaseModel):
    """Kwetsbaarheid of one gemeente: method sources, caveat and the taakvelden."""

    jaar: int
    bron: str
    drempelFte: float  # noqa: N815
    kostenPerFte: list[KostenPerFte]  # noqa: N815
    toelichting: str
    taakvelden: list[FteTaakveld]


class PlichtGemeente(BaseModel):
    code: str
    naam: str


class PlichtenAntwoord(BaseModel):
    """Wat moet for one gemeente: the duties, the register's view and kwetsbaarheid."""

    gemeente: PlichtGemeente
    registerBron: str  # noqa: N815
    plichten: list[Plicht]
    kwetsbaarheid: KwetsbaarheidAntwoord


def _answer(report: DutyReport, k: Kwetsbaarheid) -> PlichtenAntwoord:
    plichten = [
        Plicht(
            id=row.duty.id,
            wet=row.duty.wet,
            artikel=row.duty.artikel,
            status=row.duty.status,
            statusTekst=row.duty.status_tekst,
            sinds=row.duty.sinds.isoformat() if row.duty.sinds else None,
            kamerstuk=row.duty.kamerstuk,
            taakvelden=list(row.duty.taakvelden),
            verplicht=row.duty.verplicht,
            vorm=row.duty.vorm,
            bronUrl=row.duty.bron_url,
            geverifieerd=row.duty.geverifieerd,
            toelichting=row.duty.toelichting,
            regio=(
                PlichtRegio(
                    regiotype=row.regio.regiotype,
                    regiotypeNaam=row.regio.regiotype_naam,
                    code=row.regio.code,
                    naam=row.regio.naam,
                    jaar=row.regio.jaar,
                    bron=row.regio.bron,
                    aandeel=row.regio.aandeel,
                )
                if row.regio
                else None
            ),
            inRegister=row.voldaan,
            regelingen=list(row.regelingen),
        )
        for row in report.rows
    ]
    return PlichtenAntwoord(
        gemeente=PlichtGemeente(code=report.gm_code, naam=report.naam),
        registerBron=report.register_bron,
        plichten=plichten,
        kwetsbaarheid=KwetsbaarheidAntwoord(
            jaar=k.jaar,
            bron=k.bron,
            drempelFte=k.drempel_fte,
            kostenPerFte=[
                KostenPerFte(euroPerFte=c.euro_per_fte, jaar=c.jaar, bron=c.bron)
                for c in (k.laag, k.hoog)
            ],
            toelichting=k.caveat,
            taakvelden=[
                FteTaakveld(
                    taakveld=r.taakveld,
                    omschrijving=r.omschrijving,
                    lastenKeur=r.lasten_keur,
                    fteLaag=r.fte_laag,
                    fteHoog=r.fte_hoog,
                    specialistisch=r.specialistisch,
                    kwetsbaar=r.kwetsbaar,
                )
                for r in k.rows
            ],
        ),
    )


@api_router.get(
    "/gemeenten/{code}/plichten",
    response_model=PlichtenAntwoord,
    tags=["gemeenten"],
    summary=N_(
        "Wat moet: wettelijke plichten tot samenwerking (wet, artikel, status, regio, "
        "register) en kwetsbaarheid per taakveld"
    ),
)
def plichten_api(
    request: Request,
    code: Annotated[str, Path(description="Gemeentecode, bv. GM0513.", max_length=10)],
) -> PlichtenAntwoord:
    site = site_of(request)
    report, k = _report(request, site.code(code))
    return _answer(report, k)
