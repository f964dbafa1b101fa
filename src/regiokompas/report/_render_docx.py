"""DOCX renderer (python-docx): the format municipalities edit in.

Everything a reader sees is formatted through named styles, not direct formatting, so a
gemeente restyles the chapter by changing its styles (or by pasting it into its own
template): ``Normal`` (body), ``Title`` and ``Heading 1``–``3``, ``Bijlagekop`` (the
appendix heading, on a new page), ``Caption``, ``Bron`` (source lines), ``Keuze`` and
``Let op`` (the college's questions and caveats), the table style ``Regiokompas tabel`` with
the paragraph styles ``Tabelkop``, ``Tabeltekst`` and ``Tabelgetal`` (and ``… klein`` for
wide tables). Automatic hyphenation is off; column widths come from the content
(:mod:`regiokompas.report._layout`), so no word is broken across lines. The document
language is nl-NL or en-GB and every picture has its alternative text (``wp:docPr/@descr``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable

from regiokompas.report._layout import column_widths
from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Table

__all__ = ["render_docx"]

_FONT = "Arial"
_DARK = RGBColor(0x0B, 0x25, 0x45)
_GREY = RGBColor(0x3D, 0x3D, 0x3D)
_MARGIN_CM = 2.0
_TEXT_WIDTH_CM = 21.0 - 2 * _MARGIN_CM
_TABLE_SIZES = {"": 8.5, " klein": 7.0}
_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}
_TABLE_STYLE = "Regiokompas tabel"
# Successors of w:suppressAutoHyphens in CT_PPr's schema sequence (Word insists on order).
_AFTER_SUPPRESS = (
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _font(style: Any, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    font = style.font
    font.name = _FONT
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color or RGBColor(0x1A, 0x1A, 0x1A)
    # Built-in headings name theme fonts, which win over w:ascii in Word: drop them.
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)
    r_fonts.set(qn("w:eastAsia"), _FONT)


def _no_hyphenation(style: Any) -> None:
    p_pr = style.element.get_or_add_pPr()
    if p_pr.find(qn("w:suppressAutoHyphens")) is None:
        p_pr.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS)


@dataclass(frozen=True)
class _Look:
    """How a paragraph style looks (points; ``line`` is a multiple of single spacing)."""

    size: float
    bold: bool = False
    italic: bool = False
    color: RGBColor | None = None
    before: float = 0.0
    after: float = 6.0
    line: float = 1.1
    keep: bool = False
    page_break: bool = False
    right: bool = False


def _paragraph_style(document: DocxDocument, name: str, base: str, look: _Look) -> None:
    styles = document.styles
    exists = name in [s.name for s in styles]
    style = styles[name] if exists else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    _font(style, look.size, look.bold, look.color)
    style.font.italic = look.italic
    fmt = style.paragraph_format
    fmt.space_before = Pt(look.before)
    fmt.space_after = Pt(look.after)
    fmt.line_spacing = look.line
    fmt.keep_with_next = look.keep
    fmt.page_break_before = look.page_break
    if look.right:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _define_styles(document: DocxDocument, language: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    _no_hyphenation(normal)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANGUAGE.get(language, "nl-NL"))
    normal.element.get_or_add_rPr().append(lang)
    heading = {"bold": True, "color": _DARK, "after": 4.0, "keep": True}
    _paragraph_style(document, "Title", "Normal", _Look(20, bold=True, color=_DARK, after=4))
    for level, size, before in ((1, 14.0, 14.0), (2, 11.5, 10.0), (3, 10.5, 8.0)):
        look = _Look(size, before=before, **heading)  # type: ignore[arg-type]
        _paragraph_style(document, f"Heading {level}", "Normal", look)
    bijlage = _Look(14, page_break=True, **heading)  # type: ignore[arg-type]
    _paragraph_style(document, "Bijlagekop", "Heading 1", bijlage)
    caption = _Look(9, bold=True, color=_DARK, after=3, keep=True)
    _paragraph_style(document, "Caption", "Normal", caption)
    bron = _Look(7.5, color=_GREY, before=2, after=8, line=1.0)
    _paragraph_style(document, "Bron", "Normal", bron)
    _paragraph_style(document, "Keuze", "Normal", _Look(10, bold=True, before=4, keep=True))
    _paragraph_style(document, "Let op", "Normal", _Look(10, italic=True))
    _paragraph_style(document, "Footer", "Normal", _Look(7.5, color=_GREY, after=0, line=1.0))
    for suffix, size in _TABLE_SIZES.items():
        cell = _Look(size, after=0, line=1.0)
        _paragraph_style(document, f"Tabeltekst{suffix}", "Normal", cell)
        head = _Look(size, bold=True, after=0, line=1.0, keep=True)
        _paragraph_style(document, f"Tabelkop{suffix}", f"Tabeltekst{suffix}", head)
        figure = _Look(size, after=0, line=1.0, right=True)
        _paragraph_style(document, f"Tabelgetal{suffix}", f"Tabeltekst{suffix}", figure)
    table_style = styles.add_style(_TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table_style.base_style = styles["Table Grid"]
    _font(table_style, 8.5)
    for name in ("List Number", "List Bullet"):
        styles[name].base_style = normal
        styles[name].paragraph_format.space_after = Pt(3)


def _add_table(doc: DocxDocument, block: Table, bron: str) -> None:
    header = list(block.columns)
    rows = [[str(c) for c in row] for row in block.rows]
    suffix, widths = _fit(header, rows, block.numeric)
    doc.add_paragraph(block.caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles[_TABLE_STYLE]
    for i, column in enumerate(header):
        cell = table.rows[0].cells[i]
        cell.paragraphs[0].text = column
        cell.paragraphs[0].style = doc.styles[f"Tabelkop{suffix}"]
    _repeat_header(table)
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].paragraphs[0].text = value
            kind = "Tabelgetal" if i in block.numeric else "Tabeltekst"
            cells[i].paragraphs[0].style = doc.styles[f"{kind}{suffix}"]
    _set_widths(table, widths)
    doc.add_paragraph(f"{bron}: {block.bron}", style="Bron")


def _fit(
    header: list[str], rows: list[list[str]], numeric: frozenset[int]
) -> tuple[str, tuple[float, ...]]:
    """The largest table font at which no word needs breaking, with its column widths."""
    for suffix, size in _TABLE_SIZES.items():
        widths = column_widths(header, rows, numeric, size, _TEXT_WIDTH_CM)
        if widths is not None:
            return suffix, widths
    # No size fits: share the width evenly (a word may wrap; the LibreOffice test catches it).
    return " klein", tuple(_TEXT_WIDTH_CM / len(header) for _ in header)


def _set_widths(table: DocxTable, widths: tuple[float, ...]) -> None:
    table.autofit = False  # fixed layout: LibreOffice and Word keep the grid
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _repeat_header(table: DocxTable) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _add_block(doc: DocxDocument, block: Block, bron: str) -> None:
    if isinstance(block, Paragraph):
        style = {"keuze": "Keuze", "let_op": "Let op"}.get(block.style, "Normal")
        doc.add_paragraph(block.text, style=style)
    elif isinstance(block, BulletList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            doc.add_paragraph(item.text, style=style)
    elif isinstance(block, Table):
        _add_table(doc, block, bron)
    elif isinstance(block, Image):
        doc.add_picture(io.BytesIO(block.png), width=Cm(min(block.width_cm, _TEXT_WIDTH_CM)))
        picture_paragraph = doc.paragraphs[-1]
        picture_paragraph.paragraph_format.keep_with_next = True
        for doc_pr in picture_paragraph._p.iter(qn("wp:docPr")):
            doc_pr.set("descr", block.alt)
            doc_pr.set("title", block.caption)
        doc.add_paragraph(block.caption, style="Caption").paragraph_format.keep_with_next = False
        doc.add_paragraph(f"{bron}: {block.bron}", style="Bron")
    else:  # pragma: no cover - the Block union is closed
        raise TypeError(f"unknown block {type(block).__name__}")


def _page_setup(document: DocxDocument, footer_text: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(_MARGIN_CM))
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.text = footer_text
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def render_docx(chapter: Chapter) -> bytes:
    """The chapter as a Word document (.docx)."""
    from regiokompas.report._texts import document_texts

    texts = document_texts(chapter.language)
    document = Document()
    _define_styles(document, chapter.language)
    props = document.core_properties
    props.title = f"{chapter.title} – {chapter.gemeente_naam}"
    props.subject = texts["subject"]
    props.author = "Regiokompas"
    props.language = _LANGUAGE.get(chapter.language, "nl-NL")
    props.keywords = f"{texts['keywords']}; {chapter.gemeente_code}"
    _page_setup(document, texts["footer"].format(naam=chapter.gemeente_naam) + " ")
    document.add_paragraph(chapter.title, style="Title")
    for block in chapter.intro:
        _add_block(document, block, texts["bron"])
    for level, section in chapter.walk():
        style = "Bijlagekop" if section.appendix else f"Heading {min(level - 1, 3)}"
        document.add_paragraph(section.title, style=style)
        for block in section.blocks:
            _add_block(document, block, texts["bron"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
