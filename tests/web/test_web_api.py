"""The JSON API: resources checked against the raw bundle files, NLGov headers and errors."""

from __future__ import annotations

from collections import defaultdict

import pytest
from fastapi.testclient import TestClient
from web_helpers import read_csv

PROBLEM = "application/problem+json"


def test_gemeente_profile_matches_raw_files(client: TestClient) -> None:
    row = next(r for r in read_csv("gemeenten.csv") if r["gm_code"] == "GM0513")
    response = client.get("/api/v1/gemeenten/GM0513")
    assert response.status_code == 200
    assert response.headers["api-version"] == "1.0.0"
    body = response.json()
    assert body["naam"] == "Gouda" == row["naam"]
    assert body["inwoners"]["waarde"] == int(row["inwoners_2023"])
    assert body["inwoners"]["jaar"] == 2023 and "CBS" in body["inwoners"]["bron"]
    regions = {r["regio_code"] for r in read_csv("regio.csv") if r["gm_code"] == "GM0513"}
    assert {r["code"] for r in body["regios"]} == regions
    assert "CC BY 4.0" in body["attributie"]


def test_buren_are_the_pairs_in_buren_csv(client: TestClient) -> None:
    expected = {}
    for r in read_csv("buren.csv"):
        if "GM0363" in (r["gm_code_a"], r["gm_code_b"]):
            other = r["gm_code_b"] if r["gm_code_a"] == "GM0363" else r["gm_code_a"]
            expected[other] = (r["soort"], float(r["grens_km"]))
    body = client.get("/api/v1/gemeenten/GM0363/buren").json()
    got = {b["code"]: (b["soort"], b["grensKm"]) for b in body["buren"]}
    assert got == expected
    assert len(got) >= 5


def test_lasten_per_inwoner_against_totalen_csv(client: TestClient) -> None:
    rows = [r for r in read_csv("iv3_totalen.csv") if r["document"] == "jaarrekening"]
    year = max(int(r["jaar"]) for r in rows)
    own = next(r for r in rows if r["gm_code"] == "GM0513" and int(r["jaar"]) == year)
    body = client.get("/api/v1/gemeenten/GM0513/lasten").json()
    assert body["jaar"] == year and body["document"] == "jaarrekening"
    for rij in body["rijen"]:
        k = rij["hoofdtaakveld"]
        expected = float(own[f"lasten_hoofdtaakveld_{k}"]) / float(own["inwoners"]) * 1000
        assert rij["eurPerInwoner"] == pytest.approx(expected, rel=1e-9)


def test_taakveld_map_values_against_lasten_csv(client: TestClient) -> None:
    totals = [r for r in read_csv("iv3_totalen.csv") if r["document"] == "jaarrekening"]
    year = max(int(r["jaar"]) for r in totals)
    people = {r["gm_code"]: float(r["inwoners"]) for r in totals if int(r["jaar"]) == year}
    lasten = {
        r["gm_code"]: float(r["lasten_keur"])
        for r in read_csv("iv3_lasten.csv.gz")
        if r["jaar"] == str(year) and r["document"] == "jaarrekening" and r["taakveld"] == "7.3"
    }
    body = client.get("/api/v1/taakvelden/7.3/lasten").json()
    assert body["jaar"] == year and len(body["gemeenten"]) == 342
    checked = 0
    for g in body["gemeenten"]:
        if g["code"] in lasten:
            assert g["lastenKeur"] == lasten[g["code"]]
            assert g["eurPerInwoner"] == pytest.approx(lasten[g["code"]] * 1000 / people[g["code"]])
            checked += 1
        else:
            assert g["lastenKeur"] is None and g["eurPerInwoner"] is None
    assert checked > 300


def test_regio_members_match_regio_csv(client: TestClient) -> None:
    members = defaultdict(set)
    for r in read_csv("regio.csv"):
        members[r["regio_code"]].add(r["gm_code"])
    body = client.get("/api/v1/regios/VR16").json()
    assert {g["code"] for g in body["gemeenten"]} == members["VR16"]
    listing = client.get("/api/v1/regios", params={"regiotype": "veiligheidsregio"}).json()
    vr_codes = {
        r["regio_code"] for r in read_csv("regio.csv") if r["regiotype"] == "veiligheidsregio"
    }
    assert {r["code"] for r in listing["regios"]} == vr_codes
    assert sum(r["aantalGemeenten"] for r in listing["regios"]) == sum(
        len(members[c]) for c in vr_codes
    )


