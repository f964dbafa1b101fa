"""The 'hoe zeker zijn we' page shows the back-test rows and what they mean."""

from __future__ import annotations

from fastapi.testclient import TestClient

from regiokompas.savings.backtest import backtest
from regiokompas.web.app import create_app


def test_page_shows_the_back_test(ds):
    client = TestClient(create_app())
    page = client.get("/hoe-zeker")
    assert page.status_code == 200
    html = page.text
    bt = backtest(ds)
    for r in bt.rows:
        assert r.naam in html
    inside = sum(r.binnen for r in bt.rows)
    assert f"{inside} van de {len(bt.rows)} fusies" in html
    assert "Bron" in html and "CBS Iv3" in html
    assert 'href="/hoe-zeker"' in html  # in the menu
    english = client.get("/hoe-zeker?lang=en").text
    assert f"{inside} of {len(bt.rows)} mergers" in english
