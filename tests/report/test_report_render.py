"""The four formats: structure, accessibility habits, and numbers read back from the DOCX."""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from report_helpers import need_tool, peer_median, raw_gemeenten, raw_totalen

from regiokompas.report import Chapter, render
from regiokompas.report._format import parse_nl_number
from regiokompas.report._texts import GOALS


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.images: list[dict[str, str | None]] = []
        self.th_scopes: list[str | None] = []
        self.captions = 0
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img":
            self.images.append(dict(attrs))
        elif tag == "th":
            self.th_scopes.append(dict(attrs).get("scope"))
        elif tag == "caption":
            self.captions += 1
        elif tag == "html":
            self.lang = dict(attrs).get("lang")


def test_markdown_has_headings_and_embedded_figures(gouda_synthetic: Chapter) -> None:
    text = render(gouda_synthetic, "md").decode("utf-8")
    assert text.startswith("# Samenwerken met andere gemeenten\n")
    for goal in GOALS.values():
        assert f"\n## {goal}\n" in text
    assert "\n### Kansen voor samenwerking\n" in text
    assert text.count("](data:image/png;base64,") == 3  # spending chart, map, trade-off chart
    assert "| 7.3 Afval |" in text


def test_html_is_self_contained_and_accessible(gouda_synthetic: Chapter) -> None:
    page = render(gouda_synthetic, "html").decode("utf-8")
    outline = _Outline()
    outline.feed(page)
    assert outline.lang == "nl"
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert len(outline.images) == 3
    for image in outline.images:
        assert (image.get("alt") or "").strip(), "every figure has alt text"
        assert (image.get("src") or "").startswith("data:image/png;base64,")
    assert outline.th_scopes and all(s in {"col", "row"} for s in outline.th_scopes)
    assert outline.captions >= 5
    assert "http://" not in page and "https://" not in page  # no external resources


def _docx_tables(document: docx.document.Document) -> dict[str, list[list[str]]]:
    """Tables keyed by their caption (the paragraph before each table)."""
    body = document.element.body
    out: dict[str, list[list[str]]] = {}
    caption = ""
    tables = iter(document.tables)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                caption = text
        elif tag == "tbl":
            table = next(tables)
            out.setdefault(caption, [[c.text for c in row.cells] for row in table.rows])
    return out


def test_docx_numbers_read_back_equal_independent_values(gouda_docx: Path) -> None:
    document = docx.Document(str(gouda_docx))
    tables = _docx_tables(document)
    kern = {row[0]: row[1] for row in tables["Kerncijfers van Gouda"]}
    raw = raw_gemeenten()["GM0513"]
    assert parse_nl_number(kern["Inwoners"]) == int(raw["inwoners_2023"])
    assert parse_nl_number(kern["Landoppervlakte (km²)"]) == pytest.approx(
        float(raw["land_km2"]), abs=0.05
    )

    year, totalen = raw_totalen()
    inwoners = {c: float(r["inwoners"]) for c, r in totalen.items() if float(r["inwoners"]) > 0}
    lasten = tables["Lasten per inwoner per hoofdtaakveld tegenover vergelijkbare gemeenten (€)"]
    assert lasten[0] == ["Hoofdtaakveld", "Gouda", "Vergelijkbare gemeenten*", "Verschil"]
    assert len(lasten) == 10
    for row in lasten[1:]:
        head = row[0].split(" ", 1)[0]
        per_capita = {
            c: float(totalen[c][f"lasten_hoofdtaakveld_{head}"]) * 1000 / inwoners[c]
            for c in inwoners
        }
        assert parse_nl_number(row[1]) == pytest.approx(per_capita["GM0513"], abs=0.5)
        assert parse_nl_number(row[2]) == pytest.approx(
            peer_median("GM0513", per_capita, inwoners), abs=0.5
        )

    kansen = next(v for k, v in tables.items() if k.startswith("Kansen met partners"))
    assert kansen[0] == [
        "Taakveld",
        "Partners",
        "Eigen P10",
        "Eigen P50",
        "Eigen P90",
        "Groep P50",
        "Autonomieverlies eigen (0–1)",
    ]
    values = {row[0]: [parse_nl_number(x) for x in row[2:]] for row in kansen[1:]}
    # the synthetic source's numbers (see conftest.synthetic_source): own share, group P50
    assert values["7.3 Afval"] == [111.0, 222.0, 333.0, 444.0, 0.25]
    assert values["0.61 OZB woningen"] == [37.0, 74.0, 111.0, 148.0, 0.1]


def test_docx_headings_language_and_alt_text(gouda_docx: Path) -> None:
    document = docx.Document(str(gouda_docx))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and (p.style.name or "").startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Samenwerken met andere gemeenten"
    for goal in GOALS.values():
        assert goal in headings
    assert document.core_properties.language == "nl-NL"
    descriptions = [
        el.get("descr") for el in document.element.body.iter() if el.tag.endswith("}docPr")
    ]
    assert len(descriptions) == 3 and all(d and len(d) > 20 for d in descriptions)


def test_pure_python_pdf_has_the_headings(gouda_synthetic: Chapter, tmp_path: Path) -> None:
    data = render(gouda_synthetic, "pdf")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pdftotext = need_tool("pdftotext")
    path = tmp_path / "h.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for heading in (
        "Samenwerken met andere gemeenten",
        "Waar Gouda nu staat",
        *GOALS.values(),
        "Volgende stappen",
    ):
        assert heading in flat, heading
    assert "€" in text and "Naamsvermelding" in flat


def test_unknown_format_raises(gouda_synthetic: Chapter) -> None:
    from regiokompas.report import UnknownFormatError

    with pytest.raises(UnknownFormatError) as info:
        render(gouda_synthetic, "odt")
    assert "odt" in info.value.nl and ".docx" in info.value.en


def test_renders_are_deterministic_for_text_formats(gouda_synthetic: Chapter) -> None:
    assert render(gouda_synthetic, "md") == render(gouda_synthetic, "md")
    assert io.BytesIO(render(gouda_synthetic, "html")).getvalue().count(b"<table>") >= 5


def test_html_fragment_for_embedding(gouda_synthetic: Chapter) -> None:
    from regiokompas.report import html_fragment

    fragment = html_fragment(gouda_synthetic, top_level=2)
    outline = _Outline()
    outline.feed(fragment)
    assert "<html" not in fragment and "<h1" not in fragment
    assert outline.headings[0] == 2 and max(outline.headings) <= 4
