"""Region pages: the list of existing regions, and one region with its members on a map, the
optimiser's grouping (when available) and fair cost sharing for a group the user picks.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from regiokompas.data import REGION_TYPES
from regiokompas.web import analyses
from regiokompas.web.api_routes import site_of
from regiokompas.web.engines import DEFAULT_MODE, DEFAULT_VORM, WEB_MODES
from regiokompas.web.i18n import translate
from regiokompas.web.maps import group_map
from regiokompas.web.templating import language, render

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
    return translate("regio_kaart_label", lang, regio=naam)


@router.get("/regios/{code}", response_class=HTMLResponse)
def regio(
    request: Request,
    code: str,
    lid: Annotated[list[str] | None, Query(max_length=analyses.MAX_GROUP + 10)] = None,
    taakveld: Annotated[str, Query(max_length=10)] = DEFAULT_SHARING_TAAKVELD,
    vorm: Annotated[str, Query(max_length=40)] = DEFAULT_VORM,
    modus: Annotated[str, Query(max_length=12)] = DEFAULT_MODE,
) -> Response:
    site = site_of(request)
    detail = site.regio(code)
    lang = language(request)
    rendered = group_map(
        site,
        [[g.code for g in detail.gemeenten]],
        _region_label(detail.naam, lang),
        ("regio", code, lang),
        names=[detail.naam],
    )
    engines = site.engines
    context: dict[str, Any] = {
        "r": detail,
        "map": rendered,
        "regiotype_en": REGION_TYPES[detail.regiotype].name_en,
        "indeling": None,
        "verdeling": None,
        "gekozen": [],
        "taakveld": taakveld,
        "vorm": vorm,
        "modus": modus,
        "max_groep": analyses.MAX_GROUP,
        "taakveld_opties": [
            (t.code, f"{t.code} {t.omschrijving}")
            for t in site.taakvelden(site.latest_year["jaarrekening"]).taakvelden
        ],
        "vorm_opties": engines.vormen(),
        "modus_opties": [(m, translate(f"modus_{m}", lang)) for m in WEB_MODES],
        "methoden": [],
    }
    if lid:
        codes = analyses.parse_members(site, lid, "lid")
        result = analyses.verdeling(site, codes, [taakveld], vorm, modus)
        present = {v.methode for v in result.verdelingen}
        context["verdeling"] = result
        context["gekozen"] = codes
        context["methoden"] = [m for m in _METHOD_ORDER if m in present]
        context["per_methode"] = {v.methode: v for v in result.verdelingen}
        context["bedrag"] = {
            (v.methode, a.gemeente): a for v in result.verdelingen for a in v.aandelen
        }
    return render(request, "regio.html", context)