def test_gemeenten_filter_and_taakvelden(client: TestClient) -> None:
    body = client.get("/api/v1/gemeenten", params={"provincie": "Utrecht"}).json()
    raw = {r["gm_code"] for r in read_csv("gemeenten.csv") if r["provincie"] == "Utrecht"}
    assert {g["code"] for g in body["gemeenten"]} == raw and body["aantal"] == len(raw)
    assert [g["naam"] for g in client.get("/api/v1/gemeenten?naam=goud").json()["gemeenten"]] == [
        "Gouda"
    ]
    taakvelden = client.get("/api/v1/taakvelden").json()["taakvelden"]
    assert len(taakvelden) == len(read_csv("taakvelden.csv"))
    assert client.get("/api/v1/taakvelden/7.3").json()["omschrijving"] == "Afval"


def test_unknown_gemeente_is_problem_json_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/v1/gemeenten/gouda")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["api-version"] == "1.0.0"
    body = response.json()
    assert body["status"] == 404 and body["title"] == "Niet gevonden"
    assert body["type"] == "about:blank"
    assert body["instance"] == "/api/v1/gemeenten/gouda"
    assert body["suggesties"] == ["Gouda"]
    english = client.get("/api/v1/gemeenten/GM9999", headers={"Accept-Language": "en"}).json()
    assert english["title"] == "Not found" and "No municipality" in english["detail"]


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/gemeenten/GM0513?document=kasboek", "document"),
        ("/api/v1/gemeenten?provincie=Holland", "provincie"),
        ("/api/v1/regios?regiotype=waterschap", "regiotype"),
        ("/api/v1/taakvelden?jaar=1990", "jaar"),
        ("/api/v1/taakvelden?jaar=twee", "jaar"),
        ("/api/v1/taakvelden/6.21/lasten", "taakveld"),  # 6.21 exists from 2025 on
    ],
)
def test_impossible_parameter_is_400_naming_it(client: TestClient, url: str, param: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert [p["name"] for p in body["invalidParams"]] == [param]
    assert param in body["detail"]


def test_no_trailing_slash_and_no_redirect(client: TestClient) -> None:
    for url in ("/api/v1/gemeenten/", "/api/v1/gemeenten/GM0513/", "/api/v1/"):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 404, url
        assert response.headers["content-type"] == PROBLEM
        assert response.headers["api-version"] == "1.0.0"


def test_method_not_allowed_is_problem_json(client: TestClient) -> None:
    response = client.post("/api/v1/gemeenten")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == 405


def test_api_root_links_the_openapi_document(client: TestClient) -> None:
    response = client.get("/api/v1")
    assert response.status_code == 200 and response.headers["api-version"] == "1.0.0"
    assert client.get(response.json()["openapi"]).json()["openapi"].startswith("3.")


def test_lasten_per_taakveld_against_raw_files(client: TestClient) -> None:
    import statistics

    totals = [r for r in read_csv("iv3_totalen.csv") if r["document"] == "jaarrekening"]
    year = max(int(r["jaar"]) for r in totals)
    people = {r["gm_code"]: float(r["inwoners"]) for r in totals if int(r["jaar"]) == year}
    from peers_helpers import structural_peers

    spend: dict[str, float] = {}
    for r in read_csv("iv3_lasten.csv.gz"):
        if r["jaar"] == str(year) and r["document"] == "jaarrekening" and r["taakveld"] == "7.2":
            spend[r["gm_code"]] = spend.get(r["gm_code"], 0.0) + float(r["lasten_keur"])
    per_capita = {c: spend.get(c, 0.0) * 1000 / p for c, p in people.items() if p > 0}
    peers = [per_capita[c] for c in structural_peers("GM0513")]
    body = client.get("/api/v1/gemeenten/GM0513/lasten").json()
    row = next(r for r in body["perTaakveld"] if r["taakveld"] == "7.2")
    assert row["eurPerInwoner"] == pytest.approx(per_capita["GM0513"])
    assert row["mediaanVergelijkbaar"] == pytest.approx(statistics.median(peers))
    assert len(peers) == body["aantalVergelijkbaar"]
