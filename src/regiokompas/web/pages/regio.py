"""Region pages: the list of existing regions, and one region with its members on a map, the
optimiser's grouping (when available) and fair cost sharing for a group the user picks.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from regiokompas.data import REGION_TYPES
from regiokompas.web.shared import analyses, optimiser
from regiokompas.web.shared import stabiliteit as stability
from regiokompas.web.shared.engines import DEFAULT_MODE, DEFAULT_VORM, WEB_MODES
from regiokompas.web.shared.i18n import gettext, value_label
from regiokompas.web.shared.maps import group_map
from regiokompas.web.shared.problems import BadParameterError
from regiokompas.web.shared.templating import language, render, render_cached
from regiokompas.web.shared.views import site_of

__all__ = ["DEFAULT_SHARING_TAAKVELD", "router"]

router = APIRouter()

#: The taakveld the sharing form starts with (waste collection, often shared in a GR).
DEFAULT_SHARING_TAAKVELD = "7.3"

#: Sharing methods in the order of the table's columns.
_METHOD_ORDER = ("inwoners", "vast-variabel", "gebruik", "shapley", "nucleolus", "kleinste-kern")


@router.get("/regios", response_class=HTMLResponse)
def regios(request: Request) -> Response:
    site = site_of(request)
    lijst = site.regios()
    per_type: dict[str, list[Any]] = {t: [] for t in REGION_TYPES}
    for r in lijst.regios:
        per_type[r.regiotype].append(r)
    return render(
        request,
        "regios.html",
        {"per_type": per_type, "regiotypes": REGION_TYPES, "bron": lijst.bron},
    )


def _region_label(naam: str, lang: str) -> str:
    return gettext("De gemeenten van {regio}", lang, regio=naam)


#: Regions up to this many gemeenten get the optimiser's grouping without asking.
AUTO_OPTIMISE = 20


def _add_stability(
    site: Any,
    context: dict[str, Any],
    detail: Any,
    members: list[str],
    taakveld: str,
    vorm: str,
    lang: str,
) -> None:
    """The stability map and table (literature draws) for the page's settings."""
    gebied = f"{detail.regiotype}:{detail.code}"
    try:
        result = stability.stabiliteit(
            site, gebied, [taakveld], vorm, context["groepsgrootte"], context["autonomieprijs"]
        )
    except BadParameterError as exc:
        own = {"maxGrootte": "groepsgrootte", "autonomiePrijs": "autonomieprijs"}
        if exc.param not in own:
            raise
        raise BadParameterError(own[exc.param], exc.reason_nl, exc.reason_en) from exc
    context["stabiliteit"] = result
    context["stabiliteit_kaart"] = stability.stabiliteit_map(
        site,
        members,
        result,
        gettext(
            "Kaart van {regio}: lijnen tussen buren, dikker naarmate ze vaker "
            "samen in een groep zitten",
            lang,
            regio=detail.naam,
        ),
        lang,
    )


@router.get("/regios/{code}", response_class=HTMLResponse)
def regio(
    request: Request,
    code: str,
    lid: Annotated[list[str] | None, Query(max_length=analyses.MAX_GROUP + 10)] = None,
    taakveld: Annotated[str, Query(max_length=10)] = DEFAULT_SHARING_TAAKVELD,
    vorm: Annotated[str, Query(max_length=40)] = DEFAULT_VORM,
    modus: Annotated[str, Query(max_length=12)] = DEFAULT_MODE,
    groepsgrootte: Annotated[int, Query()] = 6,
    autonomieprijs: Annotated[float, Query()] = 0.0,
    optimaliseer: Annotated[int, Query(ge=0, le=1)] = 0,
    stabiliteit: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    def build() -> dict[str, Any]:
        site = site_of(request)
        detail = site.regio(code)
        lang = language(request)
        engines = site.engines
        engines.savings(modus)  # a 400 naming 'modus' before any work
        members = [g.code for g in detail.gemeenten]
        context: dict[str, Any] = {
            "r": detail,
            "regiotype_en": REGION_TYPES[detail.regiotype].name_en,
            "indeling": None,
            "verdeling": None,
            "gekozen": [],
            "taakveld": taakveld,
            "vorm": vorm,
            "modus": modus,
            "groepsgrootte": groepsgrootte,
            "autonomieprijs": autonomieprijs,
            "max_groep": analyses.MAX_GROUP,
            "max_grootte": optimiser.MAX_SIZE,
            "auto": len(members) <= AUTO_OPTIMISE,
            "taakveld_opties": [
                (t.code, f"{t.code} {t.omschrijving}")
                for t in site.taakvelden(site.latest_year["jaarrekening"]).taakvelden
            ],
            "vorm_opties": engines.vormen(lang),
            "modus_opties": [(m, value_label("modus", m, lang)) for m in WEB_MODES],
            "methoden": [],
            "stabiliteit": None,
        }
        groups = [members]
        names = [detail.naam]
        if optimaliseer or len(members) <= AUTO_OPTIMISE:
            gebied = f"{detail.regiotype}:{detail.code}"
            try:
                result = optimiser.indeling(
                    site, gebied, [taakveld], vorm, modus, groepsgrootte, autonomieprijs
                )
            except BadParameterError as exc:  # name the page's own parameter, not the API's
                own = {"maxGrootte": "groepsgrootte", "autonomiePrijs": "autonomieprijs"}
                if exc.param not in own:
                    raise
                raise BadParameterError(own[exc.param], exc.reason_nl, exc.reason_en) from exc
            context["indeling"] = result
            context["indeling_bron"] = optimiser.source_line(
                modus, int(site.engines.savings(modus).jaar), lang
            )
            context["groep_van"] = {c: g.nummer for g in result.groepen for c in g.gemeenten}
            groups = [g.gemeenten for g in result.groepen]
            label = gettext("Groep", lang)
            names = [
                f"{label} {g.nummer}: {', '.join(g.namen)}" if len(g.gemeenten) > 1 else g.namen[0]
                for g in result.groepen
            ]
        if stabiliteit:
            _add_stability(site, context, detail, members, taakveld, vorm, lang)
        key = ("regio", code, lang, *(tuple(g) for g in groups))
        context["map"] = group_map(
            site,
            groups,
            _region_label(detail.naam, lang),
            key,
            names=names,
            alone_label=gettext("blijft alleen (geen groep)", lang)
            if context["indeling"]
            else None,
        )
        if lid:
            chosen = analyses.parse_members(site, lid, "lid")
            outcome = analyses.verdeling(site, chosen, [taakveld], vorm, modus)
            present = {v.methode for v in outcome.verdelingen}
            context["verdeling"] = outcome
            context["gekozen"] = chosen
            context["methoden"] = [m for m in _METHOD_ORDER if m in present]
            context["per_methode"] = {v.methode: v for v in outcome.verdelingen}
            context["bedrag"] = {
                (v.methode, a.gemeente): a for v in outcome.verdelingen for a in v.aandelen
            }
        return context

    return render_cached(request, "regio.html", build)
