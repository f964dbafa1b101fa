"""DOCX renderer (python-docx): the format municipalities edit in.

Uses Word's built-in styles (Title, Heading 1–3, List Number/Bullet, Table Grid, Caption) so
the document takes on a gemeente's own template, sets the language to nl-NL and gives every
picture its alternative text (``wp:docPr/@descr``).
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Table

__all__ = ["render_docx"]

_GREY = RGBColor(0x3D, 0x3D, 0x3D)


def _set_language(document: DocxDocument) -> None:
    r_pr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-NL")
    r_pr.append(lang)


def _small(paragraph: DocxParagraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = _GREY


def _add_block(doc: DocxDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block.text)
        if block.style == "keuze":
            run.bold = True
        elif block.style == "let_op":
            run.italic = True
        return
    if isinstance(block, BulletList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            doc.add_paragraph(item.text, style=style)
        return
    if isinstance(block, Table):
        doc.add_paragraph(block.caption, style="Caption")
        table = doc.add_table(rows=1, cols=len(block.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, column in enumerate(block.columns):
            cell = table.rows[0].cells[i]
            cell.text = ""
            run = cell.paragraphs[0].add_run(column)
            run.bold = True
        _repeat_header(table.rows[0])
        for row in block.rows:
            cells = table.add_row().cells
            for i, value in enumerate(row):
                cells[i].text = str(value)
                if i in block.numeric:
                    cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _column_widths(table, len(block.columns))
        _small(doc.add_paragraph(), f"Bron: {block.bron}")
        return
    if isinstance(block, Image):
        doc.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        picture_paragraph = doc.paragraphs[-1]
        for doc_pr in picture_paragraph._p.iter(qn("wp:docPr")):
            doc_pr.set("descr", block.alt)
            doc_pr.set("title", block.caption)
        caption = doc.add_paragraph(block.caption, style="Caption")
        _small(caption, f" (bron: {block.bron})")
        return
    raise TypeError(f"unknown block {type(block).__name__}")


def _column_widths(table: DocxTable, n: int) -> None:
    # The first column holds labels (taakveld names); give it more room than the figures.
    total = 16.0
    first = total * (0.4 if n > 2 else 0.45)
    widths = [first] + [(total - first) / (n - 1)] * (n - 1) if n > 1 else [total]
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def render_docx(chapter: Chapter) -> bytes:
    """The chapter as a Word document (.docx)."""
    document = Document()
    _set_language(document)
    props = document.core_properties
    props.title = f"{chapter.title} – {chapter.gemeente_naam}"
    props.subject = "Concepthoofdstuk collegeprogramma"
    props.author = "Regiokompas"
    props.language = "nl-NL"
    props.keywords = f"intergemeentelijke samenwerking; {chapter.gemeente_code}"
    document.add_heading(chapter.title, level=0)
    for block in chapter.intro:
        _add_block(document, block)
    for level, section in chapter.walk():
        document.add_heading(section.title, level=min(level - 1, 9))
        for block in section.blocks:
            _add_block(document, block)
    footer = document.sections[0].footer.paragraphs[0]
    _small(footer, chapter.attributie)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
