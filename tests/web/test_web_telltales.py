"""Every page in one language only: rendered in English a page holds none of a short list of
Dutch tell-tale words, and rendered in Dutch none of the English ones (issue 16).

The pages (home, a gemeente, its legal duties, a region, "Hoe zeker", accessibility, the API
page, the register list) are rendered for three gemeenten of different size (Gouda, Vaals,
Amsterdam) and the API's problem responses for a missing resource and an invalid parameter.
Only the visible text counts: tags, attributes, scripts and styles are dropped first, and
proper names (places, sources such as "CBS Kerncijfers") are not tell-tales.
"""

from __future__ import annotations

import html
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    # Its own cookie jar: a page asked with ?lang=en remembers English in a cookie, which
    # must not leak into the session-wide client other tests share.
    return TestClient(app)


GEMEENTEN = ("GM0513", "GM0981", "GM0363")  # Gouda, Vaals, Amsterdam

DUTCH_TELLTALES = ("gemeenten met", "Bron:", "mediaan", "besparing", "geen bewijs", "inwoners")
ENGLISH_TELLTALES = ("Comparison", "Source:", "Input should be", "savings", "no evidence")
#: Our own words in the savings engine's sources and unit prices, which the pages show in the
#: page language (the citations inside them stay as written): the wrappers around each source,
#: the notes from ``savings/*.csv`` and the unit names from ``eenheden.csv``.
SAVINGS_SOURCES = (
    "aanname Regiokompas",
    "vervang door",
    "lasten per taakveld",
    "Discontovoet:",
    "tenzij anders",
    "Vorm bedrijfsvoeringsorganisatie",
    "speelplek",
    "jongerenwerker",
    "kunstgras",
    # The cooperation forms of the settings (vormen.csv).
    "Uitbesteding aan een derde",
    "Convenant / bestuursovereenkomst",
    # The duties engine: status, register check and the FTE caveat.
    "in werking sinds",
    "Indicatief:",
    "niet gevonden",
    "Gecontroleerd via",
    "kiest de gemeente",
    # The descriptions of the policy tasks to add on the duties page (doelen.csv).
    "politieke taak",
    "met eigen vakkennis",
    # The 4K scores' marker (duties.FILLED_BY).
    "ingevuld door",
)
#: English running text says "municipalities" and "policy task(s)", as the CLI does; the Dutch
#: word may follow in parentheses ("Policy task (taakveld)") or stand in a web address or a
#: Dutch quotation, but not alone ("Comparable gemeenten", "per taakveld").
DUTCH_TERM = re.compile(r"(?<![(\w.])(gemeenten|gemeente|taakvelden|taakveld)(?![)\w.])")


def dutch_terms(text: str) -> list[str]:
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in DUTCH_TERM.finditer(text)]


def _pages() -> list[str]:
    pages = ["/", "/regios", "/regios/VR16", "/hoe-zeker", "/toegankelijkheid", "/api"]
    pages += ["/register?gemeente=Gouda"]
    for code in GEMEENTEN:
        pages += [f"/gemeenten/{code}", f"/gemeenten/{code}/plichten"]
    return pages


def visible_text(page: str) -> str:
    """The text a reader sees: no scripts, styles, tags or attribute values."""
    page = re.sub(r"(?is)<(script|style|code)\b.*?</\1>", " ", page)  # code: API paths
    page = re.sub(r"(?s)<[^>]*>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def telltales(text: str, words: tuple[str, ...]) -> list[str]:
    found = []
    for word in words:
        for match in re.finditer(re.escape(word), text, flags=re.IGNORECASE):
            found.append(text[max(0, match.start() - 60) : match.end() + 60])
    return found


def test_the_term_check_sees_a_dutch_term() -> None:
    text = "Comparable gemeenten; per taakveld; Policy task (taakveld); see gemeenten.movisie.nl"
    assert [m.start() for m in DUTCH_TERM.finditer(text)] == [11, 26]
    assert len(dutch_terms(text)) == 2


def test_the_check_sees_a_telltale() -> None:
    # The tests below pass vacuously if the check found nothing: prove it finds one.
    page = '<p title="Bron: x">De mediaan van <b>gemeenten met</b> 50.000 inwoners</p>'
    assert len(telltales(visible_text(page), DUTCH_TELLTALES)) == 3
    assert telltales(visible_text("<script>var savings</script>"), ENGLISH_TELLTALES) == []


@pytest.mark.parametrize("path", _pages())
def test_english_pages_have_no_dutch_telltales(client: TestClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}lang=en")
    assert response.status_code == 200, response.text[:300]
    assert '<html lang="en">' in response.text
    text = visible_text(response.text)
    assert telltales(text, DUTCH_TELLTALES + SAVINGS_SOURCES) == []
    # The Dutch quotation of Movisie on the duties page ('uw gemeente beslist zelf ...') is a
    # citation and stays as written.
    assert [t for t in dutch_terms(text) if "uw gemeente beslist" not in t] == []


@pytest.mark.parametrize("path", _pages())
def test_dutch_pages_have_no_english_telltales(client: TestClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}lang=nl")
    assert response.status_code == 200, response.text[:300]
    assert telltales(visible_text(response.text), ENGLISH_TELLTALES) == []


PROBLEMS = (
    "/api/v1/gemeenten/GM9999",
    "/api/v1/gemeenten/GM0513/kansen?groepsgrootte=veel",
    "/api/v1/gemeenten/GM0513/lasten?document=kasboek",
)


def _problem_text(body: dict[str, object]) -> str:
    """What a problem tells a person: title, detail and the reason per parameter."""
    reasons = [str(p["reason"]) for p in body.get("invalidParams", [])]  # type: ignore[attr-defined]
    return " ".join([str(body["title"]), str(body.get("detail", "")), *reasons])


@pytest.mark.parametrize("path", PROBLEMS)
def test_api_problems_follow_the_asked_language(client: TestClient, path: str) -> None:
    english = client.get(path, headers={"Accept-Language": "en"})
    assert english.status_code in (400, 404)
    assert english.headers["content-type"].startswith("application/problem+json")
    english_text = _problem_text(english.json())
    assert telltales(english_text, DUTCH_TELLTALES + ("ongeldig", "niet gevonden", "vul ")) == []
    assert dutch_terms(english_text) == []
    by_query = client.get(f"{path}{'&' if '?' in path else '?'}lang=en")
    assert _problem_text(by_query.json()) == english_text
    dutch = _problem_text(client.get(path).json())
    assert telltales(dutch, ENGLISH_TELLTALES + ("invalid", "not found", "enter ")) == []
