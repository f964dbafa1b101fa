"""The region optimiser through the API and the region page, against a brute force over all
partitions of a small region into connected groups (valued with the engine's public API),
and against the raw neighbour file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_helpers import Page, read_csv

VORM = "bedrijfsvoeringsorganisatie"


def _adjacency() -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {}
    for r in read_csv("buren.csv"):
        adj.setdefault(r["gm_code_a"], set()).add(r["gm_code_b"])
        adj.setdefault(r["gm_code_b"], set()).add(r["gm_code_a"])
    return adj


def _connected(group: list[str], adj: dict[str, set[str]]) -> bool:
    seen, todo = {group[0]}, [group[0]]
    while todo:
        for n in adj.get(todo.pop(), set()) & set(group):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return len(seen) == len(group)


def _partitions(items: list[str]) -> Iterator[list[list[str]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        yield [[first], *part]
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1 :]]


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from regiokompas.data import load_dataset
    from regiokompas.savings import SavingsEngine

    return SavingsEngine.from_dataset(load_dataset(), mode="literature")


@pytest.mark.parametrize(("region", "size"), [("JZ27", 6), ("JZ27", 2), ("AM08", 4)])
def test_grouping_is_the_brute_force_optimum(
    client: TestClient, engine, region: str, size: int
) -> None:
    regiotype = next(r["regiotype"] for r in read_csv("regio.csv") if r["regio_code"] == region)
    members = sorted(r["gm_code"] for r in read_csv("regio.csv") if r["regio_code"] == region)
    params = {
        "gebied": f"{regiotype}:{region}",
        "taakvelden": "7.3",
        "modus": "literature",
        "maxGrootte": size,
    }
    body = client.get("/api/v1/indelingen", params=params).json()
    adj = _adjacency()
    groups = [g["gemeenten"] for g in body["groepen"]]
    assert sorted(c for g in groups for c in g) == members  # everyone exactly once
    for g in body["groepen"]:
        assert len(g["gemeenten"]) <= size and _connected(g["gemeenten"], adj)
        expected = engine.group_value(g["gemeenten"], ["7.3"], VORM).net_keur
        assert g["nettoKeur"] == pytest.approx(expected, abs=1e-6)
    assert body["doelwaardeKeur"] == pytest.approx(sum(g["nettoKeur"] for g in body["groepen"]))

    cache: dict[tuple[str, ...], float] = {}

    def value(group: list[str]) -> float:
        key = tuple(sorted(group))
        if key not in cache:
            cache[key] = engine.group_value(list(key), ["7.3"], VORM).net_keur
        return cache[key]

    best = max(
        sum(value(g) for g in p)
        for p in _partitions(members)
        if all(len(g) <= size and _connected(g, adj) for g in p)
    )
    assert body["doelwaardeKeur"] == pytest.approx(best, abs=1e-6)
    assert body["status"] == "optimaal"
    assert body["bovengrensKeur"] >= body["doelwaardeKeur"] - 1e-6


def test_impossible_constraints_are_400(client: TestClient) -> None:
    for params, name in (
        ({"gebied": "veiligheidsregio:VR99"}, "gebied"),
        ({"gebied": "waterschap:Rijnland"}, "gebied"),
        ({"gebied": "veiligheidsregio:VR16", "maxGrootte": 1}, "maxGrootte"),
        ({"gebied": "veiligheidsregio:VR16", "maxGrootte": 40}, "maxGrootte"),
        ({"gebied": "veiligheidsregio:VR16", "autonomiePrijs": -1}, "autonomiePrijs"),
    ):
        response = client.get("/api/v1/indelingen", params=params)
        # An area that does not exist is a 404 naming 'gebied' (issue 18).
        expected = 404 if name == "gebied" else 400
        assert response.status_code == expected, (params, response.text)
        assert [p["name"] for p in response.json()["invalidParams"]] == [name]


def test_region_page_shows_the_grouping_and_links_to_sharing(client: TestClient) -> None:
    page = Page(client.get("/regios/JZ27?modus=literature").text)
    table = page.find("table", id="tabel-indeling")
    assert table and "Bewezen optimaal" in page.plain
    links = [a["href"] for a in page.find("a") if "lid=" in a.get("href", "")]
    assert links and all(h.endswith("#verdeling") for h in links)
    shared = Page(client.get(links[0]).text)
    assert shared.find("table", id="tabel-verdeling")
    response = client.get("/regios/JZ27?groepsgrootte=99&optimaliseer=1")
    assert response.status_code == 400 and "'groepsgrootte'" in Page(response.text).plain


def test_enumeration_budget_holds_when_the_estimate_undershoots(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regiokompas.web.shared import optimiser

    # The up-front estimate is a random sample; if it ever says far too little, the hard stop
    # inside the enumeration still refuses the request (422), before any group is scored.
    monkeypatch.setattr(optimiser, "estimated_groups", lambda *args: 10.0)
    monkeypatch.setattr(optimiser, "ENUMERATION_BUDGET", 500)
    response = client.get(
        "/api/v1/indelingen", params={"gebied": "provincie:PV26", "maxGrootte": 5}
    )
    assert response.status_code == 422
    body = response.json()
    assert [p["name"] for p in body["invalidParams"]] == ["maxGrootte"]
    assert "opsommen is daar gestopt" in body["invalidParams"][0]["reason"]
