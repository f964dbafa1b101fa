"""'Wat moet' in the web app: the page, the API resource and the 4K round trip to the chapter."""

from __future__ import annotations

import csv
import re
from html import unescape
from importlib.resources import files

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
    # The duty table's column and the register's source line, once left in Dutch.
    assert ">Taakvelden<" not in en.text and "zoals nu ingevuld" not in en.text
    nl = client.get("/gemeenten/GM0513/plichten", params={"lang": "nl"})
    assert "Samenwerking die de wet voorschrijft" in nl.text


def _extra_options(page: str) -> dict[str, str]:
    """The 'add a policy task' drop-down: value -> visible label."""
    select = re.search(r'<select id="extra".*?</select>', page, flags=re.S)
    assert select is not None
    options = re.findall(r'<option value="([^"]+)">([^<]*)</option>', select.group(0))
    return {value: unescape(label) for value, label in options}


def _doelen() -> dict[str, str]:
    """taakveld -> Dutch description of the tasks in the shipped doelen.csv, read directly."""
    text = files("regiokompas.duties").joinpath("data/doelen.csv").read_text("utf-8")
    return {r["taakveld"]: r["toelichting"] for r in csv.DictReader(text.splitlines()) if r["doel"]}


def test_extra_task_options_follow_the_language(client: TestClient) -> None:
    # The descriptions come from doelen.csv: in Dutch exactly as written there, in English
    # none of them is left in Dutch (tell-tale of the old page: "0.1 Bestuur: politieke taak
    # van elke gemeente" on the English page).
    doelen = _doelen()
    assert len(doelen) == 49  # 53 rows, four of them not a task (0.5, 0.7, 0.8, 0.9)
    nl = _extra_options(client.get("/gemeenten/GM0513/plichten", params={"lang": "nl"}).text)
    assert nl == {t: f"{t} {toelichting}" for t, toelichting in doelen.items()}
    en = _extra_options(client.get("/gemeenten/GM0513/plichten", params={"lang": "en"}).text)
    client.get("/gemeenten/GM0513/plichten", params={"lang": "nl"})  # the cookie back to Dutch
    assert en.keys() == doelen.keys()
    assert [t for t, toelichting in doelen.items() if toelichting in en[t]] == []
    assert en["0.1"] == "0.1 Governance: a political task of every municipality"
    assert en["7.3"] == "7.3 Waste"
    assert en["6.6"] == "6.6 Tailored provisions under the Wmo (Social Support Act)"
