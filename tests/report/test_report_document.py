"""The chapter as a finished document (issue 16): opened in LibreOffice, and as our own PDF.

For Gouda, Vaals and Amsterdam the DOCX is converted by LibreOffice headless and the text
extracted with poppler; the test fails on a word broken across lines, on more body pages than
:data:`MAX_BODY_PAGES` (the appendix starts on its own page under a findable heading), and on
any tool identifier in the body. The pure-Python PDF gets the same checks. A deliberately
narrow column proves that the broken-word check fails when it should. Needs LibreOffice and
poppler: skipped locally without them, a failure in CI (REGIOKOMPAS_CI_STRICT=1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from document_checks import (
    MAX_BODY_PAGES,
    body_and_appendix,
    broken_words,
    chapter_strings,
    identifiers_in,
    libreoffice_to_pdf,
    pdf_pages,
    vocabulary,
)

from regiokompas.data import Dataset
from regiokompas.report import Chapter, ChapterOptions, Table, build_chapter, render
from regiokompas.report._texts import T

#: The issue's three, and Kapelle: it has an opportunity, so its sentences are checked too.
GEMEENTEN = ("Gouda", "Vaals", "Amsterdam", "Kapelle")


@pytest.fixture(scope="module")
def chapters(ds: Dataset) -> dict[str, Chapter]:
    return {naam: build_chapter(ds, naam, ChapterOptions()) for naam in GEMEENTEN}


@pytest.fixture(scope="module")
def libreoffice_pdfs(
    chapters: dict[str, Chapter], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("document")
    docx = []
    for naam, chapter in chapters.items():
        path = folder / f"{naam}.docx"
        path.write_bytes(render(chapter, "docx"))
        docx.append(path)
    pdfs = libreoffice_to_pdf(docx, folder / "pdf", tmp_path_factory.mktemp("lo-profile"))
    yield {p.stem: p for p in pdfs}


def _check(chapter: Chapter, pdf: Path) -> None:
    pages = pdf_pages(pdf)
    body, appendix = body_and_appendix(pages, T["bijlage"])
    assert 1 <= len(body) <= MAX_BODY_PAGES, f"{len(body)} body pages"
    assert appendix, "the appendix is missing"
    words = vocabulary(chapter_strings(chapter))
    broken = [b for page in pages for b in broken_words(page, words)]
    assert not broken, f"words broken across lines: {broken}"
    leaked = identifiers_in("\n".join(body))
    assert not leaked, f"tool identifiers in the body: {leaked}"


@pytest.mark.parametrize("naam", GEMEENTEN)
def test_docx_in_libreoffice_reads_as_a_finished_chapter(
    naam: str, chapters: dict[str, Chapter], libreoffice_pdfs: dict[str, Path]
) -> None:
    _check(chapters[naam], libreoffice_pdfs[naam])


@pytest.mark.parametrize("naam", GEMEENTEN)
def test_pure_python_pdf_reads_as_a_finished_chapter(
    naam: str, chapters: dict[str, Chapter], tmp_path: Path
) -> None:
    pdf = tmp_path / f"{naam}.pdf"
    pdf.write_bytes(render(chapters[naam], "pdf"))
    _check(chapters[naam], pdf)


def test_attribution_is_printed_once(
    chapters: dict[str, Chapter], libreoffice_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    chapter = chapters["Gouda"]
    own = tmp_path / "gouda.pdf"
    own.write_bytes(render(chapter, "pdf"))
    needle = " ".join(chapter.attributie.split())[:60]
    for pdf in (libreoffice_pdfs["Gouda"], own):
        flat = " ".join(" ".join(pdf_pages(pdf)).split())
        assert flat.count(needle) == 1, pdf.name
        assert flat.count(T["attributie"]) == 1, pdf.name


def test_the_broken_word_check_fails_on_a_too_narrow_column(
    chapters: dict[str, Chapter], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same pipeline with every column squeezed to 1,2 cm must be caught."""
    from regiokompas.report import _render_docx

    narrow = Table(
        "Smalle kolommen",
        ("Taakveld", "Toelichting"),
        (("6.71 Maatwerkdienstverlening 18+", "samenwerkingsverbanden bedrijfsvoering"),),
        "test",
    )
    chapter = chapters["Gouda"]
    squeezed = Chapter(
        chapter.title,
        chapter.gemeente_code,
        chapter.gemeente_naam,
        (narrow, *chapter.intro),
        chapter.sections,
        chapter.attributie,
    )
    monkeypatch.setattr(
        _render_docx, "_fit", lambda header, rows, numeric: ("", (1.2,) * len(header))
    )
    docx = tmp_path / "smal.docx"
    docx.write_bytes(render(squeezed, "docx"))
    (pdf,) = libreoffice_to_pdf([docx], tmp_path / "pdf", tmp_path / "profile")
    words = vocabulary(chapter_strings(squeezed))
    broken = [b for page in pdf_pages(pdf) for b in broken_words(page, words)]
    assert broken, "a 1.2 cm column must break 'Maatwerkdienstverlening'"
