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
    params = {"groepsgrootte": 3, "modus": "literature"}
    body = client.get("/api/v1/gemeenten/GM0513/kansen", params=params).json()
    assert body["gemeente"] == "GM0513" and body["groepsgrootte"] == 3
    scope = next(s for s in body["taakvelden"] if s["taakvelden"] == ["7.3"])
    groups = _connected_groups("GM0513", 3, _adjacency())
    assert scope["groepenGewaardeerd"] == len(groups)
    values = {g: engine.group_value(list(g), ["7.3"], VORM) for g in groups}
    best = max(groups, key=lambda g: values[g].net_keur)
    top = scope["opties"][0]
    assert top["nettoKeur"] == pytest.approx(values[best].net_keur)
    assert set(top["gemeenten"]) == set(best)
    # Nothing the brute force found beats a front point on both axes.
    for o in scope["pareto"]:
        saving = o["besparingKeur"] - o["transactieKeur"]
        for g, v in values.items():
            dominated = (
                v.savings_keur - v.transaction_keur > saving + 1e-6
                and v.autonomy_loss <= o["autonomieverlies"] - 1e-9
            )
            assert not dominated, (o["namen"], g)
    # The band is the estimate's net present value as an equal yearly amount (annuity at the
    # engine's discount rate over its horizon, computed here by hand).
    est = engine.estimate(top["gemeenten"], ["7.3"], VORM, draws=200, seed=0)
    annuity = sum((1 + engine.discount_rate) ** -t for t in range(1, engine.horizon + 1))
    band = scope["nettoBandbreedte"]
    assert band["p10"] == pytest.approx(est.npv.p10 / annuity, rel=1e-3)
    assert band["p90"] == pytest.approx(est.npv.p90 / annuity, rel=1e-3)
    expected = (
        "besparing"
        if band["p10"] > 0
        else "meerkosten"
        if band["p90"] < 0
        else "geen bewijs van besparing"
    )
    assert scope["oordeel"] == expected


def test_partners_within_a_region_and_price_of_autonomy(client: TestClient) -> None:
    ggd = {r["gm_code"]: r["regio_code"] for r in read_csv("regio.csv") if r["regiotype"] == "ggd"}
    body = client.get(
        "/api/v1/gemeenten/GM0513/kansen",
        params={"groepsgrootte": 4, "binnen": "ggd", "modus": "literature"},
    ).json()
    assert body["binnenRegio"] == ggd["GM0513"]
    for scope in body["taakvelden"]:
        for o in scope["opties"]:
            assert {ggd[c] for c in o["gemeenten"]} == {ggd["GM0513"]}
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
        assert top(dear, label)["autonomieverlies"] <= top(cheap, label)["autonomieverlies"]
        o = top(dear, label)
        assert o["nettoKeur"] == pytest.approx(
            o["besparingKeur"] - o["transactieKeur"] - 500 * o["autonomieverlies"]
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
    rows = [t for t, a in page.tags if t == "tr"]
    assert page.find("table", id="tabel-kansen") and len(rows) > 40
    assert page.find("div", id="grafiek-pareto") and page.find("table", id="tabel-pareto")
    assert page.find("table", id="tabel-opbrengst")
    assert "kunstgras voetbalveld" in page.plain
    other = Page(client.get("/gemeenten/GM0513?modus=literature&groepsgrootte=2").text)
    assert other.plain != page.plain
    chosen = Page(client.get("/gemeenten/GM0513?modus=literature&kansveld=7.3").text)
    assert chosen.find("option", value="7.3", selected="")
    response = client.get("/gemeenten/GM0513?kansveld=99.9")
    assert response.status_code == 400 and "'kansveld'" in Page(response.text).plain
