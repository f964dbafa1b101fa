"""The HTML pages: home (search and the national map), search results, the accessibility
statement and the API overview. Plain GET forms, so every control works without JavaScript.
The gemeente page is in :mod:`.gemeente`, the region pages in :mod:`.regio`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from regiokompas.advice import SERIES_NAMES, parse_taakveld
from regiokompas.data import RegiokompasError
from regiokompas.web.shared import potential
from regiokompas.web.shared.engines import DEFAULT_MODE, DEFAULT_VORM, WEB_MODES
from regiokompas.web.shared.i18n import gettext, value_label
from regiokompas.web.shared.maps import national_spending_map
from regiokompas.web.shared.problems import AmbiguousError, BadParameterError
from regiokompas.web.shared.templating import language, render, render_cached
from regiokompas.web.shared.views import site_of

__all__ = ["DEFAULT_TAAKVELD", "router"]

router = APIRouter()

#: The taakveld the national map opens with: waste collection, a classic shared task.
DEFAULT_TAAKVELD = "7.3"


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    taakveld: Annotated[str, Query(max_length=10)] = DEFAULT_TAAKVELD,
    weergave: Annotated[str, Query(max_length=10)] = "kansen",
    modus: Annotated[str, Query(max_length=12)] = DEFAULT_MODE,
    vorm: Annotated[str, Query(max_length=40)] = DEFAULT_VORM,
) -> Response:
    site = site_of(request)
    code, note = taakveld, ""
    try:  # one parser for taakvelden as users type them: 0,4 = 0.4; 6.7; 6.71 (in 6.7)
        parsed = parse_taakveld(site.dataset, taakveld)
        code, note = parsed.taakveld, parsed.notitie
    except RegiokompasError:
        pass  # the map says which taakvelden exist (404 with the list)

    def build() -> dict[str, Any]:
        lang = language(request)
        if weergave not in ("kansen", "lasten"):
            raise BadParameterError(
                "weergave",
                f"'{weergave}' is geen weergave; kies kansen of lasten",
                f"'{weergave}' is not a view; choose kansen or lasten",
            )
        kaart = site.taakveld_kaart(code)
        options = site.taakvelden(kaart.jaar).taakvelden
        series = [t for t in SERIES_NAMES if not any(o.code == t for o in options)]
        context: dict[str, Any] = {
            "kaart": kaart,
            "weergave": weergave,
            "modus": modus,
            "vorm": vorm,
            "taakveld_opties": [(t.code, f"{t.code} {t.omschrijving}") for t in options]
            + [(t, f"{t} {SERIES_NAMES[t]} (reeks)") for t in series],
            "taakveld": code,
            "taakveld_notitie": note,
            "namen": sorted(site.names.values()),
            "kansen": None,
        }
        engines = site.engines
        context["modus_opties"] = [(m, value_label("modus", m, lang)) for m in WEB_MODES]
        if weergave == "kansen":
            engines.savings(modus)  # a 400 for an unknown mode before anything else
            kansen = potential.taakveld_kansen(site, engines, code, modus, vorm)
            context["kansen"] = kansen
            context["map"] = potential.potential_map(site, kansen, lang)
            context["schaal"] = potential.explain_scale(kansen, engines, lang)
            context["toont_kansen"] = potential.shows_potential(kansen)
            context["vorm_opties"] = engines.vormen(lang)
            context["vorm_naam"] = dict(context["vorm_opties"]).get(kansen.vorm, kansen.vorm)
        else:
            context["map"] = national_spending_map(site, kaart, lang)
        return context

    return render_cached(request, "home.html", build)


@router.get("/zoek", response_class=HTMLResponse)
def zoek(request: Request, q: Annotated[str, Query(max_length=100)] = "") -> Response:
    site = site_of(request)
    if not q.strip():
        raise BadParameterError(
            "q", "vul een naam of code van een gemeente in", "enter a name or code"
        )
    try:
        code = site.find(q)
    except AmbiguousError as exc:
        return render(request, "zoek.html", {"query": q, "kandidaten": exc.codes})
    return RedirectResponse(f"/gemeenten/{code}", status_code=303)


@router.get("/toegankelijkheid", response_class=HTMLResponse)
def toegankelijkheid(request: Request) -> Response:
    return render(request, "toegankelijkheid.html", {})


@router.get("/api", response_class=HTMLResponse)
def api_overzicht(request: Request) -> Response:
    schema = request.app.state.api.openapi()
    lang = language(request)
    operations = [
        {
            "pad": "/api/v1" + path,
            "methode": method.upper(),
            "samenvatting": gettext(op.get("summary", ""), lang),
        }
        for path, item in schema["paths"].items()
        for method, op in item.items()
    ]
    return render(
        request, "api.html", {"operaties": operations, "versie": schema["info"]["version"]}
    )
