"""The DOCX as a gemeente opens it: LibreOffice headless converts it to PDF, poppler renders
the first page to PNG and extracts the text. Required in CI (REGIOKOMPAS_CI_STRICT=1)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image as PilImage
from report_helpers import need_tool

from regiokompas.report._texts import GOALS


def test_libreoffice_pdf_has_the_expected_headings(libreoffice_pdf: Path) -> None:
    pdftotext = need_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, str(libreoffice_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(text.split())
    for heading in (
        "Samenwerken met andere gemeenten",
        "Waar Gouda nu staat",
        *GOALS.values(),
        "De afweging: besparing tegenover autonomie",
        "Volgende stappen",
        "Bijlage: methode, aannames en bronnen",
    ):
        assert heading in flat, heading
    assert "Kerncijfers van Gouda" in flat and "CC BY 4.0" in flat


def test_first_page_renders_to_a_png(libreoffice_pdf: Path, tmp_path: Path) -> None:
    pdftoppm = need_tool("pdftoppm")
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(libreoffice_pdf),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    png = tmp_path / "page.png"
    with PilImage.open(png) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert height > width > 300  # portrait A4 at 50 dpi is about 413 × 585
        grey = image.convert("L")
        lo, hi = grey.getextrema()
        assert hi - lo > 100, "the page is not blank"
        inked = sum(grey.histogram()[:128])
        assert inked > 0.005 * width * height
