"""The national picture per taakveld: where cooperation has potential, and where the evidence
says there is none (the home page map and ``/api/v1/taakvelden/{taakveld}/kansen``).

Definition, stated on the page: for every gemeente, the neighbour with which a cooperation in
the chosen form has the highest expected net value per year (the savings engine's
``group_values``: steady-state saving minus governance and annualised start-up costs, no price
for autonomy). In the fitted mode the map only shows potential where the cost model finds
scale economies on the taakveld (the 90% interval of the elasticity below zero); elsewhere it
says so instead of colouring point estimates the data do not support.
"""

from __future__ import annotations

from regiokompas.web.shared import schemas
from regiokompas.web.shared.engines import Engines
from regiokompas.web.shared.i18n import format_number, translate
from regiokompas.web.shared.maps import LegendItem, RenderedMap
from regiokompas.web.shared.svgmap import (
    BLUES,
    NO_DATA,
    MapArea,
    classify,
    legend_decimals,
    render_map,
)
from regiokompas.web.shared.views import SiteData

__all__ = [
    "NO_EVIDENCE",
    "NO_SAVING",
    "explain_scale",
    "potential_map",
    "shows_potential",
    "taakveld_kansen",
]

#: Light orange: the pair costs more than it saves. Hatched grey for "no evidence".
NO_SAVING = "#fdd8b5"
NO_EVIDENCE = "#e0e0e0"


def taakveld_kansen(
    site: SiteData, engines: Engines, taakveld: str, modus: str, vorm: str
) -> schemas.TaakveldKansen:
    """Best neighbour pair per gemeente on ``taakveld`` (cached per argument tuple)."""
    item = site.taakveld(taakveld)
    reeks = engines.reeksen([taakveld])[0]
    vorm_key = engines.vorm(vorm)

    def build() -> schemas.TaakveldKansen:
        engine = engines.savings(modus)
        verdict = engines.verdict(reeks)
        pairs = engines.pair_potential(reeks, modus, vorm_key)
        names = site.names
        rows = []
        for p in sorted(pairs, key=lambda q: names[q.code]):
            rows.append(
                schemas.KansGemeente(
                    code=p.code,
                    naam=names[p.code],
                    partnerCode=p.partner,
                    partnerNaam=names[p.partner] if p.partner else None,
                    nettoKeur=p.netto_keur,
                    eurPerInwoner=(
                        p.netto_keur * 1000 / p.inwoners_paar
                        if p.netto_keur is not None and p.inwoners_paar > 0
                        else None
                    ),
                )
            )
        e = verdict.elasticiteit
        form_name = engine.form(vorm_key).naam
        mode_text = (
            "kostenmodel (geschat op CBS Iv3 jaarrekeningen)"
            if modus == "fitted"
            else "literatuur (aannames Regiokompas met bronnen)"
        )
        return schemas.TaakveldKansen(
            taakveld=taakveld,
            reeks=reeks,
            omschrijving=item.omschrijving,
            modus=modus,
            vorm=vorm_key,
            jaar=engine.jaar,
            schaal=schemas.Schaaloordeel(
                reeks=reeks,
                oordeel=verdict.oordeel,
                elasticiteitLaag=e[0] if e else None,
                elasticiteit=e[1] if e else None,
                elasticiteitHoog=e[2] if e else None,
                waarnemingen=verdict.n,
                jaren=list(verdict.jaren),
            ),
            methode=(
                f"Per gemeente de buurgemeente waarmee samenwerking als {form_name} de hoogste "
                f"verwachte netto waarde per jaar geeft: besparing volgens het {mode_text} min "
                "bestuurs- en (over de horizon verdeelde) aanloopkosten; geen prijs voor "
                "autonomie."
            ),
            bron=(
                f"CBS Iv3 jaarrekening {engine.jaar}; grenzen CBS/Kadaster 2023; kostenmodel en "
                "aannames Regiokompas"
            ),
            gemeenten=rows,
        )

    return site.memo(("kansen", taakveld, modus, vorm_key), build)


