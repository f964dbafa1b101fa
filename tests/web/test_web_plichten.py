"""'Wat moet' in the web app: the page, the API resource and the 4K round trip to the chapter."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from regiokompas.data import Dataset
from regiokompas.duties import duties_for, kwetsbaarheid
from regiokompas.register import seed_regelingen


def test_gouda_page_names_veiligheidsregio_and_ggd_with_legal_basis(client: TestClient) -> None:
    page = client.get("/gemeenten/Gouda/plichten")
    assert page.status_code == 200
    text = unescape(page.text)
    rows = re.findall(r"<tr>.*?</tr>", text, flags=re.S)
    vr = next(r for r in rows if "Wet veiligheidsregio's, artikel 8 en 9" in r)
    assert "Hollands-Midden (CBS Gebiedsindelingen 2024)" in vr
    ggd = next(r for r in rows if "Wet publieke gezondheid, artikel 14" in r)
    assert "GGD Hollands-Midden (CBS Gebiedsindelingen 2024)" in ggd
    assert "https://wetten.overheid.nl/BWBR0027466" in text


def test_gemeente_page_links_wat_moet(client: TestClient) -> None:
    page = client.get("/gemeenten/GM0513")
    assert 'href="/gemeenten/GM0513/plichten"' in page.text


def test_api_gives_the_same_answer_as_the_core(client: TestClient, ds: Dataset) -> None:
    response = client.get("/api/v1/gemeenten/GM0088/plichten")
    assert response.status_code == 200
    body = response.json()
    core = duties_for(ds, "GM0088", seed_regelingen(ds))
    assert [p["id"] for p in body["plichten"]] == [r.duty.id for r in core.rows]
    vr = body["plichten"][0]
    assert (vr["wet"], vr["artikel"], vr["status"]) == (
        "Wet veiligheidsregio's",
        "artikel 8 en 9",
        "in_werking",
    )
    assert vr["regio"]["naam"] == "Fryslân" and vr["regio"]["jaar"] == 2024
    k = kwetsbaarheid(ds, "GM0088")
    flagged = [t["taakveld"] for t in body["kwetsbaarheid"]["taakvelden"] if t["kwetsbaar"]]
    assert flagged == [r.taakveld for r in k.flagged]
    assert body["kwetsbaarheid"]["kostenPerFte"][0]["bron"]


def test_api_uses_codes_and_problem_json(client: TestClient) -> None:
    response = client.get("/api/v1/gemeenten/Gouda/plichten")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_4k_scores_round_trip_from_page_to_chapter(client: TestClient) -> None:
    page = client.get(
        "/gemeenten/GM0513/plichten",
        params={"score.0.64.kwaliteit": "2", "score.0.64.klant": "4", "score.1.1.sturing": "5"},
    )
    assert page.status_code == 200
    html = unescape(page.text)
    # The page shows the chosen scores as selected values ...
    assert re.search(r'name="score\.0\.64\.kwaliteit">.*?<option value="2" selected>', html, re.S)
    # ... and links the chapter with the same scores.
    link = re.search(r'href="(/gemeenten/GM0513/hoofdstuk\.md\?k4=[^"]+)"', html)
    assert link is not None
    chapter = client.get(link.group(1) + "&modus=literature")
    assert chapter.status_code == 200
    section = chapter.text.split("## Meer dan geld")[1].split("\n## ")[0]
    assert "ingevuld door de gemeente" in section
    lines = section.splitlines()
    row = next(line for line in lines if line.startswith("| 0.64 Belastingen overig"))
    assert row.rstrip(" |").endswith("| 2 | 4 | –")
    row = next(line for line in lines if line.startswith("| 1.1 "))
    assert row.rstrip(" |").endswith("| – | – | 5")


def test_bad_score_is_a_400_naming_the_parameter(client: TestClient) -> None:
    bad = client.get("/gemeenten/GM0513/plichten", params={"score.7.3.kwaliteit": "9"})
    assert bad.status_code == 400 and "k4" in bad.text
    bad = client.get("/gemeenten/GM0513/hoofdstuk.md", params={"k4": "7.3:smaak=3"})
    assert bad.status_code == 400


def test_page_headings_follow_the_language(client: TestClient) -> None:
    en = client.get("/gemeenten/GM0513/plichten", params={"lang": "en"})
    assert "Cooperation the law prescribes" in en.text
    nl = client.get("/gemeenten/GM0513/plichten", params={"lang": "nl"})
    assert "Samenwerking die de wet voorschrijft" in nl.text
