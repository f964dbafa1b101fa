"""The register pages in headless Chromium: log in through the form, edit an arrangement,
and axe-core finds no WCAG 2.1 A/AA violations on each page (list with congruence, detail
with audit trail, edit form with an error summary, import, login).

In CI (REGIOKOMPAS_CI_STRICT=1) a missing browser fails; locally the test skips with the
reason. axe-core is the copy vendored in ``tests/web/assets``.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from store_helpers import BEHEERDER

from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, Regeling
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web import create_app
from regiokompas.web._register_auth import close_registers

AXE = Path(__file__).resolve().parents[1] / "web" / "assets" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "een heel lang wachtwoord"


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("REGIOKOMPAS_CI_STRICT") == "1":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", reg
    server.should_exit = True
    thread.join(timeout=10)
    close_registers()
    reg.engine.dispose()


@pytest.fixture
def browser() -> Iterator[Any]:
    chromium = os.environ.get("REGIOKOMPAS_CHROMIUM") or shutil.which("chromium") or ""
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    _need(bool(chromium) and Path(chromium).is_file(), f"chromium not found ({chromium!r})")
    _need(Path(driver_path).is_file(), f"chromedriver not found ({driver_path!r})")
    _need(AXE.is_file(), f"axe-core not found at {AXE}")
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rk-register-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--lang=nl-NL",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _axe(browser: Any) -> dict[str, Any]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})), passes: r.passes.length}))"
        ".catch(e => done({error: String(e)}));",
        WCAG_TAGS,
    )
    return result


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
        result = _axe(browser)
        assert "error" not in result, result
        assert result["violations"] == [], (path, result["violations"])
        assert result["passes"] > 10
    # The form with an error summary (an impossible date) is accessible too.
    browser.get(f"{base}/register/regelingen/{ident}/bewerken")
    browser.execute_script("document.getElementById('startdatum').type = 'text'")
    browser.find_element(By.ID, "startdatum").send_keys("2020-02-30")
    _submit(browser)
    assert "niet opgeslagen" in browser.find_element(By.ID, "fouten").text
    result = _axe(browser)
    assert result["violations"] == [], result["violations"]
    browser.get(base + "/register/inloggen")
    assert _axe(browser)["violations"] == []
