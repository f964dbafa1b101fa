"""The gemeente page: profile, neighbours and regions on a map, spending against similar
gemeenten, and the opportunities for cooperation (partner finder, Pareto chart of savings
against autonomy, and what the savings buy). Plain GET forms; every figure names its source.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from regiokompas.advice import AdviceSettings, GroupOption, TaakveldAdvice
from regiokompas.data import REGION_TYPES
from regiokompas.register import congruence, existing_partners
from regiokompas.report import ChapterOptions, build_chapter, download
from regiokompas.web.pages.plichten import parse_score_fields
from regiokompas.web.shared import charts, opportunities
from regiokompas.web.shared.engines import DEFAULT_MODE, DEFAULT_VORM, WEB_MODES
from regiokompas.web.shared.i18n import format_number, gettext, value_label
from regiokompas.web.shared.maps import neighbour_map
from regiokompas.web.shared.opportunities import DEFAULT_GROUP_SIZE
from regiokompas.web.shared.problems import AmbiguousError, BadParameterError
from regiokompas.web.shared.results import cached_download
from regiokompas.web.shared.templating import language, render, render_cached
from regiokompas.web.shared.views import check_document, site_of

__all__ = ["DEFAULT_GROUP_SIZE", "DEFAULT_REGIOTYPE", "router"]

router = APIRouter()

DEFAULT_REGIOTYPE = "ggd"


def _pareto_chart(scope: TaakveldAdvice, lang: str) -> str:
    """Savings after transaction costs against the group's autonomy loss (the sum of every
    member's own loss, each on the 0–1 scale; what the autonomy price multiplies): the
    front, the top options and staying alone at (0, 0). Each member's own loss depends only
    on the form and the taakveld, so the trade-off between groups is in their size."""

    loss = gettext("Autonomieverlies", lang)

    def label(o: GroupOption) -> str:
        saving = format_number(o.besparing_keur - o.transactie_keur, lang)
        autonomy = format_number(o.autonomie_groep, lang, 2)
        return f"{', '.join(o.namen)}<br>{saving} k€; {loss} {autonomy}"

    front = scope.pareto
    others = [o for o in scope.opties if not o.pareto]
    series: list[dict[str, Any]] = [
        {
            "name": gettext("Pareto-front", lang),
            "x": [0.0, *(o.autonomie_groep for o in front)],
            "y": [0.0, *(o.besparing_keur - o.transactie_keur for o in front)],
            "text": [gettext("Alleen blijven", lang), *(label(o) for o in front)],
            "mode": "lines+markers",
        },
        {
            "name": gettext("Andere goede groepen", lang),
            "x": [o.autonomie_groep for o in others],
            "y": [o.besparing_keur - o.transactie_keur for o in others],
            "text": [label(o) for o in others],
            "symbol": "diamond",
        },
    ]
    spec = charts.scatter(
        series,
        gettext(
            "Autonomieverlies van de groep (som van het eigen verlies van de leden, elk 0–1)",
            lang,
        ),
        gettext("Besparing na transactiekosten (× € 1.000 per jaar)", lang),
    )
    return charts.to_json(spec, lang)


def _kansen_context(
    request: Request,
    code: str,
    settings: AdviceSettings,
    kansveld: str | None,
) -> dict[str, Any]:
    site = site_of(request)
    lang = language(request)
    engines = site.engines
    advice, version = opportunities.advies(request, code, settings)
    with_options = [t for t in advice.taakvelden if t.opties]
    chosen = next((t for t in with_options if t.label == kansveld), None)
    if kansveld and chosen is None:
        raise BadParameterError(
            "kansveld",
            f"'{kansveld}' staat niet in de kansentabel",
            f"'{kansveld}' is not in the opportunities table",
        )
    first = advice.getoond[0] if advice.getoond else None
    chosen = chosen or first or (with_options[0] if with_options else None)
    vormen = dict(engines.vormen(lang))
    context: dict[str, Any] = {
        "advies": advice,
        "register_versie": version,
        "kans": chosen,
        "groepsgrootte": settings.group_size,
        "max_grootte": opportunities.MAX_SIZE,
        "binnen": settings.within or "",
        "binnen_opties": [("", gettext("alle buurgemeenten", lang))]
        + [(t, r.naam if lang == "nl" else r.name_en) for t, r in REGION_TYPES.items()],
        "vorm": settings.vorm,
        "vorm_naam": vormen.get(settings.vorm, settings.vorm),
        "vorm_opties": engines.vormen(lang),
        "modus": settings.mode,
        "modus_opties": [(m, value_label("modus", m, lang)) for m in WEB_MODES],
        "autonomieprijs": settings.autonomy_price,
        "geenbewijs": settings.include_no_evidence,
        "kansveld_opties": [(t.label, f"{t.label} {t.omschrijving}") for t in with_options],
        "horizon": advice.horizon,
        "rente": format_number(100 * advice.discontovoet, lang, 2) + "%",
    }
    if chosen is not None:
        context["pareto_chart"] = _pareto_chart(chosen, lang)
    return context


@router.get("/gemeenten/{query}", response_class=HTMLResponse)
def gemeente(
    request: Request,
    query: str,
    document: Annotated[str, Query(max_length=20)] = "jaarrekening",
    regiotype: Annotated[str, Query(max_length=20)] = DEFAULT_REGIOTYPE,
    groepsgrootte: Annotated[int, Query()] = DEFAULT_GROUP_SIZE,
    binnen: Annotated[str, Query(max_length=20)] = "",
    vorm: Annotated[str, Query(max_length=40)] = DEFAULT_VORM,
    modus: Annotated[str, Query(max_length=12)] = DEFAULT_MODE,
    autonomieprijs: Annotated[float, Query()] = 0.0,
    kansveld: Annotated[str | None, Query(max_length=80)] = None,
    geenbewijs: Annotated[bool, Query()] = False,
) -> Response:
    site = site_of(request)
    if query not in site.names:
        try:
            code = site.find(query)
        except AmbiguousError as exc:
            return render(request, "zoek.html", {"query": query, "kandidaten": exc.codes})
        target = f"/gemeenten/{code}" + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(target, status_code=308)

    def build() -> dict[str, Any]:
        check_document(document)
        site.regiotype(regiotype)
        lang = language(request)
        profiel = site.profiel(query, document)
        rendered, regionaam = neighbour_map(site, query, regiotype, lang)
        rijen = profiel.lasten.rijen
        chart = charts.bar_comparison(
            [f"{r.hoofdtaakveld} {r.omschrijving}" for r in rijen],
            [round(r.eurPerInwoner, 1) for r in rijen],
            [round(r.mediaanVergelijkbaar, 1) for r in rijen],
            profiel.naam,
            profiel.lasten.vergelijking,
            gettext("€ / inwoner", lang),
        )
        context: dict[str, Any] = {
            "p": profiel,
            "map": rendered,
            "regiotype": regiotype,
            "regiotypes": REGION_TYPES,
            "regiotype_opties": [
                (t, r.naam if lang == "nl" else r.name_en) for t, r in REGION_TYPES.items()
            ],
            "regionaam": regionaam,
            "document": document,
            "lasten_chart": charts.to_json(chart, lang),
        }
        context.update(_kansen_context(request, query, settings, kansveld))
        context["bestaand"] = _existing(site, query, live)
        context["hoofdstuk_query"] = urlencode(
            {
                "modus": modus,
                "vorm": vorm,
                "groepsgrootte": groepsgrootte,
                "autonomieprijs": autonomieprijs,
                **({"binnen": binnen} if binnen else {}),
                **({"geenbewijs": "1"} if geenbewijs else {}),
            }
        )
        context["hoofdstuk_formaten"] = CHAPTER_FORMATS
        return context

    settings = opportunities.advice_settings(
        site, groepsgrootte, binnen, vorm, modus, autonomieprijs, geenbewijs
    )
    live = opportunities.live_register(request)
    return render_cached(request, "gemeente.html", build, extra_key=live.version)


#: Download formats of the collegeprogramma chapter, with their labels.
CHAPTER_FORMATS: tuple[tuple[str, str], ...] = (
    ("docx", "Word (DOCX)"),
    ("pdf", "PDF"),
    ("html", "HTML"),
    ("md", "Markdown"),
)


def _existing(site: Any, code: str, live: opportunities.LiveRegister) -> dict[str, Any]:
    """Congruence and the most frequent partners of ``code`` in the live register."""

    def build() -> dict[str, Any]:
        records = live.records
        names = site.dataset.gemeenten.set_index("gm_code")["naam"]
        partners = [
            {"code": p.code, "naam": str(names.get(p.code, p.code)), "aantal": p.aantal}
            for p in existing_partners(code, records)[:8]
        ]
        return {"congruentie": congruence(code, records), "partners": partners}

    result: dict[str, Any] = site.memo(("bestaand", code, live.version), build)
    return result


@router.get("/gemeenten/{query}/hoofdstuk.{formaat}")
def hoofdstuk(
    request: Request,
    query: str,
    formaat: str,
    groepsgrootte: Annotated[int, Query(ge=2, le=8)] = DEFAULT_GROUP_SIZE,
    binnen: Annotated[str, Query(max_length=20)] = "",
    vorm: Annotated[str, Query(max_length=40)] = DEFAULT_VORM,
    modus: Annotated[str, Query(max_length=12)] = DEFAULT_MODE,
    autonomieprijs: Annotated[float, Query(ge=0)] = 0.0,
    geenbewijs: Annotated[bool, Query()] = False,
    k4: Annotated[str, Query(max_length=4000)] = "",
) -> Response:
    """The draft chapter "Samenwerken met andere gemeenten" as a download: the same advice
    (settings, live register) as the page.

    ``k4`` carries the college's own 4K scores from the 'Wat moet' page (web/pages/plichten.py).
    """
    site = site_of(request)
    if formaat not in dict(CHAPTER_FORMATS):
        raise BadParameterError(
            "formaat",
            f"'{formaat}' is geen formaat; kies uit docx, pdf, html of md",
            f"'{formaat}' is not a format; choose docx, pdf, html or md",
        )
    code = query if query in site.names else site.find(query)
    settings = opportunities.advice_settings(
        site, groepsgrootte, binnen, vorm, modus, autonomieprijs, geenbewijs
    )
    advice, _ = opportunities.advies(request, code, settings)
    scores = parse_score_fields(request.query_params) if k4 else None
    options = ChapterOptions(
        max_size=settings.group_size,
        within=settings.within,
        vorm=settings.vorm,
        modus=settings.mode,
        autonomy_price=settings.autonomy_price,
        savings_engine=site.engines.savings(settings.mode),
        regelingen=opportunities.live_register(request).records,
        advice=advice,
        scores_4k=scores,
        language=language(request),  # ?lang=en gives the English chapter (issue 16)
    )
    chosen = {
        "code": code,
        "formaat": formaat,
        "taal": options.language,
        "advies": asdict(settings),
        "k4": {t: dict(a) for t, a in scores.values.items()} if scores else None,
    }
    file = cached_download(
        request,
        "hoofdstuk",
        chosen,
        lambda: download(build_chapter(site.dataset, code, options), formaat),
    )
    return Response(
        file.data,
        media_type=file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )
