"""The TopoJSON decoder on hand-made topologies (delta-encoded arcs, reversed arcs, holes)."""

from __future__ import annotations

import pytest

from regiokompas.data._topojson import decode_features


def test_quantized_polygon_with_shared_reversed_arc() -> None:
    # Two unit squares side by side sharing the arc x=1 (arc 0), quantized with scale 0.5.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
        "arcs": [
            [[2, 0], [0, 2]],  # (1,0) -> (1,1) in real units
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (1,1) -> (0,1) -> (0,0) -> (1,0)
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (1,0) -> (2,0) -> (2,1) -> (1,1)
        ],
        "objects": {
            "squares": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "west"},
                    {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"naam": "oost"}},
                ],
            }
        },
    }
    (p1, g1), (p2, g2) = list(decode_features(topology, "squares"))
    assert p1["id"] == "west" and p2["naam"] == "oost"
    assert g1.area == pytest.approx(1.0) and g2.area == pytest.approx(1.0)
    assert g1.bounds == (10.0, 20.0, 11.0, 21.0)
    assert g1.intersection(g2).length == pytest.approx(1.0)  # the shared border


def test_multipolygon_with_hole_unquantized() -> None:
    topology = {
        "type": "Topology",
        "arcs": [
            [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
            [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]],
            [[10, 10], [11, 10], [11, 11], [10, 10]],
        ],
        "objects": {
            "o": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "arcs": [[[0], [1]], [[2]]]},
                    {"type": None},
                ],
            }
        },
    }
    [(_, geometry)] = list(decode_features(topology))
    assert geometry.area == pytest.approx(16 - 1 + 0.5)


def test_unsupported_type_is_an_error() -> None:
    topology = {
        "type": "Topology",
        "arcs": [],
        "objects": {"o": {"type": "GeometryCollection", "geometries": [{"type": "LineString"}]}},
    }
    with pytest.raises(ValueError, match="LineString"):
        list(decode_features(topology))
