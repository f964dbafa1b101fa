"""The web's texts come from the ``web`` gettext catalogue: templates, code, problems,
validation errors and chart number marks follow the page's (or API answer's) language."""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from regiokompas.web.shared.i18n import LABELS, gettext, ngettext, value_label
from regiokompas.web.shared.validation import MESSAGES, reason


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    # Its own cookie jar: a page asked with ?lang=en remembers English in a cookie, which
    # must not leak into the session-wide client other tests share.
    return TestClient(app)


def test_dutch_is_the_message_id_and_english_the_translation() -> None:
    assert gettext("Zoeken", "nl") == "Zoeken"
    assert gettext("Zoeken", "en") == "Search"
    # Placeholders stay {name} and are filled after translation.
    assert gettext("De gemeenten van {regio}", "en", regio="Utrecht") == (
        "The municipalities of Utrecht"
    )
    assert ngettext("{n} gemeente", "{n} gemeenten", 1, "nl") == "1 gemeente"
    assert ngettext("{n} gemeente", "{n} gemeenten", 3, "nl") == "3 gemeenten"


def test_every_run_time_label_has_english() -> None:
    for kind, values in LABELS.items():
        for value, dutch in values.items():
            english = value_label(kind, value, "en")
            assert value_label(kind, value, "nl") == dutch
            assert english and english != dutch or dutch in {"Nucleolus"}, (kind, value)
    assert value_label("methode", "onbekend", "en") == "onbekend"  # a new value still shows


def test_validation_reasons_by_error_type() -> None:
    # Hand-written expectations per pydantic error type and its ctx.
    assert reason({"type": "int_parsing"}, "nl") == "Vul een geheel getal in."
    assert reason({"type": "int_parsing"}, "en") == "Enter a whole number."
    assert reason({"type": "less_than_equal", "ctx": {"le": 8}}, "nl") == (
        "Vul een getal van hoogstens 8 in."
    )
    assert reason({"type": "greater_than_equal", "ctx": {"ge": 0.5}}, "nl") == (
        "Vul een getal van minstens 0,5 in."
    )
    assert reason({"type": "no_such_type"}, "nl") == "Deze waarde is ongeldig."
    for error_type, dutch in MESSAGES.items():
        english = reason({"type": error_type, "ctx": {}}, "en")
        assert english != dutch or english == "Deze waarde is ongeldig.", error_type


def test_validation_errors_on_pages_and_api_are_in_the_asked_language(client: TestClient) -> None:
    page = client.get("/gemeenten/GM0513?groepsgrootte=veel&lang=nl")
    assert page.status_code == 400
    assert "Vul een geheel getal in." in page.text and "Input should be" not in page.text
    english = client.get("/gemeenten/GM0513?groepsgrootte=veel&lang=en")
    assert "Enter a whole number." in english.text
    api = client.get("/api/v1/gemeenten/GM0513/kansen?groepsgrootte=veel").json()
    assert api["title"] == "Ongeldige invoer"
    assert api["invalidParams"] == [{"name": "groepsgrootte", "reason": "Vul een geheel getal in."}]
    api_en = client.get("/api/v1/gemeenten/GM0513/kansen?groepsgrootte=veel&lang=en").json()
    assert api_en["title"] == "Invalid input"
    assert api_en["invalidParams"][0]["reason"] == "Enter a whole number."


def _chart(page: str, element_id: str) -> dict[str, object]:
    match = re.search(rf'<script[^>]*id="{element_id}"[^>]*>(.*?)</script>', page, re.S)
    assert match, element_id
    return dict(json.loads(match.group(1).replace("<\\/", "</")))


def test_charts_use_the_page_languages_decimal_mark(client: TestClient) -> None:
    dutch = client.get("/gemeenten/GM0513?lang=nl").text
    english = client.get("/gemeenten/GM0513?lang=en").text
    ids = re.findall(r'<script type="application/json" id="([^"]+)"', dutch)
    assert ids
    for element_id in ids:
        assert _chart(dutch, element_id)["layout"]["separators"] == ",."  # type: ignore[index]
        assert _chart(english, element_id)["layout"]["separators"] == ".,"  # type: ignore[index]
