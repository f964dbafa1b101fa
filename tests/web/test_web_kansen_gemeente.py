"""The gemeente's opportunities (partner finder) through the API and the page: the best group
and the Pareto front against a brute force over all connected groups from the raw neighbour
file, valued with the engine's public API."""

from __future__ import annotations

from itertools import combinations

import pytest
from fastapi.testclient import TestClient
from web_helpers import Page, read_csv

VORM = "bedrijfsvoeringsorganisatie"


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from regiokompas.data import load_dataset
    from regiokompas.savings import SavingsEngine

    return SavingsEngine.from_dataset(load_dataset(), mode="literature")


def _adjacency() -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {}
    for r in read_csv("buren.csv"):
        adj.setdefault(r["gm_code_a"], set()).add(r["gm_code_b"])
        adj.setdefault(r["gm_code_b"], set()).add(r["gm_code_a"])
    return adj


def _connected_groups(code: str, size: int, adj: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """Every connected group that contains ``code``, of 2..size members (brute force)."""
    reach = {code}
    frontier = {code}
    for _ in range(size - 1):
        frontier = {n for c in frontier for n in adj[c]} - reach
        reach |= frontier
    others = sorted(reach - {code})
    out = []
    for k in range(1, size):
        for combo in combinations(others, k):
            group = (code, *combo)
            seen, todo = {code}, [code]
            while todo:
                for n in adj[todo.pop()] & set(group):
                    if n not in seen:
                        seen.add(n)
                        todo.append(n)
            if len(seen) == len(group):
                out.append(group)
    return out


def test_best_group_and_pareto_front_against_brute_force(client: TestClient, engine) -> None:
    params = {"groepsgrootte": 3, "modus": "literature", "geenBewijs": True}
    body = client.get("/api/v1/gemeenten/GM0513/kansen", params=params).json()
    assert body["gemeente"] == "GM0513" and body["instellingen"]["group_size"] == 3
    scope = next(s for s in body["taakvelden"] if s["taakvelden"] == ["7.3"])
    groups = _connected_groups("GM0513", 3, _adjacency())
    assert scope["groepenGewaardeerd"] == len(groups)
    values = {g: engine.group_value(list(g), ["7.3"], VORM) for g in groups}
    best = max(groups, key=lambda g: values[g].net_keur)
    top = scope["opties"][0]
    # The test app's register is empty: no existing partner sets, so the best net value wins.
    assert top["nettoKeur"] == round(values[best].net_keur)
    assert set(top["leden"]) == set(best)
    # Nothing the brute force found beats a front point on both axes.
    for o in scope["pareto"]:
        saving = o["besparingKeur"] - o["transactieKeur"]
        for g, v in values.items():
            dominated = (
                v.savings_keur - v.transaction_keur > saving + 1.0  # amounts are whole k€
                and v.autonomy_loss <= o["autonomieGroep"] - 0.01
            )
            assert not dominated, (o["namen"], g)
        assert o["autonomieEigen"] == pytest.approx(o["autonomieGroep"] / len(o["leden"]), abs=0.01)
    # Bands and verdict are the savings engine's estimate for the best group (1,000 draws).
    est = engine.estimate(top["leden"], ["7.3"], VORM, draws=1000, seed=0)
    npv = est.npv.afgerond  # rounded to what the band supports (round_to_band)
    assert scope["groepContanteWaarde"] == {"p10": npv.p10, "p50": npv.p50, "p90": npv.p90}
    assert scope["eigenJaar"]["p50"] == est.per_member["GM0513"].afgerond.p50
    assert scope["oordeel"] == est.verdict
    assert scope["status"] == {"besparing": "kans", "meerkosten": "meerkosten"}.get(
        est.verdict, "geen_bewijs"
    )


def test_partners_within_a_region_and_price_of_autonomy(client: TestClient) -> None:
    ggd = {r["gm_code"]: r["regio_code"] for r in read_csv("regio.csv") if r["regiotype"] == "ggd"}
    body = client.get(
        "/api/v1/gemeenten/GM0513/kansen",
        params={"groepsgrootte": 4, "binnen": "ggd", "modus": "literature"},
    ).json()
    assert body["binnenRegio"] == ggd["GM0513"]
    for scope in body["taakvelden"]:
        for o in scope["opties"]:
            assert {ggd[c] for c in o["leden"]} == {ggd["GM0513"]}
    cheap = client.get(
        "/api/v1/gemeenten/GM0513/kansen", params={"groepsgrootte": 4, "modus": "literature"}
    ).json()
    dear = client.get(
        "/api/v1/gemeenten/GM0513/kansen",
        params={"groepsgrootte": 4, "modus": "literature", "autonomiePrijs": 500},
    ).json()

    def top(b: dict, label: str) -> dict:
        return next(s for s in b["taakvelden"] if s["label"] == label)["opties"][0]

    for label in ("7.3", "0.4"):
        assert top(dear, label)["autonomieGroep"] <= top(cheap, label)["autonomieGroep"]
        o = top(dear, label)
        assert o["nettoKeur"] == pytest.approx(
            o["besparingKeur"] - o["transactieKeur"] - 500 * o["autonomieGroep"], abs=1.5
        )


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"groepsgrootte": 1}, "groepsgrootte"),
        ({"groepsgrootte": 9}, "groepsgrootte"),
        ({"binnen": "waterschap"}, "binnen"),
        ({"autonomiePrijs": -5}, "autonomiePrijs"),
        ({"modus": "gok"}, "modus"),
    ],
)
def test_bad_opportunity_parameters_are_400(client: TestClient, params: dict, name: str) -> None:
    response = client.get("/api/v1/gemeenten/GM0513/kansen", params=params)
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]


def test_gemeente_page_opportunities_chart_and_yield(client: TestClient) -> None:
    page = Page(client.get("/gemeenten/GM0513?modus=literature&groepsgrootte=3").text)
    api = client.get(
        "/api/v1/gemeenten/GM0513/kansen", params={"modus": "literature", "groepsgrootte": 3}
    ).json()
    rows = [a for t, a in page.tags if t == "tr" and "data-taakveld" in a]
    assert [r["data-taakveld"] for r in rows] == api["getoond"]
    assert page.find("div", id="grafiek-pareto") and page.find("table", id="tabel-pareto")
    assert page.find("table", id="tabel-opbrengst")
    assert "kunstgras voetbalveld" in page.plain
    assert "Allers & Geertsema (2016" in page.plain  # why 0.1 Bestuur is not an opportunity
    assert all(n in page.plain for n in api["vergelijkbaarNamen"])
    other = Page(client.get("/gemeenten/GM0513?modus=literature&groepsgrootte=2").text)
    assert other.plain != page.plain
    chosen = Page(client.get("/gemeenten/GM0513?modus=literature&kansveld=7.3").text)
    assert chosen.find("option", value="7.3", selected="")
    response = client.get("/gemeenten/GM0513?kansveld=99.9")
    assert response.status_code == 400 and "'kansveld'" in Page(response.text).plain
