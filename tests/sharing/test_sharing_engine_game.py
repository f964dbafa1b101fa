"""Engine games: coalition costs from a cost model, with and without contiguity."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from regiokompas.data import NeighbourGraph, load_dataset
from regiokompas.sharing import SharingError, engine_game, verdeel_regio

ALONE = {"A": 100.0, "B": 60.0, "C": 40.0, "D": 80.0}


class ToyEngine:
    """Each group saves 10% of its spending and pays 5 k€ per extra member."""

    def __init__(self) -> None:
        self.calls = 0

    def standalone_cost(self, code: str, taakvelden: Sequence[str]) -> float:
        return ALONE[code]

    def group_values(
        self,
        groups: Sequence[Sequence[str]],
        taakvelden: Sequence[str],
        vorm: str,
        autonomy_price: float = 0.0,
    ) -> np.ndarray:
        self.calls += len(groups)
        return np.array([0.1 * sum(ALONE[g] for g in grp) - 5 * (len(grp) - 1) for grp in groups])


def toy_cost(members: list[str]) -> float:
    if len(members) == 1:
        return ALONE[members[0]]
    total = sum(ALONE[m] for m in members)
    return 0.9 * total + 5 * (len(members) - 1)


# A path A - B - C - D.
PATH = NeighbourGraph.from_pairs(
    list(ALONE),
    pd.DataFrame(
        {
            "gm_code_a": ["A", "B", "C"],
            "gm_code_b": ["B", "C", "D"],
            "soort": ["land"] * 3,
            "grens_km": [1.0] * 3,
            "afstand_km": [0.0] * 3,
            "toelichting": [""] * 3,
        }
    ),
)


def test_without_contiguity_every_coalition_cooperates() -> None:
    game = engine_game(ToyEngine(), list(ALONE), ["0.4"])
    for mask in range(1, 16):
        members = [c for i, c in enumerate(ALONE) if mask >> i & 1]
        assert game.costs[mask] == pytest.approx(toy_cost(members))
    assert game.eenheid == "k€"


def test_with_contiguity_disconnected_coalitions_cost_their_parts() -> None:
    engine = ToyEngine()
    game = engine_game(engine, list(ALONE), ["0.4"], graph=PATH)
    for mask in range(1, 16):
        members = [c for i, c in enumerate(ALONE) if mask >> i & 1]
        expected = sum(toy_cost(part) for part in PATH.components(members))
        assert game.costs[mask] == pytest.approx(expected), members
    # {A, C, D} = {A} + {C, D}: 100 + 0.9·120 + 5.
    assert game.cost(["A", "C", "D"]) == pytest.approx(100 + 108 + 5)
    # Only connected groups of two or more reach the engine: AB BC CD ABC BCD ABCD.
    assert engine.calls == 6


def test_group_limits() -> None:
    with pytest.raises(SharingError, match="ten minste twee"):
        engine_game(ToyEngine(), ["A"], ["0.4"])


def test_real_engine_matches_its_coalition_cost_and_graph() -> None:
    from regiokompas.savings import SavingsEngine

    ds = load_dataset()
    engine = SavingsEngine.from_dataset(ds, mode="literature")
    names = ["Gouda", "Waddinxveen", "Bodegraven-Reeuwijk", "Krimpenerwaard", "Zuidplas"]
    codes = [ds.gemeente(n).code for n in names]
    taak = ["0.4"]
    vorm = "bedrijfsvoeringsorganisatie"
    free = engine_game(engine, codes, taak, vorm)
    joined = engine_game(engine, codes, taak, vorm, graph=ds.graph)
    for mask in range(1, 1 << len(codes)):
        members = [c for i, c in enumerate(codes) if mask >> i & 1]
        if len(members) == 1:
            expected = engine.standalone_cost(members[0], taak)
        else:
            expected = engine.coalition_cost(members, taak, vorm)
        assert free.costs[mask] == pytest.approx(expected, rel=1e-12)
        parts = ds.graph.components(members)
        by_parts = sum(
            engine.coalition_cost(p, taak, vorm)
            if len(p) > 1
            else engine.standalone_cost(p[0], taak)
            for p in parts
        )
        assert joined.costs[mask] == pytest.approx(by_parts, rel=1e-12)


def test_verdeel_regio_keys_use_inhabitants_and_lasten() -> None:
    from regiokompas.savings import SavingsEngine

    ds = load_dataset()
    engine = SavingsEngine.from_dataset(ds, mode="literature")
    names = ["Gouda", "Waddinxveen", "Zuidplas"]
    result = verdeel_regio(ds, engine, names, ["0.4"], methodes=["inwoners", "gebruik"])
    year = int(ds.inwoners["jaar"].max())
    inw = ds.inwoners[ds.inwoners["jaar"] == year].set_index("gm_code")["inwoners"]
    codes = [ds.gemeente(n).code for n in names]
    total = result.groepskosten
    share = np.array([inw[c] for c in codes], dtype=float)
    per_capita = [a.bedrag for a in result.verdelingen[0].aandelen]
    assert per_capita == pytest.approx(total * share / share.sum(), abs=0.01)
    alone = np.array([engine.standalone_cost(c, ["0.4"]) for c in codes])
    by_use = [a.bedrag for a in result.verdelingen[1].aandelen]
    assert by_use == pytest.approx(total * alone / alone.sum(), abs=0.01)
    assert result.spelers == ("Gouda", "Waddinxveen", "Zuidplas")
    assert f"1 januari {year}" in result.bron
    with pytest.raises(SharingError, match="dubbel"):
        verdeel_regio(ds, engine, ["Gouda", "GM0513"], ["0.4"])


@pytest.mark.parametrize("graph", [None, PATH])
def test_batch_cost_matches_the_definition(graph: NeighbourGraph | None) -> None:
    from regiokompas.sharing import engine_batch_cost

    cost = engine_batch_cost(ToyEngine(), list(ALONE), ["0.4"], graph=graph)
    masks = np.arange(1, 16)
    rows = ((masks[:, None] >> np.arange(4)) & 1).astype(bool)
    got = cost(rows)
    for mask, value in zip(masks, got, strict=True):
        members = [c for i, c in enumerate(ALONE) if mask >> i & 1]
        parts = [members] if graph is None else graph.components(members)
        assert value == pytest.approx(sum(toy_cost(p) for p in parts)), members


def test_large_real_group_is_sampled() -> None:
    from regiokompas.savings import SavingsEngine

    ds = load_dataset()
    engine = SavingsEngine.from_dataset(ds, mode="literature")
    codes = ds.gemeenten.loc[ds.gemeenten["provincie"] == "Zeeland", "gm_code"].tolist()
    assert len(codes) > 12
    groningen = ds.gemeenten.loc[ds.gemeenten["provincie"] == "Groningen", "gm_code"].tolist()
    group = codes + groningen[: 20 - len(codes)]  # 20 members: beyond the explicit limit
    result = verdeel_regio(ds, engine, group, ["0.4"], aaneengesloten=True, steekproef=200)
    assert [v.methode for v in result.verdelingen] == [
        "inwoners",
        "vast-variabel",
        "gebruik",
        "shapley",
    ]
    shap = result.verdelingen[-1]
    assert shap.in_kern is None and shap.standaardfout is not None
    assert all(se >= 0 for se in shap.standaardfout)
    # Zeeland and Groningen do not touch: the grand coalition costs the sum of its parts.
    zeeland = engine.coalition_cost(codes, ["0.4"], "bedrijfsvoeringsorganisatie")
    rest = [c for c in group if c not in codes]
    parts = ds.graph.components(rest)
    other = sum(
        engine.coalition_cost(p, ["0.4"], "bedrijfsvoeringsorganisatie")
        if len(p) > 1
        else engine.standalone_cost(p[0], ["0.4"])
        for p in parts
    )
    assert result.groepskosten == pytest.approx(zeeland + other, abs=0.01)
    cents = sum(round(a.bedrag * 100) for a in shap.aandelen)
    assert cents == round(result.groepskosten * 100)
    with pytest.raises(SharingError, match="vraagt alle coalities"):
        verdeel_regio(ds, engine, group, ["0.4"], methodes=["nucleolus"])
