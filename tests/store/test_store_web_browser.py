"""The register pages in headless Chromium: log in through the form, edit an arrangement,
and axe-core finds no WCAG 2.1 A/AA violations on each page (list with congruence, detail
with audit trail, edit form with an error summary, import, login).

In CI (REGIOKOMPAS_CI_STRICT=1) a missing browser fails; locally the test skips with the
reason. axe-core is the copy vendored in ``tests/web/assets``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import BEHEERDER

from browser_helpers import chromium, run_axe, serve
from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, Regeling
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web import create_app
from regiokompas.web.register._auth import close_registers

PASSWORD = "een heel lang wachtwoord"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Register]]:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    reg = Register.open(url, load_dataset())
    reg.aanmaken(
        Regeling(
            "Afval Gouwe",
            "openbaar_lichaam",
            (Deelnemer("GM0513", bijdrage_keur=12.0), Deelnemer("GM0627")),
        ),
        BEHEERDER,
    )
    reg.gebruiker_toevoegen("gouda", PASSWORD, "redacteur", "GM0513", BEHEERDER)
    app = create_app(Settings(database_url=url, sessie_sleutel="browser-test-sleutel"))
    with serve(app) as base:
        yield base, reg
    close_registers()
    reg.engine.dispose()


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def _submit(browser: Any) -> None:
    """Submit the page's form and wait until the browser has loaded the next page.

    ``click()`` returns before a POST (and its redirect) has finished loading, so the next
    lookup could still see the old page. A marker on ``window`` disappears with the old
    document; during the switch Chromium may answer a script with an inspector error, which
    only means "not yet".
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("window.__oudePagina = true;")
    browser.find_element(By.CSS_SELECTOR, "form.formulier button[type=submit]").click()

    def loaded(b: Any) -> bool:
        try:
            return bool(
                b.execute_script(
                    "return window.__oudePagina === undefined"
                    " && document.readyState === 'complete';"
                )
            )
        except WebDriverException:
            return False

    WebDriverWait(browser, 30).until(loaded)


def test_register_pages_in_a_browser(site, browser) -> None:
    from selenium.webdriver.common.by import By

    base, reg = site
    ident = reg.lijst()[0].id
    browser.get(base + "/register/inloggen")
    browser.find_element(By.ID, "gebruikersnaam").send_keys("gouda")
    browser.find_element(By.ID, "wachtwoord").send_keys(PASSWORD)
    _submit(browser)
    assert "Ingelogd als" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(f"{base}/register/regelingen/{ident}/bewerken")
    field = browser.find_element(By.ID, "begroting_keur")
    field.clear()
    field.send_keys("250,5")
    _submit(browser)
    assert browser.current_url.endswith(f"/register/regelingen/{ident}"), browser.current_url
    assert reg.toon(ident).begroting_keur == 250.5
    pages = [
        "/register",
        "/register?gemeente=Gouda",
        f"/register/regelingen/{ident}",
        f"/register/regelingen/{ident}/bewerken",
        "/register/nieuw",
        "/register/importeren",
    ]
    for path in pages:
        browser.get(base + path)
        result = run_axe(browser)
        assert "error" not in result, result
        assert result["violations"] == [], (path, result["violations"])
        assert result["passes"] > 10
    # The form with an error summary (an impossible date) is accessible too.
    browser.get(f"{base}/register/regelingen/{ident}/bewerken")
    browser.execute_script("document.getElementById('startdatum').type = 'text'")
    browser.find_element(By.ID, "startdatum").send_keys("2020-02-30")
    _submit(browser)
    assert "niet opgeslagen" in browser.find_element(By.ID, "fouten").text
    result = run_axe(browser)
    assert result["violations"] == [], result["violations"]
    browser.get(base + "/register/inloggen")
    assert run_axe(browser)["violations"] == []
