"""The HTML pages through TestClient: content against the raw files, friendly errors,
language, and the structural accessibility rules a static check can verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import Page, read_csv

from regiokompas.web.app import plotly_js_path

PAGES = [
    "/",
    "/gemeenten/GM0513",
    "/gemeenten/GM0513/plichten",
    "/regios",
    "/regios/VR16",
    "/toegankelijkheid",
    "/api",
]


def test_search_redirects_to_the_gemeente(client: TestClient) -> None:
    for query in ("Gouda", "gouda ", "GM0513", "513"):
        response = client.get("/zoek", params={"q": query}, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/gemeenten/GM0513"
    response = client.get("/zoek", params={"q": "den bosch"}, follow_redirects=False)
    assert response.headers["location"] == "/gemeenten/GM0796"


def test_ambiguous_name_offers_the_choice(client: TestClient) -> None:
    response = client.get("/zoek", params={"q": "Bergen"})
    assert response.status_code == 200
    page = Page(response.text)
    links = {a["href"] for a in page.find("a")}
    assert {"/gemeenten/GM0893", "/gemeenten/GM0373"} <= links


def test_unknown_gemeente_is_a_friendly_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/gemeenten/Goudaa")
    assert response.status_code == 404
    page = Page(response.text)
    assert "Geen gemeente gevonden voor 'Goudaa'" in page.plain
    assert {"href": "/zoek?q=Gouda"} in [{"href": a.get("href")} for a in page.find("a")]
    assert page.find("input", name="q")  # and a search form to try again
    assert client.get("/zoek", params={"q": "Xyzzyville"}).status_code == 404
    assert client.get("/bestaat-niet").status_code == 404


def test_impossible_page_parameter_is_400_naming_it(client: TestClient) -> None:
    response = client.get("/gemeenten/GM0513", params={"regiotype": "waterschap"})
    assert response.status_code == 400
    assert "regiotype" in Page(response.text).plain
    response = client.get("/gemeenten/GM0513", params={"document": "kasboek"})
    assert response.status_code == 400 and "document" in Page(response.text).plain
    response = client.get("/", params={"taakveld": "99.9"})
    assert response.status_code == 404 and "99.9" in Page(response.text).plain
    response = client.get("/zoek", params={"q": " "})
    assert response.status_code == 400 and "'q'" in Page(response.text).plain


def test_name_in_url_redirects_to_code_and_trailing_slash_to_canonical(client: TestClient) -> None:
    response = client.get("/gemeenten/gouda?regiotype=res", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/gemeenten/GM0513?regiotype=res"
    response = client.get("/gemeenten/GM0513/", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/gemeenten/GM0513"
    # "/%2F%2Fexample.org/" decodes to "///example.org/": never redirect to "//example.org".
    response = client.get("/%2F%2Fexample.org/", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/example.org"


def test_gemeente_page_shows_profile_from_raw_files(client: TestClient) -> None:
    page = Page(client.get("/gemeenten/GM0513").text)
    row = next(r for r in read_csv("gemeenten.csv") if r["gm_code"] == "GM0513")
    inhabitants = f"{int(row['inwoners_2023']):,}".replace(",", ".")
    assert inhabitants in page.plain
    neighbours = set()
    for r in read_csv("buren.csv"):
        if "GM0513" in (r["gm_code_a"], r["gm_code_b"]):
            neighbours.add(r["gm_code_b"] if r["gm_code_a"] == "GM0513" else r["gm_code_a"])
    links = {a["href"] for a in page.find("a")}
    assert {f"/gemeenten/{c}" for c in neighbours} <= links
    # The map draws the gemeente and its neighbours, each with a tooltip title.
    paths = page.find("path")
    assert len(
        [p for p in paths if p.get("data-href") in {f"/gemeenten/{c}" for c in neighbours}]
    ) == len(neighbours)
    assert "CBS Iv3 jaarrekening" in page.plain


def test_gemeente_page_controls_change_the_content(client: TestClient) -> None:
    jaarrekening = Page(client.get("/gemeenten/GM0513").text).plain
    begroting = Page(client.get("/gemeenten/GM0513?document=begroting").text).plain
    assert "CBS Iv3 begroting" in begroting and "CBS Iv3 begroting" not in jaarrekening
    ggd = client.get("/gemeenten/GM0513?regiotype=ggd").text
    provincie = client.get("/gemeenten/GM0513?regiotype=provincie").text
    assert "GGD Hollands-Midden" in ggd
    assert Page(provincie).find("option", value="provincie", selected="")


def test_home_map_has_every_gemeente_and_a_table(client: TestClient) -> None:
    page = Page(client.get("/?taakveld=7.2").text)
    svg_paths = [p for p in page.find("path") if p.get("data-href")]
    assert len(svg_paths) == 342
    rows = [a for a in page.find("a") if a.get("href", "").startswith("/gemeenten/GM")]
    assert len(rows) == 342
    assert "7.2 Riolering" in page.plain and "CBS Iv3 jaarrekening" in page.plain
    assert page.find("option", value="7.2", selected="")


def test_english_on_request_and_remembered(client: TestClient) -> None:
    response = client.get("/gemeenten/GM0513?lang=en")
    assert '<html lang="en">' in response.text and "Key figures" in response.text
    assert response.cookies.get("taal") == "en"
    fresh = TestClient(client.app)
    fresh.cookies.set("taal", "en")
    assert "Key figures" in fresh.get("/gemeenten/GM0513").text
    assert '<html lang="nl">' in client.get("/gemeenten/GM0513?lang=nl").text


@pytest.mark.parametrize("url", PAGES)
def test_page_structure_for_accessibility(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.find("html", lang="nl")
    assert len(page.find("h1")) == 1
    assert page.find("main", id="inhoud") and page.find("a", href="#inhoud")
    assert page.find("nav") and page.find("header") and page.find("footer")
    for tag in ("input", "select"):
        for control in page.find(tag):
            if control.get("type") in ("hidden", "submit"):
                continue
            assert control.get("id") in page.label_for, (url, control)
    for th in page.find("th"):
        assert th.get("scope") in ("col", "row"), (url, th)
    assert "CC BY 4.0" in page.plain  # attribution in the footer


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_nothing_from_elsewhere(client: TestClient, url: str) -> None:
    response = client.get(url)
    page = Page(response.text)
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find(tag):
            if attr in element:
                assert element[attr].startswith("/") and not element[attr].startswith("//")
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_plotly_is_served_from_the_python_package(client: TestClient, app: object) -> None:
    page = Page(client.get("/gemeenten/GM0513").text)
    src = next(s["src"] for s in page.find("script") if "plotly" in s.get("src", ""))
    response = client.get(src)
    assert response.status_code == 200
    assert response.content == Path(plotly_js_path()).read_bytes()
    assert "immutable" in response.headers["cache-control"]


def test_unexpected_error_is_a_friendly_500_page(app) -> None:
    from fastapi import APIRouter

    from regiokompas.web import create_app

    broken = create_app()
    router = APIRouter()

    @router.get("/kapot")
    def kapot() -> None:
        raise RuntimeError("boom")

    broken.include_router(router)
    broken.state.api.include_router(router)
    client = TestClient(broken, raise_server_exceptions=False)
    response = client.get("/kapot")
    assert response.status_code == 500
    assert "Er ging aan onze kant iets mis" in Page(response.text).plain
    assert "boom" not in response.text
    api = client.get("/api/v1/kapot")
    assert api.status_code == 500
    assert api.headers["content-type"] == "application/problem+json"
    assert api.headers["api-version"] == "1.0.0"
    assert api.json()["status"] == 500 and "boom" not in api.text
