"""The stability map on the region page: how often two neighbours end up in one group across
draws of the savings model (``regiokompas.partition.stability_map``), as lines across the
shared borders whose thickness and colour follow the share, plus the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from regiokompas.data import RegiokompasError
from regiokompas.partition import RegionPartitioner, engine_scenarios, engine_scorer, stability_map
from regiokompas.web.shared.i18n import format_number, translate
from regiokompas.web.shared.maps import LegendItem, RenderedMap
from regiokompas.web.shared.problems import BadParameterError
from regiokompas.web.shared.svgmap import MapArea, render_map
from regiokompas.web.shared.views import SiteData

__all__ = ["DRAWS", "Stabiliteit", "stabiliteit", "stabiliteit_map"]

#: Draws per region page (the CLI's default).
DRAWS = 100
#: Seconds per draw; each draw keeps its own proven bound, the page shows the largest gap.
DRAW_TIME_LIMIT = 0.5
#: Relative gap within which a draw between two solved ones takes their answer (one taakveld).
DRAW_TOLERANCE = 1e-3
#: Share classes of the lines: (lower bound, colour, stroke factor); ColorBrewer Blues.
_CLASSES = (
    (0.0, "#bdd7e7", 0.6),
    (0.25, "#6baed6", 1.2),
    (0.5, "#3182bd", 2.0),
    (0.75, "#08519c", 3.0),
)


@dataclass(frozen=True)
class Paar:
    """Two neighbours and the share of draws in which they share a group."""

    a: str
    b: str
    naam_a: str
    naam_b: str
    aandeel: float


@dataclass(frozen=True)
class Groep:
    """A group of the expected-value partition and the share of draws with exactly it."""

    namen: tuple[str, ...]
    aandeel: float


@dataclass(frozen=True)
class Stabiliteit:
    """The stability of a region's grouping over ``trekkingen`` draws."""

    trekkingen: int
    bewezen: int
    grootste_gat: float
    paren: tuple[Paar, ...]
    groepen: tuple[Groep, ...]
    bron: str


def stabiliteit(
    site: SiteData,
    gebied: str,
    taakvelden: Sequence[str],
    vorm: str,
    max_grootte: int,
    autonomie_prijs: float,
) -> Stabiliteit:
    """Solve ``gebied`` for :data:`DRAWS` draws of the literature savings model (cached)."""
    engines = site.engines
    reeksen = engines.reeksen(taakvelden, "taakvelden")
    vorm_key = engines.vorm(vorm)
    engine = engines.savings("literature")

    def build() -> Stabiliteit:
        try:
            scenarios = engine_scenarios(
                engine, list(reeksen), vorm_key, autonomie_prijs, draws=DRAWS, seed=0
            )
            model = RegionPartitioner.from_region(
                site.dataset,
                gebied,
                engine_scorer(engine, list(reeksen), vorm_key, autonomie_prijs),
                max_size=max_grootte,
                time_limit=DRAW_TIME_LIMIT,
            )
            result = stability_map(model, scenarios, workers=1, tolerance=DRAW_TOLERANCE)
        except RegiokompasError as exc:
            raise BadParameterError("gebied", exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
        names = site.names
        return Stabiliteit(
            trekkingen=result.draws,
            bewezen=result.proven,
            grootste_gat=result.max_gap,
            paren=tuple(Paar(a, b, names[a], names[b], s) for a, b, s in result.pairs),
            groepen=tuple(Groep(tuple(names[c] for c in g), s) for g, s in result.groups),
            bron=(
                f"{DRAWS} trekkingen van de besparingspercentages uit de literatuurpriors "
                f"(P10/P50/P90) op CBS Iv3 jaarrekening {engine.jaar}; buren: CBS/Kadaster "
                "gemeentegrenzen 2023; per trekking de optimale indeling (HiGHS)"
            ),
        )

    key = ("stabiliteit", gebied, reeksen, vorm_key, max_grootte, autonomie_prijs)
    return site.memo(key, build)


def _centre(site: SiteData, code: str) -> tuple[float, float]:
    x0, y0, x1, y1 = site.shapes.boxes[code]
    return ((x0 + x1) / 2, (y0 + y1) / 2)


def stabiliteit_map(
    site: SiteData, members: Sequence[str], result: Stabiliteit, label: str, lang: str
) -> RenderedMap:
    """The region's gemeenten with one line per neighbour pair across their border, from
    centre to centre: thicker and darker the more often they share a group."""

    def build() -> RenderedMap:
        areas = {c: MapArea("#e5e5e5", site.names.get(c, c)) for c in members}
        view = site.shapes.bbox(members)
        svg = render_map(site.shapes, areas, label=label, map_id="kaart-stabiliteit", view=view)
        width = max(view[2] / site.shapes.width, 0.05) * 2.0
        lines = []
        for p in sorted(result.paren, key=lambda p: p.aandeel):
            if p.aandeel <= 0 or p.a not in site.shapes.boxes or p.b not in site.shapes.boxes:
                continue
            colour, factor = next((c, f) for lo, c, f in reversed(_CLASSES) if p.aandeel >= lo)
            (xa, ya), (xb, yb) = _centre(site, p.a), _centre(site, p.b)
            share = format_number(100 * p.aandeel, lang, 0) + "%"
            lines.append(
                f'<line x1="{xa:.1f}" y1="{ya:.1f}" x2="{xb:.1f}" y2="{yb:.1f}" '
                f'stroke="{colour}" stroke-width="{width * factor:.2f}" stroke-linecap="round">'
                f"<title>{escape(p.naam_a)} – {escape(p.naam_b)}: {share}</title></line>"
            )
        svg = svg[: -len("</svg>")] + "".join(lines) + "</svg>"
        legend = tuple(
            LegendItem(colour, translate("stabiliteit_klasse", lang, vanaf=f"{round(100 * lo)}%"))
            for lo, colour, _ in _CLASSES
        )
        return RenderedMap(svg, legend)

    key = ("stabiliteit-kaart", lang, tuple(members), result)
    return site.memo(key, build)
