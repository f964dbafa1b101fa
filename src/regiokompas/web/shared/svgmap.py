"""Server-rendered SVG maps of gemeenten: fast, work without JavaScript, one ``<title>`` per area.

The bundle's simplified boundaries (``grenzen.geojson``, WGS84) are projected once with a
local equirectangular projection around 52.2° N (horizontal scale cos 52.2°), which is within
a few per cent of the RD projection over the Netherlands and good enough for a choropleth.
Path strings are computed once per dataset and reused by every map.

>>> from regiokompas.data import load_dataset
>>> shapes = MapShapes.from_dataset(load_dataset())
>>> len(shapes.paths)
342
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from regiokompas.data import Dataset, geojson_path

__all__ = ["BLUES", "MapArea", "MapShapes", "classify", "legend_decimals", "render_map"]

_LAT0 = 52.2
_KX = math.cos(math.radians(_LAT0))
#: Width of the national map in SVG user units.
_WIDTH = 800.0

#: Five sequential classes, light to dark (ColorBrewer Blues 5), plus grey for "no data".
BLUES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA = "#d9d9d9"


@dataclass(frozen=True)
class MapArea:
    """How one gemeente is drawn: fill, an optional CSS class, and its tooltip text."""

    fill: str
    title: str
    css: str = ""


def _ring_points(ring: list[list[float]]) -> list[tuple[float, float]]:
    return [(lon * _KX, -lat) for lon, lat in ring]


@dataclass(frozen=True)
class MapShapes:
    """Projected outlines per gm_code, with bounding boxes, in SVG user units."""

    paths: dict[str, str]
    boxes: dict[str, tuple[float, float, float, float]]
    width: float
    height: float

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> MapShapes:
        """Read and project the bundle's GeoJSON (about 0.1 s; cache the result)."""
        data: dict[str, Any] = json.loads(geojson_path(dataset).read_text(encoding="utf-8"))
        rings: dict[str, list[list[tuple[float, float]]]] = {}
        for feature in data["features"]:
            geometry = feature["geometry"]
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
            code = str(feature["properties"]["gm_code"])
            rings[code] = [_ring_points(ring) for polygon in polygons for ring in polygon]
        xs = [x for rs in rings.values() for r in rs for x, _ in r]
        ys = [y for rs in rings.values() for r in rs for _, y in r]
        x0, y0 = min(xs), min(ys)
        scale = _WIDTH / (max(xs) - x0)
        paths: dict[str, str] = {}
        boxes: dict[str, tuple[float, float, float, float]] = {}
        for code, code_rings in rings.items():
            parts = []
            bx: list[float] = []
            by: list[float] = []
            for ring in code_rings:
                pts = [((x - x0) * scale, (y - y0) * scale) for x, y in ring]
                bx += [p[0] for p in pts]
                by += [p[1] for p in pts]
                parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z")
            paths[code] = "".join(parts)
            boxes[code] = (min(bx), min(by), max(bx), max(by))
        return cls(paths, boxes, _WIDTH, (max(ys) - y0) * scale)

    def bbox(self, codes: Iterable[str], pad: float = 0.08) -> tuple[float, float, float, float]:
        """The box (x, y, w, h) around ``codes``, with ``pad`` as a share of the larger side."""
        boxes = [self.boxes[c] for c in codes if c in self.boxes]
        if not boxes:
            return (0.0, 0.0, self.width, self.height)
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[2] for b in boxes)
        y1 = max(b[3] for b in boxes)
        margin = max(x1 - x0, y1 - y0, 10.0) * pad
        return (x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin)


def _intersects(
    box: tuple[float, float, float, float], view: tuple[float, float, float, float]
) -> bool:
    x, y, w, h = view
    return not (box[2] < x or box[0] > x + w or box[3] < y or box[1] > y + h)


def render_map(
    shapes: MapShapes,
    areas: Mapping[str, MapArea],
    *,
    label: str,
    map_id: str,
    view: tuple[float, float, float, float] | None = None,
    context_fill: str = "#f5f5f5",
    links: bool = True,
) -> str:
    """An ``<svg>`` drawing ``areas``; other gemeenten inside ``view`` are drawn as context.

    The SVG is one image for assistive technology (``role="img"`` with ``label``); the page
    must give the same information as a table. With ``links`` each area carries
    ``data-href`` so a few lines of JavaScript make a click open that gemeente's page.
    """
    x, y, w, h = view or (0.0, 0.0, shapes.width, shapes.height)
    stroke = max(w / shapes.width, 0.05) * 0.6
    out = [
        f'<svg id="{escape(map_id)}" class="kaart" viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}" '
        f'role="img" aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg" style="--lijn:{stroke:.2f}px">'
    ]
    if view is not None:
        for code, path in shapes.paths.items():
            if code not in areas and _intersects(shapes.boxes[code], (x, y, w, h)):
                out.append(f'<path class="context" d="{path}" fill="{context_fill}"/>')
    for code, area in areas.items():
        if code not in shapes.paths:
            continue
        path = shapes.paths[code]
        css = f' class="{escape(area.css)}"' if area.css else ""
        href = f' data-href="/gemeenten/{code}"' if links else ""
        out.append(
            f'<path d="{path}" fill="{area.fill}"{css}{href}>'
            f"<title>{escape(area.title)}</title></path>"
        )
    out.append("</svg>")
    return "".join(out)


def classify(values: Mapping[str, float | None], n: int = 5) -> tuple[dict[str, int], list[float]]:
    """Quantile classes 0..n-1 per code (``-1`` for missing or non-positive), and the breaks.

    >>> classes, breaks = classify({"a": 1.0, "b": 2.0, "c": 3.0, "d": None}, n=3)
    >>> classes
    {'a': 0, 'b': 1, 'c': 2, 'd': -1}
    """
    known = sorted(v for v in values.values() if v is not None and math.isfinite(v) and v > 0)
    if not known:
        return dict.fromkeys(values, -1), []
    breaks = [known[min(len(known) - 1, int(len(known) * k / n))] for k in range(1, n)]
    out: dict[str, int] = {}
    for code, value in values.items():
        if value is None or not math.isfinite(value) or value <= 0:
            out[code] = -1
        else:
            out[code] = sum(1 for b in breaks if value >= b)
    return out, breaks


def legend_decimals(breaks: Iterable[float]) -> int:
    """Decimals that keep class bounds apart: 2 below 1, 1 below 10, else 0.

    >>> legend_decimals([0.4, 1.1, 1.9]), legend_decimals([120.0, 300.0])
    (1, 0)
    """
    top = max((abs(b) for b in breaks), default=0.0)
    return 2 if top < 1 else 1 if top < 10 else 0
