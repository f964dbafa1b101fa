"""Figures of the chapter as PNG bytes: the partner map and two charts (matplotlib, Agg).

The map draws the bundle's simplified CBS/Kadaster boundaries 2023. Colours are paired with
hatching and labels, so the map does not rely on colour alone (WCAG 2.1, 1.4.1).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.patches import Polygon as MplPolygon  # noqa: E402
from matplotlib.patheffects import withStroke  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from regiokompas.i18n import matplotlib_number_formatter  # noqa: E402
from regiokompas.report._i18n import _  # noqa: E402

__all__ = ["TradeoffPoint", "partner_map", "spending_chart", "tradeoff_chart"]

_DARK, _PARTNER, _NEIGHBOUR, _CONTEXT = "#1f3a5f", "#4a90c2", "#cfdce8", "#f0f0f0"
_DPI = 130


@lru_cache(maxsize=2)
def _shapes(path: Path) -> dict[str, tuple[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"]["gm_code"]: (f["properties"]["naam"], shape(f["geometry"]))
        for f in data["features"]
    }


def _rings(geometry: Any) -> list[list[tuple[float, float]]]:
    polygons = getattr(geometry, "geoms", [geometry])
    return [list(p.exterior.coords) for p in polygons if p.geom_type == "Polygon"]


def _png(fig: Any, language: str = "nl") -> bytes:
    # Numeric axes in the chapter's notation ("0,5", "1.000"); category labels stay as they are.
    for axis in (a for ax in fig.axes for a in (ax.xaxis, ax.yaxis)):
        if isinstance(axis.get_major_formatter(), ScalarFormatter):
            axis.set_major_formatter(matplotlib_number_formatter(language))
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="png", dpi=_DPI, bbox_inches="tight", metadata={"Software": "Regiokompas"}
    )
    plt.close(fig)
    return buffer.getvalue()


def partner_map(
    geojson: Path,
    code: str,
    neighbours: Sequence[str],
    partners: Sequence[str],
    lang: str = "nl",
) -> bytes:
    """Map of gemeente ``code``, its ``neighbours`` and the proposed ``partners`` as PNG."""
    shapes = _shapes(geojson)
    focus = [code, *neighbours, *partners]
    minx = min(shapes[c][1].bounds[0] for c in focus)
    miny = min(shapes[c][1].bounds[1] for c in focus)
    maxx = max(shapes[c][1].bounds[2] for c in focus)
    maxy = max(shapes[c][1].bounds[3] for c in focus)
    padx, pady = (maxx - minx) * 0.05, (maxy - miny) * 0.05
    fig, ax = plt.subplots(figsize=(6.5, 6.0))
    partner_set, neighbour_set = set(partners), set(neighbours)
    for other, (naam, geom) in shapes.items():
        bx0, by0, bx1, by1 = geom.bounds
        if bx1 < minx - padx or bx0 > maxx + padx or by1 < miny - pady or by0 > maxy + pady:
            continue
        if other == code:
            face, hatch = _DARK, None
        elif other in partner_set:
            face, hatch = _PARTNER, "///"
        elif other in neighbour_set:
            face, hatch = _NEIGHBOUR, None
        else:
            face, hatch = _CONTEXT, None
        for ring in _rings(geom):
            ax.add_patch(
                MplPolygon(
                    ring, closed=True, facecolor=face, edgecolor="white", linewidth=0.8, hatch=hatch
                )
            )
        if other in focus:
            point = geom.representative_point()
            # A halo keeps each label readable on any fill, hatch or the white sea.
            dark = other == code
            ax.annotate(
                naam,
                (point.x, point.y),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if dark else "#111111",
                weight="bold" if dark else "normal",
                path_effects=[withStroke(linewidth=2.2, foreground=_DARK if dark else "white")],
            )
    ax.set_xlim(minx - padx, maxx + padx)
    ax.set_ylim(miny - pady, maxy + pady)
    # Equirectangular map: stretch latitude so shapes keep their proportions.
    ax.set_aspect(1.0 / math.cos(math.radians((miny + maxy) / 2)))
    ax.set_axis_off()
    handles = [
        Patch(facecolor=_DARK, label=_("Gemeente", lang)),
        Patch(facecolor=_NEIGHBOUR, label=_("Buurgemeente", lang)),
    ]
    if partners:
        handles.insert(
            1, Patch(facecolor=_PARTNER, hatch="///", label=_("Voorgestelde partner", lang))
        )
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=True)
    ax.text(
        1.0,
        -0.01,
        _("Bron: CBS/Kadaster, gemeentegrenzen 2023 (CC BY 4.0)", lang),
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=6,
        color="#444444",
    )
    return _png(fig, lang)


def spending_chart(
    labels: Sequence[str],
    own: Sequence[float],
    peers: Sequence[float],
    naam: str,
    bron: str,
    lang: str = "nl",
) -> bytes:
    """Horizontal bars of € per inhabitant per hoofdtaakveld, with the peer median as a mark."""
    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, own, color=_PARTNER, height=0.6, label=naam)
    ax.scatter(
        peers,
        positions,
        marker="D",
        color=_DARK,
        zorder=3,
        s=22,
        label=_("Mediaan vergelijkbare gemeenten", lang),
    )
    ax.set_yticks(positions, labels=list(labels), fontsize=7)
    ax.set_xlabel(_("Lasten per inwoner (€)", lang), fontsize=8)
    ax.xaxis.set_major_formatter(matplotlib_number_formatter(lang, 0))
    ax.tick_params(axis="x", labelsize=7)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.legend(fontsize=7, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(_("Bron: {bron}", lang).format(bron=bron), fontsize=7, loc="left", color="#444444")
    return _png(fig, lang)


@dataclass(frozen=True)
class TradeoffPoint:
    label: str
    autonomy_loss: float
    p10: float
    p50: float
    p90: float


def tradeoff_chart(
    points: Sequence[TradeoffPoint], naam: str, bron: str, lang: str = "nl"
) -> bytes:
    """Scatter of expected saving (P50 with P10–P90 bars) against autonomy loss."""
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for k, point in enumerate(points):
        ax.errorbar(
            [point.autonomy_loss],
            [point.p50],
            yerr=[[max(point.p50 - point.p10, 0.0)], [max(point.p90 - point.p50, 0.0)]],
            fmt="o",
            color=_DARK,
            ecolor=_PARTNER,
            elinewidth=2,
            capsize=3,
        )
        ax.annotate(
            point.label,
            (point.autonomy_loss, point.p50),
            textcoords="offset points",
            xytext=(6, 4 + 9 * (k % 3)),  # staggered so labels of close points stay apart
            fontsize=7,
        )
    ax.axhline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel(_("Verlies aan autonomie (0 = geen, 1 = volledig)", lang), fontsize=8)
    # Two lines: a long gemeente name must not push the unit off the figure ("… per j").
    ax.set_ylabel(_("Besparing voor {naam}\n(k€ per jaar)", lang).format(naam=naam), fontsize=8)
    # Ticks with the language's decimal mark ("0,05", not "0.05"): two decimals on the 0–1 scale.
    ax.xaxis.set_major_formatter(matplotlib_number_formatter(lang, 2))
    spread = max((abs(v) for p in points for v in (p.p10, p.p90)), default=0.0)
    ax.yaxis.set_major_formatter(matplotlib_number_formatter(lang, 0 if spread >= 5 else 1))
    ax.tick_params(labelsize=7)
    ax.set_xlim(left=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(
        _("Punt = P50, lijn = P10–P90. Bron: {bron}", lang).format(bron=bron),
        fontsize=7,
        loc="left",
        color="#444444",
    )
    return _png(fig, lang)