def shows_potential(kansen: schemas.TaakveldKansen) -> bool:
    """Whether the map may colour potential: always in literature mode; in fitted mode only
    when the cost model finds scale economies on this taakveld."""
    return kansen.modus != "fitted" or kansen.schaal.oordeel == "schaalvoordelen"


def potential_map(site: SiteData, kansen: schemas.TaakveldKansen, lang: str) -> RenderedMap:
    """The national map: blue where a pair saves (darker is more € per inhabitant per year),
    orange where it costs more than it saves, grey where the evidence shows no scale economies.
    """

    def build() -> RenderedMap:
        unit = translate("eur_per_inwoner_jaar", lang)
        areas: dict[str, MapArea] = {}
        legend: list[LegendItem] = []
        if not shows_potential(kansen):
            text = translate("kansen_geen_bewijs_kort", lang)
            for g in kansen.gemeenten:
                areas[g.code] = MapArea(NO_EVIDENCE, f"{g.naam}: {text}")
            legend.append(LegendItem(NO_EVIDENCE, text))
        else:
            positive = {
                g.code: g.eurPerInwoner
                for g in kansen.gemeenten
                if g.eurPerInwoner is not None and g.eurPerInwoner > 0
            }
            classes, breaks = classify(positive, n=4)
            palette = BLUES[1:]
            for g in kansen.gemeenten:
                if g.eurPerInwoner is None:
                    areas[g.code] = MapArea(
                        NO_DATA, f"{g.naam}: {translate('geen_gegevens', lang)}"
                    )
                    continue
                value = format_number(g.eurPerInwoner, lang)
                partner = g.partnerNaam or ""
                title = f"{g.naam} + {partner}: {value} {unit}"
                k = classes.get(g.code, -1)
                areas[g.code] = MapArea(palette[k] if k >= 0 else NO_SAVING, title)
            legend.append(LegendItem(NO_SAVING, translate("kansen_geen_besparing", lang)))
            bounds = [0.0, *breaks]
            digits = legend_decimals(breaks)
            for k, colour in enumerate(palette[: len(bounds)]):
                lower = format_number(bounds[k], lang, digits)
                upper = format_number(bounds[k + 1], lang, digits) if k + 1 < len(bounds) else None
                label = f"{lower} – {upper}" if upper else f"≥ {lower}"
                legend.append(LegendItem(colour, f"{label} {unit}"))
        label = f"{kansen.taakveld} {kansen.omschrijving}: {translate('kaart_kansen_label', lang)}"
        svg = render_map(site.shapes, areas, label=label, map_id="kaart-nl")
        return RenderedMap(svg, tuple(legend))

    return site.memo(("kansen-kaart", kansen.taakveld, kansen.modus, kansen.vorm, lang), build)


def explain_scale(kansen: schemas.TaakveldKansen, engines: Engines, lang: str) -> str:
    """One sentence on the evidence behind the map, in ``lang``."""
    if kansen.modus == "literature":
        prior = engines.savings("literature").assumptions.priors[kansen.reeks]

        def pct(x: float) -> str:
            return format_number(100 * x, lang) + "%"

        return translate(
            "schaal_literatuur",
            lang,
            p10=pct(prior.besparing_p10),
            p50=pct(prior.besparing_p50),
            p90=pct(prior.besparing_p90),
            bron=prior.bron,
        )
    s = kansen.schaal
    if s.oordeel is None or s.elasticiteit is None:
        return translate("schaal_niet_geschat", lang)
    jaren = f"{s.jaren[0]}–{s.jaren[-1]}" if s.jaren else ""
    return translate(
        f"schaal_{s.oordeel}",
        lang,
        mid=format_number(s.elasticiteit, lang, 2),
        laag=format_number(s.elasticiteitLaag, lang, 2),
        hoog=format_number(s.elasticiteitHoog, lang, 2),
        n=format_number(s.waarnemingen, lang),
        jaren=jaren,
    )
