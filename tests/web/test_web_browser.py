"""End-to-end in a real headless Chromium (Debian's chromium + chromium-driver, driven by
Selenium): search a gemeente, change a control, see the table change; axe-core on every page.

In CI (``REGIOKOMPAS_CI_STRICT=1``) a missing browser is a failure; locally these tests skip
with the reason. Screenshots go to ``REGIOKOMPAS_SCREENSHOTS`` or a pytest temporary folder.
axe-core (MPL-2.0, Deque Systems) is vendored as ``tests/web/assets/axe.min.js``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from browser_helpers import chromium, run_axe, serve

pytestmark = pytest.mark.slow  # a real browser: about half a minute for the file

PAGES = [
    "/",
    "/?taakveld=0.2&weergave=kansen",
    "/?taakveld=7.2&weergave=lasten",
    "/gemeenten/GM0513",
    "/gemeenten/GM0363?lang=en",
    "/gemeenten/GM0513/plichten?score.0.64.kwaliteit=2",
    "/regios",
    "/regios/VR16",
    "/regios/VR16?lid=GM0513&lid=GM0627&lid=GM1901&modus=literature#verdeling",
    "/toegankelijkheid",
    "/api",
    "/gemeenten/Goudaa",  # the friendly 404 page
    "/zoek?q=Bergen",  # the choice between two gemeenten
]


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in a background thread."""
    # The app needs no lifespan events; the cache warm-up is started by `regiokompas web` only.
    with serve(app, lifespan="off") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(console_log=True) as driver:
        yield driver


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("REGIOKOMPAS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _shot(driver: Any, path: Path) -> None:
    """A full-page screenshot (Chromium DevTools), not only the viewport."""
    import base64

    size = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    data = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 6000), "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(data["data"]))


def _wait(driver: Any, condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _errors_in_console(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _table_text(driver: Any, table_id: str) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.ID, table_id).text)


def test_search_then_change_a_control(browser: Any, base_url: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(base_url + "/")
    _shot(browser, shots / "01-home.png")
    search = browser.find_element(By.ID, "q")
    search.send_keys("gouda")
    search.submit()
    _wait(browser, lambda d: d.current_url.endswith("/gemeenten/GM0513"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Gouda")
    # The chart is drawn by the Plotly the app serves (the CSP would block any other source).
    _wait(browser, lambda d: d.find_element(By.ID, "grafiek-lasten").get_attribute("data-drawn"))
    assert browser.find_elements(By.CSS_SELECTOR, "#grafiek-lasten svg.main-svg")
    _shot(browser, shots / "02-gemeente.png")

    before = _table_text(browser, "tabel-lasten")
    Select(browser.find_element(By.ID, "document")).select_by_value("begroting")
    browser.find_element(By.CSS_SELECTOR, "#lasten form button[type=submit]").click()
    _wait(browser, lambda d: "document=begroting" in d.current_url)
    after = _table_text(browser, "tabel-lasten")
    assert after != before
    assert "begroting" in browser.find_element(By.ID, "lasten").text
    _shot(browser, shots / "03-gemeente-begroting.png")

    # The advice section follows the group-size control.
    before = _table_text(browser, "kansen")
    size = browser.find_element(By.ID, "groepsgrootte")
    size.clear()
    size.send_keys("2")
    browser.find_element(By.CSS_SELECTOR, "#kansen form button[type=submit]").click()
    _wait(browser, lambda d: "groepsgrootte=2" in d.current_url)
    assert _table_text(browser, "kansen") != before
    _wait(browser, lambda d: d.find_element(By.ID, "grafiek-pareto").get_attribute("data-drawn"))
    _shot(browser, shots / "04-gemeente-kansen-paren.png")

    # Everything the page loaded came from this server.
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)"
    )
    assert set(origins) <= {base_url}
    assert _errors_in_console(browser) == []


def test_national_map_control_changes_the_map(browser: Any, base_url: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(base_url + "/?taakveld=7.3")
    first = browser.find_element(By.CSS_SELECTOR, "#kaart-nl path[data-href]").get_attribute("fill")
    heading = browser.find_element(By.ID, "kaart-titel").text
    Select(browser.find_element(By.ID, "taakveld")).select_by_value("0.2")
    browser.find_element(By.CSS_SELECTOR, "form.bediening button[type=submit]").click()
    _wait(browser, lambda d: "taakveld=0.2" in d.current_url)
    assert browser.find_element(By.ID, "kaart-titel").text != heading
    assert "Burgerzaken" in browser.find_element(By.ID, "kaart-titel").text
    paths = browser.find_elements(By.CSS_SELECTOR, "#kaart-nl path[data-href]")
    assert len(paths) == 342 and first is not None
    _shot(browser, shots / "05-home-burgerzaken.png")
    # A click on the map opens that gemeente.
    browser.execute_script(
        "document.querySelector('#kaart-nl path[data-href=\"/gemeenten/GM0363\"]')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    _wait(browser, lambda d: d.current_url.endswith("/gemeenten/GM0363"))


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_a_or_aa_violations(
    browser: Any, base_url: str, shots: Path, path: str
) -> None:
    browser.get(base_url + path)
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    # Let Plotly draw first: axe must see the page as a user does.
    browser.execute_script(
        "return new Promise(r => setTimeout(r, document.querySelector('[data-chart]') ? 800 : 0))"
    )
    result = run_axe(browser)
    assert "error" not in result, result
    name = re.sub(r"[^A-Za-z0-9]+", "-", path.split("#")[0]).strip("-") or "home"
    _shot(browser, shots / f"axe-{name}.png")
    assert result["violations"] == [], result["violations"]
    assert result["passes"] > 10  # axe really ran its rules on this page
