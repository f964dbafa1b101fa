"""The neighbour graph on a small hand-made example."""

from __future__ import annotations

import pandas as pd

from regiokompas.data import NeighbourGraph


def _graph() -> NeighbourGraph:
    pairs = pd.DataFrame(
        {
            "gm_code_a": ["A", "B", "C", "D"],
            "gm_code_b": ["B", "C", "D", "E"],
            "soort": ["land", "land", "water", "land"],
            "grens_km": [2.0, 5.0, 0.0, 1.0],
            "afstand_km": [0.0, 0.0, 3.0, 0.0],
            "toelichting": ["", "", "veer", ""],
        }
    )
    return NeighbourGraph.from_pairs(["A", "B", "C", "D", "E", "F"], pairs)


def test_components_and_connectivity() -> None:
    g = _graph()
    assert g.components(["A", "B", "D", "E", "F"]) == [["A", "B"], ["D", "E"], ["F"]]
    assert g.is_connected(["A", "B", "C", "D"])
    assert not g.is_connected([])


def test_neighbours_sorted_land_first_longest_border_first() -> None:
    g = _graph()
    assert [n.code for n in g.neighbours("C")] == ["B", "D"]
    assert [n.code for n in g.neighbours("C", water=False)] == ["B"]
    assert g.neighbours("B")[0].code == "C"  # 5 km before 2 km


def test_subgraph_and_edges() -> None:
    g = _graph().subgraph(["B", "C", "D"])
    assert g.edge_list() == [("B", "C"), ("C", "D")]
    assert g.degree("C") == 2 and not g.adjacent("B", "D")
