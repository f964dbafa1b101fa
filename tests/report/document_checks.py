"""Checks on the chapter as a reader gets it on paper (issue 16): the text a PDF viewer
extracts, page by page, compared with the words of the chapter model itself.

Imported by name (``from document_checks import ...``) by the document tests.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from report_helpers import need_tool

from regiokompas.report import BulletList, Chapter, Image, Paragraph, Table

#: The most pages the body (everything before the appendix) may fill: a chapter of a
#: collegeprogramma, not a report.
MAX_BODY_PAGES = 6

#: Tool identifiers that must never reach the body: command names and options, file names,
#: model-mode identifiers, environment variables (the appendix may name them).
TOOL_IDENTIFIERS = (
    "--",
    "--modus",
    "fitted",
    "literature",
    ".csv",
    ".json",
    "regiokompas ",  # the command, lower case (the product is "Regiokompas")
    "taakveld_regels",
    "eenheden",
    "REGIOKOMPAS_",
    "modus ",
    "custom",
)

_OPENING = "([{'\"‘“"
_CLOSING = ".,;:!?)]}'\"’”"


def chapter_strings(chapter: Chapter) -> list[str]:
    """Every piece of text the chapter model holds, in reading order."""
    out = [chapter.title, chapter.attributie, chapter.gemeente_naam]

    def block_strings(block: object) -> list[str]:
        if isinstance(block, Paragraph):
            return [block.text]
        if isinstance(block, BulletList):
            return [item.text for item in block.items]
        if isinstance(block, Table):
            cells = [str(c) for row in block.rows for c in row]
            return [block.caption, *block.columns, *cells, f"Bron: {block.bron}", block.bron]
        if isinstance(block, Image):
            return [block.caption, f"Bron: {block.bron}"]
        return []

    for block in chapter.intro:
        out += block_strings(block)
    for _, section in chapter.walk():
        out.append(section.title)
        for block in section.blocks:
            out += block_strings(block)
    return out


def vocabulary(strings: list[str]) -> set[str]:
    """The chapter's own words, as tokens without surrounding punctuation."""
    return {token.strip(_OPENING + _CLOSING) for s in strings for token in s.split()} - {""}


def broken_words(text: str, words: set[str]) -> list[str]:
    """Words of the chapter split across two lines: the last fragment of one line and the
    first of the next together form a word of the chapter while neither alone is one, or a
    word was hyphenated by the word processor ("samenwer-" + "king"). A break after a hyphen
    the word already has ("Hollands-" + "Midden") is no broken word.

    >>> broken_words("de samenwerkin\\ng is", {"de", "samenwerking", "is"})
    ['samenwerkin|g']
    >>> broken_words("de samenwer-\\nking is", {"de", "samenwerking", "is"})
    ['samenwer-|king']
    >>> broken_words("GGD Hollands-\\nMidden", {"GGD", "Hollands-Midden", "Midden"})
    []
    >>> broken_words("de samenwerking\\nis", {"de", "samenwerking", "is"})
    []
    >>> broken_words("P10–\\nP90", {"P10–P90"})
    []
    """
    found: list[str] = []
    lines = [line.split() for line in text.splitlines()]
    for upper, lower in zip(lines, lines[1:], strict=False):
        if not upper or not lower:
            continue
        tail = upper[-1].lstrip(_OPENING)
        head = lower[0].rstrip(_CLOSING)
        if not tail or not head or tail.endswith(("–", "/")):
            continue  # after a dash or slash the text itself allows a break ("P10–P90")
        if tail.endswith("-"):
            inserted = tail[:-1] + head in words and tail + head not in words
            if inserted:
                found.append(f"{tail}|{head}")
        elif tail + head in words and tail.rstrip(_CLOSING) not in words and head not in words:
            found.append(f"{tail}|{head}")
    return found


def pdf_pages(pdf: Path, layout: bool = False) -> list[str]:
    """The text of every page of ``pdf`` (pdftotext; ``layout`` keeps table columns apart)."""
    pdftotext = need_tool("pdftotext")
    args = [pdftotext, *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def body_and_appendix(pages: list[str], appendix_heading: str) -> tuple[list[str], list[str]]:
    """Pages before the appendix heading, and the rest; the heading must open its page."""
    for number, page in enumerate(pages):
        if appendix_heading in " ".join(page.split()):
            first_line = next(line for line in page.splitlines() if line.strip())
            assert appendix_heading.startswith(first_line.strip()), (
                f"the appendix does not start on a new page: page {number + 1} opens with "
                f"{first_line!r}"
            )
            return pages[:number], pages[number:]
    raise AssertionError(f"no appendix heading {appendix_heading!r} in the document")


def identifiers_in(text: str) -> list[str]:
    """The tool identifiers that occur in ``text``."""
    flat = " ".join(text.split())
    return [ident for ident in TOOL_IDENTIFIERS if ident in flat]


def libreoffice_to_pdf(docx: list[Path], out: Path, profile: Path) -> list[Path]:
    """Convert DOCX files with LibreOffice headless (one run), as a gemeente would open them."""
    soffice = need_tool("soffice", "libreoffice")
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(p) for p in docx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdfs = [out / (p.stem + ".pdf") for p in docx]
    missing = [p for p in pdfs if not p.is_file()]
    assert completed.returncode == 0 and not missing, completed.stdout + completed.stderr
    return pdfs
