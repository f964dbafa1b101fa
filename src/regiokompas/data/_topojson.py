"""Minimal TopoJSON decoder (quantized or not) into shapely geometries.

Follows the TopoJSON 1.0 specification (Bostock, github.com/topojson/topojson-specification):
arcs are delta-encoded when the topology has a ``transform``; a negative arc index ``~i``
means arc ``i`` reversed; consecutive arcs of a ring share their joining point.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon

__all__ = ["decode_features"]


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for raw in topology["arcs"]:
        points: list[tuple[float, float]] = []
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            x = y = 0
            for dx, dy, *_ in raw:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in raw]
        arcs.append(points)
    return arcs


def _ring(
    arc_ids: Sequence[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for index in arc_ids:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        # Each arc after the first starts where the previous one ended.
        coords.extend(arc if not coords else arc[1:])
    return coords


def _polygon(rings: Sequence[Sequence[int]], arcs: list[list[tuple[float, float]]]) -> Polygon:
    shell, *holes = (_ring(r, arcs) for r in rings)
    return Polygon(shell, holes)


def decode_features(
    topology: dict[str, Any], object_name: str | None = None
) -> Iterator[tuple[dict[str, Any], shapely.Geometry]]:
    """Yield ``(properties, geometry)`` for each geometry of one object of a topology.

    >>> topo = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
    ...         "objects": {"o": {"type": "GeometryCollection", "geometries": [
    ...             {"type": "Polygon", "arcs": [[0]], "properties": {"id": "a"}}]}}}
    >>> [(p["id"], g.area) for p, g in decode_features(topo)]
    [('a', 0.5)]
    """
    arcs = _decode_arcs(topology)
    objects = topology["objects"]
    name = object_name if object_name is not None else next(iter(objects))
    for geometry in objects[name]["geometries"]:
        kind = geometry.get("type")
        properties = dict(geometry.get("properties") or {})
        if "id" in geometry and "id" not in properties:
            properties["id"] = geometry["id"]
        if kind == "Polygon":
            yield properties, _polygon(geometry["arcs"], arcs)
        elif kind == "MultiPolygon":
            yield properties, MultiPolygon([_polygon(p, arcs) for p in geometry["arcs"]])
        elif kind is None:
            continue
        else:
            raise ValueError(f"TopoJSON geometry type {kind!r} is not supported")
