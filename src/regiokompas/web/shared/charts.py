"""Plotly figure specifications (plain JSON), drawn in the browser by the ``plotly.min.js``
that ships in the ``plotly`` package and that the app serves itself (no CDN).

Every chart on a page is paired with a table holding the same numbers, and its caption names
source and year. Specs are built as dicts: cheaper than ``plotly.graph_objects`` per request.

>>> spec = bar_comparison(["A", "B"], [1.0, 2.0], [1.5, 1.5], "Gouda", "Vergelijkbaar", "€")
>>> spec["data"][0]["type"]
'bar'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

__all__ = ["COLOURS", "bar_comparison", "scatter", "to_json"]

#: Colour-blind-safe pair (dark blue, orange) with 3:1 contrast against white, and a grey.
COLOURS = ("#1f4e8c", "#c55a11", "#6b6b6b")

_FONT = {
    "family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    "size": 13,
    "color": "#1a1a1a",
}


def _layout(x_title: str, y_title: str = "", height: int = 420) -> dict[str, Any]:
    return {
        "font": _FONT,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "xaxis": {"title": {"text": x_title}, "automargin": True, "gridcolor": "#dddddd"},
        "yaxis": {"title": {"text": y_title}, "automargin": True, "gridcolor": "#dddddd"},
        "legend": {"orientation": "h", "y": -0.15},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
    }


def bar_comparison(
    labels: Sequence[str],
    own: Sequence[float],
    peers: Sequence[float],
    own_name: str,
    peer_name: str,
    unit: str,
) -> dict[str, Any]:
    """Horizontal grouped bars: one gemeente against a comparison value per category."""
    rev = list(reversed(labels))
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": peer_name,
                "y": rev,
                "x": list(reversed(list(peers))),
                "marker": {"color": COLOURS[2]},
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": own_name,
                "y": rev,
                "x": list(reversed(list(own))),
                "marker": {"color": COLOURS[0]},
            },
        ],
        "layout": {**_layout(unit), "barmode": "group", "height": 120 + 38 * len(labels)},
    }


def scatter(
    series: Sequence[dict[str, Any]],
    x_title: str,
    y_title: str,
) -> dict[str, Any]:
    """Points (and optional lines) per series: each dict has name, x, y, text, mode."""
    data = []
    for k, s in enumerate(series):
        colour = s.get("colour", COLOURS[k % len(COLOURS)])
        data.append(
            {
                "type": "scatter",
                "mode": s.get("mode", "markers"),
                "name": s["name"],
                "x": list(s["x"]),
                "y": list(s["y"]),
                "text": list(s.get("text", [])),
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {
                    "color": colour,
                    "size": s.get("size", 9),
                    "symbol": s.get("symbol", "circle"),
                },
                "line": {"color": colour, "shape": "hv"},
            }
        )
    return {"data": data, "layout": _layout(x_title, y_title)}


def to_json(spec: dict[str, Any]) -> str:
    """JSON safe to embed in ``<script type="application/json">`` (no ``</`` sequences)."""
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
