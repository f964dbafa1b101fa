"""The maps the pages show, built from :mod:`regiokompas.web.shared.svgmap` and cached per argument.

Each function returns the SVG and the legend; the page shows the same facts as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from regiokompas.data import REGION_TYPES
from regiokompas.web.shared import schemas
from regiokompas.web.shared.i18n import format_number, translate
from regiokompas.web.shared.svgmap import (
    BLUES,
    NO_DATA,
    MapArea,
    classify,
    legend_decimals,
    render_map,
)
from regiokompas.web.shared.views import SiteData

__all__ = ["LegendItem", "RenderedMap", "national_spending_map", "neighbour_map", "group_map"]

#: Eight qualitative colours for groups (Okabe–Ito, colour-blind safe), repeated if needed.
GROUP_COLOURS = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#999999",
)


#: Grey for a gemeente that stays alone in a grouping.
ALONE = "#d9d9d9"


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str
    css: str = ""


@dataclass(frozen=True)
class RenderedMap:
    svg: str
    legend: tuple[LegendItem, ...]


def national_spending_map(site: SiteData, kaart: schemas.TaakveldKaart, lang: str) -> RenderedMap:
    """The national choropleth of € per inhabitant on one taakveld, in five quantile classes."""

    def build() -> RenderedMap:
        values = {g.code: g.eurPerInwoner for g in kaart.gemeenten}
        classes, breaks = classify(values)
        unit = translate("eur_per_inwoner", lang)
        areas = {}
        for g in kaart.gemeenten:
            k = classes[g.code]
            value = (
                format_number(g.eurPerInwoner, lang) if k >= 0 else translate("geen_gegevens", lang)
            )
            areas[g.code] = MapArea(BLUES[k] if k >= 0 else NO_DATA, f"{g.naam}: {value} {unit}")
        bounds = [0.0, *breaks]
        digits = legend_decimals(breaks)
        legend = [LegendItem(NO_DATA, translate("geen_gegevens", lang))]
        for k, colour in enumerate(BLUES[: len(bounds)]):
            lower = format_number(bounds[k], lang, digits)
            upper = format_number(bounds[k + 1], lang, digits) if k + 1 < len(bounds) else None
            text = f"{lower} – {upper}" if upper else f"≥ {lower}"
            legend.append(LegendItem(colour, f"{text} {unit}"))
        label = f"{kaart.taakveld} {kaart.omschrijving}: {unit}, {kaart.bron}"
        svg = render_map(site.shapes, areas, label=label, map_id="kaart-nl")
        return RenderedMap(svg, tuple(legend))

    return site.memo(("nl-lasten", kaart.taakveld, kaart.document, lang), build)


def neighbour_map(site: SiteData, code: str, regiotype: str, lang: str) -> tuple[RenderedMap, str]:
    """The gemeente, its neighbours and the other members of its region of ``regiotype``.

    Returns the map and the name of the region shown.
    """

    def build() -> tuple[RenderedMap, str]:
        profiel = site.profiel(code)
        regio = next((r for r in profiel.regios if r.regiotype == regiotype), None)
        members: list[str] = []
        if regio is not None:
            frame = site.dataset.regio
            members = frame.loc[frame["regio_code"] == regio.code, "gm_code"].astype(str).tolist()
        neighbours = {b.code for b in profiel.buren}
        areas: dict[str, MapArea] = {}
        for m in members:
            if m != code and m not in neighbours:
                areas[m] = MapArea("#deebf7", site.names[m], "regio")
        for b in profiel.buren:
            css = "regio" if b.code in members else ""
            areas[b.code] = MapArea("#6baed6", site.names[b.code], css)
        areas[code] = MapArea("#08519c", site.names[code], "zelf")
        view = site.shapes.bbox(areas.keys())
        region_name = regio.naam if regio else ""
        layer = REGION_TYPES[regiotype].naam if lang == "nl" else REGION_TYPES[regiotype].name_en
        label = translate(
            "buren_kaart_uitleg", lang, naam=profiel.naam, regio=layer, regionaam=region_name
        )
        svg = render_map(site.shapes, areas, label=label, map_id="kaart-buren", view=view)
        legend = (
            LegendItem("#08519c", profiel.naam),
            LegendItem("#6baed6", translate("buren", lang)),
            LegendItem("#deebf7", f"{layer} {region_name}", "regio"),
        )
        return RenderedMap(svg, legend), region_name

    return site.memo(("buren", code, regiotype, lang), build)


def group_map(
    site: SiteData,
    groups: list[list[str]],
    label: str,
    key: tuple[object, ...],
    names: list[str] | None = None,
    alone_label: str | None = None,
) -> RenderedMap:
    """Gemeenten coloured by group (an optimiser's grouping, or one region's members).

    With ``alone_label``, gemeenten in a group of one are grey under that one legend entry.
    """

    def build() -> RenderedMap:
        areas: dict[str, MapArea] = {}
        legend = []
        k = 0
        alone_seen = False
        for index, group in enumerate(groups):
            name = names[index] if names else str(index + 1)
            if alone_label is not None and len(group) == 1:
                if not alone_seen:
                    legend.append(LegendItem(ALONE, alone_label))
                    alone_seen = True
                areas[group[0]] = MapArea(ALONE, f"{site.names.get(group[0], group[0])}")
                continue
            colour = GROUP_COLOURS[k % len(GROUP_COLOURS)]
            k += 1
            legend.append(LegendItem(colour, name))
            for code in group:
                areas[code] = MapArea(colour, f"{site.names.get(code, code)} ({name})")
        view = site.shapes.bbox(areas.keys())
        svg = render_map(site.shapes, areas, label=label, map_id="kaart-groepen", view=view)
        return RenderedMap(svg, tuple(legend))

    return site.memo(("groepen", *key), build)
