"""Pages on paper: print each page to PDF in headless Chromium (DevTools ``Page.printToPDF``, as
the print dialog's "Save as PDF" does) and read the PDF back with poppler's ``pdftotext``.

What must hold on paper (``web/static/print.css``):
- the gemeente page's opportunities table shows every column header and every verdict;
- no navigation, skip link, language switch, search or settings form, or button text is printed
  (each such text is looked up in the live page first; a text that also appears as content, such
  as a table header that repeats a form label, is not held against the page);
- tables folded away on screen (a chart's table, the taakvelden table) are printed;
- the address of an outside source is printed after its link text.

In CI (``REGIOKOMPAS_CI_STRICT=1``) a missing Chromium or poppler fails; locally the tests skip
with the reason. The PDFs go to ``REGIOKOMPAS_SCREENSHOTS`` when set, to look at.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_helpers import chromium, need, run_axe, serve
from regiokompas.data import load_dataset
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web import create_app
from regiokompas.web.shared.registers import close_registers

pytestmark = pytest.mark.slow  # a real browser: about twenty seconds for the file

GOUDA = "/gemeenten/GM0513"

#: Everything a reader cannot use on paper. Kept in step with the hiding rules of print.css.
_CONTROLS = (
    ".skiplink, .kop nav a, .taal, form.zoek label, form.zoek button, form.bediening label,"
    " form.bediening legend, form.inline button, button"
)

#: The page's text outside those controls (the test must not fault a word that is content too).
_CONTENT_TEXT = """
const body = document.body.cloneNode(true);
body.querySelectorAll(
  '.skiplink, .kop nav, .taal, form.zoek, form.bediening, form.inline, button, script, datalist,'
  + ' option, .sr-only'
).forEach(e => e.remove());
return body.textContent;
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with an empty register of its own (the register list is one of the pages; an
    arrangement in it would change Gouda's advice, which must keep its opportunities table)."""
    folder = tmp_path_factory.mktemp("print-register")
    url = f"sqlite:///{folder / 'register.sqlite'}"
    reg = Register.open(url, load_dataset())
    app = create_app(Settings(database_url=url, sessie_sleutel="print-test-sleutel"))
    with serve(app, lifespan="off") as base:
        yield base
    close_registers()
    reg.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) not found")
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("REGIOKOMPAS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("pdf")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Printed:
    """One page as the browser shows it and as it prints."""

    def __init__(self, browser: Any, url: str, pdf: Path) -> None:
        from selenium.webdriver.common.by import By

        browser.get(url)
        self.h1 = _flat(browser.find_element(By.TAG_NAME, "h1").get_attribute("textContent"))
        self.controls = [
            _flat(e.get_attribute("textContent") or "")
            for e in browser.find_elements(By.CSS_SELECTOR, _CONTROLS)
        ]
        self.content = _flat(browser.execute_script(_CONTENT_TEXT))
        self.browser = browser
        data = browser.execute_cdp_cmd(
            "Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True}
        )
        pdf.write_bytes(base64.b64decode(data["data"]))
        self.pdf = pdf
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        self.text = _flat(text)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
        self.pages = int(pages.group(1)) if pages else 0

    def texts(self, selector: str) -> list[str]:
        from selenium.webdriver.common.by import By

        return [
            _flat(e.get_attribute("textContent") or "")
            for e in self.browser.find_elements(By.CSS_SELECTOR, selector)
        ]

    def assert_no_controls(self) -> None:
        checked = [c for c in set(self.controls) if len(c) >= 3 and c not in self.content]
        assert len(checked) >= 3, f"too few control texts to check: {checked}"
        printed = [c for c in checked if c in self.text]
        assert printed == [], f"{self.pdf.name}: controls printed: {printed}"


def _print(browser: Any, base_url: str, path: str, out: Path, name: str) -> Printed:
    page = Printed(browser, base_url + path, out / f"print-{name}.pdf")
    assert page.pages >= 1
    assert page.h1 and page.h1 in page.text, f"{name}: the heading is not on paper"
    return page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_gemeente_page_prints_every_column_of_the_opportunities_table(
    browser: Any, base_url: str, out: Path, lang: str
) -> None:
    page = _print(browser, base_url, f"{GOUDA}?lang={lang}", out, f"gemeente-{lang}")
    headers = page.texts("#tabel-kansen thead th")
    assert len(headers) == 7, headers
    missing = [h for h in headers if h not in page.text]
    assert missing == [], f"columns cut off on paper: {missing}"
    # Every row's verdict (the last column) and own autonomy loss are printed too.
    for cell in page.texts("#tabel-kansen tbody td.autonomie") + page.texts(
        "#tabel-kansen tbody tr[data-taakveld] td:last-child"
    ):
        assert cell in page.text, cell
    page.assert_no_controls()
    # The Pareto chart is left out on paper; the table folded away under it is printed.
    pareto = page.texts("#tabel-pareto caption")
    assert pareto and pareto[0] in page.text
    taakvelden = page.texts("#tabel-taakvelden caption")
    assert taakvelden and taakvelden[0] in page.text


def test_home_prints_the_map_table_and_no_controls(browser: Any, base_url: str, out: Path) -> None:
    page = _print(browser, base_url, "/?lang=nl", out, "home")
    caption = page.texts("#tabel-kaart caption")
    assert caption and caption[0] in page.text
    page.assert_no_controls()


def test_regio_page_prints_without_controls(browser: Any, base_url: str, out: Path) -> None:
    page = _print(
        browser,
        base_url,
        "/regios/VR16?lid=GM0513&lid=GM0627&lid=GM1901&modus=literature&lang=nl",
        out,
        "regio",
    )
    headers = page.texts("#tabel-verdeling thead th")
    assert len(headers) >= 7
    assert [h for h in headers if h not in page.text] == []
    page.assert_no_controls()


def test_register_list_prints_without_controls(browser: Any, base_url: str, out: Path) -> None:
    page = _print(browser, base_url, "/register?lang=nl", out, "register")
    intro = page.texts("p.intro")
    assert intro and intro[0] in page.text
    page.assert_no_controls()


def test_glossary_prints_every_term_and_source_addresses(
    browser: Any, base_url: str, out: Path
) -> None:
    from regiokompas.glossary import load_glossary

    glossary = load_glossary()
    for lang in ("en", "nl"):
        page = _print(browser, base_url, f"/woordenlijst?lang={lang}", out, f"woordenlijst-{lang}")
        labels = [_flat(t.label(lang)) for t in glossary.terms]
        assert [label for label in labels if label not in page.text] == []
    # The address of each linked source follows its link text (it may wrap anywhere).
    dense = page.text.replace(" ", "")
    links = {t.link for t in glossary.terms if t.link}
    assert links and [u for u in links if u not in dense] == []
    page.assert_no_controls()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_glossary_page_has_no_wcag_violations(browser: Any, base_url: str, lang: str) -> None:
    browser.get(f"{base_url}/woordenlijst?lang={lang}#nucleolus")
    result = run_axe(browser)
    assert "error" not in result, result
    assert result["violations"] == [], result["violations"]
    assert result["passes"] > 10
