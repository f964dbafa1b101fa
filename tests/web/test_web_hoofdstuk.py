"""The gemeente page offers the collegeprogramma chapter and shows existing cooperation."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from regiokompas.data import Dataset
from regiokompas.register import seed_files
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web import create_app


def test_chapter_downloads_in_every_format(client: TestClient) -> None:
    md = client.get("/gemeenten/GM0513/hoofdstuk.md?modus=literature")
    assert md.status_code == 200
    assert md.headers["content-type"].startswith("text/markdown")
    assert 'filename="samenwerken-gouda.md"' in md.headers["content-disposition"]
    assert md.text.startswith("# Samenwerken met andere gemeenten")
    docx = client.get("/gemeenten/Gouda/hoofdstuk.docx?modus=literature")
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        assert "word/document.xml" in archive.namelist()
    pdf = client.get("/gemeenten/GM0513/hoofdstuk.pdf?modus=literature")
    assert pdf.content.startswith(b"%PDF")


def test_chapter_download_follows_the_language(client: TestClient) -> None:
    """?lang=en gives the English chapter (issue 16); the same numbers, English notation."""
    english = client.get("/gemeenten/GM0513/hoofdstuk.md?modus=literature&lang=en")
    dutch = client.get("/gemeenten/GM0513/hoofdstuk.md?modus=literature")
    assert english.status_code == 200
    assert english.text.startswith("# Cooperating with other municipalities")
    assert "| Inhabitants | 75,316 |" in english.text  # CBS Kerncijfers 2023: 75.316 in Dutch
    assert "| Inwoners | 75.316 |" in dutch.text


def test_unknown_format_and_mode_are_400_naming_the_parameter(client: TestClient) -> None:
    bad = client.get("/gemeenten/GM0513/hoofdstuk.xls")
    assert bad.status_code == 400 and "formaat" in bad.text
    bad = client.get("/gemeenten/GM0513/hoofdstuk.md?modus=gok")
    assert bad.status_code == 400 and "modus" in bad.text


def test_page_links_the_chapter_and_shows_congruence(
    client: TestClient, ds: Dataset, tmp_path: Path
) -> None:
    """The page reads the register database it works with (here: one seeded with the seed's
    2024 regions), not the seed file."""
    url = f"sqlite:///{tmp_path / 'register.db'}"
    Register.open(url).seed(files=[p for p in seed_files() if p.name == "regio_2024.csv"])
    live = TestClient(create_app(Settings(database_url=url)))
    page = live.get("/gemeenten/GM0513")
    assert page.status_code == 200
    assert "/gemeenten/GM0513/hoofdstuk.docx?" in page.text
    own = [r for r in Register.open(url).regelingen_voor("GM0513") if not r.verwijderd]
    assert own
    sets = {frozenset(r.gemeenten) - {"GM0513"} for r in own} - {frozenset()}
    table = page.text[page.text.index('id="tabel-congruentie"') :]
    assert f'<td class="getal">{len(own)}</td>' in table
    assert f'<td class="getal">{len(sets)}</td>' in table
    # The session app works with the default database; its page counts that one.
    default = len(Register.open(None).regelingen_voor("GM0513"))
    other = client.get("/gemeenten/GM0513").text
    assert f'<td class="getal">{default}</td>' in other[other.index('id="tabel-congruentie"') :]
