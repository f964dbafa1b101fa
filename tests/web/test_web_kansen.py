"""The national opportunity map: the web's pairing logic against a brute force over the
engine's public API, per-inhabitant values against the raw inhabitants, and the rule that a
taakveld without evidence of scale economies is not coloured as an opportunity."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_helpers import Page, read_csv

from regiokompas.data import load_dataset
from regiokompas.web.shared.potential import NO_EVIDENCE

VORM = "bedrijfsvoeringsorganisatie"


@pytest.fixture(scope="module")
def literature_engine():  # type: ignore[no-untyped-def]
    from regiokompas.savings import SavingsEngine

    return SavingsEngine.from_dataset(load_dataset(), mode="literature")


def test_best_partner_is_the_brute_force_best_neighbour(
    client: TestClient, literature_engine
) -> None:
    body = client.get("/api/v1/taakvelden/7.3/kansen", params={"modus": "literature"}).json()
    assert body["modus"] == "literature" and body["vorm"] == "bedrijfsvoeringsorganisatie"
    people = {r["gm_code"]: int(r["inwoners_2023"]) for r in read_csv("gemeenten.csv")}
    neighbours: dict[str, set[str]] = {}
    for r in read_csv("buren.csv"):
        neighbours.setdefault(r["gm_code_a"], set()).add(r["gm_code_b"])
        neighbours.setdefault(r["gm_code_b"], set()).add(r["gm_code_a"])
    rows = {g["code"]: g for g in body["gemeenten"]}
    assert len(rows) == 342
    for code in ("GM0513", "GM0363", "GM0088", "GM1680"):
        values = {
            n: literature_engine.group_value([code, n], ["7.3"], VORM).net_keur
            for n in neighbours[code]
        }
        best = max(values, key=lambda n: values[n])
        row = rows[code]
        assert row["partnerCode"] == best
        assert row["nettoKeur"] == pytest.approx(values[best])
        assert row["eurPerInwoner"] == pytest.approx(
            values[best] * 1000 / (people[code] + people[best])
        )


def test_no_evidence_is_not_coloured_as_potential(client: TestClient) -> None:
    body = client.get("/api/v1/taakvelden/0.2/kansen").json()
    assert body["schaal"]["oordeel"] != "schaalvoordelen"
    low, high = body["schaal"]["elasticiteitLaag"], body["schaal"]["elasticiteitHoog"]
    assert low <= 0 <= high or low > 0
    # The scale map of the cost model (the exploratory 'fitted' mode; literature is the default).
    page = Page(client.get("/?taakveld=0.2&modus=fitted").text)
    fills = {p["fill"] for p in page.find("path") if p.get("data-href")}
    assert fills == {NO_EVIDENCE}
    assert "Geen bewijs van schaalvoordelen" in page.plain


def test_potential_map_has_savings_and_no_savings(client: TestClient) -> None:
    # The scale curve of the cost model (mode 'fitted', an exploration since issue 12).
    body = client.get("/api/v1/taakvelden/7.3/kansen?modus=fitted").json()
    assert body["schaal"]["oordeel"] == "schaalvoordelen"
    assert body["schaal"]["elasticiteitHoog"] < 0
    page = Page(client.get("/?taakveld=7.3&modus=fitted").text)
    fills = [p["fill"] for p in page.find("path") if p.get("data-href")]
    assert len(fills) == 342 and len(set(fills)) >= 3
    positive = sum(1 for g in body["gemeenten"] if (g["nettoKeur"] or 0) > 0)
    assert 0 < positive < 342


def test_bad_engine_parameters_are_400(client: TestClient) -> None:
    for params, name in (({"modus": "gok"}, "modus"), ({"vorm": "fusie"}, "vorm")):
        response = client.get("/api/v1/taakvelden/7.3/kansen", params=params)
        assert response.status_code == 400
        assert [p["name"] for p in response.json()["invalidParams"]] == [name]
        page = client.get("/", params=params)
        assert page.status_code == 400 and name in Page(page.text).plain


def test_taakveld_without_a_fitted_model_says_so(client: TestClient) -> None:
    body = client.get("/api/v1/taakvelden/0.63/kansen").json()  # too few gemeenten to fit
    assert body["schaal"]["oordeel"] is None and body["schaal"]["waarnemingen"] == 0
    assert "niet geschat" in Page(client.get("/?taakveld=0.63&modus=fitted").text).plain
