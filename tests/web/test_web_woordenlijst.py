"""The glossary page /woordenlijst and the term links on the other pages: the page shows every
term in both languages with its anchor, and every term link on a page points at an anchor
that exists there, with the definition as its accessible description."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from jinja2 import Environment
from web_helpers import Page

from regiokompas.glossary import load_glossary
from regiokompas.web.shared import termen
from regiokompas.web.shared.templating import templates

_LINK = re.compile(
    r'<a class="term" href="(/woordenlijst(\?lang=en)?#([a-z0-9-]+))"([^>]*)>(.*?)</a>'
)

#: Pages and the terms each must link (the words issue 16 found unexplained there).
PAGES = {
    "/gemeenten/GM0513": {"p10-p50-p90", "contante-waarde", "autonomieverlies", "taakveld"},
    "/gemeenten/GM0363": {"p10-p50-p90", "band", "congruentie", "hoofdtaakveld"},
    "/regios/VR16?lid=GM0513&lid=GM0627&lid=GM1901&modus=literature": {
        "shapley-waarde",
        "nucleolus",
        "kern",
        "kleinste-kern",
        "bovengrens-kloof",
        "stabiliteit",
    },
    "/?taakveld=7.3": {"elasticiteit", "p10-p50-p90", "schaalgrens"},
    "/gemeenten/GM0513/plichten": {"plicht", "kwetsbaarheid", "vier-k"},
    "/hoe-zeker": {"p10-p50-p90", "band"},
}


def _page(client: TestClient, url: str, lang: str) -> str:
    sep = "&" if "?" in url else "?"
    response = client.get(f"{url}{sep}lang={lang}")
    assert response.status_code == 200, url
    return response.text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_glossary_page_shows_every_term_with_its_anchor(client: TestClient, lang: str) -> None:
    text = _page(client, "/woordenlijst", lang)
    page = Page(text)
    glossary = load_glossary()
    anchors = {a["id"] for a in page.find("dt") if "id" in a}
    assert anchors == {t.id for t in glossary.terms}
    plain = page.plain
    other = "nl" if lang == "en" else "en"
    for t in glossary.terms:
        assert " ".join(t.label(lang).split()) in plain, t.id
        assert " ".join(t.definition(lang).split()) in plain, t.id
        assert " ".join(t.label(other).split()) in plain, t.id  # the translation beside it
    assert f'<html lang="{lang}">' in text
    assert page.find("h1") and ("Glossary" if lang == "en" else "Woordenlijst") in plain
    # Sources with an address are links to it.
    hrefs = {a.get("href") for a in page.find("a")}
    assert {t.link for t in glossary.terms if t.link} <= hrefs


def test_glossary_page_is_alphabetical_in_the_page_language(client: TestClient) -> None:
    for lang in ("nl", "en"):
        text = _page(client, "/woordenlijst", lang)
        ids = re.findall(r'<dt id="([a-z0-9-]+)">', text)
        glossary = load_glossary()
        labels = [glossary.find(i).label(lang).casefold() for i in ids]
        assert labels == sorted(labels)


def test_glossary_is_in_the_main_menu(client: TestClient) -> None:
    for lang, label in (("nl", "Woordenlijst"), ("en", "Glossary")):
        text = _page(client, "/", lang)
        assert re.search(rf'<a href="/woordenlijst"[^>]*>{label}</a>', text)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("url", sorted(PAGES))
def test_term_links_point_at_existing_anchors(client: TestClient, url: str, lang: str) -> None:
    text = _page(client, url, lang)
    glossary_page = _page(client, "/woordenlijst", lang)
    links = _LINK.findall(text)
    linked = {tid for _href, _q, tid, _attrs, _label in links}
    assert PAGES[url] <= linked, f"{url}: not linked: {PAGES[url] - linked}"
    for href, query, tid, attrs, label in links:
        assert (query == "?lang=en") == (lang == "en"), href
        assert f'<dt id="{tid}">' in glossary_page, href
        term = load_glossary().find(tid)
        # An accessible name (the visible word) and the definition as its description.
        name = re.sub(r"<[^>]+>", "", label).strip()
        assert name, href
        description = attrs if 'title="' in attrs else label
        assert term.definition(lang) in html.unescape(description), href


def test_term_helper_renders_abbreviations_and_refuses_unknown_terms() -> None:
    env: Environment = templates.env
    assert env.globals["term"] is termen.term and env.globals["begrippen"] is termen.begrippen
    out = env.from_string("{{ term('P90') }}|{{ term('nucleolus', 'Nucleolus') }}").render(
        lang="en"
    )
    p90, nucleolus = out.split("|")
    assert p90.startswith('<a class="term" href="/woordenlijst?lang=en#p10-p50-p90"><abbr title=')
    assert p90.endswith(">P10, P50, P90 (percentiles)</abbr></a>")
    assert nucleolus.endswith(">Nucleolus</a>") and "#nucleolus" in nucleolus
    assert "<script>" not in env.from_string("{{ term('kern', '<script>') }}").render(lang="nl")
    with pytest.raises(KeyError, match="no glossary term"):
        env.from_string("{{ term('flux capacitor') }}").render(lang="nl")
    line = env.from_string("{{ begrippen('kern', 'nucleolus') }}").render(lang="nl")
    assert line.startswith('<p class="begrippen hint">Begrippen in de woordenlijst: ')
    assert line.count('class="term"') == 2
