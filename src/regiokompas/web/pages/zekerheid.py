"""'Hoe zeker zijn we': the merger back-test of the savings model and the merger event study,
as a page. The numbers come from :mod:`regiokompas.savings.backtest` and
:mod:`regiokompas.costs.events`; this module only renders them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from regiokompas.costs.events import event_study
from regiokompas.savings.backtest import BACKTEST_MODES, backtest, uitleg
from regiokompas.web.shared.i18n import engine_text
from regiokompas.web.shared.templating import language, render_cached
from regiokompas.web.shared.views import site_of

__all__ = ["NAV", "router"]

router = APIRouter()

NAV = [("/hoe-zeker", "Hoe zeker zijn we", "How sure are we")]

_TEXT = {
    "nl": {
        "titel": "Hoe zeker zijn we?",
        "terugtoets": "Terugtoets op de fusies",
        "kolommen": (
            "Gemeente",
            "Fusiejaar",
            "Voorgangers",
            "Basisjaar",
            "Voorspeld P10",
            "P50",
            "P90",
            "Werkelijk",
            "Binnen de band",
        ),
        "eenheid": "Veranderingen in procentpunt (100 × verschil in ln lasten per inwoner over de "
        "deelbare taakvelden, min de verandering bij gemeenten zonder fusie).",
        "modi": "Per modus",
        "modus_kolommen": ("Modus", "Dekking", "Mediane breedte (punten)"),
        "effect": "Wat een fusie deed met de lasten, per taakveldgroep",
        "effect_kolommen": ("Groep", "Effect na fusie", "90%-interval", "Jaar vóór de fusie"),
        "effect_uitleg": "Eventstudie met gemeente- en jaareffecten, basisjaar twee jaar vóór de "
        "fusie, fouten geclusterd per gemeente. Een fusie is de sterkste vorm van samenwerking: "
        "dit begrenst wat schaal kan opleveren, het meet samenwerking zelf niet.",
        "ja": "ja",
        "nee": "nee",
        "bron": "Bron",
    },
    "en": {
        "titel": "How sure are we?",
        "terugtoets": "Back-test on the mergers",
        "kolommen": (
            "Municipality",
            "Merger year",
            "Predecessors",
            "Base year",
            "Predicted P10",
            "P50",
            "P90",
            "Actual",
            "Inside the band",
        ),
        "eenheid": "Changes in percentage points (100 × difference in ln spending per inhabitant "
        "over the cooperable policy tasks, net of the change in municipalities without a merger).",
        "modi": "Per mode",
        "modus_kolommen": ("Mode", "Coverage", "Median width (points)"),
        "effect": "What a merger did to spending, per group of policy tasks",
        "effect_kolommen": ("Group", "Effect after merger", "90% interval", "Year before merger"),
        "effect_uitleg": "Event study with municipality and year effects, base year two years "
        "before the merger, errors clustered by municipality. A merger is the strongest form of "
        "cooperation: this bounds what scale can yield; it does not measure cooperation itself.",
        "ja": "yes",
        "nee": "no",
        "bron": "Source",
    },
}


def _pct(value: float) -> float:
    return round(100 * value, 1)


@router.get("/hoe-zeker", response_class=HTMLResponse)
def hoe_zeker(request: Request) -> Response:
    def build() -> dict[str, Any]:
        ds = site_of(request).dataset
        lang = language(request)
        bt = backtest(ds, BACKTEST_MODES[0])
        study = event_study(ds)
        return {
            "t": _TEXT[lang],
            "uitleg": uitleg(bt, lang),
            "rijen": [
                {
                    "naam": r.naam,
                    "code": r.gemeente,
                    "fusiejaar": r.fusiejaar,
                    "voorgangers": len(r.voorgangers),
                    "basisjaar": r.basisjaar,
                    "p10": _pct(r.p10),
                    "p50": _pct(r.p50),
                    "p90": _pct(r.p90),
                    "werkelijk": _pct(r.werkelijk),
                    "binnen": r.binnen,
                }
                for r in bt.rows
            ],
            "modi": [
                {"modus": m, "dekking": round(100 * d), "breedte": _pct(w)}
                for m, (d, w) in bt.per_modus.items()
            ],
            "effecten": [
                {
                    "groep": f"{g.groep} {g.omschrijving}"
                    if g.groep != "totaal"
                    else engine_text(g.omschrijving, lang),
                    "post": _pct(g.post),
                    "laag": _pct(g.post_low),
                    "hoog": _pct(g.post_high),
                    "lead": _pct(g.coef.get("lead_1", 0.0)),
                }
                for g in study.groups
            ],
            "bron": f"{bt.bron}; {study.bron}",
        }

    return render_cached(request, "zekerheid.html", build)
